//! `update`: applies one action to the app, the only place state changes; each screen's own
//! actions go to its module, the home menu's and the popups' are here. Must not import `ratatui`
//! or `crossterm`.

use super::{
    Action, App, Control, Overlay, Pane, Screen, compare, mylist, overlay, questions, saved,
    search, summary_screen, topics,
};

/// Applies one action to the app. The only place state changes; what the new state shows is laid
/// out, and what the reader last looked at noted (for My list), before it returns.
pub fn update(app: &mut App<'_>, action: Action) -> Control {
    app.notice = None;
    let control = apply(app, action);
    app.settle();
    mylist::note_seen(app);
    saved::note(app);
    control
}

fn apply(app: &mut App<'_>, action: Action) -> Control {
    match action {
        Action::Quit => return Control::Quit,
        Action::StartVisit => {
            if app.screen == Screen::Welcome {
                app.screen = Screen::Home;
            }
        }
        Action::IdleWarning(seconds) => app.idle_warning = Some(seconds),
        Action::ContinueVisit => app.idle_warning = None,
        Action::IdleReset => {
            // Everything the visitor did goes: a fresh visit, as if just started, in the language
            // visits start in.
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
            return control;
        }
        Action::SwitchLanguage => match app.languages {
            Some(l) if l.switch && l.one_at_a_time => return Control::Language(app.lang.other()),
            _ => app.switch_language(),
        },
        Action::Resize(w, h) => {
            app.size = (w, h);
            topics::clamp(app);
        }
        Action::OpenHelp => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::OpenSearch if app.search_off => {}
        Action::OpenSearch => search::open(app),
        Action::Back => app.back(),
        Action::GoHome => {
            app.search = None;
            app.overlay = None;
            app.history.clear();
            app.screen = Screen::Home;
        }
        Action::Show(Screen::MyList) => mylist::open(app),
        Action::AddToList => mylist::add_here(app),
        Action::Bookmark => saved::toggle_bookmark(app),
        Action::Done(outcome) => summary_screen::done(app, outcome),
        Action::Show(screen) => {
            app.search = None;
            app.overlay = None;
            if screen != app.screen {
                app.remember();
                app.screen = screen;
            }
        }
        _ if app.search.is_some() => search::update(app, action),
        _ if app.overlay.is_some() => overlay_update(app, action),
        _ => match app.screen {
            Screen::Home => home_update(app, action),
            Screen::Welcome => {}
            Screen::Topics => topics::update(app, action),
            Screen::Compare => compare::update(app, action),
            Screen::Questions => questions::update(app, action),
            Screen::MyList => mylist::update(app, action),
            Screen::Summary => {
                return summary_screen::update(app, action)
                    .map_or(Control::Continue, Control::Effect);
            }
        },
    }
    Control::Continue
}

fn home_update(app: &mut App<'_>, action: Action) {
    let last = saved::home_rows(app).len() - 1;
    match action {
        Action::Up => app.menu = app.menu.min(last).saturating_sub(1),
        Action::Down => app.menu = (app.menu + 1).min(last),
        Action::First => app.menu = 0,
        Action::Last => app.menu = last,
        Action::Activate => app.open_row(app.menu),
        Action::Menu(n) => app.open_menu(n),
        Action::Pick(Pane::Menu, i) => app.open_row(i),
        _ => {}
    }
}

fn overlay_update(app: &mut App<'_>, action: Action) {
    let room = overlay::room(app);
    let Some(overlay) = app.overlay.as_mut() else {
        return;
    };
    let scroll = match overlay {
        Overlay::Help { scroll }
        | Overlay::Glossary { scroll, .. }
        | Overlay::Cell { scroll, .. } => scroll,
    };
    match action {
        Action::Up | Action::WheelUp(_) => *scroll = scroll.saturating_sub(1),
        Action::Down | Action::WheelDown(_) => *scroll = scroll.saturating_add(1).min(room),
        Action::PageUp => *scroll = scroll.saturating_sub(10),
        Action::PageDown => *scroll = scroll.saturating_add(10).min(room),
        Action::NextLink => overlay::move_link(app, true),
        Action::PrevLink => overlay::move_link(app, false),
        Action::PickLink(l) => overlay::follow_link(app, l),
        Action::Activate => match app.overlay {
            // Enter on a link follows it; on a cell it opens the item's topic; anywhere else it
            // closes the popup.
            Some(Overlay::Glossary { link: Some(l), .. }) => overlay::follow_link(app, l),
            Some(Overlay::Cell { col, .. }) => {
                app.overlay = None;
                compare::open_column_topic(app, col);
            }
            _ => app.overlay = None,
        },
        Action::Pick(Pane::Popup, _) => app.overlay = None,
        _ => {}
    }
}
