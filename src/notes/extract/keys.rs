//! Card keys: a card's stable identity, from its deck, kind and question (case, white space and
//! the emphasis markers `*`, `_`, `` ` `` ignored), or from its block's Logseq `id::` and its rank
//! among the block's cards. Line numbers never enter a key, so moving blocks keeps keys. When a
//! question repeats in a deck, the first keeps the plain key, later ones add their context, then
//! their rank among equals.

use super::Draft;
use crate::identity::KeyHasher;
use crate::model::CardKey;
use crate::notes::outline::Outline;
use std::collections::{HashMap, HashSet};

/// Gives every card its stable key (see the module comment), unique within the deck.
pub(super) fn assign_keys(cards: &mut [Draft], outline: &Outline, deck: &str) {
    let mut taken: HashSet<u64> = HashSet::with_capacity(cards.len());
    // Next rank to try for a (question, context) that repeats, so repeats cost O(1) each.
    let mut next_rank: HashMap<u64, u64> = HashMap::new();
    let mut h = KeyHasher::default();
    for d in cards {
        let kind = d.card.kind.as_str();
        // Images are not part of a card's identity: adding, moving or renaming one keeps it.
        let (bare, _) = super::assemble::split_images(&d.card.question);
        let question = bare.as_ref();
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
