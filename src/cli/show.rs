//! `show`: what the words typed after it name (one topic, optionally one `#section` of it), and
//! the clear refusal when they name several topics. Must not import `ratatui` or `crossterm`.

use std::io::{self, Write};

use super::resolve;
use super::{Options, Outcome, address, json, text};
use crate::content::Catalog;
use crate::search::SearchIndex;

/// What the words after `show` ask for: the words naming the topic, one by one, and the section
/// written after a `#` ("TOPIC #section", "TOPIC#section", or "TOPIC #two words").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The words before the `#`.
    pub names: Vec<String>,
    /// The words after it, if there is one.
    pub section: Option<String>,
}

impl Request {
    /// Splits the arguments of `show` at the first `#`.
    #[must_use]
    pub fn parse(args: &[String]) -> Request {
        let mut names = Vec::new();
        for (k, arg) in args.iter().enumerate() {
            if let Some((before, after)) = arg.split_once('#') {
                if !before.trim().is_empty() {
                    names.push(before.trim().to_string());
                }
                let rest: Vec<&str> = std::iter::once(after)
                    .chain(args[k + 1..].iter().map(String::as_str))
                    .collect();
                return Request {
                    names,
                    section: Some(rest.join(" ").trim().to_string()),
                };
            }
            names.push(arg.clone());
        }
        Request {
            names,
            section: None,
        }
    }
}

/// Runs `show` for the arguments typed.
///
/// # Errors
/// An I/O error writing output or messages.
#[allow(clippy::too_many_arguments)]
pub fn run(
    c: &Catalog,
    index: &SearchIndex,
    args: &[String],
    as_json: bool,
    width: usize,
    opts: Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let request = Request::parse(args);
    let Some(t) = topic(c, index, &request.names, err)? else {
        return Ok(Outcome::Usage);
    };
    let section = match &request.section {
        Some(s) => match resolve::section(c, t, s, err)? {
            Some(i) => Some(i),
            None => return Ok(Outcome::Usage),
        },
        None => None,
    };
    if as_json {
        json::write(out, &c.meta.lang, &json::topic(c, t, section))
    } else {
        text::show(c, t, section, width, opts.color, out)
    }
}

/// The one topic `names` stand for: all the words together as an exact name; else, when the
/// words hold the exact names of two or more different topics ("zoloft prozac", "ssri tablets
/// ect"), a usage error listing what each name matches; else the words together through the
/// search index ("ketamine cost").
fn topic(
    c: &Catalog,
    index: &SearchIndex,
    names: &[String],
    err: &mut dyn Write,
) -> io::Result<Option<usize>> {
    let joined = names.join(" ");
    if let Some(t) = resolve::topic_named(c, &joined) {
        return Ok(Some(t));
    }
    let spans = named_spans(c, names);
    let mut distinct: Vec<usize> = spans.iter().map(|(_, t)| *t).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() > 1 {
        several(c, &spans, err)?;
        return Ok(None);
    }
    resolve::topic(c, index, &joined, err)
}

/// The runs of words that are each the exact name of a topic, longest first from the left
/// ("paxil cr prozac" is "paxil cr" and "prozac"), with the topic each names.
fn named_spans(c: &Catalog, names: &[String]) -> Vec<(String, usize)> {
    let words: Vec<&str> = names.iter().flat_map(|n| n.split_whitespace()).collect();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let found = (i + 1..=words.len()).rev().find_map(|j| {
            let name = words[i..j].join(" ");
            resolve::topic_named(c, &name).map(|t| (j, name, t))
        });
        match found {
            Some((j, name, t)) => {
                spans.push((name, t));
                i = j;
            }
            None => i += 1,
        }
    }
    spans
}

/// The refusal for words that name several topics: what each name matches, and what to type.
fn several(c: &Catalog, spans: &[(String, usize)], err: &mut dyn Write) -> io::Result<()> {
    writeln!(
        err,
        "moodguide: show takes one topic, and these words name different topics:"
    )?;
    for (name, t) in spans {
        writeln!(
            err,
            "  {}: {}",
            address::quote(name),
            resolve::topic_label(c, *t)
        )?;
    }
    if let Some((_, t)) = spans.first() {
        writeln!(
            err,
            "Show one at a time, for example: {}",
            address::command(&address::show(c, *t, None))
        )?;
    }
    // Comparison items of one set can be seen side by side.
    let sets: Vec<Option<usize>> = spans.iter().map(|(n, _)| item_set(c, n)).collect();
    if let Some(Some(set)) = sets.first()
        && sets.iter().all(|s| *s == Some(*set))
    {
        let mut args = vec!["compare".to_string()];
        args.extend(spans.iter().map(|(n, _)| n.clone()));
        writeln!(err, "Or side by side: {}", address::command(&args))?;
    }
    Ok(())
}

/// The comparison set whose item `typed` names exactly (id, name or brand).
fn item_set(c: &Catalog, typed: &str) -> Option<usize> {
    let t = typed.trim().to_lowercase();
    c.sets.iter().position(|s| {
        s.items.iter().any(|i| {
            i.id.as_str() == t
                || i.name.to_lowercase() == t
                || i.brands.iter().any(|b| b.to_lowercase() == t)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn a_section_after_a_hash_in_any_form() {
        let want = Request {
            names: vec!["sertraline".into()],
            section: Some("half-life".into()),
        };
        assert_eq!(Request::parse(&words("sertraline #half-life")), want);
        assert_eq!(Request::parse(&words("sertraline#half-life")), want);
        assert_eq!(
            Request::parse(&words("zoloft #how long"))
                .section
                .as_deref(),
            Some("how long")
        );
        assert_eq!(
            Request::parse(&words("ketamine cost")),
            Request {
                names: words("ketamine cost"),
                section: None
            }
        );
    }
}
