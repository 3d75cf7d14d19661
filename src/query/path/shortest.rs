//! The shortest path: breadth-first search over (entity, earliest time so
//! far) states with dominance pruning (see the parent module for the rules).
//!
//! Each state remembers the state and move it came from, so the path is read
//! back from the target. The first state to reach the target ends the search:
//! breadth-first order gives the fewest hops, neighbour order the tie-break.

use std::collections::VecDeque;

use super::{Step, Stop, Walk};
use crate::edtf::Day;
use crate::model::Ent;

/// A state of the search: where, the earliest time so far, and how we came.
struct State {
    at: Ent,
    time: Day,
    hops: usize,
    /// The previous state and the move from it.
    came: Option<(usize, Step)>,
}

/// The fewest-hop path from `from` to `to` of at most `max_hops` hops: its
/// moves (empty when `from == to`), None when there is none, or why the
/// search stopped.
pub fn shortest(
    walk: &Walk,
    from: Ent,
    to: Ent,
    max_hops: usize,
) -> Result<Option<Vec<Step>>, Stop> {
    if from == to {
        return Ok(Some(Vec::new()));
    }
    let mut best: Vec<Option<Day>> = vec![None; walk.graph.g.node_count()];
    let mut states = vec![State {
        at: from,
        time: Day::MIN,
        hops: 0,
        came: None,
    }];
    if let Some(b) = best.get_mut(from.index()) {
        *b = Some(Day::MIN);
    }
    let mut queue = VecDeque::from([0usize]);
    let mut steps = 0usize;
    while let Some(i) = queue.pop_front() {
        let Some(state) = states.get(i) else { continue };
        let (at, time, hops) = (state.at, state.time, state.hops);
        if hops >= max_hops {
            continue;
        }
        for step in walk.steps(at) {
            steps += 1;
            if steps > walk.budget {
                return Err(Stop::Steps);
            }
            let Some(next) = walk.advance(time, step.edge) else {
                continue;
            };
            let Some(seen) = best.get_mut(step.to.index()) else {
                continue;
            };
            if seen.is_some_and(|t| t <= next) {
                continue;
            }
            *seen = Some(next);
            states.push(State {
                at: step.to,
                time: next,
                hops: hops + 1,
                came: Some((i, step)),
            });
            if step.to == to {
                return Ok(Some(route(&states, states.len() - 1)));
            }
            queue.push_back(states.len() - 1);
        }
    }
    Ok(None)
}

/// The moves that led to state `last`, first move first.
fn route(states: &[State], last: usize) -> Vec<Step> {
    let mut moves = Vec::new();
    let mut at = last;
    while let Some((prev, step)) = states.get(at).and_then(|s| s.came) {
        moves.push(step);
        at = prev;
    }
    moves.reverse();
    moves
}
