//! The index's tables and the query: units and their weighted fields, a postings list per stem,
//! BM25 scoring over query-word groups (a word with its thesaurus meanings, corrected spelling or
//! completions), and the hits with their snippets. Must not import `ratatui` or `crossterm`.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::lexicon::{Lexicon, Ordinary, QWord};
use super::snippet::{self, Marker};
use super::text::{Stems, words};
use super::{Hit, Kind, Results, Target};
use crate::content::{Catalog, Item};

/// At most this many query words are used.
const MAX_WORDS: usize = 16;
/// BM25's term-frequency saturation.
const K1: f32 = 1.2;
/// BM25's length normalisation.
const B: f32 = 0.6;
/// How much a thesaurus meaning counts against the word as typed.
const MEANS_WEIGHT: f32 = 0.85;
/// How much a corrected spelling counts.
const CORRECTED_WEIGHT: f32 = 0.8;
/// How much a completion of the word still being typed counts.
const PREFIX_WEIGHT: f32 = 0.7;
/// How much more a unit counts when the query covers its whole title.
const TITLE_BOOST: f32 = 0.6;
/// Completions tried for the word still being typed: the most frequent words it begins.
const PREFIX_LIMIT: usize = 12;

/// How a field counts toward its unit's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum Class {
    /// Part of the hit title: topic title, section heading, question, term, item name or brand,
    /// row label.
    Title,
    /// The topic title of a section, or the item of a cell: helps, never decides.
    Context,
    /// Another name shown in a snippet: a glossary alias, an item named on its topic.
    Alias,
    /// A way people ask a question (`asked_as`): searched, never shown.
    Asked,
    /// One sentence of body text (a run of list items joined with " · ").
    Body,
}

impl Class {
    /// How much one word of the field counts, in half-words.
    fn half_words(self) -> u16 {
        match self {
            Class::Title => 6,
            Class::Alias | Class::Asked => 4,
            Class::Body | Class::Context => 2,
        }
    }

    /// Part of the hit's title (its matches are highlighted there).
    pub(super) fn in_title(self) -> bool {
        matches!(self, Class::Title | Class::Context)
    }
}

/// One searchable text of a unit.
#[derive(Debug, Clone)]
pub(super) struct Field {
    pub class: Class,
    /// Character offset of this text inside the hit title (title classes only).
    pub offset: usize,
    /// The text as shown, whitespace collapsed.
    pub text: String,
}

/// A unit's title, lead (shown when no sentence matched) and searchable texts, made from the
/// catalog the same way when the index is built and when a hit is shown: the index keeps no copy.
pub(super) struct Unit {
    pub title: String,
    pub lead: String,
    pub fields: Vec<Field>,
}

impl Unit {
    fn new(title: String, lead: &str) -> Unit {
        Unit {
            title,
            lead: snippet::clip(&collapse(lead), &[]).0,
            fields: Vec::new(),
        }
    }

    fn push(&mut self, class: Class, offset: usize, text: &str) {
        let text = collapse(text);
        if !text.is_empty() {
            self.fields.push(Field {
                class,
                offset,
                text,
            });
        }
    }

    fn body(&mut self, doc: &crate::markup::Doc) {
        for s in sentences(doc) {
            self.push(Class::Body, 0, &s);
        }
    }

    /// The unit a target opens.
    pub(super) fn of(c: &Catalog, target: Target) -> Unit {
        match target {
            Target::Topic { topic, section } => {
                let t = &c.topics[topic];
                let title = collapse(&t.title);
                match section {
                    None => {
                        let mut u = Unit::new(title.clone(), &t.summary_doc.plain());
                        u.push(Class::Title, 0, &title);
                        let items = c.sets.iter().flat_map(|s| &s.items);
                        for item in items.filter(|i| i.topic.as_ref() == Some(&t.id)) {
                            u.push(Class::Alias, 0, &item_title(item));
                        }
                        u.body(&t.summary_doc);
                        u
                    }
                    Some(si) => {
                        let sec = &t.sections[si];
                        let heading = collapse(&sec.heading);
                        let mut u = Unit::new(format!("{title} › {heading}"), &sec.doc.plain());
                        u.push(Class::Context, 0, &title);
                        u.push(Class::Title, title.chars().count() + 3, &heading);
                        u.body(&sec.doc);
                        u
                    }
                }
            }
            Target::Node(n) => {
                let node = &c.faq.nodes[n];
                let mut u = Unit::new(collapse(&node.question), &node.doc.plain());
                u.push(Class::Title, 0, &node.question);
                for a in &node.asked_as {
                    u.push(Class::Asked, 0, a);
                }
                u.body(&node.doc);
                u
            }
            Target::Term(g) => {
                let term = &c.glossary[g];
                let mut u = Unit::new(collapse(&term.term), &term.doc.plain());
                u.push(Class::Title, 0, &term.term);
                for alias in &term.aliases {
                    u.push(Class::Alias, 0, alias);
                }
                u.body(&term.doc);
                u
            }
            Target::Item { set, item } => {
                let (s, it) = (&c.sets[set], &c.sets[set].items[item]);
                let mut u = Unit::new(item_title(it), &s.title);
                let name = collapse(&it.name);
                let mut offset = name.chars().count() + 2;
                u.push(Class::Title, 0, &name);
                for brand in &it.brands {
                    let brand = collapse(brand);
                    u.push(Class::Title, offset, &brand);
                    offset += brand.chars().count() + 2;
                }
                u
            }
            Target::Cell {
                set,
                item,
                attribute,
            } => {
                let s = &c.sets[set];
                let (it, attr) = (&s.items[item], &s.attributes[attribute]);
                let text = (s.cells.iter())
                    .find(|x| x.item == it.id && x.attribute == attr.id)
                    .map_or("", |x| x.text.as_str());
                let (name, label) = (collapse(&it.name), collapse(&attr.label));
                let mut u = Unit::new(format!("{name} › {label}"), text);
                u.push(Class::Context, 0, &name);
                u.push(Class::Title, name.chars().count() + 3, &label);
                let mut parts = Vec::new();
                split_sentences(text, &mut parts);
                for p in parts {
                    u.push(Class::Body, 0, &p);
                }
                u
            }
        }
    }
}

/// Every target of a catalog, in index order: topics with their sections, questions, glossary
/// terms, comparison items, then the cells of rows patients see.
fn targets(c: &Catalog) -> Vec<Target> {
    let mut out = Vec::new();
    for (topic, t) in c.topics.iter().enumerate() {
        out.push(Target::Topic {
            topic,
            section: None,
        });
        out.extend((0..t.sections.len()).map(|s| Target::Topic {
            topic,
            section: Some(s),
        }));
    }
    out.extend((0..c.faq.nodes.len()).map(Target::Node));
    out.extend((0..c.glossary.len()).map(Target::Term));
    for (set, s) in c.sets.iter().enumerate() {
        out.extend((0..s.items.len()).map(|item| Target::Item { set, item }));
        for (attribute, a) in s.attributes.iter().enumerate().filter(|(_, a)| !a.staff) {
            for cell in s.cells.iter().filter(|x| x.attribute == a.id) {
                if let Some(item) = s.items.iter().position(|i| i.id == cell.item) {
                    out.push(Target::Cell {
                        set,
                        item,
                        attribute,
                    });
                }
            }
        }
    }
    out
}

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

/// `text` with every run of whitespace made one space, and trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Name (Brand, Brand)", or just the name when the item has no brands.
fn item_title(item: &Item) -> String {
    let name = collapse(&item.name);
    if item.brands.is_empty() {
        return name;
    }
    let brands: Vec<String> = item.brands.iter().map(|b| collapse(b)).collect();
    format!("{name} ({})", brands.join(", "))
}

/// Sentences of a Markdown document's plain text, with a run of list items joined by " · " into one
/// (so a snippet reads "change the dose · switch to another").
fn sentences(doc: &crate::markup::Doc) -> Vec<String> {
    use crate::markup::BlockKind;
    let mut out = Vec::new();
    let mut list: Vec<String> = Vec::new();
    for b in &doc.blocks {
        let text: String = b.spans.iter().map(|s| s.text.as_str()).collect();
        if matches!(b.kind, BlockKind::Bullet { .. }) {
            list.push(collapse(&text));
            continue;
        }
        if !list.is_empty() {
            out.push(std::mem::take(&mut list).join(" · "));
        }
        split_sentences(&text, &mut out);
    }
    if !list.is_empty() {
        out.push(list.join(" · "));
    }
    out
}

fn split_sentences(text: &str, out: &mut Vec<String>) {
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let blank_next = chars.peek().is_none_or(|&(_, n)| n.is_whitespace());
        if c == '\n' || (matches!(c, '.' | '!' | '?') && blank_next) {
            let end = i + c.len_utf8();
            out.push(collapse(&text[start..end]));
            start = end;
        }
    }
    out.push(collapse(&text[start..]));
    out.retain(|s| !s.is_empty());
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

/// One meaning of a query word: the stems that must stand in a unit, and how much it counts.
#[derive(Debug, Clone)]
struct Alt {
    stems: Vec<Option<u32>>,
    weight: f32,
}

/// A query word (or phrase) and every meaning it is searched by; a unit scores for its best one.
#[derive(Debug, Clone)]
struct Group {
    alts: Vec<Alt>,
}

/// How a query is searched.
struct Plan {
    groups: Vec<Group>,
    /// The query's words as searched (corrected where spelling help changed one).
    used: Vec<String>,
    close: bool,
    crisis: bool,
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

    /// The groups a query is searched by: each thesaurus phrase, and each other word that is not a
    /// stop word, with its meanings, completions (the word still being typed) and corrected
    /// spelling. Also the words as searched, and whether a spelling was corrected.
    fn plan(&self, query: &str, words: &[QWord], ordinary: &Ordinary, stems: &Stems) -> Plan {
        let crisis = self.lexicon.is_crisis(words);
        let spanish = self.lexicon.is_spanish(query, words);
        let typing = !query.ends_with(char::is_whitespace);
        let meaningful = words.iter().any(|w| !self.lexicon.is_stop(&w.text));
        let mut plan = Plan {
            groups: Vec::new(),
            used: Vec::new(),
            close: false,
            crisis,
        };
        let mut at_word = 0;
        while at_word < words.len() {
            let (len, rules) = self.lexicon.rules_at(words, at_word);
            if len > 0 {
                let phrase = &words[at_word..at_word + len];
                let typed = phrase.iter().map(|w| self.word_stem(w)).collect();
                let mut alts = vec![Alt {
                    stems: typed,
                    weight: 1.0,
                }];
                for m in rules.iter().flat_map(|r| &r.means) {
                    let meant = (m.words.iter())
                        .map(|w| self.stem(&stems.of(self.spanish, w)))
                        .collect();
                    alts.push(Alt {
                        stems: meant,
                        weight: MEANS_WEIGHT,
                    });
                }
                plan.groups.push(Group { alts });
                plan.used.extend(phrase.iter().map(|w| w.text.clone()));
                at_word += len;
                continue;
            }
            let word = &words[at_word];
            at_word += 1;
            if meaningful && self.lexicon.is_stop(&word.text) {
                plan.used.push(word.text.clone());
                continue;
            }
            let mut alts = vec![Alt {
                stems: vec![self.word_stem(word)],
                weight: 1.0,
            }];
            if typing && at_word == words.len() && word.text.chars().count() >= 2 {
                self.complete(&word.text, &mut alts);
            }
            let known = alts[0].stems[0].is_some() || self.is_surface(&word.text);
            let mut shown = word.text.clone();
            if !known
                && alts.len() == 1
                && !crisis
                && (self.spanish || !spanish)
                && (self.spanish || !ordinary.contains(&word.text))
                && !self.lexicon.knows(word)
                && let Some(k) = self.closest(&word.text)
            {
                let fix = &self.surface[k];
                alts.push(Alt {
                    stems: vec![Some(fix.stem)],
                    weight: CORRECTED_WEIGHT,
                });
                shown = self.word(&fix.text).to_string();
                plan.close = true;
            }
            plan.used.push(shown);
            plan.groups.push(Group { alts });
        }
        plan
    }

    /// Adds the most frequent pack words that begin with `prefix` as meanings of lower weight.
    fn complete(&self, prefix: &str, alts: &mut Vec<Alt>) {
        let own = alts[0].stems[0];
        let mut more: Vec<&Surface> = self.surface[self.starting(prefix)]
            .iter()
            .filter(|s| Some(s.stem) != own)
            .collect();
        more.sort_by_key(|s| Reverse(s.freq));
        for s in more.into_iter().take(PREFIX_LIMIT) {
            alts.push(Alt {
                stems: vec![Some(s.stem)],
                weight: PREFIX_WEIGHT,
            });
        }
    }

    /// Answers a query: see [`super::SearchIndex::query`].
    pub(super) fn query(
        &self,
        catalog: &Catalog,
        query: &str,
        limit: usize,
        ordinary: &Ordinary,
    ) -> Results {
        let stems = Stems::default();
        let words = QWord::all(&stems, query, MAX_WORDS);
        let plan = self.plan(query, &words, ordinary, &stems);
        let mut scored = self.score(&plan.groups);
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let matched: Vec<u32> = (plan.groups.iter().flat_map(|g| &g.alts))
            .flat_map(|a| a.stems.iter().flatten().copied())
            .collect();
        let stem_texts: Vec<&str> = (matched.iter())
            .map(|&s| self.word(&self.stems[s as usize].text))
            .collect();
        let mut marker = Marker::new(&stems, self.spanish, &stem_texts);
        let mut hits = Vec::new();
        if plan.crisis {
            hits.push(self.help_hit(catalog));
        }
        let help_target = plan.crisis.then_some(self.help).flatten();
        for &(e, score) in &scored {
            if hits.len() >= limit.max(usize::from(plan.crisis)) {
                break;
            }
            if Some(self.entries[e].target) == help_target {
                continue;
            }
            #[allow(clippy::cast_possible_truncation)]
            let score = (score * 1000.0) as i64;
            hits.push(self.hit(catalog, e, score, &mut marker, &matched));
        }
        Results {
            hits,
            close: plan.close,
            used_query: if plan.close {
                plan.used.join(" ")
            } else {
                collapse(query)
            },
            crisis: plan.crisis,
        }
    }

    fn help_hit(&self, c: &Catalog) -> Hit {
        let target = self.help.unwrap_or(Target::Topic {
            topic: 0,
            section: None,
        });
        Hit {
            target,
            kind: Kind::Help,
            title: c.ui.help_result.clone(),
            title_matches: Vec::new(),
            snippet: collapse(&c.meta.crisis),
            snippet_matches: Vec::new(),
            score: i64::MAX,
        }
    }

    /// Every unit any group matched, with its score: for each group, the unit's best meaning
    /// (BM25 over the meaning's stems, averaged, and scaled by the share of those stems the unit
    /// holds, squared, so a phrase counts for little when half of it is missing), summed over
    /// groups; then scaled by the share of groups the unit answers, and raised by up to
    /// [`TITLE_BOOST`] for the share of its own title the query covers.
    fn score(&self, groups: &[Group]) -> Vec<(usize, f32)> {
        let n = self.entries.len();
        let mut total = vec![0f32; n];
        let mut answered = vec![0u16; n];
        let mut best = vec![0f32; n];
        let mut alt_acc = vec![(0f32, 0u16); n];
        let mut touched: Vec<usize> = Vec::new();
        let mut alt_touched: Vec<usize> = Vec::new();
        let mut query_stems: Vec<u32> = Vec::new();
        for g in groups {
            for alt in &g.alts {
                #[allow(clippy::cast_precision_loss)]
                let parts = alt.stems.len().max(1) as f32;
                for &s in alt.stems.iter().flatten() {
                    query_stems.push(s);
                    let idf = self.idf(s);
                    let p = &self.stems[s as usize].postings;
                    for post in &self.postings[p.start as usize..p.end as usize] {
                        let e = post.entry as usize;
                        let norm = 1.0 - B + B * self.entries[e].len / self.avg_len;
                        let tf = f32::from(post.tf) / 2.0;
                        let c = idf * tf * (K1 + 1.0) / (tf + K1 * norm);
                        if alt_acc[e].1 == 0 {
                            alt_touched.push(e);
                        }
                        alt_acc[e].0 += alt.weight * c / parts;
                        alt_acc[e].1 += 1;
                    }
                }
                for e in alt_touched.drain(..) {
                    if best[e] == 0.0 {
                        touched.push(e);
                    }
                    let (sum, held) = std::mem::take(&mut alt_acc[e]);
                    let share = f32::from(held) / parts;
                    best[e] = best[e].max(sum * share * share);
                }
            }
            for &e in &touched {
                total[e] += std::mem::take(&mut best[e]);
                answered[e] += 1;
            }
            touched.clear();
        }
        query_stems.sort_unstable();
        query_stems.dedup();
        #[allow(clippy::cast_precision_loss)]
        let g = groups.len().max(1) as f32;
        (0..n)
            .filter(|&e| answered[e] > 0)
            .map(|e| {
                let r = &self.entries[e].title;
                let title = &self.title_stems[r.start as usize..r.end as usize];
                let covered = title
                    .iter()
                    .filter(|s| query_stems.binary_search(s).is_ok())
                    .count();
                #[allow(clippy::cast_precision_loss)]
                let cover = covered as f32 / title.len().max(1) as f32;
                (
                    e,
                    total[e] * f32::from(answered[e]) / g * (1.0 + TITLE_BOOST * cover),
                )
            })
            .collect()
    }

    fn hit(
        &self,
        c: &Catalog,
        e: usize,
        score: i64,
        marker: &mut Marker<'_>,
        matched: &[u32],
    ) -> Hit {
        let target = self.entries[e].target;
        let unit = Unit::of(c, target);
        let mut title_matches: Vec<usize> = Vec::new();
        for f in unit.fields.iter().filter(|f| f.class.in_title()) {
            title_matches.extend(marker.marks(&f.text).into_iter().map(|i| i + f.offset));
        }
        title_matches.sort_unstable();
        title_matches.dedup();
        let weight = |s: u32| self.idf(s);
        let (snippet, snippet_matches) = match marker.best_field(&unit.fields, matched, &weight) {
            Some(f) => {
                let text = if f.class == Class::Alias {
                    format!("{} · {}", f.text, unit.lead)
                } else {
                    f.text.clone()
                };
                let marks = marker.marks(&text);
                snippet::clip(&text, &marks)
            }
            None => (unit.lead.clone(), Vec::new()),
        };
        Hit {
            target,
            kind: target.kind(),
            title: unit.title,
            title_matches,
            snippet,
            snippet_matches,
            score,
        }
    }
}
