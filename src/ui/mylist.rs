//! My list: what matters to me, my questions, the summary button.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::{Mouse, Theme, area, put, rect, wheel};
use crate::app::mylist::{ListRow, rows};
use crate::app::{Action, App, Pane};
use crate::layout::Area;
use crate::wrap::wrap_plain;

/// One block of My list as laid out: a heading or note (no row), or a row a reader can choose.
struct Block {
    row: Option<usize>,
    lines: Vec<String>,
    height: u16,
}

/// The words of each row of My list.
fn label(app: &App<'_>, row: ListRow) -> String {
    let c = app.catalog;
    let ui = &c.ui;
    match row {
        ListRow::Add(t) => {
            let subject = crate::summary::Subject::from_target(c, t);
            let what = subject.title(c).unwrap_or_default();
            ui.list_add.replace("{what}", &what)
        }
        ListRow::Concern(i) => {
            let k = &c.matters.concerns[i];
            let on = app.picks.matters.contains(&k.id);
            format!("[{}] {}", if on { "x" } else { " " }, k.label)
        }
        ListRow::Question(i) => app.picks.questions[i].ask(c).unwrap_or_default(),
        ListRow::Show => ui.list_show.clone(),
    }
}

/// My list as blocks, top to bottom, wrapped to `width`: the row that adds what the reader came
/// from, "What matters to me" and its concerns, "My questions" and the questions, the button.
fn blocks(app: &App<'_>, width: u16) -> Vec<Block> {
    let ui = &app.catalog.ui;
    let w = usize::from(width.saturating_sub(3)).max(1);
    let h = app.mode.target_rows();
    let note = |text: &str| {
        let lines = wrap_plain(text, w);
        let height = u16::try_from(lines.len()).unwrap_or(1) + 1;
        Block {
            row: None,
            lines,
            height,
        }
    };
    let mut out = Vec::new();
    for (k, row) in rows(app).into_iter().enumerate() {
        match row {
            ListRow::Concern(0) => {
                out.push(note(&ui.summary_matters));
                if !app.catalog.matters.intro.is_empty() {
                    out.push(note(&app.catalog.matters.intro));
                }
            }
            ListRow::Question(0) => out.push(note(&ui.summary_questions)),
            ListRow::Show if app.picks.questions.is_empty() => {
                out.push(note(&ui.summary_questions));
                out.push(note(&ui.list_no_questions));
            }
            _ => {}
        }
        let lines = wrap_plain(&label(app, row), w);
        let height = u16::try_from(lines.len()).unwrap_or(1).max(h);
        out.push(Block {
            row: Some(k),
            lines,
            height,
        });
    }
    out
}

/// Where each block goes in `body`, scrolled so the selected row shows: (block, area).
fn placed(app: &App<'_>, body: Area) -> (Vec<(Block, Area)>, bool, bool) {
    let all = blocks(app, body.width);
    // When the list scrolls, its first and last rows are kept for the signs of more, so a sign
    // never covers a row's words.
    let total: u16 = all.iter().map(|b| b.height).fold(0, u16::saturating_add);
    let body = if total > body.height {
        Area {
            y: body.y + 1,
            height: body.height.saturating_sub(2),
            ..body
        }
    } else {
        body
    };
    let sel = all
        .iter()
        .position(|b| b.row == Some(app.list.row))
        .unwrap_or(0);
    // From the selected row, back up while the blocks above still fit.
    let mut first = sel;
    let mut used = all.get(sel).map_or(0, |b| b.height);
    while first > 0 && used + all[first - 1].height <= body.height {
        first -= 1;
        used += all[first].height;
    }
    let above = first > 0;
    let mut y = body.y;
    let mut out = Vec::new();
    let mut below = false;
    for b in all.into_iter().skip(first) {
        if y + b.height > body.y + body.height {
            below = true;
            break;
        }
        let a = Area {
            x: body.x + 1,
            y,
            width: body.width.saturating_sub(2),
            height: b.height,
        };
        y += b.height;
        out.push((b, a));
    }
    (out, above, below)
}

/// Draws My list; returns where the selected row's words start (for the terminal's cursor).
pub fn render_list(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) -> Option<Position> {
    let (placed, above, below) = placed(app, area(r));
    let mut focus = None;
    for (b, a) in &placed {
        let selected = b.row == Some(app.list.row);
        let style = match b.row {
            None => theme.category,
            Some(_) if selected => theme.selected,
            Some(_) => theme.text,
        };
        if selected {
            buf.set_style(rect(*a).intersection(r), style);
        }
        let top = a.y + (a.height - u16::try_from(b.lines.len()).unwrap_or(0).min(a.height)) / 2;
        let top = if b.row.is_none() { a.y } else { top };
        if selected {
            focus = Some(Position::new(a.x, top)).filter(|p| r.contains(*p));
        }
        for (i, l) in b.lines.iter().enumerate() {
            let marker = match (b.row, selected && i == 0) {
                (None, _) => "",
                (Some(_), true) => theme.glyphs.marker,
                (Some(_), false) => "  ",
            };
            let y = top + u16::try_from(i).unwrap_or(0);
            if y < a.y + a.height {
                put(
                    buf,
                    a.x,
                    y,
                    &format!("{marker}{}", theme.glyphs.composed(l)),
                    usize::from(a.width),
                    style,
                );
            }
        }
    }
    super::more_signs(
        app,
        buf,
        r.right(),
        (r.y, above),
        (r.bottom().saturating_sub(1), below),
        theme,
    );
    focus
}

/// The action for a mouse event on My list.
pub fn mouse_list(app: &App<'_>, body: Area, kind: Mouse, col: u16, row: u16) -> Option<Action> {
    if let Some(w) = wheel(kind, Pane::Menu) {
        return Some(w);
    }
    let (placed, _, _) = placed(app, body);
    placed
        .iter()
        .find(|(b, a)| b.row.is_some() && a.contains(col, row))
        .and_then(|(b, _)| b.row)
        .map(|k| Action::Pick(Pane::Menu, k))
}
