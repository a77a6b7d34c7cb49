//! shapegen-codegen: turns a Smithy JSON AST model into Rust client code.
//!
//! This is the library behind every shapegen front end (the `generate!` macro, `build.rs`, the
//! CLI). It has no proc-macro dependency, so it can be tested and called like any library.
//!
//! ```text
//! model JSON ──load──▶ Model ──resolve──▶ IR ──emit──▶ TokenStream
//! ```
//!
//! Every problem in the model is collected into [`Diagnostics`], each with a JSON path, and
//! reported together.

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
mod pattern;
mod settings;

use proc_macro2::TokenStream;

pub use diagnostics::{Diagnostic, Diagnostics, JsonPath, Location};
#[cfg(feature = "format")]
pub use format::format_tokens;
#[cfg(feature = "format")]
pub use generator::{GenerateError, Generator};
pub use settings::Settings;

/// Generates client code from the bytes of a model file.
///
/// `file` is the name used in messages (usually the path as the user wrote it).
pub fn generate(
    source: &[u8],
    file: &str,
    settings: &Settings,
) -> Result<TokenStream, Diagnostics> {
    let ir = resolve(source, file, settings)?;
    Ok(emit::emit(&ir))
}

/// Loads and resolves a model into the IR, reporting every problem found.
pub fn resolve(source: &[u8], file: &str, settings: &Settings) -> Result<ir::Ir, Diagnostics> {
    let mut diagnostics = Diagnostics::new(file);
    let model = model::load(source, &mut diagnostics);
    let ir = model.and_then(|model| ir::resolve(&model, settings, &mut diagnostics));
    match ir {
        Some(ir) if diagnostics.is_empty() => Ok(ir),
        _ => Err(diagnostics),
    }
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
///     let ir = resolve_loaded(&model, "ex.json", &settings)?;
///     let once = emit(&ir).to_string();
///     assert_eq!(once, generate(source, "ex.json", &settings)?.to_string());
/// }
/// # Ok::<(), shapegen_codegen::Diagnostics>(())
/// ```
pub fn load(source: &[u8], file: &str) -> Result<model::Model, Diagnostics> {
    let mut diagnostics = Diagnostics::new(file);
    match model::load(source, &mut diagnostics) {
        Some(model) if diagnostics.is_empty() => Ok(model),
        _ => Err(diagnostics),
    }
}

/// Resolves the service `settings` select in a loaded model into the IR.
pub fn resolve_loaded(
    model: &model::Model,
    file: &str,
    settings: &Settings,
) -> Result<ir::Ir, Diagnostics> {
    let mut diagnostics = Diagnostics::new(file);
    match ir::resolve(model, settings, &mut diagnostics) {
        Some(ir) if diagnostics.is_empty() => Ok(ir),
        _ => Err(diagnostics),
    }
}

/// The client code of a resolved IR (what [`generate`] returns).
pub fn emit(ir: &ir::Ir) -> TokenStream {
    emit::emit(ir)
}
