//! The bundled pack, frozen at build time: `src/build.rs` loads and validates `assets/` and writes
//! it with [`freeze`] (and its search index with [`SearchIndex::freeze`](crate::search::SearchIndex::freeze));
//! the app reads it back with [`thaw`] in about a millisecond instead of parsing TOML and Markdown
//! on every start.
//!
//! Shared by the build script and the library, so it may only use `content`, `markup`, `search`
//! and `validate`.

use serde::{Deserialize, Serialize};

use crate::content::{Catalog, Topic};
use crate::markup::Doc;

/// What the build script writes. The parsed Markdown and the topics' category numbers are
/// `#[serde(skip)]` in the content types (they never come from TOML), so they travel beside them.
#[derive(Serialize, Deserialize)]
struct Frozen {
    catalog: Catalog,
    docs: Vec<Doc>,
    categories: Vec<usize>,
}

/// Every parsed document of a catalog, in one fixed order (glossary, topics, questions).
fn docs(c: &Catalog) -> impl Iterator<Item = &Doc> {
    let terms = c.glossary.iter().map(|t| &t.doc);
    let topics = c
        .topics
        .iter()
        .flat_map(|t| std::iter::once(&t.summary_doc).chain(t.sections.iter().map(|s| &s.doc)));
    let nodes = c.faq.nodes.iter().map(|n| &n.doc);
    terms.chain(topics).chain(nodes)
}

/// The same documents as [`docs`], in the same order, to be filled in.
fn docs_mut(c: &mut Catalog) -> impl Iterator<Item = &mut Doc> {
    let terms = c.glossary.iter_mut().map(|t| &mut t.doc);
    let topics = c.topics.iter_mut().flat_map(|t| {
        let Topic {
            summary_doc,
            sections,
            ..
        } = t;
        std::iter::once(summary_doc).chain(sections.iter_mut().map(|s| &mut s.doc))
    });
    let nodes = c.faq.nodes.iter_mut().map(|n| &mut n.doc);
    terms.chain(topics).chain(nodes)
}

/// The catalog as it is frozen: the Markdown source of each text is left out, since the app reads
/// only the parsed documents and the source is needed only to validate and parse it, which the
/// build has done. (A `--content` pack keeps it: it is validated when loaded.)
#[must_use]
pub fn as_bundled(catalog: &Catalog) -> Catalog {
    let mut c = catalog.clone();
    for t in &mut c.glossary {
        t.definition = String::new();
    }
    for t in &mut c.topics {
        t.summary = String::new();
        for s in &mut t.sections {
            s.body = String::new();
        }
    }
    for n in &mut c.faq.nodes {
        n.answer = String::new();
    }
    c
}

/// Serialises a validated catalog as [`as_bundled`] leaves it.
///
/// # Errors
/// Only if serialisation itself fails (it does not for these types).
pub fn freeze(catalog: &Catalog) -> Result<Vec<u8>, String> {
    let frozen = Frozen {
        catalog: as_bundled(catalog),
        docs: docs(catalog).cloned().collect(),
        categories: catalog.topics.iter().map(|t| t.category).collect(),
    };
    let bytes =
        postcard::to_allocvec(&frozen).map_err(|e| format!("cannot freeze the content: {e}"))?;
    // Text compresses about threefold; two languages' packs would not fit the binary budget raw.
    Ok(lz4_flex::compress_prepend_size(&bytes))
}

/// Serialises the part of a catalog the first frame needs ([`Catalog::head`]).
///
/// # Errors
/// Only if serialisation itself fails (it does not for these types).
pub fn freeze_head(catalog: &Catalog) -> Result<Vec<u8>, String> {
    postcard::to_allocvec(&(&catalog.meta, &catalog.ui))
        .map_err(|e| format!("cannot freeze the content: {e}"))
}

/// Reads back what [`freeze_head`] wrote.
///
/// # Errors
/// If the bytes are not a frozen head.
pub fn thaw_head(bytes: &[u8]) -> Result<Catalog, String> {
    let (meta, ui) =
        postcard::from_bytes(bytes).map_err(|e| format!("the bundled content is damaged: {e}"))?;
    Ok(Catalog::head(meta, ui))
}

/// Reads back what [`freeze`] wrote.
///
/// # Errors
/// If the bytes are not a frozen catalog (they always are when built by `src/build.rs`).
pub fn thaw(bytes: &[u8]) -> Result<Catalog, String> {
    let raw = lz4_flex::decompress_size_prepended(bytes)
        .map_err(|e| format!("the bundled content is damaged: {e}"))?;
    let Frozen {
        mut catalog,
        docs,
        categories,
    } = postcard::from_bytes(&raw).map_err(|e| format!("the bundled content is damaged: {e}"))?;
    let mut docs = docs.into_iter();
    for slot in docs_mut(&mut catalog) {
        *slot = docs
            .next()
            .ok_or("the bundled content is damaged: too few documents")?;
    }
    if docs.next().is_some() || categories.len() != catalog.topics.len() {
        return Err("the bundled content is damaged: counts differ".into());
    }
    for (topic, category) in catalog.topics.iter_mut().zip(categories) {
        topic.category = category;
    }
    Ok(catalog)
}
