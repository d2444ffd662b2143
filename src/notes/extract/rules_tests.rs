//! One test per extraction rule, each with the smallest note that shows it (issue 10). A rule
//! that skips a block is checked by its reason in `Extraction::skipped`.

use super::*;

fn x(src: &str) -> Extraction {
    cards_from_text(src, NoteRef::new("d", "pages/d.md"), &Settings::default())
}

fn logseq(src: &str) -> Extraction {
    let note = NoteRef {
        logseq: true,
        ..NoteRef::new("d", "graph/pages/d.md")
    };
    cards_from_text(src, note, &Settings::default())
}

/// Questions (or cloze questions) of the cards made.
fn questions(x: &Extraction) -> Vec<&str> {
    x.cards.iter().map(|c| c.question.as_str()).collect()
}

/// Questions and answers of the cards made.
fn question_answers(x: &Extraction) -> Vec<(&str, &str)> {
    x.cards
        .iter()
        .map(|c| (c.question.as_str(), c.answer.as_str()))
        .collect()
}

/// The reason block `line` gave no card.
fn reason(x: &Extraction, line: usize) -> Option<Reason> {
    x.skipped.iter().find(|s| s.line == line).map(|s| s.reason)
}

#[track_caller]
fn skipped_as(src: &str, line: usize, want: Reason) {
    let got = x(src);
    assert_eq!(reason(&got, line), Some(want), "{src:?}\n{:#?}", got.cards);
}

// ---- parsing ----

#[test]
fn double_colon_in_code_fences_and_spans_is_code() {
    let got = x(
        "- button script\n\t- ```js\n\t  // kit:: runpage\n\t  ```\n- in R: `stats::sd(x)` :: no\n",
    );
    assert!(
        got.cards
            .iter()
            .all(|c| !c.question.contains("kit") && c.answer != "runpage"),
        "{:#?}",
        got.cards
    );
    assert!(questions(&got).contains(&"in R: `stats::sd(x)`"));
    assert_eq!(
        reason(&got, 2),
        Some(Reason::InAnswer),
        "the code is the answer of line 1"
    );
}

#[test]
fn double_colon_in_quotes_and_brackets_is_text() {
    assert!(x("- use [:code \"a-b :: false\"] in templates\n")
        .cards
        .is_empty());
    assert!(x("- say \"a :: b\" twice\n").cards.is_empty());
}

#[test]
fn any_run_without_spaces_before_double_colon_is_a_property() {
    for line in ["-icon:: f021", "draft?:: true", "+hide:: x", "a.b/c:: y"] {
        let got = x(&format!("- q\n  {line}\n\t- a\n"));
        assert_eq!(questions(&got), ["q"], "{line}");
        assert!(!got.cards[0].answer.contains("::"));
        let page = x(&format!("{line}\n\n- q\n\t- a\n"));
        assert_eq!(questions(&page), ["q"], "{line}");
    }
}

#[test]
fn an_unbulleted_first_line_of_a_logseq_page_is_a_block_of_its_own() {
    let src = "## Release 2.1\n\t- fixed the export\n- ## Release 2.0\n\t- first release\n\t- on the marketplace\n";
    let got = logseq(src);
    let o = parse_note(
        src,
        NoteRef {
            logseq: true,
            ..NoteRef::new("d", "d.md")
        },
        &Caps::default(),
    );
    let roots: Vec<usize> = o.roots().map(|i| o.blocks[i].line).collect();
    assert_eq!(roots, [1, 3], "every column-0 block is top level");
    assert_eq!(
        o.blocks[1].parent,
        Some(0),
        "indented bullets under the first block are its"
    );
    assert!(got
        .cards
        .iter()
        .all(|c| !c.context.contains("Release 2.1") || c.line == 2));
}

#[test]
fn cjk_bold_hides_only_the_bold_span() {
    let got = x("- 貓屬於**食肉目**動物\n");
    assert_eq!(questions(&got), ["貓屬於[…]動物"]);
    assert_eq!(got.cards[0].answer, "食肉目");
}

#[test]
fn cloze_hints_show_in_the_blank_and_are_not_the_answer() {
    let got =
        x("- the sky is {{cloze blue \\\\ a colour}} today\n- the rose is {{c1::red::colour}}\n");
    assert_eq!(
        question_answers(&got),
        [
            ("the sky is [… a colour] today", "blue"),
            ("the rose is [… colour]", "red")
        ]
    );
}

#[test]
fn yaml_front_matter_is_read_by_a_yaml_parser() {
    let got = x("---\ntags: ['weekly/12', \"b\"]\nnested:\n  a: 1\n---\n- q\n\t- a\n");
    assert_eq!(*got.cards[0].tags, ["weekly/12", "b"]);
}

#[test]
fn a_card_tag_leaves_the_words_around_it() {
    let got = x("- What is the #card GIL?\n\t- a lock\n- mid#card word\n\t- stays\n");
    assert_eq!(questions(&got), ["What is the GIL?", "mid#card word"]);
}

// ---- noise: see `noise.rs` ----

mod noise;

// ---- visible and controllable ----

#[test]
fn explicit_cards_no_longer_make_a_page_explicit_only() {
    let got = x("- pH :: minus log of [H+]\n- Arrhenius acid\n\t- raises [H+] in water\n- a **strong** acid dissociates fully\n");
    let origins: Vec<(&str, Origin)> = got
        .cards
        .iter()
        .map(|c| (c.question.as_str(), c.origin))
        .collect();
    assert_eq!(
        origins,
        [
            ("pH", Origin::Explicit),
            ("Arrhenius acid", Origin::Auto),
            ("a […] acid dissociates fully", Origin::Auto)
        ]
    );
    // Explicit-only is a choice: a page property, the configuration or --mode.
    let only =
        x("recall-cards:: explicit\n\n- pH :: minus log\n- Arrhenius acid\n\t- raises [H+]\n");
    assert_eq!(questions(&only), ["pH"]);
    assert_eq!(reason(&only, 4), Some(Reason::ExplicitOnly));
}

#[test]
fn an_explicit_card_takes_the_place_of_its_blocks_automatic_ones() {
    let got = x("- What is the **GIL**? #card\n\t- a lock\n");
    assert_eq!(questions(&got), ["What is the **GIL**?"]);
    assert_eq!(got.cards[0].origin, Origin::Explicit);
}

#[test]
fn a_childless_card_line_is_split_at_its_dash_and_a_colon_line_warns_not() {
    let got = x("- la carte vs le menu — **la carte** is the menu #card\n- 주문하다 :: to order #card\n- lonely #card\n");
    assert_eq!(
        questions(&got),
        ["la carte vs le menu", "주문하다"],
        "{:#?}",
        got.cards
    );
    assert_eq!(got.cards[0].answer, "**la carte** is the menu");
    let lines: Vec<usize> = got.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, [3], "{:#?}", got.warnings);
}

#[test]
fn a_double_colon_card_with_a_number_or_a_pronoun_is_kept_a_diary_line_says_why_not() {
    let got = x("- 404 :: Not Found\n- je suis :: I am\n- courgette :: I planted four again\n");
    assert_eq!(questions(&got), ["404", "je suis"]);
    assert_eq!(reason(&got, 3), Some(Reason::NotSelfContained));
}

#[test]
fn hostile_lines_of_clozes_and_bold_make_at_most_the_cap_of_cards() {
    let line = "{{c1::a}} ".repeat(5_000);
    assert_eq!(x(&format!("- {line}\n")).cards.len(), 1);
    let line: String = (0..5_000).map(|n| format!("{{{{c{n}::a}}}} ")).collect();
    assert_eq!(
        x(&format!("- {line}\n")).cards.len(),
        crate::notes::caps::MAX_CLOZES_PER_BLOCK
    );
    let line = "the **term** and ".repeat(5_000);
    let got = x(&format!("- {line} #card\n"));
    assert!(
        got.cards.len() <= crate::notes::caps::MAX_CLOZES_PER_BLOCK,
        "{}",
        got.cards.len()
    );
}

#[test]
fn a_card_tag_on_a_category_of_cards_makes_no_card() {
    let got = x("## Distributions #card\n- Normal: 68–95–99.7 #card\n  - 68% within 1 SD\n- z-score? #card\n  - distance in SDs\n- Poisson distribution\n  - counts of events\n");
    assert_eq!(reason(&got, 1), Some(Reason::CardCategory));
    assert_eq!(
        questions(&got),
        ["Normal: 68–95–99.7", "z-score?", "Poisson distribution"]
    );
}

#[test]
fn every_skipped_block_has_a_reason() {
    let got = x("- \n- plain line\n- topic\n\t- a\n\t- b\n");
    assert_eq!(reason(&got, 1), Some(Reason::Empty));
    assert_eq!(reason(&got, 2), Some(Reason::Plain));
    assert_eq!(reason(&got, 4), Some(Reason::InAnswer));
}

#[test]
fn org_pages_are_outlines() {
    let note = NoteRef::new("d", "notes/emacs.org");
    let got = cards_from_text(
        "#+TITLE: Emacs\n* Point and mark\n:PROPERTIES:\n:ID: 4f1c2a9e-7b3d\n:END:\n- *point* :: the cursor position\n** TODO learn capture\n- step one\n** Hooks\nA hook is a *list of functions* run at a moment.\n",
        note,
        &Settings::default(),
    );
    let q = questions(&got);
    assert!(q.contains(&"**point**"), "{q:?}");
    assert!(q.contains(&"Hooks"), "{q:?}");
    assert!(
        !q.iter()
            .any(|q| q.contains("TODO") || q.contains("learn capture")),
        "{q:?}"
    );
    assert!(got.cards.iter().all(|c| !c.answer.contains(":PROPERTIES:")));
}

#[test]
fn a_definition_and_the_clozes_its_answer_shows_share_a_group() {
    let got = x("- event loop\n\t- picks and runs the **most ready** task from its queue\n\t- one per thread\n- other\n\t- far **away** block\n\t\t- with a child\n\t\t- and another\n\t\t- and more\n\t\t- and more\n\t\t- and more\n");
    let groups: Vec<(&str, usize)> = got
        .cards
        .iter()
        .map(|c| (c.question.as_str(), c.group))
        .collect();
    assert_eq!(groups[0], ("event loop", 1));
    assert_eq!(
        groups[1],
        ("picks and runs the […] task from its queue", 1),
        "shown whole in card 1's answer"
    );
    let far = groups.iter().find(|(q, _)| q.starts_with("far")).unwrap();
    assert_eq!(
        far.1, 5,
        "a long child is shown by its first line only: its own group"
    );
}

#[test]
fn a_cloze_that_repeats_its_definition_card_is_none() {
    let got = x("- Declaration of the Rights of Man\n\t- adopted **26 August 1789**\n");
    assert_eq!(questions(&got), ["Declaration of the Rights of Man"]);
    assert_eq!(reason(&got, 2), Some(Reason::Duplicate));
    // So does one that hides the answer's head (`**a directory** of …` under `Config group`).
    let got = x("- Config group\n\t- **a directory** of config files\n");
    assert_eq!(questions(&got), ["Config group"]);
    // A cloze that leaves a real cue stays, as a sibling of the card.
    let got = x("- Nucleus\n\t- holds the chromosomes, wrapped in a double membrane (the **nuclear envelope**)\n");
    assert_eq!(got.cards.len(), 2);
    assert_eq!(got.cards[1].group, 1);
}

#[test]
fn highlights_are_not_clozes_and_show_their_text() {
    let got = x("- Mitochondrion\n\t- site of ==aerobic respiration==\n");
    assert_eq!(got.cards.len(), 1);
    assert_eq!(got.cards[0].answer, "site of aerobic respiration");
}

#[test]
fn highlights_are_clozes_where_the_configuration_or_the_page_turns_them_on() {
    let src = "- The ==nucleus== holds the **chromosomes**, see `==code==`\n";
    assert_eq!(
        questions(&x(src)),
        ["The nucleus holds the […], see `==code==`"]
    );
    let on = Settings {
        highlight_cloze: true,
        ..Settings::default()
    };
    let got = cards_from_text(src, NoteRef::new("d", "pages/d.md"), &on);
    assert_eq!(
        questions(&got),
        [
            "The […] holds the **chromosomes**, see `==code==`",
            "The **nucleus** holds the […], see `==code==`"
        ]
    );
    assert_eq!(got.cards[0].answer, "nucleus");
    // The page says so too, and says otherwise over the configuration.
    let page = format!("recall-highlight-cloze:: true\n\n{src}");
    assert_eq!(questions(&x(&page)).len(), 2);
    let page = format!("recall-highlight-cloze:: false\n\n{src}");
    let got = cards_from_text(&page, NoteRef::new("d", "pages/d.md"), &on);
    assert_eq!(questions(&got).len(), 1);
    // A value that is no switch is said, at its line, and the configuration's stands.
    let page = format!("title:: d\nrecall-highlight-cloze:: maybe\n\n{src}");
    let got = cards_from_text(&page, NoteRef::new("d", "pages/d.md"), &on);
    assert_eq!(questions(&got).len(), 2);
    let said: Vec<(usize, &str)> = got
        .warnings
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(
        said,
        [(
            2,
            "recall-highlight-cloze:: `maybe` is not true or false; using true"
        )]
    );
}

#[test]
fn an_answer_made_only_of_double_colon_lines_repeats_them() {
    let got = x("## Cell words\n\nCytosol :: the fluid part\nApoptosis :: programmed cell death\n\n#bio #midterm\n");
    assert_eq!(questions(&got), ["Cytosol", "Apoptosis"]);
    assert_eq!(reason(&got, 1), Some(Reason::Section));
}

#[test]
fn long_lists_and_long_sections_are_not_one_card() {
    let seven: String = (1..=7)
        .map(|k| format!("\t- word{k} — meaning {k}\n"))
        .collect();
    skipped_as(&format!("- Verbs (week 8)\n{seven}"), 1, Reason::TooLong);
    // A verb's six persons are one thing to recall.
    let got =
        x("- hablar\n\t- hablo\n\t- hablas\n\t- habla\n\t- hablamos\n\t- habláis\n\t- hablan\n");
    assert_eq!(questions(&got), ["hablar"]);
    skipped_as(
        "## When to use it\n\n- before a PR\n- to reword\n- to reorder\n- not on shared branches\n",
        1,
        Reason::TooLong,
    );
    // A table is read, not recalled: no card answers with one.
    skipped_as(
        "## TCP vs UDP\n\n| | TCP | UDP |\n|---|---|---|\n| a | b | c |\n| d | e | f |\n",
        1,
        Reason::Table,
    );
    // A lead-in announces its children; it asks nothing.
    skipped_as("- Other kinds:\n\t- one\n\t- two\n", 1, Reason::LeadIn);
    // A term and its gloss states its fact; its children are examples of it.
    skipped_as(
        "- を (wo): Direct object\n\t- 本を読みます - read a book\n\t- 水を飲みます - drink water\n",
        1,
        Reason::StatesFact,
    );
}

#[test]
fn a_list_of_terms_too_long_for_one_answer_is_a_card_per_term() {
    let seven: String = (1..=7)
        .map(|k| format!("\t- word{k} — meaning number {k}\n"))
        .collect();
    let got = x(&format!("- Verbs (week 8)\n{seven}"));
    assert_eq!(reason(&got, 1), Some(Reason::TooLong));
    assert_eq!(got.cards.len(), 7);
    assert_eq!(
        (&*got.cards[0].question, &*got.cards[0].answer),
        ("word1", "meaning number 1")
    );
    // A timeline is a log, not terms; a value is not a meaning; math is not split.
    let log: String = (1..=7)
        .map(|k| format!("\t- 2{k} May 08:30 — support escalates it again\n"))
        .collect();
    assert!(x(&format!("- Incident\n{log}")).cards.is_empty());
    let math: String = (1..=7)
        .map(|k| format!("\t- $T(n) = T(n/{k}) + 1$ for case {k}\n"))
        .collect();
    assert!(x(&format!("- Recurrences\n{math}")).cards.is_empty());
}

#[test]
fn a_cloze_asks_from_a_sentence_one_can_read_at_once() {
    let long = "a very long clause that goes on and on ".repeat(4);
    skipped_as(
        &format!("- it holds the **nucleus** and {long}\n"),
        1,
        Reason::Prose,
    );
    // In a line of several sentences, the cloze's own sentence is what counts.
    let got = x(&format!(
        "- The heartbeat starts in the **SA node**. {long}.\n"
    ));
    assert_eq!(got.cards.len(), 1);
}

#[test]
fn notes_to_oneself_are_not_cards() {
    skipped_as(
        "- courgette\n\t- one is enough. I planted four again\n",
        1,
        Reason::NotSelfContained,
    );
    skipped_as(
        "- I finally got the **monad** thing today\n",
        1,
        Reason::NotSelfContained,
    );
    assert!(x("- courgette :: I planted four again\n").cards.is_empty());
    // An aside in the first person after a fact leaves the fact a card.
    let got = x("- Bulk fermentation\n\t- The first rise, in one mass. Done when it jiggles. This is where my loaves go wrong.\n");
    assert_eq!(questions(&got), ["Bulk fermentation"]);
}

#[test]
fn a_line_stating_a_bold_term_is_asked_by_its_cloze() {
    let got = x("- **Expenditure approach**: Y = C + I + G + NX\n\t- careful with investment, it means capital goods\n");
    assert_eq!(questions(&got), ["[…]: Y = C + I + G + NX"]);
    assert_eq!(reason(&got, 1), None, "it gave a cloze");
}

#[test]
fn clozes_the_line_gives_away_are_none() {
    // A pair compared with `vs`, and terms sharing a word.
    assert!(x("- **-아서** vs **-니까** (both \"because\")\n")
        .cards
        .is_empty());
    assert!(
        x("- **Lewis acid**: accepts a pair. **Lewis base**: donates one.\n")
            .cards
            .is_empty()
    );
    // The answer said again in the line.
    skipped_as(
        "- *Se fossi* is **congiuntivo imperfetto** → see [[Congiuntivo imperfetto]]\n",
        1,
        Reason::AnswerVisible,
    );
}

#[test]
fn schedules_budgets_and_names_are_not_clozes() {
    skipped_as(
        "- the release is on **Mar 10**, code freeze before\n",
        1,
        Reason::Schedule,
    );
    skipped_as(
        "- **Umzugshelden**: 1.600 €, good reviews\n",
        1,
        Reason::Schedule,
    );
    skipped_as(
        "- **Brother Osk** (Tom) — dwarf cleric, argues a lot\n",
        1,
        Reason::BoldLabel,
    );
    // History keeps its dates, a glossary its terms.
    assert_eq!(
        x("- the Estates-General opens on **5 May 1789**\n")
            .cards
            .len(),
        1
    );
    assert_eq!(x("- **P wave** — atrial depolarisation\n").cards.len(), 1);
}

#[test]
fn chapters_examples_and_stress_words_ask_nothing() {
    skipped_as(
        "- Ch. 1 — The invisible city\n\t- sewers are old\n",
        1,
        Reason::Generic,
    );
    skipped_as(
        "## Example: fold the WIP commits\n\nrun rebase -i\n",
        1,
        Reason::Generic,
    );
    for w in ["not", "careful", "Don't", "now", "Not sure"] {
        let got = x(&format!(
            "- order it **{w}** because it takes weeks to install\n"
        ));
        assert!(got.cards.is_empty(), "{w}");
    }
}

#[test]
fn capitalised_double_colon_lines_in_markdown_are_cards_not_fields() {
    let got = x("# Funds\n\nrating:: 5\nsource:: [[Make It Stick]] ch. 2\n\nTER:: total expense ratio of a fund\nStatus:: done\n");
    assert_eq!(questions(&got), ["TER"]);
    // In a Logseq page every `key:: value` is a property.
    let got = logseq("- fund\n  TER:: total expense ratio of a fund\n");
    assert!(got.cards.is_empty(), "{:?}", got.cards);
}

#[test]
fn a_block_that_only_embeds_another_asks_nothing() {
    let src = "- ## Root cause\n  id:: 6703c9e1-2f44-4b19-8e7d-5a6b3c2d1e90\n\t- the timeout was shorter than the handler\n- {{embed ((6703c9e1-2f44-4b19-8e7d-5a6b3c2d1e90))}}\n\t- ^ exactly the incident for tail sampling\n";
    let got = x(src);
    assert_eq!(questions(&got), ["Root cause"]);
    assert_eq!(reason(&got, 4), Some(Reason::Reference));
}

#[test]
fn verdicts_labels_and_rates_are_not_clozes() {
    skipped_as(
        "- H3: the consumer reads the message twice -> **yes**\n",
        1,
        Reason::BoldEmphasis,
    );
    skipped_as(
        "- **Mechanism**: competitive antagonists at beta receptors\n",
        1,
        Reason::BoldLabel,
    );
    skipped_as(
        "- **Irregular expenses** — 80/month for car insurance, dentist\n",
        1,
        Reason::Schedule,
    );
    // Terms sharing their last word, or compared with `vs` across a remark.
    assert!(
        x("- **Major triad** = root + major 3rd. **Minor triad** = root + minor 3rd\n")
            .cards
            .is_empty()
    );
    assert!(
        x("- **sympathetic** (fight or flight) vs **parasympathetic** (rest)\n")
            .cards
            .is_empty()
    );
}

#[test]
fn an_answer_still_being_worked_out_is_no_card() {
    skipped_as(
        "- Pronouncing fils\n\t- the s is pronounced, l is silent\n\t- the other fils?? ask\n",
        1,
        Reason::OpenQuestions,
    );
}

#[test]
fn a_term_is_hidden_once_a_page() {
    let got = x("- parts\n\t- outer **abstraction**: what callers see\n\t- inner **implementation**: wrapped by **abstraction**\n- `Logger` is the **abstraction** here, seen by callers\n");
    let hidden: Vec<&str> = got
        .cards
        .iter()
        .filter(|c| c.kind == CardKind::Cloze)
        .map(|c| c.answer.as_str())
        .collect();
    assert_eq!(
        hidden,
        ["abstraction", "implementation"],
        "{:#?}",
        got.cards
    );
    assert_eq!(reason(&got, 4), Some(Reason::TermAsked));
}

#[test]
fn a_cloze_of_a_cards_only_answer_line_is_no_second_card() {
    let got = x("- duck type\n\t- if a cat can **quack**, it is a duck\n");
    assert_eq!(questions(&got), ["duck type"]);
    assert_eq!(reason(&got, 2), Some(Reason::Duplicate));
}

#[test]
fn a_line_that_goes_on_from_its_parent_is_no_cloze() {
    let got = x("- an awaitable implements `__await__()`, giving an iterator\n\t- which the loop uses to **suspend and resume** execution\n");
    assert!(
        got.cards.iter().all(|c| c.kind != CardKind::Cloze),
        "{:#?}",
        got.cards
    );
    assert!(rules::continues_a_sentence("and then **this**"));
    assert!(!rules::continues_a_sentence("which port does SSH use?"));
    assert!(!rules::continues_a_sentence("Which is the default?"));
}

#[test]
fn settings_ask_nothing_and_answer_nothing() {
    // A setting with its own settings under it.
    skipped_as(
        "- run: single run\n\t- dir: output directory\n",
        1,
        Reason::Settings,
    );
    // Facts written the same way under a subject are no settings.
    assert_eq!(
        questions(&x("- borrowing\n\t- shared: many\n\t- mutable: one\n")),
        ["borrowing"]
    );
    // A key whose answer is settings.
    skipped_as(
        "- job\n\t- name: job name, default by file name\n\t- chdir:\n",
        1,
        Reason::Settings,
    );
    // A lower-case term defined after a colon is no setting.
    assert!(!rules::is_setting(
        "serialize: the process of turning an object into bytes"
    ));
    assert!(rules::is_setting("timeout_ms: 30"));
}

#[test]
fn a_plural_lists_the_terms_its_items_head() {
    let got = x("- awaitables\n\t- types of awaitables\n\t\t- **Coroutines**\n\t\t\t- defined by `async def`\n\t\t\t- awaited or scheduled\n\t\t- **Futures**: objects representing a **pending result**\n\t\t\t- low level\n\t\t- **Tasks**: coroutines scheduled in an event loop\n");
    let card = got
        .cards
        .iter()
        .find(|c| c.question == "types of awaitables")
        .expect("a card for the plural");
    assert_eq!(card.answer, "- Coroutines\n- Futures\n- Tasks");
}

#[test]
fn a_facet_asks_with_the_subject_above_a_facet_phrase() {
    let got = x("- hydra\n\t- Config Concepts\n\t\t- config\n\t\t\t- a yaml file of settings\n\t\t\t- chosen by `config_name`\n\t\t- group\n\t\t\t- a directory of configs\n");
    assert!(
        questions(&got).contains(&"hydra: config"),
        "{:#?}",
        questions(&got)
    );
}

#[test]
fn a_list_is_no_cloze_and_long_items_are_no_answer() {
    skipped_as(
        "- coroutines yield to the loop and wait for other **coroutines, tasks or futures** to finish\n",
        1,
        Reason::ClozeSpan,
    );
    skipped_as(
        "- Adapter approaches\n\t- Have FileLog become FileLikeSyslog, which implements the `write()` method of a file, then pass it on to the filtering logger\n\t- it writes like a file\n",
        1,
        Reason::TooLong,
    );
}

#[test]
fn a_lab_or_an_assignment_gives_explicit_cards_only() {
    let lab = "# Practice Lab: Decision Trees\n\n## Outline\n\n- entropy\n  - a measure of **impurity** of a node\n";
    skipped_as(lab, 6, Reason::ExercisePage);
    let sheet = "# Trees\n\n### Exercise 1\n\nentropy\n\n- a measure of **impurity**\n\n### Exercise 2\n\ngain\n";
    assert!(x(sheet).cards.is_empty(), "{:#?}", x(sheet).cards);
    // A statement of what to do: its objectives, its instructions.
    let task = "## Sum\n\n### Objectives\n\n1. Write a script that sums two numbers\n\n### Constraints\n\n- Use functions\n- Use **while** loops\n";
    assert!(x(task).cards.is_empty(), "{:#?}", x(task).cards);
    // One exercise heading in study notes is only a heading.
    assert!(
        !x("# Trees\n\n### Exercise 1\n\n- a measure of **impurity** of a node\n")
            .cards
            .is_empty()
    );
    // Judged by the file too: an exercise's solution, a repository's own file.
    let notes = "- entropy\n  - a measure of **impurity** of a node\n";
    for (file, why) in [
        ("topics/aws/exercises/s3/solution.md", Reason::ExercisePage),
        ("repo/CONTRIBUTING.md", Reason::RepositoryFile),
    ] {
        let got = cards_from_text(notes, NoteRef::new("d", file), &Settings::default());
        assert!(got.cards.is_empty(), "{file}: {:#?}", got.cards);
        assert_eq!(reason(&got, 1), Some(why), "{file}");
    }
    assert!(!x(notes).cards.is_empty());
    assert!(rules::is_exercise_title("Exercise 2"));
    assert!(rules::is_exercise_title("Task 3:"));
    assert!(!rules::is_exercise_title("Exercise caution"));
}

#[test]
fn a_metadata_field_as_a_title_asks_nothing() {
    skipped_as("## Title\n\nBellman Equations\n", 1, Reason::Generic);
    skipped_as("- id\n\t- 3\n", 1, Reason::Generic);
    skipped_as("## Author\n\nJane Doe, 2019\n", 1, Reason::Generic);
    skipped_as(
        "## Footnotes\n\nAugmenting Long-term Memory\n",
        1,
        Reason::Generic,
    );
}

#[test]
fn addresses_and_pointers_are_no_answers_or_questions() {
    skipped_as(
        "- React types PR\n\t- https://github.com/x/y/pull/1\n\t- https://github.com/x/y/pull/2 add a map\n",
        1,
        Reason::LinkList,
    );
    skipped_as(
        "- See https://example.com/about-sessions.md\n\t- now an array of states\n",
        1,
        Reason::Reference,
    );
    skipped_as(
        "## Also see\n\n- [Docs](https://example.com)\n",
        1,
        Reason::Generic,
    );
    // A Markdown link naming a term is a term.
    assert!(!rules::starts_with_link(
        "[Promise.some](https://x.org)([p], n) - expect n to pass"
    ));
}

#[test]
fn a_one_word_label_over_code_names_an_example() {
    skipped_as(
        "## Order\n\n```rb\nscope :recent, -> { order created_at: :desc }\n```\n",
        1,
        Reason::Examples,
    );
    // A label that says what the code does asks.
    let got = x("## Answer yes in a script\n\n```bash\nyes | /your/command\n```\n");
    assert_eq!(questions(&got), ["Answer yes in a script"]);
}

#[test]
fn templates_and_their_unfilled_prompts_give_nothing() {
    let src = "## Title\n( main idea or question )\n\n## Description\n( additional context, supporting information, or an answer )\n";
    assert!(x(src).cards.is_empty());
    assert!(rules::is_placeholder("( main idea or question )"));
    assert!(!rules::is_placeholder("(see chapter 3)"));
    let card = "- borrowing\n\t- a reference that does not own its value\n";
    let note = |path: &str| cards_from_text(card, NoteRef::new("d", path), &Settings::default());
    assert!(note("notes/notecard_template 1 3.md").cards.is_empty());
    assert!(note("Templater/book.md").cards.is_empty());
    assert!(!note("notes/templating engines.md").cards.is_empty());
}

#[test]
fn a_step_of_a_procedure_is_no_question() {
    skipped_as(
        "- Create another target group for the third instance\n\t- traffic to it by the /test path\n",
        1,
        Reason::Instruction,
    );
    skipped_as(
        "- export pages as a static website\n\t- click the three dots\n\t- click export graph\n",
        1,
        Reason::Instruction,
    );
    // A step answered by its code is a cheat sheet's entry; a noun that looks like a verb asks.
    assert_eq!(
        questions(&x(
            "- Answer yes in a script\n\t- ```bash\n\t  yes | cmd\n\t  ```\n"
        )),
        ["Answer yes in a script"]
    );
    assert!(!rules::is_instruction("start methods"));
    assert!(!rules::is_instruction("Run what on boot?"));
}

#[test]
fn publishing_dialects_containers_are_read_as_the_text_they_wrap() {
    let src = "# Processes\n\n{% hint style=\"info\" %}\nA process runs a **program image**.\n{% endhint %}\n\n\
               ## Scheduling\n\n{% tabs %}\n{% tab title=\"FCFS\" %}\nFirst come, first served runs jobs in **arrival order**.\n{% endtab %}\n{% endtabs %}\n\n\
               ## Context switch\n\n!!! note \"Remember\"\n    The **PCB** holds the process state.\n\n\
               :::tip\nA **zombie** has exited but is not reaped.\n:::\n\n\
               Wrap it in {% raw %}{% autoescape off %}{% endraw %} tags.\n";
    let got = x(src);
    let shown: Vec<String> = got
        .cards
        .iter()
        .map(|c| format!("{} | {}", c.question, c.answer))
        .collect();
    assert_eq!(
        shown,
        [
            "A process runs a […]. | program image",
            "Scheduling | First come, first served runs jobs in **arrival order**.",
            "First come, first served runs jobs in […]. | arrival order",
            "Context switch | The **PCB** holds the process state.\n\n\
             A **zombie** has exited but is not reaped.\n\n\
             Wrap it in {% autoescape off %} tags.",
            "The […] holds the process state. | PCB",
            "A […] has exited but is not reaped. | zombie",
        ]
    );
    // Every line keeps its number, and no marker is left in any card (what `raw` wraps is text).
    assert_eq!(got.cards[4].line, 18);
    for marker in ["{% hint", "{% tab", "{% raw", "{% endraw", "!!!", ":::"] {
        assert!(shown.iter().all(|c| !c.contains(marker)), "{marker}");
    }
    let outline = crate::notes::outline::parse(src);
    let last = &outline.blocks.last().unwrap().text;
    assert_eq!(last, "Wrap it in {% autoescape off %} tags.");
}

#[test]
fn dialect_markers_keep_the_outline_and_code_as_written() {
    // An admonition in a list item stays in the item, its marker gone.
    let outline = crate::notes::outline::parse(
        "- Paging\n  !!! note\n      Pages are fixed-size blocks of memory.\n- Segments\n",
    );
    assert_eq!(outline.blocks.len(), 2);
    assert_eq!(
        outline.blocks[0].text,
        "Paging\n\nPages are fixed-size blocks of memory."
    );
    // Indented code shows its tags; a raw block closes after it.
    let src =
        "Example:\n\n    {% include note.html %}\n\n{% raw %}\n{{ x }}\n{% endraw %}\n\nafter\n";
    let outline = crate::notes::outline::parse(src);
    let texts: Vec<&str> = outline.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(
        texts.iter().any(|t| t.contains("{% include note.html %}")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.contains("{{ x }}")), "{texts:?}");
    assert!(texts.iter().all(|t| !t.contains("endraw")), "{texts:?}");
    assert_eq!(texts.last(), Some(&"after"));
    // A fenced example a site wrapped in raw markers shows its tags, not the markers.
    let outline = crate::notes::outline::parse("```django\n{% raw %}{% if x %}{% endraw %}\n```\n");
    assert_eq!(outline.blocks[0].text, "```django\n{% if x %}\n```");
}

#[test]
fn word_forms_and_definitions_read_whole_words() {
    assert!(!rules::says_word_forms(
        ["a str type"].into_iter(),
        "String"
    ));
    assert!(!rules::says_word_forms(["not this"].into_iter(), "note"));
    assert_eq!(
        rules::definition_sentences("XOR is a bitwise operation."),
        [("XOR".to_string(), "a bitwise operation".to_string())]
    );
    let wrapped = "Hadoop has evolved beyond batch processing for years. YARN is\n\
                   a cluster resource management system of its own.";
    assert_eq!(rules::definition_sentences(wrapped).len(), 1);
}

#[test]
fn a_loose_phrase_is_no_question_and_a_name_or_a_term_is() {
    skipped_as(
        "- get as much sleep as you need\n\t- keep the room cold\n\t- no screens\n",
        1,
        Reason::Phrase,
    );
    skipped_as(
        "- challenges to reverse engineering\n\t- intellectual property\n",
        1,
        Reason::Phrase,
    );
    // A name is capitalised, a term is short, a question asks, code answers a cheat sheet's line.
    for (src, q) in [
        (
            "- Trust Region Policy Optimization (TRPO)\n\t- approximates CPI with a trust region\n",
            "Trust Region Policy Optimization (TRPO)",
        ),
        (
            "- global interpreter lock\n\t- one thread runs bytecode at a time\n",
            "global interpreter lock",
        ),
        (
            "- how to read a file\n\t- `open(path)`\n",
            "how to read a file",
        ),
        (
            "- the six common strong acids\n\t- HCl, HBr, HI, HNO₃, H₂SO₄, HClO₄\n",
            "the six common strong acids",
        ),
        (
            "- answer yes in a script\n\t- ```bash\n\t  yes | cmd\n\t  ```\n",
            "answer yes in a script",
        ),
    ] {
        assert_eq!(questions(&x(src)), [q], "{src:?}");
    }
    // Spaced words only: CJK text is not read as a phrase.
    assert!(!rules::is_loose_phrase("动词的幂等性 与 缓存 的 关系"));
}

#[test]
fn a_cloze_whose_word_the_line_or_a_title_says_in_another_form_is_none() {
    // The line says it again (`sentences`), the title above says it (`Paging`).
    skipped_as(
        "- **sentence** (`s`): sentences end with a full stop and a space\n",
        1,
        Reason::AnswerVisible,
    );
    skipped_as(
        "- Paging\n\t- split the address space into fixed-sized **pages** of memory\n",
        2,
        Reason::AnswerVisible,
    );
    // Every word of the span must be said: `thread` alone leaves `pool` to recall.
    assert_eq!(
        questions(&x(
            "- `go` takes a thread from the **thread pool** to run the work\n"
        )),
        ["`go` takes a thread from the […] to run the work"]
    );
    assert!(rules::says_word_forms(
        ["Question intonation"].into_iter(),
        "questions"
    ));
    assert!(!rules::says_word_forms(["database"].into_iter(), "data"));
}

#[test]
fn a_facet_asks_with_a_name_not_a_sentence_and_an_answer_says_something_new() {
    let src = "- By saving the whiteboard as block data, we are reusing pages everywhere\n\t- Pros\n\t\t- pages read references by name\n\t- Cons\n\t\t- a page cannot open as a whiteboard\n";
    let got = logseq(src);
    assert!(
        questions(&got).iter().all(|q| q.starts_with("d: ")),
        "{:?}",
        questions(&got)
    );
    assert!(x("- asdasd\n\t- asdasd\n").cards.is_empty());
    assert_eq!(questions(&x("- `//ul/li`\n\t- ul > li\n")), ["`//ul/li`"]);
}

#[test]
fn reading_lists_ask_nothing() {
    skipped_as(
        "- Papers\n\t- Skew-Fit [cite:@pong19]\n\t- Diversity is all you need [cite:@eysenbach18]\n",
        1,
        Reason::Generic,
    );
}

#[test]
fn a_plain_line_defining_a_term_asks_it() {
    let got = x("Sequel is a database toolkit for Ruby.\n\nKoa is a web framework for Node.js. It is small.\n");
    assert_eq!(
        question_answers(&got),
        [
            ("Sequel", "a database toolkit for Ruby"),
            ("Koa", "a web framework for Node.js")
        ]
    );
    // In a paragraph, every sentence defining a term asks it, the paragraph's wrapped lines
    // joined; lines of a list are read one by one.
    let got = x(
        "Hadoop has evolved beyond batch processing. YARN is a cluster resource\n\
                 management system, which allows any program to run on the cluster. It came with\n\
                 Hadoop 2. HDFS is the distributed file system of Hadoop.\n",
    );
    assert_eq!(
        question_answers(&got),
        [
            (
                "YARN",
                "a cluster resource management system, which allows any program to run on the \
                 cluster"
            ),
            ("HDFS", "the distributed file system of Hadoop")
        ]
    );
    assert_eq!(
        rules::definition_sentences(
            "Sequel is a database toolkit for Ruby\nKoa is a web framework."
        ),
        [("Koa".to_string(), "a web framework".to_string())]
    );
    // Each sentence is read on its own: no term runs back into the sentence before it.
    assert_eq!(
        rules::definition_sentences("Hadoop grew fast. YARN is a cluster manager."),
        [("YARN".to_string(), "a cluster manager".to_string())]
    );
    // A remark, a verdict, a clause or a preposition defines nothing.
    for not in [
        "A key challenge is the natural occurrence of nested records.",
        "Interactive rebasing is a powerful way to manage the history of a repository.",
        "Heap memory is a lot trickier to manage.",
        "A process whose logarithm is a random walk is called geometric.",
        "Of particular interest is the transition from one state to the next.",
    ] {
        assert!(rules::definition_sentences(not).is_empty(), "{not}");
    }
    for not in [
        "This is a test of the system.",
        "The audience is the hero of your story.",
        "If $a$ is a symbol, then it is a regular expression.",
        "QA Engineer - This is a tricky one to answer.",
        "My birthday is the same as my friend's.",
        "Brier scores is a system developed by Glenn W. Brier in 1950.",
        "Spine is an MVC framework",
        "However, not every language is a regular one.",
    ] {
        assert!(rules::definition_sentence(not).is_none(), "{not}");
    }
}

#[test]
fn a_line_finishing_its_parents_sentence_asks_nothing() {
    skipped_as(
        "- The desktop app runs in Electron. So it can be scripted if one can\n\t- drive it with an automation tool\n\t\t- let the tool publish the graph\n",
        2,
        Reason::NotSelfContained,
    );
    assert!(rules::ends_mid_sentence("So I suppose if I can"));
    assert!(!rules::ends_mid_sentence("Things a tool can do"));
}

#[test]
fn the_reviewed_edges_of_the_new_rules() {
    // Names end sentences; titles naming things are no steps; `Assignment operators` is no
    // assignment; `or-patterns` opens a line of its own.
    assert!(!rules::ends_mid_sentence("Foods rich in vitamin A"));
    assert!(!rules::ends_mid_sentence("bus types: LAN, WAN, CAN"));
    assert!(rules::ends_mid_sentence("So I suppose if I can"));
    for t in [
        "Type classes in Haskell",
        "Log rotation in Linux",
        "Make targets and prerequisites",
    ] {
        assert!(!rules::is_instruction(t), "{t}");
    }
    assert!(rules::is_instruction(
        "Create another target group for the third instance"
    ));
    assert!(rules::is_instruction("export pages as a static website"));
    // Verbs that are nouns too are steps only when what they act on follows.
    assert!(rules::is_instruction("Turn on `__DEV__` flag"));
    assert!(rules::is_instruction(
        "Identify a practice involving cybertech"
    ));
    assert!(!rules::is_instruction("use cases for a message queue"));
    assert!(!rules::is_instruction("Set theory and logic"));
    // A line saying what a thing is for states; a title with `to` does not.
    assert!(rules::states_a_purpose(
        "`getStaticPaths` to get the list of files to be built"
    ));
    assert!(rules::states_a_purpose(
        "use logging module to log to `debug, info`"
    ));
    assert!(!rules::states_a_purpose(
        "Introduction to Algorithms and Data Structures"
    ));
    assert!(!rules::states_a_purpose("how to undo a commit in git"));
    assert!(!rules::states_a_purpose("from pets to cattle"));
    // Titles of plans and records of one's own life; subjects are none.
    for t in [
        "Trip planning for Yosemite April 2023",
        "Resolutions for 2023",
        "Career next steps 2023",
        "Exercise Tracker",
        "LLM Application Ideas",
        "Notepad 2026",
    ] {
        assert!(rules::is_personal_title(t), "{t}");
    }
    for t in [
        "Motion planning",
        "Big Ideas of Calculus",
        "Travelling salesman problem",
        "Next.js routing",
        // A task list is judged by its tasks, an inbox holds notes like any page.
        "todo",
        "inbox",
    ] {
        assert!(!rules::is_personal_title(t), "{t}");
    }
    assert!(!rules::is_lab_title("Assignment operators in C"));
    assert!(rules::is_lab_title("Homework 3: trees"));
    assert!(rules::is_lab_title("Assignment: graphs"));
    assert!(!rules::continues_a_sentence(
        "or-patterns let **one arm** match two shapes"
    ));
    // A cloze the notes mark is made even when an earlier cloze hid its term.
    let got = x("- the **Logger** is the abstraction callers see\n- the **Logger** writes to stderr #card\n");
    assert_eq!(
        got.cards.iter().filter(|c| c.answer == "Logger").count(),
        2,
        "{:#?}",
        got.cards
    );
}

#[test]
fn a_lead_in_gives_no_cloze_of_what_it_introduces() {
    // The term introduced, a label heading the block, or a span above a label line: what
    // follows the colon is not on the card.
    for src in [
        "- This brings us to the notion of **I-equivalence**:\n",
        "- **INDUCTION**: suppose w is of the form xa, with a the last symbol. Then:\n",
        "- A **thread** is an entity within a process that can be scheduled.\n  Pros:\n",
    ] {
        skipped_as(src, 1, Reason::LeadIn);
    }
    // A span inside a clause that goes on before the colon is still asked.
    let got = x(
        "- Git lists one line per commit, **oldest first** — the opposite order to `git log`:\n",
    );
    assert_eq!(
        questions(&got),
        ["Git lists one line per commit, […] — the opposite order to `git log`:"]
    );
}

#[test]
fn plugin_query_fences_are_queries() {
    for lang in ["query", "dataview", "dataviewjs", "tasks"] {
        skipped_as(
            &format!("- High priority\n\t- ```{lang}\n\t  not done\n\t  ```\n"),
            1,
            Reason::Query,
        );
    }
    // Other code is an answer.
    assert_eq!(
        questions(&x("- Strict mode\n\t- ```bash\n\t  set -eu\n\t  ```\n")),
        ["Strict mode"]
    );
}

#[test]
fn levels_name_no_topic_and_a_list_of_section_names_answers_nothing() {
    // `Beginner` asks nothing; `Kubernetes` answered by its level headings is a table of
    // contents.
    skipped_as(
        "# Kubernetes\n\n## Beginner\n\n- pods\n- services\n",
        3,
        Reason::Generic,
    );
    skipped_as("- Puppet\n\t- 初级\n\t- 中级\n", 1, Reason::Section);
    // Child names that are topics still answer.
    let got = x("- multiprocessing\n\t- start methods\n\t\t- spawn\n\t\t\t- a fresh interpreter\n\t\t- fork\n\t\t\t- a copy of the parent\n");
    assert!(
        questions(&got).contains(&"start methods"),
        "{:#?}",
        got.cards
    );
}

#[test]
fn a_bold_question_is_never_hidden_by_a_cloze() {
    let got = x("- The byte is the smallest unit. So **why split streams into bytes and chars?** History.\n");
    assert!(got.cards.is_empty(), "{:#?}", got.cards);
    assert_eq!(reason(&got, 1), Some(Reason::BoldLabel));
}
