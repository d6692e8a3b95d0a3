//! Popups over a screen: help (keys for the screen below, generated from the key table, and what
//! this guide is), a glossary entry, and one comparison cell in full with its sources.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Paragraph, Widget};

use super::{Mouse, Theme, area, block, page_lines, rect, wheel, window};
use crate::app::overlay;
use crate::app::{Action, App, Overlay, Pane};
use crate::layout::Area;

/// Draws the open popup, laid out by `update` (see [`overlay::frame`]); returns where its focused
/// link starts, else its first cell inside the border (for the terminal's cursor).
pub fn render(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) -> Option<Position> {
    let (outer, inner, text) = overlay::frame(app, area(r));
    let (title, p) = &*text;
    let (outer, inner) = (rect(outer), rect(inner));
    super::clear(outer, buf, theme);
    block(title, true, theme).render(outer, buf);
    let scroll = app.overlay.map_or(0, Overlay::scroll);
    let room = p.lines.len().saturating_sub(usize::from(inner.height));
    let scroll = scroll.min(room);
    let focus = match app.overlay {
        Some(Overlay::Glossary { link, .. }) => link,
        _ => None,
    };
    let shown = window(p, scroll, usize::from(inner.height));
    let lines = page_lines(shown, theme, focus);
    Paragraph::new(lines).render(inner, buf);
    super::more_signs(
        app,
        buf,
        outer.right().saturating_sub(1),
        (outer.y, scroll > 0),
        (outer.bottom().saturating_sub(1), scroll < room),
        theme,
    );
    let inner = inner.intersection(r);
    super::link_position(shown, inner, focus).or((!inner.is_empty()).then_some(inner.as_position()))
}

/// The action for a mouse event while a popup is open: a click on a link follows it, a click
/// anywhere else closes the popup, the wheel scrolls it.
pub fn mouse(app: &App<'_>, body: Area, kind: Mouse, col: u16, row: u16) -> Action {
    if let Some(w) = wheel(kind, Pane::Popup) {
        return w;
    }
    let (_, inner, text) = overlay::frame(app, body);
    if inner.contains(col, row) {
        let scroll = app.overlay.map_or(0, Overlay::scroll);
        let room = text.1.lines.len().saturating_sub(usize::from(inner.height));
        let line = text
            .1
            .lines
            .get(scroll.min(room) + usize::from(row - inner.y));
        if let Some(l) = line.and_then(|line| super::link_at(line, inner.x, col)) {
            return Action::PickLink(l);
        }
    }
    Action::Pick(Pane::Popup, 0)
}
