//! The `recall` binary: parse the command line, run it, turn the outcome into an exit code.

mod app;
mod cli;

use clap::Parser;
use std::process::ExitCode;

/// mimalloc: card extraction allocates many small strings; it makes `recall` ~15% faster
/// than the system allocator (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match app::run(cli::Cli::parse()) {
        Ok(code) => code,
        Err(e) if app::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("recall: {}", message(&e));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes on one line, each cause said once (errors here often include
/// their cause's text already).
fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain().map(ToString::to_string) {
        let last = out.rsplit(": ").next().unwrap_or("").to_string();
        if out.contains(&cause) || (!last.is_empty() && cause.ends_with(&last)) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&cause);
    }
    out
}
