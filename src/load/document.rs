//! Where the records of a JSON fact document stand, found in one reading.
//!
//! An extraction tool may write a million records into one JSON document,
//! whose tree would take about six times the document's size, and whose
//! records would be decoded one after another. Here the document is read
//! once with [`json::stream`], keeping only where each record stands and
//! its type, and what is wrong with the document's shape, in document order
//! ([`pieces`]): records can then be decoded from their text anywhere and
//! in any order. What is reported about the shape (keys that name no record
//! type, values that are not lists, a document that is not a table, records
//! of a top-level list without a known `type`) is what
//! [`super::shape::for_each_record`] reports of the whole tree. A
//! document with a syntax error gives what stands before it, as the whole
//! tree cut there ([`super::json::parse_partial`]) does, and the error.
//! Nothing here judges a record's fields.

use std::borrow::Cow;

use super::json::{self, Part};
use super::read::{SourceText, json_syntax};
use super::shape::{RecordShape, not_a_list, not_a_table, tagged, unknown_list};
use super::tree::Span;
use crate::diag::{Diagnostic, Diagnostics, MAX_KEPT};

/// A part of a JSON document as [`pieces`] finds it.
pub enum Piece {
    /// A record: where it stands, its type, and whether that is given by
    /// its own `type` (a record of the top-level list) rather than its
    /// list's key.
    Record {
        span: Span,
        shape: RecordShape,
        tagged: bool,
    },
    /// What is wrong with the document where it stands (boxed, to keep the
    /// pieces of a million records small).
    Problem(Box<Diagnostic>),
}

/// Where the parts of a document stand.
enum At<'a> {
    /// In the top-level list: its items are tagged records.
    List,
    /// Under a key of the top-level table, and the record type it names.
    Key(Cow<'a, str>, Option<RecordShape>),
}

/// A document's pieces, its problems past the first [`MAX_KEPT`] (a small
/// document may hold a million items that are not records, and every
/// problem is counted, but only so many are kept), and its first syntax
/// error, before which the pieces stand.
pub struct Pieces {
    pub list: Vec<Piece>,
    pub more: Diagnostics,
    pub syntax: Option<Box<Diagnostic>>,
}

/// Reads a JSON document for where its records stand: its records and the
/// problems of its shape, in document order, from byte `from` on (the items
/// of lists before it were read already). A document with a syntax error
/// gives what ends before it, and the error.
pub fn pieces(src: &SourceText<'_>, from: usize) -> Pieces {
    let mut pieces = Vec::new();
    let mut more = Diagnostics::default();
    let mut kept = 0;
    let mut problem = |pieces: &mut Vec<Piece>, d: Diagnostic| match kept < MAX_KEPT {
        true => {
            kept += 1;
            pieces.push(Piece::Problem(Box::new(d)));
        }
        false => more.push(d),
    };
    let mut found = Diagnostics::default();
    let mut at = At::List;
    // Items of lists of records, those before `from` too.
    let mut listed = 0;
    let read = json::stream(src.text, &mut |part| {
        let in_records = !matches!(at, At::Key(_, None));
        if in_records && matches!(part, Part::Listed(_) | Part::Item(_)) {
            listed += 1;
        }
        match part {
            Part::Key(key, span) => {
                let shape = RecordShape::from_name(&key);
                if shape.is_none() {
                    problem(&mut pieces, unknown_list(&key, span, src));
                }
                at = At::Key(key, shape);
            }
            Part::Listed(span) if span.start < from => {}
            Part::Item(node) if node.span.start < from => {}
            Part::Listed(span) => {
                if let At::Key(_, Some(shape)) = at {
                    pieces.push(Piece::Record {
                        span,
                        shape,
                        tagged: false,
                    });
                }
            }
            Part::Item(node) => {
                tagged(&node, src, &mut found, &mut |rec, _| {
                    pieces.push(Piece::Record {
                        span: node.span,
                        shape: rec.shape,
                        tagged: true,
                    });
                });
                for d in std::mem::take(&mut found.list) {
                    problem(&mut pieces, d);
                }
            }
            Part::Value(node) => {
                let wrong = match &at {
                    At::List => Some(not_a_table(&node, src)),
                    At::Key(key, Some(shape)) => Some(not_a_list(key, *shape, &node, src)),
                    At::Key(_, None) => None,
                };
                if let Some(d) = wrong {
                    problem(&mut pieces, d);
                }
            }
        }
    });
    Pieces {
        list: pieces,
        more,
        syntax: read.err().map(|e| Box::new(json_syntax(e, src, listed))),
    }
}
