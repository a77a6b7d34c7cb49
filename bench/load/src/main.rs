//! The load bench: many concurrent callers share one shapegen client against a loopback server
//! that answers 1 request in 100 with a `503` (retried) and stalls on another 1 in 100. It
//! checks that every request succeeded exactly once on the server (none lost, none
//! duplicated), that every caller got its own reply, and that the server saw exactly the
//! attempts the plan implies, and that memory and connections stay flat after the first quarter;
//! it reports latency, memory and connections opened.
//! Exits with status 1 when a check fails. See `bench/README.md`.

mod clients;
mod ledger;
mod server;

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use clients::{PingClient, Protocol};
use ledger::FaultPlan;
use shapegen::{Config, Credentials};

/// The run's settings, from the command line.
#[derive(Debug, Clone, Copy)]
struct Options {
    requests: u64,
    callers: u64,
    fault_every: u64,
    slow: Duration,
    protocol: Protocol,
}

const USAGE: &str = "usage: shapegen-bench-load [--requests N (20000)] [--callers N (64)] \
[--fault-every K (100: 1/K 503s and 1/K slow replies)] [--slow-ms MS (100)] \
[--protocol restJson1|awsJson1_0|awsJson1_1]";

fn options() -> Result<Options, String> {
    let mut options = Options {
        requests: 20_000,
        callers: 64,
        fault_every: 100,
        slow: Duration::from_millis(100),
        protocol: Protocol::RestJson1,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Err(USAGE.to_owned());
        }
        const FLAGS: [&str; 5] = [
            "--requests",
            "--callers",
            "--fault-every",
            "--slow-ms",
            "--protocol",
        ];
        if !FLAGS.contains(&flag.as_str()) {
            return Err(format!("unknown option {flag}\n{USAGE}"));
        }
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let number = || {
            value
                .parse::<u64>()
                .map_err(|_| format!("{flag}: `{value}` is not a number\n{USAGE}"))
        };
        match flag.as_str() {
            "--requests" => options.requests = number()?,
            "--callers" => options.callers = number()?.max(1),
            "--fault-every" => options.fault_every = number()?,
            "--slow-ms" => options.slow = Duration::from_millis(number()?),
            "--protocol" => {
                options.protocol = Protocol::parse(&value)
                    .ok_or_else(|| format!("unknown protocol `{value}`\n{USAGE}"))?;
            }
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    Ok(options)
}

/// What the callers saw.
#[derive(Default)]
struct Calls {
    latencies: Vec<Duration>,
    failures: Vec<String>,
    wrong_replies: u64,
}

/// One caller: takes request numbers until none are left, calls, checks the echo.
async fn caller(client: PingClient, next: Arc<AtomicU64>, requests: u64) -> Calls {
    let mut calls = Calls::default();
    loop {
        let n = next.fetch_add(1, Ordering::Relaxed);
        if n >= requests {
            return calls;
        }
        let id = format!("r-{n}");
        let started = Instant::now();
        let result = client.ping(&id).await;
        calls.latencies.push(started.elapsed());
        match result {
            Ok(echo) if echo.as_deref() == Some(id.as_str()) => {}
            Ok(_) => calls.wrong_replies += 1,
            Err(error) => calls.failures.push(format!("{id}: {error}")),
        }
    }
}

/// This process's peak resident set size, KiB (Linux reports `ru_maxrss` in KiB).
fn peak_rss_kib() -> i64 {
    // SAFETY: getrusage writes into the zeroed struct it is given and reads nothing else.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid pointer to a rusage for RUSAGE_SELF.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    usage.ru_maxrss
}

/// This process's resident set size now, KiB (from `/proc/self/statm`; 0 where unreadable).
fn current_rss_kib() -> u64 {
    let pages = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|statm| statm.split_whitespace().nth(1)?.parse::<u64>().ok())
        .unwrap_or(0);
    // SAFETY: sysconf only reads a system constant.
    let page_size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    pages * u64::try_from(page_size).unwrap_or(4096) / 1024
}

/// Resident memory and connections opened at one point of the run.
#[derive(Clone, Copy, Debug, Default)]
struct Sample {
    rss_kib: u64,
    connections: u64,
}

/// Watches the run from a thread of its own: takes a [`Sample`] once a quarter of the requests
/// have been taken, so that the end can be compared with the steady state after warm-up.
fn sample_after_first_quarter(
    next: Arc<AtomicU64>,
    requests: u64,
    connections: Arc<AtomicU64>,
) -> std::thread::JoinHandle<Option<Sample>> {
    std::thread::spawn(move || {
        loop {
            let taken = next.load(Ordering::Relaxed);
            if taken >= requests {
                return None;
            }
            if taken >= requests / 4 {
                return Some(Sample {
                    rss_kib: current_rss_kib(),
                    connections: connections.load(Ordering::Relaxed),
                });
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    })
}

/// The latency at quantile `q` (nearest rank) of sorted `latencies`.
fn quantile(latencies: &[Duration], q: f64) -> Duration {
    if latencies.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((q * latencies.len() as f64).ceil() as usize).clamp(1, latencies.len());
    latencies[rank - 1]
}

fn main() -> ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match run(options) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

/// Runs the bench and prints its report; `Ok(false)` when a check failed.
fn run(options: Options) -> Result<bool, String> {
    let plan = FaultPlan {
        every: options.fault_every,
    };
    let server = server::start(plan, options.slow).map_err(|e| format!("server: {e}"))?;
    let config = Config::builder()
        .endpoint_url(format!("http://127.0.0.1:{}", server.port))
        .region("us-east-1")
        .credentials(Credentials::new("AKIDLOADBENCH", "load-bench-secret", None))
        .initial_backoff(Duration::from_millis(20))
        .max_backoff(Duration::from_millis(200))
        .build()
        .map_err(|e| format!("config: {e}"))?;
    let client = PingClient::new(options.protocol, config);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("runtime: {e}"))?;
    let next = Arc::new(AtomicU64::new(0));
    let sampler = sample_after_first_quarter(
        Arc::clone(&next),
        options.requests,
        Arc::clone(&server.connections),
    );
    let started = Instant::now();
    let results = runtime.block_on(async {
        let tasks: Vec<_> = (0..options.callers)
            .map(|_| tokio::spawn(caller(client.clone(), Arc::clone(&next), options.requests)))
            .collect();
        let mut results = Vec::with_capacity(tasks.len());
        for task in tasks {
            results.push(task.await);
        }
        results
    });
    let elapsed = started.elapsed();
    let at_end = Sample {
        rss_kib: current_rss_kib(),
        connections: server.connections.load(Ordering::Relaxed),
    };
    let after_first_quarter = sampler.join().ok().flatten();
    let mut calls = Calls::default();
    let mut panicked = 0;
    for result in results {
        match result {
            Ok(part) => {
                calls.latencies.extend(part.latencies);
                calls.failures.extend(part.failures);
                calls.wrong_replies += part.wrong_replies;
            }
            Err(_) => panicked += 1,
        }
    }
    calls.latencies.sort_unstable();
    let audit = server.ledger.audit(options.requests);
    let unavailable = if plan.every == 0 {
        0
    } else {
        options.requests.div_ceil(plan.every)
    };
    let slow = if plan.every == 0 {
        0
    } else {
        (0..options.requests)
            .filter(|n| n % plan.every == plan.every / 2)
            .count() as u64
    };
    let expected_attempts = options.requests + unavailable;
    let ms = |d: Duration| d.as_secs_f64() * 1e3;

    println!("## shapegen load bench");
    println!();
    println!(
        "{} requests, {} concurrent callers sharing one {:?} client (3 attempts, backoff 20-200 ms), \
         server on its own thread: {unavailable} first attempts answered 503, {slow} replies slowed by {} ms",
        options.requests,
        options.callers,
        options.protocol,
        options.slow.as_millis()
    );
    println!();
    println!("| figure | value |");
    println!("|---|---|");
    println!("| wall time | {:.2} s |", elapsed.as_secs_f64());
    println!(
        "| requests/s | {:.0} |",
        options.requests as f64 / elapsed.as_secs_f64()
    );
    println!(
        "| p50 latency | {:.2} ms |",
        ms(quantile(&calls.latencies, 0.50))
    );
    println!(
        "| p99 latency | {:.2} ms |",
        ms(quantile(&calls.latencies, 0.99))
    );
    println!(
        "| max latency | {:.2} ms |",
        ms(quantile(&calls.latencies, 1.0))
    );
    println!(
        "| peak RSS (client and server) | {:.1} MiB |",
        peak_rss_kib() as f64 / 1024.0
    );
    println!(
        "| connections opened | {} |",
        server.connections.load(Ordering::Relaxed)
    );
    println!(
        "| attempts seen by the server | {} (expected {expected_attempts}) |",
        audit.attempts
    );
    if let Some(quarter) = after_first_quarter {
        println!(
            "| RSS after the first quarter / at the end | {:.1} / {:.1} MiB |",
            quarter.rss_kib as f64 / 1024.0,
            at_end.rss_kib as f64 / 1024.0
        );
        println!(
            "| connections opened by the first quarter / by the end | {} / {} |",
            quarter.connections, at_end.connections
        );
    }
    println!();

    let mut problems = Vec::new();
    let mut check = |ok: bool, what: String| {
        if !ok {
            problems.push(what);
        }
    };
    check(
        calls.latencies.len() as u64 == options.requests,
        format!(
            "{} of {} calls returned",
            calls.latencies.len(),
            options.requests
        ),
    );
    check(panicked == 0, format!("{panicked} callers panicked"));
    check(
        calls.failures.is_empty(),
        format!(
            "{} calls failed, the first: {}",
            calls.failures.len(),
            calls.failures.first().map_or("", String::as_str)
        ),
    );
    check(
        calls.wrong_replies == 0,
        format!("{} calls got another request's reply", calls.wrong_replies),
    );
    check(audit.lost == 0, format!("{} requests lost", audit.lost));
    check(
        audit.duplicated == 0,
        format!("{} requests answered twice", audit.duplicated),
    );
    check(
        audit.unexpected == 0 && audit.unreadable == 0,
        format!(
            "{} unexpected and {} unreadable requests",
            audit.unexpected, audit.unreadable
        ),
    );
    check(
        audit.attempts == expected_attempts,
        format!(
            "the server saw {} attempts, expected {expected_attempts}",
            audit.attempts
        ),
    );
    // Flat after warm-up: memory grows by at most a quarter (and 4 MiB of allocator slack),
    // and the pool opens no more than a few connections once every caller has one.
    if let Some(quarter) = after_first_quarter {
        let allowed_kib = quarter.rss_kib + (quarter.rss_kib / 4).max(4 * 1024);
        check(
            at_end.rss_kib <= allowed_kib,
            format!(
                "memory grew from {} KiB after the first quarter to {} KiB",
                quarter.rss_kib, at_end.rss_kib
            ),
        );
        let allowed = (options.callers / 8).max(2);
        check(
            at_end.connections - quarter.connections <= allowed,
            format!(
                "{} connections opened after the first quarter (at most {allowed} expected)",
                at_end.connections - quarter.connections
            ),
        );
    }
    if problems.is_empty() {
        println!(
            "checks: none lost, none duplicated, every caller got its own reply, attempts as planned"
        );
        Ok(true)
    } else {
        for problem in &problems {
            println!("FAILED: {problem}");
        }
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_are_nearest_rank() {
        let latencies: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(quantile(&latencies, 0.5), Duration::from_millis(50));
        assert_eq!(quantile(&latencies, 0.99), Duration::from_millis(99));
        assert_eq!(quantile(&latencies, 1.0), Duration::from_millis(100));
        assert_eq!(quantile(&[], 0.5), Duration::ZERO);
    }
}
