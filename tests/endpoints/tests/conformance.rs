//! Every `smithy.rules#endpointTests` case of the 402 AWS models in `../shared`, evaluated by
//! shapegen's rules engine with the partition table those cases assume. No case is exempt:
//! every one must pass.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use shapegen::endpoint::Partitions;
use shapegen_endpoint_tests::{Model, load_models, run};

fn models(shared: &Path) -> Vec<Model> {
    let started = Instant::now();
    let models = load_models(&shared.join("models/aws")).unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "loaded {} models in {:.2?}",
        models.len(),
        started.elapsed()
    );
    models
}

fn partitions(shared: &Path, file: &str) -> Arc<Partitions> {
    let path = shared.join("endpoints").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Arc::new(Partitions::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

#[test]
fn every_endpoint_test_case_passes() {
    let Some(shared) = shapegen_tests::shared_dir() else {
        return;
    };
    let models = models(&shared);
    let started = Instant::now();
    let report = run(&models, &partitions(&shared, "partitions.json"));
    eprintln!("evaluated in {:.2?}", started.elapsed());
    for line in report.failure_lines() {
        eprintln!("{line}");
    }
    eprintln!("{}", report.total_line());
    assert!(report.failures.is_empty(), "{}", report.total_line());
}

/// The same cases with the newest partition table (the one the runtime ships): cases differ
/// only where the table gives a region mentioned by the case another partition result.
#[test]
fn with_the_latest_partition_table_only_data_changes_differ() {
    let Some(shared) = shapegen_tests::shared_dir() else {
        return;
    };
    let models = models(&shared);
    let assumed = partitions(&shared, "partitions.json");
    let latest = partitions(&shared, "partitions-latest.json");
    let report = run(&models, &latest);
    eprintln!("with partitions-latest.json: {}", report.total_line());
    let mut unexplained = Vec::new();
    let mut by_region = std::collections::BTreeMap::<String, usize>::new();
    for failure in &report.failures {
        let model = models.iter().find(|m| m.file == failure.file).unwrap();
        let case = &model.cases[failure.index];
        let changed: Vec<String> = regions_mentioned(&case.params)
            .into_iter()
            .filter(|region| assumed.partition_of(region) != latest.partition_of(region))
            .collect();
        match changed.first() {
            Some(region) => *by_region.entry(region.clone()).or_default() += 1,
            None => unexplained.push(failure),
        }
    }
    for (region, count) in &by_region {
        eprintln!("  {count} case(s) differ: the partition data of {region} changed");
    }
    let now_endpoints = report
        .failures
        .iter()
        .filter(|f| f.detail.starts_with("expected error"))
        .count();
    eprintln!(
        "  of which {now_endpoints} expected an error and now resolve, {} resolve to another URL",
        report.failures.len() - now_endpoints
    );
    for failure in &unexplained {
        eprintln!(
            "  unexplained: {} [{}] {}: {}",
            failure.file, failure.index, failure.documentation, failure.detail
        );
    }
    assert!(
        unexplained.is_empty(),
        "{} unexplained difference(s)",
        unexplained.len()
    );
}

/// Every string value of the parameters, and the region part of those that are ARNs.
fn regions_mentioned(params: &shapegen::endpoint::Params) -> Vec<String> {
    use shapegen::endpoint::ParamValue;
    let mut regions = Vec::new();
    for (_, value) in params.iter() {
        let strings: Vec<&str> = match value {
            ParamValue::String(s) => vec![s],
            ParamValue::StringArray(items) => items.iter().map(String::as_str).collect(),
            ParamValue::Bool(_) => vec![],
        };
        for s in strings {
            regions.push(s.to_owned());
            if let Some(region) = s.strip_prefix("arn:").and_then(|arn| arn.split(':').nth(2)) {
                regions.push(region.to_owned());
            }
        }
    }
    regions
}
