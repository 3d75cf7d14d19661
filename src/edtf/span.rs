//! The span of many dates: the earliest known day any of them may fall on,
//! and the latest.
//!
//! A side that is unbounded (an open or unknown interval end) is left out,
//! so a span reaches only as far as the known days do; `None` on a side
//! means no date had a known day there. Spans of parts of a list join into
//! the span of the whole, so a long list may be read in pieces. Nothing
//! here reads records.

use super::{Bounds, Day, Edtf};

/// The known days that many dates span.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: Option<Day>,
    pub end: Option<Day>,
}

impl Span {
    /// The span of `dates`.
    pub fn of<'a>(dates: impl IntoIterator<Item = &'a Edtf>) -> Span {
        dates.into_iter().fold(Span::default(), |span, date| {
            let Bounds { earliest, latest } = date.bounds();
            span.and(Span {
                start: earliest,
                end: latest,
            })
        })
    }

    /// The span of both spans' dates.
    pub fn and(self, other: Span) -> Span {
        Span {
            start: known(self.start, other.start, Day::min),
            end: known(self.end, other.end, Day::max),
        }
    }
}

/// `pick` of two days when both are known, else the one that is.
fn known(a: Option<Day>, b: Option<Day>, pick: fn(Day, Day) -> Day) -> Option<Day> {
    match (a, b) {
        (Some(a), Some(b)) => Some(pick(a, b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::Span;
    use crate::edtf::{Edtf, parse};

    fn span(texts: &[&str]) -> (Option<String>, Option<String>) {
        let dates: Vec<Edtf> = texts.iter().filter_map(|t| parse(t).ok()).collect();
        let s = Span::of(&dates);
        (s.start.map(|d| d.iso()), s.end.map(|d| d.iso()))
    }

    #[test]
    fn unbounded_sides_are_left_out() {
        let iso = |s: &str| Some(s.to_owned());
        assert_eq!(span(&[]), (None, None));
        assert_eq!(span(&["../2024"]), (None, iso("2024-12-31")));
        assert_eq!(
            span(&["2020-05", "../2019", "2022/.."]),
            (iso("2020-05-01"), iso("2020-05-31"))
        );
        assert_eq!(
            span(&["2021~", "2019-03-02", "2020/2023-06"]),
            (iso("2019-03-02"), iso("2023-06-30"))
        );
    }

    #[test]
    fn parts_join_into_the_whole() {
        let dates: Vec<Edtf> = ["2021", "../2019", "2018-02-03", "2024/..", "2020-07"]
            .iter()
            .filter_map(|t| parse(t).ok())
            .collect();
        for cut in 0..=dates.len() {
            let (a, b) = dates.split_at(cut);
            assert_eq!(Span::of(a).and(Span::of(b)), Span::of(&dates), "{cut}");
        }
    }
}
