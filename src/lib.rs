//! moodguide: an offline terminal guide to depression treatments. This file lists the modules;
//! the terminal (`tui`) and stdout (`cli`) sit at the edges, everything else is pure.
#![forbid(unsafe_code)]

#[macro_use]
pub mod uitext;

pub mod action;
pub mod app;
pub mod bundle;
pub mod chars;
pub mod cli;
pub mod compare;
pub mod content;
pub mod faq;
pub mod frozen;
pub mod keymap;
pub mod kiosk;
pub mod layout;
pub mod line;
pub mod markup;
pub mod page;
pub mod search;
pub mod squeeze;
pub mod start;
pub mod state;
pub mod step;
pub mod summary;
pub mod takeaway;
pub mod tui;
pub mod twin;
pub mod ui;
pub mod validate;
pub mod wrap;
