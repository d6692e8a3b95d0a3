//! Questions screen state: where the reader is in the tree, which follow-up or topic is selected,
//! and how far the answer is scrolled. Must not import `ratatui` or `crossterm`.

use super::{Action, App, Pane, Screen};
use crate::content::Catalog;
use crate::faq::{self, FaqWalk};

/// A choice under an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Follow-up question number `k` of the current node.
    Follow(usize),
    /// A topic that says more.
    Topic(usize),
}

/// Questions screen state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionsState {
    /// The path through the tree.
    pub walk: FaqWalk,
    /// Every node in reading order (for next/previous).
    pub order: Vec<usize>,
    /// The selected choice.
    pub choice: usize,
    /// Lines the answer is scrolled.
    pub scroll: usize,
}

impl QuestionsState {
    /// At the root with the first choice selected.
    #[must_use]
    pub fn new(catalog: &Catalog) -> Self {
        Self {
            walk: FaqWalk::new(&catalog.faq),
            order: faq::reading_order(&catalog.faq),
            choice: 0,
            scroll: 0,
        }
    }
}

/// The choices under the current answer: follow-ups, then topics that say more.
pub fn choices(app: &App<'_>) -> Vec<Choice> {
    let c = app.catalog;
    let Some(n) = app.questions.walk.current() else {
        return Vec::new();
    };
    let node = &c.faq.nodes[n];
    let follow = (0..node.follow.len()).map(Choice::Follow);
    let more = node
        .more
        .iter()
        .filter_map(|t| c.topic_index(t.as_str()))
        .map(Choice::Topic);
    follow.chain(more).collect()
}

/// Shows node `n` with its full path.
pub fn jump(app: &mut App<'_>, n: usize) {
    app.questions.walk.jump(&app.catalog.faq, n);
    app.questions.choice = 0;
    app.questions.scroll = 0;
}

/// Back with no history: up one level, or home from the root.
pub fn back(app: &mut App<'_>) {
    if app.questions.walk.back() {
        app.questions.choice = 0;
        app.questions.scroll = 0;
    } else {
        app.screen = Screen::Home;
    }
}

fn activate(app: &mut App<'_>, k: usize) {
    match choices(app).get(k) {
        Some(Choice::Follow(f)) => {
            app.remember();
            app.questions.walk.choose(&app.catalog.faq, *f);
            app.questions.choice = 0;
            app.questions.scroll = 0;
        }
        Some(Choice::Topic(t)) => {
            app.remember();
            app.screen = Screen::Topics;
            super::topics::open(app, *t, None);
        }
        None => {}
    }
}

fn step(app: &mut App<'_>, forward: bool) {
    let before = app.questions.walk.current();
    app.remember();
    let (faq, order) = (&app.catalog.faq, &app.questions.order);
    let moved = if forward {
        app.questions.walk.next(faq, order)
    } else {
        app.questions.walk.previous(faq, order)
    };
    if moved {
        app.questions.choice = 0;
        app.questions.scroll = 0;
    } else if before.is_some() {
        app.history.pop();
    }
}

/// The furthest the answer scrolls before it has been drawn (then `ScrollRoom` knows its end).
pub const ANSWER_SCROLL_CAP: usize = 200;

/// Handles an action on the questions screen.
pub fn update(app: &mut App<'_>, action: Action) {
    let count = choices(app).len();
    let q = &mut app.questions;
    match action {
        Action::Up | Action::WheelUp(Pane::Choices) => q.choice = q.choice.saturating_sub(1),
        Action::Down | Action::WheelDown(Pane::Choices) => {
            q.choice = (q.choice + 1).min(count.saturating_sub(1));
        }
        Action::First => q.choice = 0,
        Action::Last => q.choice = count.saturating_sub(1),
        Action::PageUp | Action::WheelUp(Pane::Answer) => q.scroll = q.scroll.saturating_sub(3),
        Action::PageDown | Action::WheelDown(Pane::Answer) => {
            let room = q
                .walk
                .current()
                .and_then(|n| app.scroll_room.answer(n, app.size))
                .unwrap_or(ANSWER_SCROLL_CAP);
            let q = &mut app.questions;
            q.scroll = q.scroll.saturating_add(3).min(room);
        }
        Action::Activate => activate(app, app.questions.choice),
        Action::Pick(Pane::Choices, k) => {
            app.questions.choice = k;
            activate(app, k);
        }
        Action::NextQuestion => step(app, true),
        Action::PrevQuestion => step(app, false),
        Action::Restart => {
            app.remember();
            app.questions.walk.restart();
            app.questions.choice = 0;
            app.questions.scroll = 0;
        }
        _ => {}
    }
}
