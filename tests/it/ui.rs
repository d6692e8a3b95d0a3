//! Every screen rendered into a test backend at 80x24 and 120x40 and checked against reviewed
//! snapshots; tiny sizes never panic; styles that snapshots cannot see are asserted directly.
#![allow(clippy::unwrap_used)]

use crate::common;

use crate::common::{app, press, render, render_with, text};
use moodguide::app::App;
use moodguide::ui::theme::{COLOR, PLAIN};
use ratatui::style::Color;

/// Each screen a user can reach, as the keys that reach it from home.
const SCREENS: &[(&str, &str)] = &[
    ("home", ""),
    ("topics_list", "1"),
    ("topic_open", "1 <down> <down> <enter>"),
    ("topic_reading_view", "1 <down> <down> <enter> v"),
    (
        "topic_scrolled_link",
        "1 <down> <down> <enter> <pgdn> <tab>",
    ),
    ("compare_ssris", "2"),
    ("compare_treatments_differences", "2 <tab> d"),
    (
        "compare_scrolled_right",
        "2 <right> <right> <right> <right> <right>",
    ),
    ("compare_cell", "2 <down> <enter>"),
    ("questions_root", "3"),
    ("questions_child", "3 <enter>"),
    ("search_typo", "/ zolft"),
    ("search_close_match", "/ sertarline"),
    ("search_nothing", "/ qqqqxz"),
    ("help", "?"),
    ("glossary", "1 <down> <down> <enter> <tab> <enter>"),
];

fn at(w: u16, h: u16, keys: &str) -> App<'static> {
    let mut a = app(w, h);
    common::press(&mut a, keys);
    a
}

#[test]
fn screens_at_80x24() {
    for (name, keys) in SCREENS {
        let a = at(80, 24, keys);
        insta::assert_snapshot!(format!("80x24_{name}"), text(&render(&a)));
    }
}

#[test]
fn screens_at_120x40() {
    for (name, keys) in SCREENS {
        let a = at(120, 40, keys);
        insta::assert_snapshot!(format!("120x40_{name}"), text(&render(&a)));
    }
}

#[test]
fn tiny_sizes_never_panic_and_keep_the_crisis_line() {
    for (w, h) in [
        (1, 1),
        (20, 5),
        (10, 3),
        (30, 8),
        (25, 6),
        (200, 3),
        (3, 60),
    ] {
        for (_, keys) in SCREENS {
            let a = at(w, h, keys);
            let t = text(&render(&a));
            if h >= 3 && w >= 20 {
                assert!(
                    t.contains("Need help"),
                    "{w}x{h} {keys}: crisis line missing:\n{t}"
                );
            }
            // With room for it, the whole crisis text: the numbers are not what gets cut.
            if h >= 6 && w >= 20 {
                assert!(
                    t.contains("988") && t.contains("911"),
                    "{w}x{h} {keys}: crisis numbers cut:\n{t}"
                );
            }
        }
    }
    let t = text(&render(&at(20, 5, "")));
    assert!(t.contains("Need help"), "{t}");
    let t = text(&render(&at(19, 4, "")));
    assert!(
        t.contains("Please make"),
        "below 20x5 a note asks for a larger window:\n{t}"
    );
}

#[test]
fn resizing_relays_out_the_reading_pane() {
    let mut a = at(120, 40, "1 <enter>");
    let wide = text(&render(&a));
    moodguide::app::update(&mut a, moodguide::app::Action::Resize(60, 30));
    let narrow = text(&render(&a));
    assert_ne!(wide, narrow);
    // Stacked on narrow terminals: the list box sits above the reading box.
    let lines: Vec<&str> = narrow.lines().collect();
    let list_top = lines
        .iter()
        .position(|l| l.starts_with("┌ Topics"))
        .unwrap();
    let reader_top = lines.iter().rposition(|l| l.starts_with('┌')).unwrap();
    assert!(reader_top > list_top + 2, "{narrow}");
    assert!(
        lines[list_top].len() > 50 && lines[reader_top].len() > 50,
        "both boxes span the width:\n{narrow}"
    );
}

fn style_of(buf: &ratatui::buffer::Buffer, needle: &str) -> ratatui::style::Style {
    let w = usize::from(buf.area.width);
    for (y, row) in buf.content.chunks(w).enumerate() {
        let line: String = row.iter().map(ratatui::buffer::Cell::symbol).collect();
        if let Some(byte) = line.find(needle) {
            let x = line[..byte].chars().count();
            return buf[(u16::try_from(x).unwrap(), u16::try_from(y).unwrap())].style();
        }
    }
    panic!("{needle:?} not on screen");
}

#[test]
fn the_selected_menu_entry_is_highlighted_and_marked() {
    let a = at(80, 24, "<down>");
    let buf = render(&a);
    assert_eq!(style_of(&buf, "› 2  Compare").bg, COLOR.selected.bg);
    assert_ne!(style_of(&buf, "1  Topics").bg, COLOR.selected.bg);
    let crisis = style_of(&buf, "Need help");
    assert_eq!(crisis.bg, Some(Color::Red));
}

#[test]
fn no_color_theme_has_no_colour_but_keeps_the_selection_visible() {
    let a = at(80, 24, "1 <down>");
    let buf = render_with(&a, &PLAIN);
    for cell in &buf.content {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "coloured cell {cell:?}"
        );
    }
    let t = text(&buf);
    assert!(t.contains("› How common"), "{t}");
    assert!(
        style_of(&buf, "› How common")
            .add_modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
}

#[test]
fn focused_link_and_differences_are_styled() {
    let a = at(120, 40, "1 <down> <down> <enter> <tab>");
    let buf = render(&a);
    let page = moodguide::app::topics::page(&a);
    // A link may wrap over two lines; all of it, and nothing else, is drawn in the focus style.
    let link_text: String = page
        .lines
        .iter()
        .flat_map(|l| &l.line.spans)
        .filter(|s| s.link == Some(0))
        .map(|s| s.text.replace(' ', ""))
        .collect();
    let focused: String = buf
        .content
        .iter()
        .filter(|c| c.bg == COLOR.link_focus.bg.unwrap())
        .map(ratatui::buffer::Cell::symbol)
        .collect::<String>()
        .replace(' ', "");
    assert!(!link_text.is_empty());
    assert_eq!(
        focused, link_text,
        "exactly the focused link is drawn in the focus style"
    );
    let a = at(120, 40, "2 d");
    let t = text(&render(&a));
    assert!(t.contains("≠ "), "rows that differ are marked:\n{t}");
    let mut a = at(120, 40, "2");
    press(&mut a, "");
    assert!(!text(&render(&a)).contains("≠ "));
}

fn kiosk_at(w: u16, h: u16, keys: &str) -> App<'static> {
    let mut a = App::kiosk(
        common::catalog(),
        common::index(),
        (w, h),
        Some("Riverside Clinic"),
    );
    press(&mut a, keys);
    a
}

#[test]
fn kiosk_screens_at_80x24() {
    for (name, keys) in [
        ("welcome", ""),
        ("home", "x"),
        ("topics", "x 1"),
        ("questions", "x 3 <enter>"),
        ("compare", "x 2"),
    ] {
        insta::assert_snapshot!(
            format!("kiosk_80x24_{name}"),
            text(&render(&kiosk_at(80, 24, keys)))
        );
    }
    let mut a = kiosk_at(80, 24, "x 1");
    moodguide::app::update(&mut a, moodguide::app::Action::IdleWarning(17));
    let t = text(&render(&a));
    assert!(
        t.contains("Still reading?") && t.contains("Seconds left: 17"),
        "{t}"
    );
    assert!(
        t.contains("Need help"),
        "the crisis line stays on the still-reading screen:\n{t}"
    );
    let w = text(&render(&kiosk_at(80, 24, "")));
    assert!(
        w.contains("Riverside Clinic")
            && w.contains("touch the screen to start")
            && w.contains("Need help"),
        "{w}"
    );
}

#[test]
fn kiosk_touch_targets_are_three_rows_tall() {
    use moodguide::app::{Action, Pane};
    use moodguide::ui::{Mouse, mouse};
    // Topic list: every row of a three-row target opens the same topic.
    let app = kiosk_at(100, 30, "x 1");
    let screen = text(&render(&app));
    let row = screen
        .lines()
        .position(|l| l.contains("How common"))
        .unwrap();
    let col = u16::try_from(screen.lines().nth(row).unwrap().find("How common").unwrap()).unwrap();
    let row = u16::try_from(row).unwrap();
    let hits: Vec<_> = [row - 1, row, row + 1]
        .iter()
        .map(|&r| mouse(&app, Mouse::Click, col, r))
        .collect();
    assert!(
        hits[0].is_some() && hits.iter().all(|h| *h == hits[0]),
        "{hits:?}"
    );
    assert_ne!(
        mouse(&app, Mouse::Click, col, row + 2),
        hits[0],
        "the next row is the next target"
    );
    // The title bar's buttons are as tall as the bar (three rows).
    let back: Vec<_> = (0..3).map(|r| mouse(&app, Mouse::Click, 14, r)).collect();
    assert!(back.iter().all(|b| *b == Some(Action::Back)), "{back:?}");
    // Home menu entries are three rows each.
    let home = kiosk_at(100, 30, "x");
    let menu = text(&render(&home));
    let row = menu.lines().position(|l| l.contains("2  Compare")).unwrap();
    let col = u16::try_from(menu.lines().nth(row).unwrap().find("2  Compare").unwrap()).unwrap();
    let top = u16::try_from(row).unwrap();
    for r in [top, top + 1, top + 2] {
        assert_eq!(
            mouse(&home, Mouse::Click, col, r),
            Some(Action::Pick(Pane::Menu, 1))
        );
    }
    assert_ne!(
        mouse(&home, Mouse::Click, col, top + 3),
        Some(Action::Pick(Pane::Menu, 1))
    );
}

/// The first frame is drawn from the pack's labels alone while the rest loads: it must be exactly
/// the home screen (and the kiosk's welcome screen) the full pack draws, at every size.
#[test]
fn the_first_frame_from_the_labels_alone_is_the_full_home_screen() {
    let head = moodguide::bundle::head().unwrap();
    assert!(head.topics.is_empty() && head.faq.nodes.is_empty());
    let empty = moodguide::search::SearchIndex::default();
    for (w, h) in [(80, 24), (100, 30), (120, 40), (60, 16), (20, 5), (1, 1)] {
        let first = App::new(&head, &empty, (w, h));
        let full = common::app(w, h);
        assert_eq!(render(&first), render(&full), "home at {w}x{h}");
        let first = App::kiosk(&head, &empty, (w, h), Some("Clinic"));
        let full = App::kiosk(common::catalog(), common::index(), (w, h), Some("Clinic"));
        assert_eq!(render(&first), render(&full), "welcome at {w}x{h}");
    }
}

/// Paging down past the end of a popup or an answer stops at its last screenful, so the first
/// press back up moves the view at once (no dead presses to undo). `update` knows where each ends
/// without a frame being drawn.
#[test]
fn scrolling_stops_at_the_end_of_a_popup_and_of_an_answer() {
    let mut a = app(60, 16);
    press(&mut a, "?");
    for _ in 0..100 {
        press(&mut a, "<pgdn>");
    }
    let popup = a.overlay.unwrap();
    let moodguide::app::Overlay::Help { scroll } = popup else {
        panic!("help is not open: {popup:?}");
    };
    let room = moodguide::app::overlay::room(&a);
    assert!(
        room > 0 && room < 500,
        "help should be longer than the popup: {room}"
    );
    assert_eq!(scroll, room, "paged past the end of help");
    let end = text(&render(&a));
    press(&mut a, "<pgup>");
    assert_ne!(
        text(&render(&a)),
        end,
        "the first PgUp after the end did not move help"
    );

    let mut a = app(40, 14);
    press(&mut a, "3");
    for _ in 0..100 {
        press(&mut a, "<pgdn>");
    }
    let room = moodguide::app::questions::answer_room(&a);
    assert!(room > 0, "the first answer should not fit in 40x14");
    assert_eq!(a.questions.scroll, room, "paged past the end of the answer");
    let end = text(&render(&a));
    press(&mut a, "<pgup>");
    assert_ne!(
        text(&render(&a)),
        end,
        "the first PgUp after the end did not move the answer"
    );
}

/// On a small screen the questions list still shows its heading and the chosen question, so a
/// reader can always see what Enter will open.
#[test]
fn a_small_screen_still_shows_a_question_to_pick() {
    for (w, h) in [(40, 12), (60, 13)] {
        let mut a = app(w, h);
        press(&mut a, "3");
        let c = common::catalog();
        let root = &c.faq.nodes[a.questions.walk.current().unwrap()];
        let first = &c.faq.nodes[c.node_index(root.follow[0].as_str()).unwrap()].question;
        let shown = text(&render(&a));
        let start: String = first.chars().take(12).collect();
        assert!(
            shown.contains(&start),
            "{w}x{h}: the first question to pick ({first:?}) is not on screen:\n{shown}"
        );
        assert!(
            shown.contains(&c.ui.follow_ups),
            "{w}x{h}: no list heading:\n{shown}"
        );
    }
}

/// Text too long for its row ends in "…" at the row's edge instead of in half a word: search
/// results, where content meets a narrow box. (The questions to pick wrap instead:
/// `tests/it/reach.rs` checks every word of them is shown; the topic list has short list words.)
#[test]
fn text_cut_at_the_edge_of_its_box_says_so() {
    let cases: &[(u16, u16, &str, &str)] = &[(80, 24, "/ zolft", "They slow t…│")];
    for &(w, h, keys, expected) in cases {
        let shown = text(&render(&at(w, h, keys)));
        assert!(
            shown.contains(expected),
            "{w}x{h} after {keys:?}: no row shows {expected:?}:\n{shown}"
        );
    }
}

/// On a narrow touch screen the kiosk's footer sentence wraps onto a second row rather than
/// losing its end, and where even two rows are too few it ends in "…"; the stacked topic list
/// always shows a touch row, with its topic, inside its border.
#[test]
fn a_narrow_kiosk_keeps_its_instructions_and_a_topic_to_touch() {
    let c = common::catalog();
    let sentence = &c.ui.kiosk_footer;
    let last_word = sentence.split_whitespace().last().unwrap();
    for (w, h) in [(64, 24), (50, 20), (70, 30)] {
        let shown = text(&render(&kiosk_at(w, h, "x 1")));
        assert!(
            shown.contains(last_word),
            "{w}x{h}: the footer lost its end ({last_word:?}):\n{shown}"
        );
        let first = &c.topics[0].title;
        assert!(
            shown.contains(first.as_str()),
            "{w}x{h}: the topic list shows no topic ({first:?}):\n{shown}"
        );
    }
    // Too narrow for the sentence in two rows: the second, just above the crisis strip, ends in "…".
    let shown = text(&render(&kiosk_at(24, 20, "x")));
    let lines: Vec<&str> = shown.lines().collect();
    let crisis = lines.iter().position(|l| l.contains("Need help")).unwrap();
    let first_words: String = sentence.chars().take(12).collect();
    assert!(
        lines[crisis - 2].contains(&first_words) && lines[crisis - 1].trim_end().ends_with('…'),
        "24x20: the footer should start {first_words:?} and end in … above the crisis line:\n{shown}"
    );
}

/// Whether `text` shows a dose: a number followed by "mg" ("50 mg", "20mg").
fn shows_a_dose(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    (0..chars.len().saturating_sub(1)).find_map(|i| {
        let rest: String = chars[i..].iter().take(2).collect();
        let before = chars[..i].iter().rev().find(|c| **c != ' ');
        let after = chars.get(i + 2);
        (rest == "mg"
            && before.is_some_and(char::is_ascii_digit)
            && after.is_none_or(|c| !c.is_alphanumeric()))
        .then(|| {
            lower
                .lines()
                .find(|l| l.contains("mg"))
                .unwrap_or("")
                .to_string()
        })
    })
}

/// No dose figure reaches a patient: every page of every topic, and every cell of both comparison
/// sets opened in full, in the guide and in the kiosk, is read for "N mg".
#[test]
fn no_dose_figure_on_any_screen_of_the_topics_or_the_comparisons() {
    use moodguide::search::Target;
    assert_eq!(
        shows_a_dose("take 20 mg a day").as_deref(),
        Some("take 20 mg a day")
    );
    assert!(shows_a_dose("amygdala, 20mgs").is_none() && shows_a_dose("imaging").is_none());
    let c = common::catalog();
    let mut found = Vec::new();
    for kiosk in [false, true] {
        let fresh = || {
            if kiosk {
                let mut k = App::kiosk(c, common::index(), (80, 24), None);
                moodguide::app::update(&mut k, moodguide::app::Action::StartVisit);
                k
            } else {
                app(80, 24)
            }
        };
        for topic in 0..c.topics.len() {
            let mut a = fresh();
            a.open_target(Target::Topic {
                topic,
                section: None,
            });
            let mut last = String::new();
            for _ in 0..80 {
                let screen = text(&render(&a));
                if screen == last {
                    break;
                }
                if let Some(l) = shows_a_dose(&screen) {
                    found.push(format!("topic {}: {l}", c.topics[topic].id));
                }
                last = screen;
                press(&mut a, "<pgdn>");
            }
        }
        for (s, set) in c.sets.iter().enumerate() {
            for item in 0..set.items.len() {
                for attribute in 0..set.attributes.len() {
                    let mut a = fresh();
                    a.open_target(Target::Cell {
                        set: s,
                        item,
                        attribute,
                    });
                    if let Some(l) = shows_a_dose(&text(&render(&a))) {
                        found.push(format!("{}/{}: {l}", set.id, set.attributes[attribute].id));
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "doses shown to patients: {found:#?}");
}

/// The Spanish guide (`assets/es/`), loaded once.
fn spanish() -> &'static (moodguide::content::Catalog, moodguide::search::SearchIndex) {
    static ES: std::sync::OnceLock<(moodguide::content::Catalog, moodguide::search::SearchIndex)> =
        std::sync::OnceLock::new();
    ES.get_or_init(|| moodguide::bundle::load_in(moodguide::bundle::Lang::Es).unwrap())
}

/// Every screen of the list at 80x24 in Spanish, reviewed like the English ones.
#[test]
fn spanish_screens_at_80x24() {
    let (c, ix) = spanish();
    for (name, keys) in SCREENS {
        let keys = keys.replace("z o l f t", "s e r t r a l i n a");
        let mut a = App::new(c, ix, (80, 24));
        press(&mut a, &keys);
        insta::assert_snapshot!(format!("es_80x24_{name}"), text(&render(&a)));
    }
    let mut k = App::kiosk(c, ix, (80, 24), None);
    insta::assert_snapshot!("es_kiosk_80x24_welcome", text(&render(&k)));
    press(&mut k, "x");
    insta::assert_snapshot!("es_kiosk_80x24_home", text(&render(&k)));
}

/// The topic list at 80x24 shows every topic's and section's list words whole (the content gives
/// short ones where a title is longer than the list), in both languages.
#[test]
fn topic_list_words_fit_at_80x24() {
    for lang in ["en", "es"] {
        let mut a = app(80, 24);
        if lang == "es" {
            let (c, ix) = spanish();
            a = App::new(c, ix, (80, 24));
        }
        press(&mut a, "1");
        let rows = moodguide::app::tree_rows(a.catalog, None).len();
        for t in 0..a.catalog.topics.len() {
            a.topics.open = Some(t);
            let all = moodguide::app::tree_rows(a.catalog, Some(t)).len();
            for row in 0..all {
                a.topics.row = row;
                let shown = text(&render(&a));
                let cut: Vec<&str> = shown
                    .lines()
                    .filter(|l| {
                        l.starts_with('│')
                            && l.split('│')
                                .nth(1)
                                .is_some_and(|cell| cell.trim_end().ends_with('…'))
                    })
                    .collect();
                assert!(cut.is_empty(), "{lang}: list rows cut at 80x24: {cut:?}");
            }
        }
        assert!(rows > 50);
    }
}

/// Home at small sizes: the hints wrap rather than being cut, and when the screen is short the
/// entries that do not fit are signed and reached with ↓ (the kiosk's touch targets take more
/// rows); the disclaimer stays.
#[test]
fn home_keeps_every_entry_within_reach_on_small_screens() {
    let c = common::catalog();
    let names = [
        &c.ui.topics,
        &c.ui.compare,
        &c.ui.questions,
        &c.ui.search,
        &c.ui.help,
    ];
    for (w, h) in [(60u16, 20u16), (60, 16), (50, 14)] {
        for kiosk in [false, true] {
            let mut a = if kiosk {
                kiosk_at(w, h, "<enter>")
            } else {
                at(w, h, "")
            };
            let mut seen = String::new();
            for _ in 0..moodguide::app::MENU.len() {
                let shown = text(&render(&a));
                assert!(
                    shown.contains(&c.meta.disclaimer[..20]),
                    "{w}x{h} (kiosk {kiosk}): the disclaimer is gone:\n{shown}"
                );
                assert!(!shown.contains("and…"), "{w}x{h}: a hint was cut:\n{shown}");
                seen.push_str(&shown);
                press(&mut a, "<down>");
            }
            for name in names {
                assert!(
                    seen.contains(name.as_str()),
                    "{w}x{h} (kiosk {kiosk}): {name} never shown with ↓"
                );
            }
        }
    }
}

/// Every screen a reader can reach, on `catalog`: the list above, a topic scrolled to its lists
/// and scroll bar, search with results cut at both ends, My list with questions, the summary as
/// codes and as text, Home with Continue reading and bookmarks, and the kiosk's welcome, home and
/// "still reading?". Each as (name, app).
fn every_screen(
    catalog: &'static moodguide::content::Catalog,
    (w, h): (u16, u16),
) -> Vec<(String, App<'static>)> {
    use moodguide::app::saved::{Bookmark, Spot};
    use moodguide::app::{Action, Screen, update};
    let ix = common::index();
    let mut out = Vec::new();
    let mut more: Vec<(&str, &str)> = SCREENS.to_vec();
    more.extend([
        (
            "topic_lists",
            "1 <down> <down> <enter> <pgdn> <pgdn> <pgdn>",
        ),
        ("search_snippets", "/ side <space> effects"),
        ("questions_deep", "3 <down> <enter> <enter>"),
    ]);
    for (name, keys) in more {
        let mut a = App::new(catalog, ix, (w, h));
        press(&mut a, keys);
        out.push((name.to_string(), a));
    }
    let mut a = App::new(catalog, ix, (w, h));
    press(
        &mut a,
        "3 a h 1 <enter> <down> <down> a h 2 <down> <down> <down> <down> a m <enter>",
    );
    assert!(a.picks.questions.len() >= 2, "My list has questions");
    out.push(("my_list".into(), a.clone()));
    press(&mut a, "<end> <enter>");
    assert_eq!(a.screen, Screen::Summary);
    out.push(("summary_codes".into(), a.clone()));
    press(&mut a, "<right>");
    out.push(("summary_next_code".into(), a.clone()));
    press(&mut a, "<enter>");
    out.push(("summary_text".into(), a));
    // At home with a last place and bookmarks: Home's rows before and after the six entries, the
    // first selected, then the last, with rows above it out of sight.
    let mut a = App::new(catalog, ix, (w, h));
    a.saved.on = true;
    a.saved.last = Some(Spot::Topic {
        topic: catalog.topic_index("ssri-side-effects").unwrap(),
        section: Some(2),
        offset: 0,
    });
    a.saved
        .bookmarks
        .extend((0..catalog.topics.len().min(16)).map(Bookmark::Topic));
    a.saved.bookmarks.push(Bookmark::Question(
        catalog.node_index("is-ketamine-right").unwrap(),
    ));
    update(&mut a, Action::Resize(w, h));
    out.push(("home_continue_and_bookmarks".into(), a.clone()));
    for _ in 0..30 {
        press(&mut a, "<down>");
    }
    out.push(("home_last_bookmark".into(), a));
    let mut k = App::kiosk(catalog, ix, (w, h), Some("Riverside Clinic"));
    out.push(("kiosk_welcome".into(), k.clone()));
    press(&mut k, "x");
    out.push(("kiosk_home".into(), k.clone()));
    press(&mut k, "1");
    update(&mut k, Action::IdleWarning(17));
    out.push(("kiosk_still_reading".into(), k));
    out
}

/// The characters on screen that the Linux console's fonts lack and the content does not hold:
/// the guide's own signs drawn where the console cannot show them.
fn signs_off_the_console(
    buf: &ratatui::buffer::Buffer,
    content: &std::collections::BTreeSet<char>,
) -> Vec<char> {
    let all: String = buf
        .content
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    common::off_the_console(&all, content)
}

/// With the console's signs (`TERM=linux`, `TERM=vt…`, `--ascii`), no screen shows a sign the
/// console's font lacks: what is not ASCII, Latin-1, a box line, a half block, ◀ ▶ or an arrow is
/// the content's own (its dashes). The same screens drawn with the Unicode signs do show such
/// signs (› … ▏ ≠ • ▲ ▼), so the check can fail.
#[test]
fn console_screens_draw_only_signs_the_console_font_has() {
    use moodguide::ui::glyphs::{CONSOLE, console_words};
    let content = common::content_chars();
    let unicode = every_screen(common::catalog(), (80, 24));
    let mut seen: std::collections::BTreeSet<char> = std::collections::BTreeSet::new();
    for (_, a) in &unicode {
        seen.extend(signs_off_the_console(&render(a), &content));
    }
    for c in ['›', '…', '▏', '≠', '•', '▲', '▼'] {
        assert!(
            seen.contains(&c),
            "{c} is never drawn: the screens miss one: {seen:?}"
        );
    }
    // The pack's words as the guide loads them for the console (src/main.rs).
    let mut console = common::catalog().clone();
    console_words(&mut console.ui);
    let console: &'static moodguide::content::Catalog = Box::leak(Box::new(console));
    for theme in [COLOR, PLAIN] {
        let theme = theme.with_glyphs(CONSOLE);
        for (name, a) in every_screen(console, (80, 24)) {
            let buf = common::render_with(&a, &theme);
            let off = signs_off_the_console(&buf, &content);
            assert!(
                off.is_empty(),
                "{name}: {off:?} drawn on the console:\n{}",
                text(&buf)
            );
        }
    }
    // What the console set draws instead, where the reader looks for it.
    let screens = every_screen(console, (80, 24));
    let shown = |name: &str| {
        let (_, a) = screens.iter().find(|(n, _)| n == name).unwrap();
        text(&common::render_with(a, &COLOR.with_glyphs(CONSOLE)))
    };
    assert!(
        shown("topics_list").contains("> What is depression"),
        "{}",
        shown("topics_list")
    );
    assert!(
        shown("topics_list").contains("v more"),
        "{}",
        shown("topics_list")
    );
    assert!(
        shown("topic_lists").contains("* "),
        "{}",
        shown("topic_lists")
    );
    assert!(shown("compare_treatments_differences").contains("* "));
    assert!(
        shown("search_typo").contains("zolft_"),
        "{}",
        shown("search_typo")
    );
    let path = shown("questions_deep");
    assert!(
        path.lines()
            .any(|l| l.contains("Path:") && l.contains(" > ")),
        "{path}"
    );
    // Home's own rows: Continue reading, and the last bookmark with rows above it out of sight.
    let home = shown("home_continue_and_bookmarks");
    assert!(home.contains("> Continue reading: "), "{home}");
    let home = shown("home_last_bookmark");
    assert!(
        home.contains("> Bookmark: Is ketamine right for me?") && home.contains("^ more"),
        "{home}"
    );
}

/// Cells of `buf` that hold text (not blank) and have `modifier`, as "row: text" for a message.
fn cells_with(buf: &ratatui::buffer::Buffer, modifier: ratatui::style::Modifier) -> Vec<String> {
    let w = usize::from(buf.area.width);
    buf.content
        .chunks(w)
        .enumerate()
        .filter_map(|(y, row)| {
            let hit: String = row
                .iter()
                .filter(|c| c.symbol() != " " && c.modifier.contains(modifier))
                .map(ratatui::buffer::Cell::symbol)
                .collect();
            (!hit.is_empty()).then(|| format!("{y}: {hit}"))
        })
        .collect()
}

/// Under `NO_COLOR` (the plain theme) and in the high-contrast theme no text a reader must read
/// is dim (faint): not descriptions, hints, sources, section names or the footer, on any screen.
/// High contrast draws every cell in white and black only (no grey, no terminal default showing
/// through), text never in the colour of its ground, and the selection in reverse video.
#[test]
fn plain_and_high_contrast_screens_have_no_dim_text() {
    use moodguide::ui::theme::HIGH_CONTRAST;
    use ratatui::style::{Modifier, Style};
    let screens = every_screen(common::catalog(), (80, 24));
    // The check can fail: the plain theme as it was, with dim sources and hints.
    let dim_meta = moodguide::ui::Theme {
        meta: Style::new().add_modifier(Modifier::DIM),
        ..PLAIN
    };
    let (_, topics) = screens.iter().find(|(n, _)| n == "topics_list").unwrap();
    assert!(!cells_with(&render_with(topics, &dim_meta), Modifier::DIM).is_empty());
    for (name, a) in &screens {
        for (theme_name, theme) in [("plain", PLAIN), ("high contrast", HIGH_CONTRAST)] {
            let buf = render_with(a, &theme);
            let dim = cells_with(&buf, Modifier::DIM);
            assert!(dim.is_empty(), "{name}, {theme_name}: dim text {dim:?}");
        }
        let buf = render_with(a, &HIGH_CONTRAST);
        for (i, cell) in buf.content.iter().enumerate() {
            let pair = [cell.fg, cell.bg];
            assert!(
                pair.iter()
                    .all(|c| matches!(c, Color::White | Color::Black)),
                "{name}, high contrast: cell {i} {:?} is {:?} on {:?}",
                cell.symbol(),
                cell.fg,
                cell.bg
            );
            assert!(
                cell.symbol() == " " || cell.fg != cell.bg,
                "{name}: {:?} drawn in its ground's colour",
                cell.symbol()
            );
        }
    }
    let selected = style_of(
        &render_with(&at(80, 24, "<down>"), &HIGH_CONTRAST),
        "› 2  Compare",
    );
    assert!(selected.add_modifier.contains(Modifier::REVERSED));
    let other = style_of(
        &render_with(&at(80, 24, "<down>"), &HIGH_CONTRAST),
        "3  Questions",
    );
    assert!(!other.add_modifier.contains(Modifier::REVERSED));
}

/// The rows of the topic's text as drawn in `area` (trailing spaces trimmed).
fn text_rows(buf: &ratatui::buffer::Buffer, area: moodguide::layout::Area) -> Vec<String> {
    (area.y..area.y + area.height)
        .map(|y| {
            (area.x..area.x + area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

/// The reading view (`v` on an open topic) hides the list and gives the text the whole width, up
/// to 80 columns, and every row of the body; `v` again, Esc or ← bring the list back on the same
/// text. Help names the key (the footer leaves it out, for Esc back at 80 columns).
#[test]
fn the_reading_view_gives_the_text_the_whole_screen() {
    use moodguide::app::topics::{reader_area, reading_width};
    let mut a = at(80, 24, "1 <down> <down> <enter> <down> <down>");
    let split = render(&a);
    let (split_w, split_area) = (reading_width(&a), reader_area(&a));
    let split_rows = text_rows(&split, split_area);
    assert!(text(&split).contains("Understanding depression"));
    press(&mut a, "v");
    let reading = render(&a);
    let shown = text(&reading);
    let area = reader_area(&a);
    assert!(
        !shown.contains("Understanding depression"),
        "the list is hidden:\n{shown}"
    );
    let widest = |rows: &[String]| rows.iter().map(|r| r.chars().count()).max().unwrap();
    let rows = text_rows(&reading, area);
    assert!(
        reading_width(&a) > split_w && widest(&rows) > widest(&split_rows) + 20,
        "the text is no wider ({split_w} then {}):\n{shown}",
        reading_width(&a)
    );
    assert!(widest(&rows) <= 80 && area.width <= 80);
    // Every row of the body holds text; the first row shown is the same as before.
    assert_eq!(area.height, a.chrome().body.height, "{shown}");
    assert!(
        rows[0].trim().starts_with(split_rows[0].trim()),
        "the same text at the top: {:?} then {:?}",
        split_rows[0],
        rows[0]
    );
    // The place is kept to the line: a section opened from the list is at the top in both views.
    let mut b = at(
        80,
        24,
        "1 <down> <down> <enter> <left> <down> <down> <enter>",
    );
    let heading = text_rows(&render(&b), reader_area(&b))[0].clone();
    assert!(!heading.trim().is_empty());
    for _ in 0..2 {
        press(&mut b, "v");
        assert_eq!(text_rows(&render(&b), reader_area(&b))[0], heading);
    }
    // The key is in help; at 80 columns the footer keeps its room for Esc back, beside the list
    // and in the reading view.
    for (buf, app) in [
        (&split, &at(80, 24, "1 <down> <down> <enter>")),
        (&reading, &a),
    ] {
        let footer = text_rows(buf, app.chrome().footer).join(" ");
        assert!(
            !footer.contains("reading view") && footer.contains("Esc back"),
            "the footer: {footer}"
        );
    }
    press(&mut a, "?");
    let help = text(&render(&a));
    assert!(help.contains("reading view"), "help names the key:\n{help}");
    for back in ["v", "<esc>", "<left>"] {
        let mut b = at(80, 24, "1 <down> <down> <enter> v");
        press(&mut b, back);
        let shown = text(&render(&b));
        assert!(
            shown.contains("Understanding depression") && shown.contains("TRD stands for"),
            "{back} should bring the list back beside the text:\n{shown}"
        );
    }
    // Esc closes a popup over the reading view first.
    let b = at(80, 24, "1 <down> <down> <enter> v ? <esc>");
    assert!(moodguide::app::topics::reading_view(&b) && b.overlay.is_none());
    // The wheel scrolls the text.
    let a = at(80, 24, "1 <down> <down> <enter> v");
    assert_eq!(
        moodguide::ui::mouse(&a, moodguide::ui::Mouse::WheelDown, 40, 10),
        Some(moodguide::app::Action::WheelDown(
            moodguide::app::Pane::Reader
        ))
    );
}

/// At 40x12 the reading pane beside (above) the list is three rows, and a page moves two; in the
/// reading view it has every row of the body, and Page Down moves the whole pane but the one line
/// kept for context: the last row before is the first row after.
#[test]
fn a_page_moves_a_whole_pane_at_40x12() {
    use moodguide::app::topics::reader_area;
    for (keys, rows_at_least) in [
        ("1 <down> <down> <enter>", 3),
        ("1 <down> <down> <enter> v", 8),
    ] {
        let mut a = at(40, 12, keys);
        let area = reader_area(&a);
        let view = usize::from(area.height);
        assert!(view >= rows_at_least, "{keys}: a pane of {view} rows");
        let before = text_rows(&render(&a), area);
        let scroll = a.topics.scroll;
        press(&mut a, "<pgdn>");
        let moved = a.topics.scroll - scroll;
        assert!(
            moved + 1 >= view && moved <= view,
            "{keys}: PgDn moved {moved} lines of a {view}-row pane"
        );
        let after = text_rows(&render(&a), area);
        assert_eq!(
            after[view - 1 - moved],
            before[view - 1],
            "{keys}: the last row before PgDn should be kept in view"
        );
    }
}

/// Whether a cell is drawn in exactly `style` (colours and attributes).
fn drawn_in(cell: &ratatui::buffer::Cell, style: ratatui::style::Style) -> bool {
    cell.fg == style.fg.unwrap_or(Color::Reset)
        && cell.bg == style.bg.unwrap_or(Color::Reset)
        && cell.modifier == style.add_modifier
}

/// Where the focus is on a screen drawn in the colour theme, read from the cells' styles alone
/// (nothing from the app's state). Inside the box drawn with the focused border that no other box
/// covers (the whole screen when there is none): the first cell of the focused link, if one is
/// drawn; else the top-left cell of the last run of selected cells (a run: rows one under the
/// other whose selected cells start at the same column; the comparison draws the chosen column's
/// name selected above the cursor's cell); else the box's first cell.
fn focus_from_styles(buf: &ratatui::buffer::Buffer) -> ratatui::layout::Position {
    use ratatui::layout::Position;
    let area = buf.area;
    let cells = || {
        (area.y..area.bottom())
            .flat_map(move |y| (area.x..area.right()).map(move |x| Position::new(x, y)))
    };
    // A focused box another one covers has lost part of its left border: the box on top is the
    // one whose left border runs whole from its top corner to its bottom one.
    let boxes: Vec<ratatui::layout::Rect> = cells()
        .filter(|&p| buf[p].symbol() == "┌" && drawn_in(&buf[p], COLOR.border_focus))
        .filter_map(|c| {
            let edge = |x, y, symbol| {
                buf[(x, y)].symbol() == symbol && drawn_in(&buf[(x, y)], COLOR.border_focus)
            };
            let bottom = (c.y + 1..area.bottom()).find(|&y| !edge(c.x, y, "│"))?;
            let right = (c.x + 1..area.right()).find(|&x| edge(x, c.y, "┐"))?;
            edge(c.x, bottom, "└").then(|| {
                ratatui::layout::Rect::new(c.x + 1, c.y + 1, right - c.x - 1, bottom - c.y - 1)
            })
        })
        .collect();
    assert!(
        boxes.len() <= 1,
        "more than one focused box on top: {boxes:?}"
    );
    let inner = boxes.first().copied().unwrap_or(area);
    let inside = move |p: &Position| inner.contains(*p);
    if let Some(p) = cells()
        .filter(inside)
        .find(|&p| drawn_in(&buf[p], COLOR.link_focus))
    {
        return p;
    }
    let mut runs: Vec<(Position, u16)> = Vec::new();
    for y in inner.y..inner.bottom() {
        let Some(x) = (inner.x..inner.right()).find(|&x| drawn_in(&buf[(x, y)], COLOR.selected))
        else {
            continue;
        };
        match runs.last_mut() {
            Some((start, last)) if start.x == x && *last + 1 == y => *last = y,
            _ => runs.push((Position::new(x, y), y)),
        }
    }
    runs.last().map_or(inner.as_position(), |(start, _)| *start)
}

/// The terminal's cursor sits on the focus after every frame, at its first column, on every
/// screen: what a magnifier or screen reader that follows the cursor needs.
#[test]
fn the_cursor_sits_on_the_selected_row_or_link_on_every_screen() {
    let screens = [
        ("home", ""),
        ("home, third entry", "<down> <down>"),
        ("topic list", "1"),
        ("topic list, further down", "1 <down> <down> <down> <down>"),
        ("topic open, reading pane", "1 <down> <down> <enter>"),
        ("topic open, a link", "1 <down> <down> <enter> <pgdn> <tab>"),
        (
            "topic open, back in the list",
            "1 <down> <down> <enter> <left> <down>",
        ),
        ("compare, table", "2"),
        ("compare, a cell", "2 <down> <down> <right>"),
        ("compare, controls", "2 <up> <up> <right>"),
        ("questions", "3"),
        (
            "questions, a follow-up",
            "3 <enter> <down> <down> <down> <down> <down> <down>",
        ),
        ("search results", "/ zolft"),
        ("search, third result", "/ zoloft <down> <down>"),
        ("help", "?"),
        ("a cell in full", "2 <down> <enter>"),
        (
            "glossary over a topic with a link",
            "1 <down> <down> <enter> <tab> <enter>",
        ),
        ("questions, a link", "3 <down> <enter> <tab>"),
        ("my list", "5"),
        ("my list, a concern", "5 <down> <down>"),
        ("reading view, a link", "1 <down> <down> <enter> v <tab>"),
        (
            "reading view, a later link",
            "1 <down> <down> <enter> v <pgdn> <tab> <tab>",
        ),
    ];
    for (name, keys) in screens {
        let a = at(80, 24, keys);
        let (buf, cursor) = common::render_cursor(&a);
        let want = focus_from_styles(&buf);
        assert_eq!(
            cursor,
            Some(want),
            "{name} ({keys}): the cursor is not on the focus\n{}",
            text(&buf)
        );
    }
    // The reading view has no box and, before Tab, nothing selected: the cursor waits at the
    // start of the text's top line, where the topic's title is drawn (centred when wide).
    for (w, h) in [(80, 24), (120, 40)] {
        let a = at(w, h, "1 <down> <down> <enter> v");
        let (buf, cursor) = common::render_cursor(&a);
        let title = &a.catalog.topics[a.topics.open.unwrap()].title;
        let whole = moodguide::layout::Area {
            x: 0,
            y: 0,
            width: w,
            height: h,
        };
        let rows = text_rows(&buf, whole);
        let (y, row) = rows
            .iter()
            .enumerate()
            .find(|(_, row)| row.trim_start().starts_with(title.as_str()))
            .unwrap_or_else(|| panic!("{title} not drawn\n{}", text(&buf)));
        let x = row.len() - row.trim_start().len();
        assert_eq!(
            cursor,
            Some(ratatui::layout::Position::new(
                u16::try_from(x).unwrap(),
                u16::try_from(y).unwrap()
            )),
            "{w}x{h}: the reading view's cursor is not on the title\n{}",
            text(&buf)
        );
    }
}

/// Where the focus has no selection style of its own: search with nothing chosen waits at the
/// end of the query, where the next letter goes; the summary at its bar's first button; on a
/// touch screen's three-row targets, the row with the marker and the words.
#[test]
fn the_cursor_waits_where_typing_goes_and_on_a_touch_target_s_words() {
    use ratatui::layout::Position;
    let caret = |buf: &ratatui::buffer::Buffer| {
        let w = buf.area.width;
        (0..buf.area.area())
            .map(|i| Position::new(u16::try_from(i).unwrap() % w, u16::try_from(i).unwrap() / w))
            .find(|&p| buf[p].symbol() == "▏")
            .unwrap()
    };
    for keys in ["/", "/ qqqqxz"] {
        let (buf, cursor) = common::render_cursor(&at(80, 24, keys));
        assert_eq!(cursor, Some(caret(&buf)), "{keys}:\n{}", text(&buf));
    }
    let (buf, cursor) = common::render_cursor(&at(80, 24, "5 <end> <enter>"));
    let cursor = cursor.unwrap();
    assert_eq!(
        (buf[cursor].symbol(), buf[(cursor.x + 1, cursor.y)].symbol()),
        (" ", "◀"),
        "the summary: on its first button ({cursor:?})\n{}",
        text(&buf)
    );
    for keys in ["x", "x <down>", "x 1 <down>", "x 3 <enter>", "x 5 <down>"] {
        let (buf, cursor) = common::render_cursor(&kiosk_at(80, 24, keys));
        let cursor = cursor.unwrap_or_else(|| panic!("kiosk {keys}: no cursor"));
        assert_eq!(
            buf[cursor].symbol(),
            "›",
            "kiosk {keys}: the cursor is not on the marker ({cursor:?})\n{}",
            text(&buf)
        );
    }
}

/// A reader at home with a last place and bookmarks: Home offers "Continue reading" (with the
/// section reached under it) first, then the six entries, then the bookmarks, at 80x24 with the
/// disclaimer and crisis line; when the bookmarks do not all fit, ↓ reaches every one, and the
/// cursor follows the selection.
#[test]
fn home_offers_continue_reading_and_the_bookmarks_at_80x24() {
    use moodguide::app::saved::{Bookmark, Spot};
    let c = common::catalog();
    let mut a = at(80, 24, "");
    a.saved.on = true;
    let topic = c.topic_index("ssri-side-effects").unwrap();
    a.saved.last = Some(Spot::Topic {
        topic,
        section: Some(2),
        offset: 0,
    });
    for id in ["sertraline", "ect", "ketamine-what-is-it"] {
        a.saved
            .bookmarks
            .push(Bookmark::Topic(c.topic_index(id).unwrap()));
    }
    a.saved.bookmarks.push(Bookmark::Question(
        c.node_index("is-ketamine-right").unwrap(),
    ));
    moodguide::app::update(&mut a, moodguide::app::Action::Resize(80, 24));
    let shown = text(&render(&a));
    insta::assert_snapshot!("80x24_home_continue_and_bookmarks", shown);
    assert!(
        shown.contains("› Continue reading: SSRI side effects"),
        "{shown}"
    );
    assert!(
        shown.contains(&c.topics[topic].sections[2].heading),
        "{shown}"
    );
    for entry in ["1  Topics", "6  Help", "For education only", "988"] {
        assert!(shown.contains(entry), "{entry}:\n{shown}");
    }
    let mut seen = String::new();
    for _ in 0..12 {
        let (buf, cursor) = common::render_cursor(&a);
        assert_eq!(cursor, Some(focus_from_styles(&buf)), "{}", text(&buf));
        seen.push_str(&text(&buf));
        press(&mut a, "<down>");
    }
    for title in [
        "Bookmark: Sertraline (Zoloft)",
        "Bookmark: ECT (electroconvulsive therapy)",
        "Bookmark: Is ketamine right for me?",
    ] {
        assert!(seen.contains(title), "{title} never shown with ↓");
    }
    // Enter on the last bookmark opens it; the digits still open the numbered entries.
    press(&mut a, "<enter>");
    assert_eq!(a.screen, moodguide::app::Screen::Questions);
    press(&mut a, "h 2");
    assert_eq!(a.screen, moodguide::app::Screen::Compare);
}

/// When the reader has marked concerns, Compare puts the rows they cover first, under "What
/// matters to me" with the sign ♥ on that heading and on each such row (a sign and words, not
/// colour alone); each row shows once, and a set the concerns do not cover is as it was.
#[test]
fn compare_shows_the_marked_concerns_rows_first_and_marks_them() {
    use moodguide::app::table::MARK;
    use moodguide::compare::Row;
    let c = common::catalog();
    let sign = MARK.trim();
    assert!(!text(&render(&at(80, 24, "2"))).contains(sign));
    let mut a = app(80, 24);
    press(&mut a, "m <down> <down> <enter> h 2");
    assert_eq!(a.picks.matters.len(), 1);
    assert_eq!(a.picks.matters[0].0, "sexual");
    let set = &c.sets[a.compare.set];
    let covered = moodguide::summary::marked_rows(c, a.compare.set, &a.picks.matters);
    let attribute = covered.iter().position(|m| *m).unwrap();
    let shown = text(&render(&a));
    let lines: Vec<&str> = shown.lines().collect();
    let heading = format!("{MARK}{}", c.ui.summary_matters);
    let at_heading = lines
        .iter()
        .position(|l| *l == heading)
        .unwrap_or_else(|| panic!("no {heading:?}:\n{shown}"));
    let label = &set.attributes[attribute].label;
    assert!(
        lines[at_heading + 1].starts_with(&format!("{MARK}{label}")),
        "{shown}"
    );
    let first_group = lines
        .iter()
        .position(|l| *l == set.groups[0].title)
        .unwrap();
    assert!(at_heading < first_group, "{shown}");
    let m = moodguide::app::compare::matrix(&a).unwrap();
    let times = m
        .rows
        .iter()
        .filter(|r| matches!(r, Row::Values { attribute: x, .. } if *x == attribute))
        .count();
    assert_eq!((times, m.marked), (1, 2));
    // The cursor starts on it: its cell is what Enter shows and `a` asks about.
    press(&mut a, "a");
    let asked = a.picks.questions[0].title(c).unwrap();
    assert!(asked.contains(label.as_str()), "{asked}");
    // The other set has no row about sexual side effects: as it was.
    press(&mut a, "<tab>");
    assert!(!text(&render(&a)).contains(sign));
    // Unmarked again, the table is as it was.
    press(&mut a, "m");
    let row = moodguide::app::mylist::rows(&a)
        .iter()
        .position(|r| *r == moodguide::app::mylist::ListRow::Concern(2))
        .unwrap();
    a.list.row = row;
    press(&mut a, "<enter> h 2 <tab>");
    assert!(a.picks.matters.is_empty());
    assert_eq!(a.compare.set, 0);
    assert_eq!(moodguide::app::compare::matrix(&a).unwrap().marked, 0);
    assert!(!text(&render(&a)).contains(sign));
}
