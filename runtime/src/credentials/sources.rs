//! Where providers read settings from: environment variables and files, each either the real
//! one or a stand-in (so tests never touch the process environment or the home directory).

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Environment variables: the process's own, or a fixed map.
///
/// Empty values count as unset, as the AWS SDKs treat them. `Debug` shows the variable
/// names of a map, never the values.
#[derive(Clone, Default)]
pub struct Env(EnvSource);

#[derive(Clone, Default)]
enum EnvSource {
    #[default]
    Process,
    Map(Arc<HashMap<String, String>>),
}

impl Env {
    /// The process environment.
    pub fn real() -> Self {
        Self(EnvSource::Process)
    }

    /// A fixed set of variables (nothing else is set).
    pub fn from_vars<K, V>(vars: impl IntoIterator<Item = (K, V)>) -> Self
    where
        K: Into<String>,
        V: Into<String>,
    {
        Self(EnvSource::Map(Arc::new(
            vars.into_iter()
                .map(|(key, value)| (key.into(), value.into()))
                .collect(),
        )))
    }

    /// The value of `name`, if set, valid Unicode and not empty.
    pub fn get(&self, name: &str) -> Option<String> {
        let value = match &self.0 {
            EnvSource::Process => std::env::var(name).ok(),
            EnvSource::Map(vars) => vars.get(name).cloned(),
        };
        value.filter(|value| !value.is_empty())
    }

    /// Whether `name` is set to `true` (in any case).
    pub(crate) fn is_true(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|value| value.trim().eq_ignore_ascii_case("true"))
    }

    /// The home directory: `HOME`, else (Windows) `USERPROFILE` or `HOMEDRIVE` + `HOMEPATH`.
    pub fn home_dir(&self) -> Option<PathBuf> {
        if let Some(home) = self.get("HOME") {
            return Some(PathBuf::from(home));
        }
        if cfg!(windows) {
            if let Some(profile) = self.get("USERPROFILE") {
                return Some(PathBuf::from(profile));
            }
            if let (Some(drive), Some(path)) = (self.get("HOMEDRIVE"), self.get("HOMEPATH")) {
                return Some(PathBuf::from(format!("{drive}{path}")));
            }
        }
        None
    }

    /// `path` with a leading `~` (alone, or followed by a separator) replaced by the home
    /// directory; `None` when it starts with `~` and there is no home directory.
    pub(crate) fn expand_home(&self, path: &str) -> Option<PathBuf> {
        let rest = match path.strip_prefix('~') {
            Some(rest) if rest.is_empty() || rest.starts_with('/') || rest.starts_with('\\') => {
                rest.trim_start_matches(['/', '\\'])
            }
            _ => return Some(PathBuf::from(path)),
        };
        let home = self.home_dir()?;
        Some(if rest.is_empty() {
            home
        } else {
            home.join(rest)
        })
    }
}

impl fmt::Debug for Env {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            EnvSource::Process => f.write_str("Env::Process"),
            EnvSource::Map(vars) => {
                let mut names: Vec<&str> = vars.keys().map(String::as_str).collect();
                names.sort_unstable();
                f.debug_tuple("Env::Map").field(&names).finish()
            }
        }
    }
}

/// Files: the real file system, or a fixed set of files in memory.
///
/// Providers read small files (profiles, tokens) with blocking reads: they take microseconds
/// on a local disk. `Debug` shows the paths of an in-memory set, never the contents.
#[derive(Clone, Default)]
pub struct Fs(FsSource);

#[derive(Clone, Default)]
enum FsSource {
    #[default]
    Real,
    Memory(Arc<HashMap<PathBuf, Vec<u8>>>),
}

impl Fs {
    /// The real file system.
    pub fn real() -> Self {
        Self(FsSource::Real)
    }

    /// Only these files exist.
    pub fn from_files<P, C>(files: impl IntoIterator<Item = (P, C)>) -> Self
    where
        P: Into<PathBuf>,
        C: Into<Vec<u8>>,
    {
        Self(FsSource::Memory(Arc::new(
            files
                .into_iter()
                .map(|(path, contents)| (path.into(), contents.into()))
                .collect(),
        )))
    }

    /// The contents of the file at `path`; `Ok(None)` when there is no such file.
    pub fn read(&self, path: &Path) -> io::Result<Option<Vec<u8>>> {
        match &self.0 {
            FsSource::Real => match std::fs::read(path) {
                Ok(contents) => Ok(Some(contents)),
                Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
                Err(error) => Err(error),
            },
            FsSource::Memory(files) => Ok(files.get(path).cloned()),
        }
    }
}

impl fmt::Debug for Fs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            FsSource::Real => f.write_str("Fs::Real"),
            FsSource::Memory(files) => {
                let mut paths: Vec<&Path> = files.keys().map(PathBuf::as_path).collect();
                paths.sort_unstable();
                f.debug_tuple("Fs::Memory").field(&paths).finish()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_variables_count_as_unset() {
        let env = Env::from_vars([("A", ""), ("B", "b")]);
        assert_eq!(env.get("A"), None);
        assert_eq!(env.get("B").as_deref(), Some("b"));
        assert_eq!(env.get("C"), None);
    }

    #[test]
    fn booleans_are_case_insensitive() {
        let env = Env::from_vars([("X", "TRUE"), ("Y", "yes"), ("Z", " true ")]);
        assert!(env.is_true("X"));
        assert!(!env.is_true("Y"));
        assert!(env.is_true("Z"));
        assert!(!env.is_true("missing"));
    }

    #[test]
    fn tilde_expands_to_home_only_at_the_start() {
        let env = Env::from_vars([("HOME", "/home/ada")]);
        assert_eq!(
            env.expand_home("~/.aws/config"),
            Some(PathBuf::from("/home/ada/.aws/config"))
        );
        assert_eq!(env.expand_home("~"), Some(PathBuf::from("/home/ada")));
        assert_eq!(env.expand_home("~ada/x"), Some(PathBuf::from("~ada/x")));
        assert_eq!(env.expand_home("/etc/x"), Some(PathBuf::from("/etc/x")));
        assert_eq!(Env::from_vars::<&str, &str>([]).expand_home("~/x"), None);
    }

    #[test]
    fn debug_shows_names_and_paths_but_no_values() {
        let env = Env::from_vars([("AWS_SECRET_ACCESS_KEY", "hunter2")]);
        let fs = Fs::from_files([("/x/credentials", "hunter3")]);
        let text = format!("{env:?} {fs:?}");
        assert!(text.contains("AWS_SECRET_ACCESS_KEY") && text.contains("/x/credentials"));
        assert!(!text.contains("hunter"), "{text}");
    }

    #[test]
    fn missing_files_read_as_none() {
        let fs = Fs::from_files([("/a", "x")]);
        assert_eq!(
            fs.read(Path::new("/a")).unwrap().as_deref(),
            Some(&b"x"[..])
        );
        assert_eq!(fs.read(Path::new("/b")).unwrap(), None);
        let missing = std::env::temp_dir().join("shapegen-no-such-file-7d1f0c");
        assert_eq!(Fs::real().read(&missing).unwrap(), None);
    }
}
