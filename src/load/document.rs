//! A JSON fact document's records, handed on as the parser reads them.
//!
//! An extraction tool may write a million records into one JSON document.
//! Parsed whole, its tree took about six times the document's size (3.7 GB
//! for a document of 587 MB). Here the document is read twice with
//! [`json::stream`], one record's tree at a time: first for its first syntax
//! error, so that a document with one is reported as when it is parsed
//! whole (that error alone, no record), then to hand each record on as soon
//! as it is read. What is reported about the document's shape (keys that
//! name no record type, values that are not lists, a document that is not a
//! table) is what [`super::shape::for_each_record`] reports of the whole
//! tree, in the same order. Nothing here judges a record's fields.

use std::borrow::Cow;

use super::json::{self, Part};
use super::read::{RawRecord, SourceText, syntax};
use super::shape::{RecordShape, not_a_list, not_a_table, tagged, unknown_list};
use crate::diag::Diagnostics;

/// Where the parts of a document stand.
enum At<'a> {
    /// In the top-level list: its items are tagged records.
    List,
    /// Under a key of the top-level table, and the record type it names.
    Key(Cow<'a, str>, Option<RecordShape>),
}

/// Parses a JSON document and hands on its records in document order.
pub fn each_record<'a>(
    src: &SourceText<'a>,
    diags: &mut Diagnostics,
    sink: &mut dyn FnMut(RawRecord<'_, 'a>, &mut Diagnostics),
) {
    if let Err(e) = json::stream(src.text, &mut |_| {}) {
        diags.push(syntax(e, src));
        return;
    }
    let mut at = At::List;
    // Without a syntax error in the first reading there is none in this one.
    let _ = json::stream(src.text, &mut |part| match part {
        Part::Key(key, span) => {
            let shape = RecordShape::from_name(&key);
            if shape.is_none() {
                diags.push(unknown_list(&key, span, src));
            }
            at = At::Key(key, shape);
        }
        Part::Item(node) => match &at {
            At::List => tagged(&node, src, diags, sink),
            At::Key(_, Some(shape)) => {
                let record = RawRecord {
                    shape: *shape,
                    node: &node,
                    tagged: false,
                    src,
                };
                sink(record, diags);
            }
            At::Key(_, None) => {}
        },
        Part::Value(node) => match &at {
            At::List => diags.push(not_a_table(&node, src)),
            At::Key(key, Some(shape)) => diags.push(not_a_list(key, *shape, &node, src)),
            At::Key(_, None) => {}
        },
    });
}
