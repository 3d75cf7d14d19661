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
    // Writing to memory cannot fail.
    let _ = write_to(facts, &mut out);
    out
}

/// The fact set as JSON Lines, written into `out` a line at a time.
pub fn write_to(facts: &Facts, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut line = Vec::new();
    for record in records(facts) {
        let object = Object {
            record: &record,
            tagged: true,
        };
        line.clear();
        if serde_json::to_writer(&mut line, &object).is_err() {
            // Never half a line.
            continue;
        }
        line.push(b'\n');
        out.write_all(&line)?;
    }
    Ok(())
}
