//! shapegen-codegen: turns a Smithy JSON AST model into Rust client code.
//!
//! This is the library behind every shapegen front end (the `generate!` macro, `build.rs`, the
//! CLI). It has no proc-macro dependency, so it can be tested and called like any library.
//!
//! ```text
//! model JSON ──load──▶ Model ──resolve──▶ IR + findings ──check──▶ IR ──emit──▶ TokenStream
//! ```
//!
//! `load` reads the JSON AST; `resolve` builds the IR, reporting only what it cannot build it
//! without (no service, an unknown shape, an unsupported protocol); `check` reports the rules
//! the model breaks (URI labels, binding types, constraint values, enum values, endpoint
//! parameters...); `emit` runs only when neither found an error. Every problem is collected into
//! [`Diagnostics`], each with a JSON path, and reported together. Errors stop generation;
//! warnings do not (see [`Severity`]).

mod diagnostics;
pub mod diff;
mod docs;
mod emit;
#[cfg(feature = "format")]
mod format;
#[cfg(feature = "format")]
mod generator;
pub mod ir;
pub mod model;
pub mod pattern;
mod settings;

use proc_macro2::TokenStream;

pub use diagnostics::{Diagnostic, Diagnostics, JsonPath, Location, Severity};
#[cfg(feature = "format")]
pub use format::format_tokens;
#[cfg(feature = "format")]
pub use generator::{GenerateError, GeneratedCode, Generator};
pub use settings::Settings;

/// Generated code, and the warnings found while generating it.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The client's items.
    pub tokens: TokenStream,
    /// Parts of the model the code does not honour (each message says which); empty when the
    /// model is generated in full.
    pub warnings: Diagnostics,
}

/// A resolved model, and the warnings found while resolving it.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// What the client contains.
    pub ir: ir::Ir,
    /// Parts of the model the client does not honour (each message says which).
    pub warnings: Diagnostics,
}

/// Generates client code from the bytes of a model file.
///
/// `file` is the name used in messages (usually the path as the user wrote it). Fails when
/// the model has errors; succeeds with warnings when part of it cannot be honoured (a pattern
/// with no ECMA-262 equivalent, an operation using an event stream).
pub fn generate(source: &[u8], file: &str, settings: &Settings) -> Result<Generated, Diagnostics> {
    let model = load(source, file)?;
    let Resolved { ir, warnings } = resolve_loaded(&model, file, settings)?;
    Ok(Generated {
        tokens: emit::emit(&ir),
        warnings,
    })
}

/// Loads, resolves and checks a model, reporting every problem found: errors (all of them,
/// with the warnings) or the IR with the warnings alone on success.
pub fn resolve(source: &[u8], file: &str, settings: &Settings) -> Result<Resolved, Diagnostics> {
    resolve_loaded(&load(source, file)?, file, settings)
}

/// Loads a model without resolving a service, to resolve several services of one document
/// (with [`resolve_loaded`]) while reading it once.
///
/// ```
/// use shapegen_codegen::{Settings, emit, generate, load, resolve_loaded};
///
/// let source = br#"{"smithy": "2.0", "shapes": {
///     "ex#Json10": {"type": "service", "version": "1", "operations": [{"target": "ex#Ping"}],
///                   "traits": {"aws.protocols#awsJson1_0": {}}},
///     "ex#Json11": {"type": "service", "version": "1", "operations": [{"target": "ex#Ping"}],
///                   "traits": {"aws.protocols#awsJson1_1": {}}},
///     "ex#Ping": {"type": "operation"}
/// }}"#;
/// let model = load(source, "ex.json")?;
/// for service in ["ex#Json10", "ex#Json11"] {
///     let settings = Settings::new().service(service);
///     let resolved = resolve_loaded(&model, "ex.json", &settings)?;
///     let once = emit(&resolved.ir).to_string();
///     assert_eq!(once, generate(source, "ex.json", &settings)?.tokens.to_string());
/// }
/// # Ok::<(), shapegen_codegen::Diagnostics>(())
/// ```
pub fn load(source: &[u8], file: &str) -> Result<model::Model, Diagnostics> {
    let mut diagnostics = Diagnostics::new(file);
    match model::load(source, &mut diagnostics) {
        Some(model) if !diagnostics.has_errors() => Ok(model),
        _ => Err(diagnostics),
    }
}

/// Resolves the service `settings` select in a loaded model into the IR and checks it: errors
/// (all of them, resolution failures then broken rules, with the warnings) or the IR with the
/// warnings alone on success.
pub fn resolve_loaded(
    model: &model::Model,
    file: &str,
    settings: &Settings,
) -> Result<Resolved, Diagnostics> {
    let mut diagnostics = Diagnostics::new(file);
    let resolution = ir::resolve(model, settings, &mut diagnostics);
    if let Some(resolution) = &resolution {
        ir::check(model, resolution, &mut diagnostics);
    }
    match resolution {
        Some(resolution) if !diagnostics.has_errors() => Ok(Resolved {
            ir: resolution.ir,
            warnings: diagnostics,
        }),
        _ => Err(diagnostics),
    }
}

/// The client code of a resolved IR (what [`generate`] returns).
pub fn emit(ir: &ir::Ir) -> TokenStream {
    emit::emit(ir)
}
