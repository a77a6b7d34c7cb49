//! The shared config and credentials file format: INI-like sections of `key = value`
//! properties.
//!
//! - `#` and `;` start a comment line; after a property value they start a comment when a
//!   space or tab precedes them, after a section header always.
//! - Indented lines continue the property above: `s3 =` followed by indented
//!   `max_concurrent_requests = 20` lines is how nested settings are written. Continued values
//!   are joined with `\n`.
//! - In the config file, profiles are `[profile name]` (or `[default]`) and IAM Identity
//!   Center sessions `[sso-session name]`; other sections (such as `[services name]`) are
//!   skipped. In the credentials file every `[name]` is a profile.
//! - Property names are case-insensitive (kept lower-case); values are trimmed.
//!
//! Errors name the file and line, never the line's text (it may hold a secret).

use std::path::Path;

use crate::credentials::CredentialsError;

/// Which of the two files is read: they name profiles differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// `~/.aws/config`: `[profile name]`, `[default]`, `[sso-session name]`.
    Config,
    /// `~/.aws/credentials`: `[name]`.
    Credentials,
}

/// What a section header declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SectionName {
    /// A profile; `prefixed` when written `[profile name]` (which wins over a bare
    /// `[default]` for the default profile).
    Profile { name: String, prefixed: bool },
    /// `[sso-session name]`.
    SsoSession(String),
    /// Any other section; its properties are read and dropped.
    Other,
}

/// One section and its properties, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    pub(crate) name: SectionName,
    pub(crate) properties: Vec<(String, String)>,
}

/// Parses `text`, read from `path` (named in errors).
pub(crate) fn parse(
    text: &str,
    kind: FileKind,
    path: &Path,
) -> Result<Vec<Section>, CredentialsError> {
    let mut sections: Vec<Section> = Vec::new();
    // Whether the last property of the current section may take continuation lines.
    let mut open_property = false;
    for (index, raw) in text.lines().enumerate() {
        let fail = |problem: &str| {
            CredentialsError::invalid_configuration(format!(
                "{} line {}: {problem}",
                path.display(),
                index + 1
            ))
        };
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            let property = sections
                .last_mut()
                .and_then(|section| section.properties.last_mut())
                .filter(|_| open_property)
                .ok_or_else(|| fail("an indented line must continue a property"))?;
            let continued = strip_value_comment(trimmed);
            if property.1.is_empty() {
                property.1 = continued.to_owned();
            } else {
                property.1.push('\n');
                property.1.push_str(continued);
            }
            continue;
        }
        if let Some(header) = trimmed.strip_prefix('[') {
            let (inner, rest) = header
                .split_once(']')
                .ok_or_else(|| fail("a section header needs a closing `]`"))?;
            let rest = rest.trim_start();
            if !(rest.is_empty() || rest.starts_with('#') || rest.starts_with(';')) {
                return Err(fail("only a comment may follow a section header"));
            }
            let name = section_name(inner.trim(), kind)
                .ok_or_else(|| fail("the section header has no name"))?;
            sections.push(Section {
                name,
                properties: Vec::new(),
            });
            open_property = false;
            continue;
        }
        let (key, value) = trimmed
            .split_once('=')
            .ok_or_else(|| fail("expected `name = value`, a section header or a comment"))?;
        let key = key.trim();
        if key.is_empty() {
            return Err(fail("a property needs a name before `=`"));
        }
        let section = sections
            .last_mut()
            .ok_or_else(|| fail("a property must follow a section header"))?;
        section.properties.push((
            key.to_ascii_lowercase(),
            strip_value_comment(value.trim()).to_owned(),
        ));
        open_property = true;
    }
    Ok(sections)
}

/// The declaration of a header's `inner` text; `None` when a profile or session has no name.
fn section_name(inner: &str, kind: FileKind) -> Option<SectionName> {
    let split = |prefix: &str| {
        inner
            .strip_prefix(prefix)
            .filter(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
            .map(str::trim)
    };
    let named = |name: &str| (!name.is_empty()).then(|| name.to_owned());
    match kind {
        FileKind::Credentials => named(inner).map(|name| SectionName::Profile {
            name,
            prefixed: false,
        }),
        FileKind::Config => {
            if inner == "default" {
                Some(SectionName::Profile {
                    name: "default".to_owned(),
                    prefixed: false,
                })
            } else if let Some(name) = split("profile") {
                named(name).map(|name| SectionName::Profile {
                    name,
                    prefixed: true,
                })
            } else if let Some(name) = split("sso-session") {
                named(name).map(SectionName::SsoSession)
            } else {
                (!inner.is_empty()).then_some(SectionName::Other)
            }
        }
    }
}

/// The value without a trailing comment (`#` or `;` after a space or tab).
fn strip_value_comment(value: &str) -> &str {
    let bytes = value.as_bytes();
    let cut = (1..bytes.len())
        .find(|&i| matches!(bytes[i], b'#' | b';') && matches!(bytes[i - 1], b' ' | b'\t'));
    match cut {
        Some(at) => value[..at].trim_end(),
        None => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Result<Vec<Section>, CredentialsError> {
        parse(text, FileKind::Config, Path::new("/home/ada/.aws/config"))
    }

    fn profile(name: &str, prefixed: bool) -> SectionName {
        SectionName::Profile {
            name: name.to_owned(),
            prefixed,
        }
    }

    fn props(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn sections_properties_and_comments() {
        let text = "# top comment\n\
            [default] ; trailing\n\
            region = eu-west-1 # inline\n\
            Output=json\n\
            ; comment\n\
            [profile  dev ]\n\
            role_arn = arn:aws:iam::1:role/a#b\n\
            empty =\n\
            [sso-session corp]\n\
            sso_region = us-east-1\n\
            [services local]\n\
            sts =\n  endpoint_url = http://127.0.0.1:1\n\
            [orphan]\n";
        let sections = config(text).unwrap();
        assert_eq!(
            sections,
            vec![
                Section {
                    name: profile("default", false),
                    properties: props(&[("region", "eu-west-1"), ("output", "json")]),
                },
                Section {
                    name: profile("dev", true),
                    properties: props(&[("role_arn", "arn:aws:iam::1:role/a#b"), ("empty", "")]),
                },
                Section {
                    name: SectionName::SsoSession("corp".to_owned()),
                    properties: props(&[("sso_region", "us-east-1")]),
                },
                Section {
                    name: SectionName::Other,
                    properties: props(&[("sts", "endpoint_url = http://127.0.0.1:1")]),
                },
                Section {
                    name: SectionName::Other,
                    properties: vec![],
                },
            ]
        );
    }

    #[test]
    fn continuation_lines_join_values() {
        let text = "[profile p]\r\ns3 =\r\n  max_concurrent_requests = 20 ; c\r\n\tregion = x\r\nnote = a\n  b\n";
        let sections = config(text).unwrap();
        assert_eq!(
            sections[0].properties,
            props(&[
                ("s3", "max_concurrent_requests = 20\nregion = x"),
                ("note", "a\nb")
            ])
        );
    }

    #[test]
    fn credentials_file_sections_are_profile_names() {
        let text = "[default]\naws_access_key_id = A\n[profile x]\n[team]\n";
        let sections = parse(text, FileKind::Credentials, Path::new("c")).unwrap();
        let names: Vec<_> = sections.into_iter().map(|s| s.name).collect();
        assert_eq!(
            names,
            vec![
                profile("default", false),
                profile("profile x", false),
                profile("team", false)
            ]
        );
    }

    #[test]
    fn errors_name_the_line_but_never_its_text() {
        for (text, line, problem) in [
            (
                "[default]\naws_secret_access_key SECRETVALUE\n",
                2,
                "expected `name = value`",
            ),
            (
                "aws_secret_access_key = SECRETVALUE\n",
                1,
                "must follow a section header",
            ),
            ("[default\n", 1, "closing `]`"),
            ("[default] SECRETVALUE\n", 1, "only a comment"),
            ("[default]\n= SECRETVALUE\n", 2, "needs a name"),
            ("  SECRETVALUE\n", 1, "must continue a property"),
            (
                "[default]\n\n  SECRETVALUE\n",
                3,
                "must continue a property",
            ),
            ("[profile ]\n", 1, "has no name"),
        ] {
            let error = config(text).unwrap_err();
            let message = error.to_string();
            assert!(
                message.starts_with(&format!("/home/ada/.aws/config line {line}: ")),
                "{message}"
            );
            assert!(message.contains(problem), "{message}");
            assert!(!message.contains("SECRET"), "{message}");
        }
    }

    #[test]
    fn a_name_must_follow_the_profile_keyword() {
        let sections = config("[profilex]\n[profile\ty]\n").unwrap();
        assert_eq!(sections[0].name, SectionName::Other);
        assert_eq!(sections[1].name, profile("y", true));
    }
}
