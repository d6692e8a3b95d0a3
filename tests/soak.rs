//! Soak: a quarter of a million events through the whole app by default (`SOAK_EVENTS=1000000` for
//! the full million of the hardening issue), headless, and the heap must stay flat. A counting
//! global allocator (`cap`, so this file needs no `unsafe`) reports the live bytes at the end of
//! every cycle of 1,000 events; after a warm-up of the first 100,000 events, the live bytes may not
//! grow by more than [`GROWTH_BOUND`], the peak may not rise by more than that either, and the Back
//! history never holds more than [`MAX_HISTORY`] places (and does reach that cap, so the cap is
//! what keeps it small).
//!
//! Every cycle visits every screen the way a reader would: topics opened and links followed
//! (history pushes), reading pane scrolled, compare sets switched, items chosen and hidden,
//! differences toggled, a cell opened, questions chosen and stepped through, search queries typed
//! and opened, the help and glossary popups, clicks and wheel turns, a resize to one of a set of
//! sizes, and a kiosk visit that ends in the idle warning and reset (the kiosk's clock is simulated:
//! the policy never reads the clock). Events take the same path as in `tui`: keys through the key
//! table (and the kiosk policy), mouse events through `ui::mouse`, then `update`.
//!
//! Rendering every event would take about 0.3 to 1.4 ms a frame here, far too long for a million,
//! so the app is rendered every [`RENDER_EVERY`] events and at the end of every scene, into a
//! `TestBackend` at the app's size, and the crisis strip is checked each time. The renders are
//! counted by what they show (each screen, search, each popup, the idle warning); every kind must
//! have been drawn. `SOAK_EVENTS=N` runs a shorter or longer soak; the warm-up is the first tenth
//! (at least 16 cycles).
#![allow(clippy::unwrap_used)]

mod common;

use common::row_text;

use std::alloc::System;
use std::time::{Duration, Instant};

use cap::Cap;
use moodguide::app::{App, Control, Focus, MAX_HISTORY, Overlay, Screen};
use moodguide::keymap::Key;
use moodguide::kiosk::{KioskConfig, KioskPolicy};
use moodguide::step::{self, Input};
use moodguide::ui::{self, Mouse, theme::COLOR};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

/// Counts every heap byte the test process holds (live) and the most it ever held (peak).
#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// Events in a default run.
const DEFAULT_EVENTS: u64 = 250_000;
/// Events in one cycle; live bytes are read at the end of each, in the same state every time
/// (home, nothing open, 80x24, the kiosk freshly reset).
const CYCLE: usize = 1_000;
/// Render every this many events (and after every scene).
const RENDER_EVERY: u64 = 200;
/// How much the live bytes may grow after the warm-up. A cycle ends in the same state each time, so
/// a sound app returns to the same live bytes; the bound leaves room for a few buffers that grow once
/// late (a search result list or a wrapped page longer than any before) while catching any steady
/// leak: after the warm-up come 900 cycles (900,000 events), so a leak of 73 bytes a cycle (under a
/// tenth of a byte an event) already exceeds it.
const GROWTH_BOUND: usize = 64 * 1024;
/// Size every cycle starts and ends at.
const HOME_SIZE: (u16, u16) = (80, 24);
/// One of these per cycle, in turn: common, small, tiny and large terminals.
const SIZES: &[(u16, u16)] = &[
    (120, 40),
    (100, 30),
    (60, 20),
    (40, 12),
    (20, 5),
    (200, 60),
    (72, 20),
    (132, 43),
];
/// Typed into the search box, one per cycle in turn (typos included: they take the close-spelling
/// path).
const QUERIES: &[&str] = &[
    "zolft",
    "ketamin",
    "serotnin",
    "ect",
    "sleep",
    "esketamine",
    "tms",
    "stopping",
    "pregnan",
    "xyzzy",
];
/// The kiosk's clinic name.
const CLINIC: &str = "Soak Clinic";
/// Characters of the crisis text looked for on the bottom row after a render.
const CRISIS_PREFIX: usize = 10;

/// One thing the terminal can send.
#[derive(Debug, Clone, Copy)]
enum Event {
    /// A key, through the key table.
    Key(Key),
    /// A click at (column, row), through `ui::mouse`.
    Click(u16, u16),
    /// A wheel turn at (column, row).
    Wheel(Mouse, u16, u16),
    /// The terminal's new size.
    Resize(u16, u16),
    /// Kiosk only: this long passes with no input.
    Idle(Duration),
    /// Not an event: the end of a scene, where the app is rendered.
    Scene,
}

/// Where the title bar's screen tabs are at [`HOME_SIZE`] (found by rendering, not assumed).
#[derive(Debug, Clone, Copy)]
struct Tabs {
    compare: (u16, u16),
    questions: (u16, u16),
}

fn keys(out: &mut Vec<Event>, s: &str) {
    out.extend(common::keys(s).into_iter().map(Event::Key));
}

fn repeat(out: &mut Vec<Event>, key: Key, n: usize) {
    out.extend(std::iter::repeat_n(Event::Key(key), n));
}

fn typed(out: &mut Vec<Event>, text: &str) {
    out.extend(text.chars().map(|c| Event::Key(Key::Char(c))));
}

/// The events of one normal-mode cycle up to the filler, for cycle `c`.
#[allow(clippy::too_many_lines)]
fn scenes(out: &mut Vec<Event>, c: usize, tabs: Tabs) {
    let (w, h) = SIZES[c % SIZES.len()];
    out.push(Event::Resize(w, h));
    // Home: the menu, a click on the body.
    keys(out, "<esc> <esc> h <down> <down> <down> <up> <up> <up>");
    out.push(Event::Click(10, 6 + u16::try_from(c % 12).unwrap()));
    out.push(Event::Scene);

    // Topics: open one, follow a link (another topic: a Back place; a glossary term: a popup),
    // scroll, wheel, back to the list, a click on a list row.
    keys(out, "<esc> <esc> h 1");
    repeat(out, Key::Down, c % 45);
    keys(out, "<enter>");
    out.push(Event::Scene);
    repeat(out, Key::Tab, 1 + c % 2);
    keys(out, "<enter> <down> <down> <pgdn>");
    out.push(Event::Scene);
    keys(
        out,
        "<esc> <pgdn> <space> <end> <up> <home> <backtab> <enter>",
    );
    out.push(Event::Wheel(Mouse::WheelDown, w * 2 / 3, h / 2));
    out.push(Event::Wheel(Mouse::WheelUp, w * 2 / 3, h / 2));
    keys(out, "<left> <up> <up>");
    out.push(Event::Click(4, 3 + u16::try_from(c % 9).unwrap()));
    out.push(Event::Scene);

    // Compare: a set, items hidden and shown, differences, the table, a cell in full, its topic.
    keys(out, "<esc> <esc> h 2");
    if c % 2 == 1 {
        keys(out, "<tab>");
    }
    repeat(out, Key::Right, c % 7);
    keys(out, "<space> <right> <space> <left> <space> d");
    out.push(Event::Scene);
    keys(out, "<down>");
    repeat(out, Key::Down, c % 6);
    repeat(out, Key::Right, c % 3);
    keys(out, "<pgdn> <pgup> <enter> <down> <pgdn>");
    out.push(Event::Scene);
    if c.is_multiple_of(3) {
        // Enter on a cell opens its item's topic.
        keys(out, "<enter>");
    } else {
        keys(out, "<esc> <space> <space> <end> <home> <tab> <tab> d");
    }
    out.push(Event::Click(w / 2, h / 2));
    out.push(Event::Wheel(Mouse::WheelDown, w / 2, h / 2));
    out.push(Event::Scene);

    // Questions: choose follow-ups, step through in reading order, scroll, start over.
    keys(out, "<esc> <esc> h 3");
    repeat(out, Key::Down, c % 4);
    keys(out, "<enter> <down> <enter> n n p <pgdn> <pgup>");
    out.push(Event::Click(6, h.saturating_sub(6)));
    out.push(Event::Scene);
    // My list: the question added, a concern marked, then the summary, its codes stepped through
    // and its text; the list is part of the visit, so a long session keeps only what was added.
    keys(out, "a m <enter> <down> <pgup> <pgdn>");
    out.push(Event::Scene);
    keys(
        out,
        "<end> <enter> <right> <right> <left> <enter> <down> <up>",
    );
    out.push(Event::Scene);
    keys(out, "<esc> <esc> r");

    // Search: a query typed, mistakes deleted, a result opened (a Back place) or the box cleared.
    keys(out, "<esc> <esc> /");
    typed(out, QUERIES[c % QUERIES.len()]);
    out.push(Event::Scene);
    repeat(out, Key::Down, c % 5);
    keys(out, "<up>");
    if c % 4 == 3 {
        keys(out, "<bs> <bs> <c-u>");
        typed(out, "ssri");
        keys(out, "<esc>");
    } else {
        keys(out, "<enter>");
    }
    out.push(Event::Scene);

    // Help, scrolled and closed.
    keys(out, "<esc> <esc> ? <down> <down> <pgdn> <up> <pgup> <down>");
    out.push(Event::Scene);
    keys(out, "q");

    // The Back history filled past its cap: screen tabs clicked in turn, then questions stepped
    // through (each step is a Back place).
    out.push(Event::Resize(HOME_SIZE.0, HOME_SIZE.1));
    keys(out, "<esc> <esc> h");
    for _ in 0..40 {
        out.push(Event::Click(tabs.compare.0, tabs.compare.1));
        out.push(Event::Click(tabs.questions.0, tabs.questions.1));
    }
    out.push(Event::Scene);
    repeat(out, Key::Char('n'), 80);
    out.push(Event::Scene);
    // A few places back, then the questions screen for the filler.
    repeat(out, Key::Esc, 5);
    keys(out, "h 3");
}

/// Cheap events on the questions screen that bring a cycle up to [`CYCLE`] events.
fn filler(out: &mut Vec<Event>, n: usize) {
    const PATTERN: [Key; 7] = [
        Key::Char('n'),
        Key::Char('n'),
        Key::Char('p'),
        Key::Down,
        Key::Up,
        Key::PageDown,
        Key::PageUp,
    ];
    out.extend(PATTERN.iter().cycle().take(n).map(|k| Event::Key(*k)));
}

/// A kiosk visit for cycle `c`: started from the welcome screen, some reading, keys that must not
/// end the kiosk, then the idle warning (answered once) and, left alone, the reset.
fn kiosk_visit(out: &mut Vec<Event>, c: usize) {
    keys(out, "<space> 1");
    repeat(out, Key::Down, c % 20);
    keys(
        out,
        "<enter> <tab> <enter> <down> <esc> 2 <down> <enter> <esc> <esc> 3 <enter>",
    );
    out.push(Event::Click(30, 12));
    keys(out, "/ e c t <down> <enter> ? <esc> q <c-c>");
    out.push(Event::Key(Key::F(10)));
    out.push(Event::Scene);
    // Left alone: the warning, its countdown, then a key that only continues the visit.
    out.push(Event::Idle(Duration::from_secs(91)));
    out.push(Event::Idle(Duration::from_secs(5)));
    out.push(Event::Scene);
    keys(out, "x <down>");
    // Left alone again, through to the reset: the next visitor starts on the welcome screen.
    out.push(Event::Idle(Duration::from_secs(91)));
    out.push(Event::Scene);
    out.push(Event::Idle(Duration::from_secs(21)));
    out.push(Event::Scene);
}

/// The kiosk side: its app, the policy the event loop asks, and a simulated clock.
struct Kiosk {
    app: App<'static>,
    policy: KioskPolicy,
    now: Instant,
    resets: u64,
}

impl Kiosk {
    fn new() -> Self {
        let config = KioskConfig::from_toml(&format!(
            "clinic_name = \"{CLINIC}\"\n[staff]\npin = \"2468\"\n"
        ))
        .unwrap();
        let now = Instant::now();
        let (w, h) = HOME_SIZE;
        Kiosk {
            app: App::kiosk(common::catalog(), common::index(), (w, h), Some(CLINIC)),
            policy: KioskPolicy::new(config, now),
            now,
            resets: 0,
        }
    }

    /// The kiosk's clock, through the loop's own `step::tick`.
    fn tick(&mut self) {
        if step::tick(&mut self.app, &mut self.policy, self.now) {
            self.resets += 1;
        }
    }

    /// One input through the loop's own dispatch (`step::step` with the policy), half a second
    /// after the last, then a tick. Returns whether the kiosk would have ended (it must never,
    /// without the staff code).
    fn feed(&mut self, ev: Event) -> bool {
        let Some(input) = input(ev) else {
            if let Event::Idle(d) = ev {
                self.now += d;
                self.tick();
            }
            return false;
        };
        if input.is_presence() {
            self.now += Duration::from_millis(500);
        }
        let quit =
            step::step(&mut self.app, Some(&mut self.policy), input, self.now) == Control::Quit;
        self.tick();
        quit
    }
}

/// The guide's input for a soak event (`None` for the clock and the scene changes).
fn input(ev: Event) -> Option<Input> {
    match ev {
        Event::Key(k) => Some(Input::Key(k)),
        Event::Click(col, row) => Some(Input::Mouse(Mouse::Click, col, row)),
        Event::Wheel(kind, col, row) => Some(Input::Mouse(kind, col, row)),
        Event::Resize(w, h) => Some(Input::Resize(w, h)),
        Event::Idle(_) | Event::Scene => None,
    }
}

/// Feeds one event to the normal-mode app through the loop's own dispatch (`step::step`).
/// Returns whether the app asked to quit (the soak never asks; it would be counted).
fn feed(app: &mut App<'_>, ev: Event) -> bool {
    input(ev).is_some_and(|i| step::step(app, None, i, Instant::now()) == Control::Quit)
}

/// Renders `app` at its size and checks the crisis strip is on the bottom rows.
fn render(term: &mut Terminal<TestBackend>, app: &App<'_>) {
    let (w, h) = app.size;
    let area = term.backend().buffer().area;
    if (area.width, area.height) != (w, h) {
        term.backend_mut().resize(w, h);
    }
    term.draw(|f| ui::render(app, f, &COLOR)).unwrap();
    let strip = app.chrome().crisis;
    if h >= 3 {
        let want: String = app
            .catalog
            .meta
            .crisis
            .chars()
            .take(CRISIS_PREFIX.min(usize::from(w)))
            .collect();
        let got = row_text(term.backend().buffer(), strip.y);
        assert!(
            got.starts_with(&want),
            "crisis strip missing at {w}x{h} on {:?}: row {} shows {got:?}",
            app.screen,
            strip.y
        );
    }
}

/// Finds where `label` is drawn on the title bar (row 0) of a buffer.
fn find_on_title(buf: &Buffer, label: &str) -> (u16, u16) {
    let row = row_text(buf, 0);
    let at = row
        .find(label)
        .unwrap_or_else(|| panic!("{label:?} not on the title bar {row:?}"));
    (u16::try_from(row[..at].width()).unwrap() + 1, 0)
}

fn events_to_run() -> u64 {
    std::env::var("SOAK_EVENTS")
        .ok()
        .and_then(|v| v.trim().replace('_', "").parse().ok())
        .unwrap_or(DEFAULT_EVENTS)
}

/// `n` with thousands separators.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn bytes(n: usize) -> String {
    format!("{} B", grouped(u64::try_from(n).unwrap()))
}

/// Counts for the printout.
#[derive(Debug, Default)]
struct Counts {
    events: u64,
    renders: u64,
    quits: u64,
    history_max: usize,
    /// Renders of each [`SHOWN`] kind.
    shown: [u64; SHOWN.len()],
}

/// What a render can show, for the coverage count: the screens, then what may be on top.
const SHOWN: [&str; 13] = [
    "home",
    "welcome",
    "topic list",
    "topic text",
    "compare",
    "questions",
    "search",
    "help",
    "glossary",
    "cell",
    "still reading?",
    "my list",
    "summary",
];

/// The index in [`SHOWN`] of what `app` shows on top.
fn shown(app: &App<'_>) -> usize {
    if app.idle_warning.is_some() {
        return 10;
    }
    if app.search.is_some() {
        return 6;
    }
    match app.overlay {
        Some(Overlay::Help { .. }) => return 7,
        Some(Overlay::Glossary { .. }) => return 8,
        Some(Overlay::Cell { .. }) => return 9,
        None => {}
    }
    match app.screen {
        Screen::Home => 0,
        Screen::Welcome => 1,
        Screen::Topics if app.topics.focus == Focus::List => 2,
        Screen::Topics => 3,
        Screen::Compare => 4,
        Screen::Questions => 5,
        Screen::MyList => 11,
        Screen::Summary => 12,
    }
}

/// Both apps, the test terminal, and the event buffers (kept, so their capacity is allocated once).
struct Soak {
    app: App<'static>,
    kiosk: Kiosk,
    term: Terminal<TestBackend>,
    tabs: Tabs,
    counts: Counts,
    normal: Vec<Event>,
    visit: Vec<Event>,
}

impl Soak {
    fn new() -> Self {
        let app = common::app(HOME_SIZE.0, HOME_SIZE.1);
        let mut term = Terminal::new(TestBackend::new(HOME_SIZE.0, HOME_SIZE.1)).unwrap();
        render(&mut term, &app);
        let tabs = Tabs {
            compare: find_on_title(term.backend().buffer(), " Compare "),
            questions: find_on_title(term.backend().buffer(), " Questions "),
        };
        Soak {
            app,
            kiosk: Kiosk::new(),
            term,
            tabs,
            counts: Counts::default(),
            normal: Vec::with_capacity(CYCLE * 2),
            visit: Vec::with_capacity(CYCLE),
        }
    }

    /// Counts an event and renders every [`RENDER_EVERY`] of them.
    fn counted(&mut self, kiosk: bool) {
        self.counts.events += 1;
        if self.counts.events.is_multiple_of(RENDER_EVERY) {
            self.render(kiosk);
        }
    }

    fn render(&mut self, kiosk: bool) {
        let app = if kiosk { &self.kiosk.app } else { &self.app };
        render(&mut self.term, app);
        self.counts.renders += 1;
        self.counts.shown[shown(app)] += 1;
    }

    /// Builds cycle `c`'s events: exactly [`CYCLE`] of them.
    fn build(&mut self, c: usize) {
        self.normal.clear();
        self.visit.clear();
        scenes(&mut self.normal, c, self.tabs);
        kiosk_visit(&mut self.visit, c);
        let counted = |v: &[Event]| v.iter().filter(|e| !matches!(e, Event::Scene)).count();
        let used = counted(&self.normal) + counted(&self.visit) + 4;
        assert!(
            used <= CYCLE,
            "cycle {c} has {used} events before the filler (at most {CYCLE})"
        );
        filler(&mut self.normal, CYCLE - used);
        // The closing events: home, nothing open, the usual size.
        keys(&mut self.normal, "<esc> <esc> h");
        self.normal.push(Event::Resize(HOME_SIZE.0, HOME_SIZE.1));
    }

    /// Runs cycle `c`, checking the history cap after every event, and ends it rendered at home.
    fn cycle(&mut self, c: usize) {
        self.build(c);
        for i in 0..self.normal.len() {
            let ev = self.normal[i];
            if matches!(ev, Event::Scene) {
                self.render(false);
                continue;
            }
            if feed(&mut self.app, ev) {
                self.counts.quits += 1;
            }
            let history = self.app.history().len();
            self.counts.history_max = self.counts.history_max.max(history);
            assert!(
                history <= MAX_HISTORY,
                "history has {history} places after event {} (cap {MAX_HISTORY})",
                self.counts.events + 1
            );
            self.counted(false);
        }
        for i in 0..self.visit.len() {
            let ev = self.visit[i];
            if matches!(ev, Event::Scene) {
                self.render(true);
                continue;
            }
            assert!(
                !self.kiosk.feed(ev),
                "the kiosk ended on {ev:?} in cycle {c}, without the staff code"
            );
            let history = self.kiosk.app.history().len();
            assert!(
                history <= MAX_HISTORY,
                "kiosk history has {history} places (cap {MAX_HISTORY})"
            );
            self.counted(true);
        }
        assert_eq!(
            self.kiosk.resets,
            u64::try_from(c).unwrap() + 1,
            "the kiosk visit of cycle {c} did not end in an idle reset"
        );
        // The same state at the end of every cycle, rendered at the same size.
        assert!(
            self.app.search.is_none()
                && self.app.overlay.is_none()
                && self.app.history().is_empty(),
            "cycle {c} did not end at home with nothing open"
        );
        self.render(false);
    }
}

#[test]
fn a_million_events_leave_the_heap_flat() {
    let total = events_to_run();
    let cycle = u64::try_from(CYCLE).unwrap();
    let cycles = total.div_ceil(cycle);
    // At least two turns through the sizes: the test terminal's buffers keep the capacity of the
    // largest size seen.
    let warm_up_cycles = (cycles / 10).max(2 * u64::try_from(SIZES.len()).unwrap());
    let cycles = cycles.max(warm_up_cycles + 1);
    let started = Instant::now();

    let mut soak = Soak::new();
    // (live bytes, peak) at the end of the warm-up.
    let mut warm: Option<(usize, usize)> = None;
    let mut live_after_warm_up_max = 0;
    for c in 0..cycles {
        soak.cycle(usize::try_from(c).unwrap());
        let live = ALLOCATOR.allocated();
        if c + 1 == warm_up_cycles {
            warm = Some((live, ALLOCATOR.max_allocated()));
        } else if c + 1 > warm_up_cycles {
            live_after_warm_up_max = live_after_warm_up_max.max(live);
        }
    }
    let elapsed = started.elapsed();
    let (live_warm, peak_warm) = warm.unwrap();
    let live_end = ALLOCATOR.allocated();
    let peak_end = ALLOCATOR.max_allocated();
    let counts = &soak.counts;
    println!(
        "soak: {} events in {} cycles ({} of warm-up), {} renders, {:.1}s; live heap after \
         warm-up {}, at the end {} (most at a cycle end after warm-up {}), peak {} at warm-up and \
         {} at the end; history at most {} places (cap {MAX_HISTORY}); {} kiosk resets; {} quit \
         actions",
        grouped(counts.events),
        grouped(cycles),
        grouped(warm_up_cycles * cycle),
        grouped(counts.renders),
        elapsed.as_secs_f64(),
        bytes(live_warm),
        bytes(live_end),
        bytes(live_after_warm_up_max),
        bytes(peak_warm),
        bytes(peak_end),
        counts.history_max,
        grouped(soak.kiosk.resets),
        grouped(counts.quits),
    );

    let by_kind: Vec<String> = SHOWN
        .iter()
        .zip(counts.shown)
        .map(|(kind, n)| format!("{kind} {}", grouped(n)))
        .collect();
    println!("renders by what they show: {}", by_kind.join(", "));

    assert_eq!(
        counts.events,
        cycles * cycle,
        "every cycle has {CYCLE} events"
    );
    for (kind, n) in SHOWN.iter().zip(counts.shown) {
        assert!(n > 0, "the soak never rendered the {kind}");
    }
    assert_eq!(
        counts.history_max, MAX_HISTORY,
        "the soak should fill the Back history up to its cap"
    );
    assert!(
        live_after_warm_up_max <= live_warm + GROWTH_BOUND,
        "the live heap grew from {} after warm-up to {} (bound {})",
        bytes(live_warm),
        bytes(live_after_warm_up_max),
        bytes(GROWTH_BOUND)
    );
    assert!(
        peak_end <= peak_warm + GROWTH_BOUND,
        "the peak heap rose from {} at warm-up to {} (bound {})",
        bytes(peak_warm),
        bytes(peak_end),
        bytes(GROWTH_BOUND)
    );
}
