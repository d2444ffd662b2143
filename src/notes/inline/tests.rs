use super::*;

fn bold_words<'a>(i: &'a Inline) -> Vec<&'a str> {
    i.bold.iter().map(|b| &i.text[b.inner.clone()]).collect()
}

#[test]
fn plain_text_is_copied() {
    let i = render("  just words, nothing else ");
    assert_eq!(i.text, "just words, nothing else");
    assert!(i.bold.is_empty() && i.tags.is_empty() && !i.card_tag);
}

#[test]
fn bold_spans_are_found_in_order() {
    let i = render("tasks **sharing same Lock** will **wait**");
    assert_eq!(i.text, "tasks **sharing same Lock** will **wait**");
    assert_eq!(bold_words(&i), ["sharing same Lock", "wait"]);
    assert_eq!(&i.text[i.bold[0].outer.clone()], "**sharing same Lock**");
    assert!(!i.whole_bold);
}

#[test]
fn mid_word_bold_is_widened_to_whole_words() {
    let i = render(
        "determined by the p**resence of necessary methods**, rather than by i**ts explicit type**",
    );
    assert_eq!(
        i.text,
        "determined by the **presence of necessary methods**, rather than by **its explicit type**"
    );
    assert_eq!(
        bold_words(&i),
        ["presence of necessary methods", "its explicit type"]
    );
}

#[test]
fn bold_ending_inside_a_word_is_partial_and_left_alone() {
    for (src, word) in [
        ("the **cat**s sat", "cat"),
        ("implicit re**borrow**ing here", "borrow"),
        ("querer (qu**ie**ro)", "ie"),
        ("into a **pack**file", "pack"),
    ] {
        let i = render(src);
        assert_eq!(i.text, src);
        assert_eq!(bold_words(&i), [word], "{src}");
        assert!(i.bold[0].partial, "{src}");
    }
    assert!(!render("the **cat** sat").bold[0].partial);
}

#[test]
fn cjk_bold_keeps_its_span() {
    // UAX #29 puts a word boundary between ideographs: nothing is widened.
    let i = render("貓屬於**食肉目**動物");
    assert_eq!(i.text, "貓屬於**食肉目**動物");
    assert_eq!(bold_words(&i), ["食肉目"]);
    assert!(!i.bold[0].partial);
    let i = render("監督式學習是用**有標籤的資料**來訓練模型");
    assert_eq!(bold_words(&i), ["有標籤的資料"]);
    // Katakana runs are one word: bold that starts inside one is widened, bold that ends
    // inside one is partial.
    assert_eq!(render("テ**スト**です").text, "**テスト**です");
    assert!(render("**テス**トです").bold[0].partial);
}

#[test]
fn whole_bold_block_is_a_term() {
    assert!(render("**Summary:**").whole_bold);
    assert!(render("**not regarding app killed by signal**").whole_bold);
    assert!(!render("**Futures**: low-level objects").whole_bold);
    assert!(!render("**a** and **b**").whole_bold);
}

#[test]
fn bold_inside_code_is_not_bold() {
    let i = render("use `**kwargs` to collect keywords");
    assert!(i.bold.is_empty());
    assert_eq!(i.text, "use `**kwargs` to collect keywords");
}

#[test]
fn escaped_stars_are_not_bold() {
    let i = render(r"2 \*\* 3 is nine");
    assert!(i.bold.is_empty());
}

#[test]
fn wiki_links_show_their_text() {
    let i = render("see [[python/pydantic]] and [[Page|the page]]");
    assert_eq!(i.text, "see python/pydantic and the page");
    assert!(i.tags.is_empty());
}

#[test]
fn markdown_links_show_their_text() {
    let i = render("read [the guide](https://example.org) now, <https://x.org> stays");
    assert_eq!(i.text, "read the guide now, <https://x.org> stays");
}

#[test]
fn tags_are_collected_and_kept_as_hash_words() {
    let i = render("leverage #[[duck type]] here, see #python and #Async-IO.");
    assert_eq!(
        i.text,
        "leverage #duck type here, see #python and #Async-IO."
    );
    assert_eq!(i.tags, ["duck type", "python", "async-io"]);
}

#[test]
fn hash_inside_words_and_code_is_not_a_tag() {
    let i = render("C# and `#include` and issue#4");
    assert!(i.tags.is_empty(), "{:?}", i.tags);
}

#[test]
fn card_markers_are_removed() {
    for src in [
        "What is GIL? #card",
        "What is GIL? #[[card]]",
        "What is GIL? [[card]]",
        "#card What is GIL?",
    ] {
        let i = render(src);
        assert!(i.card_tag, "{src}");
        assert_eq!(i.text, "What is GIL?", "{src}");
    }
}

#[test]
fn heading_markers_are_dropped() {
    assert_eq!(
        render("## the subclass explosion").text,
        "the subclass explosion"
    );
    assert_eq!(render("## [[duck type]]").text, "duck type");
}

#[test]
fn logseq_and_anki_clozes() {
    let i = render("The {{cloze GIL}} lets {{c1::one thread::hint}} run");
    assert_eq!(i.text, "The GIL lets one thread run");
    let c: Vec<&str> = i.clozes.iter().map(|c| &i.text[c.span.clone()]).collect();
    assert_eq!(c, ["GIL", "one thread"]);
    assert_eq!(i.clozes[0].hint, None);
    assert_eq!(i.clozes[0].number, None);
    assert_eq!(i.clozes[1].hint.as_deref(), Some("hint"));
    assert_eq!(i.clozes[1].number, Some(1));
}

#[test]
fn logseq_cloze_hint_is_not_part_of_the_answer() {
    let i = render(r"a slice has type {{cloze `&str` \\ starts with an ampersand}} here");
    assert_eq!(i.text, "a slice has type `&str` here");
    assert_eq!(&i.text[i.clozes[0].span.clone()], "`&str`");
    assert_eq!(
        i.clozes[0].hint.as_deref(),
        Some("starts with an ampersand")
    );
}

#[test]
fn empty_cloze_goes() {
    let i = render("{{c1::}} broken card");
    assert!(i.clozes.is_empty());
    assert_eq!(i.text, "broken card");
}

#[test]
fn nested_braces_are_matched_in_one_pass() {
    let src = format!("{}x{}", "{{c1::".repeat(20_000), "}}".repeat(20_000));
    let i = render(&src);
    assert_eq!(i.clozes.len(), 1);
}

#[test]
fn macros_are_taken_out_and_counted() {
    let i = render("{{renderer :kitButton, Refresh, page}}");
    assert_eq!((i.text.as_ref(), i.macros, i.words()), ("", 1, 0));
    let i = render("{{i f021}} usage");
    assert_eq!((i.text.as_ref(), i.words()), ("usage", 1));
    let i = render("{{query (todo now doing)}}");
    assert!(i.query);
    let i = render("{{video https://youtu.be/x}}");
    assert_eq!(i.media, 1);
    let i = render("see {{embed [[Rust ownership]]}}");
    assert_eq!((i.text.as_ref(), i.links()), ("see Rust ownership", 1));
}

#[test]
fn own_words_leave_out_links_tags_urls_and_media() {
    assert!(render("[[Fixed issues]]").no_words());
    assert!(render("[[Infinite Jest]] #dnf").no_words());
    assert!(render("https://en.wikipedia.org/wiki/Spaced_repetition").no_words());
    assert!(render("![cover](../assets/cover.png)").no_words());
    assert!(render("![[cell.png|400]]").no_words());
    assert!(render("🔥🔥🔥").no_words());
    assert!(render("03").no_words());
    assert!(render("@mi-sato ([#210](https://x.org/210))").no_words());
    assert_eq!(render("[[Piranesi]] — Susanna Clarke").words(), 2);
    assert_eq!(render("[[Piranesi]] — Susanna Clarke").capitalized(), 2);
    assert_eq!(render("`duck typing`").words(), 1);
    assert_eq!(render("監督式學習（supervised learning）").words(), 2);
}

#[test]
fn images_html_and_footnote_refs_leave_the_text() {
    let i = render("before ![alt](x.png) after");
    assert_eq!((i.text.as_ref(), i.media), ("before  after", 1));
    let i = render("the mode;<br>a dataset can <b>have</b> two");
    assert_eq!(i.text, "the mode;\na dataset can have two");
    let i = render("newer repos can use SHA-256[^1] too");
    assert_eq!(i.text, "newer repos can use SHA-256 too");
    let i = render("[^1]: the footnote itself");
    assert_eq!(i.text, "[^1]: the footnote itself");
    let i = render("<iframe src=\"https://x\"></iframe>");
    assert_eq!(i.media, 1);
}

#[test]
fn quotes_and_callouts() {
    let i = render("> [!tip] Exam\n> the list is on the midterm");
    assert!(i.quote);
    assert_eq!(i.text, "> Tip: Exam\n> the list is on the midterm");
    let i = render("> [!custom]- Folded\n> body");
    assert_eq!(i.text, "> Folded\n> body");
    assert!(render("> a quote").quote);
    assert!(!render("a > b").quote);
}

#[test]
fn highlights_show_their_text() {
    assert_eq!(
        render("site of ==aerobic respiration== here").text,
        "site of aerobic respiration here"
    );
    assert_eq!(render("a == b and c == d").text, "a == b and c == d");
    assert_eq!(render("`x ==y==`").text, "`x ==y==`");
}

#[test]
fn headings_are_marked() {
    assert!(render("## Ownership rules").heading);
    assert!(!render("Ownership rules").heading);
}

#[test]
fn fenced_code_is_kept_verbatim() {
    let src = "```python\nx = **y**  # [[not a link]]\n```";
    let i = render(src);
    assert!(i.code_block);
    assert_eq!(i.text, src);
    assert!(i.bold.is_empty() && i.tags.is_empty());
}

#[test]
fn text_that_renders_to_nothing() {
    // A heading marker alone leaves only white space (found by the property test).
    assert_eq!(render("  #").text, "");
    assert_eq!(render("## ").text, "");
    assert_eq!(render("[[]]").text, "[[]]");
}

#[test]
fn multibyte_text_around_bold() {
    let i = render("é**tude** — naïve **café**s");
    assert_eq!(bold_words(&i), ["étude", "café"]);
    assert!(!i.bold[0].partial && i.bold[1].partial);
}
