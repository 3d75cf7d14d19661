//! Reads fact documents and hands their records, as span trees, to a sink.
//!
//! Documents (`.toml`, `.json`) are read whole here, when they could not
//! be cut as they were read ([`super::split`], [`super::toml::cut`]): a
//! TOML document is parsed into one tree and walked ([`super::shape`]); a
//! JSON document is read for where its records stand
//! ([`super::document`]). JSON Lines, which stream, are in
//! [`super::lines`]. Encoding problems (invalid UTF-8, a UTF-16 byte-order
//! mark) and syntax errors are reported here; what the fields mean is left
//! to the sink.

use std::path::Path;

use super::files::{FileId, Format, InputError};
use super::json::SyntaxError;
use super::shape::{RecordShape, for_each_record, listed};
pub use super::source::SourceText;
use super::tree::{Node, Span};
use super::{json, toml};
use crate::diag::{Code, Diagnostic, Diagnostics, Loc, Pos};

/// The UTF-8 byte-order mark, skipped at the start of a file (offsets count
/// after it).
pub const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// A document read as it comes, for the readers that cut it into batches
/// ([`super::split`], [`super::toml::cut`]): what was read and not yet
/// handed on, and where it stands in the document.
pub struct Ahead<R> {
    /// The input, without a byte-order mark: offsets count after it, as in
    /// the text read whole.
    reader: Unmarked<R>,
    /// Input not yet handed on; it starts where the next batch starts.
    pub buf: Vec<u8>,
    /// Offset of `buf`'s first byte in the document.
    pub offset: u64,
    read_size: usize,
    /// Whether the input is over, or could not be read (which the whole
    /// reading reports).
    pub at_end: bool,
}

impl<R: std::io::Read> Ahead<R> {
    /// Reads `read_size` bytes at a time.
    pub fn new(reader: R, read_size: usize) -> Ahead<R> {
        Ahead {
            reader: Unmarked::new(reader),
            buf: Vec::new(),
            offset: 0,
            read_size: read_size.max(1),
            at_end: false,
        }
    }

    /// Appends more input to `buf`; false, and at its end from then on,
    /// when there is none.
    pub fn fill(&mut self) -> bool {
        use std::io::Read as _;
        self.buf.reserve(self.read_size);
        let limit = self.read_size as u64;
        let read = match (&mut self.reader).take(limit).read_to_end(&mut self.buf) {
            Ok(read) => read > 0,
            Err(_) => false,
        };
        self.at_end |= !read;
        read
    }

    /// Hands on the first `len` bytes of `buf`, with their offset.
    pub fn take(&mut self, len: usize) -> (u64, Vec<u8>) {
        let rest = self.buf.split_off(len.min(self.buf.len()));
        let bytes = std::mem::replace(&mut self.buf, rest);
        let offset = self.offset;
        self.offset += bytes.len() as u64;
        (offset, bytes)
    }
}

/// A reader that passes on its input without a UTF-8 byte-order mark at
/// its start, for the readers that take a file as it comes.
pub struct Unmarked<R> {
    inner: R,
    /// The first bytes read, not yet passed on (none once a mark is found).
    head: Vec<u8>,
    started: bool,
}

impl<R: std::io::Read> Unmarked<R> {
    pub fn new(inner: R) -> Unmarked<R> {
        Unmarked {
            inner,
            head: Vec::new(),
            started: false,
        }
    }

    /// Reads as many bytes as a mark has (fewer at the end), and drops them
    /// when they are one.
    fn start(&mut self) -> std::io::Result<()> {
        self.started = true;
        let mut head = [0; BOM.len()];
        let mut len = 0;
        while len < head.len() {
            match self.inner.read(head.get_mut(len..).unwrap_or_default())? {
                0 => break,
                n => len += n,
            }
        }
        if head != BOM || len < head.len() {
            self.head = head.get(..len).unwrap_or_default().to_vec();
        }
        Ok(())
    }
}

impl<R: std::io::Read> std::io::Read for Unmarked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if !self.started {
            self.start()?;
        }
        if self.head.is_empty() {
            return self.inner.read(buf);
        }
        let n = self.head.len().min(buf.len());
        buf.get_mut(..n)
            .unwrap_or_default()
            .copy_from_slice(self.head.get(..n).unwrap_or_default());
        self.head.drain(..n);
        Ok(n)
    }
}

/// Largest TOML or JSON document read whole; JSON Lines, and a JSON
/// document read as it comes, have no such limit.
pub const MAX_DOCUMENT_BYTES: u64 = 1 << 30;

/// One record as read: its type, its tree and the text it came from.
pub struct RawRecord<'r, 'a> {
    pub shape: RecordShape,
    pub node: &'r Node<'a>,
    /// True when the type came from a `type` field (which the decoder skips).
    pub tagged: bool,
    pub src: &'r SourceText<'a>,
}

/// Reads a whole file as UTF-8 text, without a leading byte-order mark.
pub fn read_text(
    id: FileId,
    path: &Path,
    diags: &mut Diagnostics,
) -> Result<Option<String>, InputError> {
    let meta = std::fs::metadata(path).map_err(|e| InputError::Io(path.to_path_buf(), e))?;
    if meta.len() > MAX_DOCUMENT_BYTES {
        let msg = format!(
            "file is larger than {} MiB, the limit for a TOML or JSON document",
            MAX_DOCUMENT_BYTES >> 20
        );
        diags.push(
            Diagnostic::error(Code::Limit, msg)
                .at(Loc::File(id))
                .help("write large fact sets as JSON Lines (.jsonl), which stream"),
        );
        return Ok(None);
    }
    let bytes = std::fs::read(path).map_err(|e| InputError::Io(path.to_path_buf(), e))?;
    Ok(decode(id, bytes, 1, diags))
}

/// Parses a document's text whole and hands on its records, reporting
/// syntax errors. A document with some still hands on records: a TOML
/// document those that stand clear of them ([`toml::parse_partial`]), a
/// JSON document those that end before its first
/// ([`json::parse_partial`]), so that one run reports their problems too.
/// JSON documents are loaded a record at a time instead
/// ([`super::document`]); this reading is what that one is held to.
pub fn each_record<'a>(
    src: &SourceText<'a>,
    format: Format,
    diags: &mut Diagnostics,
    sink: &mut dyn FnMut(RawRecord<'_, 'a>, &mut Diagnostics),
) {
    let (doc, errors) = match format {
        Format::Toml => {
            let (doc, errors) = toml::parse_partial(src.text);
            let errors: Vec<_> = errors.into_iter().map(|e| syntax(e, src)).collect();
            (Some(doc), errors)
        }
        _ => {
            let (doc, error) = json::parse_partial(src.text);
            let records = doc.as_ref().map_or(0, listed);
            let error = error.map(|e| json_syntax(e, src, records));
            (doc, error.into_iter().collect())
        }
    };
    errors.into_iter().for_each(|d: Diagnostic| diags.push(d));
    if let Some(doc) = doc {
        for_each_record(&doc, src, diags, sink);
    }
}

/// A syntax error, at its byte.
pub fn syntax(e: SyntaxError, src: &SourceText<'_>) -> Diagnostic {
    let span = Span::new(e.offset, e.offset + 1);
    Diagnostic::error(e.code(), e.message).at(src.loc(span))
}

/// A JSON document's first syntax error, past which nothing of it is read.
/// When the document is a list or a table, a note says how many of its
/// records (the items of its lists of records) end before the error, and
/// were read, and that the rest was not.
pub fn json_syntax(e: SyntaxError, src: &SourceText<'_>, records: usize) -> Diagnostic {
    let text = src.text.trim_start_matches([' ', '\t', '\n', '\r']);
    let d = syntax(e, src);
    if !matches!(text.as_bytes().first(), Some(b'[' | b'{')) {
        return d;
    }
    let note = match records {
        0 => "no record ends before this error, so none was read".to_string(),
        1 => "the one record that ends before this error was read and checked; \
              the rest of the document was not read"
            .to_string(),
        n => format!(
            "the {n} records that end before this error were read and checked; \
             the rest of the document was not read"
        ),
    };
    d.note(None, note)
}

/// "invalid UTF-8 (byte 0xFF)": the first byte that is not UTF-8.
pub fn bad_byte(bytes: &[u8], at: usize) -> String {
    match bytes.get(at) {
        Some(b) => format!("invalid UTF-8 (byte 0x{b:02X})"),
        None => "invalid UTF-8".to_string(),
    }
}

/// Decodes bytes as UTF-8 after a byte-order mark check; reports problems.
pub fn decode(
    id: FileId,
    mut bytes: Vec<u8>,
    line: u64,
    diags: &mut Diagnostics,
) -> Option<String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let msg = "file is UTF-16 (it starts with a UTF-16 byte-order mark)";
        diags.push(
            Diagnostic::error(Code::Encoding, msg)
                .at(Loc::File(id))
                .help("save the file as UTF-8"),
        );
        return None;
    }
    if bytes.starts_with(&BOM) {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            let bytes = e.as_bytes();
            let at = e.utf8_error().valid_up_to();
            let valid =
                std::str::from_utf8(bytes.get(..at).unwrap_or_default()).unwrap_or_default();
            let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
            let rest = bytes.get(line_start..).unwrap_or_default();
            let line_bytes = rest.split(|b| *b == b'\n').next().unwrap_or_default();
            let line_bytes = line_bytes.strip_suffix(b"\r").unwrap_or(line_bytes);
            let pos = Pos {
                file: id,
                line: line + valid.matches('\n').count() as u64,
                col: at - line_start,
                len: 1,
                // The bytes that are not UTF-8 shown as U+FFFD.
                text: Some(String::from_utf8_lossy(line_bytes).into_owned()),
                cut: None,
            };
            diags.push(
                Diagnostic::error(Code::Encoding, bad_byte(bytes, at))
                    .at(Loc::At(pos))
                    .help("fact files must be UTF-8"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::Unmarked;

    fn unmarked(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        Unmarked::new(bytes).read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn a_byte_order_mark_at_the_start_is_dropped_and_nothing_else() {
        assert_eq!(unmarked(b"\xEF\xBB\xBF[1]"), b"[1]");
        assert_eq!(unmarked(b"\xEF\xBB\xBF\xEF\xBB\xBF[1]"), b"\xEF\xBB\xBF[1]");
        assert_eq!(unmarked(b"[1]\xEF\xBB\xBF"), b"[1]\xEF\xBB\xBF");
        assert_eq!(unmarked(b"\xEF\xBB"), b"\xEF\xBB");
        assert_eq!(unmarked(b"ab"), b"ab");
        assert_eq!(unmarked(b""), b"");
    }
}
