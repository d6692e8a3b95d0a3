//! What a reader at home keeps from one session to the next: the last place read (offered on Home
//! as "Continue reading", and where the guide opens next time) and bookmarks of topics and
//! questions. Held here by index; `crate::state` turns them into ids in a file and back. A kiosk,
//! line mode and `--no-history` keep none of it: `on` stays false, and nothing is offered or
//! recorded. Must not import `ratatui` or `crossterm`.

use super::{App, CompareFocus, Screen, topics};

/// The places and bookmarks a reader keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Saved {
    /// Whether this session keeps them (a guide at home without `--no-history`).
    pub on: bool,
    /// The last place read.
    pub last: Option<Spot>,
    /// Bookmarks, oldest first.
    pub bookmarks: Vec<Bookmark>,
}

/// A place worth coming back to: where a topic, a question or a comparison was being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    /// A topic, at a section (or its start), this many lines into it.
    Topic {
        /// The topic.
        topic: usize,
        /// The section being read, if past the main message.
        section: Option<usize>,
        /// Lines past the section's heading (or the topic's top).
        offset: usize,
    },
    /// A question, with its selected choice and the answer's scroll.
    Question {
        /// The node.
        node: usize,
        /// The selected choice.
        choice: usize,
        /// Lines of the answer scrolled.
        scroll: usize,
    },
    /// A comparison set with its cursor (the items chosen are kept in the compare state).
    Compare {
        /// The set.
        set: usize,
        /// The cursor's value row.
        row: usize,
        /// The cursor's column.
        col: usize,
        /// Whether the controls or the table have the keys.
        focus: CompareFocus,
    },
}

/// A bookmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bookmark {
    /// A topic.
    Topic(usize),
    /// A question.
    Question(usize),
}

/// A row of the home menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeRow {
    /// Go back to the last place read.
    Continue,
    /// Entry `n` of [`super::MENU`].
    Entry(usize),
    /// Bookmark `n`.
    Bookmark(usize),
}

/// A short message in the footer after an action, gone with the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// This was bookmarked.
    Bookmarked(Bookmark),
    /// This bookmark was taken off.
    Unbookmarked(Bookmark),
}

/// The home menu's rows: "Continue reading" (when there is a last place), the entries, then the
/// bookmarks.
#[must_use]
pub fn home_rows(app: &App<'_>) -> Vec<HomeRow> {
    let kept = app.saved.on;
    let mut rows = Vec::with_capacity(8 + app.saved.bookmarks.len());
    if kept && app.saved.last.is_some() {
        rows.push(HomeRow::Continue);
    }
    rows.extend(app.menu_entries().into_iter().map(HomeRow::Entry));
    if kept {
        rows.extend((0..app.saved.bookmarks.len()).map(HomeRow::Bookmark));
    }
    rows
}

/// Where the reader is reading now, if that is a place to come back to.
#[must_use]
pub fn spot(app: &App<'_>) -> Option<Spot> {
    match app.screen {
        Screen::Topics => {
            let topic = app.topics.open?;
            let scroll = app.topics.scroll;
            let page = topics::page(app);
            // The last heading at or above the top line: the place comes back to the same line.
            let section = page.sections.iter().rposition(|&line| line <= scroll);
            let start = section.and_then(|s| page.sections.get(s)).copied();
            Some(Spot::Topic {
                topic,
                section,
                offset: scroll.saturating_sub(start.unwrap_or(0)),
            })
        }
        Screen::Questions => app.questions.walk.current().map(|node| Spot::Question {
            node,
            choice: app.questions.choice,
            scroll: app.questions.scroll,
        }),
        Screen::Compare => Some(Spot::Compare {
            set: app.compare.set,
            row: app.compare.row,
            col: app.compare.col,
            focus: app.compare.focus,
        }),
        _ => None,
    }
}

/// Notes the place being read as the last one (after every action, when the session keeps it).
pub fn note(app: &mut App<'_>) {
    if app.saved.on
        && let Some(s) = spot(app)
    {
        app.saved.last = Some(s);
    }
}

/// What `b` bookmarks here: the open topic (or, with none open, the one selected in the list),
/// or the current question.
#[must_use]
pub fn bookmarkable(app: &App<'_>) -> Option<Bookmark> {
    if app.search.is_some() || app.overlay.is_some() {
        return None;
    }
    match app.screen {
        Screen::Topics => {
            app.topics.open.map(Bookmark::Topic).or_else(|| {
                match topics::tree_rows(app.catalog, None).get(app.topics.row) {
                    Some(topics::TreeRow::Topic(t)) => Some(Bookmark::Topic(*t)),
                    _ => None,
                }
            })
        }
        Screen::Questions => app.questions.walk.current().map(Bookmark::Question),
        _ => None,
    }
}

/// Bookmarks what is shown, or takes its bookmark off, and says so in the footer. Nothing happens
/// where the session keeps nothing (a kiosk, `--no-history`).
pub fn toggle_bookmark(app: &mut App<'_>) {
    if !app.saved.on {
        return;
    }
    let Some(b) = bookmarkable(app) else { return };
    let marks = &mut app.saved.bookmarks;
    if let Some(i) = marks.iter().position(|m| *m == b) {
        marks.remove(i);
        app.notice = Some(Notice::Unbookmarked(b));
    } else {
        marks.push(b);
        app.notice = Some(Notice::Bookmarked(b));
    }
    app.menu = app.menu.min(home_rows(app).len().saturating_sub(1));
}

/// The title of what a bookmark points at.
#[must_use]
pub fn bookmark_title(app: &App<'_>, b: Bookmark) -> String {
    let c = app.catalog;
    match b {
        Bookmark::Topic(t) => c.topics.get(t).map(|t| t.title.clone()),
        Bookmark::Question(n) => c.faq.nodes.get(n).map(|n| n.question.clone()),
    }
    .unwrap_or_default()
}

/// The title of a place: the topic, the question, or the comparison set.
#[must_use]
pub fn spot_title(app: &App<'_>, spot: Spot) -> String {
    let c = app.catalog;
    match spot {
        Spot::Topic { topic, .. } => bookmark_title(app, Bookmark::Topic(topic)),
        Spot::Question { node, .. } => bookmark_title(app, Bookmark::Question(node)),
        Spot::Compare { set, .. } => c
            .sets
            .get(set)
            .map(|s| format!("{}: {}", c.ui.compare, s.title))
            .unwrap_or_default(),
    }
}

/// Where in a topic a place is: the heading of its section, if past the main message.
#[must_use]
pub fn spot_section<'c>(app: &App<'c>, spot: Spot) -> Option<&'c str> {
    let Spot::Topic {
        topic,
        section: Some(s),
        ..
    } = spot
    else {
        return None;
    };
    let section = app.catalog.topics.get(topic)?.sections.get(s)?;
    Some(section.heading.as_str())
}

/// The footer's words for a notice.
#[must_use]
pub fn notice_text(app: &App<'_>, notice: Notice) -> String {
    let ui = &app.catalog.ui;
    let (text, b) = match notice {
        Notice::Bookmarked(b) => (&ui.bookmark_added, b),
        Notice::Unbookmarked(b) => (&ui.bookmark_removed, b),
    };
    text.replace("{what}", &bookmark_title(app, b))
}

/// Keeps only the compare items chosen for set `set` that `keep` says, leaving at least two (as
/// the screen does); used when a saved choice is brought back.
pub fn choose_items(app: &mut App<'_>, set: usize, keep: &[bool]) {
    let Some(chosen) = app.compare.chosen.get_mut(set) else {
        return;
    };
    if keep.len() == chosen.len() && keep.iter().filter(|k| **k).count() >= 2 {
        chosen.clone_from_slice(keep);
    }
    let cx = cx!(app);
    app.compare.clamp(&cx);
}
