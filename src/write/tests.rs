//! The writers on chosen inputs: the bundled facts through each encoding,
//! the escaping of hostile text, number forms and attribute keys.

use std::path::PathBuf;

use super::{jsonl, toml, write};
use crate::diag::Diagnostics;
use crate::load::{Format, Input};
use crate::model::Facts;
use crate::validate::load_bytes;

const FORMATS: [Format; 3] = [Format::Toml, Format::Json, Format::JsonLines];

fn bundled() -> Facts {
    let mut diags = Diagnostics::default();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("facts");
    let facts = crate::validate::load(&[Input::Path(root)], &mut diags).unwrap();
    assert!(!diags.has_errors(), "{:#?}", diags.list);
    facts
}

/// Loads bytes that must be valid facts.
fn valid(bytes: &[u8], format: Format) -> Facts {
    let (facts, diags) = load_bytes(bytes, format);
    assert!(
        !diags.has_errors(),
        "{format:?} does not load:\n{}\n{:#?}",
        String::from_utf8_lossy(bytes),
        diags.list
    );
    facts
}

#[test]
fn the_bundled_facts_survive_every_encoding_and_a_second_pass_changes_nothing() {
    let facts = bundled();
    let canonical = jsonl::write(&facts);
    for format in FORMATS {
        let bytes = write(&facts, format);
        let again = valid(&bytes, format);
        assert_eq!(jsonl::write(&again), canonical, "{format:?}");
        assert_eq!(write(&again, format), bytes, "{format:?}: a second pass");
        assert_eq!(again.events.len(), 11);
    }
}

#[test]
fn records_come_in_canonical_order_with_fields_in_table_order() {
    let facts = valid(
        br#"
[[relation]]
kind = "k"
from = "e"
to = "a"
[[event]]
sources = ["s"]
date = "2024-03-22"
title = "E"
id = "e"
killed = 13
injured = "~5"
[[actor]]
name = "A"
id = "a"
[[source]]
title = "S"
id = "s"
"#,
        Format::Toml,
    );
    let text = String::from_utf8(toml::write(&facts)).unwrap();
    assert_eq!(
        text,
        "[[source]]\nid = \"s\"\ntitle = \"S\"\n\n\
         [[actor]]\nid = \"a\"\nname = \"A\"\n\n\
         [[event]]\nid = \"e\"\ntitle = \"E\"\ndate = \"2024-03-22\"\nkilled = 13\ninjured = \"~5\"\nsources = [\"s\"]\n\n\
         [[relation]]\nkind = \"k\"\nfrom = \"e\"\nto = \"a\"\n"
    );
    let lines = String::from_utf8(jsonl::write(&facts)).unwrap();
    assert_eq!(
        lines.lines().next(),
        Some(r#"{"type":"source","id":"s","title":"S"}"#)
    );
}

#[test]
fn toml_strings_escape_quotes_backslashes_and_control_characters() {
    let mut out = String::new();
    toml::string(
        &mut out,
        "a\"b\\c\nd\re\tf\u{0}\u{8}\u{c}\u{1f}\u{7f}é🎉\u{2028}",
    );
    assert_eq!(
        out,
        "\"a\\\"b\\\\c\\nd\\re\\tf\\u0000\\b\\f\\u001F\\u007Fé🎉\u{2028}\""
    );
    let mut key = String::new();
    toml::key(&mut key, "plain_key-1");
    toml::key(&mut key, " ");
    toml::key(&mut key, "");
    toml::key(&mut key, "a.b");
    assert_eq!(key, "plain_key-1\" \"\"\"\"a.b\"");
}

proptest::proptest! {
    #[test]
    fn toml_strings_escape_each_character_alone(
        s in "(?s).{0,24}|[\"\\\\\u{0}-\u{1f}\u{7f}a\u{e9}\u{80}\u{2028}]{0,24}",
    ) {
        let mut got = String::new();
        toml::string(&mut got, &s);
        let mut want = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => want.push_str("\\\""),
                '\\' => want.push_str("\\\\"),
                '\n' => want.push_str("\\n"),
                '\t' => want.push_str("\\t"),
                '\r' => want.push_str("\\r"),
                '\u{8}' => want.push_str("\\b"),
                '\u{c}' => want.push_str("\\f"),
                c if c.is_ascii_control() => want.push_str(&format!("\\u{:04X}", u32::from(c))),
                c => want.push(c),
            }
        }
        want.push('"');
        proptest::prop_assert_eq!(got, want);
    }
}

#[test]
fn hostile_text_and_numbers_come_back_through_every_encoding() {
    let jsonl_in = concat!(
        r#"{"type":"source","id":"s\"\\","title":"<b>&amp;</b> \"q\" \\ \n\r\t\u0000\u007f 🎉 مرحبا","note":"]]\n[[actor]]"}"#,
        "\n",
        r#"{"type":"place","id":"p","name":"P","lat":55.0,"lon":-0.000001,"sources":[{"id":"s\"\\","quote":" q "}]}"#,
        "\n",
        r#"{"type":"event","id":"e","title":"T","date":"2024-03-22T19:58:00+03:00","killed":"4294967295","injured":"10-20","place":"p","attributes":{"":1,"a b":-9223372036854775808,"x":1e300,"y":-0.0,"z":"","t":true,"\"":"\\"},"sources":["s\"\\"]}"#,
        "\n",
    );
    let facts = valid(jsonl_in.as_bytes(), Format::JsonLines);
    let canonical = jsonl::write(&facts);
    for format in FORMATS {
        let bytes = write(&facts, format);
        let again = valid(&bytes, format);
        assert_eq!(jsonl::write(&again), canonical, "{format:?}");
    }
    let text = String::from_utf8(toml::write(&facts)).unwrap();
    assert!(text.contains("lat = 55.0\nlon = -1e-6\n"), "{text}");
    assert!(text.contains("x = 1e300, y = -0.0"), "{text}");
    assert!(
        text.contains("\"\" = 1, \"a b\" = -9223372036854775808"),
        "{text}"
    );
}

#[test]
fn counts_are_written_as_the_format_writes_them() {
    let facts = valid(
        br#"[[event]]
id = "e"
title = "E"
date = "2024"
killed = "4294967295"
injured = "10-20"
[[event]]
id = "f"
title = "F"
date = "2024"
killed = "~100"
injured = "140+"
"#,
        Format::Toml,
    );
    let text = String::from_utf8(toml::write(&facts)).unwrap();
    assert!(
        text.contains("killed = 4294967295\ninjured = \"10-20\"\n"),
        "{text}"
    );
    assert!(
        text.contains("killed = \"~100\"\ninjured = \"140+\"\n"),
        "{text}"
    );
}

#[test]
fn a_key_given_twice_is_written_once_where_last_given_with_its_last_value() {
    let line =
        r#"{"type":"event","id":"e","title":"E","date":"2024","attributes":{"a":1,"b":2,"a":3}}"#;
    let facts = valid(line.as_bytes(), Format::JsonLines);
    assert_eq!(facts.events[0].attributes.len(), 3);
    let text = String::from_utf8(toml::write(&facts)).unwrap();
    assert!(text.contains("attributes = { b = 2, a = 3 }"), "{text}");
    let many: Vec<String> = (0..20).map(|i| format!("\"k{}\":{i}", i % 7)).collect();
    let line = format!(
        r#"{{"type":"event","id":"e","title":"E","date":"2024","attributes":{{{}}}}}"#,
        many.join(",")
    );
    let facts = valid(line.as_bytes(), Format::JsonLines);
    let text = String::from_utf8(toml::write(&facts)).unwrap();
    assert!(
        text.contains(
            "attributes = { k6 = 13, k0 = 14, k1 = 15, k2 = 16, k3 = 17, k4 = 18, k5 = 19 }"
        ),
        "{text}"
    );
    for format in FORMATS {
        valid(&write(&facts, format), format);
    }
}

#[test]
fn an_empty_fact_set_is_written_empty_and_loads() {
    let facts = Facts::default();
    assert_eq!(write(&facts, Format::Toml), b"");
    assert_eq!(write(&facts, Format::Json), b"{}\n");
    assert_eq!(write(&facts, Format::JsonLines), b"");
    for format in FORMATS {
        let again = valid(&write(&facts, format), format);
        assert_eq!(again.entity_count(), 0);
    }
}

#[test]
fn floats_read_by_the_fast_json_lines_decoder_are_exact() {
    // serde_json reads floats exactly only with `float_roundtrip`; without
    // it this attribute came back as -1.1045790479306201e276.
    let line = r#"{"type":"event","id":"e","title":"E","date":"2024","attributes":{"x":-1.1045790479306198e276,"y":0.30000000000000004}}"#;
    let facts = valid(line.as_bytes(), Format::JsonLines);
    let lines = String::from_utf8(jsonl::write(&facts)).unwrap();
    assert!(
        lines.contains(r#""attributes":{"x":-1.1045790479306198e+276,"y":0.30000000000000004}"#),
        "{lines}"
    );
}

/// A writer that takes `room` bytes, then fails.
struct Full {
    room: usize,
    took: Vec<u8>,
}

impl std::io::Write for Full {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.room == 0 {
            return Err(std::io::Error::other("disk full"));
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        self.took
            .extend_from_slice(buf.get(..n).unwrap_or_default());
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn writing_as_it_goes_stops_at_a_failed_write_with_its_error() {
    let facts = bundled();
    for format in FORMATS {
        let whole = write(&facts, format);
        let mut out = Full {
            room: whole.len() / 2,
            took: Vec::new(),
        };
        let err = super::write_to(&facts, format, &mut out).unwrap_err();
        assert_eq!(err.to_string(), "disk full", "{format:?}");
        assert_eq!(out.took, whole[..whole.len() / 2], "{format:?}");
        let mut all = Full {
            room: usize::MAX,
            took: Vec::new(),
        };
        super::write_to(&facts, format, &mut all).unwrap();
        assert_eq!(all.took, whole, "{format:?}");
    }
}
