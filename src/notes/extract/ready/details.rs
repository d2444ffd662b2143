//! Ready-made pairs in HTML disclosure widgets: `<details><summary>Question</summary>answer</details>`,
//! and the summary labels that say "answer" or "hint".

use super::*;

/// `<details>` … `</details>` among siblings: from the block that opens it to the one that closes
/// it.
pub(super) fn details(outline: &Outline, list: &[usize], balance: &[i64], out: &mut ReadyMade) {
    let blocks = &outline.blocks;
    let mut j = 0;
    while j < list.len() {
        let b = list[j];
        if out.role[b] != Role::None || caseless::find(&blocks[b].text, "<details").is_none() {
            j += 1;
            continue;
        }
        // The sibling whose subtree closes the last `<details>` opened.
        let mut open = 0i64;
        let mut close = None;
        for (k, &s) in list.iter().enumerate().skip(j).take(DETAILS_REACH) {
            open += balance[blocks[s].end] - balance[s];
            if open <= 0 {
                close = Some(k);
                break;
            }
        }
        let Some(k) = close else {
            j += 1;
            continue;
        };
        let mut text = String::new();
        for &s in &list[j..=k] {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&subtree_text(outline, s));
        }
        let before = (j > 0).then(|| list[j - 1]).filter(|&p| {
            out.role[p] == Role::None
                && blocks[p].end == p + 1
                && blocks[p].text.chars().count() <= LEAD_QUESTION_CHARS
                && caseless::find(&blocks[p].text, "<details").is_none()
        });
        let pairs = details_pairs(&text);
        let mut asker = b;
        let mut cards = Vec::new();
        for (n, (lead, summary, answer)) in pairs.iter().enumerate() {
            // A hint helps with an exercise; it answers no question.
            let label = summary_label(summary);
            if is_hint_label(&label) {
                continue;
            }
            let question = if !is_answer_label(&label) {
                summary.clone()
            } else if !lead.trim().is_empty() {
                lead.clone()
            } else if let (0, Some(p)) = (n, before) {
                asker = p;
                blocks[p].text.clone()
            } else {
                continue;
            };
            cards.push((question, answer.clone()));
        }
        for &s in &list[j..=k] {
            take_subtree(outline, s, out);
        }
        if asker != b {
            out.role[b] = Role::Taken;
        }
        out.role[asker] = Role::Asks;
        let made = out.cards.len();
        for (q, a) in cards {
            push(out, asker, blocks[asker].line, &q, &a, false);
        }
        if out.cards.len() == made {
            out.role[asker] = Role::Taken;
        }
        j = k + 1;
    }
}

/// The `(text before, summary, answer)` of each `<details>` in `text`.
pub(super) fn details_pairs(text: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = caseless::find(rest, "<details") {
        let lead = &rest[..at];
        let after = &rest[at..];
        let body_at = after.find('>').map_or(after.len(), |k| k + 1);
        let body = &after[body_at..];
        let end = caseless::find(body, "</details").unwrap_or(body.len());
        let inner = &body[..end];
        rest = body[end..].find('>').map_or("", |k| &body[end + k + 1..]);
        let (summary, answer) = match caseless::find(inner, "<summary") {
            Some(s) => {
                let open = inner[s..].find('>').map_or(inner.len(), |k| s + k + 1);
                let close = caseless::find(&inner[open..], "</summary").map(|k| open + k);
                match close {
                    Some(c) => {
                        let after = inner[c..].find('>').map_or(inner.len(), |k| c + k + 1);
                        (&inner[open..c], &inner[after..])
                    }
                    None => ("", &inner[open..]),
                }
            }
            None => ("", inner),
        };
        out.push((
            lead.lines().last().unwrap_or("").to_string(),
            summary.trim().to_string(),
            answer.trim().to_string(),
        ));
    }
    out
}

/// A `<summary>`'s words as the label checks read them: rendered, lower-cased.
pub(super) fn summary_label(summary: &str) -> String {
    inline::render(summary).text.to_lowercase()
}

/// A summary (see [`summary_label`]) that names no question: `Answer`, `Solution`, `Show
/// answer`, `答案`, ….
pub(super) fn is_answer_label(label: &str) -> bool {
    let t = label
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .trim();
    t.is_empty()
        || matches!(
            t,
            "answer"
                | "answers"
                | "solution"
                | "solutions"
                | "show answer"
                | "show solution"
                | "see answer"
                | "reveal"
                | "reveal answer"
                | "click to expand"
                | "click to reveal"
                | "click to see answer"
                | "click here"
                | "expand"
                | "show"
                | "explanation"
                | "details"
                | "more"
                | "答案"
                | "解答"
                | "参考答案"
                | "答"
                | "回答"
                | "解説"
                | "正解"
        )
}

/// A summary (see [`summary_label`]) that offers a hint: `Hint`, `Hints`, `Click for hints`,
/// `Click here for a hint`.
pub(super) fn is_hint_label(label: &str) -> bool {
    let words: Vec<&str> = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= 6
        && words
            .iter()
            .any(|w| matches!(*w, "hint" | "hints" | "提示" | "ヒント"))
}
