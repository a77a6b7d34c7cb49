//! Command-line parsing: the orchestrator's options and the subcommands it runs itself with.

use std::path::PathBuf;
use std::str::FromStr;

use serde::Serialize;
use shapegen_bench_harness::args::{Flags, list, positive};

use crate::clients::{ClientKind, Operation};
use crate::workload::MAX_PAGE;

pub const USAGE: &str = "\
usage: shapegen-bench-dynamodb [OPTIONS]

Runs each client (shapegen, aws-sdk-dynamodb) on each operation (GetItem, Query) against one
DynamoDB endpoint serving canned awsJson1_0 replies, interleaved (shapegen, official,
shapegen, ...), each run in a fresh client process, one caller at a time. Prints a Markdown
table of medians and writes the raw samples to OUT/dynamodb-<time>.json.

options:
  --repetitions N   runs of each client on each operation (default 7)
  --clients LIST    of shapegen,official (default both)
  --operations LIST of get-item,query (default both)
  --page N          items in the Query reply page, 1..=100 (default 25)
  --transport T     loopback: HTTP/1.1 to the endpoint in a separate process on 127.0.0.1
                    (default); memory: the endpoint inside each client process, no I/O, so
                    the CPU measured is the clients' own work
  --warmup N        warm-up requests, the first included (default 200)
  --requests N      measured requests (default 2000)
  --out DIR         where the JSON goes (default bench/results)
  --help

subcommands (run by the orchestrator itself):
  server --page N   prints `PORT <port>`, serves until its stdin closes
  client --client KIND --operation OP --endpoint URL|memory --page N --warmup N --requests N
                    prints one JSON measurement
";

/// What to do.
#[derive(Debug)]
pub enum Command {
    Help,
    Run(Options),
    Server { page: usize },
    Client(Job),
}

/// The orchestrator's options.
#[derive(Debug, Clone, Serialize)]
pub struct Options {
    pub repetitions: usize,
    pub clients: Vec<ClientKind>,
    pub operations: Vec<Operation>,
    pub page: usize,
    pub transport: Transport,
    pub warmup: usize,
    pub requests: usize,
    pub out: PathBuf,
}

/// How the clients reach the endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    /// HTTP/1.1 to the endpoint's own process on 127.0.0.1.
    Loopback,
    /// The endpoint's answers inside the client process ([`crate::clients::InMemory`]).
    Memory,
}

impl FromStr for Transport {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "loopback" => Ok(Self::Loopback),
            "memory" => Ok(Self::Memory),
            other => Err(format!("unknown transport `{other}` (loopback or memory)")),
        }
    }
}

/// Where one client process sends its requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// The loopback endpoint at this URL.
    Url(String),
    /// The endpoint inside the client process.
    Memory,
}

impl Endpoint {
    /// The `--endpoint` argument naming this endpoint.
    fn arg(&self) -> &str {
        match self {
            Self::Url(url) => url,
            Self::Memory => "memory",
        }
    }

    fn parse(text: &str) -> Result<Self, String> {
        match text {
            "memory" => Ok(Self::Memory),
            url if url.starts_with("http://127.0.0.1:") => Ok(Self::Url(url.to_owned())),
            other => Err(format!(
                "--endpoint: `{other}` is neither `memory` nor an http://127.0.0.1 URL"
            )),
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Self {
            repetitions: 7,
            clients: ClientKind::ALL.to_vec(),
            operations: Operation::ALL.to_vec(),
            page: 25,
            transport: Transport::Loopback,
            warmup: 200,
            requests: 2000,
            out: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../results")),
        }
    }
}

/// One measured client run (the `client` subcommand).
#[derive(Debug, Clone)]
pub struct Job {
    pub client: ClientKind,
    pub operation: Operation,
    pub endpoint: Endpoint,
    pub page: usize,
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
            "--operation",
            self.operation.name(),
            "--endpoint",
            self.endpoint.arg(),
            "--page",
            &self.page.to_string(),
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
            let mut page = Options::default().page;
            for (name, value) in &pairs {
                match name.as_str() {
                    "page" => page = page_size(value)?,
                    _ => return Err(format!("unknown option `--{name}` for `server`")),
                }
            }
            Ok(Command::Server { page })
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
            "operations" => options.operations = list(name, value)?,
            "page" => options.page = page_size(value)?,
            "transport" => options.transport = value.parse()?,
            "warmup" => options.warmup = positive(name, value)?,
            "requests" => options.requests = positive(name, value)?,
            "out" => options.out = PathBuf::from(value),
            _ => return Err(format!("unknown option `--{name}`")),
        }
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
        operation: get("operation")?.parse()?,
        endpoint: Endpoint::parse(get("endpoint")?)?,
        page: page_size(get("page")?)?,
        warmup: positive("warmup", get("warmup")?)?,
        requests: positive("requests", get("requests")?)?,
    })
}

fn page_size(value: &str) -> Result<usize, String> {
    match positive("page", value)? {
        page if page <= MAX_PAGE => Ok(page),
        page => Err(format!("--page: {page} is not within 1..={MAX_PAGE}")),
    }
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
            parse(args("--repetitions 3 --operations query --page 100")).unwrap()
        else {
            panic!("expected a run");
        };
        assert_eq!(options.repetitions, 3);
        assert_eq!(options.operations, [Operation::Query]);
        assert_eq!(options.clients, ClientKind::ALL);
        assert_eq!((options.page, options.requests), (100, 2000));
        assert_eq!(options.transport, Transport::Loopback);
        let Command::Run(options) = parse(args("--transport memory")).unwrap() else {
            panic!("expected a run");
        };
        assert_eq!(options.transport, Transport::Memory);
    }

    #[test]
    fn jobs_round_trip_through_arguments() {
        for endpoint in [
            Endpoint::Url("http://127.0.0.1:9".to_owned()),
            Endpoint::Memory,
        ] {
            let job = Job {
                client: ClientKind::Official,
                operation: Operation::GetItem,
                endpoint,
                page: 10,
                warmup: 3,
                requests: 7,
            };
            let Command::Client(parsed) = parse(job.to_args()).unwrap() else {
                panic!("expected a client job");
            };
            assert_eq!(
                (parsed.client, parsed.operation),
                (job.client, job.operation)
            );
            assert_eq!(parsed.endpoint, job.endpoint);
            assert_eq!((parsed.page, parsed.warmup, parsed.requests), (10, 3, 7));
        }
    }

    #[test]
    fn bad_arguments_are_errors() {
        for bad in [
            "--repetitions 0",
            "--clients floor",
            "--operations scan",
            "--page 101",
            "--page 0",
            "--nope 1",
            "--requests",
            "stray",
            "server --threads 2",
            "client --client official",
            "--transport carrier-pigeon",
            "client --client official --operation query --endpoint http://example.com --page 1 --warmup 1 --requests 1",
        ] {
            assert!(parse(args(bad)).is_err(), "{bad}");
        }
    }
}
