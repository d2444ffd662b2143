//! The full-screen reviewer (crossterm): the only module that touches the terminal.
//!
//! Space/Enter shows the answer; 1–4 grade (Space/Enter then means Good, as in Anki); u undo,
//! s suspend, b bury, e edit the card's note, q or Ctrl-C quit. The alternate screen and raw mode are given back on
//! quit, on error and on panic; colours are off under `NO_COLOR` or a dumb terminal.

use super::keys::{self, Key, Screen};
use crate::display;
use crate::display::styled::{self as markdown, Line, Style};
use crate::review::driver::{Ui, UiResult};
use crate::review::session::Action;
use crate::review::session::Counts;
use crate::review::typing::Piece;
use crate::schedule::Rating;
use crate::store::queue::ReviewCard;
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::style::{Attribute, Color, Print, ResetColor, SetAttribute, SetForegroundColor};
use crossterm::{cursor, execute, queue, terminal};
use std::io::{Stdout, Write};
use unicode_width::UnicodeWidthStr as _;

/// Widest the card text is set, however wide the terminal.
const MAX_TEXT_WIDTH: usize = 100;

pub struct TerminalUi {
    out: Stdout,
    color: bool,
    /// A message for the next screen (undone, suspended, ...).
    note: Option<String>,
    active: bool,
    /// A cram session: no suspend or bury in the hints.
    cram: bool,
}

impl TerminalUi {
    /// Takes over the terminal (alternate screen, raw mode) until `close` or drop.
    pub fn start(cram: bool) -> UiResult<TerminalUi> {
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::env::var("TERM").map_or(true, |t| t != "dumb");
        // A panic must not leave the terminal raw: give it back before the message prints.
        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            default_hook(info);
        }));
        let mut out = std::io::stdout();
        terminal::enable_raw_mode()?;
        execute!(out, terminal::EnterAlternateScreen, cursor::Hide)?;
        Ok(TerminalUi {
            out,
            color,
            note: None,
            active: true,
            cram,
        })
    }

    fn draw(&mut self, card: &ReviewCard, left: Counts, view: View<'_>) -> UiResult<()> {
        let (grades, typed) = match view {
            View::Answer { grades, typed } => (Some(grades), typed),
            _ => (None, None),
        };
        // A terminal that does not know its size (a fresh pty says 0×0): assume 80×24.
        let (cols, rows) = match terminal::size() {
            Ok((c, r)) if c > 0 && r > 0 => (c, r),
            _ => (80, 24),
        };
        let width = usize::from(cols).clamp(20, MAX_TEXT_WIDTH);
        queue!(
            self.out,
            terminal::Clear(terminal::ClearType::All),
            cursor::MoveTo(0, 0)
        )?;
        // One line, its Markdown read as text, cut to the width.
        let context = crate::display::plain(&card.context).replace('\n', " ");
        let header = crate::display::card_place(&card.deck, &context);
        let header = crate::display::clip(&header, width);
        self.styled_line(&header, Some(Color::DarkGrey), false)?;
        self.newline()?;
        let question = markdown::render(&card.question, width);
        self.lines(&question)?;
        if let View::Typing(text) = view {
            self.newline()?;
            self.styled("your answer: ", Some(Color::DarkGrey), false)?;
            queue!(self.out, Print(text), cursor::Show)?;
        }
        if let Some(grades) = grades {
            self.draw_answer(card, width, grades, typed)?;
        }
        self.draw_status(view, typed, left, (cols, rows))?;
        if let View::Typing(text) = view {
            // The cursor waits at the end of the typed answer.
            let row = (2 + question.len() + 1).min(usize::from(rows.saturating_sub(2))) as u16;
            let col = ("your answer: ".len() + unicode_width::UnicodeWidthStr::width(text)) as u16;
            queue!(
                self.out,
                cursor::MoveTo(col.min(cols.saturating_sub(1)), row)
            )?;
        } else {
            queue!(self.out, cursor::Hide)?;
        }
        self.out.flush()?;
        Ok(())
    }

    /// The answer under a rule, the comparison with a typed answer, and the grades.
    fn draw_answer(
        &mut self,
        card: &ReviewCard,
        width: usize,
        grades: &[(Rating, String)],
        typed: Option<(&[Piece], Rating)>,
    ) -> UiResult<()> {
        self.newline()?;
        self.styled_line(&"─".repeat(width.min(40)), Some(Color::DarkGrey), false)?;
        self.newline()?;
        // A cloze shows its whole sentence, the answer coloured (without colour: in brackets).
        let (open, close) = if self.color {
            (markdown::REVEAL_OPEN, markdown::REVEAL_CLOSE)
        } else {
            ("[", "]")
        };
        let answer = markdown::render(&card.answer_side(open, close), width);
        self.lines(&answer)?;
        self.newline()?;
        if let Some(hint) = display::browser_hint(&card.question, &card.answer) {
            self.styled_line(hint, Some(Color::DarkGrey), false)?;
            self.newline()?;
        }
        if let Some((pieces, _)) = typed {
            self.styled("yours: ", Some(Color::DarkGrey), false)?;
            for piece in pieces {
                match piece {
                    Piece::Same(t) => self.styled(t, Some(Color::Green), false)?,
                    Piece::Missing(t) if self.color => self.styled(t, Some(Color::Red), true)?,
                    Piece::Extra(t) if self.color => self.styled(t, Some(Color::Yellow), false)?,
                    Piece::Missing(t) => queue!(self.out, Print(format!("[-{t}-]")))?,
                    Piece::Extra(t) => queue!(self.out, Print(format!("{{+{t}+}}")))?,
                }
            }
            self.newline()?;
            self.newline()?;
        }
        for (i, (rating, interval)) in grades.iter().enumerate() {
            let color = match rating {
                Rating::Again => Color::Red,
                Rating::Hard => Color::Yellow,
                Rating::Good => Color::Green,
                Rating::Easy => Color::Blue,
            };
            if i > 0 {
                queue!(self.out, Print("   "))?;
            }
            self.styled(
                &format!("{} {}", *rating as u8, rating.label()),
                Some(color),
                true,
            )?;
            queue!(self.out, Print(format!(" {interval}")))?;
        }
        self.newline()?;
        Ok(())
    }

    /// The status line at the bottom: what is left, the keys, and the last note.
    fn draw_status(
        &mut self,
        view: View<'_>,
        typed: Option<(&[Piece], Rating)>,
        left: Counts,
        (cols, rows): (u16, u16),
    ) -> UiResult<()> {
        queue!(self.out, cursor::MoveTo(0, rows.saturating_sub(1)))?;
        let proposal;
        let keys = match (view, typed) {
            (View::Typing(_), _) => "type the answer · Enter check (empty: show it) · Esc quit",
            (_, Some((_, proposed))) => {
                proposal = format!(
                    "Enter/Space: {} · 1-4 grade · u undo · s suspend · b bury · e edit · q quit",
                    proposed.label()
                );
                proposal.as_str()
            }
            (View::Answer { .. }, None) => {
                "1-4 grade (Space: Good) · u undo · s suspend · b bury · e edit · q quit"
            }
            (View::Question, _) => {
                "Space show answer · u undo · s suspend · b bury · e edit · q quit"
            }
        };
        let counts = if self.cram {
            // Every screen says it: nothing here is recorded.
            format!("CRAM · {} left", left.new + left.learning + left.review)
        } else {
            format!(
                "new {} · learning {} · review {}",
                left.new, left.learning, left.review
            )
        };
        let keys = keys::hints(keys, self.cram);
        let (note, status) = status_lines(self.note.take(), &counts, &keys, cols);
        if let Some(note) = note {
            queue!(self.out, cursor::MoveTo(0, rows.saturating_sub(2)))?;
            self.styled(&note, Some(Color::DarkGrey), false)?;
            queue!(self.out, cursor::MoveTo(0, rows.saturating_sub(1)))?;
        }
        self.styled(&status, Some(Color::DarkGrey), false)?;
        Ok(())
    }

    fn newline(&mut self) -> std::io::Result<()> {
        queue!(self.out, Print("\r\n"))
    }

    fn styled(&mut self, text: &str, color: Option<Color>, bold: bool) -> std::io::Result<()> {
        if self.color {
            if let Some(c) = color {
                queue!(self.out, SetForegroundColor(c))?;
            }
            if bold {
                queue!(self.out, SetAttribute(Attribute::Bold))?;
            }
        }
        queue!(self.out, Print(text))?;
        if self.color {
            queue!(self.out, SetAttribute(Attribute::Reset), ResetColor)?;
        }
        Ok(())
    }

    fn styled_line(&mut self, text: &str, color: Option<Color>, bold: bool) -> std::io::Result<()> {
        self.styled(text, color, bold)?;
        self.newline()
    }

    fn lines(&mut self, lines: &[Line]) -> std::io::Result<()> {
        for line in lines {
            for span in line {
                let Style {
                    bold,
                    italic,
                    code,
                    blank,
                    revealed,
                } = span.style;
                if self.color {
                    if bold || blank || revealed {
                        queue!(self.out, SetAttribute(Attribute::Bold))?;
                    }
                    if italic {
                        queue!(self.out, SetAttribute(Attribute::Italic))?;
                    }
                    if code {
                        queue!(self.out, SetForegroundColor(Color::Cyan))?;
                    }
                    if blank {
                        queue!(self.out, SetForegroundColor(Color::Magenta))?;
                    }
                    if revealed {
                        queue!(self.out, SetForegroundColor(Color::Blue))?;
                    }
                }
                queue!(self.out, Print(&span.text))?;
                if self.color {
                    queue!(self.out, SetAttribute(Attribute::Reset), ResetColor)?;
                }
            }
            self.newline()?;
        }
        Ok(())
    }

    /// Waits for a key the current screen understands; redraws on resize.
    fn key(
        &mut self,
        redraw: &mut dyn FnMut(&mut Self) -> UiResult<()>,
        // On an answer: the grade Space and Enter give.
        revealed: Option<Rating>,
    ) -> UiResult<Action> {
        loop {
            match event::read()? {
                Event::Resize(..) => redraw(self)?,
                Event::Key(KeyEvent {
                    code,
                    modifiers,
                    kind: KeyEventKind::Press,
                    ..
                }) => {
                    let key = match code {
                        KeyCode::Char('c') if modifiers.contains(KeyModifiers::CONTROL) => {
                            Some(Key::Interrupt)
                        }
                        KeyCode::Char(c) => Some(Key::Char(c)),
                        KeyCode::Enter => Some(Key::Enter),
                        KeyCode::Esc => Some(Key::Esc),
                        _ => None,
                    };
                    let screen = match revealed {
                        Some(enter) => Screen::Answer { enter: Some(enter) },
                        None => Screen::Question,
                    };
                    if let Some(a) = key.and_then(|k| keys::action(k, screen)) {
                        return Ok(a);
                    }
                    if key == Some(Key::Char('?')) {
                        self.note = Some(keys::HELP.to_string());
                        redraw(self)?;
                    }
                }
                _ => {}
            }
        }
    }
}

impl Ui for TerminalUi {
    fn ask(&mut self, card: &ReviewCard, left: Counts) -> UiResult<Action> {
        self.draw(card, left, View::Question)?;
        self.key(&mut |ui| ui.draw(card, left, View::Question), None)
    }

    fn reveal(
        &mut self,
        card: &ReviewCard,
        left: Counts,
        grades: &[(Rating, String)],
    ) -> UiResult<Action> {
        let view = View::Answer {
            grades,
            typed: None,
        };
        self.draw(card, left, view)?;
        self.key(&mut |ui| ui.draw(card, left, view), Some(Rating::Good))
    }

    fn ask_typed(&mut self, card: &ReviewCard, left: Counts) -> UiResult<Result<String, Action>> {
        let mut typed = String::new();
        loop {
            self.draw(card, left, View::Typing(&typed))?;
            match event::read()? {
                Event::Key(KeyEvent {
                    code,
                    modifiers,
                    kind: KeyEventKind::Press,
                    ..
                }) => match code {
                    KeyCode::Char('c') if modifiers.contains(KeyModifiers::CONTROL) => {
                        return Ok(Err(Action::Quit))
                    }
                    KeyCode::Esc => return Ok(Err(Action::Quit)),
                    KeyCode::Enter if typed.trim().is_empty() => return Ok(Err(Action::Reveal)),
                    KeyCode::Enter => return Ok(Ok(typed.trim().to_string())),
                    KeyCode::Backspace => {
                        typed.pop();
                    }
                    KeyCode::Char(c) => typed.push(c),
                    _ => {}
                },
                Event::Paste(text) => typed.push_str(&text),
                _ => {}
            }
        }
    }

    fn reveal_typed(
        &mut self,
        card: &ReviewCard,
        left: Counts,
        grades: &[(Rating, String)],
        typed: &[Piece],
        proposed: Rating,
    ) -> UiResult<Action> {
        let view = View::Answer {
            grades,
            typed: Some((typed, proposed)),
        };
        self.draw(card, left, view)?;
        self.key(&mut |ui| ui.draw(card, left, view), Some(proposed))
    }

    fn note(&mut self, text: &str) -> UiResult<()> {
        self.note = Some(text.to_string());
        Ok(())
    }

    fn pause(&mut self) -> UiResult<()> {
        execute!(self.out, cursor::Show, terminal::LeaveAlternateScreen)?;
        terminal::disable_raw_mode()?;
        Ok(())
    }

    fn resume(&mut self) -> UiResult<()> {
        terminal::enable_raw_mode()?;
        execute!(self.out, terminal::EnterAlternateScreen, cursor::Hide)?;
        Ok(())
    }

    fn close(&mut self) -> UiResult<()> {
        if self.active {
            self.active = false;
            execute!(self.out, cursor::Show, terminal::LeaveAlternateScreen)?;
            terminal::disable_raw_mode()?;
        }
        Ok(())
    }
}

impl Drop for TerminalUi {
    fn drop(&mut self) {
        let _ = self.close();
    }
}

/// What the screen shows.
#[derive(Clone, Copy)]
enum View<'a> {
    Question,
    /// The question and the answer being typed.
    Typing(&'a str),
    /// The answer and grades, with the typed comparison and proposed grade under `--type`.
    Answer {
        grades: &'a [(Rating, String)],
        typed: Option<(&'a [Piece], Rating)>,
    },
}

/// Gives the terminal back, whatever state it is in.
fn restore() {
    let _ = execute!(
        std::io::stdout(),
        cursor::Show,
        terminal::LeaveAlternateScreen
    );
    let _ = terminal::disable_raw_mode();
}

/// The status line for a terminal `cols` wide: the counts and as many of the keys (most used
/// first, ` · ` between them) as fit, the counts cut to fit when none does; and a note, if any,
/// for the line above. Each fits the width.
fn status_lines(
    note: Option<String>,
    counts: &str,
    keys: &str,
    cols: u16,
) -> (Option<String>, String) {
    let width = usize::from(cols).saturating_sub(1);
    let mut status = fit(counts, width);
    for (n, _) in keys.split(" · ").enumerate() {
        let shown: Vec<&str> = keys.split(" · ").take(n + 1).collect();
        let line = format!("{counts}   {}", shown.join(" · "));
        if line.width() > width {
            break;
        }
        status = line;
    }
    (note.map(|n| fit(&n, width)), status)
}

/// `text` cut to `width` columns, "…" in place of the rest.
fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_fits_any_width_and_a_note_gets_a_line_of_its_own() {
        let counts = "new 3 · learning 0 · review 12";
        let keys = "Space show answer · u undo · s suspend · b bury · e edit · q quit";
        let note = "Suspended card 42 (What does gather return?): u takes it back".to_string();
        let (n, s) = status_lines(Some(note.clone()), counts, keys, 120);
        assert_eq!(
            (n.as_deref(), s.as_str()),
            (Some(note.as_str()), &*format!("{counts}   {keys}"))
        );
        let (_, s) = status_lines(None, counts, keys, 80);
        assert_eq!(
            s,
            format!("{counts}   Space show answer · u undo · s suspend")
        );
        let (n, s) = status_lines(Some(note), counts, keys, 40);
        assert_eq!(s, counts, "the keys give way first");
        let n = n.unwrap();
        assert!(n.width() <= 39 && n.ends_with('…'), "{n}");
        let (_, s) = status_lines(None, counts, keys, 12);
        assert_eq!(s, "new 3 · le…");
        assert!(s.width() <= 11);
    }
}
