//! The topics screen: the category → topic → section list on the left (above on narrow terminals)
//! and the reading pane with a scroll indicator.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    List, ListItem, ListState, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget,
    Widget,
};
use unicode_width::UnicodeWidthStr;

use super::{Mouse, Theme, block, page_lines, put_lines, rect, wheel, window};
use crate::app::{Action, App, Focus, Pane, TreeRow, topics, tree_rows};
use crate::layout::{self, Area};

/// Draws the topics screen; returns where the focus is (for the terminal's cursor): the selected
/// row of the list, or in the reading pane (and the reading view) the focused link or else the
/// text's top.
pub fn render(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) -> Option<Position> {
    if topics::reading_view(app) {
        return render_reading(app, r, buf, theme);
    }
    let split = layout::topics_split(super::area(r), app.mode.target_rows());
    let row = render_list(app, rect(split.list), buf, theme);
    let reader = render_reader(app, rect(split.reader), buf, theme);
    match app.topics.focus {
        Focus::List => row,
        Focus::Reader => reader,
    }
}

fn list_offset(selected: usize, height: usize) -> usize {
    selected.saturating_sub(height.saturating_sub(1) / 2)
}

/// Draws the topic list; returns where its selected row's text line starts.
fn render_list(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) -> Option<Position> {
    let c = app.catalog;
    let focused = app.topics.focus == Focus::List;
    let rows = tree_rows(c, app.topics.open);
    // A title too long for the list ends in "…" (inside the box's two borders).
    let room = usize::from(r.width.saturating_sub(2));
    let items: Vec<ListItem<'_>> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let sel = i == app.topics.row;
            let marker = if sel { theme.glyphs.marker } else { "  " };
            let (text, style) = match *row {
                TreeRow::Category(ci) => {
                    (c.categories[ci].list_title().to_string(), theme.category)
                }
                TreeRow::Topic(t) => (format!("{marker}{}", c.topics[t].list_title()), theme.text),
                TreeRow::Section(t, s) => (
                    format!("  {marker}{}", c.topics[t].sections[s].list_heading()),
                    theme.meta,
                ),
            };
            let style = if sel { theme.selected } else { style };
            // On a touch screen each row is a target several rows tall, the text in the middle.
            let h = usize::from(app.mode.target_rows());
            let mut lines = vec![Line::from(Span::styled(String::new(), style)); h];
            let text = if text.width() > room {
                crate::wrap::fit_with(&text, room, theme.glyphs.ellipsis)
            } else {
                text
            };
            lines[h / 2] = Line::from(Span::styled(text, style));
            ListItem::new(lines).style(if sel {
                style
            } else {
                ratatui::style::Style::new()
            })
        })
        .collect();
    let fit = usize::from(r.height.saturating_sub(2) / app.mode.target_rows());
    let total = items.len();
    let mut state = ListState::default()
        .with_offset(list_offset(app.topics.row, fit))
        .with_selected(Some(app.topics.row));
    StatefulWidget::render(
        List::new(items).block(block(&c.ui.topics, focused, theme)),
        r,
        buf,
        &mut state,
    );
    let first = state.offset();
    super::more_signs(
        app,
        buf,
        r.right().saturating_sub(1),
        (r.y, first > 0),
        (r.bottom().saturating_sub(1), first + fit < total),
        theme,
    );
    // Each row is `h` tall with its words in the middle row (see above).
    let h = app.mode.target_rows();
    let shown = app.topics.row.checked_sub(first)?;
    let y = u16::try_from(shown)
        .ok()?
        .checked_mul(h)?
        .checked_add(r.y + 1 + h / 2)?;
    (shown < fit && y < r.bottom().saturating_sub(1)).then_some(Position::new(r.x + 1, y))
}

/// Before a topic is opened, the reading pane shows the selected topic's title and main message,
/// and how to read the rest.
fn render_preview(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) {
    block("", false, theme).render(r, buf);
    let c = app.catalog;
    let rows = tree_rows(c, None);
    let Some(TreeRow::Topic(t)) = rows.get(app.topics.row).copied() else {
        return;
    };
    let area = rect(topics::reader_area(app)).intersection(r);
    let width = usize::from(area.width);
    let topic = &c.topics[t];
    let mut lines: Vec<Line<'_>> = Vec::new();
    let mut add = |text: &str, style| {
        for l in crate::wrap::wrap_plain(text, width) {
            lines.push(Line::from(Span::styled(l, style)));
        }
    };
    add(&topic.title, theme.heading);
    add("", theme.text);
    add(&topic.summary_doc.plain(), theme.summary);
    add("", theme.text);
    add(&c.ui.preview_hint, theme.meta);
    put_lines(buf, area, &lines, ratatui::style::Style::new());
}

/// The reading view: the open topic's text alone, every row and up to 80 columns of it, with the
/// scroll bar at the right edge. Returns where the focused link starts, else the text's first
/// cell.
fn render_reading(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) -> Option<Position> {
    let view = layout::reading_view(super::area(r));
    let page = topics::page(app);
    let text = rect(view.text).intersection(r);
    let rows = usize::from(text.height);
    let shown = window(&page, app.topics.scroll, rows);
    let visible = page_lines(shown, theme, app.topics.link);
    put_lines(buf, text, &visible, ratatui::style::Style::new());
    scroll_bar(
        app.topics.scroll,
        (page.lines.len(), rows),
        rect(view.bar),
        buf,
        theme,
    );
    let top = (!text.is_empty()).then_some(text.as_position());
    super::link_position(shown, text, app.topics.link).or(top)
}

/// The scroll bar in `area` for `scroll` lines into a text of `total` lines with `view` shown, if
/// it does not all fit.
fn scroll_bar(
    scroll: usize,
    (total, view): (usize, usize),
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    if total <= view || area.height == 0 {
        return;
    }
    let mut sb = ScrollbarState::new(total.saturating_sub(view)).position(scroll);
    let g = &theme.glyphs;
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .track_symbol(Some(g.scroll_track))
        .thumb_symbol(g.scroll_thumb)
        .begin_symbol(Some(g.scroll_up))
        .end_symbol(Some(g.scroll_down))
        .render(area, buf, &mut sb);
}

/// Draws the reading pane; returns where its focused link starts, else its first cell inside the
/// border.
fn render_reader(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) -> Option<Position> {
    let top = (r.width > 2 && r.height > 2).then_some(Position::new(r.x + 1, r.y + 1));
    if app.topics.open.is_none() {
        render_preview(app, r, buf, theme);
        return top;
    }
    let focused = app.topics.focus == Focus::Reader;
    let page = topics::page(app);
    let view = usize::from(r.height.saturating_sub(2));
    let total = page.lines.len();
    let title = if total > view && view > 0 {
        let pct = (app.topics.scroll + view).min(total) * 100 / total.max(1);
        format!("{pct}%")
    } else {
        String::new()
    };
    let shown = window(&page, app.topics.scroll, view);
    let visible = page_lines(shown, theme, app.topics.link);
    block(&title, focused, theme).render(r, buf);
    let area = rect(topics::reader_area(app)).intersection(r);
    put_lines(buf, area, &visible, ratatui::style::Style::new());
    let link = super::link_position(shown, area, app.topics.link);
    if r.height > 2 {
        let area = Rect {
            y: r.y + 1,
            height: r.height - 2,
            ..r
        };
        scroll_bar(app.topics.scroll, (total, view), area, buf, theme);
    }
    link.or(top)
}

/// The action for a mouse event on the topics screen.
pub fn mouse(app: &App<'_>, body: Area, kind: Mouse, col: u16, row: u16) -> Option<Action> {
    if topics::reading_view(app) {
        return reading_mouse(app, body, kind, col, row);
    }
    let split = layout::topics_split(body, app.mode.target_rows());
    if split.list.contains(col, row) {
        if let Some(w) = wheel(kind, Pane::TopicList) {
            return Some(w);
        }
        let inner = layout::inner(split.list);
        if !inner.contains(col, row) {
            return None;
        }
        let rows = tree_rows(app.catalog, app.topics.open);
        let h = app.mode.target_rows();
        let i = list_offset(app.topics.row, usize::from(inner.height / h))
            + usize::from((row - inner.y) / h);
        return match rows.get(i) {
            Some(TreeRow::Topic(_) | TreeRow::Section(..)) => {
                Some(Action::Pick(Pane::TopicList, i))
            }
            _ => None,
        };
    }
    if split.reader.contains(col, row) {
        if let Some(w) = wheel(kind, Pane::Reader) {
            return Some(w);
        }
        let inner = topics::reader_area(app);
        if !inner.contains(col, row) {
            return None;
        }
        let page = topics::page(app);
        let line = page
            .lines
            .get(app.topics.scroll + usize::from(row - inner.y))?;
        return super::link_at(line, inner.x, col).map(Action::PickLink);
    }
    None
}

/// The action for a mouse event on the reading view: the wheel scrolls, a click on a link
/// follows it.
fn reading_mouse(app: &App<'_>, body: Area, kind: Mouse, col: u16, row: u16) -> Option<Action> {
    if !body.contains(col, row) {
        return None;
    }
    if let Some(w) = wheel(kind, Pane::Reader) {
        return Some(w);
    }
    let text = topics::reader_area(app);
    if !text.contains(col, row) {
        return None;
    }
    let page = topics::page(app);
    let line = page
        .lines
        .get(app.topics.scroll + usize::from(row - text.y))?;
    super::link_at(line, text.x, col).map(Action::PickLink)
}
