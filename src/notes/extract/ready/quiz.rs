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
    // The question without its number (`Q3.`, `Pregunta 50.`).
    let unnumbered = strip_number(marked.unwrap_or(first));
    // A question: it ends in `?` or is numbered as one (`Q3.`). A lead-in (`This week:`) over
    // ticked and unticked items is a checklist, not a quiz.
    let numbered = marked.is_none() && unnumbered.len() < first.trim_start().len();
    let asks = first.trim_end().ends_with(['?', '？']) || numbered;
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
    // The choices: the tasks that follow, each a leaf. When every one is only a label
    // (`- [x] B`) with a block after it (a code block, a paragraph), that block is the choice.
    let run: Vec<usize> = {
        let mut run = Vec::new();
        let mut k = at;
        while k < kids.len() {
            if blocks[kids[k]].task {
                run.push(k);
                k += 1;
            } else if run.last().is_some_and(|&r| r + 1 == k)
                && is_choice_label(blocks[kids[k - 1]].text.trim())
            {
                k += 1; // the block a label stands for
            } else {
                break;
            }
        }
        run
    };
    let labelled = run.iter().all(|&k| {
        is_choice_label(blocks[kids[k]].text.trim())
            && kids.get(k + 1).is_some_and(|&n| !blocks[n].task)
    });
    let mut choices: Vec<(usize, String)> = Vec::new();
    for &k in &run {
        let b = &blocks[kids[k]];
        if b.end != kids[k] + 1 {
            return false;
        }
        let text = match (labelled, kids.get(k + 1)) {
            (true, Some(&n)) => blocks[n].text.trim(),
            _ => b.text.trim(),
        };
        choices.push((kids[k], text.to_string()));
    }
    if !labelled && run.windows(2).any(|w| w[1] != w[0] + 1) {
        return false; // plain choices with other blocks between them: not one list of choices
    }
    let right: Vec<&str> = choices
        .iter()
        .filter(|(k, _)| blocks[*k].checked)
        .map(|(_, t)| t.as_str())
        .collect();
    if choices.len() < MIN_CHOICES || right.is_empty() || right.len() == choices.len() {
        return false;
    }
    let mut question = unnumbered.to_string();
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
    // A question that reads only with its choices (`Which of the following is NOT …`, `all of
    // the above`) shows them.
    if needs_choices(&question, &right) {
        question.push('\n');
        for (_, text) in &choices {
            question.push_str("\n- ");
            question.push_str(text.lines().next().unwrap_or(""));
        }
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

/// A question's number before it: up to three letters and the number (`Q12.`, `D58.`, `F132.`,
/// `3)`), or a word that means "question" and the number (`Question 3.`, `Pregunta 50.`).
/// A subject with a version (`Python 3:`, `Windows 10.`) is no number.
fn strip_number(q: &str) -> &str {
    let t = q.trim_start();
    let letters = t.chars().take_while(|c| c.is_alphabetic()).count();
    let word_end = t.char_indices().nth(letters).map_or(t.len(), |(k, _)| k);
    let word = &t[..word_end];
    let spaced = t[word_end..].starts_with(' ');
    let numbering = if spaced {
        QUESTION_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
    } else {
        letters <= 3
    };
    if !numbering {
        return t;
    }
    let rest = t[word_end..].trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    match rest[digits..].strip_prefix(['.', ')', ':']) {
        Some(after) if digits > 0 && after.starts_with(' ') => after.trim_start(),
        _ => t,
    }
}

/// Words for "question" that number quiz questions (`Pregunta 50.`).
const QUESTION_WORDS: [&str; 8] = [
    "question",
    "pregunta",
    "frage",
    "domanda",
    "questão",
    "questao",
    "вопрос",
    "питання",
];

/// Does the question read only with its choices: it asks which of them (`Which of the
/// following`, `Which statement is true`, `… NOT …`), or the right one points at the others
/// (`All of the above`, `Both`)?
fn needs_choices(question: &str, right: &[&str]) -> bool {
    const ASKS_WHICH: [&str; 10] = [
        "following",
        "these",
        "statement",
        "true",
        "false",
        " not ",
        "siguientes",
        "suivant",
        "folgend",
        "以下",
    ];
    const POINTS_BACK: [&str; 6] = ["above", "both", "all of", "none of", "以上", "todas"];
    let q = question.to_lowercase();
    ASKS_WHICH.iter().any(|w| q.contains(w))
        || question.contains(" NOT ")
        || right.iter().any(|r| {
            let r = r.to_lowercase();
            POINTS_BACK.iter().any(|w| r.contains(w))
        })
}
