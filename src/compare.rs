//! The comparison matrix: for one set and the chosen items, the header and the rows grouped by
//! concern, each cell with its text, level and sources (or none), and whether a row's levels differ.
//! Used by the compare screen and the CLI.
//! Must not import `ratatui` or `crossterm`.

use crate::content::{Cell, CompareSet};

/// One row of the matrix.
#[derive(Debug, Clone, PartialEq)]
pub enum Row<'c> {
    /// A group heading (the concern a patient has).
    Group {
        /// The heading.
        title: &'c str,
    },
    /// An attribute row: one cell per chosen item (`None` = no reviewed value).
    Values {
        /// The attribute's index in the set.
        attribute: usize,
        /// The row label.
        label: &'c str,
        /// The cells, in the order of the chosen items.
        cells: Vec<Option<&'c Cell>>,
        /// True when the chosen items' levels are not all the same (a missing cell differs
        /// from any value): see [`differs`].
        differs: bool,
    },
}

/// Who the table is for: rows marked `staff` (doses) are left out for patients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    /// The guide and the kiosk: no staff-only rows.
    #[default]
    Patient,
    /// Staff at the command line (`compare --staff`): every row.
    Staff,
}

/// The table for a set and a choice of items.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix<'c> {
    /// Indices of the chosen items, in set order: one column each.
    pub columns: Vec<usize>,
    /// Groups and attribute rows in display order (groups with no attributes are left out).
    pub rows: Vec<Row<'c>>,
    /// How many rows at the top are the reader's own (a heading, then the rows their marked
    /// concerns cover: [`Matrix::marked_first`]); 0 when none is marked.
    pub marked: usize,
}

impl<'c> Matrix<'c> {
    /// Builds the matrix for `set` with the items whose `chosen` flag is set (all when `chosen` is
    /// shorter than the item list), with the rows `audience` may see.
    #[must_use]
    pub fn build(set: &'c CompareSet, chosen: &[bool], audience: Audience) -> Self {
        let columns: Vec<usize> = (0..set.items.len())
            .filter(|&i| chosen.get(i).copied().unwrap_or(true))
            .collect();
        let mut rows = Vec::new();
        for g in &set.groups {
            let attrs: Vec<usize> = (0..set.attributes.len())
                .filter(|&a| set.attributes[a].group == g.id)
                .filter(|&a| audience == Audience::Staff || !set.attributes[a].staff)
                .collect();
            if attrs.is_empty() {
                continue;
            }
            rows.push(Row::Group { title: &g.title });
            for a in attrs {
                let attr = &set.attributes[a];
                let cells: Vec<Option<&Cell>> = columns
                    .iter()
                    .map(|&i| {
                        set.cells
                            .iter()
                            .find(|c| c.item == set.items[i].id && c.attribute == attr.id)
                    })
                    .collect();
                let differs = differs(&cells);
                rows.push(Row::Values {
                    attribute: a,
                    label: &attr.label,
                    cells,
                    differs,
                });
            }
        }
        Self {
            columns,
            rows,
            marked: 0,
        }
    }

    /// The same table with the rows whose attribute is `marked` (indexed like the set's
    /// attributes: what the reader's marked concerns cover) moved to the top under their own
    /// `heading`, in the set's order; a group left with no rows loses its heading. Unchanged when
    /// no row is marked.
    #[must_use]
    pub fn marked_first(self, marked: &[bool], heading: &'c str) -> Self {
        let is_marked = |r: &Row<'_>| matches!(r, Row::Values { attribute, .. } if marked.get(*attribute) == Some(&true));
        if !self.rows.iter().any(is_marked) {
            return self;
        }
        let (mine, rest): (Vec<Row<'c>>, Vec<Row<'c>>) =
            self.rows.into_iter().partition(|r| is_marked(r));
        let mut rows = vec![Row::Group { title: heading }];
        rows.extend(mine);
        let marked = rows.len();
        for (k, r) in rest.iter().enumerate() {
            let empty_group = matches!(r, Row::Group { .. })
                && !matches!(rest.get(k + 1), Some(Row::Values { .. }));
            if !empty_group {
                rows.push(r.clone());
            }
        }
        Self {
            columns: self.columns,
            rows,
            marked,
        }
    }

    /// Indices into `rows` of the attribute rows (the ones a cursor can stand on).
    #[must_use]
    pub fn value_rows(&self) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&r| matches!(self.rows[r], Row::Values { .. }))
            .collect()
    }
}

/// True when the cells of a row do not all say the same thing: their levels (see
/// [`Cell::compared`]) are not all equal, or some items have a cell and others none. Never the
/// wording: two cells with the same level and different sentences are the same.
#[must_use]
pub fn differs(cells: &[Option<&Cell>]) -> bool {
    let mut keys = cells.iter().map(|c| c.map(Cell::compared));
    keys.next().is_some_and(|first| keys.any(|k| k != first))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::content::Group;
    use crate::content::{AttrId, Attribute, GroupId, Item, ItemId, SetId, SourceId};

    fn set() -> CompareSet {
        let item = |id: &str| Item {
            id: ItemId(id.into()),
            name: id.into(),
            brands: vec![],
            topic: None,
        };
        let attr = |id: &str, g: &str| Attribute {
            id: AttrId(id.into()),
            group: GroupId(g.into()),
            label: id.into(),
            staff: false,
            levels: vec![],
            comparable: true,
        };
        let cell = |i: &str, a: &str, t: &str| Cell {
            item: ItemId(i.into()),
            attribute: AttrId(a.into()),
            text: t.into(),
            level: Some(t.to_lowercase()),
            sources: vec![SourceId("S".into())],
        };
        CompareSet {
            id: SetId("s".into()),
            title: "S".into(),
            intro: "i".into(),
            items: vec![item("x"), item("y"), item("z")],
            groups: vec![
                Group {
                    id: GroupId("g1".into()),
                    title: "G1".into(),
                },
                Group {
                    id: GroupId("empty".into()),
                    title: "E".into(),
                },
                Group {
                    id: GroupId("g2".into()),
                    title: "G2".into(),
                },
            ],
            attributes: vec![attr("same", "g2"), attr("diff", "g1")],
            cells: vec![
                cell("x", "same", "A"),
                cell("y", "same", "A"),
                cell("z", "same", "A"),
                cell("x", "diff", "1"),
                cell("z", "diff", "2"),
            ],
        }
    }

    #[test]
    fn rows_follow_group_order_and_skip_empty_groups() {
        let s = set();
        let m = Matrix::build(&s, &[], Audience::Patient);
        assert_eq!(m.columns, [0, 1, 2]);
        let titles: Vec<&str> = m
            .rows
            .iter()
            .map(|r| match r {
                Row::Group { title } => *title,
                Row::Values { label, .. } => *label,
            })
            .collect();
        assert_eq!(titles, ["G1", "diff", "G2", "same"]);
        assert_eq!(m.value_rows(), [1, 3]);
    }

    #[test]
    fn marked_rows_come_first_under_their_heading() {
        let s = set();
        let title = |r: &Row<'_>| match r {
            Row::Group { title } => title.to_string(),
            Row::Values { label, .. } => label.to_string(),
        };
        // "diff" (attribute 1) is marked: its group G1 is left empty and goes.
        let m = Matrix::build(&s, &[], Audience::Patient).marked_first(&[false, true], "Mine");
        let titles: Vec<String> = m.rows.iter().map(title).collect();
        assert_eq!(titles, ["Mine", "diff", "G2", "same"]);
        assert_eq!(m.marked, 2);
        assert_eq!(m.value_rows(), [1, 3]);
        // Nothing marked (or a concern about rows this set lacks): the table as built.
        let plain = Matrix::build(&s, &[], Audience::Patient);
        assert_eq!(plain.clone().marked_first(&[false, false], "Mine"), plain);
        assert_eq!(plain.clone().marked_first(&[], "Mine"), plain);
        assert_eq!(plain.marked, 0);
    }

    #[test]
    fn missing_cells_are_none_and_differences_are_flagged() {
        let s = set();
        let m = Matrix::build(&s, &[true, true, true], Audience::Patient);
        let Row::Values { cells, differs, .. } = &m.rows[1] else {
            panic!("not a value row")
        };
        assert!(cells[1].is_none());
        assert_eq!(cells[2].map(|c| c.text.as_str()), Some("2"));
        assert!(differs);
        let Row::Values { differs, .. } = &m.rows[3] else {
            panic!("not a value row")
        };
        assert!(!differs);
    }

    /// A row of three cells: (text, level) each.
    fn row(cells: [(&str, Option<&str>); 3]) -> Vec<Cell> {
        cells
            .iter()
            .zip(["x", "y", "z"])
            .map(|(&(text, level), item)| Cell {
                item: ItemId(item.into()),
                attribute: AttrId("a".into()),
                text: text.into(),
                level: level.map(Into::into),
                sources: vec![],
            })
            .collect()
    }

    fn flagged(cells: &[Cell]) -> bool {
        differs(&cells.iter().map(Some).collect::<Vec<_>>())
    }

    #[test]
    fn the_same_level_in_other_words_is_not_a_difference() {
        let same = row([
            (
                "Less appetite is a common side effect.",
                Some("less appetite"),
            ),
            (
                "Less appetite can happen, as with others.",
                Some("less appetite"),
            ),
            ("Some people eat less.", Some("less appetite")),
        ]);
        assert!(!flagged(&same));
    }

    #[test]
    fn different_levels_are_a_difference_even_in_the_same_words() {
        let other = row([
            ("Less appetite can happen.", Some("less appetite")),
            ("Less appetite can happen.", Some("less appetite")),
            ("Less appetite can happen.", Some("more weight gain")),
        ]);
        assert!(flagged(&other));
        // Through the matrix too: the flag a screen shows.
        let mut s = set();
        s.attributes = vec![Attribute {
            id: AttrId("a".into()),
            group: GroupId("g1".into()),
            label: "A".into(),
            staff: false,
            levels: vec![],
            comparable: true,
        }];
        s.cells = other;
        let m = Matrix::build(&s, &[true, true, false], Audience::Patient);
        let Row::Values { differs, .. } = &m.rows[1] else {
            panic!("not a value row")
        };
        assert!(!differs, "x and y share a level");
        let m = Matrix::build(&s, &[false, true, true], Audience::Patient);
        let Row::Values { differs, .. } = &m.rows[1] else {
            panic!("not a value row")
        };
        assert!(differs, "y and z do not");
    }

    #[test]
    fn cells_without_a_level_are_compared_word_for_word() {
        // A staff row or one marked `comparable = false`: only identical texts are the same.
        let words = row([
            ("20 to 80 a day", None),
            ("20 to 80 a day", None),
            ("", None),
        ]);
        assert!(!flagged(&words[..2]));
        assert!(flagged(&words));
    }

    #[test]
    fn only_chosen_items_become_columns() {
        let s = set();
        let m = Matrix::build(&s, &[true, false, true], Audience::Patient);
        assert_eq!(m.columns, [0, 2]);
        let Row::Values { cells, .. } = &m.rows[1] else {
            panic!("not a value row")
        };
        assert_eq!(cells.len(), 2);
    }
}
