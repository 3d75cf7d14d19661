//! The files of a fact set read through one pipeline: every JSON Lines file
//! and every small document, one file after another, decoded on the same
//! worker threads and merged in file order.
//!
//! An extraction tool may write a file per report read, thousands of small
//! files in a folder: threads started for each file would cost more than
//! reading it, and a small document read on the calling thread leaves a
//! core idle. So one reader goes through the files in order ([`Set::read`]): it cuts
//! JSON Lines into blocks and reads each small document whole, and sends
//! them on in groups of about half a block (a block of a large file alone,
//! many small files together); workers decode each group into a store
//! ([`super::stream::run`]), and the merge joins the stores in the order
//! read. The store and the diagnostics are those of reading the files
//! one at a time: a file's blocks in order, then what reading it found wrong
//! with the file itself, then the next file. A document large enough to be
//! read as it comes, and standard input, are read on their own by the
//! caller. Nothing here prints.

use std::io::Read;
use std::path::PathBuf;

use super::stream::{self, Decoded, decode_lines};
use super::{Pending, Progress, document, read_document};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::files::InputError;
use crate::load::lines::{BLOCK_BYTES, Block, Blocks};
use crate::load::read::{self, SourceText};
use crate::load::{FileId, Files, Format};

/// Largest document read whole in one piece among the others: one that
/// is read without threads of its own when read alone.
const SMALL_DOCUMENT: u64 = BLOCK_BYTES as u64;

/// A group is sent once it holds this much: half a block, so that each
/// block of a large JSON Lines file goes alone, as when the file is read
/// alone, and small files go together until they hold that much.
const GROUP_BYTES: usize = BLOCK_BYTES / 2;

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

/// One piece of a file, read.
enum Unit {
    /// A block of lines of a JSON Lines file.
    Lines(FileId, Block),
    /// What reading a JSON Lines file found wrong with the file itself,
    /// after its blocks.
    Problems(Vec<Diagnostic>),
    /// A small TOML or JSON document, whole.
    Document(FileId, Format, Vec<u8>),
}

impl Unit {
    fn bytes(&self) -> usize {
        match self {
            Unit::Lines(_, block) => block.bytes.len(),
            Unit::Problems(_) => 0,
            Unit::Document(_, _, bytes) => bytes.len(),
        }
    }
}

/// What the reader sends the workers: pieces read one after another, about
/// a block's worth ([`GROUP_BYTES`]: a block alone, or the pieces of many
/// small files), so that each hand-over and merge carries that much.
#[derive(Default)]
struct Group {
    units: Vec<Unit>,
    bytes: usize,
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
    /// set; `files` names them for progress. A file that cannot be read
    /// stops the reading there with its error.
    pub fn read(
        &mut self,
        files: &Files,
        store: &mut Pending,
        diags: &mut Diagnostics,
        progress: &mut dyn Progress,
    ) -> Result<(), InputError> {
        let entries = std::mem::take(&mut self.entries);
        let total: u64 = entries.iter().map(|e| e.size).sum();
        match entries.as_slice() {
            [] => return Ok(()),
            [one] => progress.file(files.name(one.file), Some(one.size)),
            many => progress.file(&format!("{} files", many.len()), Some(total)),
        }
        let lines: u64 = entries
            .iter()
            .filter(|e| e.format == Format::JsonLines)
            .map(|e| e.size)
            .sum();
        store.reserve_for(lines);
        let produce = move |send: &mut dyn FnMut(Group) -> bool| grouped(&entries, send);
        let decode = |group: Group| Ok(decode(group));
        let (produced, _) = match total > BLOCK_BYTES as u64 {
            true => stream::run(produce, decode, store, diags, progress),
            false => stream::run_here(produce, decode, store, diags, progress),
        };
        produced
    }
}

/// Sends every file's units in order, in groups of about [`GROUP_BYTES`];
/// stops at a file that cannot be read (with its error, the groups before
/// it sent) or when sending fails.
fn grouped(entries: &[Entry], send: &mut dyn FnMut(Group) -> bool) -> Result<(), InputError> {
    let mut group = Group::default();
    let mut add = |unit: Unit| {
        group.bytes += unit.bytes();
        group.units.push(unit);
        group.bytes < GROUP_BYTES || send(std::mem::take(&mut group))
    };
    let read = produce(entries, &mut add);
    if !group.units.is_empty() {
        send(group);
    }
    read
}

/// Sends every file's units in order; stops at a file that cannot be read
/// (with its error) or when sending fails.
fn produce(entries: &[Entry], send: &mut dyn FnMut(Unit) -> bool) -> Result<(), InputError> {
    for e in entries {
        let io = |err| InputError::Io(e.path.clone(), err);
        let sent = match e.format {
            Format::JsonLines => {
                let reader = std::fs::File::open(&e.path).map_err(io)?;
                send_lines(Blocks::sized(reader, e.file, e.size), e.file, send)
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
fn send_lines<R: Read>(
    blocks: Blocks<R>,
    file: FileId,
    send: &mut dyn FnMut(Unit) -> bool,
) -> bool {
    let (sent, problems) = stream::send_blocks(blocks, &mut |b| send(Unit::Lines(file, b)));
    sent && (problems.is_empty() || send(Unit::Problems(problems)))
}

/// Decodes a group's pieces in order into one store.
fn decode(group: Group) -> Decoded {
    let mut store = Pending::for_bytes(group.bytes);
    let mut diags = Diagnostics::default();
    for unit in group.units {
        match unit {
            Unit::Lines(file, block) => decode_lines(&block, file, &mut store, &mut diags),
            Unit::Problems(list) => list.into_iter().for_each(|d| diags.push(d)),
            Unit::Document(file, format, bytes) => {
                decode_document(file, format, bytes, &mut store, &mut diags)
            }
        }
    }
    Decoded {
        bytes: group.bytes as u64,
        store,
        diags,
    }
}

/// Reads a small document into the store as the caller reads one alone: a
/// JSON document as it comes, and whole from where that gives up; a TOML
/// document whole.
fn decode_document(
    file: FileId,
    format: Format,
    bytes: Vec<u8>,
    store: &mut Pending,
    diags: &mut Diagnostics,
) {
    let rest = match format {
        Format::Json => document::stream_bytes(&bytes, file, store, diags),
        _ => None,
    };
    let whole = format == Format::Toml || rest.is_some();
    if let Some(text) = whole.then(|| read::decode(file, bytes, 1, diags)).flatten() {
        let src = SourceText::new(file, &text, 1, 0);
        match rest {
            Some(rest) => document::read_rest(&src, rest, store, diags),
            None => read_document(&src, format, store, diags),
        }
    }
}

#[cfg(test)]
mod tests;
