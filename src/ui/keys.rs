//! One keymap for both UIs: which key does what on a question and on an answer. The terminal
//! UI reads keys, the line UI reads lines (a line of one character is that key, an empty line is
//! Enter, `:x` is `x` while typing an answer); both ask here what a key means.

use crate::review::session::Action;
use crate::schedule::Rating;

/// A key as both UIs read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Esc,
    /// Ctrl-C.
    Interrupt,
}

/// Where a key is pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Question,
    /// An answer; `enter` is the grade Enter and Space give (none: they grade nothing).
    Answer {
        enter: Option<Rating>,
    },
}

/// What `key` means on `screen`; `None` when nothing.
pub fn action(key: Key, screen: Screen) -> Option<Action> {
    match (key, screen) {
        (Key::Esc | Key::Interrupt | Key::Char('q'), _) => Some(Action::Quit),
        (Key::Char('u'), _) => Some(Action::Undo),
        (Key::Char('s'), _) => Some(Action::Suspend),
        (Key::Char('b'), _) => Some(Action::Bury),
        (Key::Char('e'), _) => Some(Action::Edit),
        (Key::Enter | Key::Char(' '), Screen::Question) => Some(Action::Reveal),
        (Key::Enter | Key::Char(' '), Screen::Answer { enter }) => enter.map(Action::Grade),
        (Key::Char(c @ '1'..='4'), Screen::Answer { .. }) => {
            Rating::from_number(c as u8 - b'0').map(Action::Grade)
        }
        _ => None,
    }
}

/// Is `key` a grade (pressed on a question, where it grades nothing yet)?
pub fn is_grade(key: Key) -> bool {
    matches!(key, Key::Char('1'..='4'))
}

/// The keys of the session, for hints: on a question, on an answer.
pub const QUESTION_KEYS: &str = "[Enter] answer · u undo · s suspend · b bury · e edit · q quit";
pub const ANSWER_KEYS: &str = "grade 1-4 · u undo · s suspend · b bury · e edit · q quit";

/// What `?` shows: every key of the session and what it does.
pub const HELP: &str =
    "Keys: Enter or Space shows the answer; then 1 Again · 2 Hard · 3 Good · 4 Easy \
(Enter and Space: Good) · u undo the last answer · s suspend · b bury until tomorrow · e edit \
the note · q or Esc quit (every answer is already saved)";

/// Key hints (`" · "` between them) for a session: a cram session has no suspend or bury.
pub fn hints(keys: &str, cram: bool) -> String {
    if !cram {
        return keys.to_string();
    }
    (keys.split(" · "))
        .filter(|k| !(k.starts_with("s suspend") || k.starts_with("b bury")))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_mean_the_same_on_both_screens_except_enter_and_grades() {
        let answer = Screen::Answer {
            enter: Some(Rating::Good),
        };
        for screen in [Screen::Question, answer] {
            assert_eq!(action(Key::Char('u'), screen), Some(Action::Undo));
            assert_eq!(action(Key::Char('q'), screen), Some(Action::Quit));
            assert_eq!(action(Key::Interrupt, screen), Some(Action::Quit));
        }
        assert_eq!(action(Key::Enter, Screen::Question), Some(Action::Reveal));
        assert_eq!(action(Key::Char('3'), Screen::Question), None);
        assert_eq!(
            action(Key::Enter, answer),
            Some(Action::Grade(Rating::Good))
        );
        assert_eq!(
            action(Key::Char('1'), answer),
            Some(Action::Grade(Rating::Again))
        );
        assert_eq!(action(Key::Enter, Screen::Answer { enter: None }), None);
    }
}
