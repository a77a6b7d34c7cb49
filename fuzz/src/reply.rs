//! The text form of a reply that the reply targets decode their input into.
//!
//! ```text
//! GetEverything 503
//! x-amzn-errortype: Throttled
//! retry-after: 1
//!
//! {"message":"slow down"}
//! ```
//!
//! The first line holds whitespace-separated words: the last one that is a number is the status,
//! the first one is the operation (only `reply_handling` uses it). Header lines follow up to an
//! empty line; a line without `:` or with a name or value HTTP does not allow is left out. The
//! rest is the body, byte for byte. Any input decodes to some reply.

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue};

/// A reply decoded from fuzz input.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The first word of the first line (an operation name for `reply_handling`).
    pub operation: String,
    /// The status as written (any `u16`, including ones HTTP does not allow).
    pub status: u16,
    /// The header lines that are valid HTTP.
    pub headers: HeaderMap,
    /// The rest of the input.
    pub body: Bytes,
}

impl Reply {
    /// Decodes `data`; never fails.
    pub fn decode(data: &[u8]) -> Self {
        let (first, mut rest) = split_line(data);
        let first = String::from_utf8_lossy(first);
        let mut words = first.split_whitespace();
        let operation = words.next().unwrap_or_default().to_owned();
        let status = first
            .split_whitespace()
            .filter_map(|word| word.parse::<u16>().ok())
            .next_back()
            .unwrap_or(200);
        let mut headers = HeaderMap::new();
        loop {
            if rest.is_empty() {
                break;
            }
            let (line, after) = split_line(rest);
            rest = after;
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = header_line(line) {
                headers.append(name, value);
            }
        }
        Self {
            operation,
            status,
            headers,
            body: Bytes::copy_from_slice(rest),
        }
    }
}

/// The bytes up to the first `\n` (without a `\r` before it) and those after it.
fn split_line(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == b'\n') {
        Some(end) => {
            let line = &data[..end];
            (line.strip_suffix(b"\r").unwrap_or(line), &data[end + 1..])
        }
        None => (data, &[]),
    }
}

/// `name: value` as HTTP types, when both are valid.
fn header_line(line: &[u8]) -> Option<(HeaderName, HeaderValue)> {
    let colon = line.iter().position(|&b| b == b':')?;
    let name = HeaderName::from_bytes(line[..colon].trim_ascii()).ok()?;
    let value = HeaderValue::from_bytes(line[colon + 1..].trim_ascii_start()).ok()?;
    Some((name, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_status_headers_and_body() {
        let reply = Reply::decode(b"GetEverything 503\r\nx-a: 1\nx-a: 2\nbad line\n\n{\"a\":\n1}");
        assert_eq!(reply.operation, "GetEverything");
        assert_eq!(reply.status, 503);
        assert_eq!(reply.headers.get_all("x-a").iter().count(), 2);
        assert_eq!(reply.headers.len(), 2);
        assert_eq!(&reply.body[..], b"{\"a\":\n1}");
    }

    #[test]
    fn anything_decodes() {
        let reply = Reply::decode(b"");
        assert_eq!(
            (reply.status, reply.headers.len(), reply.body.len()),
            (200, 0, 0)
        );
        let reply = Reply::decode(b"\xff\xfe 70000\n: x\n");
        assert_eq!(reply.status, 200);
    }
}
