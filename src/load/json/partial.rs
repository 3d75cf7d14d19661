//! A document's tree as far as it reads: the whole tree of a document
//! read whole, cut at its first syntax error.
//!
//! A fact document with a syntax error still gives the records that end
//! before it. [`parse_partial`] builds the tree of the document up to that
//! error: the top-level list with its items read whole, or the top-level
//! table with its entries read whole and the list under the key the error
//! is in, with its items read whole. A value the error is in is dropped,
//! and, under a key, stands as a list of the items read whole before it
//! (none when it is not a list), so that what is said of the tree is what
//! [`super::stream`] hands over before the same error. Nothing is read
//! past the error, and nothing here knows about records.

use super::{Entry, Node, Parser, Span, SyntaxError, Value};

/// Parses a document as [`super::parse`] does, keeping the tree up to its
/// first error, with that error: no tree when the error comes before the
/// document's list or table opens, or when the document is neither and
/// does not read whole.
pub fn parse_partial(text: &str) -> (Option<Node<'_>>, Option<SyntaxError>) {
    let mut p = Parser::new(text);
    p.skip_ws();
    let start = p.pos;
    let (value, read) = match p.peek() {
        Some(b'[') => {
            let (items, read) = p.items_read(0);
            (Value::Array(items), read)
        }
        Some(b'{') => {
            let mut entries = Vec::new();
            let read = p.entries(0, &mut |p, key, key_span, depth| {
                let (value, read) = p.entry_value(depth);
                entries.push(Entry {
                    key,
                    key_span,
                    value,
                });
                read
            });
            (Value::Table(entries), read)
        }
        _ => {
            return match p.value(0) {
                Ok(node) => (Some(node), p.end().err()),
                Err(e) => (None, Some(e)),
            };
        }
    };
    let doc = Node {
        span: Span::new(start, p.pos),
        value,
    };
    (Some(doc), read.and_then(|()| p.end()).err())
}

impl<'a> Parser<'a> {
    /// The items of the array at `pos` read whole before its first error,
    /// and that error.
    fn items_read(&mut self, depth: usize) -> (Vec<Node<'a>>, Result<(), SyntaxError>) {
        let mut items = Vec::new();
        let read = self.items(depth, &mut |p, depth| {
            items.push(p.value(depth)?);
            Ok(())
        });
        (items, read)
    }

    /// The value under a key of the top-level table: a list as far as its
    /// items read whole, any other value only when it reads whole (else an
    /// empty list), and the error met.
    fn entry_value(&mut self, depth: usize) -> (Node<'a>, Result<(), SyntaxError>) {
        let start = self.pos;
        let (value, read) = match self.peek() {
            Some(b'[') => {
                let (items, read) = self.items_read(depth);
                (Value::Array(items), read)
            }
            _ => match self.value(depth) {
                Ok(node) => (node.value, Ok(())),
                Err(e) => (Value::Array(Vec::new()), Err(e)),
            },
        };
        let span = Span::new(start, self.pos);
        (Node { span, value }, read)
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    /// The partial tree's items, as text.
    fn kept(text: &str) -> (Option<String>, Option<usize>) {
        let (doc, e) = parse_partial(text);
        let doc = doc.map(|d| strip(&d.value));
        (doc, e.map(|e| e.offset))
    }

    /// A value without its spans, to compare what was kept.
    fn strip(v: &Value<'_>) -> String {
        match v {
            Value::Array(items) => {
                let items: Vec<String> = items.iter().map(|n| strip(&n.value)).collect();
                format!("[{}]", items.join(","))
            }
            Value::Table(entries) => {
                let entries: Vec<String> = entries
                    .iter()
                    .map(|e| format!("{}:{}", e.key, strip(&e.value.value)))
                    .collect();
                format!("{{{}}}", entries.join(","))
            }
            Value::Int(n) => n.to_string(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn a_document_that_reads_whole_is_its_parsed_tree() {
        for text in [r#"{"a": [1, {"b": 2}], "c": 3}"#, "[1, [2]]", "7", " [] "] {
            let (doc, e) = parse_partial(text);
            assert_eq!(doc.unwrap(), parse(text).unwrap(), "{text}");
            assert!(e.is_none());
        }
    }

    #[test]
    fn the_tree_stops_before_the_value_the_first_error_is_in() {
        let s = |s: &str| Some(s.to_string());
        // A truncated list keeps its items read whole.
        assert_eq!(kept("[1, {\"a\": 2}, {\"b\""), (s("[1,{a:2}]"), Some(18)));
        // A stray character in an item drops it and those after.
        assert_eq!(kept("[1, [2 x], 3]"), (s("[1]"), Some(7)));
        // Between items: those before stay.
        assert_eq!(kept("[1, 2 3]"), (s("[1,2]"), Some(6)));
        // Under a key: its list as far as it reads; another value, none.
        assert_eq!(
            kept(r#"{"a": [1], "b": [2, x"#),
            (s("{a:[1],b:[2]}"), Some(20))
        );
        assert_eq!(
            kept(r#"{"a": [1], "b": tru"#),
            (s("{a:[1],b:[]}"), Some(16))
        );
        // A broken key is not kept.
        assert_eq!(kept(r#"{"a": [1], "b"#), (s("{a:[1]}"), Some(13)));
        // Past the document's value: the whole tree, and the error.
        assert_eq!(kept("[1] 2"), (s("[1]"), Some(4)));
        assert_eq!(kept("1 2"), (s("1"), Some(2)));
        // Before a list or a table opens, or in a document that is neither.
        assert_eq!(kept(""), (None, Some(0)));
        assert_eq!(kept("\"ab"), (None, Some(3)));
    }
}
