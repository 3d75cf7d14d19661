//! Every simple path up to a length: iterative deepening, depth-first in
//! neighbour order, pruned by the untimed distance to the target.
//!
//! Paths come out shortest first, and within a length in neighbour order.
//! The walk keeps only the current path and the paths found, so memory stays
//! small; it stops once it has found one path more than `limit` (which it
//! does not list: it only tells that there are more) or after the step
//! budget, and says which.
//!
//! Deepening ends early, without loss, once a longer round could find
//! nothing new: a simple path visits each entity at most once, so it has at
//! most one hop fewer than the graph has entities; and when a round cut no
//! branch short for its length, the next round would walk the very same
//! paths and reach the target only at lengths already listed. So a large
//! `max_hops` costs no more than the graph allows.

use std::collections::VecDeque;

use super::{Step, Stop, Walk};
use crate::edtf::Day;
use crate::model::Ent;

const FAR: usize = usize::MAX;

/// Untimed hops from every entity to `to` (moves taken backwards), up to
/// `max_hops`; [`FAR`] when farther or unreachable.
fn distances(walk: &Walk, to: Ent, max_hops: usize, steps: &mut usize) -> Result<Vec<usize>, Stop> {
    let mut dist = vec![FAR; walk.graph.g.node_count()];
    if let Some(d) = dist.get_mut(to.index()) {
        *d = 0;
    }
    let mut queue = VecDeque::from([(to, 0usize)]);
    while let Some((at, d)) = queue.pop_front() {
        if d >= max_hops {
            continue;
        }
        for step in walk.steps_back(at) {
            *steps += 1;
            if *steps > walk.budget {
                return Err(Stop::Steps);
            }
            if let Some(slot) = dist.get_mut(step.to.index())
                && *slot == FAR
            {
                *slot = d + 1;
                queue.push_back((step.to, d + 1));
            }
        }
    }
    Ok(dist)
}

/// One entity on the current path and the moves left to try from it.
struct Frame {
    time: Day,
    moves: Vec<Step>,
    next: usize,
}

/// Every simple path from `from` to `to` of at most `max_hops` hops, at most
/// `limit` of them, and why the search stopped early, if it did.
///
/// The search looks for one path more than `limit`, so that [`Stop::Limit`]
/// means that there are more paths than those listed: when exactly `limit`
/// exist, it ends without a stop. Looking for that one more path costs at
/// most the step budget; where the budget runs out first, the stop is
/// [`Stop::Steps`], and whether there are more is not known.
pub fn all(
    walk: &Walk,
    from: Ent,
    to: Ent,
    max_hops: usize,
    limit: usize,
) -> (Vec<Vec<Step>>, Option<Stop>) {
    let mut found = Vec::new();
    if from == to {
        // The one path is the empty one.
        if limit == 0 {
            return (found, Some(Stop::Limit));
        }
        found.push(Vec::new());
        return (found, None);
    }
    let mut steps = 0usize;
    let dist = match distances(walk, to, max_hops, &mut steps) {
        Ok(d) => d,
        Err(stop) => return (found, Some(stop)),
    };
    let first = dist.get(from.index()).copied().unwrap_or(FAR);
    if first == FAR {
        return (found, None);
    }
    let nodes = walk.graph.g.node_count();
    // No simple path is longer than this, whatever `max_hops` says.
    let longest = max_hops.min(nodes.saturating_sub(1));
    let mut on_path = vec![false; nodes];
    let wanted = limit.saturating_add(1);
    for len in first.max(1)..=longest {
        let mut search = Search {
            walk,
            to,
            len,
            dist: &dist,
            on_path: &mut on_path,
            steps: &mut steps,
            cut: false,
        };
        if let Some(stop) = search.run(from, wanted, &mut found) {
            found.truncate(limit);
            return (found, Some(stop));
        }
        if !search.cut {
            break;
        }
    }
    (found, None)
}

/// A depth-first search for the simple paths of exactly `len` hops.
struct Search<'a, 'w> {
    walk: &'a Walk<'w>,
    to: Ent,
    len: usize,
    dist: &'a [usize],
    on_path: &'a mut [bool],
    steps: &'a mut usize,
    /// Whether a branch was dropped only because `len` is too short for it;
    /// when none was, a longer round would walk the same paths again.
    cut: bool,
}

impl Search<'_, '_> {
    fn mark(&mut self, ent: Ent, on: bool) {
        if let Some(flag) = self.on_path.get_mut(ent.index()) {
            *flag = on;
        }
    }

    fn run(&mut self, from: Ent, limit: usize, found: &mut Vec<Vec<Step>>) -> Option<Stop> {
        let mut route: Vec<Step> = Vec::new();
        let mut frames = vec![Frame {
            time: Day::MIN,
            moves: self.walk.steps(from),
            next: 0,
        }];
        self.mark(from, true);
        let stop = loop {
            let Some(frame) = frames.last_mut() else {
                break None;
            };
            let Some(step) = frame.moves.get(frame.next).copied() else {
                frames.pop();
                if let Some(done) = route.pop() {
                    self.mark(done.to, false);
                }
                continue;
            };
            frame.next += 1;
            let time = frame.time;
            *self.steps += 1;
            if *self.steps > self.walk.budget {
                break Some(Stop::Steps);
            }
            if self.on_path.get(step.to.index()).copied().unwrap_or(true) {
                continue;
            }
            let Some(next) = self.walk.advance(time, step.edge) else {
                continue;
            };
            let hops = route.len() + 1;
            if step.to == self.to {
                if hops == self.len {
                    let mut path = route.clone();
                    path.push(step);
                    found.push(path);
                    if found.len() >= limit {
                        break Some(Stop::Limit);
                    }
                }
                continue;
            }
            let left = self.dist.get(step.to.index()).copied().unwrap_or(FAR);
            if left == FAR {
                continue;
            }
            if hops + left > self.len {
                self.cut = true;
                continue;
            }
            route.push(step);
            self.mark(step.to, true);
            frames.push(Frame {
                time: next,
                moves: self.walk.steps(step.to),
                next: 0,
            });
        };
        self.mark(from, false);
        for step in route {
            self.mark(step.to, false);
        }
        stop
    }
}
