//! Warnings: facts that are valid but probably not what the author meant.
//!
//! An event with no source, a source nobody cites, a name or alias shared by
//! two actors or places or that is another entity's id (which makes that
//! name ambiguous on the command line), and an entity connected to nothing.
//! `--deny-warnings` makes them errors; this module only reports them.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

use crate::diag::{Code, Diagnostic, Diagnostics, Loc, Origin, PathSeg};
use crate::graph::names::same_lower;
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

/// The names and aliases, lower-cased, of every actor and place, each with
/// where it was first used. The table holds handles, not lower-cased
/// copies: a name is lower-cased again to compare.
struct Names<'f> {
    facts: &'f Facts,
    seen: HashTable<First>,
    hasher: DefaultHashBuilder,
}

impl Names<'_> {
    /// Where the lower-cased name `lower` was first used.
    fn get(&self, lower: &str) -> Option<First> {
        let hash = self.hasher.hash_one(lower);
        let found = self
            .seen
            .find(hash, |f| same_lower(self.facts.str(f.name), lower));
        found.copied()
    }

    /// Adds a use of a name; the first use of it, if it was used before.
    fn add(&mut self, this: First) -> Option<First> {
        let key = self.facts.str(this.name).to_lowercase();
        if let Some(first) = self.get(&key) {
            return Some(first);
        }
        let (facts, hasher) = (self.facts, &self.hasher);
        let rehash = |f: &First| hasher.hash_one(facts.str(f.name).to_lowercase());
        self.seen
            .insert_unique(hasher.hash_one(key.as_str()), this, rehash);
        None
    }

    /// Of entities and their ids, those whose id is the name or alias of
    /// another entity, each with the first use of that name. (A name whose
    /// first use is the id's own entity's is shared with the other, if with
    /// any, and reported as such.)
    fn ids_named(&self, ids: impl Iterator<Item = (Ent, Sym)>) -> Vec<(Ent, First)> {
        let mut lower = String::new();
        let mut found = Vec::new();
        for (ent, id) in ids {
            lower_into(self.facts.str(id), &mut lower);
            match self.get(&lower) {
                Some(first) if first.ent != ent => found.push((ent, first)),
                _ => {}
            }
        }
        found
    }
}

/// Reports a name or alias that two actors or places share, and an id
/// that is another entity's name or alias.
fn shared_names(facts: &Facts, diags: &mut Diagnostics) {
    let names = names_of_all(facts, diags);
    if names.seen.is_empty() {
        return;
    }
    let actors = facts.actors.iter().map(|a| a.id);
    let ids = facts
        .ents()
        .zip(actors.chain(facts.places.iter().map(|p| p.id)));
    let mut found = names.ids_named(ids);
    // The events' ids, a half on each of two threads (a million of them).
    let (first, second) = crate::par::halves(&facts.events, |events, from| {
        let from = u32::try_from(from).unwrap_or(u32::MAX);
        let ents = (from..).map(|i| facts.event_ent(crate::model::EventIx(i)));
        names.ids_named(ents.zip(events.iter().map(|e| e.id)))
    });
    found.extend(first.into_iter().chain(second));
    for (ent, named) in found {
        id_named(facts, ent, named, diags);
    }
}

/// `text` lower-cased, into `buf`: an ASCII text without a copy of its own.
fn lower_into(text: &str, buf: &mut String) {
    buf.clear();
    if text.is_ascii() {
        buf.push_str(text);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&text.to_lowercase());
    }
}

/// The names of every actor and place, reporting those shared.
fn names_of_all<'f>(facts: &'f Facts, diags: &mut Diagnostics) -> Names<'f> {
    let count = facts.actors.iter().map(|a| 1 + a.aliases.len());
    let count = count.chain(facts.places.iter().map(|p| 1 + p.aliases.len()));
    let mut names = Names {
        facts,
        seen: HashTable::with_capacity(count.sum()),
        hasher: DefaultHashBuilder::default(),
    };
    let actors = facts.actors.iter().map(|a| (a.name, &a.aliases));
    let places = facts.places.iter().map(|p| (p.name, &p.aliases));
    for (ent, (name, aliases)) in facts.ents().zip(actors.chain(places)) {
        let aliases = aliases.iter().enumerate().map(|(j, s)| (*s, j));
        for (name, seg) in std::iter::once((name, NAME)).chain(aliases) {
            let this = First { name, ent, seg };
            match names.add(this) {
                Some(first) if first.ent != ent => shared(facts, first, this, diags),
                _ => {}
            }
        }
    }
    names
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

/// Reports the id of `ent` that is the name or alias `named` of another.
fn id_named(facts: &Facts, ent: Ent, named: First, diags: &mut Diagnostics) {
    let (Some(id_origin), Some(origin)) = (origin_of(facts, ent), origin_of(facts, named.ent))
    else {
        return;
    };
    let kind = |e: Ent| facts.kind(e).as_str();
    let (id, other) = (facts.id_of(ent), facts.id_of(named.ent));
    let msg = format!(
        "`{}` names {} `{other}` and is the id of {} `{id}`",
        facts.str(named.name),
        kind(named.ent),
        kind(ent),
    );
    let help = format!(
        "on the command line this name will be ambiguous; type `{}:{other}` or `{}:{id}`, \
         or make the name and the id differ",
        kind(named.ent),
        kind(ent),
    );
    let d = Diagnostic::warning(Code::SharedName, msg)
        .at(Loc::Field(origin, named.path()))
        .note(Some(id_loc(id_origin)), "the id")
        .help(help);
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

    #[test]
    fn an_id_that_is_another_entitys_name_or_alias_is_reported() {
        let lines = [
            r#"{"type":"actor","id":"georgia-state","name":"Georgia"}"#,
            r#"{"type":"place","id":"georgia","name":"Sakartvelo","aliases":["GEORGIA"]}"#,
            r#"{"type":"actor","id":"paris","name":"Paris Hilton"}"#,
            r#"{"type":"actor","id":"ph","name":"P. H.","aliases":["Paris"]}"#,
            r#"{"type":"event","id":"Sakartvelo","title":"Georgia","date":"2020"}"#,
        ];
        let text = lines.join("\n");
        let at = |i: usize| {
            lines
                .iter()
                .take(i)
                .map(|l| l.len() as u64 + 1)
                .sum::<u64>()
        };
        let name = || vec![PathSeg::Key("name")];
        let alias = |i| vec![PathSeg::Key("aliases"), PathSeg::Index(i)];
        let id = || vec![PathSeg::Key("id")];
        // Actors come before places, and places before events.
        let expected = [
            (
                "`GEORGIA` names both `georgia-state` and `georgia`",
                at(1),
                alias(0),
                0,
                name(),
            ),
            (
                "`Paris` names actor `ph` and is the id of actor `paris`",
                at(3),
                alias(0),
                at(2),
                id(),
            ),
            (
                "`Georgia` names actor `georgia-state` and is the id of place `georgia`",
                0,
                name(),
                at(1),
                id(),
            ),
            (
                "`Sakartvelo` names place `georgia` and is the id of event `Sakartvelo`",
                at(1),
                name(),
                at(4),
                id(),
            ),
        ];
        let expected: Vec<_> = expected
            .into_iter()
            .map(|(m, at, path, first, first_path)| (m.to_string(), at, path, first, first_path))
            .collect();
        assert_eq!(shared(&text), expected);
    }
}
