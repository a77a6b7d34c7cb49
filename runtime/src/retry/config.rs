//! [`RetryConfig`]: attempts and backoff of standard retry mode.

use std::time::Duration;

/// Retry settings: standard mode with exponential backoff and full jitter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    pub(crate) max_attempts: u32,
    pub(crate) initial_backoff: Duration,
    pub(crate) max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }
}

impl RetryConfig {
    /// Attempts per call, the first included (1 disables retries).
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff scale: before retry `n` (1-based) the client waits a random time in
    /// `[0, min(max_backoff, initial_backoff × 2ⁿ⁻¹))`.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The cap on one backoff.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The random wait before retry number `retry` (1-based).
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let exponent = retry.saturating_sub(1).min(31);
        let ceiling = self
            .initial_backoff
            .saturating_mul(1 << exponent)
            .min(self.max_backoff);
        ceiling.mul_f64(fastrand::f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_exponentially_under_the_cap() {
        let retry = RetryConfig {
            max_attempts: 5,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(250),
        };
        for _ in 0..100 {
            assert!(retry.backoff(1) < Duration::from_millis(100));
            assert!(retry.backoff(2) < Duration::from_millis(200));
            assert!(retry.backoff(5) < Duration::from_millis(250));
        }
    }
}
