//! Drawing the app: `render(&App, &mut Frame, &Theme)` draws the title bar, the screen, the footer
//! (from the key table) and the crisis strip; `mouse` turns a click or wheel at a cell into an
//! [`Action`] using the same geometry. Reads the app, never changes it. No `crossterm` here.

mod chrome;
mod compare;
pub mod glyphs;
mod home;
mod mylist;
mod paint;
mod popup;
mod questions;
mod search;
mod summary;
pub mod theme;
mod topics;
mod welcome;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::{Action, App, Pane, Screen};
use crate::layout::{self, Area};
use crate::page::PageLine;
use chrome::{TitleButton, draw_crisis, draw_footer, draw_title, tabs};
use paint::{block, centered, clear, layout_inner, more_signs, page_lines, put, put_lines, window};
pub use theme::Theme;

/// What the mouse did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    /// A left click (or a tap).
    Click,
    /// The wheel turned up.
    WheelUp,
    /// The wheel turned down.
    WheelDown,
}

/// Converts a layout area into a ratatui rectangle.
pub(crate) fn rect(a: Area) -> Rect {
    Rect::new(a.x, a.y, a.width, a.height)
}

/// Converts a ratatui rectangle into a layout area.
pub(crate) fn area(r: Rect) -> Area {
    Area {
        x: r.x,
        y: r.y,
        width: r.width,
        height: r.height,
    }
}

/// Draws the whole screen, and puts the terminal's cursor where the focus is: on the selected
/// row, control, cell or result, or the focused link, at its first column (else at the top of the
/// pane being read), so a magnifier or screen reader that follows the cursor follows the reader.
/// Whether the cursor is also shown is the terminal code's choice (`tui`, `--cursor`).
pub fn render(app: &App<'_>, frame: &mut Frame<'_>, theme: &Theme) {
    let full = frame.area();
    // The frame starts blank: ratatui resets the buffer after every draw. The theme's ground goes
    // under everything (a high-contrast frame is black wherever nothing else is drawn).
    let buf = frame.buffer_mut();
    if theme.base != ratatui::style::Style::new() {
        buf.set_style(full, theme.base);
    }
    let c = app.chrome();
    if full.width < layout::MIN_WIDTH || full.height < layout::MIN_HEIGHT {
        let rest = Rect {
            height: full.height.saturating_sub(c.crisis.height),
            ..full
        };
        Paragraph::new(wrapped(
            &app.catalog.ui.too_small,
            rest.width,
            ratatui::style::Style::new(),
        ))
        .render(rest, buf);
        draw_crisis(app, rect(c.crisis), buf, theme);
        finish(buf);
        frame.set_cursor_position(rest.as_position());
        return;
    }
    let body = rect(c.body);
    // Each layer drawn on top takes the focus from the one below.
    let mut focus = match app.screen {
        Screen::Home => home::render(app, body, buf, theme),
        Screen::Welcome => welcome::render(app, body, buf, theme),
        Screen::Topics => topics::render(app, body, buf, theme),
        Screen::Compare => compare::render(app, body, buf, theme),
        Screen::Questions => questions::render(app, body, buf, theme),
        Screen::MyList => mylist::render_list(app, body, buf, theme),
        Screen::Summary => summary::render(app, body, buf, theme),
    };
    if app.overlay.is_some() {
        focus = popup::render(app, body, buf, theme);
    }
    if app.search.is_some() {
        focus = search::render(app, body, buf, theme);
    }
    if let Some(seconds) = app.idle_warning {
        focus = welcome::still_reading(app, seconds, body, buf, theme);
    }
    // The fixed parts go last, so nothing a screen draws can ever cover the crisis line.
    draw_footer(app, rect(c.footer), buf, theme);
    draw_title(app, rect(c.title), buf, theme);
    draw_crisis(app, rect(c.crisis), buf, theme);
    finish(buf);
    // Drawn last, the fixed parts may cover a focus a screen placed under them.
    if let Some(at) = focus.filter(|p| body.contains(*p)) {
        frame.set_cursor_position(at);
    }
}

/// The last passes over a drawn frame, before ratatui compares it with the one on the terminal.
fn finish(buf: &mut Buffer) {
    scrub(buf);
    no_covered_cells(buf);
}

/// One printable ASCII character: one column wide and harmless, so the passes below skip it
/// (most cells of every frame).
fn is_plain(symbol: &str) -> bool {
    matches!(symbol.as_bytes(), [b' '..=b'~'])
}

/// The second line of defence after validation: no cell may carry a control character, escape
/// sequence or bidirectional override to the terminal, whatever text reached it.
fn scrub(buf: &mut Buffer) {
    for cell in &mut buf.content {
        if is_plain(cell.symbol()) {
            continue;
        }
        if cell.symbol().chars().any(crate::chars::is_forbidden_char) {
            let clean: String = cell
                .symbol()
                .chars()
                .filter(|c| !crate::chars::is_forbidden_char(*c))
                .collect();
            cell.set_symbol(if clean.is_empty() { " " } else { &clean });
        }
    }
}

/// No wide symbol may cover a cell that holds something else. In ratatui's buffer a wide symbol
/// sits in its first cell and the cells it covers are left blank (reset); its diff writes the symbol
/// and never those cells. When something is drawn over a covered cell afterwards (the left border
/// of a box whose edge falls on the second half of a wide character), the buffer shows both but the
/// terminal would show only the wide character, over the border. So a wide symbol whose covered
/// cells are not all blank, or which runs past the right edge, is blanked (its style kept).
fn no_covered_cells(buf: &mut Buffer) {
    use ratatui::buffer::CellWidth;
    let width = usize::from(buf.area.width);
    if width == 0 {
        return;
    }
    for row in buf.content.chunks_mut(width) {
        let mut x = 0;
        while x < row.len() {
            if is_plain(row[x].symbol()) {
                x += 1;
                continue;
            }
            let w = usize::from(row[x].cell_width()).max(1);
            if w > 1
                && !row
                    .get(x + 1..x + w)
                    .is_some_and(|covered| covered.iter().all(|c| c.symbol() == " "))
            {
                row[x].set_symbol(" ");
                x += 1;
                continue;
            }
            x += w;
        }
    }
}

/// `text` wrapped to `width` columns by the app's own wrapper, as lines in `style`; a line break
/// in the text starts a new line. (ratatui's `Paragraph` wrapping can end a line with a wide
/// character one column past its area: ratatui/ratatui#2679.)
fn wrapped(text: &str, width: u16, style: ratatui::style::Style) -> Vec<Line<'static>> {
    text.lines()
        .flat_map(|l| crate::wrap::wrap_plain(l, usize::from(width)))
        .map(|l| Line::from(Span::styled(l, style)))
        .collect()
}

/// `spans` cut to `width` columns, ending in `ellipsis` ("…", in the style of the span it cuts)
/// when cut, so a line too long for its box says that it goes on.
fn fit_line<'a>(spans: Vec<Span<'a>>, width: u16, ellipsis: &str) -> Vec<Span<'a>> {
    let width = usize::from(width);
    if spans.iter().map(|s| s.content.width()).sum::<usize>() <= width {
        return spans;
    }
    let mut room = width.saturating_sub(ellipsis.width());
    let mut out = Vec::with_capacity(spans.len());
    for mut span in spans {
        let w = span.content.width();
        if w <= room {
            room -= w;
            out.push(span);
            continue;
        }
        let (keep, _) = crate::wrap::head(&span.content, room);
        let mut text = span.content.into_owned();
        text.truncate(keep);
        text.push_str(ellipsis);
        span.content = text.into();
        out.push(span);
        break;
    }
    out
}

/// Turns a mouse event at (`col`, `row`) into an action, using the same geometry as [`render`].
#[must_use]
pub fn mouse(app: &App<'_>, kind: Mouse, col: u16, row: u16) -> Option<Action> {
    let c = app.chrome();
    if c.crisis.contains(col, row) || c.footer.contains(col, row) {
        return None;
    }
    if c.title.contains(col, row) {
        let hit = tabs(app, c.title)
            .into_iter()
            .find(|(_, _, a)| a.contains(col, row));
        return match (kind, hit) {
            (Mouse::Click, Some((TitleButton::Back, _, _))) => Some(Action::Back),
            (Mouse::Click, Some((TitleButton::Language, _, _))) => Some(Action::SwitchLanguage),
            (Mouse::Click, Some((TitleButton::Show(Screen::Home), _, _))) => Some(Action::GoHome),
            (Mouse::Click, Some((TitleButton::Show(screen), _, _))) => Some(Action::Show(screen)),
            _ => None,
        };
    }
    if app.idle_warning.is_some() {
        return (kind == Mouse::Click).then_some(Action::ContinueVisit);
    }
    if app.search.is_some() {
        return search::mouse(app, c.body, kind, col, row);
    }
    if app.overlay.is_some() {
        return Some(popup::mouse(app, c.body, kind, col, row));
    }
    match app.screen {
        Screen::Home => home::mouse(app, c.body, kind, col, row),
        Screen::Welcome => (kind == Mouse::Click).then_some(Action::StartVisit),
        Screen::Topics => topics::mouse(app, c.body, kind, col, row),
        Screen::Compare => compare::mouse(app, c.body, kind, col, row),
        Screen::Questions => questions::mouse(app, c.body, kind, col, row),
        Screen::MyList => mylist::mouse_list(app, c.body, kind, col, row),
        Screen::Summary => summary::mouse(app, c.body, kind, col, row),
    }
}

/// The link under column `col` of a laid-out `line` whose text starts at column `x` (before its
/// indent): how topics, answers and popups turn a click into [`Action::PickLink`].
fn link_at(line: &PageLine, x: u16, col: u16) -> Option<usize> {
    let mut x = x + u16::try_from(line.line.indent).unwrap_or(0);
    for s in &line.line.spans {
        let w = u16::try_from(unicode_width::UnicodeWidthStr::width(s.text.as_str())).unwrap_or(0);
        if col >= x && col < x + w {
            return s.link;
        }
        x += w;
    }
    None
}

/// Where link `focus` starts among laid-out `lines` drawn into `area`, one per row from its top,
/// each from its left column after its indent (as [`link_at`] reads them), if it is among them:
/// where the terminal's cursor goes while a link has the focus.
fn link_position(lines: &[PageLine], area: Rect, focus: Option<usize>) -> Option<Position> {
    let focus = focus?;
    for (y, line) in (area.y..area.bottom()).zip(lines) {
        let mut x = area.x + u16::try_from(line.line.indent).unwrap_or(0);
        for s in &line.line.spans {
            if s.link == Some(focus) {
                return (x < area.right()).then_some(Position::new(x, y));
            }
            x += u16::try_from(s.text.width()).unwrap_or(0);
        }
    }
    None
}

/// The wheel action for a pane, if the event is a wheel turn.
fn wheel(kind: Mouse, pane: Pane) -> Option<Action> {
    match kind {
        Mouse::WheelUp => Some(Action::WheelUp(pane)),
        Mouse::WheelDown => Some(Action::WheelDown(pane)),
        Mouse::Click => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_removes_what_a_cell_was_given_directly() {
        // ratatui's set_string already drops control characters; a symbol set on a cell directly
        // does not pass that filter, so scrub is the layer that catches it.
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        buf[(0, 0)].set_symbol("\u{1b}]52;x\u{7}");
        buf[(1, 0)].set_symbol("\u{202E}");
        buf[(2, 0)].set_symbol("é");
        scrub(&mut buf);
        assert_eq!(buf[(0, 0)].symbol(), "]52;x");
        assert_eq!(buf[(1, 0)].symbol(), " ");
        assert_eq!(buf[(2, 0)].symbol(), "é");
    }

    #[test]
    fn put_writes_the_cells_ratatui_would() {
        let style = ratatui::style::Style::new().fg(ratatui::style::Color::Cyan);
        let texts = [
            "plain words",
            "tab\there\r\nand bell\u{7}",
            "",
            "x",
            "日本 mixed",
        ];
        for text in texts {
            for (x, width) in [(0, 20), (3, 4), (10, 99), (11, 1), (2, 0)] {
                let area = Rect::new(0, 0, 12, 1);
                let (mut ours, mut theirs) = (Buffer::empty(area), Buffer::empty(area));
                put(&mut ours, x, 0, text, width, style);
                let room = usize::from(12 - x).min(width);
                theirs.set_stringn(x, 0, text, room, style);
                assert_eq!(ours, theirs, "{text:?} at {x}, {width} columns");
            }
        }
    }

    #[test]
    fn a_line_too_long_ends_in_an_ellipsis_in_the_style_it_cuts() {
        use ratatui::style::{Color, Style};
        let (a, b) = (Style::new().fg(Color::Cyan), Style::new().fg(Color::Yellow));
        let line = || vec![Span::styled("Topic: ", a), Span::styled("Sertraline", b)];
        let shown = |spans: &[Span<'_>]| -> Vec<(String, Style)> {
            spans
                .iter()
                .map(|s| (s.content.to_string(), s.style))
                .collect()
        };
        // It fits: unchanged, to the column.
        assert_eq!(shown(&fit_line(line(), 17, "…")), shown(&line()));
        // Cut inside the second span: the "…" takes its style and the last column.
        assert_eq!(
            shown(&fit_line(line(), 12, "…")),
            [("Topic: ".to_string(), a), ("Sert…".to_string(), b)]
        );
        // Cut exactly where the first span ends: the second is only the "…".
        assert_eq!(
            shown(&fit_line(line(), 8, "…")),
            [("Topic: ".to_string(), a), ("…".to_string(), b)]
        );
        // A wide character that would straddle the edge is left out whole.
        let wide = fit_line(vec![Span::raw("ab日本")], 4, "…");
        assert_eq!(shown(&wide), [("ab…".to_string(), Style::new())]);
    }

    #[test]
    fn put_lines_draws_what_a_paragraph_draws() {
        use ratatui::style::{Color, Modifier, Style};
        let lines = vec![
            Line::from(vec![
                Span::raw("  "),
                Span::styled("Bold start", Style::new().add_modifier(Modifier::BOLD)),
                Span::styled(" then a link", Style::new().fg(Color::Cyan)),
            ]),
            Line::from(""),
            Line::from("抗うつ薬 and 💊 wide text that runs past the edge of the area"),
            Line::from(vec![Span::raw("ascii "), Span::raw("é accents")])
                .style(Style::new().fg(Color::Red)),
            Line::from("one line too many"),
        ];
        let bases = [Style::new(), Style::new().bg(Color::Blue).fg(Color::White)];
        for area in [
            Rect::new(1, 1, 30, 3),
            Rect::new(0, 0, 12, 6),
            Rect::new(2, 0, 1, 5),
            Rect::new(20, 4, 20, 4),
        ] {
            for base in bases {
                let whole = Rect::new(0, 0, 32, 6);
                let (mut ours, mut theirs) = (Buffer::empty(whole), Buffer::empty(whole));
                put_lines(&mut ours, area, &lines, base);
                Paragraph::new(lines.clone())
                    .style(base)
                    .render(area, &mut theirs);
                assert_eq!(ours, theirs, "{area:?} {base:?}");
            }
        }
    }

    #[test]
    fn wrapped_lines_fit_their_width() {
        let text = "抗うつ薬 (antidepressants) 💊, ketamine 🧠 and more: plain facts, 平易な説明.";
        for width in 8..60u16 {
            let lines = wrapped(text, width, ratatui::style::Style::new());
            for l in &lines {
                assert!(l.width() <= usize::from(width), "{width}: {l:?}");
            }
            let joined: String = lines.iter().map(ToString::to_string).collect();
            assert_eq!(
                joined.replace(' ', ""),
                text.replace(' ', ""),
                "{width}: characters lost"
            );
        }
        assert_eq!(
            wrapped("one\ntwo", 20, ratatui::style::Style::new()).len(),
            2
        );
    }

    #[test]
    fn a_wide_symbol_never_covers_a_cell_drawn_over_it() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 2));
        // Row 0: a box border drawn over the second half of "抗"; "薬" whole; "🧠" at the edge
        // with its second half off the buffer (set by hand: ratatui would not write it).
        buf.set_string(
            0,
            0,
            "抗薬",
            ratatui::style::Style::new().fg(ratatui::style::Color::Red),
        );
        buf[(1, 0)].set_symbol("│");
        buf[(7, 0)].set_symbol("🧠");
        // Row 1: a flag with a VS16 emoji after it, both whole.
        buf.set_string(0, 1, "🇯🇵⚕\u{fe0f}a", ratatui::style::Style::new());
        let before_row_1: Vec<String> = (0..8).map(|x| buf[(x, 1)].symbol().to_string()).collect();
        no_covered_cells(&mut buf);
        let row = |y| (0..8).map(|x| buf[(x, y)].symbol()).collect::<Vec<_>>();
        assert_eq!(row(0), [" ", "│", "薬", " ", " ", " ", " ", " "]);
        assert_eq!(
            buf[(0, 0)].fg,
            ratatui::style::Color::Red,
            "the style stays"
        );
        assert_eq!(row(1), before_row_1);
    }
}
