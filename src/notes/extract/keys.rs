//! Card keys: a card's stable identity, from its deck, kind and question (case, white space and
//! the emphasis markers `*`, `_`, `` ` `` ignored), or from its block's Logseq `id::` and its rank
//! among the block's cards. Line numbers never enter a key, so moving blocks keeps keys. When a
//! question repeats in a deck, the first keeps the plain key, later ones add their context, then
//! their rank among equals.

use super::Draft;
use crate::model::CardKey;
use crate::notes::outline::Outline;
use std::collections::{HashMap, HashSet};

/// Builds key material in one reused buffer and hashes it in one call.
#[derive(Default)]
struct KeyHasher {
    buf: Vec<u8>,
}

impl KeyHasher {
    /// Hashes `parts` as they are, then `normalized` texts as they count for identity: case,
    /// runs of whitespace and the emphasis markers `*`, `_`, `` ` `` ignored.
    fn hash(&mut self, parts: &[&str], normalized: &[&str]) -> u64 {
        self.buf.clear();
        for p in parts {
            self.buf.extend_from_slice(p.as_bytes());
            self.buf.push(0x1f);
        }
        for t in normalized {
            self.push_normalized(t);
            self.buf.push(0x1f);
        }
        xxhash_rust::xxh3::xxh3_64(&self.buf)
    }

    fn push_normalized(&mut self, text: &str) {
        let text = text.trim();
        let bytes = text.as_bytes();
        self.buf.reserve(bytes.len() + 1);
        let mut space = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                // A run of bytes kept as they are (no upper case, space or marker) goes at once.
                let run = bytes[i..]
                    .iter()
                    .take_while(|&&c| {
                        c.is_ascii()
                            && !c.is_ascii_uppercase()
                            && !matches!(
                                c,
                                b'*' | b'_' | b'`' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
                            )
                    })
                    .count();
                if run > 0 {
                    if space {
                        self.buf.push(b' ');
                        space = false;
                    }
                    self.buf.extend_from_slice(&bytes[i..i + run]);
                    i += run;
                    continue;
                }
                i += 1;
                match b {
                    b'*' | b'_' | b'`' => {}
                    b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => space = true,
                    b => {
                        if space {
                            self.buf.push(b' ');
                            space = false;
                        }
                        self.buf.push(b.to_ascii_lowercase());
                    }
                }
                continue;
            }
            // A non-ASCII character: decode just this one.
            let c = text[i..].chars().next().expect("i is on a char boundary");
            i += c.len_utf8();
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space {
                self.buf.push(b' ');
                space = false;
            }
            for l in c.to_lowercase() {
                let mut tmp = [0u8; 4];
                self.buf
                    .extend_from_slice(l.encode_utf8(&mut tmp).as_bytes());
            }
        }
    }
}

/// Gives every card its stable key (see the module comment), unique within the deck.
pub(super) fn assign_keys(cards: &mut [Draft], outline: &Outline, deck: &str) {
    let mut taken: HashSet<u64> = HashSet::with_capacity(cards.len());
    // Next rank to try for a (question, context) that repeats, so repeats cost O(1) each.
    let mut next_rank: HashMap<u64, u64> = HashMap::new();
    let mut h = KeyHasher::default();
    for d in cards {
        let kind = d.card.kind.as_str();
        let question = d.card.question.as_str();
        let id = outline.blocks[d.block]
            .property("id")
            .filter(|id| !id.is_empty());
        let base = match id {
            Some(id) if d.rank != usize::MAX => {
                h.hash(&[deck, "id", id, kind, &d.rank.to_string()], &[])
            }
            _ => h.hash(&[deck, kind], &[question]),
        };
        let mut key = base;
        if !taken.insert(key) {
            let context = &*d.card.context;
            let with_context = h.hash(&[deck, kind], &[question, context]);
            key = with_context;
            if !taken.insert(key) {
                let n = next_rank.entry(with_context).or_insert(2);
                loop {
                    key = h.hash(&[deck, kind, &n.to_string()], &[question, context]);
                    *n += 1;
                    if taken.insert(key) {
                        break;
                    }
                }
            }
        }
        d.card.key = CardKey(key);
    }
}
