//! A problem found in a pack ([`ContentError`]): its file, line, column and id, written so that
//! no text from the pack can steer the terminal; and where a byte offset is (`line_col`).
//! Must not import `ratatui` or `crossterm`.

use std::fmt;
use std::path::Path;

/// A problem found while loading or validating a pack, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// The file, relative to the pack root.
    pub file: String,
    /// 1-based line, where known.
    pub line: usize,
    /// 1-based column, where known.
    pub column: usize,
    /// The item id the problem concerns, where there is one.
    pub id: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl ContentError {
    /// The same problem with its file named relative to the current directory (`dir/file`).
    #[must_use]
    pub fn under(&self, dir: &Path) -> ContentError {
        let file = if self.file.starts_with(&*dir.to_string_lossy()) {
            self.file.clone()
        } else {
            dir.join(&self.file).display().to_string()
        };
        ContentError {
            file,
            ..self.clone()
        }
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", Safe(&self.file), self.line, self.column)?;
        if let Some(id) = &self.id {
            write!(f, "[{}] ", Safe(id))?;
        }
        write!(f, "{}", Safe(&self.message))
    }
}

/// Text from a pack shown in a problem report: a control or bidirectional character (a bad pack
/// can hold ESC and the rest through TOML escapes such as `\e`) is written as `\u{1b}`, so a
/// report can never move the cursor, clear the screen or reorder what the terminal shows.
struct Safe<'a>(&'a str);

impl fmt::Display for Safe<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if c.is_control() || crate::chars::is_forbidden_char(c) {
                write!(f, "\\u{{{:x}}}", u32::from(c))?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

/// 1-based line and column (in characters) of a byte offset.
#[must_use]
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}
