//! Validation through `moodguide check`'s report, on packs on disk: the minimal valid pack
//! (`tests/fixtures/base`) with one broken case laid over it (`tests/fixtures/cases/`), and the exact
//! lines the report prints, in text and in `--json`. The report is made in this process
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
    assert_eq!(v["ok"], false);
    assert!(v["counts"].is_null());
    let problems: Vec<String> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let id = p["id"]
                .as_str()
                .map_or_else(String::new, |i| format!("[{i}] "));
            format!(
                "{}:{}:{}: {id}{}",
                p["file"].as_str().unwrap(),
                p["line"].as_u64().unwrap(),
                p["column"].as_u64().unwrap(),
                p["message"].as_str().unwrap()
            )
        })
        .collect();
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
    check_unsupported_markdown: "unsupported-markdown" => [
        "PACK/topics/b.toml:7:1: [risks] unsupported Markdown: heading",
        "PACK/topics/b.toml:7:1: [risks] unsupported Markdown: block quote",
        "PACK/topics/b.toml:7:1: [risks] unsupported Markdown: code block",
        "PACK/topics/b.toml:7:1: [risks] unsupported Markdown: image",
        "4 problem(s)",
    ];
    check_inline_html: "markdown-html" => [
        "PACK/topics/b.toml:7:1: [risks] unsupported Markdown: HTML",
        "PACK/topics/b.toml:7:1: [risks] unsupported Markdown: HTML",
        "2 problem(s)",
    ];
    check_link_with_a_bad_scheme: "link-bad-scheme" => [
        "PACK/topics/b.toml:7:1: [risks] link target 'https://example.org' is not topic:, glossary:, faq: or compare:",
        "PACK/topics/b.toml:7:1: [risks] link target 'topic:' is not topic:, glossary:, faq: or compare:",
        "2 problem(s)",
    ];
    check_links_to_unknown_targets: "link-unknown-targets" => [
        "PACK/topics/b.toml:7:1: [risks] links to unknown topic 'nope'",
        "PACK/topics/b.toml:7:1: [risks] links to unknown section 'nope' of topic 'a'",
        "PACK/topics/b.toml:7:1: [risks] links to unknown glossary term 'nope'",
        "PACK/topics/b.toml:7:1: [risks] links to unknown question 'nope'",
        "PACK/topics/b.toml:7:1: [risks] links to unknown comparison set 'nope'",
        "5 problem(s)",
    ];
    check_empty_field: "empty-field" => [
        "PACK/topics/b.toml:7:1: [risks] heading is empty",
        "1 problem(s)",
    ];
    check_control_character: "control-character" => [
        "PACK/topics/b.toml:1:1: [b] title contains control character U+001B",
        "1 problem(s)",
    ];
    check_bidi_control: "bidi-control" => [
        "PACK/topics/b.toml:7:1: [risks] heading contains bidirectional control U+202E",
        "1 problem(s)",
    ];
    check_undefined_source: "undefined-source" => [
        "PACK/topics/b.toml:7:1: [risks] cites source 'NOPE', which sources.toml does not define",
        "1 problem(s)",
    ];
    check_undefined_crisis_source: "undefined-crisis-source" => [
        "PACK/meta.toml:7:1: [crisis] cites source 'NOPE', which sources.toml does not define",
        "1 problem(s)",
    ];
    check_number_without_source: "number-without-source" => [
        "PACK/topics/b.toml:7:1: [risks] body contains a number but cites no source",
        "1 problem(s)",
    ];
    check_bad_id_format: "bad-id-format" => [
        "PACK/topics/a.toml:1:1: [a] links to unknown section 'risks' of topic 'b'",
        "PACK/topics/b.toml:7:1: [Risks Now] section id 'Risks Now' must be lowercase letters, digits and '-'",
        "2 problem(s)",
    ];
    check_source_id_not_one_word: "source-id-not-one-word" => [
        "PACK/sources.toml:17:1: [SRC C] source id 'SRC C' must be one word of visible characters",
        "1 problem(s)",
    ];
    check_duplicate_source: "duplicate-source" => [
        "PACK/sources.toml:17:1: [SRC-B] duplicate source id 'SRC-B'",
        "1 problem(s)",
    ];
    check_duplicate_term: "duplicate-term" => [
        "PACK/glossary.toml:9:1: [sert] duplicate term id 'sert'",
        "1 problem(s)",
    ];
    check_duplicate_category: "duplicate-category" => [
        "PACK/categories.toml:7:1: [basics] duplicate category id 'basics'",
        "1 problem(s)",
    ];
    check_duplicate_section: "duplicate-section" => [
        "PACK/topics/b.toml:12:1: [risks] duplicate section id 'risks'",
        "1 problem(s)",
    ];
    check_duplicate_topic: "duplicate-topic" => [
        "PACK/topics/c.toml:1:1: [b] duplicate topic id 'b' (also in another file)",
        "PACK/topics/c.toml:1:1: [b] topic id 'b' does not match its file name 'c'",
        "2 problem(s)",
    ];
    check_duplicate_set: "duplicate-set" => [
        "PACK/compare/set.toml:1:1: [set] duplicate comparison set id 'set' (also in another file)",
        "1 problem(s)",
    ];
    check_duplicate_question: "duplicate-question" => [
        "PACK/faq.toml:17:1: [how] duplicate question id 'how'",
        "1 problem(s)",
    ];
    check_duplicate_item_group_attribute: "duplicate-item-group-attribute" => [
        "PACK/compare/set.toml:10:1: [alpha] duplicate item id 'alpha'",
        "PACK/compare/set.toml:18:1: [works] duplicate group id 'works'",
        "PACK/compare/set.toml:27:1: [speed] duplicate attribute id 'speed'",
        "3 problem(s)",
    ];
    check_impossible_date: "bad-date" => [
        "PACK/topics/b.toml:1:1: [b] date '2026-02-30' is not YYYY-MM-DD",
        "1 problem(s)",
    ];
    check_bad_date_in_meta: "bad-date-meta" => [
        "PACK/meta.toml:2:1: [reviewed] date '15/01/2026' is not YYYY-MM-DD",
        "1 problem(s)",
    ];
    check_category_lists_unknown_topic: "category-unknown-topic" => [
        "PACK/categories.toml:4:21: [zzz] category 'basics' lists unknown topic 'zzz'",
        "1 problem(s)",
    ];
    check_topic_in_two_categories: "topic-in-two-categories" => [
        "PACK/categories.toml:9:11: [b] topic 'b' is listed in 'basics' and 'more'",
        "1 problem(s)",
    ];
    check_topic_id_format: "topic-id-format" => [
        "PACK/topics/B.toml:1:1: [B] topic id 'B' must be lowercase letters, digits and '-'",
        "PACK/topics/a.toml:1:1: [a] links to unknown topic 'b'",
        "2 problem(s)",
    ];
    check_topic_id_not_the_file_name: "topic-id-file-name" => [
        "PACK/topics/bee.toml:1:1: [b] topic id 'b' does not match its file name 'bee'",
        "1 problem(s)",
    ];
    check_topic_not_listed: "topic-not-listed" => [
        "PACK/topics/c.toml:1:1: [c] topic 'c' is not listed in any category in categories.toml",
        "1 problem(s)",
    ];
    check_topic_without_sections: "topic-without-sections" => [
        "PACK/topics/a.toml:1:1: [a] links to unknown section 'risks' of topic 'b'",
        "PACK/topics/b.toml:1:1: [b] topic has no sections",
        "2 problem(s)",
    ];
    check_set_with_one_item: "set-with-one-item" => [
        "PACK/compare/set.toml:1:1: [set] a comparison set needs at least 2 items",
        "1 problem(s)",
    ];
    check_item_with_unknown_topic: "item-unknown-topic" => [
        "PACK/compare/set.toml:6:1: [alpha] item links to unknown topic 'nope'",
        "1 problem(s)",
    ];
    check_attribute_in_unknown_group: "attribute-unknown-group" => [
        "PACK/compare/set.toml:18:1: [speed] attribute is in unknown group 'nope'",
        "1 problem(s)",
    ];
    check_cell_for_unknown_item: "cell-unknown-item" => [
        "PACK/compare/set.toml:22:1: [gamma/speed] cell gamma/speed is for unknown item 'gamma'",
        "1 problem(s)",
    ];
    check_cell_for_unknown_attribute: "cell-unknown-attribute" => [
        "PACK/compare/set.toml:22:1: [alpha/cost] cell alpha/cost is for unknown attribute 'cost'",
        "1 problem(s)",
    ];
    check_cell_given_twice: "cell-given-twice" => [
        "PACK/compare/set.toml:28:1: [alpha/speed] cell alpha/speed is given twice",
        "1 problem(s)",
    ];
    check_faq_root_undefined: "faq-root-undefined" => [
        "PACK/faq.toml:1:8: [begin] root question 'begin' is not defined",
        "1 problem(s)",
    ];
    check_faq_more_names_unknown_topic: "faq-more-unknown-topic" => [
        "PACK/faq.toml:10:1: [how] 'more' names unknown topic 'nope'",
        "1 problem(s)",
    ];
    check_faq_follow_up_undefined: "faq-follow-undefined" => [
        "PACK/faq.toml:4:1: [start] follow-up 'nope' is not defined",
        "1 problem(s)",
    ];
    check_faq_follow_up_is_the_root: "faq-follow-root" => [
        "PACK/faq.toml:10:1: [how] follow-up 'start' is the root: that makes a cycle",
        "1 problem(s)",
    ];
    check_faq_two_parents: "faq-two-parents" => [
        "PACK/faq.toml:16:1: [why] question 'why' is a follow-up of both 'start' and 'how'",
        "1 problem(s)",
    ];
    check_faq_unreachable: "faq-unreachable" => [
        "PACK/faq.toml:15:1: [orphan] question 'orphan' cannot be reached from the root 'start'",
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
