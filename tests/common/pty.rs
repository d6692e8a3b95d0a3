//! The real binary in a pseudo-terminal, shared by the end-to-end tests (`tests/e2e.rs`,
//! `tests/e2e_kiosk.rs`, `tests/terminals.rs`): a [`Session`] runs `moodguide` in a pty, reads its
//! output on a thread into a `vt100` screen model and keeps the raw bytes for escape-sequence
//! checks; [`assert_restored`] and [`assert_screen_restored`] check the terminal was put back.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long to wait for text to appear on the screen.
pub const SCREEN_TIMEOUT: Duration = Duration::from_secs(10);
/// How long to wait for the last output to be read once the process has ended.
pub const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);
/// How often to look at the screen or the process while waiting.
pub const POLL: Duration = Duration::from_millis(20);
/// The pause after Esc so the next key is not read as part of an Alt sequence.
pub const ESC_PAUSE: Duration = Duration::from_millis(100);

pub const ESC: &str = "\x1b";
pub const ENTER: &str = "\r";

pub const ENTER_ALT_SCREEN: &str = "\x1b[?1049h";
pub const LEAVE_ALT_SCREEN: &str = "\x1b[?1049l";
pub const HIDE_CURSOR: &str = "\x1b[?25l";
pub const SHOW_CURSOR: &str = "\x1b[?25h";
/// What crossterm 0.29 `EnableMouseCapture` writes (normal, button, any-event, urxvt, SGR).
pub const MOUSE_ON: [&str; 5] = [
    "\x1b[?1000h",
    "\x1b[?1002h",
    "\x1b[?1003h",
    "\x1b[?1015h",
    "\x1b[?1006h",
];
/// What crossterm 0.29 `DisableMouseCapture` writes: the inverse of each, in reverse order.
pub const MOUSE_OFF: [&str; 5] = [
    "\x1b[?1006l",
    "\x1b[?1015l",
    "\x1b[?1003l",
    "\x1b[?1002l",
    "\x1b[?1000l",
];

/// The cursor-position query (DSR 6); a terminal answers `ESC [ row ; col R`.
pub const CURSOR_QUERY: &str = "\x1b[6n";

/// The size of a pty.
pub fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// How the terminal around the app behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Terminal {
    /// Like xterm and most terminals: answers a cursor-position query (`ESC [ 6 n`).
    Xterm,
    /// Answers nothing, like some serial or minimal terminals.
    Mute,
}

/// How to start `moodguide` in a pty: by default at 100x30 with `TERM=xterm-256color`, with
/// `MOODGUIDE_TEST_PANIC`, `NO_COLOR`, `RUST_BACKTRACE` and `MOODGUIDE_CURSOR` removed, a state
/// directory of its own (`MOODGUIDE_STATE_DIR`), in a terminal that answers
/// nothing.
pub struct Spawn {
    cmd: CommandBuilder,
    cols: u16,
    rows: u16,
    terminal: Terminal,
    state: tempfile::TempDir,
}

impl Spawn {
    /// `moodguide` with `args`, run from the crate's directory.
    pub fn new(args: &[&str]) -> Self {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_moodguide"));
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        for var in [
            "MOODGUIDE_TEST_PANIC",
            "NO_COLOR",
            "RUST_BACKTRACE",
            "MOODGUIDE_CURSOR",
        ] {
            cmd.env_remove(var);
        }
        // Each session keeps where it left off in a directory of its own (gone with the session),
        // never in the user's: one test's last place must not open the next test's guide.
        let state = tempfile::tempdir().unwrap();
        cmd.env("MOODGUIDE_STATE_DIR", state.path());
        Spawn {
            cmd,
            cols: 100,
            rows: 30,
            terminal: Terminal::Mute,
            state,
        }
    }

    /// Sets an environment variable.
    #[must_use]
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.cmd.env(key, value);
        self
    }

    /// Removes an environment variable (inherited ones included).
    #[must_use]
    pub fn env_remove(mut self, key: &str) -> Self {
        self.cmd.env_remove(key);
        self
    }

    /// The pty's size.
    #[must_use]
    pub fn size(mut self, cols: u16, rows: u16) -> Self {
        self.cols = cols;
        self.rows = rows;
        self
    }

    /// How the terminal answers queries.
    #[must_use]
    pub fn terminal(mut self, terminal: Terminal) -> Self {
        self.terminal = terminal;
        self
    }

    /// Starts the process.
    pub fn start(self) -> Session {
        let Spawn {
            cmd,
            cols,
            rows,
            terminal,
            state,
        } = self;
        let pair = native_pty_system().openpty(size(cols, rows)).unwrap();
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
            master: pair.master,
            writer,
            child,
            parser,
            raw,
            reader_done,
            _state: state,
        }
    }
}

/// The running app in a pseudo-terminal. Dropping it kills the process if it is still running, so a
/// failed assertion never leaves a stray process behind.
pub struct Session {
    /// Kept so the pty stays open (dropping it would hang up on the child), and for resizing.
    master: Box<dyn MasterPty + Send>,
    /// Shared with the reader thread, which may answer the app's cursor-position queries.
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    reader_done: Arc<AtomicBool>,
    /// The state directory `MOODGUIDE_STATE_DIR` names unless the test named another: removed
    /// when the session is dropped.
    _state: tempfile::TempDir,
}

impl Session {
    /// The parsed screen as text, one line per row.
    pub fn contents(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Runs `f` on the parsed screen.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().unwrap().screen())
    }

    /// Everything the app has written so far, escape sequences included.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn send(&mut self, keys: &str) {
        let mut writer = self.writer.lock().unwrap();
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Sends Esc (or an Esc-prefixed sequence) and pauses, so the next key is not read as Alt plus
    /// that key.
    pub fn send_esc(&mut self, keys: &str) {
        self.send(keys);
        thread::sleep(ESC_PAUSE);
    }

    /// A left click at the 1-based (`col`, `row`), SGR encoded: press, then release.
    pub fn click(&mut self, col: u16, row: u16) {
        self.send(&format!("\x1b[<0;{col};{row}M\x1b[<0;{col};{row}m"));
    }

    /// Polls the screen until `ok` holds for one snapshot of it; panics with `what` and the screen if
    /// it does not within `timeout`, or at once if the process has ended. Returns that snapshot and
    /// the raw output's length then.
    pub fn wait_until(
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

    /// Polls the parsed screen until `ok` holds for it; false if it does not within
    /// [`SCREEN_TIMEOUT`]. Panics (naming `what`) if the process ends meanwhile.
    pub fn wait_until_screen(&mut self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) -> bool {
        let start = Instant::now();
        loop {
            if self.with_screen(&ok) {
                return true;
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "{what}: the process ended ({status}); the screen:\n{}",
                    self.contents()
                );
            }
            if start.elapsed() >= SCREEN_TIMEOUT {
                return false;
            }
            thread::sleep(POLL);
        }
    }

    /// Polls the screen until it shows every one of `texts` at once.
    pub fn wait_for_all_within(&mut self, texts: &[&str], timeout: Duration) -> (String, usize) {
        self.wait_until(&format!("{texts:?}"), timeout, |s| {
            texts.iter().all(|t| s.contains(t))
        })
    }

    pub fn wait_for_all(&mut self, texts: &[&str]) -> (String, usize) {
        self.wait_for_all_within(texts, SCREEN_TIMEOUT)
    }

    /// Polls the screen until it contains `text`; panics with the screen if it never does.
    pub fn wait_for(&mut self, text: &str) -> (String, usize) {
        self.wait_for_all(&[text])
    }

    /// Polls the screen until it no longer contains `text`.
    pub fn wait_for_gone(&self, text: &str) {
        let start = Instant::now();
        while self.contents().contains(text) {
            assert!(
                start.elapsed() < SCREEN_TIMEOUT,
                "still showing {text:?} after {SCREEN_TIMEOUT:?}; the screen:\n{}",
                self.contents()
            );
            thread::sleep(POLL);
        }
    }

    /// The home menu and the crisis line.
    pub fn wait_for_home(&mut self) -> (String, usize) {
        self.wait_for_all(&["1  Topics", "2  Compare", "3  Questions", "988"])
    }

    /// Waits for the process to end, then for its last output to be read.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
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

    pub fn assert_running(&mut self) {
        assert!(
            self.child.try_wait().unwrap().is_none(),
            "the process has exited; the screen:\n{}",
            self.contents()
        );
    }

    /// Watches the process for `time`; panics (naming `after`) if it exits meanwhile.
    pub fn assert_stays_running(&mut self, after: &str, time: Duration) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "the process ended after {after} ({status}); the screen:\n{}",
                    self.contents()
                );
            }
            if start.elapsed() >= time {
                return;
            }
            thread::sleep(POLL);
        }
    }

    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().unwrap();
        let status = std::process::Command::new("kill")
            .args([format!("-{name}"), pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -{name} {pid} failed: {status}");
    }

    /// Resizes the pty and the screen model together. The model is blanked, so text seen after
    /// this was drawn for the new size.
    pub fn resize(&self, cols: u16, rows: u16) {
        let mut parser = self.parser.lock().unwrap();
        self.master.resize(size(cols, rows)).unwrap();
        parser.set_size(rows.try_into().unwrap(), cols.try_into().unwrap());
        parser.process(b"\x1b[H\x1b[2J");
    }

    /// Where `text` starts on the screen as (row, column), cell by cell, searching rows from the
    /// top; `None` if it is not shown.
    pub fn find(&self, text: &str) -> Option<(u16, u16)> {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        for row in 0..rows.get() {
            // One char per cell, so a char index is a column.
            let line: Vec<char> = (0..cols.get())
                .map(|col| {
                    screen
                        .cell(row, col)
                        .and_then(|c| c.contents().chars().next())
                        .unwrap_or(' ')
                })
                .collect();
            let needle: Vec<char> = text.chars().collect();
            if let Some(col) = line.windows(needle.len()).position(|w| w == needle) {
                return Some((row, u16::try_from(col).unwrap()));
            }
        }
        None
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

pub fn find_first(haystack: &[u8], needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack.windows(needle.len()).position(|w| w == needle)
}

pub fn find_last(haystack: &[u8], needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

pub fn find_first_after(haystack: &[u8], needle: &str, from: usize) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// The tail of the output, with escapes visible, for failure messages.
pub fn tail(raw: &[u8]) -> String {
    let start = raw.len().saturating_sub(600);
    format!("{:?}", String::from_utf8_lossy(&raw[start..]))
}

/// Checks from the raw bytes that the terminal was put back: after the last switch to the alternate
/// screen comes a switch back, after the last cursor hide a show, after the last mouse enable every
/// mouse disable. Returns where the alternate screen was left.
pub fn assert_restored(raw: &[u8]) -> usize {
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
pub fn assert_screen_restored(session: &Session) {
    session.with_screen(|screen| {
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "the cursor is still hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting is still on"
        );
    });
}
