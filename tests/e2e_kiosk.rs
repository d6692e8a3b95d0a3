//! End-to-end tests of kiosk mode: the real binary in a pseudo-terminal, its screen read back
//! through a `vt100` parser, its raw output kept for escape-sequence checks. Covers the welcome
//! screen, the idle warning and reset with real (short) timeouts, that no visitor key ends the
//! kiosk, the staff exit, mouse start, signals, and that bad settings are refused before the screen
//! is touched. The helpers follow `tests/e2e.rs`.
#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long to wait for text to appear on the screen after a key.
const SCREEN_TIMEOUT: Duration = Duration::from_secs(10);
/// How long to wait for the idle warning or the reset: the timers are real time, and a loaded
/// machine is slow, so this is several times the 2 s timeout (1 s warning) the tests use.
const IDLE_TIMEOUT: Duration = Duration::from_secs(8);
/// How long the staff exit may take to end the process.
const EXIT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a signal may take to end the process (the loop checks at least every 200 ms).
const SIGNAL_TIMEOUT: Duration = Duration::from_secs(3);
/// How long to wait for the last output to be read once the process has ended.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);
/// How often to look at the screen or the process while waiting.
const POLL: Duration = Duration::from_millis(20);
/// The pause after Esc so the next key is not read as part of an Alt sequence.
const ESC_PAUSE: Duration = Duration::from_millis(100);
/// How long the process is watched after a key that must not end it.
const STILL_RUNNING: Duration = Duration::from_millis(150);

const ESC: &str = "\x1b";
const ENTER: &str = "\r";
/// F10 as xterm sends it.
const F10: &str = "\x1b[21~";
/// The PIN every test config sets.
const PIN: &str = "2468";
const CLINIC: &str = "Test Clinic";

const ENTER_ALT_SCREEN: &str = "\x1b[?1049h";
const LEAVE_ALT_SCREEN: &str = "\x1b[?1049l";
const HIDE_CURSOR: &str = "\x1b[?25l";
const SHOW_CURSOR: &str = "\x1b[?25h";
/// Clears the scrollback (crossterm `ClearType::Purge`).
const CLEAR_SCROLLBACK: &str = "\x1b[3J";
/// What crossterm 0.29 `EnableMouseCapture` writes (normal, button, any-event, urxvt, SGR).
const MOUSE_ON: [&str; 5] = [
    "\x1b[?1000h",
    "\x1b[?1002h",
    "\x1b[?1003h",
    "\x1b[?1015h",
    "\x1b[?1006h",
];
/// What crossterm 0.29 `DisableMouseCapture` writes: the inverse of each, in reverse order.
const MOUSE_OFF: [&str; 5] = [
    "\x1b[?1006l",
    "\x1b[?1015l",
    "\x1b[?1003l",
    "\x1b[?1002l",
    "\x1b[?1000l",
];

/// On the welcome screen only (the footer elsewhere says "Touch a line to open it").
const WELCOME: &str = "touch the screen to start";
/// Part of the crisis line, shown on every screen.
const CRISIS: &str = "988";
const STILL_READING: &str = "Still reading?";
const COUNTDOWN: &str = "Seconds left:";
/// The first topic's title, in the topic list.
const FIRST_TOPIC: &str = "What is depression?";
/// The first topic's summary: shown only once the topic is open.
const TOPIC_TEXT: &str = "Depression is a common illness";
/// On the questions screen only.
const QUESTIONS_TEXT: &str = "What would you like to know?";

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// A kiosk config file in its own directory under the target's temporary directory; both are
/// removed when this is dropped.
struct ConfigFile {
    _dir: tempfile::TempDir,
    path: String,
}

/// Writes a kiosk config file for the test named `test`.
fn write_config(test: &str, contents: &str) -> ConfigFile {
    let dir = tempfile::Builder::new()
        .prefix(&format!("e2e-kiosk-{test}-"))
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let path = dir.path().join("kiosk.toml");
    std::fs::write(&path, contents).unwrap();
    let path = path.to_str().unwrap().to_string();
    ConfigFile { _dir: dir, path }
}

/// The usual config: a clinic name and the PIN.
fn good_config(test: &str) -> ConfigFile {
    write_config(
        test,
        &format!("clinic_name = \"{CLINIC}\"\n[staff]\npin = \"{PIN}\"\n"),
    )
}

/// How the terminal around the app behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminal {
    /// Like xterm and most terminals: answers a cursor-position query (`ESC [ 6 n`).
    Xterm,
    /// Answers nothing, like the pty of `tests/e2e.rs` and some serial or minimal terminals.
    Mute,
}

/// The cursor-position query (DSR 6); a terminal answers `ESC [ row ; col R`.
const CURSOR_QUERY: &str = "\x1b[6n";

/// The running app in a pseudo-terminal. Dropping it kills the process if it is still running, so a
/// failed assertion never leaves a stray process behind.
struct Session {
    /// Kept so the pty stays open; dropping it would hang up on the child.
    _master: Box<dyn MasterPty + Send>,
    /// Shared with the reader thread, which may answer the app's cursor-position queries.
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    reader_done: Arc<AtomicBool>,
}

impl Session {
    /// Starts `moodguide --kiosk --config FILE` plus `args` at 100x30 with `TERM=xterm-256color`, in
    /// a terminal that, like the pty in `tests/e2e.rs`, does not answer queries.
    fn kiosk(config: &str, args: &[&str]) -> Self {
        Self::start_kiosk(config, args, Terminal::Mute)
    }

    fn start_kiosk(config: &str, args: &[&str], terminal: Terminal) -> Self {
        let mut all = vec!["--kiosk", "--config", config];
        all.extend_from_slice(args);
        Self::start_with(&all, terminal)
    }

    fn start(args: &[&str]) -> Self {
        Self::start_with(args, Terminal::Mute)
    }

    fn start_with(args: &[&str], terminal: Terminal) -> Self {
        let (cols, rows) = (100, 30);
        let pair = native_pty_system().openpty(size(cols, rows)).unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_moodguide"));
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        for var in ["MOODGUIDE_TEST_PANIC", "NO_COLOR", "RUST_BACKTRACE"] {
            cmd.env_remove(var);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        // Only the child may hold the slave end, so the reader sees end-of-file when it exits.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let reader_done = Arc::new(AtomicBool::new(false));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = Arc::new(Mutex::new(pair.master.take_writer().unwrap()));
        {
            let (parser, raw, done, writer) = (
                Arc::clone(&parser),
                Arc::clone(&raw),
                Arc::clone(&reader_done),
                Arc::clone(&writer),
            );
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                // Linux reports EIO on the master once the child has gone; either way we are done.
                while let Ok(n @ 1..) = reader.read(&mut buf) {
                    // Both under one lock order (raw, then parser), so a length of `raw` taken
                    // while the screen shows something covers the bytes that drew it.
                    let mut raw = raw.lock().unwrap();
                    let before = raw.len();
                    raw.extend_from_slice(&buf[..n]);
                    let mut parser = parser.lock().unwrap();
                    parser.process(&buf[..n]);
                    if terminal == Terminal::Xterm {
                        // Queries that end in this chunk (one may have started in the last).
                        let from = before.saturating_sub(CURSOR_QUERY.len() - 1);
                        let queries = raw[from..]
                            .windows(CURSOR_QUERY.len())
                            .filter(|w| *w == CURSOR_QUERY.as_bytes())
                            .count();
                        let (row, col) = parser.screen().cursor_position();
                        let reply = format!("\x1b[{};{}R", row + 1, col + 1);
                        let mut writer = writer.lock().unwrap();
                        for _ in 0..queries {
                            let _ = writer.write_all(reply.as_bytes());
                        }
                        let _ = writer.flush();
                    }
                }
                done.store(true, Ordering::SeqCst);
            });
        }
        Session {
            _master: pair.master,
            writer,
            child,
            parser,
            raw,
            reader_done,
        }
    }

    /// The parsed screen as text, one line per row.
    fn contents(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Everything the app has written so far, escape sequences included.
    fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    fn send(&mut self, keys: &str) {
        let mut writer = self.writer.lock().unwrap();
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Sends Esc (or an Esc-prefixed sequence) and pauses, so the next key is not read as Alt plus
    /// that key.
    fn send_esc(&mut self, keys: &str) {
        self.send(keys);
        thread::sleep(ESC_PAUSE);
    }

    /// A left click at the 1-based (`col`, `row`), SGR encoded: press, then release.
    fn click(&mut self, col: u16, row: u16) {
        self.send(&format!("\x1b[<0;{col};{row}M\x1b[<0;{col};{row}m"));
    }

    /// Polls the screen until `ok` holds for one snapshot of it; panics with `what` and the screen if
    /// it does not within `timeout`, or at once if the process has ended. Returns that snapshot and
    /// the raw output's length then.
    fn wait_until(
        &mut self,
        what: &str,
        timeout: Duration,
        ok: impl Fn(&str) -> bool,
    ) -> (String, usize) {
        let start = Instant::now();
        loop {
            let (contents, len) = {
                let raw = self.raw.lock().unwrap();
                let contents = self.parser.lock().unwrap().screen().contents();
                (contents, raw.len())
            };
            if ok(&contents) {
                return (contents, len);
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the last output arrive, for the message.
                thread::sleep(Duration::from_millis(200));
                panic!(
                    "{what}: the process ended ({status}) instead; the screen:\n{}\nthe output \
                     ends: {}",
                    self.contents(),
                    tail(&self.raw())
                );
            }
            assert!(
                start.elapsed() < timeout,
                "{what}: not seen within {timeout:?}; the screen:\n{contents}"
            );
            thread::sleep(POLL);
        }
    }

    /// Polls the screen until it shows every one of `texts` at once.
    fn wait_for_all_within(&mut self, texts: &[&str], timeout: Duration) -> (String, usize) {
        self.wait_until(&format!("{texts:?}"), timeout, |s| {
            texts.iter().all(|t| s.contains(t))
        })
    }

    fn wait_for_all(&mut self, texts: &[&str]) -> (String, usize) {
        self.wait_for_all_within(texts, SCREEN_TIMEOUT)
    }

    fn wait_for(&mut self, text: &str) -> (String, usize) {
        self.wait_for_all(&[text])
    }

    fn wait_for_welcome(&mut self) -> (String, usize) {
        self.wait_for_all(&[CLINIC, WELCOME, CRISIS])
    }

    fn wait_for_home(&mut self) -> (String, usize) {
        self.wait_for_all(&["1  Topics", "2  Compare", "3  Questions", CRISIS])
    }

    /// Starts a visit from the welcome screen with a key.
    fn start_visit(&mut self) {
        self.wait_for_welcome();
        self.send(" ");
        self.wait_for_home();
    }

    /// Waits for the process to end, then for its last output to be read.
    fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                start.elapsed() < timeout,
                "the process did not exit within {timeout:?}; the screen:\n{}",
                self.contents()
            );
            thread::sleep(POLL);
        };
        let start = Instant::now();
        while !self.reader_done.load(Ordering::SeqCst) {
            assert!(
                start.elapsed() < DRAIN_TIMEOUT,
                "the output did not end within {DRAIN_TIMEOUT:?} after the process exited"
            );
            thread::sleep(POLL);
        }
        status
    }

    /// Watches the process for `time`; panics (naming `after`) if it exits meanwhile.
    fn assert_stays_running(&mut self, after: &str, time: Duration) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "the kiosk ended after {after} ({status}); the screen:\n{}",
                    self.contents()
                );
            }
            if start.elapsed() >= time {
                return;
            }
            thread::sleep(POLL);
        }
    }

    /// The kiosk is still up: running, on the alternate screen, crisis line in view.
    fn assert_kiosk_up(&mut self, after: &str) {
        self.assert_stays_running(after, STILL_RUNNING);
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(
            screen.alternate_screen(),
            "left the alternate screen after {after}; the screen:\n{}",
            screen.contents()
        );
        assert!(
            screen.contents().contains(CRISIS),
            "the crisis line is gone after {after}; the screen:\n{}",
            screen.contents()
        );
    }

    /// The staff exit: the default sequence, then the PIN.
    fn staff_exit(&mut self) -> ExitStatus {
        self.send(&format!("{F10}{F10}{F10}{PIN}"));
        self.wait_exit(EXIT_TIMEOUT)
    }

    fn signal(&self, name: &str) {
        let pid = self.child.process_id().unwrap();
        let status = std::process::Command::new("kill")
            .args([format!("-{name}"), pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -{name} {pid} failed: {status}");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            if let Some(pid) = self.child.process_id() {
                let _ = std::process::Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .status();
            }
            let _ = self.child.wait();
        }
    }
}

fn find_first(haystack: &[u8], needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_last(haystack: &[u8], needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn find_first_after(haystack: &[u8], needle: &str, from: usize) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// The tail of the output, with escapes visible, for failure messages.
fn tail(raw: &[u8]) -> String {
    let start = raw.len().saturating_sub(600);
    format!("{:?}", String::from_utf8_lossy(&raw[start..]))
}

/// Checks from the raw bytes that the terminal was put back: after the last switch to the alternate
/// screen comes a switch back, after the last cursor hide a show, after the last mouse enable every
/// mouse disable. Returns where the alternate screen was left.
fn assert_restored(raw: &[u8]) -> usize {
    let entered = find_last(raw, ENTER_ALT_SCREEN)
        .unwrap_or_else(|| panic!("never entered the alternate screen: {}", tail(raw)));
    let left = find_first_after(raw, LEAVE_ALT_SCREEN, entered).unwrap_or_else(|| {
        panic!(
            "did not leave the alternate screen after entering it: {}",
            tail(raw)
        )
    });
    let hidden = find_last(raw, HIDE_CURSOR)
        .unwrap_or_else(|| panic!("the cursor was never hidden: {}", tail(raw)));
    assert!(
        find_first_after(raw, SHOW_CURSOR, hidden).is_some(),
        "the cursor was not shown again after the last hide: {}",
        tail(raw)
    );
    let mouse_on = MOUSE_ON
        .iter()
        .filter_map(|seq| find_last(raw, seq))
        .max()
        .unwrap_or_else(|| panic!("mouse capture was never enabled: {}", tail(raw)));
    for seq in MOUSE_OFF {
        assert!(
            find_first_after(raw, seq, mouse_on).is_some(),
            "mouse capture not disabled ({seq:?} missing after the last enable): {}",
            tail(raw)
        );
    }
    left
}

/// Checks the screen model agrees: main screen, cursor visible, no mouse reporting.
fn assert_screen_restored(session: &Session) {
    let parser = session.parser.lock().unwrap();
    let screen = parser.screen();
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor is still hidden");
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse reporting is still on"
    );
}

/// Nothing on the screen may hint at the staff exit.
fn assert_no_staff_hint(screen: &str, after: &str) {
    for word in ["staff", "Staff", "STAFF", "PIN", "Pin:", "pin:"] {
        assert!(
            !screen.contains(word),
            "{word:?} shown after {after}; the screen:\n{screen}"
        );
    }
}

/// The seconds in the countdown line on the screen, if it is shown.
fn countdown_seconds(screen: &str) -> Option<u32> {
    let rest = &screen[screen.find(COUNTDOWN)? + COUNTDOWN.len()..];
    rest.trim_start()
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// A visit, then the idle warning and the reset, with a 2 s timeout and a 1 s warning.
fn visit_then_idle_reset(test: &str, terminal: Terminal) {
    let config = good_config(test);
    let mut s = Session::start_kiosk(
        &config.path,
        &["--idle-timeout", "2s", "--idle-warning", "1s"],
        terminal,
    );
    s.start_visit();

    s.send("1");
    s.wait_for_all(&[FIRST_TOPIC, CRISIS]);
    s.send(ENTER);
    let (_, shown_at) = s.wait_for_all(&[TOPIC_TEXT, CRISIS]);

    // Left alone: the question, with a countdown, in the same frame.
    let (screen, _) = s.wait_for_all_within(&[STILL_READING, COUNTDOWN, CRISIS], IDLE_TIMEOUT);
    assert_eq!(
        countdown_seconds(&screen),
        Some(1),
        "a 1 s warning should count down from 1 second; the screen:\n{screen}"
    );

    // Still left alone: a fresh welcome screen, nothing of the visit on it.
    let (screen, _) = s.wait_for_all_within(&[CLINIC, WELCOME, CRISIS], IDLE_TIMEOUT);
    for gone in [TOPIC_TEXT, FIRST_TOPIC, STILL_READING, COUNTDOWN] {
        assert!(
            !screen.contains(gone),
            "{gone:?} is still shown after the reset; the screen:\n{screen}"
        );
    }
    let raw = s.raw();
    assert!(
        find_first_after(&raw, CLEAR_SCROLLBACK, shown_at).is_some(),
        "the scrollback was not cleared ({CLEAR_SCROLLBACK:?}) after the topic was shown: {}",
        tail(&raw)
    );
    s.assert_kiosk_up("the reset");

    // The next visitor starts from scratch: no topic open.
    s.send(" ");
    let (screen, _) = s.wait_for_home();
    assert!(screen.contains("› 1  Topics"), "{screen}");
    s.send("1");
    let (screen, _) = s.wait_for(FIRST_TOPIC);
    assert!(
        !screen.contains(TOPIC_TEXT),
        "the last visitor's topic is still open; the screen:\n{screen}"
    );

    let status = s.staff_exit();
    assert!(
        status.success(),
        "the staff exit should exit 0, got {status}"
    );
    assert_restored(&s.raw());
    assert_screen_restored(&s);
}

#[test]
fn welcome_then_visit_then_idle_reset() {
    visit_then_idle_reset("idle-reset", Terminal::Xterm);
}

/// The same in a terminal that does not answer a cursor-position query. The reset calls ratatui's
/// `Terminal::clear`, which (ratatui-core 0.1) asks the terminal where the cursor is and fails after
/// crossterm's 2 s wait; the event loop returns the error, so the kiosk exits with
/// "moodguide: terminal error: The cursor position could not be read within a normal duration" and
/// leaves the visitor at a shell.
#[test]
fn idle_reset_without_cursor_position_replies() {
    visit_then_idle_reset("idle-reset-mute", Terminal::Mute);
}

#[test]
fn input_cancels_the_warning() {
    let config = good_config("cancel");
    // A longer warning than the other tests, so the countdown can be seen ticking and the key that
    // cancels it surely lands before the reset.
    let mut s = Session::kiosk(
        &config.path,
        &["--idle-timeout", "2s", "--idle-warning", "6s"],
    );
    s.start_visit();
    s.send("\x1b[B");
    s.wait_for("› 2  Compare");

    let (screen, _) = s.wait_for_all_within(&[STILL_READING, COUNTDOWN], IDLE_TIMEOUT);
    let first = countdown_seconds(&screen).unwrap();
    assert!((1..=6).contains(&first), "countdown {first}:\n{screen}");
    if first > 1 {
        // The countdown is live: it goes down while the question shows.
        let next = format!("{COUNTDOWN} {}", first - 1);
        s.wait_for_all_within(&[STILL_READING, &next], Duration::from_secs(4));
    }

    // "3" would open Questions; here it only continues the visit.
    s.send("3");
    let (screen, _) = s.wait_until("the warning gone", SCREEN_TIMEOUT, |s| {
        !s.contains(STILL_READING)
    });
    assert!(
        !screen.contains(WELCOME),
        "the kiosk reset instead of continuing; the screen:\n{screen}"
    );
    assert!(
        screen.contains("› 2  Compare") && !screen.contains(COUNTDOWN),
        "the menu should be back as it was; the screen:\n{screen}"
    );
    assert!(
        !screen.contains(QUESTIONS_TEXT),
        "the key that answered the warning also opened Questions; the screen:\n{screen}"
    );

    // The visit goes on: keys work again.
    s.send("1");
    s.wait_for(FIRST_TOPIC);

    // A touch answers it too, and only answers it.
    s.wait_for_all_within(&[STILL_READING, COUNTDOWN], IDLE_TIMEOUT);
    s.click(50, 15);
    let (screen, _) = s.wait_until("the warning gone after a click", SCREEN_TIMEOUT, |s| {
        !s.contains(STILL_READING)
    });
    assert!(
        screen.contains(FIRST_TOPIC) && !screen.contains(WELCOME),
        "the topics screen should be back; the screen:\n{screen}"
    );

    let status = s.staff_exit();
    assert!(
        status.success(),
        "the staff exit should exit 0, got {status}"
    );
    assert_restored(&s.raw());
}

#[test]
fn no_key_escapes() {
    let config = good_config("no-escape");
    let mut s = Session::kiosk(&config.path, &["--idle-timeout", "60s"]);
    s.start_visit();

    let keys: &[(&str, &str)] = &[
        ("q", "q"),
        ("Q", "Q"),
        ("Ctrl-C", "\x03"),
        ("Ctrl-Z", "\x1a"),
        ("Ctrl-\\", "\x1c"),
        ("Ctrl-D", "\x04"),
        ("Ctrl-Q", "\x11"),
        ("Ctrl-W", "\x17"),
        ("Esc", ESC),
        ("Alt-x", "\x1bx"),
        ("Alt-q", "\x1bq"),
        ("Alt-F4", "\x1b\x1bOS"),
        ("F1", "\x1bOP"),
        ("F2", "\x1bOQ"),
        ("F3", "\x1bOR"),
        ("F4", "\x1bOS"),
        ("F5", "\x1b[15~"),
        ("F6", "\x1b[17~"),
        ("F7", "\x1b[18~"),
        ("F8", "\x1b[19~"),
        ("F9", "\x1b[20~"),
        ("F10", F10),
        ("F11", "\x1b[23~"),
        ("F12", "\x1b[24~"),
        ("q Enter", "q\r"),
        (":q Enter", ":q\r"),
    ];
    for (name, bytes) in keys {
        if bytes.starts_with(ESC) {
            s.send_esc(bytes);
        } else {
            s.send(bytes);
        }
        s.assert_kiosk_up(name);
    }
    s.send_esc(ESC);
    s.send_esc(ESC);
    s.assert_stays_running("all the keys", Duration::from_millis(500));
    s.assert_kiosk_up("all the keys");

    // Still answering, not stopped: a menu key still opens its screen.
    s.send("h");
    s.wait_for_home();
    s.send("3");
    s.wait_for(QUESTIONS_TEXT);
    s.send("h");
    s.wait_for_home();

    let status = s.staff_exit();
    assert!(
        status.success(),
        "the staff exit should exit 0, got {status}"
    );
    assert_restored(&s.raw());
    assert_screen_restored(&s);
}

#[test]
fn wrong_pin_then_staff_exit() {
    let config = good_config("staff");
    let mut s = Session::kiosk(&config.path, &["--idle-timeout", "60s"]);
    s.wait_for_welcome();

    // The sequence alone: the first F10 is just a key that starts the visit; nothing else shows.
    s.send(&format!("{F10}{F10}{F10}"));
    let (screen, _) = s.wait_for_home();
    assert_no_staff_hint(&screen, "F10 F10 F10");
    s.assert_kiosk_up("F10 F10 F10");

    s.send("1111");
    s.assert_stays_running("a wrong PIN", Duration::from_millis(500));
    s.assert_kiosk_up("a wrong PIN");
    // Everything sent so far has been handled once this answers.
    s.send("h");
    let (screen, _) = s.wait_for_home();
    assert_no_staff_hint(&screen, "a wrong PIN");
    s.assert_kiosk_up("a wrong PIN");

    let status = s.staff_exit();
    assert!(
        status.success(),
        "the staff exit should exit 0, got {status}"
    );
    assert_eq!(status.exit_code(), 0, "{status}");
    let raw = s.raw();
    assert_restored(&raw);
    assert_screen_restored(&s);
}

#[test]
fn mouse_click_starts_a_visit() {
    let config = good_config("mouse");
    let mut s = Session::kiosk(&config.path, &["--idle-timeout", "60s"]);
    s.wait_for_welcome();
    // Anywhere on the body, not on a welcome text line.
    s.click(10, 20);
    let (screen, _) = s.wait_for_home();
    assert!(
        !screen.contains(WELCOME),
        "the welcome screen is still shown:\n{screen}"
    );
    let status = s.staff_exit();
    assert!(
        status.success(),
        "the staff exit should exit 0, got {status}"
    );
}

#[test]
fn sigterm_and_sighup_end_the_kiosk_cleanly() {
    let config = good_config("signals");
    for signal in ["TERM", "HUP"] {
        let mut s = Session::kiosk(&config.path, &["--idle-timeout", "60s"]);
        s.start_visit();
        s.signal(signal);
        let status = s.wait_exit(SIGNAL_TIMEOUT);
        // Caught and handled: the process returned rather than being killed by the signal.
        assert_eq!(
            status.signal(),
            None,
            "SIG{signal} killed the kiosk instead of stopping it ({status})"
        );
        assert_restored(&s.raw());
        assert_screen_restored(&s);
    }
}

#[test]
fn bad_kiosk_settings_are_refused_before_the_screen_is_touched() {
    let good = good_config("bad-settings");
    let unknown_key = write_config(
        "bad-settings-unknown",
        &format!("clinic_name = \"{CLINIC}\"\nidle_timout = \"90s\"\n[staff]\npin = \"{PIN}\"\n"),
    );
    let short_pin = write_config(
        "bad-settings-pin",
        &format!("clinic_name = \"{CLINIC}\"\n[staff]\npin = \"12\"\n"),
    );
    let cases: Vec<(&str, Vec<&str>, Vec<&str>)> = vec![
        (
            "no --config",
            vec!["--kiosk"],
            vec!["staff PIN", "--config"],
        ),
        (
            "--idle-timeout 0s",
            vec!["--kiosk", "--config", &good.path, "--idle-timeout", "0s"],
            vec!["--idle-timeout", "\"0s\"", "is zero"],
        ),
        (
            "--idle-timeout banana",
            vec![
                "--kiosk",
                "--config",
                &good.path,
                "--idle-timeout",
                "banana",
            ],
            vec!["--idle-timeout", "\"banana\"", "is not a duration"],
        ),
        (
            "an unknown key",
            vec!["--kiosk", "--config", &unknown_key.path],
            vec!["kiosk config", "unknown field", "idle_timout"],
        ),
        (
            "pin = \"12\"",
            vec!["--kiosk", "--config", &short_pin.path],
            vec!["staff.pin", "4 to 12 digits"],
        ),
    ];
    for (name, args, wanted) in &cases {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_moodguide"))
            .args(args)
            .env_remove("RUST_BACKTRACE")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: stderr:\n{stderr}");
        assert!(
            stderr.starts_with("moodguide: "),
            "{name}: stderr:\n{stderr}"
        );
        for want in wanted {
            assert!(
                stderr.contains(want),
                "{name}: {want:?} not in stderr:\n{stderr}"
            );
        }
        assert!(
            !stderr.contains("needs a terminal"),
            "{name}: the settings were accepted; stderr:\n{stderr}"
        );
        assert!(
            out.stdout.is_empty(),
            "{name}: stdout should be empty, got {:?}",
            String::from_utf8_lossy(&out.stdout)
        );
    }

    // In a real terminal too: the message, and not one escape sequence.
    for (name, args, wanted) in &cases {
        let mut s = Session::start(args);
        let status = s.wait_exit(SCREEN_TIMEOUT);
        assert_eq!(status.exit_code(), 2, "{name}: {status}");
        let raw = s.raw();
        let text = String::from_utf8_lossy(&raw);
        for want in wanted {
            assert!(text.contains(want), "{name}: {want:?} not in {text:?}");
        }
        assert!(
            !raw.contains(&0x1b),
            "{name}: escape sequences written: {text:?}"
        );
    }
}

#[test]
fn short_values_are_noted_on_stderr() {
    let config = good_config("short-note");
    let mut s = Session::kiosk(
        &config.path,
        &["--idle-timeout", "2s", "--idle-warning", "1s"],
    );
    s.wait_for_welcome();
    let status = s.staff_exit();
    assert!(
        status.success(),
        "the staff exit should exit 0, got {status}"
    );
    let raw = s.raw();
    let entered = find_first(&raw, ENTER_ALT_SCREEN).unwrap();
    let left = assert_restored(&raw);
    for note in [
        "note: the idle timeout of 2s is below 30s",
        "note: the idle warning of 1s is below the 20s WCAG 2.2.1 asks for",
    ] {
        let at = find_first(&raw, note)
            .unwrap_or_else(|| panic!("{note:?} not written: {:?}", String::from_utf8_lossy(&raw)));
        assert!(
            at < entered || at > left,
            "{note:?} was written to the alternate screen, where it is lost: {:?}",
            String::from_utf8_lossy(&raw)
        );
        assert!(
            find_first_after(&raw, "testing only", at).is_some(),
            "{note:?} does not say the value is for testing: {:?}",
            String::from_utf8_lossy(&raw)
        );
    }

    // Without a terminal the note comes first, and the usual values give none.
    let run = |args: &[&str]| {
        let mut all = vec!["--kiosk", "--config", &config.path];
        all.extend_from_slice(args);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_moodguide"))
            .args(&all)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let stderr = run(&["--idle-timeout", "2s"]);
    assert!(
        stderr.contains("idle timeout of 2s") && stderr.contains("testing only"),
        "{stderr}"
    );
    let stderr = run(&["--idle-timeout", "90s", "--idle-warning", "20s"]);
    assert!(!stderr.contains("note:"), "{stderr}");
}
