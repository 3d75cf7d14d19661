//! Stats on a small fact set: counts, kinds, dates, components, top lists.

use super::*;
use crate::query::filter::FilterArgs;
use crate::query::testing::facts_from;

const FACTS: &str = r#"
[[source]]
id = "s1"
title = "One"
[[source]]
id = "s2"
title = "Two"
[[source]]
id = "s3"
title = "Unused"

[[actor]]
id = "a"
name = "A"
kind = "group"
sources = [{ id = "s1", quote = "x" }, { id = "s1", quote = "y" }]
[[actor]]
id = "b"
name = "B"
kind = "group"
[[actor]]
id = "c"
name = "C"
kind = "person"
[[actor]]
id = "loner"
name = "Loner"

[[place]]
id = "country"
name = "Country"
kind = "country"
[[place]]
id = "city"
name = "City"
kind = "city"
in = "country"

[[event]]
id = "e1"
title = "E1"
date = "2016~"
kind = "attack"
place = "city"
actors = [{ id = "a", role = "perpetrator" }, { id = "b", role = "victim" }]
sources = ["s1", "s2"]
[[event]]
id = "e2"
title = "E2"
date = "2024-03-22"
kind = "attack"
actors = [{ id = "a", role = "perpetrator" }]
sources = ["s2"]
[[event]]
id = "e3"
title = "E3"
date = "/2024-04-02"
kind = "statement"
actors = ["c"]

[[relation]]
kind = "knows"
from = "a"
to = "b"
date = "2020"
sources = ["s2"]
"#;

fn run(args: FilterArgs) -> Stats {
    let (facts, graph) = facts_from(FACTS);
    let everything = args.is_empty();
    let sel = args
        .resolve(&facts, &crate::graph::names::NameIndex::build(&facts))
        .unwrap()
        .select(&facts, || &graph);
    stats(&facts, &graph, &sel, everything)
}

fn kinds(list: &[KindCount]) -> Vec<(Option<&str>, usize)> {
    list.iter().map(|k| (k.kind.as_deref(), k.count)).collect()
}

#[test]
fn counts_records_and_kinds_most_frequent_first() {
    let s = run(FilterArgs::default());
    assert_eq!(
        s.records,
        Records {
            sources: 3,
            actors: 4,
            places: 2,
            events: 3,
            relations: 1
        }
    );
    assert_eq!(
        kinds(&s.kinds.actors),
        [(Some("group"), 2), (None, 1), (Some("person"), 1)]
    );
    assert_eq!(
        kinds(&s.kinds.events),
        [(Some("attack"), 2), (Some("statement"), 1)]
    );
    assert_eq!(kinds(&s.kinds.relations), [(Some("knows"), 1)]);
    assert_eq!(
        kinds(&s.kinds.roles),
        [(Some("perpetrator"), 2), (None, 1), (Some("victim"), 1)]
    );
}

#[test]
fn dates_are_described_by_span_precision_and_flags() {
    let d = run(FilterArgs::default()).dates;
    assert_eq!(d.earliest.as_deref(), Some("2016-01-01"));
    assert_eq!(d.latest.as_deref(), Some("2024-04-02"));
    assert_eq!(d.precision.get("year"), Some(&1));
    assert_eq!(d.precision.get("day"), Some(&2));
    assert_eq!(
        (d.approximate, d.uncertain, d.intervals, d.open_ends),
        (1, 0, 1, 1)
    );
    assert_eq!((d.relations_dated, d.relations_undated), (1, 0));
}

#[test]
fn components_agree_with_petgraph_and_count_loners() {
    let (facts, graph) = facts_from(FACTS);
    let sel = FilterArgs::default()
        .resolve(&facts, &crate::graph::names::NameIndex::build(&facts))
        .unwrap()
        .select(&facts, || &graph);
    let c = components(&graph, &sel);
    assert_eq!(c.count, petgraph::algo::connected_components(&graph.g));
    // {a, b, e1, e2, city, country}, {c, e3}, {loner}
    assert_eq!(
        c,
        Components {
            count: 3,
            largest: 6,
            isolated: 1
        }
    );
}

#[test]
fn top_lists_rank_by_degree_and_claims_then_id() {
    let s = run(FilterArgs::default());
    let actors: Vec<(&str, usize)> = s
        .top_actors
        .iter()
        .map(|c| (c.entity.id.as_str(), c.degree))
        .collect();
    assert_eq!(actors, [("a", 3), ("b", 2), ("c", 1)]);
    let places: Vec<(&str, usize)> = s
        .top_places
        .iter()
        .map(|c| (c.entity.id.as_str(), c.degree))
        .collect();
    assert_eq!(places, [("city", 2), ("country", 1)]);
    let sources: Vec<(&str, usize, usize)> = s
        .top_sources
        .iter()
        .map(|c| (c.id.as_str(), c.claims, c.citations))
        .collect();
    assert_eq!(sources, [("s2", 3, 3), ("s1", 2, 3)]);
}

#[test]
fn filters_restrict_every_figure() {
    let s = run(FilterArgs {
        since: Some("2020".into()),
        ..FilterArgs::default()
    });
    assert_eq!(s.records.events, 2);
    assert_eq!(s.records.actors, 2, "the actors of the kept events");
    assert_eq!(s.records.places, 0);
    assert_eq!(s.records.relations, 0, "b is not kept");
    assert_eq!(s.records.sources, 2, "the sources cited by what is kept");
    assert_eq!(s.dates.earliest.as_deref(), Some("2024-03-22"));
    assert_eq!(s.components.count, 2);
}
