//! Sets `cfg(aws_models)` when the real AWS models are present in `../shared/models/aws`, for
//! the examples generated from them (`examples/dynamodb_attribute_values.rs`).
//!
//! A user's fresh clone has no `../shared`: those examples then only print a notice. With
//! `SHAPEGEN_REQUIRE_SHARED=1` (CI) a missing directory fails the build.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(aws_models)");
    println!("cargo::rerun-if-env-changed=SHAPEGEN_REQUIRE_SHARED");
    let manifest =
        std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let models = manifest.join("../../shared/models/aws");
    println!("cargo::rerun-if-changed={}", models.display());
    if models.is_dir() {
        println!("cargo::rustc-cfg=aws_models");
    } else {
        let required = std::env::var("SHAPEGEN_REQUIRE_SHARED").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "SHAPEGEN_REQUIRE_SHARED=1 but {} does not exist",
            models.display()
        );
        println!(
            "cargo::warning=skipping the examples of real AWS models: {} does not exist",
            models.display()
        );
    }
}
