//! Alphabetical order for lists people scan (the glossary): case and accents ignored ("Ácido"
//! files with "acido"), `ñ` after `n` as Spanish dictionaries have it, punctuation ignored.
//!
//! Written by hand over the search module's folding rather than with a collation crate: full
//! Unicode collation (ICU) would cost the binary more than the whole content pack, and the
//! glossary only needs the Latin letters of English and Spanish. Must not import `ratatui` or
//! `crossterm`.

use std::cmp::Ordering;

use crate::content::Catalog;
use crate::search::text::fold;

/// Sorts after every letter: `ñ` is `n` followed by this, so "ña" comes after "nz".
const AFTER_N: char = '\u{10FFFF}';

/// The key `text` sorts by: letters and digits folded (lowercase, no accents), `ñ` after `n`,
/// anything else a break between words (word by word: "off-label" before "offer").
#[must_use]
pub fn key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, 'ñ' | 'Ñ') {
            key.push('n');
            key.push(AFTER_N);
        } else if c.is_alphanumeric() {
            key.push(fold(c));
        } else if !key.is_empty() && !key.ends_with(' ') {
            key.push(' ');
        }
    }
    key.trim_end().to_string()
}

/// How terms `a` and `b` compare in alphabetical order: by the [`key`] of the words before a
/// parenthesis (so "TEC (terapia electroconvulsiva)" files as "TEC", before "TEC de
/// mantenimiento"), then of the whole term, then unaccented before accented, then as written (so
/// the order is total and the same on every run).
#[must_use]
pub fn compare(a: &str, b: &str) -> Ordering {
    let head = |s: &str| key(s.split('(').next().unwrap_or(s));
    head(a)
        .cmp(&head(b))
        .then_with(|| key(a).cmp(&key(b)))
        .then_with(|| a.to_lowercase().cmp(&b.to_lowercase()))
        .then_with(|| a.cmp(b))
}

/// The glossary's entries in alphabetical order of their terms (accents and case aside).
pub fn glossary_order(c: &Catalog) -> Vec<usize> {
    let mut order: Vec<usize> = (0..c.glossary.len()).collect();
    order.sort_by(|&a, &b| compare(&c.glossary[a].term, &c.glossary[b].term));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = words.iter().map(|w| (*w).to_string()).collect();
        v.sort_by(|a, b| compare(a, b));
        v
    }

    #[test]
    fn accents_and_case_do_not_move_a_word() {
        assert_eq!(
            sorted(&["Manía", "mania", "Litio", "Ácido", "Zuranolona", "Émbolo"]),
            ["Ácido", "Émbolo", "Litio", "mania", "Manía", "Zuranolona"]
        );
    }

    #[test]
    fn n_tilde_comes_after_n() {
        assert_eq!(
            sorted(&["ñame", "nube", "oso", "nz", "Niño"]),
            ["Niño", "nube", "nz", "ñame", "oso"]
        );
    }

    #[test]
    fn a_term_files_under_its_words_before_a_parenthesis() {
        assert_eq!(
            sorted(&[
                "TEC de mantenimiento",
                "TEC (terapia electroconvulsiva)",
                "Tapering"
            ]),
            [
                "Tapering",
                "TEC (terapia electroconvulsiva)",
                "TEC de mantenimiento"
            ]
        );
    }

    #[test]
    fn punctuation_is_ignored() {
        assert_eq!(
            sorted(&["Off-label", "Offer", "“Quoted”", "Placebo"]),
            ["Off-label", "Offer", "Placebo", "“Quoted”"]
        );
    }
}
