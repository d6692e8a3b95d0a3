//! What a screen may read of the rest of the app while it handles an action ([`Cx`]): the
//! content, what is laid out, the reader's picks, the mode and where the screen's parts go. A
//! screen gets this beside its own state, never the whole [`App`], so no screen can change which
//! screen shows or what Back remembers: it asks for that with a [`super::Nav`], and
//! [`App::navigate`] does it. Must not import `ratatui` or `crossterm`.

use super::laid::Laid;
use super::{App, Mode, Screen};
use crate::content::Catalog;
use crate::layout::{Area, Chrome};
use crate::search::SearchIndex;
use crate::summary::Picks;

/// The read-only part of the app a screen's `update` and geometry see.
#[derive(Debug, Clone, Copy)]
pub struct Cx<'a, 'c> {
    /// The content.
    pub catalog: &'c Catalog,
    /// The search index over it.
    pub index: &'c SearchIndex,
    /// What the screen shows, laid out by `update` (pages, tables, popup text, the summary).
    pub laid: &'a Laid<'c>,
    /// What the reader marked and asked during this visit.
    pub picks: &'a Picks,
    /// The screen shown.
    pub screen: Screen,
    /// Desk or kiosk.
    pub mode: Mode,
    /// A print command is configured: the summary offers Print.
    pub can_print: bool,
    /// The fixed screen parts as they are now ([`App::chrome`]).
    pub chrome: Chrome,
    /// The fixed screen parts with the title bar, whatever the summary shows (it gives the title
    /// bar's rows to its QR code, see [`App::code_shown`]).
    pub titled: Chrome,
}

impl<'a, 'c> Cx<'a, 'c> {
    /// What a screen of `app` reads.
    #[must_use]
    pub fn of(app: &'a App<'c>) -> Self {
        cx!(app)
    }

    /// Where the topics, compare and questions screens draw: the body under the title bar. Only
    /// the summary gives the title bar's rows to its QR code, so these screens' geometry (and the
    /// scrolling it clamps) is the same whichever screen is shown, the summary included.
    #[must_use]
    pub fn body(&self) -> Area {
        self.titled.body
    }
}
