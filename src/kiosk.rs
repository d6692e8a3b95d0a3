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

use std::fmt;
use std::time::{Duration, Instant};

use serde::Deserialize;

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

/// What is wrong with a duration such as `90s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationProblem {
    /// Nothing was given.
    Empty,
    /// The value starts with a minus sign.
    Negative,
    /// The value adds up to no time at all.
    Zero,
    /// The value is not whole numbers with units (`h`, `m`, `s`, `ms`), largest first.
    Garbage,
    /// The value is too large to represent.
    Overflow,
}

/// A kiosk setting that cannot be used; each message names the setting and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KioskError {
    /// A duration could not be read.
    Duration {
        /// The setting (such as `idle_timeout` or `--idle-warning`), if known.
        field: Option<&'static str>,
        /// The text as given.
        value: String,
        /// What is wrong with it.
        problem: DurationProblem,
    },
    /// The config file is not valid TOML, or has an unknown or mistyped key.
    Toml {
        /// The TOML reader's message, with line and column.
        message: String,
    },
    /// No staff PIN is configured, so kiosk mode refuses to start.
    MissingPin,
    /// The staff PIN is not 4 to 12 digits. The value is not repeated, since it is probably close to
    /// the real PIN.
    Pin {
        /// How many characters the configured value has.
        chars: usize,
    },
    /// A name in the staff key sequence is not a key.
    KeyName {
        /// The setting, such as `staff.sequence`.
        field: &'static str,
        /// The name that is not a key.
        name: String,
    },
    /// The staff key sequence has no keys.
    EmptySequence {
        /// The setting, such as `staff.sequence`.
        field: &'static str,
    },
    /// A text setting is empty or only spaces.
    Blank {
        /// The setting, such as `clinic_name`.
        field: &'static str,
    },
    /// `language` names a language the guide does not speak.
    Language {
        /// The value as given.
        value: String,
    },
}

impl fmt::Display for KioskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KioskError::Duration {
                field,
                value,
                problem,
            } => {
                let what = match problem {
                    DurationProblem::Empty => "is empty",
                    DurationProblem::Negative => "is negative",
                    DurationProblem::Zero => "is zero",
                    DurationProblem::Garbage => "is not a duration",
                    DurationProblem::Overflow => "is too long",
                };
                let field = field.map(|f| format!("{f}: ")).unwrap_or_default();
                write!(
                    f,
                    "{field}{value:?} {what}; give more than zero as whole numbers with h, m, s \
                     or ms, largest first (90s, 2m, 1m30s, 500ms), or a bare number of seconds"
                )
            }
            KioskError::Toml { message } => write!(f, "kiosk config: {}", message.trim_end()),
            KioskError::Language { value } => write!(
                f,
                "language: {value:?} is not a language of the guide; use \"en\" (English) or \"es\" \
                 (español)"
            ),
            KioskError::MissingPin => f.write_str(
                "kiosk mode needs a staff PIN: set pin = \"...\" (4 to 12 digits) under [staff] in \
                 the kiosk config file given with --config FILE; without one the way out of the \
                 kiosk would be guessable",
            ),
            KioskError::Pin { chars } => write!(
                f,
                "staff.pin must be 4 to 12 digits (0-9); the configured value has {chars} \
                 character(s) (not shown)"
            ),
            KioskError::KeyName { field, name } => write!(
                f,
                "{field}: {name:?} is not a key name (use names like F10, Ctrl-x, Enter, Esc, Tab, \
                 PgUp or a single character, separated by spaces)"
            ),
            KioskError::EmptySequence { field } => write!(f, "{field}: needs at least one key"),
            KioskError::Blank { field } => write!(f, "{field}: must not be empty"),
        }
    }
}

impl std::error::Error for KioskError {}

/// Reads a duration: whole numbers with units `h`, `m`, `s` or `ms`, largest first (`90s`, `2m`,
/// `1m30s`, `500ms`, `1h`), or a bare number of seconds (`45`). Usable as a clap value parser.
///
/// # Errors
/// [`KioskError::Duration`] (with no field) if the text is empty, negative, zero, not a duration, or
/// too large.
pub fn parse_duration(text: &str) -> Result<Duration, KioskError> {
    duration_of(text).map_err(|problem| KioskError::Duration {
        field: None,
        value: text.to_string(),
        problem,
    })
}

fn duration_field(field: &'static str, text: &str) -> Result<Duration, KioskError> {
    parse_duration(text).map_err(|e| match e {
        KioskError::Duration { value, problem, .. } => KioskError::Duration {
            field: Some(field),
            value,
            problem,
        },
        other => other,
    })
}

fn duration_of(text: &str) -> Result<Duration, DurationProblem> {
    let s = text.trim();
    if s.is_empty() {
        return Err(DurationProblem::Empty);
    }
    if s.starts_with('-') {
        return Err(DurationProblem::Negative);
    }
    // A bare number is seconds; otherwise each unit once, largest first.
    let parts = if s.bytes().all(|b| b.is_ascii_digit()) {
        format!("{s}s")
    } else {
        s.to_string()
    };
    let mut millis: u64 = 0;
    let mut rest = parts.as_str();
    let mut last_rank = u8::MAX;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let letters = rest[digits..]
            .bytes()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        let (number, unit) = (&rest[..digits], &rest[digits..digits + letters]);
        let (rank, unit_millis) = match unit.to_ascii_lowercase().as_str() {
            "h" => (3, 3_600_000),
            "m" => (2, 60_000),
            "s" => (1, 1000),
            "ms" => (0, 1),
            _ => return Err(DurationProblem::Garbage),
        };
        if digits == 0 || rank >= last_rank {
            return Err(DurationProblem::Garbage);
        }
        last_rank = rank;
        // Only digits are left to parse, so a failure means too large.
        let n: u64 = number.parse().map_err(|_| DurationProblem::Overflow)?;
        millis = n
            .checked_mul(unit_millis)
            .and_then(|m| millis.checked_add(m))
            .ok_or(DurationProblem::Overflow)?;
        rest = &rest[digits + letters..];
    }
    if millis == 0 {
        return Err(DurationProblem::Zero);
    }
    Ok(Duration::from_millis(millis))
}

/// Named keys: the label [`Key::label`] gives them, or this name (case ignored).
const NAMED_KEYS: [(Key, &str); 15] = [
    (Key::Char(' '), "Space"),
    (Key::Enter, "Enter"),
    (Key::Esc, "Esc"),
    (Key::Backspace, "Backspace"),
    (Key::Tab, "Tab"),
    (Key::BackTab, "Shift-Tab"),
    (Key::Up, "Up"),
    (Key::Down, "Down"),
    (Key::Left, "Left"),
    (Key::Right, "Right"),
    (Key::PageUp, "PgUp"),
    (Key::PageDown, "PgDn"),
    (Key::Home, "Home"),
    (Key::End, "End"),
    (Key::Delete, "Del"),
];

/// Reads one key name as [`Key::label`] writes it: `F10`, `Ctrl-x`, `Enter`, `PgUp`, a character.
fn key_from_name(name: &str) -> Option<Key> {
    if let Some((key, _)) = NAMED_KEYS
        .iter()
        .find(|(k, n)| k.label() == name || n.eq_ignore_ascii_case(name))
    {
        return Some(*key);
    }
    let one_char = |s: &str| {
        let mut chars = s.chars();
        chars.next().filter(|_| chars.next().is_none())
    };
    if let Some(c) = one_char(name) {
        return Some(Key::Char(c));
    }
    let lower = name.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("ctrl-") {
        return one_char(rest).map(Key::Ctrl);
    }
    let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
    (1..=24).contains(&n).then_some(Key::F(n))
}

fn sequence_field(field: &'static str, text: &str) -> Result<Vec<Key>, KioskError> {
    let keys = text
        .split_whitespace()
        .map(|name| {
            key_from_name(name).ok_or_else(|| KioskError::KeyName {
                field,
                name: name.to_string(),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    if keys.is_empty() {
        return Err(KioskError::EmptySequence { field });
    }
    Ok(keys)
}

fn text_field(field: &'static str, value: Option<&String>) -> Result<Option<String>, KioskError> {
    match value {
        Some(v) if v.trim().is_empty() => Err(KioskError::Blank { field }),
        other => Ok(other.cloned()),
    }
}

/// The staff way out: a key sequence followed by a PIN typed as digit keys. `Debug` hides the PIN.
#[derive(Clone, PartialEq, Eq)]
pub struct StaffCode {
    sequence: Vec<Key>,
    pin: String,
}

impl StaffCode {
    /// A staff code from a key sequence and a PIN.
    ///
    /// # Errors
    /// [`KioskError::EmptySequence`] for an empty sequence; [`KioskError::Pin`] unless the PIN is 4 to
    /// 12 ASCII digits.
    pub fn new(sequence: Vec<Key>, pin: &str) -> Result<Self, KioskError> {
        if sequence.is_empty() {
            return Err(KioskError::EmptySequence {
                field: "staff.sequence",
            });
        }
        let chars = pin.chars().count();
        if !pin.chars().all(|c| c.is_ascii_digit()) || !PIN_DIGITS.contains(&chars) {
            return Err(KioskError::Pin { chars });
        }
        let pin = pin.to_string();
        Ok(StaffCode { sequence, pin })
    }

    /// The keys pressed before the PIN.
    #[must_use]
    pub fn sequence(&self) -> &[Key] {
        &self.sequence
    }

    /// Every key of the code in order: the sequence, then the PIN digits as character keys.
    fn keys(&self) -> Vec<Key> {
        let mut keys = self.sequence.clone();
        keys.extend(self.pin.chars().map(Key::Char));
        keys
    }
}

impl fmt::Debug for StaffCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let labels: Vec<String> = self.sequence.iter().map(|k| k.label()).collect();
        f.debug_struct("StaffCode")
            .field("sequence", &labels.join(" "))
            .field("pin", &"<hidden>")
            .finish()
    }
}

/// Every kiosk setting, after the config file and the flags are read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskConfig {
    /// Time with no key, click or wheel before the warning appears (default 90 s).
    pub idle_timeout: Duration,
    /// Length of the warning countdown before the reset (default 20 s).
    pub idle_warning: Duration,
    /// How staff leave kiosk mode.
    pub staff_code: StaffCode,
    /// The clinic's name, shown on the welcome screen if set.
    pub clinic_name: Option<String>,
    /// Text that replaces the bundled crisis text, e.g. the clinic's own numbers.
    pub crisis: Option<String>,
    /// The language each visit starts in ("en" or "es"; default: English).
    pub language: Option<crate::bundle::Lang>,
    /// Whether visitors may switch to the other language (default: yes).
    pub language_switch: bool,
    /// Whether the kiosk offers search (default true). A kiosk with only a touch screen, or only
    /// arrows and Enter, has no way to type: its config sets `search = false`, and Home then has no
    /// Search entry and `/` does nothing.
    pub search: bool,
}

/// The kiosk config file as written, before checking.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    idle_timeout: Option<String>,
    idle_warning: Option<String>,
    clinic_name: Option<String>,
    crisis: Option<String>,
    language: Option<String>,
    language_switch: Option<bool>,
    search: Option<bool>,
    staff: Option<RawStaff>,
}

/// The `[staff]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStaff {
    sequence: Option<String>,
    pin: Option<String>,
}

/// Kiosk settings given as command-line flags, as typed; they win over the config file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KioskOverrides {
    /// `--idle-timeout`, e.g. `90s`.
    pub idle_timeout: Option<String>,
    /// `--idle-warning`, e.g. `20s`.
    pub idle_warning: Option<String>,
    /// `--staff-sequence`, key names separated by spaces, e.g. `F10 F10 F10` (the PIN is file-only).
    pub staff_sequence: Option<String>,
    /// `--clinic-name`.
    pub clinic_name: Option<String>,
    /// `--crisis`, text replacing the bundled crisis text.
    pub crisis: Option<String>,
}

impl KioskConfig {
    /// Default settings around a staff code: 90 s idle timeout, 20 s warning, no clinic name and no
    /// crisis text override.
    #[must_use]
    pub fn new(staff_code: StaffCode) -> Self {
        KioskConfig {
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            idle_warning: DEFAULT_IDLE_WARNING,
            staff_code,
            clinic_name: None,
            crisis: None,
            language: None,
            language_switch: true,
            search: true,
        }
    }

    /// Reads and checks a kiosk config file. Keys: `idle_timeout`, `idle_warning`, `clinic_name`,
    /// `crisis`, `language` ("en" or "es"), `language_switch` (true or false), `search` (true or false), and a `[staff]` table with `sequence` (default `"F10 F10 F10"`) and `pin` (required).
    ///
    /// # Errors
    /// [`KioskError::Toml`] for bad TOML or an unknown key, [`KioskError::MissingPin`] without a PIN,
    /// and the matching variant for a bad duration, key name, PIN or empty text.
    pub fn from_toml(text: &str) -> Result<Self, KioskError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| KioskError::Toml {
            message: e.to_string(),
        })?;
        let staff = raw.staff.unwrap_or_default();
        let sequence = match &staff.sequence {
            Some(s) => sequence_field("staff.sequence", s)?,
            None => DEFAULT_STAFF_SEQUENCE.to_vec(),
        };
        let pin = staff.pin.ok_or(KioskError::MissingPin)?;
        let mut config = KioskConfig::new(StaffCode::new(sequence, &pin)?);
        if let Some(v) = &raw.idle_timeout {
            config.idle_timeout = duration_field("idle_timeout", v)?;
        }
        if let Some(v) = &raw.idle_warning {
            config.idle_warning = duration_field("idle_warning", v)?;
        }
        config.clinic_name = text_field("clinic_name", raw.clinic_name.as_ref())?;
        config.crisis = text_field("crisis", raw.crisis.as_ref())?;
        if let Some(v) = &raw.language {
            let lang = crate::bundle::Lang::parse(v);
            config.language = Some(lang.ok_or(KioskError::Language { value: v.clone() })?);
        }
        config.language_switch = raw.language_switch.unwrap_or(true);
        config.search = raw.search.unwrap_or(true);
        Ok(config)
    }

    /// The settings for `--kiosk`: the config file's text (from `--config FILE`) with the flags on top.
    ///
    /// # Errors
    /// [`KioskError::MissingPin`] when there is no file (the PIN is file-only), else any error of
    /// [`KioskConfig::from_toml`] or [`KioskConfig::apply_overrides`].
    pub fn resolve(file: Option<&str>, flags: &KioskOverrides) -> Result<Self, KioskError> {
        let mut config = Self::from_toml(file.ok_or(KioskError::MissingPin)?)?;
        config.apply_overrides(flags)?;
        Ok(config)
    }

    /// Applies command-line flags on top of these settings; nothing changes if any flag is bad.
    ///
    /// # Errors
    /// The first flag that cannot be used, named as the flag (e.g. `--idle-timeout`).
    pub fn apply_overrides(&mut self, flags: &KioskOverrides) -> Result<(), KioskError> {
        let duration =
            |field, v: &Option<String>| v.as_deref().map(|v| duration_field(field, v)).transpose();
        let idle_timeout = duration("--idle-timeout", &flags.idle_timeout)?;
        let idle_warning = duration("--idle-warning", &flags.idle_warning)?;
        let sequence = flags.staff_sequence.as_deref();
        let sequence = sequence
            .map(|v| sequence_field("--staff-sequence", v))
            .transpose()?;
        let clinic_name = text_field("--clinic-name", flags.clinic_name.as_ref())?;
        let crisis = text_field("--crisis", flags.crisis.as_ref())?;
        // Every flag is checked; now nothing below can fail.
        self.idle_timeout = idle_timeout.unwrap_or(self.idle_timeout);
        self.idle_warning = idle_warning.unwrap_or(self.idle_warning);
        if let Some(sequence) = sequence {
            self.staff_code.sequence = sequence;
        }
        self.clinic_name = clinic_name.or(self.clinic_name.take());
        self.crisis = crisis.or(self.crisis.take());
        Ok(())
    }

    /// Notes for stderr at start about values below 30 s (timeout) or 20 s (warning), which are
    /// allowed for testing only.
    #[must_use]
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.idle_timeout < SHORT_IDLE_TIMEOUT {
            out.push(format!(
                "note: the idle timeout of {:?} is below {SHORT_IDLE_TIMEOUT:?}; use values this \
                 short for testing only",
                self.idle_timeout
            ));
        }
        if self.idle_warning < SHORT_IDLE_WARNING {
            out.push(format!(
                "note: the idle warning of {:?} is below the {SHORT_IDLE_WARNING:?} WCAG 2.2.1 asks \
                 for; use values this short for testing only",
                self.idle_warning
            ));
        }
        out
    }
}

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

    /// Whether kiosk mode lets `action` reach `app::update`: [`Action::Quit`] never, everything else
    /// always.
    #[must_use]
    pub fn permits(&self, action: &Action) -> bool {
        !matches!(action, Action::Quit)
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const PIN_TOML: &str = "[staff]\npin = \"2468\"\n";

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    fn config() -> KioskConfig {
        KioskConfig::from_toml(PIN_TOML).unwrap()
    }

    fn type_keys(policy: &mut KioskPolicy, keys: &[Key]) -> Vec<StaffProgress> {
        keys.iter().map(|k| policy.staff_key(*k)).collect()
    }

    fn code_keys(pin: &str) -> Vec<Key> {
        let mut keys = DEFAULT_STAFF_SEQUENCE.to_vec();
        keys.extend(pin.chars().map(Key::Char));
        keys
    }

    #[test]
    fn warns_at_the_timeout_and_not_before() {
        let t0 = Instant::now();
        let mut p = KioskPolicy::new(config(), t0);
        assert_eq!(p.on_tick(t0), None);
        assert_eq!(p.on_tick(t0 + secs(89)), None);
        assert!(!p.is_warning());
        assert_eq!(p.remaining_warning(t0 + secs(89)), None);
        assert_eq!(p.on_tick(t0 + secs(90)), Some(KioskEvent::Warn));
        assert!(p.is_warning());
        assert_eq!(p.remaining_warning(t0 + secs(90)), Some(secs(20)));
        assert_eq!(p.remaining_warning(t0 + secs(95)), Some(secs(15)));
        assert_eq!(p.on_tick(t0 + secs(91)), None, "warn fires once");
    }

    #[test]
    fn resets_once_after_the_countdown() {
        let t0 = Instant::now();
        let mut p = KioskPolicy::new(config(), t0);
        assert_eq!(p.on_tick(t0 + secs(90)), Some(KioskEvent::Warn));
        assert_eq!(p.on_tick(t0 + secs(109)), None);
        assert_eq!(p.on_tick(t0 + secs(110)), Some(KioskEvent::Reset));
        assert!(!p.is_warning());
        assert_eq!(p.remaining_warning(t0 + secs(110)), None);
        for later in [111, 200, 10_000] {
            assert_eq!(p.on_tick(t0 + secs(later)), None, "reset fires once");
        }
        assert_eq!(p.next_deadline(), None);
        // The next visitor starts a fresh timer.
        p.on_input(t0 + secs(500));
        assert_eq!(p.on_tick(t0 + secs(589)), None);
        assert_eq!(p.on_tick(t0 + secs(590)), Some(KioskEvent::Warn));
    }

    #[test]
    fn countdown_starts_when_the_warning_is_shown() {
        let t0 = Instant::now();
        let mut p = KioskPolicy::new(config(), t0);
        // A late tick (e.g. after a suspend) still warns first and gives the full countdown.
        assert_eq!(p.on_tick(t0 + secs(1000)), Some(KioskEvent::Warn));
        assert_eq!(p.remaining_warning(t0 + secs(1000)), Some(secs(20)));
        assert_eq!(p.remaining_warning(t0 + secs(2000)), Some(Duration::ZERO));
        assert_eq!(p.on_tick(t0 + secs(1020)), Some(KioskEvent::Reset));
    }

    #[test]
    fn input_restarts_the_timer() {
        let t0 = Instant::now();
        let mut p = KioskPolicy::new(config(), t0);
        assert!(!p.on_input(t0 + secs(60)));
        assert_eq!(p.on_tick(t0 + secs(90)), None);
        assert_eq!(p.on_tick(t0 + secs(149)), None);
        assert_eq!(p.on_tick(t0 + secs(150)), Some(KioskEvent::Warn));
    }

    #[test]
    fn input_during_the_warning_cancels_it() {
        let t0 = Instant::now();
        let mut p = KioskPolicy::new(config(), t0);
        assert_eq!(p.on_tick(t0 + secs(90)), Some(KioskEvent::Warn));
        assert!(p.on_input(t0 + secs(100)), "the input dismissed a warning");
        assert!(!p.is_warning());
        assert_eq!(p.on_tick(t0 + secs(110)), None, "no reset after cancel");
        assert_eq!(p.on_tick(t0 + secs(189)), None);
        assert_eq!(p.on_tick(t0 + secs(190)), Some(KioskEvent::Warn));
    }

    #[test]
    fn next_deadline_follows_the_phase() {
        let t0 = Instant::now();
        let mut p = KioskPolicy::new(config(), t0);
        assert_eq!(p.next_deadline(), Some(t0 + secs(90)));
        p.on_input(t0 + secs(10));
        assert_eq!(p.next_deadline(), Some(t0 + secs(100)));
        p.on_tick(t0 + secs(102));
        assert_eq!(p.next_deadline(), Some(t0 + secs(122)));
        p.on_tick(t0 + secs(122));
        assert_eq!(p.next_deadline(), None);
    }

    #[test]
    fn huge_durations_never_panic() {
        let t0 = Instant::now();
        let mut c = config();
        c.idle_timeout = Duration::MAX;
        let mut p = KioskPolicy::new(c.clone(), t0);
        assert_eq!(p.next_deadline(), None);
        assert_eq!(p.on_tick(t0 + secs(1_000_000)), None);
        c.idle_timeout = secs(1);
        c.idle_warning = Duration::MAX;
        let mut p = KioskPolicy::new(c, t0);
        assert_eq!(p.on_tick(t0 + secs(1)), Some(KioskEvent::Warn));
        assert_eq!(p.remaining_warning(t0 + secs(5)), Some(Duration::MAX));
        assert_eq!(p.on_tick(t0 + secs(1_000_000)), None);
    }

    #[test]
    fn quit_is_never_permitted_and_other_actions_are() {
        let p = KioskPolicy::new(config(), Instant::now());
        assert!(!p.permits(&Action::Quit));
        for action in [
            Action::Back,
            Action::GoHome,
            Action::OpenHelp,
            Action::OpenSearch,
            Action::Activate,
            Action::Menu(0),
            Action::Type('q'),
            Action::Resize(80, 24),
        ] {
            assert!(p.permits(&action), "{action:?}");
        }
        for key in [
            Key::Char('q'),
            Key::Esc,
            Key::Ctrl('c'),
            Key::Ctrl('z'),
            Key::Ctrl('\\'),
            Key::Ctrl('d'),
        ] {
            for layer in [crate::keymap::Layer::Home, crate::keymap::Layer::Reader] {
                if let Some(action) = crate::keymap::lookup(layer, key) {
                    assert!(action != Action::Quit || !p.permits(&action));
                }
            }
        }
    }

    #[test]
    fn the_staff_code_exits() {
        let mut p = KioskPolicy::new(config(), Instant::now());
        let progress = type_keys(&mut p, &code_keys("2468"));
        let (last, before) = progress.split_last().unwrap();
        assert!(before.iter().all(|s| *s == StaffProgress::InProgress));
        assert_eq!(*last, StaffProgress::Exit);
    }

    #[test]
    fn pin_keys_are_swallowed_and_sequence_keys_are_not() {
        let mut p = KioskPolicy::new(config(), Instant::now());
        let mut swallowed = Vec::new();
        for key in code_keys("2468") {
            p.staff_key(key);
            swallowed.push(p.swallows());
        }
        assert_eq!(
            swallowed,
            [false, false, false, true, true, true, true],
            "only the keys after the sequence"
        );
        // A wrong digit where the PIN is expected is swallowed too, then the attempt is over.
        type_keys(&mut p, &DEFAULT_STAFF_SEQUENCE);
        assert_eq!(p.staff_key(Key::Char('9')), StaffProgress::None);
        assert!(p.swallows());
        assert_eq!(p.staff_key(Key::Char('2')), StaffProgress::None);
        assert!(!p.swallows());
    }

    #[test]
    fn wrong_codes_do_nothing() {
        let mut p = KioskPolicy::new(config(), Instant::now());
        // Keys a patient might press.
        for key in [
            Key::Char('q'),
            Key::Esc,
            Key::Ctrl('c'),
            Key::Ctrl('z'),
            Key::Ctrl('\\'),
            Key::Ctrl('d'),
            Key::Char('2'),
        ] {
            assert_eq!(p.staff_key(key), StaffProgress::None, "{key:?}");
            assert!(!p.swallows());
        }
        // A wrong PIN.
        let progress = type_keys(&mut p, &code_keys("2469"));
        assert_eq!(progress.last(), Some(&StaffProgress::None));
        assert!(!progress.contains(&StaffProgress::Exit));
        // A broken sequence: the PIN afterwards is not enough.
        let mut keys = vec![Key::F(10), Key::F(10), Key::Char('x'), Key::F(10)];
        keys.extend("2468".chars().map(Key::Char));
        assert!(!type_keys(&mut p, &keys).contains(&StaffProgress::Exit));
        // The PIN alone is not enough.
        let pin: Vec<Key> = "2468".chars().map(Key::Char).collect();
        assert!(!type_keys(&mut p, &pin).contains(&StaffProgress::Exit));
    }

    #[test]
    fn partial_codes_stay_in_progress_and_a_wrong_key_drops_them() {
        let mut p = KioskPolicy::new(config(), Instant::now());
        assert_eq!(p.staff_key(Key::F(10)), StaffProgress::InProgress);
        assert_eq!(p.staff_key(Key::F(10)), StaffProgress::InProgress);
        assert_eq!(p.staff_key(Key::Down), StaffProgress::None);
        assert_eq!(p.staff_key(Key::Char('2')), StaffProgress::None);
        let mut keys = DEFAULT_STAFF_SEQUENCE.to_vec();
        keys.extend([Key::Char('2'), Key::Char('4'), Key::Char('6')]);
        assert_eq!(
            type_keys(&mut p, &keys).last(),
            Some(&StaffProgress::InProgress)
        );
    }

    #[test]
    fn a_correct_code_after_a_wrong_one_exits() {
        let mut p = KioskPolicy::new(config(), Instant::now());
        type_keys(&mut p, &code_keys("1357"));
        assert_eq!(
            type_keys(&mut p, &code_keys("2468")).last(),
            Some(&StaffProgress::Exit)
        );
        // An extra F10 before the code still works, and so does a retry right after a wrong digit.
        let mut keys = vec![Key::F(10)];
        keys.extend(code_keys("2468"));
        assert_eq!(type_keys(&mut p, &keys).last(), Some(&StaffProgress::Exit));
        let mut keys = code_keys("24");
        keys.push(Key::Char('0'));
        keys.extend(code_keys("2468"));
        assert_eq!(type_keys(&mut p, &keys).last(), Some(&StaffProgress::Exit));
    }

    #[test]
    fn a_reset_drops_a_staff_attempt() {
        let t0 = Instant::now();
        let mut p = KioskPolicy::new(config(), t0);
        type_keys(&mut p, &DEFAULT_STAFF_SEQUENCE);
        p.on_tick(t0 + secs(90));
        assert_eq!(p.on_tick(t0 + secs(110)), Some(KioskEvent::Reset));
        let pin: Vec<Key> = "2468".chars().map(Key::Char).collect();
        assert!(!type_keys(&mut p, &pin).contains(&StaffProgress::Exit));
    }

    #[test]
    fn a_configured_sequence_is_used() {
        let c = KioskConfig::from_toml("[staff]\nsequence = \"Ctrl-X Esc F2\"\npin = \"0000\"\n")
            .unwrap();
        assert_eq!(
            c.staff_code.sequence(),
            [Key::Ctrl('x'), Key::Esc, Key::F(2)]
        );
        let mut p = KioskPolicy::new(c, Instant::now());
        let keys = [
            Key::Ctrl('x'),
            Key::Esc,
            Key::F(2),
            Key::Char('0'),
            Key::Char('0'),
            Key::Char('0'),
            Key::Char('0'),
        ];
        assert_eq!(type_keys(&mut p, &keys).last(), Some(&StaffProgress::Exit));
        let keys = code_keys("0000");
        assert!(!type_keys(&mut p, &keys).contains(&StaffProgress::Exit));
    }

    #[test]
    fn parse_duration_accepts_the_documented_forms() {
        let ok = [
            ("90s", secs(90)),
            ("2m", secs(120)),
            ("1m30s", secs(90)),
            ("500ms", Duration::from_millis(500)),
            ("1h", secs(3600)),
            ("45", secs(45)),
            (" 20s ", secs(20)),
            ("1h2m3s4ms", Duration::from_millis(3_723_004)),
            ("0m30s", secs(30)),
            ("90S", secs(90)),
        ];
        for (text, want) in ok {
            assert_eq!(parse_duration(text), Ok(want), "{text:?}");
        }
    }

    #[test]
    fn parse_duration_rejects_bad_values_with_clear_messages() {
        let bad = [
            ("", DurationProblem::Empty),
            ("   ", DurationProblem::Empty),
            ("-5s", DurationProblem::Negative),
            ("-5", DurationProblem::Negative),
            ("0", DurationProblem::Zero),
            ("0s", DurationProblem::Zero),
            ("0m0s", DurationProblem::Zero),
            ("abc", DurationProblem::Garbage),
            ("10x", DurationProblem::Garbage),
            ("s", DurationProblem::Garbage),
            ("1.5m", DurationProblem::Garbage),
            ("30s1m", DurationProblem::Garbage),
            ("1s1s", DurationProblem::Garbage),
            ("1m 30s", DurationProblem::Garbage),
            ("+5s", DurationProblem::Garbage),
            ("99999999999999999999", DurationProblem::Overflow),
            ("99999999999999999999s", DurationProblem::Overflow),
            ("18446744073709551615h", DurationProblem::Overflow),
            ("18446744073709551615", DurationProblem::Overflow),
        ];
        for (text, problem) in bad {
            let err = parse_duration(text).unwrap_err();
            assert_eq!(
                err,
                KioskError::Duration {
                    field: None,
                    value: text.to_string(),
                    problem
                },
                "{text:?}"
            );
        }
        let msg = parse_duration("10x").unwrap_err().to_string();
        assert!(msg.contains("\"10x\"") && msg.contains("90s"), "{msg}");
        let msg = parse_duration("0s").unwrap_err().to_string();
        assert!(msg.contains("more than zero"), "{msg}");
        let msg = parse_duration("-1m").unwrap_err().to_string();
        assert!(msg.contains("negative"), "{msg}");
    }

    #[test]
    fn config_from_valid_toml() {
        let text = r#"
            idle_timeout = "2m"
            idle_warning = "30s"
            clinic_name = "Riverside Clinic"
            crisis = "Call 988 or ask at the front desk."

            [staff]
            sequence = "F10 F10 F10"
            pin = "2468"
        "#;
        let c = KioskConfig::from_toml(text).unwrap();
        assert_eq!(c.idle_timeout, secs(120));
        assert_eq!(c.idle_warning, secs(30));
        assert_eq!(c.clinic_name.as_deref(), Some("Riverside Clinic"));
        assert_eq!(
            c.crisis.as_deref(),
            Some("Call 988 or ask at the front desk.")
        );
        assert_eq!(c.staff_code.sequence(), DEFAULT_STAFF_SEQUENCE);
        assert!(c.warnings().is_empty());
        assert!(!format!("{c:?}").contains("2468"), "Debug hides the PIN");
    }

    #[test]
    fn config_sets_the_language_and_whether_visitors_may_switch() {
        let pin = "\n[staff]\npin = \"2468\"\n";
        let c = KioskConfig::from_toml(&format!("language = \"es\"\nlanguage_switch = false{pin}"))
            .unwrap();
        assert_eq!(c.language, Some(crate::bundle::Lang::Es));
        assert!(!c.language_switch);
        assert!(c.search, "search is offered unless the config says not");
        let c = KioskConfig::from_toml(&format!("search = false{pin}")).unwrap();
        assert!(!c.search);
        let c = KioskConfig::from_toml(pin).unwrap();
        assert_eq!(
            (c.language, c.language_switch),
            (None, true),
            "English, switch offered"
        );
        let e = KioskConfig::from_toml(&format!("language = \"fr\"{pin}")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "language: \"fr\" is not a language of the guide; use \"en\" (English) or \"es\" (español)"
        );
    }

    #[test]
    fn config_defaults() {
        let c = config();
        assert_eq!(c.idle_timeout, DEFAULT_IDLE_TIMEOUT);
        assert_eq!(c.idle_warning, DEFAULT_IDLE_WARNING);
        assert_eq!(c.staff_code.sequence(), [Key::F(10); 3]);
        assert_eq!(c.clinic_name, None);
        assert_eq!(c.crisis, None);
    }

    #[test]
    fn config_rejects_unknown_keys() {
        for text in [
            "idle_timout = \"90s\"\n[staff]\npin = \"2468\"\n",
            "[staff]\npin = \"2468\"\npassword = \"x\"\n",
        ] {
            let err = KioskConfig::from_toml(text).unwrap_err();
            assert!(matches!(err, KioskError::Toml { .. }), "{err:?}");
            assert!(err.to_string().contains("unknown field"), "{err}");
        }
    }

    #[test]
    fn config_names_the_field_and_value_of_a_bad_duration() {
        let err = KioskConfig::from_toml("idle_warning = \"soon\"\n[staff]\npin = \"2468\"\n")
            .unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("idle_warning: ") && msg.contains("\"soon\""),
            "{msg}"
        );
        let err =
            KioskConfig::from_toml("idle_timeout = 90\n[staff]\npin = \"2468\"\n").unwrap_err();
        assert!(matches!(err, KioskError::Toml { .. }), "{err:?}");
    }

    #[test]
    fn config_rejects_bad_pins_without_echoing_them() {
        for (pin, chars) in [
            ("123", 3),
            ("1234567890123", 13),
            ("12a4", 4),
            ("", 0),
            ("１２３４", 4),
            ("1234 ", 5),
        ] {
            let text = format!("[staff]\npin = \"{pin}\"\n");
            let err = KioskConfig::from_toml(&text).unwrap_err();
            assert_eq!(err, KioskError::Pin { chars }, "{pin:?}");
            let msg = err.to_string();
            assert!(msg.contains("staff.pin"), "{msg}");
            if pin.len() > 3 {
                assert!(!msg.contains(pin), "{msg}");
            }
        }
        let err = KioskConfig::from_toml("[staff]\npin = 2468\n").unwrap_err();
        assert!(matches!(err, KioskError::Toml { .. }), "{err:?}");
    }

    #[test]
    fn kiosk_refuses_to_start_without_a_pin() {
        for text in [
            "",
            "clinic_name = \"Riverside\"\n",
            "[staff]\nsequence = \"F10 F10 F10\"\n",
        ] {
            assert_eq!(KioskConfig::from_toml(text), Err(KioskError::MissingPin));
        }
        let err = KioskConfig::resolve(None, &KioskOverrides::default()).unwrap_err();
        assert_eq!(err, KioskError::MissingPin);
        assert!(err.to_string().contains("--config"), "{err}");
    }

    #[test]
    fn config_rejects_bad_sequences_and_blank_text() {
        let err = KioskConfig::from_toml("[staff]\nsequence = \"F10 Hyper\"\npin = \"2468\"\n")
            .unwrap_err();
        assert_eq!(
            err,
            KioskError::KeyName {
                field: "staff.sequence",
                name: "Hyper".into()
            }
        );
        assert!(err.to_string().contains("\"Hyper\""), "{err}");
        for bad in ["F0", "F99", "Ctrl-", "Ctrl-ab"] {
            let text = format!("[staff]\nsequence = \"{bad}\"\npin = \"2468\"\n");
            assert!(
                matches!(
                    KioskConfig::from_toml(&text),
                    Err(KioskError::KeyName { .. })
                ),
                "{bad}"
            );
        }
        let err =
            KioskConfig::from_toml("[staff]\nsequence = \"  \"\npin = \"2468\"\n").unwrap_err();
        assert_eq!(
            err,
            KioskError::EmptySequence {
                field: "staff.sequence"
            }
        );
        let err =
            KioskConfig::from_toml("clinic_name = \" \"\n[staff]\npin = \"2468\"\n").unwrap_err();
        assert_eq!(
            err,
            KioskError::Blank {
                field: "clinic_name"
            }
        );
    }

    #[test]
    fn key_names_follow_the_keymap_labels() {
        for key in [
            Key::Char('x'),
            Key::Char('2'),
            Key::Char(' '),
            Key::Ctrl('x'),
            Key::Enter,
            Key::Esc,
            Key::Backspace,
            Key::Tab,
            Key::BackTab,
            Key::Up,
            Key::PageUp,
            Key::PageDown,
            Key::Home,
            Key::End,
            Key::Delete,
            Key::F(1),
            Key::F(12),
        ] {
            assert_eq!(key_from_name(&key.label()), Some(key), "{key:?}");
        }
        assert_eq!(key_from_name("f10"), Some(Key::F(10)));
        assert_eq!(key_from_name("ctrl-X"), Some(Key::Ctrl('x')));
        assert_eq!(key_from_name("Left"), Some(Key::Left));
        assert_eq!(key_from_name("F"), Some(Key::Char('F')));
    }

    #[test]
    fn overrides_win_and_name_the_flag() {
        let flags = KioskOverrides {
            idle_timeout: Some("2m".into()),
            idle_warning: Some("25s".into()),
            staff_sequence: Some("F12 F12".into()),
            clinic_name: Some("Northside".into()),
            crisis: Some("Call 112.".into()),
        };
        let c = KioskConfig::resolve(
            Some("clinic_name = \"Old\"\n[staff]\npin = \"2468\"\n"),
            &flags,
        )
        .unwrap();
        assert_eq!(c.idle_timeout, secs(120));
        assert_eq!(c.idle_warning, secs(25));
        assert_eq!(c.staff_code.sequence(), [Key::F(12), Key::F(12)]);
        assert_eq!(c.clinic_name.as_deref(), Some("Northside"));
        assert_eq!(c.crisis.as_deref(), Some("Call 112."));

        let mut c = config();
        let bad = KioskOverrides {
            idle_timeout: Some("1m".into()),
            idle_warning: Some("0s".into()),
            ..KioskOverrides::default()
        };
        let err = c.apply_overrides(&bad).unwrap_err();
        assert!(err.to_string().starts_with("--idle-warning: "), "{err}");
        assert_eq!(c, config(), "nothing changes when a flag is bad");
        // Without a file there is no PIN, whatever the flags say.
        assert_eq!(
            KioskConfig::resolve(None, &KioskOverrides::default()),
            Err(KioskError::MissingPin)
        );
    }

    #[test]
    fn short_values_are_noted() {
        let mut c = config();
        assert!(c.warnings().is_empty());
        c.idle_timeout = secs(10);
        c.idle_warning = secs(5);
        let notes = c.warnings();
        assert_eq!(notes.len(), 2);
        assert!(
            notes[0].contains("10s") && notes[0].contains("30s"),
            "{}",
            notes[0]
        );
        assert!(
            notes[1].contains("5s") && notes[1].contains("WCAG"),
            "{}",
            notes[1]
        );
        c.idle_timeout = secs(30);
        c.idle_warning = secs(20);
        assert!(c.warnings().is_empty(), "the limits themselves are fine");
    }
}
