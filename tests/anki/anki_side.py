"""Anki's side of recall's Anki tests, run with Anki's own library (`pip install anki`).

    python anki_side.py read PACKAGE    import PACKAGE into a new collection, print what Anki has
    python anki_side.py write DIR       make a collection through Anki's scheduler, export it as
                                        DIR/made.apkg and DIR/made.colpkg, print what it holds
    python anki_side.py age COLLECTION,DAYS,DIR
                                        move a collection's study DAYS into the past (as if
                                        studied then), export it as DIR/aged.colpkg
    python anki_side.py media DIR       a note with an image and a sound, exported with its media
                                        as DIR/media.apkg (current) and DIR/media-legacy.apkg
    python anki_side.py study COLLECTION
                                        answer Good to every card due now, as Anki schedules
    python anki_side.py look COLLECTION open a collection as Anki does, print its cards and logs and
                                        what Anki's "Check Database" finds (it may fix it)
    python anki_side.py fit PACKAGE     import PACKAGE, fit FSRS to its review log as Anki's
                                        deck options do, print the parameters and item count

Output is JSON on stdout. The collections live in temporary folders.
"""

import json
import os
import sys
import tempfile

from anki.collection import Collection, ExportAnkiPackageOptions
from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest


def good_interval(col, cid):
    """What Good would give the card now: ("days", n) for a review, ("secs", n) for a step."""
    states = col._backend.get_scheduling_states(cid)
    normal = states.good.normal
    kind = normal.WhichOneof("kind")
    if kind == "review":
        return {"kind": "review", "days": normal.review.scheduled_days}
    if kind in ("learning", "relearning"):
        state = getattr(normal, kind)
        learning = state.learning if kind == "relearning" else state
        return {"kind": kind, "secs": learning.scheduled_secs}
    return {"kind": kind}


def read(package):
    folder = tempfile.mkdtemp(prefix="anki-read-")
    col = Collection(os.path.join(folder, "collection.anki2"))
    col.set_config("fsrs", True)
    request = ImportAnkiPackageRequest(
        package_path=package,
        options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True),
    )
    col.import_anki_package(request)
    cards = []
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        note = card.note()
        deck_config = col.decks.config_dict_for_deck_id(card.did)
        memory = card.memory_state
        cards.append(
            {
                "guid": note.guid,
                "deck": col.decks.name(card.did),
                "notetype": note.note_type()["name"],
                "fields": list(note.fields),
                "tags": list(note.tags),
                "type": card.type,
                "queue": card.queue,
                "due_in_days": card.due - col.sched.today if card.type == 2 else None,
                "ivl": card.ivl,
                "reps": card.reps,
                "lapses": card.lapses,
                "stability": memory.stability if memory else None,
                "difficulty": memory.difficulty if memory else None,
                "revlog": len(col.get_review_logs(cid)),
                # The card's data as stored (FSRS memory, `lrt`): what Anki's check reads.
                "data": col.db.scalar("select data from cards where id = ?", cid),
                "good": good_interval(col, cid),
                "fsrs_params": list(deck_config.get("fsrsParams6", [])),
                "desired_retention": deck_config.get("desiredRetention"),
            }
        )
    media_dir = col.media.dir()
    out = {
        "notes": col.note_count(),
        "cards": col.card_count(),
        "revlog": col.db.scalar("select count() from revlog"),
        "card_list": cards,
        "media": {
            name: open(os.path.join(media_dir, name), "rb").read() == {"cat.png": CAT, "hallo.mp3": HALLO}.get(name)
            for name in sorted(os.listdir(media_dir))
        },
    }
    col.close()
    return out


def write(folder):
    col = Collection(os.path.join(tempfile.mkdtemp(prefix="anki-write-"), "c.anki2"))
    col.set_config("fsrs", True)
    basic = col.models.by_name("Basic")
    reversed_ = col.models.by_name("Basic (and reversed card)")
    cloze = col.models.by_name("Cloze")
    python = col.decks.id("Lang::Python")
    rust = col.decks.id("Lang::Rust")

    def add(model, deck, fields, tags):
        note = col.new_note(model)
        for name, value in fields.items():
            note[name] = value
        note.tags = tags
        col.add_note(note, deck)
        return note

    add(basic, python, {"Front": "What does the <b>GIL</b> guard?", "Back": "bytecode"}, ["concurrency"])
    add(basic, python, {"Front": "asyncio runs tasks on", "Back": "an event loop<br>one thread"}, [])
    add(reversed_, rust, {"Front": "borrow checker", "Back": "enforces &amp; checks lifetimes"}, ["Memory::Safety"])
    add(cloze, rust, {"Text": "A {{c1::Box}} owns {{c2::heap data::where?}}"}, [])
    # Answers through Anki's scheduler: every card a few times, grades varied.
    grades = [[3, 3, 3], [1, 3, 3, 4], [3, 2], [4], [1, 1, 3, 3], [3, 3, 1, 3]]
    for cid, card_grades in zip(sorted(col.find_cards("")), grades):
        for ease in card_grades:
            card = col.get_card(cid)
            card.start_timer()
            col.sched.answerCard(card, ease)
    cids = sorted(col.find_cards(""))
    col.sched.suspend_cards([cids[1]])
    col.sched.schedule_cards_as_new([cids[3]], restore_position=True, reset_counts=False)
    col.export_anki_package(
        out_path=os.path.join(folder, "made.apkg"),
        options=ExportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=True, with_media=False, legacy=False
        ),
        limit=None,
    )
    col.export_collection_package(os.path.join(folder, "made.colpkg"), include_media=False, legacy=False)
    col = Collection(col.path)
    cards = []
    for cid in sorted(col.find_cards("")):
        card = col.get_card(cid)
        logs = col.db.all("select id, ease, type from revlog where cid = ? order by id", cid)
        cards.append(
            {
                "id": cid,
                "deck": col.decks.name(card.did),
                "ord": card.ord,
                "suspended": card.queue == -1,
                "type": card.type,
                "answers": [[i, e] for i, e, t in logs if e > 0],
                "resets": [i for i, e, t in logs if e == 0],
            }
        )
    out = {"cards": cards, "revlog": col.db.scalar("select count() from revlog"), "collection": col.path}
    col.close()
    return out


def into(args):
    """Imports a package into an existing collection (`COLLECTION,PACKAGE`), as a person does."""
    collection, package = args.split(",", 1)
    col = Collection(collection)
    col.import_anki_package(
        ImportAnkiPackageRequest(
            package_path=package,
            options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False),
        )
    )
    out = {
        "notes": col.note_count(),
        "cards": col.card_count(),
        "revlog": col.db.scalar("select count() from revlog"),
        "fields": [list(col.get_note(n).fields) for n in col.find_notes("")],
    }
    col.close()
    return out


def age(args):
    """Moves every date of a collection's study `days` back, so its cards fall due today."""
    path, days, folder = args.split(",", 2)
    secs = int(days) * 86400
    col = Collection(path)
    db = col.db
    db.execute("update col set crt = crt - ?", secs)
    db.execute("update revlog set id = id - ?", secs * 1000)
    # Learning steps are due at a time (seconds); day numbers count from `crt` and move with it.
    db.execute("update cards set due = due - ? where queue in (1, 4)", secs)
    db.execute("update cards set mod = mod - ?", secs)
    db.execute("update notes set mod = mod - ?", secs)
    for cid, data in db.all("select id, data from cards where data != ''"):
        value = json.loads(data)
        if "lrt" in value:
            value["lrt"] -= secs
            db.execute("update cards set data = ? where id = ?", json.dumps(value), cid)
    out = {"revlog": db.scalar("select count() from revlog")}
    # Exporting a whole collection closes it.
    col.export_collection_package(os.path.join(folder, "aged.colpkg"), include_media=False, legacy=False)
    return out


CAT = bytes(range(256)) * 40  # an image's bytes, as far as anyone checks
HALLO = b"ID3" + bytes(1000)


def media(folder):
    col = Collection(os.path.join(tempfile.mkdtemp(prefix="anki-media-"), "c.anki2"))
    basic = col.models.by_name("Basic")
    note = col.new_note(basic)
    note["Front"] = 'What animal is this? <img src="cat.png">'
    note["Back"] = "a cat [sound:hallo.mp3]"
    col.add_note(note, col.decks.id("Pets"))
    col.media.write_data("cat.png", CAT)
    col.media.write_data("hallo.mp3", HALLO)
    col.media.write_data("unused.png", b"not named by any note")
    for name, legacy in [("media.apkg", False), ("media-legacy.apkg", True)]:
        col.export_anki_package(
            out_path=os.path.join(folder, name),
            options=ExportAnkiPackageOptions(
                with_scheduling=True, with_deck_configs=False, with_media=True, legacy=legacy
            ),
            limit=None,
        )
    col.close()
    return {"cat": len(CAT), "hallo": len(HALLO)}


def study(path):
    """Answers Good to every card due in the collection now, through Anki's scheduler."""
    col = Collection(path)
    answered = 0
    for cid in sorted(col.find_cards("is:due")):
        card = col.get_card(cid)
        card.start_timer()
        col.sched.answerCard(card, 3)
        answered += 1
    col.close()
    return {"answered": answered}


def look(path):
    """What a collection holds, card by card, and whether Anki's own check finds it sound."""
    col = Collection(path)
    cards = []
    for cid in sorted(col.find_cards("")):
        card = col.get_card(cid)
        memory = card.memory_state
        cards.append(
            {
                "id": cid,
                "note": card.nid,
                "type": card.type,
                "queue": card.queue,
                "due": card.due,
                "ivl": card.ivl,
                "reps": card.reps,
                "lapses": card.lapses,
                "stability": memory.stability if memory else None,
                # When a review card falls due: the start of its day (Unix seconds).
                "due_at": col.sched.day_cutoff + (card.due - col.sched.today - 1) * 86400
                if card.type == 2
                else None,
                "revlog": len(col.get_review_logs(cid)),
                "good": good_interval(col, cid),
            }
        )
    out = {
        "notes": col.note_count(),
        "cards": col.card_count(),
        "revlog": col.db.scalar("select count() from revlog"),
        "card_list": cards,
        "pending_sync": col.db.scalar("select count() from revlog where usn = -1")
        + col.db.scalar("select count() from cards where usn = -1"),
    }
    problems, ok = col.fix_integrity()
    out["check_ok"] = ok
    out["check"] = problems
    col.close()
    return out


def fit(package):
    col = Collection(os.path.join(tempfile.mkdtemp(prefix="anki-fit-"), "c.anki2"))
    col.set_config("fsrs", True)
    col.import_anki_package(
        ImportAnkiPackageRequest(
            package_path=package,
            options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True),
        )
    )
    fitted = col._backend.compute_fsrs_params(
        search="",
        current_params=[],
        ignore_revlogs_before_ms=0,
        num_of_relearning_steps=1,
        health_check=False,
    )
    out = {"parameters": list(fitted.params), "items": fitted.fsrs_items}
    col.close()
    return out


if __name__ == "__main__":
    command, arg = sys.argv[1], sys.argv[2]
    result = {"read": read, "write": write, "fit": fit, "into": into, "look": look, "age": age, "study": study, "media": media}[command](arg)
    json.dump(result, sys.stdout, indent=1)
    print()
