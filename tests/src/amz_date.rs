//! The SigV4 `x-amz-date` format, `YYYYMMDDTHHMMSSZ` (UTC), to and from [`SystemTime`].

use std::time::SystemTime;

use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

const FORMAT: &[BorrowedFormatItem<'_>] =
    format_description!("[year][month][day]T[hour][minute][second]Z");

/// Parses `YYYYMMDDTHHMMSSZ`; `None` unless it is a valid UTC time from 1970 on.
pub(crate) fn parse(text: &str) -> Option<SystemTime> {
    let time = PrimitiveDateTime::parse(text, FORMAT).ok()?.assume_utc();
    (time.year() >= 1970).then(|| SystemTime::from(time))
}

/// Formats as `YYYYMMDDTHHMMSSZ` (times before 1970 format as the epoch).
pub(crate) fn format(time: SystemTime) -> String {
    let time = OffsetDateTime::from(time.max(SystemTime::UNIX_EPOCH));
    time.format(FORMAT).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn parses_known_instants() {
        assert_eq!(parse("19700101T000000Z"), Some(UNIX_EPOCH));
        let expected = UNIX_EPOCH + Duration::from_secs(1_440_938_160);
        assert_eq!(parse("20150830T123600Z"), Some(expected));
        let leap_day = UNIX_EPOCH + Duration::from_secs(1_709_208_000);
        assert_eq!(parse("20240229T120000Z"), Some(leap_day));
    }

    #[test]
    fn rejects_malformed_text() {
        for bad in [
            "",
            "20150830T123600",
            "20150830 123600Z",
            "2015-08-30T12:36:00Z",
            "20151330T123600Z",
            "20150230T123600Z",
            "20230229T000000Z",
            "20150830T243600Z",
            "20150830T126000Z",
            "19691231T235959Z",
            "2015083OT123600Z",
            "+0150830T123600Z",
            "2015083€T1236Z",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn format_round_trips() {
        for text in [
            "19700101T000000Z",
            "20000229T235959Z",
            "20150830T123600Z",
            "20991231T000001Z",
        ] {
            assert_eq!(format(parse(text).unwrap()), text);
        }
    }
}
