use super::*;
use crate::model::{CardId, CardKey, CardKind, DeckId, Tags};
use std::sync::Arc;

fn card(q: &str, a: &str) -> Card {
    Card {
        key: CardKey(0),
        kind: CardKind::Basic,
        question: q.into(),
        answer: a.into(),
        context: Arc::from(""),
        deck: Arc::from("d"),
        source: Arc::from("d.md"),
        line: 1,
        tags: Tags::default(),
        origin: crate::model::Origin::Auto,
        group: 1,
    }
}

fn stored(id: i64, q: &str, a: &str, position: i64) -> StoredCard {
    StoredCard {
        id: CardId(id),
        key: format!("k{id}"),
        kind: CardKind::Basic,
        question: q.into(),
        answer: a.into(),
        context: String::new(),
        tags: Tags::default(),
        source_id: Some(1),
        line: 1,
        position,
        retired_at: None,
        deck_id: DeckId(1),
        sibling_line: Some(1),
    }
}

// ---- the pure plan ----

#[test]
fn same_key_takes_the_card_and_the_rest_retire() {
    let cards = [card("q1", "a"), card("q2", "a")];
    let s1 = stored(1, "q1", "a", 0);
    let gone = stored(2, "something else entirely", "zzz", 1);
    let p = plan(&cards, &[Some(s1.clone()), None], &[s1, gone]);
    assert_eq!(
        p.actions,
        [
            Action::Take {
                id: CardId(1),
                how: Take::Key
            },
            Action::Insert
        ]
    );
    assert_eq!(p.retire, [CardId(2)]);
}

#[test]
fn a_retired_card_with_the_key_is_restored() {
    let mut s = stored(7, "q", "a", 0);
    s.retired_at = Some(5);
    let p = plan(&[card("q", "a")], &[Some(s)], &[]);
    assert_eq!(
        p.actions,
        [Action::Take {
            id: CardId(7),
            how: Take::Restore
        }]
    );
}

#[test]
fn a_reworded_question_keeps_its_card() {
    let cards = [card(
        "custom loggers propagate logs to rootLogger",
        "use propagate=False",
    )];
    let old = stored(
        3,
        "custom logger propagates log to rootLogger",
        "use propagate=False",
        0,
    );
    let p = plan(&cards, &[None], &[old]);
    assert_eq!(
        p.actions,
        [Action::Take {
            id: CardId(3),
            how: Take::Reword
        }]
    );
    assert!(p.retire.is_empty());
}

#[test]
fn the_same_question_under_a_new_key_is_no_rewording() {
    // What a file moved to another deck looks like: no key matches, the question is the same.
    let p = plan(
        &[card("GIL", "a lock")],
        &[None],
        &[stored(1, "GIL", "a lock", 0)],
    );
    assert_eq!(
        p.actions,
        [Action::Take {
            id: CardId(1),
            how: Take::Key
        }]
    );
}

#[test]
fn short_questions_use_letter_pairs() {
    assert!(similarity("wraps", "wraps(f)") >= REWORD_SIMILARITY);
    let p = plan(
        &[card("wraps(f)", "new answer")],
        &[None],
        &[stored(1, "wraps", "old answer", 0)],
    );
    assert_eq!(
        p.actions,
        [Action::Take {
            id: CardId(1),
            how: Take::Reword
        }]
    );
}

#[test]
fn unrelated_questions_are_not_rewordings() {
    let p = plan(
        &[card("what is the GIL", "a lock")],
        &[None],
        &[stored(1, "event loop", "picks tasks", 0)],
    );
    assert_eq!(p.actions, [Action::Insert]);
    assert_eq!(p.retire, [CardId(1)]);
}

#[test]
fn the_same_answer_lowers_the_bar() {
    let a = "forward the source function name, metadata to wrapper";
    let (q_old, q_new) = ("functools.wraps decorator", "what does functools.wraps do");
    let score = similarity(&normalize(q_new), &normalize(q_old));
    assert!(
        (REWORD_SIMILARITY_SAME_ANSWER..REWORD_SIMILARITY).contains(&score),
        "{score}"
    );
    let p = plan(&[card(q_new, a)], &[None], &[stored(1, q_old, a, 0)]);
    assert_eq!(
        p.actions,
        [Action::Take {
            id: CardId(1),
            how: Take::Reword
        }]
    );
    let p = plan(&[card(q_new, "other")], &[None], &[stored(1, q_old, a, 0)]);
    assert_eq!(p.actions, [Action::Insert]);
}

#[test]
fn a_kind_change_is_not_a_rewording() {
    let mut c = card("run in a specific thread", "x");
    c.kind = CardKind::Cloze;
    let p = plan(
        &[c],
        &[None],
        &[stored(1, "run in a specific thread", "x", 0)],
    );
    assert_eq!(p.actions, [Action::Insert]);
}

#[test]
fn the_most_similar_rewording_wins() {
    let cards = [
        card("event loop picks a task", "x"),
        card("event loop picks the next task", "x"),
    ];
    let old = stored(1, "event loop picks the next ready task", "x", 0);
    let p = plan(&cards, &[None, None], &[old]);
    assert_eq!(
        p.actions,
        [
            Action::Insert,
            Action::Take {
                id: CardId(1),
                how: Take::Reword
            }
        ]
    );
}

// ---- import of real files into a store ----

struct Env {
    dir: tempfile::TempDir,
    store: Store,
    config: Config,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("recall.db")).unwrap();
        Env {
            dir,
            store,
            config: Config::default(),
        }
    }

    fn write(&self, name: &str, text: &str) -> std::path::PathBuf {
        let p = self.dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    fn import_at(&mut self, paths: &[&std::path::Path], now: i64, dry_run: bool) -> Report {
        let (files, errors) = collect_files(paths);
        assert!(errors.is_empty(), "{errors:?}");
        let folders: Vec<super::Folder> = paths
            .iter()
            .filter(|p| p.is_dir())
            .map(|p| super::Folder {
                path: p.to_path_buf(),
                deck: None,
                flags: CardSettings::default(),
            })
            .collect();
        let opts = Options {
            folders: &folders,
            deck: None,
            dry_run,
            config: &self.config,
            flags: CardSettings::default(),
            keep_flags: false,
            before_commit: None,
            interrupted: None,
            now,
        };
        import(&mut self.store, &files, &opts, |_| {}).unwrap()
    }

    fn import(&mut self, paths: &[&std::path::Path]) -> Counts {
        // Imports are "later" than any file write: mtimes are trusted only when older.
        self.import_at(paths, now_plus_an_hour(), false).counts
    }

    /// (id, question, retired) of every card, by id.
    fn cards(&self) -> Vec<(i64, String, bool)> {
        let mut stmt = self
            .store
            .conn
            .prepare("SELECT id, question, retired_at IS NOT NULL FROM cards ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    fn id_of(&self, question: &str) -> i64 {
        self.cards()
            .into_iter()
            .find(|c| c.1 == question)
            .unwrap_or_else(|| panic!("no card {question:?}"))
            .0
    }
}

fn now_plus_an_hour() -> i64 {
    crate::clock::Clock::system().now() + 3_600_000
}

const NOTE: &str = "- event loop\n\t- picks the most ready task\n\t- runs in a **specific** thread\n- lock\n\t- asyncio.Lock\n";

#[test]
fn first_import_adds_every_card_in_note_order() {
    let mut env = Env::new();
    let p = env.write("asyncio.md", NOTE);
    let c = env.import(&[&p]);
    assert_eq!((c.files, c.added, c.retired), (1, 3, 0));
    let qs: Vec<String> = env.cards().into_iter().map(|c| c.1).collect();
    assert_eq!(qs, ["event loop", "runs in a […] thread", "lock"]);
    let decks = env.store.deck_counts(0).unwrap();
    assert_eq!(
        (decks[0].name.as_str(), decks[0].new, decks[0].total),
        ("asyncio", 3, 3)
    );
}

#[test]
fn edits_keep_ids_and_history() {
    let mut env = Env::new();
    let p = env.write("asyncio.md", NOTE);
    env.import(&[&p]);
    let loop_id = env.id_of("event loop");
    let lock_id = env.id_of("lock");
    env.store
        .conn
        .execute(
            "INSERT INTO reviews (card_id, reviewed_at, rating, duration_ms, state_before, state_after) VALUES (?1, 1, 3, 1000, 'new', 'learning')",
            [loop_id],
        )
        .unwrap();

    // Answer changed and sections reordered: same cards.
    env.write("asyncio.md", "- lock\n\t- asyncio.Lock, shared by tasks\n- event loop\n\t- picks the most ready task\n\t- runs in a **specific** thread\n");
    let c = env.import(&[&p]);
    assert_eq!(
        (c.added, c.updated, c.retired, c.unchanged),
        (0, 1, 0, 2),
        "{c:?}"
    );
    assert_eq!(env.id_of("lock"), lock_id);
    assert_eq!(env.id_of("event loop"), loop_id);

    // Reworded question: same card.
    env.write("asyncio.md", "- lock\n\t- asyncio.Lock, shared by tasks\n- the event loop\n\t- picks the most ready task\n\t- runs in a **specific** thread\n");
    let c = env.import(&[&p]);
    assert_eq!((c.added, c.reworded, c.retired), (0, 1, 0), "{c:?}");
    assert_eq!(env.id_of("the event loop"), loop_id);

    // Deleted: retired, not deleted. Restored: the same card comes back.
    env.write("asyncio.md", "- lock\n\t- asyncio.Lock, shared by tasks\n");
    let c = env.import(&[&p]);
    assert_eq!((c.retired, c.unchanged), (2, 1), "{c:?}");
    assert!(
        env.cards().iter().any(|c| c.0 == loop_id && c.2),
        "retired, still stored"
    );
    env.write("asyncio.md", "- lock\n\t- asyncio.Lock, shared by tasks\n- the event loop\n\t- picks the most ready task\n\t- runs in a **specific** thread\n");
    let c = env.import(&[&p]);
    assert_eq!((c.restored, c.added), (2, 0), "{c:?}");
    assert_eq!(env.id_of("the event loop"), loop_id);

    let reviews: i64 = env
        .store
        .conn
        .query_row(
            "SELECT COUNT(*) FROM reviews WHERE card_id = ?1",
            [loop_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reviews, 1, "the review survived every edit");
    assert_eq!(env.cards().len(), 3, "nothing was ever deleted");
}

#[test]
fn unchanged_files_are_skipped_and_settings_changes_are_not() {
    let mut env = Env::new();
    let p = env.write("asyncio.md", NOTE);
    env.import(&[&p]);
    let c = env.import(&[&p]);
    assert_eq!((c.skipped_unchanged, c.added, c.unchanged), (1, 0, 0));
    env.config = Config::parse(Path::new("c.toml"), "[cards]\nbold-cloze = false\n").unwrap();
    let c = env.import(&[&p]);
    assert_eq!(
        (c.skipped_unchanged, c.retired, c.unchanged),
        (0, 1, 2),
        "{c:?}"
    );
}

#[test]
fn changed_limits_read_every_file_again_and_default_ones_change_no_hash() {
    let mut env = Env::new();
    let p = env.write("asyncio.md", NOTE);
    env.import(&[&p]);
    env.config = Config::parse(Path::new("c.toml"), "[limits]\nblocks-per-note = 3\n").unwrap();
    let c = env.import(&[&p]);
    assert_eq!((c.skipped_unchanged, c.retired), (0, 1), "{c:?}");
    let qs: Vec<String> = env.cards().into_iter().map(|c| c.1).collect();
    assert_eq!(
        qs,
        ["event loop", "runs in a […] thread", "lock"],
        "retired, not deleted"
    );
    // Limits spelled out at their defaults are the defaults: nothing is read again.
    env.config =
        Config::parse(Path::new("c.toml"), "[limits]\nblocks-per-note = 100000\n").unwrap();
    let c = env.import(&[&p]);
    assert_eq!((c.skipped_unchanged, c.restored), (0, 1), "{c:?}");
    let c = env.import(&[&p]);
    assert_eq!(c.skipped_unchanged, 1, "{c:?}");
    env.config = Config::default();
    assert_eq!(env.import(&[&p]).skipped_unchanged, 1);
    // The file-size cap changes nothing in a file that was read.
    env.config = Config::parse(Path::new("c.toml"), "[limits]\nnote-bytes = 1000\n").unwrap();
    assert_eq!(env.import(&[&p]).skipped_unchanged, 1);
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let mut env = Env::new();
    let p = env.write("asyncio.md", NOTE);
    let r = env.import_at(&[&p], now_plus_an_hour(), true);
    assert_eq!(r.counts.added, 3);
    assert_eq!(r.changes.len(), 3);
    assert_eq!(r.changes[0].kind, ChangeKind::Added);
    assert!(env.cards().is_empty());
    assert!(env.store.source_paths().unwrap().is_empty());
}

#[test]
fn bad_files_are_reported_and_the_rest_imported() {
    let mut env = Env::new();
    let good = env.write("good.md", NOTE);
    let bad = env.dir.path().join("bad.md");
    std::fs::write(&bad, b"- caf\xe9\n\t- x\n").unwrap();
    let (files, _) = collect_files(&[&good, &bad]);
    let opts = Options {
        deck: None,
        dry_run: false,
        config: &env.config,
        flags: CardSettings::default(),
        keep_flags: false,
        before_commit: None,
        interrupted: None,
        folders: &[],
        now: 1,
    };
    let r = import(&mut env.store, &files, &opts, |_| {}).unwrap();
    assert_eq!((r.counts.added, r.counts.failed), (3, 1));
    assert!(
        r.errors[0].to_string().contains("bad.md: not UTF-8"),
        "{}",
        r.errors[0]
    );
}

#[test]
fn one_deck_for_several_files_keeps_same_questions_apart() {
    let mut env = Env::new();
    let a = env.write("a.md", "- Summary\n\t- first\n");
    let b = env.write("b.md", "- Summary\n\t- second\n");
    let (files, _) = collect_files(&[&a, &b]);
    let opts = Options {
        deck: Some("all"),
        dry_run: false,
        config: &env.config,
        flags: CardSettings::default(),
        keep_flags: false,
        before_commit: None,
        interrupted: None,
        folders: &[],
        now: now_plus_an_hour(),
    };
    let r = import(&mut env.store, &files, &opts, |_| {}).unwrap();
    assert_eq!(r.counts.added, 2);
    // Importing again changes nothing: each file keeps its own card.
    std::fs::write(&a, "- Summary\n\t- first, edited\n").unwrap();
    let r = import(&mut env.store, &files, &opts, |_| {}).unwrap();
    assert_eq!(
        (r.counts.updated, r.counts.added, r.counts.retired),
        (1, 0, 0),
        "{:?}",
        r.counts
    );
}

mod files_gone;
mod sync_props;

#[test]
fn a_name_the_card_took_on_another_device_finds_it_however_far_the_wording_moved() {
    let mut env = Env::new();
    let p = env.write(
        "gil.md",
        "- What does the GIL guard?\n\t- the interpreter\n",
    );
    env.import(&[&p]);
    let id = env.id_of("What does the GIL guard?");
    // Elsewhere the question was reworded twice (too far for a rewording to be seen here);
    // the rename came in by sync, so this device knows the card's new name.
    let mut scratch = Env::new();
    let q = "Which lock serialises Python bytecode across threads?";
    let sp = scratch.write("gil.md", &format!("- {q}\n\t- the interpreter\n"));
    scratch.import(&[&sp]);
    let (deck, key): (String, String) = scratch
        .store
        .conn
        .query_row(
            "SELECT d.name, c.key FROM cards c JOIN decks d ON d.id = c.deck_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let old_key: String = env
        .store
        .conn
        .query_row("SELECT key FROM cards WHERE id = ?1", [id], |r| r.get(0))
        .unwrap();
    let device = env.store.device_row("00000000000000aa", "").unwrap();
    let name = |key: &str| crate::event::CardRef {
        deck: deck.clone(),
        key: key.to_string(),
    };
    env.store
        .add_synced_rename(CardId(id), &name(&old_key), &name(&key), 5, device, 1)
        .unwrap();
    // The notes here get the edit: the same card, renamed, not a new one.
    env.write("gil.md", &format!("- {q}\n\t- the interpreter\n"));
    let c = env.import(&[&p]);
    assert_eq!((c.added, c.retired), (0, 0), "{c:?}");
    assert_eq!(env.id_of(q), id);
}
