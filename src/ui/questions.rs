//! The questions screen: the path from the first question (breadcrumb), the question, its answer
//! with sources, then the follow-up questions and the topics that say more.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::{Mouse, Theme, area, page_lines, rect, theme::MARKER, wheel, window};
use crate::app::questions::{Choice, choices};
use crate::app::{Action, App, Pane};
use crate::layout::Area;
use crate::page;
use crate::wrap::wrap_plain;

/// Geometry: breadcrumb, question, answer, choices (with the rows of each choice).
struct Geo {
    crumb: Area,
    question: Area,
    answer: Area,
    choice_rows: Vec<(usize, Area)>,
    headings: Vec<(u16, bool)>,
}

fn width(r: Area) -> u16 {
    r.width
        .min(u16::try_from(crate::wrap::MAX_READING_WIDTH).unwrap_or(80))
}

fn node_idx(app: &App<'_>) -> usize {
    app.questions.walk.current().unwrap_or(0)
}

#[allow(clippy::many_single_char_names)]
fn geometry(app: &App<'_>, r: Area) -> Geo {
    let w = width(r);
    let x = r.x + 1;
    let c = app.catalog;
    let node = app.questions.walk.current().map(|n| &c.faq.nodes[n]);
    let q_lines = node.map_or(1, |n| {
        wrap_plain(&n.question, usize::from(w.saturating_sub(2))).len()
    });
    let crumb = Area {
        x,
        y: r.y,
        width: w.saturating_sub(1),
        height: 1.min(r.height),
    };
    let question = Area {
        x,
        y: r.y + 2,
        width: w.saturating_sub(1),
        height: u16::try_from(q_lines).unwrap_or(1),
    };
    let list = choices(app);
    let bottom = r.y + r.height;
    let top = question.y + question.height + 1;
    let avail = bottom.saturating_sub(top);
    let answer_need = u16::try_from(answer(app, node_idx(app), w.saturating_sub(1)).lines.len())
        .unwrap_or(u16::MAX);
    let h = app.mode.target_rows();
    let list_need = u16::try_from(list.len())
        .unwrap_or(u16::MAX)
        .saturating_mul(h)
        .saturating_add(2);
    // The answer keeps at least half the room; the choices scroll when they do not fit. On a
    // small screen the list still gets its heading and one choice (3 rows) while the answer keeps
    // a row, so a question can always be picked.
    let one_choice = list_need.min(2 + h);
    let list_h = list_need
        .min(avail.saturating_sub(answer_need.min(avail / 2)))
        .max(if avail > one_choice { one_choice } else { 0 });
    let answer = Area {
        x,
        y: top.min(bottom),
        width: w.saturating_sub(1),
        height: avail - list_h,
    };
    let mut choice_rows = Vec::new();
    let mut headings = Vec::new();
    if list_h >= 3 {
        let y0 = answer.y + answer.height + 1;
        headings.push((y0, true));
        let rows = usize::from((list_h - 2) / h);
        let first = app.questions.choice.saturating_sub(rows.saturating_sub(1));
        for (n, k) in (first..list.len()).take(rows).enumerate() {
            let y = y0 + 1 + u16::try_from(n).unwrap_or(0) * h;
            choice_rows.push((
                k,
                Area {
                    x,
                    y,
                    width: w.saturating_sub(1),
                    height: h,
                },
            ));
        }
    }
    Geo {
        crumb,
        question,
        answer,
        choice_rows,
        headings,
    }
}

/// Answer `n` laid out for an answer pane `pane_width` columns wide (one column is kept free), once
/// per node and width: the layout and the frame both need it.
fn answer(app: &App<'_>, n: usize, pane_width: u16) -> std::sync::Arc<crate::page::Page> {
    let width = usize::from(pane_width.saturating_sub(1));
    app.answer_memo
        .get((n, width), || page::answer(app.catalog, n, width))
}

/// The end of `text` that fits in `max` columns, after "…" when the start is cut. Measured in
/// display columns (a CJK character or an emoji takes two) and cut between grapheme clusters.
fn tail_fit(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    let room = max.saturating_sub(1);
    let (mut used, mut start) = (0, text.len());
    for (at, g) in text.grapheme_indices(true).rev() {
        used += g.width();
        if used > room {
            break;
        }
        start = at;
    }
    format!("…{}", &text[start..])
}

/// Draws the questions screen.
#[allow(clippy::many_single_char_names)]
pub fn render(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) {
    let c = app.catalog;
    let Some(n) = app.questions.walk.current() else {
        return;
    };
    let g = geometry(app, area(r));
    let clip = |a: Area| rect(a).intersection(r);
    // Breadcrumb: the end of the path matters most, so it is cut from the left.
    let names: Vec<&str> = app
        .questions
        .walk
        .path()
        .iter()
        .map(|&i| c.faq.nodes[i].question.as_str())
        .collect();
    let crumb = tail_fit(
        &format!("{}: {}", c.ui.path, names.join(" › ")),
        usize::from(g.crumb.width),
    );
    Paragraph::new(Span::styled(crumb, theme.meta)).render(clip(g.crumb), buf);
    let q: Vec<Line<'_>> = wrap_plain(
        &c.faq.nodes[n].question,
        usize::from(g.question.width.saturating_sub(1)),
    )
    .into_iter()
    .map(|l| Line::from(Span::styled(l, theme.heading)))
    .collect();
    Paragraph::new(q).render(clip(g.question), buf);
    let p = answer(app, n, g.answer.width);
    let rows = usize::from(g.answer.height);
    app.scroll_room
        .set_answer(n, app.size, p.lines.len().saturating_sub(rows));
    let lines = page_lines(window(&p, app.questions.scroll, rows), theme, None);
    Paragraph::new(lines).render(clip(g.answer), buf);
    for (y, _) in &g.headings {
        super::put(
            buf,
            g.crumb.x,
            *y,
            &c.ui.follow_ups,
            usize::from(g.crumb.width),
            theme.category,
        );
    }
    let list = choices(app);
    for (k, a) in &g.choice_rows {
        let sel = *k == app.questions.choice;
        let marker = if sel { MARKER } else { "  " };
        let (text, style) = match list[*k] {
            Choice::Follow(f) => {
                let id = &c.faq.nodes[n].follow[f];
                let q = c
                    .node_index(id.as_str())
                    .map_or(id.as_str(), |i| c.faq.nodes[i].question.as_str());
                (q.to_string(), theme.text)
            }
            Choice::Topic(t) => (
                format!("{}: {}", c.ui.read_more, c.topics[t].title),
                theme.link,
            ),
        };
        let style = if sel { theme.selected } else { style };
        if sel {
            // The whole target is highlighted, so a touch screen shows what will open.
            buf.set_style(rect(*a).intersection(r), style);
        }
        let mid = a.y + a.height / 2;
        let width = usize::from(a.width);
        let shown = crate::wrap::fit(&format!("{marker}{text}"), width);
        super::put(buf, a.x, mid, &shown, width, style);
    }
}

/// The action for a mouse event on the questions screen.
pub fn mouse(app: &App<'_>, body: Area, kind: Mouse, col: u16, row: u16) -> Option<Action> {
    let g = geometry(app, body);
    if g.answer.contains(col, row) {
        return wheel(kind, Pane::Answer);
    }
    if let Some(w) = wheel(kind, Pane::Choices) {
        return Some(w);
    }
    g.choice_rows
        .iter()
        .find(|(_, a)| a.contains(col, row))
        .map(|(k, _)| Action::Pick(Pane::Choices, *k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_fit_keeps_the_end_in_columns() {
        assert_eq!(tail_fit("short", 10), "short");
        assert_eq!(tail_fit("abcdef", 4), "…def");
        // Each of these takes two columns: 1 for "…", then two of them in the 5 left.
        let cut = tail_fit("何を知りたいですか", 6);
        assert_eq!(cut, "…すか");
        assert!(cut.width() <= 6);
        // Never inside a cluster: the flag (two regional indicators) and "e" with its accent.
        assert_eq!(
            tail_fit("ab \u{1F1EF}\u{1F1F5}x", 4),
            "…\u{1F1EF}\u{1F1F5}x"
        );
        assert_eq!(tail_fit("abcafe\u{301}", 3), "…fe\u{301}");
    }
}
