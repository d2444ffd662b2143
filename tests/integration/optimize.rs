//! `recall optimize`, `rebuild`, `simulate` and `retention` through the built binary.

use crate::review::{deck, review};
use crate::util::TestEnv;
use recall::optimize::synthetic;

/// Puts a synthetic log of `cards` cards over `days` days into the test database.
fn synthetic_collection(env: &TestEnv, cards: usize, days: i64) -> usize {
    env.empty_db();
    let log = synthetic::log(&synthetic::forgetful_parameters(), cards, days, 20_000, 5);
    let mut c = env.sql();
    let tx = c.transaction().unwrap();
    tx.execute(
        "INSERT INTO decks (id, name, created_at) VALUES (1, 'd', 0)",
        [],
    )
    .unwrap();
    for id in 1..=cards as i64 {
        tx.execute(
            "INSERT INTO cards (id, deck_id, key, kind, question, answer, line, position, created_at, updated_at)
             VALUES (?1, 1, ?1, 'basic', 'q' || ?1, 'a', ?1, ?1, 0, 0)",
            [id],
        )
        .unwrap();
    }
    for a in &log {
        tx.execute(
            "INSERT INTO reviews (card_id, reviewed_at, rating, duration_ms, state_before, state_after, due_after)
             VALUES (?1, ?2, ?3, 4000, ?4, 'review', ?2 + 86400000)",
            rusqlite::params![a.card_id, a.at, a.rating, if a.first_sight { "new" } else { "review" }],
        )
        .unwrap();
    }
    tx.commit().unwrap();
    log.len()
}

/// The number after `label` on the line that starts with it.
fn figure(text: &str, label: &str) -> f64 {
    let line = text
        .lines()
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no {label} in {text}"));
    line[label.len()..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn rebuild_equals_the_state_built_answer_by_answer() {
    let env = TestEnv::new();
    deck(&env, "d", 6);
    // Three weeks of sessions with every grade, undo, a reset and a suspended card.
    for day in 0..21u64 {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap() + chrono::Days::new(day);
        let input = [
            "\n3\n\n1\n\n2\nu\n\n4\n\n3\n\n3\n\n1\n\n3\n",
            "\n2\n\n3\n\n1\n\n3\n\n4\n\n3\n",
        ][day as usize % 2];
        let r = review(
            &env,
            &format!("{date}T09:00:00+01:00"),
            &["--no-sync"],
            input,
        );
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        if day == 7 {
            let db = env.db();
            for args in [["reset", "question 2"], ["suspend", "question 3"]] {
                let r = env
                    .command(&["--db", db.to_str().unwrap(), args[0], args[1]])
                    .env("RECALL_NOW", format!("{date}T20:00:00+01:00"))
                    .output()
                    .unwrap();
                assert!(r.status.success());
            }
        }
    }
    let (answers, undone): (i64, i64) = env
        .sql()
        .query_row("SELECT COUNT(*), COUNT(undone_at) FROM reviews", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert!(
        answers > 30 && undone > 3,
        "{answers} answers, {undone} undone"
    );

    let r = env.recall(&["rebuild", "--check"]);
    assert_eq!(r.code, Some(0), "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("The cache equals the log"),
        "{}",
        r.stdout
    );

    // A damaged cache is found, and repaired from the log.
    env.sql()
        .execute(
            "UPDATE card_state SET stability = stability * 2, reps = 99 WHERE card_id = 4",
            [],
        )
        .unwrap();
    let r = env.recall(&["rebuild", "--check"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stdout.contains("1 cards' cached state differed") && r.stdout.contains("card 4: cached"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("Nothing was changed"), "{}", r.stdout);
    let r = env.recall(&["rebuild"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(env.recall(&["rebuild", "--check"]).code, Some(0));
}

#[test]
fn optimize_fits_scores_stores_and_schedules_with_the_fitted_parameters() {
    let env = TestEnv::new();
    let answers = synthetic_collection(&env, 300, 200);
    let tip = format!(
        "Tip: your log holds {answers} answers; `recall optimize` fits scheduling to your memory."
    );
    let status = env.recall(&[]).stdout;
    assert!(
        status.contains(&tip),
        "the status suggests fitting: {status}"
    );
    let r = env.recall(&["optimize", "--evaluate"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.starts_with("Fitted FSRS to "), "{}", r.stdout);
    let (defaults, fitted) = (
        figure(&r.stdout, "FSRS defaults"),
        figure(&r.stdout, "fitted"),
    );
    assert!(
        fitted < defaults,
        "log loss fitted {fitted} vs defaults {defaults}\n{}",
        r.stdout
    );
    // A verdict that weighs both figures and says what they mean.
    assert!(
        r.stdout.contains("RMSE (bins) ") && r.stdout.contains(", log loss "),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("predict you as well as"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("Saved as parameter set 1; used from now on. Memory states of 300 cards"),
        "{}",
        r.stdout
    );

    // Stored, with its score; every card's memory now comes from the fitted parameters.
    let (json, loss): (String, f64) = env
        .sql()
        .query_row(
            "SELECT parameters, log_loss FROM fsrs_parameters",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let w: Vec<f32> = serde_json::from_str(&json).unwrap();
    assert_eq!(w.len(), 21);
    assert!((loss - fitted).abs() < 1e-3);
    let cached: i64 = env
        .sql()
        .query_row("SELECT COUNT(*) FROM card_state", [], |r| r.get(0))
        .unwrap();
    assert_eq!(cached, 300);
    assert_eq!(
        env.recall(&["rebuild", "--check"]).code,
        Some(0),
        "the cache is what the new parameters give"
    );

    assert!(
        !env.recall(&[]).stdout.contains("Tip:"),
        "fitted: no tip until the log doubles"
    );
    let r = env.recall(&["optimize", "--history"]);
    assert!(
        r.stdout.starts_with("set 1: ") && r.stdout.trim_end().ends_with("(in use)"),
        "{}",
        r.stdout
    );
}

#[test]
fn too_little_history_is_refused_with_how_much_more_is_needed() {
    let env = TestEnv::new();
    synthetic_collection(&env, 10, 60);
    let r = env.recall(&["optimize"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("too little history to fit FSRS to: ")
            && r.stderr.contains("400 are needed, so about "),
        "{}",
        r.stderr
    );
    let sets: i64 = env
        .sql()
        .query_row("SELECT COUNT(*) FROM fsrs_parameters", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sets, 0);
}

#[test]
fn a_csv_log_is_fitted_without_touching_the_database() {
    let env = TestEnv::new();
    let log = synthetic::log(&synthetic::forgetful_parameters(), 200, 200, 20_000, 9);
    let mut csv = String::from("card_id,review_time,review_rating,review_duration\n");
    for a in &log {
        let t = chrono::DateTime::from_timestamp_millis(a.at)
            .unwrap()
            .to_rfc3339();
        csv.push_str(&format!("{},{t},{},3000\n", a.card_id, a.rating));
    }
    let path = env.write("revlog.csv", csv);
    let r = env.recall(&["optimize", "--from-csv", path.to_str().unwrap(), "--json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let o = &v["optimize"];
    assert_eq!(o["parameters"].as_array().unwrap().len(), 21);
    assert_eq!(o["cards"], 200);
    assert!(o["saved_as"].is_null());
    assert!(!env.db().exists(), "no database was made");

    let bad = env.write(
        "bad.csv",
        "card_id,review_time,review_rating\n1,2024-01-01T10:00:00Z,7\n",
    );
    let r = env.recall(&["optimize", "--from-csv", bad.to_str().unwrap()]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr
            .contains("bad.csv:2: review_rating 7 is not a grade"),
        "{}",
        r.stderr
    );
}

#[test]
fn simulate_forecasts_the_collection_as_it_stands() {
    let env = TestEnv::new();
    deck(&env, "d", 30);
    // Twenty new cards learned (the daily limit), ten left new.
    let r = review(
        &env,
        "2026-11-24T09:00:00+01:00",
        &["--no-sync"],
        &"\n3\n".repeat(20),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let db = env.db();
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db.to_str().unwrap()];
        all.extend_from_slice(args);
        let out = env
            .command(&all)
            .env("RECALL_NOW", "2026-11-25T09:00:00+01:00")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let v: serde_json::Value =
        serde_json::from_str(&run(&["simulate", "--days", "30", "--json"])).unwrap();
    let days = v["simulation"].as_array().unwrap();
    assert_eq!(days.len(), 30);
    assert_eq!(
        days[0]["new_cards"], 10,
        "the ten new cards come first, within the limit"
    );
    let reviews: u64 = days.iter().map(|d| d["reviews"].as_u64().unwrap()).sum();
    assert!(
        reviews >= 20,
        "each studied card comes due within 30 days: {reviews}"
    );
    let text = run(&["simulate", "--days", "14"]);
    assert!(
        text.starts_with(
            "20 studied and 10 new cards, 20 new a day, desired retention 0.90, over 14 days:"
        ),
        "{text}"
    );
    assert!(
        text.contains("\nday  ") && text.contains("2026-11-25"),
        "{text}"
    );

    let v: serde_json::Value =
        serde_json::from_str(&run(&["retention", "--days", "60", "--json"])).unwrap();
    let r = &v["retention"];
    let best = r["suggested"].as_f64().unwrap();
    assert!((0.69..=0.96).contains(&best), "{best}");
    let curve = r["curve"].as_array().unwrap();
    assert_eq!(curve.len(), 6);
    let reviews: Vec<u64> = curve
        .iter()
        .map(|p| p["reviews"].as_u64().unwrap())
        .collect();
    assert!(
        reviews.windows(2).all(|w| w[0] < w[1]),
        "more retention, more reviews: {reviews:?}"
    );
}

#[test]
fn load_balancing_keeps_reviews_off_easy_days() {
    use chrono::Datelike;
    // Weekends take no reviews (share 0); with balancing off, the fuzz alone puts some there.
    let weekend_dues = |balance: bool| {
        let env = TestEnv::new();
        env.write(
            "xdg-config/recall/config.toml",
            format!(
                "[review]\nnew-per-day = 30\nload-balance = {balance}\neasy-days = [\"saturday\", \"sunday\"]\neasy-day-share = 0\n"
            ),
        );
        deck(&env, "d", 30);
        // Easy on first sight, a Thursday: about eight days, fuzzed over Wednesday to Sunday.
        let r = review(
            &env,
            "2026-11-26T09:00:00+01:00",
            &["--no-sync"],
            &"\n4\n".repeat(30),
        );
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        let dues: Vec<i64> = env
            .sql()
            .prepare("SELECT due FROM card_state")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(dues.len(), 30);
        dues.iter()
            .filter(|&&due| {
                // The study day of a due time at UTC+1, days starting at 04:00.
                let local =
                    chrono::DateTime::from_timestamp_millis(due + 3_600_000 - 4 * 3_600_000)
                        .unwrap();
                local.weekday().number_from_monday() >= 6
            })
            .count()
    };
    assert_eq!(weekend_dues(true), 0);
    assert!(weekend_dues(false) > 0, "plain fuzz lands on weekends too");
}
