//! Chains of providers, and the default chain.

use std::borrow::Cow;
use std::fmt;

use super::{
    CachingProvider, ContainerProvider, Credentials, CredentialsError, CredentialsFuture,
    EnvironmentProvider, ImdsProvider, ProfileProvider, ProvideCredentials, ProviderConfig,
    SharedCredentialsProvider, WebIdentityProvider,
};

/// Providers asked in order: the first that is configured answers.
///
/// A provider that reports [`NotConfigured`](super::CredentialsErrorKind::NotConfigured) is
/// passed over; any other error stops the chain (a broken configuration is reported, not
/// silently replaced by another identity). When none is configured, the error lists what
/// each said.
///
/// ```
/// use shapegen::credentials::{Credentials, ProviderChain, ProviderConfig, EnvironmentProvider};
///
/// let config = ProviderConfig::default();
/// let chain = ProviderChain::first_try("environment", EnvironmentProvider::new(&config))
///     .or_else("fallback", Credentials::new("AKID", "SECRET", None));
/// ```
#[derive(Clone)]
pub struct ProviderChain {
    providers: Vec<(Cow<'static, str>, SharedCredentialsProvider)>,
}

impl ProviderChain {
    /// A chain starting with `provider`, called `name` in errors.
    pub fn first_try(
        name: impl Into<Cow<'static, str>>,
        provider: impl ProvideCredentials + 'static,
    ) -> Self {
        Self {
            providers: vec![(name.into(), SharedCredentialsProvider::new(provider))],
        }
    }

    /// The chain with `provider` tried after the others.
    pub fn or_else(
        mut self,
        name: impl Into<Cow<'static, str>>,
        provider: impl ProvideCredentials + 'static,
    ) -> Self {
        self.providers
            .push((name.into(), SharedCredentialsProvider::new(provider)));
        self
    }

    /// The standard chain, uncached: environment variables, web identity token, profile,
    /// container endpoint, EC2 instance metadata.
    pub fn standard(config: &ProviderConfig) -> Self {
        Self::first_try("environment variables", EnvironmentProvider::new(config))
            .or_else("web identity token", WebIdentityProvider::new(config))
            .or_else(
                format!("profile `{}`", config.profile_name()),
                ProfileProvider::new(config),
            )
            .or_else("container endpoint", ContainerProvider::new(config))
            .or_else("EC2 instance metadata", ImdsProvider::new(config))
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let mut tried = Vec::with_capacity(self.providers.len());
        for (name, provider) in &self.providers {
            match provider.provide_credentials().await {
                Ok(credentials) => {
                    tracing::debug!(provider = %name, "credentials found");
                    return Ok(credentials);
                }
                Err(error) if error.is_not_configured() => {
                    tracing::debug!(provider = %name, %error, "not configured");
                    tried.push(format!("{name} ({error})"));
                }
                Err(error) => return Err(error.context(format_args!("{name}"))),
            }
        }
        Err(CredentialsError::not_configured(format!(
            "no credentials found; tried {}",
            tried.join("; ")
        )))
    }
}

impl ProvideCredentials for ProviderChain {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }
}

impl fmt::Debug for ProviderChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.providers.iter().map(|(name, _)| name))
            .finish()
    }
}

/// The standard credentials chain, cached: what a client uses when given no credentials.
///
/// Asks, in order, [`EnvironmentProvider`], [`WebIdentityProvider`], [`ProfileProvider`],
/// [`ContainerProvider`] and [`ImdsProvider`] (see [`ProviderChain`] for how the order
/// works), and caches the result in a [`CachingProvider`] (one fetch however many callers,
/// refreshed 5 minutes before expiry).
///
/// ```no_run
/// use shapegen::credentials::{DefaultChain, ProvideCredentials, SharedCredentialsProvider};
///
/// # async fn run() -> Result<(), shapegen::credentials::CredentialsError> {
/// let provider = SharedCredentialsProvider::new(DefaultChain::builder().profile_name("dev").build());
/// let credentials = provider.provide_credentials().await?;
/// # let _ = credentials;
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct DefaultChain {
    inner: CachingProvider,
}

impl DefaultChain {
    /// A builder; the default reads the real environment, files and network.
    pub fn builder() -> DefaultChainBuilder {
        DefaultChainBuilder::default()
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        self.inner.provide_credentials()
    }
}

/// Settings for a [`DefaultChain`].
#[derive(Debug, Default)]
pub struct DefaultChainBuilder {
    config: Option<ProviderConfig>,
    profile_name: Option<String>,
    region: Option<String>,
}

impl DefaultChainBuilder {
    /// Reads environment, files, HTTP and time through `config`.
    pub fn provider_config(mut self, config: ProviderConfig) -> Self {
        self.config = Some(config);
        self
    }

    /// Uses this profile instead of `AWS_PROFILE` (or `default`).
    pub fn profile_name(mut self, name: impl Into<String>) -> Self {
        self.profile_name = Some(name.into());
        self
    }

    /// Calls STS in this region (see [`ProviderConfig::with_region`]).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The chain.
    pub fn build(self) -> DefaultChain {
        let mut config = self.config.unwrap_or_default();
        if let Some(name) = self.profile_name {
            config = config.with_profile_name(name);
        }
        if let Some(region) = self.region {
            config = config.with_region(region);
        }
        let inner = CachingProvider::builder(ProviderChain::standard(&config))
            .time_source(config.time_source().clone())
            .build();
        DefaultChain { inner }
    }
}
