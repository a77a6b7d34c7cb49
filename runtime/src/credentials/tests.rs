//! The default chain against fakes of every source, and the no-secrets-in-output check
//! across success and failure paths.

use std::sync::Arc;
use std::time::Duration;

use super::imds::tests::fake_imds;
use super::sso::tests::{fake_portal, write_token};
use super::sts::tests::fake_sts;
use super::test_support::{
    FakeRequest, FakeResponse, FakeServer, ManualClock, TempDir, closed_port, config,
};
use super::*;

/// Fakes for every source of the default chain, each answering with its own key id.
struct Sources {
    sts: FakeServer,
    container: FakeServer,
    imds: FakeServer,
    home: TempDir,
}

impl Sources {
    async fn start() -> Self {
        let container = FakeServer::start(|_| {
            FakeResponse::ok(
                r#"{"AccessKeyId":"ASIACONTAINER","SecretAccessKey":"c","Token":"t","Expiration":"2024-05-01T06:00:00Z"}"#,
            )
        })
        .await;
        let home = TempDir::new();
        home.write("web-token", "jwt");
        Self {
            sts: fake_sts().await,
            container,
            imds: fake_imds().await,
            home,
        }
    }

    /// Variables pointing every networked source at its fake; none of them configured yet
    /// but IMDS (which is always tried).
    fn base_vars(&self) -> Vec<(String, String)> {
        vec![
            (
                "HOME".into(),
                self.home.path().to_string_lossy().into_owned(),
            ),
            ("AWS_ENDPOINT_URL_STS".into(), self.sts.base()),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT".into(), self.imds.base()),
        ]
    }

    fn env(&self) -> Vec<(String, String)> {
        vec![
            ("AWS_ACCESS_KEY_ID".into(), "AKIDENV".into()),
            ("AWS_SECRET_ACCESS_KEY".into(), "env-secret".into()),
        ]
    }

    fn web_identity(&self) -> Vec<(String, String)> {
        let token = self.home.path().join("web-token");
        vec![
            (
                "AWS_WEB_IDENTITY_TOKEN_FILE".into(),
                token.to_string_lossy().into_owned(),
            ),
            ("AWS_ROLE_ARN".into(), "arn:aws:iam::1:role/web".into()),
        ]
    }

    fn profile(&self) {
        self.home.write(
            ".aws/credentials",
            "[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = p\n",
        );
    }

    fn container(&self) -> Vec<(String, String)> {
        vec![(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI".into(),
            self.container.url("/creds"),
        )]
    }

    async fn key(&self, vars: Vec<(String, String)>) -> Result<String, CredentialsError> {
        let config = config(&[]).with_env(Env::from_vars(vars));
        ProviderChain::standard(&config)
            .provide_credentials()
            .await
            .map(|credentials| credentials.access_key_id().to_owned())
    }
}

#[tokio::test]
async fn the_first_configured_source_wins_in_order() {
    let sources = Sources::start().await;
    sources.profile();
    let all = [
        sources.base_vars(),
        sources.env(),
        sources.web_identity(),
        sources.container(),
    ]
    .concat();
    assert_eq!(sources.key(all).await.unwrap(), "AKIDENV");
    assert_eq!(
        sources.sts.hits() + sources.container.hits() + sources.imds.hits(),
        0
    );

    let no_env = [
        sources.base_vars(),
        sources.web_identity(),
        sources.container(),
    ]
    .concat();
    assert_eq!(sources.key(no_env).await.unwrap(), "ASIAweb");

    let profile_and_later = [sources.base_vars(), sources.container()].concat();
    assert_eq!(sources.key(profile_and_later).await.unwrap(), "AKIDPROFILE");
    assert_eq!(sources.container.hits(), 0);

    sources.home.write(".aws/credentials", "");
    let container_and_later = [sources.base_vars(), sources.container()].concat();
    assert_eq!(
        sources.key(container_and_later).await.unwrap(),
        "ASIACONTAINER"
    );
    assert_eq!(sources.imds.hits(), 0);

    assert_eq!(sources.key(sources.base_vars()).await.unwrap(), "ASIAIMDS");
}

#[tokio::test]
async fn nothing_configured_lists_every_source_tried() {
    let home = TempDir::new();
    let vars = [
        ("HOME", home.path().to_string_lossy().into_owned()),
        (
            "AWS_EC2_METADATA_SERVICE_ENDPOINT",
            format!("http://127.0.0.1:{}", closed_port()),
        ),
    ];
    let config = config(&[]).with_env(Env::from_vars(vars));
    let error = ProviderChain::standard(&config)
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(error.is_not_configured());
    let message = error.message();
    assert!(
        message.starts_with("no credentials found; tried environment variables ("),
        "{message}"
    );
    for source in [
        "; web identity token (AWS_WEB_IDENTITY_TOKEN_FILE is not set)",
        "; profile `default` (no profile `default` in ",
        "; container endpoint (neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "; EC2 instance metadata (the EC2 instance metadata service at http://127.0.0.1:",
    ] {
        assert!(message.contains(source), "{source} missing from {message}");
    }
}

#[tokio::test]
async fn a_broken_source_stops_the_chain() {
    let sources = Sources::start().await;
    let chosen_missing = [
        sources.base_vars(),
        vec![("AWS_PROFILE".into(), "ghost".into())],
        sources.container(),
    ]
    .concat();
    let error = sources.key(chosen_missing).await.unwrap_err();
    assert_eq!(error.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert!(
        error
            .message()
            .starts_with("profile `ghost`: the profile `ghost` does not exist"),
        "{error}"
    );
    assert_eq!(sources.container.hits() + sources.imds.hits(), 0);

    let half_env = [
        sources.base_vars(),
        vec![("AWS_ACCESS_KEY_ID".into(), "AKIDHALF".into())],
    ]
    .concat();
    let error = sources.key(half_env).await.unwrap_err();
    assert_eq!(
        error.message(),
        "environment variables: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"
    );

    let failing_sts = FakeServer::start(|_| FakeResponse::status(403)).await;
    let mut web = [
        sources.base_vars(),
        sources.web_identity(),
        sources.container(),
    ]
    .concat();
    web[1].1 = failing_sts.base();
    let error = sources.key(web).await.unwrap_err();
    assert!(
        error
            .message()
            .starts_with("web identity token: STS AssumeRoleWithWebIdentity"),
        "{error}"
    );
    assert_eq!(sources.container.hits(), 0);
}

#[tokio::test]
async fn the_default_chain_caches() {
    let sources = Sources::start().await;
    let clock = ManualClock::new();
    let config = config(&[])
        .with_env(Env::from_vars(sources.base_vars()))
        .with_time_source(clock.time_source());
    let chain =
        SharedCredentialsProvider::new(DefaultChain::builder().provider_config(config).build());
    for _ in 0..3 {
        let credentials = chain.provide_credentials().await.unwrap();
        assert_eq!(credentials.access_key_id(), "ASIAIMDS");
    }
    // One token PUT, one role listing, one credentials read.
    assert_eq!(sources.imds.hits(), 3);
}

#[test]
fn credentials_debug_shows_a_key_prefix_expiry_and_account() {
    let credentials = Credentials::new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI", Some("tok".into()))
        .with_expiry(std::time::UNIX_EPOCH + Duration::from_secs(1_714_564_800))
        .with_account_id("123456789012");
    assert_eq!(
        format!("{credentials:?}"),
        "Credentials { access_key_id: \"AKIA…\", secret_access_key: \"** redacted **\", \
         session_token: Some(\"** redacted **\"), expiry: Some(2024-05-01T12:00:00Z), \
         account_id: Some(\"123456789012\") }"
    );
    assert!(format!("{:?}", Credentials::new("AKID", "s", None)).contains("\"AKID\""));
}

/// Unique values that must never show up in any output.
const ACCESS_KEY: &str = "AKIAPLANTEDACCESSKEY";
const SECRET: &str = "planted-secret-access-key";
const SESSION_TOKEN: &str = "planted-session-token";
const WEB_TOKEN: &str = "planted-web-identity-token";
const SSO_TOKEN: &str = "planted-sso-bearer-token";
const CONTAINER_TOKEN: &str = "planted-container-authorization";
const PLANTED: [&str; 6] = [
    ACCESS_KEY,
    SECRET,
    SESSION_TOKEN,
    WEB_TOKEN,
    SSO_TOKEN,
    CONTAINER_TOKEN,
];

/// Every text a value shows: `Debug`, and for errors also `Display` and the source chain.
#[derive(Default)]
struct Outputs(Vec<String>);

impl Outputs {
    fn debug(&mut self, value: &dyn std::fmt::Debug) {
        self.0.push(format!("{value:?}"));
        self.0.push(format!("{value:#?}"));
    }

    fn result(&mut self, result: &Result<Credentials, CredentialsError>) {
        match result {
            Ok(credentials) => self.debug(credentials),
            Err(error) => {
                self.debug(error);
                self.0.push(error.to_string());
                let mut source = std::error::Error::source(error);
                while let Some(cause) = source {
                    self.0.push(cause.to_string());
                    self.0.push(format!("{cause:?}"));
                    source = cause.source();
                }
            }
        }
    }

    async fn provider(
        &mut self,
        provider: &dyn ProvideCredentials,
    ) -> Result<Credentials, CredentialsError> {
        self.debug(&provider);
        let result = provider.provide_credentials().await;
        self.result(&result);
        result
    }
}

/// Answers STS with the planted values, or with an error / a broken reply carrying them.
async fn planted_sts(mode: &'static str) -> FakeServer {
    FakeServer::start(move |request: &FakeRequest| {
        let action = request.form_value("Action").unwrap_or_default();
        match mode {
            "ok" => FakeResponse::ok(super::sts::tests::sts_reply(
                &action,
                ACCESS_KEY,
                SECRET,
                SESSION_TOKEN,
                std::time::UNIX_EPOCH + Duration::from_secs(ManualClock::START),
            )),
            "denied" => FakeResponse::ok(
                "<ErrorResponse><Error><Code>InvalidIdentityToken</Code>\
                 <Message>Token rejected</Message></Error></ErrorResponse>",
            )
            .with_status(400),
            _ => FakeResponse::ok(format!(
                "<{action}Response><Credentials><SecretAccessKey>{SECRET}</Oops>"
            )),
        }
    })
    .await
}

#[tokio::test]
async fn no_secret_appears_in_any_output() {
    let mut out = Outputs::default();
    let dir = TempDir::new();
    let home = dir.path().to_string_lossy().into_owned();
    let token_file = dir.write("token", WEB_TOKEN).to_string_lossy().into_owned();
    let clock = ManualClock::new();
    let with = |vars: &[(&str, &str)]| {
        let mut all = vec![("HOME", home.as_str())];
        all.extend_from_slice(vars);
        config(&all).with_time_source(clock.time_source())
    };

    // Environment: success, and the whole default chain over it.
    let env = with(&[
        ("AWS_ACCESS_KEY_ID", ACCESS_KEY),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
        ("AWS_SESSION_TOKEN", SESSION_TOKEN),
    ]);
    out.debug(&env);
    out.provider(&EnvironmentProvider::new(&env)).await.unwrap();
    let chain = DefaultChain::builder().provider_config(env.clone()).build();
    out.provider(&chain).await.unwrap();
    out.debug(&SharedCredentialsProvider::new(chain));
    let half = with(&[("AWS_SECRET_ACCESS_KEY", SECRET)]);
    out.provider(&EnvironmentProvider::new(&half))
        .await
        .unwrap_err();

    // Web identity: success, rejection, and a malformed reply quoting the secret.
    for mode in ["ok", "denied", "broken"] {
        let sts = planted_sts(mode).await;
        let config = with(&[
            ("AWS_WEB_IDENTITY_TOKEN_FILE", &token_file),
            ("AWS_ROLE_ARN", "arn:aws:iam::1:role/r"),
            ("AWS_ENDPOINT_URL_STS", &sts.base()),
        ]);
        let result = out.provider(&WebIdentityProvider::new(&config)).await;
        assert_eq!(result.is_ok(), mode == "ok", "{mode}");
        assert_eq!(
            sts.requests()[0].form_value("WebIdentityToken").as_deref(),
            Some(WEB_TOKEN)
        );
    }

    // A role assumed with planted source keys, and STS down.
    dir.write(
        ".aws/config",
        format!(
            "[profile role]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = keys\n\
             [profile keys]\naws_access_key_id = {ACCESS_KEY}\naws_secret_access_key = {SECRET}\n\
             aws_session_token = {SESSION_TOKEN}\n\
             [profile sso]\nsso_session = s\nsso_account_id = 1\nsso_role_name = r\n\
             [sso-session s]\nsso_start_url = https://x/start\nsso_region = eu-west-1\n"
        ),
    );
    let sts = planted_sts("ok").await;
    let role = with(&[
        ("AWS_PROFILE", "role"),
        ("AWS_ENDPOINT_URL_STS", &sts.base()),
    ]);
    out.provider(&ProfileProvider::new(&role)).await.unwrap();
    let down = format!("http://127.0.0.1:{}", closed_port());
    let role_down = with(&[("AWS_PROFILE", "role"), ("AWS_ENDPOINT_URL_STS", &down)]);
    out.provider(&ProfileProvider::new(&role_down))
        .await
        .unwrap_err();

    // SSO: success, a rejected token, an expired one, a corrupt cache.
    let portal = fake_portal(SSO_TOKEN).await;
    let sso = with(&[
        ("AWS_PROFILE", "sso"),
        ("AWS_ENDPOINT_URL_SSO", &portal.base()),
    ]);
    write_token(&dir, "s", SSO_TOKEN, 600);
    out.provider(&ProfileProvider::new(&sso)).await.unwrap();
    let wrong_portal = fake_portal("another-token").await;
    let sso_rejected = with(&[
        ("AWS_PROFILE", "sso"),
        ("AWS_ENDPOINT_URL_SSO", &wrong_portal.base()),
    ]);
    out.provider(&ProfileProvider::new(&sso_rejected))
        .await
        .unwrap_err();
    write_token(&dir, "s", SSO_TOKEN, -60);
    out.provider(&ProfileProvider::new(&sso)).await.unwrap_err();
    let cache = super::sso::cache_file(std::path::Path::new(""), "s");
    dir.write(
        &cache.to_string_lossy(),
        format!("{{\"accessToken\": {SSO_TOKEN}}}"),
    );
    out.provider(&ProfileProvider::new(&sso)).await.unwrap_err();

    // A profile file whose broken line holds the secret.
    dir.write(
        ".aws/config",
        format!("[default]\naws_secret_access_key {SECRET}\n"),
    );
    out.provider(&ProfileProvider::new(&with(&[])))
        .await
        .unwrap_err();

    // Container: success with a planted token, a rejection, a reply quoting the secret.
    let container = FakeServer::start(|request: &FakeRequest| {
        match request.header("authorization") {
            Some(CONTAINER_TOKEN) => FakeResponse::ok(format!(
                r#"{{"AccessKeyId":"{ACCESS_KEY}","SecretAccessKey":"{SECRET}","Token":"{SESSION_TOKEN}"}}"#
            )),
            Some("broken") => FakeResponse::ok(format!(r#"{{"SecretAccessKey":{SECRET}}}"#)),
            _ => FakeResponse::ok(r#"{"message":"denied"}"#).with_status(401),
        }
    })
    .await;
    for token in [CONTAINER_TOKEN, "broken", "wrong"] {
        let config = with(&[
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &container.url("/c")),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", token),
        ]);
        out.provider(&ContainerProvider::new(&config)).await.ok();
    }

    // IMDS answering with the secret inside broken JSON, and IMDS down.
    let imds = super::imds::tests::fake_imds_with(|path| {
        Some(if path.ends_with("security-credentials/") {
            "role".to_owned()
        } else {
            format!(r#"{{"Code":"Success","SecretAccessKey":{SECRET}"#)
        })
    })
    .await;
    let imds_config = with(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.base())]);
    out.provider(&ImdsProvider::new(&imds_config))
        .await
        .unwrap_err();
    let imds_down = with(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &down)]);
    out.provider(&ProviderChain::standard(&imds_down))
        .await
        .unwrap_err();

    // credential_process printing the secret in broken JSON, and failing.
    #[cfg(unix)]
    {
        let broken = dir.write(
            "broken.json",
            format!(r#"{{"Version":1,"SecretAccessKey":{SECRET}}}"#),
        );
        out.provider(&CredentialProcessProvider::new(format!(
            "cat '{}'",
            broken.display()
        )))
        .await
        .unwrap_err();
        let good = dir.write(
            "good.json",
            format!(r#"{{"Version":1,"AccessKeyId":"{ACCESS_KEY}","SecretAccessKey":"{SECRET}","SessionToken":"{SESSION_TOKEN}"}}"#),
        );
        out.provider(&CredentialProcessProvider::new(format!(
            "cat '{}'",
            good.display()
        )))
        .await
        .unwrap();
    }

    // The signer, after signing with such credentials (it caches their secret).
    let credentials = Credentials::new(ACCESS_KEY, SECRET, Some(SESSION_TOKEN.into()));
    let signer = crate::sign::Signer::default();
    let mut request = ::http::Request::new(bytes::Bytes::new());
    *request.uri_mut() = "https://sts.eu-west-1.amazonaws.com/".parse().unwrap();
    let scope = crate::sign::SigningScope {
        name: "sts".to_owned(),
        region: "eu-west-1".to_owned(),
        double_encode: true,
    };
    signer
        .sign(
            &mut request,
            &credentials,
            &scope,
            std::time::SystemTime::now(),
        )
        .unwrap();
    out.debug(&signer);

    assert!(out.0.len() > 60, "only {} outputs", out.0.len());
    for text in &out.0 {
        for planted in PLANTED {
            assert!(!text.contains(planted), "`{planted}` leaked in: {text}");
        }
    }
    // The outputs did talk about the credentials: the access key's prefix is there.
    assert!(out.0.iter().any(|text| text.contains("AKIA…")));
}

#[test]
fn shared_providers_are_cheap_clones_of_one_provider() {
    let shared = SharedCredentialsProvider::new(Credentials::new("AKID", "S", None));
    let arc: Arc<dyn ProvideCredentials> = Arc::new(shared.clone());
    let again = SharedCredentialsProvider::from(arc);
    assert!(
        format!("{again:?}").starts_with("SharedCredentialsProvider(SharedCredentialsProvider(")
    );
}
