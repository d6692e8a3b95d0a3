//! What `update` asks the event loop to do outside the app, and how it ended. The app does no I/O,
//! so printing the summary and saving it to a file leave `update` as an [`Effect`] (in
//! [`super::Control::Effect`]); the loop carries it out (`takeaway::perform`) and hands the
//! [`Outcome`] back as [`super::Action::Done`], which the summary screen shows. Pure: no I/O here.
//! Must not import `ratatui` or `crossterm`.

use std::path::{Path, PathBuf};

pub use crate::action::{Failure, Outcome};

/// Something only the event loop can do for the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Send this text to the configured print command on its standard input.
    Print(String),
    /// Write this text to a new file at `path`; when a file of that name is there already, the
    /// name with a number added ([`numbered`]), never over it.
    Save {
        /// Where the reader asked to save it.
        path: PathBuf,
        /// What the file holds (Markdown or plain text, as the name's ending asked).
        text: String,
    },
}

/// `path` with number `n` added to its name, before the ending: `summary.md` and 2 give
/// `summary-2.md`; 0 gives `path` as it is. Saving tries these in turn rather than write over a
/// file that is there.
#[must_use]
pub fn numbered(path: &Path, n: u32) -> PathBuf {
    if n == 0 {
        return path.to_path_buf();
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let name = match (stem, path.extension()) {
        (Some(stem), Some(ext)) => format!("{stem}-{n}.{}", ext.to_string_lossy()),
        (Some(stem), None) => format!("{stem}-{n}"),
        (None, _) => format!("{n}"),
    };
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_goes_before_the_ending() {
        let p = Path::new("./moodguide-summary.md");
        assert_eq!(numbered(p, 0), p);
        assert_eq!(numbered(p, 2), Path::new("./moodguide-summary-2.md"));
        assert_eq!(numbered(Path::new("notes"), 3), Path::new("notes-3"));
        assert_eq!(
            numbered(Path::new("/tmp/a.b.txt"), 2),
            Path::new("/tmp/a.b-2.txt")
        );
    }

    #[test]
    fn failures_say_why() {
        let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(Failure::from(&e), Failure::PermissionDenied);
        assert_eq!(
            Failure::Status(Some(3)).to_string(),
            "the print command failed (exit status 3)"
        );
    }
}
