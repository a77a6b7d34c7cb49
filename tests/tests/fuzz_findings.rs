//! Regressions for what fuzzing found (issues 9 and 13; the targets are in `fuzz/`), each at
//! the level where a user meets it: a reply from a server, on `tests/models/field-trial.json`.

use shapegen::{Config, Error};
use shapegen_tests::{Reply, ScriptedServer};

mod trial {
    shapegen::generate! {
        spec: "models/field-trial.json",
    }
}

fn client(url: &str) -> trial::Client {
    trial::Client::new(Config::builder().endpoint_url(url).build().unwrap())
}

async fn create(
    client: &trial::Client,
) -> Result<(), Error<trial::operation::create_meeting::CreateMeetingError>> {
    client
        .create_meeting()
        .meeting_id("m-1")
        .attendee_id("a-1")
        .send()
        .await
        .map(drop)
}

/// A reply timestamp whose offset holds a multi-byte character is a parse error naming the
/// member, not a panic (the offset was sliced by byte; headers_timestamps target).
#[tokio::test]
async fn timestamps_with_non_ascii_offsets_are_parse_errors() {
    let bad = "2026-12-01T15:37:44+a\u{e9}0";
    let server = ScriptedServer::start(vec![
        Reply::new(201).body(format!(r#"{{"CreatedAt":"{bad}"}}"#)),
        Reply::new(201).body("{}").header("X-Starts-At", bad),
    ])
    .await;
    let client = client(&server.url());
    let error = create(&client).await.unwrap_err();
    let Error::Response(response) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(response.cause().path(), Some("CreatedAt"));
    let error = create(&client).await.unwrap_err();
    assert!(matches!(error, Error::Response(_)), "{error:?}");
    let text = shapegen::DisplayChain(&error).to_string();
    assert!(text.to_lowercase().contains("x-starts-at"), "{text}");
}

/// A malformed value under a key that is empty or not a plain name is located by the key
/// quoted, never by an empty path or a raw control character (json_reader target).
#[tokio::test]
async fn error_paths_quote_keys_that_are_not_plain_names() {
    let server = ScriptedServer::start(vec![
        Reply::new(201).body(r#"{"Attendees":[],"":[1 2]}"#),
        Reply::new(201).body(r#"{"a\nb":{"c":tru}}"#),
    ])
    .await;
    let client = client(&server.url());
    for expected in [r#""""#, r#""a\nb".c"#] {
        let error = create(&client).await.unwrap_err();
        let Error::Response(response) = &error else {
            panic!("{error:?}");
        };
        assert_eq!(response.cause().path(), Some(expected));
        let text = shapegen::DisplayChain(&error).to_string();
        assert!(text.contains(&format!("`{expected}`")), "{text}");
        assert!(!text.contains('\n'), "{text}");
    }
}
