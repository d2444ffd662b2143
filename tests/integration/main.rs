//! recall's one integration test binary: golden extraction of real notes and of the labelled
//! corpus (scored against its labels), the CLI end to end through the built binary, and
//! property tests of the parser.

mod anki;
mod cli;
mod corpus;
mod golden;
mod hostile;
mod import;
mod kill_loop;
mod optimize;
mod props;
mod review;
mod serve;
mod sync;
mod terminal;
mod time;
mod today;
mod util;
