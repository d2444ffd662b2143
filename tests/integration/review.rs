//! `recall review` in plain line mode (no terminal) through the built binary.

use crate::util::{python_deck, run_with_input, Run, TestEnv, BUNDLED_CARDS};
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

/// 09:00 on 2026-11-24 at UTC+1.
const MORNING: &str = "2026-11-24T09:00:00+01:00";

/// Runs `recall --db test.db review ARGS` at `now` with `input` on stdin.
pub(crate) fn review(env: &TestEnv, now: &str, args: &[&str], input: &str) -> Run {
    let db = env.db();
    let mut all = vec!["--db", db.to_str().unwrap(), "review"];
    all.extend_from_slice(args);
    let mut child = env
        .command(&all)
        .env("RECALL_NOW", now)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // recall may finish without reading it all (nothing to review): a closed pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    Run::from(child.wait_with_output().unwrap())
}

fn reviews(env: &TestEnv) -> Vec<(i64, i64, Option<i64>)> {
    let c = env.sql();
    let mut s = c
        .prepare("SELECT card_id, rating, undone_at FROM reviews ORDER BY id")
        .unwrap();
    s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn state(env: &TestEnv, card_id: i64) -> Option<(String, i64)> {
    env.sql()
        .query_row(
            "SELECT state, due FROM card_state WHERE card_id = ?1",
            [card_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ok()
}

/// A deck of small cards, imported.
pub(crate) fn deck(env: &TestEnv, name: &str, cards: usize) {
    let mut text = String::new();
    for i in 1..=cards {
        text.push_str(&format!("- question {i}\n\t- answer {i}\n"));
    }
    let p = env.write(&format!("{name}.md"), text);
    let r = env.recall(&["import", p.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn the_first_review_imports_the_bundled_deck_and_saves_each_answer() {
    let env = TestEnv::new();
    // The default database, as on a fresh machine.
    let mut child = env
        .command(&["review"])
        .env("RECALL_NOW", MORNING)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"\n3\n").unwrap();
    let r = Run::from(child.wait_with_output().unwrap());
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let deck = env.path("xdg-data/recall/decks/python.md");
    assert!(r.stdout.starts_with(&format!(
        "Your collection is empty, so recall imported its bundled deck `python` ({BUNDLED_CARDS} cards) from {}.",
        deck.display()
    )));
    assert!(r.stdout.contains("── python › from library › functools   (new 20 · learning 0 · review 0)\nwraps\nforward the source function name, metadata to wrapper\n1 Again 1m · 2 Hard 6m · 3 Good 10m · 4 Easy 6d\n"), "{}", r.stdout);
    assert!(r.stdout.contains("Done: 1 card in"), "{}", r.stdout);
    assert!(
        r.stdout.ends_with("Next card due: 2026-11-24 09:10.\n"),
        "{}",
        r.stdout
    );
    let c = rusqlite::Connection::open(env.path("xdg-data/recall/recall.db")).unwrap();
    let (rating, state, due): (i64, String, i64) = c
        .query_row("SELECT r.rating, s.state, s.due FROM reviews r JOIN card_state s ON s.card_id = r.card_id", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    // Good on a new card: Anki's second learning step, ten minutes on.
    let due_at = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:10:00+01:00")
        .unwrap()
        .timestamp_millis();
    // (The clock runs on from RECALL_NOW while the session does.)
    assert_eq!((rating, state.as_str()), (3, "learning"));
    assert!(
        (0..5_000).contains(&(due - due_at)),
        "due {due}, not {due_at}"
    );
}

#[test]
fn end_of_input_ends_cleanly_keeping_every_answer() {
    let env = TestEnv::one_learning_step();
    deck(&env, "d", 5);
    let r = review(&env, MORNING, &[], "\n3\n\n4\n\n");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(reviews(&env), [(1, 3, None), (2, 4, None)]);
    assert!(r.stdout.contains("Done: 2 cards in"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("Left for today: 3 new, 0 learning, 0 review"),
        "{}",
        r.stdout
    );
}

#[test]
fn again_comes_back_in_the_same_session() {
    let env = TestEnv::one_learning_step();
    deck(&env, "d", 2);
    let r = review(&env, MORNING, &[], "\n1\n\n3\n\n3\n");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(reviews(&env), [(1, 1, None), (2, 3, None), (1, 3, None)]);
    let shown: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("question"))
        .collect();
    assert_eq!(shown, ["question 1", "question 2", "question 1"]);
    assert_eq!(state(&env, 1).unwrap().0, "review");
}

#[test]
fn undo_takes_the_last_answer_back() {
    let env = TestEnv::one_learning_step();
    deck(&env, "d", 2);
    let r = review(&env, MORNING, &[], "\n1\nu\n\n3\nq\n");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("Undone: the last answer is taken back."));
    let log = reviews(&env);
    assert_eq!(log.len(), 2, "the log keeps the undone answer: {log:?}");
    assert!(log[0].2.is_some(), "marked undone");
    assert_eq!(
        (log[1].0, log[1].1, log[1].2),
        (1, 3, None),
        "card 1 was shown again and graded"
    );
    assert_eq!(state(&env, 1).unwrap().0, "review");
    // Nothing to undo at the start.
    let r = review(&env, MORNING, &[], "u\nq\n");
    assert!(r.stdout.contains("Nothing to undo."), "{}", r.stdout);
}

#[test]
fn suspend_and_bury() {
    let env = TestEnv::new();
    deck(&env, "d", 3);
    let r = review(&env, MORNING, &[], "s\n\nb\nq\n");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let (suspended, buried): (i64, Option<i64>) = env
        .sql()
        .query_row("SELECT (SELECT suspended FROM cards WHERE id = 1), (SELECT buried_until FROM cards WHERE id = 2)", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(suspended, 1);
    assert!(buried.is_some());
    // Today only card 3 is left; tomorrow the buried card is back, the suspended one is not.
    let r = review(&env, MORNING, &[], "q\n");
    assert!(
        r.stdout.contains("question 3") && !r.stdout.contains("question 2"),
        "{}",
        r.stdout
    );
    let r = review(&env, "2026-11-25T09:00:00+01:00", &[], "q\n");
    assert!(r.stdout.contains("question 2"), "{}", r.stdout);
    assert!(!r.stdout.contains("question 1"), "{}", r.stdout);
}

#[test]
fn undo_after_suspend_or_bury_takes_that_back() {
    let env = TestEnv::new();
    deck(&env, "d", 3);
    let r = review(&env, MORNING, &[], "s\nu\nb\nu\nq\n");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout
            .contains("Undone: the suspend is taken back. Shown again: question 1"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("Undone: the bury is taken back. Shown again: question 1"),
        "{}",
        r.stdout
    );
    let (suspended, buried): (i64, i64) = env
        .sql()
        .query_row(
            "SELECT SUM(suspended), COUNT(buried_until) FROM cards",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((suspended, buried), (0, 0));
    // Nothing was answered; every card is still left for today.
    assert!(
        r.stdout
            .contains("Left for today: 3 new, 0 learning, 0 review"),
        "{}",
        r.stdout
    );
}

#[test]
fn the_next_card_due_is_one_of_the_decks_asked_for() {
    let env = TestEnv::one_learning_step();
    deck(&env, "first", 1);
    deck(&env, "second", 1);
    review(&env, MORNING, &["first"], "\n3\n"); // due on the 26th
    review(&env, "2026-11-25T09:00:00+01:00", &["second"], "\n3\n"); // due on the 27th
    let later = "2026-11-25T10:00:00+01:00";
    let r = review(&env, later, &["second"], "");
    assert_eq!(
        r.stdout.trim(),
        "Nothing to review now.\nNext card due: 2026-11-27 04:00."
    );
    let r = review(&env, later, &[], "");
    assert!(
        r.stdout.ends_with("Next card due: 2026-11-26 04:00.\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn daily_new_limit_and_deck_filter() {
    let env = TestEnv::one_learning_step();
    deck(&env, "first", 3);
    deck(&env, "second", 3);
    env.write(
        "xdg-config/recall/config.toml",
        "[review]\nnew-per-day = 2\nlearning-steps = [\"1m\"]\n",
    );
    let r = review(&env, MORNING, &["second"], "\n3\n\n3\n\n3\n");
    let shown: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("── ")).collect();
    assert_eq!(shown.len(), 2, "{}", r.stdout);
    assert!(
        shown.iter().all(|l| l.starts_with("── second")),
        "{shown:?}"
    );
    let r = review(&env, MORNING, &[], "");
    assert_eq!(
        r.stdout.trim(),
        "Nothing to review now.\nNext card due: 2026-11-26 04:00.",
        "the day's 2 new cards are used"
    );
}

#[test]
fn five_months_of_answers_follow_fsrs() {
    let env = TestEnv::new();
    deck(&env, "d", 1);
    let fsrs = fsrs::FSRS::new(&[]).unwrap();
    let mut memory: Option<fsrs::MemoryState> = None;
    let mut last_day: Option<u64> = None;
    let mut shown_days = Vec::new();
    let mut lapsed_at = None;
    for day in 0..150u64 {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap() + chrono::Days::new(day);
        let now = format!("{date}T09:00:00+01:00");
        // Good every time, except one Again (then Good once it comes back) at the 4th review.
        let lapse = shown_days.len() == 3 && lapsed_at.is_none();
        let input = if lapse { "\n1\n\n3\n" } else { "\n3\n" };
        let r = review(&env, &now, &["--no-sync"], input);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        if !r.stdout.contains("question 1") {
            continue;
        }
        // What FSRS itself says for the same history (same-day answers: 0 days elapsed).
        let elapsed = last_day.map_or(0, |d| (day - d) as u32);
        let ratings: &[u32] = if lapse { &[1, 3] } else { &[3] };
        for (k, &rating) in ratings.iter().enumerate() {
            let next = fsrs
                .next_states(memory, 0.9, if k == 0 { elapsed } else { 0 })
                .unwrap();
            memory = Some(if rating == 1 {
                next.again.memory
            } else {
                next.good.memory
            });
        }
        let stability: f64 = env
            .sql()
            .query_row(
                "SELECT stability FROM card_state WHERE card_id = 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            (stability - f64::from(memory.unwrap().stability)).abs() < 1e-3,
            "day {day}: {stability} vs {memory:?}"
        );
        if lapse {
            lapsed_at = Some(shown_days.len());
        }
        shown_days.push(day);
        last_day = Some(day);
    }
    let gaps: Vec<u64> = shown_days.windows(2).map(|w| w[1] - w[0]).collect();
    let lapse = lapsed_at.expect("the card lapsed once");
    assert!(
        gaps[..lapse].windows(2).all(|g| g[1] > g[0]),
        "Good answers space out: {gaps:?}"
    );
    assert!(
        gaps[lapse] < gaps[lapse - 1],
        "the interval after Again is shorter: {gaps:?}"
    );
    assert_eq!(
        reviews(&env).len(),
        shown_days.len() + 1,
        "one extra answer: the Again"
    );
}

#[test]
fn kill_9_mid_session_keeps_every_answer_given() {
    let env = TestEnv::new();
    deck(&env, "d", 10);
    let db = env.db();
    let mut child = env
        .command(&["--db", db.to_str().unwrap(), "review"])
        .env("RECALL_NOW", MORNING)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    // Answer three cards, then kill the process while the fourth is on screen.
    stdin.write_all(b"\n3\n\n3\n\n1\n").unwrap();
    stdin.flush().unwrap();
    let mut seen = 0;
    for line in lines.by_ref() {
        if line.unwrap().starts_with("── ") {
            seen += 1;
            if seen == 4 {
                break;
            }
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(reviews(&env), [(1, 3, None), (2, 3, None), (3, 1, None)]);
    let check: String = env
        .sql()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn status_without_a_command() {
    let env = TestEnv::one_learning_step();
    let status = |now: &str| env.recall_at(now, &[]);
    env.empty_db();
    let r = status(MORNING);
    assert_eq!(r.code, Some(0));
    assert_eq!(
        r.stdout,
        "recall: no cards yet.\nRun `recall review` to start with the bundled deck, or `recall import NOTES.md`.\n"
    );
    deck(&env, "d", 30);
    review(&env, MORNING, &[], "\n3\n\n3\n");
    assert_eq!(
        status(MORNING).stdout,
        "Today: 0 due, 18 new · 2 answered · streak 1 day\n  d: 0 due, 28 unseen, 30 cards\n10 unseen cards wait for later days: the daily limits (`new-per-day` is 20; `recall config` shows where to change it).\nRun `recall review` to study.\n"
    );
    // Two days later both cards are due; yesterday was missed, so the streak is over.
    assert_eq!(
        status("2026-11-26T09:00:00+01:00").stdout,
        "Today: 2 due, 20 new · 0 answered · streak 0 days\n  d: 2 due, 28 unseen, 30 cards\n8 unseen cards wait for later days: the daily limits (`new-per-day` is 20; `recall config` shows where to change it).\nRun `recall review` to study.\n"
    );
}

#[test]
fn decks_and_import_read_the_time_from_recall_now() {
    let env = TestEnv::one_learning_step();
    deck(&env, "d", 3);
    review(&env, MORNING, &[], "\n3\nq\n"); // card 1 Good: due on the 26th
    let decks_at = |now: &str| env.recall_at(now, &["decks"]).stdout;
    // The wall clock is past the 26th; RECALL_NOW says it is the 25th, then the 27th.
    assert!(decks_at("2026-11-25T09:00:00+01:00").contains("d          2       0       3"));
    assert!(decks_at("2026-11-27T09:00:00+01:00").contains("d          2       1       3"));
    // An import at a given time stamps the deck with it.
    let p = env.write("e.md", "- q\n\t- a\n");
    let r = env.recall_at(MORNING, &["import", p.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let created: i64 = env
        .sql()
        .query_row("SELECT created_at FROM decks WHERE name = 'e'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let morning = chrono::DateTime::parse_from_rfc3339(MORNING)
        .unwrap()
        .timestamp_millis();
    assert!((morning..morning + 60_000).contains(&created), "{created}");
}

#[test]
fn the_status_line_says_how_many_due_cards_today_holds_back() {
    let env = TestEnv::one_learning_step();
    env.write(
        "xdg-config/recall/config.toml",
        "[review]\nreviews-per-day = 1\nlearning-steps = [\"1m\"]\n",
    );
    deck(&env, "d", 2);
    review(&env, MORNING, &[], "\n3\n\n3\n"); // both due on the 26th
    let r = env.recall_at("2026-11-26T09:00:00+01:00", &[]);
    assert!(
        r.stdout
            .starts_with("Today: 1 due (+1 more due, held back today), 0 new"),
        "{}",
        r.stdout
    );
}

#[test]
fn due_lists_decks_by_when_cards_come_due() {
    let env = TestEnv::one_learning_step();
    deck(&env, "d", 3);
    let r = env.recall(&["due"]);
    assert_eq!(
        r.stdout.trim(),
        "No studied cards yet: `recall review` to start."
    );
    review(&env, MORNING, &[], "\n3\n\n1\n\n3\nq\n"); // card 1 Good (2 days), card 2 Again (1 min)
    let r = env.recall_at(MORNING, &["due", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let d = &v["decks"][0];
    assert_eq!(
        (
            d["name"].as_str(),
            d["now"].as_i64(),
            d["later_today"].as_i64()
        ),
        (Some("d"), Some(0), Some(1))
    );
}

#[test]
fn suspend_and_unsuspend_by_id_or_text() {
    let env = TestEnv::new();
    deck(&env, "d", 3);
    let r = env.recall(&["suspend", "1", "question 3"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "suspended              1 [d] question 1\nsuspended              3 [d] question 3\nSuspended 2 cards.\n"
    );
    let r = review(&env, MORNING, &[], "q\n");
    assert!(
        r.stdout
            .contains("(new 1 · learning 0 · review 0)\nquestion 2"),
        "only card 2 is left: {}",
        r.stdout
    );
    // Text that matches several cards: listed, and nothing done without --all.
    let r = env.recall(&["unsuspend", "question"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(
        r.stderr
            .starts_with("recall: \"question\" matches 3 cards:\n       1 [d] question 1\n"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("or --all for every one"), "{}", r.stderr);
    // With --all: the count says what changed (card 2 was never suspended).
    let r = env.recall(&["unsuspend", "--all", "question"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout
            .contains("not suspended          2 [d] question 2\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.ends_with("Unsuspended 2 cards.\n"), "{}", r.stdout);
    let r = env.recall(&["suspend", "no such words"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("no card matches \"no such words\""),
        "{}",
        r.stderr
    );
}

#[test]
fn review_by_tag() {
    let env = TestEnv::new();
    let p = env.write("t.md", "- asyncio #concurrency\n\t- event loop\n\t\t- runs tasks\n- GIL\n\t- one thread at a time\n");
    env.recall(&["import", p.to_str().unwrap()]);
    let r = review(&env, MORNING, &["--tag", "concurrency"], "q\n");
    assert!(
        r.stdout
            .contains("(new 1 · learning 0 · review 0)\nevent loop"),
        "{}",
        r.stdout
    );
    // A tag no card has is a mistake, said with the closest tags.
    let r = review(&env, MORNING, &["--tag", "concurency"], "");
    assert_eq!(r.code, Some(1));
    assert_eq!(
        r.stderr,
        "recall: no card has the tag `concurency`; did you mean `concurrency`?\n"
    );
    // `recall list --tag` finds the tag's cards; a tag far from any says which there are.
    let r = env.recall(&["list", "--tag", "concurrency"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("] event loop"), "{}", r.stdout);
    assert!(!r.stdout.contains("GIL"), "{}", r.stdout);
    assert!(r.stdout.ends_with("1 card\n"), "{}", r.stdout);
    let r = env.recall(&["list", "--tag", "zzz"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(
        r.stderr,
        "recall: no card has the tag `zzz`; tags in use: concurrency\n"
    );
}

#[test]
fn e_edits_the_note_at_the_card_and_reimports_it() {
    // Also a note whose name holds control characters: shown escaped, opened as it is.
    for name in ["d", "d\u{1b}[2J\u{7}"] {
        edit_during_a_review(name);
    }
}

fn edit_during_a_review(name: &str) {
    let env = TestEnv::one_learning_step();
    deck(&env, name, 2);
    // An "editor" that checks it was sent to the card's line, then edits the answer.
    let editor = env.write(
        "editor.sh",
        "#!/bin/sh\n[ \"$1\" = \"+1\" ] || exit 3\nsed -i 's/answer 1/answer one, edited/' \"$2\"\n",
    );
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let db = env.db();
    let mut child = env
        .command(&["--db", db.to_str().unwrap(), "review"])
        .env("RECALL_NOW", MORNING)
        .env("EDITOR", &editor)
        .env_remove("VISUAL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"e\n\n3\n").unwrap();
    let r = Run::from(child.wait_with_output().unwrap());
    assert_eq!(r.code, Some(0), "{name:?}: {}", r.stderr);
    assert!(
        r.stdout
            .contains("Note re-imported: 0 added, 1 updated, 0 reworded, 0 retired."),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("question 1\nanswer one, edited\n"),
        "the card is shown as edited: {}",
        r.stdout
    );
    assert_eq!(reviews(&env), [(1, 3, None)], "same card id, answered once");
}

#[test]
fn cram_practises_cards_that_are_not_due_and_changes_nothing() {
    let env = TestEnv::one_learning_step();
    deck(&env, "d", 2);
    review(&env, MORNING, &[], "\n3\n\n3\n"); // both studied, due in 2 days
    let before = (reviews(&env), state(&env, 1), state(&env, 2));
    let r = review(&env, MORNING, &["--cram"], "\n1\n\n3\n\n3\n");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let shown: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("question"))
        .collect();
    assert_eq!(
        shown,
        ["question 1", "question 2", "question 1"],
        "Again still comes back"
    );
    // Visibly cram: a banner, no intervals on the buttons, no suspend or bury, and a summary
    // that says nothing of what is left today.
    assert!(
        r.stdout.starts_with(
            "CRAM: practising 2 cards — no answer is recorded, no schedule changes.\n"
        ),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("(CRAM · 1 left)"), "{}", r.stdout);
    // A card known (Good) is done for the cram: the count goes down, not stuck.
    let left: Vec<&str> = (r.stdout.lines())
        .filter_map(|l| l.split("(CRAM · ").nth(1))
        .collect();
    assert_eq!(left, ["2 left)", "2 left)", "1 left)"], "{}", r.stdout);
    assert!(
        r.stdout.contains("\n1 Again · 2 Hard · 3 Good · 4 Easy\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.ends_with(
            "\nCram: practised 2 cards (3 answers); nothing was recorded, no schedule changed.\n"
        ),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("Left for today"), "{}", r.stdout);
    let r = review(&env, MORNING, &["--cram"], "s\nb\nq\n");
    assert!(
        r.stdout
            .contains("Cram: nothing is suspended or buried (a cram session changes nothing)."),
        "{}",
        r.stdout
    );
    assert_eq!((reviews(&env), state(&env, 1), state(&env, 2)), before);
    let suspended: i64 = env
        .sql()
        .query_row("SELECT count(*) FROM cards WHERE suspended = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(suspended, 0);
}

#[test]
fn typed_answers_are_compared_and_graded() {
    let env = TestEnv::new();
    deck(&env, "d", 3);
    // Card 1: close but not exact → Hard proposed, accepted with Enter. Card 2: exact → Good,
    // overridden with 4. Card 3: Enter alone shows the answer as usual, graded 1.
    let r = review(&env, MORNING, &["--type"], "answr 1\n\nAnswer 2\n4\n\n1\n");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.contains("answer 1\nyours: answ[-e-]r 1\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("[Enter] Hard · or 1-4"), "{}", r.stdout);
    assert!(r.stdout.contains("[Enter] Good · or 1-4"), "{}", r.stdout);
    assert_eq!(reviews(&env), [(1, 2, None), (2, 4, None), (3, 1, None)]);
}

#[test]
fn reset_makes_a_card_new_again_and_logs_it() {
    let env = TestEnv::one_learning_step();
    deck(&env, "d", 2);
    review(&env, MORNING, &[], "\n3\n\n3\n");
    assert_eq!(state(&env, 1).unwrap().0, "review");
    let r = env.recall(&["reset", "question 1"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout, "reset                  1 [d] question 1\n");
    assert_eq!(state(&env, 1), None, "new again");
    assert_eq!(reviews(&env).len(), 2, "its reviews stay in the log");
    let resets: i64 = env
        .sql()
        .query_row("SELECT COUNT(*) FROM resets WHERE card_id = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(resets, 1);
    // It comes up as a new card the next day.
    let r = review(&env, "2026-11-25T09:00:00+01:00", &[], "q\n");
    assert!(
        r.stdout
            .contains("(new 1 · learning 0 · review 0)\nquestion 1"),
        "{}",
        r.stdout
    );
}

#[test]
fn per_deck_new_limits_cap_a_deck_and_its_sub_decks() {
    let env = TestEnv::one_learning_step();
    for name in ["lang/python", "lang/rust", "other"] {
        let mut text = String::new();
        for i in 1..=5 {
            text.push_str(&format!("- {name} question {i}\n\t- answer {i}\n"));
        }
        env.write(&format!("vault/{name}.md"), text);
    }
    env.recall(&["import", "vault"]);
    env.write(
        "xdg-config/recall/config.toml",
        "[review]\nnew-per-day = 8\nlearning-steps = [\"1m\"]\n\n[decks.\"vault/lang\"]\nnew-per-day = 3\n\n[decks.\"vault/lang/rust\"]\nnew-per-day = 1\n",
    );
    let r = review(&env, MORNING, &[], "\n3\n".repeat(20).as_str());
    let decks: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("── "))
        .map(|l| l.split(' ').nth(1).unwrap())
        .collect();
    // lang: 3 in all, of which rust at most 1 (python comes first in deck order); then other.
    assert_eq!(
        decks,
        [
            "vault/lang/python",
            "vault/lang/python",
            "vault/lang/python",
            "vault/other",
            "vault/other",
            "vault/other",
            "vault/other",
            "vault/other"
        ],
        "{}",
        r.stdout
    );
    // Later the same day the caps still hold: only what the global limit leaves elsewhere.
    let r = review(&env, MORNING, &[], "q\n");
    assert!(
        r.stdout.starts_with("Nothing to review now."),
        "{}",
        r.stdout
    );
}

#[test]
fn stats_after_a_few_days_of_review() {
    let env = TestEnv::one_learning_step();
    deck(&env, "d", 4);
    review(
        &env,
        "2026-11-22T09:00:00+01:00",
        &[],
        "\n3\n\n3\n\n1\n\n3\n\n3\n",
    ); // 4 new, one Again
    review(
        &env,
        "2026-11-24T09:00:00+01:00",
        &[],
        "\n3\n\n1\n\n3\n\n3\n\nq\n",
    );
    let stats = |args: &[&str]| {
        let mut all = vec!["stats"];
        all.extend_from_slice(args);
        env.recall_at("2026-11-24T20:00:00+01:00", &all)
    };
    let r = stats(&["--json", "--days", "7"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let s = &v["stats"];
    assert_eq!(s["today_date"], "2026-11-24");
    assert_eq!(s["history"]["days"].as_array().unwrap().len(), 7);
    let answers: Vec<i64> = s["history"]["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["answers"].as_i64().unwrap())
        .collect();
    assert_eq!(answers, [0, 0, 0, 0, 5, 0, 4]);
    // Every answer of these days under its button: 9 in all, 4 of them today (one Again).
    let buttons = &s["history"]["buttons"];
    let sum = |row: &str| -> i64 {
        buttons[row]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_i64().unwrap())
            .sum()
    };
    assert_eq!(sum("learning") + sum("review"), 9, "{buttons}");
    assert!(buttons["review"][0].as_i64().unwrap() + buttons["learning"][0].as_i64().unwrap() >= 1);
    assert_eq!(s["history"]["longest_streak"], 1);
    assert_eq!(s["counts"]["total"]["new"], 0);
    // Today: the three cards due from the 22nd (Good there) were answered 3, 1, 3 (past
    // learning, young); the fourth had come back the same day on the 22nd and was due
    // again: 4 answers, one of them Again.
    assert_eq!(s["today"]["answers"], 4);
    let day = &s["retention"]["periods"][0];
    assert_eq!(
        (
            day["name"].as_str(),
            day["young"]["total"].as_i64(),
            day["young"]["passed"].as_i64()
        ),
        (Some("day"), Some(4), Some(3))
    );
    for key in [
        "today",
        "counts",
        "retention",
        "forecast",
        "history",
        "memory",
        "hardest",
    ] {
        assert!(!s[key].is_null(), "{key}");
    }
    let r = stats(&[]);
    assert!(
        r.stdout.starts_with("recall stats · 2026-11-24\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("Retention  true retention (desired 90%)"),
        "{}",
        r.stdout
    );
    // Date ticks under the sparklines: the history's thirty days, the forecast's.
    assert!(
        r.stdout
            .contains("\n           10-26  11-02  11-09  11-16\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("\n           11-24  12-01  12-08  12-15\n"),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.contains('\u{1b}'),
        "no escape codes when not on a terminal"
    );
}

#[test]
fn the_html_report_renders_in_a_headless_browser() {
    let env = TestEnv::new();
    let p = env.write(
        "x.md",
        "- `<script>alert('x')</script>` & co\n\t- an answer\n- second\n\t- answer\n",
    );
    env.recall(&["import", p.to_str().unwrap()]);
    review(&env, MORNING, &[], "\n1\n\n3\n\n3\n");
    let report = env.path("report.html");
    let r = env.recall_at(MORNING, &["stats", "--html", report.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(
        html.contains("&lt;script&gt;alert('x')&lt;/script&gt;") && html.contains(" &amp; co"),
        "card text escaped"
    );
    assert!(!html.contains("<script"), "no script at all in the report");
    assert!(html.contains("<svg") && html.contains("True retention"));
    // Numbers stand right-aligned in the tables.
    assert!(html.contains("td.n,th.n{text-align:right"));
    assert!(html.contains("<td class=\"n\">"), "numeric cells marked");
    // History by card state, the calendar, and something said where there is nothing.
    assert!(html.contains("answers per day by card state") && html.contains("st-learn"));
    assert!(
        html.contains("No lapses yet, so no leeches."),
        "empty state"
    );
    assert!(
        html.contains("No reviews of studied cards yet"),
        "no week's retention yet"
    );

    let Some(chromium) = crate::util::chromium_or_skip() else {
        return;
    };
    let png = env.path("report.png");
    let out = std::process::Command::new(chromium)
        .args(crate::util::BROWSER_FLAGS)
        .arg("--window-size=1000,2400")
        .arg(format!("--user-data-dir={}", env.path("chrome").display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", report.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (size, px) = crate::util::screenshot_pixels(&png);
    assert_eq!(size, (1000, 2400));
    // Not blank: a good share of pixels is not background white, and the chart blue is there.
    let ink = px.iter().filter(|p| p[..3] != [255, 255, 255]).count();
    assert!(ink * 100 > px.len(), "{ink} of {} pixels drawn", px.len());
    let blue = px.iter().filter(|p| p[2] > 180 && p[0] < 120).count();
    assert!(blue > 500, "the bar charts are drawn ({blue} blue pixels)");
    // The year's calendar has its cells (the empty days' grey, 12 × 12 pixels each) and the
    // charts their axes (the axis grey) and grid lines.
    std::fs::copy(&png, std::env::temp_dir().join("recall-report-test.png")).ok();
    let of = |rgb: [u8; 3]| px.iter().filter(|p| p[..3] == rgb).count();
    let empty_days = of([0xe8, 0xea, 0xee]);
    assert!(
        empty_days > 300 * 100,
        "{empty_days} pixels of empty calendar days"
    );
    let axes = of([0x88, 0x88, 0x88]);
    assert!(axes > 100, "{axes} pixels of value axes");
    let grid = of([0xd0, 0xd0, 0xd0]);
    assert!(grid > 2 * 3 * 500, "{grid} pixels of grid lines");
}

#[test]
fn the_sync_before_a_review_keeps_each_files_import_flags() {
    let env = TestEnv::new();
    let p = env.write("n.md", "- q1\n\t- a **bold** answer\n");
    let r = env.recall(&["import", "--no-bold-cloze", p.to_str().unwrap()]);
    assert!(
        r.stdout.starts_with("Imported 1 file; cards: 1 added"),
        "{}",
        r.stdout
    );
    // The note changes; the review's sync imports it again, still without bold clozes.
    env.write(
        "n.md",
        "- q1\n\t- a **bold** answer, edited\n- q2 with **bold**\n\t- a2\n",
    );
    let r = review(&env, MORNING, &[], "q\n");
    assert!(
        r.stdout.starts_with(
            "Your notes changed: 1 added, 1 updated, 0 reworded, 0 restored, 0 retired."
        ),
        "{}",
        r.stdout
    );
    let kinds: Vec<String> = {
        let c = env.sql();
        let mut s = c.prepare("SELECT kind FROM cards ORDER BY id").unwrap();
        s.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(
        kinds,
        ["basic", "basic"],
        "no cloze cards: the file was imported with --no-bold-cloze"
    );
}

#[test]
fn an_answer_waits_for_another_recalls_write_and_says_so() {
    let env = TestEnv::new();
    env.recall(&["import", python_deck().to_str().unwrap()]);
    // Another process holds the write lock for two seconds (an import writing).
    let holder = env.sql();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(2));
        holder.execute_batch("COMMIT").unwrap();
    });
    let db = env.db();
    let mut cmd = env.command(&[
        "--db",
        db.to_str().unwrap(),
        "review",
        "--plain",
        "--no-sync",
    ]);
    let r = run_with_input(&mut cmd, "\n3\nq\n");
    release.join().unwrap();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("waiting for another recall to finish writing"),
        "{}",
        r.stderr
    );
    let answers: i64 = env
        .sql()
        .query_row("SELECT count(*) FROM reviews", [], |r| r.get(0))
        .unwrap();
    assert_eq!(answers, 1, "the answer was saved once the lock was free");
}

#[test]
fn a_new_card_goes_through_the_learning_steps_before_it_graduates() {
    let env = TestEnv::new();
    deck(&env, "d", 1);
    // Good: its second step (ten minutes); nothing else is left, so it is shown again now;
    // Good again: it graduates with FSRS's interval.
    let r = review(&env, MORNING, &[], "\n3\n\n3\n");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let buttons: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("1 Again"))
        .collect();
    assert_eq!(
        buttons[0], "1 Again 1m · 2 Hard 6m · 3 Good 10m · 4 Easy 6d",
        "{}",
        r.stdout
    );
    assert_eq!(buttons.len(), 2, "{}", r.stdout);
    assert!(
        buttons[1].starts_with("1 Again 1m · 2 Hard 10m · 3 Good ") && buttons[1].ends_with('d'),
        "the last step: Good graduates: {}",
        buttons[1]
    );
    let (phase, due) = state(&env, 1).unwrap();
    assert_eq!(phase, "review");
    let morning = chrono::DateTime::parse_from_rfc3339(MORNING).unwrap();
    assert!(
        due > morning.timestamp_millis() + 86_400_000 / 2,
        "a day or more"
    );
    // A lapse goes through the relearning step.
    let lapse_day = "2026-12-30T09:00:00+01:00";
    let r = review(&env, lapse_day, &[], "\n1\n");
    assert!(r.stdout.contains("1 Again 10m · 2 Hard "), "{}", r.stdout);
    assert_eq!(state(&env, 1).unwrap().0, "relearning");
    // Its relearning answer counts as relearn in the statistics, as Anki's history has it.
    let a_minute_on = "2026-12-30T09:01:00+01:00";
    review(&env, a_minute_on, &[], "\n3\n");
    let s: serde_json::Value =
        serde_json::from_str(&env.recall_at(a_minute_on, &["stats", "--json"]).stdout).unwrap();
    let today = s["stats"]["history"]["days"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (
            today["answers"].as_i64(),
            today["young"].as_i64(),
            today["relearning"].as_i64()
        ),
        (Some(2), Some(1), Some(1)),
        "{today}"
    );
    let check = env.recall(&["rebuild", "--check"]);
    assert_eq!(check.code, Some(0), "{}{}", check.stdout, check.stderr);
}

#[test]
fn learning_steps_are_settings_and_bad_ones_are_named() {
    let env = TestEnv::new();
    deck(&env, "d", 1);
    env.write(
        "xdg-config/recall/config.toml",
        "[review]\nlearning-steps = [\"5m\", \"1h\"]\n",
    );
    let r = review(&env, MORNING, &[], "\nq\n");
    assert!(
        r.stdout
            .contains("1 Again 5m · 2 Hard 33m · 3 Good 1h · 4 Easy "),
        "{}",
        r.stdout
    );
    env.write(
        "xdg-config/recall/config.toml",
        "[review]\nlearning-steps = [\"5 minutes\"]\n",
    );
    let r = review(&env, MORNING, &[], "q\n");
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("config.toml:2: `5 minutes` is not a step"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_cloze_answer_shows_the_whole_sentence_with_the_answer_marked() {
    let env = TestEnv::new();
    let p = env.write(
        "c.md",
        "- {{c1::Pearson's r}} measures a {{c1::linear}} fit\n- the **GIL** guards the state\n",
    );
    assert_eq!(env.recall(&["import", p.to_str().unwrap()]).code, Some(0));
    let r = review(&env, MORNING, &[], "\n3\n\nq\n");
    assert!(
        r.stdout
            .contains("[…] measures a […] fit\n[Pearson's r] measures a [linear] fit\n1 Again"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("the […] guards the state\nthe [GIL] guards the state\n1 Again"),
        "{}",
        r.stdout
    );
}

#[test]
fn plain_mode_shows_card_text_as_it_reads_without_markup() {
    let env = TestEnv::new();
    let p = env.write(
        "m.md",
        "- `asyncio` notes\n\t- What does `gather` return?\n\t\t- a **list** of results\n",
    );
    assert_eq!(env.recall(&["import", p.to_str().unwrap()]).code, Some(0));
    let r = review(&env, MORNING, &[], "\nq\n");
    assert!(
        r.stdout.contains(
            "── m › asyncio notes   (new 1 · learning 0 · review 0)\nWhat does gather return?\na list of results\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.contains("**") && !r.stdout.contains("`gather`"),
        "{}",
        r.stdout
    );
}

#[test]
fn bury_and_suspend_say_which_card_and_how_to_take_it_back() {
    let env = TestEnv::new();
    deck(&env, "d", 3);
    let r = review(&env, MORNING, &[], "b\ns\nq\n");
    assert!(
        r.stdout
            .contains("Buried card 1 (question 1) until tomorrow · u undoes it"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("Suspended card 2 (question 2) · u or `recall unsuspend 2` undoes it"),
        "{}",
        r.stdout
    );
}

#[test]
fn an_unknown_deck_is_an_error_naming_the_closest_ones() {
    let env = TestEnv::new();
    deck(&env, "python", 2);
    deck(&env, "rust", 1);
    for cmd in [
        ["review", "pyton"],
        ["stats", "pyton"],
        ["list", "pyton"],
        ["due", "pyton"],
    ] {
        let r = env.recall_at(MORNING, &cmd);
        assert_eq!(r.code, Some(1), "{cmd:?}: {}", r.stderr);
        assert_eq!(
            r.stderr, "recall: no deck `pyton`; did you mean `python`?\n",
            "{cmd:?}"
        );
    }
    let r = env.recall(&["list", "zzz"]);
    assert!(
        r.stderr
            .contains("no deck `zzz`; `recall decks` lists them"),
        "{}",
        r.stderr
    );
    // Decks are given alike everywhere: `recall list DECK` as `recall review DECK`, a
    // trailing slash or not.
    for name in ["rust", "rust/"] {
        let r = env.recall(&["list", name]);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        assert!(r.stdout.ends_with("1 card\n"), "{name}: {}", r.stdout);
    }
    let r = review(&env, MORNING, &["python/"], "q\n");
    assert!(r.stdout.contains("question 1"), "{}", r.stdout);
}

#[test]
fn an_empty_collections_report_says_what_is_missing_instead_of_empty_charts() {
    let env = TestEnv::new();
    env.empty_db();
    let report = env.path("empty.html");
    let r = env.recall_at(MORNING, &["stats", "--html", report.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let html = std::fs::read_to_string(&report).unwrap();
    for said in [
        "Nothing comes due in the next 30 days.",
        "No answers in these days yet",
        "No studied cards yet: their memory shows",
        "No lapses yet, so no leeches.",
    ] {
        assert!(html.contains(said), "{said}");
    }
    assert!(
        html.contains("heat0"),
        "the year's calendar is drawn all the same"
    );
}

#[test]
fn the_log_and_the_cards_export_as_csv_and_json() {
    let env = TestEnv::one_learning_step();
    deck(&env, "d", 3);
    deck(&env, "other", 1);
    review(&env, MORNING, &["d"], "\n1\n\n3\n\n3\n\n3\n");
    let (csv, json) = (env.path("log.csv"), env.path("cards.json"));
    let r = env.recall(&[
        "export",
        "d",
        "--csv",
        csv.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("4 answers of 3 cards written to"),
        "{}",
        r.stderr
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "card_id,review_time,review_rating,review_state,review_duration"
    );
    // Card 1: Again on a new card (state 0), then Good on it learning (state 1).
    let card1: Vec<(&str, &str)> = lines[1..]
        .iter()
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|f| f[0] == "1")
        .map(|f| (f[2], f[3]))
        .collect();
    assert_eq!(card1, [("1", "0"), ("3", "1")], "{text}");
    assert_eq!(lines.len(), 1 + 4);
    let cards: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let cards = cards["cards"].as_array().unwrap();
    assert_eq!(cards.len(), 3, "only deck d");
    assert_eq!(cards[0]["reviews"].as_array().unwrap().len(), 2);
    assert_eq!(cards[0]["reps"], 2);
    // The CSV is what `optimize --from-csv` reads (too little of it to fit, said so).
    let r = env.recall(&["optimize", "--from-csv", csv.to_str().unwrap()]);
    assert!(
        !r.stderr.contains(".csv:"),
        "read without an error: {}",
        r.stderr
    );
    // One of --csv / --json is needed.
    assert_eq!(env.recall(&["export"]).code, Some(2));
}

#[test]
fn each_grade_button_shows_the_interval_its_answer_gives() {
    let env = TestEnv::new();
    deck(&env, "d", 12);
    // Easy on each new card: it leaves the learning steps with a drawn interval of days.
    let r = review(&env, MORNING, &[], &"\n4\n".repeat(12));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // The study day began at 04:00 (the default day start), local time (UTC+1).
    let day_start = chrono::DateTime::parse_from_rfc3339("2026-11-24T04:00:00+01:00")
        .unwrap()
        .timestamp_millis();
    let lines: Vec<&str> = r.stdout.lines().collect();
    let mut checked = 0;
    for (k, l) in lines.iter().enumerate() {
        let Some(easy) = l
            .strip_prefix("1 Again")
            .and_then(|l| l.rsplit("4 Easy ").next())
        else {
            continue;
        };
        let shown: i64 = easy.trim_end_matches('d').parse().expect(easy);
        // The question is two lines above its buttons (question, answer, buttons).
        let question = lines[k - 2];
        let due: i64 = env
            .sql()
            .query_row(
                "SELECT s.due FROM card_state s JOIN cards c ON c.id = s.card_id WHERE c.question = ?1",
                [question],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(
            (due - day_start) / 86_400_000,
            shown,
            "{question}: {}",
            r.stdout
        );
        checked += 1;
    }
    assert_eq!(checked, 12, "{}", r.stdout);
}

#[test]
fn a_table_in_an_answer_reads_as_aligned_columns() {
    let env = TestEnv::new();
    let notes = env.write(
        "t.md",
        "- Which HTTP status codes mean what? #card\n\t- | code | meaning | class |\n\t  | --- | --- | --- |\n\t  | 404 | Not Found | client |\n\t  | 500 | 内部服务器错误 | server |\n",
    );
    assert_eq!(
        env.recall(&["import", notes.to_str().unwrap()]).code,
        Some(0)
    );
    let r = review(&env, MORNING, &["--plain", "--no-sync"], "\n\n");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let shown = "code │ meaning        │ class\n─────┼────────────────┼───────\n404  │ Not Found      │ client\n500  │ 内部服务器错误 │ server\n";
    assert!(r.stdout.contains(shown), "{}", r.stdout);
}

#[test]
fn question_mark_lists_the_keys_and_the_grade_hint_says_how_to_quit() {
    let env = TestEnv::new();
    let notes = env.write("n.md", "- What is TCP?\n\t- a stream protocol\n");
    assert_eq!(
        env.recall(&["import", notes.to_str().unwrap()]).code,
        Some(0)
    );
    let r = review(&env, MORNING, &["--plain", "--no-sync"], "?\n\n\nq\n");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.contains("Keys: Enter or Space shows the answer"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("q quits, ? lists the keys)"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_whole_deck_is_set_aside_and_back_with_its_sub_decks() {
    let env = TestEnv::new();
    env.write(
        "lang/python.md",
        "- What is the GIL?\n\t- a lock\n- What is a list?\n\t- a sequence\n",
    );
    env.write("lang/rust.md", "- What is a borrow?\n\t- a reference\n");
    env.write("other.md", "- What is TCP?\n\t- a stream protocol\n");
    let lang = env.path("lang");
    let other = env.path("other.md");
    let r = env.recall(&["import", lang.to_str().unwrap(), other.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = env.recall(&["suspend", "--deck", "lang"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout, "Suspended 3 cards.\n");
    let suspended = || -> i64 {
        env.sql()
            .query_row("SELECT COUNT(*) FROM cards WHERE suspended = 1", [], |r| {
                r.get(0)
            })
            .unwrap()
    };
    assert_eq!(suspended(), 3, "the other deck's card stays in review");
    let r = env.recall(&["unsuspend", "--deck", "lang/rust"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(suspended(), 2);
    let r = env.recall(&["suspend", "--deck", "lang/pyton"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("did you mean `lang/python`?"),
        "{}",
        r.stderr
    );
}
