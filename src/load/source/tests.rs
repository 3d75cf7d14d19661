//! Positions from the index: as a table of every line gives them on short
//! lines, and around the span on long ones.

use proptest::prelude::*;

use super::{LONG_LINE, SourceText};
use crate::diag::Pos;
use crate::load::{FileId, Span};

/// A position as found from a table of every line start, the line kept
/// whole.
fn by_every_line(text: &str, span: Span) -> Pos {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let index = starts
        .partition_point(|&s| s <= span.start)
        .saturating_sub(1);
    let line_start = starts.get(index).copied().unwrap_or(0);
    let rest = text.get(line_start..).unwrap_or_default();
    let line = rest
        .split('\n')
        .next()
        .unwrap_or_default()
        .trim_end_matches('\r');
    let col = span.start.saturating_sub(line_start).min(line.len());
    let len = span.end.saturating_sub(span.start).min(line.len() - col);
    Pos {
        file: FileId(0),
        line: 1 + index as u64,
        col,
        len,
        text: Some(line.to_string()),
        cut: None,
    }
}

/// The character column (0-based) a position names.
fn column(pos: &Pos) -> usize {
    let text = pos.text.as_deref().unwrap_or_default();
    let before = text.get(..pos.col).unwrap_or_default().chars().count();
    before + pos.cut.map_or(0, |c| c.before)
}

proptest! {
    #[test]
    fn short_lines_are_placed_as_by_a_table_of_every_line(
        text in "[a\u{e9}\r\n\"{}]{0,300}",
        a in 0usize..320,
        b in 0usize..320,
    ) {
        let (start, end) = (a.min(b).min(text.len()), a.max(b).min(text.len()));
        prop_assume!(text.is_char_boundary(start) && text.is_char_boundary(end));
        let span = Span::new(start, end);
        let src = SourceText::new(FileId(0), &text, 1, 0);
        prop_assert_eq!(src.pos(span), by_every_line(&text, span));
    }
}

#[test]
fn blocks_of_the_index_are_crossed_as_if_there_were_none() {
    // Short lines over several blocks of 64 KiB, with two-byte characters.
    let text = "é abc\n".repeat(40_000);
    let src = SourceText::new(FileId(0), &text, 1, 0);
    for start in [
        0,
        7,
        65_535,
        65_536,
        65_537,
        131_072,
        200_001,
        text.len() - 3,
    ] {
        if text.is_char_boundary(start) {
            let span = Span::new(start, start + 1);
            assert_eq!(src.pos(span), by_every_line(&text, span), "{start}");
        }
    }
}

#[test]
fn a_long_line_is_kept_around_the_span_with_its_true_column() {
    // One line of 1 MB with characters of two bytes before the span.
    let head = "é".repeat(300_000);
    let text = format!(
        "{{\n{head}\"date\": \"2024-13\", {}\n}}",
        "x".repeat(400_000)
    );
    let at = text.find("\"2024-13\"").unwrap_or_default();
    let src = SourceText::new(FileId(0), &text, 1, 0);
    let pos = src.pos(Span::new(at, at + 9));
    assert_eq!(pos.line, 2);
    assert!(
        pos.text.as_ref().is_some_and(|t| t.len() < 2 * LONG_LINE),
        "{pos:?}"
    );
    assert_eq!(column(&pos), 300_000 + "\"date\": ".len());
    assert_eq!(pos.cut.map(|c| c.width), Some(9));
    let kept = pos.text.as_deref().unwrap_or_default();
    assert_eq!(kept.get(pos.col..pos.col + 9), Some("\"2024-13\""));
    // A span running past the part kept is as wide as it is in its line.
    let wide = src.pos(Span::new(at, text.len()));
    assert_eq!(wide.cut.map(|c| c.width), Some(text.len() - at - 2));
}
