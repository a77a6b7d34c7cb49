//! The `client` subcommand: one client, one operation, in a fresh process, one caller on a
//! current_thread runtime; prints one JSON line.

use std::time::{Duration, Instant};

use crate::cli::{Endpoint, Job};
use crate::clients::{BenchClient, ClientKind, InMemory, Official, Operation, Route, Shapegen};
use shapegen_bench_harness::measure::{self, Measurement};

/// Runs `job` and prints its [`Measurement`] as JSON on stdout.
pub fn run(job: &Job) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| format!("cannot start the runtime: {error}"))?;
    // The in-memory endpoint serialises its replies here, before the clock starts.
    let memory;
    let route = match &job.endpoint {
        Endpoint::Url(url) => Route::Url(url),
        Endpoint::Memory => {
            memory = InMemory::new(job.page);
            Route::Memory(&memory)
        }
    };
    let page = job.page;
    let measurement = runtime.block_on(async move {
        match job.client {
            ClientKind::Shapegen => measure(job, || Shapegen::new(route, page)).await,
            ClientKind::Official => measure(job, || Official::new(route, page)).await,
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
    let client = make()?;
    client
        .call(job.operation)
        .await
        .map_err(|error| format!("first request: {error}"))?;
    let first_request = start.elapsed();
    sequence(&client, job.operation, job.warmup.saturating_sub(1))
        .await
        .map_err(|error| format!("warm-up: {error}"))?;

    let cpu_before = measure::cpu_time();
    let started = Instant::now();
    let latencies = sequence(&client, job.operation, job.requests).await?;
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

/// Sends `requests` requests one after the other; returns every latency.
async fn sequence<C: BenchClient>(
    client: &C,
    operation: Operation,
    requests: usize,
) -> Result<Vec<Duration>, String> {
    let mut latencies = Vec::with_capacity(requests);
    for _ in 0..requests {
        let start = Instant::now();
        client.call(operation).await?;
        latencies.push(start.elapsed());
    }
    Ok(latencies)
}
