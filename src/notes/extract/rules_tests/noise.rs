//! Rules against noise: one test per rule that keeps a block of other people's notes from
//! becoming a card.

use super::*;

#[test]
fn questions_without_words_of_their_own_ask_nothing() {
    for q in [
        "[[Fixed issues]]",
        "#tag #other",
        "https://example.org/page",
        "[[Mar 3rd, 2026]]",
        "2026",
        "🎉",
        "![img](a.png)",
        "{{renderer :kit}}",
    ] {
        let got = x(&format!("- {q}\n\t- one answer\n\t- another\n"));
        assert!(got.cards.is_empty(), "{q}: {:?}", got.cards);
    }
    // A heading naming a page is a concept, and asks.
    assert_eq!(
        questions(&x("- ## [[duck type]]\n\t- quacks\n")),
        ["duck type"]
    );
}

#[test]
fn answers_one_cannot_recall_give_no_card() {
    skipped_as("- open tasks\n\t- {{query (todo now)}}\n", 1, Reason::Query);
    skipped_as(
        "- open tasks\n\t- #+BEGIN_QUERY\n\t  {:title \"x\"}\n\t  #+END_QUERY\n",
        1,
        Reason::Query,
    );
    skipped_as(
        "- the button\n\t- {{renderer :kitButton, x}}\n",
        1,
        Reason::Media,
    );
    skipped_as("- the cover\n\t- ![cover](c.png)\n", 1, Reason::Media);
    skipped_as(
        "- see\n\t- ((6604a1f2-3b7c-4e15-9a2d-81c0f4e6b7a3))\n",
        1,
        Reason::Plain,
    );
}

#[test]
fn block_markers_render_as_their_content() {
    let got = x("- a buffer\n\t- #+BEGIN_QUOTE\n\t  a shock absorber\n\t  #+END_QUOTE\n\t- #+BEGIN_NOTE\n\t  on the exam\n\t  #+END_NOTE\n");
    assert_eq!(got.cards.len(), 1);
    let a = &got.cards[0].answer;
    assert!(
        a.contains("> a shock absorber") && a.contains("> Note: on the exam"),
        "{a}"
    );
    assert!(!a.contains("#+"), "{a}");
}

#[test]
fn tasks_are_plans_and_leave_no_markers() {
    let got = x("- TODO read the rules\n\t- they are short\n- DONE fix it\n  :LOGBOOK:\n  CLOCK: [2026-03-01]\n  :END:\n- topic\n\t- a fact\n\t- LATER check this\n\t- another fact\n");
    assert_eq!(reason(&got, 1), Some(Reason::Task));
    assert!(got.cards.iter().all(|c| !c.question.contains("TODO")));
    // A task among the children: the block is a plan, no question.
    assert_eq!(reason(&got, 7), Some(Reason::Task));
    let x2 = x(
        "- [ ] renew passport\n\t- expires in May\n- q\n\t- a\n\t  SCHEDULED: <2026-03-05 Thu>\n",
    );
    assert_eq!(reason(&x2, 1), Some(Reason::Task));
    assert_eq!(x2.cards[0].answer, "a");
}

#[test]
fn bold_labels_are_not_clozes() {
    for src in [
        "- **Note**: the endpoint differs\n",
        "- **Warning:** hot\n",
        "- **Question**: why?\n",
    ] {
        assert!(x(src).cards.is_empty(), "{src}");
    }
    // A term being defined is.
    assert_eq!(
        questions(&x("- **detached HEAD**: HEAD holds a hash\n")),
        ["[…]: HEAD holds a hash"]
    );
}

#[test]
fn bold_in_prose_is_emphasis() {
    let long = "word ".repeat(70);
    skipped_as(&format!("- {long}**really** {long}\n"), 1, Reason::Prose);
}

#[test]
fn bold_ending_inside_a_word_is_emphasis() {
    skipped_as(
        "- implicit re**borrow**ing of a reference\n",
        1,
        Reason::BoldPartWord,
    );
}

#[test]
fn a_cloze_whose_answer_brackets_give_away_is_none() {
    skipped_as(
        "- tener → **tuv-** stem (tuve, tuviste)\n",
        1,
        Reason::AnswerVisible,
    );
}

#[test]
fn long_answers_are_not_recallable() {
    let many: String = (0..12).map(|k| format!("\t- fact number {k}\n")).collect();
    skipped_as(&format!("- topic\n{many}"), 1, Reason::TooLong);
    let long = "word ".repeat(130);
    skipped_as(
        &format!("- topic\n\t- {long}\n\t- more\n"),
        1,
        Reason::TooLong,
    );
}

#[test]
fn prose_sections_are_not_answers() {
    let para = "The reviews took an embarassing number of evenings to read. ".repeat(6);
    skipped_as(
        &format!("## 2. Choosing the desk\n\n{para}\n"),
        1,
        Reason::Prose,
    );
}

#[test]
fn numbering_only_headings_ask_nothing() {
    for h in ["1.", "03", "「1」"] {
        skipped_as(&format!("## {h}\n\nshort answer\n"), 1, Reason::NoWords);
    }
}

#[test]
fn lists_of_links_and_names_are_not_definitions() {
    skipped_as(
        "- Contributors\n\t- @rvaldez\n\t- [[Jonas Eberhardt]]\n\t- @mi-sato\n",
        1,
        Reason::LinkList,
    );
    skipped_as(
        "- Ownership pages\n\t- [[Rust ownership]]\n\t- [[Borrowing]]\n",
        1,
        Reason::LinkList,
    );
}

#[test]
fn dated_titles_are_logs() {
    skipped_as(
        "- ## 2026-02-03 weekly sync\n\t- Tom is back\n\t- **Decision:** ship it\n",
        1,
        Reason::Log,
    );
    skipped_as("- Mon 2/2\n\t- standup\n\t- lunch\n", 1, Reason::Log);
    // The log's children give no automatic cards either.
    let got = x("- ## 2026-02-17 planning\n\t- release is **Mar 10**\n");
    assert!(got.cards.is_empty());
}

#[test]
fn generic_titles_and_questions_about_the_author_ask_nothing() {
    skipped_as("- Notes\n\t- one\n\t- two\n", 1, Reason::Generic);
    skipped_as(
        "- Why I'm doing this\n\t- to stop using the mouse\n",
        1,
        Reason::NotSelfContained,
    );
    skipped_as(
        "- why is the code above rejected?\n\t- it moves\n",
        1,
        Reason::NotSelfContained,
    );
}

#[test]
fn references_and_open_questions_and_examples_are_not_answers() {
    // A reference entry: what is under it is about the book (the reader's remarks), a log.
    let got = x("- [[Piranesi]] — Susanna Clarke\n\t- won the **Women's Prize** in 2021\n");
    assert!(got.cards.is_empty());
    assert_eq!(reason(&got, 1), Some(Reason::Reference));
    assert_eq!(reason(&got, 2), Some(Reason::Log));
    skipped_as(
        "- to look up\n\t- what is rerere?\n\t- ROC vs PR？\n",
        1,
        Reason::OpenQuestions,
    );
    skipped_as("- は\n\t- 例：象は鼻が長い。\n", 1, Reason::Examples);
}

#[test]
fn quotes_callouts_and_footnotes_give_no_automatic_cards() {
    skipped_as(
        "> [!warning] Common mistake\n> Plant cells **do** have mitochondria.\n",
        1,
        Reason::Quote,
    );
    skipped_as(
        "[^1]: SHA-256 repos cannot push to **SHA-1** ones\n",
        1,
        Reason::Footnote,
    );
}

#[test]
fn a_heading_whose_children_give_cards_is_a_section() {
    // Logseq: any card below.
    skipped_as(
        "- ## Moves\n\t- passing a value **transfers ownership**\n\t- plain remark\n",
        1,
        Reason::Section,
    );
    // Markdown: a question below.
    skipped_as(
        "## Borrowing\n- shared: many\n- mutable: one\n  - and no shared ones\n",
        1,
        Reason::Section,
    );
    // Markdown: a short section answers its heading; its paragraph's clozes are siblings.
    let got = x("## Packfiles\n\n`git gc` bundles objects into a pack.\n\n- stored as **deltas**\n- newest kept whole\n");
    assert_eq!(questions(&got)[0], "Packfiles");
}

#[test]
fn a_repeated_sibling_question_is_asked_once() {
    let got = x("- Ownership rules\n\t- one owner\n- Ownership rules\n\t- merge later\n");
    assert_eq!(questions(&got), ["Ownership rules"]);
    assert_eq!(reason(&got, 3), Some(Reason::Duplicate));
}
