//! What one client run measures, and the process figures it needs (getrusage).

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The figures of one client run in one scenario (one client process).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Measurement {
    /// Measured requests (after warm-up).
    pub requests: usize,
    /// Wall time of the measured loop, seconds.
    pub elapsed_s: f64,
    /// `requests / elapsed_s`.
    pub requests_per_s: f64,
    /// Median request latency, µs.
    pub p50_us: f64,
    /// 99th percentile request latency (nearest rank), µs.
    pub p99_us: f64,
    /// User + system CPU of the client process over the measured loop, per request, µs.
    pub cpu_us_per_request: f64,
    /// Peak resident set size of the client process at its end, KiB.
    pub max_rss_kib: u64,
    /// From creating the client to the first response read, ms.
    pub first_request_ms: f64,
}

impl Measurement {
    /// Figures from per-request latencies, the loop's wall and CPU time, and the rest.
    pub fn new(
        mut latencies: Vec<Duration>,
        elapsed: Duration,
        cpu: Duration,
        max_rss_kib: u64,
        first_request: Duration,
    ) -> Self {
        latencies.sort_unstable();
        let requests = latencies.len();
        let per_request = |total: Duration| total.as_secs_f64() * 1e6 / requests.max(1) as f64;
        Self {
            requests,
            elapsed_s: elapsed.as_secs_f64(),
            requests_per_s: requests as f64 / elapsed.as_secs_f64(),
            p50_us: percentile(&latencies, 0.50).as_secs_f64() * 1e6,
            p99_us: percentile(&latencies, 0.99).as_secs_f64() * 1e6,
            cpu_us_per_request: per_request(cpu),
            max_rss_kib,
            first_request_ms: first_request.as_secs_f64() * 1e3,
        }
    }
}

/// The nearest-rank percentile `q` (0..=1) of sorted samples; zero when there are none.
pub fn percentile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// The median of some values (the mean of the middle two for an even count); NaN for none.
pub fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_unstable_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.len() % 2 == 1 {
        values[middle]
    } else {
        (values[middle - 1] + values[middle]) / 2.0
    }
}

/// This process's resource usage so far (all threads).
fn usage() -> libc::rusage {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: `usage` is a valid, writable `rusage`; RUSAGE_SELF cannot fail for this process.
    let status = unsafe { libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) };
    debug_assert_eq!(status, 0);
    // SAFETY: zero-initialised, then filled by getrusage; every bit pattern is a valid rusage.
    unsafe { usage.assume_init() }
}

/// User + system CPU time this process has used so far.
pub fn cpu_time() -> Duration {
    let usage = usage();
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// This process's peak resident set size so far, KiB (Linux reports `ru_maxrss` in KiB).
pub fn max_rss_kib() -> u64 {
    usage().ru_maxrss as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(values: &[u64]) -> Vec<Duration> {
        values.iter().map(|&v| Duration::from_millis(v)).collect()
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let sorted = ms(&(1..=100).collect::<Vec<_>>());
        assert_eq!(percentile(&sorted, 0.50), Duration::from_millis(50));
        assert_eq!(percentile(&sorted, 0.99), Duration::from_millis(99));
        assert_eq!(percentile(&ms(&[7]), 0.99), Duration::from_millis(7));
        assert_eq!(percentile(&[], 0.5), Duration::ZERO);
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&mut []).is_nan());
    }

    #[test]
    fn a_measurement_divides_by_the_request_count() {
        let m = Measurement::new(
            ms(&[3, 1, 2, 4]),
            Duration::from_secs(2),
            Duration::from_millis(8),
            1024,
            Duration::from_millis(5),
        );
        assert_eq!(m.requests, 4);
        assert_eq!(m.requests_per_s, 2.0);
        assert_eq!(m.cpu_us_per_request, 2000.0);
        assert_eq!(m.p50_us, 2000.0);
        assert_eq!(m.p99_us, 4000.0);
        assert_eq!(m.first_request_ms, 5.0);
    }

    #[test]
    fn this_process_uses_cpu_and_memory() {
        let before = cpu_time();
        let mut x = 0u64;
        for i in 0..2_000_000u64 {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(i));
        }
        assert!(cpu_time() >= before);
        assert!(max_rss_kib() > 0);
    }
}
