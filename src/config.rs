//! User configuration: `config.toml` in the platform config folder (`~/.config/recall/` on
//! Linux), or the file named by `--config` / `RECALL_CONFIG`. Read and validated once, then
//! asked for the extraction settings of each deck.
//!
//! ```toml
//! [cards]                 # every deck
//! mode = "auto"           # auto | explicit | off
//! journal-mode = "explicit"
//! bold-cloze = true
//! highlight-cloze = false # Obsidian ==highlights== as clozes too
//!
//! [decks."vault/journal"] # a deck and its sub-decks (which inherit it)
//! bold-cloze = false
//! new-per-day = 5         # this deck and its sub-decks together
//!
//! [review]
//! desired-retention = 0.9 # 0.70–0.99
//! max-interval-days = 36500
//! day-start-hour = 4      # answers before 04:00 count for the day before
//! new-per-day = 20
//! reviews-per-day = 200
//! learning-steps = ["1m", "10m"]   # a new card's steps before it graduates
//! relearning-steps = ["10m"]       # after a lapse; [] for none
//!
//! [limits]                # how much of one note is read (defaults never bite on real notes)
//! note-bytes = 16777216   # a larger file is skipped, with a message naming it
//! block-bytes = 1048576   # a larger block is not read
//! blocks-per-note = 100000
//! clozes-per-block = 64   # 1–64
//! tags-per-block = 64
//! ```
//!
//! Precedence, weakest first: defaults, `[cards]`, `[decks."…"]`, command-line flags, and the
//! page's own `recall-cards::` / `recall-cloze::` properties.

use crate::error::{Error, Result};
use crate::notes::{Caps, Mode, Settings};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The parsed configuration file.
#[derive(Debug, Default, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub cards: CardSettings,
    /// Overrides per deck name (and the decks below it).
    #[serde(default)]
    pub decks: BTreeMap<String, DeckSettings>,
    #[serde(default)]
    pub review: ReviewSettings,
    #[serde(default)]
    /// The `[limits]` table: how much of one note recall reads, so no file, however large or
    /// strange, takes unbounded time or memory.
    pub limits: Caps,
    #[serde(default)]
    pub backup: BackupSettings,
    #[serde(default)]
    pub sync: SyncSettings,
}

/// The `[sync]` table: the folder review history is merged through (see `sync`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct SyncSettings {
    /// A folder your devices already sync; `recall review` syncs with it before and after.
    /// `~/` is your home folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dir: Option<PathBuf>,
    /// This device's name, as the others call it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl SyncSettings {
    /// The folder, `~/` read as the home folder.
    pub fn folder(&self) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        match dir.strip_prefix("~") {
            Ok(rest) => directories::BaseDirs::new().map(|b| b.home_dir().join(rest)),
            Err(_) => Some(dir.clone()),
        }
    }
}

/// The `[backup]` table: the rotating copies of the database (see `backups`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct BackupSettings {
    /// How many automatic backups to keep, newest first; 0 takes none.
    pub keep: usize,
}

impl Default for BackupSettings {
    fn default() -> Self {
        BackupSettings { keep: 7 }
    }
}

/// The `[review]` table: scheduling and daily limits.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct ReviewSettings {
    /// Probability of recall to aim for when a card comes due (0.70–0.99).
    pub desired_retention: f32,
    pub max_interval_days: u32,
    /// Local hour (0–23) when a study day starts: answers before it count for the day before.
    pub day_start_hour: u32,
    /// New cards a day.
    pub new_per_day: usize,
    /// Reviews of studied cards a day.
    pub reviews_per_day: usize,
    /// Spread reviews: a card's due day is picked within its interval's fuzz range, lighter
    /// days likelier, away from its siblings.
    pub load_balance: bool,
    /// Weekdays with less work (`["saturday", "sunday"]`); with load balancing on.
    pub easy_days: EasyDays,
    /// How likely an easy day is picked, next to an ordinary day with the same load (0–1).
    pub easy_day_share: f32,
    /// The steps a new card goes through before it graduates (`["1m", "10m"]`).
    pub learning_steps: Steps,
    /// The steps after a lapse (`["10m"]`).
    pub relearning_steps: Steps,
}

impl Default for ReviewSettings {
    fn default() -> Self {
        ReviewSettings {
            desired_retention: 0.9,
            max_interval_days: 36_500,
            day_start_hour: 4,
            new_per_day: 20,
            reviews_per_day: 200,
            load_balance: true,
            easy_days: EasyDays::default(),
            easy_day_share: 0.25,
            learning_steps: Steps(crate::schedule::LEARNING_STEPS.to_vec()),
            relearning_steps: Steps(crate::schedule::RELEARNING_STEPS.to_vec()),
        }
    }
}

/// Weekdays, Monday first, marked easy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EasyDays(pub [bool; 7]);

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

impl serde::Serialize for EasyDays {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let names: Vec<&str> = (WEEKDAYS.iter().zip(self.0))
            .filter(|(_, easy)| *easy)
            .map(|(name, _)| *name)
            .collect();
        names.serialize(s)
    }
}

impl<'de> Deserialize<'de> for EasyDays {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let names = Vec::<String>::deserialize(d)?;
        let mut days = [false; 7];
        for name in names {
            let n = name.trim().to_lowercase();
            let i = WEEKDAYS
                .iter()
                .position(|w| *w == n || (n.len() >= 3 && w.starts_with(&n)))
                .ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "`{name}` is not a weekday: use monday … sunday (or mon … sun)"
                    ))
                })?;
            days[i] = true;
        }
        Ok(EasyDays(days))
    }
}

/// Learning steps, in seconds, read from durations as Anki writes them: `"30s"`, `"1m"`,
/// `"10m"`, `"1h"`, `"1d"` (a number, then s, m, h or d).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Steps(pub Vec<u32>);

/// The longest learning step there may be: a year.
const MAX_STEP_SECS: f64 = 365.0 * 86_400.0;

impl serde::Serialize for Steps {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let texts: Vec<String> = self.0.iter().map(|&secs| step_text(secs)).collect();
        texts.serialize(s)
    }
}

/// A step as Anki writes it: `"30s"`, `"10m"`, `"1h"`, `"2d"`.
fn step_text(secs: u32) -> String {
    match secs {
        s if s % 86_400 == 0 => format!("{}d", s / 86_400),
        s if s % 3600 == 0 => format!("{}h", s / 3600),
        s if s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

impl<'de> Deserialize<'de> for Steps {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let texts = Vec::<String>::deserialize(d)?;
        let steps = texts
            .iter()
            .map(|t| step_secs(t).map_err(serde::de::Error::custom))
            .collect::<std::result::Result<Vec<u32>, _>>()?;
        Ok(Steps(steps))
    }
}

/// One step's length in seconds.
fn step_secs(text: &str) -> std::result::Result<u32, String> {
    let t = text.trim();
    let bad = || {
        format!("`{text}` is not a step: write a number and a unit, as \"1m\", \"10m\", \"1h\" or \"1d\"")
    };
    let unit_at = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .ok_or_else(bad)?;
    let (number, unit) = t.split_at(unit_at);
    let n: f64 = number.parse().map_err(|_| bad())?;
    let scale = match unit.trim() {
        "s" => 1.0,
        "m" => 60.0,
        "h" => 3600.0,
        "d" => 86_400.0,
        _ => return Err(bad()),
    };
    let secs = (n * scale).round();
    if !(1.0..=MAX_STEP_SECS).contains(&secs) {
        return Err(format!("`{text}` is not a step: use 1s to 365d"));
    }
    Ok(secs as u32)
}

impl ReviewSettings {
    /// Scheduler settings for study days in `zone`.
    pub fn scheduler(&self, zone: crate::clock::Zone) -> crate::schedule::SchedulerConfig {
        crate::schedule::SchedulerConfig {
            desired_retention: self.desired_retention,
            max_interval_days: self.max_interval_days,
            day_start_hour: self.day_start_hour,
            zone,
            parameters: Vec::new(),
            load_balance: self.load_balance,
            easy_day_weights: self
                .easy_days
                .0
                .map(|easy| if easy { self.easy_day_share } else { 1.0 }),
            learning_steps: self.learning_steps.0.clone(),
            relearning_steps: self.relearning_steps.0.clone(),
        }
    }

    /// Every setting out of range, each as `[review] key = value …`.
    fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !(0.7..=0.99).contains(&self.desired_retention) {
            out.push(format!(
                "[review] desired-retention = {} is out of range: use 0.70 to 0.99",
                self.desired_retention
            ));
        }
        if self.day_start_hour > 23 {
            out.push(format!(
                "[review] day-start-hour = {} is not an hour (0 to 23)",
                self.day_start_hour
            ));
        }
        if self.max_interval_days == 0 {
            out.push("[review] max-interval-days must be at least 1".into());
        }
        if !(0.0..=1.0).contains(&self.easy_day_share) {
            out.push(format!(
                "[review] easy-day-share = {} is out of range: use 0 (never) to 1 (like any day)",
                self.easy_day_share
            ));
        }
        out
    }
}

/// Card settings that a layer may set; unset ones fall through to the layer below.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CardSettings {
    pub mode: Option<Mode>,
    pub journal_mode: Option<Mode>,
    pub bold_cloze: Option<bool>,
    /// Obsidian highlights (`==text==`) are clozes too, as bold is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub highlight_cloze: Option<bool>,
}

/// A `[decks."name"]` table: card settings and daily limits for a deck and its sub-decks.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DeckSettings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journal_mode: Option<Mode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bold_cloze: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub highlight_cloze: Option<bool>,
    /// New cards a day from this deck and its sub-decks together.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_per_day: Option<usize>,
    /// Reviews a day from this deck and its sub-decks together.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviews_per_day: Option<usize>,
}

impl DeckSettings {
    fn cards(&self) -> CardSettings {
        CardSettings {
            mode: self.mode,
            journal_mode: self.journal_mode,
            bold_cloze: self.bold_cloze,
            highlight_cloze: self.highlight_cloze,
        }
    }
}

impl CardSettings {
    /// `base` with this layer's settings applied.
    pub fn apply(&self, base: Settings) -> Settings {
        Settings {
            mode: self.mode.unwrap_or(base.mode),
            journal_mode: self.journal_mode.unwrap_or(base.journal_mode),
            bold_cloze: self.bold_cloze.unwrap_or(base.bold_cloze),
            highlight_cloze: self.highlight_cloze.unwrap_or(base.highlight_cloze),
            caps: base.caps,
        }
    }
}

/// A configuration file with every setting at its default, each said what it does: what
/// `recall config --init` writes.
pub const TEMPLATE: &str = include_str!("config/template.toml");

/// One setting in force, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Setting {
    /// Dotted, as in the file: `review.desired-retention`, `decks."vault".new-per-day`.
    pub key: String,
    /// As TOML writes it: `0.9`, `"auto"`, `["1m", "10m"]`.
    pub value: String,
    /// The line of the configuration file that sets it; none: the default.
    pub line: Option<usize>,
}

impl Config {
    /// Every setting in force, in the file's order of tables: the card settings as they apply
    /// to every deck, then each deck's own, the review, limits and backup settings. `text` is
    /// the file read, to say which line sets each.
    pub fn settings(&self, text: Option<&str>) -> Vec<Setting> {
        let mut shown = self.clone();
        let cards = self.cards.apply(Settings::default());
        shown.cards = CardSettings {
            mode: Some(cards.mode),
            journal_mode: Some(cards.journal_mode),
            bold_cloze: Some(cards.bold_cloze),
            highlight_cloze: Some(cards.highlight_cloze),
        };
        let mut out = Vec::new();
        if let Ok(toml::Value::Table(t)) = toml::Value::try_from(&shown) {
            for table in ["cards", "decks", "review", "limits", "backup", "sync"] {
                if let Some(v) = t.get(table) {
                    flatten(table, v, &mut out);
                }
            }
        }
        for s in &mut out {
            s.line = text.and_then(|t| line_setting(t, &s.key));
        }
        out
    }

    /// Where the configuration is read from when no path is given.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "recall").map(|d| d.config_dir().join("config.toml"))
    }

    /// Reads a configuration file. A missing file is an empty configuration only when it is the
    /// default path (`explicit` false); a file the user named must exist.
    pub fn load(path: &Path, explicit: bool) -> Result<Config> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(path, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
                Ok(Config::default())
            }
            Err(source) => Err(Error::Read {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Parses configuration text; errors name the file and line, in plain words, every
    /// setting out of range at once.
    pub fn parse(path: &Path, text: &str) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| 1 + text[..s.start.min(text.len())].matches('\n').count());
            Error::Config {
                path: path.to_path_buf(),
                line,
                message: plain_words(e.message()),
            }
        })?;
        let mut problems = config.review.problems();
        problems.extend(config.limits.check().err());
        // Each problem at the line that sets it (`[review] desired-retention = …`).
        let line_of = |p: &str| {
            let (table, rest) = p.strip_prefix('[')?.split_once("] ")?;
            let key = rest.split([' ', '=']).next()?;
            line_setting(text, &format!("{table}.{key}"))
        };
        match problems.split_first() {
            None => Ok(config),
            Some((first, more)) => {
                let mut message = first.clone();
                for p in more {
                    let at = line_of(p)
                        .map(|l| format!("line {l}: "))
                        .unwrap_or_default();
                    message.push_str(&format!("\n  and {at}{p}"));
                }
                Err(Error::Config {
                    path: path.to_path_buf(),
                    line: line_of(first),
                    message,
                })
            }
        }
    }

    /// The settings of `deck`: defaults, then `[cards]`, then every `[decks."…"]` table naming
    /// the deck or one of its parents, the shorter names first (a sub-deck inherits).
    pub fn settings_for(&self, deck: &str) -> Settings {
        let mut layers: Vec<(&str, &DeckSettings)> = self
            .decks
            .iter()
            .map(|(name, layer)| (name.trim_end_matches('/'), layer))
            .filter(|(name, _)| crate::model::covers(name, deck))
            .collect();
        layers.sort_by_key(|(name, _)| name.len());
        let base = Settings {
            caps: self.limits,
            ..Settings::default()
        };
        layers
            .into_iter()
            .fold(self.cards.apply(base), |s, (_, layer)| {
                layer.cards().apply(s)
            })
    }
}

/// A TOML reader's message in a person's words: `expected usize` says "a whole number".
fn plain_words(message: &str) -> String {
    let mut m = message.to_string();
    for (rust, plain) in [
        ("expected usize", "expected a whole number (0 or more)"),
        ("expected u64", "expected a whole number (0 or more)"),
        ("expected u32", "expected a whole number (0 or more)"),
        ("expected u16", "expected a whole number (0 or more)"),
        ("expected u8", "expected a whole number (0 or more)"),
        ("expected i64", "expected a whole number"),
        ("expected i32", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected f32", "expected a number"),
        ("invalid type: string", "text"),
        ("invalid type: integer", "the number"),
        ("invalid type: floating point", "the number"),
        ("invalid value: integer", "the number"),
    ] {
        m = m.replace(rust, plain);
    }
    m
}

/// The settings under `prefix` in `value`, as dotted keys (deck names quoted).
fn flatten(prefix: &str, value: &toml::Value, out: &mut Vec<Setting>) {
    match value {
        toml::Value::Table(t) => {
            for (k, v) in t {
                let key = if prefix == "decks" {
                    format!("decks.{}", toml::Value::String(k.clone()))
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        v => out.push(Setting {
            key: prefix.to_string(),
            // The settings are `f32`: shown as written (0.9, not 0.8999999761581421).
            value: match v {
                toml::Value::Float(f) => format!("{}", *f as f32),
                v => v.to_string(),
            },
            line: None,
        }),
    }
}

/// The line of `text` that sets the dotted `key` (under its `[table]` header), if one does.
/// Headers and keys are compared as TOML reads them: `[decks.vault]`, `[decks."vault"]` and
/// `[ decks . 'vault' ]` are one table, `"new-per-day" = 5` sets `new-per-day`.
fn line_setting(text: &str, key: &str) -> Option<usize> {
    let (table, name) = key.rsplit_once('.')?;
    let table = key_parts(table);
    let mut current: Vec<String> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            current = header_parts(rest).unwrap_or_default();
            continue;
        }
        let Some((k, _)) = line.split_once('=') else {
            continue;
        };
        let mut parts = key_parts(k);
        let Some(last) = parts.pop() else {
            continue;
        };
        // A dotted key (`review.new-per-day = 5`) names its table itself.
        let mut full = current.clone();
        full.extend(parts);
        if last == name && full == table {
            return Some(i + 1);
        }
    }
    None
}

/// The parts of a dotted TOML key: bare, "double-" or 'single-quoted', spaces around dots.
fn key_parts(key: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = key.trim();
    while !rest.is_empty() {
        let (part, after) = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => match rest[1..].find(q) {
                Some(end) => (rest[1..1 + end].to_string(), &rest[end + 2..]),
                None => (rest[1..].to_string(), ""),
            },
            _ => match rest.find('.') {
                Some(dot) => (rest[..dot].trim().to_string(), &rest[dot..]),
                None => (rest.trim().to_string(), ""),
            },
        };
        parts.push(part);
        rest = after
            .trim_start()
            .strip_prefix('.')
            .unwrap_or(after)
            .trim_start();
    }
    parts
}

/// A table header's key (`decks."a/b"]` after its `[`), up to the `]` that closes it outside
/// quotes.
fn header_parts(rest: &str) -> Option<Vec<String>> {
    let mut quote: Option<char> = None;
    for (i, c) in rest.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, ']') => return Some(key_parts(&rest[..i])),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests;
