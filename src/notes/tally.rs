//! What the extraction of some notes came to, added up for a summary: cards by kind and origin,
//! blocks skipped by reason, references left unresolved. `recall cards` and `recall import`
//! print it the same way.

use super::extract::{Extraction, Reason};
use crate::model::{CardKind, Origin};
use std::collections::BTreeMap;

/// A collection with at least this many explicit cards (beside automatic ones) is told how to
/// take only those.
pub const EXPLICIT_HINT_FROM: usize = 5;

/// Totals over the extractions of several notes.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    /// Notes extracted.
    pub files: usize,
    pub basic: usize,
    pub cloze: usize,
    pub explicit: usize,
    pub auto: usize,
    /// Blocks that gave no card, by reason.
    pub skipped: BTreeMap<Reason, usize>,
    /// Block references and embeds nothing resolved.
    pub unresolved_refs: usize,
}

impl Tally {
    /// Adds one note's extraction.
    pub fn add(&mut self, x: &Extraction) {
        self.files += 1;
        for c in &x.cards {
            match c.kind {
                CardKind::Basic => self.basic += 1,
                CardKind::Cloze => self.cloze += 1,
            }
            match c.origin {
                Origin::Explicit => self.explicit += 1,
                Origin::Auto => self.auto += 1,
            }
        }
        for s in &x.skipped {
            *self.skipped.entry(s.reason).or_insert(0) += 1;
        }
        self.unresolved_refs += x.unresolved_refs;
    }

    /// Adds another tally.
    pub fn merge(&mut self, other: &Tally) {
        self.files += other.files;
        self.basic += other.basic;
        self.cloze += other.cloze;
        self.explicit += other.explicit;
        self.auto += other.auto;
        for (r, n) in &other.skipped {
            *self.skipped.entry(*r).or_insert(0) += n;
        }
        self.unresolved_refs += other.unresolved_refs;
    }

    pub fn cards(&self) -> usize {
        self.basic + self.cloze
    }

    pub fn skipped_blocks(&self) -> usize {
        self.skipped.values().sum()
    }

    /// The skip reasons, most frequent first (ties in the order of [`Reason`]).
    pub fn skipped_by_count(&self) -> Vec<(Reason, usize)> {
        let mut v: Vec<(Reason, usize)> = self.skipped.iter().map(|(r, n)| (*r, *n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// Worth telling the user that `--mode explicit` takes only the explicit cards?
    pub fn suggest_explicit_only(&self) -> bool {
        self.explicit >= EXPLICIT_HINT_FROM && self.auto > 0
    }
}
