//! `moodguide man`: manual pages from the same `clap` definition as the arguments, rendered with
//! `clap_mangen` section by section: `moodguide(1)` and one page per command
//! (`moodguide-show(1)` …), which the main page lists, each with an EXAMPLES section made from the
//! command's example and an EXIT STATUS section. Must not import `ratatui` or `crossterm`.

use std::io::{self, Write};
use std::path::Path;

use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use super::Outcome;

/// What every command exits with.
pub const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "ok"),
    ("1", "problems found, or nothing found"),
    (
        "2",
        "usage error: bad arguments, or a name that is unknown or could be more than one thing",
    ),
];

/// The example lines of a command's `after_help` ("Example: …" or an "Examples:" block), without
/// the label; the exit status line of the main help is left to its own section.
fn examples(cmd: &clap::Command) -> Vec<String> {
    let Some(after) = cmd.get_after_help().map(ToString::to_string) else {
        return Vec::new();
    };
    if let Some(one) = after.strip_prefix("Example: ") {
        return vec![one.trim().to_string()];
    }
    after
        .lines()
        .skip_while(|l| !l.starts_with("Examples:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect()
}

/// The command with its man-page name and no `help` subcommand (it has no page of its own).
fn prepared(cmd: clap::Command) -> clap::Command {
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// One page: `clap_mangen`'s page with its EXTRA section (the raw `after_help`) replaced by
/// EXAMPLES, EXIT STATUS and, for a command's page, SEE ALSO, before the VERSION section.
fn page(
    cmd: &clap::Command,
    parent: Option<&str>,
    source: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut text = Vec::new();
    Man::new(cmd.clone()).source(source).render(&mut text)?;
    let mut text = String::from_utf8(text).map_err(io::Error::other)?;
    if let Some(start) = text.find("\n.SH EXTRA\n").map(|s| s + 1) {
        let end = text[start..]
            .find("\n.SH ")
            .map_or(text.len(), |e| start + e + 1);
        text.replace_range(start..end, "");
    }
    let mut roff = Roff::default();
    let lines = examples(cmd);
    if !lines.is_empty() {
        roff.control("SH", ["EXAMPLES"]);
        // Kept as written: the examples line their descriptions up in columns.
        roff.control("nf", []);
        for l in lines {
            roff.text([roman(l)]);
        }
        roff.control("fi", []);
    }
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in EXIT_STATUS {
        roff.control("TP", []);
        roff.text([bold(*code)]);
        roff.text([roman(*meaning)]);
    }
    if let Some(parent) = parent {
        roff.control("SH", ["SEE ALSO"]);
        roff.text([bold(parent), roman("(1)")]);
    }
    // The page already starts with the apostrophe definitions every rendering begins with.
    let ours = roff.render();
    let preamble = Roff::default().render();
    let ours = ours.strip_prefix(&preamble).unwrap_or(&ours);
    let at = text.find("\n.SH VERSION").map_or(text.len(), |v| v + 1);
    text.insert_str(at, ours);
    out.write_all(text.as_bytes())
}

/// The file name of a command's page, `moodguide-show.1`.
fn file_name(cmd: &clap::Command) -> String {
    format!("{}.1", cmd.get_display_name().unwrap_or(cmd.get_name()))
}

/// The main page and one page per command, as (file name, page) pairs.
///
/// # Errors
/// Never in practice: rendering writes into memory.
pub fn pages(cmd: clap::Command) -> io::Result<Vec<(String, Vec<u8>)>> {
    let cmd = prepared(cmd);
    let main = cmd.get_name().to_string();
    // Every page's footer names the program and its version, as the main page's does.
    let source = format!("{main} {}", cmd.get_version().unwrap_or_default());
    let mut all = Vec::new();
    let mut text = Vec::new();
    page(&cmd, None, &source, &mut text)?;
    all.push((file_name(&cmd), text));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let mut text = Vec::new();
        page(sub, Some(&main), &source, &mut text)?;
        all.push((file_name(sub), text));
    }
    Ok(all)
}

/// `man [COMMAND] [--out DIR]`: one page to stdout (the main page, or the command's), or with
/// `--out` the pages written into DIR (all of them, or the command's) and their paths listed.
///
/// # Errors
/// An I/O error writing `out` or `err`; a file that cannot be written is reported on `err`.
pub fn run(
    cmd: clap::Command,
    command: Option<&str>,
    dir: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let main = cmd.get_name().to_string();
    let mut pages = pages(cmd)?;
    if let Some(name) = command {
        let file = format!("{main}-{name}.1");
        let Some(k) = pages.iter().position(|(f, _)| *f == file) else {
            let names: Vec<&str> = pages
                .iter()
                .skip(1)
                .filter_map(|(f, _)| f.strip_prefix(&format!("{main}-"))?.strip_suffix(".1"))
                .collect();
            writeln!(
                err,
                "moodguide: no command '{name}'; the commands are: {}",
                names.join(", ")
            )?;
            return Ok(Outcome::Usage);
        };
        pages = vec![pages.swap_remove(k)];
    } else if dir.is_none() {
        pages.truncate(1);
    }
    let Some(dir) = dir else {
        out.write_all(&pages[0].1)?;
        return Ok(Outcome::Ok);
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        writeln!(err, "moodguide: cannot create {}: {e}", dir.display())?;
        return Ok(Outcome::Problems);
    }
    for (file, text) in &pages {
        let path = dir.join(file);
        if let Err(e) = std::fs::write(&path, text) {
            writeln!(err, "moodguide: cannot write {}: {e}", path.display())?;
            return Ok(Outcome::Problems);
        }
        writeln!(out, "{}", path.display())?;
    }
    Ok(Outcome::Ok)
}
