//! One module per subcommand: arguments → library calls → output. `run` dispatches.

mod cards;

use crate::cli::{Cli, Command};
use recall::config::Config;
use std::process::ExitCode;

/// Runs a parsed command line. Errors the user can act on are printed by the command itself;
/// the exit code says whether everything went through.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let config = load_config(cli.config.as_deref())?;
    match cli.command {
        Command::Cards(args) => cards::run(args, &config),
    }
}

/// The configuration named on the command line, or the default file if there is one.
fn load_config(named: Option<&std::path::Path>) -> anyhow::Result<Config> {
    let (path, explicit) = match named {
        Some(p) => (p.to_path_buf(), true),
        None => match Config::default_path() {
            Some(p) => (p, false),
            None => return Ok(Config::default()),
        },
    };
    Ok(Config::load(&path, explicit)?)
}

/// Is this error a closed pipe (`recall cards x | head`)? That is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
