use super::*;
use crate::config::DeckSettings;
use crate::import::{collect_files, import, Options};
use crate::schedule::{Rating, SchedulerConfig};
use crate::store::reviews::Answer;

/// 09:00 UTC, 2026-11-24.
const NOW: i64 = 1_795_510_800_000;
const DAY: i64 = 86_400_000;

struct Env {
    dir: tempfile::TempDir,
    store: Store,
    config: Config,
    scheduler: Scheduler,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
            store: Store::open_in_memory().unwrap(),
            config: Config::default(),
            scheduler: Scheduler::new(SchedulerConfig::default()).unwrap(),
        }
    }

    fn import(&mut self, name: &str, text: &str) {
        self.import_as(name, None, text)
    }

    fn import_as(&mut self, name: &str, deck: Option<&str>, text: &str) {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        let (files, _) = collect_files(&[p.as_path()]);
        let opts = Options {
            deck,
            ..Options::new(&self.config, NOW - DAY)
        };
        import(&mut self.store, &files, &opts, |_| {}).unwrap();
    }

    fn plan(&self, now: i64) -> DayPlan {
        DayPlan::build(
            &self.store,
            &self.config,
            &self.scheduler,
            &QueueFilter::default(),
            now,
        )
        .unwrap()
    }

    /// Answers the card with this question (or cloze question) at `now`.
    fn answer(&mut self, question: &str, rating: Rating, now: i64) {
        let plan = self.plan(now);
        let card = plan
            .learning
            .iter()
            .chain(&plan.reviews)
            .chain(&plan.new)
            .find(|c| c.question == question)
            .unwrap_or_else(|| panic!("{question:?} is not in today's plan"))
            .clone();
        let after = self.scheduler.answer(&card.schedule, rating, now, 0.5);
        self.store
            .record_answer(
                &Answer {
                    card_id: card.id,
                    reviewed_at: now,
                    rating,
                    duration_ms: 1_000,
                    before: card.schedule,
                    after,
                },
                &self.scheduler,
            )
            .unwrap();
    }
}

fn questions(cards: &[ReviewCard]) -> Vec<&str> {
    cards.iter().map(|c| c.question.as_str()).collect()
}

const NOTE: &str = "- the **GIL** guards the **interpreter**\n- q2\n\t- a2\n- q3\n\t- a3\n";

#[test]
fn a_sibling_takes_no_place_of_the_new_card_limit() {
    let mut env = Env::new();
    env.config.review.new_per_day = 2;
    env.import("d.md", NOTE);
    let plan = env.plan(NOW);
    // The two clozes of one block are siblings: the second waits, and q2 takes its place.
    assert_eq!(
        questions(&plan.new),
        ["the […] guards the **interpreter**", "q2"]
    );
    assert_eq!(
        plan.counts(),
        Counts {
            new: 2,
            learning: 0,
            review: 0
        }
    );
}

#[test]
fn a_card_answered_today_keeps_its_siblings_for_another_day() {
    let mut env = Env::new();
    env.import("d.md", NOTE);
    env.answer("the […] guards the **interpreter**", Rating::Easy, NOW);
    let plan = env.plan(NOW + 60_000);
    assert_eq!(questions(&plan.new), ["q2", "q3"]);
    assert_eq!(plan.answered_today, 1);
    let tomorrow = env.plan(NOW + DAY);
    assert_eq!(
        questions(&tomorrow.new),
        ["the **GIL** guards the […]", "q2", "q3"]
    );
}

#[test]
fn learning_cards_are_all_in_the_plan_and_split_into_now_and_later() {
    let mut env = Env::new();
    env.import("d.md", "- q1\n\t- a1\n- q2\n\t- a2\n- q3\n\t- a3\n");
    env.answer("q1", Rating::Again, NOW);
    env.answer("q2", Rating::Hard, NOW);
    let plan = env.plan(NOW + 2 * 60_000);
    assert_eq!(
        plan.counts(),
        Counts {
            new: 1,
            learning: 2,
            review: 0
        }
    );
    // Again brings q1 back in a minute; Hard waits longer.
    assert_eq!(plan.due_now(), 1);
    let decks = plan.by_deck();
    assert_eq!(decks.len(), 1);
    assert_eq!(
        (
            decks[0].learning,
            decks[0].new,
            decks[0].due_now,
            decks[0].due_later
        ),
        (2, 1, 1, 1)
    );
}

#[test]
fn deck_limits_cover_sub_decks_and_count_todays_answers() {
    let mut env = Env::new();
    env.config.decks.insert(
        "lang".into(),
        DeckSettings {
            new_per_day: Some(2),
            ..DeckSettings::default()
        },
    );
    let python = "- p1\n\t- a\n- p2\n\t- a\n- p3\n\t- a\n";
    env.import_as("python.md", Some("lang/python"), python);
    env.import("other.md", "- o1\n\t- a\n");
    let plan = env.plan(NOW);
    assert_eq!(questions(&plan.new), ["p1", "p2", "o1"]);
    env.answer("p1", Rating::Good, NOW);
    let plan = env.plan(NOW + 60_000);
    assert_eq!(
        questions(&plan.new),
        ["p2", "o1"],
        "one of lang's two is used"
    );
}

#[test]
fn the_session_of_a_plan_counts_what_the_plan_counts() {
    let mut env = Env::new();
    env.import("d.md", NOTE);
    env.answer("q2", Rating::Again, NOW);
    let plan = env.plan(NOW + 1_000);
    let counts = plan.counts();
    let session = plan.session(&env.scheduler);
    assert_eq!(session.counts(), counts);
}

#[test]
fn an_answer_dated_later_by_a_clock_set_back_is_not_todays() {
    let mut env = Env::new();
    env.config.review.new_per_day = 2;
    env.import("d.md", NOTE);
    // Answered "tomorrow" (the clock was wrong then, or is wrong now).
    env.answer("q2", Rating::Good, NOW + DAY);
    let plan = env.plan(NOW);
    assert_eq!(plan.answered_today, 0);
    assert_eq!(
        plan.counts().new,
        2,
        "tomorrow's answer takes no place of today's limit"
    );
    let days = env.store.answers_per_day(None, &env.scheduler).unwrap();
    let today = env.scheduler.study_day(NOW);
    assert!(
        days.iter().all(|d| d.day != today),
        "nor do the statistics count it today"
    );
}
