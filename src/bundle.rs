//! The pack compiled into the binary: `assets/`, validated and frozen by `src/build.rs`.

use crate::content::Catalog;
use crate::frozen;
use crate::search::SearchIndex;

/// The output of [`frozen::freeze`] for `assets/`, written by the build script.
static FROZEN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/bundle.bin"));
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
/// is already validated.
///
/// # Errors
/// Only if the embedded bytes are damaged, which the build makes impossible short of a miscompile.
pub fn load() -> Result<(Catalog, SearchIndex), String> {
    frozen::thaw(FROZEN)
}

/// The bundled catalog alone.
///
/// # Errors
/// As [`load`].
pub fn catalog() -> Result<Catalog, String> {
    load().map(|(c, _)| c)
}
