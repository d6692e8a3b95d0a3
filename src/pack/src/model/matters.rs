//! What matters to a reader (`matters.toml`): the concerns to mark and the ready questions.
//! Must not import `ratatui` or `crossterm`.

use serde::{Deserialize, Serialize};

use super::{AttrId, ConcernId, GroupId, ReadyId, SetId};

/// The optional file of concerns and ready questions.
pub const MATTERS: &str = "matters.toml";

/// What a reader can bring to the appointment (`matters.toml`, optional): the concerns they can
/// mark as mattering most, each covering rows of the comparison tables, and ready questions for
/// the prescriber. A pack without the file offers none.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Matters {
    /// One or two plain sentences above the concerns ("Mark the few that matter most").
    #[serde(default)]
    pub intro: String,
    /// The concerns, in the order they are offered.
    #[serde(rename = "concern", default)]
    pub concerns: Vec<Concern>,
    /// Ready questions a reader can tick, in the order they are offered.
    #[serde(rename = "question", default)]
    pub questions: Vec<ReadyQuestion>,
}

/// A concern a reader may mark ("how fast it works", "sexual side effects").
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Concern {
    /// The concern id (`moodguide summary --matters ID`).
    pub id: ConcernId,
    /// The concern in plain words, as the reader marks it and the summary lists it.
    pub label: String,
    /// The comparison rows it is about.
    #[serde(default)]
    pub covers: Vec<Cover>,
}

/// The rows of one comparison set a concern is about: a group, or some rows of it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// The comparison set.
    pub set: SetId,
    /// The row group in that set.
    pub group: GroupId,
    /// Only these rows of the group; the whole group when empty.
    #[serde(default)]
    pub rows: Vec<AttrId>,
}

/// A question a reader can tick to bring to the prescriber.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReadyQuestion {
    /// The question id (`moodguide summary --questions ready:ID`).
    pub id: ReadyId,
    /// The question, as the reader will ask it.
    pub text: String,
    /// The concern it belongs with, if any (offered beside that concern).
    #[serde(default)]
    pub concern: Option<ConcernId>,
}
