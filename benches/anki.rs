//! Anki interchange at scale: a database of 100,000 cards and about 1,000,000 answers (a log
//! drawn from known FSRS parameters, `recall::optimize::synthetic`), written as an Anki package
//! by `recall export --apkg`, and that package read into a new database by `recall import-anki`,
//! each as a whole process of the real binary.
//!
//! Run: `cargo bench --bench anki` (prints a Markdown report for BENCHMARKS.md).

mod common;

use common::log::{build, timed};
use common::machine;
use std::process::Command;
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CARDS: usize = 100_000;
const DECKS: usize = 100;
const DAYS: i64 = 300;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    let t = Instant::now();
    let answers = build(&db, CARDS, DECKS, DAYS, true);
    let db_s = db.to_str().unwrap();
    let r = Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(["--db", db_s, "rebuild"])
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let build_time = t.elapsed();

    let pkg = dir.path().join("all.apkg");
    let pkg_s = pkg.to_str().unwrap();
    let export = timed(
        dir.path(),
        &["--db", db_s, "export", "--apkg", pkg_s],
        &|| (),
    );
    let size = std::fs::metadata(&pkg).unwrap().len();
    let fresh = dir.path().join("fresh.db");
    let fresh_s = fresh.to_str().unwrap();
    let remove = || {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{fresh_s}{suffix}"));
        }
    };
    let import = timed(
        dir.path(),
        &["--db", fresh_s, "import-anki", pkg_s],
        &remove,
    );
    // Once more, into the database that holds it all already: nothing to add.
    let again = timed(dir.path(), &["--db", fresh_s, "import-anki", pkg_s], &|| ());

    println!("## Anki interchange (`cargo bench --bench anki`)");
    println!();
    println!("{}.", machine());
    println!(
        "Database: {CARDS} cards in {DECKS} decks, {answers} answers over {DAYS} days (built in {:.1} s); package {:.1} MiB.",
        build_time.as_secs_f64(),
        size as f64 / 1048576.0
    );
    println!();
    println!("| whole process, 3 runs | median | best | worst | peak RSS |");
    println!("| --- | --- | --- | --- | --- |");
    for (what, (median, best, worst, peak)) in [
        ("`recall export --apkg` (every card, the whole log)", export),
        (
            "`recall import-anki` of that package into a new database",
            import,
        ),
        ("`recall import-anki` of it again (nothing new)", again),
    ] {
        println!(
            "| {what} | **{:.2} s** | {:.2} s | {:.2} s | {:.0} MiB |",
            median.as_secs_f64(),
            best.as_secs_f64(),
            worst.as_secs_f64(),
            peak as f64 / 1024.0
        );
    }
}
