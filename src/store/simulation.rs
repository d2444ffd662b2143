//! The collection as the simulator sees it: studied cards' memory and due dates, how many new
//! cards wait, and the learner's odds of each grade.

use super::Store;
use crate::error::Result;
use crate::model::{Collection, StudiedCard};

const STUDIED: &str = include_str!("simulation/studied.sql");
const NEW: &str = include_str!("simulation/new.sql");
/// Grades of counted answers to new cards, and of passed reviews.
const GRADES: &str = include_str!("simulation/grades.sql");

impl Store {
    /// The collection with the daily limits and interval cap given.
    pub fn simulation_collection(
        &self,
        new_per_day: usize,
        reviews_per_day: usize,
        max_interval_days: u32,
    ) -> Result<Collection> {
        self.run(|| -> rusqlite::Result<Collection> {
            let mut stmt = self.conn.prepare_cached(STUDIED)?;
            let studied = stmt
                .query_map([], |r| {
                    Ok(StudiedCard {
                        id: r.get(0)?,
                        stability: r.get(1)?,
                        // A card with a stability has its difficulty: a row without is
                        // one that cannot be read, not a card of middling difficulty.
                        difficulty: r.get(2)?,
                        last_review: r.get(3)?,
                        due: r.get(4)?,
                        lapses: r.get(5)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let new_cards: i64 = self.conn.query_row(NEW, [], |r| r.get(0))?;
            let (mut first_grades, mut review_grades) = ([0i64; 4], [0i64; 3]);
            let mut stmt = self.conn.prepare_cached(GRADES)?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let (first, rating, n): (bool, u8, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
                let i = usize::from(rating);
                match (first, rating) {
                    (true, 1..=4) => first_grades[i - 1] = n,
                    (false, 2..=4) => review_grades[i - 2] = n,
                    _ => {}
                }
            }
            Ok(Collection {
                studied,
                new_cards: new_cards as usize,
                new_per_day,
                reviews_per_day,
                max_interval_days,
                first_grades,
                review_grades,
            })
        })
    }
}
