//! Hostile notes: each kind imported through the real binary under a memory limit (`ulimit -v`,
//! so a regression to quadratic memory fails here instead of exhausting the machine) and a
//! time bound (a hang fails, a slow machine does not), asserting what recall says.

use crate::util::{Run, TestEnv};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Address space the import may take. A normal import takes well under 100 MB; before the
/// caps, these notes took 1–24 GB.
const MEMORY_KB: u64 = 600_000;
/// Far more than any of these takes (a second or two); only a hang or a blow-up passes it.
const TIME_LIMIT: Duration = Duration::from_secs(120);

/// `recall import FILE` on a fresh database, under the limits.
fn import_limited(env: &TestEnv, file: &str) -> Run {
    recall_limited(env, &["import", file])
}

/// `recall --db <test.db> ARGS...` under the memory and time limits.
pub fn recall_limited(env: &TestEnv, args: &[&str]) -> Run {
    recall_limited_with(env, args, "")
}

/// [`recall_limited`] with `input` on stdin.
pub fn recall_limited_with(env: &TestEnv, args: &[&str], input: &str) -> Run {
    let db = env.db();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KB}; exec \"$0\" --db \"$@\""))
        .arg(env!("CARGO_BIN_EXE_recall"))
        .arg(db.to_str().unwrap())
        .args(args)
        .current_dir(env.path(""))
        .env_remove("RECALL_CONFIG")
        .env_remove("RECALL_DB")
        .env("XDG_CONFIG_HOME", env.path("xdg-config"))
        .env("XDG_DATA_HOME", env.path("xdg-data"))
        .env("HOME", env.path(""))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sh");
    // recall may finish without reading it all: a closed pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    // Read as it writes (a full pipe would stop it), while the clock runs.
    let drain = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            r.read_to_end(&mut buf).map(|_| buf).unwrap_or_default()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIME_LIMIT {
            child.kill().unwrap();
            panic!("recall {args:?} took over {TIME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run::from(std::process::Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    })
}

fn words(n: usize, f: impl Fn(usize) -> String) -> String {
    (0..n).map(f).collect::<Vec<_>>().join(" ")
}

#[test]
fn hostile_notes_take_bounded_memory_and_time_and_say_what_was_cut() {
    let env = TestEnv::new();
    // (file, its text, what recall must say on stderr, or "" when it just imports)
    let cases: Vec<(&str, String, &str)> = vec![
        // 8,000 bold words in one line took 964 MB.
        (
            "bold.md",
            format!("- {}\n", words(20_000, |i| format!("**w{i}**"))),
            "",
        ),
        // 100,000 clozes in one block took 23.7 GB and was killed.
        (
            "clozes.md",
            format!("- {}\n", words(100_000, |_| "{{c1::a}}".into())),
            "",
        ),
        // 200,000 tags in one block ran for minutes (100,000 stay under the block limit).
        (
            "tags.md",
            format!("- q {}\n\t- a\n", words(100_000, |i| format!("#t{i}"))),
            "more than 64 tags in one block",
        ),
        (
            "page-tags.md",
            format!(
                "tags:: {}\n\n- q\n\t- a\n",
                words(200_000, |i| format!("t{i},"))
            ),
            "page-tags.md:1: more than 64 tags on the page; the rest are left out",
        ),
        // 100 cloze numbers in one block: 64 cards, and a word that the rest were cut.
        (
            "cloze-numbers.md",
            format!(
                "- {}\n",
                words(100, |i| format!("{{{{c{}::w{i}}}}}", i + 1))
            ),
            "more than 64 clozes in one block",
        ),
        // Nested clozes were quadratic in time.
        (
            "nested.md",
            format!("- {}x{}\n", "{{c1::".repeat(50_000), "}}".repeat(50_000)),
            "",
        ),
        (
            "deep.md",
            (0..3_000)
                .map(|i| format!("{}- b{i}\n", "\t".repeat(i)))
                .collect(),
            "",
        ),
        (
            "blocks.md",
            (0..100_010).map(|i| format!("- b{i}\n")).collect(),
            "more than 100000 blocks in one note; the rest of it, from this line, is not read",
        ),
        (
            "ids.md",
            (0..30_000)
                .map(|i| format!("- b{i}\n  id:: 6650a1b2-0000-4000-8000-{i:012}\n"))
                .collect(),
            "",
        ),
        (
            "refs.md",
            format!(
                "- q\n\t- {}\n",
                words(50_000, |i| format!("((6650a1b2-0000-4000-8000-{i:012}))"))
            ),
            "",
        ),
        ("brackets.md", format!("- {}\n", "[".repeat(200_000)), ""),
        ("emphasis.md", format!("- {}\n", "*_".repeat(200_000)), ""),
        ("links.md", format!("- {}\n", "[[a".repeat(100_000)), ""),
        ("html.md", format!("- {}\n", "<b>".repeat(100_000)), ""),
        // Org citation and footnote openers with no `]`: each looked for its close once.
        (
            "cites.org",
            format!("* h\n{}\n", "[cite[fn:".repeat(100_000)),
            "",
        ),
        (
            "long-line.md",
            format!("- {}\n", "word ".repeat(2_000_000)),
            "a block of over 1 MiB; it is not read",
        ),
        // 16 MB of bold words in one block took 803 MB: a block over 1 MiB is not read.
        (
            "huge-block.md",
            format!("- {}\n", "**w** ".repeat(400_000)),
            "a block of over 1 MiB; it is not read",
        ),
        (
            "big-blocks.md",
            (0..12)
                .map(|_| format!("- {}\n", "**w** ".repeat(150_000)))
                .collect(),
            "",
        ),
        (
            "too-large.md",
            "a".repeat(17 << 20),
            "MiB, more than the 16.0 MiB a note may have",
        ),
    ];
    for (name, text, says) in &cases {
        env.write(name, text);
        let r = import_limited(&env, name);
        assert!(
            r.code == Some(0) || (r.code == Some(1) && *name == "too-large.md"),
            "{name}: exit {:?}\n{}\n{}",
            r.code,
            r.stdout,
            r.stderr
        );
        assert!(r.stderr.contains(says), "{name}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{name}: {}", r.stderr);
        assert!(
            r.stdout.starts_with("Imported 1 file"),
            "{name}: {}",
            r.stdout
        );
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_at_once_and_the_other_notes_import() {
    let env = TestEnv::new();
    env.write(
        "notes/a.md",
        "- What is a monad?\n\t- a monoid of endofunctors\n",
    );
    let fifo = env.path("notes/pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let start = Instant::now();
    for path in ["notes/pipe.md", "notes"] {
        let r = env.recall(&["import", path]);
        assert!(start.elapsed() < TIME_LIMIT, "waited on the FIFO");
        // Named or found in a folder, it is said (a note skipped), never read; the other
        // notes import.
        assert_eq!(r.code, Some(1));
        assert!(
            r.stderr
                .contains("pipe.md: a FIFO (named pipe), not a note file; skipped"),
            "{path}: {}",
            r.stderr
        );
        if path == "notes" {
            assert!(
                r.stdout.starts_with("Imported 1 file; cards: 1 added"),
                "{}",
                r.stdout
            );
        }
    }
}

#[test]
fn a_card_nested_a_hundred_thousand_lists_deep_is_listed_and_reviewed_in_bounded_memory() {
    // `- - - … x` nests a list in a list 100,000 times: each level indented by its depth took
    // 3.3 GB to show.
    let env = TestEnv::new();
    let p = env.write("deep.md", format!("deep :: {}x\n", "- ".repeat(100_000)));
    let r = recall_limited(&env, &["import", p.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = recall_limited(&env, &["list"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("deep"), "{}", r.stdout);
    let r = recall_limited_with(&env, &["review"], "\n3\n");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("Done: 1 card"), "{}", r.stdout);
    // The deepest item is indented no further than the cap: the text stays linear.
    let widest = r.stdout.lines().map(str::len).max().unwrap_or(0);
    assert!(widest < 200, "a line of {widest} bytes");
}
