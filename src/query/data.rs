//! The small pieces every answer is made of: an entity as people name it, a
//! date as written and as read, a cited source, an edge seen from one end.
//!
//! They are plain data that derive `Serialize`, so that the JSON of every
//! query spells an entity, a date or a citation the same way (see
//! `schemas/`). Built from the facts and the graph; nothing here prints,
//! formats tables or decides what an answer holds.

use serde::Serialize;

use crate::edtf::{Bounds, Edtf};
use crate::graph::{Edge, edge_info};
use crate::model::{Cite, Count, Ent, Facts};

/// An actor, place or event: its id, what it is, and its name or title.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EntityOut {
    pub id: String,
    /// `actor`, `place` or `event`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The name of an actor or place, the title of an event.
    pub name: String,
}

impl EntityOut {
    pub fn new(facts: &Facts, ent: Ent) -> EntityOut {
        EntityOut {
            id: facts.id_of(ent).to_string(),
            kind: facts.kind(ent).as_str(),
            name: facts.label_of(ent).to_string(),
        }
    }
}

/// A date: canonical EDTF, readable English, and its bounds as ISO days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DateOut {
    /// The EDTF value, as written (canonical form): `2016~`, `/2024-04-02`.
    pub edtf: String,
    /// Readable: `22 Mar 2024`, `c. 2016`, `until 2 Apr 2024`.
    pub human: String,
    /// The earliest possible day; null when open or unknown in the past.
    pub earliest: Option<String>,
    /// The latest possible day; null when open or unknown in the future.
    pub latest: Option<String>,
}

impl DateOut {
    pub fn new(date: &Edtf) -> DateOut {
        let Bounds { earliest, latest } = date.bounds();
        DateOut {
            edtf: date.to_string(),
            human: date.human(),
            earliest: earliest.map(|d| d.iso()),
            latest: latest.map(|d| d.iso()),
        }
    }
}

/// A citation: the source's id and the words quoted from it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CiteOut {
    pub source: String,
    pub quote: Option<String>,
}

impl CiteOut {
    pub fn new(facts: &Facts, cite: &Cite) -> CiteOut {
        CiteOut {
            source: facts
                .source(cite.source)
                .map(|s| facts.str(s.id).to_string())
                .unwrap_or_default(),
            quote: facts.opt_str(cite.quote).map(str::to_string),
        }
    }

    pub fn list(facts: &Facts, cites: &[Cite]) -> Vec<CiteOut> {
        cites.iter().map(|c| CiteOut::new(facts, c)).collect()
    }
}

/// A count as the source gave it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CountOut {
    /// As written in the facts: `13`, `~100`, `140+`, `10-20`.
    pub text: String,
    /// Readable: `13`, `about 100`, `at least 140`, `10 to 20`.
    pub human: String,
    pub min: u64,
    /// Null when there is no upper bound (`140+`).
    pub max: Option<u64>,
}

impl CountOut {
    pub fn new(count: Count) -> CountOut {
        let (min, max) = count.bounds();
        CountOut {
            text: count.to_string(),
            human: count.human(),
            min,
            max,
        }
    }
}

/// Which way an edge points, seen from the entity a step starts at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The edge points away from the entity (`isis-k` → the attack).
    Out,
    /// The edge points at the entity.
    In,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Out => "out",
            Direction::In => "in",
        }
    }

    /// An arrow for tables: `->` or `<-`.
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Out => "->",
            Direction::In => "<-",
        }
    }
}

/// An edge seen from one of its ends: its kind, which way it points, the
/// entity at the other end, its date, the relation id and the sources.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Link {
    /// Relation kind, an actor's role, `occurred_at` or `located_in`.
    pub kind: String,
    pub direction: Direction,
    /// The entity at the other end.
    pub other: EntityOut,
    /// The edge's date (an event's date for roles and `occurred_at`).
    pub date: Option<DateOut>,
    /// The relation record's id, when the edge is a relation that has one.
    pub relation: Option<String>,
    /// A relation's note.
    pub note: Option<String>,
    pub sources: Vec<CiteOut>,
}

impl Link {
    /// The edge `edge` seen from `from`; `other` is its other end.
    pub fn new(facts: &Facts, edge: Edge, direction: Direction, other: Ent) -> Link {
        let info = edge_info(facts, edge);
        let note = match edge {
            Edge::Relation(r) => facts.relations.get(r.index()).and_then(|r| r.note),
            _ => None,
        };
        Link {
            kind: info.kind.to_string(),
            direction,
            other: EntityOut::new(facts, other),
            date: info.date.map(DateOut::new),
            relation: facts.opt_str(info.id).map(str::to_string),
            note: facts.opt_str(note).map(str::to_string),
            sources: CiteOut::list(facts, info.sources),
        }
    }
}

/// One step from an entity to the next along an edge, which may point
/// either way (`direction` is `out` when it points from `from` to `to`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hop {
    pub from: EntityOut,
    pub to: EntityOut,
    pub kind: String,
    pub direction: Direction,
    pub date: Option<DateOut>,
    pub relation: Option<String>,
    pub note: Option<String>,
    pub sources: Vec<CiteOut>,
}

impl Hop {
    pub fn new(facts: &Facts, edge: Edge, from: Ent, to: Ent, direction: Direction) -> Hop {
        let link = Link::new(facts, edge, direction, to);
        Hop {
            from: EntityOut::new(facts, from),
            to: link.other,
            kind: link.kind,
            direction,
            date: link.date,
            relation: link.relation,
            note: link.note,
            sources: link.sources,
        }
    }

    /// `-> kind` or `<- kind`, for tables.
    pub fn link_cell(&self) -> String {
        format!("{} {}", self.direction.arrow(), self.kind)
    }
}

/// A list made item by item as it is read or written. It holds small keys
/// and makes each item from the facts when asked, so that an answer of a
/// hundred thousand connections or claims is never held whole: it is made
/// once for JSON, twice for a table (to measure, then to write).
pub struct Made<'a, K, T> {
    keys: Vec<K>,
    make: Box<dyn Fn(&K) -> T + 'a>,
}

impl<'a, K, T> Made<'a, K, T> {
    pub fn new(keys: Vec<K>, make: impl Fn(&K) -> T + 'a) -> Made<'a, K, T> {
        Made {
            keys,
            make: Box::new(make),
        }
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The items, made in order.
    pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
        self.keys.iter().map(|k| (self.make)(k))
    }
}

impl<K, T: Serialize> Serialize for Made<'_, K, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<K, T> std::fmt::Debug for Made<'_, K, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Made({} items)", self.keys.len())
    }
}

/// Text for a table cell from an optional date: `2024-03-22 (22 Mar 2024)`.
pub fn date_cell(date: Option<&DateOut>) -> String {
    match date {
        Some(d) if d.edtf == d.human => d.edtf.clone(),
        Some(d) => format!("{} ({})", d.edtf, d.human),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_the_edtf_text_the_reading_and_open_bounds() {
        let date = crate::edtf::parse("/2024-04-02").unwrap();
        let out = DateOut::new(&date);
        assert_eq!(out.edtf, "/2024-04-02");
        assert_eq!(out.earliest, None);
        assert_eq!(out.latest.as_deref(), Some("2024-04-02"));
        assert_eq!(
            date_cell(Some(&out)),
            format!("/2024-04-02 ({})", out.human)
        );
    }

    #[test]
    fn a_made_list_makes_its_items_each_time_it_is_read() {
        let made = Made::new(vec![3, 1, 2], |k: &i32| k * 10);
        assert_eq!(made.iter().collect::<Vec<_>>(), [30, 10, 20]);
        assert_eq!(made.iter().count(), 3);
        assert_eq!(serde_json::to_string(&made).unwrap(), "[30,10,20]");
        assert_eq!(format!("{made:?}"), "Made(3 items)");
        assert!(Made::new(Vec::new(), |k: &u8| *k).is_empty());
    }

    #[test]
    fn counts_keep_their_qualifier() {
        let out = CountOut::new(Count::AtLeast(140));
        assert_eq!((out.text.as_str(), out.min, out.max), ("140+", 140, None));
        assert_eq!(out.human, "at least 140");
    }
}
