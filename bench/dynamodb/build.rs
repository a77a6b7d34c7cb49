//! Records facts the report prints (the compiler, the official SDK version in Cargo.lock) and
//! sets `cfg(dynamodb_model)` when `../shared/models/aws/dynamodb.json` exists.

use std::process::Command;

fn main() {
    shapegen_shared_dir::build_cfg(
        "dynamodb_model",
        &["models/aws/dynamodb.json"],
        "the DynamoDB benchmark",
    );
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
        locked_version(&lock, "aws-sdk-dynamodb").unwrap_or("unknown")
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
