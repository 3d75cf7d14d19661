//! The scanner's own tests: keys, string lengths and the quote search.

use proptest::prelude::*;

use super::{Key, Scan};
use crate::validate::fast::keys::Values;

#[test]
fn keys_are_read_whole_and_only_when_known() {
    let read = |line: &str| Scan { line, at: 0 }.key();
    assert_eq!(read(r#""reliability":"A""#), Some(Key::Reliability));
    assert_eq!(read(r#""in":"x""#), Some(Key::In));
    let others = [
        r#""reliabilityx":1"#,
        r#""i":1"#,
        r#""lat":1"#,
        r#""d\u0061te":"2024""#,
        r#""date"#,
        r#"":1"#,
    ];
    for other in others {
        assert_eq!(read(other), None, "{other}");
    }
}

#[test]
fn a_string_is_as_long_as_written_up_to_its_closing_quote() {
    let len = |s: &str| super::written_len(s.as_bytes());
    assert_eq!(len(r#"plain" rest"#), Some(5));
    assert_eq!(len(r#"a\"b\\" rest"#), Some(6));
    assert_eq!(len(r#"\u00e9" rest"#), Some(6));
    assert_eq!(len(r#"\"#), None);
    assert_eq!(len("open"), None);
    assert_eq!(len("a\u{1}b\""), None);
    // The room taken for a string with escapes is its own, not the
    // rest of its line.
    let line = format!(
        r#"{{"type":"actor","id":"a","name":"x\ty","note":"{}"}}"#,
        "z".repeat(1000)
    );
    let mut scan = Scan {
        line: &line,
        at: line.find("x\\").unwrap() - 1,
    };
    let name = scan.str().unwrap();
    assert_eq!(&*name, "x\ty");
    assert!(matches!(&name.0, std::borrow::Cow::Owned(s) if s.capacity() < 10));
}

proptest! {
    #[test]
    fn quote_finds_the_first_quote_within_a_key(
        bytes in prop::collection::vec(prop::sample::select(
            vec![b'a', b'"', b'\\', 0x00, 0x21, 0x23, 0xa2, 0xff]
        ), 0..20)
    ) {
        let naive = bytes.iter().take(super::Key::LONGEST + 1).position(|&b| b == b'"');
        prop_assert_eq!(super::quote(&bytes), naive);
    }
}
