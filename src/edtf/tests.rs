//! Property tests against the `edtf` crate (0.2) as an oracle, plus no-panic and
//! round-trip properties. The oracle is used here only, never in the parser.
//!
//! Deliberate divergences from the oracle, each checked by [`divergence`]:
//! 1. the oracle accepts an interval whose end is before its start (`2024/2023`); we
//!    reject it ("the interval ends before it starts");
//! 2. the oracle accepts UTC offsets up to ±23:59 (`2024-03-22T10:00:00+15:00`); we
//!    accept ±14:00 at most, the widest offset in use;
//! 3. the oracle accepts `Y` years of 17 to 19 digits (`Y12345678901234567`); we accept
//!    at most 16 digits so every day of the year fits an `i64` day count;
//! 4. the oracle rejects `Y` years as interval ends (`Y-170000002/2024`); we accept them,
//!    since level 1 interval ends may be any level 1 date;
//! 5. the oracle rejects date-times with negative years (`-0043-03-15T12:00:00`); we
//!    accept them like any other level 1 date;
//! 6. the oracle accepts a season with an unspecified day (`2024-21-XX`); we reject it,
//!    since a season has no days;
//! 7. the oracle rejects a negative year whose written digits are all zeros and `X`
//!    (`-000X`, `-00XX`); we accept them as the years -9 to -1 and -99 to -1, as `-001X`
//!    is -19 to -10.
//!
//! Canonical text also differs for offsets: we write `+04` as `+04:00` and `+00:00` as
//! `Z`, so texts are compared with the oracle only when there is no time.

use proptest::prelude::*;

use super::{Edtf, End, parse};

/// Why our answer may differ from the oracle's for `text`, if it may.
fn divergence(text: &str, ours: &Result<Edtf, super::EdtfError>) -> Option<&'static str> {
    match ours {
        Err(error) if error.message == "the interval ends before it starts" => Some("order"),
        Err(error) if error.message.starts_with("a UTC offset must be within") => Some("offset"),
        Err(error) if error.message.starts_with("year is too large") => Some("y-digits"),
        Err(error)
            if error.message == "a season cannot have a day"
                && text.get(error.offset..error.offset + 2) == Some("XX") =>
        {
            Some("season-day")
        }
        Ok(Edtf::Interval(ends)) if is_y_year(&ends.0) || is_y_year(&ends.1) => Some("y-interval"),
        Ok(Edtf::Date(date)) if date.time().is_some() && date.year() < 0 => Some("negative-time"),
        Ok(value)
            if [value.start(), value.end()]
                .into_iter()
                .flatten()
                .any(minus_zero_x) =>
        {
            Some("minus-zero-x")
        }
        _ => None,
    }
}

/// `-000X` or `-00XX`: a negative year whose written digits are zeros and `X`.
fn minus_zero_x(date: &super::Date) -> bool {
    date.year() == -1 && date.unspecified_year_digits() > 0
}

fn is_y_year(end: &End) -> bool {
    end.date()
        .is_some_and(|date| date.year().unsigned_abs() > 9999)
}

fn two_digits(max: u8) -> impl Strategy<Value = String> {
    (0..=max).prop_map(|n| format!("{n:02}"))
}

fn year() -> impl Strategy<Value = String> {
    let digit = prop::sample::select(vec!['0', '1', '2', '9', 'X']);
    let plain = (any::<bool>(), prop::collection::vec(digit, 4)).prop_map(|(neg, ds)| {
        format!(
            "{}{}",
            if neg { "-" } else { "" },
            ds.into_iter().collect::<String>()
        )
    });
    let common = (0u16..=9999, 0u8..=2).prop_map(|(y, x)| {
        let text = format!("{y:04}");
        let keep = text.get(..4 - usize::from(x)).unwrap_or("");
        format!("{keep}{}", "X".repeat(usize::from(x)))
    });
    let y_year = (any::<bool>(), "[1-9][0-9]{2,19}")
        .prop_map(|(neg, ds)| format!("Y{}{ds}", if neg { "-" } else { "" }));
    prop_oneof![4 => common, 2 => plain, 1 => y_year]
}

fn part(max: u8) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(String::new()),
        1 => Just("-XX".to_owned()),
        5 => two_digits(max).prop_map(|d| format!("-{d}")),
    ]
}

fn offset() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Z".to_owned()),
        ("[+-]", two_digits(25)).prop_map(|(s, h)| format!("{s}{h}")),
        ("[+-]", two_digits(25), two_digits(61)).prop_map(|(s, h, m)| format!("{s}{h}:{m}")),
    ]
}

fn time() -> impl Strategy<Value = String> {
    let clock = (two_digits(25), two_digits(61), two_digits(61), offset());
    prop_oneof![
        4 => Just(String::new()),
        1 => clock.prop_map(|(h, m, s, o)| format!("T{h}:{m}:{s}{o}")),
        1 => offset().prop_map(|o| format!("T23:59:60{o}")),
    ]
}

fn qualifier() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", "", "?", "~", "%"])
}

fn date() -> impl Strategy<Value = String> {
    (year(), part(45), part(33), time(), qualifier()).prop_map(|(y, m, d, t, q)| {
        if m.is_empty() {
            format!("{y}{t}{q}")
        } else {
            format!("{y}{m}{d}{t}{q}")
        }
    })
}

fn end() -> impl Strategy<Value = String> {
    prop_oneof![6 => date(), 1 => Just("..".to_owned()), 1 => Just(String::new())]
}

fn edtf_text() -> impl Strategy<Value = String> {
    prop_oneof![2 => date(), 1 => (end(), end()).prop_map(|(a, b)| format!("{a}/{b}"))]
}

/// A valid-looking text with one character deleted, inserted or replaced.
fn near_miss() -> impl Strategy<Value = String> {
    let alphabet = prop::sample::select("0123456789-X?~%/.YTZ:+ u".chars().collect::<Vec<_>>());
    (edtf_text(), any::<prop::sample::Index>(), alphabet, 0u8..3).prop_map(|(text, at, c, how)| {
        let mut chars: Vec<char> = text.chars().collect();
        let i = at.index(chars.len() + 1);
        match how {
            0 if i < chars.len() => {
                chars.remove(i);
            }
            1 if i < chars.len() => {
                if let Some(slot) = chars.get_mut(i) {
                    *slot = c;
                }
            }
            _ => chars.insert(i, c),
        }
        chars.into_iter().collect()
    })
}

/// Checks `text` against the oracle and our own invariants.
fn check(text: &str) -> Result<(), TestCaseError> {
    let ours = parse(text);
    let oracle = ::edtf::level_1::Edtf::parse(text);
    if divergence(text, &ours).is_none() {
        prop_assert_eq!(
            ours.is_ok(),
            oracle.is_ok(),
            "{:?}: ours {:?}, oracle {:?}",
            text,
            ours,
            oracle
        );
    }
    if let (Ok(value), Ok(theirs)) = (&ours, &oracle)
        && !text.contains('T')
    {
        prop_assert_eq!(value.to_string(), theirs.to_string());
    }
    if let Ok(value) = ours {
        check_value(&value)?;
    }
    Ok(())
}

/// Round trip, bounds order and human text of a parsed value.
fn check_value(value: &Edtf) -> Result<(), TestCaseError> {
    let text = value.to_string();
    let again = parse(&text);
    prop_assert_eq!(again.as_ref(), Ok(value), "{}", text);
    let (earliest, latest) = value.bounds().sort_key();
    prop_assert!(earliest <= latest, "{}", text);
    for date in [value.start(), value.end()].into_iter().flatten() {
        let (first, last) = date.bounds();
        prop_assert!(first <= last, "{}", text);
    }
    prop_assert!(!value.human().is_empty());
    Ok(())
}

/// An error points inside the input (or at 0 for the empty input).
fn check_error_position(text: &str) -> Result<(), TestCaseError> {
    if let Err(error) = parse(text) {
        prop_assert!(
            error.offset + error.len <= text.len(),
            "{:?}: {:?}",
            text,
            error
        );
        prop_assert!(error.len >= 1 || text.is_empty(), "{:?}: {:?}", text, error);
        prop_assert!(text.get(error.offset..error.offset + error.len).is_some());
        prop_assert!(!error.message.ends_with('.'));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn agrees_with_oracle_on_valid_forms(text in edtf_text()) {
        check(&text)?;
        check_error_position(&text)?;
    }

    #[test]
    fn agrees_with_oracle_on_near_misses(text in near_miss()) {
        check(&text)?;
        check_error_position(&text)?;
    }

    #[test]
    fn never_panics_on_any_text(text in ".*") {
        check_error_position(&text)?;
    }

    #[test]
    fn never_panics_on_edtf_alphabet(text in "[0123456789X?~%/.YTZ:+ u-]{0,30}") {
        check(&text)?;
        check_error_position(&text)?;
    }
}

#[test]
fn documented_divergences_hold() {
    let cases = [
        ("2024/2023", "order"),
        ("2024-03-22T10:00:00+15:00", "offset"),
        ("Y12345678901234567", "y-digits"),
        ("Y-170000002/2024", "y-interval"),
        ("-0043-03-15T12:00:00", "negative-time"),
        ("2024-21-XX", "season-day"),
        ("-000X", "minus-zero-x"),
        ("-00XX~", "minus-zero-x"),
        ("-000X/2024", "minus-zero-x"),
    ];
    for (text, kind) in cases {
        let ours = parse(text);
        assert_eq!(divergence(text, &ours), Some(kind), "{text}");
        let oracle = ::edtf::level_1::Edtf::parse(text);
        assert_ne!(ours.is_ok(), oracle.is_ok(), "{text}");
    }
}

#[test]
fn huge_inputs_do_not_panic() {
    for text in [
        "Y-999999999999999999999",
        "Y9999999999999999",
        "Y-9999999999999999/..",
        "-9999-12-31T23:59:60-14:00",
    ] {
        if let Ok(value) = parse(text) {
            let _ = (value.bounds(), value.human(), value.to_string());
        }
    }
    let long = "9".repeat(10_000);
    assert!(parse(&long).is_err());
    assert!(parse(&format!("Y{long}")).is_err());
}
