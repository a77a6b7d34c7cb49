//! [`ScriptedServer`]: records every request and answers from a script of [`Reply`]s.

use std::net::{Ipv4Addr, TcpListener};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderName, HeaderValue, Request, Response, StatusCode};
use http_body_util::Full;

use crate::server::{FullResponse, Handler, LoopbackServer, plain_text};

/// One scripted answer: status, headers, body and an optional delay before answering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// HTTP status code.
    pub status: u16,
    /// Response headers, sent in this order.
    pub headers: Vec<(String, String)>,
    /// Response body.
    pub body: Vec<u8>,
    /// How long to wait (after recording the request) before answering.
    pub delay: Option<Duration>,
}

impl Reply {
    /// An empty reply with `status`.
    pub fn new(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: None,
        }
    }

    /// A reply with `status`, `body` serialized as JSON and `content-type: application/json`.
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Self::new(status)
            .header("content-type", "application/json")
            .body(body.to_string())
    }

    /// Adds a response header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Replaces the response body.
    pub fn body(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.body = bytes.into();
        self
    }

    /// Waits `delay` before answering (to exercise client timeouts).
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }

    /// Converts to an HTTP response; an invalid status or header becomes a `500` that says why.
    fn to_response(&self) -> FullResponse {
        let Ok(status) = StatusCode::from_u16(self.status) else {
            return script_error(format!("invalid status {}", self.status));
        };
        let mut response = Response::new(Full::new(Bytes::from(self.body.clone())));
        *response.status_mut() = status;
        for (name, value) in &self.headers {
            let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) else {
                return script_error(format!("invalid header {name:?}: {value:?}"));
            };
            response.headers_mut().append(name, value);
        }
        response
    }
}

/// A request as the server received it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    /// HTTP method, e.g. `POST`.
    pub method: String,
    /// Path, still percent-encoded, e.g. `/meetings/abc/attendees`.
    pub path: String,
    /// Raw query string without the `?`, if any.
    pub query: Option<String>,
    /// Headers with lower-case names, in arrival order (repeated names grouped at their
    /// first occurrence). Non-UTF-8 values are decoded lossily.
    pub headers: Vec<(String, String)>,
    /// Request body.
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// The first value of header `name` (case-insensitive), if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(candidate, _)| candidate.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The path followed by `?query` when there is a query: the request target as sent.
    pub fn path_and_query(&self) -> String {
        match &self.query {
            Some(query) => format!("{}?{query}", self.path),
            None => self.path.clone(),
        }
    }

    /// The body parsed as JSON.
    ///
    /// # Panics
    /// If the body is not JSON, with the body in the message.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "{} {} body is not JSON ({error}): {:?}",
                self.method,
                self.path,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// Records the parts of a received request.
    pub(crate) fn from_http(request: &Request<Bytes>) -> Self {
        Self {
            method: request.method().as_str().to_owned(),
            path: request.uri().path().to_owned(),
            query: request.uri().query().map(str::to_owned),
            headers: request
                .headers()
                .iter()
                .map(|(name, value)| {
                    let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                    (name.as_str().to_owned(), value)
                })
                .collect(),
            body: request.body().to_vec(),
        }
    }
}

/// A loopback server that records every request and answers from a script.
///
/// Replies are used in order; once the script runs out the last reply is repeated.
/// Dropping the server shuts it down.
#[derive(Debug)]
pub struct ScriptedServer {
    server: LoopbackServer,
    state: Arc<Script>,
}

impl ScriptedServer {
    /// Starts a server answering with `script` on an ephemeral 127.0.0.1 port.
    ///
    /// An empty script answers every request with `500` and an explanation.
    pub async fn start(script: Vec<Reply>) -> ScriptedServer {
        let state = Arc::new(Script {
            inner: Mutex::new(ScriptState {
                replies: script,
                next: 0,
                requests: Vec::new(),
            }),
        });
        let server = LoopbackServer::start(Arc::clone(&state)).await;
        ScriptedServer { server, state }
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state.lock().requests.clone()
    }

    /// How many requests have been received so far.
    pub fn request_count(&self) -> usize {
        self.state.lock().requests.len()
    }
}

/// The shared state of a [`ScriptedServer`]; also its request handler.
#[derive(Debug)]
struct Script {
    inner: Mutex<ScriptState>,
}

#[derive(Debug)]
struct ScriptState {
    replies: Vec<Reply>,
    next: usize,
    requests: Vec<RecordedRequest>,
}

impl Script {
    fn lock(&self) -> MutexGuard<'_, ScriptState> {
        // Nothing can leave the state half-updated, so a poisoned lock is still usable.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records `request` and picks the reply for it.
    fn record(&self, request: RecordedRequest) -> Option<Reply> {
        let mut state = self.lock();
        state.requests.push(request);
        let index = state.next.min(state.replies.len().checked_sub(1)?);
        state.next += 1;
        Some(state.replies[index].clone())
    }
}

impl Handler for Script {
    async fn handle(&self, request: Request<Bytes>) -> FullResponse {
        let Some(reply) = self.record(RecordedRequest::from_http(&request)) else {
            return script_error("the script is empty".to_owned());
        };
        if let Some(delay) = reply.delay {
            tokio::time::sleep(delay).await;
        }
        reply.to_response()
    }
}

fn script_error(message: String) -> FullResponse {
    plain_text(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("ScriptedServer: {message}"),
    )
}

/// A URL on 127.0.0.1 where nothing listens (for connection-refused tests).
///
/// Binds an ephemeral port, reads it and releases it again.
///
/// # Panics
/// If no loopback port can be bound.
pub fn unused_local_url() -> String {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .expect("cannot bind a loopback port on 127.0.0.1");
    let port = listener
        .local_addr()
        .expect("a bound listener has a local address")
        .port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_http;
    use serde_json::json;
    use std::time::Instant;

    #[tokio::test(flavor = "multi_thread")]
    async fn replies_in_order_then_repeats_the_last() {
        let server = ScriptedServer::start(vec![
            Reply::new(503).header("retry-after", "1"),
            Reply::json(200, &json!({"ok": true})),
        ])
        .await;
        let first = test_http::send(&server.url(), "GET", "/a", &[], b"").await;
        let second = test_http::send(&server.url(), "GET", "/b", &[], b"").await;
        let third = test_http::send(&server.url(), "GET", "/c", &[], b"").await;
        assert_eq!(first.status, 503);
        assert_eq!(first.header("retry-after"), Some("1"));
        assert_eq!(second.status, 200);
        assert_eq!(second.header("content-type"), Some("application/json"));
        assert_eq!(second.json(), json!({"ok": true}));
        assert_eq!(third.status, 200);
        assert_eq!(third.json(), json!({"ok": true}));
        assert_eq!(server.request_count(), 3);
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn records_method_path_query_headers_and_body() {
        let server = ScriptedServer::start(vec![Reply::new(204)]).await;
        let response = test_http::send(
            &server.url(),
            "POST",
            "/meetings/m-1/attendees?operation=batch-create",
            &[("X-Custom", "one"), ("content-type", "application/json")],
            br#"{"Attendees":[]}"#,
        )
        .await;
        assert_eq!(response.status, 204);
        let requests = server.requests();
        assert_eq!(requests.len(), 1);
        let request = &requests[0];
        assert_eq!(request.method, "POST");
        assert_eq!(request.path, "/meetings/m-1/attendees");
        assert_eq!(request.query.as_deref(), Some("operation=batch-create"));
        assert_eq!(
            request.path_and_query(),
            "/meetings/m-1/attendees?operation=batch-create"
        );
        assert_eq!(request.header("x-custom"), Some("one"));
        assert_eq!(request.header("X-CUSTOM"), Some("one"));
        assert!(request.headers.iter().any(|(name, _)| name == "x-custom"));
        let names: Vec<&str> = request.headers.iter().map(|(n, _)| n.as_str()).collect();
        let custom = names.iter().position(|n| *n == "x-custom").unwrap();
        let content_type = names.iter().position(|n| *n == "content-type").unwrap();
        assert!(custom < content_type, "arrival order kept: {names:?}");
        assert_eq!(request.json(), json!({"Attendees": []}));
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn delay_records_first_then_answers_late() {
        let server =
            ScriptedServer::start(vec![Reply::new(200).delay(Duration::from_millis(300))]).await;
        let url = server.url();
        let started = Instant::now();
        let pending =
            tokio::spawn(async move { test_http::send(&url, "GET", "/", &[], b"").await });
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(server.request_count(), 1, "recorded before the delay");
        assert_eq!(pending.await.unwrap().status, 200);
        assert!(started.elapsed() >= Duration::from_millis(300));
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn keep_alive_serves_several_requests_on_one_connection() {
        let server = ScriptedServer::start(vec![Reply::new(200).body("hi")]).await;
        let responses = test_http::send_on_one_connection(
            &server.url(),
            vec![("GET", "/1"), ("GET", "/2"), ("GET", "/3")],
        )
        .await;
        assert_eq!(responses.len(), 3);
        assert!(responses.iter().all(|r| r.status == 200 && r.body == b"hi"));
        assert_eq!(server.request_count(), 3);
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn bad_scripts_answer_500_instead_of_panicking() {
        let empty = ScriptedServer::start(Vec::new()).await;
        let response = test_http::send(&empty.url(), "GET", "/", &[], b"").await;
        assert_eq!(response.status, 500);
        assert_eq!(empty.request_count(), 1);

        let bad_header = ScriptedServer::start(vec![Reply::new(200).header("bad name", "x")]).await;
        let response = test_http::send(&bad_header.url(), "GET", "/", &[], b"").await;
        assert_eq!(response.status, 500);

        let bad_status = ScriptedServer::start(vec![Reply::new(1000)]).await;
        let response = test_http::send(&bad_status.url(), "GET", "/", &[], b"").await;
        assert_eq!(response.status, 500);
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn dropping_the_server_closes_the_port() {
        let server = ScriptedServer::start(vec![Reply::new(200)]).await;
        let url = server.url();
        drop(server);
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(test_http::try_connect(&url).await.is_err());
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn unused_local_url_refuses_connections() {
        let url = unused_local_url();
        assert!(url.starts_with("http://127.0.0.1:"));
        assert!(test_http::try_connect(&url).await.is_err());
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn recorded_requests_can_be_signature_checked() {
        use crate::sigv4_check::{SigV4Verifier, test_signing::sign_request};
        let server = ScriptedServer::start(vec![Reply::new(201)]).await;
        let url = server.url();
        let target = "/meetings/m/attendees?operation=batch-create";
        let body = br#"{"Attendees":[]}"#;
        let headers = sign_request(
            ("AKID", "SECRET"),
            ("us-east-1", "chime"),
            std::time::SystemTime::now(),
            "POST",
            test_http::authority(&url),
            target,
            &[("content-type", "application/json")],
            body,
        );
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        test_http::send(&url, "POST", target, &headers, body).await;
        let verifier = SigV4Verifier::new("AKID", "SECRET", "us-east-1", "chime");
        assert_eq!(verifier.verify_recorded(&server.requests()[0]), Ok(()));
    }

    #[test]
    #[should_panic(expected = "body is not JSON")]
    fn json_panics_with_a_clear_message() {
        let request = RecordedRequest {
            method: "POST".into(),
            path: "/".into(),
            query: None,
            headers: Vec::new(),
            body: b"not json".to_vec(),
        };
        request.json();
    }
}
