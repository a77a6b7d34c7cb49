//! How long parsing and evaluating rule sets takes. Ignored by default (no timing belongs in a
//! pass/fail test); run it optimized:
//!
//! ```sh
//! cargo test --release -p shapegen-endpoint-tests --test timings -- --ignored --nocapture
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use shapegen::endpoint::{Partitions, Resolver, RuleSet};
use shapegen_endpoint_tests::{Model, load_model};

/// The mean time of `f` over enough runs to fill about half a second.
fn mean<T>(mut f: impl FnMut() -> T) -> Duration {
    let started = Instant::now();
    let mut runs = 0_u32;
    while started.elapsed() < Duration::from_millis(500) {
        black_box(f());
        runs += 1;
    }
    started.elapsed() / runs
}

fn report(model: &Model) {
    let json = &model.rule_set_json;
    let parse = mean(|| RuleSet::parse(json).unwrap());
    let partitions = Partitions::aws();
    let uncached = mean(|| {
        for case in &model.cases {
            let _ = black_box(model.rule_set.evaluate(&case.params, partitions));
        }
    }) / u32::try_from(model.cases.len()).unwrap();
    let resolver = Resolver::new(model.rule_set.clone());
    let cases = &model.cases[..model.cases.len().min(shapegen::endpoint::CACHE_CAPACITY)];
    for case in cases {
        let _ = resolver.resolve(&case.params);
    }
    let cached = mean(|| {
        for case in cases {
            let _ = black_box(resolver.resolve(&case.params));
        }
    }) / u32::try_from(cases.len()).unwrap();
    eprintln!(
        "{:<28} rule set {:>6} bytes, {:>4} cases: parse {:>9.1?}, evaluate {:>7.2?} per call uncached, {:>6.0?} cached",
        model.file,
        json.len(),
        model.cases.len(),
        parse,
        uncached,
        cached
    );
}

#[test]
#[ignore = "timing: run with --release --ignored --nocapture"]
fn parse_and_evaluate_times() {
    let Some(shared) = shapegen_tests::shared_dir() else {
        return;
    };
    let dir = shared.join("models/aws");
    for file in [
        "s3.json",
        "s3-control.json",
        "dynamodb.json",
        "lambda.json",
        "chime-sdk-meetings.json",
    ] {
        report(&load_model(&dir.join(file)).unwrap());
    }
    let partitions =
        mean(|| Partitions::parse(include_str!("../../../runtime/data/partitions.json")).unwrap());
    eprintln!("partitions.json (shipped): parse {partitions:.1?}");
}
