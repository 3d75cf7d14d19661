//! How two entities are connected: the shortest path, every simple path up
//! to a length, and time-respecting paths.
//!
//! Moves: an edge is followed both ways unless `directed` (then only from
//! its source to its target). Events the filters reject are not walked
//! through; the two endpoints are always allowed. A hop's neighbours are
//! taken in order of entity number, then edge number: that order breaks
//! every tie, so the same facts give the same paths.
//!
//! Time (`chronological`): a hop is dated by its edge (an event's date for
//! roles and `occurred_at`, a relation's own date); `located_in` and undated
//! relations are undated and never constrain. A path is time-respecting when
//! one moment can be chosen inside each dated hop's bounds so that the
//! moments never go back: walking along, keep `t`, the earliest moment the
//! path can have reached (at first unbounded in the past); a dated hop with
//! bounds `[lo, hi]` may follow when `hi >= t` (it could be as late as or
//! later than everything before it; the same day is allowed), and then `t`
//! becomes `max(t, lo)`. An open or unknown end is unbounded on that side.
//!
//! The searches, both bounded by [`STEP_BUDGET`] edge examinations and by
//! `max_hops`: [`shortest()`] is a breadth-first search over states (entity,
//! `t`), so it finds the fewest hops; a state is dropped when the same
//! entity was already reached, in as few or fewer hops, with a `t` no later
//! (it can do nothing the earlier state cannot). Without time every `t` is
//! the same and this is a plain breadth-first search. [`all()`] enumerates
//! simple paths by iterative deepening (every path of 1 hop, then of 2, …),
//! depth-first in neighbour order, pruned by the untimed distance to the
//! target, and stops once it has found a path more than `limit` (so that it
//! knows there are more; it lists `limit`); it deepens no further than a simple
//! path can go (one hop fewer than the entities), and stops once a round
//! cut nothing short, so a huge `max_hops` costs no more than a fitting one.
//! The shortest path is always the first path `all` lists. Returns data;
//! prints nothing.

mod all;
mod shortest;
#[cfg(test)]
mod tests;

use petgraph::Direction as Dir;
use petgraph::graph::EdgeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::data::{Direction, EntityOut, Hop, Made};
use super::filter::Selection;
use crate::edtf::Day;
use crate::graph::{Graph, ent, node};
use crate::model::{Ent, Facts};

pub use all::all;
pub use shortest::shortest;

/// Default for `--max-hops`.
pub const DEFAULT_MAX_HOPS: usize = 6;
/// Default for `--limit` (paths listed by `--all`).
pub const DEFAULT_LIMIT: usize = 1000;
/// Most edges a search examines before it gives up and says so.
pub const STEP_BUDGET: usize = 10_000_000;

/// One move: along `edge` to `to`; `direction` is `Out` when the edge
/// points the way we walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub to: Ent,
    pub edge: EdgeIndex,
    pub direction: Direction,
}

/// Why a search ended before it had looked everywhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stop {
    /// More than `--limit` paths were found: the first `limit` are listed.
    Limit,
    /// [`STEP_BUDGET`] edges were examined: there may be paths not found.
    Steps,
}

/// The rules of a walk over the graph.
pub struct Walk<'a> {
    pub facts: &'a Facts,
    pub graph: &'a Graph,
    /// Entities that may be walked through.
    pub allowed: &'a dyn Fn(Ent) -> bool,
    pub directed: bool,
    pub chronological: bool,
    /// Most edges to examine.
    pub budget: usize,
}

impl Walk<'_> {
    /// The moves from `at`, in order of entity number, then edge number.
    pub fn steps(&self, at: Ent) -> Vec<Step> {
        self.moves(at, false)
    }

    /// The moves that end at `at`, reversed (for distances to a target).
    pub fn steps_back(&self, at: Ent) -> Vec<Step> {
        self.moves(at, true)
    }

    fn moves(&self, at: Ent, back: bool) -> Vec<Step> {
        let here = node(at);
        let (ahead, behind) = if back {
            (Dir::Incoming, Dir::Outgoing)
        } else {
            (Dir::Outgoing, Dir::Incoming)
        };
        let forward = self.graph.g.edges_directed(here, ahead).map(|e| Step {
            to: ent(if back { e.source() } else { e.target() }),
            edge: e.id(),
            direction: if back { Direction::In } else { Direction::Out },
        });
        let reverse = self.graph.g.edges_directed(here, behind).map(|e| Step {
            to: ent(if back { e.target() } else { e.source() }),
            edge: e.id(),
            direction: if back { Direction::Out } else { Direction::In },
        });
        let mut list: Vec<Step> = if self.directed {
            forward.filter(|s| (self.allowed)(s.to)).collect()
        } else {
            forward
                .chain(reverse)
                .filter(|s| (self.allowed)(s.to))
                .collect()
        };
        list.sort_by_key(|s| (s.to, s.edge));
        list
    }

    /// The earliest moment after taking `edge` when the path so far could be
    /// at `time`, or None when the edge lies wholly before `time`.
    pub fn advance(&self, time: Day, edge: EdgeIndex) -> Option<Day> {
        if !self.chronological {
            return Some(time);
        }
        let Some(bounds) = self
            .graph
            .edge(edge)
            .and_then(|w| self.graph.edge_bounds(self.facts, w))
        else {
            return Some(time);
        };
        let (lo, hi) = bounds.sort_key();
        (hi >= time).then(|| time.max(lo))
    }
}

/// What to look for.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub directed: bool,
    pub chronological: bool,
    /// Every simple path, not only the shortest.
    pub all: bool,
    pub max_hops: usize,
    /// Most paths `all` lists.
    pub limit: usize,
}

/// One path: its hops in order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PathOut {
    pub length: usize,
    pub hops: Vec<Hop>,
}

/// The answer: the endpoints, the options, and the paths found. The paths
/// are held as their steps and made into hops as they are written: `--all`
/// with a large `--limit` can list a million paths.
#[derive(Debug, Serialize)]
pub struct PathAnswer<'a> {
    pub from: EntityOut,
    pub to: EntityOut,
    pub directed: bool,
    pub chronological: bool,
    pub all: bool,
    pub max_hops: usize,
    pub limit: usize,
    pub found: bool,
    /// True when the search stopped early (see `stopped`).
    pub truncated: bool,
    /// `limit` or `steps` when the search stopped early, else null.
    pub stopped: Option<Stop>,
    pub paths: Made<'a, Vec<Step>, PathOut>,
}

/// Paths from `from` to `to` over what the selection keeps.
pub fn paths<'a>(
    facts: &'a Facts,
    graph: &'a Graph,
    sel: &Selection,
    from: Ent,
    to: Ent,
    opts: &Options,
) -> PathAnswer<'a> {
    let allowed = |e: Ent| e == from || e == to || facts.as_event(e).is_none() || sel.has(e);
    let walk = Walk {
        facts,
        graph,
        allowed: &allowed,
        directed: opts.directed,
        chronological: opts.chronological,
        budget: STEP_BUDGET,
    };
    let (routes, stopped) = if opts.all {
        all(&walk, from, to, opts.max_hops, opts.limit)
    } else {
        match shortest(&walk, from, to, opts.max_hops) {
            Ok(Some(route)) => (vec![route], None),
            Ok(None) => (Vec::new(), None),
            Err(stop) => (Vec::new(), Some(stop)),
        }
    };
    let paths = Made::new(routes, move |r| path_out(facts, graph, from, r));
    PathAnswer {
        from: EntityOut::new(facts, from),
        to: EntityOut::new(facts, to),
        directed: opts.directed,
        chronological: opts.chronological,
        all: opts.all,
        max_hops: opts.max_hops,
        limit: opts.limit,
        found: !paths.is_empty(),
        truncated: stopped.is_some(),
        stopped,
        paths,
    }
}

fn path_out(facts: &Facts, graph: &Graph, from: Ent, route: &[Step]) -> PathOut {
    let mut at = from;
    let mut hops = Vec::with_capacity(route.len());
    for step in route {
        if let Some(edge) = graph.edge(step.edge) {
            hops.push(Hop::new(facts, edge, at, step.to, step.direction));
        }
        at = step.to;
    }
    PathOut {
        length: hops.len(),
        hops,
    }
}
