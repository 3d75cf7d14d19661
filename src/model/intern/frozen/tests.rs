//! Tests of the stored text and its lookup table.

use super::*;

#[test]
fn a_probe_finds_every_handle_and_nothing_else() {
    let words = ["moscow", "kyiv", "", "isis-k", "russia"];
    let text = |s: Sym| words.get(s.index()).map_or(&b""[..], |w| w.as_bytes());
    let probe = Probe::build(words.len(), text);
    assert!(probe.slots.len().is_power_of_two());
    assert!(probe.fits(words.len()));
    assert!(!probe.fits(2));
    for (i, w) in words.iter().enumerate() {
        assert_eq!(probe.find(w.as_bytes(), text), Some(Sym::from_index(i)));
    }
    assert_eq!(probe.find(b"nowhere", text), None);
    assert_eq!(Probe::default().find(b"moscow", text), None);
}

#[test]
fn a_full_table_ends_its_search() {
    let text = |_: Sym| &b"same"[..];
    let probe = Probe {
        slots: vec![1, 2, 3, 4],
    };
    assert_eq!(probe.find(b"other", text), None);
}

#[test]
fn shared_text_reads_utf8_only() {
    let text = SharedText::read_on_demand(Arc::new(b"xxab\xffc".to_vec()), 2, 4);
    assert_eq!(text.str(0..2), "ab");
    assert_eq!(text.str(1..3), "");
    assert_eq!(text.str(3..9), "");
    let short = SharedText::read_on_demand(Arc::new(b"xxab".to_vec()), 2, 4);
    assert_eq!(short.str(0..2), "", "a page that cannot be read is empty");
}

/// Text whose second string, `é`, starts on the first page's last byte.
fn cut_character() -> (Vec<u8>, Vec<Range<usize>>) {
    let first = "a".repeat(PAGE - 1);
    strings(&[first.as_str(), "é", "bc", "d"])
}

/// The strings end to end, and where each lies.
fn strings(list: &[&str]) -> (Vec<u8>, Vec<Range<usize>>) {
    let mut bytes = Vec::new();
    let mut ranges = Vec::new();
    for s in list {
        let start = bytes.len();
        bytes.extend_from_slice(s.as_bytes());
        ranges.push(start..bytes.len());
    }
    (bytes, ranges)
}

/// The text of `bytes`, cut into strings at `ranges`' ends and indexed.
fn indexed(bytes: Vec<u8>, ranges: &[Range<usize>]) -> SharedText {
    let len = bytes.len();
    let mut ends = Ends::default();
    ranges.iter().for_each(|r| assert!(ends.push(r.end)));
    let mut text = SharedText::read_on_demand(Arc::new(bytes), 0, len);
    text.index(&ends);
    text
}

#[test]
fn a_page_holds_whole_the_strings_that_start_in_it() {
    let (bytes, ranges) = cut_character();
    let text = indexed(bytes, &ranges);
    let read: Vec<&str> = ranges.iter().map(|r| text.str(r.clone())).collect();
    assert_eq!(read, ["a".repeat(PAGE - 1).as_str(), "é", "bc", "d"]);
    assert_eq!(text.span(0), 0..PAGE + 1);
    assert_eq!(text.span(1), PAGE + 1..PAGE + 4);
    for page in [0, 1] {
        assert!(matches!(
            text.page(page).map(|p| &p.body),
            Some(Body::Text(_))
        ));
    }
    assert_eq!(text.str(PAGE..PAGE + 1), "", "half a character");
    assert_eq!(text.str(PAGE - 2..PAGE), "", "runs into half a character");
}

#[test]
fn a_page_that_is_not_utf8_still_reads_its_good_strings() {
    let text = SharedText::read_on_demand(Arc::new(b"ok\xffno\xc3\xa9".to_vec()), 0, 7);
    assert!(matches!(
        text.page(0).map(|p| &p.body),
        Some(Body::Bytes(_))
    ));
    assert_eq!(text.str(0..2), "ok");
    assert_eq!(text.str(2..5), "");
    assert_eq!(text.str(5..7), "é");
}

#[test]
fn strings_across_pages_read_whole_and_pages_only_when_asked() {
    let words: Vec<String> = (0..3000).map(|i| format!("word {i} é;")).collect();
    let list: Vec<&str> = words.iter().map(String::as_str).collect();
    let (bytes, ranges) = strings(&list);
    let len = bytes.len();
    assert!(ranges.iter().any(|r| r.start / PAGE != (r.end - 1) / PAGE));
    let text = indexed(bytes, &ranges);
    assert!(text.pages.iter().all(|g| g.get().is_none()));
    for (w, r) in words.iter().zip(&ranges) {
        assert_eq!(text.str(r.clone()), w);
    }
    assert_eq!(text.str(1..len), "", "not a string");
    let copy = text.clone();
    for (w, r) in words.iter().zip(&ranges) {
        assert_eq!(copy.str(r.clone()), w, "read again by a clone");
    }
    assert_eq!(text.all().len(), len);
}

#[test]
fn a_long_string_leaves_the_pages_it_covers_empty() {
    let long = "é".repeat(2 * PAGE);
    let (bytes, ranges) = strings(&["x", long.as_str(), "y", "z"]);
    let text = indexed(bytes, &ranges);
    assert_eq!(text.str(ranges[1].clone()), long);
    assert_eq!(text.span(1), text.span(1).start..text.span(1).start);
    let y = ranges[2].start / PAGE;
    assert_eq!(text.str(ranges[2].clone()), "y");
    assert_eq!(text.span(y).start, ranges[2].start);
}

proptest::proptest! {
    #[test]
    fn pages_cut_the_text_where_strings_start_and_read_each_whole(
        words in proptest::collection::vec("[ab\u{e9}\u{20ac}\u{1f600}]{0,400}", 0..24),
    ) {
        let list: Vec<&str> = words.iter().map(String::as_str).collect();
        let (bytes, ranges) = strings(&list);
        let len = bytes.len();
        let text = indexed(bytes, &ranges);
        for (w, r) in words.iter().zip(&ranges) {
            let read = if r.is_empty() { "" } else { text.str(r.clone()) };
            proptest::prop_assert_eq!(read, w.as_str());
        }
        let mut at = 0;
        for page in 0..text.page_count() {
            let span = text.span(page);
            proptest::prop_assert_eq!(span.start, at);
            at = span.end;
        }
        proptest::prop_assert_eq!(at, len);
    }
}
