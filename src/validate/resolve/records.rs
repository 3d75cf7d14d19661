//! The pending records taken out of the store to be resolved, and the id
//! index marked over them before any id is defined. It reads the records;
//! it reports nothing.

use super::defs::Lists;
use crate::model::{self, Ids, IdsBuilder, Sym};
use crate::validate::Pending;

/// The records of a pending store, taken out to be resolved one by one.
pub(super) struct Records {
    pub actors: Vec<model::Actor<model::Pending>>,
    pub places: Vec<model::Place<model::Pending>>,
    pub events: Vec<model::Event<model::Pending>>,
    pub relations: Vec<model::Relation<model::Pending>>,
}

/// The pending records, by kind.
pub(super) type PendingLists<'a> = Lists<
    'a,
    model::Actor<model::Pending>,
    model::Place<model::Pending>,
    model::Event<model::Pending>,
    model::Relation<model::Pending>,
>;

impl Records {
    pub fn take(p: &mut Pending) -> Records {
        Records {
            actors: std::mem::take(&mut p.actors),
            places: std::mem::take(&mut p.places),
            events: std::mem::take(&mut p.events),
            relations: std::mem::take(&mut p.relations),
        }
    }

    /// The id index with every id marked, naming nothing yet, and the
    /// events' ids and titles in order. The events are read here only, a
    /// half on each of two threads: defining their ids and the warnings
    /// about names read the lists rather than the events again (a million
    /// events are 144 MB).
    pub fn index(&self, p: &Pending) -> (Ids, EventNames) {
        let names = p.strings.names_len();
        let (first, second) = crate::par::halves(&self.events, |events, _| {
            let mut ids = IdsBuilder::new(names);
            let syms: Vec<Sym> = events.iter().map(|e| e.id).collect();
            syms.iter().for_each(|&id| ids.mark(id));
            let titles: Vec<Sym> = events.iter().map(|e| e.title).collect();
            (ids, EventNames { ids: syms, titles })
        });
        let (mut ids, mut event_names) = first;
        ids.union(&second.0);
        event_names.ids.extend(second.1.ids);
        event_names.titles.extend(second.1.titles);
        p.sources.iter().for_each(|s| ids.mark(s.id));
        self.actors.iter().for_each(|a| ids.mark(a.id));
        self.places.iter().for_each(|pl| ids.mark(pl.id));
        self.relations
            .iter()
            .filter_map(|r| r.id)
            .for_each(|id| ids.mark(id));
        let entities = self.actors.len() + self.places.len() + self.events.len();
        (ids.build(entities, p.sources.len()), event_names)
    }

    pub fn lists<'a>(&'a self, p: &'a Pending) -> PendingLists<'a> {
        Lists {
            sources: &p.sources,
            actors: &self.actors,
            places: &self.places,
            events: &self.events,
            relations: &self.relations,
        }
    }
}

/// The events' ids and titles, in order.
pub(super) struct EventNames {
    pub ids: Vec<Sym>,
    pub titles: Vec<Sym>,
}
