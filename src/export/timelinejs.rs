//! Knight Lab TimelineJS3 JSON: a file TimelineJS loads as is.
//!
//! ```json
//! {"title": {"text": {"headline": "…", "text": "9 events from 2016 to 2024"}, "unique_id": "title"},
//!  "events": [{"start_date": {"year": 2024, "month": 3, "day": 22}, "end_date": {…},
//!              "text": {"headline": "…", "text": "<p>…</p>"}, "group": "attack",
//!              "display_date": "c. 2016", "unique_id": "moscow-attack"}]}
//! ```
//!
//! Dates hold only the parts the EDTF knows, as numbers: `2024` gives a year,
//! `2024-03` a year and month, a date-time adds hour, minute and second as
//! written (wall-clock; the offset is shown in `display_date`). `201X` gives
//! its known part (2010), a season the month it starts in. Years up to 0 are
//! shifted one down, since TimelineJS has no year zero (EDTF `0000` is 1 BC,
//! TimelineJS `-1`). An interval gives `start_date` from its start and
//! `end_date` the last day its end covers (and `start_date` its first day in
//! full where TimelineJS would otherwise take the end for the start's own
//! date and drop it: `2024-03/2024-03-15`); with one side open or unknown the
//! known side gives `start_date` alone, because TimelineJS drops an event
//! without one.
//! `display_date` (our readable date) is set whenever the parts alone would
//! mislead: approximate, uncertain, unspecified, season, interval, offset;
//! and on every slide when a date lies beyond the years TimelineJS's human
//! scale holds (-271820 to 275759), since the document then names its
//! cosmological scale, which shows every slide as years ago unless the slide
//! says otherwise.
//!
//! Headline, text and group are HTML; all text from the facts is escaped.
//! TimelineJS strips markup from `group` (decoding entities once) and then
//! writes the label as HTML, so the group is escaped twice. Ids are slugs
//! TimelineJS keeps unchanged (lower-case ASCII letters, digits, single
//! dashes, not starting with a digit), made unique with `-2`, `-3`… in
//! event order; `title` is the title slide's. This module writes no files.

mod ids;
mod text;

use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};

use super::View;
use super::html::Html;
use super::pretty;
use super::shown::Shown;
use super::timeline::span;
use crate::edtf::{Date, Edtf, Human, Precision};
use crate::model::{Event, Facts};

/// TimelineJS, a slide an event, gets slow above a few hundred events, and
/// its makers advise far fewer: past this many `export` and `build` warn
/// and name the filters to use.
pub const SHOW_LIMIT: usize = 500;

/// The title slide's id, reserved before the events'.
pub const TITLE_ID: &str = "title";

/// The TimelineJS3 document as pretty JSON with a trailing newline.
pub fn render(view: &View<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into memory fails only for values JSON cannot hold; none are built.
    if write(view, &mut out).is_err() {
        out.clear();
    }
    out
}

/// The TimelineJS3 document written to `out` as it is made.
pub fn write(view: &View<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let ids = ids::UniqueIds::of(view);
    let span = span(view);
    let summary = text::summary_line(view.sel.events.len(), span);
    let all_dated = span.is_some_and(|s| beyond_human_scale(s.start) || beyond_human_scale(s.end));
    let doc = Document {
        scale: all_dated.then_some("cosmological"),
        title: Title {
            text: Text {
                headline: Shown(Html(view.title)),
                text: Shown(Html(summary.as_str())),
            },
            unique_id: TITLE_ID,
        },
        events: Slides {
            view,
            ids: &ids,
            all_dated,
        },
    };
    pretty::write(&doc, out)
}

#[derive(Serialize)]
struct Document<'v> {
    /// `cosmological` when a date lies beyond the human scale: TimelineJS
    /// switches by itself only for a start date, and an end date beyond it
    /// on the human scale is no date at all.
    #[serde(skip_serializing_if = "Option::is_none")]
    scale: Option<&'static str>,
    title: Title<'v>,
    events: Slides<'v>,
}

#[derive(Serialize)]
struct Title<'a> {
    text: Text<'a, Shown<Html<&'a str>>>,
    unique_id: &'static str,
}

/// A slide's headline and its HTML text (`B`).
#[derive(Serialize)]
struct Text<'a, B> {
    headline: Shown<Html<&'a str>>,
    text: B,
}

/// The event slides, built one at a time while writing.
struct Slides<'v> {
    view: &'v View<'v>,
    ids: &'v ids::UniqueIds<'v>,
    /// Whether every slide carries a `display_date`, not only those whose
    /// parts would mislead: set when a date lies beyond TimelineJS's human
    /// scale. TimelineJS then puts the whole timeline on its cosmological
    /// scale, where a slide without one reads "2.0 thousand years ago" for
    /// 2024.
    all_dated: bool,
}

/// Whether a day lies beyond TimelineJS's human scale (its years -271820
/// to 275759).
fn beyond_human_scale(day: Option<crate::edtf::Day>) -> bool {
    day.is_some_and(|d| !(-271_820..=275_759).contains(&timelinejs_year(d.ymd().0)))
}

impl Serialize for Slides<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let facts = self.view.facts;
        let mut seq = serializer.serialize_seq(None)?;
        // One slide's text at a time, in one buffer for them all.
        let mut body = String::new();
        for (ix, id) in self.view.events().zip(self.ids.iter(facts)) {
            let Some(event) = facts.event(ix) else {
                continue;
            };
            body.clear();
            text::body(&mut body, facts, event);
            if let Some(slide) = Slide::of(facts, event, id, &body, self.all_dated) {
                seq.serialize_element(&slide)?;
            }
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct Slide<'a> {
    start_date: DateParts,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<DateParts>,
    text: Text<'a, &'a str>,
    /// Escaped twice: TimelineJS decodes it once before using it as HTML.
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<Shown<Html<Html<&'a str>>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<Shown<Human<'a>>>,
    unique_id: &'a str,
}

impl<'a> Slide<'a> {
    /// The slide of an event, whose HTML text is `body`; `None` only for an
    /// interval without any date, which the EDTF parser never produces.
    fn of(
        facts: &'a Facts,
        event: &'a Event,
        id: &'a str,
        body: &'a str,
        all_dated: bool,
    ) -> Option<Slide<'a>> {
        let display = all_dated || needs_display_date(&event.date);
        let (start_date, end_date) = slide_dates(&event.date)?;
        Some(Slide {
            start_date,
            end_date,
            text: Text {
                headline: Shown(Html(facts.str(event.title))),
                text: body,
            },
            group: facts
                .opt_str(event.kind)
                .map(|kind| Shown(Html(Html(kind)))),
            display_date: display.then(|| Shown(event.date.readable())),
            unique_id: id,
        })
    }
}

/// A TimelineJS date object: only the known parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DateParts {
    pub year: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hour: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minute: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second: Option<u8>,
}

impl DateParts {
    /// The parts of one EDTF date that TimelineJS can hold.
    pub fn of(date: &Date) -> DateParts {
        let month = date.month().or_else(|| date.season().map(season_month));
        let day = date.month().and(date.day());
        let time = day.and(date.time());
        DateParts {
            year: timelinejs_year(date.first_year()),
            month,
            day,
            hour: time.map(|t| t.hour),
            minute: time.map(|t| t.minute),
            second: time.map(|t| t.second.min(59)),
        }
    }
}

impl DateParts {
    /// The last day `date` covers; the date itself when it names a day.
    pub fn last_day_of(date: &Date) -> DateParts {
        if date.month().is_some() && date.day().is_some() {
            return DateParts::of(date);
        }
        DateParts::day(date.bounds().1)
    }

    /// The first day `date` covers, every part written.
    pub fn first_day_of(date: &Date) -> DateParts {
        DateParts::day(date.bounds().0)
    }

    /// `day` as its year, month and day.
    fn day(day: crate::edtf::Day) -> DateParts {
        let (year, month, day) = day.ymd();
        DateParts {
            year: timelinejs_year(year),
            month: Some(month),
            day: Some(day),
            hour: None,
            minute: None,
            second: None,
        }
    }

    /// Whether TimelineJS takes `end` for this same date, and so drops it
    /// as redundant: it compares only the parts the start date has, so
    /// `{2024, 3}` is the same as `{2024, 3, 15}`.
    fn seen_as(&self, end: &DateParts) -> bool {
        fn same<T: PartialEq>(start: Option<T>, end: Option<T>) -> bool {
            start.is_none() || start == end
        }
        self.year == end.year
            && same(self.month, end.month)
            && same(self.day, end.day)
            && same(self.hour, end.hour)
            && same(self.minute, end.minute)
            && same(self.second, end.second)
    }
}

/// TimelineJS counts 1 BC as -1: astronomical years up to 0 move one down.
pub fn timelinejs_year(year: i64) -> i64 {
    if year <= 0 {
        year.saturating_sub(1)
    } else {
        year
    }
}

/// The first month of a season 21-24 (spring, summer, autumn, winter).
fn season_month(season: u8) -> u8 {
    match season {
        21 => 3,
        22 => 6,
        23 => 9,
        _ => 12,
    }
}

/// `start_date` and `end_date`: both ends of a closed interval, else the one
/// known date. The end is the last day its date covers (`2024` ends on 31
/// December 2024), for TimelineJS draws a span from the first moment of
/// `start_date` to the first of `end_date`: written as its parts, a coarser
/// end (`2024-03/2024`) would land before the start.
/// TimelineJS drops an `end_date` that agrees with every part `start_date`
/// has, so a start that would (`2024-03/2024-03-15`) is written as its
/// first day in full (`{2024, 3, 1}`), which TimelineJS places the same.
pub fn slide_dates(edtf: &Edtf) -> Option<(DateParts, Option<DateParts>)> {
    match (edtf.start(), edtf.end()) {
        (Some(start), Some(end)) if edtf.is_interval() => {
            let last = DateParts::last_day_of(end);
            let mut first = DateParts::of(start);
            if first.seen_as(&last) {
                first = DateParts::first_day_of(start);
            }
            Some((first, Some(last)))
        }
        (Some(only), _) | (None, Some(only)) => Some((DateParts::of(only), None)),
        (None, None) => None,
    }
}

/// Whether the date parts alone would tell less than the EDTF says.
fn needs_display_date(edtf: &Edtf) -> bool {
    let vague = |d: &Date| {
        d.approximate()
            || d.uncertain()
            || d.unspecified_year_digits() > 0
            || d.month_unspecified()
            || d.day_unspecified()
            || d.precision() == Precision::Season
            || d.time().is_some_and(|t| t.offset_minutes.is_some())
    };
    edtf.is_interval() || edtf.start().is_some_and(vague)
}

/// A slug TimelineJS's own slugify leaves unchanged: lower-case ASCII letters
/// and digits, runs of anything else as one `-`, no dash at either end, and
/// `event-` before a leading digit; `event` when nothing is left.
pub fn slug(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        return "event".to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "event-");
    }
    out
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod interval_tests;
