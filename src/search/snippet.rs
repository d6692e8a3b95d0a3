//! Snippets: the sentence of a unit that matches the query best, cut to [`SNIPPET_CHARS`] around
//! the first match, and the characters to highlight (every word whose stem the query matched, in
//! whatever form). Must not import `ratatui` or `crossterm`.

use super::index::{Class, Field};
use super::text::{Stems, words};

/// Longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 100;

/// Character indices in `text` of the words whose English stem is one of `stems`.
pub(super) fn marks(text: &str, stemmer: &Stems, stems: &[&str]) -> Vec<usize> {
    let mut out = Vec::new();
    if stems.is_empty() {
        return out;
    }
    for w in words(text) {
        if stems.contains(&stemmer.en(&w.text).as_str()) {
            out.extend(w.start..w.end);
        }
    }
    out
}

/// The body sentence (else shown alias) with the most weight of distinct matched stems; the first
/// of equals. `None` when no sentence holds a matched stem.
pub(super) fn best_field<'f>(
    fields: &'f [Field],
    stemmer: &Stems,
    matched: &[u32],
    stems: &[&str],
    weight: &dyn Fn(u32) -> f32,
) -> Option<&'f Field> {
    let mut best: Option<(f32, bool, &Field)> = None;
    for f in fields
        .iter()
        .filter(|f| matches!(f.class, Class::Body | Class::Alias))
    {
        let text = &f.text;
        let mut found: Vec<usize> = Vec::new();
        for w in words(text) {
            let stem = stemmer.en(&w.text);
            if let Some(k) = stems.iter().position(|s| *s == stem)
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

    #[test]
    fn marks_light_every_form_of_a_matched_stem() {
        let s = Stems::default();
        let stem = s.en("seizure");
        let text = "Seizures are rare; a seizure is serious.";
        let m = marks(text, &s, &[stem.as_str()]);
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
