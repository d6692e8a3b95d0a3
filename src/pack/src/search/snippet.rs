//! Snippets: the sentence of a unit that matches the query best, cut to [`super::text::SNIPPET_CHARS`] around
//! the first match, and the characters to highlight (every word whose stem the query matched, in
//! whatever form). Must not import `ratatui` or `crossterm`.

use std::collections::HashMap;

pub(super) use super::text::clip;
use super::text::{Stems, words};
use super::unit::{Class, Field};

/// Tells which query stem a text word has, remembering each word it has stemmed: one query's
/// hits share most of their words, and stemming every word of forty snippets costs more than the
/// search itself.
pub(super) struct Marker<'a> {
    stemmer: &'a Stems,
    spanish: bool,
    /// The matched stems' texts.
    wanted: &'a [&'a str],
    memo: HashMap<String, Option<usize>>,
}

impl<'a> Marker<'a> {
    pub(super) fn new(stemmer: &'a Stems, spanish: bool, wanted: &'a [&'a str]) -> Marker<'a> {
        Marker {
            stemmer,
            spanish,
            wanted,
            memo: HashMap::new(),
        }
    }

    /// The position in `wanted` of the stem of a folded word, if it is one.
    fn find(&mut self, word: &str) -> Option<usize> {
        if let Some(&k) = self.memo.get(word) {
            return k;
        }
        let stem = self.stemmer.of(self.spanish, word);
        let k = self.wanted.iter().position(|s| *s == stem);
        self.memo.insert(word.to_string(), k);
        k
    }

    /// Character indices in `text` of the words whose stem the query matched.
    pub(super) fn marks(&mut self, text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        if self.wanted.is_empty() {
            return out;
        }
        for w in words(text) {
            if self.find(&w.text).is_some() {
                out.extend(w.start..w.end);
            }
        }
        out
    }

    /// The body sentence (else shown alias) with the most weight of distinct matched stems; the
    /// first of equals. `None` when no sentence holds a matched stem.
    pub(super) fn best_field<'f>(
        &mut self,
        fields: &'f [Field],
        matched: &[u32],
        weight: &dyn Fn(u32) -> f32,
    ) -> Option<&'f Field> {
        let mut best: Option<(f32, bool, &Field)> = None;
        for f in fields
            .iter()
            .filter(|f| matches!(f.class, Class::Body | Class::Alias))
        {
            let mut found: Vec<usize> = Vec::new();
            for w in words(&f.text) {
                if let Some(k) = self.find(&w.text)
                    && !found.contains(&k)
                {
                    found.push(k);
                }
            }
            let score: f32 = found.iter().map(|&k| weight(matched[k])).sum();
            let body = f.class == Class::Body;
            if score > 0.0 && best.is_none_or(|(s, b, _)| (score, body) > (s, b)) {
                best = Some((score, body, f));
            }
        }
        best.map(|b| b.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::text::SNIPPET_CHARS;

    #[test]
    fn marks_light_every_form_of_a_matched_stem() {
        let s = Stems::default();
        let stem = s.en("seizure");
        let text = "Seizures are rare; a seizure is serious.";
        let wanted = [stem.as_str()];
        let m = Marker::new(&s, false, &wanted).marks(text);
        let lit: String = m
            .iter()
            .map(|&i| text.chars().nth(i).unwrap_or(' '))
            .collect();
        assert_eq!(lit, "Seizuresseizure");
    }

    #[test]
    fn clips_around_the_first_match_by_characters() {
        let text = format!("{}é match here {}", "word ".repeat(30), "tail ".repeat(30));
        let at = text.find("match").map_or(0, |b| text[..b].chars().count());
        let (out, ix) = clip(&text, &[at]);
        assert!(out.starts_with('…') && out.ends_with('…'));
        assert!(out.chars().count() <= SNIPPET_CHARS);
        assert_eq!(out.chars().nth(ix[0]), Some('m'));
    }
}
