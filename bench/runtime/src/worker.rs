//! The `client` subcommand: one client, one scenario, in a fresh process; prints one JSON line.

use std::sync::Arc;
use std::time::{Duration, Instant};

use shapegen_bench_loopback::workload::external_user_ids;

use crate::cli::Job;
use crate::clients::{BenchClient, ClientKind, Floor, Official, Shapegen};
use shapegen_bench_harness::measure::{self, Measurement};

/// Runs `job` and prints its [`Measurement`] as JSON on stdout.
///
/// One caller runs on a current_thread runtime; several share one client as tokio tasks on a
/// multi-thread runtime with the default worker count (one per core).
pub fn run(job: &Job) -> Result<(), String> {
    let runtime = if job.scenario.callers == 1 {
        tokio::runtime::Builder::new_current_thread()
    } else {
        tokio::runtime::Builder::new_multi_thread()
    }
    .enable_all()
    .build()
    .map_err(|error| format!("cannot start the runtime: {error}"))?;
    let ids = external_user_ids(job.scenario.attendees);
    let url = job.url.as_str();
    let measurement = runtime.block_on(async move {
        match job.client {
            ClientKind::Shapegen => measure(job, || Shapegen::new(url, ids)).await,
            ClientKind::Official => measure(job, || Official::new(url, ids)).await,
            ClientKind::Floor => measure(job, || Floor::new(url, ids)).await,
        }
    })?;
    let line = serde_json::to_string(&measurement).map_err(|error| error.to_string())?;
    println!("{line}");
    Ok(())
}

/// Times the first request (client creation included), warms up, then measures.
async fn measure<C: BenchClient>(
    job: &Job,
    make: impl FnOnce() -> Result<C, String>,
) -> Result<Measurement, String> {
    let start = Instant::now();
    let client = Arc::new(make()?);
    client
        .call()
        .await
        .map_err(|error| format!("first request: {error}"))?;
    let first_request = start.elapsed();
    let callers = job.scenario.callers;
    drive(&client, callers, job.warmup.saturating_sub(1))
        .await
        .map_err(|error| format!("warm-up: {error}"))?;

    let cpu_before = measure::cpu_time();
    let started = Instant::now();
    let latencies = drive(&client, callers, job.requests).await?;
    let elapsed = started.elapsed();
    let cpu = measure::cpu_time().saturating_sub(cpu_before);
    Ok(Measurement::new(
        latencies,
        elapsed,
        cpu,
        measure::max_rss_kib(),
        first_request,
    ))
}

/// Sends `requests` requests from `callers` concurrent callers; returns every latency.
async fn drive<C: BenchClient>(
    client: &Arc<C>,
    callers: usize,
    requests: usize,
) -> Result<Vec<Duration>, String> {
    if callers == 1 {
        return sequence(client.as_ref(), requests).await;
    }
    let tasks: Vec<_> = (0..callers)
        .map(|caller| {
            // Spread the remainder over the first callers.
            let share = requests / callers + usize::from(caller < requests % callers);
            let client = Arc::clone(client);
            tokio::spawn(async move { sequence(client.as_ref(), share).await })
        })
        .collect();
    let mut latencies = Vec::with_capacity(requests);
    for task in tasks {
        let done = task
            .await
            .map_err(|error| format!("a caller panicked: {error}"))?;
        latencies.extend(done?);
    }
    Ok(latencies)
}

/// Sends `requests` requests one after the other.
async fn sequence<C: BenchClient>(client: &C, requests: usize) -> Result<Vec<Duration>, String> {
    let mut latencies = Vec::with_capacity(requests);
    for _ in 0..requests {
        let start = Instant::now();
        client.call().await?;
        latencies.push(start.elapsed());
    }
    Ok(latencies)
}
