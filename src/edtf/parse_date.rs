//! Parses one EDTF date (the text of a single date or of one dated interval end): the
//! year (four digits, `X` in the last one or two, or `Y` with more than four digits),
//! month or season, day, a time for date-times, and a trailing qualifier.
//!
//! It checks every value (month range, the day exists, no `-0000`) and reports level 2
//! and 2012-draft forms with positioned errors. Its help pads a short year only where
//! the year and its qualifier are the whole text (`24?` as `0024?`), by `hint.rs`'s
//! rule, and pads a month or day of one digit, but tells a `0` its range instead. It
//! must not look outside its part of the input and must never panic.

use super::cursor::Cursor;
use super::date::{Date, Part, Qualifier};
use super::day::days_in_month;
use super::error::EdtfError;
use super::hint::{Hint, padded_year};
use super::parse_time::time;

/// The most digits a `Y` year may have, so every day of it fits in an `i64` day count.
const MAX_Y_DIGITS: usize = 16;

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Parses `src[start..end]` as one date; `in_interval` forbids date-times.
pub(crate) fn date(
    src: &str,
    start: usize,
    end: usize,
    in_interval: bool,
) -> Result<Date, EdtfError> {
    let mut cur = Cursor::new(src, start, end);
    match cur.peek() {
        Some('Y') => return y_year(&mut cur),
        Some('?' | '~' | '%') => {
            return Err(EdtfError::level2(start, 1, "a qualifier before a date"));
        }
        _ => {}
    }
    let mut date = calendar_date(&mut cur, in_interval)?;
    if cur.peek() == Some('T') {
        date.time = Some(time(&mut cur, &date, in_interval)?);
        return finish_date_time(&cur, date);
    }
    date.qualifier = qualifier(&mut cur);
    finish(&cur, &date)?;
    Ok(date)
}

/// Year, then optional month and day; `in_interval` when the date is an interval end.
fn calendar_date(cur: &mut Cursor, in_interval: bool) -> Result<Date, EdtfError> {
    let (year, year_x) = year(cur, in_interval)?;
    let mut date = Date {
        year,
        year_x,
        month: None,
        day: None,
        time: None,
        qualifier: Qualifier::None,
    };
    if cur.eat('-') {
        date.month = Some(month(cur, &date)?);
        if cur.eat('-') {
            date.day = Some(day(cur, &date)?);
        }
    }
    Ok(date)
}

/// A `Y`-prefixed year: `Y` with an optional `-` and more than four digits.
fn y_year(cur: &mut Cursor) -> Result<Date, EdtfError> {
    cur.bump();
    let negative = cur.eat('-');
    let (start, digits) = cur.number();
    check_digit_mistakes(start, digits)?;
    if digits.is_empty() {
        return Err(cur.unexpected("digits after `Y`"));
    }
    if let Some(x) = digits.find('X') {
        return Err(EdtfError::level2(
            start + x,
            1,
            "an unspecified digit in a `Y` year",
        ));
    }
    if matches!(cur.peek(), Some('E' | 'S')) {
        return Err(EdtfError::level2(
            cur.pos,
            1,
            "an exponent or significant digits",
        ));
    }
    check_y_digits(start, digits, negative)?;
    let magnitude: i64 = digits
        .parse()
        .map_err(|_| EdtfError::new(start, digits.len(), "year is too large"))?;
    let year = if negative { -magnitude } else { magnitude };
    let date = Date {
        year,
        year_x: 0,
        month: None,
        day: None,
        time: None,
        qualifier: Qualifier::None,
    };
    finish_y_year(cur)?;
    Ok(date)
}

/// The digit count and leading digit of a `Y` year (`negative` after `Y-`).
fn check_y_digits(start: usize, digits: &str, negative: bool) -> Result<(), EdtfError> {
    let len = digits.len();
    if len <= 4 {
        let padded = padded_year(digits, negative);
        return Err(
            EdtfError::new(start, len, "a `Y` year needs more than four digits").help(format!(
                "write years of up to four digits without `Y`, like `{padded}`"
            )),
        );
    }
    if digits.starts_with('0') {
        return Err(EdtfError::new(start, 1, "a `Y` year cannot start with 0")
            .help("leave out the leading zeros"));
    }
    if len > MAX_Y_DIGITS {
        return Err(EdtfError::new(
            start,
            len,
            format!("year is too large (at most {MAX_Y_DIGITS} digits)"),
        ));
    }
    Ok(())
}

/// What may follow a `Y` year: nothing.
fn finish_y_year(cur: &Cursor) -> Result<(), EdtfError> {
    match cur.peek() {
        None => Ok(()),
        Some('E' | 'S') => Err(EdtfError::level2(
            cur.pos,
            1,
            "an exponent or significant digits",
        )),
        Some('?' | '~' | '%') => Err(cur.error("a `Y` year cannot be qualified")),
        Some('-') => Err(cur.error("a `Y` year cannot have a month")),
        Some(_) => Err(cur.unexpected("the end of the year")),
    }
}

/// A four-digit year with an optional `-`; `X` may replace the last one or two digits.
/// `in_interval` when the date is an interval end.
fn year(cur: &mut Cursor, in_interval: bool) -> Result<(i64, u8), EdtfError> {
    let sign_at = cur.pos;
    let negative = cur.eat('-');
    if cur.peek() == Some('+') {
        return Err(cur
            .error("a year takes no `+` sign")
            .help("write years after 9999 like `Y12345`"));
    }
    let (start, text) = cur.number();
    check_digit_mistakes(start, text)?;
    if text.is_empty() {
        return Err(cur.unexpected("a four-digit year"));
    }
    // A short year is padded in the help only where it is the whole text but its
    // qualifier: elsewhere it may be a two-digit year or a day, and `hint.rs` pads the
    // ones that can only be years, in the whole text.
    let alone = (!in_interval)
        .then(|| cur.rest())
        .filter(|rest| matches!(*rest, "" | "?" | "~" | "%"));
    check_year_length(start, text, negative, alone)?;
    let year_x = year_mask(start, text)?;
    let magnitude: i64 = text.replace('X', "0").parse().unwrap_or(0);
    match (negative, magnitude, year_x) {
        (true, 0, 0) => Err(EdtfError::new(sign_at, 5, "a negative year cannot be zero")
            .help("year 0000 (1 BC) has no sign")),
        // `-000X` and `-00XX`: there is no year -0, so the year nearest 0 is -1.
        (true, 0, _) => Ok((-1, year_x)),
        (true, _, _) => Ok((-magnitude, year_x)),
        (false, _, _) => Ok((magnitude, year_x)),
    }
}

/// Rejects a year that is not exactly four characters (after its sign,
/// `negative`); `alone` is what follows it when the year and that qualifier are the
/// whole text.
fn check_year_length(
    start: usize,
    text: &str,
    negative: bool,
    alone: Option<&str>,
) -> Result<(), EdtfError> {
    let len = text.len();
    if len == 4 {
        return Ok(());
    }
    let error = EdtfError::new(start, len, "a year has exactly four digits");
    let all_digits = text.bytes().all(|b| b.is_ascii_digit());
    Err(match (all_digits, len > 4) {
        (true, true) => {
            let trimmed = text.trim_start_matches('0');
            let (which, sign) = match negative {
                true => ("before -9999", "-"),
                false => ("after 9999", ""),
            };
            error.help(format!(
                "write years {which} with a `Y` prefix, like `Y{sign}{trimmed}`"
            ))
        }
        (true, false) => error.help(short_year_help(text, negative, alone)),
        (false, _) => error,
    })
}

/// The help for a short year of digits, `text`: the whole text with the year padded
/// when the year and its qualifier are all of it (`alone`, see [`check_year_length`]),
/// and the form alone otherwise, where it may be a two-digit year or a day.
fn short_year_help(text: &str, negative: bool, alone: Option<&str>) -> String {
    let Some(qualifier) = alone else {
        return Hint::Form.to_string();
    };
    let bc = match negative {
        true => text.parse::<u32>().ok().filter(|&year| year > 0),
        false => None,
    };
    let text = format!("{}{qualifier}", padded_year(text, negative));
    Hint::Padded { text, years: 1, bc }.to_string()
}

/// The number of trailing `X` digits (0-2) of a four-character year.
fn year_mask(start: usize, text: &str) -> Result<u8, EdtfError> {
    let trailing = text.bytes().rev().take_while(|&b| b == b'X').count();
    let first_x = text.find('X');
    match first_x {
        None => Ok(0),
        Some(at) if trailing <= 2 && at + trailing == text.len() => {
            Ok(if trailing == 1 { 1 } else { 2 })
        }
        Some(at) => Err(EdtfError::level2(
            start + at,
            1,
            "an unspecified digit other than the last one or two of a year",
        )),
    }
}

/// Reports the lower-case `x` and the 2012 draft's `u`.
fn check_digit_mistakes(start: usize, text: &str) -> Result<(), EdtfError> {
    for (at, c) in text.char_indices() {
        if c == 'u' {
            return Err(EdtfError::new(
                start + at,
                1,
                "`u` for an unspecified digit is from the 2012 draft of EDTF",
            )
            .help("write unspecified digits as `X`, like `201X`"));
        }
        if c == 'x' {
            return Err(EdtfError::new(
                start + at,
                1,
                "unspecified digits are written with upper-case `X`",
            )
            .help("write `X`, like `201X`"));
        }
    }
    Ok(())
}

/// A month or day as written: where it starts, how many characters it has (two, or
/// one for a `0`), and its value (`None` for `XX`).
type TwoChars = (usize, usize, Option<u8>);

/// A two-character month or day: digits or `XX`; a lone `0` is read too, for the
/// caller to report as out of range rather than to be padded.
fn two_chars(cur: &mut Cursor, what: &str) -> Result<TwoChars, EdtfError> {
    let (start, text) = cur.number();
    check_digit_mistakes(start, text)?;
    if text.is_empty() {
        return Err(cur.unexpected(&format!("a two-digit {what}")));
    }
    if text == "0" {
        return Ok((start, 1, Some(0)));
    }
    if text.len() != 2 {
        let error = EdtfError::new(start, text.len(), format!("a {what} has two digits"));
        return Err(if text.len() == 1 && text != "X" {
            error.help(format!("pad the {what} with a zero: `0{text}`"))
        } else {
            error
        });
    }
    if text == "XX" {
        return Ok((start, 2, None));
    }
    if let Some(at) = text.find('X') {
        return Err(EdtfError::level2(
            start + at,
            1,
            &format!("a partly unspecified {what}"),
        ));
    }
    Ok((start, 2, text.parse().ok()))
}

/// The month, season or `XX` after the year.
fn month(cur: &mut Cursor, date: &Date) -> Result<Part, EdtfError> {
    let (start, len, value) = two_chars(cur, "month")?;
    if date.year_x > 0 {
        return Err(EdtfError::level2(
            start,
            len,
            "a month after unspecified year digits",
        ));
    }
    match value {
        None => Ok(Part::Unspecified),
        Some(month @ (1..=12 | 21..=24)) => Ok(Part::Value(month)),
        Some(season @ 25..=41) => Err(EdtfError::level2(start, 2, &format!("season {season}"))
            .help("level 1 seasons are 21-24 (spring, summer, autumn, winter)")),
        Some(month) => Err(EdtfError::new(
            start,
            len,
            format!("month {month:0len$} is out of range (01-12)"),
        )
        .help("months are 01-12; seasons are 21-24")),
    }
}

/// The day or `XX` after the month.
fn day(cur: &mut Cursor, date: &Date) -> Result<Part, EdtfError> {
    let month = date.month_value();
    let (start, len, value) = two_chars(cur, "day")?;
    if month.is_some_and(|m| m > 12) {
        return Err(EdtfError::new(start, len, "a season cannot have a day"));
    }
    let Some(day) = value else {
        return Ok(Part::Unspecified);
    };
    let Some(month) = month else {
        return Err(EdtfError::level2(
            start,
            len,
            "a day in an unspecified month",
        ));
    };
    let last = days_in_month(date.year, month).unwrap_or(31);
    if !(1..=31).contains(&day) {
        return Err(EdtfError::new(
            start,
            len,
            format!("day {day:0len$} is out of range (01-{last})"),
        ));
    }
    if day > last {
        return Err(EdtfError::new(start, 2, missing_day(day, month, date.year)));
    }
    Ok(Part::Value(day))
}

/// "day 30 does not exist in February 2024".
fn missing_day(day: u8, month: u8, year: i64) -> String {
    let name = MONTH_NAMES
        .get(usize::from(month).saturating_sub(1))
        .unwrap_or(&"that month");
    // The year as written: four digits after any sign (`-0001`, not `-001`).
    let sign = if year < 0 { "-" } else { "" };
    let digits = year.unsigned_abs();
    format!("day {day} does not exist in {name} {sign}{digits:04}")
}

/// The optional `?`, `~` or `%`.
fn qualifier(cur: &mut Cursor) -> Qualifier {
    let qualifier = match cur.peek() {
        Some('?') => Qualifier::Uncertain,
        Some('~') => Qualifier::Approximate,
        Some('%') => Qualifier::Both,
        _ => return Qualifier::None,
    };
    cur.bump();
    qualifier
}

/// Checks that a date ends after its last part and qualifier.
fn finish(cur: &Cursor, date: &Date) -> Result<(), EdtfError> {
    let qualified = date.qualifier != Qualifier::None;
    match cur.peek() {
        None => Ok(()),
        Some('-') if qualified => Err(EdtfError::level2(
            cur.pos.saturating_sub(1),
            1,
            "a qualifier inside a date",
        )),
        Some('?' | '~' | '%') if qualified => Err(cur
            .error("a date takes one qualifier")
            .help("`%` means both `?` and `~`")),
        Some('T') if qualified => Err(EdtfError::new(
            cur.pos.saturating_sub(1),
            1,
            "a date-time cannot be qualified",
        )),
        Some('E' | 'S') => Err(EdtfError::level2(
            cur.pos,
            1,
            "an exponent or significant digits",
        )),
        Some(',') => Err(EdtfError::level2(cur.pos, 1, "a list of dates")),
        Some(_) if date.day.is_some() => Err(cur.unexpected("a qualifier or the end of the date")),
        Some(_) => Err(cur.unexpected("`-`, a qualifier or the end of the date")),
    }
}

/// Checks that a date-time ends after its time.
fn finish_date_time(cur: &Cursor, date: Date) -> Result<Date, EdtfError> {
    match cur.peek() {
        None => Ok(date),
        Some('?' | '~' | '%') => Err(cur.error("a date-time cannot be qualified")),
        Some(_) => Err(cur.unexpected("the end of the date-time")),
    }
}
