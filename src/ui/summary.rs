//! The summary screen: the bar of buttons (◀, the code's number, ▶, text or code, Print, Save),
//! then the current QR code centred, drawn in half blocks so each module is square (or the text);
//! the save field while it is open, and what the last print or save did.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{Mouse, Theme, area, put, put_lines, wheel};
use crate::app::Mode;
use crate::app::summary_screen::{Button, Notice, buttons, summary_view};
use crate::app::{Action, App, Pane};
use crate::layout::Area;
use crate::summary::qr::Ink;
use crate::wrap::wrap_plain;

/// The bar's buttons with their words and where they are.
fn bar(app: &App<'_>, body: Area, parts: usize) -> Vec<(Button, String, Area)> {
    let ui = &app.catalog.ui;
    let mut out = Vec::new();
    let mut x = body.x + 1;
    for button in buttons(app) {
        let text = match button {
            Button::Back => format!(" {} ", ui.back),
            Button::Prev => " ◀ ".to_string(),
            Button::Part => {
                crate::summary::qr::numbered(&ui.summary_part, app.list.part + 1, parts)
            }
            Button::Next => " ▶ ".to_string(),
            Button::Toggle if app.list.as_text => format!(" {} ", ui.summary_as_code),
            Button::Toggle => format!(" {} ", ui.summary_as_text),
            Button::Print => format!(" {} ", ui.summary_print),
            Button::Save => format!(" {} ", ui.summary_save),
        };
        let w = u16::try_from(text.width()).unwrap_or(0);
        let at = Area {
            x,
            y: body.y,
            width: w,
            height: 1,
        };
        x = x.saturating_add(w + 2);
        out.push((button, text, at));
    }
    out
}

/// What a notice says, in the pack's words (a reason is an error message, in English).
fn notice_text(app: &App<'_>, notice: &Notice) -> String {
    let ui = &app.catalog.ui;
    let path = |p: &std::path::Path| p.display().to_string();
    match notice {
        Notice::Printing => ui.summary_printing.clone(),
        Notice::Saving(p) => ui.summary_saving.replace("{path}", &path(p)),
        Notice::Printed => ui.summary_printed.clone(),
        Notice::Saved(p) => ui.summary_saved.replace("{path}", &path(p)),
        // A visitor is sent to the desk; the reason is for staff, not for them.
        Notice::PrintFailed(_) if app.mode == Mode::Kiosk => ui.summary_print_desk.clone(),
        Notice::PrintFailed(f) => ui.summary_print_failed.replace("{reason}", &f.to_string()),
        Notice::SaveFailed(f) => ui.summary_save_failed.replace("{reason}", &f.to_string()),
    }
}

/// Draws the summary: the bar, then the save field, a notice, the current QR code centred, or the
/// text. Returns where the focus is (for the terminal's cursor): the save field while it is open,
/// else the chosen button, else the bar's first button.
pub fn render(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) -> Option<Position> {
    let view = summary_view(app);
    let body = area(r);
    let buttons = bar(app, body, view.parts.len());
    let focus = buttons
        .iter()
        .find(|(button, _, _)| app.list.bar == Some(*button))
        .or(buttons.first())
        .map_or(Position::new(body.x + 1, body.y), |(_, _, at)| {
            Position::new(at.x, at.y)
        });
    let focus = Some(focus).filter(|p| r.contains(*p));
    for (button, text, at) in &buttons {
        let style = if app.list.bar == Some(*button) {
            theme.selected
        } else if matches!(button, Button::Prev | Button::Next) {
            theme.key
        } else {
            theme.button
        };
        put(buf, at.x, at.y, text, usize::from(at.width), style);
    }
    let below = Rect {
        y: r.y + 1,
        height: r.height.saturating_sub(1),
        ..r
    };
    if let Some(field) = &app.list.save {
        return draw_field(app, field, below, buf, theme).or(focus);
    }
    if let Some(notice) = &app.list.notice {
        let failed = matches!(notice, Notice::PrintFailed(_) | Notice::SaveFailed(_));
        let style = if failed { theme.notice } else { theme.text };
        draw_centred(&notice_text(app, notice), below, buf, style);
        return focus;
    }
    let shown = view
        .parts
        .get(app.list.part.min(view.parts.len().saturating_sub(1)));
    match shown {
        Some(part) if !app.list.as_text => {
            let x = buttons
                .last()
                .map_or(body.x + 1, |(_, _, at)| at.x + at.width + 2);
            let room = usize::from((body.x + body.width).saturating_sub(x));
            let scan =
                crate::wrap::fit_with(&app.catalog.ui.summary_scan, room, theme.glyphs.ellipsis);
            put(buf, x, body.y, &scan, room, theme.meta);
            draw_code(part, below, buf, theme);
        }
        _ => {
            let lines: Vec<Line<'_>> = view
                .lines
                .iter()
                .skip(app.list.scroll)
                .map(|l| {
                    Line::from(Span::styled(
                        theme.glyphs.composed(l).into_owned(),
                        theme.text,
                    ))
                })
                .collect();
            let text = Rect {
                x: below.x + 1,
                width: below.width.saturating_sub(2),
                ..below
            };
            put_lines(buf, text, &lines, ratatui::style::Style::new());
        }
    }
    focus
}

/// `text` wrapped to at most 60 columns and centred in `room`.
fn draw_centred(text: &str, room: Rect, buf: &mut Buffer, style: ratatui::style::Style) {
    let w = room.width.saturating_sub(4).clamp(1, 60);
    let lines = wrap_plain(text, usize::from(w));
    let h = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let y0 = room.y + room.height.saturating_sub(h) / 2;
    for (i, l) in lines.iter().enumerate() {
        let lw = u16::try_from(l.width()).unwrap_or(w);
        let x = room.x + room.width.saturating_sub(lw) / 2;
        let y = y0 + u16::try_from(i).unwrap_or(0);
        if y < room.y + room.height {
            put(buf, x, y, l, usize::from(lw), style);
        }
    }
}

/// The save field: what to type, then the name typed so far (its end, when it is longer than
/// the line) with a cursor after it.
fn draw_field(
    app: &App<'_>,
    field: &str,
    room: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) -> Option<Position> {
    let w = usize::from(room.width.saturating_sub(2)).max(1);
    let mut y = room.y + 1;
    for l in wrap_plain(&app.catalog.ui.summary_save_where, w) {
        if y >= room.y + room.height {
            return None;
        }
        put(buf, room.x + 1, y, &l, w, theme.text);
        y += 1;
    }
    y += 1;
    if y >= room.y + room.height {
        return None;
    }
    let shown = crate::wrap::tail(&format!("{field}▏"), w.saturating_sub(2));
    buf.set_style(
        Rect {
            x: room.x + 1,
            y,
            width: u16::try_from(w).unwrap_or(room.width),
            height: 1,
        }
        .intersection(room),
        theme.selected,
    );
    put(
        buf,
        room.x + 2,
        y,
        &shown,
        w.saturating_sub(2),
        theme.selected,
    );
    Some(Position::new(room.x + 2, y))
}

/// One code, centred in `room`, dark modules as glyphs on the light ground of `theme.qr`.
fn draw_code(part: &crate::summary::qr::Part, room: Rect, buf: &mut Buffer, theme: &Theme) {
    let (cols, rows) = part.code.cells();
    let cols = u16::try_from(cols).unwrap_or(u16::MAX);
    let rows = u16::try_from(rows).unwrap_or(u16::MAX);
    let x0 = room.x + room.width.saturating_sub(cols) / 2;
    let y0 = room.y + room.height.saturating_sub(rows) / 2;
    for (i, line) in part.code.rows(Ink::Dark).iter().enumerate() {
        let y = y0 + u16::try_from(i).unwrap_or(0);
        put(buf, x0, y, line, usize::from(cols), theme.qr);
    }
}

/// The action for a mouse event on the summary: the bar's buttons (Print and Save as
/// themselves, so a kiosk's policy sees them), the wheel for the text.
pub fn mouse(app: &App<'_>, body: Area, kind: Mouse, col: u16, row: u16) -> Option<Action> {
    if let Some(w) = wheel(kind, Pane::Answer) {
        return Some(w);
    }
    let parts = summary_view(app).parts.len();
    bar(app, body, parts)
        .into_iter()
        .enumerate()
        .find(|(_, (_, _, a))| a.contains(col, row))
        .map(|(k, (button, _, _))| match button {
            Button::Back => Action::Back,
            Button::Print => Action::Print,
            Button::Save => Action::Save,
            _ => Action::Pick(Pane::Buttons, k),
        })
}
