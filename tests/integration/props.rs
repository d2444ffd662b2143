//! Property tests: note-like text built from the syntax real notes use (and raw bytes) never
//! panics the parser or extractor, and every card it yields is whole; review logs in CSV are
//! read or refused with a line, never a panic.

use proptest::prelude::*;
use recall::notes::{cards_from_text, parse, NoteRef, Settings};
use std::collections::{BTreeSet, HashSet};

/// Pieces real notes are made of, including the awkward ones.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "word",
        "other",
        "é",
        "…",
        " ",
        " ",
        "**",
        "*",
        "__",
        "`",
        "```",
        "~~~",
        "[[",
        "]]",
        "[",
        "](x)",
        "#tag",
        "#[[a b]]",
        "#card",
        "[[card]]",
        "{{cloze ",
        "{{c1::",
        "}}",
        "::",
        " :: ",
        " ::: ",
        "collapsed:: true",
        "id:: 6875bb38",
        "tags:: a, b",
        "# ",
        "## ",
        "> ",
        "<b>",
        "\\",
        "\r",
        "\t",
        "recall-cards:: explicit",
        "recall-cloze:: false",
        "---",
        "1. ",
        // Org and Logseq syntax: headings, drawers, planning, blocks, markup, refs, macros.
        "* ",
        "** TODO ",
        ":PROPERTIES:",
        ":ID: 4f1c2a9e",
        ":END:",
        ":LOGBOOK:",
        "SCHEDULED: <2026-03-05 Thu>",
        "#+TITLE: t",
        "#+BEGIN_SRC elisp",
        "#+END_SRC",
        "#+BEGIN_QUOTE",
        "#+END_QUOTE",
        "#+BEGIN_QUERY",
        "=code=",
        "/it/",
        "[[u][d]]",
        "((6604a1f2-3b7c-4e15-9a2d-81c0f4e6b7a3))",
        "{{embed [[p]]}}",
        "{{query (todo)}}",
        "TODO ",
        "[ ] ",
        "![i](x.png)",
        "> [!note] ",
        "[^1]",
        "==",
        "≈",
        "貓",
        "<br>",
        // Publishing dialects: Liquid tags, MkDocs admonitions, `:::` containers.
        "{%",
        "%}",
        "{% raw %}",
        "{% endraw %}",
        "{% hint style=\"info\" %}",
        "!!! note ",
        "    ",
        ":::tip",
        ":::",
        " is a ",
        ". ",
    ])
}

fn line() -> impl Strategy<Value = String> {
    (
        0usize..5,
        prop::bool::ANY,
        prop::sample::select(vec!["- ", "-", "* ", "1. ", "", "  "]),
        prop::collection::vec(piece(), 0..8),
    )
        .prop_map(|(depth, tabs, marker, pieces)| {
            let indent = if tabs {
                "\t".repeat(depth)
            } else {
                "  ".repeat(depth)
            };
            format!("{indent}{marker}{}", pieces.concat())
        })
}

fn note() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..40).prop_map(|lines| lines.join("\n"))
}

fn check(text: &str, source: &str) {
    let lines = text.split('\n').count();
    let x = cards_from_text(text, NoteRef::new("p", source), &Settings::default());
    let mut keys = HashSet::new();
    for c in &x.cards {
        assert!(!c.question.trim().is_empty(), "{c:?}");
        assert!(!c.answer.trim().is_empty(), "{c:?}");
        assert!((1..=lines).contains(&c.line), "{c:?}");
        assert!(keys.insert(c.key), "duplicate key {c:?}");
    }
    let again = cards_from_text(text, NoteRef::new("p", source), &Settings::default());
    assert_eq!(again, x, "extraction is deterministic");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn note_like_text_yields_whole_cards(text in note()) {
        check(&text, "pages/p.md");
        check(&text, "journals/p.md");
        check(&text, "pages/p.org");
    }

    #[test]
    fn any_bytes_are_survived(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let text = String::from_utf8_lossy(&bytes);
        check(&text, "pages/p.md");
        check(&text, "pages/p.org");
    }

    #[test]
    fn outline_subtrees_are_well_formed(text in note()) {
        let o = parse(&text);
        for (i, b) in o.blocks.iter().enumerate() {
            prop_assert!(b.end > i && b.end <= o.blocks.len());
            if let Some(p) = b.parent {
                prop_assert!(p < i && o.blocks[p].end >= b.end);
                prop_assert_eq!(o.blocks[p].depth + 1, b.depth);
            } else {
                prop_assert_eq!(b.depth, 0);
            }
        }
    }

    /// Moving whole sections around keeps every card's key: keys never depend on position.
    #[test]
    fn reordering_sections_keeps_keys(
        sections in prop::collection::btree_set("[a-z]{1,8}( [a-z]{1,8}){0,3}", 1..8),
        seed in any::<u64>(),
    ) {
        let texts: Vec<String> = sections
            .iter()
            .map(|q| format!("- {q}\n\t- answer to {q} with **{q}**\n"))
            .collect();
        let mut shuffled = texts.clone();
        // A seeded rotation plus swap is enough to move every section.
        let n = shuffled.len();
        shuffled.rotate_left(seed as usize % n);
        if n > 1 {
            shuffled.swap(0, (seed as usize / 7) % n);
        }
        let keys = |parts: &[String]| -> BTreeSet<(String, String)> {
            cards_from_text(&parts.concat(), NoteRef::new("p", "p.md"), &Settings::default())
                .cards
                .into_iter()
                .map(|c| (c.question, c.key.to_string()))
                .collect()
        };
        prop_assert_eq!(keys(&texts), keys(&shuffled));
    }
}

/// Pieces of review logs in the FSRS CSV layout, well and badly formed.
fn csv_piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "1",
        "42",
        "-7",
        "3",
        "4",
        "0",
        "9",
        "x",
        "",
        ",",
        ",",
        ",",
        "\n",
        "\n",
        "\r\n",
        "\"",
        "2024-03-01T09:30:00+01:00",
        "2024-03-01 09:30:00Z",
        "2024-03-01T09:30",
        "1709281800000",
        "99999999999999999999",
        "2024-13-45T99:99:99Z",
        " ",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Any CSV text is read or refused with a line number, never a panic; what is read
    /// converts to items whose every review has a grade and whose last one is on a later day.
    #[test]
    fn review_logs_in_csv_are_read_or_refused_with_a_line(
        header in prop::sample::select(vec![
            "card_id,review_rating,review_time\n",
            "review_time,card_id,review_rating,review_state,review_duration\n",
            "card_id,review_rating\n",
        ]),
        body in prop::collection::vec(csv_piece(), 0..80),
    ) {
        let text = format!("{header}{}", body.concat());
        match recall::optimize::csv::read(std::path::Path::new("log.csv"), &text, 4, recall::clock::Zone::Fixed(3600)) {
            Ok(log) => {
                let items = recall::optimize::to_items(log);
                for item in &items.items {
                    prop_assert!(item.reviews.iter().all(|r| (1..=4).contains(&r.rating)));
                    prop_assert!(item.reviews.last().unwrap().delta_t > 0);
                }
            }
            Err(e) => prop_assert!(e.to_string().starts_with("log.csv:"), "{}", e),
        }
    }
}
