//! Multiple-choice questions: a question, then its choices as a task list with the right ones
//! ticked (`#### Q3. Which …?` › `- [x] linked list`, `- [ ] queue`). The card asks the question
//! (with what stands between it and the choices: code, a paragraph) and answers the ticked
//! choices.

use super::*;

/// A quiz has at least this many choices ...
const MIN_CHOICES: usize = 2;
/// ... and its question, with what stands before the choices, at most this many characters.
const MAX_QUESTION_CHARS: usize = 1200;

/// The card of block `i` when it is a multiple-choice question; its children are then taken.
pub(super) fn quiz(outline: &Outline, i: usize, out: &mut ReadyMade) -> bool {
    let blocks = &outline.blocks;
    let mut own = blocks[i].text.trim();
    if matches!(blocks[i].kind, BlockKind::Heading(_)) {
        own = own.trim_start_matches('#').trim_start();
    }
    let first = own.lines().next().unwrap_or("");
    let marked = qa_marker(first, QUESTION);
    let asks = first.trim_end().ends_with(['?', '？', ':', '：']);
    if (marked.is_none() && !asks) || blocks[i].task {
        return false;
    }
    let kids: Vec<usize> = outline
        .children(i)
        .filter(|&k| !blocks[k].text.trim().is_empty())
        .collect();
    let Some(at) = kids.iter().position(|&k| blocks[k].task) else {
        return false;
    };
    // The choices: the tasks that follow, each a leaf. A choice that is only a label (`- [x] B`)
    // is the block after it (a code block, a paragraph).
    let mut choices: Vec<(usize, String)> = Vec::new();
    let mut k = at;
    while k < kids.len() && blocks[kids[k]].task {
        let b = &blocks[kids[k]];
        if b.end != kids[k] + 1 {
            return false;
        }
        let text = b.text.trim();
        let next = kids.get(k + 1).filter(|&&n| !blocks[n].task);
        match next {
            Some(&n) if is_choice_label(text) => {
                choices.push((kids[k], blocks[n].text.trim().to_string()));
                k += 2;
            }
            _ => {
                choices.push((kids[k], text.to_string()));
                k += 1;
            }
        }
    }
    let right: Vec<&str> = choices
        .iter()
        .filter(|(k, _)| blocks[*k].checked)
        .map(|(_, t)| t.as_str())
        .collect();
    if choices.len() < MIN_CHOICES || right.is_empty() || right.len() == choices.len() {
        return false;
    }
    let mut question = marked.unwrap_or(first).to_string();
    for line in own.lines().skip(1) {
        question.push('\n');
        question.push_str(line);
    }
    for &k in &kids[..at] {
        question.push_str("\n\n");
        question.push_str(&blocks[k].text);
    }
    if question.len() > MAX_QUESTION_CHARS {
        return false;
    }
    let answer = if right.len() == 1 {
        right[0].to_string()
    } else {
        right
            .iter()
            .map(|r| format!("- {r}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let before = out.cards.len();
    push(out, i, blocks[i].line, &question, &answer, false);
    if out.cards.len() == before {
        return false;
    }
    take_subtree(outline, i, out);
    out.role[i] = Role::Asks;
    true
}

/// A choice that only names itself: `A`, `b)`, `(3)`, `D.`.
fn is_choice_label(text: &str) -> bool {
    let t = text.trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ':' | ' '));
    t.chars().count() == 1 && t.chars().all(|c| c.is_ascii_alphanumeric())
}
