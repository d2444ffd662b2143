//! The `recall` binary: parse the command line, run it, turn the outcome into an exit code.

mod app;
mod cli;

use clap::Parser;
use std::process::ExitCode;

/// mimalloc: card extraction allocates many small strings; it makes `recall` ~15% faster
/// than the system allocator (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its place in the option enum, which the Rust bindings
/// do not name): how long freed memory is kept before it goes back to the system.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Gives freed memory back to the system at once instead of after a delay: for the big,
/// short-lived allocations of `recall optimize`, whose peak it keeps ~15% lower.
fn return_freed_memory_at_once() {
    // SAFETY: setting a mimalloc option is allowed at any time; an unknown option is ignored.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) }
}

fn main() -> ExitCode {
    match app::run(cli::Cli::parse()) {
        Ok(code) => code,
        Err(e) if app::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) if is_interrupted(&e) => {
            eprintln!("recall: {}", message(&e));
            ExitCode::from(130) // as a shell reports a command Ctrl-C stopped
        }
        Err(e) => {
            eprintln!("recall: {}", message(&e));
            ExitCode::FAILURE
        }
    }
}

/// Did the person stop the command (Ctrl-C)?
fn is_interrupted(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<recall::error::Error>(),
            Some(recall::error::Error::Interrupted)
        )
    })
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
