//! Build script: loads and validates the bundled pack (`assets/`) with the app's own loader, builds
//! its search index, and freezes them into `$OUT_DIR/bundle.bin` and `index.bin`, which
//! `src/bundle.rs` embeds.
//! A bundled pack with any problem fails the build with the same `file:line:column` messages
//! `moodguide check` prints, so a release can never ship content that would be refused.
//!
//! The modules are the library's own files, compiled a second time here.
#![allow(dead_code)]
// the build script uses only the loading half of these modules
// Lints clippy skips for the library's public items but applies to the same items here.
#![allow(clippy::struct_field_names)]

#[path = "content.rs"]
mod content;
#[path = "frozen.rs"]
mod frozen;
#[path = "markup.rs"]
mod markup;
#[path = "search/mod.rs"]
mod search;
#[path = "validate.rs"]
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    println!("cargo::rerun-if-changed=assets");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let assets = root.join("assets");
    let loaded = content::load_dir(&assets);
    let catalog = match loaded {
        Ok(c) => c,
        Err(errors) => {
            for e in &errors {
                eprintln!("assets/{e}");
            }
            eprintln!(
                "the bundled content has {} problem(s); fix them or run `moodguide check assets`",
                errors.len()
            );
            return ExitCode::FAILURE;
        }
    };
    let index = search::SearchIndex::build(&catalog);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let words = match std::fs::read_to_string(assets.join("words/en.txt")) {
        Ok(list) => search::Ordinary::from_list(&list).bytes().to_vec(),
        Err(e) => {
            eprintln!("cannot read assets/words/en.txt: {e}");
            return ExitCode::FAILURE;
        }
    };
    let parts = [
        ("words.bin", Ok(words)),
        ("bundle.bin", frozen::freeze(&catalog)),
        ("index.bin", index.freeze()),
        ("head.bin", frozen::freeze_head(&catalog)),
    ];
    for (name, bytes) in parts {
        let path = out.join(name);
        if let Err(e) = bytes.and_then(|b| std::fs::write(&path, b).map_err(|e| e.to_string())) {
            eprintln!("cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
