//! The EC2 instance metadata service (IMDSv2): a session token first, then metadata reads
//! with it. Serves the instance's role credentials and (for the region chain) its region.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{HeaderValue, Method, StatusCode};

use super::http::{CallError, CallPolicy, body_text, send};
use super::json::CredentialsDocument;
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials, ProviderConfig};

/// The IPv4 endpoint.
const IPV4_ENDPOINT: &str = "http://169.254.169.254";
/// The IPv6 endpoint (`AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6`).
const IPV6_ENDPOINT: &str = "http://[fd00:ec2::254]";
/// The session token lifetime asked for: six hours, the maximum.
const TOKEN_TTL: Duration = Duration::from_secs(21_600);
/// A token is replaced this long before it expires.
const TOKEN_MARGIN: Duration = Duration::from_secs(120);
/// The default limit on one attempt: short, so machines off EC2 fall through quickly.
const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(1);
/// Attempts per request: one retry.
const ATTEMPTS: u32 = 2;
/// The role credentials path.
const CREDENTIALS_PATH: &str = "/latest/meta-data/iam/security-credentials/";

/// An IMDSv2 client: `PUT /latest/api/token` once (cached for its lifetime), then `GET`s with
/// the token. IMDSv1 (reads without a token) is never used.
pub(crate) struct ImdsClient {
    config: ProviderConfig,
    attempt_timeout: Duration,
    /// The session token and when to stop using it.
    token: Mutex<Option<(HeaderValue, SystemTime)>>,
}

impl std::fmt::Debug for ImdsClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImdsClient")
            .field("endpoint", &self.endpoint().ok())
            .field("attempt_timeout", &self.attempt_timeout)
            .finish_non_exhaustive()
    }
}

impl ImdsClient {
    /// A client configured from the environment of `config`.
    pub(crate) fn new(config: &ProviderConfig) -> Self {
        Self {
            config: config.clone(),
            attempt_timeout: DEFAULT_ATTEMPT_TIMEOUT,
            token: Mutex::new(None),
        }
    }

    /// Whether `AWS_EC2_METADATA_DISABLED` is `true`.
    pub(crate) fn is_disabled(&self) -> bool {
        self.config.env().is_true("AWS_EC2_METADATA_DISABLED")
    }

    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else the endpoint of
    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` (`IPv4`, the default, or `IPv6`).
    fn endpoint(&self) -> Result<String, CredentialsError> {
        let env = self.config.env();
        if let Some(endpoint) = env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT") {
            return Ok(endpoint.trim_end_matches('/').to_owned());
        }
        match env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE").as_deref() {
            None => Ok(IPV4_ENDPOINT.to_owned()),
            Some(mode) if mode.eq_ignore_ascii_case("ipv4") => Ok(IPV4_ENDPOINT.to_owned()),
            Some(mode) if mode.eq_ignore_ascii_case("ipv6") => Ok(IPV6_ENDPOINT.to_owned()),
            Some(_) => Err(CredentialsError::invalid_configuration(
                "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE must be IPv4 or IPv6",
            )),
        }
    }

    fn policy(&self) -> CallPolicy {
        CallPolicy {
            what: "the EC2 instance metadata service",
            attempts: ATTEMPTS,
            timeout: self.attempt_timeout,
        }
    }

    fn request(
        &self,
        method: Method,
        endpoint: &str,
        path: &str,
        header: (&'static str, HeaderValue),
    ) -> Result<http::Request<Bytes>, CredentialsError> {
        http::Request::builder()
            .method(method)
            .uri(format!("{endpoint}{path}"))
            .header(header.0, header.1)
            .body(Bytes::new())
            .map_err(|_| {
                CredentialsError::invalid_configuration(format!(
                    "`{endpoint}{path}` is not a valid instance metadata URL"
                ))
            })
    }

    /// A session token: the cached one, else a new one.
    async fn token(&self, endpoint: &str) -> Result<HeaderValue, CredentialsError> {
        let now = self.config.now();
        if let Some((token, until)) = self.lock_token().as_ref()
            && now < *until
        {
            return Ok(token.clone());
        }
        let ttl = HeaderValue::from(TOKEN_TTL.as_secs());
        let reply = send(self.config.http_client().as_ref(), self.policy(), || {
            self.request(
                Method::PUT,
                endpoint,
                "/latest/api/token",
                ("x-aws-ec2-metadata-token-ttl-seconds", ttl.clone()),
            )
        })
        .await?;
        let response = match reply {
            Ok(response) => response,
            // No answer at all: this is not an EC2 instance (or IMDS is off).
            Err(CallError::Unreachable(error) | CallError::TimedOut(error)) => {
                return Err(CredentialsError::not_configured(format!(
                    "the EC2 instance metadata service at {endpoint} is not reachable \
                     (not on EC2?): {error}"
                )));
            }
        };
        match response.status() {
            StatusCode::OK => {}
            StatusCode::FORBIDDEN => {
                return Err(CredentialsError::not_configured(format!(
                    "the EC2 instance metadata service at {endpoint} refused a session token \
                     (HTTP 403): it is disabled on this instance"
                )));
            }
            status => {
                return Err(CredentialsError::provider_error(format!(
                    "the EC2 instance metadata service at {endpoint} answered the token \
                     request with HTTP {}",
                    status.as_u16()
                )));
            }
        }
        let text = body_text(response.body(), "the instance metadata token")?;
        let mut token = HeaderValue::from_str(text.trim())
            .ok()
            .filter(|token| !token.is_empty())
            .ok_or_else(|| {
                CredentialsError::provider_error(
                    "the instance metadata token is empty or not valid header text",
                )
            })?;
        token.set_sensitive(true);
        let until = now + TOKEN_TTL.saturating_sub(TOKEN_MARGIN);
        *self.lock_token() = Some((token.clone(), until));
        Ok(token)
    }

    fn lock_token(&self) -> std::sync::MutexGuard<'_, Option<(HeaderValue, SystemTime)>> {
        self.token.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The text at `path`; `Ok(None)` when the service answers 404.
    pub(crate) async fn get(&self, path: &str) -> Result<Option<String>, CredentialsError> {
        let endpoint = self.endpoint()?;
        // A 401 means the token expired early (e.g. the instance was stopped): get a new
        // one and try once more.
        for fresh_token in [false, true] {
            if fresh_token {
                *self.lock_token() = None;
            }
            let token = self.token(&endpoint).await?;
            let response = send(self.config.http_client().as_ref(), self.policy(), || {
                self.request(
                    Method::GET,
                    &endpoint,
                    path,
                    ("x-aws-ec2-metadata-token", token.clone()),
                )
            })
            .await?
            .map_err(|error| error.into_error().context(format_args!("{endpoint}{path}")))?;
            match response.status() {
                StatusCode::OK => {
                    return body_text(response.body(), "the instance metadata reply")
                        .map(|text| Some(text.to_owned()));
                }
                StatusCode::NOT_FOUND => return Ok(None),
                StatusCode::UNAUTHORIZED if !fresh_token => continue,
                status => {
                    return Err(CredentialsError::provider_error(format!(
                        "the EC2 instance metadata service answered {endpoint}{path} with HTTP {}",
                        status.as_u16()
                    )));
                }
            }
        }
        Err(CredentialsError::provider_error(format!(
            "the EC2 instance metadata service rejected a fresh session token for {endpoint}{path}"
        )))
    }
}

/// Credentials of the IAM role attached to this EC2 instance, from the instance metadata
/// service (IMDSv2 only).
///
/// The endpoint is `http://169.254.169.254`, or `AWS_EC2_METADATA_SERVICE_ENDPOINT`, or the
/// IPv6 one with `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6`. Each request has a 1 s
/// timeout and one retry, so a machine that is not on EC2 falls through within seconds.
/// Not configured when `AWS_EC2_METADATA_DISABLED=true`, when the service cannot be
/// reached or refuses a token, or when no role is attached to the instance.
#[derive(Debug, Clone)]
pub struct ImdsProvider {
    client: Arc<ImdsClient>,
}

impl ImdsProvider {
    /// A provider configured from the environment of `config`.
    pub fn new(config: &ProviderConfig) -> Self {
        Self {
            client: Arc::new(ImdsClient::new(config)),
        }
    }

    /// Limits each attempt to `timeout` instead of 1 s.
    pub fn with_attempt_timeout(self, timeout: Duration) -> Self {
        let mut client = ImdsClient::new(&self.client.config);
        client.attempt_timeout = timeout;
        Self {
            client: Arc::new(client),
        }
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        if self.client.is_disabled() {
            return Err(CredentialsError::not_configured(
                "AWS_EC2_METADATA_DISABLED is true",
            ));
        }
        let roles = self.client.get(CREDENTIALS_PATH).await?;
        let Some(role) = roles
            .as_deref()
            .and_then(|roles| roles.lines().map(str::trim).find(|role| !role.is_empty()))
        else {
            return Err(CredentialsError::not_configured(
                "no IAM role is attached to this EC2 instance",
            ));
        };
        let document = self
            .client
            .get(&format!("{CREDENTIALS_PATH}{role}"))
            .await?
            .ok_or_else(|| {
                CredentialsError::provider_error(format!(
                    "the EC2 instance metadata service has no credentials for role `{role}`"
                ))
            })?;
        let what = format!("the instance metadata credentials of role `{role}`");
        let document = CredentialsDocument::parse(document.as_bytes(), &what)?;
        if let Some(code) = document.code.as_deref()
            && code != "Success"
        {
            return Err(CredentialsError::provider_error(format!(
                "{what} have `Code` {code}"
            )));
        }
        document.into_credentials(&what)
    }
}

impl ProvideCredentials for ImdsProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::credentials::CredentialsErrorKind;
    use crate::credentials::test_support::{
        FakeRequest, FakeResponse, FakeServer, closed_port, config,
    };
    use crate::transport::HttpClient;
    use std::sync::atomic::{AtomicUsize, Ordering};

    pub(crate) const IMDS_TOKEN: &str = "imds-session-token";

    /// A fake IMDS: tokens on PUT (with a TTL header), 401 on GETs without the token, the
    /// role `web-server`, its credentials, the region `eu-north-1`.
    pub(crate) async fn fake_imds() -> FakeServer {
        fake_imds_with(|path| match path {
            CREDENTIALS_PATH => Some("web-server\n".to_owned()),
            "/latest/meta-data/iam/security-credentials/web-server" => Some(
                r#"{"Code":"Success","LastUpdated":"2024-05-01T00:00:00Z","Type":"AWS-HMAC",
                "AccessKeyId":"ASIAIMDS","SecretAccessKey":"imds-secret","Token":"imds-token",
                "Expiration":"2024-05-01T06:00:00Z"}"#
                    .to_owned(),
            ),
            "/latest/meta-data/placement/region" => Some("eu-north-1".to_owned()),
            _ => None,
        })
        .await
    }

    pub(crate) async fn fake_imds_with(
        paths: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> FakeServer {
        FakeServer::start(move |request: &FakeRequest| {
            if request.method == "PUT" && request.target == "/latest/api/token" {
                return match request.header("x-aws-ec2-metadata-token-ttl-seconds") {
                    Some("21600") => FakeResponse::ok(IMDS_TOKEN),
                    _ => FakeResponse::status(400),
                };
            }
            if request.header("x-aws-ec2-metadata-token") != Some(IMDS_TOKEN) {
                return FakeResponse::status(401);
            }
            match paths(&request.target) {
                Some(body) => FakeResponse::ok(body),
                None => FakeResponse::status(404),
            }
        })
        .await
    }

    fn provider(endpoint: &str) -> ImdsProvider {
        ImdsProvider::new(&config(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", endpoint)]))
    }

    #[tokio::test]
    async fn token_then_role_then_credentials() {
        let imds = fake_imds().await;
        let provider = provider(&imds.base());
        let credentials = provider.provide_credentials().await.unwrap();
        assert_eq!(credentials.access_key_id(), "ASIAIMDS");
        assert_eq!(credentials.secret_access_key(), "imds-secret");
        assert_eq!(credentials.session_token(), Some("imds-token"));
        let requests = imds.requests();
        let seen: Vec<(&str, &str)> = requests
            .iter()
            .map(|r| (r.method.as_str(), r.target.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                ("PUT", "/latest/api/token"),
                ("GET", CREDENTIALS_PATH),
                (
                    "GET",
                    "/latest/meta-data/iam/security-credentials/web-server"
                ),
            ]
        );
        // The token is reused.
        provider.provide_credentials().await.unwrap();
        assert_eq!(
            imds.requests().iter().filter(|r| r.method == "PUT").count(),
            1
        );
    }

    #[tokio::test]
    async fn the_fake_rejects_reads_without_a_token() {
        let imds = fake_imds().await;
        let reply = crate::transport::HyperClient::new(None)
            .call(
                http::Request::get(imds.url(CREDENTIALS_PATH))
                    .body(Bytes::new())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(reply.status(), 401);
    }

    #[tokio::test]
    async fn a_rejected_token_is_replaced_once() {
        let puts = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&puts);
        // The first token handed out is stale: GETs with it get 401.
        let imds = FakeServer::start(move |request: &FakeRequest| {
            if request.method == "PUT" {
                let n = counter.fetch_add(1, Ordering::SeqCst);
                return FakeResponse::ok(if n == 0 { "stale" } else { IMDS_TOKEN });
            }
            if request.header("x-aws-ec2-metadata-token") != Some(IMDS_TOKEN) {
                return FakeResponse::status(401);
            }
            FakeResponse::ok("eu-north-1")
        })
        .await;
        let client = ImdsClient::new(&config(&[(
            "AWS_EC2_METADATA_SERVICE_ENDPOINT",
            &imds.base(),
        )]));
        assert_eq!(
            client
                .get("/latest/meta-data/placement/region")
                .await
                .unwrap()
                .as_deref(),
            Some("eu-north-1")
        );
        assert_eq!(puts.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn unreachable_disabled_or_roleless_is_not_configured() {
        let down = provider(&format!("http://127.0.0.1:{}", closed_port()))
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(down.is_not_configured(), "{down}");
        assert!(down.message().contains("not reachable"), "{down}");

        let disabled = ImdsProvider::new(&config(&[("AWS_EC2_METADATA_DISABLED", "TRUE")]))
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(disabled.is_not_configured());

        let forbidden = FakeServer::start(|_| FakeResponse::status(403)).await;
        let error = provider(&forbidden.base())
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(error.is_not_configured(), "{error}");

        let roleless = fake_imds_with(|_| None).await;
        let error = provider(&roleless.base())
            .provide_credentials()
            .await
            .unwrap_err();
        assert_eq!(
            error.message(),
            "no IAM role is attached to this EC2 instance"
        );
    }

    #[tokio::test]
    async fn slow_service_times_out_quickly_with_one_retry() {
        let slow =
            FakeServer::start(|_| FakeResponse::ok("t").delayed(Duration::from_secs(5))).await;
        let started = std::time::Instant::now();
        let error = provider(&slow.base())
            .with_attempt_timeout(Duration::from_millis(200))
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(error.is_not_configured(), "{error}");
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!(slow.hits(), 2, "one attempt and one retry");
    }

    #[tokio::test]
    async fn failures_and_malformed_credentials() {
        let failing =
            fake_imds_with(|path| (path == CREDENTIALS_PATH).then(|| "r".to_owned())).await;
        let error = provider(&failing.base())
            .provide_credentials()
            .await
            .unwrap_err();
        assert_eq!(error.kind(), CredentialsErrorKind::ProviderError);
        assert!(
            error.message().contains("no credentials for role `r`"),
            "{error}"
        );

        for (document, expected) in [
            (
                r#"{"Code":"Failure","AccessKeyId":"A","SecretAccessKey":"S"}"#,
                "`Code` Failure",
            ),
            (
                r#"{"Code":"Success","AccessKeyId":"A"}"#,
                "no `SecretAccessKey`",
            ),
            (
                r#"{"Code":"Success","AccessKeyId":"A","SecretAccessKey":imds-secret"#,
                "not a valid JSON",
            ),
            (
                r#"{"Code":"Success","AccessKeyId":"A","SecretAccessKey":"S","Expiration":"x"}"#,
                "RFC 3339",
            ),
        ] {
            let imds = fake_imds_with(move |path| match path {
                CREDENTIALS_PATH => Some("r".to_owned()),
                _ => Some(document.to_owned()),
            })
            .await;
            let error = provider(&imds.base())
                .provide_credentials()
                .await
                .unwrap_err();
            assert!(error.message().contains(expected), "{error} vs {expected}");
            assert!(!error.message().contains("imds-secret"));
        }

        let broken = FakeServer::start(|request: &FakeRequest| {
            if request.method == "PUT" {
                FakeResponse::ok(IMDS_TOKEN)
            } else {
                FakeResponse::status(500)
            }
        })
        .await;
        let error = provider(&broken.base())
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(error.message().ends_with("with HTTP 500"), "{error}");
        assert_eq!(broken.hits(), 1 + ATTEMPTS as usize);
    }
}
