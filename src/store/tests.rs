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
