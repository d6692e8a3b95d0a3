//! The rules of the comparison sets: items, groups, rows, cells and their levels on each
//! row's scale.
//! Must not import `ratatui` or `crossterm`.

use std::collections::HashSet;

use super::{At, Checker};
use crate::model::{Attribute, Cell, CompareSet, MAX_LEVEL_CHARS};

pub(super) fn check_sets(c: &mut Checker<'_, '_>) {
    let raw = c.raw;
    let mut seen = HashSet::new();
    for (path, s) in &raw.sets {
        let sid = s.id.as_str();
        if !seen.insert(sid) {
            c.err(
                path,
                sid,
                format!("duplicate comparison set id '{sid}' (also in another file)"),
            );
        }
        c.text(path, sid, "title", &s.title);
        c.text(path, sid, "intro", &s.intro);
        c.unique(path, "item", false, s.items.iter().map(|i| i.id.as_str()));
        c.unique(path, "group", false, s.groups.iter().map(|g| g.id.as_str()));
        c.unique(
            path,
            "attribute",
            false,
            s.attributes.iter().map(|a| a.id.as_str()),
        );
        if s.items.len() < 2 {
            c.err(path, sid, "a comparison set needs at least 2 items");
        }
        for i in &s.items {
            c.text(path, i.id.as_str(), "name", &i.name);
            for b in &i.brands {
                c.text(path, i.id.as_str(), "brand", b);
            }
            let unknown = i
                .topic
                .as_ref()
                .filter(|t| !c.topics.contains_key(t.as_str()));
            if let Some(t) = unknown {
                c.err(
                    path,
                    i.id.as_str(),
                    format!("item links to unknown topic '{t}'"),
                );
            }
        }
        for g in &s.groups {
            c.text(path, g.id.as_str(), "title", &g.title);
        }
        let groups: HashSet<&str> = s.groups.iter().map(|g| g.id.as_str()).collect();
        for (k, a) in s.attributes.iter().enumerate() {
            c.text(path, a.id.as_str(), "label", &a.label);
            if !groups.contains(a.group.as_str()) {
                c.err(
                    path,
                    a.id.as_str(),
                    format!("attribute is in unknown group '{}'", a.group),
                );
            }
            check_scale(c, path, k, a);
        }
        check_cells(c, path, s);
    }
}

fn check_cells(c: &mut Checker<'_, '_>, path: &str, s: &CompareSet) {
    let items: HashSet<&str> = s.items.iter().map(|i| i.id.as_str()).collect();
    let attrs: HashSet<&str> = s.attributes.iter().map(|a| a.id.as_str()).collect();
    let mut cells = HashSet::new();
    for (k, cell) in s.cells.iter().enumerate() {
        let from = c.errors.len();
        let cid = format!("{}/{}", cell.item, cell.attribute);
        if !items.contains(cell.item.as_str()) {
            c.err(
                path,
                &cid,
                format!("cell {cid} is for unknown item '{}'", cell.item),
            );
        }
        if !attrs.contains(cell.attribute.as_str()) {
            c.err(
                path,
                &cid,
                format!("cell {cid} is for unknown attribute '{}'", cell.attribute),
            );
        }
        if !cells.insert((cell.item.as_str(), cell.attribute.as_str())) {
            c.err(path, &cid, format!("cell {cid} is given twice"));
        }
        c.unit(
            path,
            &cid,
            "cell text",
            &cell.text,
            &cell.text,
            &cell.sources,
        );
        // Cells have no id of their own: every problem points at this cell's [[cell]] line.
        c.place_since(from, path, At::Header("cell", k));
        if let Some(a) = s.attributes.iter().find(|a| a.id == cell.attribute) {
            let row_has_levels = s
                .cells
                .iter()
                .any(|x| a.id == x.attribute && x.level.is_some());
            check_level(c, path, (k, cell), a, row_has_levels);
        }
    }
}

/// The scale of attribute number `k` (its `levels`): at least two steps, each a short clean
/// value, none twice, and none on a row marked `comparable = false`.
fn check_scale(c: &mut Checker<'_, '_>, path: &str, k: usize, a: &Attribute) {
    let id = a.id.as_str();
    let at = At::Table("attribute", k, "levels");
    if a.levels.is_empty() {
        return;
    }
    if !a.comparable {
        let m = format!("attribute '{id}' has a scale of levels but is marked comparable = false");
        c.err_at(path, id, at, m);
        return;
    }
    if a.levels.len() < 2 {
        let m = format!("the scale of attribute '{id}' has one level; a scale needs at least 2");
        c.err_at(path, id, at, m);
    }
    for (n, l) in a.levels.iter().enumerate() {
        let from = c.errors.len();
        c.text(path, id, "level", l);
        c.place_since(from, path, at);
        if l.chars().count() > MAX_LEVEL_CHARS {
            c.err_at(path, id, at, too_long(l));
        }
        if a.levels[..n].contains(l) {
            let m = format!("level '{l}' is on the scale of attribute '{id}' twice");
            c.err_at(path, id, at, m);
        }
    }
}

fn too_long(level: &str) -> String {
    format!(
        "level '{level}' has {} characters; a level has at most {MAX_LEVEL_CHARS} (the text says the rest)",
        level.chars().count()
    )
}

/// Cell number `k`'s `level`, in row `a`: there is one where the row is compared (every cell of
/// a patient row, and every cell of a staff row once one has it), none where the row is marked
/// `comparable = false`, and it is short, clean, on the row's scale, and sourced if it has a number.
fn check_level(
    c: &mut Checker<'_, '_>,
    path: &str,
    (k, cell): (usize, &Cell),
    a: &Attribute,
    row_has_levels: bool,
) {
    let cid = format!("{}/{}", cell.item, cell.attribute);
    let at = At::Table("cell", k, "level");
    let attr = a.id.as_str();
    let Some(level) = &cell.level else {
        if a.comparable && (!a.staff || row_has_levels) {
            let m = format!(
                "cell {cid} has no level: add `level = \"…\"`, a short value the table compares \
                 (or mark attribute '{attr}' comparable = false)"
            );
            c.err_at(path, &cid, at, m);
        }
        return;
    };
    if !a.comparable {
        let m =
            format!("cell {cid} has a level, but attribute '{attr}' is marked comparable = false");
        c.err_at(path, &cid, at, m);
        return;
    }
    let from = c.errors.len();
    c.text(path, &cid, "level", level);
    c.place_since(from, path, at);
    if level.chars().count() > MAX_LEVEL_CHARS {
        c.err_at(path, &cid, at, too_long(level));
    }
    if !a.levels.is_empty() && a.position(level).is_none() {
        let m = format!(
            "level '{level}' is not on the scale of attribute '{attr}': {}",
            a.levels.join(", ")
        );
        c.err_at(path, &cid, at, m);
    }
    if cell.sources.is_empty() && level.chars().any(|ch| ch.is_ascii_digit()) {
        c.err_at(
            path,
            &cid,
            at,
            "level contains a number but cites no source".into(),
        );
    }
}
