//! Line mode (`moodguide --line`): a script of typed lines in, the transcript checked out.
#![allow(clippy::unwrap_used)]

use crate::common::{catalog, index};

/// The transcript of a session that types `lines`, at `width` columns.
fn session(lines: &[&str], width: usize) -> String {
    let script = lines.join("\n") + "\n";
    let mut out = Vec::new();
    moodguide::line::run(catalog(), index(), width, &mut script.as_bytes(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn a_reader_walks_from_home_to_a_comparison_a_question_and_a_search_hit_and_back() {
    let t = session(
        &[
            "2",
            "1",
            "2",
            "b",
            "h",
            "3",
            "1",
            "b",
            "h",
            "can i drink on zoloft",
            "1",
            "q",
        ],
        78,
    );
    let c = catalog();
    // Home, with numbered entries and the crisis line.
    assert!(t.contains("1. Topics: "), "{t}");
    // Compare → the first set → its second item, as a list of rows.
    let set = &c.sets[0];
    assert!(t.contains(&format!("1. {}", set.title)), "{t}");
    let second = &set.items[1].name;
    assert!(t.contains(&format!("- {}", set.attributes[0].label)), "{t}");
    assert!(
        t.lines().any(|l| l.starts_with(second.as_str())),
        "{second} shown:\n{t}"
    );
    // Questions → the first follow-up of the root, with its answer.
    let first = c.node_index(c.faq.nodes[0].follow[0].as_str()).unwrap();
    assert!(t.contains(&c.faq.nodes[first].question), "{t}");
    // A search in the reader's words, and its first hit opened.
    assert!(
        t.contains("1. Question: Can I drink alcohol on an SSRI?"),
        "{t}"
    );
    // The crisis line after every answer; nothing but plain text.
    assert!(t.matches(&c.meta.crisis).count() >= 5, "{t}");
    assert!(!t.contains('\u{1b}'), "no escape sequences");
    assert!(
        t.lines().all(|l| l.chars().count() <= 78),
        "wrapped to 78 columns"
    );
}

#[test]
fn a_crisis_phrasing_puts_help_first_and_unknown_numbers_are_explained() {
    let t = session(&["kill myself", "99", "1"], 80);
    assert!(t.contains("1. Help: Get help now"), "{t}");
    assert!(t.contains("There is no choice 99 here."), "{t}");
    assert!(t.contains("988"), "{t}");
}

#[test]
fn width_zero_leaves_lines_whole_and_help_explains_the_keys() {
    let t = session(&["?", "b"], 0);
    let help = &catalog().ui.line_help;
    assert!(t.lines().any(|l| l == help), "the help on one line:\n{t}");
    // The end of the input ends the session quietly.
    assert!(
        t.trim_end().ends_with(catalog().ui.line_prompt.as_str()),
        "{t}"
    );
}
