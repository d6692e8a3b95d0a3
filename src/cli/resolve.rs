//! Turning what a user typed into a topic, question, term or comparison items: an exact id or
//! name first, then the search index; anything unknown or ambiguous gets "did you mean" choices.

use std::io::{self, Write};

use crate::compare::{Matrix, Row};
use crate::content::Catalog;
use crate::search::{SearchIndex, Target};

/// How much better the best match must score than the next to count as unambiguous.
const CLEAR_LEAD: f64 = 1.5;
/// How many choices "did you mean" offers.
const SUGGESTIONS: usize = 5;

fn norm(s: &str) -> String {
    s.trim().to_lowercase()
}

/// A title as typed or as written, without the question marks or full stop around it
/// ("what is depression" names "What is depression?", "qué es la depresión" "¿Qué es la depresión?").
fn title_norm(s: &str) -> String {
    norm(s)
        .trim_matches(['?', '.', '!', '¿', '¡'])
        .trim()
        .to_string()
}

/// What a typed name comes to, before anything is reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// One candidate, clearly.
    One(usize),
    /// Several candidates, best first, none clearly ahead (or only a close spelling matched).
    Choices(Vec<usize>),
    /// Nothing matches.
    Nothing,
}

/// Whether the ranked `(index, score)` list clearly points at one candidate.
fn decide((ranked, guessed): &(Vec<(usize, i64)>, bool)) -> Found {
    #[allow(clippy::cast_precision_loss)]
    let clear = match ranked.as_slice() {
        [] => return Found::Nothing,
        // A match found only through a close spelling is offered, never taken silently.
        _ if *guessed => false,
        [_] => true,
        [first, second, ..] => first.1 as f64 >= second.1 as f64 * CLEAR_LEAD,
    };
    if clear {
        Found::One(ranked[0].0)
    } else {
        Found::Choices(ranked.iter().map(|(i, _)| *i).collect())
    }
}

/// Reports anything but one clear candidate on `err` ("no … matches", or "did you mean" choices).
fn report(
    found: Found,
    what: &str,
    typed: &str,
    label: impl Fn(usize) -> String,
    err: &mut dyn Write,
) -> io::Result<Option<usize>> {
    match found {
        Found::One(i) => return Ok(Some(i)),
        Found::Nothing => writeln!(err, "moodguide: no {what} matches '{typed}'")?,
        Found::Choices(choices) => {
            writeln!(
                err,
                "moodguide: '{typed}' could be more than one {what}; did you mean:"
            )?;
            for i in choices.into_iter().take(SUGGESTIONS) {
                writeln!(err, "  {}", label(i))?;
            }
        }
    }
    Ok(None)
}

/// Picks the one candidate the ranked `(index, score)` list clearly points at, or reports choices.
fn pick(
    ranked: &(Vec<(usize, i64)>, bool),
    what: &str,
    typed: &str,
    label: impl Fn(usize) -> String,
    err: &mut dyn Write,
) -> io::Result<Option<usize>> {
    report(decide(ranked), what, typed, label, err)
}

/// Best score per distinct target index, best first, and whether only a close spelling matched.
fn ranked(
    c: &Catalog,
    index: &SearchIndex,
    typed: &str,
    map: impl Fn(Target) -> Option<usize>,
) -> (Vec<(usize, i64)>, bool) {
    let mut out: Vec<(usize, i64)> = Vec::new();
    let results = index.query(c, typed, 60);
    for hit in results.hits {
        if let Some(i) = map(hit.target) {
            match out.iter_mut().find(|(x, _)| *x == i) {
                Some(entry) => entry.1 = entry.1.max(hit.score),
                None => out.push((i, hit.score)),
            }
        }
    }
    out.sort_by_key(|(_, s)| std::cmp::Reverse(*s));
    (out, results.close)
}

/// The topic `typed` names exactly: its id or title, or the id, name or a brand of a
/// comparison item that has a topic ("zoloft"). No search: words that only resemble a name are
/// not a name.
pub fn topic_named(c: &Catalog, typed: &str) -> Option<usize> {
    let t = norm(typed);
    c.topic_index(&t)
        .or_else(|| {
            c.topics
                .iter()
                .position(|x| title_norm(&x.title) == title_norm(&t))
        })
        .or_else(|| {
            c.sets
                .iter()
                .flat_map(|s| &s.items)
                .filter(|i| {
                    norm(i.id.as_str()) == t
                        || norm(&i.name) == t
                        || i.brands.iter().any(|b| norm(b) == t)
                })
                .find_map(|i| c.topic_index(i.topic.as_ref()?.as_str()))
        })
}

/// What `typed` comes to as a topic (an exact id or title, else the search index), reporting
/// nothing.
pub fn topic_found(c: &Catalog, index: &SearchIndex, typed: &str) -> Found {
    if let Some(i) = topic_named(c, typed) {
        return Found::One(i);
    }
    decide(&ranked(c, index, typed, |target| match target {
        Target::Topic { topic, .. } => Some(topic),
        Target::Item { set, item } | Target::Cell { set, item, .. } => c.sets[set].items[item]
            .topic
            .as_ref()
            .and_then(|id| c.topic_index(id.as_str())),
        _ => None,
    }))
}

/// `id  (title)`: how a topic is offered in "did you mean" lists.
pub fn topic_label(c: &Catalog, t: usize) -> String {
    format!("{}  ({})", c.topics[t].id, c.topics[t].title)
}

/// A topic by id, title, or words that name one topic.
pub fn topic(
    c: &Catalog,
    index: &SearchIndex,
    typed: &str,
    err: &mut dyn Write,
) -> io::Result<Option<usize>> {
    report(
        topic_found(c, index, typed),
        "topic",
        typed,
        |i| topic_label(c, i),
        err,
    )
}

/// A section of topic `t` by id or heading.
pub fn section(
    c: &Catalog,
    t: usize,
    typed: &str,
    err: &mut dyn Write,
) -> io::Result<Option<usize>> {
    let s = norm(typed);
    let sections = &c.topics[t].sections;
    if let Some(i) = sections
        .iter()
        .position(|x| x.id.as_str() == s || norm(&x.heading) == s)
    {
        return Ok(Some(i));
    }
    writeln!(
        err,
        "moodguide: topic '{}' has no section '{typed}'; its sections are:",
        c.topics[t].id
    )?;
    for x in sections {
        let id = super::address::quote(&format!("#{}", x.id)).into_owned();
        writeln!(err, "  {id}  ({})", x.heading)?;
    }
    Ok(None)
}

/// A question by id, or words that name one question.
pub fn node(
    c: &Catalog,
    index: &SearchIndex,
    typed: &str,
    err: &mut dyn Write,
) -> io::Result<Option<usize>> {
    if let Some(i) = c.node_index(&norm(typed)) {
        return Ok(Some(i));
    }
    let ranked = ranked(c, index, typed, |target| match target {
        Target::Node(n) => Some(n),
        _ => None,
    });
    let nodes = &c.faq.nodes;
    pick(
        &ranked,
        "question",
        typed,
        |i| format!("{}  ({})", nodes[i].id, nodes[i].question),
        err,
    )
}

/// A glossary term by id, term, alias, or close words.
pub fn term(
    c: &Catalog,
    index: &SearchIndex,
    typed: &str,
    err: &mut dyn Write,
) -> io::Result<Option<usize>> {
    let t = norm(typed);
    let exact = c.term_index(&t).or_else(|| {
        c.glossary
            .iter()
            .position(|g| norm(&g.term) == t || g.aliases.iter().any(|a| norm(a) == t))
    });
    if exact.is_some() {
        return Ok(exact);
    }
    let ranked = ranked(c, index, typed, |target| match target {
        Target::Term(i) => Some(i),
        _ => None,
    });
    pick(
        &ranked,
        "glossary term",
        typed,
        |i| format!("{}  ({})", c.glossary[i].id, c.glossary[i].term),
        err,
    )
}

/// What `compare` shows: a set, which of its items, and optionally one group of rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    /// The set's index.
    pub set: usize,
    /// Which items are chosen, in set order.
    pub chosen: Vec<bool>,
    /// The chosen items in the order they were named (empty: set order).
    pub order: Vec<usize>,
    /// Only this group, if given.
    pub group: Option<usize>,
    /// Patients' rows, or every row with `--staff`.
    pub audience: crate::compare::Audience,
}

impl Pick {
    /// The table for this pick from `set`, one column per chosen item in the order they were
    /// named on the command line (set order when none were).
    #[must_use]
    pub fn matrix<'c>(&self, set: &'c crate::content::CompareSet) -> Matrix<'c> {
        let mut m = Matrix::build(set, &self.chosen, self.audience);
        // Where each column goes: named items in the order named, any others after them.
        let mut perm: Vec<usize> = (0..m.columns.len()).collect();
        perm.sort_by_key(|&k| {
            self.order
                .iter()
                .position(|&i| i == m.columns[k])
                .unwrap_or(usize::MAX)
        });
        m.columns = perm.iter().map(|&k| m.columns[k]).collect();
        for row in &mut m.rows {
            if let Row::Values { cells, .. } = row {
                *cells = perm.iter().map(|&k| cells[k]).collect();
            }
        }
        m
    }
}

/// An item by id, name or brand (any set, or only `only_set`), else by search.
fn item(
    c: &Catalog,
    index: &SearchIndex,
    typed: &str,
    only_set: Option<usize>,
    err: &mut dyn Write,
) -> io::Result<Option<(usize, usize)>> {
    let t = norm(typed);
    let sets = (0..c.sets.len()).filter(|s| only_set.is_none_or(|o| o == *s));
    for s in sets {
        let found = c.sets[s].items.iter().position(|i| {
            norm(i.id.as_str()) == t || norm(&i.name) == t || i.brands.iter().any(|b| norm(b) == t)
        });
        if let Some(i) = found {
            return Ok(Some((s, i)));
        }
    }
    // Flatten (set, item) into one number for ranking.
    let width = c.sets.iter().map(|s| s.items.len()).max().unwrap_or(1);
    let ranked = ranked(c, index, typed, |target| match target {
        Target::Item { set, item } if only_set.is_none_or(|o| o == set) => Some(set * width + item),
        _ => None,
    });
    let label = |k: usize| {
        let it = &c.sets[k / width].items[k % width];
        format!("{}  ({}, in {})", it.id, it.name, c.sets[k / width].id)
    };
    Ok(pick(&ranked, "comparison item", typed, label, err)?.map(|k| (k / width, k % width)))
}

/// Works out the set, items and rows `compare` should show.
pub fn compare(
    c: &Catalog,
    index: &SearchIndex,
    items: &[String],
    set: Option<&str>,
    rows: Option<&str>,
    err: &mut dyn Write,
) -> io::Result<Option<Pick>> {
    let only_set = match set {
        Some(s) => {
            if let Some(i) = c.set_index(&norm(s)) {
                Some(i)
            } else {
                let ids: Vec<&str> = c.sets.iter().map(|s| s.id.as_str()).collect();
                writeln!(
                    err,
                    "moodguide: no comparison set '{s}'; the sets are: {}",
                    ids.join(", ")
                )?;
                return Ok(None);
            }
        }
        None => None,
    };
    let mut found = Vec::new();
    for name in items {
        match item(c, index, name, only_set, err)? {
            Some(f) => found.push(f),
            None => return Ok(None),
        }
    }
    let set = only_set.or_else(|| found.first().map(|f| f.0)).unwrap_or(0);
    if let Some((s, i)) = found.iter().find(|f| f.0 != set) {
        let it = &c.sets[*s].items[*i];
        writeln!(
            err,
            "moodguide: '{}' is in the '{}' set, not '{}'",
            it.name, c.sets[*s].id, c.sets[set].id
        )?;
        return Ok(None);
    }
    let n = c.sets.get(set).map_or(0, |s| s.items.len());
    let chosen = if found.is_empty() {
        vec![true; n]
    } else {
        (0..n).map(|i| found.iter().any(|f| f.1 == i)).collect()
    };
    let group = match rows {
        Some(g) => {
            if let Some(i) = c.sets[set]
                .groups
                .iter()
                .position(|x| x.id.as_str() == norm(g))
            {
                Some(i)
            } else {
                let ids: Vec<&str> = c.sets[set].groups.iter().map(|g| g.id.as_str()).collect();
                writeln!(
                    err,
                    "moodguide: no row group '{g}'; the groups are: {}",
                    ids.join(", ")
                )?;
                return Ok(None);
            }
        }
        None => None,
    };
    let mut order: Vec<usize> = Vec::new();
    for (_, i) in &found {
        if !order.contains(i) {
            order.push(*i);
        }
    }
    Ok(Some(Pick {
        set,
        chosen,
        order,
        group,
        audience: crate::compare::Audience::Patient,
    }))
}
