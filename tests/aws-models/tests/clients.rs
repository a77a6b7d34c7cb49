//! The sample's composition, and a few of its clients (generated in full) against scripted
//! loopback replies, on the code paths of the fallbacks: a Java `(?s)` pattern enforced as its
//! ECMA-262 translation, a pattern not enforced, a model with an event-stream operation left out.

#![cfg(all(aws_models, not(clippy)))]

use std::time::Duration;

use serde_json::json;
use shapegen::{Blob, Config, ViolationKind};
use shapegen_aws_models::{COMPILED_BY_REAL_MODELS, SAMPLE, amplify, rbin, sagemaker_runtime};
use shapegen_tests::{Reply, ScriptedServer, unused_local_url};

fn config(url: &str) -> Config {
    Config::builder()
        .endpoint_url(url)
        .region("us-east-1")
        .credentials(shapegen::Credentials::new("AKID", "SECRET", None))
        .initial_backoff(Duration::from_millis(1))
        .build()
        .unwrap()
}

#[test]
fn the_sample_covers_twenty_models_the_biggest_and_every_fallback() {
    let Some(shared) = shapegen_tests::shared_dir() else {
        return;
    };
    println!("{} models compiled in full:", SAMPLE.len());
    for (model, why) in SAMPLE {
        println!("  {model}: {why}");
    }
    assert!(SAMPLE.len() >= 20, "{SAMPLE:?}");
    let sampled = |model: &str| SAMPLE.iter().any(|(m, _)| *m == model);
    for model in ["amplify", "chime-sdk-voice", "lex-models-v2", "rbin"] {
        assert!(sampled(model), "{model} relies on a pattern fallback");
    }
    assert!(
        SAMPLE
            .iter()
            .any(|(_, why)| why.contains("left out for using event streams"))
    );
    // The biggest restJson1 model is compiled here or, byte for byte, by tests/real-models.
    let index = std::fs::read_to_string(shared.join("models/aws/INDEX.tsv")).unwrap();
    let biggest = index
        .lines()
        .skip(1)
        .map(|line| line.split('\t').collect::<Vec<_>>())
        .filter(|columns| columns.get(2) == Some(&"restJson1"))
        .max_by_key(|columns| columns[4].parse::<usize>().unwrap())
        .map(|columns| columns[0])
        .unwrap();
    assert!(
        sampled(biggest) || COMPILED_BY_REAL_MODELS.contains(&biggest),
        "{biggest}"
    );
}

/// Amplify's names are `^(?s).+$` and its descriptions `^(?s)`: Java's dot-all, checked
/// through the modifier group `(?s:…)`, so a newline is a character like any other.
#[tokio::test]
async fn amplify_checks_java_dot_all_patterns_with_their_meaning() {
    let server = ScriptedServer::start(vec![Reply::json(
        200,
        &json!({"app": {"appId": "d1", "name": "two\nlines", "platform": "WEB"}}),
    )])
    .await;
    let client = amplify::Client::new(config(&server.url()));
    let output = client
        .create_app()
        .name("two\nlines")
        .description("multi\nline\ndescription")
        .send()
        .await
        .unwrap();
    assert_eq!(output.app.name, "two\nlines");
    let request = &server.requests()[0];
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("POST", "/apps")
    );
    assert_eq!(
        request.json(),
        json!({"name": "two\nlines", "description": "multi\nline\ndescription"})
    );

    let error = amplify::Client::new(config(&unused_local_url()))
        .create_app()
        .name("")
        .send()
        .await
        .unwrap_err();
    let kinds: Vec<ViolationKind> = error
        .as_validation_error()
        .unwrap()
        .violations()
        .iter()
        .map(|v| v.kind())
        .collect();
    assert_eq!(kinds, [ViolationKind::Length, ViolationKind::Pattern]);
}

/// Recycle Bin's rule ARN pattern ends in `{11}{0,1011}`, which ECMA-262 rejects: it is not
/// enforced, so any resource ARN is sent.
#[tokio::test]
async fn rbin_sends_a_value_its_unenforced_pattern_would_reject() {
    let server = ScriptedServer::start(vec![Reply::json(
        200,
        &json!({"Tags": [{"Key": "team", "Value": "storage"}]}),
    )])
    .await;
    let output = rbin::Client::new(config(&server.url()))
        .list_tags_for_resource()
        .resource_arn("not-an-arn")
        .send()
        .await
        .unwrap();
    let tags = output.tags.unwrap();
    assert_eq!(
        (tags[0].key.as_str(), tags[0].value.as_str()),
        ("team", "storage")
    );
    assert_eq!(server.requests()[0].path, "/tags/not-an-arn");
}

/// SageMaker Runtime, without its event-stream operation: the rest of the client works,
/// streaming blobs included.
#[tokio::test]
async fn sagemaker_runtime_works_without_its_event_stream_operation() {
    let server = ScriptedServer::start(vec![
        Reply::new(200)
            .header("Content-Type", "application/json")
            .header("X-Amzn-Invoked-Production-Variant", "variant-1")
            .body(&b"{\"score\": 0.9}"[..]),
    ])
    .await;
    let output = sagemaker_runtime::Client::new(config(&server.url()))
        .invoke_endpoint()
        .endpoint_name("scorer")
        .content_type("application/json")
        .body(Blob::from("{\"text\": \"hello\"}"))
        .send()
        .await
        .unwrap();
    assert_eq!(output.body.unwrap().as_bytes(), b"{\"score\": 0.9}");
    assert_eq!(
        output.invoked_production_variant.as_deref(),
        Some("variant-1")
    );
    let request = &server.requests()[0];
    assert_eq!(request.path, "/endpoints/scorer/invocations");
    assert_eq!(request.body, b"{\"text\": \"hello\"}");
    assert_eq!(request.header("content-type"), Some("application/json"));
}
