//! The default command: start the endpoint, run every client process interleaved, report.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};

use crate::cli::{Job, Options};
use crate::machine::{self, Machine};
use crate::measure::Measurement;
use crate::report::{Report, Sample};

/// Runs every repetition of every operation of every client, then prints and saves the report.
///
/// Order: for each repetition, for each operation, each client once (shapegen, official,
/// shapegen, ...), so drift in the machine's load spreads over both clients alike.
pub fn run(options: &Options) -> Result<(), String> {
    let exe = std::env::current_exe()
        .map_err(|error| format!("cannot find this program's path: {error}"))?;
    let mut machine = Machine::now();
    let server = Server::start(&exe, options.page)?;
    let total = options.repetitions * options.operations.len() * options.clients.len();
    let mut samples = Vec::with_capacity(total);
    for repetition in 1..=options.repetitions {
        for &operation in &options.operations {
            for &client in &options.clients {
                let job = Job {
                    client,
                    operation,
                    url: server.url(),
                    page: options.page,
                    warmup: options.warmup,
                    requests: options.requests,
                };
                eprint!(
                    "[{}/{total}] repetition {repetition}, {operation}, {client}: ",
                    samples.len() + 1
                );
                let measurement = run_job(&exe, &job)?;
                eprintln!(
                    "{:.1} µs/request, {:.1} µs CPU/request",
                    1e6 / measurement.requests_per_s,
                    measurement.cpu_us_per_request
                );
                samples.push(Sample {
                    repetition,
                    client,
                    operation,
                    measurement,
                });
            }
        }
    }
    drop(server);
    machine.load_after = machine::load_average();
    let report = Report::new(machine, options.clone(), samples);
    print!("{}", report.markdown());
    let path = report.write_json(&options.out)?;
    eprintln!("raw samples: {}", path.display());
    Ok(())
}

/// Runs `job` in a fresh process of this program and reads its measurement.
fn run_job(exe: &Path, job: &Job) -> Result<Measurement, String> {
    let output = Command::new(exe)
        .args(job.to_args())
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|error| format!("cannot start the {} client: {error}", job.client))?;
    if !output.status.success() {
        return Err(format!(
            "the {} client failed ({}) on {}",
            job.client, output.status, job.operation
        ));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(line)
        .map_err(|error| format!("the {} client printed `{line}`: {error}", job.client))
}

/// The endpoint's process. Dropping it closes its stdin, which stops it.
struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    port: u16,
}

impl Server {
    fn start(exe: &Path, page: usize) -> Result<Self, String> {
        let mut child = Command::new(exe)
            .args(["server", "--page", &page.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|error| format!("cannot start the server: {error}"))?;
        let stdin = child.stdin.take();
        let mut line = String::new();
        if let Some(stdout) = child.stdout.take() {
            // Reading stops at the first line; the server prints nothing else.
            let _ = BufReader::new(stdout).read_line(&mut line);
        }
        match line
            .trim()
            .strip_prefix("PORT ")
            .and_then(|p| p.parse().ok())
        {
            Some(port) => Ok(Self { child, stdin, port }),
            None => {
                let _ = child.kill();
                let _ = child.wait();
                Err(format!(
                    "the server did not announce its port (`{}`)",
                    line.trim()
                ))
            }
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}
