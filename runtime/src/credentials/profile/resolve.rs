//! Turns a profile into a plan: where the first credentials come from, then which roles to
//! assume with them, one after another.
//!
//! Within a profile: `role_arn` (with `web_identity_token_file`, `source_profile` or
//! `credential_source`) comes first, then static keys, then SSO, then `credential_process`.
//! A profile reached as a `source_profile` uses its static keys when it has them, even if it
//! also has a `role_arn` (as the AWS CLI does); a profile may name itself as its source to
//! assume a role with its own keys. Any other repeated profile is a cycle.

use super::set::{Profile, ProfileSet};
use crate::credentials::sso::SsoSettings;
use crate::credentials::sts::RoleToAssume;
use crate::credentials::web_identity::WebIdentitySettings;
use crate::credentials::{Credentials, CredentialsError};

/// The providers `credential_source` may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NamedSource {
    /// `Environment`: [`EnvironmentProvider`](crate::credentials::EnvironmentProvider).
    Environment,
    /// `Ec2InstanceMetadata`: [`ImdsProvider`](crate::credentials::ImdsProvider).
    Ec2InstanceMetadata,
    /// `EcsContainer`: [`ContainerProvider`](crate::credentials::ContainerProvider).
    EcsContainer,
}

/// Where the first credentials of a plan come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Base {
    /// `aws_access_key_id` and friends.
    Static(Credentials),
    /// `web_identity_token_file` with `role_arn`.
    WebIdentity(WebIdentitySettings),
    /// IAM Identity Center.
    Sso(SsoSettings),
    /// `credential_process`.
    Process(String),
    /// `credential_source`.
    Named(NamedSource),
}

/// The base credentials, then the roles to assume in order (each with the previous
/// credentials).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Plan {
    pub(crate) base: Base,
    pub(crate) roles: Vec<RoleToAssume>,
}

/// The plan for profile `start`. `chosen` says whether the user named the profile (then a
/// missing one is an error rather than "not configured").
pub(crate) fn plan(set: &ProfileSet, start: &str, chosen: bool) -> Result<Plan, CredentialsError> {
    let mut visited: Vec<&str> = Vec::new();
    // Outermost role first; reversed at the end.
    let mut roles = Vec::new();
    let mut name = start;
    let base = loop {
        let Some(profile) = set.profile(name) else {
            return Err(match visited.last() {
                Some(previous) => CredentialsError::invalid_configuration(format!(
                    "profile `{previous}` has source_profile `{name}`, which does not exist in {}",
                    set.describe_files()
                )),
                None if chosen => CredentialsError::invalid_configuration(format!(
                    "the profile `{name}` does not exist in {}",
                    set.describe_files()
                )),
                None => CredentialsError::not_configured(format!(
                    "no profile `{name}` in {}",
                    set.describe_files()
                )),
            });
        };
        if visited.contains(&name) {
            visited.push(name);
            return Err(CredentialsError::invalid_configuration(format!(
                "the source_profile chain `{}` is a cycle",
                visited.join("` -> `")
            )));
        }
        visited.push(name);
        let is_source = visited.len() > 1;
        if is_source && let Some(credentials) = static_keys(profile)? {
            break Base::Static(credentials);
        }
        let Some(role_arn) = profile.get("role_arn") else {
            match base_of(set, profile)? {
                Some(base) => break base,
                None if is_source => {
                    return Err(CredentialsError::invalid_configuration(format!(
                        "profile `{name}`, the source_profile of `{}`, has no credentials",
                        visited[visited.len() - 2]
                    )));
                }
                None => {
                    return Err(CredentialsError::not_configured(format!(
                        "profile `{name}` has no credentials"
                    )));
                }
            }
        };
        if let Some(token_file) = profile.get("web_identity_token_file") {
            break Base::WebIdentity(WebIdentitySettings {
                token_file: token_file.into(),
                role_arn: role_arn.to_owned(),
                session_name: profile.get("role_session_name").map(str::to_owned),
            });
        }
        roles.push(role_of(profile, role_arn)?);
        match (
            profile.get("source_profile"),
            profile.get("credential_source"),
        ) {
            (Some(_), Some(_)) => {
                return Err(CredentialsError::invalid_configuration(format!(
                    "profile `{name}` sets both source_profile and credential_source"
                )));
            }
            (None, None) => {
                return Err(CredentialsError::invalid_configuration(format!(
                    "profile `{name}` has role_arn but no source_profile, credential_source or \
                     web_identity_token_file"
                )));
            }
            (None, Some(source)) => break Base::Named(named_source(name, source)?),
            (Some(source), None) if source == name => {
                break static_keys(profile)?.map(Base::Static).ok_or_else(|| {
                    CredentialsError::invalid_configuration(format!(
                        "profile `{name}` is its own source_profile but has no \
                         aws_access_key_id and aws_secret_access_key"
                    ))
                })?;
            }
            (Some(source), None) => name = source,
        }
    };
    roles.reverse();
    Ok(Plan { base, roles })
}

/// The static keys of `profile`, if it has any; one key without the other is an error.
fn static_keys(profile: &Profile) -> Result<Option<Credentials>, CredentialsError> {
    let name = profile.name();
    match (
        profile.get("aws_access_key_id"),
        profile.get("aws_secret_access_key"),
    ) {
        (Some(id), Some(secret)) => {
            let credentials = Credentials::new(
                id,
                secret,
                profile.get("aws_session_token").map(str::to_owned),
            );
            Ok(Some(match profile.get("aws_account_id") {
                Some(account) => credentials.with_account_id(account),
                None => credentials,
            }))
        }
        (None, None) => Ok(None),
        (Some(_), None) => Err(CredentialsError::invalid_configuration(format!(
            "profile `{name}` has aws_access_key_id but no aws_secret_access_key"
        ))),
        (None, Some(_)) => Err(CredentialsError::invalid_configuration(format!(
            "profile `{name}` has aws_secret_access_key but no aws_access_key_id"
        ))),
    }
}

/// The credentials of a profile without `role_arn`: static keys, SSO, `credential_process`.
fn base_of(set: &ProfileSet, profile: &Profile) -> Result<Option<Base>, CredentialsError> {
    if let Some(credentials) = static_keys(profile)? {
        return Ok(Some(Base::Static(credentials)));
    }
    if let Some(sso) = sso_of(set, profile)? {
        return Ok(Some(Base::Sso(sso)));
    }
    Ok(profile
        .get("credential_process")
        .map(|command| Base::Process(command.to_owned())))
}

/// The IAM Identity Center settings of `profile`: through `sso_session`, or the legacy
/// `sso_start_url` and `sso_region` in the profile itself.
fn sso_of(set: &ProfileSet, profile: &Profile) -> Result<Option<SsoSettings>, CredentialsError> {
    let name = profile.name();
    const LEGACY: [&str; 4] = [
        "sso_start_url",
        "sso_region",
        "sso_account_id",
        "sso_role_name",
    ];
    let session_name = profile.get("sso_session");
    if session_name.is_none() && LEGACY.iter().all(|key| profile.get(key).is_none()) {
        return Ok(None);
    }
    let (start_url, region) = match session_name {
        Some(session_name) => {
            let session = set.sso_session(session_name).ok_or_else(|| {
                CredentialsError::invalid_configuration(format!(
                    "profile `{name}` refers to [sso-session {session_name}], which does not exist"
                ))
            })?;
            let from_session = |key: &str| {
                let value = session.get(key).ok_or_else(|| {
                    CredentialsError::invalid_configuration(format!(
                        "[sso-session {session_name}] has no {key}"
                    ))
                })?;
                match profile.get(key) {
                    Some(own) if own != value => {
                        Err(CredentialsError::invalid_configuration(format!(
                            "profile `{name}` sets {key} differently from its [sso-session {session_name}]"
                        )))
                    }
                    _ => Ok(value.to_owned()),
                }
            };
            (from_session("sso_start_url")?, from_session("sso_region")?)
        }
        None => (
            required(profile, "sso_start_url", "for IAM Identity Center")?,
            required(profile, "sso_region", "for IAM Identity Center")?,
        ),
    };
    Ok(Some(SsoSettings {
        start_url,
        region,
        account_id: required(profile, "sso_account_id", "for IAM Identity Center")?,
        role_name: required(profile, "sso_role_name", "for IAM Identity Center")?,
        session_name: session_name.map(str::to_owned),
    }))
}

fn required(profile: &Profile, key: &str, purpose: &str) -> Result<String, CredentialsError> {
    profile.get(key).map(str::to_owned).ok_or_else(|| {
        CredentialsError::invalid_configuration(format!(
            "profile `{}` needs {key} {purpose}",
            profile.name()
        ))
    })
}

fn role_of(profile: &Profile, role_arn: &str) -> Result<RoleToAssume, CredentialsError> {
    let duration_seconds = profile
        .get("duration_seconds")
        .map(|text| {
            text.parse::<u32>().map_err(|_| {
                CredentialsError::invalid_configuration(format!(
                    "the duration_seconds of profile `{}` is not a whole number of seconds",
                    profile.name()
                ))
            })
        })
        .transpose()?;
    Ok(RoleToAssume {
        role_arn: role_arn.to_owned(),
        session_name: profile.get("role_session_name").map(str::to_owned),
        external_id: profile.get("external_id").map(str::to_owned),
        duration_seconds,
    })
}

fn named_source(profile: &str, source: &str) -> Result<NamedSource, CredentialsError> {
    match source {
        "Environment" => Ok(NamedSource::Environment),
        "Ec2InstanceMetadata" => Ok(NamedSource::Ec2InstanceMetadata),
        "EcsContainer" => Ok(NamedSource::EcsContainer),
        other => Err(CredentialsError::invalid_configuration(format!(
            "profile `{profile}` has credential_source `{other}`; expected Environment, \
             Ec2InstanceMetadata or EcsContainer"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::CredentialsErrorKind;
    use crate::credentials::profile::parse::FileKind;
    use std::path::Path;

    fn set(config: &str, credentials: &str) -> ProfileSet {
        let mut set = ProfileSet::default();
        set.add(config, FileKind::Config, Path::new("config"))
            .unwrap();
        set.add(credentials, FileKind::Credentials, Path::new("credentials"))
            .unwrap();
        set
    }

    fn role(arn: &str) -> RoleToAssume {
        RoleToAssume {
            role_arn: arn.to_owned(),
            session_name: None,
            external_id: None,
            duration_seconds: None,
        }
    }

    fn invalid(result: Result<Plan, CredentialsError>) -> String {
        let error = result.unwrap_err();
        assert_eq!(
            error.kind(),
            CredentialsErrorKind::InvalidConfiguration,
            "{error}"
        );
        error.to_string()
    }

    #[test]
    fn static_keys() {
        let set = set(
            "",
            "[default]\naws_access_key_id = A\naws_secret_access_key = S\naws_session_token = T\naws_account_id = 1\n",
        );
        assert_eq!(
            plan(&set, "default", false).unwrap(),
            Plan {
                base: Base::Static(
                    Credentials::new("A", "S", Some("T".into())).with_account_id("1")
                ),
                roles: vec![],
            }
        );
    }

    #[test]
    fn roles_chain_from_the_innermost_source_outward() {
        let set = set(
            "[profile top]\nrole_arn = arn:top\nsource_profile = middle\nrole_session_name = s\n\
             external_id = e\nduration_seconds = 900\n\
             [profile middle]\nrole_arn = arn:middle\nsource_profile = keys\n",
            "[keys]\naws_access_key_id = A\naws_secret_access_key = S\n",
        );
        let plan = plan(&set, "top", true).unwrap();
        assert_eq!(plan.base, Base::Static(Credentials::new("A", "S", None)));
        let top = RoleToAssume {
            session_name: Some("s".into()),
            external_id: Some("e".into()),
            duration_seconds: Some(900),
            ..role("arn:top")
        };
        assert_eq!(plan.roles, vec![role("arn:middle"), top]);
    }

    #[test]
    fn a_source_profiles_keys_win_over_its_role_and_self_reference_uses_own_keys() {
        let set = set(
            "[profile a]\nrole_arn = arn:a\nsource_profile = b\n\
             [profile b]\nrole_arn = arn:b\nsource_profile = c\naws_access_key_id = B\naws_secret_access_key = S\n\
             [profile self]\nrole_arn = arn:self\nsource_profile = self\naws_access_key_id = X\naws_secret_access_key = Y\n",
            "",
        );
        let a = plan(&set, "a", true).unwrap();
        assert_eq!(a.base, Base::Static(Credentials::new("B", "S", None)));
        assert_eq!(a.roles, vec![role("arn:a")]);
        let own = plan(&set, "self", true).unwrap();
        assert_eq!(own.base, Base::Static(Credentials::new("X", "Y", None)));
        assert_eq!(own.roles, vec![role("arn:self")]);
    }

    #[test]
    fn cycles_are_reported_with_their_path() {
        let set = set(
            "[profile a]\nrole_arn = arn:a\nsource_profile = b\n\
             [profile b]\nrole_arn = arn:b\nsource_profile = c\n\
             [profile c]\nrole_arn = arn:c\nsource_profile = a\n\
             [profile me]\nrole_arn = arn:me\nsource_profile = me\n",
            "",
        );
        assert_eq!(
            invalid(plan(&set, "a", true)),
            "the source_profile chain `a` -> `b` -> `c` -> `a` is a cycle"
        );
        assert!(invalid(plan(&set, "me", true)).contains("is its own source_profile"));
    }

    #[test]
    fn credential_sources_and_web_identity() {
        let set = set(
            "[profile env]\nrole_arn = arn:e\ncredential_source = Environment\n\
             [profile ec2]\nrole_arn = arn:i\ncredential_source = Ec2InstanceMetadata\n\
             [profile ecs]\nrole_arn = arn:c\ncredential_source = EcsContainer\n\
             [profile bad]\nrole_arn = arn:b\ncredential_source = Laptop\n\
             [profile both]\nrole_arn = arn:b\ncredential_source = Environment\nsource_profile = env\n\
             [profile none]\nrole_arn = arn:n\n\
             [profile web]\nrole_arn = arn:w\nweb_identity_token_file = /t\nrole_session_name = n\n",
            "",
        );
        for (name, source) in [
            ("env", NamedSource::Environment),
            ("ec2", NamedSource::Ec2InstanceMetadata),
            ("ecs", NamedSource::EcsContainer),
        ] {
            let plan = plan(&set, name, true).unwrap();
            assert_eq!(plan.base, Base::Named(source));
            assert_eq!(plan.roles.len(), 1);
        }
        assert!(invalid(plan(&set, "bad", true)).contains("credential_source `Laptop`"));
        assert!(
            invalid(plan(&set, "both", true)).contains("both source_profile and credential_source")
        );
        assert!(invalid(plan(&set, "none", true)).contains("no source_profile"));
        let web = plan(&set, "web", true).unwrap();
        assert_eq!(
            web.base,
            Base::WebIdentity(WebIdentitySettings {
                token_file: "/t".into(),
                role_arn: "arn:w".into(),
                session_name: Some("n".into()),
            })
        );
        assert!(web.roles.is_empty());
    }

    #[test]
    fn sso_through_a_session_or_legacy_settings() {
        let set = set(
            "[profile new]\nsso_session = corp\nsso_account_id = 111\nsso_role_name = Dev\n\
             [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n\
             [profile old]\nsso_start_url = https://old/start\nsso_region = us-east-1\nsso_account_id = 222\nsso_role_name = Ops\n\
             [profile clash]\nsso_session = corp\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = r\n\
             [profile dangling]\nsso_session = nope\n\
             [profile partial]\nsso_start_url = https://x\n",
            "",
        );
        assert_eq!(
            plan(&set, "new", true).unwrap().base,
            Base::Sso(SsoSettings {
                start_url: "https://corp.awsapps.com/start".into(),
                region: "eu-west-1".into(),
                account_id: "111".into(),
                role_name: "Dev".into(),
                session_name: Some("corp".into()),
            })
        );
        assert_eq!(
            plan(&set, "old", true).unwrap().base,
            Base::Sso(SsoSettings {
                start_url: "https://old/start".into(),
                region: "us-east-1".into(),
                account_id: "222".into(),
                role_name: "Ops".into(),
                session_name: None,
            })
        );
        assert!(invalid(plan(&set, "clash", true)).contains("sets sso_region differently"));
        assert!(
            invalid(plan(&set, "dangling", true))
                .contains("[sso-session nope], which does not exist")
        );
        assert!(invalid(plan(&set, "partial", true)).contains("needs sso_region"));
    }

    #[test]
    fn missing_profiles_and_profiles_without_credentials() {
        let set = set(
            "[profile region-only]\nregion = eu-west-1\n\
             [profile uses-empty]\nrole_arn = arn:x\nsource_profile = region-only\n\
             [profile uses-missing]\nrole_arn = arn:x\nsource_profile = ghost\n\
             [profile half]\naws_access_key_id = A\n\
             [profile process]\ncredential_process = /bin/creds --json\n",
            "",
        );
        assert!(
            plan(&set, "default", false)
                .unwrap_err()
                .is_not_configured()
        );
        assert!(
            invalid(plan(&set, "default", true)).contains("the profile `default` does not exist")
        );
        assert!(
            plan(&set, "region-only", true)
                .unwrap_err()
                .is_not_configured()
        );
        assert!(
            invalid(plan(&set, "uses-empty", true))
                .contains("the source_profile of `uses-empty`, has no credentials")
        );
        assert!(
            invalid(plan(&set, "uses-missing", true))
                .contains("source_profile `ghost`, which does not exist")
        );
        assert!(invalid(plan(&set, "half", true)).contains("no aws_secret_access_key"));
        assert_eq!(
            plan(&set, "process", true).unwrap().base,
            Base::Process("/bin/creds --json".into())
        );
    }

    #[test]
    fn duration_must_be_a_number() {
        let set = set(
            "[profile d]\nrole_arn = arn:d\nsource_profile = d\nduration_seconds = 1h\naws_access_key_id = A\naws_secret_access_key = S\n",
            "",
        );
        assert!(invalid(plan(&set, "d", true)).contains("duration_seconds"));
    }
}
