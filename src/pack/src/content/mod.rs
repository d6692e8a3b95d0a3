//! The content model: serde types for every file under `assets/`, id newtypes, and loading a pack
//! (the embedded one or a directory) into a validated [`Catalog`]: the model here, reading a pack
//! in `load.rs`.
//! Must not import `ratatui` or `crossterm`.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::markup::Doc;

/// Defines a string id newtype that deserialises from a plain TOML string.
macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(
            Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as written in the content files.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

id_type! {
    /// Identifies a topic; equals its file name without `.toml`.
    TopicId;
    /// Identifies a section inside one topic.
    SectionId;
    /// Identifies a glossary term.
    TermId;
    /// Identifies a source (citation) in `sources.toml`.
    SourceId;
    /// Identifies a topic category.
    CategoryId;
    /// Identifies a node of the questions tree.
    NodeId;
    /// Identifies a comparison set (one file under `compare/`).
    SetId;
    /// Identifies an item (a column) of a comparison set.
    ItemId;
    /// Identifies an attribute (a row) of a comparison set.
    AttrId;
    /// Identifies a row group of a comparison set.
    GroupId;
    /// Identifies a concern a reader can mark as mattering to them (`matters.toml`).
    ConcernId;
    /// Identifies a ready question for the prescriber (`matters.toml`).
    ReadyId;
}

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

// The field list below is read by `ui_text!` (`uitext.rs`), which derives the struct and the code
// that reads it from TOML; written as a plain struct so it reads (and merges) as one.
ui_text! {
/// Every label the app shows around the content (`ui.toml`), so a pack can reword or translate it.
pub struct UiText {
    /// Home menu entry and screen title for the topic browser.
    pub topics: String,
    /// Home menu entry and screen title for the comparison tables.
    pub compare: String,
    /// Home menu entry and screen title for the questions tree.
    pub questions: String,
    /// Home menu entry and overlay title for search.
    pub search: String,
    /// Home menu entry and screen title for help.
    pub help: String,
    /// Title of the home screen.
    pub home: String,
    /// One-line description under each home menu entry, in menu order.
    pub home_hints: Vec<String>,
    /// Heading before a topic's sources.
    pub sources: String,
    /// Label before a topic's review date.
    pub last_reviewed: String,
    /// Heading before the follow-up questions of an FAQ node.
    pub follow_ups: String,
    /// Heading before the topics an FAQ answer points to.
    pub read_more: String,
    /// Text of a comparison cell with no reviewed value.
    pub no_value: String,
    /// The sign on a pane that has more below what it shows.
    pub more_below: String,
    /// The sign on a pane that has more above what it shows.
    pub more_above: String,
    /// Label of the option that highlights rows where items differ.
    pub differences: String,
    /// Heading of the item picker on the compare screen.
    pub choose_items: String,
    /// Note shown when fewer than two items would remain chosen.
    pub need_two: String,
    /// Prompt shown in an empty search box.
    pub search_prompt: String,
    /// Shown when search finds nothing.
    pub no_results: String,
    /// Shown above results when a word was found under a corrected spelling; `{query}` is replaced
    /// by the words searched.
    pub close_matches: String,
    /// Title of the result a crisis phrasing puts first (its text is the crisis line).
    pub help_result: String,
    /// Label of that result's kind.
    pub kind_help: String,
    /// Shown when the terminal is too small to draw the guide.
    pub too_small: String,
    /// Heading of the key list in help.
    pub keys: String,
    /// Label before the content version in help.
    pub content_version: String,
    /// Title of the glossary popup.
    pub glossary: String,
    /// Label for a topic result in search.
    pub kind_topic: String,
    /// Label for a section result in search.
    pub kind_section: String,
    /// Label for a question result in search.
    pub kind_question: String,
    /// Label for a glossary result in search.
    pub kind_term: String,
    /// Label for a comparison item result in search.
    pub kind_item: String,
    /// Title of the popup showing one comparison cell in full.
    pub cell_detail: String,
    /// Added to the label of a staff-only comparison row (`compare --staff`).
    pub staff_row: String,
    /// Label of the question path (breadcrumb) on the questions screen.
    pub path: String,
    /// The title-bar button that goes back (touch screens have no Esc key).
    pub back: String,
    /// The title-bar button that shows the guide in the other language, named in that language
    /// ("Español" in the English guide, "English" in the Spanish one).
    pub other_language: String,
    /// Line mode: the prompt after every screen (numbers, words to search, b, h, ?, q).
    pub line_prompt: String,
    /// Line mode: what `?` shows.
    pub line_help: String,
    /// Line mode: a number with no choice behind it; `{number}` is replaced by what was typed.
    pub line_no_choice: String,
    /// What the footer and help say a key does, in this pack's language: the key table's English
    /// words ("scroll", "next link") to this language's; a word not listed is shown as it is.
    pub key_help: std::collections::BTreeMap<String, String>,
    /// Kiosk welcome screen: how to start.
    pub welcome_start: String,
    /// Kiosk footer: what to touch.
    pub kiosk_footer: String,
    /// Kiosk: the question asked after a while with no input.
    pub still_reading: String,
    /// Title of the "still reading?" popup.
    pub still_there: String,
    /// Under a topic's main message in the reading pane before the topic is opened.
    pub preview_hint: String,
    /// Kiosk: the countdown line; `{seconds}` is replaced by the seconds left.
    pub starting_over: String,
    /// Title-bar button, home entry and screen title of the reader's list (`{n}`: questions).
    pub my_list: String,
    /// The row of My list that adds what the reader came from (`{what}`: its title).
    pub list_add: String,
    /// The row of My list that opens the summary.
    pub list_show: String,
    /// My list before any question is added.
    pub list_no_questions: String,
    /// Above the QR code: what to do with it.
    pub summary_scan: String,
    /// The button that shows the summary as text.
    pub summary_as_text: String,
    /// The button that shows the summary as a QR code.
    pub summary_as_code: String,
    /// Take-away summary: its title.
    pub summary_title: String,
    /// Take-away summary: the heading of the concerns the reader marked.
    pub summary_matters: String,
    /// Take-away summary: the heading of the reader's questions.
    pub summary_questions: String,
    /// Take-away summary: the heading of what the reader read.
    pub summary_read: String,
    /// Take-away summary: a question about something in the guide; `{what}` is replaced by its
    /// title ("Ask about: {what}").
    pub summary_ask: String,
    /// Take-away summary: the line saying the choice is made with the prescriber.
    pub summary_choice: String,
    /// Take-away summary: shown when nothing has been chosen yet.
    pub summary_empty: String,
    /// Take-away summary: the first line of each of several QR codes; `{n}` and `{total}` are
    /// replaced by the code's number and how many there are ("{n} of {total}").
    pub summary_part: String,
    /// At home: the Home row back to the last place read (`{what}`: its title).
    pub continue_reading: String,
    /// At home: a bookmark's row on Home (`{what}`: the topic or question).
    pub bookmark_entry: String,
    /// At home: the footer after a bookmark is made (`{what}`: what was bookmarked).
    pub bookmark_added: String,
    /// At home: the footer after a bookmark is taken off (`{what}`: what it pointed at).
    pub bookmark_removed: String,
    /// Summary: the button that sends it to the clinic's or reader's print command.
    pub summary_print: String,
    /// Summary: the button that saves it to a file (at home).
    pub summary_save: String,
    /// Summary: shown while the print command has it.
    pub summary_printing: String,
    /// Summary: the print command took it.
    pub summary_printed: String,
    /// Summary at home: printing did not work; `{reason}` is replaced by why.
    pub summary_print_failed: String,
    /// Summary in a kiosk: printing did not work (the visitor is sent to the front desk).
    pub summary_print_desk: String,
    /// Summary: above the save field, what to type.
    pub summary_save_where: String,
    /// Summary: shown while the file is written; `{path}` is replaced by its name.
    pub summary_saving: String,
    /// Summary: the file was written; `{path}` is replaced by its name.
    pub summary_saved: String,
    /// Summary: saving did not work; `{reason}` is replaced by why.
    pub summary_save_failed: String,
}
}

impl UiText {
    /// What a key does, in this pack's language (see [`UiText::key_help`]).
    #[must_use]
    pub fn key_help<'a>(&'a self, english: &'a str) -> &'a str {
        self.key_help.get(english).map_or(english, String::as_str)
    }
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

/// A column of a comparison table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The item id.
    pub id: ItemId,
    /// Generic or plain name.
    pub name: String,
    /// Brand names, if any.
    #[serde(default)]
    pub brands: Vec<String>,
    /// The topic that says more.
    pub topic: Option<TopicId>,
}

/// A group of rows, named by the concern a patient has.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// The group id.
    pub id: GroupId,
    /// The concern, as a heading.
    pub title: String,
}

/// A row of a comparison table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Attribute {
    /// The attribute id.
    pub id: AttrId,
    /// The group it belongs to.
    pub group: GroupId,
    /// The row label.
    pub label: String,
    /// A row for staff only (doses): the command line shows it with `--staff`, the guide never.
    #[serde(default)]
    pub staff: bool,
    /// The row's scale, in order ("lower", "similar", "higher"): when given, every cell's `level`
    /// must be one of these words. Empty: each cell's level is a free short value.
    #[serde(default)]
    pub levels: Vec<String>,
    /// False for a row whose cells have no short value that could be compared: its cells carry no
    /// `level`, and the row counts as differing unless their texts are the same word for word.
    #[serde(default = "comparable")]
    pub comparable: bool,
}

fn comparable() -> bool {
    true
}

/// The most characters a cell's `level` (and a step of a scale) may have: a level is a value to
/// compare at a glance, not a sentence.
pub const MAX_LEVEL_CHARS: usize = 24;

impl Attribute {
    /// Where `level` stands on this row's scale (0 = first), or `None` when the row has no scale
    /// or the level is not on it.
    #[must_use]
    pub fn position(&self, level: &str) -> Option<usize> {
        self.levels.iter().position(|l| l == level)
    }
}

/// One reviewed value: an item's value for an attribute.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    /// The item (column).
    pub item: ItemId,
    /// The attribute (row).
    pub attribute: AttrId,
    /// The value in plain words.
    pub text: String,
    /// The value in a few words ("similar", "about 4 weeks", "tablets, liquid"): what the table
    /// compares, so two cells with the same level say the same thing in substance. `None` only in
    /// a staff row or a row marked `comparable = false`.
    #[serde(default)]
    pub level: Option<String>,
    /// Sources for the value.
    #[serde(default)]
    pub sources: Vec<SourceId>,
}

impl Cell {
    /// What the table compares: the level, or the text word for word when the cell has none.
    #[must_use]
    pub fn compared(&self) -> &str {
        self.level.as_deref().unwrap_or(&self.text)
    }
}

/// A comparison set (`compare/ID.toml`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CompareSet {
    /// The set id.
    pub id: SetId,
    /// The set title shown on its tab.
    pub title: String,
    /// One line shown above the table.
    pub intro: String,
    /// The items (columns).
    #[serde(rename = "item", default)]
    pub items: Vec<Item>,
    /// The row groups in display order.
    #[serde(rename = "group", default)]
    pub groups: Vec<Group>,
    /// The attributes (rows).
    #[serde(rename = "attribute", default)]
    pub attributes: Vec<Attribute>,
    /// The reviewed values.
    #[serde(rename = "cell", default)]
    pub cells: Vec<Cell>,
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

/// What a reader can bring to the appointment (`matters.toml`, optional): the concerns they can
/// mark as mattering most, each covering rows of the comparison tables, and ready questions for
/// the prescriber. A pack without the file offers none.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Matters {
    /// One or two plain sentences above the concerns ("Mark the few that matter most").
    #[serde(default)]
    pub intro: String,
    /// The concerns, in the order they are offered.
    #[serde(rename = "concern", default)]
    pub concerns: Vec<Concern>,
    /// Ready questions a reader can tick, in the order they are offered.
    #[serde(rename = "question", default)]
    pub questions: Vec<ReadyQuestion>,
}

/// A concern a reader may mark ("how fast it works", "sexual side effects").
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Concern {
    /// The concern id (`moodguide summary --matters ID`).
    pub id: ConcernId,
    /// The concern in plain words, as the reader marks it and the summary lists it.
    pub label: String,
    /// The comparison rows it is about.
    #[serde(default)]
    pub covers: Vec<Cover>,
}

/// The rows of one comparison set a concern is about: a group, or some rows of it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// The comparison set.
    pub set: SetId,
    /// The row group in that set.
    pub group: GroupId,
    /// Only these rows of the group; the whole group when empty.
    #[serde(default)]
    pub rows: Vec<AttrId>,
}

/// A question a reader can tick to bring to the prescriber.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReadyQuestion {
    /// The question id (`moodguide summary --questions ready:ID`).
    pub id: ReadyId,
    /// The question, as the reader will ask it.
    pub text: String,
    /// The concern it belongs with, if any (offered beside that concern).
    #[serde(default)]
    pub concern: Option<ConcernId>,
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
    index: Index,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Index {
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

mod load;

pub use load::{
    ContentError, MATTERS, MAX_FILE_BYTES, PackFile, check_dir, dir_files, line_col, load,
    load_dir, load_dir_lang, load_lang, read_dir,
};
