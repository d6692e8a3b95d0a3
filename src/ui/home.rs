//! The home screen: what the guide offers, the menu (digit, arrows or click), the disclaimer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Mouse, Theme, area, put_lines, theme::MARKER, wrapped};
use crate::app::{Action, App, MENU, Pane};
use crate::layout::{Area, Mode};

/// Rows each menu entry takes: its name and its one-line hint (and a spare row on a touch screen,
/// so every entry is a target three rows tall).
fn entry_rows(mode: Mode) -> u16 {
    2.max(mode.target_rows())
}

/// Where the tagline, each menu entry and the disclaimer go.
fn geometry(r: Area, mode: Mode) -> (Area, Vec<Area>, Area) {
    let entry = entry_rows(mode);
    let width = r.width.min(76);
    let x = r.x + (r.width - width) / 2;
    let entries = u16::try_from(MENU.len()).unwrap_or(5);
    let needed = 3 + entries * entry + 2;
    let top = r.y + r.height.saturating_sub(needed) / 2;
    let tagline = Area {
        x,
        y: top,
        width,
        height: 2.min(r.height),
    };
    let mut y = top + 3;
    let mut rows = Vec::new();
    for _ in 0..entries {
        rows.push(Area {
            x,
            y,
            width,
            height: entry,
        });
        y += entry;
    }
    let disclaimer = Area {
        x,
        y: y + 1,
        width,
        height: 2,
    };
    (tagline, rows, disclaimer)
}

fn clip(a: Area, r: Rect) -> Rect {
    super::rect(a).intersection(r)
}

/// Draws the home screen.
pub fn render(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) {
    let ui = &app.catalog.ui;
    let (tagline, rows, disclaimer) = geometry(area(r), app.mode);
    text_block(
        &app.catalog.meta.tagline,
        clip(tagline, r),
        theme.summary,
        buf,
    );
    let names = [&ui.topics, &ui.compare, &ui.questions, &ui.search, &ui.help];
    for (i, a) in rows.iter().enumerate() {
        let selected = i == app.menu;
        let marker = if selected { MARKER } else { "  " };
        let style = if selected {
            theme.selected
        } else {
            theme.heading
        };
        let hint = ui.home_hints.get(i).map_or("", String::as_str);
        let lines = vec![
            Line::from(vec![Span::styled(
                format!("{marker}{}  {}", i + 1, names[i]),
                style,
            )]),
            Line::from(Span::styled(
                crate::wrap::fit(&format!("     {hint}"), usize::from(clip(*a, r).width)),
                theme.meta,
            )),
        ];
        put_lines(buf, clip(*a, r), &lines, ratatui::style::Style::new());
    }
    text_block(
        &app.catalog.meta.disclaimer,
        clip(disclaimer, r),
        theme.notice,
        buf,
    );
}

/// `text` wrapped into `area` in `style`.
fn text_block(text: &str, area: Rect, style: ratatui::style::Style, buf: &mut Buffer) {
    put_lines(buf, area, &wrapped(text, area.width, style), style);
}

/// The action for a mouse event on the home screen.
pub fn mouse(app: &App<'_>, body: Area, kind: Mouse, col: u16, row: u16) -> Option<Action> {
    let (_, rows, _) = geometry(body, app.mode);
    match kind {
        Mouse::Click => rows
            .iter()
            .position(|a| a.contains(col, row))
            .map(|i| Action::Pick(Pane::Menu, i)),
        _ => None,
    }
}
