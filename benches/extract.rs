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

use recall::notes::{cards_from_text, NoteRef, Settings};

/// The allocator the `recall` binary uses, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::{Duration, Instant};

/// xorshift64*: a fixed, dependency-free stream of pseudo-random numbers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: &[&str] = &[
    "event",
    "loop",
    "task",
    "lock",
    "thread",
    "process",
    "queue",
    "context",
    "manager",
    "await",
    "coroutine",
    "future",
    "generator",
    "yield",
    "buffer",
    "flush",
    "disk",
    "config",
    "package",
    "workspace",
    "module",
    "import",
    "class",
    "method",
    "object",
    "runtime",
    "signal",
    "handler",
];

fn phrase(rng: &mut Rng, words: u64, out: &mut String) {
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        let w = WORDS[rng.below(WORDS.len() as u64) as usize];
        match rng.below(40) {
            0..=2 => {
                out.push_str("**");
                out.push_str(w);
                out.push(' ');
                out.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
                out.push_str("**");
            }
            3 => {
                out.push(w.as_bytes()[0] as char);
                out.push_str("**");
                out.push_str(&w[1..]);
                out.push_str("**");
            }
            4..=6 => {
                out.push('`');
                out.push_str(w);
                out.push_str("()`");
            }
            7 => {
                out.push_str("[[");
                out.push_str(w);
                out.push_str("]]");
            }
            8 => {
                out.push('#');
                out.push_str(w);
            }
            _ => out.push_str(w),
        }
    }
}

/// One generated page of about `target` bytes.
fn page(rng: &mut Rng, target: usize) -> String {
    let mut out = String::with_capacity(target + 256);
    let mut depth = 0usize;
    while out.len() < target {
        depth = match rng.below(10) {
            0..=3 => (depth + 1).min(5),
            4..=6 => depth,
            _ => depth.saturating_sub(1 + rng.below(2) as usize),
        };
        let indent = "\t".repeat(depth);
        out.push_str(&indent);
        match rng.below(30) {
            0 => out.push_str("-\n"),
            1 => {
                out.push_str("- ```python\n");
                for _ in 0..1 + rng.below(4) {
                    out.push_str(&indent);
                    out.push_str("  ");
                    phrase(rng, 4, &mut out);
                    out.push('\n');
                }
                out.push_str(&indent);
                out.push_str("  ```\n");
            }
            _ => {
                out.push_str("- ");
                let n = 2 + rng.below(14);
                phrase(rng, n, &mut out);
                out.push('\n');
                if rng.below(6) == 0 {
                    out.push_str(&indent);
                    out.push_str("  collapsed:: true\n");
                }
                if rng.below(20) == 0 {
                    out.push_str(&indent);
                    out.push_str(&format!("  id:: {:016x}\n", rng.next()));
                }
            }
        }
    }
    out
}

/// The top-level sections (a root bullet and everything under it) of a note.
fn sections(notes: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, _) in notes
        .match_indices("\n- ")
        .chain(std::iter::once((notes.len() - 1, "")))
    {
        out.push(&notes[start..at + 1]);
        start = at + 1;
    }
    out
}

/// Replaces each alphabetic word (outside code fences and property names) by a random word.
fn reword(rng: &mut Rng, section: &str, out: &mut String) {
    let mut in_fence = false;
    for line in section.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with("```") || t.trim_start_matches("- ").starts_with("```") {
            in_fence = !in_fence || t.trim_end().len() > 3 && !t.trim_end().ends_with("```");
        }
        if in_fence || t.contains(":: ") {
            out.push_str(line);
            continue;
        }
        let mut word = String::new();
        for c in line.chars() {
            if c.is_ascii_alphabetic() {
                word.push(c);
                continue;
            }
            if !word.is_empty() {
                out.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
                word.clear();
            }
            out.push(c);
        }
        if !word.is_empty() {
            out.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
        }
    }
}

/// One page of about `target` bytes assembled from reworded sections of the user's notes.
fn page_like_users(rng: &mut Rng, sections: &[&str], target: usize) -> String {
    let mut out = String::with_capacity(target + 4096);
    while out.len() < target {
        let s = sections[rng.below(sections.len() as u64) as usize];
        reword(rng, s, &mut out);
    }
    out
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

fn mbps(bytes: usize, t: Duration) -> f64 {
    bytes as f64 / 1e6 / t.as_secs_f64()
}

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
            cards += cards_from_text(
                p,
                NoteRef {
                    deck: "set",
                    source: &source,
                },
                settings,
            )
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
    let x = cards_from_text(
        &big,
        NoteRef {
            deck: "big",
            source: "big.md",
        },
        &settings,
    );
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
        py_cards += cards_from_text(
            python,
            NoteRef {
                deck: "python",
                source: "python.md",
            },
            &settings,
        )
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
    println!(
        "Machine: {} ({} cores available), one thread.",
        cpu_model(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
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
