use super::super::parse;

fn human(text: &str) -> String {
    parse(text).map_or_else(|e| format!("error: {e}"), |v| v.human())
}

#[test]
fn human_dates() {
    let cases = [
        ("2024-03-22", "22 Mar 2024"),
        ("2024-03", "Mar 2024"),
        ("2024", "2024"),
        ("2016~", "c. 2016"),
        ("2021?", "2021?"),
        ("2020%", "c. 2020?"),
        ("199X", "1990s"),
        ("19XX", "1900s"),
        ("190X", "1900–1909"),
        ("201X", "2010s"),
        ("2024-XX", "2024"),
        ("2024-XX-XX", "2024"),
        ("2024-03-XX", "Mar 2024"),
        ("2024-21", "Spring 2024"),
        ("2024-24~", "c. Winter 2024"),
        ("2024-03-22T19:58:00+03:00", "22 Mar 2024 19:58 +03:00"),
        ("2024-03-22T19:58:07Z", "22 Mar 2024 19:58:07 UTC"),
        ("2024-03-22T19:58:00", "22 Mar 2024 19:58"),
        ("-0043-03-15", "15 Mar 44 BC"),
        ("0000", "1 BC"),
        ("-001X", "20–11 BC"),
        ("-000X", "10–2 BC"),
        ("-00XX", "100–2 BC"),
        ("000X", "1 BC – 9"),
        ("Y170000002", "170000002"),
        ("Y-170000002", "170000003 BC"),
    ];
    for (text, expected) in cases {
        assert_eq!(human(text), expected, "{text}");
    }
}

#[test]
fn human_intervals() {
    let cases = [
        ("2024-03-07/2024-03-22", "7–22 Mar 2024"),
        ("2024-03-07/2024-04-22", "7 Mar 2024 – 22 Apr 2024"),
        ("2024-03-07~/2024-03-22", "c. 7 Mar 2024 – 22 Mar 2024"),
        ("2024-03-22/..", "from 22 Mar 2024"),
        ("../2024", "until 2024"),
        ("2024-03-22/", "22 Mar 2024 – ?"),
        ("/2024?", "? – 2024?"),
        ("1984~/2004-06", "c. 1984 – Jun 2004"),
        ("Y-170000002/..", "from 170000003 BC"),
        ("2024-03-22/2024-03-22", "22 Mar 2024"),
        ("2024-03/2024-03", "Mar 2024"),
        ("2024/2024", "2024"),
        ("201X/201X", "2010s"),
        ("2024-21/2024-21", "Spring 2024"),
        ("2024-03/2024-03-XX", "Mar 2024"),
        ("2024-03-22?/2024-03-22?", "22 Mar 2024?"),
        ("2024-03-22~/2024-03-22", "c. 22 Mar 2024 – 22 Mar 2024"),
        ("2024-03/2024-03-31", "Mar 2024 – 31 Mar 2024"),
        ("2024/2024-01", "2024 – Jan 2024"),
    ];
    for (text, expected) in cases {
        assert_eq!(human(text), expected, "{text}");
    }
}

#[test]
fn spans_of_years_and_names() {
    let years = |first, last, digits| {
        super::Years {
            first,
            last,
            digits,
        }
        .to_string()
    };
    assert_eq!(years(2024, 2024, 0), "2024");
    assert_eq!(years(-43, -43, 0), "44 BC");
    assert_eq!(years(-9, -1, 1), "10–2 BC");
    assert_eq!(years(-99, -1, 2), "100–2 BC");
    assert_eq!(years(0, 99, 2), "1 BC – 99");
    assert_eq!(years(1900, 1909, 1), "1900–1909");
    assert_eq!(years(1900, 1999, 2), "1900s");
    assert_eq!(years(i64::MIN, i64::MIN, 0), "9223372036854775809 BC");
    assert_eq!(super::month_name(12), Some("Dec"));
    assert_eq!((super::month_name(0), super::month_name(13)), (None, None));
    assert_eq!(super::season_name(24), Some("Winter"));
    assert_eq!(
        (super::season_name(12), super::season_name(25)),
        (None, None)
    );
}

#[test]
fn interval_without_dates_reads_any_time() {
    let value = super::Edtf::interval(super::End::Open, super::End::Unknown);
    assert_eq!(value.human(), "any time");
}

#[test]
fn canonical_text() {
    let same = [
        "2024",
        "2024-03",
        "2024-03-22",
        "201X?",
        "20XX~",
        "2024-XX%",
        "2024-03-XX",
        "2024-XX-XX",
        "2024-21",
        "-0043-03-15",
        "Y170000002",
        "Y-170000002",
        "2024-03-22T19:58:00",
        "2024-03-22T19:58:00Z",
        "2024-03-22T19:58:00-09:30",
        "1984~/2004-06",
        "../2024",
        "2024/..",
        "/2024",
        "2024/",
        "-001X",
        "-000X",
        "-00XX",
    ];
    for text in same {
        assert_eq!(parse(text).map(|v| v.to_string()).as_deref(), Ok(text));
    }
    let normalised = [
        ("2024-03-22T19:58:00+00:00", "2024-03-22T19:58:00Z"),
        ("2024-03-22T19:58:00-00:00", "2024-03-22T19:58:00Z"),
        ("2024-03-22T19:58:00+04", "2024-03-22T19:58:00+04:00"),
    ];
    for (text, canonical) in normalised {
        assert_eq!(parse(text).map(|v| v.to_string()).as_deref(), Ok(canonical));
    }
}
