//! The pure tests, in one binary so `cargo test` compiles and links them once: the key table and
//! `update` (`keys`), every screen on a test backend (`ui`, `reach`, `line`), the bundled pack and
//! its rules (`content`, `content_rules`, `inject`), one fixture per validation rule (`validate`),
//! the same rules through `check`'s report on packs on disk (`check`), the search evaluation
//! (`search_eval`) and the take-away summary with its QR codes decoded back (`summary`). None needs
//! a terminal or the built binary. Run one group with its module name as the filter:
//! `cargo test --test it keys::`.
#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;

mod check;
mod content;
mod content_rules;
mod inject;
mod keys;
mod line;
mod reach;
mod search_eval;
mod summary;
mod ui;
mod validate;
