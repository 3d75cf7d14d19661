//! Every claim that rests on one source, so that a discredited source can be
//! traced through the graph.
//!
//! A claim is a record (actor, place, event, relation) citing the source,
//! with the quotes it takes from it; `sole` marks records that cite nothing
//! else, which would be left unsourced were this source struck out. Records
//! come actors, places, events (in time order), then relations, each in
//! file order. One pass over the records. Returns data; prints nothing.

use serde::Serialize;

use super::data::{DateOut, EntityOut, Made};
use crate::model::{ActorIx, Cite, EventIx, Facts, PlaceIx, Reliability, Source, SourceIx};
use crate::suggest::{hint, nearest};

/// The source as the facts describe it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SourceOut {
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub published: Option<DateOut>,
    /// Admiralty reliability, `A` to `F`.
    pub reliability: Option<&'static str>,
    /// Admiralty credibility, 1 to 6.
    pub credibility: Option<u8>,
    pub note: Option<String>,
}

/// One record citing the source.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Claim {
    /// `actor`, `place`, `event` or `relation`.
    pub record: &'static str,
    /// The record's id (null for a relation without one).
    pub id: Option<String>,
    /// A name or title; for a relation `from kind to`.
    pub name: String,
    /// An event's or a dated relation's date.
    pub date: Option<DateOut>,
    /// A relation's ends.
    pub from: Option<EntityOut>,
    pub to: Option<EntityOut>,
    /// The quotes it takes from this source (citations without a quote add none).
    pub quotes: Vec<String>,
    /// True when this source is the only one the record cites.
    pub sole: bool,
}

/// Everything resting on one source. The claims and the orphaned events
/// are held as record numbers and made as they are written.
#[derive(Debug, Serialize)]
pub struct SourceAnswer<'a> {
    pub source: SourceOut,
    pub count: usize,
    pub claims: Made<'a, Cited, Claim>,
    /// Events citing no other source: left unsourced without this one.
    pub orphaned_events: Made<'a, EventIx, EntityOut>,
}

/// A record citing the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cited {
    Actor(ActorIx),
    Place(PlaceIx),
    Event(EventIx),
    /// The relation's place in the facts.
    Relation(usize),
}

/// Finds a source by id, or by id or title ignoring case; the error lists
/// the nearest ids.
pub fn find(facts: &Facts, typed: &str) -> Result<SourceIx, String> {
    if let Some(s) = facts.lookup_source(typed) {
        return Ok(s);
    }
    let lower = typed.to_lowercase();
    let matching: Vec<SourceIx> = (0..facts.sources.len())
        .filter_map(|i| u32::try_from(i).ok().map(SourceIx))
        .filter(|s| {
            facts.source(*s).is_some_and(|src| {
                facts.str(src.id).to_lowercase() == lower
                    || facts.str(src.title).to_lowercase() == lower
            })
        })
        .collect();
    match matching.as_slice() {
        [one] => Ok(*one),
        [] => {
            let ids = facts.sources.iter().map(|s| facts.str(s.id));
            let hint = hint(&nearest(typed, ids, 3));
            Err(format!("no source is called `{typed}`{hint}"))
        }
        many => {
            let ids: Vec<String> = many
                .iter()
                .filter_map(|s| facts.source(*s))
                .map(|s| format!("`{}`", facts.str(s.id)))
                .collect();
            Err(format!(
                "`{typed}` is ambiguous: it names sources {}; use an id",
                ids.join(", ")
            ))
        }
    }
}

fn source_out(facts: &Facts, s: &Source) -> SourceOut {
    let text = |sym| facts.opt_str(sym).map(str::to_string);
    SourceOut {
        id: facts.str(s.id).to_string(),
        title: facts.str(s.title).to_string(),
        publisher: text(s.publisher),
        url: text(s.url),
        published: s.published.as_ref().map(DateOut::new),
        reliability: s.reliability.map(Reliability::letter),
        credibility: s.credibility,
        note: text(s.note),
    }
}

/// Whether a record citing `cites` rests on `source`, and on it alone.
fn rests_on(cites: &[Cite], source: SourceIx) -> Option<bool> {
    cites
        .iter()
        .any(|c| c.source == source)
        .then(|| cites.iter().all(|c| c.source == source))
}

/// The quotes taken from `source`, and whether the record rests on it
/// alone ([`rests_on`]).
fn quoted(facts: &Facts, cites: &[Cite], source: SourceIx) -> (Vec<String>, bool) {
    let quotes = cites
        .iter()
        .filter(|c| c.source == source)
        .filter_map(|c| facts.opt_str(c.quote).map(str::to_string))
        .collect();
    (quotes, rests_on(cites, source) == Some(true))
}

/// Every claim resting on `source`.
pub fn claims(facts: &Facts, source: SourceIx) -> SourceAnswer<'_> {
    let mut list = Vec::new();
    let mut orphaned = Vec::new();
    let numbered = |n: usize| u32::try_from(n).ok();
    for (i, a) in facts.actors.iter().enumerate() {
        if let (Some(_), Some(ix)) = (rests_on(&a.sources, source), numbered(i)) {
            list.push(Cited::Actor(ActorIx(ix)));
        }
    }
    for (i, p) in facts.places.iter().enumerate() {
        if let (Some(_), Some(ix)) = (rests_on(&p.sources, source), numbered(i)) {
            list.push(Cited::Place(PlaceIx(ix)));
        }
    }
    for &e in facts.by_time() {
        let Some(ev) = facts.event(e) else { continue };
        if let Some(sole) = rests_on(&ev.sources, source) {
            if sole {
                orphaned.push(e);
            }
            list.push(Cited::Event(e));
        }
    }
    for (i, r) in facts.relations.iter().enumerate() {
        if rests_on(&r.sources, source).is_some() {
            list.push(Cited::Relation(i));
        }
    }
    let out = facts
        .source(source)
        .map(|s| source_out(facts, s))
        .unwrap_or_default();
    SourceAnswer {
        source: out,
        count: list.len(),
        claims: Made::new(list, move |&c| claim(facts, c, source)),
        orphaned_events: Made::new(orphaned, |&e| EntityOut::new(facts, facts.event_ent(e))),
    }
}

/// The claim of one record citing `source`.
fn claim(facts: &Facts, cited: Cited, source: SourceIx) -> Claim {
    let entity = |record, ent, date: Option<DateOut>, cites: &[Cite]| {
        let (quotes, sole) = quoted(facts, cites, source);
        Claim {
            record,
            id: Some(facts.id_of(ent).to_string()),
            name: facts.label_of(ent).to_string(),
            date,
            from: None,
            to: None,
            quotes,
            sole,
        }
    };
    const NONE: &[Cite] = &[];
    match cited {
        Cited::Actor(a) => {
            let cites = facts.actor(a).map_or(NONE, |a| &a.sources);
            entity("actor", facts.actor_ent(a), None, cites)
        }
        Cited::Place(p) => {
            let cites = facts.place(p).map_or(NONE, |p| &p.sources);
            entity("place", facts.place_ent(p), None, cites)
        }
        Cited::Event(e) => {
            let ev = facts.event(e);
            let date = ev.map(|ev| DateOut::new(&ev.date));
            entity(
                "event",
                facts.event_ent(e),
                date,
                ev.map_or(NONE, |ev| &ev.sources),
            )
        }
        Cited::Relation(i) => relation_claim(facts, i, source),
    }
}

fn relation_claim(facts: &Facts, i: usize, source: SourceIx) -> Claim {
    let Some(r) = facts.relations.get(i) else {
        return Claim {
            record: "relation",
            ..Claim::default()
        };
    };
    let (quotes, sole) = quoted(facts, &r.sources, source);
    let name = format!(
        "{} {} {}",
        facts.id_of(r.from),
        facts.str(r.kind),
        facts.id_of(r.to)
    );
    Claim {
        record: "relation",
        id: facts.opt_str(r.id).map(str::to_string),
        name,
        date: r.date.as_ref().map(DateOut::new),
        from: Some(EntityOut::new(facts, r.from)),
        to: Some(EntityOut::new(facts, r.to)),
        quotes,
        sole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::testing::facts_from;

    const FACTS: &str = r#"
[[source]]
id = "paper"
title = "The Paper"
reliability = "C"
credibility = 3
[[source]]
id = "wire"
title = "The Wire"

[[actor]]
id = "a"
name = "A"
sources = [{ id = "paper", quote = "A did it" }, { id = "wire" }]
[[place]]
id = "p"
name = "P"
sources = ["wire"]
[[event]]
id = "late"
title = "Late"
date = "2024"
actors = ["a"]
sources = [{ id = "paper", quote = "one" }, { id = "paper", quote = "two" }]
[[event]]
id = "early"
title = "Early"
date = "2016"
actors = ["a"]
sources = ["paper", "wire"]
[[relation]]
kind = "near"
from = "a"
to = "p"
sources = ["paper"]
"#;

    #[test]
    fn every_record_citing_the_source_with_its_quotes() {
        let (facts, _) = facts_from(FACTS);
        let paper = find(&facts, "paper").unwrap();
        let answer = claims(&facts, paper);
        let claims: Vec<Claim> = answer.claims.iter().collect();
        let seen: Vec<(&str, &str, bool)> = claims
            .iter()
            .map(|c| (c.record, c.name.as_str(), c.sole))
            .collect();
        assert_eq!(
            seen,
            [
                ("actor", "A", false),
                ("event", "Early", false),
                ("event", "Late", true),
                ("relation", "a near p", true),
            ]
        );
        assert_eq!(claims[2].quotes, ["one", "two"]);
        assert_eq!(claims[0].quotes, ["A did it"]);
        assert_eq!(answer.source.reliability, Some("C"));
        let orphans: Vec<String> = answer.orphaned_events.iter().map(|e| e.id).collect();
        assert_eq!(orphans, ["late"]);
    }

    #[test]
    fn sources_are_found_by_id_or_title_and_misspellings_get_suggestions() {
        let (facts, _) = facts_from(FACTS);
        assert!(find(&facts, "THE WIRE").is_ok());
        let err = find(&facts, "papr").unwrap_err();
        assert_eq!(err, "no source is called `papr`; did you mean `paper`?");
    }
}
