//! A JSON parser that keeps the byte span of every value and key.
//!
//! serde_json reports only the line and column of its first error and forgets
//! where values stood, so the validator could not point at a bad date inside a
//! JSON file. This parser builds the span tree of [`super::tree`] instead,
//! borrowing strings that hold no escapes. It follows RFC 8259 strictly (no
//! comments, no trailing commas) and bounds nesting at [`MAX_DEPTH`]. It must
//! not know about records: it only turns text into a tree or one error.

use std::borrow::Cow;

use super::tree::{Entry, Node, Span, Value};

/// Deepest nesting of arrays and objects accepted; deeper input is an error.
pub const MAX_DEPTH: usize = 128;

/// The first syntax error of a text, at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

/// Parses one JSON value that must fill the whole text (white space aside).
pub fn parse(text: &str) -> Result<Node<'_>, SyntaxError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    p.skip_ws();
    let node = p.value(0)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error("trailing characters after the JSON value"));
    }
    Ok(node)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, message: &str) -> SyntaxError {
        SyntaxError {
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

    fn unexpected(&self, wanted: &str) -> SyntaxError {
        let found = match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            Some(c) if c.is_control() => format!("`{}`", c.escape_debug()),
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
            return Err(self.error(&format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        Ok(depth + 1)
    }

    fn array(&mut self, depth: usize) -> Result<Value<'a>, SyntaxError> {
        let depth = self.enter(depth)?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.unexpected("`,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>, SyntaxError> {
        let depth = self.enter(depth)?;
        self.pos += 1;
        let mut entries = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Table(entries));
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
            let value = self.value(depth)?;
            entries.push(Entry {
                key,
                key_span,
                value,
            });
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Table(entries));
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
        if let (true, Ok(n)) = (integer, text.parse::<i64>()) {
            return Ok(Value::Int(n));
        }
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::Float(f)),
            _ => Err(SyntaxError {
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

    /// Reads a string starting at its opening quote.
    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
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
                    offset: at,
                    message: "unpaired surrogate in \\u escape".to_string(),
                });
            }
            self.pos += 2;
            let second = self.hex4(at)?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(SyntaxError {
                    offset: at,
                    message: "unpaired surrogate in \\u escape".to_string(),
                });
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or(SyntaxError {
            offset: at,
            message: "unpaired surrogate in \\u escape".to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (usize, String) {
        let e = parse(text).unwrap_err();
        (e.offset, e.message)
    }

    #[test]
    fn spans_of_values_and_keys() {
        let node = parse(r#"{"id": "a", "n": [1, 2.5, true, null]}"#).unwrap();
        let id = node.get("id").unwrap();
        assert_eq!(id.key_span, Span::new(1, 5));
        assert_eq!(id.value.span, Span::new(7, 10));
        assert_eq!(id.value.value, Value::Str("a".into()));
        let n = node.get("n").unwrap();
        assert_eq!(n.value.span, Span::new(17, 37));
    }

    #[test]
    fn escapes_are_decoded() {
        let node = parse(r#""a\"b\\c\n\u00e9\ud83d\ude00""#).unwrap();
        assert_eq!(node.value, Value::Str("a\"b\\c\né😀".into()));
    }

    #[test]
    fn numbers() {
        assert_eq!(parse("-12").unwrap().value, Value::Int(-12));
        assert_eq!(parse("1e2").unwrap().value, Value::Float(100.0));
        assert_eq!(
            parse("99999999999999999999").unwrap().value,
            Value::Float(1e20)
        );
        assert_eq!(err("01").0, 1);
        assert_eq!(err("1.").0, 2);
        assert_eq!(err("1e999").0, 0);
    }

    #[test]
    fn errors_point_at_the_offending_byte() {
        assert_eq!(
            err(r#"{"a": 1,}"#),
            (8, "expected a string key, found `}`".to_string())
        );
        assert_eq!(err(r#"{"a" 1}"#).0, 5);
        assert_eq!(err("[1 2]").0, 3);
        assert_eq!(err("\"abc").1, "unterminated string");
        assert_eq!(err("\"a\nb\"").0, 2);
        assert_eq!(err(r#""\x""#).0, 1);
        assert_eq!(err(r#""\ud800""#).1, "unpaired surrogate in \\u escape");
        assert_eq!(err("{} x").0, 3);
        assert_eq!(
            err("").1,
            "expected a JSON value, found the end of the input"
        );
        assert_eq!(err("tru").0, 0);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(err(&deep).1.contains("nesting deeper"));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }
}
