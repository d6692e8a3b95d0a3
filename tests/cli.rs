//! The one-shot commands through the built binary: golden files of each command's text output
//! (`tests/golden/`, rewritten with `UPDATE_GOLDEN=1`), `--json` parsed back and checked, exit codes,
//! stdout/stderr separation, closed pipes, colour, handouts, `moodguide summary` (its text, Markdown
//! and QR codes decoded back, unknown ids), and `check` over broken packs: a few fixture packs from
//! `tests/fixtures/` (all of them run in process in `tests/it/check.rs`), garbage, empty, huge and
//! deep inputs.
#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use moodguide::bundle::{Lang, load_in};
use moodguide::content::{ConcernId, MAX_FILE_BYTES, NodeId, ReadyId};
use moodguide::summary::qr::{self, Ink};
use moodguide::summary::{self, Picks, Subject};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use serde_json::Value;
use tempfile::TempDir;

mod common;

use common::pack::{Pack, copy_tree};
use common::qr::decode;
use unicode_width::UnicodeWidthStr;

const BIN: &str = env!("CARGO_BIN_EXE_moodguide");
/// Longest any one command may take before the test calls it a hang.
const TIMEOUT: Duration = Duration::from_secs(30);

// ---- running the binary -------------------------------------------------------------------------

/// What one run of the binary produced.
struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The exit code; fails the test if the process was killed by a signal (a crash).
    fn code(&self) -> i32 {
        match self.status.code() {
            Some(c) => c,
            None => panic!(
                "moodguide was killed by a signal ({:?}); stderr:\n{}",
                self.status, self.stderr
            ),
        }
    }

    /// Asserts the run ended normally (no signal, no panic) and returns its exit code.
    fn no_crash(&self) -> i32 {
        let code = self.code();
        assert!(
            !self.stderr.contains("panicked"),
            "moodguide panicked:\n{}",
            self.stderr
        );
        code
    }

    /// Asserts exit 0 and nothing on stderr (data to stdout, messages to stderr).
    fn ok(&self) -> &str {
        assert_eq!(
            self.no_crash(),
            0,
            "expected success; stderr:\n{}",
            self.stderr
        );
        assert_eq!(self.stderr, "", "a successful command printed to stderr");
        &self.stdout
    }

    fn json(&self) -> Value {
        serde_json::from_str(self.ok()).unwrap_or_else(|e| panic!("not JSON: {e}\n{}", self.stdout))
    }
}

fn read_all(mut r: impl Read) -> Vec<u8> {
    let mut buf = Vec::new();
    r.read_to_end(&mut buf).unwrap();
    buf
}

/// Waits for `child`, killing it and failing the test after [`TIMEOUT`].
fn wait_or_kill(child: &mut Child, what: &str) -> ExitStatus {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("moodguide {what} did not finish within {TIMEOUT:?} (a hang)");
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// A command for the binary with a clean colour environment.
fn command(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "RUST_BACKTRACE"] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// Runs the binary with exactly these arguments and extra environment, with a deadline.
fn run_with(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut child = command(args, env).spawn().unwrap();
    let out = child.stdout.take().unwrap();
    let err = child.stderr.take().unwrap();
    let out = thread::spawn(move || read_all(out));
    let err = thread::spawn(move || read_all(err));
    let status = wait_or_kill(&mut child, &format!("{args:?}"));
    let stdout = String::from_utf8(out.join().unwrap()).expect("stdout is not UTF-8");
    let stderr = String::from_utf8_lossy(&err.join().unwrap()).into_owned();
    Run {
        status,
        stdout,
        stderr,
    }
}

/// Runs the binary with `--color never` before `args`, so text output is plain.
fn mg(args: &[&str]) -> Run {
    let mut all = vec!["--color", "never"];
    all.extend_from_slice(args);
    run_with(&all, &[])
}

fn lines(s: &str) -> Vec<&str> {
    s.lines().collect()
}

// ---- golden files -------------------------------------------------------------------------------

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Where two texts first differ, line by line, for a readable failure.
fn first_difference(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.split('\n').collect();
    let a: Vec<&str> = actual.split('\n').collect();
    let n = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    let show = |v: &[&str], i: usize| {
        v.get(i)
            .map_or_else(|| "<end of output>".to_string(), |l| format!("{l:?}"))
    };
    let before = if n > 0 {
        format!("  (line {n}, same in both: {:?})\n", e[n - 1])
    } else {
        String::new()
    };
    format!(
        "first difference at line {}:\n{before}  expected: {}\n  actual:   {}\n({} lines expected, {} actual)",
        n + 1,
        show(&e, n),
        show(&a, n),
        expected.lines().count(),
        actual.lines().count()
    )
}

/// Compares `actual` with `tests/golden/NAME.txt`; with `UPDATE_GOLDEN=1`, writes it instead.
fn golden(name: &str, actual: &str) {
    let path = golden_dir().join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        fs::create_dir_all(golden_dir()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}\nrun `UPDATE_GOLDEN=1 cargo test --test cli` to create it",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "output differs from {}\n{}\nIf the change is intended, rerun with UPDATE_GOLDEN=1 and review the diff.",
        path.display(),
        first_difference(&expected, actual)
    );
}

/// Runs a command (plain text, explicit width) and compares its stdout with a golden file.
fn golden_cmd(name: &str, args: &[&str]) {
    golden(name, mg(args).ok());
}

#[test]
fn golden_topics() {
    golden_cmd("topics", &["topics"]);
}

#[test]
fn golden_show_sertraline() {
    golden_cmd("show_sertraline", &["show", "sertraline", "--width", "80"]);
}

/// Asserts two commands print the same text (and succeed).
fn assert_same_output(a: &[&str], b: &[&str]) {
    let (x, y) = (mg(a), mg(b));
    assert!(
        x.ok() == y.ok(),
        "{a:?} and {b:?} differ: {}",
        first_difference(&x.stdout, &y.stdout)
    );
}

#[test]
fn show_by_brand_name_is_the_same_topic() {
    // "zoloft" resolves to sertraline: the same output as the show_sertraline golden file.
    let canonical = ["show", "sertraline", "--width", "80"];
    assert_same_output(&canonical, &["show", "zoloft", "--width", "80"]);
    assert_same_output(&canonical, &["show", "Zoloft", "--width", "80"]);
}

#[test]
fn golden_show_one_section() {
    let canonical = ["show", "sertraline", "#half-life", "--width", "80"];
    golden_cmd("show_sertraline_half_life", &canonical);
    // The one-word address and a brand name give the same.
    assert_same_output(
        &canonical,
        &["show", "sertraline#half-life", "--width", "80"],
    );
    assert_same_output(
        &canonical,
        &["show", "zoloft", "#half-life", "--width", "80"],
    );
}

#[test]
fn golden_compare_all_ssris() {
    golden_cmd("compare_ssris", &["compare", "--width", "100"]);
}

#[test]
fn golden_compare_two_ssris_side_effects() {
    golden_cmd(
        "compare_prozac_zoloft_side_effects",
        &[
            "compare",
            "prozac",
            "zoloft",
            "--rows",
            "side-effects",
            "--width",
            "80",
        ],
    );
}

#[test]
fn golden_compare_treatments() {
    golden_cmd(
        "compare_treatments",
        &["compare", "--set", "treatments", "--width", "120"],
    );
}

#[test]
fn golden_search_misspelled_serotonin_syndrome() {
    golden_cmd(
        "search_serotnin_syndrom",
        &["search", "serotnin syndrom", "--limit", "5"],
    );
}

#[test]
fn golden_search_zolft() {
    golden_cmd("search_zolft", &["search", "zolft"]);
}

#[test]
fn golden_faq_outline() {
    golden_cmd("faq_outline", &["faq"]);
}

#[test]
fn golden_faq_one_question() {
    golden_cmd("faq_will_my_ssri_work", &["faq", "will-my-ssri-work"]);
}

#[test]
fn golden_glossary_list() {
    golden_cmd("glossary", &["glossary"]);
}

#[test]
fn golden_glossary_one_term() {
    golden_cmd("glossary_remission", &["glossary", "remission"]);
}

#[test]
fn golden_help() {
    golden("help", run_with(&["--help"], &[]).ok());
}

#[test]
fn golden_show_help() {
    golden("show_help", run_with(&["show", "--help"], &[]).ok());
}

#[test]
fn golden_difference_report_names_the_first_differing_line() {
    let msg = first_difference("a\nb\nc\n", "a\nB\nc\n");
    assert!(msg.contains("line 2"), "{msg}");
    assert!(msg.contains("expected: \"b\""), "{msg}");
    assert!(msg.contains("actual:   \"B\""), "{msg}");
    let msg = first_difference("a\n", "a\nmore\n");
    assert!(msg.contains("line 2"), "{msg}");
    assert!(
        msg.contains("<end of output>") || msg.contains("\"\""),
        "{msg}"
    );
}

// ---- text output invariants ---------------------------------------------------------------------

#[test]
fn show_wraps_to_the_width_asked_for() {
    for width in ["20", "40", "60", "80"] {
        let out = mg(&["show", "sertraline", "--width", width]);
        let w: usize = width.parse().unwrap();
        for l in lines(out.ok()) {
            // A link's command under "Read more" is never wrapped: it must paste whole.
            let command = l.contains(" — moodguide ");
            assert!(command || l.width() <= w, "line wider than {w}: {l:?}");
        }
    }
    // Wider than 80 keeps the reading measure of 80.
    let wide = mg(&["show", "sertraline", "--width", "200"]);
    assert!(lines(wide.ok()).iter().all(|l| l.width() <= 80));
}

#[test]
fn every_topic_shows_with_its_title_first() {
    let topics = mg(&["topics", "--json"]).json();
    for cat in topics["categories"].as_array().unwrap() {
        for t in cat["topics"].as_array().unwrap() {
            let id = t["id"].as_str().unwrap();
            let out = mg(&["show", id, "--width", "80"]);
            let text = out.ok();
            assert_eq!(text.lines().next(), t["title"].as_str(), "show {id}");
            assert!(text.contains("Last reviewed: "), "show {id}");
        }
    }
}

/// For `compare` tables: every line fits the width, and within each block of columns every row puts
/// its `|` separators at the same columns as the header.
fn assert_table_fits(out: &str, width: usize) {
    let mut columns: Option<Vec<usize>> = None;
    for l in out.lines() {
        assert!(
            l.width() <= width,
            "line is {} columns wide, more than --width {width}: {l:?}",
            l.width()
        );
        if l.is_empty() {
            columns = None;
            continue;
        }
        if !l.contains(" |") {
            continue;
        }
        let bars: Vec<usize> = l
            .char_indices()
            .filter(|(_, c)| *c == '|')
            .map(|(i, _)| l[..i].width())
            .collect();
        match &columns {
            None => columns = Some(bars),
            Some(c) => assert_eq!(&bars, c, "columns out of line in: {l:?}"),
        }
    }
}

#[test]
fn compare_tables_with_short_names_line_up() {
    let out = mg(&[
        "compare",
        "prozac",
        "zoloft",
        "--rows",
        "side-effects",
        "--width",
        "80",
    ]);
    assert_table_fits(out.ok(), 80);
}

#[test]
fn compare_tables_fit_the_width_and_line_up() {
    for (args, width) in [
        (vec!["compare", "--width", "100"], 100),
        (vec!["compare", "--width", "80"], 80),
        (
            vec!["compare", "--set", "treatments", "--width", "120"],
            120,
        ),
        (vec!["compare", "--set", "treatments", "--width", "80"], 80),
    ] {
        assert_table_fits(mg(&args).ok(), width);
    }
}

#[test]
fn compare_source_legend_fits_the_width() {
    let out = mg(&["compare", "--width", "60"]);
    for l in lines(out.ok()) {
        assert!(l.width() <= 60, "line wider than 60: {l:?}");
    }
}

#[test]
fn wrapping_never_splits_punctuation_from_its_word() {
    for (topic, width) in [
        ("sertraline", "80"),
        ("ketamine-infusion-visit", "80"),
        ("ect", "40"),
        ("tms", "60"),
    ] {
        let out = mg(&["show", topic, "--width", width]);
        for l in lines(out.ok()) {
            let t = l.trim_start();
            assert!(
                !t.starts_with([')', '.', ',', ';', ':']),
                "show {topic} --width {width}: line starts with punctuation: {l:?}"
            );
        }
    }
}

#[test]
fn topics_listing_aligns_section_headings_with_titles() {
    let out = mg(&["topics"]);
    let text = out.ok();
    let column = |l: &str| {
        let id_end = l.trim_start().find(' ').unwrap() + (l.len() - l.trim_start().len());
        id_end + l[id_end..].len() - l[id_end..].trim_start().len()
    };
    let title = text
        .lines()
        .find(|l| l.starts_with("  ") && !l.starts_with("    "))
        .unwrap();
    let heading = text.lines().find(|l| l.starts_with("    '#")).unwrap();
    assert_eq!(column(heading), column(title), "{title:?} / {heading:?}");
}

// ---- JSON ---------------------------------------------------------------------------------------

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap_or_else(|| panic!("not a string: {s}")))
        .collect()
}

/// The counts `moodguide check` reports for the bundled pack: topics, questions, glossary terms.
fn bundled_counts() -> (usize, usize, usize) {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let out = mg(&["check", assets.to_str().unwrap()]);
    let line = out.ok().trim().to_string();
    let nums: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    assert!(line.starts_with("ok: "), "{line}");
    (nums[0], nums[1], nums[2])
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[test]
fn topics_json_lists_every_topic_once_with_its_sections() {
    let v = mg(&["topics", "--json"]).json();
    let (topic_count, _, _) = bundled_counts();
    let mut ids = HashSet::new();
    for cat in v["categories"].as_array().unwrap() {
        assert!(!cat["id"].as_str().unwrap().is_empty());
        assert!(!cat["title"].as_str().unwrap().is_empty());
        for t in cat["topics"].as_array().unwrap() {
            let id = t["id"].as_str().unwrap();
            assert!(ids.insert(id.to_string()), "topic {id} listed twice");
            assert!(!t["title"].as_str().unwrap().is_empty());
            let sections = t["sections"].as_array().unwrap();
            assert!(!sections.is_empty(), "topic {id} has no sections");
            for s in sections {
                assert!(!s["id"].as_str().unwrap().is_empty());
                assert!(!s["heading"].as_str().unwrap().is_empty());
            }
        }
    }
    assert_eq!(ids.len(), topic_count);
    assert!(ids.contains("sertraline") && ids.contains("ect"));
    // The text listing has the same topics, in the same order.
    let text = mg(&["topics"]);
    let listed: Vec<&str> = lines(text.ok())
        .into_iter()
        .filter(|l| l.starts_with("  ") && !l.starts_with("    "))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    let json_order: Vec<&str> = v["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["topics"].as_array().unwrap())
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, json_order);
}

#[test]
fn show_json_has_plain_text_and_only_defined_sources() {
    let v = mg(&["show", "sertraline", "--json"]).json();
    assert_eq!(v["id"], "sertraline");
    assert!(v["title"].as_str().unwrap().contains("Sertraline"));
    assert_eq!(v["category"], "ssris");
    assert!(
        is_date(v["reviewed"].as_str().unwrap()),
        "{}",
        v["reviewed"]
    );
    assert!(!v["summary"].as_str().unwrap().is_empty());

    // The sections are the ones `topics --json` lists for sertraline, in order.
    let topics = mg(&["topics", "--json"]).json();
    let listed: Vec<&str> = topics["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["topics"].as_array().unwrap())
        .find(|t| t["id"] == "sertraline")
        .map(|t| {
            t["sections"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["id"].as_str().unwrap())
                .collect()
        })
        .unwrap();
    let sections = v["sections"].as_array().unwrap();
    let ids: Vec<&str> = sections.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, listed);

    // Every cited id is defined: it appears in the topic's full source list.
    let defined: HashSet<&str> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            assert!(!s["title"].as_str().unwrap().is_empty());
            assert!(!s["publisher"].as_str().unwrap().is_empty());
            assert!(!s["short"].as_str().unwrap().is_empty());
            s["id"].as_str().unwrap()
        })
        .collect();
    let mut cited: HashSet<&str> = strings(&v["summary_sources"]).into_iter().collect();
    for s in sections {
        let text = s["text"].as_str().unwrap();
        assert!(!text.is_empty());
        assert!(
            !text.contains("](") && !text.contains("**"),
            "Markdown left in {}: {text}",
            s["id"]
        );
        assert!(!s["heading"].as_str().unwrap().is_empty());
        let srcs = strings(&s["sources"]);
        assert!(!srcs.is_empty(), "section {} cites nothing", s["id"]);
        cited.extend(srcs);
    }
    assert_eq!(cited, defined, "cited sources vs the full list");
}

#[test]
fn show_json_with_a_section_has_that_section_and_its_sources_only() {
    for lang in ["en", "es"] {
        let v = mg(&[
            "--lang",
            lang,
            "show",
            "ketamine-cost",
            "#insurance",
            "--json",
        ])
        .json();
        assert_eq!(v["lang"], lang);
        assert_eq!(v["id"], "ketamine-cost");
        assert_eq!(v["section"], "insurance");
        let sections = v["sections"].as_array().unwrap();
        assert_eq!(sections.len(), 1, "{v}");
        assert_eq!(sections[0]["id"], "insurance");
        let listed: Vec<&str> = v["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap())
            .collect();
        assert_eq!(listed, strings(&sections[0]["sources"]));
        assert!(
            v.get("summary").is_none(),
            "the main message is the topic's"
        );
        // The text command prints the same section.
        let text = mg(&["--lang", lang, "show", "ketamine-cost", "#insurance"]);
        assert_eq!(
            lines(text.ok())[2],
            sections[0]["heading"].as_str().unwrap()
        );
    }
    // Without a section: the whole topic, "section": null.
    let v = mg(&["show", "ketamine-cost", "--json"]).json();
    assert!(v["section"].is_null());
    assert!(v["sections"].as_array().unwrap().len() > 1);
    assert!(v["summary"].is_string());
}

#[test]
fn compare_json_prozac_zoloft() {
    let v = mg(&["compare", "--json", "prozac", "zoloft"]).json();
    assert_eq!(v["set"], "ssris");
    let items: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(items, ["fluoxetine", "sertraline"]);
    assert!(strings(&v["items"][0]["brands"]).contains(&"Prozac"));
    assert!(strings(&v["items"][1]["brands"]).contains(&"Zoloft"));
    assert_eq!(v["items"][1]["topic"], "sertraline");
    let groups = v["groups"].as_array().unwrap();
    assert!(groups.len() > 1, "all row groups when --rows is not given");
    let mut rows = 0;
    let mut same_in_other_words = Vec::new();
    for g in groups {
        assert!(!g["title"].as_str().unwrap().is_empty());
        for row in g["rows"].as_array().unwrap() {
            rows += 1;
            assert!(!row["attribute"].as_str().unwrap().is_empty());
            assert!(!row["label"].as_str().unwrap().is_empty());
            let cells = row["cells"].as_array().unwrap();
            let cell_items: Vec<&str> = cells.iter().map(|c| c["item"].as_str().unwrap()).collect();
            assert_eq!(cell_items, items, "one cell per item, in order");
            let texts: Vec<Option<&str>> = cells.iter().map(|c| c["text"].as_str()).collect();
            let levels: Vec<&str> = (cells.iter())
                .map(|c| c["level"].as_str().expect("every patient cell has a level"))
                .collect();
            for c in cells {
                let sources = strings(&c["sources"]);
                match &c["text"] {
                    Value::Null => assert!(sources.is_empty()),
                    Value::String(t) => {
                        assert!(!t.trim().is_empty());
                        if t.chars().any(|ch| ch.is_ascii_digit()) {
                            assert!(!sources.is_empty(), "a number with no source: {t}");
                        }
                    }
                    other => panic!("cell text is neither text nor null: {other}"),
                }
            }
            // The flag compares the levels, never the wording.
            assert_eq!(
                row["differs"].as_bool().unwrap(),
                levels[0] != levels[1],
                "differs flag of {}",
                row["attribute"]
            );
            if texts[0] != texts[1] && levels[0] == levels[1] {
                same_in_other_words.push(row["attribute"].as_str().unwrap());
            }
        }
    }
    assert!(rows > 5);
    assert!(
        same_in_other_words.contains(&"sexual"),
        "rows worded apart but the same: {same_in_other_words:?}"
    );

    let one = mg(&[
        "compare",
        "--json",
        "prozac",
        "zoloft",
        "--rows",
        "side-effects",
    ])
    .json();
    assert_eq!(one["groups"].as_array().unwrap().len(), 1);
    assert_eq!(one["groups"][0]["title"], "Side effects");
}

#[test]
fn compare_shows_items_in_the_order_named() {
    for lang in ["en", "es"] {
        let pair = |a: &str, b: &str| mg(&["--lang", lang, "compare", a, b, "--json"]).json();
        let (zp, pz) = (pair("zoloft", "prozac"), pair("prozac", "zoloft"));
        assert_eq!(zp["lang"], lang);
        let items = |v: &Value| -> Vec<String> {
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(items(&zp), ["sertraline", "fluoxetine"]);
        assert_eq!(items(&pz), ["fluoxetine", "sertraline"]);
        // Every cell moves with its item.
        for (g1, g2) in zp["groups"]
            .as_array()
            .unwrap()
            .iter()
            .zip(pz["groups"].as_array().unwrap())
        {
            for (r1, r2) in g1["rows"]
                .as_array()
                .unwrap()
                .iter()
                .zip(g2["rows"].as_array().unwrap())
            {
                let cells = |r: &Value| r["cells"].as_array().unwrap().clone();
                let (c1, c2) = (cells(r1), cells(r2));
                assert_eq!(c1[0]["item"], "sertraline");
                assert_eq!(c1[0], c2[1], "{}", r1["attribute"]);
                assert_eq!(c1[1], c2[0], "{}", r1["attribute"]);
            }
        }
    }
    // The text table's columns too, and a third item named first.
    let text = mg(&["compare", "lexapro", "zoloft", "prozac", "--width", "120"]);
    let header = lines(text.ok())
        .into_iter()
        .find(|l| l.contains(" | "))
        .unwrap()
        .to_string();
    let at = |name: &str| {
        header
            .find(name)
            .unwrap_or_else(|| panic!("{name}: {header}"))
    };
    assert!(at("Escitalopram") < at("Sertraline"), "{header}");
    assert!(at("Sertraline") < at("Fluoxetine"), "{header}");
}

#[test]
fn compare_json_without_items_has_the_whole_set() {
    let v = mg(&["compare", "--json", "--set", "treatments"]).json();
    assert_eq!(v["set"], "treatments");
    let items: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert!(items.len() >= 6, "{items:?}");
    assert!(items.contains(&"ect"));
}

#[test]
fn compare_json_carries_each_cells_level_and_each_rows_scale() {
    let v = mg(&[
        "compare",
        "--json",
        "--set",
        "treatments",
        "--rows",
        "taking",
    ])
    .json();
    let rows = v["groups"][0]["rows"].as_array().unwrap();
    let row = |id: &str| rows.iter().find(|r| r["attribute"] == id).unwrap();
    let driving = row("driving-after");
    let scale = strings(&driving["levels"]);
    assert_eq!(scale.first(), Some(&"no effect"), "{scale:?}");
    let levels: Vec<&str> = (driving["cells"].as_array().unwrap().iter())
        .map(|c| c["level"].as_str().unwrap())
        .collect();
    assert!(
        levels.iter().all(|l| scale.contains(l)),
        "{levels:?} on {scale:?}"
    );
    assert_eq!(
        levels[1], levels[3],
        "IV ketamine and ECT: both need a ride home"
    );
    assert!(
        strings(&row("how-given")["levels"]).is_empty(),
        "free levels, no scale"
    );
    // The same row in Spanish: its own words for the same steps.
    let es = mg(&[
        "--lang",
        "es",
        "compare",
        "--json",
        "--set",
        "treatments",
        "--rows",
        "taking",
    ])
    .json();
    let es_rows = es["groups"][0]["rows"].as_array().unwrap();
    let es_driving = es_rows
        .iter()
        .find(|r| r["attribute"] == "driving-after")
        .unwrap();
    assert_eq!(strings(&es_driving["levels"]).len(), scale.len());
    assert_eq!(
        es_driving["cells"][1]["level"],
        es_driving["cells"][3]["level"]
    );
    assert_ne!(
        es_driving["cells"][1]["level"],
        driving["cells"][1]["level"]
    );
    // A staff row has no levels: its cells are compared word for word.
    let staff = mg(&[
        "compare", "--json", "--staff", "prozac", "zoloft", "--rows", "taking",
    ])
    .json();
    let dose = (staff["groups"][0]["rows"].as_array().unwrap().iter())
        .find(|r| r["attribute"] == "dose-range")
        .unwrap();
    assert!(dose["cells"][0]["level"].is_null());
    assert_eq!(dose["differs"], true);
}

#[test]
fn search_json_zolft_finds_sertraline_with_an_address() {
    let v = mg(&["search", "--json", "zolft"]).json();
    // The slip is corrected, and the JSON says so with the words searched.
    assert_eq!(v["query"], "zoloft");
    assert_eq!(v["close_matches"], true);
    assert_eq!(v["crisis"], false);
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    let first = &hits[0];
    assert!(
        first["title"].as_str().unwrap().contains("Sertraline"),
        "{first}"
    );
    assert!(
        first["topic"] == "sertraline" || first["item"] == "sertraline",
        "{first}"
    );
    for h in hits {
        assert!(h["score"].is_i64());
        assert!(!h["address"].as_str().unwrap().is_empty());
    }
}

#[test]
fn search_json_puts_help_first_for_a_crisis_phrasing_and_never_rewrites_it() {
    let v = mg(&["search", "--json", "kill myself"]).json();
    assert_eq!(v["crisis"], true);
    assert_eq!(v["close_matches"], false);
    assert_eq!(v["query"], "kill myself");
    let first = &v["hits"][0];
    assert_eq!(first["kind"], "help");
    assert_eq!(first["address"], "show getting-help-now");
    assert!(
        first["snippet"].as_str().unwrap().contains("988"),
        "{first}"
    );
    // The same as the guide's first result.
    let text = mg(&["search", "kill myself"]).stdout;
    assert!(
        text.lines().next().unwrap().contains("Help: Get help now"),
        "{text}"
    );
}

#[test]
fn search_finds_comparison_cells_and_everyday_words() {
    let v = mg(&["search", "--json", "ibuprofen"]).json();
    let hits = v["hits"].as_array().unwrap();
    assert!(
        hits.iter()
            .take(5)
            .any(|h| h["kind"] == "cell" && h["attribute"].is_string()),
        "{hits:?}"
    );
    // "beer" is an ordinary word: never turned into another one; it means alcohol here.
    let v = mg(&["search", "--json", "beer"]).json();
    assert_eq!(v["close_matches"], false);
    assert!(
        v["hits"][0]["title"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("alcohol"),
        "{}",
        v["hits"][0]
    );
}

#[test]
fn search_json_limit_is_respected() {
    let v = mg(&["search", "--json", "ketamine", "--limit", "3"]).json();
    assert_eq!(v["hits"].as_array().unwrap().len(), 3);
}

/// Runs `line` the way a reader pastes it into a shell: `sh -c`, with `moodguide` on the PATH
/// meaning this build.
fn pasted(line: &str) -> Run {
    let bin_dir = TempDir::new().unwrap();
    std::os::unix::fs::symlink(BIN, bin_dir.path().join("moodguide")).unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut child = Command::new("sh")
        .args(["-c", line])
        .env("PATH", path)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let err = child.stderr.take().unwrap();
    let out = thread::spawn(move || read_all(out));
    let err = thread::spawn(move || read_all(err));
    let status = wait_or_kill(&mut child, line);
    Run {
        status,
        stdout: String::from_utf8(out.join().unwrap()).unwrap(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
    }
}

#[test]
fn every_search_address_is_a_working_command() {
    for query in [
        "zolft",
        "serotonin syndrome",
        "ketamine cost",
        "remission",
        "ect",
        "ibuprofen",
    ] {
        let v = mg(&["search", "--json", query, "--limit", "8"]).json();
        for h in v["hits"].as_array().unwrap() {
            // The arguments run directly, and the address pasted into a shell, do the same.
            let args = strings(&h["args"]);
            let direct = mg(&args);
            assert!(
                !direct.ok().is_empty(),
                "`moodguide {args:?}` (from search {query:?}) printed nothing"
            );
            let address = h["address"].as_str().unwrap();
            let shell = pasted(&format!("moodguide --color never {address}"));
            assert_eq!(
                shell.ok(),
                direct.stdout,
                "`moodguide {address}` pasted into sh is not {args:?}"
            );
        }
    }
}

#[test]
fn search_prints_commands_a_shell_runs_as_printed() {
    let out = mg(&["search", "serotonin syndrome", "--limit", "8"]);
    let commands: Vec<&str> = lines(out.ok())
        .into_iter()
        .map(str::trim)
        .filter(|l| l.starts_with("moodguide "))
        .collect();
    assert!(
        commands.contains(&"moodguide show ssri-serious-warnings '#serotonin-syndrome'"),
        "{commands:?}"
    );
    let section = mg(&["show", "ssri-serious-warnings", "#serotonin-syndrome"]);
    let pasted_section =
        pasted("moodguide --color never show ssri-serious-warnings '#serotonin-syndrome'");
    assert_eq!(pasted_section.ok(), section.ok());
    for c in commands {
        let line = c.replacen("moodguide ", "moodguide --color never ", 1);
        let run = pasted(&line);
        assert!(!run.ok().is_empty(), "{c}");
        // A section address shows that section, not the whole topic (a bare # would be a comment).
        if c.contains('#') {
            let reviewed = run.stdout.lines().any(|l| l.starts_with("Last reviewed"));
            assert!(!reviewed, "`{c}` printed the whole topic");
        }
    }
}

#[test]
fn section_ids_in_the_topics_listing_paste_after_show() {
    let out = mg(&["topics"]);
    let mut topic = "";
    let mut tried = 0;
    for l in lines(out.ok()) {
        if l.starts_with("  ") && !l.starts_with("    ") {
            topic = l.split_whitespace().next().unwrap();
        } else if l.starts_with("    ") && topic == "ketamine-cost" {
            let id = l.split_whitespace().next().unwrap();
            let run = pasted(&format!("moodguide --color never show {topic} {id}"));
            let bare = id.trim_matches('\'').trim_start_matches('#');
            assert_eq!(
                run.ok(),
                mg(&["show", topic, &format!("#{bare}")]).ok(),
                "{l}"
            );
            tried += 1;
        }
    }
    assert!(tried >= 3, "{tried}");
}

#[test]
fn faq_json_has_one_node_per_outline_line() {
    let v = mg(&["faq", "--json"]).json();
    let outline = mg(&["faq"]);
    let outline = lines(outline.ok());
    let nodes = v["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), outline.len());
    let (_, questions, _) = bundled_counts();
    assert_eq!(nodes.len(), questions);
    let root = v["root"].as_str().unwrap();
    assert_eq!(nodes[0]["id"], root);
    let ids: HashSet<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), nodes.len(), "node ids repeat");
    for (n, line) in nodes.iter().zip(&outline) {
        let id = n["id"].as_str().unwrap();
        // The tree gives each node its parent and depth; the parent is a known node one level up.
        let depth = usize::try_from(n["depth"].as_u64().unwrap()).unwrap();
        match n["parent"].as_str() {
            None => assert_eq!((id, depth), (root, 0)),
            Some(p) => {
                assert!(ids.contains(p), "{id} has unknown parent {p}");
                let parent = nodes.iter().find(|x| x["id"] == p).unwrap();
                assert_eq!(
                    parent["depth"].as_u64().unwrap() + 1,
                    n["depth"].as_u64().unwrap(),
                    "{id}"
                );
                assert!(
                    strings(&parent["follow"]).contains(&id),
                    "{p} does not list {id}"
                );
            }
        }
        assert!(
            n.get("path").is_none(),
            "the whole tree has no per-node paths"
        );
        // The outline line: indented two spaces per level, question, then the id.
        let indent = line.len() - line.trim_start().len();
        assert_eq!(indent, 2 * depth, "{line}");
        assert!(line.ends_with(&format!("  [{id}]")), "{line}");
        assert!(line.contains(n["question"].as_str().unwrap()), "{line}");
        assert!(!n["answer"].as_str().unwrap().is_empty());
        for f in strings(&n["follow"]) {
            assert!(ids.contains(f), "{id} follows unknown {f}");
        }
    }
}

#[test]
fn faq_json_one_question() {
    let v = mg(&["faq", "--json", "will-my-ssri-work"]).json();
    assert_eq!(v["id"], "will-my-ssri-work");
    assert_eq!(v["question"], "Will my SSRI work?");
    assert_eq!(strings(&v["path"]), ["start", "will-my-ssri-work"]);
    assert_eq!(
        (v["parent"].as_str(), v["depth"].as_u64()),
        (Some("start"), Some(1))
    );
    assert!(strings(&v["follow"]).contains(&"how-do-ssris-work"));
    let sources = v["sources"].as_array().unwrap();
    assert!(!sources.is_empty());
    for s in sources {
        assert!(!s["title"].as_str().unwrap().is_empty());
    }
}

#[test]
fn glossary_json_remission() {
    let v = mg(&["glossary", "--json", "remission"]).json();
    let terms = v.as_array().unwrap();
    assert_eq!(terms.len(), 1);
    let t = &terms[0];
    assert_eq!(t["id"], "remission");
    assert_eq!(t["term"], "Remission");
    assert!(strings(&t["aliases"]).contains(&"remit"));
    assert!(t["definition"].as_str().unwrap().contains("symptoms"));
    assert!(!strings(&t["sources"]).is_empty());
    // An alias finds the same term.
    let by_alias = mg(&["glossary", "--json", "remit"]).json();
    assert_eq!(by_alias, v);
}

#[test]
fn glossary_json_lists_every_term() {
    let v = mg(&["glossary", "--json"]).json();
    let terms = v.as_array().unwrap();
    let (_, _, count) = bundled_counts();
    assert_eq!(terms.len(), count);
    let ids: HashSet<&str> = terms.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), terms.len());
    let text = mg(&["glossary"]);
    let headings = lines(text.ok())
        .iter()
        .filter(|l| !l.starts_with(' '))
        .count();
    assert_eq!(headings, terms.len());
}

#[test]
fn glossary_lists_terms_alphabetically_in_either_language() {
    // The first letter, without its accent, never goes back in the alphabet.
    let first = |l: &str| match l.chars().next().unwrap().to_ascii_lowercase() {
        'á' | 'Á' => 'a',
        'é' | 'É' => 'e',
        'í' | 'Í' => 'i',
        'ó' | 'Ó' => 'o',
        'ú' | 'Ú' => 'u',
        c => c.to_lowercase().next().unwrap(),
    };
    for lang in ["en", "es"] {
        let text = mg(&["--lang", lang, "glossary"]);
        let terms: Vec<&str> = lines(text.ok())
            .into_iter()
            .filter(|l| !l.starts_with(' '))
            .map(|l| l.split("  [").next().unwrap())
            .collect();
        for pair in terms.windows(2) {
            assert!(
                first(pair[0]) <= first(pair[1]),
                "--lang {lang}: {:?} before {:?}",
                pair[0],
                pair[1]
            );
        }
        // JSON lists them in the same order.
        let json = mg(&["--lang", lang, "glossary", "--json"]).json();
        let json_terms: Vec<&str> = json
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["term"].as_str().unwrap())
            .collect();
        assert_eq!(json_terms, terms, "--lang {lang}");
    }
    // Accents are ignored within a word ("Síndrome" among the S words), and "TEC" comes
    // before "TEC de mantenimiento".
    let es = mg(&["--lang", "es", "glossary"]);
    let es = es.ok();
    let at = |t: &str| es.find(&format!("\n{t}")).unwrap_or_else(|| panic!("{t}"));
    assert!(at("Serotonina") < at("Síndrome serotoninérgico"));
    assert!(at("Síndrome serotoninérgico") < at("TAG"));
    assert!(at("Infusión") < at("ISRS"));
    assert!(at("TEC (terapia") < at("TEC de mantenimiento"));
}

/// Every "moodguide …" command in `text`, as its arguments (split the way a shell would).
fn printed_commands(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter_map(|l| l.find("moodguide ").map(|i| &l[i..]))
        .map(|c| shlex::split(c).unwrap_or_else(|| panic!("not a shell line: {c}")))
        .collect()
}

#[test]
fn every_id_and_command_printed_is_accepted_by_the_command_that_shows_it() {
    use moodguide::cli::{Cli, Options, Outcome, run};
    use moodguide::content::Catalog;
    use moodguide::search::SearchIndex;
    let exec = |c: &Catalog, index: &SearchIndex, args: &[String]| -> (Outcome, String) {
        let cli =
            <Cli as clap::Parser>::try_parse_from(args).unwrap_or_else(|e| panic!("{args:?}: {e}"));
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let opts = Options {
            width: 80,
            color: false,
        };
        let outcome = run(
            cli.command.as_ref().unwrap(),
            c,
            index,
            opts,
            &mut out,
            &mut err,
        );
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            outcome.unwrap(),
            Outcome::Ok,
            "{args:?}: {}",
            String::from_utf8_lossy(&err)
        );
        (Outcome::Ok, text)
    };
    let words = |s: &str| -> Vec<String> { s.split(' ').map(String::from).collect() };
    for lang in [moodguide::bundle::Lang::En, moodguide::bundle::Lang::Es] {
        let (c, index) = moodguide::bundle::load_in(lang).unwrap();
        let mut printed: Vec<Vec<String>> = Vec::new();
        // Listings print ids the command that lists them takes back.
        let (_, outline) = exec(&c, &index, &words("moodguide faq"));
        let (_, terms) = exec(&c, &index, &words("moodguide glossary"));
        for (listing, cmd) in [(&outline, "faq"), (&terms, "glossary")] {
            for l in listing.lines().filter(|l| l.ends_with(']')) {
                let id = l.rsplit("  [").next().unwrap().trim_end_matches(']');
                printed.push(words(&format!("moodguide {cmd} {id}")));
            }
        }
        let (_, tree) = exec(&c, &index, &words("moodguide topics"));
        let mut topic = String::new();
        for l in tree.lines().filter(|l| l.starts_with("  ")) {
            let id = l.split_whitespace().next().unwrap();
            if l.starts_with("    ") {
                printed.push(shlex::split(&format!("moodguide show {topic} {id}")).unwrap());
            } else {
                topic = id.to_string();
                printed.push(words(&format!("moodguide show {id}")));
            }
        }
        // Single questions, topics and terms print commands for what they point to: every entry
        // under "Go deeper" or "Read more" carries one.
        for n in &c.faq.nodes {
            let (_, text) = exec(&c, &index, &words(&format!("moodguide faq {}", n.id)));
            let mut listing = false;
            for l in text.lines() {
                if l == c.ui.follow_ups || l == c.ui.read_more {
                    listing = true;
                } else if l.is_empty() {
                    listing = false;
                } else if listing {
                    assert!(l.contains(" — moodguide "), "faq {}: {l:?}", n.id);
                }
            }
        }
        let ids = c
            .faq
            .nodes
            .iter()
            .map(|n| format!("moodguide faq {}", n.id));
        let ids = ids.chain(c.topics.iter().map(|t| format!("moodguide show {}", t.id)));
        let ids = ids.chain(
            c.glossary
                .iter()
                .map(|g| format!("moodguide glossary {}", g.id)),
        );
        for cmd in ids {
            let (_, text) = exec(&c, &index, &words(&cmd));
            printed.extend(printed_commands(&text));
        }
        for q in ["serotonin syndrome", "ketamine cost", "ibuprofen", "zolft"] {
            let mut args = words("moodguide search --limit 10");
            args.push(q.into());
            printed.extend(printed_commands(&exec(&c, &index, &args).1));
        }
        printed.sort();
        printed.dedup();
        assert!(printed.len() > 200, "{}", printed.len());
        for args in &printed {
            let (_, text) = exec(&c, &index, args);
            assert!(!text.is_empty(), "{args:?} printed nothing");
        }
    }
}

// ---- exit codes and messages --------------------------------------------------------------------

/// Asserts a usage error: exit 2, nothing on stdout, and stderr containing every one of `needles`.
fn assert_usage(args: &[&str], needles: &[&str]) -> Run {
    let out = mg(args);
    assert_eq!(out.no_crash(), 2, "{args:?}; stderr:\n{}", out.stderr);
    assert_eq!(out.stdout, "", "{args:?} printed data on a usage error");
    for n in needles {
        assert!(
            out.stderr.contains(n),
            "{args:?}: stderr lacks {n:?}:\n{}",
            out.stderr
        );
    }
    out
}

#[test]
fn unknown_topic_exits_2() {
    let out = assert_usage(&["show", "xyzzyqq", "--width", "80"], &[]);
    assert!(
        out.stderr.contains("no topic") || out.stderr.contains("did you mean"),
        "{}",
        out.stderr
    );
}

#[test]
fn ambiguous_topic_exits_2_with_suggestions() {
    let out = assert_usage(&["show", "ketamine"], &["did you mean"]);
    let suggestions: Vec<&str> = out.stderr.lines().filter(|l| l.starts_with("  ")).collect();
    assert!(suggestions.len() >= 2, "{}", out.stderr);
    assert!(
        suggestions
            .iter()
            .all(|s| s.trim_start().starts_with(|c: char| c.is_ascii_lowercase())),
        "each suggestion starts with an id: {suggestions:?}"
    );
    // Each suggestion's id is a topic that `show` accepts.
    let first = suggestions[0].split_whitespace().next().unwrap();
    mg(&["show", first, "--width", "80"]).ok();
}

#[test]
fn show_refuses_words_that_name_two_topics_and_says_what_each_names() {
    assert_usage(
        &["show", "zoloft", "prozac"],
        &[
            "show takes one topic",
            "zoloft: sertraline",
            "prozac: fluoxetine",
            "moodguide show sertraline",
            "moodguide compare zoloft prozac",
        ],
    );
    // A name of several words, and a section after them.
    assert_usage(
        &["show", "ssri", "tablets", "ect"],
        &["'ssri tablets': ssri-how-well", "ect: ect"],
    );
    assert_usage(
        &["show", "zoloft", "prozac", "#half-life"],
        &["show takes one topic"],
    );
    let es = run_with(
        &[
            "--color", "never", "--lang", "es", "show", "zoloft", "prozac",
        ],
        &[],
    );
    assert_eq!(es.no_crash(), 2);
    assert!(es.stderr.contains("prozac: fluoxetine"), "{}", es.stderr);
    // Words that name one topic still show it: a name among other words, two names of the same
    // topic, a title typed without its question mark.
    for (args, title) in [
        (
            vec!["show", "ect", "myths"],
            "ECT (electroconvulsive therapy)",
        ),
        (
            vec!["show", "zoloft", "half", "life"],
            "Sertraline (Zoloft)",
        ),
        (vec!["show", "zoloft", "sertraline"], "Sertraline (Zoloft)"),
        (
            vec!["show", "what", "is", "depression"],
            "What is depression?",
        ),
    ] {
        let out = mg(&args);
        assert_eq!(lines(out.ok())[0], title, "{args:?}");
    }
    let out = mg(&["--lang", "es", "show", "qué", "es", "la", "depresión"]);
    assert_eq!(lines(out.ok())[0], "¿Qué es la depresión?");
}

#[test]
fn no_heading_is_printed_with_nothing_under_it() {
    use moodguide::cli::{Command as Cmd, Options, run};
    for lang in [moodguide::bundle::Lang::En, moodguide::bundle::Lang::Es] {
        let (c, index) = moodguide::bundle::load_in(lang).unwrap();
        for t in &c.topics {
            let mut asks = vec![vec![t.id.to_string()]];
            asks.extend(
                t.sections
                    .iter()
                    .map(|s| vec![t.id.to_string(), format!("#{}", s.id)]),
            );
            for topic in asks {
                let cmd = Cmd::Show {
                    topic: topic.clone(),
                    json: false,
                    width: Some(80),
                };
                let (mut out, mut err) = (Vec::new(), Vec::new());
                let opts = Options {
                    width: 80,
                    color: true,
                };
                run(&cmd, &c, &index, opts, &mut out, &mut err).unwrap();
                let text = String::from_utf8(out).unwrap();
                let all = lines(&text);
                // Headings are the bold lines after the title.
                for (i, l) in all.iter().enumerate().skip(1) {
                    if l.starts_with("\x1b[1m") {
                        let next = all.get(i + 1).copied().unwrap_or("");
                        assert!(
                            !next.trim().is_empty() && !next.starts_with("\x1b[1m"),
                            "show {topic:?}: heading {l:?} has nothing under it"
                        );
                    }
                }
                assert!(!all.last().unwrap().trim().is_empty(), "show {topic:?}");
                // One section: its title and its heading, no other heading but "Read more".
                let read_more = format!("\x1b[1m{}\x1b[0m", c.ui.read_more);
                let bold = all
                    .iter()
                    .filter(|l| l.starts_with("\x1b[1m") && **l != read_more)
                    .count();
                if topic.len() == 2 {
                    assert_eq!(bold, 2, "show {topic:?}:\n{text}");
                }
            }
        }
    }
}

#[test]
fn unknown_section_exits_2_and_lists_the_sections() {
    assert_usage(
        &["show", "sertraline", "#nope"],
        &["no section 'nope'", "#half-life"],
    );
}

#[test]
fn compare_usage_errors_exit_2() {
    assert_usage(
        &["compare", "--set", "nope"],
        &["no comparison set 'nope'", "ssris"],
    );
    assert_usage(
        &["compare", "--rows", "nope"],
        &["no row group 'nope'", "side-effects"],
    );
    assert_usage(&["compare", "prozac", "ect"], &["'treatments' set"]);
    assert_usage(&["compare", "xyzzyqq"], &["no comparison item"]);
}

#[test]
fn faq_and_glossary_usage_errors_exit_2() {
    assert_usage(&["faq", "ketamine"], &["did you mean"]);
    assert_usage(&["faq", "xyzzyqq"], &["no question"]);
    assert_usage(&["glossary", "xyzzyqq"], &["no glossary term"]);
}

#[test]
fn a_respelled_name_is_not_silently_accepted() {
    let out = mg(&["faq", "nope"]);
    assert!(
        out.no_crash() == 2 || out.stderr.contains("nose"),
        "exit {} with stderr {:?}",
        out.code(),
        out.stderr
    );
}

#[test]
fn search_with_no_result_exits_1() {
    let out = mg(&["search", "xqzzyv"]);
    assert_eq!(out.no_crash(), 1);
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "moodguide: nothing found for 'xqzzyv'\n");
    // With --json the document still comes out, with no hits.
    let out = mg(&["search", "--json", "xqzzyv"]);
    assert_eq!(out.no_crash(), 1);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["hits"].as_array().unwrap().len(), 0);
    assert!(out.stderr.contains("nothing found"));
}

#[test]
fn bad_arguments_exit_2() {
    for (args, needle) in [
        (vec!["bogus"], "unrecognized subcommand"),
        (vec!["show", "--bogus", "x"], "unexpected argument"),
        (
            vec!["show", "sertraline", "--width", "abc"],
            "invalid value",
        ),
        (vec!["--color", "purple", "topics"], "invalid value"),
        (vec!["search"], "required"),
        (vec!["export", "--format", "pdf"], "invalid value"),
        (vec!["--idle-timeout", "5s", "topics"], "--kiosk"),
    ] {
        let out = run_with(&args, &[]);
        assert_eq!(out.no_crash(), 2, "{args:?}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{args:?}");
        assert!(out.stderr.contains(needle), "{args:?}: {}", out.stderr);
    }
}

#[test]
fn no_command_without_a_terminal_gets_line_mode() {
    // stdin is not a terminal: the guide answers on plain lines, and the end of input ends it.
    let out = run_with(&[], &[]);
    assert_eq!(out.no_crash(), 0, "{}", out.stderr);
    assert!(out.stdout.contains("1. Topics: "), "{}", out.stdout);
    assert!(out.stdout.contains("Call or text 988"), "{}", out.stdout);
    assert!(!out.stdout.contains('\u{1b}'), "plain text only");
}

#[test]
fn check_on_the_bundled_assets_exits_0() {
    let (topics, questions, terms) = bundled_counts();
    assert!(topics > 0 && questions > 0 && terms > 0);
}

#[test]
fn version_completions_and_man_page() {
    let v = run_with(&["--version"], &[]);
    assert!(v.ok().starts_with("moodguide "));
    let bash = mg(&["completions", "bash"]);
    assert!(bash.ok().contains("moodguide"));
    let man = mg(&["man"]);
    assert!(man.ok().contains(".TH"));
}

/// What bash completes for `words` (the last one being typed) with `script` loaded.
fn bash_completes(script: &Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let line = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); \
         _moodguide moodguide \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" ")
    );
    let out = Command::new("bash")
        .args(["--norc", "-c", &line])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn completions_offer_topic_question_term_and_item_ids() {
    let dir = TempDir::new().unwrap();
    let bash = dir.path().join("moodguide.bash");
    fs::write(&bash, mg(&["completions", "bash"]).ok()).unwrap();
    for (words, want) in [
        (vec!["moodguide", "show", "sert"], vec!["sertraline"]),
        (
            vec!["moodguide", "faq", "will-my"],
            vec!["will-my-ssri-work"],
        ),
        (vec!["moodguide", "glossary", "remis"], vec!["remission"]),
        (
            vec!["moodguide", "compare", "flu"],
            vec!["fluoxetine", "fluvoxamine"],
        ),
        (
            vec!["moodguide", "compare", "prozac", "es"],
            vec!["escitalopram", "esketamine"],
        ),
        (
            vec!["moodguide", "compare", "--set", "tr"],
            vec!["treatments"],
        ),
        (
            vec!["moodguide", "compare", "--rows", "side"],
            vec!["side-effects"],
        ),
        (
            vec!["moodguide", "export", "ect-"],
            vec!["ect-what-to-expect"],
        ),
        (vec!["moodguide", "man", "sh"], vec!["show"]),
    ] {
        let got = bash_completes(&bash, &words);
        assert_eq!(got, want, "{words:?}");
    }
    // Every id is in each shell's script; zsh and fish show each one's title beside it.
    let topics = mg(&["topics", "--json"]).json();
    let faq = mg(&["faq", "--json"]).json();
    let glossary = mg(&["glossary", "--json"]).json();
    let mut ids: Vec<String> = Vec::new();
    for cat in topics["categories"].as_array().unwrap() {
        for t in cat["topics"].as_array().unwrap() {
            ids.push(t["id"].as_str().unwrap().to_string());
        }
    }
    for n in faq["nodes"].as_array().unwrap() {
        ids.push(n["id"].as_str().unwrap().to_string());
    }
    for t in glossary.as_array().unwrap() {
        ids.push(t["id"].as_str().unwrap().to_string());
    }
    let bash_script = fs::read_to_string(&bash).unwrap();
    let zsh = mg(&["completions", "zsh"]).stdout;
    let fish = mg(&["completions", "fish"]).stdout;
    for id in &ids {
        assert!(
            bash_script.contains(&format!(" {id} ")) || bash_script.contains(&format!(" {id}\"")),
            "bash lacks {id}"
        );
        assert!(zsh.contains(&format!("{id}\\:\"")), "zsh lacks {id}");
        assert!(
            fish.contains(&format!("-f -a '{id}' -d '")),
            "fish lacks {id}"
        );
    }
    assert!(
        zsh.contains("sertraline\\:\"Sertraline (Zoloft)\""),
        "{zsh}"
    );
    let show_line = "complete -c moodguide -n \"__fish_moodguide_using_subcommand show\" -f -a 'sertraline' -d 'Sertraline (Zoloft)'";
    assert!(fish.contains(show_line), "{fish}");
    // The test those lines use is the script's own.
    assert!(fish.contains("function __fish_moodguide_using_subcommand"));
    // In Spanish, the same ids with Spanish titles.
    let es = mg(&["--lang", "es", "completions", "zsh"]).stdout;
    assert!(es.contains("sertraline\\:\"Sertralina (Zoloft)\""), "{es}");
}

#[test]
fn man_pages_exist_for_every_command_the_main_page_names() {
    let dir = TempDir::new().unwrap();
    let out = mg(&["man", "--out", dir.path().to_str().unwrap()]);
    let written: Vec<PathBuf> = lines(out.ok()).into_iter().map(PathBuf::from).collect();
    assert!(written.len() > 5, "{written:?}");
    let main = fs::read_to_string(dir.path().join("moodguide.1")).unwrap();
    // Every page the main page points to was written.
    let mut named = 0;
    for l in main.lines() {
        if let Some(rest) = l.strip_prefix("moodguide\\-") {
            let name = rest.split('(').next().unwrap();
            let file = dir.path().join(format!("moodguide-{name}.1"));
            assert!(written.contains(&file), "{l} has no page");
            named += 1;
        }
    }
    assert_eq!(named, written.len() - 1, "{main}");
    assert!(!main.contains("help(1)"), "a help page that is not written");
    for file in &written {
        let page = fs::read_to_string(file).unwrap();
        let name = file.file_stem().unwrap().to_str().unwrap();
        assert!(page.contains("\n.SH EXAMPLES\n"), "{name}: no EXAMPLES");
        assert!(
            page.contains("\n.SH \"EXIT STATUS\"\n"),
            "{name}: no EXIT STATUS"
        );
        assert!(!page.contains(".SH EXTRA"), "{name}");
        assert_eq!(page.matches(".ds Aq").count(), 2, "{name}: one preamble");
        if name != "moodguide" {
            assert!(page.contains("\\fBmoodguide\\fR(1)"), "{name}: no SEE ALSO");
            // Its example is its own command.
            let examples = page.split(".SH EXAMPLES").nth(1).unwrap();
            let command = name.replace("moodguide-", "moodguide ");
            assert!(examples.contains(&command), "{name}: {examples}");
        }
    }
    // One page on stdout: the main one, or a command's.
    assert_eq!(mg(&["man"]).ok(), main);
    let show = fs::read_to_string(dir.path().join("moodguide-show.1")).unwrap();
    assert_eq!(mg(&["man", "show"]).ok(), show);
    assert_usage(&["man", "nope"], &["no command 'nope'", "show"]);
}

// ---- export -------------------------------------------------------------------------------------

#[test]
fn export_writes_markdown_and_text_handouts() {
    let dir = TempDir::new().unwrap();
    let out_dir = dir.path().join("handouts");
    let out = mg(&[
        "export",
        "--out",
        out_dir.to_str().unwrap(),
        "sertraline",
        "ect",
    ]);
    let listed = lines(out.ok())
        .into_iter()
        .map(PathBuf::from)
        .collect::<Vec<_>>();
    assert_eq!(
        listed,
        [out_dir.join("sertraline.md"), out_dir.join("ect.md")]
    );
    let md = fs::read_to_string(out_dir.join("sertraline.md")).unwrap();
    assert!(md.starts_with("# Sertraline (Zoloft)\n"), "{md}");
    assert!(md.contains("\n## Sources\n"));
    assert!(md.contains("\nLast reviewed: 20"));
    assert!(md.contains("988"), "crisis text missing");
    assert!(md.contains("not medical advice") || md.contains("education"));
    // Neither topic links to the other: links stay words, their commands under "Read more".
    assert!(!md.contains("]("), "a link to a file that was not written");
    assert!(md.contains("\n## Read more\n"));
    assert!(!md.contains('\x1b'));

    let out = mg(&[
        "export",
        "--format",
        "txt",
        "--out",
        out_dir.to_str().unwrap(),
        "sertraline",
    ]);
    out.ok();
    let txt = fs::read_to_string(out_dir.join("sertraline.txt")).unwrap();
    assert!(txt.starts_with("Sertraline (Zoloft)\n"), "{txt}");
    assert!(txt.contains("\nSources\n"));
    assert!(txt.contains("\nLast reviewed: 20"));
    assert!(txt.contains("988"), "crisis text missing");
    assert!(!txt.contains('\x1b') && !txt.contains("**"));
    for l in txt.lines() {
        assert!(l.width() <= 76, "handout line wider than 76: {l:?}");
    }
}

#[test]
fn export_without_topics_writes_one_file_per_topic() {
    let dir = TempDir::new().unwrap();
    let out = mg(&["export", "--out", dir.path().to_str().unwrap()]);
    let written = lines(out.ok()).len();
    let (topics, _, _) = bundled_counts();
    assert_eq!(written, topics);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), topics);
}

/// `moodguide --color never ARGS` run in `dir` (for commands that write files).
fn mg_in(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["--color", "never"];
    all.extend_from_slice(args);
    let mut cmd = command(&all, &[]);
    cmd.current_dir(dir);
    let out = cmd.output().unwrap();
    Run {
        status: out.status,
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The source markers of a handout, in order: each "Sources: [n] …" line, a wrapped one joined.
fn source_markers(handout: &str) -> Vec<String> {
    let mut markers: Vec<String> = Vec::new();
    let mut in_marker = false;
    for l in handout.lines() {
        if l.starts_with("Sources: [") {
            markers.push(l.to_string());
            in_marker = true;
        } else if in_marker && l.starts_with('[') {
            let last = markers.last_mut().unwrap();
            last.push(' ');
            last.push_str(l);
        } else {
            in_marker = false;
        }
    }
    markers
}

#[test]
fn export_to_stdout_writes_every_handout_with_a_separator_and_no_folder() {
    let dir = TempDir::new().unwrap();
    for (format, rule) in [("md", "---".to_string()), ("txt", "=".repeat(76))] {
        let out = mg_in(
            dir.path(),
            &[
                "export",
                "--format",
                format,
                "--out",
                "-",
                "ect",
                "sertraline",
            ],
        );
        let text = out.ok();
        let parts: Vec<&str> = text.split(&format!("\n{rule}\n")).collect();
        assert_eq!(parts.len(), 2, "--format {format}: one separator");
        assert!(
            parts[0].contains("ECT (electroconvulsive therapy)\n"),
            "{format}"
        );
        assert!(
            parts[1].trim_start().contains("Sertraline (Zoloft)\n"),
            "{format}"
        );
        // Each handout whole: its crisis text at its end.
        assert!(
            parts[0].trim_end().ends_with("Call 911.")
                || parts[0].trim_end().ends_with("Call 911.**")
        );
        // The same text as the file a folder gets.
        let files = dir.path().join("files");
        mg(&[
            "export",
            "--format",
            format,
            "--out",
            files.to_str().unwrap(),
            "sertraline",
        ])
        .ok();
        let file = fs::read_to_string(files.join(format!("sertraline.{format}"))).unwrap();
        assert_eq!(parts[1].trim_start_matches('\n'), file, "{format}");
    }
    assert!(
        !dir.path().join("-").exists(),
        "a folder named '-' was made"
    );
    // In Spanish too.
    let es = mg_in(
        dir.path(),
        &["--lang", "es", "export", "--out", "-", "ketamine-cost"],
    );
    let es = es.ok();
    assert!(
        es.contains("\n## Fuentes\n") && es.contains("\n## Leer más\n"),
        "{es}"
    );
}

#[test]
fn handouts_in_both_formats_carry_the_same_source_markers() {
    for lang in ["en", "es"] {
        let md = mg(&["--lang", lang, "export", "--format", "md", "--out", "-"]);
        let txt = mg(&["--lang", lang, "export", "--format", "txt", "--out", "-"]);
        let md: Vec<&str> = md.ok().split("\n---\n").collect();
        let rule = format!("\n{}\n", "=".repeat(76));
        let txt: Vec<&str> = txt.ok().split(&rule).collect();
        assert_eq!(md.len(), txt.len());
        let sources = if lang == "en" {
            "Sources: ["
        } else {
            "Fuentes: ["
        };
        for (m, t) in md.iter().zip(&txt) {
            let title = t.trim_start().lines().next().unwrap();
            let (m, t) = (
                m.replace(sources, "Sources: ["),
                t.replace(sources, "Sources: ["),
            );
            let (mm, tm) = (source_markers(&m), source_markers(&t));
            assert!(!mm.is_empty(), "{title}: no markers");
            assert_eq!(mm, tm, "{lang} {title}");
            // No heading without something under it.
            let lines: Vec<&str> = m.lines().collect();
            for (i, l) in lines.iter().enumerate().filter(|(_, l)| l.starts_with('#')) {
                let next = lines[i + 1..].iter().find(|n| !n.trim().is_empty());
                assert!(
                    next.is_some_and(|n| !n.starts_with('#')),
                    "{lang} {title}: empty heading {l:?}"
                );
            }
        }
    }
}

#[test]
fn handout_links_lead_to_the_other_handout_or_its_command() {
    let dir = TempDir::new().unwrap();
    let out_dir = dir.path().join("h");
    let d = out_dir.to_str().unwrap();
    // Handed out together: the Markdown link goes to the other file, which exists.
    mg(&[
        "export",
        "--out",
        d,
        "ketamine-cost",
        "esketamine-what-is-it",
    ])
    .ok();
    let md = fs::read_to_string(out_dir.join("ketamine-cost.md")).unwrap();
    assert!(
        md.contains("See [what esketamine is](esketamine-what-is-it.md)."),
        "{md}"
    );
    assert!(out_dir.join("esketamine-what-is-it.md").exists());
    // A link to a topic not handed out, or to a term, is its command under "Read more".
    assert!(md.contains("\n## Read more\n"), "{md}");
    assert!(
        md.contains("- off-label — `moodguide glossary off-label`"),
        "{md}"
    );
    // Alone: plain words, and the command.
    let alone = mg(&["export", "--out", "-", "ketamine-cost"]);
    let alone = alone.ok();
    assert!(!alone.contains("]("), "{alone}");
    assert!(alone.contains("See what esketamine is."));
    assert!(alone.contains("- what esketamine is — `moodguide show esketamine-what-is-it`"));
    // Text: the same plain form, and every command there works.
    let txt = mg(&[
        "export",
        "--format",
        "txt",
        "--out",
        "-",
        "ketamine-cost",
        "sertraline",
    ]);
    let txt = txt.ok();
    assert!(txt.contains("\n  what esketamine is — moodguide show esketamine-what-is-it\n"));
    for args in printed_commands(txt) {
        let args: Vec<&str> = args[1..].iter().map(String::as_str).collect();
        assert!(!mg(&args).ok().is_empty(), "{args:?}");
    }
}

#[test]
fn export_errors() {
    let dir = TempDir::new().unwrap();
    // An unknown topic: usage error, nothing written.
    let out_dir = dir.path().join("never");
    assert_usage(
        &["export", "--out", out_dir.to_str().unwrap(), "xyzzyqq"],
        &["no topic"],
    );
    assert!(!out_dir.exists());
    // A folder that cannot be created: problem, message on stderr.
    let file = dir.path().join("a-file");
    fs::write(&file, "x").unwrap();
    let out = mg(&["export", "--out", file.to_str().unwrap(), "ect"]);
    assert_eq!(out.no_crash(), 1);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("cannot create"), "{}", out.stderr);
}

// ---- closed pipe --------------------------------------------------------------------------------

/// Like `moodguide ARGS | head -1`: read one line, close the pipe, and expect a quiet exit 0.
fn closed_pipe(args: &[&str]) {
    let mut child = command(args, &[]).spawn().unwrap();
    let err = child.stderr.take().unwrap();
    let err = thread::spawn(move || read_all(err));
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(!first.is_empty(), "{args:?} printed nothing");
    drop(stdout);
    let status = wait_or_kill(&mut child, &format!("{args:?} | head -1"));
    let stderr = String::from_utf8_lossy(&err.join().unwrap()).into_owned();
    assert!(status.code().is_some(), "{args:?} killed by {status:?}");
    assert!(
        !stderr.contains("Broken pipe") && !stderr.contains("panicked"),
        "{args:?}: {stderr}"
    );
    assert_eq!(status.code(), Some(0), "{args:?}: {stderr}");
    assert_eq!(stderr, "", "{args:?}");
}

#[test]
fn closed_pipe_is_not_an_error() {
    closed_pipe(&["--color", "never", "faq"]);
    // Outputs larger than a pipe's buffer, so the write really fails.
    closed_pipe(&["search", "s", "--limit", "1000"]);
    closed_pipe(&["--color", "never", "compare", "--width", "100"]);
    closed_pipe(&["export", "--help"]);
    closed_pipe(&["--color", "never", "glossary"]);
    closed_pipe(&["completions", "zsh"]);
    closed_pipe(&["man"]);
}

#[test]
fn closed_pipe_after_json_is_not_an_error() {
    closed_pipe(&["faq", "--json"]);
}

// ---- colour -------------------------------------------------------------------------------------

#[test]
fn color_always_makes_headings_bold() {
    let out = run_with(&["--color", "always", "show", "ect", "--width", "80"], &[]);
    assert!(out.ok().contains("\x1b[1m"));
    // An explicit --color always is stronger than NO_COLOR.
    let out = run_with(
        &["--color", "always", "show", "ect", "--width", "80"],
        &[("NO_COLOR", "1")],
    );
    assert!(out.ok().contains("\x1b[1m"));
}

/// `text` without its SGR escape sequences.
fn strip_sgr(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("\x1b[") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let end = after.find('m').unwrap();
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn color_always_marks_search_titles_and_matched_words() {
    for lang in ["en", "es"] {
        let args = ["--lang", lang, "search", "serotonin", "--limit", "5"];
        let mut coloured = vec!["--color", "always"];
        coloured.extend(args);
        let out = run_with(&coloured, &[]);
        let text = out.ok();
        let plain = mg(&args);
        // The same words, with escapes.
        assert_eq!(strip_sgr(text), plain.ok(), "--lang {lang}");
        let all = lines(text);
        // Each title bold, with the matched word underlined.
        let titles: Vec<&&str> = all.iter().filter(|l| !l.starts_with("    ")).collect();
        assert!(!titles.is_empty());
        for t in titles {
            assert!(t.contains(": \x1b[1m") && t.contains("\x1b[4m"), "{t:?}");
        }
        // A matched word in a snippet is bold.
        assert!(
            all.iter().any(|l| l.starts_with("    ")
                && !l.contains("moodguide")
                && l.contains("\x1b[1m")),
            "{text}"
        );
    }
}

#[test]
fn color_auto_into_a_pipe_has_no_escapes() {
    for args in [
        vec!["show", "ect", "--width", "80"],
        vec!["topics"],
        vec!["compare", "--width", "100"],
        vec!["faq", "will-my-ssri-work"],
        vec!["glossary"],
        vec!["glossary", "remission"],
        vec!["search", "zolft"],
        vec!["--help"],
    ] {
        let mut all = vec!["--color", "auto"];
        all.extend(&args);
        let out = run_with(&all, &[]);
        assert!(!out.ok().contains('\x1b'), "{args:?}");
        // auto is the default.
        let out = run_with(&args, &[]);
        assert!(!out.ok().contains('\x1b'), "{args:?}");
    }
    let out = mg(&["show", "ect"]);
    assert!(!out.ok().contains('\x1b'));
}

/// Runs the binary in a pseudo-terminal and returns everything it wrote and its exit code.
fn in_terminal(args: &[&str], env: &[(&str, &str)]) -> (String, u32) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE"] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 8192];
        // Linux reports EIO on the master once the child has gone.
        while let Ok(n @ 1..) = reader.read(&mut buf) {
            all.extend_from_slice(&buf[..n]);
        }
        let _ = tx.send(all);
    });
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("moodguide {args:?} in a terminal did not finish");
        }
        thread::sleep(Duration::from_millis(10));
    };
    let raw = rx.recv_timeout(TIMEOUT).unwrap();
    drop(pair.master);
    (
        String::from_utf8_lossy(&raw).into_owned(),
        status.exit_code(),
    )
}

#[test]
fn color_auto_on_a_terminal_is_bold_unless_no_color() {
    let (out, code) = in_terminal(&["show", "ect", "--width", "80"], &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("\x1b[1m"), "no bold on a terminal: {out:?}");
    let (out, code) = in_terminal(&["show", "ect", "--width", "80"], &[("NO_COLOR", "1")]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains('\x1b'), "colour despite NO_COLOR: {out:?}");
    let (out, _) = in_terminal(&["--color", "never", "show", "ect", "--width", "80"], &[]);
    assert!(!out.contains('\x1b'));
}

// ---- check: packs assembled from fixtures -------------------------------------------------------

/// `check` and `--content` run through the built binary on a pack on disk.
trait Checked {
    /// `moodguide check DIR`: the exit code and stdout lines, with the folder shown as `PACK/`.
    fn check(&self) -> (i32, Vec<String>);
    /// Asserts `check` prints exactly `expected` and exits 1, and that `--content DIR` refuses the
    /// pack with the same problems on stderr and nothing on stdout.
    fn assert_problems(&self, expected: &[&str]);
}

impl Checked for Pack {
    fn check(&self) -> (i32, Vec<String>) {
        let out = mg(&["check", self.arg()]);
        let code = out.no_crash();
        assert_eq!(out.stderr, "", "check writes its report to stdout");
        let text = self.normalise(&out.stdout);
        (code, text.lines().map(str::to_string).collect())
    }

    fn assert_problems(&self, expected: &[&str]) {
        let (code, got) = self.check();
        assert_eq!(got, expected, "check output");
        assert_eq!(code, 1, "check exit code");
        let out = mg(&["--content", self.arg(), "topics"]);
        assert_eq!(out.no_crash(), 1, "--content exit code");
        assert_eq!(out.stdout, "", "--content printed data from a broken pack");
        let n = expected.len() - 1;
        let mut want: Vec<String> = expected[..n].iter().map(|s| (*s).to_string()).collect();
        want.push(format!(
            "moodguide: the content has {n} problem(s); nothing was shown"
        ));
        let stderr = self.normalise(&out.stderr);
        assert_eq!(lines(&stderr), want, "--content stderr");
        // check --json: the same problems, one object each, and the same exit status.
        let out = mg(&["check", "--json", self.arg()]);
        assert_eq!(out.no_crash(), 1, "check --json exit code");
        let v: Value = serde_json::from_str(&out.stdout).unwrap();
        let problems = self.json_problems(&v);
        assert_eq!(problems, expected[..n], "check --json problems");
    }
}

#[test]
fn base_fixture_is_a_valid_pack() {
    let p = Pack::base();
    let (code, out) = p.check();
    assert_eq!(
        out,
        ["ok: 2 topics, 2 questions, 1 glossary terms, 1 comparison sets, 2 sources"]
    );
    assert_eq!(code, 0);
    // The commands run on it.
    let topics = mg(&["--content", p.arg(), "topics"]);
    assert!(topics.ok().contains("Topic A"));
    let show = mg(&["--content", p.arg(), "show", "a", "--width", "80"]);
    assert!(show.ok().starts_with("Topic A\n"));
}

/// A few of the fixture cases (`tests/it/check.rs` runs them all in one process) through the built
/// binary: `check` prints the report on stdout and exits 1, `check --json` gives the same problems,
/// and `--content DIR` refuses the pack with them on stderr.
#[test]
fn check_and_content_refuse_broken_packs_through_the_binary() {
    Pack::case("toml-syntax").assert_problems(&[
        "PACK/topics/b.toml:2:17: invalid basic string, expected `\"`",
        "PACK/categories.toml:4:16: [b] category 'basics' lists unknown topic 'b'",
        "PACK/topics/a.toml:1:1: [a] links to unknown topic 'b'",
        "3 problem(s)",
    ]);
    Pack::case("missing-file").assert_problems(&[
        "PACK/faq.toml:1:1: required file is missing",
        "1 problem(s)",
    ]);
    Pack::case("faq-cycle").assert_problems(&[
        "PACK/faq.toml:15:1: [ping] question 'ping' is in a cycle of follow-ups",
        "PACK/faq.toml:21:1: [pong] question 'pong' is in a cycle of follow-ups",
        "2 problem(s)",
    ]);
}

#[test]
fn check_json_on_a_clean_pack_and_on_the_bundled_one() {
    let p = Pack::base();
    let v = mg(&["check", "--json", p.arg()]).json();
    assert_eq!(v["ok"], true);
    assert_eq!(v["problems"].as_array().unwrap().len(), 0);
    assert!(v["counts"]["topics"].as_u64().unwrap() > 0);
    assert_eq!(v["twin"], false);
    assert_eq!(v["lang"], "en");
    // The bundled pack, with its Spanish twin; --lang does not change the report.
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let v = mg(&["--lang", "es", "check", "--json", assets.to_str().unwrap()]).json();
    assert_eq!(
        (v["ok"].as_bool(), v["twin"].as_bool()),
        (Some(true), Some(true))
    );
    let (topics, questions, terms) = bundled_counts();
    assert_eq!(v["counts"]["topics"].as_u64(), Some(topics as u64));
    assert_eq!(v["counts"]["questions"].as_u64(), Some(questions as u64));
    assert_eq!(v["counts"]["terms"].as_u64(), Some(terms as u64));
    // A folder that is not there: one problem, exit 1, still a JSON document.
    let missing = p.path().join("nope");
    let out = mg(&["check", "--json", missing.to_str().unwrap()]);
    assert_eq!(out.no_crash(), 1);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["problems"][0]["message"], "no such directory");
    assert_eq!(v["problems"][0]["line"], 1);
}

#[test]
fn check_home_hints_count() {
    // Built from the bundled ui.toml (so it has every label): drop the first home hint.
    let p = Pack::base();
    let ui = p.read("ui.toml");
    let mut out = Vec::new();
    let mut dropped = false;
    let mut key_line = 0;
    let mut after_key = false;
    for (n, l) in ui.lines().enumerate() {
        if l.starts_with("home_hints = [") {
            key_line = n + 1;
            after_key = true;
        } else if after_key && !dropped {
            dropped = true;
            continue;
        }
        out.push(l);
    }
    assert!(dropped, "assets/ui.toml has no multi-line home_hints");
    p.write("ui.toml", out.join("\n") + "\n");
    p.assert_problems(&[
        &format!("PACK/ui.toml:{key_line}:14: home_hints has 5 lines; it needs 6, one for each entry of the home menu"),
        "1 problem(s)",
    ]);
}

#[test]
fn check_empty_directory() {
    Pack::empty().assert_problems(&[
        "PACK/meta.toml:1:1: required file is missing",
        "PACK/ui.toml:1:1: required file is missing",
        "PACK/sources.toml:1:1: required file is missing",
        "PACK/glossary.toml:1:1: required file is missing",
        "PACK/categories.toml:1:1: required file is missing",
        "PACK/faq.toml:1:1: required file is missing",
        "PACK/compare/:1:1: no comparison sets (compare/*.toml)",
        "7 problem(s)",
    ]);
}

#[test]
fn check_a_path_that_is_not_a_directory() {
    let p = Pack::base();
    let out = mg(&["check", p.path().join("meta.toml").to_str().unwrap()]);
    assert_eq!(out.no_crash(), 1);
    assert_eq!(
        lines(&p.normalise(&out.stdout)),
        ["PACK/meta.toml:1:1: not a directory", "1 problem(s)"]
    );
    let missing = p.path().join("no-such-pack");
    let out = mg(&["check", missing.to_str().unwrap()]);
    assert_eq!(out.no_crash(), 1);
    assert!(out.stdout.contains("no-such-pack"), "{}", out.stdout);
    let out = mg(&["--content", missing.to_str().unwrap(), "topics"]);
    assert_eq!(out.no_crash(), 1);
    assert_eq!(out.stdout, "");
}

/// Deterministic bytes that are not UTF-8 and include NUL.
fn garbage(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x9E37_79B9;
    let mut out: Vec<u8> = vec![0x00, 0xFF, 0xC3, 0x28, 0x00];
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out.push(x.to_le_bytes()[0]);
    }
    out
}

#[test]
fn check_still_checks_every_file_when_a_required_one_is_broken() {
    let p = Pack::base();
    p.write("meta.toml", "title = \"cut off");
    let a = p.read("topics/a.toml");
    p.write("topics/a.toml", a.replacen("topic:b", "topic:nowhere", 1));
    let (code, lines) = p.check();
    let out = lines.join("\n");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("PACK/meta.toml:1:"), "{out}");
    assert!(
        out.contains("[a] links to unknown topic 'nowhere'"),
        "the topic's problem is lost behind meta.toml's: {out}"
    );
}

#[test]
fn check_shows_escaped_control_characters_as_text() {
    let p = Pack::base();
    let c = p.read("categories.toml");
    p.write("categories.toml", c.replacen("\"b\"", "\"b\\u001B[2J\"", 1));
    let (code, lines) = p.check();
    let out = lines.join("\n");
    assert_eq!(code, 1, "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "an escape reached the terminal: {out:?}"
    );
    assert!(out.contains("b\\u{1b}[2J"), "{out}");
    // The JSON report writes it the same way.
    let json = mg(&["check", "--json", p.arg()]);
    assert!(!json.stdout.contains('\u{1b}'));
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    let messages: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("b\\u{1b}[2J")),
        "{messages:?}"
    );
}

#[test]
fn check_binary_garbage() {
    let p = Pack::base();
    p.write("topics/b.toml", garbage(4096));
    p.assert_problems(&[
        "PACK/topics/b.toml:1:1: file is not UTF-8 text",
        // The other files are still checked: the missing topic is missed where it is named.
        "PACK/categories.toml:4:16: [b] category 'basics' lists unknown topic 'b'",
        "PACK/topics/a.toml:1:1: [a] links to unknown topic 'b'",
        "3 problem(s)",
    ]);
    // Garbage that happens to be UTF-8 (NUL and control bytes) is a TOML error.
    let p = Pack::base();
    p.write("topics/b.toml", b"id = \"b\"\0\0garbage\x01\x02\xc3\xa9");
    p.assert_problems(&[
        "PACK/topics/b.toml:1:9: unexpected key or value, expected newline, `#`",
        "PACK/categories.toml:4:16: [b] category 'basics' lists unknown topic 'b'",
        "PACK/topics/a.toml:1:1: [a] links to unknown topic 'b'",
        "3 problem(s)",
    ]);
}

#[test]
fn check_ignores_files_that_are_not_toml() {
    let p = Pack::base();
    p.write("picture.png", garbage(2048));
    p.write("topics/notes.txt", "not content");
    let (code, out) = p.check();
    assert_eq!(code, 0, "{out:?}");
}

#[test]
fn check_windows_line_endings_are_accepted_but_a_lone_carriage_return_is_not() {
    let p = Pack::base();
    let b = p.read("topics/b.toml");
    p.write("topics/b.toml", b.replace('\n', "\r\n"));
    let (code, out) = p.check();
    assert_eq!(code, 0, "{out:?}");
    p.write(
        "topics/b.toml",
        b.replacen("\"Topic B\"\n", "\"Topic B\"\r", 1),
    );
    p.assert_problems(&[
        "PACK/topics/b.toml:2:19: carriage return must be followed by newline, expected newline",
        "PACK/categories.toml:4:16: [b] category 'basics' lists unknown topic 'b'",
        "PACK/topics/a.toml:1:1: [a] links to unknown topic 'b'",
        "3 problem(s)",
    ]);
}

#[test]
fn check_a_10_mb_file() {
    const SIZE: usize = 10 * 1024 * 1024;
    assert!((SIZE as u64) > MAX_FILE_BYTES);
    let p = Pack::base();
    let mut big = String::with_capacity(SIZE);
    big.push_str("# ");
    big.push_str(&"x".repeat(SIZE - 3));
    big.push('\n');
    assert_eq!(big.len(), SIZE);
    p.write("topics/b.toml", big);
    let line = format!(
        "PACK/topics/b.toml:1:1: file is too large ({SIZE} bytes; the limit is {MAX_FILE_BYTES})"
    );
    p.assert_problems(&[
        &line,
        "PACK/categories.toml:4:16: [b] category 'basics' lists unknown topic 'b'",
        "PACK/topics/a.toml:1:1: [a] links to unknown topic 'b'",
        "3 problem(s)",
    ]);
}

/// A questions tree that is one chain of `n` questions: start → n1 → n2 → …
fn chain_faq(n: usize) -> String {
    let name = |i: usize| {
        if i == 0 {
            "start".to_string()
        } else {
            format!("n{i}")
        }
    };
    let mut s = String::from("root = \"start\"\n");
    for i in 0..n {
        writeln!(
            s,
            "\n[[node]]\nid = \"{}\"\nquestion = \"Question {i}?\"\nanswer = \"Keep going.\"",
            name(i)
        )
        .unwrap();
        if i + 1 < n {
            writeln!(s, "follow = [\"{}\"]", name(i + 1)).unwrap();
        }
    }
    s
}

#[test]
fn check_a_5000_question_chain() {
    let p = Pack::base();
    p.write("faq.toml", chain_faq(5000));
    let (code, out) = p.check();
    assert_eq!(
        out,
        ["ok: 2 topics, 5000 questions, 1 glossary terms, 1 comparison sets, 2 sources"]
    );
    assert_eq!(code, 0);
    // One question at the end of the chain.
    let out = mg(&["--content", p.arg(), "faq", "n4999"]);
    assert!(out.ok().contains("Question 4999?"));
}

#[test]
fn faq_outline_of_a_5000_question_chain_finishes() {
    let p = Pack::base();
    p.write("faq.toml", chain_faq(5000));
    let out = mg(&["--content", p.arg(), "faq"]);
    assert_eq!(lines(out.ok()).len(), 5000);
    let out = mg(&["--content", p.arg(), "faq", "--json"]);
    assert_eq!(out.json()["nodes"].as_array().unwrap().len(), 5000);
}

#[test]
fn check_toml_nested_10000_levels() {
    let p = Pack::base();
    let array = format!(
        "id = \"b\"\nx = {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    p.write("topics/b.toml", array);
    p.assert_problems(&[
        "PACK/topics/b.toml:2:85: cannot recurse further; max recursion depth met",
        "PACK/categories.toml:4:16: [b] category 'basics' lists unknown topic 'b'",
        "PACK/topics/a.toml:1:1: [a] links to unknown topic 'b'",
        "3 problem(s)",
    ]);
    let table = format!(
        "id = \"b\"\nx = {}1{}\n",
        "{a=".repeat(10_000),
        "}".repeat(10_000)
    );
    p.write("topics/b.toml", table);
    let (code, out) = p.check();
    assert_eq!(code, 1);
    assert!(
        out[0].starts_with("PACK/topics/b.toml:2:") && out[0].ends_with("max recursion depth met"),
        "{out:?}"
    );
}

/// The base pack with the root question's answer replaced (a TOML multi-line string).
fn pack_with_root_answer(answer: &str) -> Pack {
    let p = Pack::base();
    let faq = p.read("faq.toml");
    let faq = faq.replacen(
        "answer = \"Pick a question.\"",
        &format!("answer = \"\"\"\n{answer}\"\"\""),
        1,
    );
    p.write("faq.toml", faq);
    p
}

#[test]
fn check_markdown_nested_10000_levels() {
    // A bullet list nested 10,000 deep is valid Markdown: no crash, and the pack loads.
    let p = pack_with_root_answer(&format!("{}item\n", "- ".repeat(10_000)));
    let (code, out) = p.check();
    assert_eq!(code, 0, "{out:?}");
    let out = mg(&["--content", p.arg(), "faq", "start"]);
    assert!(out.ok().contains("What would you like to know?"));
    // A block quote nested 10,000 deep is refused, with no crash.
    let p = pack_with_root_answer(&format!("{}deep\n", "> ".repeat(10_000)));
    let (code, out) = p.check();
    assert_eq!(code, 1);
    assert!(
        out[..out.len() - 1]
            .iter()
            .all(|l| l.starts_with("PACK/faq.toml:")
                && l.ends_with(" [start] unsupported Markdown: block quote")),
        "{:?}",
        &out[..3.min(out.len())]
    );
}

#[test]
fn deeply_nested_bullets_still_fit_the_width() {
    let p = pack_with_root_answer(&format!("{}item\n", "- ".repeat(10_000)));
    let out = mg(&["--content", p.arg(), "faq", "start"]);
    for l in lines(out.ok()) {
        assert!(l.width() <= 80, "line is {} columns wide", l.width());
    }
}

/// Started with no arguments the guide skips clap; what it uses instead must be what clap makes of
/// an empty command line, or `moodguide` and `moodguide --color auto` could differ.
#[test]
fn no_arguments_is_what_clap_parses_from_an_empty_command_line() {
    use clap::Parser;
    let parsed = moodguide::cli::Cli::try_parse_from(["moodguide"]).unwrap();
    assert_eq!(
        format!("{:?}", moodguide::cli::Cli::no_arguments()),
        format!("{parsed:?}")
    );
}

#[test]
fn lang_es_prints_the_spanish_guide_and_an_unknown_language_is_a_usage_error() {
    let r = mg(&["--lang", "es", "show", "tms"]);
    assert_eq!(r.code(), 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("EMT (estimulación magnética transcraneal)"),
        "{}",
        r.stdout
    );
    let v = mg(&["--lang", "es", "search", "--json", "quiero morir"]).json();
    assert_eq!(v["crisis"], true);
    assert!(
        v["hits"][0]["snippet"].as_str().unwrap().contains("AYUDA"),
        "{}",
        v["hits"][0]
    );
    let bad = mg(&["--lang", "fr", "topics"]);
    assert_eq!(bad.code(), 2);
}

#[test]
fn check_refuses_a_twin_that_lost_a_number() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    copy_tree(&root, dir.path());
    let tms = dir.path().join("es/topics/tms.toml");
    let text = fs::read_to_string(&tms).unwrap();
    fs::write(
        &tms,
        text.replacen("5 días a la semana", "6 días a la semana", 1),
    )
    .unwrap();
    let r = mg(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(r.code(), 1, "{}", r.stdout);
    assert!(r.stdout.contains("es/topics/tms.toml:"), "{}", r.stdout);
    assert!(r.stdout.contains("the first language"), "{}", r.stdout);
}

// ---- the summary command --------------------------------------------------------------------------

/// `moodguide ARGS`: asserts exit 0 and nothing on stderr, and returns what it printed.
fn mg_ok(args: &[&str]) -> String {
    mg(args).ok().to_string()
}

const ARGS: [&str; 13] = [
    "summary",
    "--matters",
    "speed",
    "sexual",
    "--questions",
    "ready:how-will-we-know",
    "compare:ssris/sertraline/sexual",
    "topic:ssri-stopping#symptoms",
    "is-ketamine-right",
    "--read",
    "ssri-side-effects",
    "--width",
    "60",
];

fn arg_picks() -> Picks {
    Picks {
        matters: vec![ConcernId("speed".into()), ConcernId("sexual".into())],
        questions: vec![
            Subject::Ready(ReadyId("how-will-we-know".into())),
            Subject::parse("compare:ssris/sertraline/sexual").unwrap(),
            Subject::parse("topic:ssri-stopping#symptoms").unwrap(),
            Subject::Question(NodeId("is-ketamine-right".into())),
        ],
        read: vec![Subject::parse("topic:ssri-side-effects").unwrap()],
    }
}

#[test]
fn the_command_prints_what_to_text_and_to_markdown_make() {
    for (lang, flags) in [(Lang::En, vec![]), (Lang::Es, vec!["--lang", "es"])] {
        let c = load_in(lang).unwrap().0;
        let s = summary::build(&c, &arg_picks());
        let text = mg_ok(&[flags.as_slice(), &ARGS].concat());
        assert_eq!(text, summary::to_text(&s, 60));
        let md = mg_ok(&[flags.as_slice(), &ARGS, &["--format", "md"]].concat());
        assert_eq!(md, summary::to_markdown(&s));
    }
}

#[test]
fn the_commands_qr_codes_decode_to_the_summary() {
    let c = load_in(Lang::Es).unwrap().0;
    let s = summary::build(&c, &arg_picks());
    let out = mg_ok(&[&["--lang", "es"], &ARGS[..], &["--qr", "--qr-rows", "18"]].concat());
    let text = summary::to_text(&s, 60);
    let codes = out.strip_prefix(&text).expect("the text comes first");
    // Each code follows a blank line and its number; its rows are the lines of block characters.
    let mut joined = String::new();
    let blocks: Vec<&str> = codes
        .split("\n\n")
        .map(|b| b.trim_start_matches('\n'))
        .filter(|b| !b.is_empty())
        .collect();
    assert!(blocks.len() > 1, "several codes at 60x18");
    for (k, block) in blocks.iter().enumerate() {
        let mut lines = block.lines();
        assert_eq!(
            lines.next().unwrap(),
            qr::numbered(&c.ui.summary_part, k + 1, blocks.len())
        );
        let rows: Vec<String> = lines.map(str::to_string).collect();
        assert!(rows.len() <= 18 && rows.iter().all(|r| r.chars().count() <= 60));
        let decoded = decode(&rows, Ink::Dark);
        joined.push_str(decoded.split_once('\n').unwrap().1);
    }
    assert_eq!(joined, summary::to_text(&s, 0));
}

#[test]
fn an_unknown_concern_or_question_exits_2_with_choices() {
    let o = mg(&["summary", "--matters", "speedy"]);
    assert_eq!(o.code(), 2);
    assert!(o.stdout.is_empty());
    let err = o.stderr.clone();
    assert!(err.contains("no concern 'speedy'") && err.contains("speed, side-effects"));

    let o = mg(&["summary", "--questions", "faq:will-my-ssri-wrk"]);
    assert_eq!(o.code(), 2);
    assert!(o.stdout.is_empty());
    let err = o.stderr.clone();
    assert!(err.contains("did you mean"), "{err}");
    assert!(err.contains("  faq:will-my-ssri-work  ("), "{err}");

    let o = mg(&["summary", "--questions", "ready:insurence"]);
    assert_eq!(o.code(), 2);
    assert!(o.stderr.clone().contains("  ready:insurance  ("));

    // An id two kinds share is not guessed.
    let o = mg(&["summary", "--read", "ect"]);
    assert_eq!(o.code(), 2);
    let err = o.stderr.clone();
    assert!(
        err.contains("topic:ect") && err.contains("glossary:ect"),
        "{err}"
    );
}
