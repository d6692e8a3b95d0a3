//! The app's vocabulary, shared by the app, the key table and drawing: what a reader can do
//! ([`Action`]), the screens and panes it is done on, which part of the app a key goes to
//! ([`Layer`]), and how printing or saving ended ([`Outcome`]). It depends on nothing of the app,
//! so the key table (`keymap`) and the app (`app`) each use it without using each other's
//! insides. Must not import `ratatui` or `crossterm`.

use std::fmt;
use std::io::ErrorKind;

/// Everything a user (or the terminal) can ask the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the app (refused in kiosk mode).
    Quit,
    /// Show the keys for the current screen, and what this guide is.
    OpenHelp,
    /// Open the search overlay.
    OpenSearch,
    /// Close the top layer or go back to where the user was.
    Back,
    /// Go to the home menu and forget the way back.
    GoHome,
    /// Show a screen (from the title bar).
    Show(Screen),
    /// Move the selection or scroll up one step.
    Up,
    /// Move the selection or scroll down one step.
    Down,
    /// Move left (or to the list).
    Left,
    /// Move right (or to the text).
    Right,
    /// Up one page.
    PageUp,
    /// Down one page.
    PageDown,
    /// To the first line or row.
    First,
    /// To the last line or row.
    Last,
    /// Open, choose or follow what is selected.
    Activate,
    /// Switch the selected option on or off.
    Toggle,
    /// Move to the next link in the text.
    NextLink,
    /// Move to the previous link in the text.
    PrevLink,
    /// Open home menu entry `n` (a digit key or a click).
    Menu(usize),
    /// Show the next comparison set.
    NextSet,
    /// Highlight rows where the chosen items differ, or stop.
    ToggleDifferences,
    /// Step to the next question in reading order.
    NextQuestion,
    /// Step to the previous question in reading order.
    PrevQuestion,
    /// Go back to the first question.
    Restart,
    /// Type a character into the search box (or the summary's save field).
    Type(char),
    /// Delete the last character of the search box (or the save field).
    DeleteChar,
    /// Empty the search box (or the save field).
    ClearQuery,
    /// Click on row `n` of the list under the pointer (topic list, menu, choices, results).
    Pick(Pane, usize),
    /// Click on link `n` of the reading pane.
    PickLink(usize),
    /// Click on comparison cell (`row` = value row, `col` = column).
    PickCell(usize, usize),
    /// The mouse wheel turned up over a pane.
    WheelUp(Pane),
    /// The mouse wheel turned down over a pane.
    WheelDown(Pane),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// Kiosk: leave the welcome screen and start a visit on home.
    StartVisit,
    /// Kiosk: nobody has touched anything for a while; ask "still reading?", this many seconds left.
    IdleWarning(u16),
    /// Kiosk: the visitor is still there; close the question.
    ContinueVisit,
    /// Kiosk: the countdown ran out; forget everything this visitor did.
    IdleReset,
    /// Show the whole guide in the other language, keeping the place.
    SwitchLanguage,
    /// Add what is shown (a topic section, a question, a glossary entry, a comparison cell) to
    /// the reader's questions.
    AddToList,
    /// Show the open topic's text alone, over the whole width and height, or the list beside it
    /// again.
    ReadingView,
    /// Bookmark the topic or question shown, or take its bookmark off (a guide at home only).
    Bookmark,
    /// Summary: send it to the configured print command.
    Print,
    /// Summary: ask where to save it as a file (at home; a kiosk refuses it and writes no file).
    Save,
    /// The event loop carried out the effect `update` asked for, with this outcome.
    Done(Outcome),
}

/// The main screens (overlays are separate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    /// The menu.
    #[default]
    Home,
    /// Kiosk: the welcome screen a visit starts from.
    Welcome,
    /// The topic list and reading pane.
    Topics,
    /// The comparison tables.
    Compare,
    /// The questions tree.
    Questions,
    /// What matters to the reader and their questions.
    MyList,
    /// The summary to take along: QR codes, or text.
    Summary,
}

/// A region the mouse can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The home menu.
    Menu,
    /// The topic list.
    TopicList,
    /// The reading pane.
    Reader,
    /// The controls above the comparison table.
    Picker,
    /// The comparison table.
    Table,
    /// The questions screen's choices.
    Choices,
    /// The questions screen's answer.
    Answer,
    /// The search results.
    Results,
    /// A popup.
    Popup,
    /// The summary screen's bar of buttons.
    Buttons,
}

/// Which part of the app receives a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Every screen, unless a modal layer is on top.
    Global,
    /// The home menu.
    Home,
    /// The topic list.
    TopicList,
    /// The reading pane.
    Reader,
    /// The set, item and option controls above the comparison table.
    ComparePicker,
    /// The comparison table.
    CompareTable,
    /// The questions tree.
    Questions,
    /// The search overlay (modal: typed characters go to the query).
    Search,
    /// A popup: help, a glossary entry, a table cell (modal).
    Popup,
    /// The kiosk welcome screen: any key starts a visit (modal).
    Welcome,
    /// My list: concerns to mark, questions, the summary button.
    MyList,
    /// The summary: QR codes or text.
    Summary,
    /// The summary's bar of buttons (reached with ↑ from the code or the top of the text).
    SummaryBar,
    /// The summary's save field (modal: typed characters go to the file name).
    SaveField,
}

/// How an [`Effect`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The print command took the summary and ended well.
    Printed,
    /// The summary was saved, under the name asked for with number `number` added
    /// ([`crate::app::effect::numbered`];
    /// 0: the name as asked).
    Saved {
        /// The number added to the name (0 for none).
        number: u32,
    },
    /// It did not work, for this reason.
    Failed(Failure),
}

/// Why printing or saving did not work (said in English: an error message, not content).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Not allowed here: a kiosk saves nothing, and printing needs a configured command.
    Refused,
    /// The program, or the folder, does not exist.
    NotFound,
    /// The system refused access to the program, the folder or the file.
    PermissionDenied,
    /// The print command took longer than the time limit and was stopped.
    TimedOut,
    /// The print command ended with this exit status (`None`: it was ended by a signal).
    Status(Option<i32>),
    /// Every numbered name up to the limit is taken.
    NamesTaken,
    /// The name given is a folder, not a file.
    NotAFile,
    /// Another input or output error.
    Io(ErrorKind),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Refused => f.write_str("not available here"),
            Failure::NotFound => f.write_str("no such program or folder"),
            Failure::PermissionDenied => f.write_str("permission denied"),
            Failure::TimedOut => f.write_str("the print command took too long and was stopped"),
            Failure::Status(Some(code)) => {
                write!(f, "the print command failed (exit status {code})")
            }
            Failure::Status(None) => f.write_str("the print command was stopped by a signal"),
            Failure::NamesTaken => f.write_str("too many files of that name already"),
            Failure::NotAFile => f.write_str("that is a folder; give a file name"),
            Failure::Io(kind) => write!(f, "{kind}"),
        }
    }
}

impl From<&std::io::Error> for Failure {
    fn from(e: &std::io::Error) -> Self {
        match e.kind() {
            ErrorKind::NotFound => Failure::NotFound,
            ErrorKind::PermissionDenied => Failure::PermissionDenied,
            kind => Failure::Io(kind),
        }
    }
}
