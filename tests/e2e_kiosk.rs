//! End-to-end tests of kiosk mode: the real binary in a pseudo-terminal, its screen read back
//! through a `vt100` parser, its raw output kept for escape-sequence checks. Covers the welcome
//! screen, the idle warning and reset with real (short) timeouts, that no visitor key ends the
//! kiosk, the staff exit, mouse start, signals, and that bad settings are refused before the screen
//! is touched. The pseudo-terminal helpers are in `tests/common/pty.rs`.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::pty::{
    ENTER, ENTER_ALT_SCREEN, ESC, SCREEN_TIMEOUT, Session, Spawn, Terminal, assert_restored,
    assert_screen_restored, find_first, find_first_after, find_last, tail,
};
use portable_pty::ExitStatus;

/// How long to wait for the idle warning or the reset: the timers are real time, and a loaded
/// machine is slow, so this is several times the 2 s timeout (1 s warning) the tests use.
const IDLE_TIMEOUT: Duration = Duration::from_secs(8);
/// How long the staff exit may take to end the process.
const EXIT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a signal may take to end the process (the loop checks at least every 200 ms).
const SIGNAL_TIMEOUT: Duration = Duration::from_secs(3);
/// How long the process is watched after a key that must not end it.
const STILL_RUNNING: Duration = Duration::from_millis(150);

/// F10 as xterm sends it.
const F10: &str = "\x1b[21~";
/// The PIN every test config sets.
const PIN: &str = "2468";
const CLINIC: &str = "Test Clinic";

/// Clears the scrollback (crossterm `ClearType::Purge`).
const CLEAR_SCROLLBACK: &str = "\x1b[3J";
/// On the welcome screen only (the footer elsewhere says "Touch a line to open it").
const WELCOME: &str = "touch the screen to start";
/// Part of the crisis line, shown on every screen.
const CRISIS: &str = "988";
const STILL_READING: &str = "Still reading?";
const COUNTDOWN: &str = "Seconds left:";
/// The first topic's title, in the topic list.
const FIRST_TOPIC: &str = "What is depression?";
/// The first topic's summary: shown once the topic is open (and in the preview before).
const TOPIC_TEXT: &str = "Depression is a common illness";
/// The reading pane's words before a topic is opened.
const PREVIEW_HINT: &str = "Open this topic";
/// On the questions screen only.
const QUESTIONS_TEXT: &str = "What would you like to know?";

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

/// Starts `moodguide --kiosk --config FILE` plus `args` at 100x30 with `TERM=xterm-256color`, in
/// a terminal that, like the pty in `tests/e2e.rs`, does not answer queries.
fn kiosk(config: &str, args: &[&str]) -> Session {
    start_kiosk(config, args, Terminal::Mute)
}

fn start_kiosk(config: &str, args: &[&str], terminal: Terminal) -> Session {
    let mut all = vec!["--kiosk", "--config", config];
    all.extend_from_slice(args);
    Spawn::new(&all).terminal(terminal).start()
}

/// Starts `moodguide` with `args` (not necessarily a kiosk).
fn start(args: &[&str]) -> Session {
    Spawn::new(args).start()
}

/// What the kiosk tests ask of a session, on top of the shared ones.
trait Kiosk {
    fn wait_for_welcome(&mut self) -> (String, usize);
    /// Starts a visit from the welcome screen with a key.
    fn start_visit(&mut self);
    /// The kiosk is still up: running, on the alternate screen, crisis line in view.
    fn assert_kiosk_up(&mut self, after: &str);
    /// The staff exit: the default sequence, then the PIN.
    fn staff_exit(&mut self) -> ExitStatus;
}

impl Kiosk for Session {
    fn wait_for_welcome(&mut self) -> (String, usize) {
        self.wait_for_all(&[CLINIC, WELCOME, CRISIS])
    }

    fn start_visit(&mut self) {
        self.wait_for_welcome();
        self.send(" ");
        self.wait_for_home();
    }

    fn assert_kiosk_up(&mut self, after: &str) {
        self.assert_stays_running(after, STILL_RUNNING);
        let kiosk_up = |screen: &vt100::Screen| {
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
        };
        self.with_screen(kiosk_up);
    }

    fn staff_exit(&mut self) -> ExitStatus {
        self.send(&format!("{F10}{F10}{F10}{PIN}"));
        self.wait_exit(EXIT_TIMEOUT)
    }
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
    let mut s = start_kiosk(
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
        screen.contains(PREVIEW_HINT),
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
    let mut s = kiosk(
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
    let mut s = kiosk(&config.path, &["--idle-timeout", "60s"]);
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
    let mut s = kiosk(&config.path, &["--idle-timeout", "60s"]);
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
    let left = assert_restored(&raw);
    // Nothing of the visits stays behind the kiosk: not on the screen, not in the scrollback.
    let purge = find_last(&raw[..left], "\x1b[3J");
    let clear = find_last(&raw[..left], "\x1b[2J");
    let frame = find_last(&raw[..left], "Topics").unwrap_or(0);
    assert!(
        purge.is_some_and(|p| p > frame) && clear.is_some_and(|c| c > frame),
        "the staff exit left the scrollback or the screen: purge {purge:?}, clear {clear:?}, \
         last frame {frame}"
    );
    assert_screen_restored(&s);
}

#[test]
fn mouse_click_starts_a_visit() {
    let config = good_config("mouse");
    let mut s = kiosk(&config.path, &["--idle-timeout", "60s"]);
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
        let mut s = kiosk(&config.path, &["--idle-timeout", "60s"]);
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
        let mut s = start(args);
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
    let mut s = kiosk(
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

/// A visitor who switched to Spanish leaves: the next visit starts in the kiosk's language. The
/// loop holds one language's pack at a time, so this goes through letting the Spanish pack go
/// and reading the English one again.
#[test]
fn a_reset_after_a_switch_to_spanish_starts_the_next_visit_in_english() {
    let config = good_config("reset-after-switch");
    let mut s = kiosk(
        &config.path,
        &["--idle-timeout", "2s", "--idle-warning", "1s"],
    );
    s.start_visit();
    s.send("3");
    s.wait_for(QUESTIONS_TEXT);
    s.send("l");
    s.wait_for("¿Qué le gustaría saber?");
    let (screen, _) = s.wait_for_all_within(&[CLINIC, WELCOME, CRISIS], IDLE_TIMEOUT);
    assert!(!screen.contains("¿Qué le gustaría saber?"), "{screen}");
    s.send(" ");
    let (screen, _) = s.wait_for_home();
    assert!(screen.contains("Topics"), "{screen}");
    s.assert_kiosk_up("the reset after a switch");
    assert!(s.staff_exit().success());
}

/// A kiosk never reads or writes the state file a guide at home keeps: with a state directory
/// that is empty, a visit that opens a topic and a question and presses `b` leaves it empty; with
/// one holding a reader's file (a last place and a bookmark), the kiosk still starts on its
/// welcome screen and then Home with no "Continue reading" or bookmark, and the file is unchanged.
#[test]
fn a_kiosk_never_reads_or_writes_the_state_file() {
    let config = good_config("state");
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().to_str().unwrap();
    let visit = |s: &mut Session| {
        s.start_visit();
        s.send("1\r");
        s.wait_for(TOPIC_TEXT);
        s.send("b");
        s.send("h3");
        s.wait_for(QUESTIONS_TEXT);
        s.send("b");
        let status = s.staff_exit();
        assert!(status.success(), "{status}");
    };
    let mut s = Spawn::new(&["--kiosk", "--config", &config.path])
        .env("MOODGUIDE_STATE_DIR", state)
        .start();
    visit(&mut s);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "the kiosk wrote in the state directory"
    );

    let file = dir.path().join("state.toml");
    let version = common::catalog().meta.content_version.clone();
    let text = format!(
        "format = 1\ncontent_version = \"{version}\"\n\n[last]\nscreen = \"topic\"\n\
         topic = \"ssri-side-effects\"\n\n[[bookmarks]]\nquestion = \"is-ketamine-right\"\n"
    );
    std::fs::write(&file, &text).unwrap();
    let mut s = Spawn::new(&["--kiosk", "--config", &config.path])
        .env("MOODGUIDE_STATE_DIR", state)
        .start();
    s.wait_for_welcome();
    s.send(" ");
    let (home, _) = s.wait_for_home();
    for kept in ["Continue reading", "Bookmark:", "SSRI side effects"] {
        assert!(!home.contains(kept), "{kept:?} in a kiosk:\n{home}");
    }
    s.send("h");
    let status = s.staff_exit();
    assert!(status.success(), "{status}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
