//! Decoding each record type from its raw fields into a pending record.
//!
//! One function a record type, each reading its fields through
//! [`Fields`] and the value decoders of [`values`]
//! (dates, counts, coordinates, citations). Every problem of a record is reported; a
//! record with any error is not kept, but its id is remembered so that
//! references to it do not cause a second, misleading error. References stay
//! unresolved here: that needs every file read (`resolve`).

mod values;

use super::fields::Fields;
use super::{BrokenRef, Pending as Store, RefTarget};
use crate::diag::{Diagnostics, Origin, PathSeg};
use crate::load::{RawRecord, RecordShape};
use crate::model::{Actor, Event, Pending, Place, PlaceRef, Relation, Source, Sym};

const SOURCE: &[&str] = &[
    "id",
    "title",
    "publisher",
    "url",
    "published",
    "reliability",
    "credibility",
    "note",
];
const ACTOR: &[&str] = &["id", "name", "kind", "aliases", "note", "sources"];
const PLACE: &[&str] = &[
    "id", "name", "kind", "in", "aliases", "lat", "lon", "note", "sources",
];
const EVENT: &[&str] = &[
    "id",
    "title",
    "date",
    "kind",
    "place",
    "actors",
    "killed",
    "injured",
    "summary",
    "attributes",
    "sources",
];
const RELATION: &[&str] = &["id", "kind", "from", "to", "date", "note", "sources"];

/// The fields a record type knows, in the order the format lists them.
pub fn fields_of(shape: RecordShape) -> &'static [&'static str] {
    match shape {
        RecordShape::Source => SOURCE,
        RecordShape::Actor => ACTOR,
        RecordShape::Place => PLACE,
        RecordShape::Event => EVENT,
        RecordShape::Relation => RELATION,
    }
}

/// Decodes one raw record into the store.
pub fn record(rec: RawRecord<'_, '_>, store: &mut Store, diags: &mut Diagnostics) {
    let names = fields_of(rec.shape);
    let Some(mut f) = Fields::new(&rec, names, diags) else {
        return;
    };
    let origin = rec.src.origin(rec.node.span);
    let id = match rec.shape {
        RecordShape::Relation => f.opt_id("id", diags),
        _ => f.req_id("id", diags),
    };
    let id = id.map(|(s, _)| store.strings.intern(s));
    let mut d = Decoder {
        f: &mut f,
        origin,
        refs: Vec::new(),
        store,
        diags,
    };
    match rec.shape {
        RecordShape::Source => d.source(id, origin),
        RecordShape::Actor => d.actor(id, origin),
        RecordShape::Place => d.place(id, origin),
        RecordShape::Event => d.event(id, origin),
        RecordShape::Relation => d.relation(id, origin),
    }
}

struct Decoder<'d, 'r, 'a> {
    f: &'d mut Fields<'r, 'a>,
    origin: Origin,
    /// Every reference read so far, checked later even if the record is dropped.
    refs: Vec<BrokenRef>,
    store: &'d mut Store,
    diags: &'d mut Diagnostics,
}

impl Decoder<'_, '_, '_> {
    /// Keeps a record if it had no error; else remembers its id only.
    fn keep<T>(&mut self, id: Option<Sym>, record: Option<T>, push: impl FnOnce(&mut Store, T)) {
        match (self.f.ok, record) {
            (true, Some(r)) => push(self.store, r),
            _ => {
                if let Some(id) = id {
                    self.store.broken.push((id, self.origin, self.f.record));
                }
                self.store.broken_refs.append(&mut self.refs);
            }
        }
    }

    fn text(&mut self, name: &str, unique: bool) -> Option<Sym> {
        let (s, _) = self.f.opt_str(name, self.diags)?;
        Some(if unique {
            self.store.strings.push(s)
        } else {
            self.store.strings.intern(s)
        })
    }

    fn req_text(&mut self, name: &str, unique: bool) -> Option<Sym> {
        let (s, _) = self.f.req_str(name, self.diags)?;
        Some(if unique {
            self.store.strings.push(s)
        } else {
            self.store.strings.intern(s)
        })
    }

    fn source(&mut self, id: Option<Sym>, origin: Origin) {
        let title = self.req_text("title", true);
        let publisher = self.text("publisher", false);
        let url = self.text("url", true);
        let published = self.opt_date("published");
        let reliability = self.reliability();
        let credibility = self.credibility();
        let note = self.text("note", true);
        let record = id.zip(title).map(|(id, title)| Source {
            id,
            title,
            publisher,
            url,
            published,
            reliability,
            credibility,
            note,
            origin,
        });
        self.keep(id, record, |s, r| s.sources.push(r));
    }

    fn actor(&mut self, id: Option<Sym>, origin: Origin) {
        let name = self.req_text("name", false);
        let kind = self.text("kind", false);
        let aliases = self.aliases();
        let note = self.text("note", true);
        let sources = self.cites();
        let record = id.zip(name).map(|(id, name)| Actor {
            id,
            name,
            kind,
            aliases,
            note,
            sources: sources.into(),
            origin,
        });
        self.keep(id, record, |s, r| s.actors.push(r));
    }

    fn place(&mut self, id: Option<Sym>, origin: Origin) {
        let name = self.req_text("name", false);
        let kind = self.text("kind", false);
        let within = self.reference("in", RefTarget::Place).map(PlaceRef::new);
        let aliases = self.aliases();
        let coords = self.coords();
        let note = self.text("note", true);
        let sources = self.cites();
        let record = id.zip(name).map(|(id, name)| Place {
            id,
            name,
            kind,
            within,
            aliases,
            coords,
            note,
            sources: sources.into(),
            origin,
        });
        self.keep(id, record, |s, r| s.places.push(r));
    }

    fn event(&mut self, id: Option<Sym>, origin: Origin) {
        let title = self.req_text("title", true);
        let date = self.req_date("date");
        let kind = self.text("kind", false);
        let place = self.reference("place", RefTarget::Place).map(PlaceRef::new);
        let actors = self.participants();
        let killed = self.count("killed");
        let injured = self.count("injured");
        let summary = self.text("summary", true);
        let attributes = self.attributes();
        let sources = self.cites();
        let record = match (id, title, date) {
            (Some(id), Some(title), Some(date)) => Some(Event::<Pending> {
                id,
                title,
                date,
                kind,
                place,
                actors: actors.into(),
                killed,
                injured,
                summary,
                attributes: attributes.into(),
                sources: sources.into(),
                origin,
            }),
            _ => None,
        };
        self.keep(id, record, |s, r| s.events.push(r));
    }

    fn relation(&mut self, id: Option<Sym>, origin: Origin) {
        let kind = self.req_text("kind", false);
        let from = self.req_reference("from");
        let to = self.req_reference("to");
        let date = self.opt_date("date");
        let note = self.text("note", true);
        let sources = self.cites();
        let record = match (kind, from, to) {
            (Some(kind), Some(from), Some(to)) => Some(Relation::<Pending> {
                id,
                kind,
                from,
                to,
                date,
                note,
                sources: sources.into(),
                origin,
            }),
            _ => None,
        };
        self.keep(id, record, |s, r| s.relations.push(r));
    }

    pub(super) fn note_ref(&mut self, sym: Sym, target: RefTarget, path: Vec<PathSeg>) -> Sym {
        self.refs.push(BrokenRef {
            sym,
            target,
            origin: self.origin,
            path,
        });
        sym
    }

    fn reference(&mut self, name: &'static str, target: RefTarget) -> Option<Sym> {
        let (id, _) = self.f.opt_id(name, self.diags)?;
        let sym = self.store.strings.intern(id);
        Some(self.note_ref(sym, target, vec![PathSeg::Key(name)]))
    }

    fn req_reference(&mut self, name: &'static str) -> Option<Sym> {
        let (id, _) = self.f.req_id(name, self.diags)?;
        let sym = self.store.strings.intern(id);
        Some(self.note_ref(sym, RefTarget::Entity, vec![PathSeg::Key(name)]))
    }

    fn aliases(&mut self) -> Vec<Sym> {
        let list = self.f.opt_strings("aliases", self.diags);
        list.into_iter()
            .map(|(s, _)| self.store.strings.intern(s))
            .collect()
    }
}
