//! The content model, a leaf every other part of the pack imports and which imports none of them:
//! serde types for every file under `assets/`, the [`Catalog`] a loaded pack becomes, id newtypes
//! (`ids.rs`), parsed Markdown (`doc.rs`), labels (`labels.rs`), comparison sets (`compare.rs`),
//! concerns (`matters.rs`), a pack's files and its problems (`error.rs`).
//! Must not import `ratatui` or `crossterm`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// Content version, review date and the lines shown on every screen (`meta.toml`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Version of the content pack, shown in Help/About.
    pub content_version: String,
    /// Date the pack as a whole was last reviewed (YYYY-MM-DD).
    pub reviewed: String,
    /// The app's name as shown in the title bar.
    pub title: String,
    /// One line saying what the guide offers.
    pub tagline: String,
    /// The one-line "education, not medical advice" notice.
    pub disclaimer: String,
    /// The crisis strip shown on every screen.
    pub crisis: String,
    /// Sources for the crisis strip.
    #[serde(default)]
    pub crisis_sources: Vec<SourceId>,
    /// The language of the pack's text: "en", or "es" for the Spanish twin (`es/meta.toml`).
    #[serde(default = "english")]
    pub lang: String,
}

fn english() -> String {
    "en".into()
}

/// One citable source (`sources.toml`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The id cited by content units.
    pub id: SourceId,
    /// Short citation a reader can scan, e.g. "Zoloft label, FDA".
    pub short: String,
    /// Full title.
    pub title: String,
    /// Journal, agency or publisher.
    pub publisher: String,
    /// Year of publication, where known.
    pub year: Option<u16>,
    /// Web address, where known.
    pub url: Option<String>,
    /// What sort of document it is; the validator holds papers and figures to rules by kind.
    pub kind: SourceKind,
    /// First author (papers) or the body that wrote it, where it is not the publisher.
    #[serde(default)]
    pub author: Option<String>,
    /// Digital object identifier of a paper, e.g. "10.1176/appi.ajp.163.1.28".
    #[serde(default)]
    pub doi: Option<String>,
    /// The day a price or a changing page was read (YYYY-MM-DD).
    #[serde(default)]
    pub seen: Option<String>,
}

/// The kind of a source (`kind` in `sources.toml`). An unknown kind is refused when a pack loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A drug's or device's official labelling: prescribing information, Medication Guide, `SmPC`.
    Label,
    /// A report of a randomised or controlled trial.
    Trial,
    /// An observational study, registry or cohort paper.
    Study,
    /// A systematic review, meta-analysis or narrative review.
    Review,
    /// A clinical guideline (NICE, APA and the like).
    Guideline,
    /// A regulator's own text: FDA notices, the Federal Register, clearance letters.
    Regulator,
    /// A national survey or official statistics (NSDUH, NCHS).
    Survey,
    /// A service's own pages (a crisis line, a safety framework).
    Service,
    /// A price list or coverage policy, read on the day in `seen`.
    Price,
    /// A book or book chapter.
    Book,
    /// News coverage: never the only source of a number a patient reads.
    News,
}

impl SourceKind {
    /// A paper: it needs an author and a DOI or web address.
    pub fn is_paper(self) -> bool {
        matches!(
            self,
            SourceKind::Trial | SourceKind::Study | SourceKind::Review
        )
    }
}

/// What helps search understand people's own words (`search.toml`): stop words, crisis phrasings
/// and a thesaurus from everyday words to the pack's words. A pack without the file searches its
/// words as written.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchWords {
    /// English words too common to search for ("the", "can").
    #[serde(default)]
    pub stop_words: Vec<String>,
    /// Spanish words too common to search for ("de", "que"); one in a query marks it as Spanish,
    /// which spelling help leaves alone (it would turn Spanish words into English look-alikes).
    #[serde(default)]
    pub stop_words_es: Vec<String>,
    /// The topic a crisis phrasing opens (the "Get help now" result).
    #[serde(default)]
    pub crisis_topic: Option<TopicId>,
    /// Phrasings that mean a person may be in danger ("hurt myself", "quiero morir"): any of them in
    /// a query puts the help result first.
    #[serde(default)]
    pub crisis: Vec<String>,
    /// Everyday words and phrases and the pack's words they mean.
    #[serde(default)]
    pub synonym: Vec<Synonym>,
}

/// One thesaurus entry: what people type, and the words of the pack it means.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Synonym {
    /// Words or phrases as people type them, in English or Spanish.
    pub typed: Vec<String>,
    /// Words or phrases the pack uses for the same thing; each must occur in the pack.
    pub means: Vec<String>,
}

/// A glossary entry (`glossary.toml`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The id links use (`glossary:ID`).
    pub id: TermId,
    /// The term as displayed.
    pub term: String,
    /// Other words a reader may search for.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// One or two plain sentences (Markdown).
    pub definition: String,
    /// Sources for the definition.
    #[serde(default)]
    pub sources: Vec<SourceId>,
    /// The definition parsed once at load.
    #[serde(skip)]
    pub doc: Doc,
}

/// A topic category (`categories.toml`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// The category id.
    pub id: CategoryId,
    /// The category title.
    pub title: String,
    /// A shorter title for the topic list, where the title is wider than it shows (see
    /// [`LIST_CATEGORY_MAX`]).
    #[serde(default)]
    pub list_title: Option<String>,
    /// Its topics in reading order.
    pub topics: Vec<TopicId>,
}

/// One section of a topic.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Unique within its topic; links use `topic:TOPIC#SECTION`.
    pub id: SectionId,
    /// The section heading.
    pub heading: String,
    /// A shorter heading for the topic list, where the heading is wider than it shows (see
    /// [`LIST_HEADING_MAX`]).
    #[serde(default)]
    pub list_heading: Option<String>,
    /// The body (Markdown).
    pub body: String,
    /// Sources for the body.
    #[serde(default)]
    pub sources: Vec<SourceId>,
    /// The body parsed once at load.
    #[serde(skip)]
    pub doc: Doc,
}

/// A topic (`topics/ID.toml`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// The topic id; equals the file name.
    pub id: TopicId,
    /// The topic title.
    pub title: String,
    /// A shorter title for the topic list, where the title is wider than it shows (see
    /// [`LIST_TITLE_MAX`]).
    #[serde(default)]
    pub list_title: Option<String>,
    /// The main message: one to three sentences (Markdown).
    pub summary: String,
    /// Sources for the main message.
    #[serde(default)]
    pub summary_sources: Vec<SourceId>,
    /// Date last reviewed (YYYY-MM-DD).
    pub reviewed: String,
    /// The sections in reading order.
    #[serde(rename = "section", default)]
    pub sections: Vec<Section>,
    /// The summary parsed once at load.
    #[serde(skip)]
    pub summary_doc: Doc,
    /// Index of the category this topic belongs to (filled at load).
    #[serde(skip)]
    pub category: usize,
}

/// The widest category title the topic list shows whole at 80x24; a longer one needs a
/// `list_title`.
pub const LIST_CATEGORY_MAX: usize = 30;

impl Category {
    /// The words the topic list shows for this category.
    #[must_use]
    pub fn list_title(&self) -> &str {
        self.list_title.as_deref().unwrap_or(&self.title)
    }
}

/// The widest topic title the topic list shows whole at 80x24 (its box, the marker and a column
/// to spare); a longer title needs a `list_title`.
pub const LIST_TITLE_MAX: usize = 28;

/// The widest section heading the topic list shows whole at 80x24 (indented under its topic); a
/// longer heading needs a `list_heading`.
pub const LIST_HEADING_MAX: usize = 26;

impl Section {
    /// The words the topic list shows for this section.
    #[must_use]
    pub fn list_heading(&self) -> &str {
        self.list_heading.as_deref().unwrap_or(&self.heading)
    }
}

impl Topic {
    /// The words the topic list shows for this topic.
    #[must_use]
    pub fn list_title(&self) -> &str {
        self.list_title.as_deref().unwrap_or(&self.title)
    }

    /// Every source the topic cites, in first-cited order, without repeats.
    #[must_use]
    pub fn all_sources(&self) -> Vec<&SourceId> {
        let mut out: Vec<&SourceId> = Vec::new();
        let cited = self
            .summary_sources
            .iter()
            .chain(self.sections.iter().flat_map(|s| &s.sources));
        for id in cited {
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }
}

/// A node of the questions tree.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// The node id.
    pub id: NodeId,
    /// The question.
    pub question: String,
    /// The plain answer (Markdown).
    pub answer: String,
    /// Sources for the answer.
    #[serde(default)]
    pub sources: Vec<SourceId>,
    /// Follow-up questions, in order.
    #[serde(default)]
    pub follow: Vec<NodeId>,
    /// Topics that say more.
    #[serde(default)]
    pub more: Vec<TopicId>,
    /// Other ways people ask this question: searched, never shown.
    #[serde(default)]
    pub asked_as: Vec<String>,
    /// The answer parsed once at load.
    #[serde(skip)]
    pub doc: Doc,
}

/// The questions tree (`faq.toml`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Faq {
    /// The root node id.
    pub root: NodeId,
    /// Every node.
    #[serde(rename = "node", default)]
    pub nodes: Vec<Node>,
}

/// The whole content pack, loaded and validated; the app and the CLI borrow it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Catalog {
    /// Version, review date, disclaimer and crisis text.
    pub meta: Meta,
    /// Labels around the content.
    pub ui: UiText,
    /// Every source.
    pub sources: Vec<Source>,
    /// Glossary terms in file order.
    pub glossary: Vec<Term>,
    /// Categories in display order.
    pub categories: Vec<Category>,
    /// Topics in reading order (category by category).
    pub topics: Vec<Topic>,
    /// Comparison sets in file-name order.
    pub sets: Vec<CompareSet>,
    /// The questions tree.
    pub faq: Faq,
    /// Search's stop words, crisis phrasings and thesaurus.
    pub search: SearchWords,
    /// Concerns and ready questions for the appointment (`matters.toml`).
    pub matters: Matters,
    pub(crate) index: Index,
}

/// Positions of the catalog's items by id (see [`Catalog::indexed`]).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Index {
    topics: HashMap<String, usize>,
    terms: HashMap<String, usize>,
    sources: HashMap<String, usize>,
    nodes: HashMap<String, usize>,
    sets: HashMap<String, usize>,
}

/// Two catalogs are equal when they are the same pack (the app's state compares by identity: a
/// pack is read once and never changed, and comparing every text would cost a frame).
impl PartialEq for Catalog {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Catalog {
    /// A catalog with only the version, crisis line and labels, and no content: enough to draw the
    /// home and welcome screens while the rest of the pack loads.
    #[must_use]
    pub fn head(meta: Meta, ui: UiText) -> Catalog {
        Catalog {
            meta,
            ui,
            sources: Vec::new(),
            glossary: Vec::new(),
            categories: Vec::new(),
            topics: Vec::new(),
            sets: Vec::new(),
            faq: Faq {
                root: NodeId(String::new()),
                nodes: Vec::new(),
            },
            search: SearchWords::default(),
            matters: Matters::default(),
            index: Index::default(),
        }
    }

    /// The same catalog with its items indexed by id (every list is final).
    #[must_use]
    pub(crate) fn indexed(mut self) -> Catalog {
        fn by_id<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
            ids.enumerate().map(|(i, id)| (id.to_string(), i)).collect()
        }
        self.index = Index {
            topics: by_id(self.topics.iter().map(|t| t.id.as_str())),
            terms: by_id(self.glossary.iter().map(|t| t.id.as_str())),
            sources: by_id(self.sources.iter().map(|s| s.id.as_str())),
            nodes: by_id(self.faq.nodes.iter().map(|n| n.id.as_str())),
            sets: by_id(self.sets.iter().map(|s| s.id.as_str())),
        };
        self
    }

    /// The index of a topic by id.
    #[must_use]
    pub fn topic_index(&self, id: &str) -> Option<usize> {
        self.index.topics.get(id).copied()
    }
    /// The index of a glossary term by id.
    #[must_use]
    pub fn term_index(&self, id: &str) -> Option<usize> {
        self.index.terms.get(id).copied()
    }
    /// A source by id.
    #[must_use]
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.index
            .sources
            .get(id.as_str())
            .map(|&i| &self.sources[i])
    }
    /// The index of an FAQ node by id.
    #[must_use]
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.index.nodes.get(id).copied()
    }
    /// The index of a comparison set by id.
    #[must_use]
    pub fn set_index(&self, id: &str) -> Option<usize> {
        self.index.sets.get(id).copied()
    }
}

/// One content file: its path relative to the pack root and its text.
#[derive(Debug, Clone)]
pub struct PackFile {
    /// Path relative to the pack root, with `/` separators.
    pub path: String,
    /// The file's text.
    pub text: String,
}

mod compare;
mod doc;
mod error;
mod ids;
mod labels;
mod matters;

pub use compare::{Attribute, Cell, CompareSet, Group, Item, MAX_LEVEL_CHARS};
pub use doc::{Block, BlockKind, Doc, LinkTarget, Span};
pub use error::{ContentError, line_col};
pub use ids::{
    AttrId, CategoryId, ConcernId, GroupId, ItemId, NodeId, ReadyId, SectionId, SetId, SourceId,
    TermId, TopicId,
};
pub use labels::{HOME_ENTRIES, UiText};
pub use matters::{Concern, Cover, MATTERS, Matters, ReadyQuestion};
