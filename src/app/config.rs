//! `recall config [--init]`: the settings in force and where each is set, or a first
//! configuration file with every setting at its default.

use crate::cli::ConfigArgs;
use anyhow::Context as _;
use recall::config::{Config, TEMPLATE};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(args: ConfigArgs, named: Option<&Path>) -> anyhow::Result<ExitCode> {
    let path: PathBuf = match named {
        Some(p) => p.to_path_buf(),
        None => Config::default_path().context("this system has no configuration folder")?,
    };
    let shown = recall::text::visible_controls(&path.display().to_string()).into_owned();
    let mut out = std::io::stdout().lock();
    if args.init {
        if path.exists() {
            anyhow::bail!(
                "{shown} exists already; nothing was written (edit it, or move it away first)"
            );
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("making {}", dir.display()))?;
        }
        std::fs::write(&path, TEMPLATE).with_context(|| format!("writing {shown}"))?;
        writeln!(
            out,
            "Wrote {shown}: every setting at its default, each said what it does."
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && named.is_none() => None,
        Err(e) => return Err(e).with_context(|| format!("reading {shown}")),
    };
    let config = match &text {
        Some(t) => Config::parse(&path, t)?,
        None => Config::default(),
    };
    match &text {
        Some(_) => writeln!(out, "Settings in force, from {shown} and the defaults:")?,
        None => writeln!(
            out,
            "No configuration file at {shown}: every setting is its default \
             (`recall config --init` writes one to change)."
        )?,
    }
    let settings = config.settings(text.as_deref());
    let width = settings
        .iter()
        .map(|s| s.key.len() + s.value.len() + 3)
        .max()
        .unwrap_or(0);
    for s in &settings {
        let from = s
            .line
            .map_or("default".to_string(), |l| format!("line {l}"));
        let set = format!("{} = {}", s.key, s.value);
        writeln!(out, "{set:<width$}   ({from})")?;
    }
    Ok(ExitCode::SUCCESS)
}
