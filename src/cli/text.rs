//! Plain-text output of the commands: the same page layout as the reading pane (`page.rs`), the same
//! matrix as the compare screen (each cell's level above its text), wrapped with the one wrapping
//! helper. Colour is only bold headings and levels.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::resolve::Pick;
use super::{Outcome, links};
use crate::compare::Row;
use crate::content::{Catalog, Cell, SourceId};
use crate::page::{self, LineKind};
use crate::wrap::{fit, wrap_plain};

fn bold(text: &str, color: bool) -> String {
    if color {
        format!("\x1b[1m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// The topic tree: categories, topics with ids, and their sections.
pub fn topics(c: &Catalog, color: bool, out: &mut dyn Write) -> io::Result<Outcome> {
    for (ci, cat) in c.categories.iter().enumerate() {
        writeln!(out, "{}", bold(&cat.title, color))?;
        for t in c.topics.iter().filter(|t| t.category == ci) {
            writeln!(out, "  {:<32} {}", t.id.as_str(), t.title)?;
            for s in &t.sections {
                // Written as `show` takes it from a shell ('#id': a bare # starts a comment);
                // 4 + 30 columns line the heading up with the topic titles above.
                let id = super::address::quote(&format!("#{}", s.id)).into_owned();
                writeln!(out, "    {id:<30} {}", s.heading)?;
            }
        }
    }
    Ok(Outcome::Ok)
}

/// A topic as wrapped text: the reading pane's page, line for line; with `section`, the title and
/// that section only, its sources spelled out.
pub fn show(
    c: &Catalog,
    t: usize,
    section: Option<usize>,
    width: usize,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<Outcome> {
    let width = page::reading_width(width);
    let p = page::topic(c, t, width);
    let plain = p.plain_lines();
    let mut lines: Vec<(LineKind, String)> = Vec::new();
    let range = match section {
        Some(s) => {
            lines.push((LineKind::Title, c.topics[t].title.clone()));
            lines.push((LineKind::Blank, String::new()));
            // To the next section's heading, or for the last section to the topic's own list of
            // sources (its heading is the page's last heading).
            let end = p.sections.get(s + 1).copied().unwrap_or_else(|| {
                p.lines
                    .iter()
                    .rposition(|l| l.kind == LineKind::Heading)
                    .unwrap_or(p.lines.len())
            });
            p.sections[s]..end
        }
        None => 0..p.lines.len(),
    };
    for (line, text) in p.lines[range.clone()].iter().zip(&plain[range]) {
        // One section's "[n]" numbers would point into a list it does not print.
        if section.is_none() || line.kind != LineKind::Meta {
            lines.push((line.kind, text.clone()));
        }
    }
    let topic = &c.topics[t];
    if section.is_none() {
        // The links, before the topic's own list of sources (the page's last heading).
        let docs = std::iter::once(&topic.summary_doc).chain(topic.sections.iter().map(|s| &s.doc));
        let block = links::block(c, &links::collect(c, docs, Some(t)));
        let at = lines
            .iter()
            .rposition(|(k, _)| *k == LineKind::Heading)
            .map_or(lines.len(), |h| h.saturating_sub(1));
        lines.splice(at..at, block);
    }
    if let Some(sec) = section {
        // The sources go right under the text, as in the whole page.
        while lines.last().is_some_and(|(k, _)| *k == LineKind::Blank) {
            lines.pop();
        }
        let mut sp = page::Page::default();
        page::sources_line(&mut sp, c, &c.topics[t].sections[sec].sources, width);
        lines.extend(sp.lines.iter().map(|l| (l.kind, l.line.plain())));
        let doc = &topic.sections[sec].doc;
        lines.extend(links::block(c, &links::collect(c, [doc], None)));
    }
    print_lines(&lines, color, out)?;
    Ok(Outcome::Ok)
}

/// `lines` without a heading that has nothing under it (a heading followed by a blank line,
/// another heading or the end), without blank lines doubled, leading or trailing.
pub fn tidy(lines: &[(LineKind, String)]) -> Vec<(LineKind, String)> {
    let heading = |k: LineKind| matches!(k, LineKind::Heading);
    let mut kept: Vec<(LineKind, String)> = Vec::new();
    for (i, (kind, text)) in lines.iter().enumerate() {
        let blank = *kind == LineKind::Blank || text.trim().is_empty();
        if heading(*kind) {
            let next = lines[i + 1..].first();
            let empty = next
                .is_none_or(|(k, t)| *k == LineKind::Blank || t.trim().is_empty() || heading(*k));
            if empty {
                continue;
            }
        }
        if blank && kept.last().is_none_or(|(k, _)| *k == LineKind::Blank) {
            continue;
        }
        let kind = if blank { LineKind::Blank } else { *kind };
        kept.push((kind, text.clone()));
    }
    while kept.last().is_some_and(|(k, _)| *k == LineKind::Blank) {
        kept.pop();
    }
    kept
}

/// Prints laid-out lines (tidied), titles and headings bold when `color`.
fn print_lines(lines: &[(LineKind, String)], color: bool, out: &mut dyn Write) -> io::Result<()> {
    for (kind, text) in tidy(lines) {
        match kind {
            LineKind::Title | LineKind::Heading => writeln!(out, "{}", bold(&text, color))?,
            _ => writeln!(out, "{}", text.trim_end())?,
        }
    }
    Ok(())
}

/// Short citations numbered in order of first use, for tables.
struct Legend<'c> {
    ids: Vec<&'c SourceId>,
}

impl<'c> Legend<'c> {
    fn mark(&mut self, sources: &'c [SourceId]) -> String {
        let mut nums = Vec::new();
        for s in sources {
            let n = if let Some(n) = self.ids.iter().position(|x| *x == s) {
                n
            } else {
                self.ids.push(s);
                self.ids.len() - 1
            };
            nums.push((n + 1).to_string());
        }
        if nums.is_empty() {
            String::new()
        } else {
            format!(" [{}]", nums.join(","))
        }
    }
}

fn pad(text: &str, width: usize) -> String {
    let w = text.width();
    if w >= width {
        text.to_string()
    } else {
        format!("{text}{}", " ".repeat(width - w))
    }
}

/// Narrowest item column in a text table.
const MIN_COL: usize = 16;

/// The comparison table, fitted to `width`: attribute names on the left, one column per item; when
/// the items do not fit, the table continues in further blocks with the names repeated.
pub fn compare(
    c: &Catalog,
    pick: &Pick,
    width: usize,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<Outcome> {
    let set = &c.sets[pick.set];
    let m = pick.matrix(set);
    let label_w = 22.min(width / 3).max(8);
    let per_block =
        ((width.saturating_sub(label_w)) / (MIN_COL + 3)).clamp(1, m.columns.len().max(1));
    let mut legend = Legend { ids: Vec::new() };
    writeln!(out, "{}", bold(&set.title, color))?;
    for l in wrap_plain(&set.intro, width) {
        writeln!(out, "{l}")?;
    }
    let group_title = pick.group.map(|g| set.groups[g].title.as_str());
    for (block, cols) in m.columns.chunks(per_block).enumerate() {
        let first = block * per_block;
        let col_w = (width.saturating_sub(label_w) / cols.len())
            .saturating_sub(3)
            .max(8);
        writeln!(out)?;
        let mut header = pad("", label_w);
        for &i in cols {
            header.push_str(" | ");
            header.push_str(&pad(&fit(&set.items[i].name, col_w), col_w));
        }
        writeln!(out, "{}", bold(header.trim_end(), color))?;
        let mut brands = pad("", label_w);
        for &i in cols {
            brands.push_str(" | ");
            brands.push_str(&pad(&fit(&set.items[i].brands.join(", "), col_w), col_w));
        }
        writeln!(out, "{}", brands.trim_end())?;
        let mut in_group = group_title.is_none();
        for row in &m.rows {
            match row {
                Row::Group { title } => {
                    in_group = group_title.is_none_or(|g| g == *title);
                    if in_group {
                        writeln!(
                            out,
                            "{}",
                            "-".repeat(width.min(label_w + cols.len() * (col_w + 3)))
                        )?;
                        writeln!(out, "{}", bold(title, color))?;
                    }
                }
                Row::Values {
                    attribute,
                    label,
                    cells,
                    ..
                } if in_group => {
                    let label = row_label(c, &set.attributes[*attribute], label);
                    let label_lines = wrap_plain(&label, label_w);
                    let cell_lines: Vec<Vec<(String, bool)>> = (first..first + cols.len())
                        .map(|k| cell_lines(c, cells[k], &mut legend, col_w))
                        .collect();
                    let height = cell_lines
                        .iter()
                        .map(Vec::len)
                        .chain([label_lines.len()])
                        .max()
                        .unwrap_or(1);
                    for n in 0..height {
                        let mut line = pad(label_lines.get(n).map_or("", String::as_str), label_w);
                        for cl in &cell_lines {
                            line.push_str(" | ");
                            let (text, level) = cl.get(n).map_or(("", false), |(t, l)| (t, *l));
                            line.push_str(&bold_if(&pad(text, col_w), color && level));
                        }
                        writeln!(out, "{}", line.trim_end())?;
                    }
                }
                Row::Values { .. } => {}
            }
        }
    }
    if !legend.ids.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", bold(&c.ui.sources, color))?;
        for (n, id) in legend.ids.iter().enumerate() {
            let short = c.source(id).map_or(id.as_str(), |s| s.short.as_str());
            for (k, l) in wrap_plain(short, width.saturating_sub(5).max(10))
                .iter()
                .enumerate()
            {
                let lead = if k == 0 {
                    format!("[{}]", n + 1)
                } else {
                    String::new()
                };
                writeln!(out, "{lead:<5}{l}")?;
            }
        }
    }
    Ok(Outcome::Ok)
}

/// A cell's lines in a column `width` wide, each marked `true` if it is the level: the level (in
/// bold with colour) above the text and its source numbers, or the words for no reviewed value.
fn cell_lines<'c>(
    c: &Catalog,
    cell: Option<&'c Cell>,
    legend: &mut Legend<'c>,
    width: usize,
) -> Vec<(String, bool)> {
    let Some(cell) = cell else {
        return wrap_plain(&c.ui.no_value, width)
            .into_iter()
            .map(|l| (l, false))
            .collect();
    };
    let level = cell.level.as_deref().map(|l| wrap_plain(l, width));
    let text = format!("{}{}", cell.text, legend.mark(&cell.sources));
    let level = level.into_iter().flatten().map(|l| (l, true));
    level
        .chain(wrap_plain(&text, width).into_iter().map(|l| (l, false)))
        .collect()
}

fn bold_if(text: &str, on: bool) -> String {
    if on {
        // Trailing padding stays outside the bold, so a plain reader sees the same spaces.
        let trimmed = text.trim_end();
        format!("{}{}", bold(trimmed, true), &text[trimmed.len()..])
    } else {
        text.to_string()
    }
}

/// A row's label, marked as staff information for a staff-only row.
fn row_label(c: &Catalog, attr: &crate::content::Attribute, label: &str) -> String {
    if attr.staff {
        format!("{label} ({})", c.ui.staff_row)
    } else {
        label.to_owned()
    }
}

/// The questions tree as an indented outline with ids, in reading order.
pub fn faq(c: &Catalog, out: &mut dyn Write) -> io::Result<Outcome> {
    let depths = crate::faq::depths(&c.faq);
    for n in crate::faq::reading_order(&c.faq) {
        let depth = depths[n];
        let node = &c.faq.nodes[n];
        writeln!(
            out,
            "{}{}  [{}]",
            "  ".repeat(depth),
            node.question,
            node.id
        )?;
    }
    Ok(Outcome::Ok)
}

/// One question: the path to it, its answer and sources, follow-ups and what to read more, each
/// with the command that shows it.
pub fn node(
    c: &Catalog,
    n: usize,
    width: usize,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<Outcome> {
    let node = &c.faq.nodes[n];
    let mut lines: Vec<(LineKind, String)> = Vec::new();
    if let Some(path) = crate::faq::path_to(&c.faq, n) {
        let names: Vec<&str> = path
            .iter()
            .map(|&i| c.faq.nodes[i].question.as_str())
            .collect();
        lines.push((
            LineKind::Meta,
            format!("{}: {}", c.ui.path, names.join(" > ")),
        ));
        lines.push((LineKind::Blank, String::new()));
    }
    lines.push((LineKind::Title, node.question.clone()));
    lines.push((LineKind::Blank, String::new()));
    let answer = page::answer(c, n, page::reading_width(width));
    lines.extend(answer.lines.iter().map(|l| (l.kind, l.line.plain())));
    let follow: Vec<(String, Vec<String>)> = node
        .follow
        .iter()
        .filter_map(|f| c.node_index(f.as_str()))
        .map(|i| {
            let id = c.faq.nodes[i].id.to_string();
            (c.faq.nodes[i].question.clone(), vec!["faq".into(), id])
        })
        .collect();
    lines.extend(links::list(
        &c.ui.follow_ups,
        follow.iter().map(|(q, a)| (q.as_str(), a.as_slice())),
    ));
    // The topics the question points to, then whatever the answer links to.
    let mut more: Vec<links::Link> = node
        .more
        .iter()
        .filter_map(|t| c.topic_index(t.as_str()))
        .map(|t| links::Link {
            words: c.topics[t].title.clone(),
            target: crate::markup::LinkTarget::Topic {
                topic: c.topics[t].id.clone(),
                section: None,
            },
            args: super::address::show(c, t, None),
        })
        .collect();
    for l in links::collect(c, [&node.doc], None) {
        if !more.iter().any(|m| m.target == l.target) {
            more.push(l);
        }
    }
    lines.extend(links::block(c, &more));
    print_lines(&lines, color, out)?;
    Ok(Outcome::Ok)
}

/// The glossary, or one term with its sources.
pub fn glossary(
    c: &Catalog,
    term: Option<usize>,
    width: usize,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<Outcome> {
    let w = page::reading_width(width);
    match term {
        Some(t) => {
            let p = page::term(c, t, w);
            let mut lines: Vec<(LineKind, String)> =
                p.lines.iter().map(|l| (l.kind, l.line.plain())).collect();
            lines.extend(links::block(
                c,
                &links::collect(c, [&c.glossary[t].doc], None),
            ));
            print_lines(&lines, color, out)?;
        }
        None => {
            for g in super::collate::glossary_order(c)
                .into_iter()
                .map(|i| &c.glossary[i])
            {
                writeln!(out, "{}  [{}]", bold(&g.term, color), g.id)?;
                for l in wrap_plain(&g.doc.plain(), w.saturating_sub(2).max(10)) {
                    writeln!(out, "  {l}")?;
                }
            }
        }
    }
    Ok(Outcome::Ok)
}
