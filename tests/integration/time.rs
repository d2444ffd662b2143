//! Study days in the real time zone (`TZ`), across daylight-saving changes and in a zone 45
//! minutes off the hour: an answer belongs to the day its local time says, and a due date is
//! the day-start hour local time, whatever offset the zone had when the card was answered.

use crate::util::{run_with_input, TestEnv};

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;

/// `recall ARGS` in zone `tz` at `now`, with `input` on stdin.
fn recall_in(env: &TestEnv, tz: &str, now: &str, args: &[&str], input: &str) -> crate::util::Run {
    let db = env.db();
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    let mut cmd = env.command(&all);
    cmd.env("TZ", tz).env("RECALL_NOW", now);
    run_with_input(&mut cmd, input)
}

/// The cards' due times (Unix ms), by card id.
fn dues(env: &TestEnv) -> Vec<i64> {
    let c = env.sql();
    let mut s = c
        .prepare("SELECT due FROM card_state ORDER BY card_id")
        .unwrap();
    s.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn two_cards(env: &TestEnv, tz: &str, now: &str) {
    env.write("d.md", "- q1\n\t- a1\n- q2\n\t- a2\n");
    let r = recall_in(env, tz, now, &["import", "d.md"], "");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn due_dates_across_the_autumn_change_are_the_day_start_in_standard_time() {
    let env = TestEnv::new();
    let ny = "America/New_York";
    two_cards(&env, ny, "2026-10-30T12:00:00-04:00");
    // Easy on both: due days after 1 November, when New York is on EST (UTC-5).
    let r = recall_in(
        &env,
        ny,
        "2026-10-30T12:00:00-04:00",
        &["review", "--plain", "--no-sync"],
        "\n4\n\n4\n",
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let due = dues(&env);
    assert_eq!(due.len(), 2);
    for d in due {
        assert!(d > 1_793_595_600_000, "after the change: {d}");
        // 04:00 EST is 09:00 UTC (one fixed offset taken at the answer, EDT, gave 08:00).
        assert_eq!(d.rem_euclid(DAY_MS), 9 * HOUR_MS, "{d}");
    }
}

#[test]
fn an_answer_before_the_change_keeps_its_study_day_after_it() {
    let env = TestEnv::new();
    let ny = "America/New_York";
    two_cards(&env, ny, "2026-10-30T12:00:00-04:00");
    recall_in(
        &env,
        ny,
        "2026-10-30T12:00:00-04:00",
        &["review", "--plain", "--no-sync"],
        "\n3\nq\n",
    );
    // 04:30 EDT on the 31st: just after that day's start. Read after the change (EST), one
    // offset for all would put it at 03:30, on the 30th.
    recall_in(
        &env,
        ny,
        "2026-10-31T04:30:00-04:00",
        &["review", "--plain", "--no-sync"],
        "\n3\nq\n",
    );
    let r = recall_in(
        &env,
        ny,
        "2026-11-01T10:00:00-05:00",
        &["stats", "--json"],
        "",
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let days: Vec<&str> = v["stats"]["history"]["days"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["answers"].as_i64() > Some(0))
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(days, ["2026-10-30", "2026-10-31"]);
    assert_eq!(v["stats"]["history"]["current_streak"], 2);
}

#[test]
fn due_dates_across_the_spring_change_are_the_day_start_in_summer_time() {
    let env = TestEnv::new();
    let ny = "America/New_York";
    two_cards(&env, ny, "2027-03-12T12:00:00-05:00");
    recall_in(
        &env,
        ny,
        "2027-03-12T12:00:00-05:00",
        &["review", "--plain", "--no-sync"],
        "\n4\n\n4\n",
    );
    for d in dues(&env) {
        assert!(d > 1_805_180_400_000, "after the change: {d}");
        // 04:00 EDT is 08:00 UTC.
        assert_eq!(d.rem_euclid(DAY_MS), 8 * HOUR_MS, "{d}");
    }
}

#[test]
fn a_zone_45_minutes_off_the_hour_starts_its_days_at_its_own_four_oclock() {
    let env = TestEnv::new();
    let kathmandu = "Asia/Kathmandu"; // UTC+5:45
    two_cards(&env, kathmandu, "2026-11-24T09:00:00+05:45");
    recall_in(
        &env,
        kathmandu,
        "2026-11-24T09:00:00+05:45",
        &["review", "--plain", "--no-sync"],
        "\n4\n\n4\n",
    );
    for d in dues(&env) {
        // 04:00 at +5:45 is 22:15 UTC the day before.
        assert_eq!(d.rem_euclid(DAY_MS), 22 * HOUR_MS + 15 * 60_000, "{d}");
    }
    // 04:10 local is already the next study day there: the card answered at 09:00 the day
    // before counts for yesterday, not today.
    let r = recall_in(&env, kathmandu, "2026-11-25T04:10:00+05:45", &[], "");
    assert!(r.stdout.contains("0 answered"), "{}", r.stdout);
    let r = recall_in(&env, kathmandu, "2026-11-25T03:50:00+05:45", &[], "");
    assert!(r.stdout.contains("2 answered"), "{}", r.stdout);
}
