//! `recall serve [DECK...]`: the review in a browser. Brings the notes up to date as `recall
//! review` does, starts the library's server ([`recall::serve`]) and prints the address that
//! carries the token (with a QR code for a phone under `--lan`); it opens nothing by itself.

use crate::cli::ServeArgs;
use anyhow::Context as _;
use recall::collection::Collection;
use recall::review::start;
use recall::serve::listen::listen;
use recall::serve::{desk::Desk, token, Service};
use recall::store::queue::QueueFilter;
use std::io::Write as _;
use std::process::ExitCode;

pub fn run(
    mut args: ServeArgs,
    mut col: Collection,
    images: Collection,
) -> anyhow::Result<ExitCode> {
    let token = match args.token.take() {
        Some(t) if !token::is_valid(&t) => anyhow::bail!(
            "--token (or RECALL_SERVE_TOKEN) needs at least {} characters of A-Z, a-z, 0-9, - \
             and _; leave it out for a random one",
            token::MIN_LEN
        ),
        Some(t) => t,
        None => token::generate().map_err(|e| anyhow::anyhow!(e))?,
    };
    super::review::writable(&col, "give a writable database with --db")?;
    let mut out = std::io::stdout().lock();
    if col.store.is_empty()? {
        let now = col.now();
        let first = start::first_run(&mut col.store, &col.config, now)?;
        println!(
            "Your collection is empty, so recall imported its bundled deck `python` ({} cards).",
            first.added
        );
    } else if !args.no_sync {
        super::review::refresh_notes(&mut col, &mut out)?;
    }
    if !args.no_sync {
        if let Some(line) = super::sync::around_review(&mut col) {
            println!("{line}");
        }
    }
    drop(out);
    super::known_decks(&col.store, &mut args.decks)?;
    super::known_tag(&col.store, args.tag.as_deref())?;

    let listening = listen(args.lan, args.port, &token)?;
    let mut message = match &listening.qr {
        Some(code) => {
            format!("Open this address on a phone on the same network (scan the code):\n\n{code}\n")
        }
        None => "Open this address in a browser on this machine:\n".to_string(),
    };
    message.push_str(&listening.url);
    message.push_str("\nEvery answer is saved as you give it. Stop the server with Ctrl-C.");
    // The server goes on when no one reads its output any more (a closed pipe).
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "{message}").and_then(|()| stdout.flush());

    let filter = QueueFilter {
        decks: args.decks,
        tag: args.tag,
    };
    let desk = Desk::start(col, filter);
    let Collection {
        store,
        config,
        clock,
        ..
    } = images;
    let service = std::sync::Arc::new(Service::new(token, desk, store));
    // Ctrl-C stops taking requests; the answers are all saved, and go to the other devices.
    let stop = std::sync::Arc::new(tokio::sync::Notify::new());
    let stopper = std::sync::Arc::clone(&stop);
    let _ = ctrlc::set_handler(move || stopper.notify_one());
    recall::serve::run(listening.listener, std::sync::Arc::clone(&service), stop)
        .context("the server stopped")?;
    if !args.no_sync {
        if let Ok(service) = std::sync::Arc::try_unwrap(service) {
            let mut col = Collection::new(service.into_store(), config, clock);
            if let Some(line) = super::sync::around_review(&mut col) {
                println!("{line}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
