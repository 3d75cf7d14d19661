//! The id index: which record each id names.
//!
//! Ids are interned strings, so the index is keyed by string handle: one bit
//! per handle says whether it is an id, a count per 64 handles ranks the
//! set bits, and a 4-byte record number per id says which record it names.
//! A million ids over four million strings take about six bytes an id, and
//! a lookup is a few loads, with no hashing. The ids are marked first
//! ([`IdsBuilder`]), then entered in reading order, so that the first record
//! to claim an id keeps it. Record numbers run over the actors, places and
//! events first (an entity's number is its [`Ent`]), then the sources, then
//! the relations: the validator enters relations too, to catch an id used
//! twice, and drops them once resolved, so the index of a
//! [`Facts`](super::Facts) names entities and sources only. Nothing here
//! reads ids or reports problems. A record numbered at or past
//! `u32::MAX - 1` (no fact set that large fits in memory) is not entered.

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

/// The number of an id that names no record (yet, or any more).
const VACANT: u32 = u32::MAX;

/// Which string handles are ids, before any is entered.
pub struct IdsBuilder {
    bits: Vec<u64>,
}

impl IdsBuilder {
    /// Room for the handles of `strings` names, none of them an id yet.
    pub fn new(strings: usize) -> IdsBuilder {
        IdsBuilder {
            bits: vec![0; strings.div_ceil(64)],
        }
    }

    /// Marks `id` as an id (a handle past the room given, or of text
    /// rather than a name, is ignored).
    pub fn mark(&mut self, id: Sym) {
        if id.is_text() {
            return;
        }
        let i = id.index();
        if let Some(word) = self.bits.get_mut(i / 64) {
            *word |= 1 << (i % 64);
        }
    }

    /// Marks the ids `other` marks too (over the same room).
    pub fn union(&mut self, other: &IdsBuilder) {
        self.bits
            .iter_mut()
            .zip(&other.bits)
            .for_each(|(mine, theirs)| *mine |= theirs);
    }

    /// The index of the marked ids, each naming nothing yet, for
    /// `entities` actors, places and events and `sources` sources (counts
    /// past `u32::MAX` are taken as `u32::MAX`).
    pub fn build(self, entities: usize, sources: usize) -> Ids {
        let mut ranks = Vec::with_capacity(self.bits.len());
        let mut before = 0u32;
        for word in &self.bits {
            ranks.push(before);
            before = before.saturating_add(word.count_ones());
        }
        Ids {
            bits: self.bits,
            ranks,
            numbers: vec![VACANT; before as usize],
            entities: u32::try_from(entities).unwrap_or(u32::MAX),
            sources: u32::try_from(sources).unwrap_or(u32::MAX),
        }
    }
}

/// Every id of a fact set, by handle.
#[derive(Clone, Debug, Default)]
pub struct Ids {
    /// One bit per string handle: set when the string is an id.
    bits: Vec<u64>,
    /// For each word of `bits`, how many bits are set in the words before.
    ranks: Vec<u32>,
    /// The record number of each id, in handle order.
    numbers: Vec<u32>,
    entities: u32,
    sources: u32,
}

impl Ids {
    /// Enters `id` as naming `named`, unless it names a record already:
    /// then that record is returned and the index is unchanged. An id not
    /// marked when the index was built is not entered.
    pub fn insert(&mut self, id: Sym, named: Named) -> Option<Named> {
        if let Some(first) = self.get(id) {
            return Some(first);
        }
        let number = self.number(named);
        if let (Some(slot), Some(n)) = (self.slot(id).and_then(|k| self.numbers.get_mut(k)), number)
        {
            *slot = n;
        }
        None
    }

    /// The record `id` names, if any.
    pub fn get(&self, id: Sym) -> Option<Named> {
        let n = *self.numbers.get(self.slot(id)?)?;
        (n != VACANT).then(|| self.named(n))
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

    /// Every id with the record it names, in handle order.
    pub fn iter(&self) -> impl Iterator<Item = (Sym, Named)> + '_ {
        let handles = self.bits.iter().enumerate().flat_map(|(w, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                let bit = (rest != 0).then(|| rest.trailing_zeros() as usize)?;
                rest &= rest - 1;
                Some(w * 64 + bit)
            })
        });
        handles
            .zip(&self.numbers)
            .filter(|&(_, &n)| n != VACANT)
            .map(|(i, &n)| (Sym::from_index(i), self.named(n)))
    }

    /// Every id of an actor, place or event, in handle order.
    pub fn ents(&self) -> impl Iterator<Item = (Sym, Ent)> + '_ {
        self.iter().filter_map(|(s, n)| match n {
            Named::Ent(e) => Some((s, e)),
            _ => None,
        })
    }

    /// Every id of a source, in handle order.
    pub fn sources(&self) -> impl Iterator<Item = (Sym, SourceIx)> + '_ {
        self.iter().filter_map(|(s, n)| match n {
            Named::Source(x) => Some((s, x)),
            _ => None,
        })
    }

    /// How many ids name a record.
    pub fn len(&self) -> usize {
        self.numbers.iter().filter(|&&n| n != VACANT).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets the ids of relations (once they are resolved).
    pub fn drop_relations(&mut self) {
        let first = self.entities.saturating_add(self.sources);
        for n in &mut self.numbers {
            if *n >= first {
                *n = VACANT;
            }
        }
    }

    /// Puts an index back together from its entity and source ids, over
    /// `strings` string handles; `None` when an id is listed twice or is out
    /// of range, or names a record out of range.
    pub fn from_lists<E, S>(
        ents: E,
        sources: S,
        entity_count: usize,
        source_count: usize,
        strings: usize,
    ) -> Option<Ids>
    where
        E: IntoIterator<Item = (Sym, Ent)> + Clone,
        S: IntoIterator<Item = (Sym, SourceIx)> + Clone,
    {
        let mut builder = IdsBuilder::new(strings);
        for sym in ents
            .clone()
            .into_iter()
            .map(|(s, _)| s)
            .chain(sources.clone().into_iter().map(|(s, _)| s))
        {
            if sym.is_text() || sym.index() >= strings {
                return None;
            }
            builder.mark(sym);
        }
        let mut ids = builder.build(entity_count, source_count);
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

    /// Where the number of `id` is kept, if it was marked.
    fn slot(&self, id: Sym) -> Option<usize> {
        if id.is_text() {
            return None;
        }
        let i = id.index();
        let word = *self.bits.get(i / 64)?;
        let bit = 1u64 << (i % 64);
        if word & bit == 0 {
            return None;
        }
        let before = *self.ranks.get(i / 64)? as usize;
        Some(before + (word & (bit - 1)).count_ones() as usize)
    }

    fn number(&self, named: Named) -> Option<u32> {
        let n = match named {
            Named::Ent(e) if e.0 < self.entities => Some(e.0),
            Named::Source(s) if s.0 < self.sources => self.entities.checked_add(s.0),
            Named::Relation(r) => self.entities.checked_add(self.sources)?.checked_add(r),
            Named::Ent(_) | Named::Source(_) => None,
        };
        n.filter(|&n| n != VACANT)
    }

    fn named(&self, n: u32) -> Named {
        match n.checked_sub(self.entities) {
            None => Named::Ent(Ent(n)),
            Some(s) if s < self.sources => Named::Source(SourceIx(s)),
            Some(s) => Named::Relation(s - self.sources),
        }
    }
}

/// Two indexes are equal when they name the same records by the same ids.
impl PartialEq for Ids {
    fn eq(&self, other: &Ids) -> bool {
        self.entities == other.entities
            && self.sources == other.sources
            && self.iter().eq(other.iter())
    }
}

impl Eq for Ids {}

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
    fn a_union_marks_the_ids_of_both() {
        let (_, s) = syms(200);
        let (mut evens, mut odds) = (IdsBuilder::new(200), IdsBuilder::new(200));
        for (i, &sym) in s.iter().enumerate() {
            match i % 2 {
                0 => evens.mark(sym),
                _ => odds.mark(sym),
            }
        }
        evens.union(&odds);
        let mut ids = evens.build(200, 0);
        for (i, &sym) in (0u32..).zip(&s) {
            assert_eq!(ids.insert(sym, Named::Ent(Ent(i))), None);
        }
        assert_eq!(ids.len(), 200);
    }

    fn index(s: &[Sym], strings: usize, entities: usize, sources: usize) -> Ids {
        let mut builder = IdsBuilder::new(strings);
        s.iter().for_each(|&sym| builder.mark(sym));
        builder.build(entities, sources)
    }

    #[test]
    fn every_kind_of_record_is_found_again() {
        let (_, s) = syms(200);
        let mut ids = index(&[s[0], s[70], s[130], s[199]], 200, 2, 2);
        assert_eq!(ids.insert(s[0], Named::Ent(Ent(0))), None);
        assert_eq!(ids.insert(s[70], Named::Ent(Ent(1))), None);
        assert_eq!(ids.insert(s[130], Named::Source(SourceIx(1))), None);
        assert_eq!(ids.insert(s[199], Named::Relation(7)), None);
        assert_eq!(ids.get(s[0]), Some(Named::Ent(Ent(0))));
        assert_eq!(ids.ent(s[70]), Some(Ent(1)));
        assert_eq!(ids.source(s[130]), Some(SourceIx(1)));
        assert_eq!(ids.ent(s[130]), None);
        assert_eq!(ids.source(s[70]), None);
        assert_eq!(ids.get(s[199]), Some(Named::Relation(7)));
        assert_eq!(ids.get(s[1]), None);
        assert_eq!(ids.len(), 4);
        let order: Vec<Sym> = ids.iter().map(|(s, _)| s).collect();
        assert_eq!(order, vec![s[0], s[70], s[130], s[199]]);
    }

    #[test]
    fn an_id_keeps_the_first_record_it_named() {
        let (_, s) = syms(1);
        let mut ids = index(&s, 1, 3, 1);
        assert_eq!(ids.insert(s[0], Named::Ent(Ent(2))), None);
        let again = ids.insert(s[0], Named::Source(SourceIx(0)));
        assert_eq!(again, Some(Named::Ent(Ent(2))));
        assert_eq!(ids.get(s[0]), Some(Named::Ent(Ent(2))));
    }

    #[test]
    fn unmarked_ids_and_records_out_of_range_are_not_entered() {
        let (_, s) = syms(4);
        let mut ids = index(&s[..3], 4, 1, 1);
        assert_eq!(ids.insert(s[0], Named::Ent(Ent(1))), None);
        assert_eq!(ids.insert(s[1], Named::Source(SourceIx(1))), None);
        assert_eq!(ids.insert(s[3], Named::Ent(Ent(0))), None);
        assert!(ids.is_empty());
        let mut full = index(&s, 4, usize::MAX, 1);
        assert_eq!(full.insert(s[2], Named::Relation(0)), None);
        assert_eq!(full.get(s[2]), None);
        assert_eq!(full.insert(s[2], Named::Source(SourceIx(0))), None);
        assert_eq!(full.get(s[2]), None, "u32::MAX is no record number");
        let mut almost = index(&s, 4, u32::MAX as usize - 1, 1);
        assert_eq!(almost.insert(s[2], Named::Source(SourceIx(0))), None);
        assert_eq!(almost.get(s[2]), Some(Named::Source(SourceIx(0))));
    }

    #[test]
    fn relations_are_dropped_and_lists_rebuild_the_rest() {
        let (_, s) = syms(3);
        let mut ids = index(&s, 3, 1, 1);
        ids.insert(s[0], Named::Ent(Ent(0)));
        ids.insert(s[1], Named::Source(SourceIx(0)));
        ids.insert(s[2], Named::Relation(0));
        ids.drop_relations();
        assert_eq!(ids.get(s[2]), None);
        let ents: Vec<_> = ids.ents().collect();
        let sources: Vec<_> = ids.sources().collect();
        assert_eq!(ents, vec![(s[0], Ent(0))]);
        assert_eq!(sources, vec![(s[1], SourceIx(0))]);
        let back = Ids::from_lists(ents.clone(), sources.clone(), 1, 1, 3);
        assert_eq!(back.as_ref(), Some(&ids));
        assert_eq!(
            Ids::from_lists(ents.clone(), sources.clone(), 0, 1, 3),
            None
        );
        assert_eq!(
            Ids::from_lists(ents.clone(), sources.clone(), 1, 0, 3),
            None
        );
        assert_eq!(
            Ids::from_lists(ents.clone(), sources.clone(), 1, 1, 1),
            None
        );
        let twice = vec![(s[0], SourceIx(0))];
        assert_eq!(Ids::from_lists(ents, twice, 1, 1, 3), None);
    }

    #[test]
    fn an_empty_index_names_nothing() {
        let (_, s) = syms(1);
        let ids = Ids::default();
        assert_eq!(ids.get(s[0]), None);
        assert!(ids.is_empty());
        assert_eq!(ids.iter().count(), 0);
    }
}
