//! The entities as resolving has defined them, before the events'
//! references are resolved: their ids, the actors' and places' names and
//! aliases, the events' titles, and the id index.
//!
//! This is what the warnings about ambiguous names read
//! ([`super::warnings`]), on one thread while the events' references are
//! resolved on another. Its entities are numbered as the facts' will be
//! (actors, then places, then events): resolving keeps every actor, place
//! and event. It reads; it reports nothing and changes nothing.

use crate::model::{Actor, Ent, EntityKind, Ids, Interner, Place, Sym};

/// A borrowed view of the defined entities.
#[derive(Clone, Copy)]
pub struct Defined<'a> {
    pub strings: &'a Interner,
    pub ids: &'a Ids,
    pub actors: &'a [Actor],
    pub places: &'a [Place],
    /// The events' ids, in order.
    pub event_ids: &'a [Sym],
    /// The events' titles, in the same order.
    pub titles: &'a [Sym],
}

impl<'a> Defined<'a> {
    pub fn str(&self, sym: Sym) -> &'a str {
        self.strings.resolve(sym)
    }

    /// The actor, place or event whose id is exactly `id`.
    pub fn lookup(&self, id: &str) -> Option<Ent> {
        self.ids.ent(self.strings.get(id)?)
    }

    /// Which kind of entity `ent` is.
    pub fn kind(&self, ent: Ent) -> EntityKind {
        EntityKind::of(ent, self.actors.len(), self.places.len())
    }

    /// The actors and places, in number order.
    pub fn named(&self) -> impl Iterator<Item = Ent> + use<> {
        (0..number(self.actors.len() + self.places.len())).map(Ent)
    }

    /// The entity of the event at `i` in the events' order.
    pub fn event_ent(&self, i: usize) -> Ent {
        Ent(number(self.actors.len() + self.places.len() + i))
    }
}

fn number(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
