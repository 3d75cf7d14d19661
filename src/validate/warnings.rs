//! Warnings: facts that are valid but probably not what the author meant.
//!
//! An event with no source, a source nobody cites, a name or alias shared by
//! two actors or places (which makes that name ambiguous on the command
//! line), and an entity connected to nothing. `--deny-warnings` makes them
//! errors; this module only reports them.

use hashbrown::HashMap;

use crate::diag::{Code, Diagnostic, Diagnostics, Loc, Origin, PathSeg};
use crate::model::{Ent, Facts, Sym};

pub fn check(facts: &Facts, diags: &mut Diagnostics) {
    unsourced(facts, diags);
    uncited(facts, diags);
    shared_names(facts, diags);
    unconnected(facts, diags);
}

fn id_loc(origin: Origin) -> Loc {
    Loc::Field(origin, vec![PathSeg::Key("id")])
}

fn unsourced(facts: &Facts, diags: &mut Diagnostics) {
    for e in facts.events.iter().filter(|e| e.sources.is_empty()) {
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

fn uncited(facts: &Facts, diags: &mut Diagnostics) {
    let mut cited = vec![false; facts.sources.len()];
    let all = facts.actors.iter().flat_map(|a| &a.sources);
    let all = all.chain(facts.places.iter().flat_map(|p| &p.sources));
    let all = all.chain(facts.events.iter().flat_map(|e| &e.sources));
    for c in all.chain(facts.relations.iter().flat_map(|r| &r.sources)) {
        if let Some(slot) = cited.get_mut(c.source.index()) {
            *slot = true;
        }
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

/// Names and aliases, lower-cased, of every actor and place.
fn shared_names(facts: &Facts, diags: &mut Diagnostics) {
    let mut seen: HashMap<String, (Ent, Origin, PathSeg)> = HashMap::new();
    let mut check = |ent: Ent, name: Sym, origin: Origin, seg: PathSeg, diags: &mut Diagnostics| {
        let text = facts.str(name);
        let key = text.to_lowercase();
        match seen.get(&key) {
            Some((other, first, first_seg)) if *other != ent => {
                let msg = format!(
                    "`{text}` names both `{}` and `{}`",
                    facts.id_of(*other),
                    facts.id_of(ent)
                );
                let path = |s: &PathSeg| match s {
                    PathSeg::Index(i) => vec![PathSeg::Key("aliases"), PathSeg::Index(*i)],
                    other => vec![other.clone()],
                };
                let d = Diagnostic::warning(Code::SharedName, msg)
                    .at(Loc::Field(origin, path(&seg)))
                    .note(Some(Loc::Field(*first, path(first_seg))), "also used here")
                    .help("on the command line this name will be ambiguous; use the id, or make the names distinct");
                diags.push(d);
            }
            Some(_) => {}
            None => drop(seen.insert(key, (ent, origin, seg))),
        }
    };
    for (i, a) in facts.actors.iter().enumerate() {
        let ent = Ent(u32::try_from(i).unwrap_or(u32::MAX));
        check(ent, a.name, a.origin, PathSeg::Key("name"), diags);
        for (j, alias) in a.aliases.iter().enumerate() {
            check(ent, *alias, a.origin, PathSeg::Index(j), diags);
        }
    }
    for (i, p) in facts.places.iter().enumerate() {
        let ent = facts.place_ent(crate::model::PlaceIx(u32::try_from(i).unwrap_or(u32::MAX)));
        check(ent, p.name, p.origin, PathSeg::Key("name"), diags);
        for (j, alias) in p.aliases.iter().enumerate() {
            check(ent, *alias, p.origin, PathSeg::Index(j), diags);
        }
    }
}

fn unconnected(facts: &Facts, diags: &mut Diagnostics) {
    let mut linked = vec![false; facts.entity_count()];
    let mut mark = |ent: Ent| {
        if let Some(slot) = linked.get_mut(ent.index()) {
            *slot = true;
        }
    };
    for (i, e) in facts.events.iter().enumerate() {
        let ev = facts.event_ent(crate::model::EventIx(u32::try_from(i).unwrap_or(u32::MAX)));
        if let Some(p) = e.place {
            mark(ev);
            mark(facts.place_ent(p));
        }
        for part in &e.actors {
            mark(ev);
            mark(facts.actor_ent(part.actor));
        }
    }
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
