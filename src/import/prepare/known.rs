//! What the store knows of an import's files, read at once when the import is large: its
//! decks by name and its note files by path.

use super::*;

/// What the store knows, read at once: its decks by name, and its note files by path. Their
/// settings hash and flags (the same for most files) are held once each, in `texts`.
#[derive(Debug)]
pub(super) struct Known {
    pub(super) decks: HashMap<String, crate::model::DeckId>,
    sources: HashMap<String, (SourceRow, u32, u32)>,
    texts: Vec<String>,
}

/// An import of at least this many files reads every known file and deck at once...
const LOAD_KNOWN_FILES: usize = 64;
/// ... unless the store knows this many times more files (one lookup each is then cheaper).
const LOAD_KNOWN_RATIO: usize = 16;

#[cfg(test)]
thread_local! {
    /// [`LOAD_KNOWN_FILES`], for a test to import the same files both ways.
    pub static LOAD_KNOWN_FROM: std::cell::Cell<usize> =
        const { std::cell::Cell::new(LOAD_KNOWN_FILES) };
}

/// Is this import of many files (see [`LOAD_KNOWN_FILES`])?
pub(super) fn many_files(files: usize) -> bool {
    #[cfg(test)]
    let from = LOAD_KNOWN_FROM.with(|f| f.get());
    #[cfg(not(test))]
    let from = LOAD_KNOWN_FILES;
    files >= from
}

impl Known {
    /// Reads what the store knows, for an import of many files of a store that does not know
    /// many times more.
    pub(super) fn load(store: &Store, files: usize) -> Result<Option<Known>> {
        let count = store.source_count()?;
        if count > files * LOAD_KNOWN_RATIO {
            return Ok(None);
        }
        let mut texts: Vec<String> = Vec::new();
        let mut numbers: HashMap<String, u32> = HashMap::new();
        let mut number = |text: &mut String| {
            *numbers.entry(std::mem::take(text)).or_insert_with_key(|t| {
                texts.push(t.clone());
                texts.len() as u32 - 1
            })
        };
        let mut sources = HashMap::with_capacity(count);
        store.each_source(|path, mut row| {
            let (settings, flags) = (number(&mut row.settings_hash), number(&mut row.flags));
            sources.insert(path, (row, settings, flags));
        })?;
        let decks = (store.decks()?.into_iter())
            .map(|(id, name)| (name, id))
            .collect();
        Ok(Some(Known {
            decks,
            sources,
            texts,
        }))
    }

    /// The note files not found gone whose path starts with `prefix`, by path (as
    /// [`Store::sources_under`] reads them), those `keep` keeps.
    pub(super) fn under(&self, prefix: &str, keep: impl Fn(&str) -> bool) -> Vec<KnownSource> {
        let mut found: Vec<KnownSource> = (self.sources.iter())
            .filter(|(path, (row, _, _))| {
                row.gone_at.is_none() && path.starts_with(prefix) && keep(path)
            })
            .map(|(path, (row, _, _))| KnownSource {
                id: row.id,
                path: path.clone(),
                content_hash: row.content_hash.clone(),
            })
            .collect();
        found.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        found
    }

    /// What the store remembers of the note file at `path`.
    pub(super) fn source(&self, path: &str) -> Option<SourceRow> {
        let (row, settings, flags) = self.sources.get(path)?;
        Some(SourceRow {
            settings_hash: self.texts[*settings as usize].clone(),
            flags: self.texts[*flags as usize].clone(),
            ..row.clone()
        })
    }
}
