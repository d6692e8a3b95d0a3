//! Questions screen state: where the reader is in the tree, which follow-up or topic is selected,
//! and how far the answer is scrolled. Must not import `ratatui` or `crossterm`.

use super::{Action, App, Cx, Go, Nav, Pane, Walk};
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
    app.questions.choices(app.catalog)
}

impl QuestionsState {
    /// The choices under the current answer: follow-ups, then topics that say more.
    #[must_use]
    pub fn choices(&self, c: &Catalog) -> Vec<Choice> {
        let Some(n) = self.walk.current() else {
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
    pub fn jump(&mut self, faq: &crate::content::Faq, n: usize) {
        self.walk.jump(faq, n);
        self.choice = 0;
        self.scroll = 0;
        self.link = None;
    }

    /// Back with nothing remembered: up one level (true), or, at the root, nowhere (false: the
    /// screen is left for Home).
    pub fn up(&mut self, c: &Catalog) -> bool {
        let from = self.walk.current();
        self.link = None;
        if !self.walk.back() {
            return false;
        }
        // The choice that led down is selected again, as a browser keeps the link followed.
        let here = self.walk.current();
        let came_from = |ch: &Choice| match (ch, here, from) {
            (Choice::Follow(f), Some(n), Some(from)) => {
                c.faq.nodes[n]
                    .follow
                    .get(*f)
                    .and_then(|id| c.node_index(id.as_str()))
                    == Some(from)
            }
            _ => false,
        };
        self.choice = self.choices(c).iter().position(came_from).unwrap_or(0);
        self.scroll = 0;
        true
    }

    /// Takes a step through the tree (`App::navigate` remembers the place first); returns
    /// whether the reader moved. A new question starts at its first choice, with no link
    /// focused.
    pub fn step(&mut self, c: &Catalog, step: Walk) -> bool {
        let before = self.walk.current();
        let moved = match step {
            Walk::Follow(f) => {
                self.walk.choose(&c.faq, f);
                true
            }
            Walk::Next => self.walk.next(&c.faq, &self.order),
            Walk::Previous => self.walk.previous(&c.faq, &self.order),
            Walk::Restart => {
                self.walk.restart();
                true
            }
        };
        if moved {
            self.choice = 0;
            self.scroll = 0;
        }
        if self.walk.current() != before {
            self.link = None;
        }
        moved
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

/// The questions screen laid out in `r` (the body).
#[must_use]
pub fn geometry(app: &App<'_>, r: Area) -> Geo {
    app.questions.geometry(&Cx::of(app), r)
}

impl QuestionsState {
    /// The questions screen laid out in `r` (the body).
    #[must_use]
    #[allow(clippy::many_single_char_names)]
    pub fn geometry(&self, cx: &Cx<'_, '_>, r: Area) -> Geo {
        let w = width(r);
        let x = r.x + 1;
        let c = cx.catalog;
        let node = self.walk.current().map(|n| &c.faq.nodes[n]);
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
        let list = self.choices(c);
        let bottom = r.y + r.height;
        let top = question.y + question.height + 1;
        let avail = bottom.saturating_sub(top);
        let answer_need = u16::try_from(
            answer_of(cx, self.walk.current().unwrap_or(0), w.saturating_sub(1))
                .lines
                .len(),
        )
        .unwrap_or(u16::MAX);
        // Each choice takes its touch height, or more when its words need more lines.
        let label_w = usize::from(w.saturating_sub(1))
            .saturating_sub(MARKER_W)
            .max(1);
        let heights: Vec<u16> = list
            .iter()
            .map(|&ch| {
                let lines = wrap_plain(&self.choice_label(c, ch), label_w).len().max(1);
                u16::try_from(lines)
                    .unwrap_or(u16::MAX)
                    .max(cx.mode.target_rows())
            })
            .collect();
        let list_need = heights
            .iter()
            .fold(0u16, |a, &b| a.saturating_add(b))
            .saturating_add(2);
        // The answer keeps at least half the room; the choices scroll when they do not fit. On a
        // small screen the list still gets its heading and one choice while the answer keeps a row,
        // so a question can always be picked.
        let selected_h = heights.get(self.choice).copied().unwrap_or(1);
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
            let mut first = self.choice.min(list.len().saturating_sub(1));
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
}

/// Answer `n` laid out for an answer pane `pane_width` columns wide (one column is kept free), once
/// per node and width by `update`: the layout and the frame both need it.
#[must_use]
pub fn answer(app: &App<'_>, n: usize, pane_width: u16) -> std::sync::Arc<crate::page::Page> {
    answer_of(&Cx::of(app), n, pane_width)
}

/// Answer `n` laid out for an answer pane `pane_width` columns wide (see [`answer`]).
#[must_use]
pub fn answer_of(cx: &Cx<'_, '_>, n: usize, pane_width: u16) -> std::sync::Arc<crate::page::Page> {
    let width = answer_width(pane_width);
    cx.laid
        .answer
        .get(&(n, width), || crate::page::answer(cx.catalog, n, width))
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
    app.questions.choice_label(app.catalog, choice)
}

/// How far the answer can scroll at the current size.
#[must_use]
pub fn answer_room(app: &App<'_>) -> usize {
    app.questions.answer_room(&Cx::of(app))
}

impl QuestionsState {
    /// The words of a choice: the follow-up question, or "Read more: " and the topic's title.
    #[must_use]
    pub fn choice_label(&self, c: &Catalog, choice: Choice) -> String {
        match choice {
            Choice::Follow(f) => {
                let Some(n) = self.walk.current() else {
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

    /// How far the answer can scroll in `cx`'s body.
    #[must_use]
    pub fn answer_room(&self, cx: &Cx<'_, '_>) -> usize {
        let Some(n) = self.walk.current() else {
            return 0;
        };
        let g = self.geometry(cx, cx.body());
        answer_of(cx, n, g.answer.width)
            .lines
            .len()
            .saturating_sub(usize::from(g.answer.height))
    }

    /// Moves the focus to the next (or previous) link of the answer, scrolling it into view.
    fn move_link(&mut self, cx: &Cx<'_, '_>, forward: bool) {
        let Some(node) = self.walk.current() else {
            return;
        };
        let geo = self.geometry(cx, cx.body());
        let page = answer_of(cx, node, geo.answer.width);
        let count = page.links.len();
        if count == 0 {
            return;
        }
        let next = match (self.link, forward) {
            (None, true) => (0..count)
                .find(|&i| page.links[i].1 >= self.scroll)
                .unwrap_or(0),
            (None, false) => count - 1,
            (Some(l), true) => (l + 1) % count,
            (Some(l), false) => (l + count - 1) % count,
        };
        let line = page.links[next].1;
        let view = usize::from(geo.answer.height).max(1);
        let room = self.answer_room(cx);
        self.link = Some(next);
        if line < self.scroll || line >= self.scroll + view {
            self.scroll = line.saturating_sub(view / 3).min(room);
        }
    }

    /// Follows link `l` of the answer (`App::navigate` remembers the place).
    fn follow_link(&mut self, cx: &Cx<'_, '_>, l: usize) -> Option<Nav> {
        let n = self.walk.current()?;
        let width = self.geometry(cx, cx.body()).answer.width;
        let p = answer_of(cx, n, width);
        let (target, _) = p.links.get(l)?;
        self.link = Some(l);
        Go::link(cx.catalog, target).map(Nav::Go)
    }

    /// Opens choice `k`: down to a follow-up, or to a topic that says more.
    fn activate(&self, c: &Catalog, k: usize) -> Option<Nav> {
        match self.choices(c).get(k)? {
            Choice::Follow(f) => Some(Nav::Walk(Walk::Follow(*f))),
            Choice::Topic(t) => Some(Nav::Go(Go::Topic {
                topic: *t,
                section: None,
            })),
        }
    }

    /// Handles an action on the questions screen; steps through the tree and links followed
    /// are asked of `App::navigate`.
    pub fn update(&mut self, cx: &Cx<'_, '_>, action: Action) -> Option<Nav> {
        let before = self.walk.current();
        let nav = self.act(cx, action);
        if self.walk.current() != before {
            self.link = None;
        }
        nav
    }

    fn act(&mut self, cx: &Cx<'_, '_>, action: Action) -> Option<Nav> {
        let count = self.choices(cx.catalog).len();
        match action {
            // ↓ reads on: the answer scrolls until its end shows, then the choices take the
            // steps; ↑ goes back up the choices, then up the answer. So ↓ alone reaches every
            // word and every choice.
            Action::Up | Action::Down if self.link.is_some() => {
                // Arrows leave the links: Enter opens the selected choice again.
                self.link = None;
                return self.act(cx, action);
            }
            Action::Up if self.choice == 0 => self.scroll = self.scroll.saturating_sub(1),
            Action::Up | Action::WheelUp(Pane::Choices) => {
                self.choice = self.choice.saturating_sub(1);
            }
            Action::Down => {
                if self.scroll < self.answer_room(cx) {
                    self.scroll += 1;
                } else {
                    self.choice = (self.choice + 1).min(count.saturating_sub(1));
                }
            }
            Action::WheelDown(Pane::Choices) => {
                self.choice = (self.choice + 1).min(count.saturating_sub(1));
            }
            Action::First => self.choice = 0,
            Action::Last => self.choice = count.saturating_sub(1),
            Action::PageUp | Action::WheelUp(Pane::Answer) => {
                self.scroll = self.scroll.saturating_sub(3);
            }
            Action::PageDown | Action::WheelDown(Pane::Answer) => {
                self.scroll = self.scroll.saturating_add(3).min(self.answer_room(cx));
            }
            Action::NextLink => self.move_link(cx, true),
            Action::PrevLink => self.move_link(cx, false),
            Action::PickLink(l) => return self.follow_link(cx, l),
            Action::Activate => {
                return match self.link {
                    Some(l) => self.follow_link(cx, l),
                    None => self.activate(cx.catalog, self.choice),
                };
            }
            Action::Pick(Pane::Choices, k) => {
                self.choice = k;
                return self.activate(cx.catalog, k);
            }
            Action::NextQuestion => return Some(Nav::Walk(Walk::Next)),
            Action::PrevQuestion => return Some(Nav::Walk(Walk::Previous)),
            Action::Restart => return Some(Nav::Walk(Walk::Restart)),
            _ => {}
        }
        None
    }
}
