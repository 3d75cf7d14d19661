//! Any text as JSON Lines records, line by line: the fast decoder and the
//! diagnostic decoder accept the same lines and build the same records, and
//! the scanner reads what serde reads; and the same for each line as a
//! record of a document's list (of the type its length chooses).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        for line in text.split('\n') {
            chronicle::validate::decoders_agree(line);
            let shapes = chronicle::load::RecordShape::ALL;
            let shape = shapes[line.len() % shapes.len()];
            chronicle::validate::keyed_decoders_agree(line, shape);
        }
    }
});
