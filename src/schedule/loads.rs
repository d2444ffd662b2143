//! Study days' loads for load balancing: how many studied cards fall due on each day, and
//! which days a sibling of the card being answered is due.

use super::Scheduler;

/// Gives the load of each study day from the first to the last (both included).
pub type Loads<'a> = &'a mut dyn FnMut(i64, i64) -> Vec<DayLoad>;

/// The load of one study day, for load balancing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayLoad {
    /// Studied cards due that day.
    pub due: u32,
    /// A sibling of the card being answered is due that day.
    pub sibling: bool,
}

/// The loads of the study days `first..=last`, from the due times of studied cards in them
/// and of the card's siblings.
pub fn day_loads(
    scheduler: &Scheduler,
    first: i64,
    last: i64,
    due: &[i64],
    sibling_due: &[i64],
) -> Vec<DayLoad> {
    let n = (last - first + 1).max(0) as usize;
    let mut loads = vec![DayLoad::default(); n];
    let index = |t: i64| {
        usize::try_from(scheduler.study_day(t) - first)
            .ok()
            .filter(|&d| d < n)
    };
    for &t in due {
        if let Some(d) = index(t) {
            loads[d].due += 1;
        }
    }
    for &t in sibling_due {
        if let Some(d) = index(t) {
            loads[d].sibling = true;
        }
    }
    loads
}
