//! [`Config::load`]: the standard settings, as the AWS SDKs' default loaders find them.

use super::{Config, ConfigBuilder, ConfigError, CredentialsSource};
use crate::credentials::{DefaultChain, ProviderConfig, SharedCredentialsProvider};
use crate::region::DefaultRegionChain;

impl Config {
    /// The standard configuration, what `aws_config::load_defaults` gives the official SDK:
    /// the region and credentials from their default chains (environment, web identity,
    /// profile files, container and instance metadata; see
    /// [`DefaultChain`](crate::credentials::DefaultChain)), and from the environment
    /// `AWS_ENDPOINT_URL`, `AWS_USE_FIPS_ENDPOINT`, `AWS_USE_DUALSTACK_ENDPOINT`,
    /// `AWS_ACCOUNT_ID_ENDPOINT_MODE` and `AWS_MAX_ATTEMPTS`.
    ///
    /// Credentials are resolved when a call first needs them (then cached and refreshed ahead
    /// of expiry); the region is resolved here.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), shapegen::ConfigError> {
    /// let config = shapegen::Config::load().await?;
    /// # let _ = config;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn load() -> Result<Config, ConfigError> {
        Config::builder().load_defaults().await?.build()
    }
}

impl ConfigBuilder {
    /// Fills every setting not already given from the standard sources (see
    /// [`Config::load`]), reading the real environment and files.
    pub async fn load_defaults(self) -> Result<Self, ConfigError> {
        self.load_defaults_from(&ProviderConfig::default()).await
    }

    /// Like [`load_defaults`](Self::load_defaults), reading the environment, files and
    /// network through `sources` (tests point it at fakes).
    pub async fn load_defaults_from(
        mut self,
        sources: &ProviderConfig,
    ) -> Result<Self, ConfigError> {
        let env = sources.env();
        let flag = |name: &str| -> Result<Option<bool>, ConfigError> {
            match env.get(name).as_deref().map(str::trim) {
                None | Some("") => Ok(None),
                Some(value) if value.eq_ignore_ascii_case("true") => Ok(Some(true)),
                Some(value) if value.eq_ignore_ascii_case("false") => Ok(Some(false)),
                Some(_) => Err(ConfigError::new(format!(
                    "{name} must be `true` or `false`"
                ))),
            }
        };
        if self.region.is_none() {
            self.region = DefaultRegionChain::new(sources)
                .region()
                .await
                .map_err(|error| ConfigError::new(format!("no region: {error}")))?;
        }
        if self.endpoint_url.is_none() {
            self.endpoint_url = env.get("AWS_ENDPOINT_URL").filter(|url| !url.is_empty());
        }
        if self.use_fips.is_none() {
            self.use_fips = flag("AWS_USE_FIPS_ENDPOINT")?;
        }
        if self.use_dual_stack.is_none() {
            self.use_dual_stack = flag("AWS_USE_DUALSTACK_ENDPOINT")?;
        }
        if self.account_id_endpoint_mode.is_none() {
            self.account_id_endpoint_mode = env
                .get("AWS_ACCOUNT_ID_ENDPOINT_MODE")
                .filter(|mode| !mode.is_empty());
        }
        if let Some(attempts) = env.get("AWS_MAX_ATTEMPTS").filter(|v| !v.is_empty()) {
            self.retry.max_attempts = attempts.trim().parse().map_err(|_| {
                ConfigError::new("AWS_MAX_ATTEMPTS must be a whole number of attempts")
            })?;
        }
        if self.credentials.is_none() {
            let mut chain = DefaultChain::builder().provider_config(sources.clone());
            if let Some(region) = &self.region {
                chain = chain.region(region.clone());
            }
            self.credentials = Some(CredentialsSource::Provider(SharedCredentialsProvider::new(
                chain.build(),
            )));
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::{Env, Fs};

    fn sources(vars: &[(&str, &str)]) -> ProviderConfig {
        ProviderConfig::default()
            .with_env(Env::from_vars(vars.iter().copied()))
            .with_fs(Fs::from_files(Vec::<(String, String)>::new()))
    }

    #[tokio::test]
    async fn settings_come_from_the_environment() {
        let config = Config::builder()
            .load_defaults_from(&sources(&[
                ("AWS_REGION", "eu-north-1"),
                ("AWS_EC2_METADATA_DISABLED", "true"),
                ("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"),
                ("AWS_USE_FIPS_ENDPOINT", "true"),
                ("AWS_USE_DUALSTACK_ENDPOINT", "TRUE"),
                ("AWS_MAX_ATTEMPTS", "5"),
                ("AWS_ACCESS_KEY_ID", "AKIDLOADED"),
                ("AWS_SECRET_ACCESS_KEY", "secret"),
            ]))
            .await
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(config.region(), Some("eu-north-1"));
        assert_eq!(config.endpoint_url(), Some("http://127.0.0.1:4566"));
        assert!(config.use_fips() && config.use_dual_stack());
        assert_eq!(config.retry().max_attempts(), 5);
        let provider = config.credentials_provider().unwrap();
        let credentials = provider.provide_credentials().await.unwrap();
        assert_eq!(credentials.access_key_id(), "AKIDLOADED");
    }

    #[tokio::test]
    async fn given_settings_win_and_bad_values_are_errors() {
        let config = Config::builder()
            .region("us-west-2")
            .use_fips(false)
            .load_defaults_from(&sources(&[
                ("AWS_REGION", "eu-north-1"),
                ("AWS_USE_FIPS_ENDPOINT", "true"),
            ]))
            .await
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(config.region(), Some("us-west-2"));
        assert!(!config.use_fips());
        let error = Config::builder()
            .region("us-west-2")
            .load_defaults_from(&sources(&[("AWS_USE_FIPS_ENDPOINT", "maybe")]))
            .await
            .unwrap_err();
        assert!(
            error.to_string().contains("AWS_USE_FIPS_ENDPOINT"),
            "{error}"
        );
    }
}
