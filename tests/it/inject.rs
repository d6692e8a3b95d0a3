//! Content cannot attack the terminal: hostile text placed in a catalog behind validation's back is
//! stripped at render (ratatui drops control characters in `set_string`; `ui::scrub` catches what
//! reaches a cell any other way), so none of it reaches the bytes the real terminal backend writes.
#![allow(clippy::unwrap_used)]

use moodguide::app::{self, Action, App};
use moodguide::markup::parse;
use moodguide::search::SearchIndex;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

const CLIPBOARD: &str = "\u{1b}]52;c;ZXZpbA==\u{7}";
const CLEAR: &str = "\u{1b}[2J";
const HYPERLINK: &str = "\u{1b}]8;;https://evil.example\u{1b}\\click\u{1b}]8;;\u{1b}\\";
const BIDI: &str = "\u{202E}gnp.exe";
const NUL: &str = "a\u{0}b";

fn hostile() -> String {
    format!("Title {CLIPBOARD} {CLEAR} {HYPERLINK} {BIDI} {NUL} end")
}

/// A writer whose bytes the test can read after the terminal is done with it.
#[derive(Clone, Default)]
struct Sink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Renders through the real crossterm backend into memory and returns the bytes written.
fn bytes(app: &App<'_>) -> Vec<u8> {
    let sink = Sink::default();
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let options = TerminalOptions {
        viewport: Viewport::Fixed(area),
    };
    let mut term = Terminal::with_options(CrosstermBackend::new(sink.clone()), options).unwrap();
    term.draw(|f| moodguide::ui::render(app, f, &moodguide::ui::theme::COLOR))
        .unwrap();
    sink.0.lock().unwrap().clone()
}

fn assert_clean(out: &[u8], place: &str) {
    let text = String::from_utf8_lossy(out);
    for (name, needle) in [
        ("clipboard write", "\u{1b}]52"),
        ("hyperlink", "\u{1b}]8"),
        ("clear screen", "\u{1b}[2J"),
        ("bidi override", "\u{202E}"),
        ("NUL", "\u{0}"),
        ("bell", "\u{7}"),
    ] {
        assert!(
            !text.contains(needle),
            "{place}: {name} reached the terminal"
        );
    }
    // The only escape sequences are the backend's own CSI sequences (colours, cursor moves).
    for (i, _) in text.match_indices('\u{1b}') {
        assert_eq!(
            text[i + 1..].chars().next(),
            Some('['),
            "{place}: a non-CSI escape at byte {i}"
        );
    }
    assert!(
        text.contains("Title"),
        "{place}: the rest of the text is still shown"
    );
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let mut c = moodguide::bundle::catalog().unwrap();
    let evil = hostile();
    c.meta.crisis = evil.clone();
    c.meta.title = evil.clone();
    c.topics[0].title = evil.clone();
    c.topics[0].sections[0].heading = evil.clone();
    c.topics[0].sections[0].doc = parse(&evil).0;
    c.topics[0].summary_doc = parse(&evil).0;
    c.faq.nodes[0].question = evil.clone();
    c.sets[0].items[0].name = evil.clone();
    c.sets[0].cells[0].text = evil.clone();
    c.glossary[0].term = evil.clone();
    let index = SearchIndex::build(&c);
    let screens: &[&[Action]] = &[
        &[],
        &[Action::Menu(0), Action::Activate],
        &[Action::Menu(1), Action::Activate],
        &[Action::Menu(2)],
        &[
            Action::OpenSearch,
            Action::Type('T'),
            Action::Type('i'),
            Action::Type('t'),
        ],
    ];
    for (n, actions) in screens.iter().enumerate() {
        let mut a = App::new(&c, &index, (100, 30));
        for act in *actions {
            app::update(&mut a, *act);
        }
        assert_clean(&bytes(&a), &format!("screen {n}"));
    }
}
