//! Writing recall's cards and log as an Anki collection (schema 11, the layout every Anki since
//! 2.1.50 imports and upgrades): one note per card (Cloze or Basic, Markdown rendered to HTML,
//! the context above the question, a GUID from the card's key so a second export updates the
//! first), each card's schedule and FSRS memory state, the whole log as `revlog`, and the
//! FSRS parameters and desired retention in the deck options.

use super::collection::NoteType;
use super::columns::{
    last_reviews, memory_data, params_in_use, revlog_rows, round4, schedule_row, set_last_review,
    RevlogRow,
};
use super::outgoing::Outgoing;
use super::plan::exported_guid;
use crate::error::{Error, Result};
use crate::model::{AnkiOrigin, CardId, CardKind};
use crate::schedule::{CardSchedule, Phase, Scheduler};
use crate::store::anki::{AnswerOut, CardOut};
use rusqlite::{params, Connection};
use serde_json::json;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

const SCHEMA: &str = include_str!("schema11.sql");
const INDEXES: &str = include_str!("schema11_indexes.sql");

/// The note types' ids (fixed, so exports into one collection share them).
pub const BASIC_ID: i64 = 1_735_000_000_001;
pub const CLOZE_ID: i64 = 1_735_000_000_002;
/// The deck options (a preset of its own, so Anki imports it rather than keeping its Default).
const DECK_CONFIG_ID: i64 = 1_735_000_000_100;
/// Exported notes' and cards' ids are this (2020-09-13 in ms) plus the card's id.
const ID_BASE: i64 = 1_600_000_000_000;

/// The id an export gives recall's card `id` in Anki (its note's too).
pub(super) fn exported_card_id(id: CardId) -> i64 {
    ID_BASE + id.0
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Written {
    pub notes: usize,
    pub cards: usize,
    pub revlog: usize,
    pub decks: usize,
}

/// Writes the collection file at `path` (a new file).
pub fn write_collection(
    path: &Path,
    out: &Outgoing,
    scheduler: &Scheduler,
    now: i64,
) -> Result<Written> {
    let db = |source| Error::Db {
        path: path.to_path_buf(),
        source,
    };
    let mut conn = Connection::open(path).map_err(db)?;
    conn.execute_batch(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -32768;",
    )
    .map_err(db)?;
    let tx = conn.transaction().map_err(db)?;
    let written = fill(
        &tx,
        &out.cards,
        &out.origins,
        &out.states,
        &out.log,
        &out.resets,
        scheduler,
        now,
    )
    .map_err(db)?;
    tx.commit().map_err(db)?;
    Ok(written)
}

#[allow(clippy::too_many_arguments)]
fn fill(
    conn: &Connection,
    cards: &[CardOut],
    origins: &HashMap<CardId, (AnkiOrigin, NoteType)>,
    states: &HashMap<CardId, CardSchedule>,
    log: &[AnswerOut],
    resets: &[(CardId, i64)],
    scheduler: &Scheduler,
    now: i64,
) -> rusqlite::Result<Written> {
    let config = scheduler.config();
    conn.execute_batch(SCHEMA)?;
    let kept: HashSet<CardId> = cards.iter().map(|c| c.id).collect();
    // Day numbers count from the study day of the collection's creation: the first answer's.
    let first = log
        .iter()
        .map(|a| a.at)
        .chain(cards.iter().map(|c| c.created_at))
        .min()
        .unwrap_or(now)
        .min(now);
    let crt_day = scheduler.study_day(first);
    let crt = scheduler.day_start(crt_day) / 1000;
    // Where Anki counts days from: crt's local date in this zone (minutes west of UTC).
    let creation_offset = -i64::from(config.zone.offset_at(crt * 1000)) / 60;
    let day_number = |t: i64| scheduler.study_day(t) - crt_day;
    // Ids: Anki's are creation times in ms; a card's is a fixed one plus its id, the same in
    // every export.
    // A card that came from Anki keeps its id there.
    let anki_id = |id: CardId| {
        origins
            .get(&id)
            .map_or(exported_card_id(id), |o| o.0.anki_card)
    };
    let deck_ids = decks(cards);
    let mut written = Written {
        decks: deck_ids.len(),
        ..Written::default()
    };
    let secs = now / 1000;
    // A card from Anki goes back to its note (written once, a note's other cards finding it
    // there), in its template; recall's own card is a note of its own (its id the card's).
    let mut note = conn.prepare(
        "INSERT OR IGNORE INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)
         VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')",
    )?;
    let mut card_row = conn.prepare(
        "INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps,
                            lapses, left, odue, odid, flags, data)
         VALUES (?1, ?13, ?2, ?14, ?3, -1, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, 0, 0, ?12)",
    )?;
    let params_in_use = params_in_use(scheduler);
    let decay = params_in_use.get(20).copied().unwrap_or(0.1542);
    // The revlog rows first: a card's last review in its data is the one they say.
    let rows = revlog_rows(log, resets, &kept, &anki_id, scheduler);
    let last_reviews = last_reviews(&rows);
    for (n, c) in cards.iter().enumerate() {
        let origin = origins.get(&c.id).map(|o| &o.0);
        // The note: (id, GUID, note type, last change, tags, fields), and its template.
        let (nid, guid, mid, mtime, tags, fields, ord) = match origin {
            Some(o) => (
                o.note_id,
                o.guid.clone(),
                o.notetype,
                o.mtime,
                o.tags.clone(),
                o.fields.clone(),
                o.ord,
            ),
            None => {
                let (mid, fields) = note_fields(c);
                let guid = exported_guid(&c.deck, &c.key);
                (
                    anki_id(c.id),
                    guid,
                    mid,
                    secs,
                    tags_field(c),
                    fields.join("\u{1f}"),
                    0,
                )
            }
        };
        let first = fields.split('\u{1f}').next().unwrap_or("");
        let sort = crate::display::plain(&super::text::html_to_text(first));
        written.notes += note.execute(params![
            nid,
            guid,
            mid,
            mtime,
            tags,
            fields,
            sort,
            checksum(&sort)
        ])?;
        let s = states.get(&c.id).copied().unwrap_or(CardSchedule::NEW);
        let row = schedule_row(&s, n as i64 + 1, &day_number, config, now);
        let mut data = serde_json::Map::new();
        if s.phase == Phase::New {
            data.insert("pos".into(), json!(n + 1));
        }
        memory_data(&s, config.desired_retention, decay, &mut data);
        set_last_review(&mut data, last_reviews.get(&anki_id(c.id)));
        let data = serde_json::Value::Object(data).to_string();
        let queue = if c.suspended { -1 } else { row.queue };
        let deck = deck_ids[c.deck.as_str()];
        card_row.execute(params![
            anki_id(c.id),
            deck,
            secs,
            row.kind,
            queue,
            row.due,
            row.ivl,
            row.factor,
            s.reps,
            s.lapses,
            row.left,
            data,
            nid,
            ord
        ])?;
        written.cards += 1;
    }
    written.revlog = revlog(conn, &rows)?;
    let next_pos = cards.len() + 1;
    conn.execute(
        "INSERT INTO col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags)
         VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')",
        params![
            crt,
            now,
            collection_config(next_pos, creation_offset, config.day_start_hour).to_string(),
            models_with(secs, origins).to_string(),
            decks_json(&deck_ids, secs).to_string(),
            deck_config(scheduler, &params_in_use, secs).to_string()
        ],
    )?;
    conn.execute_batch(INDEXES)?;
    Ok(written)
}

/// Writes the `revlog` rows ([`revlog_rows`]).
fn revlog(conn: &Connection, rows: &[RevlogRow]) -> rusqlite::Result<usize> {
    let mut row = conn.prepare(
        "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)
         VALUES (?1, ?2, -1, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for r in rows {
        row.execute(params![
            r.id, r.card, r.ease, r.ivl, r.last_ivl, r.factor, r.time, r.kind
        ])?;
    }
    Ok(rows.len())
}

/// A card's note type and fields as HTML: Cloze (`{{c1::…}}`) or Basic, and its context
/// (which the templates show small above the question).
fn note_fields(c: &CardOut) -> (i64, [String; 3]) {
    let context = crate::display::html(&c.context);
    let context = context
        .strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"))
        .unwrap_or(&context)
        .to_string();
    if c.kind == CardKind::Cloze {
        if let Some(text) = super::text::to_anki_cloze(&c.question, &c.answer) {
            return (CLOZE_ID, [text, String::new(), context]);
        }
    }
    (
        BASIC_ID,
        [
            crate::display::html_lines(&c.question),
            crate::display::html_lines(&c.answer),
            context,
        ],
    )
}

/// Anki's tags field: space-separated, with a space at each end.
fn tags_field(c: &CardOut) -> String {
    let tags: Vec<String> = c.tags.0.iter().map(|t| t.replace(' ', "_")).collect();
    if tags.is_empty() {
        String::new()
    } else {
        format!(" {} ", tags.join(" "))
    }
}

/// Anki's duplicate checksum: the first 8 hex digits of the SHA-1 of the sort field's text.
fn checksum(text: &str) -> i64 {
    let digest = sha1_smol::Sha1::from(text).digest().bytes();
    i64::from(u32::from_be_bytes([
        digest[0], digest[1], digest[2], digest[3],
    ]))
}

/// Anki's deck name for a recall deck: `a/b` → `a::b`.
fn anki_deck(name: &str) -> String {
    name.split('/').collect::<Vec<_>>().join("::")
}

/// Every deck the cards are in, with its parents, by recall name → Anki id.
fn decks(cards: &[CardOut]) -> BTreeMap<String, i64> {
    let mut names = std::collections::BTreeSet::new();
    for c in cards {
        let mut path = String::new();
        for part in c.deck.split('/') {
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(part);
            names.insert(path.clone());
        }
    }
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| (name, 1_735_000_001_000 + i as i64))
        .collect()
}

fn decks_json(decks: &BTreeMap<String, i64>, secs: i64) -> serde_json::Value {
    let deck = |id: i64, name: &str, m: i64| {
        json!({
            "id": id, "mod": m, "name": name, "usn": -1,
            "lrnToday": [0, 0], "revToday": [0, 0], "newToday": [0, 0], "timeToday": [0, 0],
            "collapsed": false, "browserCollapsed": false, "desc": "", "dyn": 0,
            "conf": DECK_CONFIG_ID, "extendNew": 0, "extendRev": 0
        })
    };
    let mut all = serde_json::Map::new();
    all.insert("1".into(), deck(1, "Default", 0));
    for (name, id) in decks {
        all.insert(id.to_string(), deck(*id, &anki_deck(name), secs));
    }
    serde_json::Value::Object(all)
}

fn minutes(steps: &[u32]) -> Vec<f64> {
    steps.iter().map(|s| f64::from(*s) / 60.0).collect()
}

/// The deck options: recall's steps, maximum interval, desired retention and FSRS parameters.
fn deck_config(scheduler: &Scheduler, params: &[f32], secs: i64) -> serde_json::Value {
    let c = scheduler.config();
    let params: Vec<f64> = params.iter().map(|p| round4(*p)).collect();
    json!({ DECK_CONFIG_ID.to_string(): {
        "id": DECK_CONFIG_ID, "mod": secs, "name": "recall", "usn": -1,
        "maxTaken": 60, "autoplay": true, "timer": 0, "replayq": true, "dyn": false,
        "new": {
            "bury": false, "delays": minutes(&c.learning_steps), "initialFactor": 2500,
            "ints": [1, 4, 0], "order": 1, "perDay": 20
        },
        "rev": {
            "bury": false, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": c.max_interval_days,
            "perDay": 200, "hardFactor": 1.2
        },
        "lapse": {
            "delays": minutes(&c.relearning_steps), "leechAction": 1, "leechFails": 8,
            "minInt": 1, "mult": 0.0
        },
        "fsrsParams6": params,
        "desiredRetention": round4(c.desired_retention),
        "easyDaysPercentages": c.easy_day_weights.iter().map(|w| round4(*w)).collect::<Vec<_>>()
    }})
}

fn collection_config(next_pos: usize, creation_offset: i64, rollover: u32) -> serde_json::Value {
    json!({
        "creationOffset": creation_offset, "rollover": rollover,
        "schedVer": 2, "sched2021": true, "fsrs": true, "nextPos": next_pos,
        "activeDecks": [1], "curDeck": 1, "curModel": BASIC_ID, "newSpread": 0,
        "collapseTime": 1200, "timeLim": 0, "estTimes": true, "dueCounts": true,
        "sortType": "noteFld", "sortBackwards": false, "addToCur": true,
        "dayLearnFirst": false
    })
}

/// Recall's note types and those of the cards that came from Anki (dated 0, so Anki keeps
/// its own copy of each: it compares them by id and by their fields' and templates' names).
fn models_with(secs: i64, origins: &HashMap<CardId, (AnkiOrigin, NoteType)>) -> serde_json::Value {
    let mut all = models(secs);
    for (_, t) in origins.values() {
        let fields: Vec<serde_json::Value> = (t.fields.iter().enumerate())
            .map(|(i, name)| {
                json!({
                    "name": name, "ord": i, "sticky": false, "rtl": false, "font": "Arial",
                    "size": 20, "description": "", "plainText": false, "collapsed": false,
                    "excludeFromSearch": false
                })
            })
            .collect();
        let templates: Vec<serde_json::Value> = (t.templates.iter().enumerate())
            .map(|(i, (name, q, a))| {
                json!({
                    "name": name, "ord": i, "qfmt": q, "afmt": a, "bqfmt": "", "bafmt": "",
                    "did": null, "bfont": "", "bsize": 0
                })
            })
            .collect();
        all[t.id.to_string()] = json!({
            "id": t.id, "name": t.name, "type": t.kind, "mod": 0, "usn": -1, "sortf": 0,
            "did": null, "tmpls": templates, "flds": fields, "css": t.css,
            "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
            "latexPost": "\\end{document}", "latexsvg": false, "req": [], "tags": [], "vers": []
        });
    }
    all
}

/// Recall's two note types, as Anki's stock Basic and Cloze with recall's names.
fn models(secs: i64) -> serde_json::Value {
    const CSS: &str = ".card { font-family: arial; font-size: 20px; line-height: 1.5; \
        text-align: center; color: black; background-color: white; }\n\
        .cloze { font-weight: bold; color: blue; }\n.nightMode .cloze { color: lightblue; }\n\
        .context { font-size: 14px; color: grey; margin-bottom: 0.5em; }\n\
        pre { text-align: left; }\n";
    let field = |name: &str, ord: u32| {
        json!({
            "name": name, "ord": ord, "sticky": false, "rtl": false, "font": "Arial",
            "size": 20, "description": "", "plainText": false, "collapsed": false,
            "excludeFromSearch": false
        })
    };
    let template = |name: &str, q: &str, a: &str| {
        json!({
            "name": name, "ord": 0, "qfmt": q, "afmt": a, "bqfmt": "", "bafmt": "",
            "did": null, "bfont": "", "bsize": 0
        })
    };
    let model = |id: i64, name: &str, kind: u32, fields: [&str; 2], tmpl: serde_json::Value| {
        let fields = [
            field(fields[0], 0),
            field(fields[1], 1),
            field("Context", 2),
        ];
        json!({
            "id": id, "name": name, "type": kind, "mod": secs, "usn": -1, "sortf": 0,
            "did": null, "tmpls": [tmpl], "flds": fields,
            "css": CSS, "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
            "latexPost": "\\end{document}", "latexsvg": false,
            "req": [[0, "any", [0]]], "tags": [], "vers": []
        })
    };
    const CONTEXT: &str = "{{#Context}}<div class=\"context\">{{Context}}</div>{{/Context}}";
    json!({
        BASIC_ID.to_string(): model(BASIC_ID, "Basic (recall)", 0, ["Front", "Back"],
            template("Card 1", &format!("{CONTEXT}{{{{Front}}}}"),
                "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}")),
        CLOZE_ID.to_string(): model(CLOZE_ID, "Cloze (recall)", 1, ["Text", "Back Extra"],
            template("Cloze", &format!("{CONTEXT}{{{{cloze:Text}}}}"),
                &format!("{CONTEXT}{{{{cloze:Text}}}}<br>\n{{{{Back Extra}}}}"))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_are_ankis() {
        // Anki's checksum of "q 1" (the sort field of a note Anki wrote).
        assert_eq!(checksum("q 1"), 1_701_136_232);
    }
}
