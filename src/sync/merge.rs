//! Taking another device's events into the store, each once: an answer, reset, suspend, bury
//! or parameter set is added unless the store has it (by id, or the same thing at the same
//! millisecond: a database copied before its first sync holds its history under two ids); an
//! undo takes its answer back (the earliest undo wins); suspends and buries follow the
//! latest event of each card. Events for a card (or an answer) not here yet wait. Then the
//! cards touched are replayed from their merged log.

use crate::error::Result;
use crate::event::{CardRef, Event, EventId, What};
use crate::model::CardId;
use crate::replay::{replay as replay_log, Counted};
use crate::schedule::Scheduler;
use crate::store::Store;
use std::collections::{BTreeSet, HashMap};

/// What became of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Added,
    /// The store had it.
    Present,
    /// Kept until its card (or answer) is here.
    Waiting,
    /// An answer gathered, to be appended with the others by [`flush`].
    Staged,
    /// Not taken in: a parameter set FSRS refuses (it would stop every card being scheduled).
    Unusable,
    /// Dated more than [`MAX_AHEAD_MS`] ahead of this device's clock: kept with the waiting
    /// events and taken in when its time comes, never before.
    Held,
    /// Dated before [`EARLIEST_MS`]: not taken in.
    Undated,
}

/// An event dated more than this ahead of this device's clock waits until its time: a clock
/// set wrong by years (or a hostile file) would otherwise take its card out of review for
/// years. A day: a clock set to local time in the wrong zone is off by up to 14 hours.
pub const MAX_AHEAD_MS: i64 = 24 * 60 * 60 * 1000;
/// No event is older than this, 2006-01-01 UTC (before Anki's first release: an imported
/// history goes no further back).
pub const EARLIEST_MS: i64 = 1_136_073_600_000;

/// Can FSRS schedule with these parameters?
fn usable(parameters: &[f32]) -> bool {
    let settings = crate::schedule::SchedulerConfig {
        parameters: parameters.to_vec(),
        ..Default::default()
    };
    parameters.iter().all(|p| p.is_finite()) && Scheduler::new(settings).is_ok()
}

/// What a sync keeps while it takes events in.
#[derive(Debug, Default)]
pub struct Cx {
    cards: HashMap<CardRef, CardId>,
    devices: HashMap<String, i64>,
    /// The devices by row, and their names.
    rows: HashMap<i64, String>,
    names: HashMap<String, String>,
    /// Answers gathered since the last flush.
    pub staged: Vec<crate::store::sync::SyncedAnswer>,
    /// Cards whose log changed.
    pub touched: BTreeSet<CardId>,
    /// A parameter set came in.
    pub parameters_came: bool,
    /// This device's clock when the sync began (Unix milliseconds).
    pub now: i64,
    /// The events held for their time (see [`Outcome::Held`]).
    pub held: std::collections::HashSet<EventId>,
}

impl Cx {
    fn device_row(&mut self, s: &Store, device: &str) -> Result<i64> {
        if let Some(&row) = self.devices.get(device) {
            return Ok(row);
        }
        let row = s.device_row(device, "")?;
        self.devices.insert(device.to_string(), row);
        self.rows.insert(row, device.to_string());
        Ok(row)
    }

    /// Notes a device's name, as its file's header gives it.
    pub fn name_device(&mut self, s: &Store, device: &str, name: &str) -> Result<()> {
        let row = s.device_row(device, name)?;
        self.devices.insert(device.to_string(), row);
        self.rows.insert(row, device.to_string());
        if !name.is_empty() {
            self.names.insert(device.to_string(), name.to_string());
        }
        Ok(())
    }

    /// A device as a person knows it: its name, else its id.
    pub fn device_name(&self, device: &str) -> String {
        self.names
            .get(device)
            .cloned()
            .unwrap_or_else(|| device.to_string())
    }

    /// The device of a row [`Cx`] has met.
    pub fn device_of_row(&self, row: i64) -> &str {
        self.rows.get(&row).map_or("", String::as_str)
    }

    /// The card, looked up once per sync (cards not here are not kept: a file naming a
    /// million unknown cards takes no memory for them).
    fn card(&mut self, s: &Store, card: &CardRef) -> Result<Option<CardId>> {
        if let Some(&id) = self.cards.get(card) {
            return Ok(Some(id));
        }
        let id = s.card_of(card)?;
        if let Some(id) = id {
            if self.cards.len() >= CARDS_KEPT {
                self.cards.clear();
            }
            self.cards.insert(card.clone(), id);
        }
        Ok(id)
    }
}

/// Cards looked up that a sync keeps (about 100 bytes each).
const CARDS_KEPT: usize = 1_000_000;

/// Keeps event `e` (its `line`), about `card`, until what it needs is here: a rename under both
/// its names (this device may know only one of them).
fn keep_waiting(s: &Store, e: &Event, card: &CardRef, line: &str) -> Result<()> {
    match &e.what {
        What::Rename { card: to, from } => s.wait(&e.id, from, Some(to), line),
        _ => s.wait(&e.id, card, None, line),
    }
}

/// Takes one event in (`line` is its text, kept if it must wait).
pub fn apply(s: &Store, e: &Event, line: &str, cx: &mut Cx) -> Result<Outcome> {
    if e.at < EARLIEST_MS {
        return Ok(Outcome::Undated);
    }
    // (A parameter set dated ahead is taken: its date only orders it among the others.)
    if let Some(card) = e
        .what
        .card()
        .filter(|_| e.at > cx.now.saturating_add(MAX_AHEAD_MS))
    {
        keep_waiting(s, e, card, line)?;
        cx.held.insert(e.id.clone());
        return Ok(Outcome::Held);
    }
    let origin = cx.device_row(s, &e.id.device)?;
    let seq = e.id.seq;
    if let What::Rename { card: to, from } = &e.what {
        // The card is known here by either name (or waits under its older one).
        let found = match cx.card(s, to)? {
            Some(id) => Some(id),
            None => cx.card(s, from)?,
        };
        let Some(card) = found else {
            keep_waiting(s, e, to, line)?;
            return Ok(Outcome::Waiting);
        };
        let added = s.add_synced_rename(card, from, to, e.at, origin, seq)?;
        return Ok(if added {
            Outcome::Added
        } else {
            Outcome::Present
        });
    }
    let card = match e.what.card() {
        Some(c) => match cx.card(s, c)? {
            Some(id) => id,
            None => {
                keep_waiting(s, e, c, line)?;
                return Ok(Outcome::Waiting);
            }
        },
        None => CardId(0),
    };
    let added = match &e.what {
        What::Answer { row, .. } => {
            cx.staged.push(crate::store::sync::SyncedAnswer {
                card,
                at: e.at,
                row: *row,
                origin,
                seq,
            });
            return Ok(Outcome::Staged);
        }
        What::Undo {
            answer,
            answered_at,
            ..
        } => {
            let by_id = match answer {
                Some(a) => Some((cx.device_row(s, &a.device)?, a.seq)),
                None => None,
            };
            match s.synced_answer(by_id, card, *answered_at)? {
                Some(review) => s.add_synced_undo(review, e.at, origin, seq)?,
                None => {
                    let card = e.what.card().expect("an undo names its card");
                    keep_waiting(s, e, card, line)?;
                    return Ok(Outcome::Waiting);
                }
            }
        }
        What::Reset { .. } => s.add_synced_reset(card, e.at, origin, seq)?,
        What::Suspend { .. } => {
            s.add_synced_card_event(card, e.what.kind(), e.at, None, origin, seq)?
        }
        What::Bury { until_day, .. } => {
            s.add_synced_card_event(card, e.what.kind(), e.at, *until_day, origin, seq)?
        }
        // Taken in above, with the card found by either name.
        What::Rename { .. } => false,
        What::Parameters {
            parameters,
            items,
            cards,
        } => {
            if !usable(parameters) {
                return Ok(Outcome::Unusable);
            }
            let added = s.add_synced_parameters(e.at, parameters, *items, *cards, origin, seq)?;
            cx.parameters_came |= added;
            added
        }
    };
    if !added {
        return Ok(Outcome::Present);
    }
    if matches!(e.what, What::Undo { .. } | What::Reset { .. }) {
        cx.touched.insert(card);
    }
    Ok(Outcome::Added)
}

/// Appends the answers gathered: the (device, card) of each the log did not have, and how
/// many were gathered.
pub fn flush(s: &Store, cx: &mut Cx) -> Result<(Vec<(i64, CardId)>, usize)> {
    let mut staged = std::mem::take(&mut cx.staged);
    if staged.is_empty() {
        return Ok((Vec::new(), 0));
    }
    let added = s.add_synced_answers(&mut staged)?;
    let staged = staged.len();
    cx.touched.extend(added.iter().map(|&(_, card)| card));
    Ok((added, staged))
}

/// Matches a line of this device's own file that a stopped sync wrote (`e`, numbered past
/// what the store recorded) to the row it came from, giving that row its number. `false`: no
/// such row here, so another database wrote the line.
pub fn adopt(s: &Store, row: i64, e: &Event) -> Result<bool> {
    let card = match e.what.card() {
        Some(c) => match s.card_of(c)? {
            Some(id) => Some(id),
            None => return Ok(false),
        },
        None => None,
    };
    s.adopt_own_event(&e.what, e.at, card, row, e.id.seq)
}

/// From this many touched cards on, the whole log is read in one pass rather than card by
/// card.
const ONE_PASS_FROM: usize = 5_000;

/// Replays the cards `cx` touched from their merged log (every card, when a parameter set
/// came in that is now the newest: their memory is recomputed with it, due dates kept);
/// how many cards were replayed.
pub fn replay(s: &Store, scheduler: &Scheduler, cx: &Cx) -> Result<usize> {
    let newest = s.current_parameters()?.unwrap_or_default();
    let fresh;
    let (scheduler, all) = if cx.parameters_came && newest != scheduler.config().parameters {
        let mut settings = scheduler.config().clone();
        settings.parameters = newest;
        fresh = Scheduler::new(settings)?;
        (&fresh, true)
    } else {
        (scheduler, false)
    };
    if !all && cx.touched.len() < ONE_PASS_FROM {
        for &id in &cx.touched {
            s.replay_card(scheduler, id)?;
        }
        return Ok(cx.touched.len());
    }
    let mut states = Vec::new();
    let mut counted: Vec<Counted> = Vec::new();
    s.for_each_card_log(
        |t| scheduler.study_day(t),
        |card| {
            let id = card[0].card_id;
            if !all && !cx.touched.contains(&id) {
                return;
            }
            counted.clear();
            counted.extend(card.iter().filter(|a| a.counts()).map(Counted::of));
            states.push((id, replay_log(scheduler, id, &counted, false)));
        },
    )?;
    for (id, state) in &states {
        s.set_card_state(*id, state)?;
    }
    Ok(states.len())
}
