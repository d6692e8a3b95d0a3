//! A writer that sends the 16 ANSI colours as the 16-colour SGR codes every terminal knows.
//!
//! crossterm 0.29 writes even its 16 named colours as 256-colour indexes (`Color::Red` as
//! `ESC[38;5;9m`) and has no setting to do otherwise. The Linux console's terminfo (`TERM=linux`)
//! lists only 30–37 and 40–47; the console maps `38;5;N` to its colours, but a foreground index
//! 0–7 there also resets bold, and a terminal that goes by that terminfo need not know them at
//! all. The theme uses only the 16 ANSI colours (`src/ui/theme.rs`), so this adapter, sitting
//! between the backend and the terminal, rewrites `38;5;N` to `30+N` (N < 8) or `90+N-8`
//! (8 ≤ N < 16), and `48;5;N` to `40+N` or `100+N-8`. Every other byte passes unchanged:
//! other SGR parameters, colours from 16 up, other escape sequences and text.
//!
//! crossterm writes one sequence in several pieces (`ESC[`, `38;`, `5;9`, `m`, each a separate
//! `write`), so an escape sequence is held back until it is complete. The adapter never flushes on
//! its own: the backend's one flush per frame goes through [`Write::flush`].

use std::io::{self, Write};

/// Longest control sequence held back; anything longer is not one this adapter rewrites and is
/// passed on as it is.
const MAX_SEQUENCE: usize = 64;

/// Wraps `W`, rewriting 256-colour indexes below 16 in SGR sequences as 16-colour codes.
#[derive(Debug)]
pub struct Sgr16<W: Write> {
    inner: W,
    /// An escape sequence begun but not yet ended (empty when none is).
    pending: Vec<u8>,
}

impl<W: Write> Sgr16<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            pending: Vec::new(),
        }
    }

    /// The wrapped writer.
    #[cfg(test)]
    fn get_ref(&self) -> &W {
        &self.inner
    }

    /// Sends the held-back sequence, rewritten if it is a complete SGR sequence.
    fn send_pending(&mut self) -> io::Result<()> {
        let seq = std::mem::take(&mut self.pending);
        match rewrite(&seq) {
            Some(new) => self.inner.write_all(&new),
            None => self.inner.write_all(&seq),
        }
    }
}

/// Where a sequence being held back stands after its last byte.
enum State {
    /// Not finished: keep holding it back.
    Open,
    /// Finished (or not a control sequence after all): send it.
    Done,
}

/// Looks at the held-back bytes `seq`, which start with ESC.
fn state(seq: &[u8]) -> State {
    match seq {
        [0x1b] => State::Open,
        // ESC [ then parameter bytes (0x30–0x3F) and intermediate bytes (0x20–0x2F) up to a
        // final byte (0x40–0x7E). Anything else ends it too, and so does running too long.
        [0x1b, b'[', rest @ ..] => match rest.last() {
            None | Some(0x20..=0x3f) if seq.len() < MAX_SEQUENCE => State::Open,
            _ => State::Done,
        },
        // Any other escape (ESC 7, ESC ] …): not a colour, sent as it is.
        _ => State::Done,
    }
}

/// The rewritten form of a complete SGR sequence `ESC [ params m` whose parameters name a
/// 256-colour index below 16 as foreground or background; `None` to send `seq` unchanged.
fn rewrite(seq: &[u8]) -> Option<Vec<u8>> {
    let params = seq.strip_prefix(b"\x1b[")?.strip_suffix(b"m")?;
    let params = std::str::from_utf8(params).ok()?;
    if !params.bytes().all(|b| b.is_ascii_digit() || b == b';') {
        return None;
    }
    let p: Vec<&str> = params.split(';').collect();
    let mut out: Vec<String> = Vec::with_capacity(p.len());
    let mut changed = false;
    let mut i = 0;
    while i < p.len() {
        match (p[i], p.get(i + 1).copied()) {
            (kind @ ("38" | "48"), Some("5")) => {
                let Some(n) = p.get(i + 2) else {
                    // A truncated colour: leave the whole sequence alone.
                    return None;
                };
                match (kind, n.parse::<u8>()) {
                    ("38", Ok(n @ 0..=7)) => out.push((30 + n).to_string()),
                    ("38", Ok(n @ 8..=15)) => out.push((90 + n - 8).to_string()),
                    ("48", Ok(n @ 0..=7)) => out.push((40 + n).to_string()),
                    ("48", Ok(n @ 8..=15)) => out.push((100 + n - 8).to_string()),
                    _ => {
                        out.extend(p[i..i + 3].iter().map(ToString::to_string));
                        i += 3;
                        continue;
                    }
                }
                changed = true;
                i += 3;
            }
            // A truecolour (or an underline colour by index): its numbers are not parameters of
            // their own, so they are copied whole and never read as `38;5;N`.
            ("38" | "48" | "58", Some("2")) => {
                let end = (i + 5).min(p.len());
                out.extend(p[i..end].iter().map(ToString::to_string));
                i = end;
            }
            ("58", Some("5")) => {
                let end = (i + 3).min(p.len());
                out.extend(p[i..end].iter().map(ToString::to_string));
                i = end;
            }
            (other, _) => {
                out.push(other.to_string());
                i += 1;
            }
        }
    }
    changed.then(|| format!("\x1b[{}m", out.join(";")).into_bytes())
}

impl<W: Write> Write for Sgr16<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while !rest.is_empty() {
            if self.pending.is_empty() {
                // Plain bytes up to the next ESC go straight through.
                let plain = rest.iter().position(|&b| b == 0x1b).unwrap_or(rest.len());
                self.inner.write_all(&rest[..plain])?;
                rest = &rest[plain..];
                if let Some((&esc, after)) = rest.split_first() {
                    self.pending.push(esc);
                    rest = after;
                }
                continue;
            }
            let Some((&b, after)) = rest.split_first() else {
                break;
            };
            rest = after;
            if b == 0x1b {
                // A new escape before the last one ended: send the unfinished one as it is.
                self.inner.write_all(&std::mem::take(&mut self.pending))?;
                self.pending.push(b);
                continue;
            }
            self.pending.push(b);
            if let State::Done = state(&self.pending) {
                self.send_pending()?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Whatever was written before a flush reaches the terminal, even an unfinished sequence.
        if !self.pending.is_empty() {
            let seq = std::mem::take(&mut self.pending);
            self.inner.write_all(&seq)?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Writes `pieces` one `write` call each (as crossterm does) and returns what came out.
    fn through(pieces: &[&str]) -> String {
        let mut w = Sgr16::new(Vec::new());
        for p in pieces {
            assert_eq!(w.write(p.as_bytes()).unwrap(), p.len());
        }
        w.flush().unwrap();
        String::from_utf8(w.get_ref().clone()).unwrap()
    }

    fn whole(s: &str) -> String {
        through(&[s])
    }

    #[test]
    fn foreground_and_background_indexes_below_16_become_16_colour_codes() {
        assert_eq!(whole("\x1b[38;5;0m"), "\x1b[30m");
        assert_eq!(whole("\x1b[38;5;7m"), "\x1b[37m");
        assert_eq!(whole("\x1b[38;5;8m"), "\x1b[90m");
        assert_eq!(whole("\x1b[38;5;15m"), "\x1b[97m");
        assert_eq!(whole("\x1b[48;5;1m"), "\x1b[41m");
        assert_eq!(whole("\x1b[48;5;9m"), "\x1b[101m");
        assert_eq!(whole("\x1b[48;5;15m"), "\x1b[107m");
        // crossterm's SetColors: both in one sequence.
        assert_eq!(whole("\x1b[38;5;0;48;5;14m"), "\x1b[30;106m");
    }

    #[test]
    fn other_parameters_around_a_colour_are_kept() {
        assert_eq!(whole("\x1b[1;38;5;11m"), "\x1b[1;93m");
        assert_eq!(
            whole("\x1b[0;1;4;38;5;3;48;5;12;7m"),
            "\x1b[0;1;4;33;104;7m"
        );
        assert_eq!(whole("\x1b[39;49m"), "\x1b[39;49m");
        assert_eq!(whole("\x1b[m"), "\x1b[m");
    }

    #[test]
    fn colours_from_16_up_and_truecolour_are_left_alone() {
        for s in [
            "\x1b[38;5;16m",
            "\x1b[48;5;255m",
            "\x1b[38;5;100;1m",
            "\x1b[38;2;5;5;9m",
            "\x1b[48;2;0;5;1m",
            "\x1b[58;5;3m",
            "\x1b[38;5m",
            "\x1b[38:5:1m",
        ] {
            assert_eq!(whole(s), s);
        }
        // A truecolour's numbers are never read as a colour of their own.
        assert_eq!(whole("\x1b[38;2;38;5;1;48;5;1m"), "\x1b[38;2;38;5;1;41m");
    }

    #[test]
    fn a_sequence_split_over_writes_is_rewritten() {
        // The pieces crossterm writes for SetColors(Red on Black), one write each.
        assert_eq!(
            through(&["\x1b[", "38;", "5;9", ";", "48;", "5;0", "m", "x"]),
            "\x1b[91;40mx"
        );
        // Split anywhere, even between ESC and '[' and inside a number.
        let s = "ab\x1b[1;38;5;11mcd\x1b[48;5;4mef";
        for cut in 1..s.len() {
            let (l, r) = s.split_at(cut);
            assert_eq!(through(&[l, r]), "ab\x1b[1;93mcd\x1b[44mef", "cut at {cut}");
        }
        let bytes: Vec<String> = s.chars().map(String::from).collect();
        let refs: Vec<&str> = bytes.iter().map(String::as_str).collect();
        assert_eq!(through(&refs), "ab\x1b[1;93mcd\x1b[44mef");
    }

    #[test]
    fn other_sequences_and_text_pass_byte_for_byte() {
        for s in [
            "plain text, ünïcode 抗うつ薬 🧠",
            "\x1b[?1049h\x1b[?25l\x1b[2J\x1b[3J\x1b[12;40H",
            "\x1b[?1000h\x1b[?1002h\x1b[?1015h\x1b[?1006h",
            "\x1b7\x1b8\x1b]0;title\x07",
            "\x1b[5;38;5;1 q",
            "\x1b[38;5;1",
        ] {
            assert_eq!(whole(s), s);
            // And split over one-byte writes.
            let mut w = Sgr16::new(Vec::new());
            for b in s.as_bytes() {
                w.write_all(std::slice::from_ref(b)).unwrap();
            }
            w.flush().unwrap();
            assert_eq!(w.get_ref().as_slice(), s.as_bytes());
        }
        // An escape that interrupts an unfinished one: both go out as they came.
        assert_eq!(whole("\x1b[38\x1b[38;5;2m"), "\x1b[38\x1b[32m");
        // A runaway sequence is not held back for ever.
        let long = format!("\x1b[{}", "1;".repeat(100));
        let mut w = Sgr16::new(Vec::new());
        w.write_all(long.as_bytes()).unwrap();
        assert!(w.get_ref().len() >= MAX_SEQUENCE, "held back too much");
    }

    #[test]
    fn nothing_is_flushed_until_asked() {
        struct Counting(Vec<u8>, usize);
        impl Write for Counting {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                self.0.extend_from_slice(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                self.1 += 1;
                Ok(())
            }
        }
        let mut w = Sgr16::new(Counting(Vec::new(), 0));
        w.write_all(b"\x1b[38;5;1mred\x1b[0m").unwrap();
        assert_eq!(w.get_ref().1, 0);
        w.flush().unwrap();
        assert_eq!(w.get_ref().1, 1);
        assert_eq!(w.get_ref().0, b"\x1b[31mred\x1b[0m");
    }
}
