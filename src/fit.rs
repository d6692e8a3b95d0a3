//! Cutting one line of text to a width in display columns, never inside a grapheme cluster: the
//! start that fits ([`head`]), the start with "…" ([`fit`]) or the end with "…" ([`tail`]). Table
//! headers, titles, paths and file names being typed use it; wrapping is `wrap.rs`. Must not
//! import `ratatui` or `crossterm`.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Cuts `text` to `width` columns, ending in "…" when cut: table headers never push columns, and
/// never end in half a word without saying so.
#[must_use]
pub fn fit(text: &str, width: usize) -> String {
    fit_with(text, width, "…")
}

/// [`fit`] with another sign where the text is cut (the console's "...").
#[must_use]
pub fn fit_with(text: &str, width: usize, ellipsis: &str) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let (keep, _) = head(text, width.saturating_sub(ellipsis.width()));
    format!("{}{ellipsis}", &text[..keep])
}

/// The end of `text` that fits `width` columns, after "…" when the start is cut (measured in
/// display columns, cut between grapheme clusters): the end of a question path, or of a file name
/// being typed, matters most.
#[must_use]
pub fn tail(text: &str, width: usize) -> String {
    tail_with(text, width, "…")
}

/// [`tail`] with another sign where the text is cut (the console's "...").
#[must_use]
pub fn tail_with(text: &str, width: usize, ellipsis: &str) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let room = width.saturating_sub(ellipsis.width());
    let mut start = text.len();
    let mut used = 0;
    for (at, g) in text.grapheme_indices(true).rev() {
        used += g.width();
        if used > room {
            break;
        }
        start = at;
    }
    format!("{ellipsis}{}", &text[start..])
}

/// The longest start of `text` made of whole grapheme clusters that fits in `room` columns: its
/// length in bytes and its width (an accent stays with its letter, a flag is not split).
#[must_use]
pub fn head(text: &str, room: usize) -> (usize, usize) {
    // Most titles are printable ASCII: one column a byte, no clusters to keep whole.
    if text.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
        let n = text.len().min(room);
        return (n, n);
    }
    head_by_clusters(text, room)
}

fn head_by_clusters(text: &str, room: usize) -> (usize, usize) {
    let (mut len, mut used) = (0, 0);
    for (at, g) in text.grapheme_indices(true) {
        let w = g.width();
        if used + w > room {
            break;
        }
        len = at + g.len();
        used += w;
    }
    (len, used)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_tail_keeps_the_end_in_columns() {
        assert_eq!(tail("short", 10), "short");
        assert_eq!(tail("abcdef", 4), "…def");
        assert_eq!(tail("./moodguide-summary.md", 10), "…ummary.md");
        // Each of these takes two columns: 1 for "…", then two of them in the 5 left.
        let cut = tail("何を知りたいですか", 6);
        assert_eq!(cut, "…すか");
        assert!(cut.width() <= 6);
        // Never inside a cluster: the flag (two regional indicators) and "e" with its accent.
        assert_eq!(tail("ab \u{1F1EF}\u{1F1F5}x", 4), "…\u{1F1EF}\u{1F1F5}x");
        assert_eq!(tail("abcafe\u{301}", 3), "…fe\u{301}");
    }

    #[test]
    fn fit_cuts_with_an_ellipsis_only_when_needed() {
        assert_eq!(fit("Zoloft", 6), "Zoloft");
        assert_eq!(fit("Paxil, Paxil CR, Pexeva", 18), "Paxil, Paxil CR, …");
        assert_eq!(fit("抗うつ薬", 5), "抗う…");
        assert_eq!(fit("abc", 0), "…");
        // Cut between grapheme clusters: the accent stays with its letter, the flag whole.
        assert_eq!(fit("cafe\u{301} au lait", 5), "cafe\u{301}…");
        assert_eq!(fit("ab\u{1F1EF}\u{1F1F5}cd", 4), "ab…");
    }

    #[test]
    fn the_ascii_shortcut_cuts_where_the_clusters_do() {
        for text in [
            "",
            "Zoloft",
            "Paxil, Paxil CR, Pexeva",
            "  two  spaces ",
            "a-b/c (d)",
        ] {
            for room in 0..30 {
                assert_eq!(
                    head(text, room),
                    head_by_clusters(text, room),
                    "{text:?} in {room}"
                );
            }
        }
    }

    #[test]
    fn tail_with_keeps_the_end_in_columns() {
        assert_eq!(tail_with("short", 10, "…"), "short");
        assert_eq!(tail_with("abcdef", 4, "…"), "…def");
        // Each of these takes two columns: 1 for "…", then two of them in the 5 left.
        let cut = tail_with("何を知りたいですか", 6, "…");
        assert_eq!(cut, "…すか");
        assert!(cut.width() <= 6);
        // Never inside a cluster: the flag (two regional indicators) and "e" with its accent.
        assert_eq!(
            tail_with("ab \u{1F1EF}\u{1F1F5}x", 4, "…"),
            "…\u{1F1EF}\u{1F1F5}x"
        );
        assert_eq!(tail_with("abcafe\u{301}", 3, "…"), "…fe\u{301}");
        // The console's sign takes three columns.
        assert_eq!(tail_with("abcdef", 5, "..."), "...ef");
    }
}
