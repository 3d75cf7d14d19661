//! The canonical form of a fact set: which records, in which order, with
//! which fields, each value in which form.
//!
//! - Records: sources, actors, places, events, relations, each kind in
//!   reading order (the order of the files, then of the records in each).
//!   Reading order keeps a curator's arrangement and makes a second pass
//!   change nothing.
//! - Fields: in the order of the README's table of records; absent optional
//!   fields and empty lists are left out.
//! - `sources` entries: a bare id when there is no quote, else `{ id, quote }`
//!   (validation refuses an empty or blank quote, so there is none to
//!   write); `actors` of an event likewise with `role`.
//! - Dates: canonical EDTF. Counts: an exact count as an integer, the
//!   others as written in the format (`"~100"`, `"140+"`, `"10-20"`).
//! - Attributes: in the order written; a key given twice is written once,
//!   where it was last given, with its last value (as the timeline export
//!   does), since TOML cannot hold the same key twice.
//!
//! This module decides the form only; the encodings render it.

use std::borrow::Cow;

use hashbrown::HashMap;

use super::{Record, Val};
use crate::load::RecordShape;
use crate::model::{Actor, Attr, Cite, Count, Event, Facts, Place, Relation, Source, Sym};

/// The record types in canonical order.
pub const SHAPES: [RecordShape; 5] = RecordShape::ALL;

/// Every record of the fact set in canonical order.
pub fn records(facts: &Facts) -> impl Iterator<Item = Record<'_>> {
    SHAPES.into_iter().flat_map(|shape| of_shape(facts, shape))
}

/// The records of one type, in reading order.
pub fn of_shape(facts: &Facts, shape: RecordShape) -> Box<dyn Iterator<Item = Record<'_>> + '_> {
    match shape {
        RecordShape::Source => Box::new(facts.sources.iter().map(|s| source(facts, s))),
        RecordShape::Actor => Box::new(facts.actors.iter().map(|a| actor(facts, a))),
        RecordShape::Place => Box::new(facts.places.iter().map(|p| place(facts, p))),
        RecordShape::Event => Box::new(facts.events.iter().map(|e| event(facts, e))),
        RecordShape::Relation => Box::new(facts.relations.iter().map(|r| relation(facts, r))),
    }
}

/// How many records of one type there are.
pub fn count_of(facts: &Facts, shape: RecordShape) -> usize {
    match shape {
        RecordShape::Source => facts.sources.len(),
        RecordShape::Actor => facts.actors.len(),
        RecordShape::Place => facts.places.len(),
        RecordShape::Event => facts.events.len(),
        RecordShape::Relation => facts.relations.len(),
    }
}

/// Fields being gathered for one record.
struct Fields<'f> {
    facts: &'f Facts,
    list: Vec<(&'static str, Val<'f>)>,
}

impl<'f> Fields<'f> {
    fn new(facts: &'f Facts, capacity: usize) -> Fields<'f> {
        Fields {
            facts,
            list: Vec::with_capacity(capacity),
        }
    }

    fn val(&mut self, name: &'static str, value: Val<'f>) {
        self.list.push((name, value));
    }

    fn opt(&mut self, name: &'static str, value: Option<Val<'f>>) {
        if let Some(v) = value {
            self.val(name, v);
        }
    }

    fn str(&mut self, name: &'static str, sym: Sym) {
        let text = self.facts.str(sym);
        self.val(name, Val::Str(Cow::Borrowed(text)));
    }

    fn opt_str(&mut self, name: &'static str, sym: Option<Sym>) {
        if let Some(sym) = sym {
            self.str(name, sym);
        }
    }

    /// A list, left out when empty.
    fn list(&mut self, name: &'static str, items: Vec<Val<'f>>) {
        if !items.is_empty() {
            self.val(name, Val::List(items));
        }
    }

    fn cites(&mut self, cites: &[Cite]) {
        let facts = self.facts;
        let items = cites
            .iter()
            .filter_map(|c| {
                let id = facts.str(facts.source(c.source)?.id);
                Some(id_with(facts, id, "quote", c.quote))
            })
            .collect();
        self.list("sources", items);
    }

    fn aliases(&mut self, aliases: &[Sym]) {
        let facts = self.facts;
        let items = aliases.iter().map(|a| text(facts, *a)).collect();
        self.list("aliases", items);
    }

    fn done(self, shape: RecordShape) -> Record<'f> {
        Record {
            shape,
            fields: self.list,
        }
    }
}

fn text(facts: &Facts, sym: Sym) -> Val<'_> {
    Val::Str(Cow::Borrowed(facts.str(sym)))
}

/// A bare id, or `{ id, <extra> }` when the extra text is there.
fn id_with<'f>(facts: &'f Facts, id: &'f str, extra: &'f str, with: Option<Sym>) -> Val<'f> {
    let id = Val::Str(Cow::Borrowed(id));
    match with {
        None => id,
        Some(sym) => Val::Table(vec![("id", id), (extra, text(facts, sym))]),
    }
}

/// An exact count as an integer, the others as written.
fn count<'f>(c: Count) -> Val<'f> {
    match c {
        Count::Exact(n) => Val::Int(i64::from(n)),
        other => Val::Str(other.to_string().into()),
    }
}

fn source<'f>(facts: &'f Facts, s: &'f Source) -> Record<'f> {
    let mut f = Fields::new(facts, 8);
    f.str("id", s.id);
    f.str("title", s.title);
    f.opt_str("publisher", s.publisher);
    f.opt_str("url", s.url);
    f.opt("published", s.published.as_ref().map(edtf));
    let reliability = s.reliability.map(|r| Val::Str(r.letter().into()));
    f.opt("reliability", reliability);
    f.opt("credibility", s.credibility.map(|c| Val::Int(i64::from(c))));
    f.opt_str("note", s.note);
    f.done(RecordShape::Source)
}

fn edtf<'f>(date: &crate::edtf::Edtf) -> Val<'f> {
    Val::Str(Cow::Owned(date.to_string()))
}

fn actor<'f>(facts: &'f Facts, a: &'f Actor) -> Record<'f> {
    let mut f = Fields::new(facts, 6);
    f.str("id", a.id);
    f.str("name", a.name);
    f.opt_str("kind", a.kind);
    f.aliases(&a.aliases);
    f.opt_str("note", a.note);
    f.cites(&a.sources);
    f.done(RecordShape::Actor)
}

fn place<'f>(facts: &'f Facts, p: &'f Place) -> Record<'f> {
    let mut f = Fields::new(facts, 9);
    f.str("id", p.id);
    f.str("name", p.name);
    f.opt_str("kind", p.kind);
    f.opt_str("in", p.within.and_then(|w| facts.place(w)).map(|w| w.id));
    f.aliases(&p.aliases);
    if let Some(c) = p.coords {
        f.val("lat", Val::Float(c.lat));
        f.val("lon", Val::Float(c.lon));
    }
    f.opt_str("note", p.note);
    f.cites(&p.sources);
    f.done(RecordShape::Place)
}

fn event<'f>(facts: &'f Facts, e: &'f Event) -> Record<'f> {
    let mut f = Fields::new(facts, 11);
    f.str("id", e.id);
    f.str("title", e.title);
    f.val("date", edtf(&e.date));
    f.opt_str("kind", e.kind);
    f.opt_str("place", e.place.and_then(|p| facts.place(p)).map(|p| p.id));
    let actors = e
        .actors
        .iter()
        .filter_map(|part| {
            let id = facts.str(facts.actor(part.actor)?.id);
            Some(id_with(facts, id, "role", part.role))
        })
        .collect();
    f.list("actors", actors);
    f.opt("killed", e.killed.map(count));
    f.opt("injured", e.injured.map(count));
    f.opt_str("summary", e.summary);
    let attributes = attributes(facts, &e.attributes);
    if !attributes.is_empty() {
        f.val("attributes", Val::Table(attributes));
    }
    f.cites(&e.sources);
    f.done(RecordShape::Event)
}

fn relation<'f>(facts: &'f Facts, r: &'f Relation) -> Record<'f> {
    let mut f = Fields::new(facts, 7);
    f.opt_str("id", r.id);
    f.str("kind", r.kind);
    f.val("from", Val::Str(facts.id_of(r.from).into()));
    f.val("to", Val::Str(facts.id_of(r.to).into()));
    f.opt("date", r.date.as_ref().map(edtf));
    f.opt_str("note", r.note);
    f.cites(&r.sources);
    f.done(RecordShape::Relation)
}

/// Attributes in the order written, each key once, where it was last given,
/// with its last value.
fn attributes<'f>(facts: &'f Facts, attrs: &'f [(Sym, Attr)]) -> Vec<(&'f str, Val<'f>)> {
    // A few attributes are searched in place; many through a table.
    let indexed = attrs.len() > 8;
    let last: HashMap<Sym, usize> = if indexed {
        attrs
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (*k, i))
            .collect()
    } else {
        HashMap::new()
    };
    let is_last = |i: usize, key: &Sym| {
        if indexed {
            last.get(key) == Some(&i)
        } else {
            let later = attrs.get(i + 1..).unwrap_or_default();
            !later.iter().any(|(k, _)| k == key)
        }
    };
    attrs
        .iter()
        .enumerate()
        .filter(|(i, (key, _))| is_last(*i, key))
        .map(|(_, (key, value))| {
            let value = match value {
                Attr::Str(s) => text(facts, *s),
                Attr::Int(n) => Val::Int(*n),
                Attr::Float(x) => Val::Float(*x),
                Attr::Bool(b) => Val::Bool(*b),
            };
            (facts.str(*key), value)
        })
        .collect()
}
