//! Search overlay state: the query, its results and the selected hit. Results are recomputed on
//! every keystroke from the prebuilt index. Must not import `ratatui` or `crossterm`.

use super::{Action, App, Pane};
use crate::search::Results;

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

/// Opens an empty search box over the current screen.
pub fn open(app: &mut App<'_>) {
    app.overlay = None;
    app.search = Some(SearchState {
        query: String::new(),
        results: app.index.query(app.catalog, "", RESULT_LIMIT),
        selected: 0,
    });
}

fn rerun(app: &mut App<'_>) {
    let (index, catalog) = (app.index, app.catalog);
    if let Some(s) = app.search.as_mut() {
        s.results = index.query(catalog, &s.query, RESULT_LIMIT);
        s.selected = 0;
    }
}

/// Handles an action while the search overlay is open.
pub fn update(app: &mut App<'_>, action: Action) {
    let Some(s) = app.search.as_mut() else { return };
    let count = s.results.hits.len();
    match action {
        Action::Type(c)
            // A pasted storm of text cannot grow the query without bound.
            if s.query.chars().count() < 80 => {
                s.query.push(c);
                rerun(app);
            }
        Action::DeleteChar => {
            s.query.pop();
            rerun(app);
        }
        Action::ClearQuery => {
            s.query.clear();
            rerun(app);
        }
        Action::Up | Action::WheelUp(_) => s.selected = s.selected.saturating_sub(1),
        Action::Down | Action::WheelDown(_) => {
            s.selected = (s.selected + 1).min(count.saturating_sub(1));
        }
        Action::Activate => open_selected(app, None),
        Action::Pick(Pane::Results, k) => open_selected(app, Some(k)),
        _ => {}
    }
}

fn open_selected(app: &mut App<'_>, pick: Option<usize>) {
    let Some(s) = app.search.take() else { return };
    match s.results.hits.get(pick.unwrap_or(s.selected)) {
        Some(hit) => app.open_target(hit.target),
        None => app.search = Some(s),
    }
}
