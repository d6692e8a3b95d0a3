//! Popups over a screen: help (keys for the screen below, generated from the key table, and what
//! this guide is), a glossary entry, and one comparison cell in full with its sources.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{Mouse, Theme, area, block, page_lines, rect, wheel, window};
use crate::app::overlay;
use crate::app::{Action, App, Overlay, Pane};
use crate::layout::Area;

/// Draws the open popup, laid out by `update` (see [`overlay::frame`]).
pub fn render(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) {
    let (outer, inner, text) = overlay::frame(app, area(r));
    let (title, p) = &*text;
    let (outer, inner) = (rect(outer), rect(inner));
    Clear.render(outer, buf);
    block(title, true, theme).render(outer, buf);
    let scroll = match app.overlay {
        Some(
            Overlay::Help { scroll }
            | Overlay::Glossary { scroll, .. }
            | Overlay::Cell { scroll, .. },
        ) => scroll,
        None => 0,
    };
    let room = p.lines.len().saturating_sub(usize::from(inner.height));
    let scroll = scroll.min(room);
    let lines = page_lines(window(p, scroll, usize::from(inner.height)), theme, None);
    Paragraph::new(lines).render(inner, buf);
    super::more_signs(
        app,
        buf,
        outer.right().saturating_sub(1),
        (outer.y, scroll > 0),
        (outer.bottom().saturating_sub(1), scroll < room),
        theme,
    );
}

/// The action for a mouse event while a popup is open: a click closes it, the wheel scrolls it.
pub fn mouse(_app: &App<'_>, _body: Area, kind: Mouse, _col: u16, _row: u16) -> Option<Action> {
    wheel(kind, Pane::Popup).or(Some(Action::Pick(Pane::Popup, 0)))
}
