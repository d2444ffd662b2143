//! Answers given here written back into the Anki collection the cards came from (the
//! `collection.anki2` file of an Anki profile, Anki closed): each answer is added to its card's
//! `revlog` once (a second run adds nothing), and a card whose latest study was here takes
//! recall's schedule and memory state. Notes, note types, decks and cards Anki has are left
//! as they are, so nothing is copied and edits made in Anki meanwhile stay. Anki's package
//! import cannot do this: it adds history only to cards it adds.
//!
//! Changed rows are marked for Anki's sync (`usn` -1, a new `mod`), as Anki marks its own.

use super::collection::{creation_day, setting};
use super::columns::{
    last_reviews, memory_data, params_in_use, revlog_rows, schedule_row, set_last_review, RevlogRow,
};
use super::export::exported_card_id;
use super::outgoing::Outgoing;
use super::plan::exported_guid;
use crate::error::{Error, Result};
use crate::model::CardId;
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
    let offset = setting(&tx, &tables, "creationOffset").map_err(db)?;
    let days = AnkiDays {
        created: creation_day(crt, offset, scheduler.config()),
        next_position: setting(&tx, &tables, "nextPos").map_err(db)?.unwrap_or(0),
        now,
    };
    let merged = merge(&tx, out, scheduler, &days).map_err(db)?;
    tx.commit().map_err(db)?;
    Ok(merged)
}

fn merge(
    conn: &Connection,
    out: &Outgoing,
    scheduler: &Scheduler,
    days: &AnkiDays,
) -> rusqlite::Result<Merged> {
    let mut merged = Merged::default();
    let mut there: HashMap<i64, There> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT c.id, n.guid, c.ord, c.type, c.queue, c.due, c.factor, c.data
               FROM cards c JOIN notes n ON n.id = c.nid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                There {
                    guid: r.get(1)?,
                    ord: r.get(2)?,
                    kind: r.get(3)?,
                    queue: r.get(4)?,
                    due: r.get(5)?,
                    factor: r.get(6)?,
                    data: r.get(7)?,
                },
            ))
        })?;
        for row in rows {
            let (id, card) = row?;
            there.insert(id, card);
        }
    }
    // Recall's cards that are this collection's, by recall id → Anki id: those that came
    // from it, and those recall sent it in a package (found by the id and GUID it gave them).
    let mut ours: HashMap<CardId, i64> = HashMap::new();
    for c in &out.cards {
        let (card, guid, ord) = match out.origins.get(&c.id).map(|o| &o.0) {
            Some(o) => (o.anki_card, o.guid.clone(), o.ord),
            None => (exported_card_id(c.id), exported_guid(&c.deck, &c.key), 0),
        };
        match there.get(&card) {
            Some(t) if t.guid == guid && t.ord == ord => {
                ours.insert(c.id, card);
            }
            _ if out.origins.contains_key(&c.id) => merged.not_there += 1,
            _ => merged.made_here += 1,
        }
    }
    let kept: HashSet<CardId> = ours.keys().copied().collect();
    let anki_id = |id: CardId| ours.get(&id).copied().unwrap_or_default();
    // Recall's own rows, unique as an export makes them: each run gives every answer the
    // same time.
    let rows = revlog_rows(&out.log, &out.resets, &kept, &anki_id, scheduler);
    let last_reviews = last_reviews(&rows);
    // A card Anki has as new needs no reset that ends recall's log of it (an import marks a
    // card Anki forgot that way).
    let mut last_row: HashMap<i64, usize> = HashMap::new();
    for (n, r) in rows.iter().enumerate() {
        last_row.insert(r.card, n);
    }
    let rows: Vec<RevlogRow> = (rows.iter().enumerate())
        .filter(|&(n, r)| {
            let new_there = there.get(&r.card).is_some_and(|t| t.kind == 0);
            !(r.kind == 4 && last_row[&r.card] == n && new_there)
        })
        .map(|(_, r)| *r)
        .collect();
    // The collection's log: id → card; and the cards with answers there recall does not have.
    let mut log: HashMap<i64, i64> = HashMap::new();
    let mut rated: Vec<(i64, i64)> = Vec::new();
    {
        let mut stmt = conn.prepare("SELECT id, cid, ease, type, factor FROM revlog")?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let (id, card, ease, kind, factor): (i64, i64, i64, i64, i64) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            log.insert(id, card);
            // An answer that schedules: not a manual entry, nor cramming that does not.
            if ease > 0 && kind <= 3 && !(kind == 3 && factor == 0) {
                rated.push((id, card));
            }
        }
    }
    let anki_ids: HashSet<i64> = ours.values().copied().collect();
    let known: HashSet<(i64, i64)> = rows.iter().map(|r| (r.id, r.card)).collect();
    let studied_there: HashSet<i64> = (rated.into_iter())
        .filter(|(id, card)| anki_ids.contains(card) && !known.contains(&(*id, *card)))
        .map(|(_, card)| card)
        .collect();
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
    // Cards with new answers here take recall's schedule, unless Anki has answers of theirs
    // recall never saw: its schedule, made from those, stays.
    let config = scheduler.config();
    let decay = params_in_use(scheduler).get(20).copied().unwrap_or(0.1542);
    let day_number = |t: i64| scheduler.study_day(t) - days.created;
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
        if studied_there.contains(&anki) {
            merged.kept_in_anki += 1;
            continue;
        }
        let t = &there[&anki];
        let s = out.states.get(&c.id).copied().unwrap_or(CardSchedule::NEW);
        let mut data: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&t.data).unwrap_or_default();
        for key in ["s", "d", "dr", "decay", "lrt"] {
            data.remove(key);
        }
        // A card new again goes back to its place in the new queue: the one Anki gives it, or
        // keeps for it; else the queue's end.
        let position = match (t.kind, data.get("pos").and_then(|p| p.as_i64())) {
            (0, _) => t.due,
            (_, Some(pos)) => pos,
            _ => days.next_position,
        };
        memory_data(&s, config.desired_retention, decay, &mut data);
        set_last_review(&mut data, last_reviews.get(&anki));
        let row = schedule_row(&s, position, &day_number, config, days.now);
        // Suspended on either side stays so (Anki logs no suspension).
        let queue = if c.suspended || t.queue == -1 {
            -1
        } else {
            row.queue
        };
        // The ease Anki keeps (its scheduler without FSRS reads it), if it has one.
        let factor = match s.phase {
            Phase::New => 0,
            _ if t.factor > 0 => t.factor,
            _ => row.factor,
        };
        let data = if data.is_empty() {
            String::new()
        } else {
            serde_json::Value::Object(data).to_string()
        };
        // Changed as of its last answer here: a later study synced from another device wins.
        let changed = latest_here.get(&anki).copied().unwrap_or(days.now) / 1000;
        update.execute(params![
            anki, row.kind, queue, row.due, row.ivl, factor, s.reps, s.lapses, row.left, data,
            changed
        ])?;
        merged.rescheduled += 1;
    }
    if merged.answers > 0 {
        // The collection changed: Anki's next sync sends the marked rows.
        conn.execute("UPDATE col SET mod = ?1", [days.now])?;
    }
    Ok(merged)
}

/// A card of the collection as a merge reads it.
struct There {
    guid: String,
    ord: u32,
    /// Anki's card type (0 new) and queue (-1 suspended).
    kind: i64,
    queue: i64,
    due: i64,
    factor: i64,
    data: String,
}

/// How the collection counts days, and the time now.
struct AnkiDays {
    /// The study day (as recall numbers them) Anki's day numbers count from.
    created: i64,
    /// The new queue's next position.
    next_position: i64,
    now: i64,
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
