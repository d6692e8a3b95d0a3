//! The comparison sets (`compare/*.toml`): items, groups of rows, rows and their cells.
//! Must not import `ratatui` or `crossterm`.

use serde::{Deserialize, Serialize};

use super::{AttrId, GroupId, ItemId, SetId, SourceId, TopicId};

/// A column of a comparison table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The item id.
    pub id: ItemId,
    /// Generic or plain name.
    pub name: String,
    /// Brand names, if any.
    #[serde(default)]
    pub brands: Vec<String>,
    /// The topic that says more.
    pub topic: Option<TopicId>,
}

/// A group of rows, named by the concern a patient has.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// The group id.
    pub id: GroupId,
    /// The concern, as a heading.
    pub title: String,
}

/// A row of a comparison table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Attribute {
    /// The attribute id.
    pub id: AttrId,
    /// The group it belongs to.
    pub group: GroupId,
    /// The row label.
    pub label: String,
    /// A row for staff only (doses): the command line shows it with `--staff`, the guide never.
    #[serde(default)]
    pub staff: bool,
    /// The row's scale, in order ("lower", "similar", "higher"): when given, every cell's `level`
    /// must be one of these words. Empty: each cell's level is a free short value.
    #[serde(default)]
    pub levels: Vec<String>,
    /// False for a row whose cells have no short value that could be compared: its cells carry no
    /// `level`, and the row counts as differing unless their texts are the same word for word.
    #[serde(default = "comparable")]
    pub comparable: bool,
}

fn comparable() -> bool {
    true
}

/// The most characters a cell's `level` (and a step of a scale) may have: a level is a value to
/// compare at a glance, not a sentence.
pub const MAX_LEVEL_CHARS: usize = 24;

impl Attribute {
    /// Where `level` stands on this row's scale (0 = first), or `None` when the row has no scale
    /// or the level is not on it.
    #[must_use]
    pub fn position(&self, level: &str) -> Option<usize> {
        self.levels.iter().position(|l| l == level)
    }
}

/// One reviewed value: an item's value for an attribute.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    /// The item (column).
    pub item: ItemId,
    /// The attribute (row).
    pub attribute: AttrId,
    /// The value in plain words.
    pub text: String,
    /// The value in a few words ("similar", "about 4 weeks", "tablets, liquid"): what the table
    /// compares, so two cells with the same level say the same thing in substance. `None` only in
    /// a staff row or a row marked `comparable = false`.
    #[serde(default)]
    pub level: Option<String>,
    /// Sources for the value.
    #[serde(default)]
    pub sources: Vec<SourceId>,
}

impl Cell {
    /// What the table compares: the level, or the text word for word when the cell has none.
    #[must_use]
    pub fn compared(&self) -> &str {
        self.level.as_deref().unwrap_or(&self.text)
    }
}

/// A comparison set (`compare/ID.toml`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CompareSet {
    /// The set id.
    pub id: SetId,
    /// The set title shown on its tab.
    pub title: String,
    /// One line shown above the table.
    pub intro: String,
    /// The items (columns).
    #[serde(rename = "item", default)]
    pub items: Vec<Item>,
    /// The row groups in display order.
    #[serde(rename = "group", default)]
    pub groups: Vec<Group>,
    /// The attributes (rows).
    #[serde(rename = "attribute", default)]
    pub attributes: Vec<Attribute>,
    /// The reviewed values.
    #[serde(rename = "cell", default)]
    pub cells: Vec<Cell>,
}
