//! `shapegen check` (`shapegen_codegen::resolve`) on every published AWS model in
//! `../shared/models/aws`: every model of a supported protocol (restJson1, awsJson1_0,
//! awsJson1_1) resolves with no error, its warnings counted by kind and printed; every other
//! model is rejected for its protocol; no model panics the generator. (Emitting code is covered by the sample this crate compiles.)

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use shapegen_codegen::{Diagnostics, Settings};

/// What checking one model showed.
enum Outcome {
    /// A supported protocol, checked: its warnings.
    Checked { warnings: Diagnostics },
    /// Not a supported protocol, rejected: whether an error names the unsupported protocol.
    Rejected { names_protocol: bool },
    /// An error where none was expected, or a panic: the message.
    Failed(String),
}

/// The protocols shapegen generates clients for.
const SUPPORTED: [&str; 3] = ["restJson1", "awsJson1_0", "awsJson1_1"];

fn check(dir: &Path, file: &str, protocol: &str) -> Outcome {
    let source = match std::fs::read(dir.join(format!("{file}.json"))) {
        Ok(source) => source,
        Err(error) => return Outcome::Failed(format!("cannot read: {error}")),
    };
    let supported = SUPPORTED.contains(&protocol);
    let run = || match (
        supported,
        shapegen_codegen::resolve(&source, file, &Settings::new()),
    ) {
        (true, Ok(resolved)) => Outcome::Checked {
            warnings: resolved.warnings,
        },
        (true, Err(diagnostics)) => Outcome::Failed(diagnostics.to_string()),
        (false, Ok(_)) => Outcome::Failed(format!("a {protocol} model was accepted")),
        (false, Err(diagnostics)) => Outcome::Rejected {
            names_protocol: diagnostics
                .iter()
                .any(|d| d.message().starts_with("unsupported protocol")),
        },
    };
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default();
        Outcome::Failed(format!("panicked: {message}"))
    })
}

/// A warning's kind, from its message.
fn kind(message: &str) -> &'static str {
    if message.starts_with("operation `") && message.contains("event stream") {
        "event-stream operation left out"
    } else if message.starts_with("pattern `") && message.contains("not enforced") {
        "pattern not enforced"
    } else {
        "other"
    }
}

#[test]
fn every_aws_model_checks_without_errors_or_panics() {
    let Some(shared) = shapegen_tests::shared_dir() else {
        return;
    };
    let dir = shared.join("models/aws");
    let index = std::fs::read_to_string(dir.join("INDEX.tsv")).unwrap();
    let models: Vec<(&str, &str)> = index
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut columns = line.split('\t');
            let file = columns.next()?;
            Some((file, columns.nth(1)?))
        })
        .collect();
    assert_eq!(models.len(), 402, "INDEX.tsv lists every AWS model");
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = models.len().div_ceil(workers);
    let outcomes: Vec<Outcome> = std::thread::scope(|scope| {
        let handles: Vec<_> = models
            .chunks(chunk)
            .map(|models| {
                let dir = &dir;
                scope.spawn(move || {
                    models
                        .iter()
                        .map(|(file, protocol)| check(dir, file, protocol))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });

    let mut failures = Vec::new();
    let mut checked = 0;
    let mut rejected = 0;
    let mut warnings: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for ((file, protocol), outcome) in models.iter().zip(outcomes) {
        match outcome {
            Outcome::Checked { warnings: found } => {
                checked += 1;
                for (warning, line) in found.warnings().zip(found.lines()) {
                    warnings
                        .entry(kind(warning.message()))
                        .or_default()
                        .push(line);
                }
            }
            Outcome::Rejected {
                names_protocol: true,
            } => rejected += 1,
            Outcome::Rejected {
                names_protocol: false,
            } => failures.push(format!(
                "{file} ({protocol}): rejected, but not for its protocol"
            )),
            Outcome::Failed(message) => failures.push(format!("{file} ({protocol}): {message}")),
        }
    }
    for protocol in SUPPORTED {
        let count = models.iter().filter(|(_, p)| *p == protocol).count();
        println!("{protocol}: {count} models");
    }
    let supported = models.iter().filter(|(_, p)| SUPPORTED.contains(p)).count();
    println!("supported protocols: {checked} of {supported} models check without errors");
    println!(
        "other protocols: {rejected} of {} models rejected for their protocol",
        models.len() - supported
    );
    for (kind, lines) in &warnings {
        println!("warnings, {kind}: {}", lines.len());
        for line in lines {
            println!("  {line}");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        !warnings.contains_key("other"),
        "a warning of an unknown kind"
    );
}
