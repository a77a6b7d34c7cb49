//! [`ChimeEndpoint`]: an in-memory Amazon Chime endpoint serving `BatchCreateAttendee`.
//!
//! It behaves like the legacy Chime service for that one operation:
//!
//! * `POST /meetings/{MeetingId}/attendees?operation=batch-create` with
//!   `{"Attendees":[{"ExternalUserId":…,"Tags":[{"Key":…,"Value":…}]}]}`;
//! * success is `201` with `{"Attendees":[…],"Errors":[…]}`: per-attendee failures
//!   (`Conflict` for an id already in the meeting, `BadRequest` for an id repeated in the
//!   batch, `ResourceLimitExceeded` past 250 attendees) do not fail the request;
//! * whole-request failures carry `x-amzn-ErrorType` and `{"Code":…,"Message":…}`:
//!   `400 BadRequestException` for malformed or invalid input or an unknown route,
//!   `404 NotFoundException` for an unknown meeting, and, when started with credentials,
//!   `401 UnauthorizedClientException` / `403 ForbiddenException` for missing or bad
//!   SigV4 signatures;
//! * every response carries `x-amzn-RequestId`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bytes::Bytes;
use http::{Method, Request, StatusCode};
use serde_json::{Value, json};

use crate::chime_errors::{ServiceError, json_response};
use crate::chime_input;
use crate::chime_meetings::{Meetings, Outcome};
use crate::ids;
use crate::server::{FullResponse, Handler, LoopbackServer};
use crate::sigv4_check::{SigV4Error, SigV4Verifier};

/// The SigV4 signing name of Amazon Chime.
const SIGNING_NAME: &str = "chime";

/// An in-memory Amazon Chime endpoint on an ephemeral 127.0.0.1 port.
///
/// Dropping it shuts the server down.
#[derive(Debug)]
pub struct ChimeEndpoint {
    server: LoopbackServer,
    service: Arc<ChimeService>,
}

impl ChimeEndpoint {
    /// Starts an endpoint that accepts unsigned (and any signed) requests.
    pub async fn start() -> ChimeEndpoint {
        Self::start_service(ChimeService::new(None)).await
    }

    /// Starts an endpoint that requires every request to be SigV4-signed with these
    /// credentials for service `chime` in `region`.
    pub async fn start_with_credentials(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        region: impl Into<String>,
    ) -> ChimeEndpoint {
        let verifier = SigV4Verifier::new(access_key_id, secret_access_key, region, SIGNING_NAME);
        Self::start_service(ChimeService::new(Some(verifier))).await
    }

    async fn start_service(service: ChimeService) -> ChimeEndpoint {
        let service = Arc::new(service);
        let server = LoopbackServer::start(Arc::clone(&service)).await;
        ChimeEndpoint { server, service }
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// Registers a new meeting and returns its `MeetingId` (a lower-case GUID).
    pub fn create_meeting(&self) -> String {
        self.service.meetings.create()
    }

    /// `(ExternalUserId, AttendeeId)` of every attendee of the meeting, oldest first;
    /// empty for an unknown meeting.
    pub fn attendees(&self, meeting_id: &str) -> Vec<(String, String)> {
        self.service.meetings.attendees(meeting_id)
    }

    /// How many HTTP requests the endpoint has received, rejected ones included.
    pub fn request_count(&self) -> usize {
        self.service.requests.load(Ordering::SeqCst)
    }
}

/// The endpoint's state and request handling.
#[derive(Debug)]
struct ChimeService {
    meetings: Meetings,
    verifier: Option<SigV4Verifier>,
    requests: AtomicUsize,
}

impl Handler for ChimeService {
    async fn handle(&self, request: Request<Bytes>) -> FullResponse {
        self.respond(&request)
    }
}

impl ChimeService {
    fn new(verifier: Option<SigV4Verifier>) -> Self {
        Self {
            meetings: Meetings::default(),
            verifier,
            requests: AtomicUsize::new(0),
        }
    }

    fn respond(&self, request: &Request<Bytes>) -> FullResponse {
        self.requests.fetch_add(1, Ordering::SeqCst);
        let request_id = ids::guid();
        match self.batch_create_attendee(request) {
            Ok(body) => json_response(StatusCode::CREATED, &request_id, &body),
            Err(error) => error.into_response(&request_id),
        }
    }

    /// Authenticates, routes, validates and applies one request.
    fn batch_create_attendee(&self, request: &Request<Bytes>) -> Result<Value, ServiceError> {
        self.authenticate(request)?;
        let meeting_id = route(request)?;
        let attendees = chime_input::batch_create_attendee(meeting_id, request.body())?;
        let outcomes = self
            .meetings
            .batch_create(meeting_id, &attendees)
            .ok_or_else(|| {
                ServiceError::not_found(format!("The meeting {meeting_id} does not exist."))
            })?;
        Ok(render(&outcomes))
    }

    fn authenticate(&self, request: &Request<Bytes>) -> Result<(), ServiceError> {
        let Some(verifier) = &self.verifier else {
            return Ok(());
        };
        let headers: Vec<(String, String)> = request
            .headers()
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_owned(), value)
            })
            .collect();
        let target = request
            .uri()
            .path_and_query()
            .map_or("/", |target| target.as_str());
        verifier
            .verify(request.method().as_str(), target, &headers, request.body())
            .map_err(|error| match error {
                SigV4Error::MissingAuthorization => ServiceError::unauthorized(error.to_string()),
                other => ServiceError::forbidden(other.to_string()),
            })
    }
}

/// The `MeetingId` of a `BatchCreateAttendee` request; any other request is a bad request.
fn route(request: &Request<Bytes>) -> Result<&str, ServiceError> {
    let uri = request.uri();
    let no_route = || {
        ServiceError::bad_request(format!(
            "No operation matches {} {}; the only operation is BatchCreateAttendee: \
             POST /meetings/{{MeetingId}}/attendees?operation=batch-create",
            request.method(),
            uri.path_and_query().map_or("/", |target| target.as_str())
        ))
    };
    let batch_create = uri.query().is_some_and(|query| {
        query
            .split('&')
            .any(|pair| pair == "operation=batch-create")
    });
    if request.method() != Method::POST || !batch_create {
        return Err(no_route());
    }
    match uri.path().split('/').collect::<Vec<_>>()[..] {
        ["", "meetings", meeting_id, "attendees"] if !meeting_id.is_empty() => Ok(meeting_id),
        _ => Err(no_route()),
    }
}

/// The `BatchCreateAttendeeResponse` body.
fn render(outcomes: &[Outcome]) -> Value {
    let mut attendees = Vec::new();
    let mut errors = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Created(attendee) => attendees.push(json!({
                "ExternalUserId": attendee.external_user_id,
                "AttendeeId": attendee.attendee_id,
                "JoinToken": attendee.join_token,
            })),
            Outcome::Failed {
                external_user_id,
                error_code,
                error_message,
            } => errors.push(json!({
                "ExternalUserId": external_user_id,
                "ErrorCode": error_code,
                "ErrorMessage": error_message,
            })),
        }
    }
    json!({ "Attendees": attendees, "Errors": errors })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sigv4_check::test_signing::sign_request;
    use crate::test_http::{self, RawResponse, authority};
    use std::time::SystemTime;

    const AKID: &str = "AKIDEXAMPLE";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    const REGION: &str = "us-east-1";

    fn target(meeting_id: &str) -> String {
        format!("/meetings/{meeting_id}/attendees?operation=batch-create")
    }

    fn body(external_user_ids: &[&str]) -> Vec<u8> {
        let attendees: Vec<Value> = external_user_ids
            .iter()
            .map(|id| json!({ "ExternalUserId": id, "Tags": [{ "Key": "team", "Value": "blue" }] }))
            .collect();
        json!({ "Attendees": attendees }).to_string().into_bytes()
    }

    async fn post(endpoint: &ChimeEndpoint, target: &str, body: &[u8]) -> RawResponse {
        let headers = [("content-type", "application/json")];
        test_http::send(&endpoint.url(), "POST", target, &headers, body).await
    }

    /// Sends `sent_body` signed as if it were `signed_body`.
    async fn post_signed(
        endpoint: &ChimeEndpoint,
        (akid, secret, region): (&str, &str, &str),
        target: &str,
        signed_body: &[u8],
        sent_body: &[u8],
    ) -> RawResponse {
        let url = endpoint.url();
        let headers = sign_request(
            (akid, secret),
            (region, "chime"),
            SystemTime::now(),
            "POST",
            authority(&url),
            target,
            &[("content-type", "application/json")],
            signed_body,
        );
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        test_http::send(&url, "POST", target, &headers, sent_body).await
    }

    fn assert_service_error(response: &RawResponse, status: u16, error_type: &str, code: &str) {
        assert_eq!(response.status, status, "{response:?}");
        assert_eq!(response.header("x-amzn-errortype"), Some(error_type));
        assert_eq!(response.header("content-type"), Some("application/json"));
        assert!(
            response
                .header("x-amzn-requestid")
                .is_some_and(ids::is_guid)
        );
        let body = response.json();
        assert_eq!(body["Code"], code, "{body}");
        assert!(
            body["Message"].as_str().is_some_and(|m| !m.is_empty()),
            "{body}"
        );
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn batch_create_attendee_creates_attendees() {
        let endpoint = ChimeEndpoint::start().await;
        let meeting = endpoint.create_meeting();
        assert!(ids::is_guid(&meeting));

        let response = post(&endpoint, &target(&meeting), &body(&["alice", "bob"])).await;

        assert_eq!(response.status, 201, "{response:?}");
        assert_eq!(response.header("content-type"), Some("application/json"));
        assert!(
            response
                .header("x-amzn-requestid")
                .is_some_and(ids::is_guid)
        );
        assert_eq!(response.header("x-amzn-errortype"), None);
        let body = response.json();
        assert_eq!(body["Errors"], json!([]));
        let attendees = body["Attendees"].as_array().unwrap();
        assert_eq!(attendees.len(), 2);
        for (attendee, external_id) in attendees.iter().zip(["alice", "bob"]) {
            assert_eq!(attendee["ExternalUserId"], external_id);
            let attendee_id = attendee["AttendeeId"].as_str().unwrap();
            assert!(ids::is_guid(attendee_id) && attendee_id == attendee_id.to_lowercase());
            let token = attendee["JoinToken"].as_str().unwrap();
            assert!((44..=88).contains(&token.len()), "{token}");
            assert!(
                token
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
            );
        }
        let stored = endpoint.attendees(&meeting);
        assert_eq!(
            stored,
            attendees
                .iter()
                .map(|a| (
                    a["ExternalUserId"].as_str().unwrap().to_owned(),
                    a["AttendeeId"].as_str().unwrap().to_owned()
                ))
                .collect::<Vec<_>>()
        );
        assert_eq!(endpoint.request_count(), 1);
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn duplicates_become_per_attendee_errors() {
        let endpoint = ChimeEndpoint::start().await;
        let meeting = endpoint.create_meeting();
        post(&endpoint, &target(&meeting), &body(&["alice"])).await;

        let response = post(
            &endpoint,
            &target(&meeting),
            &body(&["alice", "carol", "carol"]),
        )
        .await;

        assert_eq!(response.status, 201);
        let body = response.json();
        assert_eq!(body["Attendees"].as_array().unwrap().len(), 1);
        assert_eq!(body["Attendees"][0]["ExternalUserId"], "carol");
        let errors = body["Errors"].as_array().unwrap();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0]["ExternalUserId"], "alice");
        assert_eq!(errors[0]["ErrorCode"], "Conflict");
        assert_eq!(errors[1]["ExternalUserId"], "carol");
        assert_eq!(errors[1]["ErrorCode"], "BadRequest");
        assert!(
            errors
                .iter()
                .all(|e| e["ErrorMessage"].as_str().is_some_and(|m| m.ends_with('.')))
        );
        let names: Vec<String> = endpoint
            .attendees(&meeting)
            .into_iter()
            .map(|a| a.0)
            .collect();
        assert_eq!(names, ["alice", "carol"]);
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn concurrent_batches_respect_the_attendee_limit() {
        let endpoint = Arc::new(ChimeEndpoint::start().await);
        let meeting = endpoint.create_meeting();
        let batches = (0..3).map(|batch| {
            let (endpoint, meeting) = (Arc::clone(&endpoint), meeting.clone());
            tokio::spawn(async move {
                let ids: Vec<String> = (0..100).map(|i| format!("user-{batch}-{i}")).collect();
                let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                post(&endpoint, &target(&meeting), &body(&ids)).await.json()
            })
        });
        let mut created = 0;
        let mut limited = 0;
        for batch in batches.collect::<Vec<_>>() {
            let body = batch.await.unwrap();
            created += body["Attendees"].as_array().unwrap().len();
            let errors = body["Errors"].as_array().unwrap();
            assert!(
                errors
                    .iter()
                    .all(|e| e["ErrorCode"] == "ResourceLimitExceeded")
            );
            limited += errors.len();
        }
        assert_eq!((created, limited), (250, 50));
        assert_eq!(
            endpoint.attendees(&meeting).len(),
            crate::MAX_ATTENDEES_PER_MEETING
        );
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn unknown_meeting_is_not_found() {
        let endpoint = ChimeEndpoint::start().await;
        let meeting = ids::guid();

        let response = post(&endpoint, &target(&meeting), &body(&["alice"])).await;

        assert_service_error(
            &response,
            404,
            "NotFoundException:http://internal.amazon.com/coral/com.amazonaws.chime/",
            "NotFound",
        );
        assert_eq!(
            response.json()["Message"],
            format!("The meeting {meeting} does not exist.")
        );
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn bad_requests_are_bad_request_exceptions() {
        let endpoint = ChimeEndpoint::start().await;
        let meeting = endpoint.create_meeting();
        let valid = body(&["alice"]);
        let wrong_query = format!("/meetings/{meeting}/attendees?operation=batch-delete");
        let no_query = format!("/meetings/{meeting}/attendees");
        let extra_segment = format!("/meetings/{meeting}/attendees/x?operation=batch-create");
        for (method, target, body) in [
            ("POST", target(&meeting), &b"{not json"[..]),
            ("POST", target(&meeting), b"{}"),
            (
                "POST",
                target(&meeting),
                br#"{"Attendees":[{"ExternalUserId":"a"}]}"#,
            ),
            ("POST", target(&meeting), br#"{"Attendees":[]}"#),
            ("POST", target("not-a-guid"), &valid),
            ("GET", target(&meeting), b""),
            ("PUT", target(&meeting), &valid),
            ("POST", wrong_query, &valid),
            ("POST", no_query, &valid),
            ("POST", extra_segment, &valid),
            ("POST", "/".to_owned(), &valid),
            (
                "POST",
                "/meetings//attendees?operation=batch-create".to_owned(),
                &valid,
            ),
        ] {
            let response = test_http::send(&endpoint.url(), method, &target, &[], body).await;
            assert_service_error(&response, 400, "BadRequestException", "BadRequest");
        }
        assert!(endpoint.attendees(&meeting).is_empty());
        assert_eq!(endpoint.request_count(), 12);
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn malformed_http_does_not_take_the_endpoint_down() {
        let endpoint = ChimeEndpoint::start().await;
        let response =
            test_http::send_raw(&endpoint.url(), b"\x00\x01 nonsense\r\n\r\n".to_vec()).await;
        assert_eq!(response.status, 400);
        let meeting = endpoint.create_meeting();
        let response = post(&endpoint, &target(&meeting), &body(&["alice"])).await;
        assert_eq!(response.status, 201);
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn signed_requests_are_accepted() {
        let endpoint = ChimeEndpoint::start_with_credentials(AKID, SECRET, REGION).await;
        let meeting = endpoint.create_meeting();
        let body = body(&["alice"]);

        let response = post_signed(
            &endpoint,
            (AKID, SECRET, REGION),
            &target(&meeting),
            &body,
            &body,
        )
        .await;

        assert_eq!(
            response.status,
            201,
            "{:?}",
            String::from_utf8_lossy(&response.body)
        );
        assert_eq!(endpoint.attendees(&meeting).len(), 1);
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn tampered_or_misscoped_signatures_are_forbidden() {
        let endpoint = ChimeEndpoint::start_with_credentials(AKID, SECRET, REGION).await;
        let meeting = endpoint.create_meeting();
        let (signed, sent) = (body(&["alice"]), body(&["mallory"]));
        let target = target(&meeting);

        let tampered =
            post_signed(&endpoint, (AKID, SECRET, REGION), &target, &signed, &sent).await;
        let wrong_secret =
            post_signed(&endpoint, (AKID, "nope", REGION), &target, &signed, &signed).await;
        let wrong_region = post_signed(
            &endpoint,
            (AKID, SECRET, "eu-west-1"),
            &target,
            &signed,
            &signed,
        )
        .await;
        let wrong_key = post_signed(
            &endpoint,
            ("AKIDOTHER", SECRET, REGION),
            &target,
            &signed,
            &signed,
        )
        .await;

        for response in [&tampered, &wrong_secret, &wrong_region, &wrong_key] {
            assert_service_error(response, 403, "ForbiddenException", "Forbidden");
        }
        let message = tampered.json()["Message"].as_str().unwrap().to_owned();
        assert!(
            message.starts_with("The request signature we calculated does not match"),
            "{message}"
        );
        assert!(endpoint.attendees(&meeting).is_empty());
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn unsigned_requests_need_credentials_when_configured() {
        let secured = ChimeEndpoint::start_with_credentials(AKID, SECRET, REGION).await;
        let meeting = secured.create_meeting();
        let response = post(&secured, &target(&meeting), &body(&["alice"])).await;
        assert_service_error(
            &response,
            401,
            "UnauthorizedClientException",
            "Unauthorized",
        );

        let open = ChimeEndpoint::start().await;
        let meeting = open.create_meeting();
        let response = post(&open, &target(&meeting), &body(&["alice"])).await;
        assert_eq!(response.status, 201);
    }
}
