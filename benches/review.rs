//! Review session speed on a large collection: 100,000 cards, 1,000,000 reviews, ~40,000 due.
//!
//! Run: `cargo bench --bench review` (prints a Markdown report for BENCHMARKS.md).
//! Targets (issue 4): first card shown < 40 ms from process start, durable answer commit
//! p99 < 2 ms, peak RSS < 200 MB.

mod common;

use common::{hwm_kib, machine, Rng};
use recall::schedule::{Rating, Scheduler, SchedulerConfig};
use recall::store::reviews::Answer;
use recall::store::Store;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CARDS: i64 = 100_000;
const REVIEWS_PER_CARD: i64 = 10;
const DECKS: i64 = 100;
const DAY: i64 = 86_400_000;
/// 2026-11-24T09:00:00Z, the session's "now".
const NOW: i64 = 1_795_510_800_000;

fn build(path: &std::path::Path) {
    drop(Store::open(path).expect("create schema"));
    let mut c = rusqlite::Connection::open(path).expect("open");
    let tx = c.transaction().unwrap();
    let mut rng = Rng(42);
    for d in 0..DECKS {
        tx.execute(
            "INSERT INTO decks (id, name, created_at) VALUES (?1, ?2, 0)",
            rusqlite::params![d + 1, format!("vault/deck{d:03}")],
        )
        .unwrap();
    }
    {
        let mut card = tx.prepare("INSERT INTO cards (id, deck_id, key, kind, question, answer, context, tags, line, position, created_at, updated_at, studied) VALUES (?1, ?2, ?3, 'basic', ?4, ?5, 'area › topic', '[]', ?1, ?1, 0, 0, 1)").unwrap();
        let mut state = tx.prepare("INSERT INTO card_state (card_id, state, due, stability, difficulty, last_review, reps, lapses) VALUES (?1, 'review', ?2, ?3, 5.0, ?4, ?5, 0)").unwrap();
        let mut review = tx.prepare("INSERT INTO reviews (card_id, reviewed_at, rating, duration_ms, state_before, due_before, last_review_before, state_after, due_after) VALUES (?1, ?2, 3, 6000, 'review', ?2, ?2 - 20 * 86400000, 'review', ?3)").unwrap();
        for id in 1..=CARDS {
            card.execute(rusqlite::params![
                id,
                1 + id % DECKS,
                format!("{:016x}", id * 7919),
                format!(
                    "What does **concept {id}** mean in the context of `module_{}`?",
                    id % 97
                ),
                format!("- it is the {id}th idea\n- with a second line of answer text")
            ])
            .unwrap();
            // ~40% due today or earlier, the rest in the next 100 days.
            // Last reviewed in the past 60 days; ~40% due today or earlier, the rest later.
            let last = NOW - (1 + rng.below(60) as i64) * DAY;
            let due = if rng.below(100) < 40 {
                NOW - (rng.below(30) as i64) * DAY
            } else {
                NOW + (1 + rng.below(100) as i64) * DAY
            };
            state
                .execute(rusqlite::params![
                    id,
                    due,
                    5.0 + rng.below(50) as f64,
                    last,
                    REVIEWS_PER_CARD
                ])
                .unwrap();
            for k in 0..REVIEWS_PER_CARD {
                // At any minute of a 16-hour waking day, as people study.
                let minute = rng.below(16 * 60) as i64 * 60_000;
                review
                    .execute(rusqlite::params![
                        id,
                        last - (REVIEWS_PER_CARD - k) * 20 * DAY - 2 * 3_600_000 + minute,
                        last
                    ])
                    .unwrap();
            }
        }
    }
    tx.commit().unwrap();
    // No ANALYZE: recall never runs it, so the planner works without statistics here as
    // on a user's database (with them, SQLite re-prepares a statement at each new binding that might change its plan).
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    // RECALL_BENCH_DB=path keeps the database there, for profiling.
    let db = std::env::var_os("RECALL_BENCH_DB")
        .map_or_else(|| dir.path().join("recall.db"), Into::into);
    let _ = std::fs::remove_file(&db);
    let t = Instant::now();
    build(&db);
    let build_time = t.elapsed();
    // `RECALL_BENCH_KEEP_DB=FILE`: a copy of the collection, to time other builds against it.
    if let Some(keep) = std::env::var_os("RECALL_BENCH_KEEP_DB") {
        std::fs::copy(&db, &keep).expect("keep a copy of the collection");
    }
    let due: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM card_state WHERE due < ?1",
            [NOW + DAY],
            |r| r.get(0),
        )
        .unwrap();

    // Time to first card: the real binary, from spawn to the first card on stdout.
    let mut firsts = Vec::new();
    let mut peak = 0;
    for _ in 0..7 {
        let start = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_recall"))
            .args([
                "--db",
                db.to_str().unwrap(),
                "review",
                "--plain",
                "--no-sync",
            ])
            .env("RECALL_NOW", "2026-11-24T09:00:00+00:00")
            .env("XDG_CONFIG_HOME", dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        loop {
            line.clear();
            if out.read_line(&mut line).unwrap() == 0 || line.starts_with("── ") {
                break;
            }
        }
        out.read_line(&mut line).unwrap(); // the question line
        firsts.push(start.elapsed());
        peak = peak.max(hwm_kib(child.id()));
        // Quit as a person would (the first run of the day then finishes its backup).
        if let Some(mut stdin) = child.stdin.take() {
            let _ = std::io::Write::write_all(&mut stdin, b"q\n");
        }
        let _ = child.wait();
    }
    firsts.sort();

    // Statistics, every section, as a whole process (JSON to a pipe).
    let mut stats_runs = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_recall"))
            .args(["--db", db.to_str().unwrap(), "stats", "--json"])
            .env("RECALL_NOW", "2026-11-24T09:00:00+00:00")
            .env("XDG_CONFIG_HOME", dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stats_runs.push(start.elapsed());
    }
    stats_runs.sort();

    // Answer commits: durable (WAL, synchronous=FULL), one transaction each.
    let mut store = Store::open(&db).unwrap();
    let s = Scheduler::new(SchedulerConfig::default()).unwrap();
    let mut commits = Vec::new();
    let mut balanced = Vec::new();
    let mut read_each_time = Vec::new();
    let mut grade_to_next = Vec::new();
    // The session's counts of cards due each day ahead (`recall::review::loads`).
    let mut counts = recall::review::loads::DueCounts::default();
    let today = s.study_day(NOW);
    for i in 0..2_000i64 {
        let card = 1 + (i * 37) % CARDS;
        // The card's state as stored (the answer is refused if it was computed from another).
        let before = store.card_schedule(recall::model::CardId(card)).unwrap();
        // Load balancing as it was before the session kept its counts: every due date of
        // the fuzz range read from the database for each answer (timed for the ratio only).
        let t = Instant::now();
        let read = s.answer_balanced(&before, Rating::Good, NOW + i, 0.5, &mut |first, last| {
            store
                .day_loads(&s, recall::model::CardId(card), first, last)
                .unwrap()
        });
        read_each_time.push(t.elapsed());
        // As the session does it: the counts it keeps, the siblings read, the day drawn.
        let start = Instant::now();
        let after = s.answer_balanced(&before, Rating::Good, NOW + i, 0.5, &mut |first, last| {
            counts
                .loads(&store, &s, recall::model::CardId(card), first, last)
                .unwrap()
        });
        balanced.push(start.elapsed());
        assert_eq!(read, after, "the same day drawn from the same loads");
        let t = Instant::now();
        store
            .record_answer(
                &Answer {
                    card_id: recall::model::CardId(card),
                    reviewed_at: NOW + i,
                    rating: Rating::Good,
                    duration_ms: 5000,
                    before,
                    after,
                },
                &s,
            )
            .unwrap();
        commits.push(t.elapsed());
        counts.moved(&s, &before, &after);
        // The next card, as the session checks it against the store before showing it.
        let next = 1 + ((i + 1) * 37) % CARDS;
        store
            .review_card(recall::model::CardId(next), today)
            .unwrap()
            .expect("the next card");
        grade_to_next.push(start.elapsed());
    }
    commits.sort();
    balanced.sort();
    read_each_time.sort();
    grade_to_next.sort();
    let pct = |v: &[Duration], p: f64| v[((v.len() as f64 - 1.0) * p) as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;

    println!("## Review (`cargo bench --bench review`)");
    println!();
    println!("{}.", machine());
    println!(
        "Collection: {CARDS} cards in {DECKS} decks, {} reviews, {due} cards due (built in {:.1} s).",
        CARDS * REVIEWS_PER_CARD,
        build_time.as_secs_f64()
    );
    println!();
    println!("| what | result | target |");
    println!("| --- | --- | --- |");
    println!(
        "| process start → first card shown (7 runs) | median **{:.1} ms**, best {:.1} ms, worst {:.1} ms | < 40 ms |",
        ms(firsts[firsts.len() / 2]),
        ms(firsts[0]),
        ms(firsts[firsts.len() - 1])
    );
    println!(
        "| durable answer commit (2,000 answers) | p50 **{:.2} ms**, p99 **{:.2} ms**, max {:.2} ms | p99 < 2 ms |",
        ms(pct(&commits, 0.5)),
        ms(pct(&commits, 0.99)),
        ms(commits[commits.len() - 1])
    );
    println!(
        "| grade → next card shown (2,000 answers: balanced, committed, the next card read) | p50 **{:.2} ms**, p99 **{:.2} ms** | p50 ≤ 0.5 ms |",
        ms(pct(&grade_to_next, 0.5)),
        ms(pct(&grade_to_next, 0.99))
    );
    println!(
        "| of which grading with load balancing (the session's day counts) | p50 **{:.3} ms**, p99 **{:.3} ms**; every due date of the range read each time: p50 {:.3} ms (**{:.1}×**) | |",
        ms(pct(&balanced, 0.5)),
        ms(pct(&balanced, 0.99)),
        ms(pct(&read_each_time, 0.5)),
        ms(pct(&read_each_time, 0.5)) / ms(pct(&balanced, 0.5))
    );
    println!(
        "| peak RSS of the review process | **{:.0} MiB** | < 200 MB |",
        peak as f64 / 1024.0
    );
    println!(
        "| `recall stats --json`, every section, whole process (5 runs) | median **{:.1} ms**, best {:.1} ms | < 130 ms |",
        ms(stats_runs[stats_runs.len() / 2]),
        ms(stats_runs[0])
    );
}
