//! What the screens show, worked out from the state: the open topic and the answer laid out for
//! their panes, the comparison table and its cells wrapped, the popup's text, the summary's text
//! and QR codes. `update` refreshes
//! them after every action ([`App::settle`]), so a frame only reads them and the keys that scroll
//! know where each pane ends. Must not import `ratatui` or `crossterm`.

use std::sync::Arc;

use super::overlay::{PopupKey, PopupText};
use super::table::CellsKey;
use super::{
    App, Screen, WrappedCells, compare, overlay, questions, summary_screen, table, topics,
};
use crate::compare::Matrix;
use crate::page::Page;

/// One value worked out from the state, with what it was worked out from. Keys that only move or
/// scroll find it kept and lay nothing out again; it is shared by pointer, so cloning an app
/// stays cheap.
#[derive(Debug, Clone, PartialEq)]
pub struct Memo<K, V>(Option<(K, Arc<V>)>);

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo(None)
    }
}

impl<K: PartialEq + Clone, V> Memo<K, V> {
    /// The value for `key`: the kept one, or one made by `make` now (and not kept: only
    /// [`App::settle`] keeps values, so reading never changes the app).
    pub fn get(&self, key: &K, make: impl FnOnce() -> V) -> Arc<V> {
        match &self.0 {
            Some((k, v)) if k == key => Arc::clone(v),
            _ => Arc::new(make()),
        }
    }

    /// Keeps the value for `key`, made by `make` unless the kept one is already for `key`.
    fn keep(&mut self, key: K, make: impl FnOnce() -> V) {
        if !matches!(&self.0, Some((k, _)) if *k == key) {
            self.0 = Some((key, Arc::new(make())));
        }
    }

    /// Whether the kept value is for `key`.
    fn holds(&self, key: &K) -> bool {
        matches!(&self.0, Some((k, _)) if k == key)
    }

    /// Keeps `value` for `key`.
    fn set(&mut self, key: K, value: V) {
        self.0 = Some((key, Arc::new(value)));
    }

    /// Forgets the kept value.
    fn clear(&mut self) {
        self.0 = None;
    }
}

/// The values the current screen needs, kept for its state and size. What is kept depends only on
/// the state, so two apps in the same state are equal.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Laid<'c> {
    /// The open topic, by topic and reading width.
    pub page: Memo<(usize, usize), Page>,
    /// The current answer, by node and width.
    pub answer: Memo<(usize, usize), Page>,
    /// The comparison table, by set, items chosen and rows marked.
    pub matrix: Memo<compare::MatrixKey, Matrix<'c>>,
    /// The comparison cells wrapped for the table's column width.
    pub cells: Memo<CellsKey, WrappedCells>,
    /// The open popup's title and text.
    pub popup: Memo<PopupKey, PopupText>,
    /// The summary screen: its text wrapped and its QR codes, by picks and body size.
    pub summary: Memo<summary_screen::ViewKey, summary_screen::SummaryView>,
}

impl App<'_> {
    /// Lays out what the current state shows and forgets the rest: called by `update` after every
    /// action and by the constructors.
    pub fn settle(&mut self) {
        let body = self.chrome().body;
        match (self.screen, self.topics.open) {
            (Screen::Topics, Some(t)) => {
                let width = topics::reading_width(self);
                let c = self.catalog;
                self.laid
                    .page
                    .keep((t, width), || crate::page::topic(c, t, width));
            }
            _ => self.laid.page.clear(),
        }
        match (self.screen, self.questions.walk.current()) {
            (Screen::Questions, Some(n)) => {
                let pane = questions::geometry(self, body).answer.width;
                let width = questions::answer_width(pane);
                let c = self.catalog;
                self.laid
                    .answer
                    .keep((n, width), || crate::page::answer(c, n, width));
            }
            _ => self.laid.answer.clear(),
        }
        self.settle_table(body);
        if self.screen == Screen::Summary {
            let key = summary_screen::view_key(self);
            let c = self.catalog;
            self.laid
                .summary
                .keep(key.clone(), || summary_screen::make_view(c, &key));
        } else {
            self.laid.summary.clear();
        }
        match overlay::key(self, body) {
            Some(k) if !self.laid.popup.holds(&k) => {
                let text = overlay::content(self, k.1);
                self.laid.popup.set(k, text);
            }
            Some(_) => {}
            None => self.laid.popup.clear(),
        }
        self.clamp_scrolling();
    }

    /// Keeps the answer and the popup scrolled no further than their ends (a resize can move
    /// an end), so the first key back always moves the text.
    fn clamp_scrolling(&mut self) {
        if self.screen == Screen::Questions {
            let room = questions::answer_room(self);
            self.questions.scroll = self.questions.scroll.min(room);
        }
        let room = overlay::room(self);
        if let Some(
            super::Overlay::Help { scroll }
            | super::Overlay::Glossary { scroll, .. }
            | super::Overlay::Cell { scroll, .. },
        ) = self.overlay.as_mut()
        {
            *scroll = (*scroll).min(room);
        }
    }

    /// The comparison table and its wrapped cells, while Compare (or a cell of it) shows.
    fn settle_table(&mut self, body: crate::layout::Area) {
        let set = self.compare.set;
        let on_compare = self.screen == Screen::Compare && set < self.catalog.sets.len();
        if !on_compare {
            self.laid.matrix.clear();
            self.laid.cells.clear();
            return;
        }
        let key = compare::matrix_key(self);
        let c = self.catalog;
        self.laid
            .matrix
            .keep(key.clone(), || compare::build_matrix(c, &c.sets[set], &key));
        let Some(m) = compare::matrix(self) else {
            return;
        };
        let w = table::column_width(self, &m, body);
        let key = table::cells_key(self, w);
        if !self.laid.cells.holds(&key) {
            let cells = table::wrap_cells(self, &m, w);
            self.laid.cells.set(key, cells);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;

    #[test]
    fn a_memo_keeps_one_value_and_reading_never_keeps() {
        let mut memo: Memo<u32, u32> = Memo::default();
        let mut made = 0;
        memo.keep(1, || {
            made += 1;
            10
        });
        memo.keep(1, || {
            made += 1;
            10
        });
        assert_eq!(made, 1, "a kept value was made again");
        assert_eq!(*memo.get(&1, || 99), 10);
        // Another key is made when read, but not kept.
        assert_eq!(*memo.get(&2, || 20), 20);
        assert!(memo.holds(&1));
        memo.keep(2, || 20);
        assert!(
            memo.holds(&2) && !memo.holds(&1),
            "only the latest value is kept"
        );
        memo.clear();
        assert_eq!(memo, Memo::default());
    }
}
