//! Every sign the guide draws around the content (the selection marker, "…" where text is cut,
//! arrows, the scroll bar, the search caret), in two sets: [`UNICODE`], and [`CONSOLE`] for the
//! Linux console (`TERM=linux`, the documented kiosk set-up), `TERM=vt…` and `--ascii`, whose
//! fonts lack most of them. The console set uses only what [`in_console_font`] allows. Signs in
//! the pack's own words (`ui.toml`: "▼ more") are rewritten by one rule, [`console_words`].
//! Content text is never changed here.

use std::borrow::Cow;

/// The signs one theme draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    /// Before the selected row: it shows the selection without colour ("› ").
    pub marker: &'static str,
    /// Where text too long for its place is cut ("…").
    pub ellipsis: &'static str,
    /// After the search query, where the next letter goes ("▏").
    pub caret: &'static str,
    /// More to the left; the previous code ("◀").
    pub left: &'static str,
    /// More to the right; the next code ("▶").
    pub right: &'static str,
    /// Between the steps of the questions path (" › ").
    pub path: &'static str,
    /// Before an item of a list in text ("• "); as wide as [`crate::wrap::BULLET`].
    pub bullet: &'static str,
    /// Before a comparison row whose items differ ("≠ "); as wide as the table's marker.
    pub differs: &'static str,
    /// The scroll bar's track.
    pub scroll_track: &'static str,
    /// The scroll bar's thumb.
    pub scroll_thumb: &'static str,
    /// The scroll bar's top end.
    pub scroll_up: &'static str,
    /// The scroll bar's bottom end.
    pub scroll_down: &'static str,
}

/// The signs on a terminal with a Unicode font.
pub const UNICODE: Glyphs = Glyphs {
    marker: "› ",
    ellipsis: "…",
    caret: "▏",
    left: "◀",
    right: "▶",
    path: " › ",
    bullet: "• ",
    differs: "≠ ",
    scroll_track: "║",
    scroll_thumb: "█",
    scroll_up: "▲",
    scroll_down: "▼",
};

/// The signs on the Linux console: ASCII, and the few signs both of its standard fonts have
/// (see [`in_console_font`]). Forms drawn in place of a Unicode sign that code elsewhere has
/// already measured (the bullet, the differs marker) keep its width.
pub const CONSOLE: Glyphs = Glyphs {
    marker: "> ",
    ellipsis: "...",
    caret: "_",
    left: "◀",
    right: "▶",
    path: " > ",
    bullet: "* ",
    differs: "* ",
    scroll_track: "│",
    scroll_thumb: "█",
    scroll_up: "↑",
    scroll_down: "↓",
};

impl Glyphs {
    /// A line the guide composed around content (a search result's "Title › Section", a My list
    /// question "Ask about: Sertraline › Sexual side effects", a comparison cell cut with "…") with
    /// the Unicode set's joining and cutting signs in this set's form: " › " between parts, and
    /// "…" at either end. The content's own words are left as they are.
    #[must_use]
    pub fn composed<'a>(&self, line: &'a str) -> Cow<'a, str> {
        if *self == UNICODE || line.is_ascii() {
            return Cow::Borrowed(line);
        }
        let mut out = line.replace(UNICODE.path, self.path);
        if let Some(rest) = out.strip_prefix(UNICODE.ellipsis) {
            out = format!("{}{rest}", self.ellipsis);
        }
        if let Some(rest) = out.strip_suffix(UNICODE.ellipsis) {
            out = format!("{rest}{}", self.ellipsis);
        }
        Cow::Owned(out)
    }
}

/// The signs both standard fonts of the Linux console draw, besides printable ASCII and Latin-1:
/// the kernel's built-in VGA font (code page 437, its Unicode table `drivers/tty/vt/cp437.uni`)
/// and kbd's Latin-1 fonts (`lat1-*.psfu`, table `data/unimaps/lat1u.uni`) both have these.
const CONSOLE_SIGNS: &str = "≈≤≥π◆░▒▓█▄▀▌▐◀▶↑↓←→↕↔─│┌┐└┘├┤┬┴┼═║╔╗╚╝╠╣╦╩╬";

/// The Latin-1 characters the kernel's code page 437 font lacks (kbd's Latin-1 fonts have all).
const LATIN1_NOT_IN_CP437: &str = "\u{ad}¯³¹¾Þþ";

/// Whether the Linux console can draw `c` with either of its standard fonts: printable ASCII,
/// Latin-1 letters and signs (less the few code page 437 lacks), box lines, the QR code's half
/// blocks, ◀ ▶ and the arrows. (The soft hyphen is left out: it is drawn as nothing or as "-".)
#[must_use]
pub fn in_console_font(c: char) -> bool {
    matches!(c, ' '..='~')
        || (('\u{a0}'..='\u{ff}').contains(&c) && !LATIN1_NOT_IN_CP437.contains(c))
        || CONSOLE_SIGNS.contains(c)
}

/// The console form of a sign in the pack's words, or `None` for a character drawn as written.
fn console_form(c: char) -> Option<&'static str> {
    Some(match c {
        '▲' | '▴' | '△' | '⏶' => "^",
        '▼' | '▾' | '▽' | '⏷' => "v",
        '►' | '▸' | '▷' | '›' | '⟩' | '➜' | '➔' => ">",
        '◄' | '◂' | '◁' | '‹' | '⟨' => "<",
        '•' | '●' | '∙' | '★' | '☆' | '✱' => "*",
        '…' => "...",
        '≠' => "!=",
        '▏' | '▕' | '┃' => "|",
        '–' | '—' | '‒' | '−' => "-",
        '‘' | '’' | '‚' => "'",
        '“' | '”' | '„' => "\"",
        '✓' | '✔' => "x",
        _ => return None,
    })
}

/// `words` from the pack's `ui.toml` as the console draws them: each sign its fonts lack that has
/// a console form (▲ ^, ▼ v, ► and › >, ◄ and ‹ <, • *, … ..., ≠ !=, dashes -, curly quotes
/// straight) is written in that form; letters, and any other character, are left as written.
#[must_use]
pub fn console_line(words: &str) -> Cow<'_, str> {
    if words
        .chars()
        .all(|c| in_console_font(c) || console_form(c).is_none())
    {
        return Cow::Borrowed(words);
    }
    let mut out = String::with_capacity(words.len());
    for c in words.chars() {
        match console_form(c) {
            Some(form) if !in_console_font(c) => out.push_str(form),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Rewrites every label of a pack's `ui.toml` with [`console_line`]: what the guide does once,
/// when it loads a pack to show on a console, so that drawing, mouse hit-testing and layout all
/// measure the same words. Keys of `key_help` (the key table's English words) are left alone.
pub fn console_words(ui: &mut crate::content::UiText) {
    // Every field, whatever fields ui.toml gains: the field list of `ui_text!`
    // (src/pack/src/uitext.rs) walks them, not a list here that a new label could be left out of.
    ui.texts_mut(|s| {
        if let Cow::Owned(new) = console_line(s) {
            *s = new;
        }
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn the_console_set_draws_only_what_the_console_fonts_have() {
        let g = CONSOLE;
        for s in [
            g.marker,
            g.ellipsis,
            g.caret,
            g.left,
            g.right,
            g.path,
            g.bullet,
            g.differs,
            g.scroll_track,
            g.scroll_thumb,
            g.scroll_up,
            g.scroll_down,
        ] {
            assert!(s.chars().all(in_console_font), "{s:?}");
        }
        // Signs drawn where the Unicode one was measured keep its width.
        assert_eq!(g.bullet.width(), crate::wrap::BULLET.width());
        assert_eq!(g.bullet.width(), UNICODE.bullet.width());
        assert_eq!(g.differs.width(), UNICODE.differs.width());
        assert_eq!(g.marker.width(), UNICODE.marker.width());
        // The Unicode set's own signs that the console lacks are the reason for the set.
        for c in ['›', '…', '▏', '≠', '•', '▲', '▼'] {
            assert!(!in_console_font(c), "{c}");
        }
        for c in ['é', 'ñ', '¿', '·', '─', '▀', '▄', '█', '◀', '↑'] {
            assert!(in_console_font(c), "{c}");
        }
    }

    #[test]
    fn pack_words_lose_only_the_signs_the_console_lacks() {
        assert_eq!(console_line("▼ more"), "v more");
        assert_eq!(console_line("▲ más"), "^ más");
        assert_eq!(
            console_line("◀ Atrás"),
            "◀ Atrás",
            "◀ is in the console font"
        );
        assert_eq!(console_line("Wait… “yes” — no"), "Wait... \"yes\" - no");
        assert_eq!(
            console_line("抗うつ薬"),
            "抗うつ薬",
            "no console form: as written"
        );
        assert!(matches!(console_line("Español"), Cow::Borrowed(_)));
        let mut ui = crate::content::UiText {
            more_below: "▼ more".into(),
            ..Default::default()
        };
        ui.home_hints[0] = "a • b".into();
        ui.key_help.insert("scroll".into(), "desplazar ▲▼".into());
        console_words(&mut ui);
        assert_eq!(ui.more_below, "v more");
        assert_eq!(ui.home_hints[0], "a * b");
        assert_eq!(ui.key_help["scroll"], "desplazar ^v");
    }

    #[test]
    fn composed_lines_keep_the_content_between_the_signs() {
        assert_eq!(
            CONSOLE.composed("Sertraline › Sexual side effects"),
            "Sertraline > Sexual side effects"
        );
        assert_eq!(CONSOLE.composed("…in the middle…"), "...in the middle...");
        assert_eq!(CONSOLE.composed("a…b — c"), "a…b — c", "content is left");
        assert_eq!(UNICODE.composed("a › b…"), "a › b…");
    }
}
