//! Reporting problems found in the model while resolving it: each diagnostic once.
//!
//! Each part of the model is validated by the pass that resolves it, in the order it is met
//! (so diagnostics come out in model order, as before); `check/tests.rs` holds one minimal
//! model per diagnostic resolution can produce, with the message and JSON path expected.

use super::Resolver;
use crate::diagnostics::{Diagnostic, JsonPath};

impl Resolver<'_, '_> {
    pub(super) fn unknown_target(&mut self, path: &JsonPath, target: &str) {
        self.diagnostics.error(
            path.clone(),
            format!("unknown shape `{target}`: no shape with this id in the model"),
        );
    }

    /// Records a problem unless the same one was already recorded (a shape's traits are read
    /// once per member that targets it).
    pub(super) fn report_once(&mut self, path: JsonPath, message: String) {
        self.push_once(Diagnostic::at(path, message));
    }

    /// Records a warning unless the same one was already recorded.
    pub(super) fn warn_once(&mut self, path: JsonPath, message: String) {
        self.push_once(Diagnostic::warning(path, message));
    }

    pub(super) fn push_once(&mut self, diagnostic: Diagnostic) {
        if !self.diagnostics.iter().any(|d| *d == diagnostic) {
            self.diagnostics.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests;
