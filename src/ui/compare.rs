//! The compare screen: set tabs, item choices and the differences switch on top; below, the table
//! with the attribute names pinned on the left, cells wrapped, and sideways scrolling that follows
//! the cursor.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::glyphs::{self, Glyphs};
use super::{Mouse, Theme, area, rect, wheel};
use crate::app::compare::{PickerControl, controls, matrix};
use crate::app::table::{
    HEADER_H, LABEL_W, MARK, cells, columns, label, label_lines, lines_of, rows_shown, split,
};
use crate::app::{Action, App, CompareFocus, Pane};
use crate::compare::{Matrix, Row};
use crate::layout::Area;
use crate::wrap::{self, wrap_plain};

fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, w: u16, style: Style) {
    super::put(buf, x, y, text, usize::from(w), style);
}

/// Draws the compare screen; returns where the focus is (for the terminal's cursor): the selected
/// control above the table, or the cursor's cell.
pub fn render(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) -> Option<Position> {
    let m = matrix(app)?;
    let (ctl, note, table) = split(app, area(r));
    let picker_focus = app.compare.focus == CompareFocus::Picker;
    let cs = controls(app);
    let mut focus = None;
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
        if picker_focus && *k == app.compare.control {
            // The label's row: the middle of a touch target.
            let y = if app.mode.target_rows() > 1 {
                a.y + a.height / 2
            } else {
                a.y
            };
            focus = Some(Position::new(a.x, y)).filter(|p| r.contains(*p));
        }
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
    let cell = render_table(app, &m, rect(table), buf, theme);
    if picker_focus { focus } else { cell }
}

/// Rows above or below the ones shown are signed under the column arrows.
fn row_signs(
    app: &App<'_>,
    buf: &mut Buffer,
    r: Rect,
    (shown, total): (&[(usize, u16)], usize),
    theme: &Theme,
) {
    super::more_signs(
        app,
        buf,
        r.x + LABEL_W,
        (r.y + 1, shown.first().is_some_and(|(row, _)| *row > 0)),
        (
            r.y + 1,
            shown.last().is_some_and(|(row, _)| row + 1 < total),
        ),
        theme,
    );
}

/// The table's header: item names (and brands) above each column; arrows when more columns are
/// hidden. Returns where the cursor's column's name starts when the table has the focus.
fn render_header(
    app: &App<'_>,
    m: &Matrix<'_>,
    r: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    (first, cols_fit, col_w): (usize, usize, u16),
) -> Option<Position> {
    let mut focus = None;
    let set = &app.catalog.sets[app.compare.set];
    let table_focus = app.compare.focus == CompareFocus::Table;
    let signs = &theme.glyphs;
    let fit = |text: &str, w| wrap::fit_with(text, w, signs.ellipsis);
    let more_left = if first > 0 {
        format!("{} ", signs.left)
    } else {
        String::new()
    };
    let more_right = if first + cols_fit < m.columns.len() {
        format!(" {}", signs.right)
    } else {
        String::new()
    };
    put(
        buf,
        r.x,
        r.y,
        &format!("{more_left}{more_right}"),
        LABEL_W,
        theme.meta,
    );
    for (k, &item) in m.columns.iter().enumerate().skip(first).take(cols_fit) {
        let x = r.x + LABEL_W + 1 + u16::try_from(k - first).unwrap_or(0) * (col_w + 1);
        let it = &set.items[item];
        let style = if table_focus && k == app.compare.col {
            focus = Some(Position::new(x, r.y));
            theme.selected
        } else {
            theme.heading
        };
        let w = usize::from(col_w);
        put(buf, x, r.y, &fit(&it.name, w), col_w, style);
        put(
            buf,
            x,
            r.y + 1,
            &fit(&it.brands.join(", "), w),
            col_w,
            theme.meta,
        );
    }
    focus
}

/// Draws the table; returns where the cursor's cell starts (else its column's name) when the
/// table has the focus.
fn render_table(
    app: &App<'_>,
    m: &Matrix<'_>,
    r: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) -> Option<Position> {
    if r.height < HEADER_H + 2 {
        return None;
    }
    let (first, cols_fit, col_w) = columns(app, m, r.width);
    let wrapped = cells(app, m, col_w);
    let table_focus = app.compare.focus == CompareFocus::Table;
    let signs = &theme.glyphs;
    let mut focus = render_header(app, m, r, buf, theme, (first, cols_fit, col_w));
    let table = Area {
        y: r.y + HEADER_H,
        height: r.height - HEADER_H,
        ..area(r)
    };
    let values = m.value_rows();
    let cursor = values.get(app.compare.row).copied();
    let shown = rows_shown(app, m, table);
    row_signs(app, buf, r, (&shown, m.rows.len()), theme);
    let mut y = table.y + 1;
    for (row, h) in shown {
        match &m.rows[row] {
            Row::Group { title } if row < m.marked => {
                put(
                    buf,
                    r.x,
                    y,
                    &format!("{MARK}{title}"),
                    r.width,
                    theme.category,
                );
            }
            Row::Group { title } => put(buf, r.x, y, title, r.width, theme.category),
            Row::Values { label, differs, .. } => {
                let hl = app.compare.differences && *differs;
                let lstyle = if hl { theme.differs } else { theme.text };
                let lines = label_lines(app, label, *differs, row < m.marked);
                for (i, line) in lines.iter().enumerate() {
                    if i < usize::from(h) {
                        // The table's marker, measured with the label, in this theme's sign.
                        // (after the sign of a marked concern's row, if there is one).
                        let marked = if i == 0 && hl {
                            line.replacen(glyphs::UNICODE.differs, signs.differs, 1)
                        } else {
                            line.clone()
                        };
                        put(
                            buf,
                            r.x,
                            y + u16::try_from(i).unwrap_or(0),
                            &marked,
                            LABEL_W - 1,
                            lstyle,
                        );
                    }
                }
                for k in first..first + cols_fit {
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
                    if sel && !lines_of(&wrapped, row, k).is_empty() {
                        focus = Some(Position::new(x, y));
                    }
                    for (i, line) in lines_of(&wrapped, row, k).iter().enumerate() {
                        if i < usize::from(h.saturating_sub(1)) {
                            let drawn = cut_cell(line, col_w, signs);
                            put(
                                buf,
                                x,
                                y + u16::try_from(i).unwrap_or(0),
                                &drawn,
                                col_w,
                                style,
                            );
                        }
                    }
                }
            }
        }
        y += h;
    }
    focus.filter(|p| r.contains(*p))
}

/// A cell's line as drawn: the last line of a cell too long for the table ends in "…" (put there
/// when the cells were wrapped), drawn in `g`'s sign and within the column.
fn cut_cell<'a>(line: &'a str, col_w: u16, g: &Glyphs) -> std::borrow::Cow<'a, str> {
    match line.strip_suffix(glyphs::UNICODE.ellipsis) {
        Some(rest) if g.ellipsis != glyphs::UNICODE.ellipsis => {
            let room = usize::from(col_w)
                .saturating_sub(unicode_width::UnicodeWidthStr::width(g.ellipsis));
            let (keep, _) = wrap::head(rest, room);
            format!("{}{}", &rest[..keep], g.ellipsis).into()
        }
        _ => line.into(),
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
