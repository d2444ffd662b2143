//! Reviewing: the session's queue and rules (`session`, no terminal, no database), the day's plan, the
//! loop every UI drives (`driver`), and what comes before and after a session (`start`).

pub mod driver;
pub mod effects;
pub mod loads;
pub mod plan;
pub mod session;
pub mod start;
pub mod typing;
