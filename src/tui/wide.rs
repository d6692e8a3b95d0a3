//! A backend wrapper that writes the cells a wide symbol covers before the symbol itself.
//!
//! For an emoji with its presentation selector (VS16, as in "⚕️"), ratatui 0.30's diff also sends
//! the cell the emoji covers (a workaround for terminals that draw such an emoji one column wide
//! and would otherwise leave a stale character beside it). `CrosstermBackend` then prints that
//! cell without moving the cursor, assuming the emoji moved it one column, but a terminal that
//! draws the emoji two columns wide (as the app lays it out) has moved it two: the blank lands one
//! column to the right and the rest of the row is shifted (ratatui/ratatui#2651). Sending the
//! covered cells first, then the symbol (with a cursor move, as it is no longer next in line),
//! is right either way: a one-column terminal gets its blank, a two-column one draws the emoji
//! over it. ratatui has no setting for this; the wrapper changes only the order of the writes.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Cell, CellWidth};
use ratatui::layout::{Position, Size};

/// Wraps a backend so that writes to the cells a wide symbol covers come before the symbol.
#[derive(Debug)]
pub struct CoveredFirst<B>(pub B);

/// `content` with each wide symbol moved after the writes that follow it to cells it covers.
fn covered_first<'a>(
    content: impl Iterator<Item = (u16, u16, &'a Cell)>,
) -> Vec<(u16, u16, &'a Cell)> {
    let mut cells: Vec<_> = content.collect();
    let mut i = 0;
    while i < cells.len() {
        let (x, y, cell) = cells[i];
        let end = x.saturating_add(cell.cell_width());
        let covered = cells[i + 1..]
            .iter()
            .take_while(|&&(cx, cy, _)| cy == y && cx > x && cx < end)
            .count();
        cells[i..=i + covered].rotate_left(1);
        i += covered + 1;
    }
    cells
}

impl<B: Backend> Backend for CoveredFirst<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.0.draw(covered_first(content).into_iter())
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.0.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.0.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.0.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.0.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::cell::RefCell;
    use std::num::NonZeroU16;
    use std::rc::Rc;

    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::style::Style;
    use ratatui::{Terminal, TerminalOptions, Viewport};

    use super::*;

    #[test]
    fn covered_cells_are_written_before_the_wide_symbol() {
        let (a, wide, blank) = (Cell::new("a"), Cell::new("⚕\u{fe0f}"), Cell::new(" "));
        let order = |cells: &[(u16, u16, &Cell)]| -> Vec<(u16, u16)> {
            covered_first(cells.iter().copied())
                .iter()
                .map(|&(x, y, _)| (x, y))
                .collect()
        };
        // The emoji at 1 covers 2; 3 and the next row's 2 are not covered.
        assert_eq!(
            order(&[
                (0, 0, &a),
                (1, 0, &wide),
                (2, 0, &blank),
                (3, 0, &a),
                (2, 1, &a)
            ]),
            [(0, 0), (2, 0), (1, 0), (3, 0), (2, 1)]
        );
        // Nothing covered follows: the order stays.
        assert_eq!(
            order(&[(1, 0, &wide), (3, 0, &a), (0, 1, &wide), (1, 2, &a)]),
            [(1, 0), (3, 0), (0, 1), (1, 2)]
        );
        assert!(covered_first(std::iter::empty()).is_empty());
    }

    /// A writer the test reads back after the backend has written to it.
    #[derive(Clone, Default)]
    struct Sink(Rc<RefCell<Vec<u8>>>);

    impl std::io::Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Draws each of `frames` as one row through `backend`.
    fn draw_all<B: Backend>(backend: B, frames: &[&str])
    where
        B::Error: std::fmt::Debug,
    {
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 12, 1)),
        };
        let mut term = Terminal::with_options(backend, options).unwrap();
        for f in frames {
            term.draw(|frame| frame.buffer_mut().set_string(0, 0, f, Style::new()))
                .unwrap();
        }
    }

    /// The row a terminal that draws "⚕️" two columns wide (vt100, like the app) shows after
    /// `frames` are drawn through the real backend, wrapped or not.
    fn shown(frames: &[&str], wrapped: bool) -> String {
        let sink = Sink::default();
        if wrapped {
            draw_all(CoveredFirst(CrosstermBackend::new(sink.clone())), frames);
        } else {
            draw_all(CrosstermBackend::new(sink.clone()), frames);
        }
        let n = |v| NonZeroU16::new(v).unwrap();
        let mut vt = vt100::Parser::new(n(1), n(12), 0);
        vt.process(&sink.0.borrow());
        let screen = vt.screen();
        let row: String = (0..12)
            .filter_map(|col| screen.cell(0, col))
            .filter(|c| !c.is_wide_continuation())
            .map(|c| match c.contents() {
                "" => " ",
                s => s,
            })
            .collect();
        row.trim_end().to_string()
    }

    #[test]
    fn an_emoji_drawn_over_text_leaves_the_rest_of_the_row_in_place() {
        let frames = ["abcdefghij", "a⚕\u{fe0f}  xyz"];
        assert_eq!(shown(&frames, true), "a⚕\u{fe0f}  xyz");
        // What ratatui's backend alone sends shifts the row (ratatui/ratatui#2651). If this
        // fails, ratatui has changed how it writes these cells: see if the wrapper is still
        // needed.
        assert_ne!(shown(&frames, false), "a⚕\u{fe0f}  xyz");
        // And back to plain text.
        assert_eq!(
            shown(&["abcdefghij", "a⚕\u{fe0f}  xyz", "abcdefghij"], true),
            "abcdefghij"
        );
    }
}
