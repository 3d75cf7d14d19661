//! Reads fact documents and hands their records, as span trees, to a sink.
//!
//! Documents (`.toml`, `.json`) are read whole; a TOML document is parsed
//! into one tree and walked ([`super::shape`]); a JSON document is read for
//! where its records stand ([`super::document`]). JSON Lines, which stream, are in
//! [`super::lines`]. Encoding problems (invalid UTF-8, a UTF-16 byte-order
//! mark) and syntax errors are reported here; what the fields mean is left
//! to the sink.

use std::path::Path;
use std::sync::OnceLock;

use super::files::{FileId, Format, InputError};
use super::json::SyntaxError;
use super::shape::{RecordShape, for_each_record};
use super::tree::{Node, Span};
use super::{json, toml};
use crate::diag::{Code, Diagnostic, Diagnostics, Loc, Origin, Pos};

/// Largest TOML or JSON document read; JSON Lines has no such limit.
pub const MAX_DOCUMENT_BYTES: u64 = 1 << 30;

/// The text a tree was parsed from, placed in its file, for positions.
pub struct SourceText<'a> {
    pub file: FileId,
    pub text: &'a str,
    /// Line number of the text's first line (1-based).
    pub base_line: u64,
    /// Byte offset of the text in its (decoded) file.
    pub base_offset: u64,
    line_starts: OnceLock<Vec<usize>>,
}

impl<'a> SourceText<'a> {
    pub fn new(file: FileId, text: &'a str, base_line: u64, base_offset: u64) -> SourceText<'a> {
        SourceText {
            file,
            text,
            base_line,
            base_offset,
            line_starts: OnceLock::new(),
        }
    }

    fn starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// The resolved position of a span, with its source line.
    pub fn pos(&self, span: Span) -> Pos {
        let starts = self.starts();
        let index = starts
            .partition_point(|&s| s <= span.start)
            .saturating_sub(1);
        let line_start = starts.get(index).copied().unwrap_or(0);
        let rest = self.text.get(line_start..).unwrap_or_default();
        let line = rest
            .split('\n')
            .next()
            .unwrap_or_default()
            .trim_end_matches('\r');
        let col = span.start.saturating_sub(line_start).min(line.len());
        let len = span.end.saturating_sub(span.start).min(line.len() - col);
        Pos {
            file: self.file,
            line: self.base_line + index as u64,
            col,
            len,
            text: Some(line.to_string()),
        }
    }

    pub fn loc(&self, span: Span) -> Loc {
        Loc::At(self.pos(span))
    }

    pub fn origin(&self, span: Span) -> Origin {
        Origin {
            file: self.file,
            offset: self.base_offset + span.start as u64,
        }
    }
}

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

pub fn read_document(
    id: FileId,
    path: &Path,
    format: Format,
    diags: &mut Diagnostics,
    sink: &mut dyn FnMut(RawRecord<'_, '_>, &mut Diagnostics),
) -> Result<(), InputError> {
    let Some(text) = read_text(id, path, diags)? else {
        return Ok(());
    };
    let src = SourceText::new(id, &text, 1, 0);
    each_record(&src, format, diags, sink);
    Ok(())
}

/// Parses a document's text whole and hands on its records, reporting
/// syntax errors (and nothing else when there is one). JSON documents are
/// loaded a record at a time instead ([`super::document`]).
pub fn each_record<'a>(
    src: &SourceText<'a>,
    format: Format,
    diags: &mut Diagnostics,
    sink: &mut dyn FnMut(RawRecord<'_, 'a>, &mut Diagnostics),
) {
    if let Some(doc) = parse_document(src, format, diags) {
        for_each_record(&doc, src, diags, sink);
    }
}

/// Parses a document's text into its tree, reporting syntax errors.
pub fn parse_document<'a>(
    src: &SourceText<'a>,
    format: Format,
    diags: &mut Diagnostics,
) -> Option<Node<'a>> {
    let result = match format {
        Format::Toml => toml::parse(src.text),
        _ => json::parse(src.text).map_err(|e| vec![e]),
    };
    match result {
        Ok(doc) => Some(doc),
        Err(errors) => {
            errors.into_iter().for_each(|e| diags.push(syntax(e, src)));
            None
        }
    }
}

/// A syntax error, at its byte.
pub fn syntax(e: SyntaxError, src: &SourceText<'_>) -> Diagnostic {
    let span = Span::new(e.offset, e.offset + 1);
    Diagnostic::error(Code::Syntax, e.message).at(src.loc(span))
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
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
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
            let text = valid.get(line_start..).unwrap_or_default().to_string();
            let pos = Pos {
                file: id,
                line: line + valid.matches('\n').count() as u64,
                col: text.len(),
                len: 1,
                text: Some(text),
            };
            diags.push(
                Diagnostic::error(Code::Encoding, "invalid UTF-8")
                    .at(Loc::At(pos))
                    .help("fact files must be UTF-8"),
            );
            None
        }
    }
}
