//! Parser tests: spans, escapes, numbers, errors and streaming.

use super::*;

fn err(text: &str) -> (usize, String) {
    let e = parse(text).unwrap_err();
    (e.offset, e.message)
}

#[test]
fn spans_of_values_and_keys() {
    let node = parse(r#"{"id": "a", "n": [1, 2.5, true, null]}"#).unwrap();
    let id = node.get("id").unwrap();
    assert_eq!(id.key_span, Span::new(1, 5));
    assert_eq!(id.value.span, Span::new(7, 10));
    assert_eq!(id.value.value, Value::Str("a".into()));
    let n = node.get("n").unwrap();
    assert_eq!(n.value.span, Span::new(17, 37));
}

#[test]
fn escapes_are_decoded() {
    let node = parse(r#""a\"b\\c\n\u00e9\ud83d\ude00""#).unwrap();
    assert_eq!(node.value, Value::Str("a\"b\\c\né😀".into()));
}

#[test]
fn numbers() {
    assert_eq!(parse("-12").unwrap().value, Value::Int(-12));
    assert_eq!(parse("1e2").unwrap().value, Value::Float(100.0));
    assert_eq!(
        parse("99999999999999999999").unwrap().value,
        Value::BigInt(1e20)
    );
    assert_eq!(
        parse("-9223372036854775809").unwrap().value,
        Value::BigInt(-9223372036854775808.0)
    );
    let long = format!("-{}", "9".repeat(400));
    assert_eq!(
        parse(&long).unwrap().value,
        Value::BigInt(f64::NEG_INFINITY)
    );
    assert_eq!(
        parse("-9223372036854775808").unwrap().value,
        Value::Int(i64::MIN)
    );
    assert_eq!(parse("1e19").unwrap().value, Value::Float(1e19));
    assert_eq!(err("01").0, 1);
    assert_eq!(err("1.").0, 2);
    assert_eq!(err("1e999").0, 0);
}

#[test]
fn errors_point_at_the_offending_byte() {
    assert_eq!(
        err(r#"{"a": 1,}"#),
        (8, "expected a string key, found `}`".to_string())
    );
    assert_eq!(err(r#"{"a" 1}"#).0, 5);
    assert_eq!(err("[1 2]").0, 3);
    assert_eq!(err("\"abc").1, "unterminated string");
    assert_eq!(err("\"a\nb\"").0, 2);
    assert_eq!(err(r#""\x""#).0, 1);
    assert_eq!(err(r#""\ud800""#).1, "unpaired surrogate in \\u escape");
    assert_eq!(err("{} x").0, 3);
    assert_eq!(
        err("").1,
        "expected a JSON value, found the end of the input"
    );
    assert_eq!(err("tru").0, 0);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = "[".repeat(100_000);
    assert!(err(&deep).1.contains("nesting deeper"));
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&ok).is_ok());
}

/// The document [`stream`] hands over, put together again as [`parse`]
/// would give it (without the top-level span, which it does not hand over),
/// each item of a list parsed again where it stands.
fn streamed(text: &str) -> Result<Value<'_>, SyntaxError> {
    let mut parts = Vec::new();
    stream(text, &mut |part| parts.push(part))?;
    let mut top: Option<Value<'_>> = None;
    for part in parts {
        match (part, &mut top) {
            (Part::Key(key, key_span), None | Some(Value::Table(_))) => {
                let entries = match top.get_or_insert(Value::Table(Vec::new())) {
                    Value::Table(entries) => entries,
                    _ => unreachable!(),
                };
                entries.push(Entry {
                    key,
                    key_span,
                    value: Node {
                        span: Span::new(0, 0),
                        value: Value::Array(Vec::new()),
                    },
                });
            }
            (Part::Listed(span), Some(Value::Table(entries))) => match entries.last_mut() {
                Some(Entry {
                    value:
                        Node {
                            value: Value::Array(items),
                            ..
                        },
                    ..
                }) => {
                    let node = parse_at(text, span.start)?;
                    assert_eq!(node.span, span);
                    items.push(node);
                }
                _ => panic!("an item after a value"),
            },
            (Part::Item(node), None | Some(Value::Array(_))) => {
                match top.get_or_insert(Value::Array(Vec::new())) {
                    Value::Array(items) => items.push(node),
                    _ => unreachable!(),
                }
            }
            (Part::Value(node), Some(Value::Table(entries))) => match entries.last_mut() {
                Some(entry) => entry.value = node,
                None => panic!("a value before any key"),
            },
            (Part::Value(node), None) => top = Some(node.value),
            (part, _) => panic!("{part:?} out of place"),
        }
    }
    Ok(top.unwrap_or_else(|| Value::Table(Vec::new())))
}

/// What [`parse`] gives, with the span of each top-level array (which
/// [`stream`] does not hand over) forgotten, and an empty top-level array
/// taken for an empty object (neither hands anything over).
fn parsed(text: &str) -> Result<Value<'_>, SyntaxError> {
    let mut value = parse(text)?.value;
    if value == Value::Array(Vec::new()) {
        value = Value::Table(Vec::new());
    }
    if let Value::Table(entries) = &mut value {
        for entry in entries {
            if let Value::Array(_) = entry.value.value {
                entry.value.span = Span::new(0, 0);
            }
        }
    }
    Ok(value)
}

#[test]
fn a_streamed_document_is_the_parsed_one_item_by_item() {
    for text in [
        r#"[{"type": "actor", "id": "a"}, 3, []]"#,
        r#" {"actor": [{"id": "a"}, {"id": "b"}], "event": [], "x": 1, "actor": [2]} "#,
        r#"{"a": {"b": [1]}, "c": "d"}"#,
        "[]",
        "{}",
        "\"text\"",
        "12",
    ] {
        assert_eq!(streamed(text), parsed(text), "{text}");
    }
    let mut parts = Vec::new();
    stream(r#"{"event": [{"id": "e"}], "n": 1}"#, &mut |p| {
        parts.push(p)
    })
    .unwrap();
    let kinds: Vec<&str> = parts
        .iter()
        .map(|p| match p {
            Part::Key(..) => "key",
            Part::Item(_) => "item",
            Part::Listed(_) => "listed",
            Part::Value(_) => "value",
        })
        .collect();
    assert_eq!(kinds, ["key", "listed", "key", "value"]);
}

#[test]
fn a_streamed_document_has_the_parsed_one_s_first_error() {
    let nested = format!(
        "{{\"a\": {}{}",
        "[".repeat(MAX_DEPTH),
        "]".repeat(MAX_DEPTH)
    );
    for text in [
        r#"{"a": 1,}"#,
        r#"{"a" 1}"#,
        "[1 2]",
        r#"[{"a": [1, 2}]"#,
        r#"{"event": [{"id": "e"}, {"id": "f"]}"#,
        "{} x",
        "[] ]",
        "",
        "tru",
        "[",
        r#"{"a": ["#,
        nested.as_str(),
        &"[".repeat(MAX_DEPTH + 1),
    ] {
        let (ours, theirs) = (streamed(text), parsed(text));
        assert!(theirs.is_err(), "{text}");
        assert_eq!(ours, theirs, "{text}");
    }
}

proptest::proptest! {
    #[test]
    fn streaming_agrees_with_parsing(text in r#"[\[\]{}",: 1a]{0,24}|\{"[ab]": \[[\[\]{}",: 1a]{0,16}"#) {
        proptest::prop_assert_eq!(streamed(&text), parsed(&text));
    }
}

/// A character a terminal shows as nothing, or as a space, is named by its
/// number; a byte-order mark in the middle of a text by what it is.
#[test]
fn invisible_characters_are_named() {
    assert!(
        err("\u{feff}1")
            .1
            .ends_with("found a byte-order mark (U+FEFF)")
    );
    assert!(err("{\u{200b}\"a\": 1}").1.ends_with("found U+200B"));
    assert!(err("{\u{a0}\"a\": 1}").1.ends_with("found U+00A0"));
    assert!(err("{x}").1.ends_with("found `x`"));
}
