//! Validation through `moodguide check`'s report, on packs on disk: the minimal valid pack
//! (`tests/fixtures/base`) with one broken case laid over it (`tests/fixtures/cases/`), and the exact
//! lines the report prints, in text and in `--json`. The rules themselves are tested once, in
//! `validate.rs` (one inline fixture per rule); the cases here are what only files on disk show:
//! syntax and shape errors, a missing file or folder, raw control bytes, a file named unlike its id,
//! and a report of several problems. The report is made in this process
//! (`cli::check::check` into a buffer); `tests/cli.rs` runs a few of these cases through the built
//! binary (`check`, and `--content` refusing the pack).

use std::fs;

use moodguide::cli::check::check;
use serde_json::Value;

use crate::common::pack::{Pack, fixtures};

/// The report `check` makes for the pack, in text (`json` false) or JSON: its exit code and text.
fn report(p: &Pack, json: bool) -> (u8, String) {
    let mut out = Vec::new();
    let outcome = check(p.path(), json, &mut out).unwrap();
    (
        outcome.code(),
        p.normalise(&String::from_utf8(out).unwrap()),
    )
}

/// Asserts `check` reports exactly `expected` (the problems, then the count) and exits 1, and
/// that `check --json` gives the same problems, one object each.
fn assert_problems(p: &Pack, expected: &[&str]) {
    let (code, text) = report(p, false);
    assert_eq!(text.lines().collect::<Vec<_>>(), expected, "check output");
    assert_eq!(code, 1, "check exit code");
    let (code, json) = report(p, true);
    assert_eq!(code, 1, "check --json exit code");
    let v: Value = serde_json::from_str(&json).unwrap();
    let problems = p.json_problems(&v);
    assert_eq!(
        problems,
        expected[..expected.len() - 1],
        "check --json problems"
    );
}

#[test]
fn the_base_fixture_is_a_valid_pack() {
    let (code, text) = report(&Pack::base(), false);
    assert_eq!(
        text,
        "ok: 2 topics, 2 questions, 1 glossary terms, 1 comparison sets, 2 sources\n"
    );
    assert_eq!(code, 0);
}

/// One test per fixture case: the case folder and the exact lines `check` prints.
macro_rules! check_cases {
    ($($test:ident: $dir:literal => [$($line:literal),* $(,)?];)*) => {
        $(
            #[test]
            fn $test() {
                assert_problems(&Pack::case($dir), &[$($line),*]);
            }
        )*
        /// Every case folder a test above uses.
        const CASES: &[&str] = &[$($dir),*];
    };
}

check_cases! {
    check_toml_syntax_error: "toml-syntax" => [
        "PACK/topics/b.toml:2:17: invalid basic string, expected `\"`",
        "PACK/categories.toml:4:16: [b] category 'basics' lists unknown topic 'b'",
        "PACK/topics/a.toml:1:1: [a] links to unknown topic 'b'",
        "3 problem(s)",
    ];
    check_unknown_field: "unknown-field" => [
        "PACK/topics/b.toml:5:1: unknown field `colour`, expected one of `id`, `title`, `list_title`, `summary`, `summary_sources`, `reviewed`, `section`",
        "PACK/categories.toml:4:16: [b] category 'basics' lists unknown topic 'b'",
        "PACK/topics/a.toml:1:1: [a] links to unknown topic 'b'",
        "3 problem(s)",
    ];
    check_missing_field: "missing-field" => [
        "PACK/topics/b.toml:1:1: missing field `title`",
        "PACK/categories.toml:4:16: [b] category 'basics' lists unknown topic 'b'",
        "PACK/topics/a.toml:1:1: [a] links to unknown topic 'b'",
        "3 problem(s)",
    ];
    check_required_file_missing: "missing-file" => [
        "PACK/faq.toml:1:1: required file is missing",
        "1 problem(s)",
    ];
    check_no_comparison_set: "no-compare-set" => [
        "PACK/compare/:1:1: no comparison sets (compare/*.toml)",
        "PACK/topics/a.toml:8:1: [intro] links to unknown comparison set 'set'",
        "2 problem(s)",
    ];
    check_control_character: "control-character" => [
        "PACK/topics/b.toml:1:1: [b] title contains control character U+001B",
        "1 problem(s)",
    ];
    check_bidi_control: "bidi-control" => [
        "PACK/topics/b.toml:7:1: [risks] heading contains bidirectional control U+202E",
        "1 problem(s)",
    ];
    check_duplicate_item_group_attribute: "duplicate-item-group-attribute" => [
        "PACK/compare/set.toml:10:1: [alpha] duplicate item id 'alpha'",
        "PACK/compare/set.toml:18:1: [works] duplicate group id 'works'",
        "PACK/compare/set.toml:27:1: [speed] duplicate attribute id 'speed'",
        "3 problem(s)",
    ];
    check_topic_id_not_the_file_name: "topic-id-file-name" => [
        "PACK/topics/bee.toml:1:1: [b] topic id 'b' does not match its file name 'bee'",
        "1 problem(s)",
    ];
    check_faq_cycle: "faq-cycle" => [
        "PACK/faq.toml:15:1: [ping] question 'ping' is in a cycle of follow-ups",
        "PACK/faq.toml:21:1: [pong] question 'pong' is in a cycle of follow-ups",
        "2 problem(s)",
    ];
}

#[test]
fn every_fixture_case_has_a_test() {
    let mut on_disk: Vec<String> = fs::read_dir(fixtures().join("cases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut tested: Vec<String> = CASES.iter().map(|s| (*s).to_string()).collect();
    tested.sort();
    assert_eq!(on_disk, tested);
}
