//! What the program does when it starts: read the kiosk settings, pick the language, load the
//! content, then run a command, line mode or the full-screen guide, and turn the outcome into an
//! exit code (0 ok, 1 problems, 2 usage). `src/main.rs` only hands it the parsed arguments.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::CommandFactory;

use crate::app::languages::{Languages, Loader};
use crate::bundle::Lang;
use crate::cli::{self, Cli, ColorChoice, Command, LangChoice, Options, Outcome};
use crate::content::{self, Catalog};
use crate::kiosk::{KioskConfig, KioskOverrides};
use crate::search::SearchIndex;
use crate::state::{Keeper, Store};
use crate::takeaway::PrintCommand;

/// The catalog and its search index: the bundled pack comes frozen from the build; a pack given
/// with `--content` is parsed, validated and indexed now.
fn load(cli: &Cli) -> Result<(Catalog, SearchIndex), Vec<String>> {
    match &cli.content {
        // The whole pack is checked, both languages, before anything is shown.
        Some(dir) => content::check_dir(dir)
            .and_then(|c| match cli.lang.and_then(LangChoice::folder) {
                Some(folder) => content::load_dir_lang(dir, Some(folder)),
                None => Ok(c),
            })
            .map(|c| {
                let index = crate::bundle::index_for(&c);
                (c, index)
            })
            .map_err(|errors| errors.iter().map(|e| e.under(dir).to_string()).collect()),
        None => crate::bundle::load_in(cli.lang.map_or(Lang::En, LangChoice::lang))
            .map_err(|e| vec![e.to_string()]),
    }
}

/// Writes to stdout, treating a closed pipe (`| head`) as success.
fn finish(result: io::Result<Outcome>) -> ExitCode {
    match result {
        Ok(outcome) => ExitCode::from(outcome.code()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("moodguide: {e}");
            ExitCode::from(cli::EXIT_PROBLEMS)
        }
    }
}

/// Reads and checks the kiosk settings; every problem is reported before the screen is touched.
fn kiosk_config(args: &Cli) -> Result<Option<KioskConfig>, String> {
    if !args.kiosk {
        return Ok(None);
    }
    let file = match &args.config {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read kiosk config {}: {e}", path.display()))?,
        ),
        None => None,
    };
    let flags = KioskOverrides {
        idle_timeout: args.idle_timeout.clone(),
        idle_warning: args.idle_warning.clone(),
        staff_sequence: args.staff_sequence.clone(),
        clinic_name: args.clinic_name.clone(),
        crisis: args.crisis.clone(),
        print_command: args.print_command.clone(),
    };
    let config = KioskConfig::resolve(file.as_deref(), &flags).map_err(|e| e.to_string())?;
    for w in config.warnings() {
        eprintln!("moodguide: {w}");
    }
    Ok(Some(config))
}

/// The print command: a kiosk's (its config, or the flag over it), else the flag's at home.
fn print_command(args: &Cli, kiosk: Option<&KioskConfig>) -> Result<Option<PrintCommand>, String> {
    match (kiosk, &args.print_command) {
        (Some(k), _) => Ok(k.print_command.clone()),
        (None, Some(text)) => PrintCommand::parse(text)
            .map(Some)
            .map_err(|p| format!("--print-command {p}")),
        (None, None) => Ok(None),
    }
}

/// Runs what `args` ask for and says how it went: 0 ok, 1 problems, 2 usage.
#[must_use]
pub fn main(args: &Cli) -> ExitCode {
    let settings = kiosk_config(args).and_then(|k| print_command(args, k.as_ref()).map(|p| (k, p)));
    let (kiosk, print) = match settings {
        Ok(both) => both,
        Err(e) => {
            eprintln!("moodguide: {e}");
            return ExitCode::from(cli::EXIT_USAGE);
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr();
    // Commands that need no content.
    match &args.command {
        Some(Command::Man { command, out: dir }) => {
            let written = cli::man::run(
                Cli::command(),
                command.as_deref(),
                dir.as_deref(),
                &mut out,
                &mut err,
            );
            return finish(written.and_then(|o| out.flush().map(|()| o)));
        }
        Some(Command::Check { dir, json }) => {
            return finish(cli::check(dir, *json, &mut out).and_then(|o| out.flush().map(|()| o)));
        }
        _ => {}
    }
    // Line mode: asked for, or the only guide a pipe or a dumb terminal can show (a kiosk needs
    // a real screen and keeps its refusal below).
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let no_screen = !io::stdout().is_terminal() || !io::stdin().is_terminal();
    if args.command.is_none() && (args.line || (kiosk.is_none() && (dumb || no_screen))) {
        return line_mode(args, &mut out);
    }
    if args.command.is_none() && args.content.is_none() {
        drop(out);
        let lang = start_language(args, kiosk.as_ref());
        return interactive(None, (kiosk, print), lang, None, args);
    }
    let (mut catalog, index) = match load(args) {
        Ok(loaded) => loaded,
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!(
                "moodguide: the content has {} problem(s); nothing was shown",
                errors.len()
            );
            return ExitCode::from(cli::EXIT_PROBLEMS);
        }
    };
    with_kiosk_crisis(&mut catalog, kiosk.as_ref());
    let Some(command) = &args.command else {
        drop(out);
        let lang = start_language(args, kiosk.as_ref());
        return interactive(
            Some((catalog, index)),
            (kiosk, print),
            lang,
            args.content.clone(),
            args,
        );
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        // A dumb terminal shows escape codes as garbage, so it gets plain text like a pipe does.
        ColorChoice::Auto => {
            io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
    };
    let width = if io::stdout().is_terminal() {
        crate::tui::terminal_width()
    } else {
        None
    };
    let opts = Options {
        width: width.unwrap_or(80),
        color,
    };
    let result = cli::run(command, &catalog, &index, opts, &mut out, &mut err);
    finish(result.and_then(|o| out.flush().map(|()| o)))
}

/// The language the guide starts in: `--lang`, else a kiosk's configured language (English when
/// it has none), else at home the reader's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) when it is Spanish.
fn start_language(args: &Cli, kiosk: Option<&KioskConfig>) -> Lang {
    if let Some(l) = args.lang {
        return l.lang();
    }
    if let Some(k) = kiosk {
        return k.language.unwrap_or_default();
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty());
    match locale {
        Some(l) if l.to_ascii_lowercase().starts_with("es") => Lang::Es,
        _ => Lang::En,
    }
}

/// Runs line mode over the chosen pack and language, reading stdin.
fn line_mode(args: &Cli, out: &mut impl Write) -> ExitCode {
    let (catalog, index) = match load(args) {
        Ok(pair) => pair,
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            return ExitCode::from(cli::EXIT_PROBLEMS);
        }
    };
    let width = args
        .width
        .or_else(|| {
            io::stdout()
                .is_terminal()
                .then(crate::tui::terminal_width)
                .flatten()
        })
        .unwrap_or(80);
    let mut input = io::stdin().lock();
    let result = crate::line::run(&catalog, &index, width, &mut input, out);
    finish(result.and_then(|()| out.flush()).map(|()| Outcome::Ok))
}

/// A kiosk's own crisis text (the clinic's numbers) replaces the pack's.
fn with_kiosk_crisis(catalog: &mut Catalog, kiosk: Option<&KioskConfig>) {
    with_crisis(catalog, kiosk.and_then(|k| k.crisis.as_ref()));
}

/// `text`, when given, replaces the pack's crisis line.
fn with_crisis(catalog: &mut Catalog, text: Option<&String>) {
    if let Some(text) = text {
        catalog.meta.crisis.clone_from(text);
    }
}

/// On a terminal drawn with the console's signs, the pack's own words (`ui.toml`: "▼ more") are
/// given the console forms of theirs, once, before anything measures them.
fn with_look(catalog: &mut Catalog, console: bool) {
    if console {
        crate::ui::glyphs::console_words(&mut catalog.ui);
    }
}

/// How the guide is drawn: the flags win over the kiosk's settings.
fn look(args: &Cli, kiosk: Option<&KioskConfig>) -> crate::tui::Look {
    let theme = args.theme.or(kiosk.and_then(|k| k.theme));
    crate::tui::Look {
        high_contrast: theme == Some(cli::ThemeChoice::HighContrast),
        ascii: args.ascii || kiosk.is_some_and(|k| k.ascii),
    }
}

/// Runs the full-screen guide over a pack already loaded, or over the bundled one.
fn interactive(
    loaded: Option<(Catalog, SearchIndex)>,
    (kiosk, print): (Option<KioskConfig>, Option<PrintCommand>),
    lang: Lang,
    content_dir: Option<std::path::PathBuf>,
    args: &Cli,
) -> ExitCode {
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        eprintln!(
            "moodguide: this terminal (TERM=dumb) cannot show the full-screen guide; \
             the commands work here, for example `moodguide topics` or `moodguide show ect`"
        );
        return ExitCode::from(cli::EXIT_USAGE);
    }
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "moodguide: the interactive guide needs a terminal (try `moodguide --help` for commands)"
        );
        return ExitCode::from(cli::EXIT_USAGE);
    }
    let crisis = kiosk.as_ref().and_then(|k| k.crisis.clone());
    let look = look(args, kiosk.as_ref());
    let console = crate::tui::console_signs(look);
    let cursor = crate::tui::show_cursor(args.cursor, kiosk.as_ref().is_some_and(|k| k.cursor));
    // Where the reader left off and their bookmarks: at home only, never in a kiosk.
    let mut keeper = (kiosk.is_none() && !args.no_history)
        .then(Store::from_env)
        .flatten()
        .map(Keeper::open);
    let result = if let Some(mut pair) = loaded {
        with_look(&mut pair.0, console);
        // A pack of one's own: its other language, if it has one, is read from the folder when
        // a reader first asks for it.
        let dir = content_dir;
        let other: Loader = Box::new(move |l| {
            let dir = dir.as_ref()?;
            let folder = match l {
                Lang::En => None,
                Lang::Es => Some(crate::twin::SPANISH),
            };
            let mut c = content::load_dir_lang(dir, folder).ok()?;
            with_crisis(&mut c, crisis.as_ref());
            with_look(&mut c, console);
            let index = crate::bundle::index_for(&c);
            Some((c, index))
        });
        let switch = kiosk.as_ref().is_none_or(|k| k.language_switch);
        let languages = move || {
            let l = Languages::new(lang, pair, other);
            Ok(if switch { l } else { l.without_switch() })
        };
        crate::tui::run(
            None,
            languages,
            kiosk,
            look,
            cursor,
            keeper.as_mut(),
            print.as_ref(),
        )
    } else {
        // The home and welcome screens need only the pack's labels: they are drawn from those
        // first, and the rest of the bundled pack is read after that frame is on the screen
        // (keys typed meanwhile wait in the terminal's input buffer).
        let mut head = match crate::bundle::head_in(lang) {
            Ok(h) => h,
            Err(e) => {
                eprintln!("moodguide: {e}");
                return ExitCode::from(cli::EXIT_PROBLEMS);
            }
        };
        with_kiosk_crisis(&mut head, kiosk.as_ref());
        with_look(&mut head, console);
        let crisis = head.meta.crisis.clone();
        let kiosk_crisis = kiosk.as_ref().and_then(|k| k.crisis.clone());
        let switch = kiosk.as_ref().is_none_or(|k| k.language_switch);
        let load = move || {
            let (mut c, index) = crate::bundle::load_in(lang).map_err(|e| e.to_string())?;
            c.meta.crisis = crisis;
            with_look(&mut c, console);
            let first = (c, index);
            let other: Loader = Box::new(move |l| {
                let (mut c, index) = crate::bundle::load_in(l).ok()?;
                with_crisis(&mut c, kiosk_crisis.as_ref());
                with_look(&mut c, console);
                Some((c, index))
            });
            let l = Languages::new(lang, first, other);
            Ok(if switch { l } else { l.without_switch() })
        };
        // Home drawn from the labels alone would not be what a returning reader sees first.
        let first = (!keeper.as_ref().is_some_and(Keeper::has_anything)).then_some(&head);
        crate::tui::run(
            first,
            load,
            kiosk,
            look,
            cursor,
            keeper.as_mut(),
            print.as_ref(),
        )
    };
    // The terminal is restored: problems with the state file can be read now.
    for note in keeper.iter().flat_map(|k| &k.notes) {
        eprintln!("moodguide: {note}");
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("moodguide: terminal error: {e}");
            ExitCode::from(cli::EXIT_PROBLEMS)
        }
    }
}
