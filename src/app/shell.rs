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

/// One complete page, `recall(1)`: the name, synopsis, description and global options as
/// clap describes them, then every command with its synopsis and options (no `recall-…(1)`
/// pages are shipped to point to), the review's keys, the environment, the files and examples.
pub fn man() -> anyhow::Result<ExitCode> {
    let cmd = Cli::command();
    let page = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    page.render_title(&mut out)?;
    page.render_name_section(&mut out)?;
    page.render_synopsis_section(&mut out)?;
    page.render_description_section(&mut out)?;
    page.render_options_section(&mut out)?;
    out.extend_from_slice(b".SH COMMANDS\n");
    for sub in cmd.get_subcommands().filter(|c| !c.is_hide_set()) {
        commands_entry(&mut out, sub);
    }
    out.extend_from_slice(EXTRA_SECTIONS.as_bytes());
    out.extend_from_slice(b".SH REVIEW KEYS\n");
    out.extend_from_slice(roff_text(recall::ui::keys::HELP).as_bytes());
    out.push(b'\n');
    page.render_version_section(&mut out)?;
    // roff reads ASCII: every other character as its escape (`·` → `\[u00B7]`).
    let mut page = String::with_capacity(out.len());
    for c in String::from_utf8_lossy(&out).chars() {
        if c.is_ascii() {
            page.push(c);
        } else {
            page.push_str(&format!("\\[u{:04X}]", c as u32));
        }
    }
    std::io::stdout().lock().write_all(page.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// A command of the page: `.SS recall NAME`, its usage, what it does, and each option.
fn commands_entry(out: &mut Vec<u8>, sub: &clap::Command) {
    let mut sub = sub.clone().bin_name(format!("recall {}", sub.get_name()));
    let usage = sub.render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ");
    let about = sub
        .get_long_about()
        .or(sub.get_about())
        .map(|a| a.to_string())
        .unwrap_or_default();
    let mut text = format!(
        ".SS {}\n{}\n.PP\n{}\n",
        roff_text(&format!("recall {}", sub.get_name())),
        roff_text(usage),
        roff_text(&about)
    );
    for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
        let id = arg.get_id().as_str();
        if id == "help" || id == "version" {
            continue;
        }
        let mut names: Vec<String> = Vec::new();
        if let Some(s) = arg.get_short() {
            names.push(format!("-{s}"));
        }
        if let Some(l) = arg.get_long() {
            names.push(format!("--{l}"));
        }
        let value = arg
            .get_value_names()
            .map(|v| {
                v.iter()
                    .map(|n| format!("<{n}>"))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|_| arg.get_action().takes_values());
        let mut head = if names.is_empty() {
            value
                .clone()
                .unwrap_or_else(|| format!("<{}>", id.to_uppercase()))
        } else {
            names.join(", ")
        };
        if let (Some(v), false) = (&value, names.is_empty()) {
            head.push(' ');
            head.push_str(v);
        }
        let help = arg
            .get_long_help()
            .or(arg.get_help())
            .map(|h| h.to_string())
            .unwrap_or_default();
        text.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            roff_text(&head),
            roff_text(&help)
        ));
    }
    out.extend_from_slice(text.as_bytes());
}

/// Text made safe for roff: backslashes and hyphens escaped, no line starting with a dot or a
/// quote (a request).
fn roff_text(s: &str) -> String {
    let escaped = s.replace('\\', "\\e").replace('-', "\\-");
    escaped
        .lines()
        .map(|l| {
            if l.starts_with(['.', '\'']) {
                format!("\\&{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sections clap does not know: environment, files, examples.
const EXTRA_SECTIONS: &str = r#".SH ENVIRONMENT
.TP
\fBRECALL_DB\fR
The database file, as \fB\-\-db\fR gives it.
.TP
\fBRECALL_CONFIG\fR
The configuration file, as \fB\-\-config\fR gives it.
.TP
\fBRECALL_NOW\fR
The time recall takes as now (RFC 3339, e.g. 2026\-11\-24T09:00:00+01:00): for tests and
simulations.
.TP
\fBNO_COLOR\fR
Set to anything: no colours.
.TP
\fBVISUAL\fR, \fBEDITOR\fR
The editor the review's \fBe\fR key opens a card's note in, at its line (vi when neither is
set).
.SH FILES
.TP
\fI~/.local/share/recall/recall.db\fR
The database (the platform's data folder; \fB\-\-db\fR or \fBRECALL_DB\fR name another).
.TP
\fI~/.local/share/recall/backups/\fR
Backups beside the database: one on the first run of each day, before optimize, restore and
upgrades; the newest seven are kept (\fB[backup] keep\fR).
.TP
\fI~/.local/share/recall/decks/python.md\fR
The bundled deck, written on the first review of an empty collection; edit it, or delete it to
retire its cards.
.TP
\fI~/.config/recall/config.toml\fR
The configuration (the platform's config folder); \fBrecall config \-\-init\fR writes one with
every setting at its default.
.SH EXAMPLES
.TP
\fBrecall review\fR
Today's cards (the bundled deck on the first run).
.TP
\fBrecall import ~/notes\fR
A folder of notes as decks; run it again after editing: history is kept.
.TP
\fBrecall cards notes.md \-\-skipped\fR
The cards a file gives, and why the other blocks gave none.
.TP
\fBrecall stats \-\-html report.html\fR
The statistics as a page with charts.
.TP
\fBrecall sync ~/Dropbox/recall\fR
Answers shared with other devices through a folder.
"#;
