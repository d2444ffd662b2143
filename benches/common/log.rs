//! A reviewed collection for the benchmarks that need one, and timing whole recall processes.

use super::hwm_kib;
use recall::optimize::synthetic;
use recall::store::Store;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// 2025-10-01.
const START_DAY: i64 = 20_362;

/// A database of `cards` cards in `decks` decks (`notes/deck1`…) and, with `with_log`, the
/// answers of a log drawn from known FSRS parameters over `days` days
/// (`recall::optimize::synthetic`): how many answers.
pub fn build(path: &Path, cards: usize, decks: usize, days: i64, with_log: bool) -> usize {
    drop(Store::open(path).expect("create schema"));
    let log = if with_log {
        synthetic::log(
            &synthetic::forgetful_parameters(),
            cards,
            days,
            START_DAY,
            1,
        )
    } else {
        Vec::new()
    };
    let mut c = rusqlite::Connection::open(path).expect("open");
    let tx = c.transaction().unwrap();
    {
        let mut deck = tx
            .prepare("INSERT INTO decks (id, name, created_at) VALUES (?1, 'notes/deck' || ?1, 0)")
            .unwrap();
        for id in 1..=decks as i64 {
            deck.execute([id]).unwrap();
        }
        let mut card = tx
            .prepare(
                "INSERT INTO cards (id, deck_id, key, kind, question, answer, context, tags, line,
                                    position, created_at, updated_at, studied)
                 VALUES (?1, 1 + ?1 % ?2, printf('%016x', ?1), 'basic',
                         'What does the **term ' || ?1 || '** mean in `code`?',
                         'its meaning, number ' || ?1, 'notes › section ' || (?1 % 37),
                         '[\"tag' || (?1 % 11) || '\"]', ?1, ?1, 1735000000000, 1735000000000, ?3)",
            )
            .unwrap();
        for id in 1..=cards as i64 {
            card.execute([id, decks as i64, with_log as i64]).unwrap();
        }
        let mut review = tx
            .prepare(
                "INSERT INTO reviews (card_id, reviewed_at, rating, duration_ms, state_before,
                                      state_after, due_after)
                 VALUES (?1, ?2, ?3, 6000, ?4, 'review', ?2 + 86400000)",
            )
            .unwrap();
        for a in &log {
            let state = if a.first_sight { "new" } else { "review" };
            review
                .execute(rusqlite::params![a.card_id, a.at, a.rating, state])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    // No ANALYZE: recall never runs it, so the planner works without statistics here as
    // on a user's database (with them, SQLite re-prepares a statement at each new binding that might change its plan).
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    log.len()
}

/// Runs recall with `args`, three times (`before` each time first); the median time, best,
/// worst and the peak RSS (KiB) of all runs.
pub fn timed(dir: &Path, args: &[&str], before: &dyn Fn()) -> (Duration, Duration, Duration, u64) {
    let mut runs = Vec::new();
    let mut peak = 0;
    for _ in 0..3 {
        before();
        let start = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_recall"))
            .args(args)
            .env("XDG_CONFIG_HOME", dir)
            .env("XDG_DATA_HOME", dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        while child.try_wait().unwrap().is_none() {
            peak = peak.max(hwm_kib(child.id()));
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        runs.push(start.elapsed());
    }
    runs.sort();
    (runs[1], runs[0], runs[2], peak)
}
