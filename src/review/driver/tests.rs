//! The review loop driven in process by a scripted UI: what it shows, what it saves, and in
//! which order, without a terminal or the binary.

use super::*;
use crate::clock::Zone;
use crate::config::Config;
use crate::import::{collect_files, import, Options};
use crate::review::plan::DayPlan;
use crate::schedule::SchedulerConfig;
use crate::store::queue::QueueFilter;

/// 09:00 UTC, 2026-11-24.
const NOW: i64 = 1_795_510_800_000;
const DAY: i64 = 86_400_000;
const NOTES: &str = "- What is a monad?\n\t- a monoid of endofunctors\n- Which port does SSH use?\n\t- 22\n- What is TCP?\n\t- a stream protocol\n";

/// A UI that plays a script of actions and keeps what it was shown.
#[derive(Default)]
struct Script {
    actions: Vec<Action>,
    shown: Vec<String>,
}

impl Script {
    fn next(&mut self) -> Action {
        if self.actions.is_empty() {
            Action::Quit
        } else {
            self.actions.remove(0)
        }
    }
}

impl Ui for Script {
    fn ask(&mut self, card: &ReviewCard, _: Counts) -> UiResult<Action> {
        self.shown.push(format!("Q {}", card.question));
        Ok(self.next())
    }
    fn reveal(
        &mut self,
        card: &ReviewCard,
        _: Counts,
        grades: &[(Rating, String)],
    ) -> UiResult<Action> {
        let labels: Vec<&str> = grades.iter().map(|(_, l)| l.as_str()).collect();
        self.shown
            .push(format!("A {} [{}]", card.answer, labels.join(" ")));
        Ok(self.next())
    }
    fn note(&mut self, text: &str) -> UiResult<()> {
        self.shown.push(format!("note {text}"));
        Ok(())
    }
    fn ask_typed(&mut self, card: &ReviewCard, _: Counts) -> UiResult<Result<String, Action>> {
        self.shown.push(format!("typed? {}", card.question));
        Ok(Err(self.next()))
    }
    fn reveal_typed(
        &mut self,
        card: &ReviewCard,
        left: Counts,
        grades: &[(Rating, String)],
        _: &[Piece],
        _: Rating,
    ) -> UiResult<Action> {
        self.reveal(card, left, grades)
    }
}

struct Env {
    _dir: tempfile::TempDir,
    store: Store,
    config: Config,
    scheduler: Scheduler,
    clock: Clock,
}

fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::default();
    let p = dir.path().join("n.md");
    std::fs::write(&p, NOTES).unwrap();
    let mut store = Store::open(&dir.path().join("recall.db")).unwrap();
    let (files, _) = collect_files(&[p.as_path()]);
    let opts = Options::new(&config, NOW - DAY);
    import(&mut store, &files, &opts, |_| {}).unwrap();
    Env {
        _dir: dir,
        store,
        config,
        scheduler: Scheduler::new(SchedulerConfig::default()).unwrap(),
        clock: Clock::starting_at(NOW, Zone::Fixed(0)),
    }
}

impl Env {
    /// Runs today's session through `ui`, saving answers (`record`) or cramming.
    fn run(&mut self, ui: &mut dyn Ui, record: bool) -> bool {
        let mut session = DayPlan::build(
            &self.store,
            &self.config,
            &self.scheduler,
            &QueueFilter::default(),
            NOW,
        )
        .unwrap()
        .session(&self.scheduler);
        let how = Study {
            record,
            type_answers: false,
            scheduler: &self.scheduler,
            clock: &self.clock,
        };
        let today = self.scheduler.study_day(NOW);
        let day = Day::new(today, self.scheduler.day_start(today + 1));
        let mut no_edit = |_: &ReviewCard, _: &mut Store| Err("no editor here".to_string());
        study(&mut session, &mut self.store, &how, ui, &mut no_edit, day).unwrap()
    }

    fn answers(&self) -> usize {
        self.store.counted_answers().unwrap().len()
    }
}

fn grade(r: Rating) -> Action {
    Action::Grade(r)
}

#[test]
fn each_answer_is_saved_before_the_next_card_shows() {
    let mut env = env();
    let mut ui = Script {
        actions: vec![
            Action::Reveal,
            grade(Rating::Good),
            Action::Reveal,
            grade(Rating::Easy),
        ],
        ..Script::default()
    };
    let freed = env.run(&mut ui, true);
    assert!(!freed);
    assert_eq!(env.answers(), 2);
    // Question, answer with a label per grade, then the next question; quit at the third.
    let kinds: Vec<&str> = ui.shown.iter().map(|s| &s[..1]).collect();
    assert_eq!(kinds, ["Q", "A", "Q", "A", "Q"], "{:?}", ui.shown);
    let first_answer = &ui.shown[1];
    assert!(
        !first_answer.ends_with("[   ]"),
        "the grades show their intervals: {first_answer}"
    );
}

#[test]
fn undo_takes_the_answer_back_and_shows_the_card_again() {
    let mut env = env();
    let mut ui = Script {
        actions: vec![Action::Reveal, grade(Rating::Good), Action::Undo],
        ..Script::default()
    };
    env.run(&mut ui, true);
    assert_eq!(env.answers(), 0);
    assert!(
        ui.shown.iter().any(|s| s.starts_with("note ")),
        "{:?}",
        ui.shown
    );
    // The undone card is asked again, the same question as first.
    let questions: Vec<&String> = ui.shown.iter().filter(|s| s.starts_with("Q ")).collect();
    assert_eq!(questions.first(), questions.last(), "{:?}", ui.shown);
}

#[test]
fn cramming_saves_nothing_and_shows_no_intervals() {
    let mut env = env();
    let mut ui = Script {
        actions: vec![
            Action::Reveal,
            grade(Rating::Good),
            Action::Suspend,
            Action::Reveal,
            grade(Rating::Again),
        ],
        ..Script::default()
    };
    let freed = env.run(&mut ui, false);
    assert!(!freed);
    assert_eq!(env.answers(), 0);
    assert!(ui.shown[1].ends_with("[   ]"), "{:?}", ui.shown);
    assert!(ui
        .shown
        .iter()
        .any(|s| s.contains("Cram: nothing is suspended")));
}

#[test]
fn an_edit_that_fails_is_said_and_the_card_stays() {
    let mut env = env();
    let mut ui = Script {
        actions: vec![Action::Edit, Action::Reveal, grade(Rating::Good)],
        ..Script::default()
    };
    let freed = env.run(&mut ui, true);
    assert!(freed);
    assert!(
        ui.shown
            .iter()
            .any(|s| s == "note Could not edit the note: no editor here"),
        "{:?}",
        ui.shown
    );
    assert_eq!(env.answers(), 1);
}

#[test]
fn a_ui_that_fails_stops_the_session_with_its_error() {
    struct Broken;
    impl Ui for Broken {
        fn ask(&mut self, _: &ReviewCard, _: Counts) -> UiResult<Action> {
            Err("the terminal went away".into())
        }
        fn reveal(
            &mut self,
            _: &ReviewCard,
            _: Counts,
            _: &[(Rating, String)],
        ) -> UiResult<Action> {
            unreachable!()
        }
        fn note(&mut self, _: &str) -> UiResult<()> {
            Ok(())
        }
        fn ask_typed(&mut self, _: &ReviewCard, _: Counts) -> UiResult<Result<String, Action>> {
            unreachable!()
        }
        fn reveal_typed(
            &mut self,
            _: &ReviewCard,
            _: Counts,
            _: &[(Rating, String)],
            _: &[Piece],
            _: Rating,
        ) -> UiResult<Action> {
            unreachable!()
        }
    }
    let mut env = env();
    let mut session = DayPlan::build(
        &env.store,
        &env.config,
        &env.scheduler,
        &QueueFilter::default(),
        NOW,
    )
    .unwrap()
    .session(&env.scheduler);
    let how = Study {
        record: true,
        type_answers: false,
        scheduler: &env.scheduler,
        clock: &env.clock,
    };
    let today = env.scheduler.study_day(NOW);
    let day = Day::new(today, env.scheduler.day_start(today + 1));
    let mut no_edit = |_: &ReviewCard, _: &mut Store| Err(String::new());
    let err = study(
        &mut session,
        &mut env.store,
        &how,
        &mut Broken,
        &mut no_edit,
        day,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "the terminal went away");
}

#[test]
fn the_line_ui_drives_the_loop_in_process() {
    let mut env = env();
    // Show the answer, grade Good, then quit.
    let input = std::io::Cursor::new(b"\n3\nq\n".to_vec());
    let mut out = Vec::new();
    {
        let mut ui = crate::ui::line::LineUi::new(input, &mut out, false);
        env.run(&mut ui, true);
    }
    assert_eq!(env.answers(), 1);
    let text = String::from_utf8(out).unwrap();
    let asked = [
        "What is a monad?",
        "Which port does SSH use?",
        "What is TCP?",
    ]
    .iter()
    .filter(|q| text.contains(*q))
    .count();
    // The first card, its answer, then the second card's question before `q`.
    assert_eq!(asked, 2, "{text}");
}
