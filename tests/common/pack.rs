//! Content packs on disk for tests: the minimal valid pack (`tests/fixtures/base` plus the bundled
//! `ui.toml`) in a temporary folder, with a fixture case (`tests/fixtures/cases/NAME`) laid over it.

use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

/// A case folder's list of base files to delete (one path per line).
pub const REMOVE_LIST: &str = "_remove";

/// `tests/fixtures`.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies every file under `from` into `to`, keeping relative paths (skipping the remove list).
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else if entry.file_name() != REMOVE_LIST {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A content pack in a temporary folder.
pub struct Pack {
    dir: TempDir,
}

impl Pack {
    /// An empty folder.
    pub fn empty() -> Self {
        Pack {
            dir: TempDir::new().unwrap(),
        }
    }

    /// The minimal valid pack: `fixtures/base` plus the bundled `ui.toml`.
    pub fn base() -> Self {
        let p = Pack::empty();
        copy_tree(&fixtures().join("base"), p.path());
        let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/ui.toml");
        fs::copy(ui, p.path().join("ui.toml")).unwrap();
        p
    }

    /// The base with `fixtures/cases/NAME` laid over it.
    pub fn case(name: &str) -> Self {
        let p = Pack::base();
        let case = fixtures().join("cases").join(name);
        assert!(case.is_dir(), "no fixture {}", case.display());
        if let Ok(list) = fs::read_to_string(case.join(REMOVE_LIST)) {
            for rel in list.lines().filter(|l| !l.trim().is_empty()) {
                fs::remove_file(p.path().join(rel.trim())).unwrap();
            }
        }
        copy_tree(&case, p.path());
        p
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The folder as an argument.
    pub fn arg(&self) -> &str {
        self.path().to_str().unwrap()
    }

    /// Writes `bytes` to the file at `rel`, making its folders.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    /// The text of the file at `rel`.
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path().join(rel)).unwrap()
    }

    /// The pack folder written as `PACK` in `text`.
    pub fn normalise(&self, text: &str) -> String {
        text.replace(&format!("{}/", self.arg()), "PACK/")
            .replace(self.arg(), "PACK")
    }

    /// Asserts a `check --json` report refuses the pack, and gives its problems as `check` prints
    /// them (`file:line:column: [id] message`), with the pack folder written as `PACK`.
    pub fn json_problems(&self, report: &serde_json::Value) -> Vec<String> {
        assert_eq!(report["ok"], false);
        assert!(report["counts"].is_null());
        (report["problems"].as_array().unwrap().iter())
            .map(|p| {
                let id = p["id"]
                    .as_str()
                    .map_or_else(String::new, |i| format!("[{i}] "));
                self.normalise(&format!(
                    "{}:{}:{}: {id}{}",
                    p["file"].as_str().unwrap(),
                    p["line"].as_u64().unwrap(),
                    p["column"].as_u64().unwrap(),
                    p["message"].as_str().unwrap()
                ))
            })
            .collect()
    }
}
