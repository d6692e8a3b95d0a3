//! The rules of the pack's own files: `search.toml`, `meta.toml`, `ui.toml`, the sources and the
//! glossary.
//! Must not import `ratatui` or `crossterm`.

use std::collections::HashSet;

use super::{At, Checker, all_pack_words, pack_words};
use crate::model::SourceKind;

/// `search.toml`: the crisis topic exists, every text is clean, and every word a thesaurus entry
/// points to occurs somewhere in the pack, so no entry leads to nothing.
pub(super) fn check_search(c: &mut Checker<'_, '_>) {
    const S: &str = "search.toml";
    let raw = c.raw;
    let s = &raw.search;
    for w in s.stop_words.iter().chain(&s.stop_words_es).chain(&s.crisis) {
        c.text(S, w, "word", w);
    }
    match &s.crisis_topic {
        Some(t) if !c.topics.contains_key(t.as_str()) => {
            c.err(
                S,
                "crisis_topic",
                format!("crisis_topic '{t}' is not a topic"),
            );
        }
        None if !s.crisis.is_empty() => {
            c.err(S, "crisis", "crisis phrasings need a crisis_topic to open");
        }
        _ => {}
    }
    if s.synonym.is_empty() {
        return;
    }
    let words = all_pack_words(raw);
    for syn in &s.synonym {
        for t in &syn.typed {
            c.text(S, t, "typed", t);
        }
        if syn.typed.is_empty() || syn.means.is_empty() {
            let at = (syn.typed.first().or(syn.means.first())).map_or("synonym", String::as_str);
            c.err(S, at, "a synonym needs words in both `typed` and `means`");
        }
        for m in &syn.means {
            c.text(S, m, "means", m);
            let mut own = HashSet::new();
            pack_words(m, &mut own);
            let mut absent: Vec<&str> = (own.iter())
                .filter(|w| !words.contains(*w))
                .map(String::as_str)
                .collect();
            absent.sort_unstable();
            if !absent.is_empty() {
                let msg = format!(
                    "'{m}' points at nothing: the pack never uses {}",
                    absent.join(", ")
                );
                c.err(S, m, msg);
            }
        }
    }
}

pub(super) fn check_meta(c: &mut Checker<'_, '_>) {
    const M: &str = "meta.toml";
    let m = &c.raw.meta;
    for (field, value) in [
        ("title", &m.title),
        ("tagline", &m.tagline),
        ("disclaimer", &m.disclaimer),
        ("content_version", &m.content_version),
    ] {
        c.text(M, field, field, value);
    }
    let from = c.errors.len();
    c.unit(
        M,
        "crisis",
        "crisis",
        &m.crisis,
        &m.crisis,
        &m.crisis_sources,
    );
    // A bad crisis source is on the crisis_sources line.
    if c.errors[from..]
        .iter()
        .any(|e| e.message.starts_with("cites"))
    {
        c.place_since(from, M, At::Key("crisis_sources"));
    }
    c.date(M, "reviewed", &m.reviewed);
    if !matches!(m.lang.as_str(), "en" | "es") {
        let lang = m.lang.clone();
        c.err(
            M,
            "lang",
            format!("lang '{lang}' is not one the guide speaks (en, es)"),
        );
    }
}

pub(super) fn check_ui(c: &mut Checker<'_, '_>) {
    let ui = &c.raw.ui;
    if !ui.starting_over.contains("{seconds}") {
        c.err(
            "ui.toml",
            "starting_over",
            "starting_over must contain {seconds}, where the countdown goes",
        );
    }
    // Every label, by its key, so a new label is checked without touching this code.
    for (key, text) in ui.labels() {
        c.text("ui.toml", key, key, text);
    }
}

pub(super) fn check_sources(c: &mut Checker<'_, '_>) {
    let raw = c.raw;
    c.unique(
        "sources.toml",
        "source",
        true,
        raw.sources.iter().map(|s| s.id.as_str()),
    );
    for s in &raw.sources {
        let id = s.id.as_str();
        for (field, value) in [
            ("short", &s.short),
            ("title", &s.title),
            ("publisher", &s.publisher),
        ] {
            c.text("sources.toml", id, field, value);
        }
        for (field, value) in [
            ("url", &s.url),
            ("author", &s.author),
            ("doi", &s.doi),
            ("seen", &s.seen),
        ] {
            if let Some(v) = value {
                c.chars("sources.toml", id, field, v);
            }
        }
        if s.kind.is_paper() && s.doi.is_none() && s.url.is_none() {
            c.err("sources.toml", id, "a paper needs a doi or a url");
        }
        if s.kind.is_paper() && s.author.is_none() {
            c.err("sources.toml", id, "a paper needs its first author");
        }
        if let Some(d) = &s.doi
            && (!d.starts_with("10.") || !d.contains('/'))
        {
            c.err(
                "sources.toml",
                id,
                format!("doi '{d}' is not of the form 10.NNNN/..."),
            );
        }
        match &s.seen {
            Some(d) => c.date("sources.toml", id, d),
            None if s.kind == SourceKind::Price => {
                c.err(
                    "sources.toml",
                    id,
                    "a price source needs `seen`, the day it was read",
                );
            }
            None => {}
        }
    }
}

pub(super) fn check_glossary(c: &mut Checker<'_, '_>) {
    const G: &str = "glossary.toml";
    let raw = c.raw;
    c.unique(G, "term", false, raw.glossary.iter().map(|t| t.id.as_str()));
    for t in &raw.glossary {
        let id = t.id.as_str();
        c.text(G, id, "term", &t.term);
        for a in &t.aliases {
            c.text(G, id, "alias", a);
        }
        c.unit(
            G,
            id,
            "definition",
            &t.definition,
            &t.doc.plain(),
            &t.sources,
        );
        c.links(G, id, &t.doc);
    }
}
