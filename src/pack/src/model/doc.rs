//! The parsed form of Markdown in content text: paragraphs and bullets made of styled spans and
//! links, and where each link leads. Made by `markup`, read by the validator, search and drawing.
//! Must not import `ratatui` or `crossterm`.

use serde::{Deserialize, Serialize};

use super::{NodeId, SectionId, SetId, TermId, TopicId};

/// Where a link in content text leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkTarget {
    /// A topic, optionally at one of its sections.
    Topic {
        /// The topic.
        topic: TopicId,
        /// The section, if the link names one.
        section: Option<SectionId>,
    },
    /// A glossary entry.
    Glossary(TermId),
    /// A node of the questions tree.
    Faq(NodeId),
    /// A comparison set.
    Compare(SetId),
}

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Span {
    /// The text, with no control characters.
    pub text: String,
    /// Bold.
    pub strong: bool,
    /// Italic.
    pub emphasis: bool,
    /// Index into [`Doc::links`] if this span is (part of) a link.
    pub link: Option<usize>,
}

/// What kind of block a run of spans forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockKind {
    /// A paragraph.
    Paragraph,
    /// A bullet list item, nested `depth` levels (0 = top).
    Bullet {
        /// Nesting depth.
        depth: u8,
    },
}

/// A paragraph or bullet item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// Paragraph or bullet.
    pub kind: BlockKind,
    /// The styled text.
    pub spans: Vec<Span>,
}

/// A parsed piece of Markdown text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Doc {
    /// Blocks in order.
    pub blocks: Vec<Block>,
    /// Link targets, indexed by [`Span::link`].
    pub links: Vec<LinkTarget>,
}

impl Doc {
    /// The text without styling, blocks separated by newlines (for search and reading-level checks).
    #[must_use]
    pub fn plain(&self) -> String {
        let mut out = String::new();
        for (i, b) in self.blocks.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            for s in &b.spans {
                out.push_str(&s.text);
            }
        }
        out
    }
}
