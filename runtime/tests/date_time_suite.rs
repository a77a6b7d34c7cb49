//! `DateTime` against smithy-rs's public date-time format suite
//! (`test_data/date_time_format_test_suite.json`, shipped in the `aws-smithy-types` crate that
//! is one of our dev-dependencies) and, for random times, against `aws-smithy-types` itself.
//!
//! The suite is read from the source of the version `Cargo.lock` pins (1.9 or newer: earlier
//! suites wrote times before the epoch as floor seconds and a fraction, which 1.9 corrected to
//! the decimal value) in cargo's registry; when it cannot be found the
//! suite test prints a notice and passes, except under `SHAPEGEN_REQUIRE_SHARED=1` (CI).

use std::path::{Path, PathBuf};

use aws_smithy_types::date_time::Format;
use shapegen::{DateTime, TimestampFormat};

/// The version of `aws-smithy-types` the workspace's `Cargo.lock` pins (the dev-dependency
/// whose suite and behaviour this test compares against).
fn locked_version() -> Option<String> {
    let lock =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.lock")).ok()?;
    let mut lines = lock.lines();
    lines.find(|line| *line == "name = \"aws-smithy-types\"")?;
    let version = lines
        .next()?
        .strip_prefix("version = \"")?
        .strip_suffix('"')?;
    Some(version.to_owned())
}

/// The suite file of the locked `aws-smithy-types` in cargo's registry sources.
fn suite_path() -> Option<PathBuf> {
    let crate_dir = format!("aws-smithy-types-{}", locked_version()?);
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))?;
    std::fs::read_dir(cargo_home.join("registry/src"))
        .ok()?
        .flatten()
        .map(|index| {
            index
                .path()
                .join(&crate_dir)
                .join("test_data/date_time_format_test_suite.json")
        })
        .find(|path| path.is_file())
}

fn canonical(case: &serde_json::Value) -> DateTime {
    let seconds: i64 = case["canonical_seconds"].as_str().unwrap().parse().unwrap();
    let nanos = u32::try_from(case["canonical_nanos"].as_u64().unwrap()).unwrap();
    DateTime::from_secs_and_nanos(seconds, nanos)
}

#[test]
fn smithy_rs_date_time_suite() {
    let Some(path) = suite_path() else {
        let required = std::env::var("SHAPEGEN_REQUIRE_SHARED").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "the aws-smithy-types date-time suite was not found in cargo's registry"
        );
        eprintln!(
            "skipping: the aws-smithy-types date-time suite was not found in cargo's registry"
        );
        return;
    };
    let suite: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let sections = [
        ("format_epoch_seconds", TimestampFormat::EpochSeconds, true),
        ("format_date_time", TimestampFormat::DateTime, true),
        ("format_http_date", TimestampFormat::HttpDate, true),
        ("parse_epoch_seconds", TimestampFormat::EpochSeconds, false),
        ("parse_date_time", TimestampFormat::DateTime, false),
        ("parse_http_date", TimestampFormat::HttpDate, false),
    ];
    let mut failures = Vec::new();
    let mut total = 0;
    for (section, format, formatting) in sections {
        for case in suite[section].as_array().unwrap() {
            total += 1;
            let expected_error = case["error"].as_bool().unwrap();
            let time = canonical(case);
            let text = case["smithy_format_value"].as_str();
            let outcome = if formatting {
                let written = time.fmt(format);
                match (written, expected_error, text) {
                    (Err(_), true, _) => None,
                    (Ok(written), false, Some(text)) if written == text => None,
                    (written, _, _) => Some(format!("{written:?}, expected {text:?}")),
                }
            } else {
                let text = text.unwrap();
                match (DateTime::parse(text, format), expected_error) {
                    (Err(_), true) => None,
                    (Ok(read), false) if read == time => None,
                    (read, _) => Some(format!("read {read:?} from {text:?}, expected {time:?}")),
                }
            };
            if let Some(problem) = outcome {
                failures.push(format!("{section} {}: {problem}", case["iso8601"]));
            }
        }
    }
    println!(
        "date-time suite: {}/{total} cases agree",
        total - failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {total} cases disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn random_times_format_like_aws_smithy_types() {
    let mut rng = fastrand::Rng::with_seed(7);
    for _ in 0..20_000 {
        let seconds = match rng.u8(0..4) {
            0 => rng.i64(-2_000_000_000..2_000_000_000),
            1 => rng.i64(-62_135_596_800..253_402_300_799),
            2 => rng.i64(..),
            _ => rng.i64(-10..10),
        };
        // aws-smithy-types writes date-times to the microsecond; shapegen keeps nanoseconds.
        let nanos = match rng.u8(0..3) {
            0 => 0,
            1 => rng.u32(0..1000) * 1_000_000,
            _ => rng.u32(0..1_000_000) * 1_000,
        };
        let ours = DateTime::from_secs_and_nanos(seconds, nanos);
        let theirs = aws_smithy_types::DateTime::from_secs_and_nanos(seconds, nanos);
        for (format, reference) in [
            (TimestampFormat::EpochSeconds, Format::EpochSeconds),
            (TimestampFormat::DateTime, Format::DateTime),
            (TimestampFormat::HttpDate, Format::HttpDate),
        ] {
            let expected = theirs.fmt(reference).ok();
            assert_eq!(
                ours.fmt(format).ok(),
                expected,
                "{seconds} s {nanos} ns in {format:?}"
            );
            if let Some(text) = expected {
                let reread = aws_smithy_types::DateTime::from_str(&text, reference).unwrap();
                let ours_read = DateTime::parse(&text, format).unwrap();
                assert_eq!(
                    (ours_read.secs(), ours_read.subsec_nanos()),
                    (reread.secs(), reread.subsec_nanos()),
                    "{text}"
                );
            }
        }
    }
}
