//! Any text as JSON Lines records, line by line: the fast decoder and the
//! diagnostic decoder accept the same lines and build the same records, and
//! the scanner reads what serde reads.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        text.split('\n').for_each(chronicle::validate::decoders_agree);
    }
});
