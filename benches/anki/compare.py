"""recall and Anki side by side, in one run, on the same collection.

    python3 benches/anki/compare.py [--cards N] [--smoke] [--recall BIN] [--python PY]

Builds one collection from one seed: a recall database (cards in decks, a review log over
300 days ending now, states rebuilt by `recall rebuild`), then the same collection in Anki by
importing the package `recall export --apkg` writes (cards, states, revlog, FSRS parameters).
Then times each path on both sides and prints a Markdown table: recall's figure, Anki's, and
the ratio. recall is timed as whole processes of the real binary; Anki in process through its
own library (`pip install anki`), so Python's start is not counted against it.

- first card: `recall review --plain` from spawn to the first question on stdout, median of
  5; Anki: in a process of its own, from after Python and Anki's modules are loaded to the
  first queued card's question rendered (its backend's start and the collection's open),
  median of 5.
- grade → next card: through the running `recall review --plain` (Enter, `3`; until the next
  question is printed), p50 of the answers; Anki: `answerCard(card, 3)`, the next card, its
  question rendered.
- stats: `recall stats --json` (a process), median of 3; Anki: the statistics screen's data
  (`graphs`), median of 3.
- optimize: `recall optimize` (a process, which also recomputes every card's memory with the
  fitted parameters), median of 3; Anki: the deck options' FSRS fit, median of 3.

The venv with Anki's library is made once (beside the tests' one, `target/tmp/anki-VERSION-venv`)
unless `--python` names one. `--smoke` is a small collection for CI (seconds); the default is
100,000 cards. recall is `target/release/recall` (built with `cargo build --release`) unless
`--recall` names a binary. The collections are removed at the end (`--keep` keeps them).
"""

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

ANKI = "26.9.3"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DAY_MS = 86_400_000


def venv_python():
    venv = os.path.join(ROOT, "target", "tmp", f"anki-{ANKI}-venv")
    python = os.path.join(venv, "bin", "python")
    check = [python, "-c", "import anki.collection"]
    if os.path.exists(python) and subprocess.run(check, capture_output=True).returncode == 0:
        return python
    subprocess.run([sys.executable, "-m", "venv", "--clear", venv], check=True)
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"anki=={ANKI}"],
        check=True,
    )
    return python


def build(db, cards, decks, days, seed, now_ms):
    """A recall database with `cards` cards and a seeded review log of `days` days to now."""
    rng = random.Random(seed)
    c = sqlite3.connect(db)
    # A large cache: the log's time index is written in random order.
    c.execute("PRAGMA cache_size = -1048576")
    c.execute("BEGIN")
    c.executemany(
        "INSERT INTO decks (id, name, created_at) VALUES (?, 'notes/deck' || ?, 0)",
        [(d, d) for d in range(1, decks + 1)],
    )
    c.executemany(
        "INSERT INTO cards (id, deck_id, key, kind, question, answer, context, line, position,"
        " created_at, updated_at, studied)"
        " VALUES (?1, 1 + ?1 % ?2, printf('%016x', ?1), 'basic',"
        " 'What does the **term ' || ?1 || '** mean in `code`?', 'its meaning, number ' || ?1,"
        " 'notes › section ' || (?1 % 37), ?1, ?1, 0, 0, 1)",
        [(i, decks) for i in range(1, cards + 1)],
    )
    first_day = now_ms // DAY_MS - days
    rows = []
    for card in range(1, cards + 1):
        # Started evenly over the first half; intervals ×2.5 on success, back to 1 on a lapse.
        day = first_day + (card * days // 2) // cards
        # Each card studied until some day of the last 60 (so some are due now, overdue).
        last_day = first_day + days - 1 - rng.randrange(60)
        interval, state = 1, "new"
        while day <= last_day:
            at = day * DAY_MS + 9 * 3_600_000 + rng.randrange(12 * 3_600_000)
            if at >= now_ms:
                break
            lapse = state != "new" and rng.random() < 0.1
            rating = 1 if lapse else rng.choices([2, 3, 4], [0.15, 0.7, 0.15])[0]
            rows.append((card, at, rating, state))
            state = "review"
            interval = 1 if lapse else max(1, round(interval * 2.5))
            day += interval
    c.executemany(
        "INSERT INTO reviews (card_id, reviewed_at, rating, duration_ms, state_before,"
        " state_after, due_after) VALUES (?, ?, ?, 6000, ?, 'review', ? + 86400000)",
        [(card, at, rating, state, at) for card, at, rating, state in rows],
    )
    c.execute("COMMIT")
    c.close()
    return len(rows)


def recall_run(recall, env, *args):
    start = time.perf_counter()
    out = subprocess.run([recall, *args], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"recall {' '.join(args)} failed: {out.stderr}")
    return elapsed


def recall_review(recall, env, db, answers):
    """(first card seconds, [grade → next card seconds]) through `recall review --plain`."""
    start = time.perf_counter()
    p = subprocess.Popen(
        [recall, "--db", db, "review", "--plain", "--no-sync"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )

    def next_question():
        # A card is a "── " header line, then its question.
        for line in p.stdout:
            if line.startswith("── "):
                return p.stdout.readline()
        return None

    if next_question() is None:
        sys.exit("recall review showed no card (nothing due now?)")
    first = time.perf_counter() - start
    latencies = []
    try:
        for _ in range(answers):
            t = time.perf_counter()
            p.stdin.write("\n3\n")
            p.stdin.flush()
            if next_question() is None:
                break
            latencies.append(time.perf_counter() - t)
        p.stdin.write("q\n")
        p.stdin.close()
    except BrokenPipeError:
        pass  # the session ended: no card left
    p.wait()
    return first, latencies


ANKI_SIDE = r"""
import json, sys, time
from anki.collection import Collection
from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

command, path = sys.argv[1], sys.argv[2]
if command == "import":
    col = Collection(path)
    col.set_config("fsrs", True)
    col.import_anki_package(ImportAnkiPackageRequest(
        package_path=sys.argv[3],
        options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True)))
    print(json.dumps({"cards": col.card_count(), "revlog": col.db.scalar("select count() from revlog"),
                      "due": len(col.find_cards("is:due"))}))
    col.close()
    sys.exit()
answers = int(sys.argv[3])
out = {}
col = Collection(path)
# Study every deck, as `recall review` does: the top deck over them all.
tops = {d.name.split("::")[0] for d in col.decks.all_names_and_ids()} - {"Default"}
col.decks.select(col.decks.id_for_name(sorted(tops)[0]))
card = col.sched.getCard()
lat = []
for _ in range(answers):
    if card is None:
        break
    t = time.perf_counter()
    card.start_timer()
    col.sched.answerCard(card, 3)
    card = col.sched.getCard()
    if card is not None:
        card.question()
    lat.append(time.perf_counter() - t)
out["answers"] = lat
runs = []
for _ in range(3):
    t = time.perf_counter()
    col._backend.graphs(search="", days=365)
    runs.append(time.perf_counter() - t)
out["stats"] = sorted(runs)[1]
runs = []
for _ in range(3):
    t = time.perf_counter()
    col._backend.compute_fsrs_params(search="", current_params=[], ignore_revlogs_before_ms=0,
                                     num_of_relearning_steps=1, health_check=False)
    runs.append(time.perf_counter() - t)
out["optimize"] = sorted(runs)[1]
col.close()
print(json.dumps(out))
"""


# Anki's first card in a process of its own: from after Python and Anki's modules are loaded
# (not counted) to the first question rendered: the backend's start and the collection's open.
ANKI_FIRST = r"""
import sys, time
from anki.collection import Collection
start = time.perf_counter()
col = Collection(sys.argv[1])
tops = {d.name.split("::")[0] for d in col.decks.all_names_and_ids()} - {"Default"}
col.decks.select(col.decks.id_for_name(sorted(tops)[0]))
col.sched.getCard().question()
print(time.perf_counter() - start)
col.close()
"""


def anki_first(python, col):
    runs = []
    for _ in range(5):
        out = subprocess.run([python, "-c", ANKI_FIRST, col], capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"Anki's first card failed: {out.stderr}")
        runs.append(float(out.stdout))
    return sorted(runs)[2]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cards", type=int, default=100_000)
    ap.add_argument("--smoke", action="store_true", help="a small collection (for CI)")
    ap.add_argument("--recall", help="the recall binary (default: target/release/recall)")
    ap.add_argument("--python", help="a Python with Anki's library (default: a venv made here)")
    ap.add_argument("--answers", type=int, default=200)
    ap.add_argument("--keep", action="store_true", help="keep the collections (the folder is named)")
    args = ap.parse_args()
    cards, answers = (500, 20) if args.smoke else (args.cards, args.answers)
    recall = args.recall
    if recall is None:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        recall = os.path.join(ROOT, "target", "release", "recall")
    python = args.python or venv_python()

    work = tempfile.mkdtemp(prefix="recall-anki-compare-")
    try:
        run(args, recall, python, work, cards, answers)
    finally:
        if args.keep:
            print(f"(kept in {work})", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def run(args, recall, python, work, cards, answers):
    env = dict(os.environ, XDG_CONFIG_HOME=work, XDG_DATA_HOME=work, NO_COLOR="1")
    db = os.path.join(work, "recall.db")
    # A new database, as an import makes one (the commands that only read do not), left empty
    # for `build` to fill.
    empty = os.path.join(work, "empty.md")
    open(empty, "w").close()
    recall_run(recall, env, "--db", db, "import", empty)
    c = sqlite3.connect(db)
    c.execute("DELETE FROM sources")
    c.execute("DELETE FROM decks")
    c.commit()
    c.close()
    now_ms = int(time.time() * 1000)
    t = time.perf_counter()
    logged = build(db, cards, max(1, cards // 1000), 300, 1, now_ms)
    recall_run(recall, env, "--db", db, "rebuild")
    package = os.path.join(work, "collection.apkg")
    recall_run(recall, env, "--db", db, "export", "--apkg", package)
    col = os.path.join(work, "anki", "collection.anki2")
    os.makedirs(os.path.dirname(col))
    made = subprocess.run([python, "-c", ANKI_SIDE, "import", col, package],
                          capture_output=True, text=True)
    if made.returncode != 0:
        sys.exit(f"Anki could not import the package: {made.stderr}")
    anki_made = json.loads(made.stdout)
    built = time.perf_counter() - t

    # Anki first (its collection is a copy of its own); recall's database is untouched by it.
    # The first card before any answer (the day's review limit would end the queue).
    os.sync()
    first_anki = anki_first(python, col)
    timed = subprocess.run([python, "-c", ANKI_SIDE, "time", col, str(answers)],
                           capture_output=True, text=True)
    if timed.returncode != 0 or not timed.stdout.strip():
        sys.exit(f"Anki's side failed ({timed.returncode}): {timed.stdout} {timed.stderr}")
    anki = json.loads(timed.stdout)
    anki["first"] = first_anki
    firsts = sorted(recall_review(recall, env, db, 0)[0] for _ in range(5))
    # The day's first run left a backup of the database being written out: flushed first, so
    # its writes do not share the disk with the answers' fsyncs.
    os.sync()
    _, latencies = recall_review(recall, env, db, answers)
    first = firsts[2]
    stats = sorted(recall_run(recall, env, "--db", db, "stats", "--json") for _ in range(3))[1]
    optimize = sorted(recall_run(recall, env, "--db", db, "optimize") for _ in range(3))[1]

    def p50(xs):
        return statistics.median(xs) if xs else float("nan")

    rows = [
        ("process start → first card shown, median of 5 (Anki: collection open → first question)",
         first, anki["first"]),
        (f"grade → next card shown, p50 of {len(latencies)} (Anki: {len(anki['answers'])})",
         p50(latencies), p50(anki["answers"])),
        ("statistics, median of 3 (`recall stats --json`; Anki: the statistics screen's data)",
         stats, anki["stats"]),
        ("fit FSRS, median of 3 (`recall optimize`, which also recomputes every card's memory; "
         "Anki: the deck options' optimizer)", optimize, anki["optimize"]),
    ]
    load = os.getloadavg()[0]
    print(f"## recall and Anki {ANKI} side by side (`python3 benches/anki/compare.py"
          f"{' --smoke' if args.smoke else ''}`)")
    print()
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {load:.2f}, "
          f"{os.cpu_count()} cores. Collection: {cards} cards, {logged} answers over 300 days "
          f"(built and imported into Anki in {built:.1f} s: {anki_made['cards']} cards, "
          f"{anki_made['revlog']} revlog rows, {anki_made['due']} due there).")
    print()
    print("| figure | recall | Anki | recall / Anki |")
    print("| --- | --- | --- | --- |")
    for what, ours, theirs in rows:
        print(f"| {what} | {ours * 1000:.2f} ms | {theirs * 1000:.2f} ms | {ours / theirs:.2f} |")


if __name__ == "__main__":
    main()
