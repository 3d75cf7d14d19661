//! Calendar days as a plain count of days since 1970-01-01 (proleptic Gregorian,
//! astronomical years, so year 0 is 1 BC).
//!
//! The arithmetic is our own and runs in `i128`, so every `i64` day count maps to a
//! calendar date and back without overflow, far beyond chrono's range. This file must
//! not know about EDTF syntax and must never panic, whatever the input.

use std::fmt;

/// A calendar day: the number of days since 1970-01-01 in the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(i64);

impl Day {
    /// The earliest representable day, also used as "unbounded in the past".
    pub const MIN: Day = Day(i64::MIN);
    /// The latest representable day, also used as "unbounded in the future".
    pub const MAX: Day = Day(i64::MAX);

    /// The day `year-month-day`, or `None` when the date does not exist or does not fit.
    pub fn from_ymd(year: i64, month: u8, day: u8) -> Option<Day> {
        if day == 0 || day > days_in_month(year, month)? {
            return None;
        }
        i64::try_from(days_from_civil(i128::from(year), month, day))
            .ok()
            .map(Day)
    }

    /// The day `year-month-day` for a date already known to exist, saturating at
    /// [`Day::MIN`] and [`Day::MAX`] when it does not fit.
    pub(crate) fn saturating_ymd(year: i64, month: u8, day: u8) -> Day {
        let days = days_from_civil(i128::from(year), month, day);
        Day(i64::try_from(days).unwrap_or(if days < 0 { i64::MIN } else { i64::MAX }))
    }

    /// The astronomical year, month (1-12) and day of month (1-31).
    pub fn ymd(self) -> (i64, u8, u8) {
        civil_from_days(i128::from(self.0))
    }

    /// The number of days since 1970-01-01.
    pub fn days(self) -> i64 {
        self.0
    }

    /// The day `days` days after 1970-01-01 (before it when negative).
    pub fn from_days(days: i64) -> Day {
        Day(days)
    }

    /// The same day as a chrono date, or `None` outside chrono's range.
    pub fn to_naive_date(self) -> Option<chrono::NaiveDate> {
        let (year, month, day) = self.ymd();
        let year = i32::try_from(year).ok()?;
        chrono::NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))
    }

    /// ISO 8601 text: `2024-03-22`; years outside 0000..=9999 are written signed with at
    /// least six digits (`-000043-03-15`, `+012345-01-01`). `Display` writes the same.
    pub fn iso(self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.ymd();
        if let Ok(year) = u16::try_from(year)
            && year <= 9999
        {
            // Ten digits and dashes written at once: exports write a
            // million of these and more.
            let mut text = *b"0000-00-00";
            let (y, rest) = text.split_at_mut(4);
            let (m, d) = rest.split_at_mut(3);
            zero_padded(y, year.into());
            zero_padded(m.get_mut(1..).unwrap_or_default(), month.into());
            zero_padded(d.get_mut(1..).unwrap_or_default(), day.into());
            f.write_str(std::str::from_utf8(&text).unwrap_or_default())
        } else {
            let sign = if year < 0 { '-' } else { '+' };
            write!(f, "{sign}{:06}-{month:02}-{day:02}", year.unsigned_abs())
        }
    }
}

/// Writes `n` in decimal into the whole of `digits`, zero-padded on the
/// left; only its last `digits.len()` digits when it has more.
pub(crate) fn zero_padded(digits: &mut [u8], mut n: u64) {
    for digit in digits.iter_mut().rev() {
        *digit = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

/// Whether `year` is a leap year in the proleptic Gregorian calendar.
pub fn is_leap_year(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// The number of days in `month` (1-12) of `year`, or `None` for a month out of range.
pub fn days_in_month(year: i64, month: u8) -> Option<u8> {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if is_leap_year(year) => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// The calendar arithmetic, written once for a number type: days since
/// 1970-01-01 of a civil date (months counted from March internally), and
/// its inverse. 64-bit numbers serve every date within a trillion years and
/// are several times faster than 128-bit ones, whose division is a library
/// call; the 128-bit versions serve the rest.
macro_rules! civil {
    ($from_civil:ident, $to_civil:ident, $t:ty) => {
        fn $from_civil(year: $t, month: u8, day: u8) -> $t {
            let month = <$t>::from(month);
            let year = if month <= 2 { year - 1 } else { year };
            let era = year.div_euclid(400);
            let year_of_era = year - era * 400;
            let month_from_march = (month + 9) % 12;
            let day_of_year = (153 * month_from_march + 2) / 5 + <$t>::from(day) - 1;
            let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
            era * 146_097 + day_of_era - 719_468
        }

        fn $to_civil(days: $t) -> ($t, u8, u8) {
            let shifted = days + 719_468;
            let era = shifted.div_euclid(146_097);
            let day_of_era = shifted - era * 146_097;
            let year_of_era =
                (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146_096) / 365;
            let day_of_year =
                day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
            let month_from_march = (5 * day_of_year + 2) / 153;
            let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
            let month = if month_from_march < 10 {
                month_from_march + 3
            } else {
                month_from_march - 9
            };
            let year = year_of_era + era * 400 + <$t>::from(month <= 2);
            (
                year,
                u8::try_from(month).unwrap_or(1),
                u8::try_from(day).unwrap_or(1),
            )
        }
    };
}

civil!(days_from_civil_64, civil_from_days_64, i64);
civil!(days_from_civil_128, civil_from_days_128, i128);

/// Years (and days) this far from 0 are reckoned in 64 bits without overflow.
const NARROW: u64 = 1 << 40;

/// Days since 1970-01-01 of a civil date.
fn days_from_civil(year: i128, month: u8, day: u8) -> i128 {
    match i64::try_from(year) {
        Ok(y) if y.unsigned_abs() < NARROW => i128::from(days_from_civil_64(y, month, day)),
        _ => days_from_civil_128(year, month, day),
    }
}

/// The civil date of a day count; the inverse of [`days_from_civil`].
fn civil_from_days(days: i128) -> (i64, u8, u8) {
    let (year, month, day) = match i64::try_from(days) {
        Ok(d) if d.unsigned_abs() < NARROW => {
            let (year, month, day) = civil_from_days_64(d);
            (i128::from(year), month, day)
        }
        _ => civil_from_days_128(days),
    };
    let year = i64::try_from(year).unwrap_or(if year < 0 { i64::MIN } else { i64::MAX });
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // Years from about 770 BC to AD 12,900: both forms of the text.
        #[test]
        fn display_pads_each_part(days in -1_000_000i64..4_000_000) {
            let day = Day::from_days(days);
            let (y, m, d) = day.ymd();
            let want = match y {
                0..=9999 => format!("{y:04}-{m:02}-{d:02}"),
                _ => format!("{}{:06}-{m:02}-{d:02}", if y < 0 { '-' } else { '+' }, y.abs()),
            };
            prop_assert_eq!(day.to_string(), want);
        }

        #[test]
        fn zero_padding_keeps_the_last_digits(n in any::<u64>(), width in 0usize..24) {
            let mut digits = vec![b'x'; width];
            zero_padded(&mut digits, n);
            let full = format!("{n:0width$}");
            let want = full.get(full.len() - width..).unwrap_or_default();
            prop_assert_eq!(String::from_utf8(digits).unwrap(), want);
        }
    }

    #[test]
    fn epoch_is_day_zero() {
        assert_eq!(Day::from_ymd(1970, 1, 1), Some(Day(0)));
        assert_eq!(Day(0).ymd(), (1970, 1, 1));
        assert_eq!(Day::from_ymd(2024, 3, 22).map(Day::days), Some(19_804));
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(Day::from_ymd(2024, 2, 30), None);
        assert_eq!(Day::from_ymd(1900, 2, 29), None);
        assert_eq!(Day::from_ymd(2024, 13, 1), None);
        assert_eq!(Day::from_ymd(2024, 1, 0), None);
        assert!(Day::from_ymd(2000, 2, 29).is_some());
        assert!(Day::from_ymd(0, 2, 29).is_some());
        assert!(Day::from_ymd(-4, 2, 29).is_some());
        assert_eq!(Day::from_ymd(i64::MAX, 1, 1), None);
    }

    #[test]
    fn iso_text() {
        let day = |y, m, d| Day::from_ymd(y, m, d).map(Day::iso);
        assert_eq!(day(2024, 3, 22).as_deref(), Some("2024-03-22"));
        assert_eq!(day(-43, 3, 15).as_deref(), Some("-000043-03-15"));
        assert_eq!(day(12_345, 1, 1).as_deref(), Some("+012345-01-01"));
        assert_eq!(day(0, 1, 1).as_deref(), Some("0000-01-01"));
    }

    #[test]
    fn extremes_do_not_panic() {
        for day in [Day::MIN, Day::MAX, Day(0)] {
            let (year, month, d) = day.ymd();
            assert!((1..=12).contains(&month) && (1..=31).contains(&d));
            assert!(!day.iso().is_empty());
            let _ = year;
        }
        assert_eq!(Day::MIN.to_naive_date(), None);
        assert_eq!(Day::saturating_ymd(i64::MAX, 12, 31), Day::MAX);
        assert_eq!(Day::saturating_ymd(i64::MIN, 1, 1), Day::MIN);
    }

    #[test]
    fn matches_chrono() {
        let date = chrono::NaiveDate::from_ymd_opt(-43, 3, 15);
        assert_eq!(Day::from_ymd(-43, 3, 15).and_then(Day::to_naive_date), date);
    }

    proptest! {
        #[test]
        fn narrow_and_wide_reckoning_agree(
            days in -(NARROW as i64) + 1..NARROW as i64,
            year in -(NARROW as i64) + 1..NARROW as i64,
            month in 1u8..=12,
            day in 1u8..=31,
        ) {
            let wide = civil_from_days_128(i128::from(days));
            let narrow = civil_from_days_64(days);
            prop_assert_eq!((i128::from(narrow.0), narrow.1, narrow.2), wide);
            prop_assert_eq!(
                i128::from(days_from_civil_64(year, month, day)),
                days_from_civil_128(i128::from(year), month, day)
            );
        }

        #[test]
        fn round_trips_days(days in any::<i64>()) {
            let (year, month, day) = Day(days).ymd();
            if let Some(back) = Day::from_ymd(year, month, day) {
                prop_assert_eq!(back, Day(days));
            }
        }

        #[test]
        fn agrees_with_chrono(days in -100_000_000i64..100_000_000) {
            let chrono_date = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
                .and_then(|d| d.checked_add_signed(chrono::TimeDelta::days(days)));
            prop_assert_eq!(Day(days).to_naive_date(), chrono_date);
        }
    }
}
