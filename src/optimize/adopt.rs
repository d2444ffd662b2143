//! Fitting to this database's log and adopting what was fitted: the log's spaced reviews read
//! as items, then (a copy of the database kept first) every card's memory state recomputed
//! under the new parameters and the set saved, in one transaction.

use super::{Evaluation, Items, ItemsBuilder};
use crate::error::Result;
use crate::rebuild::{rebuild_and, Options};
use crate::schedule::Scheduler;
use crate::store::Store;

/// The store's whole log as the items FSRS is fitted to, study days as `scheduler` counts them.
pub fn items_of(store: &Store, scheduler: &Scheduler) -> Result<Items> {
    let mut builder = ItemsBuilder::with_capacity(store.answer_count()?);
    store.for_each_card_log(|t| scheduler.study_day(t), |card| builder.add_card(card))?;
    Ok(builder.finish())
}

/// What fitting gave, to adopt.
pub struct Fit<'a> {
    pub parameters: &'a [f32],
    /// Spaced reviews fitted to, and their cards.
    pub items: usize,
    pub cards: usize,
    pub evaluation: Option<&'a Evaluation>,
}

/// What adopting did: the saved set's id and the cards whose memory state was recomputed.
pub struct Adopted {
    pub set: i64,
    pub cards: usize,
}

/// Makes `fit` the parameters in use: with `keep` > 0 a copy of the database goes into its
/// backups first (every schedule is about to be rewritten); then, in one transaction, every
/// card's memory state under the new parameters (due dates stay as given) and the saved set.
pub fn adopt(
    store: &mut Store,
    scheduler: &Scheduler,
    fit: &Fit<'_>,
    keep: usize,
    now: i64,
) -> Result<Adopted> {
    let mut settings = scheduler.config().clone();
    settings.parameters = fit.parameters.to_vec();
    let scheduler = Scheduler::new(settings)?;
    if let (Some(db), 1..) = (store.path().map(|p| p.to_path_buf()), keep) {
        crate::backups::take(store, &db, "optimize", now, keep)?;
    }
    let opts = Options {
        reschedule: false,
        write: true,
        answer_totals: false,
    };
    let mut set = 0;
    let report = rebuild_and(store, &scheduler, opts, |s| {
        set = s.save_parameters(fit.parameters, fit.items, fit.cards, fit.evaluation, now)?;
        Ok(())
    })?;
    Ok(Adopted {
        set,
        cards: report.cards,
    })
}
