//! The compare screen laid out for a body area: where the set tabs, item choices and the
//! differences switch go, the table's column widths, every cell wrapped for them, and which rows
//! show. `update` and the mouse use the same geometry as drawing. Must not import `ratatui`.

use std::sync::Arc;

use unicode_width::UnicodeWidthStr;

use super::{CompareState, PickerControl};
use crate::app::{App, Mode, WrappedCells};
use crate::compare::{Matrix, Row};
use crate::content::Catalog;
use crate::layout::Area;
use crate::wrap::wrap_plain;

/// What the wrapped cells depend on: the table (set, items chosen, rows marked) and the column
/// width.
pub type CellsKey = (super::MatrixKey, u16);

/// The key of the cells wrapped to `w` columns for the current table.
#[must_use]
pub fn cells_key(app: &App<'_>, w: u16) -> CellsKey {
    (super::matrix_key(app), w)
}

/// The column width of the table in `body` (what the cells are wrapped to), if a table shows.
#[must_use]
pub fn column_width(app: &App<'_>, m: &Matrix<'_>, body: Area) -> u16 {
    let (_, _, table) = split(app, body);
    columns(app, m, table.width).2
}

/// Width of the pinned attribute column.
pub const LABEL_W: u16 = 22;
/// Narrowest item column before the table scrolls sideways.
pub const MIN_COL_W: u16 = 18;
/// Rows of the column header: the item's name, then its brand names.
pub const HEADER_H: u16 = 2;
/// Most lines a cell shows in the table; the full text is one Enter away.
pub const MAX_CELL_LINES: usize = 6;

/// The words of a control above the table.
pub fn label(app: &App<'_>, c: PickerControl) -> String {
    label_of(&app.compare, app.catalog, c)
}

/// The words of control `c` for compare state `s`.
fn label_of(s: &CompareState, cat: &Catalog, c: PickerControl) -> String {
    match c {
        PickerControl::Set(set) => format!(" {} ", cat.sets[set].title),
        PickerControl::Item(i) => {
            let set = &cat.sets[s.set];
            let on = s
                .chosen
                .get(s.set)
                .and_then(|c: &Vec<bool>| c.get(i))
                .copied()
                .unwrap_or(true);
            format!("[{}] {}", if on { "x" } else { " " }, set.items[i].name)
        }
        PickerControl::Differences => {
            format!(
                "[{}] {}",
                if s.differences { "x" } else { " " },
                cat.ui.differences
            )
        }
    }
}

/// Lays the controls out left to right, wrapping onto new lines: (control index, area).
pub fn picker_layout(app: &App<'_>, r: Area) -> (Vec<(usize, Area)>, u16) {
    picker_layout_of(&app.compare, app.catalog, app.mode, r)
}

/// Lays the controls of compare state `s` out in `r` (see [`picker_layout`]).
#[allow(clippy::many_single_char_names)]
pub fn picker_layout_of(
    s: &CompareState,
    cat: &Catalog,
    mode: Mode,
    r: Area,
) -> (Vec<(usize, Area)>, u16) {
    let mut out = Vec::new();
    let (mut x, mut y) = (r.x, r.y);
    let mut prev_set = true;
    let h = mode.target_rows();
    for (k, c) in s.controls(cat).into_iter().enumerate() {
        let is_set = matches!(c, PickerControl::Set(_));
        let w = u16::try_from(label_of(s, cat, c).width())
            .unwrap_or(u16::MAX)
            .min(r.width);
        // Sets share the first line; items start on the next one.
        let new_line = (prev_set && !is_set) || x + w > r.x + r.width;
        if new_line && x > r.x {
            x = r.x;
            y += h;
        }
        out.push((
            k,
            Area {
                x,
                y,
                width: w,
                height: h,
            },
        ));
        x += w + 2;
        prev_set = is_set;
    }
    (out, y + h - r.y)
}

/// Splits the body into picker, intro/notice line and table.
pub fn split(app: &App<'_>, r: Area) -> (Vec<(usize, Area)>, Area, Area) {
    let (controls, h) = picker_layout(app, r);
    let intro = app
        .catalog
        .sets
        .get(app.compare.set)
        .map_or("", |s| s.intro.as_str());
    let note_lines = wrap_plain(intro, usize::from(r.width)).len().clamp(1, 2);
    let note = Area {
        y: r.y + h,
        height: u16::try_from(note_lines)
            .unwrap_or(1)
            .min(r.height.saturating_sub(h)),
        ..r
    };
    let top = h + note.height;
    let table = Area {
        y: r.y + top.min(r.height),
        height: r.height.saturating_sub(top),
        ..r
    };
    (controls, note, table)
}

/// Column geometry: (first visible column, visible count, column width).
pub fn columns(app: &App<'_>, m: &Matrix<'_>, width: u16) -> (usize, usize, u16) {
    let n = m.columns.len().max(1);
    let avail = width.saturating_sub(LABEL_W + 1);
    let fit = usize::from((avail / (MIN_COL_W + 1)).max(1)).min(n);
    let col_w = (avail / u16::try_from(fit).unwrap_or(1))
        .saturating_sub(1)
        .max(1);
    let first = app.compare.col.saturating_sub(fit - 1).min(n - fit);
    (first, fit, col_w)
}

/// Every cell of the table wrapped to `w` columns (at most [`MAX_CELL_LINES`] lines each),
/// `[row][column]`: wrapped once per set, choice and width, then reused by every frame.
pub fn cells(app: &App<'_>, m: &Matrix<'_>, w: u16) -> Arc<WrappedCells> {
    app.laid
        .cells
        .get(&cells_key(app, w), || wrap_cells(app, m, w))
}

/// The lines of one cell (none for a group heading or a cell outside the table).
pub fn lines_of(cells: &WrappedCells, row: usize, col: usize) -> &[String] {
    cells
        .get(row)
        .and_then(|r| r.get(col))
        .map_or(&[], Vec::as_slice)
}

pub fn wrap_cells(app: &App<'_>, m: &Matrix<'_>, w: u16) -> WrappedCells {
    let missing = &app.catalog.ui.no_value;
    m.rows
        .iter()
        .map(|row| match row {
            Row::Values { cells, .. } => cells
                .iter()
                .map(|cell| {
                    let text = cell.map_or(missing.as_str(), |c| c.text.as_str());
                    let mut lines = wrap_plain(text, usize::from(w));
                    if lines.len() > MAX_CELL_LINES {
                        lines.truncate(MAX_CELL_LINES);
                        if let Some(last) = lines.last_mut() {
                            last.push('…');
                        }
                    }
                    lines
                })
                .collect(),
            Row::Group { .. } => Vec::new(),
        })
        .collect()
}

/// The sign before the heading and each label of the rows the reader's marked concerns cover
/// (in the Linux console's font, like the other signs).
pub const MARK: &str = "♥ ";

/// A row's label as drawn: after [`MARK`] when it is one of the reader's marked rows, after "≠ "
/// when differences are shown and the row differs, wrapped to the label column. Row heights are
/// measured on the same lines.
pub fn label_lines(app: &App<'_>, label: &str, differs: bool, marked: bool) -> Vec<String> {
    let mark = if marked { MARK } else { "" };
    let differs = if app.compare.differences && differs {
        "≠ "
    } else {
        ""
    };
    wrap_plain(&format!("{mark}{differs}{label}"), usize::from(LABEL_W - 1))
}

/// Height of each table row, and which rows are shown from the top so that the cursor is visible.
pub fn rows_shown(app: &App<'_>, m: &Matrix<'_>, table: Area) -> Vec<(usize, u16)> {
    let (first, fit, col_w) = columns(app, m, table.width);
    let wrapped = cells(app, m, col_w);
    let heights: Vec<u16> = (0..m.rows.len())
        .map(|r| match &m.rows[r] {
            Row::Group { .. } => 1,
            Row::Values { label, differs, .. } => {
                let label_h = label_lines(app, label, *differs, r < m.marked).len();
                let cells = (first..first + fit).map(|c| lines_of(&wrapped, r, c).len());
                u16::try_from(cells.chain(std::iter::once(label_h)).max().unwrap_or(1)).unwrap_or(1)
                    + 1
            }
        })
        .collect();
    let values = m.value_rows();
    let cursor = values.get(app.compare.row).copied().unwrap_or(0);
    let body_h = table.height.saturating_sub(2);
    // Start at the cursor's group heading, back up while the rows still fit.
    let mut top = cursor;
    let mut used = heights.get(cursor).copied().unwrap_or(1);
    while top > 0 && used + heights[top - 1] <= body_h {
        top -= 1;
        used += heights[top];
    }
    let mut out = Vec::new();
    let mut y = 0u16;
    for (r, &h) in heights.iter().enumerate().skip(top) {
        if y >= body_h {
            break;
        }
        out.push((r, h.min(body_h - y)));
        y += h;
    }
    out
}
