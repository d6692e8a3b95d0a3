//! Search overlay state: the query, its results and the selected hit. Results are recomputed on
//! every keystroke from the prebuilt index. Must not import `ratatui` or `crossterm`.

use super::{Action, Nav, Pane};
use crate::content::Catalog;
use crate::search::{Results, SearchIndex};

/// How many results the overlay keeps.
pub const RESULT_LIMIT: usize = 40;

/// The search overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchState {
    /// What the user typed.
    pub query: String,
    /// Results for the query.
    pub results: Results,
    /// The selected result.
    pub selected: usize,
}

impl SearchState {
    /// An empty search box, with what an empty query finds.
    #[must_use]
    pub fn new(catalog: &Catalog, index: &SearchIndex) -> Self {
        SearchState {
            query: String::new(),
            results: index.query(catalog, "", RESULT_LIMIT),
            selected: 0,
        }
    }

    fn rerun(&mut self, catalog: &Catalog, index: &SearchIndex) {
        self.results = index.query(catalog, &self.query, RESULT_LIMIT);
        self.selected = 0;
    }

    /// Handles an action while the search box is open; opening a hit is asked of
    /// `App::navigate` (the box closes).
    pub fn update(
        &mut self,
        catalog: &Catalog,
        index: &SearchIndex,
        action: Action,
    ) -> Option<Nav> {
        let count = self.results.hits.len();
        match action {
            Action::Type(c)
                // A pasted storm of text cannot grow the query without bound.
                if self.query.chars().count() < 80 => {
                    self.query.push(c);
                    self.rerun(catalog, index);
                }
            Action::DeleteChar => {
                self.query.pop();
                self.rerun(catalog, index);
            }
            Action::ClearQuery => {
                self.query.clear();
                self.rerun(catalog, index);
            }
            Action::Up | Action::WheelUp(_) => self.selected = self.selected.saturating_sub(1),
            Action::Down | Action::WheelDown(_) => {
                self.selected = (self.selected + 1).min(count.saturating_sub(1));
            }
            Action::Activate => return self.open(None),
            Action::Pick(Pane::Results, k) => return self.open(Some(k)),
            _ => {}
        }
        None
    }

    /// Where the selected hit (or hit `pick`) leads, if there is one.
    fn open(&self, pick: Option<usize>) -> Option<Nav> {
        let hit = self.results.hits.get(pick.unwrap_or(self.selected))?;
        Some(Nav::Hit(hit.target.into()))
    }
}
