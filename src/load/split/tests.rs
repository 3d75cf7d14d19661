//! Cutting JSON documents: each shape cut into its records with their
//! types, batches near the size asked, and the byte where the cutting stops.

use super::*;

/// Cuts `doc` reading `read` bytes at a time into batches of about
/// `batch` bytes: the records' texts with their offsets and types, or
/// `None` when the cutting stops.
fn records(
    doc: &str,
    read: usize,
    batch: usize,
) -> Option<Vec<(u64, String, Option<RecordShape>)>> {
    let mut found = Vec::new();
    let mut next_offset = 0;
    for cut in Batches::sized(doc.as_bytes(), read, batch) {
        let Cut::Batch(b) = cut else { return None };
        assert_eq!(b.offset, next_offset, "batches follow each other");
        next_offset += b.bytes.len() as u64;
        for r in &b.records {
            let text = std::str::from_utf8(&b.bytes[r.start..r.end]).unwrap();
            found.push((b.offset + r.start as u64, text.to_string(), r.shape));
        }
    }
    Some(found)
}

#[test]
fn a_table_of_lists_is_cut_into_its_records_with_their_types() {
    let doc = r#"{"actors": [{"id": "a"}, {"id": "b", "x": [1, {"y": "}"}]}],
                  "event": [ ], "events": [{"id": "e"}]}"#;
    let got = records(doc, BATCH_BYTES, BATCH_BYTES).unwrap();
    let texts: Vec<_> = got.iter().map(|(_, t, s)| (t.as_str(), *s)).collect();
    assert_eq!(
        texts,
        vec![
            (r#"{"id": "a"}"#, Some(RecordShape::Actor)),
            (
                r#"{"id": "b", "x": [1, {"y": "}"}]}"#,
                Some(RecordShape::Actor)
            ),
            (r#"{"id": "e"}"#, Some(RecordShape::Event)),
        ]
    );
    for (offset, text, _) in &got {
        assert_eq!(&doc[*offset as usize..*offset as usize + text.len()], text);
    }
}

#[test]
fn a_list_of_records_is_cut_with_no_type_given() {
    let doc = "\n[{\"type\": \"actor\", \"name\": \"q\\\"{\"}\r\n,\t{}]\n";
    let got = records(doc, 3, 1).unwrap();
    let texts: Vec<_> = got.iter().map(|(_, t, s)| (t.as_str(), *s)).collect();
    assert_eq!(
        texts,
        vec![
            ("{\"type\": \"actor\", \"name\": \"q\\\"{\"}", None),
            ("{}", None)
        ]
    );
}

#[test]
fn a_byte_order_mark_is_skipped_and_not_counted() {
    let got = records("\u{feff}[{}]", 1, 1);
    assert_eq!(got, Some(vec![(1, "{}".to_string(), None)]));
}

#[test]
fn the_cutting_stops_at_the_byte_it_cannot_take() {
    let stop = |doc: &str| match Batches::sized(doc.as_bytes(), 3, 1).last() {
        Some(Cut::Stop(at)) => Some(at),
        _ => None,
    };
    assert_eq!(stop(r#"{"events": [{}], "evnt": []}"#), Some(17));
    assert_eq!(stop(r#"[{}, 2]"#), Some(5));
    assert_eq!(stop(r#"[{"a": "b"}"#), Some(11));
    assert_eq!(stop(r#"[{}]"#), None);
}

#[test]
fn empty_documents_give_no_batch() {
    for doc in ["{}", " [ ] ", "{\"sources\": []}"] {
        assert_eq!(records(doc, 2, 1), Some(vec![]), "{doc}");
    }
}

#[test]
fn any_other_shape_stops_the_cutting() {
    for doc in [
        "",
        "  ",
        "\"text\"",
        "3",
        r#"{"evnt": [{}]}"#,
        r#"{"event\u0073": [{}]}"#,
        r#"{"events": {"id": "e"}}"#,
        r#"{"events": [1]}"#,
        r#"[{}, 2]"#,
        r#"[{},]"#,
        r#"{"events": [], }"#,
        r#"{"events" [{}]}"#,
        r#"[{}] x"#,
        r#"[{}] []"#,
        r#"[{"a": "b"]"#,
        r#"[{"a": "b"}"#,
        r#"{"events": [{}]"#,
    ] {
        assert_eq!(records(doc, 1, 1), None, "{doc:?}");
        assert_eq!(records(doc, BATCH_BYTES, BATCH_BYTES), None, "{doc:?}");
    }
}

#[test]
fn large_documents_are_cut_into_batches_near_the_size_asked() {
    let record = r#"{"id": "e", "title": "T"}"#;
    let doc = format!("[{}]", vec![record; 1000].join(",\n"));
    let sizes: Vec<usize> = Batches::sized(doc.as_bytes(), 64, 1024)
        .map(|c| match c {
            Cut::Batch(b) => b.bytes.len(),
            Cut::Stop(_) => panic!("stopped"),
        })
        .collect();
    assert!(sizes.len() > 20);
    assert_eq!(sizes.iter().sum::<usize>(), doc.len());
    assert!(sizes.iter().all(|s| *s < 1024 + record.len() + 2));
}

proptest::proptest! {
    #[test]
    fn records_are_found_however_the_input_is_read(
        items in proptest::collection::vec("[a{}\\[\\]\"\\\\ ,:]{0,12}", 0..8),
        read in 1usize..16,
        batch in 1usize..64,
    ) {
        // Records whose strings hold brackets, quotes and escapes.
        let recs: Vec<String> = items
            .iter()
            .map(|s| format!("{{\"t\": {}}}", serde_json::to_string(s).unwrap()))
            .collect();
        let doc = format!("{{\"events\": [{}]}}", recs.join(", "));
        let whole = records(&doc, BATCH_BYTES, BATCH_BYTES);
        let cut = records(&doc, read, batch);
        proptest::prop_assert_eq!(&whole, &cut);
        let texts: Vec<String> = whole.unwrap_or_default().into_iter().map(|(_, t, _)| t).collect();
        proptest::prop_assert_eq!(texts, recs);
    }
}
