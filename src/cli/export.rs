//! Printable handouts: one file per topic with its title, main message, sections, sources in full,
//! the review date, the disclaimer and the crisis text. Text handouts use the reading pane's layout.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use super::{Format, Outcome};
use crate::content::Catalog;
use crate::markup::{BlockKind, Doc};
use crate::page;

/// Width of text handouts, for a printed page.
const TXT_WIDTH: usize = 76;

/// Markdown for a parsed document; content links become plain words (they lead nowhere on paper).
fn markdown(doc: &Doc) -> String {
    let mut out = String::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        let bullet = matches!(b.kind, BlockKind::Bullet { .. });
        let prev_bullet = i > 0 && matches!(doc.blocks[i - 1].kind, BlockKind::Bullet { .. });
        if i > 0 && !(bullet && prev_bullet) {
            out.push('\n');
        }
        if let BlockKind::Bullet { depth } = b.kind {
            out.push_str(&"  ".repeat(usize::from(depth)));
            out.push_str("- ");
        }
        for s in &b.spans {
            let text = s.text.replace('*', "\\*");
            match (s.strong, s.emphasis) {
                (true, _) => {
                    let _ = write!(out, "**{}**", text.trim());
                    if text.ends_with(' ') {
                        out.push(' ');
                    }
                }
                (false, true) => {
                    let _ = write!(out, "*{}*", text.trim());
                    if text.ends_with(' ') {
                        out.push(' ');
                    }
                }
                _ => out.push_str(&text),
            }
        }
        out.push('\n');
    }
    out
}

fn full_sources(c: &Catalog, t: usize) -> Vec<String> {
    c.topics[t]
        .all_sources()
        .iter()
        .filter_map(|id| c.source(id))
        .map(|s| {
            let mut line = format!("{}. {}", s.title, s.publisher);
            if let Some(y) = s.year {
                let _ = write!(line, ", {y}");
            }
            line.push('.');
            if let Some(u) = &s.url {
                let _ = write!(line, " {u}");
            }
            line
        })
        .collect()
}

/// The handout for topic `t` in `format`.
pub fn handout(c: &Catalog, t: usize, format: Format) -> String {
    let topic = &c.topics[t];
    let mut out = String::new();
    match format {
        Format::Md => {
            let _ = writeln!(out, "# {}\n", topic.title);
            let _ = writeln!(out, "{}", markdown(&topic.summary_doc).trim_end());
            for s in &topic.sections {
                let _ = writeln!(out, "\n## {}\n", s.heading);
                let _ = writeln!(out, "{}", markdown(&s.doc).trim_end());
            }
            let _ = writeln!(out, "\n## {}\n", c.ui.sources);
            for (n, s) in full_sources(c, t).iter().enumerate() {
                let _ = writeln!(out, "{}. {s}", n + 1);
            }
            let _ = writeln!(out, "\n{}: {}\n", c.ui.last_reviewed, topic.reviewed);
            let _ = writeln!(out, "*{}*\n", c.meta.disclaimer);
            let _ = writeln!(out, "**{}**", c.meta.crisis);
        }
        Format::Txt => {
            // The reading pane's page, with the sources spelled out in full.
            let p = page::topic(c, t, TXT_WIDTH);
            let sources_at = p
                .lines
                .iter()
                .rposition(|l| l.line.plain() == c.ui.sources)
                .unwrap_or(p.lines.len());
            for l in p.plain_lines().iter().take(sources_at) {
                let _ = writeln!(out, "{}", l.trim_end());
            }
            let _ = writeln!(out, "{}", c.ui.sources);
            for (n, s) in full_sources(c, t).iter().enumerate() {
                for (k, l) in crate::wrap::wrap_plain(s, TXT_WIDTH - 5).iter().enumerate() {
                    let lead = if k == 0 {
                        format!("[{}]", n + 1)
                    } else {
                        String::new()
                    };
                    let _ = writeln!(out, "{lead:<5}{l}");
                }
            }
            let _ = writeln!(out, "\n{}: {}\n", c.ui.last_reviewed, topic.reviewed);
            for l in crate::wrap::wrap_plain(&c.meta.disclaimer, TXT_WIDTH) {
                let _ = writeln!(out, "{l}");
            }
            let _ = writeln!(out);
            for l in crate::wrap::wrap_plain(&c.meta.crisis, TXT_WIDTH) {
                let _ = writeln!(out, "{l}");
            }
        }
    }
    out
}

/// Writes one handout per topic into `dir` and lists the files written on `out`.
///
/// # Errors
/// An I/O error writing the list; file errors are reported on `err` and give [`Outcome::Problems`].
pub fn write(
    c: &Catalog,
    topics: &[usize],
    format: Format,
    dir: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    if let Err(e) = std::fs::create_dir_all(dir) {
        writeln!(err, "moodguide: cannot create {}: {e}", dir.display())?;
        return Ok(Outcome::Problems);
    }
    let ext = match format {
        Format::Md => "md",
        Format::Txt => "txt",
    };
    for &t in topics {
        let path = dir.join(format!("{}.{ext}", c.topics[t].id));
        if let Err(e) = std::fs::write(&path, handout(c, t, format)) {
            writeln!(err, "moodguide: cannot write {}: {e}", path.display())?;
            return Ok(Outcome::Problems);
        }
        writeln!(out, "{}", path.display())?;
    }
    Ok(Outcome::Ok)
}
