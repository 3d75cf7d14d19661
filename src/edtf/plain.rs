//! The plain forms most dates take, `YYYY`, `YYYY-MM` and `YYYY-MM-DD` in
//! digits, read without the general parser.
//!
//! Four dates in five of an extracted fact set are one of these, and the
//! general parser's checks for every other form (words of the 2012 draft,
//! level 2 punctuation, digit mistakes, seasons, times) cost more than such
//! a date needs. Anything else, including every value that is not valid,
//! gives `None` and goes to the general parser, which alone reports errors.
//! So this never decides what is valid: where it gives a date, the parser
//! gives the same one (a property test holds it to that).

use super::date::{Date, Part, Qualifier};
use super::day::days_in_month;

/// The date `text` writes when it is a plain year, month or day; `None`
/// for any other text, valid or not.
pub(super) fn plain(text: &str) -> Option<Date> {
    let (year, rest) = match text.as_bytes() {
        [a, b, c, d, rest @ ..] => {
            let year = u16::from(two(*a, *b)?) * 100 + u16::from(two(*c, *d)?);
            (i64::from(year), rest)
        }
        _ => return None,
    };
    let (month, day) = match rest {
        [] => (None, None),
        [b'-', m1, m2] => (Some(month(*m1, *m2)?), None),
        [b'-', m1, m2, b'-', d1, d2] => {
            let month = month(*m1, *m2)?;
            let day = two(*d1, *d2)?;
            let last = days_in_month(year, month)?;
            (1..=last).contains(&day).then_some(())?;
            (Some(month), Some(day))
        }
        _ => return None,
    };
    Some(Date {
        year,
        year_x: 0,
        month: month.map(Part::Value),
        day: day.map(Part::Value),
        time: None,
        qualifier: Qualifier::None,
    })
}

/// A month 01-12 (seasons are left to the general parser).
fn month(tens: u8, ones: u8) -> Option<u8> {
    two(tens, ones).filter(|m| (1..=12).contains(m))
}

/// Two decimal digits as a number.
fn two(tens: u8, ones: u8) -> Option<u8> {
    let digit = |b: u8| b.is_ascii_digit().then(|| b - b'0');
    Some(digit(tens)? * 10 + digit(ones)?)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::plain;
    use crate::edtf::Edtf;
    use crate::edtf::parse::general;

    /// Texts near the plain forms: digits, dashes and the characters that
    /// turn a plain date into another form.
    fn near_plain() -> impl Strategy<Value = String> {
        prop_oneof![
            "[0-9-]{0,12}",
            "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[?~%/X.T0-9-]{0,3}",
            "[-+Y]?[0-9X]{3,5}(-[0-9X]{2}){0,2}",
        ]
    }

    proptest! {
        #[test]
        fn a_plain_date_is_what_the_parser_reads(text in near_plain()) {
            if let Some(date) = plain(&text) {
                prop_assert_eq!(general(&text), Ok(Edtf::Date(date)));
            }
        }

        #[test]
        fn every_valid_plain_date_is_read(y in 0u16..=9999, m in 0u8..=13, d in 0u8..=32, form in 0u8..3) {
            let text = match form {
                0 => format!("{y:04}"),
                1 => format!("{y:04}-{m:02}"),
                _ => format!("{y:04}-{m:02}-{d:02}"),
            };
            prop_assert_eq!(plain(&text).map(Edtf::Date), general(&text).ok());
        }
    }

    #[test]
    fn leap_days_and_month_ends() {
        assert!(plain("2024-02-29").is_some());
        assert!(plain("2023-02-29").is_none());
        assert!(plain("1900-02-29").is_none());
        assert!(plain("2000-02-29").is_some());
        assert!(plain("2024-04-31").is_none());
        assert!(plain("0000").is_some());
        for other in [
            "2024-21",
            "2024-03-22T10:00:00Z",
            "2024?",
            "-2024",
            "2024-1-05",
            "",
        ] {
            assert_eq!(plain(other), None, "{other}");
        }
    }
}
