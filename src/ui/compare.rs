//! The compare screen: set tabs, item choices and the differences switch on top; below, the table
//! with the attribute names pinned on the left, cells wrapped, and sideways scrolling that follows
//! the cursor.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Mouse, Theme, area, rect, wheel};
use crate::app::compare::{PickerControl, controls, matrix};
use std::sync::Arc;

use crate::app::{Action, App, CompareFocus, Pane, WrappedCells};
use crate::compare::{Matrix, Row};
use crate::layout::Area;
use crate::wrap::{self, wrap_plain};
use unicode_width::UnicodeWidthStr;

/// Width of the pinned attribute column.
const LABEL_W: u16 = 22;
/// Narrowest item column before the table scrolls sideways.
const MIN_COL_W: u16 = 18;
/// Rows of the column header: the item's name, then its brand names.
const HEADER_H: u16 = 2;
/// Most lines a cell shows in the table; the full text is one Enter away.
const MAX_CELL_LINES: usize = 6;

fn label(app: &App<'_>, c: PickerControl) -> String {
    let cat = app.catalog;
    match c {
        PickerControl::Set(s) => format!(" {} ", cat.sets[s].title),
        PickerControl::Item(i) => {
            let set = &cat.sets[app.compare.set];
            let on = app
                .compare
                .chosen
                .get(app.compare.set)
                .and_then(|c: &Vec<bool>| c.get(i))
                .copied()
                .unwrap_or(true);
            format!("[{}] {}", if on { "x" } else { " " }, set.items[i].name)
        }
        PickerControl::Differences => {
            format!(
                "[{}] {}",
                if app.compare.differences { "x" } else { " " },
                cat.ui.differences
            )
        }
    }
}

/// Lays the controls out left to right, wrapping onto new lines: (control index, area).
#[allow(clippy::many_single_char_names)]
fn picker_layout(app: &App<'_>, r: Area) -> (Vec<(usize, Area)>, u16) {
    let mut out = Vec::new();
    let (mut x, mut y) = (r.x, r.y);
    let mut prev_set = true;
    let h = app.mode.target_rows();
    for (k, c) in controls(app).into_iter().enumerate() {
        let is_set = matches!(c, PickerControl::Set(_));
        let w = u16::try_from(label(app, c).width())
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
fn split(app: &App<'_>, r: Area) -> (Vec<(usize, Area)>, Area, Area) {
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
fn columns(app: &App<'_>, m: &Matrix<'_>, width: u16) -> (usize, usize, u16) {
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
fn cells(app: &App<'_>, m: &Matrix<'_>, w: u16) -> Arc<WrappedCells> {
    app.cells_memo.get(
        (app.compare.set, crate::app::compare::chosen(app), w),
        || wrap_cells(app, m, w),
    )
}

/// The lines of one cell (none for a group heading or a cell outside the table).
fn lines_of(cells: &WrappedCells, row: usize, col: usize) -> &[String] {
    cells
        .get(row)
        .and_then(|r| r.get(col))
        .map_or(&[], Vec::as_slice)
}

fn wrap_cells(app: &App<'_>, m: &Matrix<'_>, w: u16) -> WrappedCells {
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

/// A row's label as drawn: marked "≠ " when differences are shown and the row differs, wrapped
/// to the label column. Row heights are measured on the same lines.
fn label_lines(app: &App<'_>, label: &str, differs: bool) -> Vec<String> {
    let marker = if app.compare.differences && differs {
        "≠ "
    } else {
        ""
    };
    wrap_plain(&format!("{marker}{label}"), usize::from(LABEL_W - 1))
}

/// Height of each table row, and which rows are shown from the top so that the cursor is visible.
fn rows_shown(app: &App<'_>, m: &Matrix<'_>, table: Area) -> Vec<(usize, u16)> {
    let (first, fit, col_w) = columns(app, m, table.width);
    let wrapped = cells(app, m, col_w);
    let heights: Vec<u16> = (0..m.rows.len())
        .map(|r| match &m.rows[r] {
            Row::Group { .. } => 1,
            Row::Values { label, differs, .. } => {
                let label_h = label_lines(app, label, *differs).len();
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

fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, w: u16, style: Style) {
    super::put(buf, x, y, text, usize::from(w), style);
}

/// Draws the compare screen.
pub fn render(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(m) = matrix(app) else { return };
    let (ctl, note, table) = split(app, area(r));
    let picker_focus = app.compare.focus == CompareFocus::Picker;
    let cs = controls(app);
    for (k, a) in ctl.iter().filter(|(_, a)| a.y < r.y + r.height) {
        let c = cs[*k];
        let active = matches!(c, PickerControl::Set(s) if s == app.compare.set);
        let style = if picker_focus && *k == app.compare.control {
            theme.selected
        } else if active {
            theme.tab_active
        } else {
            theme.text
        };
        if app.mode.target_rows() > 1 {
            // A touch target: the whole button is shaded, the label in its middle row.
            let button = if style == theme.text {
                theme.button
            } else {
                style
            };
            buf.set_style(super::rect(*a).intersection(r), button);
            put(
                buf,
                a.x,
                a.y + a.height / 2,
                &label(app, c),
                a.width,
                button,
            );
        } else {
            put(buf, a.x, a.y, &label(app, c), a.width, style);
        }
    }
    let set = &app.catalog.sets[app.compare.set];
    let (note_text, note_style) = if app.compare.need_two {
        (app.catalog.ui.need_two.as_str(), theme.notice)
    } else {
        (set.intro.as_str(), theme.meta)
    };
    let note_lines = wrap_plain(note_text, usize::from(note.width));
    for (i, l) in note_lines.iter().take(usize::from(note.height)).enumerate() {
        let y = note.y + u16::try_from(i).unwrap_or(0);
        put(buf, note.x, y, l, note.width, note_style);
    }
    render_table(app, &m, rect(table), buf, theme);
}

fn render_table(app: &App<'_>, m: &Matrix<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) {
    if r.height < HEADER_H + 2 {
        return;
    }
    let set = &app.catalog.sets[app.compare.set];
    let (first, fit, col_w) = columns(app, m, r.width);
    let wrapped = cells(app, m, col_w);
    let table_focus = app.compare.focus == CompareFocus::Table;
    // Header: item names (and brands) above each column; arrows when more columns are hidden.
    let more_left = if first > 0 { "◀ " } else { "" };
    let more_right = if first + fit < m.columns.len() {
        " ▶"
    } else {
        ""
    };
    put(
        buf,
        r.x,
        r.y,
        &format!("{more_left}{more_right}"),
        LABEL_W,
        theme.meta,
    );
    for (k, &item) in m.columns.iter().enumerate().skip(first).take(fit) {
        let x = r.x + LABEL_W + 1 + u16::try_from(k - first).unwrap_or(0) * (col_w + 1);
        let it = &set.items[item];
        let style = if table_focus && k == app.compare.col {
            theme.selected
        } else {
            theme.heading
        };
        let w = usize::from(col_w);
        put(buf, x, r.y, &wrap::fit(&it.name, w), col_w, style);
        put(
            buf,
            x,
            r.y + 1,
            &wrap::fit(&it.brands.join(", "), w),
            col_w,
            theme.meta,
        );
    }
    let table = Area {
        y: r.y + HEADER_H,
        height: r.height - HEADER_H,
        ..area(r)
    };
    let values = m.value_rows();
    let cursor = values.get(app.compare.row).copied();
    let mut y = table.y + 1;
    for (row, h) in rows_shown(app, m, table) {
        match &m.rows[row] {
            Row::Group { title } => put(buf, r.x, y, title, r.width, theme.category),
            Row::Values { label, differs, .. } => {
                let hl = app.compare.differences && *differs;
                let lstyle = if hl { theme.differs } else { theme.text };
                for (i, l) in label_lines(app, label, *differs).iter().enumerate() {
                    if i < usize::from(h) {
                        put(
                            buf,
                            r.x,
                            y + u16::try_from(i).unwrap_or(0),
                            l,
                            LABEL_W - 1,
                            lstyle,
                        );
                    }
                }
                for k in first..first + fit {
                    let x = r.x + LABEL_W + 1 + u16::try_from(k - first).unwrap_or(0) * (col_w + 1);
                    let sel = table_focus && cursor == Some(row) && k == app.compare.col;
                    let present = matches!(&m.rows[row], Row::Values { cells, .. } if cells.get(k).copied().flatten().is_some());
                    let style = if sel {
                        theme.selected
                    } else if !present {
                        theme.missing
                    } else if hl {
                        theme.differs
                    } else {
                        theme.text
                    };
                    for (i, l) in lines_of(&wrapped, row, k).iter().enumerate() {
                        if i < usize::from(h.saturating_sub(1)) {
                            put(buf, x, y + u16::try_from(i).unwrap_or(0), l, col_w, style);
                        }
                    }
                }
            }
        }
        y += h;
    }
}

/// The action for a mouse event on the compare screen.
pub fn mouse(app: &App<'_>, body: Area, kind: Mouse, col: u16, row: u16) -> Option<Action> {
    if let Some(w) = wheel(kind, Pane::Table) {
        return Some(w);
    }
    let m = matrix(app)?;
    let (ctl, _, table) = split(app, body);
    if let Some((k, _)) = ctl.iter().find(|(_, a)| a.contains(col, row)) {
        return Some(Action::Pick(Pane::Picker, *k));
    }
    if !table.contains(col, row) || col < table.x + LABEL_W + 1 {
        return None;
    }
    let (first, fit, col_w) = columns(app, &m, table.width);
    let k = first + usize::from((col - table.x - LABEL_W - 1) / (col_w + 1));
    if k >= first + fit {
        return None;
    }
    let rows_area = Area {
        y: table.y + HEADER_H,
        height: table.height.saturating_sub(HEADER_H),
        ..table
    };
    let mut y = rows_area.y + 1;
    let values = m.value_rows();
    for (r, h) in rows_shown(app, &m, rows_area) {
        if row >= y && row < y + h {
            return values
                .iter()
                .position(|&v| v == r)
                .map(|vr| Action::PickCell(vr, k));
        }
        y += h;
    }
    None
}
