//! The pack's search words made ready for queries (stop words, thesaurus rules, crisis phrasings),
//! and the ordinary English words that spelling help leaves alone. Must not import `ratatui` or
//! `crossterm`.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::text::{Stems, words};
use crate::model::SearchWords;

/// A query word with the forms it is matched by.
#[derive(Debug, Clone)]
pub struct QWord {
    /// Folded, apostrophes out.
    pub text: String,
    /// English stem.
    pub en: String,
    /// Spanish stem.
    pub es: String,
    /// Character range in the query.
    pub start: usize,
    /// Character index just past the word in the query.
    pub end: usize,
}

impl QWord {
    /// The words of `query`, at most `max`, with their stems.
    pub fn all(stems: &Stems, query: &str, max: usize) -> Vec<QWord> {
        words(query)
            .into_iter()
            .take(max)
            .map(|w| QWord {
                en: stems.en(&w.text),
                es: stems.es(&w.text),
                text: w.text,
                start: w.start,
                end: w.end,
            })
            .collect()
    }
}

/// A phrase of the lexicon: its folded words and their English and Spanish stems.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Phrase {
    /// Folded words.
    pub words: Vec<String>,
    en: Vec<String>,
    es: Vec<String>,
}

impl Phrase {
    fn new(stems: &Stems, text: &str) -> Phrase {
        let words: Vec<String> = words(text).into_iter().map(|w| w.text).collect();
        Phrase {
            en: words.iter().map(|w| stems.en(w)).collect(),
            es: words.iter().map(|w| stems.es(w)).collect(),
            words,
        }
    }

    /// Whether word `j` of the phrase is `q`: the same word or the same stem in either language.
    fn word_is(&self, j: usize, q: &QWord) -> bool {
        self.words[j] == q.text || self.en[j] == q.en || self.es[j] == q.es
    }

    /// Whether the phrase stands in `q` from `at` on, word for word.
    fn at(&self, q: &[QWord], at: usize) -> bool {
        !self.words.is_empty()
            && q.len() >= at + self.words.len()
            && (0..self.words.len()).all(|j| self.word_is(j, &q[at + j]))
    }

    /// Whether the phrase stands in `q` in order, with at most two other words between its words
    /// ("want to die" in "i want to just die") and small slips in long words ("suicdal").
    fn within(&self, q: &[QWord]) -> bool {
        let near = |j: usize, w: &QWord| {
            self.word_is(j, w)
                || (self.words[j].chars().count() >= 5
                    && strsim::damerau_levenshtein(&self.words[j], &w.text) <= 1)
        };
        (0..q.len()).any(|start| {
            let mut j = 0;
            let mut gap = 0;
            for w in &q[start..] {
                if j == self.words.len() {
                    break;
                }
                if near(j, w) {
                    j += 1;
                    gap = 0;
                } else if j == 0 || gap == 2 {
                    return false;
                } else {
                    gap += 1;
                }
            }
            j == self.words.len() && near(0, &q[start])
        })
    }
}

/// Everyday words and the pack's words they mean.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Rule {
    /// What people type.
    pub typed: Phrase,
    /// The pack's words for it, one phrase each.
    pub means: Vec<Phrase>,
}

/// Stop words, thesaurus and crisis phrasings, ready for matching.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Lexicon {
    /// Folded stop words, sorted.
    stop: Vec<String>,
    /// Folded Spanish stop words, sorted.
    stop_es: Vec<String>,
    rules: Vec<Rule>,
    crisis: Vec<Phrase>,
}

impl Lexicon {
    /// Compiles a pack's search words; `same` are groups of names for one thing (a medicine and its
    /// brands), each name meaning the others.
    pub fn new(s: &SearchWords, same: &[Vec<String>]) -> Lexicon {
        let stems = Stems::default();
        let sorted = |list: &[String]| {
            let mut v: Vec<String> = list.iter().flat_map(|w| words(w)).map(|w| w.text).collect();
            v.sort();
            v.dedup();
            v
        };
        let stop_es = sorted(&s.stop_words_es);
        let mut stop = sorted(&s.stop_words);
        stop.extend(stop_es.iter().cloned());
        stop.sort();
        stop.dedup();
        let mut rules = Vec::new();
        for syn in &s.synonym {
            let means: Vec<Phrase> = syn.means.iter().map(|m| Phrase::new(&stems, m)).collect();
            for t in &syn.typed {
                rules.push(Rule {
                    typed: Phrase::new(&stems, t),
                    means: means.clone(),
                });
            }
        }
        for names in same {
            for (i, n) in names.iter().enumerate() {
                let others = (names.iter().enumerate())
                    .filter(|&(j, _)| j != i)
                    .map(|(_, o)| Phrase::new(&stems, o));
                rules.push(Rule {
                    typed: Phrase::new(&stems, n),
                    means: others.collect(),
                });
            }
        }
        rules.retain(|r| !r.typed.words.is_empty());
        Lexicon {
            stop,
            stop_es,
            rules,
            crisis: s.crisis.iter().map(|c| Phrase::new(&stems, c)).collect(),
        }
    }

    /// Whether `word` (folded) is a stop word.
    pub fn is_stop(&self, word: &str) -> bool {
        self.stop.binary_search_by(|s| s.as_str().cmp(word)).is_ok()
    }

    /// Whether the query reads as Spanish: it has a Spanish stop word, or a letter or mark only
    /// Spanish uses (ñ, ¿, ¡, an acute accent).
    pub fn is_spanish(&self, query: &str, q: &[QWord]) -> bool {
        query.chars().any(|c| "ñÑ¿¡áéíóúÁÉÍÓÚ".contains(c))
            || q.iter()
                .any(|w| self.stop_es.binary_search(&w.text).is_ok())
    }

    /// Whether any crisis phrasing stands in the query.
    pub fn is_crisis(&self, q: &[QWord]) -> bool {
        self.crisis.iter().any(|p| p.within(q))
    }

    /// The rules whose typed phrase starts at word `at`, all of the longest length found.
    pub fn rules_at(&self, q: &[QWord], at: usize) -> (usize, Vec<&Rule>) {
        let mut best: (usize, Vec<&Rule>) = (0, Vec::new());
        for r in &self.rules {
            let n = r.typed.words.len();
            if n >= best.0 && r.typed.at(q, at) {
                if n > best.0 {
                    best = (n, Vec::new());
                }
                best.1.push(r);
            }
        }
        best
    }

    /// Whether `word` is typed in some rule: a word the thesaurus knows is never "corrected".
    pub fn knows(&self, q: &QWord) -> bool {
        (self.rules.iter().map(|r| &r.typed))
            .chain(&self.crisis)
            .any(|p| (0..p.words.len()).any(|j| p.word_is(j, q)))
    }
}

/// Bits per ordinary word: 11 with 7 probes gives about one false "ordinary" in 200, which only
/// means a slip goes uncorrected.
const BITS_PER_WORD: usize = 11;
/// Probes per word.
const PROBES: u64 = 7;

/// The ordinary English words spelling help must leave alone ("beer", "tired", "forget"), as a
/// Bloom filter: about 55 KB for 40,000 words where the list itself is 350 KB.
///
/// A Bloom filter is a few lines by hand; the crates that offer one hash with random keys or
/// through `std`'s unstable hasher, and this one is frozen at build time and read at run time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ordinary {
    bits: Cow<'static, [u8]>,
}

/// FNV-1a, 64 bits, over `word` with `seed` first: stable across builds and platforms.
fn fnv(seed: u8, word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in std::iter::once(seed).chain(word.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Ordinary {
    /// The filter for a word list: one word a line, `#` starts a comment line.
    #[must_use]
    pub fn from_list(list: &str) -> Ordinary {
        let words: Vec<String> = (list.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| super::text::fold_str(l).replace('\'', ""))
            .collect();
        let mut bits = vec![0u8; (words.len() * BITS_PER_WORD).div_ceil(8).max(8)];
        for w in &words {
            for p in Self::probes(bits.len(), w) {
                bits[p / 8] |= 1 << (p % 8);
            }
        }
        Ordinary { bits: bits.into() }
    }

    /// A filter written by [`Ordinary::bytes`], read in place.
    #[must_use]
    pub fn from_static(bits: &'static [u8]) -> Ordinary {
        Ordinary { bits: bits.into() }
    }

    /// The filter's bytes, for [`Ordinary::from_static`].
    #[must_use]
    pub fn bytes(&self) -> &[u8] {
        &self.bits
    }

    fn probes(len: usize, word: &str) -> impl Iterator<Item = usize> {
        let m = (len * 8) as u64;
        let (h1, h2) = (fnv(0, word), fnv(1, word) | 1);
        (0..PROBES)
            .map(move |i| usize::try_from(h1.wrapping_add(i.wrapping_mul(h2)) % m).unwrap_or(0))
    }

    /// Whether `word` (folded) is an ordinary word; always false for an empty filter.
    #[must_use]
    pub fn contains(&self, word: &str) -> bool {
        !self.bits.is_empty()
            && Self::probes(self.bits.len(), word).all(|p| self.bits[p / 8] & (1 << (p % 8)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Synonym;

    fn q(text: &str) -> Vec<QWord> {
        QWord::all(&Stems::default(), text, 16)
    }

    fn lexicon() -> Lexicon {
        let s = SearchWords {
            stop_words: vec!["can".into(), "i".into(), "on".into()],
            stop_words_es: vec!["de".into()],
            crisis_topic: None,
            crisis: vec![
                "kill myself".into(),
                "want to die".into(),
                "suicidal".into(),
                "quiero morir".into(),
            ],
            synonym: vec![Synonym {
                typed: vec!["sex drive".into(), "libido".into(), "deseo sexual".into()],
                means: vec!["sexual side effects".into()],
            }],
        };
        Lexicon::new(&s, &[vec!["sertraline".into(), "Zoloft".into()]])
    }

    #[test]
    fn stop_words_are_folded_and_found() {
        let l = lexicon();
        assert!(l.is_stop("can") && l.is_stop("de") && !l.is_stop("drink"));
        assert!(l.is_spanish("dolor de cabeza", &q("dolor de cabeza")));
        assert!(l.is_spanish("depresión", &q("depresión")));
        assert!(!l.is_spanish("head pain", &q("head pain")));
    }

    #[test]
    fn crisis_phrasings_match_forms_gaps_and_slips() {
        let l = lexicon();
        for yes in [
            "kill myself",
            "i want to kill myself",
            "I want to just die",
            "feeling suicdal",
            "Quiero morir",
            "quiero morirme",
        ] {
            assert!(l.is_crisis(&q(yes)), "{yes}");
        }
        for no in ["will itself", "die cast", "myself", "want to dye my hair"] {
            assert!(!l.is_crisis(&q(no)), "{no}");
        }
    }

    #[test]
    fn thesaurus_finds_the_longest_phrase_and_brands_both_ways() {
        let l = lexicon();
        let words = q("low sex drives");
        let (n, rules) = l.rules_at(&words, 1);
        assert_eq!(n, 2);
        assert_eq!(rules[0].means[0].words, ["sexual", "side", "effects"]);
        let (n, rules) = l.rules_at(&q("deseo sexual"), 0);
        assert_eq!((n, rules.len()), (2, 1));
        let (_, rules) = l.rules_at(&q("zoloft"), 0);
        assert_eq!(rules[0].means[0].words, ["sertraline"]);
        let (_, rules) = l.rules_at(&q("sertraline"), 0);
        assert_eq!(rules[0].means[0].words, ["zoloft"]);
        assert!(l.knows(&q("libido")[0]) && !l.knows(&q("beer")[0]));
    }

    #[test]
    fn ordinary_words_are_remembered_and_others_mostly_not() {
        let o = Ordinary::from_list("# a list\nbeer\ntired\nforget\nJohn's\n");
        for w in ["beer", "tired", "forget", "johns"] {
            assert!(o.contains(w), "{w}");
        }
        assert!(!o.contains("zolft") && !o.contains("ketamin"));
        let copy = Ordinary::from_static(Box::leak(o.bytes().to_vec().into_boxed_slice()));
        assert!(copy.contains("tired"));
        assert!(!Ordinary::default().contains("beer"));
    }
}
