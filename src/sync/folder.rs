//! The sync folder's files: which are recall's, reading whole lines from where the last sync
//! stopped (a half-written last line waits for the next sync; an overlong line is skipped, so
//! no file takes unbounded memory), and appending to this device's own file durably.

use crate::error::{Error, Result};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// A line longer than this is not an event recall wrote: it is skipped.
pub const MAX_LINE: usize = 64 * 1024;

/// The file a device writes: `recall-<device>.jsonl`.
pub fn own_file_name(device: &str) -> String {
    format!("recall-{device}.jsonl")
}

/// Is this a file of recall events (a device's own, or a file-sync engine's copy of one:
/// `recall-….sync-conflict-….jsonl`, `recall-… (conflicted copy).jsonl`)?
pub fn is_event_file(name: &str) -> bool {
    name.starts_with("recall-") && name.ends_with(".jsonl")
}

/// The event files in `dir`, by name (others are left alone).
pub fn event_files(dir: &Path) -> Result<Vec<String>> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| Error::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let is_file = entry.file_type().map(|t| t.is_file()).unwrap_or(false);
        if is_file && is_event_file(&name) {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// What reading a file from an offset found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadTo {
    /// The offset after the last whole line read.
    pub end: u64,
    /// Whole lines read (overlong ones included).
    pub lines: u64,
    /// Bytes after `end` that are not a whole line yet.
    pub partial: u64,
}

/// Calls `f` with each whole line of `path` from byte `from` (without its newline; an overlong
/// line as `None`), and says where it stopped. A file shorter than `from` is read from the
/// start (it was replaced).
pub fn read_lines(
    path: &Path,
    from: u64,
    mut f: impl FnMut(Option<&[u8]>) -> Result<()>,
) -> Result<ReadTo> {
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_err)?;
    let len = file.metadata().map_err(read_err)?.len();
    let from = if from > len { 0 } else { from };
    let mut reader = BufReader::with_capacity(256 * 1024, file);
    reader.seek(SeekFrom::Start(from)).map_err(read_err)?;
    let mut reader = reader.take(len - from);
    let mut out = ReadTo {
        end: from,
        ..ReadTo::default()
    };
    let mut line: Vec<u8> = Vec::new();
    let mut overlong = false;
    loop {
        let buf = reader.fill_buf().map_err(read_err)?;
        if buf.is_empty() {
            break;
        }
        let (take, whole) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let body = if whole { &buf[..take - 1] } else { buf };
        if !overlong {
            if line.len() + body.len() > MAX_LINE {
                overlong = true;
                line.clear();
            } else {
                line.extend_from_slice(body);
            }
        }
        let consumed = take;
        reader.consume(consumed);
        out.partial += consumed as u64;
        if whole {
            if overlong {
                f(None)?;
            } else {
                let text = line.strip_suffix(b"\r").unwrap_or(&line);
                f(Some(text))?;
            }
            out.end += out.partial;
            out.partial = 0;
            out.lines += 1;
            line.clear();
            overlong = false;
        }
    }
    Ok(out)
}

/// The first line of `path` (without its newline), if it has a whole one no longer than
/// [`MAX_LINE`].
pub fn first_line(path: &Path) -> Result<Option<Vec<u8>>> {
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_err)?;
    let mut head = Vec::new();
    file.take(MAX_LINE as u64 + 1)
        .read_to_end(&mut head)
        .map_err(read_err)?;
    Ok(memchr::memchr(b'\n', &head).map(|i| {
        head.truncate(i);
        if head.last() == Some(&b'\r') {
            head.pop();
        }
        head
    }))
}

/// Does byte `pos - 1` of `path` end a line?
pub fn ends_line_at(path: &Path, pos: u64) -> Result<bool> {
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(read_err)?;
    file.seek(SeekFrom::Start(pos.saturating_sub(1)))
        .map_err(read_err)?;
    let mut byte = [0u8; 1];
    Ok(pos > 0 && file.read(&mut byte).map_err(read_err)? == 1 && byte[0] == b'\n')
}

/// The length of `path` (0 when there is none).
pub fn length(path: &Path) -> Result<u64> {
    match std::fs::metadata(path) {
        Ok(m) => Ok(m.len()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(0),
        Err(source) => Err(Error::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// This device's file, opened for writing after byte `keep` (what follows is cut: a line
/// half-written when a sync was stopped), made if missing.
pub struct OwnFile {
    path: PathBuf,
    file: std::fs::File,
    made: bool,
    pub len: u64,
}

impl OwnFile {
    pub fn open(path: &Path, keep: u64) -> Result<OwnFile> {
        let write_err = |source| Error::Write {
            path: path.to_path_buf(),
            source,
        };
        let made = !path.exists();
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(path)
            .map_err(write_err)?;
        let len = file.metadata().map_err(write_err)?.len();
        let keep = keep.min(len);
        if keep < len {
            file.set_len(keep).map_err(write_err)?;
        }
        file.seek(SeekFrom::Start(keep)).map_err(write_err)?;
        Ok(OwnFile {
            path: path.to_path_buf(),
            file,
            made,
            len: keep,
        })
    }

    /// Appends `text`.
    pub fn append(&mut self, text: &[u8]) -> Result<()> {
        self.file.write_all(text).map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })?;
        self.len += text.len() as u64;
        Ok(())
    }

    /// Makes what was appended durable (and the file's name, when it was made).
    pub fn sync(&mut self) -> Result<()> {
        let write_err = |source| Error::Write {
            path: self.path.clone(),
            source,
        };
        self.file.flush().map_err(write_err)?;
        self.file.sync_all().map_err(write_err)?;
        if std::mem::take(&mut self.made) {
            if let Some(dir) = self.path.parent() {
                // Not every system can sync a folder; the file itself is synced.
                if let Ok(d) = std::fs::File::open(dir) {
                    let _ = d.sync_all();
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(path: &Path, from: u64) -> (Vec<Option<String>>, ReadTo) {
        let mut got = Vec::new();
        let to = read_lines(path, from, |l| {
            got.push(l.map(|b| String::from_utf8_lossy(b).into_owned()));
            Ok(())
        })
        .unwrap();
        (got, to)
    }

    #[test]
    fn a_half_written_last_line_waits_for_the_next_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("recall-a.jsonl");
        std::fs::write(&p, "one\ntwo\r\nthr").unwrap();
        let (got, to) = lines_of(&p, 0);
        assert_eq!(got, [Some("one".to_string()), Some("two".to_string())]);
        assert_eq!((to.end, to.lines, to.partial), (9, 2, 3));
        std::fs::write(&p, "one\ntwo\r\nthree\n").unwrap();
        let (got, to) = lines_of(&p, to.end);
        assert_eq!(got, [Some("three".to_string())]);
        assert_eq!((to.end, to.lines, to.partial), (15, 1, 0));
        // Shorter than where reading stopped: replaced, read again from the start.
        std::fs::write(&p, "x\n").unwrap();
        assert_eq!(lines_of(&p, 15).0, [Some("x".to_string())]);
    }

    #[test]
    fn an_overlong_line_is_skipped_without_being_held() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("recall-a.jsonl");
        let mut text = "a".repeat(3 * MAX_LINE);
        text.push_str("\nok\n");
        std::fs::write(&p, &text).unwrap();
        let (got, to) = lines_of(&p, 0);
        assert_eq!(got, [None, Some("ok".to_string())]);
        assert_eq!(to.end, text.len() as u64);
    }

    #[test]
    fn only_recall_event_files_are_listed() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "recall-ab.jsonl",
            "recall-ab.sync-conflict-20261201-101010-XYZ.jsonl",
            "recall-ab (conflicted copy 2026-12-01).jsonl",
            "notes.md",
            ".syncthing.recall-ab.jsonl.tmp",
        ] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        std::fs::create_dir(dir.path().join("recall-dir.jsonl")).unwrap();
        assert_eq!(
            event_files(dir.path()).unwrap(),
            [
                "recall-ab (conflicted copy 2026-12-01).jsonl",
                "recall-ab.jsonl",
                "recall-ab.sync-conflict-20261201-101010-XYZ.jsonl",
            ]
        );
    }
}
