//! Command-line parsing: the orchestrator's options and the subcommands it runs itself with.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;
use shapegen_bench_harness::args::{Flags, list, positive};

use crate::clients::ClientKind;

pub const USAGE: &str = "\
usage: shapegen-bench-runtime [OPTIONS]

Runs every client in every scenario against one loopback endpoint (a separate process),
interleaved (shapegen, official, floor, shapegen, ...), each run in a fresh client process.
Prints a Markdown table of medians and writes the raw samples to OUT/runtime-<time>.json.

options:
  --repetitions N          runs of each client in each scenario (default 5)
  --clients LIST           of shapegen,official,floor (default all three)
  --attendees LIST         attendees per request (default 1,100)
  --callers LIST           concurrent callers; 1 is sequential (default 1,16)
  --warmup N               sequential warm-up requests, the first included (default 200)
  --requests N             sequential measured requests (default 2000)
  --concurrent-warmup N    warm-up requests with several callers (default 400)
  --concurrent-requests N  measured requests with several callers (default 8000)
  --server-threads N       the endpoint's tokio worker threads; 1 is current_thread (default 1)
  --out DIR                where the JSON goes (default bench/results)
  --help

subcommands (run by the orchestrator itself):
  server [--threads N]     prints `PORT <port>`, serves until its stdin closes
  client --client KIND --url URL --attendees N --callers N --warmup N --requests N
                           prints one JSON measurement
";

/// What to do.
#[derive(Debug)]
pub enum Command {
    Help,
    Run(Options),
    Server { threads: usize },
    Client(Job),
}

/// The orchestrator's options.
#[derive(Debug, Clone, Serialize)]
pub struct Options {
    pub repetitions: usize,
    pub clients: Vec<ClientKind>,
    pub attendees: Vec<usize>,
    pub callers: Vec<usize>,
    pub warmup: usize,
    pub requests: usize,
    pub concurrent_warmup: usize,
    pub concurrent_requests: usize,
    pub server_threads: usize,
    pub out: PathBuf,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            repetitions: 5,
            clients: ClientKind::ALL.to_vec(),
            attendees: vec![1, 100],
            callers: vec![1, 16],
            warmup: 200,
            requests: 2000,
            concurrent_warmup: 400,
            concurrent_requests: 8000,
            server_threads: 1,
            out: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../results")),
        }
    }
}

impl Options {
    /// Every scenario, in run order.
    pub fn scenarios(&self) -> Vec<Scenario> {
        self.attendees
            .iter()
            .flat_map(|&attendees| {
                self.callers
                    .iter()
                    .map(move |&callers| Scenario { attendees, callers })
            })
            .collect()
    }

    /// Warm-up and measured request counts for `scenario`.
    pub fn counts(&self, scenario: Scenario) -> (usize, usize) {
        if scenario.callers == 1 {
            (self.warmup, self.requests)
        } else {
            (self.concurrent_warmup, self.concurrent_requests)
        }
    }
}

/// Attendees per request and concurrent callers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Scenario {
    pub attendees: usize,
    pub callers: usize,
}

impl fmt::Display for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.attendees == 1 { "" } else { "s" };
        write!(f, "{} attendee{plural}, ", self.attendees)?;
        if self.callers == 1 {
            f.write_str("sequential")
        } else {
            write!(f, "{} callers", self.callers)
        }
    }
}

/// One measured client run (the `client` subcommand).
#[derive(Debug, Clone)]
pub struct Job {
    pub client: ClientKind,
    pub url: String,
    pub scenario: Scenario,
    pub warmup: usize,
    pub requests: usize,
}

impl Job {
    /// The arguments that make the `client` subcommand run this job.
    pub fn to_args(&self) -> Vec<String> {
        [
            "client",
            "--client",
            self.client.name(),
            "--url",
            &self.url,
            "--attendees",
            &self.scenario.attendees.to_string(),
            "--callers",
            &self.scenario.callers.to_string(),
            "--warmup",
            &self.warmup.to_string(),
            "--requests",
            &self.requests.to_string(),
        ]
        .map(str::to_owned)
        .to_vec()
    }
}

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let Flags {
        subcommand,
        pairs,
        help,
    } = shapegen_bench_harness::args::split(args)?;
    if help {
        return Ok(Command::Help);
    }
    match subcommand.as_deref() {
        None => parse_options(&pairs).map(Command::Run),
        Some("server") => {
            let mut threads = 1;
            for (name, value) in &pairs {
                match name.as_str() {
                    "threads" => threads = positive(name, value)?,
                    _ => return Err(format!("unknown option `--{name}` for `server`")),
                }
            }
            Ok(Command::Server { threads })
        }
        Some("client") => parse_job(&pairs).map(Command::Client),
        Some(other) => Err(format!("unknown subcommand `{other}`")),
    }
}

fn parse_options(pairs: &[(String, String)]) -> Result<Options, String> {
    let mut options = Options::default();
    for (name, value) in pairs {
        match name.as_str() {
            "repetitions" => options.repetitions = positive(name, value)?,
            "clients" => options.clients = list(name, value)?,
            "attendees" => options.attendees = list(name, value)?,
            "callers" => options.callers = list(name, value)?,
            "warmup" => options.warmup = positive(name, value)?,
            "requests" => options.requests = positive(name, value)?,
            "concurrent-warmup" => options.concurrent_warmup = positive(name, value)?,
            "concurrent-requests" => options.concurrent_requests = positive(name, value)?,
            "server-threads" => options.server_threads = positive(name, value)?,
            "out" => options.out = PathBuf::from(value),
            _ => return Err(format!("unknown option `--{name}`")),
        }
    }
    for &attendees in &options.attendees {
        if !(1..=shapegen_bench_loopback::workload::MAX_ATTENDEES).contains(&attendees) {
            return Err(format!("--attendees: {attendees} is not within 1..=100"));
        }
    }
    if options.callers.contains(&0) {
        return Err("--callers: needs at least one caller".to_owned());
    }
    Ok(options)
}

fn parse_job(pairs: &[(String, String)]) -> Result<Job, String> {
    let get = |wanted: &str| {
        pairs
            .iter()
            .find(|(name, _)| name == wanted)
            .map(|(_, value)| value.as_str())
            .ok_or_else(|| format!("`client` needs `--{wanted}`"))
    };
    Ok(Job {
        client: get("client")?.parse()?,
        url: get("url")?.to_owned(),
        scenario: Scenario {
            attendees: positive("attendees", get("attendees")?)?,
            callers: positive("callers", get("callers")?)?,
        },
        warmup: positive("warmup", get("warmup")?)?,
        requests: positive("requests", get("requests")?)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn options_override_defaults() {
        let Command::Run(options) =
            parse(args("--repetitions 2 --clients floor,shapegen --callers 1")).unwrap()
        else {
            panic!("expected a run");
        };
        assert_eq!(options.repetitions, 2);
        assert_eq!(options.clients, [ClientKind::Floor, ClientKind::Shapegen]);
        assert_eq!(
            options.scenarios(),
            [
                Scenario {
                    attendees: 1,
                    callers: 1
                },
                Scenario {
                    attendees: 100,
                    callers: 1
                }
            ]
        );
        assert_eq!(options.counts(options.scenarios()[0]), (200, 2000));
    }

    #[test]
    fn jobs_round_trip_through_arguments() {
        let job = Job {
            client: ClientKind::Official,
            url: "http://127.0.0.1:9".to_owned(),
            scenario: Scenario {
                attendees: 100,
                callers: 16,
            },
            warmup: 3,
            requests: 7,
        };
        let Command::Client(parsed) = parse(job.to_args()).unwrap() else {
            panic!("expected a client job");
        };
        assert_eq!(parsed.client, job.client);
        assert_eq!(parsed.url, job.url);
        assert_eq!(parsed.scenario, job.scenario);
        assert_eq!((parsed.warmup, parsed.requests), (3, 7));
    }

    #[test]
    fn bad_arguments_are_errors() {
        for bad in [
            "--repetitions 0",
            "--clients aws",
            "--attendees 101",
            "--callers 0",
            "--nope 1",
            "--requests",
            "stray",
            "client --client floor",
        ] {
            assert!(parse(args(bad)).is_err(), "{bad}");
        }
    }
}
