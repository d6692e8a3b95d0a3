//! The kiosk's settings: the TOML file, then the flags on top, checked before the screen is touched.

use serde::Deserialize;

use super::parse::{duration_field, print_field, sequence_field, text_field};
use super::{
    DEFAULT_IDLE_TIMEOUT, DEFAULT_IDLE_WARNING, DEFAULT_STAFF_SEQUENCE, Duration, KioskError,
    SHORT_IDLE_TIMEOUT, SHORT_IDLE_WARNING, StaffCode,
};
use crate::takeaway::PrintCommand;

/// Every kiosk setting, after the config file and the flags are read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
// Each switch is a key of its own in the config file (`language_switch`, `search`, `ascii`,
// `cursor`), each on or off by itself.
#[allow(clippy::struct_excessive_bools)]
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
    /// Whether the kiosk draws the console's signs (ASCII and what the Linux console's font has)
    /// whatever its `TERM` says (default: only on `TERM=linux` and `TERM=vt…`).
    pub ascii: bool,
    /// The colours each visit is drawn in (`theme = "default"` or `"high-contrast"`), unless
    /// `--theme` says otherwise; `None` when the file does not say.
    pub theme: Option<crate::cli::ThemeChoice>,
    /// Whether the terminal's cursor is shown on the selected row or link (default false), for a
    /// kiosk with a screen magnifier that follows it. It follows the focus either way.
    pub cursor: bool,
    /// The command the summary's Print button sends it to (`print_command`, e.g. `lp -d
    /// frontdesk`); none: no Print button.
    pub print_command: Option<PrintCommand>,
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
    ascii: Option<bool>,
    theme: Option<String>,
    cursor: Option<bool>,
    print_command: Option<toml::Spanned<String>>,
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
    /// `--print-command`, the command the summary is printed through.
    pub print_command: Option<String>,
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
            ascii: false,
            theme: None,
            cursor: false,
            print_command: None,
        }
    }

    /// Reads and checks a kiosk config file. Keys: `idle_timeout`, `idle_warning`, `clinic_name`,
    /// `crisis`, `language` ("en" or "es"), `language_switch` (true or false), `search` (true or
    /// false), `print_command`, `ascii` (true or false), `theme` ("default" or "high-contrast"),
    /// `cursor` (true or false), and a `[staff]` table with `sequence` (default `"F10 F10 F10"`)
    /// and `pin` (required).
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
        config.ascii = raw.ascii.unwrap_or(false);
        if let Some(v) = &raw.theme {
            let theme = crate::cli::ThemeChoice::parse(v);
            config.theme = Some(theme.ok_or(KioskError::Theme { value: v.clone() })?);
        }
        config.cursor = raw.cursor.unwrap_or(false);
        if let Some(v) = &raw.print_command {
            let line = crate::content::line_col(text, v.span().start).0;
            config.print_command = Some(print_field("print_command", Some(line), v.get_ref())?);
        }
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
        let print = flags.print_command.as_deref();
        let print = print
            .map(|v| print_field("--print-command", None, v))
            .transpose()?;
        // Every flag is checked; now nothing below can fail.
        self.idle_timeout = idle_timeout.unwrap_or(self.idle_timeout);
        self.idle_warning = idle_warning.unwrap_or(self.idle_warning);
        if let Some(sequence) = sequence {
            self.staff_code.sequence = sequence;
        }
        self.clinic_name = clinic_name.or(self.clinic_name.take());
        self.crisis = crisis.or(self.crisis.take());
        self.print_command = print.or(self.print_command.take());
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
