//! vis-timeline JSON: DataSet items and groups.
//!
//! ```json
//! {"items": [{"id": "moscow-attack", "content": "Attack on …", "start": "2024-03-22T00:00:00Z",
//!             "type": "point", "group": "attack", "title": "<b>…</b><br>…",
//!             "className": "approximate uncertain"}],
//!  "groups": [{"id": "attack", "content": "attack"}]}
//! ```
//!
//! Times are full UTC date-times (`2024-03-22T00:00:00Z`; a date alone would
//! be read in the viewer's zone), years outside 0000–9999 signed with six
//! digits (`-000043-03-15T00:00:00Z`), clamped to the range of a JavaScript
//! `Date` (-271821-04-20 to +275760-09-13).
//!
//! - A single day or a date-time is a `point` at its start (a date-time with a
//!   zone converted to UTC, one without read as UTC).
//! - Anything wider (a month, a year, a season, `201X`, an interval) is a
//!   `range` from its earliest day at 00:00 to the day *after* its latest day
//!   at 00:00: vis ranges are half-open, so March 2024 runs to 2024-04-01.
//! - An interval with one side open (`..`) or unknown (empty) is drawn as its
//!   known date alone (point or range by that date's own width) and marked
//!   `open-start`/`open-end`/`unknown-start`/`unknown-end` in `className`; the
//!   tooltip gives the readable date ("from 22 Mar 2024", "? – 2 Apr 2024").
//!   Every item has a `start`.
//! - `className` also carries `approximate` and `uncertain`; it is absent
//!   when empty.
//! - `group` is the event kind (events without one are in `other`, or in
//!   `other 2`, `other 3`… when `other` is an event's kind); groups
//!   are listed once each, sorted by id. `content` and `title` are HTML: all
//!   text from the facts is escaped. Item ids are the event ids and group
//!   ids the kinds, but for the few vis-timeline cannot take (module `ids`).
//!
//! This module writes no files.

pub mod ids;

use std::collections::BTreeSet;
use std::fmt::{self, Write};

use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};

use super::View;
use super::html::{self, Html};
use super::pretty;
use super::shown::Shown;
use crate::edtf::{Date, Day, Edtf, End, Precision, zero_padded};
use crate::model::{Event, Facts};
use ids::GroupIds;

/// vis-timeline loads many more items than it draws smoothly: it gets slow
/// above a few thousand. Past this many `export` and `build` warn and name
/// the filters to use.
pub const SHOW_LIMIT: usize = 5_000;

/// The group of events without a kind, unless an event's kind is `other`.
pub const OTHER: &str = "other";

/// The group of events without a kind: [`OTHER`], or the first of
/// `other 2`, `other 3`… that is none of `kinds`.
pub fn kindless(kinds: &BTreeSet<&str>) -> String {
    std::iter::once(OTHER.to_string())
        .chain((2..).map(|n: u64| format!("{OTHER} {n}")))
        .find(|id| !kinds.contains(id.as_str()))
        .unwrap_or_default()
}

const SECONDS_PER_DAY: i64 = 86_400;

/// The vis-timeline items and groups as pretty JSON with a trailing newline.
pub fn render(view: &View<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into memory fails only for values JSON cannot hold; none are built.
    if write(view, &mut out).is_err() {
        out.clear();
    }
    out
}

/// The items and groups written to `out` as they are made.
pub fn write(view: &View<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let facts = view.facts;
    // Inserted one by one: collecting would first list every event's kind.
    let mut kinds: BTreeSet<&str> = BTreeSet::new();
    let mut some_kindless = false;
    for e in view.sel.stored(facts).filter_map(|e| facts.event(e)) {
        match facts.opt_str(e.kind) {
            Some(kind) => {
                kinds.insert(kind);
            }
            None => some_kindless = true,
        }
    }
    let ids = GroupIds::of(&kinds);
    let mut groups: Vec<Group<'_>> = kinds
        .iter()
        .map(|&kind| Group {
            id: ids.get(Some(kind)),
            content: Shown(Html(kind)),
        })
        .collect();
    if some_kindless {
        let none = ids.get(None);
        groups.push(Group {
            id: none,
            content: Shown(Html(none)),
        });
    }
    groups.sort_by_key(|g| g.id);
    let doc = Document {
        items: Items(view, &ids),
        groups,
    };
    pretty::write(&doc, out)
}

#[derive(Serialize)]
struct Document<'v> {
    items: Items<'v>,
    groups: Vec<Group<'v>>,
}

#[derive(Serialize)]
struct Group<'a> {
    id: &'a str,
    content: Shown<Html<&'a str>>,
}

/// The items, built one at a time while writing, and the groups' ids.
struct Items<'v>(&'v View<'v>, &'v GroupIds<'v>);

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let View { facts, sel, .. } = self.0;
        let mut seq = serializer.serialize_seq(Some(sel.events.len()))?;
        // One item's tooltip at a time, in one buffer for them all.
        let mut title = String::new();
        for event in self.0.events().filter_map(|e| facts.event(e)) {
            title.clear();
            tooltip(&mut title, facts, event);
            if let Some(item) = Item::of(facts, event, &title, self.1) {
                seq.serialize_element(&item)?;
            }
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct Item<'f> {
    id: &'f str,
    content: Shown<Html<&'f str>>,
    start: Shown<Instant>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<Shown<Instant>>,
    #[serde(rename = "type")]
    kind: &'static str,
    group: &'f str,
    title: &'f str,
    #[serde(rename = "className", skip_serializing_if = "no_classes")]
    class_name: Shown<Classes<'f>>,
}

impl<'f> Item<'f> {
    /// The item of an event, whose tooltip is `title`, in the group `groups`
    /// give its kind.
    fn of(
        facts: &'f Facts,
        event: &'f Event,
        title: &'f str,
        groups: &'f GroupIds<'f>,
    ) -> Option<Item<'f>> {
        let (start, end) = extent(&event.date)?;
        Some(Item {
            id: ids::item_id(facts.str(event.id)),
            content: Shown(Html(facts.str(event.title))),
            start: Shown(start),
            end: end.map(Shown),
            kind: if end.is_some() { "range" } else { "point" },
            group: groups.get(facts.opt_str(event.kind)),
            title,
            class_name: Shown(Classes(&event.date)),
        })
    }
}

/// Writes "<b>title</b><br>human · EDTF<br>place<br>actors", all escaped,
/// into `out`.
fn tooltip(out: &mut String, facts: &Facts, event: &Event) {
    let title = Html(facts.str(event.title));
    let date = &event.date;
    // Writing into a String cannot fail.
    let _ = write!(
        out,
        "<b>{title}</b><br>{} · {}",
        Html(date.readable()),
        Html(date)
    );
    if let Some(place) = html::place_line(facts, event) {
        let _ = write!(out, "<br>{place}");
    }
    if let Some(actors) = html::actors_line(facts, event) {
        let _ = write!(out, "<br>{actors}");
    }
}

/// The classes of an item: "approximate uncertain open-end", or none.
struct Classes<'a>(&'a Edtf);

/// Whether an item has no class, and so no `className`.
fn no_classes(classes: &Shown<Classes<'_>>) -> bool {
    classes.0.names().next().is_none()
}

impl Classes<'_> {
    fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        let edtf = self.0;
        let ends = edtf.ends().into_iter().flat_map(|(start, end)| {
            [
                (start, "open-start", "unknown-start"),
                (end, "open-end", "unknown-end"),
            ]
        });
        let ends = ends.filter_map(|(side, open, unknown)| match side {
            End::Open => Some(open),
            End::Unknown => Some(unknown),
            End::Date(_) => None,
        });
        let flags = [
            edtf.approximate().then_some("approximate"),
            edtf.uncertain().then_some("uncertain"),
        ];
        flags.into_iter().flatten().chain(ends)
    }
}

impl fmt::Display for Classes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, name) in self.names().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(name)?;
        }
        Ok(())
    }
}

/// A moment in UTC: a day and the seconds into it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instant {
    day: Day,
    seconds: i64,
}

impl Instant {
    /// Midnight UTC at the start of `day`.
    fn midnight(day: Day) -> Instant {
        Instant { day, seconds: 0 }
    }

    /// `day` plus `seconds` (any sign), carried into whole days and clamped
    /// to what a JavaScript `Date` can hold.
    fn at(day: Day, seconds: i64) -> Instant {
        let days = day
            .days()
            .saturating_add(seconds.div_euclid(SECONDS_PER_DAY));
        Instant {
            day: Day::from_days(days),
            seconds: seconds.rem_euclid(SECONDS_PER_DAY),
        }
        .clamped()
    }

    /// The same moment within the range of a JavaScript `Date`.
    fn clamped(self) -> Instant {
        let first = Day::from_ymd(-271_821, 4, 20).unwrap_or(Day::MIN);
        let last = Day::from_ymd(275_760, 9, 13).unwrap_or(Day::MAX);
        self.max(Instant::midnight(first))
            .min(Instant::midnight(last))
    }
}

/// `2024-03-22T19:58:00Z`, `-000043-03-15T00:00:00Z`.
impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Seconds within a day: every part fits in two digits.
        let s = self.seconds.clamp(0, SECONDS_PER_DAY - 1).unsigned_abs();
        let mut time = *b"T00:00:00Z";
        for (at, part) in [(1, s / 3600), (4, s / 60 % 60), (7, s % 60)] {
            zero_padded(time.get_mut(at..at + 2).unwrap_or_default(), part);
        }
        write!(f, "{}", self.day)?;
        f.write_str(std::str::from_utf8(&time).unwrap_or_default())
    }
}

/// Where an item starts and, for a range, where it ends (exclusive); `None`
/// only for an interval without any date, which the EDTF parser never makes.
pub fn extent(edtf: &Edtf) -> Option<(Instant, Option<Instant>)> {
    match edtf {
        Edtf::Date(date) => Some(own_extent(date)),
        Edtf::Interval(ends) => match &**ends {
            (End::Date(first), End::Date(last)) => {
                let start = own_extent(first).0;
                let end = end_of(last);
                Some((start, (end > start).then_some(end)))
            }
            (End::Date(only), _) | (_, End::Date(only)) => Some(own_extent(only)),
            _ => None,
        },
    }
}

/// A date's own extent: a point for a day or a date-time, else a range
/// (a point when clamping leaves it no width).
fn own_extent(date: &Date) -> (Instant, Option<Instant>) {
    let start = Instant::at(date.bounds().0, 0);
    match date.precision() {
        Precision::Time => (moment(date).unwrap_or(start), None),
        Precision::Day => (start, None),
        _ => {
            let end = end_of(date);
            (start, (end > start).then_some(end))
        }
    }
}

/// Where a date ends: midnight after its latest day.
fn end_of(date: &Date) -> Instant {
    Instant::at(date.bounds().1, SECONDS_PER_DAY)
}

/// The UTC instant of a date-time; a time without a zone is read as UTC.
fn moment(date: &Date) -> Option<Instant> {
    let time = date.time()?;
    let local = i64::from(time.hour) * 3600 + i64::from(time.minute) * 60 + i64::from(time.second);
    let offset = i64::from(time.offset_minutes.unwrap_or(0)) * 60;
    Some(Instant::at(date.bounds().0, local - offset))
}

#[cfg(test)]
mod tests;
