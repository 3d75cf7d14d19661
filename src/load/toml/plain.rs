//! Plain TOML, as tools write it, parsed into the span tree without the
//! `toml` crate.
//!
//! `fmt --to toml`, and most programs that write fact files, write arrays
//! of tables and nothing else: `[[type]]` headers of bare keys, one
//! `key = value` a line (the key bare or quoted), values that are strings
//! on one line, decimal integers and floats, booleans, arrays and inline
//! tables, with blank lines and comments between. The `toml` crate builds a
//! general table of every document, hashed and ordered, that is then
//! converted into the span tree; that took about three fifths of reading a
//! large TOML document. This module reads the plain form straight into the
//! tree the conversion gives, spans included; its `scalars` module reads its
//! strings and numbers. Its lexer ([`Cursor`]) also serves the fast
//! decoder, which reads plain sections of valid records into records with
//! no tree at all (`validate::fast::plain_toml`).
//!
//! It gives up ([`parse`] is `None`) on anything else, valid or not: other
//! headers, dotted or literal keys, strings over several lines, other
//! escapes or number forms, dates, a key given twice, a control character.
//! The caller then parses the text with the `toml` crate, which says what
//! is wrong where. So it never judges a document: a unit test and the
//! `toml_reader` fuzz target hold every tree it gives to the crate's.

use std::borrow::Cow;

use super::is_bare;
use crate::load::tree::{Entry, Node, Span, Value};

/// Arrays and inline tables nested deeper than this are left to the
/// `toml` crate, so that the reading never recurses far.
const MAX_DEPTH: u32 = 16;

/// The tree of `text` when it is plain TOML, as the `toml` crate parses it.
pub fn parse(text: &str) -> Option<Node<'_>> {
    let mut doc = Doc::default();
    let mut at = Cursor::new(text);
    loop {
        at.blank_lines()?;
        match at.peek() {
            None => break,
            Some(b'[') => doc.header(&mut at)?,
            Some(_) => doc.key_value(&mut at)?,
        }
    }
    Some(doc.finish())
}

/// The document read so far: its arrays of tables, and the record whose
/// keys are being read.
#[derive(Default)]
struct Doc<'a> {
    root: Vec<Entry<'a>>,
    record: Option<Record<'a>>,
}

/// A record being read: the array it goes into (its place in the root),
/// its header's span and its fields so far.
struct Record<'a> {
    list: usize,
    span: Span,
    fields: Vec<Entry<'a>>,
}

impl<'a> Doc<'a> {
    /// A `[[name]]` line: the record before it ends, and one of `name`
    /// starts.
    fn header(&mut self, at: &mut Cursor<'a>) -> Option<()> {
        let (span, key, key_span) = at.header()?;
        self.end_record();
        let list = match self.root.iter().position(|e| e.key == key) {
            Some(i) => i,
            None => {
                let value = Node {
                    span,
                    value: Value::Array(Vec::new()),
                };
                self.root.push(Entry {
                    key: Cow::Borrowed(key),
                    key_span,
                    value,
                });
                self.root.len() - 1
            }
        };
        self.record = Some(Record {
            list,
            span,
            // Room for the fields of most records at once.
            fields: Vec::with_capacity(8),
        });
        Some(())
    }

    /// A `key = value` line of the current record.
    fn key_value(&mut self, at: &mut Cursor<'a>) -> Option<()> {
        let record = self.record.as_mut()?;
        let entry = at.entry(0)?;
        at.line_end()?;
        add(&mut record.fields, entry)
    }

    /// The current record, put into its array.
    fn end_record(&mut self) {
        let Some(Record { list, span, fields }) = self.record.take() else {
            return;
        };
        let table = Node {
            span,
            value: Value::Table(fields),
        };
        if let Some(Value::Array(items)) = self.root.get_mut(list).map(|e| &mut e.value.value) {
            items.push(table);
        }
    }

    /// The root table: every array of records, in the order first met.
    fn finish(mut self) -> Node<'a> {
        self.end_record();
        Node {
            span: Span::default(),
            value: Value::Table(self.root),
        }
    }
}

/// Adds `entry` to a table, or gives up when its key is there already.
fn add<'a>(entries: &mut Vec<Entry<'a>>, entry: Entry<'a>) -> Option<()> {
    if entries.iter().any(|e| e.key == entry.key) {
        return None;
    }
    entries.push(entry);
    Some(())
}

/// Where the reading stands in a text of plain TOML. Also the lexer of the
/// fast decoder's plain TOML reader, which reads the same forms.
pub struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// At the start of `text`.
    pub fn new(text: &'a str) -> Cursor<'a> {
        Cursor { text, pos: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The byte the reading stands at; `None` at the end.
    pub fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    fn at(&self, s: &[u8]) -> bool {
        self.bytes()
            .get(self.pos..)
            .is_some_and(|b| b.starts_with(s))
    }

    /// Steps over `s` if the text goes on with it.
    pub fn expect(&mut self, s: &[u8]) -> Option<()> {
        self.at(s).then(|| self.pos += s.len())
    }

    fn text_to(&self, start: usize) -> Option<&'a str> {
        self.text.get(start..self.pos)
    }

    /// Spaces and tabs.
    pub fn spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// A line break, `\n` or `\r\n`.
    fn line_break(&mut self) -> Option<()> {
        match self.peek() {
            Some(b'\n') => self.expect(b"\n"),
            _ => self.expect(b"\r\n"),
        }
    }

    /// A comment, from `#` to the line's end (not its break), of no
    /// control character but tabs.
    fn comment(&mut self) -> Option<()> {
        self.expect(b"#")?;
        while let Some(b) = self.peek() {
            match b {
                b'\n' | b'\r' => return Some(()),
                b'\t' => {}
                0..=0x1f | 0x7f => return None,
                _ => {}
            }
            self.pos += 1;
        }
        Some(())
    }

    /// What may end a line after its header or value: spaces, a comment,
    /// the line break or the end of the text.
    pub fn line_end(&mut self) -> Option<()> {
        self.spaces();
        if self.peek() == Some(b'#') {
            self.comment()?;
        }
        match self.peek() {
            None => Some(()),
            Some(_) => self.line_break(),
        }
    }

    /// Blank lines and lines of comments, up to the next line of content.
    pub fn blank_lines(&mut self) -> Option<()> {
        loop {
            let start = self.pos;
            self.spaces();
            match self.peek() {
                None => return Some(()),
                Some(b'#' | b'\n' | b'\r') => self.line_end()?,
                Some(_) if self.pos == start => return Some(()),
                // Content indented: left to the crate.
                Some(_) => return None,
            }
        }
    }

    /// Blank space inside an array: spaces, line breaks and comments.
    pub fn array_space(&mut self) -> Option<()> {
        loop {
            self.spaces();
            match self.peek() {
                Some(b'#') => self.comment()?,
                Some(b'\n' | b'\r') => self.line_break()?,
                _ => return Some(()),
            }
        }
    }

    /// A `[[name]]` line, to its end: its span, the name (a bare key) and
    /// the name's span.
    pub fn header(&mut self) -> Option<(Span, &'a str, Span)> {
        let start = self.pos;
        self.expect(b"[[")?;
        let key_start = self.pos;
        let key = self.bare_key()?;
        let key_span = Span::new(key_start, self.pos);
        self.expect(b"]]")?;
        let span = Span::new(start, self.pos);
        self.line_end()?;
        Some((span, key, key_span))
    }

    /// A bare key: ASCII letters, digits, `_` and `-`.
    pub fn bare_key(&mut self) -> Option<&'a str> {
        let start = self.pos;
        while self.peek().is_some_and(is_bare) {
            self.pos += 1;
        }
        (self.pos > start).then_some(())?;
        self.text_to(start)
    }

    /// `key = value`, with spaces around the sign; the key bare or
    /// quoted.
    fn entry(&mut self, depth: u32) -> Option<Entry<'a>> {
        let (key, key_span) = self.key()?;
        let value = self.value(depth)?;
        Some(Entry {
            key,
            key_span,
            value,
        })
    }

    /// A key, bare or quoted, and the sign after it with spaces around:
    /// the key and its span.
    pub fn key(&mut self) -> Option<(Cow<'a, str>, Span)> {
        let start = self.pos;
        let key = match self.peek()? {
            b'"' => self.basic_string()?,
            _ => Cow::Borrowed(self.bare_key()?),
        };
        let key_span = Span::new(start, self.pos);
        self.spaces();
        self.expect(b"=")?;
        self.spaces();
        Some((key, key_span))
    }

    fn value(&mut self, depth: u32) -> Option<Node<'a>> {
        let start = self.pos;
        let value = match self.peek()? {
            b'"' => Value::Str(self.basic_string()?),
            b'\'' => Value::Str(self.literal_string()?),
            b'[' if depth < MAX_DEPTH => Value::Array(self.array(|at| at.value(depth + 1))?),
            b'{' if depth < MAX_DEPTH => {
                let mut entries = Vec::new();
                self.inline_table(|at| add(&mut entries, at.entry(depth + 1)?))?;
                Value::Table(entries)
            }
            b't' => self.expect(b"true").map(|()| Value::Bool(true))?,
            b'f' => self.expect(b"false").map(|()| Value::Bool(false))?,
            _ => self.number()?,
        };
        let span = Span::new(start, self.pos);
        Some(Node { span, value })
    }

    /// `[ item, item ]`, over lines if need be, a comma after the last
    /// allowed, each item read by `item`.
    pub fn array<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.expect(b"[")?;
        let mut items = Vec::new();
        loop {
            self.array_space()?;
            if self.expect(b"]").is_some() {
                return Some(items);
            }
            items.push(item(self)?);
            self.array_space()?;
            if self.expect(b",").is_none() {
                self.expect(b"]")?;
                return Some(items);
            }
        }
    }

    /// `{ key = value, key = value }` on one line, no comma after the
    /// last, each entry read by `entry`.
    pub fn inline_table(&mut self, mut entry: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.expect(b"{")?;
        self.spaces();
        if self.expect(b"}").is_some() {
            return Some(());
        }
        loop {
            entry(self)?;
            self.spaces();
            if self.expect(b",").is_none() {
                return self.expect(b"}");
            }
            self.spaces();
        }
    }
}

mod scalars;

#[cfg(test)]
mod tests;
