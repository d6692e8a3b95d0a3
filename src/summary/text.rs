//! The summary as plain text and as Markdown, both walked from the one [`Summary`], so they list
//! the same lines in the same order with the same words; Markdown only adds its marks.
//! Must not import `ratatui` or `crossterm`.

use std::fmt::Write as _;

use super::Summary;
use crate::wrap::wrap_plain;

/// What starts each listed line, in text and in Markdown alike (ASCII: a QR code holds it in one
/// byte).
const BULLET: &str = "- ";

/// Pushes `text` as lines no wider than `width` columns (0: one line, not wrapped); continuation
/// lines are indented by `indent` spaces.
fn push_wrapped(out: &mut String, first: &str, text: &str, width: usize, indent: usize) {
    if width == 0 {
        out.push_str(first);
        out.push_str(text);
        out.push('\n');
        return;
    }
    let room = width.saturating_sub(indent).max(1);
    for (k, line) in wrap_plain(text, room).iter().enumerate() {
        if k == 0 {
            out.push_str(first);
        } else {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(line);
        out.push('\n');
    }
}

/// The summary as plain text wrapped to `width` columns (0: not wrapped, one line per entry, as a
/// QR code holds it): the title, each heading with its lines ("- " first, continuation lines
/// indented), then the choice line and the crisis line, parts apart by a blank line.
#[must_use]
pub fn to_text(s: &Summary, width: usize) -> String {
    let mut out = String::new();
    push_wrapped(&mut out, "", &s.title, width, 0);
    for section in &s.sections {
        out.push('\n');
        push_wrapped(&mut out, "", &section.heading, width, 0);
        for item in &section.items {
            push_wrapped(&mut out, BULLET, item, width, BULLET.len());
        }
    }
    if let Some(empty) = &s.empty {
        out.push('\n');
        push_wrapped(&mut out, "", empty, width, 0);
    }
    out.push('\n');
    push_wrapped(&mut out, "", &s.choice, width, 0);
    push_wrapped(&mut out, "", &s.crisis, width, 0);
    out
}

/// Text with the characters Markdown would read as marks escaped, so it shows as written.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The summary as Markdown: `#` title, `##` headings, `- ` lines, the choice line, and the crisis
/// line in bold.
#[must_use]
pub fn to_markdown(s: &Summary) -> String {
    // Writing into a String cannot fail.
    let mut out = format!("# {}\n", escape(&s.title));
    for section in &s.sections {
        let _ = write!(out, "\n## {}\n\n", escape(&section.heading));
        for item in &section.items {
            let _ = writeln!(out, "{BULLET}{}", escape(item));
        }
    }
    if let Some(empty) = &s.empty {
        let _ = write!(out, "\n{}\n", escape(empty));
    }
    let _ = write!(out, "\n{}\n\n", escape(&s.choice));
    let _ = writeln!(out, "**{}**", escape(&s.crisis));
    out
}
