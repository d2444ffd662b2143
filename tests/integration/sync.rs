//! Review on several devices through the real binary: databases reviewing the bundled deck on
//! interleaved days, synced through one folder in either order, end with the same log and
//! the same card states; the automatic sync around `recall review` and the status line; an
//! undo travelling back; what is refused; a hostile file under a memory limit.

use crate::util::{python_deck, run_with_input, Run, TestEnv};
use std::path::{Path, PathBuf};

/// Runs recall on database `db` at `now`, with `input` on stdin.
fn on(env: &TestEnv, db: &str, now: &str, args: &[&str], input: &str) -> Run {
    let db = env.path(db);
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    let mut cmd = env.command(&all);
    cmd.env("RECALL_NOW", now);
    run_with_input(&mut cmd, input)
}

fn ok(r: Run) -> Run {
    assert_eq!(
        r.code,
        Some(0),
        "stdout:\n{}\nstderr:\n{}",
        r.stdout,
        r.stderr
    );
    r
}

/// A folder `shared` and two databases, `a.db` and `b.db`, with the bundled deck imported.
fn two_devices() -> (TestEnv, PathBuf) {
    let env = TestEnv::new();
    let folder = env.path("shared");
    std::fs::create_dir_all(&folder).unwrap();
    let deck = python_deck();
    for db in ["a.db", "b.db"] {
        ok(on(
            &env,
            db,
            "2026-12-01T08:00:00Z",
            &["import", deck.to_str().unwrap()],
            "",
        ));
    }
    (env, folder)
}

/// `n` cards answered in the plain session, with these grades in turn.
fn answers(grades: &[u8]) -> String {
    let mut s: String = grades.iter().map(|g| format!("\n{g}\n")).collect();
    s.push_str("q\n");
    s
}

/// What must be the same on every device: the log (cards by deck and key), resets, flags and
/// states, as sorted text rows.
fn shared(db: &Path) -> Vec<String> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut out = Vec::new();
    for q in [
        "SELECT 'answer', d.name, c.key, r.reviewed_at, r.rating, r.state_before, r.state_after, \
         r.stability_after, r.due_after, r.undone_at FROM reviews r JOIN cards c ON c.id = r.card_id \
         JOIN decks d ON d.id = c.deck_id",
        "SELECT 'reset', c.key, x.reset_at FROM resets x JOIN cards c ON c.id = x.card_id",
        "SELECT 'card', d.name, c.key, c.suspended, c.studied FROM cards c JOIN decks d ON d.id = c.deck_id",
        "SELECT 'state', c.key, s.state, s.due, s.stability, s.difficulty, s.reps, s.lapses, s.step \
         FROM card_state s JOIN cards c ON c.id = s.card_id",
    ] {
        let mut stmt = c.prepare(q).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        out.extend(rows.map(|r| r.unwrap()));
    }
    out.sort();
    out
}

fn answer_count(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM reviews WHERE undone_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn two_devices_on_interleaved_days_end_with_the_same_log_and_states_in_either_order() {
    for laptop_first in [true, false] {
        let env = TestEnv::new();
        let deck = python_deck();
        let deck = deck.to_str().unwrap();
        let folder = env.path("Sync/recall");
        std::fs::create_dir_all(&folder).unwrap();
        let dir = folder.to_str().unwrap();
        let day = |d: u32, h: u32| format!("2026-12-{d:02}T{h:02}:00:00Z");
        for db in ["laptop.db", "desktop.db"] {
            ok(on(&env, db, &day(1, 8), &["import", deck], ""));
        }
        // Day 1 on the laptop.
        ok(on(
            &env,
            "laptop.db",
            &day(1, 9),
            &["review", "--plain"],
            &answers(&[3, 3, 1, 3, 4]),
        ));
        let r = ok(on(
            &env,
            "laptop.db",
            &day(1, 10),
            &["sync", dir, "--name", "laptop"],
            "",
        ));
        assert!(
            r.stdout.contains("out: 5 events from this device, laptop"),
            "{}",
            r.stdout
        );
        // Day 2 on the desktop: the laptop's cards go on where they were.
        let r = ok(on(
            &env,
            "desktop.db",
            &day(2, 9),
            &["sync", dir, "--name", "desktop"],
            "",
        ));
        assert!(
            r.stdout.contains("in: 5 answers from laptop"),
            "{}",
            r.stdout
        );
        ok(on(
            &env,
            "desktop.db",
            &day(2, 9),
            &["review", "--plain"],
            &answers(&[3, 3, 2, 3]),
        ));
        ok(on(&env, "desktop.db", &day(2, 10), &["sync", dir], ""));
        ok(on(&env, "laptop.db", &day(2, 11), &["sync", dir], ""));
        // Day 3: both offline, on the same cards, then they sync in one order or the other.
        ok(on(
            &env,
            "laptop.db",
            &day(3, 9),
            &["review", "--plain"],
            &answers(&[3, 1, 3]),
        ));
        ok(on(
            &env,
            "desktop.db",
            &day(3, 10),
            &["review", "--plain"],
            &answers(&[4, 3]),
        ));
        let (first, second) = if laptop_first {
            ("laptop.db", "desktop.db")
        } else {
            ("desktop.db", "laptop.db")
        };
        ok(on(&env, first, &day(3, 12), &["sync", dir], ""));
        ok(on(&env, second, &day(3, 12), &["sync", dir], ""));
        ok(on(&env, first, &day(3, 13), &["sync", dir], ""));
        let (a, b) = (env.path("laptop.db"), env.path("desktop.db"));
        assert_eq!(answer_count(&a), 14, "every answer of both, once");
        assert_eq!(shared(&a), shared(&b));
        for db in ["laptop.db", "desktop.db"] {
            let r = ok(on(&env, db, &day(3, 14), &["rebuild", "--check"], ""));
            assert!(
                r.stdout.contains("The cache equals the log"),
                "{}",
                r.stdout
            );
        }
        // A third device joining late gets the whole history.
        ok(on(&env, "phone.db", &day(4, 8), &["import", deck], ""));
        let r = ok(on(
            &env,
            "phone.db",
            &day(4, 9),
            &["sync", dir, "--name", "phone"],
            "",
        ));
        assert!(
            r.stdout.contains("in: 14 answers from desktop, laptop"),
            "{}",
            r.stdout
        );
        assert_eq!(shared(&env.path("phone.db")), shared(&a));
        // The folder holds one file per device, and no card text.
        let mut files: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        files.sort();
        assert_eq!(files.len(), 3, "{files:?}");
        for f in &files {
            let text = std::fs::read_to_string(folder.join(f)).unwrap();
            assert!(!text.contains("borrow"), "card text in {f}");
        }
    }
}

#[test]
fn review_syncs_before_and_after_when_the_config_names_a_folder_and_status_says_so() {
    let env = TestEnv::new();
    let folder = env.path("shared");
    std::fs::create_dir_all(&folder).unwrap();
    let config = |name: &str| {
        let path = env.write(
            &format!("{name}.toml"),
            format!(
                "[sync]\ndir = {:?}\nname = \"{name}\"\n",
                folder.to_str().unwrap()
            ),
        );
        path.to_str().unwrap().to_string()
    };
    let (laptop, desktop) = (config("laptop"), config("desktop"));
    let deck = python_deck();
    for db in ["a.db", "b.db"] {
        ok(on(
            &env,
            db,
            "2026-12-01T08:00:00Z",
            &["import", deck.to_str().unwrap()],
            "",
        ));
    }
    let r = ok(on(
        &env,
        "a.db",
        "2026-12-01T09:00:00Z",
        &["--config", &laptop, "review", "--plain"],
        &answers(&[3, 3, 3]),
    ));
    assert!(
        !r.stdout.contains("Synced with"),
        "nothing came in: {}",
        r.stdout
    );
    // The answers went out after the session.
    let r = ok(on(
        &env,
        "b.db",
        "2026-12-01T10:00:00Z",
        &["--config", &desktop, "review", "--plain"],
        &answers(&[4]),
    ));
    assert!(
        r.stdout.contains("Synced with") && r.stdout.contains("3 answers from laptop"),
        "{}",
        r.stdout
    );
    let r = ok(on(
        &env,
        "b.db",
        "2026-12-01T11:00:00Z",
        &["--config", &desktop],
        "",
    ));
    assert!(
        r.stdout.contains("Last sync 2026-12-01 10:00 with")
            && r.stdout
                .contains("the last to bring anything (2026-12-01 10:00): 3 answers from laptop"),
        "{}",
        r.stdout
    );
    // `--no-sync` leaves the folder alone; `recall sync` alone uses the configured folder.
    ok(on(
        &env,
        "a.db",
        "2026-12-01T12:00:00Z",
        &["--config", &laptop, "review", "--plain", "--no-sync"],
        "q\n",
    ));
    assert_eq!(answer_count(&env.path("a.db")), 3);
    let r = ok(on(
        &env,
        "a.db",
        "2026-12-01T12:00:00Z",
        &["--config", &laptop, "sync"],
        "",
    ));
    assert!(
        r.stdout.contains("in: 1 answer from desktop"),
        "{}",
        r.stdout
    );
    assert_eq!(shared(&env.path("a.db")), shared(&env.path("b.db")));
}

#[test]
fn an_undo_on_the_desktop_of_the_laptops_answer_travels_back() {
    let (env, folder) = two_devices();
    let dir = folder.to_str().unwrap();
    ok(on(
        &env,
        "a.db",
        "2026-12-01T09:00:00Z",
        &["review", "--plain"],
        &answers(&[3, 1]),
    ));
    ok(on(&env, "a.db", "2026-12-01T09:30:00Z", &["sync", dir], ""));
    ok(on(&env, "b.db", "2026-12-01T10:00:00Z", &["sync", dir], ""));
    let r = ok(on(&env, "b.db", "2026-12-01T10:01:00Z", &["undo"], ""));
    assert!(
        r.stdout.starts_with("Undone: Again at 2026-12-01 09:00"),
        "{}",
        r.stdout
    );
    // The question in quotes, the state a sentence of its own (a question's full stop is
    // never followed by a semicolon).
    assert!(
        r.stdout.contains("\u{201d}\nThe card is new again."),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains(".;"), "{}", r.stdout);
    ok(on(&env, "b.db", "2026-12-01T10:02:00Z", &["sync", dir], ""));
    let r = ok(on(&env, "a.db", "2026-12-01T10:03:00Z", &["sync", dir], ""));
    assert!(r.stdout.contains("in: 1 undo from"), "{}", r.stdout);
    assert_eq!(answer_count(&env.path("a.db")), 1);
    assert_eq!(shared(&env.path("a.db")), shared(&env.path("b.db")));
    let r = ok(on(
        &env,
        "a.db",
        "2026-12-01T10:04:00Z",
        &["rebuild", "--check"],
        "",
    ));
    assert!(
        r.stdout.contains("The cache equals the log"),
        "{}",
        r.stdout
    );
    let r = ok(on(
        &env,
        "a.db",
        "2026-12-01T10:05:00Z",
        &["undo", "--json"],
        "",
    ));
    assert!(r.stdout.contains("\"rating\": \"Good\""), "{}", r.stdout);
    let r = ok(on(&env, "a.db", "2026-12-01T10:06:00Z", &["undo"], ""));
    assert!(r.stdout.starts_with("Nothing to undo"), "{}", r.stdout);
}

#[test]
fn what_cannot_be_synced_is_said_and_nothing_is_lost() {
    let env = TestEnv::new();
    let r = env.recall(&["sync"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("no folder to sync with") && r.stderr.contains("[sync]"),
        "{}",
        r.stderr
    );
    let r = env.recall(&["sync", "nowhere"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr
            .contains("nowhere: cannot sync with this folder: no such folder"),
        "{}",
        r.stderr
    );
    let file = env.write("a-file", "x");
    let r = env.recall(&["sync", file.to_str().unwrap()]);
    assert!(r.stderr.contains("is not a folder"), "{}", r.stderr);
    // A newer recall's file: refused, left as it is, the rest synced.
    let folder: PathBuf = env.path("shared");
    let newer = "{\"recall_sync\":9,\"device\":\"00000000000000ff\"}\n{\"new\":\"kind\"}\n";
    env.write("shared/recall-00000000000000ff.jsonl", newer);
    let r = env.recall(&["sync", folder.to_str().unwrap()]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains("recall-00000000000000ff.jsonl: written by a newer recall (sync format 9; this recall reads 1)"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_to_string(folder.join("recall-00000000000000ff.jsonl")).unwrap(),
        newer
    );
    let r = env.recall(&["sync", folder.to_str().unwrap(), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["sync"]["refused"].as_array().unwrap().len(), 1);
}

#[test]
fn a_hostile_peer_file_takes_bounded_memory_and_says_what_was_skipped() {
    let env = TestEnv::new();
    ok(env.recall(&["import", python_deck().to_str().unwrap()]));
    let folder = env.path("shared");
    std::fs::create_dir_all(&folder).unwrap();
    // 40 MB without a newline after a header, then a million lines of junk.
    let mut text = String::from("{\"recall_sync\":1,\"device\":\"0123456789abcdef\"}\n");
    text.push_str(&"x".repeat(40 << 20));
    text.push('\n');
    for n in 0..1_000_000 {
        text.push_str(&format!(
            "{{\"id\":\"0123456789abcdef-{n}\",\"kind\":\"answer\"}}\n"
        ));
    }
    std::fs::write(folder.join("recall-0123456789abcdef.jsonl"), text).unwrap();
    let r = crate::hostile::recall_limited(&env, &["sync", folder.to_str().unwrap()]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("recall-0123456789abcdef.jsonl:2: longer than any event"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("and 999991 more lines skipped"),
        "{}",
        r.stderr
    );
    let c = env.sql();
    let waiting: i64 = c
        .query_row("SELECT COUNT(*) FROM sync_waiting", [], |r| r.get(0))
        .unwrap();
    assert_eq!(waiting, 0);
}

/// Runs `recall --db DB sync DIR` and kills it (SIGKILL) after `ms` milliseconds, if it is
/// still running.
fn killed_sync(env: &TestEnv, db: &str, dir: &str, ms: u64) {
    let db = env.path(db);
    let mut child = env
        .command(&["--db", db.to_str().unwrap(), "sync", dir])
        .env("RECALL_NOW", "2026-12-05T09:00:00Z")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(ms));
    let _ = child.kill();
    child.wait().unwrap();
}

#[test]
fn a_sync_killed_at_any_moment_leaves_both_databases_consistent_and_the_next_one_finishes() {
    let (env, folder) = two_devices();
    let dir = folder.to_str().unwrap();
    // 60,000 answers on the laptop, a minute apart over the 41 days before 2026-11-24, spread
    // over its cards (a day's learning, many times over).
    {
        let c = rusqlite::Connection::open(env.path("a.db")).unwrap();
        c.execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 59999),
                  c(id, k) AS (SELECT id, row_number() OVER (ORDER BY id) - 1 FROM cards)
             INSERT INTO reviews (card_id, reviewed_at, rating, duration_ms, state_before,
                                  state_after, due_after, step_after)
             SELECT c.id, 1791910800000 + n.i * 60000, 1 + n.i % 4, 3000, 'review', 'review',
                    1791910800000 + n.i * 60000 + 86400000, 0
               FROM n JOIN c ON c.k = n.i % (SELECT COUNT(*) FROM cards);",
        )
        .unwrap();
    }
    ok(on(&env, "a.db", "2026-12-05T08:00:00Z", &["rebuild"], ""));
    let mut rng = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = |n: u64| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng % n
    };
    for round in 0..12 {
        let db = if round % 2 == 0 { "a.db" } else { "b.db" };
        killed_sync(&env, db, dir, 20 + next(600));
        let c = rusqlite::Connection::open(env.path(db)).unwrap();
        let check: String = c
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "round {round}");
        drop(c);
        let r = ok(on(
            &env,
            db,
            "2026-12-05T09:00:00Z",
            &["rebuild", "--check"],
            "",
        ));
        assert!(
            r.stdout.contains("The cache equals the log"),
            "round {round}: {}",
            r.stdout
        );
    }
    for db in ["a.db", "b.db", "a.db"] {
        ok(on(&env, db, "2026-12-05T10:00:00Z", &["sync", dir], ""));
    }
    assert_eq!(answer_count(&env.path("b.db")), 60_000);
    assert_eq!(shared(&env.path("a.db")), shared(&env.path("b.db")));
    // The laptop's file holds each of its events once, numbered 1, 2, 3, ...
    let a_file = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            text.lines().count() > 1000
        })
        .expect("the laptop's file");
    let text = std::fs::read_to_string(a_file).unwrap();
    let seqs: Vec<i64> = text
        .lines()
        .skip(1)
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["id"]
                .as_str()
                .unwrap()
                .rsplit_once('-')
                .unwrap()
                .1
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(seqs, (1..=60_000).collect::<Vec<i64>>());
}

#[test]
fn a_question_reworded_on_one_device_keeps_every_device_on_the_same_log() {
    let env = TestEnv::new();
    let folder = env.path("shared");
    std::fs::create_dir_all(&folder).unwrap();
    let dir = folder.to_str().unwrap();
    let notes = "- What does the GIL guard?\n\t- the interpreter's state\n- What runs coroutines?\n\t- the event loop\n- What is a future?\n\t- a result not yet ready\n";
    let reworded = notes.replace("What does the GIL guard?", "What does the GIL protect?");
    let devices = ["a", "b", "c"];
    let import = |dev: &str, text: &str, now: &str| {
        let p = env.write(&format!("{dev}/n.md"), text);
        ok(on(
            &env,
            &format!("{dev}.db"),
            now,
            &["import", p.to_str().unwrap()],
            "",
        ))
    };
    let review = |dev: &str, now: &str| {
        ok(on(
            &env,
            &format!("{dev}.db"),
            now,
            &["review", "--no-sync"],
            &answers(&[3; 8]),
        ))
    };
    let sync = |dev: &str, now: &str| ok(on(&env, &format!("{dev}.db"), now, &["sync", dir], ""));
    // Each device answers at its own minute (one card answered at the same millisecond on
    // two devices is taken for one answer).
    for (dev, at) in devices.iter().zip(["09:00", "09:10", "09:20"]) {
        import(dev, notes, "2026-12-01T08:00:00Z");
        review(dev, &format!("2026-12-01T{at}:00Z"));
    }
    for dev in ["a", "b", "c", "a"] {
        sync(dev, "2026-12-01T12:00:00Z");
    }
    // The laptop rewords a question and answers; the others, not yet edited, answer too.
    let r = import("a", &reworded, "2026-12-05T08:00:00Z");
    assert!(r.stdout.contains("1 reworded"), "{}", r.stdout);
    for (dev, at) in devices.iter().zip(["09:00", "09:10", "09:20"]) {
        review(dev, &format!("2026-12-05T{at}:00Z"));
    }
    for dev in ["b", "c", "a", "b", "c"] {
        sync(dev, "2026-12-05T12:00:00Z");
    }
    // The laptop took in every answer given under the old question; the others learnt the
    // new name from the laptop's rename and took in its answers under it, before their notes
    // have the edit: nothing waits anywhere.
    let counts: Vec<i64> = devices
        .iter()
        .map(|dev| answer_count(&env.path(&format!("{dev}.db"))))
        .collect();
    assert_eq!(counts, [27, 27, 27]);
    for dev in devices {
        let r = on(
            &env,
            &format!("{dev}.db"),
            "2026-12-05T13:00:00Z",
            &["check"],
            "",
        );
        assert_eq!(r.code, Some(0), "{}", r.stdout);
        assert!(
            !r.stdout.contains("cannot apply yet"),
            "{dev}: {}",
            r.stdout
        );
    }
    // The edit reaches the other devices' notes; everyone syncs again.
    for dev in ["b", "c"] {
        import(dev, &reworded, "2026-12-06T08:00:00Z");
    }
    for dev in ["a", "b", "c", "a", "b", "c"] {
        let r = sync(dev, "2026-12-06T12:00:00Z");
        assert!(!r.stdout.contains("wait for cards"), "{dev}: {}", r.stdout);
    }
    let a = shared(&env.path("a.db"));
    let answers = a
        .iter()
        .filter(|r| r.starts_with("Text(\"answer\")"))
        .count();
    assert_eq!(answers, 3 * (3 * 2 + 3), "{a:#?}");
    for dev in ["b", "c"] {
        assert_eq!(shared(&env.path(&format!("{dev}.db"))), a, "{dev}");
        let r = on(
            &env,
            &format!("{dev}.db"),
            "2026-12-06T13:00:00Z",
            &["check"],
            "",
        );
        assert!(!r.stdout.contains("cannot apply yet"), "{}", r.stdout);
    }
}

#[test]
fn check_says_what_waits_for_notes_this_device_does_not_have() {
    let (env, folder) = two_devices();
    let dir = folder.to_str().unwrap();
    let p = env.write(
        "extra.md",
        "- What is a monad?\n\t- a monoid of endofunctors\n",
    );
    ok(on(
        &env,
        "a.db",
        "2026-12-01T08:00:00Z",
        &["import", p.to_str().unwrap()],
        "",
    ));
    ok(on(
        &env,
        "a.db",
        "2026-12-01T09:00:00Z",
        &["review", "extra", "--no-sync"],
        &answers(&[3]),
    ));
    ok(on(&env, "a.db", "2026-12-01T10:00:00Z", &["sync", dir], ""));
    ok(on(&env, "b.db", "2026-12-01T10:00:00Z", &["sync", dir], ""));
    let r = ok(on(&env, "b.db", "2026-12-01T11:00:00Z", &["check"], ""));
    assert!(
        r.stdout
            .contains("sync           1 event(s) from other devices cannot apply yet"),
        "{}",
        r.stdout
    );
    let r = ok(on(&env, "a.db", "2026-12-01T11:00:00Z", &["check"], ""));
    assert!(!r.stdout.contains("cannot apply yet"), "{}", r.stdout);
}
