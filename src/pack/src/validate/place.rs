//! Where a problem is: places read from the spans of the parsed TOML tree (`toml`'s `DeTable`,
//! whose every key and value is a `toml::Spanned`), never by searching the file's text, so a
//! place is that of the decoded value itself (escapes and spacing as written do not matter, and
//! a comment or a longer string that happens to hold the same words is never taken for it).
//! A file is parsed again only when a problem in it is placed, and the validator's [`Placer`]
//! parses each file once however many problems it has.
//! Must not import `ratatui` or `crossterm`.

use std::collections::HashMap;

use toml::de::{DeTable, DeValue};

use crate::model::{ContentError, PackFile, line_col};

/// Names and where they are (byte offsets), in the file's order.
type Named = Vec<(String, usize)>;

/// One table of an array of tables: where its header is, and its keys.
type Table = (usize, Named);

/// The places of one file: byte offsets, each list in the file's order.
#[derive(Default)]
pub(crate) struct Places {
    /// Every `id = "…"`: the id and where its key is.
    ids: Named,
    /// Every key at any depth, and where it is.
    keys: Named,
    /// Every string value at any depth (in lists too), and where it starts (its quote).
    strings: Named,
    /// Every array of tables at the top (`[[cell]]`): its name, and per table where its header is
    /// and where each of its keys is.
    tables: Vec<(String, Vec<Table>)>,
}

impl Places {
    /// The places of `text`, or none when it is not TOML (its syntax error is reported already).
    fn of(text: &str) -> Option<Places> {
        let doc = DeTable::parse(text).ok()?;
        let mut p = Places::default();
        p.table(doc.get_ref());
        for (key, value) in doc.get_ref() {
            if let DeValue::Array(items) = value.get_ref() {
                let tables: Vec<Table> = (items.iter())
                    .filter_map(|item| match item.get_ref() {
                        DeValue::Table(t) => Some((
                            item.span().start,
                            t.iter()
                                .map(|(k, _)| (k.get_ref().to_string(), k.span().start))
                                .collect(),
                        )),
                        _ => None,
                    })
                    .collect();
                p.tables.push((key.get_ref().to_string(), tables));
            }
        }
        // A table's keys come sorted by name: put every list in the file's order.
        for list in [&mut p.ids, &mut p.keys, &mut p.strings] {
            list.sort_by_key(|(_, at)| *at);
        }
        for (_, tables) in &mut p.tables {
            for (_, keys) in tables.iter_mut() {
                keys.sort_by_key(|(_, at)| *at);
            }
        }
        Some(p)
    }

    fn table(&mut self, t: &DeTable<'_>) {
        for (key, value) in t {
            let name = key.get_ref();
            self.keys.push((name.to_string(), key.span().start));
            if name == "id"
                && let DeValue::String(s) = value.get_ref()
            {
                self.ids.push((s.to_string(), key.span().start));
            }
            self.value(value.get_ref(), value.span().start);
        }
    }

    fn value(&mut self, v: &DeValue<'_>, at: usize) {
        match v {
            DeValue::String(s) => self.strings.push((s.to_string(), at)),
            DeValue::Array(items) => {
                for item in items {
                    self.value(item.get_ref(), item.span().start);
                }
            }
            DeValue::Table(t) => self.table(t),
            _ => {}
        }
    }

    fn nth(list: &[(String, usize)], name: &str, nth: usize) -> Option<usize> {
        (list.iter().filter(|(n, _)| n == name))
            .nth(nth)
            .map(|x| x.1)
    }
}

/// Where something is in `file`, as a 1-based line and column.
#[derive(Debug, Clone, Copy)]
pub(crate) enum At<'a> {
    /// The `nth` (0-based) `id = "…"` with this id: the key `id`.
    Id(&'a str, usize),
    /// The first key of this name, at any depth.
    Key(&'a str),
    /// The `nth` (0-based) string with this value, at any depth.
    Str(&'a str, usize),
    /// In the `nth` (0-based) table of the array of tables `name` (`[[cell]]`): its key `key`, or
    /// its header when it does not set `key`. Cells have no id: this is how a problem with a cell
    /// (or an attribute's `levels`) points at it.
    Table(&'a str, usize, &'a str),
    /// The header of the `nth` (0-based) table of the array of tables `name` (`[[cell]]`).
    Header(&'a str, usize),
}

/// Where `at` is among the places `p` (a byte offset).
fn offset(p: &Places, at: At<'_>) -> Option<usize> {
    match at {
        At::Id(id, nth) => Places::nth(&p.ids, id, nth),
        At::Key(key) => Places::nth(&p.keys, key, 0),
        At::Str(s, nth) => Places::nth(&p.strings, s, nth),
        At::Table(name, nth, key) => {
            let (_, tables) = p.tables.iter().find(|(n, _)| n == name)?;
            let (header, keys) = tables.get(nth)?;
            Some(Places::nth(keys, key, 0).unwrap_or(*header))
        }
        At::Header(name, nth) => {
            let (_, tables) = p.tables.iter().find(|(n, _)| n == name)?;
            tables.get(nth).map(|t| t.0)
        }
    }
}

/// Where `id` is among the places `p`: where an item with that id is defined (`id = "X"`), else
/// where a key of that name is set (`crisis_topic = …`), else where a string with that value first
/// appears (a word of `search.toml`, a topic in a category's list).
fn id_offset(p: &Places, id: &str) -> Option<usize> {
    Places::nth(&p.ids, id, 0)
        .or_else(|| Places::nth(&p.keys, id, 0))
        .or_else(|| Places::nth(&p.strings, id, 0))
}

/// The places of a pack's files, each file parsed once, when a problem in it is first placed (a
/// broken pack can have hundreds of problems in one large file).
pub(crate) struct Placer<'a> {
    files: &'a HashMap<&'a str, &'a PackFile>,
    parsed: HashMap<String, Option<Places>>,
}

impl<'a> Placer<'a> {
    /// Nothing parsed yet.
    pub(crate) fn new(files: &'a HashMap<&'a str, &'a PackFile>) -> Self {
        Placer {
            files,
            parsed: HashMap::new(),
        }
    }

    /// The line and column of what `how` finds among `file`'s places, when the file is there,
    /// parses and has it.
    fn place(
        &mut self,
        file: &str,
        how: impl Fn(&Places) -> Option<usize>,
    ) -> Option<(usize, usize)> {
        let text = &self.files.get(file)?.text;
        let places = self
            .parsed
            .entry(file.to_string())
            .or_insert_with(|| Places::of(text))
            .as_ref()?;
        Some(line_col(text, how(places)?))
    }

    /// The line and column of `at` in `file`, when the file is there, parses and has it.
    pub(crate) fn find(&mut self, file: &str, at: At<'_>) -> Option<(usize, usize)> {
        self.place(file, |p| offset(p, at))
    }

    /// Builds a problem for `file`, placed at `id` (see [`id_offset`]); line 1 when it is not
    /// found.
    pub(crate) fn locate(
        &mut self,
        file: &str,
        id: Option<&str>,
        message: impl Into<String>,
    ) -> ContentError {
        let (line, column) = id
            .and_then(|id| self.place(file, |p| id_offset(p, id)))
            .unwrap_or((1, 1));
        ContentError {
            file: file.to_string(),
            line,
            column,
            id: id.map(str::to_string),
            message: message.into(),
        }
    }
}

/// Builds a problem for `file`, placed at `id`; line 1 when it is not found (parsing the file for
/// this one problem: a [`Placer`] keeps what it parsed).
pub(crate) fn locate(
    files: &HashMap<&str, &PackFile>,
    file: &str,
    id: Option<&str>,
    message: impl Into<String>,
) -> ContentError {
    Placer::new(files).locate(file, id, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, at: At<'_>) -> Option<(usize, usize)> {
        let f = PackFile {
            path: "f.toml".into(),
            text: text.into(),
        };
        let files = HashMap::from([("f.toml", &f)]);
        Placer::new(&files).find("f.toml", at)
    }

    #[test]
    fn places_come_from_the_parsed_values_not_the_text() {
        let text = "# id = \"b\" in a comment\nnote = \"id = \\\"b\\\"\"\n\n[[cell]]\nid=\"b\"\n\n[[cell]]\n  level = \"x\"\nid = \"b\"\n";
        assert_eq!(at(text, At::Id("b", 0)), Some((5, 1)));
        assert_eq!(at(text, At::Id("b", 1)), Some((9, 1)));
        assert_eq!(at(text, At::Table("cell", 1, "level")), Some((8, 3)));
        assert_eq!(at(text, At::Table("cell", 0, "level")), Some((4, 1)));
        assert_eq!(at(text, At::Key("level")), Some((8, 3)));
        assert_eq!(at(text, At::Str("x", 0)), Some((8, 11)));
        assert_eq!(
            at("a = [\"\\u001b\"]\n", At::Str("\u{1b}", 0)),
            Some((1, 6))
        );
    }
}
