//! Questions screen state: where the reader is in the tree, which follow-up or topic is selected,
//! and how far the answer is scrolled. Must not import `ratatui` or `crossterm`.

use super::{Action, App, Pane, Screen};
use crate::content::Catalog;
use crate::faq::{self, FaqWalk};
use crate::layout::Area;
use crate::wrap::wrap_plain;

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
    /// The link of the answer that has the focus (Tab), if any.
    pub link: Option<usize>,
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
            link: None,
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
    app.questions.link = None;
}

/// Back with no history: up one level, or home from the root.
pub fn back(app: &mut App<'_>) {
    let from = app.questions.walk.current();
    app.questions.link = None;
    if app.questions.walk.back() {
        // The choice that led down is selected again, as a browser keeps the link followed.
        let came_from = |c: &Choice| match (c, app.questions.walk.current(), from) {
            (Choice::Follow(f), Some(n), Some(from)) => {
                app.catalog.faq.nodes[n]
                    .follow
                    .get(*f)
                    .and_then(|id| app.catalog.node_index(id.as_str()))
                    == Some(from)
            }
            _ => false,
        };
        app.questions.choice = choices(app).iter().position(came_from).unwrap_or(0);
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
            app.go(super::Go::Topic {
                topic: *t,
                section: None,
            });
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

/// Geometry: breadcrumb, question, answer, choices (with the rows of each choice).
pub struct Geo {
    /// The path line.
    pub crumb: Area,
    /// The question.
    pub question: Area,
    /// The answer pane.
    pub answer: Area,
    /// The choices shown, each with its area.
    pub choice_rows: Vec<(usize, Area)>,
    /// Rows of the follow-ups heading.
    pub headings: Vec<(u16, bool)>,
}

fn width(r: Area) -> u16 {
    r.width
        .min(u16::try_from(crate::wrap::MAX_READING_WIDTH).unwrap_or(80))
}

fn node_idx(app: &App<'_>) -> usize {
    app.questions.walk.current().unwrap_or(0)
}

/// The questions screen laid out in `r` (the body).
#[must_use]
#[allow(clippy::many_single_char_names)]
pub fn geometry(app: &App<'_>, r: Area) -> Geo {
    let w = width(r);
    let x = r.x + 1;
    let c = app.catalog;
    let node = app.questions.walk.current().map(|n| &c.faq.nodes[n]);
    let q_lines = node.map_or(1, |n| {
        wrap_plain(&n.question, usize::from(w.saturating_sub(2))).len()
    });
    let crumb = Area {
        x,
        y: r.y,
        width: w.saturating_sub(1),
        height: 1.min(r.height),
    };
    let question = Area {
        x,
        y: r.y + 2,
        width: w.saturating_sub(1),
        height: u16::try_from(q_lines).unwrap_or(1),
    };
    let list = choices(app);
    let bottom = r.y + r.height;
    let top = question.y + question.height + 1;
    let avail = bottom.saturating_sub(top);
    let answer_need = u16::try_from(answer(app, node_idx(app), w.saturating_sub(1)).lines.len())
        .unwrap_or(u16::MAX);
    // Each choice takes its touch height, or more when its words need more lines.
    let label_w = usize::from(w.saturating_sub(1))
        .saturating_sub(MARKER_W)
        .max(1);
    let heights: Vec<u16> = list
        .iter()
        .map(|&ch| {
            let lines = wrap_plain(&choice_label(app, ch), label_w).len().max(1);
            u16::try_from(lines)
                .unwrap_or(u16::MAX)
                .max(app.mode.target_rows())
        })
        .collect();
    let list_need = heights
        .iter()
        .fold(0u16, |a, &b| a.saturating_add(b))
        .saturating_add(2);
    // The answer keeps at least half the room; the choices scroll when they do not fit. On a
    // small screen the list still gets its heading and one choice while the answer keeps a row,
    // so a question can always be picked.
    let selected_h = heights.get(app.questions.choice).copied().unwrap_or(1);
    let one_choice = list_need.min(2 + selected_h);
    let list_h = list_need
        .min(avail.saturating_sub(answer_need.min(avail / 2)))
        .max(if avail > one_choice { one_choice } else { 0 });
    let answer = Area {
        x,
        y: top.min(bottom),
        width: w.saturating_sub(1),
        height: avail - list_h,
    };
    let mut choice_rows = Vec::new();
    let mut headings = Vec::new();
    if list_h >= 3 {
        let y0 = answer.y + answer.height + 1;
        headings.push((y0, true));
        let room = list_h - 2;
        // From the selected choice, back up while the choices above still fit.
        let mut first = app.questions.choice.min(list.len().saturating_sub(1));
        let mut used = heights.get(first).copied().unwrap_or(0);
        while first > 0 && used + heights[first - 1] <= room {
            first -= 1;
            used += heights[first];
        }
        let mut y = y0 + 1;
        for (k, &need) in heights.iter().enumerate().skip(first) {
            let height = need.min(y0 + 1 + room - y);
            if height == 0 {
                break;
            }
            choice_rows.push((
                k,
                Area {
                    x,
                    y,
                    width: w.saturating_sub(1),
                    height,
                },
            ));
            y += height;
        }
    }
    Geo {
        crumb,
        question,
        answer,
        choice_rows,
        headings,
    }
}

/// Answer `n` laid out for an answer pane `pane_width` columns wide (one column is kept free), once
/// per node and width by `update`: the layout and the frame both need it.
#[must_use]
pub fn answer(app: &App<'_>, n: usize, pane_width: u16) -> std::sync::Arc<crate::page::Page> {
    let width = answer_width(pane_width);
    app.laid
        .answer
        .get(&(n, width), || crate::page::answer(app.catalog, n, width))
}

/// The text width of an answer pane `pane_width` columns wide (one column is kept free).
#[must_use]
pub fn answer_width(pane_width: u16) -> usize {
    usize::from(pane_width.saturating_sub(1))
}

/// Columns the selection marker takes before a choice's words.
pub const MARKER_W: usize = 2;

/// The words of a choice: the follow-up question, or "Read more: " and the topic's title.
#[must_use]
pub fn choice_label(app: &App<'_>, choice: Choice) -> String {
    let c = app.catalog;
    match choice {
        Choice::Follow(f) => {
            let Some(n) = app.questions.walk.current() else {
                return String::new();
            };
            let id = &c.faq.nodes[n].follow[f];
            c.node_index(id.as_str())
                .map_or(id.as_str(), |i| c.faq.nodes[i].question.as_str())
                .to_string()
        }
        Choice::Topic(t) => format!("{}: {}", c.ui.read_more, c.topics[t].title),
    }
}

/// How far the answer can scroll at the current size.
#[must_use]
pub fn answer_room(app: &App<'_>) -> usize {
    let Some(n) = app.questions.walk.current() else {
        return 0;
    };
    let g = geometry(app, app.chrome().body);
    answer(app, n, g.answer.width)
        .lines
        .len()
        .saturating_sub(usize::from(g.answer.height))
}

/// Moves the focus to the next (or previous) link of the answer, scrolling it into view.
fn move_link(app: &mut App<'_>, forward: bool) {
    let Some(node) = app.questions.walk.current() else {
        return;
    };
    let geo = geometry(app, app.chrome().body);
    let page = answer(app, node, geo.answer.width);
    let count = page.links.len();
    if count == 0 {
        return;
    }
    let q = &app.questions;
    let next = match (q.link, forward) {
        (None, true) => (0..count)
            .find(|&i| page.links[i].1 >= q.scroll)
            .unwrap_or(0),
        (None, false) => count - 1,
        (Some(l), true) => (l + 1) % count,
        (Some(l), false) => (l + count - 1) % count,
    };
    let line = page.links[next].1;
    let view = usize::from(geo.answer.height).max(1);
    let room = answer_room(app);
    let q = &mut app.questions;
    q.link = Some(next);
    if line < q.scroll || line >= q.scroll + view {
        q.scroll = line.saturating_sub(view / 3).min(room);
    }
}

/// Follows link `l` of the answer, remembering the place.
fn follow_link(app: &mut App<'_>, l: usize) {
    let Some(n) = app.questions.walk.current() else {
        return;
    };
    let width = geometry(app, app.chrome().body).answer.width;
    let p = answer(app, n, width);
    if let Some((target, _)) = p.links.get(l) {
        app.questions.link = Some(l);
        app.follow(target);
    }
}

/// Handles an action on the questions screen.
pub fn update(app: &mut App<'_>, action: Action) {
    let before = app.questions.walk.current();
    act(app, action);
    if app.questions.walk.current() != before {
        app.questions.link = None;
    }
}

fn act(app: &mut App<'_>, action: Action) {
    let count = choices(app).len();
    let q = &mut app.questions;
    match action {
        // ↓ reads on: the answer scrolls until its end shows, then the choices take the steps;
        // ↑ goes back up the choices, then up the answer. So ↓ alone reaches every word and
        // every choice.
        Action::Up | Action::Down if q.link.is_some() => {
            // Arrows leave the links: Enter opens the selected choice again.
            q.link = None;
            act(app, action);
        }
        Action::Up if q.choice == 0 => q.scroll = q.scroll.saturating_sub(1),
        Action::Up | Action::WheelUp(Pane::Choices) => q.choice = q.choice.saturating_sub(1),
        Action::Down => {
            let room = answer_room(app);
            let q = &mut app.questions;
            if q.scroll < room {
                q.scroll += 1;
            } else {
                q.choice = (q.choice + 1).min(count.saturating_sub(1));
            }
        }
        Action::WheelDown(Pane::Choices) => {
            q.choice = (q.choice + 1).min(count.saturating_sub(1));
        }
        Action::First => q.choice = 0,
        Action::Last => q.choice = count.saturating_sub(1),
        Action::PageUp | Action::WheelUp(Pane::Answer) => q.scroll = q.scroll.saturating_sub(3),
        Action::PageDown | Action::WheelDown(Pane::Answer) => {
            let room = answer_room(app);
            let q = &mut app.questions;
            q.scroll = q.scroll.saturating_add(3).min(room);
        }
        Action::NextLink => move_link(app, true),
        Action::PrevLink => move_link(app, false),
        Action::PickLink(l) => follow_link(app, l),
        Action::Activate => match app.questions.link {
            Some(l) => follow_link(app, l),
            None => activate(app, app.questions.choice),
        },
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
