//! End to end: the client generated from `spec/chime.json` against loopback servers.
//!
//! Covers the exact request on the wire (SigV4 included), reply parsing, every modeled error,
//! retries, timeouts, transport failures, malformed replies, and client-side validation.

use std::time::Duration;

use serde_json::json;
use shapegen::{Config, Credentials, Error, TimeoutKind, ViolationKind};
use shapegen_tests::{ChimeEndpoint, Reply, ScriptedServer, SigV4Verifier, unused_local_url};

mod chime {
    shapegen::generate! {
        spec: "../spec/chime.json",
        operations: [BatchCreateAttendee],
    }
}

use chime::operation::batch_create_attendee::{
    BatchCreateAttendeeError, BatchCreateAttendeeOutput,
};
use chime::types::{CreateAttendeeRequestItem, ErrorCode, Tag};

const MEETING: &str = "8f2a1c3e-5b6d-4e7f-9a0b-1c2d3e4f5a6b";

fn config(url: &str) -> shapegen::ConfigBuilder {
    Config::builder()
        .endpoint_url(url)
        .region("us-east-1")
        .credentials(Credentials::new("AKIDTEST", "secret-key-for-tests", None))
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(5))
}

fn client(url: &str) -> chime::Client {
    chime::Client::new(config(url).build().unwrap())
}

fn tag(key: &str, value: &str) -> Tag {
    Tag::builder().key(key).value(value).build().unwrap()
}

fn item(external_user_id: &str) -> CreateAttendeeRequestItem {
    CreateAttendeeRequestItem::builder()
        .external_user_id(external_user_id)
        .build()
        .unwrap()
}

fn created_reply() -> Reply {
    Reply::json(
        201,
        &json!({
            "Attendees": [
                {"ExternalUserId": "ada@example.com", "AttendeeId": "11111111-2222-3333-4444-555555555555", "JoinToken": "dG9rZW4xMjM0NTY3ODkw"}
            ],
            "Errors": [
                {"ExternalUserId": "grace@example.com", "ErrorCode": "Conflict", "ErrorMessage": "The attendee already exists."}
            ],
            "SomethingNew": {"ignored": [1, 2, 3]}
        }),
    )
    .header("x-amzn-RequestId", "req-201")
}

async fn send_one(
    client: &chime::Client,
) -> Result<BatchCreateAttendeeOutput, Error<BatchCreateAttendeeError>> {
    client
        .batch_create_attendee()
        .meeting_id(MEETING)
        .attendees(item("ada@example.com"))
        .send()
        .await
}

#[tokio::test]
async fn sends_the_exact_signed_request() {
    let server = ScriptedServer::start(vec![created_reply()]).await;
    let client = client(&server.url());
    let attendee = CreateAttendeeRequestItem::builder()
        .external_user_id("ada@example.com")
        .tags(tag("team", "compilers"))
        .tags(tag("floor", "3"))
        .build()
        .unwrap();
    client
        .batch_create_attendee()
        .meeting_id(MEETING)
        .attendees(attendee)
        .attendees(item("grace@example.com"))
        .send()
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, format!("/meetings/{MEETING}/attendees"));
    assert_eq!(request.query.as_deref(), Some("operation=batch-create"));
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(
        request.header("host"),
        Some(server.url().trim_start_matches("http://"))
    );
    assert!(
        request
            .header("user-agent")
            .unwrap()
            .starts_with("shapegen/")
    );
    let authorization = request.header("authorization").expect("signed");
    assert!(
        authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDTEST/"),
        "{authorization}"
    );
    assert!(
        authorization.contains("/us-east-1/chime/aws4_request"),
        "{authorization}"
    );
    assert!(request.header("x-amz-date").is_some());
    SigV4Verifier::new("AKIDTEST", "secret-key-for-tests", "us-east-1", "chime")
        .verify_recorded(request)
        .expect("a valid SigV4 signature");
    assert_eq!(
        request.json(),
        json!({"Attendees": [
            {"ExternalUserId": "ada@example.com", "Tags": [
                {"Key": "team", "Value": "compilers"}, {"Key": "floor", "Value": "3"}
            ]},
            {"ExternalUserId": "grace@example.com"}
        ]})
    );
}

#[tokio::test]
async fn labels_are_percent_encoded_and_anonymous_calls_are_unsigned() {
    let server = ScriptedServer::start(vec![created_reply()]).await;
    let config = Config::builder()
        .endpoint_url(server.url())
        .validation(false)
        .build()
        .unwrap();
    chime::Client::new(config)
        .batch_create_attendee()
        .meeting_id("a b/c")
        .attendees(item("ada@example.com"))
        .send()
        .await
        .unwrap();
    let request = &server.requests()[0];
    assert_eq!(request.path, "/meetings/a%20b%2Fc/attendees");
    assert_eq!(request.header("authorization"), None);
}

#[tokio::test]
async fn parses_a_201_reply_with_per_attendee_errors() {
    let server = ScriptedServer::start(vec![created_reply()]).await;
    let output = send_one(&client(&server.url())).await.unwrap();
    assert_eq!(output.request_id(), Some("req-201"));
    let attendees = output.attendees.as_deref().unwrap();
    assert_eq!(attendees.len(), 1);
    assert_eq!(
        attendees[0].external_user_id.as_deref(),
        Some("ada@example.com")
    );
    assert_eq!(
        attendees[0].attendee_id.as_deref(),
        Some("11111111-2222-3333-4444-555555555555")
    );
    assert_eq!(
        attendees[0].join_token.as_deref(),
        Some("dG9rZW4xMjM0NTY3ODkw")
    );
    let errors = output.errors.as_deref().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].external_user_id.as_deref(),
        Some("grace@example.com")
    );
    assert_eq!(errors[0].error_code.as_deref(), Some("Conflict"));
    assert_eq!(
        errors[0].error_message.as_deref(),
        Some("The attendee already exists.")
    );
}

#[tokio::test]
async fn empty_201_bodies_and_nulls_are_accepted() {
    let server = ScriptedServer::start(vec![
        Reply::new(201),
        Reply::json(201, &json!({"Attendees": null, "Errors": []})),
    ])
    .await;
    let client = client(&server.url());
    let output = send_one(&client).await.unwrap();
    assert_eq!(output.attendees, None);
    let output = send_one(&client).await.unwrap();
    assert_eq!(output.attendees, None);
    assert_eq!(output.errors, Some(vec![]));
}

/// One scripted error reply per modeled error; `(status, error type, expected check)`.
#[tokio::test]
async fn every_modeled_error_maps_to_its_variant() {
    type Check = fn(&BatchCreateAttendeeError) -> bool;
    let cases: [(u16, &str, Check); 8] = [
        (
            400,
            "BadRequestException",
            BatchCreateAttendeeError::is_bad_request_exception,
        ),
        (
            403,
            "ForbiddenException",
            BatchCreateAttendeeError::is_forbidden_exception,
        ),
        (
            404,
            "NotFoundException",
            BatchCreateAttendeeError::is_not_found_exception,
        ),
        (
            400,
            "ResourceLimitExceededException",
            BatchCreateAttendeeError::is_resource_limit_exceeded_exception,
        ),
        (
            500,
            "ServiceFailureException",
            BatchCreateAttendeeError::is_service_failure_exception,
        ),
        (
            503,
            "ServiceUnavailableException",
            BatchCreateAttendeeError::is_service_unavailable_exception,
        ),
        (
            429,
            "ThrottledClientException",
            BatchCreateAttendeeError::is_throttled_client_exception,
        ),
        (
            401,
            "UnauthorizedClientException",
            BatchCreateAttendeeError::is_unauthorized_client_exception,
        ),
    ];
    for (status, error_type, check) in cases {
        let reply = Reply::json(
            status,
            &json!({"Code": "BadRequest", "Message": format!("{error_type} happened")}),
        )
        .header(
            "x-amzn-ErrorType",
            format!("{error_type}:http://internal.amazon.com/coral/com.amazonaws.chime/"),
        )
        .header("x-amzn-RequestId", "req-err");
        let server = ScriptedServer::start(vec![reply]).await;
        let client = chime::Client::new(config(&server.url()).max_attempts(1).build().unwrap());
        let error = send_one(&client).await.unwrap_err();
        let Error::Service(service_error) = &error else {
            panic!("{error_type}: expected a service error, got {error:?}");
        };
        assert_eq!(service_error.status(), status);
        assert_eq!(service_error.request_id(), Some("req-err"));
        let op_error = service_error.err();
        assert!(check(op_error), "{error_type}: got {op_error:?}");
        assert_eq!(op_error.code(), Some(error_type));
        let message = format!("{error_type} happened");
        assert_eq!(op_error.message(), Some(message.as_str()));
        assert_eq!(op_error.request_id(), Some("req-err"));
        assert_eq!(
            error.to_string(),
            format!("{error_type}: {error_type} happened (HTTP {status}, request id req-err)")
        );
    }
}

#[tokio::test]
async fn modeled_error_members_are_read_and_the_400s_are_told_apart() {
    let server = ScriptedServer::start(vec![
        Reply::json(400, &json!({"Code": "ResourceLimitExceeded", "Message": "Too many"}))
            .header("x-amzn-ErrorType", "ResourceLimitExceededException"),
        // No header: the body's `__type` identifies the error (namespace and suffix stripped).
        Reply::json(
            400,
            &json!({"__type": "com.amazonaws.chime#BadRequestException:http://x/", "Code": "BadRequest", "Message": "Bad"}),
        ),
    ])
    .await;
    let client = chime::Client::new(config(&server.url()).max_attempts(1).build().unwrap());
    let error = send_one(&client)
        .await
        .unwrap_err()
        .into_service_error()
        .unwrap();
    let BatchCreateAttendeeError::ResourceLimitExceededException(limit) = &error else {
        panic!("expected ResourceLimitExceededException, got {error:?}");
    };
    assert_eq!(limit.code, Some(ErrorCode::ResourceLimitExceeded));
    assert_eq!(limit.message.as_deref(), Some("Too many"));
    assert!(!error.is_retryable());
    let error = send_one(&client)
        .await
        .unwrap_err()
        .into_service_error()
        .unwrap();
    assert!(error.is_bad_request_exception(), "{error:?}");
}

#[tokio::test]
async fn unknown_error_types_are_unhandled() {
    let server = ScriptedServer::start(vec![
        Reply::json(418, &json!({"message": "short and stout"}))
            .header("x-amzn-ErrorType", "TeapotException"),
    ])
    .await;
    let error = send_one(&client(&server.url())).await.unwrap_err();
    let op_error = error.as_service_error().unwrap();
    assert!(op_error.is_unhandled(), "{op_error:?}");
    assert_eq!(op_error.code(), Some("TeapotException"));
    assert_eq!(op_error.message(), Some("short and stout"));
    assert_eq!(
        error.to_string(),
        "TeapotException: short and stout (HTTP 418)"
    );
    // An error reply with no code at all is unhandled too.
    let server = ScriptedServer::start(vec![Reply::new(409).body("oops")]).await;
    let error = send_one(&client(&server.url())).await.unwrap_err();
    assert!(error.as_service_error().unwrap().is_unhandled());
}

#[tokio::test]
async fn retries_throttling_and_transient_errors_but_not_other_4xx() {
    for (status, error_type, expected_attempts) in [
        (429, "ThrottledClientException", 3),
        (503, "ServiceUnavailableException", 3),
        (400, "BadRequestException", 1),
    ] {
        let reply =
            Reply::json(status, &json!({"Message": "no"})).header("x-amzn-ErrorType", error_type);
        let server = ScriptedServer::start(vec![reply]).await;
        let error = send_one(&client(&server.url())).await.unwrap_err();
        assert_eq!(error.as_service_error().unwrap().code(), Some(error_type));
        assert_eq!(server.request_count(), expected_attempts, "{status}");
    }
}

#[tokio::test]
async fn a_retry_can_succeed_and_max_attempts_is_honoured() {
    let server = ScriptedServer::start(vec![
        Reply::new(500).header("x-amzn-ErrorType", "ServiceFailureException"),
        created_reply(),
    ])
    .await;
    send_one(&client(&server.url())).await.unwrap();
    assert_eq!(server.request_count(), 2);

    let server = ScriptedServer::start(vec![Reply::new(503)]).await;
    let client = chime::Client::new(config(&server.url()).max_attempts(5).build().unwrap());
    send_one(&client).await.unwrap_err();
    assert_eq!(server.request_count(), 5);
}

#[tokio::test]
async fn attempt_and_operation_timeouts() {
    let server = ScriptedServer::start(vec![created_reply().delay(Duration::from_secs(5))]).await;
    let client = chime::Client::new(
        config(&server.url())
            .max_attempts(2)
            .attempt_timeout(Duration::from_millis(100))
            .build()
            .unwrap(),
    );
    let error = send_one(&client).await.unwrap_err();
    let Error::Timeout(timeout) = &error else {
        panic!("expected a timeout, got {error:?}");
    };
    assert_eq!(timeout.kind(), TimeoutKind::Attempt);
    assert_eq!(server.request_count(), 2, "a timed-out attempt is retried");

    let client = chime::Client::new(
        config(&server.url())
            .operation_timeout(Duration::from_millis(150))
            .build()
            .unwrap(),
    );
    let error = send_one(&client).await.unwrap_err();
    assert!(
        matches!(&error, Error::Timeout(t) if t.kind() == TimeoutKind::Operation),
        "{error:?}"
    );
    assert_eq!(error.to_string(), "the operation timed out after 150ms");
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let client = client(&unused_local_url());
    let error = send_one(&client).await.unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    assert!(transport.is_connect());
    let text = error.to_string();
    assert!(
        text.starts_with("could not connect to http://127.0.0.1:"),
        "{text}"
    );
}

#[tokio::test]
async fn malformed_success_bodies_are_typed_errors() {
    for (body, path) in [
        (
            &b"{\"Attendees\": [{\"AttendeeId\": "[..],
            Some("Attendees[0].AttendeeId"),
        ),
        (b"<html>oops</html>", None),
        (b"{\"Attendees\": \"not a list\"}", Some("Attendees")),
        (
            b"{\"Attendees\": [{\"JoinToken\": 42}]}",
            Some("Attendees[0].JoinToken"),
        ),
        (b"{} trailing", None),
        (b"\xff\xfe", None),
    ] {
        let server = ScriptedServer::start(vec![
            Reply::new(201)
                .header("x-amzn-RequestId", "req-bad")
                .body(body.to_vec()),
        ])
        .await;
        let error = send_one(&client(&server.url())).await.unwrap_err();
        let Error::Response(response) = &error else {
            panic!("expected a response error for {body:?}, got {error:?}");
        };
        assert_eq!(response.status(), 201);
        assert_eq!(response.request_id(), Some("req-bad"));
        assert_eq!(response.cause().path(), path, "{error}");
        let text = shapegen::DisplayChain(&error).to_string();
        assert!(
            text.starts_with("unreadable reply (HTTP 201, request id req-bad): body"),
            "{text}"
        );
        if let Some(path) = path {
            assert!(text.contains(&format!("`{path}`")), "{text}");
        }
    }
}

/// A reply's content never appears in its parse error: a `@sensitive` join token the reader
/// cannot read is described by its kind and place, not quoted.
#[tokio::test]
async fn parse_errors_do_not_quote_the_reply() {
    let server = ScriptedServer::start(vec![
        Reply::new(201).body(br#"{"Attendees": [{"JoinToken": PLANTEDJOINTOKEN99}]}"#.to_vec()),
    ])
    .await;
    let error = send_one(&client(&server.url())).await.unwrap_err();
    let text = format!("{} {error:?}", shapegen::DisplayChain(&error));
    assert!(!text.contains("PLANTED"), "{text}");
    assert!(text.contains("Attendees[0].JoinToken"), "{text}");
}

/// Sends `builder` and asserts it was rejected before any I/O, returning the violations as
/// `(path, kind)` pairs.
async fn rejected(
    server: &ScriptedServer,
    builder: chime::operation::batch_create_attendee::builders::BatchCreateAttendeeFluentBuilder,
) -> Vec<(String, ViolationKind, String)> {
    let before = server.request_count();
    let error = builder.send().await.unwrap_err();
    assert_eq!(
        server.request_count(),
        before,
        "nothing may reach the server"
    );
    let Error::Validation(validation) = &error else {
        panic!("expected a validation error, got {error:?}");
    };
    validation
        .violations()
        .iter()
        .map(|v| (v.path().to_owned(), v.kind(), v.message().to_owned()))
        .collect()
}

#[tokio::test]
async fn invalid_input_is_rejected_before_anything_is_sent() {
    let server = ScriptedServer::start(vec![created_reply()]).await;
    let client = client(&server.url());
    let call = || client.batch_create_attendee().meeting_id(MEETING);
    let many = |n: usize| (0..n).fold(call(), |b, i| b.attendees(item(&format!("user-{i}"))));

    let violations = rejected(
        &server,
        client
            .batch_create_attendee()
            .meeting_id("not-a-guid")
            .attendees(item("ada")),
    )
    .await;
    assert_eq!(
        violations,
        [(
            "MeetingId".to_owned(),
            ViolationKind::Pattern,
            "Value at 'MeetingId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-fA-F0-9]{8}(?:-[a-fA-F0-9]{4}){3}-[a-fA-F0-9]{12}$".to_owned()
        )]
    );

    let violations = rejected(&server, call().set_attendees(Some(vec![]))).await;
    assert_eq!(violations[0].0, "Attendees");
    assert_eq!(violations[0].1, ViolationKind::Length);
    assert_eq!(
        violations[0].2,
        "Value with length 0 at 'Attendees' failed to satisfy constraint: Member must have length between 1 and 100, inclusive"
    );
    let violations = rejected(&server, many(101)).await;
    assert_eq!(violations.len(), 1);
    assert!(
        violations[0]
            .2
            .starts_with("Value with length 101 at 'Attendees'")
    );

    for bad in ["a", &"x".repeat(65), "é"] {
        let violations = rejected(
            &server,
            call().attendees(item("ok-user")).attendees(item(bad)),
        )
        .await;
        assert_eq!(violations.len(), 1, "{bad}");
        assert_eq!(violations[0].0, "Attendees[1].ExternalUserId");
        assert_eq!(violations[0].1, ViolationKind::Length);
    }
    // Lengths count Unicode scalar values: 64 two-byte characters are fine.
    let server_ok = ScriptedServer::start(vec![created_reply()]).await;
    client_for(&server_ok)
        .batch_create_attendee()
        .meeting_id(MEETING)
        .attendees(item(&"é".repeat(64)))
        .send()
        .await
        .unwrap();

    let no_tags = CreateAttendeeRequestItem::builder()
        .external_user_id("ada")
        .set_tags(Some(vec![]))
        .build()
        .unwrap();
    let violations = rejected(&server, call().attendees(no_tags)).await;
    assert_eq!(violations[0].0, "Attendees[0].Tags");
    let eleven = (0..11).fold(
        CreateAttendeeRequestItem::builder().external_user_id("ada"),
        |b, i| b.tags(tag(&format!("k{i}"), "v")),
    );
    let violations = rejected(&server, call().attendees(eleven.build().unwrap())).await;
    assert_eq!(violations[0].0, "Attendees[0].Tags");
    assert!(violations[0].2.starts_with("Value with length 11 "));

    let bad_tags = CreateAttendeeRequestItem::builder()
        .external_user_id("ada")
        .tags(tag("", "v"))
        .tags(tag("k", &"v".repeat(257)))
        .build()
        .unwrap();
    let violations = rejected(&server, call().attendees(bad_tags)).await;
    let paths: Vec<&str> = violations.iter().map(|v| v.0.as_str()).collect();
    assert_eq!(
        paths,
        ["Attendees[0].Tags[0].Key", "Attendees[0].Tags[1].Value"]
    );
    assert!(violations[1].2.contains("between 1 and 256"));
}

fn client_for(server: &ScriptedServer) -> chime::Client {
    client(&server.url())
}

#[tokio::test]
async fn every_violation_is_reported_at_once_and_missing_members_too() {
    let server = ScriptedServer::start(vec![created_reply()]).await;
    let client = client(&server.url());
    let violations = rejected(&server, client.batch_create_attendee()).await;
    assert_eq!(
        violations
            .iter()
            .map(|v| (v.0.as_str(), v.1))
            .collect::<Vec<_>>(),
        [
            ("MeetingId", ViolationKind::Required),
            ("Attendees", ViolationKind::Required)
        ]
    );
    let builder = client
        .batch_create_attendee()
        .meeting_id("nope")
        .attendees(item("a"))
        .attendees(
            CreateAttendeeRequestItem::builder()
                .external_user_id("ok-user")
                .tags(tag("", ""))
                .build()
                .unwrap(),
        );
    let error = builder.send().await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid input, nothing was sent: 4 validation errors detected: \
         Value at 'MeetingId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-fA-F0-9]{8}(?:-[a-fA-F0-9]{4}){3}-[a-fA-F0-9]{12}$; \
         Value with length 1 at 'Attendees[0].ExternalUserId' failed to satisfy constraint: Member must have length between 2 and 64, inclusive; \
         Value with length 0 at 'Attendees[1].Tags[0].Key' failed to satisfy constraint: Member must have length between 1 and 128, inclusive; \
         Value with length 0 at 'Attendees[1].Tags[0].Value' failed to satisfy constraint: Member must have length between 1 and 256, inclusive"
    );
    assert_eq!(server.request_count(), 0);
}

#[tokio::test]
async fn validation_can_be_switched_off() {
    let endpoint = ChimeEndpoint::start().await;
    let meeting = endpoint.create_meeting();
    let client = chime::Client::new(
        Config::builder()
            .endpoint_url(endpoint.url())
            .validation(false)
            .max_attempts(1)
            .build()
            .unwrap(),
    );
    let error = client
        .batch_create_attendee()
        .meeting_id(meeting)
        .attendees(item("a"))
        .send()
        .await
        .unwrap_err();
    // The service itself rejects the 1-character id.
    let op_error = error.as_service_error().expect("the server answered");
    assert!(op_error.is_bad_request_exception(), "{op_error:?}");
    assert_eq!(endpoint.request_count(), 1);
}

#[tokio::test]
async fn works_against_the_in_memory_chime_endpoint_with_signatures() {
    let endpoint =
        ChimeEndpoint::start_with_credentials("AKIDTEST", "secret-key-for-tests", "us-east-1")
            .await;
    let meeting = endpoint.create_meeting();
    let client = client(&endpoint.url());
    let output = client
        .batch_create_attendee()
        .meeting_id(&meeting)
        .attendees(item("ada@example.com"))
        .attendees(item("grace@example.com"))
        .attendees(item("ada@example.com"))
        .send()
        .await
        .unwrap();
    assert_eq!(output.attendees.as_ref().map(Vec::len), Some(2));
    let errors = output.errors.unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].error_code.as_deref(), Some("BadRequest"));
    assert_eq!(endpoint.attendees(&meeting).len(), 2);

    let error = client
        .batch_create_attendee()
        .meeting_id("00000000-0000-0000-0000-000000000000")
        .attendees(item("ada@example.com"))
        .send()
        .await
        .unwrap_err();
    assert!(
        error.as_service_error().unwrap().is_not_found_exception(),
        "{error}"
    );

    let wrong_key = chime::Client::new(
        config(&endpoint.url())
            .credentials(Credentials::new("AKIDTEST", "wrong-secret", None))
            .build()
            .unwrap(),
    );
    let error = send_one(&wrong_key).await.unwrap_err();
    assert!(
        error.as_service_error().unwrap().is_forbidden_exception(),
        "{error}"
    );
}

#[tokio::test]
async fn debug_output_never_shows_sensitive_values() {
    let server = ScriptedServer::start(vec![created_reply()]).await;
    let client = client(&server.url());
    let attendee = CreateAttendeeRequestItem::builder()
        .external_user_id("secret-user-id")
        .tags(tag("secret-tag-key", "secret-tag-value"))
        .build()
        .unwrap();
    let builder = client
        .batch_create_attendee()
        .meeting_id(MEETING)
        .attendees(attendee.clone());
    let output = builder.clone().send().await.unwrap();
    let texts = [
        format!("{attendee:?}"),
        format!("{:?}", attendee.tags),
        format!("{builder:?}"),
        format!("{:?}", builder.as_input()),
        format!("{:?}", builder.as_input().clone().build().unwrap()),
        format!("{output:?}"),
        format!("{client:?}"),
    ];
    for text in &texts {
        for secret in [
            "secret-user-id",
            "secret-tag-key",
            "secret-tag-value",
            "ada@example.com",
            "grace@example.com",
            "dG9rZW4xMjM0NTY3ODkw",
            "secret-key-for-tests",
        ] {
            assert!(!text.contains(secret), "{secret} leaked in {text}");
        }
    }
    assert!(texts[0].contains("*** Sensitive Data Redacted ***"));
    assert!(
        texts[5].contains("11111111-2222-3333-4444-555555555555"),
        "non-sensitive values stay visible"
    );
}
