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
    // The first language and (when the pack has one) its Spanish twin, which must match it.
    let twin = dir.join(crate::twin::SPANISH).is_dir();
    let result = content::check_dir(dir);
    match result {
        Ok(c) => {
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
