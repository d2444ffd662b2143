//! Card identity: what makes a card the same card across edits of the notes. A card's key
//! hashes its deck, kind and question as they count for identity (case, runs of white space
//! and the emphasis markers ignored), or its block's Logseq `id::`; a key
//! another note of the deck already holds is qualified by the note's path
//! ([`qualified_key`]); and a reworded question keeps its card when it is alike enough to the
//! one that lost its key ([`plan`], [`similarity`](crate::similar::similarity)). Line numbers never enter.

use crate::model::{Card, CardId, StoredCard};
use crate::similar::similarity;

/// Questions at least this similar ([`similarity`](crate::similar::similarity), 0–1) are one card reworded.
pub const REWORD_SIMILARITY: f64 = 0.7;
/// The lower bar when the answer is unchanged.
pub const REWORD_SIMILARITY_SAME_ANSWER: f64 = 0.5;

/// Builds key material in one reused buffer and hashes it in one call.
#[derive(Default)]
pub(crate) struct KeyHasher {
    buf: Vec<u8>,
}

impl KeyHasher {
    /// Hashes `parts` as they are, then `normalized` texts as they count for identity: case,
    /// runs of whitespace and the emphasis markers `*`, `_`, `` ` `` ignored.
    pub(crate) fn hash(&mut self, parts: &[&str], normalized: &[&str]) -> u64 {
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

/// The key of a card whose plain key another note of the deck holds: qualified by this note's
/// path, so the same question in two files makes two cards.
pub fn qualified_key(key: &str, path: &str) -> String {
    format!(
        "{:016x}",
        xxhash_rust::xxh3::xxh3_64(format!("{key}\u{1f}{path}").as_bytes())
    )
}

/// How an extracted card finds its stored card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Take {
    /// Same key, live.
    Key,
    /// Same key, retired: it comes back.
    Restore,
    /// No key match; a similar question of this source that lost its key.
    Reword,
}

/// What to do with one extracted card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Insert,
    Take { id: CardId, how: Take },
}

/// The sync of one source, decided before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// One per extracted card, in order.
    pub actions: Vec<Action>,
    /// Stored cards of the source that no extracted card took.
    pub retire: Vec<CardId>,
}

/// Decides the sync of one source (pure). `by_key[i]` is the stored card with card `i`'s key in
/// the deck, if any; `stored` are the source's live cards.
pub fn plan(cards: &[Card], by_key: &[Option<StoredCard>], stored: &[StoredCard]) -> Plan {
    let mut actions: Vec<Option<Action>> = vec![None; cards.len()];
    let mut taken = std::collections::HashSet::new();
    for (i, found) in by_key.iter().enumerate() {
        if let Some(f) = found {
            if taken.insert(f.id) {
                let how = if f.retired_at.is_some() {
                    Take::Restore
                } else {
                    Take::Key
                };
                actions[i] = Some(Action::Take { id: f.id, how });
            }
        }
    }
    // Rewording: candidates are this source's live cards that no key claimed.
    let orphans: Vec<&StoredCard> = stored.iter().filter(|s| !taken.contains(&s.id)).collect();
    if !orphans.is_empty() {
        let mut pairs: Vec<(f64, i64, usize, usize)> = Vec::new(); // (score, -distance, new, orphan)
        for (i, card) in cards.iter().enumerate() {
            if actions[i].is_some() {
                continue;
            }
            let q = normalize(&card.question);
            for (o, old) in orphans.iter().enumerate() {
                if old.kind != card.kind {
                    continue;
                }
                let score = similarity(&q, &normalize(&old.question));
                let bar = if old.answer == card.answer {
                    REWORD_SIMILARITY_SAME_ANSWER
                } else {
                    REWORD_SIMILARITY
                };
                if score >= bar {
                    pairs.push((score, -(old.position - i as i64).abs(), i, o));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
        for (score, _, i, o) in pairs {
            let id = orphans[o].id;
            if actions[i].is_none() && !taken.contains(&id) {
                taken.insert(id);
                // The very same question under another key (its deck changed) is no rewording.
                let how = if score >= 1.0 {
                    Take::Key
                } else {
                    Take::Reword
                };
                actions[i] = Some(Action::Take { id, how });
            }
        }
    }
    Plan {
        actions: actions
            .into_iter()
            .map(|a| a.unwrap_or(Action::Insert))
            .collect(),
        retire: stored
            .iter()
            .filter(|s| !taken.contains(&s.id))
            .map(|s| s.id)
            .collect(),
    }
}

pub(crate) fn normalize(q: &str) -> String {
    q.split_whitespace()
        .map(|w| {
            w.trim_matches(|c| matches!(c, '*' | '_' | '`'))
                .to_lowercase()
        })
        .collect::<Vec<_>>()
        .join(" ")
}
