//! A single EDTF date (or date-time): its parts, flags, precision and calendar bounds.
//!
//! Bounds follow these rules: unspecified digits and parts widen to every value they
//! could stand for (`-000X` is -9 to -1, since there is no year -0); seasons use Northern-hemisphere meteorological seasons (spring 21 =
//! 1 Mar to 31 May, summer 22 = June to August, autumn 23 = September to November,
//! winter 24 = 1 Dec of the year to the end of February of the next year); qualifiers
//! never widen bounds; a date-time's bounds are its calendar day as written (local
//! time, the offset is ignored). This file must not parse text.

use super::Precision;
use super::day::{Day, days_in_month};

/// A month or day part: a value or `XX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) enum Part {
    Value(u8),
    Unspecified,
}

/// The qualifier written after a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) enum Qualifier {
    None,
    /// `?`
    Uncertain,
    /// `~`
    Approximate,
    /// `%`
    Both,
}

/// A time of day with an optional UTC offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Time {
    /// 0-23.
    pub hour: u8,
    /// 0-59.
    pub minute: u8,
    /// 0-59, or 60 for a leap second at 23:59:60.
    pub second: u8,
    /// Minutes east of UTC; `None` is local time, `Some(0)` is `Z`.
    pub offset_minutes: Option<i16>,
}

/// A single EDTF date, possibly with unspecified digits, a season, a time or a qualifier.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Date {
    /// Astronomical year: of the years the written digits allow, the one nearest 0
    /// (`201X` is 2010, `-001X` is -10, `-000X` is -1).
    pub(crate) year: i64,
    /// How many trailing year digits are `X` (0-2).
    pub(crate) year_x: u8,
    pub(crate) month: Option<Part>,
    pub(crate) day: Option<Part>,
    pub(crate) time: Option<Time>,
    pub(crate) qualifier: Qualifier,
}

impl Date {
    /// Astronomical year as written with `X` digits replaced by 0 (`201X` is 2010),
    /// except that a negative year is never 0: `-000X` and `-00XX` are -1, the year
    /// nearest 0 they allow.
    pub fn year(&self) -> i64 {
        self.year
    }

    /// The earliest year the date can be: its year, or the least its `X`
    /// digits allow (`19XX` is 1900, `-01XX` is -199, since -0100 is the
    /// latest of -0100 to -0199).
    pub fn first_year(&self) -> i64 {
        match self.year_x {
            0 => self.year,
            _ => self.bounds().0.ymd().0,
        }
    }

    /// The month 1-12; `None` when absent, unspecified (`XX`) or a season.
    pub fn month(&self) -> Option<u8> {
        self.month_value().filter(|month| (1..=12).contains(month))
    }

    /// The day of month; `None` when absent or unspecified.
    pub fn day(&self) -> Option<u8> {
        match self.day {
            Some(Part::Value(day)) => Some(day),
            Some(Part::Unspecified) | None => None,
        }
    }

    /// The season 21-24 (spring, summer, autumn, winter).
    pub fn season(&self) -> Option<u8> {
        self.month_value().filter(|month| (21..=24).contains(month))
    }

    /// The time of day of a date-time.
    pub fn time(&self) -> Option<Time> {
        self.time
    }

    /// How many trailing year digits are unspecified: 0 for `2024`, 1 for `201X`, 2 for `20XX`.
    pub fn unspecified_year_digits(&self) -> u8 {
        self.year_x
    }

    /// Whether the month is written `XX`.
    pub fn month_unspecified(&self) -> bool {
        self.month == Some(Part::Unspecified)
    }

    /// Whether the day is written `XX`.
    pub fn day_unspecified(&self) -> bool {
        self.day == Some(Part::Unspecified)
    }

    /// Whether the date is approximate (`~` or `%`).
    pub fn approximate(&self) -> bool {
        matches!(self.qualifier, Qualifier::Approximate | Qualifier::Both)
    }

    /// Whether the date is uncertain (`?` or `%`).
    pub fn uncertain(&self) -> bool {
        matches!(self.qualifier, Qualifier::Uncertain | Qualifier::Both)
    }

    /// How finely the date is specified; an unspecified part counts as absent.
    pub fn precision(&self) -> Precision {
        if self.time.is_some() {
            return Precision::Time;
        }
        match (self.month, self.day) {
            (_, Some(Part::Value(_))) => Precision::Day,
            (Some(Part::Value(month)), _) if month > 12 => Precision::Season,
            (Some(Part::Value(_)), _) => Precision::Month,
            _ => match self.year_x {
                0 => Precision::Year,
                1 => Precision::Decade,
                _ => Precision::Century,
            },
        }
    }

    /// The earliest and latest possible calendar days, inclusive.
    pub fn bounds(&self) -> (Day, Day) {
        let (first_year, last_year) = self.year_range();
        match (self.month, self.day) {
            (Some(Part::Value(month)), Some(Part::Value(day))) => {
                let day = Day::saturating_ymd(self.year, month, day);
                (day, day)
            }
            (Some(Part::Value(month)), _) if month > 12 => season_bounds(self.year, month),
            (Some(Part::Value(month)), _) => month_bounds(self.year, month),
            _ => (
                Day::saturating_ymd(first_year, 1, 1),
                Day::saturating_ymd(last_year, 12, 31),
            ),
        }
    }

    /// The first and last astronomical years the (possibly unspecified) year stands for:
    /// from the year nearest 0 to the written digits followed by nines.
    pub(crate) fn year_range(&self) -> (i64, i64) {
        let block: i64 = match self.year_x {
            0 => 1,
            1 => 10,
            _ => 100,
        };
        // `-000X` is stored as -1, whose written digits are still 000.
        let farthest = (self.year.saturating_abs() / block)
            .saturating_mul(block)
            .saturating_add(block - 1);
        if self.year < 0 {
            (-farthest, self.year)
        } else {
            (self.year, farthest)
        }
    }

    /// The written month or season number.
    pub(crate) fn month_value(&self) -> Option<u8> {
        match self.month {
            Some(Part::Value(month)) => Some(month),
            Some(Part::Unspecified) | None => None,
        }
    }
}

/// The first and last day of a month.
fn month_bounds(year: i64, month: u8) -> (Day, Day) {
    let last = days_in_month(year, month).unwrap_or(31);
    (
        Day::saturating_ymd(year, month, 1),
        Day::saturating_ymd(year, month, last),
    )
}

/// The first and last day of a season (21-24), Northern-hemisphere meteorological.
fn season_bounds(year: i64, season: u8) -> (Day, Day) {
    let (first_month, last_month, last_year) = match season {
        21 => (3, 5, year),
        22 => (6, 8, year),
        23 => (9, 11, year),
        _ => (12, 2, year.saturating_add(1)),
    };
    let first = Day::saturating_ymd(year, first_month, 1);
    let last = days_in_month(last_year, last_month).unwrap_or(28);
    (first, Day::saturating_ymd(last_year, last_month, last))
}

#[cfg(test)]
mod tests {
    use super::super::{Edtf, parse};
    use super::*;

    fn date(text: &str) -> Date {
        match parse(text) {
            Ok(Edtf::Date(date)) => date,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn bounds(text: &str) -> (String, String) {
        let (first, last) = date(text).bounds();
        (first.iso(), last.iso())
    }

    fn pair(first: &str, last: &str) -> (String, String) {
        (first.to_owned(), last.to_owned())
    }

    #[test]
    fn bounds_of_every_form() {
        assert_eq!(bounds("2024"), pair("2024-01-01", "2024-12-31"));
        assert_eq!(bounds("201X"), pair("2010-01-01", "2019-12-31"));
        assert_eq!(bounds("19XX"), pair("1900-01-01", "1999-12-31"));
        assert_eq!(bounds("2024-XX"), pair("2024-01-01", "2024-12-31"));
        assert_eq!(bounds("2024-XX-XX"), pair("2024-01-01", "2024-12-31"));
        assert_eq!(bounds("2024-03-XX"), pair("2024-03-01", "2024-03-31"));
        assert_eq!(bounds("2024-02"), pair("2024-02-01", "2024-02-29"));
        assert_eq!(bounds("2023-02-XX"), pair("2023-02-01", "2023-02-28"));
        assert_eq!(bounds("2024-03-22"), pair("2024-03-22", "2024-03-22"));
        assert_eq!(
            bounds("-0043-03-15"),
            pair("-000043-03-15", "-000043-03-15")
        );
        assert_eq!(bounds("-001X"), pair("-000019-01-01", "-000010-12-31"));
        assert_eq!(bounds("-000X"), pair("-000009-01-01", "-000001-12-31"));
        assert_eq!(bounds("-00XX"), pair("-000099-01-01", "-000001-12-31"));
        assert_eq!(bounds("-01XX"), pair("-000199-01-01", "-000100-12-31"));
        assert_eq!(bounds("-99XX"), pair("-009999-01-01", "-009900-12-31"));
        assert_eq!(bounds("000X"), pair("0000-01-01", "0009-12-31"));
        assert_eq!(bounds("00XX"), pair("0000-01-01", "0099-12-31"));
        assert_eq!(bounds("99XX"), pair("9900-01-01", "9999-12-31"));
        assert_eq!(
            bounds("Y-170000002"),
            pair("-170000002-01-01", "-170000002-12-31")
        );
        assert_eq!(
            bounds("2024-03-22T23:30:00-05:00"),
            pair("2024-03-22", "2024-03-22")
        );
    }

    #[test]
    fn season_bounds_are_northern_meteorological() {
        assert_eq!(bounds("2024-21"), pair("2024-03-01", "2024-05-31"));
        assert_eq!(bounds("2024-22"), pair("2024-06-01", "2024-08-31"));
        assert_eq!(bounds("2024-23"), pair("2024-09-01", "2024-11-30"));
        assert_eq!(bounds("2023-24"), pair("2023-12-01", "2024-02-29"));
        assert_eq!(bounds("2024-24"), pair("2024-12-01", "2025-02-28"));
    }

    #[test]
    fn qualifiers_do_not_widen() {
        assert_eq!(bounds("2016~"), bounds("2016"));
        assert_eq!(bounds("2004-06-11%"), bounds("2004-06-11"));
        assert!(date("2016~").approximate() && !date("2016~").uncertain());
        assert!(date("2021?").uncertain() && !date("2021?").approximate());
        assert!(date("2020%").uncertain() && date("2020%").approximate());
    }

    #[test]
    fn precision_of_every_form() {
        let cases = [
            ("19XX", Precision::Century),
            ("201X", Precision::Decade),
            ("2024", Precision::Year),
            ("2024-XX", Precision::Year),
            ("2024-XX-XX", Precision::Year),
            ("Y170000002", Precision::Year),
            ("2024-22", Precision::Season),
            ("2024-03", Precision::Month),
            ("2024-03-XX", Precision::Month),
            ("2024-03-22", Precision::Day),
            ("2024-03-22T19:58:00Z", Precision::Time),
        ];
        for (text, precision) in cases {
            assert_eq!(date(text).precision(), precision, "{text}");
        }
    }

    #[test]
    fn accessors() {
        let d = date("2024-03-XX?");
        assert_eq!((d.year(), d.month(), d.day()), (2024, Some(3), None));
        assert!(d.day_unspecified() && !d.month_unspecified());
        let s = date("2024-23");
        assert_eq!((s.month(), s.season()), (None, Some(23)));
        let x = date("20XX");
        assert_eq!((x.year(), x.unspecified_year_digits()), (2000, 2));
        assert_eq!(x.first_year(), 2000);
        assert_eq!(
            (date("-01XX").year(), date("-01XX").first_year()),
            (-100, -199)
        );
        assert_eq!(date("-0043").first_year(), -43);
        let minus_zero_x = date("-000X");
        assert_eq!((minus_zero_x.year(), minus_zero_x.first_year()), (-1, -9));
        assert_eq!(minus_zero_x.precision(), Precision::Decade);
        assert_eq!(date("-00XX").precision(), Precision::Century);
        let m = date("2024-XX");
        assert!(m.month_unspecified() && m.month().is_none());
        let t = date("2024-03-22T19:58:07+03:00").time();
        let expected = Time {
            hour: 19,
            minute: 58,
            second: 7,
            offset_minutes: Some(180),
        };
        assert_eq!(t, Some(expected));
    }
}
