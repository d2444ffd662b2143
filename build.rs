//! Link step: the release binary keeps its line tables (panics and backtraces name the file
//! and line) with the debug sections compressed to about a third of their size.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg=-Wl,--compress-debug-sections=zlib");
    }
}
