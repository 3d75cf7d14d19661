//! A byte-position cursor over one part of the input, with error helpers that point at
//! the character under it.
//!
//! Positions are byte offsets into the whole input, so errors from any part of an
//! interval point into the original text. It must not panic: every access goes through
//! `str::get` and checked lookups.

use super::error::EdtfError;

/// Reads `src[pos..end]` one character at a time.
pub(crate) struct Cursor<'a> {
    src: &'a str,
    pub(crate) pos: usize,
    end: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor over `src[start..end]`.
    pub(crate) fn new(src: &'a str, start: usize, end: usize) -> Cursor<'a> {
        Cursor {
            src,
            pos: start,
            end,
        }
    }

    /// The character under the cursor, `None` at the end of the part.
    pub(crate) fn peek(&self) -> Option<char> {
        self.src.get(self.pos..self.end)?.chars().next()
    }

    /// The rest of the part.
    pub(crate) fn rest(&self) -> &'a str {
        self.src.get(self.pos..self.end).unwrap_or("")
    }

    /// Moves past `wanted` when it is under the cursor.
    pub(crate) fn eat(&mut self, wanted: char) -> bool {
        if self.peek() == Some(wanted) {
            self.pos += wanted.len_utf8();
            true
        } else {
            false
        }
    }

    /// Moves past the character under the cursor and returns it.
    pub(crate) fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Takes the run of characters that can make up a number: digits, `X`, and the
    /// mistakes `x` and `u` (so they can be reported inside the number).
    pub(crate) fn number(&mut self) -> (usize, &'a str) {
        let start = self.pos;
        let len = self
            .rest()
            .bytes()
            .take_while(|b| b.is_ascii_digit() || matches!(b, b'X' | b'x' | b'u'))
            .count();
        self.pos += len;
        (start, self.src.get(start..self.pos).unwrap_or(""))
    }

    /// An error at the character under the cursor, or at the last character of the part
    /// (or of the input before it) when the part is used up.
    pub(crate) fn error(&self, message: impl Into<String>) -> EdtfError {
        let (offset, len) = match self.peek() {
            Some(c) => (self.pos, c.len_utf8()),
            None => self.last_char(),
        };
        EdtfError::new(offset, len, message)
    }

    /// An error for the character under the cursor that is not what `expected` says.
    pub(crate) fn unexpected(&self, expected: &str) -> EdtfError {
        match self.peek() {
            Some(c) => self.error(format!("expected {expected}, found `{c}`")),
            None => self.error(format!("expected {expected} after this")),
        }
    }

    /// Offset and length of the character before the cursor.
    fn last_char(&self) -> (usize, usize) {
        let before = self.src.get(..self.pos).unwrap_or("");
        match before.chars().next_back() {
            Some(c) => (self.pos - c.len_utf8(), c.len_utf8()),
            None => (self.pos, 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_within_its_part() {
        let mut cursor = Cursor::new("2024/2025", 0, 4);
        assert_eq!(cursor.number(), (0, "2024"));
        assert_eq!(cursor.peek(), None);
        let error = cursor.unexpected("a month");
        assert_eq!((error.offset, error.len), (3, 1));
    }

    #[test]
    fn handles_multibyte_characters() {
        let mut cursor = Cursor::new("é2024", 0, 6);
        assert_eq!(cursor.number(), (0, ""));
        let error = cursor.unexpected("a year");
        assert_eq!((error.offset, error.len), (0, 2));
        assert_eq!(cursor.bump(), Some('é'));
        assert!(cursor.eat('2'));
        assert_eq!(cursor.rest(), "024");
    }
}
