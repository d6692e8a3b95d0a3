//! `moodguide summary`: a take-away summary for the appointment, for staff preparing one with a
//! patient. The ids given become the same [`Picks`] the guide keeps, the summary is written by the
//! same `to_text`/`to_markdown`, and `--qr` adds its QR codes drawn with half blocks.

use std::io::{self, Write};

use super::{Format, Options, Outcome};
use crate::content::{Catalog, ConcernId};
use crate::search::SearchIndex;
use crate::summary::qr::{self, Ink};
use crate::summary::{self, PREFIXES, Picks, Subject};

/// How many "did you mean" choices an unknown id gets.
const SUGGESTIONS: usize = 5;

/// What `summary` takes.
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "Examples:
  moodguide summary --matters cost sexual --questions ready:insurance faq:is-ketamine-right --qr
  moodguide --lang es summary --matters cost --format md

Ids for --questions and --read:
  faq:ID                 a question of the questions tree (moodguide faq lists them)
  topic:ID, topic:ID#S   a topic, or one of its sections (moodguide topics)
  glossary:ID            a glossary term (moodguide glossary)
  compare:SET/ITEM/ROW   a comparison cell; compare:SET/ITEM an item, compare:SET a set
  ready:ID               a ready question (matters.toml)
An id alone (will-my-ssri-work) is enough when only one thing has it.
Concerns for --matters are the ids in matters.toml; an unknown one gets the list.")]
pub struct SummaryArgs {
    /// The reader's questions, in order (ids as below).
    #[arg(long, num_args = 1.., value_name = "ID")]
    pub questions: Vec<String>,
    /// The concerns that matter most to the reader (concern ids).
    #[arg(long, num_args = 1.., value_name = "ID")]
    pub matters: Vec<String>,
    /// What the reader read (ids as for --questions).
    #[arg(long, num_args = 1.., value_name = "ID")]
    pub read: Vec<String>,
    /// Print the summary as QR codes after the text, numbered when there are several.
    #[arg(long)]
    pub qr: bool,
    /// Rows of the terminal a QR code may take (it also fits the width).
    #[arg(long, value_name = "ROWS", default_value_t = 22, requires = "qr")]
    pub qr_rows: usize,
    /// Text or Markdown.
    #[arg(long, value_enum, default_value_t = Format::Txt)]
    pub format: Format,
    /// Wrap the text to this many columns (default: the terminal's width, else 80; 0: do not wrap).
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<usize>,
}

/// Prints the summary of the ids given, or says which id is unknown (exit 2).
///
/// # Errors
/// An I/O error writing.
pub fn run(
    args: &SummaryArgs,
    c: &Catalog,
    index: &SearchIndex,
    opts: Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let mut picks = Picks::default();
    for typed in &args.matters {
        match concern(c, typed, err)? {
            Some(id) => {
                if !picks.matters.contains(&id) {
                    picks.matters.push(id);
                }
            }
            None => return Ok(Outcome::Usage),
        }
    }
    for (list, typed_all) in [
        (&mut picks.questions, &args.questions),
        (&mut picks.read, &args.read),
    ] {
        for typed in typed_all {
            match subject(c, index, typed, err)? {
                Some(s) => {
                    if !list.contains(&s) {
                        list.push(s);
                    }
                }
                None => return Ok(Outcome::Usage),
            }
        }
    }
    let s = summary::build(c, &picks);
    let width = args.width.unwrap_or(opts.width);
    match args.format {
        Format::Txt => out.write_all(summary::to_text(&s, width).as_bytes())?,
        Format::Md => out.write_all(summary::to_markdown(&s).as_bytes())?,
    }
    if args.qr {
        let cols = if width == 0 { opts.width } else { width };
        return codes(
            c,
            &summary::to_text(&s, 0),
            cols,
            args.qr_rows,
            opts.color,
            out,
            err,
        );
    }
    Ok(Outcome::Ok)
}

/// The summary's QR codes, each after a line with its number when there are several.
fn codes(
    c: &Catalog,
    text: &str,
    cols: usize,
    rows: usize,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let parts = match qr::parts(text, cols, rows, &c.ui.summary_part) {
        Ok(p) => p,
        Err(e) => {
            writeln!(err, "moodguide: {e}; give more --width or --qr-rows")?;
            return Ok(Outcome::Usage);
        }
    };
    let total = parts.len();
    for (k, part) in parts.iter().enumerate() {
        writeln!(out)?;
        if total > 1 {
            writeln!(out, "{}", qr::numbered(&c.ui.summary_part, k + 1, total))?;
        }
        for row in part.code.rows(Ink::Dark) {
            if color {
                // Black on bright white: dark modules on a light ground whatever the terminal's
                // own colours are.
                writeln!(out, "\x1b[30;107m{row}\x1b[0m")?;
            } else {
                writeln!(out, "{row}")?;
            }
        }
    }
    Ok(Outcome::Ok)
}

/// A concern by id, or the list of concerns.
fn concern(c: &Catalog, typed: &str, err: &mut dyn Write) -> io::Result<Option<ConcernId>> {
    let t = typed.trim().to_lowercase();
    if let Some(k) = c.matters.concerns.iter().find(|k| k.id.as_str() == t) {
        return Ok(Some(k.id.clone()));
    }
    let ids: Vec<&str> = c.matters.concerns.iter().map(|k| k.id.as_str()).collect();
    if ids.is_empty() {
        writeln!(
            err,
            "moodguide: this content pack has no concerns (matters.toml)"
        )?;
    } else {
        writeln!(
            err,
            "moodguide: no concern '{typed}'; the concerns are: {}",
            ids.join(", ")
        )?;
    }
    Ok(None)
}

/// A question, topic, term, comparison cell or ready question by address or id alone; an unknown
/// or ambiguous one gets "did you mean" choices.
fn subject(
    c: &Catalog,
    index: &SearchIndex,
    typed: &str,
    err: &mut dyn Write,
) -> io::Result<Option<Subject>> {
    let typed = typed.trim();
    let prefixed = PREFIXES.iter().any(|p| typed.starts_with(p));
    if prefixed {
        match Subject::parse(typed) {
            Some(s) if s.title(c).is_some() => return Ok(Some(s)),
            Some(_) => {}
            None => {
                writeln!(
                    err,
                    "moodguide: '{typed}' is not an id the summary reads; \
                     see `moodguide summary --help` for the forms"
                )?;
                return Ok(None);
            }
        }
    } else {
        let found = Subject::find(c, typed);
        if let [one] = found.as_slice() {
            return Ok(Some(one.clone()));
        }
        if found.len() > 1 {
            writeln!(
                err,
                "moodguide: '{typed}' names more than one thing; did you mean:"
            )?;
            for s in &found {
                writeln!(err, "  {s}  ({})", s.title(c).unwrap_or_default())?;
            }
            return Ok(None);
        }
    }
    let choices = suggestions(c, index, typed);
    if choices.is_empty() {
        writeln!(err, "moodguide: nothing in the guide has the id '{typed}'")?;
    } else {
        writeln!(
            err,
            "moodguide: nothing in the guide has the id '{typed}'; did you mean:"
        )?;
        for s in choices {
            writeln!(err, "  {s}  ({})", s.title(c).unwrap_or_default())?;
        }
    }
    Ok(None)
}

/// Close ids for an unknown one: ready questions with a similar id, then what search finds for its
/// words, the kind the prefix names first.
fn suggestions(c: &Catalog, index: &SearchIndex, typed: &str) -> Vec<Subject> {
    let (kind, id) = typed.split_once(':').unwrap_or(("", typed));
    let words = id.replace(['-', '/', '#', '_'], " ");
    let mut out: Vec<Subject> = c
        .matters
        .questions
        .iter()
        .filter(|q| strsim::jaro_winkler(q.id.as_str(), id) >= 0.8)
        .map(|q| Subject::Ready(q.id.clone()))
        .collect();
    let mut found: Vec<Subject> = index
        .query(c, &words, 20)
        .hits
        .into_iter()
        .map(|h| Subject::from_target(c, h.target))
        .collect();
    // A stable sort: the prefix's kind first, search's order kept within each.
    found.sort_by_key(|s| !s.to_string().starts_with(&format!("{kind}:")));
    for s in found {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out.truncate(SUGGESTIONS);
    out
}
