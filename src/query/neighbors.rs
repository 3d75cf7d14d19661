//! Everything within N hops of an entity, each with its distance and the
//! connection that first reached it.
//!
//! A breadth-first walk over [`reach`], edges followed in both directions.
//! Edges may be restricted by kind (`--rel`: a relation kind, an actor's
//! role, `occurred_at`, `located_in`); events that the filters reject are
//! neither shown nor walked through (the start is always kept); actors and
//! places are never filtered out. The walk stops at `limit` entities, the
//! start included, and says so. The walk ([`walk`]) needs the graph; the
//! answer made of it ([`neighbors`]) does not, so that the graph can be
//! dropped before a long answer is written. Returns data; prints nothing.

use petgraph::graph::EdgeIndex;
use serde::Serialize;

use super::data::{Direction, EntityOut, Hop, Made};
use super::filter::Selection;
use super::reach::reach;
use crate::graph::{Edge, Graph, Packed, edge_info, ent};
use crate::model::{Ent, Facts};
use crate::suggest::{hint, nearest};

/// Default for `--limit`: most entities a neighbourhood may hold.
pub const DEFAULT_LIMIT: usize = 10_000;

/// What to walk.
#[derive(Clone, Debug)]
pub struct Options {
    pub depth: usize,
    /// Edge kinds to follow; empty follows every edge.
    pub rels: Vec<String>,
    /// Most entities to reach, the start included.
    pub limit: usize,
}

/// One entity reached.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Neighbor {
    pub distance: usize,
    pub entity: EntityOut,
    /// The edge that first reached it, from the entity one hop nearer.
    pub via: Hop,
}

/// How the walk arrived at an entity: its distance, and the edge that
/// reached it from the entity one hop nearer, pointing which way. It needs
/// nothing of the graph to be written, and takes 16 bytes: a walk may
/// arrive at a million entities.
#[derive(Clone, Copy, Debug)]
pub struct Arrival {
    ent: Ent,
    from: Ent,
    edge: Packed,
    /// The distance, doubled, plus one when the edge points from `from` to
    /// `ent`. It stops at 2^31 - 1 hops: a path that long would need more
    /// entities than a fact set can hold in memory.
    step: u32,
}

impl Arrival {
    fn distance(&self) -> usize {
        (self.step >> 1) as usize
    }

    fn direction(&self) -> Direction {
        if self.step & 1 == 1 {
            Direction::Out
        } else {
            Direction::In
        }
    }

    /// The edge it came by, read from the facts.
    fn edge(&self, facts: &Facts) -> Edge {
        match self.direction() {
            Direction::Out => self.edge.edge(facts, self.from, self.ent),
            Direction::In => self.edge.edge(facts, self.ent, self.from),
        }
    }
}

/// Where a walk arrived, in order, and whether it stopped at its limit:
/// all a [`Neighbors`] needs once the graph is gone.
#[derive(Debug)]
pub struct Walk {
    arrivals: Vec<Arrival>,
    truncated: bool,
}

/// The neighbourhood of `start`, nearest first. The entities reached are
/// held as the walk found them and made into [`Neighbor`]s as they are
/// written: a large `--limit` can reach a million.
#[derive(Debug, Serialize)]
pub struct Neighbors<'a> {
    pub start: EntityOut,
    pub depth: usize,
    /// The edge kinds followed; empty when all were.
    pub rel: Vec<String>,
    pub limit: usize,
    /// True when the walk stopped at `limit` before reaching every entity.
    pub truncated: bool,
    pub count: usize,
    pub neighbors: Made<'a, Arrival, Neighbor>,
}

/// Every edge kind in the graph, sorted.
pub fn edge_kinds<'f>(facts: &'f Facts, graph: &Graph) -> Vec<&'f str> {
    let mut kinds: Vec<&str> = graph
        .g
        .edge_indices()
        .filter_map(|e| graph.edge(e))
        .map(|e| edge_info(facts, e).kind)
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds
}

/// An error message for `--rel` kinds no edge has, with the nearest kinds.
pub fn check_kinds(facts: &Facts, graph: &Graph, rels: &[String]) -> Result<(), String> {
    if rels.is_empty() {
        return Ok(());
    }
    let kinds = edge_kinds(facts, graph);
    for rel in rels {
        if kinds.binary_search(&rel.as_str()).is_err() {
            let hint = hint(&nearest(rel, kinds.iter().copied(), 3));
            return Err(format!("--rel `{rel}`: no edge has this kind{hint}"));
        }
    }
    Ok(())
}

/// The walk from `start` through `graph`: whom it reaches and how.
pub fn walk(facts: &Facts, graph: &Graph, sel: &Selection, start: Ent, opts: &Options) -> Walk {
    let allowed = |e: Ent| e == start || facts.as_event(e).is_none() || sel.has(e);
    let keep_edge = |e: EdgeIndex| {
        let Some((a, b)) = graph.g.edge_endpoints(e) else {
            return false;
        };
        let kind_ok = opts.rels.is_empty()
            || graph
                .edge(e)
                .is_some_and(|w| opts.rels.iter().any(|r| r == edge_info(facts, w).kind));
        kind_ok && allowed(ent(a)) && allowed(ent(b))
    };
    let r = reach(graph, start, opts.depth, opts.limit.max(1), &keep_edge);
    // Every entity found but the start arrived by an edge.
    let mut arrivals = Vec::with_capacity(r.found.len().saturating_sub(1));
    arrivals.extend(r.found.iter().filter_map(|found| {
        let (edge, from) = found.via?;
        let (source, _) = graph.g.edge_endpoints(edge)?;
        let out = u32::from(ent(source) == from);
        let distance =
            u32::try_from(found.distance).map_or(u32::MAX >> 1, |d| d.min(u32::MAX >> 1));
        Some(Arrival {
            ent: found.ent,
            from,
            edge: graph.packed(edge)?,
            step: distance << 1 | out,
        })
    }));
    Walk {
        arrivals,
        truncated: r.truncated,
    }
}

/// The neighbourhood of `start` that `walk` found, each entity made as it
/// is written.
pub fn neighbors<'a>(facts: &'a Facts, start: Ent, opts: &Options, walk: Walk) -> Neighbors<'a> {
    let made = move |n: &Arrival| Neighbor {
        distance: n.distance(),
        entity: EntityOut::new(facts, n.ent),
        via: Hop::new(facts, n.edge(facts), n.from, n.ent, n.direction()),
    };
    Neighbors {
        start: EntityOut::new(facts, start),
        depth: opts.depth,
        rel: opts.rels.clone(),
        limit: opts.limit,
        truncated: walk.truncated,
        count: walk.arrivals.len(),
        neighbors: Made::new(walk.arrivals, made),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::filter::FilterArgs;
    use crate::query::testing::facts_from;

    const FACTS: &str = r#"
[[actor]]
id = "a"
name = "A"
[[actor]]
id = "b"
name = "B"
[[actor]]
id = "c"
name = "C"
[[place]]
id = "city"
name = "City"
[[event]]
id = "old"
title = "Old"
date = "2016"
place = "city"
actors = [{ id = "a", role = "perpetrator" }, { id = "b", role = "victim" }]
[[event]]
id = "new"
title = "New"
date = "2024"
actors = [{ id = "a", role = "perpetrator" }]
[[relation]]
kind = "knows"
from = "c"
to = "a"
"#;

    fn ids(n: &Neighbors) -> Vec<(usize, String)> {
        n.neighbors
            .iter()
            .map(|x| (x.distance, x.entity.id))
            .collect()
    }

    fn run(args: FilterArgs, depth: usize, rels: &[&str], limit: usize) -> Vec<(usize, String)> {
        let (facts, graph) = facts_from(FACTS);
        let sel = args
            .resolve(&facts, &crate::graph::names::NameIndex::build(&facts))
            .unwrap()
            .select(&facts, || &graph);
        let opts = Options {
            depth,
            rels: rels.iter().map(|s| s.to_string()).collect(),
            limit,
        };
        let start = facts.lookup("a").unwrap();
        let found = walk(&facts, &graph, &sel, start, &opts);
        drop(graph);
        ids(&neighbors(&facts, start, &opts, found))
    }

    fn owned(list: &[(usize, &str)]) -> Vec<(usize, String)> {
        list.iter().map(|(d, s)| (*d, s.to_string())).collect()
    }

    #[test]
    fn one_hop_by_default_and_two_on_request() {
        let one = run(FilterArgs::default(), 1, &[], 100);
        assert_eq!(one, owned(&[(1, "c"), (1, "old"), (1, "new")]));
        let two = run(FilterArgs::default(), 2, &[], 100);
        assert_eq!(
            two,
            owned(&[(1, "c"), (1, "old"), (1, "new"), (2, "b"), (2, "city")])
        );
    }

    #[test]
    fn rel_restricts_the_edges_followed() {
        let got = run(FilterArgs::default(), 2, &["knows"], 100);
        assert_eq!(got, owned(&[(1, "c")]));
    }

    #[test]
    fn filters_keep_rejected_events_out_of_the_walk() {
        let args = FilterArgs {
            since: Some("2020".into()),
            ..FilterArgs::default()
        };
        let got = run(args, 2, &[], 100);
        assert_eq!(got, owned(&[(1, "c"), (1, "new")]));
    }

    #[test]
    fn the_limit_counts_the_start() {
        let got = run(FilterArgs::default(), 2, &[], 2);
        assert_eq!(got.len(), 1);
    }

    /// Every arrival, read back without the graph, is an edge the graph
    /// has between the two entities, pointing the way it says.
    #[test]
    fn arrivals_read_back_the_edges_that_reached_them() {
        assert_eq!(std::mem::size_of::<Arrival>(), 16);
        let bundled = crate::export::fixture::bundled();
        let (facts, graph) = (&bundled.facts, &bundled.graph);
        let sel = FilterArgs::default()
            .resolve(facts, &crate::graph::names::NameIndex::build(facts))
            .unwrap()
            .select(facts, || graph);
        let opts = Options {
            depth: 99,
            rels: Vec::new(),
            limit: 1_000_000,
        };
        let start = facts.lookup("isis-k").unwrap();
        let found = walk(facts, graph, &sel, start, &opts);
        assert!(found.arrivals.len() > 20, "{}", found.arrivals.len());
        let (mut ins, mut outs) = (0, 0);
        for a in &found.arrivals {
            let (source, target) = match a.direction() {
                Direction::Out => (a.from, a.ent),
                Direction::In => (a.ent, a.from),
            };
            let there = graph
                .g
                .edges_connecting(crate::graph::node(source), crate::graph::node(target))
                .filter_map(|e| graph.edge(petgraph::visit::EdgeRef::id(&e)))
                .any(|e| e == a.edge(facts));
            assert!(there, "{a:?}");
            match a.direction() {
                Direction::In => ins += 1,
                Direction::Out => outs += 1,
            }
        }
        assert!(ins > 0 && outs > 0, "both ways: {ins} in, {outs} out");
        let distances: Vec<usize> = found.arrivals.iter().map(Arrival::distance).collect();
        assert!(
            distances.is_sorted() && distances.last() > Some(&2),
            "{distances:?}"
        );
    }

    #[test]
    fn unknown_kinds_are_refused_with_the_nearest() {
        let (facts, graph) = facts_from(FACTS);
        let err = check_kinds(&facts, &graph, &["perpetrater".into()]).unwrap_err();
        assert!(err.contains("`perpetrator`"), "{err}");
        assert!(check_kinds(&facts, &graph, &["occurred_at".into()]).is_ok());
    }
}
