//! Resolving tests: notes of wrong-kind references and duplicates point at
//! the record that defines the id, whichever kind is being resolved.

use crate::diag::{Code, Loc};
use crate::load::Format;
use crate::validate::load_bytes;

const FACTS: &str = r#"{"type":"source","id":"s","title":"S"}
{"type":"actor","id":"a","name":"A","sources":["a2"]}
{"type":"actor","id":"a2","name":"A2"}
{"type":"event","id":"e1","title":"E1","date":"2024","actors":["e2"],"sources":["s"]}
{"type":"event","id":"e2","title":"E2","date":"2024","sources":["s"]}
{"type":"relation","id":"r1","kind":"k","from":"a","to":"r2"}
{"type":"relation","id":"r2","kind":"k","from":"a","to":"r1"}
{"type":"relation","id":"r3","kind":"k","from":"a","to":"a2","sources":["r3"]}
{"type":"event","id":"e3","title":"E3","date":"2024","place":"a","sources":["e3"]}
{"type":"actor","id":"s","name":"Dup"}
{"type":"place","id":"e1","name":"Dup"}
"#;

/// The byte offset of the line that starts with `prefix`.
fn offset_of(prefix: &str) -> u64 {
    let mut offset = 0;
    for line in FACTS.lines() {
        if line.starts_with(prefix) {
            return offset;
        }
        offset += line.len() as u64 + 1;
    }
    panic!("no line starts with {prefix}");
}

/// Each diagnostic of `code`: its message and the offset its note points at.
fn notes(code: Code) -> Vec<(String, u64)> {
    let (_, diags) = load_bytes(FACTS.as_bytes(), Format::JsonLines);
    let list = diags.list.iter().filter(|d| d.code == code);
    list.map(|d| match d.notes.first().and_then(|n| n.loc.as_ref()) {
        Some(Loc::Field(origin, _)) => (d.message.clone(), origin.offset),
        other => panic!("note without a field: {other:?}"),
    })
    .collect()
}

#[test]
fn a_wrong_kind_note_points_at_the_definition() {
    let at = |kind: &str, id: &str| offset_of(&format!(r#"{{"type":"{kind}","id":"{id}""#));
    let expected = vec![
        ("`a2` is an actor, not a source", at("actor", "a2")),
        ("`e2` is an event, not an actor", at("event", "e2")),
        ("`a` is an actor, not a place", at("actor", "a")),
        ("`e3` is an event, not a source", at("event", "e3")),
        (
            "`r2` is a relation, not an actor, place or event",
            at("relation", "r2"),
        ),
        (
            "`r1` is a relation, not an actor, place or event",
            at("relation", "r1"),
        ),
        ("`r3` is a relation, not a source", at("relation", "r3")),
    ];
    let expected: Vec<(String, u64)> = expected
        .into_iter()
        .map(|(m, o)| (m.to_string(), o))
        .collect();
    assert_eq!(notes(Code::WrongReferenceKind), expected);
}

#[test]
fn a_duplicate_note_points_at_the_first_definition() {
    let at = |kind: &str, id: &str| offset_of(&format!(r#"{{"type":"{kind}","id":"{id}""#));
    let expected = vec![
        ("duplicate id `s`".to_string(), at("source", "s")),
        ("duplicate id `e1`".to_string(), at("event", "e1")),
    ];
    assert_eq!(notes(Code::DuplicateId), expected);
}
