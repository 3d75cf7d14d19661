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

/// Text whose second string, `é`, is cut by the first page's end.
fn cut_character() -> (Vec<u8>, Vec<Range<usize>>) {
    let first = "a".repeat(PAGE - 1);
    let strings = [first.as_str(), "é", "bc", "d"];
    let mut bytes = Vec::new();
    let mut ranges = Vec::new();
    for s in strings {
        let start = bytes.len();
        bytes.extend_from_slice(s.as_bytes());
        ranges.push(start..bytes.len());
    }
    (bytes, ranges)
}

#[test]
fn a_page_cut_through_a_character_is_checked_once_and_reads_whole() {
    let (bytes, ranges) = cut_character();
    let len = bytes.len();
    let mut ends = Ends::default();
    ranges.iter().for_each(|r| assert!(ends.push(r.end)));
    let mut text = SharedText::read_on_demand(Arc::new(bytes), 0, len);
    text.index(&ends);
    let read: Vec<&str> = ranges.iter().map(|r| text.str(r.clone())).collect();
    assert_eq!(read, ["a".repeat(PAGE - 1).as_str(), "é", "bc", "d"]);
    assert!(matches!(text.page(1).map(|p| &p.body), Some(Body::Text(_))));
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
    let mut ends = Ends::default();
    let mut bytes = Vec::new();
    for w in &words {
        bytes.extend_from_slice(w.as_bytes());
        assert!(ends.push(bytes.len()));
    }
    let len = bytes.len();
    let mut text = SharedText::read_on_demand(Arc::new(bytes), 0, len);
    text.index(&ends);
    assert!(!text.across.is_empty());
    assert!(text.pages.iter().all(|p| p.get().is_none()));
    let mut start = 0;
    for (w, end) in words.iter().zip(ends.iter()) {
        assert_eq!(text.str(start..end), w);
        start = end;
    }
    assert_eq!(text.str(1..len), "", "not a string that runs across pages");
    let copy = text.clone();
    let mut start = 0;
    for (w, end) in words.iter().zip(ends.iter()) {
        assert_eq!(copy.str(start..end), w, "read again by a clone");
        start = end;
    }
    assert_eq!(text.all().len(), len);
}

proptest::proptest! {
    #[test]
    fn a_character_cut_short_is_found_from_its_first_byte(
        s in "[a\u{e9}\u{20ac}\u{1f600}]{0,8}",
        cut in 0usize..40,
    ) {
        let k = cut.min(s.len());
        let boundary = (0..=k).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
        proptest::prop_assert_eq!(cut_short(&s.as_bytes()[..k]), boundary);
    }
}
