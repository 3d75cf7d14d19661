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
    let (first, second) = crate::par::halves(&pieces.list, |half, _| decode_all(half, src));
    for (part, found) in [first, second] {
        store.absorb(part);
        diags.append(found);
    }
    // Past as many as are kept: counted, not kept.
    diags.append(pieces.more);
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

/// Holds [`read`] to the whole-tree reading of the same document: the same
/// records and the same diagnostics, in the same order. For the tests and
/// the fuzz targets; panics when they differ.
#[cfg(any(test, fuzzing))]
pub fn agrees(text: &str) {
    use crate::load::FileId;
    use crate::load::read::each_record;
    let src = SourceText::new(FileId(0), text, 1, 0);
    let (mut split, mut split_diags) = (Pending::default(), Diagnostics::default());
    read(&src, &mut split, &mut split_diags);
    let (mut whole, mut whole_diags) = (Pending::default(), Diagnostics::default());
    each_record(
        &src,
        crate::load::Format::Json,
        &mut whole_diags,
        &mut |rec, d| decode::record(rec, &mut whole, d),
    );
    let describe = super::fast::agree::describe;
    assert_eq!(describe(&split), describe(&whole), "records of {text}");
    let broken = |p: &Pending| {
        let named = p
            .broken
            .iter()
            .map(|(s, o)| (p.strings.resolve(*s).to_string(), *o));
        named.collect::<Vec<_>>()
    };
    assert_eq!(broken(&split), broken(&whole), "{text}");
    assert_eq!(split_diags.list, whole_diags.list, "diagnostics of {text}");
    assert_eq!(split_diags.errors(), whole_diags.errors(), "{text}");
}

#[cfg(test)]
mod tests {
    use super::agrees;

    #[test]
    fn documents_read_split_as_read_whole() {
        for text in [
            r#"{"source": [{"id": "s", "title": "S"}], "actors": [{"id": "a", "name": "A", "kind": ""}],
               "evnt": [1], "event": {"id": "e"}, "place": [{"id": "p", "name": "P", "lat": 1, "lon": 2}]}"#,
            r#"[{"type": "actor", "id": "a", "name": "A"}, {"type": "actr"}, 3, {"id": "x"},
                {"type": "event", "id": "e", "title": "E", "date": "2024-13", "actors": ["a"]}]"#,
            r#"{"event": [{"id": "e", "title": "E", "date": "2024", "type": "event"}]}"#,
            r#""text""#,
            r#"{"actor": [{"id": "a", "name": "A"}, {"id": "a" "name": "B"}]}"#,
            "",
        ] {
            agrees(text);
        }
    }

    #[test]
    fn problems_past_those_kept_are_counted_as_when_read_whole() {
        let items = vec!["1"; 12_000].join(", ");
        agrees(&format!("[{items}, {{\"type\": \"actr\"}}]"));
        agrees(&format!(
            "{{\"actor\": 1, \"x\": [], \"event\": [{items}]}}"
        ));
    }
}
