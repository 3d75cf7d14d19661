//! JSON documents read as they come give the records and diagnostics of
//! the whole reading, and the whole reading goes on from where they stop.

use super::*;

const PLAIN: [&str; 3] = [
    r#"{"sources": [{"id": "s", "title": "S \"q\" {"}],
        "actors": [{"id": "a", "name": "Ä", "sources": ["s"]}, {"id": "b", "name": "B"}],
        "events": [{"id": "e", "title": "E", "date": "2024-03?", "actors": [{"id": "a", "role": "x"}],
                    "place": "p", "sources": [{"id": "s", "quote": "]}"}], "killed": "50+"}],
        "places": [{"id": "p", "name": "P", "lat": 1, "lon": 2}],
        "relations": [{"from": "a", "to": "b", "kind": "ally", "date": "2024/.."}]}"#,
    r#"[{"type": "actor", "id": "a", "name": "A"},
        {"type": "event", "id": "e", "title": "E", "date": "2024", "actors": ["a"]}]"#,
    "{}",
];

/// Reads `text` as it comes, cut small (on worker threads as a large
/// document is, or on this one): the store, and what is left to the
/// whole reading.
fn streamed(text: &str, threads: bool) -> (Pending, Option<Rest>) {
    let mut store = Pending::default();
    let mut diags = Diagnostics::default();
    let cuts = Batches::sized(text.as_bytes(), 5, 30);
    let progress = &mut super::super::NoProgress;
    let size = if threads { BATCH_BYTES as u64 + 1 } else { 0 };
    let rest = stream(cuts, FileId(0), size, &mut store, &mut diags, progress);
    (store, rest)
}

#[test]
fn plain_documents_are_read_as_they_come_as_when_read_whole() {
    for text in PLAIN {
        assert!(streamed(text, false).1.is_none(), "{text}");
        assert!(streamed(text, true).1.is_none(), "{text}");
        agrees(text);
    }
    for threads in [false, true] {
        let (store, _) = streamed(PLAIN[0], threads);
        assert_eq!((store.actors.len(), store.events.len()), (2, 1));
    }
}

#[test]
fn the_whole_reading_goes_on_from_where_reading_as_it_comes_gave_up() {
    let good: Vec<String> = (0..50)
        .map(|i| format!(r#"{{"id": "a{i}", "name": "A"}}"#))
        .collect();
    let text = format!(
        r#"{{"actors": [{}], "events": [{{"id": "e", "title": "E", "date": "2024-13"}}], "x": 1}}"#,
        good.join(", ")
    );
    for threads in [false, true] {
        let (store, rest) = streamed(&text, threads);
        let from = rest.as_ref().map_or(0, |r| r.from);
        assert!(from > 1000, "{from}");
        assert!(store.actors.is_empty(), "kept for the whole reading");
    }
    agrees(&text);
    // A syntax error after the records read gives that error alone.
    agrees(&text.replace("\"x\": 1", "\"x\": 1,"));
}

#[test]
fn a_record_the_fast_decoder_refuses_is_decoded_as_it_comes_with_its_problems() {
    for text in [
        r#"{"events": [{"id": "e", "title": "E", "date": "2024-13"}]}"#,
        r#"{"actors": [{"id": "a", "name": "A", "type": "actor"}]}"#,
        r#"[{"id": "a", "name": "A"}, {"type": "actr"}, {"type": "actor", "id": "b"}]"#,
    ] {
        for threads in [false, true] {
            let (store, rest) = streamed(text, threads);
            assert!(rest.is_none(), "{text}");
            assert!(
                !store.broken.is_empty() || store.actors.len() == 1,
                "{text}"
            );
        }
        agrees(text);
    }
}

#[test]
fn a_record_that_is_not_json_makes_the_document_read_whole() {
    let text = r#"[{"type": "actor", "id": "a", "name": "A"]]"#;
    assert!(streamed(text, true).1.is_some());
    agrees(text);
}

#[test]
fn documents_read_split_as_read_whole() {
    for text in [
        r#"{"source": [{"id": "s", "title": "S"}], "actors": [{"id": "a", "name": "A", "kind": ""}],
           "evnt": [1], "event": {"id": "e"}, "place": [{"id": "p", "name": "P", "lat": 1, "lon": 2}]}"#,
        r#"[{"type": "actor", "id": "a", "name": "A"}, {"type": "actr"}, 3, {"id": "x"},
            {"type": "event", "id": "e", "title": "E", "date": "2024-13", "actors": ["a"]}]"#,
        r#"{"event": [{"id": "e", "title": "E", "date": "2024", "type": "event"}]}"#,
        r#""text""#,
        r#"{"actor": [{"id": "a", "name": "A"}, {"id": "a" "name": "B"}]}"#,
        "\u{feff}{\"event\": [{ \"date\": -1}]}",
        "\u{feff}\u{feff}{\"event\": [{ \"date\": -1}]}",
        "",
    ] {
        agrees(text);
    }
}

#[test]
fn problems_past_those_kept_are_counted_as_when_read_whole() {
    let items = vec!["1"; 12_000].join(", ");
    agrees(&format!("[{items}, {{\"type\": \"actr\"}}]"));
    agrees(&format!(
        "{{\"actor\": 1, \"x\": [], \"event\": [{items}]}}"
    ));
}

/// What is said of `bytes` as a document too large to be read whole: the
/// code, the byte it is at, and the message.
fn refused(bytes: &[u8]) -> (crate::diag::Code, u64, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    std::fs::write(&path, bytes).unwrap();
    let (mut store, mut diags) = (Pending::default(), Diagnostics::default());
    let size = Some(bytes.len() as u64);
    let progress = &mut super::super::NoProgress;
    let rest = stream_file(&path, FileId(0), size, &mut store, &mut diags, progress).unwrap();
    let d = too_large(&path, FileId(0), &rest);
    let Some(Loc::Text(origin, 1)) = d.loc else {
        panic!("{:?}", d.loc)
    };
    (d.code, origin.offset, d.message)
}

#[test]
fn a_document_too_large_to_be_read_whole_is_refused_at_its_first_problem() {
    use crate::diag::Code;
    let good = r#"{"id": "e0", "title": "É", "date": "2024"}"#;
    let bad = r#"{"id": "e1", "title" "E", "date": "2024"}"#;
    let text = format!("{{\"events\": [{good}, {bad}, {good}]}}");
    // The parser's words on the record that is not JSON, where it says.
    let e = json::parse(bad).unwrap_err();
    let at = (text.find(bad).unwrap() + e.offset) as u64;
    assert_eq!(refused(text.as_bytes()), (Code::Syntax, at, e.message));
    // Bytes that are not UTF-8, where they start.
    let text = format!("{{\"events\": [{good}, {good}]}}");
    let mut bytes = text.clone().into_bytes();
    let at = text.rfind('É').unwrap();
    bytes[at] = 0xff;
    let found = refused(&bytes);
    assert_eq!((found.0, found.1), (Code::Encoding, at as u64));
    // Another shape, where it starts.
    let text = format!("{{\"events\": [{good}], \"title\": \"x\"}}");
    let at = text.find("\"title\": \"x\"").unwrap() as u64;
    assert_eq!(refused(text.as_bytes()).0, Code::Limit);
    assert_eq!(refused(text.as_bytes()).1, at);
}
