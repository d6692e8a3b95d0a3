//! Walking the questions tree: choose a follow-up, go back, restart, and step through every
//! question in reading order (depth first) with next/previous. Must not import `ratatui` or `crossterm`.

use std::collections::HashMap;

use crate::content::Faq;

/// Where the reader is in the questions tree: the path of node indices from the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaqWalk {
    path: Vec<usize>,
}

fn id_map(faq: &Faq) -> HashMap<&str, usize> {
    faq.nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect()
}

/// Node indices in reading order (depth first from the root, follow-ups in order).
#[must_use]
pub fn reading_order(faq: &Faq) -> Vec<usize> {
    let by_id = id_map(faq);
    let mut order = Vec::with_capacity(faq.nodes.len());
    let mut seen = vec![false; faq.nodes.len()];
    let mut stack: Vec<usize> = by_id.get(faq.root.as_str()).copied().into_iter().collect();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        order.push(i);
        stack.extend(
            faq.nodes[i]
                .follow
                .iter()
                .rev()
                .filter_map(|f| by_id.get(f.as_str()).copied()),
        );
    }
    order
}

/// Each node's parent (the first node that lists it as a follow-up); `None` for the root.
#[must_use]
pub fn parents(faq: &Faq) -> Vec<Option<usize>> {
    let by_id = id_map(faq);
    let mut parent: Vec<Option<usize>> = vec![None; faq.nodes.len()];
    for (i, n) in faq.nodes.iter().enumerate() {
        for f in n
            .follow
            .iter()
            .filter_map(|f| by_id.get(f.as_str()).copied())
        {
            parent[f].get_or_insert(i);
        }
    }
    parent
}

/// Each node's depth below the root (0 for the root; unreachable nodes count as 0).
#[must_use]
pub fn depths(faq: &Faq) -> Vec<usize> {
    let parent = parents(faq);
    let mut depth = vec![0; faq.nodes.len()];
    // In reading order a parent always comes before its follow-ups.
    for n in reading_order(faq) {
        depth[n] = parent[n].map_or(0, |p| depth[p] + 1);
    }
    depth
}

/// The path of node indices from the root to `target`, if it is in the tree.
#[must_use]
pub fn path_to(faq: &Faq, target: usize) -> Option<Vec<usize>> {
    let root = faq.nodes.iter().position(|n| n.id == faq.root)?;
    path_with(&parents(faq), root, target)
}

/// The path from `root` to `target` through a parent table from [`parents`] (for many paths at once).
#[must_use]
pub fn path_with(parent: &[Option<usize>], root: usize, target: usize) -> Option<Vec<usize>> {
    let mut path = vec![target];
    let mut at = target;
    while at != root {
        at = (*parent.get(at)?)?;
        if path.len() > parent.len() {
            return None;
        }
        path.push(at);
    }
    path.reverse();
    Some(path)
}

impl FaqWalk {
    /// A walk standing at the root (or nowhere, if the tree has no root node).
    #[must_use]
    pub fn new(faq: &Faq) -> Self {
        let root = faq.nodes.iter().position(|n| n.id == faq.root);
        Self {
            path: root.into_iter().collect(),
        }
    }

    /// The node the reader is on.
    #[must_use]
    pub fn current(&self) -> Option<usize> {
        self.path.last().copied()
    }

    /// The nodes from the root to the current one (the breadcrumb).
    #[must_use]
    pub fn path(&self) -> &[usize] {
        &self.path
    }

    /// Goes to follow-up number `k` of the current node; false if there is none.
    pub fn choose(&mut self, faq: &Faq, k: usize) -> bool {
        let Some(cur) = self.current() else {
            return false;
        };
        let next = faq.nodes[cur]
            .follow
            .get(k)
            .and_then(|id| faq.nodes.iter().position(|n| &n.id == id));
        match next {
            Some(n) => {
                self.path.push(n);
                true
            }
            None => false,
        }
    }

    /// Goes up one level; false at the root.
    pub fn back(&mut self) -> bool {
        if self.path.len() > 1 {
            self.path.pop();
            true
        } else {
            false
        }
    }

    /// Returns to the root.
    pub fn restart(&mut self) {
        self.path.truncate(1);
    }

    /// Jumps to any node of the tree; false if it is not reachable from the root.
    pub fn jump(&mut self, faq: &Faq, node: usize) -> bool {
        match path_to(faq, node) {
            Some(p) => {
                self.path = p;
                true
            }
            None => false,
        }
    }

    /// Steps to the next question in reading order; false at the last one.
    pub fn next(&mut self, faq: &Faq, order: &[usize]) -> bool {
        self.step(faq, order, 1)
    }

    /// Steps to the previous question in reading order; false at the first one.
    pub fn previous(&mut self, faq: &Faq, order: &[usize]) -> bool {
        self.step(faq, order, -1)
    }

    fn step(&mut self, faq: &Faq, order: &[usize], delta: isize) -> bool {
        let Some(cur) = self.current() else {
            return false;
        };
        let Some(pos) = order.iter().position(|&n| n == cur) else {
            return false;
        };
        match pos.checked_add_signed(delta).and_then(|p| order.get(p)) {
            Some(&n) => self.jump(faq, n),
            None => false,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::content::{Node, NodeId};

    fn node(id: &str, follow: &[&str]) -> Node {
        Node {
            id: NodeId(id.into()),
            question: id.into(),
            answer: "a".into(),
            sources: vec![],
            follow: follow.iter().map(|f| NodeId((*f).into())).collect(),
            more: vec![],
            asked_as: vec![],
            doc: crate::markup::Doc::default(),
        }
    }

    /// root → (a → (a1, a2), b → (b1 → (b1x)))
    fn tree() -> Faq {
        Faq {
            root: NodeId("root".into()),
            nodes: vec![
                node("b1x", &[]),
                node("root", &["a", "b"]),
                node("a", &["a1", "a2"]),
                node("a1", &[]),
                node("a2", &[]),
                node("b", &["b1"]),
                node("b1", &["b1x"]),
            ],
        }
    }

    fn ids(faq: &Faq, idx: &[usize]) -> Vec<String> {
        idx.iter().map(|&i| faq.nodes[i].id.0.clone()).collect()
    }

    #[test]
    fn reading_order_is_depth_first() {
        let f = tree();
        assert_eq!(
            ids(&f, &reading_order(&f)),
            ["root", "a", "a1", "a2", "b", "b1", "b1x"]
        );
    }

    #[test]
    fn choose_back_and_breadcrumb() {
        let f = tree();
        let mut w = FaqWalk::new(&f);
        assert!(w.choose(&f, 1));
        assert!(w.choose(&f, 0));
        assert!(!w.choose(&f, 5));
        assert_eq!(ids(&f, w.path()), ["root", "b", "b1"]);
        assert!(w.back());
        assert_eq!(ids(&f, w.path()), ["root", "b"]);
        assert!(w.back());
        assert!(!w.back());
        assert_eq!(ids(&f, w.path()), ["root"]);
    }

    #[test]
    fn next_and_previous_walk_the_whole_tree_with_correct_paths() {
        let f = tree();
        let order = reading_order(&f);
        let mut w = FaqWalk::new(&f);
        let mut seen = vec![w.current().unwrap()];
        while w.next(&f, &order) {
            seen.push(w.current().unwrap());
        }
        assert_eq!(seen, order);
        assert_eq!(ids(&f, w.path()), ["root", "b", "b1", "b1x"]);
        assert!(w.previous(&f, &order));
        assert_eq!(ids(&f, w.path()), ["root", "b", "b1"]);
        w.restart();
        assert!(!w.previous(&f, &order));
        assert_eq!(ids(&f, w.path()), ["root"]);
    }

    #[test]
    fn jump_sets_the_full_path() {
        let f = tree();
        let mut w = FaqWalk::new(&f);
        assert!(w.jump(&f, 4));
        assert_eq!(ids(&f, w.path()), ["root", "a", "a2"]);
    }
}
