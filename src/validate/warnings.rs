//! Warnings: facts that are valid but probably not what the author meant.
//!
//! An event with no source, a source nobody cites, a name or alias shared by
//! two actors or places (which makes that name ambiguous on the command
//! line), and an entity connected to nothing. `--deny-warnings` makes them
//! errors; this module only reports them.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

use crate::diag::{Code, Diagnostic, Diagnostics, Loc, Origin, PathSeg};
use crate::model::{Ent, Event, Facts, Sym};

pub fn check(facts: &Facts, diags: &mut Diagnostics) {
    let marks = Marks::of_events(facts);
    unsourced(facts, &marks, diags);
    uncited(facts, marks.cited, diags);
    shared_names(facts, diags);
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

/// Where a lower-cased name was first used: the name (or alias) as written,
/// and whose it is.
#[derive(Clone, Copy)]
struct First {
    name: Sym,
    ent: Ent,
    /// The alias's place among the aliases, or [`NAME`].
    seg: usize,
}

/// [`First::seg`] of a name (no alias list is that long).
const NAME: usize = usize::MAX;

impl First {
    fn path(self) -> Vec<PathSeg> {
        match self.seg {
            NAME => vec![PathSeg::Key("name")],
            i => vec![PathSeg::Key("aliases"), PathSeg::Index(i)],
        }
    }
}

/// Names and aliases, lower-cased, of every actor and place. The table holds
/// handles, not lower-cased copies: a name is lower-cased again to compare.
fn shared_names(facts: &Facts, diags: &mut Diagnostics) {
    let names = facts.actors.iter().map(|a| 1 + a.aliases.len());
    let names = names.chain(facts.places.iter().map(|p| 1 + p.aliases.len()));
    let mut seen: HashTable<First> = HashTable::with_capacity(names.sum());
    let hasher = DefaultHashBuilder::default();
    let lower = |f: &First| facts.str(f.name).to_lowercase();
    let mut check = |this: First, diags: &mut Diagnostics| {
        let key = facts.str(this.name).to_lowercase();
        let hash = hasher.hash_one(key.as_str());
        match seen.find(hash, |f| lower(f) == key) {
            Some(first) if first.ent != this.ent => shared(facts, *first, this, diags),
            Some(_) => {}
            None => drop(seen.insert_unique(hash, this, |f| hasher.hash_one(lower(f)))),
        }
    };
    for (i, a) in facts.actors.iter().enumerate() {
        let ent = Ent(u32::try_from(i).unwrap_or(u32::MAX));
        let aliases = a.aliases.iter().enumerate().map(|(j, s)| (*s, j));
        for (name, seg) in std::iter::once((a.name, NAME)).chain(aliases) {
            check(First { name, ent, seg }, diags);
        }
    }
    for (i, p) in facts.places.iter().enumerate() {
        let ent = facts.place_ent(crate::model::PlaceIx(u32::try_from(i).unwrap_or(u32::MAX)));
        let aliases = p.aliases.iter().enumerate().map(|(j, s)| (*s, j));
        for (name, seg) in std::iter::once((p.name, NAME)).chain(aliases) {
            check(First { name, ent, seg }, diags);
        }
    }
}

/// Reports a name used by two actors or places.
fn shared(facts: &Facts, first: First, this: First, diags: &mut Diagnostics) {
    let (Some(first_origin), Some(origin)) =
        (origin_of(facts, first.ent), origin_of(facts, this.ent))
    else {
        return;
    };
    let msg = format!(
        "`{}` names both `{}` and `{}`",
        facts.str(this.name),
        facts.id_of(first.ent),
        facts.id_of(this.ent)
    );
    let d = Diagnostic::warning(Code::SharedName, msg)
        .at(Loc::Field(origin, this.path()))
        .note(Some(Loc::Field(first_origin, first.path())), "also used here")
        .help("on the command line this name will be ambiguous; use the id, or make the names distinct");
    diags.push(d);
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

#[cfg(test)]
mod tests {
    use crate::diag::{Code, Loc, PathSeg};
    use crate::load::Format;
    use crate::validate::load_bytes;

    /// A shared-name warning: its message, and the record (a byte offset)
    /// and path it and its note point at.
    type Shared = (String, u64, Vec<PathSeg>, u64, Vec<PathSeg>);

    fn shared(text: &str) -> Vec<Shared> {
        let (_, diags) = load_bytes(text.as_bytes(), Format::JsonLines);
        let field = |loc: Option<&Loc>| match loc {
            Some(Loc::Field(origin, path)) => (origin.offset, path.clone()),
            other => panic!("not a field: {other:?}"),
        };
        let list = diags.list.iter().filter(|d| d.code == Code::SharedName);
        list.map(|d| {
            let (at, path) = field(d.loc.as_ref());
            let (note_at, note_path) = field(d.notes.first().and_then(|n| n.loc.as_ref()));
            (d.message.clone(), at, path, note_at, note_path)
        })
        .collect()
    }

    #[test]
    fn names_and_aliases_shared_in_any_case_are_reported_once_each() {
        let lines = [
            r#"{"type":"actor","id":"a","name":"Kyiv","aliases":["Ο∆ΟΣ","kyiv"]}"#,
            r#"{"type":"actor","id":"b","name":"KYIV","aliases":["x","ο∆ος"]}"#,
            r#"{"type":"place","id":"c","name":"X","aliases":["Kyiv"]}"#,
        ];
        let text = lines.join("\n");
        let b = lines[0].len() as u64 + 1;
        let c = b + lines[1].len() as u64 + 1;
        let name = || vec![PathSeg::Key("name")];
        let alias = |i| vec![PathSeg::Key("aliases"), PathSeg::Index(i)];
        let expected = [
            ("`KYIV` names both `a` and `b`", b, name(), 0, name()),
            ("`ο∆ος` names both `a` and `b`", b, alias(1), 0, alias(0)),
            ("`X` names both `b` and `c`", c, name(), b, alias(0)),
            ("`Kyiv` names both `a` and `c`", c, alias(0), 0, name()),
        ];
        let expected: Vec<_> = expected
            .into_iter()
            .map(|(m, at, path, first, first_path)| (m.to_string(), at, path, first, first_path))
            .collect();
        assert_eq!(shared(&text), expected);
    }
}
