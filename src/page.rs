//! A readable page: a topic, an answer or a glossary entry laid out for a width as lines with a kind
//! (title, heading, body ...), plus where each link and section starts. The reading pane, the app's
//! link and scroll logic and the CLI's plain text all use the same page.
//! Must not import `ratatui` or `crossterm`.

use crate::content::{Catalog, SourceId};
use crate::markup::{LinkTarget, Span};
use crate::wrap::{self, Line};

/// What a page line is, so the screen can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// The page title.
    Title,
    /// The main message.
    Summary,
    /// A section heading.
    Heading,
    /// Body text.
    Body,
    /// Sources and review date.
    Meta,
    /// An empty line.
    Blank,
}

/// One laid-out line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLine {
    /// How to style it.
    pub kind: LineKind,
    /// The wrapped text.
    pub line: Line,
}

/// A page laid out for one width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Page {
    /// All lines, top to bottom.
    pub lines: Vec<PageLine>,
    /// Each link's target and the first line it appears on, in reading order.
    pub links: Vec<(LinkTarget, usize)>,
    /// The line of each section heading (topics only), in section order.
    pub sections: Vec<usize>,
}

impl Page {
    fn push(&mut self, kind: LineKind, line: Line) {
        self.lines.push(PageLine { kind, line });
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| l.kind != LineKind::Blank) {
            self.push(LineKind::Blank, Line::default());
        }
    }

    fn text(&mut self, kind: LineKind, text: &str, width: usize) {
        let span = Span {
            text: text.to_string(),
            strong: kind != LineKind::Meta,
            ..Span::default()
        };
        for l in wrap::wrap_spans(std::slice::from_ref(&span), width, 0, 0) {
            self.push(kind, l);
        }
    }

    fn doc(&mut self, kind: LineKind, doc: &crate::markup::Doc, width: usize) {
        let base = self.links.len();
        let start = self.lines.len();
        for l in wrap::wrap_doc(doc, width, base) {
            let k = if l.spans.is_empty() {
                LineKind::Blank
            } else {
                kind
            };
            self.push(k, l);
        }
        for (i, target) in doc.links.iter().enumerate() {
            let at = (start..self.lines.len())
                .find(|&n| {
                    self.lines[n]
                        .line
                        .spans
                        .iter()
                        .any(|s| s.link == Some(base + i))
                })
                .unwrap_or(start);
            self.links.push((target.clone(), at));
        }
    }

    /// The page's lines as plain text, one string per line.
    #[must_use]
    pub fn plain_lines(&self) -> Vec<String> {
        self.lines.iter().map(|l| l.line.plain()).collect()
    }
}

/// The reading width for a pane of `pane_width` columns (never wider than 80).
#[must_use]
pub fn reading_width(pane_width: usize) -> usize {
    pane_width.clamp(1, wrap::MAX_READING_WIDTH)
}

fn cite_numbers(all: &[&SourceId], cited: &[SourceId]) -> String {
    cited
        .iter()
        .filter_map(|s| all.iter().position(|a| *a == s))
        .map(|n| format!("[{}]", n + 1))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lays out topic `t`: title, main message, sections (each with its source numbers), then the
/// numbered sources and the review date.
#[must_use]
pub fn topic(catalog: &Catalog, t: usize, width: usize) -> Page {
    let mut p = Page::default();
    let Some(topic) = catalog.topics.get(t) else {
        return p;
    };
    let ui = &catalog.ui;
    let all = topic.all_sources();
    p.text(LineKind::Title, &topic.title, width);
    p.blank();
    p.doc(LineKind::Summary, &topic.summary_doc, width);
    for s in &topic.sections {
        p.blank();
        p.sections.push(p.lines.len());
        p.text(LineKind::Heading, &s.heading, width);
        p.doc(LineKind::Body, &s.doc, width);
        if !s.sources.is_empty() {
            let line = format!("{}: {}", ui.sources, cite_numbers(&all, &s.sources));
            p.text(LineKind::Meta, &line, width);
        }
    }
    p.blank();
    p.text(LineKind::Heading, &ui.sources, width);
    for (n, id) in all.iter().enumerate() {
        let short = catalog.source(id).map_or(id.as_str(), |s| s.short.as_str());
        p.text(LineKind::Meta, &format!("[{}] {short}", n + 1), width);
    }
    p.blank();
    p.text(
        LineKind::Meta,
        &format!("{}: {}", ui.last_reviewed, topic.reviewed),
        width,
    );
    p
}

/// Lays out the answer of FAQ node `n` with its sources (the question is shown by the screen).
#[must_use]
pub fn answer(catalog: &Catalog, n: usize, width: usize) -> Page {
    let mut p = Page::default();
    let Some(node) = catalog.faq.nodes.get(n) else {
        return p;
    };
    p.doc(LineKind::Body, &node.doc, width);
    sources_line(&mut p, catalog, &node.sources, width);
    p
}

/// Lays out glossary term `t`: the term, its definition and sources.
#[must_use]
pub fn term(catalog: &Catalog, t: usize, width: usize) -> Page {
    let mut p = Page::default();
    let Some(term) = catalog.glossary.get(t) else {
        return p;
    };
    p.text(LineKind::Title, &term.term, width);
    p.doc(LineKind::Body, &term.doc, width);
    sources_line(&mut p, catalog, &term.sources, width);
    p
}

/// Appends "Sources: short; short" when `sources` is not empty.
pub fn sources_line(p: &mut Page, catalog: &Catalog, sources: &[SourceId], width: usize) {
    if sources.is_empty() {
        return;
    }
    let shorts: Vec<&str> = sources
        .iter()
        .map(|id| catalog.source(id).map_or(id.as_str(), |s| s.short.as_str()))
        .collect();
    p.blank();
    p.text(
        LineKind::Meta,
        &format!("{}: {}", catalog.ui.sources, shorts.join("; ")),
        width,
    );
}
