//! Any text parsed as EDTF: no panic; an error points inside the text; a
//! date prints as canonical text that parses back to the same date, and
//! its bounds are ordered.

#![no_main]

use chronicle::edtf::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse(text) {
        Err(e) => {
            assert!(
                text.get(e.offset..e.offset + e.len).is_some(),
                "{text:?}: error at {}+{} is not inside the text",
                e.offset,
                e.len
            );
        }
        Ok(value) => {
            let canonical = value.to_string();
            assert_eq!(
                parse(&canonical).as_ref(),
                Ok(&value),
                "{text:?} → {canonical:?}"
            );
            let (earliest, latest) = value.bounds().sort_key();
            assert!(earliest <= latest, "{text:?}: bounds out of order");
            for date in [value.start(), value.end()].into_iter().flatten() {
                let (first, last) = date.bounds();
                assert!(first <= last, "{text:?}: a date's bounds out of order");
            }
            assert!(!value.human().is_empty());
        }
    }
});
