//! The id newtypes of a pack (`TopicId`, `SectionId`, …): each a string as written in the
//! content files, read from a plain TOML string.
//! Must not import `ratatui` or `crossterm`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Defines a string id newtype that deserialises from a plain TOML string.
macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(
            Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as written in the content files.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

id_type! {
    /// Identifies a topic; equals its file name without `.toml`.
    TopicId;
    /// Identifies a section inside one topic.
    SectionId;
    /// Identifies a glossary term.
    TermId;
    /// Identifies a source (citation) in `sources.toml`.
    SourceId;
    /// Identifies a topic category.
    CategoryId;
    /// Identifies a node of the questions tree.
    NodeId;
    /// Identifies a comparison set (one file under `compare/`).
    SetId;
    /// Identifies an item (a column) of a comparison set.
    ItemId;
    /// Identifies an attribute (a row) of a comparison set.
    AttrId;
    /// Identifies a row group of a comparison set.
    GroupId;
    /// Identifies a concern a reader can mark as mattering to them (`matters.toml`).
    ConcernId;
    /// Identifies a ready question for the prescriber (`matters.toml`).
    ReadyId;
}
