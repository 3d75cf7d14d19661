//! Places that enclose themselves through `in`: each cycle reported once,
//! at the `in` of its first member, with the chain in the message (a long
//! one by its first and last places and how many stand between).

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

/// A cycle of more places than this is named by its first [`HEAD`] and
/// last [`TAIL`] places in its message, and how many stand between them.
const SHOWN: usize = 10;
const HEAD: usize = 5;
const TAIL: usize = 4;

/// The places of a cycle as a chain back to the first:
/// `a → b → c → a`, or `a → … → e → … 12 more … → r → … → v → a`.
fn chain(names: &[&str]) -> String {
    let back = names.first().copied();
    let (head, rest) = names.split_at(names.len().min(HEAD));
    let (between, tail) = rest.split_at(rest.len().saturating_sub(TAIL));
    let skipped = (names.len() > SHOWN).then(|| format!("… {} more …", between.len()));
    let between = match &skipped {
        Some(text) => vec![text.as_str()],
        None => between.to_vec(),
    };
    let all: Vec<&str> = head
        .iter()
        .copied()
        .chain(between)
        .chain(tail.iter().copied())
        .chain(back)
        .collect();
    all.join(" → ")
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
    let chain = chain(&names);
    let msg = format!(
        "place `{}` encloses itself: {chain}",
        strings.resolve(first.id)
    );
    let d = Diagnostic::error(Code::PlaceCycle, msg)
        .at(Loc::Field(first.origin, vec![PathSeg::Key("in")]))
        .help("`in` names the place around this one; follow the chain and break the loop");
    diags.push(d);
}

#[cfg(test)]
mod tests {
    use super::chain;

    #[test]
    fn a_short_cycle_is_named_whole_and_a_long_one_by_its_ends() {
        assert_eq!(chain(&["a"]), "a → a");
        assert_eq!(chain(&["a", "b", "c"]), "a → b → c → a");
        let ten: Vec<String> = (0..10).map(|i| format!("p{i}")).collect();
        let ten: Vec<&str> = ten.iter().map(String::as_str).collect();
        assert_eq!(
            chain(&ten),
            "p0 → p1 → p2 → p3 → p4 → p5 → p6 → p7 → p8 → p9 → p0"
        );
        let many: Vec<String> = (0..200_000).map(|i| format!("p{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(
            chain(&many),
            "p0 → p1 → p2 → p3 → p4 → … 199991 more … → p199996 → p199997 → p199998 → p199999 → p0"
        );
        let eleven = many.get(..11).unwrap_or_default();
        assert_eq!(
            chain(eleven),
            "p0 → p1 → p2 → p3 → p4 → … 2 more … → p7 → p8 → p9 → p10 → p0"
        );
    }
}
