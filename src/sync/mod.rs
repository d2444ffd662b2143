//! Review on several devices, merged through a folder the user already syncs (Syncthing,
//! Dropbox, iCloud, git): each device appends the events it made (answers, undos, resets,
//! suspends, buries, parameter sets) to a file of its own in the folder, and reads every
//! other device's file from where it last stopped. One writer per file, so a file-sync engine
//! never has two versions of one to reconcile; events merge by id (a union: idempotent and
//! order-free) and the cards they touch are replayed from the merged log, which stays the
//! source of truth.
//!
//! A sync is one write transaction: this device's file is settled (a line half-written by a
//! sync that was stopped is cut; events numbered but not written are written again; lines
//! another database wrote under this device's id make this database a new device), its new
//! events are numbered and appended, then every other file is read and applied. The events
//! themselves and their lines are [`crate::event`]'s.

pub mod folder;
mod merge;
mod own;
use own::*;

use crate::error::{Error, Result};
use crate::event::{self, Event, EventId, Parsed, What};
use crate::schedule::Scheduler;
use crate::store::sync::SyncSelf;
use crate::store::Store;
use std::collections::BTreeMap;
use std::path::Path;

/// How many of each kind of event came in.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    pub answers: usize,
    pub undos: usize,
    pub resets: usize,
    pub suspends: usize,
    pub buries: usize,
    pub parameter_sets: usize,
    /// Names cards took elsewhere (rewords, moves).
    #[serde(default)]
    pub renames: usize,
}

impl Counts {
    fn add(&mut self, what: &What) {
        match what {
            What::Answer { .. } => self.answers += 1,
            What::Undo { .. } => self.undos += 1,
            What::Reset { .. } => self.resets += 1,
            What::Suspend { .. } => self.suspends += 1,
            What::Bury { .. } => self.buries += 1,
            What::Parameters { .. } => self.parameter_sets += 1,
            What::Rename { .. } => self.renames += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.answers
            + self.undos
            + self.resets
            + self.suspends
            + self.buries
            + self.parameter_sets
            + self.renames
    }
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Report {
    /// This device: its id, name and file.
    pub device: String,
    pub name: String,
    pub file: String,
    /// Events of this device written to its file (new ones, and any written again).
    pub sent: usize,
    /// Events from other devices taken in, by kind.
    pub received: Counts,
    /// Devices they came from, by name (or id, unnamed), with how many.
    pub from: BTreeMap<String, usize>,
    /// Events read that this database had already.
    pub already_here: usize,
    /// Events kept for cards (or answers) this database does not have yet, all told.
    pub waiting: usize,
    /// Events dated ahead of this device's clock, kept until their time.
    #[serde(default)]
    pub held: usize,
    /// Cards whose schedule was replayed from the merged log.
    pub cards_replayed: usize,
    /// Files left unread, each with why (a newer recall's, not a recall file).
    pub refused: Vec<String>,
    /// Lines skipped (`file:line: why`), the first few; and how many in all.
    pub bad_lines: Vec<String>,
    pub bad_line_count: usize,
    /// Another database wrote under this device's id (a copied database?): this one became a
    /// new device; the old id.
    pub was_device: Option<String>,
}

/// The last sync that brought events in: when, and what it did.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LastIn {
    pub at: i64,
    pub report: Report,
}

impl LastIn {
    /// As the store keeps it (`None`: nothing came in yet).
    pub fn of(me: &SyncSelf) -> Option<LastIn> {
        serde_json::from_str(&me.received).ok()
    }
}

/// A time as a person reads it, in UTC: `2099-01-01 00:00 UTC`.
fn utc(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms).map_or_else(
        || format!("{ms} ms"),
        |t| t.format("%Y-%m-%d %H:%M UTC").to_string(),
    )
}

/// Bad lines named in a report; the rest are counted.
const BAD_LINES_SHOWN: usize = 10;

impl Report {
    fn bad_line(&mut self, file: &str, line: u64, why: &str) {
        self.bad_line_count += 1;
        if self.bad_lines.len() < BAD_LINES_SHOWN {
            self.bad_lines.push(format!("{file}:{line}: {why}"));
        }
    }
}

/// What the sync needs to know of this device.
#[derive(Debug, Clone, Default)]
pub struct Options<'a> {
    /// The name to give this device (kept for later syncs).
    pub name: Option<&'a str>,
}

/// Syncs this database with the folder `dir` at time `now`: sends this device's new events,
/// takes in every other device's, and replays the cards they touch (with the newest parameter
/// set, which may have come in: then every card's memory is recomputed, as after `recall
/// optimize`). One transaction: stopped at any point, the database is as before and the next
/// sync does it all.
pub fn sync(
    store: &mut Store,
    dir: &Path,
    opts: &Options<'_>,
    scheduler: &Scheduler,
    now: i64,
) -> Result<Report> {
    let folder_err = |message: &str| Error::Sync {
        path: dir.to_path_buf(),
        message: message.to_string(),
    };
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(folder_err("is not a folder")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(folder_err(
                "no such folder: make it (a folder your devices already sync), then sync again",
            ))
        }
        Err(e) => return Err(folder_err(&e.to_string())),
    }
    // One folder by whatever path it is named.
    let dir = dir.canonicalize().map_err(|e| folder_err(&e.to_string()))?;
    let key = dir.to_string_lossy().into_owned();
    // The device is made once, in a transaction of its own: a first sync stopped half-way
    // leaves no file under an id the database never kept.
    if store.sync_self()?.is_none() {
        store.transaction(true, |s| {
            s.become_new_device(opts.name.unwrap_or("")).map(drop)
        })?;
    }
    // A first sync numbers (and reads back) the whole log.
    store.bulk_writes(true)?;
    let done = store.transaction(true, |s| run(s, &dir, &key, opts, scheduler, now));
    store.bulk_writes(false)?;
    done
}

fn run(
    s: &Store,
    dir: &Path,
    key: &str,
    opts: &Options<'_>,
    scheduler: &Scheduler,
    now: i64,
) -> Result<Report> {
    let mut me = match s.sync_self()? {
        Some(me) => me,
        None => s.become_new_device(opts.name.unwrap_or(""))?,
    };
    let mut renamed = false;
    if let Some(name) = opts.name.filter(|&n| n != me.name) {
        s.set_device_name(me.row, name)?;
        me.name = name.to_string();
        renamed = true;
    }
    let mut report = Report::default();
    let mut cx = merge::Cx::default();
    cx.now = now;
    let mut own = settle_own_file(s, dir, key, &mut me, renamed, &mut report)?;
    send(s, &mut me, &mut own, &mut report)?;
    let own_name = folder::own_file_name(&me.device);
    for name in folder::event_files(dir)? {
        if name != own_name {
            read_peer(s, dir, key, &me.device, &name, &mut report, &mut cx)?;
        }
    }
    // The events that waited, a page at a time; again while a pass takes any in (an undo
    // can wait for an answer that waited too).
    for _pass in 0..3 {
        let mut taken = 0;
        let mut after = EventId {
            device: String::new(),
            seq: 0,
        };
        loop {
            let page = s.waiting(&after, WAITING_PAGE)?;
            let Some((last, _)) = page.last() else {
                break;
            };
            after = last.clone();
            for (id, line) in &page {
                // A waiting line this recall cannot read is not lost: it stays.
                let Ok(Parsed::Event(e)) = event::parse(line) else {
                    continue;
                };
                if e.id == *id
                    && !matches!(
                        take_in(s, &e, line, None, &mut report, &mut cx)?,
                        merge::Outcome::Waiting | merge::Outcome::Held
                    )
                {
                    s.unwait(id)?;
                    taken += 1;
                }
            }
            flush(s, &mut report, &mut cx)?;
        }
        if taken == 0 {
            break;
        }
    }
    flush(s, &mut report, &mut cx)?;
    report.cards_replayed = merge::replay(s, scheduler, &cx)?;
    report.held = cx.held.len();
    report.waiting = s.waiting_count()?.saturating_sub(report.held);
    report.device = me.device.clone();
    report.name = me.name.clone();
    report.file = own_name;
    // What the last sync that brought anything in brought (the status says it).
    let received = if report.received.total() > 0 {
        serde_json::to_string(&LastIn {
            at: now,
            report: report.clone(),
        })
        .unwrap_or_default()
    } else {
        me.received.clone()
    };
    s.save_sync(me.numbered, own.len, key, now, &received)?;
    Ok(report)
}

/// Takes in one event from another device's file (read at `place`, its file and line, or
/// from the waiting events), counting what became of it.
fn take_in(
    s: &Store,
    e: &Event,
    line: &str,
    place: Option<(&str, u64)>,
    report: &mut Report,
    cx: &mut merge::Cx,
) -> Result<merge::Outcome> {
    // Answers are appended in batches, each before any other event (an undo may need them).
    let staged = cx.staged.len();
    if staged > 0 && !matches!(e.what, What::Answer { .. }) || staged >= STAGED_AT_MOST {
        flush(s, report, cx)?;
    }
    let outcome = merge::apply(s, e, line, cx)?;
    match outcome {
        merge::Outcome::Added => {
            report.received.add(&e.what);
            let from = cx.device_name(&e.id.device);
            *report.from.entry(from).or_default() += 1;
        }
        merge::Outcome::Present => report.already_here += 1,
        merge::Outcome::Waiting | merge::Outcome::Staged => {}
        merge::Outcome::Held => {
            if let Some((file, n)) = place {
                report.bad_line(
                    file,
                    n,
                    &format!(
                        "dated {}, ahead of this device's clock ({}): held until then \
                         (is that device's clock right?)",
                        utc(e.at),
                        utc(cx.now)
                    ),
                );
            }
        }
        merge::Outcome::Undated => match place {
            Some((file, n)) => {
                report.bad_line(file, n, &format!("dated {}: skipped", utc(e.at)));
            }
            None => report.bad_line_count += 1,
        },
        merge::Outcome::Unusable => {
            report.bad_line_count += 1;
            if report.bad_lines.len() < BAD_LINES_SHOWN {
                report.bad_lines.push(format!(
                    "{}: a parameter set FSRS cannot use: skipped",
                    e.id
                ));
            }
        }
    }
    Ok(outcome)
}

/// Waiting events read at once.
const WAITING_PAGE: usize = 10_000;

/// Answers gathered before they are appended together.
const STAGED_AT_MOST: usize = 100_000;

/// Appends the answers gathered, counting them.
fn flush(s: &Store, report: &mut Report, cx: &mut merge::Cx) -> Result<()> {
    let (added, staged) = merge::flush(s, cx)?;
    report.received.answers += added.len();
    report.already_here += staged - added.len();
    for (row, _) in added {
        let from = cx.device_name(cx.device_of_row(row));
        *report.from.entry(from).or_default() += 1;
    }
    Ok(())
}

/// Reads another device's file from where the last sync stopped, taking in its events.
fn read_peer(
    s: &Store,
    dir: &Path,
    key: &str,
    me_device: &str,
    name: &str,
    report: &mut Report,
    cx: &mut merge::Cx,
) -> Result<()> {
    let path = dir.join(name);
    let (mut from, mut lines) = s.file_read(key, name)?;
    if folder::length(&path)? < from {
        // Replaced by a shorter file: read again from the start (what is here already is
        // known by id).
        (from, lines) = (0, 0);
    }
    // The header says whose events these are and in which format.
    let header = match first_line(&path)? {
        FirstLine::Header(h) => h,
        // A file being written: the next sync reads it.
        FirstLine::Partial => return Ok(()),
        FirstLine::Other => {
            report.refused.push(format!(
                "{name}: not a recall sync file (its first line is no header)"
            ));
            return Ok(());
        }
    };
    if header.device == me_device {
        // A copy of this device's own file: checked by `copies_not_ours`.
        return Ok(());
    }
    if header.format > event::FORMAT {
        report.refused.push(format!(
            "{name}: written by a newer recall (sync format {}; this recall reads {}): \
             upgrade recall on this device to take it in; nothing in it is lost",
            header.format,
            event::FORMAT
        ));
        return Ok(());
    }
    cx.name_device(s, &header.device, &header.name)?;
    let mut line_no = lines;
    let mut outcome: Result<()> = Ok(());
    let read = folder::read_lines(&path, from, |line| {
        line_no += 1;
        if line_no == 1 {
            return Ok(());
        }
        let Some(bytes) = line else {
            report.bad_line(name, line_no, "longer than any event: skipped");
            return Ok(());
        };
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                report.bad_line(name, line_no, "not UTF-8 text: skipped");
                return Ok(());
            }
        };
        match event::parse(text) {
            // This device's own events are here already (another database writing as this
            // device is found out before any file is read).
            Ok(Parsed::Event(e)) if e.id.device == me_device => report.already_here += 1,
            Ok(Parsed::Event(e)) => {
                if let Err(err) = take_in(s, &e, text, Some((name, line_no)), report, cx) {
                    // Stop at a database error: the transaction is rolled back.
                    outcome = Err(err);
                    return Err(Error::Sync {
                        path: path.clone(),
                        message: "stopped".into(),
                    });
                }
            }
            Ok(Parsed::Header(h)) if h.device == header.device && h.format == header.format => {
                // The device renamed.
                if let Err(err) = cx.name_device(s, &h.device, &h.name) {
                    outcome = Err(err);
                }
            }
            Ok(Parsed::Header(_)) => {
                report.bad_line(name, line_no, "another device's header: skipped")
            }
            Err(why) => report.bad_line(name, line_no, &format!("{why}: skipped")),
        }
        Ok(())
    });
    outcome?;
    let read = read?;
    flush(s, report, cx)?;
    s.save_file_read(key, name, read.end, line_no)?;
    Ok(())
}

#[cfg(test)]
mod tests;
