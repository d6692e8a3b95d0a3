//! `moodguide completions SHELL`: `clap_complete`'s script for the shell, with the content's ids
//! baked in as the values of the arguments that take them (topics, questions, terms, comparison
//! items, sets and row groups), each with its title where the shell shows descriptions (zsh,
//! fish, elvish, PowerShell).
//!
//! Baked in rather than asked for at each Tab (`clap_complete`'s dynamic completion): the script
//! stays a plain file that works without running the program, on the stable `clap_complete` API,
//! and the ids are the same in both languages (the twin check); a pack of one's own gets its ids
//! with `moodguide --content DIR completions SHELL`. Must not import `ratatui` or `crossterm`.

use std::fmt::Write as _;
use std::io::{self, Write};

use clap::CommandFactory;
use clap::builder::{PossibleValue, PossibleValuesParser};
use clap_complete::Shell;

use super::address::PROGRAM;
use super::{Cli, Outcome};
use crate::content::Catalog;

/// `(id, description)` pairs as the values an argument completes to.
fn values<I, S, T>(pairs: I) -> PossibleValuesParser
where
    I: IntoIterator<Item = (S, T)>,
    S: Into<String>,
    T: Into<String>,
{
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (id, help) in pairs {
        let id: String = id.into();
        if !seen.contains(&id) {
            seen.push(id.clone());
            out.push(PossibleValue::new(id).help(help.into()));
        }
    }
    PossibleValuesParser::new(out)
}

/// The command definition with the content's ids as the values its arguments complete to. Only
/// for writing a script: parsing uses the plain definition, which takes names and brands too.
#[must_use]
pub fn with_ids(c: &Catalog) -> clap::Command {
    let topics = || values(c.topics.iter().map(|t| (t.id.to_string(), t.title.clone())));
    let items = values(c.sets.iter().flat_map(|s| {
        s.items
            .iter()
            .map(move |i| (i.id.to_string(), format!("{} ({})", i.name, s.title)))
    }));
    let sets = values(c.sets.iter().map(|s| (s.id.to_string(), s.title.clone())));
    let groups = values(
        c.sets
            .iter()
            .flat_map(|s| s.groups.iter().map(|g| (g.id.to_string(), g.title.clone()))),
    );
    let nodes = values(
        c.faq
            .nodes
            .iter()
            .map(|n| (n.id.to_string(), n.question.clone())),
    );
    let terms = values(
        c.glossary
            .iter()
            .map(|g| (g.id.to_string(), g.term.clone())),
    );
    let cmd = Cli::command();
    let commands = values(cmd.get_subcommands().map(|s| {
        (
            s.get_name().to_string(),
            s.get_about().map(ToString::to_string).unwrap_or_default(),
        )
    }));
    cmd.mut_subcommand("show", |s| s.mut_arg("topic", |a| a.value_parser(topics())))
        .mut_subcommand("export", |s| {
            s.mut_arg("topics", |a| a.value_parser(topics()))
        })
        .mut_subcommand("faq", |s| s.mut_arg("node", |a| a.value_parser(nodes)))
        .mut_subcommand("glossary", |s| s.mut_arg("term", |a| a.value_parser(terms)))
        .mut_subcommand("compare", |s| {
            s.mut_arg("items", |a| a.value_parser(items))
                .mut_arg("set", |a| a.value_parser(sets))
                .mut_arg("rows", |a| a.value_parser(groups))
        })
        .mut_subcommand("man", |s| {
            s.mut_arg("command", |a| a.value_parser(commands))
        })
}

/// `text` in fish's single quotes.
fn fish_quote(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// Fish lines for the values of each command's positional arguments: `clap_complete`'s fish
/// script completes options only, so each value gets a `complete` line of its own, under the
/// script's own test for the command being typed.
fn fish_positionals(cmd: &clap::Command, name: &str) -> String {
    let mut lines = String::new();
    for sub in cmd.get_subcommands() {
        for arg in sub.get_positionals() {
            for v in arg.get_possible_values() {
                let _ = writeln!(
                    lines,
                    "complete -c {name} -n \"__fish_{name}_using_subcommand {}\" -f -a {} -d {}",
                    sub.get_name(),
                    fish_quote(v.get_name()),
                    fish_quote(&v.get_help().map(ToString::to_string).unwrap_or_default())
                );
            }
        }
    }
    lines
}

/// Writes the completion script for `shell`, with the content's ids.
///
/// # Errors
/// An I/O error writing `out`.
pub fn script(shell: Shell, c: &Catalog, out: &mut dyn Write) -> io::Result<Outcome> {
    let mut cmd = with_ids(c);
    // Generated into memory first: clap_complete panics if its writer fails (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, PROGRAM, &mut script);
    if shell == Shell::Fish {
        script.extend_from_slice(fish_positionals(&cmd, PROGRAM).as_bytes());
    }
    out.write_all(&script)?;
    Ok(Outcome::Ok)
}
