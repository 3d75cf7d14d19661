//! Figures about the facts a selection keeps: counts by record type and by
//! kind, the dates and how precise they are, connected components, the most
//! connected actors and places, and the sources carrying the most claims.
//!
//! The selection decides: entities it keeps, relations whose two ends it
//! keeps, and the sources those records cite (every source when nothing is
//! filtered). Components ignore edge direction (weakly connected, as
//! `petgraph::algo::connected_components` counts them) and are counted over
//! the kept entities and the edges between them; an entity alone is a
//! component. Degree counts every kept edge in and out. Ties are broken by
//! id. One pass over entities and edges: no quadratic loop. Returns data.

use std::collections::BTreeMap;

use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::data::EntityOut;
use super::filter::Selection;
use crate::edtf::{Day, Edtf, End, Precision, Span};
use crate::graph::{Graph, ent};
use crate::model::{Cite, Ent, EntityRef, Facts, SourceIx, Sym};

#[cfg(test)]
mod tests;

/// How many actors, places and sources the top lists hold.
pub const TOP: usize = 10;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Records {
    pub sources: usize,
    pub actors: usize,
    pub places: usize,
    pub events: usize,
    pub relations: usize,
}

/// How many records have one kind; `kind` null counts those without one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KindCount {
    pub kind: Option<String>,
    pub count: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Kinds {
    pub actors: Vec<KindCount>,
    pub places: Vec<KindCount>,
    pub events: Vec<KindCount>,
    pub relations: Vec<KindCount>,
    /// Actors' roles in events; null counts participants without a role.
    pub roles: Vec<KindCount>,
}

/// Event dates: their span and how precise they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Dates {
    /// The earliest known day of any event; null without one.
    pub earliest: Option<String>,
    /// The latest known day of any event.
    pub latest: Option<String>,
    /// Events by precision, coarsest first: century, decade, year, season,
    /// month, day, time.
    pub precision: BTreeMap<String, usize>,
    pub approximate: usize,
    pub uncertain: usize,
    pub intervals: usize,
    /// Intervals with an open (`..`) or unknown (empty) end.
    pub open_ends: usize,
    pub relations_dated: usize,
    pub relations_undated: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Components {
    pub count: usize,
    /// Entities in the largest component.
    pub largest: usize,
    /// Entities connected to nothing.
    pub isolated: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Connected {
    pub entity: EntityOut,
    pub degree: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceClaims {
    pub id: String,
    pub title: String,
    /// Records (actors, places, events, relations) citing it.
    pub claims: usize,
    /// Citations, counting each quote.
    pub citations: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub records: Records,
    pub kinds: Kinds,
    pub dates: Dates,
    pub components: Components,
    pub top_actors: Vec<Connected>,
    pub top_places: Vec<Connected>,
    pub top_sources: Vec<SourceClaims>,
}

/// Counts of optional kinds, most frequent first, then by kind.
#[derive(Default)]
struct Tally(BTreeMap<Option<Sym>, usize>);

impl Tally {
    fn add(&mut self, kind: Option<Sym>) {
        *self.0.entry(kind).or_default() += 1;
    }

    fn list(self, facts: &Facts) -> Vec<KindCount> {
        let mut list: Vec<KindCount> = self
            .0
            .into_iter()
            .map(|(k, count)| KindCount {
                kind: facts.opt_str(k).map(str::to_string),
                count,
            })
            .collect();
        list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.kind.cmp(&b.kind)));
        list
    }
}

/// Per-source claim and citation counts.
struct Cites {
    claims: Vec<usize>,
    citations: Vec<usize>,
    /// The record being counted cited the source already.
    last: Vec<usize>,
    record: usize,
}

impl Cites {
    fn new(n: usize) -> Cites {
        Cites {
            claims: vec![0; n],
            citations: vec![0; n],
            last: vec![usize::MAX; n],
            record: 0,
        }
    }

    fn record(&mut self, cites: &[Cite]) {
        self.record += 1;
        for c in cites {
            let i = c.source.index();
            if let Some(n) = self.citations.get_mut(i) {
                *n += 1;
            }
            if let (Some(last), Some(n)) = (self.last.get_mut(i), self.claims.get_mut(i))
                && *last != self.record
            {
                *last = self.record;
                *n += 1;
            }
        }
    }
}

/// The figures of what `sel` keeps; `everything` when nothing is filtered.
pub fn stats(facts: &Facts, graph: &Graph, sel: &Selection, everything: bool) -> Stats {
    let mut out = Stats::default();
    let mut cites = Cites::new(facts.sources.len());
    let (mut actors, mut places) = (Tally::default(), Tally::default());
    let (mut events, mut roles) = (Tally::default(), Tally::default());
    for e in facts.ents().filter(|e| sel.has(*e)) {
        match facts.entity(e) {
            Some(EntityRef::Actor(a)) => {
                out.records.actors += 1;
                actors.add(a.kind);
                cites.record(&a.sources);
            }
            Some(EntityRef::Place(p)) => {
                out.records.places += 1;
                places.add(p.kind);
                cites.record(&p.sources);
            }
            Some(EntityRef::Event(ev)) => {
                out.records.events += 1;
                events.add(ev.kind);
                for p in &ev.actors {
                    if sel.has(facts.actor_ent(p.actor)) {
                        roles.add(p.role);
                    }
                }
                cites.record(&ev.sources);
                count_date(&mut out.dates, &ev.date);
            }
            None => {}
        }
    }
    let mut relations = Tally::default();
    for r in facts
        .relations
        .iter()
        .filter(|r| sel.has(r.from) && sel.has(r.to))
    {
        out.records.relations += 1;
        relations.add(Some(r.kind));
        cites.record(&r.sources);
        match r.date {
            Some(_) => out.dates.relations_dated += 1,
            None => out.dates.relations_undated += 1,
        }
    }
    out.records.sources = if everything {
        facts.sources.len()
    } else {
        cites.claims.iter().filter(|n| **n > 0).count()
    };
    out.kinds = Kinds {
        actors: actors.list(facts),
        places: places.list(facts),
        events: events.list(facts),
        relations: relations.list(facts),
        roles: roles.list(facts),
    };
    let (earliest, latest) = span(facts, sel);
    out.dates.earliest = earliest.map(Day::iso);
    out.dates.latest = latest.map(Day::iso);
    let degree = degrees(graph, sel);
    out.components = components(graph, sel);
    out.top_actors = top(facts, sel, &degree, |e| facts.as_actor(e).is_some());
    out.top_places = top(facts, sel, &degree, |e| facts.as_place(e).is_some());
    out.top_sources = top_sources(facts, &cites);
    out
}

fn count_date(dates: &mut Dates, date: &Edtf) {
    let precision: Precision = date.precision();
    *dates
        .precision
        .entry(precision.as_str().to_string())
        .or_default() += 1;
    dates.approximate += usize::from(date.approximate());
    dates.uncertain += usize::from(date.uncertain());
    if let Some((start, end)) = date.ends() {
        dates.intervals += 1;
        let open = |e: &End| matches!(e, End::Open | End::Unknown);
        dates.open_ends += usize::from(open(start) || open(end));
    }
}

/// The earliest and latest known day of the kept events.
fn span(facts: &Facts, sel: &Selection) -> (Option<Day>, Option<Day>) {
    let events = sel.events.iter().filter_map(|e| facts.event(*e));
    let span = Span::of(events.map(|e| &e.date));
    (span.start, span.end)
}

/// Edges in and out of each kept entity whose other end is kept too.
fn degrees(graph: &Graph, sel: &Selection) -> Vec<usize> {
    let mut degree = vec![0usize; graph.g.node_count()];
    for e in graph.g.edge_references() {
        let (a, b) = (ent(e.source()), ent(e.target()));
        if sel.has(a) && sel.has(b) {
            for n in [a, b] {
                if let Some(d) = degree.get_mut(n.index()) {
                    *d += 1;
                }
            }
        }
    }
    degree
}

/// Weakly connected components of the kept entities.
pub fn components(graph: &Graph, sel: &Selection) -> Components {
    let n = graph.g.node_count();
    let mut sets = UnionFind::<usize>::new(n);
    let mut linked = vec![false; n];
    for e in graph.g.edge_references() {
        let (a, b) = (ent(e.source()), ent(e.target()));
        // A relation to itself connects an entity to something, as `check`
        // has it, though to no other.
        if sel.has(a) && sel.has(b) {
            sets.union(a.index(), b.index());
            for x in [a, b] {
                if let Some(l) = linked.get_mut(x.index()) {
                    *l = true;
                }
            }
        }
    }
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    let mut isolated = 0;
    for i in (0..n).filter(|i| sel.keep.get(*i).copied().unwrap_or(false)) {
        *sizes.entry(sets.find(i)).or_default() += 1;
        isolated += usize::from(!linked.get(i).copied().unwrap_or(false));
    }
    Components {
        count: sizes.len(),
        largest: sizes.values().copied().max().unwrap_or(0),
        isolated,
    }
}

fn top(
    facts: &Facts,
    sel: &Selection,
    degree: &[usize],
    pick: impl Fn(Ent) -> bool,
) -> Vec<Connected> {
    let mut list: Vec<(usize, Ent)> = facts
        .ents()
        .filter(|e| sel.has(*e) && pick(*e))
        .map(|e| (degree.get(e.index()).copied().unwrap_or(0), e))
        .filter(|(d, _)| *d > 0)
        .collect();
    list.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| facts.id_of(a.1).cmp(facts.id_of(b.1)))
    });
    list.truncate(TOP);
    list.into_iter()
        .map(|(degree, e)| Connected {
            entity: EntityOut::new(facts, e),
            degree,
        })
        .collect()
}

fn top_sources(facts: &Facts, cites: &Cites) -> Vec<SourceClaims> {
    let mut list: Vec<(usize, usize, SourceIx)> = (0..facts.sources.len())
        .filter_map(|i| {
            let claims = cites.claims.get(i).copied().unwrap_or(0);
            let citations = cites.citations.get(i).copied().unwrap_or(0);
            let ix = SourceIx(u32::try_from(i).ok()?);
            (claims > 0).then_some((claims, citations, ix))
        })
        .collect();
    let id = |s: SourceIx| facts.source(s).map_or("", |s| facts.str(s.id));
    list.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then_with(|| id(a.2).cmp(id(b.2)))
    });
    list.truncate(TOP);
    list.into_iter()
        .map(|(claims, citations, s)| SourceClaims {
            id: id(s).to_string(),
            title: facts
                .source(s)
                .map_or("", |s| facts.str(s.title))
                .to_string(),
            claims,
            citations,
        })
        .collect()
}
