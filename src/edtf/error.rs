//! The positioned parse error of the EDTF parser.
//!
//! It only carries data (byte offset, length, message, optional help); rendering a
//! snippet is the caller's job. It must not format the input or depend on the parser.

use std::fmt;

/// Why and where an EDTF text was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EdtfError {
    /// Byte offset of the offending character in the input.
    pub offset: usize,
    /// Byte length of the offending text; at least 1 unless the input is empty.
    pub len: usize,
    /// Lower-case reason without a trailing period.
    pub message: String,
    /// A suggestion for fixing the text.
    pub help: Option<String>,
}

impl EdtfError {
    /// An error at `offset..offset + len` without help.
    pub(crate) fn new(offset: usize, len: usize, message: impl Into<String>) -> EdtfError {
        EdtfError {
            offset,
            len,
            message: message.into(),
            help: None,
        }
    }

    /// The same error with a suggestion added.
    pub(crate) fn help(mut self, help: impl Into<String>) -> EdtfError {
        self.help = Some(help.into());
        self
    }

    /// A level 2 form: `what` names it.
    pub(crate) fn level2(offset: usize, len: usize, what: &str) -> EdtfError {
        EdtfError::new(
            offset,
            len,
            format!("{what} is a level 2 form, which is not supported"),
        )
        .help("only EDTF levels 0 and 1 are supported")
    }
}

/// Shows the message only; the position and help are fields for the caller to render.
impl fmt::Display for EdtfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EdtfError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_message() {
        let error = EdtfError::new(5, 2, "month 13 is out of range (01-12)").help("x");
        assert_eq!(error.to_string(), "month 13 is out of range (01-12)");
        assert_eq!(error.help.as_deref(), Some("x"));
        let level2 = EdtfError::level2(0, 1, "a set");
        assert_eq!(
            level2.message,
            "a set is a level 2 form, which is not supported"
        );
    }
}
