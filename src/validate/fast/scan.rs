//! A scanner for the common record line: one JSON object of the known
//! fields, whose keys hold no escapes.
//!
//! Most lines of an extracted file are just that, and serde's generic path
//! costs more than the line needs. [`fill`] reads such a line straight into
//! the [`Flat`] fields, borrowing every string without escapes from the line
//! and decoding those with. Anything else — an escaped key, half a
//! surrogate pair, a control character in a string, a number with a
//! fraction or an exponent, `null`, an unknown or repeated key, attributes,
//! coordinates, any trailing text — gives `None`, and the line goes to serde
//! as before. So the scanner never decides what is valid: when it gives a
//! value, serde gives the same one (a test holds it to that).

use std::borrow::Cow;

use super::de::{CountVal, Flat, IdWith, Str};
use super::keys::{self, Key, RefFields, Values};
use crate::model::List;
use crate::swar::{equal, first_place, stop};

/// Reads a line that has the common shape into `flat`, whose fields are
/// all unset; `None` for any other line, and then `flat` holds what was read
/// before the line was left, to be thrown away.
pub fn fill<'a>(line: &'a str, flat: &mut Flat<'a>) -> Option<()> {
    let mut scan = Scan { line, at: 0 };
    scan.space();
    scan.object(|scan, key| keys::field(scan, key, flat))?;
    scan.space();
    (scan.at == line.len()).then_some(())
}

/// The fields of a line that has the common shape; `None` for any other.
#[cfg(any(test, fuzzing))]
pub fn flat(line: &str) -> Option<Flat<'_>> {
    let mut flat = Flat::default();
    fill(line, &mut flat).map(|()| flat)
}

/// A line and how far it has been read.
struct Scan<'a> {
    line: &'a str,
    at: usize,
}

impl<'a> Scan<'a> {
    fn peek(&self) -> Option<u8> {
        self.line.as_bytes().get(self.at).copied()
    }

    /// Skips JSON white space.
    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat_if(&mut self, b: u8) -> bool {
        let found = self.peek() == Some(b);
        self.at += usize::from(found);
        found
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.eat_if(b).then_some(())
    }

    /// A key the scanner reads, with its quotes. Known keys hold no escape,
    /// so a key written with one, like any other key, gives `None`.
    fn key(&mut self) -> Option<Key> {
        self.eat(b'"')?;
        let rest = self.line.as_bytes().get(self.at..)?;
        let len = quote(rest)?;
        let key = Key::of(rest.get(..len)?)?;
        self.at += len + 1;
        Some(key)
    }

    /// The rest of a string from a backslash to its closing quote, decoded
    /// into `out`.
    fn escaped(&mut self, out: &mut String) -> Option<()> {
        loop {
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(());
                }
                b'\\' => {
                    self.at += 1;
                    out.push(self.escape()?);
                }
                _ => return None,
            }
            let rest = self.line.get(self.at..)?;
            let len = stop(rest.as_bytes())?;
            out.push_str(rest.get(..len)?);
            self.at += len;
        }
    }

    /// The character an escape stands for, read after its backslash.
    fn escape(&mut self) -> Option<char> {
        let c = match self.peek()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                self.at += 1;
                return self.unicode();
            }
            _ => return None,
        };
        self.at += 1;
        Some(c)
    }

    /// The character of `XXXX` after `\u`, or of a surrogate pair
    /// `XXXX\uYYYY`; `None` for half a pair.
    fn unicode(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if !(0xD800..=0xDBFF).contains(&first) {
            return char::from_u32(first);
        }
        self.eat(b'\\')?;
        self.eat(b'u')?;
        let second = self.hex4()?;
        if !(0xDC00..=0xDFFF).contains(&second) {
            return None;
        }
        char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
    }

    /// Four hexadecimal digits.
    fn hex4(&mut self) -> Option<u32> {
        let digits = self.line.get(self.at..self.at.checked_add(4)?)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.at += 4;
        u32::from_str_radix(digits, 16).ok()
    }

    /// `[item, …]`, collected as it is read.
    fn list<T, C: FromIterator<T>>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<C> {
        self.eat(b'[')?;
        self.space();
        let (mut more, mut failed) = (!self.eat_if(b']'), false);
        let items = std::iter::from_fn(|| {
            if !more {
                return None;
            }
            let Some(value) = item(self) else {
                (more, failed) = (false, true);
                return None;
            };
            self.space();
            if self.eat_if(b']') {
                more = false;
            } else if self.eat_if(b',') {
                self.space();
            } else {
                (more, failed) = (false, true);
            }
            Some(value)
        })
        .collect();
        (!failed).then_some(items)
    }

    /// `{"key": value, …}`, each value read by `value` given its key.
    fn object(&mut self, mut value: impl FnMut(&mut Self, Key) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        self.space();
        if self.eat_if(b'}') {
            return Some(());
        }
        loop {
            let key = self.key()?;
            self.space();
            self.eat(b':')?;
            self.space();
            value(self, key)?;
            self.space();
            if self.eat_if(b'}') {
                return Some(());
            }
            self.eat(b',')?;
            self.space();
        }
    }

    /// A bare id, or `{"id": …}` with at most one of `role` and `quote`.
    fn id_with(&mut self) -> Option<IdWith<'a>> {
        if self.peek()? == b'"' {
            return self.str().map(|id| IdWith { id, extra: None });
        }
        let mut fields = RefFields::default();
        self.object(|scan, key| fields.field(key, || scan.str()))?;
        fields.done()
    }
}

impl<'a> Values<'a> for Scan<'a> {
    /// A string value: borrowed from the line when it holds no escapes,
    /// decoded when it does.
    fn str(&mut self) -> Option<Str<'a>> {
        self.eat(b'"')?;
        let rest = self.line.get(self.at..)?;
        let len = stop(rest.as_bytes())?;
        let plain = rest.get(..len)?;
        self.at += len;
        match self.peek()? {
            b'"' => {
                self.at += 1;
                Some(Str(Cow::Borrowed(plain)))
            }
            b'\\' => {
                // Decoding never lengthens a string, so its length as
                // written is room enough: one allocation, never grown.
                let room = written_len(rest.as_bytes()).unwrap_or(len);
                let mut text = String::with_capacity(room);
                text.push_str(plain);
                self.escaped(&mut text)?;
                Some(Str(Cow::Owned(text)))
            }
            _ => None,
        }
    }

    /// An integer as JSON writes one (no fraction, no exponent) that fits
    /// 64 signed bits.
    fn int(&mut self) -> Option<i64> {
        let start = self.at;
        let negative = self.eat_if(b'-');
        let digits = self.line.as_bytes().get(self.at..)?;
        let len = digits.iter().take_while(|b| b.is_ascii_digit()).count();
        let leading_zero = len > 1 && digits.first() == Some(&b'0');
        if len == 0 || leading_zero {
            return None;
        }
        self.at += len;
        if matches!(self.peek(), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        let n: i64 = self.line.get(start..self.at)?.parse().ok()?;
        // serde_json reads `-0` as a float, which no field takes.
        (!negative || n != 0).then_some(n)
    }

    /// A count: an integer or a string.
    fn count(&mut self) -> Option<CountVal<'a>> {
        match self.peek()? {
            b'"' => self.str().map(CountVal::Text),
            _ => self.int().map(CountVal::Int),
        }
    }

    fn strs(&mut self) -> Option<Vec<Str<'a>>> {
        self.list(Self::str)
    }

    fn refs(&mut self) -> Option<List<IdWith<'a>>> {
        self.list(Self::id_with)
    }
}

/// Where the first `"` of `bytes` is, if it closes a key no longer than
/// the longest known: a key of up to seven bytes, as most are, is settled
/// in one word.
fn quote(bytes: &[u8]) -> Option<usize> {
    if let Some(word) = bytes.first_chunk::<8>() {
        let found = equal(u64::from_le_bytes(*word), b'"');
        if found != 0 {
            return Some(first_place(found));
        }
    }
    bytes.iter().take(Key::LONGEST + 1).position(|&b| b == b'"')
}

/// How long the string that `bytes` starts is as written, up to its
/// closing quote, each escape skipped whole; `None` when a control
/// character or the end comes first.
fn written_len(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    loop {
        at += stop(bytes.get(at..)?)?;
        match bytes.get(at)? {
            b'"' => return Some(at),
            b'\\' => at += 2,
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests;
