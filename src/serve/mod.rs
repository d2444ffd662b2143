//! `recall serve`: the review session in a browser, on this machine or a phone on the same
//! network. A small synchronous HTTP server (tiny_http) answers one request at a time:
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

/// The largest request body read (the API's bodies are a few dozen bytes).
pub const MAX_BODY: usize = 4096;

/// Of a body too large, the bytes read and dropped before the refusal.
const DRAINED: usize = 64 * 1024;

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

/// Requests handled at once, at most; more get 503 at once.
const MAX_AT_ONCE: usize = 32;

/// Serves requests until the server is unblocked ([`tiny_http::Server::unblock`]), each on a
/// thread of its own, so a slow client or a busy session holds up no other request.
pub fn run(server: &tiny_http::Server, service: &Service) {
    let busy = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for request in server.incoming_requests() {
            use std::sync::atomic::Ordering;
            if busy.fetch_add(1, Ordering::SeqCst) >= MAX_AT_ONCE {
                busy.fetch_sub(1, Ordering::SeqCst);
                let _ = respond(request, Reply::error(503, "too many requests at once"));
                continue;
            }
            let busy = &busy;
            scope.spawn(move || {
                serve_one(request, service);
                busy.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
}

/// One request: its head is judged before a byte of its body is read.
fn serve_one(mut request: tiny_http::Request, service: &Service) {
    let mut incoming = head(&request);
    if let Some(refused) = service.gate(&incoming) {
        let _ = respond(request, refused);
        return;
    }
    if incoming.method == "POST" {
        match request.body_length() {
            Some(n) if n <= MAX_BODY => {
                let mut bytes = Vec::new();
                let read = request
                    .as_reader()
                    .take(MAX_BODY as u64)
                    .read_to_end(&mut bytes);
                if read.is_err() {
                    let _ = respond(request, Reply::error(400, "the body could not be read"));
                    return;
                }
                incoming.body = Some(bytes);
            }
            Some(_) => {
                // Read (a bounded part of) what was sent, so the refusal is not lost to a reset.
                let _ = std::io::copy(
                    &mut request.as_reader().take(DRAINED as u64),
                    &mut std::io::sink(),
                );
                incoming.body = None;
            }
            None => {
                let _ = respond(
                    request,
                    Reply::error(411, "send the body with a Content-Length"),
                );
                return;
            }
        }
    }
    let reply = service.handle(&incoming);
    let _ = respond(request, reply);
}

/// A request's method, address and headers (its body is read later, if at all).
fn head(request: &tiny_http::Request) -> Incoming {
    Incoming {
        method: request.method().as_str().to_string(),
        url: request.url().to_string(),
        headers: request
            .headers()
            .iter()
            .map(|h| {
                (
                    h.field.as_str().as_str().to_ascii_lowercase(),
                    h.value.to_string(),
                )
            })
            .collect(),
        body: Some(Vec::new()),
    }
}

fn respond(request: tiny_http::Request, reply: Reply) -> std::io::Result<()> {
    let mut headers = vec![
        ("Content-Type", reply.content_type.to_string()),
        ("Content-Security-Policy", CSP.to_string()),
        ("X-Content-Type-Options", "nosniff".to_string()),
        ("X-Frame-Options", "DENY".to_string()),
        ("Referrer-Policy", "no-referrer".to_string()),
        ("Cache-Control", "no-store".to_string()),
    ];
    headers.extend(reply.headers);
    let headers: Vec<tiny_http::Header> = headers
        .into_iter()
        .filter_map(|(k, v)| tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).ok())
        .collect();
    let status = tiny_http::StatusCode(reply.status);
    match reply.body {
        Body::Bytes(b) => {
            let len = b.len();
            request.respond(tiny_http::Response::new(
                status,
                headers,
                std::io::Cursor::new(b),
                Some(len),
                None,
            ))
        }
        Body::File(file) => {
            let len = file.metadata().ok().map(|m| m.len() as usize);
            request.respond(tiny_http::Response::new(status, headers, file, len, None))
        }
    }
}

#[cfg(test)]
mod tests;
