//! The server's request handling in process: the token, a whole session through the API with
//! the database read after each answer, undo, conflicts, bodies, and the images it will and
//! will not serve.

use super::*;
use crate::clock::{Clock, Zone};
use crate::collection::Collection;
use crate::config::Config;
use crate::import::{collect_files, import, Options};
use crate::store::queue::QueueFilter;

/// 09:00 UTC, 2026-11-24.
const NOW: i64 = 1_795_510_800_000;
const TOKEN: &str = "0123456789abcdef0123456789abcdef";
const NOTES: &str = "- What colour is this square? ![red](red.png)\n\t- red\n\
                     - Which port does SSH use?\n\t- 22\n\
                     - Which file is this? ![e](evil.png)\n\t- a secret\n\
                     - Which animal is this? [image: cat.png] [image: ../secret.png]\n\t- a cat\n\
                     - Which way out? ![a](../secret.png) ![b](%2e%2e/secret.png) ![c](/etc/hostname.png)\n\t- none\n";

struct Env {
    dir: tempfile::TempDir,
    service: Service,
    store: Store,
}

fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes");
    std::fs::create_dir(&notes).unwrap();
    let p = notes.join("n.md");
    std::fs::write(&p, NOTES).unwrap();
    std::fs::write(notes.join("red.png"), b"\x89PNG fake").unwrap();
    // An image that is a link to a file outside every folder of notes.
    std::fs::write(dir.path().join("secret.png"), b"secret").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("secret.png"), notes.join("evil.png")).unwrap();
    let db = dir.path().join("recall.db");
    // The media folder beside the database, where an Anki package's images go.
    std::fs::create_dir(dir.path().join("recall.media")).unwrap();
    std::fs::write(dir.path().join("recall.media/cat.png"), b"\x89PNG cat").unwrap();
    let config = Config::default();
    let mut store = Store::open(&db).unwrap();
    let (files, _) = collect_files(&[p.as_path()]);
    let opts = Options::new(&config, NOW - 86_400_000);
    import(&mut store, &files, &opts, |_| {}).unwrap();
    let clock = Clock::starting_at(NOW, Zone::Fixed(0));
    let col = Collection::new(Store::open(&db).unwrap(), config, clock);
    let desk = Desk::start(col, QueueFilter::default());
    let service = Service::new(TOKEN.into(), desk, Store::open(&db).unwrap());
    Env {
        dir,
        service,
        store,
    }
}

fn get(path: &str) -> Incoming {
    Incoming {
        method: "GET".into(),
        url: path.into(),
        headers: vec![("authorization".into(), format!("Bearer {TOKEN}"))],
        body: Some(Vec::new()),
    }
}

fn post(path: &str, body: &str) -> Incoming {
    Incoming {
        method: "POST".into(),
        url: path.into(),
        headers: vec![
            ("authorization".into(), format!("Bearer {TOKEN}")),
            ("content-type".into(), "application/json".into()),
        ],
        body: Some(body.as_bytes().to_vec()),
    }
}

fn json_of(reply: &Reply) -> Value {
    serde_json::from_str(&reply.text()).unwrap_or_else(|e| panic!("{e}: {}", reply.text()))
}

impl Env {
    fn ask(&self, req: Incoming) -> (u16, Value) {
        let reply = self.service.handle(&req);
        (reply.status, json_of(&reply))
    }

    fn answers(&self) -> usize {
        self.store.counted_answers().unwrap().len()
    }
}

#[test]
fn nothing_without_the_token() {
    let env = env();
    for headers in [
        vec![],
        vec![("authorization".to_string(), "Bearer wrong".to_string())],
        vec![("cookie".to_string(), "recall_token=0123".to_string())],
    ] {
        for path in ["/", "/api/next", "/app.js", "/media/1/m00"] {
            let reply = env.service.handle(&Incoming {
                method: "GET".into(),
                url: path.into(),
                headers: headers.clone(),
                body: Some(Vec::new()),
            });
            assert_eq!(reply.status, 401, "{path}");
            assert!(!reply.text().contains("square"), "no card text: {path}");
        }
    }
    // The printed address sets the cookie, which then opens the page.
    let reply = env.service.handle(&Incoming {
        method: "GET".into(),
        url: format!("/?token={TOKEN}"),
        ..Incoming::default()
    });
    assert_eq!(reply.status, 303);
    let cookie = reply
        .headers
        .iter()
        .find(|(k, _)| *k == "Set-Cookie")
        .map(|(_, v)| v.clone())
        .unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let page = env.service.handle(&Incoming {
        method: "GET".into(),
        url: "/".into(),
        headers: vec![("cookie".into(), format!("recall_token={TOKEN}"))],
        body: Some(Vec::new()),
    });
    assert_eq!(page.status, 200);
    assert!(page.text().contains("/app.js"));
    let wrong = env.service.handle(&Incoming {
        method: "GET".into(),
        url: "/?token=nope".into(),
        ..Incoming::default()
    });
    assert_eq!(wrong.status, 401);
}

#[test]
fn a_whole_session_through_the_api_saves_each_answer() {
    let env = env();
    let (status, next) = env.ask(get("/api/next"));
    assert_eq!(status, 200);
    assert_eq!(next["left"]["new"], 5);
    let mut seen = Vec::new();
    let mut next = next;
    for n in 1..=5 {
        let card = &next["card"];
        assert!(card["question_html"].as_str().unwrap().contains('?'));
        assert_eq!(card["buttons"].as_array().unwrap().len(), 4);
        let id = card["id"].as_i64().unwrap();
        seen.push(id);
        let (status, after) = env.ask(post(
            "/api/answer",
            &format!("{{\"card\": {id}, \"grade\": 4}}"),
        ));
        assert_eq!(status, 200, "{after}");
        assert_eq!(
            env.answers(),
            n,
            "answer {n} is in the database when the reply comes"
        );
        next = after;
    }
    assert!(next["card"].is_null(), "{next}");
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 5);
    // Done stays done (the cards are not due again today).
    let (_, again) = env.ask(get("/api/next"));
    assert!(again["card"].is_null());
}

#[test]
fn undo_takes_the_last_answer_back() {
    let env = env();
    let (_, first) = env.ask(get("/api/next"));
    let id = first["card"]["id"].as_i64().unwrap();
    env.ask(post(
        "/api/answer",
        &format!("{{\"card\": {id}, \"grade\": 3}}"),
    ));
    assert_eq!(env.answers(), 1);
    let (status, back) = env.ask(post("/api/undo", "{}"));
    assert_eq!(status, 200);
    assert_eq!(env.answers(), 0);
    assert_eq!(
        back["card"]["id"].as_i64(),
        Some(id),
        "the card shows again"
    );
    assert!(back["messages"][0].as_str().unwrap().contains("Undone"));
}

#[test]
fn bad_requests_get_clear_errors() {
    let env = env();
    let (_, first) = env.ask(get("/api/next"));
    let id = first["card"]["id"].as_i64().unwrap();
    let (status, e) = env.ask(post("/api/answer", "{\"card\": 999, \"grade\": 3}"));
    assert_eq!(status, 409);
    assert!(e["error"].as_str().unwrap().contains("999"));
    let (status, _) = env.ask(post(
        "/api/answer",
        &format!("{{\"card\": {id}, \"grade\": 7}}"),
    ));
    assert_eq!(status, 400);
    let (status, _) = env.ask(post("/api/answer", "not json"));
    assert_eq!(status, 400);
    let mut big = post("/api/answer", "");
    big.body = None;
    assert_eq!(env.service.handle(&big).status, 413);
    let mut form = post("/api/answer", &format!("{{\"card\": {id}, \"grade\": 3}}"));
    form.headers[1].1 = "application/x-www-form-urlencoded".into();
    assert_eq!(env.service.handle(&form).status, 415);
    let mut other_site = post("/api/answer", &format!("{{\"card\": {id}, \"grade\": 3}}"));
    other_site
        .headers
        .push(("origin".into(), "http://evil.example".into()));
    other_site
        .headers
        .push(("host".into(), "127.0.0.1:7117".into()));
    assert_eq!(env.service.handle(&other_site).status, 403);
    assert_eq!(env.service.handle(&get("/api/answer")).status, 405);
    assert_eq!(env.service.handle(&post("/api/next", "{}")).status, 405);
    assert_eq!(env.service.handle(&get("/nothing")).status, 404);
    assert_eq!(env.service.handle(&post("/media/1/x", "{}")).status, 405);
    // Undo names the card it means: another's is not undone.
    let (status, _) = env.ask(post("/api/undo", "{\"card\": 999}"));
    assert_eq!(status, 409);
    assert_eq!(env.answers(), 0, "none of them saved anything");
}

/// Buries cards until the one whose question contains `text` shows; its id and question.
fn show_card(env: &Env, text: &str) -> (i64, String) {
    for _ in 0..5 {
        let (_, next) = env.ask(get("/api/next"));
        let card = &next["card"];
        let html = card["question_html"].as_str().unwrap();
        if html.contains(text) {
            return (card["id"].as_i64().unwrap(), html.to_string());
        }
        let id = card["id"].as_i64().unwrap();
        env.ask(post("/api/bury", &format!("{{\"card\": {id}}}")));
    }
    panic!("no card shows {text}");
}

#[test]
fn only_the_shown_cards_own_images_are_served() {
    let env = env();
    let (id, html) = show_card(&env, "colour");
    let src = html
        .split("src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    assert!(src.starts_with(&format!("/media/{id}/")), "{html}");
    let reply = env.service.handle(&get(&src));
    assert_eq!(reply.status, 200);
    assert_eq!(reply.content_type, "image/png");
    // Paths the card does not show, however written, are refused.
    let hex = |s: &str| ImageRef::Note(s.into()).encode();
    for path in [
        format!("/media/{id}/{}", hex("../secret.png")),
        format!("/media/{id}/{}", hex("%2e%2e/secret.png")),
        format!("/media/{id}/{}", hex("..%2fsecret.png")),
        format!("/media/{id}/{}", hex("/etc/passwd")),
        format!("/media/{id}/../../secret.png"),
        format!("/media/{id}/%2e%2e%2fsecret.png"),
        format!("/media/{}/{}", id + 1, hex("red.png")),
        "/media/".to_string(),
        "/notes/".to_string(),
    ] {
        let reply = env.service.handle(&get(&path));
        assert_eq!(reply.status, 404, "{path}");
    }
    let _ = &env.dir;
}

#[cfg(unix)]
#[test]
fn an_image_linked_out_of_the_notes_is_refused() {
    let env = env();
    let (id, _) = show_card(&env, "Which file");
    let src = format!("/media/{id}/{}", ImageRef::Note("evil.png".into()).encode());
    let reply = env.service.handle(&get(&src));
    assert_eq!(reply.status, 404, "{}", reply.text());
}

#[test]
fn anki_media_comes_from_the_media_folder_only() {
    let env = env();
    let (id, _) = show_card(&env, "animal");
    let media = |name: &str| format!("/media/{id}/{}", ImageRef::Media(name.into()).encode());
    let reply = env.service.handle(&get(&media("cat.png")));
    assert_eq!(reply.status, 200, "{}", reply.text());
    let Body::File(mut file) = reply.body else {
        panic!("an image is a file")
    };
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut file, &mut bytes).unwrap();
    assert_eq!(bytes, b"\x89PNG cat");
    // Named on the card, but not a plain file name of the media folder.
    assert_eq!(
        env.service.handle(&get(&media("../secret.png"))).status,
        404
    );
}

#[test]
fn a_note_naming_a_file_out_of_its_folder_gets_nothing() {
    let env = env();
    let (id, html) = show_card(&env, "way out");
    let sources: Vec<&str> = html
        .split("src=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(sources.len(), 3, "{html}");
    for src in sources {
        assert!(src.starts_with(&format!("/media/{id}/")));
        // The card names them, so only the check of where they are refuses them.
        assert_eq!(env.service.handle(&get(src)).status, 404, "{src}");
    }
}

#[test]
fn two_answers_to_one_card_at_once_save_one() {
    for _ in 0..20 {
        let env = env();
        let (_, next) = env.ask(get("/api/next"));
        let id = next["card"]["id"].as_i64().unwrap();
        let body = format!("{{\"card\": {id}, \"grade\": 4}}");
        let mut statuses: Vec<u16> = std::thread::scope(|scope| {
            let a = scope.spawn(|| env.service.handle(&post("/api/answer", &body)).status);
            let b = scope.spawn(|| env.service.handle(&post("/api/answer", &body)).status);
            vec![a.join().unwrap(), b.join().unwrap()]
        });
        statuses.sort();
        assert_eq!(
            statuses,
            [200, 409],
            "one answers, the other is told the card moved on"
        );
        assert_eq!(env.answers(), 1);
    }
}
