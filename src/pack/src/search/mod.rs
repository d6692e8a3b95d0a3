//! Search over every text of a [`Catalog`], in people's own words: the query is folded, cut into
//! words, stop words dropped and the rest stemmed ([`text`]); everyday words and brand names are
//! expanded through the pack's thesaurus and crisis phrasings put the help result first
//! ([`lexicon`]); units are ranked by BM25 over weighted fields ([`index`]); snippets come from the
//! best-matching sentence ([`snippet`]). Must not import `ratatui` or `crossterm`.

mod index;
pub mod lexicon;
mod snippet;
pub mod text;
mod unit;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::model::Catalog;
pub use lexicon::Ordinary;

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
    /// One cell of a comparison set: an item's value for one row.
    Cell {
        /// Index into [`Catalog::sets`].
        set: usize,
        /// Index into the set's items.
        item: usize,
        /// Index into the set's attributes (rows).
        attribute: usize,
    },
}

/// Which kind of thing a hit is (the UI labels it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// A comparison cell.
    Cell,
    /// The "Get help now" result a crisis phrasing puts first.
    Help,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// What the hit opens.
    pub target: Target,
    /// What kind of thing it is.
    pub kind: Kind,
    /// Topic title, "Topic › Section", question, term, "Name (Brand, Brand)" or "Name › Row".
    pub title: String,
    /// Character (not byte) indices into `title` of the matched characters, ascending.
    pub title_matches: Vec<usize>,
    /// At most 100 characters of the best-matching sentence, whitespace collapsed; may be empty.
    pub snippet: String,
    /// Character (not byte) indices into `snippet` of the matched characters, ascending.
    pub snippet_matches: Vec<usize>,
    /// Higher is better; only comparable within one query (the help result scores highest).
    pub score: i64,
}

/// The answer to one query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Results {
    /// Hits, best first, at most one per target (the help result first when `crisis`).
    pub hits: Vec<Hit>,
    /// True when a word was found in the guide under a corrected spelling.
    pub close: bool,
    /// The query as searched: the typed words, with corrected spellings in place when `close`.
    pub used_query: String,
    /// True when the query holds a crisis phrasing: the first hit is the help result.
    pub crisis: bool,
}

impl Kind {
    /// The label this kind of hit gets, from the pack's own words.
    #[must_use]
    pub fn label(self, ui: &crate::model::UiText) -> &str {
        match self {
            Kind::Topic => &ui.kind_topic,
            Kind::Section => &ui.kind_section,
            Kind::Question => &ui.kind_question,
            Kind::Term => &ui.kind_term,
            Kind::Item | Kind::Cell => &ui.kind_item,
            Kind::Help => &ui.kind_help,
        }
    }
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
            Target::Cell { .. } => Kind::Cell,
        }
    }
}

/// A prebuilt index over every searchable text of a catalog: built once, queried on every
/// keystroke.
///
/// The bundled pack's index is frozen into the binary by `src/build.rs` and thawed only when it is
/// needed (the guide starts that on a second thread as soon as search opens, see
/// [`SearchIndex::thaw_now`]): most visits never search.
/// (`PartialEq` is left to the app, which compares indexes by identity.)
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    data: OnceLock<index::Data>,
    /// What [`SearchIndex::freeze`] wrote, to be thawed into `data` on first use; empty when the
    /// index was built in this process.
    frozen: &'static [u8],
    /// Ordinary words that spelling help leaves alone.
    ordinary: Ordinary,
}

/// Two indexes are equal when they are the same index (see `Catalog`'s equality).
impl PartialEq for SearchIndex {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl SearchIndex {
    /// Indexes every topic, section, question, glossary term, comparison item and cell of
    /// `catalog`, with its thesaurus and crisis phrasings. Without [`SearchIndex::with_ordinary`],
    /// spelling help may correct any word the pack does not hold.
    #[must_use]
    pub fn build(catalog: &Catalog) -> SearchIndex {
        SearchIndex {
            data: OnceLock::from(index::Data::build(catalog)),
            frozen: &[],
            ordinary: Ordinary::default(),
        }
    }

    /// The same index, with the ordinary words spelling help must leave alone.
    #[must_use]
    pub fn with_ordinary(mut self, ordinary: Ordinary) -> SearchIndex {
        self.ordinary = ordinary;
        self
    }

    /// An index that thaws `bytes`, written by [`SearchIndex::freeze`], when first queried. The
    /// bytes are not checked until then: use it only for bytes the build wrote.
    #[must_use]
    pub fn frozen(bytes: &'static [u8]) -> SearchIndex {
        SearchIndex {
            data: OnceLock::new(),
            frozen: bytes,
            ordinary: Ordinary::default(),
        }
    }

    /// Serialises the index.
    ///
    /// # Errors
    /// Only if serialisation itself fails (it does not for these types).
    pub fn freeze(&self) -> Result<Vec<u8>, crate::squeeze::Why> {
        let bytes = postcard::to_allocvec(self.data()).map_err(crate::squeeze::Why::Decode)?;
        crate::squeeze::pack(&bytes)
    }

    /// Reads back what [`SearchIndex::freeze`] wrote, at once.
    ///
    /// # Errors
    /// If the bytes are not a frozen index.
    pub fn thaw(bytes: &[u8]) -> Result<SearchIndex, crate::squeeze::Damaged> {
        Ok(SearchIndex {
            data: OnceLock::from(index::Data::thaw(bytes)?),
            frozen: &[],
            ordinary: Ordinary::default(),
        })
    }

    /// Finds up to `limit` hits for `query` in `catalog`, which must be the catalog the index was
    /// built from (titles and snippets are made from it), best first (the help result first for a
    /// crisis phrasing). A query that ends without a space treats its last word as still being typed.
    ///
    /// # Panics
    /// If a frozen index given to [`SearchIndex::frozen`] is damaged, which the build makes
    /// impossible short of a miscompile.
    #[must_use]
    pub fn query(&self, catalog: &Catalog, query: &str, limit: usize) -> Results {
        // An empty box needs no index, so opening search never waits for a frozen one to thaw.
        if query.trim().is_empty() {
            return Results::default();
        }
        self.data().query(catalog, query, limit, &self.ordinary)
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
    #[must_use]
    pub fn is_ready(&self) -> bool {
        self.data.get().is_some()
    }

    fn data(&self) -> &index::Data {
        self.data.get_or_init(|| {
            if self.frozen.is_empty() {
                index::Data::default()
            } else {
                index::Data::thaw(self.frozen).unwrap_or_else(|e| panic!("{e}"))
            }
        })
    }
}

#[cfg(test)]
mod tests;
