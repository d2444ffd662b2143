//! Answers given here written back into the Anki collection the cards came from (the
//! `collection.anki2` file of an Anki profile, Anki closed): each answer is added to its card's
//! `revlog` once (a second run adds nothing), and a card whose latest study was here takes
//! recall's schedule and memory state. Notes, note types, decks and cards Anki has are left
//! as they are, so nothing is copied and edits made in Anki meanwhile stay. Anki's package
//! import cannot do this: it adds history only to cards it adds.
//!
//! Changed rows are marked for Anki's sync (`usn` -1, a new `mod`), as Anki marks its own.

use super::export::{memory_data, params_in_use, revlog_rows, schedule_row, RevlogRow};
use super::outgoing::Outgoing;
use crate::error::{Error, Result};
use crate::model::{AnkiOrigin, CardId};
use crate::schedule::{CardSchedule, Phase, Scheduler};
use rusqlite::{params, Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Duration;

/// What writing into a collection did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Merged {
    /// Answers (and resets) added to the collection's log.
    pub answers: usize,
    /// Cards given recall's schedule.
    pub rescheduled: usize,
    /// Cards studied in Anki after their last answer here: Anki's schedule kept.
    pub kept_in_anki: usize,
    /// Cards from Anki that this collection does not have (another collection's).
    pub not_there: usize,
    /// Cards made here from notes, which no Anki collection has (an `.apkg` export takes them).
    pub made_here: usize,
}

/// Writes the answers of `out` into the Anki collection at `path`, in one transaction.
pub fn write_into(path: &Path, out: &Outgoing, scheduler: &Scheduler, now: i64) -> Result<Merged> {
    let fail = |message: String| Error::AnkiCollection {
        path: path.to_path_buf(),
        message,
    };
    if !path.is_file() {
        return Err(if path.exists() {
            fail("not a file (give the `collection.anki2` in your Anki profile's folder)".into())
        } else {
            Error::NotFound {
                path: path.to_path_buf(),
            }
        });
    }
    let db = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => fail(
            "Anki has it open; close Anki (or switch it to another profile) and run this again"
                .into(),
        ),
        Some(ErrorCode::NotADatabase) => fail("not an Anki collection (not SQLite)".into()),
        _ => Error::Db {
            path: path.to_path_buf(),
            source: e,
        },
    };
    let mut conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE).map_err(db)?;
    conn.busy_timeout(Duration::from_secs(2)).map_err(db)?;
    // Anki's own collation, which schema 18's tables name.
    conn.create_collation("unicase", |a: &str, b: &str| {
        a.to_lowercase().cmp(&b.to_lowercase())
    })
    .map_err(db)?;
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(db)?;
    let tables: HashSet<String> = tx
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(db)?;
    if let Some(missing) = ["col", "notes", "cards", "revlog"]
        .into_iter()
        .find(|t| !tables.contains(*t))
    {
        return Err(fail(format!(
            "not an Anki collection (no `{missing}` table)"
        )));
    }
    let crt: i64 = tx
        .query_row("SELECT crt FROM col", [], |r| r.get(0))
        .optional()
        .map_err(db)?
        .ok_or_else(|| fail("not an Anki collection (its `col` table is empty)".into()))?;
    let merged = merge(&tx, out, scheduler, crt, now).map_err(db)?;
    tx.commit().map_err(db)?;
    Ok(merged)
}

fn merge(
    conn: &Connection,
    out: &Outgoing,
    scheduler: &Scheduler,
    crt: i64,
    now: i64,
) -> rusqlite::Result<Merged> {
    let mut merged = Merged::default();
    // The collection's cards: id → (note GUID, template, data).
    let mut there: HashMap<i64, (String, u32, String)> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT c.id, n.guid, c.ord, c.data FROM cards c JOIN notes n ON n.id = c.nid",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))?;
        for row in rows {
            let (id, card) = row?;
            there.insert(id, card);
        }
    }
    // Recall's cards that are this collection's, by recall id → Anki id.
    let mut ours: HashMap<CardId, i64> = HashMap::new();
    for c in &out.cards {
        match out.origins.get(&c.id).map(|o| &o.0) {
            Some(o) if is_there(o, &there) => {
                ours.insert(c.id, o.anki_card);
            }
            Some(_) => merged.not_there += 1,
            None => merged.made_here += 1,
        }
    }
    let kept: HashSet<CardId> = ours.keys().copied().collect();
    let anki_id = |id: CardId| ours.get(&id).copied().unwrap_or_default();
    let mut rows = revlog_rows(&out.log, &out.resets, &kept, &anki_id, scheduler);
    // Recall's own rows first made unique as an export makes them (a taken millisecond moves
    // on), so each run gives every answer the same time.
    let mut last_id = i64::MIN;
    for r in &mut rows {
        r.id = r.id.max(last_id.saturating_add(1));
        last_id = r.id;
    }
    // The collection's log: id → card, and each card's latest entry.
    let mut log: HashMap<i64, i64> = HashMap::new();
    let mut latest_there: HashMap<i64, i64> = HashMap::new();
    {
        let mut stmt = conn.prepare("SELECT id, cid FROM revlog")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (id, card) = row?;
            log.insert(id, card);
            let latest = latest_there.entry(card).or_insert(id);
            *latest = (*latest).max(id);
        }
    }
    let mut insert = conn.prepare(
        "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)
         VALUES (?1, ?2, -1, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut latest_here: HashMap<i64, i64> = HashMap::new();
    let mut added_to: HashSet<i64> = HashSet::new();
    let mut written: HashSet<i64> = HashSet::new();
    for r in &rows {
        latest_here.insert(r.card, r.id);
        if let Some(id) = free_id(r, &log, &written) {
            insert.execute(params![
                id, r.card, r.ease, r.ivl, r.last_ivl, r.factor, r.time, r.kind
            ])?;
            log.insert(id, r.card);
            written.insert(id);
            added_to.insert(r.card);
            merged.answers += 1;
        }
    }
    // Cards whose latest study was here take recall's schedule.
    let config = scheduler.config();
    let decay = params_in_use(scheduler).get(20).copied().unwrap_or(0.1542);
    let crt_day = scheduler.study_day(crt * 1000);
    let day_number = |t: i64| scheduler.study_day(t) - crt_day;
    let mut update = conn.prepare(
        "UPDATE cards SET type = ?2, queue = ?3, due = ?4, ivl = ?5, factor = ?6, reps = ?7,
                          lapses = ?8, left = ?9, data = ?10, mod = ?11, usn = -1,
                          -- Out of a filtered deck, home (as emptying it does).
                          did = CASE WHEN odid != 0 THEN odid ELSE did END, odue = 0, odid = 0
          WHERE id = ?1",
    )?;
    for c in out.cards.iter() {
        let Some(&anki) = ours.get(&c.id) else {
            continue;
        };
        if !added_to.contains(&anki) {
            continue;
        }
        let studied_here = latest_here.get(&anki).copied().unwrap_or(i64::MIN);
        if latest_there.get(&anki).is_some_and(|&t| t > studied_here) {
            merged.kept_in_anki += 1;
            continue;
        }
        let s = out.states.get(&c.id).copied().unwrap_or(CardSchedule::NEW);
        let data_there = &there[&anki].2;
        let mut data: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(data_there).unwrap_or_default();
        for key in ["s", "d", "dr", "decay", "lrt"] {
            data.remove(key);
        }
        // A new card goes back to the place in the new queue Anki kept for it.
        let position = data.get("pos").and_then(|p| p.as_i64()).unwrap_or(0);
        memory_data(&s, config.desired_retention, decay, &mut data);
        let row = schedule_row(&s, position, &day_number, config, now);
        let queue = if c.suspended { -1 } else { row.queue };
        let factor = if s.phase == Phase::New { 0 } else { row.factor };
        let data = if data.is_empty() {
            String::new()
        } else {
            serde_json::Value::Object(data).to_string()
        };
        update.execute(params![
            anki,
            row.kind,
            queue,
            row.due,
            row.ivl,
            factor,
            s.reps,
            s.lapses,
            row.left,
            data,
            now / 1000
        ])?;
        merged.rescheduled += 1;
    }
    if merged.answers > 0 {
        // The collection changed: Anki's next sync sends the marked rows.
        conn.execute("UPDATE col SET mod = ?1", [now])?;
    }
    Ok(merged)
}

/// Whether the card `o` names is in the collection: the same card id, of a note with the same
/// GUID, in the same template.
fn is_there(o: &AnkiOrigin, there: &HashMap<i64, (String, u32, String)>) -> bool {
    there
        .get(&o.anki_card)
        .is_some_and(|(guid, ord, _)| *guid == o.guid && *ord == o.ord)
}

/// The id under which row `r` goes into a log holding `log` (id → card): its time, or the next
/// free millisecond when another entry has that time; `None` when the card has an entry there
/// already, not `written` in this run (it came from there, or an earlier run wrote it).
fn free_id(r: &RevlogRow, log: &HashMap<i64, i64>, written: &HashSet<i64>) -> Option<i64> {
    let mut id = r.id;
    loop {
        match log.get(&id) {
            None => return Some(id),
            Some(&card) if card == r.card && !written.contains(&id) => return None,
            Some(_) => id += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, card: i64) -> RevlogRow {
        RevlogRow {
            id,
            card,
            ease: 3,
            ivl: 1,
            last_ivl: 0,
            factor: 2500,
            time: 1000,
            kind: 0,
        }
    }

    #[test]
    fn an_answer_goes_in_once_and_steps_past_another_cards_time() {
        let mut log = HashMap::from([(100, 7), (101, 8)]);
        let none = HashSet::new();
        assert_eq!(free_id(&row(100, 7), &log, &none), None);
        assert_eq!(free_id(&row(100, 9), &log, &none), Some(102));
        assert_eq!(free_id(&row(50, 9), &log, &none), Some(50));
        // Written once at 102, a second run finds it there; in the run that wrote it, the
        // card's next answer steps past it.
        log.insert(102, 9);
        assert_eq!(free_id(&row(100, 9), &log, &none), None);
        assert_eq!(
            free_id(&row(102, 9), &log, &HashSet::from([102])),
            Some(103)
        );
    }
}
