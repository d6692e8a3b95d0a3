//! The search overlay: the query box, a notice (close matches, nothing found), and ranked results
//! with their matched characters highlighted and a snippet.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{Mouse, Theme, area, block, layout_inner, theme::MARKER, wheel};
use crate::app::{Action, App, Pane};
use crate::layout::Area;
use crate::search::Kind;

/// Rows each result takes: title and snippet (three on a touch screen).
fn result_rows(app: &App<'_>) -> u16 {
    2.max(app.mode.target_rows())
}

fn boxed(body: Area) -> Area {
    let w = body.width.saturating_sub(4).min(96).max(body.width.min(20));
    let h = body.height.saturating_sub(2).max(body.height.min(3));
    Area {
        x: body.x + (body.width - w) / 2,
        y: body.y + (body.height - h) / 2,
        width: w,
        height: h,
    }
}

/// First result row shown, so that the selected one is visible.
fn first_shown(selected: usize, rows_fit: usize) -> usize {
    selected.saturating_sub(rows_fit.saturating_sub(1))
}

fn highlighted(text: &str, matches: &[usize], base: Style, hl: Style) -> Vec<Span<'static>> {
    text.chars()
        .enumerate()
        .map(|(i, ch)| Span::styled(ch.to_string(), if matches.contains(&i) { hl } else { base }))
        .collect()
}

/// Draws the search overlay.
pub fn render(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(s) = &app.search else { return };
    let ui = &app.catalog.ui;
    let outer = super::rect(boxed(area(r)));
    Clear.render(outer, buf);
    block(&ui.search, true, theme).render(outer, buf);
    let inner = layout_inner(outer);
    if inner.height == 0 {
        return;
    }
    let query = Line::from(vec![
        Span::styled("/ ", theme.key),
        Span::styled(format!("{}▏", s.query), theme.summary),
    ]);
    Paragraph::new(query).render(Rect { height: 1, ..inner }, buf);
    let (notice, style) = if s.query.trim().is_empty() {
        (ui.search_prompt.as_str(), theme.meta)
    } else if s.results.hits.is_empty() {
        (ui.no_results.as_str(), theme.notice)
    } else if s.results.close {
        (ui.close_matches.as_str(), theme.notice)
    } else {
        ("", theme.meta)
    };
    if inner.height > 1 {
        super::put(
            buf,
            inner.x,
            inner.y + 1,
            notice,
            usize::from(inner.width),
            style,
        );
    }
    let list = Rect {
        y: inner.y + 2,
        height: inner.height.saturating_sub(2),
        ..inner
    };
    let fit = usize::from(list.height / result_rows(app));
    let first = first_shown(s.selected, fit);
    for (k, hit) in s.results.hits.iter().enumerate().skip(first).take(fit) {
        let y = list.y + u16::try_from(k - first).unwrap_or(0) * result_rows(app);
        let sel = k == s.selected;
        let kind = match hit.kind {
            Kind::Topic => &ui.kind_topic,
            Kind::Section => &ui.kind_section,
            Kind::Question => &ui.kind_question,
            Kind::Term => &ui.kind_term,
            Kind::Item => &ui.kind_item,
        };
        let base = if sel { theme.selected } else { theme.heading };
        let mut spans = vec![Span::styled(
            format!("{}{kind}: ", if sel { MARKER } else { "  " }),
            base,
        )];
        spans.extend(highlighted(
            &hit.title,
            &hit.title_matches,
            base,
            base.patch(theme.matched),
        ));
        Paragraph::new(Line::from(spans)).render(
            Rect {
                y,
                height: 1,
                ..list
            },
            buf,
        );
        let mut snip = vec![Span::raw("    ")];
        snip.extend(highlighted(
            &hit.snippet,
            &hit.snippet_matches,
            theme.meta,
            theme.matched,
        ));
        Paragraph::new(Line::from(snip)).render(
            Rect {
                y: y + 1,
                height: 1,
                ..list
            },
            buf,
        );
    }
}

/// The action for a mouse event while search is open: a click outside the box closes it.
pub fn mouse(app: &App<'_>, body: Area, kind: Mouse, col: u16, row: u16) -> Option<Action> {
    let s = app.search.as_ref()?;
    let outer = boxed(body);
    if !outer.contains(col, row) {
        return (kind == Mouse::Click).then_some(Action::Back);
    }
    if let Some(w) = wheel(kind, Pane::Results) {
        return Some(w);
    }
    let inner = crate::layout::inner(outer);
    let list_y = inner.y + 2;
    if row < list_y {
        return None;
    }
    let fit = usize::from(inner.height.saturating_sub(2) / result_rows(app));
    let k = first_shown(s.selected, fit) + usize::from((row - list_y) / result_rows(app));
    (k < s.results.hits.len()).then_some(Action::Pick(Pane::Results, k))
}
