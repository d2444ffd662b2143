//! Automatic backups: rotating copies of the database in a `backups` folder beside it, taken
//! on the first run of each day, before `recall optimize` rewrites every schedule, before a
//! restore, and when asked; the newest few are kept. The store's copy before a migration
//! lives there too, outside the rotation.
//! Names say when and why: `recall-20261201-153000-daily.db` (UTC).

use crate::error::{Error, Result};
use crate::store::{copies, Store};
use std::path::{Path, PathBuf};

pub use crate::store::copies::{folder, list, Backup};

/// Copies the database (at `db`) into its backups folder now, for `reason`, then keeps only
/// the newest `keep` rotating backups (the copies taken before upgrades all stay). Returns the
/// copy's path.
pub fn take(store: &Store, db: &Path, reason: &str, now: i64, keep: usize) -> Result<PathBuf> {
    let path = copies::backup_path(db, reason, now);
    remove_abandoned_copies(&folder(db));
    store.copy_to(&path)?;
    for old in list(db)
        .into_iter()
        .filter(Backup::rotates)
        .skip(keep.max(1))
    {
        std::fs::remove_file(&old.path).map_err(|source| Error::Write {
            path: old.path.clone(),
            source,
        })?;
    }
    Ok(path)
}

/// Copies a recall killed half-way left (`*.partial`), once they are an hour old (a younger one
/// may be another recall's, still being written).
fn remove_abandoned_copies(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let hour = std::time::Duration::from_secs(3600);
    for e in entries.filter_map(|e| e.ok()) {
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > hour);
        if old && e.file_name().to_string_lossy().ends_with(".partial") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Is the day's backup still to be taken (none since `day_start`)?
pub fn daily_due(db: &Path, day_start: i64) -> bool {
    (list(db).into_iter().find(Backup::rotates)).is_none_or(|b| b.taken_at < day_start)
}

/// The day's backup, begun when one is due: the first run of a study day (from `day_start`)
/// copies the database at `db` into its backups folder, keeping `keep`, on a connection of its
/// own beside the command (the first card is not held up). `None` when none is due: `keep` 0,
/// a read-only or empty database, or today's copy taken. The caller waits for it before it
/// exits and says if it failed (a failure stops nothing).
pub fn start_daily(
    store: &Store,
    db: &Path,
    keep: usize,
    day_start: i64,
    now: i64,
) -> Option<std::thread::JoinHandle<Result<PathBuf>>> {
    if keep == 0
        || store.is_read_only()
        || !daily_due(db, day_start)
        || store.is_empty().unwrap_or(true)
    {
        return None;
    }
    let db = db.to_path_buf();
    Some(std::thread::spawn(move || {
        Store::open(&db).and_then(|s| take(&s, &db, "daily", now, keep))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backups_rotate_and_list_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("recall.db");
        let store = Store::open(&db).unwrap();
        store.deck_id("python", 1).unwrap();
        let day = 86_400_000;
        let t0 = 1_795_500_000_000;
        assert!(daily_due(&db, t0));
        for i in 0..5 {
            take(&store, &db, "daily", t0 + i * day, 3).unwrap();
        }
        let kept = list(&db);
        assert_eq!(kept.len(), 3);
        assert_eq!(kept[0].taken_at, t0 + 4 * day);
        assert_eq!(kept[0].reason, "daily");
        assert!(!daily_due(&db, t0 + 4 * day));
        assert!(daily_due(&db, t0 + 5 * day));
        // A backup is a whole recall database.
        let copy = Store::open(&kept[0].path).unwrap();
        assert!(copy.find_deck("python").unwrap().is_some());
    }

    #[test]
    fn copies_taken_before_upgrades_stay_out_of_the_rotation() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("recall.db");
        let store = Store::open(&db).unwrap();
        let t0 = 1_795_500_000_000;
        let upgrade = copies::backup_path(&db, &format!("{}6", copies::UPGRADE), t0);
        store.copy_to(&upgrade).unwrap();
        assert!(
            daily_due(&db, t0),
            "an upgrade's copy is not the day's backup"
        );
        take(&store, &db, "daily", t0 + 1, 1).unwrap();
        take(&store, &db, "manual", t0 + 2000, 1).unwrap();
        let reasons: Vec<String> = list(&db).into_iter().map(|b| b.reason).collect();
        assert_eq!(reasons, ["manual", "before-upgrade-from-v6"]);
    }
}
