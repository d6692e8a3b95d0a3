//! The one wrapping helper: lays a parsed [`Doc`] out into lines of styled spans for a given width.
//! The reading pane, the questions screen and `moodguide show` all wrap with it.
//! Must not import `ratatui` or `crossterm`.
//!
//! `textwrap::wrap` works on plain strings; styled spans and links need its lower-level API, so this
//! wraps our own fragments with `textwrap::wrap_algorithms::wrap_first_fit`.

use std::ops::Range;

use textwrap::WordSeparator;
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_width::UnicodeWidthStr;

use crate::markup::{BlockKind, Doc, Span};

// Cutting text to a width lives in `fit.rs`; its helpers are used under these names too.
pub use crate::fit::{fit, fit_with, head, tail, tail_with};

/// Widest text measure used for reading, in columns, whatever the terminal's width.
pub const MAX_READING_WIDTH: usize = 80;

/// The marker put before the first line of a bullet.
pub const BULLET: &str = "• ";

/// One wrapped line: indentation, then styled spans.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    /// Leading columns of space (bullets' continuation lines).
    pub indent: usize,
    /// The styled spans; a bullet's first line starts with a [`BULLET`] span.
    pub spans: Vec<Span>,
}

impl Line {
    /// The line's text without styling (indent included).
    #[must_use]
    pub fn plain(&self) -> String {
        let mut s = " ".repeat(self.indent);
        for span in &self.spans {
            s.push_str(&span.text);
        }
        s
    }
}

/// A word as wrapping sees it. A word can be made of pieces from several spans ("(Zoloft" in a link
/// then ")." after it) so that punctuation never starts a line on its own. It borrows its text, so
/// wrapping allocates per line, not per word.
#[derive(Debug)]
struct Frag {
    /// A range of the piece list: `(text, span index)` pairs, in order.
    pieces: Range<usize>,
    /// Spaces after the word (the word separator splits on ASCII spaces only).
    ws: usize,
    width: usize,
    /// True when the word ended exactly at the end of its span, so the next span may continue it.
    open: bool,
}

impl Fragment for Frag {
    #[allow(clippy::cast_precision_loss)]
    fn width(&self) -> f64 {
        self.width as f64
    }
    #[allow(clippy::cast_precision_loss)]
    fn whitespace_width(&self) -> f64 {
        self.ws as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// The words of `texts` (one per span, in order) and the pieces they are made of. Words longer
/// than `limit` columns are broken.
fn words<'a>(
    texts: impl Iterator<Item = &'a str>,
    limit: usize,
    bytes: usize,
) -> (Vec<(&'a str, usize)>, Vec<Frag>) {
    // Room for words of about six letters, so the lists rarely grow while filling.
    let mut pieces: Vec<(&'a str, usize)> = Vec::with_capacity(bytes / 6 + 1);
    let mut frags: Vec<Frag> = Vec::with_capacity(bytes / 6 + 1);
    for (i, text) in texts.enumerate() {
        let mut first_word = true;
        for w in WordSeparator::AsciiSpace.find_words(text) {
            if w.word.is_empty() {
                if let Some(prev) = frags.last_mut() {
                    prev.ws += w.whitespace.len();
                    prev.open = false;
                }
                first_word = false;
                continue;
            }
            let w_width = w.word.width();
            let glue = first_word
                && frags
                    .last()
                    .is_some_and(|p| p.open && p.ws == 0 && p.width + w_width <= limit);
            first_word = false;
            if glue {
                if let Some(prev) = frags.last_mut() {
                    // The last word's pieces are the last in the list, so it grows by one.
                    pieces.push((w.word, i));
                    prev.pieces.end = pieces.len();
                    prev.width += w_width;
                    prev.ws += w.whitespace.len();
                }
            } else {
                for part in w.break_apart(limit) {
                    pieces.push((part.word, i));
                    frags.push(Frag {
                        pieces: pieces.len() - 1..pieces.len(),
                        ws: 0,
                        width: part.word.width(),
                        open: false,
                    });
                }
                if let Some(last) = frags.last_mut() {
                    last.ws += w.whitespace.len();
                }
            }
        }
        if let Some(last) = frags.last_mut() {
            last.open = last.ws == 0;
        }
    }
    (pieces, frags)
}

/// Wraps styled spans into lines no wider than `width` (at least 1 column). Words longer than a line
/// are broken. `first_indent` and `rest_indent` reduce the width of the first and later lines.
#[must_use]
pub fn wrap_spans(
    spans: &[Span],
    width: usize,
    first_indent: usize,
    rest_indent: usize,
) -> Vec<Line> {
    wrap_linked(spans, 0, width, first_indent, rest_indent)
}

/// [`wrap_spans`], adding `link_base` to every link index.
fn wrap_linked(
    spans: &[Span],
    link_base: usize,
    width: usize,
    first_indent: usize,
    rest_indent: usize,
) -> Vec<Line> {
    let link_of = |s: &Span| s.link.map(|l| l + link_base);
    let first_width = width.saturating_sub(first_indent).max(1);
    let rest_width = width.saturating_sub(rest_indent).max(1);
    let limit = rest_width.min(first_width);
    let bytes = spans.iter().map(|s| s.text.len()).sum();
    let (pieces, frags) = words(spans.iter().map(|s| s.text.as_str()), limit, bytes);
    #[allow(clippy::cast_precision_loss)]
    let widths = [first_width as f64, rest_width as f64];
    let mut lines = Vec::new();
    for (n, line_frags) in wrap_first_fit(&frags, &widths).into_iter().enumerate() {
        let mut out: Vec<Span> = Vec::new();
        let count = line_frags.len();
        for (k, f) in line_frags.iter().enumerate() {
            for &(text, si) in &pieces[f.pieces.clone()] {
                let src = &spans[si];
                push(&mut out, text, src, link_of(src));
            }
            if k + 1 < count && f.ws > 0 {
                // A space is part of a link only between two of its words, so a focused link
                // is highlighted without a tail.
                let src = &spans[pieces[f.pieces.end - 1].1];
                let next_link = link_of(&spans[pieces[line_frags[k + 1].pieces.start].1]);
                let link = link_of(src).filter(|l| Some(*l) == next_link);
                push(&mut out, &" ".repeat(f.ws), src, link);
            }
        }
        lines.push(Line {
            indent: if n == 0 { first_indent } else { rest_indent },
            spans: out,
        });
    }
    lines
}

fn push(out: &mut Vec<Span>, text: &str, src: &Span, link: Option<usize>) {
    match out.last_mut() {
        Some(last)
            if last.strong == src.strong && last.emphasis == src.emphasis && last.link == link =>
        {
            last.text.push_str(text);
        }
        _ => out.push(Span {
            text: text.to_string(),
            strong: src.strong,
            emphasis: src.emphasis,
            link,
        }),
    }
}

/// Lays out a whole document: paragraphs and bullets, with a blank line between paragraphs.
/// `link_base` is added to every link index, so several docs can share one numbering.
#[must_use]
pub fn wrap_doc(doc: &Doc, width: usize, link_base: usize) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut prev: Option<BlockKind> = None;
    for block in &doc.blocks {
        let bullet = matches!(block.kind, BlockKind::Bullet { .. });
        if prev.is_some() && !(bullet && matches!(prev, Some(BlockKind::Bullet { .. }))) {
            lines.push(Line::default());
        }
        prev = Some(block.kind);
        let spans = &block.spans;
        match block.kind {
            BlockKind::Paragraph => lines.extend(wrap_linked(spans, link_base, width, 0, 0)),
            BlockKind::Bullet { depth } => {
                // Deep nesting is shown at most a quarter of the width in, so text always has room.
                let indent = (usize::from(depth) * 2).min(width / 4);
                let marker = BULLET.width();
                let mut wrapped =
                    wrap_linked(spans, link_base, width, indent + marker, indent + marker);
                if let Some(first) = wrapped.first_mut() {
                    first.indent = indent;
                    first.spans.insert(
                        0,
                        Span {
                            text: BULLET.to_string(),
                            ..Span::default()
                        },
                    );
                }
                lines.extend(wrapped);
            }
        }
    }
    lines
}

/// Wraps plain text (no Markdown) to `width`: the lines [`wrap_spans`] gives for one unstyled span.
#[must_use]
pub fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let (pieces, frags) = words(std::iter::once(text), width, text.len());
    #[allow(clippy::cast_precision_loss)]
    let widths = [width as f64];
    wrap_first_fit(&frags, &widths)
        .into_iter()
        .map(|line| {
            let bytes = line.iter().map(|f| {
                f.ws + pieces[f.pieces.clone()]
                    .iter()
                    .map(|p| p.0.len())
                    .sum::<usize>()
            });
            let mut s = String::with_capacity(bytes.sum());
            for (k, f) in line.iter().enumerate() {
                for &(piece, _) in &pieces[f.pieces.clone()] {
                    s.push_str(piece);
                }
                if k + 1 < line.len() {
                    s.extend(std::iter::repeat_n(' ', f.ws));
                }
            }
            s
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::markup::parse;

    #[test]
    fn wraps_to_width_and_keeps_styles_and_links() {
        let (doc, _) =
            parse("Some **bold words here** and a [glossary link](glossary:sert) at the end.");
        let lines = wrap_doc(&doc, 20, 0);
        for l in &lines {
            assert!(l.plain().width() <= 20, "{:?}", l.plain());
        }
        let text: Vec<String> = lines.iter().map(Line::plain).collect();
        assert_eq!(
            text,
            ["Some bold words here", "and a glossary link", "at the end."]
        );
        assert!(
            lines[0]
                .spans
                .iter()
                .any(|s| s.strong && s.text.contains("bold"))
        );
        assert!(
            lines[1]
                .spans
                .iter()
                .any(|s| s.link == Some(0) && s.text == "glossary link")
        );
    }

    #[test]
    fn bullets_get_a_marker_and_hanging_indent() {
        let (doc, _) = parse("Intro.\n\n- first item that wraps over lines\n- second");
        let text: Vec<String> = wrap_doc(&doc, 16, 0).iter().map(Line::plain).collect();
        assert_eq!(
            text,
            [
                "Intro.",
                "",
                "• first item",
                "  that wraps",
                "  over lines",
                "• second"
            ]
        );
    }

    #[test]
    fn long_words_break_and_tiny_widths_do_not_panic() {
        let lines = wrap_plain("escitalopram", 5);
        assert_eq!(lines, ["escit", "alopr", "am"]);
        assert!(!wrap_plain("a b", 0).is_empty());
    }

    #[test]
    fn punctuation_after_a_link_stays_with_its_word() {
        let (doc, _) =
            parse("It is sold as sertraline ([Zoloft](glossary:z)). More words follow here.");
        for width in 10..40 {
            for l in wrap_doc(&doc, width, 0) {
                let text = l.plain();
                assert!(
                    !text.trim_start().starts_with(')'),
                    "width {width}: {text:?}"
                );
                assert!(text.width() <= width, "width {width}: {text:?}");
            }
        }
        let lines = wrap_doc(&doc, 18, 0);
        let with_link = lines
            .iter()
            .find(|l| l.spans.iter().any(|s| s.link == Some(0)))
            .unwrap();
        assert!(
            with_link.plain().contains("(Zoloft)."),
            "{:?}",
            with_link.plain()
        );
    }

    #[test]
    fn plain_wrapping_gives_the_lines_of_one_unstyled_span() {
        let texts = [
            "",
            " ",
            "  leading and trailing  ",
            "two  spaces   between words that wrap over several lines",
            "escitalopram sertraline fluoxetine paroxetine",
            "日本語のテキスト と 한국어 text mixed with wide characters",
            "a\nnewline stays inside its word",
        ];
        for text in texts {
            for width in [0, 1, 3, 7, 12, 20, 80] {
                let span = Span {
                    text: text.to_string(),
                    ..Span::default()
                };
                let styled: Vec<String> = wrap_spans(std::slice::from_ref(&span), width, 0, 0)
                    .iter()
                    .map(Line::plain)
                    .collect();
                assert_eq!(wrap_plain(text, width), styled, "{text:?} at {width}");
            }
        }
    }

    #[test]
    fn link_base_offsets_link_indices() {
        let (doc, _) = parse("[a](glossary:x)");
        assert_eq!(wrap_doc(&doc, 10, 3)[0].spans[0].link, Some(3));
    }
}
