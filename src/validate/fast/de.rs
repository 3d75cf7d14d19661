//! The serde side of the fast decoder: a JSON Lines record deserialised
//! into borrowed fields, every field of every record type in one struct.
//! Only shapes are checked here (a string, a list, a count); what the
//! values mean is checked by the decoder.

use std::borrow::Cow;

use serde::Deserialize;

use crate::load::RecordShape;
use crate::model::List;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

/// A field that must not be `null` when present.
#[derive(Debug)]
pub struct Val<T>(pub Option<T>);

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
#[derive(Debug, Default)]
pub struct Str<'a>(pub Cow<'a, str>);

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

/// Every field of every record type; which belong to the type is checked
/// after. The default has no type and no field.
#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields, bound(deserialize = "'de: 'a"))]
pub struct Flat<'a> {
    /// The `type` of a tagged record; a record of a document's list has none.
    #[serde(rename = "type", default)]
    pub tag: Val<Str<'a>>,
    #[serde(default)]
    pub id: Val<Str<'a>>,
    #[serde(default)]
    pub title: Val<Str<'a>>,
    #[serde(default)]
    pub name: Val<Str<'a>>,
    #[serde(default)]
    pub kind: Val<Str<'a>>,
    #[serde(default)]
    pub publisher: Val<Str<'a>>,
    #[serde(default)]
    pub url: Val<Str<'a>>,
    #[serde(default)]
    pub published: Val<Str<'a>>,
    #[serde(default)]
    pub reliability: Val<Str<'a>>,
    #[serde(default)]
    pub credibility: Val<i64>,
    #[serde(default)]
    pub note: Val<Str<'a>>,
    #[serde(default)]
    pub aliases: Val<Vec<Str<'a>>>,
    #[serde(default)]
    pub sources: Val<List<IdWith<'a>>>,
    #[serde(default, rename = "in")]
    pub within: Val<Str<'a>>,
    #[serde(default)]
    pub lat: Val<f64>,
    #[serde(default)]
    pub lon: Val<f64>,
    #[serde(default)]
    pub date: Val<Str<'a>>,
    #[serde(default)]
    pub place: Val<Str<'a>>,
    #[serde(default)]
    pub actors: Val<List<IdWith<'a>>>,
    #[serde(default)]
    pub killed: Val<CountVal<'a>>,
    #[serde(default)]
    pub injured: Val<CountVal<'a>>,
    #[serde(default)]
    pub summary: Val<Str<'a>>,
    #[serde(default)]
    pub attributes: Val<Attrs<'a>>,
    #[serde(default)]
    pub from: Val<Str<'a>>,
    #[serde(default)]
    pub to: Val<Str<'a>>,
}

/// A bare id, or `{ id, role }` / `{ id, quote }`.
#[derive(Debug)]
pub struct IdWith<'a> {
    pub id: Str<'a>,
    pub extra: Option<(Extra, Str<'a>)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extra {
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
pub enum CountVal<'a> {
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
/// 2^63, the first whole number past the 64-bit integers.
const BEYOND_I64: f64 = 9_223_372_036_854_775_808.0;

#[derive(Debug)]
pub struct Attrs<'a>(pub Vec<(Str<'a>, AttrVal<'a>)>);

#[derive(Debug)]
pub enum AttrVal<'a> {
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
            // An integer beyond 64 bits is refused (the line goes to the
            // decoder that reports it): serde reads one past `u64` as a
            // float, which this cannot tell from one written `1e19`, so such
            // a float is left to that decoder too, which sees how it is
            // written.
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
                i64::try_from(n)
                    .map(AttrVal::Int)
                    .map_err(|_| E::custom("integer beyond 64 bits"))
            }
            fn visit_f64<E: de::Error>(self, x: f64) -> Result<Self::Value, E> {
                match x.fract() == 0.0 && x.abs() >= BEYOND_I64 {
                    true => Err(E::custom("a whole number beyond 64 bits")),
                    false => Ok(AttrVal::Float(x)),
                }
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

/// Every field name, `type` aside, in the order of [`Flat::present`]'s bits.
const FIELDS: [&str; 24] = [
    "id",
    "title",
    "name",
    "kind",
    "publisher",
    "url",
    "published",
    "reliability",
    "credibility",
    "note",
    "aliases",
    "sources",
    "in",
    "lat",
    "lon",
    "date",
    "place",
    "actors",
    "killed",
    "injured",
    "summary",
    "attributes",
    "from",
    "to",
];

/// The fields a record type knows, a bit each as in [`FIELDS`].
fn known(shape: RecordShape) -> u32 {
    static KNOWN: std::sync::LazyLock<[u32; 5]> = std::sync::LazyLock::new(|| {
        RecordShape::ALL.map(|shape| {
            let names = crate::validate::decode::fields_of(shape);
            (0..).zip(FIELDS).fold(0, |mask, (bit, name)| {
                mask | (u32::from(names.contains(&name)) << bit)
            })
        })
    });
    // The types are declared in the order of `ALL`.
    KNOWN.get(shape as usize).copied().unwrap_or(0)
}

impl Flat<'_> {
    /// The fields present, `type` aside, a bit each as in [`FIELDS`].
    fn present(&self) -> u32 {
        let fields = [
            self.id.0.is_some(),
            self.title.0.is_some(),
            self.name.0.is_some(),
            self.kind.0.is_some(),
            self.publisher.0.is_some(),
            self.url.0.is_some(),
            self.published.0.is_some(),
            self.reliability.0.is_some(),
            self.credibility.0.is_some(),
            self.note.0.is_some(),
            self.aliases.0.is_some(),
            self.sources.0.is_some(),
            self.within.0.is_some(),
            self.lat.0.is_some(),
            self.lon.0.is_some(),
            self.date.0.is_some(),
            self.place.0.is_some(),
            self.actors.0.is_some(),
            self.killed.0.is_some(),
            self.injured.0.is_some(),
            self.summary.0.is_some(),
            self.attributes.0.is_some(),
            self.from.0.is_some(),
            self.to.0.is_some(),
        ];
        (0..)
            .zip(fields)
            .fold(0, |mask, (bit, present)| mask | (u32::from(present) << bit))
    }

    /// Whether every field present belongs to the record type.
    pub fn only(&self, shape: RecordShape) -> bool {
        self.present() & !known(shape) == 0
    }
}

#[cfg(test)]
mod tests {
    use super::{FIELDS, Flat, known};
    use crate::load::RecordShape;

    /// Every field name is a field of some record type, and each type
    /// knows exactly the names the diagnostic decoder lists for it.
    #[test]
    fn known_fields_are_the_decoders() {
        let mut all = 0;
        for shape in RecordShape::ALL {
            let names = crate::validate::decode::fields_of(shape);
            let mask = known(shape);
            assert_eq!(mask.count_ones() as usize, names.len(), "{shape:?}");
            all |= mask;
        }
        assert_eq!(all.count_ones() as usize, FIELDS.len());
    }

    /// `known` finds a type's bits by its place in the declaration.
    #[test]
    fn types_are_declared_in_the_order_of_all() {
        for (i, shape) in RecordShape::ALL.into_iter().enumerate() {
            assert_eq!(shape as usize, i, "{shape:?}");
        }
    }

    /// A line with one field of each name: each type accepts exactly the
    /// lines whose field it knows.
    #[test]
    fn a_field_of_another_type_is_refused() {
        for name in FIELDS {
            let value = match name {
                "credibility" | "lat" | "lon" | "killed" | "injured" => "1".to_owned(),
                "aliases" | "sources" | "actors" => "[]".to_owned(),
                "attributes" => "{}".to_owned(),
                _ => "\"x\"".to_owned(),
            };
            let line = format!(r#"{{"type":"event","{name}":{value}}}"#);
            let flat: Flat = serde_json::from_str(&line).expect("a flat line");
            for shape in [
                RecordShape::Event,
                RecordShape::Relation,
                RecordShape::Place,
            ] {
                let listed = crate::validate::decode::fields_of(shape).contains(&name);
                assert_eq!(flat.only(shape), listed, "{name} in {shape:?}");
            }
        }
    }
}
