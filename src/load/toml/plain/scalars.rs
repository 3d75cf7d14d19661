//! The scalars of plain TOML: strings on one line, with the escapes plain
//! reading takes, and decimal integers and floats (with exponents). Each
//! reader gives up (`None`) on any other form, valid or not, for the `toml`
//! crate to read.

use std::borrow::Cow;

use super::Cursor;
use crate::load::toml::float;
use crate::load::tree::Value;
use crate::swar::string_stop;

impl<'a> Cursor<'a> {
    /// A decimal integer that fits 64 bits, or a float with digits on both
    /// sides of its point, an exponent, or both; no underscores or leading
    /// zeros.
    pub fn number(&mut self) -> Option<Value<'static>> {
        let start = self.pos;
        self.sign();
        let whole = self.digits();
        let leading_zero = whole > 1 && self.bytes().get(self.pos - whole) == Some(&b'0');
        if whole == 0 || leading_zero {
            return None;
        }
        let fraction = self.expect(b".").is_some();
        if fraction && self.digits() == 0 {
            return None;
        }
        let exponent = matches!(self.peek(), Some(b'e' | b'E'));
        if exponent {
            self.pos += 1;
            self.sign();
            (self.digits() > 0).then_some(())?;
        }
        if matches!(
            self.peek(),
            Some(b'e' | b'E' | b'_' | b'.' | b':' | b'x' | b'o' | b'b')
        ) {
            return None;
        }
        let text = self.text_to(start)?;
        match fraction || exponent {
            true => Some(float(text)),
            false => text.parse().ok().map(Value::Int),
        }
    }

    /// An optional `+` or `-`.
    fn sign(&mut self) {
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.pos += 1;
        }
    }

    /// Skips ASCII digits and says how many.
    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// `"…"` on one line, with the escapes `\"`, `\\`, `\b`, `\t`, `\n`,
    /// `\f`, `\r`, `\uXXXX` and `\UXXXXXXXX`.
    pub fn basic_string(&mut self) -> Option<Cow<'a, str>> {
        if self.at(b"\"\"\"") {
            return None;
        }
        self.expect(b"\"")?;
        let start = self.pos;
        let mut owned: Option<String> = None;
        let mut run = start;
        loop {
            self.pos += string_stop(self.bytes().get(self.pos..)?, b'"')?;
            match self.peek()? {
                b'"' => break,
                b'\\' => {
                    let text = owned.get_or_insert_with(String::new);
                    text.push_str(self.text_to(run)?);
                    self.pos += 1;
                    text.push(self.escape()?);
                    run = self.pos;
                }
                b'\t' => self.pos += 1,
                _ => return None,
            }
        }
        let value = match owned {
            None => Cow::Borrowed(self.text_to(start)?),
            Some(mut text) => {
                text.push_str(self.text_to(run)?);
                Cow::Owned(text)
            }
        };
        self.pos += 1;
        Some(value)
    }

    /// The character of an escape, after its backslash.
    fn escape(&mut self) -> Option<char> {
        let b = self.peek()?;
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'b' => '\u{8}',
            b't' => '\t',
            b'n' => '\n',
            b'f' => '\u{c}',
            b'r' => '\r',
            b'u' => self.hex_char(4)?,
            b'U' => self.hex_char(8)?,
            _ => return None,
        };
        Some(c)
    }

    /// A Unicode scalar value written in `n` hexadecimal digits.
    fn hex_char(&mut self, n: usize) -> Option<char> {
        let digits = self.text.get(self.pos..self.pos + n)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += n;
        char::from_u32(u32::from_str_radix(digits, 16).ok()?)
    }

    /// `'…'` on one line, as written.
    pub fn literal_string(&mut self) -> Option<Cow<'a, str>> {
        if self.at(b"'''") {
            return None;
        }
        self.expect(b"'")?;
        let start = self.pos;
        loop {
            self.pos += string_stop(self.bytes().get(self.pos..)?, b'\'')?;
            match self.peek()? {
                b'\'' => break,
                b'\\' | b'\t' => self.pos += 1,
                _ => return None,
            }
        }
        let text = self.text_to(start)?;
        self.pos += 1;
        Some(Cow::Borrowed(text))
    }
}
