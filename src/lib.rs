//! recall: spaced-repetition flashcards from your own notes.
//!
//! The library holds everything but the terminal: note parsing and card extraction (`notes`),
//! the data model (`model`), the user's configuration (`config`) and errors (`error`). `main.rs` and `app`/`cli` are a thin layer
//! over it.

pub mod anki;
pub mod backups;
pub mod caseless;
pub mod check;
pub mod clock;
pub mod cloze;
pub mod collection;
pub mod config;
pub mod deck_tree;
pub mod display;
pub mod error;
pub mod event;
pub mod export;
pub mod identity;
pub mod import;
pub mod model;
pub mod notes;
pub mod optimize;
pub mod rebuild;
pub mod replay;
pub mod review;
pub mod schedule;
pub mod serve;
pub mod similar;
pub mod simulate;
pub mod stats;
pub mod store;
pub mod sync;
pub mod text;
pub mod ui;

pub use error::{Error, Result};
pub use model::{Card, CardKey, CardKind, Origin};
