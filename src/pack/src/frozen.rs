//! The bundled pack, frozen at build time: `src/build.rs` loads and validates `assets/` and writes
//! it with [`freeze`] (and its search index with [`SearchIndex::freeze`](crate::search::SearchIndex::freeze));
//! the app reads it back with [`thaw`] in about a millisecond instead of parsing TOML and Markdown
//! on every start.
//!
//! Shared by the build script and the library, so it may only use `content`, `markup`, `search`
//! and `validate`.

use serde::{Deserialize, Serialize};

use crate::model::Doc;
use crate::model::{Catalog, Topic};
use crate::squeeze::{Damaged, Why};

/// The first frame the build script writes: the catalog without its parsed Markdown, and the
/// topics' category numbers. The parsed documents and the category numbers are `#[serde(skip)]`
/// in the content types (they never come from TOML), so they travel beside them: the documents in
/// frames of their own (see [`freeze`]).
#[derive(Serialize, Deserialize)]
struct Frozen {
    catalog: Catalog,
    categories: Vec<usize>,
}

/// About how many bytes of serialised documents go in one compressed frame. A pack is thawed
/// frame by frame, so its peak memory is what it keeps plus one frame, not plus the whole
/// serialised pack (about 400 KB for the English one). Smaller frames compress a little worse.
const FRAME_BYTES: usize = 64 * 1024;

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

/// Serialises a validated catalog as [`as_bundled`] leaves it, in compressed frames: the catalog, then
/// its parsed documents a few at a time. Each frame is a little-endian `u32` length and the
/// frame ([`crate::squeeze::pack`]); text compresses about threefold, and two languages' packs
/// would not fit the binary budget raw.
///
/// # Errors
/// Only if serialisation itself fails (it does not for these types).
pub fn freeze(catalog: &Catalog) -> Result<Vec<u8>, Why> {
    let error = Why::Decode;
    let first = Frozen {
        catalog: as_bundled(catalog),
        categories: catalog.topics.iter().map(|t| t.category).collect(),
    };
    let mut frames = vec![postcard::to_allocvec(&first).map_err(error)?];
    let mut group: Vec<&Doc> = Vec::new();
    let mut size = 0;
    for doc in docs(catalog) {
        size += postcard::to_allocvec(doc).map_err(error)?.len();
        group.push(doc);
        if size >= FRAME_BYTES {
            frames.push(postcard::to_allocvec(&group).map_err(error)?);
            group.clear();
            size = 0;
        }
    }
    frames.push(postcard::to_allocvec(&group).map_err(error)?);
    let mut out = Vec::new();
    for frame in frames {
        let packed = crate::squeeze::pack(&frame)?;
        let len = u32::try_from(packed.len()).map_err(|_| Why::TooLarge)?;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&packed);
    }
    Ok(out)
}

/// The frames [`freeze`] wrote, each decompressed when it is reached.
fn frames(mut bytes: &[u8]) -> impl Iterator<Item = Result<Vec<u8>, Why>> {
    std::iter::from_fn(move || {
        if bytes.is_empty() {
            return None;
        }
        let Some((len, rest)) = bytes.split_first_chunk::<4>() else {
            bytes = &[];
            return Some(Err(Why::Cut));
        };
        let len = usize::try_from(u32::from_le_bytes(*len)).unwrap_or(usize::MAX);
        let Some((frame, rest)) = rest.split_at_checked(len) else {
            bytes = &[];
            return Some(Err(Why::Cut));
        };
        bytes = rest;
        Some(crate::squeeze::unpack(frame))
    })
}

/// Serialises the part of a catalog the first frame needs ([`Catalog::head`]).
///
/// # Errors
/// Only if serialisation itself fails (it does not for these types).
pub fn freeze_head(catalog: &Catalog) -> Result<Vec<u8>, Why> {
    postcard::to_allocvec(&(&catalog.meta, &catalog.ui)).map_err(Why::Decode)
}

/// Reads back what [`freeze_head`] wrote.
///
/// # Errors
/// If the bytes are not a frozen head.
pub fn thaw_head(bytes: &[u8]) -> Result<Catalog, Damaged> {
    let (meta, ui) = postcard::from_bytes(bytes).map_err(|e| damaged(Why::Decode(e)))?;
    Ok(Catalog::head(meta, ui))
}

/// The content's problem, as the reader is told it.
fn damaged(why: Why) -> Damaged {
    Damaged {
        part: "content",
        why,
    }
}

/// Reads back what [`freeze`] wrote, a frame at a time.
///
/// # Errors
/// If the bytes are not a frozen catalog (they always are when built by `src/build.rs`).
pub fn thaw(bytes: &[u8]) -> Result<Catalog, Damaged> {
    thaw_frames(bytes).map_err(damaged)
}

fn thaw_frames(bytes: &[u8]) -> Result<Catalog, Why> {
    let mut frames = frames(bytes);
    let first = frames.next().ok_or(Why::Cut)??;
    let Frozen {
        mut catalog,
        categories,
    } = postcard::from_bytes(&first).map_err(Why::Decode)?;
    drop(first);
    if categories.len() != catalog.topics.len() {
        return Err(Why::Counts);
    }
    for (topic, category) in catalog.topics.iter_mut().zip(categories) {
        topic.category = category;
    }
    let mut slots = docs_mut(&mut catalog);
    for frame in frames {
        let docs: Vec<Doc> = postcard::from_bytes(&frame?).map_err(Why::Decode)?;
        for doc in docs {
            *slots.next().ok_or(Why::Counts)? = doc;
        }
    }
    if slots.next().is_some() {
        // A frame that was cut off at its end is a missing frame.
        return Err(Why::Cut);
    }
    drop(slots);
    Ok(catalog)
}
