use super::*;

fn parse(text: &str) -> Result<Config> {
    Config::parse(Path::new("config.toml"), text)
}

#[test]
fn empty_config_is_the_defaults() {
    assert_eq!(
        parse("").unwrap().settings_for("python"),
        Settings::default()
    );
}

#[test]
fn deck_tables_override_cards_and_apply_to_sub_decks() {
    let c = parse(
        "[cards]\nbold-cloze = false\n\n[decks.vault]\nmode = \"explicit\"\n\n[decks.\"vault/lang\"]\nbold-cloze = true\n",
    )
    .unwrap();
    let s = c.settings_for("python");
    assert_eq!((s.mode, s.bold_cloze), (Mode::Auto, false));
    let s = c.settings_for("vault/notes");
    assert_eq!((s.mode, s.bold_cloze), (Mode::Explicit, false));
    let s = c.settings_for("vault/lang/python");
    assert_eq!((s.mode, s.bold_cloze), (Mode::Explicit, true));
    assert_eq!(
        c.settings_for("vaultish").mode,
        Mode::Auto,
        "a prefix must end at a /"
    );
}

#[test]
fn highlight_clozes_are_off_unless_a_table_turns_them_on() {
    let c = parse("[decks.vault]\nhighlight-cloze = true\n").unwrap();
    assert!(!c.settings_for("python").highlight_cloze);
    assert!(c.settings_for("vault/obsidian").highlight_cloze);
    assert!(parse("[cards]\nhighlight-cloze = \"yes\"\n").is_err());
}

#[test]
fn mistakes_name_the_line() {
    let e = parse("[cards]\nmode = \"sometimes\"\n")
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("config.toml:2: "), "{e}");
    assert!(e.contains("sometimes"), "{e}");
    let e = parse("[cards]\nbold_cloze = false\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("bold_cloze") && e.contains("config.toml:2"),
        "{e}"
    );
}

#[test]
fn review_settings_are_read_and_checked() {
    let c = parse("[review]\ndesired-retention = 0.85\nnew-per-day = 5\n").unwrap();
    assert_eq!(
        (
            c.review.desired_retention,
            c.review.new_per_day,
            c.review.day_start_hour
        ),
        (0.85, 5, 4)
    );
    let e = parse("[review]\ndesired-retention = 0.3\n")
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "config.toml:2: [review] desired-retention = 0.3 is out of range: use 0.70 to 0.99"
    );
    // Every setting out of range, each at its line; the reader's words made plain.
    let e = parse("[review]\ndesired-retention = 0.3\nday-start-hour = 30\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.ends_with("\n  and line 3: [review] day-start-hour = 30 is not an hour (0 to 23)"),
        "{e}"
    );
    let e = parse("[review]\nnew-per-day = \"ten\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("config.toml:2: ") && e.contains("expected a whole number"),
        "{e}"
    );
    assert!(!e.contains("usize"), "{e}");
    assert!(parse("[review]\nday-start-hour = 24\n").is_err());
}

#[test]
fn limits_are_read_checked_and_reach_every_deck_s_settings() {
    let c = parse("[limits]\nclozes-per-block = 8\nblocks-per-note = 500\n").unwrap();
    let caps = c.settings_for("python").caps;
    assert_eq!((caps.clozes_per_block, caps.blocks_per_note), (8, 500));
    assert_eq!(caps.tags_per_block, Caps::default().tags_per_block);
    let e = parse("[limits]\nclozes-per-block = 100\n")
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "config.toml:2: [limits] clozes-per-block = 100 is out of range: use 1 to 64"
    );
    assert!(parse("[limits]\nblock-bytes = 0\n").is_err());
    assert!(
        parse("[limits]\nclozes = 3\n").is_err(),
        "unknown keys are refused"
    );
}

#[test]
fn learning_steps_read_as_anki_writes_them() {
    let c =
        parse("[review]\nlearning-steps = [\"30s\", \"1.5h\", \"2d\"]\nrelearning-steps = []\n")
            .unwrap();
    assert_eq!(c.review.learning_steps, Steps(vec![30, 5400, 172_800]));
    assert_eq!(c.review.relearning_steps, Steps(vec![]));
    let d = ReviewSettings::default();
    assert_eq!(
        (d.learning_steps.0, d.relearning_steps.0),
        (vec![60, 600], vec![600])
    );
    for bad in ["10", "m", "0m", "10 min", "400d"] {
        let text = format!("[review]\nlearning-steps = [\"{bad}\"]\n");
        let e = parse(&text).unwrap_err().to_string();
        assert!(e.contains(&format!("`{bad}` is not a step")), "{e}");
    }
}

#[test]
fn settings_are_found_on_their_lines_however_tables_and_keys_are_spelled() {
    let text = "[decks.vault]\nmode = \"explicit\"\n[ decks . 'a/b]c' ] # x ]\n\"new-per-day\" = 3\n\n[cards]\nreview.day-start-hour = 5\n";
    assert_eq!(line_setting(text, "decks.\"vault\".mode"), Some(2));
    assert_eq!(line_setting(text, "decks.\"a/b]c\".new-per-day"), Some(4));
    assert_eq!(line_setting(text, "cards.review.day-start-hour"), Some(7));
    assert_eq!(line_setting(text, "review.day-start-hour"), None);
}

#[test]
fn the_template_is_every_default_and_names_every_setting() {
    // The same settings in force as no file at all.
    assert_eq!(
        parse(TEMPLATE).unwrap().settings(None),
        Config::default().settings(None)
    );
    for s in Config::default().settings(Some(TEMPLATE)) {
        assert!(s.line.is_some(), "{} is not in the template", s.key);
    }
    let text = "[review]\nnew-per-day = 5\n\n[decks.\"vault/lang\"]\nbold-cloze = false\n";
    let got: Vec<(String, String, Option<usize>)> = parse(text)
        .unwrap()
        .settings(Some(text))
        .into_iter()
        .filter(|s| s.line.is_some() || s.key == "review.desired-retention")
        .map(|s| (s.key, s.value, s.line))
        .collect();
    assert_eq!(
        got,
        [
            (
                "decks.\"vault/lang\".bold-cloze".into(),
                "false".into(),
                Some(5)
            ),
            ("review.desired-retention".into(), "0.9".into(), None),
            ("review.new-per-day".into(), "5".into(), Some(2)),
        ]
    );
}

#[test]
fn easy_days_and_load_balancing() {
    let c = parse("[review]\neasy-days = [\"sat\", \"Sunday\"]\neasy-day-share = 0.5\n").unwrap();
    assert_eq!(
        c.review.easy_days,
        EasyDays([false, false, false, false, false, true, true])
    );
    let s = c.review.scheduler(crate::clock::Zone::Fixed(0));
    assert!(s.load_balance, "on by default");
    assert_eq!(s.easy_day_weights, [1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.5]);
    assert!(
        !parse("[review]\nload-balance = false\n")
            .unwrap()
            .review
            .scheduler(crate::clock::Zone::Fixed(0))
            .load_balance
    );
    let e = parse("[review]\neasy-days = [\"funday\"]\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("`funday` is not a weekday: use monday … sunday"),
        "{e}"
    );
    let e = parse("[review]\neasy-day-share = 2\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("easy-day-share = 2 is out of range"), "{e}");
}

#[test]
fn a_missing_default_file_is_fine_a_missing_named_one_is_not() {
    let p = Path::new("/nonexistent/recall/config.toml");
    assert_eq!(Config::load(p, false).unwrap(), Config::default());
    assert!(Config::load(p, true).is_err());
}
