//! Reading an Anki collection (an unpacked package's SQLite file) into plain data: decks by
//! name, which note types are cloze, notes, cards and the review log. Both layouts: schema 11
//! (note types and decks as JSON in `col`) and schema 18 (their own tables, protobuf configs).

use crate::error::{Error, Result};
use crate::schedule::SchedulerConfig;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// A note: its fields (HTML) and tags.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub id: i64,
    pub guid: String,
    pub notetype: i64,
    pub tags: Vec<String>,
    pub fields: Vec<String>,
    /// Every field as Anki stores them (joined by 0x1f), and the tags so, and its last change
    /// (Unix seconds): what goes back to Anki unchanged.
    pub raw_fields: String,
    pub raw_tags: String,
    pub mtime: i64,
}

/// A note type as Anki compares one (its fields' and templates' names), with what shows it.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct NoteType {
    pub id: i64,
    pub name: String,
    /// 1: cloze.
    pub kind: i64,
    pub fields: Vec<String>,
    /// (name, question format, answer format).
    pub templates: Vec<(String, String, String)>,
    pub css: String,
}

/// A card as Anki schedules it.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub id: i64,
    pub note: i64,
    /// Its home deck (the original one while it sits in a filtered deck).
    pub deck: i64,
    /// Template (or cloze number − 1).
    pub ord: u32,
    /// 0 new, 1 learning, 2 review, 3 relearning.
    pub kind: i64,
    /// −1 suspended, −2/−3 buried, 0 new, 1 learning, 2 review, 3 day-learning.
    pub queue: i64,
    /// New: position; review and day-learning: day number since the collection's creation;
    /// learning: Unix seconds.
    pub due: i64,
}

/// One row of the review log.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Review {
    /// Unix milliseconds: the answer's time.
    pub id: i64,
    pub card: i64,
    /// 1–4; 0 for manual changes.
    pub ease: i64,
    /// Days (positive) or seconds (negative) to the next review.
    pub ivl: i64,
    pub factor: i64,
    /// Milliseconds taken.
    pub time: i64,
    /// 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled.
    pub kind: i64,
}

/// What a collection holds, as recall reads it.
#[derive(Debug, Clone, Default)]
pub struct Collection {
    /// Creation time (Unix seconds): day numbers count from its day.
    pub crt: i64,
    /// The zone the collection was made in, minutes west of UTC, and the hour its days start
    /// at (Anki's `creationOffset` and `rollover`), where it says.
    pub creation_offset: Option<i64>,
    pub rollover: Option<i64>,
    /// Deck names, `A::B`.
    pub decks: HashMap<i64, String>,
    pub cloze_notetypes: HashSet<i64>,
    pub notetypes: HashMap<i64, NoteType>,
    pub notes: HashMap<i64, Note>,
    /// In id order.
    pub cards: Vec<Card>,
    /// By card, each card's in time order.
    pub revlog: Vec<Review>,
}

/// The study day Anki's day numbers count from, for a collection created at `crt` (Unix
/// seconds) `offset` minutes west of UTC (its `creationOffset`): crt's calendar date there (its
/// rollover moves "today", not it); without an offset (an older collection), the study day of
/// crt as recall counts days.
pub fn creation_day(crt: i64, offset: Option<i64>, days: &SchedulerConfig) -> i64 {
    let crt = crt.clamp(0, 4_102_444_800);
    match offset {
        Some(west) => {
            let local = crt.saturating_sub(west.clamp(-24 * 60, 24 * 60) * 60);
            local.div_euclid(86_400)
        }
        None => days.study_day(crt * 1000),
    }
}

/// An integer setting of a collection: from the `config` table (schema 18) or the `col`
/// row's `conf` JSON (schema 11); `tables` are the collection's table names.
pub fn setting(
    conn: &Connection,
    tables: &HashSet<String>,
    key: &str,
) -> rusqlite::Result<Option<i64>> {
    if tables.contains("config") {
        let v: Option<Vec<u8>> = conn
            .query_row("SELECT val FROM config WHERE KEY = ?1", [key], |r| r.get(0))
            .optional()?;
        return Ok(v.and_then(|v| serde_json::from_slice::<i64>(&v).ok()));
    }
    let conf: Option<String> = conn
        .query_row("SELECT conf FROM col", [], |r| r.get(0))
        .optional()?;
    Ok(conf
        .and_then(|c| serde_json::from_str::<serde_json::Value>(&c).ok())
        .and_then(|c| c.get(key).and_then(|v| v.as_i64())))
}

/// Reads the collection file at `path` (opened read-only; it is a temporary copy).
pub fn read(path: &Path) -> Result<Collection> {
    let db = |source| Error::Db {
        path: path.to_path_buf(),
        source,
    };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(db)?;
    // Anki's own collation, which schema 18's note type tables name (case aside, as Anki's).
    conn.create_collation("unicase", |a: &str, b: &str| {
        a.to_lowercase().cmp(&b.to_lowercase())
    })
    .map_err(db)?;
    let bad = |message: String| Error::Package {
        path: path.to_path_buf(),
        message,
    };
    let tables: HashSet<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| bad(format!("not an Anki collection ({e})")))?;
    for needed in ["col", "notes", "cards", "revlog"] {
        if !tables.contains(needed) {
            return Err(bad(format!("not an Anki collection (no `{needed}` table)")));
        }
    }
    let crt: Option<i64> = conn
        .query_row("SELECT crt FROM col", [], |r| r.get(0))
        .optional()
        .map_err(db)?;
    let mut c = Collection {
        crt: crt.ok_or_else(|| bad("not an Anki collection (its `col` table is empty)".into()))?,
        ..Collection::default()
    };
    if tables.contains("notetypes") && tables.contains("decks") {
        read_schema18_types(&conn, &mut c).map_err(db)?;
    } else {
        let (models, decks): (String, String) = conn
            .query_row("SELECT models, decks FROM col", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(db)?;
        read_schema11_types(&models, &decks, &mut c).map_err(bad)?;
    }
    c.creation_offset = setting(&conn, &tables, "creationOffset").map_err(db)?;
    c.rollover = setting(&conn, &tables, "rollover").map_err(db)?;
    read_rows(&conn, &mut c).map_err(db)?;
    Ok(c)
}

fn read_schema18_types(conn: &Connection, c: &mut Collection) -> rusqlite::Result<()> {
    let mut s = conn.prepare("SELECT id, CAST(name AS BLOB), config FROM notetypes")?;
    let mut rows = s.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let name: Vec<u8> = r.get(1)?;
        let config: Vec<u8> = r.get(2)?;
        // `Notetype.Config`: kind is field 1 (1 is cloze), css field 3.
        let kind = varint_field(&config, 1).unwrap_or(0) as i64;
        if kind == 1 {
            c.cloze_notetypes.insert(id);
        }
        c.notetypes.insert(
            id,
            NoteType {
                id,
                name: String::from_utf8_lossy(&name).into_owned(),
                kind,
                css: string_field(&config, 3).unwrap_or_default(),
                ..NoteType::default()
            },
        );
    }
    // Sorted here: the tables' `unicase` collation is Anki's own, unknown to this connection.
    let mut fields: Vec<(i64, i64, String)> = conn
        .prepare("SELECT ntid, ord, CAST(name AS BLOB) FROM fields")?
        .query_map([], |r| {
            let name: Vec<u8> = r.get(2)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                String::from_utf8_lossy(&name).into_owned(),
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    fields.sort_unstable_by_key(|f| (f.0, f.1));
    for (ntid, _, name) in fields {
        if let Some(t) = c.notetypes.get_mut(&ntid) {
            t.fields.push(name);
        }
    }
    // `Template.Config`: question format field 1, answer format field 2.
    let mut templates: Vec<(i64, i64, String, Vec<u8>)> = conn
        .prepare("SELECT ntid, ord, CAST(name AS BLOB), config FROM templates")?
        .query_map([], |r| {
            let name: Vec<u8> = r.get(2)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                String::from_utf8_lossy(&name).into_owned(),
                r.get(3)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    templates.sort_unstable_by_key(|t| (t.0, t.1));
    for (ntid, _, name, config) in templates {
        if let Some(t) = c.notetypes.get_mut(&ntid) {
            t.templates.push((
                name,
                string_field(&config, 1).unwrap_or_default(),
                string_field(&config, 2).unwrap_or_default(),
            ));
        }
    }
    let mut s = conn.prepare("SELECT id, name FROM decks")?;
    let mut rows = s.query([])?;
    while let Some(r) = rows.next()? {
        let name: String = r.get(1)?;
        c.decks.insert(r.get(0)?, name.replace('\u{1f}', "::"));
    }
    Ok(())
}

fn read_schema11_types(models: &str, decks: &str, c: &mut Collection) -> Result<(), String> {
    let models: HashMap<String, serde_json::Value> =
        serde_json::from_str(models).map_err(|e| format!("its note types cannot be read: {e}"))?;
    for (id, m) in models {
        let id: i64 = id.parse().unwrap_or_default();
        let kind = m.get("type").and_then(|t| t.as_i64()).unwrap_or(0);
        if kind == 1 {
            c.cloze_notetypes.insert(id);
        }
        let text = |v: &serde_json::Value, k: &str| {
            v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string()
        };
        let list = |k: &str| {
            m.get(k)
                .and_then(|x| x.as_array())
                .cloned()
                .unwrap_or_default()
        };
        c.notetypes.insert(
            id,
            NoteType {
                id,
                name: text(&m, "name"),
                kind,
                fields: list("flds").iter().map(|f| text(f, "name")).collect(),
                templates: list("tmpls")
                    .iter()
                    .map(|t| (text(t, "name"), text(t, "qfmt"), text(t, "afmt")))
                    .collect(),
                css: text(&m, "css"),
            },
        );
    }
    let decks: HashMap<String, serde_json::Value> =
        serde_json::from_str(decks).map_err(|e| format!("its decks cannot be read: {e}"))?;
    for (id, d) in decks {
        let name = d.get("name").and_then(|n| n.as_str()).unwrap_or("Default");
        c.decks
            .insert(id.parse().unwrap_or_default(), name.to_string());
    }
    Ok(())
}

fn read_rows(conn: &Connection, c: &mut Collection) -> rusqlite::Result<()> {
    let mut s = conn.prepare("SELECT id, guid, mid, tags, flds, mod FROM notes")?;
    let mut rows = s.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let tags: String = r.get(3)?;
        let fields: String = r.get(4)?;
        c.notes.insert(
            id,
            Note {
                id,
                guid: r.get(1)?,
                notetype: r.get(2)?,
                tags: tags.split_whitespace().map(str::to_string).collect(),
                // The first three are all recall reads (front, back, context).
                fields: fields.split('\u{1f}').take(3).map(str::to_string).collect(),
                raw_fields: fields,
                raw_tags: tags,
                mtime: r.get(5)?,
            },
        );
    }
    let mut s = conn.prepare(
        "SELECT id, nid, CASE WHEN odid <> 0 THEN odid ELSE did END, ord, type, queue,
                CASE WHEN odid <> 0 AND odue <> 0 THEN odue ELSE due END
           FROM cards ORDER BY id",
    )?;
    let mut rows = s.query([])?;
    while let Some(r) = rows.next()? {
        c.cards.push(Card {
            id: r.get(0)?,
            note: r.get(1)?,
            deck: r.get(2)?,
            ord: r.get(3)?,
            kind: r.get(4)?,
            queue: r.get(5)?,
            due: r.get(6)?,
        });
    }
    // In the table's order (a scan), sorted here: faster than through the card index.
    let mut s = conn.prepare("SELECT id, cid, ease, ivl, factor, time, type FROM revlog")?;
    let mut rows = s.query([])?;
    while let Some(r) = rows.next()? {
        c.revlog.push(Review {
            id: r.get(0)?,
            card: r.get(1)?,
            ease: r.get(2)?,
            ivl: r.get(3)?,
            factor: r.get(4)?,
            time: r.get(5)?,
            kind: r.get(6)?,
        });
    }
    c.revlog.sort_unstable_by_key(|r| (r.card, r.id));
    // A revlog id is one answer (Anki's primary key); a package whose table lacks the key
    // may tell it twice: it is taken once.
    let mut seen = std::collections::HashSet::with_capacity(c.revlog.len());
    c.revlog.retain(|r| seen.insert(r.id));
    Ok(())
}

/// A top-level field's value in a protobuf message.
enum Value<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    /// A fixed 32- or 64-bit value (not read).
    Fixed,
}

/// The top-level fields of a protobuf message in order, as (number, value); a malformed field
/// gives `None` and ends the walk.
struct Fields<'a> {
    rest: &'a [u8],
    broken: bool,
}

impl<'a> Fields<'a> {
    fn of(bytes: &'a [u8]) -> Self {
        Fields {
            rest: bytes,
            broken: false,
        }
    }

    fn field(&mut self) -> Option<(u64, Value<'a>)> {
        let key = read_varint(&mut self.rest)?;
        let value = match key & 7 {
            0 => Value::Varint(read_varint(&mut self.rest)?),
            1 | 5 => {
                let n = if key & 7 == 1 { 8 } else { 4 };
                self.rest = self.rest.get(n..)?;
                Value::Fixed
            }
            2 => {
                let len = usize::try_from(read_varint(&mut self.rest)?).ok()?;
                let value = self.rest.get(..len)?;
                self.rest = &self.rest[len..];
                Value::Bytes(value)
            }
            _ => return None,
        };
        Some((key >> 3, value))
    }
}

impl<'a> Iterator for Fields<'a> {
    type Item = Option<(u64, Value<'a>)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.broken || self.rest.is_empty() {
            return None;
        }
        let field = self.field();
        self.broken = field.is_none();
        Some(field)
    }
}

/// Every value of length-delimited field `number` at the top level of a protobuf message (a
/// repeated message field), in order; `None` when the message is malformed.
pub(super) fn length_fields(bytes: &[u8], number: u64) -> Option<Vec<&[u8]>> {
    let mut out = Vec::new();
    for field in Fields::of(bytes) {
        if let (n, Value::Bytes(v)) = field? {
            if n == number {
                out.push(v);
            }
        }
    }
    Some(out)
}

/// The text of length-delimited field `number` at the top level of a protobuf message, if
/// present (before any malformed field) and UTF-8.
pub(super) fn string_field(bytes: &[u8], number: u64) -> Option<String> {
    for field in Fields::of(bytes) {
        if let (n, Value::Bytes(v)) = field? {
            if n == number {
                return String::from_utf8(v.to_vec()).ok();
            }
        }
    }
    None
}

/// The value of varint field `number` at the top level of a protobuf message, if present
/// (before any malformed field).
fn varint_field(bytes: &[u8], number: u64) -> Option<u64> {
    for field in Fields::of(bytes) {
        if let (n, Value::Varint(v)) = field? {
            if n == number {
                return Some(v);
            }
        }
    }
    None
}

fn read_varint(bytes: &mut &[u8]) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let (&b, rest) = bytes.split_first()?;
        *bytes = rest;
        value |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::varint_field;

    #[test]
    fn protobuf_fields_are_found() {
        // Anki's Cloze note type config starts `08 01`; Basic has no field 1.
        assert_eq!(varint_field(&[0x08, 0x01, 0x1a, 0x01, 0x41], 1), Some(1));
        assert_eq!(varint_field(&[0x1a, 0x02, 0x08, 0x01, 0x48, 0x01], 1), None);
        assert_eq!(varint_field(&[0x1a, 0x05, 0x00], 1), None);
        assert_eq!(varint_field(&[0x08, 0x96, 0x01], 1), Some(150));
    }
}
