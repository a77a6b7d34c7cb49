//! The `reply_handling` target: a client generated from `models/replies.json` (headers of every
//! type, header lists, timestamps in each format, prefix headers, the status code, unions,
//! blobs, documents, payloads and modeled errors) receives an arbitrary reply, through an
//! [`HttpClient`] that answers every request with it. Any outcome but a panic is fine; the
//! outcome is formatted every way a user would, and must not show the secret key.

use std::error::Error as StdError;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use shapegen::{Config, Credentials, HttpClient, HttpFuture};

use crate::reply::Reply;

#[allow(missing_docs, clippy::all)]
mod client {
    shapegen::generate! {
        spec: "models/replies.json",
    }
}

const SECRET: &str = "fuzzSecretKeyThatMustNeverBeShown0123456";

/// The reply every request gets.
#[derive(Clone, Default)]
struct Canned {
    reply: Arc<Mutex<Option<(StatusCode, HeaderMap, Bytes)>>>,
}

impl HttpClient for Canned {
    fn call(&self, _request: http::Request<Bytes>) -> HttpFuture<'_> {
        let reply = self.reply.lock().map(|r| r.clone()).unwrap_or_default();
        Box::pin(async move {
            let (status, headers, body) = reply.unwrap_or_default();
            let mut response = http::Response::new(body);
            *response.status_mut() = status;
            *response.headers_mut() = headers;
            Ok(response)
        })
    }
}

/// The runtime, client and canned reply, made once per process.
struct Harness {
    runtime: tokio::runtime::Runtime,
    client: client::Client,
    canned: Canned,
}

fn harness() -> &'static Harness {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| {
        // Paused time: backoff and Retry-After waits pass at once.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .expect("a current-thread runtime");
        let canned = Canned::default();
        let config = Config::builder()
            .endpoint_url("https://replies.example.com")
            .region("us-east-1")
            .credentials(Credentials::new("AKIDFUZZ", SECRET, None))
            .max_attempts(2)
            .http_client(canned.clone())
            .build()
            .expect("a valid config");
        Harness {
            runtime,
            client: client::Client::new(config),
            canned,
        }
    })
}

/// Calls the operation the reply names (by its first letters; unknown names pick one by
/// length) with `data` decoded as the reply; panics on a finding.
pub fn check(data: &[u8]) {
    let reply = Reply::decode(data);
    let status = StatusCode::from_u16(reply.status)
        .unwrap_or_else(|_| StatusCode::from_u16(reply.status % 900 + 100).unwrap_or_default());
    let harness = harness();
    if let Ok(mut canned) = harness.canned.reply.lock() {
        *canned = Some((status, reply.headers.clone(), reply.body.clone()));
    }
    let client = &harness.client;
    let outcome = harness.runtime.block_on(async {
        let call = async {
            match operation_index(&reply.operation) {
                0 => describe(client.get_everything().id("fuzz").send().await),
                1 => describe(client.get_blob_payload().send().await),
                2 => describe(client.get_union_payload().send().await),
                3 => describe(client.get_structure_payload().send().await),
                _ => describe(client.get_text_payload().send().await),
            }
        };
        tokio::time::timeout(Duration::from_secs(3600), call).await
    });
    let text = outcome.expect("a canned reply is handled without waiting an hour");
    let secret_in_input = data.windows(SECRET.len()).any(|w| w == SECRET.as_bytes());
    assert!(
        secret_in_input || !text.contains(SECRET),
        "the secret key is shown: {text}"
    );
}

/// Which operation a name selects.
fn operation_index(name: &str) -> usize {
    const NAMES: [&str; 5] = [
        "GetEverything",
        "GetBlobPayload",
        "GetUnionPayload",
        "GetStructurePayload",
        "GetTextPayload",
    ];
    NAMES
        .iter()
        .position(|known| known.eq_ignore_ascii_case(name))
        .unwrap_or(name.len() % NAMES.len())
}

/// The outcome as a user would print it: Debug of the output, or Display, Debug and the
/// source chain of the error.
fn describe<T: std::fmt::Debug, E: StdError + 'static>(
    outcome: Result<T, shapegen::Error<E>>,
) -> String {
    match outcome {
        Ok(output) => format!("{output:?}"),
        Err(error) => {
            let mut text = format!("{error}\n{error:?}");
            let _ = error.request_id();
            if let Some(service) = error.as_service_error() {
                text.push_str(&format!("\n{service}"));
            }
            let mut source = error.source();
            while let Some(cause) = source {
                text.push_str(&format!("\n{cause}"));
                source = cause.source();
            }
            text
        }
    }
}
