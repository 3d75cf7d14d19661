//! Text output: the canonical EDTF text (`Display`) and short readable English (`human`).
//!
//! Canonical text re-parses to the same value; `+00:00` is written `Z` and `+hh` as
//! `+hh:00`. Human text choices: `2024-XX` reads "2024" and `2024-03-XX` "Mar 2024" (the
//! precision already says the rest); years up to 0 read as BC (0 is 1 BC); `~` adds a
//! "c. " prefix and `?` a "?" suffix; winter reads "Winter 2024" for December 2024 to
//! February 2025. This file must not parse or validate.

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
        Some(minutes) => f.write_str(&offset_text(minutes)),
    }
}

/// `+03:00`, `-09:30`.
fn offset_text(minutes: i16) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let magnitude = minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", magnitude / 60, magnitude % 60)
}

impl Edtf {
    /// Short readable English: "22 Mar 2024", "c. 2016", "1990s", "from 22 Mar 2024".
    pub fn human(&self) -> String {
        match self {
            Edtf::Date(date) => date.human(),
            Edtf::Interval(ends) => interval_human(&ends.0, &ends.1),
        }
    }
}

/// "7 Mar 2024 – 22 Mar 2024", "7–22 Mar 2024", "from …", "until …", "… – ?".
fn interval_human(start: &End, end: &End) -> String {
    match (start, end) {
        (End::Date(first), End::Date(last)) => same_month_days(first, last)
            .unwrap_or_else(|| format!("{} – {}", first.human(), last.human())),
        (End::Date(first), End::Open) => format!("from {}", first.human()),
        (End::Date(first), End::Unknown) => format!("{} – ?", first.human()),
        (End::Open, End::Date(last)) => format!("until {}", last.human()),
        (End::Unknown, End::Date(last)) => format!("? – {}", last.human()),
        _ => "any time".to_owned(),
    }
}

/// "7–22 Mar 2024" for two plain days of the same month.
fn same_month_days(first: &Date, last: &Date) -> Option<String> {
    let plain = |d: &Date| d.precision() == Precision::Day && d.qualifier == Qualifier::None;
    if !plain(first) || !plain(last) || (first.year, first.month) != (last.year, last.month) {
        return None;
    }
    let tail = last.human();
    let (_, month_year) = tail.split_once(' ')?;
    Some(format!("{}–{}", first.day()?, last.day()?) + " " + month_year)
}

impl Date {
    /// Short readable English for this date alone.
    pub fn human(&self) -> String {
        let mut text = String::new();
        if self.approximate() {
            text.push_str("c. ");
        }
        text.push_str(&self.human_core());
        if self.uncertain() {
            text.push('?');
        }
        text
    }

    /// The date without qualifiers.
    fn human_core(&self) -> String {
        let year = year_human(self.year);
        let month = self
            .month()
            .and_then(|m| MONTHS.get(usize::from(m).saturating_sub(1)));
        let season = self
            .season()
            .and_then(|s| SEASONS.get(usize::from(s).saturating_sub(21)));
        let mut text = match (self.day(), month, season) {
            (Some(day), Some(month), _) => format!("{day} {month} {year}"),
            (None, Some(month), _) => format!("{month} {year}"),
            (_, _, Some(season)) => format!("{season} {year}"),
            _ => self.year_span_human(),
        };
        if let Some(time) = self.time {
            text.push(' ');
            text.push_str(&time_human(time));
        }
        text
    }

    /// "2024", "1990s", "1900s", or "20–11 BC" for unspecified digits before year 1.
    fn year_span_human(&self) -> String {
        if self.year_x == 0 {
            return year_human(self.year);
        }
        let (first, last) = self.year_range();
        match (first >= 1, last <= 0) {
            (true, _) => format!("{first}s"),
            (_, true) => format!("{}–{} BC", 1 - first, 1 - last),
            _ => format!("{} – {}", year_human(first), year_human(last)),
        }
    }
}

/// "2024", "44 BC" (astronomical -43), "1 BC" (year 0).
fn year_human(year: i64) -> String {
    if year >= 1 {
        year.to_string()
    } else {
        format!("{} BC", 1i128 - i128::from(year))
    }
}

/// "19:58", "19:58:07 UTC", "19:58 +03:00".
fn time_human(time: Time) -> String {
    let mut text = format!("{:02}:{:02}", time.hour, time.minute);
    if time.second != 0 {
        let _ = write!(text, ":{:02}", time.second);
    }
    match time.offset_minutes {
        None => {}
        Some(0) => text.push_str(" UTC"),
        Some(minutes) => {
            text.push(' ');
            text.push_str(&offset_text(minutes));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::super::parse;

    fn human(text: &str) -> String {
        parse(text).map_or_else(|e| format!("error: {e}"), |v| v.human())
    }

    #[test]
    fn human_dates() {
        let cases = [
            ("2024-03-22", "22 Mar 2024"),
            ("2024-03", "Mar 2024"),
            ("2024", "2024"),
            ("2016~", "c. 2016"),
            ("2021?", "2021?"),
            ("2020%", "c. 2020?"),
            ("199X", "1990s"),
            ("19XX", "1900s"),
            ("2024-XX", "2024"),
            ("2024-XX-XX", "2024"),
            ("2024-03-XX", "Mar 2024"),
            ("2024-21", "Spring 2024"),
            ("2024-24~", "c. Winter 2024"),
            ("2024-03-22T19:58:00+03:00", "22 Mar 2024 19:58 +03:00"),
            ("2024-03-22T19:58:07Z", "22 Mar 2024 19:58:07 UTC"),
            ("2024-03-22T19:58:00", "22 Mar 2024 19:58"),
            ("-0043-03-15", "15 Mar 44 BC"),
            ("0000", "1 BC"),
            ("-001X", "20–11 BC"),
            ("000X", "1 BC – 9"),
            ("Y170000002", "170000002"),
            ("Y-170000002", "170000003 BC"),
        ];
        for (text, expected) in cases {
            assert_eq!(human(text), expected, "{text}");
        }
    }

    #[test]
    fn human_intervals() {
        let cases = [
            ("2024-03-07/2024-03-22", "7–22 Mar 2024"),
            ("2024-03-07/2024-04-22", "7 Mar 2024 – 22 Apr 2024"),
            ("2024-03-07~/2024-03-22", "c. 7 Mar 2024 – 22 Mar 2024"),
            ("2024-03-22/..", "from 22 Mar 2024"),
            ("../2024", "until 2024"),
            ("2024-03-22/", "22 Mar 2024 – ?"),
            ("/2024?", "? – 2024?"),
            ("1984~/2004-06", "c. 1984 – Jun 2004"),
            ("Y-170000002/..", "from 170000003 BC"),
        ];
        for (text, expected) in cases {
            assert_eq!(human(text), expected, "{text}");
        }
    }

    #[test]
    fn interval_without_dates_reads_any_time() {
        let value = super::Edtf::interval(super::End::Open, super::End::Unknown);
        assert_eq!(value.human(), "any time");
    }

    #[test]
    fn canonical_text() {
        let same = [
            "2024",
            "2024-03",
            "2024-03-22",
            "201X?",
            "20XX~",
            "2024-XX%",
            "2024-03-XX",
            "2024-XX-XX",
            "2024-21",
            "-0043-03-15",
            "Y170000002",
            "Y-170000002",
            "2024-03-22T19:58:00",
            "2024-03-22T19:58:00Z",
            "2024-03-22T19:58:00-09:30",
            "1984~/2004-06",
            "../2024",
            "2024/..",
            "/2024",
            "2024/",
            "-001X",
        ];
        for text in same {
            assert_eq!(parse(text).map(|v| v.to_string()).as_deref(), Ok(text));
        }
        let normalised = [
            ("2024-03-22T19:58:00+00:00", "2024-03-22T19:58:00Z"),
            ("2024-03-22T19:58:00-00:00", "2024-03-22T19:58:00Z"),
            ("2024-03-22T19:58:00+04", "2024-03-22T19:58:00+04:00"),
        ];
        for (text, canonical) in normalised {
            assert_eq!(parse(text).map(|v| v.to_string()).as_deref(), Ok(canonical));
        }
    }
}
