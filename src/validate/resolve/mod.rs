//! Resolving pending records: ids made unique, references made real.
//!
//! Builds the id table over every actor, place, event and source (reporting
//! each duplicate with the place of the first), resolves every reference to a
//! record of the right kind (with "did you mean" among the ids of that kind),
//! and reports places that enclose themselves through `in`.

use hashbrown::HashMap;

mod cycles;

use super::{Pending, RefTarget};
use crate::diag::{Code, Diagnostic, Diagnostics, Loc, Origin, PathSeg};
use crate::model::{
    self, ActorIx, Cite, Ent, EntityKind, Facts, Participant, PlaceIx, Resolved, SourceIx, Sym,
};
use crate::suggest::nearest;

/// Where an id was first defined, and as what.
#[derive(Clone, Copy)]
struct Def {
    kind: Kind,
    index: u32,
    origin: Origin,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Entity(EntityKind),
    Source,
    Relation,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Entity(k) => k.as_str(),
            Kind::Source => "source",
            Kind::Relation => "relation",
        }
    }
}

struct Resolver<'p> {
    p: &'p Pending,
    defs: HashMap<Sym, Def>,
    broken: hashbrown::HashSet<Sym>,
    diags: &'p mut Diagnostics,
    /// How many pending records of each entity kind come before it: the offsets of `Ent`.
    actor_count: u32,
    place_count: u32,
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The records of a pending store, taken out to be resolved one by one.
struct Records {
    actors: Vec<model::Actor<model::Pending>>,
    places: Vec<model::Place<model::Pending>>,
    events: Vec<model::Event<model::Pending>>,
    relations: Vec<model::Relation<model::Pending>>,
}

pub fn resolve(mut p: Pending, diags: &mut Diagnostics) -> Facts {
    let recs = Records {
        actors: std::mem::take(&mut p.actors),
        places: std::mem::take(&mut p.places),
        events: std::mem::take(&mut p.events),
        relations: std::mem::take(&mut p.relations),
    };
    let mut r = Resolver {
        p: &p,
        defs: HashMap::with_capacity(
            recs.actors.len() + recs.places.len() + recs.events.len() + p.sources.len(),
        ),
        broken: hashbrown::HashSet::new(),
        diags,
        actor_count: u32_of(recs.actors.len()),
        place_count: u32_of(recs.places.len()),
    };
    r.define_all(&recs);
    let actors: Vec<_> = recs.actors.into_iter().map(|a| r.actor(a)).collect();
    let places: Vec<_> = recs.places.into_iter().map(|pl| r.place(pl)).collect();
    let events: Vec<_> = recs.events.into_iter().map(|e| r.event(e)).collect();
    let relations: Vec<_> = recs
        .relations
        .into_iter()
        .filter_map(|rel| r.relation(rel))
        .collect();
    r.broken_refs();
    let mut by_id = HashMap::with_capacity(actors.len() + places.len() + events.len());
    let mut source_by_id = HashMap::with_capacity(p.sources.len());
    for (sym, def) in &r.defs {
        match def.kind {
            Kind::Entity(_) => drop(by_id.insert(*sym, r.ent(*def))),
            Kind::Source => drop(source_by_id.insert(*sym, SourceIx(def.index))),
            Kind::Relation => {}
        }
    }
    let within: Vec<Option<PlaceIx>> = places.iter().map(|pl| pl.within).collect();
    cycles::report(&within, &places, &p.strings, diags);
    let Pending {
        mut strings,
        sources,
        ..
    } = p;
    strings.shrink();
    Facts {
        strings,
        sources,
        actors,
        places,
        events,
        relations,
        by_id,
        source_by_id,
        ..Facts::default()
    }
}

impl Resolver<'_> {
    fn define(&mut self, id: Sym, kind: Kind, index: usize, origin: Origin) {
        let def = Def {
            kind,
            index: u32_of(index),
            origin,
        };
        if let Some(first) = self.defs.get(&id) {
            let name = self.p.strings.resolve(id);
            let msg = format!("duplicate id `{name}`");
            let (first, origin) = in_file_order(*first, def);
            let first_loc = Loc::Field(first.origin, vec![PathSeg::Key("id")]);
            let d = Diagnostic::error(Code::DuplicateId, msg)
                .at(Loc::Field(origin.origin, vec![PathSeg::Key("id")]))
                .note(
                    Some(first_loc),
                    format!("first used by the {} defined here", first.kind.name()),
                )
                .help("ids must be unique across every file loaded together");
            self.diags.push(d);
            return;
        }
        self.defs.insert(id, def);
    }

    fn define_all(&mut self, recs: &Records) {
        let p = self.p;
        for (i, s) in p.sources.iter().enumerate() {
            self.define(s.id, Kind::Source, i, s.origin);
        }
        let p = recs;
        for (i, a) in p.actors.iter().enumerate() {
            self.define(a.id, Kind::Entity(EntityKind::Actor), i, a.origin);
        }
        for (i, pl) in p.places.iter().enumerate() {
            self.define(pl.id, Kind::Entity(EntityKind::Place), i, pl.origin);
        }
        for (i, e) in p.events.iter().enumerate() {
            self.define(e.id, Kind::Entity(EntityKind::Event), i, e.origin);
        }
        for (i, r) in p.relations.iter().enumerate() {
            if let Some(id) = r.id {
                self.define(id, Kind::Relation, i, r.origin);
            }
        }
        self.define_broken();
    }

    /// Checks the references of records dropped for other errors.
    fn broken_refs(&mut self) {
        for b in &self.p.broken_refs {
            let wanted: &[Kind] = match b.target {
                RefTarget::Actor => &[Kind::Entity(EntityKind::Actor)],
                RefTarget::Place => &[Kind::Entity(EntityKind::Place)],
                RefTarget::Entity => &[
                    Kind::Entity(EntityKind::Actor),
                    Kind::Entity(EntityKind::Place),
                    Kind::Entity(EntityKind::Event),
                ],
                RefTarget::Source => &[Kind::Source],
            };
            let _ = self.lookup(b.sym, wanted, b.origin, &b.path);
        }
    }

    /// Records dropped for errors still claim their ids: a clash is reported.
    fn define_broken(&mut self) {
        let mut seen: HashMap<Sym, Origin> = HashMap::new();
        for &(id, origin) in &self.p.broken {
            let first = self
                .defs
                .get(&id)
                .map(|d| d.origin)
                .or_else(|| seen.get(&id).copied());
            match first {
                Some(first) => {
                    let name = self.p.strings.resolve(id);
                    let key = |o: Origin| (o.file, o.offset);
                    let (first, later) = if key(first) <= key(origin) {
                        (first, origin)
                    } else {
                        (origin, first)
                    };
                    let d = Diagnostic::error(Code::DuplicateId, format!("duplicate id `{name}`"))
                        .at(Loc::Field(later, vec![PathSeg::Key("id")]))
                        .note(
                            Some(Loc::Field(first, vec![PathSeg::Key("id")])),
                            "first used here",
                        )
                        .help("ids must be unique across every file loaded together");
                    self.diags.push(d);
                }
                None => drop(seen.insert(id, origin)),
            }
            self.broken.insert(id);
        }
    }

    /// Finds a reference's definition if it has one of the wanted kinds.
    /// Ok(None) means the target was dropped for errors of its own.
    fn lookup(
        &mut self,
        id: Sym,
        wanted: &[Kind],
        origin: Origin,
        path: &[PathSeg],
    ) -> Result<Option<Def>, ()> {
        let found = self.defs.get(&id);
        if let Some(def) = found.filter(|d| wanted.contains(&d.kind)) {
            return Ok(Some(*def));
        }
        let name = self.p.strings.resolve(id);
        let what = match wanted {
            [one] => one.name(),
            _ => "actor, place or event",
        };
        let path = path.to_vec();
        match found {
            Some(def) if wanted.contains(&def.kind) => Ok(Some(*def)),
            Some(def) => {
                let msg = format!(
                    "`{name}` is {} {}, not {} {what}",
                    article(def.kind.name()),
                    def.kind.name(),
                    article(what)
                );
                let loc = Loc::Field(def.origin, vec![PathSeg::Key("id")]);
                let d = Diagnostic::error(Code::WrongReferenceKind, msg)
                    .at(Loc::Field(origin, path))
                    .note(
                        Some(loc),
                        format!("the {} is defined here", def.kind.name()),
                    );
                self.diags.push(d);
                Err(())
            }
            None if self.broken.contains(&id) => Ok(None),
            None => {
                let msg = format!("unknown {what} `{name}`");
                let help = self.suggest(name, wanted);
                let d = Diagnostic::error(Code::UnknownReference, msg)
                    .at(Loc::Field(origin, path))
                    .maybe_help(help);
                self.diags.push(d);
                Err(())
            }
        }
    }

    /// "did you mean" among the ids of the wanted kinds (skipped for huge sets).
    fn suggest(&self, name: &str, wanted: &[Kind]) -> Option<String> {
        const MAX_CANDIDATES: usize = 200_000;
        let ids = self
            .defs
            .iter()
            .filter(|(_, d)| wanted.contains(&d.kind))
            .map(|(s, _)| self.p.strings.resolve(*s));
        let ids: Vec<&str> = ids.take(MAX_CANDIDATES).collect();
        let mut best = nearest(name, ids.iter().copied(), 3);
        best.sort_unstable();
        match best.as_slice() {
            [] => None,
            [one] => Some(format!("did you mean `{one}`?")),
            many => Some(format!(
                "did you mean one of: {}?",
                many.iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    fn ent(&self, def: Def) -> Ent {
        match def.kind {
            Kind::Entity(EntityKind::Place) => Ent(self.actor_count + def.index),
            Kind::Entity(EntityKind::Event) => Ent(self.actor_count + self.place_count + def.index),
            _ => Ent(def.index),
        }
    }

    fn cites(&mut self, cites: &[Cite<model::Pending>], origin: Origin) -> Option<Vec<Cite>> {
        let mut out = Vec::with_capacity(cites.len());
        let mut ok = true;
        for (i, c) in cites.iter().enumerate() {
            let path = &[
                PathSeg::Key("sources"),
                PathSeg::Index(i),
                PathSeg::Key("id"),
            ];
            match self.lookup(c.source, &[Kind::Source], origin, path) {
                Ok(Some(def)) => out.push(Cite {
                    source: SourceIx(def.index),
                    quote: c.quote,
                }),
                Ok(None) => {}
                Err(()) => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn actor(&mut self, a: model::Actor<model::Pending>) -> model::Actor {
        let sources = self.cites(&a.sources, a.origin).unwrap_or_default();
        model::Actor {
            id: a.id,
            name: a.name,
            kind: a.kind,
            aliases: a.aliases,
            note: a.note,
            sources: sources.into(),
            origin: a.origin,
        }
    }

    fn place(&mut self, pl: model::Place<model::Pending>) -> model::Place {
        let place_kind = [Kind::Entity(EntityKind::Place)];
        let within = pl.within.and_then(|w| {
            self.lookup(w.sym, &place_kind, pl.origin, &[PathSeg::Key("in")])
                .ok()
                .flatten()
        });
        let sources = self.cites(&pl.sources, pl.origin).unwrap_or_default();
        model::Place {
            id: pl.id,
            name: pl.name,
            kind: pl.kind,
            within: within.map(|d| PlaceIx(d.index)),
            aliases: pl.aliases,
            coords: pl.coords,
            note: pl.note,
            sources: sources.into(),
            origin: pl.origin,
        }
    }

    /// Resolves an event; a bad reference is reported and left out, so that
    /// event numbers stay those of the pending list.
    fn event(&mut self, e: model::Event<model::Pending>) -> model::Event<Resolved> {
        let place_kind = [Kind::Entity(EntityKind::Place)];
        let place = e.place.and_then(|p| {
            self.lookup(p.sym, &place_kind, e.origin, &[PathSeg::Key("place")])
                .ok()
                .flatten()
        });
        let mut actors = Vec::with_capacity(e.actors.len());
        for (i, part) in e.actors.iter().enumerate() {
            let path = &[
                PathSeg::Key("actors"),
                PathSeg::Index(i),
                PathSeg::Key("id"),
            ];
            if let Ok(Some(def)) = self.lookup(
                part.actor,
                &[Kind::Entity(EntityKind::Actor)],
                e.origin,
                path,
            ) {
                actors.push(Participant {
                    actor: ActorIx(def.index),
                    role: part.role,
                });
            }
        }
        let sources = self.cites(&e.sources, e.origin).unwrap_or_default();
        model::Event {
            id: e.id,
            title: e.title,
            date: e.date,
            kind: e.kind,
            place: place.map(|d| PlaceIx(d.index)),
            actors: actors.into(),
            killed: e.killed,
            injured: e.injured,
            summary: e.summary,
            attributes: e.attributes,
            sources: sources.into(),
            origin: e.origin,
        }
    }

    fn relation(&mut self, r: model::Relation<model::Pending>) -> Option<model::Relation> {
        let ends = [
            Kind::Entity(EntityKind::Actor),
            Kind::Entity(EntityKind::Place),
            Kind::Entity(EntityKind::Event),
        ];
        let from = self.lookup(r.from, &ends, r.origin, &[PathSeg::Key("from")]);
        let to = self.lookup(r.to, &ends, r.origin, &[PathSeg::Key("to")]);
        let sources = self.cites(&r.sources, r.origin);
        let (from, to) = (from.ok()??, to.ok()??);
        Some(model::Relation {
            id: r.id,
            kind: r.kind,
            from: self.ent(from),
            to: self.ent(to),
            date: r.date,
            note: r.note,
            sources: sources?.into(),
            origin: r.origin,
        })
    }
}

/// Two definitions of one id, the earlier in reading order first.
fn in_file_order(a: Def, b: Def) -> (Def, Def) {
    let key = |d: &Def| (d.origin.file, d.origin.offset);
    if key(&a) <= key(&b) { (a, b) } else { (b, a) }
}

fn article(word: &str) -> &'static str {
    match word.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}
