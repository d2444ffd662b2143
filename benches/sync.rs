//! Syncing at scale: device A holds 100,000 cards and about 1,000,000 answers (a log drawn from
//! known FSRS parameters); device B the same cards, never studied. Timed as whole processes of
//! the real binary: A's first `recall sync` (numbering and writing every answer), B's sync
//! (merging them all and replaying every card), and B's next sync (nothing new).
//!
//! Run: `cargo bench --bench sync` (prints a Markdown report for BENCHMARKS.md).

mod common;

use common::log::{build, timed};
use common::machine;
use std::process::Command;
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CARDS: usize = 100_000;
const DECKS: usize = 100;
const DAYS: i64 = 300;

fn main() {
    // RECALL_BENCH_KEEP=1 keeps the databases and the folder (to profile one step).
    let tmp = tempfile::tempdir().unwrap();
    let (root, _cleanup) = if std::env::var_os("RECALL_BENCH_KEEP").is_some() {
        let kept = tmp.keep();
        eprintln!("keeping {}", kept.display());
        (kept, None)
    } else {
        (tmp.path().to_path_buf(), Some(tmp))
    };
    let dir = root.as_path();
    let (a, b, b0) = (dir.join("a.db"), dir.join("b.db"), dir.join("b-fresh.db"));
    let folder = dir.join("Sync");
    std::fs::create_dir(&folder).unwrap();
    let t = Instant::now();
    let answers = build(&a, CARDS, DECKS, DAYS, true);
    build(&b0, CARDS, DECKS, DAYS, false);
    let (a_s, b_s, f_s) = (
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        folder.to_str().unwrap(),
    );
    let r = Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(["--db", a_s, "rebuild"])
        .env("XDG_CONFIG_HOME", dir)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let build_time = t.elapsed();

    // A's first sync, from scratch each run: no device yet, nothing numbered, no file.
    let a_fresh = || {
        let c = rusqlite::Connection::open(&a).unwrap();
        c.execute_batch(
            "DELETE FROM sync_self; DELETE FROM sync_devices; DELETE FROM sync_files;
             UPDATE reviews SET origin = NULL, seq = NULL;
             PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .unwrap();
        for f in std::fs::read_dir(&folder).unwrap() {
            std::fs::remove_file(f.unwrap().path()).unwrap();
        }
    };
    let send = timed(dir, &["--db", a_s, "sync", f_s], &a_fresh);
    let file_bytes: u64 = std::fs::read_dir(&folder)
        .unwrap()
        .map(|f| f.unwrap().metadata().unwrap().len())
        .sum();
    let b_fresh = || {
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{b_s}{suffix}"));
        }
        std::fs::copy(&b0, &b).unwrap();
    };
    let merge = timed(dir, &["--db", b_s, "sync", f_s], &b_fresh);
    let floor = sqlite_alone(&a, &b0, &dir.join("b-floor.db"));
    let again = timed(dir, &["--db", b_s, "sync", f_s], &|| ());
    let merged: i64 = rusqlite::Connection::open(&b)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM reviews", [], |r| r.get(0))
        .unwrap();
    assert_eq!(merged as usize, answers, "every answer merged");
    let r = Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(["--db", b_s, "rebuild", "--check"])
        .env("XDG_CONFIG_HOME", dir)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));

    println!("## Sync through a folder (`cargo bench --bench sync`)");
    println!();
    println!("{}.", machine());
    println!(
        "Device A: {CARDS} cards in {DECKS} decks, {answers} answers over {DAYS} days (built in {:.1} s); its file {:.1} MiB. Device B: the same cards, never studied.",
        build_time.as_secs_f64(),
        file_bytes as f64 / 1048576.0
    );
    println!();
    println!(
        "SQLite alone writing the same rows into B's log (one `INSERT … SELECT` from a table in memory holding A's answers in card order, with the same indexes and settings, then the commit): median {:.2} s of 3 (best {:.2} s); B's merge takes **{:.2}×** that.",
        floor.0.as_secs_f64(),
        floor.1.as_secs_f64(),
        merge.0.as_secs_f64() / floor.0.as_secs_f64()
    );
    println!();
    println!("| whole process, 3 runs | median | best | worst | peak RSS |");
    println!("| --- | --- | --- | --- | --- |");
    for (what, (median, best, worst, peak)) in [
        (
            "A's first `recall sync` (numbers and writes every answer)",
            send,
        ),
        (
            "B's `recall sync`: merges every answer, replays every card",
            merge,
        ),
        ("B's next `recall sync` (nothing new)", again),
    ] {
        println!(
            "| {what} | **{:.2} s** | {:.2} s | {:.2} s | {:.0} MiB |",
            median.as_secs_f64(),
            best.as_secs_f64(),
            worst.as_secs_f64(),
            peak as f64 / 1024.0
        );
    }
}

/// The floor under B's merge: SQLite (the same build, in this process) appending A's answers
/// to a fresh copy of B in one statement, with B's indexes and write settings and the
/// per-answer totals trigger set aside (the sync counts those in Rust), then committing.
/// Median and best of 3.
fn sqlite_alone(
    a: &std::path::Path,
    b0: &std::path::Path,
    b: &std::path::Path,
) -> (std::time::Duration, std::time::Duration) {
    let mut runs = Vec::new();
    for _ in 0..3 {
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", b.display()));
        }
        std::fs::copy(b0, b).unwrap();
        let c = rusqlite::Connection::open(b).unwrap();
        c.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
             PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;",
        )
        .unwrap();
        c.execute("ATTACH ?1 AS a", [a.to_str().unwrap()]).unwrap();
        // Both databases were built alike: the same cards under the same ids.
        let differ: i64 = c
            .query_row(
                "SELECT COUNT(*) FROM a.cards x LEFT JOIN main.cards y
                  ON y.id = x.id AND y.key = x.key WHERE y.id IS NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(differ, 0, "the same cards under the same ids");
        // The rows in memory first, in card order (the sync has them parsed).
        c.execute_batch(
            "CREATE TEMP TABLE staged AS
             SELECT card_id, reviewed_at, rating, duration_ms, state_before, stability_before,
                    difficulty_before, due_before, last_review_before, state_after,
                    stability_after, difficulty_after, due_after, step_after, 1 AS origin,
                    id AS seq
               FROM a.reviews ORDER BY card_id, reviewed_at;",
        )
        .unwrap();
        let start = Instant::now();
        c.execute_batch(
            "BEGIN IMMEDIATE;
             DROP TRIGGER answer_buckets_answer;
             INSERT INTO main.reviews (card_id, reviewed_at, rating, duration_ms, state_before,
                 stability_before, difficulty_before, due_before, last_review_before,
                 state_after, stability_after, difficulty_after, due_after, step_after,
                 origin, seq)
             SELECT * FROM temp.staged ORDER BY rowid;
             COMMIT;",
        )
        .unwrap();
        runs.push(start.elapsed());
    }
    runs.sort();
    (runs[1], runs[0])
}
