//! A review log in the FSRS community's CSV layout: a header row naming at least
//! `card_id,review_rating,review_time`, in any order, plus optional `review_duration` (ms) and
//! `review_state` (0 new, 1 learning, 2 review, 3 relearning). Ratings are 1–4. Times are
//! ISO 8601 (`2024-03-01T09:30:00+01:00`; without an offset the given default offset is
//! assumed) or Unix milliseconds.
//!
//! The study day of an answer is its local date (in its own offset) shifted back by the
//! day-start hour. With states, a card's history starts where its last run of new/learning
//! answers (states 0 and 1) starts, as the `fsrs` crate reads Anki logs (a card without such
//! a run has an incomplete history and is left out); without states, at its first answer.

use super::LoggedAnswer;
use crate::clock::Zone;
use crate::model::CardId;
use std::path::{Path, PathBuf};

/// A CSV log that could not be read; names the file and line.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}: {message}", path.display())]
    Bad {
        path: PathBuf,
        line: u64,
        message: String,
    },
}

#[derive(Debug, serde::Deserialize)]
struct Row {
    card_id: i64,
    review_rating: i64,
    review_time: String,
    #[serde(default)]
    review_state: Option<i64>,
}

/// Reads the answers in `text` (the file at `path`, for messages).
pub fn read(
    path: &Path,
    text: &str,
    day_start_hour: u32,
    zone: Zone,
) -> Result<Vec<LoggedAnswer>, CsvError> {
    let bad = |line: u64, message: String| CsvError::Bad {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| bad(1, e.to_string()))?.clone();
    for need in ["card_id", "review_rating", "review_time"] {
        if !headers.iter().any(|h| h == need) {
            return Err(bad(
                1,
                format!(
                    "no `{need}` column; the header must name card_id, review_rating and \
                     review_time (review_duration and review_state are optional)"
                ),
            ));
        }
    }
    let has_states = headers.iter().any(|h| h == "review_state");
    let mut log = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            bad(line, e.to_string())
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let row: Row = record
            .deserialize(Some(&headers))
            .map_err(|e| bad(line, format!("{e}")))?;
        if !(1..=4).contains(&row.review_rating) {
            return Err(bad(
                line,
                format!(
                    "review_rating {} is not a grade: use 1 (Again) to 4 (Easy)",
                    row.review_rating
                ),
            ));
        }
        let (at, offset) = parse_time(&row.review_time, zone).ok_or_else(|| {
            bad(
                line,
                format!(
                    "review_time `{}` is not an ISO 8601 time (2024-03-01T09:30:00+01:00) \
                     or Unix milliseconds",
                    row.review_time
                ),
            )
        })?;
        let local = at.div_euclid(1000) + i64::from(offset) - i64::from(day_start_hour) * 3600;
        log.push(LoggedAnswer {
            card_id: CardId(row.card_id),
            at,
            day: local.div_euclid(86_400),
            rating: row.review_rating as u8,
            // For now: "a learning answer"; runs are found below.
            first_sight: matches!(row.review_state, Some(0 | 1)),
            undone: false,
            last_reset: None,
            due_after: None,
            phase_after: None,
            step_after: None,
        });
    }
    log.sort_by_key(|a| (a.card_id, a.at));
    for card in log.chunk_by_mut(|a, b| a.card_id == b.card_id) {
        // A run of learning answers starts at its first one. Without states, a card starts
        // at its first answer; with states but never new or learning, its history is
        // incomplete and it is left out, as the crate leaves such Anki cards out.
        let mut learning_before = false;
        let mut any = false;
        for a in card.iter_mut() {
            let learning = has_states && a.first_sight;
            a.first_sight = learning && !learning_before;
            any |= a.first_sight;
            learning_before = learning;
        }
        if !has_states && !any {
            card[0].first_sight = true;
        }
    }
    Ok(log)
}

/// Unix milliseconds and the UTC offset (seconds) of a time: its own offset, or `zone`'s for
/// Unix milliseconds and times without one.
fn parse_time(s: &str, zone: Zone) -> Option<(i64, i32)> {
    if let Ok(ms) = s.parse::<i64>() {
        return Some((ms, zone.offset_at(ms)));
    }
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some((t.timestamp_millis(), t.offset().local_minus_utc()));
    }
    for format in ["%Y-%m-%d %H:%M:%S%.f%:z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(t) = chrono::DateTime::parse_from_str(s, format) {
            return Some((t.timestamp_millis(), t.offset().local_minus_utc()));
        }
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, format) {
            let local_ms = t.and_utc().timestamp_millis();
            let utc = zone.instant_of_local(local_ms.div_euclid(1000)) + local_ms.rem_euclid(1000);
            return Some((utc, zone.offset_at(utc)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> Result<Vec<LoggedAnswer>, CsvError> {
        read(Path::new("log.csv"), text, 4, Zone::Fixed(0))
    }

    #[test]
    fn reads_iso_times_in_their_own_offsets() {
        let log = read_str(
            "card_id,review_rating,review_time,review_duration\n\
             7,3,2024-03-01T09:30:00+01:00,5000\n\
             7,1,2024-03-02T03:30:00+01:00,4000\n\
             7,3,2024-03-02 05:00:00+01:00,3000\n\
             8,4,1709281800000,1000\n",
        )
        .unwrap();
        assert_eq!(log.len(), 4);
        let days: Vec<i64> = log.iter().map(|a| a.day).collect();
        // 2024-03-01 is day 19783. 03:30 local on the 2nd is before the 04:00 day start: still
        // the 1st; 05:00 is the 2nd.
        assert_eq!(days, vec![19783, 19783, 19784, 19783]);
        assert_eq!(log[0].at, 1_709_281_800_000);
        let first: Vec<bool> = log.iter().map(|a| a.first_sight).collect();
        assert_eq!(first, vec![true, false, false, true]);
        assert_eq!(log[1].rating, 1);
    }

    #[test]
    fn states_mark_where_learning_starts() {
        let log = read_str(
            "review_time,card_id,review_rating,review_state\n\
             2024-03-01T09:00:00Z,1,3,2\n\
             2024-03-05T09:00:00Z,1,3,0\n\
             2024-03-01T09:00:00Z,2,1,1\n\
             2024-03-01T09:10:00Z,2,3,1\n\
             2024-03-04T09:00:00Z,2,3,2\n\
             2024-03-09T09:00:00Z,2,1,3\n\
             2024-03-01T09:00:00Z,3,3,2\n\
             2024-03-04T09:00:00Z,3,3,2\n",
        )
        .unwrap();
        let first: Vec<(i64, bool)> = log.iter().map(|a| (a.card_id.0, a.first_sight)).collect();
        assert_eq!(
            first,
            vec![
                // Reviewed, then new again: history starts at the new answer.
                (1, false),
                (1, true),
                // A run of learning answers (state 1) starts at its first; relearning (3) is
                // not learning from scratch.
                (2, true),
                (2, false),
                (2, false),
                (2, false),
                // Never new or learning in this log: an incomplete history, left out.
                (3, false),
                (3, false),
            ]
        );
    }

    #[test]
    fn bad_rows_name_their_line() {
        let e = read_str("card_id,review_rating,review_time\n1,3,2024-03-01T09:00:00Z\n1,5,2024-03-02T09:00:00Z\n")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "log.csv:3: review_rating 5 is not a grade: use 1 (Again) to 4 (Easy)"
        );
        let e = read_str("card_id,review_rating,review_time\n1,3,yesterday\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("log.csv:2: review_time `yesterday`"),
            "{e}"
        );
        let e = read_str("card,rating,time\n1,3,2024\n").unwrap_err();
        assert!(
            e.to_string().starts_with("log.csv:1: no `card_id` column"),
            "{e}"
        );
        let e =
            read_str("card_id,review_rating,review_time\nx,3,2024-03-01T09:00:00Z\n").unwrap_err();
        assert!(e.to_string().starts_with("log.csv:2: "), "{e}");
    }
}
