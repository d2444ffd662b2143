//! `recall cards` end to end through the built binary.

use crate::util::{python_deck, Run, TestEnv, BUNDLED_CARDS};

/// The totals line of `recall cards` (`N cards from F files: …`).
fn total(stdout: &str) -> &str {
    stdout
        .lines()
        .find(|l| {
            l.starts_with(|c: char| c.is_ascii_digit())
                && l.split_once(" from ").is_some_and(|(a, b)| {
                    a.ends_with(" card") || a.ends_with(" cards") && b.contains(" file")
                })
        })
        .unwrap_or_else(|| panic!("no totals line in {stdout}"))
}
use std::io::Read;
use std::process::Stdio;

#[test]
fn previews_the_bundled_deck_with_counts_per_kind() {
    let env = TestEnv::new();
    let deck = python_deck();
    let r = env.run(&["cards", deck.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert!(
        r.stdout.contains("  in: python › from library › functools\n  Q: wraps\n  A: forward the source function name, metadata to wrapper\n"),
        "{}",
        r.stdout
    );
    assert_eq!(
        total(&r.stdout),
        format!("{BUNDLED_CARDS} cards from 1 file: 25 basic, 13 cloze")
    );
    assert!(
        r.stdout
            .contains(&format!("\n  {BUNDLED_CARDS} automatic, 0 explicit")),
        "{}",
        r.stdout
    );
}

#[test]
fn json_output_has_the_documented_fields() {
    let env = TestEnv::new();
    let deck = python_deck();
    let r = env.run(&["cards", "--json", deck.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    let cards = v["cards"].as_array().expect("cards array");
    assert_eq!(cards.len(), BUNDLED_CARDS);
    assert_eq!(v["summary"]["auto"], BUNDLED_CARDS);
    let first = &cards[0];
    assert_eq!(first["kind"], "basic");
    assert_eq!(first["question"], "wraps");
    assert_eq!(
        first["answer"],
        "forward the source function name, metadata to wrapper"
    );
    assert_eq!(first["context"], "python › from library › functools");
    assert_eq!(first["deck"], "python");
    assert_eq!(first["line"], 4);
    assert!(first["source"]
        .as_str()
        .unwrap()
        .ends_with("decks/python.md"));
    assert_eq!(first["key"].as_str().unwrap().len(), 16);
    for c in cards {
        for field in [
            "key", "kind", "question", "answer", "context", "deck", "source", "line",
        ] {
            assert!(!c[field].is_null(), "{field} missing in {c}");
        }
        if c["kind"] == "cloze" {
            assert!(c["question"].as_str().unwrap().contains("[…]"), "{c}");
        } else {
            assert_eq!(c["kind"], "basic");
        }
    }
    // Keys are stable from run to run.
    let again = env.run(&["cards", "--json", deck.to_str().unwrap()]);
    assert_eq!(again.stdout, r.stdout);
}

#[test]
fn features_for_fitting_a_scorer_come_with_automatic_cards_only() {
    let env = TestEnv::new();
    env.write(
        "notes.md",
        "- What is a monad? :: a monoid of endofunctors\n- GIL\n\t- one thread runs bytecode at a time\n",
    );
    let plain = env.run(&["cards", "--json", "notes.md"]);
    assert!(!plain.stdout.contains("\"features\""), "{}", plain.stdout);
    let r = env.run(&["cards", "--json", "--features", "notes.md"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    let cards = v["cards"].as_array().expect("cards array");
    assert_eq!(cards.len(), 2, "{}", r.stdout);
    for c in cards {
        let features = c["features"].as_array();
        if c["origin"] == "auto" {
            assert_eq!(features.map(Vec::len), Some(32), "{c}");
        } else {
            assert!(features.is_none(), "{c}");
        }
    }
    // The flag is for --json only.
    assert_eq!(env.run(&["cards", "--features", "notes.md"]).code, Some(2));
}

#[test]
fn a_folder_is_walked_and_bad_files_are_named_but_do_not_stop_the_rest() {
    let env = TestEnv::new();
    env.write(
        "vault/lang/python.md",
        "- GIL\n\t- one thread runs **Python bytecode** at a time\n",
    );
    env.write("vault/.obsidian/workspace.md", "- hidden\n\t- never read\n");
    env.write("vault/todo.txt", "- not notes\n\t- skipped\n");
    env.write("vault/latin1.md", b"- caf\xe9\n\t- bad byte on line 1\n");
    env.write("vault/image.md", b"\x89PNG\r\n\x1a\n\0\0\0");
    env.write(
        "vault/people___ada.md",
        "- Ada\n\t- wrote the first program\n",
    );
    let r = env.run(&["cards", "--json", "vault"]);
    assert_eq!(r.code, Some(1), "a bad file makes the exit code say so");
    assert!(
        r.stderr
            .contains("latin1.md: not UTF-8 text (first bad byte on line 1)"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("image.md: a binary file"), "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    let decks: Vec<(&str, &str)> = v["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["deck"].as_str().unwrap(), c["question"].as_str().unwrap()))
        .collect();
    assert_eq!(
        decks,
        [("vault/lang/python", "GIL"), ("vault/people/ada", "Ada"),]
    );
}

#[test]
fn a_missing_path_is_an_error_naming_it() {
    let env = TestEnv::new();
    let r = env.run(&["cards", "nowhere.md"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(
        r.stderr.trim(),
        "recall: nowhere.md: no such file or folder"
    );
    assert_eq!(
        r.stdout.lines().last(),
        Some("0 cards from 0 files: 0 basic, 0 cloze")
    );
}

#[test]
fn journals_are_explicit_unless_asked_otherwise() {
    let env = TestEnv::new();
    env.write(
        "graph/journals/2026_11_24.md",
        "- learned that **asyncio** runs one loop\n- GIL #card\n\t- a lock\n",
    );
    let r = env.run(&["cards", "graph"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(total(&r.stdout), "1 card from 1 file: 1 basic, 0 cloze");
    let r = env.run(&[
        "cards",
        "--journal-mode",
        "auto",
        "graph/journals/2026_11_24.md",
    ]);
    assert_eq!(
        total(&r.stdout),
        "2 cards from 1 file: 1 basic, 1 cloze",
        "explicit cards no longer make a page explicit-only"
    );
    env.write(
        "graph/journals/2026_11_25.md",
        "- learned that **asyncio** runs one loop\n",
    );
    let r = env.run(&[
        "cards",
        "--journal-mode",
        "auto",
        "graph/journals/2026_11_25.md",
    ]);
    assert_eq!(total(&r.stdout), "1 card from 1 file: 0 basic, 1 cloze");
}

#[test]
fn bold_cloze_can_be_switched_off() {
    let env = TestEnv::new();
    let deck = python_deck();
    let r = env.run(&["cards", "--no-bold-cloze", deck.to_str().unwrap()]);
    assert_eq!(total(&r.stdout), "25 cards from 1 file: 25 basic, 0 cloze");
    let r = env.run(&["cards", "--mode", "off", deck.to_str().unwrap()]);
    assert_eq!(total(&r.stdout), "0 cards from 1 file: 0 basic, 0 cloze");
}

#[test]
fn warnings_name_the_file_and_line() {
    let env = TestEnv::new();
    env.write("n.md", "- a\n\t- ```\n\t  never closed\n- b\n\t- c\n");
    let r = env.run(&["cards", "n.md"]);
    assert_eq!(r.code, Some(0));
    assert_eq!(
        r.stderr.trim(),
        "recall: warning: n.md:2: code fence opened here is never closed; it ends at the next bullet"
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let env = TestEnv::new();
    let big = std::fs::read_to_string(python_deck()).unwrap().repeat(40);
    env.write("big.md", big);
    let mut child = env
        .command(&["cards", "--json", "big.md"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap(); // then the pipe closes
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?} {err}");
    assert_eq!(err, "");
}

#[test]
fn configuration_sets_modes_per_deck_and_flags_override_it() {
    let env = TestEnv::new();
    env.write(
        "notes/a.md",
        "- t\n\t- a **bee** collects pollen from flowers\n\t- and makes honey\n",
    );
    env.write(
        "notes/b.md",
        "- t\n\t- a **bee** collects pollen from flowers\n\t- and makes honey\n",
    );
    env.write(
        "xdg-config/recall/config.toml",
        "[cards]\nmode = \"off\"\n\n[decks.\"notes/b\"]\nmode = \"auto\"\nbold-cloze = false\n",
    );
    let r = env.run(&["cards", "notes"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(total(&r.stdout), "1 card from 2 files: 1 basic, 0 cloze");
    let r = env.run(&["cards", "--mode", "auto", "notes"]);
    let summary: Vec<&str> = r
        .stdout
        .lines()
        .skip_while(|l| !(l.starts_with("notes/") && l.contains(": ")))
        .take(3)
        .collect();
    assert_eq!(
        summary,
        [
            "notes/a: 2 cards (1 basic, 1 cloze)",
            "notes/b: 1 card (1 basic, 0 cloze)",
            "3 cards from 2 files: 2 basic, 1 cloze",
        ]
    );

    // A file named with --config (or RECALL_CONFIG) replaces the default one.
    env.write("other.toml", "[cards]\nbold-cloze = false\n");
    let r = env.run(&["--config", "other.toml", "cards", "notes"]);
    assert_eq!(total(&r.stdout), "2 cards from 2 files: 2 basic, 0 cloze");
    let r = Run::from(
        env.command(&["cards", "notes"])
            .env("RECALL_CONFIG", "other.toml")
            .output()
            .unwrap(),
    );
    assert_eq!(total(&r.stdout), "2 cards from 2 files: 2 basic, 0 cloze");
}

#[test]
fn a_bad_configuration_is_named_with_its_line() {
    let env = TestEnv::new();
    env.write("bad.toml", "[cards]\nmode = \"sometimes\"\n");
    env.write("n.md", "- q\n\t- a\n");
    let r = env.run(&["--config", "bad.toml", "cards", "n.md"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr
            .starts_with("recall: bad.toml:2: unknown variant `sometimes`"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");
    let r = env.run(&["--config", "missing.toml", "cards", "n.md"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("missing.toml: cannot read"),
        "{}",
        r.stderr
    );
}

#[test]
fn escape_sequences_in_notes_never_reach_the_terminal_raw() {
    let env = TestEnv::new();
    env.write(
        "evil\x1b[31m.md",
        "- What does \x1b[2J clear?\n\t- the screen \x1b]0;owned\x07 and\rmore\n",
    );
    let r = env.recall(&["import", "."]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    for args in [vec!["list"], vec!["cards", "."], vec!["stats"]] {
        let r = env.recall(&args);
        assert!(
            !r.stdout.contains('\x1b') && !r.stderr.contains('\x1b'),
            "{args:?}: {:?}",
            r.stdout
        );
        assert!(
            !r.stdout.contains('\x07') && !r.stdout.contains('\r'),
            "{args:?}: {:?}",
            r.stdout
        );
    }
    let r = env.recall(&["list"]);
    assert!(r.stdout.contains("What does ␛[2J clear?"), "{}", r.stdout);
    let db = env.db();
    let mut cmd = env.command(&[
        "--db",
        db.to_str().unwrap(),
        "review",
        "--plain",
        "--no-sync",
    ]);
    let r = crate::util::run_with_input(&mut cmd, "\nq\n");
    assert!(
        !r.stdout.contains('\x1b') && !r.stdout.contains('\x07'),
        "{:?}",
        r.stdout
    );
    assert!(
        r.stdout.contains("the screen ␛]0;owned␇ and␍more"),
        "{}",
        r.stdout
    );
}

#[test]
fn check_backup_and_restore() {
    let env = TestEnv::new();
    env.recall(&["import", crate::util::python_deck().to_str().unwrap()]);
    let r = env.recall(&["check"]);
    assert_eq!(r.code, Some(0), "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("integrity      ok") && r.stdout.contains("cache = log    ok"),
        "{}",
        r.stdout
    );
    // The first run of the day took a backup; an explicit one is listed beside it.
    let r = env.recall(&["backup"]);
    assert!(r.stdout.starts_with("Backed up to "), "{}", r.stdout);
    let r = env.recall(&["backup", "--list"]);
    assert!(
        r.stdout.contains("daily") && r.stdout.contains("manual"),
        "{}",
        r.stdout
    );
    let manual = r
        .stdout
        .lines()
        .find(|l| l.contains("manual"))
        .and_then(|l| l.split_whitespace().last())
        .unwrap()
        .to_string();

    // The cache goes wrong: check says so, --repair rebuilds it from the log.
    let db = env.db();
    let mut cmd = env.command(&[
        "--db",
        db.to_str().unwrap(),
        "review",
        "--plain",
        "--no-sync",
    ]);
    crate::util::run_with_input(&mut cmd, "\n3\nq\n");
    env.sql()
        .execute("UPDATE card_state SET stability = 99", [])
        .unwrap();
    let r = env.recall(&["check"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stdout.contains("1 cards' cached state differed") && r.stdout.contains("--repair"),
        "{}",
        r.stdout
    );
    let r = env.recall(&["check", "--repair"]);
    assert_eq!(r.code, Some(0), "{}", r.stdout);
    assert_eq!(env.recall(&["check"]).code, Some(0));

    // Restoring the manual backup brings the database back to before the answer.
    let r = env.recall(&["restore", &manual]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.contains("the database as it was is in"),
        "{}",
        r.stdout
    );
    let answers: i64 = env
        .sql()
        .query_row("SELECT count(*) FROM reviews", [], |r| r.get(0))
        .unwrap();
    assert_eq!(answers, 0);
    // A file that is not a recall database is not restored.
    env.write("other.db", b"not a database at all, just text");
    let r = env.recall(&["restore", "other.db"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(env.recall(&["check"]).code, Some(0));
}

/// Runs `recall --db DB ARGS` as a user who cannot write the database (as root, through
/// `setpriv` as `nobody`; otherwise as ourselves). `None` when that cannot be arranged.
#[cfg(unix)]
fn recall_without_write(env: &TestEnv, args: &[&str], input: &str) -> Option<crate::util::Run> {
    let db = env.db();
    let mut all: Vec<String> = vec!["--db".into(), db.display().to_string()];
    all.extend(args.iter().map(|a| a.to_string()));
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .ok()?
        .stdout
        == b"0\n";
    let mut cmd = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_recall"));
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_recall"))
    };
    cmd.args(&all)
        .current_dir(env.path(""))
        .env_clear()
        .env("HOME", env.path(""))
        .env("XDG_CONFIG_HOME", env.path("xdg-config"))
        .env("XDG_DATA_HOME", env.path("xdg-data"));
    if root
        && std::process::Command::new("setpriv")
            .arg("--version")
            .output()
            .is_err()
    {
        return None;
    }
    Some(crate::util::run_with_input(&mut cmd, input))
}

#[cfg(unix)]
#[test]
fn a_read_only_database_can_be_read_and_a_review_says_at_once_it_cannot_save() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    env.recall(&["import", crate::util::python_deck().to_str().unwrap()]);
    let dir = env.path("");
    let set = |p: &std::path::Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    // The file read-only in a read-only folder; then the file writable but not its folder
    // (where SQLite keeps its index beside it): both read, neither written.
    let mut runs = Vec::new();
    for file_mode in [0o444, 0o666] {
        set(&env.db(), file_mode);
        set(&dir, 0o555);
        runs.extend(
            [
                (vec!["decks"], ""),
                (vec!["list"], ""),
                (vec!["stats"], ""),
                (vec!["due"], ""),
                (vec!["check"], ""),
                (vec!["review", "--plain", "--no-sync"], "\n3\nq\n"),
            ]
            .into_iter()
            .map(|(args, input)| (args.clone(), recall_without_write(&env, &args, input))),
        );
        set(&dir, 0o755);
        set(&env.db(), 0o644);
    }
    for (args, run) in runs {
        let Some(r) = run else {
            eprintln!("skipped: no way to run without write access here");
            return;
        };
        if args[0] == "review" {
            assert_eq!(r.code, Some(1), "{}", r.stdout);
            assert!(
                r.stderr.contains("read-only") && r.stderr.contains("answers cannot be saved"),
                "{}",
                r.stderr
            );
            assert!(!r.stdout.contains("──"), "no card shown: {}", r.stdout);
        } else {
            assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
            assert!(r.stderr.is_empty(), "{args:?}: {}", r.stderr);
        }
    }
    let r = env.recall(&["decks"]);
    assert!(r.stdout.contains("python"), "{}", r.stdout);
}

#[test]
fn unusable_database_paths_get_plain_messages() {
    let env = TestEnv::new();
    env.write("n.md", "- What is TCP?\n\t- a stream protocol\n");
    std::fs::create_dir_all(env.path("a-folder")).unwrap();
    let r = env.run(&["--db", "a-folder", "decks"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr
            .contains("a-folder: cannot open the database: it is a folder"),
        "{}",
        r.stderr
    );
    env.write("a-file", "x");
    let r = env.run(&["--db", "a-file/recall.db", "import", "n.md"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("cannot make the folder for the database"),
        "{}",
        r.stderr
    );
    let r = env.run(&["--db", "new/sub/recall.db", "import", "n.md"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("making the folder new/sub for the new database"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_command_that_only_reads_never_makes_a_database() {
    let env = TestEnv::new();
    for args in [
        &["--db", "typo.db", "stats"][..],
        &["--db", "typo.db", "list"],
        &["--db", "typo.db", "due"],
        &["--db", "typo.db", "decks"],
        &["--db", "typo.db"],
        &["--db", "nowhere/x.db", "check"],
        &["--db", "typo.db", "export", "--csv", "out.csv"],
        &["--db", "typo.db", "suspend", "tcp"],
    ] {
        let r = env.run(args);
        assert_eq!(r.code, Some(1), "{args:?}: {}", r.stdout);
        assert!(
            r.stderr.contains("no database at") && r.stderr.contains("recall import NOTES"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(!env.path("typo.db").exists(), "{args:?}");
        assert!(!env.path("nowhere").exists(), "{args:?}");
    }
}

#[test]
fn completions_and_a_man_page_come_from_the_command_line_itself() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let r = env.run(&["completions", shell]);
        assert_eq!(r.code, Some(0), "{shell}: {}", r.stderr);
        assert!(
            r.stdout.contains("unsuspend"),
            "{shell}: every command is there"
        );
    }
    let r = env.run(&["man"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // One complete page: every command in it (no `recall-review(1)` pages to point to), the
    // review's keys, the environment, the files, examples; roff in ASCII.
    assert!(!r.stdout.contains("recall\\-review(1)"), "no sub-pages");
    for section in [
        ".SH COMMANDS",
        ".SS recall review",
        ".SS recall import",
        ".SH REVIEW KEYS",
        ".SH ENVIRONMENT",
        "RECALL_NOW",
        "VISUAL",
        ".SH FILES",
        ".SH EXAMPLES",
    ] {
        assert!(r.stdout.contains(section), "{section} missing");
    }
    assert!(r.stdout.is_ascii());
    assert!(
        r.stdout.starts_with(".ie"),
        "roff: {}",
        &r.stdout[..80.min(r.stdout.len())]
    );
    assert!(
        r.stdout.contains(".TH recall"),
        "{}",
        &r.stdout[..200.min(r.stdout.len())]
    );
    // Even when the configuration is broken.
    env.write("xdg-config/recall/config.toml", "[review\n");
    assert_eq!(env.run(&["completions", "bash"]).code, Some(0));
}

#[test]
fn config_init_writes_every_default_and_config_says_where_each_setting_comes_from() {
    let env = TestEnv::new();
    let r = env.run(&["config"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.starts_with("No configuration file at "),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("review.desired-retention = 0.9"),
        "{}",
        r.stdout
    );
    let r = env.run(&["config", "--init"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let path = env.path("xdg-config/recall/config.toml");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.contains("learning-steps = [\"1m\", \"10m\"]"),
        "{written}"
    );
    let again = env.run(&["config", "--init"]);
    assert_eq!(again.code, Some(1));
    assert!(
        again.stderr.contains("exists already; nothing was written"),
        "{}",
        again.stderr
    );
    std::fs::write(
        &path,
        written.replace("new-per-day = 20", "new-per-day = 7"),
    )
    .unwrap();
    let r = env.run(&["config"]);
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("review.new-per-day"))
        .unwrap();
    assert!(
        line.starts_with("review.new-per-day = 7") && line.contains("(line "),
        "{line}"
    );
}

#[test]
fn help_shows_no_empty_environment_values() {
    let env = TestEnv::new();
    let r = env.run(&["--help"]);
    assert!(r.stdout.contains("[env: RECALL_CONFIG]"), "{}", r.stdout);
    assert!(!r.stdout.contains("RECALL_CONFIG=]"), "{}", r.stdout);
}

#[test]
fn many_decks_show_as_a_tree_with_sub_deck_totals_folded_to_a_screenful() {
    let env = TestEnv::new();
    // A vault with nested decks, and 2,000 decks of one card beside it.
    env.write("vault/lang/python.md", "- q1\n\t- a\n- q2\n\t- a\n");
    env.write("vault/lang/rust.md", "- q3\n\t- a\n");
    env.write("vault/todo.md", "- q4\n\t- a\n");
    assert_eq!(
        env.recall(&["import", env.path("vault").to_str().unwrap()])
            .code,
        Some(0)
    );
    let r = env.recall(&["decks"]);
    let want = [
        "deck           new     due   total",
        "vault            4       0       4",
        "  lang           3       0       3",
        "    python       2       0       2",
        "    rust         1       0       1",
        "  todo           1       0       1",
    ];
    assert_eq!(r.stdout.lines().collect::<Vec<_>>(), want, "{}", r.stdout);
    let status = env.recall(&[]).stdout;
    assert!(
        status.contains("\n  vault: 0 due, 4 unseen, 4 cards\n    lang: "),
        "{status}"
    );
    assert!(
        status.contains("      rust: 0 due, 1 unseen, 1 card\n"),
        "{status}"
    );
    for i in 0..2000 {
        env.write(&format!("many/d{i:04}.md"), format!("- q{i}\n\t- a\n"));
    }
    assert_eq!(
        env.recall(&["import", env.path("many").to_str().unwrap()])
            .code,
        Some(0)
    );
    let r = env.recall(&["decks"]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines.len() <= 41, "{} lines", lines.len());
    assert!(
        lines.contains(&"many (+2000 sub-decks)    2000       0    2000"),
        "{}",
        r.stdout
    );
    assert!(
        lines.contains(&"    rust                     1       0       1"),
        "the small ones open: {}",
        r.stdout
    );
    let status = env.recall(&[]).stdout;
    assert!(status.lines().count() <= 16, "{status}");
    let stats = env.recall(&["stats"]).stdout;
    assert!(
        stats.contains("many (+2000 sub-decks): new 2000"),
        "{stats}"
    );
    assert!(
        stats.lines().count() < 100,
        "{} lines",
        stats.lines().count()
    );
}

#[cfg(unix)]
#[test]
fn a_backup_that_cannot_be_written_says_why_and_leaves_no_partial_copy() {
    let env = TestEnv::new();
    env.recall(&["import", crate::util::python_deck().to_str().unwrap()]);
    let db = env.db();
    // Files may grow to 150 KB (the database is larger): the copy fails as on a full disk.
    // SIGXFSZ ignored, so the write fails instead of killing recall.
    for _ in 0..2 {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg("trap '' XFSZ; ulimit -f 300; exec \"$0\" --db \"$1\" backup")
            .arg(env!("CARGO_BIN_EXE_recall"))
            .arg(&db)
            .env("XDG_CONFIG_HOME", env.path("xdg-config"))
            .env("XDG_DATA_HOME", env.path("xdg-data"))
            .env("HOME", env.path(""))
            .output()
            .unwrap();
        let r = crate::util::Run::from(out);
        assert_eq!(r.code, Some(1), "{}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains("recall:"), "{}", r.stderr);
    }
    let left: Vec<String> = std::fs::read_dir(env.path("backups"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert!(
        left.iter().all(|n| !n.contains(".partial")),
        "left behind: {left:?}"
    );
    // With room again it works.
    let r = env.recall(&["backup"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn completions_and_the_manual_end_quietly_when_the_reader_stops() {
    let env = TestEnv::new();
    for args in [
        &["completions", "bash"][..],
        &["completions", "zsh"],
        &["man"],
    ] {
        // A reader that stops at once (`… | head -0`): its end of the pipe closes before
        // recall writes.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = env
            .command(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn deck_columns_line_up_with_cjk_deck_names() {
    let env = TestEnv::new();
    let note = "- What is TCP?\n\t- a stream protocol\n";
    let a = env.write("日本語.md", note);
    let b = env.write("latin.md", note);
    let r = env.recall(&["import", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = env.recall(&["decks"]);
    // Each line's count column ends at the same terminal column.
    let ends: Vec<usize> = r
        .stdout
        .lines()
        .map(|l| {
            let total = l.rfind(|c: char| !c.is_whitespace()).unwrap();
            unicode_width::UnicodeWidthStr::width(&l[..=total])
        })
        .collect();
    assert!(ends.len() >= 3, "{}", r.stdout);
    assert!(ends.windows(2).all(|w| w[0] == w[1]), "{}", r.stdout);
}

#[test]
fn a_first_recall_on_a_new_machine_says_how_to_start_and_makes_nothing() {
    let env = TestEnv::new();
    let r = env.run(&[]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.starts_with("recall: no cards yet."),
        "{}",
        r.stdout
    );
    assert!(!env.path("xdg-data/recall/recall.db").exists());
}

#[test]
fn recall_alone_after_every_card_retired_says_so_not_start_with_the_bundled_deck() {
    let env = TestEnv::new();
    let note = env.write("notes/a.md", "- What is TCP?\n\t- a stream protocol\n");
    let folder = env.path("notes");
    assert_eq!(
        env.recall(&["import", folder.to_str().unwrap()]).code,
        Some(0)
    );
    std::fs::remove_file(&note).unwrap();
    assert_eq!(
        env.recall(&["import", folder.to_str().unwrap()]).code,
        Some(0)
    );
    let r = env.recall(&[]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("recall: no cards in review: every card was retired"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("bundled deck"), "{}", r.stdout);
}

#[test]
fn recall_alone_when_the_notes_gave_no_card_says_so_not_that_cards_were_retired() {
    let env = TestEnv::new();
    let note = env.write("notes/a.md", "just a line of prose\n");
    assert_eq!(
        env.recall(&["import", note.to_str().unwrap()]).code,
        Some(0)
    );
    let r = env.recall(&[]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.starts_with("recall: no cards yet."),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("gave none"), "{}", r.stdout);
    assert!(!r.stdout.contains("retired"), "{}", r.stdout);
}
