//! One day of reviewing, step by step, through the real binary: after every step the figures
//! each command shows for "today" are the same (`recall`, `decks`, `due`, `stats`, and what a
//! session offers and leaves).

use crate::review::review;
use crate::util::{Run, TestEnv};

/// What each command says is left today: (studied cards due, new cards).
#[derive(Debug, PartialEq, Eq)]
struct Left {
    due: i64,
    new: i64,
}

/// What a session's summary says is left, if it says anything.
fn left_after(session: &Run) -> Option<Left> {
    let line = session
        .stdout
        .lines()
        .find(|l| l.starts_with("Left for today:"))?;
    Some(Left {
        due: number_before(line, "learning") + number_before(line, "review"),
        new: number_before(line, "new"),
    })
}

fn at(env: &TestEnv, now: &str, args: &[&str]) -> Run {
    let r = env.recall_at(now, args);
    assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
    r
}

fn json(r: &Run) -> serde_json::Value {
    serde_json::from_str(&r.stdout).unwrap()
}

/// The numbers after "word" in `text`, e.g. `numbers("3 due, 4 new", &["due", "new"])`.
fn number_before(text: &str, word: &str) -> i64 {
    let at = text
        .find(&format!(" {word}"))
        .unwrap_or_else(|| panic!("no {word:?} in {text:?}"));
    let digits: String = text[..at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().unwrap()
}

/// Every command's figures for today at `now`, asserted equal; returns them.
fn agreed(env: &TestEnv, now: &str, step: &str) -> Left {
    // `recall`: "Today: 3 due, 4 new · …".
    let status = at(env, now, &[]).stdout;
    let line = status.lines().next().unwrap();
    let from_status = Left {
        due: number_before(line, "due"),
        new: number_before(line, "new"),
    };
    // `recall decks --json`: due per deck.
    let decks = json(&at(env, now, &["decks", "--json"]));
    let decks_due: i64 = decks["decks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["due"].as_i64().unwrap())
        .sum();
    // `recall due --json`: now and later today per deck.
    let due = json(&at(env, now, &["due", "--json"]));
    let due_today: i64 = due["decks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["now"].as_i64().unwrap() + d["later_today"].as_i64().unwrap())
        .sum();
    // `recall stats --json`: due now and later today.
    let stats = json(&at(env, now, &["stats", "--json"]));
    let t = &stats["stats"]["today"];
    let stats_due = t["due_now"].as_i64().unwrap() + t["due_later_today"].as_i64().unwrap();
    // A session opened and quit at once: the card it shows and what it says is left.
    let session = review(env, now, &["--plain", "--no-sync"], "q\n").stdout;
    let from_session = if session.starts_with("Nothing to review now.") {
        Left { due: 0, new: 0 }
    } else {
        let left = session
            .lines()
            .find(|l| l.starts_with("Left for today:"))
            .unwrap_or_else(|| panic!("{step}: {session}"));
        Left {
            due: number_before(left, "learning") + number_before(left, "review"),
            new: number_before(left, "new"),
        }
    };
    assert_eq!(
        from_session, from_status,
        "{step}: session vs status\n{session}\n{status}"
    );
    // What is left is what a session shows: on a copy, answer everything Good and count.
    // A consistent copy (the database's write-ahead log included, as a file copy would not).
    let trial = env.path("trial.db");
    for stale in ["trial.db", "trial.db-wal", "trial.db-shm"] {
        let _ = std::fs::remove_file(env.path(stale));
    }
    env.sql().backup(rusqlite::MAIN_DB, &trial, None).unwrap();
    let left = from_status.due + from_status.new;
    let input = "\n3\n".repeat(left as usize + 3);
    let mut cmd = env.command(&[
        "--db",
        trial.to_str().unwrap(),
        "review",
        "--plain",
        "--no-sync",
    ]);
    let r = crate::util::run_with_input(cmd.env("RECALL_NOW", now), &input);
    let shown = r.stdout.lines().filter(|l| l.starts_with("── ")).count() as i64;
    assert_eq!(
        shown, left,
        "{step}: a session shows what is left\n{}",
        r.stdout
    );
    assert_eq!(decks_due, from_status.due, "{step}: decks vs status");
    assert_eq!(due_today, from_status.due, "{step}: due vs status");
    assert_eq!(stats_due, from_status.due, "{step}: stats vs status");
    from_status
}

/// A scripted session at `now` (`--plain`, `input` on stdin), then every command asked at
/// `then`: the session must have said `said` is left, and every command must agree on `left`.
#[track_caller]
fn step(
    env: &TestEnv,
    now: &str,
    input: &str,
    then: &str,
    name: &str,
    said: Option<Left>,
    left: Left,
) {
    let r = review(env, now, &["--plain"], input);
    assert_eq!(left_after(&r), said, "{name}: {}", r.stdout);
    assert_eq!(agreed(env, then, name), left);
}

#[test]
fn every_command_counts_the_same_day_after_every_step() {
    let env = TestEnv::one_learning_step();
    env.write(
        "xdg-config/recall/config.toml",
        "[review]\nnew-per-day = 4\nlearning-steps = [\"1m\"]\n",
    );
    // Two clozes of one block (siblings), then plain cards.
    let mut text = String::from("- the **GIL** guards the **interpreter** state\n");
    for i in 1..=8 {
        text.push_str(&format!("- question {i}\n\t- answer {i}\n"));
    }
    let p = env.write("d.md", text);
    at(
        &env,
        "2026-11-24T08:00:00+01:00",
        &["import", p.to_str().unwrap()],
    );

    let day1 = |t: &str| format!("2026-11-24T{t}:00+01:00");
    // The sibling takes no place: four new cards from four blocks.
    assert_eq!(
        agreed(&env, &day1("09:00"), "start"),
        Left { due: 0, new: 4 }
    );
    // Good on the first cloze, Again on the next card, then quit.
    step(
        &env,
        &day1("09:01"),
        "\n3\n\n1\nq\n",
        &day1("09:02"),
        "good, again, quit",
        Some(Left { due: 1, new: 2 }),
        Left { due: 1, new: 2 },
    );
    // Bury one (the Again card, due again first), suspend one, undo the suspend, quit.
    step(
        &env,
        &day1("09:03"),
        "b\ns\nu\nq\n",
        &day1("09:04"),
        "bury, suspend, undo",
        Some(Left { due: 0, new: 2 }),
        Left { due: 0, new: 2 },
    );
    // Answer, then undo the answer: nothing changes.
    step(
        &env,
        &day1("09:05"),
        "\n3\nu\nq\n",
        &day1("09:06"),
        "answer, undo",
        Some(Left { due: 0, new: 2 }),
        Left { due: 0, new: 2 },
    );
    // Finish the day: the two new cards left, Good.
    step(
        &env,
        &day1("09:20"),
        "\n3\n\n3\nq\n",
        &day1("09:30"),
        "day done",
        None,
        Left { due: 0, new: 0 },
    );
    // A new day: the buried learning card is back, and four new cards (the sibling cloze
    // among them).
    assert_eq!(
        agreed(&env, "2026-11-25T09:00:00+01:00", "next day"),
        Left { due: 1, new: 4 }
    );
}

#[test]
fn a_buried_new_card_frees_its_place_for_the_next_one_everywhere() {
    let env = TestEnv::one_learning_step();
    env.write(
        "xdg-config/recall/config.toml",
        "[review]\nnew-per-day = 2\nlearning-steps = [\"1m\"]\n",
    );
    crate::review::deck(&env, "d", 4);
    // Bury the first new card and suspend the next: neither uses up the day's two new cards.
    step(
        &env,
        "2026-11-24T09:00:00+01:00",
        "b\ns\nq\n",
        "2026-11-24T09:01:00+01:00",
        "bury, suspend",
        Some(Left { due: 0, new: 2 }),
        Left { due: 0, new: 2 },
    );
}
