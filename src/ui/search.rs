//! The search overlay: the query box, a notice (close matches, nothing found), and ranked results
//! with their matched characters highlighted and a snippet.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_segmentation::UnicodeSegmentation;

use super::{Mouse, Theme, area, block, layout_inner, wheel};
use crate::app::{Action, App, Pane};
use crate::layout::Area;

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

/// `text` as spans, the characters at the char indices in `matches` styled `hl`, the rest `base`.
/// One span per run of the same style, and a grapheme cluster (a letter and its combining accent,
/// an emoji and its selector or joiner) always whole in one span, styled `hl` if any of its
/// characters matched: ratatui drops a character of no width that stands alone in a span.
fn highlighted(text: &str, matches: &[usize], base: Style, hl: Style) -> Vec<Span<'static>> {
    let style = |lit: bool| if lit { hl } else { base };
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_lit = false;
    let mut index = 0;
    for g in text.graphemes(true) {
        let chars = g.chars().count();
        let lit = (index..index + chars).any(|i| matches.contains(&i));
        index += chars;
        if lit != run_lit && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), style(run_lit)));
        }
        run_lit = lit;
        run.push_str(g);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, style(run_lit)));
    }
    spans
}

/// Results above or below the ones shown (`first`, `fit` of `total`) are signed on the box's
/// borders.
fn signs(
    app: &App<'_>,
    buf: &mut Buffer,
    outer: Rect,
    (first, fit, total): (usize, usize, usize),
    theme: &Theme,
) {
    super::more_signs(
        app,
        buf,
        outer.right().saturating_sub(1),
        (outer.y, first > 0),
        (outer.bottom().saturating_sub(1), first + fit < total),
        theme,
    );
}

/// Draws the search overlay; returns where the focus is (for the terminal's cursor): the
/// selected result, else the end of the query where the next letter goes.
pub fn render(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) -> Option<Position> {
    let s = app.search.as_ref()?;
    let ui = &app.catalog.ui;
    let outer = super::rect(boxed(area(r)));
    super::clear(outer, buf, theme);
    block(&ui.search, true, theme).render(outer, buf);
    let inner = layout_inner(outer);
    if inner.height == 0 {
        return None;
    }
    let query = Line::from(vec![
        Span::styled("/ ", theme.key),
        Span::styled(format!("{}{}", s.query, theme.glyphs.caret), theme.summary),
    ]);
    // The typing point: the drawn caret after the query, or the box's last column.
    let typed = u16::try_from(query.width().saturating_sub(1)).unwrap_or(u16::MAX);
    let caret = Position::new(
        inner
            .x
            .saturating_add(typed)
            .min(inner.right().saturating_sub(1)),
        inner.y,
    );
    Paragraph::new(query).render(Rect { height: 1, ..inner }, buf);
    let close = ui.close_matches.replace("{query}", &s.results.used_query);
    let (notice, style) = if s.query.trim().is_empty() {
        (ui.search_prompt.as_str(), theme.meta)
    } else if s.results.hits.is_empty() {
        (ui.no_results.as_str(), theme.notice)
    } else if s.results.close {
        (close.as_str(), theme.notice)
    } else {
        ("", theme.meta)
    };
    let nothing = !s.query.trim().is_empty() && s.results.hits.is_empty();
    if nothing && inner.height > 1 {
        // Nothing found: the whole message (what to try, where help is) wraps over the empty list.
        Paragraph::new(notice)
            .style(style)
            .wrap(Wrap { trim: true })
            .render(
                Rect {
                    y: inner.y + 1,
                    height: inner.height - 1,
                    ..inner
                },
                buf,
            );
    } else if inner.height > 1 {
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
    signs(app, buf, outer, (first, fit, s.results.hits.len()), theme);
    let focus = draw_results(app, list, (first, fit), buf, theme).unwrap_or(caret);
    Some(focus).filter(|p| r.contains(*p))
}

/// Draws results `first` to `first + fit` into `list`, two rows each (title, snippet); returns
/// where the selected one starts, if shown.
fn draw_results(
    app: &App<'_>,
    list: Rect,
    (first, fit): (usize, usize),
    buf: &mut Buffer,
    theme: &Theme,
) -> Option<Position> {
    let s = app.search.as_ref()?;
    let ui = &app.catalog.ui;
    let mut focus = None;
    for (k, hit) in s.results.hits.iter().enumerate().skip(first).take(fit) {
        let y = list.y + u16::try_from(k - first).unwrap_or(0) * result_rows(app);
        let sel = k == s.selected;
        if sel {
            focus = Some(Position::new(list.x, y));
        }
        let kind = hit.kind.label(ui);
        let base = if sel { theme.selected } else { theme.heading };
        let mut spans = vec![Span::styled(
            format!("{}{kind}: ", if sel { theme.glyphs.marker } else { "  " }),
            base,
        )];
        // "Title › Section" in this theme's sign: the same number of characters, so the matches
        // stay on their letters.
        spans.extend(highlighted(
            &theme.glyphs.composed(&hit.title),
            &hit.title_matches,
            base,
            base.patch(theme.matched),
        ));
        let ellipsis = theme.glyphs.ellipsis;
        Paragraph::new(Line::from(super::fit_line(spans, list.width, ellipsis))).render(
            Rect {
                y,
                height: 1,
                ..list
            },
            buf,
        );
        let mut snip = vec![Span::raw("    ")];
        let (snippet, matches) = snippet_in(&hit.snippet, &hit.snippet_matches, theme);
        snip.extend(highlighted(&snippet, &matches, theme.meta, theme.matched));
        Paragraph::new(Line::from(super::fit_line(snip, list.width, ellipsis))).render(
            Rect {
                y: y + 1,
                height: 1,
                ..list
            },
            buf,
        );
    }
    focus
}

/// A result's snippet with the "…" where it was cut in `theme`'s sign, and its matched characters
/// moved to match.
fn snippet_in<'a>(
    snippet: &'a str,
    matches: &[usize],
    theme: &Theme,
) -> (std::borrow::Cow<'a, str>, Vec<usize>) {
    let cut = super::glyphs::UNICODE.ellipsis;
    let shown = theme.glyphs.composed(snippet);
    // A sign at the start in more characters pushes every match right; one at the end moves none.
    let lead = if snippet.starts_with(cut) && !shown.starts_with(cut) {
        theme.glyphs.ellipsis.chars().count().saturating_sub(1)
    } else {
        0
    };
    (shown, matches.iter().map(|&i| i + lead).collect())
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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    fn runs(text: &str, matches: &[usize]) -> Vec<(String, bool)> {
        let hl = Style::new().add_modifier(Modifier::BOLD);
        highlighted(text, matches, Style::new(), hl)
            .into_iter()
            .map(|s| (s.content.to_string(), s.style == hl))
            .collect()
    }

    #[test]
    fn one_span_per_run_of_the_same_style() {
        assert_eq!(
            runs("Zoloft pill", &[0, 1, 2]),
            [("Zol".to_string(), true), ("oft pill".to_string(), false)]
        );
        assert_eq!(runs("abc", &[]), [("abc".to_string(), false)]);
        assert!(runs("", &[0]).is_empty());
    }

    #[test]
    fn grapheme_clusters_stay_whole() {
        // The doctor emoji is characters 1 to 4 (with its joiner at 2 and selector at 4), the
        // combining accent after "e" (9) is 10: matching any character of a cluster lights it all.
        let text = "a\u{1F469}\u{200D}\u{2695}\u{FE0F} cafe\u{301}";
        assert_eq!(
            runs(text, &[3, 10]),
            [
                ("a".to_string(), false),
                ("\u{1F469}\u{200D}\u{2695}\u{FE0F}".to_string(), true),
                (" caf".to_string(), false),
                ("e\u{301}".to_string(), true),
            ]
        );
        // No span is a lone character of no width.
        for (t, _) in runs(text, &[0, 2, 4, 10]) {
            assert!(
                unicode_width::UnicodeWidthStr::width(t.as_str()) > 0,
                "{t:?}"
            );
        }
    }
}
