//! Unknown references when some fact file could not be read whole.
//!
//! A file with a syntax or encoding error loses the records from the error
//! on (or all of them), so every reference to an id it defines would be
//! reported as unknown: one typo in a file of sources, and each event citing
//! them is an error that points at the wrong place. While any file could
//! not be read whole, only the first unknown reference is reported, with a
//! note naming the file that may define it and how many more were found;
//! those are counted all the same, as the problems past the most kept are,
//! so that the count of errors says how many there are, and they are all
//! checked again once the file reads. Nothing here looks ids up; it only
//! decides which unknown references are shown.

use crate::diag::{Code, Diagnostic, Diagnostics, Loc, Note, Severity};
use crate::load::FileId;

/// The codes of problems that keep a file's records from being read.
const UNREADABLE: [Code; 3] = [Code::Syntax, Code::Encoding, Code::Limit];

/// Files not read whole, and the unknown references met while there are.
#[derive(Default)]
pub(super) struct Unread {
    /// The files named by the problems kept, in the order found.
    files: Vec<FileId>,
    /// Whether any such problem was found (kept or only counted).
    any: bool,
    /// Where the first unknown reference's diagnostic stands in the list.
    first: Option<usize>,
    /// Unknown references after the first, not shown.
    more: usize,
}

impl Unread {
    /// The files that `diags` say could not be read whole.
    pub fn of(diags: &Diagnostics) -> Unread {
        let mut files = Vec::new();
        for d in diags.list.iter().filter(|d| UNREADABLE.contains(&d.code)) {
            if let Some(file) = d.loc.as_ref().map(file_of).filter(|f| !files.contains(f)) {
                files.push(file);
            }
        }
        Unread {
            files,
            any: UNREADABLE.iter().any(|&c| diags.count(c) > 0),
            ..Unread::default()
        }
    }

    /// Whether an unknown reference is only counted: some file was not
    /// read whole and the first is already reported.
    pub fn hides(&mut self) -> bool {
        let hidden = self.any && self.first.is_some();
        self.more += usize::from(hidden);
        hidden
    }

    /// Reports the first unknown reference, to be given its note by
    /// [`Unread::finish`] once every reference is looked up.
    pub fn push(&mut self, d: Diagnostic, diags: &mut Diagnostics) {
        if self.any {
            self.first = Some(diags.list.len());
        }
        diags.push(d);
    }

    /// Counts the unknown references not shown, and notes on the first
    /// where the files not read stand and how many more there were.
    pub fn finish(self, diags: &mut Diagnostics) {
        diags.count_only(Severity::Error, Code::UnknownReference, self.more);
        let Some(d) = self.first.and_then(|at| diags.list.get_mut(at)) else {
            return;
        };
        let message = match self.files.len().saturating_sub(1) {
            0 => "this file could not be read whole, and may define it".to_string(),
            1 => "this file and 1 other could not be read whole, and may define it".to_string(),
            n => format!("this file and {n} others could not be read whole, and may define it"),
        };
        let loc = self.files.first().map(|&f| Loc::File(f));
        d.notes.push(Note { loc, message });
        if self.more > 0 {
            let refs = if self.more == 1 {
                "reference"
            } else {
                "references"
            };
            let message = format!("{} more unknown {refs} not shown", self.more);
            d.notes.push(Note { loc: None, message });
        }
        if d.help.is_none() {
            d.help =
                Some("fix the syntax errors first: every reference is checked again then".into());
        }
    }
}

/// The file a location is in.
fn file_of(loc: &Loc) -> FileId {
    match loc {
        Loc::At(pos) => pos.file,
        Loc::Field(origin, _) | Loc::Text(origin, _) => origin.file,
        Loc::File(file) => *file,
    }
}
