//! Import speed and memory: a generated vault of 10,000 note files and ~100,000 cards,
//! imported into a fresh database, then imported again unchanged.
//!
//! Run: `cargo bench --bench import` (prints a Markdown report for BENCHMARKS.md).
//! Targets (issue 3): ≥ 100,000 cards/s first import, unchanged re-import < 0.5 s,
//! peak RSS < 200 MB.

mod common;

use common::{machine, page_like_users, peak_rss_kib, sections, Rng};
use recall::clock::Clock;
use recall::config::{CardSettings, Config};
use recall::import::{collect_files, import, Options};
use recall::store::Store;
use std::time::Instant;

/// The allocator the `recall` binary uses, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FILES: usize = 10_000;
/// Bytes per note file at the least: one top-level section of the user's notes, about 10 cards.
const FILE_BYTES: usize = 1;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    // `RECALL_BENCH_KEEP_VAULT=DIR`: the vault is written there and kept, to time other builds.
    let vault = std::env::var_os("RECALL_BENCH_KEEP_VAULT")
        .map_or_else(|| dir.path().join("vault"), std::path::PathBuf::from);
    let python = include_str!("../decks/python.md");
    let secs = sections(python);
    let mut rng = Rng(0x1dea_5eed_0000_0003);
    let mut bytes = 0;
    for i in 0..FILES {
        let text = page_like_users(&mut rng, &secs, FILE_BYTES);
        bytes += text.len();
        let sub = vault.join(format!("area{:02}", i % 50));
        std::fs::create_dir_all(&sub).expect("mkdir");
        std::fs::write(sub.join(format!("note{i:05}.md")), text).expect("write");
    }
    let config = Config::default();
    let db = dir.path().join("recall.db");
    let mut store = Store::open(&db).expect("open store");

    let run = |store: &mut Store| {
        let t = Instant::now();
        let (files, errors) = collect_files(&[&vault]);
        assert!(errors.is_empty());
        let opts = Options {
            deck: None,
            dry_run: false,
            config: &config,
            flags: CardSettings::default(),
            keep_flags: false,
            before_commit: None,
            interrupted: None,
            folders: &[],
            now: Clock::system().now() + 3_600_000,
        };
        let report = import(store, &files, &opts, |_| {}).expect("import");
        (t.elapsed(), report.counts)
    };
    let (first, counts) = run(&mut store);
    let (again, counts_again) = run(&mut store);
    assert_eq!(counts_again.skipped_unchanged, FILES);
    let peak = peak_rss_kib().unwrap_or(0);
    let db_size = std::fs::metadata(&db).map_or(0, |m| m.len())
        + std::fs::metadata(dir.path().join("recall.db-wal")).map_or(0, |m| m.len());

    println!("## Import (`cargo bench --bench import`)");
    println!();
    println!("{}.", machine());
    println!(
        "Vault: {FILES} files in 50 folders, {:.1} MB, {} cards (generated like the user's notes).",
        bytes as f64 / 1e6,
        counts.added
    );
    println!();
    println!("| what | time | rate | target |");
    println!("| --- | --- | --- | --- |");
    println!(
        "| first import (walk, read, extract, write, one transaction) | {:.2} s | **{:.0} cards/s** | ≥ 100,000 cards/s |",
        first.as_secs_f64(),
        counts.added as f64 / first.as_secs_f64()
    );
    println!(
        "| re-import, nothing changed | **{:.3} s** | {:.0} files/s | < 0.5 s |",
        again.as_secs_f64(),
        FILES as f64 / again.as_secs_f64()
    );
    println!();
    println!(
        "Peak RSS of the whole run: **{:.0} MiB** (target < 200 MB). Database: {:.1} MB.",
        peak as f64 / 1024.0,
        db_size as f64 / 1e6
    );
}
