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

/// Past a chunk of events looked up on two threads, each event is resolved
/// as alone: good references in place, bad ones reported in event order
/// and left out.
#[test]
fn events_resolved_on_two_threads_are_as_if_resolved_one_by_one() {
    let mut text = String::from(
        "{\"type\":\"source\",\"id\":\"s\",\"title\":\"S\"}\n\
         {\"type\":\"actor\",\"id\":\"a0\",\"name\":\"A0\"}\n\
         {\"type\":\"actor\",\"id\":\"a1\",\"name\":\"A1\"}\n\
         {\"type\":\"place\",\"id\":\"p\",\"name\":\"P\"}\n",
    );
    let events = 140_000;
    let bad = |i: usize| i % 9_973 == 17;
    for i in 0..events {
        let (actor, place, source) = match (bad(i), i % 3) {
            (true, 0) => ("nobody", "p", "s"),
            (true, 1) => ("a0", "a1", "s"),
            (true, _) => ("a1", "p", "p"),
            (false, _) => (["a0", "a1"][i % 2], "p", "s"),
        };
        text.push_str(&format!(
            "{{\"type\":\"event\",\"id\":\"e{i}\",\"title\":\"E\",\"date\":\"2024\",\
             \"actors\":[\"{actor}\"],\"place\":\"{place}\",\"sources\":[\"{source}\"]}}\n"
        ));
    }
    let (facts, diags) = load_bytes(text.as_bytes(), Format::JsonLines);
    let reported: Vec<(String, u64)> = diags
        .list
        .iter()
        .map(|d| match &d.loc {
            Some(Loc::Field(origin, _)) => (d.message.clone(), origin.offset),
            other => panic!("no field: {other:?}"),
        })
        .collect();
    let mut offsets: Vec<u64> = reported.iter().map(|r| r.1).collect();
    offsets.sort_unstable();
    assert!(reported.iter().map(|r| r.1).eq(offsets), "in event order");
    let wrong = (0..events).filter(|&i| bad(i)).count();
    assert_eq!(reported.len(), wrong, "{reported:?}");
    let first = reported.first().map(|r| r.0.as_str());
    assert_eq!(first, Some("`p` is a place, not a source"), "event 17");
    assert_eq!(facts.events.len(), events);
    for (i, e) in facts.events.iter().enumerate() {
        let actors: Vec<&str> = e
            .actors
            .iter()
            .filter_map(|p| facts.actor(p.actor))
            .map(|a| facts.str(a.id))
            .collect();
        let want_actor = match (bad(i), i % 3) {
            (true, 0) => vec![],
            (true, 1) => vec!["a0"],
            (true, _) => vec!["a1"],
            (false, _) => vec![["a0", "a1"][i % 2]],
        };
        assert_eq!(actors, want_actor, "event {i}");
        let placed = e.place.is_some();
        assert_eq!(placed, !(bad(i) && i % 3 == 1), "event {i}");
        let cited = e.sources.len();
        assert_eq!(cited, usize::from(!(bad(i) && i % 3 == 2)), "event {i}");
    }
}
