//! Periods of the timeline layout: which column each event stands in.
//!
//! The period length is the finest of day, month, year, decade and century
//! that leaves at most [`MAX_PERIODS`] columns. An event dated less finely
//! than that stands in a period of its own precision ("2021" among months),
//! placed by its earliest day, then its latest, as in the event index. An
//! interval stands at its dated start, or at its end when the start is open
//! or unknown. Nothing here writes DOT.

use std::collections::BTreeMap;

use crate::edtf::{Date, Edtf, Precision};
use crate::model::{EventIx, Facts};

/// Most columns the timeline aims for.
pub const MAX_PERIODS: usize = 30;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Period lengths, coarsest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grain {
    Century,
    Decade,
    Year,
    Month,
    Day,
}

/// One column of the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Period {
    /// Events with no dated end at all.
    Undated,
    /// First and last (year, month, day) of the period, and its grain.
    At {
        first: (i64, u8, u8),
        last: (i64, u8, u8),
        grain: Grain,
    },
}

impl Period {
    /// The column heading: "22 Mar 2024", "Mar 2024", "2024", "1990s",
    /// "1900–1909" (a decade), "1900s" (a century).
    pub fn label(&self) -> String {
        let Period::At { first, last, grain } = *self else {
            return "undated".to_owned();
        };
        let (year, month, day) = first;
        let month_name = MONTHS
            .get(usize::from(month).saturating_sub(1))
            .copied()
            .unwrap_or("");
        match grain {
            Grain::Day => format!("{day} {month_name} {}", year_text(year)),
            Grain::Month => format!("{month_name} {}", year_text(year)),
            Grain::Year => year_text(year),
            // The first decade of a century is not "1900s", which names
            // the century.
            Grain::Decade if year >= 1 && year % 100 == 0 => format!("{year}–{}", last.0),
            Grain::Decade | Grain::Century if year >= 1 => format!("{year}s"),
            Grain::Decade | Grain::Century => {
                format!("{} – {}", year_text(year), year_text(last.0))
            }
        }
    }
}

/// "2024", or "44 BC" for the astronomical year -43.
fn year_text(year: i64) -> String {
    if year >= 1 {
        year.to_string()
    } else {
        format!("{} BC", 1i128 - i128::from(year))
    }
}

fn date_grain(date: &Date) -> Grain {
    match date.precision() {
        Precision::Century => Grain::Century,
        Precision::Decade => Grain::Decade,
        Precision::Year | Precision::Season => Grain::Year,
        Precision::Month => Grain::Month,
        Precision::Day | Precision::Time => Grain::Day,
    }
}

/// The date an event is placed by.
fn anchor(date: &Edtf) -> Option<&Date> {
    date.start().or_else(|| date.end())
}

/// The period of a date at `grain`, or coarser when the date is.
pub fn period(date: &Edtf, grain: Grain) -> Period {
    let Some(d) = anchor(date) else {
        return Period::Undated;
    };
    let grain = grain.min(date_grain(d));
    let year = d.first_year();
    let span = |years: i64| {
        let start = year.div_euclid(years).saturating_mul(years);
        ((start, 1, 1), (start.saturating_add(years - 1), 12, 31))
    };
    let (first, last) = match (grain, d.month(), d.day()) {
        (Grain::Century, ..) => span(100),
        (Grain::Decade, ..) => span(10),
        (Grain::Day, Some(m), Some(day)) => ((year, m, day), (year, m, day)),
        (Grain::Month | Grain::Day, Some(m), _) => ((year, m, 1), (year, m, 31)),
        _ => span(1),
    };
    Period::At { first, last, grain }
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
mod tests {
    use super::*;

    fn at(text: &str, grain: Grain) -> Period {
        period(&crate::edtf::parse(text).unwrap(), grain)
    }

    #[test]
    fn periods_truncate_to_the_grain_or_the_date() {
        assert_eq!(at("2024-03-22", Grain::Day).label(), "22 Mar 2024");
        assert_eq!(at("2024-03-22", Grain::Month).label(), "Mar 2024");
        assert_eq!(at("2024-03-22", Grain::Year).label(), "2024");
        assert_eq!(at("2024-03-22", Grain::Decade).label(), "2020s");
        assert_eq!(at("2024-03-22", Grain::Century).label(), "2000s");
        assert_eq!(at("2021", Grain::Day).label(), "2021");
        assert_eq!(at("2016~", Grain::Month).label(), "2016");
        assert_eq!(at("199X", Grain::Day).label(), "1990s");
        assert_eq!(at("2024-21", Grain::Day).label(), "2024");
        assert_eq!(at("2024-03-XX", Grain::Day).label(), "Mar 2024");
        assert_eq!(at("-0043-03-15", Grain::Year).label(), "44 BC");
        assert_eq!(at("-0043-03-15", Grain::Decade).label(), "51 BC – 42 BC");
        // Unspecified digits stand at the earliest year they allow, BC too.
        assert_eq!(at("19XX", Grain::Century).label(), "1900s");
        assert_eq!(at("190X", Grain::Decade).label(), "1900–1909");
        assert_eq!(at("1905", Grain::Decade).label(), "1900–1909");
        assert_eq!(at("-019X", Grain::Decade).label(), "201 BC – 192 BC");
        assert_eq!(at("-01XX", Grain::Century).label(), "201 BC – 102 BC");
    }

    #[test]
    fn intervals_stand_at_their_dated_start_or_end() {
        assert_eq!(at("2024-03-07/2024-04", Grain::Day).label(), "7 Mar 2024");
        assert_eq!(at("/2024-04-02", Grain::Day).label(), "2 Apr 2024");
        assert_eq!(at("../2024-04", Grain::Day).label(), "Apr 2024");
        assert_eq!(at("2024/..", Grain::Day).label(), "2024");
    }

    #[test]
    fn periods_sort_in_time_order() {
        let mut list = [
            at("2024-03-22", Grain::Day),
            at("2024", Grain::Day),
            at("2016~", Grain::Day),
            at("2024-01", Grain::Day),
            at("-0043", Grain::Day),
            at("2024-03-07", Grain::Day),
        ];
        list.sort();
        let labels: Vec<String> = list.iter().map(Period::label).collect();
        assert_eq!(
            labels,
            [
                "44 BC",
                "2016",
                "Jan 2024",
                "2024",
                "7 Mar 2024",
                "22 Mar 2024"
            ]
        );
        assert!(Period::Undated < at("-0043", Grain::Day));
    }
}
