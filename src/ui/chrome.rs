//! What every screen has around it: the title bar and its buttons (Back, the screens, the other
//! language, My list), the footer (key hints from the key table, or a kiosk's sentence) and the
//! crisis strip. Reads the app, never changes it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{Theme, area, put, put_lines, rect};
use crate::app::{App, Screen};
use crate::keymap;
use crate::layout::Area;

pub(super) fn draw_crisis(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) {
    if r.height == 0 {
        return;
    }
    buf.set_style(r, theme.crisis);
    let lines = crate::wrap::wrap_plain(&app.catalog.meta.crisis, usize::from(r.width));
    for (i, l) in lines.iter().take(usize::from(r.height)).enumerate() {
        let y = r.y + u16::try_from(i).unwrap_or(0);
        put(buf, r.x, y, l, usize::from(r.width), theme.crisis);
    }
}

/// A button in the title bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TitleButton {
    /// Go back (touch screens have no Esc key).
    Back,
    /// Show a screen.
    Show(Screen),
    /// Show the guide in the other language.
    Language,
}

/// The title bar's buttons: Back, then one per screen; each as tall as the bar.
pub(super) fn tabs(app: &App<'_>, r: Area) -> Vec<(TitleButton, String, Area)> {
    let ui = &app.catalog.ui;
    let mut out = Vec::new();
    if app.screen == Screen::Welcome {
        return out;
    }
    let my_list = ui
        .my_list
        .replace("{n}", &app.picks.questions.len().to_string());
    let mut x = r.x + u16::try_from(app.catalog.meta.title.width() + 3).unwrap_or(u16::MAX);
    let mut end = r.x + r.width;
    // The other language's button keeps its place at the right end, before any other is dropped:
    // a reader who cannot read this language must always find it.
    if app.languages.is_some_and(|l| l.switch) {
        let text = format!(" {} ", ui.other_language);
        let w = u16::try_from(text.width()).unwrap_or(u16::MAX);
        if x.saturating_add(w) <= end {
            end -= w;
            out.push((
                TitleButton::Language,
                text,
                Area {
                    x: end,
                    width: w,
                    ..r
                },
            ));
            end = end.saturating_sub(1);
        }
    }
    for (button, label) in [
        (TitleButton::Back, &ui.back),
        (TitleButton::Show(Screen::Home), &ui.home),
        (TitleButton::Show(Screen::Topics), &ui.topics),
        (TitleButton::Show(Screen::Compare), &ui.compare),
        (TitleButton::Show(Screen::Questions), &ui.questions),
        (TitleButton::Show(Screen::MyList), &my_list),
    ] {
        let mut text = format!(" {label} ");
        let mut w = u16::try_from(text.width()).unwrap_or(u16::MAX);
        if button == TitleButton::Show(Screen::MyList) && x.saturating_add(w) > end {
            // Short of room, My list goes without its count.
            text = format!(
                " {} ",
                ui.my_list.replace("({n})", "").replace("{n}", "").trim()
            );
            w = u16::try_from(text.width()).unwrap_or(u16::MAX);
        }
        if x.saturating_add(w) > end {
            break;
        }
        out.push((button, text, Area { x, width: w, ..r }));
        x += w + 1;
    }
    out
}

pub(super) fn draw_title(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) {
    if r.height == 0 {
        return;
    }
    buf.set_style(r, theme.title);
    let mid = r.y + r.height / 2;
    put(
        buf,
        r.x + 1,
        mid,
        &app.catalog.meta.title,
        usize::from(r.width.saturating_sub(1)),
        theme.title,
    );
    for (button, label, a) in tabs(app, area(r)) {
        let style = if button == TitleButton::Show(app.screen) {
            theme.tab_active
        } else {
            theme.button
        };
        buf.set_style(rect(a), style);
        put(buf, a.x, mid, &label, usize::from(a.width), style);
    }
}

pub(super) fn draw_footer(app: &App<'_>, r: Rect, buf: &mut Buffer, theme: &Theme) {
    if r.height == 0 {
        return;
    }
    if let Some(text) = app.footer_sentence() {
        // A touch screen: say what to touch, not which key to press; wrapped, and where the rows
        // run out, cut with "…" rather than in half a word.
        let mut lines = crate::app::footer_lines(text, r.width);
        let rows = usize::from(r.height);
        if lines.len() > rows {
            let last = crate::wrap::fit_with(
                &lines[rows - 1..].join(" "),
                usize::from(r.width.saturating_sub(1)),
                theme.glyphs.ellipsis,
            );
            lines.truncate(rows - 1);
            lines.push(last);
        }
        let lines: Vec<Line<'_>> = lines
            .into_iter()
            .map(|l| Line::from(Span::styled(format!(" {l}"), theme.footer)))
            .collect();
        put_lines(buf, r, &lines, ratatui::style::Style::new());
        return;
    }
    if let Some(notice) = app.notice {
        // What the last key did (a bookmark made or taken off), in place of the hints until the
        // next key.
        let text = crate::app::saved::notice_text(app, notice);
        let text = crate::wrap::fit(&text, usize::from(r.width.saturating_sub(1)));
        let line = Line::from(vec![Span::raw(" "), Span::styled(text, theme.notice)]);
        put_lines(buf, r, &[line], ratatui::style::Style::new());
        return;
    }
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    // Whole hints only: one that does not fit is left for the help screen.
    for (keys, help) in keymap::hints_where(app.layer(), &|a| app.offers(a)) {
        let text = format!(" {}  ", app.catalog.ui.key_help(help));
        let w = keys.width() + text.trim_end().width();
        if used + w > usize::from(r.width) {
            break;
        }
        used += w + 2;
        spans.push(Span::styled(keys, theme.key));
        spans.push(Span::styled(text, theme.footer));
    }
    put_lines(buf, r, &[Line::from(spans)], ratatui::style::Style::new());
}
