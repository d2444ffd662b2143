//! The one door to the use cases, as Anki's `Collection`: the store, the settings and the
//! clock held together, and what every command needs of them together (the scheduler with the
//! parameters `recall optimize` fitted, today's plan). The binary opens one per command and
//! calls the use cases through it.

use crate::clock::Clock;
use crate::config::Config;
use crate::error::Result;
use crate::review::plan::DayPlan;
use crate::schedule::Scheduler;
use crate::store::queue::QueueFilter;
use crate::store::Store;

/// A collection: its database, the settings in force and the time.
pub struct Collection {
    pub store: Store,
    pub config: Config,
    pub clock: Clock,
}

impl Collection {
    pub fn new(store: Store, config: Config, clock: Clock) -> Collection {
        Collection {
            store,
            config,
            clock,
        }
    }

    /// Now, in Unix milliseconds.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// The scheduler: the settings' and the newest parameters `recall optimize` fitted.
    pub fn scheduler(&self) -> Result<Scheduler> {
        let mut settings = self.config.review.scheduler(self.clock.zone);
        settings.parameters = self.store.current_parameters()?.unwrap_or_default();
        Ok(Scheduler::new(settings)?)
    }

    /// Today's plan of the cards `filter` takes (what the review studies and `recall`, `decks`
    /// and `due` count).
    pub fn plan(&self, scheduler: &Scheduler, filter: &QueueFilter) -> Result<DayPlan> {
        DayPlan::build(&self.store, &self.config, scheduler, filter, self.now())
    }

    /// Today's plan over every card.
    pub fn plan_of_all(&self, scheduler: &Scheduler) -> Result<DayPlan> {
        self.plan(scheduler, &QueueFilter::default())
    }
}
