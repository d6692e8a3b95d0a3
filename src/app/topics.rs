//! Topic browser state: the category → topic → section tree, the open topic, its scroll position
//! and the focused link. Must not import `ratatui` or `crossterm`.

use super::{Action, App, Cx, Go, Nav, Pane};
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
    app.topics.reading_view()
}

/// The text area of the reading pane for the current terminal size.
#[must_use]
pub fn reader_area(app: &App<'_>) -> Area {
    app.topics.reader_area(&Cx::of(app))
}

/// The width topics are laid out to in the reading pane at the current size.
#[must_use]
pub fn reading_width(app: &App<'_>) -> usize {
    app.topics.reading_width(&Cx::of(app))
}

/// The open topic laid out for the reading pane (empty when none is open); laid out once per topic
/// and width.
#[must_use]
pub fn page(app: &App<'_>) -> Arc<Page> {
    app.topics.page(&Cx::of(app))
}

impl TopicsState {
    /// Whether the reading view is shown: asked for, with a topic open.
    #[must_use]
    pub fn reading_view(&self) -> bool {
        self.reading && self.open.is_some()
    }

    /// The text area of the reading pane in `cx`'s body.
    #[must_use]
    pub fn reader_area(&self, cx: &Cx<'_, '_>) -> Area {
        if self.reading_view() {
            return layout::reading_view(cx.body()).text;
        }
        let inner = layout::inner(layout::topics_split(cx.body(), cx.mode.target_rows()).reader);
        // One column of padding on each side keeps text off the border and the scroll bar.
        Area {
            x: inner.x.saturating_add(1),
            width: inner.width.saturating_sub(2),
            ..inner
        }
    }

    /// The width topics are laid out to in the reading pane.
    #[must_use]
    pub fn reading_width(&self, cx: &Cx<'_, '_>) -> usize {
        page::reading_width(usize::from(self.reader_area(cx).width))
    }

    /// The open topic laid out for the reading pane (empty when none is open).
    #[must_use]
    pub fn page(&self, cx: &Cx<'_, '_>) -> Arc<Page> {
        match self.open {
            Some(t) => {
                let width = self.reading_width(cx);
                cx.laid
                    .page
                    .get(&(t, width), || page::topic(cx.catalog, t, width))
            }
            None => Arc::default(),
        }
    }

    /// Opens topic `t` in the reading pane, at section `section` if given, with the reader
    /// focused.
    pub fn open(&mut self, cx: &Cx<'_, '_>, t: usize, section: Option<usize>) {
        self.open = Some(t);
        self.focus = Focus::Reader;
        self.scroll = 0;
        self.link = None;
        let rows = tree_rows(cx.catalog, Some(t));
        let wanted = section.map_or(TreeRow::Topic(t), |sec| TreeRow::Section(t, sec));
        self.row = rows.iter().position(|r| *r == wanted).unwrap_or(0);
        if let Some(sec) = section {
            self.scroll = self.page(cx).sections.get(sec).copied().unwrap_or(0);
        }
        self.clamp(cx);
    }

    /// Keeps the selection and scroll position in range (after a resize or a change of topic).
    pub fn clamp(&mut self, cx: &Cx<'_, '_>) {
        let rows = tree_rows(cx.catalog, self.open).len();
        self.row = self.row.min(rows.saturating_sub(1));
        let p = self.page(cx);
        let view = usize::from(self.reader_area(cx).height);
        self.scroll = self.scroll.min(p.lines.len().saturating_sub(view));
        if self.link.is_some_and(|l| l >= p.links.len()) {
            self.link = None;
        }
    }

    /// Back with nothing remembered: from the text to the list (true); from the list, the
    /// screen is left for Home (false).
    pub fn up(&mut self) -> bool {
        let from_text = self.focus == Focus::Reader;
        self.focus = Focus::List;
        from_text
    }

    fn select(&mut self, cx: &Cx<'_, '_>, delta: isize) {
        let rows = tree_rows(cx.catalog, self.open);
        let mut at = self.row;
        loop {
            match at.checked_add_signed(delta) {
                Some(n) if n < rows.len() => {
                    at = n;
                    if !matches!(rows[n], TreeRow::Category(_)) {
                        self.row = n;
                        return;
                    }
                }
                _ => return,
            }
        }
    }

    fn activate_row(&mut self, cx: &Cx<'_, '_>) {
        match tree_rows(cx.catalog, self.open).get(self.row) {
            Some(TreeRow::Topic(t)) => self.open(cx, *t, None),
            Some(TreeRow::Section(t, s)) => self.open(cx, *t, Some(*s)),
            _ => {}
        }
    }

    fn scroll_by(&mut self, cx: &Cx<'_, '_>, delta: isize) {
        self.scroll = self.scroll.saturating_add_signed(delta);
        self.clamp(cx);
    }

    fn move_link(&mut self, cx: &Cx<'_, '_>, forward: bool) {
        let p = self.page(cx);
        if p.links.is_empty() {
            return;
        }
        let n = p.links.len();
        let next = match (self.link, forward) {
            (None, true) => (0..n).find(|&i| p.links[i].1 >= self.scroll).unwrap_or(0),
            (None, false) => n - 1,
            (Some(l), true) => (l + 1) % n,
            (Some(l), false) => (l + n - 1) % n,
        };
        self.link = Some(next);
        let line = p.links[next].1;
        let view = usize::from(self.reader_area(cx).height).max(1);
        if line < self.scroll || line >= self.scroll + view {
            self.scroll = line.saturating_sub(view / 3);
            self.clamp(cx);
        }
    }

    fn follow_link(&mut self, cx: &Cx<'_, '_>, link: usize) -> Option<Nav> {
        let p = self.page(cx);
        let (target, _) = p.links.get(link)?;
        self.link = Some(link);
        Go::link(cx.catalog, target).map(Nav::Go)
    }

    /// The reading view on or off. Asked for on the list with no topic open, it opens the
    /// selected one in it.
    fn toggle_reading(&mut self, cx: &Cx<'_, '_>) {
        if self.open.is_none() {
            self.activate_row(cx);
            if self.open.is_none() {
                return;
            }
        }
        self.set_reading(cx, !self.reading);
        self.focus = Focus::Reader;
    }

    /// Turns the reading view on or off, keeping the place: the text is laid out again for the
    /// new width, and the line at the top is the one in the same section, as far into it.
    pub fn set_reading(&mut self, cx: &Cx<'_, '_>, on: bool) {
        let before = self.page(cx);
        let scroll = self.scroll;
        self.reading = on;
        let after = self.page(cx);
        self.scroll = same_place(&before, &after, scroll);
        self.clamp(cx);
    }

    /// Handles an action on the topics screen; a link followed is asked of `App::navigate`.
    pub fn update(&mut self, cx: &Cx<'_, '_>, action: Action) -> Option<Nav> {
        // A page keeps one line of the last in view.
        let page_h =
            isize::try_from(self.reader_area(cx).height.saturating_sub(1).max(1)).unwrap_or(1);
        match (self.focus, action) {
            (_, Action::ReadingView) => self.toggle_reading(cx),
            (_, Action::Left) if self.reading_view() => {
                self.set_reading(cx, false);
                self.focus = Focus::List;
            }
            (_, Action::Pick(Pane::TopicList, row)) => {
                self.row = row;
                self.activate_row(cx);
            }
            (_, Action::PickLink(l)) => return self.follow_link(cx, l),
            (_, Action::WheelUp(Pane::Reader)) => self.scroll_by(cx, -3),
            (_, Action::WheelDown(Pane::Reader)) => self.scroll_by(cx, 3),
            (_, Action::WheelUp(Pane::TopicList)) | (Focus::List, Action::Up) => {
                self.select(cx, -1);
            }
            (_, Action::WheelDown(Pane::TopicList)) | (Focus::List, Action::Down) => {
                self.select(cx, 1);
            }
            (Focus::List, Action::First) => {
                self.row = 0;
                self.select(cx, 1);
            }
            (Focus::List, Action::Last) => {
                self.row = tree_rows(cx.catalog, self.open).len();
                self.select(cx, -1);
            }
            (Focus::List, Action::Activate) => self.activate_row(cx),
            (Focus::List, Action::Right) if self.open.is_some() => self.focus = Focus::Reader,
            (Focus::Reader, Action::Up) => self.scroll_by(cx, -1),
            (Focus::Reader, Action::Down) => self.scroll_by(cx, 1),
            (Focus::Reader, Action::PageUp) => self.scroll_by(cx, -page_h),
            (Focus::Reader, Action::PageDown) => self.scroll_by(cx, page_h),
            (Focus::Reader, Action::First) => self.scroll = 0,
            (Focus::Reader, Action::Last) => self.scroll_by(cx, isize::MAX / 2),
            (Focus::Reader, Action::NextLink) => self.move_link(cx, true),
            (Focus::Reader, Action::PrevLink) => self.move_link(cx, false),
            (Focus::Reader, Action::Activate) => {
                if let Some(l) = self.link {
                    return self.follow_link(cx, l);
                }
            }
            (Focus::Reader, Action::Left) => self.focus = Focus::List,
            _ => {}
        }
        None
    }
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
