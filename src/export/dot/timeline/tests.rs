use proptest::prelude::*;

use super::*;
use crate::edtf::parse;
use crate::export::fixture;

const GRAINS: [Grain; 6] = [
    Grain::Century,
    Grain::Decade,
    Grain::Year,
    Grain::Season,
    Grain::Month,
    Grain::Day,
];

fn at(text: &str, grain: Grain) -> Period {
    period(&parse(text).unwrap(), grain)
}

/// The label of each grain's period, coarsest first.
fn labels(text: &str) -> [String; 6] {
    GRAINS.map(|grain| at(text, grain).label())
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
    assert_eq!(at("2024-03-XX", Grain::Day).label(), "Mar 2024");
    assert_eq!(at("2024-XX-XX", Grain::Day).label(), "2024");
    assert_eq!(
        at("2024-03-22T19:58:00Z", Grain::Day).label(),
        "22 Mar 2024"
    );
    assert_eq!(at("19XX", Grain::Century).label(), "1900s");
    assert_eq!(at("190X", Grain::Decade).label(), "1900–1909");
    assert_eq!(at("1905", Grain::Decade).label(), "1900–1909");
    assert_eq!(at("1905", Grain::Century).label(), "1900s");
    assert_eq!(at("Y170000002", Grain::Day).label(), "170000002");
}

#[test]
fn seasons_stand_in_a_period_that_holds_all_of_them() {
    let l = |text: &str| labels(text).to_vec();
    let spring = [
        "2000s",
        "2020s",
        "2024",
        "Spring 2024",
        "Spring 2024",
        "Spring 2024",
    ];
    assert_eq!(l("2024-21"), spring);
    assert_eq!(
        l("2024-22~")[2..],
        ["2024", "Summer 2024", "Summer 2024", "Summer 2024"]
    );
    assert_eq!(
        l("2024-23?")[2..],
        ["2024", "Autumn 2024", "Autumn 2024", "Autumn 2024"]
    );
    // Winter runs from December into the next year: no year holds it.
    let winter = [
        "2000s",
        "2020s",
        "Winter 2024",
        "Winter 2024",
        "Winter 2024",
        "Winter 2024",
    ];
    assert_eq!(l("2024-24"), winter);
    assert_eq!(l("2029-24")[..2], ["2000s", "Winter 2029"]);
    assert_eq!(l("2099-24")[0], "Winter 2099");
    assert_eq!(l("-0043-24")[..3], ["100–2 BC", "50–41 BC", "Winter 44 BC"]);
    assert_eq!(
        l("-0040-24")[..3],
        ["100–2 BC", "Winter 41 BC", "Winter 41 BC"]
    );
    assert_eq!(l("0000-24")[..3], ["1 BC – 99", "1 BC – 9", "Winter 1 BC"]);
    assert_eq!(l("-0001-24")[..2], ["Winter 2 BC", "Winter 2 BC"]);
}

#[test]
fn bc_years_group_as_their_unspecified_digits_do() {
    let l = |text: &str| labels(text).to_vec();
    assert_eq!(l("-010X")[..2], ["200–101 BC", "110–101 BC"]);
    assert_eq!(l("-010X")[5], "110–101 BC");
    assert_eq!(l("-0105")[..3], ["200–101 BC", "110–101 BC", "106 BC"]);
    assert_eq!(l("-01XX")[..], ["200–101 BC"; 6]);
    assert_eq!(l("-0043")[..3], ["100–2 BC", "50–41 BC", "44 BC"]);
    assert_eq!(
        l("-0043-03")[1..],
        [
            "50–41 BC",
            "44 BC",
            "Spring 44 BC",
            "Mar 44 BC",
            "Mar 44 BC"
        ]
    );
    assert_eq!(l("-0043-03-15")[5], "15 Mar 44 BC");
    assert_eq!(l("-0040")[1], "50–41 BC");
    assert_eq!(l("-001X")[1], "20–11 BC");
    assert_eq!(l("-0010")[1], "20–11 BC");
    // With no year -0, `-000X` is 10–2 BC and `-00XX` 100–2 BC.
    assert_eq!(l("-0009")[..3], ["100–2 BC", "10–2 BC", "10 BC"]);
    assert_eq!(l("-000X")[..2], ["100–2 BC", "10–2 BC"]);
    assert_eq!(l("-00XX")[0], "100–2 BC");
    assert_eq!(l("-0001")[..3], ["100–2 BC", "10–2 BC", "2 BC"]);
    assert_eq!(l("0000")[..3], ["1 BC – 99", "1 BC – 9", "1 BC"]);
    assert_eq!(l("000X")[..2], ["1 BC – 99", "1 BC – 9"]);
    assert_eq!(l("0009")[1], "1 BC – 9");
    assert_eq!(l("0010")[1], "10s");
    assert_eq!(l("0100")[1], "100–109");
    let far = ["170000100–170000001 BC", "170000010–170000001 BC"];
    assert_eq!(l("Y-170000002")[..2], far);
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

/// Each column's heading and the ids of its events, for one event a date.
fn columns(dates: &[&str]) -> Vec<(String, Vec<String>)> {
    let loaded = fixture::dated(dates);
    let facts = &loaded.facts;
    let id = |e: &EventIx| facts.event(*e).map(|ev| facts.str(ev.id).to_owned());
    group(facts, &loaded.sel.events)
        .iter()
        .map(|(period, events)| (period.label(), events.iter().filter_map(id).collect()))
        .collect()
}

/// The columns as `(heading, ids)` pairs of text, for comparing.
fn want(columns: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
    let owned = |ids: &[&str]| ids.iter().map(|&id| id.to_owned()).collect();
    columns
        .iter()
        .map(|(l, ids)| ((*l).to_owned(), owned(ids)))
        .collect()
}

#[test]
fn winter_comes_after_the_spring_and_summer_before_it() {
    let got = columns(&["2024-03-22", "2024-24", "2024-06-15", "-010X"]);
    let expected = want(&[
        ("110–101 BC", &["e3"]),
        ("22 Mar 2024", &["e0"]),
        ("15 Jun 2024", &["e2"]),
        ("Winter 2024", &["e1"]),
    ]);
    assert_eq!(got, expected);
}

#[test]
fn columns_of_one_event_each_run_in_the_events_time_order() {
    let dates = [
        "2024-21",
        "2023-24",
        "2024",
        "-01XX",
        "2024-03-22",
        "0000",
        "-0043-03",
        "2024-03",
        "-0043",
        "2024-01-15",
        "-010X",
        "2024-22",
        "2023-12",
        "2024-02-29",
        "-0001-24",
    ];
    let loaded = fixture::dated(&dates);
    let facts = &loaded.facts;
    let id = |e: &EventIx| facts.event(*e).map(|ev| facts.str(ev.id).to_owned());
    let in_time: Vec<String> = loaded.sel.events.iter().filter_map(id).collect();
    let got = columns(&dates);
    assert!(got.iter().all(|(_, ids)| ids.len() == 1), "{got:?}");
    let ids: Vec<String> = got.iter().flat_map(|(_, ids)| ids.clone()).collect();
    assert_eq!(ids, in_time);
    let headings: Vec<&str> = got.iter().map(|(l, _)| l.as_str()).collect();
    let expected = [
        "200–101 BC",
        "110–101 BC",
        "44 BC",
        "Mar 44 BC",
        "Winter 2 BC",
        "1 BC",
        "Dec 2023",
        "Winter 2023",
        "2024",
        "15 Jan 2024",
        "29 Feb 2024",
        "Mar 2024",
        "Spring 2024",
        "22 Mar 2024",
        "Summer 2024",
    ];
    assert_eq!(headings, expected);
}

#[test]
fn coarse_columns_hold_mixed_precisions() {
    // Forty years of days call for decades.
    let mut dates: Vec<String> = (1990..2030).map(|y| format!("{y}-06-01")).collect();
    dates.extend(["2029-24", "2024-24", "199X", "19XX"].map(str::to_owned));
    let dates: Vec<&str> = dates.iter().map(String::as_str).collect();
    let got = columns(&dates);
    let headings: Vec<&str> = got.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        headings,
        [
            "1900s",
            "1990s",
            "2000–2009",
            "2010s",
            "2020s",
            "Winter 2029"
        ]
    );
    assert_eq!(got[0].1, ["e43"]);
    assert_eq!(got[1].1.len(), 11);
    assert!(got[4].1.contains(&"e41".to_owned()));
    assert_eq!(got[5].1, ["e40"]);
}

/// Dates of every form, BC and AD, around the turns of years and eras.
const DATES: [&str; 30] = [
    "2024-03-22",
    "2024-03",
    "2024-21",
    "2024-22",
    "2024-23",
    "2024-24",
    "2029-24",
    "2099-24",
    "2024",
    "201X",
    "19XX",
    "1900",
    "0000",
    "0000-24",
    "000X",
    "00XX",
    "-0001",
    "-0001-24",
    "-0009",
    "-0010",
    "-001X",
    "-0043",
    "-0043-03",
    "-0043-03-15",
    "-0040-24",
    "-010X",
    "-01XX",
    "-0100-12-31",
    "Y-170000002",
    "2024-03-XX",
];

/// Whether the period holds every day of the date.
fn holds(period: Period, date: &Date) -> bool {
    let (first, last) = date.bounds();
    matches!(period, Period::At { first: a, last: b, .. } if a <= first && last <= b)
}

#[test]
fn every_period_holds_its_date_and_reads_as_it_does() {
    for text in DATES {
        let value = parse(text).unwrap();
        let date = anchor(&value).unwrap();
        for grain in GRAINS {
            let p = period(&value, grain);
            assert!(holds(p, date), "{text} at {grain:?}: {p:?}");
            if grain >= own_grain(date) {
                assert_eq!(p.label(), value.human(), "{text} at {grain:?}");
            }
        }
    }
}

#[test]
fn periods_of_one_grain_differ_in_their_headings() {
    for grain in GRAINS {
        let periods: Vec<Period> = DATES.iter().map(|t| at(t, grain)).collect();
        for a in &periods {
            for b in &periods {
                assert_eq!(a == b, a.label() == b.label(), "{a:?} {b:?}");
            }
        }
    }
}

/// An EDTF date of any precision from 9999 BC to AD 9999.
fn any_date() -> impl Strategy<Value = Edtf> {
    let year = -9998i64..=9999;
    let part = prop_oneof![Just(0u8), 1u8..=12, 21u8..=24, Just(99)];
    (year, part, 1u8..=28, 0u8..=3).prop_filter_map("a valid date", |(y, m, d, form)| {
        let sign = if y < 0 { "-" } else { "" };
        let digits = format!("{:04}", y.unsigned_abs());
        let text = match (form, m) {
            (0, 0) => format!("{sign}{}X", &digits[..3]),
            (1, 0) => format!("{sign}{}XX", &digits[..2]),
            (_, 0) => format!("{sign}{digits}"),
            (_, 99) => format!("{sign}{digits}-XX"),
            (0 | 1, _) => format!("{sign}{digits}-{m:02}"),
            _ => format!("{sign}{digits}-{m:02}-{d:02}"),
        };
        parse(&text).ok()
    })
}

proptest! {
    #[test]
    fn any_period_holds_its_date(value in any_date()) {
        let date = anchor(&value).unwrap();
        for grain in GRAINS {
            let p = period(&value, grain);
            prop_assert!(holds(p, date), "{} at {:?}: {:?}", value, grain, p);
            let own = own_grain(date);
            if grain >= own {
                prop_assert_eq!(p.label(), value.human());
            } else if let Period::At { grain: g, .. } = p {
                prop_assert!(g == grain || g == own);
            }
        }
    }
}
