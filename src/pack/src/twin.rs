//! A pack's second language (`assets/es/`): the files that hold it, and the rules that keep it the
//! twin of the first. Every unit must exist in both, with the same ids in the same order, the same
//! sources, the same links to the same targets, the same numbers, the crisis numbers wherever
//! the first language has them, and the same comparisons (levels that match where the first
//! language's match, at the same steps of each scale). Shared by the build script and the
//! library, so it may only use `content`, `markup` and `validate`. The comparison tables' rules are
//! in `twin/sets.rs`.

use std::collections::HashMap;

use crate::model::{Catalog, ContentError, PackFile, SourceId};
use crate::model::{Doc, LinkTarget};
use crate::validate::{At, Placer};

mod sets;
use sets::same_comparisons;

/// The folder of a pack that holds its Spanish twin.
pub const SPANISH: &str = "es";

/// The files of one language of a pack: the first language is every file outside a language
/// folder; a second language is the first's files with the ones in its folder (`es/...`) put in
/// their place. Files a translation does not need (`sources.toml`, `search.toml`) stay shared.
#[must_use]
pub fn files_for(files: &[PackFile], lang: Option<&str>) -> Vec<PackFile> {
    let prefix = lang.map(|l| format!("{l}/"));
    let own = |f: &PackFile| !f.path.starts_with(&format!("{SPANISH}/"));
    let mut out: Vec<PackFile> = files.iter().filter(|f| own(f)).cloned().collect();
    if let Some(prefix) = prefix {
        for f in files {
            if let Some(rest) = f.path.strip_prefix(&prefix) {
                let twin = PackFile {
                    path: rest.to_string(),
                    text: f.text.clone(),
                };
                match out.iter_mut().find(|o| o.path == rest) {
                    Some(o) => *o = twin,
                    None => out.push(twin),
                }
            }
        }
    }
    out
}

/// Files a second language shares with the first instead of translating.
const SHARED: [&str; 1] = ["sources.toml"];

/// The first language's files that have no twin in `lang`'s folder: each is a problem.
#[must_use]
pub fn missing(files: &[PackFile], lang: &str) -> Vec<ContentError> {
    let prefix = format!("{lang}/");
    let firsts = files.iter().filter(|f| {
        !f.path.starts_with(&format!("{SPANISH}/")) && !SHARED.contains(&f.path.as_str())
    });
    firsts
        .filter(|f| {
            !files
                .iter()
                .any(|t| t.path == format!("{prefix}{}", f.path))
        })
        .map(|f| ContentError {
            file: format!("{prefix}{}", f.path),
            line: 1,
            column: 1,
            id: None,
            message: format!("missing: the {lang} text of {}", f.path),
        })
        .collect()
}

/// Whether a pack has a Spanish twin.
#[must_use]
pub fn has_spanish(files: &[PackFile]) -> bool {
    files
        .iter()
        .any(|f| f.path.starts_with(&format!("{SPANISH}/")))
}

/// The numbers in a text, as written ("2.1", "1,000", "988"), sorted.
fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || (matches!(chars[i], '.' | ',')
                        && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else {
            i += 1;
        }
    }
    out.sort();
    out
}

/// Reports a problem of a unit: its file, id, place among the cells (for a cell) and message.
type Report<'a> = dyn FnMut(&str, &str, Option<usize>, String) + 'a;

/// One unit of reader text in one language.
struct Unit<'c> {
    /// The file it is in, relative to the pack (or its language folder).
    file: String,
    /// The id that locates it in the file.
    id: String,
    /// For a cell (which has no id of its own), its place among the file's `[[cell]]` tables:
    /// its problems point at that table.
    cell: Option<usize>,
    text: String,
    sources: &'c [SourceId],
    links: &'c [LinkTarget],
}

fn unit<'c>(
    file: String,
    id: &str,
    doc: &'c Doc,
    extra: &str,
    sources: &'c [SourceId],
) -> Unit<'c> {
    Unit {
        file,
        id: id.to_string(),
        cell: None,
        text: format!("{extra}\n{}", doc.plain()),
        sources,
        links: &doc.links,
    }
}

/// Every unit of a catalog, keyed by what it is ("topic a", "section a/intro", "cell s/i/a").
fn units(c: &Catalog) -> Vec<(String, Unit<'_>)> {
    let mut out = Vec::new();
    for t in &c.topics {
        let file = format!("topics/{}.toml", t.id);
        let summary = unit(
            file.clone(),
            t.id.as_str(),
            &t.summary_doc,
            &t.title,
            &t.summary_sources,
        );
        out.push((format!("topic {}", t.id), summary));
        for s in &t.sections {
            let key = format!("section {}/{}", t.id, s.id);
            out.push((
                key,
                unit(file.clone(), s.id.as_str(), &s.doc, &s.heading, &s.sources),
            ));
        }
    }
    for n in &c.faq.nodes {
        let u = unit(
            "faq.toml".into(),
            n.id.as_str(),
            &n.doc,
            &n.question,
            &n.sources,
        );
        out.push((format!("question {}", n.id), u));
    }
    for g in &c.glossary {
        let u = unit(
            "glossary.toml".into(),
            g.id.as_str(),
            &g.doc,
            &g.term,
            &g.sources,
        );
        out.push((format!("term {}", g.id), u));
    }
    for s in &c.sets {
        for (k, cell) in s.cells.iter().enumerate() {
            out.push((
                format!("cell {}/{}/{}", s.id, cell.item, cell.attribute),
                Unit {
                    file: format!("compare/{}.toml", s.id),
                    id: cell.item.to_string(),
                    cell: Some(k),
                    // A level is text a reader sees: its numbers count too ("4 weeks").
                    text: format!(
                        "{}\n{}",
                        cell.level.as_deref().unwrap_or_default(),
                        cell.text
                    ),
                    sources: &cell.sources,
                    links: &[],
                },
            ));
        }
    }
    out
}

/// The order of every id of a catalog that the app and a language switch rely on.
fn shape(c: &Catalog) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    out.extend(c.categories.iter().map(|x| format!("category {}", x.id)));
    for t in &c.topics {
        out.push(format!("topic {}", t.id));
        out.extend(
            t.sections
                .iter()
                .map(|s| format!("section {}/{}", t.id, s.id)),
        );
    }
    for n in &c.faq.nodes {
        let follow: Vec<&str> = n.follow.iter().map(crate::model::NodeId::as_str).collect();
        out.push(format!("question {} → {}", n.id, follow.join(",")));
    }
    out.extend(c.glossary.iter().map(|g| format!("term {}", g.id)));
    for s in &c.sets {
        out.push(format!("set {}", s.id));
        out.extend(s.items.iter().map(|i| format!("item {}/{}", s.id, i.id)));
        out.extend(
            s.attributes
                .iter()
                .map(|a| format!("row {}/{}", s.id, a.id)),
        );
    }
    out
}

/// Checks that `second` (loaded from `files`, the second language's overlay) is the twin of
/// `first`. Problems name the second language's files (`es/topics/a.toml`).
#[must_use]
pub(crate) fn check(
    first: &Catalog,
    second: &Catalog,
    files: &HashMap<&str, &PackFile>,
    lang: &str,
) -> Vec<ContentError> {
    let mut errors = Vec::new();
    let mut placer = Placer::new(files);
    let mut err = |file: &str, id: &str, cell: Option<usize>, message: String| {
        let mut e = placer.locate(file, Some(id), message);
        if let Some((line, column)) = cell.and_then(|k| placer.find(file, At::Header("cell", k))) {
            (e.line, e.column) = (line, column);
        }
        e.file = format!("{lang}/{file}");
        errors.push(e);
    };
    let (a, b) = (shape(first), shape(second));
    if let Some(k) = (0..a.len().max(b.len())).find(|&k| a.get(k) != b.get(k)) {
        let what = |v: &[String]| v.get(k).cloned().unwrap_or_else(|| "nothing".into());
        err(
            "categories.toml",
            "topics",
            None,
            format!(
                "the {lang} pack is not the twin of the first: where that has {}, this has {}",
                what(&a),
                what(&b)
            ),
        );
        return errors;
    }
    // Numbers the second language's crisis line adds (a key to press for the language).
    let crisis_extra: Vec<String> = numbers(&second.meta.crisis)
        .into_iter()
        .filter(|n| !numbers(&first.meta.crisis).contains(n))
        .collect();
    let twins: HashMap<String, Unit<'_>> = units(second).into_iter().collect();
    for (key, one) in units(first) {
        let Some(two) = twins.get(&key) else {
            err(
                &one.file,
                &one.id,
                None,
                format!("{key} has no {lang} text"),
            );
            continue;
        };
        let at = |e: &mut Report<'_>, m: String| e(&two.file, &two.id, two.cell, m);
        if one.sources != two.sources {
            at(
                &mut err,
                format!("{key} cites other sources than the first language"),
            );
        }
        if one.links != two.links {
            at(
                &mut err,
                format!("{key} links to other places than the first language"),
            );
        }
        let crisis = one.text.contains("988");
        let mut theirs = numbers(&two.text);
        if crisis {
            for n in &crisis_extra {
                if let Some(p) = theirs.iter().position(|x| x == n) {
                    theirs.remove(p);
                }
            }
        }
        let ours = numbers(&one.text);
        if ours != theirs {
            at(
                &mut err,
                format!("{key} has the numbers {theirs:?}, the first language {ours:?}"),
            );
        }
        for n in ["988", "911"] {
            if one.text.contains(n) && !two.text.contains(n) {
                at(&mut err, format!("{key} lacks the crisis number {n}"));
            }
        }
    }
    for (a, b) in first.sets.iter().zip(&second.sets) {
        errors.extend(same_comparisons(a, b, files, lang));
    }
    errors.extend(matters(first, second, files, lang));
    errors
}

/// `matters.toml`: the same concerns covering the same rows, and the same ready questions for the
/// same concerns, in the same order, with the same numbers in their words (and in the intro).
fn matters(
    first: &Catalog,
    second: &Catalog,
    files: &HashMap<&str, &PackFile>,
    lang: &str,
) -> Vec<ContentError> {
    let file = crate::model::MATTERS;
    let shape = |c: &Catalog| -> Vec<(String, String)> {
        let m = &c.matters;
        let concerns = m.concerns.iter().map(|k| {
            let covers: Vec<String> = (k.covers.iter())
                .map(|v| {
                    let rows: Vec<&str> = v.rows.iter().map(crate::model::AttrId::as_str).collect();
                    format!("{}/{} [{}]", v.set, v.group, rows.join(","))
                })
                .collect();
            (
                format!("concern {} covers {}", k.id, covers.join("; ")),
                k.label.clone(),
            )
        });
        let questions = m.questions.iter().map(|q| {
            let about = q.concern.as_ref().map_or("", |k| k.as_str());
            (format!("question {} ({about})", q.id), q.text.clone())
        });
        let intro = std::iter::once(("intro".to_string(), m.intro.clone()));
        intro.chain(concerns).chain(questions).collect()
    };
    let (a, b) = (shape(first), shape(second));
    let mut errors = Vec::new();
    let mut placer = Placer::new(files);
    let mut err = |id: &str, message: String| {
        let mut e = placer.locate(file, Some(id), message);
        e.file = format!("{lang}/{file}");
        errors.push(e);
    };
    if let Some(k) =
        (0..a.len().max(b.len())).find(|&k| a.get(k).map(|x| &x.0) != b.get(k).map(|x| &x.0))
    {
        let what =
            |v: &[(String, String)]| v.get(k).map_or_else(|| "nothing".into(), |x| x.0.clone());
        let at = (b.get(k).or(a.get(k))).map_or(String::new(), |x| x.0.clone());
        let id = at.split(' ').nth(1).unwrap_or(&at).to_string();
        err(
            &id,
            format!(
                "the {lang} {file} is not the twin of the first: where that has {}, this has {}",
                what(&a),
                what(&b)
            ),
        );
        return errors;
    }
    for ((key, one), (_, two)) in a.iter().zip(&b) {
        let (ours, theirs) = (numbers(one), numbers(two));
        if ours != theirs {
            let id = key.split(' ').nth(1).unwrap_or(key);
            err(
                id,
                format!("{key} has the numbers {theirs:?}, the first language {ours:?}"),
            );
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_written() {
        assert_eq!(
            numbers("1 in 3, 2.1 per 100,000; 988."),
            ["1", "100,000", "2.1", "3", "988"]
        );
        assert!(numbers("no digits").is_empty());
    }

    #[test]
    fn a_language_folder_overlays_the_first_languages_files() {
        let f = |p: &str, t: &str| PackFile {
            path: p.into(),
            text: t.into(),
        };
        let files = [
            f("meta.toml", "en"),
            f("sources.toml", "s"),
            f("es/meta.toml", "es"),
        ];
        let en = files_for(&files, None);
        assert_eq!(en.len(), 2);
        let es = files_for(&files, Some("es"));
        let meta = es
            .iter()
            .find(|x| x.path == "meta.toml")
            .map(|x| x.text.as_str());
        assert_eq!(meta, Some("es"));
        assert!(
            es.iter().any(|x| x.path == "sources.toml"),
            "shared files stay"
        );
        assert!(has_spanish(&files) && !has_spanish(&en));
    }
}
