//! Periods of the timeline layout: which column each event stands in.
//!
//! The period length is the finest of day, month, year, decade and century
//! that leaves at most [`MAX_PERIODS`] columns. Decades and centuries group
//! years as EDTF's unspecified digits do: `201X` is 2010–2019 and `-010X`
//! 110–101 BC, so 44 BC stands in the decade 50–41 BC and 1 BC in 1 BC – 9;
//! there being no year -0, `-000X` is 10–2 BC and `-00XX` the century
//! 100–2 BC. A period is keyed by its first and last day and holds the whole
//! of the date an event is placed by. An event dated less finely than the
//! period length ("2021" among months), or across two of its periods
//! (Winter 2024, December to February, among years), stands in a period of
//! its own date. An interval stands at its dated start, or at its end when
//! the start is open or unknown. Periods run in time order as the events
//! do: by first day, then last. Nothing here writes DOT.

use std::collections::BTreeMap;

use crate::edtf::{Date, Day, Edtf, Precision, Year, Years, month_name, season_name};
use crate::model::{EventIx, Facts};

/// Most columns the timeline aims for.
pub const MAX_PERIODS: usize = 30;

/// Period lengths, coarsest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grain {
    Century,
    Decade,
    Year,
    /// A season date's own period, never chosen for a whole timeline:
    /// spring is March to May, winter December to February.
    Season,
    Month,
    Day,
}

/// One column of the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Period {
    /// Events with no dated end at all.
    Undated,
    /// The first and last day of the period, and its length.
    At { first: Day, last: Day, grain: Grain },
}

impl Period {
    /// The column heading, worded as an event's date is: "22 Mar 2024",
    /// "Mar 2024", "Winter 2024", "2024", "1990s", "1900–1909" (a decade),
    /// "1900s" (a century), "110–101 BC".
    pub fn label(&self) -> String {
        let Period::At { first, last, grain } = *self else {
            return "undated".to_owned();
        };
        let (year, month, day) = first.ymd();
        let month_name = month_name(month).unwrap_or("");
        let years = |digits| Years {
            first: year,
            last: last.ymd().0,
            digits,
        };
        match grain {
            Grain::Day => format!("{day} {month_name} {}", Year(year)),
            Grain::Month => format!("{month_name} {}", Year(year)),
            // A season starts in March, June, September or December.
            Grain::Season => format!(
                "{} {}",
                season_name(20 + month / 3).unwrap_or(""),
                Year(year)
            ),
            Grain::Year => Year(year).to_string(),
            Grain::Decade => years(1).to_string(),
            Grain::Century => years(2).to_string(),
        }
    }
}

/// The period length a date is written to.
fn own_grain(date: &Date) -> Grain {
    match date.precision() {
        Precision::Century => Grain::Century,
        Precision::Decade => Grain::Decade,
        Precision::Year => Grain::Year,
        Precision::Season => Grain::Season,
        Precision::Month => Grain::Month,
        Precision::Day | Precision::Time => Grain::Day,
    }
}

/// The date an event is placed by.
fn anchor(date: &Edtf) -> Option<&Date> {
    date.start().or_else(|| date.end())
}

/// The period of a date at `grain`: the one holding the whole date, or the
/// date's own when it is coarser or no period of `grain` holds it.
pub fn period(date: &Edtf, grain: Grain) -> Period {
    let Some(d) = anchor(date) else {
        return Period::Undated;
    };
    let (first, last) = d.bounds();
    let own = own_grain(d);
    if grain < own
        && let Some(span) = holding(first, grain)
        && last <= span.1
    {
        return Period::At {
            first: span.0,
            last: span.1,
            grain,
        };
    }
    Period::At {
        first,
        last,
        grain: own,
    }
}

/// The first and last day of the period of `grain` that `day` falls in;
/// `None` past the calendar's range.
fn holding(day: Day, grain: Grain) -> Option<(Day, Day)> {
    let (year, month, _) = day.ymd();
    match grain {
        Grain::Day => Some((day, day)),
        Grain::Month => months(year, month, 1),
        // Winter holds January and February of the year after its December.
        Grain::Season if month < 3 => months(year.checked_sub(1)?, 12, 3),
        Grain::Season => months(year, month - month % 3, 3),
        Grain::Year => years(year, year),
        Grain::Decade => years_with(year, 10),
        Grain::Century => years_with(year, 100),
    }
}

/// The first day of `month` of `year` and the last day `count` months on.
fn months(year: i64, month: u8, count: u8) -> Option<(Day, Day)> {
    let first = Day::from_ymd(year, month, 1)?;
    let after = i64::from(month) - 1 + i64::from(count);
    let next_month = u8::try_from(after.rem_euclid(12) + 1).ok()?;
    let next = Day::from_ymd(year.checked_add(after.div_euclid(12))?, next_month, 1)?;
    Some((first, Day::from_days(next.days().checked_sub(1)?)))
}

/// 1 January of `first` to 31 December of `last`.
fn years(first: i64, last: i64) -> Option<(Day, Day)> {
    Some((Day::from_ymd(first, 1, 1)?, Day::from_ymd(last, 12, 31)?))
}

/// The `size` years (10 or 100) that EDTF's unspecified digits group `year`
/// with: 2020–2029, 0–9 (`000X`), -19 to -10 (`-001X`), and -9 to -1
/// (`-000X`, there being no year -0).
fn years_with(year: i64, size: i64) -> Option<(Day, Day)> {
    if year >= 0 {
        let first = year - year % size;
        return years(first, first.checked_add(size - 1)?);
    }
    let back = year.checked_neg()?;
    match back - back % size {
        0 => years(1 - size, -1),
        top => years((-top).checked_sub(size - 1)?, -top),
    }
}

/// The finest grain that gives at most [`MAX_PERIODS`] periods (century if none does).
pub fn choose_grain(facts: &Facts, events: &[EventIx]) -> Grain {
    for grain in [Grain::Day, Grain::Month, Grain::Year, Grain::Decade] {
        let mut seen = std::collections::BTreeSet::new();
        let fits = events.iter().all(|&e| {
            if let Some(ev) = facts.event(e) {
                seen.insert(period(&ev.date, grain));
            }
            seen.len() <= MAX_PERIODS
        });
        if fits {
            return grain;
        }
    }
    Grain::Century
}

/// The events by period, periods in time order, events in the given order.
pub fn group(facts: &Facts, events: &[EventIx]) -> BTreeMap<Period, Vec<EventIx>> {
    let grain = choose_grain(facts, events);
    let mut periods: BTreeMap<Period, Vec<EventIx>> = BTreeMap::new();
    for &e in events {
        if let Some(ev) = facts.event(e) {
            periods.entry(period(&ev.date, grain)).or_default().push(e);
        }
    }
    periods
}

#[cfg(test)]
mod tests;
