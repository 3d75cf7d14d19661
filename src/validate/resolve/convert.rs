//! Pending records made resolved ones: every reference looked up (a bad
//! one reported by [`Resolver::lookup`] and left out) and replaced by the
//! number of the record it names. Nothing here decides what is an error.

use super::Resolver;
use super::defs::Kind;
use crate::diag::{Origin, PathSeg};
use crate::model::{
    self, ActorIx, Cite, EntityKind, List, Participant, PlaceIx, Resolved, SourceIx,
};

impl Resolver<'_> {
    /// The cited sources; `None` when a citation is wrong (one whose source
    /// was dropped for errors of its own is left out).
    fn cites(&mut self, cites: &[Cite<model::Pending>], origin: Origin) -> Option<List<Cite>> {
        let mut ok = true;
        let out = cites
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let path = &item_id("sources", i);
                match self.lookup(c.source, &[Kind::Source], origin, path) {
                    Ok(Some(def)) => Some(Cite {
                        source: SourceIx(def.index),
                        quote: c.quote,
                    }),
                    Ok(None) => None,
                    Err(()) => {
                        ok = false;
                        None
                    }
                }
            })
            .collect();
        ok.then_some(out)
    }

    pub(super) fn actor(&mut self, a: model::Actor<model::Pending>) -> model::Actor {
        let sources = self.cites(&a.sources, a.origin).unwrap_or_default();
        model::Actor {
            id: a.id,
            name: a.name,
            kind: a.kind,
            aliases: a.aliases,
            note: a.note,
            sources,
            origin: a.origin,
        }
    }

    pub(super) fn place(&mut self, pl: model::Place<model::Pending>) -> model::Place {
        let place_kind = [Kind::Entity(EntityKind::Place)];
        let within = pl.within.and_then(|w| {
            self.lookup(w.sym, &place_kind, pl.origin, &[PathSeg::Key("in")])
                .ok()
                .flatten()
        });
        let sources = self.cites(&pl.sources, pl.origin).unwrap_or_default();
        model::Place {
            id: pl.id,
            name: pl.name,
            kind: pl.kind,
            within: within.map(|d| PlaceIx(d.index)),
            aliases: pl.aliases,
            coords: pl.coords,
            note: pl.note,
            sources,
            origin: pl.origin,
        }
    }

    /// Resolves an event; a bad reference is reported and left out, so that
    /// event numbers stay those of the pending list.
    pub(super) fn event(&mut self, e: model::Event<model::Pending>) -> model::Event<Resolved> {
        let place_kind = [Kind::Entity(EntityKind::Place)];
        let place = e.place.and_then(|p| {
            self.lookup(p.sym, &place_kind, e.origin, &[PathSeg::Key("place")])
                .ok()
                .flatten()
        });
        let actors = e
            .actors
            .iter()
            .enumerate()
            .filter_map(|(i, part)| {
                let path = &item_id("actors", i);
                let actor = [Kind::Entity(EntityKind::Actor)];
                let def = self.lookup(part.actor, &actor, e.origin, path).ok()??;
                Some(Participant {
                    actor: ActorIx(def.index),
                    role: part.role,
                })
            })
            .collect();
        let sources = self.cites(&e.sources, e.origin).unwrap_or_default();
        model::Event {
            id: e.id,
            title: e.title,
            date: e.date,
            kind: e.kind,
            place: place.map(|d| PlaceIx(d.index)),
            actors,
            killed: e.killed,
            injured: e.injured,
            summary: e.summary,
            attributes: e.attributes,
            sources,
            origin: e.origin,
        }
    }

    /// Resolves a relation; one with a bad reference is dropped, leaving
    /// where it stood.
    pub(super) fn relation(
        &mut self,
        r: model::Relation<model::Pending>,
    ) -> Result<model::Relation, Origin> {
        let ends = [
            Kind::Entity(EntityKind::Actor),
            Kind::Entity(EntityKind::Place),
            Kind::Entity(EntityKind::Event),
        ];
        let from = self.lookup(r.from, &ends, r.origin, &[PathSeg::Key("from")]);
        let to = self.lookup(r.to, &ends, r.origin, &[PathSeg::Key("to")]);
        let sources = self.cites(&r.sources, r.origin);
        let (Ok(Some(from)), Ok(Some(to)), Some(sources)) = (from, to, sources) else {
            return Err(r.origin);
        };
        Ok(model::Relation {
            id: r.id,
            kind: r.kind,
            from: self.counts.ent(from),
            to: self.counts.ent(to),
            date: r.date,
            note: r.note,
            sources,
            origin: r.origin,
        })
    }
}

/// The path to the id of item `i` of the list `key`.
fn item_id(key: &'static str, i: usize) -> [PathSeg; 3] {
    [PathSeg::Key(key), PathSeg::Index(i), PathSeg::Key("id")]
}
