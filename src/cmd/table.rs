//! Aligned text tables for people, shared by every query command.
//!
//! Columns are as wide as their widest cell in terminal columns (a CJK
//! character or an emoji takes two, a combining accent none), separated by
//! two spaces; the last column is not padded and no line ends in spaces.
//! Control characters and bidi controls in cells (a newline in a note, an
//! escape sequence in a name) become spaces ([`term::clean`]), so a cell
//! cannot break the layout or drive the terminal. The header is bold only
//! when asked (`output::stdout_color()`). This file knows nothing about facts
//! or queries.

use crate::diag::term;

/// A table: an optional header and rows of cells.
#[derive(Debug, Default, Clone)]
pub struct Table {
    header: Option<Vec<String>>,
    rows: Vec<Vec<String>>,
}

const GAP: &str = "  ";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// A cell's text, safe for a terminal.
fn clean(cell: &str) -> String {
    term::clean(cell).into_owned()
}

impl Table {
    /// A table with a header line.
    pub fn new(header: &[&str]) -> Table {
        Table {
            header: Some(header.iter().map(|h| clean(h)).collect()),
            rows: Vec::new(),
        }
    }

    /// A table without a header (label/value lists).
    pub fn plain() -> Table {
        Table::default()
    }

    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        self.rows
            .push(cells.iter().map(|c| clean(c.as_ref())).collect());
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as text, one line a row, each ending in a newline.
    pub fn render(&self, bold_header: bool) -> String {
        let widths = self.widths();
        let mut text = String::new();
        if let Some(header) = &self.header {
            head_line(&mut text, header, &widths, bold_header);
        }
        for row in &self.rows {
            text.push_str(&line(row, &widths));
            text.push('\n');
        }
        text
    }

    /// A table too long to hold, written to `out` as it is made: `rows`
    /// gives the rows twice, once to measure the columns and once to write
    /// them. The bytes are those of [`Table::render`] of the same rows.
    pub fn write_streamed<I: Iterator<Item = Vec<String>>>(
        header: &[&str],
        rows: impl Fn() -> I,
        bold_header: bool,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let head = Table::new(header);
        let mut widths = head.widths();
        for row in rows() {
            let cells: Vec<String> = row.iter().map(|c| clean(c)).collect();
            widen(&mut widths, &cells);
        }
        let mut text = String::new();
        if let Some(header) = &head.header {
            head_line(&mut text, header, &widths, bold_header);
        }
        out.write_all(text.as_bytes())?;
        for row in rows() {
            let cells: Vec<String> = row.iter().map(|c| clean(c)).collect();
            text.clear();
            text.push_str(&line(&cells, &widths));
            text.push('\n');
            out.write_all(text.as_bytes())?;
        }
        Ok(())
    }

    fn widths(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = Vec::new();
        for row in self.header.iter().chain(&self.rows) {
            widen(&mut widths, row);
        }
        widths
    }
}

/// Widens the columns to hold a row's cleaned cells.
fn widen(widths: &mut Vec<usize>, cells: &[String]) {
    for (i, cell) in cells.iter().enumerate() {
        let n = term::width(cell);
        match widths.get_mut(i) {
            Some(w) => *w = (*w).max(n),
            None => widths.push(n),
        }
    }
}

/// The header's line, bold when asked, and its line break.
fn head_line(text: &mut String, header: &[String], widths: &[usize], bold: bool) {
    let line = line(header, widths);
    if bold && !line.is_empty() {
        text.push_str(BOLD);
        text.push_str(&line);
        text.push_str(RESET);
    } else {
        text.push_str(&line);
    }
    text.push('\n');
}

/// One line: cells padded to their column's width, trailing spaces removed.
fn line(cells: &[String], widths: &[usize]) -> String {
    let mut text = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            text.push_str(GAP);
        }
        text.push_str(cell);
        let width = widths.get(i).copied().unwrap_or(0);
        let pad = width.saturating_sub(term::width(cell));
        text.extend(std::iter::repeat_n(' ', pad));
    }
    text.truncate(text.trim_end_matches(' ').len());
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_characters_and_lines_have_no_trailing_spaces() {
        let mut t = Table::new(&["date", "title"]);
        t.row(&["2024-03-22", "Attack"]);
        t.row(&["c. 2016", "Zürich–Genève"]);
        t.row(&["2021", ""]);
        assert_eq!(
            t.render(false),
            "date        title\n2024-03-22  Attack\nc. 2016     Zürich–Genève\n2021\n"
        );
    }

    #[test]
    fn wide_characters_and_accents_are_padded_by_the_columns_they_take() {
        let mut t = Table::new(&["title", "place"]);
        t.row(&["東京大地震", "Tokyo"]);
        t.row(&["Cafe\u{301} 🔥", "Paris"]);
        t.row(&["plain", "Lyon"]);
        assert_eq!(
            t.render(false),
            "title       place\n東京大地震  Tokyo\nCafe\u{301} 🔥     Paris\nplain       Lyon\n"
        );
    }

    #[test]
    fn bidi_overrides_cannot_reorder_a_row() {
        let mut t = Table::plain();
        t.row(&["name", "\u{202e}evil\u{2066}", "x"]);
        assert_eq!(t.render(false), "name   evil   x\n");
    }

    #[test]
    fn bold_header_only_when_asked() {
        let mut t = Table::new(&["a"]);
        t.row(&["x"]);
        assert_eq!(t.render(true), "\x1b[1ma\x1b[0m\nx\n");
        assert_eq!(t.render(false), "a\nx\n");
    }

    #[test]
    fn control_characters_cannot_break_a_row() {
        let mut t = Table::plain();
        t.row(&["note", "two\nlines\x1b[31m"]);
        assert_eq!(t.render(false), "note  two lines [31m\n");
    }

    #[test]
    fn a_streamed_table_is_the_table_rendered() {
        let rows = [
            vec!["2024-03-22", "東京大地震", "x\ty"],
            vec!["c. 2016", "Cafe\u{301} 🔥"],
            vec!["", "", "\u{202e}evil"],
        ];
        let mut t = Table::new(&["date", "title", "note"]);
        rows.iter().for_each(|r| t.row(r));
        let owned = || {
            rows.iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
        };
        for bold in [false, true] {
            let mut out = Vec::new();
            Table::write_streamed(&["date", "title", "note"], owned, bold, &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), t.render(bold));
        }
    }

    #[test]
    fn rows_may_be_shorter_than_the_header() {
        let mut t = Table::new(&["a", "b", "c"]);
        t.row(&["1"]);
        assert_eq!(t.render(false), "a  b  c\n1\n");
    }
}
