//! Client configuration: endpoint, region, credentials, retries, timeouts, validation.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::credentials::Credentials;
use crate::transport::{HttpClient, ResponseLimits};

/// How a client calls its service. Build one with [`Config::builder`].
///
/// ```
/// use std::time::Duration;
///
/// let config = shapegen::Config::builder()
///     .endpoint_url("http://127.0.0.1:8080")
///     .region("us-east-1")
///     .credentials(shapegen::Credentials::new("AKID", "SECRET", None))
///     .max_attempts(3)
///     .attempt_timeout(Duration::from_secs(2))
///     .operation_timeout(Duration::from_secs(10))
///     .validation(true)
///     .build()?;
/// assert_eq!(config.region(), Some("us-east-1"));
/// # Ok::<(), shapegen::ConfigError>(())
/// ```
#[derive(Clone)]
pub struct Config {
    endpoint_url: Option<String>,
    region: Option<String>,
    credentials: Option<Credentials>,
    retry: RetryConfig,
    connect_timeout: Option<Duration>,
    attempt_timeout: Option<Duration>,
    operation_timeout: Option<Duration>,
    response_limits: ResponseLimits,
    validation: bool,
    disable_host_prefix: bool,
    idempotency_tokens: Option<Arc<dyn Fn() -> String + Send + Sync>>,
    request_compression: Option<usize>,
    http_client: Option<Arc<dyn HttpClient>>,
}

impl Config {
    /// A builder with the defaults: no endpoint override, no region, anonymous, 3 attempts,
    /// 3.1 s connect timeout, 60 s read timeout, no attempt or operation timeout, replies up to
    /// 64 MiB, validation on.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The endpoint override, if any.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// The region, if any.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The credentials requests are signed with; `None` sends unsigned requests.
    pub fn credentials(&self) -> Option<&Credentials> {
        self.credentials.as_ref()
    }

    /// Retry settings.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }

    /// The limit on establishing a connection.
    pub fn connect_timeout(&self) -> Option<Duration> {
        self.connect_timeout
    }

    /// The limit on one attempt (request sent to response body read).
    pub fn attempt_timeout(&self) -> Option<Duration> {
        self.attempt_timeout
    }

    /// The limit on a whole call, retries and backoff included.
    pub fn operation_timeout(&self) -> Option<Duration> {
        self.operation_timeout
    }

    /// The longest the server may stay silent: before the response headers, and between
    /// pieces of the body.
    pub fn read_timeout(&self) -> Option<Duration> {
        self.response_limits.read_timeout()
    }

    /// The largest reply body, in bytes, a client reads.
    pub fn max_response_body_size(&self) -> usize {
        self.response_limits.max_body_size()
    }

    /// Both reply limits, as requests carry them to the [`HttpClient`].
    pub fn response_limits(&self) -> ResponseLimits {
        self.response_limits
    }

    /// Whether inputs are validated before sending.
    pub fn validation(&self) -> bool {
        self.validation
    }

    /// Whether operations' host prefixes (`smithy.api#endpoint`) are left out.
    pub fn host_prefix_disabled(&self) -> bool {
        self.disable_host_prefix
    }

    /// The body size from which operations with `requestCompression` gzip their bodies
    /// (`None`: compression disabled).
    pub fn request_compression_min_size(&self) -> Option<usize> {
        self.request_compression
    }

    /// A fresh idempotency token: from the configured source, else a random UUID.
    pub fn idempotency_token(&self) -> String {
        match &self.idempotency_tokens {
            Some(source) => source(),
            None => crate::rest_json::idempotency_token(),
        }
    }

    /// A custom HTTP client, if one was set.
    pub fn http_client(&self) -> Option<&Arc<dyn HttpClient>> {
        self.http_client.as_ref()
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("endpoint_url", &self.endpoint_url)
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("connect_timeout", &self.connect_timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("operation_timeout", &self.operation_timeout)
            .field("response_limits", &self.response_limits)
            .field("validation", &self.validation)
            .field("disable_host_prefix", &self.disable_host_prefix)
            .field("http_client", &self.http_client.as_ref().map(|_| "custom"))
            .finish()
    }
}

/// Retry settings: standard mode with exponential backoff and full jitter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }
}

impl RetryConfig {
    /// Attempts per call, the first included (1 disables retries).
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff scale: before retry `n` (1-based) the client waits a random time in
    /// `[0, min(max_backoff, initial_backoff × 2ⁿ⁻¹))`.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The cap on one backoff.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The random wait before retry number `retry` (1-based).
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let exponent = retry.saturating_sub(1).min(31);
        let ceiling = self
            .initial_backoff
            .saturating_mul(1 << exponent)
            .min(self.max_backoff);
        ceiling.mul_f64(fastrand::f64())
    }
}

/// Builds a [`Config`].
#[derive(Default)]
pub struct ConfigBuilder {
    endpoint_url: Option<String>,
    region: Option<String>,
    credentials: Option<Credentials>,
    retry: RetryConfig,
    connect_timeout: Option<Option<Duration>>,
    attempt_timeout: Option<Duration>,
    operation_timeout: Option<Duration>,
    read_timeout: Option<Option<Duration>>,
    max_response_body_size: Option<usize>,
    validation: Option<bool>,
    disable_host_prefix: bool,
    idempotency_tokens: Option<Arc<dyn Fn() -> String + Send + Sync>>,
    request_compression: Option<Option<usize>>,
    http_client: Option<Arc<dyn HttpClient>>,
}

impl ConfigBuilder {
    /// Sends requests to this URL (`http` or `https`, optionally with a base path) instead of
    /// the service's regional endpoint.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// The AWS region: picks the default endpoint and scopes request signatures.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Signs requests with these credentials (SigV4).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Takes the region (`AWS_REGION`, else `AWS_DEFAULT_REGION`), credentials
    /// (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`) and endpoint
    /// (`AWS_ENDPOINT_URL`) from the environment, where set and not already given.
    pub fn from_env(mut self) -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        if self.region.is_none() {
            self.region = var("AWS_REGION").or_else(|| var("AWS_DEFAULT_REGION"));
        }
        if self.endpoint_url.is_none() {
            self.endpoint_url = var("AWS_ENDPOINT_URL");
        }
        if self.credentials.is_none() {
            self.credentials = Credentials::from_env().ok();
        }
        self
    }

    /// Attempts per call, the first included (default 3; 1 disables retries).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.retry.max_attempts = attempts;
        self
    }

    /// The backoff scale (default 1 s); see [`RetryConfig::initial_backoff`].
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.retry.initial_backoff = backoff;
        self
    }

    /// The cap on one backoff (default 20 s).
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.retry.max_backoff = backoff;
        self
    }

    /// The limit on establishing a connection (default 3.1 s; `None` for no limit).
    pub fn connect_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The limit on one attempt, from sending the request to reading the whole reply.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// The limit on a whole call, retries and backoff included.
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }

    /// The longest the server may stay silent, before the response headers and between pieces
    /// of the body (default 60 s, as botocore's read timeout; `None` for no limit). A server
    /// that accepts the connection and never answers fails the attempt with a
    /// [`TimeoutKind::Read`](crate::TimeoutKind) timeout, which is retried.
    pub fn read_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.read_timeout = Some(timeout);
        self
    }

    /// The largest reply body, in bytes, a client reads (default 64 MiB). A reply announcing a
    /// larger `content-length` fails before its body is read; one that grows past the limit
    /// stops there. Either is a [`TransportError`](crate::TransportError) of kind
    /// [`ResponseTooLarge`](crate::TransportErrorKind::ResponseTooLarge), not retried.
    pub fn max_response_body_size(mut self, bytes: usize) -> Self {
        self.max_response_body_size = Some(bytes);
        self
    }

    /// Whether to validate inputs against the model's constraints before sending (default
    /// `true`). Switch it off when the service has relaxed constraints the model still has.
    pub fn validation(mut self, enabled: bool) -> Self {
        self.validation = Some(enabled);
        self
    }

    /// Leaves out the host prefixes some operations add to the endpoint's host (for endpoints
    /// that cannot serve them, such as a local test server).
    pub fn disable_host_prefix(mut self, disabled: bool) -> Self {
        self.disable_host_prefix = disabled;
        self
    }

    /// Bodies of at least this many bytes are gzip-compressed by operations that allow it
    /// (default 10 240); `None` disables request compression.
    pub fn request_compression_min_size(mut self, bytes: Option<usize>) -> Self {
        self.request_compression = Some(bytes);
        self
    }

    /// Where idempotency tokens come from when the caller does not set one (default: random
    /// UUIDs). Useful to make requests reproducible in tests.
    pub fn idempotency_token_source(
        mut self,
        source: impl Fn() -> String + Send + Sync + 'static,
    ) -> Self {
        self.idempotency_tokens = Some(Arc::new(source));
        self
    }

    /// Sends requests through this HTTP client instead of the default (pooled hyper).
    pub fn http_client(mut self, client: impl HttpClient) -> Self {
        self.http_client = Some(Arc::new(client));
        self
    }

    /// The configuration, or what is wrong with it.
    pub fn build(self) -> Result<Config, ConfigError> {
        if let Some(url) = &self.endpoint_url {
            check_endpoint(url)?;
        }
        if let Some(region) = &self.region {
            let valid = !region.is_empty()
                && region
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-');
            if !valid {
                return Err(ConfigError::new(format!(
                    "region `{region}` is not a region name (letters, digits and `-`)"
                )));
            }
        }
        if self.retry.max_attempts == 0 {
            return Err(ConfigError::new(
                "max_attempts must be at least 1 (1 disables retries)",
            ));
        }
        for (name, value) in [
            ("attempt_timeout", self.attempt_timeout),
            ("operation_timeout", self.operation_timeout),
            ("read_timeout", self.read_timeout.flatten()),
        ] {
            if value == Some(Duration::ZERO) {
                return Err(ConfigError::new(format!(
                    "{name} must be greater than zero"
                )));
            }
        }
        Ok(Config {
            endpoint_url: self
                .endpoint_url
                .map(|url| url.trim_end_matches('/').to_owned()),
            region: self.region,
            credentials: self.credentials,
            retry: self.retry,
            connect_timeout: self
                .connect_timeout
                .unwrap_or(Some(Duration::from_millis(3100))),
            attempt_timeout: self.attempt_timeout,
            operation_timeout: self.operation_timeout,
            response_limits: ResponseLimits::new(
                self.max_response_body_size
                    .unwrap_or(ResponseLimits::default().max_body_size()),
                self.read_timeout
                    .unwrap_or(ResponseLimits::default().read_timeout()),
            ),
            validation: self.validation.unwrap_or(true),
            disable_host_prefix: self.disable_host_prefix,
            idempotency_tokens: self.idempotency_tokens,
            request_compression: self.request_compression.unwrap_or(Some(10_240)),
            http_client: self.http_client,
        })
    }
}

fn check_endpoint(url: &str) -> Result<(), ConfigError> {
    // Checked before anything quotes the URL: a password in it must not reach any message.
    let authority = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    if authority.contains('@') {
        return Err(ConfigError::new(
            "the endpoint URL must not contain user information (`user:password@`): \
             requests are authenticated by signing them; pass credentials with `credentials`",
        ));
    }
    let uri: http::Uri = url
        .parse()
        .map_err(|error| ConfigError::new(format!("endpoint URL `{url}` is invalid: {error}")))?;
    match uri.scheme_str() {
        Some("http" | "https") => {}
        _ => {
            return Err(ConfigError::new(format!(
                "endpoint URL `{url}` must start with http:// or https://"
            )));
        }
    }
    if uri.authority().is_none() {
        return Err(ConfigError::new(format!(
            "endpoint URL `{url}` has no host"
        )));
    }
    if uri.query().is_some() {
        return Err(ConfigError::new(format!(
            "endpoint URL `{url}` must not have a query"
        )));
    }
    Ok(())
}

/// Settings changed for one call, through an operation's `customize`:
///
/// ```no_run
/// # mod chime {
/// #     shapegen::generate! { spec: "../spec/chime.json", operations: [BatchCreateAttendee] }
/// # }
/// # async fn run(client: chime::Client) -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
///
/// let output = client
///     .batch_create_attendee()
///     .meeting_id("8f2a1c3e-5b6d-4e7f-9a0b-1c2d3e4f5a6b")
///     .customize(|call| {
///         call.validation(false)
///             .max_attempts(1)
///             .attempt_timeout(Some(Duration::from_secs(2)))
///     })
///     .send()
///     .await?;
/// # let _ = output;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigOverride {
    validation: Option<bool>,
    max_attempts: Option<u32>,
    attempt_timeout: Option<Option<Duration>>,
    operation_timeout: Option<Option<Duration>>,
    read_timeout: Option<Option<Duration>>,
}

impl ConfigOverride {
    /// Validates the input before sending, or not, for this call.
    pub fn validation(mut self, enabled: bool) -> Self {
        self.validation = Some(enabled);
        self
    }

    /// Attempts for this call, the first included (at least 1: 0 is taken as 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = Some(attempts.max(1));
        self
    }

    /// The limit on one attempt for this call (`None`: no limit).
    pub fn attempt_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// The limit on this whole call, retries included (`None`: no limit).
    pub fn operation_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }

    /// The read timeout for this call (`None`: no limit); see
    /// [`ConfigBuilder::read_timeout`].
    pub fn read_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.read_timeout = Some(timeout);
        self
    }

    /// Whether this call validates its input, given the client's config.
    pub fn validation_for(&self, config: &Config) -> bool {
        self.validation.unwrap_or(config.validation)
    }

    /// Attempts for this call, given the client's config.
    pub(crate) fn max_attempts_for(&self, config: &Config) -> u32 {
        self.max_attempts.unwrap_or(config.retry.max_attempts)
    }

    /// The attempt timeout for this call, given the client's config.
    pub(crate) fn attempt_timeout_for(&self, config: &Config) -> Option<Duration> {
        self.attempt_timeout.unwrap_or(config.attempt_timeout)
    }

    /// The operation timeout for this call, given the client's config.
    pub(crate) fn operation_timeout_for(&self, config: &Config) -> Option<Duration> {
        self.operation_timeout.unwrap_or(config.operation_timeout)
    }

    /// The reply limits for this call, given the client's config.
    pub(crate) fn response_limits_for(&self, config: &Config) -> ResponseLimits {
        match self.read_timeout {
            Some(read_timeout) => {
                ResponseLimits::new(config.response_limits.max_body_size(), read_timeout)
            }
            None => config.response_limits,
        }
    }
}

/// A configuration that cannot work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    message: String,
}

impl ConfigError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid client configuration: {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_standard_retry_mode() {
        let config = Config::builder().build().unwrap();
        assert_eq!(config.retry().max_attempts(), 3);
        assert_eq!(config.retry().initial_backoff(), Duration::from_secs(1));
        assert_eq!(config.retry().max_backoff(), Duration::from_secs(20));
        assert!(config.validation());
        assert_eq!(config.connect_timeout(), Some(Duration::from_millis(3100)));
    }

    #[test]
    fn bad_settings_are_errors() {
        for (builder, needle) in [
            (
                Config::builder().endpoint_url("ftp://x"),
                "must start with http",
            ),
            (Config::builder().endpoint_url("http://"), "invalid"),
            (Config::builder().endpoint_url("http://h/?q=1"), "query"),
            (Config::builder().region("us east"), "region"),
            (Config::builder().max_attempts(0), "max_attempts"),
            (
                Config::builder().attempt_timeout(Duration::ZERO),
                "attempt_timeout",
            ),
        ] {
            let error = builder.build().unwrap_err().to_string();
            assert!(error.contains(needle), "{error}");
        }
    }

    #[test]
    fn backoff_grows_exponentially_under_the_cap() {
        let retry = RetryConfig {
            max_attempts: 5,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(250),
        };
        for _ in 0..100 {
            assert!(retry.backoff(1) < Duration::from_millis(100));
            assert!(retry.backoff(2) < Duration::from_millis(200));
            assert!(retry.backoff(5) < Duration::from_millis(250));
        }
    }

    #[test]
    fn debug_never_shows_secrets() {
        let config = Config::builder()
            .credentials(Credentials::new("AKID", "TOPSECRET", Some("TOKEN".into())))
            .build()
            .unwrap();
        let text = format!("{config:?}");
        assert!(text.contains("AKID"));
        assert!(
            !text.contains("TOPSECRET") && !text.contains("TOKEN"),
            "{text}"
        );
    }
}
