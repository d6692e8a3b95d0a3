//! `moodguide check DIR`: validate a content pack and print every problem as
//! `file:line:column: message`. Never panics, whatever the files contain.

use std::io::{self, Write};
use std::path::Path;

use super::Outcome;
use crate::content;

/// Validates the pack in `dir`, printing each problem on its own line; [`Outcome::Problems`] if any.
///
/// # Errors
/// An I/O error writing the report.
pub fn check(dir: &Path, out: &mut dyn Write) -> io::Result<Outcome> {
    let result = content::load_dir(dir);
    match result {
        Ok(c) => {
            writeln!(
                out,
                "ok: {} topics, {} questions, {} glossary terms, {} comparison sets, {} sources",
                c.topics.len(),
                c.faq.nodes.len(),
                c.glossary.len(),
                c.sets.len(),
                c.sources.len()
            )?;
            Ok(Outcome::Ok)
        }
        Err(errors) => {
            for e in &errors {
                writeln!(out, "{}", e.under(dir))?;
            }
            writeln!(out, "{} problem(s)", errors.len())?;
            Ok(Outcome::Problems)
        }
    }
}
