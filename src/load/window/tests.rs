//! Windows over a file's text place records as the whole text does.

use super::*;
use crate::load::tree::Span;

/// Every record of `doc` (each `{` at the top) found through a window: the
/// positions of its first, middle and last bytes, and of the span from its
/// middle to its end found by where it stands, are those found in the
/// whole text.
fn windows_agree(doc: &str) {
    let whole = SourceText::new(FileId(0), doc, 1, 0);
    let starts: Vec<usize> = records(doc);
    let mut window = Window::new(doc.as_bytes(), FileId(0));
    for &start in &starts {
        let end = RecordEnd::new(start).find(doc.as_bytes()).unwrap();
        let Some((src, at)) = window.record(start as u64) else {
            panic!("record at {start} not found in {doc:?}")
        };
        let shift = src.base_offset as usize;
        assert_eq!(at + shift, start);
        for byte in [start, (start + end) / 2, end - 1] {
            let byte = doc.floor_char_boundary(byte);
            let span = Span::new(byte, end);
            let inside = Span::new(byte - shift, end - shift);
            let (got, want) = (src.pos(inside), whole.pos(span));
            if got != want {
                let brief = |p: &crate::diag::Pos| {
                    let text = p.text.as_deref().unwrap_or_default();
                    (
                        p.line,
                        p.col,
                        p.len,
                        p.cut,
                        text.len(),
                        text.chars().take(40).collect::<String>(),
                    )
                };
                panic!(
                    "byte {byte} of a document of {} bytes: {:?} against {:?}",
                    doc.len(),
                    brief(&got),
                    brief(&want)
                );
            }
        }
        // A span found again by where it stands, as a record's problems
        // read as it came are.
        let mid = doc.floor_char_boundary((start + end) / 2).max(start);
        let Some((src, span)) = window.around(mid as u64, end - mid) else {
            panic!("span at {mid} not found")
        };
        assert_eq!(
            src.pos(span),
            whole.pos(Span::new(mid, end)),
            "span at {mid}"
        );
    }
}

/// Where the records of a list of records start.
fn records(doc: &str) -> Vec<usize> {
    let mut depth = 0;
    let mut in_string = false;
    let mut escaped = false;
    let mut starts = Vec::new();
    for (i, b) in doc.bytes().enumerate() {
        match (in_string, escaped, b) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (true, false, _) => {}
            (false, _, b'"') => in_string = true,
            (false, _, b'{') => {
                if depth == 1 {
                    starts.push(i);
                }
                depth += 1;
            }
            (false, _, b'[') => depth += 1,
            (false, _, b'}' | b']') => depth -= 1,
            _ => {}
        }
    }
    starts
}

fn doc(records: &[String], joint: &str) -> String {
    format!("[{}]", records.join(joint))
}

#[test]
fn records_on_lines_of_their_own_are_placed_as_in_the_whole_text() {
    let recs: Vec<String> = (0..5000)
        .map(|i| format!("{{\"id\": \"é-{i}\",\n  \"t\": \"{}\"}}", "x".repeat(i % 7)))
        .collect();
    windows_agree(&doc(&recs, ",\n"));
}

#[test]
fn records_far_into_one_long_line_are_placed_as_in_the_whole_text() {
    let recs: Vec<String> = (0..3000)
        .map(|i| format!("{{\"id\": \"ü{i}\", \"t\": \"{}\"}}", "y".repeat(i % 50)))
        .collect();
    windows_agree(&doc(&recs, ","));
}

#[test]
fn a_byte_order_mark_is_not_counted() {
    let text = "[{\"a\": 1},\n {\"b\": 2}]";
    let with_mark = format!("\u{feff}{text}");
    let mut window = Window::new(with_mark.as_bytes(), FileId(0));
    let (src, at) = window.record(12).unwrap();
    let whole = SourceText::new(FileId(0), text, 1, 0);
    assert_eq!(src.pos(Span::new(at, at + 1)), whole.pos(Span::new(12, 13)));
    assert_eq!(whole.pos(Span::new(12, 13)).line, 2);
}

#[test]
fn a_record_past_the_end_is_not_found() {
    let text = "[{\"a\": 1}, {\"b\": 2}]";
    let mut window = Window::new(text.as_bytes(), FileId(0));
    assert!(window.record(11).is_some());
    assert!(window.record(100).is_none());
    let mut window = Window::new("[{\"a\": ".as_bytes(), FileId(0));
    assert!(window.record(1).is_none());
}

proptest::proptest! {
    #[test]
    fn windows_place_records_as_the_whole_text_does(
        recs in proptest::collection::vec(("[a-z é\"\\\\{}]{0,40}", 0usize..3000), 1..12),
        joints in proptest::collection::vec("[ \n,]{0,3}", 12),
    ) {
        let recs: Vec<String> = recs
            .iter()
            .map(|(t, pad)| format!("{{\"t\": {}, \"p\": \"{}\"}}", serde_json::to_string(t).unwrap_or_default(), "z".repeat(*pad)))
            .collect();
        let mut text = String::from("[");
        for (i, r) in recs.iter().enumerate() {
            if i > 0 {
                text.push(',');
                text.push_str(joints.get(i).map_or("", |j| j.as_str()).trim_matches(','));
            }
            text.push_str(r);
        }
        text.push(']');
        windows_agree(&text);
    }
}
