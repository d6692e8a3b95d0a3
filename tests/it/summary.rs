//! The take-away summary: its QR codes, drawn with half blocks, decode (with `rqrr`, from the text
//! rows turned back into pixels) to exactly the summary's text or each part's text, in English and
//! Spanish; the validator and the twin check refuse a `matters.toml` that points at nothing or
//! differs; print and save. (`moodguide summary` through the built binary is in `tests/cli.rs`.)
//! `cargo test --test it summary:: -- --nocapture` also prints the capacities at 80x24 and 120x40.

use std::path::Path;

use moodguide::bundle::{Lang, load_in};
use moodguide::content::{self, Catalog, ConcernId, NodeId, ReadyId, TopicId};
use moodguide::summary::qr::{self, Code, Ink, QUIET_ZONE};
use moodguide::summary::{self, Picks, Subject, Summary};

use crate::common;
use crate::common::qr::decode;

fn catalog(lang: Lang) -> Catalog {
    load_in(lang).unwrap().0
}

fn short_picks() -> Picks {
    Picks {
        matters: vec![ConcernId("cost".into())],
        questions: vec![Subject::Ready(ReadyId("insurance".into()))],
        read: vec![],
    }
}

fn long_picks() -> Picks {
    Picks {
        matters: ["speed", "sexual", "weight", "cost", "pregnancy"]
            .iter()
            .map(|k| ConcernId((*k).into()))
            .collect(),
        questions: vec![
            Subject::Ready(ReadyId("how-will-we-know".into())),
            Subject::Ready(ReadyId("pregnancy".into())),
            Subject::parse("compare:ssris/sertraline/sexual").unwrap(),
            Subject::parse("topic:ssri-stopping#symptoms").unwrap(),
            Subject::Question(NodeId("is-ketamine-right".into())),
            Subject::parse("glossary:remission").unwrap(),
        ],
        read: vec![
            Subject::Topic {
                topic: TopicId("ssri-side-effects".into()),
                section: None,
            },
            Subject::parse("compare:treatments").unwrap(),
        ],
    }
}

fn text_of(c: &Catalog, picks: &Picks) -> (Summary, String) {
    let s = summary::build(c, picks);
    let text = summary::to_text(&s, 0);
    (s, text)
}

#[test]
fn a_short_summary_is_one_code_that_decodes_to_its_text() {
    for lang in [Lang::En, Lang::Es] {
        let c = catalog(lang);
        let (_, text) = text_of(&c, &short_picks());
        let code = Code::encode(&text).unwrap();
        assert_eq!(decode(&code.rows(Ink::Dark), Ink::Dark), text);
        // The same code drawn for light ink on a dark ground (reverse video without colour).
        assert_eq!(decode(&code.rows(Ink::Light), Ink::Light), text);
    }
    // At 120x40 the English one fits one code, which then holds the text without a number.
    let c = catalog(Lang::En);
    let (_, text) = text_of(&c, &short_picks());
    let (cols, rows) = code_area(120, 40, false);
    let parts = qr::parts(&text, cols, rows, &c.ui.summary_part).unwrap();
    assert_eq!(parts.len(), 1, "{} bytes", text.len());
    assert_eq!(parts[0].text, text);
    assert_eq!(decode(&parts[0].code.rows(Ink::Dark), Ink::Dark), text);
}

#[test]
fn a_long_summary_is_numbered_codes_that_decode_to_its_parts() {
    for (lang, area) in [
        (Lang::En, (80, 24)),
        (Lang::Es, (80, 24)),
        (Lang::En, (120, 40)),
        (Lang::Es, (120, 40)),
    ] {
        let c = catalog(lang);
        let (_, text) = text_of(&c, &long_picks());
        let (cols, rows) = code_area(area.0, area.1, false);
        let parts = qr::parts(&text, cols, rows, &c.ui.summary_part).unwrap();
        assert!(parts.len() > 1, "{lang:?} {area:?}: {} bytes", text.len());
        let mut joined = String::new();
        for (k, part) in parts.iter().enumerate() {
            let drawn = part.code.rows(Ink::Dark);
            assert!(drawn.len() <= rows && drawn[0].chars().count() <= cols);
            let decoded = decode(&drawn, Ink::Dark);
            assert_eq!(decoded, part.text);
            let (head, body) = decoded.split_once('\n').unwrap();
            assert_eq!(head, qr::numbered(&c.ui.summary_part, k + 1, parts.len()));
            joined.push_str(body);
        }
        assert_eq!(joined, text, "{lang:?}: the parts rejoin to the summary");
        if lang == Lang::Es {
            assert!(joined.contains("¿Cómo vamos a saber") && joined.contains("prescriptor"));
        }
    }
}

/// The area the summary screen gives its code at `w`x`h` (columns, rows), in the guide or the
/// kiosk: the body less the summary's bar (the title bar gives its rows to the code).
fn code_area(w: u16, h: u16, kiosk: bool) -> (usize, usize) {
    use moodguide::app::{self, Action};
    let mut a = on_summary(kiosk, false);
    app::update(&mut a, Action::Resize(w, h));
    let view = moodguide::app::summary_screen::summary_view(&a);
    (usize::from(a.chrome().body.width), usize::from(view.rows))
}

/// The largest code each screen size holds, in the guide and the kiosk (the README's table):
/// a text of exactly its capacity fits and decodes, and the next version up would not fit. At
/// 80x24 the code is version 5 in both, since the title bar gives its rows to the code.
#[test]
fn capacities_at_the_screen_sizes_the_kiosk_uses() {
    for (w, h) in [(80, 24), (120, 40)] {
        for kiosk in [false, true] {
            let (cols, body) = code_area(w, h, kiosk);
            let cap = qr::capacity(cols, body);
            // A text of exactly that many bytes, accented (the UTF-8 header), fits the area...
            let text = format!("{}{}", "ñ", "a".repeat(cap - 2));
            let code = Code::encode(&text).unwrap();
            let (cw, ch) = code.cells();
            assert!(cw <= cols && ch <= body, "{cols}x{body}: {cw}x{ch}");
            assert_eq!(decode(&code.rows(Ink::Dark), Ink::Dark), text);
            // ...and the next version up would not.
            assert!((code.side() + 4) + 2 * QUIET_ZONE > cols.min(2 * body));
            if (w, h) == (80, 24) {
                assert_eq!(code.version(), 5, "kiosk {kiosk}");
            }
            println!(
                "{w}x{h} (kiosk {kiosk}): code area {cols}x{body}, version {} ({} modules, \
                 {cw}x{ch} cells), {cap} bytes at level {:?}",
                code.version(),
                code.side(),
                qr::EC_LEVEL
            );
        }
    }
}

/// A copy of the bundled pack with `edit` applied to one of its files.
fn pack_with(file: &str, edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets"),
        dir.path(),
    );
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edit(&text)).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn problems(dir: &Path) -> Vec<String> {
    match content::check_dir(dir) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_concern_about_rows_that_do_not_exist_is_refused() {
    let p = pack_with("matters.toml", |t| {
        t.replacen("group = \"cost\"", "group = \"price\"", 1)
    });
    assert_eq!(
        problems(p.path()),
        [
            "matters.toml:65:1: [cost] covers group 'price', which comparison set 'ssris' does not have"
        ]
    );
    let p = pack_with("matters.toml", |t| {
        t.replacen("rows = [\"sexual\"]", "rows = [\"sexual\", \"forms\"]", 1)
            .replacen(
                "set = \"treatments\"\ngroup = \"cost\"",
                "set = \"ssri\"\ngroup = \"cost\"",
                1,
            )
            .replacen("concern = \"cost\"", "concern = \"money\"", 1)
    });
    let found = problems(p.path());
    for want in [
        "[sexual] covers row 'forms', which is in group 'taking', not 'side-effects'",
        "[cost] covers unknown comparison set 'ssri'",
        "[insurance] question is for unknown concern 'money'",
    ] {
        assert!(found.iter().any(|f| f.contains(want)), "{want}: {found:#?}");
    }
}

#[test]
fn the_spanish_concerns_must_be_the_english_ones() {
    let p = pack_with("es/matters.toml", |t| {
        t.replacen("id = \"weight\"", "id = \"peso\"", 1)
    });
    let found = problems(p.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("es/matters.toml:") && found[0].contains("is not the twin"),
        "{found:#?}"
    );
}

#[test]
fn a_spanish_concern_or_question_keeps_the_english_numbers() {
    let p = pack_with("es/matters.toml", |t| {
        t.replacen("¿Cuándo voy a notar", "¿En 2 semanas voy a notar", 1)
    });
    let found = problems(p.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("[when-change] question when-change (speed) has the numbers [\"2\"]"),
        "{found:#?}"
    );
}

/// The QR code drawn on a screen: the rows that hold half blocks, cut to the columns they use
/// (the quiet zone around it is put back as a white margin by [`pixels`]), and its cells' style.
fn code_on_screen(buf: &ratatui::buffer::Buffer) -> (Vec<String>, ratatui::style::Style) {
    let is_block = |s: &str| matches!(s, "█" | "▀" | "▄");
    let (w, h) = (buf.area.width, buf.area.height);
    let rows: Vec<u16> = (0..h)
        .filter(|&y| (0..w).filter(|&x| is_block(buf[(x, y)].symbol())).count() > 6)
        .collect();
    let x0 = (0..w)
        .find(|&x| rows.iter().any(|&y| is_block(buf[(x, y)].symbol())))
        .unwrap();
    let x1 = (0..w)
        .rev()
        .find(|&x| rows.iter().any(|&y| is_block(buf[(x, y)].symbol())))
        .unwrap();
    let style = buf[(x0, rows[0])].style();
    let text = rows
        .iter()
        .map(|&y| {
            (x0..=x1)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        })
        .collect();
    (text, style)
}

/// A visit, with keys alone: a question, a topic section and a comparison cell added from their
/// screens (`a`), a concern marked in My list, then the summary; each QR code drawn on the screen
/// decodes to its part, and the parts give back the summary's text exactly. At 80x24 and 120x40,
/// in the guide and the kiosk, with colour and with `NO_COLOR`.
#[test]
fn a_visit_ends_in_a_summary_whose_codes_on_screen_decode_to_it() {
    use moodguide::app::{App, CompareFocus, Screen};
    use moodguide::ui::theme::{COLOR, PLAIN};
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        for kiosk in [false, true] {
            let mut a = if kiosk {
                let mut k = App::kiosk(common::catalog(), common::index(), (w, h), None);
                common::press(&mut k, "<enter>");
                k
            } else {
                common::app(w, h)
            };
            common::press(&mut a, "3 a h 1 <enter> <down> <down> <down> <down> a h 2");
            while a.compare.focus != CompareFocus::Table {
                common::press(&mut a, "<down>");
            }
            common::press(&mut a, "<down> a");
            assert_eq!(
                a.picks.questions.len(),
                3,
                "three questions from three screens"
            );
            common::press(&mut a, "m <enter>");
            assert_eq!(
                a.picks.matters.len(),
                1,
                "Enter on the first concern marks it"
            );
            while a.screen != Screen::Summary {
                common::press(&mut a, "<down> <enter>");
            }
            let payload = moodguide::app::summary_screen::payload(&a);
            let parts = moodguide::app::summary_screen::summary_view(&a)
                .parts
                .clone();
            assert!(!parts.is_empty(), "no code fits {w}x{h}");
            let mut joined = String::new();
            for (n, part) in parts.iter().enumerate() {
                for theme in [&COLOR, &PLAIN] {
                    let buf = common::render_with(&a, theme);
                    let (rows, style) = code_on_screen(&buf);
                    let reset = |c: Option<ratatui::style::Color>| {
                        c.unwrap_or(ratatui::style::Color::Reset)
                    };
                    assert_eq!(
                        (reset(style.fg), reset(style.bg), style.add_modifier),
                        (
                            reset(theme.qr.fg),
                            reset(theme.qr.bg),
                            theme.qr.add_modifier
                        ),
                        "the code's style at {w}x{h}"
                    );
                    let text = decode(&rows, Ink::Dark);
                    assert_eq!(text, part.text, "code {n} at {w}x{h} (kiosk {kiosk})");
                }
                joined.push_str(if parts.len() > 1 {
                    part.text.split_once('\n').unwrap().1
                } else {
                    &part.text
                });
                common::press(&mut a, "<right>");
            }
            assert_eq!(joined, payload, "the codes do not give back the summary");
            // The same text is one key away.
            common::press(&mut a, "<enter>");
            let shown = common::text(&common::render(&a));
            let title = &common::catalog().ui.summary_title;
            assert!(shown.contains(title.as_str()), "the text view:\n{shown}");
            println!(
                "{w}x{h} (kiosk {kiosk}): {} bytes in {} codes",
                payload.len(),
                parts.len()
            );
        }
    }
}

/// An idle reset forgets the list and the marks, like the rest of the visit.
#[test]
fn an_idle_reset_forgets_my_list() {
    use moodguide::app::{self, Action, App};
    let fresh = App::kiosk(common::catalog(), common::index(), (80, 24), None);
    let mut a = fresh.clone();
    common::press(&mut a, "<enter> 3 a m <enter>");
    assert!(!a.picks.is_empty());
    app::update(&mut a, Action::IdleReset);
    assert_eq!(a, fresh, "the reset kept something of the visit");
}

/// Feeds key strings through the key table and `update`, and returns the last effect asked for.
fn press_for_effect(a: &mut moodguide::app::App<'_>, keys: &str) -> Option<moodguide::app::Effect> {
    use moodguide::app::{self, Control};
    let mut effect = None;
    for k in common::keys(keys) {
        if let Some(action) = moodguide::keymap::lookup(a.layer(), k)
            && let Control::Effect(e) = app::update(a, action)
        {
            effect = Some(e);
        }
    }
    effect
}

/// An app on the summary screen with one concern and one question picked.
fn on_summary(kiosk: bool, can_print: bool) -> moodguide::app::App<'static> {
    use moodguide::app::{App, Screen};
    let mut a = if kiosk {
        let mut k = App::kiosk(common::catalog(), common::index(), (80, 24), None);
        common::press(&mut k, "<enter>");
        k
    } else {
        common::app(80, 24)
    };
    a.can_print = can_print;
    common::press(&mut a, "3 a m <enter> <end> <enter>");
    assert_eq!(a.screen, Screen::Summary);
    assert_eq!((a.picks.matters.len(), a.picks.questions.len()), (1, 1));
    a
}

/// The text of the screen `a` shows.
fn screen(a: &moodguide::app::App<'_>) -> String {
    common::text(&common::render(a))
}

/// Types `text` into the field that has the keys.
fn type_in(a: &mut moodguide::app::App<'_>, text: &str) {
    for ch in text.chars() {
        moodguide::app::update(a, moodguide::app::Action::Type(ch));
    }
}

/// A print command that writes what it gets to `out` (`sh` is the test's printer, named as a
/// program: the guide itself runs no shell).
fn printer_into(out: &Path) -> moodguide::takeaway::PrintCommand {
    let path = out.display().to_string();
    let quoted = shlex::try_quote(&path).unwrap();
    moodguide::takeaway::PrintCommand::parse(&format!("sh -c 'cat > \"$0\"' {quoted}")).unwrap()
}

/// At home with a print command: the Print button (↑ to the buttons, →, Enter) or `p` asks the
/// loop to print the summary as text for paper; "Printing…" shows while the command runs, the
/// command gets exactly that text, and the screen then says it was sent.
#[test]
fn print_sends_the_summary_to_the_command_and_says_so() {
    use moodguide::app::summary_screen::PAPER_WIDTH;
    use moodguide::app::{self, Action, Effect, Screen};
    let c = common::catalog();
    let mut a = on_summary(false, true);
    let text = summary::to_text(&summary::build(c, &a.picks), PAPER_WIDTH);
    assert!(screen(&a).contains("p print"), "the footer offers p");
    let effect = press_for_effect(&mut a, "<up> <right> <enter>");
    assert_eq!(effect, Some(Effect::Print(text.clone())));
    assert!(screen(&a).contains(&c.ui.summary_printing));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("paper.txt");
    let outcome = moodguide::takeaway::perform(&effect.unwrap(), Some(&printer_into(&out)), true);
    app::update(&mut a, Action::Done(outcome));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
    assert!(screen(&a).contains(&c.ui.summary_printed), "{}", screen(&a));
    assert_eq!(press_for_effect(&mut a, "p"), Some(Effect::Print(text)));
    // A failure at home says why, and the reader stays on the summary.
    let failed = moodguide::takeaway::PrintCommand::parse("false").unwrap();
    let outcome = moodguide::takeaway::perform(&Effect::Print("x".into()), Some(&failed), true);
    app::update(&mut a, Action::Done(outcome));
    let shown = screen(&a);
    assert!(
        shown.contains("Could not print: the print command failed (exit status 1)."),
        "{shown}"
    );
    assert_eq!(a.screen, Screen::Summary);
}

/// Without a print command there is no Print button, `p` does nothing and the footer does not
/// offer it.
#[test]
fn without_a_print_command_nothing_offers_to_print() {
    let c = common::catalog();
    for kiosk in [false, true] {
        let mut a = on_summary(kiosk, false);
        let shown = screen(&a);
        assert!(
            !shown.contains(&format!(" {} ", c.ui.summary_print)),
            "{shown}"
        );
        assert!(!shown.contains("p print"), "{shown}");
        assert_eq!(press_for_effect(&mut a, "p"), None);
        assert_eq!(a.list.notice, None);
    }
}

/// A kiosk with a print command: Print is reached with arrows and Enter alone, and by touch
/// through the kiosk's own path (`tui::handle` with its policy). A failing command sends the
/// visitor to the front desk, in the pack's words and without the reason, and the kiosk stays on
/// the summary.
#[test]
fn a_kiosk_prints_by_arrows_or_touch_and_a_failure_sends_the_visitor_to_the_desk() {
    use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    use moodguide::app::{self, Action, Control, Effect, Failure, Outcome, Screen};
    use moodguide::kiosk::{KioskConfig, KioskPolicy};
    let c = common::catalog();
    let mut k = on_summary(true, true);
    let effect = press_for_effect(&mut k, "<up> <right> <enter>");
    assert!(matches!(effect, Some(Effect::Print(_))), "{effect:?}");
    let cmd = moodguide::takeaway::PrintCommand::parse("false").unwrap();
    let outcome = moodguide::takeaway::perform(&effect.unwrap(), Some(&cmd), false);
    assert_eq!(outcome, Outcome::Failed(Failure::Status(Some(1))));
    app::update(&mut k, Action::Done(outcome));
    let shown = screen(&k);
    assert!(shown.contains(&c.ui.summary_print_desk), "{shown}");
    assert!(
        c.ui.summary_print_desk
            .contains("Please ask at the front desk")
    );
    assert!(!shown.contains("exit status"), "{shown}");
    assert_eq!(k.screen, Screen::Summary);
    // A touch on Print.
    let buf = common::render(&k);
    let label = format!(" {} ", c.ui.summary_print);
    let (x, y) = (0..buf.area.height)
        .find_map(|y| {
            let row = common::row_text(&buf, y);
            row.find(&label)
                .map(|i| (u16::try_from(row[..i].chars().count()).unwrap() + 1, y))
        })
        .expect("a Print button");
    let mut policy = KioskPolicy::new(
        KioskConfig::from_toml("[staff]\npin = \"2468\"\n").unwrap(),
        std::time::Instant::now(),
    );
    let touch = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    });
    let control =
        moodguide::tui::handle(&mut k, Some(&mut policy), &touch, std::time::Instant::now());
    assert!(
        matches!(control, Control::Effect(Effect::Print(_))),
        "{control:?}"
    );
}

/// At home, Save (here by arrows and Enter) asks where in a one-line field that starts with
/// `./moodguide-summary.md`; Enter asks the loop to save, and the file read back is the
/// summary's Markdown. A name that is taken gets a number, a `.txt` name gets plain text, and Esc
/// closes the field without saving.
#[test]
fn save_at_home_writes_the_summary_and_never_over_a_file() {
    use moodguide::app::summary_screen::{DEFAULT_SAVE_PATH, PAPER_WIDTH};
    use moodguide::app::{self, Action, Effect, Outcome, Screen};
    let c = common::catalog();
    let mut a = on_summary(false, false);
    let built = summary::build(c, &a.picks);
    let dir = tempfile::tempdir().unwrap();
    common::press(&mut a, "<up> <right> <enter>");
    assert_eq!(a.list.save.as_deref(), Some(DEFAULT_SAVE_PATH));
    let shown = screen(&a);
    assert!(
        shown.contains(DEFAULT_SAVE_PATH) && shown.contains("Save the summary as"),
        "{shown}"
    );
    // The field has the keys and the screen: no buttons beside it.
    assert!(moodguide::app::summary_screen::buttons(&a).is_empty());
    assert!(!shown.contains(&c.ui.summary_as_text), "{shown}");
    let mine = dir.path().join("mine.md");
    let save_as = |a: &mut moodguide::app::App<'static>, path: &Path| {
        common::press(a, "<c-u>");
        type_in(a, &path.display().to_string());
        let effect = press_for_effect(a, "<enter>").expect("Enter asks to save");
        let outcome = moodguide::takeaway::perform(&effect, None, true);
        app::update(a, Action::Done(outcome));
        (effect, outcome)
    };
    let (effect, outcome) = save_as(&mut a, &mine);
    assert_eq!(
        effect,
        Effect::Save {
            path: mine.clone(),
            text: summary::to_markdown(&built)
        }
    );
    assert_eq!(outcome, Outcome::Saved { number: 0 });
    assert_eq!(
        std::fs::read_to_string(&mine).unwrap(),
        summary::to_markdown(&built)
    );
    let saved =
        c.ui.summary_saved
            .replace("{path}", &mine.display().to_string());
    assert!(screen(&a).contains(&saved), "{}", screen(&a));
    // The same name again: the first file stays, the second gets a number.
    common::press(&mut a, "s");
    let (_, outcome) = save_as(&mut a, &mine);
    assert_eq!(outcome, Outcome::Saved { number: 2 });
    let second = dir.path().join("mine-2.md");
    let saved =
        c.ui.summary_saved
            .replace("{path}", &second.display().to_string());
    assert!(screen(&a).contains(&saved), "{}", screen(&a));
    assert_eq!(
        std::fs::read_to_string(&second).unwrap(),
        summary::to_markdown(&built)
    );
    // Plain text.
    common::press(&mut a, "s");
    let plain = dir.path().join("mine.TXT");
    save_as(&mut a, &plain);
    assert_eq!(
        std::fs::read_to_string(&plain).unwrap(),
        summary::to_text(&built, PAPER_WIDTH)
    );
    // A folder that is not there: the reason shows.
    common::press(&mut a, "s");
    save_as(&mut a, &dir.path().join("nowhere/mine.md"));
    assert!(
        screen(&a).contains("Could not save: no such program or folder."),
        "{}",
        screen(&a)
    );
    // Esc closes the field and saves nothing; the reader stays on the summary.
    common::press(&mut a, "s x <esc>");
    assert_eq!((a.list.save.as_ref(), a.screen), (None, Screen::Summary));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
}

/// A kiosk shows no Save button; its policy refuses the save action, `s` through the kiosk's path
/// does nothing, and even an action that got past the policy opens no field.
#[test]
fn a_kiosk_has_no_save_button_and_refuses_to_save() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use moodguide::app::summary_screen::{Button, buttons};
    use moodguide::app::{self, Action, Control};
    use moodguide::kiosk::{KioskConfig, KioskPolicy};
    let c = common::catalog();
    let mut k = on_summary(true, true);
    assert!(!buttons(&k).contains(&Button::Save));
    let shown = screen(&k);
    assert!(
        !shown.contains(&format!(" {} ", c.ui.summary_save)),
        "{shown}"
    );
    let mut policy = KioskPolicy::new(
        KioskConfig::from_toml("[staff]\npin = \"2468\"\n").unwrap(),
        std::time::Instant::now(),
    );
    assert!(!policy.permits(&Action::Save));
    let s = Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE));
    let control = moodguide::tui::handle(&mut k, Some(&mut policy), &s, std::time::Instant::now());
    assert_eq!(control, Control::Continue);
    assert_eq!(k.list.save, None);
    assert_eq!(app::update(&mut k, Action::Save), Control::Continue);
    assert_eq!(k.list.save, None);
}

/// "←/→ other code" is offered (footer and help) only while a code shows and there are several:
/// not with one code, and not in the text view.
#[test]
fn other_code_is_offered_only_when_there_are_several() {
    use moodguide::app::summary_screen::Button;
    use moodguide::app::{self, Action};
    let other = "←/→ other code";
    let mut a = on_summary(false, false);
    assert!(moodguide::app::summary_screen::summary_view(&a).parts.len() > 1);
    assert!(screen(&a).contains(other), "{}", screen(&a));
    common::press(&mut a, "<enter>");
    assert!(a.list.as_text);
    assert!(!screen(&a).contains("other code"), "{}", screen(&a));
    common::press(&mut a, "<enter>");
    app::update(&mut a, Action::Resize(120, 40));
    assert_eq!(
        moodguide::app::summary_screen::summary_view(&a).parts.len(),
        1
    );
    let shown = screen(&a);
    assert!(!shown.contains("other code"), "{shown}");
    let bar = moodguide::app::summary_screen::buttons(&a);
    assert!(
        !bar.iter()
            .any(|b| matches!(b, Button::Prev | Button::Part | Button::Next))
    );
    common::press(&mut a, "?");
    assert!(!screen(&a).contains("other code"), "help: {}", screen(&a));
}

/// While a code shows, the title bar gives its rows to the code: the crisis line and the footer
/// stay, and the summary's bar offers Back (by touch, or ↑ then ← and Enter); the text view has
/// the title bar again.
#[test]
fn a_code_takes_the_title_bars_rows_and_offers_back() {
    use moodguide::app::Screen;
    use moodguide::ui::{Mouse, mouse};
    let c = common::catalog();
    for kiosk in [false, true] {
        let mut a = on_summary(kiosk, false);
        let buf = common::render(&a);
        let lines: Vec<String> = (0..buf.area.height)
            .map(|y| common::row_text(&buf, y))
            .collect();
        assert!(!lines[0].contains(&c.meta.title), "{}", lines[0]);
        assert!(lines[0].contains(&c.ui.back), "{}", lines[0]);
        assert!(lines[23].starts_with("Need help now?"), "{}", lines[23]);
        let x = u16::try_from(lines[0].find(&c.ui.back).unwrap()).unwrap();
        let action = mouse(&a, Mouse::Click, x + 1, 0).unwrap();
        moodguide::app::update(&mut a, action);
        assert_eq!(a.screen, Screen::MyList, "kiosk {kiosk}");
        // Back to the summary, then to the text: the title bar is back.
        common::press(&mut a, "<end> <enter> <enter>");
        assert!(a.list.as_text);
        assert!(
            screen(&a)
                .lines()
                .take(3)
                .any(|l| l.contains(&c.meta.title)),
            "{}",
            screen(&a)
        );
        // With keys: ↑ to the buttons, ← to Back, Enter.
        common::press(
            &mut a,
            "<enter> <up> <left> <left> <left> <left> <left> <enter>",
        );
        assert_eq!(a.screen, Screen::MyList, "kiosk {kiosk}");
    }
}

/// The summary's text and codes are laid out by `update` (`App::settle`), once per change of the
/// picks or the size, and drawing only reads them: every frame gets the same kept view; a resize
/// lays it out again; leaving the screen forgets it.
#[test]
fn the_summary_is_laid_out_by_update_not_by_each_frame() {
    use moodguide::app::summary_screen::summary_view;
    use moodguide::app::{self, Action};
    use std::sync::Arc;
    let mut a = on_summary(false, false);
    let kept = summary_view(&a);
    common::render(&a);
    common::render(&a);
    assert!(
        Arc::ptr_eq(&kept, &summary_view(&a)),
        "a frame made its own"
    );
    common::press(&mut a, "<right>");
    assert!(
        Arc::ptr_eq(&kept, &summary_view(&a)),
        "a step made it again"
    );
    app::update(&mut a, Action::Resize(100, 30));
    let resized = summary_view(&a);
    assert!(!Arc::ptr_eq(&kept, &resized));
    assert!(Arc::ptr_eq(&resized, &summary_view(&a)));
    common::press(&mut a, "<esc>");
    assert_eq!(a.laid.summary, moodguide::app::laid::Memo::default());
}
