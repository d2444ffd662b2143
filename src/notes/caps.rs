//! How much of one note recall reads, parses and extracts: the caps that keep every stage linear
//! in its input, whatever a file holds. The defaults never bite on notes a person keeps; the
//! `[limits]` table of the configuration sets them (see `config::Config`), and each one that
//! bites is reported with the file and line.

use serde::Deserialize;

/// Caps on one note and its blocks; part of the extraction [`Settings`](super::Settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Caps {
    /// A note file larger than this is skipped, with a message naming it.
    pub note_bytes: u64,
    /// A block's text longer than this is not read: Markdown's parse of one block is held in
    /// memory whole, and a block this long (a paragraph of a book's length) is no card.
    pub block_bytes: usize,
    /// The most blocks one note is read for; the rest of the note is not read.
    pub blocks_per_note: usize,
    /// At most this many bold spans or `{{c1::…}}` of one block become clozes (1 to
    /// [`MAX_CLOZES_PER_BLOCK`]).
    pub clozes_per_block: usize,
    /// A block keeps at most this many tags (and a card, with its page's and ancestors', as
    /// many): each tag is compared with the others.
    pub tags_per_block: usize,
}

/// The highest `clozes-per-block` there may be: a block's bold spans are judged as the bits
/// of one `u64`.
pub const MAX_CLOZES_PER_BLOCK: usize = 64;

impl Default for Caps {
    fn default() -> Self {
        // Far above any note a person writes (a long Logseq page is well under 1 MB).
        Caps {
            note_bytes: 16 << 20,
            block_bytes: 1 << 20,
            blocks_per_note: 100_000,
            clozes_per_block: MAX_CLOZES_PER_BLOCK,
            tags_per_block: 64,
        }
    }
}

impl Caps {
    /// Bold spans a block keeps (four times the clozes it can give): the rules that judge a
    /// span look at the others, and a block of thousands is no term list.
    pub fn bold_spans(&self) -> usize {
        4 * self.clozes_per_block
    }

    /// Why these caps cannot be used, in the words of the configuration file.
    pub fn check(&self) -> Result<(), String> {
        if !(1..=MAX_CLOZES_PER_BLOCK).contains(&self.clozes_per_block) {
            return Err(format!(
                "[limits] clozes-per-block = {} is out of range: use 1 to {MAX_CLOZES_PER_BLOCK}",
                self.clozes_per_block
            ));
        }
        for (name, value) in [
            ("note-bytes", self.note_bytes as usize),
            ("block-bytes", self.block_bytes),
            ("blocks-per-note", self.blocks_per_note),
            ("tags-per-block", self.tags_per_block),
        ] {
            if value == 0 {
                return Err(format!("[limits] {name} must be at least 1"));
            }
        }
        Ok(())
    }

    /// The block-size cap as people read it ("1 MiB", "512 KiB", "300 bytes").
    pub fn block_size_text(&self) -> String {
        let b = self.block_bytes;
        if b >= 1 << 20 && b % (1 << 20) == 0 {
            format!("{} MiB", b >> 20)
        } else if b >= 1 << 10 && b % (1 << 10) == 0 {
            format!("{} KiB", b >> 10)
        } else {
            format!("{b} bytes")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_pass_and_out_of_range_caps_are_named() {
        assert_eq!(Caps::default().check(), Ok(()));
        assert_eq!(Caps::default().bold_spans(), 256);
        let over = Caps {
            clozes_per_block: 65,
            ..Caps::default()
        };
        assert!(over.check().unwrap_err().contains("clozes-per-block = 65"));
        let zero = Caps {
            tags_per_block: 0,
            ..Caps::default()
        };
        assert_eq!(
            zero.check().unwrap_err(),
            "[limits] tags-per-block must be at least 1"
        );
    }

    #[test]
    fn block_sizes_read_as_people_write_them() {
        let size = |block_bytes| {
            Caps {
                block_bytes,
                ..Caps::default()
            }
            .block_size_text()
        };
        assert_eq!(size(1 << 20), "1 MiB");
        assert_eq!(size(512 << 10), "512 KiB");
        assert_eq!(size(300), "300 bytes");
    }
}
