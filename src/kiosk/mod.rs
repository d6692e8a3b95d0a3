//! Kiosk policy: the kiosk settings (TOML file and flag overrides), the idle timer that turns time
//! into a warning and a reset, which actions kiosk mode permits, and the staff exit code. Pure: time
//! comes in as an `Instant` argument and is never read here. Must not import `ratatui` or `crossterm`.
//!
//! The event loop asks this policy; kiosk mode is not a second code path. It calls
//! [`KioskPolicy::on_input`] for every key, click and wheel turn, [`KioskPolicy::staff_key`] for every
//! key, [`KioskPolicy::permits`] before `app::update`, and [`KioskPolicy::on_tick`] whenever its poll
//! times out (it can poll until [`KioskPolicy::next_deadline`]).
//!
//! Staff exit decision: the default exit is the key sequence F10 F10 F10 followed by a PIN, and the PIN
//! has no default. If the config file sets no `pin` under `[staff]`, kiosk mode refuses to start
//! ([`KioskError::MissingPin`]): a kiosk whose way out is written in public documentation is not a
//! kiosk. The PIN is only read from the file, never from a flag, so it does not show up in `ps`.

use std::time::{Duration, Instant};

use crate::app::Action;
use crate::keymap::Key;

/// Idle time before the "Still reading?" warning when none is configured.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(90);
/// Length of the warning countdown when none is configured (WCAG 2.2.1 asks for at least 20 s).
pub const DEFAULT_IDLE_WARNING: Duration = Duration::from_secs(20);
/// An idle timeout below this is allowed for testing but noted on stderr at start.
pub const SHORT_IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// A warning countdown below this is allowed for testing but noted on stderr at start.
pub const SHORT_IDLE_WARNING: Duration = Duration::from_secs(20);
/// The staff key sequence when none is configured: F10 pressed three times.
pub const DEFAULT_STAFF_SEQUENCE: [Key; 3] = [Key::F(10); 3];
/// How many digits a staff PIN may have.
pub const PIN_DIGITS: std::ops::RangeInclusive<usize> = 4..=12;

mod config;
#[cfg(test)]
mod config_tests;
mod error;
mod parse;
mod staff;
#[cfg(test)]
mod tests;

pub use config::{KioskConfig, KioskOverrides};
pub use error::{DurationProblem, KioskError};
pub use parse::parse_duration;
pub use staff::StaffCode;

/// What the idle timer asks the event loop to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KioskEvent {
    /// Show "Still reading? Press any key to continue" with the countdown from
    /// [`KioskPolicy::remaining_warning`].
    Warn,
    /// The countdown ran out: wipe everything the visitor did and show the welcome screen.
    Reset,
}

/// Where a staff exit attempt stands after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffProgress {
    /// No attempt is under way (a wrong key drops an attempt silently).
    None,
    /// The keys so far start the staff code. This must not change what is drawn: a patient must see
    /// nothing different.
    InProgress,
    /// The whole sequence and the right PIN were typed: leave kiosk mode.
    Exit,
}

/// Where the idle timer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Counting from the last input.
    Active { since: Instant },
    /// The warning is showing; `None` means its end lies beyond what an `Instant` can hold.
    Warning { until: Option<Instant> },
    /// Reset has fired; nothing happens until the next input.
    Dormant,
}

/// The kiosk policy the event loop asks: the idle timer, the permitted actions and the staff code.
/// It never reads the clock; every method that needs the time takes `now`.
#[derive(Debug, Clone)]
pub struct KioskPolicy {
    config: KioskConfig,
    phase: Phase,
    /// The staff code's keys: the sequence, then the PIN digits.
    code: Vec<Key>,
    /// The last keys typed, at most as many as `code` has.
    recent: Vec<Key>,
    /// How many keys of `code` the end of `recent` matches.
    progress: usize,
    /// Whether the last key given to [`KioskPolicy::staff_key`] came while the PIN was expected.
    swallow_last: bool,
}

impl KioskPolicy {
    /// A policy whose idle timer starts at `now`.
    #[must_use]
    pub fn new(config: KioskConfig, now: Instant) -> Self {
        let code = config.staff_code.keys();
        KioskPolicy {
            config,
            phase: Phase::Active { since: now },
            code,
            recent: Vec::new(),
            progress: 0,
            swallow_last: false,
        }
    }

    /// The settings this policy runs with (clinic name and crisis text are for the screens).
    #[must_use]
    pub fn config(&self) -> &KioskConfig {
        &self.config
    }

    /// Any key, click or wheel turn at `now`: restarts the idle timer and cancels a warning. Returns
    /// whether a warning was showing; the event loop should then drop that input ("press any key to
    /// continue" only continues).
    pub fn on_input(&mut self, now: Instant) -> bool {
        let was_warning = self.is_warning();
        self.phase = Phase::Active { since: now };
        was_warning
    }

    /// Time has passed: [`KioskEvent::Warn`] once when the idle timeout is over, then
    /// [`KioskEvent::Reset`] once when the countdown runs out. After a reset the policy waits for
    /// the next input, and the staff attempt is dropped.
    pub fn on_tick(&mut self, now: Instant) -> Option<KioskEvent> {
        match self.phase {
            Phase::Active { since } => {
                let due = since.checked_add(self.config.idle_timeout)?;
                (now >= due).then(|| {
                    self.phase = Phase::Warning {
                        until: now.checked_add(self.config.idle_warning),
                    };
                    KioskEvent::Warn
                })
            }
            Phase::Warning { until } => (now >= until?).then(|| {
                self.phase = Phase::Dormant;
                self.recent.clear();
                self.progress = 0;
                self.swallow_last = false;
                KioskEvent::Reset
            }),
            Phase::Dormant => None,
        }
    }

    /// Whether the "Still reading?" warning is showing.
    #[must_use]
    pub fn is_warning(&self) -> bool {
        matches!(self.phase, Phase::Warning { .. })
    }

    /// Time left on the warning countdown at `now`, while the warning shows. Round up to whole
    /// seconds for display, so the countdown never shows 0 before the reset.
    #[must_use]
    pub fn remaining_warning(&self, now: Instant) -> Option<Duration> {
        match self.phase {
            Phase::Warning { until } => {
                Some(until.map_or(Duration::MAX, |until| until.saturating_duration_since(now)))
            }
            _ => None,
        }
    }

    /// The next moment [`KioskPolicy::on_tick`] may have something to say, so the event loop can
    /// choose its poll timeout; `None` when nothing is pending (after a reset, until the next input).
    #[must_use]
    pub fn next_deadline(&self) -> Option<Instant> {
        match self.phase {
            Phase::Active { since } => since.checked_add(self.config.idle_timeout),
            Phase::Warning { until } => until,
            Phase::Dormant => None,
        }
    }

    /// Whether kiosk mode lets `action` reach `app::update`: never [`Action::Quit`], nor
    /// [`Action::Save`] (a kiosk writes no file), nor [`Action::Bookmark`] (a kiosk keeps nothing
    /// of a visit); everything else always.
    #[must_use]
    pub fn permits(&self, action: &Action) -> bool {
        !matches!(action, Action::Quit | Action::Save | Action::Bookmark)
    }

    /// Follows a staff exit attempt; give it every key. The key is still an ordinary key for the
    /// app (the app decides what it does) unless [`KioskPolicy::swallows`] says otherwise afterwards.
    /// A wrong key drops the attempt silently; it counts only as the start of a new attempt. Only
    /// [`StaffProgress::Exit`] may change anything a patient sees.
    pub fn staff_key(&mut self, key: Key) -> StaffProgress {
        self.swallow_last = self.progress >= self.config.staff_code.sequence.len();
        self.recent.push(key);
        if self.recent.len() > self.code.len() {
            self.recent.remove(0);
        }
        let recent = &self.recent;
        self.progress = (1..=recent.len())
            .rev()
            .find(|&k| recent[recent.len() - k..] == self.code[..k])
            .unwrap_or(0);
        if self.progress == self.code.len() {
            self.recent.clear();
            self.progress = 0;
            StaffProgress::Exit
        } else if self.progress == 0 {
            StaffProgress::None
        } else {
            StaffProgress::InProgress
        }
    }

    /// Whether the event loop should keep the last key given to [`KioskPolicy::staff_key`] from the
    /// app: it came after the whole staff sequence, where the PIN is expected. PIN digits are also
    /// app keys (on the home menu they open entries), so typing the PIN must not move the screen.
    #[must_use]
    pub fn swallows(&self) -> bool {
        self.swallow_last
    }
}
