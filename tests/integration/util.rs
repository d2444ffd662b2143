//! Test harness: a temporary folder of notes and a way to run the real `recall` binary in it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary folder that lives as long as the test.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> Self {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A folder whose configuration has one learning step (`["1m"]`), so a new card answered
    /// Good graduates at once, as it did before recall had Anki's steps: for the tests of
    /// other things that were written against that (the steps have tests of their own).
    pub fn one_learning_step() -> Self {
        let env = TestEnv::new();
        env.write(
            "xdg-config/recall/config.toml",
            "[review]\nlearning-steps = [\"1m\"]\n",
        );
        env
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().expect("file has a folder")).expect("mkdir");
        std::fs::write(&p, contents).expect("write");
        p
    }

    /// Runs `recall ARGS...` in the folder, with no terminal, and no colour setting or user
    /// configuration inherited (the platform config and data folders are inside the temp
    /// folder, so the default database is too).
    pub fn run(&self, args: &[&str]) -> Run {
        let out = self.command(args).output().expect("run recall");
        Run::from(out)
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_recall"));
        cmd.args(args)
            .current_dir(self.dir.path())
            .env_remove("NO_COLOR")
            .env_remove("RECALL_CONFIG")
            .env_remove("RECALL_DB")
            .env_remove("TZ")
            .env("XDG_CONFIG_HOME", self.path("xdg-config"))
            .env("XDG_DATA_HOME", self.path("xdg-data"))
            .env("HOME", self.dir.path());
        cmd
    }
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code(),
            stdout: String::from_utf8(o.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(o.stderr).expect("stderr is UTF-8"),
        }
    }
}

/// How many cards the bundled deck gives (the golden snapshot lists them).
pub const BUNDLED_CARDS: usize = 38;

/// The repository's bundled deck.
pub fn python_deck() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/python.md")
}

impl TestEnv {
    /// The database tests use unless they say otherwise.
    pub fn db(&self) -> PathBuf {
        self.path("test.db")
    }

    /// Makes the test database with nothing in it, as a first import or review would: the
    /// commands that only read never make one.
    pub fn empty_db(&self) {
        recall::store::Store::open(&self.db()).expect("a new database");
    }

    /// Runs `recall --db <test.db> ARGS...`.
    pub fn recall(&self, args: &[&str]) -> Run {
        let db = self.db();
        let mut all = vec!["--db", db.to_str().expect("UTF-8 temp path")];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// Runs `recall --db <test.db> ARGS...` at `now` (`RECALL_NOW`, RFC 3339).
    pub fn recall_at(&self, now: &str, args: &[&str]) -> Run {
        let db = self.db();
        let mut all = vec!["--db", db.to_str().expect("UTF-8 temp path")];
        all.extend_from_slice(args);
        let out = self
            .command(&all)
            .env("RECALL_NOW", now)
            .output()
            .expect("run recall");
        Run::from(out)
    }

    /// Opens the test database directly, to look behind the CLI.
    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db()).expect("open test db")
    }
}

/// Runs `cmd` with `input` on stdin (a closed pipe is fine: recall may not read it all).
pub fn run_with_input(cmd: &mut Command, input: &str) -> Run {
    use std::io::Write as _;
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run recall");
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes());
    Run::from(child.wait_with_output().expect("wait for recall"))
}

/// Chromium, if installed (Debian's `chromium`; `.ci/run` installs it).
pub fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::split_paths(&std::env::var_os("PATH")?)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        })
}

/// Chromium, or `None` after saying the browser check is skipped (never on CI).
pub fn chromium_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have chromium (.ci/run installs it)"
        );
        eprintln!("skipped the browser check: no chromium here (`apt-get install chromium`)");
    }
    found
}

/// Headless Chromium with nothing of its own going on (no network of its own, no updates).
pub const BROWSER_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
];

/// A screenshot's size and its pixels, each as its samples (RGB or RGBA).
pub fn screenshot_pixels(path: &Path) -> ((u32, u32), Vec<Vec<u8>>) {
    let file = std::fs::File::open(path).expect("the screenshot");
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let pixels = buf[..info.buffer_size()]
        .chunks(info.color_type.samples())
        .map(<[u8]>::to_vec)
        .collect();
    ((info.width, info.height), pixels)
}
