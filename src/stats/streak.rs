//! Streaks: runs of consecutive study days with at least one answer. The status line and the
//! statistics both count them here.

use std::collections::HashSet;

/// The current streak: consecutive study days with an answer, ending today (or yesterday, if
/// today has none yet). `days` are the study days of answers, in any order.
pub fn current(days: impl IntoIterator<Item = i64>, today: i64) -> u32 {
    let days: HashSet<i64> = days.into_iter().collect();
    let mut day = if days.contains(&today) {
        today
    } else {
        today - 1
    };
    let mut n = 0;
    while days.contains(&day) {
        n += 1;
        day -= 1;
    }
    n
}

/// The longest streak ever: `days` are study days with answers, in increasing order.
pub fn longest(days: &[i64]) -> u32 {
    let (mut best, mut run) = (0u32, 0u32);
    let mut prev: Option<i64> = None;
    for &d in days {
        run = if prev == Some(d - 1) { run + 1 } else { 1 };
        best = best.max(run);
        prev = Some(d);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::current as streak;
    use super::*;

    #[test]
    fn streaks_count_consecutive_study_days() {
        assert_eq!(streak([], 100), 0);
        assert_eq!(streak([100], 100), 1);
        assert_eq!(
            streak([98, 99], 100),
            2,
            "today not studied yet: the streak is still alive"
        );
        assert_eq!(streak([97, 99, 100, 100], 100), 2);
        assert_eq!(streak([95, 96, 97], 100), 0);
    }

    #[test]
    fn the_longest_streak_is_the_longest_run_of_days() {
        assert_eq!(longest(&[]), 0);
        assert_eq!(longest(&[1, 2, 3, 7, 8]), 3);
        assert_eq!(longest(&[5]), 1);
    }
}
