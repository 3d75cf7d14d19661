//! Any bytes read as a Toml fact file: no panic, diagnostics render,
//! valid facts survive every encoding, plain TOML read without the `toml`
//! crate gives the crate's tree, and the document read as it comes (cut
//! into batches of one or several whole sections, read a few bytes at a
//! time) gives the records and diagnostics parsing it whole gives,
//! whenever it can be cut.

#![no_main]

mod common;

use chronicle::load::Format;
use chronicle::load::toml::{parse_general, plain};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::read(data, Format::Toml);
    if let Ok(text) = std::str::from_utf8(data) {
        if let Some(tree) = plain::parse(text) {
            assert_eq!(Ok(tree), parse_general(text), "{text:?}");
        }
        let batch = [1, 64, 512][data.len() % 3];
        chronicle::validate::toml_reads_agree(text, 1 + data.len() % 7, batch);
    }
});
