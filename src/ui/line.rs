//! The plain line mode: one line of output or input at a time, no escape codes. For scripts,
//! pipes and tests (and any terminal). Enter reveals; `1`–`4` grade, `u` undo, `s` suspend,
//! `b` bury, `e` edit the note, `q` quit; end of input quits.

use super::keys::{self, Key, Screen};
use crate::display;
use crate::review::driver::{Ui, UiResult};
use crate::review::session::Action;
use crate::review::session::Counts;
use crate::review::typing::{marked, Piece};
use crate::schedule::Rating;
use crate::store::queue::ReviewCard;
use std::io::{BufRead, Write};

pub struct LineUi<R, W> {
    input: R,
    out: W,
    /// A cram session: no suspend or bury in the hints.
    cram: bool,
}

impl<R: BufRead, W: Write> LineUi<R, W> {
    pub fn new(input: R, out: W, cram: bool) -> Self {
        LineUi { input, out, cram }
    }

    /// Reads one line, trimmed; `None` at the end of input.
    fn read_line(&mut self) -> UiResult<Option<String>> {
        self.out.flush()?;
        let mut line = String::new();
        if self
            .input
            .read_line(&mut line)
            .map_err(|e| format!("reading the answer: {e}"))?
            == 0
        {
            return Ok(None);
        }
        Ok(Some(line.trim().to_string()))
    }

    /// Reads one line as an action on `screen` (see [`keys`]); input that means nothing there
    /// is answered with a hint and read again. `hint` names the keys of this screen.
    fn read(&mut self, screen: Screen, hint: &str) -> UiResult<Action> {
        loop {
            let Some(line) = self.read_line()? else {
                return Ok(Action::Quit);
            };
            let key = key_of(&line);
            if let Some(a) = key.and_then(|k| keys::action(k, screen)) {
                return Ok(a);
            }
            if key == Some(Key::Char('?')) {
                writeln!(self.out, "{}", keys::HELP)?;
                continue;
            }
            match (key, screen) {
                (Some(k), Screen::Question) if keys::is_grade(k) => {
                    writeln!(self.out, "(see the answer first: press Enter)")?
                }
                (Some(Key::Enter), Screen::Answer { .. }) => writeln!(
                    self.out,
                    "(grade it: 1 Again, 2 Hard, 3 Good, 4 Easy; q quits, ? lists the keys)"
                )?,
                _ => writeln!(self.out, "({})", keys::hints(hint, self.cram))?,
            }
        }
    }
}

/// A line as a key: empty is Enter, one character is that key (`03` is `3`).
fn key_of(line: &str) -> Option<Key> {
    let mut chars = line.chars();
    match (chars.next(), chars.next()) {
        (None, _) => Some(Key::Enter),
        (Some(c), None) => Some(Key::Char(c)),
        _ => line
            .parse::<u8>()
            .ok()
            .map(|n| Key::Char((b'0' + n.min(9)) as char)),
    }
}

impl<R: BufRead, W: Write> LineUi<R, W> {
    fn show_question(&mut self, card: &ReviewCard, left: Counts) -> UiResult<()> {
        writeln!(self.out)?;
        let place = display::card_place(&card.deck, &display::plain_line(&card.context, 80));
        if self.cram {
            let n = left.new + left.learning + left.review;
            writeln!(self.out, "── {place}   (CRAM · {n} left)")?;
        } else {
            writeln!(
                self.out,
                "── {place}   (new {} · learning {} · review {})",
                left.new, left.learning, left.review
            )?;
        }
        writeln!(self.out, "{}", display::plain(&card.question))?;
        Ok(())
    }
}

impl<R: BufRead, W: Write> Ui for LineUi<R, W> {
    fn ask(&mut self, card: &ReviewCard, left: Counts) -> UiResult<Action> {
        self.show_question(card, left)?;
        self.read(Screen::Question, keys::QUESTION_KEYS)
    }

    fn reveal(
        &mut self,
        card: &ReviewCard,
        _left: Counts,
        grades: &[(Rating, String)],
    ) -> UiResult<Action> {
        // Readable text; a cloze: its whole sentence, the answer marked in its blank.
        let answer = ReviewCard {
            question: display::plain(&card.question),
            answer: display::plain(&card.answer),
            ..card.clone()
        };
        writeln!(self.out, "{}", answer.answer_side("[", "]"))?;
        if let Some(hint) = display::browser_hint(&card.question, &card.answer) {
            writeln!(self.out, "{hint}")?;
        }
        writeln!(self.out, "{}", grade_line(grades))?;
        self.read(Screen::Answer { enter: None }, keys::ANSWER_KEYS)
    }

    fn ask_typed(&mut self, card: &ReviewCard, left: Counts) -> UiResult<Result<String, Action>> {
        self.show_question(card, left)?;
        loop {
            let Some(typed) = self.read_line()? else {
                return Ok(Err(Action::Quit));
            };
            let action = match typed.as_str() {
                "" => Some(Action::Reveal),
                t if t.starts_with(':') && t.chars().count() == 2 => t
                    .chars()
                    .nth(1)
                    .and_then(|c| keys::action(Key::Char(c), Screen::Question))
                    .filter(|a| *a != Action::Reveal),
                _ => None,
            };
            let action = match (action, typed.as_str()) {
                (None, t) if t.starts_with(':') => {
                    writeln!(
                        self.out,
                        "(type the answer; Enter alone shows it; :u undo · :s suspend · :b bury · :e edit · :q quit)"
                    )?;
                    continue;
                }
                (a, _) => a,
            };
            return Ok(match action {
                Some(a) => Err(a),
                None => Ok(typed),
            });
        }
    }

    fn reveal_typed(
        &mut self,
        card: &ReviewCard,
        _left: Counts,
        grades: &[(Rating, String)],
        typed: &[Piece],
        proposed: Rating,
    ) -> UiResult<Action> {
        writeln!(self.out, "{}", card.answer)?;
        writeln!(self.out, "yours: {}", marked(typed))?;
        writeln!(self.out, "{}", grade_line(grades))?;
        writeln!(self.out, "[Enter] {} · or 1-4", proposed.label())?;
        self.read(
            Screen::Answer {
                enter: Some(proposed),
            },
            &format!("Enter accepts · {}", keys::ANSWER_KEYS),
        )
    }

    fn note(&mut self, text: &str) -> UiResult<()> {
        writeln!(self.out, "{text}")?;
        Ok(())
    }

    fn close(&mut self) -> UiResult<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// The grades with the interval each gives: `1 Again 1m · 2 Hard 6m · 3 Good 10m · 4 Easy 8d`.
fn grade_line(grades: &[(Rating, String)]) -> String {
    let labels: Vec<String> = grades
        .iter()
        .map(|(r, ivl)| {
            format!("{} {} {ivl}", *r as u8, r.label())
                .trim_end()
                .to_string()
        })
        .collect();
    labels.join(" · ")
}
