use super::*;
use crate::model::Origin;
use std::collections::HashSet;

fn cards_with(src: &str, source: &str, settings: &Settings) -> Vec<Card> {
    cards_from_text(src, NoteRef::new("d", source), settings).cards
}

fn cards(src: &str) -> Vec<Card> {
    cards_with(src, "notes/d.md", &Settings::default())
}

/// A card's context below the page's title (`d`, the notes' file name here), which starts
/// every context.
fn below_title(context: &str) -> String {
    let c = context.strip_prefix('d').unwrap_or(context);
    c.strip_prefix(" › ").unwrap_or(c).to_string()
}

/// (kind, context below the page's title, question, answer) of each card.
fn qa(src: &str) -> Vec<(&'static str, String, String, String)> {
    cards(src)
        .into_iter()
        .map(|c| {
            (
                c.kind.as_str(),
                below_title(&c.context),
                c.question,
                c.answer,
            )
        })
        .collect()
}

fn card(
    kind: &'static str,
    context: &str,
    q: &str,
    a: &str,
) -> (&'static str, String, String, String) {
    (kind, context.into(), q.into(), a.into())
}

// ---- definition cards ----

#[test]
fn block_with_children_asks_its_text() {
    let src = "- from library\n\t- functools\n\t\t- wraps\n\t\t\t- forward the source function name, metadata to wrapper\n";
    assert_eq!(
        qa(src),
        [card(
            "basic",
            "from library › functools",
            "wraps",
            "forward the source function name, metadata to wrapper"
        )]
    );
}

#[test]
fn several_children_make_a_list_answer() {
    assert_eq!(
        qa("- threading\n\t- many threads\n\t- each runs independently\n"),
        [card(
            "basic",
            "",
            "threading",
            "- many threads\n- each runs independently"
        )]
    );
}

#[test]
fn short_grandchildren_stay_in_the_answer_and_get_no_card() {
    let src =
        "- atexit\n\t- register a callback\n\t- not on signals\n\t\t- use `signal` for those\n";
    assert_eq!(
        qa(src),
        [card(
            "basic",
            "",
            "atexit",
            "- register a callback\n- not on signals\n  - use `signal` for those"
        )]
    );
}

#[test]
fn long_child_subtree_shows_its_first_line_and_becomes_its_own_card() {
    let long = "\t\t- empties the buffer\n".repeat(5);
    let src = format!(
        "- force writing file to disk\n\t- ```python\n\t  f.flush()\n\t  ```\n\t- `f.flush()`\n{long}\t- one-line explanation\n"
    );
    let got = qa(&src);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert_eq!(got[0].2, "force writing file to disk");
    // A bare name shown by itself would read as a label with nothing after it: it is left to
    // its own card.
    assert_eq!(
        got[0].3,
        "- ```python\n  f.flush()\n  ```\n- one-line explanation"
    );
    assert_eq!(got[1].1, "force writing file to disk");
    assert_eq!(got[1].2, "`f.flush()`");
    assert_eq!(got[1].3, "- empties the buffer\n".repeat(5).trim_end());
}

#[test]
fn a_category_gives_no_card_but_its_descendants_do() {
    let src = "- asyncio\n\t- event loop\n\t\t- picks the next task\n\t- lock\n\t\t- asyncio.Lock\n\t- tasks\n";
    let got = qa(src);
    let questions: Vec<&str> = got.iter().map(|c| c.2.as_str()).collect();
    assert_eq!(questions, ["event loop", "lock"]);
    assert_eq!(got[0].1, "asyncio");
}

#[test]
fn half_leaves_is_not_a_category() {
    let src = "- re\n\t- `re.search` finds groups\n\t- Flags\n\t\t- `re.DOTALL` matches newlines\n";
    assert_eq!(
        qa(src),
        [card(
            "basic",
            "",
            "re",
            "- `re.search` finds groups\n- Flags\n  - `re.DOTALL` matches newlines"
        )]
    );
}

#[test]
fn empty_blocks_are_looked_through() {
    let src = "- hatch\n\t- extensible project manager\n\t- tags:: project\n\t-\n\t-\n\t\t-\n";
    assert_eq!(
        qa(src),
        [card("basic", "", "hatch", "extensible project manager")]
    );
    assert_eq!(
        qa("- parent\n\t-\n\t\t- child fact\n"),
        [card("basic", "", "parent", "child fact")]
    );
}

#[test]
fn a_leaf_alone_is_no_card() {
    assert!(cards("- just a note\n- another\n").is_empty());
}

#[test]
fn heading_questions_lose_their_markers() {
    let src = "- ## Concepts\n\t- ## [[duck type]]\n\t\t- if a cat can quack, it's a duck\n";
    assert_eq!(
        qa(src),
        [card(
            "basic",
            "Concepts",
            "duck type",
            "if a cat can quack, it's a duck"
        )]
    );
}

#[test]
fn markdown_sections_are_definitions_with_paragraph_answers() {
    let src = "# Python\n## GIL\nThe global interpreter lock.\n\nOne thread runs at a time.\n## Threads\n- a\n- b\n";
    assert_eq!(
        qa(src),
        [
            card(
                "basic",
                "Python",
                "GIL",
                "The global interpreter lock.\n\nOne thread runs at a time."
            ),
            card("basic", "Python", "Threads", "- a\n- b"),
        ]
    );
}

// ---- cloze cards ----

#[test]
fn each_bold_span_is_a_cloze_sibling() {
    let got = qa("- tasks **sharing a Lock** wait, others **run freely**\n");
    assert_eq!(
        got,
        [
            card(
                "cloze",
                "",
                "tasks […] wait, others **run freely**",
                "sharing a Lock"
            ),
            card(
                "cloze",
                "",
                "tasks **sharing a Lock** wait, others […]",
                "run freely"
            ),
        ]
    );
}

#[test]
fn mid_word_bold_hides_the_whole_words() {
    let src = "- determined by the p**resence of necessary methods**, not by i**ts type**\n";
    let got = cards(src);
    assert_eq!(got.len(), 2);
    assert_eq!(
        got[0].question,
        "determined by the […], not by **its type**"
    );
    assert_eq!(got[0].answer, "presence of necessary methods");
    assert_eq!(got[1].answer, "its type");
}

#[test]
fn whole_bold_block_is_a_term_not_a_cloze() {
    let src = "- atexit\n\t- **not on signals**\n\t\t- use `signal`\n\t- a leaf\n";
    assert!(cards(src).iter().all(|c| c.kind == CardKind::Basic));
    assert!(cards("- **just a term**\n").is_empty());
}

#[test]
fn bold_labels_are_not_clozes() {
    let got = cards("- **What happens:** the data stays in a buffer\n");
    assert!(got.is_empty(), "{got:#?}");
    let got = cards("- **Futures**: objects for a **pending result**\n");
    let answers: Vec<&str> = got.iter().map(|c| c.answer.as_str()).collect();
    assert_eq!(answers, ["Futures", "pending result"]);
}

#[test]
fn a_cloze_must_leave_words_around_the_blank() {
    assert!(cards("- **x** :\n").is_empty());
}

#[test]
fn bold_cloze_can_be_switched_off() {
    let src = "- asyncio runs every task in **one thread**\n";
    let off = Settings {
        bold_cloze: false,
        ..Settings::default()
    };
    assert!(cards_with(src, "d.md", &off).is_empty());
    assert!(cards(&format!("recall-cloze:: false\n\n{src}")).is_empty());
    assert_eq!(cards(&format!("recall-cloze:: true\n\n{src}")).len(), 1);
}

#[test]
fn definition_and_cloze_from_one_block() {
    let got = qa("- hydra's **yaml file**\n\t- primary config\n");
    assert_eq!(
        got,
        [
            card("basic", "", "hydra's **yaml file**", "primary config"),
            card("cloze", "", "hydra's […]", "yaml file"),
        ]
    );
    // A line that states something (`a yaml file holds config`) asks nothing: only its cloze.
    let got = qa("- a **yaml file** holds config\n\t- primary config\n");
    assert_eq!(got, [card("cloze", "", "a […] holds config", "yaml file")]);
}

// ---- explicit cards and modes ----

#[test]
fn card_tag_block_is_a_card_with_all_children() {
    let long = "word ".repeat(60);
    let src = format!("- What is the GIL? #card\n\t- a lock with **bold**\n\t\t- {long}\n- **bold** is not ignored here\n\t- child\n");
    let got = cards(&src);
    assert_eq!(got[0].question, "What is the GIL?");
    assert_eq!(
        got[0].answer,
        format!("- a lock with **bold**\n  - {}", long.trim())
    );
    assert_eq!(got[0].origin, Origin::Explicit);
    // Nothing automatic inside the `#card` answer; the rest of the page gives its cards.
    let rest: Vec<(&str, Origin)> = got[1..]
        .iter()
        .map(|c| (c.question.as_str(), c.origin))
        .collect();
    assert_eq!(rest, [("[…] is not ignored here", Origin::Auto)]);
}

#[test]
fn card_link_forms_all_count() {
    for tag in ["#card", "#[[card]]", "[[card]]", "#Card"] {
        let got = cards(&format!("- Q? {tag}\n\t- A\n"));
        assert_eq!(got.len(), 1, "{tag}");
        assert_eq!(
            (got[0].question.as_str(), got[0].answer.as_str()),
            ("Q?", "A")
        );
    }
    let got = cards("- Q?\n  tags:: card\n\t- A\n");
    assert_eq!(got.len(), 1);
}

#[test]
fn card_tag_without_answer_warns_with_its_line() {
    let x = cards_from_text(
        "- a\n- lonely #card\n",
        NoteRef::new("d", "d.md"),
        &Settings::default(),
    );
    assert!(x.cards.is_empty());
    assert_eq!(x.warnings.len(), 1);
    assert_eq!(x.warnings[0].line, 2);
}

#[test]
fn logseq_cloze_makes_explicit_clozes() {
    let got = qa("- The {{cloze GIL}} lets {{cloze one thread}} run\n- **bold** elsewhere\n");
    assert_eq!(
        got,
        [
            card("cloze", "", "The […] lets one thread run", "GIL"),
            card("cloze", "", "The GIL lets […] run", "one thread"),
            card("cloze", "", "[…] elsewhere", "bold"),
        ]
    );
}

#[test]
fn double_colon_cards() {
    let got =
        qa("- What is the GIL :: a global lock\n- capital ::: Paris\n- plain note\n\t- child\n");
    assert_eq!(
        got,
        [
            card("basic", "", "What is the GIL", "a global lock"),
            card("basic", "", "capital", "Paris"),
            card("basic", "", "Paris", "capital"),
            card("basic", "", "plain note", "child"),
        ]
    );
}

#[test]
fn property_lines_and_paths_are_not_double_colon_cards() {
    let got = qa("- note\n  status:: done\n\t- use std::io::Read here\n\t- `a :: b` in code\n");
    assert_eq!(
        got,
        [card(
            "basic",
            "",
            "note",
            "- use std::io::Read here\n- `a :: b` in code"
        )]
    );
}

#[test]
fn journals_are_explicit_only_by_default() {
    let src = "- ownership\n\t- a reference that **borrows** a value does not own it\n";
    assert!(cards_with(src, "graph/journals/2026_11_24.md", &Settings::default()).is_empty());
    assert_eq!(
        cards_with(src, "graph/pages/x.md", &Settings::default()).len(),
        2
    );
    let all_auto = Settings {
        journal_mode: Mode::Auto,
        ..Settings::default()
    };
    assert_eq!(
        cards_with(src, "graph/journals/2026_11_24.md", &all_auto).len(),
        2
    );
    // A page named by a date, or in a diary folder, is a journal too.
    for source in [
        "vault/2026-11-24.md",
        "vault/Daily Notes/monday.md",
        "vault/templates/t.md",
    ] {
        assert!(
            cards_with(src, source, &Settings::default()).is_empty(),
            "{source}"
        );
    }
    let j = "- GIL #card\n\t- a lock\n";
    assert_eq!(
        cards_with(j, "graph/journals/2026_11_24.md", &Settings::default()).len(),
        1
    );
}

#[test]
fn page_property_sets_the_mode() {
    let src = "- t\n\t- a **bee** collects pollen from flowers\n";
    assert!(cards(&format!("recall-cards:: off\n\n{src}")).is_empty());
    assert!(cards(&format!("recall-cards:: explicit\n\n{src}")).is_empty());
    let auto = cards_with(
        &format!("recall-cards:: auto\n\n{src}"),
        "journals/x.md",
        &Settings::default(),
    );
    assert_eq!(
        auto.len(),
        1,
        "the cloze of its answer's head is the card again"
    );
}

#[test]
fn bad_page_property_warns_and_keeps_the_default() {
    let x = cards_from_text(
        "title:: x\nrecall-cards:: sometimes\n\n- t\n\t- c\n",
        NoteRef::new("d", "d.md"),
        &Settings::default(),
    );
    assert_eq!(x.cards.len(), 1);
    assert_eq!(x.warnings[0].line, 2);
    assert_eq!(
        x.warnings[0].message,
        "recall-cards:: `sometimes` is not a card mode (auto, explicit or off); using auto"
    );
}

// ---- text, context, tags ----

#[test]
fn links_and_tags_render_as_text() {
    let got = qa(
        "- [[duck type]] in #python\n\t- leverage #[[duck type]] and [docs](https://x.org) #todo\n",
    );
    assert_eq!(
        got,
        [card(
            "basic",
            "",
            "duck type in #python",
            "leverage duck type and docs"
        )]
    );
}

#[test]
fn card_tags_come_from_block_ancestors_and_page() {
    let src = "tags:: lang\n\n- asyncio #concurrency\n\t- lock\n\t  tags:: sync, [[async io]]\n\t\t- one task at a time\n";
    let got = cards(src);
    assert_eq!(got.len(), 1);
    assert_eq!(*got[0].tags, ["lang", "concurrency", "sync", "async io"]);
}

#[test]
fn no_property_noise_in_card_text() {
    let src = "- logging\n  id:: 67f38eb3\n  collapsed:: true\n\t- custom logger\n\t  collapsed:: true\n\t  card-due:: 2024-01-01\n\t\t- propagates\n";
    for c in cards(src) {
        for text in [&*c.question, &*c.answer, &*c.context] {
            assert!(!text.contains("::"), "{text}");
        }
    }
}

#[test]
fn long_context_paths_are_shortened() {
    let mut src = String::new();
    for d in 0..10 {
        src.push_str(&"\t".repeat(d));
        src.push_str(&format!("- level {d}\n"));
    }
    src.push_str(&"\t".repeat(9));
    src.push_str("- leaf sibling\n");
    let got = cards(&src);
    let last = got.last().unwrap();
    assert_eq!(last.question, "level 8");
    assert_eq!(
        &*last.context, "d › level 0 › … › level 4 › level 5 › level 6 › level 7",
        "the page's title, then the path cut in the middle"
    );
}

#[test]
fn source_and_line_are_the_blocks() {
    let got = cards_with("- a\n\n- b\n\t- c\n", "notes/x.md", &Settings::default());
    assert_eq!(
        (&*got[0].source, got[0].line, &*got[0].deck),
        ("notes/x.md", 3, "d")
    );
}

// ---- keys ----

fn keys(src: &str) -> Vec<(String, CardKey)> {
    cards(src)
        .into_iter()
        .map(|c| (c.question, c.key))
        .collect()
}

#[test]
fn keys_do_not_depend_on_lines_or_order() {
    let a = keys("- q1\n\t- a1\n- q2\n\t- a2\n");
    let mut b = keys("- intro\n\n\n- q2\n\t- a2\n- q1\n\t- a1\n");
    b.sort();
    let mut a_sorted = a.clone();
    a_sorted.sort();
    assert_eq!(a_sorted, b);
    assert_eq!(a[0].1.to_string().len(), 16);
}

#[test]
fn changed_answer_keeps_the_key_changed_question_does_not() {
    let k = |s: &str| cards(s)[0].key;
    let base = k("- q1\n\t- a1\n");
    assert_eq!(base, k("- q1\n\t- a different answer\n"));
    assert_eq!(base, k("- Q1 \n\t- a1\n"), "case and spacing do not count");
    assert_ne!(base, k("- q2\n\t- a1\n"));
}

#[test]
fn key_depends_on_the_deck() {
    let a = cards_from_text("- q\n\t- a\n", NoteRef::new("x", "s"), &Settings::default());
    let b = cards_from_text("- q\n\t- a\n", NoteRef::new("y", "s"), &Settings::default());
    assert_ne!(a.cards[0].key, b.cards[0].key);
}

#[test]
fn logseq_id_keeps_the_key_when_the_question_changes() {
    let k = |s: &str| cards(s).into_iter().map(|c| c.key).collect::<Vec<_>>();
    let a = k("- old question **xyz**\n  id:: 6875bb38\n\t- answer\n");
    let b = k("- new wording **xyz**\n  id:: 6875bb38\n\t- answer\n");
    assert_eq!(a.len(), 2);
    assert_eq!(a, b);
}

#[test]
fn identical_questions_get_distinct_keys() {
    let src = "- patterns\n\t- Lifetime\n\t\t- one\n- other\n\t- Lifetime\n\t\t- two\n- third\n\t- Lifetime\n\t\t- three\n";
    let got = cards(src);
    assert_eq!(got.len(), 3);
    let set: HashSet<CardKey> = got.iter().map(|c| c.key).collect();
    assert_eq!(set.len(), 3);
    // The first keeps the plain key whatever repeats after it.
    assert_eq!(
        got[0].key,
        cards("- patterns\n\t- Lifetime\n\t\t- one\n")[0].key
    );
}

// ---- robustness ----

#[test]
fn hundred_thousand_deep_inline_nesting() {
    let n = 100_000;
    for nested in [
        "- ".repeat(n),
        "> ".repeat(n),
        "[".repeat(n),
        "*".repeat(n) + "x" + &"*".repeat(n),
        "**a ".repeat(n),
        "{{cloze ".repeat(n),
        "`".repeat(n),
    ] {
        let src = format!("- q\n\t- {nested}\n\t- tail\n");
        let got = cards(&src);
        assert!(got.iter().all(|c| !c.question.is_empty()));
    }
}

#[test]
fn configured_caps_bite_where_they_are_set_and_say_so() {
    let caps = crate::notes::Caps {
        block_bytes: 200,
        blocks_per_note: 6,
        clozes_per_block: 2,
        tags_per_block: 2,
        ..crate::notes::Caps::default()
    };
    let settings = Settings {
        caps,
        ..Settings::default()
    };
    let src = format!(
        "- {{{{c1::one}}}} and {{{{c2::two}}}} and {{{{c3::three}}}}\n\
         - tagged question #a #b #c\n\t- its answer\n\
         - {}\n\
         - fifth block\n- sixth block\n- seventh block\n",
        "long ".repeat(50)
    );
    let x = cards_from_text(&src, NoteRef::new("d", "d.md"), &settings);
    let clozes: Vec<&str> = x
        .cards
        .iter()
        .filter(|c| c.kind == CardKind::Cloze)
        .map(|c| c.answer.as_str())
        .collect();
    assert_eq!(clozes, ["one", "two"]);
    let tagged = x
        .cards
        .iter()
        .find(|c| c.question.contains("tagged"))
        .unwrap();
    assert_eq!(&tagged.tags.0[..], ["a", "b"]);
    let said: Vec<(usize, &str)> = x
        .warnings
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert!(
        said.contains(&(2, "more than 2 tags in one block; the rest are left out")),
        "{said:?}"
    );
    assert!(said.iter().any(|(l, m)| *l == 4
        && m.starts_with("a block of over 200 bytes; it is not read")
        && m.contains("[limits] block-bytes")));
    assert!(said.iter().any(|(l, m)| *l == 7
        && m.starts_with("more than 6 blocks in one note")
        && m.contains("[limits] blocks-per-note")));
    assert!(!x.cards.iter().any(|c| c.question.contains("seventh")));
    // The renderer keeps no more tags than that, and bold spans give no more clozes.
    let inl = crate::notes::inline::render_with("#a #b #c", &mut Default::default(), &caps);
    assert_eq!((inl.tags.len(), inl.too_many_tags), (2, true));
    let bold = "- the **GIL** guards the interpreter\n  the **refcounts** of every object\n  **CPython** has one\n  and **PyPy** too\n";
    let x = cards_from_text(bold, NoteRef::new("d", "d.md"), &settings);
    let answers: Vec<&str> = x.cards.iter().map(|c| c.answer.as_str()).collect();
    assert_eq!(answers, ["GIL", "refcounts"]);
}

#[test]
fn images_follow_the_card_text_and_make_no_card_alone() {
    let got = qa("- ![a red square](img/red.png) What colour is this square?\n  - red\n\
                  - ![[cell.png|400]] The **nucleus** holds DNA\n\
                  - Kronecker delta\n  - ![](delta.png)\n\
                  - How do you lay out a truth table? ![[Circuits#^15c42b]]\n  - inputs, then outputs\n");
    assert_eq!(
        got,
        vec![
            card(
                "basic",
                "",
                "What colour is this square? ![a red square](<img/red.png>)",
                "red"
            ),
            card("cloze", "", "The […] holds DNA ![](<cell.png>)", "nucleus"),
            card(
                "basic",
                "",
                "How do you lay out a truth table?",
                "inputs, then outputs"
            ),
        ],
        "an image-only answer is no card; a note embed is no image"
    );
    let with_answer_image = qa("- Beamforming\n  - Point spread function ![](psf.png)\n");
    assert_eq!(
        with_answer_image[0].3,
        "Point spread function ![](<psf.png>)"
    );
    let (bare, images) = assemble::split_images("a ![x](<b.png>) c ![](<d e.png>)");
    assert_eq!(
        (bare.as_ref(), images),
        ("a c", vec!["![x](<b.png>)", "![](<d e.png>)"])
    );
}

#[test]
fn images_are_not_part_of_a_cards_identity_and_stay_on_their_side() {
    let plain = cards("- What colour is this square?\n  - red\n");
    let with_image = cards("- What colour is this square? ![a](img/red.png)\n  - red\n");
    assert_ne!(plain[0].question, with_image[0].question);
    assert_eq!(
        plain[0].key, with_image[0].key,
        "adding an image keeps the card"
    );
    let line = qa("- Capital of France :: Paris ![](paris.png)\n");
    assert_eq!(
        line,
        vec![card(
            "basic",
            "",
            "Capital of France",
            "Paris ![](<paris.png>)"
        )],
        "an answer's image stays on the answer"
    );
    let details = qa(
        "**1. What does the diagram show?**\n\n<details><summary>Answer</summary>\n\n\
                      A stack ![stack](img/stack.png)\n\n</details>\n",
    );
    assert_eq!(details.len(), 1, "{details:?}");
    assert_eq!(details[0].3, "A stack ![stack](<img/stack.png>)");
}
