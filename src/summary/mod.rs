//! The take-away summary for the appointment, as pure data the screens and the command line share:
//! what the reader chose ([`Picks`], by id), the [`Summary`] built from it in one language (what
//! matters to them, their questions, what they read, the line saying the choice is made with the
//! prescriber, the crisis line), its text and Markdown ([`to_text`], [`to_markdown`]) and its QR
//! codes ([`qr`]). Every word comes from the content pack.
//! Must not import `ratatui` or `crossterm`.

pub mod qr;
mod subject;
mod text;

pub use subject::{PREFIXES, Subject};
pub use text::{to_markdown, to_text};

use crate::content::{Catalog, ConcernId};

/// What a reader chose during one visit, held by id so that it reads the same in either language.
/// An idle reset or a new visit starts from `Picks::default()`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picks {
    /// The concerns marked as mattering most, in the order marked.
    pub matters: Vec<ConcernId>,
    /// The reader's questions, in the reader's order.
    pub questions: Vec<Subject>,
    /// What the reader read, in the order first read.
    pub read: Vec<Subject>,
}

impl Picks {
    /// Marks a concern, or unmarks it when it is marked already. Returns whether it is now marked.
    pub fn toggle_matter(&mut self, id: &ConcernId) -> bool {
        if let Some(at) = self.matters.iter().position(|m| m == id) {
            self.matters.remove(at);
            false
        } else {
            self.matters.push(id.clone());
            true
        }
    }

    /// Adds a question at the end of the list; one already there is not added twice. Returns
    /// whether it was added.
    pub fn add_question(&mut self, subject: Subject) -> bool {
        if self.questions.contains(&subject) {
            return false;
        }
        self.questions.push(subject);
        true
    }

    /// Removes the question at `index`, if there is one.
    pub fn remove_question(&mut self, index: usize) {
        if index < self.questions.len() {
            self.questions.remove(index);
        }
    }

    /// Moves the question at `index` one place up (`up`) or down; nothing at either end.
    pub fn move_question(&mut self, index: usize, up: bool) {
        let other = if up {
            index.checked_sub(1)
        } else {
            Some(index + 1)
        };
        if let Some(other) = other.filter(|o| *o < self.questions.len())
            && index < self.questions.len()
        {
            self.questions.swap(index, other);
        }
    }

    /// Notes that the reader read something (once, in the order first read).
    pub fn note_read(&mut self, subject: Subject) {
        if !self.read.contains(&subject) {
            self.read.push(subject);
        }
    }

    /// True when nothing has been chosen or read.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.matters.is_empty() && self.questions.is_empty() && self.read.is_empty()
    }
}

/// Which part of the summary a section is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The concerns the reader marked.
    Matters,
    /// The reader's questions.
    Questions,
    /// The titles of what the reader read.
    Read,
}

/// One heading of the summary and the lines under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Which part this is.
    pub part: Part,
    /// Its heading, in the pack's words.
    pub heading: String,
    /// Its lines, in order.
    pub items: Vec<String>,
}

/// The summary in one language, ready to be written as text, Markdown or QR codes: all of them are
/// made from this one structure, so they hold the same words in the same order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The pack's language ("en", "es").
    pub lang: String,
    /// The title.
    pub title: String,
    /// What matters, the questions and what was read; a part with nothing in it is left out.
    pub sections: Vec<Section>,
    /// The line shown when nothing has been chosen (`None` when there are sections).
    pub empty: Option<String>,
    /// The line saying the choice is made with the prescriber.
    pub choice: String,
    /// The crisis line.
    pub crisis: String,
}

/// The summary of `picks` in `c`'s language. Anything `c` does not have (a concern or a topic of
/// another pack) is left out; the command line refuses such ids before it gets here.
#[must_use]
pub fn build(c: &Catalog, picks: &Picks) -> Summary {
    let matters: Vec<String> = picks
        .matters
        .iter()
        .filter_map(|id| concern_label(c, id))
        .collect();
    let questions: Vec<String> = picks.questions.iter().filter_map(|s| s.ask(c)).collect();
    let read: Vec<String> = picks.read.iter().filter_map(|s| s.title(c)).collect();
    let ui = &c.ui;
    let sections: Vec<Section> = [
        (Part::Matters, &ui.summary_matters, matters),
        (Part::Questions, &ui.summary_questions, questions),
        (Part::Read, &ui.summary_read, read),
    ]
    .into_iter()
    .filter(|(_, _, items)| !items.is_empty())
    .map(|(part, heading, items)| Section {
        part,
        heading: heading.clone(),
        items,
    })
    .collect();
    Summary {
        lang: c.meta.lang.clone(),
        title: ui.summary_title.clone(),
        empty: sections.is_empty().then(|| ui.summary_empty.clone()),
        sections,
        choice: ui.summary_choice.clone(),
        crisis: c.meta.crisis.clone(),
    }
}

/// A concern's label in `c`'s words, if `c` has it.
#[must_use]
pub fn concern_label(c: &Catalog, id: &ConcernId) -> Option<String> {
    c.matters
        .concerns
        .iter()
        .find(|k| &k.id == id)
        .map(|k| k.label.clone())
}

/// For each row (attribute) of comparison set `set`, whether one of the concerns `marked` covers
/// it: the rows the comparison shows first and marks.
#[must_use]
pub fn marked_rows(c: &Catalog, set: usize, marked: &[ConcernId]) -> Vec<bool> {
    let Some(s) = c.sets.get(set) else {
        return Vec::new();
    };
    let covers: Vec<_> = c
        .matters
        .concerns
        .iter()
        .filter(|k| marked.contains(&k.id))
        .flat_map(|k| &k.covers)
        .filter(|v| v.set == s.id)
        .collect();
    s.attributes
        .iter()
        .map(|a| {
            covers
                .iter()
                .any(|v| v.group == a.group && (v.rows.is_empty() || v.rows.contains(&a.id)))
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
