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

/// The backups taken before an upgrade: (reason, path).
fn upgrade_backups(db: &Path) -> Vec<(String, PathBuf)> {
    (copies::list(db).into_iter())
        .filter(|b| b.reason.starts_with("before-upgrade"))
        .map(|b| (b.reason, b.path))
        .collect()
}

#[test]
fn backup_is_a_consistent_copy_among_the_databases_backups() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    store.deck_id("python", 1).unwrap();
    store.backup(1).unwrap();
    store.deck_id("rust", 1).unwrap();
    store.backup(1).unwrap();
    let taken = upgrade_backups(&path);
    assert_eq!(taken.len(), 1, "one backup per version, not one per run");
    assert_eq!(taken[0].0, "before-upgrade-from-v1");
    let copy = Connection::open(&taken[0].1).unwrap();
    let n: i64 = copy
        .query_row("SELECT COUNT(*) FROM decks", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1, "the first copy of a version stands");
}

#[test]
fn an_upgrade_copy_goes_beside_the_database_when_its_backups_folder_cannot_be_written() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    // A file where the backups folder would be.
    std::fs::write(copies::folder(&path), "not a folder").unwrap();
    store.backup(3).unwrap();
    assert!(PathBuf::from(format!("{}.v3.bak", path.display())).exists());
    store.backup(3).unwrap(); // taken once
}

/// A file with these SQL statements, as another program would leave it.
fn foreign_db(sql: &str) -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let (dir, path) = temp_db();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    Connection::open(&path).unwrap().execute_batch(sql).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    (dir, path, bytes)
}

#[test]
fn another_programs_database_is_refused_and_left_as_it_was() {
    for (sql, what) in [
        (
            "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);",
            "tables moz_places",
        ),
        (
            "PRAGMA application_id = 1234; CREATE TABLE t (x);",
            "application id 0x4d2",
        ),
        // Tables named like recall's, but no schema version: not recall's either.
        (
            "CREATE TABLE cards (x); CREATE TABLE reviews (x); CREATE TABLE decks (x);",
            "tables cards",
        ),
    ] {
        let (_dir, path, before) = foreign_db(sql);
        let err = Store::open(&path).err().expect("refused");
        let msg = err.to_string();
        assert!(matches!(err, Error::Foreign { .. }), "{msg}");
        assert!(msg.contains(what) && msg.contains("not recall's"), "{msg}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "unchanged: {sql}");
        let wal = PathBuf::from(format!("{}-wal", path.display()));
        assert!(!wal.exists(), "not switched to WAL: {sql}");
    }
}

#[test]
fn a_failed_migration_changes_nothing_and_is_backed_up_once() {
    let (_dir, path) = temp_db();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    {
        // Schema 6, with a table in the way of migration 7.
        let c = Connection::open(&path).unwrap();
        for (_, sql) in &MIGRATIONS[..6] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 6).unwrap();
        c.execute_batch("CREATE TABLE note_folders (x);").unwrap();
    }
    for _ in 0..2 {
        let err = Store::open(&path).err().expect("the migration fails");
        assert!(matches!(err, Error::Migration { .. }), "{err}");
    }
    let c = Connection::open(&path).unwrap();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 6, "nothing of the failed migration stays");
    let baks = upgrade_backups(&path);
    assert_eq!(baks.len(), 1, "{baks:?}");
}

#[test]
fn a_new_database_is_marked_as_recalls() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let app: i64 = store
        .conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app, APPLICATION_ID);
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

mod answers;

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
    let backup = &upgrade_backups(&path)[0].1;
    let old = Connection::open(backup).unwrap();
    let v: i64 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let decks: i64 = old
        .query_row("SELECT COUNT(*) FROM decks", [], |r| r.get(0))
        .unwrap();
    assert_eq!((v, decks), (1, 1), "the backup is the database as it was");
}

mod queue;

mod answer_buckets {
    use super::*;
    use crate::schedule::{CardSchedule, Rating, Scheduler, SchedulerConfig};
    use crate::store::reviews::Answer;

    const NOW: i64 = 1_795_510_800_000;
    const MINUTE: i64 = 60_000;

    /// Cards 1..=3 in deck `a`, card 4 in deck `b`, and answers spread over 40 days at odd
    /// minutes, some undone; every fourth answer to a mature card.
    fn logged() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let a = store.deck_id("a", 1).unwrap();
        let b = store.deck_id("b", 1).unwrap();
        for (id, deck) in [(1, a), (2, a), (3, a), (4, b)] {
            store
                .conn
                .execute(
                    "INSERT INTO cards (id, deck_id, key, kind, question, answer, line, position, \
                     created_at, updated_at) VALUES (?1, ?2, ?1, 'basic', 'q', 'a', 1, ?1, 1, 1)",
                    [id, deck.0],
                )
                .unwrap();
        }
        let s = Scheduler::new(SchedulerConfig::default()).unwrap();
        // Oldest first, as answers are given.
        for k in (0..200i64).rev() {
            let at = NOW - (k * 287 + 13) * MINUTE;
            let mut before = CardSchedule {
                phase: if k % 7 == 0 {
                    crate::schedule::Phase::New
                } else {
                    crate::schedule::Phase::Review
                },
                stability: Some(10.0),
                difficulty: Some(5.0),
                due: Some(at),
                last_review: Some(at - (5 + 20 * (k % 4 / 3)) * 86_400_000),
                reps: 3,
                lapses: 0,
                step: 0,
            };
            if before.phase == crate::schedule::Phase::New {
                before = CardSchedule::NEW;
            }
            let rating =
                [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy][(k % 4) as usize];
            let after = s.answer(&before, rating, at, 0.5);
            let card = 1 + k % 4;
            // The answers are made up: the card is put in the state each was given in.
            super::reviews::write_state(&store.conn, crate::model::CardId(card), &before).unwrap();
            let id = store
                .record_answer(
                    &Answer {
                        card_id: crate::model::CardId(card),
                        reviewed_at: at,
                        rating,
                        duration_ms: 1000 + k,
                        before,
                        after,
                    },
                    &s,
                )
                .unwrap()
                .stored()
                .unwrap();
            if k % 9 == 0 {
                store
                    .undo_answer(id, crate::model::CardId(card), &s, at + 1)
                    .unwrap();
            }
        }
        store
    }

    #[test]
    fn the_cache_follows_answers_and_undos_and_can_be_rebuilt() {
        let mut store = logged();
        assert!(store.answer_buckets_match_log().unwrap());
        let buckets = |s: &Store| -> (i64, i64) {
            s.conn
                .query_row(
                    "SELECT SUM(answers), SUM(young + mature) FROM answer_buckets",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap()
        };
        // 200 answers, 23 undone (k = 0, 9, ..., 198); 171 of them to cards past learning
        // minus the undone ones among those.
        let counted = (0..200).filter(|k| k % 9 != 0).count() as i64;
        let reviews = (0..200).filter(|k| k % 9 != 0 && k % 7 != 0).count() as i64;
        assert_eq!(buckets(&store), (counted, reviews));

        // A damaged cache is found out, and rebuilt from the log.
        store
            .conn
            .execute("UPDATE answer_buckets SET again = again + 1 WHERE rowid = (SELECT MIN(rowid) FROM answer_buckets)", [])
            .unwrap();
        assert!(!store.answer_buckets_match_log().unwrap());
        store
            .conn
            .execute("DELETE FROM answer_buckets WHERE rowid % 2 = 0", [])
            .unwrap();
        // As `recall rebuild` does it: the card states as they are, the totals redone.
        let states = store.card_schedules().unwrap();
        store
            .replace_card_schedules(&states, true, |_| Ok(()))
            .unwrap();
        assert!(store.answer_buckets_match_log().unwrap());
        assert_eq!(buckets(&store), (counted, reviews));
    }

    #[test]
    fn days_from_the_cache_equal_days_from_the_log_in_every_time_zone() {
        let store = logged();
        // UTC with day start 4:00; India (+5:30); Nepal (+5:45); Los Angeles (-8:00) with
        // day start 0:00; Chatham (+12:45) with day start 23:00.
        for (offset, start) in [
            (0, 4),
            (5 * 3600 + 1800, 4),
            (5 * 3600 + 2700, 0),
            (-8 * 3600, 0),
            (12 * 3600 + 2700, 23),
        ] {
            let s = Scheduler::new(SchedulerConfig {
                zone: crate::clock::Zone::Fixed(offset),
                day_start_hour: start,
                ..SchedulerConfig::default()
            })
            .unwrap();
            let cached = store.answers_per_day(None, &s).unwrap();
            let logged = store.answers_per_day_from_log(None, &s).unwrap();
            assert_eq!(cached, logged, "offset {offset}, day start {start}");
            assert!(cached.len() > 30, "answers spread over 40 days");
            let total: i64 = cached.iter().map(|d| d.answers).sum();
            assert_eq!(total, (0..200).filter(|k| k % 9 != 0).count() as i64);
        }
    }

    #[test]
    fn deck_filter_reads_the_decks_answers_only() {
        let store = logged();
        let a = store.find_deck("a").unwrap().unwrap();
        let s = Scheduler::new(SchedulerConfig::default()).unwrap();
        let days = store.answers_per_day(Some(&[a]), &s).unwrap();
        let total: i64 = days.iter().map(|d| d.answers).sum();
        // Card 4 (deck b) takes every fourth answer.
        let expected = (0..200).filter(|k| k % 9 != 0 && k % 4 != 3).count() as i64;
        assert_eq!(total, expected);
    }

    #[test]
    fn answers_synced_by_the_thousand_are_counted_as_the_trigger_counts_them() {
        use crate::event::AnswerRow;
        use crate::schedule::Phase;
        use crate::store::sync::SyncedAnswer;
        let store = logged();
        store
            .conn
            .execute(
                "INSERT INTO cards (id, deck_id, key, kind, question, answer, line, position, \
                 created_at, updated_at) VALUES (5, 1, 5, 'basic', 'q', 'a', 1, 5, 1, 1)",
                [],
            )
            .unwrap();
        let origin = store.device_row("0123456789abcdef", "").unwrap();
        const DAY: i64 = 86_400_000;
        let phases = [
            Phase::New,
            Phase::Learning,
            Phase::Review,
            Phase::Relearning,
        ];
        // Every shape the figures tell apart: each phase, intervals either side of 21 days
        // (and exactly 21), no due date or no previous review, each rating; cards with
        // answers (1-4) and one without (5), some answers at one millisecond twice.
        let time = |i: i64| NOW - (i * 7919 % 50_000) * MINUTE - i % 3;
        let mut staged: Vec<SyncedAnswer> = (0..3000i64)
            .map(|i| {
                // Every 11th answer at the time of the card's answer before.
                let at = time(if i % 11 == 0 && i >= 5 { i - 5 } else { i });
                let interval = [DAY, 20 * DAY, 21 * DAY - 1, 21 * DAY, 90 * DAY][(i % 5) as usize];
                SyncedAnswer {
                    card: crate::model::CardId(1 + i % 5),
                    at,
                    row: AnswerRow {
                        rating: Rating::ALL[(i / 3 % 4) as usize],
                        duration_ms: 500 + i,
                        state_before: phases[(i / 2 % 4) as usize],
                        stability_before: Some(3.5),
                        difficulty_before: Some(6.25),
                        due_before: (i % 13 != 0).then_some(at),
                        last_review_before: (i % 17 != 0).then_some(at - interval),
                        state_after: Phase::Review,
                        stability_after: Some(4.0),
                        difficulty_after: Some(6.0),
                        due_after: Some(at + DAY),
                        step_after: None,
                    },
                    origin,
                    seq: i + 1,
                }
            })
            .collect();
        let added = store.add_synced_answers(&mut staged).unwrap();
        let logged: i64 = store
            .conn
            .query_row("SELECT COUNT(*) FROM reviews", [], |r| r.get(0))
            .unwrap();
        assert!(added.len() > 2500 && added.len() < 3000, "{}", added.len());
        assert_eq!(logged, 200 + added.len() as i64);
        assert!(store.answer_buckets_match_log().unwrap());
        // The trigger is back: a small batch and an answer made here are counted by it.
        let mut few = staged[..10].to_vec();
        for (k, a) in few.iter_mut().enumerate() {
            a.at += 1_000_000 + k as i64;
            a.seq += 10_000;
        }
        assert_eq!(store.add_synced_answers(&mut few).unwrap().len(), 10);
        assert!(store.answer_buckets_match_log().unwrap());
        // The buttons read from the cache are the log's, from any quarter hour on.
        for since in [
            900_000,
            (NOW - 400 * MINUTE) / 900_000 * 900_000,
            NOW / 900_000 * 900_000,
        ] {
            let cached = store.answer_buttons(since, None).unwrap();
            assert_eq!(cached, store.answer_buttons_from_log(since, None).unwrap());
            let every = since == 900_000;
            assert!(
                !every || cached.iter().flatten().all(|&n| n > 0),
                "{cached:?}"
            );
        }
    }

    #[test]
    fn the_log_refuses_deletes_and_rewrites() {
        let store = logged();
        let e = store
            .conn
            .execute("DELETE FROM reviews WHERE id = 2", [])
            .unwrap_err();
        assert!(e.to_string().contains("append-only"), "{e}");
        let e = store
            .conn
            .execute("UPDATE reviews SET rating = 4 WHERE id = 2", [])
            .unwrap_err();
        assert!(e.to_string().contains("append-only"), "{e}");
        let n: i64 = store
            .conn
            .query_row("SELECT COUNT(*) FROM reviews", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 200);
    }
}

#[test]
fn upgrading_adds_up_the_answers_already_logged() {
    let (_dir, path) = temp_db();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    {
        // Schema 2, with two answers in the log, one of them undone.
        let c = Connection::open(&path).unwrap();
        c.execute_batch(MIGRATIONS[0].1).unwrap();
        c.execute_batch(MIGRATIONS[1].1).unwrap();
        c.pragma_update(None, "user_version", 2).unwrap();
        c.execute_batch(
            "INSERT INTO decks (id, name, created_at) VALUES (1, 'python', 1);
             INSERT INTO cards (id, deck_id, key, kind, question, answer, line, position, created_at, updated_at)
                    VALUES (1, 1, 'k', 'basic', 'q', 'a', 1, 0, 1, 1);
             INSERT INTO reviews (card_id, reviewed_at, rating, duration_ms, state_before, state_after)
                    VALUES (1, 1795510800000, 1, 3000, 'new', 'learning');
             INSERT INTO reviews (card_id, reviewed_at, rating, duration_ms, state_before, state_after, undone_at)
                    VALUES (1, 1795510860000, 3, 2000, 'learning', 'review', 1795510870000);",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let row: (i64, i64, i64, i64, i64) = store
        .conn
        .query_row(
            "SELECT bucket, answers, again, time_ms, new_cards FROM answer_buckets",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(row, (1_795_510_800_000 / 900_000, 1, 1, 3000, 1));
    assert!(store.answer_buckets_match_log().unwrap());
}

#[test]
fn fitting_reads_the_answers_of_suspended_and_retired_cards_too() {
    // Three cards answered on two days each: one active, one suspended, one retired. Their
    // answers were real recalls, so each gives an item.
    let store = Store::open_in_memory().unwrap();
    let deck = store.deck_id("d", 1).unwrap();
    const DAY: i64 = 86_400_000;
    let t0 = 1_795_510_800_000;
    for (id, suspended, retired) in [(1, 0, None), (2, 1, None), (3, 0, Some(t0))] {
        store
            .conn
            .execute(
                "INSERT INTO cards (id, deck_id, key, kind, question, answer, line, position, \
                 suspended, retired_at, created_at, updated_at) \
                 VALUES (?1, ?2, ?1, 'basic', 'q', 'a', 1, ?1, ?3, ?4, 1, 1)",
                rusqlite::params![id, deck, suspended, retired],
            )
            .unwrap();
        for (k, state) in ["new", "review"].iter().enumerate() {
            store
                .conn
                .execute(
                    "INSERT INTO reviews (card_id, reviewed_at, rating, duration_ms, state_before, state_after) \
                     VALUES (?1, ?2, 3, 1000, ?3, 'review')",
                    rusqlite::params![id, t0 + k as i64 * 3 * DAY, state],
                )
                .unwrap();
        }
    }
    let mut builder = crate::optimize::ItemsBuilder::default();
    store
        .for_each_card_log(|t| t.div_euclid(DAY), |card| builder.add_card(card))
        .unwrap();
    let items = builder.finish();
    assert_eq!(items.card_ids, vec![1, 2, 3]);
    assert!(items
        .items
        .iter()
        .all(|i| i.reviews.len() == 2 && i.reviews[1].delta_t == 3));
}

#[test]
fn day_loads_count_due_reviews_and_mark_the_days_siblings_are_due() {
    use crate::schedule::{DayLoad, Scheduler, SchedulerConfig};
    let store = Store::open_in_memory().unwrap();
    let deck = store.deck_id("d", 1).unwrap();
    let s = Scheduler::new(SchedulerConfig::default()).unwrap();
    let today = s.study_day(1_795_510_800_000);
    let at = |d: i64| s.day_start(today + d) + 3_600_000;
    store
        .conn
        .execute(
            "INSERT INTO sources (id, path, deck_id, content_hash, settings_hash, size, imported_at) \
             VALUES (1, '/n.md', ?1, '', '', 0, 1)",
            [deck],
        )
        .unwrap();
    // Cards 1-3: clozes of one block (line 5); card 4 the definition card (line 4) whose answer
    // shows that block, so in its group; 5 a cloze of another block; 6 a card from before
    // groups (none).
    for (id, kind, line, group) in [
        (1, "cloze", 5, Some(5)),
        (2, "cloze", 5, Some(5)),
        (3, "cloze", 5, Some(5)),
        (4, "basic", 4, Some(5)),
        (5, "cloze", 9, Some(9)),
        (6, "basic", 10, None),
    ] {
        store
            .conn
            .execute(
                "INSERT INTO cards (id, deck_id, key, kind, question, answer, source_id, line, position, created_at, updated_at, sibling_line) \
                 VALUES (?1, ?2, ?1, ?3, 'q', 'a', 1, ?4, ?1, 1, 1, ?5)",
                rusqlite::params![id, deck, kind, line, group],
            )
            .unwrap();
    }
    // Due: sibling 2 on day 11, sibling 3 on day 20 (outside), card 4 on day 10, cards 5 and 6
    // on day 12; card 1 itself is being answered.
    for (id, due) in [
        (2, at(11)),
        (3, at(20)),
        (4, at(10)),
        (5, at(12)),
        (6, at(12)),
    ] {
        store
            .conn
            .execute(
                "INSERT INTO card_state (card_id, state, due, stability, difficulty, last_review, reps, lapses) \
                 VALUES (?1, 'review', ?2, 10.0, 5.0, ?2 - 864000000, 3, 0)",
                [id, due],
            )
            .unwrap();
    }
    let loads = store
        .day_loads(&s, crate::model::CardId(1), today + 10, today + 12)
        .unwrap();
    let load = |due, sibling| DayLoad { due, sibling };
    assert_eq!(loads, vec![load(1, true), load(1, true), load(2, false)]);
    // A card without a group has no siblings.
    let loads = store
        .day_loads(&s, crate::model::CardId(6), today + 10, today + 12)
        .unwrap();
    assert_eq!(loads, vec![load(1, false), load(1, false), load(2, false)]);
}

#[test]
fn many_states_written_at_once_leave_the_same_indexes_answering_the_same() {
    // 12,000 review states: the cache's indexes are dropped and made again around the write.
    let mut store = Store::open_in_memory().unwrap();
    let deck = store.deck_id("d", 1).unwrap();
    const NOW: i64 = 1_795_510_800_000;
    const DAY: i64 = 86_400_000;
    let mut states = Vec::new();
    for id in 1..=12_000i64 {
        store
            .conn
            .execute(
                "INSERT INTO cards (id, deck_id, key, kind, question, answer, line, position, \
                 created_at, updated_at, studied) VALUES (?1, ?2, ?1, 'basic', 'q', 'a', 1, ?1, 1, 1, 1)",
                rusqlite::params![id, deck],
            )
            .unwrap();
        let stability = 0.5 + (id * 37 % 1000) as f32;
        states.push((
            crate::model::CardId(id),
            crate::schedule::CardSchedule {
                phase: crate::schedule::Phase::Review,
                stability: Some(stability),
                difficulty: Some(5.0),
                due: Some(NOW - (id % 50) * DAY),
                last_review: Some(NOW - (id % 50) * DAY - stability as i64 * DAY),
                reps: 3,
                lapses: 0,
                step: 0,
            },
        ));
    }
    let schema = |store: &Store| -> Vec<(String, String)> {
        let mut stmt = store
            .conn
            .prepare("SELECT name, sql FROM sqlite_schema WHERE tbl_name = 'card_state' AND type = 'index' AND sql IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let before = schema(&store);
    assert!(
        before.iter().any(|(n, _)| n == "card_state_risk"),
        "{before:?}"
    );
    store
        .replace_card_schedules(&states, false, |_| Ok(()))
        .unwrap();
    assert_eq!(schema(&store), before);
    let ok: String = store
        .conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    assert_eq!(store.card_schedules().unwrap(), states);
    // The review queue reads the rebuilt indexes: the most at risk of 12,000 due cards.
    let picked = store
        .review_cards(
            &crate::store::queue::QueueFilter::default(),
            0,
            NOW + DAY,
            NOW,
            3,
        )
        .unwrap();
    assert_eq!(picked.len(), 3);
}

/// Copies `path` and the files SQLite keeps beside it (`-wal`, `-journal`) to `to`, as a
/// crash would leave them; their bytes.
fn copy_with_sidecars(path: &Path, to: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for suffix in ["", "-wal", "-journal"] {
        let from = PathBuf::from(format!("{}{suffix}", path.display()));
        if let Ok(bytes) = std::fs::read(&from) {
            let dest = PathBuf::from(format!("{}{suffix}", to.display()));
            std::fs::write(&dest, &bytes).unwrap();
            out.push((dest, bytes));
        }
    }
    out
}

#[test]
fn another_programs_database_with_a_pending_log_or_hot_journal_is_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    // A write-ahead log not yet checkpointed (its program still running, or killed).
    let wal_db = dir.path().join("places.sqlite");
    let c = Connection::open(&wal_db).unwrap();
    c.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
         CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);
         INSERT INTO moz_places (url) VALUES ('https://example.org');",
    )
    .unwrap();
    let copy = dir.path().join("copy.sqlite");
    let files = copy_with_sidecars(&wal_db, &copy);
    assert_eq!(files.len(), 2, "a database and its log");
    drop(c);
    // A rollback journal left by a transaction that spilled into the file (hot).
    let j_db = dir.path().join("j.sqlite");
    let c = Connection::open(&j_db).unwrap();
    c.execute_batch(
        "CREATE TABLE t (x); INSERT INTO t VALUES (zeroblob(100000));
         PRAGMA cache_size = 1; BEGIN; UPDATE t SET x = zeroblob(200000);
         INSERT INTO t SELECT zeroblob(50000) FROM t;",
    )
    .unwrap();
    let hot = dir.path().join("hot.sqlite");
    let hot_files = copy_with_sidecars(&j_db, &hot);
    assert_eq!(hot_files.len(), 2, "a database and its journal");
    drop(c);
    for (path, files) in [(copy, files), (hot, hot_files)] {
        let err = Store::open(&path).err().expect("refused");
        assert!(
            matches!(err, Error::Foreign { .. }),
            "{}: {err}",
            path.display()
        );
        for (f, bytes) in files {
            let now = std::fs::read(&f).ok();
            assert!(now.as_ref() == Some(&bytes), "{} changed", f.display());
        }
    }
}

#[test]
fn a_card_from_anki_moved_to_another_deck_keeps_its_old_name() {
    let store = Store::open_in_memory().unwrap();
    let (a, b) = (
        store.deck_id("lang", 1).unwrap(),
        store.deck_id("lang/python", 1).unwrap(),
    );
    let tags = crate::model::Tags::default();
    let card = |deck_id| crate::store::anki::CardIn {
        deck_id,
        key: "000000000000002a",
        kind: crate::model::CardKind::Basic,
        question: "q",
        answer: "a",
        context: "",
        tags: &tags,
        suspended: false,
        position: 0,
    };
    let id = store.insert_card_from_anki(&card(a), 1).unwrap();
    assert!(store.update_card_from_anki(id, &card(b), 2).unwrap());
    let old = crate::event::CardRef {
        deck: "lang".into(),
        key: "000000000000002a".into(),
    };
    assert_eq!(store.card_of(&old).unwrap(), Some(id));
    let renames: i64 = store
        .conn
        .query_row(
            "SELECT COUNT(*) FROM card_renames WHERE from_deck = 'lang' AND to_deck = 'lang/python'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(renames, 1);
}
