//! Turning one request into one reply, without I/O.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use http::{Method, StatusCode, Uri};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::workload::MAX_ATTENDEES;

/// What the endpoint answers: status, modeled error type (for errors) and JSON body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The HTTP status.
    pub status: StatusCode,
    /// `x-amzn-ErrorType` for error replies.
    pub error_type: Option<&'static str>,
    /// The JSON body.
    pub body: Bytes,
}

impl Answer {
    fn error(status: StatusCode, error_type: &'static str, message: &str) -> Self {
        let body = serde_json::json!({ "Code": error_type, "Message": message });
        Self {
            status,
            error_type: Some(error_type),
            body: Bytes::from(body.to_string()),
        }
    }
}

/// Answers `BatchCreateAttendee` with precomputed attendee ids and join tokens.
#[derive(Debug)]
pub struct Responder {
    attendee_ids: Vec<String>,
    join_tokens: Vec<String>,
    requests: AtomicU64,
}

impl Default for Responder {
    fn default() -> Self {
        Self::new()
    }
}

impl Responder {
    /// Computes the ids and tokens of [`MAX_ATTENDEES`] attendees.
    pub fn new() -> Self {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            // xorshift64*: deterministic, good enough for ids that only need to look real.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_f491_4f6c_dd1d)
        };
        let attendee_ids = (0..MAX_ATTENDEES).map(|_| guid(next(), next())).collect();
        let join_tokens = (0..MAX_ATTENDEES).map(|_| join_token(&mut next)).collect();
        Self {
            attendee_ids,
            join_tokens,
            requests: AtomicU64::new(0),
        }
    }

    /// A fresh request id (`x-amzn-RequestId`).
    pub fn request_id(&self) -> String {
        let n = self.requests.fetch_add(1, Ordering::Relaxed);
        guid(0x5eed_0000_0000_0000, n)
    }

    /// The reply to a request with this method, URI and body.
    pub fn answer(&self, method: &Method, uri: &Uri, body: &[u8]) -> Answer {
        if method != Method::POST || !is_batch_create_attendee(uri) {
            return Answer::error(
                StatusCode::NOT_FOUND,
                "NotFoundException",
                "only BatchCreateAttendee is served here",
            );
        }
        match self.created(body) {
            Ok(body) => Answer {
                status: StatusCode::OK,
                error_type: None,
                body,
            },
            Err(message) => Answer::error(StatusCode::BAD_REQUEST, "BadRequestException", &message),
        }
    }

    /// The 200 reply body for a request body: every attendee created, none failed.
    pub fn created(&self, body: &[u8]) -> Result<Bytes, String> {
        let request: BatchCreateAttendeeRequest<'_> =
            serde_json::from_slice(body).map_err(|error| format!("malformed request: {error}"))?;
        let count = request.attendees.len();
        if !(1..=MAX_ATTENDEES).contains(&count) {
            return Err(format!(
                "Attendees must have 1 to {MAX_ATTENDEES} items, not {count}"
            ));
        }
        let attendees = request
            .attendees
            .iter()
            .zip(self.attendee_ids.iter().zip(&self.join_tokens))
            .map(|(item, (id, token))| Attendee {
                external_user_id: &item.external_user_id,
                attendee_id: id,
                join_token: token,
                capabilities: item.capabilities,
            })
            .collect();
        let reply = BatchCreateAttendeeResponse {
            attendees,
            errors: [],
        };
        serde_json::to_vec(&reply)
            .map(Bytes::from)
            .map_err(|error| format!("cannot write the reply: {error}"))
    }
}

/// `/meetings/{MeetingId}/attendees` with `operation=batch-create` in the query.
fn is_batch_create_attendee(uri: &Uri) -> bool {
    let path_matches = uri
        .path()
        .strip_prefix("/meetings/")
        .and_then(|rest| rest.strip_suffix("/attendees"))
        .is_some_and(|id| !id.is_empty() && !id.contains('/'));
    let query_matches = uri.query().is_some_and(|query| {
        query
            .split('&')
            .any(|pair| pair == "operation=batch-create")
    });
    path_matches && query_matches
}

/// A GUID-shaped string (version 4 layout) from two random words.
fn guid(a: u64, b: u64) -> String {
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        (b >> 48) & 0xfff,
        b & 0xffff_ffff_ffff
    )
}

/// A base64-alphabet join token of 92 characters, like the service's.
fn join_token(next: &mut impl FnMut() -> u64) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    (0..92)
        .map(|_| char::from(ALPHABET[(next() % 64) as usize]))
        .collect()
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct BatchCreateAttendeeRequest<'a> {
    #[serde(borrow)]
    attendees: Vec<CreateAttendeeRequestItem<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CreateAttendeeRequestItem<'a> {
    #[serde(borrow)]
    external_user_id: Cow<'a, str>,
    #[serde(borrow, default)]
    capabilities: Option<&'a RawValue>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct BatchCreateAttendeeResponse<'a> {
    attendees: Vec<Attendee<'a>>,
    errors: [(); 0],
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Attendee<'a> {
    attendee_id: &'a str,
    external_user_id: &'a str,
    join_token: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    capabilities: Option<&'a RawValue>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn uri(text: &str) -> Uri {
        text.parse().unwrap()
    }

    const ROUTE: &str =
        "/meetings/8f2a1c3e-5b6d-4e7f-9a0b-1c2d3e4f5a6b/attendees?operation=batch-create";

    #[test]
    fn echoes_every_attendee_with_an_id_and_a_token() {
        let responder = Responder::new();
        let body = json!({"Attendees": [
            {"ExternalUserId": "ada\"@example.com"},
            {"ExternalUserId": "grace", "Capabilities": {"Audio": "SendReceive", "Video": "None", "Content": "Receive"}}
        ]});
        let answer = responder.answer(&Method::POST, &uri(ROUTE), body.to_string().as_bytes());
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.error_type, None);
        let reply: Value = serde_json::from_slice(&answer.body).unwrap();
        assert_eq!(reply["Errors"], json!([]));
        let attendees = reply["Attendees"].as_array().unwrap();
        assert_eq!(attendees.len(), 2);
        assert_eq!(attendees[0]["ExternalUserId"], "ada\"@example.com");
        assert_eq!(attendees[1]["Capabilities"]["Content"], "Receive");
        assert_eq!(attendees[0].get("Capabilities"), None);
        let id = attendees[0]["AttendeeId"].as_str().unwrap();
        assert_eq!(id.len(), 36);
        assert!(
            id.chars().all(|c| c == '-' || c.is_ascii_hexdigit()),
            "{id}"
        );
        assert_eq!(attendees[1]["JoinToken"].as_str().unwrap().len(), 92);
        assert_ne!(attendees[0]["AttendeeId"], attendees[1]["AttendeeId"]);
    }

    #[test]
    fn bad_bodies_are_bad_requests() {
        let responder = Responder::new();
        let too_many = json!({"Attendees": vec![json!({"ExternalUserId": "x"}); 101]}).to_string();
        for body in [
            "",
            "{",
            "{\"Attendees\": 3}",
            "{\"Attendees\": []}",
            too_many.as_str(),
        ] {
            let answer = responder.answer(&Method::POST, &uri(ROUTE), body.as_bytes());
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}");
            assert_eq!(answer.error_type, Some("BadRequestException"));
            let reply: Value = serde_json::from_slice(&answer.body).unwrap();
            assert!(reply["Message"].is_string());
        }
    }

    #[test]
    fn other_routes_are_not_found() {
        let responder = Responder::new();
        for (method, target) in [
            (Method::GET, ROUTE),
            (Method::POST, "/meetings/m/attendees"),
            (Method::POST, "/meetings//attendees?operation=batch-create"),
            (
                Method::POST,
                "/meetings/a/b/attendees?operation=batch-create",
            ),
            (Method::POST, "/"),
        ] {
            let answer = responder.answer(&method, &uri(target), b"{}");
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{method} {target}");
        }
    }

    #[test]
    fn request_ids_are_unique() {
        let responder = Responder::new();
        assert_ne!(responder.request_id(), responder.request_id());
    }
}
