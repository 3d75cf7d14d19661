//! A TOML fact document cut into batches of whole sections as it is read.
//!
//! Parsed whole, a TOML document of a hundred thousand records takes about
//! ten times its size in memory, thirty when it is not plain TOML
//! ([`super::plain`]). Here it is read in pieces and cut, as
//! it comes, before the `[[type]]` header lines that start its records,
//! into [`Batch`]es of whole sections that parse on their own, so that they
//! can be parsed and decoded on several threads as the blocks of JSON Lines
//! are ([`crate::load::lines`]), while only the few in flight are held.
//!
//! A document is cut only where parsing its batches one by one must give
//! what parsing it whole gives: every record type's sections come together
//! (`[[source]]` sections, then `[[event]]` sections, and so on, each type
//! once), each of its own key (not `event` beside `events`), and nothing
//! stands before the first section but blank lines and comments. Headers of
//! tables within a record (`[event.attributes]`, `[[event.sources]]`) follow
//! their record in its batch. Anything else stops the cutting
//! ([`Cut::Stop`]): another layout, a quoted or malformed header, an
//! unknown record type, a read error. The caller then parses the document
//! whole, which says what is wrong where. Only the lines are read here, as
//! far as needed to know where a header line can stand (outside strings
//! that span lines and outside arrays and tables written over several
//! lines); whether the text is TOML is for the parser of each batch: one
//! that does not parse makes the caller read the document whole too.

use std::io::Read;

use super::is_bare;
use crate::load::read::Ahead;
use crate::load::shape::RecordShape;

/// Bytes read at a time, and about the size of a batch: 64 KiB. A batch
/// is parsed whole, into a tree many times its size, on each of the
/// threads: checking a million records (387 MB of TOML), each batch parsed
/// by the `toml` crate, took 6.5–7.9 s with a peak of 354–356 MB in batches
/// of 64 KiB, 6.5–7.9 s and 362 MB in batches of 128 KiB, and 8.5–9.4 s and
/// 412–417 MB in batches of ½ MiB (two or three runs each).
pub const BATCH_BYTES: usize = 1 << 16;

/// Whole sections of a TOML document.
#[derive(Debug)]
pub struct Batch {
    /// Byte offset of the batch's first byte in the document (after any
    /// byte-order mark, as when it is read whole).
    pub offset: u64,
    /// Line number of its first line (1-based).
    pub line: u64,
    pub bytes: Vec<u8>,
}

/// What cutting a document gives.
pub type Cut = crate::load::split::Cut<Batch>;

/// A string that spans lines, open at the end of a line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Open {
    #[default]
    None,
    /// `"""`, with escapes.
    Basic,
    /// `'''`, without.
    Literal,
}

/// What the cutting knows of where a line starts: inside a string that
/// spans lines, or inside brackets or braces of a value.
#[derive(Clone, Copy, Debug, Default)]
struct Lexer {
    string: Open,
    depth: u32,
}

/// A line, as the cutting sees it.
#[derive(Debug, PartialEq, Eq)]
enum Line<'a> {
    /// Blank, or only a comment.
    Blank,
    /// A table header (`[a.b]`, or `[[a.b]]` when `list`) of bare keys,
    /// with its first key and whether it has more.
    Header {
        list: bool,
        first: &'a [u8],
        dotted: bool,
    },
    /// A header the cutting does not read: quoted keys, or not well formed.
    Odd,
    /// Anything else: a key and its value, or lines within a value.
    Other,
}

impl Lexer {
    /// Reads one line (without its line break) and says what it is.
    fn line<'a>(&mut self, line: &'a [u8]) -> Line<'a> {
        if self.string == Open::None && self.depth == 0 {
            let trimmed = trim_start(line);
            match trimmed.first() {
                None | Some(b'#') => return Line::Blank,
                Some(b'[') => return header(trimmed),
                Some(_) => {}
            }
        }
        self.scan(line);
        Line::Other
    }

    /// Follows strings, comments and brackets to the line's end.
    fn scan(&mut self, line: &[u8]) {
        let mut i = 0;
        loop {
            if self.string != Open::None {
                match close_long(line, i, self.string == Open::Basic) {
                    Some(end) => {
                        self.string = Open::None;
                        i = end;
                    }
                    None => return,
                }
            }
            let Some(skip) = line.get(i..).and_then(crate::swar::toml_mark) else {
                return;
            };
            i += skip;
            let Some(&byte) = line.get(i) else {
                return;
            };
            i += 1;
            match byte {
                b'#' => return,
                b'"' | b'\'' => {
                    let basic = byte == b'"';
                    let long: &[u8] = if basic { b"\"\"" } else { b"''" };
                    if line.get(i..i + 2) == Some(long) {
                        self.string = if basic { Open::Basic } else { Open::Literal };
                        i += 2;
                    } else {
                        i = close_short(line, i, basic);
                    }
                }
                b'[' | b'{' => self.depth = self.depth.saturating_add(1),
                b']' | b'}' => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
        }
    }
}

/// Where a one-line string that starts before `i` ends (after its
/// closing quote), or the line's end.
fn close_short(line: &[u8], mut i: usize, basic: bool) -> usize {
    loop {
        let rest = line.get(i..).unwrap_or_default();
        let found = match basic {
            true => memchr::memchr2(b'"', b'\\', rest),
            false => memchr::memchr(b'\'', rest),
        };
        let Some(at) = found else {
            return line.len();
        };
        i += at;
        match line.get(i) {
            Some(b'\\') => i += 2,
            _ => return i + 1,
        }
    }
}

/// Where a string that spans lines ends on this line, from `i` (after its
/// closing quotes: three, and up to two more that are its own), if it does.
fn close_long(line: &[u8], mut i: usize, basic: bool) -> Option<usize> {
    let quote = if basic { b'"' } else { b'\'' };
    while let Some(&byte) = line.get(i) {
        match byte {
            b'\\' if basic => i += 2,
            _ if byte == quote => {
                let run = line
                    .get(i..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|&&b| b == quote)
                    .count();
                i += run;
                if run >= 3 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// Reads a header line that starts with `[`.
fn header(line: &[u8]) -> Line<'_> {
    let list = line.starts_with(b"[[");
    let close: &[u8] = if list { b"]]" } else { b"]" };
    let mut rest = line.get(if list { 2 } else { 1 }..).unwrap_or_default();
    let mut first: Option<&[u8]> = None;
    let mut dotted = false;
    loop {
        rest = trim_start(rest);
        let len = rest.iter().take_while(|&&b| is_bare(b)).count();
        let (key, after) = rest.split_at(len);
        if key.is_empty() {
            return Line::Odd;
        }
        match first {
            None => first = Some(key),
            Some(_) => dotted = true,
        }
        rest = trim_start(after);
        match rest.strip_prefix(b".") {
            Some(more) => rest = more,
            None => break,
        }
    }
    let Some(after) = rest.strip_prefix(close) else {
        return Line::Odd;
    };
    let after = trim_start(after);
    match (first, after.first()) {
        (Some(first), None | Some(b'#')) => Line::Header {
            list,
            first,
            dotted,
        },
        _ => Line::Odd,
    }
}

/// The line without its leading white space (and a `\r` before its break).
pub(super) fn trim_start(line: &[u8]) -> &[u8] {
    let skip = line
        .iter()
        .take_while(|&&b| matches!(b, b' ' | b'\t' | b'\r'))
        .count();
    line.get(skip..).unwrap_or_default()
}

/// The record types met, in order, to hold them together.
#[derive(Default)]
struct Sections {
    /// The key of the sections being read.
    current: Option<Vec<u8>>,
    /// Every key met, with its record type.
    met: Vec<(Vec<u8>, RecordShape)>,
}

impl Sections {
    /// Whether a `[[key]]` section may start here.
    fn start(&mut self, key: &[u8]) -> bool {
        if self.current.as_deref() == Some(key) {
            return true;
        }
        let Some(shape) = std::str::from_utf8(key)
            .ok()
            .and_then(RecordShape::from_name)
        else {
            return false;
        };
        if self.met.iter().any(|(k, s)| k == key || *s == shape) {
            return false;
        }
        self.met.push((key.to_vec(), shape));
        self.current = Some(key.to_vec());
        true
    }

    /// Whether a header of a table within the current section's record
    /// may stand here.
    fn within(&self, first: &[u8], dotted: bool) -> bool {
        dotted && self.current.as_deref() == Some(first)
    }
}

/// Cuts a document read from `reader` into batches.
pub struct Cuts<R> {
    input: Ahead<R>,
    /// Line number of `input.buf`'s first byte.
    line: u64,
    /// Where the next line to read starts in `input.buf`, and the line breaks
    /// before it.
    pos: usize,
    breaks: u64,
    /// How far `input.buf` is known to hold no line break past `pos`.
    scanned: usize,
    lexer: Lexer,
    sections: Sections,
    batch_size: usize,
    done: bool,
}

impl<R: Read> Cuts<R> {
    pub fn new(reader: R) -> Cuts<R> {
        Cuts::sized(reader, BATCH_BYTES, BATCH_BYTES)
    }

    /// Reads `read_size` bytes at a time and cuts batches of at least
    /// `batch_size` (small sizes, to test where the input breaks).
    pub fn sized(reader: R, read_size: usize, batch_size: usize) -> Cuts<R> {
        Cuts {
            input: Ahead::new(reader, read_size),
            line: 1,
            pos: 0,
            breaks: 0,
            scanned: 0,
            lexer: Lexer::default(),
            sections: Sections::default(),
            batch_size,
            done: false,
        }
    }

    /// Hands on the text before the next line.
    fn cut(&mut self) -> Batch {
        let (offset, bytes) = self.input.take(self.pos);
        let line = self.line;
        self.line += self.breaks;
        (self.pos, self.breaks, self.scanned) = (0, 0, 0);
        Batch {
            offset,
            line,
            bytes,
        }
    }

    /// The end of the next line (its line break, or the end of the input),
    /// reading more as needed; `None` when no line is left.
    fn next_line(&mut self) -> Option<usize> {
        loop {
            let from = self.scanned.max(self.pos);
            let ahead = self.input.buf.get(from..).unwrap_or_default();
            if let Some(i) = memchr::memchr(b'\n', ahead) {
                return Some(from + i);
            }
            self.scanned = self.input.buf.len();
            if self.input.at_end {
                return (self.pos < self.input.buf.len()).then_some(self.input.buf.len());
            }
            self.input.fill();
        }
    }

    /// Reads the line from `pos` to `end`: whether it may stand where it
    /// does.
    fn allowed(&mut self, end: usize) -> bool {
        let text = self.input.buf.get(self.pos..end).unwrap_or_default();
        match self.lexer.line(text) {
            Line::Blank => true,
            Line::Other => self.sections.current.is_some(),
            Line::Header {
                list: true,
                first,
                dotted: false,
            } => self.sections.start(first),
            Line::Header { first, dotted, .. } => self.sections.within(first, dotted),
            Line::Odd => false,
        }
    }
}

impl<R: Read> Iterator for Cuts<R> {
    type Item = Cut;

    fn next(&mut self) -> Option<Cut> {
        if self.done {
            return None;
        }
        loop {
            let Some(end) = self.next_line() else {
                self.done = true;
                return (!self.input.buf.is_empty()).then(|| Cut::Batch(self.cut()));
            };
            // A batch ends before a section's header once it is large
            // enough: the header is read again as the next batch's first.
            let starts = self.lexer.string == Open::None
                && self.lexer.depth == 0
                && self.pos >= self.batch_size
                && self
                    .input
                    .buf
                    .get(self.pos..end)
                    .is_some_and(starts_section);
            if starts {
                return Some(Cut::Batch(self.cut()));
            }
            if !self.allowed(end) {
                self.done = true;
                return Some(Cut::Stop(self.input.offset + self.pos as u64));
            }
            let broke = end < self.input.buf.len();
            self.pos = end + usize::from(broke);
            self.breaks += u64::from(broke);
        }
    }
}

/// Whether a line is a `[[key]]` header of bare keys, one key only.
fn starts_section(line: &[u8]) -> bool {
    let line = trim_start(line);
    line.starts_with(b"[[")
        && matches!(
            header(line),
            Line::Header {
                list: true,
                dotted: false,
                ..
            }
        )
}

mod headers;

pub(super) use headers::{Found, header_lines};

#[cfg(test)]
mod tests;
