//! The questions screen: the path from the first question (breadcrumb), the question, its answer
//! with sources, then the follow-up questions and the topics that say more.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{Mouse, Theme, area, page_lines, rect, wheel, window};
use crate::app::questions::{Choice, MARKER_W, answer, choice_label, choices, geometry};
use crate::app::{Action, App, Pane};
use crate::layout::Area;
use crate::wrap::wrap_plain;

/// The path to the question shown, in `width` columns: its end matters most, so it is cut from
/// the left.
fn breadcrumb(app: &App<'_>, width: usize, theme: &Theme) -> String {
    let c = app.catalog;
    let names: Vec<&str> = app
        .questions
        .walk
        .path()
        .iter()
        .map(|&i| c.faq.nodes[i].question.as_str())
        .collect();
    crate::wrap::tail_with(
        &format!("{}: {}", c.ui.path, names.join(theme.glyphs.path)),
        width,
        theme.glyphs.ellipsis,
    )
}

/// Draws the questions screen; returns where the focus is (for the terminal's cursor): the
/// answer's focused link, else the selected choice, else the answer's top.
#[allow(clippy::many_single_char_names)]
pub fn render(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) -> Option<Position> {
    let c = app.catalog;
    let n = app.questions.walk.current()?;
    let g = geometry(app, area(r));
    let clip = |a: Area| rect(a).intersection(r);
    let crumb = breadcrumb(app, usize::from(g.crumb.width), theme);
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
    let shown = window(&p, app.questions.scroll, rows);
    let lines = page_lines(shown, theme, app.questions.link);
    Paragraph::new(lines).render(clip(g.answer), buf);
    let answer_top = clip(g.answer);
    let mut focus = super::link_position(shown, answer_top, app.questions.link);
    let right = g.answer.x + g.answer.width;
    let below_answer = if g.headings.is_empty() {
        // No room for the choices: the sign takes the answer's last row.
        (g.answer.y + g.answer.height).saturating_sub(1)
    } else {
        g.answer.y + g.answer.height
    };
    super::more_signs(
        app,
        buf,
        right,
        (g.answer.y.saturating_sub(1), app.questions.scroll > 0),
        (below_answer, app.questions.scroll + rows < p.lines.len()),
        theme,
    );
    let list = choices(app);
    for (y, _) in &g.headings {
        super::put(
            buf,
            g.crumb.x,
            *y,
            &c.ui.follow_ups,
            usize::from(g.crumb.width),
            theme.category,
        );
        let hidden_above = g.choice_rows.first().is_some_and(|(k, _)| *k > 0);
        let hidden_below = g
            .choice_rows
            .last()
            .is_some_and(|(k, _)| k + 1 < list.len());
        super::more_signs(
            app,
            buf,
            right,
            (*y, hidden_above),
            (*y, hidden_below),
            theme,
        );
    }
    for (k, a) in &g.choice_rows {
        let sel = *k == app.questions.choice;
        let style = match list[*k] {
            Choice::Follow(_) => theme.text,
            Choice::Topic(_) => theme.link,
        };
        let style = if sel { theme.selected } else { style };
        if sel {
            // The whole target is highlighted, so a touch screen shows what will open.
            buf.set_style(rect(*a).intersection(r), style);
        }
        // The words wrap inside the target (which is as tall as they need), centred in it.
        let width = usize::from(a.width);
        let lines = wrap_plain(
            &choice_label(app, list[*k]),
            width.saturating_sub(MARKER_W).max(1),
        );
        let lines = &lines[..lines.len().min(usize::from(a.height))];
        let top = a.y + (a.height - u16::try_from(lines.len()).unwrap_or(0)) / 2;
        if sel && focus.is_none() && r.contains(Position::new(a.x, top)) {
            focus = Some(Position::new(a.x, top));
        }
        for (i, line) in lines.iter().enumerate() {
            let marker = if sel && i == 0 {
                theme.glyphs.marker
            } else {
                "  "
            };
            let y = top + u16::try_from(i).unwrap_or(0);
            super::put(buf, a.x, y, &format!("{marker}{line}"), width, style);
        }
    }
    focus.or((!answer_top.is_empty()).then_some(answer_top.as_position()))
}

/// The action for a mouse event on the questions screen.
pub fn mouse(app: &App<'_>, body: Area, kind: Mouse, col: u16, row: u16) -> Option<Action> {
    let g = geometry(app, body);
    if g.answer.contains(col, row) {
        if let Some(w) = wheel(kind, Pane::Answer) {
            return Some(w);
        }
        // A click on a link of the answer follows it, as in a topic.
        let node = app.questions.walk.current()?;
        let page = answer(app, node, g.answer.width);
        let line = page
            .lines
            .get(app.questions.scroll + usize::from(row - g.answer.y))?;
        return super::link_at(line, g.answer.x, col).map(Action::PickLink);
    }
    if let Some(w) = wheel(kind, Pane::Choices) {
        return Some(w);
    }
    g.choice_rows
        .iter()
        .find(|(_, a)| a.contains(col, row))
        .map(|(k, _)| Action::Pick(Pane::Choices, *k))
}
