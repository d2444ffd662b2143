//! Note files on disk: which files a path names, how each is read, and the deck it becomes.
//! The only module of `notes` that touches the file system.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// A note file to read, with the deck it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteFile {
    /// The path as the person named it (or walked to it).
    pub path: PathBuf,
    /// The path as the store keys it: absolute, links resolved when the file exists.
    pub absolute: PathBuf,
    /// `python` for `python.md`; `vault/lang/python` for `lang/python.md` in folder `vault`.
    pub deck: String,
    /// The file is a page of a Logseq graph (a folder with `logseq/config.edn` holds it).
    pub logseq: bool,
}

impl NoteFile {
    /// The note as the extractor names it: its deck (or `deck`, when one is given for every
    /// file), and `shown`, the path as the person gave it.
    pub fn note_ref<'a>(
        &'a self,
        deck: Option<&'a str>,
        shown: &'a str,
    ) -> crate::notes::NoteRef<'a> {
        crate::notes::NoteRef {
            deck: deck.unwrap_or(&self.deck),
            source: shown,
            logseq: self.logseq,
        }
    }
}

/// Does this file name look like notes? (`.md`, `.markdown`, `.org`; any case.)
pub fn is_note_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        e.eq_ignore_ascii_case("md")
            || e.eq_ignore_ascii_case("markdown")
            || e.eq_ignore_ascii_case("org")
    })
}

impl NoteFile {
    /// A file imported before, by its stored path and deck.
    pub fn known(path: PathBuf, deck: String) -> NoteFile {
        let logseq = in_logseq_graph(&path);
        NoteFile {
            absolute: absolute(&path),
            path,
            deck,
            logseq,
        }
    }
}

/// The path as the store keys it: absolute, links resolved when the file exists.
pub fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| std::path::absolute(path).unwrap_or_default())
}

/// Files imported before, by stored path and deck: [`NoteFile::known`] for each, looking up
/// each folder's graph once.
pub fn known_files(paths: impl IntoIterator<Item = (PathBuf, String)>) -> Vec<NoteFile> {
    let mut graphs: std::collections::HashMap<PathBuf, bool> = std::collections::HashMap::new();
    paths
        .into_iter()
        .map(|(path, deck)| {
            let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
            let logseq = *graphs.entry(dir).or_insert_with(|| in_logseq_graph(&path));
            NoteFile {
                absolute: absolute(&path),
                path,
                deck,
                logseq,
            }
        })
        .collect()
}

/// Is this folder a Logseq graph?
fn is_logseq_graph(dir: &Path) -> bool {
    dir.join("logseq").join("config.edn").is_file()
}

/// Is this file inside a Logseq graph (`graph/pages/x.md`, `graph/journals/y.md`)? Looks a few
/// folders up.
fn in_logseq_graph(file: &Path) -> bool {
    file.ancestors().skip(1).take(4).any(is_logseq_graph)
}

/// Folders never walked into: hidden ones (`.git`, `.obsidian`, `.trash`), Logseq's backups.
fn is_skipped_dir(path: &Path, name: &str) -> bool {
    name.starts_with('.') && name.len() > 1
        || name == "node_modules"
        || (name == "bak"
            && path
                .parent()
                .and_then(|p| p.file_name())
                .is_some_and(|p| p == "logseq"))
}

/// The deck a note path (relative to what the user named) becomes: extension dropped, `/`
/// between folders, Logseq namespaces (`a___b`, `a%2Fb`) opened into `a/b`.
pub fn deck_name(relative: &Path) -> String {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.last_mut() {
        let stem = Path::new(last.as_str())
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        *last = page_name(&stem);
    }
    parts.retain(|p| !p.is_empty() && p != ".");
    crate::text::visible_controls(&parts.join("/")).into_owned()
}

/// A page's name from its file stem: Logseq namespaces `a___b` (and `a%2Fb`) read `a/b`.
pub fn page_name(stem: &str) -> String {
    stem.replace("___", "/")
        .replace("%2F", "/")
        .replace("%2f", "/")
}

/// Deck names inside a Logseq graph: `pages/python.md` → `graph/python`, every journal day →
/// one `graph/journals` deck (a deck per day would be noise).
pub fn logseq_deck_name(graph: &str, relative: &Path) -> String {
    let mut parts = relative.iter();
    match parts.next().and_then(|p| p.to_str()) {
        Some("journals") => format!("{graph}/journals"),
        Some("pages") => deck_name(&Path::new(graph).join(parts.as_path())),
        _ => deck_name(&Path::new(graph).join(relative)),
    }
}

/// The note files a user's path names: the file itself (whatever its extension), or every
/// Markdown file below a folder, sorted, skipping hidden folders. A folder that is a Logseq
/// graph (it has `logseq/config.edn`) names its decks by [`logseq_deck_name`]. Unreadable entries are
/// returned as errors beside the files that could be listed.
pub fn note_files(path: &Path) -> (Vec<NoteFile>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            errors.push(Error::NotFound {
                path: path.to_path_buf(),
            });
            return (files, errors);
        }
        Err(source) => {
            errors.push(Error::Read {
                path: path.to_path_buf(),
                source,
            });
            return (files, errors);
        }
    };
    if !meta.is_dir() {
        let name = path.file_name().map(Path::new).unwrap_or(path);
        files.push(NoteFile {
            path: path.to_path_buf(),
            absolute: absolute(path),
            deck: deck_name(name),
            logseq: in_logseq_graph(path),
        });
        return (files, errors);
    }
    let graph = is_logseq_graph(path);
    let logseq = graph || in_logseq_graph(path);
    // Resolved once: the walk follows no links, so a file's resolved path is the root's
    // joined with the file's path below it (instead of resolving every file's path, a
    // system call per folder of it).
    let root = std::fs::canonicalize(path).ok();
    let root_name = root
        .as_deref()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let walker = walkdir::WalkDir::new(path)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !e.file_type().is_dir()
                || !is_skipped_dir(e.path(), &e.file_name().to_string_lossy())
        });
    // Graphs found below the folder (`notes/logseq-graph/logseq/config.edn`), by folder.
    let mut graphs = std::collections::HashMap::new();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && is_note_file(e.path()) => {
                let relative = e.path().strip_prefix(path).unwrap_or(e.path());
                let inner = if graph {
                    None
                } else {
                    inner_graph(path, relative, &mut graphs)
                };
                let deck = if graph {
                    logseq_deck_name(&root_name, relative)
                } else if let Some(depth) = inner {
                    // `notes/g/pages/python.md` → `notes/g/python`, as the graph names it.
                    let (at, rest) = split_at_component(relative, depth);
                    let name = Path::new(&root_name).join(at);
                    logseq_deck_name(&name.to_string_lossy(), rest)
                } else {
                    deck_name(&Path::new(&root_name).join(relative))
                };
                let logseq = logseq || inner.is_some();
                let absolute = match &root {
                    Some(root) => root.join(relative),
                    None => absolute(e.path()),
                };
                files.push(NoteFile {
                    path: e.into_path(),
                    absolute,
                    deck,
                    logseq,
                });
            }
            // A FIFO, socket or device named like a note: said, never read (or waited on).
            Ok(e)
                if !e.file_type().is_dir()
                    && !e.file_type().is_symlink()
                    && is_note_file(e.path()) =>
            {
                errors.push(Error::NotRegular {
                    kind: file_kind(&e.file_type()),
                    path: e.into_path(),
                });
            }
            Ok(_) => {}
            Err(e) => {
                let at = e.path().unwrap_or(path).to_path_buf();
                let source = e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("filesystem loop"));
                errors.push(Error::Read { path: at, source });
            }
        }
    }
    (files, errors)
}

/// The Logseq graph holding a file below a walked folder that is not one itself: how many
/// folders of `relative` lead to the graph's own folder (the innermost, when graphs nest).
/// Each folder is looked at once (`seen`).
fn inner_graph(
    root: &Path,
    relative: &Path,
    seen: &mut std::collections::HashMap<PathBuf, bool>,
) -> Option<usize> {
    let folders = relative.components().count().saturating_sub(1);
    let mut dir = root.to_path_buf();
    let mut found = None;
    for (k, part) in relative.components().take(folders).enumerate() {
        dir.push(part);
        let is_graph = *seen
            .entry(dir.clone())
            .or_insert_with(|| is_logseq_graph(&dir));
        if is_graph {
            found = Some(k + 1);
        }
    }
    found
}

/// `relative` cut after its first `n` components.
fn split_at_component(relative: &Path, n: usize) -> (PathBuf, &Path) {
    let head: PathBuf = relative.components().take(n).collect();
    let mut rest = relative.components();
    for _ in 0..n {
        rest.next();
    }
    (head, rest.as_path())
}

/// Lists the note files of the paths a user named, with their decks; unreadable paths are
/// returned as errors beside them.
pub fn collect_files(paths: &[impl AsRef<Path>]) -> (Vec<NoteFile>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let (f, e) = note_files(p.as_ref());
        files.extend(f);
        errors.extend(e);
    }
    (files, errors)
}

/// Reads a note file as text: UTF-8 (a BOM is fine), not binary, at most `max_bytes` long.
/// Only a regular file is read: a FIFO, device or socket is refused at once, never waited on.
pub fn read_note(path: &Path, max_bytes: u64) -> Result<String> {
    use std::io::Read;
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_err)?;
    if !meta.is_file() {
        return Err(Error::NotRegular {
            path: path.to_path_buf(),
            kind: file_kind(&meta.file_type()),
        });
    }
    if meta.len() > max_bytes {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            max: max_bytes,
        });
    }
    let file = std::fs::File::open(path).map_err(read_err)?;
    // It may have grown since: read no more than the limit allows, and say so if it did.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            max: max_bytes,
        });
    }
    decode(path, bytes)
}

/// What a file that is not a regular file is, to say so.
fn file_kind(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        } else if t.is_socket() {
            return "a socket";
        } else if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Checks that file bytes are note text.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    if bytes.contains(&0) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..valid]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        Error::NotUtf8 {
            path: path.to_path_buf(),
            line,
        }
    })?;
    // Nothing a note holds reaches a terminal raw (see `text`).
    Ok(crate::text::visible(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_walked_file_is_keyed_by_its_resolved_path_however_the_folder_was_named() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("vault");
        std::fs::create_dir_all(vault.join("lang/deep")).unwrap();
        std::fs::write(vault.join("lang/deep/rust.md"), "- a\n").unwrap();
        std::fs::write(vault.join("top.md"), "- b\n").unwrap();
        std::os::unix::fs::symlink(&vault, dir.path().join("link")).unwrap();
        for named in [
            dir.path().join("link"),
            dir.path().join("link/../vault/lang/.."),
            vault.clone(),
        ] {
            let (files, errors) = note_files(&named);
            assert!(errors.is_empty(), "{errors:?}");
            assert_eq!(files.len(), 2);
            for f in &files {
                assert_eq!(
                    f.absolute,
                    std::fs::canonicalize(&f.path).unwrap(),
                    "{named:?}"
                );
                assert!(f.path.starts_with(&named), "shown as named: {:?}", f.path);
            }
        }
    }

    #[test]
    fn deck_names() {
        assert_eq!(deck_name(Path::new("python.md")), "python");
        assert_eq!(
            deck_name(Path::new("vault/lang/python.md")),
            "vault/lang/python"
        );
        assert_eq!(
            deck_name(Path::new("pages/python___asyncio.md")),
            "pages/python/asyncio"
        );
        assert_eq!(deck_name(Path::new("a%2Fb.md")), "a/b");
    }

    #[test]
    fn logseq_graph_deck_names() {
        assert_eq!(
            logseq_deck_name("graph", Path::new("pages/python___asyncio.md")),
            "graph/python/asyncio"
        );
        assert_eq!(
            logseq_deck_name("graph", Path::new("journals/2026_11_24.md")),
            "graph/journals"
        );
        assert_eq!(
            logseq_deck_name("graph", Path::new("other/x.md")),
            "graph/other/x"
        );
    }

    #[test]
    fn decode_rejects_binary_and_names_the_bad_line() {
        let p = Path::new("n.md");
        assert!(matches!(
            decode(p, b"a\0b".to_vec()),
            Err(Error::Binary { .. })
        ));
        match decode(p, b"ok\nok\nbad \xff here".to_vec()) {
            Err(Error::NotUtf8 { line, .. }) => assert_eq!(line, 3),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            decode(p, "\u{feff}- x".as_bytes().to_vec()).unwrap(),
            "\u{feff}- x"
        );
    }
}
