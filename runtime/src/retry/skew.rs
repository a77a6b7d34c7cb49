//! Clock skew: a client whose clock is off signs requests the service rejects as too old or
//! too new. The reply's `Date` header says what time the service thinks it is.

use std::time::{Duration, SystemTime};

use http::HeaderMap;

use crate::error::ErrorMetadata;
use crate::types::{DateTime, TimestampFormat};

/// Error codes services use for a request signed at the wrong time.
const SKEW_CODES: &[&str] = &[
    "RequestTimeTooSkewed",
    "RequestExpired",
    "RequestInTheFuture",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "AuthFailure",
];

/// A correction smaller than this is noise (the `Date` header has whole seconds).
const THRESHOLD: Duration = Duration::from_secs(60);

/// The service's clock minus ours, in milliseconds, when `meta` says the request time was
/// rejected and the reply's `Date` differs from `local_now` by more than a minute.
pub(crate) fn correction(
    meta: &ErrorMetadata,
    headers: &HeaderMap,
    local_now: SystemTime,
) -> Option<i64> {
    if !meta.code().is_some_and(|code| SKEW_CODES.contains(&code)) {
        return None;
    }
    let text = headers.get(http::header::DATE)?.to_str().ok()?;
    let server =
        SystemTime::try_from(DateTime::parse(text, TimestampFormat::HttpDate).ok()?).ok()?;
    let skew_ms = match server.duration_since(local_now) {
        Ok(ahead) if ahead > THRESHOLD => i64::try_from(ahead.as_millis()).ok()?,
        Ok(_) => return None,
        Err(behind) if behind.duration() > THRESHOLD => {
            -i64::try_from(behind.duration().as_millis()).ok()?
        }
        Err(_) => return None,
    };
    Some(skew_ms)
}

/// `now` moved by `skew_ms` milliseconds.
pub(crate) fn adjusted(now: SystemTime, skew_ms: i64) -> SystemTime {
    let shift = Duration::from_millis(skew_ms.unsigned_abs());
    if skew_ms >= 0 {
        now.checked_add(shift).unwrap_or(now)
    } else {
        now.checked_sub(shift).unwrap_or(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrections_come_from_the_date_of_skew_errors() {
        let local = SystemTime::UNIX_EPOCH + Duration::from_secs(1_576_540_098);
        let mut headers = HeaderMap::new();
        headers.insert(
            http::header::DATE,
            "Mon, 16 Dec 2019 23:58:18 GMT".parse().unwrap(),
        );
        let skewed = ErrorMetadata::new(403).with_code("InvalidSignatureException");
        assert_eq!(correction(&skewed, &headers, local), Some(600_000));
        let other = ErrorMetadata::new(403).with_code("AccessDenied");
        assert_eq!(correction(&other, &headers, local), None);
        headers.insert(
            http::header::DATE,
            "Mon, 16 Dec 2019 23:48:30 GMT".parse().unwrap(),
        );
        assert_eq!(
            correction(&skewed, &headers, local),
            None,
            "within a minute"
        );
        headers.insert(
            http::header::DATE,
            "Mon, 16 Dec 2019 23:38:18 GMT".parse().unwrap(),
        );
        assert_eq!(correction(&skewed, &headers, local), Some(-600_000));
        assert_eq!(adjusted(local, -600_000), local - Duration::from_secs(600));
    }
}
