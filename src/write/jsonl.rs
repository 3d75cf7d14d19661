//! JSON Lines: one record a line, tagged with `"type"` first, compact, each
//! line ending in a line break; records in canonical order. Line breaks in
//! text are escaped by serde_json, so a record never spans two lines. An
//! empty fact set is an empty file.

use super::json::Object;
use super::records;
use crate::model::Facts;

/// The fact set as JSON Lines.
pub fn write(facts: &Facts) -> Vec<u8> {
    let mut out = Vec::new();
    for record in records(facts) {
        let object = Object {
            record: &record,
            tagged: true,
        };
        let mark = out.len();
        if serde_json::to_writer(&mut out, &object).is_err() {
            // Writing to memory cannot fail; never leave half a line.
            out.truncate(mark);
            continue;
        }
        out.push(b'\n');
    }
    out
}
