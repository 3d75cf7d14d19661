//! The EDTF entry point: whole-input checks (empty, whitespace, 2012-draft words, level 2
//! punctuation), the split into a date or an interval of two ends, and interval checks.
//!
//! Intervals need at least one dated end, and the end may not be wholly before the start
//! (its latest possible day before the start's earliest). Dates themselves are parsed in
//! `parse_date.rs`; a rejected text gets help for dates written in other formats from
//! `hint.rs`. Nothing here may panic, whatever the input.

use super::cursor::Cursor;
use super::error::EdtfError;
use super::hint::refine;
use super::parse_date::date;
use super::plain::plain;
use super::{Edtf, End};

/// Parses EDTF level 0 or level 1 text.
///
/// ```
/// let date = chronicle::edtf::parse("2016~").unwrap();
/// assert!(date.approximate());
/// assert_eq!(date.human(), "c. 2016");
/// let bounds = date.bounds();
/// assert_eq!(bounds.earliest.map(|d| d.iso()).as_deref(), Some("2016-01-01"));
/// assert_eq!(bounds.latest.map(|d| d.iso()).as_deref(), Some("2016-12-31"));
///
/// let error = chronicle::edtf::parse("2024-02-30").unwrap_err();
/// assert_eq!(error.offset, 8); // the day
/// ```
pub fn parse(input: &str) -> Result<Edtf, EdtfError> {
    match plain(input) {
        Some(date) => Ok(Edtf::Date(date)),
        None => general(input),
    }
}

/// [`parse`] for every form, without the shortcut for plain dates.
pub(super) fn general(input: &str) -> Result<Edtf, EdtfError> {
    strict(input).map_err(|error| refine(input, error))
}

/// [`general`] without the help for dates written in other formats.
pub(super) fn strict(input: &str) -> Result<Edtf, EdtfError> {
    if input.is_empty() {
        return Err(EdtfError::new(0, 0, "empty date"));
    }
    check_whitespace(input)?;
    check_draft_words(input)?;
    check_level2_punctuation(input)?;
    match input.find('/') {
        None => single(input),
        Some(slash) => interval(input, slash),
    }
}

/// A date (or date-time) on its own.
fn single(input: &str) -> Result<Edtf, EdtfError> {
    if input.starts_with("..") {
        return Err(
            EdtfError::new(0, 2, "`..` is only valid as an interval end")
                .help("write an open interval like `2024/..` or `../2024`"),
        );
    }
    date(input, 0, input.len(), false).map(Edtf::Date)
}

/// `start/end`, split at the first `/`.
fn interval(input: &str, slash: usize) -> Result<Edtf, EdtfError> {
    let end_at = slash + 1;
    if let Some(second) = input.get(end_at..).and_then(|rest| rest.find('/')) {
        return Err(EdtfError::new(
            end_at + second,
            1,
            "an interval has only two ends",
        ));
    }
    let start = end(input, 0, slash)?;
    let finish = end(input, end_at, input.len())?;
    match (&start, &finish) {
        (End::Date(first), End::Date(last)) => {
            if last.bounds().1 < first.bounds().0 {
                let len = input.len() - end_at;
                return Err(
                    EdtfError::new(end_at, len, "the interval ends before it starts")
                        .help("write the earlier date first"),
                );
            }
        }
        (End::Date(_), _) | (_, End::Date(_)) => {}
        _ => {
            return Err(
                EdtfError::new(0, input.len(), "an interval needs at least one date")
                    .help("write a date on at least one side, like `2024/..`"),
            );
        }
    }
    Ok(Edtf::interval(start, finish))
}

/// One interval end in `input[start..stop]`: empty (unknown), `..` (open) or a date.
fn end(input: &str, start: usize, stop: usize) -> Result<End, EdtfError> {
    let text = input.get(start..stop).unwrap_or("");
    if text.is_empty() {
        return Ok(End::Unknown);
    }
    if text == ".." {
        return Ok(End::Open);
    }
    if let Some(date) = plain(text) {
        return Ok(End::Date(date));
    }
    if text.starts_with('.') {
        let mut cur = Cursor::new(input, start, stop);
        cur.eat('.');
        if !cur.eat('.') {
            return Err(cur.unexpected("`..`"));
        }
        return Err(
            EdtfError::level2(cur.pos, stop - cur.pos, "a date after `..`")
                .help("write an open end as `..` alone, like `../2024`"),
        );
    }
    date(input, start, stop, true).map(End::Date)
}

/// Whitespace is never part of EDTF.
fn check_whitespace(input: &str) -> Result<(), EdtfError> {
    // Nearly every date is ASCII with no space: checked a byte at a time.
    if input.is_ascii()
        && !input
            .bytes()
            .any(|b| b == b' ' || (b'\t'..=b'\r').contains(&b))
    {
        return Ok(());
    }
    match input.char_indices().find(|(_, c)| c.is_whitespace()) {
        None => Ok(()),
        Some((at, c)) => {
            let surrounding = input.trim() != input;
            let help = if surrounding {
                "remove surrounding spaces"
            } else {
                "EDTF has no spaces; remove it"
            };
            Err(EdtfError::new(at, c.len_utf8(), "unexpected whitespace").help(help))
        }
    }
}

/// The 2012 draft's `unknown` and `open` interval ends.
fn check_draft_words(input: &str) -> Result<(), EdtfError> {
    let words = [
        (
            "unknown",
            "leave the end empty for an unknown end, like `2024/`",
        ),
        ("open", "write `..` for an open end, like `2024/..`"),
    ];
    // Both words are lower case, which no valid EDTF is: most dates are
    // spared the searches.
    if !input.bytes().any(|b| b.is_ascii_lowercase()) {
        return Ok(());
    }
    for (word, help) in words {
        if let Some(at) = input.find(word) {
            let message = format!("`{word}` is from the 2012 draft of EDTF");
            return Err(EdtfError::new(at, word.len(), message).help(help));
        }
    }
    Ok(())
}

/// Sets, lists and groups are level 2.
fn check_level2_punctuation(input: &str) -> Result<(), EdtfError> {
    let found = input
        .char_indices()
        .find(|(_, c)| matches!(c, '[' | ']' | '{' | '}' | '(' | ')'));
    match found {
        Some((at, '[' | ']')) => Err(EdtfError::level2(at, 1, "a set of dates (`[...]`)")),
        Some((at, '{' | '}')) => Err(EdtfError::level2(at, 1, "a list of dates (`{...}`)")),
        Some((at, _)) => Err(EdtfError::level2(at, 1, "grouping with parentheses")),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;
