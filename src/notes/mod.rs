//! Notes → cards: the outline parser (with YAML front matter and org translation), the inline
//! Markdown reader, block references, the card extractor and its tally, and the note files they
//! read. Everything but `source` is pure.

pub mod caps;
pub mod extract;
pub mod front_matter;
pub mod inline;
pub mod org;
pub mod outline;
pub mod refs;
pub mod source;
pub mod tally;

pub use caps::Caps;
pub use extract::{
    cards_from_text, extract, index_note, parse_note, skipped_text, Extraction, Mode, NoteRef,
    Reason, Settings, Skipped,
};
pub use outline::{parse, Outline};
pub use refs::BlockIndex;
pub use tally::Tally;
