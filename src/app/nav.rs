//! Moving about the guide, in one place: where the reader is ([`Place`]) and going back to it,
//! going somewhere new ([`Go`]: links, search hits, bookmarks, an answer's topics), the home
//! menu's entries and rows, and Back. Must not import `ratatui` or `crossterm`.

use super::{
    App, Focus, MAX_HISTORY, MENU, MenuEntry, Overlay, Place, Screen, compare, mylist, questions,
    saved, search, topics,
};
use crate::markup::LinkTarget;
use crate::search::Target;

/// Where a link, a search hit, a bookmark or an answer's "read more" takes the reader. Every such
/// move takes the same three steps (remember the place for Back, show the screen, open the thing
/// on it), in one place: [`App::go`].
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
}

impl App<'_> {
    pub(super) fn remember(&mut self) {
        let place = self.place();
        if self.history.last() != Some(&place) {
            self.history.push(place);
        }
        if self.history.len() > MAX_HISTORY {
            self.history.remove(0);
        }
    }

    /// Where the reader is, as Back would come back to it.
    pub(super) fn place(&self) -> Place {
        match self.screen {
            Screen::Home | Screen::Welcome => Place::Home,
            Screen::Topics => match self.topics.open {
                Some(topic) => Place::Topic {
                    topic,
                    scroll: self.topics.scroll,
                },
                None => Place::TopicList {
                    row: self.topics.row,
                },
            },
            Screen::Compare => Place::Compare {
                set: self.compare.set,
                cursor: (self.compare.row, self.compare.col, self.compare.focus),
            },
            Screen::Questions => match self.questions.walk.current() {
                Some(node) => Place::Question {
                    node,
                    choice: self.questions.choice,
                    scroll: self.questions.scroll,
                },
                None => Place::Home,
            },
            Screen::MyList => Place::MyList,
            Screen::Summary => Place::Summary,
        }
    }

    /// Opens the place a reader left last time (at start, at home): `spot`, with Home one Back
    /// away.
    pub fn resume(&mut self, spot: saved::Spot) {
        self.remember();
        saved::open(self, spot);
        self.settle();
        saved::note(self);
    }

    pub(super) fn restore(&mut self, place: Place) {
        match place {
            Place::Home => self.screen = Screen::Home,
            Place::TopicList { row } => {
                self.screen = Screen::Topics;
                self.topics.focus = Focus::List;
                self.topics.row = row;
                topics::clamp(self);
            }
            Place::Topic { topic, scroll } => {
                self.screen = Screen::Topics;
                topics::open(self, topic, None);
                self.topics.scroll = scroll;
                topics::clamp(self);
            }
            Place::Compare {
                set,
                cursor: (row, col, focus),
            } => {
                self.screen = Screen::Compare;
                compare::select_set(self, set);
                (self.compare.row, self.compare.col) = (row, col);
                self.compare.focus = focus;
                compare::clamp(self);
            }
            Place::MyList => self.screen = Screen::MyList,
            Place::Summary => self.screen = Screen::Summary,
            Place::Question {
                node,
                choice,
                scroll,
            } => {
                self.screen = Screen::Questions;
                questions::jump(self, node);
                self.questions.choice =
                    choice.min(questions::choices(self).len().saturating_sub(1));
                // The answer's end is checked when the state settles.
                self.questions.scroll = scroll;
            }
        }
    }

    /// Goes to a link's target, remembering where the user was.
    pub fn follow(&mut self, target: &LinkTarget) {
        let c = self.catalog;
        match target {
            LinkTarget::Glossary(id) => {
                if let Some(term) = c.term_index(id.as_str()) {
                    self.overlay = Some(Overlay::Glossary {
                        term,
                        scroll: 0,
                        link: None,
                    });
                }
            }
            LinkTarget::Topic { topic, section } => {
                if let Some(t) = c.topic_index(topic.as_str()) {
                    let s = section
                        .as_ref()
                        .and_then(|s| c.topics[t].sections.iter().position(|x| &x.id == s));
                    self.go(Go::Topic {
                        topic: t,
                        section: s,
                    });
                }
            }
            LinkTarget::Faq(id) => {
                if let Some(n) = c.node_index(id.as_str()) {
                    self.go(Go::Question(n));
                }
            }
            LinkTarget::Compare(id) => {
                if let Some(s) = c.set_index(id.as_str()) {
                    self.go(Go::Set(s));
                }
            }
        }
    }

    /// Opens what a search hit points at.
    pub fn open_target(&mut self, target: Target) {
        match target {
            Target::Topic { topic, section } => self.go(Go::Topic { topic, section }),
            Target::Node(n) => self.go(Go::Question(n)),
            Target::Term(term) => {
                self.overlay = Some(Overlay::Glossary {
                    term,
                    scroll: 0,
                    link: None,
                });
            }
            Target::Item { set, item } => self.go(Go::Item { set, item }),
            Target::Cell {
                set,
                item,
                attribute,
            } => self.go(Go::Cell {
                set,
                item,
                attribute,
            }),
        }
    }

    /// Takes the reader to `to`, remembering where they were for Back.
    pub fn go(&mut self, to: Go) {
        self.remember();
        match to {
            Go::Topic { topic, section } => {
                self.screen = Screen::Topics;
                topics::open(self, topic, section);
            }
            Go::Question(n) => {
                self.screen = Screen::Questions;
                questions::jump(self, n);
            }
            Go::Set(s) => {
                self.screen = Screen::Compare;
                compare::select_set(self, s);
            }
            Go::Item { set, item } => {
                self.screen = Screen::Compare;
                compare::show_item(self, set, item);
            }
            Go::Cell {
                set,
                item,
                attribute,
            } => {
                self.screen = Screen::Compare;
                compare::show_cell(self, set, item, attribute);
            }
        }
    }

    /// The home menu's entries as shown (indices into [`MENU`]): all of them, less Search where
    /// the kiosk does not offer it.
    #[must_use]
    pub fn menu_entries(&self) -> Vec<usize> {
        (0..MENU.len())
            .filter(|&i| !(self.search_off && MENU[i] == MenuEntry::Search))
            .collect()
    }

    /// Opens home entry `n` (its digit less one), whatever other rows Home shows.
    pub(super) fn open_menu(&mut self, n: usize) {
        let entries = self.menu_entries();
        let entry = entries[n.min(entries.len() - 1)];
        let rows = saved::home_rows(self);
        self.menu = rows
            .iter()
            .position(|r| *r == saved::HomeRow::Entry(entry))
            .unwrap_or(0);
        self.open_entry(entry);
    }

    /// Opens row `i` of Home: "Continue reading", an entry or a bookmark.
    pub(super) fn open_row(&mut self, i: usize) {
        let rows = saved::home_rows(self);
        self.menu = i.min(rows.len() - 1);
        match rows[self.menu] {
            saved::HomeRow::Continue => {
                if let Some(spot) = self.saved.last {
                    self.remember();
                    saved::open(self, spot);
                }
            }
            saved::HomeRow::Entry(entry) => self.open_entry(entry),
            saved::HomeRow::Bookmark(k) => {
                if let Some(&b) = self.saved.bookmarks.get(k) {
                    saved::open_bookmark(self, b);
                }
            }
        }
    }

    /// Opens entry `entry` of [`MENU`].
    pub(super) fn open_entry(&mut self, entry: usize) {
        match MENU[entry] {
            MenuEntry::Topics => self.screen = Screen::Topics,
            MenuEntry::Compare => self.screen = Screen::Compare,
            MenuEntry::Questions => self.screen = Screen::Questions,
            MenuEntry::Search => search::open(self),
            MenuEntry::MyList => mylist::open(self),
            MenuEntry::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
        }
    }

    pub(super) fn back(&mut self) {
        if self.search.is_some() {
            self.search = None;
        } else if self.overlay.is_some() {
            self.overlay = None;
        } else if self.screen == Screen::Summary && self.list.save.is_some() {
            self.list.save = None;
        } else if self.screen == Screen::Topics && self.topics.reading {
            // The reading view is left first, on the same text.
            topics::set_reading(self, false);
        } else if let Some(place) = self.history.pop() {
            self.restore(place);
        } else {
            match self.screen {
                Screen::Home => {}
                Screen::Welcome | Screen::MyList => self.screen = Screen::Home,
                Screen::Topics => topics::back(self),
                Screen::Compare => compare::back(self),
                Screen::Questions => questions::back(self),
                Screen::Summary => self.screen = Screen::MyList,
            }
        }
    }
}
