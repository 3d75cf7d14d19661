//! Structure of the DOT text, read without Graphviz: nodes, edges, quoting,
//! legend, timeline columns and determinism.

use dot_writer::{Attributes, DotWriter};

use super::fixture;
use super::fixture::DotText;
use super::{LAYOUT_LIMIT, Layout, escape};
use crate::query::filter::Selection;

/// Lines that declare a node with this quoted id.
fn declarations(dot: &str, quoted: &str) -> usize {
    let start = format!("{quoted} [");
    dot.lines()
        .filter(|l| l.trim_start().starts_with(&start))
        .count()
}

fn edge_lines(dot: &str) -> Vec<&str> {
    dot.lines().filter(|l| l.contains("\" -> \"")).collect()
}

#[test]
fn pretty_mode_keeps_spaces_and_punctuation_in_quoted_ids() {
    let mut out = Vec::new();
    {
        let mut writer = DotWriter::from(&mut out);
        writer.set_pretty_print(true);
        let mut g = writer.digraph();
        g.node_named(escape::id("a b:c \"d\""))
            .set("label", &escape::text("x  y"), true);
        g.edge(escape::id("node"), escape::id("a b:c \"d\""));
    }
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains(r#""a b:c \"d\"" [label="x  y"];"#), "{text}");
    assert!(text.contains(r#""node" -> "a b:c \"d\"";"#), "{text}");
}

#[test]
fn every_kept_entity_is_one_node_and_every_edge_is_drawn() {
    let loaded = fixture::bundled();
    let facts = &loaded.facts;
    for layout in [Layout::Graph, Layout::Timeline] {
        let dot = loaded.dot("t", layout);
        for ent in facts.ents() {
            let id = escape::id(facts.id_of(ent));
            assert_eq!(declarations(&dot, &id), 1, "{id} in {layout:?}");
        }
        let chain = dot.matches("style=\"invis\"").count();
        assert_eq!(
            edge_lines(&dot).len() - chain,
            loaded.graph.g.edge_count(),
            "{layout:?}"
        );
    }
}

#[test]
fn the_same_facts_give_the_same_bytes() {
    for layout in [Layout::Graph, Layout::Timeline] {
        let first = fixture::bundled().dot("Title", layout);
        let again = fixture::bundled().dot("Title", layout);
        assert_eq!(first, again);
        let hostile = fixture::hostile().dot("Title", layout);
        assert_eq!(hostile, fixture::hostile().dot("Title", layout));
    }
}

#[test]
fn title_is_escaped_and_on_top() {
    let dot = fixture::bundled().dot("A \"quoted\" \\N title\n2", Layout::Graph);
    assert!(
        dot.contains(r#"label="A \"quoted\" \\N title\n2""#),
        "{dot}"
    );
    assert!(dot.contains(r#"labelloc="t""#));
    assert!(dot.starts_with("digraph {\n"));
    assert!(dot.ends_with("}\n") || dot.ends_with('}'));
}

#[test]
fn only_kept_entities_and_edges_between_them_are_drawn() {
    let mut loaded = fixture::bundled();
    let keep_id = ["isis-k", "moscow-concert-hall-attack-2024", "moscow"];
    let keep: Vec<bool> = loaded
        .facts
        .ents()
        .map(|e| keep_id.contains(&loaded.facts.id_of(e)))
        .collect();
    let events = loaded
        .sel
        .events
        .iter()
        .copied()
        .filter(|&e| keep.get(loaded.facts.event_ent(e).index()) == Some(&true))
        .collect();
    loaded.sel = Selection {
        events,
        keep,
        truncated: false,
    };
    let dot = loaded.dot("t", Layout::Graph);
    for ent in loaded.facts.ents() {
        let id = escape::id(loaded.facts.id_of(ent));
        let want = usize::from(keep_id.contains(&loaded.facts.id_of(ent)));
        assert_eq!(declarations(&dot, &id), want, "{id}");
    }
    let edges = edge_lines(&dot);
    assert!(edges.iter().any(|l| {
        l.contains(r#""isis-k" -> "moscow-concert-hall-attack-2024" [label="perpetrator""#)
    }));
    assert!(edges.iter().any(|l| {
        l.trim_start()
            .starts_with(r#""moscow-concert-hall-attack-2024" -> "moscow" ["#)
    }));
    // The claim of the attack is a relation of its own between the two.
    assert!(edges.iter().any(|l| {
        l.contains(
            r#""isis-k" -> "moscow-concert-hall-attack-2024" [label="claimed_responsibility_for"#,
        )
    }));
    let drawn = edges.iter().filter(|l| !l.contains("invis")).count();
    assert_eq!(drawn, 3, "{dot}");
}

#[test]
fn an_empty_selection_is_a_valid_empty_graph() {
    let mut loaded = fixture::bundled();
    loaded.sel = Selection {
        events: Vec::new(),
        keep: vec![false; loaded.facts.entity_count()],
        truncated: false,
    };
    for layout in [Layout::Graph, Layout::Timeline] {
        let dot = loaded.dot("nothing", layout);
        assert!(!dot.contains("->"), "{dot}");
        assert!(!dot.contains("cluster"), "{dot}");
        assert_eq!(dot.matches('{').count(), dot.matches('}').count());
    }
}

#[test]
fn events_carry_title_readable_date_counts_and_dashes() {
    let dot = fixture::bundled().dot("t", Layout::Graph);
    let line = |id: &str| {
        let start = format!("\"{id}\" [");
        dot.lines()
            .find(|l| l.trim_start().starts_with(&start))
            .unwrap()
            .to_owned()
    };
    let attack = line("moscow-concert-hall-attack-2024");
    assert!(
        attack.contains(r#"label="Attack on a Moscow concert\nhall\n22 Mar 2024\n140+ killed""#)
    );
    assert!(attack.contains(r#"style="rounded,filled""#));
    let old = line("western-europe-attack-2016");
    assert!(old.contains(r"\nc. 2016\n17 killed"), "{old}");
    assert!(old.contains(r#"style="rounded,filled,dashed""#));
    assert!(line("iran-bombing-2024-01").contains(r"\nJan 2024\n~100 killed"));
    assert!(line("mark-quantock").contains(r#"shape="ellipse""#));
    assert!(line("united-states").contains(r#"shape="hexagon""#));
    assert!(line("moscow").contains(r#"shape="house""#));
    assert!(dot.contains(r#"label="lacks_reach_to_target\n? – 2 Apr 2024""#));
}

#[test]
fn legend_shows_each_category_and_kind_drawn_once() {
    let loaded = fixture::hostile();
    let dot = loaded.dot("t", Layout::Graph);
    assert_eq!(dot.matches("subgraph cluster_").count(), 1);
    assert!(dot.contains(r#"id="cluster_legend""#));
    let facts = &loaded.facts;
    for ent in facts.ents() {
        let (kind, category) = (super::kind_and_dashed(facts, ent).0, facts.kind(ent));
        let id = match facts.opt_str(kind) {
            Some(k) => format!("legend {} kind {k}", category.as_str()),
            None => format!("legend {} none", category.as_str()),
        };
        assert_eq!(declarations(&dot, &escape::id(&id)), 1, "{id}");
    }
    assert_eq!(declarations(&dot, "\"legend date dashed\""), 1);
    let nodes: Vec<&str> = dot
        .lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with("\"legend ") && !l.contains(" -> "))
        .collect();
    let samples = nodes.len();
    let headings = nodes
        .iter()
        .filter(|l| l.starts_with("\"legend heading "))
        .count();
    // actor: person, state, Secret service ✨, group, none, <i>kind</i>;
    // place: city, country; event: attack, statement, zz custom, none; the dashed date.
    assert_eq!(samples - headings, 13, "{dot}");
    assert_eq!(headings, 4);
    let order: Vec<&str> = nodes
        .iter()
        .filter_map(|l| l.strip_prefix("\"legend heading "))
        .collect();
    assert!(
        order[0].starts_with("actor\" [label=\"Actors\""),
        "{order:?}"
    );
    assert!(order[3].starts_with("date\" [label=\"Dates\""), "{order:?}");
}

#[test]
fn the_legend_leaves_out_the_dashed_sample_when_no_date_is_uncertain() {
    let loaded = fixture::from_toml(
        "[[event]]\nid = \"a\"\ntitle = \"A\"\ndate = \"2024\"\n\n\
         [[event]]\nid = \"b\"\ntitle = \"B\"\ndate = \"2024-05\"\nkind = \"attack\"\n",
    );
    let dot = loaded.dot("t", Layout::Graph);
    assert_eq!(declarations(&dot, "\"legend date dashed\""), 0);
    assert_eq!(declarations(&dot, "\"legend event kind attack\""), 1);
    assert_eq!(declarations(&dot, "\"legend event none\""), 1);
}

/// The period headings in file order, and the ids of the events in each column.
fn columns(dot: &str) -> Vec<(String, Vec<String>)> {
    let mut columns = Vec::new();
    let mut lines = dot.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if line != "subgraph {" {
            continue;
        }
        let Some("rank=same;") = lines.next() else {
            continue;
        };
        let head = lines.next().unwrap();
        if !head.starts_with("\"period ") {
            continue;
        }
        let label = head
            .split("label=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let mut events = Vec::new();
        for line in lines.by_ref() {
            if line == "}" {
                break;
            }
            events.push(line.split('"').nth(1).unwrap().to_owned());
        }
        columns.push((label.to_owned(), events));
    }
    columns
}

#[test]
fn timeline_columns_run_in_time_order() {
    let dot = fixture::bundled().dot("t", Layout::Timeline);
    assert!(dot.contains(r#"rankdir="LR""#));
    let cols = columns(&dot);
    let labels: Vec<&str> = cols.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "2016",
            "2021",
            "Jan 2024",
            "7 Mar 2024",
            "22 Mar 2024",
            "2 Apr 2024"
        ]
    );
    let sizes: Vec<usize> = cols.iter().map(|(_, e)| e.len()).collect();
    assert_eq!(sizes, [1, 2, 1, 1, 1, 5]);
    assert_eq!(cols[4].1, ["moscow-concert-hall-attack-2024"]);
    for i in 1..cols.len() {
        let chain = format!(
            "\"period {}\" -> \"period {i}\" [style=\"invis\", minlen=\"2\"];",
            i - 1
        );
        assert!(dot.contains(&chain), "{chain}");
    }
}

#[test]
fn timeline_periods_grow_with_the_span() {
    let mut toml = String::new();
    for year in 1900..1990 {
        toml.push_str(&format!(
            "[[event]]\nid = \"e{year}\"\ntitle = \"E\"\ndate = \"{year}-06-01\"\n\n"
        ));
    }
    let dot = fixture::from_toml(&toml).dot("t", Layout::Timeline);
    let labels: Vec<String> = columns(&dot).into_iter().map(|(l, _)| l).collect();
    assert_eq!(labels.len(), 9, "{labels:?}");
    // Decades: the first is not "1900s", which would name the century.
    assert_eq!(labels.first().map(String::as_str), Some("1900–1909"));
    assert_eq!(labels.last().map(String::as_str), Some("1980s"));
}

/// The labels and event ids of `columns`, as text.
fn owned(columns: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
    let ids = |ids: &[&str]| ids.iter().map(|&id| id.to_owned()).collect();
    columns
        .iter()
        .map(|&(l, e)| (l.to_owned(), ids(e)))
        .collect()
}

#[test]
fn timeline_columns_hold_seasons_and_bc_decades_whole() {
    let loaded = fixture::dated(&["2024-03-22", "2024-24", "2024-06-15", "-010X"]);
    let got = columns(&loaded.dot("t", Layout::Timeline));
    let want = owned(&[
        ("110–101 BC", &["e3"]),
        ("22 Mar 2024", &["e0"]),
        ("15 Jun 2024", &["e2"]),
        ("Winter 2024", &["e1"]),
    ]);
    assert_eq!(got, want);
}

#[test]
fn timeline_years_leave_winter_whole() {
    // Forty months call for years.
    let mut dates: Vec<String> = (0..40)
        .map(|m| format!("{}-{:02}-01", 2020 + m / 12, m % 12 + 1))
        .collect();
    dates.extend(fixture::SEASONS_AND_BC.map(str::to_owned));
    let dates: Vec<&str> = dates.iter().map(String::as_str).collect();
    let got = columns(&fixture::dated(&dates).dot("t", Layout::Timeline));
    let labels: Vec<&str> = got.iter().map(|(l, _)| l.as_str()).collect();
    let years = ["2020", "2021", "2022", "2023", "2024"];
    assert_eq!(labels[..3], ["110–101 BC", "44 BC", "1 BC"]);
    assert_eq!(labels[3..8], years);
    assert_eq!(labels[8..], ["Winter 2024"]);
    assert_eq!(got[6].1, ["e36", "e37", "e38", "e39", "e41"]);
    assert_eq!(got[7].1, ["e45"]);
    assert_eq!(got[8].1, ["e40"]);
}

#[test]
fn timeline_ranks_only_edges_that_keep_time_order() {
    let dot = fixture::hostile().dot("t", Layout::Timeline);
    let edge = |from: &str, to: &str| {
        let start = format!("{} -> {} [", escape::id(from), escape::id(to));
        dot.lines()
            .filter(|l| l.trim_start().starts_with(&start))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let unranked = |lines: Vec<String>| lines.iter().all(|l| l.contains(r#"constraint="false""#));
    assert!(unranked(edge("ev-1", "ev-2")));
    assert!(unranked(edge("subgraph", "graph")));
    assert!(!unranked(edge("graph", "node")));
    assert!(!unranked(edge("node", "ev-1")));
    assert!(!unranked(edge("digraph", "subgraph")));
}

#[test]
fn place_links_are_lighter_and_unlabelled() {
    let dot = fixture::bundled().dot("t", Layout::Graph);
    let line = dot
        .lines()
        .find(|l| l.trim_start().starts_with(r#""moscow" -> "russia" ["#))
        .unwrap();
    assert!(!line.contains("label="), "{line}");
    assert!(line.contains(&format!("color=\"{}\"", super::PLACE_LINK)));
}

#[test]
fn layout_limit_is_what_callers_warn_above() {
    assert_eq!(LAYOUT_LIMIT, 5_000);
    assert_eq!(Layout::default(), Layout::Graph);
}

/// Takes `room` bytes, then fails as a full disk does.
struct Full {
    room: usize,
    taken: Vec<u8>,
}

impl std::io::Write for Full {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.len() > self.room {
            return Err(std::io::Error::other("no space left"));
        }
        self.room -= buf.len();
        self.taken.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_failing_writer_is_an_error_and_a_working_one_gets_the_whole_file() {
    let loaded = fixture::bundled();
    let view = loaded.view("t");
    let opts = super::Options::default();
    let whole = super::render(&view, &opts);
    let mut roomy = Full {
        room: usize::MAX,
        taken: Vec::new(),
    };
    super::write(&view, &opts, &mut roomy).unwrap();
    assert_eq!(roomy.taken, whole);
    let mut full = Full {
        room: 100,
        taken: Vec::new(),
    };
    let err = super::write(&view, &opts, &mut full).unwrap_err();
    assert_eq!(err.to_string(), "no space left");
    assert!(full.taken.len() <= 100 && whole.starts_with(&full.taken));
}
