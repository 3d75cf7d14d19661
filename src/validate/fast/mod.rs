//! The fast decoder of JSON Lines records: fields read straight into records.
//!
//! Most lines of a large extracted file are valid, and the span tree the
//! diagnostic decoder needs costs more than the parse itself. This decoder
//! reads a line's fields as borrowed text (with a scanner for lines of the
//! common shape, module `scan`, and serde_json for any other), checks every
//! rule the diagnostic decoder checks, and stores the record only when all
//! pass. On anything it does not accept it returns `false` without touching
//! the records, and the line goes to the diagnostic decoder, which reports
//! the problems with their places. The two must accept exactly the same
//! records (a test holds them to it). Plain TOML sections are read into the
//! same fields by module `plain_toml`, whole batches at a time; module
//! `keys` holds what the two readers share.

#[cfg(any(test, fuzzing))]
pub mod agree;
mod de;
mod keys;
pub mod plain_toml;
mod scan;
#[cfg(test)]
mod tests;

use de::{AttrVal, Attrs, CountVal, Extra, Flat, IdWith, Str, Val};

use super::Pending;
use crate::diag::Origin;
use crate::edtf::Edtf;
use crate::load::FileId;
use crate::load::RecordShape;
use crate::model::{
    Actor, Attr, Cite, Coords, Count, Event, Participant, Place, Relation, Reliability, Source, Sym,
};
use crate::model::{List, Pending as P, PlaceRef};

/// Decodes one line into the store if it is a valid record; `false` (and
/// nothing stored) otherwise.
pub fn line(text: &str, file: FileId, offset: u64, store: &mut Pending) -> bool {
    record(text, None, file, offset, store)
}

/// Decodes one record into the store if it is valid: a record tagged with
/// its `type` (`shape` none, as in JSON Lines), or one of a document's list
/// of `shape` records, which has no `type`. `false` (and nothing stored)
/// otherwise.
pub fn record(
    text: &str,
    shape: Option<RecordShape>,
    file: FileId,
    offset: u64,
    store: &mut Pending,
) -> bool {
    let Some(lead) = text
        .bytes()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
    else {
        return shape.is_none();
    };
    // Read in place: the fields of every record type are a large value.
    let mut flat = Flat::default();
    if scan::fill(text, &mut flat).is_none() {
        match serde_json::from_str::<Flat<'_>>(text) {
            Ok(read) => flat = read,
            Err(_) => return false,
        }
    }
    let origin = Origin {
        file,
        offset: offset + lead as u64,
    };
    decode(&flat, shape, origin, store)
}

/// Decodes the fields read of one record into the store if they make a
/// valid record: of its `type` (`shape` none), or of `shape` when it has no
/// `type`. `false` (and nothing stored) otherwise.
fn decode(
    flat: &Flat<'_>,
    shape: Option<RecordShape>,
    origin: Origin,
    store: &mut Pending,
) -> bool {
    let shape = match (shape, &flat.tag.0) {
        (None, Some(tag)) => RecordShape::from_tag(tag),
        (Some(shape), None) => Some(shape),
        _ => None,
    };
    let mut d = Fast { s: store, origin };
    match shape {
        Some(RecordShape::Source) => d.source(flat),
        Some(RecordShape::Actor) => d.actor(flat),
        Some(RecordShape::Place) => d.place(flat),
        Some(RecordShape::Event) => d.event(flat),
        Some(RecordShape::Relation) => d.relation(flat),
        None => false,
    }
}

/// A text field: absent, or a string that is not blank.
fn text<'a>(v: &'a Val<Str<'_>>) -> Result<Option<&'a str>, ()> {
    match &v.0 {
        None => Ok(None),
        Some(s) if blank(s) => Err(()),
        Some(s) => Ok(Some(s.as_ref())),
    }
}

/// Empty or all white space; settled at the first other character, where
/// `trim` would scan from both ends, and by the first byte when it is ASCII
/// and not white space, as it nearly always is.
fn blank(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        Some(&b) if b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ') => false,
        Some(_) => s.chars().all(char::is_whitespace),
    }
}

/// Not empty and without white space (so not blank either).
fn valid_id(s: &str) -> bool {
    !s.is_empty() && !has_space(s)
}

/// Whether `s` holds white space. Printable ASCII, which ids nearly always
/// are, is settled eight bytes at a time; anything else is checked a
/// character at a time.
fn has_space(s: &str) -> bool {
    !crate::swar::printable(s.as_bytes()) && s.chars().any(char::is_whitespace)
}

fn id_field<'a>(v: &'a Val<Str<'_>>) -> Result<Option<&'a str>, ()> {
    match text(v)? {
        Some(s) if !valid_id(s) => Err(()),
        other => Ok(other),
    }
}

fn date(v: &Val<Str<'_>>) -> Result<Option<Edtf>, ()> {
    match text(v)? {
        Some(s) => crate::edtf::parse(s).map(Some).map_err(|_| ()),
        None => Ok(None),
    }
}

fn count(v: &Val<CountVal<'_>>) -> Result<Option<Count>, ()> {
    match &v.0 {
        None => Ok(None),
        Some(CountVal::Int(n)) => u32::try_from(*n)
            .map(|n| Some(Count::Exact(n)))
            .map_err(|_| ()),
        Some(CountVal::Text(s)) => Count::parse(s).map(Some).map_err(|_| ()),
    }
}

struct Fast<'s> {
    s: &'s mut Pending,
    origin: Origin,
}

impl Fast<'_> {
    fn intern(&mut self, s: Option<&str>) -> Option<Sym> {
        s.map(|s| self.s.strings.intern(s))
    }

    fn push(&mut self, s: Option<&str>) -> Option<Sym> {
        s.map(|s| self.s.strings.push(s))
    }

    /// A list of bare ids or `{ id, <extra> }` entries, each made into an
    /// item by `make`.
    fn refs<T>(
        &mut self,
        v: &Val<List<IdWith<'_>>>,
        extra: Extra,
        make: impl Fn(Sym, Option<Sym>) -> T,
    ) -> Result<List<T>, ()> {
        let Some(list) = &v.0 else {
            return Ok(List::new());
        };
        if list.iter().any(|e| {
            !valid_id(&e.id)
                || e.extra
                    .as_ref()
                    .is_some_and(|(k, t)| *k != extra || blank(t))
        }) {
            return Err(());
        }
        Ok(list
            .iter()
            .map(|e| {
                let id = self.s.strings.intern(&e.id);
                let text = e.extra.as_ref().map(|(_, t)| match extra {
                    Extra::Quote => self.s.strings.push(t),
                    Extra::Role => self.s.strings.intern(t),
                });
                make(id, text)
            })
            .collect())
    }

    fn cites(&mut self, v: &Val<List<IdWith<'_>>>) -> Result<List<Cite<P>>, ()> {
        self.refs(v, Extra::Quote, |source, quote| Cite { source, quote })
    }

    fn aliases(&mut self, v: &Val<Vec<Str<'_>>>) -> Result<Vec<Sym>, ()> {
        let Some(list) = &v.0 else {
            return Ok(Vec::new());
        };
        if list.iter().any(|a| blank(a)) {
            return Err(());
        }
        Ok(list.iter().map(|a| self.s.strings.intern(a)).collect())
    }

    fn source(&mut self, f: &Flat<'_>) -> bool {
        self.try_source(f).is_ok()
    }

    fn try_source(&mut self, f: &Flat<'_>) -> Result<(), ()> {
        if !f.only(RecordShape::Source) {
            return Err(());
        }
        let (id, title) = (id_field(&f.id)?.ok_or(())?, text(&f.title)?.ok_or(())?);
        let (publisher, url, note) = (text(&f.publisher)?, text(&f.url)?, text(&f.note)?);
        let published = date(&f.published)?;
        let reliability = match text(&f.reliability)? {
            Some(r) => Some(
                Reliability::parse(r.trim())
                    .or_else(|| Reliability::parse(&r.trim().to_uppercase()))
                    .ok_or(())?,
            ),
            None => None,
        };
        let credibility = match f.credibility.0 {
            Some(n @ 1..=6) => Some(u8::try_from(n).map_err(|_| ())?),
            Some(_) => return Err(()),
            None => None,
        };
        let record = Source {
            id: self.s.strings.intern(id),
            title: self.s.strings.push(title),
            publisher: self.intern(publisher),
            url: self.push(url),
            published,
            reliability,
            credibility,
            note: self.push(note),
            origin: self.origin,
        };
        self.s.sources.push(record);
        Ok(())
    }

    fn actor(&mut self, f: &Flat<'_>) -> bool {
        self.try_actor(f).is_ok()
    }

    fn try_actor(&mut self, f: &Flat<'_>) -> Result<(), ()> {
        if !f.only(RecordShape::Actor) {
            return Err(());
        }
        let (id, name) = (id_field(&f.id)?.ok_or(())?, text(&f.name)?.ok_or(())?);
        let (kind, note) = (text(&f.kind)?, text(&f.note)?);
        let aliases = self.aliases(&f.aliases)?;
        let sources = self.cites(&f.sources)?;
        let record = Actor::<P> {
            id: self.s.strings.intern(id),
            name: self.s.strings.intern(name),
            kind: self.intern(kind),
            aliases,
            note: self.push(note),
            sources,
            origin: self.origin,
        };
        self.s.actors.push(record);
        Ok(())
    }

    fn place(&mut self, f: &Flat<'_>) -> bool {
        self.try_place(f).is_ok()
    }

    fn try_place(&mut self, f: &Flat<'_>) -> Result<(), ()> {
        if !f.only(RecordShape::Place) {
            return Err(());
        }
        let (id, name) = (id_field(&f.id)?.ok_or(())?, text(&f.name)?.ok_or(())?);
        let (kind, within, note) = (text(&f.kind)?, id_field(&f.within)?, text(&f.note)?);
        let coords = match (f.lat.0, f.lon.0) {
            (Some(lat), Some(lon))
                if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
            {
                Some(Coords { lat, lon })
            }
            (None, None) => None,
            _ => return Err(()),
        };
        let aliases = self.aliases(&f.aliases)?;
        let sources = self.cites(&f.sources)?;
        let record = Place::<P> {
            id: self.s.strings.intern(id),
            name: self.s.strings.intern(name),
            kind: self.intern(kind),
            within: self.intern(within).map(PlaceRef::new),
            aliases,
            coords,
            note: self.push(note),
            sources,
            origin: self.origin,
        };
        self.s.places.push(record);
        Ok(())
    }

    fn event(&mut self, f: &Flat<'_>) -> bool {
        self.try_event(f).is_ok()
    }

    fn try_event(&mut self, f: &Flat<'_>) -> Result<(), ()> {
        if !f.only(RecordShape::Event) {
            return Err(());
        }
        let (id, title) = (id_field(&f.id)?.ok_or(())?, text(&f.title)?.ok_or(())?);
        let date = date(&f.date)?.ok_or(())?;
        let (kind, place, summary) = (text(&f.kind)?, id_field(&f.place)?, text(&f.summary)?);
        let (killed, injured) = (count(&f.killed)?, count(&f.injured)?);
        let actors = self.refs(&f.actors, Extra::Role, |actor, role| Participant {
            actor,
            role,
        })?;
        let sources = self.cites(&f.sources)?;
        let attributes = match &f.attributes.0 {
            Some(Attrs(list)) => list
                .iter()
                .map(|(k, v)| {
                    let value = match v {
                        AttrVal::Str(s) => Attr::Str(self.s.strings.intern(s)),
                        AttrVal::Int(n) => Attr::Int(*n),
                        AttrVal::Float(x) => Attr::Float(*x),
                        AttrVal::Bool(b) => Attr::Bool(*b),
                    };
                    (self.s.strings.intern(k), value)
                })
                .collect(),
            None => Vec::new(),
        };
        let record = Event::<P> {
            id: self.s.strings.intern(id),
            title: self.s.strings.push(title),
            date,
            kind: self.intern(kind),
            place: self.intern(place).map(PlaceRef::new),
            actors,
            killed,
            injured,
            summary: self.push(summary),
            attributes: attributes.into(),
            sources,
            origin: self.origin,
        };
        self.s.events.push(record);
        Ok(())
    }

    fn relation(&mut self, f: &Flat<'_>) -> bool {
        self.try_relation(f).is_ok()
    }

    fn try_relation(&mut self, f: &Flat<'_>) -> Result<(), ()> {
        if !f.only(RecordShape::Relation) {
            return Err(());
        }
        let id = id_field(&f.id)?;
        let kind = text(&f.kind)?.ok_or(())?;
        let (from, to) = (id_field(&f.from)?.ok_or(())?, id_field(&f.to)?.ok_or(())?);
        let (date, note) = (date(&f.date)?, text(&f.note)?);
        let sources = self.cites(&f.sources)?;
        let record = Relation::<P> {
            id: self.intern(id),
            kind: self.s.strings.intern(kind),
            from: self.s.strings.intern(from),
            to: self.s.strings.intern(to),
            date,
            note: self.push(note),
            sources,
            origin: self.origin,
        };
        self.s.relations.push(record);
        Ok(())
    }
}
