//! Enables the generated clients when the real AWS models are present in `../shared`.
//!
//! A user's fresh clone has no `../shared`: the clients and their scenarios are then left out
//! (with a warning). With `SHAPEGEN_REQUIRE_SHARED=1` (CI) a missing directory fails the build.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(aws_models)");
    println!("cargo::rerun-if-env-changed=SHAPEGEN_REQUIRE_SHARED");
    let manifest =
        std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let models = manifest.join("../../../shared/models/aws");
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
            "cargo::warning=skipping the endpoint client tests: {} does not exist",
            models.display()
        );
    }
}
