//! The bottom-up pass over a note before its cards are made: why each block could not be a
//! definition card, which of its bold spans can be clozes, what each subtree gives, and which
//! questions repeat an earlier sibling's.

use super::*;

impl Extractor<'_> {
    /// Bottom-up: why each block could not be a definition card if nothing above asked it
    /// (None: it could; a section title needs to know what each subtree gives on its own), and
    /// which of its bold spans can be clozes.
    pub(super) fn judge(&self) -> Judged {
        let blocks = &self.outline.blocks;
        let n = blocks.len();
        let mut def_skip: Vec<Option<Reason>> = vec![None; n];
        let mut gives = vec![Gives::default(); n];
        let mut verdicts: Vec<BoldVerdict> = vec![BoldVerdict::default(); n];
        let mut scratch = Scratch::default();
        for i in (0..n).rev() {
            if self.taken(i) {
                def_skip[i] = Some(Reason::InAnswer);
                continue;
            }
            if self.mode == Mode::Auto && !self.facts[i].explicit && !self.inline[i].bold.is_empty()
            {
                verdicts[i] = self.bold_verdict(i);
            }
            let (f, inl) = (&self.facts[i], &self.inline[i]);
            def_skip[i] = if f.explicit {
                Some(Reason::NoAnswer) // explicit cards take the block's place
            } else {
                self.definition_skip(i, &gives, &mut scratch)
            };
            let mut g = Gives {
                basic: (inl.card_tag && inl.clozes.is_empty())
                    || !self.ready.of(i).is_empty()
                    || (self.mode == Mode::Auto && def_skip[i].is_none()),
                line: f.line_cards,
                cloze: verdicts[i].ok != 0 || !inl.clozes.is_empty(),
            };
            let mut c = i + 1;
            while c < blocks[i].end {
                g.basic |= gives[c].basic;
                g.line |= gives[c].line;
                g.cloze |= gives[c].cloze;
                c = blocks[c].end;
            }
            gives[i] = g;
        }
        if self.mode == Mode::Auto {
            self.mark_repeats(&mut def_skip);
        }
        Judged { def_skip, verdicts }
    }

    /// The same question as an earlier sibling asks nothing new: sorted by (parent,
    /// question hash, place), every entry equal to the one before it is a repeat.
    pub(super) fn mark_repeats(&self, def_skip: &mut [Option<Reason>]) {
        let (blocks, n) = (&self.outline.blocks, self.outline.blocks.len());
        let mut asked: Vec<(usize, u64, usize)> = (0..n)
            .filter(|&i| def_skip[i].is_none())
            .map(|i| {
                let parent = blocks[i].parent.map_or(0, |p| p + 1);
                (
                    parent,
                    xxhash_rust::xxh3::xxh3_64(self.inline[i].text.as_bytes()),
                    i,
                )
            })
            .collect();
        asked.sort_unstable();
        for w in asked.windows(2) {
            if (w[0].0, w[0].1) == (w[1].0, w[1].1) {
                def_skip[w[1].2] = Some(Reason::Duplicate);
            }
        }
    }
}
