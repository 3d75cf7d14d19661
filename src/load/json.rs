//! A JSON parser that keeps the byte span of every value and key.
//!
//! serde_json reports only the line and column of its first error and forgets
//! where values stood, so the validator could not point at a bad date inside a
//! JSON file. This parser builds the span tree of [`super::tree`] instead,
//! borrowing strings that hold no escapes. It follows RFC 8259 strictly (no
//! comments, no trailing commas) and bounds nesting at [`MAX_DEPTH`]. A
//! document can also be handed over in parts as it is read ([`stream`]):
//! the items of its top-level list, or the keys of its top-level table and
//! where the items of their lists stand, so that a large one is never a
//! tree at once; and one value can be read again where it stands
//! ([`parse_at`]). A document with a syntax error can be read as far as
//! its first error ([`parse_partial`]). It must not know about records: it
//! only turns text into trees, spans or one error.

use std::borrow::Cow;

use super::tree::{Entry, Node, Span, Value};
use unicode_width::UnicodeWidthChar;

use crate::diag::Code;
use crate::diag::term::unsafe_char;

/// Deepest nesting of arrays and objects accepted; deeper input is an error.
pub const MAX_DEPTH: usize = 128;

/// The first syntax error of a text, at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
    /// Past a limit of the reader (nesting), not against the format.
    pub limit: bool,
}

impl SyntaxError {
    /// `limit` past a limit, else `syntax`.
    pub fn code(&self) -> Code {
        match self.limit {
            true => Code::Limit,
            false => Code::Syntax,
        }
    }
}

/// Parses one JSON value that must fill the whole text (white space aside).
pub fn parse(text: &str) -> Result<Node<'_>, SyntaxError> {
    parse_nested(text, 0)
}

/// Parses one JSON value that must fill the whole text, as [`parse`] does,
/// as if nested `depth` levels deep: a record of a document read alone is
/// held to the nesting it has in the document.
pub fn parse_nested(text: &str, depth: usize) -> Result<Node<'_>, SyntaxError> {
    let mut p = Parser::new(text);
    p.skip_ws();
    let node = p.value(depth)?;
    p.end()?;
    Ok(node)
}

/// Parses the one JSON value that starts at byte `start` of `text`, its
/// spans placed in the whole text: a record found by [`stream`], read again.
pub fn parse_at(text: &str, start: usize) -> Result<Node<'_>, SyntaxError> {
    let mut p = Parser::new(text);
    p.pos = start;
    p.value(0)
}

/// A part of a document, as [`stream`] hands it over.
#[derive(Debug)]
pub enum Part<'a> {
    /// A key of the top-level object. Its value follows: the spans of an
    /// array's items, or else one value.
    Key(Cow<'a, str>, Span),
    /// An item of the top-level array.
    Item(Node<'a>),
    /// Where an item of the array under the last key stands: read, not
    /// kept.
    Listed(Span),
    /// The value under the last key when it is not an array; the whole
    /// document when it is neither an object nor an array.
    Value(Node<'a>),
}

/// Parses a text as [`parse`] does, with the same first error, handing the
/// document over in parts as they are read: the items of the top-level
/// array, or the keys of the top-level object, each followed by where the
/// items of its array stand (read, and dropped at once). Parts read before
/// an error have been handed over by then.
pub fn stream<'a>(text: &'a str, each: &mut dyn FnMut(Part<'a>)) -> Result<(), SyntaxError> {
    let mut p = Parser::new(text);
    p.skip_ws();
    match p.peek() {
        Some(b'[') => p.items(0, &mut |p, depth| {
            each(Part::Item(p.value(depth)?));
            Ok(())
        })?,
        Some(b'{') => p.entries(0, &mut |p, key, span, depth| {
            each(Part::Key(key, span));
            if p.peek() != Some(b'[') {
                each(Part::Value(p.value(depth)?));
                return Ok(());
            }
            p.items(depth, &mut |p, depth| {
                each(Part::Listed(p.skip(depth)?));
                Ok(())
            })
        })?,
        _ => each(Part::Value(p.value(0)?)),
    }
    p.end()
}

/// What reads an array's item, at the depth inside the array.
type Read<'r, 'a> = dyn FnMut(&mut Parser<'a>, usize) -> Result<(), SyntaxError> + 'r;

/// What reads an object's value, given its key and the depth inside.
type ReadEntry<'r, 'a> =
    dyn FnMut(&mut Parser<'a>, Cow<'a, str>, Span, usize) -> Result<(), SyntaxError> + 'r;

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Parser<'a> {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    /// Nothing but white space may follow the value.
    fn end(&mut self) -> Result<(), SyntaxError> {
        self.skip_ws();
        if self.pos < self.bytes.len() {
            return Err(self.error("trailing characters after the JSON value"));
        }
        Ok(())
    }

    fn error(&self, message: &str) -> SyntaxError {
        SyntaxError {
            limit: false,
            offset: self.pos,
            message: message.to_string(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node<'a>, SyntaxError> {
        let start = self.pos;
        let value = match self.peek() {
            None => return Err(self.error("expected a JSON value, found the end of the input")),
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::Str(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) => return Err(self.unexpected("a JSON value")),
        };
        Ok(Node {
            span: Span::new(start, self.pos),
            value,
        })
    }

    /// Reads a value as [`Parser::value`] does, with the same errors, but
    /// keeps only where it stands.
    fn skip(&mut self, depth: usize) -> Result<Span, SyntaxError> {
        let start = self.pos;
        match self.peek() {
            Some(b'{') => self.entries(depth, &mut |p, _, _, depth| p.skip(depth).map(drop))?,
            Some(b'[') => self.items(depth, &mut |p, depth| p.skip(depth).map(drop))?,
            _ => drop(self.value(depth)?),
        }
        Ok(Span::new(start, self.pos))
    }

    fn unexpected(&self, wanted: &str) -> SyntaxError {
        let found = match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            Some(c) if c.is_control() => format!("`{}`", c.escape_debug()),
            Some('\u{feff}') => "a byte-order mark (U+FEFF)".to_string(),
            // Shown as nothing, or as a space, on a terminal: named by number.
            Some(c)
                if unsafe_char(c) || UnicodeWidthChar::width(c) == Some(0) || c.is_whitespace() =>
            {
                format!("U+{:04X}", u32::from(c))
            }
            Some(c) => format!("`{c}`"),
            None => "the end of the input".to_string(),
        };
        self.error(&format!("expected {wanted}, found {found}"))
    }

    fn literal(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>, SyntaxError> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.unexpected("a JSON value"))
        }
    }

    fn enter(&self, depth: usize) -> Result<usize, SyntaxError> {
        if depth >= MAX_DEPTH {
            let message = format!("nesting deeper than {MAX_DEPTH} levels");
            return Err(SyntaxError {
                limit: true,
                ..self.error(&message)
            });
        }
        Ok(depth + 1)
    }

    fn array(&mut self, depth: usize) -> Result<Value<'a>, SyntaxError> {
        let mut items = Vec::new();
        self.items(depth, &mut |p, depth| {
            items.push(p.value(depth)?);
            Ok(())
        })?;
        Ok(Value::Array(items))
    }

    /// An array, each item read by `item` (at the depth inside the array).
    fn items(&mut self, depth: usize, item: &mut Read<'_, 'a>) -> Result<(), SyntaxError> {
        let depth = self.enter(depth)?;
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.skip_ws();
            item(self, depth)?;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.unexpected("`,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>, SyntaxError> {
        let mut entries = Vec::new();
        self.entries(depth, &mut |p, key, key_span, depth| {
            let value = p.value(depth)?;
            entries.push(Entry {
                key,
                key_span,
                value,
            });
            Ok(())
        })?;
        Ok(Value::Table(entries))
    }

    /// An object, each value read by `value` after its key (at the depth
    /// inside the object).
    fn entries(&mut self, depth: usize, value: &mut ReadEntry<'_, 'a>) -> Result<(), SyntaxError> {
        let depth = self.enter(depth)?;
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("a string key"));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = Span::new(key_start, self.pos);
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.unexpected("`:`"));
            }
            self.pos += 1;
            self.skip_ws();
            value(self, key, key_span, depth)?;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.unexpected("`,` or `}`")),
            }
        }
    }

    fn number(&mut self) -> Result<Value<'a>, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.unexpected("a digit")),
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.pos += 1;
            self.require_digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            self.require_digits()?;
        }
        let text = self.text.get(start..self.pos).unwrap_or_default();
        if integer {
            return Ok(match text.parse::<i64>() {
                Ok(n) => Value::Int(n),
                // Digits alone always read as a float, infinite if too long.
                Err(_) => Value::BigInt(text.parse().unwrap_or(f64::INFINITY)),
            });
        }
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::Float(f)),
            _ => Err(SyntaxError {
                limit: false,
                offset: start,
                message: "number out of range".to_string(),
            }),
        }
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn require_digits(&mut self) -> Result<(), SyntaxError> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.unexpected("a digit"));
        }
        self.digits();
        Ok(())
    }
}

mod partial;
mod string;

pub use partial::parse_partial;

#[cfg(test)]
mod tests;
