//! A review log drawn from a known memory model, for tests and benchmarks: each card's true
//! memory follows FSRS with the given parameters, each answer is recalled with the model's
//! probability, and cards are scheduled the simple way (interval ×2.5 on success, back to one
//! day on a lapse) so the log does not depend on the parameters being fitted. Seeded: the same
//! arguments give the same log.

use super::LoggedAnswer;
use crate::model::CardId;
use fsrs::{MemoryState, FSRS};

const DAY_MS: i64 = 86_400_000;
/// Study days start at 04:00 UTC in these logs; answers fall between 09:00 and 21:00.
pub const DAY_START_HOUR: u32 = 4;

/// A learner who forgets faster than FSRS assumes: initial stabilities a quarter of the
/// defaults', and stability growing less after each success.
pub fn forgetful_parameters() -> Vec<f32> {
    let mut w = fsrs::DEFAULT_PARAMETERS.to_vec();
    for s in &mut w[..4] {
        *s *= 0.25;
    }
    w[8] *= 0.6;
    w
}

/// `cards` cards, started evenly over the first half of `days` days from `start_day` (days since
/// 1970), answered until the end.
pub fn log(
    parameters: &[f32],
    cards: usize,
    days: i64,
    start_day: i64,
    seed: u64,
) -> Vec<LoggedAnswer> {
    let fsrs = FSRS::new(parameters).expect("valid parameters");
    let decay = parameters.get(20).copied().unwrap_or(0.1542);
    let mut rng = SplitMix(seed);
    let mut log = Vec::new();
    for card in 0..cards {
        let card_id = card as i64 + 1;
        let mut day = start_day + (card as i64 * days / 2) / cards.max(1) as i64;
        let at = |day: i64, rng: &mut SplitMix| {
            day * DAY_MS + 9 * 3_600_000 + (rng.next() % (12 * 3_600_000)) as i64
        };
        // First sight.
        let rating = pick(&mut rng, &[0.2, 0.1, 0.5, 0.2]);
        let first = at(day, &mut rng);
        log.push(answer(card_id, first, day, rating, true));
        let mut memory: MemoryState = next(&fsrs, None, 0, rating);
        if rating == 1 {
            // A learning step ten minutes later, the same day.
            log.push(answer(card_id, first + 600_000, day, 3, false));
            memory = next(&fsrs, Some(memory), 0, 3);
        }
        let mut interval = 1i64;
        loop {
            let jitter = (rng.next() % 3) as i64 - 1;
            let elapsed = (interval + jitter).max(1);
            day += elapsed;
            if day >= start_day + days {
                break;
            }
            let r = fsrs::current_retrievability(memory, elapsed as f32, decay);
            let recalled = rng.unit() < f64::from(r);
            let rating = if recalled {
                pick(&mut rng, &[0.0, 0.15, 0.7, 0.15])
            } else {
                1
            };
            log.push(answer(card_id, at(day, &mut rng), day, rating, false));
            memory = next(&fsrs, Some(memory), elapsed as u32, rating);
            interval = if recalled {
                ((interval as f64) * 2.5).round() as i64
            } else {
                1
            };
        }
    }
    log
}

fn answer(card_id: i64, at: i64, day: i64, rating: u8, first_sight: bool) -> LoggedAnswer {
    LoggedAnswer {
        card_id: CardId(card_id),
        at,
        day,
        rating,
        first_sight,
        undone: false,
        last_reset: None,
        due_after: None,
        phase_after: None,
        step_after: None,
    }
}

fn next(fsrs: &FSRS, memory: Option<MemoryState>, elapsed: u32, rating: u8) -> MemoryState {
    let s = fsrs
        .next_states(memory, 0.9, elapsed)
        .expect("FSRS gives next states");
    match rating {
        1 => s.again.memory,
        2 => s.hard.memory,
        3 => s.good.memory,
        _ => s.easy.memory,
    }
}

/// A rating 1–4 drawn with these probabilities.
fn pick(rng: &mut SplitMix, p: &[f64; 4]) -> u8 {
    let mut u = rng.unit();
    for (i, &pi) in p.iter().enumerate() {
        if u < pi {
            return i as u8 + 1;
        }
        u -= pi;
    }
    3
}

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}
