//! The only place colours live: a colour theme and a plain one for `NO_COLOR` and dumb terminals.
//! In the plain theme the selection stays visible through a marker, bold and reverse video. Each
//! theme also carries the signs it draws ([`Glyphs`]: Unicode, or the console's).

use ratatui::style::{Color, Modifier, Style};

use super::glyphs::{self, Glyphs};

/// Every style the screens use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// The title bar.
    pub title: Style,
    /// The current screen's tab in the title bar.
    pub tab_active: Style,
    /// A button in the title bar (Back, other screens).
    pub button: Style,
    /// The crisis strip.
    pub crisis: Style,
    /// Key names in the footer.
    pub key: Style,
    /// Help words in the footer.
    pub footer: Style,
    /// A selected row or control.
    pub selected: Style,
    /// Headings and titles in text.
    pub heading: Style,
    /// Category rows in the topic list.
    pub category: Style,
    /// Body text.
    pub text: Style,
    /// The main message of a topic.
    pub summary: Style,
    /// Sources, dates, hints.
    pub meta: Style,
    /// A link.
    pub link: Style,
    /// The focused link.
    pub link_focus: Style,
    /// A border.
    pub border: Style,
    /// The border of the focused pane.
    pub border_focus: Style,
    /// A table row whose values differ (when highlighting is on).
    pub differs: Style,
    /// A cell with no reviewed value.
    pub missing: Style,
    /// Matched characters in search results.
    pub matched: Style,
    /// A notice (close matches, keep two chosen).
    pub notice: Style,
    /// A QR code's half blocks: dark modules on a light ground, so phones read it.
    pub qr: Style,
    /// The signs drawn around the content (markers, arrows, the scroll bar).
    pub glyphs: Glyphs,
}

impl Theme {
    /// The same theme drawing `glyphs` (the console set on the Linux console).
    #[must_use]
    pub const fn with_glyphs(self, glyphs: Glyphs) -> Theme {
        Theme { glyphs, ..self }
    }
}

const fn fg(c: Color) -> Style {
    Style::new().fg(c)
}

/// The colour theme.
pub const COLOR: Theme = Theme {
    title: Style::new().fg(Color::Black).bg(Color::Cyan),
    tab_active: Style::new()
        .fg(Color::White)
        .bg(Color::Blue)
        .add_modifier(Modifier::BOLD),
    button: Style::new().fg(Color::Black).bg(Color::LightCyan),
    crisis: Style::new()
        .fg(Color::White)
        .bg(Color::Red)
        .add_modifier(Modifier::BOLD),
    key: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    footer: fg(Color::Gray),
    selected: Style::new()
        .fg(Color::Black)
        .bg(Color::LightCyan)
        .add_modifier(Modifier::BOLD),
    heading: Style::new()
        .fg(Color::LightCyan)
        .add_modifier(Modifier::BOLD),
    category: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    text: Style::new(),
    summary: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
    meta: fg(Color::Gray),
    link: Style::new()
        .fg(Color::LightBlue)
        .add_modifier(Modifier::UNDERLINED),
    link_focus: Style::new()
        .fg(Color::Black)
        .bg(Color::LightBlue)
        .add_modifier(Modifier::BOLD),
    border: fg(Color::DarkGray),
    border_focus: fg(Color::Cyan),
    differs: Style::new()
        .fg(Color::LightYellow)
        .add_modifier(Modifier::BOLD),
    missing: Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
    matched: Style::new()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    notice: Style::new()
        .fg(Color::LightYellow)
        .add_modifier(Modifier::ITALIC),
    qr: Style::new().fg(Color::Black).bg(Color::White),
    glyphs: glyphs::UNICODE,
};

/// The plain theme: no colour at all, only bold, underline and reverse video.
pub const PLAIN: Theme = Theme {
    title: Style::new().add_modifier(Modifier::REVERSED),
    tab_active: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    button: Style::new().add_modifier(Modifier::REVERSED),
    crisis: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
    key: Style::new().add_modifier(Modifier::BOLD),
    footer: Style::new(),
    selected: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
    heading: Style::new().add_modifier(Modifier::BOLD),
    category: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    text: Style::new(),
    summary: Style::new().add_modifier(Modifier::BOLD),
    meta: Style::new().add_modifier(Modifier::DIM),
    link: Style::new().add_modifier(Modifier::UNDERLINED),
    link_focus: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::UNDERLINED)),
    border: Style::new(),
    border_focus: Style::new().add_modifier(Modifier::BOLD),
    differs: Style::new().add_modifier(Modifier::BOLD),
    missing: Style::new().add_modifier(Modifier::ITALIC),
    matched: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    notice: Style::new().add_modifier(Modifier::ITALIC),
    // Without colour, reverse video turns the terminal's own light text into the light ground.
    qr: Style::new().add_modifier(Modifier::REVERSED),
    glyphs: glyphs::UNICODE,
};
