//! The loopback DynamoDB endpoint's answers, without I/O: canned `GetItem` and `Query`
//! replies in awsJson1_0, computed once.

use bytes::Bytes;
use http::{HeaderValue, StatusCode};
use serde::Deserialize;

use crate::workload::{self, TABLE_NAME};

/// The `X-Amz-Target` prefix of DynamoDB's operations.
const TARGET_PREFIX: &str = "DynamoDB_20120810.";

/// What the endpoint answers: a status and an awsJson1_0 body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The HTTP status.
    pub status: StatusCode,
    /// The JSON body (errors carry `__type`).
    pub body: Bytes,
}

impl Answer {
    /// The HTTP response carrying this answer, as the endpoint sends it: an awsJson1_0
    /// content type and the request id (`x-amzn-RequestId`) the SDKs read.
    pub fn into_response(self, request_id: &str) -> http::Response<Bytes> {
        let mut response = http::Response::new(self.body);
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-amz-json-1.0"),
        );
        if let Ok(id) = HeaderValue::try_from(request_id) {
            headers.insert("x-amzn-RequestId", id);
        }
        response
    }

    fn error(status: StatusCode, error_type: &str, message: &str) -> Self {
        let body = serde_json::json!({
            "__type": format!("com.amazonaws.dynamodb.v20120810#{error_type}"),
            "message": message,
        });
        Self {
            status,
            body: Bytes::from(body.to_string()),
        }
    }
}

/// Answers `GetItem` and `Query` on [`TABLE_NAME`] with the same canned replies every time.
#[derive(Debug)]
pub struct Responder {
    get_item: Bytes,
    query: Bytes,
}

impl Responder {
    /// Serialises the replies once; a Query page holds `page` items.
    pub fn new(page: usize) -> Self {
        Self {
            get_item: Bytes::from(workload::get_item_reply().to_string()),
            query: Bytes::from(workload::query_reply(page).to_string()),
        }
    }

    /// The `n`th request's id (`x-amzn-RequestId`), unique per endpoint.
    pub fn request_id(n: u64) -> String {
        format!("5eed0000-0000-4000-8000-{n:012x}")
    }

    /// The reply to a request with this `X-Amz-Target` and body.
    pub fn answer(&self, target: Option<&str>, body: &[u8]) -> Answer {
        let reply = match target.and_then(|t| t.strip_prefix(TARGET_PREFIX)) {
            Some("GetItem") => &self.get_item,
            Some("Query") => &self.query,
            _ => {
                return Answer::error(
                    StatusCode::BAD_REQUEST,
                    "UnknownOperationException",
                    "only GetItem and Query are served here",
                );
            }
        };
        match serde_json::from_slice::<TableRequest<'_>>(body) {
            Ok(request) if request.table_name == TABLE_NAME => Answer {
                status: StatusCode::OK,
                body: reply.clone(),
            },
            Ok(_) => Answer::error(
                StatusCode::BAD_REQUEST,
                "ResourceNotFoundException",
                "Requested resource not found",
            ),
            Err(error) => Answer::error(
                StatusCode::BAD_REQUEST,
                "SerializationException",
                &error.to_string(),
            ),
        }
    }
}

/// The one field of a request the endpoint looks at.
#[derive(Deserialize)]
struct TableRequest<'a> {
    #[serde(rename = "TableName", borrow)]
    table_name: std::borrow::Cow<'a, str>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn body(table: &str) -> Vec<u8> {
        serde_json::json!({"TableName": table, "Key": workload::key(0)})
            .to_string()
            .into_bytes()
    }

    #[test]
    fn serves_the_canned_replies_by_target() {
        let responder = Responder::new(25);
        let get = responder.answer(Some("DynamoDB_20120810.GetItem"), &body(TABLE_NAME));
        assert_eq!(get.status, StatusCode::OK);
        let item: Value = serde_json::from_slice(&get.body).unwrap();
        assert_eq!(item["Item"]["sk"]["N"], "1");
        let query = responder.answer(Some("DynamoDB_20120810.Query"), &body(TABLE_NAME));
        let page: Value = serde_json::from_slice(&query.body).unwrap();
        assert_eq!(page["Items"].as_array().unwrap().len(), 25);
    }

    #[test]
    fn answers_become_responses_with_the_sdk_headers() {
        let responder = Responder::new(1);
        let answer = responder.answer(Some("DynamoDB_20120810.GetItem"), &body(TABLE_NAME));
        let expected_body = answer.body.clone();
        let response = answer.into_response(&Responder::request_id(26));
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()["content-type"],
            "application/x-amz-json-1.0"
        );
        assert_eq!(
            response.headers()["x-amzn-requestid"],
            "5eed0000-0000-4000-8000-00000000001a"
        );
        assert_eq!(response.body(), &expected_body);
    }

    #[test]
    fn bad_requests_get_typed_errors() {
        let responder = Responder::new(1);
        let cases = [
            (
                Some("DynamoDB_20120810.PutItem"),
                body(TABLE_NAME),
                "UnknownOperationException",
            ),
            (None, body(TABLE_NAME), "UnknownOperationException"),
            (
                Some("DynamoDB_20120810.GetItem"),
                body("other"),
                "ResourceNotFoundException",
            ),
            (
                Some("DynamoDB_20120810.Query"),
                b"{".to_vec(),
                "SerializationException",
            ),
            (
                Some("DynamoDB_20120810.Query"),
                b"{}".to_vec(),
                "SerializationException",
            ),
        ];
        for (target, body, expected) in cases {
            let answer = responder.answer(target, &body);
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{target:?}");
            let reply: Value = serde_json::from_slice(&answer.body).unwrap();
            assert!(
                reply["__type"].as_str().unwrap().ends_with(expected),
                "{target:?}: {reply}"
            );
        }
    }
}
