//! HTTP bindings (restJson1, and restXml later): URI labels and query strings, headers, host
//! prefixes, and reading the members bound to a reply's headers.

use http::HeaderMap;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use std::borrow::Cow;
use std::collections::HashMap;

use crate::error::{ConstructionError, ParseError};
use crate::http_value::HttpValue;
use crate::types::{DateTime, TimestampFormat};

/// Everything but RFC 3986 unreserved characters is percent-encoded.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Greedy labels keep their `/` separators.
const GREEDY: &AsciiSet = &UNRESERVED.remove(b'/');

/// Appends a percent-encoded URI label; an empty label is an error (it would change the path).
///
/// A label, or a segment of a greedy label, that is `.` or `..` has its dots encoded (`%2E`):
/// sent raw, they would be dot segments that HTTP stacks and signers remove, and the service
/// would see another path than the one meant.
pub fn push_label(
    uri: &mut String,
    member: &str,
    value: &str,
    greedy: bool,
) -> Result<(), ConstructionError> {
    if value.is_empty() {
        return Err(ConstructionError::empty_label(member));
    }
    if !greedy {
        push_segment(uri, value, UNRESERVED);
        return Ok(());
    }
    for (i, segment) in value.trim_start_matches('/').split('/').enumerate() {
        if i > 0 {
            uri.push('/');
        }
        push_segment(uri, segment, GREEDY);
    }
    Ok(())
}

fn push_segment(uri: &mut String, segment: &str, set: &'static AsciiSet) {
    match segment {
        "." => uri.push_str("%2E"),
        ".." => uri.push_str("%2E%2E"),
        _ => uri.extend(utf8_percent_encode(segment, set)),
    }
}

/// Appends query parameters to a URI (after any literal query already in it).
#[derive(Debug)]
pub struct QueryWriter<'a> {
    uri: &'a mut String,
    started: bool,
}

impl<'a> QueryWriter<'a> {
    /// A writer appending to `uri`.
    pub fn new(uri: &'a mut String) -> Self {
        let started = uri.contains('?');
        Self { uri, started }
    }

    fn separator(&mut self) {
        self.uri.push(if self.started { '&' } else { '?' });
        self.started = true;
    }

    /// `key=value`, both percent-encoded.
    pub fn param(&mut self, key: &str, value: &str) {
        self.separator();
        self.uri.extend(utf8_percent_encode(key, UNRESERVED));
        self.uri.push('=');
        self.uri.extend(utf8_percent_encode(value, UNRESERVED));
    }

    /// A key without a value (`?flag`).
    pub fn key(&mut self, key: &str) {
        self.separator();
        self.uri.extend(utf8_percent_encode(key, UNRESERVED));
    }
}

/// The value of a header bound to a member, parsed; `Ok(None)` when absent.
pub fn header_value<T: HttpValue>(
    headers: &HeaderMap,
    name: &str,
) -> Result<Option<T>, ParseError> {
    let Some(value) = headers.get(name) else {
        return Ok(None);
    };
    let text = value
        .to_str()
        .map_err(|_| ParseError::new(format!("header `{name}` is not valid text")))?;
    T::parse_http_value(text)
        .map(Some)
        .ok_or_else(|| ParseError::new(format!("header `{name}` has an invalid value")))
}

/// A timestamp as header, query or label text.
pub fn timestamp_text(value: &DateTime, format: TimestampFormat) -> String {
    value.fmt_or_epoch_seconds(format)
}

/// Joins list items into one header value: `a, b`; with `quote`, items holding `,` or `"` are
/// quoted (`"a,b"`), as restJson1 requires for strings.
pub fn join_header_values<'a>(
    items: impl IntoIterator<Item = Cow<'a, str>>,
    quote: bool,
) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if quote && (item.contains(',') || item.contains('"')) {
            out.push('"');
            out.push_str(&item.replace('\\', "\\\\").replace('"', "\\\""));
            out.push('"');
        } else {
            out.push_str(&item);
        }
    }
    out
}

/// Splits a list header value (every header line with `name`) into items, honouring quotes.
fn split_header_values(headers: &HeaderMap, name: &str) -> Result<Option<Vec<String>>, ParseError> {
    let mut items = Vec::new();
    let mut found = false;
    for value in headers.get_all(name) {
        found = true;
        let text = value
            .to_str()
            .map_err(|_| ParseError::new(format!("header `{name}` is not valid text")))?;
        let mut current = String::new();
        let mut quoted = false;
        let mut was_quoted = false;
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted => quoted = false,
                '"' if current.trim().is_empty() => {
                    current.clear();
                    quoted = true;
                    was_quoted = true;
                }
                '\\' if quoted => current.extend(chars.next()),
                ',' if !quoted => {
                    items.push(finish_item(&mut current, was_quoted));
                    was_quoted = false;
                }
                c => current.push(c),
            }
        }
        if !current.trim().is_empty() || was_quoted {
            items.push(finish_item(&mut current, was_quoted));
        }
    }
    Ok(found.then_some(items))
}

fn finish_item(current: &mut String, quoted: bool) -> String {
    let item = if quoted {
        current.clone()
    } else {
        current.trim().to_owned()
    };
    current.clear();
    item
}

/// A list header, parsed item by item; `Ok(None)` when absent.
pub fn header_list<T: HttpValue>(
    headers: &HeaderMap,
    name: &str,
) -> Result<Option<Vec<T>>, ParseError> {
    let Some(items) = split_header_values(headers, name)? else {
        return Ok(None);
    };
    items
        .iter()
        .map(|item| {
            T::parse_http_value(item)
                .ok_or_else(|| ParseError::new(format!("header `{name}` has an invalid item")))
        })
        .collect::<Result<Vec<T>, ParseError>>()
        .map(Some)
}

/// A timestamp header; `Ok(None)` when absent. Any of the three timestamp forms is read,
/// whatever the model's format (servers do not always send the modeled one).
pub fn header_timestamp(headers: &HeaderMap, name: &str) -> Result<Option<DateTime>, ParseError> {
    let Some(value) = headers.get(name) else {
        return Ok(None);
    };
    let text = value
        .to_str()
        .map_err(|_| ParseError::new(format!("header `{name}` is not valid text")))?;
    DateTime::parse_any(text)
        .map(Some)
        .map_err(|error| ParseError::new(format!("header `{name}`: {error}")))
}

/// A list header of timestamps; http-dates contain a comma, so they are paired back up.
pub fn header_timestamp_list(
    headers: &HeaderMap,
    name: &str,
    format: TimestampFormat,
) -> Result<Option<Vec<DateTime>>, ParseError> {
    let Some(items) = split_header_values(headers, name)? else {
        return Ok(None);
    };
    let texts: Vec<String> = if format == TimestampFormat::HttpDate {
        items.chunks(2).map(|pair| pair.join(", ")).collect()
    } else {
        items
    };
    texts
        .iter()
        .map(|text| {
            DateTime::parse_any(text)
                .map_err(|error| ParseError::new(format!("header `{name}`: {error}")))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// A string header carried base64-encoded (a string with a media type); `Ok(None)` when absent.
pub fn header_base64_string(headers: &HeaderMap, name: &str) -> Result<Option<String>, ParseError> {
    let Some(text) = header_value::<String>(headers, name)? else {
        return Ok(None);
    };
    let bytes = crate::types::Blob::from_base64(&text)
        .ok_or_else(|| ParseError::new(format!("header `{name}` is not base64")))?;
    String::from_utf8(bytes.into_inner())
        .map(Some)
        .map_err(|_| ParseError::new(format!("header `{name}` is not base64 of UTF-8 text")))
}

/// Headers starting with `prefix` (lower case), keyed by the rest of their name.
pub fn prefix_headers(
    headers: &HeaderMap,
    prefix: &str,
) -> Result<Option<HashMap<String, String>>, ParseError> {
    let mut map = HashMap::new();
    for (name, value) in headers {
        if let Some(rest) = name.as_str().strip_prefix(prefix) {
            let text = value
                .to_str()
                .map_err(|_| ParseError::new(format!("header `{name}` is not valid text")))?;
            map.insert(rest.to_owned(), text.to_owned());
        }
    }
    Ok((!map.is_empty()).then_some(map))
}

/// Checks a value substituted into a host prefix: letters, digits, `-` and `.` only.
pub fn host_label(member: &str, value: &str) -> Result<(), ConstructionError> {
    let valid = !value.is_empty()
        && value.split('.').all(|part| {
            !part.is_empty()
                && part.len() <= 63
                && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !part.starts_with('-')
        });
    if valid {
        Ok(())
    } else {
        Err(ConstructionError::new(format!(
            "`{member}` = `{value}` cannot be part of a host name"
        )))
    }
}

/// A fresh idempotency token: a random (version 4) UUID.
pub fn idempotency_token() -> String {
    let mut bytes = [0u8; 16];
    bytes.iter_mut().for_each(|b| *b = fastrand::u8(..));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_queries_are_percent_encoded() {
        let mut uri = String::from("/a/");
        push_label(&mut uri, "Id", "x y/z", false).unwrap();
        uri.push_str("/b/");
        push_label(&mut uri, "Key", "/p/q r", true).unwrap();
        let mut query = QueryWriter::new(&mut uri);
        query.param("k&", "v=1");
        query.key("flag");
        assert_eq!(uri, "/a/x%20y%2Fz/b/p/q%20r?k%26=v%3D1&flag");
        assert!(push_label(&mut String::new(), "Id", "", false).is_err());
    }

    #[test]
    fn dot_segments_in_labels_are_encoded() {
        let mut uri = String::from("/meetings/");
        push_label(&mut uri, "MeetingId", "..", false).unwrap();
        uri.push_str("/attendees/");
        push_label(&mut uri, "AttendeeId", ".", false).unwrap();
        assert_eq!(uri, "/meetings/%2E%2E/attendees/%2E");
        let mut uri = String::from("/k/");
        push_label(&mut uri, "Key", "a/../b/./c/...", true).unwrap();
        assert_eq!(uri, "/k/a/%2E%2E/b/%2E/c/...");
    }

    #[test]
    fn list_headers_quote_and_split() {
        let joined = join_header_values(
            ["a", "b,c", "say \"hi\""].into_iter().map(Cow::Borrowed),
            true,
        );
        assert_eq!(joined, r#"a, "b,c", "say \"hi\"""#);
        let mut headers = HeaderMap::new();
        headers.insert("x-list", joined.parse().unwrap());
        let items: Vec<String> = header_list(&headers, "x-list").unwrap().unwrap();
        assert_eq!(items, ["a", "b,c", "say \"hi\""]);
        headers.insert(
            "x-dates",
            "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:19 GMT"
                .parse()
                .unwrap(),
        );
        let dates = header_timestamp_list(&headers, "x-dates", TimestampFormat::HttpDate)
            .unwrap()
            .unwrap();
        assert_eq!(dates[1], DateTime::from_secs(1_576_540_099));
    }

    #[test]
    fn idempotency_tokens_are_v4_uuids() {
        let token = idempotency_token();
        assert_eq!(token.len(), 36);
        assert_eq!(&token[14..15], "4");
        assert_ne!(token, idempotency_token());
    }

    #[test]
    fn literal_queries_continue_with_ampersand() {
        let mut uri = String::from("/m?operation=batch-create");
        QueryWriter::new(&mut uri).param("n", "1");
        assert_eq!(uri, "/m?operation=batch-create&n=1");
    }
}
