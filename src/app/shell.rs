//! `recall completions SHELL` and `recall man`: what the shell and `man` read, made from the
//! command-line definition itself so they never fall behind it.

use crate::cli::{Cli, CompletionsArgs};
use clap::CommandFactory;
use std::io::Write as _;
use std::process::ExitCode;

pub fn completions(args: CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut cmd = Cli::command();
    // Made in memory first: the generator panics on a failed write (a reader that stopped,
    // `recall completions bash | head`); a closed pipe here is an ordinary end.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "recall", &mut script);
    std::io::stdout().lock().write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}

pub fn man() -> anyhow::Result<ExitCode> {
    let page = clap_mangen::Man::new(Cli::command());
    page.render(&mut std::io::stdout().lock())?;
    Ok(ExitCode::SUCCESS)
}
