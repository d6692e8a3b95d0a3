//! moodguide: an offline terminal guide to depression treatments. This file lists the modules;
//! the terminal (`tui`) and stdout (`cli`) sit at the edges, everything else is pure.
#![forbid(unsafe_code)]

pub mod action;
pub mod app;
pub mod bundle;
pub mod cli;
pub mod compare;
pub mod faq;
pub mod fit;
pub mod keymap;
pub mod kiosk;
pub mod layout;
pub mod line;
pub mod page;
pub mod start;
pub mod state;
pub mod step;
pub mod summary;
pub mod takeaway;
pub mod tui;
pub mod ui;
pub mod wrap;

// The pack: the content model, its loading and rules, Markdown, search, the frozen form. Its own
// crate (`src/pack/`), so the build script links the same code and the pack cannot reach into
// the app; re-exported here under the names the app and the tests use.
pub use moodguide_pack::{chars, content, frozen, markup, search, squeeze, twin, uitext, validate};
