//! My list: what matters to the reader, their questions ("Ask about: …", added from any topic
//! section, question, glossary entry or comparison cell), and the button to the summary (whose
//! screen is `summary_screen`); the state of both screens. All of it is part of the visit: a new
//! visit (and a kiosk's idle reset) starts with none. Must not import `ratatui` or `crossterm`.

use super::summary_screen::{Button, Notice};
use super::{Action, App, CompareFocus, Nav, Overlay, Screen};
use crate::content::Catalog;
use crate::search::Target;
use crate::summary::{Picks, Subject};

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

/// The rows of My list, top to bottom.
#[must_use]
pub fn rows(app: &App<'_>) -> Vec<ListRow> {
    app.list.rows(app.catalog, &app.picks)
}

impl ListState {
    /// The rows of My list for the reader's `picks`, top to bottom.
    #[must_use]
    pub fn rows(&self, c: &Catalog, picks: &Picks) -> Vec<ListRow> {
        let mut out = Vec::new();
        if let Some(t) = self.from {
            let subject = Subject::from_target(c, t);
            if !picks.questions.contains(&subject) {
                out.push(ListRow::Add(t));
            }
        }
        out.extend((0..c.matters.concerns.len()).map(ListRow::Concern));
        out.extend((0..picks.questions.len()).map(ListRow::Question));
        out.push(ListRow::Show);
        out
    }

    /// Handles an action on My list. The screen's rows edit the reader's `picks` (handed to it
    /// for that); opening the summary is asked of `App::navigate`.
    pub fn update(&mut self, c: &Catalog, picks: &mut Picks, action: Action) -> Option<Nav> {
        let count = self.rows(c, picks).len();
        let mut nav = None;
        match action {
            Action::Up | Action::WheelUp(_) => self.row = self.row.saturating_sub(1),
            Action::Down | Action::WheelDown(_) => self.row += 1,
            Action::First => self.row = 0,
            Action::Last => self.row = count.saturating_sub(1),
            Action::Activate | Action::Toggle => nav = self.choose(c, picks, self.row),
            Action::Pick(_, k) => {
                self.row = k;
                nav = self.choose(c, picks, k);
            }
            Action::PageUp => self.move_question(c, picks, true),
            Action::PageDown => self.move_question(c, picks, false),
            _ => {}
        }
        self.row = self.row.min(self.rows(c, picks).len().saturating_sub(1));
        nav
    }

    /// Moves the selected question up or down the list (the summary keeps this order).
    fn move_question(&mut self, c: &Catalog, picks: &mut Picks, up: bool) {
        if let Some(ListRow::Question(i)) = self.rows(c, picks).get(self.row).copied() {
            let to = if up {
                i.checked_sub(1)
            } else {
                (i + 1 < picks.questions.len()).then_some(i + 1)
            };
            if let Some(to) = to {
                picks.move_question(i, up);
                self.row = self.row + to - i;
            }
        }
    }

    fn choose(&mut self, c: &Catalog, picks: &mut Picks, k: usize) -> Option<Nav> {
        match self.rows(c, picks).get(k).copied() {
            Some(ListRow::Add(t)) => {
                picks.add_question(Subject::from_target(c, t));
            }
            Some(ListRow::Concern(i)) => {
                picks.toggle_matter(&c.matters.concerns[i].id);
            }
            Some(ListRow::Question(i)) => picks.remove_question(i),
            Some(ListRow::Show) => return Some(Nav::Summary),
            None => {}
        }
        None
    }
}
