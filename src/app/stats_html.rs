//! `recall stats --html FILE`: the figures as one self-contained HTML page with inline SVG
//! charts (no script, no network). Every piece of card text is escaped.

use super::stats::pct;
use recall::stats::{Bucket, Rate, Stats};
use std::fmt::Write as _;

/// Text safe inside HTML elements and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn rate(r: &Rate) -> String {
    match r.rate {
        Some(_) => format!("{} <small>({}/{})</small>", pct(r.rate), r.passed, r.total),
        None => "–".into(),
    }
}

/// A bar chart: one bar per value (with an optional second series stacked in another colour),
/// labels under the first, middle and last bars.
fn bars(values: &[(String, i64, i64)], width: u32, height: u32, title: &str) -> String {
    let max = values.iter().map(|v| v.1).max().unwrap_or(0).max(1) as f64;
    let n = values.len().max(1) as f64;
    let plot_h = f64::from(height) - 20.0;
    let step = f64::from(width) / n;
    let mut svg = format!(
        r#"<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{}">"#,
        escape(title)
    );
    for (i, (label, total, part)) in values.iter().enumerate() {
        let x = i as f64 * step;
        let h = *total as f64 / max * plot_h;
        let hp = *part as f64 / max * plot_h;
        let _ = write!(
            svg,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" class="bar"><title>{}: {}</title></rect>"#,
            x + 1.0,
            plot_h - h,
            (step - 2.0).max(1.0),
            h,
            escape(label),
            total
        );
        if *part > 0 {
            let _ = write!(
                svg,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" class="again"/>"#,
                x + 1.0,
                plot_h - hp,
                (step - 2.0).max(1.0),
                hp
            );
        }
        // Labels under the first, middle and last bars; the ends anchored inside the chart.
        let anchor = if i == 0 {
            Some(("start", x))
        } else if i + 1 == values.len() {
            Some(("end", x + step))
        } else if i == values.len() / 2 {
            Some(("middle", x + step / 2.0))
        } else {
            None
        };
        if let Some((anchor, at)) = anchor {
            let _ = write!(
                svg,
                r#"<text x="{at:.1}" y="{}" class="axis" text-anchor="{anchor}">{}</text>"#,
                height - 4,
                escape(label)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

fn histogram(buckets: &[Bucket], title: &str) -> String {
    let values: Vec<(String, i64, i64)> = buckets
        .iter()
        .map(|b| (b.label.to_string(), b.cards, 0))
        .collect();
    let max = values.iter().map(|v| v.1).max().unwrap_or(0).max(1) as f64;
    let mut svg = format!(
        r#"<svg viewBox="0 0 320 {h}" width="320" height="{h}" role="img" aria-label="{t}">"#,
        h = buckets.len() * 22,
        t = escape(title)
    );
    for (i, (label, n, _)) in values.iter().enumerate() {
        let y = i * 22;
        let w = *n as f64 / max * 180.0;
        let _ = write!(
            svg,
            r#"<text x="70" y="{}" class="label">{}</text><rect x="76" y="{}" width="{w:.1}" height="16" class="bar"/><text x="{:.1}" y="{}" class="count">{n}</text>"#,
            y + 13,
            escape(label),
            y + 2,
            80.0 + w,
            y + 13
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The year as a calendar: a column a week, a row a weekday, shaded by answers.
fn calendar(s: &Stats) -> String {
    let Ok(today) = chrono::NaiveDate::parse_from_str(&s.today_date, "%Y-%m-%d") else {
        return String::new();
    };
    let max = s
        .history
        .year
        .iter()
        .map(|d| d.answers)
        .max()
        .unwrap_or(0)
        .max(1);
    let mut svg = String::from(
        r#"<svg viewBox="0 0 742 100" width="742" height="100" role="img" aria-label="answers per day over the year">"#,
    );
    use chrono::Datelike as _;
    let weekday = |d: chrono::NaiveDate| d.weekday().num_days_from_monday() as i64;
    let start = today - chrono::Duration::days(364);
    let first_monday = start - chrono::Duration::days(weekday(start));
    for d in &s.history.year {
        let Ok(date) = chrono::NaiveDate::parse_from_str(&d.date, "%Y-%m-%d") else {
            continue;
        };
        let week = (date - first_monday).num_days() / 7;
        let level = 1 + (d.answers * 4 - 1) / max;
        let _ = write!(
            svg,
            r#"<rect x="{}" y="{}" width="12" height="12" class="heat{}"><title>{}: {} answers</title></rect>"#,
            week * 14,
            weekday(date) * 14,
            level.min(4),
            d.date,
            d.answers
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The whole report.
pub fn report(s: &Stats) -> String {
    let mut h = String::new();
    let scope = if s.decks.is_empty() {
        "all decks".to_string()
    } else {
        s.decks.join(", ")
    };
    let _ = write!(
        h,
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>recall stats · {date}</title>
<style>
body{{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:960px;color:#222;background:#fff}}
h1{{font-size:1.5em}} h2{{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd}}
table{{border-collapse:collapse}} td,th{{padding:.2em .8em;text-align:left}} th{{color:#555;font-weight:600}}
.bar{{fill:#4a7fd6}} .again{{fill:#d6524a}} .axis,.label,.count{{font-size:11px;fill:#555}}
.label{{text-anchor:end}}
.heat1{{fill:#c6e0f5}} .heat2{{fill:#8cbfe8}} .heat3{{fill:#4a8fd6}} .heat4{{fill:#1d5ba8}}
.big{{font-size:1.6em;font-weight:600}} .grid{{display:flex;gap:2em;flex-wrap:wrap}}
small{{color:#777}} .leech{{color:#d6524a;font-weight:600}}
</style></head><body>
<h1>recall stats · {date} <small>{scope}</small></h1>"#,
        date = escape(&s.today_date),
        scope = escape(&scope)
    );
    let t = &s.today;
    let _ = write!(
        h,
        r#"<h2>Today</h2><div class="grid"><div><div class="big">{}</div>answers</div><div><div class="big">{}</div>new</div><div><div class="big">{} min</div>time</div><div><div class="big">{}</div>again</div><div><div class="big">{}</div>due now</div><div><div class="big">{}</div>later today</div></div>"#,
        t.answers,
        t.new_learned,
        (t.time_ms + 30_000) / 60_000,
        pct(t.again_rate),
        t.due_now,
        t.due_later_today
    );
    h.push_str("<h2>Cards</h2><table><tr><th>deck</th><th>new</th><th>learning</th><th>young</th><th>mature</th><th>suspended</th><th>retired</th></tr>");
    for d in s
        .counts
        .per_deck
        .iter()
        .chain(std::iter::once(&s.counts.total))
    {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&d.deck),
            d.new,
            d.learning,
            d.young,
            d.mature,
            d.suspended,
            d.retired
        );
    }
    h.push_str("</table>");
    let _ = write!(
        h,
        "<h2>True retention <small>(desired {:.0}%)</small></h2><table><tr><th></th><th>young</th><th>mature</th><th>all</th></tr>",
        s.retention.desired * 100.0
    );
    for p in &s.retention.periods {
        let _ = write!(
            h,
            "<tr><th>{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            p.name,
            rate(&p.young),
            rate(&p.mature),
            rate(&p.all)
        );
    }
    h.push_str("</table>");
    let forecast: Vec<(String, i64, i64)> = s
        .forecast
        .days
        .iter()
        .map(|d| (d.date.clone(), d.due, 0))
        .collect();
    let _ = write!(
        h,
        "<h2>Forecast <small>{} cards in {} days</small></h2>{}",
        s.forecast.total,
        s.forecast.days.len(),
        bars(&forecast, 900, 160, "cards due per day")
    );
    let history: Vec<(String, i64, i64)> = s
        .history
        .days
        .iter()
        .map(|d| (d.date.clone(), d.answers, d.again))
        .collect();
    let _ = write!(
        h,
        "<h2>History <small>streak {} · longest {} · {} per answer · again in red</small></h2>{}<h2>The year</h2>{}",
        s.history.current_streak,
        s.history.longest_streak,
        s.history.seconds_per_answer.map_or_else(|| "–".into(), |v| format!("{v:.1} s")),
        bars(&history, 900, 160, "answers per day"),
        calendar(s)
    );
    let m = &s.memory;
    let _ = write!(
        h,
        r#"<h2>Memory <small>{} studied cards · average retention now {}</small></h2><div class="grid"><div><h3>Stability</h3>{}</div><div><h3>Difficulty</h3>{}</div><div><h3>Recall now</h3>{}</div></div>"#,
        m.cards,
        pct(m.average_retrievability),
        histogram(&m.stability, "stability"),
        histogram(&m.difficulty, "difficulty"),
        histogram(&m.retrievability, "recall now")
    );
    let _ = write!(h, "<h2>Hardest cards <small>{} leeches</small></h2><table><tr><th>lapses</th><th>deck</th><th>card</th><th>where</th></tr>", s.hardest.leeches);
    for c in &s.hardest.most_lapses {
        let place = c
            .source
            .as_deref()
            .map_or(String::new(), |src| format!("{}:{}", src, c.line));
        let lapses = if c.leech {
            format!(r#"<span class="leech">{} leech</span>"#, c.lapses)
        } else {
            c.lapses.to_string()
        };
        let _ = write!(
            h,
            "<tr><td>{lapses}</td><td>{}</td><td>{}<br><small>{}</small></td><td><small>{}</small></td></tr>",
            escape(&c.deck),
            escape(c.question.lines().next().unwrap_or("")),
            escape(&c.context),
            escape(&place)
        );
    }
    h.push_str("</table><h3>Lowest recall now</h3><table><tr><th>recall</th><th>deck</th><th>card</th><th>where</th></tr>");
    for c in &s.hardest.lowest_retrievability {
        let place = c
            .source
            .as_deref()
            .map_or(String::new(), |src| format!("{}:{}", src, c.line));
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}<br><small>{}</small></td><td><small>{}</small></td></tr>",
            pct(c.retrievability),
            escape(&c.deck),
            escape(c.question.lines().next().unwrap_or("")),
            escape(&c.context),
            escape(&place)
        );
    }
    h.push_str("</table></body></html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn bars_are_scaled_to_the_largest_value() {
        let svg = bars(&[("a".into(), 10, 5), ("b".into(), 5, 0)], 200, 120, "t");
        assert!(svg.contains(r#"height="100.0" class="bar""#), "{svg}");
        assert!(svg.contains(r#"height="50.0" class="bar""#), "{svg}");
        assert!(svg.contains(r#"height="50.0" class="again""#), "{svg}");
    }
}
