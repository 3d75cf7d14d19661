//! Counting diagnostics: those kept and those only counted, by code.

use super::{Code, Diagnostic, Diagnostics, MAX_KEPT};

#[test]
fn every_code_stands_at_its_index_once() {
    for (i, code) in Code::ALL.iter().enumerate() {
        assert_eq!(code.index(), i, "{code:?}");
    }
    let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), Code::ALL.len());
}

#[test]
fn codes_are_counted_past_those_kept_and_across_lists() {
    let mut first = Diagnostics::default();
    for _ in 0..MAX_KEPT + 2_000 {
        first.push(Diagnostic::error(Code::Syntax, "x"));
    }
    let mut second = Diagnostics::default();
    for _ in 0..3 {
        second.push(Diagnostic::warning(Code::UncitedSource, "s"));
    }
    second.push(Diagnostic::error(Code::InvalidDate, "d"));
    let mut all = Diagnostics::default();
    all.push(Diagnostic::error(Code::InvalidDate, "d"));
    all.append(first);
    all.append(second);
    assert_eq!((all.errors(), all.warnings()), (MAX_KEPT + 2_002, 3));
    assert_eq!(all.list.len(), MAX_KEPT);
    assert_eq!(all.dropped(), 2_005);
    let want = [
        (Code::Syntax, MAX_KEPT + 2_000),
        (Code::UncitedSource, 3),
        (Code::InvalidDate, 2),
    ];
    assert_eq!(all.counts(), want);
    all.deny_warnings();
    assert_eq!(all.counts(), want);
    assert_eq!(Diagnostics::default().counts(), []);
}

#[test]
fn problems_only_counted_count_as_those_kept_do() {
    let mut d = Diagnostics::default();
    d.push(Diagnostic::error(Code::UnknownReference, "r"));
    d.count_only(super::Severity::Error, Code::UnknownReference, 49);
    d.count_only(super::Severity::Warning, Code::Unconnected, 0);
    assert_eq!((d.errors(), d.warnings()), (50, 0));
    assert_eq!(d.counts(), [(Code::UnknownReference, 50)]);
    assert_eq!((d.list.len(), d.dropped()), (1, 49));
}

#[test]
fn codes_found_as_often_keep_the_order_of_the_codes() {
    let mut d = Diagnostics::default();
    for code in [Code::Unconnected, Code::Syntax, Code::InvalidDate] {
        d.push(Diagnostic::warning(code, "w"));
    }
    let order: Vec<Code> = d.counts().iter().map(|(c, _)| *c).collect();
    assert_eq!(order, [Code::Syntax, Code::InvalidDate, Code::Unconnected]);
}

/// A message about a megabyte value keeps its start and end, 400
/// characters in all.
#[test]
fn a_long_message_is_cut_in_the_middle() {
    let value = "9".repeat(1_000_000);
    let d = Diagnostic::error(
        Code::InvalidDate,
        format!("invalid date `{value}`: a year has at most"),
    );
    assert_eq!(d.message.chars().count(), 400);
    assert!(d.message.starts_with("invalid date `999"));
    assert!(d.message.ends_with("999`: a year has at most"));
    assert!(d.message.contains('…'));
    let short = "invalid date `2024-13`: month 13 is out of range";
    assert_eq!(Diagnostic::error(Code::InvalidDate, short).message, short);
    let helped = Diagnostic::error(Code::InvalidDate, "x")
        .help(format!("write `Y{value}`"))
        .note(None, value.clone());
    assert_eq!(helped.help.map(|h| h.chars().count()), Some(400));
    assert_eq!(helped.notes[0].message.chars().count(), 400);
    let wide = "é".repeat(500);
    assert_eq!(
        Diagnostic::error(Code::Syntax, wide)
            .message
            .chars()
            .count(),
        400
    );
}
