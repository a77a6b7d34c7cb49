//! Facts about the machine and the build, for the report.

use std::time::SystemTime;

use serde::Serialize;

/// What the figures were measured on and with.
#[derive(Debug, Clone, Serialize)]
pub struct Machine {
    pub nproc: usize,
    pub cpu: String,
    pub rustc: &'static str,
    pub official_sdk: &'static str,
    /// When the run started, UTC, RFC 3339.
    pub date: String,
    /// `/proc/loadavg` when the run started: other work on the machine skews the figures.
    pub load_before: String,
    /// `/proc/loadavg` when the run ended.
    pub load_after: String,
}

impl Machine {
    /// The facts as of now (`load_after` is filled in at the end), with the build's: use
    /// [`crate::machine_now!`], which reads them from the calling crate.
    pub fn now(rustc: &'static str, official_sdk: &'static str) -> Self {
        Self {
            nproc: std::thread::available_parallelism().map_or(0, usize::from),
            cpu: cpu_model().unwrap_or_else(|| "unknown".to_owned()),
            rustc,
            official_sdk,
            date: utc_timestamp(SystemTime::now(), true),
            load_before: load_average(),
            load_after: String::new(),
        }
    }
}

/// The first `model name` in /proc/cpuinfo.
fn cpu_model() -> Option<String> {
    let info = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    info.lines()
        .find(|line| line.starts_with("model name"))
        .and_then(|line| line.split_once(':'))
        .map(|(_, model)| model.trim().to_owned())
}

/// The 1, 5 and 15 minute load averages.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// `2026-04-27T20:50:00Z` (`readable`) or `20260427T205000Z` (for file names).
pub fn utc_timestamp(time: SystemTime, readable: bool) -> String {
    // Whole seconds, formatted by shapegen's own RFC 3339 writer.
    let seconds = shapegen::DateTime::from(time).secs();
    let text = shapegen::DateTime::from_secs_and_nanos(seconds, 0)
        .fmt(shapegen::TimestampFormat::DateTime)
        .unwrap_or_default();
    if readable {
        text
    } else {
        text.replace(['-', ':'], "")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        let at = |s| UNIX_EPOCH + Duration::from_secs(s);
        assert_eq!(utc_timestamp(at(0), true), "1970-01-01T00:00:00Z");
        assert_eq!(utc_timestamp(at(951_782_400), true), "2000-02-29T00:00:00Z");
        assert_eq!(utc_timestamp(at(1_777_323_000), false), "20260427T205000Z");
    }
}
