//! The report's charts as inline SVG: bars, a retention line, a histogram and the year's
//! calendar. Each takes figures and returns markup; the page around them is `html`'s.

use crate::stats::{Bucket, HistoryDay, WeekRetention};
use maud::{html, Markup};

/// A number with one decimal, as SVG coordinates are written.
pub(super) fn n1(v: f64) -> String {
    format!("{v:.1}")
}

/// A bar chart: one bar per label, its values stacked bottom up (a class each, from
/// `classes`), a value axis with grid lines at 0, half and the top, each bar's total over it
/// when there is room, and date ticks (`MM-DD`) under every seventh bar.
pub(super) fn bars(
    values: &[(String, Vec<i64>)],
    classes: &[&str],
    size: (u32, u32),
    title: &str,
) -> Markup {
    const LEFT: f64 = 40.0;
    const TOP: f64 = 14.0;
    const BOTTOM: f64 = 18.0;
    let (width, height) = size;
    let total = |v: &[i64]| v.iter().sum::<i64>();
    let max = values.iter().map(|v| total(&v.1)).max().unwrap_or(0).max(1);
    let n = values.len().max(1) as f64;
    let plot_w = f64::from(width) - LEFT;
    let plot_h = f64::from(height) - TOP - BOTTOM;
    let step = plot_w / n;
    let bar_w = n1((step - 2.0).max(1.0));
    let y_of = |v: i64| TOP + plot_h - v as f64 / max as f64 * plot_h;
    let show_values = step >= 18.0;
    html! {
        svg viewBox=(format!("0 0 {width} {height}")) width=(width) height=(height) role="img" aria-label=(title) {
            @for t in [0, max / 2, max] {
                line x1=(n1(LEFT)) x2=(width) y1=(n1(y_of(t))) y2=(n1(y_of(t))) class="grid-line" {}
                text x=(n1(LEFT - 4.0)) y=(n1(y_of(t) + 4.0)) class="label" { (t) }
            }
            line x1=(n1(LEFT)) x2=(n1(LEFT)) y1=(n1(TOP)) y2=(n1(TOP + plot_h)) class="axis-line" {}
            @for (i, (label, parts)) in values.iter().enumerate() {
                @let x = LEFT + i as f64 * step;
                @let sum = total(parts);
                @for (k, v) in parts.iter().enumerate().filter(|(_, v)| **v > 0) {
                    @let below: i64 = parts[..k].iter().sum();
                    rect x=(n1(x + 1.0)) y=(n1(y_of(below + v))) width=(bar_w)
                        height=(n1(y_of(below) - y_of(below + v))) class=(classes.get(k).copied().unwrap_or("bar")) {
                        title { (label) ": " (sum) }
                    }
                }
                @if show_values && sum > 0 {
                    text x=(n1(x + step / 2.0)) y=(n1(y_of(sum) - 3.0)) class="value" { (sum) }
                }
                @if i % 7 == 0 {
                    text x=(n1(x + 1.0)) y=(height - 4) class="axis" { (label.get(5..).unwrap_or(label)) }
                }
            }
        }
    }
}

/// True retention week by week as a line (a dot a week with review answers), the desired
/// retention as a dashed line across, from 50 % to 100 %.
pub(super) fn retention_line(weeks: &[WeekRetention], desired: f64) -> Markup {
    const LEFT: f64 = 40.0;
    const TOP: f64 = 10.0;
    // Room right of the plot for the desired retention's label, clear of the points.
    const RIGHT: f64 = 80.0;
    // The weeks from the first with answers (at least [`MIN_WEEKS`]): a month of history is
    // drawn across the chart, not squeezed at the right of a year.
    const MIN_WEEKS: usize = 8;
    let first = weeks.iter().position(|w| w.total > 0).unwrap_or(0);
    let weeks = &weeks[first.min(weeks.len().saturating_sub(MIN_WEEKS))..];
    let (width, height) = (900.0, 160.0);
    let plot_w = width - LEFT - RIGHT;
    let plot_h = height - TOP - 20.0;
    let y_of = |r: f64| TOP + plot_h - ((r - 0.5) / 0.5).clamp(0.0, 1.0) * plot_h;
    let step = plot_w / weeks.len().max(1) as f64;
    // About eight dates under the chart, however many weeks it spans.
    let label_every = weeks.len().div_ceil(8).max(1);
    let points: Vec<(f64, f64, &WeekRetention)> = (weeks.iter().enumerate())
        .filter(|(_, w)| w.total > 0)
        .map(|(i, w)| {
            (
                LEFT + (i as f64 + 0.5) * step,
                y_of(w.passed as f64 / w.total as f64),
                w,
            )
        })
        .collect();
    let path: Vec<String> = points
        .iter()
        .map(|(x, y, _)| format!("{},{}", n1(*x), n1(*y)))
        .collect();
    html! {
        svg viewBox=(format!("0 0 {width} {height}")) width=(width) height=(height) role="img" aria-label="true retention per week" {
            @for r in [0.5, 0.75, 1.0] {
                line x1=(n1(LEFT)) x2=(n1(LEFT + plot_w)) y1=(n1(y_of(r))) y2=(n1(y_of(r))) class="grid-line" {}
                text x=(n1(LEFT - 4.0)) y=(n1(y_of(r) + 4.0)) class="label" { (format!("{:.0}%", r * 100.0)) }
            }
            line x1=(n1(LEFT)) x2=(n1(LEFT)) y1=(n1(TOP)) y2=(n1(TOP + plot_h)) class="axis-line" {}
            line x1=(n1(LEFT)) x2=(n1(LEFT + plot_w)) y1=(n1(y_of(desired))) y2=(n1(y_of(desired))) class="desired" {}
            text x=(n1(LEFT + plot_w + 4.0)) y=(n1(y_of(desired) + 4.0)) class="label" style="text-anchor:start" { "desired " (format!("{:.0}%", desired * 100.0)) }
            @if path.len() > 1 {
                polyline points=(path.join(" ")) class="trend" {}
            }
            @for (x, y, w) in &points {
                circle cx=(n1(*x)) cy=(n1(*y)) r="3" class="dot" {
                    title { "week of " (w.from) ": " (w.passed) " of " (w.total) " remembered" }
                }
            }
            @for (i, w) in weeks.iter().enumerate().filter(|(i, _)| i % label_every == 0) {
                text x=(n1(LEFT + i as f64 * step)) y=(n1(height - 4.0)) class="axis" { (w.from.get(5..).unwrap_or(&w.from)) }
            }
        }
    }
}

pub(super) fn histogram(buckets: &[Bucket], title: &str) -> Markup {
    let max = buckets.iter().map(|b| b.cards).max().unwrap_or(0).max(1) as f64;
    let h = buckets.len() * 22;
    html! {
        svg viewBox=(format!("0 0 320 {h}")) width="320" height=(h) role="img" aria-label=(title) {
            @for (i, b) in buckets.iter().enumerate() {
                @let y = i * 22;
                @let w = b.cards as f64 / max * 180.0;
                text x="70" y=(y + 13) class="label" { (b.label) }
                rect x="76" y=(y + 2) width=(n1(w)) height="16" class="bar" {}
                text x=(n1(80.0 + w)) y=(y + 13) class="count" { (b.cards) }
            }
        }
    }
}

/// The year as a calendar: a column a week (Monday on top), a row a weekday, every day a cell
/// shaded by its answers (a title says the date and count), month names over the weeks they
/// start in, and a colour scale.
pub(super) fn calendar(today_date: &str, year: &[HistoryDay]) -> Markup {
    use chrono::Datelike as _;
    const LEFT: i64 = 30;
    const TOP: i64 = 16;
    const CELL: i64 = 14;
    let Ok(today) = chrono::NaiveDate::parse_from_str(today_date, "%Y-%m-%d") else {
        return html! {};
    };
    let answers: std::collections::HashMap<&str, i64> =
        year.iter().map(|d| (d.date.as_str(), d.answers)).collect();
    let max = answers.values().copied().max().unwrap_or(0).max(1);
    let weekday = |d: chrono::NaiveDate| d.weekday().num_days_from_monday() as i64;
    let start = today - chrono::Duration::days(364);
    let first_monday = start - chrono::Duration::days(weekday(start));
    let cells: Vec<(i64, i64, i64, String, i64)> = (0..=(today - first_monday).num_days())
        .map(|i| first_monday + chrono::Duration::days(i))
        .map(|date| {
            let key = date.format("%Y-%m-%d").to_string();
            let n = answers.get(key.as_str()).copied().unwrap_or(0);
            let level = if n == 0 {
                0
            } else {
                (1 + (n * 4 - 1) / max).min(4)
            };
            (
                (date - first_monday).num_days() / 7,
                weekday(date),
                level,
                key,
                n,
            )
        })
        .collect();
    let months: Vec<(i64, String)> = cells
        .iter()
        .filter(|c| c.1 == 0)
        .filter_map(|c| {
            let date = chrono::NaiveDate::parse_from_str(&c.3, "%Y-%m-%d").ok()?;
            (date.day() <= 7).then(|| (c.0, date.format("%b").to_string()))
        })
        .collect();
    let weeks = cells.last().map_or(0, |c| c.0) + 1;
    let width = LEFT + weeks * CELL + 4;
    let height = TOP + 7 * CELL + 24;
    html! {
        svg viewBox=(format!("0 0 {width} {height}")) width=(width) height=(height) role="img" aria-label="answers per day over the year" {
            @for (week, name) in &months {
                text x=(LEFT + week * CELL) y="11" class="axis" { (name) }
            }
            @for (row, name) in [(0, "Mon"), (2, "Wed"), (4, "Fri")] {
                text x=(LEFT - 4) y=(TOP + row * CELL + 10) class="label" { (name) }
            }
            @for (week, day, level, date, n) in &cells {
                rect x=(LEFT + week * CELL) y=(TOP + day * CELL) width="12" height="12" class=(format!("heat{level}")) {
                    title { (date) ": " (crate::display::counted(*n as usize, "answer")) }
                }
            }
            text x=(LEFT) y=(height - 6) class="axis" { "less" }
            @for level in 0..5 {
                rect x=(LEFT + 30 + level * CELL) y=(height - 16) width="12" height="12" class=(format!("heat{level}")) {}
            }
            text x=(LEFT + 30 + 5 * CELL + 4) y=(height - 6) class="axis" { "more" }
        }
    }
}
