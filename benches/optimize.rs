//! `recall optimize` on a million answers: a log drawn from known FSRS parameters
//! (`recall::optimize::synthetic`), 82,000 cards over a year (about 1,000,000 answers), put in a database, then the
//! real binary fits FSRS to it as a whole process.
//!
//! Run: `cargo bench --bench optimize` (prints a Markdown report for BENCHMARKS.md).
//! Target (issue 6): no slower than Anki with the same crate (5.3 s for 878,000 reviews on
//! this kind of machine), peak RSS < 200 MB (Anki: 622 MiB).

mod common;

use common::log::build;
use common::{hwm_kib, machine};
use std::process::Command;
use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CARDS: usize = 82_000;
const DAYS: i64 = 365;
fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = std::env::var_os("RECALL_BENCH_DB")
        .map_or_else(|| dir.path().join("recall.db"), Into::into);
    let _ = std::fs::remove_file(&db);
    let t = Instant::now();
    let answers = build(&db, CARDS, 1, DAYS, true);
    let build_time = t.elapsed();

    let mut runs: Vec<(Duration, u64, String)> = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_recall"))
            .args(["--db", db.to_str().unwrap(), "optimize", "--json"])
            .env("XDG_CONFIG_HOME", dir.path())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut peak = 0;
        while child.try_wait().unwrap().is_none() {
            peak = peak.max(hwm_kib(child.id()));
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        let took = start.elapsed();
        assert!(out.status.success());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let o = &v["optimize"];
        runs.push((
            took,
            peak,
            format!("{} spaced reviews of {} cards", o["items"], o["cards"]),
        ));
    }
    runs.sort_by_key(|r| r.0);
    let (median, best, worst) = (runs[1].0, runs[0].0, runs[2].0);
    let peak = runs.iter().map(|r| r.1).max().unwrap_or(0);

    println!("## Optimize (`cargo bench --bench optimize`)");
    println!();
    println!("{}.", machine());
    println!(
        "Log: {answers} answers to {CARDS} cards over {DAYS} days, drawn from known FSRS parameters ({}; built in {:.1} s).",
        runs[0].2,
        build_time.as_secs_f64()
    );
    println!();
    println!("| what | result | target |");
    println!("| --- | --- | --- |");
    println!(
        "| `recall optimize`, whole process: read the log, fit, store, recompute every card's memory (3 runs) | median **{:.2} s**, best {:.2} s, worst {:.2} s | ≤ 5.3 s (Anki, 878k reviews) |",
        median.as_secs_f64(),
        best.as_secs_f64(),
        worst.as_secs_f64()
    );
    println!(
        "| peak RSS | **{:.0} MiB** | < 200 MB (Anki: 622 MiB) |",
        peak as f64 / 1024.0
    );
}
