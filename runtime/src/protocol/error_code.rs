//! How a JSON-protocol error reply names its error, its message and its request.

use http::HeaderMap;

use crate::error::ErrorMetadata;
use crate::json::Reader;

/// The request id of a reply: `x-amzn-requestid`, else `x-amz-request-id`.
pub fn request_id(headers: &HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .iter()
        .find_map(|name| headers.get(*name)?.to_str().ok())
        .map(str::to_owned)
}

/// Identifies a JSON error reply (restJson1, awsJson1_0, awsJson1_1): code from
/// `x-amzn-errortype`, else the body's `code`, else its `__type` (sanitized); message from
/// `message`, `Message` or `errorMessage`. Bodies that are empty or not JSON are tolerated.
///
/// With `query_compatible` (`aws.protocols#awsQueryCompatible`), the legacy awsQuery code in
/// `x-amzn-query-error: Code;Fault` wins, as the service's older clients know its errors by it.
pub(crate) fn json_error_metadata(
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
    query_compatible: bool,
) -> ErrorMetadata {
    let fields = BodyFields::read(body);
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.is_empty())
    };
    let (query_code, query_type) = match query_compatible
        .then(|| header("x-amzn-query-error"))
        .flatten()
    {
        Some(value) => parse_query_error(value),
        None => (None, None),
    };
    let code = query_code.or_else(|| {
        header("x-amzn-errortype")
            .or(fields.code.as_deref())
            .or(fields.type_.as_deref())
            .map(sanitize_error_code)
            .filter(|code| !code.is_empty())
    });
    let mut meta = ErrorMetadata::new(status);
    if let Some(code) = code {
        meta = meta.with_code(code);
    }
    if let Some(error_type) = query_type.filter(|_| query_code.is_some()) {
        meta = meta.with_query_error_type(error_type);
    }
    if let Some(message) = fields.message {
        meta = meta.with_message(message);
    }
    if let Some(id) = request_id(headers) {
        meta = meta.with_request_id(id);
    }
    meta
}

/// `x-amzn-query-error: Code;Type` → the code and the type (`Sender` or `Receiver`), each
/// `None` when empty.
fn parse_query_error(value: &str) -> (Option<&str>, Option<&str>) {
    let (code, error_type) = value.split_once(';').unwrap_or((value, ""));
    // The code is cleaned like a code from any other place (a `:` suffix or `ns#` prefix
    // dropped), so that a malformed header cannot make a code that is not a bare name.
    (non_empty(sanitize_error_code(code)), non_empty(error_type))
}

fn non_empty(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|text| !text.is_empty())
}

/// `aws.protocoltests.restjson#FooError:http://internal.amazon.com/...` → `FooError`.
pub fn sanitize_error_code(raw: &str) -> &str {
    let code = raw.split_once(':').map_or(raw, |(code, _)| code);
    let code = code.rsplit_once('#').map_or(code, |(_, name)| name);
    code.trim()
}

#[derive(Default)]
struct BodyFields {
    code: Option<String>,
    type_: Option<String>,
    message: Option<String>,
}

impl BodyFields {
    /// The top-level string members that identify an error; anything unreadable is ignored.
    fn read(body: &[u8]) -> Self {
        let mut fields = Self::default();
        let Ok(mut reader) = Reader::new(body) else {
            return fields;
        };
        if reader.is_empty() || reader.begin_object().is_err() {
            return fields;
        }
        while let Ok(Some(key)) = reader.next_key() {
            let slot = match key.as_ref() {
                "code" => &mut fields.code,
                "__type" => &mut fields.type_,
                "message" | "Message" | "errorMessage" if fields.message.is_none() => {
                    &mut fields.message
                }
                _ => {
                    if reader.skip_value().is_err() {
                        break;
                    }
                    continue;
                }
            };
            match reader.read_string() {
                Ok(text) => *slot = Some(text),
                Err(_) => {
                    if reader.skip_value().is_err() {
                        break;
                    }
                }
            }
        }
        fields
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_come_from_header_then_code_then_type() {
        let mut headers = HeaderMap::new();
        let body = br#"{"code":"Body","__type":"ns#Type","Message":"hi","Code":"NotFound"}"#;
        let meta =
            |headers: &HeaderMap, body: &[u8]| json_error_metadata(400, headers, body, false);
        assert_eq!(meta(&headers, body).code(), Some("Body"));
        let body2 = br#"{"__type":"aws.protocoltests.restjson#FooError:http://internal/"}"#;
        assert_eq!(meta(&headers, body2).code(), Some("FooError"));
        headers.insert(
            "x-amzn-errortype",
            "NotFoundException:http://internal.amazon.com/coral/com.amazonaws.chime/"
                .parse()
                .unwrap(),
        );
        headers.insert("x-amzn-requestid", "req-1".parse().unwrap());
        let found = json_error_metadata(404, &headers, body, false);
        assert_eq!(found.code(), Some("NotFoundException"));
        assert_eq!(found.message(), Some("hi"));
        assert_eq!(found.request_id(), Some("req-1"));
        assert_eq!(found.status(), 404);
    }

    #[test]
    fn query_compatible_services_use_the_legacy_code() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-amzn-query-error",
            "AWS.SimpleQueueService.NonExistentQueue;Sender"
                .parse()
                .unwrap(),
        );
        let body = br#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"gone"}"#;
        let meta = json_error_metadata(400, &headers, body, true);
        assert_eq!(meta.code(), Some("AWS.SimpleQueueService.NonExistentQueue"));
        assert_eq!(meta.query_error_type(), Some("Sender"));
        assert_eq!(meta.message(), Some("gone"));
        let meta = json_error_metadata(400, &headers, body, false);
        assert_eq!(meta.code(), Some("QueueDoesNotExist"));
        assert_eq!(meta.query_error_type(), None);
    }

    #[test]
    fn query_error_headers_without_a_type_or_code() {
        let body = br#"{"__type":"ns#Fallback"}"#;
        let meta = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert("x-amzn-query-error", value.parse().unwrap());
            json_error_metadata(400, &headers, body, true)
        };
        let code_only = meta("Throttling");
        assert_eq!(code_only.code(), Some("Throttling"));
        assert_eq!(code_only.query_error_type(), None);
        let type_only = meta(";Receiver");
        assert_eq!(type_only.code(), Some("Fallback"));
        assert_eq!(type_only.query_error_type(), None);
        // Found by the `error_code` fuzz target: a header without `;` holding a `:`.
        let malformed = meta("Customizeello: He");
        assert_eq!(malformed.code(), Some("Customizeello"));
        assert_eq!(meta(" :x;Sender").code(), Some("Fallback"));
        assert_eq!(
            meta("AWS.SimpleQueueService.NonExistentQueue;Sender").code(),
            Some("AWS.SimpleQueueService.NonExistentQueue")
        );
    }

    #[test]
    fn odd_bodies_are_tolerated() {
        let headers = HeaderMap::new();
        for body in [
            &b""[..],
            b"not json",
            b"[1,2]",
            b"{\"code\":5}",
            b"{\"code\":",
        ] {
            let meta = json_error_metadata(500, &headers, body, false);
            assert_eq!(meta.code(), None);
        }
    }
}
