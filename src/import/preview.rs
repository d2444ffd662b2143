//! `recall cards`: the cards note files give, without writing anything, and why the other
//! blocks gave none. Block references are resolved across every file named, as an import does;
//! a file the collection already holds is read with the deck and settings it was imported with
//! (a folder's `--deck`, `--no-bold-cloze`), and a new note inside an imported folder with the
//! folder's, so the preview shows the cards the import (or the refresh before a review) keeps.

use crate::config::{CardSettings, Config};
use crate::error::Error;
use crate::model::Card;
use crate::notes::{self, source, BlockIndex, Skipped, Tally};
use crate::store::Store;
use std::path::Path;

/// A skipped block with the file it is in and its text.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SkippedIn {
    pub source: String,
    #[serde(flatten)]
    pub block: Skipped,
    pub text: String,
}

/// What note files give.
#[derive(Debug, Default)]
pub struct Preview {
    pub cards: Vec<Card>,
    /// Each card's features for a card scorer (when asked), in the order of `cards`; None for
    /// an explicit card.
    pub features: Vec<Option<Vec<f32>>>,
    /// The blocks that gave no card (when asked).
    pub skipped: Vec<SkippedIn>,
    pub tally: Tally,
    /// (file, line, message) of oddities in the notes.
    pub warnings: Vec<(String, usize, String)>,
    /// Paths that could not be listed or files that could not be read; the rest were.
    pub errors: Vec<Error>,
}

/// What to preview beside the cards.
#[derive(Debug, Clone, Copy, Default)]
pub struct Want {
    pub skipped: bool,
    pub features: bool,
}

/// The cards of the note files `paths` name, with the configuration's settings for each deck
/// and the command line's `flags` over them; a file `known` holds keeps its deck and the
/// settings it was imported with (the command line's still over them).
pub fn preview(
    paths: &[impl AsRef<Path>],
    config: &Config,
    flags: CardSettings,
    want: Want,
    known: Option<&Store>,
) -> Preview {
    let (files, errors) = source::collect_files(paths);
    let mut p = Preview {
        errors,
        ..Preview::default()
    };
    let shown_of = |f: &source::NoteFile| {
        crate::text::visible_controls(&f.path.display().to_string()).into_owned()
    };
    // Block references may point into any of the files: index their ids first.
    let mut index = BlockIndex::new();
    let mut folders = Folders::default();
    for file in &files {
        if let Ok(text) = source::read_note(&file.path, config.limits.note_bytes) {
            let shown = shown_of(file);
            notes::index_note(
                &text,
                file.note_ref(None, &shown),
                &config.limits,
                &mut index,
            );
        }
    }
    for file in &files {
        let text = match source::read_note(&file.path, config.limits.note_bytes) {
            Ok(t) => t,
            Err(e) => {
                p.errors.push(e);
                continue;
            }
        };
        let shown = shown_of(file);
        let found = match known {
            Some(store) => imported_as(store, file).and_then(|as_file| match as_file {
                Some(place) => Ok(Some(place)),
                None => folders.place_of(store, file),
            }),
            None => Ok(None),
        };
        let (deck, flags) = match found {
            Ok(Some((deck, stored))) => (deck, over(flags, stored)),
            Ok(None) => (file.deck.clone(), flags),
            Err(e) => {
                p.errors.push(e);
                (file.deck.clone(), flags)
            }
        };
        let note = file.note_ref(Some(&deck), &shown);
        let settings = flags.apply(config.settings_for(&deck));
        let outline = notes::parse_note(&text, note, &settings.caps);
        let x = notes::extract(&outline, note, &settings, &index);
        p.warnings.extend(
            x.warnings
                .iter()
                .map(|w| (shown.clone(), w.line, w.message.clone())),
        );
        p.tally.add(&x);
        if want.skipped {
            p.skipped.extend(x.skipped.iter().map(|block| SkippedIn {
                source: shown.clone(),
                block: *block,
                text: notes::skipped_text(&outline, block),
            }));
        }
        if want.features {
            let f = notes::extract::card_features::of_page(&outline, &x.cards);
            p.features
                .extend(f.into_iter().map(|f| f.map(|f| f.to_vec())));
        }
        p.cards.extend(x.cards);
    }
    p
}

/// The deck and card settings a file the store holds was imported with; None for a file it
/// does not hold (or holds as deleted).
fn imported_as(
    store: &Store,
    file: &source::NoteFile,
) -> crate::error::Result<Option<(String, CardSettings)>> {
    let Some(path) = file.absolute.to_str() else {
        return Ok(None);
    };
    let Some(row) = store.source_by_path(path)?.filter(|r| r.gone_at.is_none()) else {
        return Ok(None);
    };
    let Some(deck) = store.deck_name(row.deck_id)? else {
        return Ok(None);
    };
    Ok(Some((
        deck,
        serde_json::from_str(&row.flags).unwrap_or_default(),
    )))
}

/// The command line's settings over those a file was imported with.
fn over(given: CardSettings, stored: CardSettings) -> CardSettings {
    CardSettings {
        mode: given.mode.or(stored.mode),
        journal_mode: given.journal_mode.or(stored.journal_mode),
        bold_cloze: given.bold_cloze.or(stored.bold_cloze),
        highlight_cloze: given.highlight_cloze.or(stored.highlight_cloze),
    }
}

/// The folders the collection imported whole, read once, and the decks their walks give.
#[derive(Default)]
struct Folders {
    /// Absolute path and folder, the longest path first; None until read.
    list: Option<Vec<(std::path::PathBuf, crate::store::sources::NoteFolder)>>,
    /// Each walked folder's files: absolute path → deck.
    walked: std::collections::HashMap<
        std::path::PathBuf,
        std::collections::HashMap<std::path::PathBuf, String>,
    >,
}

impl Folders {
    /// The deck and settings a note the collection does not hold would take from the
    /// innermost imported folder holding it (its `--deck`, or the name its walk gives it).
    fn place_of(
        &mut self,
        store: &Store,
        file: &source::NoteFile,
    ) -> crate::error::Result<Option<(String, CardSettings)>> {
        if self.list.is_none() {
            let mut list: Vec<_> = store
                .note_folders()?
                .into_iter()
                .map(|f| (source::absolute(Path::new(&f.path)), f))
                .collect();
            list.sort_by_key(|(p, _)| std::cmp::Reverse(p.as_os_str().len()));
            self.list = Some(list);
        }
        let list = self.list.as_deref().unwrap_or_default();
        let Some((root, folder)) = list.iter().find(|(p, _)| file.absolute.starts_with(p)) else {
            return Ok(None);
        };
        let flags = serde_json::from_str(&folder.flags).unwrap_or_default();
        let deck = match &folder.deck {
            Some(deck) => Some(deck.clone()),
            None => self
                .walked
                .entry(root.clone())
                .or_insert_with(|| {
                    source::note_files(root)
                        .0
                        .into_iter()
                        .map(|f| (f.absolute, f.deck))
                        .collect()
                })
                .get(&file.absolute)
                .cloned(),
        };
        Ok(deck.map(|d| (d, flags)))
    }
}
