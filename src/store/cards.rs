//! The `cards` and `card_state` tables: cards as imported, found by key or by text.

use super::Store;
use crate::error::Result;
use crate::model::{Card, CardId, CardKind, DeckId, StoredCard};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

const BY_KEY: &str = include_str!("cards/by_key.sql");
const ACTIVE_OF_SOURCE: &str = include_str!("cards/active_of_source.sql");
const INSERT: &str = include_str!("cards/insert.sql");
const DECK_HAS_CARDS: &str = include_str!("cards/deck_has_cards.sql");
/// Binds the columns as INSERT does (see `bind_card`), and the card's id as ?13.
const UPDATE: &str = include_str!("cards/update.sql");
const ALIAS: &str = include_str!("cards/alias.sql");
const RENAME: &str = include_str!("cards/rename.sql");
const BY_ALIAS: &str = include_str!("cards/by_alias.sql");
const MOVE: &str = include_str!("cards/move.sql");
const RETIRE: &str = include_str!("cards/retire.sql");
const SEARCH: &str = include_str!("cards/search.sql");
const TAGS: &str = include_str!("cards/tags.sql");

fn stored_card(r: &Row<'_>) -> rusqlite::Result<StoredCard> {
    Ok(StoredCard {
        id: r.get(0)?,
        key: r.get(1)?,
        kind: r.get(2)?,
        question: r.get(3)?,
        answer: r.get(4)?,
        context: r.get(5)?,
        tags: r.get(6)?,
        source_id: r.get(7)?,
        line: r.get(8)?,
        position: r.get(9)?,
        retired_at: r.get(10)?,
        deck_id: r.get(11)?,
        sibling_line: r.get(12)?,
    })
}

/// A card as `recall list` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListedCard {
    pub id: crate::model::CardId,
    pub key: String,
    pub deck: String,
    pub kind: CardKind,
    pub question: String,
    pub answer: String,
    pub context: String,
    pub suspended: bool,
    /// Where it is in its life (serialised lowercase: new, learning, review, relearning).
    pub state: crate::schedule::Phase,
    /// Unix milliseconds; none while new.
    pub due: Option<i64>,
    pub source: Option<String>,
    pub line: i64,
}

/// The fields of an extracted card the store keeps.
pub struct NewCard<'a> {
    pub deck_id: DeckId,
    pub source_id: i64,
    pub key: &'a str,
    pub card: &'a Card,
    pub position: i64,
}

/// Runs INSERT or UPDATE with a card's columns bound as ?1 deck, ?2 key, ?3 kind, ?4 question,
/// ?5 answer, ?6 context, ?7 tags, ?8 source, ?9 line, ?10 position, ?11 the time, and with
/// `id` as ?12.
fn bind_card(
    stmt: &mut rusqlite::Statement<'_>,
    c: &NewCard<'_>,
    now: i64,
    id: Option<CardId>,
) -> rusqlite::Result<usize> {
    let card = c.card;
    let (context, line, group): (&str, i64, i64) =
        (&card.context, card.line as i64, card.group as i64);
    let mut values: Vec<&dyn rusqlite::ToSql> = vec![
        &c.deck_id,
        &c.key,
        &card.kind,
        &card.question,
        &card.answer,
        &context,
        &card.tags,
        &c.source_id,
        &line,
        &c.position,
        &now,
        &group,
    ];
    if let Some(id) = &id {
        values.push(id);
    }
    stmt.execute(values.as_slice())
}

impl Store {
    /// Every tag a live card has, sorted.
    pub fn tags(&self) -> Result<Vec<String>> {
        self.run(|| {
            self.conn
                .prepare_cached(TAGS)?
                .query_map([], |r| r.get(0))?
                .collect()
        })
    }

    pub fn card_by_key(&self, deck_id: DeckId, key: &str) -> Result<Option<StoredCard>> {
        self.conn
            .prepare_cached(BY_KEY)
            .and_then(|mut s| s.query_row(params![deck_id, key], stored_card).optional())
            .map_err(|e| self.err(e))
    }

    /// The card of deck `deck_id` that had (or took, on another device) the key `key`: a name
    /// it is known by besides its own.
    pub fn card_by_alias(&self, deck_id: DeckId, key: &str) -> Result<Option<StoredCard>> {
        self.conn
            .prepare_cached(BY_ALIAS)
            .and_then(|mut s| s.query_row(params![deck_id, key], stored_card).optional())
            .map_err(|e| self.err(e))
    }

    /// Does the deck hold any card (retired ones included)?
    pub fn deck_has_cards(&self, deck_id: DeckId) -> Result<bool> {
        self.conn
            .prepare_cached(DECK_HAS_CARDS)
            .and_then(|mut s| s.query_row([deck_id], |r| r.get(0)))
            .map_err(|e| self.err(e))
    }

    /// The cards a source holds now (not retired), in note order.
    pub fn active_cards_of_source(&self, source_id: i64) -> Result<Vec<StoredCard>> {
        self.run(|| -> rusqlite::Result<Vec<StoredCard>> {
            let mut stmt = self.conn.prepare_cached(ACTIVE_OF_SOURCE)?;
            let rows = stmt.query_map([source_id], stored_card)?;
            rows.collect()
        })
    }

    /// Adds a card; returns its id. It is New: it has no `card_state` row until it is reviewed.
    pub fn insert_card(&self, c: &NewCard<'_>, now: i64) -> Result<CardId> {
        self.run(|| -> rusqlite::Result<CardId> {
            let mut stmt = self.conn.prepare_cached(INSERT)?;
            bind_card(&mut stmt, c, now, None)?;
            Ok(CardId(self.conn.last_insert_rowid()))
        })
    }

    /// Rewrites a stored card's text, key, deck and place (and un-retires it); its id,
    /// scheduling state and reviews stay.
    /// A card whose deck or key changes (a reword, a move) keeps its old name as an alias:
    /// events other devices logged under it still find the card.
    pub fn update_card(&self, id: CardId, c: &NewCard<'_>, now: i64) -> Result<()> {
        self.keep_old_name(id, c.deck_id, c.key, now)?;
        self.conn
            .prepare_cached(UPDATE)
            .and_then(|mut s| bind_card(&mut s, c, now, Some(id)))
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Keeps card `id`'s deck and key as an alias when they are about to become `deck`, `key`
    /// (at `at`), and logs the change as an event other devices learn the names from.
    pub(super) fn keep_old_name(&self, id: CardId, deck: DeckId, key: &str, at: i64) -> Result<()> {
        self.conn
            .prepare_cached(RENAME)
            .and_then(|mut s| s.execute(params![id, key, deck, at]))
            .and_then(|_| self.conn.prepare_cached(ALIAS))
            .and_then(|mut s| s.execute(params![id, key, deck]))
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Renames a card (its deck and key) as a reword would, text aside (tests of identity).
    #[cfg(test)]
    pub(crate) fn rename_card(&self, id: CardId, deck: DeckId, key: &str, at: i64) -> Result<()> {
        self.keep_old_name(id, deck, key, at)?;
        self.conn
            .execute(
                "UPDATE cards SET deck_id = ?2, key = ?3 WHERE id = ?1",
                params![id, deck, key],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Records a card's new place in its note (a reorder), touching nothing else.
    /// A card whose text is unchanged but whose place (line, position, sibling group) moved.
    pub fn move_card(&self, id: CardId, line: i64, position: i64, group: i64) -> Result<()> {
        self.conn
            .prepare_cached(MOVE)
            .and_then(|mut s| s.execute(params![id, line, position, group]))
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Hides a card that left the notes. It keeps its reviews and comes back if the text does.
    pub fn retire_card(&self, id: CardId, now: i64) -> Result<()> {
        self.conn
            .prepare_cached(RETIRE)
            .and_then(|mut s| s.execute(params![id, now]))
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Cards (not retired) of a deck and its sub-decks, whose question, answer or context
    /// contains `search` (case-insensitive for ASCII).
    pub fn search_cards(
        &self,
        deck: Option<&str>,
        search: Option<&str>,
        tag: Option<&str>,
    ) -> Result<Vec<ListedCard>> {
        let pattern = search.map(|s| {
            let escaped = s
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            format!("%{escaped}%")
        });
        self.listed(deck, pattern.as_deref(), None, tag)
    }

    /// [`Store::search_cards`] over several decks (each with its sub-decks), each card once,
    /// in the order found; every deck when `decks` is empty.
    pub fn search_cards_in(
        &self,
        decks: &[String],
        search: Option<&str>,
        tag: Option<&str>,
    ) -> Result<Vec<ListedCard>> {
        if decks.is_empty() {
            return self.search_cards(None, search, tag);
        }
        let mut seen = std::collections::HashSet::new();
        let mut cards = Vec::new();
        for deck in decks {
            for c in self.search_cards(Some(deck), search, tag)? {
                if seen.insert(c.id) {
                    cards.push(c);
                }
            }
        }
        Ok(cards)
    }

    /// One card (not retired) by its id, as `recall list` shows it.
    pub fn listed_card(&self, id: CardId) -> Result<Option<ListedCard>> {
        Ok(self.listed(None, None, Some(id), None)?.pop())
    }

    fn listed(
        &self,
        deck: Option<&str>,
        pattern: Option<&str>,
        id: Option<CardId>,
        tag: Option<&str>,
    ) -> Result<Vec<ListedCard>> {
        self.run(|| -> rusqlite::Result<Vec<ListedCard>> {
            let mut stmt = self.conn.prepare_cached(SEARCH)?;
            let rows = stmt.query_map(params![deck, pattern, id, tag], |r| {
                Ok(ListedCard {
                    id: r.get(0)?,
                    key: r.get(1)?,
                    deck: super::shown_text(r, 2)?,
                    kind: r.get(3)?,
                    question: super::shown_text(r, 4)?,
                    answer: super::shown_text(r, 5)?,
                    context: super::shown_text(r, 6)?,
                    suspended: r.get::<_, i64>(7)? != 0,
                    // No cached state yet: a card never studied.
                    state: r.get::<_, Option<_>>(8)?.unwrap_or_default(),
                    due: r.get(9)?,
                    source: r.get(10)?,
                    line: r.get(11)?,
                })
            })?;
            rows.collect()
        })
    }
}
