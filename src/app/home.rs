//! The home menu: its entries ([`MENU`]), which of them show, and its keys ([`update`]): the
//! selection moves here, and what a chosen row opens is asked of [`super::App::navigate`]. Must
//! not import `ratatui` or `crossterm`.

use super::saved::{Bookmark, HomeRow, Saved};
use super::{Action, App, Go, Nav, Pane};
use crate::content::Catalog;

/// Entries of the home menu, in order.
pub const MENU: [MenuEntry; crate::content::HOME_ENTRIES] = [
    MenuEntry::Topics,
    MenuEntry::Compare,
    MenuEntry::Questions,
    MenuEntry::Search,
    MenuEntry::MyList,
    MenuEntry::Help,
];

/// A home menu entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuEntry {
    /// The topic browser.
    Topics,
    /// The comparison tables.
    Compare,
    /// The questions tree.
    Questions,
    /// Search.
    Search,
    /// My list and the summary.
    MyList,
    /// Help.
    Help,
}

impl App<'_> {
    /// The home menu's entries as shown (indices into [`MENU`]): all of them, less Search where
    /// the kiosk does not offer it.
    #[must_use]
    pub fn menu_entries(&self) -> Vec<usize> {
        (0..MENU.len())
            .filter(|&i| !(self.search_off && MENU[i] == MenuEntry::Search))
            .collect()
    }
}

/// Handles an action on Home, whose `rows` ([`super::saved::home_rows`]) are shown with `menu`
/// selected: moves the selection, and returns what a chosen row opens.
pub fn update(
    menu: &mut usize,
    catalog: &Catalog,
    saved: &Saved,
    rows: &[HomeRow],
    action: Action,
) -> Option<Nav> {
    let last = rows.len() - 1;
    match action {
        Action::Up => *menu = (*menu).min(last).saturating_sub(1),
        Action::Down => *menu = (*menu + 1).min(last),
        Action::First => *menu = 0,
        Action::Last => *menu = last,
        Action::Activate => return open_row(menu, catalog, saved, rows, *menu),
        Action::Menu(n) => return Some(open_menu(menu, rows, n)),
        Action::Pick(Pane::Menu, i) => return open_row(menu, catalog, saved, rows, i),
        _ => {}
    }
    None
}

/// Opens home entry `n` (its digit less one), whatever other rows Home shows.
fn open_menu(menu: &mut usize, rows: &[HomeRow], n: usize) -> Nav {
    let entries: Vec<usize> = rows
        .iter()
        .filter_map(|r| match r {
            HomeRow::Entry(e) => Some(*e),
            _ => None,
        })
        .collect();
    let entry = entries[n.min(entries.len() - 1)];
    *menu = rows
        .iter()
        .position(|r| *r == HomeRow::Entry(entry))
        .unwrap_or(0);
    Nav::Entry(MENU[entry])
}

/// Opens row `i` of Home: "Continue reading", an entry or a bookmark.
fn open_row(
    menu: &mut usize,
    catalog: &Catalog,
    saved: &Saved,
    rows: &[HomeRow],
    i: usize,
) -> Option<Nav> {
    *menu = i.min(rows.len() - 1);
    match rows[*menu] {
        HomeRow::Continue => saved.last.map(Nav::Spot),
        HomeRow::Entry(entry) => Some(Nav::Entry(MENU[entry])),
        HomeRow::Bookmark(k) => {
            let b = saved.bookmarks.get(k)?;
            bookmark_go(catalog, *b).map(Nav::Go)
        }
    }
}

/// Where a bookmark leads, if it is in `catalog`.
fn bookmark_go(catalog: &Catalog, b: Bookmark) -> Option<Go> {
    match b {
        Bookmark::Topic(t) if t < catalog.topics.len() => Some(Go::Topic {
            topic: t,
            section: None,
        }),
        Bookmark::Question(n) if n < catalog.faq.nodes.len() => Some(Go::Question(n)),
        Bookmark::Topic(_) | Bookmark::Question(_) => None,
    }
}
