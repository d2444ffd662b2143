//! Peak memory of `recall import` (the release binary, a whole process) on 100 MB note sets:
//! a vault like the user's notes, and note files written to hurt (each just under the
//! note-size limit): tiny blocks by the hundred thousand, bold words, clozes, tags, one long
//! line, deep nesting, block references. Target (issue 12): ≤ 300 MB on any of them.
//!
//! Run: `cargo bench --bench import_memory` (prints a Markdown report for BENCHMARKS.md).

mod common;

use common::{hwm_kib, machine, page_like_users, sections, Rng};
use std::path::Path;
use std::time::{Duration, Instant};

const TARGET_MIB: f64 = 300.0;
/// Just under the 16 MiB a note may have by default.
const FILE_BYTES: usize = 15 << 20;

/// Repeats `unit(i)` until the text is `bytes` long.
fn filled(bytes: usize, prefix: &str, unit: impl Fn(usize) -> String, suffix: &str) -> String {
    let mut s = String::with_capacity(bytes + 64);
    s.push_str(prefix);
    let mut i = 0;
    while s.len() + suffix.len() < bytes {
        s.push_str(&unit(i));
        i += 1;
    }
    s.push_str(suffix);
    s
}

/// The hostile notes: (name, text).
fn hostile() -> Vec<(&'static str, String)> {
    let b = FILE_BYTES;
    vec![
        (
            "tiny-blocks",
            filled(b, "", |i| format!("- q{i}\n\t- a{i}\n"), ""),
        ),
        (
            "bold-words",
            filled(b, "- ", |i| format!("**w{i}** "), "\n"),
        ),
        ("clozes", filled(b, "- ", |_| "{{c1::a}} ".into(), "\n")),
        (
            "tags",
            filled(b, "- q ", |i| format!("#t{i} "), "\n\t- a\n"),
        ),
        ("long-line", filled(b, "- ", |_| "word ".into(), "\n")),
        // Blocks just under the 1 MiB a block may have, all bold words.
        (
            "bold-blocks",
            filled(b, "", |_| format!("- {}\n", "**w** ".repeat(170_000)), ""),
        ),
        (
            "deep",
            filled(b, "", |i| format!("{}- b{i}\n", "\t".repeat(i % 3000)), ""),
        ),
        (
            "refs",
            filled(
                b,
                "- q\n\t- ",
                |i| format!("((6650a1b2-0000-4000-8000-{i:012})) "),
                "\n",
            ),
        ),
        (
            "ids",
            filled(
                b,
                "",
                |i| format!("- b{i}\n  id:: 6650a1b2-0000-4000-8000-{i:012}\n"),
                "",
            ),
        ),
    ]
}

/// Runs `recall --db DB import PATH` and returns (peak RSS MiB, seconds, exit ok).
fn import_peak(dir: &Path, path: &Path) -> (f64, f64, bool) {
    let db = dir.join(format!(
        "{}.db",
        path.file_name().unwrap().to_string_lossy()
    ));
    let t = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_recall"))
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(path)
        .env("XDG_DATA_HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run recall");
    let mut peak = 0;
    let status = loop {
        peak = peak.max(hwm_kib(child.id()));
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    (
        peak as f64 / 1024.0,
        t.elapsed().as_secs_f64(),
        status.code().is_some(),
    )
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rows: Vec<(String, f64, f64, f64)> = Vec::new();

    // A 100 MB vault like the user's notes.
    let vault = dir.path().join("vault");
    let python = include_str!("../decks/python.md");
    let secs = sections(python);
    let mut rng = Rng(0x1dea_5eed_0000_0012);
    let (mut bytes, mut i) = (0, 0);
    while bytes < 100_000_000 {
        let text = page_like_users(&mut rng, &secs, 1);
        bytes += text.len();
        let sub = vault.join(format!("area{:02}", i % 50));
        std::fs::create_dir_all(&sub).expect("mkdir");
        std::fs::write(sub.join(format!("note{i:06}.md")), text).expect("write");
        i += 1;
    }
    let (mib, s, _) = import_peak(dir.path(), &vault);
    rows.push((
        format!("vault like the user's notes ({i} files)"),
        bytes as f64 / 1e6,
        mib,
        s,
    ));

    // Hostile single files, and all of them (and more) as one 100 MB folder.
    let folder = dir.path().join("hostile");
    std::fs::create_dir_all(&folder).expect("mkdir");
    let mut total = 0;
    for (name, text) in hostile() {
        let path = folder.join(format!("{name}.md"));
        std::fs::write(&path, &text).expect("write");
        total += text.len();
        let (mib, s, _) = import_peak(dir.path(), &path);
        rows.push((format!("one file: {name}"), text.len() as f64 / 1e6, mib, s));
    }
    let mut k = 0;
    while total < 100_000_000 {
        let all = hostile();
        let (name, text) = &all[k % all.len()];
        std::fs::write(folder.join(format!("{name}-{k}.md")), text).expect("write");
        total += text.len();
        k += 1;
    }
    let (mib, s, _) = import_peak(dir.path(), &folder);
    rows.push((
        "all the hostile files as one folder".into(),
        total as f64 / 1e6,
        mib,
        s,
    ));

    println!("## Import memory (`cargo bench --bench import_memory`)");
    println!();
    println!("{}. The release binary, whole processes.", machine());
    println!();
    println!("| note set | size | peak RSS | time | target |");
    println!("| --- | --- | --- | --- | --- |");
    for (what, mb, mib, s) in &rows {
        let mark = if *mib <= TARGET_MIB { "" } else { " (over)" };
        println!(
            "| {what} | {mb:.0} MB | **{mib:.0} MiB**{mark} | {s:.1} s | ≤ {TARGET_MIB:.0} MiB |"
        );
    }
}
