//! Writing in what other devices did, each event once: answers, undos, resets, card events,
//! renames and parameters, and this device's own events found again in another's file.

use super::*;

const CARD: &str = include_str!("card.sql");
const INSERT_ANSWER: &str = include_str!("insert_answer.sql");
/// An answer to a card without any yet: no answer at its millisecond to look for.
const INSERT_ANSWER_NEW_CARD: &str = include_str!("insert_answer_new_card.sql");
const CARD_HAS_ANSWERS: &str = include_str!("card_has_answers.sql");
const ANSWER_OF_EVENT: &str = include_str!("answer_of_event.sql");
const ANSWER_AT: &str = include_str!("answer_at.sql");
const UNDO: &str = include_str!("undo.sql");
const INSERT_RESET: &str = include_str!("insert_reset.sql");
const INSERT_CARD_EVENT: &str = include_str!("insert_card_event.sql");
const INSERT_PARAMETERS: &str = include_str!("insert_parameters.sql");
const IS_OWN_ANSWER: &str = include_str!("is_own_answer.sql");
const IS_OWN_UNDO: &str = include_str!("is_own_undo.sql");
const IS_OWN_RESET: &str = include_str!("is_own_reset.sql");
const IS_OWN_CARD_EVENT: &str = include_str!("is_own_card_event.sql");
const IS_OWN_PARAMETERS: &str = include_str!("is_own_parameters.sql");
const ADOPT_ANSWER: &str = include_str!("adopt_answer.sql");
const ADOPT_UNDO: &str = include_str!("adopt_undo.sql");
const ADOPT_RESET: &str = include_str!("adopt_reset.sql");
const ADOPT_CARD_EVENT: &str = include_str!("adopt_card_event.sql");
const ADOPT_PARAMETERS: &str = include_str!("adopt_parameters.sql");
const IS_OWN_CARD_RENAME: &str = include_str!("is_own_card_rename.sql");
const ADOPT_CARD_RENAME: &str = include_str!("adopt_card_rename.sql");
const INSERT_CARD_RENAME: &str = include_str!("insert_card_rename.sql");
const LEARN_NAME: &str = include_str!("learn_name.sql");

/// From this many answers appended at once, their answer totals are counted in Rust and added
/// per quarter hour, not by the trigger per answer.
const COUNTED_FROM: usize = 2_000;

impl Store {
    /// The card with key `card.key` in the deck named `card.deck`, retired or not; else the
    /// card that name belonged to (a name it had, or took on another device).
    pub fn card_of(&self, card: &CardRef) -> Result<Option<CardId>> {
        self.run(|| {
            self.conn
                .prepare_cached(CARD)?
                .query_row(params![card.deck, card.key], |r| {
                    r.get::<_, Option<CardId>>(0)
                })
        })
    }

    /// Appends other devices' answers to the log, each unless the log has it (by its id,
    /// or an answer to the card at the same millisecond: the same answer): the (device row,
    /// card) of each added. In card and time order, the log's indexes are written in order.
    pub fn add_synced_answers(&self, answers: &mut [SyncedAnswer]) -> Result<Vec<(i64, CardId)>> {
        answers.sort_unstable_by_key(|a| (a.card, a.at, a.origin, a.seq));
        if answers.len() < COUNTED_FROM {
            return self.append_synced_answers(answers, None);
        }
        self.with_answers_counted(|totals| self.append_synced_answers(answers, Some(totals)))
    }

    /// [`Store::add_synced_answers`], sorted; counting each appended answer into `totals`
    /// when given (its trigger set aside).
    fn append_synced_answers(
        &self,
        answers: &[SyncedAnswer],
        mut totals: Option<&mut AppendedTotals>,
    ) -> Result<Vec<(i64, CardId)>> {
        self.run(|| {
            let mut probing = self.conn.prepare_cached(INSERT_ANSWER)?;
            let mut plain = self.conn.prepare_cached(INSERT_ANSWER_NEW_CARD)?;
            let mut has_answers = self.conn.prepare_cached(CARD_HAS_ANSWERS)?;
            let mut added = Vec::new();
            for group in answers.chunk_by(|a, b| a.card == b.card) {
                // A card with no answer yet has none at any millisecond: its answers are told
                // apart here (sorted, one per millisecond) instead of by the store.
                let new_card = !has_answers.query_row([group[0].card], |r| r.get::<_, bool>(0))?;
                let mut previous: Option<i64> = None;
                for s in group {
                    if new_card && previous == Some(s.at) {
                        continue;
                    }
                    previous = Some(s.at);
                    let stmt = if new_card { &mut plain } else { &mut probing };
                    let a = &s.row;
                    let n = stmt.execute(params![
                        s.card,
                        s.at,
                        a.rating,
                        a.duration_ms,
                        a.state_before,
                        a.stability_before,
                        a.difficulty_before,
                        a.due_before,
                        a.last_review_before,
                        a.state_after,
                        a.stability_after,
                        a.difficulty_after,
                        a.due_after,
                        a.step_after,
                        s.origin,
                        s.seq
                    ])?;
                    if n > 0 {
                        added.push((s.origin, s.card));
                        if let Some(t) = totals.as_deref_mut() {
                            t.add(
                                s.at,
                                a.rating,
                                a.duration_ms,
                                a.state_before,
                                a.due_before,
                                a.last_review_before,
                            );
                        }
                    }
                }
            }
            Ok(added)
        })
    }

    /// The `reviews` row of an answer: by its event id, else the card's answer at that time.
    pub fn synced_answer(
        &self,
        origin: Option<(i64, i64)>,
        card: CardId,
        at: i64,
    ) -> Result<Option<i64>> {
        self.run(|| {
            if let Some((row, seq)) = origin {
                // The id, and what it names: another database under the same id may have
                // given it to another answer.
                let found = self
                    .conn
                    .prepare_cached(ANSWER_OF_EVENT)?
                    .query_row(params![row, seq, card, at], |r| r.get(0))
                    .optional()?;
                if found.is_some() {
                    return Ok(found);
                }
            }
            self.conn
                .prepare_cached(ANSWER_AT)?
                .query_row(params![card, at], |r| r.get(0))
                .optional()
        })
    }

    /// Marks an answer undone by another device's undo at `at`, unless it was undone earlier
    /// (the earliest undo's time counts; an undo that has an id already keeps it, so a device
    /// finds its own events where it numbered them). Whether anything changed.
    pub fn add_synced_undo(&self, review: i64, at: i64, origin: i64, seq: i64) -> Result<bool> {
        self.run(|| {
            self.conn
                .prepare_cached(UNDO)?
                .execute(params![review, at, origin, seq])
                .map(|n| n > 0)
        })
    }

    /// Appends another device's reset unless the card has one at that time.
    pub fn add_synced_reset(&self, card: CardId, at: i64, origin: i64, seq: i64) -> Result<bool> {
        self.run(|| {
            self.conn
                .prepare_cached(INSERT_RESET)?
                .execute(params![card, at, origin, seq])
                .map(|n| n > 0)
        })
    }

    /// Appends another device's suspend/unsuspend/bury/unbury (unless the card has the same
    /// one at that time) and sets the card's flag from its latest event of that pair.
    pub fn add_synced_card_event(
        &self,
        card: CardId,
        kind: &str,
        at: i64,
        until_day: Option<i64>,
        origin: i64,
        seq: i64,
    ) -> Result<bool> {
        self.run(|| {
            let added = self
                .conn
                .prepare_cached(INSERT_CARD_EVENT)?
                .execute(params![card, kind, at, until_day, origin, seq])?
                > 0;
            if added {
                flags_from_events(&self.conn, card, kind)?;
            }
            Ok(added)
        })
    }

    /// Takes in another device's rename of `card` (from `from` to `to`, at `at`): both names
    /// become the card's here (a name another card has keeps that card), so events that
    /// device logged under either find it. Whether the rename was new here.
    pub fn add_synced_rename(
        &self,
        card: CardId,
        from: &CardRef,
        to: &CardRef,
        at: i64,
        origin: i64,
        seq: i64,
    ) -> Result<bool> {
        self.run(|| {
            let added = self
                .conn
                .prepare_cached(INSERT_CARD_RENAME)?
                .execute(params![
                    card, from.deck, from.key, to.deck, to.key, at, origin, seq
                ])?
                > 0;
            for name in [from, to] {
                self.conn
                    .prepare_cached(LEARN_NAME)?
                    .execute(params![name.deck, name.key, card])?;
            }
            Ok(added)
        })
    }

    /// Adds another device's parameter set unless one the same was made at that time.
    pub fn add_synced_parameters(
        &self,
        at: i64,
        parameters: &[f32],
        items: i64,
        cards: i64,
        origin: i64,
        seq: i64,
    ) -> Result<bool> {
        let json = serde_json::to_string(parameters).unwrap_or_default();
        self.run(|| {
            self.conn
                .prepare_cached(INSERT_PARAMETERS)?
                .execute(params![at, json, items, cards, origin, seq])
                .map(|n| n > 0)
        })
    }

    /// Gives the event made here that `what` (at `at`, on `card`) describes, not numbered yet,
    /// the number `seq` of device `row`: a line a stopped sync wrote is matched to its row.
    /// Whether there was such a row.
    pub fn adopt_own_event(
        &self,
        what: &What,
        at: i64,
        card: Option<CardId>,
        row: i64,
        seq: i64,
    ) -> Result<bool> {
        self.run(|| {
            let n = match (what, card) {
                (What::Answer { .. }, Some(c)) => self
                    .conn
                    .prepare_cached(ADOPT_ANSWER)?
                    .execute(params![c, at, row, seq])?,
                (What::Undo { answered_at, .. }, Some(c)) => self
                    .conn
                    .prepare_cached(ADOPT_UNDO)?
                    .execute(params![c, answered_at, row, seq])?,
                (What::Reset { .. }, Some(c)) => self
                    .conn
                    .prepare_cached(ADOPT_RESET)?
                    .execute(params![c, at, row, seq])?,
                (What::Suspend { .. } | What::Bury { .. }, Some(c)) => self
                    .conn
                    .prepare_cached(ADOPT_CARD_EVENT)?
                    .execute(params![c, what.kind(), at, row, seq])?,
                (What::Rename { card: to, .. }, Some(c)) => self
                    .conn
                    .prepare_cached(ADOPT_CARD_RENAME)?
                    .execute(params![c, at, row, seq, to.deck, to.key])?,
                (What::Parameters { parameters, .. }, _) => {
                    let json = serde_json::to_string(parameters).unwrap_or_default();
                    self.conn
                        .prepare_cached(ADOPT_PARAMETERS)?
                        .execute(params![at, json, row, seq])?
                }
                _ => 0,
            };
            Ok(n > 0)
        })
    }

    /// Is `e` (numbered by this device, `row`) the event this database numbered so: the same
    /// kind at the same millisecond? (Not the card's deck or key: notes moved since rename
    /// them.)
    pub fn own_event_is(&self, row: i64, e: &crate::event::Event) -> Result<bool> {
        let seq = e.id.seq;
        self.run(|| {
            let (sql, at) = match &e.what {
                What::Answer { .. } => (IS_OWN_ANSWER, e.at),
                What::Undo { answered_at, .. } => (IS_OWN_UNDO, *answered_at),
                What::Reset { .. } => (IS_OWN_RESET, e.at),
                What::Suspend { .. } | What::Bury { .. } => (IS_OWN_CARD_EVENT, e.at),
                What::Rename { .. } => (IS_OWN_CARD_RENAME, e.at),
                What::Parameters { .. } => {
                    return self
                        .conn
                        .prepare_cached(IS_OWN_PARAMETERS)?
                        .query_row(params![row, seq, e.at], |r| r.get(0));
                }
            };
            self.conn
                .prepare_cached(sql)?
                .query_row(params![row, seq, at], |r| r.get(0))
        })
    }
}
