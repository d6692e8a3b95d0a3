//! Build script: loads and validates the bundled pack (`assets/`, and its Spanish twin in
//! `assets/es/`) with the app's own loader, builds each language's search index, and freezes them
//! into `$OUT_DIR/bundle.bin`, `index.bin`, `head.bin` (and `*_es.bin`), which `src/bundle.rs`
//! embeds.
//! A bundled pack with any problem fails the build with the same `file:line:column` messages
//! `moodguide check` prints, so a release can never ship content that would be refused.
//!
//! The loading, checking and freezing are the pack crate's (`src/pack/`, `moodguide-pack`), the
//! same code the app links: it uses nothing of the app, so the build needs nothing else.

use moodguide_pack::{content, frozen, search, twin};
use std::path::PathBuf;
use std::process::ExitCode;

/// Prints a pack's problems the way `moodguide check` does and says how to fix them.
fn refuse(errors: &[content::ContentError]) -> ExitCode {
    for e in errors {
        eprintln!("assets/{e}");
    }
    eprintln!(
        "the bundled content has {} problem(s); fix them or run `moodguide check assets`",
        errors.len()
    );
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    println!("cargo::rerun-if-changed=assets");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let assets = root.join("assets");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let words = match std::fs::read_to_string(assets.join("words/en.txt")) {
        Ok(list) => search::Ordinary::from_list(&list).bytes().to_vec(),
        Err(e) => {
            eprintln!("cannot read assets/words/en.txt: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut parts = vec![("words.bin".to_string(), Ok(words))];
    // English, then its Spanish twin (`assets/es/`), each frozen with its own index.
    for (lang, suffix) in [(None, ""), (Some(twin::SPANISH), "_es")] {
        let catalog = match content::load_dir_lang(&assets, lang) {
            Ok(c) => c,
            Err(errors) => return refuse(&errors),
        };
        let index = search::SearchIndex::build(&catalog);
        parts.push((format!("bundle{suffix}.bin"), frozen::freeze(&catalog)));
        parts.push((format!("index{suffix}.bin"), index.freeze()));
        parts.push((format!("head{suffix}.bin"), frozen::freeze_head(&catalog)));
    }
    for (name, bytes) in parts {
        let path = out.join(&name);
        let written = match bytes {
            Ok(b) => std::fs::write(&path, b).map_err(|e| e.to_string()),
            Err(why) => Err(format!("cannot freeze it: {why}")),
        };
        if let Err(e) = written {
            eprintln!("cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
