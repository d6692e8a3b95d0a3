//! The open popup's words and box: help (keys for the screen below, from the key table, and what
//! this guide is), a glossary entry, or one comparison cell in full with its sources, laid out for
//! the box it gets, and how far it scrolls. Must not import `ratatui`.

use std::sync::Arc;

use super::compare::matrix;
use super::{Action, App, Go, Nav, Pane};
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

/// A popup over the current screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Keys and about.
    Help {
        /// Lines scrolled.
        scroll: usize,
    },
    /// A glossary entry.
    Glossary {
        /// The term's index.
        term: usize,
        /// Lines scrolled.
        scroll: usize,
        /// The link of the definition that has the focus (Tab), if any.
        link: Option<usize>,
    },
    /// One comparison cell in full, with its sources.
    Cell {
        /// The value row (index among attribute rows).
        row: usize,
        /// The column.
        col: usize,
        /// Lines scrolled.
        scroll: usize,
    },
}

impl Overlay {
    /// Lines the popup is scrolled.
    #[must_use]
    pub fn scroll(self) -> usize {
        match self {
            Overlay::Help { scroll }
            | Overlay::Glossary { scroll, .. }
            | Overlay::Cell { scroll, .. } => scroll,
        }
    }

    /// The same popup scrolled to the top: what it shows, without where.
    #[must_use]
    pub fn unscrolled(self) -> Overlay {
        match self {
            Overlay::Help { .. } => Overlay::Help { scroll: 0 },
            Overlay::Glossary { term, .. } => Overlay::Glossary {
                term,
                scroll: 0,
                link: None,
            },
            Overlay::Cell { row, col, .. } => Overlay::Cell {
                row,
                col,
                scroll: 0,
            },
        }
    }

    /// Handles an action while the popup is open, given its laid-out `text` and the `inner` area
    /// it shows in (see [`frame`]): scrolling and moving between links here; following a link,
    /// opening a cell's topic or closing are asked of [`App::navigate`].
    pub fn update(
        &mut self,
        catalog: &crate::content::Catalog,
        text: &Page,
        inner: Area,
        action: Action,
    ) -> Option<Nav> {
        let room = text.lines.len().saturating_sub(usize::from(inner.height));
        let scroll = match self {
            Overlay::Help { scroll }
            | Overlay::Glossary { scroll, .. }
            | Overlay::Cell { scroll, .. } => scroll,
        };
        match action {
            Action::Up | Action::WheelUp(_) => *scroll = scroll.saturating_sub(1),
            Action::Down | Action::WheelDown(_) => *scroll = scroll.saturating_add(1).min(room),
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::PageDown => *scroll = scroll.saturating_add(10).min(room),
            Action::NextLink => self.move_link(text, inner, true),
            Action::PrevLink => self.move_link(text, inner, false),
            Action::PickLink(l) => return follow_link(catalog, text, l),
            Action::Activate => {
                // Enter on a link follows it; on a cell it opens the item's topic; anywhere else
                // it closes the popup.
                return match *self {
                    Overlay::Glossary { link: Some(l), .. } => follow_link(catalog, text, l),
                    Overlay::Cell { col, .. } => Some(Nav::ColumnTopic(col)),
                    _ => Some(Nav::LeavePopup(None)),
                };
            }
            Action::Pick(Pane::Popup, _) => return Some(Nav::LeavePopup(None)),
            _ => {}
        }
        None
    }

    /// Moves the focus to the next (or previous) link of a glossary popup, scrolling it into
    /// view.
    fn move_link(&mut self, text: &Page, inner: Area, forward: bool) {
        let links = &text.links;
        let view = usize::from(inner.height).max(1);
        let room = text.lines.len().saturating_sub(view);
        let Overlay::Glossary { scroll, link, .. } = self else {
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
}

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

/// Follows link `l` of the popup's text: the popup closes and the link opens, remembering the
/// place (the popup closes even when the link leads nowhere).
fn follow_link(catalog: &crate::content::Catalog, text: &Page, l: usize) -> Option<Nav> {
    let (target, _) = text.links.get(l)?;
    Some(Nav::LeavePopup(Go::link(catalog, target)))
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
            // Only what works here: the kiosk never quits, for one.
            for (keys, help) in keymap::help_where(app.screen_layer(), &|a| app.offers(a)) {
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
