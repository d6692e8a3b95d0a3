//! The summary as QR codes for a phone to scan: plain text, no address, no network. The `qrcode`
//! crate encodes; this file picks the size, splits a long text into numbered codes that each fit a
//! terminal area, and draws a code with half blocks (`▀ ▄ █` and space), one module per column and
//! half a row, so each module is square on a terminal whose cells are twice as tall as wide.
//! Must not import `ratatui` or `crossterm`.
//!
//! Error correction is level L (about 7% of the code can be lost). A code on a screen is not
//! creased, stained or worn, which is what the higher levels guard against, while its size is
//! fixed by the terminal: at 80x24 level L holds about a quarter more text than M, so a summary
//! needs fewer codes to step through.
//!
//! Colours: [`Code::rows`] draws the modules of one shade as the glyphs' ink. To scan, a code must
//! show dark modules on a light ground. A screen that sets colours draws [`Ink::Dark`] rows in
//! black on white. Without colour (`NO_COLOR`) the terminal's own colours are used, and most
//! terminals (the Linux console among them) draw light ink on a dark ground, so draw the
//! [`Ink::Dark`] rows in reverse video, which is the same as [`Ink::Light`] rows drawn plainly.
//! Text for paper or a light terminal is [`Ink::Dark`], drawn plainly.

use std::fmt;

use qrcode::bits::Bits;
use qrcode::{Color, EcLevel, QrCode, Version};
use unicode_segmentation::UnicodeSegmentation;

/// The error correction level of every code (see the module's notes for why L).
pub const EC_LEVEL: EcLevel = EcLevel::L;

/// Light modules drawn around a code on every side. The standard asks for 4; on a screen the code
/// is drawn on a plain ground with nothing printed next to it, and every module counts at 80x24,
/// so 2 are drawn. (Change here after checking with phones; [`capacity`] follows.)
pub const QUIET_ZONE: usize = 2;

/// The ECI designator for UTF-8, written before non-ASCII text so a scanner reads accents right.
const UTF8_ECI: u32 = 26;
/// Bits an ECI header takes: the mode (4) and a designator under 128 (8).
const ECI_BITS: usize = 12;
/// Bits of the byte-mode indicator.
const MODE_BITS: usize = 4;

/// Why no code could be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QrError {
    /// The area (columns × rows of terminal cells) holds no code, or too small a one to carry a
    /// part's number and any text.
    NoRoom {
        /// Columns of the area.
        cols: usize,
        /// Rows of the area.
        rows: usize,
    },
    /// The text is longer than the largest QR code holds.
    TooLong {
        /// Its length in bytes.
        bytes: usize,
    },
}

impl fmt::Display for QrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QrError::NoRoom { cols, rows } => {
                write!(f, "a QR code does not fit in {cols}x{rows} cells")
            }
            QrError::TooLong { bytes } => {
                write!(f, "{bytes} bytes are more than one QR code holds")
            }
        }
    }
}

impl std::error::Error for QrError {}

/// Which shade of module the glyphs of [`Code::rows`] draw (the other is left as the ground).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// Glyphs draw the dark modules: for black ink on a light ground, or reverse video.
    Dark,
    /// Glyphs draw the light modules: for light ink on a dark ground.
    Light,
}

/// One encoded QR code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// The version (1 to 40).
    version: usize,
    /// Modules per side, without the quiet zone.
    side: usize,
    /// Row by row, true for a dark module.
    dark: Vec<bool>,
}

/// Data bits a version holds at [`EC_LEVEL`].
fn data_bits(version: usize) -> usize {
    i16::try_from(version)
        .ok()
        .and_then(|v| Bits::new(Version::Normal(v)).max_len(EC_LEVEL).ok())
        .unwrap_or(0)
}

/// Bits of the byte count in byte mode.
fn count_bits(version: usize) -> usize {
    if version <= 9 { 8 } else { 16 }
}

/// Bytes of text a version holds, with room for the UTF-8 header whether or not the text needs it.
fn bytes_in(version: usize) -> usize {
    data_bits(version).saturating_sub(ECI_BITS + MODE_BITS + count_bits(version)) / 8
}

/// The largest version whose code, with its quiet zone, fits `cols` × `rows` terminal cells.
fn largest_version(cols: usize, rows: usize) -> Option<usize> {
    let modules = cols.min(rows.saturating_mul(2));
    let room = modules.checked_sub(2 * QUIET_ZONE + 17)?;
    Some((room / 4).min(40)).filter(|v| *v >= 1)
}

/// The most bytes of text one code can hold and still fit `cols` × `rows` terminal cells (one
/// module a column wide and half a row tall, quiet zone included), at [`EC_LEVEL`]; 0 when no code
/// fits. Any text of at most this many bytes fits; pure ASCII, which needs no UTF-8 header, may
/// take a byte or two more.
#[must_use]
pub fn capacity(cols: usize, rows: usize) -> usize {
    largest_version(cols, rows).map_or(0, bytes_in)
}

/// The terminal cells (columns, rows) a code of `side` modules takes with its quiet zone.
#[must_use]
pub fn cells_for(side: usize) -> (usize, usize) {
    let m = side + 2 * QUIET_ZONE;
    (m, m.div_ceil(2))
}

impl Code {
    /// Encodes `text` as bytes in the smallest code that holds it, at [`EC_LEVEL`]; text that is
    /// not all ASCII is marked as UTF-8.
    ///
    /// # Errors
    /// [`QrError::TooLong`] when even the largest code cannot hold it.
    pub fn encode(text: &str) -> Result<Code, QrError> {
        let bytes = text.as_bytes();
        let eci = if text.is_ascii() { 0 } else { ECI_BITS };
        let too_long = QrError::TooLong { bytes: bytes.len() };
        let needed = |v: usize| eci + MODE_BITS + count_bits(v) + 8 * bytes.len();
        let version = (1..=40)
            .find(|&v| needed(v) <= data_bits(v))
            .ok_or(too_long)?;
        let v = i16::try_from(version).map_err(|_| too_long)?;
        let mut bits = Bits::new(Version::Normal(v));
        if eci > 0 {
            bits.push_eci_designator(UTF8_ECI).map_err(|_| too_long)?;
        }
        bits.push_byte_data(bytes).map_err(|_| too_long)?;
        bits.push_terminator(EC_LEVEL).map_err(|_| too_long)?;
        let code = QrCode::with_bits(bits, EC_LEVEL).map_err(|_| too_long)?;
        Ok(Code {
            version,
            side: code.width(),
            dark: code.to_colors().iter().map(|c| *c == Color::Dark).collect(),
        })
    }

    /// The QR version (1 to 40).
    #[must_use]
    pub fn version(&self) -> usize {
        self.version
    }

    /// Modules per side, without the quiet zone.
    #[must_use]
    pub fn side(&self) -> usize {
        self.side
    }

    /// The terminal cells (columns, rows) [`Code::rows`] takes.
    #[must_use]
    pub fn cells(&self) -> (usize, usize) {
        cells_for(self.side)
    }

    /// The modules with the quiet zone around them, row by row; true for a dark module.
    #[must_use]
    pub fn matrix(&self) -> Vec<Vec<bool>> {
        let m = self.side + 2 * QUIET_ZONE;
        (0..m)
            .map(|y| {
                (0..m)
                    .map(|x| {
                        let inside = |p: usize| (QUIET_ZONE..QUIET_ZONE + self.side).contains(&p);
                        inside(x)
                            && inside(y)
                            && self.dark[(y - QUIET_ZONE) * self.side + (x - QUIET_ZONE)]
                    })
                    .collect()
            })
            .collect()
    }

    /// The code as rows of text, quiet zone included: each character is one column and two module
    /// rows, its glyph drawing the modules of the `ink` shade (`█` both, `▀` the upper, `▄` the
    /// lower, space neither). With an odd number of module rows, the last half row is ground.
    #[must_use]
    pub fn rows(&self, ink: Ink) -> Vec<String> {
        let matrix = self.matrix();
        let inked = |row: Option<&Vec<bool>>, x: usize| {
            // Below the last module row is ground, whichever shade the ink is.
            row.is_some_and(|r| r[x] == (ink == Ink::Dark))
        };
        matrix
            .chunks(2)
            .map(|pair| {
                (0..matrix.len())
                    .map(|x| match (inked(pair.first(), x), inked(pair.get(1), x)) {
                        (true, true) => '█',
                        (true, false) => '▀',
                        (false, true) => '▄',
                        (false, false) => ' ',
                    })
                    .collect()
            })
            .collect()
    }
}

/// A part's first line: `label` ("{n} of {total}") with the numbers put in.
#[must_use]
pub fn numbered(label: &str, n: usize, total: usize) -> String {
    label
        .replace("{n}", &n.to_string())
        .replace("{total}", &total.to_string())
}

/// Cuts `text` into pieces of at most `room` bytes, in order, never inside a character or a
/// grapheme cluster: after a line break when one falls in the second half of the piece, else after
/// a space there, else at the last whole cluster. The pieces joined are `text` exactly.
fn chunks(text: &str, room: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        if rest.len() <= room {
            out.push(rest);
            break;
        }
        let mut end = room;
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let window = &rest[..end];
        let late = |i: usize| i * 2 >= end;
        let cut = (window.rfind('\n').map(|i| i + 1).filter(|i| late(*i)))
            .or_else(|| window.rfind(' ').map(|i| i + 1).filter(|i| late(*i)))
            .unwrap_or_else(|| {
                // The last cluster of the window may go on past it: cut before it.
                let last = window
                    .grapheme_indices(true)
                    .next_back()
                    .map_or(0, |(i, _)| i);
                if last > 0 { last } else { end }
            });
        out.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    out
}

/// Splits `text` into parts of at most `capacity` bytes. Text that fits is one part, as it is;
/// otherwise each part is its number (`label`, "{n} of {total}") on a line of its own followed by
/// the next piece of the text, so the parts' text after their first lines, joined in order, is
/// `text` exactly.
///
/// # Errors
/// [`QrError::NoRoom`] (with zero cells) when `capacity` leaves no room for a number and some text.
pub fn split(text: &str, capacity: usize, label: &str) -> Result<Vec<String>, QrError> {
    if text.len() <= capacity {
        return Ok(vec![text.to_string()]);
    }
    let no_room = QrError::NoRoom { cols: 0, rows: 0 };
    let mut total = 2;
    loop {
        let head = (1..=total)
            .map(|n| numbered(label, n, total).len() + 1)
            .max()
            .unwrap_or(0);
        // Room for at least one character of any size.
        let room = capacity
            .checked_sub(head)
            .filter(|r| *r >= 4)
            .ok_or(no_room)?;
        let pieces = chunks(text, room);
        // With fewer parts than counted, each number is no longer than the room left for it.
        if pieces.len() <= total {
            let n = pieces.len();
            return Ok(pieces
                .iter()
                .enumerate()
                .map(|(k, p)| format!("{}\n{p}", numbered(label, k + 1, n)))
                .collect());
        }
        total = pieces.len();
    }
}

/// One code of a summary: the text it holds and the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// What the code holds (with its number on the first line when there are several).
    pub text: String,
    /// The encoded code.
    pub code: Code,
}

/// `text` as codes that each fit `cols` × `rows` terminal cells, numbered with `label` ("{n} of
/// {total}") when there is more than one.
///
/// # Errors
/// [`QrError::NoRoom`] when the area holds no code big enough for a number and some text.
pub fn parts(text: &str, cols: usize, rows: usize, label: &str) -> Result<Vec<Part>, QrError> {
    let cap = capacity(cols, rows);
    let texts = split(text, cap, label).map_err(|_| QrError::NoRoom { cols, rows })?;
    texts
        .into_iter()
        .map(|text| {
            let code = Code::encode(&text)?;
            Ok(Part { text, code })
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_capacity_is_what_the_largest_fitting_code_holds() {
        // 80x18: 36 module rows; 36 - 2*2 = 32 → version 3 (29 modules).
        assert_eq!(largest_version(80, 18), Some(3));
        // Version 3-L holds 55 data bytes; the headers (ECI, mode, count) take 3 of them.
        assert_eq!(capacity(80, 18), 52);
        assert_eq!(capacity(20, 10), 0);
        let text = "x".repeat(capacity(80, 18));
        let (cols, rows) = Code::encode(&text).unwrap().cells();
        assert!(cols <= 80 && rows <= 18, "{cols}x{rows}");
        let accented = "é".repeat(capacity(120, 34) / 2);
        let (cols, rows) = Code::encode(&accented).unwrap().cells();
        assert!(cols <= 120 && rows <= 34, "{cols}x{rows}");
    }

    #[test]
    fn a_wider_or_taller_area_never_holds_less() {
        let mut last = 0;
        for rows in 10..80 {
            let cap = capacity(400, rows);
            assert!(cap >= last);
            last = cap;
        }
    }

    #[test]
    fn parts_rejoin_to_the_text_and_never_cut_a_character() {
        let text = "Ask about: ¿Qué tan rápido funciona la sertralina? ñandú 😀 café\n".repeat(9);
        for cap in [30, 41, 52, 77, 130] {
            let parts = split(&text, cap, "{n} of {total}").unwrap();
            assert!(parts.len() > 1);
            let total = parts.len();
            let mut joined = String::new();
            for (k, p) in parts.iter().enumerate() {
                assert!(p.len() <= cap, "part {} is {} bytes", k + 1, p.len());
                let (head, body) = p.split_once('\n').unwrap();
                assert_eq!(head, format!("{} of {total}", k + 1));
                joined.push_str(body);
            }
            assert_eq!(joined, text);
        }
    }

    #[test]
    fn a_text_that_fits_is_one_part_without_a_number() {
        assert_eq!(split("short", 52, "{n} of {total}").unwrap(), ["short"]);
        assert!(split(&"x".repeat(60), 6, "{n} of {total}").is_err());
    }

    #[test]
    fn half_blocks_draw_two_module_rows_per_line() {
        let code = Code::encode("hello").unwrap();
        let m = code.side() + 2 * QUIET_ZONE;
        let rows = code.rows(Ink::Dark);
        assert_eq!(rows.len(), m.div_ceil(2));
        assert!(rows.iter().all(|r| r.chars().count() == m));
        // The quiet zone is blank; the finder pattern's top edge is solid.
        assert!(rows[0].chars().all(|c| c == ' '));
        let light = code.rows(Ink::Light);
        assert!(light[0].chars().all(|c| c == '█'));
    }
}
