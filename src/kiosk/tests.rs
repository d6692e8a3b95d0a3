//! Tests of the kiosk policy: the idle timer, what it permits and the staff code (a fake clock: `Instant`s are made here).
#![allow(clippy::unwrap_used)]

use super::*;

/// A config with only the staff PIN (`2468`).
const PIN_TOML: &str = "[staff]\npin = \"2468\"\n";

pub(super) fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// The config of [`PIN_TOML`].
pub(super) fn config() -> KioskConfig {
    KioskConfig::from_toml(PIN_TOML).unwrap()
}

fn type_keys(policy: &mut KioskPolicy, keys: &[Key]) -> Vec<StaffProgress> {
    keys.iter().map(|k| policy.staff_key(*k)).collect()
}

fn code_keys(pin: &str) -> Vec<Key> {
    let mut keys = DEFAULT_STAFF_SEQUENCE.to_vec();
    keys.extend(pin.chars().map(Key::Char));
    keys
}

#[test]
fn warns_at_the_timeout_and_not_before() {
    let t0 = Instant::now();
    let mut p = KioskPolicy::new(config(), t0);
    assert_eq!(p.on_tick(t0), None);
    assert_eq!(p.on_tick(t0 + secs(89)), None);
    assert!(!p.is_warning());
    assert_eq!(p.remaining_warning(t0 + secs(89)), None);
    assert_eq!(p.on_tick(t0 + secs(90)), Some(KioskEvent::Warn));
    assert!(p.is_warning());
    assert_eq!(p.remaining_warning(t0 + secs(90)), Some(secs(20)));
    assert_eq!(p.remaining_warning(t0 + secs(95)), Some(secs(15)));
    assert_eq!(p.on_tick(t0 + secs(91)), None, "warn fires once");
}

#[test]
fn resets_once_after_the_countdown() {
    let t0 = Instant::now();
    let mut p = KioskPolicy::new(config(), t0);
    assert_eq!(p.on_tick(t0 + secs(90)), Some(KioskEvent::Warn));
    assert_eq!(p.on_tick(t0 + secs(109)), None);
    assert_eq!(p.on_tick(t0 + secs(110)), Some(KioskEvent::Reset));
    assert!(!p.is_warning());
    assert_eq!(p.remaining_warning(t0 + secs(110)), None);
    for later in [111, 200, 10_000] {
        assert_eq!(p.on_tick(t0 + secs(later)), None, "reset fires once");
    }
    assert_eq!(p.next_deadline(), None);
    // The next visitor starts a fresh timer.
    p.on_input(t0 + secs(500));
    assert_eq!(p.on_tick(t0 + secs(589)), None);
    assert_eq!(p.on_tick(t0 + secs(590)), Some(KioskEvent::Warn));
}

#[test]
fn countdown_starts_when_the_warning_is_shown() {
    let t0 = Instant::now();
    let mut p = KioskPolicy::new(config(), t0);
    // A late tick (e.g. after a suspend) still warns first and gives the full countdown.
    assert_eq!(p.on_tick(t0 + secs(1000)), Some(KioskEvent::Warn));
    assert_eq!(p.remaining_warning(t0 + secs(1000)), Some(secs(20)));
    assert_eq!(p.remaining_warning(t0 + secs(2000)), Some(Duration::ZERO));
    assert_eq!(p.on_tick(t0 + secs(1020)), Some(KioskEvent::Reset));
}

#[test]
fn input_restarts_the_timer() {
    let t0 = Instant::now();
    let mut p = KioskPolicy::new(config(), t0);
    assert!(!p.on_input(t0 + secs(60)));
    assert_eq!(p.on_tick(t0 + secs(90)), None);
    assert_eq!(p.on_tick(t0 + secs(149)), None);
    assert_eq!(p.on_tick(t0 + secs(150)), Some(KioskEvent::Warn));
}

#[test]
fn input_during_the_warning_cancels_it() {
    let t0 = Instant::now();
    let mut p = KioskPolicy::new(config(), t0);
    assert_eq!(p.on_tick(t0 + secs(90)), Some(KioskEvent::Warn));
    assert!(p.on_input(t0 + secs(100)), "the input dismissed a warning");
    assert!(!p.is_warning());
    assert_eq!(p.on_tick(t0 + secs(110)), None, "no reset after cancel");
    assert_eq!(p.on_tick(t0 + secs(189)), None);
    assert_eq!(p.on_tick(t0 + secs(190)), Some(KioskEvent::Warn));
}

#[test]
fn next_deadline_follows_the_phase() {
    let t0 = Instant::now();
    let mut p = KioskPolicy::new(config(), t0);
    assert_eq!(p.next_deadline(), Some(t0 + secs(90)));
    p.on_input(t0 + secs(10));
    assert_eq!(p.next_deadline(), Some(t0 + secs(100)));
    p.on_tick(t0 + secs(102));
    assert_eq!(p.next_deadline(), Some(t0 + secs(122)));
    p.on_tick(t0 + secs(122));
    assert_eq!(p.next_deadline(), None);
}

#[test]
fn huge_durations_never_panic() {
    let t0 = Instant::now();
    let mut c = config();
    c.idle_timeout = Duration::MAX;
    let mut p = KioskPolicy::new(c.clone(), t0);
    assert_eq!(p.next_deadline(), None);
    assert_eq!(p.on_tick(t0 + secs(1_000_000)), None);
    c.idle_timeout = secs(1);
    c.idle_warning = Duration::MAX;
    let mut p = KioskPolicy::new(c, t0);
    assert_eq!(p.on_tick(t0 + secs(1)), Some(KioskEvent::Warn));
    assert_eq!(p.remaining_warning(t0 + secs(5)), Some(Duration::MAX));
    assert_eq!(p.on_tick(t0 + secs(1_000_000)), None);
}

#[test]
fn quit_is_never_permitted_and_other_actions_are() {
    let p = KioskPolicy::new(config(), Instant::now());
    assert!(!p.permits(&Action::Quit));
    assert!(!p.permits(&Action::Bookmark), "a kiosk keeps no bookmarks");
    for action in [
        Action::Back,
        Action::GoHome,
        Action::OpenHelp,
        Action::OpenSearch,
        Action::Activate,
        Action::Menu(0),
        Action::Type('q'),
        Action::Resize(80, 24),
    ] {
        assert!(p.permits(&action), "{action:?}");
    }
    for key in [
        Key::Char('q'),
        Key::Esc,
        Key::Ctrl('c'),
        Key::Ctrl('z'),
        Key::Ctrl('\\'),
        Key::Ctrl('d'),
    ] {
        for layer in [crate::keymap::Layer::Home, crate::keymap::Layer::Reader] {
            if let Some(action) = crate::keymap::lookup(layer, key) {
                assert!(action != Action::Quit || !p.permits(&action));
            }
        }
    }
}

#[test]
fn the_staff_code_exits() {
    let mut p = KioskPolicy::new(config(), Instant::now());
    let progress = type_keys(&mut p, &code_keys("2468"));
    let (last, before) = progress.split_last().unwrap();
    assert!(before.iter().all(|s| *s == StaffProgress::InProgress));
    assert_eq!(*last, StaffProgress::Exit);
}

#[test]
fn pin_keys_are_swallowed_and_sequence_keys_are_not() {
    let mut p = KioskPolicy::new(config(), Instant::now());
    let mut swallowed = Vec::new();
    for key in code_keys("2468") {
        p.staff_key(key);
        swallowed.push(p.swallows());
    }
    assert_eq!(
        swallowed,
        [false, false, false, true, true, true, true],
        "only the keys after the sequence"
    );
    // A wrong digit where the PIN is expected is swallowed too, then the attempt is over.
    type_keys(&mut p, &DEFAULT_STAFF_SEQUENCE);
    assert_eq!(p.staff_key(Key::Char('9')), StaffProgress::None);
    assert!(p.swallows());
    assert_eq!(p.staff_key(Key::Char('2')), StaffProgress::None);
    assert!(!p.swallows());
}

#[test]
fn wrong_codes_do_nothing() {
    let mut p = KioskPolicy::new(config(), Instant::now());
    // Keys a patient might press.
    for key in [
        Key::Char('q'),
        Key::Esc,
        Key::Ctrl('c'),
        Key::Ctrl('z'),
        Key::Ctrl('\\'),
        Key::Ctrl('d'),
        Key::Char('2'),
    ] {
        assert_eq!(p.staff_key(key), StaffProgress::None, "{key:?}");
        assert!(!p.swallows());
    }
    // A wrong PIN.
    let progress = type_keys(&mut p, &code_keys("2469"));
    assert_eq!(progress.last(), Some(&StaffProgress::None));
    assert!(!progress.contains(&StaffProgress::Exit));
    // A broken sequence: the PIN afterwards is not enough.
    let mut keys = vec![Key::F(10), Key::F(10), Key::Char('x'), Key::F(10)];
    keys.extend("2468".chars().map(Key::Char));
    assert!(!type_keys(&mut p, &keys).contains(&StaffProgress::Exit));
    // The PIN alone is not enough.
    let pin: Vec<Key> = "2468".chars().map(Key::Char).collect();
    assert!(!type_keys(&mut p, &pin).contains(&StaffProgress::Exit));
}

#[test]
fn partial_codes_stay_in_progress_and_a_wrong_key_drops_them() {
    let mut p = KioskPolicy::new(config(), Instant::now());
    assert_eq!(p.staff_key(Key::F(10)), StaffProgress::InProgress);
    assert_eq!(p.staff_key(Key::F(10)), StaffProgress::InProgress);
    assert_eq!(p.staff_key(Key::Down), StaffProgress::None);
    assert_eq!(p.staff_key(Key::Char('2')), StaffProgress::None);
    let mut keys = DEFAULT_STAFF_SEQUENCE.to_vec();
    keys.extend([Key::Char('2'), Key::Char('4'), Key::Char('6')]);
    assert_eq!(
        type_keys(&mut p, &keys).last(),
        Some(&StaffProgress::InProgress)
    );
}

#[test]
fn a_correct_code_after_a_wrong_one_exits() {
    let mut p = KioskPolicy::new(config(), Instant::now());
    type_keys(&mut p, &code_keys("1357"));
    assert_eq!(
        type_keys(&mut p, &code_keys("2468")).last(),
        Some(&StaffProgress::Exit)
    );
    // An extra F10 before the code still works, and so does a retry right after a wrong digit.
    let mut keys = vec![Key::F(10)];
    keys.extend(code_keys("2468"));
    assert_eq!(type_keys(&mut p, &keys).last(), Some(&StaffProgress::Exit));
    let mut keys = code_keys("24");
    keys.push(Key::Char('0'));
    keys.extend(code_keys("2468"));
    assert_eq!(type_keys(&mut p, &keys).last(), Some(&StaffProgress::Exit));
}

#[test]
fn a_reset_drops_a_staff_attempt() {
    let t0 = Instant::now();
    let mut p = KioskPolicy::new(config(), t0);
    type_keys(&mut p, &DEFAULT_STAFF_SEQUENCE);
    p.on_tick(t0 + secs(90));
    assert_eq!(p.on_tick(t0 + secs(110)), Some(KioskEvent::Reset));
    let pin: Vec<Key> = "2468".chars().map(Key::Char).collect();
    assert!(!type_keys(&mut p, &pin).contains(&StaffProgress::Exit));
}

#[test]
fn a_configured_sequence_is_used() {
    let c =
        KioskConfig::from_toml("[staff]\nsequence = \"Ctrl-X Esc F2\"\npin = \"0000\"\n").unwrap();
    assert_eq!(
        c.staff_code.sequence(),
        [Key::Ctrl('x'), Key::Esc, Key::F(2)]
    );
    let mut p = KioskPolicy::new(c, Instant::now());
    let keys = [
        Key::Ctrl('x'),
        Key::Esc,
        Key::F(2),
        Key::Char('0'),
        Key::Char('0'),
        Key::Char('0'),
        Key::Char('0'),
    ];
    assert_eq!(type_keys(&mut p, &keys).last(), Some(&StaffProgress::Exit));
    let keys = code_keys("0000");
    assert!(!type_keys(&mut p, &keys).contains(&StaffProgress::Exit));
}
