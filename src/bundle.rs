//! The pack compiled into the binary: `assets/`, validated and frozen by `src/build.rs`.

use crate::content::Catalog;
use crate::frozen;
use crate::search::SearchIndex;

/// The output of [`frozen::freeze`] for `assets/`, written by the build script.
static FROZEN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/bundle.bin"));
/// The output of [`SearchIndex::freeze`] for `assets/`.
static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));
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
    Ok((frozen::thaw(FROZEN)?, SearchIndex::frozen(INDEX)))
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
        let (_, index) = super::load().expect("the bundle thaws");
        assert!(!index.is_ready());
        // Opening search shows an empty box, which needs no index.
        assert!(index.query("  ", 5).hits.is_empty());
        assert!(!index.is_ready());
        assert!(!index.query("sertraline", 5).hits.is_empty());
        assert!(index.is_ready());
    }
}
