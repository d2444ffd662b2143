//! Reviewing: the session's queue and rules (`session`, no terminal, no database).

pub mod plan;
pub mod session;
