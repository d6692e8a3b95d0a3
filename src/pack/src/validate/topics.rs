//! The rules of the topics and the categories that list them: ids, titles and their list words,
//! sections, sources and links.
//! Must not import `ratatui` or `crossterm`.

use std::collections::HashMap;

use super::{At, Checker, is_valid_id};
use crate::model::{LIST_CATEGORY_MAX, LIST_HEADING_MAX, LIST_TITLE_MAX};

pub(super) fn check_topics(c: &mut Checker<'_, '_>) {
    const C: &str = "categories.toml";
    let raw = c.raw;
    let listed = check_categories(c);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (path, t) in &raw.topics {
        let id = t.id.as_str();
        if !is_valid_id(id) {
            c.err(
                path,
                id,
                format!("topic id '{id}' must be lowercase letters, digits and '-'"),
            );
        }
        let n = seen.entry(id).or_insert(0);
        if *n > 0 {
            c.err(
                path,
                id,
                format!("duplicate topic id '{id}' (also in another file)"),
            );
        }
        *n += 1;
        let stem = path.trim_start_matches("topics/").trim_end_matches(".toml");
        if stem != id {
            c.err(
                path,
                id,
                format!("topic id '{id}' does not match its file name '{stem}'"),
            );
        }
        if !listed.contains_key(id) && !c.broken(C) {
            c.err(
                path,
                id,
                format!("topic '{id}' is not listed in any category in categories.toml"),
            );
        }
        c.text(path, id, "title", &t.title);
        list_words(
            c,
            path,
            id,
            ("title", &t.title),
            ("list_title", t.list_title.as_deref()),
            LIST_TITLE_MAX,
        );
        c.unit(
            path,
            id,
            "summary",
            &t.summary,
            &t.summary_doc.plain(),
            &t.summary_sources,
        );
        c.links(path, id, &t.summary_doc);
        c.date(path, id, &t.reviewed);
        if t.sections.is_empty() {
            c.err(path, id, "topic has no sections");
        }
        c.unique(
            path,
            "section",
            false,
            t.sections.iter().map(|s| s.id.as_str()),
        );
        for s in &t.sections {
            let sid = s.id.as_str();
            c.text(path, sid, "heading", &s.heading);
            list_words(
                c,
                path,
                sid,
                ("heading", &s.heading),
                ("list_heading", s.list_heading.as_deref()),
                LIST_HEADING_MAX,
            );
            c.unit(path, sid, "body", &s.body, &s.doc.plain(), &s.sources);
            c.links(path, sid, &s.doc);
        }
    }
}

/// A title wider than the topic list shows at 80x24 needs shorter words for the list, and those
/// must fit.
pub(super) fn list_words(
    c: &mut Checker<'_, '_>,
    path: &str,
    id: &str,
    (field, full): (&str, &str),
    (short_field, short): (&str, Option<&str>),
    max: usize,
) {
    use unicode_width::UnicodeWidthStr;
    match short {
        Some(s) => {
            c.text(path, id, short_field, s);
            if s.width() > max {
                c.err(
                    path,
                    id,
                    format!(
                        "{short_field} is {} columns wide; the topic list shows {max}",
                        s.width()
                    ),
                );
            }
        }
        None if full.width() > max => c.err(
            path,
            id,
            format!(
                "{field} is {} columns wide and the topic list shows {max} at 80x24: add a \
                 {short_field} of at most {max}",
                full.width()
            ),
        ),
        None => {}
    }
}

/// `categories.toml`: unique ids, titles, and every topic listed once; the topics listed, each
/// with its category.
pub(super) fn check_categories<'r>(c: &mut Checker<'r, '_>) -> HashMap<&'r str, &'r str> {
    const C: &str = "categories.toml";
    let raw = c.raw;
    c.unique(
        C,
        "category",
        false,
        raw.categories.iter().map(|k| k.id.as_str()),
    );
    let mut listed: HashMap<&str, &str> = HashMap::new();
    let mut mentions: HashMap<&str, usize> = HashMap::new();
    for cat in &raw.categories {
        c.text(C, cat.id.as_str(), "title", &cat.title);
        list_words(
            c,
            C,
            cat.id.as_str(),
            ("title", &cat.title),
            ("list_title", cat.list_title.as_deref()),
            LIST_CATEGORY_MAX,
        );
        for t in &cat.topics {
            let n = mentions.entry(t.as_str()).or_insert(0);
            let nth = *n;
            *n += 1;
            if !c.topics.contains_key(t.as_str()) {
                c.err(
                    C,
                    t.as_str(),
                    format!("category '{}' lists unknown topic '{t}'", cat.id),
                );
            } else if let Some(other) = listed.insert(t.as_str(), cat.id.as_str()) {
                let msg = format!("topic '{t}' is listed in '{other}' and '{}'", cat.id);
                c.err_at(C, t.as_str(), At::Str(t.as_str(), nth), msg);
            }
        }
    }
    listed
}
