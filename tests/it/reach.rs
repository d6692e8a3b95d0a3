//! Every word within reach: a reader who only presses ↓ sees every word of every question (and
//! each of its choices), every topic and every popup, at 80x24 and 60x20, in the guide and in the
//! kiosk. Each unit is opened, ↓ is pressed until nothing changes, and every word of the unit must
//! have been on screen at some point.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::collections::HashSet;

use crate::common::{render, text};
use moodguide::app::questions::{Choice, choices};
use moodguide::app::{self, Action, App, Overlay, Screen};
use moodguide::page::{self, Page};
use moodguide::search::Target;

const SIZES: [(u16, u16); 2] = [(80, 24), (60, 20)];

/// The words of `s`: runs of letters and digits (wrapping may split at a hyphen or slash).
fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn page_words(p: &Page) -> Vec<String> {
    p.lines
        .iter()
        .flat_map(|l| l.line.spans.iter())
        .flat_map(|s| words(&s.text).collect::<Vec<_>>())
        .collect()
}

fn fresh(kiosk: bool, (w, h): (u16, u16)) -> App<'static> {
    let (c, ix) = (common::catalog(), common::index());
    if kiosk {
        let mut a = App::kiosk(c, ix, (w, h), None);
        app::update(&mut a, Action::StartVisit);
        a
    } else {
        App::new(c, ix, (w, h))
    }
}

/// Presses ↓ until the app stops changing, and returns every word that was on screen.
fn read_down(mut a: App<'static>) -> HashSet<String> {
    // Settles what the opened unit shows, as any key would.
    let (w, h) = a.size;
    app::update(&mut a, Action::Resize(w, h));
    let mut seen: HashSet<String> = words(&text(&render(&a))).collect();
    for _ in 0..2000 {
        let before = a.clone();
        app::update(&mut a, Action::Down);
        seen.extend(words(&text(&render(&a))));
        if a == before {
            return seen;
        }
    }
    panic!("↓ never came to an end");
}

fn missing(expected: &[String], seen: &HashSet<String>) -> Vec<String> {
    let mut out: Vec<String> = expected
        .iter()
        .filter(|w| !seen.contains(*w))
        .cloned()
        .collect();
    out.dedup();
    out
}

#[test]
fn down_alone_reaches_every_word_of_every_question() {
    let c = common::catalog();
    for size in SIZES {
        for kiosk in [false, true] {
            for n in 0..c.faq.nodes.len() {
                let mut a = fresh(kiosk, size);
                a.open_target(Target::Node(n));
                let mut expected: Vec<String> = words(&c.faq.nodes[n].question).collect();
                expected.extend(page_words(&page::answer(c, n, 60)));
                a.screen = Screen::Questions;
                for choice in choices(&a) {
                    let label = match choice {
                        Choice::Follow(f) => {
                            let id = &c.faq.nodes[n].follow[f];
                            let i = c.node_index(id.as_str()).unwrap();
                            c.faq.nodes[i].question.clone()
                        }
                        Choice::Topic(t) => c.topics[t].title.clone(),
                    };
                    expected.extend(words(&label));
                }
                let lost = missing(&expected, &read_down(a));
                assert!(
                    lost.is_empty(),
                    "question {:?} at {size:?} (kiosk {kiosk}): never shown with ↓ alone: {lost:?}",
                    c.faq.nodes[n].id
                );
            }
        }
    }
}

#[test]
fn down_alone_reaches_every_word_of_every_topic() {
    let c = common::catalog();
    for size in SIZES {
        for kiosk in [false, true] {
            for t in 0..c.topics.len() {
                let mut a = fresh(kiosk, size);
                a.open_target(Target::Topic {
                    topic: t,
                    section: None,
                });
                let expected = page_words(&page::topic(c, t, 60));
                let lost = missing(&expected, &read_down(a));
                assert!(
                    lost.is_empty(),
                    "topic {:?} at {size:?} (kiosk {kiosk}): never shown with ↓ alone: {lost:?}",
                    c.topics[t].id
                );
            }
        }
    }
}

#[test]
fn down_alone_reaches_every_word_of_every_popup() {
    let c = common::catalog();
    for size in SIZES {
        for kiosk in [false, true] {
            let mut popups: Vec<(Overlay, Vec<String>)> = (0..c.glossary.len())
                .map(|term| {
                    (
                        Overlay::Glossary {
                            term,
                            scroll: 0,
                            link: None,
                        },
                        page_words(&page::term(c, term, 60)),
                    )
                })
                .collect();
            popups.push((
                Overlay::Help { scroll: 0 },
                words(&c.meta.disclaimer).collect(),
            ));
            for (popup, expected) in popups {
                let mut a = fresh(kiosk, size);
                a.overlay = Some(popup);
                let lost = missing(&expected, &read_down(a));
                assert!(
                    lost.is_empty(),
                    "popup {popup:?} at {size:?} (kiosk {kiosk}): never shown with ↓ alone: {lost:?}"
                );
            }
            // Every comparison cell, opened from the table.
            for set in 0..c.sets.len() {
                let mut a = fresh(kiosk, size);
                a.open_target(Target::Item { set, item: 0 });
                app::update(&mut a, Action::Resize(size.0, size.1));
                let m = moodguide::app::compare::matrix(&a).unwrap();
                for (row, &r) in m.value_rows().iter().enumerate() {
                    let moodguide::compare::Row::Values { cells, .. } = &m.rows[r] else {
                        unreachable!()
                    };
                    for (col, cell) in cells.iter().enumerate() {
                        let Some(cell) = cell else { continue };
                        let mut b = a.clone();
                        b.overlay = Some(Overlay::Cell {
                            row,
                            col,
                            scroll: 0,
                        });
                        let expected: Vec<String> = words(&cell.text).collect();
                        let lost = missing(&expected, &read_down(b));
                        assert!(
                            lost.is_empty(),
                            "cell {row},{col} of set {set} at {size:?} (kiosk {kiosk}): {lost:?}"
                        );
                    }
                }
            }
        }
    }
}
