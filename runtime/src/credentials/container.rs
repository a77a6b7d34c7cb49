//! Credentials from the container credentials endpoint of ECS tasks and EKS Pod Identity.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use bytes::Bytes;
use http::HeaderValue;

use super::http::{CallPolicy, send};
use super::json::CredentialsDocument;
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials, ProviderConfig};

/// The ECS credentials endpoint host for `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`.
const ECS_HOST: &str = "169.254.170.2";
/// The EKS Pod Identity agent's addresses.
const EKS_IPV4: Ipv4Addr = Ipv4Addr::new(169, 254, 170, 23);
const EKS_IPV6: Ipv6Addr = Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x23);
/// Attempts per fetch.
const ATTEMPTS: u32 = 2;

/// Credentials from the container endpoint of ECS (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`,
/// a path on `http://169.254.170.2`) or any endpoint named by
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI` (EKS Pod Identity and others).
///
/// A full URI must be `https`, or `http` to a loopback address (`127.0.0.0/8`, `::1`,
/// `localhost`) or to the ECS or EKS link-local hosts (`169.254.170.2`, `169.254.170.23`,
/// `fd00:ec2::23`); names are not resolved, so another host name over `http` is refused. The
/// `Authorization` header comes from the file `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`
/// (read on every fetch), else from `AWS_CONTAINER_AUTHORIZATION_TOKEN`. Not configured when
/// neither URI variable is set.
#[derive(Debug, Clone)]
pub struct ContainerProvider {
    config: ProviderConfig,
}

impl ContainerProvider {
    /// Reads its settings from the environment of `config` on every fetch.
    pub fn new(config: &ProviderConfig) -> Self {
        Self {
            config: config.clone(),
        }
    }

    /// The endpoint the environment names.
    fn uri(&self) -> Result<http::Uri, CredentialsError> {
        let env = self.config.env();
        if let Some(relative) = env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            let separator = if relative.starts_with('/') { "" } else { "/" };
            return format!("http://{ECS_HOST}{separator}{relative}")
                .parse()
                .map_err(|_| {
                    CredentialsError::invalid_configuration(
                        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is not a valid URI path",
                    )
                });
        }
        let Some(full) = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI") else {
            return Err(CredentialsError::not_configured(
                "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor \
                 AWS_CONTAINER_CREDENTIALS_FULL_URI is set",
            ));
        };
        let uri: http::Uri = full.parse().map_err(|_| {
            CredentialsError::invalid_configuration(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI is not a valid URI",
            )
        })?;
        let host = uri.host().unwrap_or_default();
        match uri.scheme_str() {
            Some("https") if !host.is_empty() => Ok(uri),
            Some("http") if is_allowed_http_host(host) => Ok(uri),
            Some("http") => Err(CredentialsError::invalid_configuration(format!(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI uses http to `{host}`; http is allowed \
                 only to loopback addresses and the ECS and EKS container hosts"
            ))),
            _ => Err(CredentialsError::invalid_configuration(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI must be an http or https URI with a host",
            )),
        }
    }

    /// The `Authorization` header value, if any.
    fn authorization(&self) -> Result<Option<HeaderValue>, CredentialsError> {
        let env = self.config.env();
        let token = match env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            Some(file) => {
                let path = env.expand_home(&file).ok_or_else(|| {
                    CredentialsError::invalid_configuration(
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE starts with `~` but there is \
                         no home directory",
                    )
                })?;
                let shown = path.display();
                let bytes = self
                    .config
                    .fs()
                    .read(&path)
                    .map_err(|error| {
                        CredentialsError::provider_error(format!(
                            "cannot read the container authorization token file `{shown}`: {error}"
                        ))
                    })?
                    .ok_or_else(|| {
                        CredentialsError::provider_error(format!(
                            "the container authorization token file `{shown}` does not exist"
                        ))
                    })?;
                let text = String::from_utf8(bytes).map_err(|_| {
                    CredentialsError::provider_error(format!(
                        "the container authorization token file `{shown}` is not UTF-8 text"
                    ))
                })?;
                Some(text.trim().to_owned())
            }
            None => env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN"),
        };
        token
            .filter(|token| !token.is_empty())
            .map(|token| {
                // `from_str` rejects CR and LF, so the token cannot inject headers.
                let mut value = HeaderValue::from_str(&token).map_err(|_| {
                    CredentialsError::invalid_configuration(
                        "the container authorization token is not valid header text",
                    )
                })?;
                value.set_sensitive(true);
                Ok(value)
            })
            .transpose()
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let uri = self.uri()?;
        let authorization = self.authorization()?;
        let policy = CallPolicy {
            what: "the container credentials endpoint",
            attempts: ATTEMPTS,
            timeout: self.config.timeout(),
        };
        // Named without the query, which may carry parameters.
        let shown = format!(
            "{}://{}{}",
            uri.scheme_str().unwrap_or("http"),
            uri.authority().map_or("", |a| a.as_str()),
            uri.path()
        );
        let context = || format!("container credentials from {shown}");
        let response = send(self.config.http_client().as_ref(), policy, || {
            let mut request = http::Request::get(uri.clone());
            if let Some(value) = &authorization {
                request = request.header(http::header::AUTHORIZATION, value.clone());
            }
            request.body(Bytes::new()).map_err(|_| {
                CredentialsError::invalid_configuration("cannot build the container request")
            })
        })
        .await?
        .map_err(|error| error.into_error().context(context()))?;
        let status = response.status();
        if !status.is_success() {
            let (code, message) = CredentialsDocument::parse(response.body(), "the reply")
                .map(|document| (document.code, document.message))
                .unwrap_or_default();
            let status = status.as_u16();
            let text = match (&code, message) {
                (Some(code), Some(message)) => format!("{code}: {message} (HTTP {status})"),
                (None, Some(message)) => format!("{message} (HTTP {status})"),
                (Some(code), None) => format!("{code} (HTTP {status})"),
                (None, None) => format!("failed with HTTP {status}"),
            };
            let error = CredentialsError::provider_error(text).context(context());
            return Err(match code {
                Some(code) => error.with_code(code),
                None => error,
            });
        }
        CredentialsDocument::parse(response.body(), "the reply")
            .and_then(|document| document.into_credentials("the reply"))
            .map_err(|error| error.context(context()))
    }
}

/// Loopback addresses, `localhost`, and the ECS and EKS hosts.
fn is_allowed_http_host(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") || host == ECS_HOST {
        return true;
    }
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(IpAddr::V4(ip)) => ip.is_loopback() || ip == EKS_IPV4,
        Ok(IpAddr::V6(ip)) => ip.is_loopback() || ip == EKS_IPV6,
        Err(_) => false,
    }
}

impl ProvideCredentials for ContainerProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::CredentialsErrorKind;
    use crate::credentials::test_support::{
        FakeRequest, FakeResponse, FakeServer, TempDir, closed_port, config,
    };

    const GOOD: &str = r#"{"AccessKeyId":"ASIACONTAINER","SecretAccessKey":"container-secret",
        "Token":"container-token","Expiration":"2024-05-01T12:00:00Z","AccountId":"444455556666",
        "RoleArn":"arn:aws:iam::444455556666:role/task"}"#;

    async fn fake_endpoint(token: &'static str) -> FakeServer {
        FakeServer::start(move |request: &FakeRequest| {
            if request.header("authorization") != Some(token) {
                return FakeResponse::ok(r#"{"code":"AccessDenied","message":"bad token"}"#)
                    .with_status(403);
            }
            FakeResponse::ok(GOOD)
        })
        .await
    }

    async fn provide(vars: &[(&str, &str)]) -> Result<Credentials, CredentialsError> {
        ContainerProvider::new(&config(vars))
            .provide_credentials()
            .await
    }

    #[tokio::test]
    async fn full_uri_with_a_token_file() {
        let server = fake_endpoint("Bearer pod-identity").await;
        let dir = TempDir::new();
        let token_file = dir.write("token", "Bearer pod-identity\n");
        let url = server.url("/v1/credentials?x=1");
        let file = token_file.to_string_lossy();
        let credentials = provide(&[
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &url),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", &file),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "ignored"),
        ])
        .await
        .unwrap();
        assert_eq!(credentials.access_key_id(), "ASIACONTAINER");
        assert_eq!(credentials.session_token(), Some("container-token"));
        assert_eq!(credentials.account_id(), Some("444455556666"));
        assert!(credentials.expiry().is_some());
        assert_eq!(server.requests()[0].target, "/v1/credentials?x=1");
    }

    #[tokio::test]
    async fn token_from_the_environment_and_rejections() {
        let server = fake_endpoint("env-token").await;
        let url = server.url("/creds");
        let credentials = provide(&[
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &url),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "env-token"),
        ])
        .await
        .unwrap();
        assert_eq!(credentials.secret_access_key(), "container-secret");
        let error = provide(&[
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &url),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong"),
        ])
        .await
        .unwrap_err();
        assert_eq!(
            error.message(),
            format!("container credentials from {url}: AccessDenied: bad token (HTTP 403)")
        );
        assert_eq!(error.code(), Some("AccessDenied"));
    }

    #[tokio::test]
    async fn only_safe_hosts_over_http() {
        for allowed in [
            "http://127.0.0.1:1/x",
            "http://127.1.2.3/x",
            "http://localhost/x",
            "http://[::1]:8080/x",
            "http://169.254.170.2/x",
            "http://169.254.170.23/v1/credentials",
            "http://[fd00:ec2::23]/v1/credentials",
            "https://creds.example.com/x",
        ] {
            let provider =
                ContainerProvider::new(&config(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", allowed)]));
            assert!(provider.uri().is_ok(), "{allowed}");
        }
        for refused in [
            "http://169.254.169.254/x",
            "http://creds.example.com/x",
            "http://10.0.0.1/x",
            "ftp://127.0.0.1/x",
            "not a uri",
        ] {
            let error = provide(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", refused)])
                .await
                .unwrap_err();
            assert_eq!(
                error.kind(),
                CredentialsErrorKind::InvalidConfiguration,
                "{refused}"
            );
        }
        let relative = ContainerProvider::new(&config(&[(
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "/v2/credentials/abc",
        )]));
        assert_eq!(
            relative.uri().unwrap().to_string(),
            "http://169.254.170.2/v2/credentials/abc"
        );
        assert!(provide(&[]).await.unwrap_err().is_not_configured());
        let newline = provide(&[
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:1/"),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "a\nb"),
        ])
        .await
        .unwrap_err();
        assert_eq!(newline.kind(), CredentialsErrorKind::InvalidConfiguration);
    }

    #[tokio::test]
    async fn down_failing_and_malformed_endpoints() {
        let down = format!("http://127.0.0.1:{}/creds", closed_port());
        let error = provide(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", &down)])
            .await
            .unwrap_err();
        assert!(
            error
                .message()
                .contains("could not reach the container credentials endpoint"),
            "{error}"
        );

        let failing = FakeServer::start(|_| FakeResponse::status(500)).await;
        let url = failing.url("/creds");
        let error = provide(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", &url)])
            .await
            .unwrap_err();
        assert!(error.message().ends_with("failed with HTTP 500"), "{error}");
        assert_eq!(failing.hits(), ATTEMPTS as usize);

        let malformed = FakeServer::start(|_| FakeResponse::ok(r#"{"AccessKeyId":"A","#)).await;
        let url = malformed.url("/creds");
        let error = provide(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", &url)])
            .await
            .unwrap_err();
        assert!(error.message().contains("not a valid JSON"), "{error}");

        let no_secret = FakeServer::start(|_| FakeResponse::ok(r#"{"AccessKeyId":"A"}"#)).await;
        let url = no_secret.url("/creds");
        let error = provide(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", &url)])
            .await
            .unwrap_err();
        assert!(
            error.message().ends_with("has no `SecretAccessKey`"),
            "{error}"
        );
    }
}
