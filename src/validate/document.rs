//! JSON documents decoded as JSON Lines are: each record by the fast
//! decoder, on worker threads.
//!
//! A document of the plain shape (a table of lists of records, or a list of
//! records) is read from its file as it comes, cut into batches of whole
//! records ([`crate::load::split`]) that workers decode and the calling
//! thread joins in order ([`stream_file`]): its text is never held whole.
//! A record the fast decoder refuses is decoded there by the diagnostic
//! decoder from its own text, its problems placed when they are shown
//! (by reading the file again around them). From where the document is not
//! of that shape, or a batch is not UTF-8 or has a record that is not JSON,
//! the document is read whole instead ([`read_rest`]): once for where its
//! records stand ([`crate::load::document::pieces`]), then each half of
//! its records on a thread of its own, the fast decoder first and, for a
//! record it refuses, the diagnostic decoder on that record's tree, parsed
//! again where it stands in the whole text; the stores are joined in
//! document order. Either way the records and diagnostics are those of
//! [`crate::load::read::each_record`] with [`decode::record`], in the same
//! order: for a document with a syntax error, the error, then the records
//! that end before it (found by the whole reading, which takes over at
//! the batch the error is in). Nothing here walks the document's shape.

use std::path::Path;

use super::stream::{self, Decoded};
use super::{Pending, Progress, decode, fast};
use crate::diag::{Code, Diagnostic, Diagnostics, Loc, Origin};
use crate::load::FileId;
use crate::load::RawRecord;
use crate::load::document::{Piece, pieces};
use crate::load::json;
use crate::load::read::{MAX_DOCUMENT_BYTES, SourceText};
use crate::load::shape::tagged;
use crate::load::split::{BATCH_BYTES, Batch, Batches, Cut};

/// The records of a document read as it comes, up to where that reading
/// gave up: the whole reading ([`read_rest`]) takes them and reads on from
/// there.
#[derive(Default)]
pub struct Rest {
    read: Pending,
    /// What was found wrong with the records read.
    found: Diagnostics,
    /// Where the records not read start: every record before is in `read`.
    from: u64,
    /// Where the reading as it comes gave up: a byte it could not take.
    at: u64,
}

/// Reads the JSON document at `path` as it comes ([`stream()`]), whatever
/// its size; `None` when every record is in the store, else what was read,
/// for the whole reading to go on from.
pub fn stream_file(
    path: &Path,
    file: FileId,
    size: Option<u64>,
    store: &mut Pending,
    diags: &mut Diagnostics,
    progress: &mut dyn Progress,
) -> Option<Rest> {
    match std::fs::File::open(path) {
        Ok(reader) => {
            let cuts = Batches::new(reader);
            stream(cuts, file, size.unwrap_or(0), store, diags, progress)
        }
        Err(_) => Some(Rest::default()),
    }
}

/// Reads a JSON document held in memory as [`stream_file`] reads one from
/// its file; `None` when every record is in the store.
pub fn stream_bytes(
    bytes: &[u8],
    file: FileId,
    store: &mut Pending,
    diags: &mut Diagnostics,
) -> Option<Rest> {
    let (size, progress) = (bytes.len() as u64, &mut super::NoProgress);
    stream(Batches::new(bytes), file, size, store, diags, progress)
}

/// What is said of the document at `path`, too large to be read whole,
/// that could not be read as it comes past byte `rest.at`: the parser's
/// words on the record there, or its bytes that are not UTF-8, or that from
/// there the document is not of the plain shape.
pub fn too_large(path: &Path, file: FileId, rest: &Rest) -> Diagnostic {
    let limit = MAX_DOCUMENT_BYTES >> 20;
    let at = |offset| Loc::Text(Origin { file, offset }, 1);
    let found = std::fs::File::open(path)
        .ok()
        .and_then(|f| problem_at(Batches::new(f), rest.at));
    if let Some((code, offset, message)) = found {
        let help = format!(
            "a JSON document larger than {limit} MiB is not read whole: it is read as it comes, \
             which stops at its first problem of syntax or encoding"
        );
        return Diagnostic::error(code, message).at(at(offset)).help(help);
    }
    let msg = format!(
        "a JSON document larger than {limit} MiB is read only as it comes, which stops here: \
         from here it is not a table of lists of records"
    );
    let help = format!(
        "the whole reading takes documents up to {limit} MiB: split the document, or write \
         large fact sets as JSON Lines (.jsonl)"
    );
    Diagnostic::error(Code::Limit, msg)
        .at(at(rest.at))
        .help(help)
}

/// The problem at byte `at` of a batch the cutting gives: bytes that are
/// not UTF-8, or a record that is not JSON (its code, where it is, and the
/// parser's words); none when the cutting stops before `at`.
fn problem_at(cuts: impl Iterator<Item = Cut>, at: u64) -> Option<(Code, u64, String)> {
    for cut in cuts {
        let Cut::Batch(batch) = cut else {
            return None;
        };
        let end = batch.offset + batch.bytes.len() as u64;
        if at >= end {
            continue;
        }
        if let Err(e) = std::str::from_utf8(&batch.bytes) {
            let offset = batch.offset + e.valid_up_to() as u64;
            return Some((Code::Encoding, offset, "invalid UTF-8".to_string()));
        }
        let local = usize::try_from(at.checked_sub(batch.offset)?).ok()?;
        let record = batch
            .records
            .iter()
            .find(|r| r.start <= local && local < r.end)?;
        let body = std::str::from_utf8(batch.bytes.get(record.start..record.end)?).ok()?;
        let e = json::parse_nested(body, record.depth()).err()?;
        let offset = batch.offset + (record.start + e.offset) as u64;
        return Some((e.code(), offset, e.message));
    }
    None
}

/// Reads a JSON document of the plain shape as it comes, into the store,
/// from the batches it is cut into, as [`stream_file`]: it gives up at the
/// first batch with a record the fast decoder does not take, or where the
/// document is not of that shape. `bytes` is the document's size, for the
/// room to reserve.
fn stream(
    cuts: impl Iterator<Item = Cut> + Send,
    file: FileId,
    bytes: u64,
    store: &mut Pending,
    diags: &mut Diagnostics,
    progress: &mut dyn Progress,
) -> Option<Rest> {
    let decode = |batch: Batch| decode_batch(&batch, file);
    let reading = stream::read_cuts(cuts, (bytes, BATCH_BYTES), decode, progress);
    match reading.gave_up() {
        None => {
            store.join(reading.read);
            diags.append(reading.found);
            None
        }
        Some(at) => Some(Rest {
            read: reading.read,
            found: reading.found,
            from: reading.merged.bytes,
            at,
        }),
    }
}

/// Decodes a batch of records, by the fast decoder or, for a record it
/// refuses, by the diagnostic decoder on that record's own text, its
/// diagnostics placed when rendered. Gives up on a batch that is not UTF-8
/// or has a record that is not JSON (its nesting counted from where it
/// stands in the document), saying where: the whole reading
/// reports that alone.
fn decode_batch(batch: &Batch, file: FileId) -> Result<Decoded, u64> {
    let text =
        std::str::from_utf8(&batch.bytes).map_err(|e| batch.offset + e.valid_up_to() as u64)?;
    let mut store = Pending::for_block(batch.bytes.len(), batch.records.len());
    let mut diags = Diagnostics::default();
    for record in &batch.records {
        let offset = batch.offset + record.start as u64;
        let body = text.get(record.start..record.end).ok_or(offset)?;
        if fast::record(body, record.shape, file, offset, &mut store) {
            continue;
        }
        let node = json::parse_nested(body, record.depth());
        let node = node.map_err(|e| offset + e.offset as u64)?;
        let src = SourceText::new(file, body, 1, offset).placed_later();
        let mut sink =
            |rec: RawRecord<'_, '_>, d: &mut Diagnostics| decode::record(rec, &mut store, d);
        match record.shape {
            Some(shape) => {
                let rec = RawRecord {
                    shape,
                    node: &node,
                    tagged: false,
                    src: &src,
                };
                sink(rec, &mut diags);
            }
            None => tagged(&node, &src, &mut diags, &mut sink),
        }
    }
    Ok(Decoded {
        bytes: batch.bytes.len() as u64,
        store,
        diags,
    })
}

/// Decodes the records of a JSON document read whole into the store.
pub fn read(src: &SourceText<'_>, store: &mut Pending, diags: &mut Diagnostics) {
    read_rest(src, Rest::default(), store, diags);
}

/// [`read`], the records before `rest.from` taken from `rest`. A document
/// with a syntax error gives the records that end before it, its error
/// first, as the whole reading does.
pub fn read_rest(src: &SourceText<'_>, rest: Rest, store: &mut Pending, diags: &mut Diagnostics) {
    let from = usize::try_from(rest.from).unwrap_or(usize::MAX);
    let pieces = pieces(src, from);
    if let Some(syntax) = pieces.syntax {
        diags.push(*syntax);
    }
    store.join(rest.read);
    diags.append(rest.found);
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
    // The text as a file's is read whole: without a byte-order mark (which
    // the reading as it comes skips itself).
    let raw = text;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
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
    let same = super::fast::agree::same_reading;
    same(
        (&split, &split_diags),
        (&whole, &whole_diags),
        "split",
        text,
    );
    // Read as it comes, in small pieces so that records and batches break
    // anywhere, and read on whole from where that gives up: the same again.
    let (mut streamed, mut streamed_diags) = (Pending::default(), Diagnostics::default());
    let cuts = Batches::sized(raw.as_bytes(), 7, 40);
    let size = text.len() as u64;
    let progress = &mut super::NoProgress;
    if let Some(rest) = stream(
        cuts,
        FileId(0),
        size,
        &mut streamed,
        &mut streamed_diags,
        progress,
    ) {
        read_rest(&src, rest, &mut streamed, &mut streamed_diags);
    }
    place_spans(&mut streamed_diags, &src);
    let streamed = (&streamed, &streamed_diags);
    same(streamed, (&whole, &whole_diags), "streamed", text);
}

/// Places the spans of text that records read as they came point at
/// ([`Loc::Text`]) in the whole text, as they are placed when rendered.
#[cfg(any(test, fuzzing))]
fn place_spans(diags: &mut Diagnostics, src: &SourceText<'_>) {
    use crate::diag::Loc;
    let place = |loc: &mut Loc| {
        if let Loc::Text(origin, len) = *loc {
            let start = usize::try_from(origin.offset).unwrap_or(usize::MAX);
            *loc = src.loc(crate::load::Span::new(start, start.saturating_add(len)));
        }
    };
    for d in &mut diags.list {
        d.loc.iter_mut().for_each(place);
        d.notes
            .iter_mut()
            .filter_map(|n| n.loc.as_mut())
            .for_each(place);
    }
}

#[cfg(test)]
mod tests;
