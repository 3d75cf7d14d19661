//! What an id names while resolving, and where that record stands.
//!
//! A [`Def`] is a kind of record and its place among the pending records of
//! that kind, turned to and from the record numbers of the model's id index
//! by [`Counts`]. Where a record stands is not kept beside its id: [`Lists`]
//! reads it from the record itself, pending or resolved, when a diagnostic
//! needs it. Nothing here looks ids up or reports problems.

use crate::diag::Origin;
use crate::load::RecordShape;
use crate::model::{self, Ent, EntityKind, Named, SourceIx, Stage};

/// What an id was first defined as.
#[derive(Clone, Copy)]
pub(super) struct Def {
    pub kind: Kind,
    /// Its place among the pending records of its kind.
    pub index: u32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Entity(EntityKind),
    Source,
    Relation,
}

impl Kind {
    /// The kind of a record of this shape.
    pub fn of(shape: RecordShape) -> Kind {
        match shape {
            RecordShape::Source => Kind::Source,
            RecordShape::Actor => Kind::Entity(EntityKind::Actor),
            RecordShape::Place => Kind::Entity(EntityKind::Place),
            RecordShape::Event => Kind::Entity(EntityKind::Event),
            RecordShape::Relation => Kind::Relation,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Entity(k) => k.as_str(),
            Kind::Source => "source",
            Kind::Relation => "relation",
        }
    }

    /// A bit of its own, for sets of kinds.
    pub fn bit(self) -> u8 {
        match self {
            Kind::Entity(EntityKind::Actor) => 1,
            Kind::Entity(EntityKind::Place) => 2,
            Kind::Entity(EntityKind::Event) => 4,
            Kind::Source => 8,
            Kind::Relation => 16,
        }
    }
}

/// How many actors and places come before the events in [`Ent`] order.
#[derive(Clone, Copy)]
pub(super) struct Counts {
    pub actors: u32,
    pub places: u32,
}

impl Counts {
    /// The definition behind a record number of the id index.
    pub fn def(self, named: Named) -> Def {
        let (kind, index) = match named {
            Named::Ent(Ent(n)) if n < self.actors => (Kind::Entity(EntityKind::Actor), n),
            Named::Ent(Ent(n)) if n - self.actors < self.places => {
                (Kind::Entity(EntityKind::Place), n - self.actors)
            }
            Named::Ent(Ent(n)) => (
                Kind::Entity(EntityKind::Event),
                n - self.actors - self.places,
            ),
            Named::Source(s) => (Kind::Source, s.0),
            Named::Relation(r) => (Kind::Relation, r),
        };
        Def { kind, index }
    }

    /// The record number of a definition (the last number when it is past
    /// every number).
    pub fn named(self, def: Def) -> Named {
        match def.kind {
            Kind::Entity(_) => Named::Ent(self.ent(def)),
            Kind::Source => Named::Source(SourceIx(def.index)),
            Kind::Relation => Named::Relation(def.index),
        }
    }

    /// The entity number of an actor, place or event.
    pub fn ent(self, def: Def) -> Ent {
        let before = match def.kind {
            Kind::Entity(EntityKind::Place) => self.actors,
            Kind::Entity(EntityKind::Event) => self.actors.saturating_add(self.places),
            _ => 0,
        };
        Ent(before.saturating_add(def.index))
    }
}

/// A record that knows where it stands.
pub(super) trait HasOrigin {
    fn origin(&self) -> Origin;
}

impl HasOrigin for model::Source {
    fn origin(&self) -> Origin {
        self.origin
    }
}

macro_rules! has_origin {
    ($($record:ident),*) => {$(
        impl<S: Stage> HasOrigin for model::$record<S> {
            fn origin(&self) -> Origin {
                self.origin
            }
        }
    )*};
}

has_origin!(Actor, Place, Event, Relation);

/// A relation resolved, or the origin of one dropped for bad references.
impl HasOrigin for Result<model::Relation, Origin> {
    fn origin(&self) -> Origin {
        match self {
            Ok(r) => r.origin,
            Err(origin) => *origin,
        }
    }
}

/// The records of every kind, each list in pending order.
pub(super) struct Lists<'a, A, P, E, R> {
    pub sources: &'a [model::Source],
    pub actors: &'a [A],
    pub places: &'a [P],
    pub events: &'a [E],
    pub relations: &'a [R],
}

impl<A: HasOrigin, P: HasOrigin, E: HasOrigin, R: HasOrigin> Lists<'_, A, P, E, R> {
    /// Where the record of a definition stands.
    pub fn origin(&self, def: Def) -> Option<Origin> {
        let i = def.index as usize;
        match def.kind {
            Kind::Source => self.sources.get(i).map(HasOrigin::origin),
            Kind::Entity(EntityKind::Actor) => self.actors.get(i).map(HasOrigin::origin),
            Kind::Entity(EntityKind::Place) => self.places.get(i).map(HasOrigin::origin),
            Kind::Entity(EntityKind::Event) => self.events.get(i).map(HasOrigin::origin),
            Kind::Relation => self.relations.get(i).map(HasOrigin::origin),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_numbers_and_definitions_go_both_ways() {
        let counts = Counts {
            actors: 2,
            places: 3,
        };
        let cases = [
            (Kind::Entity(EntityKind::Actor), 1, Named::Ent(Ent(1))),
            (Kind::Entity(EntityKind::Place), 0, Named::Ent(Ent(2))),
            (Kind::Entity(EntityKind::Place), 2, Named::Ent(Ent(4))),
            (Kind::Entity(EntityKind::Event), 0, Named::Ent(Ent(5))),
            (Kind::Source, 7, Named::Source(SourceIx(7))),
            (Kind::Relation, 9, Named::Relation(9)),
        ];
        for (kind, index, named) in cases {
            assert_eq!(counts.named(Def { kind, index }), named);
            let def = counts.def(named);
            assert!(def.kind == kind && def.index == index);
        }
    }

    #[test]
    fn a_relation_dropped_keeps_its_origin() {
        use crate::load::FileId;
        let origin = Origin {
            file: FileId(0),
            offset: 42,
        };
        let dropped: Result<model::Relation, Origin> = Err(origin);
        assert_eq!(dropped.origin(), origin);
    }

    /// Relations are resolved in place: a list of results takes the room of
    /// the pending list, not a second allocation.
    #[test]
    fn a_relation_result_is_the_size_of_a_pending_relation() {
        use std::mem::{align_of, size_of};
        type Out = Result<model::Relation, Origin>;
        assert_eq!(
            size_of::<Out>(),
            size_of::<model::Relation<model::Pending>>()
        );
        assert_eq!(
            align_of::<Out>(),
            align_of::<model::Relation<model::Pending>>()
        );
    }
}
