//! Painting helpers every screen uses: text put into the buffer (cut at the width, never inside a
//! wide character), styled pages with their links, blocks, centring, the signs of more, clearing.
//! Reads the app, never changes it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{Theme, area, rect};
use crate::app::App;
use crate::layout;
use crate::markup;
use crate::page::{LineKind, Page, PageLine};

/// The lines of `page` from `scroll` that fit in `rows`.
pub(super) fn window(page: &Page, scroll: usize, rows: usize) -> &[PageLine] {
    let start = scroll.min(page.lines.len());
    &page.lines[start..page.lines.len().min(start.saturating_add(rows))]
}

/// Converts lines of a laid-out page into styled lines, highlighting link `focus`. Callers pass
/// only the lines that show, so a long page costs no more to draw than a short one.
pub(super) fn page_lines(
    lines: &[PageLine],
    theme: &Theme,
    focus: Option<usize>,
) -> Vec<Line<'static>> {
    lines
        .iter()
        .map(|pl| {
            let base = match pl.kind {
                LineKind::Title | LineKind::Heading => theme.heading,
                LineKind::Summary => theme.summary,
                LineKind::Body | LineKind::Blank => theme.text,
                LineKind::Meta => theme.meta,
            };
            let mut spans = Vec::with_capacity(pl.line.spans.len() + 1);
            if pl.line.indent > 0 {
                spans.push(Span::raw(" ".repeat(pl.line.indent)));
            }
            spans.extend(pl.line.spans.iter().map(|s| {
                let mut span = styled_span(s, base, theme, focus);
                // A list item's bullet is the layout's sign, not the content's.
                if s.text == crate::wrap::BULLET && s.link.is_none() {
                    span.content = theme.glyphs.bullet.into();
                }
                span
            }));
            Line::from(spans)
        })
        .collect()
}

pub(super) fn styled_span(
    s: &markup::Span,
    base: ratatui::style::Style,
    theme: &Theme,
    focus: Option<usize>,
) -> Span<'static> {
    use ratatui::style::Modifier;
    let mut style = base;
    if s.strong {
        style = style.add_modifier(Modifier::BOLD);
    }
    if s.emphasis {
        style = style.add_modifier(Modifier::ITALIC);
    }
    if let Some(l) = s.link {
        style = if focus == Some(l) {
            theme.link_focus
        } else {
            style.patch(theme.link)
        };
    }
    Span::styled(s.text.clone(), style)
}

/// A bordered block with a title, styled as focused or not.
pub(super) fn block<'a>(
    title: &'a str,
    focused: bool,
    theme: &Theme,
) -> ratatui::widgets::Block<'a> {
    ratatui::widgets::Block::bordered()
        .title(Span::styled(format!(" {title} "), theme.heading))
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        })
}

/// A rectangle centred in `r`, at most `w` x `h`.
pub(super) fn centered(r: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(r.width);
    let h = h.min(r.height);
    Rect::new(r.x + (r.width - w) / 2, r.y + (r.height - h) / 2, w, h)
}

/// Says that a pane holds more than it shows, in the content's words ("▲ more", "▼ more"):
/// `above` on row `top`, `below` on row `bottom` (a box's borders, or a free row beside an
/// unboxed pane), each ending at column `right` (exclusive). When both go on one row they are
/// written side by side. A sign never covers the pane's own text.
pub(super) fn more_signs(
    app: &App<'_>,
    buf: &mut Buffer,
    right: u16,
    (top, above): (u16, bool),
    (bottom, below): (u16, bool),
    theme: &Theme,
) {
    let ui = &app.catalog.ui;
    let mut rows: Vec<(u16, String)> = Vec::new();
    if above {
        rows.push((top, format!(" {} ", ui.more_above)));
    }
    if below {
        match rows.first_mut() {
            Some((y, text)) if *y == bottom => {
                text.push_str(&ui.more_below);
                text.push(' ');
            }
            _ => rows.push((bottom, format!(" {} ", ui.more_below))),
        }
    }
    for (y, text) in rows {
        let w =
            u16::try_from(unicode_width::UnicodeWidthStr::width(text.as_str())).unwrap_or(u16::MAX);
        put(
            buf,
            right.saturating_sub(w),
            y,
            &text,
            usize::from(w),
            theme.notice,
        );
    }
}

/// Writes `text` at (`x`, `y`), at most `width` columns, clipped to the buffer: a write outside it
/// is dropped rather than panicking (tiny terminals). Returns the column after the text.
pub(super) fn put(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    text: &str,
    width: usize,
    style: ratatui::style::Style,
) -> u16 {
    let a = buf.area;
    if y < a.y || y >= a.y + a.height || x < a.x || x >= a.x + a.width {
        return x;
    }
    let width = width.min(usize::from(a.x + a.width - x));
    if text.is_ascii() {
        // ratatui's set_stringn splits text into grapheme clusters with table lookups, a tenth of
        // a comparison frame. In ASCII every byte but a control character is one cell one column
        // wide, so the same cells are written directly.
        let mut end = x;
        for (x, b) in (x..).zip(text.bytes().filter(|b| !b.is_ascii_control()).take(width)) {
            buf[(x, y)].set_char(char::from(b)).set_style(style);
            end = x + 1;
        }
        return end;
    }
    buf.set_stringn(x, y, text, width, style).0
}

/// Writes lines that are already wrapped into `area`, one per row from the top, each cut at the
/// area's width, over `base` (given to the whole area): what a left-aligned `Paragraph` styled
/// `base` draws for them. ASCII lines go through [`put`]; the others through a one-line
/// `Paragraph`, which styles the cells a wide character covers its own way.
pub(super) fn put_lines(
    buf: &mut Buffer,
    area: Rect,
    lines: &[Line<'_>],
    base: ratatui::style::Style,
) {
    buf.set_style(area, base);
    let end = area.x.saturating_add(area.width);
    for (y, line) in (area.y..area.y.saturating_add(area.height)).zip(lines) {
        if !line.spans.iter().all(|s| s.content.is_ascii()) {
            // Not ASCII: left to a paragraph, so cells under wide characters come out the same.
            let row = Rect {
                y,
                height: 1,
                ..area
            };
            Paragraph::new(line.clone()).style(base).render(row, buf);
            continue;
        }
        let mut x = area.x;
        for span in &line.spans {
            if x >= end {
                break;
            }
            let style = line.style.patch(span.style);
            x = put(buf, x, y, &span.content, usize::from(end - x), style);
        }
    }
}

/// Empties `area` for a popup drawn over the screen, back to the theme's ground.
pub(super) fn clear(area: Rect, buf: &mut Buffer, theme: &Theme) {
    ratatui::widgets::Clear.render(area, buf);
    if theme.base != ratatui::style::Style::new() {
        buf.set_style(area, theme.base);
    }
}

/// The area inside a one-cell border.
pub(super) fn layout_inner(r: Rect) -> Rect {
    rect(layout::inner(area(r)))
}
