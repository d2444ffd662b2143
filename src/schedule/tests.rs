use super::*;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;
/// 2026-11-24T00:00:00Z.
const T0: i64 = 1_795_478_400_000;

fn scheduler() -> Scheduler {
    Scheduler::new(SchedulerConfig::default()).unwrap()
}

fn fsrs() -> FSRS {
    FSRS::new(&[]).unwrap()
}

#[test]
fn study_days_start_at_the_day_start_hour() {
    let s = scheduler();
    let day = s.study_day(T0 + 12 * HOUR); // noon on the 24th
    assert_eq!(
        s.study_day(T0 + HOUR),
        day - 1,
        "01:00 counts for the day before"
    );
    assert_eq!(s.study_day(T0 + 4 * HOUR), day, "04:00 starts the day");
    assert_eq!(
        s.study_day(T0 + 28 * HOUR - 1),
        day,
        "03:59 next morning is still today"
    );
    assert_eq!(s.day_start(day), T0 + 4 * HOUR);

    let plus_two = Scheduler::new(SchedulerConfig {
        zone: crate::clock::Zone::Fixed(2 * 3600),
        ..SchedulerConfig::default()
    })
    .unwrap();
    // 02:30Z is 04:30 at UTC+2: already the 24th's study day there.
    assert_eq!(plus_two.study_day(T0 + 2 * HOUR + HOUR / 2), day);
    assert_eq!(plus_two.day_start(day), T0 + 2 * HOUR);
}

const MIN: i64 = 60_000;

/// A new card through its learning steps answered `ratings`, a minute after each due time:
/// (phase, step, minutes until due) after each.
fn through_steps(s: &Scheduler, ratings: &[Rating]) -> Vec<(Phase, u32, i64)> {
    let mut card = CardSchedule::NEW;
    let mut now = T0 + 10 * HOUR;
    let mut seen = Vec::new();
    for &r in ratings {
        card = s.answer(&card, r, now, 0.5);
        let due = card.due.unwrap();
        seen.push((card.phase, card.step, (due - now) / MIN));
        now = due + MIN;
    }
    seen
}

#[test]
fn a_new_card_goes_through_anki_s_learning_steps_then_graduates_by_fsrs() {
    let s = scheduler();
    let got = through_steps(&s, &[Rating::Good, Rating::Good]);
    assert_eq!(
        got[0],
        (Phase::Learning, 1, 10),
        "Good: the second step, 10m"
    );
    assert_eq!(got[1].0, Phase::Review, "Good on the last step graduates");
    assert_eq!(got[1].1, 0);
    // Again goes back to the first step; Hard repeats the step (halfway to the second on the
    // first step); Easy graduates at once.
    let got = through_steps(
        &s,
        &[Rating::Again, Rating::Hard, Rating::Good, Rating::Hard],
    );
    let want = [
        (Phase::Learning, 0, 1),
        (Phase::Learning, 0, 5), // (1m + 10m) / 2 = 5.5m, shown as 6m
        (Phase::Learning, 1, 10),
        (Phase::Learning, 1, 10),
    ];
    assert_eq!(got, want);
    assert_eq!(through_steps(&s, &[Rating::Easy])[0].0, Phase::Review);
    let [again, hard, good, easy] = s.preview(&CardSchedule::NEW, T0);
    let labels = [again, hard, good, easy].map(|o| o.label(T0));
    assert_eq!(labels[..3], ["1m", "6m", "10m"]);
    assert!(labels[3].ends_with('d'), "{labels:?}");
}

#[test]
fn graduating_follows_fsrs_with_same_day_answers_as_no_time_elapsed() {
    let s = scheduler();
    let now = T0 + 10 * HOUR;
    let first = s.answer(&CardSchedule::NEW, Rating::Good, now, 0.5);
    let later = first.due.unwrap();
    let graduated = s.answer(&first, Rating::Good, later, 0.5);
    let expected = fsrs().next_states(first.memory(), 0.9, 0).unwrap().good;
    assert_eq!(graduated.phase, Phase::Review);
    assert_eq!(graduated.stability, Some(expected.memory.stability));
    assert_eq!(graduated.difficulty, Some(expected.memory.difficulty));
    // FSRS's Good interval as it is (a day at least): Hard gave no days here, it repeated a
    // step, so Good need not be longer than its interval.
    let days = (expected.interval.round() as i64).max(1);
    assert_eq!(graduated.due, Some(s.day_start(s.study_day(later) + days)));
    assert_eq!(
        (graduated.reps, graduated.lapses, graduated.last_review),
        (2, 0, Some(later))
    );
}

#[test]
fn leaving_the_steps_with_good_takes_fsrs_interval_not_one_above_hard() {
    // A card that lapsed and is weak: Good on its relearning step graduates it with FSRS's own
    // Good interval, even where that is not above Hard's (Hard would not have graduated).
    let s = scheduler();
    let mut card = s.answer(&CardSchedule::NEW, Rating::Easy, T0, 0.5);
    let mut now = card.due.unwrap();
    let mut below_hard = 0;
    for _ in 0..6 {
        card = s.answer(&card, Rating::Again, now, 0.5); // a lapse: relearning
        assert_eq!(card.phase, Phase::Relearning);
        now += 10 * MIN;
        let elapsed = 0;
        let states = fsrs().next_states(card.memory(), 0.9, elapsed).unwrap();
        let good = (states.good.interval.round() as i64).max(1);
        let hard = (states.hard.interval.round() as i64).max(1);
        below_hard += usize::from(good <= hard);
        card = s.answer(&card, Rating::Good, now, 0.5);
        assert_eq!(card.phase, Phase::Review);
        assert_eq!(card.due, Some(s.day_start(s.study_day(now) + good)));
        now = card.due.unwrap();
    }
    assert!(
        below_hard > 0,
        "some lapse had FSRS's Good at or below Hard"
    );
}

#[test]
fn steps_are_settings_and_none_means_graduating_at_once() {
    let s = Scheduler::new(SchedulerConfig {
        learning_steps: vec![60, 600, 3600],
        ..SchedulerConfig::default()
    })
    .unwrap();
    let got = through_steps(
        &s,
        &[Rating::Good, Rating::Good, Rating::Hard, Rating::Good],
    );
    assert_eq!(got[0], (Phase::Learning, 1, 10));
    assert_eq!(got[1], (Phase::Learning, 2, 60));
    assert_eq!(
        got[2],
        (Phase::Learning, 2, 60),
        "Hard on a later step repeats it"
    );
    assert_eq!(got[3].0, Phase::Review);
    let one = Scheduler::new(SchedulerConfig {
        learning_steps: vec![600],
        ..SchedulerConfig::default()
    })
    .unwrap();
    assert_eq!(
        through_steps(&one, &[Rating::Hard])[0],
        (Phase::Learning, 0, 15)
    );
    let none = Scheduler::new(SchedulerConfig {
        learning_steps: vec![],
        relearning_steps: vec![],
        ..SchedulerConfig::default()
    })
    .unwrap();
    for r in Rating::ALL {
        let card = none.answer(&CardSchedule::NEW, r, T0, 0.5);
        assert_eq!(card.phase, Phase::Review, "{r:?}");
        assert!(card.due.unwrap() >= none.day_start(none.study_day(T0) + 1));
    }
    // A lapse without relearning steps stays a review card, due the next day or later.
    let review = none.answer(&CardSchedule::NEW, Rating::Good, T0, 0.5);
    let now = review.due.unwrap() + HOUR;
    let lapsed = none.answer(&review, Rating::Again, now, 0.5);
    assert_eq!((lapsed.phase, lapsed.lapses), (Phase::Review, 1));
    assert!(lapsed.due.unwrap() >= none.day_start(none.study_day(now) + 1));
}

#[test]
fn a_lapse_relearns_and_shrinks_stability() {
    let s = scheduler();
    let mut card = s.answer(&CardSchedule::NEW, Rating::Easy, T0 + 10 * HOUR, 0.5);
    let now = card.due.unwrap() + HOUR;
    let before = card.stability.unwrap();
    card = s.answer(&card, Rating::Again, now, 0.5);
    assert_eq!((card.phase, card.step), (Phase::Relearning, 0));
    assert_eq!(card.lapses, 1);
    assert_eq!(card.due, Some(now + 10 * MIN));
    assert!(card.stability.unwrap() < before);
    let hard = s.answer(&card, Rating::Hard, now + 10 * MIN, 0.5);
    assert_eq!(
        hard.due,
        Some(now + 25 * MIN),
        "one step: Hard is half as long again"
    );
    let relearned = s.answer(&card, Rating::Good, now + 10 * MIN, 0.5);
    assert_eq!(relearned.phase, Phase::Review);
    assert!(relearned.due.unwrap() >= s.day_start(s.study_day(now) + 1));
}

#[test]
fn sixty_days_of_good_answers_grow_and_match_fsrs() {
    let s = scheduler();
    let f = fsrs();
    let mut card = CardSchedule::NEW;
    let mut now = T0 + 9 * HOUR;
    let mut intervals = Vec::new();
    let mut memory: Option<MemoryState> = None;
    let mut last_day: Option<i64> = None;
    while now < T0 + 60 * DAY {
        let day = s.study_day(now);
        let elapsed = last_day.map_or(0, |d| (day - d) as u32);
        let expected = f.next_states(memory, 0.9, elapsed).unwrap().good;
        card = s.answer(&card, Rating::Good, now, 0.0);
        assert_eq!(card.stability, Some(expected.memory.stability), "day {day}");
        assert_eq!(card.difficulty, Some(expected.memory.difficulty));
        memory = Some(expected.memory);
        last_day = Some(day);
        let due = card.due.unwrap();
        intervals.push(s.study_day(due) - day);
        now = due + 9 * HOUR; // answer on the due day, at 13:00
    }
    assert!(intervals.len() >= 4, "{intervals:?}");
    assert!(
        intervals.windows(2).all(|w| w[1] > w[0]),
        "intervals grow: {intervals:?}"
    );

    // An Again then a Good: the interval after the lapse is shorter than before it.
    let before = *intervals.last().unwrap();
    card = s.answer(&card, Rating::Again, now, 0.0);
    card = s.answer(&card, Rating::Good, now + 10 * 60_000, 0.0);
    let after = s.study_day(card.due.unwrap()) - s.study_day(now);
    assert!(after < before, "after a lapse {after} < {before}");
}

#[test]
fn answers_are_ordered_hard_good_easy() {
    let s = scheduler();
    let review = s.answer(&CardSchedule::NEW, Rating::Easy, T0 + 10 * HOUR, 0.5);
    let now = review.due.unwrap() + HOUR;
    let [again, hard, good, easy] = s.preview(&review, now);
    assert_eq!(again.next.phase, Phase::Relearning);
    assert!(hard.interval_days < good.interval_days, "{hard:?} {good:?}");
    assert!(good.interval_days < easy.interval_days);
    assert_eq!(again.label(now), "10m");
}

#[test]
fn fuzz_ranges_follow_ankis_steps() {
    assert_eq!(fuzz_range(2, 36_500), (2, 2), "no fuzz under 2.5 days");
    // 10 days: ±(0.15×4.5 + 0.1×3 + 1) = ±1.975 → 8..=12.
    assert_eq!(fuzz_range(10, 36_500), (8, 12));
    // 100 days: ±(0.675 + 1.3 + 0.05×80 + 1) = ±6.975 → 93..=107.
    assert_eq!(fuzz_range(100, 36_500), (93, 107));
    assert_eq!(fuzzed(10, 0.0, 36_500), 8);
    assert_eq!(fuzzed(10, 0.999, 36_500), 12);
    assert_eq!(fuzz_range(100, 95), (93, 95), "never past the maximum");
}

#[test]
fn intervals_never_pass_the_maximum() {
    let s = Scheduler::new(SchedulerConfig {
        max_interval_days: 30,
        ..SchedulerConfig::default()
    })
    .unwrap();
    let mut card = CardSchedule::NEW;
    let mut now = T0 + 10 * HOUR;
    for _ in 0..10 {
        card = s.answer(&card, Rating::Easy, now, 0.999);
        let days = s.study_day(card.due.unwrap()) - s.study_day(now);
        assert!(days <= 30, "{days}");
        now = card.due.unwrap() + HOUR;
    }
}

#[test]
fn retrievability_is_the_desired_retention_at_the_stability() {
    let s = scheduler();
    let card = CardSchedule {
        phase: Phase::Review,
        stability: Some(10.0),
        difficulty: Some(5.0),
        due: None,
        last_review: Some(T0),
        reps: 3,
        lapses: 0,
        step: 0,
    };
    assert!((s.retrievability(&card, T0) - 1.0).abs() < 1e-6);
    assert!((s.retrievability(&card, T0 + 10 * DAY) - 0.9).abs() < 1e-3);
    assert_eq!(s.retrievability(&CardSchedule::NEW, T0), 1.0);
}

#[test]
fn interval_labels() {
    assert_eq!(days_label(3), "3d");
    assert_eq!(days_label(100), "3.3mo");
    assert_eq!(days_label(61), "2mo");
    assert_eq!(days_label(438), "1.2y");
    let in_minutes = |m: i64| Outcome {
        rating: Rating::Hard,
        next: CardSchedule {
            phase: Phase::Learning,
            due: Some(T0 + m * MIN),
            ..CardSchedule::NEW
        },
        interval_days: 0,
    };
    let labels: Vec<String> = [1, 6, 59, 60, 90, 1440, 4320]
        .map(|m| in_minutes(m).label(T0))
        .into();
    assert_eq!(labels, ["1m", "6m", "59m", "1h", "1.5h", "1d", "3d"]);
    assert_eq!(Rating::from_number(3), Some(Rating::Good));
    assert_eq!(Rating::from_number(0), None);
    assert_eq!(Rating::from_number(5), None);
}

#[test]
fn bad_parameters_are_refused() {
    let bad = SchedulerConfig {
        parameters: vec![1.0, 2.0, 3.0],
        ..SchedulerConfig::default()
    };
    assert!(Scheduler::new(bad).is_err());
}

#[test]
fn the_fuzz_draw_is_fixed_by_card_and_answer_count_and_spread_out() {
    assert_eq!(fuzz_draw(7, 3), fuzz_draw(7, 3));
    assert_ne!(fuzz_draw(7, 3), fuzz_draw(7, 4));
    assert_ne!(fuzz_draw(7, 3), fuzz_draw(8, 3));
    let draws: Vec<f64> = (0..10_000).map(|id| fuzz_draw(id, 5)).collect();
    assert!(draws.iter().all(|d| (0.0..1.0).contains(d)));
    let mean = draws.iter().sum::<f64>() / draws.len() as f64;
    assert!((mean - 0.5).abs() < 0.02, "uniform: mean {mean}");
    let low = draws.iter().filter(|&&d| d < 0.1).count();
    assert!(
        (800..1200).contains(&low),
        "uniform: {low} of 10,000 under 0.1"
    );
}

mod load_balancing {
    use super::*;

    /// A review card whose Good interval is about a month (fuzz range of several days).
    fn month_card(now: i64) -> CardSchedule {
        CardSchedule {
            phase: Phase::Review,
            stability: Some(30.0),
            difficulty: Some(5.0),
            due: Some(now),
            last_review: Some(now - 30 * DAY),
            reps: 5,
            lapses: 0,
            step: 0,
        }
    }

    /// The interval (days) an answer gets with these per-day loads, for draw `f`.
    fn pick(s: &Scheduler, loads: &dyn Fn(usize) -> DayLoad, f: f64) -> (i64, (i64, i64)) {
        let now = T0 + 12 * HOUR;
        let today = s.study_day(now);
        let mut range = (0, 0);
        let next = s.answer_balanced(
            &month_card(now),
            Rating::Good,
            now,
            f,
            &mut |first, last| {
                range = (first - today, last - today);
                (first..=last)
                    .map(|d| loads((d - first) as usize))
                    .collect()
            },
        );
        (s.study_day(next.due.unwrap()) - today, range)
    }

    fn draws() -> impl Iterator<Item = f64> {
        (0..200).map(|k| f64::from(k) / 200.0)
    }

    #[test]
    fn the_lightest_day_of_the_fuzz_range_is_the_likeliest() {
        let s = scheduler();
        let (_, (lo, hi)) = pick(&s, &|_| DayLoad::default(), 0.5);
        assert!(hi - lo >= 4, "a month's fuzz range spans days: {lo}..{hi}");
        // 40 cards due on every day but the third, which has 2.
        let light = lo + 2;
        let loads = |i: usize| DayLoad {
            due: if i == 2 { 2 } else { 40 },
            sibling: false,
        };
        let on_light = draws().filter(|&f| pick(&s, &loads, f).0 == light).count();
        assert!(on_light > 180, "{on_light} of 200 draws on the light day");
        // Every pick stays within the fuzz range, and the same draw gives the same day.
        assert!(draws().all(|f| (lo..=hi).contains(&pick(&s, &loads, f).0)));
        assert_eq!(pick(&s, &loads, 0.3), pick(&s, &loads, 0.3));
    }

    #[test]
    fn siblings_days_are_avoided_unless_every_day_has_one() {
        let s = scheduler();
        let (_, (lo, hi)) = pick(&s, &|_| DayLoad::default(), 0.5);
        let free = 1usize;
        let loads = |i: usize| DayLoad {
            due: 0,
            sibling: i != free,
        };
        assert!(draws().all(|f| pick(&s, &loads, f).0 == lo + free as i64));
        // Siblings everywhere: plain fuzz, over the whole range.
        let everywhere = |_| DayLoad {
            due: 0,
            sibling: true,
        };
        let days: std::collections::BTreeSet<i64> =
            draws().map(|f| pick(&s, &everywhere, f).0).collect();
        assert_eq!(days.len() as i64, hi - lo + 1);
    }

    #[test]
    fn easy_days_get_less_work() {
        // Every weekday but one is easy with weight 0: all reviews land on the other days.
        let s = Scheduler::new(SchedulerConfig {
            easy_day_weights: [0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
            ..SchedulerConfig::default()
        })
        .unwrap();
        let today = s.study_day(T0 + 12 * HOUR);
        let even = |_| DayLoad::default();
        for f in draws() {
            let (ivl, _) = pick(&s, &even, f);
            let weekday = (today + ivl + 3).rem_euclid(7);
            assert_ne!(weekday, 0, "no Monday");
        }
    }

    #[test]
    fn switched_off_it_is_plain_fuzz() {
        let s = Scheduler::new(SchedulerConfig {
            load_balance: false,
            ..SchedulerConfig::default()
        })
        .unwrap();
        let heavy = |i: usize| DayLoad {
            due: if i == 0 { 0 } else { 100 },
            sibling: false,
        };
        let now = T0 + 12 * HOUR;
        for f in draws() {
            let balanced =
                s.answer_balanced(&month_card(now), Rating::Good, now, f, &mut |a, b| {
                    (a..=b).map(|d| heavy((d - a) as usize)).collect()
                });
            assert_eq!(balanced, s.answer(&month_card(now), Rating::Good, now, f));
        }
    }

    #[test]
    fn day_loads_count_due_cards_and_mark_sibling_days() {
        let s = scheduler();
        let today = s.study_day(T0 + 12 * HOUR);
        let at = |d: i64| s.day_start(today + d) + 5 * HOUR;
        let loads = day_loads(
            &s,
            today + 10,
            today + 12,
            &[at(10), at(10), at(12), at(13)],
            &[at(11)],
        );
        assert_eq!(
            loads,
            vec![
                DayLoad {
                    due: 2,
                    sibling: false
                },
                DayLoad {
                    due: 0,
                    sibling: true
                },
                DayLoad {
                    due: 1,
                    sibling: false
                },
            ]
        );
    }
}
