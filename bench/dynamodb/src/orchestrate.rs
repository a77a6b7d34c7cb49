//! The default command: start the endpoint (for the loopback transport), run every client
//! process interleaved, report.

use std::path::Path;

use crate::cli::{Endpoint, Job, Options, Transport};
use crate::report::{Report, Sample};
use shapegen_bench_harness::machine;
use shapegen_bench_harness::measure::Measurement;
use shapegen_bench_harness::process::{self, ServerProcess};

/// Runs every repetition of every operation of every client, then prints and saves the report.
///
/// Order: for each repetition, for each operation, each client once (shapegen, official,
/// shapegen, ...), so drift in the machine's load spreads over both clients alike.
pub fn run(options: &Options) -> Result<(), String> {
    let exe = std::env::current_exe()
        .map_err(|error| format!("cannot find this program's path: {error}"))?;
    let mut machine = shapegen_bench_harness::machine_now!();
    let server = match options.transport {
        Transport::Loopback => Some(ServerProcess::start(
            &exe,
            &["server".into(), "--page".into(), options.page.to_string()],
        )?),
        Transport::Memory => None,
    };
    let endpoint = server
        .as_ref()
        .map_or(Endpoint::Memory, |server| Endpoint::Url(server.url()));
    let total = options.repetitions * options.operations.len() * options.clients.len();
    let mut samples = Vec::with_capacity(total);
    for repetition in 1..=options.repetitions {
        for &operation in &options.operations {
            for &client in &options.clients {
                let job = Job {
                    client,
                    operation,
                    endpoint: endpoint.clone(),
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
    let what = format!("the {} client in operation {}", job.client, job.operation);
    process::run_client(exe, job.to_args(), &what)
}
