//! Reading a pack from a folder: its files (recursively, links not followed, each at most
//! [`MAX_FILE_BYTES`]), one language of it or both, each problem with its file.
//! Must not import `ratatui` or `crossterm`.

use std::collections::HashMap;
use std::path::Path;

use super::load::{MISSING, load, missing};
use crate::model::{Catalog, ContentError, PackFile};

/// Largest content file read, in bytes; a larger one is refused with a clear message.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads every `.toml` file of a pack directory (recursively, links not followed).
///
/// # Errors
/// A problem for each file that cannot be read or is not UTF-8, or one if `dir` is not a directory.
pub fn dir_files(dir: &Path) -> Result<Vec<PackFile>, Vec<ContentError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    if !dir.is_dir() {
        let file = dir.display().to_string();
        return Err(vec![ContentError {
            file,
            line: 1,
            column: 1,
            id: None,
            message: if dir.exists() {
                "not a directory"
            } else {
                "no such directory"
            }
            .into(),
        }]);
    }
    walk(dir, dir, &mut out, &mut errors);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Reads and loads a pack directory. A file that cannot be read (not UTF-8, too large) is reported,
/// and every other file is still checked, so one bad file never hides the rest's problems.
///
/// # Errors
/// Every problem found, as [`dir_files`] and [`load`] report them.
pub fn load_dir(dir: &Path) -> Result<Catalog, Vec<ContentError>> {
    if !dir.is_dir() {
        return dir_files(dir).and_then(|files| load(&files));
    }
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    walk(dir, dir, &mut files, &mut errors);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    match load(&files) {
        Ok(catalog) if errors.is_empty() => Ok(catalog),
        Ok(_) => Err(errors),
        Err(more) => {
            // An unreadable required file is reported once, as unreadable, not also as missing.
            let unread: Vec<String> = errors.iter().map(|e| e.file.clone()).collect();
            errors.extend(
                more.into_iter()
                    .filter(|e| !(e.message == MISSING && unread.contains(&e.file))),
            );
            Err(errors)
        }
    }
}

/// Every file of a pack directory, and the problems reading them (not UTF-8, too large).
#[must_use]
pub fn read_dir(dir: &Path) -> (Vec<PackFile>, Vec<ContentError>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    walk(dir, dir, &mut files, &mut errors);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, errors)
}

/// Loads one language of a pack directory: the first (`lang` = `None`) or its twin in a language
/// folder (`Some("es")`), which must also be the first's twin (see [`crate::twin`]).
///
/// # Errors
/// Every problem found in that language, and for a twin every difference from the first.
pub fn load_dir_lang(dir: &Path, lang: Option<&str>) -> Result<Catalog, Vec<ContentError>> {
    let Some(lang) = lang else {
        return load_dir(dir);
    };
    let (files, errors) = read_dir(dir);
    if !errors.is_empty() {
        return Err(errors);
    }
    load_lang(&files, lang)
}

/// Loads the `lang` twin of a pack's files (see [`load_dir_lang`]).
///
/// # Errors
/// Every problem of that language, and every difference from the first language.
pub fn load_lang(files: &[PackFile], lang: &str) -> Result<Catalog, Vec<ContentError>> {
    let first = load(&crate::twin::files_for(files, None))?;
    load_twin(files, lang, Some(&first))
}

/// Checks a whole pack directory the way `moodguide check` does: the first language and, when the
/// pack has one, its Spanish twin, reporting the problems of both. Returns the first language.
///
/// # Errors
/// Every problem found in either language.
pub fn check_dir(dir: &Path) -> Result<Catalog, Vec<ContentError>> {
    let (files, read_errors) = read_dir(dir);
    if !crate::twin::has_spanish(&files) {
        return load_dir(dir);
    }
    let first = load(&crate::twin::files_for(&files, None));
    let second = load_twin(&files, crate::twin::SPANISH, first.as_ref().ok());
    if read_errors.is_empty()
        && let (Ok(c), Ok(_)) = (&first, &second)
    {
        return Ok(c.clone());
    }
    // An unreadable file is reported once, as unreadable, not also as missing; a shared file's
    // problem (sources.toml) is found by both languages and said once.
    let unread: Vec<String> = read_errors.iter().map(|e| e.file.clone()).collect();
    let mut errors = read_errors;
    let found = first.err().into_iter().chain(second.err()).flatten();
    for e in found {
        let lost = e.message == MISSING
            && unread
                .iter()
                .any(|u| *u == e.file || u.ends_with(&format!("/{}", e.file)));
        if !lost && !errors.iter().any(|x| x.to_string() == e.to_string()) {
            errors.push(e);
        }
    }
    Err(errors)
}

/// Loads the `lang` twin and, given the first language, checks that it is its twin.
fn load_twin(
    files: &[PackFile],
    lang: &str,
    first: Option<&Catalog>,
) -> Result<Catalog, Vec<ContentError>> {
    if !files
        .iter()
        .any(|f| f.path.starts_with(&format!("{lang}/")))
    {
        return Err(vec![missing(
            &format!("{lang}/"),
            "this pack has no text in that language",
        )]);
    }
    let mut errors = crate::twin::missing(files, lang);
    let own = crate::twin::files_for(files, Some(lang));
    let second = load(&own).map_err(|e| {
        e.into_iter()
            .map(|mut x| {
                if files.iter().any(|f| f.path == format!("{lang}/{}", x.file)) {
                    x.file = format!("{lang}/{}", x.file);
                }
                x
            })
            .collect::<Vec<_>>()
    });
    let second = match second {
        Ok(c) => c,
        Err(mut e) => {
            errors.append(&mut e);
            return Err(errors);
        }
    };
    let by_path: HashMap<&str, &PackFile> = own.iter().map(|f| (f.path.as_str(), f)).collect();
    if second.meta.lang != lang {
        let message = format!("lang is '{}'; this folder holds '{lang}'", second.meta.lang);
        let mut e = crate::validate::locate(&by_path, "meta.toml", Some("lang"), message);
        e.file = format!("{lang}/meta.toml");
        errors.push(e);
    }
    if let Some(first) = first {
        errors.extend(crate::twin::check(first, &second, &by_path, lang));
    }
    if errors.is_empty() {
        Ok(second)
    } else {
        Err(errors)
    }
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<PackFile>, errors: &mut Vec<ContentError>) {
    let problem = |p: &Path, message: String| ContentError {
        file: p
            .strip_prefix(root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/"),
        line: 1,
        column: 1,
        id: None,
        message,
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return errors.push(problem(dir, format!("cannot read directory: {e}"))),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(root, &path, out, errors);
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "toml") {
            let size = entry.metadata().map_or(0, |m| m.len());
            if size > MAX_FILE_BYTES {
                errors.push(problem(
                    &path,
                    format!("file is too large ({size} bytes; the limit is {MAX_FILE_BYTES})"),
                ));
                continue;
            }
            match std::fs::read(&path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => {
                        let rel = path.strip_prefix(root).unwrap_or(&path);
                        out.push(PackFile {
                            path: rel.to_string_lossy().replace('\\', "/"),
                            text,
                        });
                    }
                    Err(_) => errors.push(problem(&path, "file is not UTF-8 text".into())),
                },
                Err(e) => errors.push(problem(&path, format!("cannot read file: {e}"))),
            }
        }
    }
}
