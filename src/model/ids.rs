//! The id index: which record each id names.
//!
//! One hash table from an id's handle to a 4-byte record number, so that a
//! million ids cost a slot of eight bytes each. Numbers run over the actors,
//! places and events first (an entity's number is its [`Ent`]), then the
//! sources, then the relations. The validator enters relations too, to catch
//! an id used twice, and drops them once resolved: the index of a
//! [`Facts`](super::Facts) names entities and sources only. Nothing here
//! reads ids or reports problems. A record numbered past `u32::MAX` (no fact
//! set that large fits in memory) is not entered.

use hashbrown::HashMap;

use super::intern::Sym;
use super::record::{Ent, SourceIx};

/// The record an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    Ent(Ent),
    Source(SourceIx),
    /// A relation, by its place among the relations read.
    Relation(u32),
}

/// Every id of a fact set, by handle.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ids {
    map: HashMap<Sym, u32>,
    entities: u32,
    sources: u32,
}

impl Ids {
    /// An empty index for `entities` actors, places and events and `sources`
    /// sources, with room for `room` ids. Counts past `u32::MAX` are taken
    /// as `u32::MAX`.
    pub fn new(entities: usize, sources: usize, room: usize) -> Ids {
        Ids {
            map: HashMap::with_capacity(room),
            entities: u32::try_from(entities).unwrap_or(u32::MAX),
            sources: u32::try_from(sources).unwrap_or(u32::MAX),
        }
    }

    /// Enters `id` as naming `named`, unless it names a record already:
    /// then that record is returned and the index is unchanged.
    pub fn insert(&mut self, id: Sym, named: Named) -> Option<Named> {
        if let Some(first) = self.get(id) {
            return Some(first);
        }
        if let Some(n) = self.number(named) {
            self.map.insert(id, n);
        }
        None
    }

    /// The record `id` names, if any.
    pub fn get(&self, id: Sym) -> Option<Named> {
        self.map.get(&id).map(|&n| self.named(n))
    }

    /// The actor, place or event `id` names, if it names one.
    pub fn ent(&self, id: Sym) -> Option<Ent> {
        match self.get(id)? {
            Named::Ent(e) => Some(e),
            _ => None,
        }
    }

    /// The source `id` names, if it names one.
    pub fn source(&self, id: Sym) -> Option<SourceIx> {
        match self.get(id)? {
            Named::Source(s) => Some(s),
            _ => None,
        }
    }

    /// Every id with the record it names, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (Sym, Named)> + '_ {
        self.map.iter().map(|(&s, &n)| (s, self.named(n)))
    }

    /// Every id of an actor, place or event, in no particular order.
    pub fn ents(&self) -> impl Iterator<Item = (Sym, Ent)> + '_ {
        self.iter().filter_map(|(s, n)| match n {
            Named::Ent(e) => Some((s, e)),
            _ => None,
        })
    }

    /// Every id of a source, in no particular order.
    pub fn sources(&self) -> impl Iterator<Item = (Sym, SourceIx)> + '_ {
        self.iter().filter_map(|(s, n)| match n {
            Named::Source(x) => Some((s, x)),
            _ => None,
        })
    }

    /// How many ids are entered.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Forgets the ids of relations (once they are resolved).
    pub fn drop_relations(&mut self) {
        let first = self.entities.saturating_add(self.sources);
        self.map.retain(|_, n| *n < first);
    }

    /// Puts an index back together from its entity and source ids; `None`
    /// when an id is listed twice or names a record out of range.
    pub fn from_lists(
        ents: Vec<(Sym, Ent)>,
        sources: Vec<(Sym, SourceIx)>,
        entity_count: usize,
        source_count: usize,
    ) -> Option<Ids> {
        let mut ids = Ids::new(entity_count, source_count, ents.len() + sources.len());
        let ents = ents.into_iter().map(|(s, e)| (s, Named::Ent(e)));
        for (sym, named) in ents.chain(sources.into_iter().map(|(s, x)| (s, Named::Source(x)))) {
            let in_range = match named {
                Named::Ent(e) => e.0 < ids.entities,
                Named::Source(x) => x.0 < ids.sources,
                Named::Relation(_) => false,
            };
            if !in_range || ids.insert(sym, named).is_some() {
                return None;
            }
        }
        Some(ids)
    }

    fn number(&self, named: Named) -> Option<u32> {
        match named {
            Named::Ent(e) if e.0 < self.entities => Some(e.0),
            Named::Source(s) if s.0 < self.sources => self.entities.checked_add(s.0),
            Named::Relation(r) => self.entities.checked_add(self.sources)?.checked_add(r),
            Named::Ent(_) | Named::Source(_) => None,
        }
    }

    fn named(&self, n: u32) -> Named {
        match n.checked_sub(self.entities) {
            None => Named::Ent(Ent(n)),
            Some(s) if s < self.sources => Named::Source(SourceIx(s)),
            Some(s) => Named::Relation(s - self.sources),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Interner;

    fn syms(n: usize) -> (Interner, Vec<Sym>) {
        let mut strings = Interner::default();
        let syms = (0..n).map(|i| strings.intern(&format!("id-{i}"))).collect();
        (strings, syms)
    }

    #[test]
    fn every_kind_of_record_is_found_again() {
        let (_, s) = syms(5);
        let mut ids = Ids::new(2, 2, 8);
        assert_eq!(ids.insert(s[0], Named::Ent(Ent(0))), None);
        assert_eq!(ids.insert(s[1], Named::Ent(Ent(1))), None);
        assert_eq!(ids.insert(s[2], Named::Source(SourceIx(1))), None);
        assert_eq!(ids.insert(s[3], Named::Relation(7)), None);
        assert_eq!(ids.get(s[0]), Some(Named::Ent(Ent(0))));
        assert_eq!(ids.ent(s[1]), Some(Ent(1)));
        assert_eq!(ids.source(s[2]), Some(SourceIx(1)));
        assert_eq!(ids.ent(s[2]), None);
        assert_eq!(ids.source(s[1]), None);
        assert_eq!(ids.get(s[3]), Some(Named::Relation(7)));
        assert_eq!(ids.get(s[4]), None);
        assert_eq!(ids.len(), 4);
    }

    #[test]
    fn an_id_keeps_the_first_record_it_named() {
        let (_, s) = syms(1);
        let mut ids = Ids::new(3, 1, 0);
        assert_eq!(ids.insert(s[0], Named::Ent(Ent(2))), None);
        let again = ids.insert(s[0], Named::Source(SourceIx(0)));
        assert_eq!(again, Some(Named::Ent(Ent(2))));
        assert_eq!(ids.get(s[0]), Some(Named::Ent(Ent(2))));
    }

    #[test]
    fn records_out_of_range_are_not_entered() {
        let (_, s) = syms(3);
        let mut ids = Ids::new(1, 1, 0);
        assert_eq!(ids.insert(s[0], Named::Ent(Ent(1))), None);
        assert_eq!(ids.insert(s[1], Named::Source(SourceIx(1))), None);
        assert!(ids.is_empty());
        let mut full = Ids::new(usize::MAX, 1, 0);
        assert_eq!(full.insert(s[2], Named::Relation(0)), None);
        assert_eq!(full.get(s[2]), None);
        assert_eq!(full.insert(s[2], Named::Source(SourceIx(0))), None);
        assert_eq!(full.get(s[2]), Some(Named::Source(SourceIx(0))));
    }

    #[test]
    fn relations_are_dropped_and_lists_rebuild_the_rest() {
        let (_, s) = syms(3);
        let mut ids = Ids::new(1, 1, 0);
        ids.insert(s[0], Named::Ent(Ent(0)));
        ids.insert(s[1], Named::Source(SourceIx(0)));
        ids.insert(s[2], Named::Relation(0));
        ids.drop_relations();
        assert_eq!(ids.get(s[2]), None);
        let ents: Vec<_> = ids.ents().collect();
        let sources: Vec<_> = ids.sources().collect();
        assert_eq!(ents, vec![(s[0], Ent(0))]);
        assert_eq!(sources, vec![(s[1], SourceIx(0))]);
        let back = Ids::from_lists(ents.clone(), sources.clone(), 1, 1);
        assert_eq!(back.as_ref(), Some(&ids));
        assert_eq!(Ids::from_lists(ents.clone(), sources.clone(), 0, 1), None);
        assert_eq!(Ids::from_lists(ents.clone(), sources, 1, 0), None);
        let twice = vec![(s[0], SourceIx(0))];
        assert_eq!(Ids::from_lists(ents, twice, 1, 1), None);
    }
}
