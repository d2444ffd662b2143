//! Shared by the benchmarks: generated notes and machine facts.
#![allow(dead_code)]

use std::time::Duration;

pub mod log;

/// xorshift64*: a fixed, dependency-free stream of pseudo-random numbers.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

pub const WORDS: &[&str] = &[
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

pub fn phrase(rng: &mut Rng, words: u64, out: &mut String) {
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
pub fn page(rng: &mut Rng, target: usize) -> String {
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
pub fn sections(notes: &str) -> Vec<&str> {
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
pub fn reword(rng: &mut Rng, section: &str, out: &mut String) {
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
pub fn page_like_users(rng: &mut Rng, sections: &[&str], target: usize) -> String {
    let mut out = String::with_capacity(target + 4096);
    while out.len() < target {
        let s = sections[rng.below(sections.len() as u64) as usize];
        reword(rng, s, &mut out);
    }
    out
}

pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

pub fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// "Machine: <CPU> (<n> cores available)", for the reports.
pub fn machine() -> String {
    format!(
        "Machine: {} ({} cores available)",
        cpu_model(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    )
}

pub fn cpu_model() -> String {
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

pub fn mbps(bytes: usize, t: Duration) -> f64 {
    bytes as f64 / 1e6 / t.as_secs_f64()
}

/// The peak resident memory of a running process, in KiB (0 once it is gone).
pub fn hwm_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}
