//! Making the moves screens ask for, in one place: [`App::navigate`] is the only code that
//! changes which screen shows, which popup or search box is open, and what Back remembers. Must
//! not import `ratatui` or `crossterm`.

use super::nav::{Go, MAX_HISTORY, Nav, Place, Walk};
use super::saved::Spot;
use super::{App, Control, Focus, MenuEntry, Overlay, Screen, search::SearchState};
use crate::markup::LinkTarget;
use crate::search::Target;

impl App<'_> {
    /// Makes the move `nav` asks for: the one place that changes the screen shown, the popup and
    /// search box, and what Back remembers. Returns what the event loop should do.
    pub fn navigate(&mut self, nav: Nav) -> Control {
        match nav {
            Nav::Go(to) => self.go(to),
            Nav::Hit(to) => {
                self.search = None;
                self.go(to);
            }
            Nav::LeavePopup(to) => {
                self.overlay = None;
                if let Some(to) = to {
                    self.go(to);
                }
            }
            Nav::ColumnTopic(col) => {
                self.overlay = None;
                let cx = cx!(self);
                if let Some(topic) = self.compare.column_topic(&cx, col) {
                    self.go(Go::Topic {
                        topic,
                        section: None,
                    });
                }
            }
            Nav::Popup(o) => self.overlay = Some(o),
            Nav::OpenSearch => self.open_search(),
            Nav::Show(Screen::MyList) => self.open_list(),
            Nav::Show(screen) => {
                self.search = None;
                self.overlay = None;
                if screen != self.screen {
                    self.remember();
                    self.screen = screen;
                }
            }
            Nav::Entry(entry) => self.open_entry(entry),
            Nav::Spot(spot) => {
                self.remember();
                self.open_spot(spot);
            }
            Nav::Walk(step) => self.walk(step),
            Nav::Summary => {
                self.remember();
                self.screen = Screen::Summary;
                super::summary_screen::enter(&mut self.list);
            }
            Nav::Back => self.back(),
            Nav::Home => {
                self.search = None;
                self.overlay = None;
                self.history.clear();
                self.screen = Screen::Home;
            }
            Nav::StartVisit => {
                if self.screen == Screen::Welcome {
                    self.screen = Screen::Home;
                }
            }
            Nav::Effect(effect) => return Control::Effect(effect),
        }
        Control::Continue
    }

    /// Where Back goes, most recent last (at most [`MAX_HISTORY`] places).
    #[must_use]
    pub fn history(&self) -> &[Place] {
        &self.history
    }

    fn remember(&mut self) {
        let place = self.place();
        if self.history.last() != Some(&place) {
            self.history.push(place);
        }
        if self.history.len() > MAX_HISTORY {
            self.history.remove(0);
        }
    }

    /// Where the reader is, as Back would come back to it.
    fn place(&self) -> Place {
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
    pub fn resume(&mut self, spot: Spot) {
        self.navigate(Nav::Spot(spot));
        self.settle();
        super::saved::note(self);
    }

    fn restore(&mut self, place: Place) {
        match place {
            Place::Home => self.screen = Screen::Home,
            Place::TopicList { row } => {
                self.screen = Screen::Topics;
                self.topics.focus = Focus::List;
                self.topics.row = row;
                let cx = cx!(self);
                self.topics.clamp(&cx);
            }
            Place::Topic { topic, scroll } => {
                self.screen = Screen::Topics;
                let cx = cx!(self);
                self.topics.open(&cx, topic, None);
                self.topics.scroll = scroll;
                self.topics.clamp(&cx);
            }
            Place::Compare {
                set,
                cursor: (row, col, focus),
            } => {
                self.screen = Screen::Compare;
                let cx = cx!(self);
                let s = &mut self.compare;
                s.select_set(cx.catalog, set);
                (s.row, s.col) = (row, col);
                s.focus = focus;
                s.clamp(&cx);
            }
            Place::MyList => self.screen = Screen::MyList,
            Place::Summary => self.screen = Screen::Summary,
            Place::Question {
                node,
                choice,
                scroll,
            } => {
                self.screen = Screen::Questions;
                let q = &mut self.questions;
                q.jump(&self.catalog.faq, node);
                q.choice = choice.min(q.choices(self.catalog).len().saturating_sub(1));
                // The answer's end is checked when the state settles.
                q.scroll = scroll;
            }
        }
    }

    /// Goes to a link's target, remembering where the user was.
    pub fn follow(&mut self, target: &LinkTarget) {
        if let Some(to) = Go::link(self.catalog, target) {
            self.navigate(Nav::Go(to));
        }
    }

    /// Opens what a search hit points at.
    pub fn open_target(&mut self, target: Target) {
        self.navigate(Nav::Go(target.into()));
    }

    /// Takes the reader to `to`, remembering where they were for Back (a glossary entry opens
    /// over the screen, with nothing to remember).
    fn go(&mut self, to: Go) {
        let screen = match to {
            Go::Topic { .. } => Screen::Topics,
            Go::Question(_) => Screen::Questions,
            Go::Set(_) | Go::Item { .. } | Go::Cell { .. } => Screen::Compare,
            Go::Glossary(term) => {
                self.overlay = Some(Overlay::Glossary {
                    term,
                    scroll: 0,
                    link: None,
                });
                return;
            }
        };
        self.remember();
        self.screen = screen;
        let cx = cx!(self);
        match to {
            Go::Topic { topic, section } => self.topics.open(&cx, topic, section),
            Go::Question(n) => self.questions.jump(&cx.catalog.faq, n),
            Go::Set(s) => self.compare.select_set(cx.catalog, s),
            Go::Item { set, item } => self.compare.show_item(&cx, set, item),
            Go::Cell {
                set,
                item,
                attribute,
            } => {
                if let Some(o) = self.compare.show_cell(&cx, set, item, attribute) {
                    self.overlay = Some(o);
                }
            }
            Go::Glossary(_) => {}
        }
    }

    /// Opens an empty search box over the current screen.
    fn open_search(&mut self) {
        self.overlay = None;
        self.search = Some(SearchState::new(self.catalog, self.index));
    }

    /// Opens My list, offering to add what the reader was looking at.
    fn open_list(&mut self) {
        let from = super::mylist::here(self).or(self.list.last_seen);
        self.search = None;
        self.overlay = None;
        if self.screen != Screen::MyList {
            self.remember();
        }
        self.screen = Screen::MyList;
        self.list.from = from;
        self.list.row = 0;
    }

    /// Opens an entry of the home menu.
    fn open_entry(&mut self, entry: MenuEntry) {
        match entry {
            MenuEntry::Topics => self.screen = Screen::Topics,
            MenuEntry::Compare => self.screen = Screen::Compare,
            MenuEntry::Questions => self.screen = Screen::Questions,
            MenuEntry::Search => self.open_search(),
            MenuEntry::MyList => self.open_list(),
            MenuEntry::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
        }
    }

    /// Shows `spot` (the caller remembers where the reader was, if Back should lead there).
    fn open_spot(&mut self, spot: Spot) {
        self.search = None;
        self.overlay = None;
        match spot {
            Spot::Topic {
                topic,
                section,
                offset,
            } => {
                if topic >= self.catalog.topics.len() {
                    return;
                }
                let section = section.filter(|&s| s < self.catalog.topics[topic].sections.len());
                self.screen = Screen::Topics;
                let cx = cx!(self);
                let t = &mut self.topics;
                t.open(&cx, topic, section);
                // The same lines into the section, but never into the next one (the width may
                // differ from the one the place was noted at).
                let page = t.page(&cx);
                let next = section.map_or(page.sections.first(), |s| page.sections.get(s + 1));
                let limit = next.map_or(usize::MAX, |l| l.saturating_sub(1));
                t.scroll = (t.scroll + offset).min(limit.max(t.scroll));
                t.clamp(&cx);
            }
            Spot::Question {
                node,
                choice,
                scroll,
            } if node < self.catalog.faq.nodes.len() => self.restore(Place::Question {
                node,
                choice,
                scroll,
            }),
            Spot::Compare {
                set,
                row,
                col,
                focus,
            } if set < self.catalog.sets.len() => self.restore(Place::Compare {
                set,
                cursor: (row, col, focus),
            }),
            Spot::Question { .. } | Spot::Compare { .. } => {}
        }
    }

    /// A step through the questions tree, remembering the place (a step that goes nowhere is
    /// not remembered).
    fn walk(&mut self, step: Walk) {
        let before = self.questions.walk.current();
        self.remember();
        let moved = self.questions.step(self.catalog, step);
        if !moved && matches!(step, Walk::Next | Walk::Previous) && before.is_some() {
            self.history.pop();
        }
    }

    fn back(&mut self) {
        if self.search.is_some() {
            self.search = None;
        } else if self.overlay.is_some() {
            self.overlay = None;
        } else if self.screen == Screen::Summary && self.list.save.is_some() {
            self.list.save = None;
        } else if self.screen == Screen::Topics && self.topics.reading {
            // The reading view is left first, on the same text.
            let cx = cx!(self);
            self.topics.set_reading(&cx, false);
        } else if let Some(place) = self.history.pop() {
            self.restore(place);
        } else {
            // With nothing remembered, each screen goes up a level, then Home.
            let up = match self.screen {
                Screen::Home => true,
                Screen::Welcome | Screen::MyList | Screen::Compare => false,
                Screen::Topics => self.topics.up(),
                Screen::Questions => self.questions.up(self.catalog),
                Screen::Summary => {
                    self.screen = Screen::MyList;
                    true
                }
            };
            if !up {
                self.screen = Screen::Home;
            }
        }
    }
}
