//! TOML documents larger than ½ MiB read as they come: cut into batches
//! of whole sections ([`crate::load::toml::cut`]), each decoded on a worker
//! thread as the blocks of JSON Lines are, and joined in document order on
//! the calling thread ([`super::stream::run`]). A batch of plain sections of
//! valid records is read straight into records by the fast decoder
//! ([`super::fast::plain_toml`]); any other is parsed into the span tree
//! and decoded by the diagnostic decoder.
//!
//! The records and diagnostics are those of parsing the document whole
//! ([`crate::load::read::each_record`] with [`decode::record`]), in the same
//! order: the cutting takes only documents whose sections parse alike on
//! their own. When it cannot cut a document, or a batch is not UTF-8 or
//! does not parse, nothing read is kept and the caller parses the document
//! whole, which reports what is wrong where it stands; a document too large
//! to be parsed whole is refused instead, with the first problem of the
//! batch given up on, or the line where the cutting stopped ([`refusal`]).
//! Nothing here reads a record's fields.

use std::path::Path;

use super::stream::{self, Decoded};
use super::{Pending, Progress, decode, fast};
use crate::diag::{Code, Diagnostic, Diagnostics, Loc, Origin};
use crate::load::FileId;
use crate::load::read::{self, SourceText};
use crate::load::shape::for_each_record;
use crate::load::toml::MAX_WHOLE_BYTES;
use crate::load::toml::cut::{BATCH_BYTES, Batch, Cut, Cuts};

/// Documents larger than this are read as they come; smaller ones, as
/// hand-curated files are, are parsed whole (in a few milliseconds).
const STREAM_ABOVE: u64 = 1 << 19;

/// Whether a document of `size` bytes is read as it comes.
pub fn streams(size: Option<u64>) -> bool {
    size.is_some_and(|s| s > STREAM_ABOVE)
}

/// Reads the TOML document at `path`, of `size` bytes, as it comes into the
/// store ([`stream_file`]), or, when that gives up on a document too large
/// to be parsed whole, says why ([`refusal`]); false when the caller is to
/// parse it whole instead (nothing was added).
pub fn read_large(
    path: &Path,
    file: FileId,
    size: u64,
    store: &mut Pending,
    diags: &mut Diagnostics,
    progress: &mut dyn Progress,
) -> bool {
    match stream_file(path, file, size, store, diags, progress) {
        Ok(()) => true,
        Err(at) if size > MAX_WHOLE_BYTES => {
            diags.push(refusal(path, file, at));
            true
        }
        Err(_) => false,
    }
}

/// Reads the TOML document at `path` as it comes into the store; when it
/// could not, nothing was added, and the error is the byte where it gave
/// up: the first byte of a batch that does not parse, or of the line where
/// the cutting stopped.
fn stream_file(
    path: &Path,
    file: FileId,
    size: u64,
    store: &mut Pending,
    diags: &mut Diagnostics,
    progress: &mut dyn Progress,
) -> Result<(), u64> {
    match std::fs::File::open(path) {
        Ok(reader) => stream(Cuts::new(reader), file, size, store, diags, progress),
        Err(_) => Err(0),
    }
}

/// What is said of a TOML document too large to be parsed whole that
/// could not be read as it comes past byte `at` (of a batch, or of the
/// line where the cutting stopped): the first problem of that batch, or
/// that its layout cannot be cut.
fn refusal(path: &Path, file: FileId, at: u64) -> Diagnostic {
    let limit = MAX_WHOLE_BYTES >> 20;
    let batch = std::fs::File::open(path)
        .ok()
        .and_then(|f| batch_at(Cuts::new(f), at));
    if let Some(first) = batch.and_then(|b| first_problem(b, file)) {
        let help = format!(
            "a TOML document larger than {limit} MiB is not parsed whole, which takes up to \
             thirty times its size in memory: it is read as it comes, which stops at its \
             first problem of syntax or encoding"
        );
        return first.help(help);
    }
    let msg = format!(
        "a TOML document larger than {limit} MiB is read only as it comes, which stops here: \
         each record type's `[[type]]` sections must come together, after nothing but comments"
    );
    let help = format!(
        "the whole reading takes TOML documents up to {limit} MiB: keep each record type's \
         sections together, split the document, or write large fact sets as JSON Lines (.jsonl)"
    );
    let origin = Origin { file, offset: at };
    Diagnostic::error(Code::Limit, msg)
        .at(Loc::Text(origin, 1))
        .help(help)
}

/// The batch that starts at byte `at`, if the cutting gives one there.
fn batch_at(cuts: impl Iterator<Item = Cut>, at: u64) -> Option<Batch> {
    for cut in cuts {
        match cut {
            Cut::Batch(b) if b.offset == at => return Some(b),
            Cut::Batch(b) if b.offset < at => {}
            _ => return None,
        }
    }
    None
}

/// A batch's first problem of encoding or syntax, placed in its file.
fn first_problem(batch: Batch, file: FileId) -> Option<Diagnostic> {
    let mut found = Diagnostics::default();
    let text = read::decode(file, batch.bytes, batch.line, &mut found);
    let Some(text) = text else {
        return found.list.into_iter().next();
    };
    let src = SourceText::new(file, &text, batch.line, batch.offset);
    let errors = crate::load::toml::parse(&text).err()?;
    let first = errors.into_iter().min_by_key(|e| e.offset)?;
    Some(read::syntax(first, &src))
}

/// Reads the batches a document is cut into, as [`stream_file`]; `bytes`
/// is the document's size, for the room to reserve.
fn stream(
    cuts: impl Iterator<Item = Cut> + Send,
    file: FileId,
    bytes: u64,
    store: &mut Pending,
    diags: &mut Diagnostics,
    progress: &mut dyn Progress,
) -> Result<(), u64> {
    let decode = |batch: Batch| decode_batch(&batch, file);
    let reading = stream::read_cuts(cuts, (bytes, BATCH_BYTES), decode, progress);
    if let Some(at) = reading.gave_up() {
        return Err(at);
    }
    store.join(reading.read);
    diags.append(reading.found);
    Ok(())
}

/// Parses a batch and decodes its records into a store of their own, or
/// gives up (at the batch's first byte) when it is not UTF-8 or not TOML.
fn decode_batch(batch: &Batch, file: FileId) -> Result<Decoded, u64> {
    let text = std::str::from_utf8(&batch.bytes).map_err(|_| batch.offset)?;
    // About one record in 400 bytes of TOML.
    let room = || Pending::for_block(text.len(), text.len() / 400 + 16);
    let mut diags = Diagnostics::default();
    let store = match fast::plain_toml::batch(text, file, batch.offset, room()) {
        Some(store) => store,
        None => {
            let doc = crate::load::toml::parse(text).map_err(|_| batch.offset)?;
            let src = SourceText::new(file, text, batch.line, batch.offset);
            let mut store = room();
            for_each_record(&doc, &src, &mut diags, &mut |rec, d| {
                decode::record(rec, &mut store, d)
            });
            store
        }
    };
    Ok(Decoded {
        bytes: batch.bytes.len() as u64,
        store,
        diags,
    })
}

/// Holds the reading as it comes to the whole reading of the same
/// document, cut into batches of at least `batch` bytes (1: each section a
/// batch of its own), read `read` bytes at a time: the same records and
/// the same diagnostics, in the same order, whenever it does not give up.
/// For the tests and the fuzz targets; panics when they differ; gives
/// whether it read the document.
#[cfg(any(test, fuzzing))]
pub fn agrees(text: &str, read: usize, batch: usize) -> bool {
    use crate::load::read::each_record;
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let src = SourceText::new(FileId(0), body, 1, 0);
    let (mut whole, mut whole_diags) = (Pending::default(), Diagnostics::default());
    each_record(
        &src,
        crate::load::Format::Toml,
        &mut whole_diags,
        &mut |rec, d| decode::record(rec, &mut whole, d),
    );
    let (mut streamed, mut streamed_diags) = (Pending::default(), Diagnostics::default());
    let cuts = Cuts::sized(text.as_bytes(), read, batch);
    let progress = &mut super::NoProgress;
    let size = text.len() as u64;
    let (store, diags) = (&mut streamed, &mut streamed_diags);
    if stream(cuts, FileId(0), size, store, diags, progress).is_err() {
        return false;
    }
    let streamed = (&streamed, &streamed_diags);
    super::fast::agree::same_reading(streamed, (&whole, &whole_diags), "streamed", text);
    true
}

#[cfg(test)]
mod tests;
