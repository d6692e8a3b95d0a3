//! Generated mutation tests of the bundled content pack (`assets/`). Every case copies the pack into a
//! temporary folder, corrupts it, and checks that it is refused with located problems: never a panic,
//! never a pack that loads, never a half-drawn screen.
//!
//! The kinds, each generated across many files from one fixed seed:
//! - **truncate**: cut a file inside a string, inside a key, or inside a `[[table]]` header;
//! - **flip**: bytes that are not UTF-8; TOML structural characters where they break the syntax (the
//!   `=` of a key, a quote inside a one-line string, a header's brackets); NUL, ESC, BEL, DEL and other
//!   control characters inside strings, raw or written as TOML escapes (`\e`, `\u001B`, `\u202E`, …,
//!   valid TOML that only validation can refuse); and unguided random flips;
//! - **delete**: a required file, every comparison set, or a topic file that a category lists;
//! - **duplicate**: a topic's section id, a glossary term id, a question id, a source id, a comparison
//!   item, group or attribute id, a category id, or one topic taking another topic's id;
//! - **link**: `topic:`, `topic:…#section`, `glossary:`, `faq:` and `compare:` links to nothing, a
//!   follow-up to a missing question, a citation of an unknown source, `more` and an item's `topic`
//!   naming no topic, a cell for an unknown item or attribute, a category listing no topic;
//! - **cycle**: a question that follows one of its ancestors, itself or the root, or a branch cut off
//!   from its parent and looped back into itself;
//! - **huge**: a file 1 byte to 64 KiB over the 4 MiB cap (`content::MAX_FILE_BYTES`), padded with
//!   one long comment line or many, before or after its text (so only the cap makes it invalid);
//! - **combined**: two of the above in two different files, the first six with a syntax error in each
//!   required file.
//!
//! Every guided mutation is invalid by construction, so a pack that still loads fails the test. The
//! unguided random flips can leave a valid pack: those are detected (the library loads them), reported
//! in the summary and not counted. At least [`MIN_COUNTED`] counted cases are required.
//!
//! The tests:
//! - [`every_mutation_is_refused_with_located_problems`], in process (`dir_files` + `load`, as the
//!   binary does): an error, no panic, every problem shaped `file:line:column: message` naming a file
//!   of the pack (or the deleted path, at 1:1) at a line and column inside it, with no control or
//!   bidi character in it; for one-file cases the broken file is named, and where the mutation fixes
//!   the place, on that line: the item's line (validate.rs promises it; the copy's line for
//!   duplicates), the line of a flipped byte or control character, line 1 for a missing or huge file.
//! - [`two_broken_files_are_both_reported`], "lose nothing": for the combined cases, both broken files
//!   are named, and every problem either break causes alone (in files the other break leaves intact) is
//!   still reported.
//! - [`check_command_reports_every_problem_and_exits_1`]: `check`'s report on every case (made in
//!   process; the first case of every kind and variant through the built binary, `moodguide check
//!   DIR`) exits 1, prints exactly the library's problems and a count, nothing on stderr, no panic.
//! - [`content_flag_refuses_the_pack_before_touching_the_terminal`]: `moodguide --content DIR` in a
//!   pseudo-terminal: exit 1, every problem and "nothing was shown" on the terminal, no alternate
//!   screen, and no escape sequence or other control character written. On a deterministic sample
//!   (see [`pty_sample`]): running every case took most of this file's 47 s on a busy machine.
//!
//! The cases are generated, written and loaded in process once, and shared by the four tests.
//!
//! To reproduce a failure: it prints the case number, kind, seed and what was done. `MUTATE_CASE=N`
//! runs case N alone; `MUTATE_SEED=N` generates every case from another master seed.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Read, Write as _};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use moodguide::content::{self, Catalog, ContentError, MAX_FILE_BYTES};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The master seed every case is derived from (override with `MUTATE_SEED`).
const MASTER_SEED: u64 = 0x6d6f_6f64_2d6d_7574;

/// How many cases of each kind are generated, in this order.
const PLAN: [(Kind, usize); 8] = [
    (Kind::Truncate, 36),
    (Kind::Flip, 64),
    (Kind::Delete, 24),
    (Kind::Duplicate, 36),
    (Kind::Link, 44),
    (Kind::Cycle, 24),
    (Kind::Huge, 12),
    (Kind::Combined, 48),
];

/// At least this many cases must be real corruptions (refused by the library).
const MIN_COUNTED: usize = 200;

/// The files every pack must have.
const REQUIRED: [&str; 6] = [
    "meta.toml",
    "ui.toml",
    "sources.toml",
    "glossary.toml",
    "categories.toml",
    "faq.toml",
];

/// How long `moodguide --content` may take to refuse a pack in the pseudo-terminal.
const PTY_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Kind {
    Truncate,
    Flip,
    Delete,
    Duplicate,
    Link,
    Cycle,
    Huge,
    Combined,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Truncate => "truncate",
            Kind::Flip => "flip",
            Kind::Delete => "delete",
            Kind::Duplicate => "duplicate",
            Kind::Link => "link",
            Kind::Cycle => "cycle",
            Kind::Huge => "huge",
            Kind::Combined => "combined",
        }
    }
}

// ---- a small deterministic generator --------------------------------------------------------------

/// `SplitMix64`: tiny, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "below(0)");
        usize::try_from(self.next() % u64::try_from(n).unwrap()).unwrap()
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        assert!(lo <= hi, "range({lo}, {hi})");
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// The seed of case `index` under `master`.
fn case_seed(master: u64, index: usize) -> u64 {
    Rng(master
        ^ u64::try_from(index)
            .unwrap()
            .wrapping_mul(0xD1B5_4A32_D192_ED03))
    .next()
}

// ---- the bundled pack -----------------------------------------------------------------------------

struct Pack {
    /// Every `.toml` file, by its path relative to the pack root.
    files: BTreeMap<String, String>,
    /// The pack loaded, for its structure (the questions tree, topic ids).
    catalog: Catalog,
}

impl Pack {
    fn text(&self, path: &str) -> &str {
        &self.files[path]
    }

    fn paths(&self, prefix: &str) -> Vec<&str> {
        self.files
            .keys()
            .filter(|p| p.starts_with(prefix))
            .map(String::as_str)
            .collect()
    }
}

fn pack() -> &'static Pack {
    static PACK: OnceLock<Pack> = OnceLock::new();
    PACK.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
        let files = content::dir_files(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e:?}", dir.display()));
        let catalog = content::load(&files)
            .unwrap_or_else(|e| panic!("the bundled pack must load before it is mutated: {e:?}"));
        Pack {
            files: files.into_iter().map(|f| (f.path, f.text)).collect(),
            catalog,
        }
    })
}

// ---- reading TOML text without a parser -----------------------------------------------------------

/// A string literal in a TOML text: where its contents are (byte offsets).
#[derive(Clone, Copy)]
struct Str {
    start: usize,
    end: usize,
    multiline: bool,
}

/// Every string literal of a TOML text, skipping comments.
fn strings(text: &str) -> Vec<Str> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'"' | b'\'') => {
                if b[i..].starts_with(&[q, q, q]) {
                    let start = i + 3;
                    let close = find_from(b, &[q, q, q], start).expect("an unclosed string");
                    out.push(Str {
                        start,
                        end: close,
                        multiline: true,
                    });
                    i = close + 3;
                } else {
                    let mut j = i + 1;
                    while b[j] != q {
                        if q == b'"' && b[j] == b'\\' {
                            j += 1;
                        }
                        j += 1;
                    }
                    out.push(Str {
                        start: i + 1,
                        end: j,
                        multiline: false,
                    });
                    i = j + 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn find_from(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// One line of a text: 1-based number, byte offset of its start, its text without the newline.
struct Line<'t> {
    no: usize,
    start: usize,
    text: &'t str,
}

/// The lines of a text that are not inside a multi-line string.
fn lines(text: &str) -> Vec<Line<'_>> {
    let multi: Vec<Str> = strings(text).into_iter().filter(|s| s.multiline).collect();
    let mut next = 0;
    let mut out = Vec::new();
    let mut start = 0;
    for (i, l) in text.split('\n').enumerate() {
        while next < multi.len() && multi[next].end <= start {
            next += 1;
        }
        if multi.get(next).is_none_or(|s| start < s.start) {
            out.push(Line {
                no: i + 1,
                start,
                text: l,
            });
        }
        start += l.len() + 1;
    }
    out
}

/// A `key = value` line: the key's byte range, where `=` is, where the value starts.
struct KeyLine {
    no: usize,
    key: String,
    key_start: usize,
    eq: usize,
    value: usize,
    end: usize,
}

fn key_lines(text: &str) -> Vec<KeyLine> {
    let mut out = Vec::new();
    for l in lines(text) {
        let indent = l.text.len() - l.text.trim_start().len();
        let rest = &l.text[indent..];
        let key_len = rest
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-')
            .count();
        let after = &rest[key_len..];
        let spaces = after.len() - after.trim_start().len();
        if key_len == 0 || !after[spaces..].starts_with('=') {
            continue;
        }
        let eq = l.start + indent + key_len + spaces;
        let end = l.start + l.text.len();
        let after_eq = &text[eq + 1..end];
        out.push(KeyLine {
            no: l.no,
            key: rest[..key_len].to_string(),
            key_start: l.start + indent,
            eq,
            value: eq + 1 + (after_eq.len() - after_eq.trim_start().len()),
            end,
        });
    }
    out
}

/// 1-based line of a byte offset (which need not be on a character boundary).
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset].split(|&b| b == b'\n').count()
}

/// The `id = "…"` line of every `[[header]]` block: (line number, line start, line length, id).
fn block_ids(text: &str, header: &str) -> Vec<(usize, usize, usize, String)> {
    let want = format!("[[{header}]]");
    let mut out = Vec::new();
    let mut in_block = false;
    for l in lines(text) {
        let t = l.text.trim();
        if t.starts_with('[') {
            in_block = t == want;
        } else if in_block
            && let Some(id) = t.strip_prefix("id = \"").and_then(|r| r.strip_suffix('"'))
        {
            out.push((l.no, l.start, l.text.len(), id.to_string()));
            in_block = false;
        }
    }
    out
}

/// The line of the item that owns `offset`: the last `id = "…"` line at or before it, or the last
/// `[[cell]]` header if `cells` and that is later (cells have no id of their own).
fn owner_line(text: &str, offset: usize, cells: bool) -> usize {
    let mut found = 1;
    for l in lines(text) {
        if l.start > offset {
            break;
        }
        let t = l.text.trim();
        if t.starts_with("id = \"") || (cells && t == "[[cell]]") {
            found = l.no;
        }
    }
    found
}

/// The line of `id = "ID"` in a text.
fn id_line(text: &str, id: &str) -> usize {
    let needle = format!("id = \"{id}\"");
    let at = lines(text)
        .into_iter()
        .find(|l| l.text.trim() == needle)
        .unwrap_or_else(|| panic!("no line {needle}"));
    at.no
}

fn splice(text: &str, at: std::ops::Range<usize>, with: &str) -> String {
    format!("{}{with}{}", &text[..at.start], &text[at.end..])
}

/// Offsets inside `s` of ASCII letters and digits not escaped by a backslash: safe places to
/// overwrite without ending the string or making an escape.
fn plain_positions(text: &str, s: Str) -> Vec<usize> {
    let b = text.as_bytes();
    (s.start..s.end)
        .filter(|&p| b[p].is_ascii_alphanumeric() && (p == 0 || b[p - 1] != b'\\'))
        .collect()
}

// ---- mutations -------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum Edit {
    /// Replace (or create) a file with these bytes.
    Write { path: String, bytes: Vec<u8> },
    /// Remove a file.
    Delete { path: String },
    /// Make a file `size` bytes long with comment lines, before or after its text.
    Pad {
        path: String,
        size: u64,
        at_start: bool,
        one_line: bool,
    },
}

impl Edit {
    fn path(&self) -> &str {
        match self {
            Edit::Write { path, .. } | Edit::Delete { path } | Edit::Pad { path, .. } => path,
        }
    }
}

/// A file that must be named by some problem, at `line` if given.
#[derive(Clone, Debug)]
struct Expect {
    file: String,
    /// The first and last line the problem may be placed on.
    lines: Option<(usize, usize)>,
}

impl Expect {
    fn met_by(&self, e: &ContentError) -> bool {
        e.file == self.file
            && self
                .lines
                .is_none_or(|(from, to)| (from..=to).contains(&e.line))
    }

    /// " at line N" or " at lines N to M", for a failure message.
    fn at(&self) -> String {
        match self.lines {
            None => String::new(),
            Some((from, to)) if from == to => format!(" at line {from}"),
            Some((from, to)) => format!(" at lines {from} to {to}"),
        }
    }
}

/// One corruption of one file (or, for a deletion of every comparison set, one folder).
#[derive(Clone, Debug)]
struct Mutation {
    kind: Kind,
    variant: &'static str,
    desc: String,
    edits: Vec<Edit>,
    expect: Vec<Expect>,
    /// Files whose content is needed to see the problem (an unknown source needs `sources.toml`).
    depends: Vec<String>,
    /// True when the mutation is invalid by construction; false for unguided random flips.
    must_fail: bool,
}

impl Mutation {
    fn new(kind: Kind, variant: &'static str, desc: String, edits: Vec<Edit>) -> Self {
        Mutation {
            kind,
            variant,
            desc,
            edits,
            expect: Vec::new(),
            depends: Vec::new(),
            must_fail: true,
        }
    }

    fn expect(self, file: &str, line: Option<usize>) -> Self {
        self.expect_between(file, line.map(|l| (l, l)))
    }

    fn expect_between(mut self, file: &str, lines: Option<(usize, usize)>) -> Self {
        self.expect.push(Expect {
            file: file.to_string(),
            lines,
        });
        self
    }

    fn depends(mut self, file: &str) -> Self {
        self.depends.push(file.to_string());
        self
    }

    /// Every path the mutation edits, expects named, or needs intact.
    fn touched(&self) -> BTreeSet<&str> {
        let edits = self.edits.iter().map(Edit::path);
        let expects = self.expect.iter().map(|e| e.file.as_str());
        edits
            .chain(expects)
            .chain(self.depends.iter().map(String::as_str))
            .collect()
    }

    fn edited(&self) -> BTreeSet<&str> {
        self.edits.iter().map(Edit::path).collect()
    }
}

fn write(path: &str, text: String) -> Edit {
    Edit::Write {
        path: path.to_string(),
        bytes: text.into_bytes(),
    }
}

/// A generated case: one mutation, or two in different files.
struct Case {
    index: usize,
    seed: u64,
    kind: Kind,
    parts: Vec<Mutation>,
}

impl Case {
    fn variant(&self) -> String {
        self.parts
            .iter()
            .map(|m| format!("{}/{}", m.kind.name(), m.variant))
            .collect::<Vec<_>>()
            .join(" + ")
    }

    fn must_fail(&self) -> bool {
        self.parts.iter().all(|m| m.must_fail)
    }

    /// The heading of a failure report: enough to find and rerun the case.
    fn label(&self) -> String {
        let desc: Vec<&str> = self.parts.iter().map(|m| m.desc.as_str()).collect();
        format!(
            "case {} [{}] seed {:#018x} (rerun: MUTATE_CASE={} MUTATE_SEED={:#x}): {}",
            self.index,
            self.variant(),
            self.seed,
            self.index,
            master_seed(),
            desc.join(" AND ")
        )
    }
}

/// Generates mutations from one case's random numbers.
struct Gen<'p> {
    pack: &'p Pack,
    rng: Rng,
    tag: usize,
}

impl Gen<'_> {
    /// A file to corrupt: a required file half the time, else a topic or comparison set.
    fn any_file(&mut self) -> String {
        if self.rng.chance(50) {
            (*self.rng.pick(&REQUIRED)).to_string()
        } else {
            let mut others = self.pack.paths("topics/");
            others.extend(self.pack.paths("compare/"));
            (*self.rng.pick(&others)).to_string()
        }
    }

    fn single(&mut self, kind: Kind, ordinal: usize) -> Mutation {
        match kind {
            Kind::Truncate => self.truncate(None),
            Kind::Flip => self.flip(ordinal),
            Kind::Delete => self.delete(ordinal),
            Kind::Duplicate => self.duplicate(ordinal),
            Kind::Link => self.link(ordinal),
            Kind::Cycle => self.cycle(ordinal),
            Kind::Huge => self.huge(),
            Kind::Combined => unreachable!("combined cases are made of single ones"),
        }
    }

    // -- truncate

    fn truncate(&mut self, file: Option<&str>) -> Mutation {
        let path = file.map_or_else(|| self.any_file(), str::to_string);
        let text = self.pack.text(&path);
        let has_header = lines(text).iter().any(|l| l.text.starts_with("[["));
        let roll = self.rng.below(10);
        let (variant, cut, what) = if roll < 5 {
            let s = *self.rng.pick(&strings(text));
            let mut cut = self.rng.range(s.start, s.end);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let what = format!(
                "inside the {} string that opens on line {}",
                if s.multiline {
                    "multi-line"
                } else {
                    "one-line"
                },
                line_of(text, s.start)
            );
            ("in-string", cut, what)
        } else if roll < 8 || !has_header {
            let keys = key_lines(text);
            let k = self.rng.pick(&keys);
            let cut = self.rng.range(k.key_start + 1, k.value);
            (
                "in-key",
                cut,
                format!("inside `{} =` on line {}", k.key, k.no),
            )
        } else {
            let headers: Vec<Line<'_>> = lines(text)
                .into_iter()
                .filter(|l| l.text.starts_with("[["))
                .collect();
            let h = self.rng.pick(&headers);
            let cut = self.rng.range(h.start + 1, h.start + h.text.len() - 1);
            (
                "in-header",
                cut,
                format!("inside `{}` on line {}", h.text, h.no),
            )
        };
        let desc = format!("truncate {path} to {cut} of {} bytes, {what}", text.len());
        Mutation::new(
            Kind::Truncate,
            variant,
            desc,
            vec![write(&path, text[..cut].to_string())],
        )
        .expect(&path, None)
    }

    // -- flip

    fn flip(&mut self, ordinal: usize) -> Mutation {
        match ordinal % 16 {
            0..=2 => self.flip_utf8(),
            3..=7 => self.flip_structural(),
            8..=11 => self.flip_control(),
            12..=13 => self.flip_escaped(),
            _ => self.flip_random(),
        }
    }

    fn flip_utf8(&mut self) -> Mutation {
        const BAD: [&[u8]; 7] = [
            &[0xFF],
            &[0xFE],
            &[0xC0, 0x80],
            &[0xED, 0xA0, 0x80],
            &[0x80],
            &[0xE2, 0x28, 0xA1],
            &[0xF8, 0x88, 0x80, 0x80, 0x80],
        ];
        let path = self.any_file();
        let text = self.pack.text(&path);
        loop {
            let p = self.rng.below(text.len());
            let seq = *self.rng.pick(&BAD);
            let mut bytes = text.as_bytes()[..p].to_vec();
            bytes.extend_from_slice(seq);
            bytes.extend_from_slice(&text.as_bytes()[p + 1..]);
            if std::str::from_utf8(&bytes).is_err() {
                let desc = format!(
                    "replace byte {p} (line {}) of {path} with {seq:02X?}, not UTF-8",
                    line_of(text, p)
                );
                let edit = Edit::Write {
                    path: path.clone(),
                    bytes,
                };
                return Mutation::new(Kind::Flip, "not-utf8", desc, vec![edit]).expect(&path, None);
            }
        }
    }

    fn flip_structural(&mut self) -> Mutation {
        let path = self.any_file();
        let text = self.pack.text(&path);
        let b = text.as_bytes();
        let headers: Vec<Line<'_>> = lines(text)
            .into_iter()
            .filter(|l| l.text.starts_with("[["))
            .collect();
        let quotable: Vec<(Str, Vec<usize>)> = strings(text)
            .into_iter()
            .filter(|s| !s.multiline && b[s.start - 1] == b'"' && s.end - s.start >= 2)
            .map(|s| (s, plain_positions(text, s)))
            .filter(|(_, ps)| !ps.is_empty())
            .collect();
        let roll = self.rng.below(3);
        // The last line the parser may place the problem on, if later than the flip's.
        let mut until = None;
        let (variant, at, with) = if roll == 1 && !quotable.is_empty() {
            let (_, positions) = self.rng.pick(&quotable);
            ("quote-in-string", *self.rng.pick(positions), b'"')
        } else if roll == 2 && !headers.is_empty() {
            let h = self.rng.pick(&headers);
            let n = h.text.len();
            let at = h.start + *self.rng.pick(&[0, 1, n - 2, n - 1]);
            ("header", at, *self.rng.pick(b"{}=\","))
        } else {
            let keys = key_lines(text);
            let k = self.rng.pick(&keys);
            // `body . """…"""` reads as a dotted key ending in the multi-line string: the missing
            // `=` is found where that string closes.
            until = strings(text)
                .into_iter()
                .find(|s| s.multiline && s.start == k.value + 3)
                .map(|s| line_of(text, s.end));
            ("key-equals", k.eq, *self.rng.pick(b"[]{},\".#"))
        };
        let line = line_of(text, at);
        let desc = format!(
            "in {path} line {line}, replace {:?} at byte {at} with {:?}",
            char::from(b[at]),
            char::from(with)
        );
        let changed = splice(text, at..at + 1, &char::from(with).to_string());
        Mutation::new(Kind::Flip, variant, desc, vec![write(&path, changed)])
            .expect_between(&path, Some((line, until.unwrap_or(line))))
    }

    fn flip_control(&mut self) -> Mutation {
        const CONTROLS: [(&str, &str); 10] = [
            ("NUL", "\0"),
            ("ESC", "\x1b"),
            ("ESC [2J (clear screen)", "\x1b[2J"),
            ("OSC 52 (clipboard)", "\x1b]52;c;aGk=\x07"),
            ("BEL", "\x07"),
            ("BS", "\x08"),
            ("VT", "\x0b"),
            ("FF", "\x0c"),
            ("DEL", "\x7f"),
            ("a lone CR", "\r"),
        ];
        let path = self.any_file();
        let text = self.pack.text(&path);
        let spots: Vec<Vec<usize>> = strings(text)
            .into_iter()
            .map(|s| plain_positions(text, s))
            .filter(|ps| !ps.is_empty())
            .collect();
        let spot = self.rng.below(spots.len());
        let at = *self.rng.pick(&spots[spot]);
        let (name, seq) = *self.rng.pick(&CONTROLS);
        let line = line_of(text, at);
        let desc = format!("in {path} line {line}, put {name} inside a string at byte {at}");
        Mutation::new(
            Kind::Flip,
            "control-char",
            desc,
            vec![write(&path, splice(text, at..at + 1, seq))],
        )
        .expect(&path, Some(line))
    }

    /// A control or bidi character written as a TOML escape (`\e`, `\u001B`, …): valid TOML, so
    /// only validation can refuse it. Half the time inside an id: an item's own, or one naming
    /// another item (a listed topic, a follow-up, a cited source, a cell's item).
    fn flip_escaped(&mut self) -> Mutation {
        const ESCAPES: [(&str, &str); 8] = [
            ("ESC", "\\e"),
            ("ESC", "\\u001B"),
            ("ESC", "\\x1b"),
            ("NUL", "\\u0000"),
            ("BEL", "\\u0007"),
            ("C1 CSI", "\\u009B"),
            ("a right-to-left override", "\\u202E"),
            ("ESC [2J (clear screen)", "\\u001B[2J"),
        ];
        const REFERENCES: [&str; 12] = [
            "topics",
            "follow",
            "more",
            "sources",
            "summary_sources",
            "crisis_sources",
            "item",
            "attribute",
            "group",
            "topic",
            "root",
            "id",
        ];
        let path = self.any_file();
        let text = self.pack.text(&path);
        let keys = key_lines(text);
        let b = text.as_bytes();
        // Basic strings (escapes work there), each with the key it is the value of.
        let spots: Vec<(&str, Vec<usize>)> = strings(text)
            .into_iter()
            .filter(|s| b[s.start - 1] == b'"')
            .filter_map(|s| {
                let key = keys.iter().rev().find(|k| k.value <= s.start)?;
                Some((key.key.as_str(), plain_positions(text, s)))
            })
            .filter(|(_, ps)| !ps.is_empty())
            .collect();
        let references: Vec<&(&str, Vec<usize>)> = spots
            .iter()
            .filter(|(k, _)| REFERENCES.contains(k))
            .collect();
        let (key, positions) = if !references.is_empty() && self.rng.chance(50) {
            *self.rng.pick(&references)
        } else {
            self.rng.pick(&spots)
        };
        let at = *self.rng.pick(positions);
        let (name, escape) = *self.rng.pick(&ESCAPES);
        let line = line_of(text, at);
        let desc = format!(
            "in {path} line {line}, write {name} as `{escape}` inside the `{key}` string at byte {at}"
        );
        let cells = path.starts_with("compare/");
        let owner = owner_line(text, at, cells).min(line);
        Mutation::new(
            Kind::Flip,
            "escaped-control",
            desc,
            vec![write(&path, splice(text, at..at + 1, escape))],
        )
        .expect_between(&path, Some((owner, line)))
    }

    fn flip_random(&mut self) -> Mutation {
        let path = self.any_file();
        let text = self.pack.text(&path);
        let ascii: Vec<usize> = text
            .bytes()
            .enumerate()
            .filter(|(_, c)| c.is_ascii())
            .map(|(i, _)| i)
            .collect();
        let at = *self.rng.pick(&ascii);
        let with = char::from(*self.rng.pick(b"[]{}=\",#'\n\\"));
        let desc = format!(
            "in {path} line {}, replace {:?} at byte {at} with {with:?} (unguided)",
            line_of(text, at),
            char::from(text.as_bytes()[at])
        );
        let mut m = Mutation::new(
            Kind::Flip,
            "random",
            desc,
            vec![write(&path, splice(text, at..at + 1, &with.to_string()))],
        );
        // A random flip may leave the pack valid, or break it only where another file points at it.
        m.must_fail = false;
        m
    }

    // -- delete

    fn delete(&mut self, ordinal: usize) -> Mutation {
        if let Some(path) = REQUIRED.get(ordinal) {
            let desc = format!("delete the required file {path}");
            let edit = Edit::Delete {
                path: (*path).to_string(),
            };
            return Mutation::new(Kind::Delete, "required", desc, vec![edit]).expect(path, Some(1));
        }
        if ordinal == REQUIRED.len() {
            let edits = self
                .pack
                .paths("compare/")
                .into_iter()
                .map(|p| Edit::Delete {
                    path: p.to_string(),
                })
                .collect();
            return Mutation::new(
                Kind::Delete,
                "every-compare-set",
                "delete every comparison set (compare/*.toml)".into(),
                edits,
            )
            .expect("compare/", Some(1));
        }
        // A stride coprime with the number of topics: every case deletes a different topic.
        let topics = &self.pack.catalog.topics;
        let pick = (ordinal - REQUIRED.len() - 1) * 13;
        let topic = topics[pick % topics.len()].id.as_str();
        let path = format!("topics/{topic}.toml");
        let categories = self.pack.text("categories.toml");
        let at = categories.find(&format!("\"{topic}\"")).unwrap();
        Mutation::new(
            Kind::Delete,
            "listed-topic",
            format!("delete {path}, which categories.toml lists"),
            vec![Edit::Delete { path }],
        )
        .expect("categories.toml", Some(line_of(categories, at)))
    }

    // -- duplicate

    fn duplicate(&mut self, ordinal: usize) -> Mutation {
        const FAMILIES: [(&str, &str); 9] = [
            ("section", "topics/"),
            ("term", "glossary.toml"),
            ("node", "faq.toml"),
            ("source", "sources.toml"),
            ("item", "compare/"),
            ("attribute", "compare/"),
            ("group", "compare/"),
            ("category", "categories.toml"),
            ("topic", "topics/"),
        ];
        let (header, prefix) = FAMILIES[ordinal % FAMILIES.len()];
        let paths = self.pack.paths(prefix);
        if header == "topic" {
            return self.duplicate_topic(&paths);
        }
        let path = (*self.rng.pick(&paths)).to_string();
        let text = self.pack.text(&path);
        let ids = block_ids(text, header);
        assert!(ids.len() >= 2, "{path} has fewer than two [[{header}]]");
        let k = self.rng.range(1, ids.len() - 1);
        let j = self.rng.below(k);
        let (line, start, len, old) = &ids[k];
        let id = &ids[j].3;
        let desc = format!(
            "in {path}, give [[{header}]] '{old}' (line {line}) the id '{id}' of line {}",
            ids[j].0
        );
        let changed = splice(text, *start..start + len, &format!("id = \"{id}\""));
        Mutation::new(Kind::Duplicate, header, desc, vec![write(&path, changed)])
            .expect(&path, Some(*line))
    }

    fn duplicate_topic(&mut self, paths: &[&str]) -> Mutation {
        let a = self.rng.below(paths.len());
        let b = (a + self.rng.range(1, paths.len() - 1)) % paths.len();
        let (path, other) = (paths[a], paths[b]);
        let text = self.pack.text(path);
        let own = path.trim_start_matches("topics/").trim_end_matches(".toml");
        let id = other
            .trim_start_matches("topics/")
            .trim_end_matches(".toml");
        let line = id_line(text, own);
        let needle = format!("id = \"{own}\"");
        let at = text.find(&needle).unwrap();
        let changed = splice(text, at..at + needle.len(), &format!("id = \"{id}\""));
        Mutation::new(
            Kind::Duplicate,
            "topic",
            format!("give {path} the topic id '{id}' of {other}"),
            vec![write(path, changed)],
        )
        .expect(path, Some(line))
    }

    // -- link

    fn link(&mut self, ordinal: usize) -> Mutation {
        match ordinal % 11 {
            0 => self.markdown_link("topic", |_, tag| format!("topic:nonexistent-{tag}")),
            1 => self.markdown_link("section", |t, _| {
                let topic = t.trim_start_matches("topic:").split('#').next().unwrap();
                format!("topic:{topic}#no-such-section")
            }),
            2 => self.markdown_link("glossary", |_, _| "glossary:nope".into()),
            3 => self.markdown_link("faq", |_, _| "faq:no-such-question".into()),
            4 => self.markdown_link("compare", |_, _| "compare:no-such-set".into()),
            5 => self.reference("follow", &["faq.toml"], "no-such-question"),
            6 => self.citation(),
            7 => self.reference("more", &["faq.toml"], "no-such-topic"),
            8 => {
                let sets = self.pack.paths("compare/");
                self.reference("topic", &sets, "no-such-topic")
            }
            9 => {
                let sets = self.pack.paths("compare/");
                let key = if self.rng.chance(50) {
                    "item"
                } else {
                    "attribute"
                };
                self.reference(key, &sets, "no-such-row-or-column")
            }
            _ => self.category_topic(),
        }
    }

    /// Points one Markdown link of class `class` at nothing.
    fn markdown_link(
        &mut self,
        class: &'static str,
        target: impl Fn(&str, usize) -> String,
    ) -> Mutation {
        let mut found = Vec::new();
        for (path, text) in &self.pack.files {
            for (at, _) in text.match_indices("](") {
                let start = at + 2;
                let end = start + text[start..].find(')').unwrap();
                let t = &text[start..end];
                let c = match t.split(':').next().unwrap() {
                    "topic" if t.contains('#') => "section",
                    other => other,
                };
                if c == class {
                    found.push((path.as_str(), start, end));
                }
            }
        }
        assert!(!found.is_empty(), "the pack has no {class} link");
        let (path, start, end) = *self.rng.pick(&found);
        let text = self.pack.text(path);
        let old = &text[start..end];
        let new = target(old, self.tag);
        let line = line_of(text, start);
        let desc = format!("in {path} line {line}, change the link ({old}) to ({new})");
        let owner = owner_line(text, start, false);
        let mut m = Mutation::new(
            Kind::Link,
            class,
            desc,
            vec![write(path, splice(text, start..end, &new))],
        )
        .expect(path, Some(owner));
        if class == "glossary" {
            m = m.depends("glossary.toml");
        }
        m
    }

    /// Replaces one id in a `key = "…"` or `key = [...]` line of one of `paths` with `missing`.
    fn reference(&mut self, key: &'static str, paths: &[&str], missing: &str) -> Mutation {
        let mut found = Vec::new();
        for path in paths {
            let text = self.pack.text(path);
            let strs = strings(text);
            for k in key_lines(text).into_iter().filter(|k| k.key == key) {
                for s in strs.iter().filter(|s| s.start > k.value && s.end <= k.end) {
                    found.push((*path, k.no, *s));
                }
            }
        }
        assert!(!found.is_empty(), "no `{key} =` with a value in {paths:?}");
        let (path, line, s) = *self.rng.pick(&found);
        let text = self.pack.text(path);
        let old = &text[s.start..s.end];
        let new = format!("{missing}-{}", self.tag);
        let desc = format!("in {path} line {line}, change `{key}` entry '{old}' to '{new}'");
        let cells = path.starts_with("compare/");
        Mutation::new(
            Kind::Link,
            key,
            desc,
            vec![write(path, splice(text, s.start..s.end, &new))],
        )
        .expect(path, Some(owner_line(text, s.start, cells)))
    }

    /// Cites a source `sources.toml` does not define.
    fn citation(&mut self) -> Mutation {
        let keys = ["sources", "summary_sources", "crisis_sources"];
        let mut paths: Vec<&str> = vec!["meta.toml", "glossary.toml", "faq.toml"];
        paths.extend(self.pack.paths("topics/"));
        paths.extend(self.pack.paths("compare/"));
        let mut found = Vec::new();
        for path in paths {
            let text = self.pack.text(path);
            let strs = strings(text);
            for k in key_lines(text)
                .into_iter()
                .filter(|k| keys.contains(&k.key.as_str()))
            {
                for s in strs.iter().filter(|s| s.start > k.value && s.end <= k.end) {
                    found.push((path, k.no, *s));
                }
            }
        }
        let (path, line, s) = *self.rng.pick(&found);
        let text = self.pack.text(path);
        let old = &text[s.start..s.end];
        let new = format!("NO-SUCH-SOURCE-{}", self.tag);
        let desc = format!("in {path} line {line}, cite '{new}' instead of '{old}'");
        let owner = if path == "meta.toml" {
            line
        } else {
            owner_line(text, s.start, path.starts_with("compare/"))
        };
        Mutation::new(
            Kind::Link,
            "citation",
            desc,
            vec![write(path, splice(text, s.start..s.end, &new))],
        )
        .expect(path, Some(owner))
        .depends("sources.toml")
    }

    /// Lists a topic that does not exist in place of one that does.
    fn category_topic(&mut self) -> Mutation {
        let ids: Vec<&str> = self
            .pack
            .catalog
            .categories
            .iter()
            .flat_map(|c| c.topics.iter().map(moodguide::content::TopicId::as_str))
            .collect();
        let topic = *self.rng.pick(&ids);
        let text = self.pack.text("categories.toml");
        let needle = format!("\"{topic}\"");
        let at = text.find(&needle).unwrap();
        let new = format!("\"no-such-topic-{}\"", self.tag);
        let line = line_of(text, at);
        Mutation::new(
            Kind::Link,
            "category-topic",
            format!("in categories.toml line {line}, list {new} instead of {needle}"),
            vec![write(
                "categories.toml",
                splice(text, at..at + needle.len(), &new),
            )],
        )
        .expect("categories.toml", Some(line))
    }

    // -- cycle

    fn cycle(&mut self, ordinal: usize) -> Mutation {
        let tree = Tree::new(&self.pack.catalog);
        let text = self.pack.text("faq.toml");
        let non_root: Vec<&str> = tree
            .ids
            .iter()
            .copied()
            .filter(|&i| i != tree.root)
            .collect();
        let (variant, edits, desc, blamed) = match ordinal % 4 {
            0 => {
                let deep: Vec<&str> = non_root
                    .iter()
                    .copied()
                    .filter(|&d| tree.ancestors(d).len() >= 2)
                    .collect();
                let d = *self.rng.pick(&deep);
                let ancestors = tree.ancestors(d);
                // Not the root (`follows-root` does that): from its child down to d's parent.
                let a = *self.rng.pick(&ancestors[1..]);
                let follow = self.insert(tree.follow(d), a);
                let desc = format!("question '{d}' also follows its ancestor '{a}'");
                ("follows-ancestor", set_follow(text, d, &follow), desc, a)
            }
            1 => {
                let d = *self.rng.pick(&non_root);
                let follow = self.insert(tree.follow(d), d);
                (
                    "follows-itself",
                    set_follow(text, d, &follow),
                    format!("question '{d}' follows itself"),
                    d,
                )
            }
            2 => {
                let d = *self.rng.pick(&non_root);
                let follow = self.insert(tree.follow(d), tree.root);
                let desc = format!("question '{d}' follows the root '{}'", tree.root);
                ("follows-root", set_follow(text, d, &follow), desc, d)
            }
            _ => {
                let a = *self.rng.pick(&non_root);
                let branch = tree.subtree(a);
                let d = *self.rng.pick(&branch);
                let p = tree.parent[a];
                let without: Vec<&str> = tree.follow(p).into_iter().filter(|&f| f != a).collect();
                let follow = self.insert(tree.follow(d), a);
                let changed = set_follow(&set_follow(text, p, &without), d, &follow);
                let desc = format!(
                    "question '{a}' no longer follows '{p}' and follows '{d}' in its own branch"
                );
                ("detached-loop", changed, desc, a)
            }
        };
        Mutation::new(Kind::Cycle, variant, desc, vec![write("faq.toml", edits)])
            .expect("faq.toml", Some(id_line(text, blamed)))
    }

    /// `list` with `id` inserted at a random place.
    fn insert<'a>(&mut self, list: Vec<&'a str>, id: &'a str) -> Vec<&'a str> {
        let mut list = list;
        let at = self.rng.range(0, list.len());
        list.insert(at, id);
        list
    }

    // -- huge

    fn huge(&mut self) -> Mutation {
        let path = self.any_file();
        let extra = if self.rng.chance(25) {
            0
        } else {
            self.rng.below(64 * 1024)
        };
        let size = MAX_FILE_BYTES + 1 + u64::try_from(extra).unwrap();
        let at_start = self.rng.chance(30);
        let one_line = self.rng.chance(50);
        let desc = format!(
            "pad {path} to {size} bytes ({} over the cap) with {} {}",
            size - MAX_FILE_BYTES,
            if one_line {
                "one comment line"
            } else {
                "comment lines"
            },
            if at_start {
                "before its text"
            } else {
                "after its text"
            }
        );
        let edit = Edit::Pad {
            path: path.clone(),
            size,
            at_start,
            one_line,
        };
        Mutation::new(Kind::Huge, "over-cap", desc, vec![edit]).expect(&path, Some(1))
    }

    // -- combined

    /// A random ordinal for `kind`; a deletion is of a required file a third of the time.
    fn variant_ordinal(&mut self, kind: Kind) -> usize {
        if kind == Kind::Delete {
            self.rng.below(REQUIRED.len() * 3)
        } else {
            self.rng.below(1000)
        }
    }

    fn combined(&mut self, ordinal: usize) -> Vec<Mutation> {
        const ANY: [Kind; 7] = [
            Kind::Truncate,
            Kind::Flip,
            Kind::Delete,
            Kind::Duplicate,
            Kind::Link,
            Kind::Cycle,
            Kind::Huge,
        ];
        const SEMANTIC: [Kind; 3] = [Kind::Duplicate, Kind::Link, Kind::Cycle];
        for _ in 0..1000 {
            let first = if let Some(path) = REQUIRED.get(ordinal) {
                self.truncate(Some(path))
            } else {
                let kind = *self.rng.pick(&ANY);
                let n = self.variant_ordinal(kind);
                self.single(kind, n)
            };
            let kind = if ordinal < REQUIRED.len() {
                *self.rng.pick(&SEMANTIC)
            } else {
                *self.rng.pick(&ANY)
            };
            let n = self.variant_ordinal(kind);
            let second = self.single(kind, n);
            let (a, b) = (first.touched(), second.touched());
            if first.must_fail && second.must_fail && a.is_disjoint(&b) {
                return vec![first, second];
            }
        }
        panic!("no two disjoint mutations found for combined case {ordinal}");
    }
}

/// The questions tree of the bundled pack.
struct Tree<'c> {
    root: &'c str,
    ids: Vec<&'c str>,
    follows: HashMap<&'c str, Vec<&'c str>>,
    parent: HashMap<&'c str, &'c str>,
}

impl<'c> Tree<'c> {
    fn new(c: &'c Catalog) -> Self {
        let mut follows = HashMap::new();
        let mut parent = HashMap::new();
        for n in &c.faq.nodes {
            let f: Vec<&str> = n
                .follow
                .iter()
                .map(moodguide::content::NodeId::as_str)
                .collect();
            for &child in &f {
                parent.insert(child, n.id.as_str());
            }
            follows.insert(n.id.as_str(), f);
        }
        Tree {
            root: c.faq.root.as_str(),
            ids: c.faq.nodes.iter().map(|n| n.id.as_str()).collect(),
            follows,
            parent,
        }
    }

    fn follow(&self, id: &str) -> Vec<&'c str> {
        self.follows[id].clone()
    }

    /// From the root down to the parent of `id`.
    fn ancestors(&self, id: &str) -> Vec<&'c str> {
        let mut out = Vec::new();
        let mut at = id;
        while let Some(&p) = self.parent.get(at) {
            out.push(p);
            at = p;
        }
        out.reverse();
        out
    }

    /// `id` and every question below it.
    fn subtree(&self, id: &'c str) -> Vec<&'c str> {
        let mut out = vec![id];
        let mut i = 0;
        while i < out.len() {
            out.extend(self.follows[out[i]].iter().copied());
            i += 1;
        }
        out
    }
}

/// Rewrites the `follow = [...]` line of question `node`.
fn set_follow(text: &str, node: &str, follow: &[&str]) -> String {
    let id = format!("id = \"{node}\"");
    let all = lines(text);
    let from = all.iter().position(|l| l.text.trim() == id).unwrap();
    let line = all[from + 1..]
        .iter()
        .take_while(|l| !l.text.starts_with("[["))
        .find(|l| l.text.starts_with("follow = "))
        .unwrap_or_else(|| panic!("question {node} has no follow line"));
    let list: Vec<String> = follow.iter().map(|f| format!("\"{f}\"")).collect();
    splice(
        text,
        line.start..line.start + line.text.len(),
        &format!("follow = [{}]", list.join(", ")),
    )
}

// ---- the cases -------------------------------------------------------------------------------------

fn master_seed() -> u64 {
    std::env::var("MUTATE_SEED").map_or(MASTER_SEED, |s| {
        let s = s.trim();
        s.strip_prefix("0x")
            .map_or_else(|| s.parse(), |h| u64::from_str_radix(h, 16))
            .unwrap_or_else(|e| panic!("MUTATE_SEED={s}: {e}"))
    })
}

/// Case `index` under `master`: a pure function of the two, so any one case can be rerun alone.
fn case(master: u64, index: usize) -> Case {
    let mut ordinal = index;
    let mut kind = Kind::Combined;
    for (k, n) in PLAN {
        if ordinal < n {
            kind = k;
            break;
        }
        ordinal -= n;
    }
    let seed = case_seed(master, index);
    let mut g = Gen {
        pack: pack(),
        rng: Rng(seed),
        tag: index,
    };
    let parts = if kind == Kind::Combined {
        g.combined(ordinal)
    } else {
        vec![g.single(kind, ordinal)]
    };
    Case {
        index,
        seed,
        kind,
        parts,
    }
}

fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let total: usize = PLAN.iter().map(|(_, n)| n).sum();
        let master = master_seed();
        match std::env::var("MUTATE_CASE") {
            Ok(n) => vec![case(master, n.trim().parse().unwrap())],
            Err(_) => (0..total).map(|i| case(master, i)).collect(),
        }
    })
}

fn running_one_case() -> bool {
    std::env::var_os("MUTATE_CASE").is_some()
}

// ---- building a mutated pack on disk ---------------------------------------------------------------

/// The bundled pack with `parts` applied: the bytes of each file kept as they are or rewritten, the
/// files to pad past the cap, and the paths removed (`compare/` when no comparison set is left).
struct Applied<'m> {
    files: BTreeMap<&'m str, &'m [u8]>,
    pads: Vec<&'m Edit>,
    gone: BTreeSet<String>,
}

fn apply(parts: &[Mutation]) -> Applied<'_> {
    let mut files: BTreeMap<&str, &[u8]> = pack()
        .files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_bytes()))
        .collect();
    let mut gone = BTreeSet::new();
    let mut pads = Vec::new();
    for edit in parts.iter().flat_map(|m| &m.edits) {
        match edit {
            Edit::Write { path, bytes } => {
                files.insert(path, bytes);
            }
            Edit::Delete { path } => {
                files.remove(path.as_str());
                gone.insert(path.clone());
            }
            Edit::Pad { .. } => pads.push(edit),
        }
    }
    if !files.keys().any(|p| p.starts_with("compare/")) {
        gone.insert("compare/".to_string());
    }
    Applied { files, pads, gone }
}

/// What a mutated pack holds, to judge its report: each file's text (`None` for one padded past the
/// cap) and the paths removed.
struct View {
    texts: BTreeMap<String, Option<String>>,
    gone: BTreeSet<String>,
}

fn view(parts: &[Mutation]) -> View {
    let applied = apply(parts);
    let mut texts: BTreeMap<String, Option<String>> = applied
        .files
        .iter()
        .map(|(p, b)| {
            (
                (*p).to_string(),
                Some(String::from_utf8_lossy(b).into_owned()),
            )
        })
        .collect();
    for pad in applied.pads {
        texts.insert(pad.path().to_string(), None);
    }
    View {
        texts,
        gone: applied.gone,
    }
}

/// Writes the bundled pack with `parts` applied into a new temporary folder.
fn materialise(parts: &[Mutation]) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("moodguide-mutate-")
        .tempdir()
        .unwrap();
    let applied = apply(parts);
    for (path, bytes) in &applied.files {
        let target = dir.path().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, bytes).unwrap();
    }
    for edit in applied.pads {
        let Edit::Pad {
            path,
            size,
            at_start,
            one_line,
        } = edit
        else {
            continue;
        };
        let body = applied.files[path.as_str()];
        let room = usize::try_from(*size).unwrap() - body.len();
        let mut padding = Vec::with_capacity(room);
        while padding.len() < room {
            let left = room - padding.len();
            let line = if *one_line { left } else { left.min(80) };
            padding.extend_from_slice(b"#");
            padding.resize(padding.len() + line.saturating_sub(2), b'x');
            if line >= 2 {
                padding.push(b'\n');
            }
        }
        let target = dir.path().join(path);
        let mut out = std::fs::File::create(&target).unwrap();
        if *at_start {
            out.write_all(&padding).unwrap();
            out.write_all(body).unwrap();
        } else {
            out.write_all(body).unwrap();
            out.write_all(&padding).unwrap();
        }
        drop(out);
        let len = std::fs::metadata(&target).unwrap().len();
        assert_eq!(len, *size, "padding {path}");
    }
    dir
}

enum Loaded {
    Fine,
    Refused(Vec<ContentError>),
    Panicked(String),
}

/// Loads a pack folder as the binary does, turning a panic into a value.
fn load_dir(dir: &Path) -> Loaded {
    let result = panic::catch_unwind(AssertUnwindSafe(|| content::check_dir(dir)));
    match result {
        Ok(Ok(_)) => Loaded::Fine,
        Ok(Err(errors)) => Loaded::Refused(errors),
        Err(payload) => Loaded::Panicked(
            payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_string()))
                .unwrap_or_else(|| "a panic".into()),
        ),
    }
}

/// Every case loaded in process, as the binary loads a pack, once for all the tests; and how long
/// generating, writing and loading them all took.
fn loaded() -> &'static (Vec<Loaded>, Duration) {
    static LOADED: OnceLock<(Vec<Loaded>, Duration)> = OnceLock::new();
    LOADED.get_or_init(|| {
        let start = Instant::now();
        let out = par_map(cases(), |case| {
            let dir = materialise(&case.parts);
            load_dir(dir.path())
        });
        (out, start.elapsed())
    })
}

fn outcomes() -> &'static [Loaded] {
    &loaded().0
}

/// The cases the library refused, with their problems.
fn refused() -> Vec<(&'static Case, &'static [ContentError])> {
    cases()
        .iter()
        .zip(outcomes())
        .filter_map(|(c, o)| match o {
            Loaded::Refused(errors) => Some((c, errors.as_slice())),
            _ => None,
        })
        .collect()
}

// ---- what a good report looks like -----------------------------------------------------------------

/// What is wrong with one problem's `file:line:column: message` line, if anything.
fn shape_problem(e: &ContentError, view: &View) -> Option<String> {
    let shown = e.to_string();
    let mut parts = shown.splitn(4, ':');
    let (Some(file), Some(line), Some(column), Some(rest)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Some(format!("not file:line:column: {shown:?}"));
    };
    let (Ok(line), Ok(column)) = (line.parse::<usize>(), column.parse::<usize>()) else {
        return Some(format!("line or column is not a number: {shown:?}"));
    };
    if line == 0 || column == 0 {
        return Some(format!("line and column must count from 1: {shown:?}"));
    }
    if !rest.starts_with(' ') || rest.trim().is_empty() {
        return Some(format!("no message after the place: {shown:?}"));
    }
    if shown
        .chars()
        .any(|c| c.is_control() || moodguide::chars::is_forbidden_char(c))
    {
        return Some(format!("control character in the report: {shown:?}"));
    }
    if view.gone.contains(file) {
        return (line != 1 || column != 1)
            .then(|| format!("a missing file is at 1:1, not {line}:{column}: {shown:?}"));
    }
    match view.texts.get(file) {
        None => Some(format!("names no file of the pack: {shown:?}")),
        Some(None) => (line != 1 || column != 1)
            .then(|| format!("a file over the cap is at 1:1, not {line}:{column}: {shown:?}")),
        Some(Some(text)) => {
            let lines: Vec<&str> = text.split('\n').collect();
            match lines.get(line - 1) {
                None => Some(format!(
                    "line {line} is past the end ({} lines): {shown:?}",
                    lines.len()
                )),
                Some(l) if column > l.chars().count() + 1 => Some(format!(
                    "column {column} is past the end of line {line} ({} chars): {shown:?}",
                    l.chars().count()
                )),
                Some(_) => None,
            }
        }
    }
}

/// Problems with one case's report: shape of every line, and (if `expects`) the named files.
fn report_problems(errors: &[ContentError], view: &View, expects: &[Expect]) -> Vec<String> {
    let mut out: Vec<String> = errors
        .iter()
        .filter_map(|e| shape_problem(e, view))
        .collect();
    if errors.is_empty() {
        out.push("refused with no problem listed".into());
    }
    for x in expects {
        let named = errors.iter().any(|e| x.met_by(e));
        if !named {
            let at = x.at();
            out.push(format!(
                "no problem names {}{at}; got:\n      {}",
                x.file,
                listing(errors)
            ));
        }
    }
    out
}

/// The first few problems, one per line, for a failure message.
fn listing(errors: &[ContentError]) -> String {
    let mut s: Vec<String> = errors.iter().take(8).map(ToString::to_string).collect();
    if errors.len() > 8 {
        s.push(format!("… and {} more", errors.len() - 8));
    }
    s.join("\n      ")
}

fn failure(case: &Case, problems: &[String]) -> String {
    format!("{}\n    {}", case.label(), problems.join("\n    "))
}

/// One report per case whose checks found problems (`results` in the order of `cases`).
fn failures(cases: &[(&Case, &[ContentError])], results: &[Vec<String>]) -> Vec<String> {
    cases
        .iter()
        .zip(results)
        .filter(|(_, p)| !p.is_empty())
        .map(|((c, _), p)| failure(c, p))
        .collect()
}

fn assert_no_failures(what: &str, checked: usize, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{what}: {} of {checked} cases failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Runs `f` on every item with a few threads, keeping the items' order.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4));
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::with_capacity(items.len()));
    thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(item) = items.get(i) else { break };
                    let r = f(item);
                    done.lock().unwrap().push((i, r));
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap();
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

// ---- the tests -------------------------------------------------------------------------------------

#[test]
fn every_mutation_is_refused_with_located_problems() {
    let start = Instant::now();
    let cases = cases();
    let mut failures = Vec::new();
    let mut generated: BTreeMap<&str, usize> = BTreeMap::new();
    let mut counted: BTreeMap<&str, usize> = BTreeMap::new();
    let mut still_valid = Vec::new();
    for (case, outcome) in cases.iter().zip(outcomes()) {
        *generated.entry(case.kind.name()).or_default() += 1;
        match outcome {
            Loaded::Panicked(msg) => {
                failures.push(failure(case, &[format!("the loader panicked: {msg}")]));
            }
            Loaded::Fine if case.must_fail() => {
                failures.push(failure(case, &["the corrupted pack loaded fine".into()]));
            }
            Loaded::Fine => still_valid.push(format!("{} ({})", case.index, case.parts[0].desc)),
            Loaded::Refused(errors) => {
                *counted.entry(case.kind.name()).or_default() += 1;
                // Two broken files must both be named: `two_broken_files_are_both_reported`.
                let expects: &[Expect] = match case.parts.as_slice() {
                    [one] => &one.expect,
                    _ => &[],
                };
                let problems = report_problems(errors, &view(&case.parts), expects);
                if !problems.is_empty() {
                    failures.push(failure(case, &problems));
                }
            }
        }
    }
    let total_counted: usize = counted.values().sum();
    let by_kind: Vec<String> = generated
        .iter()
        .map(|(k, n)| format!("{k} {}/{n}", counted.get(k).copied().unwrap_or(0)))
        .collect();
    eprintln!(
        "mutate: {} cases generated (master seed {:#x}), {total_counted} counted; by kind \
         (counted/generated): {}; {} still valid and not counted{}; pty-checked: {} \
         (content_flag_refuses_the_pack_before_touching_the_terminal); generated, written and \
         loaded in process in {}, this test {}",
        cases.len(),
        master_seed(),
        by_kind.join(", "),
        still_valid.len(),
        if still_valid.is_empty() {
            String::new()
        } else {
            format!(" (cases {})", still_valid.join("; "))
        },
        pty_sample().len(),
        secs(loaded().1),
        secs(start.elapsed())
    );
    assert_no_failures("refused with located problems", cases.len(), &failures);
    if !running_one_case() {
        assert!(
            total_counted >= MIN_COUNTED,
            "only {total_counted} real corruptions; at least {MIN_COUNTED} are required"
        );
    }
}

#[test]
fn two_broken_files_are_both_reported() {
    let start = Instant::now();
    // A two-file case that loads or panics fails `every_mutation_is_refused_with_located_problems`.
    let combined: Vec<(&Case, &[ContentError])> = refused()
        .into_iter()
        .filter(|(c, _)| c.parts.len() == 2)
        .collect();
    let results = par_map(&combined, |&(case, both)| {
        let mut problems = Vec::new();
        for (i, part) in case.parts.iter().enumerate() {
            let other = &case.parts[1 - i];
            for x in &part.expect {
                let named = both.iter().any(|e| x.met_by(e));
                if !named {
                    let at = x.at();
                    problems.push(format!(
                        "{} is broken ({}) but no problem names it{at}; got:\n      {}",
                        x.file,
                        part.desc,
                        listing(both)
                    ));
                }
            }
            // Everything this break causes alone, outside the files the other break edits.
            let alone_dir = materialise(std::slice::from_ref(part));
            let Loaded::Refused(alone) = load_dir(alone_dir.path()) else {
                problems.push(format!("'{}' alone is not refused", part.desc));
                continue;
            };
            let spared = other.edited();
            let lost: Vec<&ContentError> = alone
                .iter()
                .filter(|e| !spared.contains(e.file.as_str()) && !both.contains(e))
                .collect();
            if !lost.is_empty() {
                let lines: Vec<String> = lost.iter().take(5).map(ToString::to_string).collect();
                problems.push(format!(
                    "{} problem(s) that '{}' causes alone are lost when '{}' is broken too, e.g.\n      {}",
                    lost.len(),
                    part.desc,
                    other.desc,
                    lines.join("\n      ")
                ));
            }
        }
        problems
    });
    let failures = failures(&combined, &results);
    eprintln!(
        "mutate/lose-nothing: {} two-file cases, {} lose a file's problems; {}",
        combined.len(),
        failures.len(),
        secs(start.elapsed())
    );
    assert_no_failures("lose nothing", combined.len(), &failures);
}

#[test]
fn check_command_reports_every_problem_and_exits_1() {
    let start = Instant::now();
    // A case that loads or panics in process fails `every_mutation_is_refused_with_located_problems`.
    let refused = refused();
    // Every case's report is made in process (`cli::check::check`, as the binary's `check` calls
    // it); the first case of every kind and variant also runs through the built binary.
    let mut seen = BTreeSet::new();
    let binary: BTreeSet<usize> = refused
        .iter()
        .filter(|(c, _)| c.parts.iter().any(|m| seen.insert((m.kind, m.variant))))
        .map(|(c, _)| c.index)
        .collect();
    let results = par_map(&refused, |&(case, errors)| {
        let dir = materialise(&case.parts);
        let (status, stdout, stderr) = if binary.contains(&case.index) {
            let out = Command::new(env!("CARGO_BIN_EXE_moodguide"))
                .arg("check")
                .arg(dir.path())
                .output()
                .unwrap();
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stdout).into_owned(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        } else {
            let mut out = Vec::new();
            match panic::catch_unwind(AssertUnwindSafe(|| {
                moodguide::cli::check::check(dir.path(), false, &mut out)
            })) {
                Ok(outcome) => (
                    Some(i32::from(outcome.unwrap().code())),
                    String::from_utf8(out).unwrap(),
                    String::new(),
                ),
                Err(_) => (None, String::new(), "panicked".to_string()),
            }
        };
        let mut problems = Vec::new();
        if status != Some(1) {
            problems.push(format!("exit status {status:?}, not 1"));
        }
        if stdout.contains("panicked") || stderr.contains("panicked") {
            problems.push(format!("panicked: {stderr}"));
        }
        if !stderr.is_empty() {
            problems.push(format!(
                "check writes its report to stdout; stderr: {stderr}"
            ));
        }
        let want: Vec<String> = errors
            .iter()
            .map(|e| e.under(dir.path()).to_string())
            .chain([format!("{} problem(s)", errors.len())])
            .collect();
        let got: Vec<&str> = stdout.lines().collect();
        if got != want {
            problems.push(format!(
                "stdout is not the library's problems and count:\n      want {want:?}\n      got  {got:?}"
            ));
        }
        let prefix = format!("{}/", dir.path().display());
        if let Some(bad) = got[..got.len().saturating_sub(1)]
            .iter()
            .find(|l| !l.starts_with(&prefix))
        {
            problems.push(format!(
                "a line does not start with the pack folder: {bad:?}"
            ));
        }
        problems
    });
    let failures = failures(&refused, &results);
    eprintln!(
        "mutate/check: `check` on {} refused cases, {} of them through the binary; {}",
        refused.len(),
        binary.len(),
        secs(start.elapsed())
    );
    assert_no_failures("moodguide check", refused.len(), &failures);
}

/// The refused cases run in a pseudo-terminal. A run costs about 0.1 s of mostly system time, and
/// running all of them made this file take 47 s on a busy machine, so: every case that plants a control
/// character (the content most likely to reach the terminal), the first case of every kind and
/// variant, and every fourth case of the rest.
fn pty_sample() -> Vec<(&'static Case, &'static [ContentError])> {
    let mut seen = BTreeSet::new();
    refused()
        .into_iter()
        .filter(|(c, _)| {
            let mut first = false;
            for m in &c.parts {
                first |= seen.insert((m.kind, m.variant));
            }
            let control = c.parts.iter().any(|m| m.variant.contains("control"));
            first || control || c.index % 4 == 0
        })
        .collect()
}

/// What `moodguide --content DIR` did in a pseudo-terminal.
struct PtyRun {
    code: Option<u32>,
    raw: Vec<u8>,
    screen: String,
}

fn run_in_pty(dir: &Path) -> PtyRun {
    let (rows, cols) = (50, 200);
    let pair = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_moodguide"));
    cmd.arg("--content");
    cmd.arg(dir);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    for var in ["MOODGUIDE_TEST_PANIC", "NO_COLOR", "RUST_BACKTRACE"] {
        cmd.env_remove(var);
    }
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    // Only the child may hold the slave end, so the reader sees end-of-file when it exits.
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut raw = Vec::new();
        let mut buf = [0u8; 8192];
        // Linux reports EIO on the master once the child has gone; either way we are done.
        while let Ok(n @ 1..) = reader.read(&mut buf) {
            raw.extend_from_slice(&buf[..n]);
        }
        let _ = tx.send(raw);
    });
    let started = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status.exit_code());
        }
        if started.elapsed() > PTY_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        thread::sleep(Duration::from_millis(5));
    };
    let raw = rx.recv_timeout(PTY_TIMEOUT).unwrap_or_default();
    drop(pair.master);
    let mut parser = vt100::Parser::new(rows.try_into().unwrap(), cols.try_into().unwrap(), 0);
    parser.process(&raw);
    PtyRun {
        code,
        raw,
        screen: parser.screen().contents(),
    }
}

#[test]
fn content_flag_refuses_the_pack_before_touching_the_terminal() {
    let start = Instant::now();
    let sample = pty_sample();
    let results = par_map(&sample, |&(case, errors)| {
        let dir = materialise(&case.parts);
        let run = run_in_pty(dir.path());
        let text = String::from_utf8_lossy(&run.raw);
        let mut problems = Vec::new();
        match run.code {
            Some(1) => {}
            Some(c) => problems.push(format!("exit status {c}, not 1")),
            None => problems.push(format!("still running after {PTY_TIMEOUT:?}")),
        }
        if run.raw.windows(8).any(|w| w == b"\x1b[?1049h") {
            problems.push("entered the alternate screen".into());
        }
        if let Some(at) = run.raw.iter().position(|&b| b == 0x1b) {
            let from = at.saturating_sub(40);
            let near = String::from_utf8_lossy(&run.raw[from..(at + 40).min(run.raw.len())]);
            problems.push(format!("wrote an escape sequence at byte {at}: {near:?}"));
        }
        let unsafe_char = |c: char| {
            !matches!(c, '\r' | '\n' | '\t')
                && (c.is_control() || moodguide::chars::is_forbidden_char(c))
        };
        if let Some(c) = text.chars().find(|&c| c != '\x1b' && unsafe_char(c)) {
            let line = text.lines().find(|l| l.contains(c)).unwrap_or_default();
            problems.push(format!(
                "wrote the control character U+{:04X} to the terminal: {line:?}",
                u32::from(c)
            ));
        }
        if text.contains("panicked") {
            problems.push(format!("panicked: {text}"));
        }
        let missing: Vec<String> = errors
            .iter()
            .map(|e| e.under(dir.path()).to_string())
            .filter(|line| !text.contains(line.as_str()))
            .collect();
        if !missing.is_empty() {
            problems.push(format!(
                "{} problem(s) not shown on the terminal, e.g. {:?}",
                missing.len(),
                missing[0]
            ));
        }
        let summary = format!(
            "the content has {} problem(s); nothing was shown",
            errors.len()
        );
        if !run.screen.contains(&summary) {
            problems.push(format!(
                "the screen does not show {summary:?}:\n{}",
                run.screen
            ));
        }
        problems
    });
    let ran = sample.len();
    let failures = failures(&sample, &results);
    let kinds: BTreeSet<&str> = sample.iter().map(|(c, _)| c.kind.name()).collect();
    eprintln!(
        "mutate/pty: `moodguide --content` in a pseudo-terminal on {ran} refused cases ({} kinds); {}",
        kinds.len(),
        secs(start.elapsed())
    );
    assert_no_failures("moodguide --content in a terminal", ran, &failures);
    if !running_one_case() {
        assert_eq!(
            kinds.len(),
            PLAN.len(),
            "the terminal sample must cover every kind"
        );
    }
}
