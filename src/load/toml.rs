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
mod pieces;
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
/// every syntax error found in it (the first of each line).
pub fn parse_general(text: &str) -> Result<Node<'_>, Vec<SyntaxError>> {
    let (node, errors) = recovering(text);
    match errors.is_empty() {
        true => Ok(node),
        false => Err(first_of_each_line(errors, text)),
    }
}

/// Parses a TOML document, and with every syntax error found in it (the
/// first of each line) the part of it that reads the same whatever the
/// errors were: the items of its top-level lists whose text, up to the
/// next item, holds no error. A document without errors is
/// given whole.
pub fn parse_partial(text: &str) -> (Node<'_>, Vec<SyntaxError>) {
    if let Some(node) = plain::parse(text) {
        return (node, Vec::new());
    }
    let (node, all) = recovering(text);
    if all.is_empty() {
        return (node, all);
    }
    let mut offsets: Vec<usize> = all.iter().map(|e| e.offset).collect();
    offsets.sort_unstable();
    let node = clear_of(node, &offsets, text);
    (node, first_of_each_line(all, text))
}

/// The `toml` crate's tree of a document, recovered past its syntax errors,
/// and every one of those errors.
fn recovering(text: &str) -> (Node<'_>, Vec<SyntaxError>) {
    let (table, errors) = DeTable::parse_recoverable(text);
    let errors = errors.iter().map(|e| syntax_error(e, text)).collect();
    let span = table.span();
    let node = Node {
        span: Span::new(span.start, span.end),
        value: Value::Table(entries(table.into_inner())),
    };
    (node, errors)
}

/// The first error of each line: one mistake often gives the parser two
/// (an unclosed string, say, and the end of its line). An error at the
/// carriage return of a CRLF line ending gives way to the next on its line,
/// so that a file reads the same with either ending.
fn first_of_each_line(mut errors: Vec<SyntaxError>, text: &str) -> Vec<SyntaxError> {
    errors.sort_by_key(|e| e.offset);
    let bytes = text.as_bytes();
    let mut kept: Vec<SyntaxError> = Vec::with_capacity(errors.len());
    for e in errors {
        let Some(last) = kept.last_mut() else {
            kept.push(e);
            continue;
        };
        let between = bytes.get(last.offset..e.offset).unwrap_or_default();
        if between.contains(&b'\n') {
            kept.push(e);
        } else if bytes.get(last.offset..last.offset + 2) == Some(b"\r\n") {
            *last = e;
        }
    }
    kept
}

/// The tree with only the items of its top-level lists that no error
/// (of `errors`, their offsets, sorted) may have changed: none stands in
/// any piece of text that belongs to the item ([`pieces`]: from its start
/// to the next header line or item, and under the headers of the tables
/// within it, wherever they stand), nor anywhere from its start to where
/// the last of its values ends. Every other top-level value, and a list
/// left empty (a broken header may be recovered as one), is left out. What
/// stands clear of the errors was parsed as it would be without them; what
/// holds one may have been recovered into anything, and the recovered tree
/// holds nothing past an error to say how far an item would have reached.
fn clear_of<'a>(doc: Node<'a>, errors: &[usize], text: &str) -> Node<'a> {
    let Value::Table(entries) = doc.value else {
        return Node {
            span: doc.span,
            value: Value::Table(Vec::new()),
        };
    };
    let mut starts: Vec<usize> = entries
        .iter()
        .filter_map(|e| match &e.value.value {
            Value::Array(items) => Some(items.iter().map(|i| i.span.start)),
            _ => None,
        })
        .flatten()
        .collect();
    starts.sort_unstable();
    let broken = pieces::broken(text, &starts, errors);
    let clear = |item: &Node<'_>| {
        let from = item.span.start;
        // An item reaches as far as any of its values, should a header of a
        // table within it not be read as one.
        let to = reach(item).saturating_add(1);
        let first = errors.partition_point(|&e| e < from);
        !broken.contains(&from) && errors.get(first).is_none_or(|&e| e >= to)
    };
    let entries = entries
        .into_iter()
        .filter_map(|mut entry| {
            let Value::Array(items) = entry.value.value else {
                return None;
            };
            let items: Vec<Node<'_>> = items.into_iter().filter(|i| clear(i)).collect();
            entry.value.value = Value::Array(items);
            has_items(&entry.value).then_some(entry)
        })
        .collect();
    Node {
        span: doc.span,
        value: Value::Table(entries),
    }
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

/// Where the text of a node and everything in it ends, the furthest of its
/// values' and keys' ends (walked without recursion: tables may nest deep).
fn reach(node: &Node<'_>) -> usize {
    let mut end = node.span.end;
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        end = end.max(n.span.end);
        match &n.value {
            Value::Array(items) => stack.extend(items),
            Value::Table(entries) => {
                for e in entries {
                    end = end.max(e.key_span.end);
                    stack.push(&e.value);
                }
            }
            _ => {}
        }
    }
    end
}

fn has_items(node: &Node<'_>) -> bool {
    matches!(&node.value, Value::Array(items) if !items.is_empty())
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

    /// The `(line, offset)` of each error `parse_partial` gives.
    fn errors_of(text: &str) -> Vec<(usize, usize)> {
        let (_, errors) = parse_partial(text);
        let line = |at: usize| text.get(..at).map_or(0, |t| t.matches('\n').count() + 1);
        errors.iter().map(|e| (line(e.offset), e.offset)).collect()
    }

    #[test]
    fn an_unclosed_string_is_one_error_with_either_line_ending() {
        let lf = "[[source]]\nid = \"s\"\ntitle = \"S\n\n[[source]]\nid = \"t\" x\n";
        let crlf = lf.replace('\n', "\r\n");
        let (lf_errors, crlf_errors) = (errors_of(lf), errors_of(&crlf));
        assert_eq!(lf_errors.iter().map(|e| e.0).collect::<Vec<_>>(), [3, 6]);
        assert_eq!(crlf_errors.iter().map(|e| e.0).collect::<Vec<_>>(), [3, 6]);
        // At the end of the line, not at its carriage return.
        let first = crlf_errors.first().map(|e| e.1);
        assert_eq!(first.and_then(|at| crlf.get(at..at + 1)), Some("\n"));
    }

    /// The ids of the items of list `key` in a tree.
    fn ids<'a>(doc: &'a Node<'_>, key: &str) -> Vec<&'a str> {
        let Some(Value::Array(items)) = doc.get(key).map(|e| &e.value.value) else {
            return Vec::new();
        };
        let id = |i: &'a Node<'_>| match i.get("id").map(|e| &e.value.value) {
            Some(Value::Str(s)) => Some(s.as_ref()),
            _ => None,
        };
        items.iter().filter_map(id).collect()
    }

    #[test]
    fn a_document_with_errors_keeps_the_items_clear_of_them() {
        let text = "[[source]]\nid = \"s\"\n\n[[source]]\nid = \"t\" x\n\n\
                    [[event]]\nid = \"e\"\n\n[[source]]\nid = \"u\"\nstray = 1 2\n\
                    [[event]]\nid = \"f\"\n";
        let (doc, errors) = parse_partial(text);
        assert_eq!(errors.len(), 2);
        assert_eq!(ids(&doc, "source"), ["s"]);
        assert_eq!(ids(&doc, "event"), ["e", "f"]);
        assert!(parse_general(text).is_err());
    }

    #[test]
    fn an_item_with_a_second_error_on_a_line_is_left_out() {
        let text = "actor = [{id = \"a\" x, name = \"A\"}, {id = \"b\", nme = \"B\" x}]\n";
        let (doc, errors) = parse_partial(text);
        assert_eq!(errors.len(), 1);
        assert_eq!(ids(&doc, "actor"), Vec::<&str>::new());
    }

    #[test]
    fn a_broken_header_leaves_nothing_of_its_own() {
        let (doc, errors) = parse_partial("[[event]\nid = \"e\"\n");
        assert_eq!(errors.len(), 1);
        assert_eq!(doc.value, Value::Table(Vec::new()));
    }

    #[test]
    fn an_unclosed_multiline_string_keeps_only_what_comes_before() {
        let text = "[[event]]\nid = \"a\"\n[[event]]\nid = \"b\"\ntitle = \"\"\"B\n\n[[event]]\nid = \"c\"\n";
        let (doc, errors) = parse_partial(text);
        assert_eq!(errors.len(), 1);
        assert_eq!(ids(&doc, "event"), ["a"]);
    }

    #[test]
    fn a_table_within_a_record_holds_its_errors_after_other_records() {
        let text = "[[event]]\nid = \"e\"\n\n[[actor]]\nid = \"a\"\n\n\
                    [[event.actors]]\nid = \"a\"\nrole = \"x\" y\n\n[[actor]]\nid = \"b\"\n";
        let (doc, errors) = parse_partial(text);
        assert_eq!(errors.len(), 1);
        assert_eq!(ids(&doc, "event"), Vec::<&str>::new());
        assert_eq!(ids(&doc, "actor"), ["a", "b"]);
    }

    #[test]
    fn a_broken_header_of_a_table_within_a_record_leaves_the_record_out() {
        let text = "[[event]]\nid = \"e\"\n[[actor]]\nid = \"a\"\n\
                    [[event.actors]\nid = \"a\"\n[[actor]]\nid = \"b\"\n";
        let (doc, errors) = parse_partial(text);
        assert_eq!(errors.len(), 1);
        assert_eq!(ids(&doc, "event"), Vec::<&str>::new());
        // The crate recovers the broken header as the second actor's.
        assert_eq!(ids(&doc, "actor"), ["a"]);
    }

    #[test]
    fn a_document_without_errors_is_given_whole() {
        let text = "title = \"x\"\n[[event]]\nid = \"a\"\nkilled = { min = 1 }\n";
        let (doc, errors) = parse_partial(text);
        assert!(errors.is_empty());
        assert_eq!(Some(doc), parse_general(text).ok());
    }
}
