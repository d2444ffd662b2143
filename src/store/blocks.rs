//! The `block_ids` and `block_refs` tables: the Logseq blocks each imported note holds (by
//! `id::`, with the text a reference shows) and the ids each note refers to.

use super::Store;
use crate::error::Result;
use rusqlite::params;

const ALL_IDS: &str = include_str!("blocks/all_ids.sql");
const IDS_OF_SOURCE: &str = include_str!("blocks/ids_of_source.sql");
const DELETE_IDS_OF_SOURCE: &str = include_str!("blocks/delete_ids_of_source.sql");
/// A block id moved to another note takes the new note's row.
const PUT_ID: &str = include_str!("blocks/put_id.sql");
const DELETE_REFS_OF_SOURCE: &str = include_str!("blocks/delete_refs_of_source.sql");
const PUT_REF: &str = include_str!("blocks/put_ref.sql");
const REFERRING: &str = include_str!("blocks/referring.sql");

impl Store {
    /// Every block id the store knows, with the text a reference to it shows.
    pub fn all_block_ids(&self) -> Result<Vec<(String, String)>> {
        self.run(|| -> rusqlite::Result<Vec<(String, String)>> {
            self.conn
                .prepare_cached(ALL_IDS)?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect()
        })
    }

    /// The block ids a note holds, with their text.
    pub fn block_ids_of(&self, source_id: i64) -> Result<Vec<(String, String)>> {
        self.run(|| -> rusqlite::Result<Vec<(String, String)>> {
            self.conn
                .prepare_cached(IDS_OF_SOURCE)?
                .query_map([source_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect()
        })
    }

    /// Replaces the block ids a note holds.
    pub fn set_block_ids(&self, source_id: i64, blocks: &[(String, String)]) -> Result<()> {
        self.run(|| -> rusqlite::Result<()> {
            self.conn
                .prepare_cached(DELETE_IDS_OF_SOURCE)?
                .execute([source_id])?;
            let mut put = self.conn.prepare_cached(PUT_ID)?;
            for (id, text) in blocks {
                put.execute(params![id, source_id, text])?;
            }
            Ok(())
        })
    }

    /// Replaces the ids a note refers to.
    pub fn set_block_refs(&self, source_id: i64, ids: &[String]) -> Result<()> {
        self.run(|| -> rusqlite::Result<()> {
            self.conn
                .prepare_cached(DELETE_REFS_OF_SOURCE)?
                .execute([source_id])?;
            let mut put = self.conn.prepare_cached(PUT_REF)?;
            for id in ids {
                put.execute(params![source_id, id])?;
            }
            Ok(())
        })
    }

    /// The notes (source id, path, deck) that refer to block `id`.
    pub fn sources_referring(&self, id: &str) -> Result<Vec<(i64, String, String)>> {
        self.run(|| -> rusqlite::Result<Vec<(i64, String, String)>> {
            self.conn
                .prepare_cached(REFERRING)?
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
    }
}
