//! Which record each part of a TOML document's text belongs to, so that
//! the records a syntax error may have changed are known
//! ([`super::parse_partial`]).
//!
//! The text is cut into pieces where each record starts and before each
//! header line of a record or a table. A piece belongs to the record that
//! starts with it and, when its header is that of a table within a record
//! (`[[event.actors]]`, `[event.attributes]`), to the last record of that
//! type before it, wherever it stands: TOML lets other records come between
//! a record and the tables within it. A piece under any other header
//! (`[meta]`) belongs to none. Header lines are found as the cutting finds
//! them ([`super::cut`]) and read as far as they go, so that a header left
//! broken still names the record it belongs to. It must not decide what the
//! text holds: which records there are, and where each starts, is the
//! parser's to say.

use std::collections::{HashMap, HashSet};

use super::cut::{header_lines, trim_start};
use super::is_bare;

/// What a header line says of the record it belongs to.
#[derive(Debug, PartialEq, Eq)]
struct Header<'a> {
    /// `[[…]]`: with one key, the header of a record.
    list: bool,
    /// Its first key, bare or quoted (without escapes).
    first: &'a [u8],
    /// Whether more keys follow: the header of a table within a record.
    dotted: bool,
}

/// Where a piece of text starts, and the records it belongs to (each
/// named by where it starts): the one that starts with it, and the one its
/// header is that of a table within. A broken header may be recovered as
/// the start of the record after it: its piece then belongs to both.
#[derive(Debug, PartialEq, Eq)]
struct Piece {
    start: usize,
    record: Option<usize>,
    within: Option<usize>,
}

/// The starts of the records (of `records`, sorted) of which some piece of
/// text holds one of the `errors` (offsets, sorted). The last piece takes
/// in an error at the very end of the text.
pub fn broken(text: &str, records: &[usize], errors: &[usize]) -> HashSet<usize> {
    let pieces = pieces(text, records);
    let ends = pieces
        .iter()
        .skip(1)
        .map(|p| p.start)
        .chain([text.len().saturating_add(1)]);
    pieces
        .iter()
        .zip(ends)
        .filter(|(piece, to)| {
            let first = errors.partition_point(|&e| e < piece.start);
            errors.get(first).is_some_and(|e| e < to)
        })
        .flat_map(|(piece, _)| piece.record.into_iter().chain(piece.within))
        .collect()
}

/// The pieces of the text, in order: one where each record starts and one
/// at each header line that starts a record or a table, with the records
/// each belongs to. A header of a record where the parser starts none (one
/// after a broken header may be recovered into its record), or whose key
/// is not read, starts no piece: its text stays with the piece before it.
fn pieces(text: &str, records: &[usize]) -> Vec<Piece> {
    let is_record = |at: &usize| records.binary_search(at).is_ok();
    let mut last: HashMap<&[u8], usize> = HashMap::new();
    let mut pieces: Vec<Piece> = Vec::new();
    for (start, line) in header_lines(text.as_bytes()) {
        let record = is_record(&start).then_some(start);
        let header = read(line);
        let within = match &header {
            Some(h) if h.dotted => last.get(h.first).copied(),
            _ => None,
        };
        let table = match header {
            Some(h) if h.list && !h.dotted => {
                last.insert(h.first, start);
                false
            }
            Some(_) => true,
            None => false,
        };
        if record.is_some() || table {
            pieces.push(Piece {
                start,
                record,
                within,
            });
        }
    }
    pieces.extend(records.iter().map(|&r| Piece {
        start: r,
        record: Some(r),
        within: None,
    }));
    // A record's header comes first, and is kept with what it says.
    pieces.sort_by_key(|p| p.start);
    pieces.dedup_by_key(|p| p.start);
    pieces
}

/// Reads a header line (from its `[`) as far as it goes: one left unclosed,
/// or with text after it, still names its first key. `None` when no first
/// key can be read.
fn read(line: &[u8]) -> Option<Header<'_>> {
    let rest = trim_start(line.strip_prefix(b"[")?);
    let (list, rest) = match rest.strip_prefix(b"[") {
        Some(rest) => (true, trim_start(rest)),
        None => (false, rest),
    };
    let (first, rest) = key(rest)?;
    let dotted = trim_start(rest).starts_with(b".");
    Some(Header {
        list,
        first,
        dotted,
    })
}

/// The key at the start of `text`, bare or quoted (a basic string without
/// escapes, or a literal string), and the text after it.
fn key(text: &[u8]) -> Option<(&[u8], &[u8])> {
    let bare = text.iter().take_while(|&&b| is_bare(b)).count();
    if bare > 0 {
        return Some(text.split_at(bare));
    }
    let quote = *text.first().filter(|&&q| q == b'"' || q == b'\'')?;
    let body = text.get(1..)?;
    let len = memchr::memchr(quote, body)?;
    let key = body.get(..len)?;
    if quote == b'"' && key.contains(&b'\\') {
        return None;
    }
    Some((key, body.get(len + 1..)?))
}

#[cfg(test)]
mod tests;
