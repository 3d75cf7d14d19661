//! Diagnostics: what went wrong or looks wrong in the facts, and where.
//!
//! Every stage reports problems as [`Diagnostic`] values into a [`Diagnostics`]
//! list instead of stopping at the first, so that `check` shows them all in
//! one run. A location is either resolved (file, line, column, the source
//! line) or a field of a record still to be found again in its file, which
//! keeps the loaded model small: only records that have a problem pay for
//! their positions. Rendering lives in [`render`]; nothing else prints them.
//! [`term`] makes fact text safe for a terminal, for diagnostics and for
//! every other text printed for people.

pub mod render;
pub mod term;

use crate::load::FileId;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The class of a diagnostic: stable names that scripts may match on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    Io,
    Encoding,
    Syntax,
    Limit,
    UnknownRecordType,
    WrongType,
    MissingField,
    UnknownField,
    DuplicateField,
    InvalidId,
    EmptyValue,
    DuplicateId,
    UnknownReference,
    WrongReferenceKind,
    PlaceCycle,
    InvalidDate,
    InvalidCount,
    InvalidCoordinates,
    InvalidReliability,
    InvalidCredibility,
    InvalidNumber,
    UnsourcedEvent,
    UncitedSource,
    SharedName,
    Unconnected,
}

impl Code {
    /// Every code, in the order declared.
    pub const ALL: [Code; 25] = [
        Code::Io,
        Code::Encoding,
        Code::Syntax,
        Code::Limit,
        Code::UnknownRecordType,
        Code::WrongType,
        Code::MissingField,
        Code::UnknownField,
        Code::DuplicateField,
        Code::InvalidId,
        Code::EmptyValue,
        Code::DuplicateId,
        Code::UnknownReference,
        Code::WrongReferenceKind,
        Code::PlaceCycle,
        Code::InvalidDate,
        Code::InvalidCount,
        Code::InvalidCoordinates,
        Code::InvalidReliability,
        Code::InvalidCredibility,
        Code::InvalidNumber,
        Code::UnsourcedEvent,
        Code::UncitedSource,
        Code::SharedName,
        Code::Unconnected,
    ];

    /// Where the code stands in [`Code::ALL`].
    fn index(self) -> usize {
        self as usize
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Code::Io => "io",
            Code::Encoding => "encoding",
            Code::Syntax => "syntax",
            Code::Limit => "limit",
            Code::UnknownRecordType => "unknown-record-type",
            Code::WrongType => "wrong-type",
            Code::MissingField => "missing-field",
            Code::UnknownField => "unknown-field",
            Code::DuplicateField => "duplicate-field",
            Code::InvalidId => "invalid-id",
            Code::EmptyValue => "empty-value",
            Code::DuplicateId => "duplicate-id",
            Code::UnknownReference => "unknown-reference",
            Code::WrongReferenceKind => "wrong-reference-kind",
            Code::PlaceCycle => "place-cycle",
            Code::InvalidDate => "invalid-date",
            Code::InvalidCount => "invalid-count",
            Code::InvalidCoordinates => "invalid-coordinates",
            Code::InvalidReliability => "invalid-reliability",
            Code::InvalidCredibility => "invalid-credibility",
            Code::InvalidNumber => "invalid-number",
            Code::UnsourcedEvent => "unsourced-event",
            Code::UncitedSource => "uncited-source",
            Code::SharedName => "shared-name",
            Code::Unconnected => "unconnected",
        }
    }
}

/// The longest message, help or note kept whole, in characters. A message
/// quotes the value it is about, which may be a megabyte, and a help may
/// too; the quoted line and the
/// caret already show where it is.
const LONGEST_MESSAGE: usize = 400;

/// `message`, or its start and end around a `…` when it is longer than
/// [`LONGEST_MESSAGE`]: the start says what is wrong with what, the end
/// often why.
fn shorten(message: String) -> String {
    let count = message.chars().count();
    if count <= LONGEST_MESSAGE {
        return message;
    }
    let head = LONGEST_MESSAGE * 2 / 3;
    let tail = LONGEST_MESSAGE - head - 1;
    let at = |n: usize| {
        message
            .char_indices()
            .nth(n)
            .map_or(message.len(), |(i, _)| i)
    };
    let (cut, resume) = (at(head), at(count - tail));
    format!(
        "{}…{}",
        message.get(..cut).unwrap_or_default(),
        message.get(resume..).unwrap_or_default()
    )
}

/// One step of the way from a record to one of its values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSeg {
    Key(&'static str),
    Index(usize),
}

/// Where a record starts: its file and the byte offset of its first character.
/// Packed to 12 bytes: every record keeps one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[repr(C, packed(4))]
pub struct Origin {
    pub file: FileId,
    pub offset: u64,
}

/// A resolved position: a 1-based line, a byte column and a byte length in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pos {
    pub file: FileId,
    pub line: u64,
    /// Where the span starts in `text` (in the line when there is none).
    pub col: usize,
    pub len: usize,
    /// The source line, when it was at hand: the whole line, or around the
    /// span a part of a long one (see `cut`).
    pub text: Option<String>,
    /// When `text` is only a part of a long line: where it stands in it.
    pub cut: Option<Cut>,
}

impl Pos {
    /// Where the span starts in its line, in bytes.
    pub fn line_col(&self) -> usize {
        self.col + self.cut.map_or(0, |cut| cut.from)
    }
}

/// Where the part of a long line kept in a [`Pos`] stands in the line: a
/// document written on one line would otherwise be copied whole into every
/// diagnostic that points into it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cut {
    /// Bytes of the line before the part kept.
    pub from: usize,
    /// Characters of the line before the part kept.
    pub before: usize,
    /// Characters of the span, which may run past the part kept.
    pub width: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Loc {
    At(Pos),
    /// A value inside a record, found again in its file when rendered; the
    /// path is followed as far as the value's shape allows.
    Field(Origin, Vec<PathSeg>),
    /// A span of a file's text, where it starts and its length in bytes,
    /// placed when rendered by reading the file again (for a record of a
    /// document that was read as it came, not held).
    Text(Origin, usize),
    File(FileId),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub loc: Option<Loc>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    pub loc: Option<Loc>,
    pub help: Option<String>,
    pub notes: Vec<Note>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: shorten(message.into()),
            loc: None,
            help: None,
            notes: vec![],
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, loc: Loc) -> Diagnostic {
        self.loc = Some(loc);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(shorten(help.into()));
        self
    }

    pub fn maybe_help(mut self, help: Option<String>) -> Diagnostic {
        self.help = help.map(shorten);
        self
    }

    pub fn note(mut self, loc: Option<Loc>, message: impl Into<String>) -> Diagnostic {
        self.notes.push(Note {
            loc,
            message: shorten(message.into()),
        });
        self
    }
}

/// The diagnostics of one run, in the order found, with their counts.
#[derive(Debug, Default)]
pub struct Diagnostics {
    pub list: Vec<Diagnostic>,
    errors: usize,
    warnings: usize,
    /// How many of each code were found, kept or only counted, by
    /// [`Code::index`].
    by_code: [usize; Code::ALL.len()],
}

/// Most diagnostics kept; past it they are counted, not stored.
pub const MAX_KEPT: usize = 10_000;

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.count_only(d.severity, d.code, 1);
        if self.list.len() < MAX_KEPT {
            self.list.push(d);
        }
    }

    /// Counts `n` problems of `code` that are found but not kept, as those
    /// past [`MAX_KEPT`] are: problems told of only in a note of another
    /// (the unknown references past the first while a file could not be
    /// read whole) are problems all the same.
    pub fn count_only(&mut self, severity: Severity, code: Code, n: usize) {
        match severity {
            Severity::Error => self.errors += n,
            Severity::Warning => self.warnings += n,
        }
        if let Some(count) = self.by_code.get_mut(code.index()) {
            *count += n;
        }
    }

    pub fn errors(&self) -> usize {
        self.errors
    }

    /// How many diagnostics of `code` were found, kept or only counted.
    pub fn count(&self, code: Code) -> usize {
        self.by_code.get(code.index()).copied().unwrap_or(0)
    }

    pub fn warnings(&self) -> usize {
        self.warnings
    }

    /// Takes in another list after this one: the diagnostics it kept, and
    /// the count of those it only counted.
    pub fn append(&mut self, other: Diagnostics) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        for (mine, theirs) in self.by_code.iter_mut().zip(other.by_code) {
            *mine += theirs;
        }
        let room = MAX_KEPT.saturating_sub(self.list.len());
        self.list.extend(other.list.into_iter().take(room));
    }

    /// How many of each code were found, kept or only counted: the codes
    /// found, the most found first (in the order of [`Code::ALL`] at a tie).
    pub fn counts(&self) -> Vec<(Code, usize)> {
        let mut found: Vec<(Code, usize)> = Code::ALL
            .iter()
            .zip(self.by_code)
            .filter(|(_, n)| *n > 0)
            .map(|(&code, n)| (code, n))
            .collect();
        found.sort_by_key(|&(code, n)| (std::cmp::Reverse(n), code.index()));
        found
    }

    /// Whether the next diagnostic pushed is kept.
    pub fn keeps_more(&self) -> bool {
        self.list.len() < MAX_KEPT
    }

    /// How many were counted but not kept.
    pub fn dropped(&self) -> usize {
        self.errors + self.warnings - self.list.len()
    }

    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// Turns every warning into an error (`--deny-warnings`).
    pub fn deny_warnings(&mut self) {
        for d in &mut self.list {
            d.severity = Severity::Error;
        }
        self.errors += self.warnings;
        self.warnings = 0;
    }

    /// Orders the kept diagnostics by file and position, errors first at a tie.
    pub fn sort(&mut self) {
        self.list.sort_by_key(sort_key);
    }
}

fn sort_key(d: &Diagnostic) -> (u32, u64, usize, Severity) {
    match &d.loc {
        Some(Loc::At(p)) => (p.file.0, p.line, p.line_col(), d.severity),
        Some(Loc::Field(o, _) | Loc::Text(o, _)) => (o.file.0, u64::MAX, 0, d.severity),
        Some(Loc::File(f)) => (f.0, 0, 0, d.severity),
        None => (u32::MAX, 0, 0, d.severity),
    }
}

#[cfg(test)]
mod tests;
