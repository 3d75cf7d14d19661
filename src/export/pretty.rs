//! Indented JSON for the JSON exports: two spaces a level, each value on a
//! line of its own, byte for byte the layout of `serde_json`'s pretty
//! printer.
//!
//! The layout is the same; the writing is not. A line break and the spaces
//! after it are one write, sliced from a line held ready, where the pretty
//! printer writes the break and then the indentation two spaces at a time:
//! the canonical timeline of a million events is 1.2 GB, most of its lines
//! four levels deep. This module decides only where breaks and spaces go;
//! serde_json writes the values and escapes the strings.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

/// How deep a line is written in one piece; deeper lines are written in
/// two.
const READY_LEVELS: usize = 32;

/// A comma, a line break and the spaces of [`READY_LEVELS`] levels.
const LINE: [u8; 2 + 2 * READY_LEVELS] = ready_line();

const fn ready_line() -> [u8; 2 + 2 * READY_LEVELS] {
    let mut line = [b' '; 2 + 2 * READY_LEVELS];
    line[0] = b',';
    line[1] = b'\n';
    line
}

/// `value` as indented JSON and a newline, written to `out` through a
/// buffer of its own (the serializer's many small writes then stay out of
/// `out`'s dynamic calls).
pub fn write(value: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    let mut serializer = serde_json::Serializer::with_formatter(&mut buffered, Indented::default());
    // An error in writing stays the error it was (a closed pipe is then
    // seen as one).
    value.serialize(&mut serializer).map_err(io::Error::from)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// `value` as indented JSON and a newline. Writing into memory fails only if
/// a value cannot be JSON (a map with non-string keys), which no export
/// builds; the output would then be empty.
pub fn to_vec(value: &impl Serialize) -> Vec<u8> {
    let mut out = Vec::new();
    if write(value, &mut out).is_err() {
        out.clear();
    }
    out
}

/// Where the writer is: how many arrays and objects are open, and whether
/// the innermost one has a value yet (an empty one closes on its own line).
#[derive(Default)]
struct Indented {
    depth: usize,
    has_value: bool,
}

impl Indented {
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth = self.depth.saturating_add(1);
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            new_line(w, false, self.depth)?;
        }
        w.write_all(bracket)
    }
}

/// A line break (after a comma when `comma`) and `depth` levels of spaces.
fn new_line<W: ?Sized + Write>(w: &mut W, comma: bool, depth: usize) -> io::Result<()> {
    let from = usize::from(!comma);
    let ready = depth.min(READY_LEVELS);
    w.write_all(LINE.get(from..2 + 2 * ready).unwrap_or(b"\n"))?;
    for _ in ready..depth {
        w.write_all(b"  ")?;
    }
    Ok(())
}

impl Formatter for Indented {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        new_line(w, !first, self.depth)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        new_line(w, !first, self.depth)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{Value, json};

    fn pretty(value: &Value) -> Vec<u8> {
        let mut want = serde_json::to_vec_pretty(value).unwrap();
        want.push(b'\n');
        want
    }

    /// Any JSON value, nested up to `depth` levels.
    fn value(depth: u32) -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            "[a-z\"\\\\\n é]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(depth, 64, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec(("[a-z\"]{0,3}", inner), 0..4)
                    .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn the_layout_is_serde_jsons_pretty_one(v in value(6)) {
            prop_assert_eq!(to_vec(&v), pretty(&v));
        }
    }

    #[test]
    fn lines_deeper_than_the_ready_line_are_indented_in_full() {
        let mut deep = json!({"leaf": [1, {}, []]});
        for i in 0..(READY_LEVELS + 5) {
            deep = match i % 2 {
                0 => json!([deep, i]),
                _ => json!({"in": deep, "i": i}),
            };
        }
        let got = to_vec(&deep);
        assert_eq!(got, pretty(&deep));
        let widest = got.split(|b| *b == b'\n').map(|l| l.len()).max();
        assert!(widest > Some(2 * READY_LEVELS + 2), "{widest:?}");
    }

    #[test]
    fn empty_arrays_and_objects_close_on_their_line() {
        let v = json!({"a": [], "b": {}, "c": [[]], "d": [{}]});
        assert_eq!(to_vec(&v), pretty(&v));
        assert_eq!(to_vec(&json!([])), b"[]\n");
    }
}
