//! Enables the generated clients when the real AWS models are present in `../shared`, and
//! writes the operation lists of the models generated with a few operations left out.
//!
//! A user's fresh clone has no `../shared`: the crate is then empty (with a warning). With
//! `SHAPEGEN_REQUIRE_SHARED=1` (CI) a missing directory fails the build.

use std::path::{Path, PathBuf};

/// Models generated with every operation but a few shapegen cannot generate yet: (module,
/// model file in `../shared/models/aws`, operations left out). Each file
/// `$OUT_DIR/{module}.rs` holds the `generate!` call listing all the other operations.
///
/// * ssm: `DescribeDocumentPermission` and `ModifyDocumentPermission` reach `AccountId`, whose
///   pattern `^(?i)all|[0-9]{12}$` uses an inline flag ECMAScript does not have;
/// * cloudwatch-logs: `StartLiveTail` replies with an event stream.
///
/// Drop an entry (and use a plain `generate!` in `src/lib.rs`) once shapegen falls back on
/// such patterns and skips event-stream operations.
const PARTIAL: &[(&str, &str, &[&str])] = &[
    (
        "ssm",
        "ssm.json",
        &["DescribeDocumentPermission", "ModifyDocumentPermission"],
    ),
    ("cloudwatch_logs", "cloudwatch-logs.json", &["StartLiveTail"]),
];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(real_models)");
    println!("cargo::rerun-if-env-changed=SHAPEGEN_REQUIRE_SHARED");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let models = manifest.join("../../../shared/models");
    let dirs = [models.join("smithy"), models.join("aws")];
    for dir in &dirs {
        println!("cargo::rerun-if-changed={}", dir.display());
    }
    if let Some(missing) = dirs.iter().find(|dir| !dir.is_dir()) {
        let required = std::env::var("SHAPEGEN_REQUIRE_SHARED").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "SHAPEGEN_REQUIRE_SHARED=1 but {} does not exist",
            missing.display()
        );
        println!(
            "cargo::warning=skipping the real-model clients: {} does not exist",
            missing.display()
        );
        return;
    }
    println!("cargo::rustc-cfg=real_models");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    for (module, file, left_out) in PARTIAL {
        let spec = models.join("aws").join(file);
        let call = generate_call(&spec, file, left_out);
        let target = out_dir.join(format!("{module}.rs"));
        std::fs::write(&target, call)
            .unwrap_or_else(|error| panic!("cannot write {}: {error}", target.display()));
    }
}

/// `shapegen::generate! { spec: …, operations: [every operation of the model but left_out] }`.
fn generate_call(spec: &Path, file: &str, left_out: &[&str]) -> String {
    let text = std::fs::read_to_string(spec)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", spec.display()));
    let model: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("{} is not JSON: {error}", spec.display()));
    let shapes = model["shapes"]
        .as_object()
        .unwrap_or_else(|| panic!("{} has no shapes", spec.display()));
    let operations: Vec<&str> = shapes
        .iter()
        .filter(|(_, shape)| shape["type"] == "operation")
        .filter_map(|(id, _)| id.split_once('#').map(|(_, name)| name))
        .collect();
    for name in left_out {
        assert!(
            operations.contains(name),
            "{file} has no operation {name} to leave out"
        );
    }
    let kept: Vec<&str> = operations
        .into_iter()
        .filter(|name| !left_out.contains(name))
        .collect();
    format!(
        "shapegen::generate! {{\n    spec: \"../../../shared/models/aws/{file}\",\n    \
         operations: [{}],\n}}\n",
        kept.join(", ")
    )
}
