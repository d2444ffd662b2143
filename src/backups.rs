//! Automatic backups: rotating copies of the database in a `backups` folder beside it, taken
//! on the first run of each day, before `recall optimize` rewrites every schedule, before a
//! restore, and when asked; the newest few are kept. Names say when and why:
//! `recall-20261201-153000-daily.db` (UTC).

use crate::error::{Error, Result};
use crate::store::Store;
use std::path::{Path, PathBuf};

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Backup {
    pub path: PathBuf,
    /// When it was taken (Unix milliseconds, from its name).
    pub taken_at: i64,
    /// `daily`, `optimize`, `restore`, `manual`.
    pub reason: String,
    pub bytes: u64,
}

/// The folder the backups of database `db` go to.
pub fn folder(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map_or_else(|| "recall".into(), |s| s.to_string_lossy().into_owned())
}

/// The backups of `db`, newest first.
pub fn list(db: &Path) -> Vec<Backup> {
    let prefix = format!("{}-", stem(db));
    let Ok(entries) = std::fs::read_dir(folder(db)) else {
        return Vec::new();
    };
    let mut found: Vec<Backup> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&prefix)?.strip_suffix(".db")?;
            let (when, reason) = rest.get(..15).zip(rest.get(16..))?;
            let t = chrono::NaiveDateTime::parse_from_str(when, "%Y%m%d-%H%M%S").ok()?;
            Some(Backup {
                path: e.path(),
                taken_at: t.and_utc().timestamp_millis(),
                reason: reason.to_string(),
                bytes: e.metadata().map_or(0, |m| m.len()),
            })
        })
        .collect();
    found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.path.cmp(&a.path)));
    found
}

/// Copies the database (at `db`) into its backups folder now, for `reason`, then keeps only
/// the newest `keep` backups. Returns the copy's path.
pub fn take(store: &Store, db: &Path, reason: &str, now: i64, keep: usize) -> Result<PathBuf> {
    let when = chrono::DateTime::from_timestamp_millis(now)
        .unwrap_or_default()
        .format("%Y%m%d-%H%M%S");
    let path = folder(db).join(format!("{}-{when}-{reason}.db", stem(db)));
    remove_abandoned_copies(&folder(db));
    store.copy_to(&path)?;
    for old in list(db).into_iter().skip(keep.max(1)) {
        std::fs::remove_file(&old.path).map_err(|source| Error::Read {
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
    list(db).first().is_none_or(|b| b.taken_at < day_start)
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
}
