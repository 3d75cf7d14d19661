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
    // A syntax error after the records read keeps them.
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

/// A document of fifty actors and an event with a bad date for each, with
/// a syntax error made by `spoil` (of the text and where the event of the
/// 26th starts), in both shapes.
fn spoiled(spoil: &dyn Fn(&str, usize) -> String) -> Vec<String> {
    let actor = |i| format!(r#"{{"id": "a{i}", "name": "Ä {i}", "kind": "person"}}"#);
    let event =
        |i| format!(r#"{{"id": "e{i}", "title": "E", "date": "2024-13", "actors": ["a{i}"]}}"#);
    let tag = |r: String, t: &str| r.replacen('{', &format!(r#"{{"type": "{t}", "#), 1);
    let listed: Vec<String> = (0..50)
        .map(|i| format!("{},\n  {}", tag(actor(i), "actor"), tag(event(i), "event")))
        .collect();
    let actors: Vec<String> = (0..50).map(actor).collect();
    let events: Vec<String> = (0..50).map(event).collect();
    let keyed = format!(
        "{{\"actors\": [\n    {}\n  ],\n  \"events\": [\n    {}\n  ]}}\n",
        actors.join(",\n    "),
        events.join(",\n    ")
    );
    let listed = format!("[\n  {}\n]\n", listed.join(",\n  "));
    [keyed, listed]
        .into_iter()
        .map(|text| {
            let middle = text
                .find("\"e25\"")
                .and_then(|at| text[..at].rfind('{'))
                .unwrap();
            spoil(&text, middle)
        })
        .collect()
}

/// Reads a document as the tests of agreement do, and whole: its
/// records, and its diagnostics' codes.
fn whole(text: &str) -> (Pending, Diagnostics) {
    use crate::load::read::each_record;
    let src = SourceText::new(FileId(0), text, 1, 0);
    let (mut store, mut diags) = (Pending::default(), Diagnostics::default());
    let sink =
        &mut |rec: RawRecord<'_, '_>, d: &mut Diagnostics| decode::record(rec, &mut store, d);
    each_record(&src, crate::load::Format::Json, &mut diags, sink);
    (store, diags)
}

#[test]
fn a_document_with_a_syntax_error_gives_the_records_that_end_before_it() {
    use crate::diag::Code;
    let truncated = spoiled(&|text, middle| text[..middle + 20].to_string());
    let stray = spoiled(&|text, middle| {
        let comma = middle + text[middle..].find(',').unwrap() + 1;
        format!("{}x{}", &text[..comma], &text[comma..])
    });
    let between = spoiled(&|text, middle| {
        let comma = text[..middle].rfind(',').unwrap();
        format!("{}{}", &text[..comma], &text[comma + 1..])
    });
    for text in truncated.iter().chain(&stray).chain(&between) {
        agrees(text);
        for threads in [false, true] {
            let (_, rest) = streamed(text, threads);
            assert!(rest.is_some(), "{text}");
        }
        let (store, diags) = whole(text);
        // The records before the broken one are read and checked.
        assert_eq!(store.broken.len(), 25, "{text}");
        assert_eq!(diags.count(Code::InvalidDate), 25, "{text}");
        assert_eq!(diags.count(Code::Syntax), 1, "{text}");
        let first = &diags.list[0];
        assert_eq!(first.code, Code::Syntax);
        let counted = ["the 75 records", "the 51 records"];
        assert!(
            counted
                .iter()
                .any(|c| first.notes[0].message.starts_with(c))
        );
    }
    // Nothing of a document that is neither a list nor a table, and no
    // note where no record could stand before the error.
    for text in ["", "// x\n[]", "\"ab", "1 2"] {
        agrees(text);
        let (store, diags) = whole(text);
        let describe = super::super::fast::agree::describe;
        assert_eq!(describe(&store), describe(&Pending::default()), "{text}");
        assert!(diags.list.iter().all(|d| d.notes.is_empty()), "{text}");
    }
}

#[test]
fn a_syntax_error_is_kept_before_the_problems_of_the_records_read() {
    let items = vec!["1"; 12_000].join(", ");
    let text = format!("[{items}, {{\"type\": \"actr\"}} x]");
    agrees(&text);
    let (_, diags) = whole(&text);
    assert_eq!(diags.list[0].code, crate::diag::Code::Syntax);
    // Each item that is not a record is reported, past those kept too.
    assert_eq!(diags.count(crate::diag::Code::WrongType), 12_000);
    agrees(&format!(
        "{{\"actor\": 1, \"x\": [], \"event\": [{items}], \"y\": [1, 2"
    ));
}

#[test]
fn a_record_is_held_to_the_nesting_it_has_in_the_document() {
    let deep = |n| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let record = |n| {
        format!(
            r#"{{"id": "e", "title": "E", "date": "2024", "attributes": {{"k": {}}}}}"#,
            deep(n)
        )
    };
    for n in 123..=127 {
        agrees(&format!("{{\"event\": [{}]}}", record(n)));
        agrees(&format!(
            "[{}]",
            record(n).replacen('{', r#"{"type": "event", "#, 1)
        ));
    }
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
