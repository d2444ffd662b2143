//! User configuration: `config.toml` in the platform config folder (`~/.config/recall/` on
//! Linux), or the file named by `--config` / `RECALL_CONFIG`. Read and validated once, then
//! asked for the extraction settings of each deck.
//!
//! ```toml
//! [cards]                 # every deck
//! mode = "auto"           # auto | explicit | off
//! journal-mode = "explicit"
//! bold-cloze = true
//!
//! [decks."vault/journal"] # a deck and its sub-decks (which inherit it)
//! bold-cloze = false
//! ```
//!
//! Precedence, weakest first: defaults, `[cards]`, `[decks."…"]`, command-line flags, and the
//! page's own `recall-cards::` / `recall-cloze::` properties.

use crate::error::{Error, Result};
use crate::notes::{Mode, Settings};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The parsed configuration file.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub cards: CardSettings,
    /// Overrides per deck name (and the decks below it).
    #[serde(default)]
    pub decks: BTreeMap<String, CardSettings>,
}

/// Card settings that a layer may set; unset ones fall through to the layer below.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CardSettings {
    pub mode: Option<Mode>,
    pub journal_mode: Option<Mode>,
    pub bold_cloze: Option<bool>,
}

impl CardSettings {
    /// `base` with this layer's settings applied.
    pub fn apply(&self, base: Settings) -> Settings {
        Settings {
            mode: self.mode.unwrap_or(base.mode),
            journal_mode: self.journal_mode.unwrap_or(base.journal_mode),
            bold_cloze: self.bold_cloze.unwrap_or(base.bold_cloze),
        }
    }
}

impl Config {
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

    /// Parses configuration text; errors name the file, line and column.
    pub fn parse(path: &Path, text: &str) -> Result<Config> {
        toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| 1 + text[..s.start.min(text.len())].matches('\n').count());
            Error::Config {
                path: path.to_path_buf(),
                line,
                message: e.message().to_string(),
            }
        })
    }

    /// The settings of `deck`: defaults, then `[cards]`, then every `[decks."…"]` table naming
    /// the deck or one of its parents, the shorter names first (a sub-deck inherits).
    pub fn settings_for(&self, deck: &str) -> Settings {
        let mut layers: Vec<(&str, &CardSettings)> = self
            .decks
            .iter()
            .map(|(name, layer)| (name.trim_end_matches('/'), layer))
            .filter(|(name, _)| {
                deck == *name
                    || deck
                        .strip_prefix(name)
                        .is_some_and(|rest| rest.starts_with('/'))
            })
            .collect();
        layers.sort_by_key(|(name, _)| name.len());
        layers
            .into_iter()
            .fold(self.cards.apply(Settings::default()), |s, (_, layer)| {
                layer.apply(s)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("config.toml"), text)
    }

    #[test]
    fn empty_config_is_the_defaults() {
        assert_eq!(
            parse("").unwrap().settings_for("python"),
            Settings::default()
        );
    }

    #[test]
    fn deck_tables_override_cards_and_apply_to_sub_decks() {
        let c = parse(
            "[cards]\nbold-cloze = false\n\n[decks.vault]\nmode = \"explicit\"\n\n[decks.\"vault/lang\"]\nbold-cloze = true\n",
        )
        .unwrap();
        let s = c.settings_for("python");
        assert_eq!((s.mode, s.bold_cloze), (Mode::Auto, false));
        let s = c.settings_for("vault/notes");
        assert_eq!((s.mode, s.bold_cloze), (Mode::Explicit, false));
        let s = c.settings_for("vault/lang/python");
        assert_eq!((s.mode, s.bold_cloze), (Mode::Explicit, true));
        assert_eq!(
            c.settings_for("vaultish").mode,
            Mode::Auto,
            "a prefix must end at a /"
        );
    }

    #[test]
    fn mistakes_name_the_line() {
        let e = parse("[cards]\nmode = \"sometimes\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("config.toml:2: "), "{e}");
        assert!(e.contains("sometimes"), "{e}");
        let e = parse("[cards]\nbold_cloze = false\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("bold_cloze") && e.contains("config.toml:2"),
            "{e}"
        );
    }

    #[test]
    fn a_missing_default_file_is_fine_a_missing_named_one_is_not() {
        let p = Path::new("/nonexistent/recall/config.toml");
        assert_eq!(Config::load(p, false).unwrap(), Config::default());
        assert!(Config::load(p, true).is_err());
    }
}
