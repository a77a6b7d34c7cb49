//! `ProfileProvider` end to end: profile files in a temporary home, STS and the SSO portal
//! faked on loopback.

use super::*;
use crate::credentials::sso::tests::{fake_portal, write_token};
use crate::credentials::sts::tests::fake_sts;
use crate::credentials::test_support::{ManualClock, TempDir, closed_port, config};

/// A temporary home with `config` and `credentials` files.
fn home(config_file: &str, credentials_file: &str) -> TempDir {
    let dir = TempDir::new();
    dir.write(".aws/config", config_file);
    dir.write(".aws/credentials", credentials_file);
    dir
}

async fn provide(dir: &TempDir, vars: &[(&str, &str)]) -> Result<Credentials, CredentialsError> {
    let home = dir.path().to_string_lossy().into_owned();
    let mut all = vec![("HOME", home.as_str())];
    all.extend_from_slice(vars);
    let clock = ManualClock::new();
    let config = config(&all).with_time_source(clock.time_source());
    ProfileProvider::new(&config).provide_credentials().await
}

/// The access key id an STS request was signed with.
fn signed_with(request: &crate::credentials::test_support::FakeRequest) -> String {
    let authorization = request.header("authorization").unwrap_or_default();
    authorization
        .strip_prefix("AWS4-HMAC-SHA256 Credential=")
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn static_keys_of_the_chosen_profile() {
    let dir = home(
        "[profile dev]\nregion = eu-west-1\n",
        "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n\
         [dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = dev-secret\naws_session_token = dev-token\n",
    );
    let default = provide(&dir, &[]).await.unwrap();
    assert_eq!(default.access_key_id(), "AKIDDEFAULT");
    let dev = provide(&dir, &[("AWS_PROFILE", "dev")]).await.unwrap();
    assert_eq!(
        (
            dev.access_key_id(),
            dev.secret_access_key(),
            dev.session_token()
        ),
        ("AKIDDEV", "dev-secret", Some("dev-token"))
    );
}

#[tokio::test]
async fn roles_chain_three_levels_deep_each_signed_with_the_previous_credentials() {
    let sts = fake_sts().await;
    let dir = home(
        "[profile top]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = middle\n\
         role_session_name = top-session\nexternal_id = ext-42\nduration_seconds = 1800\n\
         region = eu-west-3\n\
         [profile middle]\nrole_arn = arn:aws:iam::1:role/middle\nsource_profile = bottom\n\
         [profile bottom]\nrole_arn = arn:aws:iam::1:role/bottom\nsource_profile = keys\n",
        "[keys]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n",
    );
    let credentials = provide(
        &dir,
        &[
            ("AWS_PROFILE", "top"),
            ("AWS_ENDPOINT_URL_STS", &sts.base()),
        ],
    )
    .await
    .unwrap();
    assert_eq!(credentials.access_key_id(), "ASIAtop");
    assert_eq!(credentials.account_id(), Some("123456789012"));
    let requests = sts.requests();
    let steps: Vec<(String, String)> = requests
        .iter()
        .map(|r| (r.form_value("RoleArn").unwrap_or_default(), signed_with(r)))
        .collect();
    assert_eq!(
        steps,
        [
            (
                "arn:aws:iam::1:role/bottom".to_owned(),
                "AKIDBASE".to_owned()
            ),
            (
                "arn:aws:iam::1:role/middle".to_owned(),
                "ASIAbottom".to_owned()
            ),
            (
                "arn:aws:iam::1:role/top".to_owned(),
                "ASIAmiddle".to_owned()
            ),
        ]
    );
    let top = &requests[2];
    assert_eq!(
        top.form_value("RoleSessionName").as_deref(),
        Some("top-session")
    );
    assert_eq!(top.form_value("ExternalId").as_deref(), Some("ext-42"));
    assert_eq!(top.form_value("DurationSeconds").as_deref(), Some("1800"));
    assert_eq!(top.header("x-amz-security-token"), Some("token-middle"));
    // STS is called in the profile's region.
    assert!(
        top.header("authorization")
            .unwrap_or_default()
            .contains("/eu-west-3/sts/aws4_request"),
        "{top:?}"
    );
    assert_eq!(requests[0].header("x-amz-security-token"), None);
}

#[tokio::test]
async fn credential_source_environment_signs_the_role() {
    let sts = fake_sts().await;
    let dir = home(
        "[profile ci]\nrole_arn = arn:aws:iam::1:role/deploy\ncredential_source = Environment\n",
        "",
    );
    let endpoint = sts.base();
    let vars = [
        ("AWS_PROFILE", "ci"),
        ("AWS_ENDPOINT_URL_STS", endpoint.as_str()),
    ];
    let mut with_keys = vars.to_vec();
    with_keys.extend([
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "env-secret"),
    ]);
    let credentials = provide(&dir, &with_keys).await.unwrap();
    assert_eq!(credentials.access_key_id(), "ASIAdeploy");
    assert_eq!(signed_with(&sts.requests()[0]), "AKIDENV");
    // The profile demands environment keys: their absence is a configuration error.
    let error = provide(&dir, &vars).await.unwrap_err();
    assert_eq!(error.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert!(
        error
            .message()
            .starts_with("profile `ci`: credentials need"),
        "{error}"
    );
}

#[tokio::test]
async fn web_identity_from_a_profile_expands_the_home_directory() {
    let sts = fake_sts().await;
    let dir = home(
        "[default]\nrole_arn = arn:aws:iam::1:role/web\nweb_identity_token_file = ~/token.jwt\n",
        "",
    );
    dir.write("token.jwt", "header.payload.signature");
    let credentials = provide(&dir, &[("AWS_ENDPOINT_URL_STS", &sts.base())])
        .await
        .unwrap();
    assert_eq!(credentials.access_key_id(), "ASIAweb");
    let request = &sts.requests()[0];
    assert_eq!(
        request.form_value("WebIdentityToken").as_deref(),
        Some("header.payload.signature")
    );
    assert_eq!(request.header("authorization"), None);
}

#[tokio::test]
async fn sso_session_profiles_use_the_token_cache_and_the_portal() {
    let portal = fake_portal("cached-sso-token").await;
    let dir = home(
        "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n\
         [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n",
        "",
    );
    write_token(&dir, "corp", "cached-sso-token", 3600);
    let credentials = provide(
        &dir,
        &[
            ("AWS_PROFILE", "sso"),
            ("AWS_ENDPOINT_URL_SSO", &portal.base()),
        ],
    )
    .await
    .unwrap();
    assert_eq!(credentials.access_key_id(), "ASIAReadOnly");
    assert_eq!(credentials.account_id(), Some("111122223333"));
}

#[cfg(unix)]
#[tokio::test]
async fn credential_process_from_a_profile_can_source_a_role() {
    let sts = fake_sts().await;
    let dir = home("", "");
    let output = dir.write(
        "creds.json",
        r#"{"Version":1,"AccessKeyId":"AKIDPROCESS","SecretAccessKey":"process-secret"}"#,
    );
    dir.write(
        ".aws/config",
        format!(
            "[profile tool]\ncredential_process = cat '{}'\n\
             [profile admin]\nrole_arn = arn:aws:iam::1:role/admin\nsource_profile = tool\n",
            output.display()
        ),
    );
    let tool = provide(&dir, &[("AWS_PROFILE", "tool")]).await.unwrap();
    assert_eq!(tool.access_key_id(), "AKIDPROCESS");
    let admin = provide(
        &dir,
        &[
            ("AWS_PROFILE", "admin"),
            ("AWS_ENDPOINT_URL_STS", &sts.base()),
        ],
    )
    .await
    .unwrap();
    assert_eq!(admin.access_key_id(), "ASIAadmin");
    assert_eq!(signed_with(&sts.requests()[0]), "AKIDPROCESS");
}

#[tokio::test]
async fn missing_cyclic_and_unreachable_configurations() {
    let dir = home(
        "[profile a]\nrole_arn = arn:a\nsource_profile = b\n\
         [profile b]\nrole_arn = arn:b\nsource_profile = a\n\
         [profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = k\n",
        "[k]\naws_access_key_id = AKIDK\naws_secret_access_key = k-secret\n",
    );
    let default = provide(&dir, &[]).await.unwrap_err();
    assert!(default.is_not_configured(), "{default}");
    let chosen = provide(&dir, &[("AWS_PROFILE", "nope")]).await.unwrap_err();
    assert_eq!(chosen.kind(), CredentialsErrorKind::InvalidConfiguration);
    let cycle = provide(&dir, &[("AWS_PROFILE", "a")]).await.unwrap_err();
    assert_eq!(
        cycle.message(),
        "the source_profile chain `a` -> `b` -> `a` is a cycle"
    );

    let down = format!("http://127.0.0.1:{}", closed_port());
    let error = provide(
        &dir,
        &[("AWS_PROFILE", "r"), ("AWS_ENDPOINT_URL_STS", &down)],
    )
    .await
    .unwrap_err();
    assert_eq!(error.kind(), CredentialsErrorKind::ProviderError);
    assert!(
        error.message().starts_with(
            "profile `r`: STS AssumeRole for role `arn:aws:iam::1:role/r` at http://127.0.0.1:"
        ),
        "{error}"
    );
    assert!(error.message().contains("could not reach STS"), "{error}");

    let broken = home("[default]\nregion\n", "");
    let error = provide(&broken, &[]).await.unwrap_err();
    assert_eq!(error.kind(), CredentialsErrorKind::InvalidConfiguration);
}
