//! Generates the restJson1 compliance tests: the client for the official protocol-test
//! service, and one Rust test per client-applicable `httpRequestTests`/`httpResponseTests`
//! case, from `../shared/protocol-tests/restjson1-model.json`.
//!
//! Without `../shared` (a user's fresh clone) nothing is generated and the tests report that
//! they were skipped; with `SHAPEGEN_REQUIRE_SHARED=1` (CI) a missing suite fails the build.

mod cases;
mod skips;

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rustc-check-cfg=cfg(protocol_suite)");
    println!("cargo::rerun-if-env-changed=SHAPEGEN_REQUIRE_SHARED");
    println!("cargo::rerun-if-changed=build");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let model = manifest.join("../../../shared/protocol-tests/restjson1-model.json");
    println!("cargo::rerun-if-changed={}", model.display());
    if !model.exists() {
        let required = std::env::var("SHAPEGEN_REQUIRE_SHARED").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "SHAPEGEN_REQUIRE_SHARED=1 but the compliance suite {} does not exist",
            model.display()
        );
        println!(
            "cargo::warning=skipping the restJson1 compliance suite: {} does not exist",
            model.display()
        );
        return;
    }
    println!("cargo::rustc-cfg=protocol_suite");
    if let Err(error) = generate(&model, &out) {
        panic!("cannot generate the compliance tests: {error}");
    }
}

fn generate(model: &Path, out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let source = std::fs::read(model)?;
    let settings = shapegen_codegen::Settings::new();
    let file = "restjson1-model.json";
    let client = shapegen_codegen::generate(&source, file, &settings).map_err(|d| d.to_string())?;
    if !client.warnings.is_empty() {
        // Every case must run against the whole model, with every constraint enforced.
        return Err(format!(
            "the suite's model must generate in full: {}",
            client.warnings
        )
        .into());
    }
    std::fs::write(out.join("client.rs"), client.tokens.to_string())?;
    let ir = shapegen_codegen::resolve(&source, file, &settings).map_err(|d| d.to_string())?;
    let document: serde_json::Value = serde_json::from_slice(&source)?;
    let generated = cases::generate(&ir.ir, &document)?;
    std::fs::write(out.join("cases.rs"), generated.tokens.to_string())?;
    std::fs::write(out.join("summary.txt"), generated.summary)?;
    Ok(())
}
