//! Write: a validated fact set out again as TOML, JSON or JSON Lines.
//!
//! The mirror of [`crate::load`]: every record becomes a canonical
//! [`Record`] (see `record.rs` for the order of records and fields and the
//! form of each value), and one module an encoding renders those records as
//! text that loads back into the same model. Same facts, same bytes. Nothing
//! here opens a file or prints (`cmd` decides where the bytes go), and
//! nothing here validates: the facts are valid by construction.

pub mod json;
pub mod jsonl;
mod record;
pub mod toml;

#[cfg(test)]
pub(crate) mod arb;
#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

pub use record::{SHAPES, count_of, of_shape, records};

use crate::load::{Format, RecordShape};
use crate::model::Facts;

/// A value of a written field.
#[derive(Clone, Debug, PartialEq)]
pub enum Val<'f> {
    Str(Cow<'f, str>),
    Int(i64),
    Float(f64),
    Bool(bool),
    List(Vec<Val<'f>>),
    /// Keys in the order written.
    Table(Vec<(&'f str, Val<'f>)>),
}

/// One record as written: its type and its fields in canonical order;
/// absent optional fields and empty lists are left out.
#[derive(Clone, Debug, PartialEq)]
pub struct Record<'f> {
    pub shape: RecordShape,
    pub fields: Vec<(&'static str, Val<'f>)>,
}

/// The whole fact set in one encoding.
pub fn write(facts: &Facts, format: Format) -> Vec<u8> {
    match format {
        Format::Toml => toml::write(facts),
        Format::Json => json::write(facts),
        Format::JsonLines => jsonl::write(facts),
    }
}

/// The whole fact set in one encoding, written into `out` as it is made,
/// never held whole: the same bytes as [`write()`].
pub fn write_to(
    facts: &Facts,
    format: Format,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Toml => toml::write_to(facts, out),
        Format::Json => json::write_to(facts, out),
        Format::JsonLines => jsonl::write_to(facts, out),
    }
}
