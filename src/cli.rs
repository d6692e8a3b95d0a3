//! The command line: the `clap` definition (shared by `main`, completions and the man page) and
//! `run`, which answers one-shot commands into a writer using the same content, search, page and
//! matrix code as the interactive guide. Must not import `ratatui` or `crossterm`.

mod address;
pub mod check;
mod collate;
mod complete;
mod export;
mod json;
mod links;
pub mod man;
mod resolve;
mod results;
mod show;
mod summary;
mod text;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::content::Catalog;
use crate::search::SearchIndex;

pub use check::check;

/// Exit status for "problems found" or "nothing found".
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit status for a usage error (bad arguments, unknown or ambiguous names).
pub const EXIT_USAGE: u8 = 2;

/// moodguide: plain facts about depression treatments, offline.
///
/// With no command it starts the interactive guide. Commands print to stdout (data) and stderr
/// (messages). Exit status: 0 ok, 1 problems found or nothing found, 2 usage error.
#[derive(Debug, Parser)]
#[command(name = "moodguide", version, about, long_about = None, after_help = EXAMPLES)]
// Each switch is a flag of its own on the command line, as clap reads it.
#[allow(clippy::struct_excessive_bools)]
pub struct Cli {
    /// Use the content pack in DIR instead of the bundled one (it must pass `moodguide check`).
    #[arg(long, value_name = "DIR", global = true)]
    pub content: Option<PathBuf>,
    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// The language of the guide and of what commands print: en (English) or es (español).
    /// Commands print English unless told; the guide starts in Spanish when the locale is
    /// Spanish (a kiosk: in its config's language).
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangChoice>,
    /// The guide as plain lines, one screen after another, for screen readers and terminals that
    /// cannot draw a screen (what a pipe or TERM=dumb gets anyway).
    #[arg(long, conflicts_with = "kiosk")]
    pub line: bool,
    /// Line mode: wrap text to this many columns (0: do not wrap; default: the terminal, else 80).
    #[arg(long, value_name = "COLUMNS", requires = "line")]
    pub width: Option<usize>,
    /// Draw the guide's signs (the selection marker, arrows, the scroll bar, "...") with ASCII
    /// and the few signs the Linux console's font has, on any terminal (TERM=linux and TERM=vt...
    /// get them anyway).
    #[arg(long)]
    pub ascii: bool,
    /// The guide's colours: default, or high-contrast (white on black, the selection in reverse
    /// video, nothing grey or dim); `NO_COLOR` still gives no colour at all.
    #[arg(
        long,
        value_enum,
        value_name = "THEME",
        help = "The guide's colours: default, or high-contrast (white on black, the selection in \
                reverse video, nothing grey or dim). NO_COLOR still gives no colour at all"
    )]
    pub theme: Option<ThemeChoice>,
    /// Show the terminal's cursor on the selected row or link, for a magnifier or screen reader
    /// that follows it (also shown when `MOODGUIDE_CURSOR=1`, or a kiosk config says `cursor = true`).
    #[arg(long, conflicts_with = "line")]
    pub cursor: bool,
    /// Neither open where you left off last time nor remember it (nor bookmarks) for next time:
    /// the guide reads and writes no file (a kiosk never does).
    #[arg(long, conflicts_with = "line")]
    pub no_history: bool,
    /// Run as a waiting-room kiosk: resets when idle, cannot be quit by visitors.
    #[arg(long)]
    pub kiosk: bool,
    /// Kiosk settings file (TOML).
    #[arg(long, value_name = "FILE", requires = "kiosk")]
    pub config: Option<PathBuf>,
    /// Kiosk: time without input before "Still reading?" (e.g. 90s, 2m).
    #[arg(long, value_name = "DURATION", requires = "kiosk")]
    pub idle_timeout: Option<String>,
    /// Kiosk: how long "Still reading?" counts down before the guide resets (e.g. 20s).
    #[arg(long, value_name = "DURATION", requires = "kiosk")]
    pub idle_warning: Option<String>,
    /// Kiosk: the clinic's name on the welcome screen.
    #[arg(long, value_name = "NAME", requires = "kiosk")]
    pub clinic_name: Option<String>,
    /// Kiosk: the crisis line shown on every screen, instead of the content's.
    #[arg(long, value_name = "TEXT", requires = "kiosk")]
    pub crisis: Option<String>,
    /// Kiosk: the keys staff press before the PIN (the PIN is set only in the config file).
    #[arg(long, value_name = "KEYS", requires = "kiosk")]
    pub staff_sequence: Option<String>,
    /// The command the summary's Print button sends it to, on its standard input (e.g. "lp -d
    /// office"). Split into words like a shell would, but run without one; stopped after 10 s.
    /// A kiosk sets it in its config file instead.
    #[arg(long, value_name = "COMMAND")]
    pub print_command: Option<String>,
    /// A one-shot command; without one, the interactive guide starts.
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The command line of this process, parsed.
    ///
    /// With no arguments at all (how a kiosk or a reader starts the guide) every option has its
    /// default, so clap's command tree is not built: that costs about a quarter of a millisecond
    /// of a start that takes about three.
    #[must_use]
    pub fn from_env() -> Cli {
        if std::env::args_os().len() > 1 {
            Cli::parse()
        } else {
            Cli::no_arguments()
        }
    }

    /// What clap makes of a command line with no arguments (a test keeps the two the same).
    #[must_use]
    pub fn no_arguments() -> Cli {
        Cli {
            content: None,
            color: ColorChoice::Auto,
            lang: None,
            line: false,
            width: None,
            ascii: false,
            theme: None,
            cursor: false,
            no_history: false,
            kiosk: false,
            config: None,
            idle_timeout: None,
            idle_warning: None,
            clinic_name: None,
            crisis: None,
            staff_sequence: None,
            print_command: None,
            command: None,
        }
    }
}

const EXAMPLES: &str = "Examples:
  moodguide                          start the interactive guide
  moodguide show zoloft              the sertraline topic as text
  moodguide compare prozac zoloft    two SSRIs side by side
  moodguide search \"serotonin syndrome\" --limit 5
  moodguide check ./my-pack          validate a content pack

Exit status: 0 ok, 1 problems found or nothing found, 2 usage error.";

/// The language to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangChoice {
    /// English.
    En,
    /// Español (Spanish).
    Es,
}

impl LangChoice {
    /// The bundled language it names.
    #[must_use]
    pub fn lang(self) -> crate::bundle::Lang {
        match self {
            LangChoice::En => crate::bundle::Lang::En,
            LangChoice::Es => crate::bundle::Lang::Es,
        }
    }

    /// Its folder in a content pack: `None` for the first language.
    #[must_use]
    pub fn folder(self) -> Option<&'static str> {
        match self {
            LangChoice::En => None,
            LangChoice::Es => Some(crate::twin::SPANISH),
        }
    }
}

/// The guide's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeChoice {
    /// Colours on the terminal's own ground.
    Default,
    /// White on black only, the selection in reverse video, nothing grey or dim.
    HighContrast,
}

impl ThemeChoice {
    /// The choice a name stands for, as `--theme` and a kiosk's `theme` take it.
    #[must_use]
    pub fn parse(name: &str) -> Option<ThemeChoice> {
        <ThemeChoice as ValueEnum>::from_str(name, false).ok()
    }
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal, unless `TERM=dumb` or `NO_COLOR` is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Output format for handouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown.
    Md,
    /// Plain text, wrapped.
    Txt,
}

/// The one-shot commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the topic tree with ids.
    #[command(after_help = "Example: moodguide topics --json")]
    Topics {
        /// Print one JSON document.
        #[arg(long)]
        json: bool,
    },
    /// Print a topic as wrapped text.
    #[command(
        after_help = "Example: moodguide show zoloft '#half-life'   (any words that name one topic)"
    )]
    Show {
        /// A topic id, or words that name one topic ("zoloft" finds sertraline); then '#SECTION'
        /// (quoted: a bare # starts a shell comment) for one section.
        #[arg(required = true)]
        topic: Vec<String>,
        /// Print one JSON document.
        #[arg(long)]
        json: bool,
        /// Wrap to this many columns (default: the terminal's width, else 80).
        #[arg(long)]
        width: Option<usize>,
    },
    /// Print the side-by-side comparison table.
    #[command(after_help = "Example: moodguide compare prozac zoloft --rows side-effects")]
    Compare {
        /// Items to compare (ids, names or brand names); all when none are given.
        items: Vec<String>,
        /// Which comparison set (default: the set of the items named, else ssris).
        #[arg(long)]
        set: Option<String>,
        /// Only this group of rows (a group id, e.g. side-effects).
        #[arg(long)]
        rows: Option<String>,
        /// Print one JSON document.
        #[arg(long)]
        json: bool,
        /// Fit the table to this many columns (default: the terminal's width, else 80).
        #[arg(long)]
        width: Option<usize>,
        /// Staff information too: rows patients are not shown (dose ranges).
        #[arg(long)]
        staff: bool,
    },
    /// Search everything; ranked results with where each one is.
    #[command(after_help = "Example: moodguide search ketamine cost --limit 5")]
    Search {
        /// What to look for.
        #[arg(required = true)]
        query: Vec<String>,
        /// At most this many results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print one JSON document.
        #[arg(long)]
        json: bool,
    },
    /// The questions tree as an outline, or one question with its answer and follow-ups.
    #[command(after_help = "Example: moodguide faq will-my-ssri-work")]
    Faq {
        /// A question id.
        node: Option<String>,
        /// Print one JSON document.
        #[arg(long)]
        json: bool,
    },
    /// The glossary, or one term.
    #[command(after_help = "Example: moodguide glossary remission")]
    Glossary {
        /// A term (id, name or alias).
        term: Option<String>,
        /// Print one JSON document.
        #[arg(long)]
        json: bool,
    },
    /// Write printable handouts: one file per topic (all topics when none are named).
    #[command(after_help = "Example: moodguide export --format txt --out handouts sertraline ect")]
    Export {
        /// File format.
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
        /// Folder to write into (created if missing); `-` writes the handouts to stdout, one
        /// after another with a rule between them.
        #[arg(long, default_value = "moodguide-handouts")]
        out: PathBuf,
        /// Topics to export (ids or names); all when none are given.
        topics: Vec<String>,
    },
    /// Print a take-away summary for the appointment: what matters, questions, what was read.
    Summary(summary::SummaryArgs),
    /// Validate a content pack (a folder shaped like assets/); one line per problem, with file and line.
    #[command(after_help = "Example: moodguide check ./my-pack   (exit 0 if clean, 1 if problems)")]
    Check {
        /// The pack folder.
        dir: PathBuf,
        /// Print one JSON document: each problem's file, line, column, id and message (exit
        /// status as without it).
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script.
    #[command(
        after_help = "Example: moodguide completions bash > /etc/bash_completion.d/moodguide"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), a command's page, or write every page into a folder.
    #[command(after_help = "Example: moodguide man --out /usr/local/share/man/man1")]
    Man {
        /// Only this command's page, moodguide-COMMAND(1) (e.g. show).
        command: Option<String>,
        /// Write the pages into DIR (created if missing): moodguide.1 and one per command, or
        /// only COMMAND's; the files written are listed.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done.
    Ok,
    /// Nothing found, or problems found.
    Problems,
    /// The user named something that does not exist or is ambiguous.
    Usage,
}

impl Outcome {
    /// The process exit status for this outcome.
    #[must_use]
    pub fn code(self) -> u8 {
        match self {
            Outcome::Ok => 0,
            Outcome::Problems => EXIT_PROBLEMS,
            Outcome::Usage => EXIT_USAGE,
        }
    }
}

/// Settings the commands share.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Width to wrap and fit tables to, when the command has no `--width`.
    pub width: usize,
    /// Use colour (bold headings).
    pub color: bool,
}

/// Runs a content command, writing data to `out` and messages to `err`.
///
/// # Errors
/// An I/O error writing output (a closed pipe is the caller's to treat as success).
pub fn run(
    cmd: &Command,
    catalog: &Catalog,
    index: &SearchIndex,
    opts: Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let w = |width: &Option<usize>| width.unwrap_or(opts.width).max(20);
    match cmd {
        Command::Topics { json: true } => {
            json::write(out, &catalog.meta.lang, &json::topics(catalog))
        }
        Command::Topics { json: false } => text::topics(catalog, opts.color, out),
        Command::Show { topic, json, width } => {
            show::run(catalog, index, topic, *json, w(width), opts, out, err)
        }
        Command::Compare {
            items,
            set,
            rows,
            json,
            width,
            staff,
        } => {
            let Some(mut pick) =
                resolve::compare(catalog, index, items, set.as_deref(), rows.as_deref(), err)?
            else {
                return Ok(Outcome::Usage);
            };
            if *staff {
                pick.audience = crate::compare::Audience::Staff;
            }
            if *json {
                json::write(out, &catalog.meta.lang, &json::compare(catalog, &pick))
            } else {
                text::compare(catalog, &pick, w(width), opts.color, out)
            }
        }
        Command::Search { query, limit, json } => {
            let results = index.query(catalog, &query.join(" "), (*limit).max(1));
            if *json {
                json::write(out, &catalog.meta.lang, &results::json(catalog, &results))?;
            } else {
                results::search(catalog, &results, opts.width, opts.color, out)?;
            }
            if results.hits.is_empty() {
                writeln!(err, "moodguide: nothing found for '{}'", query.join(" "))?;
                return Ok(Outcome::Problems);
            }
            Ok(Outcome::Ok)
        }
        Command::Faq { node, json } => {
            let node = match node {
                Some(n) => match resolve::node(catalog, index, n, err)? {
                    Some(i) => Some(i),
                    None => return Ok(Outcome::Usage),
                },
                None => None,
            };
            match (node, json) {
                (Some(n), true) => json::write(out, &catalog.meta.lang, &json::node(catalog, n)),
                (None, true) => json::write(out, &catalog.meta.lang, &json::faq(catalog)),
                (Some(n), false) => text::node(catalog, n, opts.width, opts.color, out),
                (None, false) => text::faq(catalog, out),
            }
        }
        Command::Glossary { term, json } => {
            let term = match term {
                Some(t) => match resolve::term(catalog, index, t, err)? {
                    Some(i) => Some(i),
                    None => return Ok(Outcome::Usage),
                },
                None => None,
            };
            if *json {
                json::write(out, &catalog.meta.lang, &json::glossary(catalog, term))
            } else {
                text::glossary(catalog, term, opts.width, opts.color, out)
            }
        }
        Command::Export {
            format,
            out: dir,
            topics,
        } => {
            let mut chosen = Vec::new();
            for name in topics {
                match resolve::topic(catalog, index, name, err)? {
                    Some(t) => chosen.push(t),
                    None => return Ok(Outcome::Usage),
                }
            }
            if chosen.is_empty() {
                chosen = (0..catalog.topics.len()).collect();
            }
            export::write(catalog, &chosen, *format, dir, out, err)
        }
        Command::Summary(args) => summary::run(args, catalog, index, opts, out, err),
        Command::Check { dir, json } => check(dir, *json, out),
        Command::Completions { shell } => complete::script(*shell, catalog, out),
        Command::Man { .. } => Ok(Outcome::Ok),
    }
}
