//! Reading a pack into a validated [`Catalog`]: its files parsed, Markdown parsed, every rule
//! checked and the catalog built (`load.rs`); the files read from a folder, one language or both
//! (`dir.rs`). The model itself is `crate::model`, re-exported here so every type of a pack is
//! found under one name. Must not import `ratatui` or `crossterm`.

mod dir;
mod load;

pub use crate::model::*;
pub use dir::{MAX_FILE_BYTES, check_dir, dir_files, load_dir, load_dir_lang, load_lang, read_dir};
pub use load::load;
