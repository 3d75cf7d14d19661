//! The raw parse tree every encoding is read into: values with their byte spans.
//!
//! TOML, JSON and JSON Lines all become this one tree, so that the decoding of
//! records (in `validate`) is written once and points at the exact character
//! whatever the encoding. It holds text borrowed from the input where it can.
//! It knows nothing of records or fields: that is the validator's business.

use std::borrow::Cow;

/// A byte range in the text the tree was parsed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The same span moved `by` bytes to the right (for a value inside a line).
    pub fn shift(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

/// A parsed value and where it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'a> {
    pub span: Span,
    pub value: Value<'a>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Int(i64),
    /// An integer beyond the 64-bit range, as the nearest number (infinite
    /// past the floats' range): no field can hold it, and it is not a
    /// number written with a point or an exponent.
    BigInt(f64),
    Float(f64),
    Str(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    Table(Vec<Entry<'a>>),
}

/// One `key = value` of a table, the key with its own span.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry<'a> {
    pub key: Cow<'a, str>,
    pub key_span: Span,
    pub value: Node<'a>,
}

impl Value<'_> {
    /// The name of the value's type as a user reads it in a message.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::BigInt(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Array(_) => "a list",
            Value::Table(_) => "a table",
        }
    }
}

impl<'a> Node<'a> {
    /// The entry of a table node named `key`.
    pub fn get(&self, key: &str) -> Option<&Entry<'a>> {
        match &self.value {
            Value::Table(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }
}
