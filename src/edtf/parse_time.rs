//! Parses the time of an EDTF date-time: `Thh:mm:ss` with an optional `Z`, `+hh:mm`,
//! `-hh:mm` or `+hh` offset.
//!
//! Choices: hours 00-23, minutes 00-59, seconds 00-59, and 60 only as a leap second at
//! 23:59:60 (local time as written); offsets within ±14:00 (the widest in use); `+00:00`
//! and `-00:00` mean the same as `Z`. A date-time needs a full date and is not allowed as
//! an interval end. It must never panic.

use super::cursor::Cursor;
use super::date::{Date, Part, Time};
use super::error::EdtfError;

/// The largest UTC offset accepted, in minutes (14:00).
const MAX_OFFSET_MINUTES: u16 = 14 * 60;

/// Parses the time starting at the `T` under the cursor.
pub(crate) fn time(cur: &mut Cursor, date: &Date, in_interval: bool) -> Result<Time, EdtfError> {
    if in_interval {
        return Err(cur
            .error("a date-time cannot be an interval end")
            .help("EDTF intervals are made of dates; leave out the time"));
    }
    let full_date = date.year_x == 0
        && matches!(date.month, Some(Part::Value(1..=12)))
        && matches!(date.day, Some(Part::Value(_)));
    if !full_date {
        return Err(cur.error("a date-time needs a full date (YYYY-MM-DD) before `T`"));
    }
    cur.bump();
    let hour = field(cur, "hour", 23)?;
    expect_colon(cur)?;
    let minute = field(cur, "minute", 59)?;
    expect_colon(cur)?;
    let second_at = cur.pos;
    let second = field(cur, "second", 60)?;
    if second == 60 && (hour, minute) != (23, 59) {
        return Err(EdtfError::new(
            second_at,
            2,
            "second 60 is only valid as a leap second at 23:59:60",
        ));
    }
    let offset_minutes = offset(cur)?;
    Ok(Time {
        hour,
        minute,
        second,
        offset_minutes,
    })
}

/// Exactly two digits with a value up to `max`.
fn field(cur: &mut Cursor, what: &str, max: u8) -> Result<u8, EdtfError> {
    let start = cur.pos;
    let digits = cur.rest().bytes().take_while(u8::is_ascii_digit).count();
    if digits != 2 {
        return Err(if digits == 0 {
            cur.unexpected(&format!("a two-digit {what}"))
        } else {
            EdtfError::new(start, digits, format!("a time's {what} has two digits"))
        });
    }
    let value: u8 = cur
        .rest()
        .get(..2)
        .and_then(|t| t.parse().ok())
        .unwrap_or(u8::MAX);
    cur.pos += 2;
    if value > max {
        return Err(EdtfError::new(
            start,
            2,
            format!("{what} {value:02} is out of range (00-{max:02})"),
        ));
    }
    Ok(value)
}

/// The `:` between time fields.
fn expect_colon(cur: &mut Cursor) -> Result<(), EdtfError> {
    if cur.eat(':') {
        Ok(())
    } else {
        Err(cur.unexpected("`:`").help("write times as hh:mm:ss"))
    }
}

/// The optional offset: `Z`, `+hh:mm`, `-hh:mm` or `+hh`.
fn offset(cur: &mut Cursor) -> Result<Option<i16>, EdtfError> {
    let sign_at = cur.pos;
    let negative = match cur.peek() {
        Some('Z') => {
            cur.bump();
            return Ok(Some(0));
        }
        Some('+') => false,
        Some('-') => true,
        Some('z') => return Err(cur.error("UTC is written with upper-case `Z`")),
        _ => return Ok(None),
    };
    cur.bump();
    // `+0300`: the basic form, which EDTF (ISO 8601's extended form) has not.
    let run = cur.rest().bytes().take_while(u8::is_ascii_digit).count();
    if run == 4 {
        let at = cur.pos;
        return Err(
            EdtfError::new(at, 4, "an offset's hours and minutes are parted by `:`")
                .help("write the offset as +hh:mm, like +03:00"),
        );
    }
    let hours = field(cur, "offset hour", 23)?;
    let minutes = if cur.eat(':') {
        field(cur, "offset minute", 59)?
    } else {
        0
    };
    let total = u16::from(hours) * 60 + u16::from(minutes);
    if total > MAX_OFFSET_MINUTES {
        let len = cur.pos - sign_at;
        return Err(EdtfError::new(
            sign_at,
            len,
            "a UTC offset must be within ±14:00",
        ));
    }
    let total = i16::try_from(total).unwrap_or(0);
    Ok(Some(if negative { -total } else { total }))
}
