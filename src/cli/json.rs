//! `--json` output: one JSON document per command, with stable ids, built from serde structs so the
//! shape is written down in one place.

use std::io::{self, Write};

use serde::Serialize;

use super::Outcome;
use super::resolve::Pick;
use crate::compare::Row;
use crate::content::{Catalog, SourceId};

/// Writes one pretty-printed JSON document and a newline; a document that is an object says which
/// language its text is in (`"lang": "en"` or `"es"`).
pub fn write<T: Serialize>(out: &mut dyn Write, lang: &str, value: &T) -> io::Result<Outcome> {
    let mut doc = serde_json::to_value(value).map_err(io::Error::other)?;
    if let serde_json::Value::Object(map) = &mut doc {
        map.insert("lang".into(), serde_json::Value::String(lang.into()));
    }
    // From keeps an I/O error's kind, so a closed pipe stays a closed pipe.
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)?;
    writeln!(out)?;
    Ok(Outcome::Ok)
}

/// A source in full.
#[derive(Serialize)]
pub struct SourceOut<'c> {
    id: &'c str,
    short: &'c str,
    title: &'c str,
    publisher: &'c str,
    year: Option<u16>,
    url: Option<&'c str>,
}

fn sources<'c>(c: &'c Catalog, ids: impl IntoIterator<Item = &'c SourceId>) -> Vec<SourceOut<'c>> {
    ids.into_iter()
        .filter_map(|id| c.source(id))
        .map(|s| SourceOut {
            id: s.id.as_str(),
            short: &s.short,
            title: &s.title,
            publisher: &s.publisher,
            year: s.year,
            url: s.url.as_deref(),
        })
        .collect()
}

fn ids(list: &[SourceId]) -> Vec<&str> {
    list.iter().map(SourceId::as_str).collect()
}

/// The topic tree.
#[derive(Serialize)]
pub struct TopicsOut<'c> {
    categories: Vec<CategoryOut<'c>>,
}

#[derive(Serialize)]
struct CategoryOut<'c> {
    id: &'c str,
    title: &'c str,
    topics: Vec<TopicRef<'c>>,
}

#[derive(Serialize)]
struct TopicRef<'c> {
    id: &'c str,
    title: &'c str,
    sections: Vec<SectionRef<'c>>,
}

#[derive(Serialize)]
struct SectionRef<'c> {
    id: &'c str,
    heading: &'c str,
}

/// The topic tree as JSON.
pub fn topics(c: &Catalog) -> TopicsOut<'_> {
    let categories = c
        .categories
        .iter()
        .enumerate()
        .map(|(ci, cat)| CategoryOut {
            id: cat.id.as_str(),
            title: &cat.title,
            topics: c
                .topics
                .iter()
                .filter(|t| t.category == ci)
                .map(|t| TopicRef {
                    id: t.id.as_str(),
                    title: &t.title,
                    sections: t
                        .sections
                        .iter()
                        .map(|s| SectionRef {
                            id: s.id.as_str(),
                            heading: &s.heading,
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    TopicsOut { categories }
}

/// One topic in full, or one section of it.
#[derive(Serialize)]
pub struct TopicOut<'c> {
    id: &'c str,
    title: &'c str,
    category: &'c str,
    /// The section asked for (`show TOPIC '#section'`), else `null`: the whole topic.
    section: Option<&'c str>,
    /// The main message (whole topics only).
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    /// Sources of the main message (whole topics only).
    #[serde(skip_serializing_if = "Option::is_none")]
    summary_sources: Option<Vec<&'c str>>,
    reviewed: &'c str,
    sections: Vec<SectionOut<'c>>,
    sources: Vec<SourceOut<'c>>,
}

#[derive(Serialize)]
struct SectionOut<'c> {
    id: &'c str,
    heading: &'c str,
    text: String,
    sources: Vec<&'c str>,
}

/// Topic `t` as JSON: plain text (no Markdown), sources cited by id and listed in full. With
/// `section`, only that section and the sources it cites (the text command prints the same).
pub fn topic(c: &Catalog, t: usize, section: Option<usize>) -> TopicOut<'_> {
    let topic = &c.topics[t];
    let chosen = |i: &usize| section.is_none_or(|s| s == *i);
    let sections: Vec<SectionOut<'_>> = topic
        .sections
        .iter()
        .enumerate()
        .filter(|(i, _)| chosen(i))
        .map(|(_, s)| SectionOut {
            id: s.id.as_str(),
            heading: &s.heading,
            text: s.doc.plain(),
            sources: ids(&s.sources),
        })
        .collect();
    let sources = match section.and_then(|s| topic.sections.get(s)) {
        Some(s) => {
            let mut cited: Vec<&SourceId> = Vec::new();
            for id in &s.sources {
                if !cited.contains(&id) {
                    cited.push(id);
                }
            }
            self::sources(c, cited)
        }
        None => self::sources(c, topic.all_sources()),
    };
    let whole = section.is_none();
    TopicOut {
        id: topic.id.as_str(),
        title: &topic.title,
        category: c.categories[topic.category].id.as_str(),
        section: section
            .and_then(|s| topic.sections.get(s))
            .map(|s| s.id.as_str()),
        summary: whole.then(|| topic.summary_doc.plain()),
        summary_sources: whole.then(|| ids(&topic.summary_sources)),
        reviewed: &topic.reviewed,
        sections,
        sources,
    }
}

/// A comparison table.
#[derive(Serialize)]
pub struct CompareOut<'c> {
    set: &'c str,
    title: &'c str,
    items: Vec<ItemOut<'c>>,
    groups: Vec<GroupOut<'c>>,
}

#[derive(Serialize)]
struct ItemOut<'c> {
    id: &'c str,
    name: &'c str,
    brands: &'c [String],
    topic: Option<&'c str>,
}

#[derive(Serialize)]
struct GroupOut<'c> {
    title: &'c str,
    rows: Vec<RowOut<'c>>,
}

#[derive(Serialize)]
struct RowOut<'c> {
    attribute: &'c str,
    label: &'c str,
    /// True for a staff-only row (only with `--staff`).
    staff: bool,
    /// The row's scale of levels, in order; empty when its levels are free short values.
    levels: &'c [String],
    /// True when the cells' levels are not all the same (never the wording).
    differs: bool,
    cells: Vec<CellOut<'c>>,
}

#[derive(Serialize)]
struct CellOut<'c> {
    item: &'c str,
    /// `null` when there is no reviewed value.
    text: Option<&'c str>,
    /// The value in a few words, what `differs` compares; `null` with no cell or no level.
    level: Option<&'c str>,
    sources: Vec<&'c str>,
}

/// The chosen comparison as JSON.
pub fn compare<'c>(c: &'c Catalog, pick: &Pick) -> CompareOut<'c> {
    let set = &c.sets[pick.set];
    let m = pick.matrix(set);
    let only = pick.group.map(|g| set.groups[g].title.as_str());
    let mut groups: Vec<GroupOut<'c>> = Vec::new();
    for row in m.rows {
        match row {
            Row::Group { title } => groups.push(GroupOut {
                title,
                rows: Vec::new(),
            }),
            Row::Values {
                attribute,
                label,
                cells,
                differs,
            } => {
                let Some(g) = groups.last_mut() else { continue };
                g.rows.push(RowOut {
                    attribute: set.attributes[attribute].id.as_str(),
                    label,
                    staff: set.attributes[attribute].staff,
                    levels: &set.attributes[attribute].levels,
                    differs,
                    cells: m
                        .columns
                        .iter()
                        .zip(cells)
                        .map(|(&i, cell)| CellOut {
                            item: set.items[i].id.as_str(),
                            text: cell.map(|x| x.text.as_str()),
                            level: cell.and_then(|x| x.level.as_deref()),
                            sources: cell.map(|x| ids(&x.sources)).unwrap_or_default(),
                        })
                        .collect(),
                });
            }
        }
    }
    groups.retain(|g| only.is_none_or(|o| o == g.title));
    CompareOut {
        set: set.id.as_str(),
        title: &set.title,
        items: m
            .columns
            .iter()
            .map(|&i| {
                let it = &set.items[i];
                ItemOut {
                    id: it.id.as_str(),
                    name: &it.name,
                    brands: &it.brands,
                    topic: it
                        .topic
                        .as_ref()
                        .map(super::super::content::TopicId::as_str),
                }
            })
            .collect(),
        groups,
    }
}

/// A question in full.
#[derive(Serialize)]
pub struct NodeOut<'c> {
    id: &'c str,
    question: &'c str,
    answer: String,
    /// The question this one follows from (`null` for the first question).
    parent: Option<&'c str>,
    /// Levels below the first question.
    depth: usize,
    /// Ids from the first question to this one (single-question output only).
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<Vec<&'c str>>,
    follow: Vec<&'c str>,
    more: Vec<&'c str>,
    sources: Vec<SourceOut<'c>>,
}

/// Question `n` as JSON, with its path from the first question.
pub fn node(c: &Catalog, n: usize) -> NodeOut<'_> {
    let path = crate::faq::path_to(&c.faq, n).unwrap_or_default();
    let parent = path.len().checked_sub(2).map(|i| path[i]);
    let mut out = node_with(c, n, parent, path.len().saturating_sub(1));
    out.path = Some(path.iter().map(|&i| c.faq.nodes[i].id.as_str()).collect());
    out
}

fn node_with(c: &Catalog, n: usize, parent: Option<usize>, depth: usize) -> NodeOut<'_> {
    let node = &c.faq.nodes[n];
    NodeOut {
        id: node.id.as_str(),
        question: &node.question,
        answer: node.doc.plain(),
        parent: parent.map(|p| c.faq.nodes[p].id.as_str()),
        depth,
        path: None,
        follow: node
            .follow
            .iter()
            .map(crate::content::NodeId::as_str)
            .collect(),
        more: node
            .more
            .iter()
            .map(crate::content::TopicId::as_str)
            .collect(),
        sources: sources(c, &node.sources),
    }
}

/// The whole questions tree.
#[derive(Serialize)]
pub struct FaqOut<'c> {
    root: &'c str,
    nodes: Vec<NodeOut<'c>>,
}

/// The questions tree as JSON, nodes in reading order, each with its parent and depth (a path per
/// node would make a deep tree's output grow with the square of its depth).
pub fn faq(c: &Catalog) -> FaqOut<'_> {
    let parents = crate::faq::parents(&c.faq);
    let depths = crate::faq::depths(&c.faq);
    FaqOut {
        root: c.faq.root.as_str(),
        nodes: crate::faq::reading_order(&c.faq)
            .into_iter()
            .map(|n| node_with(c, n, parents[n], depths[n]))
            .collect(),
    }
}

/// Glossary entries.
#[derive(Serialize)]
pub struct TermOut<'c> {
    id: &'c str,
    term: &'c str,
    aliases: &'c [String],
    definition: String,
    sources: Vec<&'c str>,
}

/// One term (as a one-element list) or the whole glossary in alphabetical order, as JSON.
pub fn glossary(c: &Catalog, term: Option<usize>) -> Vec<TermOut<'_>> {
    let pick: Vec<usize> = term.map_or_else(|| super::collate::glossary_order(c), |t| vec![t]);
    pick.into_iter()
        .map(|t| {
            let g = &c.glossary[t];
            TermOut {
                id: g.id.as_str(),
                term: &g.term,
                aliases: &g.aliases,
                definition: g.doc.plain(),
                sources: ids(&g.sources),
            }
        })
        .collect()
}
