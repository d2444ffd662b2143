//! Where each file of an import belongs (the deck and settings of the walked folder holding
//! it, or the import's own), and which gone note a new file is, renamed or moved.

use super::*;

/// Known notes that are no longer where they were (moved out of a folder this import did not
/// walk, or away from where they were named by themselves) with the content of a file new to
/// this import: perhaps that file, moved (see [`match_renames`]).
pub(super) fn moved_away(store: &Store, p: &Prepared) -> Result<Vec<KnownSource>> {
    let new: HashSet<&str> = (p.read.iter().filter(|r| !r.known && !r.forced))
        .map(|r| r.facts.content_hash.as_str())
        .collect();
    if new.is_empty() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for s in store.sources_under("")? {
        let known_gone = p.gone.iter().any(|g| g.id == s.id);
        if new.contains(s.content_hash.as_str()) && !known_gone && is_gone(Path::new(&s.path)) {
            found.push(s);
        }
    }
    Ok(found)
}

/// Where each file of an import belongs: the innermost walked folder holding it decides its
/// deck and card settings; a file named by itself takes the import's.
pub(super) struct Places<'o> {
    /// Absolute paths, the longest first.
    pub(super) folders: Vec<(PathBuf, &'o Folder)>,
    import: Place<'o>,
}

/// The deck every card of a file goes into (or none: one deck per note) and the card settings
/// a file new to the store is imported with.
#[derive(Clone, Copy)]
pub(super) struct Place<'o> {
    pub(super) deck: Option<&'o str>,
    pub(super) flags: CardSettings,
    /// Found by walking a folder named in this import (else named by itself).
    pub(super) walked: bool,
}

impl<'o> Places<'o> {
    pub(super) fn of(opts: &Options<'o>) -> Self {
        let mut folders: Vec<(PathBuf, &Folder)> = opts
            .folders
            .iter()
            .map(|f| (absolute(&f.path), f))
            .collect();
        folders.sort_by_key(|(path, _)| std::cmp::Reverse(path.as_os_str().len()));
        Places {
            folders,
            import: Place {
                deck: opts.deck,
                flags: opts.flags,
                walked: false,
            },
        }
    }

    /// The innermost walked folder holding `path` (its absolute path), if any.
    pub(super) fn folder_of(&self, path: &Path) -> Option<&(PathBuf, &'o Folder)> {
        self.folders.iter().find(|(f, _)| path.starts_with(f))
    }

    pub(super) fn root_of(&self, path: &Path) -> Option<&Path> {
        self.folder_of(path).map(|(f, _)| f.as_path())
    }

    pub(super) fn of_file(&self, path: &Path) -> Place<'o> {
        match self.folder_of(path) {
            Some((_, f)) => Place {
                deck: f.deck.as_deref(),
                flags: f.flags,
                walked: true,
            },
            None => self.import,
        }
    }
}

/// A new file takes over a gone file's cards when it is that file renamed or moved: the same
/// content first, else the same file name within the same walked folder (moved, and perhaps
/// edited too). Each gone file is taken once. A note found `moved_away` is paired by its
/// content only, and is gone only if a file took it.
pub(super) fn match_renames(p: &mut Prepared, moved_away: Vec<KnownSource>, places: &Places<'_>) {
    if p.gone.is_empty() && moved_away.is_empty() {
        return;
    }
    let gone_now = p.gone.len();
    p.gone.extend(moved_away);
    let mut taken: HashSet<i64> = HashSet::new();
    let file_name = |path: &str| Path::new(path).file_name().map(|n| n.to_owned());
    for pass in [true, false] {
        for r in p
            .read
            .iter_mut()
            .filter(|r| r.takes_over.is_none() && !r.known)
        {
            let found = if pass {
                (p.gone.iter().filter(|g| !taken.contains(&g.id)))
                    .find(|g| g.content_hash == r.facts.content_hash)
                    .map(|g| g.id)
            } else {
                let name = file_name(&r.facts.path);
                let root = places.root_of(Path::new(&r.facts.path));
                let mut same_name = p.gone[..gone_now].iter().filter(|g| {
                    !taken.contains(&g.id)
                        && file_name(&g.path) == name
                        && places.root_of(Path::new(&g.path)) == root
                });
                match (same_name.next(), same_name.next()) {
                    (Some(g), None) => Some(g.id),
                    _ => None, // two gone files of that name: which one is unclear
                }
            };
            if let Some(id) = found {
                taken.insert(id);
                r.takes_over = Some(id);
            }
        }
    }
    let mut n = 0;
    p.gone.retain(|g| {
        n += 1;
        n <= gone_now || taken.contains(&g.id)
    });
}
