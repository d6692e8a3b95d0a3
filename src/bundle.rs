//! The pack compiled into the binary: `assets/`, validated and frozen by `src/build.rs`.

use crate::content::Catalog;
use crate::frozen;
use crate::search::{Ordinary, SearchIndex};
use crate::squeeze::Damaged;

/// The languages the bundled guide speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English, the first language (`assets/`).
    #[default]
    En,
    /// Spanish, the twin in `assets/es/`.
    Es,
}

impl Lang {
    /// The language a code names ("en", "es"), if the guide speaks it.
    #[must_use]
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Some(Lang::En),
            "es" | "spanish" | "español" | "espanol" => Some(Lang::Es),
            _ => None,
        }
    }

    /// The other language: what a switch goes to.
    #[must_use]
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Es,
            Lang::Es => Lang::En,
        }
    }

    /// The frozen bytes of this language: head, catalog, index.
    fn parts(self) -> (&'static [u8], &'static [u8], &'static [u8]) {
        match self {
            Lang::En => (HEAD, FROZEN, INDEX),
            Lang::Es => (HEAD_ES, FROZEN_ES, INDEX_ES),
        }
    }
}

/// The output of [`frozen::freeze`] for `assets/`, written by the build script.
static FROZEN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/bundle.bin"));
/// The output of [`SearchIndex::freeze`] for `assets/`.
static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));
/// The output of [`frozen::freeze_head`] for `assets/`.
static HEAD: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/head.bin"));
/// The same three for the Spanish twin (`assets/es/`).
static FROZEN_ES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/bundle_es.bin"));
static INDEX_ES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index_es.bin"));
static HEAD_ES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/head_es.bin"));
/// The ordinary English words of `assets/words/en.txt` as an [`Ordinary`] filter.
static WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.bin"));

/// The bundled pack's labels alone ([`Catalog::head`]): a few microseconds to read.
///
/// # Errors
/// As [`load`].
pub fn head() -> Result<Catalog, Damaged> {
    head_in(Lang::En)
}

/// The labels alone, in `lang`.
///
/// # Errors
/// As [`load`].
pub fn head_in(lang: Lang) -> Result<Catalog, Damaged> {
    frozen::thaw_head(lang.parts().0)
}

/// The bundled catalog and its search index. The build refuses a pack with any problem, so this
/// is already validated. The index is thawed when first queried ([`SearchIndex::frozen`]).
///
/// # Errors
/// Only if the embedded bytes are damaged, which the build makes impossible short of a miscompile.
pub fn load() -> Result<(Catalog, SearchIndex), Damaged> {
    load_in(Lang::En)
}

/// The bundled catalog and its search index in `lang`; the Spanish twin has the same ids in the
/// same order as the English, so a place in one is the same place in the other.
///
/// # Errors
/// As [`load`].
pub fn load_in(lang: Lang) -> Result<(Catalog, SearchIndex), Damaged> {
    let (_, frozen, index) = lang.parts();
    let index = SearchIndex::frozen(index).with_ordinary(Ordinary::from_static(WORDS));
    Ok((frozen::thaw(frozen)?, index))
}

/// A search index for another pack (`--content DIR`), with the bundled ordinary words.
#[must_use]
pub fn index_for(catalog: &Catalog) -> SearchIndex {
    SearchIndex::build(catalog).with_ordinary(Ordinary::from_static(WORDS))
}

/// The bundled catalog alone.
///
/// # Errors
/// As [`load`].
pub fn catalog() -> Result<Catalog, Damaged> {
    frozen::thaw(FROZEN)
}

#[cfg(test)]
mod tests {
    /// Most visits never search: the index stays frozen, out of memory, until the first query.
    #[test]
    fn the_index_is_thawed_by_the_first_search_not_by_loading() {
        let (c, index) = super::load().expect("the bundle thaws");
        assert!(!index.is_ready());
        // Opening search shows an empty box, which needs no index.
        assert!(index.query(&c, "  ", 5).hits.is_empty());
        assert!(!index.is_ready());
        assert!(!index.query(&c, "sertraline", 5).hits.is_empty());
        assert!(index.is_ready());
    }
}
