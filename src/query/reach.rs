//! Breadth-first reach: everything within N hops of an entity.
//!
//! Edges are followed in both directions (a relation's direction is part of
//! its meaning, not a wall). Each entity found keeps its distance and the
//! edge that first reached it, so that callers can show how. The walk stops
//! at a limit of entities and says so, rather than filling memory on a hub.

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::graph::EdgeIndex;
use petgraph::visit::EdgeRef;

use crate::graph::{Graph, ent, node};
use crate::model::Ent;

/// One entity reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reached {
    pub ent: Ent,
    pub distance: usize,
    /// The edge that reached it and the entity it came from (None for the start).
    pub via: Option<(EdgeIndex, Ent)>,
}

/// The entities within `depth` hops, start first, in breadth-first order.
/// `truncated` is true when `limit` entities were reached before the end.
pub struct Reach {
    pub found: Vec<Reached>,
    pub truncated: bool,
}

/// Walks from `start`, following edges accepted by `keep_edge`.
pub fn reach(
    graph: &Graph,
    start: Ent,
    depth: usize,
    limit: usize,
    keep_edge: &dyn Fn(EdgeIndex) -> bool,
) -> Reach {
    let mut seen = vec![false; graph.g.node_count()];
    let mut found = vec![Reached {
        ent: start,
        distance: 0,
        via: None,
    }];
    if let Some(s) = seen.get_mut(start.index()) {
        *s = true;
    }
    let mut queue = VecDeque::from([(start, 0usize)]);
    while let Some((at, dist)) = queue.pop_front() {
        if dist >= depth {
            continue;
        }
        let edges = graph.g.edges_directed(node(at), Direction::Outgoing);
        let edges = edges.chain(graph.g.edges_directed(node(at), Direction::Incoming));
        let mut next: Vec<(EdgeIndex, Ent)> = edges
            .filter(|e| keep_edge(e.id()))
            .map(|e| {
                let other = if e.source() == node(at) {
                    e.target()
                } else {
                    e.source()
                };
                (e.id(), ent(other))
            })
            .collect();
        next.sort_by_key(|(e, n)| (*n, *e));
        for (edge, other) in next {
            let Some(flag) = seen.get_mut(other.index()) else {
                continue;
            };
            if *flag {
                continue;
            }
            if found.len() >= limit {
                return Reach {
                    found,
                    truncated: true,
                };
            }
            *flag = true;
            found.push(Reached {
                ent: other,
                distance: dist + 1,
                via: Some((edge, at)),
            });
            queue.push_back((other, dist + 1));
        }
    }
    Reach {
        found,
        truncated: false,
    }
}
