//! Property tests: any valid fact set written as TOML, JSON or JSON Lines
//! reads back as the same facts.
//!
//! A random fact set ([`super::arb::spec`]) is loaded from JSON Lines; its
//! canonical JSON Lines must be exactly the records drawn (so nothing is
//! lost or changed on the way in or out); each encoding written from it
//! must load without a diagnostic error, give the same canonical JSON
//! Lines, and be written again byte for byte.

use proptest::prelude::*;
use serde_json::Value;

use super::arb::{Spec, cases, spec};
use super::{jsonl, write};
use crate::load::Format;
use crate::model::Facts;
use crate::validate::load_bytes;

fn load(bytes: &[u8], format: Format) -> Result<Facts, TestCaseError> {
    let (facts, diags) = load_bytes(bytes, format);
    prop_assert!(
        !diags.has_errors(),
        "{:?} does not load: {:#?}\n{}",
        format,
        diags.list,
        String::from_utf8_lossy(bytes)
    );
    Ok(facts)
}

fn lines(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or(Value::Null))
        .collect()
}

fn round_trip(spec: &Spec) -> Result<(), TestCaseError> {
    let facts = load(spec.jsonl().as_bytes(), Format::JsonLines)?;
    let canonical = jsonl::write(&facts);
    prop_assert_eq!(&lines(&canonical), &spec.records);
    for format in [Format::Toml, Format::Json, Format::JsonLines] {
        let bytes = write(&facts, format);
        let again = load(&bytes, format)?;
        let again_canonical = jsonl::write(&again);
        prop_assert_eq!(
            String::from_utf8_lossy(&again_canonical),
            String::from_utf8_lossy(&canonical),
            "{:?}:\n{}",
            format,
            String::from_utf8_lossy(&bytes)
        );
        prop_assert!(write(&again, format) == bytes, "{:?}: second pass", format);
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn every_encoding_reads_back_the_same_facts(spec in spec()) {
        round_trip(&spec)?;
    }
}
