//! Where `../shared` (the real AWS models, the protocol-test package, the partition tables) is,
//! and one rule for when it is missing, shared by the test crates and their build scripts.
//!
//! A user's fresh clone has no `../shared`: what needs it is skipped with a printed notice.
//! With `SHAPEGEN_REQUIRE_SHARED=1` (CI sets it) a missing directory is a failure instead.

use std::path::{Path, PathBuf};

/// The variable that turns a missing `../shared` into a failure.
pub const REQUIRE_VAR: &str = "SHAPEGEN_REQUIRE_SHARED";

/// The `shared` directory beside the repository, whether or not it exists.
pub fn shared_path() -> PathBuf {
    // This crate is `<repo>/tests/shared-dir`; `shared` is beside `<repo>`.
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// Whether a missing `../shared` must fail rather than skip.
pub fn required() -> bool {
    std::env::var(REQUIRE_VAR).is_ok_and(|v| v == "1")
}

/// `../shared/<relative>` if it exists. Otherwise `None` after printing a notice that `what`
/// is skipped to stderr, or a panic when [`required`].
pub fn lookup(relative: &str, what: &str) -> Option<PathBuf> {
    let path = shared_path().join(relative);
    if path.exists() {
        return Some(path);
    }
    assert!(
        !required(),
        "{REQUIRE_VAR}=1 but {} does not exist",
        path.display()
    );
    eprintln!("notice: skipping {what}: {} does not exist", path.display());
    None
}

/// For a build script: declares `cfg(<cfg>)` and sets it when every one of `relative` exists
/// under `../shared`, returning the `shared` directory. Otherwise the build goes on without the
/// cfg and with a cargo warning that `what` is skipped, or fails when [`required`]. Cargo
/// reruns the script when the paths or the variable change.
pub fn build_cfg(cfg: &str, relative: &[&str], what: &str) -> Option<PathBuf> {
    println!("cargo::rustc-check-cfg=cfg({cfg})");
    println!("cargo::rerun-if-env-changed={REQUIRE_VAR}");
    let shared = shared_path();
    for path in relative {
        println!("cargo::rerun-if-changed={}", shared.join(path).display());
    }
    if let Some(missing) = relative
        .iter()
        .map(|p| shared.join(p))
        .find(|p| !p.exists())
    {
        assert!(
            !required(),
            "{REQUIRE_VAR}=1 but {} does not exist",
            missing.display()
        );
        println!(
            "cargo::warning=skipping {what}: {} does not exist",
            missing.display()
        );
        return None;
    }
    println!("cargo::rustc-cfg={cfg}");
    Some(shared)
}
