//! The only place colours live: a colour theme, a high-contrast one (`--theme high-contrast`:
//! white and black only, the selection in reverse video) and a plain one for `NO_COLOR` and dumb
//! terminals. In the plain theme the selection stays visible through a marker, bold and reverse
//! video. No theme draws text a reader must read dim or grey where it promises contrast: the
//! plain and high-contrast themes use no dim (faint) attribute at all. Each theme also carries the
//! signs it draws ([`Glyphs`]: Unicode, or the console's).

use ratatui::style::{Color, Modifier, Style};

use super::glyphs::{self, Glyphs};

/// Every style the screens use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// The ground every frame (and every popup) starts from, under all the styles below.
    pub base: Style,
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
    base: Style::new(),
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

/// White on black.
const HC: Style = Style::new().fg(Color::White).bg(Color::Black);
/// Black on white.
const HC_REVERSE: Style = Style::new().fg(Color::Black).bg(Color::White);

/// The high-contrast theme: white text on a black ground everywhere (the whole frame is painted,
/// so a light terminal's own colours never show through), black on white for the title bar's
/// buttons, the keys, the crisis strip and the QR code, and the selection in reverse video. No
/// grey, no dim, and no meaning carried by bold: headings, links and matches are underlined.
pub const HIGH_CONTRAST: Theme = Theme {
    base: HC,
    title: HC,
    tab_active: HC.add_modifier(Modifier::UNDERLINED),
    button: HC_REVERSE,
    crisis: HC_REVERSE,
    key: HC_REVERSE,
    footer: HC,
    selected: HC.add_modifier(Modifier::REVERSED),
    heading: HC.add_modifier(Modifier::UNDERLINED),
    category: HC.add_modifier(Modifier::UNDERLINED),
    text: HC,
    summary: HC,
    meta: HC,
    link: HC.add_modifier(Modifier::UNDERLINED),
    link_focus: HC.add_modifier(Modifier::REVERSED.union(Modifier::UNDERLINED)),
    border: HC,
    border_focus: HC,
    differs: HC.add_modifier(Modifier::UNDERLINED),
    missing: HC,
    matched: HC.add_modifier(Modifier::UNDERLINED),
    notice: HC,
    qr: HC_REVERSE,
    glyphs: glyphs::UNICODE,
};

/// The plain theme: no colour at all, only bold, underline and reverse video (never dim).
pub const PLAIN: Theme = Theme {
    base: Style::new(),
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
    // Sources, dates and hints are read too: not dim (faint), which is hard to read.
    meta: Style::new(),
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
