//! Any bytes read as a Json fact file: no panic, diagnostics render,
//! valid facts survive every encoding, and the document read split into
//! records gives what the whole tree gives.

#![no_main]

mod common;

use chronicle::load::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::read(data, Format::Json);
    if let Ok(text) = std::str::from_utf8(data) {
        chronicle::validate::document_reads_agree(text);
    }
});
