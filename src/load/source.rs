//! A text placed in its file, and the positions of its spans.
//!
//! A diagnostic points at a span of a text; people read a line, a column in
//! characters, and the line itself. A text is indexed once, on the first
//! position asked for, by blocks of 4 KiB: how many lines and characters
//! start before each block, and where the last line before it starts. A
//! position is then found from its block, whatever the text's size: a JSON
//! document of hundreds of megabytes, even one written on a single line,
//! costs an index of 6 bytes a kilobyte and a few kilobytes read per
//! position.
//! A line longer than 2 KiB is kept only around the span; so a text may
//! be a window of a larger one that starts inside such a line ([`Lead`]).
//! Nothing here parses or reports.

use std::sync::OnceLock;

use super::files::FileId;
use super::tree::Span;
use crate::diag::{Cut, Loc, Origin, Pos};

#[cfg(test)]
mod tests;

/// Lines up to this many bytes are kept whole in a position.
pub const LONG_LINE: usize = 2048;

/// Bytes kept on each side of a span in a long line (and of the span, at
/// most this many).
const AROUND: usize = 512;

/// Bytes a block of the index covers.
const BLOCK: usize = 1 << 12;

/// The text a tree was parsed from, placed in its file, for positions.
pub struct SourceText<'a> {
    pub file: FileId,
    pub text: &'a str,
    /// Line number of the text's first line (1-based).
    pub base_line: u64,
    /// Byte offset of the text in its (decoded) file.
    pub base_offset: u64,
    /// What of its first line comes before the text.
    lead: Lead,
    /// Whether positions are found when rendered, not now
    /// ([`SourceText::placed_later`]).
    later: bool,
    index: OnceLock<Vec<Mark>>,
}

/// What of its first line comes before a text that starts inside a long
/// line (more than [`LONG_LINE`] bytes), as a window of a larger text does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Lead {
    pub bytes: usize,
    pub chars: usize,
}

/// What comes before a block of the text.
#[derive(Clone, Copy, Default)]
struct Mark {
    /// Line breaks before the block.
    lines: u64,
    /// Where the line the block starts in starts.
    line_start: usize,
    /// Characters that start before the block.
    chars: usize,
}

impl<'a> SourceText<'a> {
    pub fn new(file: FileId, text: &'a str, base_line: u64, base_offset: u64) -> SourceText<'a> {
        SourceText {
            file,
            text,
            base_line,
            base_offset,
            lead: Lead::default(),
            later: false,
            index: OnceLock::new(),
        }
    }

    /// The text, its spans placed only when their diagnostics are rendered
    /// ([`Loc::Text`]), by reading the file again: for a record read alone
    /// from a document that is not held.
    pub fn placed_later(self) -> SourceText<'a> {
        SourceText {
            later: true,
            ..self
        }
    }

    /// The text, starting `lead` into its first line, which is long.
    pub fn within_line(self, lead: Lead) -> SourceText<'a> {
        SourceText { lead, ..self }
    }

    fn index(&self) -> &[Mark] {
        self.index.get_or_init(|| {
            let mut marks = Vec::with_capacity(self.text.len() / BLOCK + 1);
            let mut at = Mark::default();
            for (i, block) in self.text.as_bytes().chunks(BLOCK).enumerate() {
                marks.push(at);
                at.lines += memchr::memchr_iter(b'\n', block).count() as u64;
                if let Some(last) = memchr::memrchr(b'\n', block) {
                    at.line_start = i * BLOCK + last + 1;
                }
                at.chars += char_starts(block);
            }
            marks
        })
    }

    /// The mark of the block holding byte `at`, and where that block starts.
    fn mark(&self, at: usize) -> (Mark, usize) {
        let index = self.index();
        let block = (at / BLOCK).min(index.len().saturating_sub(1));
        match index.get(block) {
            Some(&mark) => (mark, block * BLOCK),
            None => (Mark::default(), 0),
        }
    }

    /// The line (0-based, in this text) holding byte `at`, and where it starts.
    fn line_of(&self, at: usize) -> (u64, usize) {
        let (mark, from) = self.mark(at);
        let seen = self.text.as_bytes().get(from..at).unwrap_or_default();
        let lines = mark.lines + memchr::memchr_iter(b'\n', seen).count() as u64;
        let start = memchr::memrchr(b'\n', seen).map_or(mark.line_start, |i| from + i + 1);
        (lines, start)
    }

    /// Characters that start before byte `at`.
    fn chars_before(&self, at: usize) -> usize {
        let (mark, from) = self.mark(at);
        mark.chars + char_starts(self.text.as_bytes().get(from..at).unwrap_or_default())
    }

    /// The resolved position of a span, with its source line (around the
    /// span, when the line is long).
    pub fn pos(&self, span: Span) -> Pos {
        let at = span.start.min(self.text.len());
        let (line, start) = self.line_of(at);
        let lead = match line {
            0 => self.lead,
            _ => Lead::default(),
        };
        let bytes = self.text.as_bytes();
        // The line's end, looked for no further than a long line is kept
        // (counting what of the line comes before the text).
        let reach = at
            .saturating_add(span.end.saturating_sub(at).min(AROUND) + AROUND)
            .max((start + LONG_LINE + 1).saturating_sub(lead.bytes))
            .min(bytes.len());
        let ahead = bytes.get(at..reach).unwrap_or_default();
        let (end, whole) = match memchr::memchr(b'\n', ahead) {
            Some(i) => (at + i, true),
            None => (reach, reach == bytes.len()),
        };
        let long = lead.bytes > 0 || !whole || end - start > LONG_LINE;
        let (from, to) = match long {
            false => (start, end),
            true => (
                self.text
                    .floor_char_boundary(at.saturating_sub(AROUND).max(start)),
                self.text.floor_char_boundary(end),
            ),
        };
        let kept = self.text.get(from..to).unwrap_or_default();
        let kept = kept.trim_end_matches('\r');
        let col = at - from;
        let line_len = if long { usize::MAX } else { kept.len() };
        let len = span
            .end
            .saturating_sub(at)
            .min(line_len.saturating_sub(col));
        let cut = long.then(|| {
            // The span within its line, which may run past the part kept.
            let spanned = bytes.get(at..span.end.min(bytes.len())).unwrap_or_default();
            let span_end = at + memchr::memchr(b'\n', spanned).unwrap_or(spanned.len());
            Cut {
                from: from - start + lead.bytes,
                before: self.chars_before(from) - self.chars_before(start) + lead.chars,
                width: self.chars_before(span_end) - self.chars_before(at),
            }
        });
        Pos {
            file: self.file,
            line: self.base_line + line,
            col: col.min(kept.len()),
            len,
            text: Some(kept.to_string()),
            cut,
        }
    }

    pub fn loc(&self, span: Span) -> Loc {
        match self.later {
            true => Loc::Text(self.origin(span), span.end.saturating_sub(span.start)),
            false => Loc::At(self.pos(span)),
        }
    }

    pub fn origin(&self, span: Span) -> Origin {
        Origin {
            file: self.file,
            offset: self.base_offset + span.start as u64,
        }
    }
}

/// Characters that start in `bytes`: those not continuing one before.
pub fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}
