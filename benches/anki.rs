//! Anki interchange at scale: a database of 100,000 cards and about 1,000,000 answers (a log
//! drawn from known FSRS parameters, `recall::optimize::synthetic`), written as an Anki package
//! by `recall export --apkg`, and that package read into a new database by `recall import-anki`,
//! each as a whole process of the real binary.
//!
//! Run: `cargo bench --bench anki` (prints a Markdown report for BENCHMARKS.md).

mod common;

use common::{hwm_kib, machine};
use recall::optimize::synthetic;
use recall::store::Store;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CARDS: usize = 100_000;
const DECKS: usize = 100;
const DAYS: i64 = 300;
/// 2025-10-01.
const START_DAY: i64 = 20_362;

fn build(path: &Path) -> usize {
    drop(Store::open(path).expect("create schema"));
    let log = synthetic::log(
        &synthetic::forgetful_parameters(),
        CARDS,
        DAYS,
        START_DAY,
        1,
    );
    let mut c = rusqlite::Connection::open(path).expect("open");
    let tx = c.transaction().unwrap();
    {
        let mut deck = tx
            .prepare("INSERT INTO decks (id, name, created_at) VALUES (?1, 'notes/deck' || ?1, 0)")
            .unwrap();
        for id in 1..=DECKS as i64 {
            deck.execute([id]).unwrap();
        }
        let mut card = tx
            .prepare(
                "INSERT INTO cards (id, deck_id, key, kind, question, answer, context, tags, line,
                                    position, created_at, updated_at, studied)
                 VALUES (?1, 1 + ?1 % 100, printf('%016x', ?1), 'basic',
                         'What does the **term ' || ?1 || '** mean in `code`?',
                         'its meaning, number ' || ?1, 'notes › section ' || (?1 % 37),
                         '[\"tag' || (?1 % 11) || '\"]', ?1, ?1, 1735000000000, 1735000000000, 1)",
            )
            .unwrap();
        for id in 1..=CARDS as i64 {
            card.execute([id]).unwrap();
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
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")
        .unwrap();
    log.len()
}

/// Runs recall with `args`, three times (`before` each time first); the median time, best,
/// worst and the peak RSS (KiB) of all runs.
fn timed(dir: &Path, args: &[&str], before: &dyn Fn()) -> (Duration, Duration, Duration, u64) {
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

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    let t = Instant::now();
    let answers = build(&db);
    let db_s = db.to_str().unwrap();
    let r = Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(["--db", db_s, "rebuild"])
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let build_time = t.elapsed();

    let pkg = dir.path().join("all.apkg");
    let pkg_s = pkg.to_str().unwrap();
    let export = timed(
        dir.path(),
        &["--db", db_s, "export", "--apkg", pkg_s],
        &|| (),
    );
    let size = std::fs::metadata(&pkg).unwrap().len();
    let fresh = dir.path().join("fresh.db");
    let fresh_s = fresh.to_str().unwrap();
    let remove = || {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{fresh_s}{suffix}"));
        }
    };
    let import = timed(
        dir.path(),
        &["--db", fresh_s, "import-anki", pkg_s],
        &remove,
    );
    // Once more, into the database that holds it all already: nothing to add.
    let again = timed(dir.path(), &["--db", fresh_s, "import-anki", pkg_s], &|| ());

    println!("## Anki interchange (`cargo bench --bench anki`)");
    println!();
    println!("{}.", machine());
    println!(
        "Database: {CARDS} cards in {DECKS} decks, {answers} answers over {DAYS} days (built in {:.1} s); package {:.1} MiB.",
        build_time.as_secs_f64(),
        size as f64 / 1048576.0
    );
    println!();
    println!("| whole process, 3 runs | median | best | worst | peak RSS |");
    println!("| --- | --- | --- | --- | --- |");
    for (what, (median, best, worst, peak)) in [
        ("`recall export --apkg` (every card, the whole log)", export),
        (
            "`recall import-anki` of that package into a new database",
            import,
        ),
        ("`recall import-anki` of it again (nothing new)", again),
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
