//! Clients generated in full (no `operations:` filter) from a sample of the published AWS
//! restJson1 models in `../shared/models/aws`, chosen by the fixed rule in `build.rs`. They
//! must compile under `#![deny(warnings)]`; `tests/` checks every model and calls a few of
//! these clients on loopback.
//!
//! The sample is compiled by `cargo build` and `cargo test` only. Under clippy and rustdoc it is
//! left out: linting it took minutes per run and documenting it longer (20 clients, megabytes
//! of code), for lints the snapshot tests already apply to generated code (`tests/snapshots`)
//! and rustdoc checks `tests/real-models` already gets.

#![deny(warnings)]

#[cfg(all(aws_models, not(clippy), not(doc)))]
include!(concat!(env!("OUT_DIR"), "/sample.rs"));
