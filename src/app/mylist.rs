//! My list: what matters to the reader, their questions ("Ask about: …", added from any topic
//! section, question, glossary entry or comparison cell), and the button to the summary (whose
//! screen is `summary_screen`); the state of both screens. All of it is part of the visit: a new
//! visit (and a kiosk's idle reset) starts with none. Must not import `ratatui` or `crossterm`.

use super::summary_screen::{Button, Notice};
use super::{Action, App, CompareFocus, Overlay, Screen};
use crate::search::Target;
use crate::summary::Subject;

/// My list and summary screen state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListState {
    /// The selected row of My list.
    pub row: usize,
    /// What the reader was looking at when My list opened (offered as the first row).
    pub from: Option<Target>,
    /// The last thing the reader looked at that can be asked about, so My list opened later
    /// (from Home, with arrows alone) still offers it.
    pub last_seen: Option<Target>,
    /// The summary's QR code shown (when it takes several).
    pub part: usize,
    /// The summary shown as text instead of as a code.
    pub as_text: bool,
    /// Lines of the summary's text scrolled.
    pub scroll: usize,
    /// The summary's button that has the focus (reached with ↑), if one has.
    pub bar: Option<Button>,
    /// The file name being typed into the save field, while it is open (at home only).
    pub save: Option<String>,
    /// What the last print or save did, shown until the next action.
    pub notice: Option<Notice>,
}

/// One row of My list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListRow {
    /// Add what the reader came from to their questions.
    Add(Target),
    /// A concern of `matters.toml` (marked or not).
    Concern(usize),
    /// One of the reader's questions (Enter takes it off the list).
    Question(usize),
    /// Open the summary.
    Show,
}

/// What the reader is looking at now, as something they can ask about: the open popup's term or
/// cell, the section of the open topic being read, the current question, or the comparison cell
/// under the cursor.
#[must_use]
pub fn here(app: &App<'_>) -> Option<Target> {
    match app.overlay {
        Some(Overlay::Glossary { term, .. }) => return Some(Target::Term(term)),
        Some(Overlay::Cell { row, col, .. }) => return cell(app, row, col),
        Some(Overlay::Help { .. }) => return None,
        None => {}
    }
    match app.screen {
        Screen::Topics => {
            let topic = app.topics.open?;
            let page = super::topics::page(app);
            let section = page
                .sections
                .iter()
                .rposition(|&line| line <= app.topics.scroll + 1);
            Some(Target::Topic { topic, section })
        }
        Screen::Questions => app.questions.walk.current().map(Target::Node),
        Screen::Compare if app.compare.focus == CompareFocus::Table => {
            cell(app, app.compare.row, app.compare.col)
        }
        _ => None,
    }
}

/// The comparison cell at value row `row` and column `col` of the current table.
fn cell(app: &App<'_>, row: usize, col: usize) -> Option<Target> {
    let m = super::compare::matrix(app)?;
    let r = *m.value_rows().get(row)?;
    let crate::compare::Row::Values { attribute, .. } = m.rows[r] else {
        return None;
    };
    Some(Target::Cell {
        set: app.compare.set,
        item: *m.columns.get(col)?,
        attribute,
    })
}

/// Adds what the reader is looking at to their questions (once).
pub fn add_here(app: &mut App<'_>) {
    if let Some(t) = here(app) {
        let subject = Subject::from_target(app.catalog, t);
        app.picks.add_question(subject);
    }
}

/// Opens My list, offering to add what the reader was looking at.
pub fn open(app: &mut App<'_>) {
    let from = here(app).or(app.list.last_seen);
    app.search = None;
    app.overlay = None;
    if app.screen != Screen::MyList {
        app.remember();
    }
    app.screen = Screen::MyList;
    app.list.from = from;
    app.list.row = 0;
}

/// Remembers what the reader is looking at, if it can be asked about (called after every action).
pub fn note_seen(app: &mut App<'_>) {
    if let Some(t) = here(app) {
        app.list.last_seen = Some(t);
    }
}

/// The rows of My list, top to bottom.
#[must_use]
pub fn rows(app: &App<'_>) -> Vec<ListRow> {
    let c = app.catalog;
    let mut out = Vec::new();
    if let Some(t) = app.list.from {
        let subject = Subject::from_target(c, t);
        if !app.picks.questions.contains(&subject) {
            out.push(ListRow::Add(t));
        }
    }
    out.extend((0..c.matters.concerns.len()).map(ListRow::Concern));
    out.extend((0..app.picks.questions.len()).map(ListRow::Question));
    out.push(ListRow::Show);
    out
}

/// Handles an action on My list.
pub fn update(app: &mut App<'_>, action: Action) {
    let count = rows(app).len();
    match action {
        Action::Up | Action::WheelUp(_) => app.list.row = app.list.row.saturating_sub(1),
        Action::Down | Action::WheelDown(_) => app.list.row += 1,
        Action::First => app.list.row = 0,
        Action::Last => app.list.row = count.saturating_sub(1),
        Action::Activate | Action::Toggle => choose(app, app.list.row),
        Action::Pick(_, k) => {
            app.list.row = k;
            choose(app, k);
        }
        Action::PageUp => move_question(app, true),
        Action::PageDown => move_question(app, false),
        _ => {}
    }
    app.list.row = app.list.row.min(rows(app).len().saturating_sub(1));
}

/// Moves the selected question up or down the list (the summary keeps this order).
fn move_question(app: &mut App<'_>, up: bool) {
    if let Some(ListRow::Question(i)) = rows(app).get(app.list.row).copied() {
        let to = if up {
            i.checked_sub(1)
        } else {
            (i + 1 < app.picks.questions.len()).then_some(i + 1)
        };
        if let Some(to) = to {
            app.picks.move_question(i, up);
            app.list.row = app.list.row + to - i;
        }
    }
}

fn choose(app: &mut App<'_>, k: usize) {
    let c = app.catalog;
    match rows(app).get(k).copied() {
        Some(ListRow::Add(t)) => {
            app.picks.add_question(Subject::from_target(c, t));
        }
        Some(ListRow::Concern(i)) => {
            app.picks.toggle_matter(&c.matters.concerns[i].id);
        }
        Some(ListRow::Question(i)) => app.picks.remove_question(i),
        Some(ListRow::Show) => {
            app.remember();
            app.screen = Screen::Summary;
            super::summary_screen::enter(app);
        }
        None => {}
    }
}
