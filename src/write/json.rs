//! JSON: one object whose keys are the record types (singular, as in TOML:
//! `"source"`, `"actor"`, `"place"`, `"event"`, `"relation"`), each a list
//! of records, types without records left out; pretty-printed with two
//! spaces and a final line break. serde_json does the escaping, so every
//! string survives as written.
//!
//! Also the JSON form of one record, shared with JSON Lines. A non-finite
//! number, which the validator never lets through, would be written `null`.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::{Record, SHAPES, Val, count_of, of_shape};
use crate::load::RecordShape;
use crate::model::Facts;

/// The fact set as one JSON document.
pub fn write(facts: &Facts) -> Vec<u8> {
    let mut out = Vec::new();
    if write_to(facts, &mut out).is_err() {
        // Writing to memory cannot fail; keep the output well-formed anyway.
        out.clear();
        out.extend_from_slice(b"{}\n");
    }
    out
}

/// The fact set as one JSON document, written into `out` as it is made.
pub fn write_to(facts: &Facts, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"  ");
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, formatter);
    Document(facts).serialize(&mut ser)?;
    out.write_all(b"\n")
}

struct Document<'f>(&'f Facts);

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let facts = self.0;
        let mut map = serializer.serialize_map(None)?;
        for shape in SHAPES {
            if count_of(facts, shape) > 0 {
                map.serialize_entry(shape.name(), &Group(facts, shape))?;
            }
        }
        map.end()
    }
}

/// The records of one type, made one at a time while writing.
struct Group<'f>(&'f Facts, RecordShape);

impl Serialize for Group<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(count_of(self.0, self.1)))?;
        for record in of_shape(self.0, self.1) {
            seq.serialize_element(&Object {
                record: &record,
                tagged: false,
            })?;
        }
        seq.end()
    }
}

/// A record as a JSON object; tagged with `"type"` first for JSON Lines.
pub(super) struct Object<'r, 'f> {
    pub record: &'r Record<'f>,
    pub tagged: bool,
}

impl Serialize for Object<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = &self.record.fields;
        let mut map = serializer.serialize_map(Some(fields.len() + usize::from(self.tagged)))?;
        if self.tagged {
            map.serialize_entry("type", self.record.shape.name())?;
        }
        for (name, value) in fields {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl Serialize for Val<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Val::Str(s) => serializer.serialize_str(s),
            Val::Int(n) => serializer.serialize_i64(*n),
            Val::Float(x) => serializer.serialize_f64(*x),
            Val::Bool(b) => serializer.serialize_bool(*b),
            Val::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Val::Table(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}
