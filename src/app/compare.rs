//! Compare screen state: the chosen set, which items are chosen per set, the control or cell under
//! the cursor, and whether differences are highlighted. Must not import `ratatui` or `crossterm`.

use std::sync::Arc;

use super::{Action, App, Cx, Nav, Overlay, Pane};
use crate::compare::Matrix;
use crate::content::{Catalog, CompareSet};

pub mod table;

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
    app.compare.controls(app.catalog)
}

/// Which items of the current set are chosen (what its table and wrapped cells depend on).
#[must_use]
pub fn chosen(app: &App<'_>) -> Vec<bool> {
    app.compare.chosen()
}

/// What the table depends on: the set, which of its items are chosen, and which of its rows the
/// reader's marked concerns cover (those come first).
pub type MatrixKey = (usize, Vec<bool>, Vec<bool>);

/// The key of the current table.
#[must_use]
pub fn matrix_key(app: &App<'_>) -> MatrixKey {
    app.compare.matrix_key(&Cx::of(app))
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
    app.compare.matrix(&Cx::of(app))
}

impl CompareState {
    /// The controls above the table, left to right.
    #[must_use]
    pub fn controls(&self, c: &Catalog) -> Vec<PickerControl> {
        let items = c.sets.get(self.set).map_or(0, |s| s.items.len());
        (0..c.sets.len())
            .map(PickerControl::Set)
            .chain((0..items).map(PickerControl::Item))
            .chain(std::iter::once(PickerControl::Differences))
            .collect()
    }

    /// Which items of the current set are chosen.
    #[must_use]
    pub fn chosen(&self) -> Vec<bool> {
        self.chosen.get(self.set).cloned().unwrap_or_default()
    }

    /// The key of the current table.
    #[must_use]
    pub fn matrix_key(&self, cx: &Cx<'_, '_>) -> MatrixKey {
        let marked = crate::summary::marked_rows(cx.catalog, self.set, &cx.picks.matters);
        (self.set, self.chosen(), marked)
    }

    /// The table for the current set, choice and marks (built once for each by `update`).
    #[must_use]
    pub fn matrix<'c>(&self, cx: &Cx<'_, 'c>) -> Option<Arc<Matrix<'c>>> {
        let c = cx.catalog;
        let set = c.sets.get(self.set)?;
        let key = self.matrix_key(cx);
        Some(cx.laid.matrix.get(&key, || build_matrix(c, set, &key)))
    }

    /// Shows set `s` with the cursor at its first cell.
    pub fn select_set(&mut self, c: &Catalog, s: usize) {
        if s < c.sets.len() {
            self.set = s;
            self.row = 0;
            self.col = 0;
            self.need_two = false;
        }
    }

    /// Shows set `s` with item `item` chosen and the cursor on its column.
    pub fn show_item(&mut self, cx: &Cx<'_, '_>, s: usize, item: usize) {
        self.select_set(cx.catalog, s);
        if let Some(flag) = self.chosen.get_mut(s).and_then(|c| c.get_mut(item)) {
            *flag = true;
        }
        if let Some(m) = self.matrix(cx) {
            self.col = m.columns.iter().position(|&c| c == item).unwrap_or(0);
        }
        self.focus = CompareFocus::Table;
    }

    /// Shows item `item` of set `s` with the cursor on row `attribute`; returns the popup that
    /// shows that cell in full, if the row is in the table.
    pub fn show_cell(
        &mut self,
        cx: &Cx<'_, '_>,
        s: usize,
        item: usize,
        attribute: usize,
    ) -> Option<Overlay> {
        self.show_item(cx, s, item);
        let m = self.matrix(cx)?;
        let row = m.value_rows().iter().position(|&r| {
            matches!(m.rows[r], crate::compare::Row::Values { attribute: a, .. } if a == attribute)
        })?;
        self.row = row;
        Some(self.cell_popup())
    }

    /// The popup showing the cell under the cursor in full.
    fn cell_popup(&self) -> Overlay {
        Overlay::Cell {
            row: self.row,
            col: self.col,
            scroll: 0,
        }
    }

    /// The topic of the item in column `col`, if it has one.
    #[must_use]
    pub fn column_topic(&self, cx: &Cx<'_, '_>, col: usize) -> Option<usize> {
        let m = self.matrix(cx)?;
        let set = &cx.catalog.sets[self.set];
        let topic = m
            .columns
            .get(col)
            .and_then(|&i| set.items[i].topic.as_ref())?;
        cx.catalog.topic_index(topic.as_str())
    }

    fn toggle_item(&mut self, cx: &Cx<'_, '_>, item: usize) {
        let Some(chosen) = self.chosen.get_mut(self.set) else {
            return;
        };
        let count = chosen.iter().filter(|c| **c).count();
        match chosen.get_mut(item) {
            Some(flag) if *flag && count <= 2 => self.need_two = true,
            Some(flag) => {
                *flag = !*flag;
                self.need_two = false;
            }
            None => {}
        }
        self.clamp(cx);
    }

    fn activate_control(&mut self, cx: &Cx<'_, '_>, k: usize) {
        self.control = k;
        match self.controls(cx.catalog).get(k) {
            Some(PickerControl::Set(s)) => self.select_set(cx.catalog, *s),
            Some(PickerControl::Item(i)) => self.toggle_item(cx, *i),
            Some(PickerControl::Differences) => self.differences = !self.differences,
            None => {}
        }
    }

    /// The control on the next line of controls below (`down`) or above the selected one,
    /// nearest in column: ↑ and ↓ walk the set tabs and item choices line by line.
    fn picker_line(&self, cx: &Cx<'_, '_>, down: bool) -> Option<usize> {
        let (laid, _) = table::picker_layout_of(self, cx.catalog, cx.mode, cx.body());
        let at = laid.get(self.control)?.1;
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
    pub fn clamp(&mut self, cx: &Cx<'_, '_>) {
        let n_controls = self.controls(cx.catalog).len();
        let (rows, cols) = self
            .matrix(cx)
            .map_or((0, 0), |m| (m.value_rows().len(), m.columns.len()));
        self.control = self.control.min(n_controls.saturating_sub(1));
        self.row = self.row.min(rows.saturating_sub(1));
        self.col = self.col.min(cols.saturating_sub(1));
    }

    /// Handles an action on the compare screen; a cell opened in full is asked of
    /// `App::navigate`.
    pub fn update(&mut self, cx: &Cx<'_, '_>, action: Action) -> Option<Nav> {
        let nav = self.act(cx, action);
        self.clamp(cx);
        nav
    }

    fn act(&mut self, cx: &Cx<'_, '_>, action: Action) -> Option<Nav> {
        let rows = self.matrix(cx).map_or(0, |m| m.value_rows().len());
        let sets = cx.catalog.sets.len().max(1);
        match (self.focus, action) {
            (_, Action::NextSet) => self.select_set(cx.catalog, (self.set + 1) % sets),
            (_, Action::ToggleDifferences) => self.differences = !self.differences,
            (_, Action::Pick(Pane::Picker, k)) => {
                self.focus = CompareFocus::Picker;
                self.activate_control(cx, k);
            }
            (_, Action::PickCell(row, col)) => {
                self.focus = CompareFocus::Table;
                self.row = row;
                self.col = col;
                self.clamp(cx);
                return Some(Nav::Popup(self.cell_popup()));
            }
            (_, Action::WheelUp(_)) => self.row = self.row.saturating_sub(1),
            (_, Action::WheelDown(_)) => self.row = (self.row + 1).min(rows.saturating_sub(1)),
            (CompareFocus::Picker, Action::Left) => self.control = self.control.saturating_sub(1),
            (CompareFocus::Picker, Action::Right) => self.control += 1,
            (CompareFocus::Picker, Action::Activate | Action::Toggle) => {
                self.activate_control(cx, self.control);
            }
            (CompareFocus::Picker, Action::Down) => match self.picker_line(cx, true) {
                Some(k) => self.control = k,
                None => self.focus = CompareFocus::Table,
            },
            (CompareFocus::Picker, Action::Up) => {
                if let Some(k) = self.picker_line(cx, false) {
                    self.control = k;
                }
            }
            (CompareFocus::Table, Action::Up) if self.row == 0 => {
                self.focus = CompareFocus::Picker;
            }
            (CompareFocus::Table, Action::Up) => self.row -= 1,
            (CompareFocus::Table, Action::Down) => self.row += 1,
            (CompareFocus::Table, Action::Left) => self.col = self.col.saturating_sub(1),
            (CompareFocus::Table, Action::Right) => self.col += 1,
            (CompareFocus::Table, Action::PageUp) => self.row = self.row.saturating_sub(5),
            (CompareFocus::Table, Action::PageDown) => self.row += 5,
            (CompareFocus::Table, Action::First) => self.row = 0,
            (CompareFocus::Table, Action::Last) => self.row = rows,
            (CompareFocus::Table, Action::Activate) => {
                return Some(Nav::Popup(self.cell_popup()));
            }
            (CompareFocus::Table, Action::Toggle) => {
                let item = self
                    .matrix(cx)
                    .and_then(|m| m.columns.get(self.col).copied());
                if let Some(i) = item {
                    self.toggle_item(cx, i);
                }
            }
            _ => {}
        }
        None
    }
}
