//! `moodguide check DIR`: validate a content pack and print every problem as
//! `file:line:column: message`, or with `--json` as one document of problems (file, line, column,
//! id, message). Never panics, whatever the files contain.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::Outcome;
use crate::content::{self, Catalog, ContentError};

/// What a clean pack holds.
#[derive(Serialize)]
struct Counts {
    topics: usize,
    questions: usize,
    terms: usize,
    sets: usize,
    sources: usize,
}

impl Counts {
    fn of(c: &Catalog) -> Counts {
        Counts {
            topics: c.topics.len(),
            questions: c.faq.nodes.len(),
            terms: c.glossary.len(),
            sets: c.sets.len(),
            sources: c.sources.len(),
        }
    }
}

/// One problem, its text as the text report writes it: a control or bidirectional character from
/// the pack shown as `\u{…}`, so the document is as safe to print on a terminal.
#[derive(Serialize)]
struct Problem {
    /// The file, as given on the command line joined with its path in the pack.
    file: String,
    line: usize,
    column: usize,
    /// The item the problem concerns, where there is one.
    id: Option<String>,
    message: String,
}

/// `text` with each control or bidirectional character written as `\u{…}`, as the text report
/// writes it.
fn safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || crate::chars::is_forbidden_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// The `--json` report.
#[derive(Serialize)]
struct Report {
    dir: String,
    /// True when there is nothing to fix (exit 0).
    ok: bool,
    /// True when the pack has a Spanish twin, checked against it.
    twin: bool,
    /// What the pack holds, when it loads clean.
    counts: Option<Counts>,
    problems: Vec<Problem>,
}

/// Validates the pack in `dir`, printing each problem on its own line (with `json`, one JSON
/// document); [`Outcome::Problems`] if any.
///
/// # Errors
/// An I/O error writing the report.
pub fn check(dir: &Path, json: bool, out: &mut dyn Write) -> io::Result<Outcome> {
    // The first language and (when the pack has one) its Spanish twin, which must match it.
    let twin = dir.join(crate::twin::SPANISH).is_dir();
    let result = content::check_dir(dir);
    let errors: Vec<ContentError> = match &result {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(|e| e.under(dir)).collect(),
    };
    let outcome = if errors.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Problems
    };
    if json {
        let report = Report {
            dir: dir.display().to_string(),
            ok: errors.is_empty(),
            twin,
            counts: result.as_ref().ok().map(Counts::of),
            problems: errors
                .iter()
                .map(|e| Problem {
                    file: safe(&e.file),
                    line: e.line,
                    column: e.column,
                    id: e.id.as_deref().map(safe),
                    message: safe(&e.message),
                })
                .collect(),
        };
        // Messages are English whatever --lang says.
        super::json::write(out, "en", &report)?;
        return Ok(outcome);
    }
    if let Ok(c) = result {
        writeln!(
            out,
            "ok: {} topics, {} questions, {} glossary terms, {} comparison sets, {} sources{}",
            c.topics.len(),
            c.faq.nodes.len(),
            c.glossary.len(),
            c.sets.len(),
            c.sources.len(),
            if twin {
                "; the Spanish twin matches"
            } else {
                ""
            }
        )?;
    } else {
        for e in &errors {
            writeln!(out, "{e}")?;
        }
        writeln!(out, "{} problem(s)", errors.len())?;
    }
    Ok(outcome)
}
