//! One input at one moment, whatever terminal it came from: through the kiosk's policy when the
//! guide is a kiosk, then the key table or the mouse's hit test, then [`app::update`]; and the
//! kiosk's clock. Pure and terminal-free: the event loop (`src/tui.rs`) turns terminal events into
//! [`Input`] and calls these, and the storm and soak tests call them with a simulated clock, so
//! the tests run the loop's own dispatch. Must not import `crossterm`.

use std::time::Instant;

use crate::app::{self, Action, App, Control};
use crate::keymap::{self, Key};
use crate::kiosk::{KioskEvent, KioskPolicy, StaffProgress};
use crate::ui::{self, Mouse};

/// What a reader did, as the guide sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// A key the guide knows.
    Key(Key),
    /// A click or a turn of the wheel at a cell.
    Mouse(Mouse, u16, u16),
    /// Someone is there, but the guide has nothing to do with it: a key it does not know, another
    /// mouse button. A kiosk counts it as presence (it ends "still reading?").
    Press,
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
}

impl Input {
    /// Whether a person did this (a resize is the terminal's doing).
    #[must_use]
    pub fn is_presence(self) -> bool {
        !matches!(self, Input::Resize(..))
    }
}

/// The action for an input in the app's current state, if any.
#[must_use]
pub fn action(app: &App<'_>, input: Input) -> Option<Action> {
    match input {
        Input::Key(key) => keymap::lookup(app.layer(), key),
        Input::Mouse(kind, col, row) => ui::mouse(app, kind, col, row),
        Input::Resize(w, h) => Some(Action::Resize(w, h)),
        Input::Press => None,
    }
}

/// One input at `now`: through the kiosk policy (if any), then the key table and `update`.
pub fn step(
    app: &mut App<'_>,
    kiosk: Option<&mut KioskPolicy>,
    input: Input,
    now: Instant,
) -> Control {
    let Some(policy) = kiosk else {
        return action(app, input).map_or(Control::Continue, |a| app::update(app, a));
    };
    if input.is_presence() {
        if policy.on_input(now) {
            // "Press any key to continue": that key only continues.
            return app::update(app, Action::ContinueVisit);
        }
        if let Input::Key(key) = input {
            if policy.staff_key(key) == StaffProgress::Exit {
                return Control::Quit;
            }
            // Keys typed after the staff sequence (the PIN) never reach the guide.
            if policy.swallows() {
                return Control::Continue;
            }
        }
    }
    match action(app, input) {
        Some(a) if policy.permits(&a) => app::update(app, a),
        _ => Control::Continue,
    }
}

/// The kiosk's clock at `now`: shows, counts down or withdraws "still reading?", or starts a fresh
/// visit. Returns whether the visit was reset, so the caller wipes the terminal.
pub fn tick(app: &mut App<'_>, policy: &mut KioskPolicy, now: Instant) -> bool {
    let reset = policy.on_tick(now) == Some(KioskEvent::Reset);
    if reset {
        app::update(app, Action::IdleReset);
    }
    let seconds = policy
        .remaining_warning(now)
        .map(|d| u16::try_from(d.as_millis().div_ceil(1000)).unwrap_or(u16::MAX));
    match seconds {
        Some(s) if app.idle_warning != Some(s) => {
            app::update(app, Action::IdleWarning(s));
        }
        None if app.idle_warning.is_some() => {
            app::update(app, Action::ContinueVisit);
        }
        _ => {}
    }
    reset
}
