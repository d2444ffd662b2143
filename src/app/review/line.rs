//! The plain line mode: one line of output or input at a time, no escape codes. For scripts,
//! pipes and tests (and any terminal). Enter reveals; `1`–`4` grade, `u` undo, `s` suspend,
//! `b` bury, `e` edit the note, `q` quit; end of input quits.

use super::typing::{marked, Piece};
use super::{Action, Ui};
use anyhow::Context as _;
use recall::review::session::Counts;
use recall::schedule::Rating;
use recall::store::queue::ReviewCard;
use std::io::{BufRead, Write};

pub struct LineUi<R, W> {
    input: R,
    out: W,
}

impl<R: BufRead, W: Write> LineUi<R, W> {
    pub fn new(input: R, out: W) -> Self {
        LineUi { input, out }
    }

    /// Reads one line, trimmed; `None` at the end of input.
    fn read_line(&mut self) -> anyhow::Result<Option<String>> {
        self.out.flush()?;
        let mut line = String::new();
        if self
            .input
            .read_line(&mut line)
            .context("reading the answer")?
            == 0
        {
            return Ok(None);
        }
        Ok(Some(line.trim().to_string()))
    }

    /// Reads one line as an action; unknown input is answered with `hint` and read again.
    fn read(&mut self, hint: &str) -> anyhow::Result<Action> {
        loop {
            let Some(line) = self.read_line()? else {
                return Ok(Action::Quit);
            };
            let action = match line.as_str() {
                "" => Some(Action::Reveal),
                "u" => Some(Action::Undo),
                "s" => Some(Action::Suspend),
                "b" => Some(Action::Bury),
                "e" => Some(Action::Edit),
                "q" => Some(Action::Quit),
                t => t
                    .parse::<u8>()
                    .ok()
                    .and_then(Rating::from_number)
                    .map(Action::Grade),
            };
            match action {
                Some(a) => return Ok(a),
                None => writeln!(self.out, "({hint})")?,
            }
        }
    }
}

impl<R: BufRead, W: Write> LineUi<R, W> {
    fn show_question(&mut self, card: &ReviewCard, left: Counts) -> anyhow::Result<()> {
        writeln!(self.out)?;
        let context = if card.context.is_empty() {
            String::new()
        } else {
            format!(" · {}", card.context)
        };
        writeln!(
            self.out,
            "── {}{context}   (new {} · learning {} · review {})",
            card.deck, left.new, left.learning, left.review
        )?;
        writeln!(self.out, "{}", card.question)?;
        Ok(())
    }
}

impl<R: BufRead, W: Write> Ui for LineUi<R, W> {
    fn ask(&mut self, card: &ReviewCard, left: Counts) -> anyhow::Result<Action> {
        self.show_question(card, left)?;
        loop {
            match self.read("[Enter] answer · u undo · s suspend · b bury · e edit · q quit")?
            {
                Action::Grade(_) => writeln!(self.out, "(see the answer first: press Enter)")?,
                other => return Ok(other),
            }
        }
    }

    fn reveal(
        &mut self,
        card: &ReviewCard,
        _left: Counts,
        grades: &[(Rating, String)],
    ) -> anyhow::Result<Action> {
        writeln!(self.out, "{}", card.answer)?;
        let labels: Vec<String> = grades
            .iter()
            .map(|(r, ivl)| format!("{} {} {ivl}", *r as u8, r.label()))
            .collect();
        writeln!(self.out, "{}", labels.join(" · "))?;
        loop {
            match self.read("grade 1-4 · u undo · s suspend · b bury · e edit · q quit")? {
                Action::Reveal => {
                    writeln!(self.out, "(grade it: 1 Again, 2 Hard, 3 Good, 4 Easy)")?
                }
                other => return Ok(other),
            }
        }
    }

    fn ask_typed(
        &mut self,
        card: &ReviewCard,
        left: Counts,
    ) -> anyhow::Result<Result<String, Action>> {
        self.show_question(card, left)?;
        loop {
            let Some(typed) = self.read_line()? else {
                return Ok(Err(Action::Quit));
            };
            let action = match typed.as_str() {
                "" => Some(Action::Reveal),
                ":u" => Some(Action::Undo),
                ":s" => Some(Action::Suspend),
                ":b" => Some(Action::Bury),
                ":e" => Some(Action::Edit),
                ":q" => Some(Action::Quit),
                t if t.starts_with(':') => {
                    writeln!(
                        self.out,
                        "(type the answer; Enter alone shows it; :u undo · :s suspend · :b bury · :e edit · :q quit)"
                    )?;
                    continue;
                }
                _ => None,
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
    ) -> anyhow::Result<Action> {
        writeln!(self.out, "{}", card.answer)?;
        writeln!(self.out, "yours: {}", marked(typed))?;
        let labels: Vec<String> = grades
            .iter()
            .map(|(r, ivl)| format!("{} {} {ivl}", *r as u8, r.label()))
            .collect();
        writeln!(self.out, "{}", labels.join(" · "))?;
        writeln!(self.out, "[Enter] {} · or 1-4", proposed.label())?;
        match self
            .read("Enter accepts · grade 1-4 · u undo · s suspend · b bury · e edit · q quit")?
        {
            Action::Reveal => Ok(Action::Grade(proposed)),
            other => Ok(other),
        }
    }

    fn note(&mut self, text: &str) -> anyhow::Result<()> {
        writeln!(self.out, "{text}")?;
        Ok(())
    }

    fn close(&mut self) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }
}
