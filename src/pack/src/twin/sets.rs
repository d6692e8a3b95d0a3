//! The twin's comparison tables: every scale with as many steps, every cell at the same step, and
//! the same cells compared alike in both languages. Must not import `ratatui` or `crossterm`.

use std::collections::HashMap;

use crate::model::{Attribute, Cell, CompareSet, ContentError, PackFile};
use crate::validate::{At, Placer};

/// The comparisons of a set in the second language are those of the first: every scale has as
/// many steps, every cell stands at the same step, and in every row two items share a level in
/// one language exactly when they share it in the other, so a row (or any choice of its columns)
/// differs in both or in neither. The sets have the same shape (checked before).
pub(super) fn same_comparisons(
    first: &CompareSet,
    second: &CompareSet,
    files: &HashMap<&str, &PackFile>,
    lang: &str,
) -> Vec<ContentError> {
    let file = format!("compare/{}.toml", second.id);
    let mut errors = Vec::new();
    let mut placer = Placer::new(files);
    let mut err = |table: &str, nth: usize, key: &str, id: String, message: String| {
        let (line, column) = placer
            .find(&file, At::Table(table, nth, key))
            .unwrap_or((1, 1));
        errors.push(ContentError {
            file: format!("{lang}/{file}"),
            line,
            column,
            id: Some(id),
            message,
        });
    };
    for (k, (one, two)) in first.attributes.iter().zip(&second.attributes).enumerate() {
        let row = format!("row {}/{}", first.id, one.id);
        if one.levels.len() != two.levels.len() {
            let m = format!(
                "{row} has a scale of {} levels; the first language's has {}",
                two.levels.len(),
                one.levels.len()
            );
            err("attribute", k, "levels", one.id.to_string(), m);
            continue;
        }
        // (item, position of the cell in each language's file, the cell in each language)
        let cells: Vec<(usize, &Cell, usize, &Cell)> = (first.cells.iter().enumerate())
            .filter(|(_, c)| c.attribute == one.id)
            .filter_map(|(i, c)| {
                let (j, d) = (second.cells.iter().enumerate())
                    .find(|(_, d)| d.attribute == c.attribute && d.item == c.item)?;
                Some((i, c, j, d))
            })
            .collect();
        for &(_, c, j, d) in &cells {
            let (p, q) = (level_of(one, c), level_of(two, d));
            if !one.levels.is_empty() && p != q {
                let cid = format!("{}/{}", d.item, d.attribute);
                let m = format!(
                    "cell {cid} is at level {}; the first language's {}",
                    step(two, d),
                    step(one, c)
                );
                err("cell", j, "level", cid, m);
            }
        }
        let mismatch = cells.iter().enumerate().find_map(|(n, x)| {
            cells[..n].iter().find_map(|y| {
                let same_first = x.1.compared() == y.1.compared();
                (same_first != (x.3.compared() == y.3.compared())).then_some((y, x, same_first))
            })
        });
        if let Some((y, x, same_first)) = mismatch {
            let cid = format!("{}/{}", x.3.item, x.3.attribute);
            let (there, here) = if same_first {
                ("the same level", "different ones")
            } else {
                ("different levels", "the same one")
            };
            let m = format!(
                "{row} compares {} and {} differently from the first language: {there} there \
                 ('{}', '{}'), {here} here ('{}', '{}')",
                y.1.item,
                x.1.item,
                y.1.compared(),
                x.1.compared(),
                y.3.compared(),
                x.3.compared()
            );
            err("cell", x.2, "level", cid, m);
        }
    }
    errors
}

/// Where a cell's level stands on its row's scale.
fn level_of(attribute: &Attribute, cell: &Cell) -> Option<usize> {
    cell.level.as_deref().and_then(|l| attribute.position(l))
}

/// A cell's level and its step on the scale, for a message: "'higher' (3 of 3)".
fn step(attribute: &Attribute, cell: &Cell) -> String {
    let level = cell.level.as_deref().unwrap_or_default();
    match level_of(attribute, cell) {
        Some(p) => format!("'{level}' ({} of {})", p + 1, attribute.levels.len()),
        None => format!("'{level}' (not on the scale)"),
    }
}
