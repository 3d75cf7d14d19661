//! The files of a fact set read through one pipeline: every JSON Lines file
//! and every small document, one file after another, decoded on the same
//! worker threads and merged in file order.
//!
//! An extraction tool may write a file per report read, thousands of small
//! files in a folder. Read one by one, each JSON Lines file started threads
//! of its own and each small document was read on the calling thread alone.
//! Here one reader goes through the files in order ([`Set::read`]): it cuts
//! JSON Lines into blocks and reads each small document whole, workers
//! decode them ([`super::stream::run`]), and the merge joins them in the
//! order read. The store and the diagnostics are those of reading the files
//! one at a time: a file's blocks in order, then what reading it found wrong
//! with the file itself, then the next file. A document large enough to be
//! read as it comes, and standard input, are read on their own by the
//! caller. Nothing here prints.

use std::path::PathBuf;

use super::stream::{self, Decoded, decode_block};
use super::{Pending, Progress, document, read_document};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::files::InputError;
use crate::load::lines::{BLOCK_BYTES, Block, Blocks, Chunk};
use crate::load::read::{self, SourceText};
use crate::load::{FileId, Format};

/// Largest document read whole in one piece among the others: one that
/// is read without threads of its own when read alone.
const SMALL_DOCUMENT: u64 = BLOCK_BYTES as u64;

/// One file waiting to be read.
struct Entry {
    file: FileId,
    path: PathBuf,
    format: Format,
    size: u64,
}

/// Files gathered to be read together, in the order given.
#[derive(Default)]
pub struct Set {
    entries: Vec<Entry>,
}

/// What the reader sends the workers.
enum Unit {
    /// A block of lines of a JSON Lines file.
    Lines(FileId, Block),
    /// What reading a JSON Lines file found wrong with the file itself,
    /// after its blocks.
    Problems(Vec<Diagnostic>),
    /// A small TOML or JSON document, whole.
    Document(FileId, Format, Vec<u8>),
}

impl Set {
    /// Whether a file of this format and size is read with the others: any
    /// JSON Lines file, and any document small enough to be read whole.
    pub fn takes(format: Format, size: Option<u64>) -> bool {
        match format {
            Format::JsonLines => true,
            Format::Json | Format::Toml => size.is_some_and(|s| s <= SMALL_DOCUMENT),
        }
    }

    pub fn push(&mut self, file: FileId, path: PathBuf, format: Format, size: Option<u64>) {
        let size = size.unwrap_or(0);
        self.entries.push(Entry {
            file,
            path,
            format,
            size,
        });
    }

    /// Reads every file gathered into the store, in order, and empties the
    /// set. `name` gives the name progress shows for a file. A file that
    /// cannot be read stops the reading there with its error.
    pub fn read(
        &mut self,
        name: impl Fn(FileId) -> String,
        store: &mut Pending,
        diags: &mut Diagnostics,
        progress: &mut dyn Progress,
    ) -> Result<(), InputError> {
        let entries = std::mem::take(&mut self.entries);
        let total: u64 = entries.iter().map(|e| e.size).sum();
        match entries.as_slice() {
            [] => return Ok(()),
            [one] => progress.file(&name(one.file), Some(one.size)),
            many => progress.file(&format!("{} files", many.len()), Some(total)),
        }
        let lines: u64 = entries
            .iter()
            .filter(|e| e.format == Format::JsonLines)
            .map(|e| e.size)
            .sum();
        store.reserve_for(lines);
        let produce = move |send: &mut dyn FnMut(Unit) -> bool| produce(&entries, send);
        let decode = |unit: Unit| Ok(decode(unit));
        let (produced, _) = match total > BLOCK_BYTES as u64 {
            true => stream::run(produce, decode, store, diags, progress),
            false => stream::run_here(produce, decode, store, diags, progress),
        };
        produced
    }
}

/// Sends every file's units in order; stops at a file that cannot be read
/// (with its error) or when sending fails.
fn produce(entries: &[Entry], send: &mut dyn FnMut(Unit) -> bool) -> Result<(), InputError> {
    for e in entries {
        let io = |err| InputError::Io(e.path.clone(), err);
        let sent = match e.format {
            Format::JsonLines => {
                let reader = std::fs::File::open(&e.path).map_err(io)?;
                send_lines(reader, e.file, send)
            }
            format => {
                let bytes = std::fs::read(&e.path).map_err(io)?;
                send(Unit::Document(e.file, format, bytes))
            }
        };
        if !sent {
            break;
        }
    }
    Ok(())
}

/// Sends a JSON Lines file's blocks, then its problems if it has any; false
/// when sending failed.
fn send_lines(reader: std::fs::File, file: FileId, send: &mut dyn FnMut(Unit) -> bool) -> bool {
    let mut problems = Vec::new();
    for chunk in Blocks::new(reader, file) {
        match chunk {
            Chunk::Block(b) => {
                if !send(Unit::Lines(file, b)) {
                    return false;
                }
            }
            Chunk::Problem(d) => problems.push(d),
        }
    }
    problems.is_empty() || send(Unit::Problems(problems))
}

fn decode(unit: Unit) -> Decoded {
    match unit {
        Unit::Lines(file, block) => decode_block(&block, file),
        Unit::Problems(list) => {
            let mut diags = Diagnostics::default();
            list.into_iter().for_each(|d| diags.push(d));
            Decoded {
                bytes: 0,
                store: Pending::default(),
                diags,
            }
        }
        Unit::Document(file, format, bytes) => decode_document(file, format, bytes),
    }
}

/// Reads a small document into a store of its own as the caller reads one
/// alone: a JSON document as it comes, and whole from where that gives up;
/// a TOML document whole.
fn decode_document(file: FileId, format: Format, bytes: Vec<u8>) -> Decoded {
    let mut store = Pending::default();
    let mut diags = Diagnostics::default();
    let size = bytes.len() as u64;
    let rest = match format {
        Format::Json => document::stream_bytes(&bytes, file, &mut store, &mut diags),
        _ => None,
    };
    let whole = format == Format::Toml || rest.is_some();
    if let Some(text) = whole
        .then(|| read::decode(file, bytes, 1, &mut diags))
        .flatten()
    {
        let src = SourceText::new(file, &text, 1, 0);
        match rest {
            Some(rest) => document::read_rest(&src, rest, &mut store, &mut diags),
            None => read_document(&src, format, &mut store, &mut diags),
        }
    }
    Decoded {
        bytes: size,
        store,
        diags,
    }
}

#[cfg(test)]
mod tests;
