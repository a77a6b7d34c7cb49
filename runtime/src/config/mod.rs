//! Client configuration: endpoint, region, credentials, retries, timeouts, validation.
//!
//! [`Config::builder`] starts from fixed defaults; [`Config::load`] starts from the
//! environment, profile files and instance metadata, as the AWS SDKs' default loaders do.

mod builder;
mod error;
mod load;
mod overrides;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::credentials::{Credentials, SharedCredentialsProvider};
use crate::endpoint::ParamValue;
use crate::retry::{RetryConfig, RetryQuota};
use crate::transport::{HttpClient, ResponseLimits};

pub use builder::ConfigBuilder;
pub use error::ConfigError;
pub use overrides::ConfigOverride;

/// How a client calls its service. Build one with [`Config::builder`], or load the standard
/// settings with [`Config::load`].
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
    credentials: Option<CredentialsSource>,
    use_fips: bool,
    use_dual_stack: bool,
    account_id: Option<String>,
    account_id_endpoint_mode: Option<String>,
    endpoint_params: Vec<(String, ParamValue)>,
    retry: RetryConfig,
    retry_quota: Arc<RetryQuota>,
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

/// Where the credentials come from: fixed, or a provider asked on every call (it caches).
#[derive(Clone, Debug)]
pub(crate) enum CredentialsSource {
    Static(Credentials),
    Provider(SharedCredentialsProvider),
}

impl Config {
    /// A builder with the defaults: no endpoint override, no region, anonymous, 3 attempts,
    /// 3.1 s connect timeout, 60 s read timeout, no attempt or operation timeout, replies up to
    /// 64 MiB, validation on.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The endpoint override (the rule sets' `Endpoint` built-in), if any.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// The region, if any.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The fixed credentials requests are signed with, if they were given as such.
    pub fn credentials(&self) -> Option<&Credentials> {
        match &self.credentials {
            Some(CredentialsSource::Static(credentials)) => Some(credentials),
            _ => None,
        }
    }

    /// The credentials provider, if the config has one rather than fixed credentials.
    pub fn credentials_provider(&self) -> Option<&SharedCredentialsProvider> {
        match &self.credentials {
            Some(CredentialsSource::Provider(provider)) => Some(provider),
            _ => None,
        }
    }

    pub(crate) fn credentials_source(&self) -> Option<&CredentialsSource> {
        self.credentials.as_ref()
    }

    /// Whether FIPS endpoints are used (the `UseFIPS` built-in).
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether dual-stack (IPv6) endpoints are used (the `UseDualStack` built-in).
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// The account id for account-based endpoints, when set explicitly (otherwise the
    /// credentials' account id is used).
    pub fn account_id(&self) -> Option<&str> {
        self.account_id.as_deref()
    }

    /// `preferred` (the default), `required` or `disabled`: whether account-based endpoints
    /// are used (the `AccountIdEndpointMode` built-in).
    pub fn account_id_endpoint_mode(&self) -> Option<&str> {
        self.account_id_endpoint_mode.as_deref()
    }

    /// Values of the service's own endpoint parameters (`clientContextParams`), by name.
    pub fn endpoint_params(&self) -> &[(String, ParamValue)] {
        &self.endpoint_params
    }

    /// Retry settings.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }

    /// The retry quota shared by the clients of this config.
    pub fn retry_quota(&self) -> &RetryQuota {
        &self.retry_quota
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
            None => crate::protocol::http_binding::idempotency_token(),
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
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("account_id", &self.account_id)
            .field("endpoint_params", &self.endpoint_params)
            .field("retry", &self.retry)
            .field("connect_timeout", &self.connect_timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("operation_timeout", &self.operation_timeout)
            .field("response_limits", &self.response_limits)
            .field("validation", &self.validation)
            .field("disable_host_prefix", &self.disable_host_prefix)
            .field("http_client", &self.http_client.as_ref().map(|_| "custom"))
            .finish_non_exhaustive()
    }
}
