//! The rules a content pack must pass: unique ids, known link targets and sources, a well-formed
//! questions tree, comparison cells for known items, no control characters. Every problem names its
//! file, line and item id. Must not import `ratatui` or `crossterm`.

use std::collections::{HashMap, HashSet};

use crate::content::{
    Category, CompareSet, ContentError, Faq, Meta, PackFile, Source, SourceId, Term, Topic, UiText,
    line_col,
};
use crate::markup::{Doc, LinkTarget};

/// A pack as parsed, before it becomes a [`crate::content::Catalog`].
pub(crate) struct Raw<'a> {
    pub files: &'a HashMap<&'a str, &'a PackFile>,
    pub meta: Meta,
    pub ui: UiText,
    pub sources: Vec<Source>,
    pub glossary: Vec<Term>,
    pub categories: Vec<Category>,
    pub topics: Vec<(String, Topic)>,
    pub sets: Vec<(String, CompareSet)>,
    pub faq: Faq,
}

/// Number of entries on the home menu; `ui.home_hints` needs one line for each.
pub const HOME_ENTRIES: usize = 5;

/// True for characters content may not contain: control characters other than newline and tab
/// (escape sequences start with one) and the bidirectional overrides that can disguise text.
#[must_use]
pub fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t' && c != '\r')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Builds a problem for `file`, placed at the line where item `id` is defined when it can be found.
pub(crate) fn locate(
    files: &HashMap<&str, &PackFile>,
    file: &str,
    id: Option<&str>,
    message: impl Into<String>,
) -> ContentError {
    let (line, column) = match (files.get(file), id) {
        (Some(f), Some(id)) => {
            let quoted = format!("\"{id}\"");
            let at = f
                .text
                .find(&format!("id = {quoted}"))
                .or_else(|| f.text.find(&quoted));
            at.map_or((1, 1), |o| line_col(&f.text, o))
        }
        _ => (1, 1),
    };
    ContentError {
        file: file.to_string(),
        line,
        column,
        id: id.map(str::to_string),
        message: message.into(),
    }
}

struct Checker<'r, 'a> {
    raw: &'r Raw<'a>,
    errors: &'r mut Vec<ContentError>,
    sources: HashSet<&'r str>,
    topics: HashMap<&'r str, &'r Topic>,
    terms: HashSet<&'r str>,
    nodes: HashSet<&'r str>,
    sets: HashSet<&'r str>,
}

impl Checker<'_, '_> {
    fn err(&mut self, file: &str, id: &str, message: impl Into<String>) {
        let e = locate(self.raw.files, file, Some(id), message);
        self.errors.push(e);
    }

    fn text(&mut self, file: &str, id: &str, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.err(file, id, format!("{field} is empty"));
        }
        if let Some(c) = value.chars().find(|c| is_forbidden_char(*c)) {
            self.err(
                file,
                id,
                format!("{field} contains control character U+{:04X}", c as u32),
            );
        }
    }

    /// A unit of reader text: its sources must be defined, and a number needs a source.
    fn unit(&mut self, file: &str, id: &str, field: &str, value: &str, sources: &[SourceId]) {
        self.text(file, id, field, value);
        for s in sources {
            if !self.sources.contains(s.as_str()) {
                self.err(
                    file,
                    id,
                    format!("cites source '{s}', which sources.toml does not define"),
                );
            }
        }
        if sources.is_empty() && value.chars().any(|c| c.is_ascii_digit()) {
            self.err(
                file,
                id,
                format!("{field} contains a number but cites no source"),
            );
        }
    }

    fn links(&mut self, file: &str, id: &str, doc: &Doc) {
        for link in &doc.links {
            let problem = match link {
                LinkTarget::Topic { topic, section } => match self.topics.get(topic.as_str()) {
                    None => Some(format!("links to unknown topic '{topic}'")),
                    Some(t) => section
                        .as_ref()
                        .filter(|s| !t.sections.iter().any(|x| &x.id == *s))
                        .map(|s| format!("links to unknown section '{s}' of topic '{topic}'")),
                },
                LinkTarget::Glossary(t) => (!self.terms.contains(t.as_str()))
                    .then(|| format!("links to unknown glossary term '{t}'")),
                LinkTarget::Faq(n) => (!self.nodes.contains(n.as_str()))
                    .then(|| format!("links to unknown question '{n}'")),
                LinkTarget::Compare(s) => (!self.sets.contains(s.as_str()))
                    .then(|| format!("links to unknown comparison set '{s}'")),
            };
            if let Some(p) = problem {
                self.err(file, id, p);
            }
        }
    }

    fn unique<'x>(&mut self, file: &str, what: &str, ids: impl IntoIterator<Item = &'x str>) {
        let mut seen = HashSet::new();
        for id in ids {
            if !is_valid_id(id) {
                self.err(
                    file,
                    id,
                    format!("{what} id '{id}' must be lowercase letters, digits and '-'"),
                );
            }
            if !seen.insert(id) {
                self.err(file, id, format!("duplicate {what} id '{id}'"));
            }
        }
    }

    fn date(&mut self, file: &str, id: &str, value: &str) {
        let ok = value.len() == 10
            && value.char_indices().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if !ok {
            self.err(file, id, format!("date '{value}' is not YYYY-MM-DD"));
        }
    }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Checks every rule and appends a problem for each failure.
pub(crate) fn check(raw: &Raw<'_>, errors: &mut Vec<ContentError>) {
    let mut c = Checker {
        raw,
        errors,
        sources: raw.sources.iter().map(|s| s.id.as_str()).collect(),
        topics: raw.topics.iter().map(|(_, t)| (t.id.as_str(), t)).collect(),
        terms: raw.glossary.iter().map(|t| t.id.as_str()).collect(),
        nodes: raw.faq.nodes.iter().map(|n| n.id.as_str()).collect(),
        sets: raw.sets.iter().map(|(_, s)| s.id.as_str()).collect(),
    };
    check_meta(&mut c);
    check_sources(&mut c);
    check_glossary(&mut c);
    check_topics(&mut c);
    check_sets(&mut c);
    check_faq(&mut c);
}

fn check_meta(c: &mut Checker<'_, '_>) {
    let m = &c.raw.meta;
    for (field, value) in [
        ("title", &m.title),
        ("tagline", &m.tagline),
        ("disclaimer", &m.disclaimer),
    ] {
        c.text("meta.toml", field, field, value);
    }
    c.unit(
        "meta.toml",
        "crisis",
        "crisis",
        &m.crisis,
        &m.crisis_sources,
    );
    c.date("meta.toml", "reviewed", &m.reviewed);
    let ui = &c.raw.ui;
    if ui.home_hints.len() != HOME_ENTRIES {
        let n = ui.home_hints.len();
        c.err(
            "ui.toml",
            "home_hints",
            format!("home_hints has {n} lines; the home menu needs {HOME_ENTRIES}"),
        );
    }
    let labels: Vec<String> = [&ui.topics, &ui.compare, &ui.questions, &ui.search, &ui.help]
        .into_iter()
        .chain(&ui.home_hints)
        .cloned()
        .collect();
    for l in &labels {
        c.text("ui.toml", "label", "label", l);
    }
}

fn check_sources(c: &mut Checker<'_, '_>) {
    let mut seen = HashSet::new();
    for s in &c.raw.sources {
        let id = s.id.as_str();
        if id.is_empty() || id.chars().any(char::is_whitespace) {
            c.err(
                "sources.toml",
                id,
                format!("source id '{id}' must be one word"),
            );
        }
        if !seen.insert(id) {
            c.err("sources.toml", id, format!("duplicate source id '{id}'"));
        }
        for (field, value) in [
            ("short", &s.short),
            ("title", &s.title),
            ("publisher", &s.publisher),
        ] {
            c.text("sources.toml", id, field, value);
        }
    }
}

fn check_glossary(c: &mut Checker<'_, '_>) {
    let raw = c.raw;
    c.unique(
        "glossary.toml",
        "term",
        raw.glossary.iter().map(|t| t.id.as_str()),
    );
    for t in &raw.glossary {
        let id = t.id.as_str();
        c.text("glossary.toml", id, "term", &t.term);
        c.unit("glossary.toml", id, "definition", &t.definition, &t.sources);
        c.links("glossary.toml", id, &t.doc);
    }
}

fn check_topics(c: &mut Checker<'_, '_>) {
    let raw = c.raw;
    c.unique(
        "categories.toml",
        "category",
        raw.categories.iter().map(|k| k.id.as_str()),
    );
    let mut listed: HashMap<&str, &str> = HashMap::new();
    for cat in &raw.categories {
        c.text("categories.toml", cat.id.as_str(), "title", &cat.title);
        for t in &cat.topics {
            if !c.topics.contains_key(t.as_str()) {
                c.err(
                    "categories.toml",
                    t.as_str(),
                    format!("category '{}' lists unknown topic '{t}'", cat.id),
                );
            } else if let Some(other) = listed.insert(t.as_str(), cat.id.as_str()) {
                c.err(
                    "categories.toml",
                    t.as_str(),
                    format!("topic '{t}' is listed in '{other}' and '{}'", cat.id),
                );
            }
        }
    }
    let mut seen = HashSet::new();
    for (path, t) in &raw.topics {
        let id = t.id.as_str();
        if !is_valid_id(id) {
            c.err(
                path,
                id,
                format!("topic id '{id}' must be lowercase letters, digits and '-'"),
            );
        }
        if !seen.insert(id) {
            c.err(path, id, format!("duplicate topic id '{id}'"));
        }
        let stem = path.trim_start_matches("topics/").trim_end_matches(".toml");
        if stem != id {
            c.err(
                path,
                id,
                format!("topic id '{id}' does not match its file name '{stem}'"),
            );
        }
        if !listed.contains_key(id) {
            c.err(
                path,
                id,
                format!("topic '{id}' is not listed in any category in categories.toml"),
            );
        }
        c.text(path, id, "title", &t.title);
        c.unit(path, id, "summary", &t.summary, &t.summary_sources);
        c.links(path, id, &t.summary_doc);
        c.date(path, id, &t.reviewed);
        if t.sections.is_empty() {
            c.err(path, id, "topic has no sections");
        }
        c.unique(path, "section", t.sections.iter().map(|s| s.id.as_str()));
        for s in &t.sections {
            let sid = s.id.as_str();
            c.text(path, sid, "heading", &s.heading);
            c.unit(path, sid, "body", &s.body, &s.sources);
            c.links(path, sid, &s.doc);
        }
    }
}

fn check_sets(c: &mut Checker<'_, '_>) {
    let raw = c.raw;
    let mut seen = HashSet::new();
    for (path, s) in &raw.sets {
        let sid = s.id.as_str();
        if !seen.insert(sid) {
            c.err(path, sid, format!("duplicate comparison set id '{sid}'"));
        }
        c.text(path, sid, "title", &s.title);
        c.text(path, sid, "intro", &s.intro);
        c.unique(path, "item", s.items.iter().map(|i| i.id.as_str()));
        c.unique(path, "group", s.groups.iter().map(|g| g.id.as_str()));
        c.unique(
            path,
            "attribute",
            s.attributes.iter().map(|a| a.id.as_str()),
        );
        if s.items.len() < 2 {
            c.err(path, sid, "a comparison set needs at least 2 items");
        }
        for i in &s.items {
            c.text(path, i.id.as_str(), "name", &i.name);
            let unknown = i
                .topic
                .as_ref()
                .filter(|t| !c.topics.contains_key(t.as_str()));
            if let Some(t) = unknown {
                c.err(
                    path,
                    i.id.as_str(),
                    format!("item links to unknown topic '{t}'"),
                );
            }
        }
        let groups: HashSet<&str> = s.groups.iter().map(|g| g.id.as_str()).collect();
        for a in &s.attributes {
            c.text(path, a.id.as_str(), "label", &a.label);
            if !groups.contains(a.group.as_str()) {
                c.err(
                    path,
                    a.id.as_str(),
                    format!("attribute is in unknown group '{}'", a.group),
                );
            }
        }
        let items: HashSet<&str> = s.items.iter().map(|i| i.id.as_str()).collect();
        let attrs: HashSet<&str> = s.attributes.iter().map(|a| a.id.as_str()).collect();
        let mut cells = HashSet::new();
        for cell in &s.cells {
            let cid = format!("{}/{}", cell.item, cell.attribute);
            if !items.contains(cell.item.as_str()) {
                c.err(
                    path,
                    cell.item.as_str(),
                    format!("cell {cid} is for unknown item '{}'", cell.item),
                );
            }
            if !attrs.contains(cell.attribute.as_str()) {
                c.err(
                    path,
                    cell.attribute.as_str(),
                    format!("cell {cid} is for unknown attribute '{}'", cell.attribute),
                );
            }
            if !cells.insert((cell.item.as_str(), cell.attribute.as_str())) {
                c.err(
                    path,
                    cell.item.as_str(),
                    format!("cell {cid} is given twice"),
                );
            }
            c.unit(path, &cid, "cell text", &cell.text, &cell.sources);
        }
    }
}

fn check_faq(c: &mut Checker<'_, '_>) {
    const F: &str = "faq.toml";
    let raw = c.raw;
    let faq = &raw.faq;
    c.unique(F, "question", faq.nodes.iter().map(|n| n.id.as_str()));
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
        c.unit(F, id, "answer", &n.answer, &n.sources);
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
    // Walk from the root; anything not reached is unreachable (or only reachable through a cycle).
    let mut reached = vec![false; faq.nodes.len()];
    let mut stack: Vec<usize> = root.into_iter().collect();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut reached[i], true) {
            continue;
        }
        stack.extend(
            faq.nodes[i]
                .follow
                .iter()
                .filter_map(|f| by_id.get(f.as_str()).copied()),
        );
    }
    for (i, n) in faq.nodes.iter().enumerate() {
        if !reached[i] && root.is_some() {
            let id = n.id.as_str();
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
