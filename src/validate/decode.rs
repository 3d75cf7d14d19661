//! Decoding each record type from its raw fields into a pending record.
//!
//! One function a record type, each reading its fields through
//! [`Fields`](super::fields::Fields) and the value decoders below (dates,
//! counts, coordinates, citations). Every problem of a record is reported; a
//! record with any error is not kept, but its id is remembered so that
//! references to it do not cause a second, misleading error. References stay
//! unresolved here: that needs every file read (`resolve`).

use super::fields::{Fields, first_char, inner};
use super::{BrokenRef, Pending as Store, RefTarget};
use crate::diag::{Code, Diagnostic, Diagnostics, Origin, PathSeg};
use crate::edtf::Edtf;
use crate::load::read::{RawRecord, RecordShape};
use crate::load::{Node, Span, Value};
use crate::model::{
    Actor, Attr, Cite, Coords, Count, Event, Participant, Pending, Place, PlaceRef, Relation,
    Reliability, Source, Sym,
};

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

/// Decodes one raw record into the store.
pub fn record(rec: RawRecord<'_, '_>, store: &mut Store, diags: &mut Diagnostics) {
    let names = match rec.shape {
        RecordShape::Source => SOURCE,
        RecordShape::Actor => ACTOR,
        RecordShape::Place => PLACE,
        RecordShape::Event => EVENT,
        RecordShape::Relation => RELATION,
    };
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
                    self.store.broken.push((id, self.origin));
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

    fn note_ref(&mut self, sym: Sym, target: RefTarget, path: Vec<PathSeg>) -> Sym {
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

    fn date_of(&mut self, text: &str, span: Span) -> Option<Edtf> {
        match crate::edtf::parse(text) {
            Ok(date) => Some(date),
            Err(e) => {
                let at = inner(self.f.src, span, text, e.offset, e.len);
                let msg = format!("invalid date `{text}`: {}", e.message);
                let d = Diagnostic::error(Code::InvalidDate, msg)
                    .at(self.f.loc(at))
                    .maybe_help(e.help.clone());
                self.f.error(self.diags, d);
                None
            }
        }
    }

    fn opt_date(&mut self, name: &str) -> Option<Edtf> {
        let (text, span) = self.f.opt_str(name, self.diags)?;
        self.date_of(text, span)
    }

    fn req_date(&mut self, name: &str) -> Option<Edtf> {
        let (text, span) = self.f.req_str(name, self.diags)?;
        self.date_of(text, span)
    }

    fn count(&mut self, name: &str) -> Option<Count> {
        let node = self.f.get(name)?;
        let result = match &node.value {
            Value::Int(n) if *n < 0 => Err((0, "a count cannot be negative".to_string())),
            Value::Int(n) => u32::try_from(*n)
                .map(Count::Exact)
                .map_err(|_| (0, "count is too large".to_string())),
            Value::Str(s) => Count::parse(s).map_err(|e| (e.offset, e.message)),
            _ => {
                self.f.wrong_type(
                    node,
                    "a count (an integer or a string like \"140+\")",
                    self.diags,
                );
                return None;
            }
        };
        match result {
            Ok(count) => Some(count),
            Err((offset, message)) => {
                let at = match &node.value {
                    Value::Str(s) => inner(self.f.src, node.span, s, offset, 1),
                    _ => node.span,
                };
                let d = Diagnostic::error(Code::InvalidCount, format!("invalid count: {message}"))
                    .at(self.f.loc(at))
                    .help(Count::forms());
                self.f.error(self.diags, d);
                None
            }
        }
    }

    fn number(&mut self, name: &str) -> Option<(f64, Span)> {
        let node = self.f.get(name)?;
        match node.value {
            Value::Int(n) => Some((n as f64, node.span)),
            Value::Float(x) => Some((x, node.span)),
            _ => {
                self.f.wrong_type(node, "a number", self.diags);
                None
            }
        }
    }

    fn coords(&mut self) -> Option<Coords> {
        let lat = self.number("lat");
        let lon = self.number("lon");
        let bad = |d: &mut Self, span: Span, msg: String, help: &str| {
            let diag = Diagnostic::error(Code::InvalidCoordinates, msg)
                .at(d.f.loc(span))
                .help(help);
            d.f.error(d.diags, diag);
        };
        match (lat, lon) {
            (Some((lat, ls)), Some((lon, os))) => {
                if !(-90.0..=90.0).contains(&lat) {
                    bad(
                        self,
                        ls,
                        format!("latitude {lat} is out of range"),
                        "latitude is between -90 and 90 degrees",
                    );
                }
                if !(-180.0..=180.0).contains(&lon) {
                    bad(
                        self,
                        os,
                        format!("longitude {lon} is out of range"),
                        "longitude is between -180 and 180 degrees",
                    );
                }
                self.f.ok.then_some(Coords { lat, lon })
            }
            (Some((_, span)), None) => {
                bad(
                    self,
                    span,
                    "`lat` without `lon`".into(),
                    "give both `lat` and `lon`, or neither",
                );
                None
            }
            (None, Some((_, span))) => {
                bad(
                    self,
                    span,
                    "`lon` without `lat`".into(),
                    "give both `lat` and `lon`, or neither",
                );
                None
            }
            (None, None) => None,
        }
    }

    fn reliability(&mut self) -> Option<Reliability> {
        let (text, span) = self.f.opt_str("reliability", self.diags)?;
        let found = Reliability::parse(text.trim())
            .or_else(|| Reliability::parse(&text.trim().to_uppercase()));
        if found.is_none() {
            let msg = format!("reliability `{text}` is not a letter from A to F");
            let help = "Admiralty scale: A completely reliable … E unreliable, F cannot be judged";
            let d = Diagnostic::error(Code::InvalidReliability, msg)
                .at(self.f.loc(span))
                .help(help);
            self.f.error(self.diags, d);
        }
        found
    }

    fn credibility(&mut self) -> Option<u8> {
        let node = self.f.get("credibility")?;
        match node.value {
            Value::Int(n @ 1..=6) => u8::try_from(n).ok(),
            _ => {
                let msg = "credibility must be an integer from 1 to 6";
                let help = "Admiralty scale: 1 confirmed … 5 improbable, 6 cannot be judged";
                let d = Diagnostic::error(Code::InvalidCredibility, msg)
                    .at(self.f.loc(node.span))
                    .help(help);
                self.f.error(self.diags, d);
                None
            }
        }
    }

    /// `sources`: a list of ids or of `{ id, quote }` tables.
    fn cites(&mut self) -> Vec<Cite<Pending>> {
        let items = self.f.opt_list("sources", self.diags);
        items
            .iter()
            .filter_map(|item| self.id_or_table(item, "quote", "sources"))
            .map(|(source, quote)| Cite { source, quote })
            .collect()
    }

    /// `actors`: a list of ids or of `{ id, role }` tables.
    fn participants(&mut self) -> Vec<Participant<Pending>> {
        let items = self.f.opt_list("actors", self.diags);
        let list = items
            .iter()
            .filter_map(|item| self.id_or_table(item, "role", "actors"));
        list.map(|(actor, role)| Participant { actor, role })
            .collect::<Vec<_>>()
    }

    /// A bare id, or a table with `id` and one optional text field.
    fn id_or_table(
        &mut self,
        item: &Node<'_>,
        extra: &'static str,
        list: &str,
    ) -> Option<(Sym, Option<Sym>)> {
        match &item.value {
            Value::Str(s) => self
                .f
                .check_id(s, item.span, self.diags)
                .then(|| (self.store.strings.intern(s), None)),
            Value::Table(entries) => {
                let mut id = None;
                let mut text = None;
                for e in entries {
                    match (e.key.as_ref(), &e.value.value) {
                        ("id", Value::Str(s)) if self.f.check_id(s, e.value.span, self.diags) => {
                            id = Some(self.store.strings.intern(s))
                        }
                        ("id", Value::Str(_)) => {}
                        (k, Value::Str(s)) if k == extra => {
                            text = Some(if extra == "quote" {
                                self.store.strings.push(s)
                            } else {
                                self.store.strings.intern(s)
                            })
                        }
                        ("id", _) => self.f.wrong_type(&e.value, "a string", self.diags),
                        (k, _) if k == extra => self.f.wrong_type(&e.value, "a string", self.diags),
                        (k, _) => {
                            let msg = format!("unknown field `{k}` in an entry of `{list}`");
                            let help = crate::suggest::did_you_mean(k, ["id", extra].into_iter())
                                .unwrap_or_else(|| {
                                    format!("an entry of `{list}` has `id` and `{extra}`")
                                });
                            let d = Diagnostic::error(Code::UnknownField, msg)
                                .at(self.f.loc(e.key_span))
                                .help(help);
                            self.f.error(self.diags, d);
                        }
                    }
                }
                if id.is_none() && !entries.iter().any(|e| e.key == "id") {
                    let msg = format!("an entry of `{list}` has no `id`");
                    let d = Diagnostic::error(Code::MissingField, msg)
                        .at(self.f.loc(first_char(item.span)));
                    self.f.error(self.diags, d);
                }
                id.map(|id| (id, text))
            }
            _ => {
                self.f.wrong_type(
                    item,
                    &format!("an id or a table with `id` and `{extra}`"),
                    self.diags,
                );
                None
            }
        }
    }

    fn attributes(&mut self) -> Vec<(Sym, Attr)> {
        let Some(node) = self.f.get("attributes") else {
            return vec![];
        };
        let Value::Table(entries) = &node.value else {
            self.f.wrong_type(node, "a table", self.diags);
            return vec![];
        };
        let mut out = Vec::with_capacity(entries.len());
        for e in entries {
            let value = match &e.value.value {
                Value::Str(s) => Attr::Str(self.store.strings.intern(s)),
                Value::Int(n) => Attr::Int(*n),
                Value::Float(x) => Attr::Float(*x),
                Value::Bool(b) => Attr::Bool(*b),
                _ => {
                    self.f
                        .wrong_type(&e.value, "a string, number or boolean", self.diags);
                    continue;
                }
            };
            out.push((self.store.strings.intern(&e.key), value));
        }
        out
    }
}
