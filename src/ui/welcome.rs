//! Kiosk screens: the welcome screen a visit starts from, and the "still reading?" question with
//! its countdown. Both leave the crisis line in view.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::{Theme, block, centered, layout_inner, wrapped};
use crate::app::App;

/// Draws the welcome screen: the clinic's name, what the guide offers, how to start. Returns where
/// its first line starts (for the terminal's cursor).
pub fn render(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) -> Option<Position> {
    let c = app.catalog;
    let name = app.clinic.unwrap_or(&c.meta.title);
    let area = centered(r, r.width.saturating_sub(4).min(72), 12);
    let lines = paragraphs(
        &[
            (name, theme.heading),
            (&c.meta.tagline, theme.summary),
            (&c.ui.welcome_start, theme.key),
            (&c.meta.disclaimer, theme.notice),
        ],
        area.width,
    );
    let focus = first_line(&lines, area, 0);
    Paragraph::new(lines).centered().render(area, buf);
    focus
}

/// Where line `i` of `lines`, centred in `area` as a centred `Paragraph` places it, starts.
fn first_line(lines: &[Line<'_>], area: Rect, i: usize) -> Option<Position> {
    let line = lines.get(i)?;
    let w = u16::try_from(line.width()).unwrap_or(u16::MAX);
    // ratatui centres a line at half the area less half the line (rounding both down).
    let x = area.x + (area.width / 2).saturating_sub(w / 2);
    let y = area.y.saturating_add(u16::try_from(i).ok()?);
    area.contains(Position::new(x, y))
        .then_some(Position::new(x, y))
}

/// Each text wrapped to `width` in its style, with a blank line between them.
fn paragraphs(texts: &[(&str, Style)], width: u16) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (i, (text, style)) in texts.iter().enumerate() {
        if i > 0 {
            lines.push(Line::default());
        }
        lines.extend(wrapped(text, width, *style));
    }
    lines
}

/// Draws "still reading?" with the seconds left before the guide starts over; returns where the
/// question starts (for the terminal's cursor).
pub fn still_reading(
    app: &App<'_>,
    seconds: u16,
    r: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) -> Option<Position> {
    let ui = &app.catalog.ui;
    let area = centered(r, r.width.saturating_sub(4).min(60), 8);
    super::clear(area, buf, theme);
    let countdown = ui.starting_over.replace("{seconds}", &seconds.to_string());
    let mut lines = vec![Line::default()];
    lines.extend(paragraphs(
        &[
            (&ui.still_reading, theme.heading),
            (&countdown, theme.summary),
        ],
        layout_inner(area).width,
    ));
    let focus = first_line(&lines, layout_inner(area), 1);
    Paragraph::new(lines)
        .centered()
        .block(block(&ui.still_there, true, theme))
        .render(area, buf);
    focus
}
