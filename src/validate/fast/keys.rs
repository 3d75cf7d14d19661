//! What the fast readers share: the keys they read and the field of
//! [`Flat`] each value goes into. The JSON scanner (`scan`) and the plain
//! TOML reader (`plain_toml`) each read values their own way
//! ([`Values`]); which field a key sets, and that none is set twice, is
//! decided here once. Nothing here reads text.

use super::de::{CountVal, Extra, Flat, IdWith, Str, Val};
use crate::model::List;

/// The keys the fast readers read: the fields of the common shape, and
/// those of a reference. Coordinates and attributes are left to the slower
/// readers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Type,
    Id,
    Title,
    Name,
    Kind,
    Publisher,
    Url,
    Published,
    Reliability,
    Credibility,
    Note,
    Aliases,
    Sources,
    In,
    Date,
    Place,
    Actors,
    Killed,
    Injured,
    Summary,
    From,
    To,
    Role,
    Quote,
}

impl Key {
    /// The longest key, in bytes.
    pub const LONGEST: usize = 11;

    /// The key written `name`, if the fast readers read it.
    pub fn of(name: &[u8]) -> Option<Key> {
        Some(match name {
            b"type" => Key::Type,
            b"id" => Key::Id,
            b"title" => Key::Title,
            b"name" => Key::Name,
            b"kind" => Key::Kind,
            b"publisher" => Key::Publisher,
            b"url" => Key::Url,
            b"published" => Key::Published,
            b"reliability" => Key::Reliability,
            b"credibility" => Key::Credibility,
            b"note" => Key::Note,
            b"aliases" => Key::Aliases,
            b"sources" => Key::Sources,
            b"in" => Key::In,
            b"date" => Key::Date,
            b"place" => Key::Place,
            b"actors" => Key::Actors,
            b"killed" => Key::Killed,
            b"injured" => Key::Injured,
            b"summary" => Key::Summary,
            b"from" => Key::From,
            b"to" => Key::To,
            b"role" => Key::Role,
            b"quote" => Key::Quote,
            _ => return None,
        })
    }
}

/// The values of a record's fields, read one by one from where a reader
/// stands; each `None` when the value written is not of that form, or not
/// of the forms the reader takes.
pub trait Values<'a> {
    /// A string.
    fn str(&mut self) -> Option<Str<'a>>;
    /// An integer.
    fn int(&mut self) -> Option<i64>;
    /// A count: an integer or a string.
    fn count(&mut self) -> Option<CountVal<'a>>;
    /// A list of strings.
    fn strs(&mut self) -> Option<Vec<Str<'a>>>;
    /// A list of references: bare ids, or tables of [`RefFields`].
    fn refs(&mut self) -> Option<List<IdWith<'a>>>;
}

/// The value of `key`, read by `v`, into its field of `f`; `None` when the
/// key is not a field's, its field is set already, or `v` gives no value.
pub fn field<'a>(v: &mut impl Values<'a>, key: Key, f: &mut Flat<'a>) -> Option<()> {
    match key {
        Key::Type if f.tag.0.is_none() => {
            let tag = v.str()?;
            (!tag.is_empty()).then_some(())?;
            set(&mut f.tag, tag)
        }
        Key::Id => set(&mut f.id, v.str()?),
        Key::Title => set(&mut f.title, v.str()?),
        Key::Name => set(&mut f.name, v.str()?),
        Key::Kind => set(&mut f.kind, v.str()?),
        Key::Publisher => set(&mut f.publisher, v.str()?),
        Key::Url => set(&mut f.url, v.str()?),
        Key::Published => set(&mut f.published, v.str()?),
        Key::Reliability => set(&mut f.reliability, v.str()?),
        Key::Credibility => set(&mut f.credibility, v.int()?),
        Key::Note => set(&mut f.note, v.str()?),
        Key::Aliases => set(&mut f.aliases, v.strs()?),
        Key::Sources => set(&mut f.sources, v.refs()?),
        Key::In => set(&mut f.within, v.str()?),
        Key::Date => set(&mut f.date, v.str()?),
        Key::Place => set(&mut f.place, v.str()?),
        Key::Actors => set(&mut f.actors, v.refs()?),
        Key::Killed => set(&mut f.killed, v.count()?),
        Key::Injured => set(&mut f.injured, v.count()?),
        Key::Summary => set(&mut f.summary, v.str()?),
        Key::From => set(&mut f.from, v.str()?),
        Key::To => set(&mut f.to, v.str()?),
        // A second `type`, and the keys of a reference.
        Key::Type | Key::Role | Key::Quote => None,
    }
}

/// Sets a field that must not be set yet.
fn set<T>(field: &mut Val<T>, value: T) -> Option<()> {
    match field.0 {
        Some(_) => None,
        None => {
            field.0 = Some(value);
            Some(())
        }
    }
}

/// The fields of a reference written as a table, as they are read: its
/// `id`, and at most one of `role` and `quote`.
#[derive(Default)]
pub struct RefFields<'a> {
    id: Option<Str<'a>>,
    extra: Option<(Extra, Str<'a>)>,
}

impl<'a> RefFields<'a> {
    /// The value of `key`, read by `value`; `None` for a key that is not a
    /// reference's, or that is set already.
    pub fn field(&mut self, key: Key, value: impl FnOnce() -> Option<Str<'a>>) -> Option<()> {
        match key {
            Key::Id if self.id.is_none() => self.id = Some(value()?),
            Key::Role if self.extra.is_none() => self.extra = Some((Extra::Role, value()?)),
            Key::Quote if self.extra.is_none() => self.extra = Some((Extra::Quote, value()?)),
            _ => return None,
        }
        Some(())
    }

    /// The reference, when its id was given.
    pub fn done(self) -> Option<IdWith<'a>> {
        Some(IdWith {
            id: self.id?,
            extra: self.extra,
        })
    }
}
