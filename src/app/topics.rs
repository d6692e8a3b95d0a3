//! Topic browser state: the category → topic → section tree, the open topic, its scroll position
//! and the focused link. Must not import `ratatui` or `crossterm`.

use super::{Action, App, Pane};
use crate::content::Catalog;
use crate::layout::{self, Area};
use std::sync::Arc;

use crate::page::{self, Page};

/// Which half of the topics screen has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The topic list.
    List,
    /// The reading pane.
    Reader,
}

/// A row of the topic list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreeRow {
    /// A category heading (not selectable).
    Category(usize),
    /// A topic.
    Topic(usize),
    /// A section of the open topic: (topic, section).
    Section(usize, usize),
}

/// Topic browser state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicsState {
    /// The selected row of [`tree_rows`].
    pub row: usize,
    /// The topic shown in the reading pane.
    pub open: Option<usize>,
    /// Lines scrolled in the reading pane.
    pub scroll: usize,
    /// The focused link of the open page.
    pub link: Option<usize>,
    /// Which half has the keys.
    pub focus: Focus,
    /// The reading view: the open topic's text alone, with the whole width and height.
    pub reading: bool,
}

impl TopicsState {
    /// The list with the first topic selected and nothing open.
    #[must_use]
    pub fn new(catalog: &Catalog) -> Self {
        let row = tree_rows(catalog, None)
            .iter()
            .position(|r| matches!(r, TreeRow::Topic(_)))
            .unwrap_or(0);
        Self {
            row,
            open: None,
            scroll: 0,
            link: None,
            focus: Focus::List,
            reading: false,
        }
    }
}

/// The rows of the topic list: categories with their topics; the open topic's sections under it.
#[must_use]
pub fn tree_rows(catalog: &Catalog, open: Option<usize>) -> Vec<TreeRow> {
    let mut rows = Vec::with_capacity(catalog.topics.len() + catalog.categories.len() + 8);
    for (ci, _) in catalog.categories.iter().enumerate() {
        rows.push(TreeRow::Category(ci));
        for (ti, t) in catalog
            .topics
            .iter()
            .enumerate()
            .filter(|(_, t)| t.category == ci)
        {
            rows.push(TreeRow::Topic(ti));
            if open == Some(ti) {
                rows.extend((0..t.sections.len()).map(|s| TreeRow::Section(ti, s)));
            }
        }
    }
    rows
}

/// Whether the reading view is shown: asked for, with a topic open.
#[must_use]
pub fn reading_view(app: &App<'_>) -> bool {
    app.topics.reading && app.topics.open.is_some()
}

/// The text area of the reading pane for the current terminal size.
#[must_use]
pub fn reader_area(app: &App<'_>) -> Area {
    if reading_view(app) {
        return layout::reading_view(app.chrome().body).text;
    }
    let inner =
        layout::inner(layout::topics_split(app.chrome().body, app.mode.target_rows()).reader);
    // One column of padding on each side keeps text off the border and the scroll bar.
    Area {
        x: inner.x.saturating_add(1),
        width: inner.width.saturating_sub(2),
        ..inner
    }
}

/// The width topics are laid out to in the reading pane at the current size.
#[must_use]
pub fn reading_width(app: &App<'_>) -> usize {
    page::reading_width(usize::from(reader_area(app).width))
}

/// The open topic laid out for the reading pane (empty when none is open); laid out once per topic
/// and width.
#[must_use]
pub fn page(app: &App<'_>) -> Arc<Page> {
    match app.topics.open {
        Some(t) => {
            let width = reading_width(app);
            app.laid
                .page
                .get(&(t, width), || page::topic(app.catalog, t, width))
        }
        None => Arc::default(),
    }
}

/// Opens topic `t` in the reading pane, at section `section` if given, with the reader focused.
pub fn open(app: &mut App<'_>, t: usize, section: Option<usize>) {
    let s = &mut app.topics;
    s.open = Some(t);
    s.focus = Focus::Reader;
    s.scroll = 0;
    s.link = None;
    let rows = tree_rows(app.catalog, Some(t));
    let wanted = section.map_or(TreeRow::Topic(t), |sec| TreeRow::Section(t, sec));
    app.topics.row = rows.iter().position(|r| *r == wanted).unwrap_or(0);
    if let Some(sec) = section {
        app.topics.scroll = page(app).sections.get(sec).copied().unwrap_or(0);
    }
    clamp(app);
}

/// Keeps the selection and scroll position in range (after a resize or a change of topic).
pub fn clamp(app: &mut App<'_>) {
    let rows = tree_rows(app.catalog, app.topics.open).len();
    app.topics.row = app.topics.row.min(rows.saturating_sub(1));
    let p = page(app);
    let view = usize::from(reader_area(app).height);
    app.topics.scroll = app.topics.scroll.min(p.lines.len().saturating_sub(view));
    if app.topics.link.is_some_and(|l| l >= p.links.len()) {
        app.topics.link = None;
    }
}

/// Back with no history: from the text to the list, from the list to home.
pub fn back(app: &mut App<'_>) {
    if app.topics.focus == Focus::Reader {
        app.topics.focus = Focus::List;
    } else {
        app.screen = super::Screen::Home;
    }
}

fn select(app: &mut App<'_>, delta: isize) {
    let rows = tree_rows(app.catalog, app.topics.open);
    let mut at = app.topics.row;
    loop {
        match at.checked_add_signed(delta) {
            Some(n) if n < rows.len() => {
                at = n;
                if !matches!(rows[n], TreeRow::Category(_)) {
                    app.topics.row = n;
                    return;
                }
            }
            _ => return,
        }
    }
}

fn activate_row(app: &mut App<'_>) {
    match tree_rows(app.catalog, app.topics.open).get(app.topics.row) {
        Some(TreeRow::Topic(t)) => open(app, *t, None),
        Some(TreeRow::Section(t, s)) => open(app, *t, Some(*s)),
        _ => {}
    }
}

fn scroll_by(app: &mut App<'_>, delta: isize) {
    app.topics.scroll = app.topics.scroll.saturating_add_signed(delta);
    clamp(app);
}

fn move_link(app: &mut App<'_>, forward: bool) {
    let p = page(app);
    if p.links.is_empty() {
        return;
    }
    let n = p.links.len();
    let next = match (app.topics.link, forward) {
        (None, true) => (0..n)
            .find(|&i| p.links[i].1 >= app.topics.scroll)
            .unwrap_or(0),
        (None, false) => n - 1,
        (Some(l), true) => (l + 1) % n,
        (Some(l), false) => (l + n - 1) % n,
    };
    app.topics.link = Some(next);
    let line = p.links[next].1;
    let view = usize::from(reader_area(app).height).max(1);
    if line < app.topics.scroll || line >= app.topics.scroll + view {
        app.topics.scroll = line.saturating_sub(view / 3);
        clamp(app);
    }
}

fn follow_link(app: &mut App<'_>, link: usize) {
    let p = page(app);
    if let Some((target, _)) = p.links.get(link) {
        app.topics.link = Some(link);
        app.follow(target);
    }
}

/// The reading view on or off. Asked for on the list with no topic open, it opens the selected
/// one in it.
fn toggle_reading(app: &mut App<'_>) {
    if app.topics.open.is_none() {
        activate_row(app);
        if app.topics.open.is_none() {
            return;
        }
    }
    set_reading(app, !app.topics.reading);
    app.topics.focus = Focus::Reader;
}

/// Turns the reading view on or off, keeping the place: the text is laid out again for the new
/// width, and the line at the top is the one in the same section, as far into it.
pub fn set_reading(app: &mut App<'_>, on: bool) {
    let before = page(app);
    let scroll = app.topics.scroll;
    app.topics.reading = on;
    let after = page(app);
    app.topics.scroll = same_place(&before, &after, scroll);
    clamp(app);
}

/// Line `scroll` of `before` as a line of `after`, the same text wrapped to another width: the
/// line holding the same character (spaces aside; a blank line counts as one).
fn same_place(before: &Page, after: &Page, scroll: usize) -> usize {
    let len = |l: &page::PageLine| {
        l.line
            .spans
            .iter()
            .map(|s| s.text.chars().filter(|c| !c.is_whitespace()).count())
            .sum::<usize>()
            .max(1)
    };
    let at: usize = before.lines.iter().take(scroll).map(len).sum();
    let mut seen = 0;
    for (i, l) in after.lines.iter().enumerate() {
        seen += len(l);
        if seen > at {
            return i;
        }
    }
    after.lines.len()
}

/// Handles an action on the topics screen.
pub fn update(app: &mut App<'_>, action: Action) {
    // A page keeps one line of the last in view.
    let page_h = isize::try_from(reader_area(app).height.saturating_sub(1).max(1)).unwrap_or(1);
    match (app.topics.focus, action) {
        (_, Action::ReadingView) => toggle_reading(app),
        (_, Action::Left) if reading_view(app) => {
            set_reading(app, false);
            app.topics.focus = Focus::List;
        }
        (_, Action::Pick(Pane::TopicList, row)) => {
            app.topics.row = row;
            activate_row(app);
        }
        (_, Action::PickLink(l)) => follow_link(app, l),
        (_, Action::WheelUp(Pane::Reader)) => scroll_by(app, -3),
        (_, Action::WheelDown(Pane::Reader)) => scroll_by(app, 3),
        (_, Action::WheelUp(Pane::TopicList)) | (Focus::List, Action::Up) => select(app, -1),
        (_, Action::WheelDown(Pane::TopicList)) | (Focus::List, Action::Down) => select(app, 1),
        (Focus::List, Action::First) => {
            app.topics.row = 0;
            select(app, 1);
        }
        (Focus::List, Action::Last) => {
            app.topics.row = tree_rows(app.catalog, app.topics.open).len();
            select(app, -1);
        }
        (Focus::List, Action::Activate) => activate_row(app),
        (Focus::List, Action::Right) if app.topics.open.is_some() => {
            app.topics.focus = Focus::Reader;
        }
        (Focus::Reader, Action::Up) => scroll_by(app, -1),
        (Focus::Reader, Action::Down) => scroll_by(app, 1),
        (Focus::Reader, Action::PageUp) => scroll_by(app, -page_h),
        (Focus::Reader, Action::PageDown) => scroll_by(app, page_h),
        (Focus::Reader, Action::First) => app.topics.scroll = 0,
        (Focus::Reader, Action::Last) => scroll_by(app, isize::MAX / 2),
        (Focus::Reader, Action::NextLink) => move_link(app, true),
        (Focus::Reader, Action::PrevLink) => move_link(app, false),
        (Focus::Reader, Action::Activate) => {
            if let Some(l) = app.topics.link {
                follow_link(app, l);
            }
        }
        (Focus::Reader, Action::Left) => app.topics.focus = Focus::List,
        _ => {}
    }
}
