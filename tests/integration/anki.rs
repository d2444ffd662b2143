//! Anki interchange through the binary: a package recall writes, read back by recall and by
//! Anki's own library (`pip install anki` into a venv the tests make), and packages Anki's
//! library writes, read by recall, every answer checked.

use crate::util::{run_with_input, Run, TestEnv};
use recall::schedule::{fuzz_range, CardSchedule, Phase, Rating, Scheduler, SchedulerConfig};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The Anki release the tests check against.
const ANKI: &str = "26.9.3";

const PYTHON_NOTES: &str = "\
# asyncio #concurrency
- What runs tasks?
\t- the **event loop**
- A `Lock` in asyncio is not **thread-safe**
- How to flush a file to disk
\t- ```python
\t  f.flush()
\t  os.fsync(f.fileno())
\t  ```
";

const RUST_NOTES: &str = "\
- What owns heap data?
\t- a `Box`
- The **borrow checker** enforces lifetimes
- What is `Rc`?
\t- shared ownership, one thread
";

/// The zone a test runs recall and Anki's library in: UTC, unless it wrote another to `TZ` in
/// its folder.
fn zone(env: &TestEnv) -> String {
    std::fs::read_to_string(env.path("TZ")).unwrap_or_else(|_| "UTC".into())
}

/// Runs recall (in the test's zone) on `db` at `now`, with `input` on stdin.
fn recall(env: &TestEnv, db: &Path, now: Option<&str>, args: &[&str], input: &str) -> Run {
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    let mut cmd = env.command(&all);
    cmd.env("TZ", zone(env));
    if let Some(now) = now {
        cmd.env("RECALL_NOW", now);
    }
    run_with_input(&mut cmd, input)
}

/// `recall import-anki --json PACKAGE` into `db`: what it says it did.
fn import_anki(env: &TestEnv, db: &Path, package: &Path) -> serde_json::Value {
    let r = recall(
        env,
        db,
        None,
        &["import-anki", "--json", package.to_str().unwrap()],
        "",
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    serde_json::from_str(&r.stdout).expect("JSON")
}

/// `recall export --apkg PACKAGE` from `db`, which must succeed.
fn export_apkg(env: &TestEnv, db: &Path, package: &Path) -> Run {
    let r = recall(
        env,
        db,
        None,
        &["export", "--apkg", package.to_str().unwrap()],
        "",
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    r
}

/// A database with history: two decks under `lang`, a tag, clozes, a code block; answers on
/// four days (steps, lapses, Easy); one card reset, one suspended.
fn studied(env: &TestEnv) -> PathBuf {
    env.write("lang/python.md", PYTHON_NOTES);
    env.write("lang/rust.md", RUST_NOTES);
    let db = env.db();
    let lang = env.path("lang");
    let r = recall(env, &db, None, &["import", lang.to_str().unwrap()], "");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let days = [
        (
            "2026-11-20T09:00:00Z",
            "\n3\n\n1\n\n3\n\n4\n\n2\n\n3\n\n3\n\n3\n\n3\n\n3\n\n3\n\n3\n",
        ),
        (
            "2026-11-21T10:00:00Z",
            "\n3\n\n3\n\n1\n\n3\n\n3\n\n3\n\n3\n\n3\n",
        ),
        (
            "2026-11-23T10:00:00Z",
            "\n3\n\n3\n\n2\n\n3\n\n3\n\n3\n\n3\n",
        ),
        (
            "2026-11-27T10:00:00Z",
            "\n4\n\n3\n\n3\n\n1\n\n3\n\n3\n\n3\n\n3\n",
        ),
    ];
    for (now, input) in days {
        let r = recall(
            env,
            &db,
            Some(now),
            &["review", "--no-sync"],
            &format!("{input}q\n"),
        );
        assert_eq!(r.code, Some(0), "{}\n{}", r.stdout, r.stderr);
    }
    let r = recall(env, &db, None, &["reset", "2"], "");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = recall(env, &db, None, &["suspend", "3"], "");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    db
}

/// A card as these tests tell cards apart: its deck and its question as plain text.
type CardName = (String, String);
/// Kind, plain answer, context, tags, suspended.
type CardText = (String, String, String, String, bool);
/// Answers (time, rating) and resets.
type CardHistory = (Vec<(i64, i64)>, Vec<i64>);
/// Phase, due, reps, lapses, stability.
type CardState = (String, i64, i64, i64, f64);

/// Each live card's text.
fn cards(db: &Path) -> BTreeMap<CardName, CardText> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut s = c
        .prepare(
            "SELECT d.name, c.question, c.kind, c.answer, c.context, c.tags, c.suspended
               FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.retired_at IS NULL",
        )
        .unwrap();
    let plain = recall::display::plain;
    s.query_map([], |r| {
        Ok((
            (r.get(0)?, plain(&r.get::<_, String>(1)?)),
            (
                r.get(2)?,
                plain(&r.get::<_, String>(3)?),
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ),
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// Each card's answers not taken back (time, rating) and resets, by (deck, plain question).
fn history(db: &Path) -> BTreeMap<CardName, CardHistory> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut out: BTreeMap<CardName, CardHistory> = BTreeMap::new();
    let key = |deck: String, q: String| (deck, recall::display::plain(&q));
    let mut s = c
        .prepare(
            "SELECT d.name, c.question, r.reviewed_at, r.rating FROM reviews r
               JOIN cards c ON c.id = r.card_id JOIN decks d ON d.id = c.deck_id
              WHERE r.undone_at IS NULL ORDER BY r.reviewed_at",
        )
        .unwrap();
    let rows = s
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap();
    for row in rows {
        let (deck, q, at, rating) = row.unwrap();
        out.entry(key(deck, q)).or_default().0.push((at, rating));
    }
    let mut s = c
        .prepare(
            "SELECT d.name, c.question, x.reset_at FROM resets x
               JOIN cards c ON c.id = x.card_id JOIN decks d ON d.id = c.deck_id
              ORDER BY x.reset_at",
        )
        .unwrap();
    let rows = s
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    for row in rows {
        let (deck, q, at) = row.unwrap();
        out.entry(key(deck, q)).or_default().1.push(at);
    }
    out
}

/// Each studied card's (phase, due, reps, lapses, stability) by (deck, plain question).
fn states(db: &Path) -> BTreeMap<CardName, CardState> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut s = c
        .prepare(
            "SELECT d.name, c.question, s.state, s.due, s.reps, s.lapses, s.stability
               FROM card_state s JOIN cards c ON c.id = s.card_id
               JOIN decks d ON d.id = c.deck_id WHERE s.state <> 'new'",
        )
        .unwrap();
    s.query_map([], |r| {
        Ok((
            (r.get(0)?, recall::display::plain(&r.get::<_, String>(1)?)),
            (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?),
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[test]
fn a_package_round_trips_cards_decks_tags_and_every_review() {
    let env = TestEnv::new();
    let db = studied(&env);
    let pkg = env.path("out/lang.apkg");
    std::fs::create_dir_all(pkg.parent().unwrap()).unwrap();
    let r = export_apkg(&env, &db, &pkg);
    let n = cards(&db).len();
    assert!(n >= 6, "{n} cards");
    assert!(
        r.stderr.contains(&format!("{n} cards in 3 decks")),
        "{}",
        r.stderr
    );

    let other = env.path("other.db");
    let done = import_anki(&env, &other, &pkg);
    assert_eq!(done["imported"]["cards_added"], n, "{done}");
    // Cards, decks, tags, suspension, context; every answer at its time, every reset.
    assert_eq!(cards(&other), cards(&db));
    let (before, after) = (history(&db), history(&other));
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    for (card, (answers, resets)) in &before {
        let (got, got_resets) = &after[card];
        assert_eq!(got_resets, resets, "{card:?}");
        assert_eq!(got.len(), answers.len(), "{card:?}");
        // Each answer at its time (Anki's log ids are unique: one sharing its millisecond
        // with another card's answer moves a few milliseconds on).
        for ((t, rating), (want_t, want_rating)) in got.iter().zip(answers) {
            assert_eq!(rating, want_rating, "{card:?}");
            assert!((t - want_t).abs() < 50, "{card:?}: {t} vs {want_t}");
        }
    }
    let answers: usize = before.values().map(|(a, _)| a.len()).sum();
    assert!(answers >= 15, "{answers} answers");
    assert!(before.values().any(|(_, resets)| !resets.is_empty()));
    // The schedules go on where they were.
    let (want, got) = (states(&db), states(&other));
    assert_eq!(got.len(), want.len());
    for (card, w) in &want {
        let g = &got[card];
        assert_eq!((&g.0, g.1, g.2, g.3), (&w.0, w.1, w.2, w.3), "{card:?}");
        assert!(
            (g.4 - w.4).abs() < 1e-3,
            "{card:?}: stability {} vs {}",
            g.4,
            w.4
        );
    }
    let r = recall(&env, &other, None, &["rebuild", "--check"], "");
    assert_eq!(r.code, Some(0), "{}{}", r.stdout, r.stderr);
    // The decks came from Anki.
    let origin: Vec<(String, Option<String>)> = rusqlite::Connection::open(&other)
        .unwrap()
        .prepare("SELECT name, origin FROM decks ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(origin.iter().all(|(_, o)| o.as_deref() == Some("anki")));
    let r = recall(&env, &other, None, &["decks"], "");
    assert!(r.stdout.contains("python (from Anki)"), "{}", r.stdout);
    assert!(!recall(&env, &db, None, &["decks"], "")
        .stdout
        .contains("Anki"));

    // Again: nothing new.
    let done = import_anki(&env, &other, &pkg)["imported"].clone();
    assert_eq!(
        (
            &done["cards_added"],
            &done["cards_unchanged"],
            &done["answers_added"]
        ),
        (&0.into(), &n.into(), &0.into()),
        "{done}"
    );
    assert_eq!(history(&other), after);
    // More answers in recall, a new export: the same cards, only the new answers come in.
    let r = recall(
        &env,
        &db,
        Some("2026-12-15T10:00:00Z"),
        &["review", "--no-sync"],
        "\n3\n\n3\nq\n",
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    export_apkg(&env, &db, &pkg);
    let done = import_anki(&env, &other, &pkg)["imported"].clone();
    assert_eq!(
        (&done["cards_added"], &done["answers_added"]),
        (&0.into(), &2.into()),
        "{done}"
    );
    let before = history(&db);
    let after = history(&other);
    assert_eq!(
        after.values().map(|(a, _)| a.len()).sum::<usize>(),
        before.values().map(|(a, _)| a.len()).sum::<usize>()
    );
    // A card gone from the notes is gone from the next package: retired there too, with its
    // history; back when a package has it again.
    env.write(
        "lang/rust.md",
        RUST_NOTES.replace("- What is `Rc`?\n\t- shared ownership, one thread\n", ""),
    );
    let lang = env.path("lang");
    let r = recall(&env, &db, None, &["import", lang.to_str().unwrap()], "");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    export_apkg(&env, &db, &pkg);
    let done = import_anki(&env, &other, &pkg)["imported"].clone();
    assert_eq!(done["cards_retired"], 1, "{done}");
    assert_eq!(cards(&other).len(), n - 1);
    assert!(!cards(&other).keys().any(|(_, q)| q == "What is Rc?"));
    // Into the database it came from: the cards are found again (their notes own them), and
    // the answers are there already.
    let done = import_anki(&env, &db, &pkg)["imported"].clone();
    assert_eq!(
        (
            &done["cards_joined"],
            &done["cards_added"],
            &done["answers_added"]
        ),
        (&(n - 1).into(), &0.into(), &0.into()),
        "{done}"
    );
    assert_eq!(cards(&db).len(), n - 1);
    assert_eq!(done["cards_retired"], 0, "{done}");
}

#[test]
fn what_is_not_an_anki_package_is_refused_with_the_reason() {
    let env = TestEnv::new();
    let db = env.db();
    let cases: [(&str, &[u8], &str); 5] = [
        ("text.apkg", b"just text", "not a zip archive"),
        ("missing.apkg", b"", "no such file"),
        (
            "empty.apkg",
            &zipped("readme.txt", b"hello"),
            "no collection in it",
        ),
        (
            "garbage.apkg",
            &zipped("collection.anki2", &[7u8; 5000]),
            "not an Anki collection",
        ),
        (
            "badzstd.colpkg",
            &zipped("collection.anki21b", b"not zstd at all"),
            "zstd",
        ),
    ];
    for (name, bytes, says) in cases {
        let path = if bytes.is_empty() {
            env.path(name)
        } else {
            env.write(name, bytes)
        };
        let r = recall(
            &env,
            &db,
            None,
            &["import-anki", path.to_str().unwrap()],
            "",
        );
        assert_eq!(r.code, Some(1), "{name}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{name}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
}

/// A zip archive holding one file.
fn zipped(name: &str, bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(name, zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(bytes).unwrap();
    zip.finish().unwrap().into_inner()
}

/// Python with Anki's library, in a venv made once per test run (kept between runs in the
/// target folder). None only when the package index cannot be reached.
fn anki_python() -> Option<PathBuf> {
    static PYTHON: OnceLock<Option<PathBuf>> = OnceLock::new();
    PYTHON.get_or_init(make_venv).clone()
}

fn make_venv() -> Option<PathBuf> {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("anki-{ANKI}-venv"));
    let python = venv.join("bin/python");
    let has_anki = || {
        Command::new(&python)
            .args(["-c", "import anki.collection"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if has_anki() {
        return Some(python);
    }
    let made = Command::new("python3")
        .args(["-m", "venv", "--clear"])
        .arg(&venv)
        .output()
        .expect("python3 runs (.ci/run installs it)");
    assert!(
        made.status.success(),
        "python3 -m venv failed (python3-venv missing? .ci/run installs it): {}",
        String::from_utf8_lossy(&made.stderr)
    );
    let pip = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .arg(format!("anki=={ANKI}"))
        .output()
        .expect("run pip");
    if !pip.status.success() {
        let reachable = Command::new(&python)
            .args([
                "-c",
                "import urllib.request; urllib.request.urlopen('https://pypi.org/simple/anki/', timeout=30)",
            ])
            .output()
            .is_ok_and(|o| o.status.success());
        if !reachable {
            eprintln!("SKIPPED: the Anki tests need `pip install anki=={ANKI}`, and the package index (pypi.org) cannot be reached from here");
            return None;
        }
        panic!(
            "pip install anki=={ANKI} failed: {}",
            String::from_utf8_lossy(&pip.stderr)
        );
    }
    assert!(has_anki(), "anki installed but cannot be imported");
    Some(python)
}

/// Runs `anki_side.py ARGS` in the test's zone and reads its JSON.
fn anki_side(env: &TestEnv, python: &Path, args: &[&str]) -> serde_json::Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/anki/anki_side.py");
    let out = Command::new(python)
        .arg(script)
        .args(args)
        .env("TZ", zone(env))
        .output()
        .expect("run anki_side.py");
    assert!(
        out.status.success(),
        "anki_side.py {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("anki_side.py prints JSON")
}

#[test]
fn anki_imports_recall_packages_with_schedules_memory_and_history() {
    anki_imports_recall_packages_in("UTC", 0);
}

#[test]
fn anki_imports_recall_packages_on_the_same_days_east_of_utc() {
    // Tokyo: +9 hours, past recall's and Anki's 04:00 start of day (no daylight saving).
    anki_imports_recall_packages_in("Asia/Tokyo", 9 * 3600);
}

fn anki_imports_recall_packages_in(tz: &str, offset_secs: i32) {
    let Some(python) = anki_python() else { return };
    let env = TestEnv::new();
    env.write("TZ", tz);
    let db = studied(&env);
    let pkg = env.path("lang.apkg");
    export_apkg(&env, &db, &pkg);
    let anki = anki_side(&env, &python, &["read", pkg.to_str().unwrap()]);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    let live = count("SELECT COUNT(*) FROM cards WHERE retired_at IS NULL");
    let logged = count("SELECT COUNT(*) FROM reviews WHERE undone_at IS NULL")
        + count("SELECT COUNT(*) FROM resets");
    assert_eq!(anki["notes"], live);
    assert_eq!(anki["cards"], live);
    assert_eq!(anki["revlog"], logged);

    let by_guid: BTreeMap<String, &serde_json::Value> = (anki["card_list"].as_array().unwrap())
        .iter()
        .map(|c| (c["guid"].as_str().unwrap().to_string(), c))
        .collect();
    // The test's zone, days from 04:00, as Anki is run here.
    let config = SchedulerConfig {
        zone: recall::clock::Zone::Fixed(offset_secs),
        ..SchedulerConfig::default()
    };
    let scheduler = Scheduler::new(config.clone()).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let mut stmt = conn
        .prepare(
            "SELECT c.key, d.name, c.tags, s.state, s.due, s.stability, s.difficulty,
                    s.last_review, s.reps, s.lapses, s.step
               FROM cards c JOIN decks d ON d.id = c.deck_id
               JOIN card_state s ON s.card_id = c.id WHERE s.state = 'review'",
        )
        .unwrap();
    let rows: Vec<(String, String, String, CardSchedule)> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                CardSchedule {
                    phase: r.get(3)?,
                    due: r.get(4)?,
                    stability: r.get(5)?,
                    difficulty: r.get(6)?,
                    last_review: r.get(7)?,
                    reps: r.get(8)?,
                    lapses: r.get(9)?,
                    step: r.get(10)?,
                },
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(rows.len() >= 4, "{} review cards", rows.len());
    for (key, deck, tags, state) in &rows {
        let card = by_guid[&format!("recall:{key}:{deck}")];
        assert_eq!(card["deck"], deck.replace('/', "::"));
        assert_eq!(card["type"], 2, "{card}");
        assert_eq!(card["reps"], state.reps);
        assert_eq!(card["lapses"], state.lapses);
        // Due on the same study day.
        let due_in = config.study_day(state.due.unwrap()) - config.study_day(now);
        assert_eq!(card["due_in_days"], due_in, "{card}");
        // The same memory.
        let s = card["stability"].as_f64().unwrap();
        let d = card["difficulty"].as_f64().unwrap();
        assert!(
            (s - f64::from(state.stability.unwrap())).abs() < 1e-3,
            "{card}"
        );
        assert!(
            (d - f64::from(state.difficulty.unwrap())).abs() < 1e-3,
            "{card}"
        );
        // Anki's scheduler gives Good the interval recall's does, within fuzz.
        let good = scheduler.preview(state, now)[Rating::Good as usize - 1];
        assert_eq!(good.next.phase, Phase::Review);
        let (lo, hi) = fuzz_range(good.interval_days, config.max_interval_days);
        let anki_days = card["good"]["days"].as_i64().unwrap();
        assert!(
            (i64::from(lo) - 1..=i64::from(hi) + 1).contains(&anki_days),
            "Anki gives Good {anki_days} days, recall {} ({lo}–{hi}): {card}",
            good.interval_days
        );
        // Tags and parameters came along.
        let want_tags: Vec<String> = serde_json::from_str(tags).unwrap_or_default();
        let mut got_tags: Vec<String> = serde_json::from_value(card["tags"].clone()).unwrap();
        got_tags.iter_mut().for_each(|t| *t = t.to_lowercase());
        assert_eq!(got_tags, want_tags);
        assert_eq!(card["fsrs_params"].as_array().unwrap().len(), 21);
        assert_eq!(card["desired_retention"], 0.9);
    }
}

#[test]
fn recall_imports_what_ankis_scheduler_wrote_with_every_answer() {
    let Some(python) = anki_python() else { return };
    let env = TestEnv::new();
    let out = env.path("anki");
    std::fs::create_dir_all(&out).unwrap();
    let made = anki_side(&env, &python, &["write", out.to_str().unwrap()]);
    let db = env.db();
    let apkg = out.join("made.apkg");
    let done = import_anki(&env, &db, &apkg);
    assert_eq!(done["imported"]["cards_added"], 6, "{done}");
    assert_eq!(done["imported"]["answers_added"], 18, "{done}");

    let conn = rusqlite::Connection::open(&db).unwrap();
    let cards = made["cards"].as_array().unwrap();
    assert_eq!(cards.len(), 6);
    let mut answers = 0;
    for card in cards {
        let key = format!("{:016x}", card["id"].as_i64().unwrap());
        let (id, deck, suspended): (i64, String, bool) = conn
            .query_row(
                "SELECT c.id, d.name, c.suspended FROM cards c JOIN decks d ON d.id = c.deck_id
                  WHERE c.key = ?1",
                [&key],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap_or_else(|e| panic!("card {key}: {e}"));
        assert_eq!(deck, card["deck"].as_str().unwrap().replace("::", "/"));
        assert_eq!(suspended, card["suspended"].as_bool().unwrap());
        let want: Vec<(i64, i64)> = serde_json::from_value(card["answers"].clone()).unwrap();
        let got: Vec<(i64, i64)> = conn
            .prepare(
                "SELECT reviewed_at, rating FROM reviews WHERE card_id = ?1 ORDER BY reviewed_at",
            )
            .unwrap()
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(got, want, "card {key}");
        answers += want.len();
        let resets: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM resets WHERE card_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(resets as usize, card["resets"].as_array().unwrap().len());
        // A card Anki made new again is among recall's new cards.
        if card["type"] == 0 {
            let (studied, states): (bool, i64) = conn
                .query_row(
                    "SELECT studied, (SELECT COUNT(*) FROM card_state WHERE card_id = ?1)
                       FROM cards WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!((studied, states), (false, 0), "card {key}");
        }
    }
    assert_eq!(answers, 18);
    assert!(
        cards.iter().any(|c| c["type"] == 0),
        "one card was made new in Anki"
    );
    // The text, each cloze number its own card, the reversed card the other way round.
    let questions: Vec<(String, String)> = conn
        .prepare("SELECT question, answer FROM cards ORDER BY key")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for want in [
        ("What does the **GIL** guard?", "bytecode"),
        ("asyncio runs tasks on", "an event loop\none thread"),
        ("borrow checker", "enforces & checks lifetimes"),
        ("enforces & checks lifetimes", "borrow checker"),
        ("A […] owns heap data", "Box"),
        ("A Box owns [… where?]", "heap data"),
    ] {
        assert!(
            questions
                .iter()
                .any(|(q, a)| (q.as_str(), a.as_str()) == want),
            "{want:?} in {questions:?}"
        );
    }
    let r = recall(&env, &db, None, &["rebuild", "--check"], "");
    assert_eq!(r.code, Some(0), "{}{}", r.stdout, r.stderr);
    // The whole collection (.colpkg) holds the same: nothing new.
    let colpkg = out.join("made.colpkg");
    let done = import_anki(&env, &db, &colpkg)["imported"].clone();
    assert_eq!(
        (
            &done["cards_added"],
            &done["cards_unchanged"],
            &done["answers_added"]
        ),
        (&0.into(), &6.into(), &0.into()),
        "{done}"
    );
}

/// Issue 16 measured recall's fitted initial stabilities far from Anki's on one synthetic log.
/// The same crate (fsrs 6.6.2 in both) called on the same items gives the same parameters; so
/// a log built here (every first answer Good: only Good's initial stability is in the data,
/// the crate fills the other three from the defaults' ratios), fitted by `recall optimize` and,
/// through the package recall writes, by Anki's deck options, must give the same items and
/// initial stabilities within 5% (the rest of training differs a little: recall weights items
/// by card recency with card ids).
#[test]
fn anki_fits_the_same_log_to_the_same_initial_stabilities() {
    let Some(python) = anki_python() else { return };
    let env = TestEnv::new();
    let db = env.path("fit.db");
    drop(recall::store::Store::open(&db).unwrap());
    let mut log = recall::optimize::synthetic::log(
        &recall::optimize::synthetic::forgetful_parameters(),
        2000,
        300,
        20_362,
        7,
    );
    for a in &mut log {
        if a.first_sight {
            a.rating = 3;
        }
    }
    {
        let mut c = rusqlite::Connection::open(&db).unwrap();
        let tx = c.transaction().unwrap();
        tx.execute(
            "INSERT INTO decks (id, name, created_at) VALUES (1, 'notes/deck1', 0)",
            [],
        )
        .unwrap();
        for id in 1..=2000i64 {
            tx.execute(
                "INSERT INTO cards (id, deck_id, key, kind, question, answer, line, position,
                                    created_at, updated_at, studied)
                 VALUES (?1, 1, printf('%016x', ?1), 'basic', 'q ' || ?1, 'a', ?1, ?1,
                         1735000000000, 1735000000000, 1)",
                [id],
            )
            .unwrap();
        }
        for a in &log {
            let state = if a.first_sight { "new" } else { "review" };
            tx.execute(
                "INSERT INTO reviews (card_id, reviewed_at, rating, duration_ms, state_before,
                                      state_after, due_after)
                 VALUES (?1, ?2, ?3, 6000, ?4, 'review', ?2 + 86400000)",
                rusqlite::params![a.card_id.0, a.at, a.rating, state],
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }
    let r = recall(&env, &db, None, &["rebuild"], "");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = recall(&env, &db, None, &["optimize", "--json"], "");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let ours: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let package = env.path("fit.apkg");
    export_apkg(&env, &db, &package);
    let anki = anki_side(&env, &python, &["fit", package.to_str().unwrap()]);
    assert_eq!(ours["optimize"]["items"], anki["items"], "the same items");
    let w = |v: &serde_json::Value| -> Vec<f64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect()
    };
    let (ours, anki) = (w(&ours["optimize"]["parameters"]), w(&anki["parameters"]));
    assert_eq!((ours.len(), anki.len()), (21, 21));
    for i in 0..4 {
        let off = (ours[i] - anki[i]).abs() / anki[i];
        assert!(
            off < 0.05,
            "w{i}: recall {} Anki {} ({ours:?} / {anki:?})",
            ours[i],
            anki[i]
        );
    }
    // Good's alone was in the data: the others are the defaults' ratios to it, on both sides.
    for w in [&ours, &anki] {
        let ratio = w[0] / w[2];
        let default = 0.212 / 2.3065;
        assert!((ratio / default - 1.0).abs() < 0.02, "{w:?}");
    }
}

/// The side-by-side harness (`benches/anki/compare.py`) at its smoke size, so it never rots:
/// both sides build the same collection and every figure has a time on each side.
#[test]
fn the_side_by_side_harness_runs_at_smoke_size() {
    let Some(python) = anki_python() else { return };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/anki/compare.py");
    let out = Command::new("python3")
        .arg(script)
        .args([
            "--smoke",
            "--recall",
            env!("CARGO_BIN_EXE_recall"),
            "--python",
        ])
        .arg(&python)
        .output()
        .expect("run compare.py");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Collection: 500 cards"), "{stdout}");
    assert!(
        stdout.contains("500 cards, "),
        "Anki has every card: {stdout}"
    );
    let rows: Vec<Vec<&str>> = stdout
        .lines()
        .filter(|l| l.starts_with("| ") && l.ends_with(" |") && !l.starts_with("| ---"))
        .skip(1)
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect();
    let figures: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    assert_eq!(figures.len(), 4, "{stdout}");
    for (figure, name) in
        figures
            .iter()
            .zip(["first card", "grade → next card", "statistics", "fit FSRS"])
    {
        assert!(figure.contains(name), "{figure}");
    }
    for r in &rows {
        let ms = |s: &str| s.strip_suffix(" ms").and_then(|n| n.parse::<f64>().ok());
        let (ours, anki) = (ms(r[1]), ms(r[2]));
        assert!(
            ours.is_some_and(|t| t > 0.0) && anki.is_some_and(|t| t > 0.0),
            "{r:?}"
        );
        assert!(r[3].parse::<f64>().is_ok_and(|x| x > 0.0), "{r:?}");
    }
}

#[test]
fn a_package_telling_an_answer_twice_imports_it_once() {
    use std::io::{Read, Write};
    let env = TestEnv::new();
    let db = studied(&env);
    let pkg = env.path("out/lang.apkg");
    std::fs::create_dir_all(pkg.parent().unwrap()).unwrap();
    export_apkg(&env, &db, &pkg);
    // Its revlog rebuilt without the primary key, every row twice (a hostile or broken
    // package: the same revlog id told twice).
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&pkg).unwrap()).unwrap();
    let mut entries = Vec::new();
    for k in 0..zip.len() {
        let mut f = zip.by_index(k).unwrap();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        entries.push((f.name().to_string(), bytes));
    }
    let col = env.path("out/collection.anki2");
    let (_, bytes) = entries
        .iter_mut()
        .find(|(n, _)| n == "collection.anki2")
        .expect("a schema 11 collection");
    std::fs::write(&col, &bytes).unwrap();
    rusqlite::Connection::open(&col)
        .unwrap()
        .execute_batch(
            "CREATE TABLE r2 AS SELECT * FROM revlog; INSERT INTO r2 SELECT * FROM revlog;
             DROP TABLE revlog; ALTER TABLE r2 RENAME TO revlog;",
        )
        .unwrap();
    *bytes = std::fs::read(&col).unwrap();
    let twice = env.path("out/twice.apkg");
    let mut out = zip::ZipWriter::new(std::fs::File::create(&twice).unwrap());
    for (name, bytes) in &entries {
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap();
    let once = env.path("once.db");
    let two = env.path("two.db");
    import_anki(&env, &once, &pkg);
    let done = import_anki(&env, &two, &twice);
    assert_eq!(history(&two), history(&once), "{done}");
}

/// A zstd frame of `blocks` RLE blocks, each 128 KiB of one byte: a few bytes a block that
/// unpack to 128 KiB (a bomb).
fn zstd_rle_bomb(blocks: usize) -> Vec<u8> {
    // Magic; no content size, not single-segment; window 2^17.
    let mut out = vec![0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x38];
    for k in 0..blocks {
        let last = u32::from(k + 1 == blocks);
        let header = (128 * 1024) << 3 | 1 << 1 | last;
        out.extend_from_slice(&header.to_le_bytes()[..3]);
        out.push(0);
    }
    out
}

#[cfg(unix)]
#[test]
fn a_zstd_bomb_is_stopped_while_it_unpacks() {
    let env = TestEnv::new();
    // 40 KB that unpack to 1.25 GiB; the unpacking may write 200 MB at most here, so a copy
    // running to recall's 4 GiB cap fails on the limit instead of on the package.
    let bomb = env.write(
        "bomb.colpkg",
        zipped("collection.anki21b", &zstd_rle_bomb(10_000)),
    );
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 400000; exec \"$0\" --db \"$1\" import-anki \"$2\"")
        .arg(env!("CARGO_BIN_EXE_recall"))
        .arg(env.db())
        .arg(&bomb)
        .env("XDG_CONFIG_HOME", env.path("xdg-config"))
        .env("XDG_DATA_HOME", env.path("xdg-data"))
        .env("HOME", env.path(""))
        .env("TMPDIR", env.path(""))
        .output()
        .unwrap();
    let r = Run::from(out);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("its collection unpacks to more than 64 MiB, 200 times what it takes"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_line_break_from_anki_goes_back_to_anki_as_a_line_break() {
    let Some(python) = anki_python() else { return };
    let env = TestEnv::new();
    let out = env.path("anki");
    std::fs::create_dir_all(&out).unwrap();
    anki_side(&env, &python, &["write", out.to_str().unwrap()]);
    let db = env.db();
    import_anki(&env, &db, &out.join("made.apkg"));
    let back = out.join("back.apkg");
    export_apkg(&env, &db, &back);
    let read = anki_side(&env, &python, &["read", back.to_str().unwrap()]);
    let fields: Vec<String> = read["card_list"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["fields"].as_array().unwrap().iter())
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    let back_field = fields
        .iter()
        .find(|f| f.contains("an event loop"))
        .unwrap_or_else(|| panic!("{fields:?}"));
    // Anki shows a bare newline as a space: the break goes as `<br>`.
    assert!(back_field.contains("an event loop<br"), "{back_field:?}");
}

/// An Anki collection studied through Anki's scheduler 30 days ago (so its cards are due now),
/// imported here and every due card answered Good: the collection's path, its log's length,
/// and how many answers were given here. On the real clock: Anki's own check counts a time
/// ahead of its clock as damage.
fn studied_here_from_anki(env: &TestEnv, python: &Path, db: &Path) -> (String, i64, i64) {
    imported_from_anki(env, python, db, true)
}

/// [`studied_here_from_anki`], studied here or not.
fn imported_from_anki(env: &TestEnv, python: &Path, db: &Path, study: bool) -> (String, i64, i64) {
    let out = env.path("anki");
    std::fs::create_dir_all(&out).unwrap();
    let made = anki_side(env, python, &["write", out.to_str().unwrap()]);
    let collection = made["collection"].as_str().unwrap().to_string();
    let arg = format!("{collection},30,{}", out.display());
    let revlog_before = anki_side(env, python, &["age", &arg])["revlog"]
        .as_i64()
        .unwrap();
    import_anki(env, db, &out.join("aged.colpkg"));
    let logged = || {
        recall(env, db, None, &["export", "--csv", "/dev/stdout"], "")
            .stdout
            .lines()
            .count() as i64
            - 1
    };
    let imported = logged();
    if study {
        let r = recall(env, db, None, &["review", "--no-sync"], &"\n3\n".repeat(12));
        assert_eq!(r.code, Some(0), "{}", r.stderr);
    }
    let answered = logged() - imported;
    assert_eq!(answered > 0, study);
    (collection, revlog_before, answered)
}

#[test]
fn an_anki_collection_studied_here_takes_the_answers_once_without_copies() {
    let Some(python) = anki_python() else { return };
    let env = TestEnv::new();
    let out = env.path("anki");
    let db = env.db();
    let (collection, revlog_before, answered) = studied_here_from_anki(&env, &python, &db);

    // A package of those cards goes into the collection as the same notes: no copies.
    let back = out.join("back.apkg");
    let r = export_apkg(&env, &db, &back);
    assert!(r.stderr.contains("--into"), "{}", r.stderr);
    let copy = out.join("copy.anki2");
    std::fs::copy(&collection, &copy).unwrap();
    let arg = format!("{},{}", copy.display(), back.display());
    let got = anki_side(&env, &python, &["into", &arg]);
    assert_eq!(
        (got["notes"].as_i64(), got["cards"].as_i64()),
        (Some(4), Some(6)),
        "{got}"
    );

    // While Anki has the collection open, nothing is written and the message says why.
    let into = |env: &TestEnv| recall(env, &db, None, &["export", "--into", &collection], "");
    {
        let open = rusqlite::Connection::open(&collection).unwrap();
        open.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
            .unwrap();
        let r = into(&env);
        assert_eq!(r.code, Some(1), "{}", r.stderr);
        assert!(r.stderr.contains("Anki has it open"), "{}", r.stderr);
    }

    // Written into the collection itself: each answer once, however often it runs.
    let r = into(&env);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("{answered} answers added")),
        "{answered}: {}",
        r.stderr
    );
    let r = into(&env);
    assert!(r.stderr.contains("0 answers added"), "{}", r.stderr);
    let got = anki_side(&env, &python, &["look", &collection]);
    assert_eq!(
        (got["notes"].as_i64(), got["cards"].as_i64()),
        (Some(4), Some(6)),
        "{got}"
    );
    assert_eq!(
        got["revlog"].as_i64(),
        Some(revlog_before + answered),
        "{got}"
    );
    assert_eq!(got["check_ok"], true, "{got}");
    assert!(got["pending_sync"].as_i64().unwrap() > 0, "{got}");
    // Each card Anki has carries recall's count of answers, memory state and due day.
    let listed = recall(&env, &db, None, &["export", "--json", "/dev/stdout"], "");
    let here: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    let summary = |cards: &serde_json::Value| -> Vec<(i64, i64, i64)> {
        (cards.as_array().unwrap().iter())
            .map(|c| {
                let s = c["stability"].as_f64().unwrap_or(0.0);
                let day = c["due_at"].as_f64().map(|d| (d / 86_400.0).round());
                (
                    c["reps"].as_i64().unwrap(),
                    (s * 100.0).round() as i64,
                    day.unwrap_or(-1.0) as i64,
                )
            })
            .collect()
    };
    // recall's own due times (ms) for the same cards, as `due_at` in seconds.
    let mut cards_here = here["cards"].clone();
    for c in cards_here.as_array_mut().unwrap() {
        let due = c["due"].as_f64().map(|d| d / 1000.0);
        c["due_at"] = serde_json::json!(due);
    }
    let mut recall_side = summary(&cards_here);
    let mut anki_side_ = summary(&got["card_list"]);
    recall_side.sort();
    anki_side_.sort();
    assert_eq!(recall_side, anki_side_, "{got}\n{here}");
}

#[test]
fn a_card_studied_in_anki_after_here_keeps_anki_schedule_and_both_answers() {
    let Some(python) = anki_python() else { return };
    let env = TestEnv::new();
    let db = env.db();
    let (collection, revlog_before, answered) = studied_here_from_anki(&env, &python, &db);
    // Anki, not knowing of those answers, studies its due cards after them.
    let studied = anki_side(&env, &python, &["study", &collection])["answered"]
        .as_i64()
        .unwrap();
    assert!(studied > 0);
    let r = recall(&env, &db, None, &["export", "--into", &collection], "");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("{studied} cards studied in Anki since")),
        "{}",
        r.stderr
    );
    let got = anki_side(&env, &python, &["look", &collection]);
    assert_eq!(
        got["revlog"].as_i64(),
        Some(revlog_before + answered + studied),
        "{got}"
    );
    assert_eq!(got["check_ok"], true, "{got}");
}

#[test]
fn images_and_sounds_of_cards_from_anki_come_in_and_go_back_as_media() {
    let Some(python) = anki_python() else { return };
    let env = TestEnv::new();
    let out = env.path("anki");
    std::fs::create_dir_all(&out).unwrap();
    anki_side(&env, &python, &["media", out.to_str().unwrap()]);
    for package in ["media.apkg", "media-legacy.apkg"] {
        let db = env.path(&format!("{package}.db"));
        let r = recall(
            &env,
            &db,
            None,
            &["import-anki", out.join(package).to_str().unwrap()],
            "",
        );
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        assert!(r.stdout.contains("2 media files kept in"), "{}", r.stdout);
        // Kept beside the database, byte for byte; only what the notes name.
        let folder = db.with_extension("media");
        let cat = std::fs::read(folder.join("cat.png")).unwrap();
        assert_eq!(cat.len(), 256 * 40);
        assert!(folder.join("hallo.mp3").is_file());
        assert!(!folder.join("unused.png").exists());
        let shown = recall(&env, &db, None, &["list"], "").stdout;
        assert!(shown.contains("[image: cat.png]"), "{shown}");
        // Back to Anki with the card: the note names them and the package holds them.
        let back = out.join(format!("back-{package}"));
        let r = recall(
            &env,
            &db,
            None,
            &["export", "--apkg", back.to_str().unwrap()],
            "",
        );
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        let got = anki_side(&env, &python, &["read", back.to_str().unwrap()]);
        assert_eq!(
            got["media"],
            serde_json::json!({"cat.png": true, "hallo.mp3": true}),
            "{package}: {got}"
        );
        let fields = &got["card_list"][0]["fields"];
        assert!(
            fields[0]
                .as_str()
                .unwrap()
                .contains("<img src=\"cat.png\">"),
            "{fields}"
        );
        assert!(
            fields[1].as_str().unwrap().contains("[sound:hallo.mp3]"),
            "{fields}"
        );
    }
}

#[test]
fn a_collection_just_imported_takes_nothing_back() {
    let Some(python) = anki_python() else { return };
    let env = TestEnv::new();
    let db = env.db();
    let (collection, revlog_before, _) = imported_from_anki(&env, &python, &db, false);
    let before = anki_side(&env, &python, &["look", &collection]);
    let r = recall(&env, &db, None, &["export", "--into", &collection], "");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("0 answers added") && r.stderr.contains("0 cards given"),
        "{}",
        r.stderr
    );
    let got = anki_side(&env, &python, &["look", &collection]);
    assert_eq!(got["revlog"].as_i64(), Some(revlog_before), "{got}");
    assert_eq!(got["card_list"], before["card_list"]);
}

#[test]
fn cards_made_here_and_sent_to_anki_take_later_answers_into_it() {
    let Some(python) = anki_python() else { return };
    let env = TestEnv::new();
    let db = studied(&env);
    let package = env.path("mine.apkg");
    export_apkg(&env, &db, &package);
    // A collection of the learner's own, which takes recall's package.
    let out = env.path("anki");
    std::fs::create_dir_all(&out).unwrap();
    let made = anki_side(&env, &python, &["write", out.to_str().unwrap()]);
    let collection = made["collection"].as_str().unwrap().to_string();
    let arg = format!("{collection},{}", package.display());
    let before = anki_side(&env, &python, &["into", &arg])["revlog"]
        .as_i64()
        .unwrap();
    // Studied here since: every card due now.
    let r = recall(
        &env,
        &db,
        None,
        &["review", "--no-sync"],
        &"\n3\n".repeat(40),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let answered = r.stdout.matches("Good").count() as i64;
    let r = recall(&env, &db, None, &["export", "--into", &collection], "");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        !r.stderr.contains("not in any Anki collection"),
        "{}",
        r.stderr
    );
    let got = anki_side(&env, &python, &["look", &collection]);
    assert!(
        got["revlog"].as_i64().unwrap() > before,
        "{answered} {}\n{got}",
        r.stderr
    );
    assert_eq!(got["check_ok"], true, "{got}");
}
