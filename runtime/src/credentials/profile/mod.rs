//! Credentials from the shared config and credentials files (`~/.aws/config`,
//! `~/.aws/credentials`).

mod parse;
mod resolve;
mod set;

use resolve::{Base, NamedSource, Plan};
pub(crate) use set::ProfileSet;

use super::sts::assume_role;
use super::web_identity::WebIdentitySettings;
use super::{
    ContainerProvider, CredentialProcessProvider, Credentials, CredentialsError,
    CredentialsErrorKind, CredentialsFuture, EnvironmentProvider, ImdsProvider, ProvideCredentials,
    ProviderConfig, SsoProvider, WebIdentityProvider,
};

/// Credentials of the profile `AWS_PROFILE` (or the one set on the [`ProviderConfig`], else
/// `default`) from the config file (`AWS_CONFIG_FILE`, else `~/.aws/config`) and the
/// credentials file (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`).
///
/// A profile's credentials are, in this order of precedence:
///
/// - `role_arn`: a role assumed with STS `AssumeRole` (with `role_session_name`,
///   `external_id`, `duration_seconds`), signed with the credentials of `source_profile`
///   (itself resolved the same way, as many levels deep as configured; cycles are errors) or
///   of `credential_source` (`Environment`, `Ec2InstanceMetadata`, `EcsContainer`); with
///   `web_identity_token_file`, STS `AssumeRoleWithWebIdentity` instead;
/// - `aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`, `aws_account_id`;
/// - IAM Identity Center: `sso_session` (a `[sso-session name]` section with
///   `sso_start_url` and `sso_region`) or the legacy `sso_start_url` and `sso_region`, with
///   `sso_account_id` and `sso_role_name`: the access token `aws sso login` cached in
///   `~/.aws/sso/cache/<SHA-1 of the session name or legacy start URL>.json` buys the role's
///   credentials from the portal (`https://portal.sso.{sso_region}.amazonaws.com`, or
///   `AWS_ENDPOINT_URL_SSO`); an expired token is an error saying to run `aws sso login`
///   (tokens are not refreshed here);
/// - `credential_process` (see [`CredentialProcessProvider`]).
///
/// The files are read on every fetch. Not configured when the profile was not chosen
/// explicitly and does not exist, or when it exists without credentials (e.g. only a
/// `region`); a chosen profile that does not exist, or a broken one, is an error. STS calls
/// go to the [`ProviderConfig`]'s region, else the profile's `region`.
#[derive(Debug, Clone)]
pub struct ProfileProvider {
    config: ProviderConfig,
}

impl ProfileProvider {
    /// Reads profiles through `config`.
    pub fn new(config: &ProviderConfig) -> Self {
        Self {
            config: config.clone(),
        }
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let name = self.config.profile_name();
        let chosen = self.config.chosen_profile_name().is_some();
        let set = ProfileSet::load(&self.config)?;
        let Plan { base, roles } = resolve::plan(&set, &name, chosen)?;
        let region = self.config.region().or_else(|| {
            set.profile(&name)
                .and_then(|profile| profile.get("region"))
                .map(str::to_owned)
        });
        // The profile asks for these sources: them being absent is a configuration error.
        let required = |error: CredentialsError| {
            let error = if error.is_not_configured() {
                error.with_kind(CredentialsErrorKind::InvalidConfiguration)
            } else {
                error
            };
            error.context(format_args!("profile `{name}`"))
        };
        let mut credentials = self.base_credentials(base).await.map_err(required)?;
        for role in &roles {
            credentials = assume_role(&self.config, region.as_deref(), &credentials, role)
                .await
                .map_err(required)?;
        }
        Ok(credentials)
    }

    async fn base_credentials(&self, base: Base) -> Result<Credentials, CredentialsError> {
        let config = &self.config;
        match base {
            Base::Static(credentials) => Ok(credentials),
            Base::WebIdentity(settings) => {
                let file = settings.token_file.to_string_lossy();
                let token_file = config.env().expand_home(&file).ok_or_else(|| {
                    CredentialsError::invalid_configuration(
                        "web_identity_token_file starts with `~` but there is no home directory",
                    )
                })?;
                let settings = WebIdentitySettings {
                    token_file,
                    ..settings
                };
                WebIdentityProvider::with_settings(config, settings)
                    .provide_credentials()
                    .await
            }
            Base::Sso(settings) => {
                SsoProvider::with_settings(config, settings)
                    .provide_credentials()
                    .await
            }
            Base::Process(command) => {
                CredentialProcessProvider::new(command)
                    .provide_credentials()
                    .await
            }
            Base::Named(NamedSource::Environment) => {
                EnvironmentProvider::new(config).provide_credentials().await
            }
            Base::Named(NamedSource::Ec2InstanceMetadata) => {
                ImdsProvider::new(config).provide_credentials().await
            }
            Base::Named(NamedSource::EcsContainer) => {
                ContainerProvider::new(config).provide_credentials().await
            }
        }
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }
}

/// The `region` of the selected profile, if the files can be read and it has one.
pub(crate) fn profile_region(config: &ProviderConfig) -> Option<String> {
    let set = ProfileSet::load(config).ok()?;
    set.profile(&config.profile_name())?
        .get("region")
        .map(str::to_owned)
}

#[cfg(test)]
mod tests;
