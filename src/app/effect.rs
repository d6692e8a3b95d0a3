//! What `update` asks the event loop to do outside the app, and how it ended. The app does no I/O,
//! so printing the summary and saving it to a file leave `update` as an [`Effect`] (in
//! [`super::Control::Effect`]); the loop carries it out (`takeaway::perform`) and hands the
//! [`Outcome`] back as [`super::Action::Done`], which the summary screen shows. Pure: no I/O here.
//! Must not import `ratatui` or `crossterm`.

use std::fmt;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

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

/// How an [`Effect`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The print command took the summary and ended well.
    Printed,
    /// The summary was saved, under the name asked for with number `number` added ([`numbered`];
    /// 0: the name as asked).
    Saved {
        /// The number added to the name (0 for none).
        number: u32,
    },
    /// It did not work, for this reason.
    Failed(Failure),
}

/// Why printing or saving did not work (said in English: an error message, not content).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Not allowed here: a kiosk saves nothing, and printing needs a configured command.
    Refused,
    /// The program, or the folder, does not exist.
    NotFound,
    /// The system refused access to the program, the folder or the file.
    PermissionDenied,
    /// The print command took longer than the time limit and was stopped.
    TimedOut,
    /// The print command ended with this exit status (`None`: it was ended by a signal).
    Status(Option<i32>),
    /// Every numbered name up to the limit is taken.
    NamesTaken,
    /// The name given is a folder, not a file.
    NotAFile,
    /// Another input or output error.
    Io(ErrorKind),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Refused => f.write_str("not available here"),
            Failure::NotFound => f.write_str("no such program or folder"),
            Failure::PermissionDenied => f.write_str("permission denied"),
            Failure::TimedOut => f.write_str("the print command took too long and was stopped"),
            Failure::Status(Some(code)) => {
                write!(f, "the print command failed (exit status {code})")
            }
            Failure::Status(None) => f.write_str("the print command was stopped by a signal"),
            Failure::NamesTaken => f.write_str("too many files of that name already"),
            Failure::NotAFile => f.write_str("that is a folder; give a file name"),
            Failure::Io(kind) => write!(f, "{kind}"),
        }
    }
}

impl From<&std::io::Error> for Failure {
    fn from(e: &std::io::Error) -> Self {
        match e.kind() {
            ErrorKind::NotFound => Failure::NotFound,
            ErrorKind::PermissionDenied => Failure::PermissionDenied,
            kind => Failure::Io(kind),
        }
    }
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
        let e = std::io::Error::from(ErrorKind::PermissionDenied);
        assert_eq!(Failure::from(&e), Failure::PermissionDenied);
        assert_eq!(
            Failure::Status(Some(3)).to_string(),
            "the print command failed (exit status 3)"
        );
    }
}
