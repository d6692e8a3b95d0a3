//! The summary screen: its QR codes (stepped with ←/→) or its text, the bar of buttons above them
//! (reached with ↑, or by touch), printing through the configured command, and at home saving to
//! a file named in a one-line field. Printing and saving are asked of the event loop as an
//! [`Effect`]; the [`Outcome`] comes back as [`Action::Done`] and is shown until the next action.
//! Must not import `ratatui` or `crossterm`.

use std::path::PathBuf;
use std::sync::Arc;

use super::effect::{Effect, Failure, Outcome, numbered};
use super::{Action, App, Cx, ListState, Mode, Nav, Pane, Screen};
use crate::layout::Area;
use crate::summary;

/// Where the save field starts: a Markdown file in the folder the guide was started from.
pub const DEFAULT_SAVE_PATH: &str = "./moodguide-summary.md";
/// Columns of the text that goes to the printer or to a `.txt` file.
pub const PAPER_WIDTH: usize = 72;
/// The most characters the save field takes (a pasted storm cannot grow it without bound).
pub const PATH_CAP: usize = 1024;

/// A button of the summary screen's bar, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    /// Back, where the title bar (and its Back) gives its rows to the code.
    Back,
    /// The code before (when there are several).
    Prev,
    /// The code's number ("2 of 5"); pressing it shows the text.
    Part,
    /// The code after.
    Next,
    /// The text instead of the code, or the code instead of the text.
    Toggle,
    /// Send the summary to the print command (when one is configured).
    Print,
    /// Save the summary to a file (at home; never in a kiosk).
    Save,
}

/// What the screen says about printing or saving, until the next action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The print command has the summary; waiting for it to end.
    Printing,
    /// The summary is being written to this file.
    Saving(PathBuf),
    /// The print command took the summary.
    Printed,
    /// The summary was saved to this file.
    Saved(PathBuf),
    /// Printing did not work.
    PrintFailed(Failure),
    /// Saving did not work.
    SaveFailed(Failure),
}

/// The buttons of the bar as they are now (see [`buttons_of`]).
#[must_use]
pub fn buttons(app: &App<'_>) -> Vec<Button> {
    buttons_of(&app.list, &Cx::of(app))
}

/// Whether the summary shows its QR code, so the title bar gives its rows to it (as
/// [`App::code_shown`], for summary state `s`).
fn code_shown(s: &ListState, cx: &Cx<'_, '_>) -> bool {
    cx.screen == Screen::Summary && !s.as_text && s.save.is_none()
}

/// Where the summary screen draws for summary state `s` (the title bar's rows too, while the
/// code shows).
fn body(s: &ListState, cx: &Cx<'_, '_>) -> Area {
    if code_shown(s, cx) {
        cx.titled.without_title().body
    } else {
        cx.titled.body
    }
}

/// The buttons of the bar for summary state `s`: none while the save field is open (keys and
/// touch are for the field then); else Back while the code hides the title bar, the code's ◀,
/// number and ▶ when it takes several codes and a code shows, text or code when a code fits,
/// Print when a command is configured, Save except in a kiosk.
#[must_use]
pub fn buttons_of(s: &ListState, cx: &Cx<'_, '_>) -> Vec<Button> {
    if s.save.is_some() {
        return Vec::new();
    }
    let parts = view_of(s, cx).parts.len();
    let mut out = Vec::new();
    if code_shown(s, cx) {
        out.push(Button::Back);
    }
    if code_shown(s, cx) && parts > 1 {
        out.extend([Button::Prev, Button::Part, Button::Next]);
    }
    if parts > 0 {
        out.push(Button::Toggle);
    }
    if cx.can_print {
        out.push(Button::Print);
    }
    if cx.mode != Mode::Kiosk {
        out.push(Button::Save);
    }
    out
}

/// Starts the summary screen afresh: the first code, no button focused, nothing to say.
pub fn enter(s: &mut ListState) {
    s.part = 0;
    s.as_text = false;
    s.scroll = 0;
    s.bar = None;
    s.save = None;
    s.notice = None;
}

/// The summary as the text its QR codes hold (not wrapped).
#[must_use]
pub fn payload(app: &App<'_>) -> String {
    summary::to_text(&summary::build(app.catalog, &app.picks), 0)
}

/// Handles an action on the summary screen (whose state is part of `s`); printing and saving
/// are asked of the event loop ([`Nav::Effect`]), and Back of `App::navigate`.
pub fn update(s: &mut ListState, cx: &Cx<'_, '_>, action: Action) -> Option<Nav> {
    if s.save.is_some() {
        return save_field(s, cx, action);
    }
    // What the last print or save did is said until the next action.
    if !matches!(action, Action::Resize(..)) {
        s.notice = None;
    }
    match action {
        Action::Print => return print(s, cx),
        Action::Save => open_save(s, cx),
        Action::Pick(Pane::Buttons, k) => {
            let pressed = buttons_of(s, cx).get(k).copied();
            return pressed.and_then(|b| press(s, cx, b));
        }
        _ if s.bar.is_some() => return bar_update(s, cx, action),
        _ => body_update(s, cx, action),
    }
    None
}

/// Keys while the code or the text has them: ←/→ step through the codes, Enter switches between
/// code and text, ↑/↓ scroll the text, and ↑ at its top goes up to the bar.
fn body_update(s: &mut ListState, cx: &Cx<'_, '_>, action: Action) {
    let view = view_of(s, cx);
    let parts = view.parts.len();
    let room = view.lines.len().saturating_sub(usize::from(view.rows));
    let to_bar = !s.as_text || s.scroll == 0;
    let first = buttons_of(s, cx)
        .iter()
        .copied()
        .find(|b| *b == Button::Toggle)
        .or_else(|| buttons_of(s, cx).first().copied());
    match action {
        Action::Left | Action::PrevQuestion => s.part = s.part.saturating_sub(1),
        Action::Right | Action::NextQuestion => s.part = (s.part + 1).min(parts.saturating_sub(1)),
        Action::Activate | Action::Toggle => {
            s.as_text = !s.as_text;
            s.scroll = 0;
        }
        Action::Up if to_bar => s.bar = first,
        Action::Up | Action::WheelUp(_) => s.scroll = s.scroll.saturating_sub(1),
        Action::Down | Action::WheelDown(_) => s.scroll += 1,
        Action::PageUp => s.scroll = s.scroll.saturating_sub(10),
        Action::PageDown => s.scroll += 10,
        _ => {}
    }
    s.scroll = s.scroll.min(room);
    // With no code that fits, the text is what shows.
    if parts == 0 {
        s.as_text = true;
    }
}

/// Keys while a button of the bar has the focus: ←/→ move along the bar, Enter presses the
/// button, ↓ goes back down to the code or the text.
fn bar_update(s: &mut ListState, cx: &Cx<'_, '_>, action: Action) -> Option<Nav> {
    let all = buttons_of(s, cx);
    let at = s
        .bar
        .and_then(|b| all.iter().position(|x| *x == b))
        .unwrap_or(0);
    match action {
        Action::Left => s.bar = all.get(at.saturating_sub(1)).copied(),
        Action::Right => s.bar = all.get((at + 1).min(all.len().saturating_sub(1))).copied(),
        Action::Down => s.bar = None,
        Action::Activate | Action::Toggle => {
            let pressed = all.get(at).copied();
            return pressed.and_then(|b| press(s, cx, b));
        }
        Action::WheelUp(_) | Action::WheelDown(_) => {
            let focus = s.bar;
            body_update(s, cx, action);
            s.bar = focus;
        }
        _ => {}
    }
    None
}

/// Presses a button of the bar (by key or by touch). A focused button that goes away (◀ once the
/// text shows) hands the focus to the text-or-code button.
fn press(s: &mut ListState, cx: &Cx<'_, '_>, button: Button) -> Option<Nav> {
    let parts = view_of(s, cx).parts.len();
    let nav = match button {
        Button::Back => return Some(Nav::Back),
        Button::Prev => {
            s.part = s.part.saturating_sub(1);
            None
        }
        Button::Next => {
            s.part = (s.part + 1).min(parts.saturating_sub(1));
            None
        }
        Button::Part | Button::Toggle => {
            s.as_text = !s.as_text;
            s.scroll = 0;
            None
        }
        Button::Print => print(s, cx),
        Button::Save => {
            open_save(s, cx);
            None
        }
    };
    if let Some(b) = s.bar
        && !buttons_of(s, cx).contains(&b)
    {
        s.bar = Some(Button::Toggle);
    }
    nav
}

/// The summary as it goes on paper: plain text wrapped to [`PAPER_WIDTH`].
#[must_use]
pub fn paper_text(app: &App<'_>) -> String {
    paper(&Cx::of(app))
}

fn paper(cx: &Cx<'_, '_>) -> String {
    summary::to_text(&summary::build(cx.catalog, cx.picks), PAPER_WIDTH)
}

/// Asks the loop to print, when a command is configured.
fn print(s: &mut ListState, cx: &Cx<'_, '_>) -> Option<Nav> {
    if !cx.can_print {
        return None;
    }
    s.notice = Some(Notice::Printing);
    Some(Nav::Effect(Effect::Print(paper(cx))))
}

/// Opens the field that asks where to save (never in a kiosk, which writes no file).
fn open_save(s: &mut ListState, cx: &Cx<'_, '_>) {
    if cx.mode == Mode::Kiosk {
        return;
    }
    s.save = Some(DEFAULT_SAVE_PATH.to_string());
}

/// Keys while the save field is open: typing edits the name, Enter saves, Esc (Back, handled
/// with the other ways back) closes the field.
fn save_field(s: &mut ListState, cx: &Cx<'_, '_>, action: Action) -> Option<Nav> {
    let field = s.save.as_mut()?;
    match action {
        Action::Type(c) if !c.is_control() && field.chars().count() < PATH_CAP => field.push(c),
        Action::DeleteChar => {
            field.pop();
        }
        Action::ClearQuery => field.clear(),
        Action::Activate if !field.trim().is_empty() => {
            let path = PathBuf::from(field.trim());
            s.save = None;
            let built = summary::build(cx.catalog, cx.picks);
            let plain = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
            let text = if plain {
                summary::to_text(&built, PAPER_WIDTH)
            } else {
                summary::to_markdown(&built)
            };
            s.notice = Some(Notice::Saving(path.clone()));
            return Some(Nav::Effect(Effect::Save { path, text }));
        }
        _ => {}
    }
    None
}

/// What the loop did with the last effect, said on the screen until the next action.
pub fn done(s: &mut ListState, outcome: Outcome) {
    let notice = match (s.notice.take(), outcome) {
        (Some(Notice::Printing), Outcome::Printed) => Notice::Printed,
        (Some(Notice::Printing), Outcome::Failed(f)) => Notice::PrintFailed(f),
        (Some(Notice::Saving(path)), Outcome::Saved { number }) => {
            Notice::Saved(numbered(&path, number))
        }
        (Some(Notice::Saving(_)), Outcome::Failed(f)) => Notice::SaveFailed(f),
        // Nothing was asked: nothing to say.
        (other, _) => {
            s.notice = other;
            return;
        }
    };
    s.notice = Some(notice);
}

/// The summary screen laid out for the body: the text wrapped to its width, and the QR codes
/// that fit below the one-row bar (none when the screen is too small for any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryView {
    /// The summary as wrapped lines, for the text view.
    pub lines: Vec<String>,
    /// The codes, each with the text it holds.
    pub parts: Vec<summary::qr::Part>,
    /// Rows under the bar.
    pub rows: u16,
}

/// What the summary screen's layout depends on: what the reader picked, and the body's width and
/// height (the language is the catalog's; a switch forgets every laid-out value).
pub type ViewKey = (summary::Picks, u16, u16);

/// The key of the summary screen's layout now.
#[must_use]
pub fn view_key(app: &App<'_>) -> ViewKey {
    key_of(&app.list, &Cx::of(app))
}

/// The key of the summary screen's layout for summary state `s`.
fn key_of(s: &ListState, cx: &Cx<'_, '_>) -> ViewKey {
    let body = body(s, cx);
    (cx.picks.clone(), body.width, body.height)
}

/// Lays the summary screen out for `key`: builds the summary, wraps its text and encodes its
/// codes (the dear part, done by `App::settle` once per change, not per frame).
#[must_use]
pub fn make_view(c: &crate::content::Catalog, key: &ViewKey) -> SummaryView {
    let (picks, width, height) = key;
    let rows = height.saturating_sub(1);
    let built = summary::build(c, picks);
    let lines = summary::to_text(&built, usize::from(width.saturating_sub(2)).max(1))
        .lines()
        .map(str::to_string)
        .collect();
    let parts = summary::qr::parts(
        &summary::to_text(&built, 0),
        usize::from(*width),
        usize::from(rows),
        &c.ui.summary_part,
    )
    .unwrap_or_default();
    SummaryView { lines, parts, rows }
}

/// The summary screen for the current state and size: the one `App::settle` laid out (made now,
/// and not kept, only when the state has changed since).
#[must_use]
pub fn summary_view(app: &App<'_>) -> Arc<SummaryView> {
    view_of(&app.list, &Cx::of(app))
}

/// The summary screen laid out for summary state `s` (see [`summary_view`]).
fn view_of(s: &ListState, cx: &Cx<'_, '_>) -> Arc<SummaryView> {
    let key = key_of(s, cx);
    cx.laid.summary.get(&key, || make_view(cx.catalog, &key))
}
