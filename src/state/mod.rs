//! The small file a reader's guide keeps at home between sessions (a kiosk's never): the last
//! place read, the comparison choices and the bookmarks, by id, with the content version they were
//! made with. Turning the app's state into that file and back is pure; [`store`] finds, reads
//! and writes it, and [`Keeper`] ties the two to one session. Must not import `ratatui` or
//! `crossterm`.

pub mod store;

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::app::saved::{Bookmark, Spot};
use crate::app::{App, CompareFocus};
use crate::content::Catalog;
pub use store::Store;

/// The file's layout; a file of another layout is ignored (with a note), not misread.
pub const FORMAT: u32 = 1;

/// What the file holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateFile {
    /// [`FORMAT`] when written.
    pub format: u32,
    /// The content version the ids below come from.
    pub content_version: String,
    /// The last place read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<LastPlace>,
    /// The comparison sets with items left out of the table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub compare: Vec<SetChoice>,
    /// Bookmarks, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bookmarks: Vec<Mark>,
}

/// The last place read, by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "screen", rename_all = "lowercase", deny_unknown_fields)]
pub enum LastPlace {
    /// A topic, at a section, this many lines into it.
    Topic {
        /// The topic id.
        topic: String,
        /// The section id, when past the main message.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        section: Option<String>,
        /// Lines past the section's heading (or the topic's top).
        #[serde(default)]
        offset: usize,
    },
    /// A question.
    Question {
        /// The question id.
        question: String,
        /// The selected choice.
        #[serde(default)]
        choice: usize,
        /// Lines of the answer scrolled.
        #[serde(default)]
        scroll: usize,
    },
    /// A comparison set.
    Compare {
        /// The set id.
        set: String,
        /// The cursor's value row.
        #[serde(default)]
        row: usize,
        /// The cursor's column.
        #[serde(default)]
        column: usize,
        /// Whether the controls above the table had the keys.
        #[serde(default)]
        controls: bool,
    },
}

/// Items left out of one comparison set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetChoice {
    /// The set id.
    pub set: String,
    /// The ids of the items not chosen.
    pub hidden: Vec<String>,
}

/// A bookmark, by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    /// A topic id.
    Topic(String),
    /// A question id.
    Question(String),
}

/// Why the file was not used, or not written. Each is a one-line note for stderr.
#[derive(Debug)]
pub enum StateError {
    /// It exists but could not be read.
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// It is not TOML of the expected shape (or far too large to be one).
    Malformed {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        message: String,
    },
    /// It was written for another layout of the file.
    Format {
        /// The file.
        path: PathBuf,
        /// The layout it says.
        found: u32,
    },
    /// It was written with another version of the content, whose ids may mean other things.
    OtherVersion {
        /// The file.
        path: PathBuf,
        /// The version it was written with.
        saved: String,
        /// The version shown now.
        now: String,
    },
    /// It could not be written.
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let skipped = "where you left off and your bookmarks were not brought back";
        match self {
            StateError::Read { path, source } => write!(
                f,
                "could not read {}: {source}; {skipped}, and it was left as it is",
                path.display()
            ),
            StateError::Malformed { path, message } => write!(
                f,
                "{} is not a file this guide wrote ({}); {skipped}, and it will be replaced",
                path.display(),
                message.lines().next().unwrap_or_default()
            ),
            StateError::Format { path, found } => write!(
                f,
                "{} has layout {found}, this guide reads layout {FORMAT}; {skipped}, and it was \
                 left as it is",
                path.display()
            ),
            StateError::OtherVersion { path, saved, now } => write!(
                f,
                "{} was saved with content version {saved}, this is {now}; {skipped}",
                path.display()
            ),
            StateError::Write { path, source } => write!(
                f,
                "could not save where you left off to {}: {source}",
                path.display()
            ),
        }
    }
}

impl std::error::Error for StateError {}

impl StateFile {
    /// What `app` keeps: its last place, the items it left out of each comparison, its bookmarks.
    #[must_use]
    pub fn of(app: &App<'_>) -> StateFile {
        let c = app.catalog;
        let last = app.saved.last.and_then(|spot| last_place(c, spot));
        let compare = c
            .sets
            .iter()
            .zip(&app.compare.chosen)
            .filter(|(_, chosen)| chosen.iter().any(|on| !on))
            .map(|(set, chosen)| SetChoice {
                set: set.id.as_str().to_string(),
                hidden: set
                    .items
                    .iter()
                    .zip(chosen)
                    .filter(|(_, on)| !**on)
                    .map(|(item, _)| item.id.as_str().to_string())
                    .collect(),
            })
            .collect();
        let bookmarks = app
            .saved
            .bookmarks
            .iter()
            .filter_map(|b| match *b {
                Bookmark::Topic(t) => c.topics.get(t).map(|t| Mark::Topic(t.id.to_string())),
                Bookmark::Question(n) => {
                    c.faq.nodes.get(n).map(|n| Mark::Question(n.id.to_string()))
                }
            })
            .collect();
        StateFile {
            format: FORMAT,
            content_version: c.meta.content_version.clone(),
            last,
            compare,
            bookmarks,
        }
    }

    /// The file as TOML, with a first line saying what it is.
    #[must_use]
    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        format!(
            "# moodguide: where you left off and your bookmarks. Deleting this file forgets them.\n{body}"
        )
    }

    /// Reads the file's text (`path` is only for the messages).
    ///
    /// # Errors
    /// [`StateError::Malformed`] for text that is not such a file, [`StateError::Format`] for one of
    /// another layout.
    pub fn parse(text: &str, path: &std::path::Path) -> Result<StateFile, StateError> {
        let file: StateFile = toml::from_str(text).map_err(|e| StateError::Malformed {
            path: path.to_path_buf(),
            message: e.message().to_string(),
        })?;
        if file.format != FORMAT {
            return Err(StateError::Format {
                path: path.to_path_buf(),
                found: file.format,
            });
        }
        Ok(file)
    }

    /// Whether it holds anything to bring back.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.last.is_none() && self.compare.is_empty() && self.bookmarks.is_empty()
    }

    /// Brings it back into `app`: the comparison choices, the bookmarks, and the last place, which
    /// is opened with Home one Back away. Ids the content no longer has are dropped silently.
    ///
    /// # Errors
    /// [`StateError::OtherVersion`] when it was written with other content; `app` is unchanged.
    pub fn bring_back(&self, app: &mut App<'_>, path: &std::path::Path) -> Result<(), StateError> {
        let c = app.catalog;
        if self.content_version != c.meta.content_version {
            return Err(StateError::OtherVersion {
                path: path.to_path_buf(),
                saved: self.content_version.clone(),
                now: c.meta.content_version.clone(),
            });
        }
        for choice in &self.compare {
            let Some(s) = c.set_index(&choice.set) else {
                continue;
            };
            let keep: Vec<bool> = c.sets[s]
                .items
                .iter()
                .map(|item| !choice.hidden.iter().any(|h| h == item.id.as_str()))
                .collect();
            crate::app::saved::choose_items(app, s, &keep);
        }
        for mark in &self.bookmarks {
            let b = match mark {
                Mark::Topic(id) => c.topic_index(id).map(Bookmark::Topic),
                Mark::Question(id) => c.node_index(id).map(Bookmark::Question),
            };
            if let Some(b) = b.filter(|b| !app.saved.bookmarks.contains(b)) {
                app.saved.bookmarks.push(b);
            }
        }
        if let Some(spot) = self.last.as_ref().and_then(|l| spot(c, l)) {
            app.resume(spot);
        }
        Ok(())
    }
}

/// A place by index as the file names it.
fn last_place(c: &Catalog, spot: Spot) -> Option<LastPlace> {
    Some(match spot {
        Spot::Topic {
            topic,
            section,
            offset,
        } => {
            let t = c.topics.get(topic)?;
            LastPlace::Topic {
                topic: t.id.to_string(),
                section: section
                    .and_then(|s| t.sections.get(s))
                    .map(|s| s.id.to_string()),
                offset,
            }
        }
        Spot::Question {
            node,
            choice,
            scroll,
        } => LastPlace::Question {
            question: c.faq.nodes.get(node)?.id.to_string(),
            choice,
            scroll,
        },
        Spot::Compare {
            set,
            row,
            col,
            focus,
        } => LastPlace::Compare {
            set: c.sets.get(set)?.id.to_string(),
            row,
            column: col,
            controls: focus == CompareFocus::Picker,
        },
    })
}

/// The place a file names, if the content still has it (a section it no longer has: the topic's
/// start).
fn spot(c: &Catalog, last: &LastPlace) -> Option<Spot> {
    Some(match last {
        LastPlace::Topic {
            topic,
            section,
            offset,
        } => {
            let t = c.topic_index(topic)?;
            let found = section.as_ref().map(|id| {
                c.topics[t]
                    .sections
                    .iter()
                    .position(|s| s.id.as_str() == id)
            });
            Spot::Topic {
                topic: t,
                section: found.flatten(),
                // Lines into a section that is gone mean nothing: the topic's start.
                offset: if found == Some(None) { 0 } else { *offset },
            }
        }
        LastPlace::Question {
            question,
            choice,
            scroll,
        } => Spot::Question {
            node: c.node_index(question)?,
            choice: *choice,
            scroll: *scroll,
        },
        LastPlace::Compare {
            set,
            row,
            column,
            controls,
        } => Spot::Compare {
            set: c.set_index(set)?,
            row: *row,
            col: *column,
            focus: if *controls {
                CompareFocus::Picker
            } else {
                CompareFocus::Table
            },
        },
    })
}

/// One session's link to the state file: what it held at start, and the notes (problems reading
/// or writing it) to print once the terminal is restored.
#[derive(Debug)]
pub struct Keeper {
    store: Store,
    loaded: Option<StateFile>,
    /// False when the file could not be read or is of a layout this guide does not know (a newer
    /// guide's): it is left alone rather than overwritten.
    writable: bool,
    /// One line each, for stderr after the guide ends.
    pub notes: Vec<String>,
}

impl Keeper {
    /// Reads the file in `store`; a missing file is a first session, a bad one a note.
    #[must_use]
    pub fn open(store: Store) -> Keeper {
        let (loaded, writable, notes) = match store.load() {
            Ok(file) => (file, true, Vec::new()),
            Err(e) => {
                let replace = matches!(e, StateError::Malformed { .. });
                (None, replace, vec![e.to_string()])
            }
        };
        Keeper {
            store,
            loaded,
            writable,
            notes,
        }
    }

    /// Whether the file holds anything to bring back (then the first frame cannot be the home
    /// screen drawn from the pack's labels alone).
    #[must_use]
    pub fn has_anything(&self) -> bool {
        self.loaded.as_ref().is_some_and(|f| !f.is_empty())
    }

    /// Turns keeping on for `app` and brings back what the file held.
    pub fn bring_back(&mut self, app: &mut App<'_>) {
        app.saved.on = true;
        if let Some(file) = &self.loaded
            && let Err(e) = file.bring_back(app, self.store.path())
        {
            self.notes.push(e.to_string());
        }
    }

    /// Writes what `app` keeps to the file (unless the file is one to leave alone).
    pub fn keep(&mut self, app: &App<'_>) {
        if !self.writable {
            return;
        }
        if let Err(e) = self.store.save(&StateFile::of(app)) {
            self.notes.push(e.to_string());
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
