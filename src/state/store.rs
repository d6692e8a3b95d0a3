//! Where the state file lives and how it is read and written: `state.toml` in the platform's
//! state directory (`directories`: `$XDG_STATE_HOME/moodguide` or `~/.local/state/moodguide` on
//! Linux; where a platform has no state directory, its local data directory: `~/Library/Application
//! Support/moodguide` on macOS, `%LOCALAPPDATA%\moodguide\data` on Windows), or in the directory
//! `MOODGUIDE_STATE_DIR` names. Written atomically: a temporary file in the same directory, then a
//! rename over the old one, so a crash or a full disk never leaves half a file. Only the owner may
//! read it (what a person reads about their health is theirs).

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::{StateError, StateFile};

/// The file's name in its directory.
pub const FILE: &str = "state.toml";

/// The environment variable that names another directory for it (tests, portable installs).
pub const DIR_VAR: &str = "MOODGUIDE_STATE_DIR";

/// Larger than any file this guide writes by far: anything bigger is not one.
const MAX_BYTES: u64 = 1 << 20;

/// The state file's place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    path: PathBuf,
}

impl Store {
    /// The file [`FILE`] in `dir`.
    #[must_use]
    pub fn in_dir(dir: &Path) -> Store {
        Store {
            path: dir.join(FILE),
        }
    }

    /// The file in `MOODGUIDE_STATE_DIR` if set (and not empty), else in the platform's state
    /// directory; `None` when the platform gives none (no home directory).
    #[must_use]
    pub fn from_env() -> Option<Store> {
        if let Some(dir) = std::env::var_os(DIR_VAR).filter(|d| !d.is_empty()) {
            return Some(Store::in_dir(Path::new(&dir)));
        }
        let dirs = directories::ProjectDirs::from("", "", "moodguide")?;
        let dir = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
        Some(Store::in_dir(dir))
    }

    /// The file's path.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the file: `None` when there is none yet.
    ///
    /// # Errors
    /// [`StateError::Read`] when it cannot be read, [`StateError::Malformed`] or
    /// [`StateError::Format`] when it is not a file this guide wrote.
    pub fn load(&self) -> Result<Option<StateFile>, StateError> {
        let read_error = |source| StateError::Read {
            path: self.path.clone(),
            source,
        };
        let file = match fs::File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(read_error(e)),
        };
        let mut text = String::new();
        file.take(MAX_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::InvalidData => StateError::Malformed {
                    path: self.path.clone(),
                    message: "it is not UTF-8 text".into(),
                },
                _ => read_error(e),
            })?;
        if text.len() as u64 > MAX_BYTES {
            return Err(StateError::Malformed {
                path: self.path.clone(),
                message: format!("it is larger than {MAX_BYTES} bytes"),
            });
        }
        StateFile::parse(&text, &self.path).map(Some)
    }

    /// Writes `file` in place of the old one, creating the directory if needed.
    ///
    /// # Errors
    /// [`StateError::Write`] when the directory, the temporary file or the rename fails (the old
    /// file is then left as it was).
    pub fn save(&self, file: &StateFile) -> Result<(), StateError> {
        let write_error = |source| StateError::Write {
            path: self.path.clone(),
            source,
        };
        let dir = self.path.parent().unwrap_or(Path::new("."));
        private_dir(dir).map_err(write_error)?;
        // By hand rather than with the `tempfile` crate: one name per process is enough here, and
        // the binary is over its size budget already.
        let tmp = dir.join(format!(".{FILE}.{}.tmp", std::process::id()));
        let written = (|| {
            let mut f = private_file(&tmp)?;
            f.write_all(file.to_toml().as_bytes())?;
            f.sync_all()?;
            fs::rename(&tmp, &self.path)
        })();
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written.map_err(write_error)
    }
}

/// Creates `dir` (and its parents) if missing; a new one readable by its owner only.
fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// A new file at `path` (replacing one left there), readable and writable by its owner only.
fn private_file(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}
