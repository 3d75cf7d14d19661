//! JSON Lines: the input cut into blocks of whole lines, and one line read.
//!
//! [`Blocks`] reads a stream in blocks of about [`BLOCK_BYTES`] that end on a
//! line break, numbering lines and counting byte offsets, so that blocks can
//! be decoded on several threads and merged in order. It strips a UTF-8
//! byte-order mark, refuses a UTF-16 one, and reports a line longer than
//! [`MAX_LINE_BYTES`] instead of reading it. [`each_line`] walks a block's
//! lines, checking UTF-8; [`read_line`] parses one line into a record for the
//! diagnostic decoder. Nothing here knows what a record means.

use std::io::Read;

use super::files::FileId;
use super::json;
use super::read::{BOM, SourceText};
use super::shape::tagged;
use super::tree::Span;
use crate::diag::{Code, Diagnostic, Diagnostics, Loc, Pos};

/// Longest line read; a longer line is an error, not a crash.
pub const MAX_LINE_BYTES: usize = 256 << 20;
/// Target size of a block of lines: half a MiB, so that the few blocks in
/// flight, read and decoded, hold little memory beside the records kept.
pub const BLOCK_BYTES: usize = 1 << 19;

/// Whole lines of a JSON Lines stream and where they start.
#[derive(Debug)]
pub struct Block {
    /// Number of the block's first line, from 1.
    pub first_line: u64,
    /// Byte offset of the block's first line (after a byte-order mark).
    pub first_offset: u64,
    pub bytes: Vec<u8>,
}

/// What reading a stream gives: blocks of lines, or a problem with it.
#[derive(Debug)]
pub enum Chunk {
    Block(Block),
    Problem(Diagnostic),
}

/// Reads a stream as blocks of whole lines.
pub struct Blocks<R> {
    reader: R,
    file: FileId,
    carry: Vec<u8>,
    line: u64,
    offset: u64,
    started: bool,
    done: bool,
    /// Whether `carry` holds a line break.
    has_break: bool,
    /// How much is left to read, when the stream's size is known: a small
    /// file then takes no more memory than it needs.
    left: Option<u64>,
}

impl<R: Read> Blocks<R> {
    pub fn new(reader: R, file: FileId) -> Blocks<R> {
        Blocks {
            reader,
            file,
            carry: Vec::new(),
            line: 1,
            offset: 0,
            started: false,
            done: false,
            has_break: false,
            left: None,
        }
    }

    /// [`Blocks::new`] for a stream of about `size` bytes (a file): room
    /// is made for what is left of it, up to a block, rather than for a
    /// whole block each time.
    pub fn sized(reader: R, file: FileId, size: u64) -> Blocks<R> {
        Blocks {
            left: Some(size),
            ..Blocks::new(reader, file)
        }
    }

    /// Reads up to a block more input into `carry`; false at the end of the
    /// input. The bytes go straight into spare capacity, never zeroed first.
    fn fill(&mut self) -> std::io::Result<bool> {
        let room = self.left.map_or(BLOCK_BYTES, |left| {
            usize::try_from(left).map_or(BLOCK_BYTES, |l| l.min(BLOCK_BYTES))
        });
        self.carry.reserve(room);
        let limit = BLOCK_BYTES as u64;
        let read = (&mut self.reader)
            .take(limit)
            .read_to_end(&mut self.carry)?;
        if let Some(left) = &mut self.left {
            *left = left.saturating_sub(read as u64);
        }
        Ok(read > 0)
    }

    /// Handles a byte-order mark at the very start; an error for UTF-16.
    fn start(&mut self) -> Option<Diagnostic> {
        self.started = true;
        if self.carry.starts_with(&BOM) {
            self.carry.drain(..3);
        } else if self.carry.starts_with(&[0xFF, 0xFE]) || self.carry.starts_with(&[0xFE, 0xFF]) {
            self.done = true;
            return Some(utf16(self.file));
        }
        None
    }

    fn cut(&mut self, end: usize) -> Block {
        let rest = self.carry.split_off(end);
        let bytes = std::mem::replace(&mut self.carry, rest);
        let block = Block {
            first_line: self.line,
            first_offset: self.offset,
            bytes,
        };
        self.line += count_lines(&block.bytes);
        self.offset += block.bytes.len() as u64;
        block
    }

    /// Skips the rest of an over-long line and reports it.
    fn too_long(&mut self) -> Chunk {
        let line = self.line;
        loop {
            if let Some(nl) = self.carry.iter().position(|b| *b == b'\n') {
                self.offset += nl as u64 + 1;
                self.carry.drain(..=nl);
                break;
            }
            self.offset += self.carry.len() as u64;
            self.carry.clear();
            if !matches!(self.fill(), Ok(true)) {
                self.done = true;
                break;
            }
        }
        self.has_break = self.carry.contains(&b'\n');
        self.line += 1;
        let msg = format!("line {line} is longer than {} MiB", MAX_LINE_BYTES >> 20);
        let d = Diagnostic::error(Code::Limit, msg)
            .at(Loc::File(self.file))
            .help("split the record or shorten its text");
        Chunk::Problem(d)
    }
}

fn utf16(file: FileId) -> Diagnostic {
    let msg = "file is UTF-16 (it starts with a UTF-16 byte-order mark)";
    Diagnostic::error(Code::Encoding, msg)
        .at(Loc::File(file))
        .help("save the file as UTF-8")
}

impl<R: Read> Iterator for Blocks<R> {
    type Item = Chunk;

    fn next(&mut self) -> Option<Chunk> {
        loop {
            if self.done {
                return None;
            }
            let searched = self.carry.len();
            let more = match self.fill() {
                Ok(more) => more,
                Err(e) => {
                    self.done = true;
                    let d = Diagnostic::error(Code::Io, format!("read error: {e}"))
                        .at(Loc::File(self.file));
                    return Some(Chunk::Problem(d));
                }
            };
            if !self.started
                && (self.carry.len() >= 3 || !more)
                && let Some(d) = self.start()
            {
                return Some(Chunk::Problem(d));
            }
            if !more {
                self.done = true;
                return (!self.carry.is_empty()).then(|| Chunk::Block(self.cut(self.carry.len())));
            }
            let fresh = self.carry.get(searched..).unwrap_or_default();
            self.has_break |= fresh.contains(&b'\n');
            if self.has_break && self.carry.len() >= BLOCK_BYTES {
                let end = self
                    .carry
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |i| i + 1);
                self.has_break = false;
                return Some(Chunk::Block(self.cut(end)));
            }
            if !self.has_break && self.carry.len() > MAX_LINE_BYTES {
                return Some(self.too_long());
            }
        }
    }
}

/// Calls `f(line_no, offset, text)` for each line of a block that is valid
/// UTF-8 (line break and carriage return removed); reports the others.
pub fn each_line(
    block: &Block,
    file: FileId,
    diags: &mut Diagnostics,
    f: &mut dyn FnMut(u64, u64, &str, &mut Diagnostics),
) {
    // A block that is UTF-8 throughout (the usual case) is checked once and
    // cut at newlines found a word at a time; otherwise line by line, so that
    // a bad byte is reported on its own line.
    let Ok(text) = std::str::from_utf8(&block.bytes) else {
        return each_raw_line(block, file, diags, f);
    };
    let mut offset = block.first_offset;
    for (line_no, raw) in (block.first_line..).zip(split_lines(text)) {
        let body = raw.strip_suffix('\n').unwrap_or(raw);
        let body = body.strip_suffix('\r').unwrap_or(body);
        f(line_no, offset, body, diags);
        offset += raw.len() as u64;
    }
}

/// The lines of `text`, each with its line break (the last may have none),
/// as `split_inclusive('\n')` gives them, cut where `memchr` finds breaks.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let breaks = memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1);
    let mut start = 0;
    breaks
        .chain(std::iter::once(text.len()))
        .filter_map(move |end| {
            let line = text.get(start..end)?;
            start = end;
            (!line.is_empty()).then_some(line)
        })
}

/// How many line breaks `bytes` holds.
fn count_lines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

/// [`each_line`] for a block that is not all UTF-8.
fn each_raw_line(
    block: &Block,
    file: FileId,
    diags: &mut Diagnostics,
    f: &mut dyn FnMut(u64, u64, &str, &mut Diagnostics),
) {
    let mut offset = block.first_offset;
    for (line_no, raw) in (block.first_line..).zip(block.bytes.split_inclusive(|b| *b == b'\n')) {
        let body = raw.strip_suffix(b"\n").unwrap_or(raw);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        match std::str::from_utf8(body) {
            Ok(text) => f(line_no, offset, text, diags),
            Err(e) => diags.push(invalid_utf8(file, line_no, body, e.valid_up_to())),
        }
        offset += raw.len() as u64;
    }
}

fn invalid_utf8(file: FileId, line: u64, body: &[u8], at: usize) -> Diagnostic {
    let pos = Pos {
        file,
        line,
        col: at,
        len: 1,
        // The whole line, the bytes that are not UTF-8 shown as U+FFFD: the
        // valid part before them is unchanged, so the caret stands on them.
        text: Some(String::from_utf8_lossy(body).into_owned()),
        cut: None,
    };
    Diagnostic::error(Code::Encoding, super::read::bad_byte(body, at))
        .at(Loc::At(pos))
        .help("fact files must be UTF-8")
}

/// Parses one JSON Lines line and hands its record on.
pub fn read_line(
    id: FileId,
    text: &str,
    line_no: u64,
    offset: u64,
    diags: &mut Diagnostics,
    sink: &mut dyn FnMut(super::read::RawRecord<'_, '_>, &mut Diagnostics),
) {
    if text.trim().is_empty() {
        return;
    }
    let src = SourceText::new(id, text, line_no, offset);
    match json::parse(text) {
        Ok(node) => tagged(&node, &src, diags, &mut |rec, d| sink(rec, d)),
        Err(e) => {
            let span = Span::new(e.offset, e.offset + 1);
            diags.push(Diagnostic::error(e.code(), e.message).at(src.loc(span)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(input: &[u8]) -> Vec<Chunk> {
        Blocks::new(input, FileId(0)).collect()
    }

    #[test]
    fn blocks_end_on_line_breaks_and_count_lines() {
        let line = format!("{}\n", "x".repeat(1000));
        let input = line.repeat(3000);
        let chunks = blocks(input.as_bytes());
        let mut next_line = 1;
        let mut next_offset = 0;
        for c in &chunks {
            let Chunk::Block(b) = c else {
                panic!("unexpected problem")
            };
            assert!(b.bytes.ends_with(b"\n"));
            assert_eq!((b.first_line, b.first_offset), (next_line, next_offset));
            next_line += b.bytes.iter().filter(|c| **c == b'\n').count() as u64;
            next_offset += b.bytes.len() as u64;
        }
        assert!(chunks.len() > 1);
        assert_eq!(next_line, 3001);
    }

    #[test]
    fn blocks_of_a_sized_stream_are_those_of_any_stream_and_no_larger() {
        let line = format!("{}\n", "y".repeat(700));
        let text = |n: usize| format!("\u{feff}{}tail", line.repeat(n));
        let shape = |chunks: &[Chunk]| format!("{chunks:?}");
        for n in [0, 1, 40, 1500, 3000] {
            let input = text(n);
            let want = shape(&blocks(input.as_bytes()));
            // The size given may be wrong: a file may change while read.
            for size in [
                0,
                input.len() / 2,
                input.len(),
                input.len() + 9,
                u64::MAX as usize,
            ] {
                let sized: Vec<Chunk> =
                    Blocks::sized(input.as_bytes(), FileId(0), size as u64).collect();
                assert_eq!(shape(&sized), want, "{n} lines, size {size}");
            }
            let sized: Vec<Chunk> =
                Blocks::sized(input.as_bytes(), FileId(0), input.len() as u64).collect();
            if let [Chunk::Block(one)] = sized.as_slice() {
                assert!(one.bytes.capacity() <= input.len().max(8), "{n} lines");
            }
        }
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_utf16_refused() {
        let chunks = blocks(b"\xEF\xBB\xBF{}\n");
        let Some(Chunk::Block(b)) = chunks.first() else {
            panic!("no block")
        };
        assert_eq!(b.bytes, b"{}\n");
        assert!(matches!(
            blocks(b"\xFF\xFE{\x00").first(),
            Some(Chunk::Problem(_))
        ));
    }

    #[test]
    fn a_last_line_without_a_break_is_read() {
        let chunks = blocks(b"a\nb");
        let Some(Chunk::Block(b)) = chunks.first() else {
            panic!("no block")
        };
        assert_eq!(b.bytes, b"a\nb");
    }

    #[test]
    fn lines_report_invalid_utf8_with_their_number() {
        let block = Block {
            first_line: 5,
            first_offset: 0,
            bytes: b"ok\r\nbad\xFF\n".to_vec(),
        };
        let mut seen = Vec::new();
        let mut diags = Diagnostics::default();
        each_line(&block, FileId(0), &mut diags, &mut |n, off, text, _| {
            seen.push((n, off, text.to_string()))
        });
        assert_eq!(seen, vec![(5, 0, "ok".to_string())]);
        assert_eq!(diags.errors(), 1);
    }

    proptest::proptest! {
        #[test]
        fn lines_are_cut_as_split_inclusive_cuts_them(text in "[ab\n\r\u{e9}]{0,16}") {
            let ours: Vec<&str> = split_lines(&text).collect();
            let std: Vec<&str> = text.split_inclusive('\n').collect();
            proptest::prop_assert_eq!(ours, std);
        }
    }
}
