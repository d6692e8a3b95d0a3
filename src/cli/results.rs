//! `search` as text: each hit's kind and title, the command that shows it, and its snippet; with
//! colour on, the title bold and the matched words marked (as the guide highlights them).
//! Must not import `ratatui` or `crossterm`.

use std::io::{self, Write};

use super::address;
use crate::content::Catalog;
use crate::markup::Span;
use crate::search::Results;
use crate::wrap::wrap_spans;

const BOLD: &str = "\x1b[1m";
const UNDERLINE: &str = "\x1b[4m";
const NO_UNDERLINE: &str = "\x1b[24m";
const RESET: &str = "\x1b[0m";

/// `text` cut into runs of matched and unmatched characters (`matches`: character indices), as
/// spans whose `strong` marks a match.
fn runs(text: &str, matches: &[usize]) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    for (i, ch) in text.chars().enumerate() {
        let hit = matches.binary_search(&i).is_ok();
        match spans.last_mut() {
            Some(s) if s.strong == hit => s.text.push(ch),
            _ => spans.push(Span {
                text: ch.to_string(),
                strong: hit,
                ..Span::default()
            }),
        }
    }
    spans
}

/// The title: bold, its matched characters underlined too.
fn title(spans: &[Span], color: bool) -> String {
    if !color {
        return spans.iter().map(|s| s.text.as_str()).collect();
    }
    let mut out = String::from(BOLD);
    for s in spans {
        if s.strong {
            out.push_str(UNDERLINE);
            out.push_str(&s.text);
            out.push_str(NO_UNDERLINE);
        } else {
            out.push_str(&s.text);
        }
    }
    out.push_str(RESET);
    out
}

/// A snippet line: its matched characters bold.
fn marked(spans: &[Span], color: bool) -> String {
    let mut out = String::new();
    for s in spans {
        if s.strong && color {
            out.push_str(BOLD);
            out.push_str(&s.text);
            out.push_str(RESET);
        } else {
            out.push_str(&s.text);
        }
    }
    out
}

/// Ranked search results with the command that shows each one.
///
/// # Errors
/// An I/O error writing `out`.
pub fn search(
    c: &Catalog,
    results: &Results,
    width: usize,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if results.close {
        let line = c.ui.close_matches.replace("{query}", &results.used_query);
        writeln!(out, "{line}")?;
    }
    for (n, hit) in results.hits.iter().enumerate() {
        writeln!(
            out,
            "{:>2}. {}: {}",
            n + 1,
            hit.kind.label(&c.ui),
            title(&runs(&hit.title, &hit.title_matches), color)
        )?;
        writeln!(
            out,
            "    {}",
            address::command(&address::target(c, hit.target))
        )?;
        let snippet = runs(&hit.snippet, &hit.snippet_matches);
        for line in wrap_spans(&snippet, width.saturating_sub(4).max(20), 0, 0) {
            writeln!(out, "    {}", marked(&line.spans, color).trim_end())?;
        }
    }
    Ok(())
}
