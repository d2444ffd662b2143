//! The images and sounds of cards from Anki: taken out of a package into a folder beside the
//! database (only the files the imported notes name, each name checked, the whole bounded as
//! the collection is), and found again for an export, so a card goes back to Anki with them.

use super::collection::{length_fields, string_field};
use super::package::{Layout, MAX_COLLECTION_BYTES, MAX_EXPANSION, MIN_CAP_BYTES};
use crate::error::{Error, Result};
use std::collections::{BTreeSet, HashSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// What taking media out of a package did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct MediaIn {
    /// Files written to the media folder (or there already with the same bytes).
    pub saved: usize,
    /// Files the notes name that the package lacks, or whose name is not a plain file name.
    pub missing: usize,
    /// Files in the package no imported note names.
    pub unused: usize,
    /// Files of the same name with other bytes already in the folder (from another package):
    /// kept as they were, the package's left out.
    pub conflicts: Vec<String>,
    /// Why the media stopped coming in, if it did (the cards are in all the same).
    pub failed: Option<String>,
}

/// The media files `fields` (a note's fields, as Anki stores them) name: `<img src="…">` and
/// `[sound:…]`, each once, in order.
pub fn named_in(fields: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |name: &str| {
        let name = name.trim();
        if !name.is_empty() && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    };
    for (at, _) in fields.match_indices("[sound:") {
        let rest = &fields[at + "[sound:".len()..];
        if let Some(end) = rest.find(']') {
            add(&unescape(&rest[..end]));
        }
    }
    let lower = fields.to_ascii_lowercase();
    for tag in ["<img", "<audio", "<video", "<source"] {
        for (at, _) in lower.match_indices(tag) {
            let tag_end = lower[at..].find('>').map_or(lower.len(), |e| at + e);
            // `src=` as an attribute of its own (not `data-src=`).
            let Some(src) = (lower[at..tag_end].match_indices("src="))
                .map(|(i, _)| at + i)
                .find(|&i| lower.as_bytes()[i - 1].is_ascii_whitespace())
            else {
                continue;
            };
            let value = &fields[src + 4..tag_end];
            let name = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
                _ => value.split([' ', '/', '>']).next().unwrap_or(""),
            };
            add(&unescape(name));
        }
    }
    out
}

/// `&amp;` and the like in an attribute, as Anki writes a file name with them.
fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// Whether `name` is a plain file name, safe to make in the media folder: no folder parts, no
/// `..`, not hidden, no control characters, at most 255 bytes. A URL is not a media file.
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control)
}

/// Writes the files of package `package` (of layout `layout`) that `wanted` names into
/// `folder` (made if need be), each through a temporary file renamed into place. The whole is
/// bounded as the collection is: at most [`MAX_EXPANSION`] times the package's size (at least
/// [`MIN_CAP_BYTES`], at most [`MAX_COLLECTION_BYTES`]).
pub fn take_out(
    package: &Path,
    layout: Layout,
    wanted: &BTreeSet<String>,
    folder: &Path,
) -> Result<MediaIn> {
    let bad = |message: String| Error::Package {
        path: package.to_path_buf(),
        message,
    };
    let read_err = |source| Error::Read {
        path: package.to_path_buf(),
        source,
    };
    let mut done = MediaIn::default();
    let file = std::fs::File::open(package).map_err(read_err)?;
    let size = file.metadata().map_err(read_err)?.len();
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file))
        .map_err(|e| bad(format!("not a zip archive ({e})")))?;
    let entries = entries(&mut zip, layout).map_err(|e| bad(format!("its media list: {e}")))?;
    let cap = size
        .saturating_mul(MAX_EXPANSION)
        .clamp(MIN_CAP_BYTES, MAX_COLLECTION_BYTES);
    let mut left = cap;
    let mut found: HashSet<&str> = HashSet::new();
    for (entry, name) in &entries {
        if !wanted.contains(name) || !is_plain_name(name) {
            done.unused += usize::from(!wanted.contains(name));
            continue;
        }
        let Ok(mut data) = zip.by_name(entry) else {
            continue;
        };
        if found.is_empty() {
            std::fs::create_dir_all(folder).map_err(|source| Error::Write {
                path: folder.to_path_buf(),
                source,
            })?;
        }
        let write_err = |source| Error::Write {
            path: folder.join(name),
            source,
        };
        let mut out = tempfile::Builder::new()
            .prefix(".recall-media-")
            .tempfile_in(folder)
            .map_err(write_err)?;
        let copied = match layout {
            Layout::Current => {
                let decoder = ruzstd::decoding::StreamingDecoder::new(&mut data)
                    .map_err(|e| bad(format!("media file {entry} is not zstd data: {e}")))?;
                std::io::copy(&mut decoder.take(left + 1), &mut out)
            }
            _ => std::io::copy(&mut (&mut data).take(left + 1), &mut out),
        }
        .map_err(|e| bad(format!("cannot unpack media file {name}: {e}")))?;
        if copied > left {
            return Err(bad(format!(
                "its media unpacks to more than {} MiB, {MAX_EXPANSION} times the package (a broken or hostile package?); the files before that were kept",
                cap >> 20
            )));
        }
        left -= copied;
        out.flush().map_err(write_err)?;
        found.insert(name);
        let target = folder.join(name);
        if target.exists() {
            // The same bytes are there already; other bytes under that name are another
            // package's file, which its cards show: it stays.
            let same = std::fs::read(&target).ok() == std::fs::read(out.path()).ok();
            if !same {
                done.conflicts.push(name.clone());
                continue;
            }
        }
        out.persist(&target).map_err(|e| write_err(e.error))?;
        done.saved += 1;
    }
    done.missing = wanted
        .iter()
        .filter(|n| !found.contains(n.as_str()))
        .count();
    Ok(done)
}

/// The package's media files: (zip entry, file name). The older packages list them as JSON
/// (`{"0": "cat.png"}`), the current one as a zstd-compressed protobuf list whose n-th entry is
/// zip entry `n`.
fn entries<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    layout: Layout,
) -> std::result::Result<Vec<(String, String)>, String> {
    let Ok(list) = zip.by_name("media") else {
        return Ok(Vec::new());
    };
    // The list is small; a hostile one is stopped at 64 MiB.
    let mut bytes = Vec::new();
    match layout {
        Layout::Current => {
            let decoder =
                ruzstd::decoding::StreamingDecoder::new(list).map_err(|e| e.to_string())?;
            decoder
                .take(MIN_CAP_BYTES)
                .read_to_end(&mut bytes)
                .map_err(|e| e.to_string())?;
            let list = length_fields(&bytes, 1).ok_or("not a media list")?;
            Ok(list
                .into_iter()
                .enumerate()
                .filter_map(|(n, entry)| string_field(entry, 1).map(|name| (n.to_string(), name)))
                .collect())
        }
        _ => {
            list.take(MIN_CAP_BYTES)
                .read_to_end(&mut bytes)
                .map_err(|e| e.to_string())?;
            let map: std::collections::BTreeMap<String, String> =
                serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
            Ok(map.into_iter().collect())
        }
    }
}

/// The media files of `names` that `folder` holds, as (name, path), for a package.
pub fn to_send(names: &BTreeSet<String>, folder: Option<&Path>) -> Vec<(String, PathBuf)> {
    let Some(folder) = folder else {
        return Vec::new();
    };
    names
        .iter()
        .filter(|n| is_plain_name(n))
        .map(|n| (n.clone(), folder.join(n)))
        .filter(|(_, p)| p.is_file())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_and_sounds_are_found_in_fields() {
        let fields = "A <img src=\"cat.png\"> and <IMG alt=x SRC='dog &amp; co.jpg'>\u{1f}[sound:hallo.mp3] <img src=cat.png> <img data-src=\"lazy.png\"> <audio controls src=\"a.ogg\"></audio>";
        assert_eq!(
            named_in(fields),
            ["hallo.mp3", "cat.png", "dog & co.jpg", "a.ogg"]
        );
    }

    #[test]
    fn only_named_plain_files_are_taken_out_of_a_package() {
        let dir = tempfile::tempdir().unwrap();
        let package = dir.path().join("p.apkg");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&package).unwrap());
        let options = zip::write::SimpleFileOptions::default();
        for (entry, bytes) in [("0", &b"meow"[..]), ("1", b"evil"), ("2", b"spare")] {
            zip.start_file(entry, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.start_file("media", options).unwrap();
        zip.write_all(br#"{"0": "cat.png", "1": "../evil.png", "2": "spare.png"}"#)
            .unwrap();
        zip.finish().unwrap();
        let folder = dir.path().join("deep/recall.media");
        let wanted: BTreeSet<String> = ["cat.png", "../evil.png", "gone.png"]
            .map(String::from)
            .into();
        let done = take_out(&package, Layout::Legacy, &wanted, &folder).unwrap();
        assert_eq!((done.saved, done.missing, done.unused), (1, 2, 1));
        assert_eq!(std::fs::read(folder.join("cat.png")).unwrap(), b"meow");
        assert!(!dir.path().join("deep/evil.png").exists());
        let names: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["cat.png"]);
    }

    #[test]
    fn another_packages_file_of_the_same_name_stays() {
        let dir = tempfile::tempdir().unwrap();
        let package = dir.path().join("p.apkg");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&package).unwrap());
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("0", options).unwrap();
        zip.write_all(b"meow").unwrap();
        zip.start_file("media", options).unwrap();
        zip.write_all(br#"{"0": "cat.png"}"#).unwrap();
        zip.finish().unwrap();
        let folder = dir.path().join("recall.media");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("cat.png"), b"woof").unwrap();
        let wanted: BTreeSet<String> = ["cat.png".to_string()].into();
        let done = take_out(&package, Layout::Legacy, &wanted, &folder).unwrap();
        assert_eq!((done.saved, done.conflicts.len()), (0, 1));
        assert_eq!(std::fs::read(folder.join("cat.png")).unwrap(), b"woof");
        // The same bytes again are simply there.
        std::fs::write(folder.join("cat.png"), b"meow").unwrap();
        let done = take_out(&package, Layout::Legacy, &wanted, &folder).unwrap();
        assert_eq!((done.saved, done.conflicts.len()), (1, 0));
    }

    #[test]
    fn only_plain_file_names_are_made() {
        assert!(is_plain_name("cat.png"));
        assert!(is_plain_name("猫 1.png"));
        for bad in [
            "",
            "../x",
            "a/b.png",
            ".hidden",
            "c:\\x",
            "https://x.org/a.png",
            "a\nb",
        ] {
            assert!(!is_plain_name(bad), "{bad:?}");
        }
    }
}
