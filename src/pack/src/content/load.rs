//! Loading a pack's files: each parsed (serde, or `uitext.rs` for `ui.toml`), every rule checked
//! (`validate`), and the catalog built; each problem with its file, line and column.
//! Must not import `ratatui` or `crossterm`.

use std::collections::HashMap;

use serde::Deserialize;

use crate::markup;
use crate::model::{
    Catalog, Category, CompareSet, ContentError, Faq, MATTERS, Matters, Meta, PackFile,
    SearchWords, Source, Term, Topic, UiText, line_col,
};
use crate::validate::{self, Raw, locate};

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
        parse_markup(&mut raw, &mut errors);
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
    parse_markup(&mut raw, errors);
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
        index: crate::model::Index::default(),
    }
    .indexed()
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

/// The problem reported for a required file that is not there.
pub(super) const MISSING: &str = "required file is missing";

pub(super) fn missing(file: &str, message: &str) -> ContentError {
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

/// Parses every Markdown field of a pack, storing the docs and reporting problems with file and id.
fn parse_markup(raw: &mut Raw<'_>, errors: &mut Vec<ContentError>) {
    let files = raw.files;
    let mut report = |file: &str, id: &str, problems: Vec<markup::Problem>| {
        for message in problems {
            errors.push(locate(files, file, Some(id), message.to_string()));
        }
    };
    for t in &mut raw.glossary {
        let (doc, p) = markup::parse(&t.definition);
        t.doc = doc;
        report("glossary.toml", t.id.as_str(), p);
    }
    for (path, t) in &mut raw.topics {
        let (doc, p) = markup::parse(&t.summary);
        t.summary_doc = doc;
        report(path, t.id.as_str(), p);
        for s in &mut t.sections {
            let (doc, p) = markup::parse(&s.body);
            s.doc = doc;
            report(path, s.id.as_str(), p);
        }
    }
    for n in &mut raw.faq.nodes {
        let (doc, p) = markup::parse(&n.answer);
        n.doc = doc;
        report("faq.toml", n.id.as_str(), p);
    }
}
