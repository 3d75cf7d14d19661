//! The card of one entity: what the facts say about it, its sources, and
//! everything it is connected to, in time order.
//!
//! Connections are every edge in and out of the entity's node, ordered by the
//! edge's date bounds (earliest, then latest), undated edges last, then by the
//! other entity's id, the kind and the edge number, so the order is the same
//! on every run. Returns plain data; printing is `cmd::show`'s job.

use std::collections::BTreeMap;

use petgraph::Direction as Dir;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::data::{CiteOut, CountOut, DateOut, Direction, EntityOut, Link, Made};
use crate::edtf::Day;
use crate::graph::{self, Edge, Graph, edge_info, node};
use crate::model::{Attr, Ent, EntityRef, Facts, Sym};

/// Latitude and longitude in degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CoordsOut {
    pub lat: f64,
    pub lon: f64,
}

/// An actor's part in an event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Part {
    pub actor: EntityOut,
    pub role: Option<String>,
}

/// An entity's connections: each edge, its direction and its other end,
/// made into a [`Link`] as it is written.
pub type Connections<'a> = Made<'a, (Edge, Direction, Ent), Link>;

/// Everything known about one entity. Fields that do not apply to its type
/// are null or empty: `coords` and `within` are for places, `date` to
/// `attributes` for events.
#[derive(Debug, Serialize)]
pub struct Card<'a> {
    #[serde(flatten)]
    pub entity: EntityOut,
    /// The record's own kind: `group`, `city`, `attack`, …
    pub kind: Option<String>,
    pub aliases: Vec<String>,
    pub note: Option<String>,
    pub coords: Option<CoordsOut>,
    /// The places around a place, innermost first.
    pub within: Vec<EntityOut>,
    pub date: Option<DateOut>,
    pub place: Option<EntityOut>,
    pub actors: Vec<Part>,
    pub killed: Option<CountOut>,
    pub injured: Option<CountOut>,
    pub summary: Option<String>,
    pub attributes: BTreeMap<String, serde_json::Value>,
    pub sources: Vec<CiteOut>,
    pub connections: Connections<'a>,
}

fn strings(facts: &Facts, syms: &[Sym]) -> Vec<String> {
    syms.iter().map(|s| facts.str(*s).to_string()).collect()
}

fn owned(facts: &Facts, sym: Option<Sym>) -> Option<String> {
    facts.opt_str(sym).map(str::to_string)
}

fn attr_value(facts: &Facts, attr: &Attr) -> serde_json::Value {
    match attr {
        Attr::Str(s) => serde_json::Value::from(facts.str(*s)),
        Attr::Int(n) => serde_json::Value::from(*n),
        Attr::Float(x) => serde_json::Value::from(*x),
        Attr::Bool(b) => serde_json::Value::from(*b),
    }
}

/// The card of `ent`. It holds nothing of `graph`, which may be dropped
/// before the card is written.
pub fn card<'a>(facts: &'a Facts, graph: &Graph, ent: Ent) -> Card<'a> {
    let mut card = Card {
        entity: EntityOut::new(facts, ent),
        kind: None,
        aliases: Vec::new(),
        note: None,
        coords: None,
        within: Vec::new(),
        date: None,
        place: None,
        actors: Vec::new(),
        killed: None,
        injured: None,
        summary: None,
        attributes: BTreeMap::new(),
        sources: Vec::new(),
        connections: connections(facts, graph, ent),
    };
    match facts.entity(ent) {
        Some(EntityRef::Actor(a)) => {
            card.kind = owned(facts, a.kind);
            card.aliases = strings(facts, &a.aliases);
            card.note = owned(facts, a.note);
            card.sources = CiteOut::list(facts, &a.sources);
        }
        Some(EntityRef::Place(p)) => {
            card.kind = owned(facts, p.kind);
            card.aliases = strings(facts, &p.aliases);
            card.note = owned(facts, p.note);
            card.coords = p.coords.map(|c| CoordsOut {
                lat: c.lat,
                lon: c.lon,
            });
            if let Some(pi) = facts.as_place(ent) {
                card.within = facts
                    .enclosing(pi)
                    .skip(1)
                    .map(|q| EntityOut::new(facts, facts.place_ent(q)))
                    .collect();
            }
            card.sources = CiteOut::list(facts, &p.sources);
        }
        Some(EntityRef::Event(e)) => {
            card.kind = owned(facts, e.kind);
            card.date = Some(DateOut::new(&e.date));
            card.place = e.place.map(|p| EntityOut::new(facts, facts.place_ent(p)));
            card.actors = e
                .actors
                .iter()
                .map(|p| Part {
                    actor: EntityOut::new(facts, facts.actor_ent(p.actor)),
                    role: owned(facts, p.role),
                })
                .collect();
            card.killed = e.killed.map(CountOut::new);
            card.injured = e.injured.map(CountOut::new);
            card.summary = owned(facts, e.summary);
            card.attributes = e
                .attributes
                .iter()
                .map(|(k, v)| (facts.str(*k).to_string(), attr_value(facts, v)))
                .collect();
            card.sources = CiteOut::list(facts, &e.sources);
        }
        None => {}
    }
    card
}

/// Every edge in and out of `ent`, in time order; an edge from `ent` to
/// itself once, as going out. Only the order is held: each link is made
/// when it is written.
pub fn connections<'a>(facts: &'a Facts, graph: &Graph, ent: Ent) -> Connections<'a> {
    let here = node(ent);
    let out = graph
        .g
        .edges_directed(here, Dir::Outgoing)
        .map(|e| (e, Direction::Out, e.target()));
    let inc = graph
        .g
        .edges_directed(here, Dir::Incoming)
        .filter(|e| e.source() != here)
        .map(|e| (e, Direction::In, e.source()));
    let mut keyed: Vec<(SortKey<'a>, (Edge, Direction, Ent))> = out
        .chain(inc)
        .filter_map(|(e, dir, other)| {
            let edge = graph.edge(e.id())?;
            let info = edge_info(facts, edge);
            let (undated, lo, hi) = match info.date.map(|d| d.bounds()) {
                Some(b) => {
                    let (lo, hi) = b.sort_key();
                    (false, lo, hi)
                }
                None => (true, Day::MIN, Day::MIN),
            };
            let other = graph::ent(other);
            let key = (
                undated,
                lo,
                hi,
                facts.id_of(other),
                info.kind,
                e.id().index(),
            );
            Some((key, (edge, dir, other)))
        })
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let order = keyed.into_iter().map(|(_, k)| k).collect();
    Made::new(order, move |&(edge, dir, other)| {
        Link::new(facts, edge, dir, other)
    })
}

/// Undated last, then the date's bounds, the other end's id, the kind and
/// the edge's number (unique, so the order is total).
type SortKey<'a> = (bool, Day, Day, &'a str, &'a str, usize);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::testing::facts_from;

    const FACTS: &str = r#"
[[source]]
id = "s"
title = "Report"

[[actor]]
id = "a"
name = "A"
kind = "group"
aliases = ["Alpha"]
sources = [{ id = "s", quote = "A exists" }]

[[actor]]
id = "b"
name = "B"

[[place]]
id = "country"
name = "Country"

[[place]]
id = "city"
name = "City"
in = "country"
lat = 1.5
lon = 2.5

[[event]]
id = "late"
title = "Late"
date = "2024-03-22"
place = "city"
actors = [{ id = "a", role = "perpetrator" }]
killed = "140+"
attributes = { venue = "hall", n = 3 }
sources = ["s"]

[[event]]
id = "early"
title = "Early"
date = "2016~"
actors = ["a"]

[[relation]]
kind = "knows"
from = "b"
to = "a"
"#;

    #[test]
    fn connections_run_in_time_order_with_undated_last() {
        let (facts, graph) = facts_from(FACTS);
        let a = facts.lookup("a").unwrap();
        let card = card(&facts, &graph, a);
        let links: Vec<Link> = card.connections.iter().collect();
        let seen: Vec<(&str, Direction, &str)> = links
            .iter()
            .map(|l| (l.kind.as_str(), l.direction, l.other.id.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                ("participant", Direction::Out, "early"),
                ("perpetrator", Direction::Out, "late"),
                ("knows", Direction::In, "b"),
            ]
        );
        assert_eq!(card.kind.as_deref(), Some("group"));
        assert_eq!(card.aliases, ["Alpha"]);
        assert_eq!(card.sources[0].quote.as_deref(), Some("A exists"));
    }

    #[test]
    fn a_relation_to_itself_is_one_connection() {
        let text = "[[actor]]\nid = \"a\"\nname = \"A\"\n[[relation]]\nkind = \"knows\"\nfrom = \"a\"\nto = \"a\"\n";
        let (facts, graph) = facts_from(text);
        let card = card(&facts, &graph, facts.lookup("a").unwrap());
        let links: Vec<Link> = card.connections.iter().collect();
        let seen: Vec<(&str, Direction, &str)> = links
            .iter()
            .map(|l| (l.kind.as_str(), l.direction, l.other.id.as_str()))
            .collect();
        assert_eq!(seen, [("knows", Direction::Out, "a")]);
    }

    #[test]
    fn a_place_card_has_its_chain_and_coordinates() {
        let (facts, graph) = facts_from(FACTS);
        let card = card(&facts, &graph, facts.lookup("city").unwrap());
        assert_eq!(card.within.len(), 1);
        assert_eq!(card.within[0].id, "country");
        assert_eq!(card.coords, Some(CoordsOut { lat: 1.5, lon: 2.5 }));
        assert!(card.date.is_none());
    }

    #[test]
    fn an_event_card_has_date_place_actors_counts_and_attributes() {
        let (facts, graph) = facts_from(FACTS);
        let card = card(&facts, &graph, facts.lookup("late").unwrap());
        assert_eq!(
            card.date.as_ref().map(|d| d.edtf.as_str()),
            Some("2024-03-22")
        );
        assert_eq!(card.place.as_ref().map(|p| p.id.as_str()), Some("city"));
        assert_eq!(card.actors[0].role.as_deref(), Some("perpetrator"));
        assert_eq!(card.killed.as_ref().map(|k| k.text.as_str()), Some("140+"));
        assert_eq!(card.attributes["n"], serde_json::json!(3));
        assert_eq!(card.attributes["venue"], serde_json::json!("hall"));
    }
}
