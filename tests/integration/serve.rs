//! `recall serve` through the real binary on a free port: the token, a session answered
//! through the API with the database read after each answer, undo, refused paths and bodies;
//! and in a real browser (headless Chromium): the page loads, reveals, takes a click on a grade
//! and saves it; a card with an image and a formula shows both.

use crate::util::{chromium_or_skip, TestEnv, BROWSER_FLAGS};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const TOKEN: &str = "serve-test-token-0123456789abcdef";

/// A running `recall serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    /// The server's output, kept open for as long as it runs.
    _out: Lines,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `recall serve ARGS --port 0 --no-sync` with the test's token; the process and
/// its output, read up to the address it printed (`None` if it ended first), and the lines
/// before it.
fn spawn_serve(env: &TestEnv, args: &[&str]) -> (Child, Lines, Option<String>, Vec<String>) {
    let db = env.db();
    let mut all = vec![
        "--db",
        db.to_str().unwrap(),
        "serve",
        "--port",
        "0",
        "--no-sync",
    ];
    all.extend_from_slice(args);
    let mut child = env
        .command(&all)
        .env("RECALL_SERVE_TOKEN", TOKEN)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start recall serve");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut before = Vec::new();
    let url = loop {
        match lines.next() {
            Some(Ok(line)) if line.starts_with("http://") => break Some(line),
            Some(Ok(line)) => before.push(line),
            _ => break None,
        }
    };
    (child, lines, url, before)
}

type Lines = std::io::Lines<BufReader<std::process::ChildStdout>>;

fn serve(env: &TestEnv) -> Server {
    let (child, lines, url, _) = spawn_serve(env, &[]);
    let url = url.expect("recall serve printed its address");
    assert_eq!(
        url.split_once("/?token=").map(|(_, t)| t),
        Some(TOKEN),
        "the address carries the token: {url}"
    );
    let port = url
        .trim_start_matches("http://127.0.0.1:")
        .split('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    Server {
        child,
        port,
        _out: lines,
    }
}

/// One HTTP request; (status, headers as text, body).
fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[&str],
    body: &[u8],
) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for h in headers {
        req.push_str(h);
        req.push_str("\r\n");
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

fn auth() -> String {
    format!("Authorization: Bearer {TOKEN}")
}

fn api(port: u16, method: &str, path: &str, body: &str) -> (u16, serde_json::Value) {
    let auth = auth();
    let (status, _, text) = http(
        port,
        method,
        path,
        &[&auth, "Content-Type: application/json"],
        body.as_bytes(),
    );
    let value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (status, value)
}

fn answers(env: &TestEnv) -> i64 {
    env.sql()
        .query_row(
            "SELECT count(*) FROM reviews WHERE undone_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

const NOTES: &str =
    "- Which port does SSH use?\n\t- 22\n- What does TCP give?\n\t- a reliable byte stream\n";

#[test]
fn the_api_needs_the_token_and_saves_every_answer_before_it_replies() {
    let env = TestEnv::new();
    let p = env.write("notes/net.md", NOTES);
    assert_eq!(env.recall(&["import", p.to_str().unwrap()]).code, Some(0));
    let server = serve(&env);
    let port = server.port;

    for (path, headers) in [
        ("/api/next", vec![]),
        (
            "/api/next",
            vec!["Authorization: Bearer wrong-token-wrong-token"],
        ),
        ("/", vec![]),
        ("/app.js", vec!["Cookie: recall_token=nope"]),
    ] {
        let (status, _, body) = http(port, "GET", path, &headers, b"");
        assert_eq!(status, 401, "{path}");
        assert!(
            !body.contains("SSH") && !body.contains("TCP"),
            "no card text: {body}"
        );
    }
    let (status, head, _) = http(port, "GET", &format!("/?token={TOKEN}"), &[], b"");
    assert_eq!(status, 303);
    assert!(
        head.contains("HttpOnly") && head.contains("SameSite=Strict"),
        "{head}"
    );
    assert!(
        head.to_ascii_lowercase()
            .contains("content-security-policy: default-src 'none'"),
        "{head}"
    );
    assert!(
        !head.to_ascii_lowercase().contains("access-control-allow"),
        "no CORS: {head}"
    );

    // A client that announces a body and never sends it holds up no one.
    let mut stalled = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stalled
        .write_all(b"POST /api/undo HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n")
        .unwrap();
    let (status, mut next) = api(port, "GET", "/api/next", "");
    assert_eq!(status, 200, "{next}");
    assert_eq!(next["left"]["new"], 2);
    // Answer, undo, answer again: the database follows each reply.
    let id = next["card"]["id"].as_i64().unwrap();
    let (status, _) = api(
        port,
        "POST",
        "/api/answer",
        &format!("{{\"card\":{id},\"grade\":4}}"),
    );
    assert_eq!(status, 200);
    assert_eq!(answers(&env), 1);
    let (status, back) = api(port, "POST", "/api/undo", "{}");
    assert_eq!(status, 200);
    assert_eq!(answers(&env), 0, "undone in the database");
    assert_eq!(back["card"]["id"].as_i64(), Some(id));
    for n in 1..=2 {
        let id = next["card"]["id"].as_i64().unwrap();
        let (status, after) = api(
            port,
            "POST",
            "/api/answer",
            &format!("{{\"card\":{id},\"grade\":4}}"),
        );
        assert_eq!(status, 200, "{after}");
        assert_eq!(answers(&env), n);
        next = after;
    }
    assert!(next["card"].is_null(), "{next}");

    // Refused: a body too big, other methods, traversal in any spelling.
    let auth = auth();
    let big = vec![b' '; 20_000];
    let (status, _, _) = http(
        port,
        "POST",
        "/api/undo",
        &[&auth, "Content-Type: application/json"],
        &big,
    );
    assert_eq!(status, 413);
    let (status, _, _) = http(port, "DELETE", "/api/next", &[&auth], b"");
    assert_eq!(status, 405);
    for path in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/media/1/..%2f..%2fetc%2fpasswd",
        "/media/..%2f..%2f/etc/passwd",
        "/notes/net.md",
        "/media/",
    ] {
        let (status, _, body) = http(port, "GET", path, &[&auth], b"");
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("root:"), "{path}");
    }
    // A head that never ends is cut off, and the server goes on.
    let mut endless = TcpStream::connect(("127.0.0.1", port)).unwrap();
    endless
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let _ = endless.write_all(b"GET / HTTP/1.1\r\nX-Long: ");
    let _ = endless.write_all(&vec![b'a'; 1 << 20]);
    let mut cut = Vec::new();
    let _ = endless.read_to_end(&mut cut);
    assert!(!String::from_utf8_lossy(&cut).contains(" 200 "), "refused");
    let (status, _) = api(port, "GET", "/api/next", "");
    assert_eq!(status, 200);
    assert_eq!(answers(&env), 2, "nothing refused saved anything");
    drop(stalled);

    // Ctrl-C stops the server cleanly.
    let mut server = server;
    // SAFETY: a signal to the child this test started.
    unsafe { libc::kill(server.child.id() as i32, libc::SIGINT) };
    let until = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < until,
            "recall serve did not stop on Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
}

/// A 60 × 60 pure red PNG.
fn red_png() -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, 60, 60);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().unwrap();
        w.write_image_data(&[255, 0, 0].repeat(60 * 60)).unwrap();
    }
    out
}

#[test]
fn a_browser_shows_the_image_and_the_formula() {
    let Some(chromium) = chromium_or_skip() else {
        return;
    };
    let env = TestEnv::new();
    env.write("notes/img/red.png", red_png());
    let p = env.write(
        "notes/euler.md",
        "- What colour is this square, whose side is $e^{i\\pi} + 2$? ![red square](img/red.png)\n\t- red\n",
    );
    assert_eq!(env.recall(&["import", p.to_str().unwrap()]).code, Some(0));
    let server = serve(&env);
    let url = format!("http://127.0.0.1:{}/?token={TOKEN}", server.port);

    let png_path = env.path("card.png");
    let out = std::process::Command::new(&chromium)
        .args(BROWSER_FLAGS)
        .args(["--window-size=800,900", "--virtual-time-budget=8000"])
        .arg(format!("--user-data-dir={}", env.path("chrome").display()))
        .arg(format!("--screenshot={}", png_path.display()))
        .arg(&url)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (_, pixels) = crate::util::screenshot_pixels(&png_path);
    let red = pixels
        .iter()
        .filter(|p| p[0] > 240 && p[1] < 20 && p[2] < 20)
        .count();
    std::fs::copy(
        &png_path,
        std::env::temp_dir().join("recall-serve-test.png"),
    )
    .ok();
    assert!(
        red >= 60 * 60 / 2,
        "the note's image is drawn ({red} red pixels)"
    );

    // The same card's formula, in the DOM as MathML (the browser draws MathML itself).
    let out = std::process::Command::new(&chromium)
        .args(BROWSER_FLAGS)
        .args(["--virtual-time-budget=8000", "--dump-dom"])
        .arg(format!("--user-data-dir={}", env.path("chrome2").display()))
        .arg(&url)
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("What colour"),
        "the card is on the page: {dom}"
    );
    assert!(
        dom.contains("<math") && dom.contains("<mi>π</mi>"),
        "MathML in the DOM: {dom}"
    );
    assert!(
        dom.contains("<img src=\"/media/"),
        "the image in the DOM: {dom}"
    );
}

/// Chromium driven over its DevTools pipe (file descriptors 3 and 4, messages ending in NUL).
#[cfg(unix)]
struct Browser {
    child: Child,
    to: std::fs::File,
    from: BufReader<std::fs::File>,
    next_id: u64,
}

#[cfg(unix)]
impl Browser {
    fn start(chromium: &std::path::Path, profile: &std::path::Path) -> Browser {
        use std::os::fd::FromRawFd;
        use std::os::unix::process::CommandExt;
        let mut to_chrome = [0; 2];
        let mut from_chrome = [0; 2];
        // SAFETY: plain pipe(2) calls on arrays of two descriptors.
        unsafe {
            assert_eq!(libc::pipe(to_chrome.as_mut_ptr()), 0);
            assert_eq!(libc::pipe(from_chrome.as_mut_ptr()), 0);
        }
        let (read_end, write_end) = (to_chrome[0], from_chrome[1]);
        let mut cmd = std::process::Command::new(chromium);
        cmd.args(BROWSER_FLAGS)
            .arg("--remote-debugging-pipe")
            .arg(format!("--user-data-dir={}", profile.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: only async-signal-safe calls (dup2) between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                if libc::dup2(read_end, 3) < 0 || libc::dup2(write_end, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("start chromium");
        // SAFETY: the descriptors are ours; the child has its copies.
        let (to, from) = unsafe {
            libc::close(read_end);
            libc::close(write_end);
            (
                std::fs::File::from_raw_fd(to_chrome[1]),
                std::fs::File::from_raw_fd(from_chrome[0]),
            )
        };
        Browser {
            child,
            to,
            from: BufReader::new(from),
            next_id: 1,
        }
    }

    /// Sends a command (to `session`, when given) and returns its result.
    fn call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: serde_json::Value,
    ) -> serde_json::Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut msg = serde_json::json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            msg["sessionId"] = s.into();
        }
        let mut bytes = msg.to_string().into_bytes();
        bytes.push(0);
        self.to.write_all(&bytes).unwrap();
        loop {
            let mut raw = Vec::new();
            let n = self.from.read_until(0, &mut raw).unwrap();
            assert!(n > 0, "chromium closed its pipe");
            raw.pop();
            let reply: serde_json::Value = serde_json::from_slice(&raw).unwrap();
            if reply["id"].as_u64() == Some(id) {
                assert!(reply.get("error").is_none(), "{method}: {reply}");
                return reply["result"].clone();
            }
        }
    }

    fn eval(&mut self, session: &str, expression: &str) -> serde_json::Value {
        let r = self.call(
            Some(session),
            "Runtime.evaluate",
            serde_json::json!({ "expression": expression, "returnByValue": true }),
        );
        r["result"]["value"].clone()
    }

    /// Evaluates `expression` until it is true, for at most 20 seconds.
    fn wait_for(&mut self, session: &str, expression: &str) {
        let until = Instant::now() + Duration::from_secs(20);
        while self.eval(session, expression) != serde_json::Value::Bool(true) {
            assert!(
                Instant::now() < until,
                "the page never showed: {expression}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

#[cfg(unix)]
impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(unix)]
#[test]
fn a_browser_reveals_and_a_clicked_grade_is_saved() {
    let Some(chromium) = chromium_or_skip() else {
        return;
    };
    let env = TestEnv::new();
    let p = env.write("notes/net.md", NOTES);
    assert_eq!(env.recall(&["import", p.to_str().unwrap()]).code, Some(0));
    let server = serve(&env);
    let mut browser = Browser::start(&chromium, &env.path("chrome"));
    let url = format!("http://127.0.0.1:{}/?token={TOKEN}", server.port);
    let target = browser.call(
        None,
        "Target.createTarget",
        serde_json::json!({ "url": url }),
    );
    let attached = browser.call(
        None,
        "Target.attachToTarget",
        serde_json::json!({ "targetId": target["targetId"], "flatten": true }),
    );
    let session = attached["sessionId"].as_str().unwrap().to_string();
    browser.wait_for(
        &session,
        "document.querySelector('#question')?.innerText.includes('?') === true",
    );
    assert_eq!(
        browser.eval(&session, "document.querySelector('#answer').hidden"),
        serde_json::Value::Bool(true),
        "the answer waits for a tap"
    );
    browser.eval(&session, "document.querySelector('#show').click()");
    browser.wait_for(
        &session,
        "document.querySelector('#answer').hidden === false",
    );
    let answer = browser.eval(&session, "document.querySelector('#answer').innerText");
    assert!(
        ["22", "a reliable byte stream"]
            .iter()
            .any(|a| answer.as_str().unwrap().contains(a)),
        "{answer}"
    );
    assert_eq!(answers(&env), 0);
    browser.eval(
        &session,
        "document.querySelector('#grades button.g3').click()",
    );
    let until = Instant::now() + Duration::from_secs(20);
    while answers(&env) < 1 {
        assert!(Instant::now() < until, "the clicked grade was never saved");
        std::thread::sleep(Duration::from_millis(100));
    }
    let rating: i64 = env
        .sql()
        .query_row("SELECT rating FROM reviews", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rating, 3, "Good, the button clicked");
    // The next card shows, its answer hidden again.
    browser.wait_for(
        &session,
        "document.querySelector('#answer').hidden === true",
    );
}

#[test]
fn lan_prints_a_qr_code_of_an_address_a_phone_can_reach() {
    let env = TestEnv::new();
    let p = env.write("notes/net.md", NOTES);
    assert_eq!(env.recall(&["import", p.to_str().unwrap()]).code, Some(0));
    let (mut child, _lines, url, printed) = spawn_serve(&env, &["--lan"]);
    let Some(url) = url else {
        // A machine on no network says so.
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let _ = child.wait();
        assert!(err.contains("no network address"), "{err}");
        return;
    };
    let _ = child.kill();
    let _ = child.wait();
    assert!(!url.contains("127.0.0.1") && url.ends_with(TOKEN), "{url}");
    let code: Vec<&String> = printed.iter().filter(|l| l.contains('█')).collect();
    assert!(code.len() >= 10, "a QR code: {printed:?}");
}

#[test]
fn a_terminal_and_a_browser_session_at_once_keep_one_log() {
    let env = TestEnv::new();
    let p = env.write("notes/net.md", NOTES);
    assert_eq!(env.recall(&["import", p.to_str().unwrap()]).code, Some(0));
    let server = serve(&env);
    let (_, next) = api(server.port, "GET", "/api/next", "");
    let id = next["card"]["id"].as_i64().unwrap();
    // The terminal answers both cards Easy while the browser shows one of them.
    let db = env.db();
    let run = crate::util::run_with_input(
        &mut env.command(&[
            "--db",
            db.to_str().unwrap(),
            "review",
            "--plain",
            "--no-sync",
        ]),
        "\n4\n\n4\n",
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(answers(&env), 2);
    // The browser's answer to the card the terminal answered meanwhile is not saved over
    // it, as between two terminals: the session says so and moves on.
    let (status, reply) = api(
        server.port,
        "POST",
        "/api/answer",
        &format!("{{\"card\":{id},\"grade\":3}}"),
    );
    assert_eq!(status, 200);
    assert_eq!(answers(&env), 2);
    assert!(
        reply["messages"][0]
            .as_str()
            .unwrap_or_default()
            .contains("Not saved: another recall answered this card"),
        "{reply}"
    );
    drop(server);
    let check = env.recall(&["check"]);
    assert_eq!(check.code, Some(0), "{}{}", check.stdout, check.stderr);
}

#[test]
fn a_terminal_names_the_image_and_says_where_it_shows() {
    let env = TestEnv::new();
    env.write("notes/img/red.png", red_png());
    let p = env.write(
        "notes/sq.md",
        "- What colour is this square? ![red square](img/red.png)\n\t- red\n",
    );
    assert_eq!(env.recall(&["import", p.to_str().unwrap()]).code, Some(0));
    let r = crate::review::review(&env, "2026-11-24T09:00:00+01:00", &["--no-sync"], "\n3\n");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout
            .contains("What colour is this square? [image: red square]"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("(its images and formulas show as meant in `recall serve`)"),
        "{}",
        r.stdout
    );
}
