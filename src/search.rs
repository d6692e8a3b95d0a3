//! Search over every text of a [`Catalog`]: a word index built once, then fuzzy, typo-tolerant
//! queries that return scored hits with character match positions.
//! Must not import `ratatui` or `crossterm`.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::{Deserialize, Serialize};

use crate::content::{Catalog, Item};

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 100;
/// Most query words searched; later words are ignored.
const MAX_WORDS: usize = 16;
/// Longest query word, in characters; longer words are cut.
const MAX_WORD_CHARS: usize = 48;
/// Added when a text word equals a query word.
const EXACT_BONUS: i64 = 40;
/// Added when a text word starts with a query word.
const PREFIX_BONUS: i64 = 20;

/// What a search hit opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    /// A topic, or one of its sections.
    Topic {
        /// Index into [`Catalog::topics`].
        topic: usize,
        /// Index into the topic's sections, for a section hit.
        section: Option<usize>,
    },
    /// A node of the questions tree (index into `catalog.faq.nodes`).
    Node(usize),
    /// A glossary term (index into [`Catalog::glossary`]).
    Term(usize),
    /// An item of a comparison set.
    Item {
        /// Index into [`Catalog::sets`].
        set: usize,
        /// Index into the set's items.
        item: usize,
    },
}

/// Which kind of thing a hit is (the UI labels it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A whole topic.
    Topic,
    /// One section of a topic.
    Section,
    /// A question of the questions tree.
    Question,
    /// A glossary term.
    Term,
    /// A comparison item.
    Item,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// What the hit opens.
    pub target: Target,
    /// What kind of thing it is.
    pub kind: Kind,
    /// Topic title, "Topic › Section", question, term, or "Name (Brand, Brand)".
    pub title: String,
    /// Character (not byte) indices into `title` of the matched characters, ascending.
    pub title_matches: Vec<usize>,
    /// At most 100 characters of the text where the match is, whitespace collapsed; may be empty.
    pub snippet: String,
    /// Character (not byte) indices into `snippet` of the matched characters, ascending.
    pub snippet_matches: Vec<usize>,
    /// Higher is better; only comparable within one query.
    pub score: i64,
}

/// The answer to one query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    /// Hits, best first, at most one per target.
    pub hits: Vec<Hit>,
    /// True when nothing matched well and close spellings of the query words were used instead.
    pub close: bool,
    /// The query actually searched: the corrected words when `close`, else the trimmed query.
    pub used_query: String,
}

impl Target {
    /// The kind of thing this target is.
    #[must_use]
    pub fn kind(self) -> Kind {
        match self {
            Target::Topic { section: None, .. } => Kind::Topic,
            Target::Topic { .. } => Kind::Section,
            Target::Node(_) => Kind::Question,
            Target::Term(_) => Kind::Term,
            Target::Item { .. } => Kind::Item,
        }
    }
}

/// How a field counts: titles outrank aliases, which outrank body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Class {
    /// Part of the hit title: topic title, section heading, question, term, item name or brand.
    Title,
    /// The topic title shown in a section hit; it helps multi-word queries but never matches alone.
    Context,
    /// Another name: a glossary alias, or a comparison item named on its topic.
    Alias,
    /// One sentence of body text.
    Body,
}

impl Class {
    fn weight(self) -> i64 {
        match self {
            Class::Title => 4,
            Class::Alias => 3,
            Class::Context | Class::Body => 1,
        }
    }

    fn in_title(self) -> bool {
        matches!(self, Class::Title | Class::Context)
    }
}

/// One searchable text of an entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Field {
    entry: usize,
    class: Class,
    /// Character offset of this text inside the entry title (title classes only).
    offset: usize,
    /// The text as shown, whitespace collapsed: a range of [`Data::texts`].
    text: Range<u32>,
    /// `text` lowercased character by character, so character indices agree: a range of
    /// [`Data::lowers`]. Not frozen: recomputed when thawed (see [`Data::rebuild_derived`]).
    #[serde(skip)]
    lower: Range<u32>,
    mask: u64,
}

/// One possible hit and the fields it is found by.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    target: Target,
    /// A range of [`Data::texts`].
    title: Range<u32>,
    /// The start of the summary, answer or definition, shown when only the title matched: a range
    /// of [`Data::texts`].
    lead: Range<u32>,
    fields: Range<usize>,
}

/// A distinct lowercase word of the catalog.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct VocabWord {
    /// A range of [`Data::words`].
    text: Range<u32>,
    /// The entries containing it: a range of [`Data::postings`].
    postings: Range<u32>,
    mask: u64,
    len: usize,
    freq: u32,
}

/// A prebuilt index over every searchable text of a catalog: built once, queried on every
/// keystroke.
///
/// The bundled pack's index is frozen into the binary by `src/build.rs` and thawed only when it is
/// needed (the guide starts that on a second thread as soon as search opens, see
/// [`SearchIndex::thaw_now`]): most visits never search, and a thawed index holds about a megabyte.
/// (`PartialEq` is left to the app, which compares indexes by identity.)
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    data: OnceLock<Data>,
    /// What [`SearchIndex::freeze`] wrote, to be thawed into `data` on first use; empty when the
    /// index was built in this process.
    frozen: &'static [u8],
}

impl SearchIndex {
    /// Indexes every topic, section, question, glossary term and comparison item of `catalog`.
    #[must_use]
    pub fn build(catalog: &Catalog) -> SearchIndex {
        SearchIndex {
            data: OnceLock::from(Data::build(catalog)),
            frozen: &[],
        }
    }

    /// An index that thaws `bytes`, written by [`SearchIndex::freeze`], when first queried. The
    /// bytes are not checked until then: use it only for bytes the build wrote.
    #[must_use]
    pub fn frozen(bytes: &'static [u8]) -> SearchIndex {
        SearchIndex {
            data: OnceLock::new(),
            frozen: bytes,
        }
    }

    /// Serialises the index, leaving out what thawing can recompute.
    ///
    /// # Errors
    /// Only if serialisation itself fails (it does not for these types).
    pub fn freeze(&self) -> Result<Vec<u8>, String> {
        postcard::to_allocvec(self.data()).map_err(|e| format!("cannot freeze the index: {e}"))
    }

    /// Reads back what [`SearchIndex::freeze`] wrote, at once.
    ///
    /// # Errors
    /// If the bytes are not a frozen index.
    pub fn thaw(bytes: &[u8]) -> Result<SearchIndex, String> {
        Ok(SearchIndex {
            data: OnceLock::from(Data::thaw(bytes)?),
            frozen: &[],
        })
    }

    /// Finds up to `limit` hits for `query`, best first; falls back to close spellings when the
    /// query matches nothing well.
    ///
    /// # Panics
    /// If a frozen index given to [`SearchIndex::frozen`] is damaged, which the build makes
    /// impossible short of a miscompile.
    #[must_use]
    pub fn query(&self, query: &str, limit: usize) -> Results {
        // An empty box needs no index, so opening search never waits for a frozen one to thaw.
        if query.trim().is_empty() {
            return Results {
                hits: Vec::new(),
                close: false,
                used_query: String::new(),
            };
        }
        self.data().query(query, limit)
    }

    /// Thaws a frozen index now if it is not in memory yet. The guide calls it on a second thread
    /// as soon as search opens, so the first letter typed finds it ready.
    ///
    /// # Panics
    /// As [`SearchIndex::query`].
    pub fn thaw_now(&self) {
        self.data();
    }

    /// Whether the tables are in memory (built, or thawed by a query).
    #[cfg(test)]
    pub(crate) fn is_ready(&self) -> bool {
        self.data.get().is_some()
    }

    fn data(&self) -> &Data {
        self.data.get_or_init(|| {
            if self.frozen.is_empty() {
                Data::default()
            } else {
                Data::thaw(self.frozen).unwrap_or_else(|e| panic!("{e}"))
            }
        })
    }
}

/// The index's tables. Texts live in a few long strings rather than one allocation each: the
/// bundled index thaws into 9 allocations holding 754 KB, where one allocation per text, word and
/// postings list made about 13,000 holding 1,025 KB.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Data {
    entries: Vec<Entry>,
    fields: Vec<Field>,
    /// Every field's text, and every entry's title and lead, one after another.
    texts: String,
    /// Every field's folded text ([`Field::lower`]). Not frozen: rebuilt when thawed.
    #[serde(skip)]
    lowers: String,
    /// Title and alias fields, matched against the whole query when single words find nothing good.
    heads: Vec<usize>,
    vocab: Vec<VocabWord>,
    /// Every vocabulary word, one after another.
    words: String,
    /// For each vocabulary word in turn, `entry << 2 | class` of every entry containing it,
    /// ascending.
    postings: Vec<u32>,
    /// Vocabulary positions in the order of their words, to look a word up.
    sorted: Vec<u32>,
    /// While building: each word's position in `vocab`, and its postings.
    #[serde(skip)]
    building: HashMap<String, usize>,
    #[serde(skip)]
    lists: Vec<Vec<u32>>,
}

/// A position in one of the index's long strings. The bundled pack's are a few hundred kilobytes
/// at most; a pack too large for `u32` fails to load long before.
fn at(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `range` of `s`.
fn slice<'a>(s: &'a str, range: &Range<u32>) -> &'a str {
    &s[range.start as usize..range.end as usize]
}

/// A query word prepared for matching.
#[derive(Debug, Clone)]
struct QueryWord {
    text: String,
    chars: Vec<char>,
    mask: u64,
    /// For each [`slot`], the positions in `chars` that may hold that character.
    at: [u64; SLOTS],
    /// The word's score against itself: the best any match can do.
    ideal: i64,
}

impl QueryWord {
    fn new(m: &SkimMatcherV2, text: &str) -> QueryWord {
        let chars: Vec<char> = text.chars().take(MAX_WORD_CHARS).collect();
        let text: String = chars.iter().collect();
        let mut at = [0; SLOTS];
        for (p, &c) in chars.iter().enumerate() {
            if let Some(k) = slot(c) {
                at[k] |= 1 << p;
            }
        }
        let (mask, ideal) = (mask(&text), m.fuzzy_match(&text, &text).unwrap_or(0));
        QueryWord {
            text,
            chars,
            mask,
            at,
            ideal,
        }
    }
}

/// A scored entry before its match positions are worked out.
#[derive(Debug, Clone, Copy)]
struct Cand {
    score: i64,
    entry: usize,
    /// The title or alias field the whole query matched, when that scored best.
    whole: Option<usize>,
}

/// The outcome of searching one set of words.
struct Pass {
    words: Vec<QueryWord>,
    /// For each word, the vocabulary words it matched and their scores, by vocabulary index.
    matched: Vec<Vec<(usize, i64)>>,
    /// Best first.
    cands: Vec<Cand>,
}

impl Pass {
    /// True when the best hit scores at least half of what perfect matches of every word would.
    fn good(&self) -> bool {
        let ideal: i64 = self.words.iter().map(|w| w.ideal).sum();
        self.cands
            .iter()
            .map(|c| c.score)
            .max()
            .is_some_and(|s| s * 2 >= ideal)
    }
}

impl Data {
    fn build(catalog: &Catalog) -> Data {
        let mut ix = Data::default();
        let mut aliases: Vec<Vec<String>> = vec![Vec::new(); catalog.topics.len()];
        for item in catalog.sets.iter().flat_map(|s| &s.items) {
            let topic = item
                .topic
                .as_ref()
                .and_then(|id| catalog.topic_index(id.as_str()));
            if let Some(t) = topic {
                aliases[t].push(item_title(item));
            }
        }
        for (ti, topic) in catalog.topics.iter().enumerate() {
            let title = collapse(&topic.title);
            let summary = topic.summary_doc.plain();
            let target = Target::Topic {
                topic: ti,
                section: None,
            };
            ix.push_entry(target, &title, &summary);
            ix.push_field(Class::Title, 0, &title);
            for alias in &aliases[ti] {
                ix.push_field(Class::Alias, 0, alias);
            }
            ix.push_sentences(&summary);
            let offset = title.chars().count() + 3;
            for (si, section) in topic.sections.iter().enumerate() {
                let heading = collapse(&section.heading);
                let body = section.doc.plain();
                let target = Target::Topic {
                    topic: ti,
                    section: Some(si),
                };
                ix.push_entry(target, &format!("{title} › {heading}"), &body);
                ix.push_field(Class::Context, 0, &title);
                ix.push_field(Class::Title, offset, &heading);
                ix.push_sentences(&body);
            }
        }
        for (ni, node) in catalog.faq.nodes.iter().enumerate() {
            let answer = node.doc.plain();
            ix.push_entry(Target::Node(ni), &collapse(&node.question), &answer);
            ix.push_field(Class::Title, 0, &node.question);
            ix.push_sentences(&answer);
        }
        for (gi, term) in catalog.glossary.iter().enumerate() {
            let definition = term.doc.plain();
            ix.push_entry(Target::Term(gi), &collapse(&term.term), &definition);
            ix.push_field(Class::Title, 0, &term.term);
            for alias in &term.aliases {
                ix.push_field(Class::Alias, 0, alias);
            }
            ix.push_sentences(&definition);
        }
        for (si, set) in catalog.sets.iter().enumerate() {
            for (ii, item) in set.items.iter().enumerate() {
                ix.push_entry(
                    Target::Item { set: si, item: ii },
                    &item_title(item),
                    &set.title,
                );
                let name = collapse(&item.name);
                let mut offset = name.chars().count() + 2;
                ix.push_field(Class::Title, 0, &name);
                for brand in &item.brands {
                    let brand = collapse(brand);
                    ix.push_field(Class::Title, offset, &brand);
                    offset += brand.chars().count() + 2;
                }
            }
        }
        ix.finish();
        ix
    }

    /// Packs the postings lists built word by word into one, and sorts the word lookup.
    fn finish(&mut self) {
        for (word, list) in self.vocab.iter_mut().zip(std::mem::take(&mut self.lists)) {
            let start = at(self.postings.len());
            self.postings.extend(list);
            word.postings = start..at(self.postings.len());
        }
        let mut sorted: Vec<u32> = (0..self.vocab.len()).map(at).collect();
        sorted.sort_by(|&a, &b| self.word(a as usize).cmp(self.word(b as usize)));
        self.sorted = sorted;
        self.building = HashMap::new();
    }

    fn word(&self, v: usize) -> &str {
        slice(&self.words, &self.vocab[v].text)
    }

    /// The vocabulary position of `token`.
    fn find(&self, token: &str) -> Option<usize> {
        self.sorted
            .binary_search_by(|&v| self.word(v as usize).cmp(token))
            .ok()
            .map(|i| self.sorted[i] as usize)
    }

    fn postings_of(&self, v: usize) -> &[u32] {
        let r = &self.vocab[v].postings;
        &self.postings[r.start as usize..r.end as usize]
    }

    /// Appends `text` to [`Data::texts`]; returns where it is.
    fn push_text(&mut self, text: &str) -> Range<u32> {
        let start = at(self.texts.len());
        self.texts.push_str(text);
        start..at(self.texts.len())
    }

    fn text(&self, f: &Field) -> &str {
        slice(&self.texts, &f.text)
    }

    fn lower(&self, f: &Field) -> &str {
        slice(&self.lowers, &f.lower)
    }

    fn thaw(bytes: &[u8]) -> Result<Data, String> {
        let mut data: Data = postcard::from_bytes(bytes)
            .map_err(|e| format!("the bundled search index is damaged: {e}"))?;
        data.rebuild_derived();
        Ok(data)
    }

    /// Recomputes what freezing leaves out to keep the binary small: the folded texts.
    fn rebuild_derived(&mut self) {
        let mut lowers = String::with_capacity(self.texts.len());
        for f in &mut self.fields {
            let start = at(lowers.len());
            let text = slice(&self.texts, &f.text);
            if text.is_ascii() {
                lowers.push_str(text);
                lowers[start as usize..].make_ascii_lowercase();
            } else {
                lowers.extend(text.chars().map(fold));
            }
            f.lower = start..at(lowers.len());
        }
        self.lowers = lowers;
    }

    fn push_entry(&mut self, target: Target, title: &str, lead: &str) {
        let (at, lead) = (self.fields.len(), clip(&collapse(lead), &[]).0);
        let title = self.push_text(title);
        let lead = self.push_text(&lead);
        self.entries.push(Entry {
            target,
            title,
            lead,
            fields: at..at,
        });
    }

    fn push_sentences(&mut self, text: &str) {
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let blank_next = chars.peek().is_none_or(|&(_, n)| n.is_whitespace());
            if c == '\n' || (matches!(c, '.' | '!' | '?') && blank_next) {
                let end = i + c.len_utf8();
                self.push_field(Class::Body, 0, &text[start..end]);
                start = end;
            }
        }
        self.push_field(Class::Body, 0, &text[start..]);
    }

    fn push_field(&mut self, class: Class, offset: usize, text: &str) {
        let text = collapse(text);
        let Some(entry) = self.entries.len().checked_sub(1) else {
            return;
        };
        if text.is_empty() {
            return;
        }
        let lower: String = text.chars().map(fold).collect();
        let posting = u32::try_from(entry << 2 | class as usize).unwrap_or(u32::MAX);
        for_each_token(&lower, |_, token| {
            let v = if let Some(&v) = self.building.get(token) {
                v
            } else {
                let start = at(self.words.len());
                self.words.push_str(token);
                self.vocab.push(VocabWord {
                    text: start..at(self.words.len()),
                    postings: 0..0,
                    mask: mask(token),
                    len: token.chars().count(),
                    freq: 0,
                });
                self.lists.push(Vec::new());
                self.building
                    .insert(token.to_string(), self.vocab.len() - 1);
                self.vocab.len() - 1
            };
            if class != Class::Context {
                self.vocab[v].freq += 1;
            }
            // Entries are indexed one after another, so only this entry's tail can hold `posting`.
            let list = &mut self.lists[v];
            if !list
                .iter()
                .rev()
                .take_while(|&&p| p >> 2 == posting >> 2)
                .any(|&p| p == posting)
            {
                list.push(posting);
            }
        });
        if matches!(class, Class::Title | Class::Alias) {
            self.heads.push(self.fields.len());
        }
        let mask = mask(&lower);
        let text = self.push_text(&text);
        let lower_start = at(self.lowers.len());
        self.lowers.push_str(&lower);
        self.fields.push(Field {
            entry,
            class,
            offset,
            text,
            lower: lower_start..at(self.lowers.len()),
            mask,
        });
        self.entries[entry].fields.end = self.fields.len();
    }

    fn query(&self, query: &str, limit: usize) -> Results {
        let used_query = query.split_whitespace().collect::<Vec<_>>().join(" ");
        let m = SkimMatcherV2::default().ignore_case();
        let mut words = Vec::new();
        for_each_token(&query.chars().map(fold).collect::<String>(), |_, w| {
            words.push(QueryWord::new(&m, w));
        });
        words.truncate(MAX_WORDS);
        if words.is_empty() {
            return Results {
                hits: Vec::new(),
                close: false,
                used_query,
            };
        }
        let pass = self.search(&m, words);
        if !pass.good()
            && let Some(fixed) = self.correct(&m, &pass.words)
        {
            let close = self.search(&m, fixed);
            if !close.cands.is_empty() {
                let used_query = close
                    .words
                    .iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                return Results {
                    hits: self.hits(&m, &close, limit),
                    close: true,
                    used_query,
                };
            }
        }
        Results {
            hits: self.hits(&m, &pass, limit),
            close: false,
            used_query,
        }
    }

    /// Scores every entry in which all words match; when that finds nothing good, also every
    /// title or alias the whole query matches.
    fn search(&self, m: &SkimMatcherV2, words: Vec<QueryWord>) -> Pass {
        let ne = self.entries.len();
        let full = (1u64 << words.len()) - 1;
        // Per entry: this word's best score; then the words matched, their total, and whether any
        // matched outside the section's topic title.
        let mut best = vec![0i64; ne];
        let mut acc = vec![(0u64, 0i64, false); ne];
        let (mut touched, mut seen) = (Vec::new(), Vec::new());
        let mut matched = vec![Vec::new(); words.len()];
        for (wi, w) in words.iter().enumerate() {
            for (v, word) in self.vocab.iter().enumerate() {
                if word.mask & w.mask != w.mask || word.len < w.chars.len() {
                    continue;
                }
                let Some(score) = word_score(m, self.word(v), w) else {
                    continue;
                };
                matched[wi].push((v, score));
                for &p in self.postings_of(v) {
                    let (e, class) = ((p >> 2) as usize, CLASSES[(p & 3) as usize]);
                    if best[e] == 0 {
                        touched.push(e);
                    }
                    best[e] = best[e].max(score * class.weight());
                    acc[e].2 |= class != Class::Context;
                }
            }
            for e in touched.drain(..) {
                if acc[e].0 == 0 {
                    seen.push(e);
                }
                acc[e].0 |= 1 << wi;
                acc[e].1 += std::mem::take(&mut best[e]);
            }
        }
        let cands = seen.into_iter().filter(|&e| acc[e].0 == full && acc[e].2);
        let cands = cands
            .map(|e| Cand {
                score: acc[e].1,
                entry: e,
                whole: None,
            })
            .collect();
        let mut pass = Pass {
            words,
            matched,
            cands,
        };
        if !pass.good() {
            self.whole(m, &mut pass);
        }
        pass.cands.sort_by_key(|c| (Reverse(c.score), c.entry));
        pass
    }

    /// Matches the query's words run together against every title and alias, keeping the better
    /// score per entry; this finds "sideeff" in "Side effects".
    fn whole(&self, m: &SkimMatcherV2, pass: &mut Pass) {
        let whole = QueryWord::new(
            m,
            &pass
                .words
                .iter()
                .map(|w| w.text.as_str())
                .collect::<String>(),
        );
        if whole.chars.len() < 3 {
            return;
        }
        let limit = span_limit(whole.chars.len()) + pass.words.len();
        let mut slot: HashMap<usize, usize> = pass
            .cands
            .iter()
            .enumerate()
            .map(|(i, c)| (c.entry, i))
            .collect();
        for &f in &self.heads {
            let field = &self.fields[f];
            if field.mask & whole.mask != whole.mask
                || min_window(self.lower(field), &whole).is_none_or(|s| s > limit)
            {
                continue;
            }
            let Some(score) = m.fuzzy_match(self.lower(field), &whole.text) else {
                continue;
            };
            let cand = Cand {
                score: score.max(1) * field.class.weight(),
                entry: field.entry,
                whole: Some(f),
            };
            let i = *slot.entry(field.entry).or_insert_with(|| {
                pass.cands.push(Cand { score: 0, ..cand });
                pass.cands.len() - 1
            });
            if cand.score > pass.cands[i].score {
                pass.cands[i] = cand;
            }
        }
    }

    /// Replaces each word not in the vocabulary by its closest vocabulary word; `None` if none changed.
    fn correct(&self, m: &SkimMatcherV2, words: &[QueryWord]) -> Option<Vec<QueryWord>> {
        let mut changed = false;
        let mut fixed = Vec::with_capacity(words.len());
        for w in words {
            let close = (w.chars.len() >= 3 && self.find(&w.text).is_none())
                .then(|| self.closest(w))
                .flatten();
            changed |= close.is_some();
            fixed.push(close.map_or_else(|| w.clone(), |v| QueryWord::new(m, self.word(v))));
        }
        changed.then_some(fixed)
    }

    /// The vocabulary word nearest to `w` by Damerau-Levenshtein distance (ties: the more frequent).
    fn closest(&self, w: &QueryWord) -> Option<usize> {
        let n = w.chars.len();
        let max = if n <= 4 { 1 } else { 2 };
        let mut best: Option<(usize, Reverse<u32>, usize)> = None;
        for (v, word) in self.vocab.iter().enumerate() {
            // One edit changes at most two letters of the letter set, so the masks bound the distance.
            if word.len < 3
                || word.len.abs_diff(n) > max
                || (word.mask ^ w.mask).count_ones() as usize > 2 * max
            {
                continue;
            }
            let d = strsim::damerau_levenshtein(self.word(v), &w.text);
            if d <= max && best.is_none_or(|b| (d, Reverse(word.freq), v) < b) {
                best = Some((d, Reverse(word.freq), v));
            }
        }
        best.map(|b| b.2)
    }

    /// Turns the first `limit` candidates into hits with titles, snippets and match positions.
    fn hits(&self, m: &SkimMatcherV2, pass: &Pass, limit: usize) -> Vec<Hit> {
        let whole: String = pass.words.iter().map(|w| w.text.as_str()).collect();
        // The words any query word matched: a text word outside this set scores nothing.
        let known: HashMap<&str, usize> = (pass.matched.iter().flatten())
            .map(|&(v, _)| (self.word(v), v))
            .collect();
        pass.cands
            .iter()
            .take(limit)
            .map(|c| self.hit(m, pass, &whole, &known, c))
            .collect()
    }

    fn hit(
        &self,
        m: &SkimMatcherV2,
        pass: &Pass,
        whole: &str,
        known: &HashMap<&str, usize>,
        c: &Cand,
    ) -> Hit {
        let entry = &self.entries[c.entry];
        let whole = c.whole.map(|f| &self.fields[f]).map(|field| {
            let ix = m.fuzzy_indices(self.lower(field), whole);
            (field, ix.map_or_else(Vec::new, |r| r.1))
        });
        let title_matches: Vec<usize> = match &whole {
            Some((field, ix)) if field.class.in_title() => {
                ix.iter().map(|i| i + field.offset).collect()
            }
            _ => {
                let fields = self.fields[entry.fields.clone()]
                    .iter()
                    .filter(|f| f.class.in_title());
                let shifted = |f: &Field| {
                    matched(m, self.lower(f), pass, known)
                        .into_iter()
                        .map(|i| i + f.offset)
                        .collect::<Vec<_>>()
                };
                fields.flat_map(shifted).collect()
            }
        };
        let lead = slice(&self.texts, &entry.lead);
        let alias = |field: &Field| format!("{} · {lead}", self.text(field));
        let (snippet, snippet_matches) = match (
            &whole,
            self.snippet_field(entry, pass, known, !title_matches.is_empty()),
        ) {
            (Some((field, ix)), _) if field.class == Class::Alias => clip(&alias(field), ix),
            (_, Some(field)) => {
                let text = if field.class == Class::Alias {
                    alias(field)
                } else {
                    self.text(field).to_string()
                };
                clip(&text, &matched(m, self.lower(field), pass, known))
            }
            _ => (lead.to_string(), Vec::new()),
        };
        Hit {
            target: entry.target,
            kind: entry.target.kind(),
            title: slice(&self.texts, &entry.title).to_string(),
            title_matches,
            snippet,
            snippet_matches,
            score: c.score,
        }
    }

    /// The body sentence (else alias) of `entry` with the most query words, then the best score;
    /// when the title matched, only one with every word.
    fn snippet_field(
        &self,
        entry: &Entry,
        pass: &Pass,
        known: &HashMap<&str, usize>,
        every: bool,
    ) -> Option<&Field> {
        let (words, matched) = (&pass.words, &pass.matched);
        let fields = self.fields[entry.fields.clone()].iter().enumerate();
        let keyed = fields
            .filter(|(_, f)| matches!(f.class, Class::Body | Class::Alias))
            .filter_map(|(f, field)| {
                let mut scores = [0i64; MAX_WORDS];
                for_each_token(self.lower(field), |_, token| {
                    let Some(&v) = known.get(token) else { return };
                    for (score, list) in scores.iter_mut().zip(matched) {
                        if let Ok(i) = list.binary_search_by_key(&v, |x| x.0) {
                            *score = (*score).max(list[i].1);
                        }
                    }
                });
                let count = scores.iter().filter(|&&s| s > 0).count();
                let key = (
                    count,
                    field.class == Class::Body,
                    scores.iter().sum::<i64>(),
                    Reverse(f),
                );
                (count > usize::from(every) * (words.len() - 1)).then_some((key, field))
            });
        keyed.max_by_key(|k| k.0).map(|k| k.1)
    }
}

/// Field classes by their code in a posting.
const CLASSES: [Class; 4] = [Class::Title, Class::Context, Class::Alias, Class::Body];

/// "Name (Brand, Brand)", or just the name when the item has no brands.
fn item_title(item: &Item) -> String {
    let name = collapse(&item.name);
    if item.brands.is_empty() {
        return name;
    }
    let brands: Vec<String> = item.brands.iter().map(|b| collapse(b)).collect();
    format!("{name} ({})", brands.join(", "))
}

/// `text` with every run of whitespace made one space, and trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lowercases one character, keeping it when its lowercase is not a single character.
fn fold(c: char) -> char {
    // Most text is ASCII, where this is all there is to it (and thawing the index folds every text).
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// One bit per [`slot`] of the characters `text` contains.
fn mask(text: &str) -> u64 {
    text.chars().filter_map(slot).fold(0, |m, k| m | 1 << k)
}

/// Calls `f` with the character offset and text of each word of `text`: a run of letters and
/// digits, with apostrophes inside it ("fda's" is one word, so a lone "s" is never one).
fn for_each_token<'a>(text: &'a str, mut f: impl FnMut(usize, &'a str)) {
    let mut start: Option<(usize, usize)> = None;
    let mut chars = text.char_indices().enumerate().peekable();
    while let Some((ci, (bi, c))) = chars.next() {
        let joins =
            matches!(c, '\'' | '’') && chars.peek().is_some_and(|&(_, (_, n))| n.is_alphanumeric());
        match (c.is_alphanumeric() || (joins && start.is_some()), start) {
            (true, None) => start = Some((bi, ci)),
            (false, Some((b, at))) => {
                f(at, &text[b..bi]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some((b, at)) = start {
        f(at, &text[b..]);
    }
}

/// How many characters a match of `n` query characters may span and still count as compact.
fn span_limit(n: usize) -> usize {
    n + n / 2
}

/// Number of [`slot`]s: one per ASCII letter and digit, and one shared by every other letter.
const SLOTS: usize = 37;

/// The slot of a letter or digit, or `None` for anything else.
fn slot(c: char) -> Option<usize> {
    match c {
        'a'..='z' => Some(c as usize - 'a' as usize),
        '0'..='9' => Some(26 + c as usize - '0' as usize),
        c if c.is_alphanumeric() => Some(36),
        _ => None,
    }
}

/// The length of the shortest run of `text` that contains `w` as a subsequence, if any.
fn min_window(text: &str, w: &QueryWord) -> Option<usize> {
    let last = w.chars.len().checked_sub(1)?;
    // start[p]: the latest start of a run of the text so far that contains chars[..=p] in order.
    let mut start = [usize::MAX; MAX_WORD_CHARS];
    let mut best = usize::MAX;
    for (col, ch) in text.chars().enumerate() {
        let Some(k) = slot(ch) else { continue };
        // Highest position first, so start[p - 1] still describes the text before this character.
        let mut positions = w.at[k];
        while positions != 0 {
            let p = 63 - positions.leading_zeros() as usize;
            positions &= !(1 << p);
            let from = if p == 0 { col } else { start[p - 1] };
            if w.chars[p] == ch && from != usize::MAX {
                start[p] = from;
                if p == last {
                    best = best.min(col - from + 1);
                }
            }
        }
    }
    (best != usize::MAX).then_some(best)
}

/// Scores one lowercase text word against a query word: `None` unless the match is compact (a
/// prefix for words of one or two letters); exact and prefix matches score extra.
fn word_score(m: &SkimMatcherV2, word: &str, w: &QueryWord) -> Option<i64> {
    let n = w.chars.len();
    if n <= 2 {
        if !word.starts_with(&w.text) {
            return None;
        }
    } else if min_window(word, w)? > span_limit(n) {
        return None;
    }
    let bonus = if word == w.text {
        EXACT_BONUS
    } else if word.starts_with(&w.text) {
        PREFIX_BONUS
    } else {
        0
    };
    Some((m.fuzzy_match(word, &w.text)? + bonus).max(1))
}

/// Character indices in `lower` of the best-matching word for each query word, ascending.
///
/// `known` holds the words any query word matched (see [`Pass::matched`]); a text word outside it
/// cannot be the best match, and one inside it already has its score in the pass.
fn matched(
    m: &SkimMatcherV2,
    lower: &str,
    pass: &Pass,
    known: &HashMap<&str, usize>,
) -> Vec<usize> {
    let mut ix: Vec<usize> = (pass.words.iter().zip(&pass.matched))
        .flat_map(|(w, list)| word_indices(m, lower, w, list, known))
        .collect();
    ix.sort_unstable();
    ix.dedup();
    ix
}

/// Character indices in `lower` of the best-matching word for `w`, or none.
fn word_indices(
    m: &SkimMatcherV2,
    lower: &str,
    w: &QueryWord,
    list: &[(usize, i64)],
    known: &HashMap<&str, usize>,
) -> Vec<usize> {
    let mut best: Option<(i64, usize, &str)> = None;
    for_each_token(lower, |at, word| {
        let score = known
            .get(word)
            .and_then(|v| list.binary_search_by_key(v, |x| x.0).ok())
            .map(|i| list[i].1);
        if let Some(score) = score
            && best.is_none_or(|b| score > b.0)
        {
            best = Some((score, at, word));
        }
    });
    let Some((_, at, word)) = best else {
        return Vec::new();
    };
    m.fuzzy_indices(word, &w.text)
        .map(|r| r.1.into_iter().map(|i| i + at).collect())
        .unwrap_or_default()
}

/// At most [`SNIPPET_CHARS`] characters of `text` around the first of `ix`, with "…" where cut, and
/// `ix` moved to match.
fn clip(text: &str, ix: &[usize]) -> (String, Vec<usize>) {
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
        let gap = text
            .chars()
            .skip(start)
            .take(first - start)
            .position(char::is_whitespace);
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
    out.push_str(
        text.chars()
            .skip(start)
            .take(end - start)
            .collect::<String>()
            .trim_end(),
    );
    if trail == 1 {
        out.push('…');
    }
    let moved = ix
        .iter()
        .filter(|&&i| i >= start && i < end)
        .map(|&i| i - start + lead)
        .collect();
    (out, moved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{PackFile, load};

    const LONG: &str = "Most people sit in a quiet room while a nurse watches their blood pressure and \
        breathing for the whole visit, and then someone else drives them home afterwards.";

    fn file(path: &str, text: &str) -> PackFile {
        PackFile {
            path: path.into(),
            text: text.into(),
        }
    }

    /// A tiny valid pack: two topics, two comparison sets, two questions and two glossary terms.
    fn catalog() -> Catalog {
        // The real labels, so the fixture never falls behind a new label.
        let ui = include_str!("../assets/ui.toml");
        let ketamine = format!(
            "id = \"ketamine\"\ntitle = \"Ketamine — what it is\"\nreviewed = \"2026-01-01\"\n\
             summary = \"Ketamine is an anesthetic that can ease depression quickly. A clinic gives it through a vein.\"\n\
             [[section]]\nid = \"how\"\nheading = \"How it is given\"\nbody = \"{LONG}\"\n\
             [[section]]\nid = \"nasal\"\nheading = \"Esketamine nasal spray\"\n\
             body = \"Esketamine is a nasal spray sold as Spravato. You use it at a certified clinic.\"\n"
        );
        let ssris = "id = \"ssris\"\ntitle = \"SSRIs for depression\"\nreviewed = \"2026-01-01\"\n\
             summary = \"SSRIs are the most used medicines for depression. Sertraline and escitalopram are common.\"\n\
             [[section]]\nid = \"side-effects\"\nheading = \"Side effects\"\n\
             body = \"Most side effects are mild and fade.\\n\\nRarely, too much serotonin causes serotonin syndrome. Get help fast if you feel very hot.\"\n\
             [[section]]\nid = \"choosing\"\nheading = \"Choosing a medicine\"\n\
             body = \"Fluoxetine lasts a long time in the body. Escitalopram has few interactions.\"\n";
        let set = |id: &str, items: &str| {
            format!("id = \"{id}\"\ntitle = \"Compare {id}\"\nintro = \"Side by side.\"\n{items}")
        };
        let ssri_items = "[[item]]\nid = \"sertraline\"\nname = \"Sertraline\"\nbrands = [\"Zoloft\"]\ntopic = \"ssris\"\n\
             [[item]]\nid = \"escitalopram\"\nname = \"Escitalopram\"\nbrands = [\"Lexapro\", \"Cipralex\"]\ntopic = \"ssris\"\n\
             [[item]]\nid = \"fluoxetine\"\nname = \"Fluoxetine\"\nbrands = [\"Prozac\"]\ntopic = \"ssris\"\n";
        let treatment_items = "[[item]]\nid = \"ketamine\"\nname = \"IV ketamine\"\ntopic = \"ketamine\"\n\
             [[item]]\nid = \"esketamine\"\nname = \"Esketamine\"\nbrands = [\"Spravato\"]\ntopic = \"ketamine\"\n";
        let files = vec![
            file(
                "meta.toml",
                "content_version = \"0.1.0\"\nreviewed = \"2026-01-01\"\ntitle = \"moodguide\"\n\
                 tagline = \"Facts.\"\ndisclaimer = \"Not advice.\"\ncrisis = \"Get help now.\"\n",
            ),
            file("ui.toml", ui),
            file(
                "sources.toml",
                "[[source]]\nid = \"S1\"\nshort = \"S\"\ntitle = \"Source\"\npublisher = \"P\"\n",
            ),
            file(
                "glossary.toml",
                "[[term]]\nid = \"ssri\"\nterm = \"SSRI\"\naliases = [\"selective serotonin reuptake inhibitor\"]\n\
                 definition = \"A group of medicines for depression.\"\n\
                 [[term]]\nid = \"serotonin-syndrome\"\nterm = \"Serotonin syndrome\"\n\
                 definition = \"A rare but serious reaction to too much serotonin.\"\n",
            ),
            file(
                "categories.toml",
                "[[category]]\nid = \"all\"\ntitle = \"All\"\ntopics = [\"ssris\", \"ketamine\"]\n",
            ),
            file(
                "faq.toml",
                "root = \"start\"\n[[node]]\nid = \"start\"\nquestion = \"Where should I start?\"\n\
                 answer = \"Read about SSRIs first.\"\nfollow = [\"fast\"]\n\
                 [[node]]\nid = \"fast\"\nquestion = \"Is there a fast option?\"\n\
                 answer = \"Ketamine and esketamine can work within hours for some people.\"\n",
            ),
            file("topics/ssris.toml", ssris),
            file("topics/ketamine.toml", &ketamine),
            file("compare/ssris.toml", &set("ssris", ssri_items)),
            file(
                "compare/treatments.toml",
                &set("treatments", treatment_items),
            ),
        ];
        match load(&files) {
            Ok(c) => c,
            Err(e) => panic!("fixture does not load: {e:?}"),
        }
    }

    fn index() -> (Catalog, SearchIndex) {
        let c = catalog();
        let ix = SearchIndex::build(&c);
        (c, ix)
    }

    fn item(c: &Catalog, set: &str, item: &str) -> Target {
        let s = c.set_index(set).expect("set");
        let i = c.sets[s]
            .items
            .iter()
            .position(|x| x.id.as_str() == item)
            .expect("item");
        Target::Item { set: s, item: i }
    }

    fn topic(c: &Catalog, id: &str, section: Option<&str>) -> Target {
        let t = c.topic_index(id).expect("topic");
        let section = section.map(|s| {
            c.topics[t]
                .sections
                .iter()
                .position(|x| x.id.as_str() == s)
                .expect("section")
        });
        Target::Topic { topic: t, section }
    }

    fn first(ix: &SearchIndex, q: &str) -> Hit {
        ix.query(q, 10)
            .hits
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no hit for {q:?}"))
    }

    fn picked(text: &str, ix: &[usize]) -> String {
        let chars: Vec<char> = text.chars().collect();
        ix.iter().map(|&i| chars[i]).collect()
    }

    #[test]
    fn title_ranks_above_body() {
        let (c, ix) = index();
        let r = ix.query("fluoxetine", 10);
        assert_eq!(r.hits[0].target, item(&c, "ssris", "fluoxetine"));
        let body = r
            .hits
            .iter()
            .position(|h| h.target == topic(&c, "ssris", Some("choosing")))
            .expect("body hit");
        assert!(body > 0 && r.hits[0].score > r.hits[body].score);
        assert_eq!(
            r.hits[body].snippet,
            "Fluoxetine lasts a long time in the body."
        );
        assert_eq!(
            picked(&r.hits[body].snippet, &r.hits[body].snippet_matches),
            "Fluoxetine"
        );
        let r = ix.query("serotonin", 10);
        let term = r
            .hits
            .iter()
            .position(|h| h.kind == Kind::Term)
            .expect("term");
        let section = r
            .hits
            .iter()
            .position(|h| h.kind == Kind::Section)
            .expect("section");
        assert!(term < section);
    }

    #[test]
    fn brand_finds_item_and_topic() {
        let (c, ix) = index();
        let r = ix.query("Zoloft", 10);
        assert!(!r.close);
        assert_eq!(r.hits[0].target, item(&c, "ssris", "sertraline"));
        assert_eq!(r.hits[0].title, "Sertraline (Zoloft)");
        assert_eq!(picked(&r.hits[0].title, &r.hits[0].title_matches), "Zoloft");
        let t = r
            .hits
            .iter()
            .find(|h| h.target == topic(&c, "ssris", None))
            .expect("topic hit");
        assert!(t.snippet.starts_with("Sertraline (Zoloft) · "));
        assert_eq!(picked(&t.snippet, &t.snippet_matches), "Zoloft");
        assert_eq!(
            first(&ix, "cipralex").target,
            item(&c, "ssris", "escitalopram")
        );
    }

    #[test]
    fn typos_find_the_right_thing() {
        let (c, ix) = index();
        let ssri = c.term_index("serotonin-syndrome").expect("term");
        let cases = [
            ("zolft", item(&c, "ssris", "sertraline")),
            ("serotnin syndrom", Target::Term(ssri)),
            ("ketamin", topic(&c, "ketamine", None)),
            ("setraline", item(&c, "ssris", "sertraline")),
            ("sertarline", item(&c, "ssris", "sertraline")),
            ("esitalopram", item(&c, "ssris", "escitalopram")),
            ("prozak", item(&c, "ssris", "fluoxetine")),
            ("spravto", item(&c, "treatments", "esketamine")),
        ];
        for (q, want) in cases {
            assert_eq!(first(&ix, q).target, want, "query {q:?}");
        }
    }

    #[test]
    fn close_only_on_fallback() {
        let (_, ix) = index();
        let r = ix.query("prozak", 5);
        assert!(r.close);
        assert_eq!(r.used_query, "prozac");
        let r = ix.query("sertarline  Escitalopram", 5);
        assert!(r.close);
        assert_eq!(r.used_query, "sertraline escitalopram");
        let r = ix.query("  Sertraline ", 5);
        assert!(!r.close);
        assert_eq!(r.used_query, "Sertraline");
        assert!(!ix.query("ketam", 5).close);
    }

    #[test]
    fn indices_are_characters_not_bytes() {
        let (c, ix) = index();
        let h = first(&ix, "what");
        assert_eq!(h.target, topic(&c, "ketamine", None));
        assert_eq!(h.title, "Ketamine — what it is");
        assert_eq!(picked(&h.title, &h.title_matches), "what");
        let h = first(&ix, "given");
        assert_eq!(h.title, "Ketamine — what it is › How it is given");
        assert_eq!(picked(&h.title, &h.title_matches), "given");
        let h = first(&ix, "ketamine given");
        assert_eq!(h.target, topic(&c, "ketamine", Some("how")));
        assert_eq!(picked(&h.title, &h.title_matches), "Ketaminegiven");
    }

    #[test]
    fn multi_word_needs_every_word_in_one_unit() {
        let (c, ix) = index();
        let h = first(&ix, "serotonin syndrome");
        assert_eq!(
            h.target,
            Target::Term(c.term_index("serotonin-syndrome").expect("term"))
        );
        let r = ix.query("side effects", 10);
        assert_eq!(r.hits[0].target, topic(&c, "ssris", Some("side-effects")));
        assert!(ix.query("zoloft spravato", 10).hits.is_empty());
    }

    #[test]
    fn empty_query_and_limit() {
        let (_, ix) = index();
        for q in ["", "   ", " - "] {
            let r = ix.query(q, 10);
            assert!(r.hits.is_empty() && !r.close);
        }
        assert!(ix.query("e", 100).hits.len() > 3);
        assert_eq!(ix.query("e", 3).hits.len(), 3);
        assert!(ix.query("ketamine", 0).hits.is_empty());
    }

    #[test]
    fn scattered_letters_are_not_a_match() {
        let (_, ix) = index();
        // Initials of the long sentence: a subsequence of it, but no compact match anywhere.
        for q in ["mpsiaqrw", "qrwnwtbp"] {
            let r = ix.query(q, 10);
            assert!(r.hits.is_empty(), "{q:?} found {:?}", r.hits);
        }
    }

    #[test]
    fn snippets_are_short_and_point_at_the_match() {
        let (_, ix) = index();
        let h = first(&ix, "afterwards");
        assert!(h.snippet.chars().count() <= SNIPPET_CHARS);
        assert!(h.snippet.starts_with('…'));
        assert_eq!(picked(&h.snippet, &h.snippet_matches), "afterwards");
        let h = first(&ix, "quiet");
        assert!(h.snippet.chars().count() <= SNIPPET_CHARS && h.snippet.ends_with('…'));
        assert_eq!(picked(&h.snippet, &h.snippet_matches), "quiet");
        // A title-only hit shows the start of the text with nothing marked.
        let h = first(&ix, "where should");
        assert_eq!(h.snippet, "Read about SSRIs first.");
        assert!(h.snippet_matches.is_empty());
    }

    #[test]
    fn helpers() {
        let m = SkimMatcherV2::default();
        let window = |text: &str, q: &str| min_window(text, &QueryWord::new(&m, q));
        assert_eq!(window("serotonin", "sn"), Some(7));
        assert_eq!(window("abcab", "ab"), Some(2));
        assert_eq!(window("abc", "ca"), None);
        assert_eq!(window("a é-b aéb", "éb"), Some(2));
        assert_eq!(window("aaaa", "aa"), Some(2));
        assert_eq!(mask("a1é") & (1 | 1 << 27 | 1 << 36), 1 | 1 << 27 | 1 << 36);
        let (s, ix) = clip(&"word ".repeat(40), &[150]);
        assert!(s.chars().count() <= SNIPPET_CHARS);
        assert_eq!(picked(&s, &ix), "w");
    }
}
