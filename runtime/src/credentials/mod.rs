//! AWS credentials and the providers that find them.
//!
//! [`Credentials`] are an access key pair, optionally with a session token, an expiry and the
//! account they belong to. A [`ProvideCredentials`] implementation fetches them from somewhere;
//! [`DefaultChain`] asks the standard sources in the standard order, caches the answer and
//! refreshes it before it expires:
//!
//! 1. [`EnvironmentProvider`]: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
//!    `AWS_SESSION_TOKEN`, `AWS_ACCOUNT_ID`.
//! 2. [`WebIdentityProvider`]: `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN`,
//!    `AWS_ROLE_SESSION_NAME` (EKS IAM roles for service accounts), through STS
//!    `AssumeRoleWithWebIdentity`.
//! 3. [`ProfileProvider`]: the profile `AWS_PROFILE` (else `default`) of `~/.aws/config` and
//!    `~/.aws/credentials` (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`): static keys,
//!    `credential_process`, IAM Identity Center (SSO) from the token cache of `aws sso login`,
//!    and roles assumed with STS `AssumeRole` from `source_profile` or `credential_source`,
//!    chained as deep as configured.
//! 4. [`ContainerProvider`]: ECS and EKS Pod Identity (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`,
//!    `AWS_CONTAINER_CREDENTIALS_FULL_URI`, `AWS_CONTAINER_AUTHORIZATION_TOKEN[_FILE]`).
//! 5. [`ImdsProvider`]: the EC2 instance metadata service (IMDSv2).
//!
//! The first source that is configured answers. A source that is configured but fails (a
//! broken profile, an STS error) stops the chain with its error rather than falling through
//! to another identity; the error of a chain where nothing is configured lists what was tried.
//!
//! Every provider reads the environment, files and network through a [`ProviderConfig`]: the
//! process environment or an [`Env`] map, the real file system or an in-memory [`Fs`], and any
//! [`HttpClient`](crate::HttpClient). STS and SSO endpoints follow `AWS_ENDPOINT_URL_STS`,
//! `AWS_ENDPOINT_URL_SSO` and `AWS_ENDPOINT_URL`.
//!
//! Secret access keys, session tokens, web identity tokens and SSO tokens never appear in any
//! `Debug` or `Display` output or error message; access key ids are shown by their first four
//! characters only (`AKIA…` for long-term keys, `ASIA…` for temporary ones).
//!
//! ```no_run
//! use shapegen::credentials::{DefaultChain, ProvideCredentials};
//!
//! # async fn run() -> Result<(), shapegen::credentials::CredentialsError> {
//! let chain = DefaultChain::builder().build();
//! let credentials = chain.provide_credentials().await?;
//! println!("signing as {credentials:?}"); // secrets redacted
//! # Ok(())
//! # }
//! ```

#[cfg(feature = "aws-credential-types")]
mod aws_sdk;
mod cache;
mod chain;
mod container;
mod environment;
mod error;
mod http;
pub(crate) mod imds;
mod json;
mod process;
mod profile;
mod provider_config;
mod sources;
mod sso;
mod sts;
mod web_identity;
mod xml;

#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::SystemTime;

use crate::config::ConfigError;

#[cfg(feature = "aws-credential-types")]
pub use aws_sdk::AwsSdkProvider;
pub use cache::{CachingProvider, CachingProviderBuilder};
pub use chain::{DefaultChain, DefaultChainBuilder, ProviderChain};
pub use container::ContainerProvider;
pub use environment::EnvironmentProvider;
pub use error::{CredentialsError, CredentialsErrorKind};
pub use imds::ImdsProvider;
pub use process::CredentialProcessProvider;
pub use profile::ProfileProvider;
pub use provider_config::{ProviderConfig, TimeSource};
pub use sources::{Env, Fs};
pub use web_identity::WebIdentityProvider;

pub(crate) use imds::ImdsClient;
pub(crate) use profile::ProfileSet;
pub(crate) use sso::SsoProvider;

/// An access key pair, optionally with a session token, an expiry and an account id.
///
/// `Debug` shows the first four characters of the access key id, the expiry and the account
/// id; never the secret access key or the session token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
    account_id: Option<String>,
}

impl Credentials {
    /// Static credentials.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expiry: None,
            account_id: None,
        }
    }

    /// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, the optional
    /// `AWS_SESSION_TOKEN` and `AWS_ACCOUNT_ID` of this process's environment.
    ///
    /// [`EnvironmentProvider`] is the same as a provider, and [`DefaultChain`] looks further.
    pub fn from_env() -> Result<Self, ConfigError> {
        environment::from_env(&Env::real()).map_err(|error| ConfigError::new(error.to_string()))
    }

    /// These credentials, expiring at `expiry`.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// These credentials, belonging to the AWS account `account_id`.
    pub fn with_account_id(mut self, account_id: impl Into<String>) -> Self {
        self.account_id = Some(account_id.into());
        self
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// When temporary credentials stop working; `None` for long-term ones.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// The AWS account the credentials belong to, when the source told.
    pub fn account_id(&self) -> Option<&str> {
        self.account_id.as_deref()
    }

    /// Whether the credentials have expired at `now`.
    pub fn is_expired_at(&self, now: SystemTime) -> bool {
        self.expiry.is_some_and(|expiry| expiry <= now)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &RedactedKeyId(self.access_key_id.as_str()))
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .field("expiry", &self.expiry.map(ExpiryText))
            .field("account_id", &self.account_id)
            .finish()
    }
}

/// An access key id shown by its first four characters: the key type (`AKIA`, `ASIA`) without
/// the part that identifies the key.
pub(crate) struct RedactedKeyId<'a>(pub(crate) &'a str);

impl fmt::Debug for RedactedKeyId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{self}\"")
    }
}

impl fmt::Display for RedactedKeyId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut chars = self.0.chars();
        let prefix: String = chars.by_ref().take(4).collect();
        f.write_str(&prefix)?;
        if chars.next().is_some() {
            f.write_str("…")?;
        }
        Ok(())
    }
}

/// An expiry shown as an RFC 3339 date-time.
struct ExpiryText(SystemTime);

impl fmt::Debug for ExpiryText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_time(self.0))
    }
}

/// `2024-05-01T12:00:00Z`, or seconds since the epoch for times RFC 3339 cannot write.
pub(crate) fn format_time(time: SystemTime) -> String {
    let value = crate::DateTime::from(time);
    value
        .fmt(crate::TimestampFormat::DateTime)
        .unwrap_or_else(|_| format!("{} seconds since the epoch", value.secs()))
}

/// The future a [`ProvideCredentials`] returns.
pub type CredentialsFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials.
///
/// Implementations return [`CredentialsErrorKind::NotConfigured`] when their source is not set
/// up at all (so a [`ProviderChain`] tries the next one), and another kind when it is set up
/// but fails. Wrap a provider in [`CachingProvider`] (as [`DefaultChain`] does) to fetch only
/// when the credentials are about to expire.
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Fetches credentials.
    fn provide_credentials(&self) -> CredentialsFuture<'_>;
}

/// Static credentials provide themselves.
impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        let credentials = self.clone();
        Box::pin(async move { Ok(credentials) })
    }
}

/// A credentials provider behind an `Arc`: cheap to clone and share between clients.
#[derive(Clone)]
pub struct SharedCredentialsProvider(Arc<dyn ProvideCredentials>);

impl SharedCredentialsProvider {
    /// Shares `provider`.
    pub fn new(provider: impl ProvideCredentials + 'static) -> Self {
        Self(Arc::new(provider))
    }

    /// Fetches credentials from the shared provider.
    pub fn provide_credentials(&self) -> CredentialsFuture<'_> {
        self.0.provide_credentials()
    }
}

impl From<Arc<dyn ProvideCredentials>> for SharedCredentialsProvider {
    fn from(provider: Arc<dyn ProvideCredentials>) -> Self {
        Self(provider)
    }
}

impl ProvideCredentials for SharedCredentialsProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        self.0.provide_credentials()
    }
}

impl fmt::Debug for SharedCredentialsProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SharedCredentialsProvider")
            .field(&self.0)
            .finish()
    }
}
