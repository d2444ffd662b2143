//! `recall stats --html FILE`: the figures as one self-contained HTML page with inline SVG
//! charts (no script, no network). Written with `maud`, which escapes every value put in the
//! page, card text included.

use crate::simulate::Workload;
use crate::stats::{percent, Buttons, HardCard, Rate, Stats};
use maud::{html, Markup, PreEscaped, DOCTYPE};

const STYLE: &str = "
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:960px;color:#222;background:#fff}
h1{font-size:1.5em} h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd}
table{border-collapse:collapse} td,th{padding:.2em .8em;text-align:left} th{color:#555;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.bar{fill:#4a7fd6} .again{fill:#d6524a} .axis,.label,.count{font-size:11px;fill:#555}
.label{text-anchor:end}
.heat0{fill:#e8eaee} .heat1{fill:#c6e0f5} .heat2{fill:#8cbfe8} .heat3{fill:#4a8fd6} .heat4{fill:#1d5ba8}
.grid-line{stroke:#d0d0d0;stroke-width:1;shape-rendering:crispEdges}
.axis-line{stroke:#888;stroke-width:1;shape-rendering:crispEdges}
.value{font-size:10px;fill:#333;text-anchor:middle} .empty{color:#777;font-style:italic}
.st-learn{fill:#5b9bd5;background:#5b9bd5} .st-relearn{fill:#e6a23c;background:#e6a23c}
.st-young{fill:#7cc47f;background:#7cc47f} .st-mature{fill:#2e7d32;background:#2e7d32}
.key{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 .8em} .legend{font-size:13px;color:#555}
.desired{stroke:#d6524a;stroke-dasharray:6 4;stroke-width:1.5} .trend{fill:none;stroke:#4a7fd6;stroke-width:2}
.dot{fill:#4a7fd6} .b-again{color:#d6524a} .b-hard{color:#b7791f} .b-good{color:#2e7d32} .b-easy{color:#4a7fd6}
.big{font-size:1.6em;font-weight:600} .grid{display:flex;gap:2em;flex-wrap:wrap}
small{color:#777} .leech{color:#d6524a;font-weight:600}
";

/// The whole report.
pub fn report(s: &Stats, workload: &[Workload]) -> String {
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
                // Nothing to load, nothing to run: a note's text cannot make the page do either.
                meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'";
                title { "recall stats · " (s.today_date) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { "recall stats · " (s.today_date) " " small { (scope) } }
                (today(s))
                (cards(s))
                (retention(s))
                (workload_section(workload, s.retention.desired))
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

/// Decks shown at most in the cards table (folded as a tree beyond).
const MAX_DECK_ROWS: usize = 25;

fn cards(s: &Stats) -> Markup {
    // New, learning, young, mature, suspended, retired.
    let six = |d: &crate::store::stats::StateCounts| {
        [d.new, d.learning, d.young, d.mature, d.suspended, d.retired]
    };
    let own: Vec<(String, [i64; 6])> = (s.counts.per_deck.iter())
        .map(|d| (d.deck.clone(), six(d)))
        .collect();
    let lines: Vec<(usize, String, [i64; 6])> = (crate::deck_tree::tree_lines(&own, MAX_DECK_ROWS))
        .into_iter()
        .map(|l| (l.depth, l.label, l.totals))
        .chain(std::iter::once((
            0,
            "all".to_string(),
            six(&s.counts.total),
        )))
        .collect();
    html! {
        h2 { "Cards" }
        table {
            tr {
                th { "deck" }
                @for h in ["new", "learning", "young", "mature", "suspended", "retired"] {
                    th.n { (h) }
                }
            }
            @for (depth, label, n) in &lines {
                tr {
                    td style=(format!("padding-left:{}em", 0.8 + *depth as f64 * 1.2)) { (label) }
                    @for v in n { td.n { (v) } }
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
    let r = &s.retention;
    html! {
        h2 { "True retention " small { (format!("(desired {:.0}%)", r.desired * 100.0)) } }
        table {
            tr { th {} th.n { "young" } th.n { "mature" } th.n { "all" } }
            @for p in &r.periods {
                tr { th { (p.name) } td.n { (rate(&p.young)) } td.n { (rate(&p.mature)) } td.n { (rate(&p.all)) } }
            }
        }
        h3 { "Week by week" }
        @if r.weeks.iter().all(|w| w.total == 0) {
            p.empty { "No reviews of studied cards yet: true retention shows once cards come back due." }
        } @else {
            (retention_line(&r.weeks, r.desired))
        }
    }
}

fn forecast(s: &Stats) -> Markup {
    let days: Vec<(String, Vec<i64>)> = (s.forecast.days.iter())
        .map(|d| (d.date.clone(), vec![d.due]))
        .collect();
    html! {
        h2 {
            "Forecast "
            small { (s.forecast.total) " cards in " (s.forecast.days.len()) " days" }
        }
        @if s.forecast.total == 0 {
            p.empty { "Nothing comes due in the next " (s.forecast.days.len()) " days." }
        } @else {
            (bars(&days, &["bar"], (900, 180), "cards due per day"))
        }
    }
}

fn history(s: &Stats) -> Markup {
    let h = &s.history;
    let days: Vec<(String, Vec<i64>)> = (h.days.iter())
        .map(|d| {
            (
                d.date.clone(),
                vec![d.learn(), d.young, d.mature, d.relearning],
            )
        })
        .collect();
    let per_answer = h
        .seconds_per_answer
        .map_or_else(|| "–".into(), |v| format!("{v:.1} s"));
    html! {
        h2 {
            "History "
            small {
                "streak " (h.current_streak) " · longest " (h.longest_streak) " · "
                (per_answer) " per answer"
            }
        }
        @if h.days.iter().all(|d| d.answers == 0) {
            p.empty { "No answers in these days yet: " code { "recall review" } " starts them." }
        } @else {
            p.legend {
                span.key.st-learn {} "learn " span.key.st-young {} "young "
                span.key.st-mature {} "mature " span.key.st-relearn {} "relearn"
            }
            (bars(&days, &["st-learn", "st-young", "st-mature", "st-relearn"], (900, 180), "answers per day by card state"))
        }
        (buttons(&h.buttons, h.days.len()))
        h2 { "The year" }
        (calendar(&s.today_date, &s.history.year))
    }
}

/// The answers of the charted days by grade, for cards in learning and review cards apart, each
/// grade's share of its row, in its colour.
fn buttons(b: &Buttons, days: usize) -> Markup {
    let rows = [("learning", &b.learning), ("review", &b.review)];
    html! {
        h3 { "Answer buttons " small { "(last " (days) " days)" } }
        @if rows.iter().all(|(_, r)| r.iter().sum::<i64>() == 0) {
            p.empty { "No answers in these days yet." }
        } @else {
            table {
                tr { th {} th.n { "Again" } th.n { "Hard" } th.n { "Good" } th.n { "Easy" } th.n { "correct" } }
                @for (name, r) in rows {
                    @let total: i64 = r.iter().sum();
                    tr {
                        th { (name) }
                        @for (k, n) in r.iter().enumerate() {
                            td class=(["b-again n", "b-hard n", "b-good n", "b-easy n"][k]) {
                                (n) @if total > 0 { " " small { (format!("{:.0}%", *n as f64 * 100.0 / total as f64)) } }
                            }
                        }
                        td.n {
                            @if total > 0 {
                                (format!("{:.1}%", (total - r[0]) as f64 * 100.0 / total as f64))
                            } @else { "–" }
                        }
                    }
                }
            }
        }
    }
}

/// The expected study time a new card costs at each desired retention, the current setting
/// marked: higher retention costs more, faster near the top.
fn workload_section(curve: &[Workload], desired: f64) -> Markup {
    const LEFT: f64 = 60.0;
    const TOP: f64 = 10.0;
    let (width, height) = (900.0, 180.0);
    let plot_w = width - LEFT - 10.0;
    let plot_h = height - TOP - 22.0;
    let max = curve
        .iter()
        .map(|w| w.minutes_per_card)
        .fold(0.0_f32, f32::max)
        .max(0.1) as f64;
    let x_of = |r: f64| LEFT + (r - 0.70) / 0.27 * plot_w;
    let y_of = |m: f64| TOP + plot_h - m / max * plot_h;
    let points: Vec<String> = (curve.iter())
        .map(|w| {
            format!(
                "{},{}",
                n1(x_of(f64::from(w.desired_retention))),
                n1(y_of(f64::from(w.minutes_per_card)))
            )
        })
        .collect();
    let at = curve.iter().min_by(|a, b| {
        (f64::from(a.desired_retention) - desired)
            .abs()
            .total_cmp(&(f64::from(b.desired_retention) - desired).abs())
    });
    html! {
        h2 { "Desired retention and workload" }
        @if curve.is_empty() {
            p.empty { "The workload could not be worked out for these parameters." }
        } @else {
            p.legend { "Expected study time a new card costs over a year, at each desired retention (FSRS)." }
            svg viewBox=(format!("0 0 {width} {height}")) width=(width) height=(height) role="img" aria-label="workload at each desired retention" {
                @for m in [0.0, max / 2.0, max] {
                    line x1=(n1(LEFT)) x2=(n1(width - 10.0)) y1=(n1(y_of(m))) y2=(n1(y_of(m))) class="grid-line" {}
                    text x=(n1(LEFT - 4.0)) y=(n1(y_of(m) + 4.0)) class="label" { (format!("{m:.1} min")) }
                }
                line x1=(n1(LEFT)) x2=(n1(LEFT)) y1=(n1(TOP)) y2=(n1(TOP + plot_h)) class="axis-line" {}
                polyline points=(points.join(" ")) class="trend" {}
                @for pct in (70..=95).step_by(5) {
                    text x=(n1(x_of(f64::from(pct) / 100.0))) y=(n1(height - 6.0)) class="axis" text-anchor="middle" { (pct) "%" }
                }
                @if let Some(w) = at {
                    @let (x, y) = (x_of(f64::from(w.desired_retention)), y_of(f64::from(w.minutes_per_card)));
                    line x1=(n1(x)) x2=(n1(x)) y1=(n1(TOP)) y2=(n1(TOP + plot_h)) class="desired" {}
                    circle cx=(n1(x)) cy=(n1(y)) r="4" class="again" {
                        title { "your setting: " (format!("{:.0}%", desired * 100.0)) ", " (format!("{:.1}", w.minutes_per_card)) " min a card" }
                    }
                    text x=(n1(x + 6.0)) y=(n1(TOP + 12.0)) class="axis" { "yours: " (format!("{:.0}%", desired * 100.0)) " · " (format!("{:.1} min", w.minutes_per_card)) }
                }
            }
        }
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
        @if m.cards == 0 {
            p.empty { "No studied cards yet: their memory shows after the first answers." }
        } @else {
        div.grid {
            div { h3 { "Stability" } (histogram(&m.stability, "stability")) }
            div { h3 { "Difficulty" } (histogram(&m.difficulty, "difficulty")) }
            div { h3 { "Recall now" } (histogram(&m.retrievability, "recall now")) }
        }
        }
    }
}

/// A card as its note reads (a cloze with its answer marked in its blank), its context under
/// it.
fn card_cell(c: &HardCard) -> Markup {
    let card = crate::display::card_html(c.kind, &c.question, &c.answer);
    let context = crate::display::plain_line(&c.context, 120);
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
        @if s.hardest.most_lapses.is_empty() {
            p.empty { "No lapses yet, so no leeches." }
        } @else {
        table {
            tr { th.n { "lapses" } th { "deck" } th { "card" } th { "where" } }
            @for c in &s.hardest.most_lapses {
                tr {
                    td.n {
                        @if c.leech { span.leech { (c.lapses) " leech" } } @else { (c.lapses) }
                    }
                    td { (c.deck) } (card_cell(c)) (place_cell(c))
                }
            }
        }
        }
        h3 { "Lowest recall now" }
        @if s.hardest.lowest_retrievability.is_empty() {
            p.empty { "No studied cards yet." }
        } @else {
        table {
            tr { th.n { "recall" } th { "deck" } th { "card" } th { "where" } }
            @for c in &s.hardest.lowest_retrievability {
                tr { td.n { (percent(c.retrievability)) } td { (c.deck) } (card_cell(c)) (place_cell(c)) }
            }
        }
        }
    }
}

mod charts;
use charts::{bars, calendar, histogram, n1, retention_line};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{HistoryDay, WeekRetention};

    #[test]
    fn card_text_is_escaped() {
        let mut c = HardCard {
            id: crate::model::CardId(1),
            deck: "d".into(),
            kind: crate::model::CardKind::Basic,
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
        c.kind = crate::model::CardKind::Cloze;
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
        let values = [
            ("2026-11-01".to_string(), vec![5, 5]),
            ("2026-11-02".to_string(), vec![5, 0]),
        ];
        let svg = bars(&values, &["bar", "again"], (200, 120), "t").into_string();
        // Plot 88 high: the largest bar (5 + 5) fills it, stacked; the other half of it.
        assert!(
            svg.contains(r#"y="58.0" width="78.0" height="44.0" class="bar""#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"y="14.0" width="78.0" height="44.0" class="again""#),
            "{svg}"
        );
        assert_eq!(
            svg.matches(r#"height="44.0" class="bar""#).count(),
            2,
            "{svg}"
        );
        // A value axis (0, half, top), values over the bars, a date tick under the first.
        for label in [">0</text>", ">5</text>", ">10</text>"] {
            assert!(svg.contains(label), "{label}: {svg}");
        }
        assert!(svg.contains(r#"class="value">10</text>"#), "{svg}");
        assert!(svg.contains(r#"class="axis">11-01</text>"#), "{svg}");
    }

    #[test]
    fn the_year_is_a_full_calendar_with_months_weekdays_and_a_scale() {
        let day = HistoryDay {
            date: "2026-11-20".into(),
            answers: 12,
            again: 1,
            time_ms: 60_000,
            new_cards: 2,
            young: 10,
            mature: 0,
            relearning: 0,
        };
        let svg = calendar("2026-11-24", &[day]).into_string();
        // 365 days and more back to a Monday: every one a cell, 5 more in the scale.
        let cells = svg.matches("<rect").count();
        assert!((365 + 5..=371 + 5).contains(&cells), "{cells} cells");
        assert!(
            svg.contains(">Mon</text>") && svg.contains(">Nov</text>"),
            "{svg}"
        );
        assert!(
            svg.contains("2026-11-24: 0 answers"),
            "a title for every day"
        );
        assert!(svg.contains("2026-11-20: 12 answers"), "{svg}");
        assert!(
            svg.contains(r#"class="heat4"><title>2026-11-20"#),
            "the busiest day darkest"
        );
        assert!(svg.contains(">less</text>") && svg.contains(">more</text>"));
    }

    #[test]
    fn a_few_weeks_of_answers_span_the_retention_chart_and_its_label_clears_them() {
        // A year of weeks, answers in the last three only.
        let weeks: Vec<WeekRetention> = (0..52)
            .map(|i| WeekRetention {
                from: format!("2026-{:02}-01", 1 + i / 5),
                passed: if i >= 49 { 9 } else { 0 },
                total: if i >= 49 { 10 } else { 0 },
            })
            .collect();
        let svg = retention_line(&weeks, 0.9).into_string();
        let xs: Vec<f64> = svg
            .split("<circle cx=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().parse().unwrap())
            .collect();
        assert_eq!(xs.len(), 3, "{svg}");
        // Eight weeks drawn: the first answered week is the sixth, not the fiftieth of 52.
        assert!(xs[0] < 600.0, "{xs:?}");
        // The label sits right of the plot, past the last point.
        let label_x: f64 = svg
            .split("style=\"text-anchor:start\"")
            .next()
            .and_then(|s| s.rsplit("<text x=\"").next())
            .and_then(|s| s.split('"').next())
            .unwrap()
            .parse()
            .unwrap();
        assert!(label_x > xs[2], "{label_x} {xs:?}");
    }
}
