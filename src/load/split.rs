//! A JSON fact document cut into batches of whole records as it is read.
//!
//! Read whole, a JSON document of a million records is held in memory
//! beside the facts made of it, about twice its size in all. Here it is
//! read in pieces and cut, as it comes, into [`Batch`]es of whole records
//! that can be decoded on several threads, as the blocks of JSON Lines are
//! ([`super::lines`]), while only the few batches in flight are held.
//!
//! Only a document of the plain shape is cut: a table whose every key names
//! a record type over a list of tables, or a list of tables, with the
//! whitespace JSON allows between them. Anything else stops the cutting
//! ([`Cut::Stop`]): another shape, a key written with escapes, an
//! unfinished document, a read error. The caller then reads the
//! document whole, which reports each such problem where it stands. The
//! records' own text is not judged here: where a record ends is found from
//! its brackets and strings alone, and the decoder that takes it checks it
//! (and gives up the same way when it does not take it).

use std::io::Read;

use super::read::Ahead;
use super::shape::RecordShape;

/// Bytes read at a time, and the size of a batch: half a MiB, as blocks of
/// JSON Lines.
pub const BATCH_BYTES: usize = 1 << 19;

/// Whole records of a JSON document, with the text between them.
#[derive(Debug)]
pub struct Batch {
    /// Byte offset of the batch's first byte in the document.
    pub offset: u64,
    pub bytes: Vec<u8>,
    pub records: Vec<Record>,
}

/// Where a record stands in its batch, and its type when its list's key
/// gives it (none in the top-level list, whose records name their own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Record {
    pub start: usize,
    pub end: usize,
    pub shape: Option<RecordShape>,
}

impl Record {
    /// How deep the record stands in the document: in the top-level list,
    /// or in a list under a key of the top-level table.
    pub fn depth(&self) -> usize {
        match self.shape {
            Some(_) => 2,
            None => 1,
        }
    }
}

/// What cutting a document gives: batches of a JSON document's records
/// here, of a TOML document's sections in [`super::toml::cut`].
#[derive(Debug)]
pub enum Cut<B = Batch> {
    Batch(B),
    /// The document cannot be cut (or could not be read) from this byte
    /// on: read it whole instead.
    Stop(u64),
}

/// Where in the document's frame the cutting stands: what may come next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Before the document's value.
    Start,
    /// After the table's `{`: a key or `}`.
    TableFirst,
    /// After a `,` in the table: a key.
    Key,
    /// After a key: `:`.
    Colon(RecordShape),
    /// After a key's `:`: its list.
    Value(RecordShape),
    /// After a list's `[`: a record or `]`.
    ListFirst(Option<RecordShape>),
    /// After a `,` in a list: a record.
    Item(Option<RecordShape>),
    /// After a record: `,` or `]`.
    AfterItem(Option<RecordShape>),
    /// After a key's list: `,` or `}`.
    AfterList,
    /// After the document's value: whitespace only.
    End,
}

/// A record being read: where it starts, how far it has been read, and
/// what was open there.
#[derive(Clone, Copy, Debug)]
struct Open {
    start: usize,
    at: usize,
    depth: u32,
    in_string: bool,
    shape: Option<RecordShape>,
}

/// What one step of the cutting did.
enum Step {
    /// Took a token or a record; go on.
    Took,
    /// Needs more input.
    More,
    Stop,
}

/// Cuts a document read from `reader` into batches.
pub struct Batches<R> {
    input: Ahead<R>,
    /// Where the cutting stands in `input.buf`.
    pos: usize,
    state: State,
    open: Option<Open>,
    records: Vec<Record>,
    batch_size: usize,
    done: bool,
}

impl<R: Read> Batches<R> {
    pub fn new(reader: R) -> Batches<R> {
        Batches::sized(reader, BATCH_BYTES, BATCH_BYTES)
    }

    /// Reads `read_size` bytes at a time and cuts batches of about
    /// `batch_size` (small sizes, to test where the input breaks).
    pub fn sized(reader: R, read_size: usize, batch_size: usize) -> Batches<R> {
        Batches {
            input: Ahead::new(reader, read_size),
            pos: 0,
            state: State::Start,
            open: None,
            records: Vec::new(),
            batch_size,
            done: false,
        }
    }

    /// Hands on the records taken so far and the text up to where the
    /// cutting stands.
    fn cut(&mut self) -> Batch {
        let (offset, bytes) = self.input.take(self.pos);
        self.pos = 0;
        Batch {
            offset,
            records: std::mem::take(&mut self.records),
            bytes,
        }
    }

    /// Takes the next token of the frame, or the rest of a record.
    fn step(&mut self) -> Step {
        if let Some(open) = self.open.as_mut() {
            return match close(&self.input.buf, open) {
                false => Step::More,
                true => {
                    self.records.push(Record {
                        start: open.start,
                        end: open.at,
                        shape: open.shape,
                    });
                    self.pos = open.at;
                    self.open = None;
                    Step::Took
                }
            };
        }
        let rest = self.input.buf.get(self.pos..).unwrap_or_default();
        let Some(skip) = rest.iter().position(|b| !is_space(*b)) else {
            self.pos = self.input.buf.len();
            return Step::More;
        };
        self.pos += skip;
        let Some(&byte) = self.input.buf.get(self.pos) else {
            return Step::More;
        };
        self.token(byte)
    }

    /// Takes the frame's token that starts with `byte` at `pos`.
    fn token(&mut self, byte: u8) -> Step {
        use State::*;
        let next = match (self.state, byte) {
            (Start, b'{') => TableFirst,
            (Start, b'[') => ListFirst(None),
            (TableFirst | Key, b'"') => return self.key(),
            (TableFirst | AfterList, b'}') => End,
            (Colon(shape), b':') => Value(shape),
            (Value(shape), b'[') => ListFirst(Some(shape)),
            (ListFirst(shape) | Item(shape), b'{') => {
                self.open = Some(Open {
                    start: self.pos,
                    at: self.pos + 1,
                    depth: 1,
                    in_string: false,
                    shape,
                });
                self.state = AfterItem(shape);
                return Step::Took;
            }
            (ListFirst(None) | AfterItem(None), b']') => End,
            (ListFirst(Some(_)) | AfterItem(Some(_)), b']') => AfterList,
            (AfterItem(shape), b',') => Item(shape),
            (AfterList, b',') => Key,
            _ => return Step::Stop,
        };
        self.state = next;
        self.pos += 1;
        Step::Took
    }

    /// Takes a key of the table, which must name a record type and be
    /// written without escapes.
    fn key(&mut self) -> Step {
        let body = self.pos + 1;
        let rest = self.input.buf.get(body..).unwrap_or_default();
        let Some(len) = memchr::memchr2(b'"', b'\\', rest) else {
            return Step::More;
        };
        let name = rest.get(..len).unwrap_or_default();
        if rest.get(len) != Some(&b'"') {
            return Step::Stop;
        }
        let shape = std::str::from_utf8(name)
            .ok()
            .and_then(RecordShape::from_name);
        let Some(shape) = shape else {
            return Step::Stop;
        };
        self.state = State::Colon(shape);
        self.pos = body + len + 1;
        Step::Took
    }
}

impl<R: Read> Iterator for Batches<R> {
    type Item = Cut;

    fn next(&mut self) -> Option<Cut> {
        while !self.done {
            match self.step() {
                Step::Took if self.open.is_none() && self.pos >= self.batch_size => {
                    return Some(Cut::Batch(self.cut()));
                }
                Step::Took => {}
                Step::More if !self.input.at_end => {
                    self.input.fill();
                }
                Step::More => {
                    self.done = true;
                    if self.state != State::End || self.open.is_some() {
                        return Some(Cut::Stop(self.input.offset + self.input.buf.len() as u64));
                    }
                    self.pos = self.input.buf.len();
                    return (!self.records.is_empty()).then(|| Cut::Batch(self.cut()));
                }
                Step::Stop => {
                    self.done = true;
                    return Some(Cut::Stop(self.input.offset + self.pos as u64));
                }
            }
        }
        None
    }
}

/// Finds where a record of a JSON document ends, reading on as more of the
/// text comes: for finding again a record already read.
pub struct RecordEnd(Open);

impl RecordEnd {
    /// For the record whose `{` is at `start`.
    pub fn new(start: usize) -> RecordEnd {
        RecordEnd(Open {
            start,
            at: start + 1,
            depth: 1,
            in_string: false,
            shape: None,
        })
    }

    /// Just after the record's last byte, once `bytes` holds it; call again
    /// with more bytes (the same before) when it does not.
    pub fn find(&mut self, bytes: &[u8]) -> Option<usize> {
        close(bytes, &mut self.0).then_some(self.0.at)
    }
}

/// JSON's whitespace.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Reads on in an open record; true when its last bracket closes it (`at`
/// then just after it), false when the input ends first (`at` where to go
/// on from).
fn close(bytes: &[u8], open: &mut Open) -> bool {
    while let Some(rest) = bytes.get(open.at..) {
        if open.in_string {
            let Some(found) = memchr::memchr2(b'"', b'\\', rest) else {
                open.at = bytes.len();
                return false;
            };
            let at = open.at + found;
            if rest.get(found) == Some(&b'"') {
                open.in_string = false;
                open.at = at + 1;
            } else if at + 1 < bytes.len() {
                // An escape: the byte after the backslash is taken with it.
                open.at = at + 2;
            } else {
                open.at = at;
                return false;
            }
            continue;
        }
        let Some(found) = crate::swar::structural(rest) else {
            open.at = bytes.len();
            return false;
        };
        open.at += found + 1;
        match rest.get(found) {
            Some(b'"') => open.in_string = true,
            Some(b'{' | b'[') => open.depth = open.depth.saturating_add(1),
            _ => {
                open.depth -= 1;
                if open.depth == 0 {
                    return true;
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests;
