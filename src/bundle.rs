//! The pack compiled into the binary: `assets/`, validated and frozen by `src/build.rs`.

use crate::content::Catalog;
use crate::frozen;
use crate::search::{Ordinary, SearchIndex};

/// The output of [`frozen::freeze`] for `assets/`, written by the build script.
static FROZEN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/bundle.bin"));
/// The output of [`SearchIndex::freeze`] for `assets/`.
static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));
/// The ordinary English words of `assets/words/en.txt` as an [`Ordinary`] filter.
static WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.bin"));
/// The output of [`frozen::freeze_head`] for `assets/`.
static HEAD: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/head.bin"));

/// The bundled pack's labels alone ([`Catalog::head`]): a few microseconds to read.
///
/// # Errors
/// As [`load`].
pub fn head() -> Result<Catalog, String> {
    frozen::thaw_head(HEAD)
}

/// The bundled catalog and its search index. The build refuses a pack with any problem, so this
/// is already validated. The index is thawed when first queried ([`SearchIndex::frozen`]).
///
/// # Errors
/// Only if the embedded bytes are damaged, which the build makes impossible short of a miscompile.
pub fn load() -> Result<(Catalog, SearchIndex), String> {
    let index = SearchIndex::frozen(INDEX).with_ordinary(Ordinary::from_static(WORDS));
    Ok((frozen::thaw(FROZEN)?, index))
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
pub fn catalog() -> Result<Catalog, String> {
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
