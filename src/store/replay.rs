//! One card's cached state made again from its log as it is now (after an answer, an undo, a
//! reset or a merge).

use super::Store;
use crate::error::Result;
use crate::model::CardId;
use crate::replay::{replay, Counted};
use crate::schedule::{CardSchedule, Scheduler};

impl Store {
    /// Replays one card from its log (as it is now) and writes the state it gives into the cache;
    /// that state.
    pub fn replay_card(&self, scheduler: &Scheduler, card_id: CardId) -> Result<CardSchedule> {
        let (log, resets) = self.card_log(card_id)?;
        let last_reset = resets.last().copied();
        let counted: Vec<Counted> = log
            .iter()
            .filter(|a| !a.undone && last_reset.is_none_or(|r| a.at > r))
            .map(|a| Counted {
                at: a.at,
                rating: a.rating,
                due_after: a.due_after,
                after: a.phase_after.map(|p| (p, a.step_after.unwrap_or(0))),
            })
            .collect();
        let state = replay(scheduler, card_id, &counted, false);
        self.set_card_state(card_id, &state)?;
        Ok(state)
    }
}
