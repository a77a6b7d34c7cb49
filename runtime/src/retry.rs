//! Which replies are worth retrying (standard retry mode).

use crate::error::ErrorMetadata;

/// Error codes AWS services use for throttling, whatever the status.
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes of transient failures.
const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException"];

/// Statuses of transient failures.
const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// Whether the reply signals throttling (429 or a throttling code).
pub fn is_throttling(meta: &ErrorMetadata) -> bool {
    meta.status() == 429
        || meta
            .code()
            .is_some_and(|code| THROTTLING_CODES.contains(&code))
}

/// Whether retrying the reply may succeed: throttling, a transient status or code.
pub fn is_retryable(meta: &ErrorMetadata) -> bool {
    is_throttling(meta)
        || TRANSIENT_STATUSES.contains(&meta.status())
        || meta
            .code()
            .is_some_and(|code| TRANSIENT_CODES.contains(&code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_statuses_and_codes() {
        assert!(is_retryable(&ErrorMetadata::new(429)));
        assert!(is_retryable(&ErrorMetadata::new(503)));
        assert!(!is_retryable(&ErrorMetadata::new(501)));
        assert!(!is_retryable(
            &ErrorMetadata::new(400).with_code("BadRequestException")
        ));
        assert!(is_retryable(
            &ErrorMetadata::new(400).with_code("ThrottlingException")
        ));
        assert!(!is_retryable(&ErrorMetadata::new(404)));
    }
}
