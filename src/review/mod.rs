//! Reviewing: the session's queue and rules (`session`, no terminal, no database).

pub mod driver;
pub mod effects;
pub mod loads;
pub mod plan;
pub mod session;
pub mod typing;
