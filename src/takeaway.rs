//! Carrying out what the summary screen asks of the event loop ([`Effect`]): running the print
//! command with the summary on its standard input, and saving the summary to a new file. The
//! guide's only child process and its only file written for a reader; a kiosk never saves. The
//! print command is read here too, from the kiosk config or `--print-command`.
//! Must not import `ratatui` or `crossterm`.

use std::fmt;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use wait_timeout::ChildExt;

use crate::app::effect::{Effect, Failure, Outcome, numbered};

/// How long the print command may take before it is stopped (and printing reported as failed).
pub const PRINT_TIME_LIMIT: Duration = Duration::from_secs(10);
/// The highest number added to a file name that is taken ("summary-99.md").
const MAX_NUMBER: u32 = 99;

/// Words a shell would read as its own (pipes, redirections, lists). The command is run without
/// a shell, so they would reach the program as arguments.
const SHELL_WORDS: [&str; 11] = [
    "|", "||", "&", "&&", ";", ">", ">>", "<", "2>", "2>&1", "&>",
];

/// The print command: a program and its arguments, split the way a shell splits words (quotes
/// and backslashes), and run without a shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintCommand {
    words: Vec<String>,
}

/// Why a print command cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandProblem {
    /// Nothing but spaces.
    Empty,
    /// A quote is not closed, or the text ends in a lone backslash.
    Unbalanced,
    /// A word a shell would read (`|`, `>`, `$PRINTER`): there is no shell to read it.
    ShellWord(String),
}

impl fmt::Display for CommandProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandProblem::Empty => {
                f.write_str("is empty; give a command such as \"lp -d frontdesk\"")
            }
            CommandProblem::Unbalanced => f.write_str(
                "cannot be split into words: a quote is not closed (or it ends in a backslash)",
            ),
            CommandProblem::ShellWord(word) => write!(
                f,
                "is run without a shell, so {word:?} would reach the program as a plain word; \
                 put pipes, redirections and variables in a script and name the script"
            ),
        }
    }
}

impl PrintCommand {
    /// Reads a command line such as `lp -d frontdesk` or `lpr -P "Front desk"`.
    ///
    /// # Errors
    /// [`CommandProblem`] when it is empty, cannot be split, or holds shell syntax.
    pub fn parse(text: &str) -> Result<Self, CommandProblem> {
        let words = shlex::split(text).ok_or(CommandProblem::Unbalanced)?;
        if words.is_empty() {
            return Err(CommandProblem::Empty);
        }
        if let Some(w) = words
            .iter()
            .find(|w| SHELL_WORDS.contains(&w.as_str()) || w.starts_with('$'))
        {
            return Err(CommandProblem::ShellWord(w.clone()));
        }
        Ok(PrintCommand { words })
    }

    /// The program and its arguments.
    #[must_use]
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Runs the command with `text` on its standard input, its output and errors thrown away (so
    /// nothing it prints can reach the screen), and stops it after `limit`.
    ///
    /// # Errors
    /// Why it did not work: not found, not allowed, too slow, or a failing exit status.
    pub fn run(&self, text: &str, limit: Duration) -> Result<(), Failure> {
        let (program, args) = self.words.split_first().ok_or(Failure::NotFound)?;
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| Failure::from(&e))?;
        // Written from a thread that is not waited for: a command that never reads its input
        // must not hold the guide past the limit. Closing the pipe (the end of the thread) is the
        // end of the text.
        let stdin = child.stdin.take();
        let bytes = text.as_bytes().to_vec();
        std::thread::spawn(move || {
            if let Some(mut pipe) = stdin {
                // A command that ends without reading all of it is judged by its exit status.
                let _ = pipe.write_all(&bytes);
            }
        });
        let waited = match child.wait_timeout(limit) {
            Ok(Some(status)) => Ok(status),
            Ok(None) => Err(Failure::TimedOut),
            Err(e) => Err(Failure::from(&e)),
        };
        if waited.is_err() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let status = waited?;
        if status.success() {
            Ok(())
        } else {
            Err(Failure::Status(status.code()))
        }
    }
}

/// `~/…` with the home folder put in (the reader types it; no shell expands it here).
fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => Path::new(&home).join(rest),
        _ => path.to_path_buf(),
    }
}

/// Saves `text` as a new file at `path`, never over one that is there: it is written to a
/// temporary file in the same folder, then renamed to `path`, or when that name is taken to
/// `path` with a number added ([`numbered`]: 2, 3, … up to 99). Returns the number used (0: none).
///
/// # Errors
/// Why it could not be written: no such folder, no permission, no name left, or another I/O error.
pub fn save(path: &Path, text: &str) -> Result<u32, Failure> {
    let path = expand_home(path);
    if path.file_name().is_none() {
        return Err(Failure::NotAFile);
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let io = |e: std::io::Error| Failure::from(&e);
    let mut file = tempfile::Builder::new()
        .prefix(".moodguide-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    file.write_all(text.as_bytes()).map_err(io)?;
    file.as_file().sync_all().map_err(io)?;
    for n in std::iter::once(0).chain(2..=MAX_NUMBER) {
        // The rename refuses a name that is taken (no check first, then a race to lose).
        match file.persist_noclobber(numbered(&path, n)) {
            Ok(_) => return Ok(n),
            Err(e) if e.error.kind() == ErrorKind::AlreadyExists => file = e.file,
            Err(e) => return Err(Failure::from(&e.error)),
        }
    }
    Err(Failure::NamesTaken)
}

/// Carries out `effect`: printing through `print` (refused without one), saving when `may_save`
/// (refused in a kiosk).
#[must_use]
pub fn perform(effect: &Effect, print: Option<&PrintCommand>, may_save: bool) -> Outcome {
    match effect {
        Effect::Print(text) => match print {
            Some(cmd) => cmd
                .run(text, PRINT_TIME_LIMIT)
                .map_or_else(Outcome::Failed, |()| Outcome::Printed),
            None => Outcome::Failed(Failure::Refused),
        },
        Effect::Save { path, text } if may_save => {
            save(path, text).map_or_else(Outcome::Failed, |number| Outcome::Saved { number })
        }
        Effect::Save { .. } => Outcome::Failed(Failure::Refused),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_command_is_split_like_a_shell_would_but_refuses_shell_syntax() {
        let c = PrintCommand::parse("lpr -P 'Front desk' -o sides=one-sided").unwrap();
        assert_eq!(
            c.words(),
            ["lpr", "-P", "Front desk", "-o", "sides=one-sided"]
        );
        assert_eq!(PrintCommand::parse("  "), Err(CommandProblem::Empty));
        assert_eq!(
            PrintCommand::parse("lp -d \"front"),
            Err(CommandProblem::Unbalanced)
        );
        assert_eq!(
            PrintCommand::parse("lp | tee log"),
            Err(CommandProblem::ShellWord("|".into()))
        );
        assert_eq!(
            PrintCommand::parse("lp -d $PRINTER"),
            Err(CommandProblem::ShellWord("$PRINTER".into()))
        );
    }

    #[test]
    fn the_command_gets_the_text_on_its_input() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("printed.txt");
        // `sh` here is the test's own printer, named as a program: the guide runs no shell.
        let c = PrintCommand {
            words: vec![
                "sh".into(),
                "-c".into(),
                "cat > \"$0\"".into(),
                out.display().to_string(),
            ],
        };
        c.run(
            "Ready for my appointment\n¿Qué tal?\n",
            Duration::from_secs(10),
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "Ready for my appointment\n¿Qué tal?\n"
        );
    }

    #[test]
    fn a_failing_missing_or_slow_command_says_why() {
        let run = |words: &[&str], limit: u64| {
            let c = PrintCommand {
                words: words.iter().map(|w| (*w).to_string()).collect(),
            };
            c.run("text", Duration::from_millis(limit))
        };
        assert_eq!(run(&["false"], 5000), Err(Failure::Status(Some(1))));
        assert_eq!(
            run(&["/nonexistent/moodguide-printer"], 5000),
            Err(Failure::NotFound)
        );
        let started = std::time::Instant::now();
        assert_eq!(run(&["sleep", "5"], 200), Err(Failure::TimedOut));
        assert!(started.elapsed() < Duration::from_secs(3), "not stopped");
        // A command that ends well without reading its input has printed.
        assert_eq!(run(&["true"], 5000), Ok(()));
    }

    #[test]
    fn saving_never_writes_over_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("summary.md");
        assert_eq!(save(&path, "first"), Ok(0));
        assert_eq!(save(&path, "second"), Ok(2));
        assert_eq!(save(&path, "third"), Ok(3));
        let read = |p: &Path| std::fs::read_to_string(p).unwrap();
        assert_eq!(read(&path), "first");
        assert_eq!(read(&dir.path().join("summary-2.md")), "second");
        assert_eq!(read(&dir.path().join("summary-3.md")), "third");
        // Nothing else is left in the folder (no temporary files).
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
        assert_eq!(
            save(&dir.path().join("no-such-folder/summary.md"), "x"),
            Err(Failure::NotFound)
        );
        assert_eq!(save(Path::new("/"), "x"), Err(Failure::NotAFile));
    }

    #[test]
    fn a_kiosk_saves_nothing_and_printing_needs_a_command() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("summary.md");
        let effect = Effect::Save {
            path: path.clone(),
            text: "x".into(),
        };
        assert_eq!(
            perform(&effect, None, false),
            Outcome::Failed(Failure::Refused)
        );
        assert!(!path.exists());
        assert_eq!(
            perform(&Effect::Print("x".into()), None, true),
            Outcome::Failed(Failure::Refused)
        );
    }
}
