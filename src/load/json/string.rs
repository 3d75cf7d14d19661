//! Strings of the span-keeping JSON parser: read in place when they hold
//! no escapes, decoded when they do, with an error at the byte for a
//! control character, a bad escape or half a surrogate pair. Nothing here
//! reads anything but a string.

use std::borrow::Cow;

use super::{Parser, SyntaxError};

impl<'a> Parser<'a> {
    /// Reads a string starting at its opening quote.
    pub(super) fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        self.pos += 1;
        let start = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    let s = self.text.get(start..self.pos).unwrap_or_default();
                    self.pos += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(b) if b < 0x20 => return Err(self.control_error(b)),
                Some(_) => self.pos += 1,
            }
        }
        let mut owned = String::from(self.text.get(start..self.pos).unwrap_or_default());
        self.escaped_rest(&mut owned)?;
        Ok(Cow::Owned(owned))
    }

    fn control_error(&self, b: u8) -> SyntaxError {
        let what = if b == b'\n' {
            "a line break"
        } else {
            "a control character"
        };
        self.error(&format!("{what} inside a string must be escaped"))
    }

    /// Continues a string that holds escapes, from the first backslash.
    fn escaped_rest(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        loop {
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => self.escape(out)?,
                Some(b) => return Err(self.control_error(b)),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let at = self.pos;
        self.pos += 1;
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let c = self.unicode_escape(at)?;
                out.push(c);
                return Ok(());
            }
            _ => {
                self.pos = at;
                return Err(self.error("invalid escape in string"));
            }
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self, at: usize) -> Result<u32, SyntaxError> {
        let digits = self.text.get(self.pos..self.pos + 4);
        match digits.and_then(|d| {
            u32::from_str_radix(d, 16)
                .ok()
                .filter(|_| d.bytes().all(|b| b.is_ascii_hexdigit()))
        }) {
            Some(n) => {
                self.pos += 4;
                Ok(n)
            }
            None => Err(SyntaxError {
                limit: false,
                offset: at,
                message: "invalid \\u escape".to_string(),
            }),
        }
    }

    fn unicode_escape(&mut self, at: usize) -> Result<char, SyntaxError> {
        let first = self.hex4(at)?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                return Err(SyntaxError {
                    limit: false,
                    offset: at,
                    message: "unpaired surrogate in \\u escape".to_string(),
                });
            }
            self.pos += 2;
            let second = self.hex4(at)?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(SyntaxError {
                    limit: false,
                    offset: at,
                    message: "unpaired surrogate in \\u escape".to_string(),
                });
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or(SyntaxError {
            limit: false,
            offset: at,
            message: "unpaired surrogate in \\u escape".to_string(),
        })
    }
}
