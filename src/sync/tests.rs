use super::*;
use crate::model::CardId;
use crate::rebuild::{rebuild, Options as RebuildOptions};
use crate::schedule::{fuzz_draw, Phase, Rating, SchedulerConfig};
use crate::store::reviews::Answer;

const NOW: i64 = 1_795_510_800_000;
const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;
const KEYS: [&str; 3] = ["k1", "k2", "k3"];

fn scheduler() -> Scheduler {
    Scheduler::new(SchedulerConfig::default()).unwrap()
}

/// A database on one device, holding the cards `KEYS` of deck `d` under row ids of its own
/// (`offset` apart), with a clock `skew` ms off.
struct Device {
    store: Store,
    skew: i64,
    /// Its own answers, for the session's undo.
    undo: Vec<(crate::model::ReviewId, CardId)>,
}

impl Device {
    fn new(offset: i64, skew: i64) -> Device {
        let store = Store::open_in_memory().unwrap();
        let deck = store.deck_id("d", 1).unwrap();
        for (n, key) in KEYS.iter().enumerate() {
            store
                .conn
                .execute(
                    "INSERT INTO cards (id, deck_id, key, kind, question, answer, line, position, \
                     created_at, updated_at) VALUES (?1, ?2, ?3, 'basic', 'q', 'a', 1, ?1, 1, 1)",
                    rusqlite::params![offset + n as i64 + 1, deck.0, key],
                )
                .unwrap();
        }
        Device {
            store,
            skew,
            undo: Vec::new(),
        }
    }

    fn card(&self, key: &str) -> CardId {
        self.store
            .card_of(&event::CardRef {
                deck: "d".into(),
                key: key.into(),
            })
            .unwrap()
            .unwrap()
    }

    /// Answers as the session does (load balancing from the store).
    fn answer(&mut self, key: &str, rating: Rating, t: i64) {
        let s = scheduler();
        let card = self.card(key);
        let now = t + self.skew;
        let before = self.store.card_schedule(card).unwrap();
        let store = &self.store;
        let after = s.answer_balanced(
            &before,
            rating,
            now,
            fuzz_draw(card.0, before.reps),
            &mut |first, last| store.day_loads(&s, card, first, last).unwrap(),
        );
        let answer = Answer {
            card_id: card,
            reviewed_at: now,
            rating,
            duration_ms: 1234,
            before,
            after,
        };
        let id = self.store.record_answer(&answer, &s).unwrap().stored();
        self.undo
            .push((id.expect("computed from the stored state"), card));
    }

    /// The card named `from` takes the name `to` (its question reworded in the notes).
    fn take_name(&mut self, from: &str, to: &str, t: i64) {
        let card = self.card(from);
        let deck = self.store.deck_id("d", 1).unwrap();
        self.store
            .rename_card(card, deck, to, t + self.skew)
            .unwrap();
        self.undo.clear();
    }

    fn undo_own(&mut self, t: i64) {
        if let Some((id, card)) = self.undo.pop() {
            self.store
                .undo_answer(id, card, &scheduler(), t + self.skew)
                .unwrap();
        }
    }

    fn sync(&mut self, dir: &Path, t: i64) -> Report {
        self.undo.clear();
        sync(
            &mut self.store,
            dir,
            &Options::default(),
            &scheduler(),
            t + self.skew,
        )
        .unwrap()
    }

    /// Everything that must be the same on every device, as text rows: the log (cards named
    /// by deck and key), resets, card events, flags, states, parameter sets.
    fn shared(&self) -> Vec<Vec<String>> {
        let queries = [
            "SELECT d.name, c.key, r.reviewed_at, r.rating, r.duration_ms, r.state_before, \
             r.stability_before, r.difficulty_before, r.due_before, r.last_review_before, \
             r.state_after, r.stability_after, r.difficulty_after, r.due_after, r.step_after, \
             r.undone_at, o.device, r.seq FROM reviews r JOIN cards c ON c.id = r.card_id \
             JOIN decks d ON d.id = c.deck_id LEFT JOIN sync_devices o ON o.id = r.origin",
            "SELECT c.key, x.reset_at FROM resets x JOIN cards c ON c.id = x.card_id",
            "SELECT c.key, e.kind, e.at, e.until_day FROM card_events e JOIN cards c ON c.id = e.card_id",
            "SELECT key, suspended, buried_until, studied, retired_at FROM cards",
            "SELECT c.key, s.state, s.due, s.stability, s.difficulty, s.last_review, s.reps, \
             s.lapses, s.step FROM card_state s JOIN cards c ON c.id = s.card_id",
            "SELECT created_at, parameters, items, cards FROM fsrs_parameters",
            "SELECT COUNT(*) FROM sync_waiting",
        ];
        let mut out = Vec::new();
        for q in queries {
            let mut stmt = self.store.conn.prepare(q).unwrap();
            let n = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    let cols: Vec<String> = (0..n)
                        .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                        .collect();
                    Ok(cols.join("|"))
                })
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            rows.sort();
            out.push(rows);
        }
        out
    }

    /// The cache equals the log replayed, and the answer totals the log.
    fn consistent(&mut self) {
        let opts = RebuildOptions {
            reschedule: false,
            write: false,
            answer_totals: true,
        };
        let report = rebuild(&mut self.store, &scheduler(), opts).unwrap();
        assert_eq!(report.differed, 0, "{:?}", report.examples);
        assert!(report.answer_totals_matched);
    }
}

fn folder() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn two_devices_answering_on_interleaved_days_end_identical_in_either_order() {
    for laptop_first in [true, false] {
        let dir = folder();
        let (mut a, mut b) = (Device::new(0, 0), Device::new(100, 0));
        // Day 1 on the laptop, day 2 on the desktop (after a sync), day 3 both offline on the
        // same cards, then both sync.
        a.answer("k1", Rating::Good, NOW);
        a.answer("k2", Rating::Again, NOW + MINUTE);
        a.answer("k2", Rating::Good, NOW + 11 * MINUTE);
        a.sync(dir.path(), NOW + HOUR);
        let got = b.sync(dir.path(), NOW + 2 * HOUR);
        assert_eq!(got.received.answers, 3);
        assert_eq!(got.cards_replayed, 2);
        assert_eq!(
            a.shared()[4],
            b.shared()[4],
            "the same states after one sync"
        );
        b.answer("k1", Rating::Good, NOW + DAY);
        b.answer("k3", Rating::Easy, NOW + DAY + MINUTE);
        b.sync(dir.path(), NOW + DAY + HOUR);
        a.sync(dir.path(), NOW + DAY + 2 * HOUR);
        a.answer("k1", Rating::Hard, NOW + 3 * DAY);
        b.answer("k1", Rating::Good, NOW + 3 * DAY + 5 * MINUTE);
        b.store
            .reset_card(b.card("k3"), &scheduler(), NOW + 3 * DAY + 6 * MINUTE)
            .unwrap();
        let (first, second) = if laptop_first {
            (&mut a, &mut b)
        } else {
            (&mut b, &mut a)
        };
        first.sync(dir.path(), NOW + 3 * DAY + HOUR);
        second.sync(dir.path(), NOW + 3 * DAY + HOUR);
        first.sync(dir.path(), NOW + 3 * DAY + 2 * HOUR);
        assert_eq!(a.shared(), b.shared());
        a.consistent();
        b.consistent();
        // Both answers of day 3 count, in time order: k1 has 4 answers, last the desktop's.
        let k1: Vec<(i64, u8)> = a
            .store
            .card_log(a.card("k1"))
            .unwrap()
            .0
            .iter()
            .map(|e| (e.at, e.rating as u8))
            .collect();
        assert_eq!(
            k1,
            [
                (NOW, 3),
                (NOW + DAY, 3),
                (NOW + 3 * DAY, 2),
                (NOW + 3 * DAY + 5 * MINUTE, 3)
            ]
        );
        let state = a.store.card_schedule(a.card("k1")).unwrap();
        assert_eq!(state.reps, 4);
        assert_eq!(
            a.store.card_schedule(a.card("k3")).unwrap(),
            crate::schedule::CardSchedule::NEW
        );
        // A sync with nothing new changes nothing.
        let before = a.shared();
        let again = a.sync(dir.path(), NOW + 4 * DAY);
        assert_eq!((again.sent, again.received.total()), (0, 0));
        assert_eq!(a.shared(), before);
    }
}

#[test]
fn an_undo_on_one_device_of_an_answer_made_on_the_other_travels_back() {
    let dir = folder();
    let (mut a, mut b) = (Device::new(0, 0), Device::new(50, 0));
    a.answer("k1", Rating::Again, NOW);
    a.sync(dir.path(), NOW + MINUTE);
    b.sync(dir.path(), NOW + 2 * MINUTE);
    let (undone, _) = b
        .store
        .undo_last_answer(&scheduler(), NOW + 3 * MINUTE)
        .unwrap()
        .expect("the laptop's answer is here to undo");
    assert_eq!(undone.rating, Rating::Again);
    b.sync(dir.path(), NOW + 4 * MINUTE);
    let got = a.sync(dir.path(), NOW + 5 * MINUTE);
    assert_eq!(got.received.undos, 1);
    assert_eq!(
        a.store.card_schedule(a.card("k1")).unwrap(),
        crate::schedule::CardSchedule::NEW
    );
    assert_eq!(a.shared(), b.shared());
    a.consistent();
}

#[test]
fn a_device_joining_late_gets_the_whole_history_and_events_for_unknown_cards_wait() {
    let dir = folder();
    let (mut a, mut b) = (Device::new(0, 0), Device::new(10, 0));
    a.answer("k1", Rating::Good, NOW);
    a.store.set_suspended(a.card("k2"), true, NOW + 1).unwrap();
    a.sync(dir.path(), NOW + MINUTE);
    b.answer("k3", Rating::Good, NOW + DAY);
    b.store.bury(b.card("k1"), 20_500, NOW + DAY + 1).unwrap();
    b.sync(dir.path(), NOW + DAY + MINUTE);
    // The third device has only k1 so far: the rest waits for its cards.
    let mut c = Device::new(20, 0);
    c.store
        .conn
        .execute_batch("DELETE FROM cards WHERE key <> 'k1'")
        .unwrap();
    let got = c.sync(dir.path(), NOW + 2 * DAY);
    assert_eq!((got.received.answers, got.received.buries), (1, 1));
    assert_eq!(got.waiting, 2, "{got:?}");
    let deck = c.store.find_deck("d").unwrap().unwrap();
    for (n, key) in ["k2", "k3"].iter().enumerate() {
        c.store
            .conn
            .execute(
                "INSERT INTO cards (id, deck_id, key, kind, question, answer, line, position, \
                 created_at, updated_at) VALUES (?1, ?2, ?3, 'basic', 'q', 'a', 1, ?1, 1, 1)",
                rusqlite::params![40 + n as i64, deck.0, key],
            )
            .unwrap();
    }
    let got = c.sync(dir.path(), NOW + 2 * DAY + MINUTE);
    assert_eq!(
        (got.received.answers, got.received.suspends, got.waiting),
        (1, 1, 0)
    );
    a.sync(dir.path(), NOW + 3 * DAY);
    b.sync(dir.path(), NOW + 3 * DAY);
    assert_eq!(a.shared(), b.shared());
    assert_eq!(c.shared(), a.shared());
    c.consistent();
}

#[test]
fn answers_are_ordered_by_their_own_time_whatever_the_clocks_or_arrival() {
    let dir = folder();
    // The desktop's clock runs two hours behind, the phone's 30 minutes ahead.
    let mut d = [
        Device::new(0, 0),
        Device::new(10, -2 * HOUR),
        Device::new(20, 30 * MINUTE),
    ];
    d[2].answer("k1", Rating::Good, NOW);
    d[2].sync(dir.path(), NOW);
    d[0].sync(dir.path(), NOW + MINUTE);
    // The laptop answers after seeing the phone's answer, at a time before it.
    d[0].answer("k1", Rating::Again, NOW + 2 * MINUTE);
    d[1].answer("k1", Rating::Hard, NOW + 3 * MINUTE);
    for round in 0..2 {
        for dev in d.iter_mut() {
            dev.sync(dir.path(), NOW + (10 + round) * MINUTE);
        }
    }
    let times: Vec<i64> = d[0]
        .store
        .card_log(d[0].card("k1"))
        .unwrap()
        .0
        .iter()
        .map(|e| e.at)
        .collect();
    assert_eq!(
        times,
        [
            NOW - 2 * HOUR + 3 * MINUTE,
            NOW + 2 * MINUTE,
            NOW + 30 * MINUTE
        ]
    );
    for dev in d.iter_mut() {
        dev.consistent();
    }
    assert_eq!(d[0].shared(), d[1].shared());
    assert_eq!(d[0].shared(), d[2].shared());
}

#[test]
fn a_half_written_last_line_is_read_when_it_is_whole_and_a_conflict_copy_is_merged() {
    let dir = folder();
    let (mut a, mut b) = (Device::new(0, 0), Device::new(10, 0));
    a.answer("k1", Rating::Good, NOW);
    a.answer("k2", Rating::Good, NOW + MINUTE);
    a.sync(dir.path(), NOW + 2 * MINUTE);
    let file = dir.path().join(folder::own_file_name(
        &a.store.sync_self().unwrap().unwrap().device,
    ));
    let whole = std::fs::read(&file).unwrap();
    // The file-sync engine has delivered only part of the last line so far.
    std::fs::write(&file, &whole[..whole.len() - 20]).unwrap();
    let got = b.sync(dir.path(), NOW + 3 * MINUTE);
    assert_eq!(got.received.answers, 1);
    assert!(got.bad_lines.is_empty(), "{got:?}");
    std::fs::write(&file, &whole).unwrap();
    let got = b.sync(dir.path(), NOW + 4 * MINUTE);
    assert_eq!(got.received.answers, 1);
    // The laptop answered again, and a conflict copy holds an answer its own file lost.
    a.answer("k3", Rating::Easy, NOW + 5 * MINUTE);
    a.sync(dir.path(), NOW + 6 * MINUTE);
    let text = std::fs::read_to_string(&file).unwrap();
    let last = text.lines().last().unwrap().to_string();
    let copy = dir.path().join(
        file.file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".jsonl", ".sync-conflict-20261201-101010-ABCDEF.jsonl"),
    );
    std::fs::write(&copy, &text).unwrap();
    std::fs::write(&file, text.replace(&format!("{last}\n"), "")).unwrap();
    let got = b.sync(dir.path(), NOW + 7 * MINUTE);
    assert_eq!(got.received.answers, 1, "{got:?}");
    assert!(got.already_here >= 2);
    b.consistent();
    // The laptop sees its file cut short and writes the lost line again.
    let got = a.sync(dir.path(), NOW + 8 * MINUTE);
    assert_eq!(got.sent, 1);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    assert_eq!(a.shared(), b.shared());
}

#[test]
fn a_file_from_a_newer_recall_is_left_unread_and_bad_lines_are_named() {
    let dir = folder();
    let mut a = Device::new(0, 0);
    std::fs::write(
        dir.path().join("recall-ffff000011112222.jsonl"),
        "{\"recall_sync\":2,\"device\":\"ffff000011112222\"}\n{\"anything\":1}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("recall-aaaa000011112222.jsonl"),
        format!(
            "{}<<<<<<< HEAD\n{{\"id\":\"aaaa000011112222-1\",\"kind\":\"answer\",\"at\":{NOW},\"deck\":\"d\",\"key\":\"k1\",\"rating\":3,\"state_before\":\"new\",\"state_after\":\"learning\",\"due_after\":{}}}\n{{\"id\":\"aaaa000011112222-2\",\"kind\":\"parameters\",\"at\":{NOW},\"parameters\":[1.0,2.0]}}\n",
            event::header_line("aaaa000011112222", "tablet"),
            NOW + 10 * MINUTE
        ),
    )
    .unwrap();
    std::fs::write(dir.path().join("recall-notes.jsonl"), "just text\n").unwrap();
    let got = a.sync(dir.path(), NOW + HOUR);
    assert_eq!(got.refused.len(), 2, "{got:?}");
    assert!(got.refused[0].starts_with("recall-ffff000011112222.jsonl: written by a newer recall"));
    assert!(got.refused[0].contains("nothing in it is lost"));
    assert!(got.refused[1].contains("recall-notes.jsonl: not a recall sync file"));
    assert_eq!(got.bad_line_count, 2, "{got:?}");
    assert!(got.bad_lines[0].starts_with("recall-aaaa000011112222.jsonl:2: not an event"));
    assert!(got.bad_lines[1].contains("parameter set FSRS cannot use"));
    assert_eq!(got.received.answers, 1);
    assert_eq!(got.from.get("tablet"), Some(&1));
    // The newer file is still there, untouched, for a newer recall.
    assert!(
        std::fs::read_to_string(dir.path().join("recall-ffff000011112222.jsonl"))
            .unwrap()
            .contains("anything")
    );
    a.consistent();
}

#[test]
fn a_copied_database_becomes_a_device_of_its_own_and_nothing_is_lost() {
    let dir = folder();
    let db_dir = tempfile::tempdir().unwrap();
    let (pa, pb) = (db_dir.path().join("a.db"), db_dir.path().join("b.db"));
    {
        let mut a = Device::new(0, 0);
        a.answer("k1", Rating::Good, NOW);
        a.sync(dir.path(), NOW + MINUTE);
        a.store
            .conn
            .execute("VACUUM INTO ?1", [pa.to_str().unwrap()])
            .unwrap();
    }
    std::fs::copy(&pa, &pb).unwrap();
    let open = |p: &Path| Device {
        store: Store::open(p).unwrap(),
        skew: 0,
        undo: Vec::new(),
    };
    let (mut a, mut b) = (open(&pa), open(&pb));
    a.answer("k2", Rating::Good, NOW + HOUR);
    b.answer("k3", Rating::Easy, NOW + HOUR + MINUTE);
    a.sync(dir.path(), NOW + 2 * HOUR);
    let got = b.sync(dir.path(), NOW + 2 * HOUR + MINUTE);
    let old = a.store.sync_self().unwrap().unwrap().device;
    assert_eq!(got.was_device.as_deref(), Some(old.as_str()));
    assert_ne!(got.device, old);
    assert_eq!(got.received.answers, 1, "the laptop's new answer: {got:?}");
    a.sync(dir.path(), NOW + 3 * HOUR);
    b.sync(dir.path(), NOW + 3 * HOUR);
    let answers = |d: &Device| -> Vec<String> {
        d.shared()[0]
            .iter()
            .map(|r| r.split('|').take(4).collect::<Vec<_>>().join("|"))
            .collect()
    };
    assert_eq!(answers(&a).len(), 3);
    assert_eq!(answers(&a), answers(&b));
    assert_eq!(a.shared()[4], b.shared()[4]);
}

#[test]
fn a_sync_stopped_after_writing_its_lines_takes_them_as_its_own_next_time() {
    // In the folder synced last, and in another one (its file then read from the start).
    for other_folder in [false, true] {
        stopped_sync_then_again(other_folder);
    }
}

fn stopped_sync_then_again(other_folder: bool) {
    let (first, dir) = (folder(), folder());
    let (mut a, mut b) = (Device::new(0, 0), Device::new(10, 0));
    a.answer("k1", Rating::Good, NOW);
    a.sync(
        if other_folder {
            first.path()
        } else {
            dir.path()
        },
        NOW + MINUTE,
    );
    a.answer("k2", Rating::Hard, NOW + 2 * MINUTE);
    // A sync that wrote its lines and then failed: the transaction is rolled back.
    let scheduler = scheduler();
    let failed = a.store.transaction(true, |s| {
        run(
            s,
            &dir.path().canonicalize().unwrap(),
            &dir.path().canonicalize().unwrap().to_string_lossy(),
            &Options::default(),
            &scheduler,
            NOW + 3 * MINUTE,
        )?;
        Err::<(), _>(Error::Sync {
            path: dir.path().to_path_buf(),
            message: "killed".into(),
        })
    });
    assert!(failed.is_err());
    let numbered = |d: &Device| d.store.sync_self().unwrap().unwrap().numbered;
    assert_eq!(numbered(&a), 1, "the stopped sync numbered nothing");
    let got = a.sync(dir.path(), NOW + 4 * MINUTE);
    assert_eq!((got.sent, got.was_device.as_deref()), (0, None), "{got:?}");
    assert_eq!(numbered(&a), 2, "the line written is the answer's");
    b.sync(dir.path(), NOW + 5 * MINUTE);
    assert_eq!(a.shared(), b.shared());
    // Each event once in the file, in order.
    let me = a.store.sync_self().unwrap().unwrap();
    let text = std::fs::read_to_string(dir.path().join(folder::own_file_name(&me.device))).unwrap();
    let ids: Vec<String> = text
        .lines()
        .skip(1)
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect();
    assert_eq!(
        ids,
        [1, 2].map(|n| format!("\"{}-{n}\"", me.device)),
        "{text}"
    );
}

#[test]
fn a_parameter_set_fitted_on_one_device_schedules_on_the_other() {
    let dir = folder();
    let (mut a, mut b) = (Device::new(0, 0), Device::new(10, 0));
    a.answer("k1", Rating::Good, NOW);
    b.answer("k2", Rating::Good, NOW + MINUTE);
    let mut w = fsrs::DEFAULT_PARAMETERS.to_vec();
    w[2] *= 0.5;
    a.store
        .save_parameters(&w, 10, 2, None, NOW + 2 * MINUTE)
        .unwrap();
    a.sync(dir.path(), NOW + 3 * MINUTE);
    let got = b.sync(dir.path(), NOW + 4 * MINUTE);
    assert_eq!(got.received.parameter_sets, 1);
    assert_eq!(b.store.current_parameters().unwrap(), Some(w.clone()));
    assert_eq!(
        got.cards_replayed, 2,
        "every card's memory under the new set"
    );
    let fitted = Scheduler::new(SchedulerConfig {
        parameters: w,
        ..SchedulerConfig::default()
    })
    .unwrap();
    let report = rebuild(
        &mut b.store,
        &fitted,
        RebuildOptions {
            reschedule: false,
            write: false,
            answer_totals: true,
        },
    )
    .unwrap();
    assert_eq!(report.differed, 0, "{:?}", report.examples);
}

#[test]
fn no_card_text_goes_into_the_folder() {
    let dir = folder();
    let mut a = Device::new(0, 0);
    a.store
        .conn
        .execute_batch("UPDATE cards SET question = 'SECRET question', answer = 'SECRET answer'")
        .unwrap();
    a.answer("k1", Rating::Good, NOW);
    a.store.set_suspended(a.card("k2"), true, NOW + 1).unwrap();
    a.sync(dir.path(), NOW + MINUTE);
    for name in folder::event_files(dir.path()).unwrap() {
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert!(!text.contains("SECRET"), "{text}");
        assert!(text.contains("\"key\":\"k1\""), "{text}");
    }
}

/// What a learner does on one of three devices.
#[derive(Debug, Clone)]
enum Op {
    Answer {
        key: usize,
        grade: u8,
    },
    UndoOwn,
    UndoLast,
    Reset {
        key: usize,
    },
    Suspend {
        key: usize,
        on: bool,
    },
    Bury {
        key: usize,
        on: bool,
    },
    Sync,
    /// The device's notes reword the card's question: it takes the next name of that card
    /// (the notes of every device get each rewording, in order, sooner or later).
    Reword {
        key: usize,
    },
    /// The device's notes catch up with the rewordings of that card made elsewhere.
    NotesArrive {
        key: usize,
    },
}

fn op() -> impl proptest::strategy::Strategy<Value = (usize, i64, Op)> {
    use proptest::prelude::*;
    let what = prop_oneof![
        8 => (0usize..3, 1u8..=4).prop_map(|(key, grade)| Op::Answer { key, grade }),
        1 => Just(Op::UndoOwn),
        1 => Just(Op::UndoLast),
        1 => (0usize..3).prop_map(|key| Op::Reset { key }),
        1 => (0usize..3, any::<bool>()).prop_map(|(key, on)| Op::Suspend { key, on }),
        1 => (0usize..3, any::<bool>()).prop_map(|(key, on)| Op::Bury { key, on }),
        4 => Just(Op::Sync),
        1 => (0usize..3).prop_map(|key| Op::Reword { key }),
        1 => (0usize..3).prop_map(|key| Op::NotesArrive { key }),
    ];
    (
        0usize..3,
        prop_oneof![1i64..20, 600i64..3000, 1400i64..5000],
        what,
    )
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, ..Default::default() })]

    /// Whatever three devices do, and whenever each syncs, once all have synced twice over
    /// they hold the same log, the same card events and flags, and the same states, each
    /// equal to its log replayed.
    #[test]
    fn any_interleaving_of_events_and_syncs_across_three_devices_converges(
        ops in proptest::collection::vec(op(), 1..50)
    ) {
        let dir = folder();
        // Clocks off by odd amounts: two devices never answer one card at the same
        // millisecond (the log takes that for one answer, as from a database copied before
        // its first sync).
        let mut d = [
            Device::new(0, 0),
            Device::new(1000, -90 * MINUTE - 1234),
            // A clock more than a day ahead: the others hold its events until their time.
            Device::new(2000, 30 * HOUR + 567),
        ];
        let mut t = NOW;
        // The rewordings of each card so far (its names after the first), and how many of
        // them each device's notes have.
        let mut rewords = [0usize; 3];
        let mut seen = [[0usize; 3]; 3];
        let name = |k: usize, version: usize| match version {
            0 => KEYS[k].to_string(),
            v => format!("{}r{v}", KEYS[k]),
        };
        for (who, minutes, op) in ops {
            t += minutes * MINUTE;
            let dev = &mut d[who];
            let now_names: Vec<String> = (0..3).map(|k| name(k, seen[who][k])).collect();
            let key = |k: usize| now_names[k].as_str();
            match op {
                Op::Answer { key: k, grade } => {
                    dev.answer(key(k), Rating::from_number(grade).unwrap(), t)
                }
                Op::UndoOwn => dev.undo_own(t),
                Op::UndoLast => {
                    dev.store.undo_last_answer(&scheduler(), t + dev.skew).unwrap();
                    dev.undo.clear();
                }
                Op::Reset { key: k } => {
                    let card = dev.card(key(k));
                    dev.store.reset_card(card, &scheduler(), t + dev.skew).unwrap();
                    dev.undo.clear();
                }
                Op::Suspend { key: k, on } => {
                    let card = dev.card(key(k));
                    dev.store.set_suspended(card, on, t + dev.skew).unwrap();
                }
                Op::Bury { key: k, on } => {
                    let card = dev.card(key(k));
                    if on {
                        dev.store.bury(card, 20_500 + t / DAY, t + dev.skew).unwrap();
                    } else {
                        dev.store.unbury(card, t + dev.skew).unwrap();
                    }
                }
                Op::Sync => {
                    dev.sync(dir.path(), t);
                }
                Op::Reword { key: k } => {
                    rewords[k] += 1;
                    dev.take_name(key(k), &name(k, rewords[k]), t);
                    seen[who][k] = rewords[k];
                }
                Op::NotesArrive { key: k } => {
                    if seen[who][k] < rewords[k] {
                        dev.take_name(key(k), &name(k, rewords[k]), t);
                        seen[who][k] = rewords[k];
                    }
                }
            }
        }
        // Every device's notes get every rewording.
        for (who, dev) in d.iter_mut().enumerate() {
            for k in 0..3 {
                if seen[who][k] < rewords[k] {
                    dev.take_name(&name(k, seen[who][k]), &name(k, rewords[k]), t);
                }
            }
        }
        // Two rounds once every event's time has come on every clock.
        for round in 0..2 {
            for dev in d.iter_mut() {
                dev.sync(dir.path(), t + 2 * DAY + (round + 1) * MINUTE);
            }
        }
        let first = d[0].shared();
        for dev in d.iter_mut() {
            proptest::prop_assert_eq!(&dev.shared(), &first);
            dev.consistent();
        }
    }
}

#[test]
fn a_restored_database_whose_file_holds_more_than_it_becomes_a_new_device_and_syncs_on() {
    let dir = folder();
    let db_dir = tempfile::tempdir().unwrap();
    let (live, backup) = (
        db_dir.path().join("live.db"),
        db_dir.path().join("backup.db"),
    );
    let mut a = Device::new(0, 0);
    a.answer("k1", Rating::Good, NOW);
    a.answer("k2", Rating::Good, NOW + MINUTE);
    a.store
        .conn
        .execute("VACUUM INTO ?1", [backup.to_str().unwrap()])
        .unwrap();
    // The live database syncs its two answers and one more; the backup (the first two answers,
    // never synced) is restored.
    a.answer("k3", Rating::Hard, NOW + 2 * MINUTE);
    a.sync(dir.path(), NOW + 3 * MINUTE);
    a.store
        .conn
        .execute("VACUUM INTO ?1", [live.to_str().unwrap()])
        .unwrap();
    let mut restored = Device {
        store: Store::open(&backup).unwrap(),
        skew: 0,
        undo: Vec::new(),
    };
    // Same device? No: it never synced, so it is a device of its own, and learns k3.
    let got = restored.sync(dir.path(), NOW + 4 * MINUTE);
    assert_eq!(got.received.answers, 1, "{got:?}");
    // A copy of the live database made after its sync, restored, while the laptop goes on
    // answering: the file then holds an event the copy did not make, and the copy goes on as
    // a new device.
    let mut live = Device {
        store: Store::open(&live).unwrap(),
        skew: 0,
        undo: Vec::new(),
    };
    a.answer("k1", Rating::Easy, NOW + 5 * MINUTE);
    a.sync(dir.path(), NOW + 6 * MINUTE);
    live.answer("k2", Rating::Again, NOW + 7 * MINUTE);
    for t in 8..11 {
        let got = live.sync(dir.path(), NOW + t * MINUTE);
        assert!(got.bad_lines.is_empty(), "{got:?}");
    }
    a.sync(dir.path(), NOW + 12 * MINUTE);
    restored.sync(dir.path(), NOW + 12 * MINUTE);
    // The same answers everywhere (the two the backup had before its first sync travel
    // under two ids, each device keeping its own: compared without the ids).
    let answers = |d: &Device| -> Vec<String> {
        d.shared()[0]
            .iter()
            .map(|r| r.split('|').take(16).collect::<Vec<_>>().join("|"))
            .collect()
    };
    assert_eq!(answers(&a), answers(&live));
    assert_eq!(answers(&a), answers(&restored));
    assert_eq!(answers(&a).len(), 5);
    live.consistent();
}

#[test]
fn a_conflict_copy_of_this_devices_file_written_by_another_database_makes_it_a_new_device() {
    let dir = folder();
    let mut a = Device::new(0, 0);
    a.answer("k1", Rating::Good, NOW);
    a.sync(dir.path(), NOW + MINUTE);
    let me = a.store.sync_self().unwrap().unwrap();
    // Another database under the same id wrote its own next event; the engine kept both.
    let other = Event {
        id: EventId {
            device: me.device.clone(),
            seq: 2,
        },
        at: NOW + 2 * MINUTE,
        what: What::Reset {
            card: event::CardRef {
                deck: "d".into(),
                key: "k2".into(),
            },
        },
    };
    let own = dir.path().join(folder::own_file_name(&me.device));
    let mut text = std::fs::read_to_string(&own).unwrap();
    text.push_str(&event::line(&other));
    std::fs::write(
        dir.path()
            .join(format!("recall-{}.sync-conflict-x.jsonl", me.device)),
        text,
    )
    .unwrap();
    a.answer("k3", Rating::Good, NOW + 3 * MINUTE);
    let got = a.sync(dir.path(), NOW + 4 * MINUTE);
    assert_eq!(
        got.was_device.as_deref(),
        Some(me.device.as_str()),
        "{got:?}"
    );
    assert_eq!(got.received.resets, 1);
    // And it syncs on.
    a.answer("k1", Rating::Hard, NOW + 5 * MINUTE);
    let got = a.sync(dir.path(), NOW + 6 * MINUTE);
    assert_eq!((got.sent, got.was_device.as_deref()), (1, None));
    let mut b = Device::new(40, 0);
    b.sync(dir.path(), NOW + 7 * MINUTE);
    // The same log (its first answer travels under the old id and the new one: compared
    // without the ids) and the same states.
    let answers = |d: &Device| -> Vec<String> {
        d.shared()[0]
            .iter()
            .map(|r| r.split('|').take(16).collect::<Vec<_>>().join("|"))
            .collect()
    };
    assert_eq!(answers(&a), answers(&b));
    assert_eq!(a.shared()[1..], b.shared()[1..]);
}

#[test]
fn syncing_with_another_folder_and_back_keeps_the_device() {
    let (x, y) = (folder(), folder());
    let mut a = Device::new(0, 0);
    a.answer("k1", Rating::Good, NOW);
    a.sync(x.path(), NOW + MINUTE);
    a.answer("k2", Rating::Good, NOW + 2 * MINUTE);
    a.store
        .set_suspended(a.card("k3"), true, NOW + 3 * MINUTE)
        .unwrap();
    a.undo_own(NOW + 4 * MINUTE);
    a.sync(y.path(), NOW + 5 * MINUTE);
    a.answer("k3", Rating::Good, NOW + 6 * MINUTE);
    let got = a.sync(x.path(), NOW + 7 * MINUTE);
    assert_eq!(got.was_device, None, "{got:?}");
    assert_eq!(
        got.sent, 4,
        "the three events only folder Y had (an answer, a suspend, its undo) and the new answer"
    );
    let got = a.sync(x.path(), NOW + 8 * MINUTE);
    assert_eq!((got.sent, got.was_device.as_deref()), (0, None));
    let mut b = Device::new(40, 0);
    b.sync(x.path(), NOW + 9 * MINUTE);
    assert_eq!(a.shared(), b.shared());
}

#[test]
fn a_new_name_travels_to_the_other_devices() {
    let dir = folder();
    let (mut a, mut b) = (Device::new(0, 0), Device::new(10, 0));
    a.answer("k1", Rating::Good, NOW);
    a.sync(dir.path(), NOW + MINUTE);
    let got = b.sync(dir.path(), NOW + 2 * MINUTE);
    assert_eq!(got.from.len(), 1);
    assert!(!got.from.contains_key("laptop"));
    a.answer("k2", Rating::Good, NOW + 3 * MINUTE);
    sync(
        &mut a.store,
        dir.path(),
        &Options {
            name: Some("laptop"),
        },
        &scheduler(),
        NOW + 4 * MINUTE,
    )
    .unwrap();
    let got = b.sync(dir.path(), NOW + 5 * MINUTE);
    assert_eq!(got.from.get("laptop"), Some(&1), "{got:?}");
}

#[test]
fn a_parameter_set_dated_ahead_by_another_clock_does_not_outlast_a_later_fit_here() {
    let dir = folder();
    let (mut a, mut b) = (Device::new(0, 0), Device::new(10, 0));
    let mut w = fsrs::DEFAULT_PARAMETERS.to_vec();
    w[2] *= 0.5;
    a.store.save_parameters(&w, 1, 1, None, NOW + DAY).unwrap();
    a.sync(dir.path(), NOW);
    b.sync(dir.path(), NOW + MINUTE);
    let mut mine = fsrs::DEFAULT_PARAMETERS.to_vec();
    mine[2] *= 2.0;
    b.store
        .save_parameters(&mine, 1, 1, None, NOW + 2 * MINUTE)
        .unwrap();
    assert_eq!(b.store.current_parameters().unwrap(), Some(mine.clone()));
    b.sync(dir.path(), NOW + 3 * MINUTE);
    a.sync(dir.path(), NOW + 4 * MINUTE);
    assert_eq!(a.store.current_parameters().unwrap(), Some(mine));
}

/// Device `…aa`'s event `seq`: a Good answer at `at` to new card `key`, which it left in
/// `after` (phase, stability, difficulty, due, step).
fn tablet_answer(seq: i64, at: i64, key: &str, after: (Phase, f64, f64, i64, i64)) -> Event {
    let (phase, stability, difficulty, due, step) = after;
    Event {
        id: EventId {
            device: "00000000000000aa".into(),
            seq,
        },
        at,
        what: What::Answer {
            card: event::CardRef {
                deck: "d".into(),
                key: key.into(),
            },
            row: event::AnswerRow {
                rating: Rating::Good,
                duration_ms: 1000,
                state_before: Phase::New,
                stability_before: None,
                difficulty_before: None,
                due_before: None,
                last_review_before: None,
                state_after: phase,
                stability_after: Some(stability),
                difficulty_after: Some(difficulty),
                due_after: Some(due),
                step_after: Some(step),
            },
        },
    }
}

#[test]
fn one_answer_told_twice_in_one_file_is_added_once() {
    let dir = folder();
    let mut a = Device::new(0, 0);
    let answer = |seq: i64| {
        let after = (Phase::Learning, 2.3, 2.1, NOW + 10 * MINUTE, 1);
        tablet_answer(seq, NOW, "k1", after)
    };
    let text = format!(
        "{}{}{}",
        event::header_line("00000000000000aa", "tablet"),
        event::line(&answer(1)),
        event::line(&answer(2))
    );
    std::fs::write(dir.path().join("recall-00000000000000aa.jsonl"), text).unwrap();
    let got = a.sync(dir.path(), NOW + HOUR);
    assert_eq!((got.received.answers, got.already_here), (1, 1), "{got:?}");
    a.consistent();
}

#[test]
fn an_answer_or_reset_here_timed_before_a_synced_one_takes_its_place_in_time_order() {
    let dir = folder();
    // The phone's clock runs an hour ahead.
    let (mut laptop, mut phone) = (Device::new(0, 0), Device::new(10, HOUR));
    phone.answer("k1", Rating::Good, NOW);
    phone.answer("k2", Rating::Good, NOW);
    phone.sync(dir.path(), NOW + MINUTE);
    laptop.sync(dir.path(), NOW + 2 * MINUTE);
    // Answered and reset here after the phone's answers, at times before them: the cache is
    // the log replayed in time order (the phone's answers last), with no sync after.
    laptop.answer("k1", Rating::Again, NOW + 3 * MINUTE);
    let card = laptop.card("k2");
    laptop
        .store
        .reset_card(card, &scheduler(), NOW + 4 * MINUTE)
        .unwrap();
    assert_ne!(
        laptop.store.card_schedule(card).unwrap(),
        crate::schedule::CardSchedule::NEW,
        "the phone's answer after the reset counts"
    );
    laptop.consistent();
}

#[test]
fn answers_dated_far_ahead_wait_for_their_time_and_impossible_dates_are_skipped_by_line() {
    let dir = folder();
    let mut a = Device::new(0, 0);
    let answer = |seq: i64, at: i64, key: &str| {
        tablet_answer(seq, at, key, (Phase::Review, 20.0, 5.0, at + 20 * DAY, 0))
    };
    // 2099, two days ahead, 1970, and one in time.
    let year_2099 = 4_070_908_800_000;
    let text = format!(
        "{}{}{}{}{}",
        event::header_line("00000000000000aa", "tablet"),
        event::line(&answer(1, year_2099, "k1")),
        event::line(&answer(2, NOW + 2 * DAY, "k2")),
        event::line(&answer(3, 0, "k3")),
        event::line(&answer(4, NOW - MINUTE, "k3")),
    );
    std::fs::write(dir.path().join("recall-00000000000000aa.jsonl"), text).unwrap();
    let got = a.sync(dir.path(), NOW);
    assert_eq!(
        (got.received.answers, got.held, got.waiting),
        (1, 2, 0),
        "{got:?}"
    );
    assert_eq!(got.bad_line_count, 3, "{got:?}");
    assert!(
        got.bad_lines[0]
            .starts_with("recall-00000000000000aa.jsonl:2: dated 2099-01-01 00:00 UTC, ahead of"),
        "{:?}",
        got.bad_lines
    );
    assert!(
        got.bad_lines[2].ends_with(":4: dated 1970-01-01 00:00 UTC: skipped"),
        "{:?}",
        got.bad_lines
    );
    // Only the answer in time is in the log; the others left their cards alone.
    for (key, answers) in [("k1", 0), ("k2", 0), ("k3", 1)] {
        assert_eq!(
            a.store.card_log(a.card(key)).unwrap().0.len(),
            answers,
            "{key}"
        );
    }
    // The day comes: the answer dated then is taken in; 2099 still waits, said once a sync.
    let later = a.sync(dir.path(), NOW + 2 * DAY);
    assert_eq!((later.received.answers, later.held), (1, 1), "{later:?}");
    assert_eq!(later.bad_line_count, 0, "{later:?}");
    assert_eq!(a.store.card_log(a.card("k2")).unwrap().0.len(), 1);
    a.consistent();
}

fn answers_on(d: &Device, key: &str) -> usize {
    d.store.card_log(d.card(key)).unwrap().0.len()
}

#[test]
fn a_rename_from_before_this_device_had_the_card_applies_once_it_has_it_under_either_name() {
    let dir = folder();
    let mut a = Device::new(0, 0);
    a.answer("k1", Rating::Good, NOW);
    a.sync(dir.path(), NOW + MINUTE);
    a.take_name("k1", "k1r1", NOW + 2 * MINUTE);
    a.sync(dir.path(), NOW + 3 * MINUTE);
    // A device without the card yet: the answer and the rename wait.
    let mut c = Device::new(5000, 0);
    c.store
        .conn
        .execute_batch("DELETE FROM cards WHERE key = 'k1'")
        .unwrap();
    let r = c.sync(dir.path(), NOW + 4 * MINUTE);
    assert_eq!(r.waiting, 2, "{r:?}");
    // Its notes then give it the card under the new name only.
    let deck = c.store.deck_id("d", 1).unwrap();
    c.store
        .conn
        .execute(
            "INSERT INTO cards (id, deck_id, key, kind, question, answer, line, position, \
             created_at, updated_at) VALUES (9001, ?1, 'k1r1', 'basic', 'q', 'a', 1, 1, 1, 1)",
            rusqlite::params![deck.0],
        )
        .unwrap();
    let r = c.sync(dir.path(), NOW + 5 * MINUTE);
    assert_eq!(r.waiting, 0, "{r:?}");
    assert_eq!(answers_on(&c, "k1r1"), 1);
    assert_eq!(answers_on(&c, "k1"), 1, "the old name is the card's too");
    c.consistent();
}

#[test]
fn a_rename_held_for_its_time_applies_when_its_time_comes_on_a_device_knowing_the_old_name() {
    let dir = folder();
    // The laptop's clock runs two days ahead.
    let mut a = Device::new(0, 2 * DAY);
    let mut b = Device::new(1000, 0);
    a.take_name("k1", "k1r1", NOW);
    a.answer("k1r1", Rating::Good, NOW + MINUTE);
    a.sync(dir.path(), NOW + 2 * MINUTE);
    let r = b.sync(dir.path(), NOW + 5 * MINUTE);
    assert_eq!((r.held, r.received.answers), (2, 0), "{r:?}");
    let r = b.sync(dir.path(), NOW + 3 * DAY);
    assert_eq!((r.held, r.waiting), (0, 0), "{r:?}");
    assert_eq!(answers_on(&b, "k1"), 1);
    assert_eq!(answers_on(&b, "k1r1"), 1);
    b.consistent();
}
