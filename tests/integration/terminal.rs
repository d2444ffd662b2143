//! The full-screen reviewer, driven through a real pseudo-terminal.

use crate::util::{TestEnv, BUNDLED_CARDS};
use rexpect::session::spawn_command;

const MORNING: &str = "2026-11-24T09:00:00+01:00";

fn start(env: &TestEnv) -> rexpect::session::PtySession {
    let mut cmd = env.command(&["--db", env.db().to_str().unwrap(), "review"]);
    cmd.env("RECALL_NOW", MORNING).env("TERM", "xterm-256color");
    spawn_command(cmd, Some(10_000)).expect("spawn recall in a pty")
}

/// Types keys (rexpect buffers them until flushed).
fn press(p: &mut rexpect::session::PtySession, keys: &str) {
    p.send(keys).unwrap();
    p.flush().unwrap();
}

fn setup() -> TestEnv {
    let env = TestEnv::new();
    let p = env.write(
        "d.md",
        "- first question\n\t- first answer\n- second question\n\t- second answer **bold**\n",
    );
    assert_eq!(env.recall(&["import", p.to_str().unwrap()]).code, Some(0));
    env
}

fn reviews(env: &TestEnv) -> Vec<(i64, i64, bool)> {
    let c = env.sql();
    let mut s = c
        .prepare("SELECT card_id, rating, undone_at IS NOT NULL FROM reviews ORDER BY id")
        .unwrap();
    s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn reveal_grade_undo_and_quit_in_a_terminal() {
    let env = setup();
    let mut p = start(&env);
    p.exp_string("first question").unwrap();
    p.exp_string("Space show answer").unwrap();
    press(&mut p, " ");
    p.exp_string("first answer").unwrap();
    p.exp_string("3 Good").unwrap();
    press(&mut p, "3");
    p.exp_string("second question").unwrap();
    press(&mut p, "u"); // back to the first card
                        // The question is drawn first, then the status line with the note.
    p.exp_string("first question").unwrap();
    p.exp_string("Undone: the last answer is taken back.")
        .unwrap();
    press(&mut p, " ");
    p.exp_string("first answer").unwrap();
    press(&mut p, "1"); // Again
    p.exp_string("second question").unwrap();
    press(&mut p, "q");
    // The terminal is given back (alternate screen left), then the summary prints.
    p.exp_string("\u{1b}[?1049l").unwrap();
    p.exp_string("Done: 1 card in").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(reviews(&env), [(1, 3, true), (1, 1, false)]);
}

#[test]
fn ctrl_c_gives_the_terminal_back_and_keeps_the_answers() {
    let env = setup();
    let mut p = start(&env);
    p.exp_string("first question").unwrap();
    press(&mut p, " ");
    p.exp_string("first answer").unwrap();
    press(&mut p, " "); // Space on a shown answer: Good
    p.exp_string("second question").unwrap();
    p.send_control('c').unwrap();
    p.flush().unwrap();
    p.exp_string("\u{1b}[?1049l").unwrap();
    p.exp_string("Done: 1 card in").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(reviews(&env), [(1, 3, false)]);
}

#[test]
fn typed_answer_in_a_terminal() {
    let env = setup();
    let mut cmd = env.command(&["--db", env.db().to_str().unwrap(), "review", "--type"]);
    cmd.env("RECALL_NOW", MORNING).env("TERM", "xterm-256color");
    let mut p = spawn_command(cmd, Some(10_000)).unwrap();
    p.exp_string("first question").unwrap();
    p.exp_string("your answer:").unwrap();
    press(&mut p, "first answer\r"); // exact: Good proposed
    p.exp_string("Enter/Space: Good").unwrap();
    press(&mut p, "\r");
    p.exp_string("second question").unwrap();
    press(&mut p, "\u{1b}"); // Esc quits
    p.exp_string("Done: 1 card in").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(reviews(&env), [(1, 3, false)]);
}

#[test]
fn suspend_in_a_terminal() {
    let env = setup();
    let mut p = start(&env);
    p.exp_string("first question").unwrap();
    press(&mut p, "s");
    p.exp_string("second question").unwrap();
    // Which card, and how to take it back, on a line of its own above the status.
    p.exp_string("\u{1b}[23;1H").unwrap();
    p.exp_string("Suspended card 1 (first question)").unwrap();
    p.exp_string("u or `recall unsuspend 1` undoes it").unwrap();
    press(&mut p, "q");
    p.exp_eof().unwrap();
    let suspended: i64 = env
        .sql()
        .query_row("SELECT suspended FROM cards WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(suspended, 1);
    assert!(reviews(&env).is_empty());
}

#[test]
fn the_first_run_says_so_on_the_first_screen() {
    let env = TestEnv::new(); // the default database, empty
    let mut cmd = env.command(&["review"]);
    cmd.env("RECALL_NOW", MORNING).env("TERM", "xterm-256color");
    let mut p = spawn_command(cmd, Some(10_000)).unwrap();
    p.exp_string("wraps").unwrap();
    p.exp_string(&format!(
        "First run: imported the bundled deck `python` ({BUNDLED_CARDS} cards)."
    ))
    .unwrap();
    press(&mut p, "q");
    p.exp_eof().unwrap();
}

#[test]
fn a_cloze_answer_shows_the_whole_sentence_with_the_answer_in_colour() {
    let env = TestEnv::new();
    let p = env.write("c.md", "- the **GIL** guards the interpreter state\n");
    assert_eq!(env.recall(&["import", p.to_str().unwrap()]).code, Some(0));
    let mut p = start(&env);
    p.exp_string("guards the interpreter state").unwrap();
    press(&mut p, " ");
    // Under the rule, the sentence again, "GIL" in its blank in bold blue (colour 12).
    let question_again = p.exp_string("\u{1b}[1m\u{1b}[38;5;12mGIL").unwrap();
    assert!(
        question_again.ends_with("the \u{1b}[0m\u{1b}[0m"),
        "{question_again:?}"
    );
    p.exp_string(" guards the interpreter state").unwrap();
    press(&mut p, "q");
    p.exp_eof().unwrap();
}

#[test]
fn the_context_line_reads_as_text_on_one_line() {
    let env = TestEnv::new();
    let long = "word ".repeat(40);
    let p = env.write(
        "m.md",
        format!("- `asyncio` notes {long}\n\t- What does `gather` return?\n\t\t- a list\n"),
    );
    assert_eq!(env.recall(&["import", p.to_str().unwrap()]).code, Some(0));
    let mut p = start(&env);
    // Deck › context, its backticks read, cut to the width with "…", then the question.
    let header = p.exp_string("What does").unwrap();
    assert!(
        header.contains("m \u{e2}\u{80}\u{ba} asyncio notes word"),
        "{header:?}"
    );
    assert!(!header.contains('`'), "{header:?}");
    assert!(
        header.contains("\u{e2}\u{80}\u{a6}"),
        "cut with an ellipsis: {header:?}"
    );
    press(&mut p, "q");
    p.exp_eof().unwrap();
}

#[test]
fn words_matching_several_cards_ask_at_a_terminal() {
    let env = setup();
    let mut cmd = env.command(&["--db", env.db().to_str().unwrap(), "suspend", "question"]);
    cmd.env("TERM", "xterm-256color");
    let mut p = spawn_command(cmd, Some(10_000)).unwrap();
    p.exp_string("\"question\" matches 2 cards:").unwrap();
    p.exp_string("Suspend all 2? [y/N]").unwrap();
    p.send_line("y").unwrap();
    p.exp_string("Suspended 2 cards.").unwrap();
    p.exp_eof().unwrap();
    let suspended: i64 = env
        .sql()
        .query_row("SELECT count(*) FROM cards WHERE suspended = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(suspended, 2);
}

#[test]
fn question_mark_shows_the_keys_in_a_terminal() {
    let env = setup();
    let mut p = start(&env);
    p.exp_string("first question").unwrap();
    press(&mut p, "?");
    p.exp_string("Keys: Enter or Space shows the answer")
        .unwrap();
    press(&mut p, "q");
    p.exp_eof().unwrap();
}
