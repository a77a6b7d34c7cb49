//! Which replies are worth retrying (standard retry mode), and how long a reply asks to wait.

use std::time::{Duration, SystemTime};

use http::HeaderMap;

use crate::error::ErrorMetadata;
use crate::orchestrator::ErrorSpec;
use crate::types::{DateTime, TimestampFormat};

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

/// Whether an error reply is retryable and whether it is throttling, from the standard rules
/// and what the model says of the error (`@retryable`, `@retryable(throttling: true)`).
pub(crate) fn classify(meta: &ErrorMetadata, modeled: Option<&ErrorSpec>) -> (bool, bool) {
    let throttling = is_throttling(meta) || modeled.is_some_and(|error| error.throttling);
    let retryable =
        throttling || is_retryable(meta) || modeled.is_some_and(|error| error.retryable);
    (retryable, throttling)
}

/// How long a reply asks the client to wait before retrying (`Retry-After`: delay-seconds or
/// an HTTP date, RFC 9110 §10.2.3); `None` when absent or unreadable. A date in the past is a
/// wait of zero.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::from_secs(text.parse().unwrap_or(u64::MAX)));
    }
    let at = SystemTime::try_from(DateTime::parse(text, TimestampFormat::HttpDate).ok()?).ok()?;
    Some(at.duration_since(now).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_seconds_or_a_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_576_540_098);
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(http::header::RETRY_AFTER, value.parse().unwrap());
            retry_after(&headers, now)
        };
        assert_eq!(with("3"), Some(Duration::from_secs(3)));
        assert_eq!(with(" 0 "), Some(Duration::ZERO));
        assert_eq!(
            with("Mon, 16 Dec 2019 23:48:20 GMT"),
            Some(Duration::from_secs(2))
        );
        assert_eq!(with("Mon, 16 Dec 2019 23:48:00 GMT"), Some(Duration::ZERO));
        assert_eq!(with("-1"), None);
        assert_eq!(with("soon"), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
        assert_eq!(
            with("99999999999999999999999"),
            Some(Duration::from_secs(u64::MAX))
        );
    }

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
