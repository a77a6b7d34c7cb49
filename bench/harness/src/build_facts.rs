//! Facts a benchmark's report prints, recorded by its build script: the compiler, and the
//! version of the official SDK crate in the bench's Cargo.lock. Build scripts include this
//! file with `#[path]` (a build-dependency on the harness would build tokio for the host).

use std::process::Command;

/// Sets `BENCH_RUSTC_VERSION` and `BENCH_OFFICIAL_SDK_VERSION` (of `sdk_crate`) for the crate.
pub fn record(sdk_crate: &str) {
    println!("cargo::rerun-if-changed=../Cargo.lock");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let version = Command::new(rustc)
        .arg("-V")
        .output()
        .ok()
        .and_then(|output| String::from_utf8(output.stdout).ok())
        .unwrap_or_default();
    println!("cargo::rustc-env=BENCH_RUSTC_VERSION={}", version.trim());
    let lock = std::fs::read_to_string("../Cargo.lock").unwrap_or_default();
    println!(
        "cargo::rustc-env=BENCH_OFFICIAL_SDK_VERSION={}",
        locked_version(&lock, sdk_crate).unwrap_or("unknown")
    );
}

/// The version of `name` in a Cargo.lock.
fn locked_version<'a>(lock: &'a str, name: &str) -> Option<&'a str> {
    let wanted = format!("name = \"{name}\"");
    lock.split("[[package]]")
        .find(|entry| entry.lines().any(|line| line.trim() == wanted))?
        .lines()
        .find_map(|line| line.trim().strip_prefix("version = \""))?
        .strip_suffix('"')
}
