use super::*;
use crate::notes::outline::{parse_as, Flavor};

fn cards(src: &str) -> Vec<(String, String)> {
    let outline = parse_as(src, Flavor::Markdown);
    find(&outline)
        .cards
        .into_iter()
        .map(|r| (r.question, r.answer))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(q, a)| (q.to_string(), a.to_string()))
        .collect()
}

#[test]
fn a_hint_in_details_is_no_card() {
    let src = "Complete `compute_entropy()`.\n\n<details>\n<summary><font color='blue'>Click for hints</font></summary>\n\nUse `y[y == 1]`.\n</details>\n\n<details><summary>Hint</summary>a set</details>\n";
    assert_eq!(cards(src), pairs(&[]));
    assert!(!is_hint_label(&summary_label(
        "What does hinting do in fonts?"
    )));
}

#[test]
fn details_with_a_question_summary_and_blank_lines() {
    let src = "## IAM\n\n<details>\n<summary>What is IAM?</summary><br><b>\n\nIdentity and access management.\n\nIt is global.\n</b></details>\n\n<details>\n<summary>True or False? Groups hold groups</summary><br><b>\n\nFalse\n</b></details>\n";
    assert_eq!(
        cards(src),
        pairs(&[
            (
                "What is IAM?",
                "Identity and access management.\n\nIt is global."
            ),
            ("True or False? Groups hold groups", "False"),
        ])
    );
}

#[test]
fn an_answer_summary_takes_the_question_before_it() {
    let src = "**1. What does `ls` list?**\n\n<details><summary>Answer</summary>\n\nThe files of a folder.\n\n</details>\n";
    assert_eq!(
        cards(src),
        pairs(&[("What does `ls` list?", "The files of a folder.")])
    );
}

#[test]
fn q_and_a_lines_and_blocks() {
    assert_eq!(
        cards("Q: What is 2+2?\nA: 4\nQ: Capital of France?\nA: Paris\n"),
        pairs(&[("What is 2+2?", "4"), ("Capital of France?", "Paris")])
    );
    assert_eq!(
        cards("**Q:** Why sort?\n\n**A:** To search fast.\n"),
        pairs(&[("Why sort?", "To search fast.")])
    );
    // `A.B` is no answer marker; a lone `Q:` without an answer is nothing.
    assert_eq!(cards("Q: open question\nno answer here\n"), pairs(&[]));
}

#[test]
fn bold_question_then_its_paragraph() {
    assert_eq!(
        cards("**What is a monad?**\n\nA monoid in the category of endofunctors.\n"),
        pairs(&[(
            "What is a monad?",
            "A monoid in the category of endofunctors."
        )])
    );
    assert_eq!(
        cards("**Why cache?**\nSpeed.\n"),
        pairs(&[("Why cache?", "Speed.")])
    );
}

#[test]
fn bold_question_then_its_answer_on_the_line() {
    assert_eq!(
        cards("- **What is the input?** The documents retrieved and the query.\n- **什么是 CAS？** CAS 即比较并替换。\n"),
        pairs(&[
            ("What is the input?", "The documents retrieved and the query."),
            ("什么是 CAS？", "CAS 即比较并替换。"),
        ])
    );
    // Too little after it to be an answer; a bold span that asks nothing; not at the head;
    // an answer that points at what follows.
    assert!(cards("- **Why?** Speed.\n- **Note** this is long enough to be.\n- See **why not?** here and there.\n").is_empty());
    assert!(cards("- **如何支持参数动态配置？** 且看 `ThreadPoolExecutor` 提供的下面这些方法。\n- **How to configure it?** Use the methods shown below.\n").is_empty());
}

#[test]
fn two_column_tables_give_a_card_a_row() {
    let src = "| Concept | Key fact |\n| --- | --- |\n| Mitosis | one cell becomes two |\n| `a|b` | a code span with a pipe |\n";
    assert_eq!(
        cards(src),
        pairs(&[
            ("Mitosis", "one cell becomes two"),
            ("`a|b`", "a code span with a pipe"),
        ])
    );
    // Three columns, or numbers only, are not term tables.
    assert_eq!(
        cards("| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n"),
        pairs(&[])
    );
    assert_eq!(
        cards("| port | value |\n|---|---|\n| http | 80 |\n| https | 443 |\n"),
        pairs(&[])
    );
}

#[test]
fn definition_lists_and_the_question_mark_separator() {
    assert_eq!(
        cards("Apple\n: a fruit\n\nKale\n: a leaf\n"),
        pairs(&[("Apple", "a fruit"), ("Kale", "a leaf")])
    );
    assert_eq!(
        cards("How do you write A or B?\n?\nA + B\n"),
        pairs(&[("How do you write A or B?", "A + B")])
    );
    let outline = parse_as("left\n??\nright\n", Flavor::Markdown);
    assert!(find(&outline).cards[0].both_ways);
}

#[test]
fn a_code_block_of_commented_lines_is_a_card_a_line() {
    let src = "## Expand\n\n```vim\nexpand('<cword>')   \" word under cursor\nexpand('%')         \" current file\n\n\"   a note\n```\n";
    assert_eq!(
        cards(src),
        pairs(&[
            ("`expand('<cword>')`", "word under cursor"),
            ("`expand('%')`", "current file"),
        ])
    );
    // A program with a comment or two is code to read, not a list.
    assert_eq!(
        cards("```python\nx = 1  # one\ny = x + 1\nprint(y)\nz = 2\n```\n"),
        pairs(&[])
    );
}

#[test]
fn every_shape_keeps_its_cards_whatever_the_order_they_are_found_in() {
    // A sibling pair found after the `<details>` of later blocks is not lost (the cards are
    // in finding order, not block order, until `find` sorts them).
    for n in [1, 2, 5, 9] {
        let details: String = (0..n)
            .map(|k| format!("<details><summary>What is {k}?</summary>{k}</details>\n\n"))
            .collect();
        let src = format!("Q: What is 2+2?\n\nA: 4\n\n{details}");
        let found = find(&parse_as(&src, Flavor::Markdown));
        assert_eq!(found.role[0], Role::Asks, "{n}");
        assert_eq!(found.cards.len(), n + 1, "{n}");
    }
    // `Q1.` / `A1.` markers.
    assert_eq!(
        cards("Q1. What is X?\nA1. A letter.\n"),
        pairs(&[("What is X?", "A letter.")])
    );
}

#[test]
fn a_block_holding_its_own_card_leaves_its_children_theirs() {
    let outline = parse_as(
        "- Q: What is Rust?\n  A: A systems language.\n\t- ownership :: each value has one owner\n",
        Flavor::Markdown,
    );
    let found = find(&outline);
    assert_eq!(found.cards.len(), 1);
    assert_eq!(found.role[1], Role::None, "the child's own `::` card stays");
}

#[test]
fn hostile_nesting_of_details_is_linear() {
    // Every level opens a `<details>` that never closes: each is counted once.
    let src: String = (0..3000)
        .map(|d| format!("{}- <details> level {d}\n", "\t".repeat(d)))
        .collect();
    let outline = parse_as(&src, Flavor::Markdown);
    assert!(find(&outline).cards.is_empty());
}

#[test]
fn plain_notes_hold_nothing_ready_made() {
    assert_eq!(
        cards("# Title\n\nSome prose? Yes, a question in prose.\n\n- a | b\n- Q is a letter\n"),
        pairs(&[])
    );
}

#[test]
fn a_multiple_choice_question_answers_its_ticked_choices() {
    let src = "#### Q3. What does an unbalanced binary tree degenerate to?\n\n- [x] linked list\n- [ ] queue\n- [ ] set\n\n[reference](https://example.org/)\n\n#### Q6. What is the term for this code?\n\n`a, b = (2, 3)`\n\n- [ ] slicing\n- [x] tuple unpacking\n\n#### Q11. Which doctest is right?\n\n- [ ] A\n\n```python\n1 + 1\n```\n\n- [x] B\n\n```python\n>>> 1 + 1\n2\n```\n\n#### Which are primes?\n\n- [x] 2\n- [x] 3\n- [ ] 4\n";
    assert_eq!(
        cards(src),
        pairs(&[
            (
                "What does an unbalanced binary tree degenerate to?",
                "linked list"
            ),
            (
                "What is the term for this code?\n\n`a, b = (2, 3)`",
                "tuple unpacking"
            ),
            ("Which doctest is right?", "```python\n>>> 1 + 1\n2\n```"),
            ("Which are primes?", "- 2\n- 3"),
        ])
    );
}

#[test]
fn a_task_list_is_no_quiz() {
    // Every item ticked, or none: a to-do list under a question, not choices.
    let src = "## What to pack?\n\n- [x] tent\n- [x] stove\n\n## Which chapters next?\n\n- [ ] 3\n- [ ] 4\n";
    assert_eq!(cards(src), pairs(&[]));
}

#[test]
fn a_quiz_question_loses_its_number_and_shows_choices_it_needs() {
    let src = "#### Pregunta 50. ¿Qué hace `+`?\n\n- [x] suma\n- [ ] resta\n\n#### D58. Which of the following is NOT a keyword?\n\n- [ ] if\n- [x] goto\n- [ ] for\n\n#### Q7. Which limits apply?\n\n- [ ] rate\n- [ ] size\n- [x] All of the above\n";
    assert_eq!(
        cards(src),
        pairs(&[
            ("¿Qué hace `+`?", "suma"),
            (
                "Which of the following is NOT a keyword?\n\n- if\n- goto\n- for",
                "goto"
            ),
            (
                "Which limits apply?\n\n- rate\n- size\n- All of the above",
                "All of the above"
            ),
        ])
    );
}

#[test]
fn short_choices_are_choices_and_a_checklist_or_a_version_is_no_quiz_number() {
    // One-character choices with a reference after them: the ticked one answers.
    let src = "#### Q1. What is 2 + 2?\n\n- [ ] 3\n- [x] 4\n\n[reference](https://example.org/)\n\n## This week:\n\n- [x] renew passport\n- [ ] call bank\n\n#### Python 3: which keyword defines a function?\n\n- [x] def\n- [ ] fun\n";
    assert_eq!(
        cards(src),
        pairs(&[
            ("What is 2 + 2?", "4"),
            ("Python 3: which keyword defines a function?", "def"),
        ])
    );
}
