//! `chronicle neighbors ENTITY`: everything within N hops, nearest first,
//! with the connection that reached each.

use crate::harness::{Scratch, bundled};
use crate::schema::assert_valid;
use crate::show::no_trailing_spaces;

/// (distance, id) of each neighbour of a `--json` run.
fn found(args: &[&str]) -> Vec<(u64, String)> {
    let mut all = vec!["neighbors"];
    all.extend_from_slice(args);
    all.push("--json");
    let doc = bundled(&all).status(0).json();
    assert_valid("neighbors", &doc);
    doc["neighbors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["distance"].as_u64().unwrap(),
                n["entity"]["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn ids(list: &[(u64, &str)]) -> Vec<(u64, String)> {
    list.iter().map(|(d, s)| (*d, s.to_string())).collect()
}

#[test]
fn one_hop_by_default() {
    assert_eq!(
        found(&["moscow"]),
        ids(&[(1, "russia"), (1, "moscow-concert-hall-attack-2024")])
    );
}

#[test]
fn depth_walks_further_and_each_entity_keeps_its_distance() {
    assert_eq!(
        found(&["moscow", "--depth", "2"]),
        ids(&[
            (1, "russia"),
            (1, "moscow-concert-hall-attack-2024"),
            (2, "isis-k"),
            (2, "russian-government"),
        ])
    );
}

#[test]
fn text_shows_the_edge_the_entity_and_the_date_that_reached_each() {
    let run = bundled(&["neighbors", "moscow", "--depth", "2"])
        .status(0)
        .stderr_is("");
    let text = run.stdout();
    assert!(
        text.starts_with("Moscow [moscow] within 2 hops: 4 found\nhops  entity"),
        "{text}"
    );
    assert!(text.contains(
        "2     ISIS-K [isis-k]                                                    actor  <- perpetrator  Attack on a Moscow concert hall [moscow-concert-hall-attack-2024]  2024-03-22 (22 Mar 2024)\n"
    ), "{text}");
    no_trailing_spaces(&text);
}

#[test]
fn json_names_the_hop_that_reached_each_entity() {
    let doc = bundled(&["neighbors", "moscow", "--depth", "2", "--json"])
        .status(0)
        .json();
    assert_eq!(doc["start"]["id"], "moscow");
    assert_eq!(doc["depth"], 2);
    assert_eq!(doc["count"], 4);
    assert_eq!(doc["truncated"], false);
    assert_eq!(doc["limit"], 10000);
    let via = &doc["neighbors"][2]["via"];
    assert_eq!(via["from"]["id"], "moscow-concert-hall-attack-2024");
    assert_eq!(via["to"]["id"], "isis-k");
    assert_eq!(via["kind"], "perpetrator");
    assert_eq!(via["direction"], "in");
    assert_eq!(via["date"]["edtf"], "2024-03-22");
}

#[test]
fn rel_follows_only_the_edge_kinds_named() {
    assert_eq!(
        found(&["united-states", "--rel", "warned", "--rel", "sender"]),
        ids(&[
            (1, "russian-government"),
            (1, "us-warning-to-russia-2024-03-07")
        ])
    );
    let doc = bundled(&["neighbors", "moscow", "--rel", "located_in", "--json"])
        .status(0)
        .json();
    assert_eq!(doc["rel"], serde_json::json!(["located_in"]));
    assert_eq!(doc["count"], 1);
}

#[test]
fn an_edge_kind_no_edge_has_is_a_usage_error_with_the_nearest() {
    bundled(&["neighbors", "isis-k", "--rel", "perpetrater"])
        .status(2)
        .stderr_has("--rel `perpetrater`: no edge has this kind; did you mean `perpetrator`?");
}

#[test]
fn filters_keep_other_events_out_of_the_walk() {
    // What happened around Moscow in March 2024, and who took part.
    let list = found(&["isis-k", "--since", "2024-03", "--until", "2024-03"]);
    let events: Vec<&str> = list
        .iter()
        .map(|(_, id)| id.as_str())
        .filter(|id| id.contains("20"))
        .collect();
    assert_eq!(events, ["moscow-concert-hall-attack-2024"]);
    assert!(
        list.iter().any(|(_, id)| id == "taliban"),
        "actors are always walked"
    );
    let kinds = found(&["united-states", "--kind", "warning"]);
    assert!(
        kinds
            .iter()
            .any(|(_, id)| id == "us-warning-to-russia-2024-03-07")
    );
    assert!(!kinds.iter().any(|(_, id)| id == "afghanistan-pullout-2021"));
}

#[test]
fn actor_and_place_filters_apply_too() {
    let by_place = found(&["isis-k", "--place", "Russia"]);
    assert!(
        by_place
            .iter()
            .any(|(_, id)| id == "moscow-concert-hall-attack-2024")
    );
    assert!(!by_place.iter().any(|(_, id)| id == "iran-bombing-2024-01"));
    let by_actor = found(&["russia", "--depth", "3", "--actor", "russian-government"]);
    assert!(by_actor.iter().any(|(_, id)| id == "isis-k"));
    let around = found(&["moscow", "--depth", "2", "--around", "iran"]);
    assert_eq!(
        around,
        ids(&[(1, "russia")]),
        "--around keeps only events near Iran"
    );
}

#[test]
fn a_bad_filter_is_a_usage_error() {
    bundled(&["neighbors", "isis-k", "--since", "March"])
        .status(2)
        .stderr_has("--since `March` is not an EDTF date");
    bundled(&["neighbors", "isis-k", "--actor", "moscow"])
        .status(2)
        .stderr_has("--actor `moscow` is a place, not an actor");
}

#[test]
fn the_walk_stops_at_the_limit_and_says_so() {
    let run = bundled(&["neighbors", "isis-k", "--limit", "3", "--json"]).status(0);
    let run = run.stderr_has(
        "warning: stopped at 3 entities, the start included (--limit); there are more within 1 hop",
    );
    let doc = run.json();
    assert_valid("neighbors", &doc);
    assert_eq!(doc["truncated"], true);
    assert_eq!(doc["count"], 2);
    bundled(&["neighbors", "isis-k", "--limit", "3"])
        .status(0)
        .stderr_has("stopped at 3 entities")
        .stdout_has("within 1 hop: 2 found");
}

#[test]
fn a_limit_of_one_entity_is_one_entity() {
    bundled(&["neighbors", "isis-k", "--limit", "1"])
        .status(0)
        .stderr_is(
            "warning: stopped at 1 entity, the start included (--limit); there are more within 1 hop\n",
        );
}

#[test]
fn an_entity_with_no_neighbours_says_so() {
    let s = Scratch::new().file("facts/x.toml", "[[actor]]\nid = \"x\"\nname = \"X\"\n");
    s.run(&["neighbors", "x"])
        .status(0)
        .stdout_is("X [x] within 1 hop: 0 found\n");
}

#[test]
fn unknown_entity_is_a_usage_error() {
    bundled(&["neighbors", "Moskow"])
        .status(2)
        .stderr_has("did you mean `Moscow`");
}

#[test]
fn rel_and_filters_work_in_text_too() {
    bundled(&["neighbors", "moscow", "--rel", "located_in"])
        .status(0)
        .stdout_is("Moscow [moscow] within 1 hop: 1 found\nhops  entity           type   link           from             date\n1     Russia [russia]  place  -> located_in  Moscow [moscow]\n");
    bundled(&["neighbors", "moscow", "--until", "2024-03-01"])
        .status(0)
        .stdout_is("Moscow [moscow] within 1 hop: 1 found\nhops  entity           type   link           from             date\n1     Russia [russia]  place  -> located_in  Moscow [moscow]\n");
}

#[test]
fn other_fact_files_are_read_with_f() {
    let s = Scratch::new().file(
        "x/a.toml",
        "[[actor]]\nid = \"a\"\nname = \"A\"\n[[actor]]\nid = \"b\"\nname = \"B\"\n[[relation]]\nkind = \"knows\"\nfrom = \"a\"\nto = \"b\"\ndate = \"2020\"\n",
    );
    s.run(&["neighbors", "b", "-f", "x"])
        .status(0)
        .stdout_is("B [b] within 1 hop: 1 found\nhops  entity  type   link      from   date\n1     A [a]   actor  <- knows  B [b]  2020\n");
}
