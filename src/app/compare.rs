//! Compare screen state: the chosen set, which items are chosen per set, the control or cell under
//! the cursor, and whether differences are highlighted. Must not import `ratatui` or `crossterm`.

use std::sync::Arc;

use super::{Action, App, Overlay, Pane, Screen};
use crate::compare::Matrix;
use crate::content::{Catalog, CompareSet};

/// Which part of the compare screen has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareFocus {
    /// The row of controls above the table.
    Picker,
    /// The table.
    Table,
}

/// A control above the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerControl {
    /// Show comparison set `n`.
    Set(usize),
    /// Choose or drop item `n` of the current set.
    Item(usize),
    /// Highlight rows that differ.
    Differences,
}

/// Compare screen state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareState {
    /// The set shown.
    pub set: usize,
    /// For each set, which items are chosen (all at first).
    pub chosen: Vec<Vec<bool>>,
    /// Which part has the keys.
    pub focus: CompareFocus,
    /// The control under the cursor (index into [`controls`]).
    pub control: usize,
    /// The cursor's value row (index among attribute rows).
    pub row: usize,
    /// The cursor's column (index among chosen items).
    pub col: usize,
    /// Highlight rows where the chosen items differ.
    pub differences: bool,
    /// Show the "keep at least two" note (after a refused un-choose).
    pub need_two: bool,
}

impl CompareState {
    /// The first set with every item chosen and the table focused.
    #[must_use]
    pub fn new(catalog: &Catalog) -> Self {
        Self {
            set: 0,
            chosen: catalog
                .sets
                .iter()
                .map(|s| vec![true; s.items.len()])
                .collect(),
            focus: CompareFocus::Table,
            control: 0,
            row: 0,
            col: 0,
            differences: false,
            need_two: false,
        }
    }
}

/// The controls above the table, left to right.
pub fn controls(app: &App<'_>) -> Vec<PickerControl> {
    let c = app.catalog;
    let items = c.sets.get(app.compare.set).map_or(0, |s| s.items.len());
    (0..c.sets.len())
        .map(PickerControl::Set)
        .chain((0..items).map(PickerControl::Item))
        .chain(std::iter::once(PickerControl::Differences))
        .collect()
}

/// Which items of the current set are chosen (what its table and wrapped cells depend on).
#[must_use]
pub fn chosen(app: &App<'_>) -> Vec<bool> {
    app.compare
        .chosen
        .get(app.compare.set)
        .cloned()
        .unwrap_or_default()
}

/// What the table depends on: the set, which of its items are chosen, and which of its rows the
/// reader's marked concerns cover (those come first).
pub type MatrixKey = (usize, Vec<bool>, Vec<bool>);

/// The key of the current table.
#[must_use]
pub fn matrix_key(app: &App<'_>) -> MatrixKey {
    let set = app.compare.set;
    let marked = crate::summary::marked_rows(app.catalog, set, &app.picks.matters);
    (set, chosen(app), marked)
}

/// The table of `set` for `key`: its rows for patients, the marked ones first under "What
/// matters to me".
#[must_use]
pub fn build_matrix<'c>(c: &'c Catalog, set: &'c CompareSet, key: &MatrixKey) -> Matrix<'c> {
    Matrix::build(set, &key.1, crate::compare::Audience::Patient)
        .marked_first(&key.2, &c.ui.summary_matters)
}

/// The table for the current set, choice and marks (built once for each).
pub fn matrix<'c>(app: &App<'c>) -> Option<Arc<Matrix<'c>>> {
    let c = app.catalog;
    let set = c.sets.get(app.compare.set)?;
    let key = matrix_key(app);
    Some(app.laid.matrix.get(&key, || build_matrix(c, set, &key)))
}

/// Shows set `s` with the cursor at its first cell.
pub fn select_set(app: &mut App<'_>, s: usize) {
    if s < app.catalog.sets.len() {
        app.compare.set = s;
        app.compare.row = 0;
        app.compare.col = 0;
        app.compare.need_two = false;
    }
}

/// Shows set `s` with item `item` chosen and the cursor on its column.
pub fn show_item(app: &mut App<'_>, s: usize, item: usize) {
    select_set(app, s);
    if let Some(flag) = app.compare.chosen.get_mut(s).and_then(|c| c.get_mut(item)) {
        *flag = true;
    }
    if let Some(m) = matrix(app) {
        app.compare.col = m.columns.iter().position(|&c| c == item).unwrap_or(0);
    }
    app.compare.focus = CompareFocus::Table;
}

/// Shows item `item` of set `s` with the cursor on row `attribute`, and that cell in full.
pub fn show_cell(app: &mut App<'_>, s: usize, item: usize, attribute: usize) {
    show_item(app, s, item);
    let Some(m) = matrix(app) else { return };
    let row = m.value_rows().iter().position(|&r| {
        matches!(m.rows[r], crate::compare::Row::Values { attribute: a, .. } if a == attribute)
    });
    if let Some(row) = row {
        app.compare.row = row;
        app.overlay = Some(Overlay::Cell {
            row,
            col: app.compare.col,
            scroll: 0,
        });
    }
}

/// Opens the topic of the item in column `col`, if it has one.
pub fn open_column_topic(app: &mut App<'_>, col: usize) {
    let Some(m) = matrix(app) else { return };
    let set = &app.catalog.sets[app.compare.set];
    let topic = m
        .columns
        .get(col)
        .and_then(|&i| set.items[i].topic.as_ref());
    if let Some(t) = topic.and_then(|t| app.catalog.topic_index(t.as_str())) {
        app.go(super::Go::Topic {
            topic: t,
            section: None,
        });
    }
}

/// Back with no history: from the table to home.
pub fn back(app: &mut App<'_>) {
    app.screen = Screen::Home;
}

fn toggle_item(app: &mut App<'_>, item: usize) {
    let Some(chosen) = app.compare.chosen.get_mut(app.compare.set) else {
        return;
    };
    let count = chosen.iter().filter(|c| **c).count();
    match chosen.get_mut(item) {
        Some(flag) if *flag && count <= 2 => app.compare.need_two = true,
        Some(flag) => {
            *flag = !*flag;
            app.compare.need_two = false;
        }
        None => {}
    }
    clamp(app);
}

fn activate_control(app: &mut App<'_>, k: usize) {
    app.compare.control = k;
    match controls(app).get(k) {
        Some(PickerControl::Set(s)) => select_set(app, *s),
        Some(PickerControl::Item(i)) => toggle_item(app, *i),
        Some(PickerControl::Differences) => app.compare.differences = !app.compare.differences,
        None => {}
    }
}

/// The control on the next line of controls below (`down`) or above the selected one, nearest
/// in column: ↑ and ↓ walk the set tabs and item choices line by line.
fn picker_line(app: &App<'_>, down: bool) -> Option<usize> {
    let (laid, _) = super::table::picker_layout(app, app.chrome().body);
    let at = laid.get(app.compare.control)?.1;
    let line = laid
        .iter()
        .map(|(_, a)| a.y)
        .filter(|&y| if down { y > at.y } else { y < at.y })
        .reduce(|a, b| if down { a.min(b) } else { a.max(b) })?;
    laid.iter()
        .filter(|(_, a)| a.y == line)
        .min_by_key(|(_, a)| a.x.abs_diff(at.x))
        .map(|(k, _)| *k)
}

/// Keeps the cursor inside the table and the control index inside the controls.
pub fn clamp(app: &mut App<'_>) {
    let n_controls = controls(app).len();
    let (rows, cols) = matrix(app).map_or((0, 0), |m| (m.value_rows().len(), m.columns.len()));
    let s = &mut app.compare;
    s.control = s.control.min(n_controls.saturating_sub(1));
    s.row = s.row.min(rows.saturating_sub(1));
    s.col = s.col.min(cols.saturating_sub(1));
}

/// Handles an action on the compare screen.
pub fn update(app: &mut App<'_>, action: Action) {
    let rows = matrix(app).map_or(0, |m| m.value_rows().len());
    let sets = app.catalog.sets.len().max(1);
    let s = &mut app.compare;
    match (s.focus, action) {
        (_, Action::NextSet) => select_set(app, (app.compare.set + 1) % sets),
        (_, Action::ToggleDifferences) => s.differences = !s.differences,
        (_, Action::Pick(Pane::Picker, k)) => {
            s.focus = CompareFocus::Picker;
            activate_control(app, k);
        }
        (_, Action::PickCell(row, col)) => {
            s.focus = CompareFocus::Table;
            s.row = row;
            s.col = col;
            clamp(app);
            app.overlay = Some(Overlay::Cell {
                row: app.compare.row,
                col: app.compare.col,
                scroll: 0,
            });
        }
        (_, Action::WheelUp(_)) => s.row = s.row.saturating_sub(1),
        (_, Action::WheelDown(_)) => s.row = (s.row + 1).min(rows.saturating_sub(1)),
        (CompareFocus::Picker, Action::Left) => s.control = s.control.saturating_sub(1),
        (CompareFocus::Picker, Action::Right) => s.control += 1,
        (CompareFocus::Picker, Action::Activate | Action::Toggle) => {
            activate_control(app, app.compare.control);
        }
        (CompareFocus::Picker, Action::Down) => match picker_line(app, true) {
            Some(k) => app.compare.control = k,
            None => app.compare.focus = CompareFocus::Table,
        },
        (CompareFocus::Picker, Action::Up) => {
            if let Some(k) = picker_line(app, false) {
                app.compare.control = k;
            }
        }
        (CompareFocus::Table, Action::Up) if s.row == 0 => s.focus = CompareFocus::Picker,
        (CompareFocus::Table, Action::Up) => s.row -= 1,
        (CompareFocus::Table, Action::Down) => s.row += 1,
        (CompareFocus::Table, Action::Left) => s.col = s.col.saturating_sub(1),
        (CompareFocus::Table, Action::Right) => s.col += 1,
        (CompareFocus::Table, Action::PageUp) => s.row = s.row.saturating_sub(5),
        (CompareFocus::Table, Action::PageDown) => s.row += 5,
        (CompareFocus::Table, Action::First) => s.row = 0,
        (CompareFocus::Table, Action::Last) => s.row = rows,
        (CompareFocus::Table, Action::Activate) => {
            app.overlay = Some(Overlay::Cell {
                row: s.row,
                col: s.col,
                scroll: 0,
            });
        }
        (CompareFocus::Table, Action::Toggle) => {
            let item = matrix(app).and_then(|m| m.columns.get(app.compare.col).copied());
            if let Some(i) = item {
                toggle_item(app, i);
            }
        }
        _ => {}
    }
    clamp(app);
}
