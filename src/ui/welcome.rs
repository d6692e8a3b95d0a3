//! Kiosk screens: the welcome screen a visit starts from, and the "still reading?" question with
//! its countdown. Both leave the crisis line in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::{Theme, block, centered, layout_inner, wrapped};
use crate::app::App;

/// Draws the welcome screen: the clinic's name, what the guide offers, how to start.
pub fn render(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) {
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
    Paragraph::new(lines).centered().render(area, buf);
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

/// Draws "still reading?" with the seconds left before the guide starts over.
pub fn still_reading(app: &App<'_>, seconds: u16, r: Rect, buf: &mut Buffer, theme: &Theme) {
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
    Paragraph::new(lines)
        .centered()
        .block(block(&ui.still_there, true, theme))
        .render(area, buf);
}
