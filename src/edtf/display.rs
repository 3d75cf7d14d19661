//! Text output: the canonical EDTF text (`Display`) and short readable English (`human`),
//! with the readable names of years, spans of years, months and seasons it is made of
//! (which the DOT timeline also heads its columns with).
//!
//! Canonical text re-parses to the same value; `+00:00` is written `Z` and `+hh` as
//! `+hh:00`. Human text choices: `2024-XX` reads "2024" and `2024-03-XX` "Mar 2024" (the
//! precision already says the rest); years up to 0 read as BC (0 is 1 BC); `~` adds a
//! "c. " prefix and `?` a "?" suffix; winter reads "Winter 2024" for December 2024 to
//! February 2025; an interval whose two ends read the same reads as one of them
//! (`2024-03/2024-03` is "Mar 2024"). This file must not parse or validate.

use std::fmt::{self, Write};

use super::date::{Date, Part, Qualifier, Time};
use super::{Edtf, End, Precision};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const SEASONS: [&str; 4] = ["Spring", "Summer", "Autumn", "Winter"];

impl fmt::Display for Edtf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Edtf::Date(date) => date.fmt(f),
            Edtf::Interval(ends) => write!(f, "{}/{}", ends.0, ends.1),
        }
    }
}

impl fmt::Display for End {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            End::Date(date) => date.fmt(f),
            End::Open => f.write_str(".."),
            End::Unknown => Ok(()),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_year(f, self.year, self.year_x)?;
        for part in [self.month, self.day].into_iter().flatten() {
            match part {
                Part::Value(value) => write!(f, "-{value:02}")?,
                Part::Unspecified => f.write_str("-XX")?,
            }
        }
        if let Some(time) = self.time {
            write_time(f, time)?;
        }
        f.write_str(match self.qualifier {
            Qualifier::None => "",
            Qualifier::Uncertain => "?",
            Qualifier::Approximate => "~",
            Qualifier::Both => "%",
        })
    }
}

/// `2024`, `-0043`, `201X`, `Y170000002`.
fn write_year(f: &mut fmt::Formatter<'_>, year: i64, year_x: u8) -> fmt::Result {
    let magnitude = year.unsigned_abs();
    if magnitude > 9999 {
        return write!(f, "Y{year}");
    }
    let sign = if year < 0 { "-" } else { "" };
    match year_x {
        0 => write!(f, "{sign}{magnitude:04}"),
        1 => write!(f, "{sign}{:03}X", magnitude / 10),
        _ => write!(f, "{sign}{:02}XX", magnitude / 100),
    }
}

/// `T19:58:00`, with `Z` or `+03:00`.
fn write_time(f: &mut fmt::Formatter<'_>, time: Time) -> fmt::Result {
    write!(f, "T{:02}:{:02}:{:02}", time.hour, time.minute, time.second)?;
    match time.offset_minutes {
        None => Ok(()),
        Some(0) => f.write_str("Z"),
        Some(minutes) => write!(f, "{}", Offset(minutes)),
    }
}

/// `+03:00`, `-09:30`.
struct Offset(i16);

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { '-' } else { '+' };
        let magnitude = self.0.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", magnitude / 60, magnitude % 60)
    }
}

/// A value's short readable English, written where it is wanted (no text
/// is built on the way): what [`Edtf::human`] returns.
pub struct Human<'a>(&'a Edtf);

impl fmt::Display for Human<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Edtf::Date(date) => date.write_human(f),
            Edtf::Interval(ends) => interval_human(f, &ends.0, &ends.1),
        }
    }
}

impl Edtf {
    /// Short readable English: "22 Mar 2024", "c. 2016", "1990s", "from 22 Mar 2024".
    pub fn human(&self) -> String {
        self.readable().to_string()
    }

    /// [`Edtf::human`], to be written.
    pub fn readable(&self) -> Human<'_> {
        Human(self)
    }
}

/// "7 Mar 2024 – 22 Mar 2024", "7–22 Mar 2024", "22 Mar 2024" (both ends), "from …",
/// "until …", "… – ?".
fn interval_human(f: &mut fmt::Formatter<'_>, start: &End, end: &End) -> fmt::Result {
    match (start, end) {
        (End::Date(first), End::Date(last)) if reads_same(first, last) => {
            return first.write_human(f);
        }
        (End::Date(first), End::Date(last)) => match same_month_first_day(first, last) {
            // "7–" and then "22 Mar 2024".
            Some(day) => write!(f, "{day}–")?,
            None => {
                first.write_human(f)?;
                f.write_str(" – ")?;
            }
        },
        (End::Date(first), End::Open) => {
            f.write_str("from ")?;
            return first.write_human(f);
        }
        (End::Date(first), End::Unknown) => {
            first.write_human(f)?;
            return f.write_str(" – ?");
        }
        (End::Open, End::Date(_)) => f.write_str("until ")?,
        (End::Unknown, End::Date(_)) => f.write_str("? – ")?,
        _ => return f.write_str("any time"),
    }
    match end {
        End::Date(last) => last.write_human(f),
        _ => Ok(()),
    }
}

/// Whether two dates read the same: the parts human text is made of are equal (`XX`
/// reads as an absent part).
fn reads_same(first: &Date, last: &Date) -> bool {
    let parts = |d: &Date| {
        (
            d.year,
            d.year_x,
            d.month_value(),
            d.day(),
            d.time,
            d.qualifier,
        )
    };
    parts(first) == parts(last)
}

/// The first day of two plain days of the same month, written "7–22 Mar 2024".
fn same_month_first_day(first: &Date, last: &Date) -> Option<u8> {
    let plain = |d: &Date| d.precision() == Precision::Day && d.qualifier == Qualifier::None;
    if !plain(first) || !plain(last) || (first.year, first.month) != (last.year, last.month) {
        return None;
    }
    last.day()?;
    first.day()
}

impl Date {
    /// Short readable English for this date alone.
    fn write_human(&self, f: &mut impl Write) -> fmt::Result {
        if self.approximate() {
            f.write_str("c. ")?;
        }
        self.write_human_core(f)?;
        if self.uncertain() {
            f.write_char('?')?;
        }
        Ok(())
    }

    /// The date without qualifiers.
    fn write_human_core(&self, f: &mut impl Write) -> fmt::Result {
        let year = Year(self.year);
        let month = self.month().and_then(month_name);
        let season = self.season().and_then(season_name);
        match (self.day(), month, season) {
            (Some(day), Some(month), _) => write!(f, "{day} {month} {year}")?,
            (None, Some(month), _) => write!(f, "{month} {year}")?,
            (_, _, Some(season)) => write!(f, "{season} {year}")?,
            _ => self.write_year_span(f)?,
        }
        match self.time {
            Some(time) => write_time_human(f, time),
            None => Ok(()),
        }
    }

    /// "2024", "1990s", "1900–1909" (a century's first decade), "1900s" (a
    /// century), or "20–11 BC" for unspecified digits before year 1.
    fn write_year_span(&self, f: &mut impl Write) -> fmt::Result {
        let (first, last) = self.year_range();
        let years = Years {
            first,
            last,
            digits: self.year_x,
        };
        write!(f, "{years}")
    }
}

/// "Jan" to "Dec" for the months 1 to 12.
pub fn month_name(month: u8) -> Option<&'static str> {
    MONTHS.get(usize::from(month).checked_sub(1)?).copied()
}

/// "Spring", "Summer", "Autumn" or "Winter" for the seasons 21 to 24.
pub fn season_name(season: u8) -> Option<&'static str> {
    SEASONS.get(usize::from(season).checked_sub(21)?).copied()
}

/// The years `first` to `last` that a year with `digits` unspecified
/// digits stands for: "2024" (no such digits: `first` alone), "1990s",
/// "1900–1909" (a century's first decade), "1900s" (a century), "20–11 BC"
/// (before year 1), "1 BC – 9" (across it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Years {
    /// The first astronomical year.
    pub first: i64,
    /// The last astronomical year.
    pub last: i64,
    /// How many trailing digits are unspecified: 1 a decade, 2 a century.
    pub digits: u8,
}

impl fmt::Display for Years {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Years {
            first,
            last,
            digits,
        } = *self;
        if digits == 0 {
            return write!(f, "{}", Year(first));
        }
        match (first >= 1, last <= 0) {
            // The first decade of a century is not "1900s", which names the
            // century.
            (true, _) if digits == 1 && first % 100 == 0 => write!(f, "{first}–{last}"),
            (true, _) => write!(f, "{first}s"),
            (_, true) => write!(f, "{}–{} BC", Year(first).bc(), Year(last).bc()),
            _ => write!(f, "{} – {}", Year(first), Year(last)),
        }
    }
}

/// A year as read: "2024", "44 BC" (astronomical -43), "1 BC" (year 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Year(pub i64);

impl Year {
    /// The number of a year up to 0 counted back from 1 BC (44 for -43).
    fn bc(self) -> i128 {
        1 - i128::from(self.0)
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            year if year >= 1 => write!(f, "{year}"),
            _ => write!(f, "{} BC", self.bc()),
        }
    }
}

/// " 19:58", " 19:58:07 UTC", " 19:58 +03:00".
fn write_time_human(f: &mut impl Write, time: Time) -> fmt::Result {
    write!(f, " {:02}:{:02}", time.hour, time.minute)?;
    if time.second != 0 {
        write!(f, ":{:02}", time.second)?;
    }
    match time.offset_minutes {
        None => Ok(()),
        Some(0) => f.write_str(" UTC"),
        Some(minutes) => write!(f, " {}", Offset(minutes)),
    }
}

#[cfg(test)]
mod tests;
