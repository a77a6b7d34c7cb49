//! [`DateTime`]: a point in time, and the three Smithy timestamp formats.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

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

/// A timestamp that could not be parsed or written.
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
    pub fn from_secs_f64(seconds: f64) -> Self {
        let micros = (seconds * 1_000_000.0).round();
        Self::from_total_nanos(micros as i128 * 1_000)
    }

    fn from_total_nanos(total: i128) -> Self {
        let seconds = total.div_euclid(NANOS_PER_SECOND);
        let nanos = total.rem_euclid(NANOS_PER_SECOND);
        Self {
            seconds: i64::try_from(seconds).unwrap_or(if seconds < 0 {
                i64::MIN
            } else {
                i64::MAX
            }),
            nanos: u32::try_from(nanos).unwrap_or(0),
        }
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

    /// Parses `text` written in `format`.
    pub fn parse(text: &str, format: TimestampFormat) -> Result<Self, DateTimeError> {
        let invalid = |what: &str| DateTimeError::new(format!("`{text}` is not {what}"));
        match format {
            TimestampFormat::EpochSeconds => {
                parse_epoch_seconds(text).ok_or_else(|| invalid("epoch seconds"))
            }
            TimestampFormat::DateTime => OffsetDateTime::parse(text, &Rfc3339)
                .map(Self::from_offset)
                .map_err(|_| invalid("an RFC 3339 date-time")),
            TimestampFormat::HttpDate => {
                parse_http_date(text).ok_or_else(|| invalid("an HTTP date"))
            }
        }
    }

    /// Writes this time in `format` (fails only for years outside 1..=9999 in text formats).
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
                push_fraction(&mut text, self.nanos);
                text.push('Z');
                Ok(text)
            }
            TimestampFormat::HttpDate => {
                let utc = self.to_offset()?;
                const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
                const MONTHS: [&str; 12] = [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                    "Dec",
                ];
                let mut text = format!(
                    "{}, {:02} {} {:04} {:02}:{:02}:{:02}",
                    DAYS[usize::from(utc.weekday().number_days_from_monday())],
                    utc.day(),
                    MONTHS[usize::from(u8::from(utc.month()) - 1)],
                    utc.year(),
                    utc.hour(),
                    utc.minute(),
                    utc.second()
                );
                push_fraction(&mut text, self.nanos - self.nanos % 1_000_000);
                text.push_str(" GMT");
                Ok(text)
            }
        }
    }

    fn epoch_seconds_text(&self) -> String {
        if self.nanos == 0 {
            return self.seconds.to_string();
        }
        if self.seconds >= 0 {
            let mut text = self.seconds.to_string();
            push_fraction(&mut text, self.nanos);
            text
        } else {
            // Before the epoch the fraction counts towards zero: -1.5 is (-2 s, 0.5 s).
            let total = i128::from(self.seconds) * NANOS_PER_SECOND + i128::from(self.nanos);
            let (whole, fraction) = (total / NANOS_PER_SECOND, (-total) % NANOS_PER_SECOND);
            let mut text = if whole == 0 {
                "-0".to_owned()
            } else {
                whole.to_string()
            };
            push_fraction(&mut text, u32::try_from(fraction).unwrap_or(0));
            text
        }
    }

    fn from_offset(value: OffsetDateTime) -> Self {
        Self::from_total_nanos(value.unix_timestamp_nanos())
    }

    fn to_offset(self) -> Result<OffsetDateTime, DateTimeError> {
        let total = i128::from(self.seconds) * NANOS_PER_SECOND + i128::from(self.nanos);
        OffsetDateTime::from_unix_timestamp_nanos(total)
            .ok()
            .filter(|t| (1..=9999).contains(&t.year()))
            .ok_or_else(|| DateTimeError::new(format!("{self:?} is outside the years 1 to 9999")))
    }
}

/// Appends `.fraction` without trailing zeros, if there is one.
fn push_fraction(text: &mut String, nanos: u32) {
    if nanos != 0 {
        let digits = format!("{nanos:09}");
        text.push('.');
        text.push_str(digits.trim_end_matches('0'));
    }
}

fn parse_epoch_seconds(text: &str) -> Option<DateTime> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        // Exponent notation and the like: fall back to floating point.
        let value: f64 = text.parse().ok()?;
        return value.is_finite().then(|| DateTime::from_secs_f64(value));
    }
    let whole: i128 = whole.parse().ok()?;
    let mut nanos: i128 = 0;
    for (i, digit) in fraction.bytes().take(9).enumerate() {
        nanos += i128::from(digit - b'0') * 10i128.pow(8 - i as u32);
    }
    let total = whole * NANOS_PER_SECOND + nanos;
    Some(DateTime::from_total_nanos(if negative {
        -total
    } else {
        total
    }))
}

/// `Tue, 29 Apr 2014 18:30:38 GMT`, optionally with a fraction after the seconds.
fn parse_http_date(text: &str) -> Option<DateTime> {
    let rest = text.trim().split_once(", ")?.1;
    let mut parts = rest.split(' ');
    let day: u8 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => time::Month::January,
        "Feb" => time::Month::February,
        "Mar" => time::Month::March,
        "Apr" => time::Month::April,
        "May" => time::Month::May,
        "Jun" => time::Month::June,
        "Jul" => time::Month::July,
        "Aug" => time::Month::August,
        "Sep" => time::Month::September,
        "Oct" => time::Month::October,
        "Nov" => time::Month::November,
        "Dec" => time::Month::December,
        _ => return None,
    };
    let year: i32 = parts.next()?.parse().ok()?;
    let clock = parts.next()?;
    if parts.next()? != "GMT" || parts.next().is_some() {
        return None;
    }
    let (clock, fraction) = clock.split_once('.').unwrap_or((clock, ""));
    let mut fields = clock.split(':').map(|f| f.parse::<u8>().ok());
    let (hour, minute, second) = (fields.next()??, fields.next()??, fields.next()??);
    let date = time::Date::from_calendar_date(year, month, day).ok()?;
    let clock = time::Time::from_hms(hour, minute, second).ok()?;
    let seconds = date.with_time(clock).assume_utc().unix_timestamp();
    let fraction = if fraction.is_empty() { "0" } else { fraction };
    let nanos = parse_epoch_seconds(&format!("0.{fraction}"))?.subsec_nanos();
    Some(DateTime::from_secs_and_nanos(seconds, nanos))
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
        let out_of_range = || DateTimeError::new(format!("{value:?} does not fit a SystemTime"));
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
            Err(_) => write!(f, "DateTime({}.{:09})", self.seconds, self.nanos),
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
            (
                TimestampFormat::HttpDate,
                "Mon, 16 Dec 2019 23:48:18.12 GMT",
            ),
            (TimestampFormat::EpochSeconds, "1576540098.12"),
        ] {
            assert_eq!(t.fmt(format).unwrap(), text);
            assert_eq!(DateTime::parse(text, format).unwrap(), t, "{text}");
        }
    }

    #[test]
    fn parses_offsets_and_rejects_garbage() {
        let t = DateTime::parse("2019-12-17T00:48:18+01:00", TimestampFormat::DateTime).unwrap();
        assert_eq!(t, DateTime::from_secs(1_576_540_098));
        assert!(DateTime::parse("yesterday", TimestampFormat::DateTime).is_err());
        assert!(
            DateTime::parse("Mon, 16 Dec 2019 23:48:18 PST", TimestampFormat::HttpDate).is_err()
        );
        assert!(DateTime::parse("12x", TimestampFormat::EpochSeconds).is_err());
        assert_eq!(
            DateTime::parse("1.5e9", TimestampFormat::EpochSeconds).unwrap(),
            DateTime::from_secs(1_500_000_000)
        );
    }

    #[test]
    fn times_before_the_epoch() {
        let t = DateTime::from_secs_f64(-1.5);
        assert_eq!((t.secs(), t.subsec_nanos()), (-2, 500_000_000));
        assert_eq!(t.fmt(TimestampFormat::EpochSeconds).unwrap(), "-1.5");
        assert_eq!(
            DateTime::parse("-1.5", TimestampFormat::EpochSeconds).unwrap(),
            t
        );
        let system = SystemTime::try_from(t).unwrap();
        assert_eq!(DateTime::from(system), t);
    }
}
