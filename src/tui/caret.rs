//! A backend wrapper that decides whether the terminal's cursor is seen. `ui::render` puts the
//! cursor on the focus in every frame (ratatui then shows it and moves it there); a magnifier or
//! screen reader that tracks the cursor follows it either way, but a reader who did not ask for
//! it (`--cursor`, `MOODGUIDE_CURSOR=1`, a kiosk's `cursor = true`) gets it moved and kept hidden.
//! ratatui has no setting to move the cursor without showing it; only `show_cursor` changes here.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// Wraps a backend; unless `visible`, showing the cursor hides it instead.
#[derive(Debug)]
pub struct Caret<B> {
    /// The backend written to.
    pub inner: B,
    /// Whether the cursor is shown where a frame puts it.
    pub visible: bool,
}

impl<B: Backend> Backend for Caret<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        if self.visible {
            self.inner.show_cursor()
        } else {
            self.inner.hide_cursor()
        }
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;

    fn frame(visible: bool, focus: Option<(u16, u16)>) -> (bool, Position) {
        let inner = TestBackend::new(10, 3);
        let mut term = Terminal::new(Caret { inner, visible }).unwrap();
        term.draw(|f| {
            if let Some(p) = focus {
                f.set_cursor_position(p);
            }
        })
        .unwrap();
        let b = &mut term.backend_mut().inner;
        (b.cursor_visible(), b.get_cursor_position().unwrap())
    }

    #[test]
    fn the_cursor_moves_to_the_focus_and_shows_only_when_asked() {
        assert_eq!(frame(true, Some((3, 1))), (true, Position::new(3, 1)));
        assert_eq!(frame(false, Some((3, 1))), (false, Position::new(3, 1)));
        // A frame with no focus hides it either way.
        assert!(!frame(true, None).0);
    }
}
