//! The index's tables: units, a postings list per stem, the pack's words as written for spelling
//! help and completions; building them from a catalog, thawing them, and looking stems and words
//! up. Answering a query is `query.rs`. Must not import `ratatui` or `crossterm`.

mod query;

use std::cmp::Reverse;
use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::Target;
use super::lexicon::{Lexicon, QWord};
use super::text::{Stems, words};
use super::unit::{Class, Unit, targets};
use crate::model::Catalog;

/// One unit a hit can open.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    target: Target,
    /// Weighted length in words, for BM25's length normalisation.
    len: f32,
    /// The stems of its own title (not the context), stop words left out: a range of
    /// [`Data::title_stems`].
    title: Range<u32>,
}

/// A stem of the pack and the units holding it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stem {
    /// A range of [`Data::words`].
    text: Range<u32>,
    /// A range of [`Data::postings`].
    postings: Range<u32>,
}

/// A word of the pack as written (folded): for spelling help and completions.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Surface {
    /// A range of [`Data::words`].
    text: Range<u32>,
    /// Index into [`Data::stems`].
    stem: u32,
    freq: u32,
}

/// A unit holding a stem, and the stem's weighted count there in half-words (a title word counts
/// 6, a body word 2), so it freezes as a small integer.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Posting {
    entry: u32,
    tf: u16,
}

/// The index's tables. It holds no text of the pack: a hit's title and snippet are made from the
/// catalog ([`Unit::of`]).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Data {
    entries: Vec<Entry>,
    /// Stems, sorted by their text.
    stems: Vec<Stem>,
    /// Surface words, sorted by their text.
    surface: Vec<Surface>,
    words: String,
    postings: Vec<Posting>,
    /// Every entry's title stems, one entry after another.
    title_stems: Vec<u32>,
    avg_len: f32,
    lexicon: Lexicon,
    /// What the help result opens.
    help: Option<Target>,
    /// The pack's text is Spanish: its words are stemmed as Spanish.
    spanish: bool,
}

/// A position in one of the long strings.
fn at(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn slice<'a>(s: &'a str, r: &Range<u32>) -> &'a str {
    &s[r.start as usize..r.end as usize]
}

/// Builds the tables unit by unit.
#[derive(Default)]
struct Builder {
    data: Data,
    stems: Stems,
    stem_ids: HashMap<String, u32>,
    surface_ids: HashMap<String, usize>,
    lists: Vec<Vec<Posting>>,
}

impl Builder {
    fn unit(&mut self, target: Target, unit: &Unit) {
        let entry = at(self.data.entries.len());
        let mut tf: HashMap<u32, u16> = HashMap::new();
        let mut len = 0u32;
        for field in &unit.fields {
            let weight = field.class.half_words();
            for word in words(&field.text) {
                let id = self.stem_id(&word.text);
                let count = tf.entry(id).or_insert(0);
                *count = count.saturating_add(weight);
                len += u32::from(weight);
            }
        }
        for (stem, tf) in tf {
            self.lists[stem as usize].push(Posting { entry, tf });
        }
        let from = at(self.data.title_stems.len());
        for f in unit.fields.iter().filter(|f| f.class == Class::Title) {
            let kept: Vec<String> = (words(&f.text).into_iter())
                .filter(|w| !self.stop(&w.text))
                .map(|w| w.text)
                .collect();
            for word in kept {
                let id = self.stem_ids[&self.stems.of(self.data.spanish, &word)];
                if !self.data.title_stems[from as usize..].contains(&id) {
                    self.data.title_stems.push(id);
                }
            }
        }
        #[allow(clippy::cast_precision_loss)]
        let len = len as f32 / 2.0;
        let title = from..at(self.data.title_stems.len());
        self.data.entries.push(Entry { target, len, title });
    }

    /// The stem id of a text word, adding the stem and the word as written when new.
    fn stem_id(&mut self, word: &str) -> u32 {
        let stem = self.stems.of(self.data.spanish, word);
        let next = at(self.lists.len());
        let id = *self.stem_ids.entry(stem).or_insert(next);
        if id == next {
            self.lists.push(Vec::new());
        }
        let fresh = self.data.surface.len();
        let known = *self.surface_ids.entry(word.to_string()).or_insert(fresh);
        if known == fresh {
            let start = at(self.data.words.len());
            self.data.words.push_str(word);
            self.data.surface.push(Surface {
                text: start..at(self.data.words.len()),
                stem: id,
                freq: 0,
            });
        }
        self.data.surface[known].freq += 1;
        id
    }

    fn stop(&self, word: &str) -> bool {
        self.data.lexicon.is_stop(word)
    }

    fn finish(mut self) -> Data {
        let mut order: Vec<(String, u32)> = self.stem_ids.into_iter().collect();
        order.sort();
        // Stems sorted by text; surface words point at the sorted positions.
        let mut new_id = vec![0u32; order.len()];
        for (k, (stem, old)) in order.iter().enumerate() {
            let start = at(self.data.words.len());
            self.data.words.push_str(stem);
            let mut list = std::mem::take(&mut self.lists[*old as usize]);
            list.sort_by_key(|p| p.entry);
            let p = at(self.data.postings.len());
            self.data.postings.extend(list);
            self.data.stems.push(Stem {
                text: start..at(self.data.words.len()),
                postings: p..at(self.data.postings.len()),
            });
            new_id[*old as usize] = at(k);
        }
        for s in &mut self.data.surface {
            s.stem = new_id[s.stem as usize];
        }
        for s in &mut self.data.title_stems {
            *s = new_id[*s as usize];
        }
        let words = std::mem::take(&mut self.data.words);
        self.data
            .surface
            .sort_by(|a, b| slice(&words, &a.text).cmp(slice(&words, &b.text)));
        self.data.words = words;
        let n = self.data.entries.len().max(1);
        #[allow(clippy::cast_precision_loss)]
        let avg = self.data.entries.iter().map(|e| e.len).sum::<f32>() / n as f32;
        self.data.avg_len = avg.max(1.0);
        self.data
    }
}

impl Data {
    /// Indexes every unit of `catalog`.
    pub(super) fn build(catalog: &Catalog) -> Data {
        let mut b = Builder::default();
        b.data.spanish = catalog.meta.lang == "es";
        let same: Vec<Vec<String>> = (catalog.sets.iter().flat_map(|s| &s.items))
            .filter(|i| !i.brands.is_empty())
            .map(|i| std::iter::once(&i.name).chain(&i.brands).cloned().collect())
            .collect();
        b.data.lexicon = Lexicon::new(&catalog.search, &same);
        for target in targets(catalog) {
            b.unit(target, &Unit::of(catalog, target));
        }
        let mut data = b.finish();
        data.help = (catalog.search.crisis_topic.as_ref())
            .and_then(|t| catalog.topic_index(t.as_str()))
            .map(|topic| Target::Topic {
                topic,
                section: None,
            });
        data
    }

    /// Reads back what freezing wrote.
    pub(super) fn thaw(bytes: &[u8]) -> Result<Data, crate::squeeze::Damaged> {
        let damaged = |why| crate::squeeze::Damaged {
            part: "search index",
            why,
        };
        let raw = crate::squeeze::unpack(bytes).map_err(damaged)?;
        postcard::from_bytes(&raw).map_err(|e| damaged(crate::squeeze::Why::Decode(e)))
    }

    fn word(&self, r: &Range<u32>) -> &str {
        slice(&self.words, r)
    }

    /// The index of a stem.
    fn stem(&self, stem: &str) -> Option<u32> {
        self.stems
            .binary_search_by(|s| self.word(&s.text).cmp(stem))
            .ok()
            .map(at)
    }

    /// The index of a query word's stem in the pack's language.
    fn word_stem(&self, w: &QWord) -> Option<u32> {
        self.stem(if self.spanish { &w.es } else { &w.en })
    }

    /// The surface words beginning with `prefix`, as positions in [`Data::surface`].
    fn starting(&self, prefix: &str) -> Range<usize> {
        let from = self
            .surface
            .partition_point(|s| self.word(&s.text) < prefix);
        let to = from
            + self.surface[from..]
                .iter()
                .take_while(|s| self.word(&s.text).starts_with(prefix))
                .count();
        from..to
    }

    fn is_surface(&self, word: &str) -> bool {
        let r = self.starting(word);
        self.surface[r].iter().any(|s| self.word(&s.text) == word)
    }

    fn idf(&self, stem: u32) -> f32 {
        let p = &self.stems[stem as usize].postings;
        #[allow(clippy::cast_precision_loss)]
        let (n, df) = (self.entries.len() as f32, (p.end - p.start) as f32);
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The pack word nearest to `w` within an edit distance that grows with its length (one slip in
    /// a word of 4 to 6 letters, two in a longer one); ties go to the more frequent word.
    fn closest(&self, w: &str) -> Option<usize> {
        let n = w.chars().count();
        let max = match n {
            0..=3 => return None,
            4..=6 => 1,
            _ => 2,
        };
        let mut best: Option<(usize, Reverse<u32>, usize)> = None;
        for (k, s) in self.surface.iter().enumerate() {
            let text = self.word(&s.text);
            let len = text.chars().count();
            if len < 4 || len.abs_diff(n) > max || text.starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let d = strsim::damerau_levenshtein(text, w);
            if d <= max && best.is_none_or(|b| (d, Reverse(s.freq), k) < b) {
                best = Some((d, Reverse(s.freq), k));
            }
        }
        best.map(|b| b.2)
    }
}
