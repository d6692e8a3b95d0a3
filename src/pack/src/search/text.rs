//! Text as search sees it: folding (case and accents), words (apostrophes and hyphens the same in
//! queries and texts), stop words, Snowball stems, and a text cut to a snippet's length. Used on both
//! sides, so a query word and a text word meet whenever their stems do. Must not import `ratatui` or `crossterm`.

use rust_stemmers::{Algorithm, Stemmer};

/// Longest word kept, in characters: nothing in the pack is longer, and a pasted run of letters
/// must not cost a stemmer pass of any length.
pub const MAX_WORD_CHARS: usize = 40;

/// Lowercases `c` and takes the accent off a Latin letter (`É` → `e`, `ñ` → `n`, `ü` → `u`).
///
/// Written by hand rather than with `unicode-normalization`: only the Latin letters of English and
/// Spanish (and loanwords) need it, and the decomposition tables would cost the binary budget more
/// than this whole table. Other scripts are lowercased and kept.
#[must_use]
pub fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let lower = {
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(x), None) => x,
            _ => c,
        }
    };
    match lower {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì'..='ï' | 'ī' | 'į' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        // Curly quotes fold to the ASCII apostrophe, so "john’s" and "john's" are one word.
        '\u{2019}' | '\u{2018}' => '\'',
        l => l,
    }
}

/// `text` folded character by character: the same number of characters, so indices agree.
#[must_use]
pub fn fold_str(text: &str) -> String {
    text.chars().map(fold).collect()
}

/// One word of a text: folded, apostrophes taken out ("john's" → "johns"), and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The folded word without apostrophes.
    pub text: String,
    /// Character index of its first character in the text.
    pub start: usize,
    /// Character index just past its last character.
    pub end: usize,
}

/// The words of `text`: runs of letters and digits. An apostrophe between two letters joins them and
/// is dropped ("don't" → "dont", "John's" → "johns"); a hyphen, slash or any other mark separates
/// ("self-harm" → "self", "harm"), the same in queries and in texts.
#[must_use]
pub fn words(text: &str) -> Vec<Word> {
    let chars: Vec<char> = text.chars().map(fold).collect();
    let mut out = Vec::new();
    let mut cur: Option<Word> = None;
    for (i, &c) in chars.iter().enumerate() {
        let joins =
            c == '\'' && cur.is_some() && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if c.is_alphanumeric() {
            let w = cur.get_or_insert_with(|| Word {
                text: String::new(),
                start: i,
                end: i,
            });
            if w.text.chars().count() < MAX_WORD_CHARS {
                w.text.push(c);
            }
            w.end = i + 1;
        } else if !joins {
            out.extend(cur.take());
        }
    }
    out.extend(cur);
    out
}

/// The stemmers search uses: English for the pack's text, Spanish for Spanish query words and
/// thesaurus phrases.
pub struct Stems {
    en: Stemmer,
    es: Stemmer,
}

impl Default for Stems {
    fn default() -> Self {
        Stems {
            en: Stemmer::create(Algorithm::English),
            es: Stemmer::create(Algorithm::Spanish),
        }
    }
}

impl std::fmt::Debug for Stems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stems")
    }
}

impl Stems {
    /// The English stem of a folded word ("teenagers" → "teenag", "painful" → "pain"). Numbers and
    /// words with digits are kept whole.
    #[must_use]
    pub fn en(&self, word: &str) -> String {
        if word.chars().any(|c| c.is_ascii_digit()) {
            return word.to_string();
        }
        self.en.stem(word).into_owned()
    }

    /// The stem in the pack's language: Spanish for a Spanish pack, else English.
    #[must_use]
    pub fn of(&self, spanish: bool, word: &str) -> String {
        if spanish {
            self.es(word)
        } else {
            self.en(word)
        }
    }

    /// The Spanish stem of a folded word ("efectos" → "efect").
    #[must_use]
    pub fn es(&self, word: &str) -> String {
        if word.chars().any(|c| c.is_ascii_digit()) {
            return word.to_string();
        }
        self.es.stem(word).into_owned()
    }
}

/// Longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 100;

/// At most [`SNIPPET_CHARS`] characters of `text` around the first of `ix`, with "…" where cut, and
/// `ix` moved to match.
pub(super) fn clip(text: &str, ix: &[usize]) -> (String, Vec<usize>) {
    let n = text.chars().count();
    if n <= SNIPPET_CHARS {
        return (
            text.to_string(),
            ix.iter().copied().filter(|&i| i < n).collect(),
        );
    }
    let first = ix.first().copied().unwrap_or(0);
    let mut start = first.saturating_sub(25);
    // Start at a word when one begins shortly after the cut.
    if start > 0 {
        let gap = (text.chars().skip(start).take(first - start)).position(char::is_whitespace);
        start += gap.filter(|&g| g < 12).map_or(0, |g| g + 1);
    }
    let lead = usize::from(start > 0);
    let (end, trail) = if n - start + lead <= SNIPPET_CHARS {
        (n, 0)
    } else {
        (start + SNIPPET_CHARS - lead - 1, 1)
    };
    let mut out: String = if lead == 1 {
        "…".into()
    } else {
        String::new()
    };
    let body: String = text.chars().skip(start).take(end - start).collect();
    out.push_str(body.trim_end());
    if trail == 1 {
        out.push('…');
    }
    let moved = (ix.iter())
        .filter(|&&i| i >= start && i < end)
        .map(|&i| i - start + lead)
        .collect();
    (out, moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn folding_takes_case_and_accents_off() {
        assert_eq!(fold_str("Depresión ÉCT Ñandú"), "depresion ect nandu");
        assert_eq!(fold_str("Ünïcödé"), "unicode");
        // Other scripts are lowercased and kept; the length in characters never changes.
        assert_eq!(fold_str("ΑΒΓ"), "αβγ");
        let s = "Çà ÿ İ";
        assert_eq!(fold_str(s).chars().count(), s.chars().count());
    }

    #[test]
    fn apostrophes_join_and_hyphens_split_the_same_everywhere() {
        assert_eq!(plain("St John's wort"), ["st", "johns", "wort"]);
        assert_eq!(plain("St John’s wort"), ["st", "johns", "wort"]);
        assert_eq!(plain("st johns wort"), ["st", "johns", "wort"]);
        assert_eq!(plain("don't"), ["dont"]);
        assert_eq!(plain("self-harm"), ["self", "harm"]);
        assert_eq!(plain("'quoted' word"), ["quoted", "word"]);
        assert_eq!(plain("24/7 and 988"), ["24", "7", "and", "988"]);
    }

    #[test]
    fn words_know_where_they_stand() {
        let w = words("Is it safe?");
        assert_eq!((w[2].start, w[2].end), (6, 10));
        let w = words("Qué es");
        assert_eq!((w[0].text.as_str(), w[0].start, w[0].end), ("que", 0, 3));
    }

    #[test]
    fn stems_meet_across_word_forms() {
        let s = Stems::default();
        for (a, b) in [
            ("painful", "pain"),
            ("seizures", "seizure"),
            ("driving", "drive"),
            ("teenagers", "teenager"),
            ("sleeping", "sleep"),
        ] {
            assert_eq!(s.en(a), s.en(b), "{a} / {b}");
        }
        assert_eq!(s.es("efectos"), s.es("efecto"));
        assert_eq!(s.es("embarazada"), s.es("embarazadas"));
        assert_eq!(s.en("988"), "988");
    }
}
