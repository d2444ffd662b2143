//! The image files a shown card names, found and checked before one byte is served: a note's
//! image beside its note (`img/cat.png`, Logseq's `../assets/…`), an Anki package's media file
//! in the media folder. A file is served only when, after every link and `..` is resolved, it
//! lies in the note's folder, a folder of imported notes or the media folder, and it is an image.

use crate::display::html::{images, ImageRef};
use crate::model::ReviewCard;
use crate::store::Store;
use std::path::{Path, PathBuf};

/// An image file to serve, with its content type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFile {
    pub path: PathBuf,
    pub content_type: &'static str,
}

/// The content type of an image file's extension; `None` for anything else.
pub fn image_type(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "bmp" => "image/bmp",
        "svg" => "image/svg+xml",
        _ => return None,
    })
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
            (dir.join(decoded), vec![dir])
        }
    };
    if let Ok(folders) = store.note_folders() {
        roots.extend(folders.into_iter().map(|f| PathBuf::from(f.path)));
    }
    let real = candidate.canonicalize().ok()?;
    let inside = roots
        .iter()
        .filter_map(|r| r.canonicalize().ok())
        .any(|root| real.starts_with(&root));
    if !inside || !real.is_file() {
        return None;
    }
    Some(ImageFile {
        content_type: image_type(&real)?,
        path: real,
    })
}
