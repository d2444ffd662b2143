//! Cards set aside during an import: extracted before the write transaction begins, kept in a
//! temporary table of this connection (on disk, not in memory, and under no lock of the
//! database file) when an import holds more than its memory budget, and read back file by file
//! while writing.

use super::Store;
use crate::error::Result;
use crate::model::{Card, CardKey};
use rusqlite::params;
use std::sync::Arc;

const CREATE: &str = include_str!("staging/create.sql");
const PUT: &str = include_str!("staging/put.sql");
const OF_FILE: &str = include_str!("staging/of_file.sql");
const DROP_FILE: &str = include_str!("staging/drop_file.sql");
const CLEAR: &str = include_str!("staging/clear.sql");

impl Store {
    /// Sets aside the cards of file number `file` (replacing any set aside before).
    pub fn stage_cards(&self, file: i64, cards: &[Card]) -> Result<()> {
        self.run(|| -> rusqlite::Result<()> {
            self.conn.execute(CREATE, [])?;
            self.conn.prepare_cached(DROP_FILE)?.execute([file])?;
            let mut put = self.conn.prepare_cached(PUT)?;
            for (i, c) in cards.iter().enumerate() {
                put.execute(params![
                    file,
                    i as i64,
                    c.key.0 as i64,
                    c.kind,
                    c.question,
                    c.answer,
                    &*c.context,
                    c.tags,
                    c.line as i64,
                    c.origin,
                    c.group as i64
                ])?;
            }
            Ok(())
        })
    }

    /// The cards of file number `file` as they were set aside, in order, with their deck and
    /// note file.
    pub fn staged_cards(&self, file: i64, deck: &Arc<str>, source: &Arc<str>) -> Result<Vec<Card>> {
        self.run(|| -> rusqlite::Result<Vec<Card>> {
            let mut stmt = self.conn.prepare_cached(OF_FILE)?;
            let rows = stmt.query_map([file], |r| {
                Ok(Card {
                    key: CardKey(r.get::<_, i64>(0)? as u64),
                    kind: r.get(1)?,
                    question: r.get(2)?,
                    answer: r.get(3)?,
                    context: Arc::from(r.get::<_, String>(4)?),
                    tags: r.get(5)?,
                    line: r.get::<_, i64>(6)? as usize,
                    origin: r.get(7)?,
                    group: r.get::<_, i64>(8)? as usize,
                    deck: Arc::clone(deck),
                    source: Arc::clone(source),
                })
            })?;
            rows.collect()
        })
    }

    /// Forgets the cards set aside for file number `file`.
    pub fn unstage_cards(&self, file: i64) -> Result<()> {
        self.run(|| -> rusqlite::Result<()> {
            self.conn.execute(CREATE, [])?;
            self.conn.prepare_cached(DROP_FILE)?.execute([file])?;
            Ok(())
        })
    }

    /// Forgets every card set aside.
    pub fn clear_staged_cards(&self) -> Result<()> {
        self.run(|| -> rusqlite::Result<()> {
            self.conn.execute(CREATE, [])?;
            self.conn.execute(CLEAR, [])?;
            Ok(())
        })
    }
}
