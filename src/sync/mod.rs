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

/// What reading this device's file (or a file-sync engine's copy of it) found.
#[derive(Debug, Default)]
struct OwnLines {
    /// A line this database did not write: another database writes under its id.
    foreign: bool,
    header_seen: bool,
    /// The numbers up to `numbered` the lines hold.
    seen: Vec<bool>,
    /// Lines numbered past what the store recorded: a sync stopped after writing them.
    adopt: Vec<Event>,
    read: folder::ReadTo,
}

/// Lines past what the store recorded that a sync may take as its own (a stopped sync's).
const ADOPT_AT_MOST: usize = 2_000_000;

/// Reads the lines of a file of this device's events from byte `from`, checking each against
/// the store (a line numbered as one of its events must be that event).
fn own_lines(s: &Store, path: &Path, from: u64, me: &SyncSelf) -> Result<OwnLines> {
    let mut out = OwnLines {
        seen: vec![false; me.numbered.max(0) as usize + 1],
        ..OwnLines::default()
    };
    out.read = folder::read_lines(path, from, |line| {
        let Some(Ok(parsed)) = line.map(|l| {
            std::str::from_utf8(l)
                .map_err(|e| e.to_string())
                .and_then(event::parse)
        }) else {
            out.foreign = true;
            return Ok(());
        };
        match parsed {
            // A header again: the device renamed.
            Parsed::Header(h) => {
                out.foreign |= h.device != me.device;
                out.header_seen = true;
            }
            Parsed::Event(e) if e.id.device == me.device && e.id.seq <= me.numbered => {
                if s.own_event_is(me.row, &e)? {
                    out.seen[e.id.seq as usize] = true;
                } else {
                    out.foreign = true;
                }
            }
            // More than any stopped sync can have left: not this database's.
            Parsed::Event(_) if out.adopt.len() >= ADOPT_AT_MOST => out.foreign = true,
            Parsed::Event(e) if e.id.device == me.device => out.adopt.push(e),
            Parsed::Event(_) => out.foreign = true,
        }
        Ok(())
    })?;
    Ok(out)
}

/// Makes this device's file hold its numbered events, and opens it for appending: a
/// half-written last line is cut; lines written by a sync that was stopped before it committed
/// are taken as this device's (their events matched to the rows they came from, all or none);
/// events numbered but missing from the file (it was replaced or cut short) are written
/// again. A line this database did not write, there or in a file-sync engine's copy of the
/// file, means another database writes under its id: this one becomes a new device (and the
/// old id's files are read as that other device's).
fn settle_own_file(
    s: &Store,
    dir: &Path,
    key: &str,
    me: &mut SyncSelf,
    renamed: bool,
    report: &mut Report,
) -> Result<folder::OwnFile> {
    let own_name = folder::own_file_name(&me.device);
    let path = dir.join(&own_name);
    let len = folder::length(&path)?;
    let same_folder = me.dir.as_deref() == Some(key);
    // Where the file is known to hold every event up to `me.numbered` (the end of a line,
    // unless a stopped sync rewrote the file).
    let from = if same_folder
        && len >= me.file_bytes
        && me.file_bytes > 0
        && folder::ends_line_at(&path, me.file_bytes)?
    {
        me.file_bytes
    } else {
        0
    };
    let mut lines = if len > from {
        own_lines(s, &path, from, me)?
    } else {
        OwnLines {
            read: folder::ReadTo {
                end: from,
                ..Default::default()
            },
            ..OwnLines::default()
        }
    };
    lines.header_seen |= from > 0;
    let numbered_before = me.numbered;
    let mut foreign = lines.foreign;
    if !foreign && !lines.adopt.is_empty() {
        // All or none; a line that cannot be matched (or whose match the store refuses) is
        // another database's.
        let adopted = s.with_savepoint(|| {
            for e in &lines.adopt {
                if !matches!(merge::adopt(s, me.row, e), Ok(true)) {
                    return Ok(false);
                }
            }
            Ok(true)
        })?;
        if adopted {
            me.numbered = lines
                .adopt
                .iter()
                .map(|e| e.id.seq)
                .fold(me.numbered, i64::max);
        } else {
            foreign = true;
        }
    }
    foreign = foreign || copies_not_ours(s, dir, key, &own_name, me)?;
    if foreign {
        // Every event this database numbered under the old id is sent again under the new one
        // (a device that has it already knows it by content).
        let old = std::mem::replace(me, s.become_new_device(&me.name)?);
        report.was_device = Some(old.device.clone());
        s.move_own_events(old.row, me.row)?;
        me.numbered = old.numbered;
        let path = dir.join(folder::own_file_name(&me.device));
        let mut own = folder::OwnFile::open(&path, 0)?;
        own.append(event::header_line(&me.device, &me.name).as_bytes())?;
        write_events(s, &mut own, me, 0, &|_| true, report)?;
        return Ok(own);
    }
    let mut own = folder::OwnFile::open(&path, lines.read.end)?;
    if !lines.header_seen || renamed {
        own.append(event::header_line(&me.device, &me.name).as_bytes())?;
    }
    if from == 0 {
        // The numbers the store had that the file lacks (those just adopted are in it).
        let seen = &lines.seen;
        let missing =
            |seq: i64| seq <= numbered_before && !seen.get(seq as usize).is_some_and(|&s| s);
        write_events(s, &mut own, me, 0, &missing, report)?;
    }
    Ok(own)
}

/// Does a file-sync engine's copy of this device's file (another file whose header names
/// this device) hold a line this database did not write? Each copy is read on from where the
/// last sync stopped.
fn copies_not_ours(
    s: &Store,
    dir: &Path,
    key: &str,
    own_name: &str,
    me: &SyncSelf,
) -> Result<bool> {
    for name in folder::event_files(dir)? {
        let path = dir.join(&name);
        if name == own_name
            || !matches!(first_line(&path)?, FirstLine::Header(h) if h.device == me.device)
        {
            continue;
        }
        let (mut from, mut read) = s.file_read(key, &name)?;
        if folder::length(&path)? < from {
            (from, read) = (0, 0);
        }
        let lines = own_lines(s, &path, from, me)?;
        if lines.foreign || !lines.adopt.is_empty() {
            return Ok(true);
        }
        s.save_file_read(key, &name, lines.read.end, read + lines.read.lines)?;
    }
    Ok(false)
}

/// What a file's first line is.
enum FirstLine {
    /// Not a whole line yet (a file being written).
    Partial,
    Header(event::Header),
    /// Something else: not a recall sync file.
    Other,
}

fn first_line(path: &Path) -> Result<FirstLine> {
    let Some(line) = folder::first_line(path)? else {
        return Ok(FirstLine::Partial);
    };
    Ok(
        match std::str::from_utf8(&line)
            .map_err(|e| e.to_string())
            .and_then(event::parse)
        {
            Ok(Parsed::Header(h)) => FirstLine::Header(h),
            _ => FirstLine::Other,
        },
    )
}

/// Numbers this device's new events and appends them to its file, durably.
fn send(
    s: &Store,
    me: &mut SyncSelf,
    own: &mut folder::OwnFile,
    report: &mut Report,
) -> Result<()> {
    let before = me.numbered;
    me.numbered = s.number_unsent(me.row, before)?;
    write_events(s, own, me, before, &|_| true, report)?;
    own.sync()?;
    s.set_numbered(me.numbered, own.len)
}

/// Appends this device's events numbered after `after` (those `wanted`) to its file.
fn write_events(
    s: &Store,
    own: &mut folder::OwnFile,
    me: &SyncSelf,
    after: i64,
    wanted: &dyn Fn(i64) -> bool,
    report: &mut Report,
) -> Result<()> {
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 20);
    let mut id = EventId {
        device: me.device.clone(),
        seq: 0,
    };
    s.for_each_own_event(me.row, after, |e| {
        if !wanted(e.seq) {
            return Ok(());
        }
        id.seq = e.seq;
        event::write_line(&id, e.at, &e.what, &mut buf);
        report.sent += 1;
        if buf.len() >= 1 << 20 {
            own.append(&buf)?;
            buf.clear();
        }
        Ok(())
    })?;
    own.append(&buf)
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
