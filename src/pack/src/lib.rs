//! moodguide's content pack: the model (`model`, a leaf every other module imports), reading and
//! checking a pack (`content`, which uses `markup`, `validate` and `twin`; none of them uses it),
//! its search index (`search`) and its frozen form (`frozen`, `squeeze`). Its own crate so the app's build script links the same code the app does, and so
//! nothing here can use the app (drawing, terminal, state). Must not import `ratatui` or
//! `crossterm`.
#![forbid(unsafe_code)]

#[macro_use]
pub mod uitext;

pub mod chars;
pub mod content;
pub mod frozen;
pub mod markup;
pub mod model;
pub mod search;
pub mod squeeze;
pub mod twin;
pub mod validate;
