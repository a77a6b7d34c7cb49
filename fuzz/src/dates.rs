//! The `headers_timestamps` checks: header parsing and timestamp parsing and formatting are
//! total (no panic on any input), and every timestamp written reads back as itself.

use http::HeaderMap;
use shapegen::__private::http_binding;
use shapegen::{BigDecimal, BigInteger, Blob, DateTime, TimestampFormat};

use crate::reply::Reply;

const FORMATS: [TimestampFormat; 3] = [
    TimestampFormat::EpochSeconds,
    TimestampFormat::DateTime,
    TimestampFormat::HttpDate,
];

/// Runs every check on a reply's headers, on its body as timestamp text and on times made
/// from the input's first bytes; panics on a finding.
pub fn check(data: &[u8]) {
    let reply = Reply::decode(data);
    let names: Vec<String> = reply
        .headers
        .keys()
        .map(|n| n.as_str().to_owned())
        .collect();
    for name in &names {
        check_header(&reply.headers, name);
    }
    for prefix in ["x-", "x-meta-", "", "content"] {
        let _ = http_binding::prefix_headers(&reply.headers, prefix);
    }
    for value in reply.headers.values() {
        if let Ok(text) = value.to_str() {
            check_text(text);
        }
    }
    check_text(&String::from_utf8_lossy(&reply.body));
    for line in reply.body.split(|&b| b == b'\n') {
        check_text(&String::from_utf8_lossy(line));
    }
    check_instant(time_from_bytes(data));
    if let Some(seconds) = data.get(..8) {
        let seconds = f64::from_le_bytes(seconds.try_into().unwrap_or_default());
        check_instant(DateTime::from_secs_f64(seconds));
    }
}

/// Reads header `name` as every type a member bound to it can have.
fn check_header(headers: &HeaderMap, name: &str) {
    let _ = http_binding::header_value::<String>(headers, name);
    let _ = http_binding::header_value::<bool>(headers, name);
    let _ = http_binding::header_value::<i8>(headers, name);
    let _ = http_binding::header_value::<i64>(headers, name);
    let _ = http_binding::header_value::<f32>(headers, name);
    let _ = http_binding::header_value::<f64>(headers, name);
    let _ = http_binding::header_value::<Blob>(headers, name);
    let _ = http_binding::header_value::<BigInteger>(headers, name);
    let _ = http_binding::header_value::<BigDecimal>(headers, name);
    let _ = http_binding::header_timestamp(headers, name);
    let _ = http_binding::header_base64_string(headers, name);
    let strings = http_binding::header_list::<String>(headers, name);
    let _ = http_binding::header_list::<i32>(headers, name);
    let _ = http_binding::header_list::<bool>(headers, name);
    let _ = http_binding::header_list::<f64>(headers, name);
    let _ = http_binding::header_list::<Blob>(headers, name);
    for format in FORMATS {
        if let Ok(Some(times)) = http_binding::header_timestamp_list(headers, name, format) {
            times.into_iter().for_each(check_instant);
        }
    }
    // A list written back the way requests write it splits into the same items.
    if let Ok(Some(items)) = strings {
        let joined =
            http_binding::join_header_values(items.iter().map(|s| s.as_str().into()), true);
        let Ok(value) = http::HeaderValue::from_str(&joined) else {
            return;
        };
        let mut again = HeaderMap::new();
        again.insert("x-list", value);
        // Unquoted items lose spaces around them and empty ones vanish, as they should.
        let plain = items
            .iter()
            .all(|s| s.trim() == s.as_str() && !s.is_empty());
        if plain {
            let reread = http_binding::header_list::<String>(&again, "x-list");
            assert_eq!(
                reread.ok().flatten().as_ref(),
                Some(&items),
                "list {items:?} written as {joined:?}"
            );
        }
    }
}

/// Parses `text` in each format and as any format; what parses is checked as an instant.
fn check_text(text: &str) {
    for format in FORMATS {
        if let Ok(time) = DateTime::parse(text, format) {
            check_instant(time);
        }
    }
    if let Ok(time) = DateTime::parse_any(text) {
        check_instant(time);
    }
}

/// Formats `time` every way; what is written must read back (to the precision of the format).
fn check_instant(time: DateTime) {
    let _ = format!("{time:?}");
    for format in FORMATS {
        let _ = time.fmt_or_epoch_seconds(format);
        let _ = http_binding::timestamp_text(&time, format);
        let Ok(text) = time.fmt(format) else {
            assert_ne!(
                format,
                TimestampFormat::EpochSeconds,
                "epoch seconds always format"
            );
            continue;
        };
        let reread = DateTime::parse(&text, format)
            .unwrap_or_else(|e| panic!("{time:?} written as {format:?} `{text}` fails: {e}"));
        let expected = match format {
            TimestampFormat::EpochSeconds => time,
            TimestampFormat::DateTime => {
                let nanos = time.subsec_nanos();
                DateTime::from_secs_and_nanos(time.secs(), nanos - nanos % 1_000)
            }
            TimestampFormat::HttpDate => DateTime::from_secs(time.secs()),
            _ => continue,
        };
        assert_eq!(reread, expected, "{time:?} written as {format:?} `{text}`");
        assert_eq!(
            DateTime::parse_any(&text).ok(),
            Some(expected),
            "parse_any `{text}`"
        );
    }
}

/// An instant from the input's first 12 bytes (seconds, then nanoseconds), else the epoch.
fn time_from_bytes(data: &[u8]) -> DateTime {
    let seconds = data
        .get(..8)
        .and_then(|b| b.try_into().ok())
        .map_or(0, i64::from_le_bytes);
    let nanos = data
        .get(8..12)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u32::from_le_bytes);
    DateTime::from_secs_and_nanos(seconds, nanos)
}
