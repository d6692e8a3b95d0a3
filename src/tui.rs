//! The only terminal code: set the terminal up and restore it on every way out (normal quit, error,
//! panic, SIGTERM, SIGHUP), poll events, turn them into actions, draw each frame through one
//! buffered writer.

mod caret;
mod input;
mod sgr;
mod wide;

use std::io::{self, BufWriter, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{self, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{execute, queue};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

use crate::app::languages::Languages;
use crate::app::{self, Action, App, Control};
use crate::bundle::Lang;
use crate::content::{Catalog, Meta, UiText};
use crate::kiosk::{KioskConfig, KioskPolicy};
use crate::search::SearchIndex;
use crate::state::Keeper;
use crate::step;
use crate::takeaway::{self, PrintCommand};
use crate::ui::{self, Theme};
use caret::Caret;
use input::Crossterm;
pub use input::{Source, Wipe, handle, input, key};
use sgr::Sgr16;
use wide::CoveredFirst;

/// How often the loop wakes with no input, to notice signals.
const POLL: Duration = Duration::from_millis(200);

/// Puts the terminal back: mouse off, main screen, cooked mode, cursor shown. Never panics; errors
/// are ignored because there is nothing better to do on the way out.
///
/// The screen and its scrollback are cleared first, and the cursor sent home: a terminal with no
/// alternate screen (the Linux console, where a kiosk runs) draws the guide on its main screen,
/// and the last frame must not stay there for the next person to read. Where the alternate screen
/// exists, leaving it brings back what was there before. A panic's message is printed after this,
/// so it stays in view. A `kiosk` also wipes the scrollback; a reader at home keeps theirs.
pub fn restore(kiosk: bool) {
    let mut out = io::stdout();
    // The frame is cleared before leaving the alternate screen, so it is gone even on a terminal
    // without one (the Linux console).
    if kiosk {
        let _ = execute!(out, Clear(ClearType::Purge));
    }
    let _ = execute!(
        out,
        DisableMouseCapture,
        Clear(ClearType::All),
        crossterm::cursor::MoveTo(0, 0),
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

fn install_panic_hook(kiosk: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore(kiosk);
        previous(info);
    }));
}

/// The terminal's width in columns, if stdout is a terminal.
#[must_use]
pub fn terminal_width() -> Option<usize> {
    terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
        .filter(|w| *w > 0)
}

/// How the guide is drawn, as asked on the command line or in a kiosk's settings; the terminal
/// has its say in [`theme`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Look {
    /// The high-contrast theme (`--theme high-contrast`, a kiosk's `theme = "high-contrast"`),
    /// unless `NO_COLOR` asks for no colour at all.
    pub high_contrast: bool,
    /// Draw the console's signs (ASCII and what the Linux console's fonts have) on any terminal
    /// (`--ascii`, a kiosk's `ascii = true`).
    pub ascii: bool,
}

/// Whether this terminal gets the console's signs: asked for, or a terminal whose font is known
/// to lack the Unicode ones (`TERM=linux`, the Linux console, and `TERM=vt…`).
#[must_use]
pub fn console_signs(look: Look) -> bool {
    look.ascii || std::env::var("TERM").is_ok_and(|t| t.starts_with("linux") || t.starts_with("vt"))
}

/// Picks the theme: plain when `NO_COLOR` is set (and not empty) or the terminal is dumb, else
/// high contrast when asked, else colour; with the console's signs where [`console_signs`] says so.
#[must_use]
pub fn theme(look: Look) -> Theme {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let theme = if no_color || dumb {
        ui::theme::PLAIN
    } else if look.high_contrast {
        ui::theme::HIGH_CONTRAST
    } else {
        ui::theme::COLOR
    };
    if console_signs(look) {
        theme.with_glyphs(ui::glyphs::CONSOLE)
    } else {
        theme
    }
}

/// Whether the terminal's cursor is shown (it follows the focus either way): with `--cursor`
/// (`flag`), a kiosk config's `cursor = true` (`configured`), or `MOODGUIDE_CURSOR` set to `1`,
/// `true`, `yes` or `on`, the reader's own standing setting for a magnifier or screen reader.
#[must_use]
pub fn show_cursor(flag: bool, configured: bool) -> bool {
    flag || configured || std::env::var("MOODGUIDE_CURSOR").is_ok_and(|v| cursor_setting(&v))
}

/// Whether a `MOODGUIDE_CURSOR` value asks for the cursor.
fn cursor_setting(value: &str) -> bool {
    ["1", "true", "yes", "on"]
        .iter()
        .any(|v| value.trim().eq_ignore_ascii_case(v))
}

/// Runs the interactive guide until the user quits or a signal asks it to stop; with `kiosk`, as a
/// waiting-room kiosk that only staff can end. With `print`, the summary offers to print through
/// that command.
///
/// With `first`, a catalog holding only the pack's labels ([`Catalog::head`]), the first frame is
/// drawn from it before `load` is called for the whole pack (which may still be on its way).
///
/// `look` is how it is drawn (the theme and the signs, see [`theme`]). The terminal's cursor
/// follows the focus in every frame; with `show_cursor` it is also shown.
///
/// With a `keeper` (a guide at home), the guide opens where the reader left off and keeps their
/// bookmarks, and what it keeps is written when it ends (a quit or a stop signal); problems with
/// the file are left in the keeper's notes.
///
/// # Errors
/// A terminal I/O error, or `load`'s error; the terminal is restored before it is returned.
pub fn run(
    first: Option<&Catalog>,
    load: impl FnOnce() -> Result<Languages, String>,
    kiosk: Option<KioskConfig>,
    look: Look,
    show_cursor: bool,
    keeper: Option<&mut Keeper>,
    print: Option<&PrintCommand>,
) -> io::Result<()> {
    let theme = theme(look);
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    // Every way out restores the terminal the same way: the panic hook, the watchdog and the end
    // of this function each know whether this is a kiosk.
    let is_kiosk = kiosk.is_some();
    install_panic_hook(is_kiosk);
    terminal::enable_raw_mode()?;
    let result = (|| {
        // The 16 ANSI colours go out as 16-colour codes, not crossterm's 256-colour indexes.
        let mut out = Sgr16::new(BufWriter::with_capacity(64 * 1024, io::stdout()));
        // Queued, not flushed: the screen set-up goes out in one write with the first frame (each
        // draw moves the cursor to the focus, and shows it only when asked to).
        queue!(out, EnterAlternateScreen, EnableMouseCapture)?;
        let mut term = Terminal::new(Caret {
            inner: CoveredFirst(CrosstermBackend::new(out)),
            visible: show_cursor,
        })?;
        let clinic = kiosk.as_ref().and_then(|k| k.clinic_name.clone());
        if let Some(head) = first {
            let empty = SearchIndex::default();
            let app = new_app(head, &empty, &term, kiosk.is_some(), clinic.as_deref())?;
            term.draw(|f| ui::render(&app, f, &theme))?;
        }
        // What the first frame does not need waits until it is on the screen: the watchdog
        // thread, and crossterm's input and resize listener (polling once starts it). A resize
        // before the listener starts is caught by the loop, which checks the size before drawing.
        watchdog(Arc::clone(&stop), is_kiosk);
        event::poll(Duration::ZERO)?;
        // One language's pack at a time: a switch lets the one shown go before the other is read.
        let languages = load().map_err(io::Error::other)?.holding_one();
        let policy = kiosk.map(|k| KioskPolicy::new(k, Instant::now()));
        let session = Session {
            clinic: clinic.as_deref(),
            print,
            keeper,
            theme: &theme,
        };
        event_loop(&mut term, languages, &stop, policy, session, &mut Crossterm)
    })();
    restore(is_kiosk);
    result
}

/// The guide's loop over any backend and input: what [`run`] does once the terminal is set up,
/// without signals, a keeper or a print command, in the default look. For the whole-loop tests: a
/// `TestBackend`, a script of terminal events and a simulated clock ([`Source`]).
///
/// # Errors
/// `source`'s errors, and the backend's.
pub fn drive<B: Backend<Error: std::error::Error + Send + Sync + 'static> + Wipe>(
    term: &mut Terminal<B>,
    languages: Languages,
    kiosk: Option<KioskConfig>,
    source: &mut impl Source,
) -> io::Result<()> {
    let stop = AtomicBool::new(false);
    let clinic = kiosk.as_ref().and_then(|k| k.clinic_name.clone());
    let policy = kiosk.map(|k| KioskPolicy::new(k, source.now()));
    let theme = theme(Look::default());
    let session = Session {
        clinic: clinic.as_deref(),
        print: None,
        keeper: None,
        theme: &theme,
    };
    event_loop(
        term,
        languages.holding_one(),
        &stop,
        policy,
        session,
        source,
    )
}

/// How long the loop has to end by itself after SIGTERM, SIGHUP or SIGINT.
const STOP_GRACE: Duration = Duration::from_secs(1);

/// Ends the process if a stop signal is not obeyed in time. When the terminal goes away (its window
/// closed, an SSH link dropped) crossterm's read can keep retrying and never return to the loop,
/// which then never sees the signal: found with processes left spinning after their terminal closed.
fn watchdog(stop: Arc<AtomicBool>, kiosk: bool) {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(POLL);
        }
        std::thread::sleep(STOP_GRACE);
        restore(kiosk);
        std::process::exit(0);
    });
}

/// A fresh app the size of the terminal: a visit's welcome screen in a kiosk, else home.
fn new_app<'c, B: Backend<Error: std::error::Error + Send + Sync + 'static>>(
    catalog: &'c Catalog,
    index: &'c SearchIndex,
    term: &Terminal<B>,
    kiosk: bool,
    clinic: Option<&'c str>,
) -> io::Result<App<'c>> {
    let size = term.size().map_err(io::Error::other)?;
    let size = (size.width, size.height);
    Ok(if kiosk {
        App::kiosk(catalog, index, size, clinic)
    } else {
        App::new(catalog, index, size)
    })
}

/// How often the countdown redraws while "still reading?" is shown.
const COUNTDOWN_TICK: Duration = Duration::from_millis(250);

/// What a run of the guide works with besides the terminal and the content: the clinic's name,
/// the print command, at home what the reader keeps between sessions, and how it is drawn.
struct Session<'s> {
    clinic: Option<&'s str>,
    print: Option<&'s PrintCommand>,
    keeper: Option<&'s mut Keeper>,
    theme: &'s Theme,
}

fn event_loop<B: Backend<Error: std::error::Error + Send + Sync + 'static> + Wipe>(
    term: &mut Terminal<B>,
    mut languages: Languages,
    stop: &AtomicBool,
    mut kiosk: Option<KioskPolicy>,
    Session {
        clinic,
        print,
        mut keeper,
        theme,
    }: Session<'_>,
    source: &mut impl Source,
) -> io::Result<()> {
    // Let the end-to-end tests check that a panic and an error exit restore the terminal. Only in
    // debug builds (what `cargo test` runs): a release build does not read these variables.
    if cfg!(debug_assertions) {
        assert!(
            std::env::var_os("MOODGUIDE_TEST_PANIC").is_none(),
            "panic requested by MOODGUIDE_TEST_PANIC"
        );
        if std::env::var_os("MOODGUIDE_TEST_ERROR").is_some() {
            return Err(io::Error::other("error requested by MOODGUIDE_TEST_ERROR"));
        }
    }
    let search_off = kiosk.as_ref().is_some_and(|k| !k.config().search);
    // Holds the visit while one language's pack is let go and the other's is read.
    let placeholder = (
        Catalog::head(Meta::default(), UiText::default()),
        SearchIndex::default(),
    );
    let mut parked: Option<App<'_>> = None;
    let mut lang = languages.start;
    loop {
        let (catalog, index) = languages
            .get(lang)
            .ok_or_else(|| io::Error::other("the guide's content is missing"))?;
        let mut app = if let Some(visit) = parked.take() {
            let mut app = visit.rebind(catalog, index, Some(&languages), clinic);
            app.show_language(lang, catalog, index);
            app
        } else {
            let mut app =
                new_app(catalog, index, term, kiosk.is_some(), clinic)?.with_languages(&languages);
            app.search_off = search_off;
            app.can_print = print.is_some();
            if let Some(k) = keeper.as_deref_mut() {
                k.bring_back(&mut app);
            }
            app
        };
        let to = match visit(
            term,
            &mut app,
            (stop, source),
            kiosk.as_mut(),
            (print, theme),
        ) {
            Ok(Some(to)) => to,
            ended => {
                // However the guide ended (a quit, a stop signal, a terminal error), what the
                // reader keeps is written.
                if let Some(k) = keeper {
                    k.keep(&app);
                }
                return ended.map(|_| ());
            }
        };
        parked = Some(app.rebind(&placeholder.0, &placeholder.1, None, clinic));
        languages.forget(lang);
        lang = to;
    }
}

/// Runs the guide over one language's pack until the reader quits (`None`) or the visit moves to
/// the other language (`Some`: a switch, or a kiosk's reset back to its start language).
fn visit<B: Backend<Error: std::error::Error + Send + Sync + 'static> + Wipe>(
    term: &mut Terminal<B>,
    app: &mut App<'_>,
    (stop, source): (&AtomicBool, &mut impl Source),
    mut kiosk: Option<&mut KioskPolicy>,
    (print, theme): (Option<&PrintCommand>, &Theme),
) -> io::Result<Option<Lang>> {
    let index = app.index;
    // The bundled search index thaws on a second thread as soon as search opens: neither the key
    // that opens it nor, unless typed within a millisecond, the first letter waits for it.
    std::thread::scope(|threads| {
        let mut thawing = false;
        loop {
            // A resize can be missed (one that lands before the listener starts); the terminal's
            // own size is the truth, so the layout always matches what is drawn.
            let now = term.size().map_err(io::Error::other)?;
            if (now.width, now.height) != app.size {
                app::update(app, Action::Resize(now.width, now.height));
            }
            if let Some(policy) = kiosk.as_deref_mut()
                && tick(term, app, policy, source.now())?
                && let Some(start) = app.languages.map(|l| l.start)
                && app.lang != start
            {
                // A new visit starts in the kiosk's language.
                return Ok(Some(start));
            }
            term.draw(|f| ui::render(app, f, theme))
                .map_err(io::Error::other)?;
            if stop.load(Ordering::Relaxed) {
                return Ok(None);
            }
            if !source.poll(poll_timeout(kiosk.as_deref(), source.now()))? {
                continue;
            }
            // Drain everything waiting, then draw once: a storm of keys costs one frame.
            loop {
                let ev = source.read()?;
                match handle(app, kiosk.as_deref_mut(), &ev, source.now()) {
                    Control::Quit => return Ok(None),
                    Control::Language(to) => return Ok(Some(to)),
                    Control::Effect(effect) => {
                        // "Printing…" is on the screen while the command runs.
                        term.draw(|f| ui::render(app, f, theme))
                            .map_err(io::Error::other)?;
                        let outcome = takeaway::perform(&effect, print, kiosk.is_none());
                        app::update(app, Action::Done(outcome));
                    }
                    Control::Continue => {}
                }
                if !thawing && app.search.is_some() {
                    thawing = true;
                    threads.spawn(|| index.thaw_now());
                }
                if !source.poll(Duration::ZERO)? {
                    break;
                }
            }
        }
    })
}

/// How long to wait for input: until the kiosk's next deadline, and often while counting down.
fn poll_timeout(kiosk: Option<&KioskPolicy>, now: Instant) -> Duration {
    match kiosk {
        Some(p) if p.is_warning() => COUNTDOWN_TICK,
        Some(p) => p
            .next_deadline()
            .map_or(POLL, |d| d.saturating_duration_since(now).min(POLL)),
        None => POLL,
    }
}

/// Lets the kiosk policy turn time into the warning, its countdown, or a reset; returns whether
/// the visit was reset.
fn tick<B: Backend + Wipe>(
    term: &mut Terminal<B>,
    app: &mut App<'_>,
    policy: &mut KioskPolicy,
    now: Instant,
) -> io::Result<bool> {
    let reset = step::tick(app, policy, now);
    if reset {
        // Nothing of the last visit may stay on the glass or in the scrollback.
        term.backend_mut().wipe()?;
        // Forget the last frame so the next one is drawn whole. (Terminal::clear would ask the
        // terminal where its cursor is, and a terminal that never answers would end the kiosk.)
        term.swap_buffers();
    }
    Ok(reset)
}

#[cfg(test)]
mod tests {
    #[test]
    fn moodguide_cursor_takes_the_usual_yes_words() {
        for v in ["1", "true", "YES", " on "] {
            assert!(super::cursor_setting(v), "{v:?}");
        }
        for v in ["", "0", "false", "no", "off", "2"] {
            assert!(!super::cursor_setting(v), "{v:?}");
        }
    }
}
