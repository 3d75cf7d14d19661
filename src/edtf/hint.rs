//! Help for a date written in another common format: day or month first, slashes or
//! dots between the parts, ISO 8601's basic format without dashes, two years joined by
//! a dash, a space before the time, a time alone, years of fewer than four digits, or a
//! short first part.
//!
//! It reads the whole input only after the parser has rejected it, so it never decides
//! what is valid, and every date it suggests is one the parser accepts. Where the text
//! can be read two ways it names both, and where it cannot be read it gives the form
//! alone. [`Hint`] values are rendered to help text here and nowhere else. Nothing here
//! may panic, whatever the input.
//!
//! Short years are padded by one rule, here and in the parser's own help: the help
//! shows the user's whole text with its short years padded with zeros, and only when
//! that whole text parses. A year of three digits or after a `-` can only be a year
//! and is padded wherever it stands (`800/900`, `-44-03-15`). One of one or two digits
//! without a sign may be a two-digit year or a day (`24-03-22`, `24/..`), and is padded
//! only where it is the whole date with its qualifier (`24`, `24?`, which the parser
//! pads). Where any year may be a two-digit year, or the padded text does not parse
//! (`-44/44`, `2024/900`, an interval that would end before it starts), nothing is
//! padded and the help gives the form alone. The reminder that EDTF counts a year 0 is
//! about the first padded year before year 1, never about a year the user wrote in
//! full.

use std::fmt;

use super::error::EdtfError;
use super::parse::strict;

/// How a rejected text may be written in EDTF.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Hint {
    /// `20240322`, `2024.03.22`, `22/03/2024`, `03/2024`: the one reading.
    YearFirst(String),
    /// `03/04/2024`: the readings with the day first and with the month first.
    DayOrMonthFirst {
        day_first: String,
        month_first: String,
    },
    /// `1984-1986`: the interval between the two years.
    Interval(String),
    /// `800/900`, `-44-03-15`: the text with its `years` short years padded with zeros;
    /// `bc` is the first of them before year 1 (`44` for `-0044`), for the year-0
    /// reminder.
    Padded {
        text: String,
        years: usize,
        bc: Option<u32>,
    },
    /// `2024-03-22 19:58:00`: the date and the time parted by `T`.
    DateTime(String),
    /// `10:30:00`: a time without a date.
    TimeAlone,
    /// `24-03-22`: a first part too short for a year (a two-digit year or a day).
    Form,
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Hint::YearFirst(date) => write!(f, "write the date with dashes, year first: `{date}`"),
            Hint::DayOrMonthFirst {
                day_first,
                month_first,
            } => write!(
                f,
                "write the date with dashes, year first: `{day_first}` if the day comes \
                 first, `{month_first}` if the month does"
            ),
            Hint::Interval(interval) => write!(f, "write an interval with `/`: `{interval}`"),
            Hint::Padded { text, years, bc } => {
                let what = if *years == 1 { "year" } else { "years" };
                write!(f, "pad the {what} with zeros: `{text}`")?;
                match bc {
                    Some(year) => year_zero(f, *year),
                    None => Ok(()),
                }
            }
            Hint::DateTime(text) => {
                write!(f, "write `T` between the date and the time: `{text}`")
            }
            Hint::TimeAlone => {
                f.write_str("EDTF writes a time after its date and `T`: `YYYY-MM-DDThh:mm:ss`")
            }
            Hint::Form => f.write_str("EDTF writes the full year first: `YYYY-MM-DD`"),
        }
    }
}

/// The year before year 1 of one padded date, `end`: `44` in `-0044-03-15`; `None`
/// for a year after it or `0000`.
fn bc_year(end: &str) -> Option<u32> {
    let year: u32 = end.strip_prefix('-')?.get(..4)?.parse().ok()?;
    (year > 0).then_some(year)
}

/// The reminder that EDTF counts a year 0, for the year `-year`: written by
/// someone counting BC, `-0044` is a year too early.
fn year_zero(f: &mut fmt::Formatter<'_>, year: u32) -> fmt::Result {
    let bc = year + 1;
    match year.checked_sub(1) {
        Some(before) => write!(
            f,
            " (EDTF counts a year 0, so `-{year:04}` is {bc} BC; {year} BC is `{}`)",
            padded_year(&before.to_string(), true)
        ),
        None => Ok(()),
    }
}

/// `error`, with the help of a [`Hint`] for `input` when there is one.
pub(super) fn refine(input: &str, error: EdtfError) -> EdtfError {
    match hint(input) {
        Some(hint) => error.help(hint.to_string()),
        None => error,
    }
}

/// How `input`, which the parser rejected, may be written in EDTF.
pub(super) fn hint(input: &str) -> Option<Hint> {
    date_time(input)
        .or_else(|| time_alone(input))
        .or_else(|| basic_format(input))
        .or_else(|| years_joined(input))
        .or_else(|| short_years(input))
        .or_else(|| separated(input))
}

/// Whether the parser accepts `text`.
fn valid(text: &str) -> bool {
    strict(text).is_ok()
}

/// Whether `text` is one or more ASCII digits.
fn digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// `2024-03-22 19:58:00` or `2024-03-22 19:58`: a date, white space, a time.
fn date_time(input: &str) -> Option<Hint> {
    let mut words = input.split_whitespace();
    let (date, time) = (words.next()?, words.next()?);
    if words.next().is_some() {
        return None;
    }
    let candidates = [format!("{date}T{time}"), format!("{date}T{time}:00")];
    candidates
        .into_iter()
        .find(|text| valid(text))
        .map(Hint::DateTime)
}

/// `10:30:00` or `10:30`.
fn time_alone(input: &str) -> Option<Hint> {
    let (hour, rest) = input.split_once(':')?;
    let rest: Vec<&str> = rest.split(':').collect();
    let shaped = digits(hour)
        && hour.len() <= 2
        && rest.len() <= 2
        && rest.iter().all(|part| digits(part) && part.len() == 2);
    shaped.then_some(Hint::TimeAlone)
}

/// `20240322`: ISO 8601's basic format, a date without dashes.
fn basic_format(input: &str) -> Option<Hint> {
    if input.len() != 8 || !digits(input) {
        return None;
    }
    let (year, rest) = input.split_at_checked(4)?;
    let (month, day) = rest.split_at_checked(2)?;
    calendar(year, month, Some(day)).map(Hint::YearFirst)
}

/// `1984-1986` or `1984–1986`: two years joined by a dash.
fn years_joined(input: &str) -> Option<Hint> {
    let (first, last) = input.split_once(['-', '–'])?;
    if first.len() != 4 || last.len() != 4 || !digits(first) || !digits(last) {
        return None;
    }
    let interval = format!("{first}/{last}");
    valid(&interval).then_some(Hint::Interval(interval))
}

/// `800/900`, `-44-03-15`, `800-03/0900`, `0800/900`: a date or interval whose short
/// years can only be years, each padded with zeros. `None` when one of them may be a
/// two-digit year or a day, like `24` in `24-03-22` or `24/2025`.
fn short_years(input: &str) -> Option<Hint> {
    let ends: Vec<&str> = input.split('/').collect();
    if ends.len() > 2 {
        return None;
    }
    let mut padded = Vec::with_capacity(ends.len());
    let (mut years, mut bc) = (0, None);
    for end in ends {
        let (text, short) = pad_end(end)?;
        if short {
            years += 1;
            bc = bc.or_else(|| bc_year(&text));
        }
        padded.push(text);
    }
    let text = padded.join("/");
    (years > 0 && valid(&text)).then_some(Hint::Padded { text, years, bc })
}

/// One date of [`short_years`], `end`, with its year padded, and whether the year was
/// short; `None` when the year may be a two-digit year or a day.
fn pad_end(end: &str) -> Option<(String, bool)> {
    let unsigned = end.strip_prefix('-');
    let body = unsigned.unwrap_or(end);
    let len = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (year, rest) = body.split_at_checked(len)?;
    match year.len() {
        // `80X` or `-80X`: not a year of digits to pad.
        1..=3 if rest.starts_with('X') => None,
        1 | 2 if unsigned.is_none() => None,
        1..=3 => Some((
            format!("{}{rest}", padded_year(year, unsigned.is_some())),
            true,
        )),
        _ => Some((end.to_owned(), false)),
    }
}

/// The digits of a year padded with zeros to four, after its sign when it is
/// `negative` and not zero (which has no sign).
pub(super) fn padded_year(digits: &str, negative: bool) -> String {
    let sign = match negative && digits.bytes().any(|b| b != b'0') {
        true => "-",
        false => "",
    };
    format!("{sign}{digits:0>4}")
}

/// Numbers parted by one kind of separator, `/`, `.` or `-`: `2024/03/22`,
/// `22.03.2024`, `03/2024`, `24-03-22`.
fn separated(input: &str) -> Option<Hint> {
    let separator = input.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(separator, '/' | '.' | '-') {
        return None;
    }
    let parts: Vec<&str> = input.split(separator).collect();
    if !parts.iter().all(|part| digits(part)) {
        return None;
    }
    numbers(&parts, separator)
}

/// [`separated`] for its numbers, `parts`, and their `separator`.
fn numbers(parts: &[&str], separator: char) -> Option<Hint> {
    // `2024-3-22` and `2024-3` are EDTF's own form, with their own help.
    let dashed = separator == '-';
    let short = |part: &&str| part.len() <= 2;
    match parts {
        [year, month, day] if year.len() == 4 && short(month) && short(day) && !dashed => {
            Some(calendar(year, month, Some(day)).map_or(Hint::Form, Hint::YearFirst))
        }
        [first, second, year] if short(first) && short(second) && year.len() == 4 => {
            Some(day_or_month_first(first, second, year))
        }
        [month, year] if short(month) && year.len() == 4 => {
            Some(calendar(year, month, None).map_or(Hint::Form, Hint::YearFirst))
        }
        // `2024/03` may be a month or the years 2024 to 2003: the form alone.
        [year, month] if year.len() == 4 && short(month) && separator == '/' => Some(Hint::Form),
        [year, month] if year.len() == 4 && short(month) && !dashed => {
            calendar(year, month, None).map(Hint::YearFirst)
        }
        [first, _, ..] if first.len() < 4 => Some(Hint::Form),
        _ => None,
    }
}

/// `22/03/2024`, `03/22/2024` or `03/04/2024`: every reading that is a day.
fn day_or_month_first(first: &str, second: &str, year: &str) -> Hint {
    let day_first = calendar(year, second, Some(first));
    let month_first = calendar(year, first, Some(second));
    match (day_first, month_first) {
        (Some(day_first), Some(month_first)) if day_first != month_first => Hint::DayOrMonthFirst {
            day_first,
            month_first,
        },
        (Some(date), _) | (None, Some(date)) => Hint::YearFirst(date),
        (None, None) => Hint::Form,
    }
}

/// The EDTF text of a four-digit year, a month 1-12 and an optional day, when they
/// make a date that exists.
fn calendar(year: &str, month: &str, day: Option<&str>) -> Option<String> {
    let short = |part: &str| (1..=2).contains(&part.len());
    if year.len() != 4 || !short(month) || !day.is_none_or(short) {
        return None;
    }
    let month: u8 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
    let text = match day {
        None => format!("{year}-{month:02}"),
        Some(day) => format!("{year}-{month:02}-{:02}", day.parse::<u8>().ok()?),
    };
    valid(&text).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year_first(date: &str) -> Option<Hint> {
        Some(Hint::YearFirst(date.to_owned()))
    }

    #[test]
    fn other_formats_are_read() {
        let cases = [
            ("20240322", year_first("2024-03-22")),
            ("2024/03/22", year_first("2024-03-22")),
            ("2024.3.22", year_first("2024-03-22")),
            ("22/03/2024", year_first("2024-03-22")),
            ("22-03-2024", year_first("2024-03-22")),
            ("03/22/2024", year_first("2024-03-22")),
            ("03/03/2024", year_first("2024-03-03")),
            ("03/2024", year_first("2024-03")),
            ("3.2024", year_first("2024-03")),
            ("2024.03", year_first("2024-03")),
            ("1984-1986", Some(Hint::Interval("1984/1986".to_owned()))),
            ("1984–1986", Some(Hint::Interval("1984/1986".to_owned()))),
            (
                "2024-03-22 19:58:00",
                Some(Hint::DateTime("2024-03-22T19:58:00".to_owned())),
            ),
            (
                "2024-03-22 19:58",
                Some(Hint::DateTime("2024-03-22T19:58:00".to_owned())),
            ),
            ("10:30:00", Some(Hint::TimeAlone)),
            ("9:30", Some(Hint::TimeAlone)),
        ];
        for (text, expected) in cases {
            assert_eq!(hint(text), expected, "{text}");
        }
    }

    #[test]
    fn two_readings_are_both_named() {
        let expected = Hint::DayOrMonthFirst {
            day_first: "2024-04-03".to_owned(),
            month_first: "2024-03-04".to_owned(),
        };
        assert_eq!(hint("03/04/2024"), Some(expected));
    }

    #[test]
    fn short_years_that_can_only_be_years_are_padded() {
        let cases = [
            ("800", "0800", 1, None),
            ("-44", "-0044", 1, Some(44)),
            ("800-03", "0800-03", 1, None),
            ("-44-03-15", "-0044-03-15", 1, Some(44)),
            ("800?", "0800?", 1, None),
            ("800/900", "0800/0900", 2, None),
            ("800-03/0900", "0800-03/0900", 1, None),
            ("0800/900", "0800/0900", 1, None),
            ("-800/-5", "-0800/-0005", 2, Some(800)),
            ("800~/900-03", "0800~/0900-03", 2, None),
            ("../800", "../0800", 1, None),
            ("-0-03", "0000-03", 1, None),
            ("-2000/-44-03", "-2000/-0044-03", 1, Some(44)),
            ("-0044/-5", "-0044/-0005", 1, Some(5)),
            ("-0/0044", "0000/0044", 1, None),
        ];
        for (text, padded, years, bc) in cases {
            let expected = Hint::Padded {
                text: padded.to_owned(),
                years,
                bc,
            };
            assert_eq!(hint(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn short_years_that_may_be_days_or_give_no_date_are_not_padded() {
        // A two-digit year or a day (`24`, `44`, `-24/24`'s second), an `X` digit, or
        // padded to a date that does not exist or an interval that ends first.
        for text in [
            "24",
            "44-03-15",
            "24-03-22",
            "-24/24",
            "-44/44",
            "-80X",
            "80X/900",
            "800/700",
            "2024/900",
            "-45-02-29",
            "800-3-15",
        ] {
            let padded = matches!(hint(text), Some(Hint::Padded { .. }));
            assert!(!padded, "{text}: {:?}", hint(text));
        }
    }

    #[test]
    fn unreadable_texts_get_the_form_alone() {
        for text in [
            "24-03-22",
            "03/04/22",
            "24/2025",
            "13/13/2024",
            "2024/13/45",
            "2024/03",
            "1/2",
            "21/2024",
            "2024/02/30",
        ] {
            assert_eq!(hint(text), Some(Hint::Form), "{text}");
        }
    }

    #[test]
    fn edtf_shaped_texts_get_no_hint() {
        for text in [
            "24",
            "12345",
            "20241322",
            "2024-13",
            "2024-3",
            "2024-3-22",
            "2024-02-30",
            "1986-1984",
            "-0000",
            "2024/2025/2026",
            "2024/unknown",
            "Y2024",
            "2024-03-22 ",
            "2024-03-22 19:58:00 Z",
            "10:30:00:00",
            "",
            "é/é",
        ] {
            assert_eq!(hint(text), None, "{text}");
        }
    }

    #[test]
    fn hints_render_one_message_each() {
        let cases = [
            (
                year_first("2024-03-22"),
                "write the date with dashes, year first: `2024-03-22`",
            ),
            (
                hint("03/04/2024"),
                "write the date with dashes, year first: `2024-04-03` if the day comes \
                 first, `2024-03-04` if the month does",
            ),
            (
                Some(Hint::Interval("1984/1986".to_owned())),
                "write an interval with `/`: `1984/1986`",
            ),
            (
                hint("-44-03-15"),
                "pad the year with zeros: `-0044-03-15` (EDTF counts a year 0, so `-0044` is 45 BC; 44 BC is `-0043`)",
            ),
            (hint("800/900"), "pad the years with zeros: `0800/0900`"),
            (
                hint("-2000/-44-03"),
                "pad the year with zeros: `-2000/-0044-03` (EDTF counts a year 0, so `-0044` is 45 BC; 44 BC is `-0043`)",
            ),
            (
                Some(Hint::DateTime("2024-03-22T19:58:00".to_owned())),
                "write `T` between the date and the time: `2024-03-22T19:58:00`",
            ),
            (
                Some(Hint::TimeAlone),
                "EDTF writes a time after its date and `T`: `YYYY-MM-DDThh:mm:ss`",
            ),
            (
                Some(Hint::Form),
                "EDTF writes the full year first: `YYYY-MM-DD`",
            ),
        ];
        for (hint, text) in cases {
            assert_eq!(hint.map(|h| h.to_string()).as_deref(), Some(text));
        }
    }

    proptest::proptest! {
        #[test]
        fn every_date_suggested_for_short_years_is_valid(
            text in "-?[0-9X]{1,4}(-[0-9]{1,2}){0,2}[?~]?(/-?[0-9]{1,4}(-[0-9]{1,2}){0,2})?",
        ) {
            if let Some(Hint::Padded { text: date, .. }) = hint(&text) {
                proptest::prop_assert!(valid(&date), "{} gave {}", text, date);
            }
        }
    }

    #[test]
    fn every_suggested_date_is_valid() {
        for text in [
            "20240322",
            "22/03/2024",
            "03/04/2024",
            "1984-1986",
            "2024-03-22 19:58",
            "800/900",
            "-44-03-15",
            "800-03/0900",
            "-44",
        ] {
            let suggested = match hint(text) {
                Some(
                    Hint::YearFirst(date)
                    | Hint::Interval(date)
                    | Hint::DateTime(date)
                    | Hint::Padded { text: date, .. },
                ) => vec![date],
                Some(Hint::DayOrMonthFirst {
                    day_first,
                    month_first,
                }) => vec![day_first, month_first],
                other => panic!("{text}: {other:?}"),
            };
            for date in suggested {
                assert!(valid(&date), "{text}: {date}");
            }
        }
    }
}
