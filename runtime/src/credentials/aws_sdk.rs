//! Any credentials provider of the AWS SDK for Rust, as ours (feature `aws-credential-types`).

use aws_credential_types::provider::ProvideCredentials as AwsProvideCredentials;
use aws_credential_types::provider::error::CredentialsError as AwsCredentialsError;

use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};

/// Adapts a provider of the AWS SDK for Rust (anything implementing
/// `aws_credential_types::provider::ProvideCredentials`, such as `aws-config`'s default
/// chain) to [`ProvideCredentials`]. Needs the `aws-credential-types` feature.
///
/// Expiry and account id carry over. Errors keep their kind (not loaded, timed out, invalid
/// configuration, provider error) and the SDK's message.
#[derive(Debug, Clone)]
pub struct AwsSdkProvider<P> {
    inner: P,
}

impl<P: AwsProvideCredentials> AwsSdkProvider<P> {
    /// Wraps `inner`.
    pub fn new(inner: P) -> Self {
        Self { inner }
    }
}

impl<P: AwsProvideCredentials> ProvideCredentials for AwsSdkProvider<P> {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            let credentials = self
                .inner
                .provide_credentials()
                .await
                .map_err(convert_error)?;
            let mut converted = Credentials::new(
                credentials.access_key_id(),
                credentials.secret_access_key(),
                credentials.session_token().map(str::to_owned),
            );
            if let Some(expiry) = credentials.expiry() {
                converted = converted.with_expiry(expiry);
            }
            if let Some(account) = credentials.account_id() {
                converted = converted.with_account_id(account.as_str());
            }
            Ok(converted)
        })
    }
}

fn convert_error(error: AwsCredentialsError) -> CredentialsError {
    let message = format!("AWS SDK credentials provider: {error}");
    let converted = match &error {
        AwsCredentialsError::CredentialsNotLoaded(_) => CredentialsError::not_configured(message),
        AwsCredentialsError::ProviderTimedOut(_) => CredentialsError::timeout(message),
        AwsCredentialsError::InvalidConfiguration(_) => {
            CredentialsError::invalid_configuration(message)
        }
        _ => CredentialsError::provider_error(message),
    };
    converted.with_source(error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::CredentialsErrorKind;
    use std::time::{Duration, UNIX_EPOCH};

    #[tokio::test]
    async fn credentials_and_errors_carry_over() {
        let expiry = UNIX_EPOCH + Duration::from_secs(1_714_564_800);
        let sdk = aws_credential_types::Credentials::builder()
            .access_key_id("ASIASDK")
            .secret_access_key("sdk-secret")
            .session_token("sdk-token")
            .expiry(expiry)
            .account_id("123456789012")
            .provider_name("test")
            .build();
        let credentials = AwsSdkProvider::new(sdk)
            .provide_credentials()
            .await
            .unwrap();
        assert_eq!(credentials.access_key_id(), "ASIASDK");
        assert_eq!(credentials.secret_access_key(), "sdk-secret");
        assert_eq!(credentials.session_token(), Some("sdk-token"));
        assert_eq!(credentials.expiry(), Some(expiry));
        assert_eq!(credentials.account_id(), Some("123456789012"));

        #[derive(Debug)]
        struct Failing(fn() -> AwsCredentialsError);
        impl AwsProvideCredentials for Failing {
            fn provide_credentials<'a>(
                &'a self,
            ) -> aws_credential_types::provider::future::ProvideCredentials<'a>
            where
                Self: 'a,
            {
                aws_credential_types::provider::future::ProvideCredentials::ready(Err((self.0)()))
            }
        }
        for (make, kind) in [
            (
                (|| AwsCredentialsError::not_loaded("nothing here")) as fn() -> _,
                CredentialsErrorKind::NotConfigured,
            ),
            (
                || AwsCredentialsError::provider_timed_out(Duration::from_secs(5)),
                CredentialsErrorKind::Timeout,
            ),
            (
                || AwsCredentialsError::invalid_configuration("bad profile"),
                CredentialsErrorKind::InvalidConfiguration,
            ),
            (
                || AwsCredentialsError::provider_error("sts said no"),
                CredentialsErrorKind::ProviderError,
            ),
        ] {
            let error = AwsSdkProvider::new(Failing(make))
                .provide_credentials()
                .await
                .unwrap_err();
            assert_eq!(error.kind(), kind, "{error}");
            assert!(std::error::Error::source(&error).is_some());
        }
    }
}
