//! EDTF (Extended Date/Time Format, ISO 8601-2) levels 0 and 1: the value types, their
//! bounds, precision and flags, and the entry point [`parse()`].
//!
//! Level 2 forms are rejected with a positioned error saying so. This module does no I/O,
//! knows nothing about fact files or graphs, and never panics on any input text.
//!
//! Choices made here (see also `parse.rs` and `date.rs`):
//! - qualifiers (`?`, `~`, `%`) never widen bounds: the flags carry the uncertainty;
//! - an interval's bounds run from its start's earliest day to its end's latest day; an
//!   open (`..`) or unknown (empty) end is unbounded on that side;
//! - the precision of an interval is the coarser of its dated ends.

mod cursor;
mod date;
mod day;
mod display;
mod error;
mod hint;
mod parse;
mod parse_date;
mod parse_time;
mod plain;
mod span;
#[cfg(test)]
mod tests;

pub use date::{Date, Time};
pub use day::Day;
pub(crate) use day::zero_padded;
pub use display::{Human, Year, Years, month_name, season_name};
pub use error::EdtfError;
pub use parse::parse;
pub use span::Span;

use std::str::FromStr;

/// A parsed EDTF value: a single date (or date-time) or an interval.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Edtf {
    /// `2024-03-22`, `201X?`, `2024-21`, `2024-03-22T19:58:00Z`, `Y-170000002`.
    Date(Date),
    /// `start/end`; at least one end is a date. Boxed, so that a value
    /// takes no more room than a single date (most values are one).
    Interval(Box<(End, End)>),
}

/// One end of an interval.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum End {
    /// A dated end.
    Date(Date),
    /// `..`: the interval runs on without limit on this side.
    Open,
    /// Empty: this end is not known.
    Unknown,
}

/// How finely a value is pinned down, coarsest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// `19XX`.
    Century,
    /// `201X`.
    Decade,
    /// `2024`, `2024-XX`, `2024-XX-XX`, `Y170000002`.
    Year,
    /// `2024-21`.
    Season,
    /// `2024-03`, `2024-03-XX`.
    Month,
    /// `2024-03-22`.
    Day,
    /// `2024-03-22T19:58:00`.
    Time,
}

impl Precision {
    /// The lower-case name: `"century"`, `"decade"`, `"year"`, `"season"`, `"month"`,
    /// `"day"` or `"time"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Century => "century",
            Precision::Decade => "decade",
            Precision::Year => "year",
            Precision::Season => "season",
            Precision::Month => "month",
            Precision::Day => "day",
            Precision::Time => "time",
        }
    }
}

/// The earliest and latest possible days of a value; `None` is unbounded on that side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Bounds {
    /// The earliest possible day, or `None` when unbounded in the past.
    pub earliest: Option<Day>,
    /// The latest possible day, or `None` when unbounded in the future.
    pub latest: Option<Day>,
}

impl Bounds {
    /// Whether the two spans share at least one day (an unbounded side reaches everything).
    pub fn overlaps(&self, other: &Bounds) -> bool {
        let (start, end) = self.sort_key();
        let (other_start, other_end) = other.sort_key();
        start <= other_end && other_start <= end
    }

    /// `(earliest, latest)` with an unbounded side as [`Day::MIN`] or [`Day::MAX`].
    pub fn sort_key(&self) -> (Day, Day) {
        (
            self.earliest.unwrap_or(Day::MIN),
            self.latest.unwrap_or(Day::MAX),
        )
    }
}

impl End {
    /// The date of a dated end.
    pub fn date(&self) -> Option<&Date> {
        match self {
            End::Date(date) => Some(date),
            End::Open | End::Unknown => None,
        }
    }
}

impl Edtf {
    /// The earliest and latest possible days over the whole value.
    pub fn bounds(&self) -> Bounds {
        match self {
            Edtf::Date(date) => {
                let (earliest, latest) = date.bounds();
                Bounds {
                    earliest: Some(earliest),
                    latest: Some(latest),
                }
            }
            Edtf::Interval(ends) => Bounds {
                earliest: ends.0.date().map(|date| date.bounds().0),
                latest: ends.1.date().map(|date| date.bounds().1),
            },
        }
    }

    /// A date's own precision; for an interval the coarser of its dated ends.
    pub fn precision(&self) -> Precision {
        self.dates()
            .map(Date::precision)
            .min()
            .unwrap_or(Precision::Year)
    }

    /// Whether any part is approximate (`~` or `%`).
    pub fn approximate(&self) -> bool {
        self.dates().any(Date::approximate)
    }

    /// Whether any part is uncertain (`?` or `%`).
    pub fn uncertain(&self) -> bool {
        self.dates().any(Date::uncertain)
    }

    /// The interval from `start` to `end`.
    pub fn interval(start: End, end: End) -> Edtf {
        Edtf::Interval(Box::new((start, end)))
    }

    /// Whether this is an interval.
    pub fn is_interval(&self) -> bool {
        matches!(self, Edtf::Interval(..))
    }

    /// An interval's start and end.
    pub fn ends(&self) -> Option<(&End, &End)> {
        match self {
            Edtf::Date(_) => None,
            Edtf::Interval(ends) => Some((&ends.0, &ends.1)),
        }
    }

    /// A date itself, or the dated start of an interval.
    pub fn start(&self) -> Option<&Date> {
        match self {
            Edtf::Date(date) => Some(date),
            Edtf::Interval(ends) => ends.0.date(),
        }
    }

    /// A date itself, or the dated end of an interval.
    pub fn end(&self) -> Option<&Date> {
        match self {
            Edtf::Date(date) => Some(date),
            Edtf::Interval(ends) => ends.1.date(),
        }
    }

    /// Every date in the value: one for a date, the dated ends of an interval.
    fn dates(&self) -> impl Iterator<Item = &Date> {
        let (first, second) = match self {
            Edtf::Date(date) => (Some(date), None),
            Edtf::Interval(ends) => (ends.0.date(), ends.1.date()),
        };
        first.into_iter().chain(second)
    }
}

impl FromStr for Edtf {
    type Err = EdtfError;

    fn from_str(input: &str) -> Result<Edtf, EdtfError> {
        parse(input)
    }
}

#[cfg(test)]
mod api_tests {
    use super::*;

    fn edtf(text: &str) -> Edtf {
        match parse(text) {
            Ok(value) => value,
            Err(error) => panic!("{text}: {error:?}"),
        }
    }

    fn day(year: i64, month: u8, day: u8) -> Option<Day> {
        Day::from_ymd(year, month, day)
    }

    #[test]
    fn interval_bounds_and_sides() {
        let bounds = edtf("2024-03-07/2024-03-22").bounds();
        assert_eq!(bounds.earliest, day(2024, 3, 7));
        assert_eq!(bounds.latest, day(2024, 3, 22));
        let open = edtf("2024-03-22/..").bounds();
        assert_eq!((open.earliest, open.latest), (day(2024, 3, 22), None));
        let unknown = edtf("/2024").bounds();
        assert_eq!(
            (unknown.earliest, unknown.latest),
            (None, day(2024, 12, 31))
        );
        assert_eq!(edtf("../2024").bounds().sort_key().0, Day::MIN);
        assert_eq!(edtf("2024/").bounds().sort_key().1, Day::MAX);
    }

    #[test]
    fn overlaps() {
        let a = edtf("2024-03").bounds();
        assert!(a.overlaps(&edtf("2024-03-31/2024-05").bounds()));
        assert!(!a.overlaps(&edtf("2024-04").bounds()));
        assert!(a.overlaps(&edtf("../2024-03-01").bounds()));
        assert!(!a.overlaps(&edtf("2024-04-01/..").bounds()));
        assert!(edtf("/2020").bounds().overlaps(&edtf("../2010").bounds()));
    }

    #[test]
    fn interval_precision_and_flags() {
        let value = edtf("1984~/2004-06");
        assert_eq!(value.precision(), Precision::Year);
        assert!(value.approximate());
        assert!(!value.uncertain());
        assert!(value.is_interval());
        assert_eq!(value.start().map(Date::year), Some(1984));
        assert_eq!(value.end().map(Date::month), Some(Some(6)));
        let open = edtf("../2024-03-22?");
        assert_eq!(open.start(), None);
        assert!(open.uncertain());
        assert_eq!(open.precision(), Precision::Day);
    }

    #[test]
    fn date_start_and_end_are_itself() {
        let value = edtf("2024-03-22");
        assert_eq!(value.start(), value.end());
        assert!(!value.is_interval());
        assert_eq!("2024".parse::<Edtf>(), Ok(edtf("2024")));
    }

    #[test]
    fn precision_names_are_ordered() {
        let names: Vec<_> = [
            Precision::Century,
            Precision::Decade,
            Precision::Year,
            Precision::Season,
            Precision::Month,
            Precision::Day,
            Precision::Time,
        ]
        .windows(2)
        .map(|pair| {
            assert!(pair.first() < pair.get(1));
            pair.first().map_or("", |p| p.as_str())
        })
        .collect();
        assert_eq!(
            names,
            ["century", "decade", "year", "season", "month", "day"]
        );
    }
}
