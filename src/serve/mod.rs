//! `recall serve`: the review session in a browser, on this machine or a phone on the same
//! network. hyper reads the requests (bounded in size, time and number) and each is answered
//! on a thread of its own:
//! the page and its assets ([`page`]), the JSON API over the library's review loop ([`desk`]),
//! and the images of the card shown ([`media`]). Every request needs the token ([`token`]);
//! nothing is served to a request without it but a page saying where to find it.
//!
//! The request handling ([`Service::handle`]) takes a request's parts and returns a reply, so
//! it is tested without a socket; [`run`] is the loop that reads and writes them.

pub mod desk;
pub mod listen;
pub mod media;
pub mod page;
pub mod token;

use crate::display::html::{self as card_html, ImageRef, MARK_CLOSE, MARK_OPEN};
use crate::model::{CardId, ReviewCard};
use crate::review::session::{Action, Counts};
use crate::schedule::Rating;
use crate::store::Store;
use desk::{Desk, DeskError, Shown};
use serde_json::{json, Value};
use std::io::Read;
use std::sync::Arc;
use std::time::Duration;

/// The largest request body read (the API's bodies are a few dozen bytes).
pub const MAX_BODY: usize = 4096;

/// The policy every reply carries: only recall's own script, style and images; no frames, no
/// forms, no other origin.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// A request as the service reads it.
#[derive(Debug, Clone, Default)]
pub struct Incoming {
    pub method: String,
    /// The path and the query, as sent.
    pub url: String,
    /// Header names in lower case, with their values.
    pub headers: Vec<(String, String)>,
    /// The body, or `None` when it was larger than [`MAX_BODY`].
    pub body: Option<Vec<u8>>,
}

impl Incoming {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A reply's body: bytes, or a file streamed from disk.
#[derive(Debug)]
pub enum Body {
    Bytes(Vec<u8>),
    /// An image, opened when it was checked.
    File(std::fs::File),
}

/// What the service answers.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Body,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type,
            headers: Vec::new(),
            body: Body::Bytes(body.into()),
        }
    }

    fn json(status: u16, value: &Value) -> Reply {
        Reply::new(status, "application/json", value.to_string())
    }

    fn error(status: u16, message: impl std::fmt::Display) -> Reply {
        Reply::json(status, &json!({ "error": message.to_string() }))
    }

    /// The reply's body as text (tests).
    pub fn text(&self) -> String {
        match &self.body {
            Body::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
            Body::File(_) => "<file>".to_string(),
        }
    }
}

/// The server's state: the token, the review session, and a connection to find images with.
pub struct Service {
    token: String,
    desk: Desk,
    store: std::sync::Mutex<Store>,
}

impl Service {
    pub fn new(token: String, desk: Desk, store: Store) -> Service {
        Service {
            token,
            desk,
            store: std::sync::Mutex::new(store),
        }
    }

    /// The connection it found images with, for what follows the server.
    pub fn into_store(self) -> Store {
        self.store.into_inner().unwrap_or_else(|p| p.into_inner())
    }

    /// The reply to `req`.
    pub fn handle(&self, req: &Incoming) -> Reply {
        let (path, query) = req.url.split_once('?').unwrap_or((&req.url, ""));
        // The address `recall serve` printed: the token in the query becomes the page's cookie.
        if path == "/" && req.method == "GET" {
            if let Some(given) = token::from_query(query) {
                if !token::matches(given, &self.token) {
                    return Reply::new(401, "text/html; charset=utf-8", page::locked().0);
                }
                let mut reply = Reply::new(303, "text/plain", "");
                reply.headers.push(("Location", "/".into()));
                reply.headers.push((
                    "Set-Cookie",
                    format!(
                        "{}={}; HttpOnly; SameSite=Strict; Path=/",
                        token::COOKIE,
                        self.token
                    ),
                ));
                return reply;
            }
        }
        if let Some(refused) = self.gate(req) {
            return refused;
        }
        match (req.method.as_str(), path) {
            ("GET", "/") => Reply::new(200, "text/html; charset=utf-8", page::review().0),
            ("GET", "/app.js") => Reply::new(200, "text/javascript; charset=utf-8", page::SCRIPT),
            ("GET", "/app.css") => Reply::new(200, "text/css; charset=utf-8", page::STYLE),
            ("GET", "/api/next") => self.shown(self.desk.current()),
            ("POST", "/api/answer" | "/api/undo" | "/api/suspend" | "/api/bury") => {
                self.post(path, req)
            }
            ("GET", p) if p.starts_with("/media/") => self.image(p),
            (_, "/" | "/app.js" | "/app.css" | "/api/next") => method_not_allowed("GET"),
            (_, p) if p.starts_with("/media/") => method_not_allowed("GET"),
            (_, "/api/answer" | "/api/undo" | "/api/suspend" | "/api/bury") => {
                method_not_allowed("POST")
            }
            _ => Reply::error(404, "no such page"),
        }
    }

    /// The refusal of a request that lacks the token, or a POST that is not JSON from the
    /// page's own origin; `None` when it may go on (its body is read only then).
    pub fn gate(&self, req: &Incoming) -> Option<Reply> {
        let path = req.url.split('?').next().unwrap_or("");
        if path == "/" && req.method == "GET" && req.url.contains("token=") {
            return None; // the printed address: `handle` checks its token
        }
        if !self.authorised(req) {
            return Some(if path.starts_with("/api/") {
                Reply::error(401, "this request needs the token recall serve printed")
            } else {
                Reply::new(401, "text/html; charset=utf-8", page::locked().0)
            });
        }
        if req.method == "POST" {
            let json = req
                .header("content-type")
                .is_some_and(|t| t.starts_with("application/json"));
            if !json {
                return Some(Reply::error(415, "send the body as application/json"));
            }
            if !self.same_origin(req) {
                return Some(Reply::error(
                    403,
                    "requests come from the page recall serves",
                ));
            }
        }
        None
    }

    fn authorised(&self, req: &Incoming) -> bool {
        let bearer = req
            .header("authorization")
            .and_then(|v| v.strip_prefix("Bearer "));
        let cookie = req.header("cookie").and_then(token::from_cookie);
        [bearer, cookie]
            .into_iter()
            .flatten()
            .any(|given| token::matches(given.trim(), &self.token))
    }

    /// A POST comes from this server's own page when the browser names an origin (and as
    /// JSON, which a form of another site cannot send without asking).
    fn same_origin(&self, req: &Incoming) -> bool {
        match (req.header("origin"), req.header("host")) {
            (Some(origin), Some(host)) => origin.strip_prefix("http://").is_some_and(|o| o == host),
            (Some(_), None) => false,
            (None, _) => true,
        }
    }

    fn post(&self, path: &str, req: &Incoming) -> Reply {
        let Some(body) = &req.body else {
            return Reply::error(413, format!("the body is larger than {MAX_BODY} bytes"));
        };
        let value: Value = if body.iter().all(u8::is_ascii_whitespace) {
            json!({})
        } else {
            match serde_json::from_slice(body) {
                Ok(v) => v,
                Err(e) => return Reply::error(400, format!("the body is not JSON: {e}")),
            }
        };
        let card = value.get("card").and_then(Value::as_i64).map(CardId);
        let needs_card = |action: Action| match card {
            Some(id) => self.shown(self.desk.act(Some(id), action)),
            None => Reply::error(400, "the body needs \"card\": the id of the card shown"),
        };
        match path {
            "/api/answer" => {
                let grade = value
                    .get("grade")
                    .and_then(Value::as_u64)
                    .and_then(|g| u8::try_from(g).ok())
                    .and_then(Rating::from_number);
                match grade {
                    Some(g) => needs_card(Action::Grade(g)),
                    None => Reply::error(
                        400,
                        "the body needs \"grade\": 1 Again, 2 Hard, 3 Good or 4 Easy",
                    ),
                }
            }
            "/api/suspend" => needs_card(Action::Suspend),
            "/api/bury" => needs_card(Action::Bury),
            // The card shown, when given, guards against undoing another client's answer.
            _ => self.shown(self.desk.act(card, Action::Undo)),
        }
    }

    fn shown(&self, result: Result<(Shown, Vec<String>), DeskError>) -> Reply {
        match result {
            Ok((shown, messages)) => Reply::json(200, &next_json(&shown, &messages)),
            Err(e @ (DeskError::NotShown(_) | DeskError::NoCard)) => Reply::error(409, e),
            Err(e @ DeskError::Busy) => Reply::error(503, e),
            Err(e @ DeskError::Stopped(_)) => Reply::error(500, e),
        }
    }

    /// `/media/CARD/IMAGE`: an image of the card shown, nothing else.
    fn image(&self, path: &str) -> Reply {
        let not_found = || Reply::error(404, "no such image on the card shown");
        let mut parts = path.trim_start_matches("/media/").split('/');
        let (Some(card), Some(image), None) = (parts.next(), parts.next(), parts.next()) else {
            return not_found();
        };
        let (Ok(card), Some(image)) = (card.parse::<i64>(), ImageRef::decode(image)) else {
            return not_found();
        };
        let Ok(Shown::Card { card: shown, .. }) = self.desk.peek() else {
            return not_found();
        };
        if shown.id.0 != card {
            return not_found();
        }
        let store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        match media::find(&store, &shown, &image) {
            Some(file) => Reply {
                status: 200,
                content_type: file.content_type,
                headers: Vec::new(),
                body: Body::File(file.file),
            },
            None => not_found(),
        }
    }
}

fn method_not_allowed(allow: &'static str) -> Reply {
    let mut reply = Reply::error(405, format!("use {allow}"));
    reply.headers.push(("Allow", allow.into()));
    reply
}

/// `/api/next`'s answer: the card shown (or null) and what is left.
pub fn next_json(shown: &Shown, messages: &[String]) -> Value {
    match shown {
        Shown::Card { card, left, grades } => json!({
            "card": card_json(card, grades),
            "left": left_json(*left),
            "messages": messages,
        }),
        Shown::Done => json!({
            "card": null,
            "left": left_json(Counts::default()),
            "messages": messages,
        }),
    }
}

fn left_json(left: Counts) -> Value {
    json!({ "new": left.new, "learning": left.learning, "review": left.review })
}

/// A card as the page shows it: both sides rendered, the grades with their intervals.
fn card_json(card: &ReviewCard, grades: &[(Rating, String)]) -> Value {
    let clean = ReviewCard {
        question: card_html::unmarked(&card.question),
        answer: card_html::unmarked(&card.answer),
        ..card.clone()
    };
    let answer = clean.answer_side(&MARK_OPEN.to_string(), &MARK_CLOSE.to_string());
    json!({
        "id": card.id.0,
        "deck": card.deck,
        "context": card.context,
        "place": crate::display::card_place(&card.deck, &card.context),
        "question_html": card_html::served(&clean.question, card.id.0),
        "answer_html": card_html::served(&answer, card.id.0),
        "buttons": grades.iter().map(|(r, interval)| json!({
            "grade": *r as u8,
            "label": r.label(),
            "interval": interval,
        })).collect::<Vec<_>>(),
    })
}

/// Connections open at once, at most; more are closed as they come.
const MAX_CONNECTIONS: usize = 64;
/// Requests worked on at once (each on a blocking thread), at most.
const MAX_AT_ONCE: usize = 32;
/// A request's head must arrive in this long, and its body too.
const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// A request's head, its lines and headers together, is at most this big.
const MAX_HEAD: usize = 16 * 1024;
/// An image larger than this is not served.
const MAX_IMAGE: u64 = 64 * 1024 * 1024;

/// Serves requests from `listener` until `stop` is notified. hyper reads the requests with
/// bounds on a head's size, on its headers and on the time it takes; connections are
/// capped; each request is handled on a blocking thread (at most [`MAX_AT_ONCE`]), so a slow
/// client or a busy session holds up no other request.
pub fn run(
    listener: std::net::TcpListener,
    service: Arc<Service>,
    stop: Arc<tokio::sync::Notify>,
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .max_blocking_threads(MAX_AT_ONCE)
        .build()?;
    runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let open = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
        loop {
            let stream = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => stream,
                    Err(_) => {
                        // Out of file descriptors and the like: wait, do not spin.
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                },
                () = stop.notified() => return Ok(()),
            };
            let Ok(permit) = Arc::clone(&open).try_acquire_owned() else {
                continue; // dropped: too many connections
            };
            let service = Arc::clone(&service);
            tokio::spawn(async move {
                let _permit = permit;
                let handler =
                    hyper::service::service_fn(move |req| answer(Arc::clone(&service), req));
                let mut http = hyper::server::conn::http1::Builder::new();
                http.timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(READ_TIMEOUT)
                    .max_buf_size(MAX_HEAD)
                    .max_headers(64);
                let io = hyper_util::rt::TokioIo::new(stream);
                let _ = http.serve_connection(io, handler).await;
            });
        }
    })
}

type HttpReply = hyper::Response<http_body_util::Full<hyper::body::Bytes>>;

/// One request: its head is judged before a byte of its body is read.
async fn answer(
    service: Arc<Service>,
    req: hyper::Request<hyper::body::Incoming>,
) -> Result<HttpReply, std::convert::Infallible> {
    use http_body_util::BodyExt as _;
    let (parts, body) = req.into_parts();
    let mut incoming = Incoming {
        method: parts.method.as_str().to_string(),
        url: parts
            .uri
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_string(),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| {
                let value = String::from_utf8_lossy(v.as_bytes()).into_owned();
                (k.as_str().to_ascii_lowercase(), value)
            })
            .collect(),
        body: Some(Vec::new()),
    };
    if let Some(refused) = service.gate(&incoming) {
        return Ok(http_reply(refused));
    }
    if incoming.method == "POST" {
        let limited = http_body_util::Limited::new(body, MAX_BODY);
        match tokio::time::timeout(READ_TIMEOUT, limited.collect()).await {
            Ok(Ok(collected)) => incoming.body = Some(collected.to_bytes().to_vec()),
            Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => incoming.body = None,
            Ok(Err(_)) => return Ok(http_reply(Reply::error(400, "the body could not be read"))),
            Err(_) => return Ok(http_reply(Reply::error(408, "the body took too long"))),
        }
    }
    // The handling and an image's reading block: off the runtime's one thread.
    let reply = tokio::task::spawn_blocking(move || http_reply(service.handle(&incoming))).await;
    Ok(
        reply
            .unwrap_or_else(|_| http_reply(Reply::error(500, "the request could not be answered"))),
    )
}

/// `reply` with the headers every reply carries; an image read from its open file.
fn http_reply(reply: Reply) -> HttpReply {
    let body = match reply.body {
        Body::Bytes(b) => b,
        Body::File(file) => {
            let mut bytes = Vec::new();
            match file.take(MAX_IMAGE + 1).read_to_end(&mut bytes) {
                Ok(n) if (n as u64) <= MAX_IMAGE => bytes,
                _ => return http_reply(Reply::error(404, "the image cannot be served")),
            }
        }
    };
    let mut builder = hyper::Response::builder()
        .status(reply.status)
        .header("Content-Type", reply.content_type)
        .header("Content-Security-Policy", CSP)
        .header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY")
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-store");
    for (name, value) in reply.headers {
        builder = builder.header(name, value);
    }
    builder
        .body(http_body_util::Full::new(hyper::body::Bytes::from(body)))
        .unwrap_or_else(|_| {
            let mut r = hyper::Response::new(http_body_util::Full::new(
                hyper::body::Bytes::from_static(b"{\"error\":\"a reply could not be made\"}"),
            ));
            *r.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
            r
        })
}

#[cfg(test)]
mod tests;
