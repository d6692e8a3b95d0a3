//! The command that shows a thing (a topic or section, a question, a term, a comparison), as
//! separate arguments and as one line a POSIX shell reads back as printed: every command the CLI
//! prints for a reader to paste goes through here. Must not import `ratatui` or `crossterm`.

use std::borrow::Cow;

use crate::content::Catalog;
use crate::markup::LinkTarget;
use crate::search::Target;

/// The program's name, the first word of every printed command.
pub const PROGRAM: &str = "moodguide";

/// `args` as one command line: each argument quoted when a shell would split or interpret it
/// (`#section` would start a comment, a space would split, `*` would glob), so pasting the line
/// runs exactly these arguments.
#[must_use]
pub fn shell_line<S: AsRef<str>>(args: &[S]) -> String {
    args.iter()
        .map(|a| quote(a.as_ref()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One argument, quoted when a shell would not read it back as it is.
#[must_use]
pub fn quote(arg: &str) -> Cow<'_, str> {
    // A NUL byte cannot be passed as an argument at all; content never holds one (control
    // characters are refused by validation), so dropping it only guards against a panic.
    match shlex::try_quote(arg) {
        Ok(q) => q,
        Err(_) => Cow::Owned(
            shlex::try_quote(&arg.replace('\0', ""))
                .map_or_else(|_| String::new(), std::borrow::Cow::into_owned),
        ),
    }
}

/// `moodguide ARGS…`, paste-safe.
#[must_use]
pub fn command(args: &[String]) -> String {
    format!("{PROGRAM} {}", shell_line(args))
}

/// The arguments of `show` for topic `t`, at section `s` when given.
#[must_use]
pub fn show(c: &Catalog, t: usize, s: Option<usize>) -> Vec<String> {
    let topic = &c.topics[t];
    let mut args = vec!["show".to_string(), topic.id.to_string()];
    if let Some(s) = s.and_then(|s| topic.sections.get(s)) {
        args.push(format!("#{}", s.id));
    }
    args
}

/// The arguments of the command that shows a search hit's target.
#[must_use]
pub fn target(c: &Catalog, target: Target) -> Vec<String> {
    match target {
        Target::Topic { topic, section } => show(c, topic, section),
        Target::Node(n) => vec!["faq".into(), c.faq.nodes[n].id.to_string()],
        Target::Term(t) => vec!["glossary".into(), c.glossary[t].id.to_string()],
        Target::Item { set, item } => vec![
            "compare".into(),
            "--set".into(),
            c.sets[set].id.to_string(),
            c.sets[set].items[item].id.to_string(),
        ],
        Target::Cell {
            set,
            item,
            attribute,
        } => {
            let s = &c.sets[set];
            vec![
                "compare".into(),
                "--set".into(),
                s.id.to_string(),
                s.items[item].id.to_string(),
                "--rows".into(),
                s.attributes[attribute].group.to_string(),
            ]
        }
    }
}

/// The arguments of the command that shows where a link in content text leads, or `None` for a
/// target the pack does not have (validation makes that impossible for a checked pack).
#[must_use]
pub fn link(c: &Catalog, link: &LinkTarget) -> Option<Vec<String>> {
    Some(match link {
        LinkTarget::Topic { topic, section } => {
            let t = c.topic_index(topic.as_str())?;
            let s = section.as_ref().and_then(|s| {
                c.topics[t]
                    .sections
                    .iter()
                    .position(|x| x.id.as_str() == s.as_str())
            });
            show(c, t, s)
        }
        LinkTarget::Glossary(term) => vec!["glossary".into(), term.to_string()],
        LinkTarget::Faq(node) => vec!["faq".into(), node.to_string()],
        LinkTarget::Compare(set) => vec!["compare".into(), "--set".into(), set.to_string()],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_is_quoted_and_plain_words_are_not() {
        assert_eq!(
            shell_line(&["show", "ssri-serious-warnings", "#serotonin-syndrome"]),
            "show ssri-serious-warnings '#serotonin-syndrome'"
        );
        assert_eq!(shell_line(&["faq", "start"]), "faq start");
    }

    #[test]
    fn anything_a_shell_would_split_or_expand_is_quoted() {
        for arg in [
            "a b", "a*", "$HOME", "a;b", "it's", "{a,b}", "!x", "~", "a`b`", "",
        ] {
            let q = quote(arg);
            assert_ne!(q, arg, "{arg:?} left bare");
            assert_eq!(shlex::split(&q), Some(vec![arg.to_string()]), "{q}");
        }
    }
}
