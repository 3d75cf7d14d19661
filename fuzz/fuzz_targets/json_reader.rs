//! Any bytes read as a Json fact file: no panic, diagnostics render,
//! and valid facts survive every encoding.

#![no_main]

mod common;

use chronicle::load::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::read(data, Format::Json));
