//! recall's one integration test binary: golden extraction of real notes, the CLI end to end
//! through the built binary, and property tests of the parser.

mod cli;
mod golden;
mod import;
mod optimize;
mod props;
mod review;
mod terminal;
mod util;
