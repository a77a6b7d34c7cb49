//! The report: Markdown tables of medians over repetitions and of the ratios shapegen ÷
//! official, and the raw samples as JSON.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Serialize;

use crate::cli::{Options, Transport};
use crate::clients::{ClientKind, Operation};
use shapegen_bench_harness::machine::{Machine, utc_timestamp};
use shapegen_bench_harness::measure::{Measurement, median};

/// One client run: which client, which operation, and its figures.
#[derive(Debug, Clone, Serialize)]
pub struct Sample {
    pub repetition: usize,
    pub client: ClientKind,
    pub operation: Operation,
    #[serde(flatten)]
    pub measurement: Measurement,
}

/// The medians of one client on one operation over all repetitions.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub client: ClientKind,
    pub operation: Operation,
    pub repetitions: usize,
    /// Wall time of the measured loop ÷ requests, µs.
    pub wall_us_per_request: f64,
    pub p50_us: f64,
    pub p99_us: f64,
    pub cpu_us_per_request: f64,
    pub max_rss_kib: f64,
    pub first_request_ms: f64,
}

/// shapegen ÷ official of one operation's medians (lower is better for shapegen).
#[derive(Debug, Clone, Serialize)]
pub struct Ratio {
    pub operation: Operation,
    pub wall_per_request: f64,
    pub p50: f64,
    pub cpu_per_request: f64,
    pub max_rss: f64,
    pub first_request: f64,
}

/// Everything one run produced.
#[derive(Debug, Serialize)]
pub struct Report {
    pub machine: Machine,
    pub options: Options,
    pub medians: Vec<Summary>,
    pub ratios_shapegen_over_official: Vec<Ratio>,
    pub samples: Vec<Sample>,
}

impl Report {
    /// A report with the medians of `samples` per operation and client, and their ratios.
    pub fn new(machine: Machine, options: Options, samples: Vec<Sample>) -> Self {
        let mut groups: BTreeMap<(Operation, ClientKind), Vec<&Measurement>> = BTreeMap::new();
        for sample in &samples {
            groups
                .entry((sample.operation, sample.client))
                .or_default()
                .push(&sample.measurement);
        }
        let medians: Vec<Summary> = groups
            .into_iter()
            .map(|((operation, client), runs)| {
                let of = |figure: fn(&Measurement) -> f64| {
                    median(&mut runs.iter().map(|m| figure(m)).collect::<Vec<_>>())
                };
                Summary {
                    client,
                    operation,
                    repetitions: runs.len(),
                    wall_us_per_request: of(|m| m.elapsed_s * 1e6 / m.requests.max(1) as f64),
                    p50_us: of(|m| m.p50_us),
                    p99_us: of(|m| m.p99_us),
                    cpu_us_per_request: of(|m| m.cpu_us_per_request),
                    max_rss_kib: of(|m| m.max_rss_kib as f64),
                    first_request_ms: of(|m| m.first_request_ms),
                }
            })
            .collect();
        let ratios = ratios(&medians);
        Self {
            machine,
            options,
            medians,
            ratios_shapegen_over_official: ratios,
            samples,
        }
    }

    /// The figures as Markdown: the facts, a table of medians, a table of ratios.
    pub fn markdown(&self) -> String {
        let (m, o) = (&self.machine, &self.options);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "### {} DynamoDB (awsJson1_0): medians of {} repetitions\n",
            match o.transport {
                Transport::Loopback => "Loopback",
                Transport::Memory => "In-memory",
            },
            o.repetitions
        );
        let _ = writeln!(
            out,
            "{} cores ({}), {}, {}; load average {} before, {} after. \
             official = aws-sdk-dynamodb {}. One caller, current_thread runtime, {} warm-up + \
             {} measured requests per client process; Query pages of {} items. Endpoint: {}.\n",
            m.nproc,
            m.cpu,
            m.rustc,
            m.date,
            m.load_before,
            m.load_after,
            m.official_sdk,
            o.warmup,
            o.requests,
            o.page,
            match o.transport {
                Transport::Loopback => "a separate process, one thread, canned replies",
                Transport::Memory => {
                    "canned replies inside each client process, handed over by an HTTP client of \
                     the client's own stack (no sockets)"
                }
            },
        );
        out.push_str(
            "| operation | client | wall µs/req | p50 µs | p99 µs | CPU µs/req | peak RSS MiB | first request ms |\n\
             |---|---|---:|---:|---:|---:|---:|---:|\n",
        );
        for s in &self.medians {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {:.1} | {:.2} |",
                s.operation,
                s.client,
                figure(s.wall_us_per_request),
                figure(s.p50_us),
                figure(s.p99_us),
                figure(s.cpu_us_per_request),
                s.max_rss_kib / 1024.0,
                s.first_request_ms,
            );
        }
        out.push_str(
            "\n| operation | wall/req shapegen ÷ official | p50 | CPU/req | peak RSS | first request |\n\
             |---|---:|---:|---:|---:|---:|\n",
        );
        for r in &self.ratios_shapegen_over_official {
            let _ = writeln!(
                out,
                "| {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
                r.operation,
                r.wall_per_request,
                r.p50,
                r.cpu_per_request,
                r.max_rss,
                r.first_request
            );
        }
        out
    }

    /// Writes the report as JSON to `dir/dynamodb-<UTC time>.json`; returns the path.
    pub fn write_json(&self, dir: &Path) -> Result<PathBuf, String> {
        std::fs::create_dir_all(dir)
            .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
        let path = dir.join(format!(
            "dynamodb-{}.json",
            utc_timestamp(SystemTime::now(), false)
        ));
        let json = serde_json::to_string_pretty(self).map_err(|error| error.to_string())?;
        std::fs::write(&path, json + "\n")
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        Ok(path)
    }
}

/// shapegen ÷ official for every operation both were measured on.
fn ratios(medians: &[Summary]) -> Vec<Ratio> {
    let find = |operation, client| {
        medians
            .iter()
            .find(|s| s.operation == operation && s.client == client)
    };
    Operation::ALL
        .into_iter()
        .filter_map(|operation| {
            let ours = find(operation, ClientKind::Shapegen)?;
            let theirs = find(operation, ClientKind::Official)?;
            Some(Ratio {
                operation,
                wall_per_request: ours.wall_us_per_request / theirs.wall_us_per_request,
                p50: ours.p50_us / theirs.p50_us,
                cpu_per_request: ours.cpu_us_per_request / theirs.cpu_us_per_request,
                max_rss: ours.max_rss_kib / theirs.max_rss_kib,
                first_request: ours.first_request_ms / theirs.first_request_ms,
            })
        })
        .collect()
}

/// A figure with one decimal below 100, none above.
fn figure(value: f64) -> String {
    if value < 100.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(repetition: usize, client: ClientKind, cpu: f64, elapsed_s: f64) -> Sample {
        Sample {
            repetition,
            client,
            operation: Operation::Query,
            measurement: Measurement {
                requests: 1000,
                elapsed_s,
                requests_per_s: 1000.0 / elapsed_s,
                p50_us: 10.0,
                p99_us: 20.0,
                cpu_us_per_request: cpu,
                max_rss_kib: 2048,
                first_request_ms: 1.0,
            },
        }
    }

    #[test]
    fn medians_and_ratios_per_operation() {
        let samples = vec![
            sample(1, ClientKind::Shapegen, 30.0, 0.05),
            sample(1, ClientKind::Official, 60.0, 0.2),
            sample(2, ClientKind::Shapegen, 10.0, 0.03),
            sample(2, ClientKind::Official, 80.0, 0.1),
            sample(3, ClientKind::Shapegen, 20.0, 0.04),
            sample(3, ClientKind::Official, 70.0, 0.3),
        ];
        let report = Report::new(
            shapegen_bench_harness::machine_now!(),
            Options::default(),
            samples,
        );
        assert_eq!(report.medians.len(), 2);
        let ours = &report.medians[0];
        assert_eq!((ours.client, ours.repetitions), (ClientKind::Shapegen, 3));
        assert_eq!(ours.cpu_us_per_request, 20.0);
        assert!((ours.wall_us_per_request - 40.0).abs() < 1e-9);
        let text = report.markdown();
        assert!(
            text.contains("| query | shapegen | 40.0 | 10.0 | 20.0 | 20.0 | 2.0 | 1.00 |"),
            "{text}"
        );
        // Wall 40/200, CPU 20/70.
        assert!(
            text.contains("| query | 0.20 | 1.00 | 0.29 | 1.00 | 1.00 |"),
            "{text}"
        );
    }

    #[test]
    fn no_ratio_without_both_clients() {
        let samples = vec![sample(1, ClientKind::Shapegen, 30.0, 0.05)];
        let report = Report::new(
            shapegen_bench_harness::machine_now!(),
            Options::default(),
            samples,
        );
        assert!(report.ratios_shapegen_over_official.is_empty());
    }
}
