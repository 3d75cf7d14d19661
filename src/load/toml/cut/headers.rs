//! The lines of a TOML document where a table header can stand, found as
//! the cutting finds them, for [`super::super::pieces`].
//!
//! The cutting's lexer follows strings and brackets over lines; where the
//! text is broken it may see a value left open where the parser saw none
//! (`name = "A" [`: the parser passes over the rest of a line after an
//! error), and would then see no header again. So a line where the parser
//! starts a record (`records`) is read afresh, as the parser read it. The
//! lines read inside a value or string left open are given as such, for a
//! header the parser read among them, or that an unclosed value hid from
//! it, is not found. It must not decide which records there are.

use super::{Lexer, Open, trim_start};

/// What the finding gives, in the order of the text.
#[derive(Debug, PartialEq, Eq)]
pub(in crate::load::toml) enum Found<'a> {
    /// A line that starts with `[` where a table header can stand, well
    /// formed or not: where it starts, after its white space, and its text
    /// from there to its end.
    Header(usize, &'a [u8]),
    /// Lines read inside a value or string left open on the line before
    /// them: from the start of the first to where the first line read
    /// outside begins (or the text ends).
    Open { from: usize, to: usize },
}

/// Where the header lines of `text` stand, and the lines read inside
/// values left open; `records` are where the parser starts records
/// (sorted).
pub(in crate::load::toml) fn header_lines<'a>(text: &'a [u8], records: &[usize]) -> Vec<Found<'a>> {
    let mut lexer = Lexer::default();
    let mut found = Vec::new();
    let mut records = records.iter().peekable();
    // Where the lines read inside an open value began.
    let mut open_from: Option<usize> = None;
    let mut at = 0;
    while let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
        let len = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        let line = rest.get(..len).unwrap_or_default();
        let trimmed = trim_start(line);
        let start = at + (line.len() - trimmed.len());
        while records.next_if(|&&r| r < start).is_some() {}
        if trimmed.starts_with(b"[") && records.peek() == Some(&&start) {
            lexer = Lexer::default();
        }
        if let Some(from) = open_from.filter(|_| !is_open(&lexer)) {
            found.push(Found::Open { from, to: start });
            open_from = None;
        }
        let was_open = is_open(&lexer);
        if matches!(
            lexer.line(line),
            super::Line::Header { .. } | super::Line::Odd
        ) {
            found.push(Found::Header(start, trimmed));
        }
        at += len + 1;
        if !was_open && is_open(&lexer) {
            open_from = Some(at);
        }
    }
    if let Some(from) = open_from {
        found.push(Found::Open {
            from,
            to: text.len(),
        });
    }
    found
}

/// Whether the lexer stands inside a string or a value.
fn is_open(lexer: &Lexer) -> bool {
    lexer.string != Open::None || lexer.depth > 0
}

#[cfg(test)]
mod tests {
    use super::{Found, header_lines};

    #[test]
    fn a_line_where_the_parser_starts_a_record_is_read_afresh() {
        let text = b"[[a]]\nx = \"A\" [\n\n[[a]]\ny = 1\n[[a.b]]\n";
        let at = |s: &[u8]| text.windows(s.len()).position(|w| w == s).unwrap_or(0);
        let second = at(b"[[a]]\ny");
        let headers = |records: &[usize]| {
            header_lines(text, records)
                .into_iter()
                .filter_map(|f| match f {
                    Found::Header(start, _) => Some(start),
                    Found::Open { .. } => None,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(headers(&[0]), [0]);
        assert_eq!(headers(&[0, second]), [0, second, at(b"[[a.b]]")]);
        let open = Found::Open {
            from: at(b"\n\n[[a]]") + 1,
            to: second,
        };
        assert!(header_lines(text, &[0, second]).contains(&open));
    }

    #[test]
    fn a_value_never_closed_is_open_to_the_end() {
        let text = b"[[a]]\nx = [1,\n[[a]]\n";
        let found = header_lines(text, &[0]);
        let from = b"[[a]]\nx = [1,\n".len();
        assert_eq!(
            found,
            [
                Found::Header(0, b"[[a]]"),
                Found::Open {
                    from,
                    to: text.len()
                }
            ]
        );
    }
}
