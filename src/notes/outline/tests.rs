use super::*;

/// (depth, text) of every block, for compact structural assertions.
fn shape(src: &str) -> Vec<(usize, String)> {
    parse(src)
        .blocks
        .iter()
        .map(|b| (b.depth, b.text.clone()))
        .collect()
}

fn s(depth: usize, text: &str) -> (usize, String) {
    (depth, text.to_string())
}

#[test]
fn logseq_tab_bullets_nest_by_tabs() {
    let src = "- from library\n\t- functools\n\t\t- wraps\n\t\t\t- forward the name\n\t- logging\n- generator\n";
    assert_eq!(
        shape(src),
        [
            s(0, "from library"),
            s(1, "functools"),
            s(2, "wraps"),
            s(3, "forward the name"),
            s(1, "logging"),
            s(0, "generator"),
        ]
    );
    let o = parse(src);
    assert_eq!(
        o.blocks[0].end, 5,
        "subtree of `from library` ends before `generator`"
    );
    assert_eq!(o.children(0).collect::<Vec<_>>(), [1, 4]);
    assert_eq!(o.roots().collect::<Vec<_>>(), [0, 5]);
    assert_eq!(o.blocks[3].parent, Some(2));
    assert_eq!(o.blocks[5].line, 6);
}

#[test]
fn two_and_four_space_markdown_lists() {
    for indent in ["  ", "    "] {
        let src = format!(
            "- a\n{indent}- b\n{indent}{indent}- c\n{indent}- d\n* e\n+ f\n1. g\n{indent}2) h\n"
        );
        assert_eq!(
            shape(&src),
            [
                s(0, "a"),
                s(1, "b"),
                s(2, "c"),
                s(1, "d"),
                s(0, "e"),
                s(0, "f"),
                s(0, "g"),
                s(1, "h")
            ],
            "indent {indent:?}"
        );
    }
}

#[test]
fn properties_are_taken_out_of_the_text() {
    let src = "\t- logging\n\t  id:: 67f38eb3-1f21\n\t  collapsed:: true\n\t\t- custom logger\n";
    let o = parse(src);
    assert_eq!(o.blocks[0].text, "logging");
    assert_eq!(o.blocks[0].property("id"), Some("67f38eb3-1f21"));
    assert_eq!(o.blocks[0].property("collapsed"), Some("true"));
    assert_eq!(o.blocks[0].properties[1].line, 3);
    assert_eq!(o.blocks[1].depth, 1);
}

#[test]
fn property_only_block_has_no_text() {
    let o =
        parse("- Adapter approaches\n  logseq.order-list-type:: number\n\t- tags:: duct type\n");
    assert_eq!(
        o.blocks[0].property("logseq.order-list-type"),
        Some("number")
    );
    assert_eq!(o.blocks[1].text, "");
    assert_eq!(o.blocks[1].property("tags"), Some("duct type"));
}

#[test]
fn question_with_spaced_double_colon_is_text_not_property() {
    let o = parse("- What is the GIL :: a lock\n- std::io is a module\n");
    assert_eq!(o.blocks[0].text, "What is the GIL :: a lock");
    assert!(o.blocks[0].properties.is_empty());
    assert_eq!(o.blocks[1].text, "std::io is a module");
}

#[test]
fn page_properties_before_the_first_bullet() {
    let o = parse("title:: Python\nrecall-cards:: explicit\n\n- first\n");
    assert_eq!(o.page_property("title"), Some("Python"));
    assert_eq!(o.page_property("recall-cards"), Some("explicit"));
    assert_eq!(shape("title:: Python\n\n- first\n"), [s(0, "first")]);
}

#[test]
fn first_property_only_block_holds_page_properties() {
    let o = parse("- recall-cloze:: false\n  tags:: lang\n- first\n");
    assert_eq!(o.page_property("recall-cloze"), Some("false"));
    assert_eq!(o.page_property("tags"), Some("lang"));
}

#[test]
fn yaml_front_matter_is_page_properties() {
    let o =
        parse("---\ntags: [python, 'lang']\nrecall-cards: off\nmeta:\n  nested: x\n---\n# Title\n");
    assert_eq!(o.page_property("tags"), Some("python, lang"));
    assert_eq!(o.page_property("recall-cards"), Some("off"));
    assert_eq!(o.page_property("nested"), None);
    assert_eq!(shape("---\na: 1\n---\n# Title\n"), [s(0, "# Title")]);
}

#[test]
fn a_lone_rule_at_the_top_is_not_front_matter() {
    assert_eq!(shape("---\n- a\n- b\n"), [s(0, "a"), s(0, "b")]);
}

#[test]
fn fenced_code_inside_a_bullet_is_kept_verbatim() {
    let src = "\t- Path:\n\t\t- ```python\n\t\t  def f():\n\t\t      return 1\n\t\t  \n\t\t  - not a bullet\n\t\t  ```\n\t\t- after\n";
    let o = parse(src);
    assert_eq!(
        o.blocks[1].text,
        "```python\ndef f():\n    return 1\n\n- not a bullet\n```"
    );
    assert_eq!(o.blocks[1].depth, 1);
    assert_eq!(o.blocks[2].text, "after");
    assert_eq!(o.blocks[2].depth, 1);
    assert!(o.warnings.is_empty());
}

#[test]
fn fence_after_text_in_a_bullet() {
    let o = parse("- force writing\n  ```\n  x = 1\n  ```\n- next\n");
    assert_eq!(o.blocks[0].text, "force writing\n```\nx = 1\n```");
    assert_eq!(o.blocks[1].text, "next");
}

#[test]
fn unclosed_fence_ends_at_the_next_outer_bullet_with_a_warning() {
    let o = parse("- a\n\t- ```\n\t  code\n- b\n");
    assert_eq!(o.blocks[1].text, "```\ncode");
    assert_eq!(o.blocks[2].text, "b");
    assert_eq!(o.blocks[2].depth, 0);
    assert_eq!(o.warnings.len(), 1);
    assert_eq!(o.warnings[0].line, 2);
    assert!(o.warnings[0].message.contains("never closed"));
}

#[test]
fn unclosed_top_level_fence_runs_to_the_end() {
    let o = parse("# T\n```\n- x\n");
    assert_eq!(o.blocks[1].text, "```\n- x\n");
    assert_eq!(o.warnings[0].line, 2);
}

#[test]
fn empty_bullets_are_blocks_without_text() {
    assert_eq!(
        shape("- tempfile\n\t-\n- re\n\t- \n"),
        [s(0, "tempfile"), s(1, ""), s(0, "re"), s(1, "")]
    );
}

#[test]
fn headings_inside_bullets_stay_in_the_text() {
    assert_eq!(
        shape("- ## Concepts\n\t- ## [[duck type]]\n"),
        [s(0, "## Concepts"), s(1, "## [[duck type]]")]
    );
}

#[test]
fn markdown_headings_are_outline_levels() {
    let src = "# Python\nintro line\nsecond line\n\n## GIL\nThe lock.\n\n- a point\n  - detail\n### Deeper\ntext\n## Next\n";
    assert_eq!(
        shape(src),
        [
            s(0, "# Python"),
            s(1, "intro line\nsecond line"),
            s(1, "## GIL"),
            s(2, "The lock."),
            s(2, "a point"),
            s(3, "detail"),
            s(2, "### Deeper"),
            s(3, "text"),
            s(1, "## Next"),
        ]
    );
}

#[test]
fn hash_without_space_is_a_tag_not_a_heading() {
    assert_eq!(shape("#tag line\n"), [s(0, "#tag line")]);
}

#[test]
fn continuation_lines_and_blank_lines_inside_a_block() {
    let src =
        "\t\t\t- This forces the OS.\n\t\t\t  \n\t\t\t  **What happens:** more.\n\t\t\t- next\n";
    assert_eq!(
        shape(src),
        [
            s(0, "This forces the OS.\n\n**What happens:** more."),
            s(0, "next")
        ]
    );
}

#[test]
fn lazy_continuation_of_a_markdown_item() {
    assert_eq!(
        shape("- item\ncontinued\n\nparagraph\n"),
        [s(0, "item\ncontinued"), s(0, "paragraph")]
    );
}

#[test]
fn crlf_and_bom_are_ignored() {
    let o = parse("\u{feff}- a\r\n\t- b\r\n\t  id:: x\r\n");
    assert_eq!(o.blocks[0].text, "a");
    assert_eq!(o.blocks[1].text, "b");
    assert_eq!(o.blocks[1].property("id"), Some("x"));
}

#[test]
fn bold_marker_at_line_start_is_not_a_bullet() {
    assert_eq!(shape("**bold** text\n"), [s(0, "**bold** text")]);
    assert_eq!(shape("- **Coroutines**\n"), [s(0, "**Coroutines**")]);
}

#[test]
fn thematic_breaks_are_dropped() {
    assert_eq!(shape("a\n\n---\n\nb\n"), [s(0, "a"), s(0, "b")]);
}

#[test]
fn the_users_notes_parse_into_the_expected_outline() {
    let src = include_str!("../../../decks/python.md");
    let o = parse(src);
    let roots: Vec<&str> = o.roots().map(|i| o.blocks[i].text.as_str()).collect();
    assert_eq!(
        roots,
        [
            "from library",
            "generator",
            "patterns",
            "convention",
            "helpful packages",
            "Miscs",
            "patterns",
            "## Concepts",
            "", // the file ends with an empty bullet
        ]
    );
    assert!(o.warnings.is_empty(), "{:?}", o.warnings);
    assert_eq!(o.blocks.len(), 189, "one block per bullet line");
    let noise = o.blocks.iter().find(|b| {
        b.text.contains("collapsed::") || b.text.contains("id::") || b.text.contains("tags::")
    });
    assert_eq!(noise, None);
    let fork = o
        .blocks
        .iter()
        .find(|b| b.text == "child is identical to parent process")
        .unwrap();
    assert_eq!(
        fork.property("id"),
        Some("6875bb38-7b3f-4322-aacf-dea3215337ac")
    );
    let code = o
        .blocks
        .iter()
        .find(|b| b.text.starts_with("```python"))
        .unwrap();
    assert_eq!(
        code.text,
        "```python\ncsvfile.flush()\nos.fsync(csvfile.fileno())\n```"
    );
    assert_eq!(code.line, 190);
}

#[test]
fn setext_headings_are_headings() {
    let src = "# Vimscript\n\n## Lists\n\ntext\n\nFunctions\n---------\n\n### Buffer\n\nline\n\nTitle\n=====\n\nend\n";
    let o = parse_as(src, Flavor::Markdown);
    let shape: Vec<(usize, &str, BlockKind)> = o
        .blocks
        .iter()
        .map(|b| (b.depth, b.text.as_str(), b.kind))
        .collect();
    assert_eq!(
        shape,
        [
            (0, "# Vimscript", BlockKind::Heading(1)),
            (1, "## Lists", BlockKind::Heading(2)),
            (2, "text", BlockKind::Paragraph),
            (1, "## Functions", BlockKind::Heading(2)),
            (2, "### Buffer", BlockKind::Heading(3)),
            (3, "line", BlockKind::Paragraph),
            (0, "# Title", BlockKind::Heading(1)),
            (1, "end", BlockKind::Paragraph),
        ]
    );
    assert_eq!(o.blocks[3].line, 7);
    // After a paragraph of two lines, or a blank line, `---` is a thematic break.
    let o = parse_as("one\ntwo\n---\n\nthree\n\n---\n", Flavor::Markdown);
    assert!(o.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
}

#[test]
fn indented_code_is_code() {
    let src = "### Buffer\n\n    line('.')     \" current line number\n\n    getline('.')  \" current line\n\ntext after\n\n- item\n\n      still the item\n";
    let o = parse_as(src, Flavor::Markdown);
    let texts: Vec<&str> = o.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "### Buffer",
            "```\nline('.')     \" current line number\n\ngetline('.')  \" current line\n```",
            "text after",
            "item\n\n    still the item",
        ]
    );
    // A paragraph's next line, however indented, goes on with it; a file can end in code.
    let o = parse_as("one\n    two\n\n    code\n", Flavor::Markdown);
    let texts: Vec<&str> = o.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["one\n    two", "```\ncode\n```"]);
}

#[test]
fn indented_code_keeps_its_lines_and_its_fences() {
    // Each line of the code is at its own line in the file.
    let o = parse_as(
        "### Buffer\n\n    line('.')  \" line number\n    getline('.')  \" the line\n",
        Flavor::Markdown,
    );
    let code = &o.blocks[1];
    assert_eq!(code.source_line(1), 3);
    assert_eq!(code.source_line(2), 4);
    // A fence inside indented code stays code: the outer fences are longer.
    let o = parse_as("    ```\n    some text\n    ```\n", Flavor::Markdown);
    assert_eq!(o.blocks[0].text, "````\n```\nsome text\n```\n````");
}

#[test]
fn org_translated_text_is_not_read_as_commonmark() {
    // Org indents a heading's body and draws rules with dashes.
    let o = parse_translated_within(
        "# Detail\n\n    Mitochondria make energy.\n\nSome text\n-----\n",
        1000,
    );
    let texts: Vec<&str> = o.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        ["# Detail", "Mitochondria make energy.", "Some text\n-----"]
    );
}
