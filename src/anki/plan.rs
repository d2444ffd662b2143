//! What an Anki collection becomes in recall, decided before anything is written: one card per
//! Anki card (front and back from the first two fields; one per cloze number), its deck and
//! tags, and its answers and resets from the review log with the due date Anki gave each.
//! Pure: a read collection and the study-day settings in, planned cards out.

use super::collection::{Card, Collection, Note, Review};
use super::text;
use crate::model::CardKind;
use crate::schedule::{Phase, Rating, SchedulerConfig};

/// One answer from Anki's review log.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlannedAnswer {
    /// Unix milliseconds (the revlog id).
    pub at: i64,
    pub rating: Rating,
    pub duration_ms: i64,
    /// The phase Anki left the card in, and its due date, where the log says.
    pub after: Option<(Phase, i64)>,
}

/// A card to bring in.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedCard {
    pub anki_id: i64,
    /// recall's form: `A/B` for Anki's `A::B`.
    pub deck: String,
    /// From Anki's card id (the same package imported again finds the same cards), or the key
    /// of the recall card it was exported from.
    pub key: String,
    /// The recall card this one was exported from (deck, key), read from the note's GUID: its
    /// answers join that card's when it is in this database.
    pub exported_from: Option<(String, String)>,
    pub kind: CardKind,
    pub question: String,
    pub answer: String,
    /// The context line above the question (kept by notes recall exported).
    pub context: String,
    pub tags: Vec<String>,
    pub suspended: bool,
    /// Order among new cards.
    pub position: i64,
    pub answers: Vec<PlannedAnswer>,
    /// Times (ms) Anki forgot the card's schedule ("Forget", "Reset").
    pub resets: Vec<i64>,
    /// Where it lives in Anki and its note type (JSON), for a card recall did not export:
    /// an export puts it back as the same note and card.
    pub anki: Option<(crate::model::AnkiOrigin, String)>,
}

/// Whether a package may retire the cards from Anki it lacks in its decks: a whole collection
/// (`.colpkg`), or a package recall wrote (whole decks), with no card skipped. A deck package
/// from Anki may hold only some notes of a deck ("selected notes", a filtered deck), so its
/// absences say nothing.
pub fn holds_whole_decks(c: &Collection, colpkg: bool, skipped: &Skipped) -> bool {
    let nothing_skipped = skipped.empty_cards == 0 && skipped.too_large == 0;
    let from_recall =
        !c.notes.is_empty() && c.notes.values().all(|n| exported_from(&n.guid).is_some());
    nothing_skipped && (colpkg || from_recall)
}

/// What was left out, counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// Cards whose note is missing, or whose text is empty (a cloze number the text lacks).
    pub empty_cards: usize,
    /// Cards with a field larger than [`MAX_FIELD_BYTES`].
    pub too_large: usize,
    /// Log rows that are not answers: due dates set by hand, rescheduling, cramming without
    /// rescheduling. The card's due date as Anki has it now is kept.
    pub manual_entries: usize,
    /// Log rows of cards the collection no longer has.
    pub orphan_entries: usize,
    /// Studied cards with no answers in the log (a shared deck's, or a pruned log): they come
    /// in as new.
    pub studied_without_log: usize,
}

/// The GUID recall gives the note of a card it exports: `recall:<key>:<deck>`.
pub fn exported_guid(deck: &str, key: &str) -> String {
    format!("recall:{key}:{deck}")
}

fn exported_from(guid: &str) -> Option<(String, String)> {
    let rest = guid.strip_prefix("recall:")?;
    let (key, deck) = rest.split_once(':')?;
    (key.len() == 16 && key.bytes().all(|b| b.is_ascii_hexdigit()) && !deck.is_empty())
        .then(|| (deck.to_string(), key.to_string()))
}

/// Anki's deck name in recall's form.
pub fn deck_name(anki: &str) -> String {
    anki.split("::")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

/// The plan for a whole collection, cards in Anki's card order.
pub fn plan(c: &Collection, days: &SchedulerConfig) -> (Vec<PlannedCard>, Skipped) {
    let mut skipped = Skipped::default();
    let crt_day = creation_day(c, days);
    let mut log = c.revlog.as_slice();
    let mut cards = Vec::with_capacity(c.cards.len());
    let mut keys = std::collections::HashSet::new();
    for card in &c.cards {
        // The log is in card order, as the cards are.
        while log.first().is_some_and(|r| r.card < card.id) {
            skipped.orphan_entries += 1;
            log = &log[1..];
        }
        let n = log.iter().take_while(|r| r.card == card.id).count();
        let (own, rest) = log.split_at(n);
        log = rest;
        let Some(note) = c.notes.get(&card.note) else {
            skipped.empty_cards += 1;
            continue;
        };
        if note.fields.iter().any(|f| f.len() > MAX_FIELD_BYTES) {
            skipped.too_large += 1;
            continue;
        }
        let Some((kind, question, answer)) = card_text(note, card, c) else {
            skipped.empty_cards += 1;
            continue;
        };
        let (answers, resets) = history(own, card, crt_day, days, &mut skipped);
        let exported_from = exported_from(&note.guid);
        let anki = match (&exported_from, c.notetypes.get(&note.notetype)) {
            (None, Some(t)) => Some((
                crate::model::AnkiOrigin {
                    anki_card: card.id,
                    note_id: note.id,
                    guid: note.guid.clone(),
                    notetype: note.notetype,
                    ord: card.ord,
                    fields: note.raw_fields.clone(),
                    tags: note.raw_tags.clone(),
                    mtime: note.mtime,
                },
                serde_json::to_string(t).unwrap_or_default(),
            )),
            _ => None,
        };
        // recall's note types carry the context as a third field.
        let context = match (&exported_from, note.fields.get(2)) {
            (Some(_), Some(field)) => text::html_to_text(field),
            _ => String::new(),
        };
        let deck = c.decks.get(&card.deck).map_or("Default", String::as_str);
        // Control characters shown as notes' are (␛, ␇), never passed on raw.
        let shown = |t: String| crate::text::visible_controls(&t).into_owned();
        let (question, answer, context) = (shown(question), shown(answer), shown(context));
        cards.push(PlannedCard {
            anki_id: card.id,
            deck: match deck_name(deck) {
                name if name.is_empty() => "Default".to_string(),
                name => shown(name),
            },
            // A card recall exported keeps its key, so a later export of it finds it again
            // (only its first card: one added in Anki to the note has one of its own).
            key: match &exported_from {
                Some((_, key)) if card.ord == 0 && keys.insert(key.clone()) => key.clone(),
                _ => format!("{:016x}", card.id as u64),
            },
            exported_from,
            kind,
            question,
            answer,
            context,
            tags: note.tags.iter().map(|t| shown(t.to_lowercase())).collect(),
            suspended: card.queue == -1,
            position: if card.kind == 0 { card.due } else { 0 },
            answers,
            resets,
            anki,
        });
    }
    skipped.orphan_entries += log.len();
    (cards, skipped)
}

/// The study day Anki's day numbers count from: the local date of the collection's creation
/// (in the zone it was made in, its days starting at its rollover hour), or, for collections
/// that do not say, the study day of its creation time here.
fn creation_day(c: &Collection, days: &SchedulerConfig) -> i64 {
    super::collection::creation_day(c.crt, c.creation_offset, days)
}

/// The largest field read (1 MiB, as a note block in recall); a card with a larger one is
/// skipped.
pub const MAX_FIELD_BYTES: usize = 1 << 20;

/// The longest interval read (days), as recall's maximum: larger ones are damage.
const MAX_DAYS: i64 = 36_500;
/// Times past this (2100-01-01, ms) are damage, not answers.
const LATEST_MS: i64 = 4_102_444_800_000;

/// A card's kind, question and answer, or None when it would be empty.
fn card_text(note: &Note, card: &Card, c: &Collection) -> Option<(CardKind, String, String)> {
    let field = |i: usize| {
        note.fields
            .get(i)
            .map_or(String::new(), |f| text::html_to_text(f))
    };
    if c.cloze_notetypes.contains(&note.notetype) {
        // Spans are read in the field's HTML (`&#58;` is not a hint's `::`), then as text.
        let raw = note.fields.first().map_or("", String::as_str);
        let (question, answer) = text::cloze_card(raw, card.ord.saturating_add(1))?;
        let (question, answer) = (text::html_to_text(&question), text::html_to_text(&answer));
        let extra = field(1);
        let answer = if answer.trim().is_empty() {
            extra
        } else {
            answer
        };
        return Some((CardKind::Cloze, question, answer));
    }
    // A second template (a reversed card) asks the other way round.
    let (front, back) = match card.ord {
        1 => (field(1), field(0)),
        _ => (field(0), field(1)),
    };
    (!front.trim().is_empty()).then_some((CardKind::Basic, front, back))
}

/// The answers and resets in a card's log, each answer with the phase and due date it gave.
/// The last answer's due date is the one the card has now (a date set by hand since shows
/// there).
fn history(
    log: &[Review],
    card: &Card,
    crt_day: i64,
    days: &SchedulerConfig,
    skipped: &mut Skipped,
) -> (Vec<PlannedAnswer>, Vec<i64>) {
    let mut answers = Vec::with_capacity(log.len());
    // Each answer's log type: the next answer's says what phase this one left the card in.
    let mut kinds = Vec::with_capacity(log.len());
    let mut resets = Vec::new();
    for r in log {
        if !(0..LATEST_MS).contains(&r.id) {
            skipped.manual_entries += 1;
            continue;
        }
        let rating = u8::try_from(r.ease).ok().and_then(Rating::from_number);
        match (r.kind, rating) {
            // Learn, review, relearn, and answers in a filtered deck that reschedules.
            (0..=2, Some(rating)) | (3, Some(rating)) if r.kind != 3 || r.factor != 0 => {
                let after = match r.ivl.min(MAX_DAYS) {
                    d if d > 0 => Some((Phase::Review, days.day_start(days.study_day(r.id) + d))),
                    s if s < 0 => Some((
                        if r.kind == 0 {
                            Phase::Learning
                        } else {
                            Phase::Relearning
                        },
                        r.id.saturating_add(s.max(-MAX_DAYS * 86_400).saturating_neg() * 1000),
                    )),
                    _ => None,
                };
                answers.push(PlannedAnswer {
                    at: r.id,
                    rating,
                    duration_ms: r.time.max(0),
                    after,
                });
                kinds.push(r.kind);
            }
            (4, None) if r.ivl == 0 && r.factor == 0 => resets.push(r.id),
            _ => skipped.manual_entries += 1,
        }
    }
    // A step of a day or more has days in `ivl` too: the next answer, still learning or
    // relearning, says the card had not graduated.
    for (i, next) in kinds.iter().enumerate().skip(1) {
        let phase = match next {
            0 => Phase::Learning,
            2 => Phase::Relearning,
            _ => continue,
        };
        if let Some((p, _)) = &mut answers[i - 1].after {
            *p = phase;
        }
    }
    // A card Anki has as new after answers it logged no reset for (an older Anki's "Forget")
    // was forgotten after its last answer.
    let last_reset = resets.last().copied().unwrap_or(i64::MIN);
    if let Some(last) = answers
        .last()
        .filter(|a| card.kind == 0 && a.at > last_reset)
    {
        resets.push(last.at + 1);
    }
    if answers.is_empty() && card.kind != 0 {
        skipped.studied_without_log += 1;
    }
    // The schedule the card has now, if its last answer came after its last reset.
    let last_reset = resets.last().copied().unwrap_or(i64::MIN);
    if let Some(last) = answers.last_mut().filter(|a| a.at > last_reset) {
        if let Some(due) = current_due(card, crt_day, days) {
            let phase = match card.kind {
                1 => Phase::Learning,
                3 => Phase::Relearning,
                _ => Phase::Review,
            };
            last.after = Some((phase, due));
        }
    }
    (answers, resets)
}

/// The card's due date (Unix ms) as Anki has it, if it is studied.
fn current_due(card: &Card, crt_day: i64, days: &SchedulerConfig) -> Option<i64> {
    match card.kind {
        1..=3 if card.due > 1_000_000_000 => Some(card.due.min(LATEST_MS / 1000) * 1000),
        1..=3 => Some(days.day_start(crt_day + card.due.clamp(-MAX_DAYS, MAX_DAYS))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn collection() -> Collection {
        let note = |id, notetype, fields: &[&str]| Note {
            id,
            guid: format!("g{id}"),
            notetype,
            tags: vec!["Lang::Python".into()],
            fields: fields.iter().map(|f| f.to_string()).collect(),
            raw_fields: fields.join("\u{1f}"),
            raw_tags: " Lang::Python ".into(),
            mtime: 0,
        };
        let card = |id, note, ord, kind, queue, due| Card {
            id,
            note,
            deck: 2,
            ord,
            kind,
            queue,
            due,
        };
        let day = 86_400_000;
        let t0 = 1_700_000_000_000;
        let review = |id, card, ease, ivl, kind| Review {
            id,
            card,
            ease,
            ivl,
            factor: if kind == 0 || kind == 4 { 0 } else { 2500 },
            time: 5000,
            kind,
        };
        Collection {
            crt: t0 / 1000 - 10 * 86_400,
            creation_offset: None,
            rollover: None,
            notetypes: HashMap::new(),
            decks: HashMap::from([(1, "Default".into()), (2, "Lang::Python".into())]),
            cloze_notetypes: [20].into(),
            notes: HashMap::from([
                (10, note(10, 19, &["What is the <b>GIL</b>?", "a lock"])),
                (11, note(11, 20, &["The {{c1::GIL}} is {{c2::a lock}}", ""])),
            ]),
            cards: vec![
                card(100, 10, 0, 2, 2, 20),
                card(101, 11, 0, 0, 0, 7),
                card(102, 11, 1, 0, -1, 8),
                card(103, 11, 2, 0, 0, 9),
            ],
            revlog: vec![
                review(t0, 100, 3, -600, 0),
                review(t0 + 600_000, 100, 3, 3, 0),
                review(t0 + 3 * day, 100, 0, 5, 4),
                review(t0 + 4 * day, 101, 3, -600, 0),
                review(t0 + 5 * day, 101, 0, 0, 4),
                review(t0 + 6 * day, 999, 3, 1, 1),
            ],
        }
    }

    #[test]
    fn anki_cards_become_recall_cards_with_their_history() {
        let days = SchedulerConfig::default();
        let (cards, skipped) = plan(&collection(), &days);
        let texts: Vec<_> = cards
            .iter()
            .map(|c| (c.kind, c.question.as_str(), c.answer.as_str()))
            .collect();
        assert_eq!(
            texts,
            vec![
                (CardKind::Basic, "What is the **GIL**?", "a lock"),
                (CardKind::Cloze, "The […] is a lock", "GIL"),
                (CardKind::Cloze, "The GIL is […]", "a lock"),
            ]
        );
        assert_eq!(cards[0].deck, "Lang/Python");
        assert_eq!(cards[0].key, "0000000000000064");
        assert_eq!(cards[0].tags, vec!["lang::python".to_string()]);
        assert!(cards[2].suspended && !cards[1].suspended);
        assert_eq!((cards[1].position, cards[2].position), (7, 8));
        // The third cloze card has no c3 in its text.
        assert_eq!(
            skipped,
            Skipped {
                empty_cards: 1,
                too_large: 0,
                manual_entries: 1,
                orphan_entries: 1,
                studied_without_log: 0,
            }
        );
        // Card 100: learning step, then a review with the due date the card has now (day 20
        // of the collection, moved there by hand after the answer).
        let a = &cards[0].answers;
        assert_eq!(a.len(), 2);
        assert_eq!(
            a[0].after,
            Some((Phase::Learning, 1_700_000_000_000 + 600_000))
        );
        let crt_day = days.study_day(collection().crt * 1000);
        assert_eq!(
            a[1].after,
            Some((Phase::Review, days.day_start(crt_day + 20)))
        );
        // Card 101 was forgotten after its answer.
        assert_eq!(cards[1].resets, vec![1_700_000_000_000 + 5 * 86_400_000]);
        assert_eq!(cards[1].answers.len(), 1);
    }

    #[test]
    fn recall_guids_lead_back_to_their_cards() {
        assert_eq!(
            exported_from(&exported_guid("lang/python", "00ff00ff00ff00ff")),
            Some(("lang/python".into(), "00ff00ff00ff00ff".into()))
        );
        assert_eq!(exported_from("recall:short:deck"), None);
        assert_eq!(exported_from("J%v3_^hqr2"), None);
        assert_eq!(deck_name("A::B:: C "), "A/B/C");
    }
}
