//! The profiles and SSO sessions of the config and credentials files, merged.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::parse::{FileKind, SectionName, parse};
use crate::credentials::{CredentialsError, ProviderConfig};

/// A profile or `sso-session` section: its name and properties (later ones win).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Profile {
    name: String,
    properties: HashMap<String, String>,
}

impl Profile {
    /// The profile's name.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// The value of `key`, unless empty.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.properties
            .get(key)
            .map(String::as_str)
            .filter(|value| !value.is_empty())
    }
}

/// Every profile and `sso-session` of the two files. A profile's properties from the
/// credentials file win over the same properties from the config file.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProfileSet {
    profiles: HashMap<String, Profile>,
    sso_sessions: HashMap<String, Profile>,
    /// The files read, for error messages.
    files: Vec<PathBuf>,
}

impl ProfileSet {
    /// Reads the config file (`AWS_CONFIG_FILE`, else `~/.aws/config`) and the credentials
    /// file (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`); missing files are
    /// empty.
    pub(crate) fn load(config: &ProviderConfig) -> Result<Self, CredentialsError> {
        let env = config.env();
        let locate = |variable: &str, default: &str| -> Result<Option<PathBuf>, CredentialsError> {
            match env.get(variable) {
                Some(path) => env.expand_home(&path).map(Some).ok_or_else(|| {
                    CredentialsError::invalid_configuration(format!(
                        "{variable} starts with `~` but there is no home directory"
                    ))
                }),
                None => Ok(env.home_dir().map(|home| home.join(".aws").join(default))),
            }
        };
        let config_file = locate("AWS_CONFIG_FILE", "config")?;
        let credentials_file = locate("AWS_SHARED_CREDENTIALS_FILE", "credentials")?;
        let read = |path: &Option<PathBuf>| -> Result<Option<(String, PathBuf)>, CredentialsError> {
            let Some(path) = path else { return Ok(None) };
            let bytes = config.fs().read(path).map_err(|error| {
                CredentialsError::invalid_configuration(format!(
                    "cannot read `{}`: {error}",
                    path.display()
                ))
            })?;
            bytes
                .map(|bytes| {
                    String::from_utf8(bytes)
                        .map(|text| (text, path.clone()))
                        .map_err(|_| {
                            CredentialsError::invalid_configuration(format!(
                                "`{}` is not UTF-8 text",
                                path.display()
                            ))
                        })
                })
                .transpose()
        };
        let config_text = read(&config_file)?;
        let credentials_text = read(&credentials_file)?;
        let mut set = Self::default();
        if let Some((text, path)) = &config_text {
            set.add(text, FileKind::Config, path)?;
        }
        if let Some((text, path)) = &credentials_text {
            set.add(text, FileKind::Credentials, path)?;
        }
        set.files = [config_file, credentials_file]
            .into_iter()
            .flatten()
            .collect();
        Ok(set)
    }

    /// Adds the sections of one file; call for the config file first.
    pub(crate) fn add(
        &mut self,
        text: &str,
        kind: FileKind,
        path: &Path,
    ) -> Result<(), CredentialsError> {
        let sections = parse(text, kind, path)?;
        // `[profile default]` wins over `[default]` in the config file, wherever each is.
        let prefixed_default = sections.iter().any(|section| {
            matches!(&section.name, SectionName::Profile { name, prefixed: true } if name == "default")
        });
        for section in sections {
            let target = match section.name {
                SectionName::Profile { name, prefixed } => {
                    if kind == FileKind::Config
                        && name == "default"
                        && !prefixed
                        && prefixed_default
                    {
                        tracing::warn!(
                            file = %path.display(),
                            "both [default] and [profile default] are present; [default] is ignored"
                        );
                        continue;
                    }
                    self.profiles
                        .entry(name.clone())
                        .or_insert_with(|| Profile {
                            name,
                            properties: HashMap::new(),
                        })
                }
                SectionName::SsoSession(name) => self
                    .sso_sessions
                    .entry(name.clone())
                    .or_insert_with(|| Profile {
                        name,
                        properties: HashMap::new(),
                    }),
                SectionName::Other => continue,
            };
            target.properties.extend(section.properties);
        }
        Ok(())
    }

    /// The profile `name`.
    pub(crate) fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.get(name)
    }

    /// The `[sso-session name]` section.
    pub(crate) fn sso_session(&self, name: &str) -> Option<&Profile> {
        self.sso_sessions.get(name)
    }

    /// The files looked at, for messages: `` `a` and `b` ``, or "no profile files" when there
    /// is no home directory.
    pub(crate) fn describe_files(&self) -> String {
        match self.files.as_slice() {
            [] => "no profile files (no home directory)".to_owned(),
            files => files
                .iter()
                .map(|path| format!("`{}`", path.display()))
                .collect::<Vec<_>>()
                .join(" and "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::test_support::config;
    use crate::credentials::{Env, Fs};

    fn load(vars: &[(&str, &str)], files: &[(&str, &str)]) -> Result<ProfileSet, CredentialsError> {
        let fs = Fs::from_files(
            files
                .iter()
                .map(|(p, c)| (PathBuf::from(p), c.as_bytes().to_vec())),
        );
        ProfileSet::load(
            &config(&[])
                .with_env(Env::from_vars(vars.iter().copied()))
                .with_fs(fs),
        )
    }

    #[test]
    fn reads_both_files_from_home_and_the_credentials_file_wins() {
        let set = load(
            &[("HOME", "/home/ada")],
            &[
                (
                    "/home/ada/.aws/config",
                    "[default]\nregion = eu-west-1\naws_access_key_id = FROMCONFIG\n[profile dev]\nregion = us-west-2\n",
                ),
                (
                    "/home/ada/.aws/credentials",
                    "[default]\naws_access_key_id = FROMCREDENTIALS\n[dev]\naws_access_key_id = DEV\n",
                ),
            ],
        )
        .unwrap();
        let default = set.profile("default").unwrap();
        assert_eq!(default.get("region"), Some("eu-west-1"));
        assert_eq!(default.get("aws_access_key_id"), Some("FROMCREDENTIALS"));
        let dev = set.profile("dev").unwrap();
        assert_eq!(dev.get("region"), Some("us-west-2"));
        assert_eq!(dev.get("aws_access_key_id"), Some("DEV"));
        assert_eq!(
            set.describe_files(),
            "`/home/ada/.aws/config` and `/home/ada/.aws/credentials`"
        );
    }

    #[test]
    fn environment_variables_move_the_files() {
        let set = load(
            &[
                ("HOME", "/home/ada"),
                ("AWS_CONFIG_FILE", "~/other-config"),
                ("AWS_SHARED_CREDENTIALS_FILE", "/etc/creds"),
            ],
            &[
                ("/home/ada/other-config", "[profile a]\nx = 1\n"),
                ("/etc/creds", "[b]\ny = 2\n"),
                ("/home/ada/.aws/config", "[profile ignored]\n"),
            ],
        )
        .unwrap();
        assert!(set.profile("a").is_some() && set.profile("b").is_some());
        assert!(set.profile("ignored").is_none());
    }

    #[test]
    fn prefixed_default_wins_and_sections_merge() {
        let set = load(
            &[("HOME", "/h")],
            &[(
                "/h/.aws/config",
                "[profile default]\nregion = a\n[default]\nregion = b\noutput = json\n\
                 [profile p]\nx = 1\ny = 1\n[profile p]\ny = 2\n[sso-session s]\nsso_region = r\n",
            )],
        )
        .unwrap();
        let default = set.profile("default").unwrap();
        assert_eq!(default.get("region"), Some("a"));
        assert_eq!(default.get("output"), None);
        let p = set.profile("p").unwrap();
        assert_eq!((p.get("x"), p.get("y")), (Some("1"), Some("2")));
        assert_eq!(set.sso_session("s").unwrap().get("sso_region"), Some("r"));
        assert_eq!(set.sso_session("s").unwrap().name(), "s");
    }

    #[test]
    fn no_home_means_no_files_and_bad_files_are_errors() {
        let set = load(&[], &[]).unwrap();
        assert!(set.profile("default").is_none());
        assert_eq!(set.describe_files(), "no profile files (no home directory)");
        let error = load(&[("HOME", "/h")], &[("/h/.aws/credentials", "oops\n")]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "/h/.aws/credentials line 1: expected `name = value`, a section header or a comment"
        );
        let fs = Fs::from_files([(PathBuf::from("/h/.aws/config"), vec![0xff, 0xfe])]);
        let error = ProfileSet::load(&config(&[("HOME", "/h")]).with_fs(fs)).unwrap_err();
        assert_eq!(error.to_string(), "`/h/.aws/config` is not UTF-8 text");
    }
}
