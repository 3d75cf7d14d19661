//! Warnings: facts that are valid but probably not what the author meant.
//!
//! An event with no source, a source nobody cites, a name that would be
//! ambiguous on the command line ([`names`]), and an entity connected to
//! nothing.
//! `--deny-warnings` makes them errors; this module only reports them.

mod cases;
mod names;

use crate::diag::{Code, Diagnostic, Diagnostics, Loc, Origin, PathSeg};
use crate::model::{Ent, Event, Facts};

pub fn check(facts: &Facts, diags: &mut Diagnostics) {
    let marks = Marks::of_events(facts);
    unsourced(facts, &marks, diags);
    uncited(facts, marks.cited, diags);
    names::shared(facts, diags);
    unconnected(facts, marks.linked, diags);
}

/// What the events say for the checks, gathered in one pass over them (a
/// million events are 144 MB to read), a half on each of two threads: which
/// cite no source, which sources they cite, and which entities they link.
struct Marks {
    unsourced: Vec<u32>,
    cited: Vec<bool>,
    linked: Vec<bool>,
}

impl Marks {
    fn of_events(facts: &Facts) -> Marks {
        let (first, second) =
            crate::par::halves(&facts.events, |events, from| Marks::of(facts, events, from));
        first.and(second)
    }

    /// The marks of `events`, the first of which is event number `from`.
    fn of(facts: &Facts, events: &[Event], from: usize) -> Marks {
        let mut marks = Marks {
            unsourced: Vec::new(),
            cited: vec![false; facts.sources.len()],
            linked: vec![false; facts.entity_count()],
        };
        let from = u32::try_from(from).unwrap_or(u32::MAX);
        for (i, e) in (from..).zip(events) {
            if e.sources.is_empty() {
                marks.unsourced.push(i);
            }
            for c in &e.sources {
                set(&mut marks.cited, c.source.index());
            }
            let ev = facts.event_ent(crate::model::EventIx(i));
            if let Some(p) = e.place {
                set(&mut marks.linked, ev.index());
                set(&mut marks.linked, facts.place_ent(p).index());
            }
            for part in &e.actors {
                set(&mut marks.linked, ev.index());
                set(&mut marks.linked, facts.actor_ent(part.actor).index());
            }
        }
        marks
    }

    /// These marks and those of the events after them.
    fn and(mut self, later: Marks) -> Marks {
        self.unsourced.extend(later.unsourced);
        let or = |mine: &mut [bool], theirs: &[bool]| {
            mine.iter_mut().zip(theirs).for_each(|(m, t)| *m |= *t);
        };
        or(&mut self.cited, &later.cited);
        or(&mut self.linked, &later.linked);
        self
    }
}

fn set(marks: &mut [bool], i: usize) {
    if let Some(slot) = marks.get_mut(i) {
        *slot = true;
    }
}

fn id_loc(origin: Origin) -> Loc {
    Loc::Field(origin, vec![PathSeg::Key("id")])
}

fn unsourced(facts: &Facts, marks: &Marks, diags: &mut Diagnostics) {
    let events = marks
        .unsourced
        .iter()
        .filter_map(|&i| facts.events.get(i as usize));
    for e in events {
        let msg = format!("event `{}` cites no source", facts.str(e.id));
        let help =
            "add `sources = [{ id = \"…\", quote = \"…\" }]` with the words the claim rests on";
        diags.push(
            Diagnostic::warning(Code::UnsourcedEvent, msg)
                .at(id_loc(e.origin))
                .help(help),
        );
    }
}

/// Sources cited by nothing; `cited` holds those the events cite.
fn uncited(facts: &Facts, mut cited: Vec<bool>, diags: &mut Diagnostics) {
    let all = facts.actors.iter().flat_map(|a| &a.sources);
    let all = all.chain(facts.places.iter().flat_map(|p| &p.sources));
    for c in all.chain(facts.relations.iter().flat_map(|r| &r.sources)) {
        set(&mut cited, c.source.index());
    }
    for (s, _) in facts.sources.iter().zip(&cited).filter(|(_, c)| !**c) {
        let msg = format!("source `{}` is cited by nothing", facts.str(s.id));
        diags.push(
            Diagnostic::warning(Code::UncitedSource, msg)
                .at(id_loc(s.origin))
                .help("cite it or remove it"),
        );
    }
}

/// Entities connected to nothing; `linked` holds those the events link.
fn unconnected(facts: &Facts, mut linked: Vec<bool>, diags: &mut Diagnostics) {
    let mut mark = |ent: Ent| set(&mut linked, ent.index());
    for (i, p) in facts.places.iter().enumerate() {
        if let Some(w) = p.within {
            mark(facts.place_ent(crate::model::PlaceIx(u32::try_from(i).unwrap_or(u32::MAX))));
            mark(facts.place_ent(w));
        }
    }
    for r in &facts.relations {
        mark(r.from);
        mark(r.to);
    }
    for ent in facts
        .ents()
        .filter(|e| !linked.get(e.index()).copied().unwrap_or(true))
    {
        let Some(origin) = origin_of(facts, ent) else {
            continue;
        };
        let kind = facts.kind(ent).as_str();
        let msg = format!("{kind} `{}` is connected to nothing", facts.id_of(ent));
        let help = "link it to an event (place, actors) or add a relation";
        diags.push(
            Diagnostic::warning(Code::Unconnected, msg)
                .at(id_loc(origin))
                .help(help),
        );
    }
}

fn origin_of(facts: &Facts, ent: Ent) -> Option<Origin> {
    use crate::model::EntityRef;
    Some(match facts.entity(ent)? {
        EntityRef::Actor(a) => a.origin,
        EntityRef::Place(p) => p.origin,
        EntityRef::Event(e) => e.origin,
    })
}
