//! Tests of the kiosk's settings: the config file, its durations, key names, overrides and texts.
#![allow(clippy::unwrap_used)]

use super::parse::key_from_name;
use super::tests::{config, secs};
use super::*;

#[test]
fn parse_duration_accepts_the_documented_forms() {
    let ok = [
        ("90s", secs(90)),
        ("2m", secs(120)),
        ("1m30s", secs(90)),
        ("500ms", Duration::from_millis(500)),
        ("1h", secs(3600)),
        ("45", secs(45)),
        (" 20s ", secs(20)),
        ("1h2m3s4ms", Duration::from_millis(3_723_004)),
        ("0m30s", secs(30)),
        ("90S", secs(90)),
    ];
    for (text, want) in ok {
        assert_eq!(parse_duration(text), Ok(want), "{text:?}");
    }
}

#[test]
fn parse_duration_rejects_bad_values_with_clear_messages() {
    let bad = [
        ("", DurationProblem::Empty),
        ("   ", DurationProblem::Empty),
        ("-5s", DurationProblem::Negative),
        ("-5", DurationProblem::Negative),
        ("0", DurationProblem::Zero),
        ("0s", DurationProblem::Zero),
        ("0m0s", DurationProblem::Zero),
        ("abc", DurationProblem::Garbage),
        ("10x", DurationProblem::Garbage),
        ("s", DurationProblem::Garbage),
        ("1.5m", DurationProblem::Garbage),
        ("30s1m", DurationProblem::Garbage),
        ("1s1s", DurationProblem::Garbage),
        ("1m 30s", DurationProblem::Garbage),
        ("+5s", DurationProblem::Garbage),
        ("99999999999999999999", DurationProblem::Overflow),
        ("99999999999999999999s", DurationProblem::Overflow),
        ("18446744073709551615h", DurationProblem::Overflow),
        ("18446744073709551615", DurationProblem::Overflow),
    ];
    for (text, problem) in bad {
        let err = parse_duration(text).unwrap_err();
        assert_eq!(
            err,
            KioskError::Duration {
                field: None,
                value: text.to_string(),
                problem
            },
            "{text:?}"
        );
    }
    let msg = parse_duration("10x").unwrap_err().to_string();
    assert!(msg.contains("\"10x\"") && msg.contains("90s"), "{msg}");
    let msg = parse_duration("0s").unwrap_err().to_string();
    assert!(msg.contains("more than zero"), "{msg}");
    let msg = parse_duration("-1m").unwrap_err().to_string();
    assert!(msg.contains("negative"), "{msg}");
}

#[test]
fn config_from_valid_toml() {
    let text = r#"
        idle_timeout = "2m"
        idle_warning = "30s"
        clinic_name = "Riverside Clinic"
        crisis = "Call 988 or ask at the front desk."

        [staff]
        sequence = "F10 F10 F10"
        pin = "2468"
    "#;
    let c = KioskConfig::from_toml(text).unwrap();
    assert_eq!(c.idle_timeout, secs(120));
    assert_eq!(c.idle_warning, secs(30));
    assert_eq!(c.clinic_name.as_deref(), Some("Riverside Clinic"));
    assert_eq!(
        c.crisis.as_deref(),
        Some("Call 988 or ask at the front desk.")
    );
    assert_eq!(c.staff_code.sequence(), DEFAULT_STAFF_SEQUENCE);
    assert!(c.warnings().is_empty());
    assert!(!format!("{c:?}").contains("2468"), "Debug hides the PIN");
}

#[test]
fn config_sets_the_language_and_whether_visitors_may_switch() {
    let pin = "\n[staff]\npin = \"2468\"\n";
    let c = KioskConfig::from_toml(&format!("language = \"es\"\nlanguage_switch = false{pin}"))
        .unwrap();
    assert_eq!(c.language, Some(crate::bundle::Lang::Es));
    assert!(!c.language_switch);
    assert!(c.search, "search is offered unless the config says not");
    let c = KioskConfig::from_toml(&format!("search = false{pin}")).unwrap();
    assert!(!c.search);
    assert!(!c.cursor, "the cursor is hidden unless the config shows it");
    let c = KioskConfig::from_toml(&format!("cursor = true{pin}")).unwrap();
    assert!(c.cursor);
    let c = KioskConfig::from_toml(pin).unwrap();
    assert_eq!(
        (c.language, c.language_switch),
        (None, true),
        "English, switch offered"
    );
    let e = KioskConfig::from_toml(&format!("language = \"fr\"{pin}")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "language: \"fr\" is not a language of the guide; use \"en\" (English) or \"es\" (español)"
    );
}

#[test]
fn config_asks_for_the_console_signs() {
    let pin = "\n[staff]\npin = \"2468\"\n";
    assert!(
        !KioskConfig::from_toml(pin).unwrap().ascii,
        "off unless asked"
    );
    let c = KioskConfig::from_toml(&format!("ascii = true{pin}")).unwrap();
    assert!(c.ascii);
    let e = KioskConfig::from_toml(&format!("ascii = \"yes\"{pin}")).unwrap_err();
    assert!(e.to_string().contains("ascii"), "{e}");
}

#[test]
fn config_picks_the_theme() {
    use crate::cli::ThemeChoice;
    let pin = "\n[staff]\npin = \"2468\"\n";
    assert_eq!(KioskConfig::from_toml(pin).unwrap().theme, None);
    let c = KioskConfig::from_toml(&format!("theme = \"high-contrast\"{pin}")).unwrap();
    assert_eq!(c.theme, Some(ThemeChoice::HighContrast));
    let c = KioskConfig::from_toml(&format!("theme = \"default\"{pin}")).unwrap();
    assert_eq!(c.theme, Some(ThemeChoice::Default));
    let e = KioskConfig::from_toml(&format!("theme = \"dark\"{pin}")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "theme: \"dark\" is not a theme of the guide; use \"default\" or \"high-contrast\""
    );
}

#[test]
fn config_defaults() {
    let c = config();
    assert_eq!(c.idle_timeout, DEFAULT_IDLE_TIMEOUT);
    assert_eq!(c.idle_warning, DEFAULT_IDLE_WARNING);
    assert_eq!(c.staff_code.sequence(), [Key::F(10); 3]);
    assert_eq!(c.clinic_name, None);
    assert_eq!(c.crisis, None);
}

#[test]
fn config_rejects_unknown_keys() {
    for text in [
        "idle_timout = \"90s\"\n[staff]\npin = \"2468\"\n",
        "[staff]\npin = \"2468\"\npassword = \"x\"\n",
    ] {
        let err = KioskConfig::from_toml(text).unwrap_err();
        assert!(matches!(err, KioskError::Toml { .. }), "{err:?}");
        assert!(err.to_string().contains("unknown field"), "{err}");
    }
}

#[test]
fn config_names_the_field_and_value_of_a_bad_duration() {
    let err =
        KioskConfig::from_toml("idle_warning = \"soon\"\n[staff]\npin = \"2468\"\n").unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with("idle_warning: ") && msg.contains("\"soon\""),
        "{msg}"
    );
    let err = KioskConfig::from_toml("idle_timeout = 90\n[staff]\npin = \"2468\"\n").unwrap_err();
    assert!(matches!(err, KioskError::Toml { .. }), "{err:?}");
}

#[test]
fn config_rejects_bad_pins_without_echoing_them() {
    for (pin, chars) in [
        ("123", 3),
        ("1234567890123", 13),
        ("12a4", 4),
        ("", 0),
        ("１２３４", 4),
        ("1234 ", 5),
    ] {
        let text = format!("[staff]\npin = \"{pin}\"\n");
        let err = KioskConfig::from_toml(&text).unwrap_err();
        assert_eq!(err, KioskError::Pin { chars }, "{pin:?}");
        let msg = err.to_string();
        assert!(msg.contains("staff.pin"), "{msg}");
        if pin.len() > 3 {
            assert!(!msg.contains(pin), "{msg}");
        }
    }
    let err = KioskConfig::from_toml("[staff]\npin = 2468\n").unwrap_err();
    assert!(matches!(err, KioskError::Toml { .. }), "{err:?}");
}

#[test]
fn kiosk_refuses_to_start_without_a_pin() {
    for text in [
        "",
        "clinic_name = \"Riverside\"\n",
        "[staff]\nsequence = \"F10 F10 F10\"\n",
    ] {
        assert_eq!(KioskConfig::from_toml(text), Err(KioskError::MissingPin));
    }
    let err = KioskConfig::resolve(None, &KioskOverrides::default()).unwrap_err();
    assert_eq!(err, KioskError::MissingPin);
    assert!(err.to_string().contains("--config"), "{err}");
}

#[test]
fn config_rejects_bad_sequences_and_blank_text() {
    let err =
        KioskConfig::from_toml("[staff]\nsequence = \"F10 Hyper\"\npin = \"2468\"\n").unwrap_err();
    assert_eq!(
        err,
        KioskError::KeyName {
            field: "staff.sequence",
            name: "Hyper".into()
        }
    );
    assert!(err.to_string().contains("\"Hyper\""), "{err}");
    for bad in ["F0", "F99", "Ctrl-", "Ctrl-ab"] {
        let text = format!("[staff]\nsequence = \"{bad}\"\npin = \"2468\"\n");
        assert!(
            matches!(
                KioskConfig::from_toml(&text),
                Err(KioskError::KeyName { .. })
            ),
            "{bad}"
        );
    }
    let err = KioskConfig::from_toml("[staff]\nsequence = \"  \"\npin = \"2468\"\n").unwrap_err();
    assert_eq!(
        err,
        KioskError::EmptySequence {
            field: "staff.sequence"
        }
    );
    let err = KioskConfig::from_toml("clinic_name = \" \"\n[staff]\npin = \"2468\"\n").unwrap_err();
    assert_eq!(
        err,
        KioskError::Blank {
            field: "clinic_name"
        }
    );
}

#[test]
fn key_names_follow_the_keymap_labels() {
    for key in [
        Key::Char('x'),
        Key::Char('2'),
        Key::Char(' '),
        Key::Ctrl('x'),
        Key::Enter,
        Key::Esc,
        Key::Backspace,
        Key::Tab,
        Key::BackTab,
        Key::Up,
        Key::PageUp,
        Key::PageDown,
        Key::Home,
        Key::End,
        Key::Delete,
        Key::F(1),
        Key::F(12),
    ] {
        assert_eq!(key_from_name(&key.label()), Some(key), "{key:?}");
    }
    assert_eq!(key_from_name("f10"), Some(Key::F(10)));
    assert_eq!(key_from_name("ctrl-X"), Some(Key::Ctrl('x')));
    assert_eq!(key_from_name("Left"), Some(Key::Left));
    assert_eq!(key_from_name("F"), Some(Key::Char('F')));
}

#[test]
fn overrides_win_and_name_the_flag() {
    let flags = KioskOverrides {
        idle_timeout: Some("2m".into()),
        idle_warning: Some("25s".into()),
        staff_sequence: Some("F12 F12".into()),
        clinic_name: Some("Northside".into()),
        crisis: Some("Call 112.".into()),
        print_command: Some("lpr -P 'Front desk'".into()),
    };
    let c = KioskConfig::resolve(
        Some("clinic_name = \"Old\"\n[staff]\npin = \"2468\"\n"),
        &flags,
    )
    .unwrap();
    assert_eq!(c.idle_timeout, secs(120));
    assert_eq!(c.idle_warning, secs(25));
    assert_eq!(c.staff_code.sequence(), [Key::F(12), Key::F(12)]);
    assert_eq!(c.clinic_name.as_deref(), Some("Northside"));
    assert_eq!(c.crisis.as_deref(), Some("Call 112."));
    assert_eq!(
        c.print_command.as_ref().map(|p| p.words().to_vec()),
        Some(vec!["lpr".to_string(), "-P".into(), "Front desk".into()])
    );

    let mut c = config();
    let bad = KioskOverrides {
        idle_timeout: Some("1m".into()),
        idle_warning: Some("0s".into()),
        ..KioskOverrides::default()
    };
    let err = c.apply_overrides(&bad).unwrap_err();
    assert!(err.to_string().starts_with("--idle-warning: "), "{err}");
    assert_eq!(c, config(), "nothing changes when a flag is bad");
    // Without a file there is no PIN, whatever the flags say.
    assert_eq!(
        KioskConfig::resolve(None, &KioskOverrides::default()),
        Err(KioskError::MissingPin)
    );
}

#[test]
fn the_print_command_is_read_and_a_bad_one_is_refused_with_its_line() {
    let pin = "\n[staff]\npin = \"2468\"\n";
    let c = KioskConfig::from_toml(&format!("print_command = \"lp -d frontdesk\"{pin}")).unwrap();
    assert_eq!(
        c.print_command.map(|p| p.words().to_vec()),
        Some(vec!["lp".to_string(), "-d".into(), "frontdesk".into()])
    );
    assert_eq!(KioskConfig::from_toml(pin).unwrap().print_command, None);
    for (value, says) in [
        (
            "\"  \"",
            "is empty; give a command such as \"lp -d frontdesk\"",
        ),
        ("\"lp -d 'front\"", "a quote is not closed"),
        ("\"lp | tee /tmp/log\"", "is run without a shell, so \"|\""),
    ] {
        let text = format!("clinic_name = \"Riverside\"\n\nprint_command = {value}{pin}");
        let err = KioskConfig::from_toml(&text).unwrap_err().to_string();
        assert!(
            err.starts_with("kiosk config line 3: print_command ") && err.contains(says),
            "{value}: {err}"
        );
    }
    let mut c = config();
    let flag = KioskOverrides {
        print_command: Some(String::new()),
        ..KioskOverrides::default()
    };
    let err = c.apply_overrides(&flag).unwrap_err().to_string();
    assert!(err.starts_with("--print-command is empty"), "{err}");
}

#[test]
fn short_values_are_noted() {
    let mut c = config();
    assert!(c.warnings().is_empty());
    c.idle_timeout = secs(10);
    c.idle_warning = secs(5);
    let notes = c.warnings();
    assert_eq!(notes.len(), 2);
    assert!(
        notes[0].contains("10s") && notes[0].contains("30s"),
        "{}",
        notes[0]
    );
    assert!(
        notes[1].contains("5s") && notes[1].contains("WCAG"),
        "{}",
        notes[1]
    );
    c.idle_timeout = secs(30);
    c.idle_warning = secs(20);
    assert!(c.warnings().is_empty(), "the limits themselves are fine");
}

/// The clinic's name and crisis text are drawn on every screen: an escape sequence or text that
/// reads backwards is refused where it is set, in the file or by a flag, naming the setting.
#[test]
fn config_refuses_control_characters_in_its_texts() {
    let err = KioskConfig::from_toml("clinic_name = \"A\\u001b[2J\"\n[staff]\npin = \"2468\"\n")
        .unwrap_err();
    assert_eq!(
        err,
        KioskError::ControlCharacters {
            field: "clinic_name"
        }
    );
    assert_eq!(
        err.to_string(),
        "clinic_name: may not contain control characters"
    );
    let mut config = KioskConfig::from_toml("[staff]\npin = \"2468\"\n").unwrap();
    let flags = KioskOverrides {
        crisis: Some("Call \u{202E}889".into()),
        ..KioskOverrides::default()
    };
    assert_eq!(
        config.apply_overrides(&flags).unwrap_err(),
        KioskError::ControlCharacters { field: "--crisis" }
    );
}
