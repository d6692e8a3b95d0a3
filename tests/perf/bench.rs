//! The performance benchmark, run by `cargo bench --bench bench` (`harness = false`): cold start to
//! the first frame against `less` in a pseudo-terminal, time and bytes per key, search as you type
//! over the bundled pack and one 100 times larger, and footprint. Prints a markdown table for the
//! README. It never fails on time: each figure is printed beside its budget as OK or OVER.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::hint::black_box;
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use moodguide::app::{App, MENU, TreeRow, topics, tree_rows};
use moodguide::content::{self, Catalog, PackFile};
use moodguide::keymap::Key;
use moodguide::search::{SearchIndex, Target};
use moodguide::step::{self, Input};
use moodguide::ui::{self, theme::COLOR};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use unicode_width::UnicodeWidthStr;

/// The pseudo-terminal and in-memory terminal size for start-up, bytes and footprint.
const COLS: u16 = 100;
const ROWS: u16 = 30;
/// The headless terminal size for time per key.
const KEY_SIZE: (u16, u16) = (120, 40);
/// moodguide/less start-up pairs measured (after one warm-up pair).
const PAIRS: usize = 30;
/// Repetitions of each key scenario.
const KEY_REPS: usize = 2000;
/// The query typed one character at a time.
const QUERY: &str = "serotonin sy";
/// Results asked for per keystroke.
const QUERY_LIMIT: usize = 40;
/// The large pack holds this many copies of every topic (the original and `COPIES - 1` more).
const COPIES: usize = 100;
/// How long a screen may take to appear before the run is declared broken.
const SCREEN_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a process may take to quit after `q`.
const EXIT_TIMEOUT: Duration = Duration::from_secs(5);
/// Names another moodguide binary to start, watch and weigh instead of the one `cargo bench` built.
const BIN_VAR: &str = "MOODGUIDE_BENCH_BIN";
/// The argument that makes this binary load the content once and report its memory.
const CHILD_LOAD: &str = "--child-load";
const KIB: u64 = 1024;
const MIB: u64 = 1024 * 1024;

/// Whether a figure is within its budget.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Ok,
    Over,
    Info,
}

/// One line of the result table.
struct Row {
    figure: String,
    measured: String,
    budget: String,
    status: Status,
}

fn row(figure: &str, measured: String, budget: &str, ok: Option<bool>) -> Row {
    Row {
        figure: figure.into(),
        measured,
        budget: budget.into(),
        status: match ok {
            Some(true) => Status::Ok,
            Some(false) => Status::Over,
            None => Status::Info,
        },
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some(CHILD_LOAD) {
        child_load();
        return;
    }
    if !args.iter().any(|a| a == "--bench") {
        println!("bench: nothing to do here; run it with `cargo bench --bench bench`");
        return;
    }
    let started = Instant::now();
    // Another build of the same source (a static one for a kiosk, say) can stand in for the one
    // `cargo bench` built, for the figures taken from a running binary: start, RSS and size.
    // Made absolute: the pty library looks a relative name up in PATH.
    let other = std::env::var_os(BIN_VAR).map(|path| {
        std::fs::canonicalize(&path).unwrap_or_else(|e| {
            panic!(
                "{BIN_VAR}={}: {e}; give the path of a moodguide binary",
                Path::new(&path).display()
            )
        })
    });
    let bin = other
        .as_deref()
        .unwrap_or_else(|| Path::new(env!("CARGO_BIN_EXE_moodguide")));
    let (catalog, index) = moodguide::bundle::load().unwrap();
    let mut rows = Vec::new();
    progress("cold start: moodguide and less in a 100x30 pty, pair by pair");
    cold_start(bin, &catalog, &index, &mut rows);
    progress("time per key (TestBackend 120x40)");
    per_key(&catalog, &index, &mut rows);
    first_search(&mut rows);
    progress("language switch (TestBackend 120x40)");
    language_switch(&mut rows);
    progress("bytes per frame (CrosstermBackend 100x30 into memory)");
    frame_bytes(&catalog, &index, &mut rows);
    progress("search as you type");
    let detail = search(&catalog, &index, &mut rows);
    progress("footprint");
    footprint(bin, &mut rows);
    progress("start-up breakdown");
    breakdown(&mut rows);
    print_report(bin, other.is_some(), &rows, &detail, started.elapsed());
}

fn progress(what: &str) {
    eprintln!("bench: {what} …");
}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting

/// Median and worst of a set of timings.
fn stats(v: &[Duration]) -> (Duration, Duration) {
    let mut s = v.to_vec();
    s.sort_unstable();
    (median_sorted(&s), s.last().copied().unwrap_or_default())
}

fn median_sorted(s: &[Duration]) -> Duration {
    match s.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => s[n / 2],
        n => (s[n / 2 - 1] + s[n / 2]) / 2,
    }
}

fn median_f64(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_unstable_by(f64::total_cmp);
    match s.len() {
        0 => 0.0,
        n if n % 2 == 1 => s[n / 2],
        n => f64::midpoint(s[n / 2 - 1], s[n / 2]),
    }
}

fn median_usize(v: &[usize]) -> usize {
    let mut s = v.to_vec();
    s.sort_unstable();
    s.get(s.len() / 2).copied().unwrap_or(0)
}

fn ms(d: Duration) -> String {
    let m = d.as_secs_f64() * 1000.0;
    if m < 10.0 {
        format!("{m:.3} ms")
    } else {
        format!("{m:.1} ms")
    }
}

fn bytes(n: u64) -> String {
    // Thousands separated with a thin space so the figure reads at a glance.
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    format!("{out} B")
}

/// `n` bytes in KiB or MiB with one decimal.
fn size(n: u64) -> String {
    if n >= MIB {
        format!("{}.{:02} MiB", n / MIB, (n % MIB) * 100 / MIB)
    } else {
        format!("{}.{} KiB", n / KIB, (n % KIB) * 10 / KIB)
    }
}

/// The value below which 99 % of the timings fall.
fn p99(v: &[Duration]) -> Duration {
    let mut s = v.to_vec();
    s.sort_unstable();
    s.get((s.len() * 99).div_ceil(100).saturating_sub(1))
        .copied()
        .unwrap_or_default()
}

fn time_row(figure: &str, v: &[Duration], median_budget: Duration, worst_budget: Duration) -> Row {
    let (med, worst) = stats(v);
    row(
        figure,
        format!("{} / {} / {}", ms(med), ms(p99(v)), ms(worst)),
        &format!("≤ {} / — / ≤ {}", ms(median_budget), ms(worst_budget)),
        Some(med <= median_budget && worst <= worst_budget),
    )
}

// ---------------------------------------------------------------------------------------------
// 1. Cold start to first frame, against less

/// A process in a pseudo-terminal whose output is read and parsed as it arrives.
struct PtyRun {
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// When every needle was first on the screen, and the bytes read by then.
    seen: Arc<Mutex<Option<(Instant, usize)>>>,
    reader: thread::JoinHandle<()>,
    start: Instant,
}

fn pty_size() -> PtySize {
    PtySize {
        rows: ROWS,
        cols: COLS,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// Starts `cmd` in a fresh 100x30 pty; the reader thread notes the moment all `needles` show.
fn spawn(cmd: CommandBuilder, needles: Vec<String>) -> PtyRun {
    let pair = native_pty_system().openpty(pty_size()).unwrap();
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        ROWS.try_into().unwrap(),
        COLS.try_into().unwrap(),
        0,
    )));
    let seen = Arc::new(Mutex::new(None));
    let mut out = pair.master.try_clone_reader().unwrap();
    let writer = pair.master.take_writer().unwrap();
    let reader = {
        let (parser, seen) = (Arc::clone(&parser), Arc::clone(&seen));
        thread::spawn(move || {
            let mut buf = [0u8; 16 * 1024];
            let mut total = 0;
            // Linux reports EIO on the master once the child has gone; either way we are done.
            while let Ok(n @ 1..) = out.read(&mut buf) {
                total += n;
                let mut p = parser.lock().unwrap();
                p.process(&buf[..n]);
                let mut s = seen.lock().unwrap();
                if s.is_none() {
                    let text = p.screen().contents();
                    if needles.iter().all(|w| text.contains(w.as_str())) {
                        *s = Some((Instant::now(), total));
                    }
                }
            }
        })
    };
    let start = Instant::now();
    let child = pair.slave.spawn_command(cmd).unwrap();
    // Only the child may hold the slave end, so the reader sees end-of-file when it exits.
    drop(pair.slave);
    PtyRun {
        _master: pair.master,
        writer,
        child,
        parser,
        seen,
        reader,
        start,
    }
}

impl PtyRun {
    /// Waits until the needles are on screen; returns the time since spawn and the bytes read.
    fn wait_screen(&self, what: &str) -> (Duration, usize) {
        let deadline = Instant::now() + SCREEN_TIMEOUT;
        loop {
            if let Some((at, n)) = *self.seen.lock().unwrap() {
                return (at - self.start, n);
            }
            assert!(
                Instant::now() < deadline,
                "{what}: the expected screen did not appear within {SCREEN_TIMEOUT:?}; it shows:\n{}",
                self.parser.lock().unwrap().screen().contents()
            );
            thread::sleep(Duration::from_micros(200));
        }
    }

    /// Types `keys` into the terminal.
    fn type_keys(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).unwrap();
        self.writer.flush().unwrap();
    }

    fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    /// Sends `q`, waits for the process and its last output; kills it if it does not quit.
    fn quit(mut self, what: &str) {
        self.writer.write_all(b"q").unwrap();
        self.writer.flush().unwrap();
        let deadline = Instant::now() + EXIT_TIMEOUT;
        while self.child.try_wait().unwrap().is_none() {
            if Instant::now() > deadline {
                eprintln!("bench: {what} did not quit on q; killing it");
                let _ = self.child.kill();
                let _ = self.child.wait();
                break;
            }
            thread::sleep(Duration::from_millis(2));
        }
        drop(self.writer);
        self.reader.join().unwrap();
    }
}

/// What the home screen at 100x30 must show to count as fully drawn: the last menu entry and the
/// crisis line (drawn last).
fn home_needles(catalog: &Catalog) -> Vec<String> {
    vec![
        format!("{}  {}", MENU.len(), catalog.ui.help),
        catalog.meta.crisis.clone(),
    ]
}

/// A buffer as text, one line per row, wide characters counted once, trailing spaces trimmed.
fn buffer_text(buf: &Buffer) -> Vec<String> {
    let a = buf.area;
    (a.y..a.y + a.height)
        .map(|y| {
            let mut line = String::new();
            let mut x = a.x;
            while x < a.x + a.width {
                let sym = buf[(x, y)].symbol();
                line.push_str(sym);
                x += u16::try_from(sym.width().max(1)).unwrap();
            }
            line.trim_end().to_string()
        })
        .collect()
}

/// The home screen at 100x30 as plain text, less one blank row so it fits above `less`'s prompt.
fn home_text(catalog: &Catalog, index: &SearchIndex) -> String {
    let app = App::new(catalog, index, (COLS, ROWS));
    let mut term = Terminal::new(TestBackend::new(COLS, ROWS)).unwrap();
    term.draw(|f| ui::render(&app, f, &COLOR)).unwrap();
    let mut lines = buffer_text(term.backend().buffer());
    if let Some(blank) = lines.iter().position(String::is_empty) {
        lines.remove(blank);
    }
    lines.join("\n") + "\n"
}

fn moodguide_cmd(bin: &Path) -> CommandBuilder {
    // An empty state directory of its own: every start is a first session's (a reader's own file
    // would open the guide at their last place, not at home).
    static STATE: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let state = STATE.get_or_init(|| tempfile::tempdir().unwrap());
    let mut cmd = CommandBuilder::new(bin);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("MOODGUIDE_STATE_DIR", state.path());
    for var in [
        "MOODGUIDE_TEST_PANIC",
        "NO_COLOR",
        "RUST_BACKTRACE",
        "MOODGUIDE_CURSOR",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

fn less_cmd(file: &Path) -> CommandBuilder {
    let mut cmd = CommandBuilder::new("less");
    cmd.arg("-R");
    cmd.arg(file);
    cmd.env("TERM", "xterm-256color");
    for var in ["LESS", "LESSOPEN", "LESSCLOSE"] {
        cmd.env_remove(var);
    }
    cmd
}

/// One start to first frame: (time, bytes).
fn start_once(cmd: CommandBuilder, needles: &[String], what: &str) -> (Duration, usize) {
    let run = spawn(cmd, needles.to_vec());
    let r = run.wait_screen(what);
    run.quit(what);
    r
}

fn cold_start(bin: &Path, catalog: &Catalog, index: &SearchIndex, rows: &mut Vec<Row>) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("home.txt");
    std::fs::write(&file, home_text(catalog, index)).unwrap();
    let needles = home_needles(catalog);
    // One pair first, unmeasured, so both binaries start from the page cache like the rest.
    start_once(moodguide_cmd(bin), &needles, "moodguide");
    start_once(less_cmd(&file), &needles, "less");
    let (mut mg, mut ls, mut ratios, mut mg_bytes, mut ls_bytes) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..PAIRS {
        let (t_mg, b_mg) = start_once(moodguide_cmd(bin), &needles, "moodguide");
        let (t_ls, b_ls) = start_once(less_cmd(&file), &needles, "less");
        ratios.push(t_mg.as_secs_f64() / t_ls.as_secs_f64());
        mg.push(t_mg);
        ls.push(t_ls);
        mg_bytes.push(b_mg);
        ls_bytes.push(b_ls);
    }
    let (mg_med, mg_worst) = stats(&mg);
    let (ls_med, ls_worst) = stats(&ls);
    let ratio = median_f64(&ratios);
    rows.push(row(
        &format!("Cold start to Home fully drawn, moodguide (median / worst of {PAIRS})"),
        format!("{} / {}", ms(mg_med), ms(mg_worst)),
        "",
        None,
    ));
    rows.push(row(
        "Same for `less -R` on the Home text",
        format!("{} / {}", ms(ls_med), ms(ls_worst)),
        "",
        None,
    ));
    rows.push(row(
        "**Cold start ratio moodguide / less** (median of per-pair ratios)",
        format!("**{ratio:.2}×**"),
        "≤ 1.0×",
        Some(ratio <= 1.0),
    ));
    let b = median_usize(&mg_bytes) as u64;
    rows.push(row(
        "Bytes written until Home is drawn, moodguide in the pty (setup sequences included)",
        bytes(b),
        "≤ 6 KiB",
        Some(b <= 6 * KIB),
    ));
    rows.push(row(
        "Bytes written until the text is shown, less in the pty",
        bytes(median_usize(&ls_bytes) as u64),
        "",
        None,
    ));
}

// ---------------------------------------------------------------------------------------------
// 2. Time and bytes per key

/// Presses keys through the loop's own dispatch (`step::step`: the key table, then `update`).
fn press(app: &mut App<'_>, keys: &[Key]) {
    for &k in keys {
        step::step(app, None, Input::Key(k), Instant::now());
    }
}

/// The topic whose page is longest at `size`.
fn longest_topic(catalog: &Catalog, index: &SearchIndex, size: (u16, u16)) -> usize {
    (0..catalog.topics.len())
        .max_by_key(|&t| {
            let mut a = App::new(catalog, index, size);
            a.open_target(Target::Topic {
                topic: t,
                section: None,
            });
            topics::page(&a).lines.len()
        })
        .unwrap()
}

/// The topics screen with the list focused and the cursor on topic `t`.
fn on_topic<'c>(
    catalog: &'c Catalog,
    index: &'c SearchIndex,
    size: (u16, u16),
    t: usize,
) -> App<'c> {
    let mut a = App::new(catalog, index, size);
    press(&mut a, &[Key::Char('1')]);
    let rows = tree_rows(catalog, None);
    let target = rows.iter().position(|r| *r == TreeRow::Topic(t)).unwrap();
    let step = if target < a.topics.row {
        Key::Up
    } else {
        Key::Down
    };
    while a.topics.row != target {
        press(&mut a, &[step]);
    }
    a
}

/// The start states and the key pressed for each scenario.
fn scenarios<'c>(
    catalog: &'c Catalog,
    index: &'c SearchIndex,
    size: (u16, u16),
) -> Vec<(String, App<'c>, Key)> {
    // The list opens with the first topic selected, where a move changes only the highlight.
    let mut top = App::new(catalog, index, size);
    press(&mut top, &[Key::Char('1')]);
    let long = longest_topic(catalog, index, size);
    let list = on_topic(catalog, index, size, long);
    let mut reader = list.clone();
    press(&mut reader, &[Key::Enter]);
    let (id, lines) = (
        catalog.topics[long].id.as_str(),
        topics::page(&reader).lines.len(),
    );
    let mut compare = App::new(catalog, index, size);
    press(&mut compare, &[Key::Char('2')]);
    let mut faq = App::new(catalog, index, size);
    press(&mut faq, &[Key::Char('3'), Key::Char('n'), Key::Char('n')]);
    vec![
        ("cursor move in the topic list (↓)".into(), top, Key::Down),
        (
            format!("open a topic (Enter on `{id}`, {lines} lines)"),
            list,
            Key::Enter,
        ),
        (
            format!("scroll `{id}` one line (↓)"),
            reader.clone(),
            Key::Down,
        ),
        (
            format!("scroll `{id}` one page (PgDn)"),
            reader,
            Key::PageDown,
        ),
        (
            "switch compare sets (Tab)".into(),
            compare.clone(),
            Key::Tab,
        ),
        (
            "toggle a compare item (Space)".into(),
            compare,
            Key::Char(' '),
        ),
        ("FAQ next question (n)".into(), faq, Key::Char('n')),
    ]
}

fn per_key(catalog: &Catalog, index: &SearchIndex, rows: &mut Vec<Row>) {
    let (w, h) = KEY_SIZE;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    for (name, base, key) in scenarios(catalog, index, KEY_SIZE) {
        let mut check = base.clone();
        press(&mut check, &[key]);
        assert!(check != base, "scenario {name:?}: the key changed nothing");
        let (mut times, mut updates, mut draws) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..KEY_REPS {
            let mut a = base.clone();
            // The previous frame is the start state, as it is on screen when the key arrives.
            term.draw(|f| ui::render(&base, f, &COLOR)).unwrap();
            let start = Instant::now();
            step::step(&mut a, None, Input::Key(key), start);
            let after_update = Instant::now();
            term.draw(|f| ui::render(&a, f, &COLOR)).unwrap();
            let after_draw = Instant::now();
            times.push(after_draw - start);
            updates.push(after_update - start);
            draws.push(after_draw - after_update);
            black_box(&a);
        }
        let mut r = time_row(
            &format!(
                "Per key, {name}: key → update → draw 120x40 (median / p99 / worst of {KEY_REPS}; \
                 medians of lookup + update and of draw)"
            ),
            &times,
            Duration::from_millis(1),
            Duration::from_millis(3),
        );
        let _ = write!(
            r.measured,
            " (update {}, draw {})",
            ms(stats(&updates).0),
            ms(stats(&draws).0)
        );
        rows.push(r);
    }
}

/// How many times the first search of a run is timed (each needs a freshly loaded bundle).
const FIRST_SEARCH_REPS: usize = 200;
/// `/` on Home, the first time in a run, then the first letter. The guide thaws the frozen index
/// on a second thread as soon as search opens ([`SearchIndex::thaw_now`]), which takes about a
/// millisecond: the letter is timed once that thread is done (anything typed by hand comes later),
/// and at once, when it waits for the thaw itself (a paste).
/// Switching the guide to Spanish on an open topic and drawing it: the first switch of a run,
/// which reads the Spanish pack, and then switches back and forth (the budget: 20 ms).
fn language_switch(rows: &mut Vec<Row>) {
    use moodguide::app::Control;
    use moodguide::app::languages::Languages;
    use moodguide::bundle::{Lang, load_in};
    use moodguide::content::{Catalog, Meta, UiText};
    let mut term = Terminal::new(TestBackend::new(KEY_SIZE.0, KEY_SIZE.1)).unwrap();
    let placeholder = (
        Catalog::head(Meta::default(), UiText::default()),
        SearchIndex::default(),
    );
    let mut times = Vec::new();
    for _ in 0..20 {
        // As the guide's loop does it (src/tui.rs): one pack held at a time, so each switch lets
        // the shown pack go and reads the other.
        let mut langs = Languages::new(
            Lang::En,
            load_in(Lang::En).unwrap(),
            Box::new(|l| load_in(l).ok()),
        )
        .holding_one();
        let (catalog, index) = langs.get(Lang::En).unwrap();
        let topic = longest_topic(catalog, index, KEY_SIZE);
        let mut a = on_topic(catalog, index, KEY_SIZE, topic).with_languages(&langs);
        press(&mut a, &[Key::Enter]);
        term.draw(|f| ui::render(&a, f, &COLOR)).unwrap();
        let mut lang = Lang::En;
        for _ in 0..10 {
            let start = Instant::now();
            let Control::Language(to) = step::step(&mut a, None, Input::Key(Key::Char('l')), start)
            else {
                panic!("the switch was not asked of the loop");
            };
            let parked = a.rebind(&placeholder.0, &placeholder.1, None, None);
            langs.forget(lang);
            lang = to;
            let (catalog, index) = langs.get(lang).unwrap();
            a = parked.rebind(catalog, index, Some(&langs), None);
            a.show_language(lang, catalog, index);
            term.draw(|f| ui::render(&a, f, &COLOR)).unwrap();
            times.push(start.elapsed());
            assert_eq!(a.lang, lang, "the switch happened");
        }
    }
    rows.push(time_row(
        "Language switch on an open topic, as the guide does it: key → update → let the pack shown go → read the other → move the visit → draw 120x40 (median / p99 / worst of 200)",
        &times,
        Duration::from_millis(20),
        Duration::from_millis(20),
    ));
}

fn first_search(rows: &mut Vec<Row>) {
    let (w, h) = KEY_SIZE;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    let (mut opens, mut typed, mut pasted) = (Vec::new(), Vec::new(), Vec::new());
    for rep in 0..FIRST_SEARCH_REPS * 2 {
        let (catalog, index) = moodguide::bundle::load().unwrap();
        let mut a = App::new(&catalog, &index, KEY_SIZE);
        term.draw(|f| ui::render(&a, f, &COLOR)).unwrap();
        let start = Instant::now();
        press(&mut a, &[Key::Char('/')]);
        term.draw(|f| ui::render(&a, f, &COLOR)).unwrap();
        let letters = if rep % 2 == 0 {
            opens.push(start.elapsed());
            thread::scope(|s| {
                s.spawn(|| index.thaw_now());
            });
            &mut typed
        } else {
            &mut pasted
        };
        let start = Instant::now();
        press(&mut a, &[Key::Char('s')]);
        term.draw(|f| ui::render(&a, f, &COLOR)).unwrap();
        letters.push(start.elapsed());
        assert!(
            a.search
                .as_ref()
                .is_some_and(|s| !s.results.hits.is_empty()),
            "s found something"
        );
    }
    rows.push(time_row(
        &format!(
            "Per key, open search the first time in a run (/ on Home; the index is still frozen): \
             key → update → draw 120x40 (median / p99 / worst of {FIRST_SEARCH_REPS})"
        ),
        &opens,
        Duration::from_millis(1),
        Duration::from_millis(3),
    ));
    rows.push(time_row(
        &format!(
            "Search, first letter after that, typed (s, once the guide's second thread has \
             thawed the index): key → update → draw 120x40 (median / p99 / worst of \
             {FIRST_SEARCH_REPS})"
        ),
        &typed,
        Duration::from_micros(1500),
        Duration::from_millis(3),
    ));
    let (med, worst) = stats(&pasted);
    rows.push(row(
        &format!(
            "Search, first letter at once after / (a paste: the letter waits for the thaw): key → \
             update → draw 120x40 (median / p99 / worst of {FIRST_SEARCH_REPS})"
        ),
        format!("{} / {} / {}", ms(med), ms(p99(&pasted)), ms(worst)),
        "",
        None,
    ));
}

/// A writer whose bytes the bench can count after the terminal is done with them.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Sink {
    fn len(&self) -> u64 {
        self.0.lock().unwrap().len() as u64
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The bytes the real backend writes for the first frame of `base` and for the frame after `key`.
fn key_bytes(base: &App<'_>, key: Key) -> (u64, u64) {
    let sink = Sink::default();
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, base.size.0, base.size.1)),
    };
    let mut term = Terminal::with_options(CrosstermBackend::new(sink.clone()), options).unwrap();
    term.draw(|f| ui::render(base, f, &COLOR)).unwrap();
    let first = sink.len();
    let mut a = base.clone();
    press(&mut a, &[key]);
    term.draw(|f| ui::render(&a, f, &COLOR)).unwrap();
    (first, sink.len() - first)
}

fn frame_bytes(catalog: &Catalog, index: &SearchIndex, rows: &mut Vec<Row>) {
    let size = (COLS, ROWS);
    let home = App::new(catalog, index, size);
    let (first, _) = key_bytes(&home, Key::Down);
    rows.push(row(
        "Bytes, first frame (Home, CrosstermBackend 100x30)",
        bytes(first),
        "≤ 6 KiB",
        Some(first <= 6 * KIB),
    ));
    let mut top = App::new(catalog, index, size);
    press(&mut top, &[Key::Char('1')]);
    let (_, moved) = key_bytes(&top, Key::Down);
    rows.push(row(
        "Bytes, highlight-only key (↓ from the first topic in the list)",
        bytes(moved),
        "≤ 300 B",
        Some(moved <= 300),
    ));
    let long = longest_topic(catalog, index, size);
    let list = on_topic(catalog, index, size, long);
    let (_, recentred) = key_bytes(&list, Key::Down);
    rows.push(row(
        &format!(
            "Bytes, ↓ in the middle of the topic list (on `{}`; the list keeps the cursor centred, so it scrolls)",
            catalog.topics[long].id.as_str()
        ),
        bytes(recentred),
        "",
        None,
    ));
    let mut reader = list.clone();
    press(&mut reader, &[Key::Enter]);
    let (_, line) = key_bytes(&reader, Key::Down);
    rows.push(row(
        "Bytes, one-line scroll (↓ in a long topic's reading pane)",
        bytes(line),
        "≤ 3.5 KiB",
        Some(line * 2 <= 7 * KIB),
    ));
    let (_, page) = key_bytes(&reader, Key::PageDown);
    rows.push(row(
        "Bytes, page scroll (PgDn in a long topic's reading pane)",
        bytes(page),
        "",
        None,
    ));
}

// ---------------------------------------------------------------------------------------------
// 3. Search as you type

/// The bundled pack with every topic copied so there are `COPIES` of each: `topics/x-copy-N.toml`
/// with `id = "x-copy-N"`, each round of copies listed in a new category of `categories.toml`.
fn big_pack() -> Vec<PackFile> {
    let files = assets_files();
    let ids: Vec<String> = files
        .iter()
        .filter_map(|f| f.path.strip_prefix("topics/")?.strip_suffix(".toml"))
        .map(String::from)
        .collect();
    let mut out = Vec::with_capacity(files.len() + ids.len() * (COPIES - 1));
    for f in &files {
        let Some(id) = f
            .path
            .strip_prefix("topics/")
            .and_then(|p| p.strip_suffix(".toml"))
        else {
            continue;
        };
        let from = format!("id = \"{id}\"");
        assert!(f.text.contains(&from), "{}: no top-level id line", f.path);
        for n in 1..COPIES {
            out.push(PackFile {
                path: format!("topics/{id}-copy-{n}.toml"),
                text: f
                    .text
                    .replacen(&from, &format!("id = \"{id}-copy-{n}\""), 1),
            });
        }
    }
    for f in files {
        if f.path == "categories.toml" {
            let mut text = f.text;
            for n in 1..COPIES {
                let list: Vec<String> = ids.iter().map(|id| format!("\"{id}-copy-{n}\"")).collect();
                let _ = write!(
                    text,
                    "\n[[category]]\nid = \"copies-{n}\"\ntitle = \"Copies {n}\"\ntopics = [{}]\n",
                    list.join(", ")
                );
            }
            out.push(PackFile { path: f.path, text });
        } else {
            out.push(f);
        }
    }
    out
}

/// Types the query one character at a time, `rounds` times or until `limit` has passed; returns
/// every keystroke's time and, per prefix, its timings.
fn type_query(
    catalog: &Catalog,
    index: &SearchIndex,
    rounds: usize,
    limit: Duration,
) -> Vec<Vec<Duration>> {
    let prefixes: Vec<&str> = (1..=QUERY.len()).map(|n| &QUERY[..n]).collect();
    let mut per = vec![Vec::new(); prefixes.len()];
    let start = Instant::now();
    for _ in 0..rounds {
        for (i, p) in prefixes.iter().enumerate() {
            let t = Instant::now();
            black_box(index.query(catalog, black_box(p), QUERY_LIMIT));
            per[i].push(t.elapsed());
        }
        if start.elapsed() > limit {
            break;
        }
    }
    per
}

fn build_times(catalog: &Catalog, n: usize) -> Duration {
    let times: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            black_box(SearchIndex::build(catalog));
            t.elapsed()
        })
        .collect();
    stats(&times).0
}

/// Per prefix: (prefix, median on bundled, median at 100×).
type Detail = Vec<(String, Duration, Duration)>;

fn search_rows(label: &str, per: &[Vec<Duration>], budget: Duration, rows: &mut Vec<Row>) {
    let all: Vec<Duration> = per.iter().flatten().copied().collect();
    let (med, worst) = stats(&all);
    let slowest = per.iter().map(|v| stats(v).0).max().unwrap();
    let rounds = per[0].len();
    rows.push(row(
        &format!(
            "Search per keystroke, {label}, typing {QUERY:?} ({rounds}×12 keystrokes): \
             median / slowest keystroke's median / worst"
        ),
        format!("{} / {} / {}", ms(med), ms(slowest), ms(worst)),
        &format!("≤ {} (slowest keystroke's median)", ms(budget)),
        Some(slowest <= budget),
    ));
}

fn search(catalog: &Catalog, index: &SearchIndex, rows: &mut Vec<Row>) -> Detail {
    let small = type_query(catalog, index, 300, Duration::from_secs(4));
    search_rows("bundled", &small, Duration::from_micros(1500), rows);
    rows.push(row(
        &format!("Index build, bundled ({} topics)", catalog.topics.len()),
        ms(build_times(catalog, 20)),
        "",
        None,
    ));
    let files = big_pack();
    let t = Instant::now();
    let big = content::load(&files).unwrap_or_else(|errors| {
        let shown: Vec<String> = errors.iter().take(10).map(ToString::to_string).collect();
        panic!("the 100× pack does not load:\n{}", shown.join("\n"));
    });
    let load = t.elapsed();
    let big_index = moodguide::bundle::index_for(&big);
    let large = type_query(&big, &big_index, 40, Duration::from_secs(15));
    search_rows(
        &format!("{COPIES}× pack"),
        &large,
        Duration::from_millis(16),
        rows,
    );
    rows.push(row(
        &format!("Index build, {COPIES}× pack ({} topics)", big.topics.len()),
        ms(build_times(&big, 3)),
        "",
        None,
    ));
    rows.push(row(
        &format!("Load and validate the {COPIES}× pack (content::load, once)"),
        ms(load),
        "",
        None,
    ));
    (1..=QUERY.len())
        .map(|n| {
            (
                QUERY[..n].to_string(),
                stats(&small[n - 1]).0,
                stats(&large[n - 1]).0,
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// 4. Footprint

/// A `kB` field of `/proc/<pid>/status`, in bytes.
fn status_kb(pid: &str, field: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * KIB)
}

/// The pack in `assets/`, read from disk as a `--content` pack would be.
fn assets_files() -> Vec<PackFile> {
    content::dir_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets")).unwrap()
}

/// The child mode: thaw the bundled content once, printing the peak resident memory before and
/// after and the time taken; then the same for the first search, which thaws the index; then for
/// parsing, validating and indexing `assets/` from TOML.
fn child_load() {
    let before = status_kb("self", "VmHWM:").unwrap();
    let t = Instant::now();
    let bundled = moodguide::bundle::load().unwrap();
    let thaw = t.elapsed();
    let after_thaw = status_kb("self", "VmHWM:").unwrap();
    let t = Instant::now();
    bundled.1.thaw_now();
    let first_query = t.elapsed();
    let after_index = status_kb("self", "VmHWM:").unwrap();
    drop(bundled);
    let files = assets_files();
    let t = Instant::now();
    let catalog = content::load(&files).unwrap();
    let index = SearchIndex::build(&catalog);
    let parse = t.elapsed();
    let after_parse = status_kb("self", "VmHWM:").unwrap();
    black_box((&catalog, &index));
    println!(
        "{before} {after_thaw} {after_index} {after_parse} {} {} {}",
        thaw.as_nanos(),
        first_query.as_nanos(),
        parse.as_nanos()
    );
}

fn footprint(bin: &Path, rows: &mut Vec<Row>) {
    let mut run = spawn(
        moodguide_cmd(bin),
        home_needles(&moodguide::bundle::catalog().unwrap()),
    );
    run.wait_screen("moodguide");
    thread::sleep(Duration::from_secs(1));
    let pid = run.pid().to_string();
    let hwm = status_kb(&pid, "VmHWM:").unwrap();
    let rss = status_kb(&pid, "VmRSS:").unwrap();
    // The second language's cost: `l` switches to Spanish (which thaws the Spanish pack), and
    // back; the peak after ten switches, less the peak on Home in English.
    for _ in 0..10 {
        run.type_keys(b"l");
        thread::sleep(Duration::from_millis(300));
    }
    let hwm_both = status_kb(&pid, "VmHWM:").unwrap();
    run.quit("moodguide");
    rows.push(row(
        "Peak RSS of the release app idling on Home after 1 s (VmHWM; VmRSS then)",
        format!("{} ({})", size(hwm), size(rss)),
        "≤ 5 MiB",
        Some(hwm <= 5 * MIB),
    ));
    let extra = hwm_both.saturating_sub(hwm);
    rows.push(row(
        "Peak RSS the second language adds: VmHWM after ten switches (English ⇄ Spanish, `l`) less the peak on Home",
        format!("+{} (peak {})", size(extra), size(hwm_both)),
        "≤ 1 MiB",
        Some(extra <= MIB),
    ));
    let len = std::fs::metadata(bin).unwrap().len();
    rows.push(row(
        "Release binary size (both languages)",
        format!("{} ({})", size(len), bytes(len)),
        "≤ 3 MiB; ≤ 3.5 MiB with Spanish",
        Some(len <= 3 * MIB + MIB / 2),
    ));
    let times: Vec<Duration> = (0..20)
        .map(|_| {
            let t = Instant::now();
            black_box(moodguide::bundle::load().unwrap());
            t.elapsed()
        })
        .collect();
    let (med, worst) = stats(&times);
    rows.push(row(
        "Thaw the bundled content, validated at build time (bundle::load; the index waits for the first search), median / worst of 20",
        format!("{} / {}", ms(med), ms(worst)),
        "",
        None,
    ));
    let files = assets_files();
    let times: Vec<Duration> = (0..20)
        .map(|_| {
            let t = Instant::now();
            let c = content::load(&files).unwrap();
            black_box(SearchIndex::build(&c));
            t.elapsed()
        })
        .collect();
    let (med, worst) = stats(&times);
    rows.push(row(
        "Parse, validate and index assets/ from TOML, as for a --content pack (median / worst of 20)",
        format!("{} / {}", ms(med), ms(worst)),
        "",
        None,
    ));
    let out = Command::new(std::env::current_exe().unwrap())
        .arg(CHILD_LOAD)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let f: Vec<u64> = text
        .split_whitespace()
        .map(|w| w.parse().unwrap())
        .collect();
    let (before, after_thaw, after_index, after_parse) = (f[0], f[1], f[2], f[3]);
    let [thaw, index, parse] = [f[4], f[5], f[6]].map(Duration::from_nanos);
    rows.push(row(
        "Peak memory of loading the content (child run of this bench: VmHWM before → after thawing the bundle → after the first search thaws the index → after parsing assets/ from TOML)",
        format!(
            "{} → {} → {} → {} (bundle +{}, {} cold; index +{}, {} cold; TOML {} cold)",
            size(before),
            size(after_thaw),
            size(after_index),
            size(after_parse),
            size(after_thaw - before),
            ms(thaw),
            size(after_index - after_thaw),
            ms(index),
            ms(parse)
        ),
        "",
        None,
    ));
}

/// Where start-up time goes inside the process: the labels, the first frame into memory (what the
/// user waits for), then the rest of the bundle (read once that frame is on the screen).
fn breakdown(rows: &mut Vec<Row>) {
    let (mut head, mut draw, mut body) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..20 {
        let t = Instant::now();
        let first = moodguide::bundle::head().unwrap();
        head.push(t.elapsed());
        let t = Instant::now();
        let empty = SearchIndex::default();
        let app = App::new(&first, &empty, (COLS, ROWS));
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, COLS, ROWS)),
        };
        let mut term =
            Terminal::with_options(CrosstermBackend::new(Sink::default()), options).unwrap();
        term.draw(|f| ui::render(&app, f, &COLOR)).unwrap();
        draw.push(t.elapsed());
        let t = Instant::now();
        black_box(moodguide::bundle::load().unwrap());
        body.push(t.elapsed());
    }
    let (h, d, b) = (stats(&head).0, stats(&draw).0, stats(&body).0);
    rows.push(row(
        "Start-up inside the process (medians of 20): labels + App::new and first frame = before the first frame; then the rest of the bundle, read after the first frame is drawn",
        format!("{} + {} = {}; rest {}", ms(h), ms(d), ms(h + d), ms(b)),
        "",
        None,
    ));
}

// ---------------------------------------------------------------------------------------------
// Report

fn command_line(cmd: &str, args: &[&str]) -> String {
    Command::new(cmd)
        .args(args)
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map_or_else(|| "unknown".into(), |s| s.trim().to_string())
}

fn machine() -> String {
    let cpus = thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    format!(
        "Machine: {cpus} CPUs (nproc), {cpu}; {}; {}",
        command_line(&rustc, &["--version"]),
        command_line("less", &["--version"])
            .lines()
            .next()
            .unwrap_or("less unknown")
    )
}

fn print_report(bin: &Path, other: bool, rows: &[Row], detail: &Detail, took: Duration) {
    let mut out = String::new();
    let _ = writeln!(out, "\n## Performance\n");
    let _ = writeln!(out, "{}  ", machine());
    let origin = if other {
        format!("from {BIN_VAR}, for start, RSS and size; the rest is this bench's own build")
    } else {
        "built by `cargo bench` with the release settings".to_string()
    };
    let _ = writeln!(
        out,
        "Binary: `{}` ({origin}). \
         1 KiB = 1024 B, 1 MiB = 1024 KiB. The machine is shared and noisy: worst cases vary \
         from run to run.\n",
        bin.display()
    );
    let _ = writeln!(out, "| figure | measured | budget | status |");
    let _ = writeln!(out, "|---|---|---|---|");
    for r in rows {
        let status = match r.status {
            Status::Ok => "OK",
            Status::Over => "**OVER**",
            Status::Info => "—",
        };
        let budget = if r.budget.is_empty() {
            "—"
        } else {
            &r.budget
        };
        let _ = writeln!(
            out,
            "| {} | {} | {budget} | {status} |",
            r.figure, r.measured
        );
    }
    let _ = writeln!(
        out,
        "\nSearch time per keystroke (median), typing {QUERY:?}:\n"
    );
    let _ = writeln!(out, "| query | bundled | {COPIES}× pack |");
    let _ = writeln!(out, "|---|---|---|");
    for (q, small, large) in detail {
        let _ = writeln!(out, "| `{q}` | {} | {} |", ms(*small), ms(*large));
    }
    let _ = writeln!(out, "\nBenchmark run time: {:.0} s", took.as_secs_f64());
    print!("{out}");
}
