//! Kiosk screens: the welcome screen a visit starts from, and the "still reading?" question with
//! its countdown. Both leave the crisis line in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use super::{Theme, block, centered};
use crate::app::App;

/// Draws the welcome screen: the clinic's name, what the guide offers, how to start.
pub fn render(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) {
    let c = app.catalog;
    let name = app.clinic.unwrap_or(&c.meta.title);
    let lines = vec![
        Line::from(Span::styled(name.to_string(), theme.heading)),
        Line::default(),
        Line::from(Span::styled(c.meta.tagline.clone(), theme.summary)),
        Line::default(),
        Line::from(Span::styled(c.ui.welcome_start.clone(), theme.key)),
        Line::default(),
        Line::from(Span::styled(c.meta.disclaimer.clone(), theme.notice)),
    ];
    let area = centered(r, r.width.saturating_sub(4).min(72), 12);
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .centered()
        .render(area, buf);
}

/// Draws "still reading?" with the seconds left before the guide starts over.
pub fn still_reading(app: &App<'_>, seconds: u16, r: Rect, buf: &mut Buffer, theme: &Theme) {
    let ui = &app.catalog.ui;
    let area = centered(r, r.width.saturating_sub(4).min(60), 8);
    Clear.render(area, buf);
    let countdown = ui.starting_over.replace("{seconds}", &seconds.to_string());
    let lines = vec![
        Line::default(),
        Line::from(Span::styled(ui.still_reading.clone(), theme.heading)),
        Line::default(),
        Line::from(Span::styled(countdown, theme.summary)),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .centered()
        .block(block("", true, theme))
        .render(area, buf);
}
