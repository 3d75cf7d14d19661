//! The fast decoder must accept exactly the records the diagnostic decoder
//! accepts, and build the same records from them.

use proptest::prelude::*;

use super::agree::{agree, agree_keyed, both, both_keyed, scanned_as_serde_reads};
use super::scan;
use crate::load::RecordShape;

const VALID: &[&str] = &[
    r#"{"type":"source","id":"s","title":"T","publisher":"P","url":"https://x","published":"2024-04-02","reliability":"c","credibility":3,"note":"n"}"#,
    r#"{"type":"actor","id":"a","name":"A \"q\" \\ é","kind":"group","aliases":["U.S.","x"],"note":"n","sources":["s",{"id":"s","quote":"q"}]}"#,
    r#"{"type":"place","id":"p","name":"P","kind":"city","in":"q","lat":55.75,"lon":-37,"aliases":["pp"],"sources":[{"id":"s"}]}"#,
    r#"{"type":"event","id":"e","title":"E","date":"2024-03-07/2024-03-22","kind":"attack","place":"p","actors":["a",{"id":"b","role":"perpetrator"}],"killed":"140+","injured":12,"summary":"s","attributes":{"k":"v","n":1,"f":1.5,"b":true},"sources":[{"id":"s","quote":"\u00e9"}]}"#,
    r#"{"type":"relation","id":"r","kind":"warned","from":"a","to":"b","date":"../2024-03-07","note":"n","sources":["s"]}"#,
    r#"  {"type":"relation","kind":"k","from":"a","to":"b"}  "#,
    r#"{"type":"event","id":"e2","title":"Plain","date":"2024-03-22","kind":"attack","place":"p","actors":[{"id":"a","role":"perpetrator"},"b"],"killed":140,"injured":"~12","summary":"<b>no</b> escapes & ünïcode","sources":[{"id":"s","quote":"q"},"s"]}"#,
    r#"{ "type" : "actor" , "id" : "a2" , "name" : "Ä" , "aliases" : [ ] , "sources" : [ ] }"#,
    r#"{"type":"source","id":"s2","title":"T","credibility":6}"#,
];

const INVALID: &[&str] = &[
    r#"{"type":"event","id":"e","title":"E"}"#,
    r#"{"type":"event","id":"e","title":"E","date":"2024-02-30"}"#,
    r#"{"type":"event","id":"e","title":"E","date":"2024","killed":"lots"}"#,
    r#"{"type":"event","id":"e","title":"E","date":"2024","killed":1.5}"#,
    r#"{"type":"event","id":"e","title":"E","date":"2024","killed":-1}"#,
    r#"{"type":"actor","id":"a b","name":"A"}"#,
    r#"{"type":"actor","id":"","name":"A"}"#,
    r#"{"type":"actor","id":"a","name":"  "}"#,
    r#"{"type":"actor","id":"a","name":"A","date":"2024"}"#,
    r#"{"type":"actor","id":"a","name":"A","colour":"red"}"#,
    r#"{"type":"actor","id":"a","name":"A","name":"B"}"#,
    r#"{"type":"actor","id":"a","name":null}"#,
    r#"{"type":"actor","id":"a","name":"A","aliases":[""]}"#,
    r#"{"type":"actor","id":"a","name":"A","sources":[{"id":"s","role":"x"}]}"#,
    r#"{"type":"event","id":"e","title":"E","date":"2024","actors":[{"id":"a","quote":"x"}]}"#,
    r#"{"type":"place","id":"p","name":"P","lat":91,"lon":0}"#,
    r#"{"type":"place","id":"p","name":"P","lat":1}"#,
    r#"{"type":"source","id":"s","title":"T","reliability":"G"}"#,
    r#"{"type":"source","id":"s","title":"T","credibility":7}"#,
    r#"{"type":"actors","id":"a","name":"A"}"#,
    r#"{"type":"event","id":"e","title":"E","date":"2024","attributes":{"k":[1]}}"#,
    r#"{"type":"actor","id":"a","name":"A"} x"#,
    r#"{"type":"event","id":"e","title":"E","date":"2024","actors":[{"id":"a","role":""}]}"#,
    r#"{"type":"actor","id":"a","name":"A","sources":[{"id":"s","quote":" "}]}"#,
    r#"{"type":"actor","id":"a","name":"\ud800"}"#,
];

#[test]
fn valid_records_are_taken_by_both_decoders_alike() {
    for text in VALID {
        let (fast_ok, fast, slow_ok, slow) = both(text);
        assert!(fast_ok && slow_ok, "{text}");
        assert_eq!(fast, slow, "{text}");
    }
}

#[test]
fn invalid_records_are_left_to_the_diagnostic_decoder() {
    for text in INVALID {
        let (fast_ok, _, slow_ok, _) = both(text);
        assert!(!fast_ok, "fast decoder accepted {text}");
        assert!(!slow_ok, "diagnostic decoder accepted {text}");
    }
}

/// A tagged line as a record of its type's list in a document: the same
/// object without its `type` (each key once, in text order of serde_json).
fn untagged(line: &str) -> Option<(String, RecordShape)> {
    let serde_json::Value::Object(mut fields) = serde_json::from_str(line).ok()? else {
        return None;
    };
    let shape = match fields.remove("type")? {
        serde_json::Value::String(tag) => RecordShape::from_name(&tag)?,
        _ => return None,
    };
    Some((serde_json::Value::Object(fields).to_string(), shape))
}

#[test]
fn records_of_a_document_s_lists_are_taken_by_both_decoders_alike() {
    for line in VALID {
        let Some((text, shape)) = untagged(line) else {
            panic!("{line}");
        };
        let (fast_ok, fast, slow_ok, slow) = both_keyed(&text, shape);
        assert!(fast_ok && slow_ok, "{text}");
        assert_eq!(fast, slow, "{text}");
        // With its `type` kept, it is refused by both.
        let (fast_ok, _, slow_ok, _) = both_keyed(line, shape);
        assert!(!fast_ok && !slow_ok, "{line}");
    }
    // Some become valid without their tag (a repeated key is read once).
    for (text, shape) in INVALID.iter().filter_map(|line| untagged(line)) {
        agree_keyed(&text, shape);
    }
    let (fast_ok, _, slow_ok, _) =
        both_keyed(r#"{"type":null,"id":"a","name":"A"}"#, RecordShape::Actor);
    assert!(!fast_ok && !slow_ok);
}

#[test]
fn the_scanner_reads_plain_lines_and_leaves_the_rest_to_serde() {
    let common = VALID
        .iter()
        .filter(|l| !l.contains("attributes") && !l.contains("\"lat\""));
    let common: Vec<_> = common.collect();
    assert!(common.len() >= 6);
    for line in common {
        assert!(scan::flat(line).is_some(), "{line}");
        scanned_as_serde_reads(line);
    }
    for line in [
        r#"{"type":"actor","id":"a","name":"A\u0041 \u00e9\u20ac \ud83d\ude00"}"#,
        r#"{"type":"actor","id":"a","name":"\"\\\/\b\f\n\r\t","note":"\\"}"#,
        r#"{"type":"actor","name":"a name longer than twenty-four bytes\"here"}"#,
        r#"{"type":"actor","name":"\u0000"}"#,
    ] {
        assert!(scan::flat(line).is_some(), "{line}");
        scanned_as_serde_reads(line);
    }
    for line in [
        r#"{"type":"actor","name":"\ud83d"}"#,
        r#"{"type":"actor","name":"\ud83d\u0041"}"#,
        r#"{"type":"actor","name":"\ude00"}"#,
        r#"{"type":"actor","name":"\u00e"}"#,
        r#"{"type":"actor","name":"\u+0e9"}"#,
        r#"{"type":"actor","name":"\x"}"#,
        r#"{"type":"actor","name":"\"#,
        r#"{"\u0074ype":"actor"}"#,
        r#"{"type":"event","killed":-0}"#,
        r#"{"type":"event","killed":1.0}"#,
        r#"{"type":"event","killed":1e3}"#,
        r#"{"type":"event","killed":01}"#,
        r#"{"type":"event","killed":99999999999999999999}"#,
        r#"{"type":"actor","name":null}"#,
        r#"{"type":"actor","colour":"red"}"#,
        r#"{"type":"actor","name":"A","name":"B"}"#,
        r#"{"type":"actor","type":"actor"}"#,
        r#"{"type":""}"#,
        r#"{"type":"actor"} x"#,
        r#"{"type":"actor",}"#,
        r#"{"type":"act	or"}"#,
        r#"{"type":"actor","sources":[{"id":"s","id":"t"}]}"#,
        r#"{"type":"actor","sources":[{"id":"s","role":"r","quote":"q"}]}"#,
        r#"{"type":"actor","sources":[{}]}"#,
        r#"{"type":"actor","sources":[["s"]]}"#,
        r#"{"type":"place","lat":1,"lon":2}"#,
        r#"{"type":"event","attributes":{}}"#,
        r#"["type","actor"]"#,
        "{\"type\":\"actor\",\"name\":\"a name longer than twenty-four bytes\there\"}",
        r#"{"type":"actor","name":"a name longer than twenty-four bytes"#,
    ] {
        assert!(scan::flat(line).is_none(), "{line}");
        scanned_as_serde_reads(line);
    }
}

#[test]
fn records_without_a_type_are_scanned_as_serde_reads_them() {
    for line in [r#"{"id":"a"}"#, r#"{}"#, r#" { "id" : "a" ,"name":"A" } "#] {
        assert!(
            scan::flat(line).is_some_and(|f| f.tag.0.is_none()),
            "{line}"
        );
        scanned_as_serde_reads(line);
    }
}

#[test]
fn blank_lines_are_skipped_by_both() {
    assert_eq!(both("   "), (true, String::new(), true, String::new()));
}

/// Valid lines with one change: a character replaced, dropped or doubled.
fn mutated() -> impl Strategy<Value = String> {
    let alphabet = prop::sample::select(vec![
        '"', '\\', '{', '}', '[', ']', ',', ':', ' ', '0', '9', '-', 'X', '~', '?', '/', '.', 'a',
        'é', 'n', 't',
    ]);
    (
        prop::sample::select(VALID.to_vec()),
        any::<prop::sample::Index>(),
        alphabet,
        0..3u8,
    )
        .prop_map(|(line, at, c, how)| {
            let mut chars: Vec<char> = line.chars().collect();
            let i = at.index(chars.len());
            match how {
                0 => chars[i] = c,
                1 => drop(chars.remove(i)),
                _ => chars.insert(i, c),
            }
            chars.into_iter().collect()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn the_decoders_agree_on_mutated_lines(text in mutated()) {
        agree(&text);
    }

    #[test]
    fn the_decoders_agree_on_mutated_records_of_lists(text in mutated(), shape in 0..5usize) {
        // Mostly without a `type`: the tag of the line mutated is dropped.
        let (text, shape) = match untagged(&text) {
            Some(keyed) => keyed,
            None => (text, RecordShape::ALL.get(shape).copied().unwrap_or(RecordShape::Event)),
        };
        agree_keyed(&text, shape);
    }

    #[test]
    fn white_space_is_found_as_unicode_defines_it(s in "[ -~\t\n\r\x0b\x0c\u{85}\u{a0}\u{2000}-\u{200b}\u{3000}a-z\u{1c}-\u{1f}]{0,12}") {
        prop_assert_eq!(super::has_space(&s), s.chars().any(char::is_whitespace));
    }

    #[test]
    fn blank_is_what_trim_leaves_empty(s in "[ \t\n\r\u{85}\u{a0}\u{2000}-\u{200b}\u{3000}a-z\u{1c}-\u{1f}]{0,8}") {
        prop_assert_eq!(super::blank(&s), s.trim().is_empty());
    }
}
