//! The import sync under random note edits, renames and deletions (a property test, run by
//! `cargo test`): after every import, the live cards are exactly the notes' cards, no card is
//! ever deleted or duplicated, and a card whose question stays in its note keeps its id (and
//! so its history).

use super::*;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

const FILES: [&str; 4] = ["a.md", "b.md", "sub/c.md", "d.md"];

/// What a person does to the notes folder between imports.
#[derive(Debug, Clone)]
enum Op {
    /// Writes note `file` with these questions (by number), answers in version `answers`.
    Write {
        file: usize,
        questions: Vec<u8>,
        answers: u8,
    },
    Delete(usize),
    /// Renames (moves) a note to another name.
    Rename(usize, usize),
    /// `recall import FOLDER`, or the refresh before a review.
    Import {
        sync: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..FILES.len(), prop::collection::vec(0u8..12, 0..5), 0u8..3).prop_map(
            |(file, questions, answers)| Op::Write { file, questions, answers }
        ),
        1 => (0..FILES.len()).prop_map(Op::Delete),
        1 => (0..FILES.len(), 0..FILES.len()).prop_map(|(a, b)| Op::Rename(a, b)),
        3 => any::<bool>().prop_map(|sync| Op::Import { sync }),
    ]
}

fn note(questions: &[u8], answers: u8) -> String {
    let mut seen = BTreeSet::new();
    questions
        .iter()
        .filter(|q| seen.insert(**q))
        .map(|q| format!("- Which number is question {q}?\n\t- it is {q}, version {answers}\n"))
        .collect()
}

/// (deck, question) → card id of every live card.
fn live(env: &Env) -> BTreeMap<(String, String), i64> {
    let mut stmt = env
        .store
        .conn
        .prepare(
            "SELECT d.name, c.question, c.id FROM cards c JOIN decks d ON d.id = c.deck_id \
             WHERE c.retired_at IS NULL",
        )
        .unwrap();
    let rows: Vec<(String, String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = BTreeMap::new();
    for (deck, q, id) in rows {
        assert!(
            out.insert((deck.clone(), q.clone()), id).is_none(),
            "duplicated: {deck} {q}"
        );
    }
    out
}

/// (deck, question) of every card the notes on disk hold now.
fn expected(env: &Env, root: &std::path::Path) -> BTreeSet<(String, String)> {
    let (files, _) = collect_files(&[root]);
    let mut out = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f.path).unwrap();
        let shown = f.path.display().to_string();
        let x =
            crate::notes::cards_from_text(&text, f.note_ref(None, &shown), &Settings::default());
        for c in x.cards {
            out.insert((f.deck.clone(), c.question));
        }
    }
    let _ = env;
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn no_card_is_lost_duplicated_or_torn_from_its_history(ops in prop::collection::vec(op(), 1..24)) {
        let mut env = Env::new();
        let root = env.dir.path().join("notes");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        env.write("notes/a.md", &note(&[0, 1], 0));
        // Imports at the real time: a file written within the last second is read whatever
        // its size and time say (so quick rewrites here are never missed).
        let now = || crate::clock::Clock::system().now();
        env.import_at(&[&root], now(), false);
        let mut rows_before = 0i64;
        let mut last_live = live(&env);
        for op in ops {
            match op {
                Op::Write { file, questions, answers } => {
                    std::fs::write(root.join(FILES[file]), note(&questions, answers)).unwrap();
                }
                Op::Delete(file) => {
                    let _ = std::fs::remove_file(root.join(FILES[file]));
                }
                Op::Rename(a, b) => {
                    if a != b && root.join(FILES[a]).exists() {
                        std::fs::rename(root.join(FILES[a]), root.join(FILES[b])).unwrap();
                    }
                }
                Op::Import { sync } => {
                    // A sync leaves a folder with none of its notes alone (a drive not
                    // mounted looks like that); an import of the folder does not.
                    let empty = crate::notes::source::note_files(&root).0.is_empty();
                    let left_alone = sync && empty;
                    if sync {
                        crate::import::refresh(&mut env.store, &env.config, now()).unwrap();
                    } else {
                        env.import_at(&[&root], now(), false);
                    }
                    let now = live(&env);
                    let want = if left_alone {
                        last_live.keys().cloned().collect()
                    } else {
                        expected(&env, &root)
                    };
                    let have: BTreeSet<_> = now.keys().cloned().collect();
                    prop_assert_eq!(&have, &want);
                    // Never deleted: the card rows only grow.
                    let rows: i64 = env.store.conn.query_row("SELECT count(*) FROM cards", [], |r| r.get(0)).unwrap();
                    prop_assert!(rows >= rows_before);
                    rows_before = rows;
                    // A card still in its deck keeps its id.
                    for (key, id) in &now {
                        if let Some(old) = last_live.get(key) {
                            prop_assert_eq!(old, id, "{:?} changed id", key);
                        }
                    }
                    last_live = now;
                }
            }
        }
    }
}
