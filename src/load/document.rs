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
use super::tree::{Node, Span};
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
    let mut walk = Walk {
        src,
        from,
        pieces: Vec::new(),
        more: Diagnostics::default(),
        kept: 0,
        at: At::List,
        listed: 0,
    };
    let read = json::stream(src.text, &mut |part| walk.part(part));
    Pieces {
        syntax: read
            .err()
            .map(|e| Box::new(json_syntax(e, src, walk.listed))),
        list: walk.pieces,
        more: walk.more,
    }
}

/// [`pieces`] as it reads the document's parts.
struct Walk<'s, 't> {
    src: &'s SourceText<'t>,
    from: usize,
    pieces: Vec<Piece>,
    more: Diagnostics,
    /// How many problems `pieces` holds.
    kept: usize,
    at: At<'t>,
    /// Items of lists of records, those before `from` too.
    listed: usize,
}

impl<'t> Walk<'_, 't> {
    fn part(&mut self, part: Part<'t>) {
        let in_records = !matches!(self.at, At::Key(_, None));
        if in_records && matches!(part, Part::Listed(_) | Part::Item(_)) {
            self.listed += 1;
        }
        match part {
            Part::Key(key, span) => {
                let shape = RecordShape::from_name(&key);
                if shape.is_none() {
                    self.problem(unknown_list(&key, span, self.src));
                }
                self.at = At::Key(key, shape);
            }
            Part::Listed(span) if span.start < self.from => {}
            Part::Item(node) if node.span.start < self.from => {}
            Part::Listed(span) => {
                if let At::Key(_, Some(shape)) = self.at {
                    let tagged = false;
                    self.pieces.push(Piece::Record {
                        span,
                        shape,
                        tagged,
                    });
                }
            }
            Part::Item(node) => self.item(&node),
            Part::Value(node) => {
                let wrong = match &self.at {
                    At::List => Some(not_a_table(&node, self.src)),
                    At::Key(key, Some(shape)) => Some(not_a_list(key, *shape, &node, self.src)),
                    At::Key(_, None) => None,
                };
                if let Some(d) = wrong {
                    self.problem(d);
                }
            }
        }
    }

    /// An item of a top-level list: a record with its `type`, or a problem.
    fn item(&mut self, node: &Node<'t>) {
        let mut found = Diagnostics::default();
        let pieces = &mut self.pieces;
        tagged(node, self.src, &mut found, &mut |rec, _| {
            pieces.push(Piece::Record {
                span: node.span,
                shape: rec.shape,
                tagged: true,
            });
        });
        for d in found.list {
            self.problem(d);
        }
    }

    /// A problem, kept while fewer than [`MAX_KEPT`] are.
    fn problem(&mut self, d: Diagnostic) {
        match self.kept < MAX_KEPT {
            true => {
                self.kept += 1;
                self.pieces.push(Piece::Problem(Box::new(d)));
            }
            false => self.more.push(d),
        }
    }
}
