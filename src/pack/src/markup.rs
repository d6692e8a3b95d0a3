//! Markdown in content text, parsed once at load (with `pulldown-cmark`) into a small document model
//! of paragraphs and bullets made of styled spans and links (the model's [`Doc`]). Imports only
//! the model. Must not import `ratatui` or `crossterm`.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

pub use crate::model::{Block, BlockKind, Doc, LinkTarget, Span};
use crate::model::{NodeId, SectionId, SetId, TermId, TopicId};

/// A problem with Markdown in content text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Markdown the guide does not draw: a heading, block quote, code block, table, image, HTML
    /// or another element (named as in the message).
    Unsupported(&'static str),
    /// A link whose target is not `topic:`, `glossary:`, `faq:` or `compare:` (the target).
    BadLink(String),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Unsupported(what) => write!(f, "unsupported Markdown: {what}"),
            Problem::BadLink(url) => write!(
                f,
                "link target '{url}' is not topic:, glossary:, faq: or compare:"
            ),
        }
    }
}

/// Parses Markdown into a [`Doc`]; returns the problems found (unsupported syntax, malformed links).
#[must_use]
pub fn parse(text: &str) -> (Doc, Vec<Problem>) {
    let mut doc = Doc::default();
    let mut problems = Vec::new();
    let (mut strong, mut emphasis) = (0u32, 0u32);
    let mut link: Option<usize> = None;
    let mut depth: u8 = 0;
    let mut current: Option<Block> = None;
    let flush = |current: &mut Option<Block>, doc: &mut Doc| {
        if let Some(b) = current.take()
            && b.spans.iter().any(|s| !s.text.trim().is_empty())
        {
            doc.blocks.push(b);
        }
    };
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Paragraph) => match current.as_mut() {
                // A paragraph inside a list item (a "loose" list) continues the bullet.
                Some(b) if matches!(b.kind, BlockKind::Bullet { .. }) => {
                    if !b.spans.is_empty() {
                        push_text(b, " ", false, false, None);
                    }
                }
                _ => {
                    flush(&mut current, &mut doc);
                    current = Some(Block {
                        kind: BlockKind::Paragraph,
                        spans: Vec::new(),
                    });
                }
            },
            Event::Start(Tag::List(_)) => depth = depth.saturating_add(1),
            Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut doc);
                current = Some(Block {
                    kind: BlockKind::Bullet {
                        depth: depth.saturating_sub(1),
                    },
                    spans: Vec::new(),
                });
            }
            Event::End(TagEnd::Paragraph)
                if current
                    .as_ref()
                    .is_some_and(|b| b.kind == BlockKind::Paragraph) =>
            {
                flush(&mut current, &mut doc);
            }
            Event::End(TagEnd::Item) => flush(&mut current, &mut doc),
            // The HTML inside is reported once, as HTML, below.
            Event::Start(Tag::HtmlBlock) => {}
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => emphasis += 1,
            Event::End(TagEnd::Emphasis) => emphasis = emphasis.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => match parse_target(&dest_url) {
                Ok(t) => {
                    doc.links.push(t);
                    link = Some(doc.links.len() - 1);
                }
                Err(p) => {
                    problems.push(p);
                    link = None;
                }
            },
            Event::End(TagEnd::Link) => link = None,
            Event::Text(t) | Event::Code(t) => {
                let block = current.get_or_insert_with(|| Block {
                    kind: BlockKind::Paragraph,
                    spans: Vec::new(),
                });
                push_text(block, &t, strong > 0, emphasis > 0, link);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = current.as_mut() {
                    push_text(block, " ", strong > 0, emphasis > 0, link);
                }
            }
            Event::Start(tag) => problems.push(Problem::Unsupported(tag_name(&tag))),
            Event::Html(_) | Event::InlineHtml(_) => problems.push(Problem::Unsupported("HTML")),
            _ => {}
        }
    }
    flush(&mut current, &mut doc);
    (doc, problems)
}

fn tag_name(tag: &Tag<'_>) -> &'static str {
    match tag {
        Tag::Heading { .. } => "heading",
        Tag::BlockQuote(_) => "block quote",
        Tag::CodeBlock(_) => "code block",
        Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell => "table",
        Tag::Image { .. } => "image",
        _ => "element",
    }
}

/// Appends text, merging with the previous span when the style is the same. Control characters are
/// dropped here as a second line of defence; validation rejects them before this runs.
fn push_text(block: &mut Block, text: &str, strong: bool, emphasis: bool, link: Option<usize>) {
    let clean: String = text
        .chars()
        .filter(|c| !crate::chars::is_forbidden_char(*c))
        .collect();
    if let Some(last) = block.spans.last_mut()
        && last.strong == strong
        && last.emphasis == emphasis
        && last.link == link
    {
        last.text.push_str(&clean);
        return;
    }
    block.spans.push(Span {
        text: clean,
        strong,
        emphasis,
        link,
    });
}

fn parse_target(url: &str) -> Result<LinkTarget, Problem> {
    let bad = || Problem::BadLink(url.to_string());
    let (scheme, rest) = url.split_once(':').ok_or_else(bad)?;
    if rest.is_empty() {
        return Err(bad());
    }
    Ok(match scheme {
        "topic" => match rest.split_once('#') {
            Some((t, s)) => LinkTarget::Topic {
                topic: TopicId(t.into()),
                section: Some(SectionId(s.into())),
            },
            None => LinkTarget::Topic {
                topic: TopicId(rest.into()),
                section: None,
            },
        },
        "glossary" => LinkTarget::Glossary(TermId(rest.into())),
        "faq" => LinkTarget::Faq(NodeId(rest.into())),
        "compare" => LinkTarget::Compare(SetId(rest.into())),
        _ => return Err(bad()),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_bullets_styles_and_links() {
        let (doc, problems) = parse(
            "First **bold** and [a term](glossary:sert).\n\n- one\n- two [t](topic:ect#memory)\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(doc.blocks.len(), 3);
        assert_eq!(doc.blocks[0].kind, BlockKind::Paragraph);
        assert!(doc.blocks[0].spans[1].strong);
        assert_eq!(doc.blocks[0].spans[3].link, Some(0));
        assert_eq!(doc.links[0], LinkTarget::Glossary(TermId("sert".into())));
        assert_eq!(doc.blocks[2].kind, BlockKind::Bullet { depth: 0 });
        assert_eq!(
            doc.links[1],
            LinkTarget::Topic {
                topic: TopicId("ect".into()),
                section: Some(SectionId("memory".into()))
            }
        );
        assert_eq!(doc.plain(), "First bold and a term.\none\ntwo t");
    }

    #[test]
    fn unsupported_markdown_and_bad_links_are_reported() {
        let (_, problems) = parse("# Title\n\n<b>x</b> [y](https://example.org)");
        assert_eq!(
            problems,
            [
                Problem::Unsupported("heading"),
                Problem::Unsupported("HTML"),
                Problem::Unsupported("HTML"),
                Problem::BadLink("https://example.org".into()),
            ]
        );
        assert_eq!(problems[0].to_string(), "unsupported Markdown: heading");
    }

    #[test]
    fn loose_lists_are_bullets_and_numbered_lists_too() {
        let (doc, problems) = parse("- one\n\n- two\n\n1. three");
        assert!(problems.is_empty(), "{problems:?}");
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, [BlockKind::Bullet { depth: 0 }; 3]);
        assert_eq!(doc.plain(), "one\ntwo\nthree");
    }

    #[test]
    fn control_characters_never_reach_spans() {
        let (doc, _) = parse("a\u{1b}[2Jb\u{7}c");
        assert_eq!(doc.plain(), "a[2Jbc");
    }
}
