//! shapegen's generated clients of real AWS models against [moto], the AWS emulator, run in
//! server mode on `127.0.0.1`.
//!
//! * [`install`] finds the Python virtual environment that `setup-moto.sh` created (the tests
//!   never run pip themselves);
//! * [`server`] starts one moto process and guarantees it does not outlive the tests;
//! * [`moto`] is the server a test binary shares (moto keeps state per account and region, so
//!   each test uses resource names of its own and the tests run in parallel);
//! * [`clients`] holds the clients generated from `../shared/models/aws`, present only when
//!   that directory is (the build script sets `cfg(aws_models)`);
//! * [`aws_json_clients`] holds the DynamoDB, SQS, KMS, Secrets Manager, SSM and CloudWatch
//!   Logs clients (awsJson1_0/1_1) of the scenarios in `tests/aws_json`.
//!
//! Without moto installed, [`moto`] prints a notice and the tests pass without running; with
//! `SHAPEGEN_REQUIRE_MOTO=1` (as CI sets) that is a failure instead.
//!
//! [moto]: https://github.com/getmoto/moto

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod install;
pub mod server;

// Generated code documents what the model documents; some members of these models have no
// documentation, so `missing_docs` does not apply to them.
#[cfg(aws_models)]
#[allow(missing_docs)]
pub mod clients;

#[cfg(aws_models)]
#[allow(missing_docs)]
pub mod aws_json_clients;

use std::sync::OnceLock;

pub use install::{Installation, NotInstalled};
pub use server::{MotoServer, StartError};

/// The moto server shared by the tests of this process, started on first use.
///
/// Returns `None` after printing a notice when moto is not installed (a user's machine
/// without Python, or one where `setup-moto.sh` was never run). Panics when moto is not
/// installed and `SHAPEGEN_REQUIRE_MOTO=1`, and when an installed moto fails to start.
pub fn moto() -> Option<&'static MotoServer> {
    static SHARED: OnceLock<Result<Result<MotoServer, String>, NotInstalled>> = OnceLock::new();
    let shared = SHARED.get_or_init(|| {
        Installation::find()
            .map(|installation| MotoServer::start(&installation).map_err(|e| e.to_string()))
    });
    match shared {
        Ok(Ok(server)) => Some(server),
        Ok(Err(error)) => panic!(
            "moto did not start: {error} (to reinstall it, delete {} and run {})",
            install::venv_dir().display(),
            install::SETUP_COMMAND
        ),
        Err(not_installed) => {
            assert!(
                !moto_required(),
                "SHAPEGEN_REQUIRE_MOTO=1 but {not_installed}"
            );
            eprintln!("notice: skipping a test that needs moto: {not_installed}");
            None
        }
    }
}

/// Whether `SHAPEGEN_REQUIRE_MOTO=1` forbids skipping when moto is not installed.
pub fn moto_required() -> bool {
    std::env::var("SHAPEGEN_REQUIRE_MOTO").is_ok_and(|v| v == "1")
}

/// The paths of the violations of a call that failed validation before sending; panics,
/// showing the error, when it failed any other way.
pub fn violation_paths<E: std::fmt::Debug>(error: &shapegen::Error<E>) -> Vec<String> {
    let validation = error
        .as_validation_error()
        .unwrap_or_else(|| panic!("expected a validation error, got {error:?}"));
    validation
        .violations()
        .iter()
        .map(|v| v.path().to_owned())
        .collect()
}
