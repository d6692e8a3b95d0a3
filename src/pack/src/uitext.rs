//! `ui_text!`: defines the pack's labels ([`crate::model::UiText`]) from its field list, with
//! the code that reads them from `ui.toml` and lists them for the checks.
//!
//! Written by hand, not `#[derive(Deserialize)]` for TOML: `toml` compiles serde's derived reader
//! twice for every struct it reads (once for tables, once for spans), and for the ninety-odd
//! labels that was about 110 KB of the release binary (`cargo bloat`), a third of what the
//! binary's size budget had left. The frozen pack still reads them with the derive (postcard,
//! whose sequence reader is small). Each field's type says how to read it ([`Field`]).
//! Must not import `ratatui` or `crossterm`.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::de::DeValue;

/// A problem in `ui.toml`: where (a byte range of the file) and what.
pub type Problem = (Range<usize>, String);

/// Why a value of `ui.toml` cannot be a label of its field's kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wrong {
    /// A value of another kind: what was found ("an integer") and what was expected.
    Kind {
        /// The kind found, with its article.
        found: &'static str,
        /// The kind the field needs, with its article.
        expected: &'static str,
    },
    /// A list of fixed length (`home_hints`) with another number of lines.
    Count {
        /// The key.
        key: String,
        /// The number of lines given.
        found: usize,
        /// The number of lines it needs.
        needed: usize,
    },
}

impl std::fmt::Display for Wrong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Wrong::Kind { found, expected } => {
                write!(f, "invalid type: {found}, expected {expected}")
            }
            Wrong::Count { key, found, needed } => {
                write!(
                    f,
                    "{key} has {found} lines; it needs {needed}, one for each entry of the home menu"
                )
            }
        }
    }
}

/// One kind of label: how it is read from a TOML value, whether `ui.toml` must have it, and its
/// texts for the checks.
pub trait Field {
    /// Whether a `ui.toml` without this key is refused.
    const REQUIRED: bool;
    /// Reads the value of `key`; the message says what was expected.
    ///
    /// # Errors
    /// The value is not of this field's kind.
    fn read(key: &str, value: &DeValue<'_>) -> Result<Self, Wrong>
    where
        Self: Sized;
    /// Adds the texts a reader sees, under `key`.
    fn texts<'a>(&'a self, key: &'static str, out: &mut Vec<(&'static str, &'a str)>);
    /// Calls `f` on every text a reader sees, to change it in place (a table's words too).
    fn texts_mut(&mut self, f: &mut dyn FnMut(&mut String));
}

fn kind(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl Field for String {
    const REQUIRED: bool = true;
    fn read(_: &str, value: &DeValue<'_>) -> Result<Self, Wrong> {
        match value {
            DeValue::String(s) => Ok(s.to_string()),
            other => Err(Wrong::Kind {
                found: kind(other),
                expected: "a string",
            }),
        }
    }
    fn texts<'a>(&'a self, key: &'static str, out: &mut Vec<(&'static str, &'a str)>) {
        out.push((key, self));
    }
    fn texts_mut(&mut self, f: &mut dyn FnMut(&mut String)) {
        f(self);
    }
}

impl Field for Vec<String> {
    const REQUIRED: bool = true;
    fn read(key: &str, value: &DeValue<'_>) -> Result<Self, Wrong> {
        match value {
            DeValue::Array(items) => (items.iter())
                .map(|v| String::read(key, v.get_ref()))
                .collect(),
            other => Err(Wrong::Kind {
                found: kind(other),
                expected: "an array of strings",
            }),
        }
    }
    fn texts<'a>(&'a self, key: &'static str, out: &mut Vec<(&'static str, &'a str)>) {
        out.extend(self.iter().map(|s| (key, s.as_str())));
    }
    fn texts_mut(&mut self, f: &mut dyn FnMut(&mut String)) {
        self.iter_mut().for_each(f);
    }
}

/// A list of exactly `N` lines (one per entry of the home menu): a list of another length is
/// refused when the pack is read, with a message naming the key and the count it needs.
impl<const N: usize> Field for [String; N] {
    const REQUIRED: bool = true;
    fn read(key: &str, value: &DeValue<'_>) -> Result<Self, Wrong> {
        let lines = Vec::<String>::read(key, value)?;
        let n = lines.len();
        lines.try_into().map_err(|_| Wrong::Count {
            key: key.to_string(),
            found: n,
            needed: N,
        })
    }
    fn texts<'a>(&'a self, key: &'static str, out: &mut Vec<(&'static str, &'a str)>) {
        out.extend(self.iter().map(|s| (key, s.as_str())));
    }
    fn texts_mut(&mut self, f: &mut dyn FnMut(&mut String)) {
        self.iter_mut().for_each(f);
    }
}

/// A table of words (the key table's English words to this language's): optional, and not
/// among the texts checked as labels.
impl Field for BTreeMap<String, String> {
    const REQUIRED: bool = false;
    fn read(key: &str, value: &DeValue<'_>) -> Result<Self, Wrong> {
        match value {
            DeValue::Table(t) => t
                .iter()
                .map(|(k, v)| Ok((k.get_ref().to_string(), String::read(key, v.get_ref())?)))
                .collect(),
            other => Err(Wrong::Kind {
                found: kind(other),
                expected: "a table of strings",
            }),
        }
    }
    fn texts<'a>(&'a self, _: &'static str, _: &mut Vec<(&'static str, &'a str)>) {}
    /// The words shown (the values), not the keys they are found by.
    fn texts_mut(&mut self, f: &mut dyn FnMut(&mut String)) {
        self.values_mut().for_each(f);
    }
}

/// Parses `text` as a TOML document and fills a value of `T` key by key with `set`, which
/// returns `None` for a key `T` does not have. Problems are returned with their place.
///
/// # Errors
/// A TOML syntax error, a key that is not a label, a value of the wrong kind, a missing label.
pub fn read<T: Default>(
    text: &str,
    keys: &[&str],
    required: &[bool],
    set: impl Fn(&mut T, &str, &DeValue<'_>) -> Option<Result<(), Wrong>>,
) -> Result<T, Vec<Problem>> {
    let doc = toml::de::DeTable::parse(text)
        .map_err(|e| vec![(e.span().unwrap_or(0..0), e.message().trim().to_string())])?;
    let mut out = T::default();
    let mut problems = Vec::new();
    let mut seen = vec![false; keys.len()];
    for (key, value) in doc.get_ref() {
        let name: &str = key.get_ref();
        match set(&mut out, name, value.get_ref()) {
            None => problems.push((key.span(), unknown(name, keys))),
            Some(Err(wrong)) => problems.push((value.span(), wrong.to_string())),
            Some(Ok(())) => {}
        }
        if let Some(i) = keys.iter().position(|k| *k == name) {
            seen[i] = true;
        }
    }
    // The table's keys come sorted by name; the problems are reported in the file's order.
    problems.sort_by_key(|(span, _)| span.start);
    let whole = doc.span().start..doc.span().start;
    for ((key, seen), required) in keys.iter().zip(seen).zip(required) {
        if *required && !seen {
            problems.push((whole.clone(), format!("missing field `{key}`")));
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The same words serde uses, so every file's unknown key reads alike.
fn unknown(name: &str, keys: &[&str]) -> String {
    let expected: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    format!(
        "unknown field `{name}`, expected one of {}",
        expected.join(", ")
    )
}

/// Reads a field `f` of `target` from a TOML value.
///
/// # Errors
/// The value is not of the field's kind.
pub fn set_field<F: Field>(target: &mut F, key: &str, value: &DeValue<'_>) -> Result<(), Wrong> {
    *target = F::read(key, value)?;
    Ok(())
}

/// Defines the labels' struct from its field list (see the module's comment).
macro_rules! ui_text {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[doc = $doc:literal])* pub $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
        pub struct $name {
            $( $(#[doc = $doc])* pub $field: $ty, )*
        }

        impl $name {
            /// The keys of `ui.toml`, in the order of the struct.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// Reads `ui.toml`'s text.
            ///
            /// # Errors
            /// Every problem with the byte range it is at.
            pub fn from_toml(text: &str) -> Result<Self, Vec<$crate::uitext::Problem>> {
                let required = [$(<$ty as $crate::uitext::Field>::REQUIRED),*];
                $crate::uitext::read(text, Self::KEYS, &required, |ui: &mut Self, key, value| {
                    Some(match key {
                        $( stringify!($field) => $crate::uitext::set_field(&mut ui.$field, key, value), )*
                        _ => return None,
                    })
                })
            }

            /// Every text a reader sees, by its key (a list gives one entry per line), for the
            /// checks that read every label, so a new label is checked without touching them.
            #[must_use]
            pub fn labels(&self) -> Vec<(&'static str, &str)> {
                let mut out = Vec::new();
                $( $crate::uitext::Field::texts(&self.$field, stringify!($field), &mut out); )*
                out
            }

            /// Calls `f` on every text a reader sees (the words of `key_help` too, not its
            /// keys), to change it in place.
            pub fn texts_mut(&mut self, mut f: impl FnMut(&mut String)) {
                $( $crate::uitext::Field::texts_mut(&mut self.$field, &mut f); )*
            }
        }
    };
}
