//! Popups over a screen: help (keys for the screen below, generated from the key table, and what
//! this guide is), a glossary entry, and one comparison cell in full with its sources.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{Mouse, Theme, area, block, centered, layout_inner, page_lines, wheel, window};
use crate::app::compare::matrix;
use crate::app::{Action, App, Overlay, Pane};
use crate::compare::Row;
use crate::keymap;
use crate::layout::Area;
use crate::page::{self, LineKind, Page, PageLine};
use crate::wrap::{self, Line as WLine};

fn boxed(body: Area) -> Area {
    area(centered(
        super::rect(body),
        84,
        body.height.saturating_sub(2).max(body.height.min(3)),
    ))
}

fn plain(p: &mut Page, kind: LineKind, text: &str, width: usize) {
    for l in wrap::wrap_plain(text, width) {
        let span = crate::markup::Span {
            text: l,
            strong: matches!(kind, LineKind::Heading | LineKind::Title),
            ..Default::default()
        };
        p.lines.push(PageLine {
            kind,
            line: WLine {
                indent: 0,
                spans: vec![span],
            },
        });
    }
}

fn blank(p: &mut Page) {
    p.lines.push(PageLine {
        kind: LineKind::Blank,
        line: WLine::default(),
    });
}

/// The popup's title and content for a width.
fn content(app: &App<'_>, width: usize) -> (String, Page) {
    let c = app.catalog;
    let ui = &c.ui;
    match app.overlay {
        Some(Overlay::Help { .. }) => {
            let mut p = Page::default();
            plain(&mut p, LineKind::Summary, &c.meta.tagline, width);
            plain(&mut p, LineKind::Meta, &c.meta.disclaimer, width);
            blank(&mut p);
            plain(&mut p, LineKind::Heading, &ui.keys, width);
            for (keys, help) in keymap::help(app.screen_layer()) {
                let help = ui.key_help(help);
                plain(&mut p, LineKind::Body, &format!("{keys:<16}{help}"), width);
            }
            blank(&mut p);
            let version = format!(
                "{}: {} · {}: {}",
                ui.content_version, c.meta.content_version, ui.last_reviewed, c.meta.reviewed
            );
            plain(&mut p, LineKind::Meta, &version, width);
            (ui.help.clone(), p)
        }
        Some(Overlay::Glossary { term, .. }) => (ui.glossary.clone(), page::term(c, term, width)),
        Some(Overlay::Cell { row, col, .. }) => {
            (ui.cell_detail.clone(), cell(app, row, col, width))
        }
        None => (String::new(), Page::default()),
    }
}

fn cell(app: &App<'_>, row: usize, col: usize, width: usize) -> Page {
    let c = app.catalog;
    let mut p = Page::default();
    let Some(m) = matrix(app) else { return p };
    let set = &c.sets[app.compare.set];
    let Some(&r) = m.value_rows().get(row) else {
        return p;
    };
    let Row::Values { label, cells, .. } = &m.rows[r] else {
        return p;
    };
    let Some(&item) = m.columns.get(col) else {
        return p;
    };
    plain(
        &mut p,
        LineKind::Title,
        &format!("{} · {label}", set.items[item].name),
        width,
    );
    blank(&mut p);
    match cells.get(col).copied().flatten() {
        Some(cell) => {
            plain(&mut p, LineKind::Body, &cell.text, width);
            page::sources_line(&mut p, c, &cell.sources, width);
        }
        None => plain(&mut p, LineKind::Body, &c.ui.no_value, width),
    }
    p
}

/// Draws the open popup.
pub fn render(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) {
    let mut outer = super::rect(boxed(area(r)));
    let (title, p) = content(
        app,
        usize::from(layout_inner(outer).width.saturating_sub(1)),
    );
    // Fit the box to its text, centred, when the text is short.
    let wanted = u16::try_from(p.lines.len() + 2).unwrap_or(u16::MAX).max(3);
    if wanted < outer.height {
        outer = centered(r, outer.width, wanted);
    }
    Clear.render(outer, buf);
    let inner = layout_inner(outer);
    block(&title, true, theme).render(outer, buf);
    let scroll = match app.overlay {
        Some(
            Overlay::Help { scroll }
            | Overlay::Glossary { scroll, .. }
            | Overlay::Cell { scroll, .. },
        ) => scroll,
        None => 0,
    };
    let room = p.lines.len().saturating_sub(usize::from(inner.height));
    if let Some(o) = app.overlay {
        app.scroll_room.set_popup(o, app.size, room);
    }
    let scroll = scroll.min(room);
    let lines = page_lines(window(&p, scroll, usize::from(inner.height)), theme, None);
    Paragraph::new(lines).render(inner, buf);
}

/// The action for a mouse event while a popup is open: a click closes it, the wheel scrolls it.
pub fn mouse(_app: &App<'_>, _body: Area, kind: Mouse, _col: u16, _row: u16) -> Option<Action> {
    wheel(kind, Pane::Popup).or(Some(Action::Pick(Pane::Popup, 0)))
}
