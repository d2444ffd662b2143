//! The review's user interfaces: each drives the library's review loop
//! ([`crate::review::driver`]) through its [`Ui`](crate::review::driver::Ui) trait, showing
//! cards and reading actions. `terminal` is the full-screen one, `line` the plain line mode
//! (scripts, pipes, no terminal); `keys` is what each key means on each screen, for both.

pub mod keys;
pub mod line;
pub mod terminal;
