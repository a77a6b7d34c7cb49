//! The report: a Markdown table of medians over repetitions, and the raw samples as JSON.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Serialize;

use crate::cli::{Options, Scenario};
use crate::clients::ClientKind;
use shapegen_bench_harness::machine::{Machine, utc_timestamp};
use shapegen_bench_harness::measure::{Measurement, median};

/// One client run: which, where, and its figures.
#[derive(Debug, Clone, Serialize)]
pub struct Sample {
    pub repetition: usize,
    pub client: ClientKind,
    pub scenario: Scenario,
    #[serde(flatten)]
    pub measurement: Measurement,
}

/// The medians of one client in one scenario over all repetitions.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub client: ClientKind,
    pub scenario: Scenario,
    pub repetitions: usize,
    pub requests_per_s: f64,
    pub p50_us: f64,
    pub p99_us: f64,
    pub cpu_us_per_request: f64,
    pub max_rss_kib: f64,
    pub first_request_ms: f64,
}

/// Everything one run produced.
#[derive(Debug, Serialize)]
pub struct Report {
    pub machine: Machine,
    pub options: Options,
    pub medians: Vec<Summary>,
    pub samples: Vec<Sample>,
}

impl Report {
    /// A report with the medians of `samples` per scenario and client.
    pub fn new(machine: Machine, options: Options, samples: Vec<Sample>) -> Self {
        let mut groups: BTreeMap<(Scenario, ClientKind), Vec<&Measurement>> = BTreeMap::new();
        for sample in &samples {
            groups
                .entry((sample.scenario, sample.client))
                .or_default()
                .push(&sample.measurement);
        }
        let medians = groups
            .into_iter()
            .map(|((scenario, client), runs)| {
                let of = |figure: fn(&Measurement) -> f64| {
                    median(&mut runs.iter().map(|m| figure(m)).collect::<Vec<_>>())
                };
                Summary {
                    client,
                    scenario,
                    repetitions: runs.len(),
                    requests_per_s: of(|m| m.requests_per_s),
                    p50_us: of(|m| m.p50_us),
                    p99_us: of(|m| m.p99_us),
                    cpu_us_per_request: of(|m| m.cpu_us_per_request),
                    max_rss_kib: of(|m| m.max_rss_kib as f64),
                    first_request_ms: of(|m| m.first_request_ms),
                }
            })
            .collect();
        Self {
            machine,
            options,
            medians,
            samples,
        }
    }

    fn summary(&self, scenario: Scenario, client: ClientKind) -> Option<&Summary> {
        self.medians
            .iter()
            .find(|s| s.scenario == scenario && s.client == client)
    }

    /// The figures as Markdown: the facts, a table of medians, a table of ratios.
    pub fn markdown(&self) -> String {
        let (m, o) = (&self.machine, &self.options);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "### Loopback runtime: medians of {} repetitions\n",
            o.repetitions
        );
        let _ = writeln!(
            out,
            "{} cores ({}), {}, {}; load average {} before, {} after. \
             official = aws-sdk-chimesdkmeetings {}; floor = hyper-util legacy client resending \
             one pre-signed request. Sequential: 1 caller, current_thread runtime, {} warm-up + \
             {} measured requests; N callers: N tokio tasks sharing one client on a \
             multi-thread runtime ({} workers), {} + {}. Endpoint: a separate process, {} \
             thread(s).\n",
            m.nproc,
            m.cpu,
            m.rustc,
            m.date,
            m.load_before,
            m.load_after,
            m.official_sdk,
            o.warmup,
            o.requests,
            m.nproc,
            o.concurrent_warmup,
            o.concurrent_requests,
            o.server_threads,
        );
        out.push_str(
            "| scenario | client | req/s | p50 µs | p99 µs | CPU µs/req | peak RSS MiB | first request ms |\n\
             |---|---|---:|---:|---:|---:|---:|---:|\n",
        );
        for s in &self.medians {
            let _ = writeln!(
                out,
                "| {} | {} | {:.0} | {} | {} | {} | {:.1} | {:.2} |",
                s.scenario,
                s.client,
                s.requests_per_s,
                figure(s.p50_us),
                figure(s.p99_us),
                figure(s.cpu_us_per_request),
                s.max_rss_kib / 1024.0,
                s.first_request_ms,
            );
        }
        out.push_str(
            "\n| scenario | CPU/req shapegen ÷ official | CPU/req shapegen ÷ floor \
             | req/s shapegen ÷ official | req/s shapegen ÷ floor |\n|---|---:|---:|---:|---:|\n",
        );
        let mut scenarios: Vec<Scenario> = self.medians.iter().map(|s| s.scenario).collect();
        scenarios.dedup();
        for scenario in scenarios {
            let ratio = |other: ClientKind, figure: fn(&Summary) -> f64| match (
                self.summary(scenario, ClientKind::Shapegen),
                self.summary(scenario, other),
            ) {
                (Some(ours), Some(theirs)) => format!("{:.2}", figure(ours) / figure(theirs)),
                _ => "–".to_owned(),
            };
            let _ = writeln!(
                out,
                "| {scenario} | {} | {} | {} | {} |",
                ratio(ClientKind::Official, |s| s.cpu_us_per_request),
                ratio(ClientKind::Floor, |s| s.cpu_us_per_request),
                ratio(ClientKind::Official, |s| s.requests_per_s),
                ratio(ClientKind::Floor, |s| s.requests_per_s),
            );
        }
        out
    }

    /// Writes the report as JSON to `dir/runtime-<UTC time>.json`; returns the path.
    pub fn write_json(&self, dir: &Path) -> Result<PathBuf, String> {
        std::fs::create_dir_all(dir)
            .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
        let path = dir.join(format!(
            "runtime-{}.json",
            utc_timestamp(SystemTime::now(), false)
        ));
        let json = serde_json::to_string_pretty(self).map_err(|error| error.to_string())?;
        std::fs::write(&path, json + "\n")
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        Ok(path)
    }
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

    fn sample(repetition: usize, client: ClientKind, cpu: f64, rps: f64) -> Sample {
        Sample {
            repetition,
            client,
            scenario: Scenario {
                attendees: 1,
                callers: 1,
            },
            measurement: Measurement {
                requests: 10,
                elapsed_s: 1.0,
                requests_per_s: rps,
                p50_us: 10.0,
                p99_us: 20.0,
                cpu_us_per_request: cpu,
                max_rss_kib: 2048,
                first_request_ms: 1.0,
            },
        }
    }

    #[test]
    fn medians_and_ratios_per_scenario() {
        let samples = vec![
            sample(1, ClientKind::Shapegen, 30.0, 1000.0),
            sample(1, ClientKind::Official, 60.0, 500.0),
            sample(2, ClientKind::Shapegen, 10.0, 3000.0),
            sample(2, ClientKind::Official, 80.0, 400.0),
            sample(3, ClientKind::Shapegen, 20.0, 2000.0),
            sample(3, ClientKind::Official, 70.0, 600.0),
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
        assert_eq!(ours.max_rss_kib, 2048.0);
        let text = report.markdown();
        assert!(
            text.contains(
                "| 1 attendee, sequential | shapegen | 2000 | 10.0 | 20.0 | 20.0 | 2.0 | 1.00 |"
            ),
            "{text}"
        );
        // CPU 20/70, floor missing; req/s 2000/500.
        assert!(
            text.contains("| 1 attendee, sequential | 0.29 | – | 4.00 | – |"),
            "{text}"
        );
    }
}
