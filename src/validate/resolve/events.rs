//! The events resolved a half on each of two threads, a chunk at a time.
//!
//! An event whose every reference names a record of the right kind is
//! resolved by lookups alone, which only read the id index, so the two
//! halves of a chunk are looked up at once. An event with a reference that
//! does not is resolved after, on the calling thread, by
//! [`Resolver::event`], in order, so its diagnostics are those of one pass
//! over the events. A chunk at a time, so that what the lookups find is
//! never held for every event. Nothing here reports a problem itself.

use super::Resolver;
use super::convert::Refs;
use super::defs::{Counts, Kind};
use crate::model::{self, ActorIx, Cite, EntityKind, Ids, Participant, PlaceIx, Resolved};
use crate::model::{SourceIx, Sym};

/// Events looked up at once, a half on each thread.
const CHUNK: usize = 1 << 16;

impl Resolver<'_> {
    /// Resolves `events`, in order.
    pub(super) fn events(
        &mut self,
        events: Vec<model::Event<model::Pending>>,
    ) -> Vec<model::Event<Resolved>> {
        let mut out = Vec::with_capacity(events.len());
        let mut pending = events.into_iter();
        while !pending.as_slice().is_empty() {
            let chunk = pending.len().min(CHUNK);
            let (ids, counts) = (&self.ids, self.counts);
            let (first, second) = crate::par::halves(
                pending.as_slice().get(..chunk).unwrap_or_default(),
                |half, _| {
                    half.iter()
                        .map(|e| found(ids, counts, e))
                        .collect::<Vec<_>>()
                },
            );
            let found = first.into_iter().chain(second);
            for (e, refs) in pending.by_ref().take(chunk).zip(found) {
                out.push(match refs {
                    Some(refs) => refs.into_event(e),
                    None => self.event(e),
                });
            }
        }
        out
    }
}

/// What the references of `e` name, when each names a record of its kind.
fn found(ids: &Ids, counts: Counts, e: &model::Event<model::Pending>) -> Option<Refs> {
    let find = |sym: Sym, kind: Kind| {
        let def = counts.def(ids.get(sym)?);
        (def.kind == kind).then_some(def.index)
    };
    let place = match e.place {
        Some(p) => Some(PlaceIx(find(p.sym, Kind::Entity(EntityKind::Place))?)),
        None => None,
    };
    let actors = e
        .actors
        .iter()
        .map(|p| {
            let actor = find(p.actor, Kind::Entity(EntityKind::Actor))?;
            Some(Participant {
                actor: ActorIx(actor),
                role: p.role,
            })
        })
        .collect::<Option<_>>()?;
    let sources = e
        .sources
        .iter()
        .map(|c| {
            let source = find(c.source, Kind::Source)?;
            Some(Cite {
                source: SourceIx(source),
                quote: c.quote,
            })
        })
        .collect::<Option<_>>()?;
    Some(Refs {
        place,
        actors,
        sources,
    })
}
