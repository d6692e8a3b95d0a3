//! `update`: applies one action to the app, the only place state changes. The app's own actions
//! (idle, language, size, bookmarks) are handled here; the rest go to the search box, the popup
//! or the screen shown, each handed its own state and a read-only [`super::Cx`], and what they
//! ask for (a [`Nav`]) is made by [`App::navigate`]. Must not import `ratatui` or `crossterm`.

use super::{
    Action, App, Control, Nav, Overlay, Screen, home, mylist, overlay, saved, summary_screen,
};
use crate::summary::Subject;

/// Applies one action to the app. The only place state changes; what the new state shows is laid
/// out, and what the reader last looked at noted (for My list), before it returns.
pub fn update(app: &mut App<'_>, action: Action) -> Control {
    app.notice = None;
    let control = apply(app, action);
    app.settle();
    // What the reader is looking at, if it can be asked about, is offered when My list opens.
    if let Some(t) = mylist::here(app) {
        app.list.last_seen = Some(t);
    }
    saved::note(app);
    control
}

fn apply(app: &mut App<'_>, action: Action) -> Control {
    let nav = match action {
        Action::Quit => return Control::Quit,
        Action::IdleReset => return idle_reset(app),
        Action::SwitchLanguage => match app.languages {
            Some(l) if l.switch && l.one_at_a_time => return Control::Language(app.lang.other()),
            _ => {
                app.switch_language();
                None
            }
        },
        Action::IdleWarning(seconds) => {
            app.idle_warning = Some(seconds);
            None
        }
        Action::ContinueVisit => {
            app.idle_warning = None;
            None
        }
        Action::Resize(w, h) => {
            app.size = (w, h);
            let cx = cx!(app);
            app.topics.clamp(&cx);
            None
        }
        Action::AddToList => {
            // What the reader is looking at joins their questions (once).
            if let Some(t) = mylist::here(app) {
                app.picks.add_question(Subject::from_target(app.catalog, t));
            }
            None
        }
        Action::Bookmark => {
            saved::toggle_bookmark(app);
            None
        }
        Action::Done(outcome) => {
            summary_screen::done(&mut app.list, outcome);
            None
        }
        Action::StartVisit => Some(Nav::StartVisit),
        Action::OpenHelp => Some(Nav::Popup(Overlay::Help { scroll: 0 })),
        Action::OpenSearch if app.search_off => None,
        Action::OpenSearch => Some(Nav::OpenSearch),
        Action::Back => Some(Nav::Back),
        Action::GoHome => Some(Nav::Home),
        Action::Show(screen) => Some(Nav::Show(screen)),
        _ => dispatch(app, action),
    };
    nav.map_or(Control::Continue, |nav| app.navigate(nav))
}

/// A fresh visit: everything the visitor did goes, as if just started, in the language visits
/// start in.
fn idle_reset(app: &mut App<'_>) -> Control {
    let (search_off, can_print) = (app.search_off, app.can_print);
    let mut control = Control::Continue;
    let fresh = match app.languages {
        Some(langs) if langs.one_at_a_time => {
            // The pack shown stays until the loop swaps it for the start language's.
            if app.lang != langs.start {
                control = Control::Language(langs.start);
            }
            App::kiosk(app.catalog, app.index, app.size, app.clinic).with_languages(langs)
        }
        Some(langs) => match langs.get(langs.start) {
            Some((c, ix)) => App::kiosk(c, ix, app.size, app.clinic).with_languages(langs),
            None => App::kiosk(app.catalog, app.index, app.size, app.clinic),
        },
        None => App::kiosk(app.catalog, app.index, app.size, app.clinic),
    };
    *app = fresh;
    app.search_off = search_off;
    app.can_print = can_print;
    control
}

/// Hands an action to the top layer: the search box, else the popup, else the screen shown.
fn dispatch(app: &mut App<'_>, action: Action) -> Option<Nav> {
    if let Some(search) = app.search.as_mut() {
        return search.update(app.catalog, app.index, action);
    }
    if app.overlay.is_some() {
        let (_, inner, text) = overlay::frame(app, app.chrome().body);
        return app
            .overlay
            .as_mut()
            .and_then(|o| o.update(app.catalog, &text.1, inner, action));
    }
    match app.screen {
        Screen::Home => {
            let rows = saved::home_rows(app);
            home::update(&mut app.menu, app.catalog, &app.saved, &rows, action)
        }
        Screen::Welcome => None,
        Screen::MyList => app.list.update(app.catalog, &mut app.picks, action),
        Screen::Topics => {
            let cx = cx!(app);
            app.topics.update(&cx, action)
        }
        Screen::Compare => {
            let cx = cx!(app);
            app.compare.update(&cx, action)
        }
        Screen::Questions => {
            let cx = cx!(app);
            app.questions.update(&cx, action)
        }
        Screen::Summary => {
            let cx = cx!(app);
            summary_screen::update(&mut app.list, &cx, action)
        }
    }
}
