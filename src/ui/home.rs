//! The home screen: what the guide offers, the menu (digit, arrows or click), the disclaimer.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{Mouse, Theme, area, put_lines, wrapped};
use crate::app::saved::{self, HomeRow, home_rows};
use crate::app::{Action, App, Pane};
use crate::layout::Area;

/// Where the tagline (if it has room), each menu entry with its hint lines, and the disclaimer
/// go. Hints wrap; when the screen is short the tagline goes first, then the hints, so every
/// entry and the disclaimer keep a place. Entries that still do not fit are left off the end.
struct Geo {
    tagline: Option<Area>,
    entries: Vec<(usize, Area, Vec<String>)>,
    disclaimer: Area,
    /// Entries left off the start.
    above: bool,
    /// Entries left off the end.
    hidden: bool,
}

fn geometry(app: &App<'_>, r: Area) -> Geo {
    let mode = app.mode;
    let width = r.width.min(76);
    let x = r.x + (r.width - width) / 2;
    let hint_w = usize::from(width.saturating_sub(HINT_INDENT)).max(1);
    // Under each entry its hint, under "Continue reading" the section it reached; a bookmark is
    // one line.
    let hints: Vec<Vec<String>> = home_rows(app)
        .into_iter()
        .map(|row| {
            let hint = match row {
                HomeRow::Entry(i) => app.catalog.ui.home_hints.get(i).map(String::as_str),
                HomeRow::Continue => app.saved.last.and_then(|s| saved::spot_section(app, s)),
                HomeRow::Bookmark(_) => None,
            };
            hint.map_or_else(Vec::new, |h| crate::wrap::wrap_plain(h, hint_w))
        })
        .collect();
    let disclaimer_h = u16::try_from(
        crate::wrap::wrap_plain(&app.catalog.meta.disclaimer, usize::from(width)).len(),
    )
    .unwrap_or(2);
    let tall = |with_hints: bool| -> Vec<u16> {
        hints
            .iter()
            .map(|h| {
                let lines = if with_hints { 1 + h.len() } else { 1 };
                u16::try_from(lines).unwrap_or(2).max(mode.target_rows())
            })
            .collect()
    };
    let sum = |v: &[u16]| v.iter().copied().fold(0u16, u16::saturating_add);
    let with_hints = tall(true);
    let fits = |tagline: u16, v: &[u16]| tagline + sum(v) + 1 + disclaimer_h <= r.height;
    let (tagline_h, heights, show_hints) = if fits(3, &with_hints) {
        (3, with_hints, true)
    } else if fits(0, &with_hints) {
        (0, with_hints, true)
    } else {
        // Hints go only if that saves rows (a touch target is as tall with its hint).
        let bare = tall(false);
        let keep = sum(&bare) == sum(&with_hints);
        (0, bare, keep)
    };
    let needed = tagline_h + sum(&heights) + 1 + disclaimer_h;
    let top = r.y + r.height.saturating_sub(needed) / 2;
    let tagline = (tagline_h > 0).then_some(Area {
        x,
        y: top,
        width,
        height: 2,
    });
    let bottom = r.y + r.height;
    let room = bottom
        .saturating_sub(1 + disclaimer_h)
        .saturating_sub(top + tagline_h);
    // The entries shown start early enough that the selected one is among them.
    let mut first = app.menu.min(heights.len().saturating_sub(1));
    let mut used = heights.get(first).copied().unwrap_or(0);
    while first > 0 && used + heights[first - 1] <= room {
        first -= 1;
        used += heights[first];
    }
    let mut y = top + tagline_h;
    let mut entries = Vec::new();
    let mut hidden = false;
    for (i, (h, hint)) in heights.iter().zip(&hints).enumerate().skip(first) {
        if y + h > top + tagline_h + room && !entries.is_empty() {
            hidden = true;
            break;
        }
        let lines = if show_hints { hint.clone() } else { Vec::new() };
        entries.push((
            i,
            Area {
                x,
                y,
                width,
                height: *h,
            },
            lines,
        ));
        y += h;
    }
    let disclaimer = Area {
        x,
        y: (y + 1).min(bottom.saturating_sub(disclaimer_h)),
        width,
        height: disclaimer_h,
    };
    Geo {
        tagline,
        above: first > 0,
        entries,
        disclaimer,
        hidden,
    }
}

/// Columns a hint is indented under its entry's name.
const HINT_INDENT: u16 = 5;

fn clip(a: Area, r: Rect) -> Rect {
    super::rect(a).intersection(r)
}

/// Draws the home screen; returns where the selected entry starts (for the terminal's cursor).
pub fn render(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) -> Option<Position> {
    let ui = &app.catalog.ui;
    let g = geometry(app, area(r));
    if let Some(t) = g.tagline {
        text_block(&app.catalog.meta.tagline, clip(t, r), theme.summary, buf);
    }
    let my_list = ui
        .my_list
        .replace("{n}", &app.picks.questions.len().to_string());
    let names = [
        &ui.topics,
        &ui.compare,
        &ui.questions,
        &ui.search,
        &my_list,
        &ui.help,
    ];
    let entries = app.menu_entries();
    let rows = home_rows(app);
    let mut focus = None;
    for (i, a, hint) in &g.entries {
        let (i, a) = (*i, a);
        let selected = i == app.menu;
        let at = clip(*a, r);
        if selected && !at.is_empty() {
            focus = Some(at.as_position());
        }
        let marker = if selected { theme.glyphs.marker } else { "  " };
        let style = if selected {
            theme.selected
        } else {
            theme.heading
        };
        let indent = " ".repeat(usize::from(HINT_INDENT));
        let label = row_label(app, rows[i], &entries, &names);
        // A title too long for the row ends in "…".
        let room = usize::from(a.width).saturating_sub(theme.glyphs.marker.width());
        let label = crate::wrap::fit_with(&label, room, theme.glyphs.ellipsis);
        let mut lines = vec![Line::from(vec![Span::styled(
            format!("{marker}{label}"),
            style,
        )])];
        lines.extend(
            hint.iter()
                .map(|l| Line::from(Span::styled(format!("{indent}{l}"), theme.meta))),
        );
        put_lines(buf, at, &lines, ratatui::style::Style::new());
    }
    if let (Some((_, first, _)), Some((_, last, _))) = (g.entries.first(), g.entries.last()) {
        super::more_signs(
            app,
            buf,
            last.x + last.width,
            (first.y, g.above),
            (last.y, g.hidden),
            theme,
        );
    }
    text_block(
        &app.catalog.meta.disclaimer,
        clip(g.disclaimer, r),
        theme.notice,
        buf,
    );
    focus
}

/// The words of a Home row: an entry with its digit, "Continue reading" or a bookmark with its
/// title.
fn row_label(app: &App<'_>, row: HomeRow, entries: &[usize], names: &[&String; 6]) -> String {
    let ui = &app.catalog.ui;
    match row {
        HomeRow::Entry(entry) => {
            let n = entries.iter().position(|&x| x == entry).unwrap_or(0) + 1;
            format!("{n}  {}", names[entry])
        }
        HomeRow::Continue => app.saved.last.map_or_else(String::new, |spot| {
            ui.continue_reading
                .replace("{what}", &saved::spot_title(app, spot))
        }),
        HomeRow::Bookmark(k) => app.saved.bookmarks.get(k).map_or_else(String::new, |&b| {
            ui.bookmark_entry
                .replace("{what}", &saved::bookmark_title(app, b))
        }),
    }
}

/// `text` wrapped into `area` in `style`.
fn text_block(text: &str, area: Rect, style: ratatui::style::Style, buf: &mut Buffer) {
    put_lines(buf, area, &wrapped(text, area.width, style), style);
}

/// The action for a mouse event on the home screen.
pub fn mouse(app: &App<'_>, body: Area, kind: Mouse, col: u16, row: u16) -> Option<Action> {
    let g = geometry(app, body);
    match kind {
        Mouse::Click => g
            .entries
            .iter()
            .find(|(_, a, _)| a.contains(col, row))
            .map(|(i, _, _)| Action::Pick(Pane::Menu, *i)),
        _ => None,
    }
}
