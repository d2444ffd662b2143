//! One module per subcommand: arguments → library calls → output. `run` dispatches.

mod cards;

use crate::cli::{Cli, Command};
use std::process::ExitCode;

/// Runs a parsed command line. Errors the user can act on are printed by the command itself;
/// the exit code says whether everything went through.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Cards(args) => cards::run(args),
    }
}

/// Is this error a closed pipe (`recall cards x | head`)? That is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
