//! A JSON document read forward for the records and spans diagnostics
//! point into.
//!
//! Placing a diagnostic needs the text of its record and of the lines it
//! stands on, not the whole document. [`Window`] reads a document once,
//! front to back, and for each record or span asked for (in the order they
//! stand) gives a window of the text: from the start of its first line to
//! a little past its end, or, when that line is long, from shortly before
//! it, with what of the line came before counted ([`Lead`]). What the
//! window drops is counted (line breaks, and the bytes and characters of
//! the line it is in), so positions in it read as in the whole text, and it
//! never holds more than a record and a few KiB beside.
//! Nothing here parses JSON beyond finding where a record ends.

use std::io::Read;

use super::files::FileId;
use super::read::Unmarked;
use super::source::{LONG_LINE, Lead, SourceText, char_starts};
use super::split::RecordEnd;
use super::tree::Span;

/// Bytes read at a time.
const READ_BYTES: usize = 1 << 16;

/// Bytes kept before a record that starts far into a long line: enough for
/// what a position keeps of a long line before its span.
const BEFORE: usize = 1024;

/// Bytes read past a record's end for the rest of its last line: more than
/// a position looks ahead for a line's end.
const AFTER: usize = 2 * LONG_LINE;

/// A document read forward, holding only the text around one record.
pub struct Window<R> {
    /// The document, without a byte-order mark (offsets count after it).
    reader: Unmarked<R>,
    file: FileId,
    buf: Vec<u8>,
    /// Offset in the document (after a byte-order mark) of `buf`'s first byte.
    offset: u64,
    /// Line breaks before `buf`.
    lines: u64,
    /// What of the line `buf` starts in comes before it.
    lead: Lead,
    at_end: bool,
}

impl<R: Read> Window<R> {
    pub fn new(reader: R, file: FileId) -> Window<R> {
        Window {
            reader: Unmarked::new(reader),
            file,
            buf: Vec::new(),
            offset: 0,
            lines: 0,
            lead: Lead::default(),
            at_end: false,
        }
    }

    /// Reads more; false at the end (or on a read error).
    fn fill(&mut self) -> bool {
        if self.at_end {
            return false;
        }
        let read = (&mut self.reader)
            .take(READ_BYTES as u64)
            .read_to_end(&mut self.buf);
        self.at_end = !matches!(read, Ok(n) if n > 0);
        !self.at_end
    }

    /// Drops the text before `at` (or less: never the start of a line that
    /// is not long, so that a window starts inside a line only when it is
    /// long), counting what it drops.
    fn drop_before(&mut self, at: usize) {
        let at = at.min(self.buf.len());
        let head = self.buf.get(..at).unwrap_or_default();
        let cut = match memchr::memrchr(b'\n', head) {
            Some(nl) if at - (nl + 1) > LONG_LINE => at,
            Some(nl) => nl + 1,
            None if self.lead.bytes > 0 || at > LONG_LINE => at,
            None => 0,
        };
        let cut = char_floor(&self.buf, cut);
        let dropped = self.buf.get(..cut).unwrap_or_default();
        self.lines += memchr::memchr_iter(b'\n', dropped).count() as u64;
        self.lead = match memchr::memrchr(b'\n', dropped) {
            Some(nl) => {
                let rest = dropped.get(nl + 1..).unwrap_or_default();
                Lead {
                    bytes: rest.len(),
                    chars: char_starts(rest),
                }
            }
            None => Lead {
                bytes: self.lead.bytes + dropped.len(),
                chars: self.lead.chars + char_starts(dropped),
            },
        };
        self.offset += cut as u64;
        self.buf.drain(..cut);
    }

    /// The window around the record that starts at `offset`, and where the
    /// record starts in it; `None` when the document ends first, is not
    /// UTF-8 there, or the text at `offset` was dropped already (records are
    /// asked for in the order they stand).
    pub fn record(&mut self, offset: u64) -> Option<(SourceText<'_>, usize)> {
        let start = self.reach(offset)?;
        let mut end = RecordEnd::new(start);
        let record_end = loop {
            if let Some(end) = end.find(&self.buf) {
                break end;
            }
            if !self.fill() {
                return None;
            }
        };
        Some((self.view(record_end)?, start))
    }

    /// The window around the `len` bytes at `offset`, and where they stand
    /// in it; `None` as for [`Window::record`].
    pub fn around(&mut self, offset: u64, len: usize) -> Option<(SourceText<'_>, Span)> {
        let start = self.reach(offset)?;
        let end = start.saturating_add(len);
        while self.buf.len() < end {
            if !self.fill() {
                return None;
            }
        }
        Some((self.view(end)?, Span::new(start, end)))
    }

    /// Reads on to byte `offset` of the document, dropping the text before
    /// its window; where it stands in `buf`.
    fn reach(&mut self, offset: u64) -> Option<usize> {
        let mut at = usize::try_from(offset.checked_sub(self.offset)?).ok()?;
        while at >= self.buf.len() {
            self.drop_before(self.buf.len());
            at = usize::try_from(offset.checked_sub(self.offset)?).ok()?;
            if at < self.buf.len() || !self.fill() {
                break;
            }
        }
        self.drop_before(at.saturating_sub(BEFORE));
        usize::try_from(offset.checked_sub(self.offset)?).ok()
    }

    /// The window: from the start of `buf` to the end of the line that
    /// byte `end` is in, or a little past `end` when that line is long.
    fn view(&mut self, end: usize) -> Option<SourceText<'_>> {
        let line_end = loop {
            let ahead = self.buf.get(end..).unwrap_or_default();
            match memchr::memchr(b'\n', ahead) {
                Some(nl) => break end + nl,
                None if ahead.len() > AFTER || !self.fill() => {
                    break self.buf.len().min(end + AFTER);
                }
                None => {}
            }
        };
        let line_end = char_floor(&self.buf, line_end);
        let text = std::str::from_utf8(self.buf.get(..line_end)?).ok()?;
        let src = SourceText::new(self.file, text, self.lines + 1, self.offset);
        Some(src.within_line(self.lead))
    }
}

/// `at`, or the first byte of the character it is inside (as
/// `str::floor_char_boundary`, on bytes that may end inside a character).
fn char_floor(bytes: &[u8], at: usize) -> usize {
    (0..=at)
        .rev()
        .find(|&i| bytes.get(i).is_none_or(|b| (*b as i8) >= -0x40))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests;
