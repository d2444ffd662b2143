//! `recall cards PATH... [--skipped] [--json]`: preview the cards notes yield, and why the other
//! blocks gave none, as text or JSON.

use super::Context;
use crate::cli::CardsArgs;
use recall::import::preview::{preview, SkippedIn, Want};
use recall::model::{Card, CardKind};
use recall::notes::Tally;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

pub fn run(args: CardsArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let want = Want {
        skipped: args.skipped,
        features: args.features,
    };
    // The collection, when there is one: a file it holds is previewed as it was imported.
    // A preview takes no backup and fails for no database: one that cannot be opened is said,
    // and the notes are previewed as they are.
    let store = match ctx.db_path() {
        Ok(path) if path.exists() => match recall::store::Store::open(&path) {
            Ok(store) => Some(store),
            Err(e) => {
                eprintln!("recall: warning: {e}; previewing the notes without the collection");
                None
            }
        },
        _ => None,
    };
    let flags = super::card_flags(&args.extract);
    let p = preview(&args.paths, &ctx.config, flags, want, store.as_ref());
    for e in &p.errors {
        eprintln!("recall: {e}");
    }
    for (file, line, message) in &p.warnings {
        eprintln!("recall: warning: {file}:{line}: {message}");
    }
    let failed = !p.errors.is_empty();
    let (cards, features, skipped, tally) = (p.cards, p.features, p.skipped, p.tally);

    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        #[derive(serde::Serialize)]
        struct CardOut<'a> {
            #[serde(flatten)]
            card: &'a Card,
            #[serde(skip_serializing_if = "Option::is_none")]
            features: Option<&'a [f32]>,
        }
        #[derive(serde::Serialize)]
        struct Output<'a> {
            cards: Vec<CardOut<'a>>,
            #[serde(skip_serializing_if = "Option::is_none")]
            skipped: Option<&'a [SkippedIn]>,
            summary: &'a Tally,
        }
        let doc = Output {
            cards: cards
                .iter()
                .enumerate()
                .map(|(i, card)| CardOut {
                    card,
                    features: features.get(i).and_then(|f| f.as_deref()),
                })
                .collect(),
            skipped: args.skipped.then_some(&skipped[..]),
            summary: &tally,
        };
        // serde_json's error keeps the io::ErrorKind, so a closed pipe stays recognisable.
        serde_json::to_writer_pretty(&mut out, &doc).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        write_text(&mut out, &cards, &skipped, &tally)?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The cards as text, the skipped blocks, and the summary.
fn write_text(
    out: &mut impl Write,
    cards: &[Card],
    skipped: &[SkippedIn],
    tally: &Tally,
) -> std::io::Result<()> {
    for card in cards {
        write_card(out, card)?;
    }
    for s in skipped {
        writeln!(
            out,
            "{}:{} skipped ({}): {}",
            s.source,
            s.block.line,
            s.block.reason.as_str(),
            s.text
        )?;
    }
    if !skipped.is_empty() {
        writeln!(out)?;
    }
    // Per deck when there are several, in the order they were read; then the total.
    let mut decks: Vec<(&str, [usize; 2])> = Vec::new();
    for c in cards {
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
    writeln!(
        out,
        "{} card{} from {} file{}: {} basic, {} cloze",
        tally.cards(),
        plural(tally.cards()),
        tally.files,
        plural(tally.files),
        tally.basic,
        tally.cloze
    )?;
    super::write_tally(out, tally, "--skipped lists them")?;
    Ok(())
}

pub(super) fn plural(n: usize) -> &'static str {
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
