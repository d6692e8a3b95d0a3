//! Every label the app shows around the content (`ui.toml`).
//! Must not import `ratatui` or `crossterm`.

/// Number of entries on the home menu; `ui.home_hints` has one line for each, and a `ui.toml`
/// with another number is refused when it is read. The app's menu (`app::MENU`) is an array of
/// this length, so the two cannot disagree.
pub const HOME_ENTRIES: usize = 6;

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
    /// One-line description under each home menu entry, in menu order: exactly one per entry.
    pub home_hints: [String; HOME_ENTRIES],
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
