//! Reading a pack: its files from a folder (or given), parsed, checked by every rule
//! (`validate`), and built into a [`Catalog`]; each problem with its file, line and column.
//! Must not import `ratatui` or `crossterm`.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;

use super::{
    Catalog, Category, CompareSet, Faq, Index, Matters, Meta, SearchWords, Source, Term, Topic,
    UiText,
};
use crate::markup;
use crate::validate;

/// One content file: its path relative to the pack root and its text.
#[derive(Debug, Clone)]
pub struct PackFile {
    /// Path relative to the pack root, with `/` separators.
    pub path: String,
    /// The file's text.
    pub text: String,
}

/// A problem found while loading or validating a pack, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// The file, relative to the pack root.
    pub file: String,
    /// 1-based line, where known.
    pub line: usize,
    /// 1-based column, where known.
    pub column: usize,
    /// The item id the problem concerns, where there is one.
    pub id: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl ContentError {
    /// The same problem with its file named relative to the current directory (`dir/file`).
    #[must_use]
    pub fn under(&self, dir: &Path) -> ContentError {
        let file = if self.file.starts_with(&*dir.to_string_lossy()) {
            self.file.clone()
        } else {
            dir.join(&self.file).display().to_string()
        };
        ContentError {
            file,
            ..self.clone()
        }
    }
}

/// Largest content file read, in bytes; a larger one is refused with a clear message.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", Safe(&self.file), self.line, self.column)?;
        if let Some(id) = &self.id {
            write!(f, "[{}] ", Safe(id))?;
        }
        write!(f, "{}", Safe(&self.message))
    }
}

/// Text from a pack shown in a problem report: a control or bidirectional character (a bad pack
/// can hold ESC and the rest through TOML escapes such as `\e`) is written as `\u{1b}`, so a
/// report can never move the cursor, clear the screen or reorder what the terminal shows.
struct Safe<'a>(&'a str);

impl fmt::Display for Safe<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if c.is_control() || crate::chars::is_forbidden_char(c) {
                write!(f, "\\u{{{:x}}}", u32::from(c))?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

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

/// Parses the files of a pack, checks every rule, and builds the catalog.
///
/// # Errors
/// Every problem found (syntax, missing files, broken references), each with its file and item id.
pub fn load(files: &[PackFile]) -> Result<Catalog, Vec<ContentError>> {
    let mut errors = Vec::new();
    let by_path: HashMap<&str, &PackFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let meta: Option<Meta> = parse_required(&by_path, "meta.toml", &mut errors);
    let ui: Option<UiText> = if let Some(f) = by_path.get("ui.toml") {
        parse_ui(f, &mut errors)
    } else {
        errors.push(missing("ui.toml", MISSING));
        None
    };
    let sources: Option<SourcesFile> = parse_required(&by_path, "sources.toml", &mut errors);
    let glossary: Option<GlossaryFile> = parse_required(&by_path, "glossary.toml", &mut errors);
    let categories: Option<CategoriesFile> =
        parse_required(&by_path, "categories.toml", &mut errors);
    let faq: Option<Faq> = parse_required(&by_path, "faq.toml", &mut errors);
    let search: SearchWords = by_path
        .get("search.toml")
        .and_then(|f| parse(f, &mut errors))
        .unwrap_or_default();
    let matters: Matters = by_path
        .get(MATTERS)
        .and_then(|f| parse(f, &mut errors))
        .unwrap_or_default();
    let mut topics = Vec::new();
    let mut sets = Vec::new();
    for f in files {
        if f.path.starts_with("topics/") {
            if let Some(t) = parse::<Topic>(f, &mut errors) {
                topics.push((f.path.clone(), t));
            }
        } else if f.path.starts_with("compare/")
            && let Some(s) = parse::<CompareSet>(f, &mut errors)
        {
            sets.push((f.path.clone(), s));
        }
    }
    if sets.is_empty() && by_path.keys().all(|p| !p.starts_with("compare/")) {
        errors.push(missing("compare/", "no comparison sets (compare/*.toml)"));
    }
    // A required file that is missing or cannot be parsed is replaced by an empty stand-in, and
    // every rule that does not depend on it still runs: one broken file never hides the problems
    // of the others.
    let broken: Vec<&'static str> = [
        ("meta.toml", meta.is_none()),
        ("ui.toml", ui.is_none()),
        ("sources.toml", sources.is_none()),
        ("glossary.toml", glossary.is_none()),
        ("categories.toml", categories.is_none()),
        ("faq.toml", faq.is_none()),
    ]
    .into_iter()
    .filter_map(|(file, bad)| bad.then_some(file))
    .collect();
    let raw = validate::Raw {
        files: &by_path,
        meta: meta.unwrap_or_default(),
        ui: ui.unwrap_or_default(),
        sources: sources.map(|s| s.source).unwrap_or_default(),
        glossary: glossary.map(|g| g.term).unwrap_or_default(),
        categories: categories.map(|c| c.category).unwrap_or_default(),
        topics,
        sets,
        faq: faq.unwrap_or_default(),
        search,
        matters,
        broken,
    };
    if !raw.broken.is_empty() {
        let mut raw = raw;
        markup::parse_all(&mut raw, &mut errors);
        validate::check(&raw, &mut errors);
        return Err(errors);
    }
    let built = build(raw, &mut errors);
    if errors.is_empty() {
        Ok(built)
    } else {
        Err(errors)
    }
}

fn build(raw: validate::Raw<'_>, errors: &mut Vec<ContentError>) -> Catalog {
    let mut raw = raw;
    markup::parse_all(&mut raw, errors);
    validate::check(&raw, errors);
    let validate::Raw {
        meta,
        ui,
        sources,
        glossary,
        categories,
        topics,
        sets,
        faq,
        search,
        matters,
        ..
    } = raw;
    // Order topics as the categories list them; validation has reported any topic left out.
    let mut pool: HashMap<String, Topic> = topics
        .into_iter()
        .map(|(_, t)| (t.id.0.clone(), t))
        .collect();
    let mut ordered = Vec::new();
    for (ci, c) in categories.iter().enumerate() {
        for id in &c.topics {
            if let Some(mut t) = pool.remove(id.as_str()) {
                t.category = ci;
                ordered.push(t);
            }
        }
    }
    let mut sets: Vec<CompareSet> = sets.into_iter().map(|(_, s)| s).collect();
    sets.sort_by_key(set_rank);
    let index = Index {
        topics: ordered
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.0.clone(), i))
            .collect(),
        terms: glossary
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.0.clone(), i))
            .collect(),
        sources: sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.0.clone(), i))
            .collect(),
        nodes: faq
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.0.clone(), i))
            .collect(),
        sets: sets
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.0.clone(), i))
            .collect(),
    };
    Catalog {
        meta,
        ui,
        sources,
        glossary,
        categories,
        topics: ordered,
        sets,
        faq,
        search,
        matters,
        index,
    }
}

/// Sets sort with "ssris" first, then "treatments", then any others by id.
fn set_rank(s: &CompareSet) -> (u8, String) {
    let rank = match s.id.as_str() {
        "ssris" => 0,
        "treatments" => 1,
        _ => 2,
    };
    (rank, s.id.0.clone())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    #[serde(default)]
    source: Vec<Source>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    #[serde(default)]
    term: Vec<Term>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoriesFile {
    #[serde(default)]
    category: Vec<Category>,
}

/// The optional file of concerns and ready questions.
pub const MATTERS: &str = "matters.toml";

/// The problem reported for a required file that is not there.
const MISSING: &str = "required file is missing";

fn missing(file: &str, message: &str) -> ContentError {
    ContentError {
        file: file.into(),
        line: 1,
        column: 1,
        id: None,
        message: message.into(),
    }
}

fn parse_required<T: for<'de> Deserialize<'de>>(
    files: &HashMap<&str, &PackFile>,
    path: &str,
    errors: &mut Vec<ContentError>,
) -> Option<T> {
    if let Some(f) = files.get(path) {
        parse(f, errors)
    } else {
        errors.push(missing(path, MISSING));
        None
    }
}

/// A file's text with Windows line endings read as plain ones (a lone carriage return is still
/// refused by the TOML parser).
fn unix_text(f: &PackFile) -> std::borrow::Cow<'_, str> {
    if f.text.contains("\r\n") {
        f.text.replace("\r\n", "\n").into()
    } else {
        f.text.as_str().into()
    }
}

/// `ui.toml`, read by [`UiText::from_toml`] (see `uitext.rs` for why not serde's derive).
fn parse_ui(f: &PackFile, errors: &mut Vec<ContentError>) -> Option<UiText> {
    let text = unix_text(f);
    UiText::from_toml(&text)
        .map_err(|problems| {
            for (span, message) in problems {
                let (line, column) = line_col(&text, span.start);
                errors.push(ContentError {
                    file: f.path.clone(),
                    line,
                    column,
                    id: None,
                    message,
                });
            }
        })
        .ok()
}

fn parse<T: for<'de> Deserialize<'de>>(f: &PackFile, errors: &mut Vec<ContentError>) -> Option<T> {
    let text = unix_text(f);
    match toml::from_str::<T>(&text) {
        Ok(v) => Some(v),
        Err(e) => {
            let (line, column) = e.span().map_or((1, 1), |s| line_col(&text, s.start));
            let message = e.message().trim().to_string();
            errors.push(ContentError {
                file: f.path.clone(),
                line,
                column,
                id: None,
                message,
            });
            None
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
#[must_use]
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}
