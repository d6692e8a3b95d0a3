//! Links in content text, made reachable at the shell: each link's words and the command that
//! shows where it leads, listed under "Read more" after the text that holds them (the guide
//! follows links; printed text cannot). Must not import `ratatui` or `crossterm`.

use crate::content::Catalog;
use crate::markup::{Doc, LinkTarget};
use crate::page::LineKind;

use super::address;

/// One link to list: the words it is on in the text, where it leads, and the command that shows
/// that.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The linked words, as the text has them.
    pub words: String,
    /// Where it leads.
    pub target: LinkTarget,
    /// The arguments of the command that shows it (after the program's name).
    pub args: Vec<String>,
}

/// The links in `docs`, each target once, in order of first use. Links into topic `here` (the
/// one being printed whole) are left out: the reader has that text already.
#[must_use]
pub fn collect<'d>(
    c: &Catalog,
    docs: impl IntoIterator<Item = &'d Doc>,
    here: Option<usize>,
) -> Vec<Link> {
    let mut found: Vec<Link> = Vec::new();
    for doc in docs {
        for (i, target) in doc.links.iter().enumerate() {
            if found.iter().any(|l| l.target == *target) {
                continue;
            }
            if let (Some(h), LinkTarget::Topic { topic, .. }) = (here, target)
                && c.topic_index(topic.as_str()) == Some(h)
            {
                continue;
            }
            let Some(args) = address::link(c, target) else {
                continue;
            };
            let words: String = doc
                .blocks
                .iter()
                .flat_map(|b| &b.spans)
                .skip_while(|s| s.link != Some(i))
                .take_while(|s| s.link == Some(i))
                .map(|s| s.text.as_str())
                .collect();
            found.push(Link {
                words: words.split_whitespace().collect::<Vec<_>>().join(" "),
                target: target.clone(),
                args,
            });
        }
    }
    found
}

/// The "Read more" block for `links` as laid-out lines.
#[must_use]
pub fn block(c: &Catalog, links: &[Link]) -> Vec<(LineKind, String)> {
    list(
        &c.ui.read_more,
        links.iter().map(|l| (l.words.as_str(), l.args.as_slice())),
    )
}

/// A list of things to read next as laid-out lines: a blank line, `heading`, then one line per
/// entry, its words and the command that shows it (never wrapped, so the command pastes whole).
/// Nothing for no entries.
pub fn list<'a>(
    heading: &str,
    entries: impl IntoIterator<Item = (&'a str, &'a [String])>,
) -> Vec<(LineKind, String)> {
    let mut lines = vec![
        (LineKind::Blank, String::new()),
        (LineKind::Heading, heading.to_string()),
    ];
    for (words, args) in entries {
        lines.push((
            LineKind::Body,
            format!("  {words}{SEPARATOR}{}", address::command(args)),
        ));
    }
    if lines.len() == 2 {
        lines.clear();
    }
    lines
}

/// Between an entry's words and its command.
pub const SEPARATOR: &str = " — ";
