//! The open popup's words and box: help (keys for the screen below, from the key table, and what
//! this guide is), a glossary entry, or one comparison cell in full with its sources, laid out for
//! the box it gets, and how far it scrolls. Must not import `ratatui`.

use std::sync::Arc;

use super::compare::matrix;
use super::{App, Overlay};
use crate::compare::Row;
use crate::keymap;
use crate::layout::{self, Area};
use crate::page::{self, LineKind, Page, PageLine};
use crate::wrap::{self, Line as WLine};

/// What a popup's layout depends on: the popup (unscrolled), the text width and the screen's
/// layer (help lists its keys).
pub type PopupKey = (Overlay, usize, crate::keymap::Layer);

/// The popup's title and laid-out text.
pub type PopupText = (String, Page);

/// Where the open popup goes in `body`: the box (border included), the text inside it, and its
/// title and text. The box shrinks to short text, centred.
#[must_use]
pub fn frame(app: &App<'_>, body: Area) -> (Area, Area, Arc<PopupText>) {
    let mut outer = boxed(body);
    let text = text(app, body);
    let wanted = u16::try_from(text.1.lines.len() + 2)
        .unwrap_or(u16::MAX)
        .max(3);
    if wanted < outer.height {
        outer = layout::centered(body, outer.width, wanted);
    }
    (outer, layout::inner(outer), text)
}

/// The key of the open popup laid out for `body`.
#[must_use]
pub fn key(app: &App<'_>, body: Area) -> Option<PopupKey> {
    let width = usize::from(layout::inner(boxed(body)).width.saturating_sub(1));
    app.overlay
        .map(|o| (o.unscrolled(), width, app.screen_layer()))
}

/// The open popup's title and text laid out for `body` (kept by `update`, so a frame only reads).
#[must_use]
pub fn text(app: &App<'_>, body: Area) -> Arc<PopupText> {
    match key(app, body) {
        Some(k) => app.laid.popup.get(&k, || content(app, k.1)),
        None => Arc::default(),
    }
}

/// How far the open popup can scroll at the current size.
#[must_use]
pub fn room(app: &App<'_>) -> usize {
    let (_, inner, text) = frame(app, app.chrome().body);
    text.1.lines.len().saturating_sub(usize::from(inner.height))
}

/// Moves the focus to the next (or previous) link of a glossary popup, scrolling it into view.
pub fn move_link(app: &mut App<'_>, forward: bool) {
    let (_, inner, text) = frame(app, app.chrome().body);
    let links = &text.1.links;
    let view = usize::from(inner.height).max(1);
    let room = text.1.lines.len().saturating_sub(view);
    let Some(Overlay::Glossary { scroll, link, .. }) = app.overlay.as_mut() else {
        return;
    };
    let count = links.len();
    if count == 0 {
        return;
    }
    let next = match (*link, forward) {
        (None, true) => (0..count).find(|&i| links[i].1 >= *scroll).unwrap_or(0),
        (None, false) => count - 1,
        (Some(l), true) => (l + 1) % count,
        (Some(l), false) => (l + count - 1) % count,
    };
    *link = Some(next);
    let line = links[next].1;
    if line < *scroll || line >= *scroll + view {
        *scroll = line.saturating_sub(view / 3).min(room);
    }
}

/// Follows link `l` of the open popup: the popup closes and the link opens, remembering the place.
pub fn follow_link(app: &mut App<'_>, l: usize) {
    let text = text(app, app.chrome().body);
    if let Some((target, _)) = text.1.links.get(l) {
        app.overlay = None;
        app.follow(target);
    }
}

/// The largest box a popup takes in `body` (it shrinks to short text, see [`frame`]).
#[must_use]
pub fn boxed(body: Area) -> Area {
    layout::centered(
        body,
        84,
        body.height.saturating_sub(2).max(body.height.min(3)),
    )
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
#[must_use]
pub fn content(app: &App<'_>, width: usize) -> (String, Page) {
    let c = app.catalog;
    let ui = &c.ui;
    match app.overlay {
        Some(Overlay::Help { .. }) => {
            let mut p = Page::default();
            plain(&mut p, LineKind::Summary, &c.meta.tagline, width);
            plain(&mut p, LineKind::Meta, &c.meta.disclaimer, width);
            blank(&mut p);
            plain(&mut p, LineKind::Heading, &ui.keys, width);
            // The kiosk never quits, so its help does not offer it.
            let kiosk = app.mode == crate::layout::Mode::Kiosk;
            let off = app.search_off;
            let keeps = app.saved.on;
            let works = |a: &super::Action| {
                !(kiosk && *a == super::Action::Quit
                    || off && *a == super::Action::OpenSearch
                    || !keeps && *a == super::Action::Bookmark)
            };
            for (keys, help) in keymap::help_where(app.screen_layer(), &works) {
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
