//! Screen geometry as plain numbers: where the title bar, body, footer and crisis strip go, and how
//! the topics screen splits into list and reading pane. Render, mouse hit-testing and `update` all
//! use it, so they always agree. Must not import `ratatui` or `crossterm`.

/// A rectangle in terminal cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Area {
    /// Left column.
    pub x: u16,
    /// Top row.
    pub y: u16,
    /// Width in columns.
    pub width: u16,
    /// Height in rows.
    pub height: u16,
}

impl Area {
    /// True if the cell (`col`, `row`) is inside.
    #[must_use]
    pub fn contains(self, col: u16, row: u16) -> bool {
        col >= self.x
            && col < self.x.saturating_add(self.width)
            && row >= self.y
            && row < self.y.saturating_add(self.height)
    }
}

/// Height of a touch target in kiosk mode, in rows.
pub const TOUCH_ROWS: u16 = 3;

/// Smallest size at which the guide itself is drawn; below it a "make the window larger" note shows.
pub const MIN_WIDTH: u16 = 20;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 5;

/// The fixed parts of every screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Chrome {
    /// The title bar (height 0 when there is no room).
    pub title: Area,
    /// Where the screen draws.
    pub body: Area,
    /// The key hints (height 0 when there is no room).
    pub footer: Area,
    /// The crisis strip: always present when the terminal has any rows.
    pub crisis: Area,
}

/// Splits a `width` x `height` terminal; `crisis_lines` and `footer_lines` are how many rows the
/// crisis text and the footer need, `target_rows` how tall a touch target is (1 at a desk,
/// [`TOUCH_ROWS`] on a kiosk). With touch targets the title bar (with its buttons) is that tall
/// when there is room.
#[must_use]
pub fn chrome(
    width: u16,
    height: u16,
    crisis_lines: u16,
    footer_lines: u16,
    target_rows: u16,
) -> Chrome {
    // The whole crisis text, up to half the rows: the number must never be the part cut off.
    let crisis_h = crisis_lines.clamp(1, (height / 2).max(1)).min(height);
    let crisis = Area {
        x: 0,
        y: height - crisis_h,
        width,
        height: crisis_h,
    };
    let rest = height - crisis_h;
    let title_h = match target_rows {
        2.. if rest >= 16 => target_rows,
        _ => u16::from(rest >= 3),
    };
    // A footer that is a sentence (the kiosk's) may take a second row when the screen has room.
    let footer_h = match rest {
        0..6 => 0,
        6..12 => 1,
        _ => footer_lines.clamp(1, 2),
    };
    let body_h = rest - title_h - footer_h;
    Chrome {
        title: Area {
            x: 0,
            y: 0,
            width,
            height: title_h,
        },
        body: Area {
            x: 0,
            y: title_h,
            width,
            height: body_h,
        },
        footer: Area {
            x: 0,
            y: title_h + body_h,
            width,
            height: footer_h,
        },
        crisis,
    }
}

impl Chrome {
    /// The same parts with the title bar's rows given to the body (the crisis strip stays).
    #[must_use]
    pub fn without_title(self) -> Chrome {
        Chrome {
            body: Area {
                y: self.title.y,
                height: self.body.height + self.title.height,
                ..self.body
            },
            title: Area {
                height: 0,
                ..self.title
            },
            ..self
        }
    }
}

/// How the topics screen divides its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopicsSplit {
    /// True when the list sits above the pane (narrow terminals).
    pub stacked: bool,
    /// The topic list, including its border.
    pub list: Area,
    /// The reading pane, including its border.
    pub reader: Area,
}

/// Below this width the list and the reading pane are stacked.
pub const SIDE_BY_SIDE_MIN: u16 = 72;

/// Splits the topics body into list and reading pane; `row_h` is how tall one row of the list is
/// (three on a touch screen). Stacked, the list keeps room for one row when the body has it.
#[must_use]
pub fn topics_split(body: Area, row_h: u16) -> TopicsSplit {
    if body.width >= SIDE_BY_SIDE_MIN {
        // Two fifths of the width (32 columns at 80, where list titles are written to fit), and
        // on a wide screen whatever the reading pane (at most 80 columns of text, with its border
        // and padding) leaves, up to 56: long titles then fit.
        let list_w = (body.width * 2 / 5)
            .clamp(30, 36)
            .max(body.width.saturating_sub(84).min(56));
        TopicsSplit {
            stacked: false,
            list: Area {
                width: list_w,
                ..body
            },
            reader: Area {
                x: body.x + list_w,
                width: body.width - list_w,
                ..body
            },
        }
    } else {
        let list_h = (body.height / 3).max(row_h + 2).min(body.height);
        TopicsSplit {
            stacked: true,
            list: Area {
                height: list_h,
                ..body
            },
            reader: Area {
                y: body.y + list_h,
                height: body.height - list_h,
                ..body
            },
        }
    }
}

/// The reading view of a topic: its text alone in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadingView {
    /// Where the text goes: every row, at most [`crate::wrap::MAX_READING_WIDTH`] columns, in the
    /// middle of the columns left after a margin of one and the scroll bar.
    pub text: Area,
    /// The scroll bar's column, one column right of the text.
    pub bar: Area,
}

/// Splits the body for the reading view: no list, no border, so large letters and small
/// terminals keep every row and column for the text.
#[must_use]
pub fn reading_view(body: Area) -> ReadingView {
    let max = u16::try_from(crate::wrap::MAX_READING_WIDTH).unwrap_or(u16::MAX);
    // One column of margin on the left, one of padding and the scroll bar on the right.
    let room = body.width.saturating_sub(3);
    let width = room.min(max);
    let x = body.x + 1 + (room - width) / 2;
    ReadingView {
        text: Area { x, width, ..body },
        bar: Area {
            x: x + width + 1,
            width: u16::from(body.width >= 3),
            ..body
        },
    }
}

/// An area centred in `a`, at most `w` x `h`.
#[must_use]
pub fn centered(a: Area, w: u16, h: u16) -> Area {
    let w = w.min(a.width);
    let h = h.min(a.height);
    Area {
        x: a.x + (a.width - w) / 2,
        y: a.y + (a.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The text area inside a bordered box (one cell of border on each side).
#[must_use]
pub fn inner(a: Area) -> Area {
    Area {
        x: a.x.saturating_add(1),
        y: a.y.saturating_add(1),
        width: a.width.saturating_sub(2),
        height: a.height.saturating_sub(2),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn chrome_always_keeps_the_crisis_strip_and_fits() {
        for h in 1..60u16 {
            for w in [1u16, 20, 80] {
                let c = chrome(w, h, 2, 2, 1);
                assert_eq!(c.crisis.y + c.crisis.height, h);
                assert!(c.crisis.height >= 1);
                assert_eq!(
                    c.title.height + c.body.height + c.footer.height + c.crisis.height,
                    h
                );
            }
        }
        let c = chrome(80, 24, 1, 1, 1);
        assert_eq!(
            (
                c.title.height,
                c.body.height,
                c.footer.height,
                c.crisis.height
            ),
            (1, 21, 1, 1)
        );
        let k = chrome(80, 24, 1, 1, TOUCH_ROWS);
        assert_eq!((k.title.height, k.body.height), (3, 19));
        // A footer needing two rows gets them from the body, with room to spare only.
        let k = chrome(64, 24, 2, 2, TOUCH_ROWS);
        assert_eq!((k.body.height, k.footer.height), (17, 2));
        assert_eq!(chrome(64, 12, 2, 2, TOUCH_ROWS).footer.height, 1);
        assert_eq!(
            chrome(80, 10, 1, 1, TOUCH_ROWS).title.height,
            1,
            "no room for a tall bar"
        );
    }

    #[test]
    fn the_reading_view_keeps_every_row_and_at_most_80_columns() {
        let body = Area {
            x: 0,
            y: 1,
            width: 80,
            height: 21,
        };
        let v = reading_view(body);
        assert_eq!((v.text.x, v.text.width, v.text.height), (1, 77, 21));
        assert_eq!((v.bar.x, v.bar.width), (79, 1));
        // Wide: 80 columns in the middle, the scroll bar beside them.
        let v = reading_view(Area { width: 120, ..body });
        assert_eq!((v.text.x, v.text.width, v.bar.x), (19, 80, 100));
        for width in 0..5 {
            let v = reading_view(Area { width, ..body });
            assert!(
                v.bar.x + v.bar.width <= width.max(v.bar.x),
                "{width}: {v:?}"
            );
        }
    }

    #[test]
    fn topics_stack_on_narrow_terminals() {
        let body = Area {
            x: 0,
            y: 1,
            width: 60,
            height: 20,
        };
        assert!(topics_split(body, 1).stacked);
        // Stacked, the list shows at least one row inside its border: a touch row is 3 tall.
        let short = Area { height: 12, ..body };
        assert_eq!(topics_split(short, 1).list.height, 4);
        assert_eq!(topics_split(short, 3).list.height, 5);
        assert_eq!(topics_split(Area { height: 4, ..body }, 3).list.height, 4);
        let s = topics_split(Area { width: 100, ..body }, 1);
        assert!(!s.stacked);
        assert_eq!(s.list.width + s.reader.width, 100);
    }
}
