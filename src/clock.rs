//! The time recall works at: Unix milliseconds now, and the time zone study days and shown
//! times are in (the system's, with its daylight-saving changes, or a fixed offset). The
//! command line builds one from the system clock or `RECALL_NOW`; the library only ever takes
//! times as arguments.

use chrono::{LocalResult, TimeZone};

/// The system zone's offset at `t_ms`, remembered per quarter hour (offsets change only on
/// quarter-hour boundaries): a rebuild asks it for every answer of years of reviews, and the
/// time-zone lookup costs far more than the cache.
fn local_offset_cached(t_ms: i64) -> i32 {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static OFFSETS: RefCell<HashMap<i64, i32>> = RefCell::new(HashMap::new());
    }
    let quarter = t_ms.div_euclid(900_000);
    OFFSETS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(&o) = cache.get(&quarter) {
            return o;
        }
        if cache.len() > 1 << 20 {
            cache.clear(); // a bound, never reached by real logs (30 years of quarter hours)
        }
        let o = match chrono::Local.timestamp_millis_opt(quarter * 900_000) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.offset().local_minus_utc(),
            LocalResult::None => 0,
        };
        cache.insert(quarter, o);
        o
    })
}

/// The instant the system zone's clock first reads `local_secs`, remembered (a schedule asks
/// for the start of a study day with every answer; the days are few).
fn local_instant_cached(local_secs: i64) -> i64 {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static INSTANTS: RefCell<HashMap<i64, i64>> = RefCell::new(HashMap::new());
    }
    INSTANTS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(&t) = cache.get(&local_secs) {
            return t;
        }
        if cache.len() > 1 << 20 {
            cache.clear();
        }
        let naive = chrono::DateTime::from_timestamp(local_secs, 0)
            .map(|t| t.naive_utc())
            .unwrap_or_default();
        let t = match chrono::Local.from_local_datetime(&naive) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.timestamp_millis(),
            LocalResult::None => {
                // In the gap: read with the offset before it, which lands past it.
                let before = local_offset_cached((local_secs - 12 * 3600) * 1000);
                (local_secs - i64::from(before)) * 1000
            }
        };
        cache.insert(local_secs, t);
        t
    })
}

/// The time zone study days and shown times are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// The system's zone (`TZ`, else `/etc/localtime`): its offset at each instant, so a day
    /// across a daylight-saving change is 23 or 25 hours long.
    Local,
    /// A fixed offset east of UTC, in seconds.
    Fixed(i32),
}

impl Zone {
    /// Local time minus UTC at instant `t_ms`, in seconds.
    pub fn offset_at(self, t_ms: i64) -> i32 {
        match self {
            Zone::Fixed(o) => o,
            Zone::Local => local_offset_cached(t_ms),
        }
    }

    /// The instant (Unix milliseconds) local time first reads `local_secs` (seconds since
    /// 1970-01-01 00:00 local). A time a spring-forward change skips is the instant the clock
    /// jumps past it; one a fall-back change repeats is its first reading.
    pub fn instant_of_local(self, local_secs: i64) -> i64 {
        match self {
            Zone::Fixed(o) => (local_secs - i64::from(o)) * 1000,
            Zone::Local => local_instant_cached(local_secs),
        }
    }

    /// Do local offsets fall on whole quarter hours (every real zone's do), so a quarter-hour
    /// total of answers belongs to one study day?
    pub fn whole_quarter_hours(self) -> bool {
        match self {
            Zone::Fixed(o) => o % 900 == 0,
            Zone::Local => true,
        }
    }
}

/// The time: a fixed start (the system clock at start-up, or a time given for tests and
/// simulations) that moves on with real time.
#[derive(Debug, Clone)]
pub struct Clock {
    base_ms: i64,
    started: std::time::Instant,
    pub zone: Zone,
}

impl Clock {
    /// The system clock in the system's time zone.
    pub fn system() -> Clock {
        Clock::starting_at(chrono::Utc::now().timestamp_millis(), Zone::Local)
    }

    /// A clock that reads `base_ms` now, in `zone`.
    pub fn starting_at(base_ms: i64, zone: Zone) -> Clock {
        Clock {
            base_ms,
            started: std::time::Instant::now(),
            zone,
        }
    }

    /// A clock starting at an RFC 3339 time (`2026-11-24T09:00:00+01:00`), in its offset.
    pub fn parse(rfc3339: &str) -> Option<Clock> {
        let t = chrono::DateTime::parse_from_rfc3339(rfc3339.trim()).ok()?;
        Some(Clock::starting_at(
            t.timestamp_millis(),
            Zone::Fixed(t.offset().local_minus_utc()),
        ))
    }

    /// Unix milliseconds now.
    pub fn now(&self) -> i64 {
        self.base_ms + self.started.elapsed().as_millis() as i64
    }

    /// A Unix-milliseconds time as a date and time in this clock's zone, for people.
    pub fn format(&self, ms: i64) -> String {
        let offset = chrono::FixedOffset::east_opt(self.zone.offset_at(ms))
            .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("UTC"));
        match chrono::DateTime::from_timestamp_millis(ms) {
            Some(t) => t
                .with_timezone(&offset)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
            None => "?".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_time_reads_and_formats_in_its_own_offset() {
        let c = Clock::parse("2026-11-24T09:00:00+01:00").unwrap();
        assert_eq!(c.zone, Zone::Fixed(3600));
        assert!(c.now() >= 1_795_507_200_000);
        assert_eq!(c.format(1_795_507_200_000), "2026-11-24 09:00");
        assert!(Clock::parse("yesterday").is_none());
    }
}
