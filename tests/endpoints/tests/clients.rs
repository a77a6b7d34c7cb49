//! Generated clients resolve their endpoints from the model's rule set: the URL, the signing
//! name and region, FIPS, dual-stack, partitions other than `aws`, account-based endpoints and
//! endpoint overrides, as the request leaves the client (captured before any I/O).

#![cfg(aws_models)]

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use shapegen::{Config, ConfigBuilder, Credentials, Error, HttpClient, HttpFuture};

mod dynamodb {
    shapegen::generate! {
        spec: "../../../shared/models/aws/dynamodb.json",
        operations: [ListTables, DescribeTable],
    }
}

mod meetings {
    shapegen::generate! {
        spec: "../../../shared/models/aws/chime-sdk-meetings.json",
        operations: [GetMeeting],
    }
}

/// Records every request and answers `200 {}`.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<http::Request<Bytes>>>>);

impl Capture {
    fn last(&self) -> http::Request<Bytes> {
        self.0
            .lock()
            .unwrap()
            .last()
            .cloned()
            .expect("a request was sent")
    }
}

impl HttpClient for Capture {
    fn call(&self, request: http::Request<Bytes>) -> HttpFuture<'_> {
        self.0.lock().unwrap().push(request);
        Box::pin(async {
            Ok(http::Response::builder()
                .status(200)
                .body(Bytes::from_static(b"{}"))
                .unwrap())
        })
    }
}

fn base(capture: &Capture) -> ConfigBuilder {
    Config::builder()
        .http_client(capture.clone())
        .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
}

/// The URL and the credential scope (`date/region/service/aws4_request`) of the request.
async fn dynamodb_request(config: ConfigBuilder, capture: &Capture) -> (String, String) {
    dynamodb::Client::new(config.build().unwrap())
        .list_tables()
        .send()
        .await
        .unwrap();
    sent(capture)
}

fn sent(capture: &Capture) -> (String, String) {
    let request = capture.last();
    let authorization = request.headers()["authorization"]
        .to_str()
        .unwrap()
        .to_owned();
    let scope = authorization
        .split("Credential=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .and_then(|credential| credential.split_once('/'))
        .map(|(_, scope)| {
            scope
                .split_once('/')
                .map_or(scope, |(_, rest)| rest)
                .to_owned()
        })
        .unwrap();
    (request.uri().to_string(), scope)
}

#[tokio::test]
async fn endpoints_follow_region_partition_fips_and_dual_stack() {
    let capture = Capture::default();
    for (config, url, scope) in [
        (
            base(&capture).region("us-east-1"),
            "https://dynamodb.us-east-1.amazonaws.com/",
            "us-east-1/dynamodb/aws4_request",
        ),
        (
            base(&capture).region("us-east-1").use_fips(true),
            "https://dynamodb-fips.us-east-1.amazonaws.com/",
            "us-east-1/dynamodb/aws4_request",
        ),
        (
            base(&capture).region("us-east-1").use_dual_stack(true),
            "https://dynamodb.us-east-1.api.aws/",
            "us-east-1/dynamodb/aws4_request",
        ),
        (
            base(&capture).region("us-gov-west-1"),
            "https://dynamodb.us-gov-west-1.amazonaws.com/",
            "us-gov-west-1/dynamodb/aws4_request",
        ),
        (
            base(&capture).region("cn-north-1"),
            "https://dynamodb.cn-north-1.amazonaws.com.cn/",
            "cn-north-1/dynamodb/aws4_request",
        ),
        (
            base(&capture).region("us-iso-east-1"),
            "https://dynamodb.us-iso-east-1.c2s.ic.gov/",
            "us-iso-east-1/dynamodb/aws4_request",
        ),
        (
            base(&capture)
                .region("eu-west-1")
                .endpoint_url("http://127.0.0.1:8000"),
            "http://127.0.0.1:8000/",
            "eu-west-1/dynamodb/aws4_request",
        ),
    ] {
        assert_eq!(
            dynamodb_request(config, &capture).await,
            (url.to_owned(), scope.to_owned())
        );
    }
}

#[tokio::test]
async fn account_based_endpoints_use_the_credentials_account() {
    let capture = Capture::default();
    let with_account = Config::builder()
        .http_client(capture.clone())
        .region("us-east-1")
        .credentials(Credentials::new("AKID", "secret", None).with_account_id("111122223333"));
    let (url, _) = dynamodb_request(with_account, &capture).await;
    assert_eq!(url, "https://111122223333.ddb.us-east-1.amazonaws.com/");
    let disabled = Config::builder()
        .http_client(capture.clone())
        .region("us-east-1")
        .account_id_endpoint_mode("disabled")
        .credentials(Credentials::new("AKID", "secret", None).with_account_id("111122223333"));
    let (url, _) = dynamodb_request(disabled, &capture).await;
    assert_eq!(url, "https://dynamodb.us-east-1.amazonaws.com/");
}

#[tokio::test]
async fn rule_errors_are_construction_errors_and_nothing_is_sent() {
    let capture = Capture::default();
    let client = dynamodb::Client::new(
        base(&capture)
            .region("us-east-1")
            .use_fips(true)
            .endpoint_url("https://example.com")
            .build()
            .unwrap(),
    );
    let error = client.list_tables().send().await.unwrap_err();
    let Error::Construction(construction) = &error else {
        panic!("{error:?}");
    };
    assert!(
        construction
            .message()
            .contains("FIPS and custom endpoint are not supported"),
        "{error}"
    );
    assert!(capture.0.lock().unwrap().is_empty());
}

/// The host is the service's (`meetings-chime`) while requests are signed as `chime`, as the
/// endpoint's auth scheme says.
#[tokio::test]
async fn the_signing_name_comes_from_the_endpoint() {
    let capture = Capture::default();
    meetings::Client::new(base(&capture).region("eu-central-1").build().unwrap())
        .get_meeting()
        .meeting_id("8f2a1c3e-5b6d-4e7f-9a0b-1c2d3e4f5a6b")
        .send()
        .await
        .unwrap();
    let (url, scope) = sent(&capture);
    assert_eq!(
        url,
        "https://meetings-chime.eu-central-1.amazonaws.com/meetings/8f2a1c3e-5b6d-4e7f-9a0b-1c2d3e4f5a6b"
    );
    assert_eq!(scope, "eu-central-1/chime/aws4_request");
}
