use std::borrow::Cow;

use super::{Header, Piece, broken, cut, read};

/// The pieces of a text without errors.
fn pieces(text: &str, records: &[usize]) -> Vec<Piece> {
    cut(text, records, &[]).pieces
}

#[test]
fn headers_are_read_as_far_as_they_go() {
    let is = |first: &'static str, list, dotted| {
        Some(Header {
            list,
            first: Some(Cow::Borrowed(first.as_bytes())),
            dotted,
        })
    };
    assert_eq!(read(b"[[event.actors]]"), is("event", true, true));
    assert_eq!(read(b"[[event.actors]"), is("event", true, true));
    assert_eq!(read(b"[ \"event\" . x] # y"), is("event", false, true));
    assert_eq!(read(b"[['event']] x"), is("event", true, false));
    assert_eq!(read(b"[meta"), is("meta", false, false));
    assert_eq!(read(b"[[\"ev\\u0065nt\".x]]"), is("event", true, true));
    assert_eq!(read(b"[[\"a\\\"b\" ]]"), is("a\"b", true, false));
    let any = |list, dotted| {
        Some(Header {
            list,
            first: None,
            dotted,
        })
    };
    assert_eq!(read(b"[[\"ev\\q\".x]]"), any(true, true));
    assert_eq!(read(b"[\"event"), any(false, false));
    assert_eq!(read(b"[[]]"), None);
}

fn piece(start: usize, record: Option<usize>, within: Option<usize>) -> Piece {
    Piece {
        start,
        record,
        within,
    }
}

#[test]
fn a_table_within_a_record_belongs_to_it_after_other_records() {
    let text = "[[event]]\nid = 1\n[[actor]]\nid = 2\n[[event.actors]]\nid = 3\n[meta]\nx = 4\n";
    let at = |s: &str| text.find(s).unwrap();
    let (event, actor, actors, meta) = (
        at("[[event]]"),
        at("[[actor]]"),
        at("[[event.actors]]"),
        at("[meta]"),
    );
    assert_eq!(
        pieces(text, &[event, actor]),
        [
            piece(event, Some(event), None),
            piece(actor, Some(actor), None),
            piece(actors, None, Some(event)),
            piece(meta, None, None),
        ]
    );
    let errors = |at: usize| broken(text, &[event, actor], &[at]);
    assert_eq!(errors(at("id = 3")), [event].into());
    assert_eq!(errors(at("id = 2")), [actor].into());
    assert!(errors(at("x = 4")).is_empty());
    assert!(errors(text.len()).is_empty());
}

#[test]
fn a_broken_header_recovered_as_the_next_record_belongs_to_both() {
    // The `toml` crate starts the second actor at the broken header.
    let text = "[[event]]\n[[actor]]\n[[event.actors]\nid = 1\n[[actor]]\nid = 2\n";
    let at = |s: &str| text.find(s).unwrap();
    let (event, actor, broken_at) = (0, at("[[actor]]"), at("[[event.actors]"));
    assert_eq!(
        pieces(text, &[event, actor, broken_at]),
        [
            piece(event, Some(event), None),
            piece(actor, Some(actor), None),
            piece(broken_at, Some(broken_at), Some(event)),
        ]
    );
    let errors = broken(text, &[event, actor, broken_at], &[at("]\nid = 1") + 1]);
    assert_eq!(errors, [event, broken_at].into());
}

#[test]
fn a_header_inside_a_string_or_value_is_no_header() {
    let text = "[[event]]\ns = \"\"\"\n[[actor]]\n\"\"\"\nv = [\n[1]]\n[[actor]]\n";
    let (event, actor) = (0, text.rfind("[[actor]]").unwrap());
    assert_eq!(
        pieces(text, &[event, actor]),
        [
            piece(event, Some(event), None),
            piece(actor, Some(actor), None)
        ]
    );
}

/// The ids of the items of list `key` kept by `parse_partial`.
fn kept(text: &str, key: &str) -> Vec<String> {
    use crate::load::tree::Value;
    let (doc, errors) = super::super::parse_partial(text);
    assert!(!errors.is_empty());
    let Some(Value::Array(items)) = doc.get(key).map(|e| &e.value.value) else {
        return Vec::new();
    };
    let id = |i: &crate::load::tree::Node<'_>| match i.get("id").map(|e| &e.value.value) {
        Some(Value::Str(s)) => Some(s.to_string()),
        _ => None,
    };
    items.iter().filter_map(id).collect()
}

/// Two sources, an event, and actors `a`, `b`, `c` with a table within
/// the event between `b` and `c`; `a_line` ends actor `a`, `role` the
/// table within.
fn written(a_line: &str, role: &str) -> String {
    format!(
        "[[source]]\nid = \"r\"\n\n[[source]]\nid = \"s\"\n\n[[event]]\nid = \"e\"\n\n\
         [[actor]]\nid = \"a\"\n{a_line}\n\n[[actor]]\nid = \"b\"\n\n\
         [[event.actors]]\nid = \"b\"\n{role}\n\n[[actor]]\nid = \"c\"\n"
    )
}

#[test]
fn a_bracket_after_an_error_hides_no_header_the_parser_reads() {
    let text = written("name = \"A\" [", "role = \"witness\" x");
    assert_eq!(kept(&text, "actor"), ["b", "c"]);
    assert!(kept(&text, "event").is_empty());
    assert_eq!(kept(&text, "source"), ["r", "s"]);
}

#[test]
fn a_value_never_closed_puts_the_last_record_of_each_type_at_risk() {
    for open in ["aliases = [\"Ay\"", "x = {a = 1"] {
        let text = written(open, "role = \"witness\"");
        assert!(kept(&text, "event").is_empty(), "{open}");
        assert_eq!(kept(&text, "source"), ["r"], "{open}");
        assert!(kept(&text, "actor").is_empty(), "{open}");
    }
}

#[test]
fn a_quoted_header_is_read_with_its_escapes() {
    let text = written("name = \"A\" x", "role = \"witness\" x")
        .replace("[[event.actors]]", "[[\"ev\\u0065nt\".actors]]");
    assert_eq!(kept(&text, "actor"), ["b", "c"]);
    assert!(kept(&text, "event").is_empty());
    assert_eq!(kept(&text, "source"), ["r", "s"]);
}

#[test]
fn a_quoted_header_not_read_puts_every_type_at_risk() {
    let text = written("name = \"A\"", "role = \"witness\"")
        .replace("[[event.actors]]", "[[\"ev\\q\".actors]]");
    assert!(kept(&text, "event").is_empty());
    assert_eq!(kept(&text, "source"), ["r"]);
    assert_eq!(kept(&text, "actor"), ["a", "c"]);
}
