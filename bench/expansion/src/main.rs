//! Expansion time of the codegen library (what `shapegen::generate!` does before rustc sees
//! the code) for every model in `../shared/models/smithy`, in full and with a one-operation
//! filter. Prints medians over interleaved repetitions.
//!
//! ```text
//! cargo run --release -p shapegen-bench-expansion -- [REPETITIONS]
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use shapegen_codegen::Settings;

/// A model and the operation used for the filtered run.
const MODELS: &[(&str, &str)] = &[
    ("chime-sdk-meetings", "BatchCreateAttendee"),
    ("chime", "BatchCreateAttendee"),
    ("connect", "StartChatContact"),
    ("quicksight", "DescribeAccountSettings"),
    ("mediaconvert", "ListJobs"),
    ("dynamodb", "GetItem"),
    ("kinesis", "PutRecord"),
];

fn main() {
    let repetitions: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(9);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/models/smithy");
    let models: Vec<(&str, &str, Vec<u8>)> = MODELS
        .iter()
        .filter_map(|(name, op)| {
            let bytes = std::fs::read(dir.join(format!("{name}.json"))).ok()?;
            Some((*name, *op, bytes))
        })
        .collect();
    if models.is_empty() {
        eprintln!("no models found in {}", dir.display());
        std::process::exit(1);
    }
    // Interleave: every model and mode once per round, so machine drift spreads evenly.
    let mut samples: Vec<[Vec<Duration>; 2]> =
        models.iter().map(|_| [Vec::new(), Vec::new()]).collect();
    let mut outcome: Vec<[String; 2]> = models
        .iter()
        .map(|_| [String::new(), String::new()])
        .collect();
    for _ in 0..repetitions {
        for (i, (name, op, bytes)) in models.iter().enumerate() {
            for (mode, settings) in [Settings::new(), Settings::new().operations([*op])]
                .into_iter()
                .enumerate()
            {
                let start = Instant::now();
                let result = shapegen_codegen::generate(bytes, name, &settings);
                let elapsed = start.elapsed();
                outcome[i][mode] = match result {
                    Ok(generated) => format!(
                        "{} KiB of tokens",
                        generated.tokens.to_string().len() / 1024
                    ),
                    Err(diagnostics) => format!(
                        "rejected: {}",
                        diagnostics
                            .iter()
                            .next()
                            .map(|d| d.message().to_owned())
                            .unwrap_or_default()
                    ),
                };
                samples[i][mode].push(elapsed);
            }
        }
    }
    println!("| model | shapes | full: median | filtered (one operation): median | output |");
    println!("|---|---:|---:|---:|---|");
    for (i, (name, op, bytes)) in models.iter().enumerate() {
        let shapes = serde_json::from_slice::<serde_json::Value>(bytes)
            .ok()
            .and_then(|v| v.get("shapes").and_then(|s| s.as_object()).map(|s| s.len()))
            .unwrap_or_default();
        println!(
            "| {name} | {shapes} | {:.1} ms | {:.1} ms (`{op}`) | {} / {} |",
            median(&mut samples[i][0]),
            median(&mut samples[i][1]),
            outcome[i][0],
            outcome[i][1],
        );
    }
}

fn median(samples: &mut [Duration]) -> f64 {
    samples.sort_unstable();
    samples[samples.len() / 2].as_secs_f64() * 1000.0
}
