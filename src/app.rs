//! The app's state and the one place it changes: `update(&mut App, Action) -> Control`. No I/O, no
//! clock: keys, clicks, resizes and ticks arrive as [`Action`]s. Must not import `ratatui` or
//! `crossterm`. Per-screen state lives in the `app/` submodules.

pub mod compare;
pub mod effect;
pub mod laid;
pub mod languages;
pub mod mylist;
pub mod nav;
pub mod overlay;
pub mod questions;
pub mod saved;
pub mod search;
pub mod summary_screen;
pub mod table;
pub mod topics;
mod update;

pub use crate::action::{Action, Layer, Pane, Screen};
pub use compare::{CompareFocus, CompareState};
pub use effect::{Effect, Failure, Outcome};
pub use mylist::ListState;
pub use nav::Go;
pub use questions::QuestionsState;
pub use search::SearchState;
pub use topics::{Focus, TopicsState, TreeRow, tree_rows};
pub use update::update;

use crate::content::Catalog;
use crate::layout::{self, Chrome, Mode};
use crate::search::SearchIndex;

/// A popup over the current screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Keys and about.
    Help {
        /// Lines scrolled.
        scroll: usize,
    },
    /// A glossary entry.
    Glossary {
        /// The term's index.
        term: usize,
        /// Lines scrolled.
        scroll: usize,
        /// The link of the definition that has the focus (Tab), if any.
        link: Option<usize>,
    },
    /// One comparison cell in full, with its sources.
    Cell {
        /// The value row (index among attribute rows).
        row: usize,
        /// The column.
        col: usize,
        /// Lines scrolled.
        scroll: usize,
    },
}

impl Overlay {
    /// Lines the popup is scrolled.
    #[must_use]
    pub fn scroll(self) -> usize {
        match self {
            Overlay::Help { scroll }
            | Overlay::Glossary { scroll, .. }
            | Overlay::Cell { scroll, .. } => scroll,
        }
    }

    /// The same popup scrolled to the top: what it shows, without where.
    #[must_use]
    pub fn unscrolled(self) -> Overlay {
        match self {
            Overlay::Help { .. } => Overlay::Help { scroll: 0 },
            Overlay::Glossary { term, .. } => Overlay::Glossary {
                term,
                scroll: 0,
                link: None,
            },
            Overlay::Cell { row, col, .. } => Overlay::Cell {
                row,
                col,
                scroll: 0,
            },
        }
    }
}

/// What the event loop should do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Control {
    /// Keep running.
    Continue,
    /// Leave.
    Quit,
    /// Show this language: the loop reads its pack, lets the one shown go, and moves the visit
    /// over ([`App::rebind`], then [`App::show_language`]). Asked only when the languages are
    /// held one at a time ([`languages::Languages::one_at_a_time`]).
    Language(crate::bundle::Lang),
    /// Carry out this effect (the app does no I/O), then hand its outcome back as
    /// [`Action::Done`].
    Effect(Effect),
}

/// A place the user can go back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The home menu.
    Home,
    /// A topic at a scroll position.
    Topic {
        /// The topic.
        topic: usize,
        /// Lines scrolled.
        scroll: usize,
    },
    /// The topic list with nothing open.
    TopicList {
        /// The selected row.
        row: usize,
    },
    /// A comparison set, with the cursor where it was.
    Compare {
        /// The set.
        set: usize,
        /// Where the cursor was: value row, column, and whether it was on the controls.
        cursor: (usize, usize, CompareFocus),
    },
    /// My list.
    MyList,
    /// The summary.
    Summary,
    /// A question, with the choice and scroll it had.
    Question {
        /// The node.
        node: usize,
        /// The selected choice.
        choice: usize,
        /// Lines of the answer scrolled.
        scroll: usize,
    },
}

/// How many places Back remembers; older ones are dropped so long sessions stay small.
pub const MAX_HISTORY: usize = 64;

/// Entries of the home menu, in order.
pub const MENU: [MenuEntry; crate::content::HOME_ENTRIES] = [
    MenuEntry::Topics,
    MenuEntry::Compare,
    MenuEntry::Questions,
    MenuEntry::Search,
    MenuEntry::MyList,
    MenuEntry::Help,
];

/// A home menu entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuEntry {
    /// The topic browser.
    Topics,
    /// The comparison tables.
    Compare,
    /// The questions tree.
    Questions,
    /// Search.
    Search,
    /// My list and the summary.
    MyList,
    /// Help.
    Help,
}

/// The whole state of one session with the guide.
#[derive(Debug, Clone, PartialEq)]
pub struct App<'c> {
    /// The content.
    pub catalog: &'c Catalog,
    /// The search index over it.
    pub index: &'c SearchIndex,
    /// The language shown.
    pub lang: crate::bundle::Lang,
    /// Both languages, when the guide has two (a switch swaps `catalog` and `index`).
    pub languages: Option<&'c languages::Languages>,
    /// The screen shown.
    pub screen: Screen,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// The selected home menu entry.
    pub menu: usize,
    /// Topic browser state.
    pub topics: TopicsState,
    /// Compare screen state.
    pub compare: CompareState,
    /// Questions screen state.
    pub questions: QuestionsState,
    /// The search overlay, when open.
    pub search: Option<SearchState>,
    /// A popup, when open.
    pub overlay: Option<Overlay>,
    /// Where Back goes, most recent last.
    pub history: Vec<Place>,
    /// Desk or kiosk.
    pub mode: Mode,
    /// Kiosk: the clinic's name for the welcome screen.
    pub clinic: Option<&'c str>,
    /// What the reader marked and asked during this visit (a new visit starts with none).
    pub picks: crate::summary::Picks,
    /// My list and summary screen state.
    pub list: ListState,
    /// Kiosk: search is not offered (its config says `search = false`: no way to type).
    pub search_off: bool,
    /// A print command is configured (the event loop holds it): the summary offers Print.
    pub can_print: bool,
    /// Kiosk: seconds left before the guide starts over, while "still reading?" is shown.
    pub idle_warning: Option<u16>,
    /// What the current screen shows, laid out by `update` (drawing only reads it).
    pub laid: laid::Laid<'c>,
    /// At home: the last place read and the bookmarks, kept from one session to the next.
    pub saved: saved::Saved,
    /// A message for the footer after the last action (a bookmark made or taken off).
    pub notice: Option<saved::Notice>,
}

/// Comparison cells as wrapped lines, `[row][column][line]`.
pub type WrappedCells = Vec<Vec<Vec<String>>>;

impl<'c> App<'c> {
    /// A fresh session on the home screen.
    #[must_use]
    pub fn new(catalog: &'c Catalog, index: &'c SearchIndex, size: (u16, u16)) -> Self {
        Self {
            catalog,
            index,
            lang: crate::bundle::Lang::parse(&catalog.meta.lang).unwrap_or_default(),
            languages: None,
            screen: Screen::Home,
            size,
            menu: 0,
            topics: TopicsState::new(catalog),
            compare: CompareState::new(catalog),
            questions: QuestionsState::new(catalog),
            search: None,
            overlay: None,
            history: Vec::new(),
            mode: Mode::Normal,
            clinic: None,
            search_off: false,
            can_print: false,
            picks: crate::summary::Picks::default(),
            list: ListState::default(),
            idle_warning: None,
            laid: laid::Laid::default(),
            saved: saved::Saved::default(),
            notice: None,
        }
        .settled()
    }

    /// The same app with what its screen shows laid out.
    #[must_use]
    fn settled(mut self) -> Self {
        self.settle();
        self
    }

    /// The same app, able to switch to the other language of `languages` (whose start language
    /// must be the one shown).
    #[must_use]
    pub fn with_languages(mut self, languages: &'c languages::Languages) -> Self {
        self.languages = Some(languages);
        self
    }

    /// Shows the other language in place: same screen, topic, section, question, comparison and
    /// choices, search query (searched again) and scroll, since the two packs have the same ids in
    /// the same order. Nothing happens when the guide has one language.
    pub fn switch_language(&mut self) {
        let Some(langs) = self.languages.filter(|l| l.switch) else {
            return;
        };
        let to = self.lang.other();
        if let Some((catalog, index)) = langs.get(to) {
            self.show_language(to, catalog, index);
        }
    }

    /// Shows `catalog` (the pack of `lang`) in place of the one shown, keeping the place.
    pub fn show_language(
        &mut self,
        lang: crate::bundle::Lang,
        catalog: &'c Catalog,
        index: &'c SearchIndex,
    ) {
        self.catalog = catalog;
        self.index = index;
        self.lang = lang;
        // Laid-out pages and tables are of the other language's text.
        self.laid = laid::Laid::default();
        if let Some(s) = self.search.as_mut() {
            s.results = index.query(catalog, &s.query, search::RESULT_LIMIT);
            s.selected = s.selected.min(s.results.hits.len().saturating_sub(1));
        }
        topics::clamp(self);
        self.settle();
    }

    /// The same visit over another pack: every choice, place and pick kept, nothing laid out
    /// (the next [`App::show_language`] or [`App::settle`] lays it out again). The loop moves a
    /// visit onto a placeholder with this while it lets one language's pack go and reads the
    /// other's, so only one pack is in memory.
    #[must_use]
    pub fn rebind<'d>(
        self,
        catalog: &'d Catalog,
        index: &'d SearchIndex,
        languages: Option<&'d languages::Languages>,
        clinic: Option<&'d str>,
    ) -> App<'d> {
        // Every field named, so a new one cannot be forgotten here.
        let App {
            catalog: _,
            index: _,
            lang,
            languages: _,
            screen,
            size,
            menu,
            topics,
            compare,
            questions,
            search,
            overlay,
            history,
            mode,
            clinic: _,
            picks,
            list,
            search_off,
            idle_warning,
            laid: _,
            saved,
            notice,
            can_print,
        } = self;
        App {
            catalog,
            index,
            lang,
            languages,
            screen,
            size,
            menu,
            topics,
            compare,
            questions,
            search,
            overlay,
            history,
            mode,
            clinic,
            picks,
            list,
            search_off,
            idle_warning,
            laid: laid::Laid::default(),
            saved,
            notice,
            can_print,
        }
    }

    /// A fresh kiosk visit: the welcome screen, nothing remembered.
    pub fn kiosk(
        catalog: &'c Catalog,
        index: &'c SearchIndex,
        size: (u16, u16),
        clinic: Option<&'c str>,
    ) -> Self {
        Self {
            screen: Screen::Welcome,
            mode: Mode::Kiosk,
            clinic,
            ..Self::new(catalog, index, size)
        }
        .settled()
    }

    /// The fixed screen parts for the current size.
    #[must_use]
    pub fn chrome(&self) -> Chrome {
        let (w, h) = self.size;
        // The lines the crisis strip draws (`ui::draw_crisis` wraps it the same way).
        let lines = crate::wrap::wrap_plain(&self.catalog.meta.crisis, usize::from(w)).len();
        let footer = self
            .footer_sentence()
            .map_or(1, |text| footer_lines(text, w).len());
        let rows = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        let chrome = layout::chrome(w, h, rows(lines), rows(footer), self.mode);
        if self.code_shown() {
            chrome.without_title()
        } else {
            chrome
        }
    }

    /// Whether the summary is showing its QR code: the title bar then gives its rows to the code
    /// (the summary's own bar offers Back), so a code can be a size larger; the footer and the
    /// crisis line stay.
    #[must_use]
    pub fn code_shown(&self) -> bool {
        self.screen == Screen::Summary && !self.list.as_text && self.list.save.is_none()
    }

    /// The kiosk's footer: a sentence saying what to touch, instead of key hints.
    #[must_use]
    pub fn footer_sentence(&self) -> Option<&str> {
        (self.mode == layout::Mode::Kiosk).then(|| {
            if self.screen == Screen::Welcome {
                self.catalog.ui.welcome_start.as_str()
            } else {
                self.catalog.ui.kiosk_footer.as_str()
            }
        })
    }

    /// The layer that receives keys now.
    #[must_use]
    pub fn layer(&self) -> crate::keymap::Layer {
        use crate::keymap::Layer;
        if self.search.is_some() {
            return Layer::Search;
        }
        if self.overlay.is_some() {
            return Layer::Popup;
        }
        self.screen_layer()
    }

    /// The layer of the current screen, ignoring overlays (help lists its keys).
    #[must_use]
    pub fn screen_layer(&self) -> crate::keymap::Layer {
        use crate::keymap::Layer;
        match self.screen {
            Screen::Home => Layer::Home,
            Screen::Welcome => Layer::Welcome,
            Screen::Topics => match self.topics.focus {
                Focus::List => Layer::TopicList,
                Focus::Reader => Layer::Reader,
            },
            Screen::Compare => match self.compare.focus {
                CompareFocus::Picker => Layer::ComparePicker,
                CompareFocus::Table => Layer::CompareTable,
            },
            Screen::Questions => Layer::Questions,
            Screen::MyList => Layer::MyList,
            Screen::Summary if self.list.save.is_some() => Layer::SaveField,
            Screen::Summary if self.list.bar.is_some() => Layer::SummaryBar,
            Screen::Summary => Layer::Summary,
        }
    }

    /// Whether `action` does something here, so the footer and help offer its key: a kiosk
    /// never quits or saves, its search may be off, Print needs a print command, and the
    /// summary's ←/→ only step through several codes.
    #[must_use]
    pub fn offers(&self, action: &Action) -> bool {
        let kiosk = self.mode == Mode::Kiosk;
        match action {
            Action::Quit | Action::Save => !kiosk,
            Action::OpenSearch => !self.search_off,
            Action::Print => self.can_print,
            Action::Bookmark => self.saved.on,
            Action::Left | Action::Right
                if self.screen_layer() == crate::keymap::Layer::Summary =>
            {
                !self.list.as_text && summary_screen::summary_view(self).parts.len() > 1
            }
            _ => true,
        }
    }
}

/// A footer sentence as the lines it takes at `width` columns, after a one-column margin
/// (`ui::draw_footer` draws these, and [`App::chrome`] gives the footer as many rows, up to two).
#[must_use]
pub fn footer_lines(text: &str, width: u16) -> Vec<String> {
    crate::wrap::wrap_plain(text, usize::from(width.saturating_sub(1)))
}
