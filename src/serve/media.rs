//! The image files a shown card names, found and checked before one byte is served: a note's
//! image beside its note (`img/cat.png`, Logseq's `../assets/…`), an Anki package's media file
//! in the media folder. A file is served only when, after every link and `..` is resolved, it
//! lies in the note's folder, a folder of imported notes or the media folder, and it is an image.

use crate::display::html::{image_type, images, ImageRef};
use crate::model::ReviewCard;
use crate::store::Store;
use std::path::{Path, PathBuf};

/// An image file to serve, with its content type.
#[derive(Debug)]
pub struct ImageFile {
    /// Opened right after the check, so what is served is what was checked.
    pub file: std::fs::File,
    pub content_type: &'static str,
}

/// The file of image `image` that `card` shows, or `None` when the card does not show it or it
/// is not an image inside the folders recall may serve.
pub fn find(store: &Store, card: &ReviewCard, image: &ImageRef) -> Option<ImageFile> {
    let shows = [&card.question, &card.answer, &card.context]
        .iter()
        .any(|side| images(side).contains(image));
    if !shows {
        return None;
    }
    let note = crate::review::start::note_of(store, card).ok().flatten();
    let note_dir = note
        .as_ref()
        .and_then(|(path, _)| Path::new(path).parent().map(Path::to_path_buf));
    let (candidate, mut roots) = match image {
        ImageRef::Media(name) => {
            if !crate::anki::media::is_plain_name(name) {
                return None;
            }
            let folder = store.media_folder()?;
            (folder.join(name), vec![folder])
        }
        ImageRef::Note(written) => {
            if written.contains("://") || written.starts_with("data:") {
                return None; // not fetched: the page shows what recall serves only
            }
            let decoded = percent_encoding::percent_decode_str(written)
                .decode_utf8()
                .ok()?
                .into_owned();
            let dir = note_dir.clone()?;
            // Logseq writes `../assets/a.png` and sometimes `/../assets/a.png`: beside the note.
            (dir.join(decoded.trim_start_matches('/')), vec![dir])
        }
    };
    if let Ok(folders) = store.note_folders() {
        roots.extend(folders.into_iter().map(|f| PathBuf::from(f.path)));
    }
    // Obsidian's `![[cell.png]]` names a file anywhere in the vault.
    let candidate = match image {
        ImageRef::Note(name) if !candidate.exists() && !name.contains(['/', '\\']) => {
            roots.iter().find_map(|root| find_by_name(root, name))?
        }
        _ => candidate,
    };
    let real = candidate.canonicalize().ok()?;
    let inside = roots
        .iter()
        .filter_map(|r| r.canonicalize().ok())
        .any(|root| real.starts_with(&root));
    if !inside || !real.is_file() {
        return None;
    }
    let content_type = image_type(&real.to_string_lossy())?;
    let file = std::fs::File::open(&real).ok()?;
    // The file opened is the one checked: no link was swapped in between.
    let same = std::fs::canonicalize(&real).ok()? == real && file.metadata().ok()?.is_file();
    same.then_some(ImageFile { file, content_type })
}

/// Files looked at, at most, when an image is found by its name in a folder of notes.
const MAX_SEARCHED: usize = 50_000;

/// The first file named `name` under `root` (hidden folders skipped; bounded).
fn find_by_name(root: &Path, name: &str) -> Option<PathBuf> {
    walkdir::WalkDir::new(root)
        .max_depth(16)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .take(MAX_SEARCHED)
        .filter_map(Result::ok)
        .find(|e| e.file_type().is_file() && e.file_name().to_str() == Some(name))
        .map(walkdir::DirEntry::into_path)
}
