//! The one key table: every binding with its layer, key, action and help text. Lookup, the footer
//! hints and the help screen all derive from it. Must not import `crossterm` (the terminal's key
//! events are turned into [`Key`] in `tui`).

pub use crate::action::Layer;
use crate::action::{Action, Screen};

/// A key as the app sees it, independent of the terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// A printable character.
    Char(char),
    /// A character typed with Ctrl held.
    Ctrl(char),
    /// Enter / Return.
    Enter,
    /// Escape.
    Esc,
    /// Backspace.
    Backspace,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Home.
    Home,
    /// End.
    End,
    /// Delete.
    Delete,
    /// A function key.
    F(u8),
}

impl Key {
    /// The key's label as shown in hints and help.
    #[must_use]
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{c}"),
            Key::Enter => "Enter".into(),
            Key::Esc => "Esc".into(),
            Key::Backspace => "Backspace".into(),
            Key::Tab => "Tab".into(),
            Key::BackTab => "Shift-Tab".into(),
            Key::Up => "↑".into(),
            Key::Down => "↓".into(),
            Key::Left => "←".into(),
            Key::Right => "→".into(),
            Key::PageUp => "PgUp".into(),
            Key::PageDown => "PgDn".into(),
            Key::Home => "Home".into(),
            Key::End => "End".into(),
            Key::Delete => "Del".into(),
            Key::F(n) => format!("F{n}"),
        }
    }
}

impl Layer {
    /// Modal layers take every key; others fall through to [`Layer::Global`].
    #[must_use]
    pub fn is_modal(self) -> bool {
        matches!(
            self,
            Layer::Search | Layer::Popup | Layer::Welcome | Layer::SaveField
        )
    }

    /// Layers where a printable character without a binding is typed into a text field.
    #[must_use]
    pub fn types(self) -> bool {
        matches!(self, Layer::Search | Layer::SaveField)
    }
}

/// One key binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// Where it applies.
    pub layer: Layer,
    /// The key.
    pub key: Key,
    /// What it does.
    pub action: Action,
    /// What it does, in a few words, for hints and help.
    pub help: &'static str,
    /// Shown in the footer, not only in help.
    pub footer: bool,
}

const fn b(layer: Layer, key: Key, action: Action, help: &'static str, footer: bool) -> Binding {
    Binding {
        layer,
        key,
        action,
        help,
        footer,
    }
}

use Layer as L;

/// Every binding. Quit is bound here only on the global layer; kiosk mode refuses it.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    b(L::Global, Key::Char('?'), Action::OpenHelp, "help", true),
    b(L::Global, Key::Char('/'), Action::OpenSearch, "search", true),
    b(L::Global, Key::Esc, Action::Back, "back", true),
    b(L::Global, Key::Backspace, Action::Back, "back", false),
    b(L::Global, Key::Char('h'), Action::GoHome, "home", false),
    b(L::Global, Key::Char('a'), Action::AddToList, "add to my list", false),
    b(L::Global, Key::Char('m'), Action::Show(Screen::MyList), "my list", false),
    b(L::Global, Key::Char('l'), Action::SwitchLanguage, "español / English", false),
    b(L::Global, Key::Char('q'), Action::Quit, "quit", true),
    b(L::Home, Key::Up, Action::Up, "move", true),
    b(L::Home, Key::Down, Action::Down, "move", true),
    b(L::Home, Key::Enter, Action::Activate, "open", true),
    b(L::Home, Key::Char('1'), Action::Menu(0), "open an entry", false),
    b(L::Home, Key::Char('2'), Action::Menu(1), "open an entry", false),
    b(L::Home, Key::Char('3'), Action::Menu(2), "open an entry", false),
    b(L::Home, Key::Char('4'), Action::Menu(3), "open an entry", false),
    b(L::Home, Key::Char('5'), Action::Menu(4), "open an entry", false),
    b(L::Home, Key::Char('6'), Action::Menu(5), "open an entry", false),
    b(L::TopicList, Key::Up, Action::Up, "move", true),
    b(L::TopicList, Key::Down, Action::Down, "move", true),
    b(L::TopicList, Key::Enter, Action::Activate, "read", true),
    b(L::TopicList, Key::Right, Action::Right, "to the text", false),
    b(L::TopicList, Key::Char('v'), Action::ReadingView, "reading view", false),
    b(L::TopicList, Key::Home, Action::First, "first", false),
    b(L::TopicList, Key::Char('b'), Action::Bookmark, "bookmark", false),
    b(L::TopicList, Key::End, Action::Last, "last", false),
    b(L::Reader, Key::Up, Action::Up, "scroll", true),
    b(L::Reader, Key::Down, Action::Down, "scroll", true),
    b(L::Reader, Key::PageUp, Action::PageUp, "page", false),
    b(L::Reader, Key::PageDown, Action::PageDown, "page", false),
    b(L::Reader, Key::Char(' '), Action::PageDown, "page", false),
    b(L::Reader, Key::Home, Action::First, "top", false),
    b(L::Reader, Key::End, Action::Last, "end", false),
    b(L::Reader, Key::Tab, Action::NextLink, "next link", true),
    b(L::Reader, Key::BackTab, Action::PrevLink, "previous link", false),
    b(L::Reader, Key::Enter, Action::Activate, "follow link", true),
    b(L::Reader, Key::Char('v'), Action::ReadingView, "reading view", false),
    b(L::Reader, Key::Left, Action::Left, "to the list", false),
    b(L::Reader, Key::Char('b'), Action::Bookmark, "bookmark", false),
    b(L::ComparePicker, Key::Left, Action::Left, "move", true),
    b(L::ComparePicker, Key::Right, Action::Right, "move", true),
    b(L::ComparePicker, Key::Enter, Action::Activate, "choose", true),
    b(L::ComparePicker, Key::Char(' '), Action::Toggle, "choose", false),
    b(L::ComparePicker, Key::Up, Action::Up, "move", true),
    b(L::ComparePicker, Key::Down, Action::Down, "move", true),
    b(L::ComparePicker, Key::Tab, Action::NextSet, "other set", false),
    b(L::ComparePicker, Key::Char('d'), Action::ToggleDifferences, "differences", false),
    b(L::CompareTable, Key::Up, Action::Up, "move", true),
    b(L::CompareTable, Key::Down, Action::Down, "move", true),
    b(L::CompareTable, Key::Left, Action::Left, "move", false),
    b(L::CompareTable, Key::Right, Action::Right, "move", false),
    b(L::CompareTable, Key::PageUp, Action::PageUp, "page", false),
    b(L::CompareTable, Key::PageDown, Action::PageDown, "page", false),
    b(L::CompareTable, Key::Home, Action::First, "first row", false),
    b(L::CompareTable, Key::End, Action::Last, "last row", false),
    b(L::CompareTable, Key::Enter, Action::Activate, "details", true),
    b(L::CompareTable, Key::Char(' '), Action::Toggle, "hide column", true),
    b(L::CompareTable, Key::Tab, Action::NextSet, "other set", true),
    b(L::CompareTable, Key::Char('d'), Action::ToggleDifferences, "differences", true),
    b(L::MyList, Key::Up, Action::Up, "move", true),
    b(L::MyList, Key::Down, Action::Down, "move", true),
    b(L::MyList, Key::Enter, Action::Activate, "choose", true),
    b(L::MyList, Key::Char(' '), Action::Toggle, "choose", false),
    b(L::MyList, Key::Home, Action::First, "first", false),
    b(L::MyList, Key::End, Action::Last, "last", false),
    b(L::MyList, Key::PageUp, Action::PageUp, "question up", false),
    b(L::MyList, Key::PageDown, Action::PageDown, "question down", false),
    b(L::Summary, Key::Left, Action::Left, "other code", true),
    b(L::Summary, Key::Right, Action::Right, "other code", true),
    b(L::Summary, Key::Enter, Action::Activate, "text or code", true),
    b(L::Summary, Key::Up, Action::Up, "to the buttons", true),
    b(L::Summary, Key::Down, Action::Down, "scroll", false),
    b(L::Summary, Key::Char('p'), Action::Print, "print", true),
    b(L::Summary, Key::Char('s'), Action::Save, "save", true),
    b(L::SummaryBar, Key::Left, Action::Left, "move", true),
    b(L::SummaryBar, Key::Right, Action::Right, "move", true),
    b(L::SummaryBar, Key::Enter, Action::Activate, "choose", true),
    b(L::SummaryBar, Key::Down, Action::Down, "to the summary", true),
    b(L::SummaryBar, Key::Char('p'), Action::Print, "print", false),
    b(L::SummaryBar, Key::Char('s'), Action::Save, "save", false),
    b(L::SaveField, Key::Enter, Action::Activate, "save", true),
    b(L::SaveField, Key::Esc, Action::Back, "cancel", true),
    b(L::SaveField, Key::Backspace, Action::DeleteChar, "delete", false),
    b(L::SaveField, Key::Ctrl('u'), Action::ClearQuery, "clear", false),
    b(L::Questions, Key::Up, Action::Up, "read", true),
    b(L::Questions, Key::Down, Action::Down, "read", true),
    b(L::Questions, Key::Enter, Action::Activate, "open", true),
    b(L::Questions, Key::Tab, Action::NextLink, "next link", false),
    b(L::Questions, Key::BackTab, Action::PrevLink, "previous link", false),
    b(L::Questions, Key::Char('n'), Action::NextQuestion, "next question", true),
    b(L::Questions, Key::Char('p'), Action::PrevQuestion, "previous question", true),
    b(L::Questions, Key::Right, Action::Activate, "open", false),
    b(L::Questions, Key::Left, Action::Back, "back", false),
    b(L::Questions, Key::PageUp, Action::PageUp, "scroll", false),
    b(L::Questions, Key::PageDown, Action::PageDown, "scroll", false),
    b(L::Questions, Key::Char('r'), Action::Restart, "first question", false),
    b(L::Questions, Key::Char('b'), Action::Bookmark, "bookmark", false),
    b(L::Search, Key::Up, Action::Up, "move", true),
    b(L::Search, Key::Down, Action::Down, "move", true),
    b(L::Search, Key::Enter, Action::Activate, "open", true),
    b(L::Search, Key::Esc, Action::Back, "close", true),
    b(L::Search, Key::Backspace, Action::DeleteChar, "delete", false),
    b(L::Search, Key::Ctrl('u'), Action::ClearQuery, "clear", false),
    b(L::Popup, Key::Esc, Action::Back, "close", true),
    b(L::Popup, Key::Enter, Action::Activate, "open / close", true),
    b(L::Popup, Key::Backspace, Action::Back, "close", false),
    b(L::Popup, Key::Char('?'), Action::Back, "close", false),
    b(L::Popup, Key::Char('q'), Action::Back, "close", false),
    b(L::Popup, Key::Tab, Action::NextLink, "next link", false),
    b(L::Popup, Key::BackTab, Action::PrevLink, "previous link", false),
    b(L::Popup, Key::Up, Action::Up, "scroll", true),
    b(L::Popup, Key::Down, Action::Down, "scroll", true),
    b(L::Popup, Key::PageUp, Action::PageUp, "page", false),
    b(L::Popup, Key::PageDown, Action::PageDown, "page", false),
];

/// The action for `key` on `layer`: the layer's own binding, else (for non-modal layers) the global
/// one; on the search layer any other printable character is typed into the query.
#[must_use]
pub fn lookup(layer: Layer, key: Key) -> Option<Action> {
    let find = |l: Layer| {
        BINDINGS
            .iter()
            .find(|b| b.layer == l && b.key == key)
            .map(|b| b.action)
    };
    if let Some(a) = find(layer) {
        return Some(a);
    }
    if layer == Layer::Welcome {
        return Some(Action::StartVisit);
    }
    if layer.types() {
        return match key {
            Key::Char(c) if !c.is_control() => Some(Action::Type(c)),
            _ => None,
        };
    }
    if layer.is_modal() {
        None
    } else {
        find(Layer::Global)
    }
}

/// Key hints for the footer: `(keys, help)` pairs for `layer` then the global layer (for non-modal
/// layers), keys with the same help joined with `/`.
#[must_use]
pub fn hints(layer: Layer) -> Vec<(String, &'static str)> {
    group(layer, true, &|_| true)
}

/// The footer's hints for `layer` with only the keys whose action `works` now (see
/// `App::offers`).
pub fn hints_where(layer: Layer, works: &dyn Fn(&Action) -> bool) -> Vec<(String, &'static str)> {
    group(layer, true, works)
}

/// Every binding that applies on `layer`, grouped like [`hints`], for the help screen.
#[must_use]
pub fn help(layer: Layer) -> Vec<(String, &'static str)> {
    group(layer, false, &|_| true)
}

/// The help for `layer` with only the keys whose action `works` (a kiosk's help leaves out what
/// its policy refuses, such as quitting).
pub fn help_where(layer: Layer, works: &dyn Fn(&Action) -> bool) -> Vec<(String, &'static str)> {
    group(layer, false, works)
}

fn group(
    layer: Layer,
    footer_only: bool,
    works: &dyn Fn(&Action) -> bool,
) -> Vec<(String, &'static str)> {
    let mut layers = vec![layer];
    if !layer.is_modal() {
        layers.push(Layer::Global);
    }
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for l in layers {
        for bind in BINDINGS
            .iter()
            .filter(|b| b.layer == l && (b.footer || !footer_only) && works(&b.action))
        {
            // A global key the layer rebinds is not shown twice.
            if l == Layer::Global
                && l != layer
                && BINDINGS
                    .iter()
                    .any(|x| x.layer == layer && x.key == bind.key)
            {
                continue;
            }
            match out.iter_mut().find(|(_, h)| *h == bind.help) {
                Some((keys, _)) => {
                    keys.push('/');
                    keys.push_str(&bind.key.label());
                }
                None => out.push((bind.key.label(), bind.help)),
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_duplicate_layer_key_pairs() {
        let mut seen = HashSet::new();
        for bind in BINDINGS {
            assert!(
                seen.insert((bind.layer, bind.key)),
                "duplicate binding {bind:?}"
            );
        }
    }

    #[test]
    fn search_types_letters_that_are_global_keys_elsewhere() {
        assert_eq!(
            lookup(Layer::Search, Key::Char('q')),
            Some(Action::Type('q'))
        );
        assert_eq!(
            lookup(Layer::Search, Key::Char('/')),
            Some(Action::Type('/'))
        );
        assert_eq!(lookup(Layer::Home, Key::Char('q')), Some(Action::Quit));
        assert_eq!(lookup(Layer::Popup, Key::Char('x')), None);
    }

    #[test]
    fn layer_bindings_win_over_global_ones() {
        assert_eq!(lookup(Layer::Search, Key::Esc), Some(Action::Back));
        assert_eq!(lookup(Layer::Home, Key::Char('3')), Some(Action::Menu(2)));
        assert_eq!(lookup(Layer::Reader, Key::Char('3')), None);
    }

    #[test]
    fn hints_match_bindings() {
        let hints = hints(Layer::Reader);
        assert!(hints.contains(&("↑/↓".to_string(), "scroll")));
        assert!(hints.contains(&("Tab".to_string(), "next link")));
        assert!(hints.contains(&("q".to_string(), "quit")));
        for layer in [Layer::CompareTable, Layer::Home, Layer::Search] {
            for (keys, text) in help(layer) {
                let mut layers = vec![layer];
                if !layer.is_modal() {
                    layers.push(Layer::Global);
                }
                let expected: Vec<String> = layers
                    .iter()
                    .flat_map(|l| {
                        BINDINGS
                            .iter()
                            .filter(move |b| b.layer == *l && b.help == text)
                    })
                    .filter(|b| b.layer == layer || lookup(layer, b.key) == Some(b.action))
                    .map(|b| b.key.label())
                    .collect();
                assert_eq!(
                    keys,
                    expected.join("/"),
                    "help line for {text:?} on {layer:?}"
                );
            }
        }
    }
}
