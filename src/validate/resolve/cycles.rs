//! Places that enclose themselves through `in`: each cycle reported once,
//! at the `in` of its first member, with the chain in the message (a long
//! one by its first and last places and how many stand between). Cycles
//! among resolved places are found by their record numbers; those through
//! a place dropped for errors of its own, by ids, along the links the
//! pending records and the dropped ones' references give. Nothing here
//! resolves a reference.

use hashbrown::HashMap;

use crate::diag::{Code, Diagnostic, Diagnostics, Loc, Origin, PathSeg};
use crate::load::RecordShape;
use crate::model::{self, Interner, PlaceIx, Sym};
use crate::validate::Pending;

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
    push_cycle(strings.resolve(first.id), &names, first.origin, diags);
}

/// Every place's `in`, by the place's id, with where the place stands: the
/// links a cycle through a place dropped for its own errors runs along,
/// which the resolved places' links do not hold.
pub type Links = HashMap<Sym, (Sym, Origin)>;

/// The `in` of every place, and the places dropped for errors of their own
/// in reading order, when any place was dropped (else nothing: no cycle
/// can pass through one).
pub fn dropped_links(p: &Pending, places: &[model::Place<model::Pending>]) -> (Links, Vec<Sym>) {
    let dropped: Vec<(Sym, Origin)> = p
        .broken
        .iter()
        .filter(|b| b.2 == RecordShape::Place)
        .map(|b| (b.0, b.1))
        .collect();
    if dropped.is_empty() {
        return (Links::new(), Vec::new());
    }
    let mut links: Links = places
        .iter()
        .filter_map(|pl| Some((pl.id, (pl.within?.sym, pl.origin))))
        .collect();
    let origins: HashMap<Origin, Sym> = dropped.iter().map(|&(id, o)| (o, id)).collect();
    for b in &p.broken_refs {
        if let (Some(&id), [PathSeg::Key("in")]) = (origins.get(&b.origin), b.path.as_slice()) {
            links.insert(id, (b.sym, b.origin));
        }
    }
    (links, dropped.into_iter().map(|d| d.0).collect())
}

/// Reports each cycle of `in` that passes through one of the `dropped`
/// places (those [`report`] cannot see), once, at the `in` of the place
/// the walk came back to; walks start from the dropped places in order.
pub fn report_through_dropped(
    links: &Links,
    dropped: &[Sym],
    strings: &Interner,
    diags: &mut Diagnostics,
) {
    // Absent = unvisited, true = on the current walk, false = done.
    let mut state: HashMap<Sym, bool> = HashMap::new();
    for &start in dropped {
        let mut walk: Vec<Sym> = Vec::new();
        let mut at = Some(start);
        while let Some(id) = at {
            match state.get(&id) {
                None => {
                    state.insert(id, true);
                    walk.push(id);
                    at = links.get(&id).map(|&(within, _)| within);
                }
                Some(true) => {
                    let cycle: Vec<Sym> = walk.iter().copied().skip_while(|&w| w != id).collect();
                    if cycle.iter().any(|c| dropped.contains(c)) {
                        report_ids(&cycle, links, strings, diags);
                    }
                    break;
                }
                Some(false) => break,
            }
        }
        for id in walk {
            state.insert(id, false);
        }
    }
}

/// Reports the cycle of places `cycle` (ids), at the `in` of its first.
fn report_ids(cycle: &[Sym], links: &Links, strings: &Interner, diags: &mut Diagnostics) {
    let Some((first, origin)) = cycle.first().and_then(|&f| Some((f, links.get(&f)?.1))) else {
        return;
    };
    let names: Vec<&str> = cycle.iter().map(|&id| strings.resolve(id)).collect();
    push_cycle(strings.resolve(first), &names, origin, diags);
}

/// The diagnostic of a cycle whose first place is `first`, its places'
/// names `names`, the first standing at `origin`.
fn push_cycle(first: &str, names: &[&str], origin: Origin, diags: &mut Diagnostics) {
    let msg = format!("place `{first}` encloses itself: {}", chain(names));
    let d = Diagnostic::error(Code::PlaceCycle, msg)
        .at(Loc::Field(origin, vec![PathSeg::Key("in")]))
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
