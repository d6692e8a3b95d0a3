//! The bundled content loads with zero problems, is complete enough for the guide, and the copy
//! frozen into the binary at build time is exactly what loading `assets/` gives.

use std::path::Path;

use moodguide::content;
use moodguide::search::SearchIndex;

fn assets() -> Result<content::Catalog, Vec<content::ContentError>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    content::dir_files(&dir).and_then(|files| content::load(&files))
}

#[test]
fn the_frozen_bundle_is_the_pack_in_assets() {
    let (frozen, frozen_index) = moodguide::bundle::load().expect("the bundle thaws");
    let parsed = assets().expect("assets/ loads");
    // Debug output covers every field, including the parsed documents and the topics' categories;
    // the id lookups at its end are hash maps, whose order differs run to run, so they are
    // compared by asking them.
    let content = |c: &content::Catalog| {
        let all = format!("{c:#?}");
        all[..all.find("\n    index: Index {").expect("an index")].to_string()
    };
    // The bundle leaves out each text's Markdown source: the app reads the parsed documents.
    assert_eq!(
        content(&frozen),
        content(&moodguide::frozen::as_bundled(&parsed))
    );
    assert!(frozen.topics.iter().all(|t| t.summary.is_empty()));
    for (i, t) in parsed.topics.iter().enumerate() {
        assert_eq!(frozen.topic_index(t.id.as_str()), Some(i));
    }
    for (i, t) in parsed.glossary.iter().enumerate() {
        assert_eq!(frozen.term_index(t.id.as_str()), Some(i));
    }
    for (i, n) in parsed.faq.nodes.iter().enumerate() {
        assert_eq!(frozen.node_index(n.id.as_str()), Some(i));
    }
    for (i, s) in parsed.sets.iter().enumerate() {
        assert_eq!(frozen.set_index(s.id.as_str()), Some(i));
    }
    for s in &parsed.sources {
        assert_eq!(frozen.source(&s.id).map(|f| &f.title), Some(&s.title));
    }
    let index = moodguide::bundle::index_for(&parsed);
    for q in [
        "sertraline",
        "side effects",
        "zolft",
        "ketamine cost",
        "988",
        "x",
    ] {
        let (a, b) = (
            frozen_index.query(&frozen, q, 40),
            index.query(&parsed, q, 40),
        );
        assert_eq!(format!("{a:?}"), format!("{b:?}"), "search {q:?}");
    }
    assert!(frozen.topics.iter().any(|t| t.category > 0));
    assert!(
        frozen
            .topics
            .iter()
            .all(|t| !t.summary_doc.blocks.is_empty())
    );
}

#[test]
fn a_damaged_bundle_is_refused_with_a_message() {
    let (c, i) = moodguide::bundle::load().expect("the bundle thaws");
    let bytes = moodguide::frozen::freeze(&c).expect("freezes");
    for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
        let err = moodguide::frozen::thaw(&bytes[..cut]).expect_err("a cut bundle is refused");
        assert_eq!(err.part, "content");
        assert!(
            err.to_string()
                .starts_with("the bundled content is damaged: "),
            "{err}"
        );
    }
    let err = moodguide::frozen::thaw(&[]).expect_err("no bytes");
    assert_eq!(err.why, moodguide::squeeze::Why::Cut);
    let bytes = i.freeze().expect("freezes");
    SearchIndex::thaw(&bytes).expect("the whole index thaws");
    for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
        let err = SearchIndex::thaw(&bytes[..cut]).expect_err("a cut index is refused");
        assert_eq!(err.part, "search index");
        assert!(
            err.to_string()
                .starts_with("the bundled search index is damaged: "),
            "{err}"
        );
    }
}

#[test]
fn bundled_content_validates_with_no_problems() {
    match assets() {
        Ok(c) => {
            assert!(c.topics.len() >= 6);
            assert!(c.faq.nodes.len() >= 15);
            assert_eq!(c.sets.len(), 2);
        }
        Err(errors) => {
            let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("{} problems:\n{}", list.len(), list.join("\n"));
        }
    }
}
