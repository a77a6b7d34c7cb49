//! Resolution failures: what stops resolution from building part of the IR, reported where it
//! is met, while resolution goes on with the rest (so that every problem is reported at once).
//!
//! A failure is a fact resolution cannot do without: a service to generate, a supported
//! protocol, a shape an id refers to, a resource, operation or structure where the model
//! needs one, an `http` trait with a method and URI, a member target that can be a value,
//! operations the settings name. The part is left out (and what depends on it unchecked).
//! Anything else (a rule a model that can be resolved breaks) is only recorded as a
//! [`Finding`](crate::ir::check::Finding) for the check pass, which reports it.
//! `failures/tests.rs` holds one minimal model per failure, with the message and JSON path.

use super::Resolver;
use crate::diagnostics::{Diagnostic, JsonPath};

impl Resolver<'_, '_> {
    /// Fails on a reference (at `path`) to a shape the model does not have.
    pub(super) fn unknown_target(&mut self, path: &JsonPath, target: &str) {
        self.cannot_resolve(
            path.clone(),
            format!("unknown shape `{target}`: no shape with this id in the model"),
        );
    }

    /// Fails on the part of the model at `path`, which resolution leaves out.
    pub(super) fn cannot_resolve(&mut self, path: JsonPath, message: impl Into<String>) {
        self.diagnostics.error(path, message);
    }

    /// Fails on the part of the model at `path` unless the same failure was already reported
    /// (a shape is resolved once per member that targets it).
    pub(super) fn cannot_resolve_once(&mut self, path: JsonPath, message: String) {
        let diagnostic = Diagnostic::at(path, message);
        if !self.diagnostics.iter().any(|d| *d == diagnostic) {
            self.diagnostics.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests;
