//! The figures as a terminal dashboard: Unicode sparklines and bars, colour on request. Pure:
//! the figures in, the text out; `recall stats` prints it.

use crate::stats::{percent, Bucket, Rate, Stats};
use std::fmt::Write as _;

/// Eight heights of a bar.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One line of vertical bars, scaled to the largest value (a zero is a space).
pub fn sparkline(values: &[i64]) -> String {
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    values
        .iter()
        .map(|&v| {
            if v <= 0 {
                ' '
            } else {
                BARS[((v * 8 - 1) / max).clamp(0, 7) as usize]
            }
        })
        .collect()
}

/// Date ticks for a sparkline of these days (`YYYY-MM-DD` each): `MM-DD` under every seventh
/// day, from the first, where the label fits before the next.
pub fn date_ticks(dates: &[String]) -> String {
    let mut line: Vec<char> = vec![' '; dates.len()];
    let mut free_from = 0;
    for (i, date) in dates.iter().enumerate().step_by(7) {
        let label: Vec<char> = date.get(5..).unwrap_or(date).chars().collect();
        if i < free_from || i + label.len() > dates.len() {
            continue;
        }
        line[i..i + label.len()].copy_from_slice(&label);
        free_from = i + label.len() + 1;
    }
    line.into_iter().collect::<String>().trim_end().to_string()
}

/// A horizontal bar of `width` cells at most, scaled to `max`.
fn bar(value: i64, max: i64, width: usize) -> String {
    let cells = if max <= 0 {
        0
    } else {
        ((value as f64 / max as f64) * width as f64).round() as usize
    };
    let cells = if value > 0 { cells.max(1) } else { 0 };
    "█".repeat(cells.min(width))
}

fn rate(r: &Rate) -> String {
    match r.rate {
        Some(_) => format!("{} ({}/{})", percent(r.rate), r.passed, r.total),
        None => "–".into(),
    }
}

/// The whole dashboard as text.
pub fn dashboard(s: &Stats, color: bool) -> String {
    let head = |t: &str| {
        if color {
            format!("\u{1b}[1m{t}\u{1b}[0m")
        } else {
            t.to_string()
        }
    };
    let mut o = String::new();
    let scope = if s.decks.is_empty() {
        String::new()
    } else {
        format!(" · {}", s.decks.join(", "))
    };
    let _ = writeln!(
        o,
        "{}",
        head(&format!("recall stats · {}{scope}", s.today_date))
    );
    let _ = writeln!(o);
    today_and_cards(&mut o, s, &head);
    let _ = writeln!(o);
    retention(&mut o, s, &head);
    let _ = writeln!(o);
    forecast(&mut o, s, &head);
    let _ = writeln!(o);
    history(&mut o, s, &head);
    let _ = writeln!(o);
    memory(&mut o, s, &head);
    let _ = writeln!(o);
    hardest(&mut o, s, &head);
    o
}

/// Today's answers and due cards, and the cards by state (per deck when there are several).
fn today_and_cards(o: &mut String, s: &Stats, head: &dyn Fn(&str) -> String) {
    let t = &s.today;
    let _ = writeln!(
        o,
        "{}  {} answers · {} new · {} min · again {} · due now {} · later today {}",
        head("Today    "),
        t.answers,
        t.new_learned,
        (t.time_ms + 30_000) / 60_000,
        percent(t.again_rate),
        t.due_now,
        t.due_later_today
    );
    let c = &s.counts.total;
    let _ = writeln!(
        o,
        "{}  new {} · learning {} · young {} · mature {} · suspended {} · retired {}",
        head("Cards    "),
        c.new,
        c.learning,
        c.young,
        c.mature,
        c.suspended,
        c.retired
    );
    if s.counts.per_deck.len() > 1 {
        // As a tree, sub-decks rolled up into their parents, folded to a screenful.
        let own: Vec<(String, [i64; 4])> = (s.counts.per_deck.iter())
            .map(|d| (d.deck.clone(), [d.new, d.learning, d.young, d.mature]))
            .collect();
        let lines = (crate::deck_tree::tree_lines(&own, MAX_DECK_ROWS).into_iter())
            .map(|l| (l.indented(), l.totals));
        for (label, [new, learning, young, mature]) in lines {
            let _ = writeln!(
                o,
                "           {label}: new {new} · learning {learning} · young {young} · mature {mature}"
            );
        }
    }
}

/// More decks than this are shown folded (deeper levels first).
const MAX_DECK_ROWS: usize = 20;

/// True retention by period, young and mature apart.
fn retention(o: &mut String, s: &Stats, head: &dyn Fn(&str) -> String) {
    let _ = writeln!(
        o,
        "{}  true retention (desired {:.0}%)",
        head("Retention"),
        s.retention.desired * 100.0
    );
    let _ = writeln!(o, "{:19}{:<21}{:<21}all", "", "young", "mature");
    for p in &s.retention.periods {
        let _ = writeln!(
            o,
            "           {:<7} {:<20} {:<20} {}",
            p.name,
            rate(&p.young),
            rate(&p.mature),
            rate(&p.all)
        );
    }
}

/// Cards due per day ahead, as a sparkline.
fn forecast(o: &mut String, s: &Stats, head: &dyn Fn(&str) -> String) {
    let f = &s.forecast;
    let dues: Vec<i64> = f.days.iter().map(|d| d.due).collect();
    let _ = writeln!(
        o,
        "{}  {} cards due in the next {} days",
        head("Forecast "),
        f.total,
        f.days.len()
    );
    let _ = writeln!(
        o,
        "           {}  (max {} a day)",
        sparkline(&dues),
        dues.iter().max().unwrap_or(&0)
    );
    let dates: Vec<String> = f.days.iter().map(|d| d.date.clone()).collect();
    let _ = writeln!(o, "           {}", date_ticks(&dates));
}

/// Answers per day, the streaks, and the year as a calendar line.
fn history(o: &mut String, s: &Stats, head: &dyn Fn(&str) -> String) {
    let h = &s.history;
    let answers: Vec<i64> = h.days.iter().map(|d| d.answers).collect();
    let again: Vec<i64> = h.days.iter().map(|d| d.again).collect();
    let total: i64 = answers.iter().sum();
    let _ = writeln!(
        o,
        "{}  {} answers in {} days · streak {} (longest {}) · {} a card",
        head("History  "),
        total,
        h.days.len(),
        h.current_streak,
        h.longest_streak,
        h.seconds_per_answer
            .map_or_else(|| "–".into(), |v| format!("{v:.1} s"))
    );
    let _ = writeln!(o, "           {}  answers", sparkline(&answers));
    let _ = writeln!(o, "           {}  again", sparkline(&again));
    let dates: Vec<String> = h.days.iter().map(|d| d.date.clone()).collect();
    let _ = writeln!(o, "           {}", date_ticks(&dates));
    for (name, r) in [
        ("learning", &h.buttons.learning),
        ("review", &h.buttons.review),
    ] {
        let total: i64 = r.iter().sum();
        if total > 0 {
            let _ = writeln!(
                o,
                "           {name:<8}  again {} · hard {} · good {} · easy {}  ({:.1}% correct)",
                r[0],
                r[1],
                r[2],
                r[3],
                (total - r[0]) as f64 * 100.0 / total as f64
            );
        }
    }
    let _ = writeln!(o, "{}  {}", head("Year     "), calendar(s));
}

/// Stability, difficulty and recall now, as histograms.
fn memory(o: &mut String, s: &Stats, head: &dyn Fn(&str) -> String) {
    let m = &s.memory;
    let _ = writeln!(
        o,
        "{}  {} studied cards · average retention now {}",
        head("Memory   "),
        m.cards,
        percent(m.average_retrievability)
    );
    for (name, buckets) in [
        ("stability", &m.stability),
        ("difficulty", &m.difficulty),
        ("recall now", &m.retrievability),
    ] {
        let _ = writeln!(o, "           {name}");
        write_buckets(o, buckets);
    }
}

/// The cards lapsed most and those least likely recalled now.
fn hardest(o: &mut String, s: &Stats, head: &dyn Fn(&str) -> String) {
    let hard = &s.hardest;
    let _ = writeln!(
        o,
        "{}  {} leech{} (≥ {} lapses)",
        head("Hardest  "),
        hard.leeches,
        if hard.leeches == 1 { "" } else { "es" },
        crate::stats::LEECH_LAPSES
    );
    for c in &hard.most_lapses {
        let place = c
            .source
            .as_deref()
            .map_or(String::new(), |src| format!("  ({src}:{})", c.line));
        let leech = if c.leech { " LEECH" } else { "" };
        let _ = writeln!(
            o,
            "           {:>2} lapse{}{leech}  [{}] {}{place}",
            c.lapses,
            if c.lapses == 1 { "" } else { "s" },
            c.deck,
            crate::display::card_line(c.kind, &c.question, &c.answer, 70)
        );
    }
    for c in hard.lowest_retrievability.iter().take(5) {
        let _ = writeln!(
            o,
            "           recall {:>4}  [{}] {}",
            percent(c.retrievability),
            c.deck,
            crate::display::card_line(c.kind, &c.question, &c.answer, 70)
        );
    }
}

fn write_buckets(o: &mut String, buckets: &[Bucket]) {
    let max = buckets.iter().map(|b| b.cards).max().unwrap_or(0);
    for b in buckets {
        let _ = writeln!(
            o,
            "             {:>9} {:<24} {}",
            b.label,
            bar(b.cards, max, 24),
            b.cards
        );
    }
}

/// The year's answers as one line of shades, a cell a week (this format fits a terminal line).
fn calendar(s: &Stats) -> String {
    let weeks = 52usize;
    let mut per_week = vec![0i64; weeks];
    let today = chrono::NaiveDate::parse_from_str(&s.today_date, "%Y-%m-%d").ok();
    for d in &s.history.year {
        if let (Some(today), Ok(date)) = (
            today,
            chrono::NaiveDate::parse_from_str(&d.date, "%Y-%m-%d"),
        ) {
            let ago = (today - date).num_days();
            if (0..(weeks as i64 * 7)).contains(&ago) {
                per_week[weeks - 1 - (ago / 7) as usize] += d.answers;
            }
        }
    }
    let max = per_week.iter().copied().max().unwrap_or(0).max(1);
    let shades = [' ', '░', '▒', '▓', '█'];
    let line: String = per_week
        .iter()
        .map(|&n| {
            if n == 0 {
                '·'
            } else {
                shades[(1 + (n * 4 - 1) / max).min(4) as usize]
            }
        })
        .collect();
    format!("{line}  (52 weeks, one cell a week)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_scale_to_the_largest_value() {
        assert_eq!(sparkline(&[0, 1, 4, 8]), " ▁▄█");
        assert_eq!(sparkline(&[0, 0]), "  ");
    }

    #[test]
    fn date_ticks_sit_under_every_seventh_day_where_they_fit() {
        let days: Vec<String> = (1..=30).map(|d| format!("2026-11-{d:02}")).collect();
        let ticks = date_ticks(&days);
        // 11-29 would run past the last day: left out.
        assert_eq!(ticks, "11-01  11-08  11-15  11-22");
        assert_eq!(ticks.find("11-08"), Some(7), "under its day");
        assert_eq!(date_ticks(&days[..3]), "", "no room for a label");
    }

    #[test]
    fn bars_show_something_for_any_count() {
        assert_eq!(bar(0, 10, 10), "");
        assert_eq!(bar(1, 1000, 10), "█");
        assert_eq!(bar(10, 10, 10), "██████████");
    }
}
