//! `recall cards PATH...`: preview the cards notes yield, as text or JSON.

use crate::cli::CardsArgs;
use recall::config::Config;
use recall::model::{Card, CardKind};
use recall::notes::{self, source, NoteRef};
use std::io::{BufWriter, Write};
use std::process::ExitCode;

pub fn run(args: CardsArgs, config: &Config) -> anyhow::Result<ExitCode> {
    let flags = super::card_flags(&args.extract);
    let mut failed = false;
    let mut files = 0usize;
    let mut cards: Vec<Card> = Vec::new();
    for path in &args.paths {
        let (found, errors) = source::note_files(path);
        for e in errors {
            eprintln!("recall: {e}");
            failed = true;
        }
        for file in found {
            let text = match source::read_note(&file.path) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("recall: {e}");
                    failed = true;
                    continue;
                }
            };
            files += 1;
            let shown = file.path.display().to_string();
            let note = NoteRef {
                deck: &file.deck,
                source: &shown,
            };
            let settings = flags.apply(config.settings_for(&file.deck));
            let x = notes::cards_from_text(&text, note, &settings);
            for w in &x.warnings {
                eprintln!("recall: warning: {shown}:{}: {}", w.line, w.message);
            }
            cards.extend(x.cards);
        }
    }

    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        #[derive(serde::Serialize)]
        struct Output<'a> {
            cards: &'a [Card],
        }
        // serde_json's error keeps the io::ErrorKind, so a closed pipe stays recognisable.
        serde_json::to_writer_pretty(&mut out, &Output { cards: &cards })
            .map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        for card in &cards {
            write_card(&mut out, card)?;
        }
        // Per deck when there are several, in the order they were read; then the total.
        let mut decks: Vec<(&str, [usize; 2])> = Vec::new();
        for c in &cards {
            if decks.last().is_none_or(|(d, _)| *d != &*c.deck) {
                decks.push((&c.deck, [0, 0]));
            }
            if let Some((_, counts)) = decks.last_mut() {
                counts[(c.kind == CardKind::Cloze) as usize] += 1;
            }
        }
        if decks.len() > 1 {
            for (deck, [basic, cloze]) in &decks {
                let n = basic + cloze;
                writeln!(
                    out,
                    "{deck}: {n} card{} ({basic} basic, {cloze} cloze)",
                    plural(n)
                )?;
            }
        }
        let basic = cards.iter().filter(|c| c.kind == CardKind::Basic).count();
        let cloze = cards.len() - basic;
        writeln!(
            out,
            "{} card{} from {} file{}: {basic} basic, {cloze} cloze",
            cards.len(),
            plural(cards.len()),
            files,
            plural(files)
        )?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// One card, human-readable: where it comes from, its context, question and answer.
pub fn write_card(out: &mut impl Write, card: &Card) -> std::io::Result<()> {
    writeln!(
        out,
        "{}:{} {} [{}] {}",
        card.source,
        card.line,
        card.kind.as_str(),
        card.deck,
        card.key
    )?;
    if !card.context.is_empty() {
        writeln!(out, "  in: {}", card.context)?;
    }
    write_field(out, "Q", &card.question)?;
    write_field(out, "A", &card.answer)?;
    writeln!(out)
}

fn write_field(out: &mut impl Write, label: &str, text: &str) -> std::io::Result<()> {
    for (i, line) in text.lines().enumerate() {
        if i == 0 {
            writeln!(out, "  {label}: {line}")?;
        } else {
            writeln!(out, "     {line}")?;
        }
    }
    Ok(())
}
