//! Unit tests of the parser: every accepted form and every error with its position.
//! They must not depend on the oracle crate.

use super::super::date::Time;
use super::super::{Edtf, End, parse};

fn ok(text: &str) -> Edtf {
    match parse(text) {
        Ok(value) => value,
        Err(error) => panic!("{text}: {error:?}"),
    }
}

/// (offset, len, message) of the error for `text`.
fn err(text: &str) -> (usize, usize, String) {
    match parse(text) {
        Ok(value) => panic!("{text} parsed as {value:?}"),
        Err(error) => (error.offset, error.len, error.message),
    }
}

fn at(text: &str) -> (usize, usize) {
    let (offset, len, _) = err(text);
    (offset, len)
}

#[test]
fn accepts_level0_and_level1_forms() {
    let forms = [
        "2024-03-22",
        "2024-03",
        "2024",
        "0000",
        "9999",
        "2024-02-29",
        "2000-02-29",
        "2024-03-22T19:58:00",
        "2024-03-22T19:58:00Z",
        "2024-03-22T19:58:00+03:00",
        "2024-03-22T19:58:00-14:00",
        "2024-12-31T23:59:60Z",
        "1984?",
        "2004-06~",
        "2004-06-11%",
        "201X",
        "20XX",
        "2004-XX",
        "2004-07-XX",
        "2004-XX-XX",
        "2024-02-XX",
        "2001-21",
        "2001-22",
        "2001-23",
        "2001-24",
        "2001-24?",
        "Y170000002",
        "Y-170000002",
        "Y10000",
        "-0043-03-15",
        "-1985",
        "-001X",
        "-000X",
        "-00XX",
        "-000X?",
        "-00XX/2024",
        "1964/2008",
        "2004-02-01/2005-02",
        "1985-04-12/..",
        "../1985-04-12",
        "1985-04-12/",
        "/1985-04-12",
        "1984~/2004-06",
        "2004-06/2006-08?",
        "2024-24/2025-01",
        "Y-170000002/2024",
        "2024-03-22/2024-03-22",
        "201X/2015",
    ];
    for text in forms {
        assert_eq!(ok(text).to_string(), text);
    }
}

#[test]
fn parts_of_values() {
    let value = ok("/2024-03-22?");
    let Some((End::Unknown, End::Date(end))) = value.ends() else {
        panic!("not an unknown-start interval");
    };
    assert_eq!(
        (end.year(), end.month(), end.day()),
        (2024, Some(3), Some(22))
    );
    assert!(end.uncertain());
    assert!(matches!(
        ok("2024/..").ends(),
        Some((End::Date(_), End::Open))
    ));
    let time = ok("2024-03-22T19:58:00-09:30")
        .start()
        .and_then(|d| d.time());
    let expected = Time {
        hour: 19,
        minute: 58,
        second: 0,
        offset_minutes: Some(-570),
    };
    assert_eq!(time, Some(expected));
    assert_eq!(ok("-0043-03-15").start().map(|d| d.year()), Some(-43));
    assert_eq!(
        ok("Y-170000002").start().map(|d| d.year()),
        Some(-170_000_002)
    );
}

#[test]
fn empty_and_whitespace() {
    assert_eq!(err(""), (0, 0, "empty date".to_owned()));
    assert_eq!(at(" 2024"), (0, 1));
    assert_eq!(at("2024 "), (4, 1));
    assert_eq!(at("2024 /2025"), (4, 1));
    let help = parse(" 2024").err().and_then(|e| e.help);
    assert_eq!(help.as_deref(), Some("remove surrounding spaces"));
    assert_eq!(at("2024-03-22\t"), (10, 1));
    assert_eq!(at("2024\u{a0}"), (4, 2));
}

#[test]
fn month_and_day_errors() {
    assert_eq!(
        err("2024-13"),
        (5, 2, "month 13 is out of range (01-12)".to_owned())
    );
    assert_eq!(at("2024-00"), (5, 2));
    assert_eq!(
        err("2024-02-30"),
        (8, 2, "day 30 does not exist in February 2024".to_owned())
    );
    assert_eq!(
        err("1900-02-29"),
        (8, 2, "day 29 does not exist in February 1900".to_owned())
    );
    assert_eq!(
        err("-0001-02-29"),
        (9, 2, "day 29 does not exist in February -0001".to_owned())
    );
    assert_eq!(at("2024-04-31"), (8, 2));
    assert_eq!(at("2024-01-00"), (8, 2));
    assert_eq!(at("2024-01-32"), (8, 2));
    assert_eq!(at("2024-3"), (5, 1));
    assert_eq!(at("2024-003"), (5, 3));
    assert_eq!(at("2024-"), (4, 1));
    assert_eq!(at("2024-03-"), (7, 1));
    assert_eq!(at("2024-21-05"), (8, 2));
    assert_eq!(at("2024-03-22-01"), (10, 1));
    assert_eq!(at("2024-03-22x"), (10, 1));
}

#[test]
fn year_errors() {
    assert_eq!(
        err("-0000"),
        (0, 5, "a negative year cannot be zero".to_owned())
    );
    assert_eq!(at("24"), (0, 2));
    assert_eq!(at("12345"), (0, 5));
    assert_eq!(at("+2024"), (0, 1));
    assert_eq!(at("Y2024"), (1, 4));
    let help = parse("Y2024").err().and_then(|e| e.help);
    assert_eq!(
        help.as_deref(),
        Some("write years of up to four digits without `Y`, like `2024`")
    );
    assert_eq!(at("Y-2024"), (2, 4));
    assert_eq!(at("Y012345"), (1, 1));
    assert_eq!(at("Y"), (0, 1));
    assert_eq!(at("Y12345?"), (6, 1));
    assert_eq!(at("Y12345-01"), (6, 1));
    assert_eq!(at("Y-999999999999999999999"), (2, 21));
    assert_eq!(at("Y12345678901234567"), (1, 17));
    assert_eq!(at("abc"), (0, 1));
}

#[test]
fn time_errors() {
    assert_eq!(
        err("2024-03-22T24:00:00"),
        (11, 2, "hour 24 is out of range (00-23)".to_owned())
    );
    assert_eq!(at("2024-03-22T23:60:00"), (14, 2));
    assert_eq!(at("2024-03-22T23:59:61"), (17, 2));
    assert_eq!(at("2024-03-22T22:59:60"), (17, 2));
    assert_eq!(at("2024-03-22T19:58"), (15, 1));
    assert_eq!(at("2024-03-22T19:58:00+14:30"), (19, 6));
    assert_eq!(at("2024-03-22T19:58:00+03:60"), (23, 2));
    assert_eq!(at("2024-03-22T19:58:00~"), (19, 1));
    assert_eq!(at("2024-03-22T19:58:00.5"), (19, 1));
    assert_eq!(at("2024-03-22T19:58:00z"), (19, 1));
    assert_eq!(at("2024-03-22~T19:58:00"), (10, 1));
    assert_eq!(at("2024-03T19:58:00"), (7, 1));
    assert_eq!(at("2024-03-XXT19:58:00"), (10, 1));
    assert_eq!(at("2024-03-22T19:58:00/2025"), (10, 1));
    assert_eq!(at("2024/2024-03-22T19:58:00"), (15, 1));
    assert_eq!(
        err("2024-03-22T19:58:00+0300"),
        (
            20,
            4,
            "an offset's hours and minutes are parted by `:`".to_owned()
        )
    );
    assert!(
        crate::edtf::parse("2024-03-22T19:58:00+03").is_ok(),
        "hours alone"
    );
}

#[test]
fn level2_forms_are_rejected() {
    let cases = [
        ("2004-06~-11", 7),
        ("2004?-06", 4),
        ("?2004", 0),
        ("[1667,1668]", 0),
        ("{1667,1668}", 0),
        ("1XXX", 1),
        ("-0XXX", 2),
        ("-00X0", 3),
        ("X024", 0),
        ("2X24", 1),
        ("201X-05", 5),
        ("20XX-XX", 5),
        ("2004-XX-11", 8),
        ("2004-1X", 6),
        ("2004-25", 5),
        ("Y17E7", 3),
        ("1950S2", 4),
        ("../..2024", 5),
        ("2004-(06)", 5),
    ];
    for (text, offset) in cases {
        let error = parse(text).err();
        let message = error.as_ref().map(|e| e.message.as_str()).unwrap_or("");
        assert!(message.contains("level 2"), "{text}: {message}");
        assert_eq!(error.map(|e| e.offset), Some(offset), "{text}");
    }
}

#[test]
fn draft_forms_have_help() {
    let cases = [
        ("199u", 3, "`X`"),
        ("2004/unknown", 5, "empty"),
        ("2004/open", 5, "`..`"),
    ];
    for (text, offset, hint) in cases {
        let error = parse(text).err();
        assert_eq!(error.as_ref().map(|e| e.offset), Some(offset), "{text}");
        let help = error.and_then(|e| e.help).unwrap_or_default();
        assert!(help.contains(hint), "{text}: {help}");
    }
    assert_eq!(at("201x"), (3, 1));
}

#[test]
fn interval_errors() {
    assert_eq!(
        err("2024/2023"),
        (5, 4, "the interval ends before it starts".to_owned())
    );
    assert_eq!(at("2024-03-22/2024-03-21"), (11, 10));
    assert_eq!(at("../.."), (0, 5));
    assert_eq!(at("/"), (0, 1));
    assert_eq!(at("../"), (0, 3));
    assert_eq!(at("/.."), (0, 3));
    assert_eq!(at("2024/2025/2026"), (9, 1));
    assert_eq!(at(".."), (0, 2));
    assert_eq!(at("2024/."), (5, 1));
    assert_eq!(at("2024/2025-13"), (10, 2));
    assert_eq!(at("2024-13/2025"), (5, 2));
}

#[test]
fn a_long_year_is_told_how_to_write_it_with_its_sign() {
    let help = |text: &str| parse(text).err().and_then(|e| e.help);
    let expected = "write years after 9999 with a `Y` prefix, like `Y12345`";
    assert_eq!(help("12345").as_deref(), Some(expected));
    let expected = "write years before -9999 with a `Y` prefix, like `Y-271821`";
    assert_eq!(help("-271821-04-19").as_deref(), Some(expected));
}

/// (offset, len, message, help) of the error for `text`.
fn err_help(text: &str) -> (usize, usize, String, String) {
    let (offset, len, message) = err(text);
    let help = parse(text).err().and_then(|e| e.help).unwrap_or_default();
    (offset, len, message, help)
}

#[test]
fn dates_in_other_formats_are_told_the_edtf_form() {
    let dashes = |date: &str| format!("write the date with dashes, year first: `{date}`");
    let cases = [
        (
            "24-03-22",
            (0, 2, "a year has exactly four digits"),
            "EDTF writes the full year first: `YYYY-MM-DD`".to_owned(),
        ),
        (
            "20240322",
            (0, 8, "a year has exactly four digits"),
            dashes("2024-03-22"),
        ),
        (
            "03/2024",
            (0, 2, "a year has exactly four digits"),
            dashes("2024-03"),
        ),
        (
            "2024-03-22 19:58:00",
            (10, 1, "unexpected whitespace"),
            "write `T` between the date and the time: `2024-03-22T19:58:00`".to_owned(),
        ),
        (
            "2024/03/22",
            (7, 1, "an interval has only two ends"),
            dashes("2024-03-22"),
        ),
        (
            "22/03/2024",
            (5, 1, "an interval has only two ends"),
            dashes("2024-03-22"),
        ),
        (
            "03/04/2024",
            (5, 1, "an interval has only two ends"),
            "write the date with dashes, year first: `2024-04-03` if the day comes first, \
             `2024-03-04` if the month does"
                .to_owned(),
        ),
        (
            "1984-1986",
            (5, 4, "a month has two digits"),
            "write an interval with `/`: `1984/1986`".to_owned(),
        ),
        (
            "10:30:00",
            (0, 2, "a year has exactly four digits"),
            "EDTF writes a time after its date and `T`: `YYYY-MM-DDThh:mm:ss`".to_owned(),
        ),
    ];
    for (text, (offset, len, message), help) in cases {
        let expected = (offset, len, message.to_owned(), help);
        assert_eq!(err_help(text), expected, "{text}");
    }
}

#[test]
fn a_short_year_that_may_be_a_day_is_padded_only_when_nothing_follows() {
    let help = |text: &str| err_help(text).3;
    assert_eq!(help("24"), "pad the year with zeros: `0024`");
    assert_eq!(help("24?"), "pad the year with zeros: `0024?`");
    let form = "EDTF writes the full year first: `YYYY-MM-DD`";
    assert_eq!(help("2024/24-03"), form);
    assert_eq!(help("24-03-22"), form);
}

#[test]
fn a_short_year_that_can_only_be_a_year_is_padded_in_the_whole_text() {
    let help = |text: &str| err_help(text).3;
    assert_eq!(
        help("-24-03"),
        "pad the year with zeros: `-0024-03` (EDTF counts a year 0, so `-0024` is 25 BC; 24 BC is `-0023`)"
    );
    assert_eq!(
        help("-44-03-15"),
        "pad the year with zeros: `-0044-03-15` (EDTF counts a year 0, so `-0044` is 45 BC; 44 BC is `-0043`)"
    );
    assert_eq!(help("800/900"), "pad the years with zeros: `0800/0900`");
    assert_eq!(
        help("800-03/0900"),
        "pad the year with zeros: `0800-03/0900`"
    );
    assert_eq!(err_help("800/900").0, 0);
}

#[test]
fn a_short_negative_year_is_padded_with_its_sign() {
    let help = |text: &str| super::strict(text).err().and_then(|e| e.help);
    let padded = |year: &str| Some(format!("pad the year with zeros: `{year}`"));
    let bc = |year: &str, note: &str| Some(format!("pad the year with zeros: `{year}` ({note})"));
    let zero = "EDTF counts a year 0, so";
    assert_eq!(
        help("-44"),
        bc(
            "-0044",
            &format!("{zero} `-0044` is 45 BC; 44 BC is `-0043`")
        )
    );
    assert_eq!(
        help("-800~"),
        bc(
            "-0800~",
            &format!("{zero} `-0800` is 801 BC; 800 BC is `-0799`")
        )
    );
    assert_eq!(
        help("-1"),
        bc("-0001", &format!("{zero} `-0001` is 2 BC; 1 BC is `0000`"))
    );
    assert_eq!(help("800"), padded("0800"));
    assert_eq!(help("-0"), padded("0000"));
    let without_y = |year: &str| {
        Some(format!(
            "write years of up to four digits without `Y`, like `{year}`"
        ))
    };
    assert_eq!(help("Y-44"), without_y("-0044"));
    assert_eq!(help("Y44"), without_y("0044"));
    assert_eq!(help("Y-0"), without_y("0000"));
}

#[test]
fn edtf_texts_keep_their_own_help() {
    let help = |text: &str| err_help(text).3;
    assert_eq!(help("2024-3-22"), "pad the month with a zero: `03`");
    assert_eq!(help("2024-13"), "months are 01-12; seasons are 21-24");
    assert_eq!(help(" 2024-03-22"), "remove surrounding spaces");
    assert_eq!(help("2024-03 22"), "EDTF has no spaces; remove it");
    assert_eq!(
        help("20241322"),
        "write years after 9999 with a `Y` prefix, like `Y20241322`"
    );
}

#[test]
fn a_short_year_in_an_interval_is_padded_only_in_the_whole_text() {
    let help = |text: &str| err_help(text).3;
    let strict = |text: &str| super::strict(text).err().and_then(|e| e.help);
    let form = "EDTF writes the full year first: `YYYY-MM-DD`";
    // A two-digit year in either end, or padded ends that do not parse: the form.
    for text in [
        "24/-44", "24/..", "24?/2025", "-44/44", "2024/900", "2020/-44", "800/700", "2024/-5",
    ] {
        assert_eq!(help(text), form, "{text}");
        assert_eq!(strict(text).as_deref(), Some(form), "{text}");
    }
    assert_eq!(help("800/900"), "pad the years with zeros: `0800/0900`");
}

#[test]
fn a_short_year_alone_is_padded_with_its_qualifier() {
    let help = |text: &str| super::strict(text).err().and_then(|e| e.help);
    let padded = |year: &str| Some(format!("pad the year with zeros: `{year}`"));
    assert_eq!(help("24?"), padded("0024?"));
    assert_eq!(help("800~"), padded("0800~"));
    assert_eq!(help("-0%"), padded("0000%"));
    let form = Some("EDTF writes the full year first: `YYYY-MM-DD`".to_owned());
    assert_eq!(help("24??"), form);
}

#[test]
fn the_year_zero_note_is_about_the_padded_year() {
    let help = |text: &str| err_help(text).3;
    assert_eq!(
        help("-2000/-44-03"),
        "pad the year with zeros: `-2000/-0044-03` (EDTF counts a year 0, so `-0044` is 45 BC; 44 BC is `-0043`)"
    );
    assert_eq!(
        help("-0044/-5"),
        "pad the year with zeros: `-0044/-0005` (EDTF counts a year 0, so `-0005` is 6 BC; 5 BC is `-0004`)"
    );
    assert_eq!(help("-0/0044"), "pad the year with zeros: `0000/0044`");
}

#[test]
fn a_month_or_day_of_0_is_out_of_range_not_padded() {
    let month = "months are 01-12; seasons are 21-24".to_owned();
    assert_eq!(
        err_help("4200-0"),
        (
            5,
            1,
            "month 0 is out of range (01-12)".to_owned(),
            month.clone()
        )
    );
    assert_eq!(
        err_help("4200-00"),
        (5, 2, "month 00 is out of range (01-12)".to_owned(), month)
    );
    let day = |text: &str| {
        let (offset, len, message, help) = err_help(text);
        (offset, len, message, help.is_empty())
    };
    assert_eq!(
        day("8411-03-0"),
        (8, 1, "day 0 is out of range (01-31)".to_owned(), true)
    );
    assert_eq!(
        day("2024-02-0"),
        (8, 1, "day 0 is out of range (01-29)".to_owned(), true)
    );
    assert_eq!(
        day("2023-04-00"),
        (8, 2, "day 00 is out of range (01-30)".to_owned(), true)
    );
    assert_eq!(
        err_help("2024-03-5").3,
        "pad the day with a zero: `05`".to_owned()
    );
    assert_eq!(at("2024-XX-0"), (8, 1));
    assert_eq!(at("2024-21-0"), (8, 1));
    assert_eq!(at("201X-0"), (5, 1));
}

proptest::proptest! {
    #[test]
    fn every_padded_year_in_any_help_parses(
        text in "-?[0-9X]{1,4}(-[0-9]{0,2}){0,2}[?~%]?(/(-?[0-9]{1,4}(-[0-9]{0,2}){0,2}[?~]?|\\.\\.)?)?",
    ) {
        let help = parse(&text).err().and_then(|e| e.help).unwrap_or_default();
        let suggested = help.split('`').nth(1).unwrap_or("");
        if help.starts_with("pad the year") {
            // The whole text, parsed, with only zeros added (and `-0` unsigned).
            proptest::prop_assert!(parse(suggested).is_ok(), "{} gave {}", text, help);
            let rest = |t: &str| t.replace(['0', '-'], "");
            proptest::prop_assert_eq!(rest(suggested), rest(&text), "{}", help);
        } else if help.starts_with("pad the") {
            proptest::prop_assert_ne!(suggested, "00", "{}", text);
        }
    }
}
