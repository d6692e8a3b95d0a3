//! The rules a content pack must pass: unique ids, known link targets and sources, a well-formed
//! questions tree, comparison cells for known items with short levels on their rows' scales, no
//! control characters, real dates. Every problem names its file, the line of the item (the
//! duplicate itself, for duplicates; a cell's `level` line) and its id.
//! Must not import `ratatui` or `crossterm`.

use std::collections::{HashMap, HashSet};

use crate::chars::{is_bidi_control, is_forbidden_char};
use crate::content::{
    Attribute, Category, Cell, CompareSet, ContentError, Faq, LIST_CATEGORY_MAX, LIST_HEADING_MAX,
    LIST_TITLE_MAX, MATTERS, MAX_LEVEL_CHARS, Matters, Meta, PackFile, SearchWords, Source,
    SourceId, SourceKind, Term, Topic, UiText, line_col,
};
use crate::markup::{Doc, LinkTarget};

/// A pack as parsed, before it becomes a [`crate::content::Catalog`].
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

/// Number of entries on the home menu; `ui.home_hints` needs one line for each. The app's menu
/// (`app::MENU`) is an array of this length, so the two cannot disagree.
pub const HOME_ENTRIES: usize = 6;

/// Joins emoji into one ("👩‍⚕️"). Terminals disagree on how wide the result is (unicode-width, and
/// so the app, says 2 columns; VTE-based terminals and vt100 draw each emoji, 4), so content may
/// not use it: text measured one way and drawn another breaks every column after it.
const ZERO_WIDTH_JOINER: char = '\u{200D}';

/// Byte offset of the `nth` (0-based) occurrence of `needle` in `text`.
fn nth_offset(text: &str, needle: &str, nth: usize) -> Option<usize> {
    text.match_indices(needle).nth(nth).map(|(o, _)| o)
}

/// Byte offset of the line where `key` is set (`key = …` at the start of a line).
fn key_offset(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let rest = line.trim_start();
        if rest
            .strip_prefix(key)
            .is_some_and(|after| after.trim_start().starts_with('='))
        {
            return Some(offset + line.len() - rest.len());
        }
        offset += line.len();
    }
    None
}

/// Line and column of `key = …` inside the `nth` (0-based) `header` table of `file` (up to the
/// next table), or of the header itself when the table does not set `key`. Cells have no id, so
/// this is how a problem with a cell's `level` (or an attribute's `levels`) points at its line.
pub(crate) fn table_key_pos(
    files: &HashMap<&str, &PackFile>,
    file: &str,
    header: &str,
    nth: usize,
    key: &str,
) -> Option<(usize, usize)> {
    let text = &files.get(file)?.text;
    let start = nth_offset(text, header, nth)?;
    let rest = &text[start + header.len()..];
    let table = &rest[..rest.find("\n[[").unwrap_or(rest.len())];
    let at = key_offset(table, key).map_or(start, |o| start + header.len() + o);
    Some(line_col(text, at))
}

/// Where an id written with TOML escapes (`"ss\u202Eis"`, `"\e[2J"`) appears: the file holds the
/// escape, not the character, so look for the opening quote and the text before the first escaped
/// character, then for the text after the last one and the closing quote.
fn escaped_id_offset(text: &str, id: &str) -> Option<usize> {
    let odd = |c: char| c.is_control() || is_forbidden_char(c);
    let first = id.find(odd)?;
    let head = &id[..first];
    let tail = id.rsplit(odd).next().unwrap_or_default();
    (!head.is_empty())
        .then(|| nth_offset(text, &format!("\"{head}\\"), 0))
        .flatten()
        .or_else(|| {
            (!tail.is_empty())
                .then(|| nth_offset(text, &format!("{tail}\""), 0))
                .flatten()
        })
}

/// Builds a problem for `file`, placed where item `id` is defined (`id = "X"`), or where a key `id`
/// is set, or where `"X"` first appears; line 1 when none is found.
pub(crate) fn locate(
    files: &HashMap<&str, &PackFile>,
    file: &str,
    id: Option<&str>,
    message: impl Into<String>,
) -> ContentError {
    let pos = match (files.get(file), id) {
        (Some(f), Some(id)) => nth_offset(&f.text, &format!("id = \"{id}\""), 0)
            .or_else(|| key_offset(&f.text, id))
            .or_else(|| nth_offset(&f.text, &format!("\"{id}\""), 0))
            .or_else(|| escaped_id_offset(&f.text, id))
            .map(|o| line_col(&f.text, o)),
        _ => None,
    };
    let (line, column) = pos.unwrap_or((1, 1));
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
    sources: HashMap<&'r str, SourceKind>,
    topics: HashMap<&'r str, &'r Topic>,
    terms: HashSet<&'r str>,
    nodes: HashSet<&'r str>,
    sets: HashSet<&'r str>,
}

impl Checker<'_, '_> {
    /// Whether a required file is missing or unparsable (see [`Raw::broken`]).
    fn broken(&self, file: &str) -> bool {
        self.raw.broken.contains(&file)
    }

    fn err(&mut self, file: &str, id: &str, message: impl Into<String>) {
        let e = locate(self.raw.files, file, Some(id), message);
        self.errors.push(e);
    }

    /// Moves every problem reported since `from` to the `nth` occurrence of `needle` in `file`.
    fn place_since(&mut self, from: usize, file: &str, needle: &str, nth: usize) {
        let Some(f) = self.raw.files.get(file) else {
            return;
        };
        if let Some(o) = nth_offset(&f.text, needle, nth) {
            let (line, column) = line_col(&f.text, o);
            for e in &mut self.errors[from..] {
                e.line = line;
                e.column = column;
            }
        }
    }

    /// Moves every problem reported since `from` to `key = …` of a table (see [`table_key_pos`]).
    fn place_at(&mut self, from: usize, file: &str, at: (&str, usize, &str)) {
        let (header, nth, key) = at;
        if let Some((line, column)) = table_key_pos(self.raw.files, file, header, nth, key) {
            for e in &mut self.errors[from..] {
                e.line = line;
                e.column = column;
            }
        }
    }

    /// Reports at the `nth` occurrence of `needle` (for duplicates: the copy, not the original).
    fn err_nth(&mut self, file: &str, id: &str, needle: &str, nth: usize, message: String) {
        let from = self.errors.len();
        self.err(file, id, message);
        self.place_since(from, file, needle, nth);
    }

    /// Reports at `key = …` of the `nth` `header` table of `file` (see [`table_key_pos`]).
    fn err_at(&mut self, file: &str, id: &str, at: (&str, usize, &str), message: String) {
        let from = self.errors.len();
        self.err(file, id, message);
        self.place_at(from, file, at);
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
                self.err_nth(
                    file,
                    id,
                    &format!("id = \"{id}\""),
                    *n,
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

/// `search.toml`: the crisis topic exists, every text is clean, and every word a thesaurus entry
/// points to occurs somewhere in the pack, so no entry leads to nothing.
fn check_search(c: &mut Checker<'_, '_>) {
    const S: &str = "search.toml";
    let raw = c.raw;
    let s = &raw.search;
    for w in s.stop_words.iter().chain(&s.stop_words_es).chain(&s.crisis) {
        c.text(S, w, "word", w);
    }
    match &s.crisis_topic {
        Some(t) if !c.topics.contains_key(t.as_str()) => {
            c.err(
                S,
                "crisis_topic",
                format!("crisis_topic '{t}' is not a topic"),
            );
        }
        None if !s.crisis.is_empty() => {
            c.err(S, "crisis", "crisis phrasings need a crisis_topic to open");
        }
        _ => {}
    }
    if s.synonym.is_empty() {
        return;
    }
    let words = all_pack_words(raw);
    for syn in &s.synonym {
        for t in &syn.typed {
            c.text(S, t, "typed", t);
        }
        if syn.typed.is_empty() || syn.means.is_empty() {
            let at = (syn.typed.first().or(syn.means.first())).map_or("synonym", String::as_str);
            c.err(S, at, "a synonym needs words in both `typed` and `means`");
        }
        for m in &syn.means {
            c.text(S, m, "means", m);
            let mut own = HashSet::new();
            pack_words(m, &mut own);
            let mut absent: Vec<&str> = (own.iter())
                .filter(|w| !words.contains(*w))
                .map(String::as_str)
                .collect();
            absent.sort_unstable();
            if !absent.is_empty() {
                let msg = format!(
                    "'{m}' points at nothing: the pack never uses {}",
                    absent.join(", ")
                );
                c.err(S, m, msg);
            }
        }
    }
}

fn check_meta(c: &mut Checker<'_, '_>) {
    const M: &str = "meta.toml";
    let m = &c.raw.meta;
    for (field, value) in [
        ("title", &m.title),
        ("tagline", &m.tagline),
        ("disclaimer", &m.disclaimer),
        ("content_version", &m.content_version),
    ] {
        c.text(M, field, field, value);
    }
    let from = c.errors.len();
    c.unit(
        M,
        "crisis",
        "crisis",
        &m.crisis,
        &m.crisis,
        &m.crisis_sources,
    );
    // A bad crisis source is on the crisis_sources line.
    if c.errors[from..]
        .iter()
        .any(|e| e.message.starts_with("cites"))
    {
        c.place_since(from, M, "crisis_sources", 0);
    }
    c.date(M, "reviewed", &m.reviewed);
    if !matches!(m.lang.as_str(), "en" | "es") {
        let lang = m.lang.clone();
        c.err(
            M,
            "lang",
            format!("lang '{lang}' is not one the guide speaks (en, es)"),
        );
    }
}

fn check_ui(c: &mut Checker<'_, '_>) {
    let ui = &c.raw.ui;
    if ui.home_hints.len() != HOME_ENTRIES {
        let n = ui.home_hints.len();
        c.err(
            "ui.toml",
            "home_hints",
            format!("home_hints has {n} lines; the home menu needs {HOME_ENTRIES}"),
        );
    }
    if !ui.starting_over.contains("{seconds}") {
        c.err(
            "ui.toml",
            "starting_over",
            "starting_over must contain {seconds}, where the countdown goes",
        );
    }
    // Every label, by its key, so a new label is checked without touching this code.
    for (key, text) in ui.labels() {
        c.text("ui.toml", key, key, text);
    }
}

fn check_sources(c: &mut Checker<'_, '_>) {
    let raw = c.raw;
    c.unique(
        "sources.toml",
        "source",
        true,
        raw.sources.iter().map(|s| s.id.as_str()),
    );
    for s in &raw.sources {
        let id = s.id.as_str();
        for (field, value) in [
            ("short", &s.short),
            ("title", &s.title),
            ("publisher", &s.publisher),
        ] {
            c.text("sources.toml", id, field, value);
        }
        for (field, value) in [
            ("url", &s.url),
            ("author", &s.author),
            ("doi", &s.doi),
            ("seen", &s.seen),
        ] {
            if let Some(v) = value {
                c.chars("sources.toml", id, field, v);
            }
        }
        if s.kind.is_paper() && s.doi.is_none() && s.url.is_none() {
            c.err("sources.toml", id, "a paper needs a doi or a url");
        }
        if s.kind.is_paper() && s.author.is_none() {
            c.err("sources.toml", id, "a paper needs its first author");
        }
        if let Some(d) = &s.doi
            && (!d.starts_with("10.") || !d.contains('/'))
        {
            c.err(
                "sources.toml",
                id,
                format!("doi '{d}' is not of the form 10.NNNN/..."),
            );
        }
        match &s.seen {
            Some(d) => c.date("sources.toml", id, d),
            None if s.kind == SourceKind::Price => {
                c.err(
                    "sources.toml",
                    id,
                    "a price source needs `seen`, the day it was read",
                );
            }
            None => {}
        }
    }
}

fn check_glossary(c: &mut Checker<'_, '_>) {
    const G: &str = "glossary.toml";
    let raw = c.raw;
    c.unique(G, "term", false, raw.glossary.iter().map(|t| t.id.as_str()));
    for t in &raw.glossary {
        let id = t.id.as_str();
        c.text(G, id, "term", &t.term);
        for a in &t.aliases {
            c.text(G, id, "alias", a);
        }
        c.unit(
            G,
            id,
            "definition",
            &t.definition,
            &t.doc.plain(),
            &t.sources,
        );
        c.links(G, id, &t.doc);
    }
}

/// `categories.toml`: unique ids, titles, and every topic listed once; the topics listed, each
/// with its category.
fn check_categories<'r>(c: &mut Checker<'r, '_>) -> HashMap<&'r str, &'r str> {
    const C: &str = "categories.toml";
    let raw = c.raw;
    c.unique(
        C,
        "category",
        false,
        raw.categories.iter().map(|k| k.id.as_str()),
    );
    let mut listed: HashMap<&str, &str> = HashMap::new();
    let mut mentions: HashMap<&str, usize> = HashMap::new();
    for cat in &raw.categories {
        c.text(C, cat.id.as_str(), "title", &cat.title);
        list_words(
            c,
            C,
            cat.id.as_str(),
            ("title", &cat.title),
            ("list_title", cat.list_title.as_deref()),
            LIST_CATEGORY_MAX,
        );
        for t in &cat.topics {
            let n = mentions.entry(t.as_str()).or_insert(0);
            let nth = *n;
            *n += 1;
            if !c.topics.contains_key(t.as_str()) {
                c.err(
                    C,
                    t.as_str(),
                    format!("category '{}' lists unknown topic '{t}'", cat.id),
                );
            } else if let Some(other) = listed.insert(t.as_str(), cat.id.as_str()) {
                let msg = format!("topic '{t}' is listed in '{other}' and '{}'", cat.id);
                c.err_nth(C, t.as_str(), &format!("\"{t}\""), nth, msg);
            }
        }
    }
    listed
}

fn check_topics(c: &mut Checker<'_, '_>) {
    const C: &str = "categories.toml";
    let raw = c.raw;
    let listed = check_categories(c);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (path, t) in &raw.topics {
        let id = t.id.as_str();
        if !is_valid_id(id) {
            c.err(
                path,
                id,
                format!("topic id '{id}' must be lowercase letters, digits and '-'"),
            );
        }
        let n = seen.entry(id).or_insert(0);
        if *n > 0 {
            c.err(
                path,
                id,
                format!("duplicate topic id '{id}' (also in another file)"),
            );
        }
        *n += 1;
        let stem = path.trim_start_matches("topics/").trim_end_matches(".toml");
        if stem != id {
            c.err(
                path,
                id,
                format!("topic id '{id}' does not match its file name '{stem}'"),
            );
        }
        if !listed.contains_key(id) && !c.broken(C) {
            c.err(
                path,
                id,
                format!("topic '{id}' is not listed in any category in categories.toml"),
            );
        }
        c.text(path, id, "title", &t.title);
        list_words(
            c,
            path,
            id,
            ("title", &t.title),
            ("list_title", t.list_title.as_deref()),
            LIST_TITLE_MAX,
        );
        c.unit(
            path,
            id,
            "summary",
            &t.summary,
            &t.summary_doc.plain(),
            &t.summary_sources,
        );
        c.links(path, id, &t.summary_doc);
        c.date(path, id, &t.reviewed);
        if t.sections.is_empty() {
            c.err(path, id, "topic has no sections");
        }
        c.unique(
            path,
            "section",
            false,
            t.sections.iter().map(|s| s.id.as_str()),
        );
        for s in &t.sections {
            let sid = s.id.as_str();
            c.text(path, sid, "heading", &s.heading);
            list_words(
                c,
                path,
                sid,
                ("heading", &s.heading),
                ("list_heading", s.list_heading.as_deref()),
                LIST_HEADING_MAX,
            );
            c.unit(path, sid, "body", &s.body, &s.doc.plain(), &s.sources);
            c.links(path, sid, &s.doc);
        }
    }
}

/// A title wider than the topic list shows at 80x24 needs shorter words for the list, and those
/// must fit.
fn list_words(
    c: &mut Checker<'_, '_>,
    path: &str,
    id: &str,
    (field, full): (&str, &str),
    (short_field, short): (&str, Option<&str>),
    max: usize,
) {
    use unicode_width::UnicodeWidthStr;
    match short {
        Some(s) => {
            c.text(path, id, short_field, s);
            if s.width() > max {
                c.err(
                    path,
                    id,
                    format!(
                        "{short_field} is {} columns wide; the topic list shows {max}",
                        s.width()
                    ),
                );
            }
        }
        None if full.width() > max => c.err(
            path,
            id,
            format!(
                "{field} is {} columns wide and the topic list shows {max} at 80x24: add a \
                 {short_field} of at most {max}",
                full.width()
            ),
        ),
        None => {}
    }
}

fn check_sets(c: &mut Checker<'_, '_>) {
    let raw = c.raw;
    let mut seen = HashSet::new();
    for (path, s) in &raw.sets {
        let sid = s.id.as_str();
        if !seen.insert(sid) {
            c.err(
                path,
                sid,
                format!("duplicate comparison set id '{sid}' (also in another file)"),
            );
        }
        c.text(path, sid, "title", &s.title);
        c.text(path, sid, "intro", &s.intro);
        c.unique(path, "item", false, s.items.iter().map(|i| i.id.as_str()));
        c.unique(path, "group", false, s.groups.iter().map(|g| g.id.as_str()));
        c.unique(
            path,
            "attribute",
            false,
            s.attributes.iter().map(|a| a.id.as_str()),
        );
        if s.items.len() < 2 {
            c.err(path, sid, "a comparison set needs at least 2 items");
        }
        for i in &s.items {
            c.text(path, i.id.as_str(), "name", &i.name);
            for b in &i.brands {
                c.text(path, i.id.as_str(), "brand", b);
            }
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
        for g in &s.groups {
            c.text(path, g.id.as_str(), "title", &g.title);
        }
        let groups: HashSet<&str> = s.groups.iter().map(|g| g.id.as_str()).collect();
        for (k, a) in s.attributes.iter().enumerate() {
            c.text(path, a.id.as_str(), "label", &a.label);
            if !groups.contains(a.group.as_str()) {
                c.err(
                    path,
                    a.id.as_str(),
                    format!("attribute is in unknown group '{}'", a.group),
                );
            }
            check_scale(c, path, k, a);
        }
        check_cells(c, path, s);
    }
}

fn check_cells(c: &mut Checker<'_, '_>, path: &str, s: &CompareSet) {
    let items: HashSet<&str> = s.items.iter().map(|i| i.id.as_str()).collect();
    let attrs: HashSet<&str> = s.attributes.iter().map(|a| a.id.as_str()).collect();
    let mut cells = HashSet::new();
    for (k, cell) in s.cells.iter().enumerate() {
        let from = c.errors.len();
        let cid = format!("{}/{}", cell.item, cell.attribute);
        if !items.contains(cell.item.as_str()) {
            c.err(
                path,
                &cid,
                format!("cell {cid} is for unknown item '{}'", cell.item),
            );
        }
        if !attrs.contains(cell.attribute.as_str()) {
            c.err(
                path,
                &cid,
                format!("cell {cid} is for unknown attribute '{}'", cell.attribute),
            );
        }
        if !cells.insert((cell.item.as_str(), cell.attribute.as_str())) {
            c.err(path, &cid, format!("cell {cid} is given twice"));
        }
        c.unit(
            path,
            &cid,
            "cell text",
            &cell.text,
            &cell.text,
            &cell.sources,
        );
        // Cells have no id of their own: every problem points at this cell's [[cell]] line.
        c.place_since(from, path, "[[cell]]", k);
        if let Some(a) = s.attributes.iter().find(|a| a.id == cell.attribute) {
            let row_has_levels = s
                .cells
                .iter()
                .any(|x| a.id == x.attribute && x.level.is_some());
            check_level(c, path, (k, cell), a, row_has_levels);
        }
    }
}

/// The scale of attribute number `k` (its `levels`): at least two steps, each a short clean
/// value, none twice, and none on a row marked `comparable = false`.
fn check_scale(c: &mut Checker<'_, '_>, path: &str, k: usize, a: &Attribute) {
    let id = a.id.as_str();
    let at = ("[[attribute]]", k, "levels");
    if a.levels.is_empty() {
        return;
    }
    if !a.comparable {
        let m = format!("attribute '{id}' has a scale of levels but is marked comparable = false");
        c.err_at(path, id, at, m);
        return;
    }
    if a.levels.len() < 2 {
        let m = format!("the scale of attribute '{id}' has one level; a scale needs at least 2");
        c.err_at(path, id, at, m);
    }
    for (n, l) in a.levels.iter().enumerate() {
        let from = c.errors.len();
        c.text(path, id, "level", l);
        c.place_at(from, path, at);
        if l.chars().count() > MAX_LEVEL_CHARS {
            c.err_at(path, id, at, too_long(l));
        }
        if a.levels[..n].contains(l) {
            let m = format!("level '{l}' is on the scale of attribute '{id}' twice");
            c.err_at(path, id, at, m);
        }
    }
}

fn too_long(level: &str) -> String {
    format!(
        "level '{level}' has {} characters; a level has at most {MAX_LEVEL_CHARS} (the text says the rest)",
        level.chars().count()
    )
}

/// Cell number `k`'s `level`, in row `a`: there is one where the row is compared (every cell of
/// a patient row, and every cell of a staff row once one has it), none where the row is marked
/// `comparable = false`, and it is short, clean, on the row's scale, and sourced if it has a number.
fn check_level(
    c: &mut Checker<'_, '_>,
    path: &str,
    (k, cell): (usize, &Cell),
    a: &Attribute,
    row_has_levels: bool,
) {
    let cid = format!("{}/{}", cell.item, cell.attribute);
    let at = ("[[cell]]", k, "level");
    let attr = a.id.as_str();
    let Some(level) = &cell.level else {
        if a.comparable && (!a.staff || row_has_levels) {
            let m = format!(
                "cell {cid} has no level: add `level = \"…\"`, a short value the table compares \
                 (or mark attribute '{attr}' comparable = false)"
            );
            c.err_at(path, &cid, at, m);
        }
        return;
    };
    if !a.comparable {
        let m =
            format!("cell {cid} has a level, but attribute '{attr}' is marked comparable = false");
        c.err_at(path, &cid, at, m);
        return;
    }
    let from = c.errors.len();
    c.text(path, &cid, "level", level);
    c.place_at(from, path, at);
    if level.chars().count() > MAX_LEVEL_CHARS {
        c.err_at(path, &cid, at, too_long(level));
    }
    if !a.levels.is_empty() && a.position(level).is_none() {
        let m = format!(
            "level '{level}' is not on the scale of attribute '{attr}': {}",
            a.levels.join(", ")
        );
        c.err_at(path, &cid, at, m);
    }
    if cell.sources.is_empty() && level.chars().any(|ch| ch.is_ascii_digit()) {
        c.err_at(
            path,
            &cid,
            at,
            "level contains a number but cites no source".into(),
        );
    }
}

fn check_faq(c: &mut Checker<'_, '_>) {
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
fn check_summary_words(c: &mut Checker<'_, '_>) {
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
fn check_matters(c: &mut Checker<'_, '_>) {
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

    #[test]
    fn key_offset_finds_the_line_that_sets_a_key() {
        let text = "a = 1\n  home_hints = [\n\"x\"]\n";
        assert_eq!(key_offset(text, "home_hints"), Some(8));
        assert_eq!(key_offset(text, "home"), None);
    }
}
