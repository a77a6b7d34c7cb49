//! Helpers the scenarios share.

use shapegen::DateTime;

/// Asserts that a timestamp moto sent is within a day of now: it was read from the reply
/// (an unread or misread timestamp is absent, zero, or off by a factor of 1000).
pub fn assert_recent(timestamp: Option<&DateTime>, what: &str) {
    let timestamp = timestamp.unwrap_or_else(|| panic!("{what}: no timestamp in the reply"));
    let now = DateTime::from(std::time::SystemTime::now());
    let distance = (now.secs() - timestamp.secs()).abs();
    assert!(
        distance < 86_400,
        "{what}: {timestamp} is not within a day of {now}"
    );
}
