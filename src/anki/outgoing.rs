//! What goes to Anki, read from the store once for either way of sending it (a package, or
//! answers into a collection): the chosen cards, where those from Anki live there, every
//! card's state, the log and the resets.

use super::collection::NoteType;
use crate::error::Result;
use crate::model::{AnkiOrigin, CardId};
use crate::schedule::CardSchedule;
use crate::store::anki::{AnswerOut, CardOut};
use crate::store::Store;
use std::collections::{HashMap, HashSet};

/// The cards of an export with what Anki needs of them.
pub struct Outgoing {
    pub cards: Vec<CardOut>,
    /// Cards that came from Anki: where they live there and their note type.
    pub origins: HashMap<CardId, (AnkiOrigin, NoteType)>,
    pub states: HashMap<CardId, CardSchedule>,
    /// Answers not taken back, card by card in time order.
    pub log: Vec<AnswerOut>,
    /// Resets ("Forget"), by card and time.
    pub resets: Vec<(CardId, i64)>,
    /// The images and sounds the notes from Anki name that the media folder holds: (name, file).
    pub media: Vec<(String, std::path::PathBuf)>,
}

impl Outgoing {
    /// The cards in `keep`, read from `store` in one read transaction (an answer given
    /// meanwhile is in both the log and the states, or in neither).
    pub fn read(store: &mut Store, keep: &HashSet<CardId>) -> Result<Outgoing> {
        store.read_transaction(|store| Outgoing::read_now(store, keep))
    }

    fn read_now(store: &Store, keep: &HashSet<CardId>) -> Result<Outgoing> {
        let cards = (store.cards_for_export()?.into_iter())
            .filter(|c| keep.contains(&c.id))
            .collect();
        // A note type recall cannot read back (written by a newer recall) leaves its cards to
        // go out as recall's own notes.
        let origins: HashMap<CardId, (AnkiOrigin, NoteType)> = (store.anki_origins()?.into_iter())
            .filter(|(id, _, _)| keep.contains(id))
            .filter_map(|(id, o, json)| {
                serde_json::from_str::<NoteType>(&json)
                    .ok()
                    .map(|t| (id, (o, t)))
            })
            .collect();
        let named: std::collections::BTreeSet<String> = (origins.values())
            .flat_map(|(o, _): &(AnkiOrigin, NoteType)| super::media::named_in(&o.fields))
            .collect();
        let media = super::media::to_send(&named, store.media_folder().as_deref());
        Ok(Outgoing {
            cards,
            origins,
            media,
            states: store.card_schedules()?.into_iter().collect(),
            log: store.log_for_export()?,
            resets: store.resets_for_export()?,
        })
    }
}
