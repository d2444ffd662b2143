//! An import's first half, under no write lock: which note files changed since their last
//! import, each read and extracted; block references between notes resolved (a note that
//! refers to a block whose text changed is extracted again); and which imported files are gone,
//! with the new file each was renamed or moved to, if any.

use super::{mtime_ms, settings_hash, Folder, Options, STAT_TRUST_MS};
use crate::config::CardSettings;
use crate::error::{Error, Result};
use crate::model::Card;
use crate::notes::source::absolute;
use crate::notes::{self, source::NoteFile, BlockIndex, Settings, Tally};
use crate::store::sources::{KnownSource, SourceRow};
use crate::store::Store;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

mod known;
mod places;
#[cfg(test)]
pub(super) use known::LOAD_KNOWN_FROM;
use known::{many_files, Known};
use places::{match_renames, moved_away, Place, Places};

/// A note file as it will be stored: where it is, its deck and what it held when read.
#[derive(Debug, Clone)]
pub(super) struct FileFacts {
    /// Absolute, as the store keys it.
    pub path: String,
    pub deck: String,
    pub content_hash: String,
    pub settings_hash: String,
    pub size: i64,
    pub mtime_ms: Option<i64>,
    /// The command-line card settings it is imported with (JSON).
    pub flags: String,
}

/// A note file read and extracted.
#[derive(Debug)]
pub(super) struct ReadFile {
    pub facts: FileFacts,
    /// The path as the person gave it (in warnings and on cards).
    pub shown: String,
    /// The blocks it holds by `id::`, with the text a reference shows, and the ids it refers to.
    pub block_ids: Vec<(String, String)>,
    pub block_refs: Vec<String>,
    pub cards: Vec<Card>,
    pub tally: Tally,
    pub warnings: Vec<(usize, String)>,
    /// A file gone from the notes that this new file is (the same content, or else the same
    /// file name): its cards keep their history here.
    pub takes_over: Option<i64>,
    /// Read only because a block it refers to changed: not counted as a file of the import.
    pub forced: bool,
    /// Its cards are set aside in the store's staging table (numbered by its place in
    /// [`Prepared::read`]), not held in `cards`.
    pub staged: bool,
    /// The store knew the file before this import.
    known: bool,
    file: NoteFile,
    settings: Settings,
    /// Kept to extract it again, when it refers to other notes' blocks.
    text: Option<String>,
}

/// What the store compares to know a note's text unchanged.
fn content_hash(text: &str) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes()))
}

/// A note file's size and modification time, as a look at it found them.
#[derive(Debug, Clone, Copy)]
struct Seen {
    size: i64,
    mtime_ms: Option<i64>,
}

/// What a look at a file found: its size and time, or why there were none.
type Look = std::result::Result<Seen, std::io::ErrorKind>;

fn look(path: &Path) -> Look {
    let m = std::fs::metadata(path).map_err(|e| e.kind())?;
    Ok(Seen {
        size: m.len() as i64,
        mtime_ms: mtime_ms(&m),
    })
}

/// Looks at every file (a system call each) on a second thread while `meanwhile` runs on
/// this one (reading the store): for an import of many files.
fn look_at_all<T>(paths: &[PathBuf], meanwhile: impl FnOnce() -> T) -> (Vec<Look>, T) {
    std::thread::scope(|s| {
        let looking = s.spawn(|| paths.iter().map(|p| look(p)).collect::<Vec<_>>());
        let done = meanwhile();
        let looks = looking
            .join()
            .unwrap_or_else(|_| paths.iter().map(|p| look(p)).collect());
        (looks, done)
    })
}

impl FileFacts {
    /// A file's facts before it is read (its content hash is filled in once it is).
    fn of(
        path: String,
        deck: &str,
        settings: &Settings,
        flags: &crate::config::CardSettings,
        seen: Option<Seen>,
    ) -> Self {
        FileFacts {
            path,
            deck: deck.to_string(),
            content_hash: String::new(),
            settings_hash: settings_hash(settings),
            size: seen.map_or(-1, |s| s.size),
            mtime_ms: seen.and_then(|s| s.mtime_ms),
            flags: serde_json::to_string(flags).unwrap_or_else(|_| "{}".into()),
        }
    }
}

impl Prepared {
    /// A deck's id, if it exists, looked up once per import.
    fn deck_id(&mut self, store: &Store, deck: &str) -> Result<Option<crate::model::DeckId>> {
        if let Some(known) = &self.known {
            return Ok(known.decks.get(deck).copied());
        }
        if let Some(id) = self.decks.get(deck) {
            return Ok(*id);
        }
        let id = store.find_deck(deck)?;
        self.decks.insert(deck.to_string(), id);
        Ok(id)
    }
}

impl ReadFile {
    /// A file about to be extracted: `known` to the store before, `forced` (read only for a
    /// changed block it refers to).
    fn new(
        facts: FileFacts,
        file: &NoteFile,
        settings: Settings,
        known: bool,
        forced: bool,
    ) -> Self {
        ReadFile {
            facts,
            shown: crate::text::visible_controls(&file.path.display().to_string()).into_owned(),
            block_ids: Vec::new(),
            block_refs: Vec::new(),
            cards: Vec::new(),
            tally: Tally::default(),
            warnings: Vec::new(),
            takes_over: None,
            forced,
            staged: false,
            known,
            file: file.clone(),
            settings,
            text: None,
        }
    }
}

/// What the first half found; the second half writes it.
#[derive(Debug, Default)]
pub(super) struct Prepared {
    pub read: Vec<ReadFile>,
    /// Unchanged content under a newer modification time: only that is remembered.
    pub touched: Vec<FileFacts>,
    /// Imported files that no longer exist.
    pub gone: Vec<KnownSource>,
    pub files: usize,
    pub skipped_unchanged: usize,
    pub failed: usize,
    pub errors: Vec<Error>,
    /// About how many bytes the cards held in memory take, and how many they may.
    held: usize,
    budget: usize,
    /// Deck ids by name, looked up once per import (when not all `known`).
    decks: HashMap<String, Option<crate::model::DeckId>>,
    /// Every deck and note file the store knows, read at once for an import of many files
    /// (else each is looked up when needed).
    known: Option<Known>,
}

/// The cards an import holds in memory before it sets the next files' aside on disk (see
/// `store::staging`): enough for a large vault, bounded for any.
pub(super) const HELD_CARDS_BYTES: usize = 32 << 20;

impl Prepared {
    /// Nothing read, touched or gone: the second half has nothing to write.
    pub fn writes_nothing(&self) -> bool {
        self.read.is_empty() && self.touched.is_empty() && self.gone.is_empty()
    }

    /// Holds a read file's cards, or sets them aside when the budget is spent.
    fn hold(&mut self, store: &Store, mut read: ReadFile) -> Result<()> {
        let n = self.read.len() as i64;
        self.held += stage_if_over(store, &mut read, n, self.held, self.budget)?;
        self.read.push(read);
        Ok(())
    }
}

fn held_bytes(cards: &[Card]) -> usize {
    cards
        .iter()
        .map(|c| c.question.len() + c.answer.len() + std::mem::size_of::<Card>() + 32)
        .sum()
}

/// Sets `read`'s cards aside as file `n` if holding them would pass `budget`; returns the bytes
/// now held for them.
fn stage_if_over(
    store: &Store,
    read: &mut ReadFile,
    n: i64,
    held: usize,
    budget: usize,
) -> Result<usize> {
    let bytes = held_bytes(&read.cards);
    if held + bytes <= budget {
        if read.staged {
            store.unstage_cards(n)?;
            read.staged = false;
        }
        return Ok(bytes);
    }
    store.stage_cards(n, &read.cards)?;
    read.cards = Vec::new();
    read.staged = true;
    Ok(0)
}

/// Reads what changed; see the module comment. `progress` is called after each file.
pub(super) fn prepare(
    store: &Store,
    files: &[NoteFile],
    opts: &Options<'_>,
    progress: &mut dyn FnMut(usize),
    budget: usize,
) -> Result<Prepared> {
    let mut p = Prepared {
        budget,
        ..Prepared::default()
    };
    let paths: Vec<PathBuf> = files.iter().map(|f| f.absolute.clone()).collect();
    // An import of many files looks at them all while the store is read.
    let (looks, known) = if many_files(files.len()) {
        let (looks, known) = look_at_all(&paths, || Known::load(store, files.len()));
        (Some(looks), known?)
    } else {
        (None, None)
    };
    p.known = known;
    let mut refs = Refs {
        index: BlockIndex::from_pairs(store.all_block_ids()?),
        changed: BTreeSet::new(),
    };
    let found: HashSet<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let places = Places::of(opts);
    for (folder, _) in &places.folders {
        let mut prefix = folder.to_string_lossy().into_owned();
        if !prefix.ends_with(std::path::MAIN_SEPARATOR) {
            prefix.push(std::path::MAIN_SEPARATOR);
        }
        // The folder was just walked, so a note under it that is missing is gone, even when
        // its own subfolder went with it (deleted, or renamed: then its notes are new files).
        let under = match &p.known {
            Some(known) => known.under(&prefix, |path| !found.contains(Path::new(path))),
            None => store.sources_under(&prefix)?,
        };
        for s in under {
            let path = Path::new(&s.path);
            if !found.contains(path) && missing(path) && !p.gone.iter().any(|g| g.id == s.id) {
                p.gone.push(s);
            }
        }
    }
    for (n, (file, path)) in files.iter().zip(&paths).enumerate() {
        let place = places.of_file(path);
        let seen = match &looks {
            Some(looks) => looks[n],
            None => look(path),
        };
        if opts.interrupted.is_some_and(|stop| stop()) {
            return Err(crate::error::Error::Interrupted);
        }
        read_file(store, file, path, seen, place, opts, &mut p, &mut refs)?;
        progress(n + 1);
    }
    // The blocks of a gone note resolve no more, unless a note read now holds them.
    let held: HashSet<&str> = p
        .read
        .iter()
        .flat_map(|r| r.block_ids.iter().map(|(id, _)| id.as_str()))
        .collect();
    let mut unheld = Vec::new();
    for g in &p.gone {
        for (id, _) in store.block_ids_of(g.id)? {
            if !held.contains(id.as_str()) {
                unheld.push(id);
            }
        }
    }
    for id in unheld {
        refs.index.remove(&id);
        refs.changed.insert(id);
    }
    read_again_for_refs(store, opts, &mut p, &mut refs)?;
    let moved_away = moved_away(store, &p)?;
    match_renames(&mut p, moved_away, &places);
    Ok(p)
}

/// Block references while reading: every known block id, and the ids whose text changed.
struct Refs {
    index: BlockIndex,
    changed: BTreeSet<String>,
}

/// Nothing is at `path`.
fn missing(path: &Path) -> bool {
    matches!(std::fs::symlink_metadata(path), Err(e) if e.kind() == std::io::ErrorKind::NotFound)
}

/// A note file named by itself is gone when it is not there in a folder that is (a missing
/// folder may be a drive not mounted: its notes are not taken for deleted).
fn is_gone(path: &Path) -> bool {
    missing(path) && path.parent().is_some_and(|d| d.is_dir())
}

/// Reads one file unless its size and time, or its content, show it unchanged.
#[allow(clippy::too_many_arguments)]
fn read_file(
    store: &Store,
    file: &NoteFile,
    path: &Path,
    seen: Look,
    place: Place<'_>,
    opts: &Options<'_>,
    p: &mut Prepared,
    refs: &mut Refs,
) -> Result<()> {
    // The store keys notes by path as text: a name that is not UTF-8 would be stored changed,
    // and two such names could become one.
    let Some(path_str) = path.to_str().map(str::to_string) else {
        p.files += 1;
        p.failed += 1;
        p.errors.push(Error::NameNotUtf8 {
            path: path.to_path_buf(),
        });
        return Ok(());
    };
    let previous = match &p.known {
        Some(known) => known.source(&path_str),
        None => store.source_by_path(&path_str)?,
    };
    if let (Some(prev), Err(kind)) = (&previous, &seen) {
        if *kind == std::io::ErrorKind::NotFound && prev.gone_at.is_none() && is_gone(path) {
            p.gone.push(KnownSource {
                id: prev.id,
                path: path_str,
                content_hash: prev.content_hash.clone(),
            });
            return Ok(());
        }
    }
    p.files += 1;
    // A known file named by itself keeps the deck it has (a folder import may have named it
    // `notes/emacs`; importing `notes/emacs.org` alone does not move it to `emacs`), unless
    // `--deck` says otherwise.
    let kept_deck = match (&previous, place.deck, place.walked) {
        (Some(prev), None, false) if prev.gone_at.is_none() => store.deck_name(prev.deck_id)?,
        _ => None,
    };
    let deck = kept_deck.as_deref().or(place.deck).unwrap_or(&file.deck);
    // A refresh re-imports a file with the command-line settings it was first imported with.
    let flags = match (&previous, opts.keep_flags) {
        (Some(prev), true) => serde_json::from_str(&prev.flags).unwrap_or(place.flags),
        _ => place.flags,
    };
    let settings = flags.apply(opts.config.settings_for(deck));
    let mut facts = FileFacts::of(path_str, deck, &settings, &flags, seen.ok());
    let deck_id = p.deck_id(store, deck)?;
    let same_place = |prev: &SourceRow| {
        prev.settings_hash == facts.settings_hash && deck_id == Some(prev.deck_id)
    };
    if let Some(prev) = &previous {
        // Size and mtime vouch for the content only if the file was last written well before
        // it was imported; an edit within the same millisecond would not show in the mtime.
        let same_stat = prev.size == facts.size
            && prev.mtime_ms == facts.mtime_ms
            && facts
                .mtime_ms
                .is_some_and(|m| m < prev.imported_at - STAT_TRUST_MS);
        if same_stat && same_place(prev) {
            p.skipped_unchanged += 1;
            return Ok(());
        }
    }
    let text = match notes::source::read_note(path, opts.config.limits.note_bytes) {
        Ok(t) => t,
        Err(e) => {
            p.failed += 1;
            p.errors.push(e);
            return Ok(());
        }
    };
    facts.content_hash = content_hash(&text);
    if let Some(prev) = &previous {
        if prev.content_hash == facts.content_hash && same_place(prev) {
            p.touched.push(facts); // remember the new mtime
            p.skipped_unchanged += 1;
            return Ok(());
        }
    }
    let old_ids = match &previous {
        Some(prev) => store.block_ids_of(prev.id)?,
        None => Vec::new(),
    };
    let mut read = ReadFile::new(facts, file, settings, previous.is_some(), false);
    if let Err(e) = extract_guarded(&mut read, &text, refs, &old_ids) {
        p.failed += 1;
        p.errors.push(e);
        return Ok(());
    }
    if !read.block_refs.is_empty() {
        read.text = Some(text);
    }
    p.hold(store, read)
}

/// [`extract`], with a bug in it (a panic) costing only this note: it is named and skipped,
/// and the import goes on.
fn extract_guarded(
    read: &mut ReadFile,
    text: &str,
    refs: &mut Refs,
    old_ids: &[(String, String)],
) -> Result<()> {
    let run = std::panic::AssertUnwindSafe(|| extract(read, text, refs, old_ids));
    std::panic::catch_unwind(run).map_err(|_| Error::Internal {
        path: PathBuf::from(&read.shown),
    })
}

/// Parses and extracts a read file, into the deck its facts name: its block ids go into the
/// index first (those whose text is new, changed or gone are marked changed), so its own
/// references and later notes' resolve.
fn extract(read: &mut ReadFile, text: &str, refs: &mut Refs, old_ids: &[(String, String)]) {
    let note = read.file.note_ref(Some(&read.facts.deck), &read.shown);
    let outline = notes::parse_note(text, note, &read.settings.caps);
    let ids = notes::refs::block_ids(&outline);
    let now: HashMap<&str, &str> = ids.iter().map(|(i, t)| (i.as_str(), t.as_str())).collect();
    for (id, old) in old_ids {
        if now.get(id.as_str()) != Some(&old.as_str()) {
            refs.changed.insert(id.clone());
        }
    }
    let before: HashMap<&str, &str> = old_ids
        .iter()
        .map(|(i, t)| (i.as_str(), t.as_str()))
        .collect();
    for (id, text) in &ids {
        if before.get(id.as_str()) != Some(&text.as_str()) {
            refs.changed.insert(id.clone());
        }
        refs.index.insert(id, text.clone());
    }
    read.block_refs = notes::refs::referenced_ids(&outline);
    let extraction = notes::extract(&outline, note, &read.settings, &refs.index);
    read.tally = Tally::default();
    read.tally.add(&extraction);
    read.warnings = extraction
        .warnings
        .iter()
        .map(|w| (w.line, w.message.clone()))
        .collect();
    read.cards = extraction.cards;
    read.block_ids = ids;
}

/// Notes follow the blocks they refer to: a note that refers to a block whose text changed
/// in this import (or came after it in this import) is extracted again; one this import did
/// not read is read now.
fn read_again_for_refs(
    store: &Store,
    opts: &Options<'_>,
    p: &mut Prepared,
    refs: &mut Refs,
) -> Result<()> {
    if refs.changed.is_empty() {
        return Ok(());
    }
    let changed = std::mem::take(&mut refs.changed);
    let gone: HashSet<i64> = p.gone.iter().map(|g| g.id).collect();
    for i in 0..p.read.len() {
        if p.read[i].block_refs.iter().any(|r| changed.contains(r)) {
            let text = p.read[i].text.take().unwrap_or_default();
            let old = p.read[i].block_ids.clone();
            let r = &mut p.read[i];
            let before: usize = if r.staged { 0 } else { held_bytes(&r.cards) };
            extract(r, &text, refs, &old);
            r.text = Some(text);
            let held = p.held.saturating_sub(before);
            p.held = held + stage_if_over(store, r, i as i64, held, p.budget)?;
        }
    }
    let mut again: Vec<(i64, String, String)> = Vec::new();
    for id in &changed {
        for s in store.sources_referring(id)? {
            if !gone.contains(&s.0) && !again.iter().any(|a| a.0 == s.0) {
                again.push(s);
            }
        }
    }
    for (_, path, deck) in again {
        if p.read.iter().any(|r| r.facts.path == path) {
            continue;
        }
        let file = NoteFile::known(PathBuf::from(&path), deck);
        if !file.path.exists() {
            continue; // a note that is gone keeps its cards until it is imported again
        }
        let before = p.read.len();
        let counts = (p.files, p.skipped_unchanged);
        read_forced(store, &file, opts, p, refs)?;
        (p.files, p.skipped_unchanged) = counts;
        for r in &mut p.read[before..] {
            r.forced = true;
        }
    }
    Ok(())
}

/// Reads a known note whatever its size, time and content (a block it refers to changed).
fn read_forced(
    store: &Store,
    file: &NoteFile,
    opts: &Options<'_>,
    p: &mut Prepared,
    refs: &mut Refs,
) -> Result<()> {
    let path = file.absolute.clone();
    let path_str = path.to_string_lossy().into_owned();
    let Some(prev) = store.source_by_path(&path_str)? else {
        return Ok(());
    };
    let text = match notes::source::read_note(&path, opts.config.limits.note_bytes) {
        Ok(t) => t,
        Err(e) => {
            p.failed += 1;
            p.errors.push(e);
            return Ok(());
        }
    };
    // The note's own deck and settings, not this import's `--deck`: it is not one of its files.
    let deck = file.deck.as_str();
    let flags = serde_json::from_str(&prev.flags).unwrap_or(opts.flags);
    let settings = flags.apply(opts.config.settings_for(deck));
    let facts = FileFacts {
        content_hash: content_hash(&text),
        flags: prev.flags.clone(),
        ..FileFacts::of(path_str, deck, &settings, &flags, look(&path).ok())
    };
    let old_ids = store.block_ids_of(prev.id)?;
    let mut read = ReadFile::new(facts, file, settings, true, true);
    if let Err(e) = extract_guarded(&mut read, &text, refs, &old_ids) {
        p.failed += 1;
        p.errors.push(e);
        return Ok(());
    }
    p.hold(store, read)
}
