//! What every provider reads through: environment, files, HTTP, the clock, and the region and
//! profile they were asked to use.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::sources::{Env, Fs};
use crate::transport::{HttpClient, HyperClient};

/// The clock providers and caches read: the system clock, or any function (for tests).
#[derive(Clone)]
pub struct TimeSource(Arc<dyn Fn() -> SystemTime + Send + Sync>);

impl TimeSource {
    /// The system clock.
    pub fn system() -> Self {
        Self(Arc::new(SystemTime::now))
    }

    /// A clock that reads `now`.
    pub fn from_fn(now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        Self(Arc::new(now))
    }

    /// The current time.
    pub fn now(&self) -> SystemTime {
        (self.0)()
    }
}

impl Default for TimeSource {
    fn default() -> Self {
        Self::system()
    }
}

impl fmt::Debug for TimeSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TimeSource")
    }
}

/// The default limit on one network call of a provider (STS, SSO, container endpoint).
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
/// The connect timeout of the default HTTP client (the same as a client config's default).
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);

/// The settings and sources every credentials provider reads through.
///
/// The default reads the process environment and the real file system and calls out with a
/// [`HyperClient`]; tests swap any of them.
///
/// ```
/// use shapegen::credentials::{Env, ProviderConfig};
///
/// let config = ProviderConfig::default()
///     .with_env(Env::from_vars([("AWS_PROFILE", "dev")]))
///     .with_region("eu-west-1");
/// assert_eq!(config.profile_name(), "dev");
/// ```
#[derive(Clone)]
pub struct ProviderConfig {
    env: Env,
    fs: Fs,
    http: Arc<dyn HttpClient>,
    time: TimeSource,
    region: Option<String>,
    profile_name: Option<String>,
    timeout: Duration,
}

impl Default for ProviderConfig {
    fn default() -> Self {
        Self {
            env: Env::real(),
            fs: Fs::real(),
            http: Arc::new(HyperClient::new(Some(DEFAULT_CONNECT_TIMEOUT))),
            time: TimeSource::system(),
            region: None,
            profile_name: None,
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

impl ProviderConfig {
    /// Reads these environment variables instead of the process's.
    pub fn with_env(mut self, env: Env) -> Self {
        self.env = env;
        self
    }

    /// Reads files from `fs`.
    pub fn with_fs(mut self, fs: Fs) -> Self {
        self.fs = fs;
        self
    }

    /// Calls STS, SSO, the container endpoint and IMDS with `http`.
    pub fn with_http_client(mut self, http: Arc<dyn HttpClient>) -> Self {
        self.http = http;
        self
    }

    /// Reads the time from `time`.
    pub fn with_time_source(mut self, time: TimeSource) -> Self {
        self.time = time;
        self
    }

    /// The region for STS calls (else `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's
    /// `region`; with none, the global STS endpoint).
    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The profile to use instead of `AWS_PROFILE` (or `default`).
    pub fn with_profile_name(mut self, name: impl Into<String>) -> Self {
        self.profile_name = Some(name.into());
        self
    }

    /// The limit on one network call to STS, SSO or the container endpoint (default 5 s;
    /// IMDS has its own, 1 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The environment variables.
    pub fn env(&self) -> &Env {
        &self.env
    }

    /// The file system.
    pub fn fs(&self) -> &Fs {
        &self.fs
    }

    /// The HTTP client.
    pub fn http_client(&self) -> &Arc<dyn HttpClient> {
        &self.http
    }

    /// The clock.
    pub fn time_source(&self) -> &TimeSource {
        &self.time
    }

    /// The current time.
    pub fn now(&self) -> SystemTime {
        self.time.now()
    }

    /// The region set with [`with_region`](Self::with_region), else `AWS_REGION`, else
    /// `AWS_DEFAULT_REGION`.
    pub fn region(&self) -> Option<String> {
        self.region
            .clone()
            .or_else(|| self.env.get("AWS_REGION"))
            .or_else(|| self.env.get("AWS_DEFAULT_REGION"))
    }

    /// The profile: the one set with [`with_profile_name`](Self::with_profile_name), else
    /// `AWS_PROFILE`, else `default`.
    pub fn profile_name(&self) -> String {
        self.chosen_profile_name()
            .unwrap_or_else(|| "default".to_owned())
    }

    /// The profile name when one was chosen (by the builder or `AWS_PROFILE`) rather than
    /// defaulted: a chosen profile that does not exist is an error, a missing `default` is not.
    pub(crate) fn chosen_profile_name(&self) -> Option<String> {
        self.profile_name
            .clone()
            .or_else(|| self.env.get("AWS_PROFILE"))
    }

    /// The network call timeout.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The endpoint override of the service whose SDK id is `service_id` (`STS`, `SSO`):
    /// `AWS_ENDPOINT_URL_<ID>`, else `AWS_ENDPOINT_URL`, unless
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is `true`.
    pub(crate) fn endpoint_override(&self, service_id: &str) -> Option<String> {
        if self.env.is_true("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") {
            return None;
        }
        let specific = format!(
            "AWS_ENDPOINT_URL_{}",
            service_id.to_ascii_uppercase().replace([' ', '-'], "_")
        );
        self.env
            .get(&specific)
            .or_else(|| self.env.get("AWS_ENDPOINT_URL"))
            .map(|url| url.trim_end_matches('/').to_owned())
    }
}

impl fmt::Debug for ProviderConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProviderConfig")
            .field("env", &self.env)
            .field("fs", &self.fs)
            .field("region", &self.region)
            .field("profile_name", &self.profile_name)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// `amazonaws.com`, or `amazonaws.com.cn` for the China regions.
pub(crate) fn dns_suffix(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> ProviderConfig {
        ProviderConfig::default().with_env(Env::from_vars(vars.iter().copied()))
    }

    #[test]
    fn region_prefers_the_explicit_one_then_aws_region() {
        let env = [
            ("AWS_REGION", "eu-west-1"),
            ("AWS_DEFAULT_REGION", "us-west-2"),
        ];
        assert_eq!(config(&env).region().as_deref(), Some("eu-west-1"));
        assert_eq!(config(&env[1..]).region().as_deref(), Some("us-west-2"));
        assert_eq!(
            config(&env).with_region("ap-south-1").region().as_deref(),
            Some("ap-south-1")
        );
        assert_eq!(config(&[]).region(), None);
    }

    #[test]
    fn profile_name_defaults_to_default() {
        assert_eq!(config(&[]).profile_name(), "default");
        assert_eq!(config(&[]).chosen_profile_name(), None);
        let env = config(&[("AWS_PROFILE", "dev")]);
        assert_eq!(env.profile_name(), "dev");
        assert_eq!(env.with_profile_name("ops").profile_name(), "ops");
    }

    #[test]
    fn service_specific_endpoints_win_over_the_general_one() {
        let env = [
            ("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:1/"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:2"),
        ];
        assert_eq!(
            config(&env).endpoint_override("sts").as_deref(),
            Some("http://127.0.0.1:1")
        );
        assert_eq!(
            config(&env).endpoint_override("SSO").as_deref(),
            Some("http://127.0.0.1:2")
        );
        let ignored = [env[0], ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")];
        assert_eq!(config(&ignored).endpoint_override("STS"), None);
    }
}
