//! JSON Lines in parallel: blocks of lines decoded on worker threads, merged
//! in order.
//!
//! A reader cuts the stream into blocks ([`crate::load::lines::Blocks`]);
//! workers decode each block into a pending store of their own (the fast
//! decoder first, the diagnostic one for any line it refuses); the calling
//! thread merges the blocks in stream order, renumbering their strings, so
//! that the result and its diagnostics are the same whatever the number of
//! threads. At most a few blocks are in flight, so memory stays bounded.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};

use super::{Pending, Progress, decode, fast};
use crate::diag::Diagnostics;
use crate::load::FileId;
use crate::load::lines::{Block, Blocks, Chunk, each_line, read_line};

/// What a worker makes of one block.
struct Decoded {
    index: u64,
    /// Bytes of input the block held.
    bytes: u64,
    store: Pending,
    diags: Diagnostics,
}

/// Decodes one block into a store of its own.
fn decode_block(block: &Block, file: FileId) -> Decoded {
    let mut store = Pending::default();
    // About one record a 300 bytes, a handful of strings each.
    let records = block.bytes.len() / 300 + 16;
    store
        .strings
        .reserve(records * 6, block.bytes.len() / 2, records * 3);
    // Most records are events: their list then never grows by copying.
    store.events.reserve(records);
    let mut diags = Diagnostics::default();
    each_line(block, file, &mut diags, &mut |line_no, offset, text, d| {
        if !fast::line(text, file, offset, &mut store) {
            read_line(file, text, line_no, offset, d, &mut |rec, d| {
                decode::record(rec, &mut store, d)
            });
        }
    });
    Decoded {
        index: block.index,
        bytes: block.bytes.len() as u64,
        store,
        diags,
    }
}

/// How many threads decode blocks: one more than the cores (at most five).
/// The merge runs on the calling thread and the reading on another, so with
/// only as many workers as cores a core sat idle whenever a worker waited:
/// at 1M events on two cores, `check` took a median of 1.61 s with three
/// workers against 1.73 s with two (seven interleaved runs), with 4 MB more
/// at its peak; four workers took 1.64 s.
fn workers() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .saturating_add(1)
        .clamp(2, 5)
}

/// Reads a JSON Lines stream into the store.
pub fn read(
    reader: impl Read + Send,
    file: FileId,
    store: &mut Pending,
    diags: &mut Diagnostics,
    progress: &mut dyn Progress,
) {
    let (work_tx, work_rx) = sync_channel::<Block>(4);
    let (done_tx, done_rx) = sync_channel::<Decoded>(4);
    let work_rx = Arc::new(Mutex::new(work_rx));
    std::thread::scope(|scope| {
        for _ in 0..workers() {
            let rx = Arc::clone(&work_rx);
            let tx = done_tx.clone();
            scope.spawn(move || worker(&rx, &tx, file));
        }
        drop(done_tx);
        let problems = scope.spawn(move || {
            let mut problems = Vec::new();
            for chunk in Blocks::new(reader, file) {
                match chunk {
                    Chunk::Block(b) => {
                        if work_tx.send(b).is_err() {
                            break;
                        }
                    }
                    Chunk::Problem(d) => problems.push(d),
                }
            }
            problems
        });
        merge(&done_rx, store, diags, progress);
        for d in problems.join().unwrap_or_default() {
            diags.push(d);
        }
    });
}

/// Reads a JSON Lines stream on the calling thread, block after block:
/// for input too small to be worth threads. The records and diagnostics are
/// those [`read`] gives.
pub fn read_here(reader: impl Read, file: FileId, store: &mut Pending, diags: &mut Diagnostics) {
    let mut problems = Vec::new();
    for chunk in Blocks::new(reader, file) {
        match chunk {
            Chunk::Block(b) => {
                let decoded = decode_block(&b, file);
                store.absorb(decoded.store);
                diags.append(decoded.diags);
            }
            Chunk::Problem(d) => problems.push(d),
        }
    }
    problems.into_iter().for_each(|d| diags.push(d));
}

fn worker(rx: &Mutex<Receiver<Block>>, tx: &std::sync::mpsc::SyncSender<Decoded>, file: FileId) {
    loop {
        let block = match rx.lock() {
            Ok(guard) => guard.recv(),
            Err(_) => return,
        };
        let Ok(block) = block else { return };
        if tx.send(decode_block(&block, file)).is_err() {
            return;
        }
    }
}

/// Merges decoded blocks in stream order.
fn merge(
    rx: &Receiver<Decoded>,
    store: &mut Pending,
    diags: &mut Diagnostics,
    progress: &mut dyn Progress,
) {
    let mut waiting: BTreeMap<u64, Decoded> = BTreeMap::new();
    let mut next = 0u64;
    for decoded in rx {
        waiting.insert(decoded.index, decoded);
        while let Some(d) = waiting.remove(&next) {
            progress.advance(d.bytes);
            store.absorb(d.store);
            diags.append(d.diags);
            next += 1;
        }
    }
}
