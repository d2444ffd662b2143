//! Waiting for another recall's write. SQLite calls [`wait`] while a write must wait for the
//! lock another connection holds (an import writing, a second review answering): it sleeps a
//! little, tells the app once after a second (so a person sees why nothing happens), and gives
//! up only after [`GIVE_UP_AFTER_MS`], with an error naming the database.

use std::sync::OnceLock;
use std::time::Duration;

static NOTICE: OnceLock<fn()> = OnceLock::new();

/// Sets what to do, once per wait, when a write has waited [`TELL_AFTER_MS`] (the CLI says
/// "waiting for another recall to finish writing…").
pub fn on_wait(notice: fn()) {
    let _ = NOTICE.set(notice);
}

/// Quick retries first (a review's commit takes a millisecond), then slower ones.
const QUICK_MS: i64 = 10;
const QUICK_TRIES: i64 = 100;
const SLOW_MS: i64 = 50;
pub const TELL_AFTER_MS: i64 = QUICK_MS * QUICK_TRIES;
/// A lock held this long is not an import finishing: something is stuck.
pub const GIVE_UP_AFTER_MS: i64 = 10 * 60 * 1000;

/// How long the waits before try `n` took, in milliseconds.
fn waited_ms(n: i64) -> i64 {
    if n <= QUICK_TRIES {
        n * QUICK_MS
    } else {
        TELL_AFTER_MS + (n - QUICK_TRIES) * SLOW_MS
    }
}

/// SQLite's busy handler: `true` to try again.
pub(super) fn wait(attempt: i32) -> bool {
    let n = i64::from(attempt);
    if waited_ms(n) >= GIVE_UP_AFTER_MS {
        return false;
    }
    if n == QUICK_TRIES {
        if let Some(notice) = NOTICE.get() {
            notice();
        }
    }
    let ms = if n < QUICK_TRIES { QUICK_MS } else { SLOW_MS };
    std::thread::sleep(Duration::from_millis(ms as u64));
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_waits_add_up_to_a_second_before_telling_and_ten_minutes_before_giving_up() {
        assert_eq!(waited_ms(QUICK_TRIES), 1_000);
        let give_up = (0..).find(|&n| waited_ms(n) >= GIVE_UP_AFTER_MS).unwrap();
        assert_eq!(waited_ms(give_up), 600_000);
        assert!(give_up < i64::from(i32::MAX));
    }
}
