//! Which characters content may hold: one rule shared by the validator, the Markdown parser, the
//! command line and the drawing code, in a module that depends on nothing.

/// True for characters content may not contain: control characters other than newline and tab
/// (escape sequences start with one) and the bidirectional controls that can disguise text.
#[must_use]
pub fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// The bidirectional embedding, override and isolate controls, which can make text read in an
/// order other than it is stored.
#[must_use]
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}
