//! Notes → cards: the outline parser, the inline Markdown reader, the card extractor, and the
//! note files they read. Everything but `source` is pure.

pub mod extract;
pub mod inline;
pub mod outline;
pub mod source;

pub use extract::{cards_from_text, extract, Extraction, Mode, NoteRef, Settings};
pub use outline::{parse, Outline};
