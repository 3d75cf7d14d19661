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

use super::de::{CountVal, Extra, Flat, IdWith, Str, Val};
use crate::model::List;
use crate::swar::{equal, first_place, stop};

/// Reads a line that has the common shape into `flat`, whose fields are
/// all unset; `None` for any other line, and then `flat` holds what was read
/// before the line was left, to be thrown away.
pub fn fill<'a>(line: &'a str, flat: &mut Flat<'a>) -> Option<()> {
    let mut scan = Scan { line, at: 0 };
    scan.space();
    scan.object(|scan, key| scan.field(key, flat))?;
    scan.space();
    (scan.at == line.len()).then_some(())
}

/// The fields of a line that has the common shape; `None` for any other.
#[cfg(any(test, fuzzing))]
pub fn flat(line: &str) -> Option<Flat<'_>> {
    let mut flat = Flat::default();
    fill(line, &mut flat).map(|()| flat)
}

/// The keys the scanner reads: the fields of the common shape, and those
/// of a reference. Coordinates and attributes are left to serde.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    Type,
    Id,
    Title,
    Name,
    Kind,
    Publisher,
    Url,
    Published,
    Reliability,
    Credibility,
    Note,
    Aliases,
    Sources,
    In,
    Date,
    Place,
    Actors,
    Killed,
    Injured,
    Summary,
    From,
    To,
    Role,
    Quote,
}

impl Key {
    /// The longest key, in bytes.
    const LONGEST: usize = 11;

    /// The key written `name`, if the scanner reads it.
    fn of(name: &[u8]) -> Option<Key> {
        Some(match name {
            b"type" => Key::Type,
            b"id" => Key::Id,
            b"title" => Key::Title,
            b"name" => Key::Name,
            b"kind" => Key::Kind,
            b"publisher" => Key::Publisher,
            b"url" => Key::Url,
            b"published" => Key::Published,
            b"reliability" => Key::Reliability,
            b"credibility" => Key::Credibility,
            b"note" => Key::Note,
            b"aliases" => Key::Aliases,
            b"sources" => Key::Sources,
            b"in" => Key::In,
            b"date" => Key::Date,
            b"place" => Key::Place,
            b"actors" => Key::Actors,
            b"killed" => Key::Killed,
            b"injured" => Key::Injured,
            b"summary" => Key::Summary,
            b"from" => Key::From,
            b"to" => Key::To,
            b"role" => Key::Role,
            b"quote" => Key::Quote,
            _ => return None,
        })
    }
}

/// A line and how far it has been read.
struct Scan<'a> {
    line: &'a str,
    at: usize,
}

/// Sets a field that must not be set yet.
fn set<T>(field: &mut Val<T>, value: T) -> Option<()> {
    match field.0 {
        Some(_) => None,
        None => {
            field.0 = Some(value);
            Some(())
        }
    }
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
        let (mut id, mut extra) = (None, None);
        self.object(|scan, key| {
            match key {
                Key::Id if id.is_none() => id = Some(scan.str()?),
                Key::Role if extra.is_none() => extra = Some((Extra::Role, scan.str()?)),
                Key::Quote if extra.is_none() => extra = Some((Extra::Quote, scan.str()?)),
                _ => return None,
            }
            Some(())
        })?;
        Some(IdWith { id: id?, extra })
    }

    fn refs(&mut self) -> Option<List<IdWith<'a>>> {
        self.list(Self::id_with)
    }

    /// The value of `key`, into its field of `flat`.
    fn field(&mut self, key: Key, flat: &mut Flat<'a>) -> Option<()> {
        let f = flat;
        match key {
            Key::Type if f.tag.0.is_none() => {
                let tag = self.str()?;
                (!tag.is_empty()).then_some(())?;
                set(&mut f.tag, tag)
            }
            Key::Id => set(&mut f.id, self.str()?),
            Key::Title => set(&mut f.title, self.str()?),
            Key::Name => set(&mut f.name, self.str()?),
            Key::Kind => set(&mut f.kind, self.str()?),
            Key::Publisher => set(&mut f.publisher, self.str()?),
            Key::Url => set(&mut f.url, self.str()?),
            Key::Published => set(&mut f.published, self.str()?),
            Key::Reliability => set(&mut f.reliability, self.str()?),
            Key::Credibility => set(&mut f.credibility, self.int()?),
            Key::Note => set(&mut f.note, self.str()?),
            Key::Aliases => set(&mut f.aliases, self.list(Self::str)?),
            Key::Sources => set(&mut f.sources, self.refs()?),
            Key::In => set(&mut f.within, self.str()?),
            Key::Date => set(&mut f.date, self.str()?),
            Key::Place => set(&mut f.place, self.str()?),
            Key::Actors => set(&mut f.actors, self.refs()?),
            Key::Killed => set(&mut f.killed, self.count()?),
            Key::Injured => set(&mut f.injured, self.count()?),
            Key::Summary => set(&mut f.summary, self.str()?),
            Key::From => set(&mut f.from, self.str()?),
            Key::To => set(&mut f.to, self.str()?),
            // A second `type`, and the keys of a reference.
            Key::Type | Key::Role | Key::Quote => None,
        }
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
