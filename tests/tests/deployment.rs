//! What a deployed client meets beyond a loopback test: credentials from providers (signing
//! verified by the endpoint with aws-sigv4), the retry quota, and a skewed clock.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use serde_json::json;
use shapegen::credentials::{
    CachingProvider, CredentialsError, CredentialsFuture, Env, Fs, ProvideCredentials,
    ProviderConfig,
};
use shapegen::{Config, Credentials, DateTime, Error, RetryQuota, TimestampFormat};
use shapegen_tests::{ChimeEndpoint, Reply, ScriptedServer};

mod chime {
    shapegen::generate! {
        spec: "../spec/chime.json",
        operations: [BatchCreateAttendee],
    }
}

use chime::types::CreateAttendeeRequestItem;

const MEETING: &str = "8f2a1c3e-5b6d-4e7f-9a0b-1c2d3e4f5a6b";

async fn create_attendee(
    client: &chime::Client,
) -> Result<
    chime::operation::batch_create_attendee::BatchCreateAttendeeOutput,
    Error<chime::operation::batch_create_attendee::BatchCreateAttendeeError>,
> {
    create_attendee_in(client, MEETING).await
}

async fn create_attendee_in(
    client: &chime::Client,
    meeting: &str,
) -> Result<
    chime::operation::batch_create_attendee::BatchCreateAttendeeOutput,
    Error<chime::operation::batch_create_attendee::BatchCreateAttendeeError>,
> {
    client
        .batch_create_attendee()
        .meeting_id(meeting)
        .attendees(
            CreateAttendeeRequestItem::builder()
                .external_user_id("ada@example.com")
                .build()
                .unwrap(),
        )
        .send()
        .await
}

/// Temporary credentials, counting how often they are asked for.
#[derive(Debug, Default)]
struct Counting {
    calls: AtomicUsize,
    fail: bool,
}

impl ProvideCredentials for Counting {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let result = if self.fail {
            Err(CredentialsError::provider_error(
                "the metadata service said no",
            ))
        } else {
            Ok(Credentials::new(
                "ASIAPROVIDED",
                "provided-secret",
                Some("SESSIONTOKEN".into()),
            )
            .with_expiry(SystemTime::now() + Duration::from_secs(3600)))
        };
        Box::pin(async move { result })
    }
}

#[tokio::test]
async fn requests_are_signed_with_credentials_from_a_provider() {
    let endpoint =
        ChimeEndpoint::start_with_credentials("ASIAPROVIDED", "provided-secret", "us-east-1").await;
    let counting = Arc::new(Counting::default());
    let provider = CachingProvider::new(SharedCounting(Arc::clone(&counting)));
    let client = chime::Client::new(
        Config::builder()
            .endpoint_url(endpoint.url())
            .region("us-east-1")
            .credentials_provider(provider)
            .build()
            .unwrap(),
    );
    let meeting = endpoint.create_meeting();
    for _ in 0..5 {
        create_attendee_in(&client, &meeting).await.unwrap();
    }
    assert_eq!(endpoint.request_count(), 5, "every signature verified");
    assert_eq!(
        counting.calls.load(Ordering::SeqCst),
        1,
        "cached by the provider"
    );
}

/// `CachingProvider` owns its inner provider; this shares the counter with the test.
#[derive(Debug)]
struct SharedCounting(Arc<Counting>);

impl ProvideCredentials for SharedCounting {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        self.0.provide_credentials()
    }
}

#[tokio::test]
async fn a_failing_provider_is_a_credentials_error_and_nothing_is_sent() {
    let server = ScriptedServer::start(vec![Reply::json(201, &json!({}))]).await;
    let client = chime::Client::new(
        Config::builder()
            .endpoint_url(server.url())
            .region("us-east-1")
            .credentials_provider(Counting {
                fail: true,
                ..Counting::default()
            })
            .build()
            .unwrap(),
    );
    let error = create_attendee(&client).await.unwrap_err();
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    assert!(error.to_string().contains("metadata service"), "{error}");
    assert_eq!(server.request_count(), 0);
}

/// `Config::load` (here reading a fake environment) gives a client that signs.
#[tokio::test]
async fn loaded_configs_sign_with_the_environment_credentials() {
    let endpoint =
        ChimeEndpoint::start_with_credentials("AKIDFROMENV", "env-secret", "eu-west-1").await;
    let sources = ProviderConfig::default()
        .with_env(Env::from_vars([
            ("AWS_REGION", "eu-west-1"),
            ("AWS_ACCESS_KEY_ID", "AKIDFROMENV"),
            ("AWS_SECRET_ACCESS_KEY", "env-secret"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ]))
        .with_fs(Fs::from_files(Vec::<(String, String)>::new()));
    let config = Config::builder()
        .endpoint_url(endpoint.url())
        .load_defaults_from(&sources)
        .await
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(config.region(), Some("eu-west-1"));
    create_attendee_in(&chime::Client::new(config), &endpoint.create_meeting())
        .await
        .unwrap();
    assert_eq!(endpoint.request_count(), 1);
}

fn quick(url: &str, quota: &Arc<RetryQuota>) -> chime::Client {
    chime::Client::new(
        Config::builder()
            .endpoint_url(url)
            .region("us-east-1")
            .credentials(Credentials::new("AKID", "secret", None))
            .initial_backoff(Duration::from_millis(1))
            .max_backoff(Duration::from_millis(2))
            .retry_quota(Arc::clone(quota))
            .build()
            .unwrap(),
    )
}

/// A failing service drains the quota: retries stop, first attempts go on, and successes
/// refill it.
#[tokio::test]
async fn the_retry_quota_stops_retries_when_drained() {
    let failing = ScriptedServer::start(vec![Reply::json(503, &json!({}))]).await;
    let quota = Arc::new(RetryQuota::new(12));
    let client = quick(&failing.url(), &quota);
    assert!(create_attendee(&client).await.is_err());
    assert_eq!(failing.request_count(), 3, "two retries of 5 tokens each");
    assert_eq!(quota.available(), 2);
    assert!(create_attendee(&client).await.is_err());
    assert_eq!(failing.request_count(), 4, "no token for a retry");
    let healthy = ScriptedServer::start(vec![Reply::json(201, &json!({}))]).await;
    create_attendee(&quick(&healthy.url(), &quota))
        .await
        .unwrap();
    assert_eq!(
        quota.available(),
        3,
        "a first-attempt success returns one token"
    );
}

/// Timeouts cost more: 10 tokens per retry.
#[tokio::test]
async fn timeouts_cost_more_of_the_quota() {
    let slow = ScriptedServer::start(vec![
        Reply::json(201, &json!({})).delay(Duration::from_millis(300)),
    ])
    .await;
    let quota = Arc::new(RetryQuota::new(15));
    let client = chime::Client::new(
        Config::builder()
            .endpoint_url(slow.url())
            .region("us-east-1")
            .initial_backoff(Duration::from_millis(1))
            .attempt_timeout(Duration::from_millis(50))
            .max_attempts(5)
            .retry_quota(Arc::clone(&quota))
            .build()
            .unwrap(),
    );
    let error = create_attendee(&client).await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(
        slow.request_count(),
        2,
        "one retry, then 5 tokens are too few"
    );
    assert_eq!(quota.available(), 5);
}

fn seconds_of(x_amz_date: &str) -> i64 {
    // 20261201T153744Z
    let iso = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &x_amz_date[0..4],
        &x_amz_date[4..6],
        &x_amz_date[6..8],
        &x_amz_date[9..11],
        &x_amz_date[11..13],
        &x_amz_date[13..15]
    );
    DateTime::parse(&iso, TimestampFormat::DateTime)
        .unwrap()
        .secs()
}

/// A service that says the request time is skewed, with its own clock in `Date`, gets the
/// request again signed at its time; later calls sign with the corrected clock at once.
#[tokio::test]
async fn a_skewed_clock_is_corrected_and_the_call_retried_once() {
    let now = DateTime::from(SystemTime::now()).secs();
    let server_time = DateTime::from_secs(now + 7200);
    let date = server_time.fmt(TimestampFormat::HttpDate).unwrap();
    let server = ScriptedServer::start(vec![
        Reply::json(
            403,
            &json!({"__type": "InvalidSignatureException", "message": "Signature expired"}),
        )
        .header("Date", date.clone()),
        Reply::json(201, &json!({})),
    ])
    .await;
    let quota = Arc::new(RetryQuota::new(500));
    let client = chime::Client::new(
        Config::builder()
            .endpoint_url(server.url())
            .region("us-east-1")
            .credentials(Credentials::new("AKID", "secret", None))
            .max_attempts(1)
            .retry_quota(Arc::clone(&quota))
            .build()
            .unwrap(),
    );
    create_attendee(&client).await.unwrap();
    create_attendee(&client).await.unwrap();
    let dates: Vec<i64> = server
        .requests()
        .iter()
        .map(|r| seconds_of(r.header("x-amz-date").unwrap()))
        .collect();
    assert_eq!(
        dates.len(),
        3,
        "the skewed attempt was retried once, even with max_attempts 1"
    );
    assert!((dates[0] - now).abs() < 60, "{dates:?}");
    assert!((dates[1] - (now + 7200)).abs() < 60, "{dates:?}");
    assert!((dates[2] - (now + 7200)).abs() < 60, "{dates:?}");
    // A signature error without a skewed `Date` is not retried.
    let unskewed = ScriptedServer::start(vec![
        Reply::json(403, &json!({"__type": "InvalidSignatureException"})).header(
            "Date",
            DateTime::from(SystemTime::now())
                .fmt(TimestampFormat::HttpDate)
                .unwrap(),
        ),
    ])
    .await;
    let client = chime::Client::new(
        Config::builder()
            .endpoint_url(unskewed.url())
            .region("us-east-1")
            .credentials(Credentials::new("AKID", "secret", None))
            .build()
            .unwrap(),
    );
    assert!(create_attendee(&client).await.is_err());
    assert_eq!(unskewed.request_count(), 1);
}
