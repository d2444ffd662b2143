//! Where the server listens and the address it gives: 127.0.0.1, or under `--lan` the
//! machine's own network address, printed with a QR code of it for a phone; port 7117 unless told, or a free one when that is taken.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};

/// The port tried first when none is given.
pub const DEFAULT_PORT: u16 = 7117;

/// Why the server cannot listen.
#[derive(Debug, thiserror::Error)]
pub enum ListenError {
    #[error("cannot listen on port {port}: {message} (another program has it? choose another with --port)")]
    Port { port: u16, message: String },
    #[error("cannot listen on any port: {0}")]
    NoPort(String),
    #[error("found no network address of this machine to give a phone (is it on a network?)")]
    NoNetwork,
}

/// A server listening, and the address that opens its page (with the token).
pub struct Listening {
    pub listener: std::net::TcpListener,
    pub url: String,
    /// The address as a QR code drawn with half blocks, under `--lan`.
    pub qr: Option<String>,
}

/// Listens on this machine only, or (`lan`) on its network; at `port` or [`DEFAULT_PORT`].
pub fn listen(lan: bool, port: Option<u16>, token: &str) -> Result<Listening, ListenError> {
    // Under `--lan`, only the address a phone is given: not every interface (a VPN's, a
    // public one).
    let host = if lan {
        lan_address().ok_or(ListenError::NoNetwork)?
    } else {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    };
    let at = |port| std::net::TcpListener::bind(SocketAddr::new(host, port));
    let listener = match port {
        Some(p) => at(p).map_err(|e| ListenError::Port {
            port: p,
            message: e.to_string(),
        })?,
        None => at(DEFAULT_PORT)
            .or_else(|_| at(0))
            .map_err(|e| ListenError::NoPort(e.to_string()))?,
    };
    let port = listener
        .local_addr()
        .map_err(|e| ListenError::NoPort(e.to_string()))?
        .port();
    let url = format!("http://{}/?token={token}", SocketAddr::new(host, port));
    let qr = lan.then(|| qr(&url)).flatten();
    Ok(Listening { listener, url, qr })
}

/// This machine's address on its network: the one it would send from (no packet is sent).
fn lan_address() -> Option<IpAddr> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    socket.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified() && !ip.is_loopback()).then_some(ip)
}

/// `url` as a QR code drawn with half blocks, light on dark as a terminal shows it.
fn qr(url: &str) -> Option<String> {
    use qrcode::render::unicode::Dense1x2;
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    Some(
        code.render::<Dense1x2>()
            .dark_color(Dense1x2::Light)
            .light_color(Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
    )
}
