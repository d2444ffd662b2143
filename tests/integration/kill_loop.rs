//! The kill loop: recall killed (SIGKILL) at random moments of reviews, imports, optimize runs
//! and schema upgrades, seeded so a failure replays. After every kill the database passes SQLite's integrity
//! check, every answer acknowledged (the next card was shown) is in the log, and `rebuild
//! --check` finds the cache equal to the log. `RECALL_KILL_LOOPS=1000 cargo test kill_loop`
//! runs the long mode; `RECALL_KILL_SEED` picks another seed.

use crate::util::{python_deck, TestEnv};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// A small seeded generator (SplitMix64): the same seed, the same kills.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `lo..hi`.
    fn below(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo).max(1)
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `recall ARGS` on the test database at study day `day` (counted from 2026-11-24).
fn spawn(env: &TestEnv, day: u64, args: &[&str]) -> Child {
    let db = env.db();
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:00:00+00:00").unwrap()
        + chrono::Duration::days(day as i64);
    env.command(&all)
        .env("RECALL_NOW", now.to_rfc3339())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run recall")
}

/// A review session answering with random grades, killed at a random moment. Returns the
/// answers it acknowledged (each card shown after the first one means the answer before it
/// was committed).
fn review_killed(env: &TestEnv, day: u64, rng: &mut Seeded) -> usize {
    let mut child = spawn(env, day, &["review", "--plain", "--no-sync"]);
    let shown = Arc::new(AtomicUsize::new(0));
    let out = child.stdout.take().unwrap();
    let counter = Arc::clone(&shown);
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            if line.starts_with("── ") {
                counter.fetch_add(1, Ordering::SeqCst);
            }
        }
    });
    let mut stdin = child.stdin.take().unwrap();
    let answers = rng.below(1, 8);
    let mut input = String::new();
    for _ in 0..answers {
        input.push_str(&format!("\n{}\n", rng.below(1, 5)));
    }
    let _ = stdin.write_all(input.as_bytes());
    let _ = stdin.flush();
    std::thread::sleep(Duration::from_millis(rng.below(0, 60)));
    let _ = child.kill();
    let _ = child.wait();
    drop(stdin);
    reader.join().unwrap();
    shown.load(Ordering::SeqCst).saturating_sub(1)
}

/// Any other command, killed after a random delay.
fn killed(env: &TestEnv, day: u64, args: &[&str], rng: &mut Seeded, up_to_ms: u64) {
    let mut child = spawn(env, day, args);
    std::thread::sleep(Duration::from_millis(rng.below(0, up_to_ms)));
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn kill_loop_loses_no_acknowledged_answer_and_damages_nothing() {
    let loops = env_number("RECALL_KILL_LOOPS", 50);
    let seed = env_number("RECALL_KILL_SEED", 20261201);
    let mut rng = Seeded(seed);
    let env = TestEnv::new();
    let deck = std::fs::read_to_string(python_deck()).unwrap();
    let notes = env.write("notes/python.md", &deck);
    let r = env.recall(&["import", "notes"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);

    let mut acknowledged = 0usize;
    let mut kinds = [0usize; 4];
    for i in 0..loops {
        let day = i / 3;
        let kind = rng.below(0, 4) as usize;
        kinds[kind] += 1;
        match kind {
            0 => acknowledged += review_killed(&env, day, &mut rng),
            1 => {
                // The notes change (a block added, or one taken out), then the import dies.
                let mut text = deck.clone();
                let n = rng.below(0, 40);
                text.push_str(&format!("\n- Which loop is number {n}?\n\t- loop {n}\n"));
                if rng.below(0, 2) == 0 {
                    text = text.replacen("- ", "- (edited) ", 1);
                }
                std::fs::write(&notes, text).unwrap();
                killed(&env, day, &["import", "notes"], &mut rng, 80);
            }
            2 => killed(&env, day, &["optimize"], &mut rng, 300),
            _ => {
                // The database as the recall before note folders left it (schema 6), then
                // the upgrade to it dies: it lands whole or not at all.
                let c = env.sql();
                c.execute_batch(include_str!("schema_8_answer_cache.sql"))
                    .unwrap();
                c.execute_batch(
                    "DROP VIEW memory_answers; DROP VIEW counted_answers;
                     DROP TABLE note_folders; ALTER TABLE sources DROP COLUMN gone_at;
                     ALTER TABLE card_state DROP COLUMN step;
                     ALTER TABLE reviews DROP COLUMN step_after;
                     ALTER TABLE decks DROP COLUMN origin; DROP INDEX cards_key_no_note;
                     DROP TABLE card_events; DROP TABLE sync_waiting; DROP TABLE sync_files;
                     DROP TABLE sync_self; DROP TABLE sync_devices; DROP TABLE card_aliases;
                     DROP TABLE card_renames; DROP TABLE anki_origins; DROP TABLE anki_notetypes;
                     DROP INDEX reviews_event; DROP INDEX reviews_undo_unsent;
                     DROP INDEX reviews_undo_event;
                     ALTER TABLE reviews DROP COLUMN origin; ALTER TABLE reviews DROP COLUMN seq;
                     ALTER TABLE reviews DROP COLUMN undo_origin;
                     ALTER TABLE reviews DROP COLUMN undo_seq;
                     DROP INDEX resets_event; ALTER TABLE resets DROP COLUMN origin;
                     ALTER TABLE resets DROP COLUMN seq;
                     DROP INDEX card_state_risk; DROP INDEX card_state_unbanded;
                     DROP INDEX fsrs_parameters_event; ALTER TABLE fsrs_parameters DROP COLUMN origin;
                     ALTER TABLE fsrs_parameters DROP COLUMN seq;
                     PRAGMA user_version = 6;",
                )
                .unwrap();
                drop(c);
                killed(&env, day, &["decks"], &mut rng, 30);
                let version: i64 = env
                    .sql()
                    .query_row("PRAGMA user_version", [], |r| r.get(0))
                    .unwrap();
                assert!(version == 6 || version == 16, "half migrated: {version}");
            }
        }
        let what = format!("loop {i} (seed {seed}, kind {kind})");
        let c = env.sql();
        let check: String = c
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "{what}");
        let logged: i64 = c
            .query_row("SELECT count(*) FROM reviews", [], |r| r.get(0))
            .unwrap();
        assert!(
            logged as usize >= acknowledged,
            "{what}: {logged} answers in the log, {acknowledged} acknowledged"
        );
        drop(c);
        let r = env.recall(&["rebuild", "--check"]);
        assert_eq!(r.code, Some(0), "{what}: {}{}", r.stdout, r.stderr);
    }
    assert!(acknowledged > 0, "some answers were given: {kinds:?}");
}
