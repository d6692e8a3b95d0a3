//! Search on a small pack: ranking, partial matches, stems, thesaurus, crisis phrasings, spelling
//! help, comparison cells, ways of asking, snippets and highlights.

use super::*;
use crate::content::{PackFile, load};

const LONG: &str = "Most people sit in a quiet room while a nurse watches their blood pressure and \
    breathing for the whole visit, and then someone else drives them home afterwards.";

fn file(path: &str, text: &str) -> PackFile {
    PackFile {
        path: path.into(),
        text: text.into(),
    }
}

/// A tiny valid pack: two topics, two comparison sets with a few cells, two questions, two glossary
/// terms, and search words.
fn catalog() -> Catalog {
    // The real labels, so the fixture never falls behind a new label.
    let ui = include_str!("../../../../assets/ui.toml");
    let ketamine = format!(
        "id = \"ketamine\"\ntitle = \"Ketamine — what it is\"\nreviewed = \"2026-01-01\"\n\
         summary = \"Ketamine is an anesthetic that can ease depression quickly. A clinic gives it through a vein.\"\n\
         [[section]]\nid = \"how\"\nheading = \"How it is given\"\nbody = \"{LONG}\"\n\
         [[section]]\nid = \"nasal\"\nheading = \"Esketamine nasal spray\"\n\
         body = \"Esketamine is a nasal spray. You use it at a certified clinic. Some people feel detached for a while.\"\n\
         [[section]]\nid = \"help\"\nheading = \"Getting help now\"\n\
         body = \"Call or text 988 any time.\"\nsources = [\"S1\"]\n"
    );
    let ssris = "id = \"ssris\"\ntitle = \"SSRIs for depression\"\nreviewed = \"2026-01-01\"\n\
         summary = \"SSRIs are the most used medicines for depression. Sertraline and escitalopram are common.\"\n\
         [[section]]\nid = \"side-effects\"\nheading = \"Side effects\"\n\
         body = \"Most side effects are mild and fade.\\n\\nRarely, too much serotonin causes serotonin syndrome. Get help fast if you feel very hot.\"\n\
         [[section]]\nid = \"alcohol\"\nheading = \"Alcohol and SSRIs\"\n\
         body = \"Alcohol can make depression worse and add to drowsiness.\"\n\
         [[section]]\nid = \"choosing\"\nheading = \"Choosing a medicine\"\n\
         body = \"Fluoxetine lasts a long time in the body. People who tried one often try another. If it does not help, your prescriber may:\\n\\n- change the dose\\n- switch to another medicine\\n- add talk therapy\"\n\
         [[section]]\nid = \"seizure\"\nheading = \"Rare risks\"\nbody = \"A seizure is rare.\"\n";
    let set = |id: &str, items: &str| {
        format!(
            "id = \"{id}\"\ntitle = \"Compare {id}\"\nintro = \"Side by side.\"\n{items}\n\
             [[group]]\nid = \"safety\"\ntitle = \"Safety\"\n\
             [[attribute]]\nid = \"interactions\"\ngroup = \"safety\"\nlabel = \"Drug interactions\"\n\
             [[attribute]]\nid = \"dose\"\ngroup = \"safety\"\nlabel = \"Dose range\"\nstaff = true\n"
        )
    };
    let ssri_items = "[[item]]\nid = \"sertraline\"\nname = \"Sertraline\"\nbrands = [\"Zoloft\"]\ntopic = \"ssris\"\n\
         [[item]]\nid = \"escitalopram\"\nname = \"Escitalopram\"\nbrands = [\"Lexapro\", \"Cipralex\"]\ntopic = \"ssris\"\n\
         [[item]]\nid = \"fluoxetine\"\nname = \"Fluoxetine\"\nbrands = [\"Prozac\"]\ntopic = \"ssris\"\n\
         [[cell]]\nitem = \"sertraline\"\nattribute = \"interactions\"\n\
         text = \"Taking it with NSAIDs raises the risk of bleeding.\"\nlevel = \"bleeding risk\"\n\
         sources = [\"S1\"]\n\
         [[cell]]\nitem = \"sertraline\"\nattribute = \"dose\"\ntext = \"Staff only: warfarin chart.\"\nsources = [\"S1\"]\n";
    let treatment_items = "[[item]]\nid = \"ketamine\"\nname = \"IV ketamine\"\ntopic = \"ketamine\"\n\
         [[item]]\nid = \"esketamine\"\nname = \"Esketamine\"\nbrands = [\"Spravato\"]\ntopic = \"ketamine\"\n";
    let search = "stop_words = [\"can\", \"i\", \"on\", \"the\", \"with\", \"de\", \"what\"]\n\
         crisis_topic = \"ketamine\"\ncrisis = [\"kill myself\", \"hurt myself\", \"suicide\", \"quiero morir\"]\n\
         [[synonym]]\ntyped = [\"drink\", \"beer\", \"cerveza\"]\nmeans = [\"alcohol\"]\n\
         [[synonym]]\ntyped = [\"ibuprofen\", \"advil\"]\nmeans = [\"NSAIDs\"]\n\
         [[synonym]]\ntyped = [\"high\", \"trip\"]\nmeans = [\"detached\"]\n";
    let files = vec![
        file(
            "meta.toml",
            "content_version = \"0.1.0\"\nreviewed = \"2026-01-01\"\ntitle = \"moodguide\"\n\
             tagline = \"Facts.\"\ndisclaimer = \"Not advice.\"\ncrisis = \"Call or text 988.\"\n\
             crisis_sources = [\"S1\"]\n",
        ),
        file("ui.toml", ui),
        file(
            "sources.toml",
            "[[source]]\nid = \"S1\"\nshort = \"S\"\ntitle = \"Source\"\npublisher = \"P\"\nkind = \"label\"\n",
        ),
        file(
            "glossary.toml",
            "[[term]]\nid = \"ssri\"\nterm = \"SSRI\"\naliases = [\"selective serotonin reuptake inhibitor\"]\n\
             definition = \"A group of medicines for depression.\"\n\
             [[term]]\nid = \"serotonin-syndrome\"\nterm = \"Serotonin syndrome\"\n\
             definition = \"A rare but serious reaction to too much serotonin.\"\n",
        ),
        file(
            "categories.toml",
            "[[category]]\nid = \"all\"\ntitle = \"All\"\ntopics = [\"ssris\", \"ketamine\"]\n",
        ),
        file(
            "faq.toml",
            "root = \"start\"\n[[node]]\nid = \"start\"\nquestion = \"Where should I start?\"\n\
             answer = \"Read about SSRIs first.\"\nfollow = [\"fast\"]\n\
             [[node]]\nid = \"fast\"\nquestion = \"Is there a fast option?\"\n\
             answer = \"Ketamine and esketamine can work within hours for some people.\"\n\
             asked_as = [\"quickest treatment\"]\n",
        ),
        file("search.toml", search),
        file("topics/ssris.toml", ssris),
        file("topics/ketamine.toml", &ketamine),
        file("compare/ssris.toml", &set("ssris", ssri_items)),
        file(
            "compare/treatments.toml",
            &set("treatments", treatment_items),
        ),
    ];
    match load(&files) {
        Ok(c) => c,
        Err(e) => panic!("fixture does not load: {e:?}"),
    }
}

fn index() -> (Catalog, SearchIndex) {
    let c = catalog();
    let ix = SearchIndex::build(&c).with_ordinary(Ordinary::from_list("beer\ntired\nforget\n"));
    (c, ix)
}

fn item(c: &Catalog, set: &str, item: &str) -> Target {
    let s = c.set_index(set).expect("set");
    let i = (c.sets[s].items.iter())
        .position(|x| x.id.as_str() == item)
        .expect("item");
    Target::Item { set: s, item: i }
}

fn topic(c: &Catalog, id: &str, section: Option<&str>) -> Target {
    let t = c.topic_index(id).expect("topic");
    let section = section.map(|s| {
        (c.topics[t].sections.iter())
            .position(|x| x.id.as_str() == s)
            .expect("section")
    });
    Target::Topic { topic: t, section }
}

fn first(c: &Catalog, ix: &SearchIndex, q: &str) -> Hit {
    (ix.query(c, q, 10).hits.into_iter().next()).unwrap_or_else(|| panic!("no hit for {q:?}"))
}

fn targets(c: &Catalog, ix: &SearchIndex, q: &str) -> Vec<Target> {
    ix.query(c, q, 10).hits.iter().map(|h| h.target).collect()
}

fn picked(text: &str, ix: &[usize]) -> String {
    let chars: Vec<char> = text.chars().collect();
    ix.iter().map(|&i| chars[i]).collect()
}

#[test]
fn titles_rank_above_body_text() {
    let (c, ix) = index();
    assert_eq!(first(&c, &ix, "serotonin syndrome").kind, Kind::Term);
    assert_eq!(
        first(&c, &ix, "side effects").target,
        topic(&c, "ssris", Some("side-effects"))
    );
}

#[test]
fn a_brand_finds_its_medicine_and_a_medicine_its_brand() {
    let (c, ix) = index();
    let t = targets(&c, &ix, "zoloft");
    assert_eq!(t[0], item(&c, "ssris", "sertraline"));
    assert!(t.contains(&topic(&c, "ssris", None)), "{t:?}");
    // The topic never says "Spravato"; the item's brand list leads to the esketamine text.
    let t = targets(&c, &ix, "spravato nasal spray");
    assert!(
        t[..3].contains(&topic(&c, "ketamine", Some("nasal"))),
        "{t:?}"
    );
}

#[test]
fn one_unknown_word_never_empties_the_results() {
    let (c, ix) = index();
    let r = ix.query(&c, "can i take sertraline with grapefruit juice", 10);
    assert!(!r.close);
    assert!(
        r.hits
            .iter()
            .any(|h| h.target == item(&c, "ssris", "sertraline"))
    );
    assert!(
        ix.query(&c, "qwxz vbnm", 10).hits.is_empty(),
        "nothing matches nothing"
    );
    assert!(ix.query(&c, "", 10).hits.is_empty() && ix.query(&c, "   ", 10).hits.is_empty());
    assert_eq!(ix.query(&c, "depression", 2).hits.len(), 2, "limit");
}

#[test]
fn word_forms_meet_by_stem() {
    let (c, ix) = index();
    assert_eq!(
        first(&c, &ix, "seizures").target,
        topic(&c, "ssris", Some("seizure"))
    );
    let hit = first(&c, &ix, "interacting drugs");
    assert_eq!(hit.kind, Kind::Cell);
}

#[test]
fn everyday_words_and_spanish_find_the_packs_words() {
    let (c, ix) = index();
    let alcohol = topic(&c, "ssris", Some("alcohol"));
    for q in ["can i drink on zoloft", "beer", "cerveza"] {
        let t = targets(&c, &ix, q);
        assert!(t.iter().take(2).any(|x| *x == alcohol), "{q}: {t:?}");
    }
    let r = ix.query(&c, "will ketamine make me high", 5);
    assert_eq!(r.hits[0].target, topic(&c, "ketamine", Some("nasal")));
}

#[test]
fn crisis_phrasings_put_help_first_and_are_never_rewritten() {
    let (c, ix) = index();
    for q in [
        "kill myself",
        "i want to hurt myself",
        "Quiero morir",
        "suicide",
    ] {
        let r = ix.query(&c, q, 5);
        assert!(r.crisis, "{q}");
        assert!(!r.close, "{q} was rewritten into {}", r.used_query);
        assert_eq!(r.hits[0].kind, Kind::Help, "{q}");
        assert_eq!(r.hits[0].title, c.ui.help_result);
        assert_eq!(r.hits[0].snippet, "Call or text 988.");
        assert_eq!(r.hits[0].target, topic(&c, "ketamine", None));
        // The help topic is not listed a second time.
        assert!(!r.hits[1..].iter().any(|h| h.target == r.hits[0].target));
    }
    assert!(!ix.query(&c, "will itself", 5).crisis);
}

#[test]
fn spelling_help_corrects_slips_but_not_ordinary_words() {
    let (c, ix) = index();
    let r = ix.query(&c, "zolft", 5);
    assert!(r.close && r.used_query == "zoloft", "{r:?}");
    assert_eq!(r.hits[0].kind, Kind::Item);
    // "tired" is an ordinary word: never turned into "tried", which the pack holds.
    let r = ix.query(&c, "tired ", 5);
    assert!(!r.close && r.hits.is_empty(), "{r:?}");
    // Without the list of ordinary words it would have been.
    let bare = SearchIndex::build(&catalog());
    assert!(bare.query(&c, "tired ", 5).close);
    // Words of three letters or fewer are never corrected.
    assert!(!ix.query(&c, "zzz", 5).close);
}

#[test]
fn the_word_being_typed_is_completed() {
    let (c, ix) = index();
    assert_eq!(
        first(&c, &ix, "sert").target,
        item(&c, "ssris", "sertraline")
    );
    // Once a space ends it, it is a whole word.
    assert!(ix.query(&c, "sert ", 5).hits.is_empty() || ix.query(&c, "sert ", 5).close);
}

#[test]
fn comparison_cells_are_searched_but_not_staff_rows() {
    let (c, ix) = index();
    let hit = first(&c, &ix, "ibuprofen");
    let s = c.set_index("ssris").expect("set");
    assert_eq!(
        hit.target,
        Target::Cell {
            set: s,
            item: 0,
            attribute: 0
        }
    );
    assert_eq!(hit.title, "Sertraline › Drug interactions");
    assert_eq!(picked(&hit.snippet, &hit.snippet_matches), "NSAIDs");
    assert!(
        ix.query(&c, "warfarin chart", 5).hits.is_empty(),
        "a staff row leaked"
    );
}

#[test]
fn ways_of_asking_are_searched_never_shown() {
    let (c, ix) = index();
    let hit = first(&c, &ix, "quickest treatment");
    assert_eq!(
        hit.target,
        Target::Node(c.node_index("fast").expect("node"))
    );
    assert!(!hit.snippet.contains("quickest"), "{}", hit.snippet);
}

#[test]
fn snippets_join_list_items_and_light_every_form() {
    let (c, ix) = index();
    let hit = first(&c, &ix, "switch medicine");
    assert!(
        hit.snippet
            .contains("change the dose · switch to another medicine"),
        "{}",
        hit.snippet
    );
    let hit = first(&c, &ix, "seizures");
    assert_eq!(picked(&hit.snippet, &hit.snippet_matches), "seizure");
    assert_eq!(picked(&hit.title, &hit.title_matches), "");
}

#[test]
fn match_positions_are_characters_not_bytes() {
    let (c, ix) = index();
    let hit = first(&c, &ix, "what is ketamine");
    // "Ketamine — what it is": the dash is one character of three bytes, so "is" (not a stop word
    // in this pack) is lit on the right characters only if positions count characters.
    assert_eq!(picked(&hit.title, &hit.title_matches), "Ketamineis");
    assert!(hit.snippet.chars().count() <= text::SNIPPET_CHARS);
}

#[test]
fn a_frozen_index_thaws_to_the_same_answers() {
    let (c, ix) = index();
    let bytes = ix.freeze().expect("freeze");
    let thawed = SearchIndex::thaw(&bytes).expect("thaw");
    for q in ["zoloft", "kill myself", "beer", "ibuprofen"] {
        assert_eq!(ix.query(&c, q, 5).hits, thawed.query(&c, q, 5).hits, "{q}");
    }
}
