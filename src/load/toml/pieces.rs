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
//! broken still names the record it belongs to; a quoted key is read with
//! its escapes. Where the text cannot be followed (lines read inside a
//! value left open that hold an error, a header whose quoted key does not
//! read), a table within a record may stand unseen, and the last record of
//! each type before it is put at risk. It must not decide what the
//! text holds: which records there are, and where each starts, is the
//! parser's to say.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::cut::{Found, header_lines, trim_start};
use super::is_bare;
use crate::load::escaped;

/// What a header line says of the record it belongs to.
#[derive(Debug, PartialEq, Eq)]
struct Header<'a> {
    /// `[[…]]`: with one key, the header of a record.
    list: bool,
    /// Its first key, bare or quoted (escapes decoded); `None` when it is
    /// quoted and its quotes or escapes are broken: it could be any key.
    first: Option<Cow<'a, [u8]>>,
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
/// text holds one of the `errors` (offsets, sorted), or that a table
/// within may have been hidden from ([`Cut::at_risk`]). The last piece
/// takes in an error at the very end of the text.
pub fn broken(text: &str, records: &[usize], errors: &[usize]) -> HashSet<usize> {
    let Cut {
        pieces,
        mut at_risk,
    } = cut(text, records, errors);
    let ends = pieces
        .iter()
        .skip(1)
        .map(|p| p.start)
        .chain([text.len().saturating_add(1)]);
    let holding = pieces
        .iter()
        .zip(ends)
        .filter(|(piece, to)| holds(errors, piece.start, *to))
        .flat_map(|(piece, _)| piece.record.into_iter().chain(piece.within));
    at_risk.extend(holding);
    at_risk
}

/// Whether one of `errors` (sorted) stands in `from..to`.
fn holds(errors: &[usize], from: usize, to: usize) -> bool {
    let first = errors.partition_point(|&e| e < from);
    errors.get(first).is_some_and(|&e| e < to)
}

/// The text cut into pieces, and the records at risk whatever their
/// pieces hold.
struct Cut {
    pieces: Vec<Piece>,
    /// The last record of each type before lines read inside a value left
    /// open that hold an error, or before a header whose first key is not
    /// read: a table within any of them may stand there unseen (TOML puts
    /// a table within a record in the last record of its type before it).
    /// A record starting at such a header is at risk too.
    at_risk: HashSet<usize>,
}

/// The last record of each type met so far (by its header's first key),
/// and the types whose last record is not yet at risk.
#[derive(Default)]
struct Last<'a> {
    of: HashMap<Cow<'a, [u8]>, usize>,
    fresh: Vec<Cow<'a, [u8]>>,
}

impl<'a> Last<'a> {
    fn set(&mut self, key: Cow<'a, [u8]>, start: usize) {
        self.fresh.push(key.clone());
        self.of.insert(key, start);
    }

    /// Puts the last record of every type at risk, each once.
    fn put_at_risk(&mut self, at_risk: &mut HashSet<usize>) {
        for key in self.fresh.drain(..) {
            at_risk.extend(self.of.get(&key));
        }
    }
}

/// The pieces of the text, in order: one where each record starts and one
/// at each header line that starts a record or a table, with the records
/// each belongs to. A header of a record where the parser starts none (one
/// after a broken header may be recovered into its record), or in which no
/// key is read, starts no piece: its text stays with the piece before it.
fn cut(text: &str, records: &[usize], errors: &[usize]) -> Cut {
    let is_record = |at: &usize| records.binary_search(at).is_ok();
    let mut last = Last::default();
    let mut at_risk = HashSet::new();
    let mut pieces: Vec<Piece> = Vec::new();
    for found in header_lines(text.as_bytes(), records) {
        let (start, line) = match found {
            Found::Header(start, line) => (start, line),
            Found::Open { from, to } => {
                if holds(errors, from, to.saturating_add(1)) {
                    last.put_at_risk(&mut at_risk);
                }
                continue;
            }
        };
        let record = is_record(&start).then_some(start);
        let Some(header) = read(line) else {
            continue;
        };
        let Some(first) = header.first else {
            last.put_at_risk(&mut at_risk);
            at_risk.extend(record);
            pieces.push(Piece {
                start,
                record,
                within: None,
            });
            continue;
        };
        let within = match header.dotted {
            true => last.of.get(&first).copied(),
            false => None,
        };
        let table = header.dotted || !header.list;
        if header.list && !header.dotted {
            last.set(first, start);
        }
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
    Cut { pieces, at_risk }
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

/// A key as read: `None` when it could be any.
type Key<'a> = Option<Cow<'a, [u8]>>;

/// The key at the start of `text`, bare or quoted (a basic string, its
/// escapes decoded, or a literal string), and the text after it. The key
/// is `None` when it is quoted but left unclosed, or an escape in it does
/// not decode.
fn key(text: &[u8]) -> Option<(Key<'_>, &[u8])> {
    let bare = text.iter().take_while(|&&b| is_bare(b)).count();
    if bare > 0 {
        let (key, rest) = text.split_at(bare);
        return Some((Some(Cow::Borrowed(key)), rest));
    }
    let quote = *text.first().filter(|&&q| q == b'"' || q == b'\'')?;
    let body = text.get(1..)?;
    let len = match quote {
        b'"' => basic_end(body),
        _ => memchr::memchr(quote, body),
    };
    let Some((key, rest)) = len.and_then(|len| Some((body.get(..len)?, body.get(len + 1..)?)))
    else {
        return Some((None, b""));
    };
    if quote == b'\'' || !key.contains(&b'\\') {
        return Some((Some(Cow::Borrowed(key)), rest));
    }
    let decoded = std::str::from_utf8(key).ok().and_then(escaped::decode);
    Some((decoded.map(|k| Cow::Owned(k.into_bytes())), rest))
}

/// Where a basic string's body (after its opening quote) ends, at its
/// closing quote, escapes stepped over; `None` when it does not end.
fn basic_end(body: &[u8]) -> Option<usize> {
    let mut i = 0;
    loop {
        i += memchr::memchr2(b'"', b'\\', body.get(i..)?)?;
        match body.get(i)? {
            b'\\' => i += 2,
            _ => return Some(i),
        }
    }
}

#[cfg(test)]
mod tests;
