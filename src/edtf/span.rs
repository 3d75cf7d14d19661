//! The span of many dates: the earliest known day any of them may fall on,
//! and the latest.
//!
//! A side is known when some date is bounded on that side, and then it
//! reaches the furthest known day of any date on that side: `2020` with
//! `2024-03-22/..` spans 2020-01-01 to 2024-03-22, a later start not left
//! past the end. A side no date is bounded on is `None` (`../2024` alone
//! spans until 2024-12-31, from no known day). Spans of parts of a list join into
//! the span of the whole, so a long list may be read in pieces. Nothing
//! here reads records.

use super::{Bounds, Day, Edtf};

/// The known days that many dates span.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: Option<Day>,
    pub end: Option<Day>,
    /// The first and last known day of any date, whichever side it bounds.
    days: Option<(Day, Day)>,
}

impl Span {
    /// The span of `dates`.
    pub fn of<'a>(dates: impl IntoIterator<Item = &'a Edtf>) -> Span {
        dates.into_iter().fold(Span::default(), |span, date| {
            let Bounds { earliest, latest } = date.bounds();
            let days = match (earliest, latest) {
                (Some(a), Some(b)) => Some((a.min(b), a.max(b))),
                (Some(d), None) | (None, Some(d)) => Some((d, d)),
                (None, None) => None,
            };
            span.and(Span {
                start: earliest,
                end: latest,
                days,
            })
        })
    }

    /// The span of both spans' dates.
    pub fn and(self, other: Span) -> Span {
        let days = match (self.days, other.days) {
            (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
            (a, b) => a.or(b),
        };
        let bounded = |a: Option<Day>, b: Option<Day>| a.is_some() || b.is_some();
        Span {
            start: days
                .filter(|_| bounded(self.start, other.start))
                .map(|d| d.0),
            end: days.filter(|_| bounded(self.end, other.end)).map(|d| d.1),
            days,
        }
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
        assert_eq!(span(&["2024-03-22/"]), (iso("2024-03-22"), None));
        assert_eq!(
            span(&["2020-05", "../2019", "2022/.."]),
            (iso("2019-12-31"), iso("2022-01-01"))
        );
        // A known start past every known end is the span's end.
        assert_eq!(
            span(&["2024-03-22/", "2020"]),
            (iso("2020-01-01"), iso("2024-03-22"))
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
