//! Shared test helpers: the bundled catalog and index (loaded once), key strings fed through the key
//! table into `update`, and rendering into a test backend; `pty` runs the real binary in a
//! pseudo-terminal. Every test target that declares `mod common` compiles all of it, so unused
//! helpers are allowed.
#![allow(dead_code, clippy::unwrap_used)]

pub mod pack;
pub mod pty;
pub mod qr;

use std::sync::OnceLock;

use moodguide::app::{App, Control};
use moodguide::content::Catalog;
use moodguide::keymap::Key;
use moodguide::search::SearchIndex;
use moodguide::step;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The bundled content and its index, as the app loads them, once for all tests.
fn bundled() -> &'static (Catalog, SearchIndex) {
    static B: OnceLock<(Catalog, SearchIndex)> = OnceLock::new();
    B.get_or_init(|| match std::env::var_os("MOODGUIDE_TEST_CONTENT") {
        // A content pack on disk instead of the bundled one: lets a writer run the content rules
        // (tests/it/content_rules.rs) on a pack without rebuilding the binary.
        Some(dir) => {
            let c = moodguide::content::load_dir(std::path::Path::new(&dir)).unwrap_or_else(|e| {
                panic!(
                    "{}",
                    e.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n")
                )
            });
            let ix = moodguide::bundle::index_for(&c);
            (c, ix)
        }
        None => moodguide::bundle::load().unwrap(),
    })
}

/// The bundled content.
pub fn catalog() -> &'static Catalog {
    &bundled().0
}

/// The search index over the bundled content.
pub fn index() -> &'static SearchIndex {
    &bundled().1
}

/// A fresh app of the given size.
pub fn app(w: u16, h: u16) -> App<'static> {
    App::new(catalog(), index(), (w, h))
}

/// Parses "down down <enter> / z o l" style key strings: `<name>` for special keys, `<space>` for a
/// space, any other word is typed one character at a time.
pub fn keys(s: &str) -> Vec<Key> {
    let mut out = Vec::new();
    for word in s.split_whitespace() {
        let k = match word {
            "<enter>" => Key::Enter,
            "<esc>" => Key::Esc,
            "<bs>" => Key::Backspace,
            "<tab>" => Key::Tab,
            "<backtab>" => Key::BackTab,
            "<up>" => Key::Up,
            "<down>" => Key::Down,
            "<left>" => Key::Left,
            "<right>" => Key::Right,
            "<pgup>" => Key::PageUp,
            "<pgdn>" => Key::PageDown,
            "<home>" => Key::Home,
            "<end>" => Key::End,
            "<space>" => Key::Char(' '),
            w if w.starts_with("<c-") => Key::Ctrl(w.chars().nth(3).unwrap()),
            w => {
                out.extend(w.chars().map(Key::Char));
                continue;
            }
        };
        out.push(k);
    }
    out
}

/// Feeds keys through the loop's own dispatch (`step::step`: the key table, then `update`);
/// returns Quit if any key quit.
pub fn press(app: &mut App<'_>, s: &str) -> Control {
    let now = std::time::Instant::now();
    for k in keys(s) {
        if step::step(app, None, step::Input::Key(k), now) == Control::Quit {
            return Control::Quit;
        }
    }
    Control::Continue
}

/// Renders the app with the given theme and returns the terminal's buffer.
pub fn render_with(app: &App<'_>, theme: &moodguide::ui::Theme) -> ratatui::buffer::Buffer {
    let (w, h) = app.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| moodguide::ui::render(app, f, theme)).unwrap();
    term.backend().buffer().clone()
}

/// Renders with the colour theme; returns the buffer and where the frame put the terminal's
/// cursor (`None` when it placed none and the cursor was hidden).
pub fn render_cursor(
    app: &App<'_>,
) -> (ratatui::buffer::Buffer, Option<ratatui::layout::Position>) {
    let (w, h) = app.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| moodguide::ui::render(app, f, &moodguide::ui::theme::COLOR))
        .unwrap();
    let backend = term.backend_mut();
    let at = ratatui::backend::Backend::get_cursor_position(backend).unwrap();
    let shown = backend.cursor_visible().then_some(at);
    (backend.buffer().clone(), shown)
}

/// Renders with the colour theme.
pub fn render(app: &App<'_>) -> ratatui::buffer::Buffer {
    render_with(app, &moodguide::ui::theme::COLOR)
}

/// The buffer as text, one line per row, trailing spaces trimmed.
pub fn text(buf: &ratatui::buffer::Buffer) -> String {
    let w = usize::from(buf.area.width);
    let mut out = String::new();
    for row in buf.content.chunks(w) {
        let line: String = row.iter().map(ratatui::buffer::Cell::symbol).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A row of the buffer as text; the cell after a wide character is skipped.
pub fn row_text(buf: &ratatui::buffer::Buffer, y: u16) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut out = String::new();
    let mut skip = 0;
    for x in 0..buf.area.width {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let sym = buf[(x, y)].symbol();
        out.push_str(sym);
        skip = sym.width().saturating_sub(1);
    }
    out
}

/// The characters of the content (everything in `assets/` but the labels of `ui.toml` and the
/// format's documentation): text the guide shows as written, whatever the terminal.
pub fn content_chars() -> std::collections::BTreeSet<char> {
    fn walk(dir: &std::path::Path, out: &mut std::collections::BTreeSet<char>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if path.is_dir() {
                walk(&path, out);
            } else if name != "ui.toml" && name != "FORMAT.md" {
                out.extend(std::fs::read_to_string(&path).unwrap().chars());
            }
        }
    }
    let mut out = std::collections::BTreeSet::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets"),
        &mut out,
    );
    out
}

/// The characters of `shown` that the Linux console's fonts lack and `content` does not hold: the
/// guide's own signs drawn where the console cannot show them (sorted, once each).
pub fn off_the_console(shown: &str, content: &std::collections::BTreeSet<char>) -> Vec<char> {
    use moodguide::ui::glyphs::in_console_font;
    let mut out: Vec<char> = shown
        .chars()
        .filter(|c| !c.is_control() && !in_console_font(*c) && !content.contains(c))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}
