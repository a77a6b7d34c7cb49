//! The two STS calls providers make: `AssumeRole` (SigV4-signed with the source credentials)
//! and `AssumeRoleWithWebIdentity` (unsigned). Both are awsQuery: a form POST answered in XML.

use std::time::UNIX_EPOCH;

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::http::{CallPolicy, body_text, send};
use super::json::parse_expiration;
use super::provider_config::dns_suffix;
use super::xml::XmlTexts;
use super::{Credentials, CredentialsError, ProviderConfig};
use crate::sign::{Signer, SigningScope};

/// The STS API version of the requests.
const VERSION: &str = "2011-06-15";
/// Attempts per STS call.
const ATTEMPTS: u32 = 3;
/// Form values keep the unreserved characters only.
const FORM_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// One role to assume and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RoleToAssume {
    pub(crate) role_arn: String,
    /// `None`: a generated `shapegen-<milliseconds>` name.
    pub(crate) session_name: Option<String>,
    pub(crate) external_id: Option<String>,
    pub(crate) duration_seconds: Option<u32>,
}

/// Where STS calls go and the region their signature is scoped to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StsEndpoint {
    pub(crate) url: String,
    pub(crate) signing_region: String,
}

impl StsEndpoint {
    /// `AWS_ENDPOINT_URL_STS` / `AWS_ENDPOINT_URL`, else the regional endpoint, else (no
    /// region) the global `https://sts.amazonaws.com`, signed for `us-east-1`.
    pub(crate) fn resolve(config: &ProviderConfig, region: Option<&str>) -> Self {
        let signing_region = region.unwrap_or("us-east-1").to_owned();
        let url = match (config.endpoint_override("STS"), region) {
            (Some(url), _) => url,
            (None, Some(region)) => format!("https://sts.{region}.{}", dns_suffix(region)),
            (None, None) => "https://sts.amazonaws.com".to_owned(),
        };
        Self {
            url,
            signing_region,
        }
    }
}

/// STS `AssumeRole` for `role`, signed with `source`.
pub(crate) async fn assume_role(
    config: &ProviderConfig,
    region: Option<&str>,
    source: &Credentials,
    role: &RoleToAssume,
) -> Result<Credentials, CredentialsError> {
    let endpoint = StsEndpoint::resolve(config, region);
    let mut form = vec![
        ("Action", "AssumeRole".to_owned()),
        ("Version", VERSION.to_owned()),
        ("RoleArn", role.role_arn.clone()),
        (
            "RoleSessionName",
            session_name(config, role.session_name.as_deref()),
        ),
    ];
    if let Some(external_id) = &role.external_id {
        form.push(("ExternalId", external_id.clone()));
    }
    if let Some(duration) = role.duration_seconds {
        form.push(("DurationSeconds", duration.to_string()));
    }
    let signer = Signer::default();
    let scope = SigningScope {
        name: "sts".to_owned(),
        region: endpoint.signing_region.clone(),
        double_encode: true,
    };
    let body = encode_form(&form);
    call(config, &endpoint, "AssumeRole", &role.role_arn, || {
        let mut request = form_request(&endpoint, body.clone())?;
        signer
            .sign(&mut request, source, &scope, config.now())
            .map_err(|error| {
                CredentialsError::provider_error(format!("cannot sign STS AssumeRole: {error}"))
            })?;
        Ok(request)
    })
    .await
}

/// STS `AssumeRoleWithWebIdentity` for `role_arn` with the identity provider's `token`.
pub(crate) async fn assume_role_with_web_identity(
    config: &ProviderConfig,
    region: Option<&str>,
    role_arn: &str,
    session_name: Option<&str>,
    token: &str,
) -> Result<Credentials, CredentialsError> {
    let endpoint = StsEndpoint::resolve(config, region);
    let form = [
        ("Action", "AssumeRoleWithWebIdentity".to_owned()),
        ("Version", VERSION.to_owned()),
        ("RoleArn", role_arn.to_owned()),
        ("RoleSessionName", self::session_name(config, session_name)),
        ("WebIdentityToken", token.to_owned()),
    ];
    let body = encode_form(&form);
    call(
        config,
        &endpoint,
        "AssumeRoleWithWebIdentity",
        role_arn,
        || form_request(&endpoint, body.clone()),
    )
    .await
}

/// The given session name, else `shapegen-<milliseconds since the epoch>`.
fn session_name(config: &ProviderConfig, name: Option<&str>) -> String {
    match name {
        Some(name) => name.to_owned(),
        None => {
            let millis = config
                .now()
                .duration_since(UNIX_EPOCH)
                .map(|since| since.as_millis())
                .unwrap_or(0);
            format!("shapegen-{millis}")
        }
    }
}

fn encode_form(pairs: &[(&str, String)]) -> Bytes {
    let mut body = String::new();
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            body.push('&');
        }
        body.push_str(key);
        body.push('=');
        body.extend(utf8_percent_encode(value, FORM_VALUE));
    }
    Bytes::from(body)
}

fn form_request(
    endpoint: &StsEndpoint,
    body: Bytes,
) -> Result<http::Request<Bytes>, CredentialsError> {
    let uri: http::Uri = format!("{}/", endpoint.url).parse().map_err(|_| {
        CredentialsError::invalid_configuration(format!(
            "the STS endpoint `{}` is not a valid URL",
            endpoint.url
        ))
    })?;
    let host = uri
        .authority()
        .map(|authority| authority.as_str().to_owned())
        .ok_or_else(|| {
            CredentialsError::invalid_configuration(format!(
                "the STS endpoint `{}` has no host",
                endpoint.url
            ))
        })?;
    http::Request::post(uri)
        .header(http::header::HOST, host)
        .header(
            http::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded; charset=utf-8",
        )
        .body(body)
        .map_err(|_| {
            CredentialsError::invalid_configuration(format!(
                "cannot build a request to the STS endpoint `{}`",
                endpoint.url
            ))
        })
}

async fn call(
    config: &ProviderConfig,
    endpoint: &StsEndpoint,
    action: &str,
    role_arn: &str,
    build: impl Fn() -> Result<http::Request<Bytes>, CredentialsError> + Sync,
) -> Result<Credentials, CredentialsError> {
    let policy = CallPolicy {
        what: "STS",
        attempts: ATTEMPTS,
        timeout: config.timeout(),
    };
    let context = || format!("STS {action} for role `{role_arn}` at {}", endpoint.url);
    let response = send(config.http_client().as_ref(), policy, build)
        .await?
        .map_err(|error| error.into_error().context(context()))?;
    read_reply(action, &response).map_err(|error| error.context(context()))
}

/// The credentials of a successful reply, or the error of a failed one.
pub(crate) fn read_reply(
    action: &str,
    response: &http::Response<Bytes>,
) -> Result<Credentials, CredentialsError> {
    let status = response.status();
    if !status.is_success() {
        return Err(error_reply(response));
    }
    let texts = XmlTexts::parse(response.body())
        .map_err(|error| CredentialsError::provider_error(format!("the reply is {error}")))?;
    let result = format!("{action}Response/{action}Result");
    if texts.root() != Some(&format!("{action}Response")) {
        return Err(CredentialsError::provider_error(format!(
            "the reply is not an {action}Response"
        )));
    }
    let member = |name: &str| {
        texts
            .get(&format!("{result}/Credentials/{name}"))
            .filter(|value| !value.is_empty())
            .ok_or_else(|| {
                CredentialsError::provider_error(format!("the reply has no `Credentials/{name}`"))
            })
    };
    let expiry = parse_expiration(member("Expiration")?, "the reply")?;
    let credentials = Credentials::new(
        member("AccessKeyId")?,
        member("SecretAccessKey")?,
        Some(member("SessionToken")?.to_owned()),
    )
    .with_expiry(expiry);
    // `arn:aws:sts::123456789012:assumed-role/Role/session`: the account is the fifth field.
    let account = texts
        .get(&format!("{result}/AssumedRoleUser/Arn"))
        .and_then(|arn| arn.split(':').nth(4))
        .filter(|account| !account.is_empty());
    Ok(match account {
        Some(account) => credentials.with_account_id(account),
        None => credentials,
    })
}

/// `<ErrorResponse><Error><Code>…</Code><Message>…</Message></Error>…` as an error.
fn error_reply(response: &http::Response<Bytes>) -> CredentialsError {
    let status = response.status().as_u16();
    let parsed = body_text(response.body(), "the reply")
        .ok()
        .and_then(|_| XmlTexts::parse(response.body()).ok());
    let code = parsed
        .as_ref()
        .and_then(|texts| texts.get("ErrorResponse/Error/Code"))
        .filter(|code| !code.is_empty());
    let message = parsed
        .as_ref()
        .and_then(|texts| texts.get("ErrorResponse/Error/Message"))
        .filter(|message| !message.is_empty());
    match (code, message) {
        (Some(code), Some(message)) => {
            CredentialsError::provider_error(format!("{code}: {message} (HTTP {status})"))
                .with_code(code)
        }
        (Some(code), None) => {
            CredentialsError::provider_error(format!("{code} (HTTP {status})")).with_code(code)
        }
        _ => CredentialsError::provider_error(format!("failed with HTTP {status}")),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::credentials::test_support::{
        FakeRequest, FakeResponse, FakeServer, ManualClock, closed_port, config, rfc3339,
    };
    use std::time::{Duration, SystemTime};

    /// An STS reply for `action` with these credentials and a one-hour expiry from `now`.
    pub(crate) fn sts_reply(
        action: &str,
        key: &str,
        secret: &str,
        token: &str,
        now: SystemTime,
    ) -> String {
        format!(
            r#"<{action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <{action}Result>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/demo/session</Arn>
      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:session</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>{key}</AccessKeyId>
      <SecretAccessKey>{secret}</SecretAccessKey>
      <SessionToken>{token}</SessionToken>
      <Expiration>{}</Expiration>
    </Credentials>
  </{action}Result>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</{action}Response>"#,
            rfc3339(now + Duration::from_secs(3600))
        )
    }

    /// A fake STS answering both actions, issuing `ASIA<n>` keys to role `n`.
    pub(crate) async fn fake_sts() -> FakeServer {
        FakeServer::start(|request: &FakeRequest| {
            let action = request.form_value("Action").unwrap_or_default();
            let role = request.form_value("RoleArn").unwrap_or_default();
            let name = role.rsplit('/').next().unwrap_or_default().to_owned();
            FakeResponse::ok(sts_reply(
                &action,
                &format!("ASIA{name}"),
                &format!("secret-{name}"),
                &format!("token-{name}"),
                UNIX_EPOCH + Duration::from_secs(ManualClock::START),
            ))
        })
        .await
    }

    fn role(arn: &str) -> RoleToAssume {
        RoleToAssume {
            role_arn: arn.to_owned(),
            session_name: Some("sess".to_owned()),
            external_id: Some("ext id/1".to_owned()),
            duration_seconds: Some(900),
        }
    }

    #[test]
    fn endpoints_are_regional_global_or_overridden() {
        let none = config(&[]);
        assert_eq!(
            StsEndpoint::resolve(&none, Some("eu-west-1")).url,
            "https://sts.eu-west-1.amazonaws.com"
        );
        assert_eq!(
            StsEndpoint::resolve(&none, Some("cn-north-1")).url,
            "https://sts.cn-north-1.amazonaws.com.cn"
        );
        let global = StsEndpoint::resolve(&none, None);
        assert_eq!(global.url, "https://sts.amazonaws.com");
        assert_eq!(global.signing_region, "us-east-1");
        let overridden = config(&[("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:9")]);
        assert_eq!(
            StsEndpoint::resolve(&overridden, Some("eu-west-1")),
            StsEndpoint {
                url: "http://127.0.0.1:9".to_owned(),
                signing_region: "eu-west-1".to_owned()
            }
        );
    }

    #[tokio::test]
    async fn assume_role_is_a_signed_form_post() {
        let sts = fake_sts().await;
        let config = config(&[("AWS_ENDPOINT_URL_STS", &sts.base())]);
        let source = Credentials::new("AKIDSOURCE", "source-secret", Some("source-token".into()));
        let credentials = assume_role(
            &config,
            Some("eu-west-1"),
            &source,
            &role("arn:aws:iam::123456789012:role/admin"),
        )
        .await
        .unwrap();
        assert_eq!(credentials.access_key_id(), "ASIAadmin");
        assert_eq!(credentials.secret_access_key(), "secret-admin");
        assert_eq!(credentials.session_token(), Some("token-admin"));
        assert_eq!(credentials.account_id(), Some("123456789012"));
        assert!(credentials.expiry().is_some());

        let request = &sts.requests()[0];
        assert_eq!(request.method, "POST");
        assert_eq!(request.target, "/");
        assert_eq!(
            request.header("content-type"),
            Some("application/x-www-form-urlencoded; charset=utf-8")
        );
        let form = request.form();
        let get = |key: &str| form.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        assert_eq!(get("Action"), Some("AssumeRole"));
        assert_eq!(get("Version"), Some("2011-06-15"));
        assert_eq!(get("RoleSessionName"), Some("sess"));
        assert_eq!(get("ExternalId"), Some("ext id/1"));
        assert_eq!(get("DurationSeconds"), Some("900"));
        let authorization = request.header("authorization").unwrap();
        assert!(
            authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDSOURCE/")
                && authorization.contains("/eu-west-1/sts/aws4_request"),
            "{authorization}"
        );
        assert_eq!(request.header("x-amz-security-token"), Some("source-token"));
    }

    #[tokio::test]
    async fn web_identity_is_unsigned_and_names_its_session() {
        let sts = fake_sts().await;
        let clock = ManualClock::new();
        let config =
            config(&[("AWS_ENDPOINT_URL", &sts.base())]).with_time_source(clock.time_source());
        let credentials = assume_role_with_web_identity(
            &config,
            None,
            "arn:aws:iam::123456789012:role/web",
            None,
            "the-jwt",
        )
        .await
        .unwrap();
        assert_eq!(credentials.access_key_id(), "ASIAweb");
        let request = &sts.requests()[0];
        assert_eq!(request.header("authorization"), None);
        assert_eq!(
            request.form_value("WebIdentityToken").as_deref(),
            Some("the-jwt")
        );
        assert_eq!(
            request.form_value("RoleSessionName"),
            Some(format!("shapegen-{}000", ManualClock::START))
        );
    }

    #[tokio::test]
    async fn error_replies_become_typed_errors() {
        let sts = FakeServer::start(|_| {
            FakeResponse::ok(
                "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>\
                 <Type>Sender</Type><Code>AccessDenied</Code>\
                 <Message>User is not authorized to perform: sts:AssumeRole</Message>\
                 </Error><RequestId>r-1</RequestId></ErrorResponse>",
            )
            .with_status(403)
        })
        .await;
        let config = config(&[("AWS_ENDPOINT_URL_STS", &sts.base())]);
        let source = Credentials::new("AKID", "s", None);
        let error = assume_role(&config, None, &source, &role("arn:aws:iam::1:role/r"))
            .await
            .unwrap_err();
        assert_eq!(
            error.kind(),
            crate::credentials::CredentialsErrorKind::ProviderError
        );
        assert_eq!(error.code(), Some("AccessDenied"));
        assert!(
            error.message().ends_with(
                "AccessDenied: User is not authorized to perform: sts:AssumeRole (HTTP 403)"
            ),
            "{error}"
        );
        assert!(
            error
                .message()
                .starts_with("STS AssumeRole for role `arn:aws:iam::1:role/r`")
        );
        assert_eq!(sts.hits(), 1, "a 403 is not retried");
    }

    #[tokio::test]
    async fn server_errors_are_retried_then_reported() {
        let sts = FakeServer::start(|_| FakeResponse::ok("oops").with_status(500)).await;
        let up = config(&[("AWS_ENDPOINT_URL_STS", &sts.base())]);
        let error = assume_role_with_web_identity(&up, None, "arn:r", Some("s"), "t")
            .await
            .unwrap_err();
        assert!(error.message().ends_with("failed with HTTP 500"), "{error}");
        assert_eq!(sts.hits(), ATTEMPTS as usize);

        let down = config(&[(
            "AWS_ENDPOINT_URL_STS",
            &format!("http://127.0.0.1:{}", closed_port()),
        )]);
        let error = assume_role_with_web_identity(&down, None, "arn:r", Some("s"), "t")
            .await
            .unwrap_err();
        assert!(error.message().contains("could not reach STS"), "{error}");
    }

    #[test]
    fn malformed_replies_are_provider_errors() {
        let reply = |body: &str| {
            http::Response::builder()
                .status(200)
                .body(Bytes::from(body.to_owned()))
                .unwrap()
        };
        let now = UNIX_EPOCH + Duration::from_secs(ManualClock::START);
        let good = sts_reply("AssumeRole", "ASIA1", "s", "t", now);
        assert!(read_reply("AssumeRole", &reply(&good)).is_ok());
        for (body, expected) in [
            ("<AssumeRoleResponse>", "not well-formed XML"),
            (
                &good.replace("AssumeRole", "GetCallerIdentity"),
                "not an AssumeRoleResponse",
            ),
            (
                &good.replace("<SessionToken>t</SessionToken>", ""),
                "no `Credentials/SessionToken`",
            ),
            (
                &good.replace(&rfc3339(now + Duration::from_secs(3600)), "soon"),
                "RFC 3339",
            ),
        ] {
            let error = read_reply("AssumeRole", &reply(body)).unwrap_err();
            assert!(error.message().contains(expected), "{error} vs {expected}");
        }
    }
}
