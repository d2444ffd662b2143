//! Dates as titles and file names: a journal's day (`2024-03-01`, `Mar 1st, 2024`, `周一`), a
//! month or a weekday.

use super::*;

pub(super) const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december", // es, fr, de, pt, it (the common forms)
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "januar",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
];

pub(super) const WEEKDAYS: &[&str] = &[
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
];

/// Does this title carry a date and little else, like a log entry's (`2026-02-03 weekly sync`,
/// `Mon 2/2`, `Week 6 — 2 Feb to 8 Feb`, `v2.3.0 [[Mar 3rd, 2026]]`, `3月1日`)? A year alone
/// (`1789`) or a fraction (`1/2 cup`) is no date.
pub fn is_dated_title(title: &str) -> bool {
    if !title.bytes().any(|b| b.is_ascii_digit()) {
        return false; // every date has a digit
    }
    let tokens: Vec<String> = title
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '(' | ')' | '[' | ']' | '—' | '–' | '·')
        })
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|t| !t.is_empty())
        .collect();
    let mut dated = false;
    let mut other_words = 0;
    for (k, t) in tokens.iter().enumerate() {
        let day_next = tokens.get(k + 1).is_some_and(|n| is_day_number(n));
        let day_before = k > 0 && is_day_number(&tokens[k - 1]);
        if MONTHS.contains(&t.as_str()) {
            dated |= day_next || day_before;
            continue;
        }
        if WEEKDAYS.contains(&t.as_str()) {
            dated |= tokens.get(k + 1).is_some_and(|n| is_numeric_date(n, true));
            continue;
        }
        if is_numeric_date(t, false) || is_cjk_date(t) || is_iso_week(t) {
            dated = true;
            continue;
        }
        if is_day_number(t) {
            continue;
        }
        if t.chars().any(char::is_alphabetic) {
            other_words += 1;
        }
    }
    dated && other_words <= DATED_TITLE_WORDS
}

/// A file name that is a date: `2026-03-01`, `2026_03_01`, `20260301`, `2026-03-01 Mon`.
pub fn is_date_name(stem: &str) -> bool {
    let b = stem.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let year = digits(0..4) && (b[0] == b'1' || b[0] == b'2');
    let sep = |k: usize| b.get(k).is_some_and(|c| matches!(c, b'-' | b'_' | b'.'));
    let end = |k: usize| b.len() == k || b.get(k).is_some_and(|c| matches!(c, b' ' | b'-' | b'_'));
    year && ((sep(4) && digits(5..7) && sep(7) && digits(8..10) && end(10))
        || (digits(4..8) && end(8)))
}
