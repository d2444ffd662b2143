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
            eprintln!("recall: {e:#}");
            ExitCode::FAILURE
        }
    }
}
