//! Resolving pending records: ids made unique, references made real.
//!
//! Builds the id table over every actor, place, event, source and relation
//! (reporting each duplicate with the place of the first), resolves every
//! reference to a record of the right kind (with "did you mean" among the ids
//! of that kind), and reports places that enclose themselves through `in`.
//! The table is the model's id index, kept as the facts' own: it holds
//! record numbers only, and a diagnostic that points at a record reads where
//! it stands from the record. Nothing here reads files or prints.

use hashbrown::HashMap;

mod convert;
mod cycles;
mod defs;
mod hints;
#[cfg(test)]
mod tests;
mod unread;

use defs::{Counts, Def, Kind, Lists};
use hints::{Hints, Known};
use unread::Unread;

use super::{Pending, RefTarget};
use crate::diag::{Code, Diagnostic, Diagnostics, Loc, Origin, PathSeg};
use crate::model::{self, EntityKind, Facts, Ids, IdsBuilder, PlaceIx, Sym};

struct Resolver<'p> {
    p: &'p Pending,
    ids: Ids,
    counts: Counts,
    /// Ids of records dropped for errors, with their kind and where they
    /// stand.
    broken: HashMap<Sym, (Kind, Origin)>,
    diags: &'p mut Diagnostics,
    /// Diagnostics whose note is to point at a record not at hand while
    /// records are resolved: where each is in the list, and the record.
    unplaced: Vec<(usize, Def)>,
    hints: Hints<'p>,
    /// Files not read whole, which may define ids referenced as unknown.
    unread: Unread,
}

/// "`s` is a source, not a place".
fn wrong_kind(name: &str, kind: Kind, what: &str) -> String {
    let is = kind.name();
    format!(
        "`{name}` is {} {is}, not {} {what}",
        article(is),
        article(what)
    )
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

/// The pending records, by kind.
type PendingLists<'a> = Lists<
    'a,
    model::Actor<model::Pending>,
    model::Place<model::Pending>,
    model::Event<model::Pending>,
    model::Relation<model::Pending>,
>;

impl Records {
    fn take(p: &mut Pending) -> Records {
        Records {
            actors: std::mem::take(&mut p.actors),
            places: std::mem::take(&mut p.places),
            events: std::mem::take(&mut p.events),
            relations: std::mem::take(&mut p.relations),
        }
    }

    /// The id index with every id marked, naming nothing yet, and the
    /// events' ids in order. The events are read here only, a half on each
    /// of two threads: defining their ids reads the list rather than the
    /// events again (a million events are 144 MB).
    fn index(&self, p: &Pending) -> (Ids, Vec<Sym>) {
        let names = p.strings.names_len();
        let (first, second) = crate::par::halves(&self.events, |events, _| {
            let mut ids = IdsBuilder::new(names);
            let syms: Vec<Sym> = events.iter().map(|e| e.id).collect();
            syms.iter().for_each(|&id| ids.mark(id));
            (ids, syms)
        });
        let (mut ids, mut event_ids) = first;
        ids.union(&second.0);
        event_ids.extend(second.1);
        p.sources.iter().for_each(|s| ids.mark(s.id));
        self.actors.iter().for_each(|a| ids.mark(a.id));
        self.places.iter().for_each(|pl| ids.mark(pl.id));
        self.relations
            .iter()
            .filter_map(|r| r.id)
            .for_each(|id| ids.mark(id));
        let entities = self.actors.len() + self.places.len() + self.events.len();
        (ids.build(entities, p.sources.len()), event_ids)
    }

    fn lists<'a>(&'a self, p: &'a Pending) -> PendingLists<'a> {
        Lists {
            sources: &p.sources,
            actors: &self.actors,
            places: &self.places,
            events: &self.events,
            relations: &self.relations,
        }
    }
}

pub fn resolve(mut p: Pending, diags: &mut Diagnostics) -> Facts {
    let recs = Records::take(&mut p);
    let (ids, event_ids) = recs.index(&p);
    let mut r = Resolver::new(&p, &recs, ids, diags);
    r.define_all(&recs.lists(&p), &event_ids);
    drop(event_ids);
    let actors: Vec<_> = recs.actors.into_iter().map(|a| r.actor(a)).collect();
    let (links, dropped) = cycles::dropped_links(&p, &recs.places);
    let places: Vec<_> = recs.places.into_iter().map(|pl| r.place(pl)).collect();
    let events: Vec<_> = recs.events.into_iter().map(|e| r.event(e)).collect();
    let relations: Vec<_> = recs
        .relations
        .into_iter()
        .map(|rel| r.relation(rel))
        .collect();
    r.broken_refs();
    r.place_notes(&Lists {
        sources: &p.sources,
        actors: &actors,
        places: &places,
        events: &events,
        relations: &relations,
    });
    let mut ids = r.into_ids();
    ids.drop_relations();
    let relations: Vec<_> = relations.into_iter().filter_map(Result::ok).collect();
    let within: Vec<Option<PlaceIx>> = places.iter().map(|pl| pl.within).collect();
    cycles::report(&within, &places, &p.strings, diags);
    cycles::report_through_dropped(&links, &dropped, &p.strings, diags);
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
        ids,
        ..Facts::default()
    }
}

impl Resolver<'_> {
    fn new<'p>(
        p: &'p Pending,
        recs: &Records,
        ids: Ids,
        diags: &'p mut Diagnostics,
    ) -> Resolver<'p> {
        Resolver {
            p,
            unread: Unread::of(diags),
            ids,
            counts: Counts {
                actors: u32_of(recs.actors.len()),
                places: u32_of(recs.places.len()),
            },
            broken: HashMap::new(),
            diags,
            unplaced: Vec::new(),
            hints: Hints::default(),
        }
    }

    /// Enters `id` as naming record `index` of its kind, reporting a
    /// duplicate with the place of the first; the records' places are read
    /// from `lists` only then.
    fn define(&mut self, lists: &PendingLists, id: Sym, kind: Kind, index: usize) {
        let def = Def {
            kind,
            index: u32_of(index),
        };
        let Some(first) = self.ids.insert(id, self.counts.named(def)) else {
            return;
        };
        let first = self.counts.def(first);
        // The record defined is in the lists, so it has a place.
        let Some(origin) = lists.origin(def) else {
            return;
        };
        let first_origin = lists.origin(first).unwrap_or(origin);
        let name = self.p.strings.resolve(id);
        let msg = format!("duplicate id `{name}`");
        let ((first, first_origin), (_, origin)) =
            in_file_order((first, first_origin), (def, origin));
        let first_loc = Loc::Field(first_origin, vec![PathSeg::Key("id")]);
        let d = Diagnostic::error(Code::DuplicateId, msg)
            .at(Loc::Field(origin, vec![PathSeg::Key("id")]))
            .note(
                Some(first_loc),
                format!("first used by the {} defined here", first.kind.name()),
            )
            .help("ids must be unique across every file loaded together");
        self.diags.push(d);
    }

    /// Enters every record's id, kind after kind in the order they were
    /// read; `event_ids` are the events' ids in order.
    fn define_all(&mut self, lists: &PendingLists, event_ids: &[Sym]) {
        for (i, s) in lists.sources.iter().enumerate() {
            self.define(lists, s.id, Kind::Source, i);
        }
        for (i, a) in lists.actors.iter().enumerate() {
            self.define(lists, a.id, Kind::Entity(EntityKind::Actor), i);
        }
        for (i, pl) in lists.places.iter().enumerate() {
            self.define(lists, pl.id, Kind::Entity(EntityKind::Place), i);
        }
        for (i, &id) in event_ids.iter().enumerate() {
            self.define(lists, id, Kind::Entity(EntityKind::Event), i);
        }
        for (i, r) in lists.relations.iter().enumerate() {
            if let Some(id) = r.id {
                self.define(lists, id, Kind::Relation, i);
            }
        }
        self.define_broken(lists);
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
    fn define_broken(&mut self, lists: &PendingLists) {
        let mut seen: HashMap<Sym, Origin> = HashMap::new();
        for &(id, origin, shape) in &self.p.broken {
            let first = self
                .ids
                .get(id)
                .and_then(|n| lists.origin(self.counts.def(n)))
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
            self.broken.entry(id).or_insert((Kind::of(shape), origin));
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
        let found = self.ids.get(id).map(|n| self.counts.def(n));
        if let Some(def) = found.filter(|d| wanted.contains(&d.kind)) {
            return Ok(Some(def));
        }
        let name = self.p.strings.resolve(id);
        let what = match wanted {
            [one] => one.name(),
            _ => "actor, place or event",
        };
        let path = path.to_vec();
        match found {
            Some(def) => {
                let msg = wrong_kind(name, def.kind, what);
                // Pointed at the definition by `place_notes`.
                let loc = Loc::Field(origin, vec![PathSeg::Key("id")]);
                let d = Diagnostic::error(Code::WrongReferenceKind, msg)
                    .at(Loc::Field(origin, path))
                    .note(
                        Some(loc),
                        format!("the {} is defined here", def.kind.name()),
                    );
                self.push_unplaced(d, def);
                Err(())
            }
            None => match self.broken.get(&id) {
                Some(&(kind, _)) if wanted.contains(&kind) => Ok(None),
                // Dropped for errors of its own, but its kind is known.
                Some(&(kind, at)) => {
                    let msg = wrong_kind(name, kind, what);
                    let d = Diagnostic::error(Code::WrongReferenceKind, msg)
                        .at(Loc::Field(origin, path))
                        .note(
                            Some(Loc::Field(at, vec![PathSeg::Key("id")])),
                            format!("the {} is defined here", kind.name()),
                        );
                    self.diags.push(d);
                    Err(())
                }
                None if self.unread.hides() => Err(()),
                None => {
                    let msg = format!("unknown {what} `{name}`");
                    let help = self.help(id, wanted);
                    let d = Diagnostic::error(Code::UnknownReference, msg)
                        .at(Loc::Field(origin, path))
                        .maybe_help(help);
                    self.unread.push(d, self.diags);
                    Err(())
                }
            },
        }
    }

    /// Adds a diagnostic whose note is to point at `def` once every record
    /// is resolved.
    fn push_unplaced(&mut self, d: Diagnostic, def: Def) {
        let at = self.diags.list.len();
        self.diags.push(d);
        if self.diags.list.len() > at {
            self.unplaced.push((at, def));
        }
    }

    /// Points the notes left by [`Resolver::push_unplaced`] at the records
    /// they name, read from the resolved lists.
    fn place_notes<A, P, E, R>(&mut self, lists: &Lists<A, P, E, R>)
    where
        A: defs::HasOrigin,
        P: defs::HasOrigin,
        E: defs::HasOrigin,
        R: defs::HasOrigin,
    {
        for (at, def) in std::mem::take(&mut self.unplaced) {
            let note = self
                .diags
                .list
                .get_mut(at)
                .and_then(|d| d.notes.first_mut());
            if let (Some(note), Some(origin)) = (note, lists.origin(def)) {
                note.loc = Some(Loc::Field(origin, vec![PathSeg::Key("id")]));
            }
        }
    }

    /// The id index, the resolving done (and the first unknown reference
    /// given its notes, module [`unread`]).
    fn into_ids(self) -> Ids {
        self.unread.finish(self.diags);
        self.ids
    }

    /// "Did you mean" for an unknown reference to `id`; none when its
    /// diagnostic would not be kept.
    fn help(&mut self, id: Sym, wanted: &[Kind]) -> Option<String> {
        if !self.diags.keeps_more() {
            return None;
        }
        let known = Known {
            ids: &self.ids,
            counts: self.counts,
            strings: &self.p.strings,
        };
        self.hints.help(id, wanted, &known)
    }
}

/// Two definitions of one id, the earlier in reading order first.
fn in_file_order(a: (Def, Origin), b: (Def, Origin)) -> ((Def, Origin), (Def, Origin)) {
    let key = |d: &(Def, Origin)| (d.1.file, d.1.offset);
    if key(&a) <= key(&b) { (a, b) } else { (b, a) }
}

fn article(word: &str) -> &'static str {
    match word.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}
