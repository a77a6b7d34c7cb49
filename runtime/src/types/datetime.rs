//! [`DateTime`]: a point in time, and the three Smithy timestamp formats.
//!
//! Date-times are written to the microsecond, HTTP dates to the second, epoch seconds to the
//! nanosecond. Every formatting path is total: a time outside the years 1 to 9999 cannot be written as a
//! date, so [`DateTime::fmt`] returns an error for the two date formats and never panics, and
//! `Debug`/`Display` fall back to epoch seconds.
//!
//! Epoch-seconds text is the time's decimal value, as smithy-rs's format test suite (since
//! `aws-smithy-types` 1.9) and every JSON reader take it: a time 0.25 s after `-2` s (floor
//! seconds `-2`, nanoseconds 250,000,000) is written `-1.75`, and `-1.75` reads back as it.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use time::{Date, Month, OffsetDateTime, Time};

/// A point in time with nanosecond precision (Smithy `timestamp`), independent of format.
///
/// ```
/// use shapegen::{DateTime, TimestampFormat};
///
/// let t = DateTime::from_secs(1_398_796_238);
/// assert_eq!(t.fmt(TimestampFormat::DateTime)?, "2014-04-29T18:30:38Z");
/// assert_eq!(t.fmt(TimestampFormat::HttpDate)?, "Tue, 29 Apr 2014 18:30:38 GMT");
/// assert_eq!(t.fmt(TimestampFormat::EpochSeconds)?, "1398796238");
/// assert_eq!(DateTime::parse("2014-04-29T18:30:38.5+00:00", TimestampFormat::DateTime)?.subsec_nanos(), 500_000_000);
/// // Replies are read in whichever form the server chose:
/// assert_eq!(DateTime::parse_any("2014-04-29T18:30:38")?, t);
/// # Ok::<(), shapegen::DateTimeError>(())
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    /// Whole seconds since the Unix epoch (floor for times before it).
    seconds: i64,
    /// Nanoseconds after `seconds`, below one billion.
    nanos: u32,
}

/// How a timestamp is written as text (`smithy.api#timestampFormat`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimestampFormat {
    /// RFC 3339, UTC: `1985-04-12T23:20:50.52Z` (query strings and labels by default).
    DateTime,
    /// IMF-fixdate: `Tue, 29 Apr 2014 18:30:38 GMT` (headers by default).
    HttpDate,
    /// Seconds since the epoch, with an optional fraction: `1515531081.123` (JSON by default).
    EpochSeconds,
}

/// A timestamp that could not be parsed or written. The message never quotes the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateTimeError {
    message: String,
}

impl DateTimeError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateTimeError {}

const NANOS_PER_SECOND: i128 = 1_000_000_000;

impl DateTime {
    /// Whole seconds since the Unix epoch.
    pub const fn from_secs(seconds: i64) -> Self {
        Self { seconds, nanos: 0 }
    }

    /// Seconds and nanoseconds since the epoch; nanoseconds beyond a second carry over.
    pub fn from_secs_and_nanos(seconds: i64, nanos: u32) -> Self {
        Self::from_total_nanos(i128::from(seconds) * NANOS_PER_SECOND + i128::from(nanos))
    }

    /// Fractional seconds since the epoch (rounded to the microsecond, as f64 allows).
    ///
    /// Total: `NaN` is the epoch, and values beyond the representable range saturate.
    pub fn from_secs_f64(seconds: f64) -> Self {
        if seconds.is_nan() {
            return Self::default();
        }
        // `as` saturates for out-of-range and infinite values.
        let micros = (seconds * 1_000_000.0).round() as i128;
        Self::from_total_nanos(micros.saturating_mul(1_000))
    }

    fn from_total_nanos(total: i128) -> Self {
        let seconds = total.div_euclid(NANOS_PER_SECOND);
        let nanos = total.rem_euclid(NANOS_PER_SECOND);
        match i64::try_from(seconds) {
            Ok(seconds) => Self {
                seconds,
                nanos: u32::try_from(nanos).unwrap_or(0),
            },
            Err(_) if seconds < 0 => Self::from_secs(i64::MIN),
            Err(_) => Self {
                seconds: i64::MAX,
                nanos: 999_999_999,
            },
        }
    }

    fn total_nanos(self) -> i128 {
        i128::from(self.seconds) * NANOS_PER_SECOND + i128::from(self.nanos)
    }

    /// Whole seconds since the epoch (floor).
    pub fn secs(&self) -> i64 {
        self.seconds
    }

    /// Nanoseconds after [`secs`](Self::secs).
    pub fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Fractional seconds since the epoch.
    pub fn as_secs_f64(&self) -> f64 {
        self.seconds as f64 + f64::from(self.nanos) / 1e9
    }

    /// Parses `text` written in `format` (strictly: a date-time needs its offset).
    pub fn parse(text: &str, format: TimestampFormat) -> Result<Self, DateTimeError> {
        let parsed = match format {
            TimestampFormat::EpochSeconds => parse_epoch_seconds(text),
            TimestampFormat::DateTime => parse_date_time(text, false),
            TimestampFormat::HttpDate => parse_http_date(text),
        };
        parsed.ok_or_else(|| DateTimeError::new(format!("not {}", describe(format))))
    }

    /// Parses a timestamp in any of the three formats, as servers send them: epoch seconds
    /// (also as a string), an RFC 3339 date-time (a missing offset means UTC; `T` or a space
    /// between date and time) or an HTTP date.
    pub fn parse_any(text: &str) -> Result<Self, DateTimeError> {
        parse_epoch_seconds(text)
            .or_else(|| parse_date_time(text, true))
            .or_else(|| parse_http_date(text))
            .ok_or_else(|| {
                DateTimeError::new("not a timestamp (epoch seconds, date-time or HTTP date)")
            })
    }

    /// Writes this time in `format`. Epoch seconds always succeed; the date formats fail for
    /// years outside 1 to 9999.
    pub fn fmt(&self, format: TimestampFormat) -> Result<String, DateTimeError> {
        match format {
            TimestampFormat::EpochSeconds => Ok(self.epoch_seconds_text()),
            TimestampFormat::DateTime => {
                let utc = self.to_offset()?;
                let mut text = format!(
                    "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
                    utc.year(),
                    u8::from(utc.month()),
                    utc.day(),
                    utc.hour(),
                    utc.minute(),
                    utc.second()
                );
                // Written to the microsecond, as smithy-rs's format suite expects.
                push_fraction(&mut text, self.nanos - self.nanos % 1_000);
                text.push('Z');
                Ok(text)
            }
            TimestampFormat::HttpDate => {
                // IMF-fixdate has no fraction: the time is truncated to the second.
                let utc = self.to_offset()?;
                const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
                Ok(format!(
                    "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
                    DAYS[usize::from(utc.weekday().number_days_from_monday())],
                    utc.day(),
                    month_abbreviation(utc.month()),
                    utc.year(),
                    utc.hour(),
                    utc.minute(),
                    utc.second()
                ))
            }
        }
    }

    /// Writes this time in `format`, or as epoch seconds when `format` cannot express it.
    pub fn fmt_or_epoch_seconds(&self, format: TimestampFormat) -> String {
        self.fmt(format)
            .unwrap_or_else(|_| self.epoch_seconds_text())
    }

    fn epoch_seconds_text(&self) -> String {
        if self.seconds >= 0 || self.nanos == 0 {
            let mut text = self.seconds.to_string();
            push_fraction(&mut text, self.nanos);
            return text;
        }
        // Before the epoch with a fraction: the value is -(|seconds + 1| + (1 s - nanos)).
        let mut text = format!("-{}", (self.seconds + 1).unsigned_abs());
        push_fraction(&mut text, 1_000_000_000 - self.nanos);
        text
    }

    fn to_offset(self) -> Result<OffsetDateTime, DateTimeError> {
        OffsetDateTime::from_unix_timestamp_nanos(self.total_nanos())
            .ok()
            .filter(|t| (1..=9999).contains(&t.year()))
            .ok_or_else(|| {
                DateTimeError::new(format!(
                    "{} seconds since the epoch is outside the years 1 to 9999",
                    self.seconds
                ))
            })
    }
}

fn describe(format: TimestampFormat) -> &'static str {
    match format {
        TimestampFormat::EpochSeconds => "epoch seconds",
        TimestampFormat::DateTime => "an RFC 3339 date-time",
        TimestampFormat::HttpDate => "an HTTP date",
    }
}

fn month_abbreviation(month: Month) -> &'static str {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    MONTHS[usize::from(u8::from(month) - 1)]
}

fn month_from_abbreviation(text: &str) -> Option<Month> {
    (1..=12u8)
        .filter_map(|n| Month::try_from(n).ok())
        .find(|month| month_abbreviation(*month).eq_ignore_ascii_case(text))
}

/// Appends `.fraction` without trailing zeros, if there is one.
fn push_fraction(text: &mut String, nanos: u32) {
    if nanos != 0 {
        let digits = format!("{nanos:09}");
        text.push('.');
        text.push_str(digits.trim_end_matches('0'));
    }
}

/// The nanoseconds of a fraction's digits (only the first nine count); `None` unless digits.
fn fraction_nanos(digits: &str) -> Option<u32> {
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut nanos = 0u32;
    for (i, digit) in digits.bytes().take(9).enumerate() {
        nanos += u32::from(digit - b'0') * 10u32.pow(8 - i as u32);
    }
    Some(nanos)
}

/// `[-]seconds[.fraction]`, read as its decimal value (see the
/// module docs); exponent notation is read as a plain number.
fn parse_epoch_seconds(text: &str) -> Option<DateTime> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return parse_epoch_float(text);
    }
    let Some(nanos) = fraction_nanos(fraction) else {
        return parse_epoch_float(text);
    };
    let whole: i128 = whole.parse().ok()?;
    let (seconds, nanos) = match (negative, nanos) {
        (false, _) | (true, 0) => (if negative { -whole } else { whole }, nanos),
        // `-1.75` is 0.25 s after -2 s.
        (true, _) => (-whole - 1, 1_000_000_000 - nanos),
    };
    let seconds = i64::try_from(seconds).ok()?;
    Some(DateTime { seconds, nanos })
}

fn parse_epoch_float(text: &str) -> Option<DateTime> {
    let value: f64 = text.parse().ok()?;
    value.is_finite().then(|| DateTime::from_secs_f64(value))
}

/// `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`; with `lenient`, also lower-case `t`/`z`, a
/// space instead of `T`, `±hhmm` offsets, and no offset at all (UTC).
fn parse_date_time(text: &str, lenient: bool) -> Option<DateTime> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    if bytes.len() < 19 || bytes[4] != b'-' || bytes[7] != b'-' || bytes[13] != b':' {
        return None;
    }
    if bytes[16] != b':' {
        return None;
    }
    let separator_ok = match bytes[10] {
        b'T' => true,
        b't' | b' ' => lenient,
        _ => false,
    };
    if !separator_ok {
        return None;
    }
    let year = i32::try_from(number(0..4)?).ok()?;
    let month = Month::try_from(u8::try_from(number(5..7)?).ok()?).ok()?;
    let day = u8::try_from(number(8..10)?).ok()?;
    let hour = u8::try_from(number(11..13)?).ok()?;
    let minute = u8::try_from(number(14..16)?).ok()?;
    let second = u8::try_from(number(17..19)?).ok()?;
    let mut rest = &text[19..];
    let mut nanos = 0;
    if let Some(after_point) = rest.strip_prefix('.') {
        let len = after_point.bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 {
            return None;
        }
        nanos = fraction_nanos(&after_point[..len])?;
        rest = &after_point[len..];
    }
    let offset_seconds: i64 = match rest {
        "Z" => 0,
        "z" if lenient => 0,
        "" if lenient => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            // `get`, not indexing: the offset's bytes may be any text, not only ASCII.
            let (hours, minutes) = match rest.len() {
                6 if rest.as_bytes()[3] == b':' => (rest.get(1..3)?, rest.get(4..6)?),
                5 if lenient => (rest.get(1..3)?, rest.get(3..5)?),
                _ => return None,
            };
            if !(hours.bytes().chain(minutes.bytes())).all(|b| b.is_ascii_digit()) {
                return None;
            }
            let (hours, minutes): (i64, i64) = (hours.parse().ok()?, minutes.parse().ok()?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            sign * (hours * 3600 + minutes * 60)
        }
    };
    // RFC 3339 allows a leap second; it is read as the last second of the minute.
    let second = second.min(59);
    let date = Date::from_calendar_date(year, month, day).ok()?;
    let clock = Time::from_hms(hour, minute, second).ok()?;
    let local = date.with_time(clock).assume_utc().unix_timestamp();
    Some(DateTime {
        seconds: local - offset_seconds,
        nanos,
    })
}

/// `Tue, 29 Apr 2014 18:30:38 GMT`, optionally with a fraction after the seconds.
fn parse_http_date(text: &str) -> Option<DateTime> {
    let rest = text.trim().split_once(", ")?.1;
    let mut parts = rest.split(' ');
    let day = parts.next()?;
    if day.len() != 2 {
        return None;
    }
    let day: u8 = day.parse().ok()?;
    let month = month_from_abbreviation(parts.next()?)?;
    let year = parts.next()?;
    if year.len() != 4 {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    let clock = parts.next()?;
    if parts.next()? != "GMT" || parts.next().is_some() {
        return None;
    }
    let (clock, fraction) = clock.split_once('.').unwrap_or((clock, ""));
    if clock.len() != 8 {
        return None;
    }
    let mut fields = clock.split(':').map(|f| f.parse::<u8>().ok());
    let (hour, minute, second) = (fields.next()??, fields.next()??, fields.next()??);
    let date = Date::from_calendar_date(year, month, day).ok()?;
    let clock = Time::from_hms(hour, minute, second).ok()?;
    let seconds = date.with_time(clock).assume_utc().unix_timestamp();
    Some(DateTime {
        seconds,
        nanos: fraction_nanos(fraction)?,
    })
}

impl From<SystemTime> for DateTime {
    fn from(time: SystemTime) -> Self {
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => Self::from_total_nanos(after.as_nanos() as i128),
            Err(before) => Self::from_total_nanos(-(before.duration().as_nanos() as i128)),
        }
    }
}

impl TryFrom<DateTime> for SystemTime {
    type Error = DateTimeError;

    fn try_from(value: DateTime) -> Result<Self, Self::Error> {
        let out_of_range = || {
            DateTimeError::new(format!(
                "{} seconds since the epoch does not fit a SystemTime",
                value.seconds
            ))
        };
        if value.seconds >= 0 {
            let offset = Duration::new(value.seconds.unsigned_abs(), value.nanos);
            UNIX_EPOCH.checked_add(offset).ok_or_else(out_of_range)
        } else {
            let before =
                Duration::new(value.seconds.unsigned_abs(), 0) - Duration::new(0, value.nanos);
            UNIX_EPOCH.checked_sub(before).ok_or_else(out_of_range)
        }
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.fmt(TimestampFormat::DateTime) {
            Ok(text) => f.write_str(&text),
            Err(_) => write!(
                f,
                "DateTime({} s since the epoch)",
                self.epoch_seconds_text()
            ),
        }
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_round_trip() {
        let t = DateTime::from_secs_and_nanos(1_576_540_098, 120_000_000);
        for (format, text) in [
            (TimestampFormat::DateTime, "2019-12-16T23:48:18.12Z"),
            (TimestampFormat::EpochSeconds, "1576540098.12"),
        ] {
            assert_eq!(t.fmt(format).unwrap(), text);
            assert_eq!(DateTime::parse(text, format).unwrap(), t, "{text}");
        }
        // An HTTP date has no fraction; one that carries one is still read.
        assert_eq!(
            t.fmt(TimestampFormat::HttpDate).unwrap(),
            "Mon, 16 Dec 2019 23:48:18 GMT"
        );
        assert_eq!(
            DateTime::parse(
                "Mon, 16 Dec 2019 23:48:18.12 GMT",
                TimestampFormat::HttpDate
            )
            .unwrap(),
            t
        );
    }

    #[test]
    fn parses_offsets_and_rejects_garbage() {
        let t = DateTime::parse("2019-12-17T00:48:18+01:00", TimestampFormat::DateTime).unwrap();
        assert_eq!(t, DateTime::from_secs(1_576_540_098));
        assert!(DateTime::parse("yesterday", TimestampFormat::DateTime).is_err());
        assert!(DateTime::parse("2019-12-17T00:48:18", TimestampFormat::DateTime).is_err());
        assert!(
            DateTime::parse("Mon, 16 Dec 2019 23:48:18 PST", TimestampFormat::HttpDate).is_err()
        );
        assert!(DateTime::parse("12x", TimestampFormat::EpochSeconds).is_err());
        assert_eq!(
            DateTime::parse("1.5e9", TimestampFormat::EpochSeconds).unwrap(),
            DateTime::from_secs(1_500_000_000)
        );
        for bad in [
            "2019-13-01T00:00:00Z",
            "2019-02-30T00:00:00Z",
            "2019-12-17T24:00:00Z",
        ] {
            assert!(
                DateTime::parse(bad, TimestampFormat::DateTime).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn offsets_that_are_not_ascii_are_rejected_not_a_panic() {
        // Found while writing the headers_timestamps fuzz target: the offset was sliced by
        // byte, so a multi-byte character in it panicked (in any reply timestamp).
        for text in [
            "2019-12-16T23:48:18+a\u{e9}0",
            "2019-12-16T23:48:18+\u{e9}00",
            "2019-12-16T23:48:18-0\u{e9}",
            "2019-12-16T23:48:18+\u{20ac}:0",
            "2019-12-16T23:48:18+0\u{e9}:0",
        ] {
            assert!(DateTime::parse_any(text).is_err(), "{text}");
            assert!(
                DateTime::parse(text, TimestampFormat::DateTime).is_err(),
                "{text}"
            );
        }
    }

    #[test]
    fn replies_are_read_in_any_form() {
        let t = DateTime::from_secs_and_nanos(1_796_139_464, 23_594_000);
        for text in [
            "2026-12-01T15:37:44.023594",
            "2026-12-01T15:37:44.023594Z",
            "2026-12-01 15:37:44.023594",
            "2026-12-01t15:37:44.023594z",
            "2026-12-01T16:37:44.023594+01:00",
            "2026-12-01T16:37:44.023594+0100",
            "1796139464.023594",
        ] {
            assert_eq!(DateTime::parse_any(text).unwrap(), t, "{text}");
        }
        assert_eq!(
            DateTime::parse_any("Tue, 01 Dec 2026 15:37:44 GMT").unwrap(),
            DateTime::from_secs(1_796_139_464)
        );
        let error = DateTime::parse_any("PLANTED-SECRET").unwrap_err();
        assert!(!error.to_string().contains("PLANTED"), "{error}");
    }

    #[test]
    fn times_before_the_epoch_are_written_as_their_decimal_value() {
        let t = DateTime::from_secs_and_nanos(-2, 250_000_000);
        assert_eq!(t.fmt(TimestampFormat::EpochSeconds).unwrap(), "-1.75");
        assert_eq!(
            DateTime::parse("-1.75", TimestampFormat::EpochSeconds).unwrap(),
            t
        );
        let quarter = DateTime::from_secs_and_nanos(-1, 750_000_000);
        assert_eq!(quarter.fmt(TimestampFormat::EpochSeconds).unwrap(), "-0.25");
        assert_eq!(
            DateTime::parse("-0.25", TimestampFormat::EpochSeconds).unwrap(),
            quarter
        );
        let whole = DateTime::from_secs(-2);
        assert_eq!(whole.fmt(TimestampFormat::EpochSeconds).unwrap(), "-2");
        let min = DateTime::from_secs_and_nanos(i64::MIN, 1);
        let text = min.fmt(TimestampFormat::EpochSeconds).unwrap();
        assert_eq!(text, "-9223372036854775807.999999999");
        assert_eq!(
            DateTime::parse(&text, TimestampFormat::EpochSeconds).unwrap(),
            min
        );
        let system = SystemTime::try_from(t).unwrap();
        assert_eq!(DateTime::from(system), t);
        assert_eq!(DateTime::from_secs_f64(-1.75), t);
    }

    #[test]
    fn formatting_is_total() {
        for t in [
            DateTime::from_secs(i64::MIN),
            DateTime::from_secs(i64::MAX),
            DateTime::from_secs_and_nanos(i64::MAX, 999_999_999),
            DateTime::from_secs(300_000_000_000),
            DateTime::from_secs(-300_000_000_000),
            DateTime::from_secs_f64(f64::NAN),
            DateTime::from_secs_f64(f64::INFINITY),
            DateTime::from_secs_f64(f64::NEG_INFINITY),
            DateTime::from_secs_f64(1e300),
        ] {
            let debug = format!("{t:?}");
            let display = t.to_string();
            assert!(!debug.is_empty() && !display.is_empty());
            assert!(t.fmt(TimestampFormat::EpochSeconds).is_ok());
            let _ = t.fmt(TimestampFormat::DateTime);
            let _ = t.fmt(TimestampFormat::HttpDate);
            assert!(!t.fmt_or_epoch_seconds(TimestampFormat::HttpDate).is_empty());
        }
        assert_eq!(
            format!("{:?}", DateTime::from_secs(300_000_000_000)),
            "DateTime(300000000000 s since the epoch)"
        );
        assert_eq!(DateTime::from_secs_f64(f64::NAN), DateTime::default());
        assert_eq!(DateTime::from_secs_f64(f64::INFINITY).secs(), i64::MAX);
        assert_eq!(DateTime::from_secs_f64(f64::NEG_INFINITY).secs(), i64::MIN);
    }
}
