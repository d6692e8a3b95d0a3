//! The rules a content pack must pass: unique ids, known link targets and sources, a well-formed
//! questions tree, comparison cells for known items with short levels on their rows' scales, no
//! control characters, real dates. Every problem names its file, the line of the item (the
//! duplicate itself, for duplicates; a cell's `level` line) and its id.
//! Must not import `ratatui` or `crossterm`.

use std::collections::{HashMap, HashSet};

use crate::chars::{is_bidi_control, is_forbidden_char};
use crate::model::{
    Category, CompareSet, ContentError, Faq, Matters, Meta, PackFile, SearchWords, Source,
    SourceId, SourceKind, Term, Topic, UiText,
};
use crate::model::{Doc, LinkTarget};

mod faq;
mod files;
mod place;
mod sets;
mod topics;

pub(crate) use place::{At, Placer, locate};

use faq::{check_faq, check_matters, check_summary_words};
use files::{check_glossary, check_meta, check_search, check_sources, check_ui};
use sets::check_sets;
use topics::check_topics;

/// A pack as parsed, before it becomes a [`crate::model::Catalog`].
pub(crate) struct Raw<'a> {
    pub files: &'a HashMap<&'a str, &'a PackFile>,
    pub meta: Meta,
    pub ui: UiText,
    pub sources: Vec<Source>,
    /// `search.toml`, or nothing when the pack has none.
    pub search: SearchWords,
    pub glossary: Vec<Term>,
    pub categories: Vec<Category>,
    pub topics: Vec<(String, Topic)>,
    pub sets: Vec<(String, CompareSet)>,
    pub faq: Faq,
    /// `matters.toml`, or nothing when the pack has none.
    pub matters: Matters,
    /// Required files that are missing or could not be parsed (their problem is reported already):
    /// they are empty stand-ins here, so their own rules and every check against them are skipped.
    pub broken: Vec<&'static str>,
}

/// Joins emoji into one ("👩‍⚕️"). Terminals disagree on how wide the result is (unicode-width, and
/// so the app, says 2 columns; VTE-based terminals and vt100 draw each emoji, 4), so content may
/// not use it: text measured one way and drawn another breaks every column after it.
const ZERO_WIDTH_JOINER: char = '\u{200D}';

struct Checker<'r, 'a> {
    raw: &'r Raw<'a>,
    errors: &'r mut Vec<ContentError>,
    sources: HashMap<&'r str, SourceKind>,
    topics: HashMap<&'r str, &'r Topic>,
    terms: HashSet<&'r str>,
    nodes: HashSet<&'r str>,
    sets: HashSet<&'r str>,
    /// Where problems are, each file parsed once.
    placer: Placer<'a>,
}

impl Checker<'_, '_> {
    /// Whether a required file is missing or unparsable (see [`Raw::broken`]).
    fn broken(&self, file: &str) -> bool {
        self.raw.broken.contains(&file)
    }

    fn err(&mut self, file: &str, id: &str, message: impl Into<String>) {
        let e = self.placer.locate(file, Some(id), message);
        self.errors.push(e);
    }

    /// Moves every problem reported since `from` to `at` in `file` (where it is found).
    fn place_since(&mut self, from: usize, file: &str, at: At<'_>) {
        if let Some((line, column)) = self.placer.find(file, at) {
            for e in &mut self.errors[from..] {
                e.line = line;
                e.column = column;
            }
        }
    }

    /// Reports at `at` in `file` (for duplicates: the copy, not the original; for cells: the
    /// cell's table or its `level`).
    fn err_at(&mut self, file: &str, id: &str, at: At<'_>, message: String) {
        let from = self.errors.len();
        self.err(file, id, message);
        self.place_since(from, file, at);
    }

    fn text(&mut self, file: &str, id: &str, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.err(file, id, format!("{field} is empty"));
        }
        self.chars(file, id, field, value);
    }

    fn chars(&mut self, file: &str, id: &str, field: &str, value: &str) {
        if let Some(c) = value.chars().find(|c| is_forbidden_char(*c)) {
            let what = if is_bidi_control(c) {
                "bidirectional control"
            } else {
                "control character"
            };
            self.err(
                file,
                id,
                format!("{field} contains {what} U+{:04X}", c as u32),
            );
        }
        if value.contains(ZERO_WIDTH_JOINER) {
            self.err(
                file,
                id,
                format!(
                    "{field} contains U+200D (zero-width joiner); emoji joined with it are drawn \
                     2 columns wide by some terminals and one emoji after another by others, \
                     which breaks the screen's alignment: use a single emoji"
                ),
            );
        }
    }

    /// A unit of reader text: its sources must be defined, and a number in what the reader sees
    /// (`plain`, without Markdown link targets) needs a source.
    fn unit(
        &mut self,
        file: &str,
        id: &str,
        field: &str,
        value: &str,
        plain: &str,
        sources: &[SourceId],
    ) {
        self.text(file, id, field, value);
        let known = !self.broken("sources.toml");
        for s in sources {
            if known && !self.sources.contains_key(s.as_str()) {
                self.err(
                    file,
                    id,
                    format!("cites source '{s}', which sources.toml does not define"),
                );
            }
        }
        let has_number = plain.chars().any(|c| c.is_ascii_digit());
        if sources.is_empty() && has_number {
            self.err(
                file,
                id,
                format!("{field} contains a number but cites no source"),
            );
        }
        let news_only = sources
            .iter()
            .all(|s| self.sources.get(s.as_str()) == Some(&SourceKind::News));
        if known && has_number && !sources.is_empty() && news_only {
            self.err(
                file,
                id,
                format!("{field} contains a number whose only sources are news; cite the study, label or survey"),
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
                LinkTarget::Glossary(t) => (!self.broken("glossary.toml")
                    && !self.terms.contains(t.as_str()))
                .then(|| format!("links to unknown glossary term '{t}'")),
                LinkTarget::Faq(n) => (!self.broken("faq.toml")
                    && !self.nodes.contains(n.as_str()))
                .then(|| format!("links to unknown question '{n}'")),
                LinkTarget::Compare(s) => (!self.sets.contains(s.as_str()))
                    .then(|| format!("links to unknown comparison set '{s}'")),
            };
            if let Some(p) = problem {
                self.err(file, id, p);
            }
        }
    }

    /// Checks id format (unless `any_format`) and reports each repeat at the repeat itself.
    fn unique<'x>(
        &mut self,
        file: &str,
        what: &str,
        any_format: bool,
        ids: impl IntoIterator<Item = &'x str>,
    ) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for id in ids {
            if !any_format && !is_valid_id(id) {
                self.err(
                    file,
                    id,
                    format!("{what} id '{id}' must be lowercase letters, digits and '-'"),
                );
            }
            if any_format
                && (id.is_empty()
                    || id
                        .chars()
                        .any(|c| c.is_whitespace() || c.is_control() || is_forbidden_char(c)))
            {
                self.err(
                    file,
                    id,
                    format!("{what} id '{id}' must be one word of visible characters"),
                );
            }
            let n = seen.entry(id).or_insert(0);
            if *n > 0 {
                self.err_at(
                    file,
                    id,
                    At::Id(id, *n),
                    format!("duplicate {what} id '{id}'"),
                );
            }
            *n += 1;
        }
    }

    fn date(&mut self, file: &str, id: &str, value: &str) {
        if !is_date(value) {
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

/// True for a real calendar date written YYYY-MM-DD.
fn is_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Checks every rule and appends a problem for each failure.
pub(crate) fn check(raw: &Raw<'_>, errors: &mut Vec<ContentError>) {
    let mut c = Checker {
        raw,
        errors,
        sources: raw
            .sources
            .iter()
            .map(|s| (s.id.as_str(), s.kind))
            .collect(),
        topics: raw.topics.iter().map(|(_, t)| (t.id.as_str(), t)).collect(),
        terms: raw.glossary.iter().map(|t| t.id.as_str()).collect(),
        nodes: raw.faq.nodes.iter().map(|n| n.id.as_str()).collect(),
        sets: raw.sets.iter().map(|(_, s)| s.id.as_str()).collect(),
        placer: Placer::new(raw.files),
    };
    if !c.broken("meta.toml") {
        check_meta(&mut c);
    }
    if !c.broken("ui.toml") {
        check_ui(&mut c);
        check_summary_words(&mut c);
    }
    check_sources(&mut c);
    check_glossary(&mut c);
    check_topics(&mut c);
    check_sets(&mut c);
    if !c.broken("faq.toml") {
        check_faq(&mut c);
    }
    check_search(&mut c);
    check_matters(&mut c);
}

/// The words of `text` as search folds them: lowercase runs of letters and digits, apostrophes
/// inside a word dropped. Enough to tell whether a thesaurus word occurs in the pack.
fn pack_words(text: &str, out: &mut HashSet<String>) {
    let lower = text.to_lowercase().replace(['\'', '\u{2019}'], "");
    out.extend(
        lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string),
    );
}

/// Every word a patient can read in the pack (staff-only rows left out).
fn all_pack_words(raw: &Raw<'_>) -> HashSet<String> {
    let mut words = HashSet::new();
    for (_, t) in &raw.topics {
        pack_words(&t.title, &mut words);
        pack_words(&t.summary, &mut words);
        for sec in &t.sections {
            pack_words(&sec.heading, &mut words);
            pack_words(&sec.body, &mut words);
        }
    }
    for n in &raw.faq.nodes {
        pack_words(&n.question, &mut words);
        pack_words(&n.answer, &mut words);
    }
    for g in &raw.glossary {
        pack_words(&g.term, &mut words);
        pack_words(&g.definition, &mut words);
        g.aliases.iter().for_each(|a| pack_words(a, &mut words));
    }
    for (_, set) in &raw.sets {
        for i in &set.items {
            pack_words(&i.name, &mut words);
            i.brands.iter().for_each(|b| pack_words(b, &mut words));
        }
        let staff: HashSet<&str> = (set.attributes.iter().filter(|a| a.staff))
            .map(|a| a.id.as_str())
            .collect();
        for a in set.attributes.iter().filter(|a| !a.staff) {
            pack_words(&a.label, &mut words);
        }
        for cell in (set.cells.iter()).filter(|x| !staff.contains(x.attribute.as_str())) {
            pack_words(&cell.text, &mut words);
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert!(is_date("2026-11-21"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2026-02-29"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("2026-1-15"));
        assert!(!is_date("2026-11-31"));
    }
}
