//! Printable handouts: one per topic with its title, main message, sections, the same source
//! markers in both formats ("Sources: [1] [3]" under the main message and each section), what the
//! text links to ("Read more", each with the command that shows it; in Markdown a topic handed
//! out in the same run is a link to its file), the sources in full, the review date, the
//! disclaimer and the crisis text. Text handouts use the reading pane's layout. Written as files
//! into a folder, or with `--out -` one after another on stdout.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use super::links::{self, Link};
use super::{Format, Outcome, address};
use crate::content::{Catalog, SourceId};
use crate::markup::{BlockKind, Doc, LinkTarget};
use crate::page::{self, LineKind};

/// Width of text handouts, for a printed page.
const TXT_WIDTH: usize = 76;

/// The file name of topic `t`'s handout.
fn file_name(c: &Catalog, t: usize, format: Format) -> String {
    let ext = match format {
        Format::Md => "md",
        Format::Txt => "txt",
    };
    format!("{}.{ext}", c.topics[t].id)
}

/// What a handout links to in Markdown: the files of the topics handed out beside it.
struct Files<'a> {
    c: &'a Catalog,
    /// Topics written as files in this run (none when writing to stdout).
    topics: &'a [usize],
}

impl Files<'_> {
    /// The file a link leads to, when it is a topic handed out in the same run.
    fn href(&self, target: &LinkTarget) -> Option<String> {
        let LinkTarget::Topic { topic, .. } = target else {
            return None;
        };
        let t = self.c.topic_index(topic.as_str())?;
        self.topics
            .contains(&t)
            .then(|| file_name(self.c, t, Format::Md))
    }
}

/// Text with the characters that would start Markdown emphasis or code escaped (brackets stay:
/// with no link definitions, "[3]" is printed as it is).
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '*' | '`' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// Markdown for a parsed document; a link to a topic handed out in the same run links to its
/// file, any other link's words stay plain (its command is listed under "Read more").
fn markdown(doc: &Doc, files: &Files<'_>) -> String {
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
        let mut open: Option<String> = None;
        for (k, s) in b.spans.iter().enumerate() {
            let href = s
                .link
                .and_then(|l| doc.links.get(l))
                .and_then(|t| files.href(t));
            if open.is_none()
                && let Some(h) = &href
            {
                out.push('[');
                open = Some(h.clone());
            }
            let text = md_escape(&s.text);
            match (s.strong, s.emphasis) {
                (true, _) => styled(&mut out, &text, "**"),
                (false, true) => styled(&mut out, &text, "*"),
                _ => out.push_str(&text),
            }
            let next_same = b.spans.get(k + 1).is_some_and(|n| n.link == s.link);
            if let Some(h) = &open
                && !next_same
            {
                let _ = write!(out, "]({h})");
                open = None;
            }
        }
        out.push('\n');
    }
    out
}

/// `text` between `mark`s, the marks inside its spaces ("**bold** ", not "**bold **").
fn styled(out: &mut String, text: &str, mark: &str) {
    let _ = write!(out, "{mark}{}{mark}", text.trim());
    if text.ends_with(' ') {
        out.push(' ');
    }
}

/// "Sources: [1] [3]": the numbers of `cited` in the topic's list, as the reading pane marks them.
fn marker(c: &Catalog, all: &[&SourceId], cited: &[SourceId]) -> Option<String> {
    let nums: Vec<String> = cited
        .iter()
        .filter_map(|s| all.iter().position(|a| *a == s))
        .map(|n| format!("[{}]", n + 1))
        .collect();
    (!nums.is_empty()).then(|| format!("{}: {}", c.ui.sources, nums.join(" ")))
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

/// The links of topic `t`'s text (its main message and sections), each target once.
fn topic_links(c: &Catalog, t: usize) -> Vec<Link> {
    let topic = &c.topics[t];
    let docs = std::iter::once(&topic.summary_doc).chain(topic.sections.iter().map(|s| &s.doc));
    links::collect(c, docs, Some(t))
}

/// The Markdown handout for topic `t`; `files` are the topics handed out beside it as files.
fn handout_md(c: &Catalog, t: usize, files: &Files<'_>) -> String {
    let topic = &c.topics[t];
    let all = topic.all_sources();
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md_escape(&topic.title));
    let _ = writeln!(out, "{}", markdown(&topic.summary_doc, files).trim_end());
    if let Some(m) = marker(c, &all, &topic.summary_sources) {
        let _ = writeln!(out, "\n{}", md_escape(&m));
    }
    for s in &topic.sections {
        let _ = writeln!(out, "\n## {}\n", md_escape(&s.heading));
        let _ = writeln!(out, "{}", markdown(&s.doc, files).trim_end());
        // After a blank line: right under a bullet it would join the bullet.
        if let Some(m) = marker(c, &all, &s.sources) {
            let _ = writeln!(out, "\n{}", md_escape(&m));
        }
    }
    let links = topic_links(c, t);
    if !links.is_empty() {
        let _ = writeln!(out, "\n## {}\n", md_escape(&c.ui.read_more));
        for l in &links {
            let to = match files.href(&l.target) {
                Some(h) => format!("[{}]({h})", md_escape(&h)),
                None => format!("`{}`", address::command(&l.args)),
            };
            let _ = writeln!(out, "- {}{}{to}", md_escape(&l.words), links::SEPARATOR);
        }
    }
    let sources = full_sources(c, t);
    if !sources.is_empty() {
        let _ = writeln!(out, "\n## {}\n", md_escape(&c.ui.sources));
        for (n, s) in sources.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", n + 1, md_escape(s));
        }
    }
    let _ = writeln!(out, "\n{}: {}\n", c.ui.last_reviewed, topic.reviewed);
    let _ = writeln!(out, "*{}*\n", md_escape(&c.meta.disclaimer));
    let _ = writeln!(out, "**{}**", md_escape(&c.meta.crisis));
    out
}

/// The text handout for topic `t`: the reading pane's page with the main message's source
/// marker, "Read more" and the sources spelled out in full.
fn handout_txt(c: &Catalog, t: usize) -> String {
    let topic = &c.topics[t];
    let p = page::topic(c, t, TXT_WIDTH);
    let plain = p.plain_lines();
    // The page up to its own short list of sources (its last heading).
    let sources_at = p
        .lines
        .iter()
        .rposition(|l| l.kind == LineKind::Heading && l.line.plain() == c.ui.sources)
        .unwrap_or(p.lines.len());
    let mut lines: Vec<(LineKind, String)> = p.lines[..sources_at]
        .iter()
        .zip(&plain)
        .map(|(l, text)| (l.kind, text.clone()))
        .collect();
    // The main message's marker, which the reading pane leaves out, before the first section.
    if let Some(m) = marker(c, &topic.all_sources(), &topic.summary_sources) {
        let end = p
            .sections
            .first()
            .map_or(sources_at, |&s| s.saturating_sub(1));
        let at = lines[..end]
            .iter()
            .rposition(|(k, _)| *k != LineKind::Blank)
            .map_or(end, |i| i + 1);
        let marked: Vec<(LineKind, String)> = crate::wrap::wrap_plain(&m, TXT_WIDTH)
            .into_iter()
            .map(|l| (LineKind::Meta, l))
            .collect();
        lines.splice(at..at, marked);
    }
    lines.extend(links::block(c, &topic_links(c, t)));
    lines.push((LineKind::Blank, String::new()));
    lines.push((LineKind::Heading, c.ui.sources.clone()));
    for (n, s) in full_sources(c, t).iter().enumerate() {
        for (k, l) in crate::wrap::wrap_plain(s, TXT_WIDTH - 5).iter().enumerate() {
            let lead = if k == 0 {
                format!("[{}]", n + 1)
            } else {
                String::new()
            };
            lines.push((LineKind::Meta, format!("{lead:<5}{l}")));
        }
    }
    lines.push((LineKind::Blank, String::new()));
    let reviewed = format!("{}: {}", c.ui.last_reviewed, topic.reviewed);
    lines.push((LineKind::Meta, reviewed));
    for text in [&c.meta.disclaimer, &c.meta.crisis] {
        lines.push((LineKind::Blank, String::new()));
        for l in crate::wrap::wrap_plain(text, TXT_WIDTH) {
            lines.push((LineKind::Meta, l));
        }
    }
    let mut out = String::new();
    for (_, l) in super::text::tidy(&lines) {
        let _ = writeln!(out, "{}", l.trim_end());
    }
    out
}

/// The handout for topic `t` in `format`, standing alone (its links are commands).
pub fn handout(c: &Catalog, t: usize, format: Format) -> String {
    match format {
        Format::Md => handout_md(c, t, &Files { c, topics: &[] }),
        Format::Txt => handout_txt(c, t),
    }
}

/// What goes between two handouts on stdout: a rule a reader and a printer both see.
fn separator(format: Format) -> String {
    match format {
        // A thematic break: blank lines around it, so it is never read as a heading underline.
        Format::Md => "\n---\n\n".to_string(),
        Format::Txt => format!("\n{}\n\n", "=".repeat(TXT_WIDTH)),
    }
}

/// Writes one handout per topic into `dir` and lists the files written on `out`; with `dir`
/// `-`, writes the handouts themselves to `out`, one after another with a separator between.
///
/// # Errors
/// An I/O error writing `out`; file errors are reported on `err` and give [`Outcome::Problems`].
pub fn write(
    c: &Catalog,
    topics: &[usize],
    format: Format,
    dir: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    if dir.as_os_str() == "-" {
        for (k, &t) in topics.iter().enumerate() {
            if k > 0 {
                out.write_all(separator(format).as_bytes())?;
            }
            out.write_all(handout(c, t, format).as_bytes())?;
        }
        return Ok(Outcome::Ok);
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        writeln!(err, "moodguide: cannot create {}: {e}", dir.display())?;
        return Ok(Outcome::Problems);
    }
    let files = Files { c, topics };
    for &t in topics {
        let path = dir.join(file_name(c, t, format));
        let text = match format {
            Format::Md => handout_md(c, t, &files),
            Format::Txt => handout_txt(c, t),
        };
        if let Err(e) = std::fs::write(&path, text) {
            writeln!(err, "moodguide: cannot write {}: {e}", path.display())?;
            return Ok(Outcome::Problems);
        }
        writeln!(out, "{}", path.display())?;
    }
    Ok(Outcome::Ok)
}
