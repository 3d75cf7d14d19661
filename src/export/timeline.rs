//! The canonical chronicle timeline: one JSON document with every kept event
//! and all it says, described by `schemas/timeline.schema.json`.
//!
//! ```json
//! {"chronicle": 1, "title": "…", "range": {"start": "2016-01-01", "end": "2024-10-31"},
//!  "events": [{"id", "title", "kind", "date", "human", "start", "end", "precision",
//!              "approximate", "uncertain", "interval", "place", "actors", "killed",
//!              "injured", "summary", "attributes", "sources"}]}
//! ```
//!
//! - `date` is the EDTF as written (canonical form), `human` its readable text;
//!   `start`/`end` are the earliest and latest possible days (ISO 8601, years
//!   outside 0000–9999 signed with six digits), null on an open or unknown side.
//! - `range` spans the known days of the events (open sides do not widen it);
//!   it is null without events, and a side is null when no event bounds it.
//! - A count keeps its qualifier: `{"text": "140+", "human": "at least 140",
//!   "min": 140, "max": null, "approximate": false}`.
//! - `place.within` lists the enclosing places' ids, innermost first.
//! - `attributes` keep the order written; a key given twice keeps its last value.
//! - Absent values are `null` (lists are empty): every event has every key.
//!
//! Events stream from the selection in its time order; text is passed through
//! unchanged (JSON escaping is serde_json's). This module builds no HTML and
//! writes no files.

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

use super::shown::Shown;
use super::{View, pretty};
use crate::edtf::{Day, Edtf, Human, Span};
use crate::model::count::Readable;
use crate::model::{Attr, Cite, Count, Event, EventIx, Facts, Participant, PlaceIx, Sym};

/// The version of the document's shape, written as `"chronicle"`.
pub const VERSION: u32 = 1;

/// The timeline as pretty JSON with a trailing newline.
pub fn render(view: &View<'_>) -> Vec<u8> {
    pretty::to_vec(&Document::of(view))
}

/// The timeline written to `out` as it is made, event by event.
pub fn write(view: &View<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    pretty::write(&Document::of(view), out)
}

/// The timeline as a JSON value (objects with keys in sorted order).
pub fn document(view: &View<'_>) -> serde_json::Value {
    serde_json::to_value(Document::of(view)).unwrap_or(serde_json::Value::Null)
}

/// The span of the selected events, or `None` without events.
pub fn span(view: &View<'_>) -> Option<Span> {
    let facts = view.facts;
    let mut events = view
        .sel
        .stored(facts)
        .filter_map(|e| facts.event(e))
        .peekable();
    events.peek()?;
    Some(Span::of(events.map(|e| &e.date)))
}

#[derive(Serialize)]
struct Document<'v> {
    chronicle: u32,
    title: &'v str,
    range: Option<RangeDoc>,
    events: Events<'v>,
}

impl<'v> Document<'v> {
    fn of(view: &'v View<'v>) -> Document<'v> {
        Document {
            chronicle: VERSION,
            title: view.title,
            range: span(view).map(|s| RangeDoc {
                start: s.start.map(Day::iso),
                end: s.end.map(Day::iso),
            }),
            events: Events(view),
        }
    }
}

#[derive(Serialize)]
struct RangeDoc {
    start: Option<String>,
    end: Option<String>,
}

/// The events, built one at a time while writing.
struct Events<'v>(&'v View<'v>);

impl Serialize for Events<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let View { facts, sel, .. } = self.0;
        let mut seq = serializer.serialize_seq(Some(sel.events.len()))?;
        for ix in self.0.events() {
            if let Some(doc) = EventDoc::of(facts, ix) {
                seq.serialize_element(&doc)?;
            }
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct EventDoc<'f> {
    id: &'f str,
    title: &'f str,
    kind: Option<&'f str>,
    date: Shown<&'f Edtf>,
    human: Shown<Human<'f>>,
    start: Option<Shown<Day>>,
    end: Option<Shown<Day>>,
    precision: &'static str,
    approximate: bool,
    uncertain: bool,
    interval: bool,
    place: Option<PlaceDoc<'f>>,
    actors: Actors<'f>,
    killed: Option<CountDoc>,
    injured: Option<CountDoc>,
    summary: Option<&'f str>,
    attributes: Attributes<'f>,
    sources: Sources<'f>,
}

impl<'f> EventDoc<'f> {
    fn of(facts: &'f Facts, ix: EventIx) -> Option<EventDoc<'f>> {
        let event: &'f Event = facts.event(ix)?;
        let date = &event.date;
        let bounds = date.bounds();
        Some(EventDoc {
            id: facts.str(event.id),
            title: facts.str(event.title),
            kind: facts.opt_str(event.kind),
            date: Shown(date),
            human: Shown(date.readable()),
            start: bounds.earliest.map(Shown),
            end: bounds.latest.map(Shown),
            precision: date.precision().as_str(),
            approximate: date.approximate(),
            uncertain: date.uncertain(),
            interval: date.is_interval(),
            place: event.place.and_then(|p| PlaceDoc::of(facts, p)),
            actors: Actors(facts, &event.actors),
            killed: event.killed.map(CountDoc::of),
            injured: event.injured.map(CountDoc::of),
            summary: facts.opt_str(event.summary),
            attributes: Attributes(facts, &event.attributes),
            sources: Sources(facts, &event.sources),
        })
    }
}

#[derive(Serialize)]
struct PlaceDoc<'f> {
    id: &'f str,
    name: &'f str,
    within: Within<'f>,
}

impl<'f> PlaceDoc<'f> {
    fn of(facts: &'f Facts, ix: PlaceIx) -> Option<PlaceDoc<'f>> {
        let place = facts.place(ix)?;
        Some(PlaceDoc {
            id: facts.str(place.id),
            name: facts.str(place.name),
            within: Within(facts, ix),
        })
    }
}

/// The ids of the places around a place, innermost first, written one by
/// one.
struct Within<'f>(&'f Facts, PlaceIx);

impl Serialize for Within<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Within(facts, ix) = *self;
        let around = facts.enclosing(ix).skip(1).filter_map(|p| facts.place(p));
        serializer.collect_seq(around.map(|p| facts.str(p.id)))
    }
}

/// An event's actors, written one by one.
struct Actors<'f>(&'f Facts, &'f [Participant]);

impl Serialize for Actors<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Actors(facts, actors) = *self;
        serializer.collect_seq(actors.iter().filter_map(|p| ActorDoc::of(facts, p)))
    }
}

#[derive(Serialize)]
struct ActorDoc<'f> {
    id: &'f str,
    name: &'f str,
    role: Option<&'f str>,
}

impl<'f> ActorDoc<'f> {
    fn of(facts: &'f Facts, part: &Participant) -> Option<ActorDoc<'f>> {
        let actor = facts.actor(part.actor)?;
        Some(ActorDoc {
            id: facts.str(actor.id),
            name: facts.str(actor.name),
            role: facts.opt_str(part.role),
        })
    }
}

#[derive(Serialize)]
struct CountDoc {
    text: Shown<Count>,
    human: Shown<Readable>,
    min: u64,
    max: Option<u64>,
    approximate: bool,
}

impl CountDoc {
    fn of(count: Count) -> CountDoc {
        let (min, max) = count.bounds();
        CountDoc {
            text: Shown(count),
            human: Shown(count.readable()),
            min,
            max,
            approximate: count.approximate(),
        }
    }
}

/// An event's citations, written one by one.
struct Sources<'f>(&'f Facts, &'f [Cite]);

impl Serialize for Sources<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Sources(facts, cites) = *self;
        serializer.collect_seq(cites.iter().filter_map(|c| SourceDoc::of(facts, c)))
    }
}

#[derive(Serialize)]
struct SourceDoc<'f> {
    id: &'f str,
    title: &'f str,
    url: Option<&'f str>,
    publisher: Option<&'f str>,
    quote: Option<&'f str>,
}

impl<'f> SourceDoc<'f> {
    fn of(facts: &'f Facts, cite: &Cite) -> Option<SourceDoc<'f>> {
        let source = facts.source(cite.source)?;
        Some(SourceDoc {
            id: facts.str(source.id),
            title: facts.str(source.title),
            url: facts.opt_str(source.url),
            publisher: facts.opt_str(source.publisher),
            quote: facts.opt_str(cite.quote),
        })
    }
}

/// An event's attributes as a JSON object, in the order written.
struct Attributes<'f>(&'f Facts, &'f [(Sym, Attr)]);

impl Serialize for Attributes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Attributes(facts, attrs) = *self;
        let mut map = serializer.serialize_map(None)?;
        for (i, (key, value)) in attrs.iter().enumerate() {
            let later = attrs.get(i + 1..).unwrap_or_default();
            if later.iter().any(|(k, _)| k == key) {
                continue;
            }
            let key = facts.str(*key);
            match value {
                Attr::Str(s) => map.serialize_entry(key, facts.str(*s))?,
                Attr::Int(n) => map.serialize_entry(key, n)?,
                Attr::Float(x) => map.serialize_entry(key, x)?,
                Attr::Bool(b) => map.serialize_entry(key, b)?,
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod schema_check;
#[cfg(test)]
mod tests;
