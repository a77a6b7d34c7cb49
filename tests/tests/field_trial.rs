//! Regressions for the defects a field trial found (issue 9), each at the level where a user
//! met it, on `tests/models/field-trial.json` (a model written to hold each case).

use std::time::{Duration, Instant};

use serde_json::json;
use shapegen::{Config, DateTime, Error, TimeoutKind, TransportErrorKind};
use shapegen_tests::raw::{read_request, write_all};
use shapegen_tests::{RawServer, Reply, ScriptedServer};

mod trial {
    shapegen::generate! {
        spec: "models/field-trial.json",
    }
}

use trial::types::{DoIt, Unit};

fn config(url: &str) -> shapegen::ConfigBuilder {
    Config::builder()
        .endpoint_url(url)
        .initial_backoff(Duration::from_millis(1))
}

fn client(url: &str) -> trial::Client {
    trial::Client::new(config(url).build().unwrap())
}

fn create(
    client: &trial::Client,
) -> trial::operation::create_meeting::builders::CreateMeetingFluentBuilder {
    client.create_meeting().meeting_id("m-1").attendee_id("a-1")
}

fn is_uuid_v4(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| bytes[i] == b'-')
        && bytes[14] == b'4'
        && text
            .bytes()
            .enumerate()
            .all(|(i, b)| [8, 13, 18, 23].contains(&i) || b.is_ascii_hexdigit())
}

/// 1. A required idempotency token is filled with a fresh UUID v4 when unset; the caller's own
/// value still wins.
#[tokio::test]
async fn required_idempotency_tokens_are_filled() {
    let server = ScriptedServer::start(vec![Reply::json(201, &json!({}))]).await;
    let client = client(&server.url());
    create(&client).send().await.unwrap();
    create(&client).send().await.unwrap();
    create(&client)
        .client_request_token("mine-42")
        .send()
        .await
        .unwrap();
    let tokens: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.json()["ClientRequestToken"].as_str().unwrap().to_owned())
        .collect();
    assert!(is_uuid_v4(&tokens[0]), "{tokens:?}");
    assert!(is_uuid_v4(&tokens[1]), "{tokens:?}");
    assert_ne!(tokens[0], tokens[1]);
    assert_eq!(tokens[2], "mine-42");
    // The standalone input builder fills it too.
    let input = trial::operation::create_meeting::CreateMeetingInput::builder()
        .meeting_id("m")
        .attendee_id("a")
        .build()
        .unwrap();
    assert!(is_uuid_v4(&input.client_request_token));
}

/// 2. The service's message is shown whichever key carried it, even when the model's message
/// member is a required `Message`.
#[tokio::test]
async fn error_messages_survive_a_required_message_member() {
    for key in ["message", "Message", "errorMessage"] {
        let server = ScriptedServer::start(vec![Reply::json(
            404,
            &json!({"__type": "NotFoundException", key: "Meeting x does not exist."}),
        )])
        .await;
        let error = create(&client(&server.url())).send().await.unwrap_err();
        let service = error.as_service_error().unwrap();
        assert!(service.is_not_found_exception());
        assert_eq!(
            service.message(),
            Some("Meeting x does not exist."),
            "{key}"
        );
        assert_eq!(
            error.to_string(),
            "NotFoundException: Meeting x does not exist. (HTTP 404)",
            "{key}"
        );
        let trial::operation::create_meeting::CreateMeetingError::NotFoundException(inner) =
            service
        else {
            panic!("{service:?}");
        };
        assert_eq!(inner.message, "Meeting x does not exist.");
    }
}

/// 3. Formatting a time outside the years 1 to 9999 never aborts: not in `Debug` of a reply,
/// not in a header or query of a request.
#[tokio::test]
async fn far_timestamps_format_without_aborting() {
    let server = ScriptedServer::start(vec![
        Reply::json(
            201,
            &json!({"CreatedAt": 300000000000_i64, "ExpiresAt": -300000000000_i64}),
        )
        .header("X-Starts-At", "300000000000"),
    ])
    .await;
    let output = create(&client(&server.url()))
        .starts_at(DateTime::from_secs(300_000_000_000))
        .at(DateTime::from_secs(i64::MIN))
        .send()
        .await
        .unwrap();
    let printed = format!("{output:?}");
    assert!(printed.contains("300000000000"), "{printed}");
    assert_eq!(
        output.created_at,
        Some(DateTime::from_secs(300_000_000_000))
    );
    let request = &server.requests()[0];
    assert_eq!(request.header("x-starts-at"), Some("300000000000"));
    assert!(
        request
            .path_and_query()
            .ends_with("?at=-9223372036854775808"),
        "{}",
        request.path_and_query()
    );
}

/// 4. Timestamps are read in whichever form the server sent; a member that cannot be read is
/// named in the error.
#[tokio::test]
async fn reply_timestamps_are_read_leniently_and_errors_name_the_member() {
    let server = ScriptedServer::start(vec![
        Reply::json(
            201,
            &json!({
                "CreatedAt": "2026-12-01T15:37:44.023594",
                "ExpiresAt": 1796139464,
                "Attendees": [{"JoinedAt": "Tue, 01 Dec 2026 15:37:44 GMT"}, {"JoinedAt": "1796139464.5"}]
            }),
        )
        .header("X-Starts-At", "2026-12-01T15:37:44Z"),
        Reply::json(
            201,
            &json!({"Attendees": [{}, {}, {}, {"AttendeeId": "d", "JoinedAt": "next tuesday"}]}),
        ),
    ])
    .await;
    let client = client(&server.url());
    let output = create(&client).send().await.unwrap();
    let t = DateTime::from_secs(1_796_139_464);
    assert_eq!(
        output.created_at,
        Some(DateTime::from_secs_and_nanos(1_796_139_464, 23_594_000))
    );
    assert_eq!(output.expires_at, Some(t));
    assert_eq!(output.starts_at, Some(t));
    let attendees = output.attendees.unwrap();
    assert_eq!(attendees[0].joined_at, Some(t));
    assert_eq!(
        attendees[1].joined_at,
        Some(DateTime::from_secs_and_nanos(1_796_139_464, 500_000_000))
    );
    let error = create(&client).send().await.unwrap_err();
    let Error::Response(response) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(response.cause().path(), Some("Attendees[3].JoinedAt"));
    let text = shapegen::DisplayChain(&error).to_string();
    assert!(text.contains("`Attendees[3].JoinedAt`"), "{text}");
    assert!(text.contains("expected a timestamp"), "{text}");
    assert!(
        !text.contains("invalid JSON") && !text.contains("tuesday"),
        "{text}"
    );
}

/// 5. Enum values and renames that are not Rust identifiers still generate usable names.
#[test]
fn non_identifier_names_generate() {
    assert_eq!(Unit::MU00b2.as_str(), "m²");
    assert_eq!(Unit::U00bd.as_str(), "½");
    assert_eq!(Unit::U0663.as_str(), "٣");
    assert_eq!(Unit::M.as_str(), "m");
    assert_eq!(Unit::from("½"), Unit::U00bd);
    let widget = DoIt::builder().name("w").build();
    assert_eq!(widget.name.as_deref(), Some("w"));
}

/// 13. `.` and `..` labels are encoded, so the service sees the path the caller meant.
#[tokio::test]
async fn dot_labels_are_encoded() {
    let server = ScriptedServer::start(vec![Reply::json(201, &json!({}))]).await;
    client(&server.url())
        .create_meeting()
        .meeting_id("..")
        .attendee_id(".")
        .send()
        .await
        .unwrap();
    assert_eq!(server.requests()[0].path, "/meetings/%2E%2E/attendees/%2E");
}

/// 9. A reply announcing a body over the limit fails before its body is read.
#[tokio::test]
async fn oversized_announced_replies_fail_before_reading() {
    let server = RawServer::start(|mut stream| async move {
        if read_request(&mut stream).await.is_some() {
            write_all(
                &mut stream,
                b"HTTP/1.1 201 Created\r\ncontent-length: 300000000\r\n\r\n{\"Attendees\":[",
            )
            .await;
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
    })
    .await;
    let started = Instant::now();
    let error = create(&client(&server.url())).send().await.unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(transport.kind(), TransportErrorKind::ResponseTooLarge);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(server.connections(), 1, "not retried");
}

/// 9. An endless body stops at the limit: memory stays bounded, and the error says why.
#[tokio::test]
async fn endless_bodies_stop_at_the_limit() {
    let server = RawServer::start(|mut stream| async move {
        if read_request(&mut stream).await.is_some() {
            write_all(
                &mut stream,
                b"HTTP/1.1 201 Created\r\ntransfer-encoding: chunked\r\n\r\n",
            )
            .await;
            let chunk = format!("10000\r\n{}\r\n", "x".repeat(0x10000));
            loop {
                if tokio::io::AsyncWriteExt::write_all(&mut stream, chunk.as_bytes())
                    .await
                    .is_err()
                {
                    break;
                }
            }
        }
    })
    .await;
    let client = trial::Client::new(
        config(&server.url())
            .max_response_body_size(1024 * 1024)
            .attempt_timeout(Duration::from_secs(5))
            .build()
            .unwrap(),
    );
    let error = create(&client).send().await.unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}");
    };
    assert!(transport.is_response_too_large(), "{error}");
    assert!(error.to_string().contains("1048576 bytes"), "{error}");
}

/// 9. A server that accepts and never answers fails the call by the default-configurable read
/// timeout (and the default config has one).
#[tokio::test]
async fn silent_servers_time_out() {
    assert_eq!(
        Config::builder().build().unwrap().read_timeout(),
        Some(Duration::from_secs(60))
    );
    let server = RawServer::start(|mut stream| async move {
        let _ = read_request(&mut stream).await;
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    let client = trial::Client::new(
        config(&server.url())
            .read_timeout(Some(Duration::from_millis(200)))
            .build()
            .unwrap(),
    );
    let started = Instant::now();
    let error = create(&client).send().await.unwrap_err();
    assert!(
        matches!(&error, Error::Timeout(t) if t.kind() == TimeoutKind::Read),
        "{error:?}"
    );
    assert_eq!(server.connections(), 3, "read timeouts are retried");
    assert!(started.elapsed() < Duration::from_secs(3));
}

/// 10. `Retry-After` is honoured, capped by the maximum backoff.
#[tokio::test]
async fn retry_after_is_honoured() {
    let server = ScriptedServer::start(vec![
        Reply::json(429, &json!({"__type": "ThrottledException"})).header("Retry-After", "5"),
        Reply::json(201, &json!({})),
    ])
    .await;
    let client = trial::Client::new(
        config(&server.url())
            .max_backoff(Duration::from_millis(300))
            .build()
            .unwrap(),
    );
    let started = Instant::now();
    create(&client).send().await.unwrap();
    let waited = started.elapsed();
    assert_eq!(server.request_count(), 2);
    // Without `Retry-After` the wait would be under the 1 ms initial backoff.
    assert!(waited >= Duration::from_millis(300), "{waited:?}");
    assert!(waited < Duration::from_secs(3), "{waited:?}");
}

/// 11. User information in an endpoint URL is rejected and never printed.
#[test]
fn endpoint_user_information_is_rejected() {
    for url in [
        "http://user:pa55word@127.0.0.1:8080",
        "https://pa55word@example.com/base",
        "http://user:pa55word@[::1",
    ] {
        let error = Config::builder().endpoint_url(url).build().unwrap_err();
        let text = format!("{error} {error:?}");
        assert!(text.contains("user information"), "{text}");
        assert!(!text.contains("pa55word"), "{text}");
    }
}

/// 14. Validation, attempts and timeouts can change for one call.
#[tokio::test]
async fn customize_overrides_settings_for_one_call() {
    let server = ScriptedServer::start(vec![Reply::json(503, &json!({}))]).await;
    let client = client(&server.url());
    // Validation off for one call: a title over its length limit is sent.
    let error = create(&client)
        .title("far too long")
        .send()
        .await
        .unwrap_err();
    assert!(error.is_validation());
    assert_eq!(server.request_count(), 0);
    let error = create(&client)
        .title("far too long")
        .customize(|call| call.validation(false).max_attempts(1))
        .send()
        .await
        .unwrap_err();
    assert!(error.as_service_error().is_some(), "{error:?}");
    assert_eq!(server.request_count(), 1, "one attempt");
    assert_eq!(server.requests()[0].json()["Title"], "far too long");
    // The client's own settings are untouched: three attempts next time.
    let _ = create(&client).send().await;
    assert_eq!(server.request_count(), 4);
    // An attempt timeout for one call.
    let slow = ScriptedServer::start(vec![
        Reply::json(201, &json!({})).delay(Duration::from_millis(500)),
    ])
    .await;
    let slow_client = trial::Client::new(config(&slow.url()).build().unwrap());
    let error = create(&slow_client)
        .customize(|call| {
            call.attempt_timeout(Some(Duration::from_millis(50)))
                .max_attempts(1)
        })
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Timeout(t) if t.kind() == TimeoutKind::Attempt),
        "{error:?}"
    );
}
