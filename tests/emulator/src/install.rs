//! Finding the Python virtual environment that holds moto's server.
//!
//! `setup-moto.sh` creates it and installs `moto-requirements.txt` into it, then copies that
//! file into the environment as a stamp. The tests never install anything themselves: an
//! environment without the stamp, or with a stamp of other requirements, is not installed.

use std::fmt;
use std::path::{Path, PathBuf};

/// The requirements the tests were written against (moto's pinned version among them).
pub const REQUIREMENTS: &str = include_str!("../moto-requirements.txt");

/// The file in the environment recording which requirements `setup-moto.sh` installed.
const STAMP: &str = "shapegen-moto-requirements.txt";

/// The command that installs moto, as the notices print it.
pub const SETUP_COMMAND: &str = "tests/emulator/setup-moto.sh";

/// A virtual environment holding moto's server as `moto-requirements.txt` pins it.
#[derive(Debug, Clone)]
pub struct Installation {
    venv: PathBuf,
    python: PathBuf,
}

impl Installation {
    /// The environment at the configured place (see [`venv_dir`]), if it is installed.
    pub fn find() -> Result<Self, NotInstalled> {
        Self::at(&venv_dir())
    }

    /// The environment at `venv`, if `setup-moto.sh` installed the current requirements there.
    pub fn at(venv: &Path) -> Result<Self, NotInstalled> {
        let python = venv_python(venv);
        if !python.is_file() {
            return Err(NotInstalled::Missing {
                venv: venv.to_owned(),
            });
        }
        match std::fs::read_to_string(venv.join(STAMP)) {
            Ok(stamp) if stamp == REQUIREMENTS => Ok(Self {
                venv: venv.to_owned(),
                python,
            }),
            _ => Err(NotInstalled::Outdated {
                venv: venv.to_owned(),
            }),
        }
    }

    /// The environment's directory.
    pub fn venv(&self) -> &Path {
        &self.venv
    }

    /// The environment's Python interpreter.
    pub fn python(&self) -> &Path {
        &self.python
    }
}

/// Why there is no usable moto installation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotInstalled {
    /// No virtual environment (no Python interpreter in it) at this place.
    Missing {
        /// Where the environment was looked for.
        venv: PathBuf,
    },
    /// An environment without moto, or installed from other requirements than the tests'.
    Outdated {
        /// The environment's directory.
        venv: PathBuf,
    },
}

impl fmt::Display for NotInstalled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing { venv } => write!(
                f,
                "moto is not installed: no Python virtual environment at {}; run {SETUP_COMMAND}",
                venv.display()
            ),
            Self::Outdated { venv } => write!(
                f,
                "the moto installation at {} does not match tests/emulator/moto-requirements.txt; \
                 run {SETUP_COMMAND}",
                venv.display()
            ),
        }
    }
}

impl std::error::Error for NotInstalled {}

/// Where the environment is: `$SHAPEGEN_MOTO_VENV`, else `$CARGO_TARGET_DIR/moto-venv`, else
/// `target/moto-venv`; relative paths are taken from the workspace root, as `setup-moto.sh`
/// takes them.
pub fn venv_dir() -> PathBuf {
    let root = workspace_root();
    if let Some(venv) = std::env::var_os("SHAPEGEN_MOTO_VENV").filter(|v| !v.is_empty()) {
        return root.join(venv);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .filter(|v| !v.is_empty())
        .map_or_else(|| root.join("target"), |dir| root.join(dir));
    target.join("moto-venv")
}

/// The workspace root (two levels above this crate).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The interpreter of a virtual environment (`bin/python`, or `Scripts\python.exe` on
/// Windows).
fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("shapegen-emulator-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn fake_python(venv: &Path) {
        let python = venv_python(venv);
        std::fs::create_dir_all(python.parent().unwrap()).unwrap();
        std::fs::write(python, "").unwrap();
    }

    #[test]
    fn an_empty_directory_is_missing() {
        let venv = scratch_dir("missing");
        assert_eq!(
            Installation::at(&venv).unwrap_err(),
            NotInstalled::Missing { venv: venv.clone() }
        );
        let notice = Installation::at(&venv).unwrap_err().to_string();
        assert!(notice.contains(SETUP_COMMAND), "{notice}");
        std::fs::remove_dir_all(venv).unwrap();
    }

    #[test]
    fn an_environment_without_the_stamp_or_with_another_one_is_outdated() {
        let venv = scratch_dir("outdated");
        fake_python(&venv);
        let outdated = NotInstalled::Outdated { venv: venv.clone() };
        assert_eq!(Installation::at(&venv).unwrap_err(), outdated);
        std::fs::write(venv.join(STAMP), "moto[server]==4.0.0\n").unwrap();
        assert_eq!(Installation::at(&venv).unwrap_err(), outdated);
        std::fs::write(venv.join(STAMP), REQUIREMENTS).unwrap();
        let found = Installation::at(&venv).unwrap();
        assert_eq!(found.python(), venv_python(&venv));
        assert_eq!(found.venv(), venv);
        std::fs::remove_dir_all(venv).unwrap();
    }

    #[test]
    fn the_requirements_pin_moto_exactly() {
        let pins: Vec<&str> = REQUIREMENTS
            .lines()
            .filter(|line| line.starts_with("moto"))
            .collect();
        assert_eq!(pins.len(), 1, "{pins:?}");
        assert!(pins[0].starts_with("moto[server]=="), "{pins:?}");
    }
}
