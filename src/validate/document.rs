//! JSON documents decoded as JSON Lines are: each record by the fast
//! decoder, on two threads.
//!
//! The document is read once for where its records stand
//! ([`crate::load::document::pieces`]); then each half of its records is
//! decoded on a thread of its own into a store of its own, the fast decoder
//! first and, for a record it refuses, the diagnostic decoder on that
//! record's tree, parsed again where it stands in the whole text (so every
//! diagnostic reads as when the document is decoded whole); the two stores
//! are joined in document order. The records and diagnostics are those of
//! [`crate::load::read::each_record`] with [`decode::record`], in the same
//! order. Nothing here reads files or walks the document's shape.

use super::{Pending, decode, fast};
use crate::diag::Diagnostics;
use crate::load::RawRecord;
use crate::load::document::{Piece, pieces};
use crate::load::json;
use crate::load::read::SourceText;

/// Decodes the records of a JSON document into the store.
pub fn read(src: &SourceText<'_>, store: &mut Pending, diags: &mut Diagnostics) {
    let pieces = match pieces(src) {
        Ok(pieces) => pieces,
        Err(syntax) => return diags.push(*syntax),
    };
    let (first, second) = crate::par::halves(&pieces, |half, _| decode_all(half, src));
    for (part, found) in [first, second] {
        store.absorb(part);
        diags.append(found);
    }
}

/// Decodes pieces in order into a store of their own.
fn decode_all(pieces: &[Piece], src: &SourceText<'_>) -> (Pending, Diagnostics) {
    let mut store = Pending::default();
    let mut diags = Diagnostics::default();
    for piece in pieces {
        match piece {
            Piece::Problem(d) => diags.push((**d).clone()),
            &Piece::Record {
                span,
                shape,
                tagged,
            } => {
                let Some(text) = src.text.get(span.start..span.end) else {
                    continue;
                };
                let offset = src.base_offset + span.start as u64;
                let given = (!tagged).then_some(shape);
                if fast::record(text, given, src.file, offset, &mut store) {
                    continue;
                }
                // Read whole once already, so it parses again.
                if let Ok(node) = json::parse_at(src.text, span.start) {
                    let rec = RawRecord {
                        shape,
                        node: &node,
                        tagged,
                        src,
                    };
                    decode::record(rec, &mut store, &mut diags);
                }
            }
        }
    }
    (store, diags)
}
