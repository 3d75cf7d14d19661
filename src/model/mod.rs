//! The validated fact model: what the facts say, valid by construction.
//!
//! [`Facts`] owns every record of a run and the strings they use. Actors,
//! places and events share one numbering, [`Ent`] (actors first, then places,
//! then events), which is also their node number in the graph. Nothing here
//! reads files or prints; building a `Facts` is the validator's job.

pub mod count;
pub mod ids;
pub mod intern;
pub mod list;
pub mod rare;
pub mod record;
pub mod remap;
pub mod time;

pub use count::Count;
pub use ids::{Ids, IdsBuilder, Named};
pub use intern::{Interner, Sym};
pub use list::List;
pub use rare::Rare;
pub use record::*;
pub use time::TimeOrder;

use crate::load::Files;

/// A validated fact set.
#[derive(Debug, Default)]
pub struct Facts {
    pub strings: Interner,
    pub sources: Vec<Source>,
    pub actors: Vec<Actor>,
    pub places: Vec<Place>,
    pub events: Vec<Event>,
    pub relations: Vec<Relation>,
    pub files: Files,
    /// Every actor, place, event and source by its id.
    pub ids: Ids,
    /// The events in time order ([`Facts::by_time`]).
    pub time: TimeOrder,
}

/// The three kinds of graph node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    Actor,
    Place,
    Event,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Actor => "actor",
            EntityKind::Place => "place",
            EntityKind::Event => "event",
        }
    }
}

/// A borrowed actor, place or event.
#[derive(Clone, Copy, Debug)]
pub enum EntityRef<'f> {
    Actor(&'f Actor),
    Place(&'f Place),
    Event(&'f Event),
}

fn ix(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Facts {
    pub fn str(&self, sym: Sym) -> &str {
        self.strings.resolve(sym)
    }

    pub fn opt_str(&self, sym: Option<Sym>) -> Option<&str> {
        sym.map(|s| self.strings.resolve(s))
    }

    pub fn entity_count(&self) -> usize {
        self.actors.len() + self.places.len() + self.events.len()
    }

    pub fn actor_ent(&self, a: ActorIx) -> Ent {
        Ent(a.0)
    }

    pub fn place_ent(&self, p: PlaceIx) -> Ent {
        Ent(ix(self.actors.len()) + p.0)
    }

    /// Every event's index, in the order the events are stored.
    pub fn event_ixs(&self) -> impl Iterator<Item = EventIx> + use<> {
        (0..ix(self.events.len())).map(EventIx)
    }

    pub fn event_ent(&self, e: EventIx) -> Ent {
        Ent(ix(self.actors.len() + self.places.len()) + e.0)
    }

    pub fn kind(&self, ent: Ent) -> EntityKind {
        let n = ent.index();
        if n < self.actors.len() {
            EntityKind::Actor
        } else if n < self.actors.len() + self.places.len() {
            EntityKind::Place
        } else {
            EntityKind::Event
        }
    }

    pub fn entity(&self, ent: Ent) -> Option<EntityRef<'_>> {
        let n = ent.index();
        let (a, p) = (self.actors.len(), self.places.len());
        if n < a {
            self.actors.get(n).map(EntityRef::Actor)
        } else if n < a + p {
            self.places.get(n - a).map(EntityRef::Place)
        } else {
            self.events.get(n - a - p).map(EntityRef::Event)
        }
    }

    /// The actor behind an entity, if it is one.
    pub fn as_actor(&self, ent: Ent) -> Option<ActorIx> {
        (ent.index() < self.actors.len()).then_some(ActorIx(ent.0))
    }

    pub fn as_place(&self, ent: Ent) -> Option<PlaceIx> {
        let n = ent.index().checked_sub(self.actors.len())?;
        (n < self.places.len()).then(|| PlaceIx(ix(n)))
    }

    pub fn as_event(&self, ent: Ent) -> Option<EventIx> {
        let n = ent
            .index()
            .checked_sub(self.actors.len() + self.places.len())?;
        (n < self.events.len()).then(|| EventIx(ix(n)))
    }

    pub fn actor(&self, a: ActorIx) -> Option<&Actor> {
        self.actors.get(a.index())
    }

    pub fn place(&self, p: PlaceIx) -> Option<&Place> {
        self.places.get(p.index())
    }

    pub fn event(&self, e: EventIx) -> Option<&Event> {
        self.events.get(e.index())
    }

    pub fn source(&self, s: SourceIx) -> Option<&Source> {
        self.sources.get(s.index())
    }

    /// The entity's id as written.
    pub fn id_of(&self, ent: Ent) -> &str {
        match self.entity(ent) {
            Some(EntityRef::Actor(a)) => self.str(a.id),
            Some(EntityRef::Place(p)) => self.str(p.id),
            Some(EntityRef::Event(e)) => self.str(e.id),
            None => "",
        }
    }

    /// The entity's name, or an event's title.
    pub fn label_of(&self, ent: Ent) -> &str {
        match self.entity(ent) {
            Some(EntityRef::Actor(a)) => self.str(a.name),
            Some(EntityRef::Place(p)) => self.str(p.name),
            Some(EntityRef::Event(e)) => self.str(e.title),
            None => "",
        }
    }

    /// Looks an actor, place or event up by its exact id.
    pub fn lookup(&self, id: &str) -> Option<Ent> {
        self.ids.ent(self.strings.get(id)?)
    }

    pub fn lookup_source(&self, id: &str) -> Option<SourceIx> {
        self.ids.source(self.strings.get(id)?)
    }

    /// All entities, in number order.
    pub fn ents(&self) -> impl Iterator<Item = Ent> + use<> {
        (0..ix(self.entity_count())).map(Ent)
    }

    /// A place and every place around it, innermost first.
    pub fn enclosing(&self, place: PlaceIx) -> impl Iterator<Item = PlaceIx> + '_ {
        std::iter::successors(Some(place), |p| self.place(*p).and_then(|p| p.within))
            .take(self.places.len())
    }
}
