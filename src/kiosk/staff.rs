//! The staff way out: a key sequence and a PIN. `Debug` never shows the PIN.

use std::fmt;

use super::{KioskError, PIN_DIGITS};
use crate::keymap::Key;

/// The staff way out: a key sequence followed by a PIN typed as digit keys. `Debug` hides the PIN.
#[derive(Clone, PartialEq, Eq)]
pub struct StaffCode {
    pub(super) sequence: Vec<Key>,
    pub(super) pin: String,
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
    pub(super) fn keys(&self) -> Vec<Key> {
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
