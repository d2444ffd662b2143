//! Anki interchange, both ways, with the review history: recall's cards, schedules and log
//! written as an Anki package (`export`), answers given here written back into the Anki
//! collection their cards came from (`into`), and an Anki package's notes, cards and log brought
//! in (`package` unpacks it, `collection` reads it, `plan` decides what it becomes, `import`
//! writes it). `text` carries card text across (HTML, cloze syntax).

pub mod collection;
pub mod columns;
pub mod export;
pub mod import;
pub mod into;
pub mod media;
pub mod outgoing;
pub mod package;
pub mod plan;
pub mod text;
