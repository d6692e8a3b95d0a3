//! What a reader can ask about or has read: a topic or one of its sections, a question of the
//! questions tree, a glossary term, a comparison set, item or cell, or a ready question. Held by
//! id, so a list made in one language reads the same in the other; written as an address
//! (`faq:ID`, `topic:ID#SECTION`, `compare:SET/ITEM/ROW`, …) on the command line.
//! Must not import `ratatui` or `crossterm`.

use std::fmt;

use crate::content::{
    AttrId, Catalog, CompareSet, ItemId, NodeId, ReadyId, SectionId, SetId, TermId, TopicId,
};
use crate::search::Target;

/// One thing in the guide a reader can ask about or has read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    /// A topic (`topic:ID`), or one of its sections (`topic:ID#SECTION`).
    Topic {
        /// The topic.
        topic: TopicId,
        /// The section, when only one is meant.
        section: Option<SectionId>,
    },
    /// A question of the questions tree (`faq:ID`).
    Question(NodeId),
    /// A glossary term (`glossary:ID`).
    Term(TermId),
    /// A whole comparison set (`compare:SET`).
    Set(SetId),
    /// One item of a comparison set (`compare:SET/ITEM`).
    Item {
        /// The set.
        set: SetId,
        /// The item (column).
        item: ItemId,
    },
    /// One cell of a comparison set: an item's value for one row (`compare:SET/ITEM/ROW`).
    Cell {
        /// The set.
        set: SetId,
        /// The item (column).
        item: ItemId,
        /// The row.
        attribute: AttrId,
    },
    /// A ready question from `matters.toml` (`ready:ID`).
    Ready(ReadyId),
}

/// The address prefixes, in the order `--help` and error messages list them.
pub const PREFIXES: [&str; 5] = ["faq:", "topic:", "glossary:", "compare:", "ready:"];

impl Subject {
    /// Reads an address with its prefix (`faq:ID`, `topic:ID`, `topic:ID#SECTION`,
    /// `glossary:ID`, `compare:SET`, `compare:SET/ITEM`, `compare:SET/ITEM/ROW`, `ready:ID`).
    /// Only the form is checked: [`Subject::title`] says whether the catalog has it.
    #[must_use]
    pub fn parse(address: &str) -> Option<Subject> {
        let (kind, rest) = address.trim().split_once(':')?;
        let rest = rest.trim();
        let word = |s: &str| !s.is_empty() && !s.contains(char::is_whitespace);
        let subject = match kind.trim() {
            "topic" => match rest.split_once('#') {
                Some((t, s)) if word(t) && word(s) => Subject::Topic {
                    topic: TopicId(t.into()),
                    section: Some(SectionId(s.into())),
                },
                None if word(rest) => Subject::Topic {
                    topic: TopicId(rest.into()),
                    section: None,
                },
                _ => return None,
            },
            "faq" if word(rest) => Subject::Question(NodeId(rest.into())),
            "glossary" if word(rest) => Subject::Term(TermId(rest.into())),
            "ready" if word(rest) => Subject::Ready(ReadyId(rest.into())),
            "compare" => {
                let parts: Vec<&str> = rest.split('/').collect();
                if !parts.iter().all(|p| word(p)) {
                    return None;
                }
                match parts.as_slice() {
                    [s] => Subject::Set(SetId((*s).into())),
                    [s, i] => Subject::Item {
                        set: SetId((*s).into()),
                        item: ItemId((*i).into()),
                    },
                    [s, i, a] => Subject::Cell {
                        set: SetId((*s).into()),
                        item: ItemId((*i).into()),
                        attribute: AttrId((*a).into()),
                    },
                    _ => return None,
                }
            }
            _ => return None,
        };
        Some(subject)
    }

    /// Every subject whose id is `id` alone, without a prefix (`will-my-ssri-work`,
    /// `sertraline#stopping`, `ssris/sertraline/sexual`): none, one, or several when kinds share
    /// an id (a topic and a glossary term both called `ect`, say).
    #[must_use]
    pub fn find(c: &Catalog, id: &str) -> Vec<Subject> {
        let id = id.trim();
        let kinds = if id.contains('/') {
            vec!["compare"]
        } else if id.contains('#') {
            vec!["topic"]
        } else {
            vec!["ready", "faq", "topic", "glossary", "compare"]
        };
        kinds
            .into_iter()
            .filter_map(|k| Subject::parse(&format!("{k}:{id}")))
            .filter(|s| s.title(c).is_some())
            .collect()
    }

    /// What a search hit or a screen's place points at, as a subject.
    #[must_use]
    pub fn from_target(c: &Catalog, target: Target) -> Subject {
        match target {
            Target::Topic { topic, section } => {
                let t = &c.topics[topic];
                Subject::Topic {
                    topic: t.id.clone(),
                    section: section.map(|s| t.sections[s].id.clone()),
                }
            }
            Target::Node(n) => Subject::Question(c.faq.nodes[n].id.clone()),
            Target::Term(t) => Subject::Term(c.glossary[t].id.clone()),
            Target::Item { set, item } => Subject::Item {
                set: c.sets[set].id.clone(),
                item: c.sets[set].items[item].id.clone(),
            },
            Target::Cell {
                set,
                item,
                attribute,
            } => Subject::Cell {
                set: c.sets[set].id.clone(),
                item: c.sets[set].items[item].id.clone(),
                attribute: c.sets[set].attributes[attribute].id.clone(),
            },
        }
    }

    /// Its title in `c`'s language ("Sertraline › Sexual side effects" for a cell), or `None`
    /// when the catalog has no such thing.
    #[must_use]
    pub fn title(&self, c: &Catalog) -> Option<String> {
        let set = |id: &SetId| c.set_index(id.as_str()).map(|i| &c.sets[i]);
        let item = |s: &CompareSet, id: &ItemId| s.items.iter().find(|x| &x.id == id).cloned();
        match self {
            Subject::Topic { topic, section } => {
                let t = &c.topics[c.topic_index(topic.as_str())?];
                match section {
                    None => Some(t.title.clone()),
                    Some(s) => {
                        let sec = t.sections.iter().find(|x| &x.id == s)?;
                        Some(format!("{} › {}", t.title, sec.heading))
                    }
                }
            }
            Subject::Question(n) => Some(c.faq.nodes[c.node_index(n.as_str())?].question.clone()),
            Subject::Term(t) => Some(c.glossary[c.term_index(t.as_str())?].term.clone()),
            Subject::Set(s) => Some(set(s)?.title.clone()),
            Subject::Item { set: s, item: i } => Some(item(set(s)?, i)?.name),
            Subject::Cell {
                set: s,
                item: i,
                attribute,
            } => {
                let s = set(s)?;
                let name = item(s, i)?.name;
                let row = s.attributes.iter().find(|a| &a.id == attribute)?;
                Some(format!("{name} › {}", row.label))
            }
            Subject::Ready(r) => c
                .matters
                .questions
                .iter()
                .find(|q| &q.id == r)
                .map(|q| q.text.clone()),
        }
    }

    /// The line a reader's list shows for it: a ready question as it is written, anything else
    /// as "Ask about: TITLE" in `c`'s words; `None` when the catalog has no such thing.
    #[must_use]
    pub fn ask(&self, c: &Catalog) -> Option<String> {
        let title = self.title(c)?;
        Some(match self {
            Subject::Ready(_) => title,
            _ => c.ui.summary_ask.replace("{what}", &title),
        })
    }
}

impl fmt::Display for Subject {
    /// The address [`Subject::parse`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Topic {
                topic,
                section: None,
            } => write!(f, "topic:{topic}"),
            Subject::Topic {
                topic,
                section: Some(s),
            } => write!(f, "topic:{topic}#{s}"),
            Subject::Question(n) => write!(f, "faq:{n}"),
            Subject::Term(t) => write!(f, "glossary:{t}"),
            Subject::Set(s) => write!(f, "compare:{s}"),
            Subject::Item { set, item } => write!(f, "compare:{set}/{item}"),
            Subject::Cell {
                set,
                item,
                attribute,
            } => write!(f, "compare:{set}/{item}/{attribute}"),
            Subject::Ready(r) => write!(f, "ready:{r}"),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn an_address_reads_back_as_it_is_written() {
        for a in [
            "topic:sertraline",
            "topic:sertraline#stopping",
            "faq:will-my-ssri-work",
            "glossary:remission",
            "compare:ssris",
            "compare:ssris/sertraline",
            "compare:ssris/sertraline/sexual",
            "ready:insurance",
        ] {
            let s = Subject::parse(a).unwrap_or_else(|| panic!("{a} parses"));
            assert_eq!(s.to_string(), a);
        }
    }

    #[test]
    fn a_malformed_address_is_refused() {
        for a in [
            "sertraline",
            "topic:",
            "topic:a#",
            "faq:two words",
            "compare:a/b/c/d",
            "compare:a//c",
            "book:x",
        ] {
            assert_eq!(Subject::parse(a), None, "{a}");
        }
    }
}
