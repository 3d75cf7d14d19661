//! JSON Lines in parallel: blocks of lines decoded on worker threads, merged
//! in order; and the pipeline that does it ([`run`]), which also takes the
//! batches a document is cut into ([`read_cuts`]): a JSON document's
//! records ([`super::document`]) and a TOML document's sections
//! ([`super::sections`]); and the files of a set ([`super::many`]).
//!
//! A reader cuts the stream into blocks ([`crate::load::lines::Blocks`]);
//! workers decode each block into a pending store of their own (the fast
//! decoder first, the diagnostic one for any line it refuses); the calling
//! thread merges the blocks in stream order, renumbering their strings, so
//! that the result and its diagnostics are the same whatever the number of
//! threads. At most a few blocks are in flight, so memory stays bounded.
//! Input too small for threads goes through the same steps on the calling
//! thread ([`run_here`]).

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use super::{Pending, Progress, decode, fast};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::FileId;
use crate::load::lines::{Block, Blocks, Chunk, each_line, read_line};
use crate::load::split::Cut;

/// What a worker makes of one unit of input.
pub(super) struct Decoded {
    /// Bytes of input the unit held.
    pub bytes: u64,
    pub store: Pending,
    pub diags: Diagnostics,
}

/// Decodes one block into a store of its own.
fn decode_block(block: &Block, file: FileId) -> Decoded {
    let mut store = Pending::for_bytes(block.bytes.len());
    let mut diags = Diagnostics::default();
    decode_lines(block, file, &mut store, &mut diags);
    Decoded {
        bytes: block.bytes.len() as u64,
        store,
        diags,
    }
}

/// Decodes one block's lines into `store`.
pub(super) fn decode_lines(
    block: &Block,
    file: FileId,
    store: &mut Pending,
    diags: &mut Diagnostics,
) {
    each_line(block, file, diags, &mut |line_no, offset, text, d| {
        if !fast::line(text, file, offset, store) {
            read_line(file, text, line_no, offset, d, &mut |rec, d| {
                decode::record(rec, store, d)
            });
        }
    });
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
    let decode = |b: Block| Ok(decode_block(&b, file));
    let (problems, _) = run(blocks(reader, file), decode, store, diags, progress);
    problems.into_iter().for_each(|d| diags.push(d));
}

/// Reads a JSON Lines stream on the calling thread, block after block:
/// for input too small to be worth threads. The records and diagnostics are
/// those [`read`] gives.
pub fn read_here(reader: impl Read, file: FileId, store: &mut Pending, diags: &mut Diagnostics) {
    let decode = |b: Block| Ok(decode_block(&b, file));
    let progress = &mut super::NoProgress;
    let (problems, _) = run_here(blocks(reader, file), decode, store, diags, progress);
    problems.into_iter().for_each(|d| diags.push(d));
}

/// Sends the blocks of a JSON Lines stream on, and gives the problems of
/// the stream itself.
fn blocks<R: Read>(
    reader: R,
    file: FileId,
) -> impl FnOnce(&mut dyn FnMut(Block) -> bool) -> Vec<Diagnostic> {
    move |send| send_blocks(Blocks::new(reader, file), send).1
}

/// Sends each block on until sending fails; gives whether every block was
/// sent, and the problems of the stream itself.
pub(super) fn send_blocks<R: Read>(
    blocks: Blocks<R>,
    send: &mut dyn FnMut(Block) -> bool,
) -> (bool, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    for chunk in blocks {
        match chunk {
            Chunk::Block(b) => {
                if !send(b) {
                    return (false, problems);
                }
            }
            Chunk::Problem(d) => problems.push(d),
        }
    }
    (true, problems)
}

/// How far merging went.
pub(super) struct Merged {
    /// Where in the input decoding gave up, if it did (merging stopped at
    /// the unit before).
    pub stopped: Option<u64>,
    /// Bytes of input of the units merged.
    pub bytes: u64,
}

impl Merged {
    /// Merges one more unit.
    fn add(
        &mut self,
        d: Decoded,
        store: &mut Pending,
        diags: &mut Diagnostics,
        progress: &mut dyn Progress,
    ) {
        progress.advance(d.bytes);
        self.bytes += d.bytes;
        store.absorb(d.store);
        diags.append(d.diags);
    }
}

/// Runs the pipeline: `produce`, on a thread of its own, sends the units
/// of input in order (and stops when sending fails); workers `decode` each
/// unit; the calling thread merges them into the store in order. A unit
/// `decode` gives up on (saying where in the input) stops the merging
/// there, and the store holds the units before it. Gives what `produce`
/// returned.
pub(super) fn run<U: Send, T: Send>(
    produce: impl FnOnce(&mut dyn FnMut(U) -> bool) -> T + Send,
    decode: impl Fn(U) -> Result<Decoded, u64> + Sync,
    store: &mut Pending,
    diags: &mut Diagnostics,
    progress: &mut dyn Progress,
) -> (T, Merged) {
    let (work_tx, work_rx) = sync_channel::<(u64, U)>(4);
    let (done_tx, done_rx) = sync_channel::<(u64, Result<Decoded, u64>)>(4);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let decode = &decode;
    std::thread::scope(|scope| {
        for _ in 0..workers() {
            let rx = Arc::clone(&work_rx);
            let tx = done_tx.clone();
            scope.spawn(move || worker(&rx, &tx, decode));
        }
        drop((done_tx, work_rx));
        let produced = scope.spawn(move || {
            let mut index = 0;
            produce(&mut |unit| {
                let sent = work_tx.send((index, unit)).is_ok();
                index += 1;
                sent
            })
        });
        let merged = merge(done_rx, store, diags, progress);
        match produced.join() {
            Ok(produced) => (produced, merged),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// [`run`] on the calling thread, unit after unit: for input too small to
/// be worth threads. The result is the same.
pub(super) fn run_here<U, T>(
    produce: impl FnOnce(&mut dyn FnMut(U) -> bool) -> T,
    decode: impl Fn(U) -> Result<Decoded, u64>,
    store: &mut Pending,
    diags: &mut Diagnostics,
    progress: &mut dyn Progress,
) -> (T, Merged) {
    let mut merged = Merged {
        stopped: None,
        bytes: 0,
    };
    let produced = produce(&mut |unit| match decode(unit) {
        Ok(d) => {
            merged.add(d, store, diags, progress);
            true
        }
        Err(at) => {
            merged.stopped = Some(at);
            false
        }
    });
    (produced, merged)
}

/// A document cut into batches ([`Cut`]), read into a store of its own.
pub(super) struct Reading {
    pub read: Pending,
    pub found: Diagnostics,
    /// Where the cutting stopped, if it did.
    cut_stopped: Option<u64>,
    pub merged: Merged,
}

impl Reading {
    /// Where the reading gave up, if it did: at a batch given up on, which
    /// stands before where the cutting stopped, else where that stopped.
    pub fn gave_up(&self) -> Option<u64> {
        self.merged.stopped.or(self.cut_stopped)
    }
}

/// Reads the batches of a document of `bytes` bytes cut into batches of
/// about `one` byte count, on worker threads ([`run`]) unless it is one
/// batch ([`run_here`]), each until a batch is given up on.
pub(super) fn read_cuts<B: Send>(
    cuts: impl Iterator<Item = Cut<B>> + Send,
    (bytes, one): (u64, usize),
    decode: impl Fn(B) -> Result<Decoded, u64> + Sync,
    progress: &mut dyn Progress,
) -> Reading {
    let produce = move |send: &mut dyn FnMut(B) -> bool| {
        for cut in cuts {
            match cut {
                Cut::Batch(batch) => {
                    if !send(batch) {
                        return None;
                    }
                }
                Cut::Stop(at) => return Some(at),
            }
        }
        None
    };
    let mut read = Pending::default();
    read.reserve_for(bytes);
    let mut found = Diagnostics::default();
    let (cut_stopped, merged) = match bytes > one as u64 {
        true => run(produce, decode, &mut read, &mut found, progress),
        false => run_here(produce, decode, &mut read, &mut found, progress),
    };
    Reading {
        read,
        found,
        cut_stopped,
        merged,
    }
}

fn worker<U>(
    rx: &Mutex<Receiver<(u64, U)>>,
    tx: &SyncSender<(u64, Result<Decoded, u64>)>,
    decode: &(impl Fn(U) -> Result<Decoded, u64> + Sync),
) {
    loop {
        let unit = match rx.lock() {
            Ok(guard) => guard.recv(),
            Err(_) => return,
        };
        let Ok((index, unit)) = unit else { return };
        if tx.send((index, decode(unit))).is_err() {
            return;
        }
    }
}

/// Merges decoded units in stream order, up to one given up on (the
/// channel is then dropped, which stops the workers and the reader).
fn merge(
    rx: Receiver<(u64, Result<Decoded, u64>)>,
    store: &mut Pending,
    diags: &mut Diagnostics,
    progress: &mut dyn Progress,
) -> Merged {
    let mut waiting: BTreeMap<u64, Result<Decoded, u64>> = BTreeMap::new();
    let mut merged = Merged {
        stopped: None,
        bytes: 0,
    };
    let mut next = 0u64;
    for (index, decoded) in &rx {
        waiting.insert(index, decoded);
        while let Some(d) = waiting.remove(&next) {
            let d = match d {
                Ok(d) => d,
                Err(at) => {
                    merged.stopped = Some(at);
                    return merged;
                }
            };
            merged.add(d, store, diags, progress);
            next += 1;
        }
    }
    merged
}
