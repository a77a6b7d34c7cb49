//! Credentials from environment variables.

use super::{
    Credentials, CredentialsError, CredentialsFuture, Env, ProvideCredentials, ProviderConfig,
};

/// Credentials from `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`, with the optional
/// `AWS_SESSION_TOKEN` and `AWS_ACCOUNT_ID`.
///
/// Not configured when neither key variable is set; one without the other is an invalid
/// configuration.
#[derive(Debug, Clone)]
pub struct EnvironmentProvider {
    env: Env,
}

impl EnvironmentProvider {
    /// Reads the environment of `config`.
    pub fn new(config: &ProviderConfig) -> Self {
        Self {
            env: config.env().clone(),
        }
    }
}

impl ProvideCredentials for EnvironmentProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        let result = from_env(&self.env);
        Box::pin(async move { result })
    }
}

/// The credentials the variables of `env` hold.
pub(crate) fn from_env(env: &Env) -> Result<Credentials, CredentialsError> {
    match (
        env.get("AWS_ACCESS_KEY_ID"),
        env.get("AWS_SECRET_ACCESS_KEY"),
    ) {
        (Some(id), Some(secret)) => {
            let credentials = Credentials::new(id, secret, env.get("AWS_SESSION_TOKEN"));
            Ok(match env.get("AWS_ACCOUNT_ID") {
                Some(account) => credentials.with_account_id(account),
                None => credentials,
            })
        }
        (None, None) => Err(CredentialsError::not_configured(
            "credentials need AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment",
        )),
        (Some(_), None) => Err(CredentialsError::invalid_configuration(
            "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
        )),
        (None, Some(_)) => Err(CredentialsError::invalid_configuration(
            "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::CredentialsErrorKind;
    use crate::credentials::test_support::config;

    async fn provide(vars: &[(&str, &str)]) -> Result<Credentials, CredentialsError> {
        EnvironmentProvider::new(&config(vars))
            .provide_credentials()
            .await
    }

    #[tokio::test]
    async fn reads_keys_token_and_account() {
        let credentials = provide(&[
            ("AWS_ACCESS_KEY_ID", "AKID"),
            ("AWS_SECRET_ACCESS_KEY", "SECRET"),
            ("AWS_SESSION_TOKEN", "TOKEN"),
            ("AWS_ACCOUNT_ID", "123456789012"),
        ])
        .await
        .unwrap();
        assert_eq!(credentials.access_key_id(), "AKID");
        assert_eq!(credentials.secret_access_key(), "SECRET");
        assert_eq!(credentials.session_token(), Some("TOKEN"));
        assert_eq!(credentials.account_id(), Some("123456789012"));
        assert_eq!(credentials.expiry(), None);
    }

    #[tokio::test]
    async fn unset_is_not_configured_and_half_set_is_invalid() {
        let unset = provide(&[("AWS_SESSION_TOKEN", "t")]).await.unwrap_err();
        assert!(unset.is_not_configured());
        let empty = provide(&[("AWS_ACCESS_KEY_ID", ""), ("AWS_SECRET_ACCESS_KEY", "")])
            .await
            .unwrap_err();
        assert!(empty.is_not_configured());
        let half = provide(&[("AWS_ACCESS_KEY_ID", "AKID")]).await.unwrap_err();
        assert_eq!(half.kind(), CredentialsErrorKind::InvalidConfiguration);
        let other_half = provide(&[("AWS_SECRET_ACCESS_KEY", "s")])
            .await
            .unwrap_err();
        assert_eq!(
            other_half.kind(),
            CredentialsErrorKind::InvalidConfiguration
        );
    }
}
