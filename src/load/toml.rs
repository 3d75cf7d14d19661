//! Reads a TOML document into the span tree of [`super::tree`].
//!
//! Plain TOML, as tools write it, is read straight into the tree by
//! [`plain`]; anything else goes to the `toml` crate's recovering parser,
//! which does the syntax and reports every syntax error it can, and whose
//! spanned values this module converts. TOML's own dates
//! (`date = 2024-03-22`, unquoted) become strings, so that the EDTF
//! validator sees them as written. It must not decide anything about records.

use std::borrow::Cow;

pub mod cut;
pub mod plain;

/// The largest TOML document parsed whole, when it cannot be read as it
/// comes ([`cut`]): parsing takes about thirty times a document's size in
/// memory with the `toml` crate, about ten for plain TOML ([`plain`]).
pub const MAX_WHOLE_BYTES: u64 = 256 << 20;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::json::SyntaxError;
use super::tree::{Entry, Node, Span, Value};

/// Whether `b` may stand in a bare key: ASCII letters and digits, `_` and
/// `-`.
pub fn is_bare(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// Parses a TOML document, or returns every syntax error found in it:
/// plain TOML by [`plain`], anything else by [`parse_general`].
pub fn parse(text: &str) -> Result<Node<'_>, Vec<SyntaxError>> {
    match plain::parse(text) {
        Some(node) => Ok(node),
        None => parse_general(text),
    }
}

/// Parses a TOML document of any form with the `toml` crate, or returns
/// every syntax error found in it.
pub fn parse_general(text: &str) -> Result<Node<'_>, Vec<SyntaxError>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors.iter().map(|e| syntax_error(e, text)).collect());
    }
    let span = table.span();
    Ok(Node {
        span: Span::new(span.start, span.end),
        value: Value::Table(entries(table.into_inner())),
    })
}

fn syntax_error(e: &toml::de::Error, text: &str) -> SyntaxError {
    let span = e.span().unwrap_or(0..0);
    let offset = span.start;
    let mut message = e.message().trim().trim_end_matches('.').to_string();
    // The crate names no key: the key is the text it points at.
    let key = text
        .get(span)
        .map(str::trim)
        .filter(|k| !k.is_empty() && !k.contains('\n'));
    if let (true, Some(key)) = (message == "duplicate key", key) {
        message = format!("duplicate key `{key}`: a key is given once in a table");
    }
    SyntaxError {
        offset,
        message,
        limit: false,
    }
}

fn entries(table: DeTable<'_>) -> Vec<Entry<'_>> {
    table
        .into_iter()
        .map(|(key, value)| {
            let ks = key.span();
            Entry {
                key: key.into_inner(),
                key_span: Span::new(ks.start, ks.end),
                value: node(value),
            }
        })
        .collect()
}

fn node(value: Spanned<DeValue<'_>>) -> Node<'_> {
    let s = value.span();
    let span = Span::new(s.start, s.end);
    let value = match value.into_inner() {
        DeValue::String(s) => Value::Str(s),
        DeValue::Integer(i) => integer(i.as_str(), i.radix()),
        DeValue::Float(f) => float(f.as_str()),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::Str(Cow::Owned(d.to_string())),
        DeValue::Array(items) => Value::Array(items.into_iter().map(node).collect()),
        DeValue::Table(t) => Value::Table(entries(t)),
    };
    Node { span, value }
}

fn integer(digits: &str, radix: u32) -> Value<'static> {
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    match i64::from_str_radix(&clean, radix) {
        Ok(n) => Value::Int(n),
        // Beyond 64 bits; in another radix than ten it has no sign.
        Err(_) => Value::BigInt(match radix {
            10 => clean.parse().unwrap_or(f64::INFINITY),
            _ => u128::from_str_radix(&clean, radix).map_or(f64::INFINITY, |n| n as f64),
        }),
    }
}

fn float(text: &str) -> Value<'static> {
    let clean: String = text.chars().filter(|c| *c != '_').collect();
    match clean.parse::<f64>() {
        Ok(f) => Value::Float(f),
        Err(_) => Value::Float(f64::NAN),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_of_tables_with_spans() {
        let text = "[[event]]\nid = \"a\"\ndate = 2024-03-22\nkilled = 1_000\n";
        let doc = parse(text).unwrap();
        let events = doc.get("event").unwrap();
        let Value::Array(items) = &events.value.value else {
            panic!("not an array")
        };
        let first = items.first().unwrap();
        let id = first.get("id").unwrap();
        assert_eq!(&text[id.value.span.start..id.value.span.end], "\"a\"");
        assert_eq!(
            first.get("date").unwrap().value.value,
            Value::Str("2024-03-22".into())
        );
        assert_eq!(first.get("killed").unwrap().value.value, Value::Int(1000));
    }

    #[test]
    fn integers_beyond_64_bits_are_told_apart_from_floats() {
        let text = "a = 0xFFFF_FFFF_FFFF_FFFF_FF\nb = -9_223_372_036_854_775_809\nc = 9_223_372_036_854_775_807\nd = 1e19\n";
        let doc = parse(text).unwrap();
        let value = |key: &str| doc.get(key).unwrap().value.value.clone();
        assert_eq!(
            value("a"),
            Value::BigInt(0xFF_FFFF_FFFF_FFFF_FFFF_u128 as f64)
        );
        assert_eq!(value("b"), Value::BigInt(-9223372036854775808.0));
        assert_eq!(value("c"), Value::Int(i64::MAX));
        assert_eq!(value("d"), Value::Float(1e19));
    }

    #[test]
    fn syntax_errors_are_all_reported_with_offsets() {
        let errors = parse("a = \nb = \"x\nc = 1").unwrap_err();
        assert!(!errors.is_empty());
        assert_eq!(errors.first().unwrap().offset, 4);
    }
}
