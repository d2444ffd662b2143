//! Schedules, budgets and names: a bold date without a year, an amount of money, a proper name
//! heading a roster line.

use super::*;

/// A schedule or an amount rather than a fact to learn: a day and month without a year
/// (`Mon 8 June`, `Mar 10`), a weekday, or money (`1.600 €`).
pub fn is_schedule_or_money(hidden: &str) -> bool {
    let t = hidden.trim();
    if t.contains(['€', '£', '¥'])
        || (t.starts_with('$') && t[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return true;
    }
    let has_year = t
        .split(|c: char| !c.is_ascii_digit())
        .any(|n| n.len() == 4 && n.starts_with(['1', '2']));
    !has_year && t.len() <= 24 && is_dated_title(t)
}

/// Two or more words, each starting with a capital letter (`Brother Osk`, `Captain Mirela`): a
/// proper name. (`P wave`, `Lewis acid`, `Systole` are not.)
pub fn is_proper_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() >= 2
        && words.iter().all(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        && words
            .iter()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
}

/// Does a line speak of money (`1.600 €`, `~4.700 € ugh`, `$40`, `300/month`)? A budget or a
/// quote, not a fact to learn.
pub fn holds_money(text: &str) -> bool {
    let b = text.as_bytes();
    // `$`, `/`, and the first bytes of `€` (E2 82 AC) and `£` (C2 A3).
    memchr::memchr3_iter(b'$', b'/', 0xE2, b).any(|k| match b[k] {
        b'$' => b.get(k + 1).is_some_and(u8::is_ascii_digit) && is_amount_end(&b[k + 1..]),
        b'/' => {
            k > 0 && b[k - 1].is_ascii_digit() && {
                let unit = &b[k + 1..];
                let word = unit.iter().take_while(|c| c.is_ascii_alphabetic()).count();
                PER_PERIOD
                    .iter()
                    .any(|p| unit[..word].eq_ignore_ascii_case(p.as_bytes()))
            }
        }
        _ => b[k..].starts_with("€".as_bytes()),
    }) || memchr::memchr_iter(0xC2, b).any(|k| b.get(k + 1) == Some(&0xA3))
}

/// Does the number at the start of `b` end as an amount does (`$40`, `$4.50,`, `$40k`,
/// `$5/month`), not as inline math (`$2^{10}$`, `$2x + 1$`)?
pub(super) fn is_amount_end(b: &[u8]) -> bool {
    let digits = b
        .iter()
        .take_while(|c| c.is_ascii_digit() || matches!(c, b'.' | b','))
        .count();
    let mut rest = &b[digits..];
    if let [b'k' | b'K' | b'm' | b'M' | b'b' | b'B', tail @ ..] = rest {
        rest = tail;
    }
    match rest.first() {
        None => true,
        Some(c) => c.is_ascii_whitespace() || b".,;:)!?/-".contains(c) || !c.is_ascii(),
    }
}

/// `80/month`: an amount per period, a budget line (`5 mg/day` is a dose, and not here).
pub(super) const PER_PERIOD: &[&str] = &["month", "mo", "week", "wk", "year", "yr"];
