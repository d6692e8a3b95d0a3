//! The rules of the questions tree (a well-formed tree, known targets), the summary's words
//! and `matters.toml`.
//! Must not import `ratatui` or `crossterm`.

use std::collections::{HashMap, HashSet};

use super::Checker;
use crate::model::{Faq, MATTERS};

pub(super) fn check_faq(c: &mut Checker<'_, '_>) {
    const F: &str = "faq.toml";
    let raw = c.raw;
    let faq = &raw.faq;
    c.unique(
        F,
        "question",
        false,
        faq.nodes.iter().map(|n| n.id.as_str()),
    );
    let by_id: HashMap<&str, usize> = faq
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let root = by_id.get(faq.root.as_str()).copied();
    if root.is_none() {
        c.err(
            F,
            faq.root.as_str(),
            format!("root question '{}' is not defined", faq.root),
        );
    }
    let mut parent: HashMap<&str, &str> = HashMap::new();
    for n in &faq.nodes {
        let id = n.id.as_str();
        c.text(F, id, "question", &n.question);
        for a in &n.asked_as {
            c.text(F, id, "asked_as", a);
        }
        c.unit(F, id, "answer", &n.answer, &n.doc.plain(), &n.sources);
        c.links(F, id, &n.doc);
        let unknown: Vec<_> = n
            .more
            .iter()
            .filter(|t| !c.topics.contains_key(t.as_str()))
            .collect();
        for t in unknown {
            c.err(F, id, format!("'more' names unknown topic '{t}'"));
        }
        for f in &n.follow {
            if !by_id.contains_key(f.as_str()) {
                c.err(F, id, format!("follow-up '{f}' is not defined"));
            } else if f == &faq.root {
                c.err(
                    F,
                    id,
                    format!("follow-up '{f}' is the root: that makes a cycle"),
                );
            } else if let Some(p) = parent.insert(f.as_str(), id) {
                c.err(
                    F,
                    f.as_str(),
                    format!("question '{f}' is a follow-up of both '{p}' and '{id}'"),
                );
            }
        }
    }
    // Walk from the root by id; anything not reached is unreachable or only reachable in a cycle.
    let mut reached: HashSet<&str> = HashSet::new();
    let mut stack: Vec<usize> = root.into_iter().collect();
    while let Some(i) = stack.pop() {
        if !reached.insert(faq.nodes[i].id.as_str()) {
            continue;
        }
        stack.extend(
            faq.nodes[i]
                .follow
                .iter()
                .filter_map(|f| by_id.get(f.as_str()).copied()),
        );
    }
    if root.is_none() {
        return;
    }
    for (i, n) in faq.nodes.iter().enumerate() {
        let id = n.id.as_str();
        if reached.contains(id) {
            continue;
        }
        if in_cycle(faq, &by_id, i) {
            c.err(
                F,
                id,
                format!("question '{id}' is in a cycle of follow-ups"),
            );
        } else {
            c.err(
                F,
                id,
                format!(
                    "question '{id}' cannot be reached from the root '{}'",
                    faq.root
                ),
            );
        }
    }
}

/// True if following `follow` links from node `start` leads back to it.
fn in_cycle(faq: &Faq, by_id: &HashMap<&str, usize>, start: usize) -> bool {
    let mut seen = vec![false; faq.nodes.len()];
    let mut stack: Vec<usize> = vec![start];
    while let Some(i) = stack.pop() {
        for f in &faq.nodes[i].follow {
            match by_id.get(f.as_str()) {
                Some(&j) if j == start => return true,
                Some(&j) if !std::mem::replace(&mut seen[j], true) => stack.push(j),
                _ => {}
            }
        }
    }
    false
}

/// The take-away summary's words in `ui.toml` keep the places their numbers and titles go.
pub(super) fn check_summary_words(c: &mut Checker<'_, '_>) {
    let ui = &c.raw.ui;
    let needs = [
        (
            "summary_ask",
            &ui.summary_ask,
            "{what}",
            "the title of what to ask about",
        ),
        (
            "summary_part",
            &ui.summary_part,
            "{n}",
            "the number of the code",
        ),
        (
            "summary_part",
            &ui.summary_part,
            "{total}",
            "how many codes there are",
        ),
        (
            "summary_print_failed",
            &ui.summary_print_failed,
            "{reason}",
            "why printing did not work",
        ),
        (
            "summary_saving",
            &ui.summary_saving,
            "{path}",
            "the file's name",
        ),
        (
            "summary_saved",
            &ui.summary_saved,
            "{path}",
            "the file's name",
        ),
        (
            "summary_save_failed",
            &ui.summary_save_failed,
            "{reason}",
            "why saving did not work",
        ),
    ];
    for (key, value, slot, what) in needs {
        if !value.contains(slot) {
            c.err(
                "ui.toml",
                key,
                format!("{key} must contain {slot}, where {what} goes"),
            );
        }
    }
}

/// `matters.toml` (when the pack has one): ids well formed and unique, every text clean, every
/// concern about rows that exist (a set, a group of that set, rows of that group), and every ready
/// question's concern defined.
pub(super) fn check_matters(c: &mut Checker<'_, '_>) {
    let raw = c.raw;
    if !raw.files.contains_key(MATTERS) {
        return;
    }
    let m = &raw.matters;
    c.text(MATTERS, "intro", "intro", &m.intro);
    c.unique(
        MATTERS,
        "concern",
        false,
        m.concerns.iter().map(|x| x.id.as_str()),
    );
    c.unique(
        MATTERS,
        "question",
        false,
        m.questions.iter().map(|x| x.id.as_str()),
    );
    for concern in &m.concerns {
        let id = concern.id.as_str();
        c.text(MATTERS, id, "label", &concern.label);
        if concern.covers.is_empty() {
            c.err(
                MATTERS,
                id,
                "a concern needs at least one [[concern.covers]] of comparison rows",
            );
        }
        for cover in &concern.covers {
            let Some((_, set)) = raw.sets.iter().find(|(_, s)| s.id == cover.set) else {
                c.err(
                    MATTERS,
                    id,
                    format!("covers unknown comparison set '{}'", cover.set),
                );
                continue;
            };
            if !set.groups.iter().any(|g| g.id == cover.group) {
                let message = format!(
                    "covers group '{}', which comparison set '{}' does not have",
                    cover.group, cover.set
                );
                c.err(MATTERS, id, message);
                continue;
            }
            for row in &cover.rows {
                let found = set.attributes.iter().find(|a| &a.id == row);
                let problem = match found {
                    None => Some(format!(
                        "covers row '{row}', which comparison set '{}' does not have",
                        cover.set
                    )),
                    Some(a) if a.group != cover.group => Some(format!(
                        "covers row '{row}', which is in group '{}', not '{}'",
                        a.group, cover.group
                    )),
                    Some(_) => None,
                };
                if let Some(p) = problem {
                    c.err(MATTERS, id, p);
                }
            }
        }
    }
    for q in &m.questions {
        let id = q.id.as_str();
        c.text(MATTERS, id, "text", &q.text);
        let unknown = q
            .concern
            .as_ref()
            .filter(|k| !m.concerns.iter().any(|x| &x.id == *k));
        if let Some(k) = unknown {
            c.err(
                MATTERS,
                id,
                format!("question is for unknown concern '{k}'"),
            );
        }
    }
}
