//! The summary model on the bundled pack: picks kept as ids, built in either language, the rows a
//! concern marks, and text and Markdown listing the same lines.

use super::*;
use crate::bundle::{Lang, load_in};
use crate::content::{ConcernId, NodeId, ReadyId, TopicId};

fn catalog(lang: Lang) -> Catalog {
    load_in(lang).expect("the bundled pack loads").0
}

fn picks() -> Picks {
    Picks {
        matters: vec![ConcernId("sexual".into()), ConcernId("cost".into())],
        questions: vec![
            Subject::Ready(ReadyId("insurance".into())),
            Subject::parse("compare:ssris/sertraline/sexual").unwrap(),
            Subject::Question(NodeId("is-ketamine-right".into())),
        ],
        read: vec![Subject::Topic {
            topic: TopicId("ssri-side-effects".into()),
            section: None,
        }],
    }
}

#[test]
fn the_summary_lists_what_was_chosen_in_the_packs_words() {
    let c = catalog(Lang::En);
    let s = build(&c, &picks());
    assert_eq!(s.lang, "en");
    assert_eq!(s.crisis, c.meta.crisis);
    let items: Vec<&[String]> = s.sections.iter().map(|x| x.items.as_slice()).collect();
    assert_eq!(
        items,
        [
            &[
                "Sexual side effects".to_string(),
                "Cost and insurance".into()
            ][..],
            &[
                "Will my insurance pay? Do we need prior authorization?".to_string(),
                "Ask about: Sertraline › Sexual side effects".into(),
                "Ask about: Is ketamine right for me?".into(),
            ][..],
            &["SSRI side effects".to_string()][..],
        ]
    );
    assert_eq!(s.empty, None);
}

#[test]
fn the_same_picks_read_in_spanish() {
    let c = catalog(Lang::Es);
    let s = build(&c, &picks());
    assert_eq!(s.lang, "es");
    assert_eq!(s.title, c.ui.summary_title);
    assert_eq!(s.sections[0].items[0], "Efectos en la vida sexual");
    assert!(
        s.sections[1].items[1].starts_with("Preguntar sobre: Sertralina"),
        "{:?}",
        s.sections[1].items
    );
}

#[test]
fn an_empty_visit_says_nothing_is_chosen() {
    let c = catalog(Lang::En);
    let s = build(&c, &Picks::default());
    assert!(s.sections.is_empty());
    assert_eq!(s.empty.as_deref(), Some(c.ui.summary_empty.as_str()));
    let text = to_text(&s, 0);
    assert!(text.contains(&c.ui.summary_empty) && text.contains(&c.meta.crisis));
}

#[test]
fn text_and_markdown_list_the_same_lines_in_the_same_order() {
    let c = catalog(Lang::En);
    let s = build(&c, &picks());
    let text = to_text(&s, 0);
    let md = to_markdown(&s);
    let listed = |doc: &str| -> Vec<String> {
        doc.lines()
            .filter_map(|l| l.strip_prefix("- "))
            .map(|l| l.replace('\\', ""))
            .collect()
    };
    let all: Vec<String> = s.sections.iter().flat_map(|x| x.items.clone()).collect();
    assert_eq!(listed(&text), all);
    assert_eq!(listed(&md), all);
    assert!(md.starts_with(&format!("# {}\n", s.title)));
    assert!(md.ends_with(&format!("**{}**\n", s.crisis)));
}

#[test]
fn wrapped_text_keeps_every_word_and_fits_the_width() {
    let c = catalog(Lang::En);
    let s = build(&c, &picks());
    let narrow = to_text(&s, 30);
    assert!(
        narrow
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 30)
    );
    let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    assert_eq!(words(&narrow), words(&to_text(&s, 0)));
}

#[test]
fn picks_keep_their_order_and_no_question_twice() {
    let mut p = picks();
    assert!(!p.add_question(Subject::Ready(ReadyId("insurance".into()))));
    p.move_question(2, true);
    assert_eq!(
        p.questions[1],
        Subject::Question(NodeId("is-ketamine-right".into()))
    );
    p.move_question(0, true);
    p.move_question(2, false);
    p.remove_question(0);
    p.remove_question(9);
    assert_eq!(p.questions.len(), 2);
    assert!(!p.toggle_matter(&ConcernId("cost".into())));
    assert_eq!(p.matters, [ConcernId("sexual".into())]);
    p.note_read(p.read[0].clone());
    assert_eq!(p.read.len(), 1);
}

#[test]
fn a_concern_marks_the_rows_it_covers() {
    let c = catalog(Lang::En);
    let ssris = c.set_index("ssris").unwrap();
    let marked = marked_rows(&c, ssris, &[ConcernId("sexual".into())]);
    let rows: Vec<&str> = c.sets[ssris]
        .attributes
        .iter()
        .zip(&marked)
        .filter(|(_, m)| **m)
        .map(|(a, _)| a.id.as_str())
        .collect();
    assert_eq!(rows, ["sexual"]);
    // A concern that covers a whole group marks all of its rows.
    let treatments = c.set_index("treatments").unwrap();
    let cost = marked_rows(&c, treatments, &[ConcernId("cost".into())]);
    let set = &c.sets[treatments];
    for (a, m) in set.attributes.iter().zip(cost) {
        assert_eq!(m, a.group.as_str() == "cost", "{}", a.id);
    }
}

#[test]
fn every_subject_of_a_search_hit_has_a_title_and_an_address() {
    let (c, index) = load_in(Lang::En).unwrap();
    for q in ["sertraline", "remission", "ketamine cost", "stopping"] {
        for hit in index.query(&c, q, 20).hits {
            let s = Subject::from_target(&c, hit.target);
            assert!(s.title(&c).is_some(), "{s}");
            assert_eq!(Subject::parse(&s.to_string()), Some(s));
        }
    }
}
