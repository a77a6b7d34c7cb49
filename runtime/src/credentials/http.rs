//! Network calls of the providers: a timeout per attempt and a few retries on transient
//! failures (connection errors, timeouts, 429 and 5xx replies).

use std::time::Duration;

use bytes::Bytes;

use super::error::CredentialsError;
use crate::transport::HttpClient;

/// How one provider calls its source.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CallPolicy {
    /// The source, named in errors (`STS`, `the EC2 instance metadata service`).
    pub(crate) what: &'static str,
    /// Attempts, the first included.
    pub(crate) attempts: u32,
    /// The limit on one attempt, connection included.
    pub(crate) timeout: Duration,
}

/// What went wrong on the last attempt when no reply came.
#[derive(Debug, Clone)]
pub(crate) enum CallError {
    /// No connection or a broken one.
    Unreachable(CredentialsError),
    /// No reply within the timeout.
    TimedOut(CredentialsError),
}

impl CallError {
    /// The error to report.
    pub(crate) fn into_error(self) -> CredentialsError {
        match self {
            Self::Unreachable(error) | Self::TimedOut(error) => error,
        }
    }
}

/// Sends the request `build` makes (a fresh one per attempt, so signatures are fresh), and
/// returns the last reply, whatever its status, or why none came.
pub(crate) async fn send(
    http: &dyn HttpClient,
    policy: CallPolicy,
    build: impl Fn() -> Result<http::Request<Bytes>, CredentialsError> + Sync,
) -> Result<Result<http::Response<Bytes>, CallError>, CredentialsError> {
    send_built(http, policy, &build).await
}

/// [`send`] without the generic parameter, so its state machine is compiled once for every
/// caller.
async fn send_built(
    http: &dyn HttpClient,
    policy: CallPolicy,
    build: &(dyn Fn() -> Result<http::Request<Bytes>, CredentialsError> + Sync),
) -> Result<Result<http::Response<Bytes>, CallError>, CredentialsError> {
    let attempts = policy.attempts.max(1);
    let mut attempt = 1;
    loop {
        let request = build()?;
        let outcome = match tokio::time::timeout(policy.timeout, http.call(request)).await {
            Ok(Ok(response)) => Ok(response),
            Ok(Err(error)) => Err(CallError::Unreachable(
                CredentialsError::provider_error(format!(
                    "could not reach {}: {error}",
                    policy.what
                ))
                .with_source(error),
            )),
            Err(_) => Err(CallError::TimedOut(CredentialsError::timeout(format!(
                "{} did not answer within {:?}",
                policy.what, policy.timeout
            )))),
        };
        let transient = match &outcome {
            Ok(response) => is_transient_status(response.status()),
            Err(_) => true,
        };
        if !transient || attempt >= attempts {
            return Ok(outcome);
        }
        tokio::time::sleep(backoff(attempt)).await;
        attempt += 1;
    }
}

/// Statuses worth another try.
pub(crate) fn is_transient_status(status: http::StatusCode) -> bool {
    status == http::StatusCode::TOO_MANY_REQUESTS || status.is_server_error()
}

/// A short pause before attempt `attempt + 1`: 50 ms times the attempt, plus up to 50 ms.
fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(50 * u64::from(attempt) + fastrand::u64(0..=50))
}

/// The reply's body as UTF-8 text, or an error naming `what` (never the body itself).
pub(crate) fn body_text<'a>(body: &'a [u8], what: &str) -> Result<&'a str, CredentialsError> {
    std::str::from_utf8(body)
        .map_err(|_| CredentialsError::provider_error(format!("{what} is not UTF-8 text")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::test_support::{FakeResponse, FakeServer, closed_port};
    use crate::transport::HyperClient;

    fn policy(attempts: u32) -> CallPolicy {
        CallPolicy {
            what: "the fake",
            attempts,
            timeout: Duration::from_millis(500),
        }
    }

    fn get(url: String) -> impl Fn() -> Result<http::Request<Bytes>, CredentialsError> + Sync {
        move || Ok(http::Request::get(url.clone()).body(Bytes::new()).unwrap())
    }

    #[tokio::test]
    async fn server_errors_are_retried_up_to_the_limit() {
        let server = FakeServer::start(|_| FakeResponse::status(503)).await;
        let client = HyperClient::new(None);
        let reply = send(&client, policy(3), get(server.url("/")))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(reply.status(), 503);
        assert_eq!(server.hits(), 3);
    }

    #[tokio::test]
    async fn client_errors_are_not_retried() {
        let server = FakeServer::start(|_| FakeResponse::status(404)).await;
        let client = HyperClient::new(None);
        let reply = send(&client, policy(3), get(server.url("/")))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(reply.status(), 404);
        assert_eq!(server.hits(), 1);
    }

    #[tokio::test]
    async fn refused_connections_and_slow_replies_are_errors() {
        let client = HyperClient::new(None);
        let url = format!("http://127.0.0.1:{}/", closed_port());
        let error = send(&client, policy(2), get(url))
            .await
            .unwrap()
            .unwrap_err();
        assert!(matches!(error, CallError::Unreachable(_)), "{error:?}");
        assert!(
            error
                .into_error()
                .message()
                .starts_with("could not reach the fake"),
        );

        let server =
            FakeServer::start(|_| FakeResponse::ok("late").delayed(Duration::from_secs(3))).await;
        let error = send(&client, policy(1), get(server.url("/")))
            .await
            .unwrap()
            .unwrap_err();
        assert!(matches!(error, CallError::TimedOut(_)), "{error:?}");
    }
}
