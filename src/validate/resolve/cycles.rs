//! Places that enclose themselves through `in`: each cycle reported once,
//! at the `in` of its first member, with the whole chain in the message.

use crate::diag::{Code, Diagnostic, Diagnostics, Loc, PathSeg};
use crate::model::{self, Interner, PlaceIx};

/// Reports each cycle of `in` once, at the `in` of its first member.
pub fn report(
    within: &[Option<PlaceIx>],
    places: &[model::Place],
    strings: &Interner,
    diags: &mut Diagnostics,
) {
    // 0 = unvisited, 1 = on the current walk, 2 = done.
    let mut state = vec![0u8; within.len()];
    for start in 0..within.len() {
        let mut walk = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state.get(i).copied() {
                Some(0) => {
                    if let Some(s) = state.get_mut(i) {
                        *s = 1;
                    }
                    walk.push(i);
                    at = within.get(i).copied().flatten().map(|w| w.index());
                }
                Some(1) => {
                    report_cycle(&walk, i, places, strings, diags);
                    break;
                }
                _ => break,
            }
        }
        for i in walk {
            if let Some(s) = state.get_mut(i) {
                *s = 2;
            }
        }
    }
}

fn report_cycle(
    walk: &[usize],
    back_to: usize,
    places: &[model::Place],
    strings: &Interner,
    diags: &mut Diagnostics,
) {
    let cycle: Vec<usize> = walk.iter().copied().skip_while(|&i| i != back_to).collect();
    let names: Vec<&str> = cycle
        .iter()
        .filter_map(|&i| places.get(i))
        .map(|pl| strings.resolve(pl.id))
        .collect();
    let Some(first) = cycle.first().and_then(|&i| places.get(i)) else {
        return;
    };
    let chain = names
        .iter()
        .chain(names.first())
        .copied()
        .collect::<Vec<_>>()
        .join(" → ");
    let msg = format!(
        "place `{}` encloses itself: {chain}",
        strings.resolve(first.id)
    );
    let d = Diagnostic::error(Code::PlaceCycle, msg)
        .at(Loc::Field(first.origin, vec![PathSeg::Key("in")]))
        .help("`in` names the place around this one; follow the chain and break the loop");
    diags.push(d);
}
