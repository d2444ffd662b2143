//! The review session behind the browser. The library's review loop
//! ([`crate::review::driver::study`]) runs on a thread of its own, so the browser follows the
//! same session rules as the terminal (counts, limits, siblings, undo, learning steps); its UI,
//! [`WebUi`], publishes each card with its grades and waits for the action a request brings.
//! Every answer is committed by the loop before the next card is published, so a reply that
//! shows the next card comes after the answer is durable.

use crate::collection::Collection;
use crate::error::Error;
use crate::model::{CardId, ReviewCard};
use crate::review::driver::{study, Study, Ui, UiResult};
use crate::review::effects::Day;
use crate::review::session::{Action, Counts};
use crate::review::start;
use crate::review::typing::Piece;
use crate::schedule::Rating;
use crate::store::queue::QueueFilter;
use crate::store::Store;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// How long a request waits for the session to publish its next screen.
const WAIT: Duration = Duration::from_secs(60);

/// What the browser is shown.
#[derive(Debug, Clone)]
pub enum Shown {
    /// A card, its answer and the grades with the interval each gives.
    Card {
        card: Box<ReviewCard>,
        left: Counts,
        grades: Vec<(Rating, String)>,
    },
    /// Nothing is left to study now.
    Done,
}

/// A request the session cannot take.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error("card {0} is not the card shown; ask /api/next for it")]
    NotShown(i64),
    #[error("no card is shown now; ask /api/next")]
    NoCard,
    #[error("the review session stopped: {0}")]
    Stopped(String),
    #[error("the review session is still at work on the last request; ask /api/next before sending it again")]
    Busy,
}

enum Command {
    Act(Action),
    /// Plan the day again (cards may have come due since the last session ended).
    Again,
}

#[derive(Default)]
struct State {
    /// `None` while the session works on the last action.
    shown: Option<Shown>,
    /// What the session said since the last reply (undone, suspended, ...).
    notes: Vec<String>,
    failed: Option<String>,
    generation: u64,
}

impl State {
    /// Marks the session busy with a request; the generation its next screen must pass.
    fn take_turn(&mut self) -> u64 {
        self.shown = None;
        self.generation
    }
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn publish(&self, shown: Shown) {
        let mut s = self.lock();
        s.shown = Some(shown);
        s.generation += 1;
        self.changed.notify_all();
    }

    fn fail(&self, message: String) {
        let mut s = self.lock();
        s.failed = Some(message);
        s.generation += 1;
        self.changed.notify_all();
    }
}

/// The session thread and the way to reach it.
pub struct Desk {
    shared: Arc<Shared>,
    commands: Mutex<Sender<Command>>,
}

impl Desk {
    /// Starts studying the cards of `filter` in `col` (its own connection to the database).
    pub fn start(col: Collection, filter: QueueFilter) -> Desk {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
        });
        let (tx, rx) = channel();
        let thread_shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            // Whatever ends the thread (an error, a panic), requests say so at once rather
            // than wait for a screen that will not come.
            struct Guard(Arc<Shared>);
            impl Drop for Guard {
                fn drop(&mut self) {
                    if self.0.lock().failed.is_none() {
                        self.0.fail("the review session ended".into());
                    }
                }
            }
            let _guard = Guard(Arc::clone(&thread_shared));
            if let Err(e) = run(col, &filter, &thread_shared, &rx) {
                eprintln!("recall serve: the review session stopped: {e}");
                thread_shared.fail(e.to_string());
            }
        });
        Desk {
            shared,
            commands: Mutex::new(tx),
        }
    }

    fn send(&self, command: Command) -> Result<(), DeskError> {
        self.commands
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .send(command)
            .map_err(|_| DeskError::Stopped("the session thread ended".into()))
    }

    /// The state, locked, once the session shows something newer than `after` (anything, for
    /// `None`): a request checks and takes its turn under this one lock, so two requests never
    /// act on the same screen.
    fn settled(&self, after: Option<u64>) -> Result<MutexGuard<'_, State>, DeskError> {
        let mut s = self.shared.lock();
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            if let Some(f) = &s.failed {
                return Err(DeskError::Stopped(f.clone()));
            }
            if after.is_none_or(|g| s.generation > g) && s.shown.is_some() {
                return Ok(s);
            }
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return Err(DeskError::Busy);
            }
            s = self
                .shared
                .changed
                .wait_timeout(s, left)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    /// What the session shows once it is newer than `after`, and what it said since.
    fn wait(&self, after: Option<u64>) -> Result<(Shown, Vec<String>), DeskError> {
        let mut s = self.settled(after)?;
        let shown = s.shown.clone().ok_or(DeskError::Busy)?;
        Ok((shown, std::mem::take(&mut s.notes)))
    }

    /// What is shown now, as it is (no new plan, no notes taken).
    pub fn peek(&self) -> Result<Shown, DeskError> {
        self.shared.lock().shown.clone().ok_or(DeskError::Busy)
    }

    /// The card shown now; when the last session ended, the day is planned again first.
    pub fn current(&self) -> Result<(Shown, Vec<String>), DeskError> {
        let mut s = self.settled(None)?;
        let mut notes = std::mem::take(&mut s.notes);
        let shown = s.shown.clone().ok_or(DeskError::Busy)?;
        if !matches!(shown, Shown::Done) {
            return Ok((shown, notes));
        }
        let generation = s.take_turn();
        drop(s);
        self.send(Command::Again)?;
        let (shown, mut more) = self.wait(Some(generation))?;
        notes.append(&mut more);
        Ok((shown, notes))
    }

    /// Does `action` on the card shown (`card`, when the request names one), and returns what
    /// is shown after it: the answer is saved by then.
    pub fn act(
        &self,
        card: Option<CardId>,
        action: Action,
    ) -> Result<(Shown, Vec<String>), DeskError> {
        let mut s = self.settled(None)?;
        match (&s.shown, card) {
            (Some(Shown::Done), _) if action != Action::Undo => return Err(DeskError::NoCard),
            (Some(Shown::Done), _) => {
                s.notes
                    .push("Nothing to undo: this session's cards are done.".into());
                return Ok((Shown::Done, std::mem::take(&mut s.notes)));
            }
            (Some(Shown::Card { card: c, .. }), Some(id)) if c.id != id => {
                return Err(DeskError::NotShown(id.0))
            }
            _ => {}
        }
        let generation = s.take_turn();
        drop(s);
        self.send(Command::Act(action))?;
        self.wait(Some(generation))
    }
}

/// Session after session: study until the cards are done, then wait to be asked again.
fn run(
    mut col: Collection,
    filter: &QueueFilter,
    shared: &Arc<Shared>,
    commands: &Receiver<Command>,
) -> Result<(), Error> {
    loop {
        let scheduler = col.scheduler()?;
        let now = col.now();
        let today = scheduler.study_day(now);
        let end = scheduler.day_start(today + 1);
        let mut session = start::open(&col.store, &col.config, &scheduler, filter, false, now)?;
        let clock = col.clock.clone();
        let how = Study {
            record: true,
            type_answers: false,
            scheduler: &scheduler,
            clock: &clock,
        };
        let mut ui = WebUi {
            shared,
            commands,
            quit: false,
        };
        let mut edit = |_: &ReviewCard, _: &mut Store| -> Result<String, String> {
            Err("a note is edited at the terminal (`recall review`, key e)".into())
        };
        study(
            &mut session,
            &mut col.store,
            &how,
            &mut ui,
            &mut edit,
            Day::new(today, end),
        )?;
        if ui.quit {
            return Ok(());
        }
        shared.publish(Shown::Done);
        loop {
            match commands.recv() {
                Ok(Command::Again) => break,
                // Nothing is shown: a stray action changes nothing.
                Ok(Command::Act(_)) => shared.publish(Shown::Done),
                Err(_) => return Ok(()),
            }
        }
    }
}

/// The browser as the review loop's UI: the question is revealed at once (the page holds
/// both sides and shows the answer on a tap), and the answer side waits for a request.
struct WebUi<'a> {
    shared: &'a Shared,
    commands: &'a Receiver<Command>,
    quit: bool,
}

impl WebUi<'_> {
    fn wait_action(&mut self, shown: Shown) -> Action {
        self.shared.publish(shown.clone());
        loop {
            match self.commands.recv() {
                Ok(Command::Act(a)) => return a,
                Ok(Command::Again) => self.shared.publish(shown.clone()),
                Err(_) => {
                    self.quit = true;
                    return Action::Quit;
                }
            }
        }
    }
}

impl Ui for WebUi<'_> {
    fn ask(&mut self, _card: &ReviewCard, _left: Counts) -> UiResult<Action> {
        Ok(Action::Reveal)
    }

    fn reveal(
        &mut self,
        card: &ReviewCard,
        left: Counts,
        grades: &[(Rating, String)],
    ) -> UiResult<Action> {
        Ok(self.wait_action(Shown::Card {
            card: Box::new(card.clone()),
            left,
            grades: grades.to_vec(),
        }))
    }

    fn note(&mut self, text: &str) -> UiResult<()> {
        let mut s = self.shared.lock();
        if s.notes.len() < 16 {
            s.notes.push(text.to_string());
        }
        Ok(())
    }

    fn ask_typed(&mut self, _: &ReviewCard, _: Counts) -> UiResult<Result<String, Action>> {
        Ok(Err(Action::Reveal))
    }

    fn reveal_typed(
        &mut self,
        card: &ReviewCard,
        left: Counts,
        grades: &[(Rating, String)],
        _typed: &[Piece],
        _proposed: Rating,
    ) -> UiResult<Action> {
        self.reveal(card, left, grades)
    }
}
