//! The time recall works at: Unix milliseconds now, and the local offset it shows times in.
//! The command line builds one from the system clock or `RECALL_NOW`; the library only ever
//! takes times as arguments.

/// The time: a fixed start (the system clock at start-up, or a time given for tests and
/// simulations) that moves on with real time.
#[derive(Debug, Clone)]
pub struct Clock {
    base_ms: i64,
    started: std::time::Instant,
    /// Local time minus UTC, in seconds.
    pub utc_offset_secs: i32,
}

impl Clock {
    /// The system clock in the system's time zone.
    pub fn system() -> Clock {
        let t = chrono::Local::now();
        Clock::starting_at(t.timestamp_millis(), t.offset().local_minus_utc())
    }

    /// A clock that reads `base_ms` now, in a zone `utc_offset_secs` east of UTC.
    pub fn starting_at(base_ms: i64, utc_offset_secs: i32) -> Clock {
        Clock {
            base_ms,
            started: std::time::Instant::now(),
            utc_offset_secs,
        }
    }

    /// A clock starting at an RFC 3339 time (`2026-11-24T09:00:00+01:00`), in its offset.
    pub fn parse(rfc3339: &str) -> Option<Clock> {
        let t = chrono::DateTime::parse_from_rfc3339(rfc3339.trim()).ok()?;
        Some(Clock::starting_at(
            t.timestamp_millis(),
            t.offset().local_minus_utc(),
        ))
    }

    /// Unix milliseconds now.
    pub fn now(&self) -> i64 {
        self.base_ms + self.started.elapsed().as_millis() as i64
    }

    /// A Unix-milliseconds time as a date and time in this clock's zone, for people.
    pub fn format(&self, ms: i64) -> String {
        let offset = chrono::FixedOffset::east_opt(self.utc_offset_secs)
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
        assert_eq!(c.utc_offset_secs, 3600);
        assert!(c.now() >= 1_795_507_200_000);
        assert_eq!(c.format(1_795_507_200_000), "2026-11-24 09:00");
        assert!(Clock::parse("yesterday").is_none());
    }
}
