//! Credentials for a role assumed with an OpenID Connect token from a file (EKS IAM roles for
//! service accounts, GitHub Actions and the like), through STS `AssumeRoleWithWebIdentity`.

use std::path::PathBuf;

use super::sts::assume_role_with_web_identity;
use super::{CredentialsError, CredentialsFuture, ProvideCredentials, ProviderConfig, profile};

/// Where the token is and which role it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WebIdentitySettings {
    pub(crate) token_file: PathBuf,
    pub(crate) role_arn: String,
    pub(crate) session_name: Option<String>,
}

/// Credentials from STS `AssumeRoleWithWebIdentity`, with the token read from
/// `AWS_WEB_IDENTITY_TOKEN_FILE` for the role `AWS_ROLE_ARN` (session `AWS_ROLE_SESSION_NAME`,
/// else a generated `shapegen-<milliseconds>`).
///
/// The token file is read on every fetch (the platform rotates it). Not configured without
/// `AWS_WEB_IDENTITY_TOKEN_FILE`; the file without `AWS_ROLE_ARN` is an invalid configuration.
/// Profiles with `web_identity_token_file` and `role_arn` use the same provider.
#[derive(Debug, Clone)]
pub struct WebIdentityProvider {
    config: ProviderConfig,
    settings: Option<WebIdentitySettings>,
}

impl WebIdentityProvider {
    /// Reads its settings from the environment of `config` on every fetch.
    pub fn new(config: &ProviderConfig) -> Self {
        Self {
            config: config.clone(),
            settings: None,
        }
    }

    /// A provider with fixed settings (from a profile).
    pub(crate) fn with_settings(config: &ProviderConfig, settings: WebIdentitySettings) -> Self {
        Self {
            config: config.clone(),
            settings: Some(settings),
        }
    }

    fn settings(&self) -> Result<WebIdentitySettings, CredentialsError> {
        if let Some(settings) = &self.settings {
            return Ok(settings.clone());
        }
        let env = self.config.env();
        let Some(file) = env.get("AWS_WEB_IDENTITY_TOKEN_FILE") else {
            return Err(CredentialsError::not_configured(
                "AWS_WEB_IDENTITY_TOKEN_FILE is not set",
            ));
        };
        let Some(role_arn) = env.get("AWS_ROLE_ARN") else {
            return Err(CredentialsError::invalid_configuration(
                "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not",
            ));
        };
        let token_file = env.expand_home(&file).ok_or_else(|| {
            CredentialsError::invalid_configuration(
                "AWS_WEB_IDENTITY_TOKEN_FILE starts with `~` but there is no home directory",
            )
        })?;
        Ok(WebIdentitySettings {
            token_file,
            role_arn,
            session_name: env.get("AWS_ROLE_SESSION_NAME"),
        })
    }

    async fn fetch(&self) -> Result<super::Credentials, CredentialsError> {
        let settings = self.settings()?;
        let token = read_token(&self.config, &settings)?;
        let region = self
            .config
            .region()
            .or_else(|| profile::profile_region(&self.config));
        assume_role_with_web_identity(
            &self.config,
            region.as_deref(),
            &settings.role_arn,
            settings.session_name.as_deref(),
            &token,
        )
        .await
    }
}

fn read_token(
    config: &ProviderConfig,
    settings: &WebIdentitySettings,
) -> Result<String, CredentialsError> {
    let path = settings.token_file.display();
    let bytes = config
        .fs()
        .read(&settings.token_file)
        .map_err(|error| {
            CredentialsError::provider_error(format!(
                "cannot read the web identity token file `{path}`: {error}"
            ))
        })?
        .ok_or_else(|| {
            CredentialsError::provider_error(format!(
                "the web identity token file `{path}` does not exist"
            ))
        })?;
    let token = String::from_utf8(bytes).map_err(|_| {
        CredentialsError::provider_error(format!(
            "the web identity token file `{path}` is not UTF-8 text"
        ))
    })?;
    let token = token.trim();
    if token.is_empty() {
        return Err(CredentialsError::provider_error(format!(
            "the web identity token file `{path}` is empty"
        )));
    }
    Ok(token.to_owned())
}

impl ProvideCredentials for WebIdentityProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::CredentialsErrorKind;
    use crate::credentials::sts::tests::fake_sts;
    use crate::credentials::test_support::{TempDir, config};

    #[tokio::test]
    async fn assumes_the_role_with_the_token_from_the_file() {
        let sts = fake_sts().await;
        let dir = TempDir::new();
        let token_file = dir.write("token", "eyJ.token.sig\n");
        let token_path = token_file.to_string_lossy();
        let config = config(&[
            ("AWS_WEB_IDENTITY_TOKEN_FILE", &token_path),
            ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/pod"),
            ("AWS_ROLE_SESSION_NAME", "my-pod"),
            ("AWS_REGION", "eu-central-1"),
            ("AWS_ENDPOINT_URL_STS", &sts.base()),
        ]);
        let credentials = WebIdentityProvider::new(&config)
            .provide_credentials()
            .await
            .unwrap();
        assert_eq!(credentials.access_key_id(), "ASIApod");
        assert_eq!(credentials.account_id(), Some("123456789012"));
        let request = &sts.requests()[0];
        assert_eq!(
            request.form_value("Action").as_deref(),
            Some("AssumeRoleWithWebIdentity")
        );
        assert_eq!(
            request.form_value("WebIdentityToken").as_deref(),
            Some("eyJ.token.sig")
        );
        assert_eq!(
            request.form_value("RoleSessionName").as_deref(),
            Some("my-pod")
        );

        // The file is read again on the next fetch: a rotated token is used.
        dir.write("token", "rotated");
        WebIdentityProvider::new(&config)
            .provide_credentials()
            .await
            .unwrap();
        assert_eq!(
            sts.requests()[1].form_value("WebIdentityToken").as_deref(),
            Some("rotated")
        );
    }

    #[tokio::test]
    async fn settings_decide_between_not_configured_and_invalid() {
        let unset = WebIdentityProvider::new(&config(&[("AWS_ROLE_ARN", "arn:r")]))
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(unset.is_not_configured());
        let no_role = WebIdentityProvider::new(&config(&[("AWS_WEB_IDENTITY_TOKEN_FILE", "/t")]))
            .provide_credentials()
            .await
            .unwrap_err();
        assert_eq!(no_role.kind(), CredentialsErrorKind::InvalidConfiguration);
    }

    #[tokio::test]
    async fn a_missing_or_empty_token_file_is_a_provider_error() {
        let dir = TempDir::new();
        let missing = dir.path().join("absent");
        let empty = dir.write("empty", " \n");
        for (path, expected) in [(&missing, "does not exist"), (&empty, "is empty")] {
            let path = path.to_string_lossy();
            let config = config(&[
                ("AWS_WEB_IDENTITY_TOKEN_FILE", &path),
                ("AWS_ROLE_ARN", "arn:r"),
            ]);
            let error = WebIdentityProvider::new(&config)
                .provide_credentials()
                .await
                .unwrap_err();
            assert_eq!(error.kind(), CredentialsErrorKind::ProviderError);
            assert!(error.message().ends_with(expected), "{error}");
        }
    }
}
