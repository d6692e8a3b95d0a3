//! The moves a screen can ask for ([`Nav`]), where links, search hits and bookmarks lead
//! ([`Go`]), and the places Back returns to ([`Place`]). Screens return a `Nav` from their
//! `update`; `App::navigate` (`navigate.rs`) makes it. Must not import `ratatui` or `crossterm`.

use super::compare::CompareFocus;
use super::effect::Effect;
use super::saved::Spot;
use super::{MenuEntry, Overlay, Screen};
use crate::content::Catalog;
use crate::markup::LinkTarget;
use crate::search::Target;

/// Where a link, a search hit, a bookmark or an answer's "read more" takes the reader. Every such
/// move but a glossary entry takes the same three steps (remember the place for Back, show the
/// screen, open the thing on it), in one place: `App::navigate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Go {
    /// A topic (index into the catalog's topics), at a section if one is given.
    Topic {
        /// The topic.
        topic: usize,
        /// The section, if any.
        section: Option<usize>,
    },
    /// A question of the questions tree.
    Question(usize),
    /// A comparison set.
    Set(usize),
    /// A comparison item, chosen in its set.
    Item {
        /// The set.
        set: usize,
        /// The item.
        item: usize,
    },
    /// One comparison cell, with the cursor on it.
    Cell {
        /// The set.
        set: usize,
        /// The item.
        item: usize,
        /// The row.
        attribute: usize,
    },
    /// A glossary entry, in a popup over the screen (nothing to remember for Back).
    Glossary(usize),
}

impl Go {
    /// Where a link leads, if its target is in `catalog`.
    #[must_use]
    pub fn link(catalog: &Catalog, target: &LinkTarget) -> Option<Go> {
        let c = catalog;
        match target {
            LinkTarget::Glossary(id) => c.term_index(id.as_str()).map(Go::Glossary),
            LinkTarget::Topic { topic, section } => {
                let t = c.topic_index(topic.as_str())?;
                let s = section
                    .as_ref()
                    .and_then(|s| c.topics[t].sections.iter().position(|x| &x.id == s));
                Some(Go::Topic {
                    topic: t,
                    section: s,
                })
            }
            LinkTarget::Faq(id) => c.node_index(id.as_str()).map(Go::Question),
            LinkTarget::Compare(id) => c.set_index(id.as_str()).map(Go::Set),
        }
    }
}

impl From<Target> for Go {
    /// Where a search hit leads.
    fn from(target: Target) -> Go {
        match target {
            Target::Topic { topic, section } => Go::Topic { topic, section },
            Target::Node(n) => Go::Question(n),
            Target::Term(term) => Go::Glossary(term),
            Target::Item { set, item } => Go::Item { set, item },
            Target::Cell {
                set,
                item,
                attribute,
            } => Go::Cell {
                set,
                item,
                attribute,
            },
        }
    }
}

/// A step through the questions tree that Back can undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Walk {
    /// Down to follow-up question number `k` of the current node.
    Follow(usize),
    /// To the next question in reading order.
    Next,
    /// To the previous question in reading order.
    Previous,
    /// Back to the first question.
    Restart,
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

/// A move a screen asks for: what `App::navigate` does after the screen's `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Nav {
    /// Go where a link, hit or bookmark leads, remembering the place for Back.
    Go(Go),
    /// Close the search box and go where the chosen hit leads.
    Hit(Go),
    /// Close the popup, then go where its link leads, if anywhere.
    LeavePopup(Option<Go>),
    /// Close the popup and open the topic of the item in this column of the comparison table.
    ColumnTopic(usize),
    /// Open a popup over the screen.
    Popup(Overlay),
    /// Open an empty search box over the screen (a popup closes).
    OpenSearch,
    /// Show a screen (a title bar button or a key): search and popups close, and the place is
    /// remembered when the screen changes. My list also offers what the reader was looking at.
    Show(Screen),
    /// Open an entry of the home menu.
    Entry(MenuEntry),
    /// Open a place kept from before ("Continue reading"), remembering the place.
    Spot(Spot),
    /// A step through the questions tree, remembered for Back.
    Walk(Walk),
    /// Open the summary afresh from My list, remembering the place.
    Summary,
    /// Close the top layer, or go back to the last place remembered.
    Back,
    /// Home, forgetting the way back.
    Home,
    /// Kiosk: leave the welcome screen for Home.
    StartVisit,
    /// Not a move: ask the event loop to carry out an effect (print, save).
    Effect(Effect),
}
