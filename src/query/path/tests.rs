//! The path searches on small hand-made graphs: ties, cycles, parallel
//! edges, direction, undated hops, intervals, going back in time, bounds.

use super::*;
use crate::query::filter::FilterArgs;
use crate::query::testing::facts_from;

/// Facts with actors `names` and relations `(from, to, date)`, in order;
/// each relation's kind is `r<number>` so tests can tell edges apart.
fn facts(names: &str, rels: &[(&str, &str, &str)]) -> (Facts, Graph) {
    let mut toml = String::new();
    for n in names.split_whitespace() {
        toml.push_str(&format!("[[actor]]\nid = \"{n}\"\nname = \"{n}\"\n"));
    }
    for (i, (from, to, date)) in rels.iter().enumerate() {
        toml.push_str(&format!(
            "[[relation]]\nkind = \"r{i}\"\nfrom = \"{from}\"\nto = \"{to}\"\n"
        ));
        if !date.is_empty() {
            toml.push_str(&format!("date = \"{date}\"\n"));
        }
    }
    facts_from(&toml)
}

fn opts(chronological: bool, directed: bool, all: bool) -> Options {
    Options {
        directed,
        chronological,
        all,
        max_hops: DEFAULT_MAX_HOPS,
        limit: DEFAULT_LIMIT,
    }
}

/// Each path as `a -r0-> b <-r1- c`.
fn run(fg: &(Facts, Graph), from: &str, to: &str, o: Options) -> Vec<String> {
    let (facts, graph) = fg;
    let sel = FilterArgs::default()
        .resolve(facts, &crate::graph::names::NameIndex::build(facts))
        .unwrap()
        .select(facts, || graph);
    let (a, b) = (facts.lookup(from).unwrap(), facts.lookup(to).unwrap());
    let answer = paths(facts, graph, &sel, a, b, &o);
    answer.paths.iter().map(|p| show(&p)).collect()
}

fn show(p: &PathOut) -> String {
    let mut text = p
        .hops
        .first()
        .map(|h| h.from.id.clone())
        .unwrap_or_default();
    for h in &p.hops {
        let link = match h.direction {
            Direction::Out => format!(" -{}-> ", h.kind),
            Direction::In => format!(" <-{}- ", h.kind),
        };
        text.push_str(&link);
        text.push_str(&h.to.id);
    }
    text
}

const PLAIN: Options = Options {
    directed: false,
    chronological: false,
    all: false,
    max_hops: DEFAULT_MAX_HOPS,
    limit: DEFAULT_LIMIT,
};

#[test]
fn ties_go_to_the_lower_entity_and_all_lists_both() {
    let g = facts(
        "a b c d",
        &[
            ("a", "c", ""),
            ("c", "d", ""),
            ("a", "b", ""),
            ("b", "d", ""),
        ],
    );
    assert_eq!(run(&g, "a", "d", PLAIN), ["a -r2-> b -r3-> d"]);
    assert_eq!(
        run(&g, "a", "d", opts(false, false, true)),
        ["a -r2-> b -r3-> d", "a -r0-> c -r1-> d"]
    );
}

#[test]
fn parallel_edges_are_separate_paths_and_the_first_edge_wins() {
    let g = facts("a b", &[("a", "b", ""), ("b", "a", "")]);
    assert_eq!(run(&g, "a", "b", PLAIN), ["a -r0-> b"]);
    assert_eq!(
        run(&g, "a", "b", opts(false, false, true)),
        ["a -r0-> b", "a <-r1- b"]
    );
}

#[test]
fn cycles_do_not_trap_the_search_and_paths_stay_simple() {
    let g = facts(
        "a b c d",
        &[
            ("a", "b", ""),
            ("b", "c", ""),
            ("c", "a", ""),
            ("c", "d", ""),
        ],
    );
    assert_eq!(run(&g, "a", "d", PLAIN), ["a <-r2- c -r3-> d"]);
    assert_eq!(
        run(&g, "a", "d", opts(false, false, true)),
        ["a <-r2- c -r3-> d", "a -r0-> b -r1-> c -r3-> d"]
    );
}

#[test]
fn directed_follows_edges_only_their_way() {
    let g = facts("a b c", &[("b", "a", ""), ("b", "c", "")]);
    assert_eq!(run(&g, "a", "c", PLAIN), ["a <-r0- b -r1-> c"]);
    assert!(run(&g, "a", "c", opts(false, true, false)).is_empty());
    assert_eq!(run(&g, "b", "c", opts(false, true, false)), ["b -r1-> c"]);
    assert!(run(&g, "a", "c", opts(false, true, true)).is_empty());
}

#[test]
fn a_route_back_in_time_is_refused_and_a_forward_one_found() {
    let g = facts(
        "a b c d e",
        &[
            ("a", "b", "2024"),
            ("b", "d", "2020"),
            ("a", "c", "2024"),
            ("c", "e", "2025"),
            ("e", "d", ""),
        ],
    );
    assert_eq!(run(&g, "a", "d", PLAIN), ["a -r0-> b -r1-> d"]);
    assert_eq!(
        run(&g, "a", "d", opts(true, false, false)),
        ["a -r2-> c -r3-> e -r4-> d"]
    );
    assert_eq!(
        run(&g, "a", "d", opts(true, false, true)),
        ["a -r2-> c -r3-> e -r4-> d"]
    );
}

#[test]
fn undated_hops_do_not_constrain_nor_forget_the_time() {
    let g = facts(
        "a b c d",
        &[("a", "b", "2024"), ("b", "c", ""), ("c", "d", "2020")],
    );
    assert_eq!(
        run(&g, "a", "c", opts(true, false, false)),
        ["a -r0-> b -r1-> c"]
    );
    assert!(run(&g, "a", "d", opts(true, false, false)).is_empty());
    assert!(run(&g, "a", "d", opts(true, false, true)).is_empty());
    assert_eq!(
        run(&g, "d", "a", opts(true, false, false)),
        ["d <-r2- c <-r1- b <-r0- a"]
    );
}

#[test]
fn a_hop_may_follow_when_it_could_be_later_and_the_same_day_is_allowed() {
    let g = facts(
        "a b c d",
        &[
            ("a", "b", "2024-03-22"),
            ("b", "c", "2024-03-22"),
            ("c", "d", "2024-03/2024-04"),
        ],
    );
    assert_eq!(run(&g, "a", "d", opts(true, false, false)).len(), 1);
    let g = facts("a b c", &[("a", "b", "2024-03"), ("b", "c", "2024-03-01")]);
    assert_eq!(
        run(&g, "a", "c", opts(true, false, false)).len(),
        1,
        "March 1 may be the day"
    );
    let g = facts(
        "a b c",
        &[("a", "b", "2024-03-02"), ("b", "c", "2024-03-01")],
    );
    assert!(run(&g, "a", "c", opts(true, false, false)).is_empty());
}

#[test]
fn intervals_carry_their_earliest_bound_forward() {
    // 2024-03 then a wide interval, then 2021: each pair could overlap, but
    // no moments in order exist, so the path is refused.
    let g = facts(
        "a b c d",
        &[
            ("a", "b", "2024-03"),
            ("b", "c", "2020/2025"),
            ("c", "d", "2021"),
        ],
    );
    assert!(run(&g, "a", "d", opts(true, false, false)).is_empty());
    let g = facts(
        "a b c d",
        &[
            ("a", "b", "2020/2025"),
            ("b", "c", "2021"),
            ("c", "d", "2020-06"),
        ],
    );
    assert!(run(&g, "a", "d", opts(true, false, false)).is_empty());
    assert_eq!(run(&g, "a", "c", opts(true, false, false)).len(), 1);
}

#[test]
fn open_and_unknown_ends_reach_as_far_as_they_go() {
    let g = facts("a b c", &[("a", "b", "2024"), ("b", "c", "../2019")]);
    assert!(run(&g, "a", "c", opts(true, false, false)).is_empty());
    let g = facts("a b c", &[("a", "b", "2024"), ("b", "c", "2019/..")]);
    assert_eq!(run(&g, "a", "c", opts(true, false, false)).len(), 1);
    let g = facts("a b c", &[("a", "b", "/2024-04-02"), ("b", "c", "1990")]);
    assert_eq!(run(&g, "a", "c", opts(true, false, false)).len(), 1);
}

#[test]
fn a_longer_earlier_arrival_is_kept_when_the_quicker_one_is_too_late() {
    // v is reached in 1 hop in 2025 and in 2 hops in 2019; only the second
    // can go on to w in 2020.
    let g = facts(
        "s u v w",
        &[
            ("s", "v", "2025"),
            ("s", "u", "2019"),
            ("u", "v", "2019"),
            ("v", "w", "2020"),
        ],
    );
    assert_eq!(run(&g, "s", "w", PLAIN), ["s -r0-> v -r3-> w"]);
    assert_eq!(
        run(&g, "s", "w", opts(true, false, false)),
        ["s -r1-> u -r2-> v -r3-> w"]
    );
}

#[test]
fn the_shortest_path_is_the_first_that_all_lists() {
    let g = facts(
        "a b c d e f",
        &[
            ("a", "c", "2021"),
            ("a", "b", "2022"),
            ("b", "d", "2020"),
            ("c", "d", "2023"),
            ("d", "f", ""),
            ("a", "e", ""),
            ("e", "f", "2019"),
        ],
    );
    for chrono in [false, true] {
        for directed in [false, true] {
            let one = run(&g, "a", "f", opts(chrono, directed, false));
            let every = run(&g, "a", "f", opts(chrono, directed, true));
            assert_eq!(
                one.first(),
                every.first(),
                "chronological {chrono}, directed {directed}"
            );
        }
    }
}

#[test]
fn max_hops_bounds_every_search() {
    let g = facts("a b c d", &[("a", "b", ""), ("b", "c", ""), ("c", "d", "")]);
    let short = Options {
        max_hops: 2,
        ..PLAIN
    };
    assert!(run(&g, "a", "d", short).is_empty());
    assert!(run(&g, "a", "d", Options { all: true, ..short }).is_empty());
    assert_eq!(
        run(
            &g,
            "a",
            "d",
            Options {
                max_hops: 3,
                ..PLAIN
            }
        )
        .len(),
        1
    );
}

#[test]
fn the_same_entity_is_a_path_of_no_hops() {
    let g = facts("a b", &[("a", "b", "")]);
    let (facts, graph) = &g;
    let sel = FilterArgs::default()
        .resolve(facts, &crate::graph::names::NameIndex::build(facts))
        .unwrap()
        .select(facts, || graph);
    let a = facts.lookup("a").unwrap();
    let answer = paths(facts, graph, &sel, a, a, &PLAIN);
    assert!(answer.found);
    assert_eq!(answer.paths.iter().next().unwrap().length, 0);
}

#[test]
fn all_stops_at_the_limit_and_says_so() {
    let g = facts("a b", &[("a", "b", ""), ("a", "b", ""), ("a", "b", "")]);
    let (facts, graph) = &g;
    let sel = FilterArgs::default()
        .resolve(facts, &crate::graph::names::NameIndex::build(facts))
        .unwrap()
        .select(facts, || graph);
    let (a, b) = (facts.lookup("a").unwrap(), facts.lookup("b").unwrap());
    let o = Options {
        all: true,
        limit: 2,
        ..PLAIN
    };
    let answer = paths(facts, graph, &sel, a, b, &o);
    assert_eq!(answer.paths.len(), 2);
    assert_eq!(answer.stopped, Some(Stop::Limit));
    assert!(answer.truncated);
}

/// A walk through every entity, either way along any edge, examining at
/// most `budget` edges.
fn open_walk<'a>(facts: &'a Facts, graph: &'a Graph, budget: usize) -> Walk<'a> {
    Walk {
        facts,
        graph,
        allowed: &|_: Ent| true,
        directed: false,
        chronological: false,
        budget,
    }
}

#[test]
fn all_finds_exactly_limit_paths_without_a_stop() {
    let g = facts("a b", &[("a", "b", ""), ("a", "b", "")]);
    let (facts, graph) = &g;
    let walk = open_walk(facts, graph, STEP_BUDGET);
    let (a, b) = (facts.lookup("a").unwrap(), facts.lookup("b").unwrap());
    let (found, stopped) = all(&walk, a, b, 6, 2);
    assert_eq!((found.len(), stopped), (2, None));
    let (found, stopped) = all(&walk, a, b, 6, 1);
    assert_eq!((found.len(), stopped), (1, Some(Stop::Limit)));
    assert_eq!(all(&walk, a, b, 6, 0), (Vec::new(), Some(Stop::Limit)));
    assert_eq!(all(&walk, a, a, 6, 0), (Vec::new(), Some(Stop::Limit)));
    assert_eq!(all(&walk, a, a, 6, 1).1, None);
    // Five edges examined find the first path, not whether there is a
    // second: the budget, not the limit, stopped the search.
    let short = Walk { budget: 5, ..walk };
    let (found, stopped) = all(&short, a, b, 6, 1);
    assert_eq!((found.len(), stopped), (1, Some(Stop::Steps)));
}

#[test]
fn searches_stop_at_the_step_budget_and_say_so() {
    let g = facts("a b c d", &[("a", "b", ""), ("b", "c", ""), ("c", "d", "")]);
    let (facts, graph) = &g;
    let walk = open_walk(facts, graph, 2);
    let (a, d) = (facts.lookup("a").unwrap(), facts.lookup("d").unwrap());
    assert_eq!(shortest(&walk, a, d, 6), Err(Stop::Steps));
    assert_eq!(all(&walk, a, d, 6, 10).1, Some(Stop::Steps));
}

#[test]
fn events_the_filters_reject_are_not_walked_through() {
    let toml = r#"
[[actor]]
id = "a"
name = "A"
[[actor]]
id = "b"
name = "B"
[[event]]
id = "old"
title = "Old"
date = "2016"
actors = ["a", "b"]
[[event]]
id = "new"
title = "New"
date = "2024"
actors = ["a", "b"]
"#;
    let (facts, graph) = facts_from(toml);
    let args = FilterArgs {
        since: Some("2020".into()),
        ..FilterArgs::default()
    };
    let sel = args
        .resolve(&facts, &crate::graph::names::NameIndex::build(&facts))
        .unwrap()
        .select(&facts, || &graph);
    let (a, b) = (facts.lookup("a").unwrap(), facts.lookup("b").unwrap());
    let answer = paths(&facts, &graph, &sel, a, b, &PLAIN);
    assert_eq!(answer.paths.len(), 1);
    assert_eq!(answer.paths.iter().next().unwrap().hops[0].to.id, "new");
    let old = facts.lookup("old").unwrap();
    let to_old = paths(&facts, &graph, &sel, a, old, &PLAIN);
    assert_eq!(to_old.paths.len(), 1, "an endpoint is always allowed");
}

#[test]
fn a_huge_max_hops_finds_what_a_fitting_one_finds_within_the_same_budget() {
    // No simple path on 4 entities has more than 3 hops, so deepening past 3
    // must cost nothing: 60 edge examinations are plenty for every length.
    let g = facts(
        "a b c d",
        &[
            ("a", "b", ""),
            ("b", "c", ""),
            ("c", "a", ""),
            ("c", "d", ""),
            ("b", "d", ""),
        ],
    );
    let (facts, graph) = &g;
    let yes = |_: Ent| true;
    let walk = Walk {
        facts,
        graph,
        allowed: &yes,
        directed: false,
        chronological: false,
        budget: 60,
    };
    let (a, d) = (facts.lookup("a").unwrap(), facts.lookup("d").unwrap());
    let fitting = all(&walk, a, d, 3, 100);
    assert_eq!(fitting.0.len(), 4);
    assert_eq!(fitting.1, None);
    for huge in [4, 1000, 10_000_000, usize::MAX] {
        assert_eq!(all(&walk, a, d, huge, 100), fitting, "max_hops {huge}");
    }
}

#[test]
fn deepening_stops_once_no_branch_was_cut_short() {
    // Forty entities that nothing connects allow 41-hop paths in principle,
    // but after the 1-hop round nothing is left to lengthen: the search ends
    // there, well inside a budget of 10 edge examinations.
    let mut names = String::from("a b");
    for i in 0..40 {
        names.push_str(&format!(" x{i}"));
    }
    let g = facts(&names, &[("a", "b", "")]);
    let (facts, graph) = &g;
    let yes = |_: Ent| true;
    let walk = Walk {
        facts,
        graph,
        allowed: &yes,
        directed: false,
        chronological: false,
        budget: 10,
    };
    let (a, b) = (facts.lookup("a").unwrap(), facts.lookup("b").unwrap());
    let (found, stopped) = all(&walk, a, b, 41, 100);
    assert_eq!(found.len(), 1);
    assert_eq!(stopped, None, "the answer is complete");
}
