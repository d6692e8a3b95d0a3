//! Odd terminals and wide characters.
//!
//! Terminals: the real binary in a pseudo-terminal (`tests/common/pty.rs`) under `TERM=dumb` (a
//! message, nothing drawn), `TERM=linux`, `TERM=xterm-256color` and
//! `TERM=xterm-256color COLORTERM=truecolor`: the guide draws, quits with the terminal restored, and
//! every colour it writes is one of the 16 ANSI colours the theme (`src/ui/theme.rs`) names.
//!
//! Wide characters: the bundled pack is copied to a temporary directory and its titles, headings,
//! body text, comparison names and cells, questions, glossary term, labels and crisis text are
//! rewritten with CJK, emoji (flags, VS16 presentation) and combining marks; not with emoji joined
//! by U+200D, whose width terminals disagree on and which the validator refuses. It must load;
//! then every screen is rendered at 80x24 and 120x40 and checked cell by cell: each row's symbols
//! add up to exactly the terminal's width, a wide character's second cell is blank (ratatui
//! keeps a wide symbol in one cell and resets the next; anything else there never reaches the
//! terminal), the comparison table's column gaps stay blank on every row, and the crisis strip shows
//! its whole text on the bottom rows. The real binary on the same pack must show what the test
//! backend shows, and the command line's tables must line up.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::time::Duration;

use common::pty::{ENTER, ESC, Session, Spawn, assert_restored, assert_screen_restored, tail};
use moodguide::app::compare::matrix;
use moodguide::app::{self, Action, App, Screen, TreeRow, tree_rows};
use moodguide::compare::Row;
use moodguide::content::{self, Catalog};
use moodguide::search::SearchIndex;
use moodguide::ui::{self, theme::COLOR};
use moodguide::wrap::wrap_plain;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

/// How long `q` may take to end the process.
const QUIT_TIMEOUT: Duration = Duration::from_secs(5);

// ---------------------------------------------------------------------------------------------
// Terminals
// ---------------------------------------------------------------------------------------------

/// A colour as an SGR sequence names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sgr {
    /// 30–37, 40–47, 90–97, 100–107: one of the 16 ANSI colours, understood everywhere.
    Ansi(u8),
    /// `38;5;N` / `48;5;N`: an index into the 256-colour palette.
    Indexed(u16),
    /// `38;2;R;G;B` / `48;2;R;G;B`: a truecolour.
    Rgb,
}

/// Every colour named by the SGR sequences (`ESC [ … m`) in `raw`. Panics on a parameter that is
/// not a known attribute or colour, so nothing unexpected reaches the terminal.
fn sgr_colours(raw: &[u8]) -> Vec<Sgr> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(at) = raw[i..].windows(2).position(|w| w == b"\x1b[") {
        let start = i + at + 2;
        let end = raw[start..]
            .iter()
            .position(|b| (0x40..=0x7e).contains(b))
            .map_or(raw.len(), |e| start + e);
        i = end.min(raw.len() - 1) + 1;
        if raw.get(end) != Some(&b'm') {
            continue;
        }
        let params = std::str::from_utf8(&raw[start..end]).unwrap();
        let nums: Vec<u16> = if params.is_empty() {
            vec![0]
        } else {
            params
                .split(';')
                .map(|p| {
                    p.parse()
                        .unwrap_or_else(|_| panic!("SGR parameter {p:?} in {params:?}"))
                })
                .collect()
        };
        let mut k = 0;
        while k < nums.len() {
            match nums[k] {
                0..=9 | 21..=29 | 39 | 49 | 59 => {}
                n @ (30..=37 | 40..=47) => out.push(Sgr::Ansi(u8::try_from(n % 10).unwrap())),
                n @ (90..=97 | 100..=107) => {
                    out.push(Sgr::Ansi(u8::try_from(n % 10).unwrap() + 8));
                }
                // Foreground, background and (58) underline colour.
                38 | 48 | 58 => match nums.get(k + 1) {
                    Some(5) => {
                        out.push(Sgr::Indexed(nums[k + 2]));
                        k += 2;
                    }
                    Some(2) => {
                        out.push(Sgr::Rgb);
                        k += 4;
                    }
                    _ => panic!("extended colour without a mode in {params:?}"),
                },
                n => panic!("SGR parameter {n} in {params:?} is not an attribute or a colour"),
            }
            k += 1;
        }
    }
    out
}

/// Every cell of the parsed screen has its default colours or one of the 16 ANSI ones.
fn assert_screen_uses_16_colours(s: &Session, what: &str) {
    s.with_screen(|screen| {
        let (rows, cols) = screen.size();
        for row in 0..rows.get() {
            for col in 0..cols.get() {
                let cell = screen.cell(row, col).unwrap();
                for c in [cell.fgcolor(), cell.bgcolor()] {
                    assert!(
                        matches!(c, vt100::Color::Default)
                            || matches!(c, vt100::Color::Idx(n) if n < 16),
                        "{what}: cell ({row}, {col}) {:?} has colour {c:?}",
                        cell.contents()
                    );
                }
            }
        }
    });
}

/// Under `TERM=linux` the screen shows no sign the console's font lacks (only the content's own).
fn assert_console_signs(s: &Session, term: &str, what: &str) {
    if !term.starts_with("linux") {
        return;
    }
    let content = common::content_chars();
    let shown = s.with_screen(vt100::Screen::contents);
    let off = common::off_the_console(&shown, &content);
    assert!(
        off.is_empty(),
        "{what}: {off:?} drawn on the console:\n{shown}"
    );
}

/// The guide under `TERM=term` (and `COLORTERM`, if given): home, compare, a topic and search
/// drawn, then `q`; the terminal is restored and only the 16 ANSI colours were used (and on the
/// console, only signs its font has).
fn draws_and_restores(term: &str, colorterm: Option<&str>) -> Vec<u8> {
    let what = format!("TERM={term} COLORTERM={colorterm:?}");
    let spawn = Spawn::new(&[]).env("TERM", term);
    let spawn = match colorterm {
        Some(c) => spawn.env("COLORTERM", c),
        None => spawn.env_remove("COLORTERM"),
    };
    let mut s = spawn.start();
    s.wait_for_home();
    assert_screen_uses_16_colours(&s, &format!("{what}, home"));
    assert_console_signs(&s, term, &format!("{what}, home"));
    s.send("2");
    s.wait_for_all(&["Fluoxetine", "Sertraline", "Does it work"]);
    assert_screen_uses_16_colours(&s, &format!("{what}, compare"));
    assert_console_signs(&s, term, &format!("{what}, compare"));
    s.send("h1");
    s.wait_for("What is depression?");
    s.send(ENTER);
    s.wait_for("Depression is a common illness");
    assert_screen_uses_16_colours(&s, &format!("{what}, topic"));
    assert_console_signs(&s, term, &format!("{what}, topic"));
    s.send("/");
    s.wait_for("Esc close");
    s.send("zolft");
    s.wait_for_all(&["zolft", "Sertraline"]);
    assert_screen_uses_16_colours(&s, &format!("{what}, search"));
    assert_console_signs(&s, term, &format!("{what}, search"));
    s.send_esc(ESC);
    s.wait_for_gone("Esc close");
    s.send("q");
    let status = s.wait_exit(QUIT_TIMEOUT);
    assert!(status.success(), "{what}: q should exit 0, got {status}");
    let raw = s.raw();
    assert_restored(&raw);
    assert_screen_restored(&s);

    let colours = sgr_colours(&raw);
    assert!(
        colours.len() > 10,
        "{what}: hardly any colour was written ({colours:?}): {}",
        tail(&raw)
    );
    for c in &colours {
        assert!(
            matches!(c, Sgr::Ansi(_)) || matches!(c, Sgr::Indexed(n) if *n < 16),
            "{what}: the theme uses only the 16 ANSI colours, but {c:?} was written"
        );
    }
    raw
}

#[test]
fn term_dumb_gets_line_mode_and_nothing_drawn() {
    let mut s = Spawn::new(&[]).env("TERM", "dumb").start();
    s.wait_for("q: leave.");
    s.send("q\r");
    let status = s.wait_exit(QUIT_TIMEOUT);
    assert_eq!(status.exit_code(), 0, "{status}");
    let raw = s.raw();
    let text = String::from_utf8_lossy(&raw);
    for want in ["1. Topics: ", "Call or text 988"] {
        assert!(text.contains(want), "{want:?} not in {text:?}");
    }
    assert!(!raw.contains(&0x1b), "escape sequences written: {text:?}");
}

#[test]
fn linux_256_colour_and_truecolour_terminals_draw_and_restore() {
    for (term, colorterm) in [
        ("linux", None),
        ("xterm-256color", None),
        ("xterm-256color", Some("truecolor")),
    ] {
        draws_and_restores(term, colorterm);
    }
}

/// `--theme high-contrast` draws every cell of the real terminal white or black; `--ascii` draws
/// the console's signs on a terminal that has the Unicode ones ("> " before the selected entry,
/// "v more" for "▼ more"); without either, the same terminal gets the colours and the Unicode
/// signs.
#[test]
fn the_theme_and_signs_flags_reach_the_screen() {
    let home = |args: &[&str]| {
        let mut s = Spawn::new(args).size(80, 11).start();
        s.wait_for_home();
        let (text, colours) = s.with_screen(|screen| {
            let mut colours = std::collections::BTreeSet::new();
            let (rows, cols) = screen.size();
            for row in 0..rows.get() {
                for col in 0..cols.get() {
                    let cell = screen.cell(row, col).unwrap();
                    colours.insert(format!("{:?}", cell.fgcolor()));
                    colours.insert(format!("{:?}", cell.bgcolor()));
                }
            }
            (screen.contents(), colours)
        });
        s.send("q");
        assert!(s.wait_exit(QUIT_TIMEOUT).success());
        (text, colours)
    };
    let (text, colours) = home(&["--theme", "high-contrast"]);
    assert_eq!(
        colours.into_iter().collect::<Vec<_>>(),
        ["Idx(0)", "Idx(15)"],
        "high contrast: only black and white:\n{text}"
    );
    assert!(text.contains("› 1  Topics"), "{text}");
    let (text, colours) = home(&[]);
    assert!(colours.len() > 2, "the colour theme: {colours:?}");
    assert!(
        text.contains("› 1  Topics") && text.contains("▼ more"),
        "{text}"
    );
    let (text, _) = home(&["--ascii"]);
    assert!(
        text.contains("> 1  Topics") && text.contains("v more"),
        "{text}"
    );
    let content = common::content_chars();
    assert!(
        common::off_the_console(&text, &content).is_empty(),
        "{text}"
    );
}

/// In a real terminal the cursor follows the selection after every frame (on the selected home
/// entry, then on the selected topic), hidden unless `--cursor` or `MOODGUIDE_CURSOR=1` asks for
/// it; quitting shows it again either way.
#[test]
fn the_terminal_cursor_follows_the_selection_and_shows_when_asked() {
    for (args, env, shown) in [
        (&[][..], None, false),
        (&["--cursor"][..], None, true),
        (&[][..], Some("1"), true),
        (&[][..], Some("0"), false),
    ] {
        let what = format!("{args:?} MOODGUIDE_CURSOR={env:?}");
        let mut spawn = Spawn::new(args);
        if let Some(v) = env {
            spawn = spawn.env("MOODGUIDE_CURSOR", v);
        }
        let mut s = spawn.start();
        s.wait_for_home();
        for (keys, selected) in [("", "› 1  Topics"), ("1\x1b[B", "› How common")] {
            s.send(keys);
            s.wait_for(selected);
            let at = s.find(selected).unwrap();
            assert!(
                s.wait_until_screen(&what, |screen| screen.cursor_position() == at
                    && screen.hide_cursor() != shown),
                "{what}: the cursor is not on {selected:?} at {at:?} (shown: {shown}): {:?}, \
                 hidden {}\n{}",
                s.with_screen(vt100::Screen::cursor_position),
                s.with_screen(vt100::Screen::hide_cursor),
                s.contents()
            );
        }
        s.send("q");
        assert!(s.wait_exit(QUIT_TIMEOUT).success(), "{what}");
        assert_screen_restored(&s);
    }
}

// ---------------------------------------------------------------------------------------------
// A content pack full of wide characters
// ---------------------------------------------------------------------------------------------

/// The title of `ssri-how-they-work` in the wide pack: CJK, an emoji, an emoji with its
/// presentation selector (VS16, a character of no width).
const TOPIC_TITLE: &str = "抗うつ薬 SSRIs 💊 how they work ⚕️";
/// Its first section's heading.
const HEADING: &str = "神経細胞 🧠 how nerve cells pass signals";
/// A paragraph put before that section's text: a long run of CJK with no spaces, a VS16 emoji, a
/// flag, and an accent as a combining mark.
const CJK_PARAGRAPH: &str = "抗うつ薬はセロトニンの再取り込みをゆっくりにします。効き方には個人差があります。 \
                             ⚕️ 🇯🇵 🧠 Café au lait (cafe\u{301}) naïve.";
/// The first SSRI's name; its brands, and the third's name.
const ITEM_NAME: &str = "フルオキセチン 💊";
const BRANDS: [&str; 2] = ["プロザック", "Sarafem 🇺🇸"];
const ITEM_NAME_3: &str = "パロキセチン";
/// The first group and attribute of the SSRI table; put before the first three cells' text.
const GROUP: &str = "効きますか? 🤔 Does it work, and how fast?";
const LABEL: &str = "効果が出るまで ⏱️ time to work";
const CELL_PREFIX: &str = "効果が出るまで数週間 ⚕️ かかります。";
/// The path from the first question down three levels.
const QUESTIONS: [&str; 4] = [
    "何を知りたいですか? 🤔 What would you like to know?",
    "私のSSRIは効きますか? 💊 Will my SSRI work?",
    "SSRIはどう働きますか? 🧠 How do SSRIs work?",
    "セロトニン不足ですか? Is it low serotonin?",
];
/// The first glossary term.
const TERM: &str = "SSRI 選択的セロトニン再取り込み阻害薬 💊";
const CRISIS: &str =
    "Need help now? 今すぐ相談: call or text 988 📞. In danger right now? Call 911 🚑.";
const CLINIC: &str = "こころのクリニック 🏥 Clinic";

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, target).unwrap();
        }
    }
}

/// Rewrites one TOML file of the pack in `dir`.
fn edit(dir: &Path, file: &str, change: impl FnOnce(&mut toml::Table)) {
    let path = dir.join(file);
    let mut table: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
    change(&mut table);
    std::fs::write(&path, toml::to_string(&table).unwrap()).unwrap();
}

fn set(table: &mut toml::Table, key: &str, value: &str) {
    assert!(table.contains_key(key), "no {key:?} to rewrite");
    table.insert(key.into(), toml::Value::String(value.into()));
}

fn get(table: &toml::Table, key: &str) -> String {
    table[key].as_str().unwrap().to_string()
}

/// Entry `i` of the array of tables `key` (`[[key]]`).
fn nth<'t>(table: &'t mut toml::Table, key: &str, i: usize) -> &'t mut toml::Table {
    table.get_mut(key).unwrap().as_array_mut().unwrap()[i]
        .as_table_mut()
        .unwrap()
}

/// The bundled pack in a temporary directory, with wide text in every kind of field.
fn wide_pack() -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("terminals-wide-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let d = dir.path();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets"), d);
    edit(d, "meta.toml", |t| {
        set(t, "title", "moodguide 💊");
        set(
            t,
            "tagline",
            "抗うつ薬 (antidepressants) 💊, ketamine 🧠 and more: plain facts, 平易な説明.",
        );
        set(t, "crisis", CRISIS);
    });
    edit(d, "ui.toml", |t| {
        set(t, "topics", "Topics 📚");
        set(t, "compare", "Compare ⚖️");
        set(t, "back", "◀ 戻る");
    });
    edit(d, "categories.toml", |t| {
        set(nth(t, "category", 1), "title", "SSRI 薬 💊 medicines");
    });
    edit(d, "topics/ssri-how-they-work.toml", |t| {
        set(t, "title", TOPIC_TITLE);
        // Wider than the topic list: short list words, wide too.
        t.insert("list_title".into(), "抗うつ薬 SSRIs 💊 ⚕️".into());
        let s = nth(t, "section", 0);
        set(s, "heading", HEADING);
        s.insert("list_heading".into(), "神経細胞 🧠 signals".into());
        let body = get(s, "body");
        set(s, "body", &format!("{CJK_PARAGRAPH}\n\n{body}"));
    });
    edit(d, "compare/ssris.toml", |t| {
        let item = nth(t, "item", 0);
        set(item, "name", ITEM_NAME);
        item.insert(
            "brands".into(),
            toml::Value::Array(BRANDS.iter().map(|b| (*b).into()).collect()),
        );
        set(nth(t, "item", 2), "name", ITEM_NAME_3);
        set(nth(t, "group", 0), "title", GROUP);
        set(nth(t, "attribute", 0), "label", LABEL);
        for k in 0..3 {
            let cell = nth(t, "cell", k);
            let text = get(cell, "text");
            set(cell, "text", &format!("{CELL_PREFIX}{text}"));
        }
    });
    edit(d, "faq.toml", |t| {
        for (k, q) in QUESTIONS.iter().enumerate() {
            set(nth(t, "node", k), "question", q);
        }
    });
    edit(d, "glossary.toml", |t| {
        let term = nth(t, "term", 0);
        set(term, "term", TERM);
        let definition = get(term, "definition");
        set(
            term,
            "definition",
            &format!("抗うつ薬の一種 💊. {definition}"),
        );
    });
    dir
}

/// The wide pack, loaded the way `--content DIR` loads it, with its search index.
struct Wide {
    dir: tempfile::TempDir,
    catalog: Catalog,
    index: SearchIndex,
}

fn wide() -> Wide {
    let dir = wide_pack();
    let files = content::dir_files(dir.path()).unwrap();
    let catalog = content::load(&files).unwrap_or_else(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!(
            "the validator refused wide text (CJK, emoji, flags, VS16 or combining \
             marks):\n{}",
            lines.join("\n")
        )
    });
    let index = SearchIndex::build(&catalog);
    Wide {
        dir,
        catalog,
        index,
    }
}

// ---------------------------------------------------------------------------------------------
// Checking a rendered buffer
// ---------------------------------------------------------------------------------------------

/// Columns a cell's symbol takes, as ratatui counts them (a one-byte symbol is one column).
fn symbol_width(symbol: &str) -> usize {
    if symbol.len() == 1 { 1 } else { symbol.width() }
}

/// Where wide text breaks the grid of `buf`: a symbol of no width alone in a cell, a wide symbol
/// whose next cell is not blank (that cell never reaches the terminal: the wide symbol covers
/// it) or which runs past the right edge, and any row whose symbols do not add up to the width.
fn grid_problems(buf: &Buffer) -> Vec<String> {
    let mut out = Vec::new();
    let (w, h) = (buf.area.width, buf.area.height);
    for y in 0..h {
        let (mut x, mut sum) = (0u16, 0usize);
        while x < w {
            let symbol = buf[(x, y)].symbol();
            let cw = symbol_width(symbol);
            if cw == 0 {
                out.push(format!(
                    "row {y}: {symbol:?} of no width alone at column {x}"
                ));
            }
            let cw = u16::try_from(cw.max(1)).unwrap();
            for next in x + 1..x + cw {
                if next >= w {
                    out.push(format!(
                        "row {y}: {symbol:?} at column {x} runs past the right edge"
                    ));
                } else if buf[(next, y)].symbol() != " " {
                    out.push(format!(
                        "row {y}: {symbol:?} at column {x} covers {:?} at column {next}",
                        buf[(next, y)].symbol()
                    ));
                }
            }
            sum += usize::from(cw);
            x += cw;
        }
        if sum != usize::from(w) {
            out.push(format!("row {y}: the symbols take {sum} columns, not {w}"));
        }
    }
    out
}

/// A row as text, the blank cell after each wide symbol left out: what the terminal shows.
fn row_text(buf: &Buffer, y: u16) -> String {
    let mut out = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let symbol = buf[(x, y)].symbol();
        out.push_str(symbol);
        x += u16::try_from(symbol_width(symbol).max(1)).unwrap();
    }
    out
}

/// The display column at which `needle` starts in row `y`.
fn find_in_row(buf: &Buffer, y: u16, needle: &str) -> Option<u16> {
    let row = row_text(buf, y);
    let at = row.find(needle)?;
    Some(u16::try_from(row[..at].width()).unwrap())
}

fn screen_text(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| row_text(buf, y).trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The crisis strip shows the whole crisis text, wrapped to the width, on the bottom rows.
fn assert_crisis_strip(app: &App<'_>, buf: &Buffer, what: &str) {
    let strip = app.chrome().crisis;
    let lines = wrap_plain(&app.catalog.meta.crisis, usize::from(buf.area.width));
    assert_eq!(
        usize::from(strip.height),
        lines.len(),
        "{what}: the crisis text needs {} rows, the strip has {}",
        lines.len(),
        strip.height
    );
    assert_eq!(
        strip.y + strip.height,
        buf.area.height,
        "{what}: strip {strip:?}"
    );
    for (i, line) in lines.iter().enumerate() {
        let y = strip.y + u16::try_from(i).unwrap();
        assert_eq!(
            row_text(buf, y).trim_end(),
            line.trim_end(),
            "{what}: crisis strip row {y}"
        );
    }
}

/// On the compare screen: the table's columns start where the header puts each item's name, and
/// on every row of the table the column before each one (the gap) is blank and not covered by a
/// wide symbol from the left, so no cell runs into its neighbour.
fn assert_table_columns(app: &App<'_>, buf: &Buffer, what: &str) {
    let Some(m) = matrix(app) else { return };
    let set = &app.catalog.sets[app.compare.set];
    let name_start = |i: usize| -> String { set.items[i].name.chars().take(3).collect() };
    // The header: item names to the right of the attribute names, not the picker's "[x] name".
    let footer = app.chrome().footer.y;
    let header = (0..footer).find_map(|y| {
        if row_text(buf, y).contains('[') {
            return None;
        }
        let starts: Vec<u16> = m
            .columns
            .iter()
            .filter_map(|&i| find_in_row(buf, y, &name_start(i)))
            .filter(|&x| x > 2)
            .collect();
        (starts.len() >= 2).then_some((y, starts))
    });
    let Some((header, starts)) = header else {
        panic!("{what}: no table header found:\n{}", screen_text(buf))
    };
    let groups: Vec<&str> = m
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Group { title } => Some(*title),
            Row::Values { .. } => None,
        })
        .collect();
    let mut checked = 0;
    for y in header..footer {
        let text = row_text(buf, y);
        // A group's title is a heading across the whole table.
        if groups.iter().any(|g| text.starts_with(g)) {
            continue;
        }
        for (k, &x) in starts.iter().enumerate() {
            let gap = x - 1;
            let left = buf[(gap - 1, y)].symbol();
            assert!(
                buf[(gap, y)].symbol() == " " && symbol_width(left) <= 1,
                "{what}: the gap before column {k} (column {gap}) is not blank on row {y}:\n{}",
                screen_text(buf)
            );
            // A cell's text starts at its column, never later.
            let end = starts.get(k + 1).map_or(buf.area.width, |next| next - 1);
            if let Some(first) = (x..end).find(|&c| buf[(c, y)].symbol() != " ") {
                assert_eq!(
                    first,
                    x,
                    "{what}: text in column {k} starts at {first}, not {x}, on row {y}:\n{}",
                    screen_text(buf)
                );
            }
        }
        checked += 1;
    }
    assert!(checked > 5, "{what}: only {checked} table rows checked");
}

/// Renders `app` at its size; returns the buffer the app drew (before ratatui's diff).
fn draw(app: &App<'_>) -> Buffer {
    let (w, h) = app.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    let frame = term.draw(|f| ui::render(app, f, &COLOR)).unwrap();
    frame.buffer.clone()
}

/// Everything checked on one screen: the grid, the crisis strip, the table's columns on the
/// compare screen, and that each of `intact` is shown whole on one row.
fn check_screen(app: &App<'_>, what: &str, intact: &[&str]) {
    let (w, h) = app.size;
    let what = format!("{what} at {w}x{h}");
    let buf = draw(app);
    let problems = grid_problems(&buf);
    assert!(
        problems.is_empty(),
        "{what}: wide text breaks the grid:\n{}\nthe screen:\n{}",
        problems.join("\n"),
        screen_text(&buf)
    );
    assert_crisis_strip(app, &buf, &what);
    if app.screen == Screen::Compare && app.overlay.is_none() && app.search.is_none() {
        assert_table_columns(app, &buf, &what);
    }
    let screen = screen_text(&buf);
    for text in intact {
        assert!(
            screen.lines().any(|l| l.contains(text)),
            "{what}: {text:?} is not shown whole:\n{screen}"
        );
    }
}

/// Opens the wide topic from the topic list, with keys.
fn open_wide_topic(app: &mut App<'_>) {
    common::press(app, "<esc> <esc> h 1");
    let t = app.catalog.topic_index("ssri-how-they-work").unwrap();
    let rows = tree_rows(app.catalog, None);
    let target = rows.iter().position(|r| *r == TreeRow::Topic(t)).unwrap();
    while app.topics.row < target {
        common::press(app, "<down>");
    }
    common::press(app, "<enter>");
    assert_eq!(app.topics.open, Some(t), "the wide topic did not open");
}

#[test]
fn wide_text_keeps_every_screen_aligned() {
    let wide = wide();
    let (catalog, index) = (&wide.catalog, &wide.index);
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut a = App::new(catalog, index, (w, h));
        check_screen(&a, "home", &["抗うつ薬", "Topics 📚", "Compare ⚖️"]);

        open_wide_topic(&mut a);
        check_screen(&a, "the wide topic", &[TOPIC_TITLE, HEADING, "⚕️ 🇯🇵"]);
        common::press(&mut a, "<down> <down> <down> <down>");
        check_screen(&a, "the wide topic scrolled", &["(cafe\u{301}) naïve."]);
        common::press(&mut a, "<left>");
        check_screen(&a, "the topic list", &["SSRI 薬"]);

        common::press(&mut a, "<esc> <esc> h 2");
        check_screen(
            &a,
            "compare",
            &[ITEM_NAME, "プロザック", GROUP, "効果が出るまで"],
        );
        common::press(&mut a, "<down>");
        check_screen(&a, "the table", &[ITEM_NAME]);
        common::press(&mut a, "d <down>");
        check_screen(&a, "differences", &[ITEM_NAME]);
        common::press(&mut a, "<right> <right> <right> <right> <right>");
        check_screen(&a, "the table scrolled sideways", &[]);
        common::press(&mut a, "<home> <left> <left> <left> <left> <left> <enter>");
        assert!(
            matches!(a.overlay, Some(app::Overlay::Cell { row: 0, col: 0, .. })),
            "{:?}",
            a.overlay
        );
        check_screen(&a, "a wide cell in full", &[ITEM_NAME, "⚕️"]);

        common::press(&mut a, "<esc> <esc> h 3");
        check_screen(&a, "the first question", &[QUESTIONS[0]]);
        // "I need help now" comes first; the wide questions follow the second.
        common::press(&mut a, "<down> <enter> <enter> <enter>");
        check_screen(&a, "a question three deep", &[QUESTIONS[3]]);

        // Search and the popups over home (see "still reading?" below).
        common::press(&mut a, "<esc> <esc> <esc> h / s e r o t");
        check_screen(&a, "search results", &["serot"]);
        common::press(&mut a, "<c-u>");
        common::press(&mut a, "選択的");
        assert!(!a.search.as_ref().unwrap().results.hits.is_empty());
        common::press(&mut a, "<enter>");
        assert!(matches!(
            a.overlay,
            Some(app::Overlay::Glossary { term: 0, .. })
        ));
        check_screen(&a, "the wide glossary term", &[TERM, "抗うつ薬の一種 💊."]);
        common::press(&mut a, "<esc> ?");
        check_screen(&a, "help", &["抗うつ薬"]);

        let mut k = App::kiosk(catalog, index, (w, h), Some(CLINIC));
        check_screen(&k, "the kiosk welcome", &[CLINIC]);
        app::update(&mut k, Action::StartVisit);
        check_screen(&k, "the kiosk home", &["Compare ⚖️", "Topics 📚"]);
        open_wide_topic(&mut k);
        check_screen(&k, "the wide topic in the kiosk", &[TOPIC_TITLE]);
        // Over home, clear of wide text, like search and the popups above: boxes over wide text
        // have a test of their own (overlays_keep_their_border_over_wide_text).
        common::press(&mut k, "<esc> <esc> h");
        app::update(&mut k, Action::IdleWarning(20));
        check_screen(&k, "still reading?", &["Seconds left: 20"]);
    }
}

/// What the real binary shows on the wide pack at 80x24 is what the test backend shows: the
/// terminal (`vt100`, which measures characters as the app does) agrees cell for cell.
#[test]
fn wide_text_in_a_real_terminal_matches_the_test_backend() {
    let wide = wide();
    let dir = wide.dir.path().to_str().unwrap();
    let (w, h) = (80, 24);
    let mut s = Spawn::new(&["--content", dir]).size(w, h).start();
    // The binary offers the pack's other language in the title bar; so does the app here.
    let langs = moodguide::app::languages::Languages::new(
        moodguide::bundle::Lang::En,
        (wide.catalog.clone(), wide.index.clone()),
        Box::new(|_| None),
    );
    let mut here = App::new(&wide.catalog, &wide.index, (w, h)).with_languages(&langs);
    // Each step: keys for the binary, the same keys for the app here.
    let rows = tree_rows(&wide.catalog, None);
    let topic = wide.catalog.topic_index("ssri-how-they-work").unwrap();
    let target = rows
        .iter()
        .position(|r| *r == TreeRow::Topic(topic))
        .unwrap();
    let first = rows
        .iter()
        .position(|r| matches!(r, TreeRow::Topic(_)))
        .unwrap();
    let downs = (first..target)
        .filter(|&r| matches!(rows[r + 1], TreeRow::Topic(_)))
        .count();
    let steps: Vec<(&str, String, String)> = vec![
        ("home", String::new(), String::new()),
        (
            "the wide topic",
            format!("1{}\r", "\x1b[B".repeat(downs)),
            format!("1 {} <enter>", "<down> ".repeat(downs)),
        ),
        ("compare", "h2\x1b[B".into(), "h 2 <down>".into()),
        (
            "questions",
            "h3\x1b[B\r\r\r".into(),
            "h 3 <down> <enter> <enter> <enter>".into(),
        ),
    ];
    for (what, bytes, keys) in &steps {
        s.send(bytes);
        common::press(&mut here, keys);
        // The frame the app drew (the test backend's own buffer keeps stale cells under wide
        // characters from earlier frames, which a terminal does not).
        let frame = draw(&here);
        let want: Vec<String> = (0..h)
            .map(|y| row_text(&frame, y).trim_end().to_string())
            .collect();
        let shown = |screen: &vt100::Screen| -> Vec<String> {
            (0..h)
                .map(|row| {
                    let mut line = String::new();
                    for col in 0..w {
                        let cell = screen.cell(row, col).unwrap();
                        if cell.is_wide_continuation() {
                            continue;
                        }
                        let c = cell.contents();
                        line.push_str(if c.is_empty() { " " } else { c });
                    }
                    line.trim_end().to_string()
                })
                .collect()
        };
        // Every row, wide ones included: the pack has no emoji joined with U+200D, which
        // terminals measure differently (the validator refuses them, see below).
        let waited = s.wait_until_screen(what, |screen| shown(screen) == want);
        assert!(
            waited,
            "{what}: the terminal shows\n{}\nbut the test backend shows\n{}",
            s.with_screen(|screen| shown(screen).join("\n")),
            want.join("\n")
        );
    }
    s.send("q");
    let status = s.wait_exit(QUIT_TIMEOUT);
    assert!(status.success(), "q should exit 0, got {status}");
    assert_restored(&s.raw());
}

/// Emoji joined with U+200D (ZWJ) are drawn 2 columns wide by some terminals and one emoji after
/// another by others (vt100 and VTE: "👩‍⚕️" takes 4), so no layout can line up everywhere: the
/// wide pack with one in a title is refused, by the loader and by `moodguide check`, with the
/// place and the reason.
#[test]
fn a_zwj_sequence_in_the_wide_pack_is_refused() {
    let dir = wide_pack();
    let file = "topics/ssri-how-they-work.toml";
    edit(dir.path(), file, |t| {
        set(
            t,
            "title",
            "抗うつ薬 SSRIs 👩\u{200d}⚕\u{fe0f} how they work",
        );
    });
    let errors = content::load(&content::dir_files(dir.path()).unwrap())
        .err()
        .unwrap_or_else(|| panic!("a title with a ZWJ sequence loaded"));
    // Reported where the topic's id is set (the file was rewritten, so it is looked up).
    let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
    let line = 1 + text
        .lines()
        .position(|l| l.starts_with("id = \"ssri-how-they-work\""))
        .unwrap();
    let want = format!("{file}:{line}:1: [ssri-how-they-work] title contains U+200D");
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(lines[0].starts_with(&want), "{lines:#?}");
    assert!(
        lines[0].contains("alignment"),
        "no reason given: {lines:#?}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_moodguide"))
        .arg("check")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains(&want), "{printed}");
}

/// The command line's table on the wide pack: at 80 and 120 columns every `|` between columns is
/// at the same display column on every row of a block, and no line is wider than asked; `show`
/// keeps every character of the wide paragraph.
#[test]
fn wide_text_on_the_command_line_lines_up() {
    let wide = wide();
    let dir = wide.dir.path().to_str().unwrap();
    let run = |args: &[&str]| -> String {
        let mut all = vec!["--content", dir];
        all.extend_from_slice(args);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_moodguide"))
            .args(&all)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    for width in [80usize, 120] {
        let out = run(&["compare", "--width", &width.to_string()]);
        assert!(out.contains("フルオキセチン"), "{out}");
        let mut bars: Option<Vec<usize>> = None;
        let mut rows = 0;
        for line in out.lines() {
            assert!(
                line.width() <= width,
                "a line is {} columns wide, more than {width}: {line:?}",
                line.width()
            );
            // The last cell of a row may be empty and its spaces trimmed: " |" ends the line.
            if !line.contains(" | ") {
                // A rule or a group title: the next block may lay its columns out anew.
                if line.trim().is_empty() || line.starts_with('-') {
                    bars = None;
                }
                continue;
            }
            let at: Vec<usize> = line
                .match_indices(" |")
                .map(|(i, _)| line[..i].width() + 1)
                .collect();
            match &bars {
                Some(b) => assert_eq!(
                    &at, b,
                    "at {width} columns, the separators of {line:?} are not where the rows above \
                     put them:\n{out}"
                ),
                None => bars = Some(at),
            }
            rows += 1;
        }
        assert!(
            rows > 20,
            "only {rows} table rows at {width} columns:\n{out}"
        );
    }

    let out = run(&["show", "ssri-how-they-work", "--width", "40"]);
    assert_eq!(out.lines().next(), Some(TOPIC_TITLE), "{out}");
    for line in out.lines() {
        // A link's command under "Read more" is never wrapped, so it pastes whole (tests/cli.rs).
        let command = line.contains(" — moodguide ");
        assert!(
            command || line.width() <= 40,
            "{line:?} is wider than 40 columns"
        );
    }
    let squeezed = |s: &str| s.split_whitespace().collect::<String>();
    assert!(
        squeezed(&out).contains(&squeezed(CJK_PARAGRAPH)),
        "the wide paragraph lost characters:\n{out}"
    );
}

// ---------------------------------------------------------------------------------------------
// Known bugs: each test below fails on the code as it is (see its comment).
// ---------------------------------------------------------------------------------------------

/// A box drawn over wide text keeps its left border. It does not: `Clear` and the block's border
/// (`src/ui/search.rs` `render`, `src/ui/popup.rs` `render`, `src/ui/welcome.rs` `still_reading`)
/// overwrite the cells inside the box, but a wide character that starts one column to the left of
/// the box keeps its cell, and its second column is the border's cell. ratatui's diff never sends
/// the cell after a wide character, so on the terminal the character covers the border: the box
/// has a notch on that row. Found with the search box over the wide questions path at 80x24 and
/// 120x40; every box does it somewhere between 60 and 140 columns.
#[test]
fn overlays_keep_their_border_over_wide_text() {
    let wide = wide();
    let (catalog, index) = (&wide.catalog, &wide.index);
    let mut found = Vec::new();
    for w in 60..=140u16 {
        for h in [24u16, 40] {
            let mut a = App::new(catalog, index, (w, h));
            let mut boxes: Vec<(&str, App<'_>)> = Vec::new();
            common::press(&mut a, "3 <down> <enter> <enter> <enter> /");
            boxes.push(("search over the questions path", a.clone()));
            open_wide_topic(&mut a);
            common::press(&mut a, "<down> <down> <down> ?");
            boxes.push(("help over the wide topic", a.clone()));
            common::press(&mut a, "<esc> <esc> h 2 <down> <enter>");
            boxes.push(("a cell over the wide table", a.clone()));
            let mut k = App::kiosk(catalog, index, (w, h), Some(CLINIC));
            app::update(&mut k, Action::StartVisit);
            open_wide_topic(&mut k);
            common::press(&mut k, "<left>");
            app::update(&mut k, Action::IdleWarning(20));
            boxes.push(("still reading? over the wide topic list", k));
            for (what, app) in &boxes {
                if let Some(p) = grid_problems(&draw(app)).first() {
                    found.push((*what, format!("{w}x{h}: {p}")));
                }
            }
        }
    }
    // Each kind of box: how many of the 162 sizes break it, and the first.
    let mut kinds: Vec<(&str, usize, &str)> = Vec::new();
    for (what, example) in &found {
        match kinds.iter_mut().find(|(k, _, _)| k == what) {
            Some((_, n, _)) => *n += 1,
            None => kinds.push((what, 1, example)),
        }
    }
    let report: Vec<String> = kinds
        .iter()
        .map(|(what, n, example)| format!("{what}: {n} of 162 sizes, first at {example}"))
        .collect();
    assert!(
        found.is_empty(),
        "boxes lose a border cell under a wide character:\n{}",
        report.join("\n")
    );
}

/// Search results show titles with every character. They do not: `highlighted` in
/// `src/ui/search.rs` makes one span per `char`, and ratatui drops a character of no width that
/// stands alone in its span, so the presentation selector of "⚕️" vanishes (it shows as "⚕", one
/// column, where the title elsewhere takes two).
#[test]
fn search_results_keep_characters_whole() {
    let wide = wide();
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut a = App::new(&wide.catalog, &wide.index, (w, h));
        common::press(
            &mut a,
            "/ 抗うつ薬 <space> h o w <space> t h e y <space> w o r k",
        );
        let hits = &a.search.as_ref().unwrap().results.hits;
        assert!(
            hits.iter().any(|hit| hit.title == TOPIC_TITLE),
            "{:?}",
            hits.iter().map(|h| &h.title).collect::<Vec<_>>()
        );
        let screen = screen_text(&draw(&a));
        assert!(
            screen.contains(TOPIC_TITLE),
            "at {w}x{h}, the result {TOPIC_TITLE:?} is not shown whole:\n{screen}"
        );
    }
}

/// The questions path keeps its end (the question shown) in view, as its comment in
/// `src/ui/questions.rs` `render` says ("the end of the path matters most, so it is cut from the
/// left"). With wide questions it does not: the path is measured with `chars().count()` and cut
/// to `max - 1` characters, not columns, so it stays too wide and the paragraph cuts its right
/// end, the current question.
#[test]
fn questions_path_keeps_its_end_in_view() {
    let wide = wide();
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut a = App::new(&wide.catalog, &wide.index, (w, h));
        common::press(&mut a, "3 <down> <enter> <enter> <enter>");
        assert_eq!(a.questions.walk.path().len(), 4);
        let buf = draw(&a);
        let crumb = app::App::chrome(&a).body.y;
        let row = row_text(&buf, crumb);
        assert!(
            row.trim_end().ends_with(QUESTIONS[3]),
            "at {w}x{h}, the path does not end with the question shown ({:?}):\n{row:?}",
            QUESTIONS[3]
        );
    }
}

/// Text wrapped by ratatui's `Paragraph` stays inside its area. It does not: its word wrapper
/// can end a line with a wide character one column past the area (ratatui/ratatui#2679, fix
/// proposed in ratatui/ratatui#2680). The home tagline (`src/ui/home.rs` `render`) at 41 columns
/// puts "🧠" in the last column, half off the screen. The app's own `wrap::wrap_plain` does not do
/// this; home, the kiosk welcome and "still reading?" use ratatui's wrapping. Every screen, every
/// width from 20 to 140 columns.
#[test]
fn wrapped_text_stays_on_the_screen_at_every_width() {
    let wide = wide();
    let (catalog, index) = (&wide.catalog, &wide.index);
    let mut found = Vec::new();
    for w in 20..=140u16 {
        for h in [24u16, 40] {
            let mut screens: Vec<(&str, App<'_>)> = Vec::new();
            let mut a = App::new(catalog, index, (w, h));
            screens.push(("home", a.clone()));
            open_wide_topic(&mut a);
            screens.push(("the wide topic", a.clone()));
            common::press(&mut a, "<esc> <esc> h 2 <down>");
            screens.push(("the table", a.clone()));
            common::press(&mut a, "<esc> <esc> h 3 <down> <enter> <enter> <enter>");
            screens.push(("a question three deep", a.clone()));
            let k = App::kiosk(catalog, index, (w, h), Some(CLINIC));
            screens.push(("the kiosk welcome", k));
            for (what, app) in &screens {
                if let Some(p) = grid_problems(&draw(app)).first() {
                    found.push(format!("{what} at {w}x{h}: {p}"));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "wide text runs off the screen:\n{}",
        found
            .iter()
            .take(12)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// `TERM=linux` (the console: 8 colours in its terminfo, 16 with bold) is sent only the SGR colour
/// codes it lists: 30–37 and 40–47. It is not: crossterm 0.29 writes every named colour as a
/// 256-colour index (`Color::Red` as `38;5;9`, in `style/types/colored.rs`), so even the theme's 16
/// ANSI colours go out as `38;5;N` / `48;5;N`. The Linux console maps those to its colours
/// (`vc_t416_color` in `drivers/tty/vt/vt.c`), but a foreground of index 0–7 there also sets normal
/// intensity, so yellow and gray text set bold just before loses its bold; and a terminal that
/// takes its capabilities from terminfo `linux` need not understand them at all.
#[test]
fn term_linux_is_sent_only_colour_codes_it_lists() {
    let raw = draws_and_restores("linux", None);
    let indexed: Vec<Sgr> = sgr_colours(&raw)
        .into_iter()
        .filter(|c| !matches!(c, Sgr::Ansi(_)))
        .collect();
    assert!(
        indexed.is_empty(),
        "TERM=linux was sent {} 256-colour or truecolour codes, such as {:?}",
        indexed.len(),
        &indexed[..indexed.len().min(5)]
    );
}

/// Under `TERM=dumb` the guide points at the commands ("the commands work here"), and they should
/// print plain text. They do not: `--color auto` (`src/main.rs` `main`) turns colour on for any
/// terminal unless `NO_COLOR` is set, without looking at `TERM`, so `moodguide topics` and
/// `moodguide show ect` print `ESC[1m` … `ESC[0m` around headings, shown as garbage there.
#[test]
fn term_dumb_commands_print_no_escape_sequences() {
    for (args, shows) in [
        (&["topics"][..], "what-is-depression"),
        (&["show", "ect"], "electroconvulsive therapy"),
    ] {
        let mut s = Spawn::new(args).env("TERM", "dumb").start();
        let status = s.wait_exit(QUIT_TIMEOUT);
        assert!(status.success(), "{args:?}: {status}");
        let raw = s.raw();
        let text = String::from_utf8_lossy(&raw);
        assert!(
            text.contains(shows),
            "{args:?} did not print {shows:?}: {text}"
        );
        if let Some(at) = raw.iter().position(|&b| b == 0x1b) {
            let around = &raw[at.saturating_sub(10)..(at + 40).min(raw.len())];
            panic!(
                "moodguide {} under TERM=dumb wrote escape sequences, the first at byte {at}: \
                 {:?}",
                args.join(" "),
                String::from_utf8_lossy(around)
            );
        }
    }
}
