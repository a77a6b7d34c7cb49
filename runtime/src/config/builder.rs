//! [`ConfigBuilder`].

use std::sync::Arc;
use std::time::Duration;

use super::{Config, ConfigError, CredentialsSource};
use crate::credentials::{Credentials, ProvideCredentials, SharedCredentialsProvider};
use crate::endpoint::ParamValue;
use crate::retry::{RetryConfig, RetryQuota};
use crate::transport::{HttpClient, ResponseLimits};

/// Builds a [`Config`].
#[derive(Default)]
pub struct ConfigBuilder {
    pub(super) endpoint_url: Option<String>,
    pub(super) region: Option<String>,
    pub(super) credentials: Option<CredentialsSource>,
    pub(super) use_fips: Option<bool>,
    pub(super) use_dual_stack: Option<bool>,
    pub(super) account_id: Option<String>,
    pub(super) account_id_endpoint_mode: Option<String>,
    pub(super) endpoint_params: Vec<(String, ParamValue)>,
    pub(super) retry: RetryConfig,
    pub(super) retry_quota: Option<Arc<RetryQuota>>,
    pub(super) connect_timeout: Option<Option<Duration>>,
    pub(super) attempt_timeout: Option<Duration>,
    pub(super) operation_timeout: Option<Duration>,
    pub(super) read_timeout: Option<Option<Duration>>,
    pub(super) max_response_body_size: Option<usize>,
    pub(super) validation: Option<bool>,
    pub(super) disable_host_prefix: bool,
    pub(super) idempotency_tokens: Option<Arc<dyn Fn() -> String + Send + Sync>>,
    pub(super) request_compression: Option<Option<usize>>,
    pub(super) http_client: Option<Arc<dyn HttpClient>>,
}

impl std::fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field(
                "endpoint_url",
                &self.endpoint_url.as_deref().map(without_userinfo),
            )
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
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
        self.credentials = Some(CredentialsSource::Static(credentials));
        self
    }

    /// Signs requests with credentials from `provider`, asked on every call (wrap a provider
    /// that fetches over the network in a [`CachingProvider`](crate::credentials::CachingProvider),
    /// as [`DefaultChain`](crate::credentials::DefaultChain) is).
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(CredentialsSource::Provider(SharedCredentialsProvider::new(
            provider,
        )));
        self
    }

    /// Uses FIPS endpoints (default `false`; the `UseFIPS` built-in of endpoint rules).
    pub fn use_fips(mut self, enabled: bool) -> Self {
        self.use_fips = Some(enabled);
        self
    }

    /// Uses dual-stack (IPv6) endpoints (default `false`; the `UseDualStack` built-in).
    pub fn use_dual_stack(mut self, enabled: bool) -> Self {
        self.use_dual_stack = Some(enabled);
        self
    }

    /// The account id for account-based endpoints (DynamoDB); by default the credentials'.
    pub fn account_id(mut self, account_id: impl Into<String>) -> Self {
        self.account_id = Some(account_id.into());
        self
    }

    /// Whether account-based endpoints are used: `preferred` (default), `required` or
    /// `disabled`.
    pub fn account_id_endpoint_mode(mut self, mode: impl Into<String>) -> Self {
        self.account_id_endpoint_mode = Some(mode.into());
        self
    }

    /// Sets one of the service's own endpoint parameters (its `clientContextParams`, e.g.
    /// `ForcePathStyle`), by name.
    pub fn endpoint_param(mut self, name: impl Into<String>, value: impl Into<ParamValue>) -> Self {
        let name = name.into();
        self.endpoint_params
            .retain(|(existing, _)| *existing != name);
        self.endpoint_params.push((name, value.into()));
        self
    }

    /// Shares a retry quota between configs (by default each config has its own, of 500
    /// tokens, shared by the clients built from it).
    pub fn retry_quota(mut self, quota: Arc<RetryQuota>) -> Self {
        self.retry_quota = Some(quota);
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
            self.credentials = Credentials::from_env().ok().map(CredentialsSource::Static);
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
        if let Some(mode) = &self.account_id_endpoint_mode
            && !["preferred", "required", "disabled"].contains(&mode.as_str())
        {
            return Err(ConfigError::new(format!(
                "account_id_endpoint_mode `{mode}` is not `preferred`, `required` or `disabled`"
            )));
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
            use_fips: self.use_fips.unwrap_or(false),
            use_dual_stack: self.use_dual_stack.unwrap_or(false),
            account_id: self.account_id,
            account_id_endpoint_mode: self.account_id_endpoint_mode,
            endpoint_params: self.endpoint_params,
            retry: self.retry,
            retry_quota: self.retry_quota.unwrap_or_default(),
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

/// The part of a URL before its query or fragment, after the scheme: where user information
/// could hide. A password may itself hold `/` (`http://u:a/b@host`), so the authority cannot
/// be told apart reliably; any `@` there counts.
fn before_query(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['?', '#']).next().unwrap_or_default()
}

/// `url` with anything that may be user information (up to the last `@` before the query)
/// replaced by `***@`, for `Debug` output.
fn without_userinfo(url: &str) -> std::borrow::Cow<'_, str> {
    let head = before_query(url);
    match head.rfind('@') {
        Some(at) => {
            let start = url.len() - url.split_once("://").map_or(url, |(_, rest)| rest).len();
            format!("{}***{}", &url[..start], &url[start + at..]).into()
        }
        None => url.into(),
    }
}

fn check_endpoint(url: &str) -> Result<(), ConfigError> {
    // Checked before anything quotes the URL: a password in it must not reach any message.
    // An `@` before the query is taken for user information even where it is not (a path
    // holding a literal `@`, which can be written `%40`), so that no password gets through.
    if before_query(url).contains('@') {
        return Err(ConfigError::new(
            "the endpoint URL must not contain user information (`user:password@`; write an `@` \
             in its path as `%40`): requests are authenticated by signing them; pass \
             credentials with `credentials`",
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
    fn endpoint_passwords_are_rejected_and_never_shown() {
        for url in [
            "http://user:hunter2@127.0.0.1:9",
            "https://user:hun/ter2@example.com/base",
            "http://:hunter2@h",
            "http://a@b@h/x",
        ] {
            let builder = Config::builder().endpoint_url(url);
            let debug = format!("{builder:?}");
            assert!(
                !debug.contains("hunter2") && !debug.contains("ter2"),
                "{debug}"
            );
            let error = builder.build().unwrap_err();
            let text = format!("{error} {error:?}");
            assert!(text.contains("user information"), "{url}: {text}");
            assert!(
                !text.contains("hunter2") && !text.contains("ter2"),
                "{text}"
            );
        }
        assert_eq!(without_userinfo("http://u:p@h/x?y=@"), "http://***@h/x?y=@");
        assert_eq!(without_userinfo("http://h/x"), "http://h/x");
        // An `@` after the query is not user information.
        let with_query_at = Config::builder().endpoint_url("http://h/p%40x").build();
        assert!(with_query_at.is_ok());
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
