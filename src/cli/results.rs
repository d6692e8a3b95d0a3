//! `search` output: as text, each hit's kind and title, the command that shows it, and its
//! snippet (with colour on, the title bold and the matched words marked, as the guide highlights
//! them); as JSON, the same hits with their ids and command. Must not import `ratatui` or
//! `crossterm`.

use std::io::{self, Write};

use serde::Serialize;

use super::address;
use crate::content::Catalog;
use crate::markup::Span;
use crate::search::{Results, Target};
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

/// Search results.
#[derive(Serialize)]
pub struct SearchOut<'c> {
    query: &'c str,
    close_matches: bool,
    /// True when the query holds a crisis phrasing: the first hit is the help result.
    crisis: bool,
    hits: Vec<HitOut<'c>>,
}

#[derive(Serialize)]
struct HitOut<'c> {
    kind: &'static str,
    title: &'c str,
    snippet: &'c str,
    score: i64,
    /// The command that shows it, quoted for a shell, e.g. "show sertraline '#what-it-treats'".
    address: String,
    /// The same command as separate arguments, e.g. `["show", "sertraline", "#what-it-treats"]`.
    args: Vec<String>,
    topic: Option<&'c str>,
    section: Option<&'c str>,
    question: Option<&'c str>,
    term: Option<&'c str>,
    set: Option<&'c str>,
    item: Option<&'c str>,
    /// The row of a comparison cell.
    attribute: Option<&'c str>,
}

/// Search results as JSON.
pub fn json<'c>(c: &'c Catalog, r: &'c Results) -> SearchOut<'c> {
    let hits = r
        .hits
        .iter()
        .map(|h| {
            let args = address::target(c, h.target);
            let mut out = HitOut {
                kind: match h.kind {
                    crate::search::Kind::Topic => "topic",
                    crate::search::Kind::Section => "section",
                    crate::search::Kind::Question => "question",
                    crate::search::Kind::Term => "term",
                    crate::search::Kind::Item => "item",
                    crate::search::Kind::Cell => "cell",
                    crate::search::Kind::Help => "help",
                },
                title: &h.title,
                snippet: &h.snippet,
                score: h.score,
                address: address::shell_line(&args),
                args,
                topic: None,
                section: None,
                question: None,
                term: None,
                set: None,
                item: None,
                attribute: None,
            };
            match h.target {
                Target::Topic { topic, section } => {
                    out.topic = Some(c.topics[topic].id.as_str());
                    out.section = section.map(|s| c.topics[topic].sections[s].id.as_str());
                }
                Target::Node(n) => out.question = Some(c.faq.nodes[n].id.as_str()),
                Target::Term(t) => out.term = Some(c.glossary[t].id.as_str()),
                Target::Item { set, item } => {
                    out.set = Some(c.sets[set].id.as_str());
                    out.item = Some(c.sets[set].items[item].id.as_str());
                }
                Target::Cell {
                    set,
                    item,
                    attribute,
                } => {
                    out.set = Some(c.sets[set].id.as_str());
                    out.item = Some(c.sets[set].items[item].id.as_str());
                    out.attribute = Some(c.sets[set].attributes[attribute].id.as_str());
                }
            }
            out
        })
        .collect();
    SearchOut {
        query: &r.used_query,
        close_matches: r.close,
        crisis: r.crisis,
        hits,
    }
}
