// recall serve: the review page's script. It asks the server for the card shown, reveals the
// answer on a tap or Space, and sends grades, undo, suspend and bury (the terminal's keys).
"use strict";

const $ = (id) => document.getElementById(id);
let card = null;
let revealed = false;
let busy = false;

async function call(method, path, body) {
  const options = { method, headers: { Accept: "application/json" }, credentials: "same-origin" };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const data = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) {
    const error = new Error(data.error || response.statusText);
    error.status = response.status;
    throw error;
  }
  return data;
}

function say(text) {
  $("message").textContent = text || "";
}

function show(data) {
  card = data.card;
  revealed = false;
  const left = data.left;
  $("left").textContent = `${left.new} new · ${left.learning} learning · ${left.review} review`;
  say((data.messages || []).join(" "));
  const done = card === null;
  $("done").hidden = !done;
  $("question").hidden = done;
  $("controls").hidden = done;
  $("answer").hidden = true;
  $("grades").hidden = true;
  $("show").hidden = done;
  $("place").textContent = done ? "" : card.place;
  if (done) return;
  // The server renders both sides from the notes and escapes their text.
  $("question").innerHTML = card.question_html;
  $("answer").innerHTML = card.answer_html;
  const grades = $("grades");
  grades.replaceChildren();
  for (const b of card.buttons) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = `grade g${b.grade}`;
    button.dataset.grade = b.grade;
    const label = document.createElement("span");
    label.textContent = b.label;
    const interval = document.createElement("small");
    interval.textContent = b.interval;
    const key = document.createElement("kbd");
    key.textContent = b.grade;
    button.append(label, interval, key);
    button.addEventListener("click", () => grade(b.grade));
    grades.append(button);
  }
}

function reveal() {
  if (!card || revealed) return;
  revealed = true;
  $("answer").hidden = false;
  $("grades").hidden = false;
  $("show").hidden = true;
  const first = $("grades").querySelector("button.g3");
  if (first) first.focus();
}

async function act(path, body) {
  if (busy) return;
  busy = true;
  try {
    show(await call("POST", path, body));
  } catch (e) {
    if (e.status === 409) {
      // Another client moved the session on: show where it stands.
      await load();
    }
    say(e.message);
  } finally {
    busy = false;
  }
}

function grade(g) {
  if (card && revealed) act("/api/answer", { card: card.id, grade: g });
}

async function load() {
  try {
    show(await call("GET", "/api/next"));
  } catch (e) {
    say(e.message);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("show").addEventListener("click", reveal);
  $("question").addEventListener("click", reveal);
  const undo = () => act("/api/undo", card ? { card: card.id } : {});
  $("undo").addEventListener("click", undo);
  $("bury").addEventListener("click", () => card && act("/api/bury", { card: card.id }));
  $("suspend").addEventListener("click", () => card && act("/api/suspend", { card: card.id }));
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === " " || e.key === "Enter") {
      if (!revealed) {
        e.preventDefault();
        reveal();
      } else if (e.target === document.body) {
        e.preventDefault();
        grade(3);
      }
    } else if (revealed && e.key >= "1" && e.key <= "4") {
      grade(Number(e.key));
    } else if (e.key === "u") {
      undo();
    } else if (e.key === "b" && card) {
      act("/api/bury", { card: card.id });
    } else if (e.key === "s" && card) {
      act("/api/suspend", { card: card.id });
    }
  });
  load();
});
