//! No secret ever shows (issue 13): distinctive secrets are planted in every place credentials
//! come from (fixed keys, the environment, a profile's `credential_process`, an IAM Identity
//! Center token and the role keys its portal returns), in `@sensitive` members of requests,
//! replies and error replies, and as an endpoint URL's password; a session of calls runs with
//! each source (successes, a service error, a validation error, a timeout, a retry), providers
//! fail, and
//! every `Debug` and `Display` of configs, clients, providers, credentials, outputs and errors
//! is written down, while a subscriber captures all `tracing` output at TRACE level. No secret
//! may appear in any of it: not whole, not its start or end, not percent-encoded, not in
//! base64, not JSON-escaped. (The SigV4 signature, derived from a secret, may appear.)

use std::fmt::{self, Write as _};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use common::{AnyClient, Kind, Protocol, ok, service};
use serde_json::json;
use sha1::{Digest, Sha1};
use shapegen::credentials::{
    CredentialProcessProvider, DefaultChain, Env, Fs, ProvideCredentials, ProviderConfig,
};
use shapegen::{Config, Credentials, DisplayChain, TimeoutKind};
use shapegen_tests::{Reply, ScriptedServer};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

mod common;

// Random text, one per place a secret comes from, each with `/`, `+` and `=` so that its
// percent-encoded and JSON-escaped forms differ from it.
const STATIC_SECRET: &str = "QSr6rz24Lp/OqJ3OpuL+IEi2NvSBbI1r=";
const STATIC_TOKEN: &str = "mAR1JF3yz4/zQ0cvb8I+y4QW2Of5wjkb=";
const ENV_SECRET: &str = "qX4boUpHW0/mzoQscjn+vIcruciLSMLh=";
const ENV_TOKEN: &str = "WQXdQmRZ4I/kfjPkP4M+sXIEbpo9dYAu=";
const PROCESS_SECRET: &str = "b73COJfzs1/coQKuav3+Q4wzWMt2oXht=";
const PROCESS_TOKEN: &str = "qI5tmPufN3/nClslCWl+ukVLSMKyrjH5=";
const FAILING_PROCESS_SECRET: &str = "OKEbpmjzis/Cc0VpFhA+ITHaT6RkmsE8=";
const SSO_TOKEN: &str = "ehX21CAUVJ/fjih0eOq+NSzCYgt6KvJQ=";
const EXPIRED_SSO_TOKEN: &str = "br02NQblPW/xPlSbNpW+bCUZdFEwCm6A=";
const SSO_ROLE_SECRET: &str = "pxTMcejYVD/Shb8IJ3D+HX0KNTTmYSCW=";
const SSO_ROLE_TOKEN: &str = "IGXfcl4lbC/WiSI9zDU+K54ivI5A5P63=";
// `@sensitive` members (`Passcode` in `tests/models/faults.json`): sent in every request, in
// every success reply, in the error reply, and (breaking the member's pattern with `!`) in the
// call that fails validation.
const REQUEST_SENSITIVE: &str = "Zt8wYbq1Hn/LpV4cRe2+Kd7mGs0xJu9f=";
const REPLY_SENSITIVE: &str = "nC5vHk2rWq/Tj8yUb4F+Lm1eXz7pAo3d=";
const ERROR_SENSITIVE: &str = "Yg6sPd9kLc/Nb2wQm5H+Rt8vEj1uZx4a=";
const INVALID_SENSITIVE: &str = "Vr3eKp7tJa/Ds1mXo6W+Gy9bNf2cQh5!=";
// The password of an endpoint URL, which `build()` rejects.
const ENDPOINT_PASSWORD: &str = "Hw4qFz8nRb/Ue3kTl7S+Mc2yDp6gJv1o=";

/// Every planted secret, by name.
const SECRETS: &[(&str, &str)] = &[
    ("static secret access key", STATIC_SECRET),
    ("static session token", STATIC_TOKEN),
    ("environment secret access key", ENV_SECRET),
    ("environment session token", ENV_TOKEN),
    ("credential_process secret access key", PROCESS_SECRET),
    ("credential_process session token", PROCESS_TOKEN),
    (
        "failing credential_process's secret",
        FAILING_PROCESS_SECRET,
    ),
    ("SSO access token", SSO_TOKEN),
    ("expired SSO access token", EXPIRED_SSO_TOKEN),
    ("SSO role secret access key", SSO_ROLE_SECRET),
    ("SSO role session token", SSO_ROLE_TOKEN),
    ("sensitive member of a request", REQUEST_SENSITIVE),
    ("sensitive member of a reply", REPLY_SENSITIVE),
    ("sensitive member of an error reply", ERROR_SENSITIVE),
    ("invalid sensitive member of a request", INVALID_SENSITIVE),
    ("endpoint URL password", ENDPOINT_PASSWORD),
];

const HOME: &str = "/home/planted";

// ---------------------------------------------------------------------------------------
// Capturing `tracing` output.

/// A subscriber that writes every span (name and fields), every field recorded later and
/// every event, at every level, into a shared buffer.
struct Capture {
    buffer: Arc<Mutex<String>>,
    next_id: AtomicU64,
}

impl Capture {
    fn write(&self, text: &str) {
        let mut buffer = self.buffer.lock().unwrap_or_else(PoisonError::into_inner);
        buffer.push_str(text);
        buffer.push('\n');
    }
}

/// Writes fields as `name=value`, strings as they are (not escaped).
struct FieldWriter(String);

impl Visit for FieldWriter {
    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={value}", field.name());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn max_level_hint(&self) -> Option<tracing::level_filters::LevelFilter> {
        Some(tracing::level_filters::LevelFilter::TRACE)
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let mut fields = FieldWriter(format!("span {}", attributes.metadata().name()));
        attributes.record(&mut fields);
        self.write(&fields.0);
        Id::from_u64(self.next_id.fetch_add(1, Ordering::Relaxed))
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut fields = FieldWriter(format!("record {}", span.into_u64()));
        values.record(&mut fields);
        self.write(&fields.0);
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let metadata = event.metadata();
        let mut fields = FieldWriter(format!("event {} {}", metadata.level(), metadata.target()));
        event.record(&mut fields);
        self.write(&fields.0);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// Installs a [`Capture`] for the whole process; returns its buffer.
///
/// # Panics
/// If another subscriber was installed first.
fn capture_tracing() -> Arc<Mutex<String>> {
    let buffer = Arc::new(Mutex::new(String::new()));
    let capture = Capture {
        buffer: Arc::clone(&buffer),
        next_id: AtomicU64::new(1),
    };
    tracing::subscriber::set_global_default(capture)
        .expect("the secrets test installs the only tracing subscriber");
    buffer
}

// ---------------------------------------------------------------------------------------
// What must not appear.

/// How many characters of a secret in a row count as a leak of it.
const WINDOW: usize = 16;

/// The forms of `secret` that must not appear: any [`WINDOW`] characters of it in a row,
/// percent-encoded (upper and lower case), JSON-escaped, and in base64 (standard and URL-safe)
/// at each of the three alignments it could have inside a longer encoded text.
fn forbidden_forms(secret: &str) -> Vec<(String, String)> {
    let mut forms: Vec<(String, String)> = (0..=secret.len() - WINDOW)
        .map(|at| {
            (
                format!("characters {at}..{}", at + WINDOW),
                secret[at..at + WINDOW].to_owned(),
            )
        })
        .collect();
    forms.extend([
        ("whole".to_owned(), secret.to_owned()),
        ("percent-encoded".to_owned(), percent_encode(secret)),
        (
            "percent-encoded (lower case)".to_owned(),
            percent_encode(secret).to_lowercase(),
        ),
        ("JSON-escaped".to_owned(), secret.replace('/', "\\/")),
    ]);
    for offset in 0..3 {
        let core = base64_core(secret.as_bytes(), offset);
        forms.push((format!("base64 (offset {offset})"), core.clone()));
        let url_safe = core.replace('+', "-").replace('/', "_");
        forms.push((format!("base64url (offset {offset})"), url_safe));
    }
    forms
}

/// Every byte but ASCII letters and digits as `%XX`.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() {
                char::from(byte).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect()
}

/// The base64 characters that encode only bytes of `secret` when it follows `offset` other
/// bytes: what any base64 text containing the secret at that alignment contains.
fn base64_core(secret: &[u8], offset: usize) -> String {
    let mut bytes = vec![b'~'; offset];
    bytes.extend_from_slice(secret);
    let encoded = base64(&bytes);
    let start = if offset == 0 { 0 } else { 4 };
    let end = bytes.len() / 3 * 4;
    encoded[start..end].to_owned()
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for group in bytes.chunks(3) {
        let value = group.iter().enumerate().fold(0u32, |value, (i, &byte)| {
            value | u32::from(byte) << (16 - 8 * i)
        });
        for i in 0..4 {
            if i <= group.len() {
                out.push(char::from(ALPHABET[(value >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Each planted secret that appears in `text` (by the first of its forms found), with the
/// text around it.
fn leaks(source: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (name, secret) in SECRETS {
        for (form, needle) in forbidden_forms(secret) {
            if let Some(at) = text.find(&needle) {
                let mut from = at.saturating_sub(60);
                while !text.is_char_boundary(from) {
                    from -= 1;
                }
                let mut to = (at + needle.len() + 60).min(text.len());
                while !text.is_char_boundary(to) {
                    to += 1;
                }
                found.push(format!(
                    "{source}: the {name} ({form}) appears in …{}…",
                    &text[from..to]
                ));
                break;
            }
        }
    }
    found
}

// ---------------------------------------------------------------------------------------
// The session.

/// Everything printed during the test, labelled.
#[derive(Default)]
struct Transcript(String);

impl Transcript {
    fn add(&mut self, label: &str, text: impl fmt::Display) {
        let _ = writeln!(self.0, "== {label}\n{text}");
    }

    fn debug(&mut self, label: &str, value: &impl fmt::Debug) {
        self.add(
            &format!("{label} (Debug)"),
            format!("{value:?}\n{value:#?}"),
        );
    }
}

/// A client of `protocol` at `server` signing with `credentials`: two attempts, a 150 ms
/// attempt timeout, millisecond backoff.
fn config(server: &ScriptedServer, credentials: Signing) -> Config {
    let builder = Config::builder()
        .endpoint_url(server.url())
        .region("us-east-1")
        .max_attempts(2)
        .initial_backoff(Duration::from_millis(1))
        .attempt_timeout(Duration::from_millis(150));
    let builder = match credentials {
        Signing::Fixed(credentials) => builder.credentials(credentials),
        Signing::Chain(chain) => builder.credentials_provider(chain),
    };
    builder.build().expect("a valid config")
}

/// Where a session's credentials come from.
enum Signing {
    Fixed(Credentials),
    Chain(DefaultChain),
}

/// The replies of a session's calls, in order: success; a modeled service error; (the
/// validation error sends nothing); two slow replies the attempts time out on; a `503` and
/// then a success.
fn session_script() -> Vec<Reply> {
    let pong = json!({"Echo": "pong", "Token": REPLY_SENSITIVE});
    let slow = Reply::json(200, &json!({"Echo": "late", "Token": REPLY_SENSITIVE}))
        .delay(Duration::from_secs(1));
    vec![
        Reply::json(200, &pong),
        Reply::json(
            400,
            &json!({"__type": "BadInputException", "message": "the id is not known",
                    "Detail": ERROR_SENSITIVE}),
        )
        .header("x-amzn-errortype", "BadInputException"),
        slow.clone(),
        slow,
        Reply::new(503),
        Reply::json(200, &pong),
    ]
}

/// Runs the session's calls on a client of `protocol`, checks each ended as scripted and
/// writes down everything they print. Returns the server, for checks of what it received.
async fn session(
    label: &str,
    protocol: Protocol,
    signing: Signing,
    out: &mut Transcript,
) -> (ScriptedServer, Vec<String>) {
    let server = ScriptedServer::start(session_script()).await;
    let config = config(&server, signing);
    out.debug(&format!("{label}: config"), &config);
    out.debug(
        &format!("{label}: config credentials"),
        &config.credentials(),
    );
    out.debug(
        &format!("{label}: config credentials provider"),
        &config.credentials_provider(),
    );
    if let Some(provider) = config.credentials_provider() {
        match provider.provide_credentials().await {
            Ok(credentials) => out.debug(&format!("{label}: provided credentials"), &credentials),
            Err(error) => out.debug(&format!("{label}: provider error"), &error),
        }
    }
    let client = AnyClient::new(protocol, config);
    out.debug(&format!("{label}: client"), &client);
    let long_id = "i".repeat(40);
    let calls: [(&str, &str, &str, Kind); 5] = [
        ("success", "ok-1", REQUEST_SENSITIVE, ok("pong")),
        (
            "service error",
            "bad-1",
            REQUEST_SENSITIVE,
            service(400, Some("BadInputException")),
        ),
        (
            "validation error",
            &long_id,
            INVALID_SENSITIVE,
            Kind::Other("validation".to_owned()),
        ),
        (
            "timeout",
            "slow-1",
            REQUEST_SENSITIVE,
            Kind::Timeout(TimeoutKind::Attempt),
        ),
        ("retried success", "retry-1", REQUEST_SENSITIVE, ok("pong")),
    ];
    let mut problems = Vec::new();
    for (what, id, passcode, expected) in calls {
        let outcome = client.ping_with(id, Some(passcode)).await;
        let matches = match (&expected, &outcome.kind) {
            (Kind::Other(_), Kind::Other(debug)) => debug.starts_with("Validation("),
            (expected, actual) => expected == actual,
        };
        if !matches {
            problems.push(format!(
                "{label}: the {what} call ended as {:?} ({})",
                outcome.kind, outcome.text
            ));
        }
        out.add(&format!("{label}: {what}"), &outcome.text);
    }
    // The sensitive member did go out (else its absence from the output would prove nothing).
    if !server
        .requests()
        .iter()
        .any(|r| r.json()["Passcode"] == REQUEST_SENSITIVE)
    {
        problems.push(format!("{label}: no request carried the sensitive member"));
    }
    (server, problems)
}

/// A provider config reading only `vars` and `files`.
fn provider_config(vars: &[(&str, String)], files: Vec<(String, String)>) -> ProviderConfig {
    let vars = vars
        .iter()
        .map(|(name, value)| ((*name).to_owned(), value.clone()));
    ProviderConfig::default()
        .with_env(Env::from_vars(vars))
        .with_fs(Fs::from_files(files))
        .with_timeout(Duration::from_secs(5))
}

/// `~/.aws/config`: a `credential_process` profile printing planted keys, one printing a
/// planted secret and failing, and IAM Identity Center profiles with a valid and an expired
/// cached token.
fn aws_config_file() -> String {
    format!(
        "[profile process]\n\
         credential_process = printf '%s' '{{\"Version\":1,\"AccessKeyId\":\"AKIDPROCESSPLANTED\",\
         \"SecretAccessKey\":\"{PROCESS_SECRET}\",\"SessionToken\":\"{PROCESS_TOKEN}\"}}'\n\
         \n\
         [profile process-fails]\n\
         credential_process = printf '%s' '{{\"Version\":1,\"AccessKeyId\":\"AKIDFAILING\",\
         \"SecretAccessKey\":\"{FAILING_PROCESS_SECRET}\"}}' && echo 'the vault is sealed' >&2 && false\n\
         \n\
         [profile sso]\n\
         sso_session = planted\n\
         sso_account_id = 111122223333\n\
         sso_role_name = Reader\n\
         \n\
         [profile sso-expired]\n\
         sso_session = expired\n\
         sso_account_id = 111122223333\n\
         sso_role_name = Reader\n\
         \n\
         [sso-session planted]\n\
         sso_start_url = https://planted.awsapps.com/start\n\
         sso_region = us-east-1\n\
         \n\
         [sso-session expired]\n\
         sso_start_url = https://planted.awsapps.com/start\n\
         sso_region = us-east-1\n"
    )
}

/// The token cache file `aws sso login` writes for `session`.
fn sso_cache_file(session: &str, token: &str, expires_at: &str) -> (String, String) {
    let hash: String = Sha1::digest(session.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    (
        format!("{HOME}/.aws/sso/cache/{hash}.json"),
        json!({
            "startUrl": "https://planted.awsapps.com/start",
            "region": "us-east-1",
            "accessToken": token,
            "expiresAt": expires_at,
        })
        .to_string(),
    )
}

/// The files every profile-based identity reads.
fn profile_files() -> Vec<(String, String)> {
    vec![
        (format!("{HOME}/.aws/config"), aws_config_file()),
        sso_cache_file("planted", SSO_TOKEN, "2099-01-01T00:00:00Z"),
        sso_cache_file("expired", EXPIRED_SSO_TOKEN, "2001-01-01T00:00:00Z"),
    ]
}

/// A default chain for `profile`, with IAM Identity Center at `portal`.
fn profile_chain(profile: &str, portal: &str, out: &mut Transcript) -> DefaultChain {
    let config = provider_config(
        &[
            ("HOME", HOME.to_owned()),
            ("AWS_PROFILE", profile.to_owned()),
            ("AWS_ENDPOINT_URL_SSO", portal.to_owned()),
        ],
        profile_files(),
    );
    out.debug(&format!("provider config for profile {profile}"), &config);
    let chain = DefaultChain::builder().provider_config(config).build();
    out.debug(&format!("default chain for profile {profile}"), &chain);
    chain
}

/// What a server saw: its requests' signing headers must carry `token` and `key_id` (so the
/// planted credentials were used, not others).
fn check_signed(label: &str, server: &ScriptedServer, key_id: &str, token: &str) -> Vec<String> {
    let requests = server.requests();
    if requests.is_empty() {
        return vec![format!("{label}: the server received nothing")];
    }
    requests
        .iter()
        .filter_map(|request| {
            let signed_with_key = request
                .header("authorization")
                .is_some_and(|value| value.contains(&format!("Credential={key_id}/")));
            let with_token = request.header("x-amz-security-token") == Some(token);
            (!signed_with_key || !with_token).then(|| {
                format!("{label}: a request was not signed with the planted {key_id} and token")
            })
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_planted_secret_appears_in_any_output_or_trace() {
    let traces = capture_tracing();
    let mut out = Transcript::default();
    let mut problems = Vec::new();

    // Fixed keys.
    let fixed = Credentials::new(
        "AKIDSTATICPLANTED",
        STATIC_SECRET,
        Some(STATIC_TOKEN.into()),
    );
    out.debug("fixed credentials", &fixed);
    let (server, found) = session(
        "fixed keys",
        Protocol::RestJson1,
        Signing::Fixed(fixed),
        &mut out,
    )
    .await;
    problems.extend(found);
    problems.extend(check_signed(
        "fixed keys",
        &server,
        "AKIDSTATICPLANTED",
        STATIC_TOKEN,
    ));

    // The environment, through the default chain.
    let env_config = provider_config(
        &[
            ("AWS_ACCESS_KEY_ID", "AKIDENVPLANTED".to_owned()),
            ("AWS_SECRET_ACCESS_KEY", ENV_SECRET.to_owned()),
            ("AWS_SESSION_TOKEN", ENV_TOKEN.to_owned()),
        ],
        Vec::new(),
    );
    out.debug("environment provider config", &env_config);
    let chain = DefaultChain::builder().provider_config(env_config).build();
    let (server, found) = session(
        "environment",
        Protocol::AwsJson10,
        Signing::Chain(chain),
        &mut out,
    )
    .await;
    problems.extend(found);
    problems.extend(check_signed(
        "environment",
        &server,
        "AKIDENVPLANTED",
        ENV_TOKEN,
    ));

    // IAM Identity Center: the token from the cache, role keys from the portal.
    let portal = ScriptedServer::start(vec![Reply::json(
        200,
        &json!({"roleCredentials": {
            "accessKeyId": "ASIASSOPLANTED",
            "secretAccessKey": SSO_ROLE_SECRET,
            "sessionToken": SSO_ROLE_TOKEN,
            "expiration": 4_102_444_800_000_i64,
        }}),
    )])
    .await;
    let chain = profile_chain("sso", &portal.url(), &mut out);
    let (server, found) =
        session("SSO", Protocol::RestJson1, Signing::Chain(chain), &mut out).await;
    problems.extend(found);
    problems.extend(check_signed(
        "SSO",
        &server,
        "ASIASSOPLANTED",
        SSO_ROLE_TOKEN,
    ));
    if portal
        .requests()
        .first()
        .and_then(|r| r.header("x-amz-sso_bearer_token"))
        != Some(SSO_TOKEN)
    {
        problems.push("the SSO portal did not receive the planted token".to_owned());
    }

    // A portal that rejects the token, and a token that expired.
    let rejecting = ScriptedServer::start(vec![Reply::json(
        401,
        &json!({"message": "Session token not found or invalid",
                    "__type": "com.amazonaws.switchboard.portal#UnauthorizedException"}),
    )])
    .await;
    for (label, profile, portal) in [
        ("SSO rejected", "sso", rejecting.url()),
        ("SSO expired", "sso-expired", portal.url()),
    ] {
        let chain = profile_chain(profile, &portal, &mut out);
        match chain.provide_credentials().await {
            Ok(credentials) => problems.push(format!("{label}: got credentials {credentials:?}")),
            Err(error) => {
                out.debug(&format!("{label}: provider error"), &error);
                out.add(&format!("{label}: provider error"), DisplayChain(&error));
            }
        }
        let server = ScriptedServer::start(vec![Reply::json(200, &json!({}))]).await;
        let client = AnyClient::new(Protocol::AwsJson11, config(&server, Signing::Chain(chain)));
        let outcome = client.ping("creds-1").await;
        if !matches!(&outcome.kind, Kind::Other(debug) if debug.starts_with("Credentials(")) {
            problems.push(format!("{label}: the call ended as {:?}", outcome.kind));
        }
        out.add(&format!("{label}: call"), &outcome.text);
    }

    // credential_process: planted keys, and a command that prints a secret and fails.
    if cfg!(unix) {
        let chain = profile_chain("process", &portal.url(), &mut out);
        match chain.provide_credentials().await {
            Ok(credentials) => out.debug("credential_process credentials", &credentials),
            Err(error) => problems.push(format!(
                "credential_process: no credentials: {}",
                DisplayChain(&error)
            )),
        }
        let (server, found) = session(
            "credential_process",
            Protocol::AwsJson11,
            Signing::Chain(chain),
            &mut out,
        )
        .await;
        problems.extend(found);
        problems.extend(check_signed(
            "credential_process",
            &server,
            "AKIDPROCESSPLANTED",
            PROCESS_TOKEN,
        ));
        let chain = profile_chain("process-fails", &portal.url(), &mut out);
        match chain.provide_credentials().await {
            Ok(credentials) => problems.push(format!(
                "the failing credential_process gave credentials {credentials:?}"
            )),
            Err(error) => {
                out.debug("failing credential_process error", &error);
                out.add("failing credential_process error", DisplayChain(&error));
            }
        }
        let provider = CredentialProcessProvider::new(format!(
            "printf '%s' '{{\"Version\":1,\"AccessKeyId\":\"AKIDFAILING\",\"SecretAccessKey\":\"{FAILING_PROCESS_SECRET}\"}}' && false"
        ));
        out.debug("credential_process provider", &provider);
        match provider.provide_credentials().await {
            Ok(credentials) => problems.push(format!(
                "the failing credential_process gave credentials {credentials:?}"
            )),
            Err(error) => {
                out.debug("credential_process provider error", &error);
                out.add("credential_process provider error", DisplayChain(&error));
            }
        }
    }

    // An endpoint URL with a password: rejected, and the password is never shown.
    let with_password = Config::builder()
        .endpoint_url(format!("http://planted:{ENDPOINT_PASSWORD}@127.0.0.1:9"))
        .region("us-east-1");
    out.debug("config builder with an endpoint password", &with_password);
    match with_password.build() {
        Ok(config) => problems.push(format!(
            "an endpoint URL with a password was accepted: {config:?}"
        )),
        Err(error) => {
            out.debug("endpoint password error", &error);
            out.add("endpoint password error", DisplayChain(&error));
        }
    }

    // The capture is not empty: the calls' spans and retries, the chain's choices.
    let traces = traces
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    for expected in ["span shapegen.call", "retrying", "credentials found"] {
        if !traces.contains(expected) {
            problems.push(format!("the captured traces lack `{expected}`:\n{traces}"));
        }
    }
    // The transcript is not empty either: every kind of outcome was printed.
    for expected in [
        "pong",
        "BadInputException",
        "timed out",
        "Validation(",
        "Credentials(",
        "AKID",
        "Sensitive Data Redacted",
        "Passcode",
        "endpoint",
    ] {
        if !out.0.contains(expected) {
            problems.push(format!("the transcript lacks `{expected}`"));
        }
    }
    if out.0.contains("profile `sso`: profile `sso`") {
        problems.push("a profile error names its profile twice".to_owned());
    }
    problems.extend(leaks("tracing output", &traces));
    problems.extend(leaks("Debug/Display output", &out.0));
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The forms the test looks for are right (else the test above could not fail).
#[test]
fn forbidden_forms_are_found_where_a_secret_is_encoded() {
    assert_eq!(base64(b"Man"), "TWFu");
    assert_eq!(base64(b"Ma"), "TWE=");
    assert_eq!(base64(b"M"), "TQ==");
    assert_eq!(percent_encode("a/b+c="), "a%2Fb%2Bc%3D");
    let secret = "s3cr3t/With+Symbols=AndLength";
    for prefix in ["", "x", "xy", "xyz"] {
        let encoded = base64(format!("{prefix}{secret}!").as_bytes());
        let found = (0..3).any(|offset| encoded.contains(&base64_core(secret.as_bytes(), offset)));
        assert!(found, "{prefix:?}: {encoded}");
    }
    let forms = forbidden_forms(secret);
    let text = format!("key={}", percent_encode(secret));
    assert!(forms.iter().any(|(_, form)| text.contains(form.as_str())));
    let middle = &secret[5..5 + WINDOW];
    assert!(forms.iter().any(|(_, form)| middle.contains(form.as_str())));
    // Each planted secret is told apart from the others by every form of it.
    for (name, secret) in SECRETS {
        for (other_name, other) in SECRETS {
            if name != other_name {
                for (form, needle) in forbidden_forms(secret) {
                    assert!(
                        !other.contains(&needle) && !percent_encode(other).contains(&needle),
                        "the {name} ({form}) is also in the {other_name}"
                    );
                }
            }
        }
    }
}
