//! `recall import`, `decks` and `list` end to end through the built binary, on temp databases.

use crate::util::{python_deck, run_with_input, Run, TestEnv, BUNDLED_CARDS};
use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The lines of an import report, without the indented extraction summary under them.
fn report_line(stdout: &str) -> String {
    stdout
        .lines()
        .filter(|l| !l.starts_with("  "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// (id, question, retired) of every stored card, by id.
fn cards(env: &TestEnv) -> Vec<(i64, String, bool)> {
    let c = env.sql();
    let mut stmt = c
        .prepare("SELECT id, question, retired_at IS NOT NULL FROM cards ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn id_of(env: &TestEnv, question: &str) -> i64 {
    cards(env)
        .into_iter()
        .find(|c| c.1 == question && !c.2)
        .unwrap_or_else(|| panic!("no live card {question:?}"))
        .0
}

/// Every row of every table, as text: two equal dumps are two equal databases.
fn dump(env: &TestEnv) -> String {
    let c = env.sql();
    let mut out = String::new();
    for table in ["decks", "sources", "cards", "card_state", "reviews"] {
        let mut stmt = c
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut row = Vec::new();
                for i in 0..n {
                    row.push(format!("{:?}", r.get_ref(i)?));
                }
                Ok(row.join("|"))
            })
            .unwrap();
        for row in rows {
            out.push_str(table);
            out.push_str(": ");
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}

fn add_review(env: &TestEnv, card_id: i64) {
    env.sql()
        .execute(
            "INSERT INTO reviews (card_id, reviewed_at, rating, duration_ms, state_before, state_after) \
             VALUES (?1, 1700000000000, 3, 4200, 'new', 'learning')",
            [card_id],
        )
        .unwrap();
}

#[test]
fn importing_the_bundled_deck() {
    let env = TestEnv::new();
    let deck = python_deck();
    let r = env.recall(&["import", deck.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        r.stdout.lines().next().unwrap_or(""),
        format!("Imported 1 file; cards: {BUNDLED_CARDS} added, 0 updated, 0 reworded, 0 restored, 0 retired, 0 unchanged")
    );
    assert!(
        r.stdout
            .contains(&format!("\n  {BUNDLED_CARDS} automatic, 0 explicit")),
        "{}",
        r.stdout
    );
    let r = env.recall(&["decks"]);
    assert_eq!(
        r.stdout,
        format!("deck       new     due   total\npython      {BUNDLED_CARDS}       0      {BUNDLED_CARDS}\n")
    );

    let r = env.recall(&["list", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let listed = v["cards"].as_array().unwrap();
    assert_eq!(listed.len(), BUNDLED_CARDS);
    assert_eq!(listed[0]["question"], "wraps");
    assert_eq!(listed[0]["state"], "new");
    assert_eq!(listed[0]["deck"], "python");
    assert!(listed[0]["due"].is_null());

    let r = env.recall(&["list", "--search", "_self_"]);
    assert_eq!(r.stdout.lines().count(), 3, "{}", r.stdout);
    // Its Markdown read as text: no backticks.
    assert!(r.stdout.contains("[python] _self_\n"), "{}", r.stdout);
    assert_eq!(r.stdout.lines().last(), Some("2 cards"));
    let r = env.recall(&["list", "--search", "100%_sure"]);
    assert_eq!(
        r.stdout.trim(),
        "0 cards",
        "LIKE wildcards in the search are literal"
    );

    // Unchanged: skipped cheaply.
    let r = env.recall(&["import", deck.to_str().unwrap()]);
    assert!(
        r.stdout.contains("(1 unchanged since the last import)"),
        "{}",
        r.stdout
    );
    assert_eq!(cards(&env).len(), BUNDLED_CARDS);
}

#[test]
fn a_folder_becomes_decks_named_by_path() {
    let env = TestEnv::new();
    env.write("vault/lang/python.md", "- GIL\n\t- one thread at a time\n");
    env.write(
        "vault/people___ada.md",
        "- Ada\n\t- wrote the first program\n",
    );
    env.write("vault/.obsidian/x.md", "- hidden\n\t- never read\n");
    env.write("vault/logseq/bak/old.md", "- backup\n\t- never read\n");
    env.write("vault/bad.md", b"- caf\xe9\n\t- x\n");
    let r = env.recall(&["import", "vault"]);
    assert_eq!(r.code, Some(1), "the bad file makes the exit code say so");
    assert!(r.stderr.contains("bad.md: not UTF-8 text"), "{}", r.stderr);
    assert!(
        r.stdout.starts_with("Imported 3 files; cards: 2 added"),
        "{}",
        r.stdout
    );
    let r = env.recall(&["decks", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let names: Vec<&str> = v["decks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["vault/lang/python", "vault/people/ada"]);

    let r = env.recall(&["list", "--deck", "vault/lang"]);
    assert_eq!(
        r.stdout.lines().last(),
        Some("1 card"),
        "a deck includes its sub-decks"
    );

    // --deck puts everything in one deck.
    let r = env.recall(&[
        "import",
        "--deck",
        "everything",
        "vault/lang",
        "vault/people___ada.md",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("Imported 2 files; cards: 0 added, 0 updated, 0 reworded, 0 restored, 0 retired, 0 unchanged, 2 moved to another file or deck"),
        "cards moved to another deck are moved, not updated or reworded: {}",
        r.stdout
    );
    let r = env.recall(&["list", "--deck", "everything"]);
    assert_eq!(
        r.stdout.lines().last(),
        Some("2 cards"),
        "the cards moved, keeping their ids"
    );
    assert_eq!(cards(&env).len(), 2);
}

#[test]
fn edits_of_every_kind_keep_ids_and_reviews() {
    let env = TestEnv::new();
    let note = "- event loop\n\t- picks the most ready task\n\t- runs in a **specific** thread\n- lock\n\t- asyncio.Lock\n- GIL\n\t- one thread at a time\n";
    let path = env.write("asyncio.md", note);
    let p = path.to_str().unwrap();
    assert_eq!(env.recall(&["import", p]).code, Some(0));
    let (loop_id, lock_id, gil_id) = (
        id_of(&env, "event loop"),
        id_of(&env, "lock"),
        id_of(&env, "GIL"),
    );
    let cloze_id = id_of(&env, "runs in a […] thread");
    for id in [loop_id, lock_id, cloze_id] {
        add_review(&env, id);
    }
    let step = |text: &str, expect: &str| {
        env.write("asyncio.md", text);
        let r: Run = env.recall(&["import", p]);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        assert_eq!(report_line(&r.stdout), expect, "after writing:\n{text}");
    };

    // Answer change: updated in place.
    step(
        "- event loop\n\t- picks the most ready task\n\t- runs in a **specific** thread\n- lock\n\t- asyncio.Lock, shared by tasks\n- GIL\n\t- one thread at a time\n",
        "Imported 1 file; cards: 0 added, 1 updated, 0 reworded, 0 restored, 0 retired, 3 unchanged",
    );
    // Reorder: nothing changes but places.
    step(
        "- GIL\n\t- one thread at a time\n- lock\n\t- asyncio.Lock, shared by tasks\n- event loop\n\t- picks the most ready task\n\t- runs in a **specific** thread\n",
        "Imported 1 file; cards: 0 added, 0 updated, 0 reworded, 0 restored, 0 retired, 4 unchanged",
    );
    // Reword: the same card under a new question (its cloze child's context changes with it).
    step(
        "- GIL\n\t- one thread at a time\n- lock\n\t- asyncio.Lock, shared by tasks\n- the event loop\n\t- picks the most ready task\n\t- runs in a **specific** thread\n",
        "Imported 1 file; cards: 0 added, 1 updated, 1 reworded, 0 restored, 0 retired, 2 unchanged",
    );
    assert_eq!(id_of(&env, "the event loop"), loop_id);
    // Delete: retired, never deleted.
    step(
        "- lock\n\t- asyncio.Lock, shared by tasks\n",
        "Imported 1 file; cards: 0 added, 0 updated, 0 reworded, 0 restored, 3 retired, 1 unchanged",
    );
    let r = env.recall(&["decks", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        v["decks"][0]["total"], 1,
        "retired cards are not counted: {v}"
    );
    // Restore: the same cards come back.
    step(
        "- GIL\n\t- one thread at a time\n- lock\n\t- asyncio.Lock, shared by tasks\n- the event loop\n\t- picks the most ready task\n\t- runs in a **specific** thread\n",
        "Imported 1 file; cards: 0 added, 0 updated, 0 reworded, 3 restored, 0 retired, 1 unchanged",
    );
    assert_eq!(
        [
            id_of(&env, "the event loop"),
            id_of(&env, "lock"),
            id_of(&env, "GIL"),
            id_of(&env, "runs in a […] thread")
        ],
        [loop_id, lock_id, gil_id, cloze_id]
    );
    assert_eq!(
        cards(&env).len(),
        4,
        "no card was ever deleted or duplicated"
    );
    let reviews: Vec<i64> = {
        let c = env.sql();
        let mut s = c
            .prepare("SELECT card_id FROM reviews ORDER BY id")
            .unwrap();
        s.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(
        reviews,
        [loop_id, lock_id, cloze_id],
        "every review survived, on its card"
    );
}

#[test]
fn dry_run_lists_changes_and_writes_nothing() {
    let env = TestEnv::new();
    let path = env.write("n.md", "- q1\n\t- a1\n- q2\n\t- a2\n");
    let p = path.to_str().unwrap();
    env.recall(&["import", p]);
    let before = dump(&env);
    env.write("n.md", "- q1\n\t- a1 changed\n- q3\n\t- a3\n");
    let r = env.recall(&["import", "--dry-run", p]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        report_line(&r.stdout),
        "~ update  [n] q1\n+ add     [n] q3\n- retire  [n] q2\nWould import 1 file; cards: 1 added, 1 updated, 0 reworded, 0 restored, 1 retired, 0 unchanged (dry run: nothing written)"
    );
    assert!(
        r.stdout.contains("\n  2 automatic, 0 explicit"),
        "{}",
        r.stdout
    );
    assert_eq!(dump(&env), before);
}

#[test]
fn the_default_database_lives_in_the_data_folder() {
    let env = TestEnv::new();
    let deck = python_deck();
    let r = env.run(&["import", deck.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(env.path("xdg-data/recall/recall.db").exists());
    // RECALL_DB names another; a command that only reads does not make it.
    let r = Run::from(
        env.command(&["decks"])
            .env("RECALL_DB", env.path("elsewhere.db"))
            .output()
            .unwrap(),
    );
    assert!(r.stderr.contains("no database at"), "{}", r.stderr);
    assert!(!env.path("elsewhere.db").exists());
    let r = Run::from(
        env.command(&["import", deck.to_str().unwrap()])
            .env("RECALL_DB", env.path("elsewhere.db"))
            .output()
            .unwrap(),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(env.path("elsewhere.db").exists());
}

#[test]
fn a_database_from_a_newer_recall_is_refused() {
    let env = TestEnv::new();
    env.empty_db();
    env.sql().pragma_update(None, "user_version", 42).unwrap();
    let r = env.recall(&["decks"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains(
            "written by a newer recall (schema 42; this recall knows 16); upgrade recall"
        ),
        "{}",
        r.stderr
    );
}

/// A vault big enough that importing it takes a while.
fn big_vault(env: &TestEnv, files: usize) {
    let text = std::fs::read_to_string(python_deck()).unwrap();
    for i in 0..files {
        env.write(&format!("vault/p{i:04}.md"), &text);
    }
}

/// A database holding the bundled deck (and its dump), and an import of `files` more notes
/// paused with everything written and nothing committed; its stderr after the line saying so.
fn paused_import(
    env: &TestEnv,
    files: usize,
) -> (
    String,
    std::process::Child,
    BufReader<std::process::ChildStderr>,
) {
    let deck = python_deck();
    env.recall(&["import", deck.to_str().unwrap()]);
    let before = dump(env);
    big_vault(env, files);
    let db = env.db();
    let mut child = env
        .command(&["--db", db.to_str().unwrap(), "import", "vault"])
        .env("RECALL_TEST_PAUSE_BEFORE_COMMIT", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Every row of the import is written, uncommitted, when it says so.
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "recall: pausing before commit");
    (before, child, err)
}

#[test]
fn kill_9_before_commit_leaves_the_database_as_it_was() {
    let env = TestEnv::new();
    let (before, mut child, _err) = paused_import(&env, 50);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let c = env.sql();
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(c);
    assert_eq!(dump(&env), before);
}

#[test]
fn ctrl_c_during_an_import_says_nothing_was_imported_and_writes_nothing() {
    let env = TestEnv::new();
    let (before, mut child, mut err) = paused_import(&env, 20);
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut err, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{rest}");
    assert!(rest.contains("interrupted; nothing imported"), "{rest}");
    assert_eq!(dump(&env), before);
}

#[test]
fn kill_9_at_any_moment_leaves_a_consistent_database() {
    let env = TestEnv::new();
    big_vault(&env, 200);
    let db = env.db();
    env.empty_db(); // the schema first
                    // What the whole import gives, run to its end on a database of its own.
    let whole_db = env.path("whole.db");
    let r = env.run(&["--db", whole_db.to_str().unwrap(), "import", "vault"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let whole: i64 = rusqlite::Connection::open(&whole_db)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM cards", [], |r| r.get(0))
        .unwrap();
    assert!(whole >= 200 * BUNDLED_CARDS as i64, "{whole}");
    for delay_ms in [20u64, 60, 150] {
        let mut child = env
            .command(&["--db", db.to_str().unwrap(), "import", "vault"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(delay_ms) {
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = child.kill();
        child.wait().unwrap();
        let c = env.sql();
        let check: String = c
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        // All or nothing: either no card of the vault, or all of them.
        let n: i64 = c
            .query_row("SELECT COUNT(*) FROM cards", [], |r| r.get(0))
            .unwrap();
        assert!(
            n == 0 || n == whole,
            "{n} cards after a kill at {delay_ms} ms (the whole import: {whole})"
        );
    }
}

#[test]
fn a_logseq_graph_inside_an_imported_folder_is_read_as_a_graph() {
    let env = TestEnv::new();
    env.write("notes/plain.md", "- TCP\n\t- a stream protocol\n");
    env.write("notes/graph/logseq/config.edn", "{}");
    env.write(
        "notes/graph/logseq/bak/pages/python.md",
        "- old\n\t- backup\n",
    );
    env.write(
        "notes/graph/pages/python___asyncio.md",
        "- event loop\n\t- runs tasks\n",
    );
    env.write(
        "notes/graph/journals/2026_11_23.md",
        "- GIL #card\n\t- a lock\n",
    );
    let r = env.recall(&["import", "notes"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = env.recall(&["decks", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let mut decks: Vec<String> = v["decks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap().to_string())
        .collect();
    decks.sort();
    assert_eq!(
        decks,
        [
            "notes/graph/journals",
            "notes/graph/python/asyncio",
            "notes/plain"
        ]
    );
}

#[test]
fn a_logseq_graph_names_decks_without_pages_and_one_deck_for_journals() {
    let env = TestEnv::new();
    env.write("graph/logseq/config.edn", "{}");
    env.write("graph/logseq/bak/pages/python.md", "- old\n\t- backup\n");
    env.write(
        "graph/pages/python___asyncio.md",
        "- event loop\n\t- runs tasks\n",
    );
    env.write("graph/journals/2026_11_23.md", "- GIL #card\n\t- a lock\n");
    env.write(
        "graph/journals/2026_11_24.md",
        "- today **nothing** marked\n- WAL #card\n\t- a log\n",
    );
    let r = env.recall(&["import", "graph"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = env.recall(&["decks", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let decks: Vec<(String, i64)> = v["decks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["name"].as_str().unwrap().to_string(),
                d["total"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        decks,
        [
            ("graph/journals".to_string(), 2),
            ("graph/python/asyncio".to_string(), 1)
        ]
    );
}

#[test]
fn a_file_that_is_not_a_database_is_named_and_left_alone() {
    let env = TestEnv::new();
    let p = env.write("notes.db", "just text\n");
    let r = env.run(&["--db", p.to_str().unwrap(), "decks"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(
        r.stderr.trim(),
        format!(
            "recall: {}: not a recall database (not SQLite at all); check --db or RECALL_DB",
            p.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "just text\n");
}

/// (question, answer) of every live card, in note order.
fn live_cards(env: &TestEnv) -> Vec<(String, String)> {
    let c = env.sql();
    let mut stmt = c
        .prepare(
            "SELECT question, answer FROM cards WHERE retired_at IS NULL \
             ORDER BY source_id, position",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn block_references_resolve_across_notes_and_follow_their_block() {
    let env = TestEnv::new();
    env.write("graph/logseq/config.edn", "{}");
    // The referring page comes first in the walk: its reference resolves all the same.
    env.write(
        "graph/pages/a study.md",
        "- Which acid keeps blood at pH 7.4?\n\t- ((65e9f3a0-2c4b-4d7e-8a1f-5b6c7d8e9f01))\n- gone ((00000000-0000-0000-0000-000000000000))\n\t- a ref nothing resolves is dropped\n",
    );
    env.write(
        "graph/pages/b facts.md",
        "- blood is buffered by **carbonic acid**\n  id:: 65e9f3a0-2c4b-4d7e-8a1f-5b6c7d8e9f01\n",
    );
    let r = env.recall(&["import", "graph"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.contains("1 block reference pointed at no block"),
        "{}",
        r.stdout
    );
    let cards = live_cards(&env);
    assert!(
        cards.contains(&(
            "Which acid keeps blood at pH 7.4?".into(),
            "blood is buffered by carbonic acid".into()
        )),
        "{cards:?}"
    );
    assert!(
        cards.contains(&("gone".into(), "a ref nothing resolves is dropped".into())),
        "{cards:?}"
    );
    assert!(cards
        .iter()
        .all(|(q, a)| !q.contains("((") && !a.contains("((")));

    // The block changes: the page that refers to it follows, though its own file did not.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    env.write(
        "graph/pages/b facts.md",
        "- blood is buffered by **carbonic acid** and bicarbonate\n  id:: 65e9f3a0-2c4b-4d7e-8a1f-5b6c7d8e9f01\n",
    );
    let r = env.recall(&["import", "graph"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let cards = live_cards(&env);
    assert!(
        cards.contains(&(
            "Which acid keeps blood at pH 7.4?".into(),
            "blood is buffered by carbonic acid and bicarbonate".into()
        )),
        "{cards:?}"
    );
    assert!(
        report_line(&r.stdout)
            .starts_with("Imported 2 files (1 unchanged since the last import); cards: "),
        "{}",
        r.stdout
    );
    // `recall cards` resolves the same way.
    let r = env.run(&["cards", "graph", "--json"]);
    assert!(
        r.stdout
            .contains("blood is buffered by carbonic acid and bicarbonate"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_note_deleted_from_an_imported_folder_is_not_served_again() {
    let env = TestEnv::new();
    env.write(
        "notes/a.md",
        "- What is a monad?\n\t- a monoid of endofunctors\n",
    );
    let b = env.write("notes/b.md", "- Which port does SSH use?\n\t- 22\n");
    let r = env.recall(&["import", "notes"]);
    assert!(
        r.stdout.starts_with("Imported 2 files; cards: 2 added"),
        "{}",
        r.stdout
    );
    std::fs::remove_file(&b).unwrap();

    let r = env.recall(&["import", "--dry-run", "notes"]);
    assert!(
        r.stdout
            .contains("- retire  [notes/b] Which port does SSH use?"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("1 note file deleted since the last import: its cards would retire"),
        "{}",
        r.stdout
    );
    // The review's sync finds it too, without `recall import`.
    let db = env.db();
    let mut cmd = env.command(&["--db", db.to_str().unwrap(), "review", "--plain"]);
    let r = run_with_input(&mut cmd, "q\n");
    assert!(
        r.stdout.contains("Your notes changed: 0 added, 0 updated, 0 reworded, 0 restored, 1 retired (1 note file deleted)."),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("SSH"), "{}", r.stdout);
    let r = env.recall(&["list"]);
    assert!(!r.stdout.contains("SSH"), "{}", r.stdout);
    assert_eq!(r.stdout.lines().last(), Some("1 card"), "{}", r.stdout);
}

#[test]
fn a_folder_with_no_notes_says_so() {
    let env = TestEnv::new();
    env.write("empty/readme.txt", "not a note");
    let r = env.recall(&["import", env.path("empty").to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.ends_with(
            "/empty: recall reads .md and .org files (hidden folders and logseq/bak are skipped).\n"
        ),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("No notes in "), "{}", r.stdout);
}

#[test]
fn a_path_that_is_not_there_gets_its_error_and_no_summary() {
    let env = TestEnv::new();
    let r = env.recall(&["import", "nonexistent.md"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(r.stdout, "", "no summary of an import that did not happen");
    assert!(
        r.stderr.contains("nonexistent.md: no such file or folder"),
        "{}",
        r.stderr
    );
    assert!(!env.db().exists(), "no database made for it");
}

#[test]
fn a_note_moved_within_its_folder_is_reported_moved_not_deleted() {
    let env = TestEnv::new();
    env.write("notes/a/x.md", "- What is TCP?\n\t- a stream protocol\n");
    env.write("notes/a/y.md", "- What is UDP?\n\t- a datagram protocol\n");
    let notes = env.path("notes");
    assert_eq!(
        env.recall(&["import", notes.to_str().unwrap()]).code,
        Some(0)
    );
    std::fs::create_dir_all(env.path("notes/b")).unwrap();
    std::fs::rename(env.path("notes/a/x.md"), env.path("notes/b/x.md")).unwrap();
    let r = env.recall(&["import", notes.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("0 retired"), "{}", r.stdout);
    assert!(!r.stdout.contains("deleted"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("1 note file moved or renamed since the last import")
            && r.stdout.contains("a/x.md → ")
            && r.stdout.contains("b/x.md"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_file_of_an_imported_folder_imported_alone_keeps_its_deck() {
    let env = TestEnv::new();
    env.write("notes/emacs.md", "- What saves a buffer?\n\t- C-x C-s\n");
    let notes = env.path("notes");
    assert_eq!(
        env.recall(&["import", notes.to_str().unwrap()]).code,
        Some(0)
    );
    let deck = || {
        env.sql()
            .query_row(
                "SELECT d.name FROM cards c JOIN decks d ON d.id = c.deck_id",
                [],
                |r| r.get::<_, String>(0),
            )
            .unwrap()
    };
    assert_eq!(deck(), "notes/emacs");
    env.write(
        "notes/emacs.md",
        "- What saves a buffer?\n\t- C-x C-s (save-buffer)\n",
    );
    let file = env.path("notes/emacs.md");
    let r = env.recall(&["import", file.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(deck(), "notes/emacs", "named alone, it stays where it is");
    let r = env.recall(&["import", file.to_str().unwrap(), "--deck", "editors"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(deck(), "editors", "--deck moves it");
}

#[test]
fn a_dry_run_shows_a_reworded_question_before_and_after() {
    let env = TestEnv::new();
    let note = env.write(
        "c.md",
        "- What is Avogadro's number?\n\t- 6.022e23 per mole\n",
    );
    assert_eq!(
        env.recall(&["import", note.to_str().unwrap()]).code,
        Some(0)
    );
    env.write(
        "c.md",
        "- What is Avogadro's constant?\n\t- 6.022e23 per mole\n",
    );
    let r = env.recall(&["import", note.to_str().unwrap(), "--dry-run"]);
    assert!(
        r.stdout
            .contains("~ reword  [c] What is Avogadro's number? → What is Avogadro's constant?"),
        "{}",
        r.stdout
    );
}

#[test]
fn cards_previews_a_known_file_as_it_was_imported() {
    let env = TestEnv::new();
    let note = env.write(
        "vault/net.md",
        "- What is TCP?\n\t- a **stream** protocol\n- UDP sends **datagrams** without a connection\n",
    );
    let folder = env.path("vault");
    let r = env.recall(&[
        "import",
        folder.to_str().unwrap(),
        "--deck",
        "study",
        "--no-bold-cloze",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let stored: Vec<(String, String)> = {
        let c = env.sql();
        let mut stmt = c
            .prepare(
                "SELECT d.name, c.key FROM cards c JOIN decks d ON d.id = c.deck_id ORDER BY c.key",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let r = env.recall(&["cards", note.to_str().unwrap(), "--json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let mut previewed: Vec<(String, String)> = v["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["deck"].as_str().unwrap().to_string(),
                c["key"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    previewed.sort_by(|a, b| a.1.cmp(&b.1));
    // The same cards, keys and deck the import keeps: no cloze, deck `study`.
    assert_eq!(previewed, stored);
    assert!(previewed.iter().all(|(d, _)| d == "study"), "{previewed:?}");
    // A note new to the folder since its import takes the folder's deck and settings, as
    // the refresh before a review will give it.
    let new = env.write(
        "vault/sub/dns.md",
        "- DNS resolves **names** to addresses\n- What is DNS?\n\t- the name system\n",
    );
    let r = env.recall(&["cards", new.to_str().unwrap(), "--json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let cards = v["cards"].as_array().unwrap();
    assert!(!cards.is_empty(), "{}", r.stdout);
    assert!(
        cards
            .iter()
            .all(|c| c["deck"] == "study" && c["kind"] == "basic"),
        "{}",
        r.stdout
    );
    // The command line still says otherwise when it is given.
    let r = env.recall(&[
        "cards",
        note.to_str().unwrap(),
        "--json",
        "--mode",
        "explicit",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["cards"].as_array().unwrap().len(), 0, "{}", r.stdout);
}
