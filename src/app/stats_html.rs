//! `recall stats --html FILE`: the figures as one self-contained HTML page with inline SVG
//! charts (no script, no network). Written with `maud`, which escapes every value put in the
//! page, card text included.

use maud::{html, Markup, PreEscaped, DOCTYPE};
use recall::stats::{percent, Bucket, HardCard, Rate, Stats};

const STYLE: &str = "
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:960px;color:#222;background:#fff}
h1{font-size:1.5em} h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd}
table{border-collapse:collapse} td,th{padding:.2em .8em;text-align:left} th{color:#555;font-weight:600}
.bar{fill:#4a7fd6} .again{fill:#d6524a} .axis,.label,.count{font-size:11px;fill:#555}
.label{text-anchor:end}
.heat1{fill:#c6e0f5} .heat2{fill:#8cbfe8} .heat3{fill:#4a8fd6} .heat4{fill:#1d5ba8}
.big{font-size:1.6em;font-weight:600} .grid{display:flex;gap:2em;flex-wrap:wrap}
small{color:#777} .leech{color:#d6524a;font-weight:600}
";

/// The whole report.
pub fn report(s: &Stats) -> String {
    let scope = if s.decks.is_empty() {
        "all decks".to_string()
    } else {
        s.decks.join(", ")
    };
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                title { "recall stats · " (s.today_date) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { "recall stats · " (s.today_date) " " small { (scope) } }
                (today(s))
                (cards(s))
                (retention(s))
                (forecast(s))
                (history(s))
                (memory(s))
                (hardest(s))
            }
        }
    };
    let mut out = page.into_string();
    out.push('\n');
    out
}

fn big(value: impl maud::Render, what: &str) -> Markup {
    html! { div { div.big { (value) } (what) } }
}

fn today(s: &Stats) -> Markup {
    let t = &s.today;
    html! {
        h2 { "Today" }
        div.grid {
            (big(t.answers, "answers"))
            (big(t.new_learned, "new"))
            (big(format!("{} min", (t.time_ms + 30_000) / 60_000), "time"))
            (big(percent(t.again_rate), "again"))
            (big(t.due_now, "due now"))
            (big(t.due_later_today, "later today"))
        }
    }
}

fn cards(s: &Stats) -> Markup {
    html! {
        h2 { "Cards" }
        table {
            tr {
                @for h in ["deck", "new", "learning", "young", "mature", "suspended", "retired"] {
                    th { (h) }
                }
            }
            @for d in s.counts.per_deck.iter().chain(std::iter::once(&s.counts.total)) {
                tr {
                    td { (d.deck) } td { (d.new) } td { (d.learning) } td { (d.young) }
                    td { (d.mature) } td { (d.suspended) } td { (d.retired) }
                }
            }
        }
    }
}

fn rate(r: &Rate) -> Markup {
    html! {
        @if r.rate.is_some() {
            (percent(r.rate)) " " small { "(" (r.passed) "/" (r.total) ")" }
        } @else {
            "–"
        }
    }
}

fn retention(s: &Stats) -> Markup {
    html! {
        h2 { "True retention " small { (format!("(desired {:.0}%)", s.retention.desired * 100.0)) } }
        table {
            tr { th {} th { "young" } th { "mature" } th { "all" } }
            @for p in &s.retention.periods {
                tr { th { (p.name) } td { (rate(&p.young)) } td { (rate(&p.mature)) } td { (rate(&p.all)) } }
            }
        }
    }
}

fn forecast(s: &Stats) -> Markup {
    let days: Vec<(String, i64, i64)> = s
        .forecast
        .days
        .iter()
        .map(|d| (d.date.clone(), d.due, 0))
        .collect();
    html! {
        h2 {
            "Forecast "
            small { (s.forecast.total) " cards in " (s.forecast.days.len()) " days" }
        }
        (bars(&days, 900, 160, "cards due per day"))
    }
}

fn history(s: &Stats) -> Markup {
    let h = &s.history;
    let days: Vec<(String, i64, i64)> = h
        .days
        .iter()
        .map(|d| (d.date.clone(), d.answers, d.again))
        .collect();
    let per_answer = h
        .seconds_per_answer
        .map_or_else(|| "–".into(), |v| format!("{v:.1} s"));
    html! {
        h2 {
            "History "
            small {
                "streak " (h.current_streak) " · longest " (h.longest_streak) " · "
                (per_answer) " per answer · again in red"
            }
        }
        (bars(&days, 900, 160, "answers per day"))
        h2 { "The year" }
        (calendar(s))
    }
}

fn memory(s: &Stats) -> Markup {
    let m = &s.memory;
    html! {
        h2 {
            "Memory "
            small {
                (m.cards) " studied cards · average retention now "
                (percent(m.average_retrievability))
            }
        }
        div.grid {
            div { h3 { "Stability" } (histogram(&m.stability, "stability")) }
            div { h3 { "Difficulty" } (histogram(&m.difficulty, "difficulty")) }
            div { h3 { "Recall now" } (histogram(&m.retrievability, "recall now")) }
        }
    }
}

/// A card as its note reads (a cloze with its answer marked in its blank), its context under
/// it.
fn card_cell(c: &HardCard) -> Markup {
    let card = recall::display::card_html(c.kind, &c.question, &c.answer);
    let context = recall::display::plain_line(&c.context, 120);
    html! { td { (PreEscaped(card)) br; small { (context) } } }
}

/// Where a card comes from, `file:line`.
fn place_cell(c: &HardCard) -> Markup {
    let place = c
        .source
        .as_deref()
        .map_or(String::new(), |src| format!("{}:{}", src, c.line));
    html! { td { small { (place) } } }
}

fn hardest(s: &Stats) -> Markup {
    html! {
        h2 { "Hardest cards " small { (s.hardest.leeches) " leeches" } }
        table {
            tr { th { "lapses" } th { "deck" } th { "card" } th { "where" } }
            @for c in &s.hardest.most_lapses {
                tr {
                    td {
                        @if c.leech { span.leech { (c.lapses) " leech" } } @else { (c.lapses) }
                    }
                    td { (c.deck) } (card_cell(c)) (place_cell(c))
                }
            }
        }
        h3 { "Lowest recall now" }
        table {
            tr { th { "recall" } th { "deck" } th { "card" } th { "where" } }
            @for c in &s.hardest.lowest_retrievability {
                tr { td { (percent(c.retrievability)) } td { (c.deck) } (card_cell(c)) (place_cell(c)) }
            }
        }
    }
}

/// A number with one decimal, as SVG coordinates are written.
fn n1(v: f64) -> String {
    format!("{v:.1}")
}

/// A bar chart: one bar per value (with an optional second series stacked in another colour),
/// labels under the first, middle and last bars.
fn bars(values: &[(String, i64, i64)], width: u32, height: u32, title: &str) -> Markup {
    let max = values.iter().map(|v| v.1).max().unwrap_or(0).max(1) as f64;
    let n = values.len().max(1) as f64;
    let plot_h = f64::from(height) - 20.0;
    let step = f64::from(width) / n;
    let bar_w = n1((step - 2.0).max(1.0));
    html! {
        svg viewBox=(format!("0 0 {width} {height}")) width=(width) height=(height) role="img" aria-label=(title) {
            @for (i, (label, total, part)) in values.iter().enumerate() {
                @let x = i as f64 * step;
                @let h = *total as f64 / max * plot_h;
                @let hp = *part as f64 / max * plot_h;
                rect x=(n1(x + 1.0)) y=(n1(plot_h - h)) width=(bar_w) height=(n1(h)) class="bar" {
                    title { (label) ": " (total) }
                }
                @if *part > 0 {
                    rect x=(n1(x + 1.0)) y=(n1(plot_h - hp)) width=(bar_w) height=(n1(hp)) class="again" {}
                }
                // Labels under the first, middle and last bars; the ends anchored inside.
                @let anchor = if i == 0 {
                    Some(("start", x))
                } else if i + 1 == values.len() {
                    Some(("end", x + step))
                } else if i == values.len() / 2 {
                    Some(("middle", x + step / 2.0))
                } else {
                    None
                };
                @if let Some((anchor, at)) = anchor {
                    text x=(n1(at)) y=(height - 4) class="axis" text-anchor=(anchor) { (label) }
                }
            }
        }
    }
}

fn histogram(buckets: &[Bucket], title: &str) -> Markup {
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

/// The year as a calendar: a column a week, a row a weekday, shaded by answers.
fn calendar(s: &Stats) -> Markup {
    use chrono::Datelike as _;
    let Ok(today) = chrono::NaiveDate::parse_from_str(&s.today_date, "%Y-%m-%d") else {
        return html! {};
    };
    let max = s
        .history
        .year
        .iter()
        .map(|d| d.answers)
        .max()
        .unwrap_or(0)
        .max(1);
    let weekday = |d: chrono::NaiveDate| d.weekday().num_days_from_monday() as i64;
    let start = today - chrono::Duration::days(364);
    let first_monday = start - chrono::Duration::days(weekday(start));
    let days = s.history.year.iter().filter_map(|d| {
        let date = chrono::NaiveDate::parse_from_str(&d.date, "%Y-%m-%d").ok()?;
        let week = (date - first_monday).num_days() / 7;
        let level = (1 + (d.answers * 4 - 1) / max).min(4);
        Some((week, weekday(date), level, d))
    });
    html! {
        svg viewBox="0 0 742 100" width="742" height="100" role="img" aria-label="answers per day over the year" {
            @for (week, day, level, d) in days {
                rect x=(week * 14) y=(day * 14) width="12" height="12" class=(format!("heat{level}")) {
                    title { (d.date) ": " (d.answers) " answers" }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_text_is_escaped() {
        let mut c = HardCard {
            id: recall::model::CardId(1),
            deck: "d".into(),
            kind: recall::model::CardKind::Basic,
            question: "<script>alert('x')</script> & \"q\"".into(),
            answer: "a".into(),
            context: "a < b".into(),
            source: None,
            line: 1,
            lapses: 0,
            leech: false,
            retrievability: None,
        };
        assert_eq!(
            card_cell(&c).into_string(),
            "<td>&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"q\"<br><small>a &lt; b</small></td>"
        );
        // Markdown is rendered; a cloze shows its answer marked in its blank.
        c.kind = recall::model::CardKind::Cloze;
        c.question = "the […] guards `state`".into();
        c.answer = "**GIL**".into();
        c.context = "`asyncio` notes".into();
        assert_eq!(
            card_cell(&c).into_string(),
            "<td>the <mark><strong>GIL</strong></mark> guards <code>state</code><br><small>asyncio notes</small></td>"
        );
    }

    #[test]
    fn bars_are_scaled_to_the_largest_value() {
        let svg = bars(&[("a".into(), 10, 5), ("b".into(), 5, 0)], 200, 120, "t").into_string();
        assert!(svg.contains(r#"height="100.0" class="bar""#), "{svg}");
        assert!(svg.contains(r#"height="50.0" class="bar""#), "{svg}");
        assert!(svg.contains(r#"height="50.0" class="again""#), "{svg}");
    }
}
