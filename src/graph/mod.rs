//! The graph: petgraph over actors, events and places, with dated edges.
//!
//! Node `n` is entity `Ent(n)`. Edges point actor → event (the actor's role,
//! dated by the event), event → place (`occurred_at`), place → place
//! (`located_in`) and, for every relation record, from → to (its kind, its
//! own date). An edge's weight is what its ends do not say of it, packed
//! into four bytes ([`Packed`]), and nodes carry no weight, so the graph
//! costs 20 bytes an edge and 8 a node (a relation numbered 2^30 or more,
//! in a fact set of over a billion relations, is left out of the graph);
//! kinds, dates and sources are read from the facts through [`edge_info`].
//! The edges come from [`edges`], which an
//! export that only walks them reads without building the graph. The name
//! index used to find entities is [`names`]; the time order of events is
//! the facts' own ([`Facts::by_time`]). No I/O, no printing.

pub mod names;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};

use crate::edtf::{Bounds, Edtf};
use crate::model::{Cite, Ent, EventIx, Facts, PlaceIx, RelationIx, Sym};

/// What an edge stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// Actor → event: participant `part` of the event.
    Role { event: EventIx, part: u32 },
    /// Event → place.
    OccurredAt(EventIx),
    /// Place → enclosing place.
    LocatedIn(PlaceIx),
    /// A relation record.
    Relation(RelationIx),
}

/// An [`Edge`] as the graph stores it, less what its ends say: two bits for
/// the variant and 30 for a role's place among the event's participants or
/// a relation's index. A role's event is the edge's target; an event's place
/// link starts at the event, a place's at the place. No event can have 2^30
/// participants: the largest record the loaders accept (a 1 GiB document,
/// each reference at least 4 bytes) holds fewer than 2^28.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Packed(u32);

const PAYLOAD_BITS: u32 = 30;
const PAYLOAD: u32 = (1 << PAYLOAD_BITS) - 1;

impl Packed {
    /// The edge this weight stands for between `source` and `target`, read
    /// without the graph: what [`Graph::edge`] gives for the edge it was
    /// taken from ([`Graph::packed`]).
    pub fn edge(self, facts: &Facts, source: Ent, target: Ent) -> Edge {
        Starts::of(facts).edge(self, node(source), node(target))
    }

    /// The packed edge; `None` for a relation numbered 2^30 or more (a
    /// fact set of over a billion relations).
    fn of(edge: Edge) -> Option<Packed> {
        let (tag, payload) = match edge {
            Edge::Role { part, .. } => (0, part & PAYLOAD),
            Edge::OccurredAt(_) => (1, 0),
            Edge::LocatedIn(_) => (2, 0),
            Edge::Relation(r) if r.0 <= PAYLOAD => (3, r.0),
            Edge::Relation(_) => return None,
        };
        Some(Packed((tag << PAYLOAD_BITS) | payload))
    }
}

/// Where each kind of entity starts among the graph's nodes.
#[derive(Clone, Copy, Debug)]
struct Starts {
    places: u32,
    events: u32,
}

impl Starts {
    fn of(facts: &Facts) -> Starts {
        Starts {
            places: facts.place_ent(PlaceIx(0)).0,
            events: facts.event_ent(EventIx(0)).0,
        }
    }

    /// The edge a weight stands for, given its ends.
    fn edge(self, w: Packed, source: NodeIndex, target: NodeIndex) -> Edge {
        let node = |n: NodeIndex| u32::try_from(n.index()).unwrap_or(u32::MAX);
        let event = |n| EventIx(node(n).saturating_sub(self.events));
        let payload = w.0 & PAYLOAD;
        match w.0 >> PAYLOAD_BITS {
            0 => Edge::Role {
                event: event(target),
                part: payload,
            },
            1 => Edge::OccurredAt(event(source)),
            2 => Edge::LocatedIn(PlaceIx(node(source).saturating_sub(self.places))),
            _ => Edge::Relation(RelationIx(payload)),
        }
    }
}

/// An edge as people read it: its kind, date and sources.
#[derive(Clone, Copy, Debug)]
pub struct EdgeInfo<'f> {
    pub kind: &'f str,
    pub date: Option<&'f Edtf>,
    pub sources: &'f [Cite],
    /// The relation record's id, for relations that have one.
    pub id: Option<Sym>,
}

pub struct Graph {
    /// Node `n` is entity `Ent(n)`.
    pub g: DiGraph<(), Packed>,
    starts: Starts,
}

pub fn node(ent: Ent) -> NodeIndex {
    NodeIndex::new(ent.index())
}

pub fn ent(n: NodeIndex) -> Ent {
    Ent(u32::try_from(n.index()).unwrap_or(u32::MAX))
}

/// Every edge of the graph of `facts`, in the graph's edge order: each
/// place to the place around it, then each event's actors to it and it to
/// its place, then each relation. An export that only walks the edges reads
/// them from here without building the graph.
pub fn edges(facts: &Facts) -> impl Iterator<Item = (Ent, Ent, Edge)> + '_ {
    let within = (0u32..).zip(&facts.places).filter_map(|(i, p)| {
        let pi = PlaceIx(i);
        let w = p.within?;
        Some((facts.place_ent(pi), facts.place_ent(w), Edge::LocatedIn(pi)))
    });
    let events = (0u32..).zip(&facts.events).flat_map(move |(i, e)| {
        let ei = EventIx(i);
        let ev = facts.event_ent(ei);
        let roles = (0u32..).zip(e.actors.iter()).map(move |(part, p)| {
            let role = Edge::Role { event: ei, part };
            (facts.actor_ent(p.actor), ev, role)
        });
        let at = e
            .place
            .map(|p| (ev, facts.place_ent(p), Edge::OccurredAt(ei)));
        roles.chain(at)
    });
    let relations = (0u32..)
        .zip(&facts.relations)
        .map(|(i, r)| (r.from, r.to, Edge::Relation(RelationIx(i))));
    within.chain(events).chain(relations)
}

impl Graph {
    pub fn build(facts: &Facts) -> Graph {
        let edges = facts
            .events
            .iter()
            .map(|e| e.actors.len() + 1)
            .sum::<usize>()
            + facts.relations.len()
            + facts.places.len();
        let mut g = DiGraph::with_capacity(facts.entity_count(), edges);
        for _ in facts.ents() {
            g.add_node(());
        }
        for (from, to, edge) in self::edges(facts) {
            if let Some(packed) = Packed::of(edge) {
                g.add_edge(node(from), node(to), packed);
            }
        }
        Graph {
            g,
            starts: Starts::of(facts),
        }
    }

    /// The weight of edge `e`, to be read back with [`Packed::edge`] once
    /// the graph is gone.
    pub fn packed(&self, e: EdgeIndex) -> Option<Packed> {
        self.g.edge_weight(e).copied()
    }

    pub fn edge(&self, e: EdgeIndex) -> Option<Edge> {
        let (source, target) = self.g.edge_endpoints(e)?;
        let w = *self.g.edge_weight(e)?;
        Some(self.starts.edge(w, source, target))
    }

    /// The bounds of an edge's date, if it has one.
    pub fn edge_bounds(&self, facts: &Facts, edge: Edge) -> Option<Bounds> {
        edge_info(facts, edge).date.map(Edtf::bounds)
    }
}

/// The kind, date and sources of an edge.
pub fn edge_info(facts: &Facts, edge: Edge) -> EdgeInfo<'_> {
    {
        const NO: &[Cite] = &[];
        match edge {
            Edge::Role { event, part } => {
                let ev = facts.event(event);
                let role = ev
                    .and_then(|e| e.actors.get(part as usize))
                    .and_then(|p| p.role);
                EdgeInfo {
                    kind: role.map_or("participant", |r| facts.str(r)),
                    date: ev.map(|e| &e.date),
                    sources: ev.map_or(NO, |e| &e.sources),
                    id: None,
                }
            }
            Edge::OccurredAt(event) => {
                let ev = facts.event(event);
                EdgeInfo {
                    kind: "occurred_at",
                    date: ev.map(|e| &e.date),
                    sources: ev.map_or(NO, |e| &e.sources),
                    id: None,
                }
            }
            Edge::LocatedIn(place) => {
                let sources = facts.place(place).map_or(NO, |p| &p.sources);
                EdgeInfo {
                    kind: "located_in",
                    date: None,
                    sources,
                    id: None,
                }
            }
            Edge::Relation(r) => match facts.relations.get(r.index()) {
                Some(rel) => EdgeInfo {
                    kind: facts.str(rel.kind),
                    date: rel.date.as_ref(),
                    sources: &rel.sources,
                    id: rel.id,
                },
                None => EdgeInfo {
                    kind: "",
                    date: None,
                    sources: NO,
                    id: None,
                },
            },
        }
    }
}

/// Events in time order: earliest bound, latest bound, id. Ids are unique,
/// so an unstable sort on the whole key gives the one order there is; the
/// key holds the id itself so that ties compare without looking events up.
#[cfg(test)]
mod tests {
    use super::{Edge, PAYLOAD, Packed};
    use crate::model::RelationIx;
    use crate::query::testing::facts_from;

    #[test]
    fn packed_edges_unpack_to_themselves() {
        let bundled = crate::export::fixture::bundled();
        let (facts, graph) = (&bundled.facts, &bundled.graph);
        let edges: Vec<Edge> = super::edges(facts).map(|(_, _, e)| e).collect();
        let unpacked: Vec<Edge> = graph
            .g
            .edge_indices()
            .filter_map(|e| graph.edge(e))
            .collect();
        assert_eq!(unpacked, edges);
        let kept: Vec<Edge> = graph
            .g
            .edge_indices()
            .filter_map(|e| {
                let (source, target) = graph.g.edge_endpoints(e)?;
                let packed = graph.packed(e)?;
                Some(packed.edge(facts, super::ent(source), super::ent(target)))
            })
            .collect();
        assert_eq!(kept, edges, "read back without the graph");
        let kinds = |want: fn(&Edge) -> bool| edges.iter().filter(|e| want(e)).count();
        assert!(kinds(|e| matches!(e, Edge::Role { part: 1.., .. })) > 0);
        assert!(kinds(|e| matches!(e, Edge::OccurredAt(_))) > 0);
        assert!(kinds(|e| matches!(e, Edge::LocatedIn(_))) > 0);
        assert!(kinds(|e| matches!(e, Edge::Relation(_))) > 0);
        assert_eq!(std::mem::size_of::<Packed>(), 4);
        assert!(Packed::of(Edge::Relation(RelationIx(PAYLOAD))).is_some());
        assert!(Packed::of(Edge::Relation(RelationIx(PAYLOAD + 1))).is_none());
    }

    #[test]
    fn events_run_by_bounds_then_id() {
        let (facts, _) = facts_from(
            r#"
[[event]]
id = "b"
title = "B"
date = "2024-03-22"
[[event]]
id = "late"
title = "Late"
date = "2024-03"
[[event]]
id = "a"
title = "A"
date = "2024-03-22"
[[event]]
id = "open"
title = "Open"
date = "../2024"
"#,
        );
        let ids: Vec<&str> = facts
            .by_time()
            .iter()
            .map(|e| facts.str(facts.events[e.index()].id))
            .collect();
        assert_eq!(ids, ["open", "late", "a", "b"]);
    }
}
