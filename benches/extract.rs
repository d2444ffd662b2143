//! Extraction throughput: parse + extract a large generated note set on one core.
//!
//! Run: `cargo bench --bench extract` (prints a Markdown report for BENCHMARKS.md).
//! Target (issue 2): ≥ 50 MB/s on one core.
//!
//! Two generated note sets, both from fixed seeds:
//! - *like the user's notes*: pages assembled from the top-level sections of `decks/python.md`
//!   with every word replaced by a random word of the same kind, so outline shapes, properties,
//!   fences and markup density are the real ones and no two questions repeat;
//! - *markup-heavy*: synthetic Logseq pages with about twice the user's density of bold, code,
//!   links and tags (a harder case: more blocks need the Markdown parser).

mod common;

use common::{machine, mbps, page, page_like_users, peak_rss_kib, rss_kib, sections, Rng};
use recall::notes::{cards_from_text, NoteRef, Settings};

/// The allocator the `recall` binary uses, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::{Duration, Instant};

/// Extracts every page, three times; the best pass's (time, bytes, cards).
fn best_of_3(pages: &[String], settings: &Settings) -> (Duration, usize, usize) {
    let bytes = pages.iter().map(String::len).sum();
    let mut best = Duration::MAX;
    let mut cards = 0;
    for _ in 0..3 {
        let t = Instant::now();
        cards = 0;
        for (i, p) in pages.iter().enumerate() {
            let source = format!("pages/p{i}.md");
            cards += cards_from_text(p, NoteRef::new("set", &source), settings)
                .cards
                .len();
        }
        best = best.min(t.elapsed());
    }
    (best, bytes, cards)
}

fn main() {
    let settings = Settings::default();
    let mut rng = Rng(0x5eed_0f2e_c411);

    // 1. One 50 MB file: time and peak memory (measured first, so the peak is this file's).
    let rss_before = rss_kib().unwrap_or(0);
    let big = page(&mut rng, 50_000_000);
    let t = Instant::now();
    let x = cards_from_text(&big, NoteRef::new("big", "big.md"), &settings);
    let big_time = t.elapsed();
    let big_cards = x.cards.len();
    drop(x);
    let big_peak = peak_rss_kib().unwrap_or(0).saturating_sub(rss_before);
    let big_len = big.len();
    drop(big);

    // 2. Note sets of 2,000 pages of ~50 KB (~100 MB) each: best of 3 passes.
    let python = include_str!("../decks/python.md");
    let secs = sections(python);
    let like_users: Vec<String> = (0..2_000)
        .map(|_| page_like_users(&mut rng, &secs, 50_000))
        .collect();
    let heavy: Vec<String> = (0..2_000).map(|_| page(&mut rng, 50_000)).collect();
    let (users_time, users_bytes, users_cards) = best_of_3(&like_users, &settings);
    let (heavy_time, heavy_bytes, heavy_cards) = best_of_3(&heavy, &settings);

    // 3. The user's own notes, repeated: the real mix of syntax.
    let reps = 500;
    let t = Instant::now();
    let mut py_cards = 0;
    for _ in 0..reps {
        py_cards += cards_from_text(python, NoteRef::new("python", "python.md"), &settings)
            .cards
            .len();
    }
    let py_time = t.elapsed();

    let date = std::process::Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    println!("## Extraction (`cargo bench --bench extract`), {date}");
    println!();
    println!("{}, one thread.", machine());
    println!();
    println!("| input | size | time | throughput | cards |");
    println!("| --- | --- | --- | --- | --- |");
    for (name, time, bytes, cards) in [
        (
            "note set like the user's notes",
            users_time,
            users_bytes,
            users_cards,
        ),
        (
            "markup-heavy note set",
            heavy_time,
            heavy_bytes,
            heavy_cards,
        ),
    ] {
        println!(
            "| {name}, 2,000 pages (best of 3) | {:.1} MB | {:.3} s | **{:.1} MB/s** | {} ({:.0}/s) |",
            bytes as f64 / 1e6,
            time.as_secs_f64(),
            mbps(bytes, time),
            cards,
            cards as f64 / time.as_secs_f64()
        );
    }
    println!(
        "| one generated 50 MB file | {:.1} MB | {:.3} s | {:.1} MB/s | {} |",
        big_len as f64 / 1e6,
        big_time.as_secs_f64(),
        mbps(big_len, big_time),
        big_cards
    );
    println!(
        "| decks/python.md × {reps} | {:.1} MB | {:.3} s | {:.1} MB/s | {} |",
        (python.len() * reps) as f64 / 1e6,
        py_time.as_secs_f64(),
        mbps(python.len() * reps, py_time),
        py_cards
    );
    println!();
    println!(
        "Peak memory while extracting the 50 MB file: {:.0} MiB above the process's baseline (the text itself included).",
        big_peak as f64 / 1024.0
    );
}
