//! The events that travel between devices, and their form in a device's file: one JSON object
//! per line, after a header line naming the device and the format. Cards are named by deck and
//! key (never by a database's row ids); no card text is ever written.

use crate::schedule::{Phase, Rating};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The file format this recall writes and reads; a file with a higher one is from a newer
/// recall and is left unread.
pub const FORMAT: u32 = 1;

/// An event's globally unique id: the device that made it and its number there.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventId {
    pub device: String,
    pub seq: i64,
}

impl std::fmt::Display for EventId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.device, self.seq)
    }
}

impl EventId {
    /// `device-seq`; `None` if it is not one.
    pub fn parse(s: &str) -> Option<EventId> {
        let (device, seq) = s.rsplit_once('-')?;
        let seq: i64 = seq.parse().ok().filter(|&n| n > 0)?;
        let ok = !device.is_empty()
            && device.len() <= 64
            && device.bytes().all(|b| b.is_ascii_alphanumeric());
        ok.then(|| EventId {
            device: device.to_string(),
            seq,
        })
    }
}

/// A card as every device names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CardRef {
    pub deck: String,
    pub key: String,
}

/// An answer as the device that gave it logged it (so every device's log holds the same row).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnswerRow {
    pub rating: Rating,
    pub duration_ms: i64,
    pub state_before: Phase,
    pub stability_before: Option<f64>,
    pub difficulty_before: Option<f64>,
    pub due_before: Option<i64>,
    pub last_review_before: Option<i64>,
    pub state_after: Phase,
    pub stability_after: Option<f64>,
    pub difficulty_after: Option<f64>,
    pub due_after: Option<i64>,
    pub step_after: Option<i64>,
}

/// What happened.
#[derive(Debug, Clone, PartialEq)]
pub enum What {
    Answer {
        card: CardRef,
        row: AnswerRow,
    },
    /// An answer taken back: `answer` is its id (when it had one), `answered_at` its time.
    Undo {
        card: CardRef,
        answer: Option<EventId>,
        answered_at: i64,
    },
    Reset {
        card: CardRef,
    },
    Suspend {
        card: CardRef,
        suspended: bool,
    },
    /// Buried until a study day, or (`None`) shown again.
    Bury {
        card: CardRef,
        until_day: Option<i64>,
    },
    /// The card named `from` took the name `card` (its question reworded, or it moved): both
    /// are its names.
    Rename {
        card: CardRef,
        from: CardRef,
    },
    /// A parameter set `recall optimize` fitted.
    Parameters {
        parameters: Vec<f32>,
        items: i64,
        cards: i64,
    },
}

impl What {
    /// The card it is about (none for a parameter set).
    pub fn card(&self) -> Option<&CardRef> {
        match self {
            What::Answer { card, .. }
            | What::Undo { card, .. }
            | What::Reset { card }
            | What::Suspend { card, .. }
            | What::Bury { card, .. }
            | What::Rename { card, .. } => Some(card),
            What::Parameters { .. } => None,
        }
    }

    /// Its kind as a file names it.
    pub fn kind(&self) -> &'static str {
        match self {
            What::Answer { .. } => "answer",
            What::Undo { .. } => "undo",
            What::Reset { .. } => "reset",
            What::Suspend {
                suspended: true, ..
            } => "suspend",
            What::Suspend { .. } => "unsuspend",
            What::Bury {
                until_day: Some(_), ..
            } => "bury",
            What::Bury { .. } => "unbury",
            What::Rename { .. } => "rename",
            What::Parameters { .. } => "parameters",
        }
    }
}

/// One event: its id, when it happened (Unix ms, by the clock of the device that made it),
/// and what.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: EventId,
    pub at: i64,
    pub what: What,
}

/// A line of a device's file, every field optional: the header has `recall_sync`, events the
/// rest by kind.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Line<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    recall_sync: Option<u32>,
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    device: Option<Cow<'a, str>>,
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    about: Option<Cow<'a, str>>,
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    id: Option<Cow<'a, str>>,
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    kind: Option<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<i64>,
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    deck: Option<Cow<'a, str>>,
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    key: Option<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ms: Option<i64>,
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    state_before: Option<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stability_before: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    difficulty_before: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    due_before: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_review_before: Option<i64>,
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    state_after: Option<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stability_after: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    difficulty_after: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    due_after: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    step_after: Option<i64>,
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    answer: Option<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    answered_at: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    until_day: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parameters: Option<Vec<f32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    items: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cards: Option<i64>,
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    from_deck: Option<Cow<'a, str>>,
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    from_key: Option<Cow<'a, str>>,
}

/// A file's first line: who writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub format: u32,
    pub device: String,
    pub name: String,
}

/// What a file's header says, to every reader.
const ABOUT: &str = "recall review events of one device: card keys, times and grades; no card text";

/// The header line (with its newline).
pub fn header_line(device: &str, name: &str) -> String {
    let line = Line {
        recall_sync: Some(FORMAT),
        device: Some(device.into()),
        name: Some(name.into()),
        about: Some(ABOUT.into()),
        ..Line::default()
    };
    let mut s = serde_json::to_string(&line).expect("a header serializes");
    s.push('\n');
    s
}

/// A line read from a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    Header(Header),
    Event(Event),
}

/// The longest time an answer may have taken (a year): the answer totals add these up, and no
/// sum of real ones comes near overflowing.
const MAX_DURATION_MS: i64 = 365 * 86_400_000;

/// Reads one line (without its newline). The message says what is wrong with it.
pub fn parse(text: &str) -> Result<Parsed, String> {
    let line: Line<'_> = serde_json::from_str(text).map_err(|e| format!("not an event ({e})"))?;
    if let Some(format) = line.recall_sync {
        let device = line.device.ok_or("a header without a device")?;
        return Ok(Parsed::Header(Header {
            format,
            device: device.into_owned(),
            name: line.name.map(Cow::into_owned).unwrap_or_default(),
        }));
    }
    let id = line.id.as_deref().ok_or("an event without an id")?;
    let id = EventId::parse(id).ok_or_else(|| format!("{id:?} is not an event id"))?;
    let at = line.at.ok_or("an event without a time")?;
    let kind = line.kind.as_deref().ok_or("an event without a kind")?;
    let card = || -> Result<CardRef, String> {
        Ok(CardRef {
            deck: line.deck.as_deref().ok_or("no deck")?.to_string(),
            key: line.key.as_deref().ok_or("no card key")?.to_string(),
        })
    };
    let phase = |p: &Option<Cow<'_, str>>| -> Result<Phase, String> {
        let p = p.as_deref().ok_or("no card state")?;
        Phase::parse(p).ok_or_else(|| format!("{p:?} is not a card state"))
    };
    let what = match kind {
        "answer" => What::Answer {
            card: card()?,
            row: AnswerRow {
                rating: line
                    .rating
                    .and_then(Rating::from_number)
                    .ok_or("no rating 1–4")?,
                duration_ms: line
                    .ms
                    .filter(|ms| (0..=MAX_DURATION_MS).contains(ms))
                    .or(line.ms.is_none().then_some(0))
                    .ok_or("its time taken is not 0 ms to a year")?,
                state_before: phase(&line.state_before)?,
                stability_before: line.stability_before,
                difficulty_before: line.difficulty_before,
                due_before: line.due_before,
                last_review_before: line.last_review_before,
                state_after: phase(&line.state_after)?,
                stability_after: line.stability_after,
                difficulty_after: line.difficulty_after,
                due_after: line.due_after,
                step_after: line.step_after,
            },
        },
        "undo" => What::Undo {
            card: card()?,
            answer: line.answer.as_deref().and_then(EventId::parse),
            answered_at: line
                .answered_at
                .ok_or("an undo without the answer's time")?,
        },
        "reset" => What::Reset { card: card()? },
        "suspend" | "unsuspend" => What::Suspend {
            card: card()?,
            suspended: kind == "suspend",
        },
        "bury" => What::Bury {
            card: card()?,
            until_day: Some(line.until_day.ok_or("a bury without its day")?),
        },
        "unbury" => What::Bury {
            card: card()?,
            until_day: None,
        },
        "rename" => What::Rename {
            card: card()?,
            from: CardRef {
                deck: line
                    .from_deck
                    .as_deref()
                    .ok_or("a rename without its old deck")?
                    .to_string(),
                key: line
                    .from_key
                    .as_deref()
                    .ok_or("a rename without its old key")?
                    .to_string(),
            },
        },
        "parameters" => What::Parameters {
            parameters: line
                .parameters
                .ok_or("a parameter set without parameters")?,
            items: line.items.unwrap_or(0),
            cards: line.cards.unwrap_or(0),
        },
        other => return Err(format!("{other:?} is not an event this recall knows")),
    };
    Ok(Parsed::Event(Event { id, at, what }))
}

/// An event's line (with its newline).
pub fn line(e: &Event) -> String {
    let mut out = Vec::new();
    write_line(&e.id, e.at, &e.what, &mut out);
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Appends the line of event `id` (at `at`: `what`) to `out`, with its newline.
pub fn write_line(id: &EventId, at: i64, what: &What, out: &mut Vec<u8>) {
    let id = id.to_string();
    let mut l = Line {
        id: Some(id.as_str().into()),
        kind: Some(what.kind().into()),
        at: Some(at),
        ..Line::default()
    };
    if let Some(card) = what.card() {
        l.deck = Some(card.deck.as_str().into());
        l.key = Some(card.key.as_str().into());
    }
    let answer;
    match what {
        What::Answer { row, .. } => {
            l.rating = Some(row.rating as u8);
            l.ms = Some(row.duration_ms);
            l.state_before = Some(row.state_before.as_str().into());
            l.stability_before = row.stability_before;
            l.difficulty_before = row.difficulty_before;
            l.due_before = row.due_before;
            l.last_review_before = row.last_review_before;
            l.state_after = Some(row.state_after.as_str().into());
            l.stability_after = row.stability_after;
            l.difficulty_after = row.difficulty_after;
            l.due_after = row.due_after;
            l.step_after = row.step_after;
        }
        What::Undo {
            answer: id,
            answered_at,
            ..
        } => {
            answer = id.as_ref().map(|a| a.to_string());
            l.answer = answer.as_deref().map(Cow::Borrowed);
            l.answered_at = Some(*answered_at);
        }
        What::Bury { until_day, .. } => l.until_day = *until_day,
        What::Parameters {
            parameters,
            items,
            cards,
        } => {
            l.parameters = Some(parameters.clone());
            l.items = Some(*items);
            l.cards = Some(*cards);
        }
        What::Rename { from, .. } => {
            l.from_deck = Some(from.deck.as_str().into());
            l.from_key = Some(from.key.as_str().into());
        }
        What::Reset { .. } | What::Suspend { .. } => {}
    }
    serde_json::to_writer(&mut *out, &l).expect("an event serializes");
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card() -> CardRef {
        CardRef {
            deck: "python \"basics\"/é".into(),
            key: "00ff00ff00ff00ff".into(),
        }
    }

    #[test]
    fn every_kind_reads_back_as_written() {
        let row = AnswerRow {
            rating: Rating::Hard,
            duration_ms: 5400,
            state_before: Phase::Review,
            stability_before: Some(12.345_678_901_234_567),
            difficulty_before: Some(5.1),
            due_before: Some(1_795_000_000_000),
            last_review_before: Some(1_794_000_000_000),
            state_after: Phase::Review,
            stability_after: Some(f64::from(13.7_f32)),
            difficulty_after: None,
            due_after: Some(1_796_000_000_000),
            step_after: Some(0),
        };
        let kinds = [
            What::Answer { card: card(), row },
            What::Undo {
                card: card(),
                answer: Some(EventId {
                    device: "ab12".into(),
                    seq: 7,
                }),
                answered_at: 5,
            },
            What::Undo {
                card: card(),
                answer: None,
                answered_at: 5,
            },
            What::Reset { card: card() },
            What::Rename {
                card: card(),
                from: CardRef {
                    deck: "old/deck".into(),
                    key: "0123456789abcdef".into(),
                },
            },
            What::Suspend {
                card: card(),
                suspended: true,
            },
            What::Suspend {
                card: card(),
                suspended: false,
            },
            What::Bury {
                card: card(),
                until_day: Some(20_500),
            },
            What::Bury {
                card: card(),
                until_day: None,
            },
            What::Parameters {
                parameters: vec![0.212, 1.2931, 2.3065, 8.2956],
                items: 10,
                cards: 3,
            },
        ];
        for (n, what) in kinds.into_iter().enumerate() {
            let e = Event {
                id: EventId {
                    device: "0123456789abcdef".into(),
                    seq: n as i64 + 1,
                },
                at: 1_795_510_800_000 + n as i64,
                what,
            };
            let text = line(&e);
            assert!(text.ends_with('\n') && !text[..text.len() - 1].contains('\n'));
            assert_eq!(parse(text.trim_end()), Ok(Parsed::Event(e)), "{text}");
        }
    }

    #[test]
    fn the_header_names_the_device_and_says_what_the_file_holds() {
        let h = header_line("0123456789abcdef", "laptop");
        assert!(h.contains("no card text"), "{h}");
        assert_eq!(
            parse(h.trim_end()),
            Ok(Parsed::Header(Header {
                format: FORMAT,
                device: "0123456789abcdef".into(),
                name: "laptop".into()
            }))
        );
    }

    #[test]
    fn broken_lines_say_what_is_wrong() {
        for (text, says) in [
            ("{\"id\":\"ab-1\",\"kind\":\"answer\",\"at\":5", "not an event"),
            ("<<<<<<< HEAD", "not an event"),
            ("{\"id\":\"ab-1\",\"kind\":\"frobnicate\",\"at\":5}", "frobnicate"),
            ("{\"id\":\"ab\",\"kind\":\"reset\",\"at\":5}", "not an event id"),
            ("{\"id\":\"ab-1\",\"kind\":\"reset\",\"at\":5}", "no deck"),
            (
                "{\"id\":\"ab-1\",\"kind\":\"answer\",\"at\":5,\"deck\":\"d\",\"key\":\"k\",\"rating\":7}",
                "no rating",
            ),
            (
                "{\"id\":\"ab-1\",\"kind\":\"answer\",\"at\":5,\"deck\":\"d\",\"key\":\"k\",\"rating\":3,\"ms\":-1,\"state_before\":\"new\",\"state_after\":\"review\"}",
                "time taken",
            ),
            (
                "{\"id\":\"ab-1\",\"kind\":\"answer\",\"at\":5,\"deck\":\"d\",\"key\":\"k\",\"rating\":3,\"ms\":9000000000000000000,\"state_before\":\"new\",\"state_after\":\"review\"}",
                "time taken",
            ),
        ] {
            let err = parse(text).unwrap_err();
            assert!(err.contains(says), "{text}: {err}");
        }
    }
}
