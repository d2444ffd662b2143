//! Any bytes as a note file: the parser and the extractor never panic, and every card they
//! make is whole. Run: `cargo +nightly fuzz run notes` (from the repository root).
#![no_main]

use libfuzzer_sys::fuzz_target;
use recall::notes::{cards_from_text, Mode, NoteRef, Settings};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines = text.split('\n').count();
    for (settings, source) in [
        (Settings::default(), "pages/fuzz.md"),
        (Settings { mode: Mode::Explicit, ..Settings::default() }, "journals/fuzz.md"),
        (Settings::default(), "pages/fuzz.org"),
    ] {
        let x = cards_from_text(&text, NoteRef::new("fuzz", source), &settings);
        let mut keys = std::collections::HashSet::new();
        for c in &x.cards {
            assert!(!c.question.trim().is_empty(), "empty question: {c:?}");
            assert!(!c.answer.trim().is_empty(), "empty answer: {c:?}");
            assert!(c.line >= 1 && c.line <= lines, "line {} of {lines}", c.line);
            assert!(keys.insert(c.key), "duplicate key: {c:?}");
        }
        for w in &x.warnings {
            assert!(w.line >= 1 && w.line <= lines);
        }
    }
});
