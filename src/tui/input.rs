//! Where the loop's input comes from and what it becomes: the terminal's events (or a script in
//! the whole-loop tests) and the time ([`Source`]), turned into the guide's [`Input`] and handed
//! to [`step::step`]; and how a backend wipes the screen for a kiosk's next visit ([`Wipe`]).

use std::io::{self, Write};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{Clear, ClearType};
use ratatui::backend::{Backend, CrosstermBackend};

use super::caret::Caret;
use super::wide::CoveredFirst;
use crate::app::{App, Control};
use crate::keymap::Key;
use crate::kiosk::KioskPolicy;
use crate::step::{self, Input};
use crate::ui::Mouse;

/// Where the loop's input and time come from: the terminal and the system clock when the guide
/// runs ([`Terminal`]'s crossterm events), or a script and a simulated clock in the whole-loop
/// tests.
pub trait Source {
    /// Whether an event is waiting, after waiting at most `timeout` for one.
    ///
    /// # Errors
    /// The input cannot be read.
    fn poll(&mut self, timeout: Duration) -> io::Result<bool>;
    /// The next event (after `poll` said one is waiting).
    ///
    /// # Errors
    /// The input cannot be read.
    fn read(&mut self) -> io::Result<Event>;
    /// The time now.
    fn now(&self) -> Instant;
}

/// The real terminal's events and the system clock.
pub(super) struct Crossterm;

impl Source for Crossterm {
    fn poll(&mut self, timeout: Duration) -> io::Result<bool> {
        event::poll(timeout)
    }
    fn read(&mut self) -> io::Result<Event> {
        event::read()
    }
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A backend that can wipe the screen and its scrollback, for a kiosk starting a new visit.
pub trait Wipe {
    /// Clears the screen and the scrollback.
    ///
    /// # Errors
    /// The terminal cannot be written to.
    fn wipe(&mut self) -> io::Result<()>;
}

impl<W: Write> Wipe for Caret<CoveredFirst<CrosstermBackend<W>>> {
    fn wipe(&mut self) -> io::Result<()> {
        execute!(self.inner.0, Clear(ClearType::Purge), Clear(ClearType::All))
    }
}

/// A test terminal's cells are all it has.
impl Wipe for ratatui::backend::TestBackend {
    fn wipe(&mut self) -> io::Result<()> {
        match Backend::clear(self) {
            Ok(()) => Ok(()),
        }
    }
}

/// Converts a terminal key event into the app's key, if it is one the app knows.
#[must_use]
pub fn key(ev: KeyEvent) -> Option<Key> {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    Some(match ev.code {
        KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::Delete => Key::Delete,
        KeyCode::F(n) => Key::F(n),
        _ => return None,
    })
}

/// The guide's input for a terminal event, if it is one the guide reacts to (a key released, a
/// mouse moved, a paste or a focus change are not).
#[must_use]
pub fn input(ev: &Event) -> Option<Input> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Release => None,
        Event::Key(k) => Some(key(*k).map_or(Input::Press, Input::Key)),
        Event::Mouse(m) => Some(match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Input::Mouse(Mouse::Click, m.column, m.row),
            MouseEventKind::ScrollUp => Input::Mouse(Mouse::WheelUp, m.column, m.row),
            MouseEventKind::ScrollDown => Input::Mouse(Mouse::WheelDown, m.column, m.row),
            MouseEventKind::Down(_) => Input::Press,
            _ => return None,
        }),
        Event::Resize(w, h) => Some(Input::Resize(*w, *h)),
        _ => None,
    }
}

/// One terminal event at `now`: [`input`], then [`step::step`] (the kiosk's policy, the key table
/// or the mouse's hit test, and `update`).
pub fn handle(
    app: &mut App<'_>,
    kiosk: Option<&mut KioskPolicy>,
    ev: &Event,
    now: Instant,
) -> Control {
    input(ev).map_or(Control::Continue, |i| step::step(app, kiosk, i, now))
}
