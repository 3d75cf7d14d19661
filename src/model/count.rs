//! Counts as sources give them: exact, about, at least, or a range.
//!
//! "over 140" is not 140 and "about 100" is not 100: a [`Count`] keeps the
//! qualifier with the number so that exports can say what the source said.
//! Parsing reports the byte offset of the first bad character. Numbers go up
//! to 4,294,967,295: a count is kept in 32 bits (a million events carry two).

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Count {
    Exact(u32),
    /// `~100`: about.
    About(u32),
    /// `140+`: at least.
    AtLeast(u32),
    /// `10-20`: somewhere in the range, both ends included.
    Range(u32, u32),
}

/// Why a count string is not a count, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountError {
    pub offset: usize,
    pub message: String,
}

const FORMS: &str =
    "write a count as 13, \"~100\" (about), \"140+\" (at least) or \"10-20\" (a range)";

impl Count {
    /// The help line that lists the accepted forms.
    pub fn forms() -> &'static str {
        FORMS
    }

    /// Reads a count as the format writes it.
    ///
    /// ```
    /// use chronicle::model::Count;
    /// assert_eq!(Count::parse("140+"), Ok(Count::AtLeast(140)));
    /// assert_eq!(Count::parse("~100").map(Count::human).as_deref(), Ok("about 100"));
    /// assert_eq!(Count::parse("about 100").unwrap_err().offset, 0);
    /// ```
    pub fn parse(text: &str) -> Result<Count, CountError> {
        if let Some(rest) = text.strip_prefix('~') {
            return number(rest, 1).map(Count::About);
        }
        if let Some(rest) = text.strip_suffix('+') {
            if rest.contains('-') {
                return Err(CountError {
                    offset: rest.len(),
                    message: "a range has no `+`: write `10-20`, or `10+` for at least 10"
                        .to_string(),
                });
            }
            return number(rest, 0).map(Count::AtLeast);
        }
        if let Some((low, high)) = text.split_once('-') {
            let lo = number(low, 0)?;
            let hi = number(high, low.len() + 1)?;
            if hi < lo {
                let message = format!("range {lo}-{hi} ends below its start");
                return Err(CountError {
                    offset: low.len() + 1,
                    message,
                });
            }
            return Ok(Count::Range(lo, hi));
        }
        number(text, 0).map(Count::Exact)
    }

    /// The smallest and largest values the count allows (None: no upper bound).
    pub fn bounds(self) -> (u64, Option<u64>) {
        match self {
            Count::Exact(n) | Count::About(n) => (n.into(), Some(n.into())),
            Count::AtLeast(n) => (n.into(), None),
            Count::Range(lo, hi) => (lo.into(), Some(hi.into())),
        }
    }

    pub fn approximate(self) -> bool {
        matches!(self, Count::About(_))
    }

    /// Readable English: "13", "about 100", "at least 140", "10 to 20".
    pub fn human(self) -> String {
        self.readable().to_string()
    }

    /// [`Count::human`], to be written.
    pub fn readable(self) -> Readable {
        Readable(self)
    }
}

/// A count in readable English, written where it is wanted.
pub struct Readable(Count);

impl fmt::Display for Readable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Count::Exact(n) => write!(f, "{n}"),
            Count::About(n) => write!(f, "about {n}"),
            Count::AtLeast(n) => write!(f, "at least {n}"),
            Count::Range(lo, hi) => write!(f, "{lo} to {hi}"),
        }
    }
}

impl fmt::Display for Count {
    /// The count as written in the format: `13`, `~100`, `140+`, `10-20`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Count::Exact(n) => write!(f, "{n}"),
            Count::About(n) => write!(f, "~{n}"),
            Count::AtLeast(n) => write!(f, "{n}+"),
            Count::Range(lo, hi) => write!(f, "{lo}-{hi}"),
        }
    }
}

fn number(text: &str, offset: usize) -> Result<u32, CountError> {
    if let Some((at, c)) = text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        // `140+x`: the `+` of "at least" ends a count, so what follows it
        // is what is out of place.
        let after = text.get(at + 1..).and_then(|rest| rest.chars().next());
        let (at, message) = match (c, after) {
            ('+', Some(next)) if at > 0 => (
                at + 1,
                format!(
                    "unexpected `{next}` after `+`: \"at least\" is written with `+` last, like `140+`"
                ),
            ),
            _ => (at, format!("unexpected `{c}` in a count")),
        };
        return Err(CountError {
            offset: offset + at,
            message,
        });
    }
    if text.is_empty() {
        return Err(CountError {
            offset,
            message: "expected a number".to_string(),
        });
    }
    text.parse().map_err(|_| CountError {
        offset,
        message: TOO_LARGE.to_string(),
    })
}

/// Why a whole number cannot be a count.
pub const TOO_LARGE: &str = "count is too large (at most 4294967295)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_parses_and_prints_back() {
        for (text, count) in [
            ("13", Count::Exact(13)),
            ("~100", Count::About(100)),
            ("140+", Count::AtLeast(140)),
            ("10-20", Count::Range(10, 20)),
        ] {
            assert_eq!(Count::parse(text), Ok(count));
            assert_eq!(count.to_string(), text);
        }
    }

    #[test]
    fn errors_point_at_the_bad_character() {
        assert_eq!(Count::parse("about 100").unwrap_err().offset, 0);
        assert_eq!(Count::parse("~1x0").unwrap_err().offset, 2);
        assert_eq!(Count::parse("20-10").unwrap_err().offset, 3);
        assert_eq!(Count::parse("").unwrap_err().message, "expected a number");
        assert_eq!(Count::parse("-5").unwrap_err().offset, 0);
        assert!(Count::parse("99999999999999999999999").is_err());
        // What follows the `+` of "at least" is out of place, not the `+`.
        for (text, at, found) in [("140+x", 4, 'x'), ("10+~", 3, '~'), ("10-20+5", 6, '5')] {
            let e = Count::parse(text).unwrap_err();
            assert_eq!(e.offset, at, "{text}");
            assert!(
                e.message
                    .starts_with(&format!("unexpected `{found}` after `+`")),
                "{text}"
            );
        }
        assert_eq!(Count::parse("+5").unwrap_err().offset, 0);
        let range = Count::parse("10-20+").unwrap_err();
        assert_eq!(
            (
                range.offset,
                range.message.starts_with("a range has no `+`")
            ),
            (5, true)
        );
    }

    #[test]
    fn bounds_and_words() {
        assert_eq!(Count::AtLeast(140).bounds(), (140, None));
        assert_eq!(Count::About(100).human(), "about 100");
        assert!(Count::About(1).approximate());
    }
}
