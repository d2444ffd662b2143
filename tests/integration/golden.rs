//! Golden extraction: every card of the user's own notes (decks/python.md) and of small
//! fixtures in other note styles, as reviewed snapshots, plus quality checks on each card.

use recall::notes::{cards_from_text, Extraction, NoteRef, Settings};
use recall::{Card, CardKind};
use std::collections::HashSet;
use std::fmt::Write as _;

fn extract(deck: &str, source: &str, text: &str) -> Extraction {
    cards_from_text(text, NoteRef::new(deck, source), &Settings::default())
}

/// One block of text per card, for reading a snapshot card by card.
fn render(cards: &[Card]) -> String {
    let mut out = String::new();
    for c in cards {
        let _ = writeln!(
            out,
            "── {}:{} {} {}",
            c.source,
            c.line,
            c.kind.as_str(),
            c.key
        );
        if !c.context.is_empty() {
            let _ = writeln!(out, "in: {}", c.context);
        }
        if !c.tags.is_empty() {
            let _ = writeln!(out, "tags: {}", c.tags.join(", "));
        }
        let _ = writeln!(out, "Q: {}", c.question.replace('\n', "\n   "));
        let _ = writeln!(out, "A: {}", c.answer.replace('\n', "\n   "));
    }
    out
}

/// What every card must be: whole, free of property noise, not a duplicate, one blank per cloze.
fn check_quality(cards: &[Card]) {
    let mut keys = HashSet::new();
    let mut seen = HashSet::new();
    for c in cards {
        assert!(!c.question.trim().is_empty(), "empty question: {c:?}");
        assert!(!c.answer.trim().is_empty(), "empty answer: {c:?}");
        assert_ne!(
            c.question.trim(),
            c.answer.trim(),
            "answer repeats question: {c:?}"
        );
        for text in [&*c.question, &*c.answer, &*c.context] {
            for noise in [
                "collapsed::",
                "id::",
                "tags::",
                "logseq.order-list-type",
                "card-",
            ] {
                assert!(!text.contains(noise), "{noise} in {text:?}");
            }
            assert!(!text.contains("[["), "unrendered link in {text:?}");
        }
        assert!(keys.insert(c.key), "duplicate key {}", c.key);
        assert!(
            seen.insert((c.kind, c.question.clone(), c.answer.clone())),
            "duplicate card {c:?}"
        );
        if c.kind == CardKind::Cloze {
            assert_eq!(c.question.matches("[…]").count(), 1, "{c:?}");
        }
    }
}

#[test]
fn python_deck() {
    let text = std::fs::read_to_string(crate::util::python_deck()).expect("bundled deck");
    let x = extract("python", "decks/python.md", &text);
    assert!(x.warnings.is_empty(), "{:?}", x.warnings);
    check_quality(&x.cards);
    let basic = x.cards.iter().filter(|c| c.kind == CardKind::Basic).count();
    let cloze = x.cards.len() - basic;
    assert_eq!((basic, cloze), (25, 13));
    insta::assert_snapshot!("python_deck", render(&x.cards));
}

#[test]
fn markdown_notes_fixture() {
    let text = include_str!("../fixtures/markdown-notes.md");
    let x = extract("markdown-notes", "tests/fixtures/markdown-notes.md", text);
    assert!(x.warnings.is_empty(), "{:?}", x.warnings);
    check_quality(&x.cards);
    insta::assert_snapshot!("markdown_notes", render(&x.cards));
}

#[test]
fn explicit_cards_fixture() {
    let text = include_str!("../fixtures/explicit-cards.md");
    let x = extract("explicit-cards", "tests/fixtures/explicit-cards.md", text);
    check_quality(&x.cards);
    let warnings: Vec<String> = x
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.line, w.message))
        .collect();
    insta::assert_snapshot!(
        "explicit_cards",
        format!("{}warnings: {warnings:#?}\n", render(&x.cards))
    );
}
