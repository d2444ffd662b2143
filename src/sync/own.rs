//! This device's own file in the sync folder: found again and settled after a stop (lines a
//! stopped sync wrote matched to their rows, copies another database wrote under this
//! device's id noticed), and the new events numbered and appended.

use super::*;

/// What reading this device's file (or a file-sync engine's copy of it) found.
#[derive(Debug, Default)]
pub(super) struct OwnLines {
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
pub(super) const ADOPT_AT_MOST: usize = 2_000_000;

/// Reads the lines of a file of this device's events from byte `from`, checking each against
/// the store (a line numbered as one of its events must be that event).
pub(super) fn own_lines(s: &Store, path: &Path, from: u64, me: &SyncSelf) -> Result<OwnLines> {
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
pub(super) fn settle_own_file(
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
pub(super) fn copies_not_ours(
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
pub(super) enum FirstLine {
    /// Not a whole line yet (a file being written).
    Partial,
    Header(event::Header),
    /// Something else: not a recall sync file.
    Other,
}

pub(super) fn first_line(path: &Path) -> Result<FirstLine> {
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
pub(super) fn send(
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
pub(super) fn write_events(
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
