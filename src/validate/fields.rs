//! Reading the fields of one raw record, with a diagnostic for each problem.
//!
//! [`Fields`] sorts a record's entries against the list of fields its type
//! knows: unknown fields (with "did you mean"), duplicate fields, wrong types
//! and missing required fields are all reported, and reading goes on so that
//! one run shows every problem of the record. It turns raw values into
//! checked primitives (ids, strings, numbers); what they mean is the
//! decoder's business.

use std::borrow::Cow;

use crate::diag::{Code, Diagnostic, Diagnostics, Loc};
use crate::load::read::{RawRecord, SourceText};
use crate::load::{Entry, Node, RecordShape, Span, Value};
use crate::suggest::did_you_mean;

/// The fields of one record, sorted into known slots.
pub struct Fields<'r, 'a> {
    pub src: &'r SourceText<'a>,
    pub node: &'r Node<'a>,
    names: &'static [&'static str],
    slots: Vec<Option<&'r Entry<'a>>>,
    shape: &'static str,
    /// The kind of record the fields are of.
    pub record: RecordShape,
    /// False once any error was reported for this record.
    pub ok: bool,
}

impl<'r, 'a> Fields<'r, 'a> {
    /// Sorts the record's entries; None (with a diagnostic) if it is not a table.
    pub fn new(
        rec: &RawRecord<'r, 'a>,
        names: &'static [&'static str],
        diags: &mut Diagnostics,
    ) -> Option<Self> {
        let Value::Table(entries) = &rec.node.value else {
            let msg = format!(
                "{} record must be a table, found {}",
                rec.shape.with_article(),
                rec.node.value.type_name()
            );
            diags.push(
                Diagnostic::error(Code::WrongType, msg).at(rec.src.loc(first_char(rec.node.span))),
            );
            return None;
        };
        let mut fields = Fields {
            src: rec.src,
            node: rec.node,
            names,
            slots: vec![None; names.len()],
            shape: rec.shape.name(),
            record: rec.shape,
            ok: true,
        };
        // Where a tagged record's `type` was first given: its shape.
        let mut tag: Option<Span> = None;
        for entry in entries {
            if rec.tagged && entry.key == "type" {
                match tag {
                    Some(first) => fields.duplicate(entry, first, diags),
                    None => tag = Some(entry.key_span),
                }
                continue;
            }
            fields.sort_entry(entry, diags);
        }
        Some(fields)
    }

    /// A field of the record given twice: an error, since either value
    /// would lose the other.
    fn duplicate(&mut self, entry: &Entry<'_>, first: Span, diags: &mut Diagnostics) {
        self.duplicate_in(entry, first, "", diags);
    }

    /// A field given twice, in the record or (`within`, such as " in an
    /// entry of `sources`") in a part of it.
    pub fn duplicate_in(
        &mut self,
        entry: &Entry<'_>,
        first: Span,
        within: &str,
        diags: &mut Diagnostics,
    ) {
        let first_loc = self.src.loc(first);
        let msg = format!("field `{}` appears twice{within}", entry.key);
        let d = Diagnostic::error(Code::DuplicateField, msg).at(self.src.loc(entry.key_span));
        self.error(diags, d.note(Some(first_loc), "first given here"));
    }

    fn sort_entry(&mut self, entry: &'r Entry<'a>, diags: &mut Diagnostics) {
        let Some(i) = self.names.iter().position(|n| *n == entry.key) else {
            let msg = format!("unknown field `{}` in {} record", entry.key, self.shape);
            let help = did_you_mean(&entry.key, self.names.iter().copied())
                .unwrap_or_else(|| format!("{} fields are: {}", self.shape, self.names.join(", ")));
            self.error(
                diags,
                Diagnostic::error(Code::UnknownField, msg)
                    .at(self.src.loc(entry.key_span))
                    .help(help),
            );
            return;
        };
        match self.slots.get_mut(i) {
            Some(Some(first)) => {
                let first = first.key_span;
                self.duplicate(entry, first, diags);
            }
            Some(slot) => *slot = Some(entry),
            None => {}
        }
    }

    pub fn error(&mut self, diags: &mut Diagnostics, d: Diagnostic) {
        self.ok = false;
        diags.push(d);
    }

    pub fn loc(&self, span: Span) -> Loc {
        self.src.loc(span)
    }

    /// The value of a field, if present.
    pub fn get(&self, name: &str) -> Option<&'r Node<'a>> {
        let i = self.names.iter().position(|n| *n == name)?;
        self.slots.get(i).copied().flatten().map(|e| &e.value)
    }

    /// Reports a missing required field at the start of the record.
    pub fn missing(&mut self, name: &str, diags: &mut Diagnostics) {
        let msg = format!("{} record has no `{name}`", self.shape);
        let help = format!("every {} needs `{name}`", self.shape);
        let loc = self.src.loc(first_char(self.node.span));
        self.error(
            diags,
            Diagnostic::error(Code::MissingField, msg)
                .at(loc)
                .help(help),
        );
    }

    pub fn wrong_type(&mut self, node: &Node<'_>, wanted: &str, diags: &mut Diagnostics) {
        let msg = format!("expected {wanted}, found {}", node.value.type_name());
        let d = Diagnostic::error(Code::WrongType, msg).at(self.src.loc(node.span));
        self.error(diags, d);
    }

    /// A string value, or a wrong-type error.
    pub fn string_of(
        &mut self,
        node: &'r Node<'a>,
        diags: &mut Diagnostics,
    ) -> Option<&'r Cow<'a, str>> {
        match &node.value {
            Value::Str(s) => Some(s),
            _ => {
                self.wrong_type(node, "a string", diags);
                None
            }
        }
    }

    /// An optional string field; an empty string is reported, not kept.
    pub fn opt_str(&mut self, name: &str, diags: &mut Diagnostics) -> Option<(&'r str, Span)> {
        let node = self.get(name)?;
        let s = self.string_of(node, diags)?;
        if s.trim().is_empty() {
            let msg = format!("`{name}` is empty");
            let d = Diagnostic::error(Code::EmptyValue, msg)
                .at(self.src.loc(node.span))
                .help(format!("remove `{name}` or give it a value"));
            self.error(diags, d);
            return None;
        }
        Some((s.as_ref(), node.span))
    }

    /// A required string field.
    pub fn req_str(&mut self, name: &str, diags: &mut Diagnostics) -> Option<(&'r str, Span)> {
        if self.get(name).is_none() {
            self.missing(name, diags);
            return None;
        }
        self.opt_str(name, diags)
    }

    /// Checks an id: not empty, no white space.
    pub fn check_id(&mut self, id: &str, span: Span, diags: &mut Diagnostics) -> bool {
        let Some((at, c)) = id.char_indices().find(|(_, c)| c.is_whitespace()) else {
            return true;
        };
        let msg = format!("id `{id}` contains white space");
        let loc = self.src.loc(inner(self.src, span, id, at, c.len_utf8()));
        let help = format!(
            "ids may not contain spaces; try `{}`",
            id.split_whitespace().collect::<Vec<_>>().join("-")
        );
        self.error(
            diags,
            Diagnostic::error(Code::InvalidId, msg).at(loc).help(help),
        );
        false
    }

    /// A required id field.
    pub fn req_id(&mut self, name: &str, diags: &mut Diagnostics) -> Option<(&'r str, Span)> {
        let (id, span) = self.req_str(name, diags)?;
        self.check_id(id, span, diags).then_some((id, span))
    }

    /// An optional id field.
    pub fn opt_id(&mut self, name: &str, diags: &mut Diagnostics) -> Option<(&'r str, Span)> {
        let (id, span) = self.opt_str(name, diags)?;
        self.check_id(id, span, diags).then_some((id, span))
    }

    /// An optional list; a wrong type is reported.
    pub fn opt_list(&mut self, name: &str, diags: &mut Diagnostics) -> &'r [Node<'a>] {
        let Some(node) = self.get(name) else {
            return &[];
        };
        match &node.value {
            Value::Array(items) => items,
            _ => {
                self.wrong_type(node, "a list", diags);
                &[]
            }
        }
    }

    /// An optional list of non-empty strings.
    pub fn opt_strings(&mut self, name: &str, diags: &mut Diagnostics) -> Vec<(&'r str, Span)> {
        let items = self.opt_list(name, diags);
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match self.string_of(item, diags) {
                Some(s) if s.trim().is_empty() => {
                    let d =
                        Diagnostic::error(Code::EmptyValue, format!("empty string in `{name}`"))
                            .at(self.src.loc(item.span));
                    self.error(diags, d);
                }
                Some(s) => out.push((s.as_ref(), item.span)),
                None => {}
            }
        }
        out
    }
}

/// The first character of a span (where a record or value starts).
pub fn first_char(span: Span) -> Span {
    Span::new(span.start, span.start + 1)
}

/// The span of `len` bytes at byte `at` of a string value's text, in the
/// source as written (escapes and all, [`crate::load::escaped`]); the whole
/// value when its text cannot be followed (a TOML line-ending backslash).
///
/// Only a TOML literal string (`'...'`, `'''...'''`) is placed as it reads:
/// it has no escapes, so its backslashes are its own. Every other string is
/// walked escape by escape, even one whose text happens to begin with its
/// value: a value ending in backslashes (`\\` written for `\`) does.
pub fn inner(src: &SourceText<'_>, span: Span, value: &str, at: usize, len: usize) -> Span {
    let raw = src.text.get(span.start..span.end).unwrap_or_default();
    // TOML's multi-line strings drop a line break right after their opening.
    let quote = match raw.get(..3) {
        Some("'''" | "\"\"\"") => {
            let rest = raw.get(3..).unwrap_or_default();
            3 + ["\r\n", "\n"]
                .iter()
                .find(|b| rest.starts_with(**b))
                .map_or(0, |b| b.len())
        }
        _ => usize::from(raw.starts_with('"') || raw.starts_with('\'')),
    };
    let body = raw.get(quote..).unwrap_or_default();
    let to = at.saturating_add(len.max(1));
    let placed = match raw.starts_with('\'') {
        true => body.starts_with(value).then_some((at, to)),
        false => crate::load::escaped::place(body, value, at, to),
    };
    match placed {
        Some((from, to)) => Span::new(span.start + quote + from, span.start + quote + to),
        None => span,
    }
}

#[cfg(test)]
mod tests {
    use super::inner;
    use crate::load::read::SourceText;
    use crate::load::{FileId, Span};

    /// Where [`inner`] places bytes `at..at + len` of `value`, written as the
    /// string `written`: the byte offset in `written` and the text there.
    fn placed<'t>(written: &'t str, value: &str, at: usize, len: usize) -> (usize, &'t str) {
        let src = SourceText::new(FileId(0), written, 1, 0);
        let span = inner(&src, Span::new(0, written.len()), value, at, len);
        (span.start, written.get(span.start..span.end).unwrap_or("?"))
    }

    #[test]
    fn a_backslash_escaped_at_the_end_is_placed_under_its_escape() {
        // JSON and TOML basic strings alike: `\\` is written for `\`.
        let cases = [
            (r#""2024-03-22\\""#, r"2024-03-22\", 10, 1, (11, r"\\")),
            (r#""12\\\\""#, r"12\\", 3, 1, (5, r"\\")),
            (r#""a\\\\""#, r"a\\", 1, 2, (2, r"\\\\")),
            (r#""""2024-\\\\""""#, r"2024-\\", 5, 1, (8, r"\\")),
        ];
        for (written, value, at, len, expected) in cases {
            assert_eq!(placed(written, value, at, len), expected, "{written}");
        }
    }

    #[test]
    fn a_literal_string_is_placed_as_it_reads() {
        let cases = [
            (r"'2024-03-22\\'", r"2024-03-22\\", 10, 1, (11, r"\")),
            (r"'2024-03-22\\'", r"2024-03-22\\", 11, 1, (12, r"\")),
            ("'''\n\\2024-13'''", r"\2024-13", 0, 1, (4, r"\")),
        ];
        for (written, value, at, len, expected) in cases {
            assert_eq!(placed(written, value, at, len), expected, "{written}");
        }
    }

    #[test]
    fn a_string_without_escapes_is_placed_as_it_reads() {
        assert_eq!(placed(r#""2024-13""#, "2024-13", 5, 2), (6, "13"));
        assert_eq!(placed("2024-13", "2024-13", 5, 2), (5, "13"));
    }
}
