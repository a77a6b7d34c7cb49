//! IAM Identity Center (SSO): role credentials for the token `aws sso login` cached.

use std::path::PathBuf;
use std::time::{Duration, UNIX_EPOCH};

use bytes::Bytes;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use sha1::{Digest, Sha1};

use super::http::{CallPolicy, send};
use super::json::parse_expiration;
use super::provider_config::dns_suffix;
use super::{
    Credentials, CredentialsError, CredentialsFuture, ProvideCredentials, ProviderConfig,
    format_time,
};
use crate::json::{JsonError, Reader};

/// Attempts per portal call.
const ATTEMPTS: u32 = 3;

/// What a profile says about its IAM Identity Center access.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SsoSettings {
    pub(crate) start_url: String,
    /// Where the portal is (`sso_region`).
    pub(crate) region: String,
    pub(crate) account_id: String,
    pub(crate) role_name: String,
    /// The `[sso-session name]`, or `None` for the legacy settings in the profile itself.
    pub(crate) session_name: Option<String>,
}

impl SsoSettings {
    /// The cache file's key: the session name, else (legacy) the start URL.
    fn cache_key(&self) -> &str {
        self.session_name.as_deref().unwrap_or(&self.start_url)
    }

    /// What to run to get a fresh token.
    fn login_hint(&self) -> String {
        match &self.session_name {
            Some(session) => format!("run `aws sso login --sso-session {session}`"),
            None => "run `aws sso login`".to_owned(),
        }
    }
}

/// Credentials of an IAM Identity Center role (a profile's `sso_session` or legacy
/// `sso_start_url`, with `sso_account_id` and `sso_role_name`).
///
/// The access token comes from the cache `aws sso login` writes,
/// `~/.aws/sso/cache/<SHA-1 of the session name or legacy start URL>.json`; the role's
/// credentials from the portal's `GET /federation/credentials` at
/// `https://portal.sso.{sso_region}.amazonaws.com` (or `AWS_ENDPOINT_URL_SSO`). An expired
/// token is an error that says to run `aws sso login`: tokens are not refreshed here.
#[derive(Debug, Clone)]
pub(crate) struct SsoProvider {
    config: ProviderConfig,
    settings: SsoSettings,
}

impl SsoProvider {
    /// A provider for `settings`.
    pub(crate) fn with_settings(config: &ProviderConfig, settings: SsoSettings) -> Self {
        Self {
            config: config.clone(),
            settings,
        }
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let token = self.cached_token()?;
        let settings = &self.settings;
        let base = self.config.endpoint_override("SSO").unwrap_or_else(|| {
            format!(
                "https://portal.sso.{}.{}",
                settings.region,
                dns_suffix(&settings.region)
            )
        });
        let url = format!(
            "{base}/federation/credentials?role_name={}&account_id={}",
            utf8_percent_encode(&settings.role_name, NON_ALPHANUMERIC),
            utf8_percent_encode(&settings.account_id, NON_ALPHANUMERIC)
        );
        let mut token_header = http::HeaderValue::from_str(&token).map_err(|_| {
            CredentialsError::provider_error(format!(
                "the cached IAM Identity Center token is not valid header text; {}",
                settings.login_hint()
            ))
        })?;
        token_header.set_sensitive(true);
        let policy = CallPolicy {
            what: "the IAM Identity Center portal",
            attempts: ATTEMPTS,
            timeout: self.config.timeout(),
        };
        let context = || {
            format!(
                "IAM Identity Center role `{}` in account {} at {base}",
                settings.role_name, settings.account_id
            )
        };
        let response = send(self.config.http_client().as_ref(), policy, || {
            http::Request::get(&url)
                .header("x-amz-sso_bearer_token", token_header.clone())
                .body(Bytes::new())
                .map_err(|_| {
                    CredentialsError::invalid_configuration(format!(
                        "the IAM Identity Center endpoint `{base}` is not a valid URL"
                    ))
                })
        })
        .await?
        .map_err(|error| error.into_error().context(context()))?;
        read_reply(&response, settings).map_err(|error| error.context(context()))
    }

    /// The access token of the cache file, if still valid.
    fn cached_token(&self) -> Result<String, CredentialsError> {
        let settings = &self.settings;
        let home = self.config.env().home_dir().ok_or_else(|| {
            CredentialsError::invalid_configuration(
                "IAM Identity Center needs a home directory for its token cache",
            )
        })?;
        let path = cache_file(&home, settings.cache_key());
        let shown = path.display();
        let bytes = self
            .config
            .fs()
            .read(&path)
            .map_err(|error| {
                CredentialsError::provider_error(format!(
                    "cannot read the IAM Identity Center token cache `{shown}`: {error}"
                ))
            })?
            .ok_or_else(|| {
                CredentialsError::provider_error(format!(
                    "no cached IAM Identity Center token (`{shown}` does not exist); {}",
                    settings.login_hint()
                ))
            })?;
        let (token, expires_at) = read_token(&bytes).map_err(|error| {
            CredentialsError::provider_error(format!(
                "the IAM Identity Center token cache `{shown}` is not valid JSON (at byte {}); {}",
                error.offset(),
                settings.login_hint()
            ))
        })?;
        let missing = |member: &str| {
            CredentialsError::provider_error(format!(
                "the IAM Identity Center token cache `{shown}` has no `{member}`; {}",
                settings.login_hint()
            ))
        };
        let token = token.ok_or_else(|| missing("accessToken"))?;
        let expires_at = expires_at.ok_or_else(|| missing("expiresAt"))?;
        let expires_at = parse_expiration(&expires_at, "the IAM Identity Center token cache")
            .map_err(|_| {
                CredentialsError::provider_error(format!(
                    "the `expiresAt` of the IAM Identity Center token cache `{shown}` is not an \
                     RFC 3339 date-time; {}",
                    settings.login_hint()
                ))
            })?;
        if expires_at <= self.config.now() {
            return Err(CredentialsError::provider_error(format!(
                "the IAM Identity Center token expired at {}; {}",
                format_time(expires_at),
                settings.login_hint()
            )));
        }
        Ok(token)
    }
}

impl ProvideCredentials for SsoProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }
}

/// `~/.aws/sso/cache/<lower-case hex SHA-1 of key>.json`.
pub(crate) fn cache_file(home: &std::path::Path, key: &str) -> PathBuf {
    let digest = Sha1::digest(key.as_bytes());
    let mut name = String::with_capacity(45);
    for byte in digest {
        name.push_str(&format!("{byte:02x}"));
    }
    name.push_str(".json");
    home.join(".aws").join("sso").join("cache").join(name)
}

/// `accessToken` and `expiresAt` of a token cache file.
fn read_token(bytes: &[u8]) -> Result<(Option<String>, Option<String>), JsonError> {
    let mut reader = Reader::new(bytes)?;
    let (mut token, mut expires_at) = (None, None);
    reader.begin_object()?;
    while let Some(key) = reader.next_key()? {
        match &*key {
            "accessToken" => token = Some(reader.read_string()?),
            "expiresAt" => expires_at = Some(reader.read_string()?),
            _ => reader.skip_value()?,
        }
    }
    reader.finish()?;
    Ok((token.filter(|t| !t.is_empty()), expires_at))
}

/// The credentials of a portal reply, or the error it reports.
fn read_reply(
    response: &http::Response<Bytes>,
    settings: &SsoSettings,
) -> Result<Credentials, CredentialsError> {
    let status = response.status();
    if !status.is_success() {
        let (code, message) = read_error(response);
        let status_code = status.as_u16();
        let error_code = code.clone();
        let mut text = match (code, message) {
            (Some(code), Some(message)) => format!("{code}: {message} (HTTP {status_code})"),
            (Some(code), None) => format!("{code} (HTTP {status_code})"),
            (None, Some(message)) => format!("{message} (HTTP {status_code})"),
            (None, None) => format!("failed with HTTP {status_code}"),
        };
        if status == http::StatusCode::UNAUTHORIZED {
            text.push_str(&format!("; {}", settings.login_hint()));
        }
        let error = CredentialsError::provider_error(text);
        return Err(match error_code {
            Some(code) => error.with_code(code),
            None => error,
        });
    }
    let invalid = |error: JsonError| {
        CredentialsError::provider_error(format!(
            "the reply is not a valid roleCredentials document (at byte {})",
            error.offset()
        ))
    };
    let role = read_role_credentials(response.body()).map_err(invalid)?;
    let missing =
        |member: &str| CredentialsError::provider_error(format!("the reply has no `{member}`"));
    let expiration = role.expiration.ok_or_else(|| missing("expiration"))?;
    let expiry = u64::try_from(expiration)
        .ok()
        .and_then(|millis| UNIX_EPOCH.checked_add(Duration::from_millis(millis)))
        .ok_or_else(|| {
            CredentialsError::provider_error("the reply's `expiration` is not a time")
        })?;
    Ok(Credentials::new(
        role.access_key_id.ok_or_else(|| missing("accessKeyId"))?,
        role.secret_access_key
            .ok_or_else(|| missing("secretAccessKey"))?,
        role.session_token,
    )
    .with_expiry(expiry)
    .with_account_id(settings.account_id.clone()))
}

#[derive(Default)]
struct RoleCredentials {
    access_key_id: Option<String>,
    secret_access_key: Option<String>,
    session_token: Option<String>,
    /// Milliseconds since the epoch.
    expiration: Option<i64>,
}

fn read_role_credentials(body: &[u8]) -> Result<RoleCredentials, JsonError> {
    let mut reader = Reader::new(body)?;
    let mut role = RoleCredentials::default();
    reader.begin_object()?;
    while let Some(key) = reader.next_key()? {
        if key != "roleCredentials" || reader.try_null()? {
            if key != "roleCredentials" {
                reader.skip_value()?;
            }
            continue;
        }
        reader.begin_object()?;
        while let Some(member) = reader.next_key()? {
            if reader.try_null()? {
                continue;
            }
            match &*member {
                "accessKeyId" => role.access_key_id = Some(reader.read_string()?),
                "secretAccessKey" => role.secret_access_key = Some(reader.read_string()?),
                "sessionToken" => role.session_token = Some(reader.read_string()?),
                "expiration" => role.expiration = Some(reader.read_i64()?),
                _ => reader.skip_value()?,
            }
        }
    }
    reader.finish()?;
    Ok(role)
}

/// The error code (`x-amzn-errortype`, else `__type`, without its namespace) and `message` of
/// an error reply.
fn read_error(response: &http::Response<Bytes>) -> (Option<String>, Option<String>) {
    let mut code: Option<String> = response
        .headers()
        .get("x-amzn-errortype")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let mut message = None;
    let read = |code: &mut Option<String>, message: &mut Option<String>| {
        let mut reader = Reader::new(response.body())?;
        reader.begin_object()?;
        while let Some(key) = reader.next_key()? {
            match &*key {
                "__type" if code.is_none() => *code = Some(reader.read_string()?),
                "message" | "Message" => *message = Some(reader.read_string()?),
                _ => reader.skip_value()?,
            }
        }
        Ok::<_, JsonError>(())
    };
    let _ = read(&mut code, &mut message);
    let code = code.map(|code| {
        let head = code.split(':').next().unwrap_or_default();
        head.rsplit('#').next().unwrap_or_default().to_owned()
    });
    (
        code.filter(|c| !c.is_empty()),
        message.filter(|m| !m.is_empty()),
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::credentials::CredentialsErrorKind;
    use crate::credentials::test_support::{
        FakeRequest, FakeResponse, FakeServer, ManualClock, TempDir, config, rfc3339,
    };

    /// A fake portal granting `role_name` keys `ASIA<role>`, valid one hour after the clock
    /// start, to the bearer token `token`.
    pub(crate) async fn fake_portal(token: &'static str) -> FakeServer {
        FakeServer::start(move |request: &FakeRequest| {
            if request.header("x-amz-sso_bearer_token") != Some(token) {
                return FakeResponse::ok(
                    r#"{"message":"Session token not found or invalid","__type":"com.amazonaws.switchboard.portal#UnauthorizedException"}"#,
                )
                .with_status(401);
            }
            let query = request.target.split_once('?').map(|(_, q)| q).unwrap_or_default();
            let role = query
                .split('&')
                .find_map(|pair| pair.strip_prefix("role_name="))
                .unwrap_or_default();
            let expiration = (ManualClock::START + 3600) * 1000;
            FakeResponse::ok(format!(
                r#"{{"roleCredentials":{{"accessKeyId":"ASIA{role}","secretAccessKey":"sso-secret","sessionToken":"sso-session-token","expiration":{expiration}}}}}"#
            ))
        })
        .await
    }

    /// Writes the token cache for `key` under `home`.
    pub(crate) fn write_token(dir: &TempDir, key: &str, token: &str, expires_in: i64) {
        let expires = if expires_in >= 0 {
            UNIX_EPOCH + Duration::from_secs(ManualClock::START + expires_in as u64)
        } else {
            UNIX_EPOCH + Duration::from_secs(ManualClock::START - expires_in.unsigned_abs())
        };
        let relative = cache_file(std::path::Path::new(""), key);
        dir.write(
            &relative.to_string_lossy(),
            format!(
                r#"{{"startUrl":"https://corp.awsapps.com/start","region":"eu-west-1","accessToken":"{token}","expiresAt":"{}"}}"#,
                rfc3339(expires)
            ),
        );
    }

    pub(crate) fn settings(session: Option<&str>) -> SsoSettings {
        SsoSettings {
            start_url: "https://corp.awsapps.com/start".to_owned(),
            region: "eu-west-1".to_owned(),
            account_id: "111122223333".to_owned(),
            role_name: "Dev Role".to_owned(),
            session_name: session.map(str::to_owned),
        }
    }

    fn provider(dir: &TempDir, portal: &str, settings: SsoSettings) -> SsoProvider {
        let home = dir.path().to_string_lossy().into_owned();
        let clock = ManualClock::new();
        let config = config(&[("HOME", &home), ("AWS_ENDPOINT_URL_SSO", portal)])
            .with_time_source(clock.time_source());
        SsoProvider::with_settings(&config, settings)
    }

    #[test]
    fn cache_files_are_named_by_the_sha1_of_the_key() {
        // SHA-1 of "abc" (FIPS 180-1, appendix A).
        assert_eq!(
            cache_file(std::path::Path::new("/h"), "abc"),
            PathBuf::from("/h/.aws/sso/cache/a9993e364706816aba3e25717850c26c9cd0d89d.json")
        );
    }

    #[tokio::test]
    async fn session_token_buys_role_credentials() {
        let portal = fake_portal("sso-token").await;
        let dir = TempDir::new();
        write_token(&dir, "corp", "sso-token", 600);
        let credentials = provider(&dir, &portal.base(), settings(Some("corp")))
            .provide_credentials()
            .await
            .unwrap();
        assert_eq!(credentials.access_key_id(), "ASIADev%20Role");
        assert_eq!(credentials.secret_access_key(), "sso-secret");
        assert_eq!(credentials.session_token(), Some("sso-session-token"));
        assert_eq!(credentials.account_id(), Some("111122223333"));
        assert_eq!(
            credentials.expiry(),
            Some(UNIX_EPOCH + Duration::from_secs(ManualClock::START + 3600))
        );
        let request = &portal.requests()[0];
        assert_eq!(request.method, "GET");
        assert_eq!(
            request.target,
            "/federation/credentials?role_name=Dev%20Role&account_id=111122223333"
        );
    }

    #[tokio::test]
    async fn legacy_settings_key_the_cache_by_start_url() {
        let portal = fake_portal("legacy-token").await;
        let dir = TempDir::new();
        write_token(&dir, "https://corp.awsapps.com/start", "legacy-token", 600);
        let credentials = provider(&dir, &portal.base(), settings(None))
            .provide_credentials()
            .await
            .unwrap();
        assert_eq!(credentials.secret_access_key(), "sso-secret");
    }

    #[tokio::test]
    async fn expired_missing_or_rejected_tokens_say_to_log_in() {
        let portal = fake_portal("good").await;
        let dir = TempDir::new();
        let error = provider(&dir, &portal.base(), settings(Some("corp")))
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(error.message().contains("does not exist"), "{error}");
        assert!(
            error
                .message()
                .ends_with("run `aws sso login --sso-session corp`")
        );

        write_token(&dir, "corp", "good", -1);
        let error = provider(&dir, &portal.base(), settings(Some("corp")))
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(
            error
                .message()
                .starts_with("the IAM Identity Center token expired at 2024-04-30T23:59:59Z"),
            "{error}"
        );
        assert_eq!(portal.hits(), 0);

        write_token(&dir, "corp", "revoked", 600);
        let error = provider(&dir, &portal.base(), settings(Some("corp")))
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(
            error.message().ends_with(
                "UnauthorizedException: Session token not found or invalid (HTTP 401); run `aws sso login --sso-session corp`"
            ),
            "{error}"
        );
        assert_eq!(error.kind(), CredentialsErrorKind::ProviderError);
        assert_eq!(error.code(), Some("UnauthorizedException"));
    }

    #[tokio::test]
    async fn error_codes_come_from_the_header_else_the_body() {
        let dir = TempDir::new();
        write_token(&dir, "corp", "t", 600);
        let forbidden = FakeServer::start(|_| {
            FakeResponse::ok(r#"{"message":"No access","__type":"Other"}"#)
                .with_status(403)
                .with_header(
                    "x-amzn-errortype",
                    "ForbiddenException:http://internal.amazon.com/",
                )
        })
        .await;
        let error = provider(&dir, &forbidden.base(), settings(Some("corp")))
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(
            error
                .message()
                .ends_with(": ForbiddenException: No access (HTTP 403)"),
            "{error}"
        );
        assert_eq!(forbidden.hits(), 1);
        let throttled = FakeServer::start(|_| FakeResponse::ok("{}").with_status(429)).await;
        let error = provider(&dir, &throttled.base(), settings(Some("corp")))
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(
            error.message().ends_with(": failed with HTTP 429"),
            "{error}"
        );
        assert_eq!(throttled.hits(), ATTEMPTS as usize);
    }

    #[tokio::test]
    async fn malformed_caches_and_replies_are_errors() {
        let dir = TempDir::new();
        let cache = cache_file(std::path::Path::new(""), "corp");
        dir.write(
            &cache.to_string_lossy(),
            r#"{"accessToken": sso-secret-token"#,
        );
        let error = provider(&dir, "http://127.0.0.1:9", settings(Some("corp")))
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(
            error.message().contains("is not valid JSON (at byte 16)"),
            "{error}"
        );
        assert!(!error.message().contains("sso-secret-token"));

        dir.write(
            &cache.to_string_lossy(),
            r#"{"accessToken":"t","expiresAt":"later"}"#,
        );
        let error = provider(&dir, "http://127.0.0.1:9", settings(Some("corp")))
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(error.message().contains("`expiresAt`"), "{error}");

        let bad_portal = FakeServer::start(|_| {
            FakeResponse::ok(r#"{"roleCredentials":{"accessKeyId":"A","secretAccessKey":"S"}}"#)
        })
        .await;
        write_token(&dir, "corp", "t", 600);
        let error = provider(&dir, &bad_portal.base(), settings(Some("corp")))
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(
            error.message().ends_with("the reply has no `expiration`"),
            "{error}"
        );
    }
}
