//! The one place diagnostics are turned into text: for people and as JSON.
//!
//! The human form quotes the source line under the file:line:column with a
//! caret under the offending characters, then notes and a help line, in the
//! manner of rustc. Columns count characters, not bytes; the caret is placed
//! by the columns a terminal gives the characters before it (two for a CJK
//! character or an emoji, none for a combining accent). Long lines (a JSON
//! Lines record can be thousands of characters) are cut to a window around
//! the caret. Fact text in the human form (the quoted line, ids and names in
//! messages, notes and help, file names) is made safe for a terminal with
//! [`term::clean`]. The JSON form carries the same fields, as they are, for
//! editors and scripts. A run's counts by code ([`tally`]) close its summary
//! line.

use std::fmt::Write;

use serde_json::{Value as Json, json};

use super::term::{self, clean};
use super::{Diagnostic, Diagnostics, Loc, Pos, Severity};
use crate::load::Files;

/// Widest source excerpt shown, in terminal columns.
const WINDOW: usize = 100;

/// Colours, on only when writing to a terminal without `NO_COLOR`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// A position as people count it: 1-based line and character column.
pub struct Place {
    pub file: String,
    pub line: u64,
    pub column: usize,
    pub end_column: usize,
}

fn place(files: &Files, pos: &Pos) -> Place {
    let (column, width) = match (&pos.text, pos.cut) {
        (Some(t), None) => char_range(t, pos.col, pos.len),
        (Some(t), Some(cut)) => (cut.before + char_range(t, pos.col, 0).0, cut.width.max(1)),
        (None, _) => (pos.col, pos.len.max(1)),
    };
    Place {
        file: files.name(pos.file).to_string(),
        line: pos.line,
        column: column + 1,
        end_column: column + 1 + width,
    }
}

/// The character column and width of a byte range of a line.
fn char_range(text: &str, col: usize, len: usize) -> (usize, usize) {
    let before = text.char_indices().take_while(|(i, _)| *i < col).count();
    let width = text
        .char_indices()
        .filter(|(i, _)| *i >= col && *i < col + len)
        .count();
    (before, width.max(1))
}

/// Renders one diagnostic for people.
pub fn human(d: &Diagnostic, files: &Files, style: Style) -> String {
    let mut out = String::new();
    let (label, code) = match d.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
    };
    let head = style.paint(code, &format!("{label}[{}]", d.code.as_str()));
    let _ = writeln!(out, "{head}: {}", style.paint("1", &clean(&d.message)));
    let name = |f| clean(files.name(f));
    // The width of the line numbers' gutter, which notes line up with.
    let gutter = match &d.loc {
        Some(Loc::At(pos)) => snippet(&mut out, files, pos, style),
        Some(Loc::File(f)) => {
            let _ = writeln!(out, "  --> {}", name(*f));
            2
        }
        Some(Loc::Field(origin, _) | Loc::Text(origin, _)) => {
            let _ = writeln!(out, "  --> {}", name(origin.file));
            2
        }
        None => 2,
    };
    let pad = " ".repeat(gutter + 1);
    for note in &d.notes {
        let at = match &note.loc {
            Some(Loc::At(pos)) => {
                let p = place(files, pos);
                format!(": {}:{}:{}", clean(&p.file), p.line, p.column)
            }
            Some(Loc::File(f))
            | Some(Loc::Field(super::Origin { file: f, .. }, _))
            | Some(Loc::Text(super::Origin { file: f, .. }, _)) => {
                format!(": {}", name(*f))
            }
            None => String::new(),
        };
        let _ = writeln!(out, "{pad}= note: {}{at}", clean(&note.message));
    }
    if let Some(help) = &d.help {
        let help = clean(help);
        let _ = writeln!(out, "{pad}= {}: {help}", style.paint("1;36", "help"));
    }
    out
}

/// Writes where `pos` is and, when its line is at hand, the line with a
/// caret under the span; gives the width of the line number.
fn snippet(out: &mut String, files: &Files, pos: &Pos, style: Style) -> usize {
    let p = place(files, pos);
    let gutter = p.line.to_string().len();
    let pad = " ".repeat(gutter);
    let file = clean(&p.file);
    let _ = writeln!(out, "{pad}--> {file}:{}:{}", p.line, p.column);
    let Some(text) = &pos.text else {
        return gutter;
    };
    let before = pos.cut.map_or(0, |cut| cut.before);
    let (shown, caret_at) = window(text, p.column - 1 - before);
    let (indent, length) = caret(&shown, caret_at, p.end_column - p.column);
    let bar = style.paint("1;34", "|");
    let carets = style.paint("1;31", &"^".repeat(length));
    let _ = writeln!(out, "{pad} {bar}");
    let _ = writeln!(
        out,
        "{} {bar} {shown}",
        style.paint("1;34", &p.line.to_string())
    );
    let _ = writeln!(out, "{pad} {bar} {}{carets}", " ".repeat(indent));
    gutter
}

/// The part of a line shown, at most [`WINDOW`] terminal columns around the
/// caret, with tabs and every other character unsafe for a terminal as one
/// space each ([`term::clean`]), and the caret's character column in it.
fn window(text: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = clean(text).chars().collect();
    let widths: Vec<usize> = chars.iter().map(|&c| term::char_width(c)).collect();
    if widths.iter().sum::<usize>() <= WINDOW {
        return (chars.into_iter().collect(), column);
    }
    let column = column.min(chars.len());
    // A third of the window before the caret, the rest after it; what the
    // end of the line leaves unused goes before.
    let fill = |from: usize, room: usize, step: &dyn Fn(usize) -> Option<usize>| {
        let (mut at, mut used) = (from, 0);
        while let Some(next) = step(at) {
            let w = widths.get(next.min(at)).copied().unwrap_or(0);
            if used + w > room {
                break;
            }
            (at, used) = (next, used + w);
        }
        (at, used)
    };
    let back = |at: usize| at.checked_sub(1);
    let ahead = |at: usize| (at < chars.len()).then_some(at + 1);
    let (start, _) = fill(column, WINDOW / 3, &back);
    let (end, used) = fill(start, WINDOW, &ahead);
    let (start, _) = fill(start, WINDOW - used, &back);
    let mut shown: String = chars.get(start..end).unwrap_or_default().iter().collect();
    let mut caret = column - start;
    if start > 0 {
        shown.insert(0, '…');
        caret += 1;
    }
    if end < chars.len() {
        shown.push('…');
    }
    (shown, caret)
}

/// Where the caret goes under a line shown and how long it is, in terminal
/// columns: the width of the characters before the `at`th, and that of the
/// `chars` characters from it (those shown; at least one column, so that a
/// caret at the end of the line stands just past it).
fn caret(shown: &str, at: usize, chars: usize) -> (usize, usize) {
    let start = shown.char_indices().nth(at).map_or(shown.len(), |(i, _)| i);
    let (before, rest) = shown.split_at(start);
    let end = rest
        .char_indices()
        .nth(chars)
        .map_or(rest.len(), |(i, _)| i);
    let span = rest.get(..end).unwrap_or_default();
    (term::width(before), term::width(span).max(1))
}

fn loc_json(files: &Files, loc: Option<&Loc>) -> serde_json::Map<String, Json> {
    let mut m = serde_json::Map::new();
    match loc {
        Some(Loc::At(pos)) => {
            let p = place(files, pos);
            m.insert("file".into(), json!(p.file));
            m.insert("line".into(), json!(p.line));
            m.insert("column".into(), json!(p.column));
            m.insert("end_column".into(), json!(p.end_column));
        }
        Some(Loc::File(f))
        | Some(Loc::Field(super::Origin { file: f, .. }, _))
        | Some(Loc::Text(super::Origin { file: f, .. }, _)) => {
            m.insert("file".into(), json!(files.name(*f)));
        }
        None => {}
    }
    m
}

/// How many of each code were found, for a summary line, the most found
/// first: `80000 unknown-reference, 3 invalid-date`; `None` for fewer than
/// two diagnostics, which the line says enough about.
pub fn tally(diags: &Diagnostics) -> Option<String> {
    if diags.errors() + diags.warnings() < 2 {
        return None;
    }
    let counts: Vec<String> = diags
        .counts()
        .iter()
        .map(|(code, n)| format!("{n} {}", code.as_str()))
        .collect();
    Some(counts.join(", "))
}

/// How many of each code were found, as a JSON object keyed by code.
pub fn tally_json(diags: &Diagnostics) -> Json {
    let counts = diags.counts().into_iter();
    Json::Object(
        counts
            .map(|(code, n)| (code.as_str().to_string(), json!(n)))
            .collect(),
    )
}

/// One diagnostic as a JSON object.
pub fn to_json(d: &Diagnostic, files: &Files) -> Json {
    let mut m = serde_json::Map::new();
    m.insert("severity".into(), json!(d.severity.as_str()));
    m.insert("code".into(), json!(d.code.as_str()));
    m.insert("message".into(), json!(d.message));
    m.extend(loc_json(files, d.loc.as_ref()));
    m.insert("help".into(), json!(d.help));
    let notes: Vec<Json> = d
        .notes
        .iter()
        .map(|n| {
            let mut nm = loc_json(files, n.loc.as_ref());
            nm.insert("message".into(), json!(n.message));
            Json::Object(nm)
        })
        .collect();
    m.insert("notes".into(), Json::Array(notes));
    Json::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use crate::load::{FileId, Format};

    fn files() -> Files {
        let mut f = Files::default();
        f.add(Some("facts/a.toml".into()), Format::Toml);
        f
    }

    #[test]
    fn caret_under_the_offending_characters() {
        let pos = Pos {
            file: FileId(0),
            line: 3,
            col: 7,
            len: 9,
            text: Some("date = \"2024-13\"".into()),
            cut: None,
        };
        let d = Diagnostic::error(Code::InvalidDate, "invalid date")
            .at(Loc::At(pos))
            .help("fix it");
        let text = human(&d, &files(), Style::default());
        let expected = "error[invalid-date]: invalid date\n --> facts/a.toml:3:8\n  |\n3 | date = \"2024-13\"\n  |        ^^^^^^^^^\n  = help: fix it\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn columns_count_characters() {
        let pos = Pos {
            file: FileId(0),
            line: 1,
            col: 12,
            len: 2,
            text: Some("name = \"é\" x".into()),
            cut: None,
        };
        let p = place(&files(), &pos);
        assert_eq!((p.column, p.end_column), (12, 13));
    }

    /// A diagnostic about the span of `len` bytes at `col` of line 1.
    fn quoting(text: &str, col: usize, len: usize) -> Diagnostic {
        let pos = Pos {
            file: FileId(0),
            line: 1,
            col,
            len,
            text: Some(text.into()),
            cut: None,
        };
        Diagnostic::error(Code::InvalidDate, "invalid date").at(Loc::At(pos))
    }

    #[test]
    fn the_caret_is_placed_by_the_columns_wide_characters_take() {
        // 東京 is two characters, four columns: the column says 28, the
        // caret stands 29 columns in.
        let text = "title = \"東京\", date = \"2024-13\"";
        let d = quoting(text, text.find("13").unwrap(), 2);
        let expected = format!(
            "error[invalid-date]: invalid date\n --> facts/a.toml:1:28\n  |\n1 | {text}\n  | {}^^\n",
            " ".repeat(29)
        );
        assert_eq!(human(&d, &files(), Style::default()), expected);
        let d = quoting(text, text.find('東').unwrap(), "東京".len());
        let caret = human(&d, &files(), Style::default());
        assert!(
            caret.ends_with(&format!("\n  | {}^^^^\n", " ".repeat(9))),
            "{caret}"
        );
    }

    #[test]
    fn combining_accents_do_not_push_the_caret_right() {
        let text = "title = \"Cafe\u{301}\u{301}\", date = \"2024-13\"";
        let d = quoting(text, text.find("13").unwrap(), 2);
        let expected = format!(
            "error[invalid-date]: invalid date\n --> facts/a.toml:1:32\n  |\n1 | {text}\n  | {}^^\n",
            " ".repeat(29)
        );
        assert_eq!(human(&d, &files(), Style::default()), expected);
    }

    #[test]
    fn a_caret_at_the_end_of_a_line_ending_in_a_wide_character_stands_past_it() {
        let d = quoting("id = 東", "id = 東".len(), 0);
        let text = human(&d, &files(), Style::default());
        assert!(text.ends_with("1 | id = 東\n  |        ^\n"), "{text}");
    }

    #[test]
    fn fact_text_in_a_diagnostic_reaches_the_terminal_as_spaces() {
        let mut files = files();
        files.add(Some("b\u{1b}[2J.toml".into()), Format::Toml);
        let line = "p = \"\u{1b}[31m\u{7}\u{202e}東\", d = \"2024-13\"";
        let d = Diagnostic {
            message: "unknown place `\u{1b}[31mX\u{9b}`".into(),
            ..quoting(line, line.find("13").unwrap(), 2)
        }
        .note(Some(Loc::File(FileId(1))), "named in `\u{1b}]0;pwned\u{7}`")
        .help("did you mean `a\nb\u{2066}`?");
        let expected = format!(
            "error[invalid-date]: unknown place ` [31mX `\n --> facts/a.toml:1:27\n  |\n1 | p = \" [31m  東\", d = \"2024-13\"\n  | {}^^\n  = note: named in ` ]0;pwned `: b [2J.toml\n  = help: did you mean `a b `?\n",
            " ".repeat(27)
        );
        assert_eq!(human(&d, &files, Style::default()), expected);
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let line = "x".repeat(500);
        let (shown, caret) = window(&line, 300);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().nth(caret), Some('x'));
        assert_eq!(shown.chars().count(), WINDOW + 2);
        assert_eq!(caret, WINDOW / 3 + 1);
        // Near either end, the window is full and the caret still on its
        // character.
        let line: String = (0..500)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        for column in [0, 10, 480, 499, 500] {
            let (shown, caret) = window(&line, column);
            assert_eq!(
                shown.chars().nth(caret),
                line.chars().nth(column),
                "{column}"
            );
            assert_eq!(shown.trim_matches('…').chars().count(), WINDOW, "{column}");
        }
    }

    #[test]
    fn long_lines_of_wide_characters_are_cut_to_the_columns_of_the_window() {
        let line = "東".repeat(300);
        let (shown, caret) = window(&line, 150);
        assert_eq!(term::width(shown.trim_matches('…')), WINDOW);
        assert_eq!(caret, WINDOW / 3 / 2 + 1);
        assert_eq!(shown.chars().nth(caret), Some('東'));
    }
}
