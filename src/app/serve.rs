//! `recall serve [DECK...]`: the review in a browser. Brings the notes up to date as `recall
//! review` does, starts the library's server ([`recall::serve`]) and prints the address that
//! carries the token (with a QR code for a phone under `--lan`); it opens nothing by itself.

use crate::cli::ServeArgs;
use anyhow::Context as _;
use recall::collection::Collection;
use recall::review::start;
use recall::serve::{desk::Desk, token, Service};
use recall::store::queue::QueueFilter;
use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::process::ExitCode;

/// The port tried first when `--port` is not given.
const DEFAULT_PORT: u16 = 7117;

pub fn run(
    mut args: ServeArgs,
    mut col: Collection,
    images: Collection,
) -> anyhow::Result<ExitCode> {
    let token = match args.token.take() {
        Some(t) if t.chars().count() < token::MIN_LEN || t.contains(char::is_whitespace) => {
            anyhow::bail!(
                "--token (or RECALL_SERVE_TOKEN) needs at least {} characters and no spaces; leave it out for a random one",
                token::MIN_LEN
            )
        }
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

    let host = if args.lan {
        IpAddr::V4(Ipv4Addr::UNSPECIFIED)
    } else {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    };
    let server = bind(host, args.port)?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .context("the server has no network address")?;
    let shown_host = if args.lan {
        lan_address().context(
            "found no network address of this machine to give a phone (is it on a network?)",
        )?
    } else {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    };
    let url = format!(
        "http://{}/?token={token}",
        SocketAddr::new(shown_host, port)
    );
    let mut message = if args.lan {
        format!(
            "Open this address on a phone on the same network (scan the code):\n\n{}\n",
            qr(&url)?
        )
    } else {
        "Open this address in a browser on this machine:\n".to_string()
    };
    message.push_str(&url);
    message.push_str("\nEvery answer is saved as you give it. Stop the server with Ctrl-C.");
    // The server goes on when no one reads its output any more (a closed pipe).
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "{message}").and_then(|()| stdout.flush());

    let filter = QueueFilter {
        decks: args.decks,
        tag: args.tag,
    };
    let desk = Desk::start(col, filter);
    let service = Service::new(token, desk, images.store);
    recall::serve::run(&server, &service);
    Ok(ExitCode::SUCCESS)
}

/// A server on `host`: at `port`, or at 7117 and else any free port.
fn bind(host: IpAddr, port: Option<u16>) -> anyhow::Result<tiny_http::Server> {
    let at = |port| tiny_http::Server::http(SocketAddr::new(host, port));
    match port {
        Some(p) => at(p).map_err(|e| {
            anyhow::anyhow!("cannot listen on port {p}: {e} (another program has it? choose another with --port)")
        }),
        None => at(DEFAULT_PORT)
            .or_else(|_| at(0))
            .map_err(|e| anyhow::anyhow!("cannot listen on any port: {e}")),
    }
}

/// This machine's address on its network: the one it would send from (no packet is sent).
fn lan_address() -> Option<IpAddr> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    socket.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified() && !ip.is_loopback()).then_some(ip)
}

/// `url` as a QR code drawn with half blocks, for a terminal.
fn qr(url: &str) -> anyhow::Result<String> {
    use qrcode::render::unicode::Dense1x2;
    let code =
        qrcode::QrCode::new(url.as_bytes()).context("the address is too long for a QR code")?;
    Ok(code
        .render::<Dense1x2>()
        .dark_color(Dense1x2::Light)
        .light_color(Dense1x2::Dark)
        .quiet_zone(true)
        .build())
}
