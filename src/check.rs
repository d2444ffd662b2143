//! `recall check`: is the database whole? SQLite's integrity check and foreign keys, the cache
//! against the review log (as `rebuild --check`), the answer totals, and imported note files
//! that are no longer there. With `repair`, what can be recomputed is.

use crate::error::Result;
use crate::rebuild;
use crate::schedule::Scheduler;
use crate::store::Store;
use serde::Serialize;

/// What a check found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// SQLite's integrity check: `["ok"]` when the file is sound.
    pub integrity: Vec<String>,
    /// Rows that point at rows that do not exist: (table, rowid).
    pub foreign_keys: Vec<(String, i64)>,
    /// Cards whose cached state is not what the log gives.
    pub cache_differs: usize,
    /// Did the per-quarter-hour answer totals equal the log?
    pub answer_totals_matched: bool,
    /// Imported note files (not yet found gone) that no longer exist.
    pub missing_notes: Vec<String>,
    /// Other devices' events kept because they cannot apply here yet: their card is not in
    /// this database's notes (under its name or an old one), or they are dated ahead.
    pub sync_waiting: usize,
    /// `repair` rebuilt the cache and the totals from the log.
    pub repaired: bool,
}

impl Report {
    /// Nothing wrong (missing notes are not damage: the next import or review retires them).
    pub fn healthy(&self) -> bool {
        self.integrity == ["ok"]
            && self.foreign_keys.is_empty()
            && ((self.cache_differs == 0 && self.answer_totals_matched) || self.repaired)
    }
}

/// Checks the database; with `repair`, rebuilds the cache and totals when they differ (the log
/// itself is never changed). A file that fails the integrity check is not repaired: restore a
/// backup (`recall backup --list`, `recall restore FILE`).
pub fn check(store: &mut Store, scheduler: &Scheduler, repair: bool) -> Result<Report> {
    let integrity = store.integrity_check()?;
    let foreign_keys = store.foreign_key_problems()?;
    let sound = integrity == ["ok"];
    let opts = rebuild::Options {
        reschedule: false,
        write: false,
        answer_totals: true,
    };
    let found = rebuild::rebuild(store, scheduler, opts)?;
    let stale = found.differed > 0 || !found.answer_totals_matched;
    let repaired = repair && sound && stale && {
        let write = rebuild::Options {
            write: true,
            ..opts
        };
        rebuild::rebuild(store, scheduler, write)?;
        true
    };
    let missing_notes = store
        .sources_with_decks()?
        .into_iter()
        .filter(|(path, _, gone)| !gone && !std::path::Path::new(path).exists())
        .map(|(path, _, _)| path)
        .collect();
    Ok(Report {
        integrity,
        foreign_keys,
        cache_differs: found.differed,
        answer_totals_matched: found.answer_totals_matched,
        missing_notes,
        sync_waiting: store.waiting_count()?,
        repaired,
    })
}
