//! A unit of the index: what a hit opens (a topic, section, question, term, item or cell), its
//! title, lead and searchable texts with their weights, made from the catalog the same way when the
//! index is built and when a hit is shown; and every target of a catalog in index order.
//! Must not import `ratatui` or `crossterm`.

use serde::{Deserialize, Serialize};

use super::Target;
use super::text::clip;
use crate::model::{Catalog, Item};

/// How a field counts toward its unit's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum Class {
    /// Part of the hit title: topic title, section heading, question, term, item name or brand,
    /// row label.
    Title,
    /// The topic title of a section, or the item of a cell: helps, never decides.
    Context,
    /// Another name shown in a snippet: a glossary alias, an item named on its topic.
    Alias,
    /// A way people ask a question (`asked_as`): searched, never shown.
    Asked,
    /// One sentence of body text (a run of list items joined with " · ").
    Body,
}

impl Class {
    /// How much one word of the field counts, in half-words.
    pub(super) fn half_words(self) -> u16 {
        match self {
            Class::Title => 6,
            Class::Alias | Class::Asked => 4,
            Class::Body | Class::Context => 2,
        }
    }

    /// Part of the hit's title (its matches are highlighted there).
    pub(super) fn in_title(self) -> bool {
        matches!(self, Class::Title | Class::Context)
    }
}

/// One searchable text of a unit.
#[derive(Debug, Clone)]
pub(super) struct Field {
    pub class: Class,
    /// Character offset of this text inside the hit title (title classes only).
    pub offset: usize,
    /// The text as shown, whitespace collapsed.
    pub text: String,
}

/// A unit's title, lead (shown when no sentence matched) and searchable texts, made from the
/// catalog the same way when the index is built and when a hit is shown: the index keeps no copy.
pub(super) struct Unit {
    pub title: String,
    pub lead: String,
    pub fields: Vec<Field>,
}

impl Unit {
    fn new(title: String, lead: &str) -> Unit {
        Unit {
            title,
            lead: clip(&collapse(lead), &[]).0,
            fields: Vec::new(),
        }
    }

    fn push(&mut self, class: Class, offset: usize, text: &str) {
        let text = collapse(text);
        if !text.is_empty() {
            self.fields.push(Field {
                class,
                offset,
                text,
            });
        }
    }

    fn body(&mut self, doc: &crate::model::Doc) {
        for s in sentences(doc) {
            self.push(Class::Body, 0, &s);
        }
    }

    /// The unit a target opens.
    pub(super) fn of(c: &Catalog, target: Target) -> Unit {
        match target {
            Target::Topic { topic, section } => {
                let t = &c.topics[topic];
                let title = collapse(&t.title);
                match section {
                    None => {
                        let mut u = Unit::new(title.clone(), &t.summary_doc.plain());
                        u.push(Class::Title, 0, &title);
                        let items = c.sets.iter().flat_map(|s| &s.items);
                        for item in items.filter(|i| i.topic.as_ref() == Some(&t.id)) {
                            u.push(Class::Alias, 0, &item_title(item));
                        }
                        u.body(&t.summary_doc);
                        u
                    }
                    Some(si) => {
                        let sec = &t.sections[si];
                        let heading = collapse(&sec.heading);
                        let mut u = Unit::new(format!("{title} › {heading}"), &sec.doc.plain());
                        u.push(Class::Context, 0, &title);
                        u.push(Class::Title, title.chars().count() + 3, &heading);
                        u.body(&sec.doc);
                        u
                    }
                }
            }
            Target::Node(n) => {
                let node = &c.faq.nodes[n];
                let mut u = Unit::new(collapse(&node.question), &node.doc.plain());
                u.push(Class::Title, 0, &node.question);
                for a in &node.asked_as {
                    u.push(Class::Asked, 0, a);
                }
                u.body(&node.doc);
                u
            }
            Target::Term(g) => {
                let term = &c.glossary[g];
                let mut u = Unit::new(collapse(&term.term), &term.doc.plain());
                u.push(Class::Title, 0, &term.term);
                for alias in &term.aliases {
                    u.push(Class::Alias, 0, alias);
                }
                u.body(&term.doc);
                u
            }
            Target::Item { set, item } => {
                let (s, it) = (&c.sets[set], &c.sets[set].items[item]);
                let mut u = Unit::new(item_title(it), &s.title);
                let name = collapse(&it.name);
                let mut offset = name.chars().count() + 2;
                u.push(Class::Title, 0, &name);
                for brand in &it.brands {
                    let brand = collapse(brand);
                    u.push(Class::Title, offset, &brand);
                    offset += brand.chars().count() + 2;
                }
                u
            }
            Target::Cell {
                set,
                item,
                attribute,
            } => {
                let s = &c.sets[set];
                let (it, attr) = (&s.items[item], &s.attributes[attribute]);
                let text = (s.cells.iter())
                    .find(|x| x.item == it.id && x.attribute == attr.id)
                    .map_or("", |x| x.text.as_str());
                let (name, label) = (collapse(&it.name), collapse(&attr.label));
                let mut u = Unit::new(format!("{name} › {label}"), text);
                u.push(Class::Context, 0, &name);
                u.push(Class::Title, name.chars().count() + 3, &label);
                let mut parts = Vec::new();
                split_sentences(text, &mut parts);
                for p in parts {
                    u.push(Class::Body, 0, &p);
                }
                u
            }
        }
    }
}

/// Every target of a catalog, in index order: topics with their sections, questions, glossary
/// terms, comparison items, then the cells of rows patients see.
pub(super) fn targets(c: &Catalog) -> Vec<Target> {
    let mut out = Vec::new();
    for (topic, t) in c.topics.iter().enumerate() {
        out.push(Target::Topic {
            topic,
            section: None,
        });
        out.extend((0..t.sections.len()).map(|s| Target::Topic {
            topic,
            section: Some(s),
        }));
    }
    out.extend((0..c.faq.nodes.len()).map(Target::Node));
    out.extend((0..c.glossary.len()).map(Target::Term));
    for (set, s) in c.sets.iter().enumerate() {
        out.extend((0..s.items.len()).map(|item| Target::Item { set, item }));
        for (attribute, a) in s.attributes.iter().enumerate().filter(|(_, a)| !a.staff) {
            for cell in s.cells.iter().filter(|x| x.attribute == a.id) {
                if let Some(item) = s.items.iter().position(|i| i.id == cell.item) {
                    out.push(Target::Cell {
                        set,
                        item,
                        attribute,
                    });
                }
            }
        }
    }
    out
}

/// `text` with every run of whitespace made one space, and trimmed.
pub(super) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Name (Brand, Brand)", or just the name when the item has no brands.
fn item_title(item: &Item) -> String {
    let name = collapse(&item.name);
    if item.brands.is_empty() {
        return name;
    }
    let brands: Vec<String> = item.brands.iter().map(|b| collapse(b)).collect();
    format!("{name} ({})", brands.join(", "))
}

/// Sentences of a Markdown document's plain text, with a run of list items joined by " · " into one
/// (so a snippet reads "change the dose · switch to another").
fn sentences(doc: &crate::model::Doc) -> Vec<String> {
    use crate::model::BlockKind;
    let mut out = Vec::new();
    let mut list: Vec<String> = Vec::new();
    for b in &doc.blocks {
        let text: String = b.spans.iter().map(|s| s.text.as_str()).collect();
        if matches!(b.kind, BlockKind::Bullet { .. }) {
            list.push(collapse(&text));
            continue;
        }
        if !list.is_empty() {
            out.push(std::mem::take(&mut list).join(" · "));
        }
        split_sentences(&text, &mut out);
    }
    if !list.is_empty() {
        out.push(list.join(" · "));
    }
    out
}

fn split_sentences(text: &str, out: &mut Vec<String>) {
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let blank_next = chars.peek().is_none_or(|&(_, n)| n.is_whitespace());
        if c == '\n' || (matches!(c, '.' | '!' | '?') && blank_next) {
            let end = i + c.len_utf8();
            out.push(collapse(&text[start..end]));
            start = end;
        }
    }
    out.push(collapse(&text[start..]));
    out.retain(|s| !s.is_empty());
}
