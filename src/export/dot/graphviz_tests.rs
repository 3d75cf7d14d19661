//! The real Graphviz reads what we write: `dot -Tjson` and `-Tsvg` must
//! exit 0 with an empty stderr, and every node and edge label read back
//! must be the fact text it came from. Skipped (with a notice) when `dot`
//! is missing, except under `CI`, where Graphviz is required.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

use super::Layout;
use super::fixture::{self, DotText, Loaded};
use crate::model::{EntityRef, Facts};

/// Whether `dot` runs; under `CI` its absence fails the test.
pub(crate) fn dot_available() -> bool {
    let found = Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "Graphviz `dot` is required in CI but was not found"
        );
        eprintln!("note: Graphviz `dot` not found; skipping the Graphviz tests");
    }
    found
}

/// Runs `dot -T<format>` on the text; asserts exit 0 and an empty stderr.
fn run_dot(format: &str, input: &str) -> String {
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let bytes = input.as_bytes().to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&bytes));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dot -T{format} failed: {stderr}");
    assert!(
        stderr.is_empty(),
        "dot -T{format} wrote to stderr: {stderr}"
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Reads an escString back as Graphviz shows it: `\\` is `\`, `\n`, `\l`
/// and `\r` break lines, `&amp;` is `&`. Any other escape means we let one
/// through.
fn unescape(text: &str) -> String {
    let text = text.replace("&amp;", "&");
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('n' | 'l' | 'r') => out.push('\n'),
            other => panic!("unexpected escape \\{other:?} in {text:?}"),
        }
    }
    out
}

/// Reads a node name back to the id it was written from (`escape::id`):
/// Graphviz keeps a quoted name as written but for `\"`, so `\\`, `\n`,
/// `\r` and `\u{hex}` are ours to undo, and no entity is decoded.
fn name(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('u') if chars.as_str().starts_with('{') => {
                let code: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                out.extend(u32::from_str_radix(&code, 16).ok().and_then(char::from_u32));
            }
            other => panic!("unexpected escape \\{other:?} in name {text:?}"),
        }
    }
    out
}

/// The text as a label shows it: line breaks unified, tabs as spaces,
/// other control characters replaced.
fn shown(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', " ")
        .chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// Equal, except that a space of `want` may have become a line break.
fn same_but_wrapped(got: &str, want: &str) -> bool {
    got.chars().count() == want.chars().count()
        && got
            .chars()
            .zip(want.chars())
            .all(|(g, w)| g == w || (w == ' ' && g == '\n'))
}

/// The lines Graphviz draws for a label (`_ldraw_` text operations).
fn drawn_lines(object: &Value) -> Vec<String> {
    object["_ldraw_"]
        .as_array()
        .map(|ops| {
            ops.iter()
                .filter(|op| op["op"] == "T")
                .map(|op| op["text"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Checks a label read back against the text it must show; returns 1.
fn check_label(object: &Value, want: &str, what: &str) -> usize {
    let got = unescape(object["label"].as_str().unwrap_or(""));
    let want = shown(want);
    assert!(
        same_but_wrapped(&got, &want),
        "{what}: read back {got:?}, want {want:?}"
    );
    let lines: Vec<&str> = got.split('\n').filter(|l| !l.is_empty()).collect();
    assert_eq!(drawn_lines(object), lines, "{what}: drawn lines");
    1
}

/// The expected label of an entity, straight from the facts.
fn entity_text(facts: &Facts, id: &str) -> String {
    let ent = facts
        .lookup(id)
        .unwrap_or_else(|| panic!("no entity {id:?}"));
    match facts.entity(ent).unwrap() {
        EntityRef::Actor(a) => facts.str(a.name).to_owned(),
        EntityRef::Place(p) => facts.str(p.name).to_owned(),
        EntityRef::Event(e) => {
            let mut text = format!("{}\n{}", facts.str(e.title), e.date.human());
            let counts: Vec<String> = [(e.killed, "killed"), (e.injured, "injured")]
                .iter()
                .filter_map(|(c, w)| c.map(|c| format!("{c} {w}")))
                .collect();
            if !counts.is_empty() {
                text = format!("{text}\n{}", counts.join(", "));
            }
            text
        }
    }
}

/// Every edge the facts imply: (from id, to id, label), sorted.
fn expected_edges(facts: &Facts) -> Vec<(String, String, Option<String>)> {
    let id = |s| facts.str(s).to_owned();
    let mut edges = Vec::new();
    for p in &facts.places {
        if let Some(w) = p.within.and_then(|w| facts.place(w)) {
            edges.push((id(p.id), id(w.id), None));
        }
    }
    for e in &facts.events {
        for part in &e.actors {
            let role = facts.opt_str(part.role).unwrap_or("participant");
            let actor = facts.actor(part.actor).unwrap();
            edges.push((id(actor.id), id(e.id), Some(role.to_owned())));
        }
        if let Some(p) = e.place.and_then(|p| facts.place(p)) {
            edges.push((id(e.id), id(p.id), None));
        }
    }
    for r in &facts.relations {
        let text = match &r.date {
            Some(d) => format!("{}\n{}", facts.str(r.kind), d.human()),
            None => facts.str(r.kind).to_owned(),
        };
        edges.push((
            facts.id_of(r.from).into(),
            facts.id_of(r.to).into(),
            Some(text),
        ));
    }
    edges.sort();
    edges
}

/// Renders, runs `dot -Tsvg` and `-Tjson`, compares every label; returns
/// how many labels were compared and the parsed JSON.
pub(crate) fn check(loaded: &Loaded, title: &str, layout: Layout) -> (usize, Value) {
    let dot = loaded.dot(title, layout);
    let svg = run_dot("svg", &dot);
    assert!(svg.contains("<svg"), "{layout:?}");
    let json: Value = serde_json::from_str(&run_dot("json", &dot)).unwrap();
    let facts = &loaded.facts;
    let mut compared = check_label(&json, title, "graph title");
    let none = Vec::new();
    let objects = json["objects"].as_array().unwrap_or(&none);
    let mut names = Vec::new();
    for object in objects.iter().filter(|o| o.get("nodes").is_none()) {
        let name = name(object["name"].as_str().unwrap());
        if name.starts_with("legend ")
            || name.starts_with("period ")
            || name.starts_with("cluster_")
        {
            continue;
        }
        compared += check_label(object, &entity_text(facts, &name), &name);
        names.push(name);
    }
    names.sort();
    let mut ids: Vec<String> = facts.ents().map(|e| facts.id_of(e).to_owned()).collect();
    ids.sort();
    assert_eq!(names, ids, "{layout:?}: one node per entity");
    let name_of = |gvid: &Value| {
        let object = &objects[usize::try_from(gvid.as_u64().unwrap()).unwrap()];
        name(object["name"].as_str().unwrap())
    };
    let mut edges = Vec::new();
    for edge in json["edges"].as_array().into_iter().flatten() {
        let (tail, head) = (name_of(&edge["tail"]), name_of(&edge["head"]));
        if edge["style"] == "invis" {
            assert!(tail.starts_with("period ") || tail.starts_with("legend "));
            continue;
        }
        let got = edge["label"]
            .as_str()
            .map(unescape)
            .filter(|l| !l.is_empty());
        match &got {
            Some(text) => {
                check_label(edge, text, "edge");
            }
            None => assert!(drawn_lines(edge).is_empty()),
        }
        edges.push((tail, head, got));
    }
    edges.sort();
    let mut want: Vec<_> = expected_edges(facts)
        .into_iter()
        .map(|(a, b, l)| (a, b, l.map(|l| shown(&l)).filter(|l| !l.is_empty())))
        .collect();
    want.sort();
    assert_eq!(edges, want, "{layout:?}: edges and their labels");
    (
        compared + want.iter().filter(|e| e.2.is_some()).count(),
        json,
    )
}

#[test]
fn hostile_facts_read_back_exactly_in_both_layouts() {
    if !dot_available() {
        return;
    }
    let loaded = fixture::hostile();
    let title = "Hostile \"title\" \\N \\G <b>&</b> {;} داعش 🎉\nsecond line \\";
    for layout in [Layout::Graph, Layout::Timeline] {
        let (compared, json) = check(&loaded, title, layout);
        assert_eq!(compared, 27, "{layout:?}: labels compared");
        legend_lists_every_kind(&loaded.facts, &json);
    }
}

/// Every (category, kind) drawn has a legend sample reading the kind.
fn legend_lists_every_kind(facts: &Facts, json: &Value) {
    let labels: BTreeMap<String, String> = json["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| {
            let name = name(o["name"].as_str()?);
            let label = unescape(o["label"].as_str()?);
            name.starts_with("legend ").then_some((name, label))
        })
        .collect();
    for ent in facts.ents() {
        let category = facts.kind(ent).as_str();
        match facts.opt_str(super::kind_and_dashed(facts, ent).0) {
            Some(kind) => {
                let label = &labels[&format!("legend {category} kind {kind}")];
                assert_eq!(label, &shown(kind));
            }
            None => assert!(labels.contains_key(&format!("legend {category} none"))),
        }
    }
    assert!(labels.contains_key("legend date dashed"));
    let clusters = json["objects"].as_array().unwrap().iter();
    let legend = clusters
        .filter(|o| o["id"] == "cluster_legend")
        .filter(|o| {
            o["name"]
                .as_str()
                .is_some_and(|n| n.starts_with("cluster_"))
        })
        .count();
    assert_eq!(legend, 1);
}

#[test]
fn bundled_facts_lay_out_cleanly_in_both_layouts() {
    if !dot_available() {
        return;
    }
    let loaded = fixture::bundled();
    for layout in [Layout::Graph, Layout::Timeline] {
        let (compared, _) = check(&loaded, "ISIS-K and Russia", layout);
        assert_eq!(compared, 79, "{layout:?}: labels compared");
    }
}

#[test]
fn timeline_columns_are_left_to_right_in_time_order() {
    if !dot_available() {
        return;
    }
    let labels = drawn_columns(&fixture::hostile());
    assert_eq!(
        labels,
        [
            "15 Mar 44 BC",
            "1990s",
            "2016",
            "2021",
            "7 Mar 2024",
            "2 Apr 2024"
        ]
    );
    let mut dates = vec!["2024-03-22", "2024-06-15"];
    dates.extend(fixture::SEASONS_AND_BC);
    let labels = drawn_columns(&fixture::dated(&dates));
    assert_eq!(
        labels,
        [
            "110–101 BC",
            "15 Mar 44 BC",
            "1 BC",
            "Summer 2023",
            "Spring 2024",
            "22 Mar 2024",
            "15 Jun 2024",
            "Winter 2024"
        ]
    );
}

/// The column headings as Graphviz draws them, after checking that they
/// stand left to right in order and that each event stands in its column.
fn drawn_columns(loaded: &Loaded) -> Vec<String> {
    let (_, json) = check(loaded, "t", Layout::Timeline);
    let objects = json["objects"].as_array().unwrap();
    let x = |o: &Value| -> f64 {
        let pos = o["pos"].as_str().unwrap();
        pos.split(',').next().unwrap().parse().unwrap()
    };
    let mut heads: Vec<(usize, String, f64)> = objects
        .iter()
        .filter_map(|o| {
            let n: usize = o["name"].as_str()?.strip_prefix("period ")?.parse().ok()?;
            Some((n, o["label"].as_str()?.to_owned(), x(o)))
        })
        .collect();
    heads.sort_by_key(|h| h.0);
    assert!(heads.windows(2).all(|w| w[0].2 < w[1].2), "{heads:?}");
    let facts = &loaded.facts;
    let columns = super::timeline::group(facts, &loaded.sel.events);
    for e in &loaded.sel.events {
        let ev = facts.event(*e).unwrap();
        let object = objects
            .iter()
            .find(|o| o["name"].as_str().map(name).as_deref() == Some(facts.str(ev.id)))
            .unwrap();
        let column = columns.values().position(|evs| evs.contains(e)).unwrap();
        assert_eq!(
            x(object),
            heads[column].2,
            "{} stands in its column",
            facts.str(ev.id)
        );
    }
    heads.into_iter().map(|h| h.1).collect()
}
