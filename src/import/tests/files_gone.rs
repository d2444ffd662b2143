//! Note files deleted, renamed or moved between imports, and the refresh before a review.

use super::*;

const A: &str = "- What is a monad?\n\t- a monoid of endofunctors\n";
const B: &str = "- Which port does SSH use?\n\t- 22\n";

/// Logs one answer for the card, so "history kept" can be checked.
fn answer(env: &Env, card: i64) {
    env.store
        .conn
        .execute(
            "INSERT INTO reviews (card_id, reviewed_at, rating, duration_ms, state_before, state_after) \
             VALUES (?1, 1, 3, 1000, 'new', 'learning')",
            [card],
        )
        .unwrap();
}

fn reviews_of(env: &Env, card: i64) -> i64 {
    env.store
        .conn
        .query_row(
            "SELECT count(*) FROM reviews WHERE card_id = ?1",
            [card],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_note_deleted_from_a_folder_retires_its_cards_until_it_comes_back() {
    let mut env = Env::new();
    env.write("notes/a.md", A);
    let b = env.write("notes/b.md", B);
    let folder = env.dir.path().join("notes");
    assert_eq!(env.import(&[&folder]).added, 2);
    let ssh = env.id_of("Which port does SSH use?");
    answer(&env, ssh);

    std::fs::remove_file(&b).unwrap();
    let r = env.import_at(&[&folder], now_plus_an_hour(), false);
    assert_eq!((r.counts.gone, r.counts.retired), (1, 1));
    assert!(r.gone[0].ends_with("b.md"), "{:?}", r.gone);
    assert_eq!(r.changes[0].kind, ChangeKind::Retired);
    assert_eq!(r.changes[0].question, "Which port does SSH use?");
    assert!(
        env.cards().iter().any(|c| c.0 == ssh && c.2),
        "retired, not deleted"
    );
    // Found gone once: the next import says nothing more of it.
    let again = env.import(&[&folder]);
    assert_eq!((again.gone, again.retired), (0, 0));

    // The file comes back: the same card, with its history.
    env.write("notes/b.md", B);
    let back = env.import(&[&folder]);
    assert_eq!((back.restored, back.added), (1, 0));
    assert_eq!(env.id_of("Which port does SSH use?"), ssh);
    assert!(env.cards().iter().all(|c| !c.2));
    assert_eq!(reviews_of(&env, ssh), 1);
}

#[test]
fn a_dry_run_reports_the_deleted_note_and_retires_nothing() {
    let mut env = Env::new();
    env.write("notes/a.md", A);
    let b = env.write("notes/b.md", B);
    let folder = env.dir.path().join("notes");
    env.import(&[&folder]);
    std::fs::remove_file(&b).unwrap();
    let r = env.import_at(&[&folder], now_plus_an_hour(), true);
    assert_eq!((r.counts.gone, r.counts.retired), (1, 1));
    assert!(env.cards().iter().all(|c| !c.2), "a dry run writes nothing");
}

#[test]
fn a_renamed_note_keeps_its_cards_and_their_history() {
    let mut env = Env::new();
    env.write("notes/a.md", A);
    let b = env.write("notes/b.md", B);
    let folder = env.dir.path().join("notes");
    env.import(&[&folder]);
    let ssh = env.id_of("Which port does SSH use?");
    answer(&env, ssh);

    std::fs::rename(&b, env.dir.path().join("notes/networking.md")).unwrap();
    let c = env.import(&[&folder]);
    assert_eq!((c.gone, c.moved, c.added, c.retired), (0, 1, 0, 0), "{c:?}");
    assert_eq!(env.id_of("Which port does SSH use?"), ssh);
    assert_eq!(env.cards().len(), 2, "no card added or duplicated");
    assert_eq!(reviews_of(&env, ssh), 1);
    // The card now belongs to the renamed file's deck.
    let deck: String = env
        .store
        .conn
        .query_row(
            "SELECT d.name FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.id = ?1",
            [ssh],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(deck, "notes/networking");
}

#[test]
fn a_note_moved_to_another_folder_and_edited_keeps_its_cards() {
    let mut env = Env::new();
    env.write("notes/a.md", A);
    let b = env.write(
        "notes/b.md",
        "- Which port does SSH use?\n\t- 22\n- What is TCP?\n\t- a stream protocol\n",
    );
    let folder = env.dir.path().join("notes");
    env.import(&[&folder]);
    let ssh = env.id_of("Which port does SSH use?");
    std::fs::remove_file(&b).unwrap();
    env.write(
        "notes/net/b.md",
        "- Which port does SSH use?\n\t- 22 (TCP)\n- What is TCP?\n\t- a stream protocol\n",
    );
    let c = env.import(&[&folder]);
    assert_eq!((c.gone, c.updated, c.moved, c.added), (0, 1, 1, 0), "{c:?}");
    assert_eq!(env.id_of("Which port does SSH use?"), ssh);
}

#[test]
fn a_missing_folder_is_not_taken_for_deleted_notes() {
    let mut env = Env::new();
    env.write("notes/a.md", A);
    let folder = env.dir.path().join("notes");
    env.import(&[&folder]);
    std::fs::remove_dir_all(&folder).unwrap();
    let r = refresh(&mut env.store, &env.config, now_plus_an_hour()).unwrap();
    assert_eq!(r.missing_folders.len(), 1);
    assert_eq!((r.counts.gone, r.counts.retired), (0, 0));
    assert!(env.cards().iter().all(|c| !c.2));
}

#[test]
fn the_sync_before_a_review_takes_in_new_notes_and_retires_deleted_ones() {
    let mut env = Env::new();
    env.write("notes/a.md", A);
    let single = env.write("single.md", "- What is TCP?\n\t- a stream protocol\n");
    let folder = env.dir.path().join("notes");
    env.import(&[&folder]);
    env.import(&[&single]);

    env.write("notes/b.md", B);
    let r = refresh(&mut env.store, &env.config, now_plus_an_hour()).unwrap();
    assert_eq!((r.counts.added, r.counts.gone), (1, 0), "{:?}", r.counts);
    assert!(env
        .cards()
        .iter()
        .any(|c| c.1 == "Which port does SSH use?"));

    std::fs::remove_file(env.dir.path().join("notes/a.md")).unwrap();
    std::fs::remove_file(&single).unwrap();
    let r = refresh(&mut env.store, &env.config, now_plus_an_hour()).unwrap();
    assert_eq!((r.counts.gone, r.counts.retired), (2, 2), "{:?}", r.counts);
    let live: Vec<String> = env
        .cards()
        .into_iter()
        .filter(|c| !c.2)
        .map(|c| c.1)
        .collect();
    assert_eq!(live, ["Which port does SSH use?"]);
}

#[test]
fn moving_a_block_within_a_note_changes_nothing_a_person_would_call_a_change() {
    let mut env = Env::new();
    let p = env.write("n.md", &format!("{A}{B}"));
    // At the real time: the rewrite below may land within the same millisecond (same size,
    // same mtime), which an import trusts only once the file is a second older than it.
    let now = || crate::clock::Clock::system().now();
    env.import_at(&[&p], now(), false);
    std::fs::write(&p, format!("{B}{A}")).unwrap();
    let r = env.import_at(&[&p], now(), true);
    assert_eq!((r.counts.unchanged, r.counts.updated), (2, 0));
    assert!(r.changes.is_empty(), "{:?}", r.changes);
}

#[test]
fn notes_known_read_at_once_import_as_looked_up_one_by_one() {
    let run = |from: usize| {
        super::super::prepare::LOAD_KNOWN_FROM.with(|f| f.set(from));
        let mut env = Env::new();
        for i in 0..12 {
            env.write(
                &format!("n/{i:02}.md"),
                &format!("- What is **term {i}**?\n\t- it {i}\n"),
            );
        }
        let dir = env.dir.path().join("n");
        let first = env.import(&[&dir]);
        env.write("n/00.md", "- What is **term 0**?\n\t- changed\n"); // edited
        std::fs::remove_file(dir.join("01.md")).unwrap(); // deleted
        std::fs::rename(dir.join("02.md"), dir.join("moved.md")).unwrap(); // renamed
        env.write("n/03.md", "- What is **term 3**?\n\t- it 3\n"); // written, the same
        env.write("n/new.md", "- What is **term 99**?\n\t- new\n"); // new
        let again = env.import(&[&dir]);
        let third = env.import(&[&dir]);
        super::super::prepare::LOAD_KNOWN_FROM.with(|f| f.set(usize::MAX));
        let cards = env.cards();
        (first, again, third, cards)
    };
    let (at_once, one_by_one) = (run(1), run(usize::MAX));
    assert_eq!(at_once, one_by_one);
    let (_, again, third, _) = at_once;
    assert_eq!(
        (
            again.added,
            again.updated,
            again.moved,
            again.gone,
            again.skipped_unchanged
        ),
        // Two cards a note (a cloze and a question); one note deleted (the renamed one moved).
        (2, 1, 2, 1, 9),
        "{again:?}"
    );
    assert_eq!(
        (third.skipped_unchanged, third.added, third.updated),
        (12, 0, 0)
    );
}

#[test]
fn cards_set_aside_on_disk_import_the_same_as_cards_held_in_memory() {
    let graph = |env: &Env| {
        env.write("g/logseq/config.edn", "{}");
        env.write(
            "g/pages/a.md",
            "- asyncio\n\t- event loop\n\t  id:: 6650a1b2-0000-4000-8000-000000000001\n\t\t- runs tasks\n- What does **GIL** mean?\n\t- global interpreter lock\n",
        );
        env.write(
            "g/pages/b.md",
            "- Which loop runs coroutines?\n\t- ((6650a1b2-0000-4000-8000-000000000001))\n",
        );
        env.write("g/pages/c.md", B);
    };
    let rows = |env: &Env| -> Vec<(String, String, String, String, i64)> {
        let mut stmt = env
            .store
            .conn
            .prepare("SELECT key, question, answer, tags, line FROM cards ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    let run = |budget: usize| {
        let mut env = Env::new();
        graph(&env);
        let dir = env.dir.path().join("g");
        let (files, _) = collect_files(&[&dir]);
        let opts = Options {
            deck: None,
            dry_run: false,
            config: &env.config,
            flags: CardSettings::default(),
            keep_flags: false,
            before_commit: None,
            interrupted: None,
            folders: &[],
            now: now_plus_an_hour(),
        };
        let r = super::super::import_within(&mut env.store, &files, &opts, &mut |_| {}, budget)
            .unwrap();
        // The block the reference shows changes: the referring note is read again.
        env.write(
            "g/pages/a.md",
            "- asyncio\n\t- the event loop\n\t  id:: 6650a1b2-0000-4000-8000-000000000001\n\t\t- runs tasks\n- What does **GIL** mean?\n\t- global interpreter lock\n",
        );
        let again = super::super::import_within(&mut env.store, &files, &opts, &mut |_| {}, budget)
            .unwrap();
        (r.counts, again.counts, rows(&env))
    };
    let (held, set_aside) = (run(usize::MAX), run(0));
    assert_eq!(held, set_aside);
    assert!(held.0.added >= 4, "{:?}", held.0);
    assert!(
        held.2.iter().any(|c| c.2.contains("the event loop")),
        "the reference follows the block: {:?}",
        held.2
    );
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_are_refused_and_never_collide() {
    use std::os::unix::ffi::OsStrExt;
    let mut env = Env::new();
    let dir = env.dir.path().join("notes");
    std::fs::create_dir_all(&dir).unwrap();
    // Two names that the same lossy text would make one: `caf\xff.md` and `caf\xfe.md`.
    for b in [0xffu8, 0xfe] {
        let bytes = [b'c', b'a', b'f', b, b'.', b'm', b'd'];
        std::fs::write(dir.join(std::ffi::OsStr::from_bytes(&bytes)), A).unwrap();
    }
    std::fs::write(dir.join("ok.md"), B).unwrap();
    let r = env.import_at(&[&dir], now_plus_an_hour(), false);
    assert_eq!((r.counts.failed, r.counts.added), (2, 1), "{:?}", r.counts);
    assert!(
        r.errors[0]
            .to_string()
            .contains("the file name is not UTF-8"),
        "{}",
        r.errors[0]
    );
    assert_eq!(env.store.source_paths().unwrap().len(), 1);
}

#[test]
fn a_folder_imported_inside_another_keeps_its_deck_names_through_syncs() {
    let mut env = Env::new();
    env.write("vault/a.md", A);
    env.write("vault/sub/b.md", B);
    let vault = env.dir.path().join("vault");
    let sub = env.dir.path().join("vault/sub");
    env.import(&[&vault]);
    env.import(&[&sub]); // its note moves to deck `sub/b`
    for _ in 0..2 {
        let r = refresh(&mut env.store, &env.config, now_plus_an_hour()).unwrap();
        assert!(!r.changed_cards(), "{:?}", r.counts);
    }
    // Importing the whole vault again: its names apply to every note, for good.
    let c = env.import(&[&vault]);
    assert_eq!(c.moved, 1, "{c:?}");
    let r = refresh(&mut env.store, &env.config, now_plus_an_hour()).unwrap();
    assert!(!r.changed_cards(), "{:?}", r.counts);
}

#[test]
fn a_subfolder_renamed_or_deleted_moves_or_retires_its_notes_cards() {
    let mut env = Env::new();
    env.write("vault/a.md", A);
    env.write("vault/topic/b.md", B);
    let vault = env.dir.path().join("vault");
    env.import(&[&vault]);
    let ssh = env.id_of("Which port does SSH use?");
    std::fs::rename(vault.join("topic"), vault.join("topics")).unwrap();
    let c = env.import(&[&vault]);
    assert_eq!((c.gone, c.moved, c.added), (0, 1, 0), "{c:?}");
    assert_eq!(env.id_of("Which port does SSH use?"), ssh);
    assert_eq!(
        env.cards().iter().filter(|c| !c.2).count(),
        2,
        "no card twice"
    );
    std::fs::remove_dir_all(vault.join("topics")).unwrap();
    let c = env.import(&[&vault]);
    assert_eq!((c.gone, c.retired), (1, 1), "{c:?}");
}

#[test]
fn a_note_moved_between_folders_imported_apart_keeps_its_history_either_way() {
    for (from, to) in [("alpha", "omega"), ("omega", "alpha")] {
        let mut env = Env::new();
        env.write(&format!("{from}/a.md"), A);
        let b = env.write(&format!("{from}/b.md"), B);
        env.write(
            &format!("{to}/c.md"),
            "- What is TCP?\n\t- a stream protocol\n",
        );
        for folder in [from, to] {
            env.import(&[&env.dir.path().join(folder)]);
        }
        let ssh = env.id_of("Which port does SSH use?");
        answer(&env, ssh);

        std::fs::rename(&b, env.dir.path().join(to).join("b.md")).unwrap();
        let r = refresh(&mut env.store, &env.config, now_plus_an_hour()).unwrap();
        let c = &r.counts;
        assert_eq!((c.gone, c.moved, c.added, c.retired), (0, 1, 0, 0), "{c:?}");
        assert_eq!(r.changes[0].deck, format!("{to}/b"), "{from} → {to}");
        assert_eq!(env.id_of("Which port does SSH use?"), ssh);
        assert_eq!(reviews_of(&env, ssh), 1);
        assert_eq!(env.cards().iter().filter(|c| !c.2).count(), 3);
    }
}

#[test]
fn a_note_imported_by_itself_then_moved_into_an_imported_folder_keeps_its_cards() {
    let mut env = Env::new();
    let single = env.write("inbox/tcp.md", "- What is TCP?\n\t- a stream protocol\n");
    env.write("notes/a.md", A);
    env.import(&[&env.dir.path().join("notes")]);
    env.import(&[&single]);
    let tcp = env.id_of("What is TCP?");
    std::fs::rename(&single, env.dir.path().join("notes/tcp.md")).unwrap();
    let r = refresh(&mut env.store, &env.config, now_plus_an_hour()).unwrap();
    assert_eq!((r.counts.gone, r.counts.moved, r.counts.added), (0, 1, 0));
    assert_eq!(r.moved_files.len(), 1, "a move, not a deletion");
    assert_eq!(env.id_of("What is TCP?"), tcp);
}

#[test]
fn a_new_note_in_a_folder_takes_the_deck_and_flags_the_folder_was_imported_with() {
    let mut env = Env::new();
    env.write("notes/a.md", A);
    let dir = env.dir.path().join("notes");
    let flags = CardSettings {
        bold_cloze: Some(false),
        ..CardSettings::default()
    };
    let folders = [super::super::Folder {
        path: dir.clone(),
        deck: Some("fp".into()),
        flags,
    }];
    let (files, _) = collect_files(&[&dir]);
    let opts = Options {
        deck: Some("fp"),
        dry_run: false,
        config: &env.config,
        flags,
        keep_flags: false,
        before_commit: None,
        interrupted: None,
        folders: &folders,
        now: now_plus_an_hour(),
    };
    import(&mut env.store, &files, &opts, |_| {}).unwrap();
    env.write("notes/b.md", "- Which port does **SSH** use?\n\t- 22\n");
    let r = refresh(&mut env.store, &env.config, now_plus_an_hour()).unwrap();
    assert_eq!(r.counts.added, 1, "{:?}", r.counts);
    assert_eq!(r.changes[0].deck, "fp");
    assert_eq!(
        r.changes[0].question, "Which port does **SSH** use?",
        "no bold cloze: the folder was imported with --no-bold-cloze"
    );
}

#[test]
fn a_note_moved_into_a_folder_imported_alone_keeps_its_history() {
    let mut env = Env::new();
    let b = env.write("old/b.md", B);
    env.write("old/a.md", A);
    env.write("new/c.md", "- What is TCP?\n\t- a stream protocol\n");
    let (old, new) = (env.dir.path().join("old"), env.dir.path().join("new"));
    env.import(&[&old]);
    env.import(&[&new]);
    let ssh = env.id_of("Which port does SSH use?");
    answer(&env, ssh);
    std::fs::rename(&b, new.join("b.md")).unwrap();
    // Only the folder it went to is imported: the note it was is found gone all the same.
    let c = env.import(&[&new]);
    assert_eq!((c.gone, c.moved, c.added, c.retired), (0, 1, 0, 0), "{c:?}");
    assert_eq!(env.id_of("Which port does SSH use?"), ssh);
    assert_eq!(reviews_of(&env, ssh), 1);
    let r = refresh(&mut env.store, &env.config, now_plus_an_hour()).unwrap();
    assert!(!r.changed_cards(), "{:?}", r.counts);
}

#[test]
fn a_new_note_named_like_one_deleted_from_another_folder_is_not_that_note() {
    let mut env = Env::new();
    let old = env.write("alpha/inbox.md", A);
    env.write("alpha/keep.md", "- What is UDP?\n\t- a datagram protocol\n");
    env.write("omega/c.md", "- What is TCP?\n\t- a stream protocol\n");
    for folder in ["alpha", "omega"] {
        env.import(&[&env.dir.path().join(folder)]);
    }
    let monad = env.id_of("What is a monad?");
    std::fs::remove_file(&old).unwrap();
    // Another note of the same name, asking the same (a template): not the same card.
    env.write("omega/inbox.md", "- What is a monad?\n\t- a burrito\n");
    let r = refresh(&mut env.store, &env.config, now_plus_an_hour()).unwrap();
    let c = &r.counts;
    assert_eq!(
        (c.gone, c.retired, c.added, c.updated),
        (1, 1, 1, 0),
        "{c:?}"
    );
    assert!(env.cards().iter().any(|c| c.0 == monad && c.2), "retired");
}

#[test]
fn of_two_copies_moved_away_only_the_one_a_new_file_takes_is_gone() {
    let mut env = Env::new();
    let one = env.write("one/b.md", B);
    let two = env.write("two/b.md", B);
    env.import(&[&one]);
    env.import(&[&two]);
    std::fs::remove_file(&one).unwrap();
    std::fs::remove_file(&two).unwrap();
    let moved = env.write("three/b.md", B);
    let c = env.import(&[&moved]);
    assert_eq!((c.gone, c.moved, c.added, c.retired), (0, 1, 0, 0), "{c:?}");
    let known = env.store.sources_with_decks().unwrap();
    let gone: Vec<bool> = known.iter().map(|k| k.2).collect();
    assert_eq!(gone.iter().filter(|g| **g).count(), 1, "{known:?}");
}

#[test]
fn a_new_note_takes_the_deck_of_the_innermost_folder_imported_around_it() {
    let mut env = Env::new();
    env.write("vault/a.md", A);
    env.write("vault/sub/b.md", B);
    let (vault, sub) = (
        env.dir.path().join("vault"),
        env.dir.path().join("vault/sub"),
    );
    env.import(&[&vault]);
    let folders = [super::super::Folder {
        path: sub.clone(),
        deck: Some("inner".into()),
        flags: CardSettings::default(),
    }];
    let (files, _) = collect_files(&[&sub]);
    let opts = Options {
        deck: Some("inner"),
        dry_run: false,
        config: &env.config,
        flags: CardSettings::default(),
        keep_flags: false,
        before_commit: None,
        interrupted: None,
        folders: &folders,
        now: now_plus_an_hour(),
    };
    import(&mut env.store, &files, &opts, |_| {}).unwrap();
    env.write("vault/sub/c.md", "- What is TCP?\n\t- a stream protocol\n");
    env.write("vault/d.md", "- What is UDP?\n\t- a datagram protocol\n");
    let r = refresh(&mut env.store, &env.config, now_plus_an_hour()).unwrap();
    let mut got: Vec<(&str, &str)> = (r.changes.iter())
        .map(|c| (c.deck.as_str(), c.question.as_str()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [("inner", "What is TCP?"), ("vault/d", "What is UDP?")]
    );
}

#[test]
fn a_folder_left_with_none_of_its_notes_is_left_alone_by_the_sync_but_not_by_an_import() {
    let mut env = Env::new();
    let a = env.write("drive/a.md", A);
    let b = env.write("drive/b.md", B);
    let drive = env.dir.path().join("drive");
    env.import(&[&drive]);
    // A drive not mounted under a folder that stays: the folder is there, empty.
    std::fs::remove_file(&a).unwrap();
    std::fs::remove_file(&b).unwrap();
    let r = refresh(&mut env.store, &env.config, now_plus_an_hour()).unwrap();
    assert_eq!(r.empty_folders.len(), 1, "{:?}", r.counts);
    assert!(!r.changed_cards(), "{:?}", r.counts);
    assert!(env.cards().iter().all(|c| !c.2), "every card kept");
    // Importing the folder itself says the notes are gone.
    let c = env.import(&[&drive]);
    assert_eq!((c.gone, c.retired), (2, 2), "{c:?}");
}
