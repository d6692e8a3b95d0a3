//! Key sequences through the key table and `update`, checked against the app state a user would see.
#![allow(clippy::unwrap_used)]

use crate::common;

use crate::common::{app, catalog, press};
use moodguide::app::{CompareFocus, Control, Focus, Overlay, Screen};

fn topic_id(a: &moodguide::app::App<'_>) -> Option<&'static str> {
    a.topics.open.map(|t| catalog().topics[t].id.as_str())
}

#[test]
fn arrows_and_enter_open_the_second_topic() {
    let mut a = app(100, 30);
    press(&mut a, "<enter>");
    assert_eq!(a.screen, Screen::Topics);
    press(&mut a, "<down> <enter>");
    assert_eq!(topic_id(&a), Some("how-common"));
    assert_eq!(a.topics.focus, Focus::Reader);
}

#[test]
fn digits_open_menu_entries() {
    for (digit, screen) in [
        ("2", Screen::Compare),
        ("3", Screen::Questions),
        ("1", Screen::Topics),
    ] {
        let mut a = app(100, 30);
        press(&mut a, digit);
        assert_eq!(a.screen, screen);
    }
    let mut a = app(100, 30);
    press(&mut a, "4");
    assert!(a.search.is_some());
    let mut a = app(100, 30);
    press(&mut a, "5");
    assert_eq!(a.screen, Screen::MyList);
    let mut a = app(100, 30);
    press(&mut a, "6");
    assert_eq!(a.overlay, Some(Overlay::Help { scroll: 0 }));
}

#[test]
fn reader_scrolls_and_clamps_at_the_end() {
    let mut a = app(100, 30);
    press(&mut a, "1 <enter>");
    press(&mut a, "<down> <down> <down>");
    assert_eq!(a.topics.scroll, 3);
    press(&mut a, "<end>");
    let end = a.topics.scroll;
    press(&mut a, "<down> <pgdn> <down>");
    assert_eq!(a.topics.scroll, end, "scrolling past the end is clamped");
    press(&mut a, "<home>");
    assert_eq!(a.topics.scroll, 0);
}

#[test]
fn tab_and_enter_follow_a_link_and_esc_comes_back() {
    let mut a = app(100, 30);
    // "Treatment-resistant depression" has glossary and topic links.
    press(&mut a, "1 <down> <down> <enter>");
    assert_eq!(topic_id(&a), Some("treatment-resistant-depression"));
    press(&mut a, "<tab>");
    assert_eq!(a.topics.link, Some(0));
    press(&mut a, "<enter>");
    assert!(
        matches!(a.overlay, Some(Overlay::Glossary { .. }))
            || topic_id(&a) != Some("treatment-resistant-depression"),
        "following the first link opens a glossary entry or another topic"
    );
    press(&mut a, "<esc>");
    assert_eq!(topic_id(&a), Some("treatment-resistant-depression"));
    assert_eq!(a.overlay, None);
}

#[test]
fn following_a_topic_link_pushes_history_and_back_returns_with_scroll() {
    let mut a = app(100, 30);
    press(&mut a, "1 <down> <down> <enter> <down> <down>");
    let link = (0..40).find_map(|_| {
        press(&mut a, "<tab>");
        let page = moodguide::app::topics::page(&a);
        let l = a.topics.link?;
        matches!(page.links[l].0, moodguide::markup::LinkTarget::Topic { .. }).then_some(l)
    });
    assert!(link.is_some(), "the TRD topic links to another topic");
    let scroll = a.topics.scroll;
    press(&mut a, "<enter>");
    assert_ne!(topic_id(&a), Some("treatment-resistant-depression"));
    assert_eq!(a.history().len(), 1);
    press(&mut a, "<bs>");
    assert_eq!(topic_id(&a), Some("treatment-resistant-depression"));
    assert_eq!(a.topics.scroll, scroll);
}

#[test]
fn esc_always_leads_home() {
    let mut a = app(100, 30);
    press(&mut a, "1 <enter> <tab> <enter> 2 3 <enter> n n / abc");
    for _ in 0..80 {
        press(&mut a, "<esc>");
    }
    assert_eq!(a.screen, Screen::Home);
    assert!(a.search.is_none() && a.overlay.is_none());
}

#[test]
fn compare_toggles_items_but_keeps_two_and_switches_sets() {
    let mut a = app(120, 40);
    press(&mut a, "2");
    assert_eq!(a.compare.focus, CompareFocus::Table);
    let chosen = |a: &moodguide::app::App<'_>| {
        a.compare.chosen[a.compare.set]
            .iter()
            .filter(|c| **c)
            .count()
    };
    assert_eq!(chosen(&a), 6, "all items are chosen by default");
    for _ in 0..6 {
        press(&mut a, "<space>");
    }
    assert_eq!(chosen(&a), 2, "the last two cannot be hidden");
    assert!(a.compare.need_two);
    press(&mut a, "<tab>");
    assert_eq!(catalog().sets[a.compare.set].id.as_str(), "treatments");
    assert_eq!(chosen(&a), 6);
    press(&mut a, "d");
    assert!(a.compare.differences);
}

#[test]
fn compare_picker_is_reachable_with_arrows_and_enter_shows_a_cell() {
    let mut a = app(120, 40);
    press(&mut a, "2 <up>");
    assert_eq!(a.compare.focus, CompareFocus::Picker);
    press(&mut a, "<right> <enter>");
    assert_eq!(catalog().sets[a.compare.set].id.as_str(), "treatments");
    // ↓ walks the controls line by line (the set tabs, the item choices, the differences
    // switch), then enters the table; ↑ walks back.
    press(&mut a, "<down>");
    assert_eq!(a.compare.focus, CompareFocus::Picker);
    let item_line = a.compare.control;
    assert!(
        matches!(
            moodguide::app::compare::controls(&a)[item_line],
            moodguide::app::compare::PickerControl::Item(_)
        ),
        "↓ from the set tabs should reach the item choices"
    );
    press(&mut a, "<enter>");
    assert!(
        !a.compare.chosen[a.compare.set][0],
        "Enter on an item choice hides that item"
    );
    press(&mut a, "<enter>");
    press(&mut a, "<up>");
    assert!(
        matches!(
            moodguide::app::compare::controls(&a)[a.compare.control],
            moodguide::app::compare::PickerControl::Set(_)
        ),
        "↑ goes back to the set tabs"
    );
    for _ in 0..10 {
        if a.compare.focus == CompareFocus::Table {
            break;
        }
        press(&mut a, "<down>");
    }
    assert_eq!(a.compare.focus, CompareFocus::Table);
    press(&mut a, "<down> <right> <enter>");
    assert_eq!(
        a.overlay,
        Some(Overlay::Cell {
            row: 1,
            col: 1,
            scroll: 0
        })
    );
    press(&mut a, "<esc>");
    assert_eq!(a.overlay, None);
}

#[test]
fn questions_choose_back_next_previous_and_breadcrumb() {
    let mut a = app(100, 30);
    press(&mut a, "3");
    let root = a.questions.walk.current().unwrap();
    press(&mut a, "<enter>");
    assert_eq!(a.questions.walk.path().len(), 2);
    press(&mut a, "<down> <enter>");
    assert_eq!(a.questions.walk.path().len(), 3);
    press(&mut a, "<esc>");
    assert_eq!(a.questions.walk.path().len(), 2);
    press(&mut a, "r");
    assert_eq!(a.questions.walk.current(), Some(root));
    let order = a.questions.order.clone();
    press(&mut a, "n n n");
    assert_eq!(a.questions.walk.current(), Some(order[3]));
    press(&mut a, "p");
    assert_eq!(a.questions.walk.current(), Some(order[2]));
    // Stepping with n alone reads every question.
    press(&mut a, "r");
    let mut seen = 1;
    while a.questions.walk.current() != order.last().copied() {
        press(&mut a, "n");
        seen += 1;
        assert!(seen <= order.len());
    }
    assert_eq!(seen, catalog().faq.nodes.len());
}

#[test]
fn search_types_opens_a_result_and_esc_returns() {
    let mut a = app(100, 30);
    press(&mut a, "2 / zolft");
    let s = a.search.as_ref().unwrap();
    assert_eq!(s.query, "zolft");
    assert!(
        s.results.hits[0].title.contains("Sertraline"),
        "{:?}",
        s.results.hits[0]
    );
    press(&mut a, "<esc>");
    assert!(a.search.is_none());
    assert_eq!(a.screen, Screen::Compare, "Esc returns where the user was");
    press(&mut a, "/ sertraline <enter>");
    assert!(a.search.is_none());
    assert_ne!(a.screen, Screen::Home);
    // q and digits are typed into the box, not obeyed.
    let mut a = app(100, 30);
    assert_eq!(press(&mut a, "/ q1"), Control::Continue);
    assert_eq!(a.search.as_ref().unwrap().query, "q1");
    press(&mut a, "<bs>");
    assert_eq!(a.search.as_ref().unwrap().query, "q");
}

#[test]
fn help_opens_over_any_screen_and_q_quits_only_outside_search() {
    let mut a = app(100, 30);
    press(&mut a, "1 ?");
    assert!(matches!(a.overlay, Some(Overlay::Help { .. })));
    assert_eq!(a.screen, Screen::Topics);
    press(&mut a, "q");
    assert_eq!(a.overlay, None, "q closes a popup first");
    assert_eq!(press(&mut a, "q"), Control::Quit);
}

#[test]
fn history_is_capped() {
    let mut a = app(100, 30);
    press(&mut a, "3");
    for _ in 0..200 {
        press(&mut a, "n");
    }
    assert!(a.history().len() <= moodguide::app::MAX_HISTORY);
}

fn kiosk_app(w: u16, h: u16) -> moodguide::app::App<'static> {
    moodguide::app::App::kiosk(
        common::catalog(),
        common::index(),
        (w, h),
        Some("Riverside Clinic"),
    )
}

#[test]
fn a_kiosk_reset_leaves_nothing_of_the_visit() {
    let fresh = kiosk_app(100, 30);
    let mut a = kiosk_app(100, 30);
    assert_eq!(a.screen, Screen::Welcome);
    press(&mut a, "x");
    assert_eq!(a.screen, Screen::Home, "any key starts a visit");
    press(&mut a, "1 <down> <down> <enter> <pgdn> <tab> <enter>");
    press(&mut a, "<esc> 2 <space> d <tab> <up> <right>");
    press(&mut a, "3 <enter> <down> <enter> n n / sertraline");
    moodguide::app::update(&mut a, moodguide::app::Action::IdleWarning(5));
    assert_ne!(a, fresh, "the visit changed the state");
    moodguide::app::update(&mut a, moodguide::app::Action::IdleReset);
    assert_eq!(
        a, fresh,
        "after a reset the app equals a freshly started kiosk"
    );
    assert!(a.search.is_none() && a.history().is_empty() && a.idle_warning.is_none());
}

#[test]
fn in_a_kiosk_every_key_on_the_welcome_screen_starts_a_visit() {
    for k in ["q", "<esc>", "<c-c>", "<c-z>", "<enter>", "9"] {
        let mut a = kiosk_app(80, 24);
        press(&mut a, k);
        assert_eq!(a.screen, Screen::Home, "{k}");
    }
}

#[test]
fn the_kiosk_policy_refuses_quit_from_any_key_storm() {
    use moodguide::keymap::{Key, lookup};
    let policy_allows = |a: &moodguide::app::Action| *a != moodguide::app::Action::Quit;
    let mut a = kiosk_app(80, 24);
    let keys = [
        Key::Char('q'),
        Key::Esc,
        Key::Ctrl('c'),
        Key::Ctrl('z'),
        Key::Ctrl('\\'),
        Key::Ctrl('d'),
    ];
    for _ in 0..50 {
        for k in keys {
            if let Some(action) = lookup(a.layer(), k) {
                let pol =
                    moodguide::kiosk::KioskConfig::from_toml("[staff]\npin = \"2468\"\n").unwrap();
                let policy = moodguide::kiosk::KioskPolicy::new(pol, std::time::Instant::now());
                assert_eq!(policy.permits(&action), policy_allows(&action));
                if policy.permits(&action) {
                    assert_eq!(moodguide::app::update(&mut a, action), Control::Continue);
                }
            }
        }
    }
}

/// Both bundled languages, for switching in place.
fn languages() -> &'static moodguide::app::languages::Languages {
    use moodguide::bundle::{Lang, load_in};
    static L: std::sync::OnceLock<moodguide::app::languages::Languages> =
        std::sync::OnceLock::new();
    L.get_or_init(|| {
        moodguide::app::languages::Languages::new(
            Lang::En,
            load_in(Lang::En).unwrap(),
            Box::new(|l| load_in(l).ok()),
        )
    })
}

#[test]
fn l_switches_the_whole_guide_in_place_and_back() {
    use moodguide::bundle::Lang;
    let langs = languages();
    let (c, ix) = langs.get(Lang::En).unwrap();
    let mut a = moodguide::app::App::new(c, ix, (80, 24)).with_languages(langs);
    // A topic, a section, scrolled.
    press(&mut a, "1 <down> <down> <enter> <pgdn>");
    let (open, row, scroll) = (a.topics.open, a.topics.row, a.topics.scroll);
    assert!(open.is_some());
    press(&mut a, "l");
    assert_eq!(a.lang, Lang::Es);
    assert_eq!(a.catalog.meta.lang, "es");
    assert_eq!(
        (a.topics.open, a.topics.row),
        (open, row),
        "the same topic, the same row"
    );
    assert!(
        a.topics.scroll <= scroll.max(1) * 2,
        "the scroll stays near where it was"
    );
    let t = open.unwrap();
    assert_eq!(a.catalog.topics[t].id, c.topics[t].id);
    assert_ne!(
        a.catalog.topics[t].title, c.topics[t].title,
        "the title is Spanish now"
    );
    press(&mut a, "l");
    assert_eq!((a.lang, a.topics.open), (Lang::En, open));
}

#[test]
fn a_switch_searches_the_query_again_in_the_other_language() {
    use moodguide::bundle::Lang;
    let langs = languages();
    let (c, ix) = langs.get(Lang::En).unwrap();
    let mut a = moodguide::app::App::new(c, ix, (80, 24)).with_languages(langs);
    press(&mut a, "/ s e r t r a l i n e <esc>");
    // Esc closed the box; open it again with the query kept? It does not keep it: type again.
    press(&mut a, "/ s e r t r a l i n e");
    let before = a.search.as_ref().unwrap().results.hits[0].target;
    // In the search box "l" is a letter, so the switch comes from the title bar (a click).
    moodguide::app::update(&mut a, moodguide::app::Action::SwitchLanguage);
    let s = a.search.as_ref().unwrap();
    assert_eq!(s.query, "sertraline");
    assert!(
        s.results.hits[0].title.contains("Sertralina"),
        "{:?}",
        s.results.hits[0]
    );
    assert_eq!(
        s.results.hits[0].target, before,
        "the same unit, in Spanish"
    );
}

#[test]
fn the_next_kiosk_visitor_starts_in_the_kiosks_language() {
    use moodguide::bundle::Lang;
    let langs = languages();
    let (c, ix) = langs.get(Lang::En).unwrap();
    let mut k = moodguide::app::App::kiosk(c, ix, (80, 24), None).with_languages(langs);
    let fresh = k.clone();
    press(&mut k, "x l 1");
    assert_eq!(k.lang, Lang::Es);
    moodguide::app::update(&mut k, moodguide::app::Action::IdleReset);
    assert_eq!(k.lang, Lang::En);
    assert_eq!(
        k, fresh,
        "after a reset the app equals a freshly started kiosk"
    );
}

/// The Spanish guide says what every key does in Spanish: each help word of the key table has a
/// translation in `assets/es/ui.toml`.
#[test]
fn every_key_has_spanish_help() {
    use moodguide::keymap::{BINDINGS, help};
    let (es, _) = moodguide::bundle::load_in(moodguide::bundle::Lang::Es).unwrap();
    let missing: Vec<&str> = (BINDINGS.iter())
        .map(|b| b.help)
        .filter(|h| !es.ui.key_help.contains_key(*h))
        .collect();
    assert!(missing.is_empty(), "key help without Spanish: {missing:?}");
    assert!(
        help(moodguide::keymap::Layer::Global)
            .iter()
            .all(|(_, h)| es.ui.key_help(h) != *h)
    );
}

#[test]
fn a_switch_keeps_the_question_and_the_comparison_with_its_choices() {
    use moodguide::bundle::Lang;
    let langs = languages();
    let (c, ix) = langs.get(Lang::En).unwrap();
    let mut a = moodguide::app::App::new(c, ix, (80, 24)).with_languages(langs);
    // A question two deep.
    press(&mut a, "3 <down> <enter> <enter>");
    let path = a.questions.walk.path().to_vec();
    assert_eq!(path.len(), 3);
    press(&mut a, "l");
    assert_eq!(a.questions.walk.path(), &path[..], "the same question");
    let node = *path.last().unwrap();
    assert!(
        a.catalog.faq.nodes[node].question.starts_with('¿'),
        "{}",
        a.catalog.faq.nodes[node].question
    );
    // The treatments set with one item hidden and the cursor on a row.
    press(&mut a, "l h 2 <tab> <space> <down> <down>");
    let (set, chosen, row) = (a.compare.set, a.compare.chosen.clone(), a.compare.row);
    press(&mut a, "l");
    assert_eq!(a.lang, Lang::Es);
    assert_eq!(
        (a.compare.set, a.compare.chosen.clone(), a.compare.row),
        (set, chosen, row)
    );
    assert_eq!(a.catalog.sets[set].id, c.sets[set].id);
}

#[test]
fn a_kiosk_visitor_switches_on_a_topic_and_sees_it_in_spanish() {
    use moodguide::bundle::Lang;
    let langs = languages();
    let (c, ix) = langs.get(Lang::En).unwrap();
    let mut k = moodguide::app::App::kiosk(c, ix, (80, 24), None).with_languages(langs);
    press(&mut k, "x 1 <down> <down> <enter>");
    let open = k.topics.open;
    assert!(open.is_some());
    moodguide::app::update(&mut k, moodguide::app::Action::SwitchLanguage);
    assert_eq!((k.lang, k.topics.open), (Lang::Es, open));
    let screen = common::text(&common::render(&k));
    let title: String = k.catalog.topics[open.unwrap()]
        .title
        .chars()
        .take(20)
        .collect();
    assert!(screen.contains(&title), "{screen}");
    assert!(
        screen.contains("English"),
        "the button back to English:\n{screen}"
    );
    assert!(
        screen.contains("AYUDA"),
        "the Spanish crisis line:\n{screen}"
    );
}

/// Back returns to where the reader was, selection and scroll included: a follow-up chosen from
/// a scrolled answer, a comparison cell left for a topic.
#[test]
fn back_returns_with_selection_and_scroll() {
    let mut a = app(60, 16);
    press(&mut a, "3");
    // ↓ reads the first answer to its end, then moves down the choices.
    let mut steps = 0;
    while a.questions.choice < 2 {
        press(&mut a, "<down>");
        steps += 1;
        assert!(steps < 200, "↓ never reached the third choice");
    }
    let (node, choice, scroll) = (
        a.questions.walk.current(),
        a.questions.choice,
        a.questions.scroll,
    );
    assert!(scroll > 0, "the first answer should scroll at 60x16");
    press(&mut a, "<enter>");
    assert_ne!(a.questions.walk.current(), node);
    press(&mut a, "<esc>");
    assert_eq!(
        (
            a.questions.walk.current(),
            a.questions.choice,
            a.questions.scroll
        ),
        (node, choice, scroll),
        "Back lost the place in the answer"
    );
    // ← is back and → opens, on the questions screen.
    press(&mut a, "<right>");
    assert_ne!(a.questions.walk.current(), node);
    press(&mut a, "<left>");
    assert_eq!(a.questions.walk.current(), node);
    assert_eq!(a.questions.choice, choice);

    let mut a = app(120, 40);
    press(&mut a, "2 <down> <down> <down> <right>");
    let cursor = (a.compare.row, a.compare.col);
    assert_eq!(a.compare.focus, CompareFocus::Table);
    press(&mut a, "<enter> <enter>");
    assert_eq!(
        a.screen,
        Screen::Topics,
        "Enter on a cell opens the item's topic"
    );
    press(&mut a, "<esc>");
    assert_eq!(a.screen, Screen::Compare);
    assert_eq!((a.compare.row, a.compare.col), cursor, "Back lost the cell");
    assert_eq!(a.compare.focus, CompareFocus::Table);
}

/// The kiosk's help lists only keys that work there: quitting does not.
#[test]
fn kiosk_help_offers_no_quit() {
    let quit = catalog().ui.key_help("quit").to_string();
    let mut a = app(80, 40);
    press(&mut a, "?");
    let shown = common::text(&common::render(&a));
    assert!(
        shown.contains(&format!("q{}", " ".repeat(15))) || shown.contains(&quit),
        "the guide's help should offer quit:\n{shown}"
    );
    let mut k = kiosk_app(80, 40);
    press(&mut k, "<enter> ?");
    assert!(k.overlay.is_some(), "help did not open in the kiosk");
    let shown = common::text(&common::render(&k));
    assert!(
        !shown.lines().any(|l| l
            .trim_start()
            .trim_start_matches('│')
            .trim_start()
            .starts_with("q ")),
        "the kiosk's help offers q:\n{shown}"
    );
}

/// Links in answers work like links in topics: Tab moves to one (scrolling it into view), Enter
/// follows it, Back returns to the answer; a click on a link follows it too.
#[test]
fn links_in_answers_follow_with_tab_enter_and_clicks() {
    use moodguide::app::{Action, update};
    use moodguide::page;
    use moodguide::search::Target;
    let c = catalog();
    let with_links: Vec<usize> = (0..c.faq.nodes.len())
        .filter(|&n| !page::answer(c, n, 60).links.is_empty())
        .collect();
    assert!(
        with_links.len() > 20,
        "only {} answers have links",
        with_links.len()
    );
    for &n in &with_links {
        let mut a = app(80, 24);
        a.open_target(Target::Node(n));
        update(&mut a, Action::Resize(80, 24));
        press(&mut a, "<tab>");
        assert_eq!(
            a.questions.link,
            Some(0),
            "Tab found no link in {:?}",
            c.faq.nodes[n].id
        );
        let before = a.clone();
        press(&mut a, "<enter>");
        assert!(
            a.screen != Screen::Questions
                || a.overlay.is_some()
                || a.questions.walk.current() != Some(n),
            "Enter on a link of {:?} did nothing",
            c.faq.nodes[n].id
        );
        press(&mut a, "<esc>");
        assert_eq!(a.screen, Screen::Questions);
        assert_eq!(
            a.questions.walk.current(),
            Some(n),
            "Back did not return to the answer"
        );
        // A click on the link's first cell follows it.
        let mut b = before.clone();
        b.questions.link = None;
        let buf = common::render(&b);
        let linked = page::answer(c, n, 60).links[0].0.clone();
        let mut clicked = None;
        'find: for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                if let Some(Action::PickLink(l)) =
                    moodguide::ui::mouse(&b, moodguide::ui::Mouse::Click, x, y)
                {
                    clicked = Some(l);
                    break 'find;
                }
            }
        }
        let l = clicked.unwrap_or_else(|| panic!("no link to click in {:?}", c.faq.nodes[n].id));
        update(&mut b, Action::PickLink(l));
        assert!(
            b.screen != Screen::Questions
                || b.overlay.is_some()
                || b.questions.walk.current() != Some(n),
            "a click on a link of {:?} did nothing (link to {linked:?})",
            c.faq.nodes[n].id
        );
    }
}

/// Links in glossary popups work too: Tab and Enter follow one, and so does a click; a click
/// elsewhere in the popup still closes it. (The bundled glossary has no links, so one is given a
/// link to a topic and one to another term, as a clinic's pack may.)
#[test]
fn links_in_glossary_popups_follow_with_tab_enter_and_clicks() {
    use moodguide::app::{Action, App, update};
    let mut c = catalog().clone();
    for (term, link) in [
        (0, "(topic:ssri-how-they-work)"),
        (1, "(glossary:remission)"),
    ] {
        let text = format!("{} See [more about it]{link}.", c.glossary[term].definition);
        c.glossary[term].doc = moodguide::markup::parse(&text).0;
    }
    let c: &'static moodguide::content::Catalog = Box::leak(Box::new(c));
    for term in [0, 1] {
        let fresh = || {
            let mut a = App::new(c, common::index(), (80, 24));
            a.overlay = Some(Overlay::Glossary {
                term,
                scroll: 0,
                link: None,
            });
            update(&mut a, Action::Resize(80, 24));
            a
        };
        let mut a = fresh();
        press(&mut a, "<tab>");
        assert!(
            matches!(a.overlay, Some(Overlay::Glossary { link: Some(0), .. })),
            "Tab found no link in term {term}"
        );
        press(&mut a, "<enter>");
        match term {
            0 => assert_eq!(a.screen, Screen::Topics, "Enter did not open the topic"),
            _ => assert!(
                matches!(a.overlay, Some(Overlay::Glossary { term: t, .. }) if t != term),
                "Enter did not open the other term"
            ),
        }
        let b = fresh();
        let buf = common::render(&b);
        let mut clicked = None;
        'find: for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                if let Some(Action::PickLink(l)) =
                    moodguide::ui::mouse(&b, moodguide::ui::Mouse::Click, x, y)
                {
                    clicked = Some(l);
                    break 'find;
                }
            }
        }
        let mut b2 = b.clone();
        update(
            &mut b2,
            Action::PickLink(clicked.expect("no link to click")),
        );
        assert_ne!(b2.overlay, b.overlay, "a click on the link did nothing");
        assert_eq!(
            moodguide::ui::mouse(&b, moodguide::ui::Mouse::Click, 0, 1),
            Some(Action::Pick(moodguide::app::Pane::Popup, 0)),
            "a click outside the links should close the popup"
        );
    }
}

/// A kiosk whose config says `search = false` (a touch-only or arrows-only kiosk, which has no way
/// to type) offers no search: Home has no Search entry, `/` does nothing, help does not list it,
/// and a new visit keeps it so.
#[test]
fn a_kiosk_without_search_offers_none() {
    use moodguide::app::{Action, update};
    let search = catalog().ui.search.clone();
    let mut k = kiosk_app(80, 24);
    k.search_off = true;
    press(&mut k, "<enter>");
    let shown = common::text(&common::render(&k));
    assert!(
        !shown.contains(&format!("4  {search}")),
        "Home offers search:\n{shown}"
    );
    press(&mut k, "/");
    assert!(k.search.is_none(), "/ opened search");
    press(&mut k, "<down> <down> <down> <down> <down> <enter>");
    assert!(
        matches!(k.overlay, Some(Overlay::Help { .. })),
        "the last entry should be Help"
    );
    let help = common::text(&common::render(&k));
    assert!(
        !help
            .lines()
            .any(|l| l.contains("/ ") && l.contains(&catalog().ui.key_help("search").to_string())),
        "help lists search:\n{help}"
    );
    update(&mut k, Action::IdleReset);
    assert!(k.search_off, "a new visit offers search again");
    // The same kiosk with search on lists it fourth.
    let mut on = kiosk_app(80, 24);
    press(&mut on, "<enter>");
    assert!(common::text(&common::render(&on)).contains(&format!("4  {search}")));
}

/// My list and the summary by touch alone: the title bar's My list button, a concern, the add
/// row (what the reader came from), the summary button and the text button are all targets.
#[test]
fn my_list_and_the_summary_work_by_touch() {
    use moodguide::app::update;
    use moodguide::ui::{Mouse, mouse};
    let c = catalog();
    let click_on = |a: &mut moodguide::app::App<'static>, words: &str| {
        let buf = common::render(a);
        let (w, h) = (buf.area.width, buf.area.height);
        let at = (0..h)
            .find_map(|y| {
                let row: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
                row.find(words).map(|i| {
                    let x = u16::try_from(row[..i].chars().count()).unwrap();
                    (x + 1, y)
                })
            })
            .unwrap_or_else(|| panic!("{words:?} not on screen:\n{}", common::text(&buf)));
        let action = mouse(a, Mouse::Click, at.0, at.1)
            .unwrap_or_else(|| panic!("a click on {words:?} does nothing"));
        update(a, action);
    };
    let mut a = app(100, 30);
    press(&mut a, "3");
    let list = c.ui.my_list.replace("{n}", "0");
    click_on(&mut a, &list);
    assert_eq!(a.screen, Screen::MyList);
    let first_question = &c.faq.nodes[a.questions.walk.current().unwrap()].question;
    click_on(&mut a, first_question);
    assert_eq!(a.picks.questions.len(), 1, "the add row added the question");
    let concern = &c.matters.concerns[0].label;
    click_on(&mut a, concern);
    assert_eq!(a.picks.matters.len(), 1, "a click marks a concern");
    click_on(&mut a, &c.ui.list_show);
    assert_eq!(a.screen, Screen::Summary);
    click_on(&mut a, &c.ui.summary_as_text);
    assert!(a.list.as_text, "a click shows the text");
}

/// Read a question, go Home (the title bar's Home, or `h`), open My list with arrows and Enter,
/// and its first row adds that question.
#[test]
fn my_list_from_home_offers_what_was_read_last() {
    let mut k = kiosk_app(80, 24);
    press(&mut k, "<enter> <down> <down> <enter> <enter>");
    assert_eq!(k.screen, Screen::Questions);
    let node = k.questions.walk.current().unwrap();
    press(&mut k, "h");
    assert_eq!(k.screen, Screen::Home);
    while k.screen != Screen::MyList {
        press(&mut k, "<down>");
        let entry = moodguide::app::MENU[k.menu_entries()[k.menu]];
        if entry == moodguide::app::MenuEntry::MyList {
            press(&mut k, "<enter>");
        }
    }
    press(&mut k, "<enter>");
    let c = catalog();
    assert_eq!(
        k.picks.questions,
        [moodguide::summary::Subject::Question(
            c.faq.nodes[node].id.clone()
        )],
        "the first row of My list did not add the question read last"
    );
}

/// `b` bookmarks the open topic (or the one selected in the list) and the current question, and
/// takes a bookmark off again; elsewhere, and in a guide that keeps nothing (a kiosk,
/// `--no-history`), it does nothing.
#[test]
fn b_bookmarks_the_open_topic_or_question_and_takes_it_off() {
    use moodguide::app::saved::Bookmark;
    let c = catalog();
    let mut a = app(100, 30);
    a.saved.on = true;
    press(&mut a, "b 1 <down> b");
    let how_common = c.topic_index("how-common").unwrap();
    assert_eq!(
        a.saved.bookmarks,
        [Bookmark::Topic(how_common)],
        "Home: nothing"
    );
    press(&mut a, "<enter> b");
    assert!(
        a.saved.bookmarks.is_empty(),
        "the same topic again: taken off"
    );
    press(&mut a, "b h 3 <down> <enter> b");
    let q = a.questions.walk.current().unwrap();
    assert_eq!(
        a.saved.bookmarks,
        [Bookmark::Topic(how_common), Bookmark::Question(q)]
    );
    assert!(a.notice.is_some(), "the footer says so");
    press(&mut a, "<down>");
    assert!(a.notice.is_none(), "until the next key");
    // Keeping off: nothing.
    let mut a = app(100, 30);
    press(&mut a, "1 <enter> b");
    assert!(a.saved.bookmarks.is_empty() && a.notice.is_none());
}

/// The loop's dispatch (`step`) for a kiosk: someone pressing a key the guide does not know, or
/// another mouse button, is still someone there ("still reading?" goes away); a key released or a
/// resize is not; a key the guide knows then works again.
#[test]
fn in_a_kiosk_any_press_is_presence_but_a_release_or_resize_is_not() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
    use moodguide::kiosk::{KioskConfig, KioskPolicy};
    use moodguide::step::{self, Input};
    use std::time::{Duration, Instant};
    let config = KioskConfig::from_toml(
        "idle_timeout = \"60s\"\nidle_warning = \"20s\"\n[staff]\npin = \"2468\"\n",
    )
    .unwrap();
    let start = Instant::now();
    let mut policy = KioskPolicy::new(config, start);
    let mut k = moodguide::app::App::kiosk(catalog(), common::index(), (80, 24), None);
    let warned = |k: &mut moodguide::app::App<'_>, policy: &mut KioskPolicy, at| {
        step::tick(k, policy, at);
        k.idle_warning.is_some()
    };
    let space = Input::Key(moodguide::keymap::Key::Char(' '));
    step::step(&mut k, Some(&mut policy), space, start);
    assert_eq!(k.screen, Screen::Home, "a visit started");
    let at = start + Duration::from_secs(61);
    assert!(warned(&mut k, &mut policy, at), "the warning after 60 s");
    let release = Event::Key(KeyEvent::new_with_kind(
        KeyCode::Char('x'),
        KeyModifiers::NONE,
        KeyEventKind::Release,
    ));
    assert_eq!(moodguide::tui::input(&release), None);
    step::step(&mut k, Some(&mut policy), Input::Resize(80, 24), at);
    assert!(warned(&mut k, &mut policy, at), "a resize is nobody there");
    let unknown = Event::Key(KeyEvent::new(KeyCode::CapsLock, KeyModifiers::NONE));
    let input = moodguide::tui::input(&unknown).unwrap();
    assert_eq!(input, Input::Press);
    step::step(&mut k, Some(&mut policy), input, at);
    assert!(!warned(&mut k, &mut policy, at), "a press is someone there");
    assert_eq!(k.screen, Screen::Home, "that press only continues");
    step::step(
        &mut k,
        Some(&mut policy),
        Input::Key(moodguide::keymap::Key::Char('1')),
        at,
    );
    assert_eq!(k.screen, Screen::Topics, "the keys work again");
}

/// Terminal events at simulated times, for the guide's own loop (`tui::drive`): each event comes
/// after its wait; the clock moves only as the loop waits.
struct Script {
    now: std::time::Instant,
    events: std::collections::VecDeque<(std::time::Duration, crossterm::event::Event)>,
}

impl moodguide::tui::Source for Script {
    fn poll(&mut self, timeout: std::time::Duration) -> std::io::Result<bool> {
        let Some((wait, _)) = self.events.front_mut() else {
            return Err(std::io::Error::other(
                "the script ran out before the guide ended",
            ));
        };
        if *wait <= timeout {
            self.now += *wait;
            *wait = std::time::Duration::ZERO;
            Ok(true)
        } else {
            *wait -= timeout;
            self.now += timeout;
            Ok(false)
        }
    }
    fn read(&mut self) -> std::io::Result<crossterm::event::Event> {
        self.events
            .pop_front()
            .map(|(_, ev)| ev)
            .ok_or_else(|| std::io::Error::other("no event"))
    }
    fn now(&self) -> std::time::Instant {
        self.now
    }
}

/// The whole loop on a `TestBackend` with a simulated clock: a kiosk visitor opens the questions,
/// switches to Spanish (the loop lets the English pack go and reads the Spanish one), then leaves;
/// after the idle time the kiosk starts a fresh visit in English on its own, and the staff code
/// ends it. The last frame is the next visitor's welcome, with nothing of the visit on it.
#[test]
fn the_loop_resets_an_idle_kiosk_back_to_its_language() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use moodguide::bundle::{Lang, load_in};
    use std::time::Duration;
    let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let ch = |c| key(KeyCode::Char(c));
    let s = Duration::from_secs;
    let mut events = vec![(s(0), ch(' ')), (s(1), ch('3')), (s(1), ch('l'))];
    // Left alone for 200 s (the warning comes at 60 s and the reset 20 s later), then staff.
    events.push((s(200), key(KeyCode::F(10))));
    events.extend([key(KeyCode::F(10)), key(KeyCode::F(10))].map(|e| (s(0), e)));
    events.extend("2468".chars().map(|c| (s(0), ch(c))));
    let mut script = Script {
        now: std::time::Instant::now(),
        events: events.into(),
    };
    let config = moodguide::kiosk::KioskConfig::from_toml(
        "clinic_name = \"Test Clinic\"\nidle_timeout = \"60s\"\nidle_warning = \"20s\"\n\
         [staff]\npin = \"2468\"\n",
    )
    .unwrap();
    let languages = moodguide::app::languages::Languages::new(
        Lang::En,
        load_in(Lang::En).unwrap(),
        Box::new(|l| load_in(l).ok()),
    );
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    moodguide::tui::drive(&mut term, languages, Some(config), &mut script).unwrap();
    assert!(script.events.is_empty(), "the staff code did not end it");
    let shown = common::text(term.backend().buffer());
    let (es, _) = load_in(Lang::Es).unwrap();
    assert!(shown.contains("Test Clinic"), "{shown}");
    assert!(shown.contains(&catalog().ui.welcome_start), "{shown}");
    assert!(!shown.contains(&es.ui.welcome_start), "{shown}");
    assert!(!shown.contains(&es.faq.nodes[0].question), "{shown}");
}
