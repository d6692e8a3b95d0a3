//! Thin entry point: parse arguments, load the content, run the guide, turn errors into exit codes.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use moodguide::content::{self, Catalog, ContentError};
use moodguide::search::SearchIndex;

/// An offline guide to depression treatments: SSRIs compared, IV ketamine, esketamine, and more.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Use the content pack in DIR instead of the bundled one.
    #[arg(long, value_name = "DIR")]
    content: Option<PathBuf>,
}

fn load(args: &Args) -> Result<Catalog, Vec<ContentError>> {
    match &args.content {
        Some(dir) => content::load(&content::dir_files(dir)?),
        None => content::load_embedded(),
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let catalog = match load(&args) {
        Ok(c) => c,
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!(
                "moodguide: the content has {} problem(s); nothing was shown",
                errors.len()
            );
            return ExitCode::from(1);
        }
    };
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!("moodguide: the interactive guide needs a terminal");
        return ExitCode::from(2);
    }
    let index = SearchIndex::build(&catalog);
    match moodguide::tui::run(&catalog, &index) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("moodguide: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}
