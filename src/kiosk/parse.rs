//! Reading the kiosk settings' values: durations (`90s`, `1m30s`) and key names (`F10`).

use std::time::Duration;

use super::{DurationProblem, KioskError};
use crate::keymap::Key;

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

pub(super) fn duration_field(field: &'static str, text: &str) -> Result<Duration, KioskError> {
    parse_duration(text).map_err(|e| match e {
        KioskError::Duration { value, problem, .. } => KioskError::Duration {
            field: Some(field),
            value,
            problem,
        },
        other => other,
    })
}

pub(super) fn duration_of(text: &str) -> Result<Duration, DurationProblem> {
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
pub(super) fn key_from_name(name: &str) -> Option<Key> {
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

pub(super) fn sequence_field(field: &'static str, text: &str) -> Result<Vec<Key>, KioskError> {
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

pub(super) fn text_field(
    field: &'static str,
    value: Option<&String>,
) -> Result<Option<String>, KioskError> {
    match value {
        Some(v) if v.trim().is_empty() => Err(KioskError::Blank { field }),
        // It is drawn on every screen: no escape sequences, no text that reads backwards.
        Some(v) if v.chars().any(crate::chars::is_forbidden_char) => {
            Err(KioskError::ControlCharacters { field })
        }
        other => Ok(other.cloned()),
    }
}

/// Reads a print command setting (`field`, on config line `line` if from the file).
pub(crate) fn print_field(
    field: &'static str,
    line: Option<usize>,
    text: &str,
) -> Result<crate::takeaway::PrintCommand, KioskError> {
    crate::takeaway::PrintCommand::parse(text).map_err(|problem| KioskError::PrintCommand {
        field,
        line,
        problem,
    })
}
