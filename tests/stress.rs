//! The stress tests: notes of fifty megabytes and outlines ten thousand levels deep, read within
//! the limits and without a deep stack. A target of their own, so the unit suite stays quick
//! (`cargo test --test stress` runs them alone; `cargo test` runs them with the rest).

use recall::notes::{cards_from_text, parse, Caps, NoteRef, Settings};

#[test]
fn fifty_megabytes_of_notes_are_read_up_to_the_block_limit() {
    let unit = "- question about {{cloze topic}} number\n\t- its answer with `code` and [[link]]\n";
    let copies = 50_000_000 / unit.len();
    let src = unit.repeat(copies);
    let x = cards_from_text(&src, NoteRef::new("d", "notes/d.md"), &Settings::default());
    // Each unit (two blocks) gives its cloze; all identical, so keys are disambiguated.
    // Reading stops at the limit, and says where.
    let read = Caps::default().blocks_per_note / 2;
    assert_eq!(x.cards.len(), read);
    assert_eq!(x.cards[read - 1].line, 2 * read - 1);
    let w = x
        .warnings
        .iter()
        .find(|w| w.message.contains("blocks in one note"));
    assert_eq!(w.map(|w| w.line), Some(2 * read + 1), "{:?}", x.warnings);
}

#[test]
fn ten_thousand_deep_outline_of_fifty_megabytes() {
    let depth = 10_000;
    let mut src = String::with_capacity(depth * depth / 2 + depth * 8);
    for d in 0..depth {
        src.push_str(&" ".repeat(d));
        src.push_str("- x\n");
    }
    src.push_str(&" ".repeat(depth - 1));
    src.push_str("- y\n");
    let got = cards_from_text(&src, NoteRef::new("d", "notes/d.md"), &Settings::default()).cards;
    assert_eq!(got.len(), 1, "only the last parent has leaves as children");
    assert_eq!(got[0].answer, "- x\n- y");
    assert!(got[0].context.starts_with("d › x › … › x"));
}

#[test]
fn deep_outline_needs_no_stack() {
    // 10,000 levels of one-space indentation is a 50 MB file (depth costs quadratic bytes, so
    // 100,000-deep *outlines* cannot be written; 100,000-deep inline nesting is tested in the
    // extractor).
    let depth = 10_000;
    let mut src = String::new();
    for d in 0..depth {
        src.push_str(&" ".repeat(d));
        src.push_str("- x\n");
    }
    let o = parse(&src);
    assert_eq!(o.blocks.len(), depth);
    assert_eq!(o.blocks[depth - 1].depth, depth - 1);
    assert_eq!(o.blocks[0].end, depth);
    drop(o);
}
