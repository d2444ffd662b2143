//! Anki's package files (`.apkg`, `.colpkg`: zip archives): finding the collection inside one
//! and unpacking it to a temporary SQLite file (zstd-compressed in current packages), counting
//! its media; and writing a package around a collection file.

use crate::error::{Error, Result};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The largest collection recall unpacks (an archive could claim any size).
pub const MAX_COLLECTION_BYTES: u64 = 4 << 30;
/// A collection unpacks to at most this many times the bytes it takes in the archive ...
pub const MAX_EXPANSION: u64 = 200;
/// ... or this many bytes, whichever is more (a small collection of empty pages packs tight).
pub const MIN_CAP_BYTES: u64 = 64 << 20;

/// Which collection file a package holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `collection.anki2` (Anki 2.0 and older 2.1 exports, and recall's own).
    Legacy,
    /// `collection.anki21` (Anki 2.1.x "support older versions" exports).
    Legacy21,
    /// `collection.anki21b`: zstd-compressed, schema 18 (Anki 2.1.50+).
    Current,
}

/// An unpacked package: its collection as a SQLite file that lives as long as this does.
pub struct Unpacked {
    pub collection: PathBuf,
    pub layout: Layout,
    /// Media files in the package (not imported).
    pub media: usize,
    _dir: tempfile::TempDir,
}

fn bad(path: &Path, message: impl Into<String>) -> Error {
    Error::Package {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// Opens a package and unpacks its collection into a temporary folder.
pub fn unpack(path: &Path) -> Result<Unpacked> {
    let file = std::fs::File::open(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound {
            path: path.to_path_buf(),
        },
        _ => Error::Read {
            path: path.to_path_buf(),
            source,
        },
    })?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| {
        bad(
            path,
            format!("not a zip archive ({e}); export it from Anki as a package (.apkg or .colpkg)"),
        )
    })?;
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    let has = |n: &str| names.iter().any(|x| x == n);
    let (name, layout) = if has("collection.anki21b") {
        ("collection.anki21b", Layout::Current)
    } else if has("collection.anki21") {
        ("collection.anki21", Layout::Legacy21)
    } else if has("collection.anki2") {
        ("collection.anki2", Layout::Legacy)
    } else {
        return Err(bad(
            path,
            "no collection in it (collection.anki2, .anki21 or .anki21b); is it an Anki package?",
        ));
    };
    // Media files are stored under numbers.
    let media = names
        .iter()
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .count();
    let dir = tempfile::Builder::new()
        .prefix("recall-anki-")
        .tempdir()
        .map_err(|source| Error::Write {
            path: std::env::temp_dir(),
            source,
        })?;
    let collection = dir.path().join("collection.db");
    let entry = zip
        .by_name(name)
        .map_err(|e| bad(path, format!("cannot read {name}: {e}")))?;
    // What the archive says first (the copy below stops at the cap whatever it says).
    if layout != Layout::Current && entry.size() > MAX_COLLECTION_BYTES {
        return Err(too_large(path, MAX_COLLECTION_BYTES));
    }
    // A bomb (a few kilobytes that unpack to gigabytes) is stopped while it streams, at a
    // multiple of the bytes it really takes in the archive.
    let cap = entry
        .compressed_size()
        .saturating_mul(MAX_EXPANSION)
        .clamp(MIN_CAP_BYTES, MAX_COLLECTION_BYTES);
    let out = std::fs::File::create(&collection).map_err(|source| Error::Write {
        path: collection.clone(),
        source,
    })?;
    let mut out = std::io::BufWriter::new(out);
    let copied = match layout {
        Layout::Current => {
            let decoder = ruzstd::decoding::StreamingDecoder::new(entry)
                .map_err(|e| bad(path, format!("{name} is not zstd data: {e}")))?;
            copy_capped(decoder, &mut out, cap)
        }
        _ => copy_capped(entry, &mut out, cap),
    };
    let written = copied.map_err(|e| bad(path, format!("cannot unpack {name}: {e}")))?;
    if written > cap {
        return Err(too_large(path, cap));
    }
    out.flush().map_err(|source| Error::Write {
        path: collection.clone(),
        source,
    })?;
    Ok(Unpacked {
        collection,
        layout,
        media,
        _dir: dir,
    })
}

fn too_large(path: &Path, cap: u64) -> Error {
    let limit = if cap == MAX_COLLECTION_BYTES {
        format!("the {} GiB recall unpacks", MAX_COLLECTION_BYTES >> 30)
    } else {
        format!(
            "{} MiB, {MAX_EXPANSION} times what it takes in the package (a broken or hostile \
             package?)",
            cap >> 20
        )
    };
    bad(path, format!("its collection unpacks to more than {limit}"))
}

/// Copies at most one byte past `cap` (the caller says it was too large).
fn copy_capped(from: impl Read, to: &mut impl Write, cap: u64) -> std::io::Result<u64> {
    std::io::copy(&mut from.take(cap + 1), to)
}

/// Writes a package at `out` holding the collection file `collection` as `collection.anki2`
/// and no media: written beside and renamed, so `out` is whole or untouched.
pub fn write(out: &Path, collection: &Path, media: &[(String, PathBuf)]) -> Result<()> {
    let write_err = |source: std::io::Error| Error::Write {
        path: out.to_path_buf(),
        source,
    };
    let folder = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // Beside `out`, under a name of its own; removed if anything fails.
    let partial = tempfile::Builder::new()
        .prefix(".recall-export-")
        .suffix(".partial")
        .tempfile_in(folder)
        .map_err(write_err)?;
    write_zip(partial.path(), collection, media, out)?;
    // Readable as any file the user writes (a temporary file is the owner's alone).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = partial
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    partial.persist(out).map_err(|e| write_err(e.error))?;
    // The rename itself made durable.
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

fn write_zip(
    partial: &Path,
    collection: &Path,
    media: &[(String, PathBuf)],
    out: &Path,
) -> Result<()> {
    let write_err = |source: std::io::Error| Error::Write {
        path: out.to_path_buf(),
        source,
    };
    let zip_err = |e: zip::result::ZipError| write_err(std::io::Error::other(e));
    let file = std::fs::File::create(partial).map_err(write_err)?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    zip.start_file("collection.anki2", options)
        .map_err(zip_err)?;
    let mut from = std::fs::File::open(collection).map_err(write_err)?;
    std::io::copy(&mut from, &mut zip).map_err(write_err)?;
    // Media as the older packages hold it: entry `n` is the file, the `media` map names it.
    let mut names = serde_json::Map::new();
    for (n, (name, file)) in media.iter().enumerate() {
        let read_err = |source| Error::Read {
            path: file.clone(),
            source,
        };
        let mut from = std::fs::File::open(file).map_err(read_err)?;
        zip.start_file(n.to_string(), options).map_err(zip_err)?;
        std::io::copy(&mut from, &mut zip).map_err(write_err)?;
        names.insert(n.to_string(), name.clone().into());
    }
    zip.start_file("media", options).map_err(zip_err)?;
    zip.write_all(serde_json::Value::Object(names).to_string().as_bytes())
        .map_err(write_err)?;
    let mut inner = zip.finish().map_err(zip_err)?;
    inner.flush().map_err(write_err)?;
    inner
        .into_inner()
        .map_err(|e| write_err(e.into_error()))?
        .sync_all()
        .map_err(write_err)
}
