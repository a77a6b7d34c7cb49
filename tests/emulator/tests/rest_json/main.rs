//! Realistic restJson1 scenarios: clients generated from the real AWS models, against moto on
//! `127.0.0.1` (one server for this test binary, distinct resource names per test).
//!
//! Each test skips with a notice when moto is not installed (`tests/emulator/setup-moto.sh`
//! installs it), and fails instead with `SHAPEGEN_REQUIRE_MOTO=1`.

#![cfg(aws_models)]

mod common;
mod efs;
mod eks;
mod glacier;
mod iot;
mod kafka;
mod scheduler;
