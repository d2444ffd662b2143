use super::*;

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/recall.db");
    (dir, path)
}

#[test]
fn a_new_database_gets_the_whole_schema_and_pragmas() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    assert!(path.exists(), "the folder and file are created");
    assert_eq!(store.user_version().unwrap(), MIGRATIONS.len());
    let mode: String = store
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = store
        .conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    for table in ["decks", "sources", "cards", "reviews", "card_state"] {
        let n: i64 = store
            .conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "{table}");
    }
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
    drop(store);
    // Opening again migrates nothing.
    assert_eq!(
        Store::open(&path).unwrap().user_version().unwrap(),
        MIGRATIONS.len()
    );
}

#[test]
fn a_newer_database_is_refused_and_left_untouched() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    {
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(
        matches!(err, Error::NewerDatabase { found: 99, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("upgrade recall"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn backup_is_a_consistent_copy_beside_the_database() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.deck_id("python", 1).unwrap();
    store.backup(1).unwrap();
    store.backup(1).unwrap();
    let first = PathBuf::from(format!("{}.v1.bak", path.display()));
    let second = PathBuf::from(format!("{}.v1.2.bak", path.display()));
    let copy = Connection::open(&first).unwrap();
    let n: i64 = copy
        .query_row("SELECT COUNT(*) FROM decks", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    assert!(second.exists(), "an older backup is never overwritten");
}

#[test]
fn transactions_commit_or_leave_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    store.transaction(true, |s| s.deck_id("kept", 1)).unwrap();
    store.transaction(false, |s| s.deck_id("dry", 1)).unwrap();
    let failed: Result<()> = store.transaction(true, |s| {
        s.deck_id("failed", 1)?;
        Err(Error::Binary { path: "x".into() })
    });
    assert!(failed.is_err());
    assert!(store.find_deck("kept").unwrap().is_some());
    assert_eq!(store.find_deck("dry").unwrap(), None);
    assert_eq!(store.find_deck("failed").unwrap(), None);
}

#[test]
fn deck_ids_are_stable() {
    let store = Store::open_in_memory().unwrap();
    let a = store.deck_id("python", 1).unwrap();
    assert_eq!(store.deck_id("python", 2).unwrap(), a);
    assert_ne!(store.deck_id("rust", 2).unwrap(), a);
}

mod answers {
    use super::*;
    use crate::schedule::{CardSchedule, Phase, Rating, Scheduler, SchedulerConfig};
    use crate::store::reviews::Answer;

    fn store_with_card() -> (Store, i64) {
        let store = Store::open_in_memory().unwrap();
        let deck = store.deck_id("d", 1).unwrap();
        store
            .conn
            .execute(
                "INSERT INTO cards (deck_id, key, kind, question, answer, line, position, created_at, updated_at) \
                 VALUES (?1, 'k', 'basic', 'q', 'a', 1, 0, 1, 1)",
                [deck],
            )
            .unwrap();
        let id = store.conn.last_insert_rowid();
        (store, id)
    }

    #[test]
    fn an_answer_is_logged_and_cached() {
        let (mut store, card) = store_with_card();
        assert_eq!(store.card_schedule(card).unwrap(), CardSchedule::NEW);
        let s = Scheduler::new(SchedulerConfig::default()).unwrap();
        let now = 1_795_500_000_000;
        let after = s.answer(&CardSchedule::NEW, Rating::Good, now, 0.5);
        let id = store
            .record_answer(&Answer {
                card_id: card,
                reviewed_at: now,
                rating: Rating::Good,
                duration_ms: 4200,
                before: CardSchedule::NEW,
                after,
            })
            .unwrap();
        assert_eq!(store.card_schedule(card).unwrap(), after);
        let (rating, before, state_after, due): (i64, String, String, Option<i64>) = store
            .conn
            .query_row(
                "SELECT rating, state_before, state_after, due_after FROM reviews WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!(
            (rating, before.as_str(), state_after.as_str(), due),
            (3, "new", "review", after.due)
        );
        assert_eq!(after.phase, Phase::Review);
    }

    #[test]
    fn a_failed_answer_leaves_no_trace() {
        let (mut store, _) = store_with_card();
        let bad = Answer {
            card_id: 999, // no such card: the foreign key refuses it
            reviewed_at: 1,
            rating: Rating::Again,
            duration_ms: 1,
            before: CardSchedule::NEW,
            after: CardSchedule::NEW,
        };
        assert!(store.record_answer(&bad).is_err());
        let n: i64 = store
            .conn
            .query_row("SELECT COUNT(*) FROM reviews", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }
}

#[test]
fn upgrading_keeps_the_data_and_a_backup_of_the_old_database() {
    let (_dir, path) = temp_db();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    {
        // A database as the first recall left it: schema 1, with a deck.
        let c = Connection::open(&path).unwrap();
        c.execute_batch(MIGRATIONS[0].1).unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
        c.execute(
            "INSERT INTO decks (name, created_at) VALUES ('python', 1)",
            [],
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.user_version().unwrap(), MIGRATIONS.len());
    assert!(store.find_deck("python").unwrap().is_some(), "data kept");
    store
        .conn
        .query_row("SELECT buried_until FROM cards LIMIT 1", [], |_| Ok(()))
        .or_else(|e| {
            if e == rusqlite::Error::QueryReturnedNoRows {
                Ok(())
            } else {
                Err(e)
            }
        })
        .expect("the new column exists");
    let backup = PathBuf::from(format!("{}.v1.bak", path.display()));
    let old = Connection::open(&backup).unwrap();
    let v: i64 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let decks: i64 = old
        .query_row("SELECT COUNT(*) FROM decks", [], |r| r.get(0))
        .unwrap();
    assert_eq!((v, decks), (1, 1), "the backup is the database as it was");
}

mod queue {
    use super::*;
    use crate::store::queue::QueueFilter;

    const NOW: i64 = 1_795_510_800_000;
    const DAY: i64 = 86_400_000;

    /// `n` review cards in deck `deck`, all due; card k was last reviewed k days ago with
    /// stability `stability` (lower stability and older reviews are more at risk).
    fn reviews(store: &Store, deck: &str, n: i64, stability: f64, first_id: i64) {
        let d = store.deck_id(deck, 1).unwrap();
        for k in 0..n {
            let id = first_id + k;
            store
                .conn
                .execute(
                    "INSERT INTO cards (id, deck_id, key, kind, question, answer, line, position, created_at, updated_at, studied) \
                     VALUES (?1, ?2, ?3, 'basic', ?3, 'a', 1, ?1, 1, 1, 1)",
                    rusqlite::params![id, d, format!("q{id}")],
                )
                .unwrap();
            store
                .conn
                .execute(
                    "INSERT INTO card_state (card_id, state, due, stability, difficulty, last_review, reps) \
                     VALUES (?1, 'review', ?2, ?3, 5.0, ?4, 2)",
                    rusqlite::params![id, NOW - DAY, stability, NOW - (k + 1) * DAY],
                )
                .unwrap();
        }
    }

    #[test]
    fn the_most_at_risk_reviews_come_first_and_filters_widen_the_search() {
        let store = Store::open_in_memory().unwrap();
        reviews(&store, "a", 100, 1.0, 1); // very much at risk
        reviews(&store, "b", 10, 50.0, 1001); // safer
        let all = store
            .due_cards(&QueueFilter::default(), 0, NOW + DAY, NOW, 5)
            .unwrap();
        let ids: Vec<i64> = all.iter().map(|c| c.id).collect();
        assert_eq!(
            ids,
            [100, 99, 98, 97, 96],
            "oldest review with the same stability first"
        );

        // Deck b only: its cards are past the first windows of at-risk ids, but still found.
        let b = QueueFilter {
            decks: vec!["b".into()],
            tag: None,
        };
        let ids: Vec<i64> = store
            .due_cards(&b, 0, NOW + DAY, NOW, 3)
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(ids, [1010, 1009, 1008]);

        // Suspended cards are skipped without shortening the list.
        store.set_suspended(100, true).unwrap();
        let ids: Vec<i64> = store
            .due_cards(&QueueFilter::default(), 0, NOW + DAY, NOW, 3)
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(ids, [99, 98, 97]);
    }
}
