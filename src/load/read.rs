//! Reads fact documents and hands their records, as span trees, to a sink.
//!
//! Documents (`.toml`, `.json`) are read whole here; a TOML document is
//! parsed into one tree and walked ([`super::shape`]); a JSON document is
//! read for where its records stand ([`super::document`]), when it could
//! not be cut as it was read ([`super::split`]). JSON Lines, which stream, are in
//! [`super::lines`]. Encoding problems (invalid UTF-8, a UTF-16 byte-order
//! mark) and syntax errors are reported here; what the fields mean is left
//! to the sink.

use std::path::Path;

use super::files::{FileId, Format, InputError};
use super::json::SyntaxError;
use super::shape::{RecordShape, for_each_record};
pub use super::source::SourceText;
use super::tree::{Node, Span};
use super::{json, toml};
use crate::diag::{Code, Diagnostic, Diagnostics, Loc, Pos};

/// The UTF-8 byte-order mark, skipped at the start of a file (offsets count
/// after it).
pub const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

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
            let text = valid.get(line_start..).unwrap_or_default().to_string();
            let pos = Pos {
                file: id,
                line: line + valid.matches('\n').count() as u64,
                col: text.len(),
                len: 1,
                text: Some(text),
                cut: None,
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
