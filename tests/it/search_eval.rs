//! The search evaluation: queries written in people's own words before anyone looked at how the
//! guide words things (`tests/it/eval/queries.toml`, whose header says how), each labelled with the
//! units that answer it. A right answer must be in the top 3 for at least 90% of the answerable
//! queries, and every crisis phrasing must put the help result first. Prints the figures by kind
//! (`cargo test --test it search_eval -- --nocapture`).
#![allow(clippy::unwrap_used)]

use crate::common;

use std::collections::BTreeMap;

use moodguide::content::Catalog;
use moodguide::search::{Hit, Kind, Target};
use serde::Deserialize;

#[derive(Deserialize)]
struct Set {
    query: Vec<Query>,
}

#[derive(Deserialize)]
struct Query {
    q: String,
    kind: String,
    answers: Vec<String>,
}

/// A hit as a label of the set's syntax: "topic:ID#SECTION", "faq:ID", "glossary:ID",
/// "compare:SET/ITEM/ATTRIBUTE", "help".
fn label(c: &Catalog, hit: &Hit) -> String {
    if hit.kind == Kind::Help {
        return "help".into();
    }
    match hit.target {
        Target::Topic { topic, section } => {
            let t = &c.topics[topic];
            match section {
                Some(s) => format!("topic:{}#{}", t.id, t.sections[s].id),
                None => format!("topic:{}", t.id),
            }
        }
        Target::Node(n) => format!("faq:{}", c.faq.nodes[n].id),
        Target::Term(t) => format!("glossary:{}", c.glossary[t].id),
        Target::Item { set, item } => {
            format!("compare:{}/{}", c.sets[set].id, c.sets[set].items[item].id)
        }
        Target::Cell {
            set,
            item,
            attribute,
        } => {
            let s = &c.sets[set];
            format!(
                "compare:{}/{}/{}",
                s.id, s.items[item].id, s.attributes[attribute].id
            )
        }
    }
}

/// Whether a hit's label is the expected one or lies inside it (a section of a topic, a cell of
/// an item).
fn answers(hit: &str, expected: &str) -> bool {
    hit == expected
        || hit
            .strip_prefix(expected)
            .is_some_and(|rest| rest.starts_with('#') || rest.starts_with('/'))
}

/// Whether a label names something the pack has, so a stale label is caught, not silently missed.
fn exists(c: &Catalog, label: &str) -> bool {
    let Some((kind, rest)) = label.split_once(':') else {
        return label == "help";
    };
    match kind {
        "topic" => {
            let (t, s) = rest
                .split_once('#')
                .map_or((rest, None), |(t, s)| (t, Some(s)));
            c.topic_index(t).is_some_and(|i| {
                s.is_none_or(|s| c.topics[i].sections.iter().any(|x| x.id.as_str() == s))
            })
        }
        "faq" => c.node_index(rest).is_some(),
        "glossary" => c.term_index(rest).is_some(),
        "compare" => {
            let parts: Vec<&str> = rest.split('/').collect();
            c.set_index(parts[0]).is_some_and(|s| {
                let set = &c.sets[s];
                parts
                    .get(1)
                    .is_none_or(|i| set.items.iter().any(|x| x.id.as_str() == *i))
                    && parts
                        .get(2)
                        .is_none_or(|a| set.attributes.iter().any(|x| x.id.as_str() == *a))
            })
        }
        _ => false,
    }
}

#[test]
fn people_find_answers_in_their_own_words() {
    evaluate(
        common::catalog(),
        common::index(),
        include_str!("eval/queries.toml"),
        "search evaluation (English guide)",
        (150, 90),
    );
}

/// The Spanish guide, searched by Spanish speakers (`tests/it/eval/queries_es.toml`, written the same
/// way: blind, then labelled from the Spanish content).
#[test]
fn spanish_speakers_find_answers_in_the_spanish_guide() {
    let (c, index) = moodguide::bundle::load_in(moodguide::bundle::Lang::Es).unwrap();
    evaluate(
        &c,
        &index,
        include_str!("eval/queries_es.toml"),
        "search evaluation (Spanish guide)",
        (110, 90),
    );
}

/// Runs one evaluation set: prints the share with a right answer in the top 3 by kind, and
/// requires `percent` overall and the help result first for every crisis phrasing.
fn evaluate(
    c: &Catalog,
    index: &moodguide::search::SearchIndex,
    file: &str,
    title: &str,
    (at_least, percent): (usize, usize),
) {
    let set: Set = toml::from_str(file).unwrap();
    assert!(set.query.len() >= at_least, "{} queries", set.query.len());
    let stale: Vec<String> = (set.query.iter())
        .flat_map(|q| {
            q.answers
                .iter()
                .filter(|a| !exists(c, a))
                .map(|a| format!("{}: {a}", q.q))
        })
        .collect();
    assert!(
        stale.is_empty(),
        "labels naming nothing in the pack: {stale:#?}"
    );
    // kind → (answerable, right in the top 3)
    let mut by_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut crisis_misses = Vec::new();
    let mut unanswered = 0;
    for q in &set.query {
        let results = index.query(c, &q.q, 10);
        let top: Vec<String> = results.hits.iter().take(3).map(|h| label(c, h)).collect();
        if q.answers.is_empty() {
            unanswered += 1;
            continue;
        }
        if q.kind == "crisis" && top.first().map(String::as_str) != Some("help") {
            crisis_misses.push(format!("{} → {top:?}", q.q));
        }
        let right = top.iter().any(|h| q.answers.iter().any(|a| answers(h, a)));
        let e = by_kind.entry(q.kind.as_str()).or_default();
        e.0 += 1;
        e.1 += usize::from(right);
        if !right {
            misses.push(format!("[{}] {} → {top:?}", q.kind, q.q));
        }
    }
    let (total, right) = by_kind
        .values()
        .fold((0, 0), |(t, r), (a, b)| (t + a, r + b));
    println!("{title}: a right answer in the top 3");
    for (kind, (n, ok)) in &by_kind {
        println!("  {kind:<12} {ok:>3} of {n:>3}  ({:.0}%)", pct(*ok, *n));
    }
    println!(
        "  {:<12} {right:>3} of {total:>3}  ({:.1}%)",
        "all",
        pct(right, total)
    );
    println!("  unanswered (content to add): {unanswered}");
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(
        crisis_misses.is_empty(),
        "crisis phrasings without help first: {crisis_misses:#?}"
    );
    assert!(
        right * 100 >= total * percent,
        "{right} of {total} answerable queries have a right answer in the top 3; misses: {misses:#?}"
    );
}

#[allow(clippy::cast_precision_loss)]
fn pct(a: usize, b: usize) -> f64 {
    100.0 * a as f64 / b.max(1) as f64
}
