//! The fast decoder of JSON Lines records: serde straight into records.
//!
//! Most lines of a large extracted file are valid, and the span tree the
//! diagnostic decoder needs costs more than the parse itself. This decoder
//! deserialises a line with serde_json into borrowed fields, checks every
//! rule the diagnostic decoder checks, and stores the record only when all
//! pass. On anything it does not accept it returns `false` without touching
//! the records, and the line goes to the diagnostic decoder, which reports
//! the problems with their places. The two must accept exactly the same
//! records (a test holds them to it).

use std::borrow::Cow;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::Pending;
use crate::diag::Origin;
use crate::edtf::Edtf;
use crate::load::FileId;
use crate::model::{
    Actor, Attr, Cite, Coords, Count, Event, Participant, Place, Relation, Reliability, Source, Sym,
};
use crate::model::{Pending as P, PlaceRef};

/// A field that must not be `null` when present.
#[derive(Debug)]
struct Val<T>(Option<T>);

impl<T> Default for Val<T> {
    fn default() -> Self {
        Val(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Val<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(|v| Val(Some(v)))
    }
}

/// A string borrowed from the line when it holds no escapes. (serde's own
/// `Cow<str>` always allocates, except as a direct `#[serde(borrow)]` field.)
#[derive(Debug)]
struct Str<'a>(Cow<'a, str>);

impl std::ops::Deref for Str<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(s.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

/// Every field of every record type; which belong to the type is checked after.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields, bound(deserialize = "'de: 'a"))]
struct Flat<'a> {
    #[serde(rename = "type")]
    tag: Str<'a>,
    #[serde(default)]
    id: Val<Str<'a>>,
    #[serde(default)]
    title: Val<Str<'a>>,
    #[serde(default)]
    name: Val<Str<'a>>,
    #[serde(default)]
    kind: Val<Str<'a>>,
    #[serde(default)]
    publisher: Val<Str<'a>>,
    #[serde(default)]
    url: Val<Str<'a>>,
    #[serde(default)]
    published: Val<Str<'a>>,
    #[serde(default)]
    reliability: Val<Str<'a>>,
    #[serde(default)]
    credibility: Val<i64>,
    #[serde(default)]
    note: Val<Str<'a>>,
    #[serde(default)]
    aliases: Val<Vec<Str<'a>>>,
    #[serde(default)]
    sources: Val<Vec<IdWith<'a>>>,
    #[serde(default, rename = "in")]
    within: Val<Str<'a>>,
    #[serde(default)]
    lat: Val<f64>,
    #[serde(default)]
    lon: Val<f64>,
    #[serde(default)]
    date: Val<Str<'a>>,
    #[serde(default)]
    place: Val<Str<'a>>,
    #[serde(default)]
    actors: Val<Vec<IdWith<'a>>>,
    #[serde(default)]
    killed: Val<CountVal<'a>>,
    #[serde(default)]
    injured: Val<CountVal<'a>>,
    #[serde(default)]
    summary: Val<Str<'a>>,
    #[serde(default)]
    attributes: Val<Attrs<'a>>,
    #[serde(default)]
    from: Val<Str<'a>>,
    #[serde(default)]
    to: Val<Str<'a>>,
}

/// A bare id, or `{ id, role }` / `{ id, quote }`.
#[derive(Debug)]
struct IdWith<'a> {
    id: Str<'a>,
    extra: Option<(Extra, Str<'a>)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Extra {
    Role,
    Quote,
}

impl<'de: 'a, 'a> Deserialize<'de> for IdWith<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = IdWith<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an id or a table")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(IdWith {
                    id: Str(Cow::Borrowed(s)),
                    extra: None,
                })
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(IdWith {
                    id: Str(Cow::Owned(s.to_owned())),
                    extra: None,
                })
            }
            fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<Self::Value, M::Error> {
                let (mut id, mut extra) = (None, None);
                while let Some(key) = m.next_key::<Str<'de>>()? {
                    match key.as_ref() {
                        "id" if id.is_none() => id = Some(m.next_value::<Str<'de>>()?),
                        "role" if extra.is_none() => {
                            extra = Some((Extra::Role, m.next_value::<Str<'de>>()?))
                        }
                        "quote" if extra.is_none() => {
                            extra = Some((Extra::Quote, m.next_value::<Str<'de>>()?))
                        }
                        _ => return Err(de::Error::custom("unexpected key")),
                    }
                }
                let id = id.ok_or_else(|| de::Error::custom("no id"))?;
                Ok(IdWith { id, extra })
            }
        }
        d.deserialize_any(V)
    }
}

/// A count as written: an integer or a string.
#[derive(Debug)]
enum CountVal<'a> {
    Int(i64),
    Text(Str<'a>),
}

impl<'de: 'a, 'a> Deserialize<'de> for CountVal<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CountVal<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a count")
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
                Ok(CountVal::Int(n))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
                i64::try_from(n)
                    .map(CountVal::Int)
                    .map_err(|_| E::custom("too large"))
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(CountVal::Text(Str(Cow::Borrowed(s))))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(CountVal::Text(Str(Cow::Owned(s.to_owned()))))
            }
        }
        d.deserialize_any(V)
    }
}

/// Attribute values: strings, numbers, booleans.
#[derive(Debug)]
struct Attrs<'a>(Vec<(Str<'a>, AttrVal<'a>)>);

#[derive(Debug)]
enum AttrVal<'a> {
    Str(Str<'a>),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl<'de: 'a, 'a> Deserialize<'de> for AttrVal<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AttrVal<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string, number or boolean")
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Self::Value, E> {
                Ok(AttrVal::Bool(b))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
                Ok(AttrVal::Int(n))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
                Ok(i64::try_from(n).map_or(AttrVal::Float(n as f64), AttrVal::Int))
            }
            fn visit_f64<E: de::Error>(self, x: f64) -> Result<Self::Value, E> {
                Ok(AttrVal::Float(x))
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(AttrVal::Str(Str(Cow::Borrowed(s))))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(AttrVal::Str(Str(Cow::Owned(s.to_owned()))))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Attrs<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Attrs<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<Self::Value, M::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<Str<'de>, AttrVal<'de>>()? {
                    out.push((k, v));
                }
                Ok(Attrs(out))
            }
            fn visit_seq<S: SeqAccess<'de>>(self, _: S) -> Result<Self::Value, S::Error> {
                Err(de::Error::custom("not a table"))
            }
        }
        d.deserialize_map(V)
    }
}

/// Decodes one line into the store if it is a valid record; `false` (and
/// nothing stored) otherwise.
pub fn line(text: &str, file: FileId, offset: u64, store: &mut Pending) -> bool {
    let lead = text.len() - text.trim_start_matches([' ', '\t', '\r', '\n']).len();
    if lead == text.len() {
        return true;
    }
    let Ok(flat) = serde_json::from_str::<Flat<'_>>(text) else {
        return false;
    };
    let origin = Origin {
        file,
        offset: offset + lead as u64,
    };
    let mut d = Fast { s: store, origin };
    match flat.tag.as_ref() {
        "source" => d.source(flat),
        "actor" => d.actor(flat),
        "place" => d.place(flat),
        "event" => d.event(flat),
        "relation" => d.relation(flat),
        _ => false,
    }
}

/// A text field: absent, or a string that is not blank.
fn text<'a>(v: &'a Val<Str<'_>>) -> Result<Option<&'a str>, ()> {
    match &v.0 {
        None => Ok(None),
        Some(s) if s.trim().is_empty() => Err(()),
        Some(s) => Ok(Some(s.as_ref())),
    }
}

fn valid_id(s: &str) -> bool {
    !s.trim().is_empty() && !s.chars().any(char::is_whitespace)
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

/// Whether only the fields of the record type are present.
fn only(present: &[bool]) -> bool {
    !present.iter().any(|p| *p)
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

    /// A list of bare ids or `{ id, <extra> }` entries.
    fn refs(
        &mut self,
        v: &Val<Vec<IdWith<'_>>>,
        extra: Extra,
    ) -> Result<Vec<(Sym, Option<Sym>)>, ()> {
        let Some(list) = &v.0 else {
            return Ok(Vec::new());
        };
        if list
            .iter()
            .any(|e| !valid_id(&e.id) || e.extra.as_ref().is_some_and(|(k, _)| *k != extra))
        {
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
                (id, text)
            })
            .collect())
    }

    fn cites(&mut self, v: &Val<Vec<IdWith<'_>>>) -> Result<Vec<Cite<P>>, ()> {
        Ok(self
            .refs(v, Extra::Quote)?
            .into_iter()
            .map(|(source, quote)| Cite { source, quote })
            .collect())
    }

    fn aliases(&mut self, v: &Val<Vec<Str<'_>>>) -> Result<Vec<Sym>, ()> {
        let Some(list) = &v.0 else {
            return Ok(Vec::new());
        };
        if list.iter().any(|a| a.trim().is_empty()) {
            return Err(());
        }
        Ok(list.iter().map(|a| self.s.strings.intern(a)).collect())
    }

    fn source(&mut self, f: Flat<'_>) -> bool {
        self.try_source(f).is_ok()
    }

    fn try_source(&mut self, f: Flat<'_>) -> Result<(), ()> {
        if !only(&[
            f.name.0.is_some(),
            f.kind.0.is_some(),
            f.aliases.0.is_some(),
            f.sources.0.is_some(),
            f.within.0.is_some(),
            f.lat.0.is_some(),
            f.lon.0.is_some(),
            f.date.0.is_some(),
            f.place.0.is_some(),
            f.actors.0.is_some(),
            f.killed.0.is_some(),
            f.injured.0.is_some(),
            f.summary.0.is_some(),
            f.attributes.0.is_some(),
            f.from.0.is_some(),
            f.to.0.is_some(),
        ]) {
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

    fn actor(&mut self, f: Flat<'_>) -> bool {
        self.try_actor(f).is_ok()
    }

    fn try_actor(&mut self, f: Flat<'_>) -> Result<(), ()> {
        if !only(&[
            f.title.0.is_some(),
            f.publisher.0.is_some(),
            f.url.0.is_some(),
            f.published.0.is_some(),
            f.reliability.0.is_some(),
            f.credibility.0.is_some(),
            f.within.0.is_some(),
            f.lat.0.is_some(),
            f.lon.0.is_some(),
            f.date.0.is_some(),
            f.place.0.is_some(),
            f.actors.0.is_some(),
            f.killed.0.is_some(),
            f.injured.0.is_some(),
            f.summary.0.is_some(),
            f.attributes.0.is_some(),
            f.from.0.is_some(),
            f.to.0.is_some(),
        ]) {
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
            sources: sources.into(),
            origin: self.origin,
        };
        self.s.actors.push(record);
        Ok(())
    }

    fn place(&mut self, f: Flat<'_>) -> bool {
        self.try_place(f).is_ok()
    }

    fn try_place(&mut self, f: Flat<'_>) -> Result<(), ()> {
        if !only(&[
            f.title.0.is_some(),
            f.publisher.0.is_some(),
            f.url.0.is_some(),
            f.published.0.is_some(),
            f.reliability.0.is_some(),
            f.credibility.0.is_some(),
            f.date.0.is_some(),
            f.place.0.is_some(),
            f.actors.0.is_some(),
            f.killed.0.is_some(),
            f.injured.0.is_some(),
            f.summary.0.is_some(),
            f.attributes.0.is_some(),
            f.from.0.is_some(),
            f.to.0.is_some(),
        ]) {
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
            sources: sources.into(),
            origin: self.origin,
        };
        self.s.places.push(record);
        Ok(())
    }

    fn event(&mut self, f: Flat<'_>) -> bool {
        self.try_event(f).is_ok()
    }

    fn try_event(&mut self, f: Flat<'_>) -> Result<(), ()> {
        if !only(&[
            f.name.0.is_some(),
            f.publisher.0.is_some(),
            f.url.0.is_some(),
            f.published.0.is_some(),
            f.reliability.0.is_some(),
            f.credibility.0.is_some(),
            f.note.0.is_some(),
            f.aliases.0.is_some(),
            f.within.0.is_some(),
            f.lat.0.is_some(),
            f.lon.0.is_some(),
            f.from.0.is_some(),
            f.to.0.is_some(),
        ]) {
            return Err(());
        }
        let (id, title) = (id_field(&f.id)?.ok_or(())?, text(&f.title)?.ok_or(())?);
        let date = date(&f.date)?.ok_or(())?;
        let (kind, place, summary) = (text(&f.kind)?, id_field(&f.place)?, text(&f.summary)?);
        let (killed, injured) = (count(&f.killed)?, count(&f.injured)?);
        let actors = self.refs(&f.actors, Extra::Role)?;
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
            actors: actors
                .into_iter()
                .map(|(actor, role)| Participant { actor, role })
                .collect(),
            killed,
            injured,
            summary: self.push(summary),
            attributes: attributes.into(),
            sources: sources.into(),
            origin: self.origin,
        };
        self.s.events.push(record);
        Ok(())
    }

    fn relation(&mut self, f: Flat<'_>) -> bool {
        self.try_relation(f).is_ok()
    }

    fn try_relation(&mut self, f: Flat<'_>) -> Result<(), ()> {
        if !only(&[
            f.title.0.is_some(),
            f.name.0.is_some(),
            f.publisher.0.is_some(),
            f.url.0.is_some(),
            f.published.0.is_some(),
            f.reliability.0.is_some(),
            f.credibility.0.is_some(),
            f.aliases.0.is_some(),
            f.within.0.is_some(),
            f.lat.0.is_some(),
            f.lon.0.is_some(),
            f.place.0.is_some(),
            f.actors.0.is_some(),
            f.killed.0.is_some(),
            f.injured.0.is_some(),
            f.summary.0.is_some(),
            f.attributes.0.is_some(),
        ]) {
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
            sources: sources.into(),
            origin: self.origin,
        };
        self.s.relations.push(record);
        Ok(())
    }
}
