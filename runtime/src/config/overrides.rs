//! [`ConfigOverride`]: settings changed for one call.

use std::time::Duration;

use super::Config;
use crate::transport::ResponseLimits;

/// Settings changed for one call, through an operation's `customize`:
///
/// ```no_run
/// # mod chime {
/// #     shapegen::generate! { spec: "../spec/chime.json", operations: [BatchCreateAttendee] }
/// # }
/// # async fn run(client: chime::Client) -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
///
/// let output = client
///     .batch_create_attendee()
///     .meeting_id("8f2a1c3e-5b6d-4e7f-9a0b-1c2d3e4f5a6b")
///     .customize(|call| {
///         call.validation(false)
///             .max_attempts(1)
///             .attempt_timeout(Some(Duration::from_secs(2)))
///     })
///     .send()
///     .await?;
/// # let _ = output;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigOverride {
    validation: Option<bool>,
    max_attempts: Option<u32>,
    attempt_timeout: Option<Option<Duration>>,
    operation_timeout: Option<Option<Duration>>,
    read_timeout: Option<Option<Duration>>,
}

impl ConfigOverride {
    /// Validates the input before sending, or not, for this call.
    pub fn validation(mut self, enabled: bool) -> Self {
        self.validation = Some(enabled);
        self
    }

    /// Attempts for this call, the first included (at least 1: 0 is taken as 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = Some(attempts.max(1));
        self
    }

    /// The limit on one attempt for this call (`None`: no limit).
    pub fn attempt_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// The limit on this whole call, retries included (`None`: no limit).
    pub fn operation_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }

    /// The read timeout for this call (`None`: no limit); see
    /// [`ConfigBuilder::read_timeout`](crate::ConfigBuilder::read_timeout).
    pub fn read_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.read_timeout = Some(timeout);
        self
    }

    /// Whether this call validates its input, given the client's config.
    pub fn validation_for(&self, config: &Config) -> bool {
        self.validation.unwrap_or(config.validation())
    }

    /// Attempts for this call, given the client's config.
    pub(crate) fn max_attempts_for(&self, config: &Config) -> u32 {
        self.max_attempts.unwrap_or(config.retry().max_attempts())
    }

    /// The attempt timeout for this call, given the client's config.
    pub(crate) fn attempt_timeout_for(&self, config: &Config) -> Option<Duration> {
        self.attempt_timeout.unwrap_or(config.attempt_timeout())
    }

    /// The operation timeout for this call, given the client's config.
    pub(crate) fn operation_timeout_for(&self, config: &Config) -> Option<Duration> {
        self.operation_timeout.unwrap_or(config.operation_timeout())
    }

    /// The reply limits for this call, given the client's config.
    pub(crate) fn response_limits_for(&self, config: &Config) -> ResponseLimits {
        match self.read_timeout {
            Some(read_timeout) => {
                ResponseLimits::new(config.response_limits().max_body_size(), read_timeout)
            }
            None => config.response_limits(),
        }
    }
}
