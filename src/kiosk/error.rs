//! What can be wrong with the kiosk's settings, said so a clinic can fix it.

use std::fmt;

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
    /// A text setting holds control or bidirectional characters.
    ControlCharacters {
        /// The setting, such as `clinic_name`.
        field: &'static str,
    },
    /// `language` names a language the guide does not speak.
    Language {
        /// The value as given.
        value: String,
    },
    /// The print command cannot be used.
    PrintCommand {
        /// The setting: `print_command` or `--print-command`.
        field: &'static str,
        /// The config file's line it is on (none for the flag).
        line: Option<usize>,
        /// What is wrong with it.
        problem: crate::takeaway::CommandProblem,
    },
    /// `theme` names no theme of the guide.
    Theme {
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
            KioskError::Theme { value } => write!(
                f,
                "theme: {value:?} is not a theme of the guide; use \"default\" or \"high-contrast\""
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
            KioskError::ControlCharacters { field } => {
                write!(f, "{field}: may not contain control characters")
            }
            KioskError::PrintCommand {
                field,
                line,
                problem,
            } => match line {
                Some(line) => write!(f, "kiosk config line {line}: {field} {problem}"),
                None => write!(f, "{field} {problem}"),
            },
        }
    }
}

impl std::error::Error for KioskError {}
