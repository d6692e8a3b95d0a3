//! The rules of the topics: ids, titles and their list words, sections, sources and links.
//! Must not import `ratatui` or `crossterm`.

use std::collections::HashMap;

use super::files::check_categories;
use super::{Checker, is_valid_id};
use crate::model::{LIST_HEADING_MAX, LIST_TITLE_MAX};

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
