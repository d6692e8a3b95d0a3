//! The guide's two languages, for switching in place: the pack shown at start, and the other one,
//! read the first time a reader asks for it (most visits never switch, and a pack held twice would
//! double the memory of every visit). Must not import `ratatui` or `crossterm`.

use std::sync::OnceLock;

use crate::bundle::Lang;
use crate::content::Catalog;
use crate::search::SearchIndex;

/// Reads one language's content and index; `None` when the guide does not have that language.
pub type Loader = Box<dyn Fn(Lang) -> Option<(Catalog, SearchIndex)> + Send + Sync>;

/// Both languages' content, each read when first needed.
pub struct Languages {
    /// The language a visit starts in (a kiosk goes back to it for the next visitor).
    pub start: Lang,
    /// Whether readers may switch (a kiosk can keep to one language).
    pub switch: bool,
    /// Whether only the language shown is kept: a switch then asks the loop to let the pack
    /// shown go before the other is read ([`crate::app::Control::Language`]), so the second
    /// language costs no memory beyond its own pack's. Without it (tests, tools), a switch reads
    /// the other pack beside the first and keeps both.
    pub one_at_a_time: bool,
    /// English, then Spanish.
    packs: [OnceLock<Option<(Catalog, SearchIndex)>>; 2],
    load: Loader,
}

fn slot(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Es => 1,
    }
}

impl Languages {
    /// The languages, with the start language already read.
    #[must_use]
    pub fn new(start: Lang, first: (Catalog, SearchIndex), load: Loader) -> Languages {
        let packs = [OnceLock::new(), OnceLock::new()];
        let _ = packs[slot(start)].set(Some(first));
        Languages {
            start,
            switch: true,
            one_at_a_time: false,
            packs,
            load,
        }
    }

    /// The same languages, with the switch not offered.
    #[must_use]
    pub fn without_switch(mut self) -> Languages {
        self.switch = false;
        self
    }

    /// The same languages, holding only the one shown (see [`Languages::one_at_a_time`]).
    #[must_use]
    pub fn holding_one(mut self) -> Languages {
        self.one_at_a_time = true;
        self
    }

    /// Lets one language's pack go (it is read again if asked for).
    pub fn forget(&mut self, lang: Lang) {
        self.packs[slot(lang)] = OnceLock::new();
    }

    /// One language's content and index, read now if it was not yet; `None` if the guide does not
    /// have that language.
    pub fn get(&self, lang: Lang) -> Option<(&Catalog, &SearchIndex)> {
        self.packs[slot(lang)]
            .get_or_init(|| (self.load)(lang))
            .as_ref()
            .map(|(c, i)| (c, i))
    }
}

impl std::fmt::Debug for Languages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Languages")
            .field("start", &self.start)
            .finish_non_exhaustive()
    }
}

/// Two apps' languages are the same when they are the same packs.
impl PartialEq for Languages {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}
